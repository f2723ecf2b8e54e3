"""问题跟进: the service issues raised while collecting (a leak, the cleaning …), who fixes them and
by when; open ones first, those past their promised date in red. Enter edits an issue; the
context menu opens its room's ledger or its case.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.domain.enums import IssueCategory
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services import cases as cases_service
from cuijiao_desktop.views.dialogs.style import error_label
from cuijiao_desktop.views.labels import CATEGORY_LABELS, label
from cuijiao_desktop.views.models.base import RowRole
from cuijiao_desktop.views.models.case_models import IssuesModel
from cuijiao_desktop.views.widgets.filters import debounced, search_edit
from cuijiao_desktop.views.widgets.tables import list_view, on_enter

OPEN, OVERDUE, ALL = "open", "overdue", "all"


class ServiceIssuesTab(QWidget):
    """The office's service issues. ``sig_open_room(room_id)`` opens the ledger."""

    sig_open_room = Signal(int)
    sig_loaded = Signal(object)  # list[IssueDTO]

    def __init__(self, runner, user, *, today: Callable[[], date] = date.today, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serviceIssuesTab")
        self._runner = runner
        self._user = user
        self._today = today
        self.issues: list[cases_service.IssueDTO] = []
        self.staff: list = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        filters = QHBoxLayout()
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("issuesStatus")
        self.status_combo.addItem(self.tr("Open issues"), OPEN)
        self.status_combo.addItem(self.tr("Past the promised date"), OVERDUE)
        self.status_combo.addItem(self.tr("All issues"), ALL)
        self.category_combo = QComboBox()
        self.category_combo.setObjectName("issuesCategory")
        self.category_combo.addItem(self.tr("Any category"), None)
        for c in IssueCategory:
            self.category_combo.addItem(label(CATEGORY_LABELS, c), c)
        self.text_edit = search_edit("issuesText", self.tr("Room, problem or handler"))
        filters.addWidget(self.status_combo)
        filters.addWidget(self.category_combo)
        filters.addWidget(self.text_edit, 1)
        layout.addLayout(filters)

        self.model = IssuesModel(self)
        self.table = list_view(self.model, "issuesTable", sortable=True,
                               widths=dict(enumerate((90, 86, 70, 260, 86, 86, 70, 120, 80))))
        self.table.doubleClicked.connect(self._edit_index)
        on_enter(self.table, self.edit_selected)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        layout.addWidget(self.table, 1)

        bottom = QHBoxLayout()
        self.count_label = QLabel()
        self.count_label.setObjectName("issuesCount")
        bottom.addWidget(self.count_label, 1)
        can_edit = user.can(Permission.LOG_CONTACT)
        self.new_button = QPushButton(self.tr("&New issue…"))
        self.new_button.setObjectName("issuesNew")
        self.new_button.clicked.connect(self.new_issue)
        self.new_button.setVisible(can_edit)
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.edit_button.setObjectName("issuesEdit")
        self.edit_button.clicked.connect(self.edit_selected)
        self.edit_button.setVisible(can_edit)
        self.ledger_button = QPushButton(self.tr("Room &ledger"))
        self.ledger_button.setObjectName("issuesLedger")
        self.ledger_button.clicked.connect(self._open_room)
        for b in (self.new_button, self.edit_button, self.ledger_button):
            bottom.addWidget(b)
        layout.addLayout(bottom)
        self.error_label = error_label("issuesError")
        layout.addWidget(self.error_label)
        self.status_combo.currentIndexChanged.connect(self.apply_filters)
        self.category_combo.currentIndexChanged.connect(self.apply_filters)
        self.text_timer = debounced(self, 200, self.apply_filters, self.text_edit.textChanged)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def refresh(self) -> None:
        """Reload the issues (and the staff who can be responsible)."""
        self.error_label.hide()
        self._runner.submit(cases_service.list_issues, actor=self._user, today=self._today(),
                            on_result=self._loaded, on_error=self._failed)
        self._runner.submit(cases_service.staff_options, on_result=lambda staff: setattr(self, "staff", staff),
                            on_error=self._failed)

    def _loaded(self, issues) -> None:
        self.issues = list(issues)
        self.apply_filters()
        self.sig_loaded.emit(self.issues)

    def _failed(self, exc: BaseException) -> None:
        self.error_label.setText(error_message(exc))
        self.error_label.show()

    def apply_filters(self) -> None:
        rows = self.issues
        status = self.status_combo.currentData()
        if status == OPEN:
            rows = [i for i in rows if i.is_open]
        elif status == OVERDUE:
            rows = [i for i in rows if i.overdue]
        category = self.category_combo.currentData()
        if category is not None:
            rows = [i for i in rows if i.category == category]
        text = self.text_edit.text().strip()
        if text:
            rows = [i for i in rows if text in i.room_code or text in i.description or text in i.handler]
        self.model.set_rows(rows)
        overdue = sum(1 for i in self.issues if i.overdue)
        self.count_label.setText(self.tr("{n} issues listed · {open} open · {late} past the promised date").format(
            n=len(rows), open=sum(1 for i in self.issues if i.is_open), late=overdue))
        self._update_buttons()

    def selected(self) -> cases_service.IssueDTO | None:
        index = self.table.currentIndex()
        return self.model.data(index, RowRole) if index.isValid() else None

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        self.edit_button.setEnabled(has)
        self.ledger_button.setEnabled(has)

    def _edit_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.edit_selected()

    def _dialog(self, **kwargs) -> None:
        from cuijiao_desktop.views.dialogs.case_forms import IssueDialog

        dialog = IssueDialog(self._runner, self._user, today=self._today(), staff=self.staff, parent=self, **kwargs)
        dialog.sig_saved.connect(lambda _i: self.refresh())
        self.issue_dialog = dialog
        dialog.open()

    def new_issue(self) -> None:
        """A new issue: the room is typed in the dialog (or taken from the selected issue's room)."""
        if self._user.can(Permission.LOG_CONTACT):
            self._dialog()

    def edit_selected(self) -> None:
        issue = self.selected()
        if issue is not None and self._user.can(Permission.LOG_CONTACT):
            self._dialog(issue=issue)

    def _open_room(self) -> None:
        issue = self.selected()
        if issue is not None:
            self.sig_open_room.emit(issue.room_id)

    def _context_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        issue = self.model.data(index, RowRole)
        menu = QMenu(self)
        if self._user.can(Permission.LOG_CONTACT):
            menu.addAction(self.tr("Edit…"), lambda: self._dialog(issue=issue))
        menu.addAction(self.tr("Open room ledger"), lambda: self.sig_open_room.emit(issue.room_id))
        if issue.case_id is not None:
            menu.addAction(self.tr("Open case"), lambda: self._open_case(issue.case_id))
        self.context_menu = menu
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def _open_case(self, case_id: int) -> None:
        from cuijiao_desktop.views.dialogs.case_dialog import CaseDialog

        dialog = CaseDialog(self._runner, self._user, today=self._today(), case_id=case_id, parent=self)
        dialog.sig_open_room.connect(self.sig_open_room)
        dialog.sig_changed.connect(self.refresh)
        self.case_dialog = dialog
        dialog.open()
