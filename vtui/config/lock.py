"""One lock for every read-modify-write of config.toml and credentials.toml.

Two `vtui login` at once each read the files, add their profile and write them back; without
a lock the second write drops the first's profile or token. Every writer holds this lock
(`.vtui.lock` in the config folder, a `filelock` OS lock that dies with its process) from the
read to the atomic replace. It is re-entrant within a process, so `save_profile` can hold it
around both files while each file's own writer takes it again.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from vtui.config.errors import ConfigError

LOCK_FILE = ".vtui.lock"
LOCK_TIMEOUT = 30.0


@contextmanager
def config_lock(folder: Path) -> Iterator[None]:
    """Hold the config folder's write lock (creating the folder privately if missing)."""
    from filelock import FileLock, Timeout

    from vtui.config.atomic import ensure_private_dir

    ensure_private_dir(folder)
    path = folder / LOCK_FILE
    lock = FileLock(path, timeout=LOCK_TIMEOUT, mode=0o600, is_singleton=True)
    try:
        lock.acquire()
    except Timeout:
        raise ConfigError(
            f"another vtui has held the lock for {LOCK_TIMEOUT:g} s; try again when it is done",
            path=path,
        ) from None
    except OSError as exc:
        raise ConfigError(f"cannot lock it ({exc.strerror or exc})", path=path) from None
    try:
        yield
    finally:
        lock.release()
