"""``python -m newsline`` is the ``newsline`` command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import write_file


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newsline", *argv], capture_output=True,
                          text=True)


def test_python_m_newsline_tags_like_the_console_script(tmp_path: Path) -> None:
    path = write_file(tmp_path / "a.txt", "date 2025-12-13\nThe port reopened on Monday.\n")
    done = _run("tag", str(path), "--only", "timex")
    assert done.returncode == 0, done.stderr
    [doc] = json.loads(done.stdout)["documents"]
    assert [(t["text"], t["value"]) for t in doc["timexes"]] == [("Monday", "2025-12-08")]


def test_python_m_newsline_reports_bad_input_with_status_2(tmp_path: Path) -> None:
    done = _run("tag", str(tmp_path / "missing.txt"))
    assert done.returncode == 2
    assert "missing.txt" in done.stderr and "Traceback" not in done.stderr


def test_python_m_newsline_help_names_the_commands() -> None:
    done = _run("--help")
    assert done.returncode == 0
    assert "usage: newsline" in done.stdout and "timeline" in done.stdout
