"""The text of an SVG screenshot, line by line, each span at its own column.

    python -m tests.svg_text screenshots/*.svg

Textual's SVG export writes one <text> element per styled span, with the spaces between
spans as non-breaking spaces inside them: joining the elements' stripped text runs words
together ("Patricia Patel<patricia…>") although the screen has them apart. This places each
span at the column its x gives, so what it prints is what the terminal showed.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

CELL_WIDTH = 12.2
"""Textual's SVG export: one terminal cell is 12.2 units wide."""
_SPAN = re.compile(r'<text class="[^"]*-r\d+"[^>]* x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>')


def svg_lines(svg: str) -> list[str]:
    """The screen's lines (the window title left out), trailing spaces removed."""
    rows: dict[float, dict[int, str]] = {}
    for match in _SPAN.finditer(svg):
        column = round(float(match[1]) / CELL_WIDTH)
        text = html.unescape(match[3]).replace("\xa0", " ")
        rows.setdefault(float(match[2]), {})[column] = text
    lines = []
    for y in sorted(rows):
        line = ""
        for column in sorted(rows[y]):
            line = line.ljust(column)[:column] + rows[y][column]
        lines.append(line.rstrip())
    return lines


def main(argv: list[str] | None = None) -> int:
    for name in sys.argv[1:] if argv is None else argv:
        print(f"===== {name}")
        print("\n".join(svg_lines(Path(name).read_text(encoding="utf-8"))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
