"""设置 → 审计日志 (managers and administrators): who did what, when, on which room; filtered and paged
in SQL, exported to Excel (the export is itself audited), and the hash chain verified on demand."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.messages import error_message, format_local_datetime
from cuijiao_desktop.services import audit_log
from cuijiao_desktop.services.audit_log import AuditFilter
from cuijiao_desktop.services.export_file import export_file
from cuijiao_desktop.services.tx import long_write
from cuijiao_desktop.tasks import run_with_progress
from cuijiao_desktop.views.dialogs import file_dialogs
from cuijiao_desktop.views.models.base import RowRole, RowTableModel
from cuijiao_desktop.views.pages.settings_page import SettingsSection

PAGE_SIZE = 200
_CTX = "AuditLog"

#: Groups of actions for the "what" filter (prefix → label).
GROUPS: dict[str, str] = {
    "payment.": QT_TRANSLATE_NOOP("AuditLog", "Payments and reversals"),
    "late_fee.": QT_TRANSLATE_NOOP("AuditLog", "Late fees and waivers"),
    "room.": QT_TRANSLATE_NOOP("AuditLog", "Rooms"),
    "person.": QT_TRANSLATE_NOOP("AuditLog", "Owners and tenants"),
    "phone.": QT_TRANSLATE_NOOP("AuditLog", "Phone numbers shown"),
    "user.": QT_TRANSLATE_NOOP("AuditLog", "Sign-ins and users"),
    "import.": QT_TRANSLATE_NOOP("AuditLog", "Imports"),
    "export.": QT_TRANSLATE_NOOP("AuditLog", "Exports"),
    "office.": QT_TRANSLATE_NOOP("AuditLog", "Office details"),
    "ladder.": QT_TRANSLATE_NOOP("AuditLog", "Collection ladder"),
    "audit.": QT_TRANSLATE_NOOP("AuditLog", "Audit log"),
    "db.": QT_TRANSLATE_NOOP("AuditLog", "Database"),
    "demo.": QT_TRANSLATE_NOOP("AuditLog", "Demo data"),
}
#: Words for the actions (others show their code).
ACTIONS: dict[str, str] = {
    "payment.record": QT_TRANSLATE_NOOP("AuditLog", "payment taken"),
    "payment.reverse": QT_TRANSLATE_NOOP("AuditLog", "payment reversed"),
    "late_fee.waive": QT_TRANSLATE_NOOP("AuditLog", "late fee waived"),
    "late_fee.recompute": QT_TRANSLATE_NOOP("AuditLog", "late fees recomputed"),
    "room.create": QT_TRANSLATE_NOOP("AuditLog", "room added"),
    "room.update": QT_TRANSLATE_NOOP("AuditLog", "room changed"),
    "room.link_person": QT_TRANSLATE_NOOP("AuditLog", "person linked to room"),
    "room.end_tenancy": QT_TRANSLATE_NOOP("AuditLog", "tenancy ended"),
    "room.change_tenant": QT_TRANSLATE_NOOP("AuditLog", "tenant changed"),
    "person.create": QT_TRANSLATE_NOOP("AuditLog", "person added"),
    "person.update": QT_TRANSLATE_NOOP("AuditLog", "person changed"),
    "phone.reveal": QT_TRANSLATE_NOOP("AuditLog", "full phone number shown"),
    "user.login": QT_TRANSLATE_NOOP("AuditLog", "signed in"),
    "user.login_failed": QT_TRANSLATE_NOOP("AuditLog", "wrong password"),
    "user.logout": QT_TRANSLATE_NOOP("AuditLog", "signed out"),
    "user.unlock": QT_TRANSLATE_NOOP("AuditLog", "screen unlocked"),
    "user.create": QT_TRANSLATE_NOOP("AuditLog", "user added"),
    "user.create_first_admin": QT_TRANSLATE_NOOP("AuditLog", "first administrator created"),
    "user.change_password": QT_TRANSLATE_NOOP("AuditLog", "own password changed"),
    "user.reset_password": QT_TRANSLATE_NOOP("AuditLog", "password reset"),
    "user.set_role": QT_TRANSLATE_NOOP("AuditLog", "role changed"),
    "user.disable": QT_TRANSLATE_NOOP("AuditLog", "user disabled"),
    "user.enable": QT_TRANSLATE_NOOP("AuditLog", "user enabled"),
    "office.update": QT_TRANSLATE_NOOP("AuditLog", "office details changed"),
    "office.image": QT_TRANSLATE_NOOP("AuditLog", "office picture changed"),
    "office.image_removed": QT_TRANSLATE_NOOP("AuditLog", "office picture removed"),
    "audit.export": QT_TRANSLATE_NOOP("AuditLog", "audit log exported"),
    "db.upgrade": QT_TRANSLATE_NOOP("AuditLog", "database upgraded"),
    "demo.build": QT_TRANSLATE_NOOP("AuditLog", "demo data created"),
}


def action_text(action: str) -> str:
    """``payment.reverse`` → ``冲正`` (translated), else the code itself."""
    text = ACTIONS.get(action)
    return QCoreApplication.translate(_CTX, text) if text else action


class AuditModel(RowTableModel):
    CONTEXT = _CTX
    HEADERS = (
        QT_TRANSLATE_NOOP("AuditLog", "No."),
        QT_TRANSLATE_NOOP("AuditLog", "Time"),
        QT_TRANSLATE_NOOP("AuditLog", "Who"),
        QT_TRANSLATE_NOOP("AuditLog", "What"),
        QT_TRANSLATE_NOOP("AuditLog", "Room"),
        QT_TRANSLATE_NOOP("AuditLog", "Record"),
        QT_TRANSLATE_NOOP("AuditLog", "Details"),
    )

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        r = self.row_of(index)
        if r is None:
            return None
        if role == RowRole:
            return r
        if role == Qt.ItemDataRole.DisplayRole:
            return (str(r.chain_seq), format_local_datetime(r.at), f"{r.display_name} ({r.username})",
                    action_text(r.action), r.room_code, f"{r.entity} {r.entity_id or ''}".strip(),
                    r.detail if len(r.detail) <= 120 else r.detail[:117] + "…")[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 6:
            return r.detail
        return None


class AuditSection(SettingsSection):
    """Filters, a page of rows, paging, export and verification."""

    def __init__(self, runner, user, *, settings=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditSection")
        self._runner, self._user, self._settings = runner, user, settings
        self.offset, self.total = 0, 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        filters = QHBoxLayout()
        self.who = QComboBox()
        self.who.setObjectName("auditWho")
        self.who.setMinimumWidth(140)
        self.what = QComboBox()
        self.what.setObjectName("auditWhat")
        self.what.setMinimumWidth(160)
        self.use_from = QCheckBox(self.tr("From"))
        self.date_from = QDateEdit(QDate.currentDate().addDays(-30))
        self.use_to = QCheckBox(self.tr("to"))
        self.date_to = QDateEdit(QDate.currentDate())
        for d in (self.date_from, self.date_to):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
        self.room = QLineEdit()
        self.room.setObjectName("auditRoom")
        self.room.setPlaceholderText(self.tr("Room, e.g. 3-2-1502"))
        self.room.setClearButtonEnabled(True)
        self.apply_button = QPushButton(self.tr("Search"))
        self.apply_button.setObjectName("auditSearch")
        self.apply_button.setDefault(True)
        for caption, widget in ((self.tr("Who:"), self.who), (self.tr("What:"), self.what)):
            filters.addWidget(QLabel(caption))
            filters.addWidget(widget)
        for widget in (self.use_from, self.date_from, self.use_to, self.date_to, self.room, self.apply_button):
            filters.addWidget(widget)
        filters.addStretch(1)
        layout.addLayout(filters)
        self.model = AuditModel(self)
        self.view = QTableView()
        self.view.setObjectName("auditTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        self.prev_button = QPushButton(self.tr("‹ Newer"))
        self.next_button = QPushButton(self.tr("Older ›"))
        self.page_label = QLabel()
        self.page_label.setObjectName("auditPageLabel")
        self.export_button = QPushButton(self.tr("Export to Excel…"))
        self.verify_button = QPushButton(self.tr("Verify the chain"))
        self.verify_button.setToolTip(self.tr("Check that no row of the log was changed, deleted or inserted"))
        for w in (self.prev_button, self.page_label, self.next_button):
            bottom.addWidget(w)
        bottom.addStretch(1)
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.verify_button)
        layout.addLayout(bottom)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        self.apply_button.clicked.connect(lambda: self.load(0))
        self.room.returnPressed.connect(lambda: self.load(0))
        self.who.activated.connect(lambda _i: self.load(0))
        self.what.activated.connect(lambda _i: self.load(0))
        self.prev_button.clicked.connect(lambda: self.load(max(0, self.offset - PAGE_SIZE)))
        self.next_button.clicked.connect(lambda: self.load(self.offset + PAGE_SIZE))
        self.export_button.clicked.connect(self.export)
        self.verify_button.clicked.connect(self.verify)
        self.view.doubleClicked.connect(self._show_detail)

    # filters
    def current_filter(self) -> AuditFilter:
        who = self.who.currentData()
        user_id, username = (who if isinstance(who, tuple) else (None, None))
        return AuditFilter(
            user_id=user_id, username=username if user_id is None else None,
            action=self.what.currentData() or None,
            date_from=self.date_from.date().toPython() if self.use_from.isChecked() else None,
            date_to=self.date_to.date().toPython() if self.use_to.isChecked() else None,
            room=self.room.text().strip() or None,
        )

    def refresh(self) -> None:
        self._runner.submit(audit_log.audit_users, actor=self._user, on_result=self._fill_who, on_error=self._failed)
        self._runner.submit(audit_log.audit_actions, actor=self._user, on_result=self._fill_what,
                            on_error=self._failed)
        self.load(self.offset)

    def _fill_who(self, people) -> None:
        current = self.who.currentData()
        self.who.clear()
        self.who.addItem(self.tr("everyone"), None)
        for user_id, username, display in people:
            self.who.addItem(f"{display} ({username})", (user_id, username))
        index = self.who.findData(current)
        self.who.setCurrentIndex(max(0, index))

    def _fill_what(self, actions) -> None:
        current = self.what.currentData()
        self.what.clear()
        self.what.addItem(self.tr("everything"), None)
        present = {a.split(".", 1)[0] + "." for a in actions}
        for prefix, text in GROUPS.items():
            if prefix in present:
                self.what.addItem(QCoreApplication.translate(_CTX, text), prefix)
        for action in actions:
            self.what.addItem(f"  {action_text(action)}", action)
        index = self.what.findData(current)
        self.what.setCurrentIndex(max(0, index))

    # paging
    def load(self, offset: int) -> None:
        """Show the rows from ``offset`` (newest first) that match the filters."""
        self._runner.submit(audit_log.audit_page, actor=self._user, flt=self.current_filter(), offset=offset,
                            limit=PAGE_SIZE, on_result=self._show, on_error=self._failed)

    def _show(self, page) -> None:
        self.offset, self.total = page.offset, page.total
        self.model.set_rows(page.rows)
        first = page.offset + 1 if page.rows else 0
        self.page_label.setText(self.tr("{first}–{last} of {total}").format(
            first=first, last=page.offset + len(page.rows), total=page.total))
        self.prev_button.setEnabled(page.offset > 0)
        self.next_button.setEnabled(page.offset + len(page.rows) < page.total)
        self.export_button.setEnabled(page.total > 0)
        self.status.clear()

    def _failed(self, exc: BaseException) -> None:
        self.status.setStyleSheet("color: #B3261E;")
        self.status.setText(error_message(exc))

    def _show_detail(self, index: QModelIndex) -> None:
        r = self.model.row_of(index)
        if r is None:
            return
        try:
            detail = json.dumps(json.loads(r.detail), ensure_ascii=False, indent=2)
        except ValueError:
            detail = r.detail
        QMessageBox.information(self, self.tr("Audit entry {n}").format(n=r.chain_seq), "\n".join([
            f"{format_local_datetime(r.at)}  {r.display_name} ({r.username})",
            f"{action_text(r.action)}  [{r.action}]  {r.entity} {r.entity_id or ''}",
            r.room_code, "", detail]))

    # export
    def export(self) -> None:
        flt = self.current_filter()
        name = f"审计日志-{date.today():%Y%m%d}.xlsx"
        path = file_dialogs.save_file(self, self.tr("Export the audit log"), purpose="export", suggested_name=name,
                                      filters=self.tr("Excel workbook (*.xlsx)"), default_suffix="xlsx",
                                      settings=self._settings)
        if path is not None:
            self.export_to(path, flt)

    def export_to(self, path: Path, flt: AuditFilter) -> None:
        """Read the rows, write the workbook to a temporary file, note the export in the log, then rename the
        file into place (``services/export_file.py``): one task, the write lock only for the audit row."""
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        if self._settings is not None:
            self._settings.set_last_folder("export", str(path.parent))
        self.export_button.setEnabled(False)
        columns = (
            (self.tr("No."), "int"), (self.tr("Time"), "text"), (self.tr("User name"), "text"), (self.tr("Who"), "text"),
            (self.tr("What"), "text"), (self.tr("Action"), "text"), (self.tr("Room"), "text"),
            (self.tr("Record"), "text"), (self.tr("Details"), "text"),
        )

        def write(rows, tmp: Path, progress=None, cancel=None) -> int:
            from cuijiao_desktop.reports.xlsx import write_table

            table = [(r.chain_seq, format_local_datetime(r.at), r.username, r.display_name, action_text(r.action),
                      r.action, r.room_code, f"{r.entity} {r.entity_id or ''}".strip(), r.detail) for r in rows]
            return write_table(tmp, columns, table, sheet_title=self.tr("Audit log"), title=self.tr("Audit log"),
                               subtitle=self.tr("{n} entries, exported {day}").format(n=len(table),
                                                                                     day=date.today().isoformat()),
                               progress=progress, cancel=cancel)

        @long_write
        def export(tx, progress=None, cancel=None) -> int:  # the one export shape: services/export_file.py
            return export_file(
                tx, path, read=lambda s: audit_log.audit_rows(s, actor=self._user, flt=flt),
                write=lambda rows, tmp: write(rows, tmp, progress, cancel),
                audit=lambda s, _rows, n: audit_log.record_export(s, actor=self._user, flt=flt, file_name=path.name,
                                                                  rows=n),
                cancel=cancel).written

        def recorded(_r) -> None:
            self.status.setStyleSheet("color: #1E5631;")
            self.status.setText(self.tr("Exported to {path}").format(path=path))
            self.load(0)

        run_with_progress(self._runner, self, self.tr("Exporting the audit log…"), export, on_result=recorded,
                          on_error=self._failed, on_finished=lambda: self.export_button.setEnabled(True))

    # verification
    def verify(self) -> None:
        run_with_progress(self._runner, self, self.tr("Verifying the audit log…"), audit_log.verify_chain,
                          actor=self._user, on_result=self._verified, on_error=self._failed)

    def verify_text(self, report) -> str:
        """The outcome in words."""
        if report.ok:
            return self.tr("The audit log is intact: {n} entries, no broken link.\nLast entry: no. {seq}, "
                           "hash {hash}").format(n=f"{report.checked:,}", seq=report.head_seq,
                                                 hash=report.head_hash[:16] + "…")
        b = report.broken
        kind = {
            "changed": self.tr("entry {seq} was changed after it was written"),
            "missing": self.tr("entries from no. {expected} were deleted (the next one is no. {seq})"),
            "inserted": self.tr("entry {seq} does not follow the one before it (that one was replaced, "
                                "or this one inserted)"),
        }[b.kind.value].format(seq=b.chain_seq, expected=b.expected_seq)
        return self.tr("The audit log was tampered with: {what}.\n{n} entries before it are intact.").format(
            what=kind, n=f"{report.checked:,}")

    def _verified(self, report) -> None:
        box = QMessageBox.information if report.ok else QMessageBox.critical
        box(self, self.tr("Verify the chain"), self.verify_text(report))
