"""The domain is pure Python: no Qt, no SQLAlchemy, no openpyxl, no float money."""

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import cuijiao_desktop.domain as domain_pkg

DOMAIN_DIR = Path(domain_pkg.__file__).parent
FORBIDDEN = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "sqlalchemy", "alembic", "openpyxl", "reportlab",
             "psycopg", "cuijiao_desktop.db", "cuijiao_desktop.views", "cuijiao_desktop.services")


@pytest.mark.parametrize("path", sorted(DOMAIN_DIR.glob("*.py")), ids=lambda p: p.name)
def test_no_forbidden_imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative imports stay inside the domain package
                assert not (node.module or "").startswith(("db", "views", "services")), path.name
                continue
            names = [node.module or ""]
        else:
            continue
        for name in names:
            assert not name.startswith(FORBIDDEN), f"{path.name} imports {name}"


def test_every_module_imports_and_has_docstrings():
    for info in pkgutil.iter_modules([str(DOMAIN_DIR)]):
        module = importlib.import_module(f"cuijiao_desktop.domain.{info.name}")
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if callable(obj) and not isinstance(obj, type):
                assert obj.__doc__, f"{info.name}.{name} has no docstring"
