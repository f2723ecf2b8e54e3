"""设置: one tab per section. The general tab shows the office, the signed-in user and the database;
other sections (fee items, users, the ladder …) are added with :meth:`SettingsPage.add_section`.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services import office
from cuijiao_desktop.views.dialogs.style import HINT_STYLE, set_inline
from cuijiao_desktop.views.labels import role_label
from cuijiao_desktop.views.pages.base import Page


class SettingsSection(QWidget):
    """A tab of the settings page; ``refresh()`` loads its data when the tab is first shown or on F5."""

    def refresh(self) -> None:
        """Reload the section's data (subclasses)."""


class RulesSection(SettingsSection):
    """A section that edits a set of the office's rules in one form (``self.form``, in a group box);
    managers change them (``Permission.EDIT_LADDER``). ``rules`` holds what was loaded; a status line
    under the form says what happens. Subclasses fill the form, call :meth:`finish_form`, and fill it
    from the rules in ``_show(rules)``."""

    def __init__(self, runner, user, *, name: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._runner = runner
        self._user = user
        self.rules = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 12, 0, 0)
        box = QGroupBox(title)
        self.form = QFormLayout(box)
        outer.addWidget(box)
        outer.addStretch(1)

    def add_time_window(self, caption: str, start: QLineEdit, end: QLineEdit) -> None:
        """A row of times of day, ``start`` – ``end``, under ``caption`` (its mnemonic goes to ``start``)."""
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(start)
        line.addWidget(QLabel("–"))
        line.addWidget(end)
        line.addStretch(1)
        label = QLabel(caption)
        label.setBuddy(start)
        self.form.addRow(label, row)

    def finish_form(self, note: str, *, save_name: str, status_name: str, fields: list[QWidget]) -> None:
        """The grey ``note`` under the fields, the save button and the status line; ``fields`` and the
        button only for managers."""
        note_label = QLabel(note)
        note_label.setWordWrap(True)
        note_label.setStyleSheet("color: #5F6B7A;")
        self.form.addRow(note_label)
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setObjectName(save_name)
        self.save_button.clicked.connect(self.save)
        self.form.addRow(self.save_button)
        self.status_label = QLabel()
        self.status_label.setObjectName(status_name)
        self.status_label.setWordWrap(True)
        self.status_label.hide()
        self.form.addRow(self.status_label)
        editable = self._user is not None and self._user.can(Permission.EDIT_LADDER)
        for w in fields:
            w.setEnabled(editable)
        self.save_button.setVisible(editable)

    def save(self) -> None:
        """Save the form (subclasses)."""

    def _show(self, rules) -> None:
        """Fill the form from ``rules`` (subclasses keep them in ``self.rules``)."""

    def _load(self, task) -> None:
        """Read the rules with ``task`` on the task runner and show them."""
        self._runner.submit(task, on_result=self._show,
                            on_error=lambda exc: set_inline(self.status_label, error_message(exc)))

    def _save(self, task, *, on_error, **values) -> None:
        """Write ``values`` with ``task`` on the task runner; the rules it returns are shown."""
        set_inline(self.status_label, self.tr("Saving…"), HINT_STYLE)
        self._runner.submit(
            task, actor=self._user, **values,
            on_result=lambda rules: (self._show(rules), set_inline(self.status_label, self.tr("Saved."), HINT_STYLE)),
            on_error=on_error,
        )


class SettingsPage(Page):
    """Tabs: the general one (office details, the user, the database in use), then the sections."""

    def __init__(self, runner, user, *, db_description: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Settings"), "settings", parent)
        self._runner = runner
        self._user = user
        self.office = None
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self.tabs.setDocumentMode(True)
        self.body.addWidget(self.tabs, 1)
        self._sections: list[SettingsSection] = []
        self._shown: set[int] = set()
        general = QWidget()
        self.general = QVBoxLayout(general)
        self.general.setContentsMargins(0, 12, 0, 0)
        self.tabs.addTab(general, self.tr("General"))
        self.tabs.currentChanged.connect(self._on_tab_changed)

        self.office_box = QGroupBox(self.tr("Office"))
        form = QFormLayout(self.office_box)
        self.office_fields: dict[str, QLabel] = {}
        for key, label in (
            ("name", self.tr("Name:")),
            ("address", self.tr("Address:")),
            ("phone", self.tr("Phone:")),
            ("bank_name", self.tr("Bank:")),
            ("bank_account", self.tr("Bank account:")),
        ):
            value = QLabel("—")
            value.setWordWrap(True)
            self.office_fields[key] = value
            form.addRow(label, value)
        self.demo_label = QLabel()
        self.demo_label.setStyleSheet("color: #8A5300;")
        self.demo_label.setWordWrap(True)
        self.demo_label.hide()
        form.addRow(self.demo_label)
        note = QLabel(self.tr("Managers and administrators edit these under “Service centre”."))
        note.setStyleSheet("color: #8592A0;")
        form.addRow(note)
        self.general.addWidget(self.office_box)

        user_box = QGroupBox(self.tr("Signed in"))
        user_form = QFormLayout(user_box)
        self.user_name_label = QLabel(f"{user.display_name} ({user.username})")
        self.role_label = QLabel(role_label(user.role))
        user_form.addRow(self.tr("User:"), self.user_name_label)
        user_form.addRow(self.tr("Role:"), self.role_label)
        db_label = QLabel(db_description)
        db_label.setWordWrap(True)
        user_form.addRow(self.tr("Database:"), db_label)
        self.general.addWidget(user_box)
        self.status_label = QLabel()
        self.status_label.setStyleSheet("color: #B3261E;")
        self.general.addWidget(self.status_label)
        self.general.addStretch(1)

    def add_section(self, section: SettingsSection, title: str) -> None:
        """Add a tab; its data loads when it is first shown."""
        self._sections.append(section)
        self.tabs.addTab(section, title)

    def _on_tab_changed(self, index: int) -> None:
        section = self.tabs.widget(index)
        if isinstance(section, SettingsSection) and index not in self._shown:
            self._shown.add(index)
            section.refresh()

    def refresh(self) -> None:
        """Reload the office details, and the section on screen, off the GUI thread."""
        super().refresh()
        self._runner.submit(office.get_office, on_result=self._show, on_error=self._show_error)
        self._shown = {self.tabs.currentIndex()}
        current = self.tabs.currentWidget()
        if isinstance(current, SettingsSection):
            current.refresh()

    def _show(self, dto) -> None:
        self.office = dto
        self.status_label.clear()
        for key, label in self.office_fields.items():
            label.setText(getattr(dto, key, "") or self.tr("(not set)"))
        self.demo_label.setVisible(bool(dto.is_demo))
        self.demo_label.setText(self.tr("This is a demo database with invented owners and amounts."))

    def _show_error(self, exc: BaseException) -> None:
        self.status_label.setText(error_message(exc))
