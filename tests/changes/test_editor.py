"""The editor's word counts (issue 12, case 5), with real editor programs: a non-zero exit
saves nothing, an unparsable or missing $EDITOR says so before anything is suspended, and
the temp file goes away on every way out, SIGTERM, SIGHUP and SIGKILL included."""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from vtui.changes.editor import EditorAborted, EditorError, edit_text, editor_command


def editor(tmp_path: Path, body: str) -> dict[str, str]:
    """An environment whose $VISUAL runs `body` as a Python editor (argv[1] is the file)."""
    script = tmp_path / "fake_editor.py"
    script.write_text("import os, sys, json, time\npath = sys.argv[1]\n" + body)
    command = f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"
    return {"VISUAL": command, "PATH": os.environ.get("PATH", "")}


class Suspension:
    """Stands in for app.suspend(): records whether it was entered and left."""

    def __init__(self) -> None:
        self.events: list[str] = []

    @contextlib.contextmanager
    def __call__(self) -> Iterator[None]:
        self.events.append("suspended")
        try:
            yield
        finally:
            self.events.append("resumed")


def test_the_edited_text_comes_back_and_the_private_file_is_gone(tmp_path):
    seen = tmp_path / "seen.json"
    env = editor(
        tmp_path,
        f"info = {{'file': oct(os.stat(path).st_mode & 0o777), "
        f"'folder': oct(os.stat(os.path.dirname(path)).st_mode & 0o777), 'path': path}}\n"
        f"open({str(seen)!r}, 'w').write(json.dumps(info))\n"
        "text = open(path).read().replace('Ann', 'Anna')\nopen(path, 'w').write(text)\n",
    )
    suspension = Suspension()
    before = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGHUP)
    result = edit_text('{"name": "Ann"}', suspend=suspension(), env=env, folder=tmp_path / "b")
    assert result == '{"name": "Anna"}'
    info = json.loads(seen.read_text())
    assert info["file"] == "0o600" and info["folder"] == "0o700"
    assert not Path(info["path"]).exists() and not Path(info["path"]).parent.exists()
    assert suspension.events == ["suspended", "resumed"]
    assert (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGHUP)) == before


def test_a_non_zero_exit_aborts_and_offers_nothing(tmp_path):
    env = editor(tmp_path, "open(path, 'w').write('half typed')\nsys.exit(1)\n")
    with pytest.raises(EditorAborted) as caught:
        edit_text("text", env=env, folder=tmp_path / "b")
    assert caught.value.status == 1 and "nothing saved" in str(caught.value)
    assert list((tmp_path / "b").iterdir()) == []


def test_an_unclosed_quote_in_visual_is_a_clear_message_before_suspending(tmp_path):
    suspension = Suspension()
    env = {"VISUAL": "vim -c 'set nu", "PATH": os.environ["PATH"]}
    with pytest.raises(EditorError, match=r"\$VISUAL cannot be read as a command"):
        edit_text("text", suspend=suspension(), env=env, folder=tmp_path / "b")
    assert suspension.events == []


def test_a_missing_editor_is_a_clear_message_before_suspending(tmp_path):
    suspension = Suspension()
    env = {"EDITOR": "no-such-editor-xyz --wait", "PATH": os.environ["PATH"]}
    with pytest.raises(EditorError, match=r"'no-such-editor-xyz'.*not installed"):
        edit_text("text", suspend=suspension(), env=env, folder=tmp_path / "b")
    assert suspension.events == []


def test_visual_wins_over_editor_and_vi_is_the_default(tmp_path):
    env = {"VISUAL": "", "EDITOR": "true", "PATH": os.environ["PATH"]}
    assert Path(editor_command(env)[0]).name == "true"
    with contextlib.suppress(EditorError):  # vi may not be installed here
        assert Path(editor_command({"PATH": os.environ["PATH"]})[0]).name == "vi"


def test_an_exception_inside_the_suspension_still_removes_the_file(tmp_path):
    env = editor(tmp_path, "pass\n")

    @contextlib.contextmanager
    def broken() -> Iterator[None]:
        yield
        raise RuntimeError("resume failed")

    with pytest.raises(RuntimeError):
        edit_text("text", suspend=broken(), env=env, folder=tmp_path / "b")
    assert list((tmp_path / "b").iterdir()) == []


# -- signals: a vtui-like process editing, signalled from outside ------------------------------

RUNNER = """
import sys
from pathlib import Path
from vtui.changes.editor import edit_text
edit_text("text", env={"VISUAL": sys.argv[1], "PATH": ""}, folder=Path(sys.argv[2]))
print("returned")
"""


def start_editing(tmp_path: Path) -> tuple[subprocess.Popen[str], Path, Path]:
    """A process in the middle of an edit; returns it, the temp file and the base folder."""
    marker = tmp_path / "editing.txt"
    env = editor(tmp_path, f"open({str(marker)!r}, 'w').write(path)\ntime.sleep(60)\n")
    base = tmp_path / "base"
    process = subprocess.Popen(
        [sys.executable, "-c", RUNNER, env["VISUAL"], str(base)],
        text=True,
        stdout=subprocess.PIPE,
        start_new_session=True,  # a signal to it does not reach pytest
    )
    deadline = time.monotonic() + 20
    while not marker.exists() or not marker.read_text():
        assert time.monotonic() < deadline, "the editor never started"
        time.sleep(0.02)
    return process, Path(marker.read_text()), base


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_remove_the_temp_file_and_still_end_the_process(tmp_path, signum):
    process, temp, base = start_editing(tmp_path)
    assert temp.exists()
    process.send_signal(signum)
    assert process.wait(timeout=20) == -signum  # the signal still does what it does
    assert process.stdout is not None and process.stdout.read() == ""
    assert not temp.exists() and list(base.iterdir()) == []
    with contextlib.suppress(ProcessLookupError):  # the editor child, had it outlived vtui
        os.killpg(process.pid, signal.SIGKILL)


def test_after_sigkill_the_next_edit_removes_the_stale_file(tmp_path):
    process, temp, base = start_editing(tmp_path)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=20)
    assert temp.exists()  # nothing can run on SIGKILL
    assert stat.S_IMODE(temp.stat().st_mode) == 0o600
    env = editor(tmp_path, "pass\n")
    assert edit_text("again", env=env, folder=base) == "again"
    assert list(base.iterdir()) == []
