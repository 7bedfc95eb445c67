"""Edit text in the user's editor ($VISUAL, then $EDITOR, then vi), honestly.

- The command is parsed with shlex; one that cannot be parsed (an unclosed quote), is
  empty, or names a program that is not there gives `EditorError` with a clear message
  *before* the TUI is suspended, so the screen never goes blank for nothing.
- The editor's exit status counts: a non-zero exit (vim's `:cq`) raises `EditorAborted`
  and nothing is offered for saving.
- The text goes to a 0600 file in a private 0700 folder of its own, which is removed on
  every way out: a normal return, an exception, SIGTERM or SIGHUP (handlers installed for
  the duration and restored after; the signal is then delivered as it would have been),
  and SIGKILL (the folder is named with the pid: the next edit removes folders of dead
  processes).

The TUI passes its suspension as a context manager: `edit_text(text, suspend=app.suspend())`.
No Textual.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import stat
import subprocess
import tempfile
import threading
from collections.abc import Mapping
from pathlib import Path
from types import FrameType
from typing import Any

from vtui.changes.pids import alive

DEFAULT_EDITOR = "vi"
_CAUGHT = (signal.SIGTERM, signal.SIGHUP)


class EditorError(Exception):
    """The editor cannot be used (unparsable command, missing program, unsafe folder)."""


class EditorAborted(Exception):
    """The editor exited with a non-zero status: the edit is abandoned, nothing saved."""

    def __init__(self, status: int) -> None:
        self.status = status
        super().__init__(f"The editor exited with status {status}; nothing saved.")


class _Signalled(BaseException):
    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(signum)


def editor_command(env: Mapping[str, str] | None = None) -> list[str]:
    """The editor's argv from $VISUAL or $EDITOR (vi when neither is set)."""
    env = os.environ if env is None else env
    name, value = next(
        ((n, env[n]) for n in ("VISUAL", "EDITOR") if env.get(n, "").strip()),
        ("", DEFAULT_EDITOR),
    )
    try:
        argv = shlex.split(value)
    except ValueError as exc:
        raise EditorError(
            f"${name} cannot be read as a command ({exc}): {value!r}. Fix it in your shell, "
            "e.g. export VISUAL='vim'"
        ) from None
    if not argv:
        raise EditorError(f"${name} is empty; set it to your editor, e.g. export VISUAL=vim")
    program = shutil.which(argv[0], path=env.get("PATH"))
    if program is None:
        raise EditorError(
            f"The editor {argv[0]!r} (from ${name or 'VISUAL/$EDITOR, defaulting to vi'}) "
            "is not installed or not on PATH; set $VISUAL or $EDITOR to one that is"
        )
    return [program, *argv[1:]]


def private_base(folder: Path | None = None) -> Path:
    """The per-user folder the edit folders live in (0700, owned by us, not a symlink)."""
    base = folder or Path(tempfile.gettempdir()) / f"vtui-{os.getuid()}"
    with contextlib.suppress(FileExistsError):
        base.mkdir(mode=0o700, parents=False)
    info = base.lstat()
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        raise EditorError(f"{base} is not a folder of yours; remove it and try again")
    if info.st_mode & 0o077:
        os.chmod(base, 0o700)
    return base


def clean_stale(base: Path) -> list[Path]:
    """Remove edit folders whose vtui process is gone (killed while editing)."""
    removed = []
    for folder in base.glob("edit-*-*"):
        pid = folder.name.split("-")[1]
        if pid.isdigit() and not alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def edit_text(
    text: str,
    *,
    suspend: contextlib.AbstractContextManager[Any] | None = None,
    suffix: str = ".json",
    env: Mapping[str, str] | None = None,
    folder: Path | None = None,
    quiet: bool = False,
) -> str:
    """`text` after the user edited it. Raises `EditorError` (nothing started) or
    `EditorAborted` (the editor exited non-zero). `suspend` is entered only around the
    editor itself; `quiet` runs it without the terminal (a headless app, tests)."""
    command = editor_command(env)
    base = private_base(folder)
    clean_stale(base)
    work = Path(tempfile.mkdtemp(prefix=f"edit-{os.getpid()}-", dir=base))  # 0700
    path = work / f"customer{suffix}"
    signalled: int | None = None
    previous = _install_handlers()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        with suspend if suspend is not None else contextlib.nullcontext():
            status = _run([*command, str(path)], quiet)
        if status != 0:
            raise EditorAborted(status)
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise EditorError("The editor removed the file; nothing saved.") from None
        except UnicodeDecodeError:
            raise EditorError("The edited file is not UTF-8; nothing saved.") from None
    except _Signalled as caught:
        signalled = caught.signum
    finally:
        shutil.rmtree(work, ignore_errors=True)
        _restore_handlers(previous)
    assert signalled is not None  # only a signal gets here
    signal.raise_signal(signalled)  # as it would have been delivered without us
    raise EditorError(f"The edit was stopped by {signal.Signals(signalled).name}; nothing saved.")


def _run(argv: list[str], quiet: bool) -> int:
    quiet_args: dict[str, Any] = {"stdin": subprocess.DEVNULL, "capture_output": True}
    try:
        done = subprocess.run(argv, check=False, **(quiet_args if quiet else {}))
    except OSError as exc:
        raise EditorError(f"Cannot start the editor {argv[0]!r}: {exc.strerror}") from None
    return done.returncode


def _install_handlers() -> dict[int, Any]:
    """Turn SIGTERM and SIGHUP into an exception for the duration, so the temp folder is
    removed on the way out; only the main thread may set handlers."""
    if threading.current_thread() is not threading.main_thread():
        return {}

    def handler(signum: int, frame: FrameType | None) -> None:
        raise _Signalled(signum)

    return {sig: signal.signal(sig, handler) for sig in _CAUGHT}


def _restore_handlers(previous: dict[int, Any]) -> None:
    for sig, old in previous.items():
        signal.signal(sig, old if old is not None else signal.SIG_DFL)
