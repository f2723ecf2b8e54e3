"""Notice templates: the built-in wording in ``resources/templates/``, overridden per office.

An office's edited template lives in its data folder (``<data>/templates/notice_NN.txt``) and
wins over the built-in one. Saving checks the wording (``domain.notices.check_template``:
Civil Code art. 944, no disclosure to third parties, known placeholders), gives it the next
version and keeps the version it replaces under ``templates/history/``. No database: the
files are the office's documents, versioned by their ``version`` line; each issued notice
records the version it was printed with.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from cuijiao_desktop.domain.errors import NotFound, ValidationError
from cuijiao_desktop.domain.notices import (
    LEVELS,
    NoticeTemplate,
    bump_version,
    check_template,
    format_template,
    parse_template,
)
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.paths import resource_path

from . import audit
from .actor import authorize
from .dto import UserDTO

__all__ = [
    "builtin_dir", "check_all", "file_name", "load_template", "load_templates", "office_dir", "reset_template",
    "save_template",
]


def file_name(level: int) -> str:
    """``notice_03.txt``."""
    return f"notice_{level:02d}.txt"


def builtin_dir() -> Path:
    """The shipped templates."""
    return resource_path("templates")


def office_dir(data_dir: str | os.PathLike[str]) -> Path:
    """Where an office's own templates live."""
    return Path(data_dir) / "templates"


def _read(path: Path, source: str, level: int) -> NoticeTemplate:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError("notice_template.invalid", level=level, reason="文件不是 UTF-8 编码") from exc
    t = parse_template(text, source=source)
    if t.level != level:
        raise ValidationError("notice_template.invalid", level=level, reason=f"文件中的 level 是 {t.level}")
    return t


def load_template(level: int, data_dir: str | os.PathLike[str] | None = None) -> NoticeTemplate:
    """The template of ``level``: the office's own when it has one, else the built-in one."""
    if level not in LEVELS:
        raise NotFound("notice_template.not_found", level=level)
    if data_dir is not None:
        own = office_dir(data_dir) / file_name(level)
        if own.is_file():
            return _read(own, "office", level)
    path = builtin_dir() / file_name(level)
    if not path.is_file():
        raise NotFound("notice_template.not_found", level=level)
    return _read(path, "builtin", level)


def load_templates(data_dir: str | os.PathLike[str] | None = None) -> dict[int, NoticeTemplate]:
    """All ten templates."""
    return {level: load_template(level, data_dir) for level in LEVELS}


def check_all(templates: dict[int, NoticeTemplate]) -> None:
    """The check before every batch: every template used must pass (raises the first failure)."""
    for level in sorted(templates):
        check_template(templates[level])


def _archive(path: Path, version: str) -> None:
    history = path.parent / "history"
    history.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    safe = "".join(ch if ch.isalnum() or ch in ".-_" else "_" for ch in version)
    os.replace(path, history / f"{path.stem}.{safe}.{stamp}.txt")


def save_template(
    session: Session, *, actor: UserDTO, data_dir: str | os.PathLike[str], template: NoticeTemplate,
) -> NoticeTemplate:
    """Check and save an office's version of a template; returns it with its new version.

    Refused with the article cited when the wording threatens to cut utilities or discloses the
    debt to third parties. The replaced office version goes to ``templates/history/``.
    """
    actor = authorize(session, actor, Permission.EDIT_LADDER)
    check_template(template)
    current = load_template(template.level, data_dir)
    if current.title == template.title and current.paragraphs == template.paragraphs \
            and current.deadline_days == template.deadline_days:
        return current  # nothing changed: no new version
    saved = NoticeTemplate(level=template.level, version=bump_version(current.version), title=template.title.strip(),
                           deadline_days=template.deadline_days, paragraphs=template.paragraphs, source="office",
                           extra=dict(template.extra))
    folder = office_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file_name(template.level)
    if path.exists():
        _archive(path, current.version)
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(format_template(saved, header_comment=f"本服务中心修改的第{template.level}次催缴通知模板"),
                   encoding="utf-8")
    os.replace(tmp, path)
    audit.record(session, actor, "notice_template.save", "notice_template", template.level,
                 version=saved.version, previous=current.version_label)
    return saved


def reset_template(session: Session, *, actor: UserDTO, data_dir: str | os.PathLike[str], level: int) -> NoticeTemplate:
    """Go back to the built-in wording of ``level`` (the office's version is kept in the history)."""
    actor = authorize(session, actor, Permission.EDIT_LADDER)
    path = office_dir(data_dir) / file_name(level)
    if path.exists():
        previous = load_template(level, data_dir)
        _archive(path, previous.version)
        audit.record(session, actor, "notice_template.reset", "notice_template", level, previous=previous.version)
    return load_template(level, data_dir)
