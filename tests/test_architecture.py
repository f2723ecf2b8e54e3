"""The rules of the house, checked by scanning imports (see shared/architecture.md)."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "cuijiao_desktop"
GENERATED = PACKAGE / "views" / "forms"


def _modules(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if GENERATED not in p.parents)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package.pop()
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imports(path: Path, *, top_level_only: bool = False) -> Iterator[tuple[str, int]]:
    """(imported module, line) for every import in ``path``; with top_level_only, not inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))

    def walk(node: ast.AST) -> Iterator[ast.AST]:
        for child in ast.iter_child_nodes(node):
            if top_level_only and isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                continue
            yield child
            yield from walk(child)

    for node in walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(path, node)
            yield base, node.lineno
            for alias in node.names:  # "from cuijiao_desktop import db"
                yield f"{base}.{alias.name}", node.lineno


def _hits(paths: list[Path], forbidden: tuple[str, ...], *, top_level_only: bool = False) -> list[str]:
    found = []
    for path in paths:
        for name, line in imports(path, top_level_only=top_level_only):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
                found.append(f"{path.relative_to(ROOT)}:{line} imports {name}")
    return sorted(set(found))


def test_domain_is_pure_python():
    forbidden = ("PySide6", "sqlalchemy", "alembic", "openpyxl", "reportlab", "cuijiao_desktop.db",
                 "cuijiao_desktop.services", "cuijiao_desktop.views")
    assert _hits(_modules(PACKAGE / "domain"), forbidden) == []


def test_views_never_touch_the_database_directly():
    assert _hits(_modules(PACKAGE / "views"), ("sqlalchemy", "cuijiao_desktop.db", "alembic")) == []


def test_core_layers_are_qt_free():
    core = [p for sub in ("domain", "db", "services", "reports", "importing") for p in _modules(PACKAGE / sub)]
    core.append(PACKAGE / "paths.py")
    assert _hits(core, ("PySide6", "cuijiao_desktop.views", "cuijiao_desktop.tasks")) == []


def test_importing_reads_and_never_writes_reports():
    """The rejected-rows workbook is a report (reports/rejected_rows.py), called by the CLI and the wizard."""
    modules = _modules(PACKAGE / "importing")
    assert modules
    assert _hits(modules, ("cuijiao_desktop.reports", "cuijiao_desktop.services")) == []


def test_report_libraries_are_imported_only_where_needed():
    allowed = (PACKAGE / "reports", PACKAGE / "importing")
    others = [p for p in _modules(PACKAGE) if not any(a in p.parents for a in allowed)]
    assert _hits(others, ("openpyxl", "reportlab"), top_level_only=True) == []


def test_generated_forms_match_the_ui_files():
    result = subprocess.run(
        [sys.executable, str(ROOT / "installers" / "build_assets.py"), "--check"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_ui_file_is_used_by_composition():
    for ui_file in (ROOT / "ui").glob("*.ui"):
        form = f"ui_{ui_file.stem}"
        users = [p for p in _modules(PACKAGE / "views") if f"forms.{form} import" in p.read_text(encoding="utf-8")]
        assert users, f"{ui_file.name}: no view uses cuijiao_desktop.views.forms.{form}"


@pytest.mark.parametrize("rel", ["cuijiao_desktop/views/forms"])
def test_generated_folder_holds_only_generated_files(rel):
    for path in (ROOT / rel).glob("*.py"):
        assert path.name == "__init__.py" or path.name.startswith("ui_"), path


def test_the_scanner_sees_what_it_should(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import sqlalchemy.orm\nfrom PySide6 import QtCore\n"
        "def f():\n    import openpyxl\n"
        "try:\n    import reportlab\nexcept ImportError:\n    pass\n",
        encoding="utf-8",
    )
    names = {n for n, _ in imports(sample)}
    assert {"sqlalchemy.orm", "PySide6", "PySide6.QtCore", "openpyxl", "reportlab"} <= names
    top = {n for n, _ in imports(sample, top_level_only=True)}
    assert "openpyxl" not in top and "reportlab" in top


#: Qt classes that open files to find their type or icon, or watch them (issue 14: on Linux that drops
#: the app's SQLite locks). Only the one dialog helper may use them, with its safe icon provider.
FILE_TOUCHING_QT = ("QFileDialog", "QFileSystemModel", "QFileIconProvider", "QAbstractFileIconProvider",
                    "QMimeDatabase", "QFileSystemWatcher")
FILE_DIALOG_HELPER = PACKAGE / "views" / "dialogs" / "file_dialogs.py"


def _file_touching_names(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None
        if isinstance(node, ast.alias):
            name = node.name.split(".")[-1]
        if name in FILE_TOUCHING_QT:
            found.append(f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')} uses {name}")
    return found


def test_only_the_file_dialog_helper_uses_qt_file_classes():
    assert FILE_DIALOG_HELPER.exists()
    assert _file_touching_names(FILE_DIALOG_HELPER)  # the scan sees them where they are
    others = [p for p in _modules(PACKAGE) if p != FILE_DIALOG_HELPER]
    assert [hit for p in others for hit in _file_touching_names(p)] == []
