"""设置: one tab per section. The general tab shows the office, the signed-in user and the database;
other sections (fee items, users, the ladder …) are added with :meth:`SettingsPage.add_section`.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QTabWidget, QVBoxLayout, QWidget

from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services import office
from cuijiao_desktop.views.labels import role_label
from cuijiao_desktop.views.pages.base import Page


class SettingsSection(QWidget):
    """A tab of the settings page; ``refresh()`` loads its data when the tab is first shown or on F5."""

    def refresh(self) -> None:
        """Reload the section's data (subclasses)."""


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
