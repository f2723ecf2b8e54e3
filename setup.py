"""Only here to copy the top-level ``resources/`` into the package when a wheel is built.

Everything else is in pyproject.toml. An editable install finds ``resources/`` in the
checkout instead (see ``cuijiao_desktop/paths.py``).
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyWithResources(build_py):
    """build_py that also ships icons, translations and templates as package data."""

    def run(self):
        super().run()
        source = Path(__file__).resolve().parent / "resources"
        if source.is_dir() and not getattr(self, "editable_mode", False):
            shutil.copytree(source, Path(self.build_lib) / "cuijiao_desktop" / "resources", dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildPyWithResources})
