"""A Chinese TrueType font for reportlab, found on this computer and embedded as a subset.

reportlab's built-in ``STSong-Light`` is not embedded (blank boxes on a PC without CJK
fonts), and it cannot use CFF/OpenType fonts such as Noto Sans CJK. So we look for a
TrueType font (``.ttf``/``.ttc`` with glyf outlines) in the usual folders of Windows,
Linux and macOS, in folders the caller adds (the GUI passes Qt's FontsLocation), and
through ``fc-match``/``fc-list`` when fontconfig is installed. reportlab is imported
inside the functions only.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from cuijiao_desktop.domain.errors import DomainError

__all__ = [
    "CJK_FONT_NAME", "KNOWN_FONT_FILES", "candidate_font_files", "font_dirs", "register_cjk_font",
    "registered_font_file",
]

CJK_FONT_NAME = "CuijiaoCJK"

#: File names of TrueType CJK fonts, best first (Simplified Chinese, sans serif first).
KNOWN_FONT_FILES: tuple[str, ...] = (
    "wqy-microhei.ttc", "msyh.ttc", "msyh.ttf", "simhei.ttf", "wqy-zenhei.ttc", "Deng.ttf", "simsun.ttc",
    "simsun.ttf", "NSimSun.ttf", "DroidSansFallbackFull.ttf", "DroidSansFallback.ttf", "uming.ttc", "ukai.ttc",
    "Arial Unicode.ttf", "STHeiti Light.ttc", "Hiragino Sans GB.ttc",
)

_lock = threading.Lock()
_registered: dict[str, str] = {}  # font name -> file


def font_dirs(extra: Iterable[str | os.PathLike[str]] = ()) -> list[Path]:
    """Folders where fonts live on this system, ``extra`` first; only existing ones."""
    home = Path.home()
    dirs: list[Path] = [Path(p) for p in extra]
    if sys.platform.startswith("win"):
        windir = os.environ.get("WINDIR", r"C:\Windows")
        dirs.append(Path(windir) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    elif sys.platform == "darwin":
        dirs += [home / "Library" / "Fonts", Path("/Library/Fonts"), Path("/System/Library/Fonts"),
                 Path("/System/Library/Fonts/Supplemental")]
    else:
        data_home = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
        dirs += [data_home / "fonts", home / ".fonts", Path("/usr/local/share/fonts"), Path("/usr/share/fonts")]
    seen: set[Path] = set()
    out = []
    for d in dirs:
        if d not in seen and d.is_dir():
            seen.add(d)
            out.append(d)
    return out


def _fontconfig_files() -> Iterator[Path]:
    """Files fontconfig proposes for Chinese, if ``fc-match``/``fc-list`` exist."""
    for cmd in (["fc-match", "-s", "-f", "%{file}\n", "sans:lang=zh-cn"], ["fc-list", "-f", "%{file}\n", ":lang=zh"]):
        exe = shutil.which(cmd[0])
        if exe is None:
            continue
        try:
            result = subprocess.run([exe, *cmd[1:]], capture_output=True, text=True, timeout=10, check=False)
        except (OSError, subprocess.SubprocessError):
            continue
        for line in result.stdout.splitlines():
            if line.strip().lower().endswith((".ttf", ".ttc")):
                yield Path(line.strip())


def candidate_font_files(extra_dirs: Sequence[str | os.PathLike[str]] = ()) -> list[Path]:
    """TrueType files that may hold Chinese glyphs, best first (known names, then fontconfig's)."""
    wanted = {name.lower(): rank for rank, name in enumerate(KNOWN_FONT_FILES)}
    found: dict[Path, int] = {}
    for folder in font_dirs(extra_dirs):
        for root, _dirs, files in os.walk(folder):
            for name in files:
                rank = wanted.get(name.lower())
                if rank is not None:
                    found.setdefault(Path(root) / name, rank)
    ordered = sorted(found, key=lambda p: (found[p], str(p)))
    for path in _fontconfig_files():
        if path not in found and path.exists():
            ordered.append(path)
            found[path] = len(KNOWN_FONT_FILES)
    return ordered


def _has_hanzi(font) -> bool:
    """True when the loaded reportlab TTFont maps common hanzi (收 据 元)."""
    cmap = getattr(font.face, "charToGlyph", {})
    return all(ord(ch) in cmap for ch in "收据元")


def register_cjk_font(extra_dirs: Sequence[str | os.PathLike[str]] = (), *, name: str = CJK_FONT_NAME) -> str:
    """Register (once) a TrueType CJK font with reportlab under ``name`` and return the name.

    Subsets of it are embedded in every PDF that uses it. Raises
    ``DomainError("report.no_cjk_font")`` when this computer has no usable font.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    with _lock:
        if name in _registered:
            return name
        tried: list[str] = []
        for path in candidate_font_files(extra_dirs):
            try:
                font = TTFont(name, str(path), subfontIndex=0) if path.suffix.lower() == ".ttc" \
                    else TTFont(name, str(path))
            except (TTFError, OSError, ValueError, KeyError, IndexError, AssertionError):
                tried.append(path.name)  # CFF outlines, damaged file …
                continue
            if not _has_hanzi(font):
                tried.append(path.name)
                continue
            pdfmetrics.registerFont(font)
            _registered[name] = str(path)
            return name
    raise DomainError("report.no_cjk_font", tried=", ".join(tried) or "-")


def registered_font_file(name: str = CJK_FONT_NAME) -> str | None:
    """The file behind a registered font name (None before registration)."""
    return _registered.get(name)
