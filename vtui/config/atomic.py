"""Atomic file replacement: readers see the old file or the new one, never a torn one."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes, *, mode: int = 0o600) -> None:
    """Write `data` to a temp file beside `path`, fsync it, then os.replace it into place.

    The temp file is created with `mode` from the start (mkstemp makes it 0600), so a
    secret is never readable by others, not even for a moment. On any failure the temp
    file is removed and `path` is left as it was.
    """
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            if hasattr(os, "fchmod"):  # POSIX; Windows guards files with ACLs instead
                os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (the folder entry), where the OS allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def ensure_private_dir(folder: Path) -> None:
    """Create `folder` as 0700 (parents as the umask says) if it is missing.

    A folder that already exists keeps its mode: vtui never chmods what it did not create,
    nor follows a symlinked folder to its target. One that others can write to (group or
    world writable, like /tmp's 1777) is refused with the fix, since someone else could
    plant or swap files in it; a readable one is fine, as vtui's files are 0600 themselves.
    """
    try:
        folder.mkdir(mode=0o700, parents=True)
    except FileExistsError:
        check_private_dir(folder)
    except PermissionError as exc:
        raise _folder_error(folder, f"cannot create it ({exc.strerror})") from None


def check_private_dir(folder: Path) -> None:
    """Raise what `ensure_private_dir` would, without creating or changing anything.

    A missing folder is fine when vtui could create it (its nearest existing parent is
    writable by you).
    """
    try:
        info = folder.stat()
    except FileNotFoundError:
        parent = folder.parent
        while not parent.exists() and parent != parent.parent:
            parent = parent.parent
        problem = _unwritable(parent)
        if problem:
            raise _folder_error(folder, f"cannot be created in {parent} ({problem})") from None
        return
    except OSError as exc:
        raise _folder_error(folder, f"cannot use it ({exc.strerror})") from None
    if not stat.S_ISDIR(info.st_mode):
        raise _folder_error(folder, "is not a folder")
    mode = stat.S_IMODE(info.st_mode)
    if os.name != "nt" and mode & 0o022:
        raise _folder_error(
            folder,
            f"is {mode:04o}, writable by others, so vtui will not keep files there; make it "
            f"private with: chmod 700 {folder}  (or set VTUI_CONFIG_DIR to a private folder)",
        )
    problem = _unwritable(folder)
    if problem:
        raise _folder_error(
            folder, f"cannot write in it ({problem}); fix with: chmod u+rwx {folder}"
        )


def _unwritable(folder: Path) -> str | None:
    """Why no file can be created in `folder` (tried for real: access() lies to root)."""
    try:
        with tempfile.TemporaryFile(dir=folder, prefix=".vtui-probe-"):
            return None
    except OSError as exc:
        return exc.strerror or type(exc).__name__


def _folder_error(folder: Path, problem: str) -> Exception:
    from vtui.config.errors import UnsafeFolderError

    return UnsafeFolderError(problem, path=folder)
