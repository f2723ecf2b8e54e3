"""Build generated GUI assets from their sources.

* ``ui/*.ui``                      -> ``cuijiao_desktop/views/forms/ui_*.py``   (pyside6-uic)
* ``resources/i18n/*.ts``           -> ``resources/i18n/*.qm``                   (pyside6-lrelease)
* ``--lupdate`` refreshes the ``cuijiao_*.ts`` files from the code and the ``.ui`` files (pyside6-lupdate);
  ``qtbase_extra_*.ts`` (Qt's own strings that Qt's translation lacks) is edited by hand.

Icons are plain SVG files loaded from ``resources/icons`` (no .qrc, nothing to build).

Usage::

    python installers/build_assets.py            # regenerate
    python installers/build_assets.py --check    # exit 1 if a generated file is stale
    python installers/build_assets.py --lupdate  # update .ts sources, then regenerate
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "ui"
FORMS_DIR = ROOT / "cuijiao_desktop" / "views" / "forms"
I18N_DIR = ROOT / "resources" / "i18n"
TR_SOURCES = [ROOT / "cuijiao_desktop" / name for name in ("app.py", "tasks.py", "messages.py")]

# uic writes its Qt version into the header; normalise it so --check is stable across patch releases.
_UIC_VERSION_LINE = re.compile(r"^## Created by: Qt User Interface Compiler version .*$", re.MULTILINE)
_UIC_HEADER = "## Created by: pyside6-uic via installers/build_assets.py"


def _tool(name: str) -> str:
    """Find a PySide6 tool next to the running interpreter, else on PATH."""
    exe_dir = Path(sys.executable).parent
    for candidate in (exe_dir / name, exe_dir / f"{name}.exe", exe_dir / "Scripts" / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6-Essentials in this environment")
    return found


def _run(args: list[str]) -> None:
    proc = subprocess.run(args, check=False, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{proc.stdout}{proc.stderr}")


def form_target(ui_file: Path) -> Path:
    """Generated module path for a ``.ui`` file."""
    return FORMS_DIR / f"ui_{ui_file.stem}.py"


def qm_target(ts_file: Path) -> Path:
    """Compiled translation path for a ``.ts`` file."""
    return ts_file.with_suffix(".qm")


def generate_form(ui_file: Path) -> bytes:
    """Run uic on ``ui_file`` and return the normalised Python source."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "form.py"
        _run([_tool("pyside6-uic"), "-g", "python", "-a", str(ui_file), "-o", str(out)])
        text = out.read_text(encoding="utf-8")
    text = _UIC_VERSION_LINE.sub(_UIC_HEADER, text)
    return text.encode("utf-8")


def generate_qm(ts_file: Path) -> bytes:
    """Run lrelease on ``ts_file`` and return the ``.qm`` bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.qm"
        _run([_tool("pyside6-lrelease"), "-silent", str(ts_file), "-qm", str(out)])
        return out.read_bytes()


def outputs() -> dict[Path, bytes]:
    """Every generated file with the content it should have."""
    result: dict[Path, bytes] = {}
    for ui_file in sorted(UI_DIR.glob("*.ui")):
        result[form_target(ui_file)] = generate_form(ui_file)
    for ts_file in sorted(I18N_DIR.glob("*.ts")):
        result[qm_target(ts_file)] = generate_qm(ts_file)
    return result


def lupdate() -> None:
    """Refresh the .ts files from the Python sources and the .ui files (keeps translations)."""
    views = [p for p in (ROOT / "cuijiao_desktop" / "views").rglob("*.py") if "forms" not in p.parts]
    sources = [str(p) for p in TR_SOURCES + sorted(views) + sorted(UI_DIR.glob("*.ui"))]
    for ts_file in sorted(I18N_DIR.glob("cuijiao_*.ts")):  # qtbase_extra_*.ts holds Qt's own strings
        _run([_tool("pyside6-lupdate"), "-silent", "-no-obsolete", "-locations", "none", *sources, "-ts", str(ts_file)])


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a generated file differs")
    parser.add_argument("--lupdate", action="store_true", help="update .ts files first")
    args = parser.parse_args(argv)

    if args.lupdate and not args.check:
        lupdate()
    stale: list[Path] = []
    for path, content in outputs().items():
        current = path.read_bytes() if path.exists() else None
        if current == content:
            continue
        if args.check:
            stale.append(path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
            print(f"wrote {path.relative_to(ROOT)}")
    if args.check:
        expected = {form_target(p) for p in UI_DIR.glob("*.ui")}
        orphans = [p for p in FORMS_DIR.glob("ui_*.py") if p not in expected]
        for path in stale:
            print(f"stale: {path.relative_to(ROOT)}  (run python installers/build_assets.py)")
        for path in orphans:
            print(f"orphan: {path.relative_to(ROOT)}  (no matching .ui file)")
        return 1 if stale or orphans else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
