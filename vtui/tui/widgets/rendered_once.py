"""A rich renderable that is laid out once per width, however often it is asked for.

Textual renders a Static's rich content once to learn its height and again to paint it;
for the Overview's nested tables that doubled the cost of opening a customer.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment

OptionsKey = tuple[object, ...]


class RenderedOnce:
    """Wraps a renderable whose output depends on the width, not on the height asked."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable
        self._segments: dict[OptionsKey, list[Segment]] = {}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        key: OptionsKey = (
            options.max_width,
            options.min_width,
            options.no_wrap,
            options.overflow,
            options.justify,
            options.highlight,
            options.markup,
        )
        segments = self._segments.get(key)
        if segments is None:
            segments = list(console.render(self.renderable, options))
            self._segments[key] = segments
        yield from segments

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.renderable)
