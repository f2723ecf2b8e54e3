"""Every user action declared once: id, text, icon, default shortcut, tip, permission.

Menus and the toolbar are assembled from ids; the user's shortcut overrides come
from :class:`cuijiao_desktop.settings.UiSettings`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QToolBar

from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.settings import UiSettings
from cuijiao_desktop.views.icons import icon

_CTX = "actions"


class ActionId(StrEnum):
    """Stable ids (also the keys of shortcut overrides in settings)."""

    NAV_WORKBENCH = "nav.workbench"
    NAV_OWNERS = "nav.owners"
    NAV_ARREARS = "nav.arrears"
    NAV_CONTACTS = "nav.contacts"
    NAV_VISITS = "nav.visits"
    NAV_NOTICES = "nav.notices"
    NAV_REPORTS = "nav.reports"
    NAV_SETTINGS = "nav.settings"
    SEARCH = "search"
    TAKE_PAYMENT = "take_payment"
    LOG_CONTACT = "log_contact"
    OPEN_CASE = "open_case"
    GENERATE_BILLS = "billing.generate"
    ASSESS_LATE_FEES = "billing.assess_late_fees"
    REFRESH = "refresh"
    IMPORT = "import"
    BACKUP = "backup"
    LOGOUT = "logout"
    CHANGE_PASSWORD = "change_password"
    LOCK_SCREEN = "lock_screen"
    QUIT = "quit"
    LANG_ZH = "language.zh_CN"
    LANG_EN = "language.en"
    ABOUT = "about"


@dataclass(frozen=True)
class ActionSpec:
    """Declaration of one action. ``text`` and ``tip`` are untranslated sources."""

    text: str
    icon: str | None = None
    shortcut: str | QKeySequence.StandardKey | None = None
    tip: str = ""
    permission: Permission | None = None
    checkable: bool = False
    role: QAction.MenuRole = QAction.MenuRole.NoRole


SPECS: dict[ActionId, ActionSpec] = {
    ActionId.NAV_WORKBENCH: ActionSpec(
        QT_TRANSLATE_NOOP("actions", "Workbench"), "workbench", "Ctrl+1",
        QT_TRANSLATE_NOOP("actions", "Today's figures and work"),
    ),
    ActionId.NAV_OWNERS: ActionSpec(
        QT_TRANSLATE_NOOP("actions", "Owners and rooms"), "owners", "Ctrl+2",
        QT_TRANSLATE_NOOP("actions", "Owners, tenants and rooms"),
    ),
    ActionId.NAV_ARREARS: ActionSpec(
        QT_TRANSLATE_NOOP("actions", "Arrears"), "arrears", "Ctrl+3",
        QT_TRANSLATE_NOOP("actions", "Rooms with unpaid fees"),
    ),
    ActionId.NAV_CONTACTS: ActionSpec(
        QT_TRANSLATE_NOOP("actions", "Collection log"), "contacts", "Ctrl+4",
        QT_TRANSLATE_NOOP("actions", "Calls, messages and promises"),
    ),
    ActionId.NAV_VISITS: ActionSpec(
        QT_TRANSLATE_NOOP("actions", "Home visits"), "visits", "Ctrl+5",
        QT_TRANSLATE_NOOP("actions", "Planned and done home visits"),
    ),
    ActionId.NAV_NOTICES: ActionSpec(
        QT_TRANSLATE_NOOP("actions", "Notices and boards"), "notices", "Ctrl+6",
        QT_TRANSLATE_NOOP("actions", "Written notices and public boards"),
    ),
    ActionId.NAV_REPORTS: ActionSpec(
        QT_TRANSLATE_NOOP("actions", "Reports"), "reports", "Ctrl+7",
        QT_TRANSLATE_NOOP("actions", "Collection rate and statistics"),
    ),
    ActionId.NAV_SETTINGS: ActionSpec(
        QT_TRANSLATE_NOOP("actions", "Settings"), "settings", "Ctrl+8",
        QT_TRANSLATE_NOOP("actions", "Office details and users"),
    ),
    ActionId.SEARCH: ActionSpec(
        QT_TRANSLATE_NOOP("actions", "&Search"), "search", QKeySequence.StandardKey.Find,
        QT_TRANSLATE_NOOP("actions", "Find a room, owner or phone number"),
    ),
    ActionId.TAKE_PAYMENT: ActionSpec(
        QT_TRANSLATE_NOOP("actions", "Take &payment…"), "payment", "F9",
        QT_TRANSLATE_NOOP("actions", "Take a payment for the room on screen and print the receipt"),
        permission=Permission.TAKE_PAYMENT,
    ),
    ActionId.LOG_CONTACT: ActionSpec(
        QT_TRANSLATE_NOOP("actions", "&Log a contact…"), "call", "F6",
        QT_TRANSLATE_NOOP("actions", "Log a call, message or visit to the desk for the room on screen or found"),
        permission=Permission.LOG_CONTACT,
    ),
    ActionId.OPEN_CASE: ActionSpec(
        QT_TRANSLATE_NOOP("actions", "Collection &case…"), "contacts", "F7",
        QT_TRANSLATE_NOOP("actions", "The collection case of the selected room: its ladder, next step, plans and "
                                     "holds"),
        permission=Permission.VIEW,
    ),
    ActionId.GENERATE_BILLS: ActionSpec(
        QT_TRANSLATE_NOOP("actions", "&Generate bills…"), "billing", None,
        QT_TRANSLATE_NOOP("actions", "Issue a month's bills from the fee standards, with a preview first"),
        permission=Permission.EDIT_BILLING,
    ),
    ActionId.ASSESS_LATE_FEES: ActionSpec(
        QT_TRANSLATE_NOOP("actions", "&Update late fees now"), "late_fee", None,
        QT_TRANSLATE_NOOP("actions", "Work out every overdue bill's late fee up to today (also done on the day's "
                                     "first start)"),
        permission=Permission.ASSESS_LATE_FEES,
    ),
    ActionId.REFRESH: ActionSpec(
        QT_TRANSLATE_NOOP("actions", "&Refresh"), "refresh", QKeySequence.StandardKey.Refresh,
        QT_TRANSLATE_NOOP("actions", "Reload the current page from the database"),
    ),
    ActionId.IMPORT: ActionSpec(
        QT_TRANSLATE_NOOP("actions", "&Import…"), "import", None,
        QT_TRANSLATE_NOOP("actions", "Bring in rooms and owners, bills or payments from an Excel or CSV file"),
        permission=Permission.IMPORT_DATA,
    ),
    ActionId.BACKUP: ActionSpec(
        QT_TRANSLATE_NOOP("actions", "&Back up database…"), "backup", None,
        QT_TRANSLATE_NOOP("actions", "Save a copy of the database to a file"),
        permission=Permission.BACKUP,
    ),
    ActionId.LOGOUT: ActionSpec(
        QT_TRANSLATE_NOOP("actions", "&Log out"), "logout", None,
        QT_TRANSLATE_NOOP("actions", "Sign out and return to the sign-in window"),
    ),
    ActionId.CHANGE_PASSWORD: ActionSpec(
        QT_TRANSLATE_NOOP("actions", "Change &password…"), None, None,
        QT_TRANSLATE_NOOP("actions", "Choose a new password for your own account"),
    ),
    ActionId.LOCK_SCREEN: ActionSpec(
        QT_TRANSLATE_NOOP("actions", "Loc&k screen"), None, "Ctrl+L",
        QT_TRANSLATE_NOOP("actions", "Cover the window and end the sign-in while you are away"),
    ),
    ActionId.QUIT: ActionSpec(
        QT_TRANSLATE_NOOP("actions", "&Quit"), "quit", "Ctrl+Q",
        QT_TRANSLATE_NOOP("actions", "Close the program"), role=QAction.MenuRole.QuitRole,
    ),
    ActionId.LANG_ZH: ActionSpec(
        "简体中文", None, None, QT_TRANSLATE_NOOP("actions", "Show the program in Simplified Chinese"),
        checkable=True,
    ),
    ActionId.LANG_EN: ActionSpec(
        "English", None, None, QT_TRANSLATE_NOOP("actions", "Show the program in English"),
        checkable=True,
    ),
    ActionId.ABOUT: ActionSpec(
        QT_TRANSLATE_NOOP("actions", "&About"), "about", None,
        QT_TRANSLATE_NOOP("actions", "Version and licence"), role=QAction.MenuRole.AboutRole,
    ),
}

# Page navigation, in the order of the left list and of Ctrl+1..8.
NAV_IDS: tuple[ActionId, ...] = (
    ActionId.NAV_WORKBENCH,
    ActionId.NAV_OWNERS,
    ActionId.NAV_ARREARS,
    ActionId.NAV_CONTACTS,
    ActionId.NAV_VISITS,
    ActionId.NAV_NOTICES,
    ActionId.NAV_REPORTS,
    ActionId.NAV_SETTINGS,
)

# Language names are never translated (a user must find their own language).
_UNTRANSLATED_TEXT = {ActionId.LANG_ZH, ActionId.LANG_EN}

# Menu layout: (title, entries); an entry is an ActionId, None (separator) or a submenu tuple.
MenuEntry = ActionId | None | tuple[str, str, Sequence[ActionId]]
MENUS: tuple[tuple[str, str, Sequence[MenuEntry]], ...] = (
    ("file", QT_TRANSLATE_NOOP("actions", "&File"), (
        ActionId.IMPORT, None, ActionId.CHANGE_PASSWORD, ActionId.LOCK_SCREEN, ActionId.LOGOUT, None, ActionId.QUIT,
    )),
    (
        "view",
        QT_TRANSLATE_NOOP("actions", "&View"),
        (
            *NAV_IDS,
            None,
            ActionId.REFRESH,
            None,
            ("language", QT_TRANSLATE_NOOP("actions", "&Language"), (ActionId.LANG_ZH, ActionId.LANG_EN)),
        ),
    ),
    ("tools", QT_TRANSLATE_NOOP("actions", "&Tools"),
     (ActionId.SEARCH, ActionId.TAKE_PAYMENT, ActionId.LOG_CONTACT, ActionId.OPEN_CASE, None, ActionId.BACKUP)),
    ("billing", QT_TRANSLATE_NOOP("actions", "&Billing"),
     (ActionId.TAKE_PAYMENT, None, ActionId.GENERATE_BILLS, ActionId.ASSESS_LATE_FEES)),
    ("help", QT_TRANSLATE_NOOP("actions", "&Help"), (ActionId.ABOUT,)),
)

TOOLBAR: tuple[ActionId | None, ...] = (
    ActionId.TAKE_PAYMENT, ActionId.LOG_CONTACT, None, ActionId.REFRESH, None, ActionId.IMPORT, ActionId.BACKUP,
)


def tr(text: str) -> str:
    """Translate a source text of the actions context."""
    return QCoreApplication.translate(_CTX, text)


def action_text(action_id: ActionId) -> str:
    """Translated text of an action."""
    spec = SPECS[action_id]
    return spec.text if action_id in _UNTRANSLATED_TEXT else tr(spec.text)


def strip_mnemonic(text: str) -> str:
    """``"备份数据库(&B)…"`` → ``"备份数据库"``; ``"&Back up…"`` → ``"Back up"`` (toolbar labels)."""
    text = re.sub(r"\(&\w\)", "", text).replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.rstrip("…").rstrip(".").strip()


def default_shortcuts(action_id: ActionId) -> list[QKeySequence]:
    """The default key sequences of an action."""
    shortcut = SPECS[action_id].shortcut
    if shortcut is None:
        return []
    if isinstance(shortcut, QKeySequence.StandardKey):
        return list(QKeySequence.keyBindings(shortcut))
    return [QKeySequence(shortcut)]


def create_action(
    action_id: ActionId,
    parent: QObject,
    *,
    settings: UiSettings | None = None,
    triggered: Callable[[], object] | None = None,
) -> QAction:
    """Create the QAction for ``action_id`` with translated text, icon, shortcut and tip."""
    spec = SPECS[action_id]
    action = QAction(action_text(action_id), parent)
    action.setObjectName(f"action_{action_id.value.replace('.', '_')}")
    action.setData(action_id.value)
    action.setIconText(strip_mnemonic(action.text()))
    if spec.icon:
        action.setIcon(icon(spec.icon))
    shortcuts = default_shortcuts(action_id)
    override = settings.shortcut_override(action_id.value) if settings is not None else None
    if override is not None:
        shortcuts = [QKeySequence(override)] if override else []
    action.setShortcuts(shortcuts)
    tip = tr(spec.tip) if spec.tip else action.text().replace("&", "")
    if shortcuts:
        tip = f"{tip} ({shortcuts[0].toString(QKeySequence.SequenceFormat.NativeText)})"
    action.setToolTip(tip)
    action.setStatusTip(tr(spec.tip) if spec.tip else "")
    action.setCheckable(spec.checkable)
    action.setMenuRole(spec.role)
    if triggered is not None:
        action.triggered.connect(lambda _checked=False: triggered())
    return action


class ActionRegistry:
    """The actions of one window, keyed by id, filtered by the user's permissions."""

    def __init__(
        self,
        parent: QObject,
        *,
        settings: UiSettings | None = None,
        can: Callable[[Permission], bool] | None = None,
    ) -> None:
        self._parent = parent
        self._settings = settings
        self._can = can or (lambda _p: True)
        self.actions: dict[ActionId, QAction] = {}
        for action_id, spec in SPECS.items():
            action = create_action(action_id, parent, settings=settings)
            allowed = spec.permission is None or self._can(spec.permission)
            action.setVisible(allowed)
            action.setEnabled(allowed)
            self.actions[action_id] = action

    def __getitem__(self, action_id: ActionId) -> QAction:
        return self.actions[action_id]

    def connect(self, action_id: ActionId, slot: Callable[[], object]) -> None:
        """Run ``slot`` (no arguments) when the action is triggered."""
        self.actions[action_id].triggered.connect(lambda _checked=False: slot())

    def is_allowed(self, action_id: ActionId) -> bool:
        """True when the user's role permits the action."""
        permission = SPECS[action_id].permission
        return permission is None or self._can(permission)

    def build_menus(self, menubar: QMenuBar) -> dict[str, QMenu]:
        """Fill ``menubar`` from :data:`MENUS`; returns the menus by key."""
        menus: dict[str, QMenu] = {}
        for key, title, entries in MENUS:
            menu = menubar.addMenu(tr(title))
            menu.setObjectName(f"menu_{key}")
            menus[key] = menu
            self._fill(menu, entries, menus)
        return menus

    def _fill(self, menu: QMenu, entries: Iterable[MenuEntry], menus: dict[str, QMenu]) -> None:
        for entry in entries:
            if entry is None:
                menu.addSeparator()
            elif isinstance(entry, tuple):
                key, title, ids = entry
                sub = menu.addMenu(tr(title))
                sub.setObjectName(f"menu_{key}")
                menus[key] = sub
                self._fill(sub, ids, menus)
            else:
                menu.addAction(self.actions[entry])

    def fill_toolbar(self, toolbar: QToolBar, ids: Sequence[ActionId | None] = TOOLBAR) -> None:
        """Add the toolbar actions (hidden actions stay hidden)."""
        for entry in ids:
            if entry is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(self.actions[entry])
