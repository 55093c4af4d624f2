"""`crm work` in a real terminal: tmux runs it at 80×24, keys are typed with send-keys and the
screen read with capture-pane, as a user would see it (docs/workbench.md)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid

import pytest
from workbench_kit import load_sample

pytestmark = [
    pytest.mark.terminal,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


class Tmux:
    """One tmux server of the test's own (its socket name), with one 80×24 session."""

    def __init__(self) -> None:
        self.socket = f"crm-work-{uuid.uuid4().hex[:8]}"

    def __call__(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True
        )
        return result.stdout

    def screen(self) -> str:
        return self("capture-pane", "-p", "-t", "work")

    def wait_for(self, *texts: str, seconds: float = 30, keys: tuple[str, ...] = ()) -> str:
        """The screen once it shows every one of `texts`, sending `keys` again at each look (a
        screen still being read again from the store may need them once more). A capture can
        catch a screen half drawn, so what must show together is waited for together."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            shown = self.screen()
            if all(text in shown for text in texts):
                return shown
            if keys:
                self("send-keys", "-t", "work", *keys)
            time.sleep(0.2)
        raise AssertionError(f"{texts!r} never showed together; the screen:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


@pytest.fixture
def tmux():
    server = Tmux()
    yield server
    server.close()


def test_crm_work_in_tmux_shows_the_list_the_customer_and_a_logged_call(crm, tmux, tmp_path):
    load_sample(crm)
    command = [sys.executable, "-P", "-m", "bankcrm_cli", "--db", str(crm.db)]
    command += ["work", "--date", "2026-12-04"]
    shell = " ".join(f"'{part}'" for part in command) + "; echo crm work exited $?; sleep 60"
    # The suite's COLUMNS (200, for the tables' tests) would tell Textual a wider screen than
    # tmux's: a terminal tells its own size.
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env["TERM"] = "xterm-256color"
    subprocess.run(
        ["tmux", "-L", tmux.socket, "new-session", "-d", "-s", "work", "-x", "80", "-y", "24"]
        + ["-c", str(tmp_path), shell],
        env=env,
        check=True,
    )
    # the list's groups and the first customer, masked
    first = tmux.wait_for("生日 (6)", "到期 (5)", "154****1703", "陈梦瑶", "0000000174")
    assert all(len(line) <= 80 for line in first.splitlines())

    tmux("send-keys", "-t", "work", "1", "9", "6", "Enter", "c")  # typed without a pause
    tmux.wait_for("到期 (1)")  # the list filtered to Zhang Danwei's maturity
    tmux.wait_for("记录联系：张丹薇")
    tmux("send-keys", "-t", "work", "-l", "renewal next week")
    tmux("send-keys", "-t", "work", "C-s")
    tmux.wait_for("已记录联系")
    tmux("send-keys", "-t", "work", "Tab")  # to the customer pane, down to its timeline
    tmux.wait_for("tester · renewal", keys=("End",))  # the call, read back from the store
    tmux("send-keys", "-t", "work", "BTab")

    tmux("send-keys", "-t", "work", "q")
    assert "crm work exited 0" in tmux.wait_for("crm work exited")
    calls = crm.json("calls", "list", "--customer", "0000000196")
    assert [(c["note"], c["outcome"], c["channel"]) for c in calls] == [
        ("renewal next week", "reached", "phone")
    ]


def _start(tmux, crm, tmp_path, **extra_env: str) -> None:
    command = [sys.executable, "-P", "-m", "bankcrm_cli", "--db", str(crm.db)]
    command += ["work", "--date", "2026-12-04"]
    shell = " ".join(f"'{part}'" for part in command) + "; echo crm work exited $?; sleep 60"
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    env.update(TERM="xterm-256color", **extra_env)
    subprocess.run(
        ["tmux", "-L", tmux.socket, "new-session", "-d", "-s", "work", "-x", "80", "-y", "24"]
        + ["-c", str(tmp_path), shell],
        env=env,
        check=True,
    )


# Greys in the 256-colour palette (black, white, the greys and the grey ramp) and the basic
# codes whose colour is a grey: Textual's NO_COLOR renders in greys (monochrome).
_GREY_256 = {0, 7, 8, 15, 16, 59, 102, 145, 188, 231, *range(232, 256)}
_GREY_BASIC = {30, 37, 39, 40, 47, 49, 90, 97, 100, 107}


def _hues(screen_with_escapes: str) -> set[str]:
    """The colours on a screen captured with -e that are not greys (SGR colour codes)."""
    import re

    found = set()
    for params in re.findall(r"\x1b\[([0-9;]*)m", screen_with_escapes):
        codes = [int(p) for p in params.split(";") if p.isdigit()]
        i = 0
        while i < len(codes):
            code = codes[i]
            if code in (38, 48) and codes[i + 1 : i + 2] == [5] and i + 2 < len(codes):
                if codes[i + 2] not in _GREY_256:
                    found.add(f"{code};5;{codes[i + 2]}")
                i += 3
            elif code in (38, 48) and codes[i + 1 : i + 2] == [2]:
                r, g, b = codes[i + 2 : i + 5]
                if not r == g == b:
                    found.add(f"{code};2;{r};{g};{b}")
                i += 5
            else:
                if (30 <= code <= 49 or 90 <= code <= 107) and code not in _GREY_BASIC:
                    found.add(str(code))
                i += 1
    return found


@pytest.mark.parametrize("no_color", [False, True])
def test_no_color_turns_the_colours_off_and_the_marks_stay(crm, tmux, tmp_path, no_color):
    load_sample(crm)
    _start(tmux, crm, tmp_path, **({"NO_COLOR": "1"} if no_color else {}))
    tmux.wait_for("154****1703", "到期 (5)")
    shown = tmux("capture-pane", "-p", "-e", "-t", "work")
    if no_color:
        assert not _hues(shown), _hues(shown)
    else:
        assert _hues(shown)  # the check sees colour when there is some
    tmux("send-keys", "-t", "work", "q")
    assert "crm work exited 0" in tmux.wait_for("crm work exited")
