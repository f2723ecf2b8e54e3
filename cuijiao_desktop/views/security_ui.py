"""Where the security screens join the main window: the settings tabs each role may see."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from cuijiao_desktop.domain.permissions import Permission

TAB_USERS = QT_TRANSLATE_NOOP("SettingsPage", "Users")
TAB_OFFICE = QT_TRANSLATE_NOOP("SettingsPage", "Service centre")
TAB_AUDIT = QT_TRANSLATE_NOOP("SettingsPage", "Audit log")


def add_settings_sections(page, runner, user, settings) -> list:
    """Add 用户 (administrators), 服务中心信息 (managers, administrators) and 审计日志 (managers,
    administrators) to the settings page; returns the sections added."""
    from cuijiao_desktop.views.pages.audit_section import AuditSection
    from cuijiao_desktop.views.pages.office_section import OfficeSection
    from cuijiao_desktop.views.pages.users_section import UsersSection

    def tr(text: str) -> str:
        return QCoreApplication.translate("SettingsPage", text)

    added = []
    if user.can(Permission.MANAGE_USERS):
        added.append((UsersSection(runner, user, settings), tr(TAB_USERS)))
    if user.can(Permission.EDIT_OFFICE):
        added.append((OfficeSection(runner, user), tr(TAB_OFFICE)))
    if user.can(Permission.VIEW_AUDIT):
        added.append((AuditSection(runner, user, settings=settings), tr(TAB_AUDIT)))
    for section, title in added:
        page.add_section(section, title)
    return [s for s, _t in added]
