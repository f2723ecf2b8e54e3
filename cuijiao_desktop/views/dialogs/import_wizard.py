"""文件 → 导入…: bring rooms and owners, bills or payments in from a spreadsheet.

Four pages: choose the kind, file, sheet and estate → check the detected header row and
the column mapping (combo boxes, with a preview of the first rows) → see what the import
would do (counts and the rejected rows with their reasons, exportable) → the result.
A bills file whose fee-item words are not all the items' own names gets a page between
the mapping and the check: each word with its rows and amount, and the item it stands
for (a synonym found on its own, an existing item, a new item, or leave its rows out).
Reading, checking and the import itself run on the task runner with progress; the import
can be cancelled and then leaves the database exactly as it was.
"""

from __future__ import annotations

import datetime as dt
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from cuijiao_desktop.domain.enums import PaymentMethod
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.importing.headers import (
    FIELDS,
    KIND_ZH,
    HeaderGuess,
    ImportKind,
    detect_header,
    mapping_problems,
)
from cuijiao_desktop.importing.normalize import METHOD_ZH, cell_text
from cuijiao_desktop.importing.readers import SheetData
from cuijiao_desktop.importing.validate import Rejected
from cuijiao_desktop.messages import error_message
from cuijiao_desktop.reports.rejected_rows import write_rejected
from cuijiao_desktop.tasks import run_with_progress, wait_for
from cuijiao_desktop.views.dialogs import file_dialogs
from cuijiao_desktop.views.labels import basis_label
from cuijiao_desktop.views.models.base import ALIGN_RIGHT, Index, RowRole, RowTableModel, SortRole

PREVIEW_ROWS = 20


def _as_read(value: Any) -> str:
    """A cell as the file holds it (text untouched; numbers and dates as a person writes them)."""
    return value if isinstance(value, str) else (cell_text(value) or "")


def _column_name(i: int) -> str:
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


class RejectedModel(RowTableModel):
    """The rejected rows of a plan: spreadsheet line, reasons (Chinese), the row's cells."""

    class Column(IntEnum):
        LINE = 0
        REASONS = 1
        CELLS = 2

    CONTEXT = "RejectedModel"
    HEADERS = (QT_TRANSLATE_NOOP("RejectedModel", "Line"), QT_TRANSLATE_NOOP("RejectedModel", "Reasons"),
               QT_TRANSLATE_NOOP("RejectedModel", "Row as read"))

    # Qt model interface (rows: the plan's Rejected)
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row: Rejected | None = self.row_of(index)
        if row is None:
            return None
        col = self.Column(index.column())
        if role == RowRole:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col is self.Column.LINE:
                return str(row.line)
            if col is self.Column.REASONS:
                return row.reason_text
            return " | ".join(c for c in row.cells if c)
        if role == SortRole:
            return row.line if col is self.Column.LINE else self.data(index)
        if role == Qt.ItemDataRole.TextAlignmentRole and col is self.Column.LINE:
            return ALIGN_RIGHT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return None  # the Line column numbers the rows as in the file
        return super().headerData(section, orientation, role)


class PreviewModel(RowTableModel):
    """The first rows below the header, as read (columns named by their header cell)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._titles: list[str] = []
        self._first_line = 1

    def set_rows(  # type: ignore[override]
        self, titles: list[str], rows: list[tuple[str, ...]], first_line: int = 1,
    ) -> None:
        """Replace the header titles and rows (already text); ``first_line`` numbers the rows as in the file."""
        self.beginResetModel()
        self._titles = list(titles)
        self._rows = [tuple(r) for r in rows]
        self._first_line = first_line
        self.endResetModel()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._titles)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row: tuple[str, ...] | None = self.row_of(index)
        if row is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, SortRole):
            return row[index.column()] if index.column() < len(row) else ""
        if role == RowRole:
            return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._titles):
            return self._titles[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(self._first_line + section)
        return None


def _table(model: QAbstractTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setDefaultSectionSize(22)
    view.horizontalHeader().setStretchLastSection(True)
    view.setWordWrap(False)
    return view


class SourcePage(QWizardPage):
    """Kind, file, sheet, estate (and the default payment method)."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Choose the spreadsheet"))
        self.setSubTitle(self.tr("Excel (.xlsx, .xls) or CSV (UTF-8 or GBK). The header row is found below any "
                                 "title rows."))
        self.kind_box = QComboBox()
        for kind, text in ((ImportKind.ROOMS, self.tr("Rooms and owners")), (ImportKind.BILLS, self.tr("Bills")),
                           (ImportKind.PAYMENTS, self.tr("Payments"))):
            self.kind_box.addItem(text, kind)
        self.file_edit = QLineEdit()
        self.file_edit.setPlaceholderText(self.tr("Choose a file…"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self.browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(browse)
        self.sheet_box = QComboBox()
        self.estate_box = QComboBox()
        self.estate_box.setEditable(True)
        self.estate_box.lineEdit().setPlaceholderText(self.tr("The only estate, or a new one"))
        self.method_box = QComboBox()
        self.method_box.addItem(self.tr("(from the file)"), None)
        for method, text in METHOD_ZH.items():
            self.method_box.addItem(text, method)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #B3261E;")
        self.error_label.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("What to import:"), self.kind_box)
        form.addRow(self.tr("File:"), file_row)
        form.addRow(self.tr("Sheet:"), self.sheet_box)
        form.addRow(self.tr("Estate:"), self.estate_box)
        self.method_label = QLabel(self.tr("Payment method when the file has none:"))
        form.addRow(self.method_label, self.method_box)
        form.addRow(self.error_label)
        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        self.file_edit.editingFinished.connect(self.load_sheet_names)
        self.file_edit.textChanged.connect(self.completeChanged)
        self._kind_changed()

    def initializePage(self) -> None:
        self.w.load_estates(self.estate_box)

    def _kind_changed(self) -> None:
        payments = self.kind_box.currentData() == ImportKind.PAYMENTS
        self.method_box.setVisible(payments)
        self.method_label.setVisible(payments)

    def browse(self) -> None:
        """Pick the file."""
        path = file_dialogs.open_file(self, self.tr("Import from"), purpose="import", settings=self.w.settings,
                                      filters=self.tr("Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv *.txt)"))
        if path is not None:
            self.file_edit.setText(str(path))
            self.load_sheet_names()

    def load_sheet_names(self) -> None:
        """Fill the sheet box from the chosen file (errors are shown when going on)."""
        from cuijiao_desktop.importing.readers import sheet_names

        self.sheet_box.clear()
        text = self.file_edit.text().strip()
        if not text:
            return
        try:
            self.sheet_box.addItems(sheet_names(text))
            self.error_label.clear()
        except Exception as exc:  # noqa: BLE001 (shown inline)
            self.error_label.setText(error_message(exc))

    def isComplete(self) -> bool:
        return bool(self.file_edit.text().strip())

    def validatePage(self) -> bool:
        from cuijiao_desktop.importing.readers import read_sheet

        self.error_label.clear()
        path = Path(self.file_edit.text().strip())
        sheet = self.sheet_box.currentText() or None
        handle = wait_for(run_with_progress(
            self.w.runner, self, self.tr("Reading {file}…").format(file=path.name), read_sheet, path, sheet=sheet,
            with_session=False, on_error=lambda exc: None,
        ))
        if handle.error is not None or handle.cancelled:
            self.error_label.setText(error_message(handle.error) if handle.error else self.tr("Cancelled."))
            return False
        self.w.set_sheet(handle.result, ImportKind(self.kind_box.currentData()))
        return True


class MappingPage(QWizardPage):
    """The header row and which column holds which field, with a preview."""

    sig_mapping_changed = Signal()

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Columns"))
        self.setSubTitle(self.tr("Check the header row and the column of each field; fix them if needed."))
        self.header_spin = QSpinBox()
        self.header_spin.setMinimum(1)
        self.header_spin.valueChanged.connect(self._header_changed)
        self.fields_box = QGroupBox(self.tr("Fields"))
        self.fields_grid = QGridLayout(self.fields_box)
        self.combos: dict[str, QComboBox] = {}
        self.preview_model = PreviewModel(self)
        self.preview = _table(self.preview_model)
        self.problems_label = QLabel()
        self.problems_label.setStyleSheet("color: #B3261E;")
        self.problems_label.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Header row:")))
        top.addWidget(self.header_spin)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.fields_box)
        layout.addWidget(QLabel(self.tr("First rows below the header:")))
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.problems_label)
        self._building = False

    def initializePage(self) -> None:
        guess = self.w.guess
        sheet = self.w.sheet
        assert guess is not None and sheet is not None
        self._building = True
        self.header_spin.setMaximum(max(1, len(sheet.rows)))
        self.header_spin.setValue((guess.header_row or 0) + 1)
        self._build_combos(guess)
        self._building = False
        self._refresh()

    def _titles(self) -> list[str]:
        sheet = self.w.sheet
        assert sheet is not None
        row = sheet.rows[self.header_spin.value() - 1] if sheet.rows else ()
        return [f"{_column_name(i)}: {cell_text(v) or ''}" for i, v in enumerate(row)]

    def _build_combos(self, guess: HeaderGuess) -> None:
        while self.fields_grid.count():
            item = self.fields_grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.combos.clear()
        titles = self._titles()
        for n, f in enumerate(FIELDS[guess.kind]):
            box = QComboBox()
            box.addItem(self.tr("(none)"), -1)
            for i, t in enumerate(titles):
                box.addItem(t, i)
            box.setCurrentIndex(guess.mapping.get(f.key, -1) + 1)
            box.currentIndexChanged.connect(self._refresh)
            label = QLabel(f.label + (" *" if f.required else ""))
            self.fields_grid.addWidget(label, n // 3, (n % 3) * 2)
            self.fields_grid.addWidget(box, n // 3, (n % 3) * 2 + 1)
            self.combos[f.key] = box

    def _header_changed(self) -> None:
        if self._building:
            return
        sheet = self.w.sheet
        assert sheet is not None and self.w.kind is not None
        row = self.header_spin.value() - 1
        guess = detect_header(self.w.kind, sheet.rows[row:row + 1])
        self._build_combos(HeaderGuess(self.w.kind, row, guess.titles, guess.mapping))
        self._refresh()

    def mapping(self) -> dict[str, int]:
        """The mapping as chosen in the combo boxes."""
        return {key: box.currentData() for key, box in self.combos.items() if box.currentData() >= 0}

    def _refresh(self) -> None:
        if self._building or self.w.sheet is None or self.w.kind is None:
            return
        sheet = self.w.sheet
        header = self.header_spin.value() - 1
        titles = [_as_read(v) or _column_name(i) for i, v in enumerate(sheet.rows[header])] if sheet.rows else []
        rows = [tuple(_as_read(v) for v in r) for r in sheet.rows[header + 1: header + 1 + PREVIEW_ROWS]]
        self.preview_model.set_rows(titles, rows, first_line=header + 2)
        problems = mapping_problems(self.w.kind, self.mapping())
        self.problems_label.setText("\n".join(problems))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.w.kind is not None and not mapping_problems(self.w.kind, self.mapping())

    def validatePage(self) -> bool:
        assert self.w.kind is not None and self.w.sheet is not None
        header = self.header_spin.value() - 1
        titles = tuple("" if v is None else str(v) for v in self.w.sheet.rows[header])
        self.w.guess = HeaderGuess(self.w.kind, header, titles, self.mapping())
        self.w.fee_choices = {}
        return self.w.run_plan(self)

    def nextId(self) -> int:
        return self.w.FEE_ITEMS if self.w.needs_fee_items_page() else self.w.CHECK


#: How a word was matched, as the fee-items page says it.
HOW_TEXT = {
    "name": QT_TRANSLATE_NOOP("FeeItemsPage", "same name"),
    "code": QT_TRANSLATE_NOOP("FeeItemsPage", "the item's code"),
    "synonym": QT_TRANSLATE_NOOP("FeeItemsPage", "synonym, matched on its own"),
    "chosen": QT_TRANSLATE_NOOP("FeeItemsPage", "as chosen"),
    "create": QT_TRANSLATE_NOOP("FeeItemsPage", "new item"),
    "unknown": QT_TRANSLATE_NOOP("FeeItemsPage", "no item has this name"),
    "ambiguous": QT_TRANSLATE_NOOP("FeeItemsPage", "several items could be meant: choose one"),
}
CREATE, SKIP = "create", "skip"


class FeeItemsPage(QWizardPage):
    """Bills: the fee-item words of the file and the item each stands for (map, create, or leave out)."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Fee items"))
        self.setSubTitle(self.tr("The file names its fee items in its own words. Choose the item each word "
                                 "stands for; common synonyms (物业费 = 物业管理费) are matched on their own."))
        self.items: list[Any] = []  # FeeItemDTO of the database
        self.combos: dict[str, QComboBox] = {}
        self.grid_box = QWidget()
        self.grid = QGridLayout(self.grid_box)
        self.grid.setColumnStretch(4, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_box)
        scroll.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.note_label.setStyleSheet("color: #5F6B7A;")
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #B3261E;")
        self.error_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.note_label)
        layout.addWidget(self.error_label)

    @property
    def can_create(self) -> bool:
        """Only those who may edit fee items create them."""
        return self.w.user.can(Permission.EDIT_FEE_ITEMS)

    def initializePage(self) -> None:
        from cuijiao_desktop.services.fee_items import list_fee_settings

        self.error_label.clear()
        handle = wait_for(self.w.runner.submit(list_fee_settings, actor=self.w.user, on_error=lambda exc: None))
        if handle.error is not None:
            self.error_label.setText(error_message(handle.error))
        self.items = list(handle.result.items) if handle.result is not None else []
        self._build(self.w.plan.fee_items if self.w.plan is not None else ())

    def _build(self, words) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.combos.clear()
        for col, title in enumerate((self.tr("In the file"), self.tr("Rows"), self.tr("Billed"),
                                     self.tr("Stands for"), "")):
            head = QLabel(title)
            head.setStyleSheet("font-weight: 600;")
            self.grid.addWidget(head, 0, col)
        for row, word in enumerate(words, start=1):
            self.grid.addWidget(QLabel(word.word), row, 0)
            count = QLabel(str(word.rows))
            count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.grid.addWidget(count, row, 1)
            amount = QLabel(format_money(word.amount_fen))
            amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.grid.addWidget(amount, row, 2)
            box = QComboBox()
            box.setObjectName(f"feeChoice_{row}")
            box.setMinimumWidth(260)
            self._fill(box, word)
            box.currentIndexChanged.connect(self._changed)
            self.grid.addWidget(box, row, 3)
            how = QLabel()
            how.setStyleSheet("color: #5F6B7A;")
            self.grid.addWidget(how, row, 4)
            self.combos[word.word] = box
            box.setProperty("how_label", how)
        self.grid.setRowStretch(len(words) + 1, 1)
        self.note_label.setText(self.tr("New items are charged as their name suggests (物业费 by area, 水费 by "
                                        "meter, others a fixed amount a month); set their standards and late-fee "
                                        "terms afterwards in Settings → Fee items.") if self.can_create else
                                self.tr("Only a manager can create fee items: map each word to an existing item, "
                                        "or leave its rows out."))
        self._changed()

    def _fill(self, box: QComboBox, word) -> None:
        box.addItem(self.tr("Choose…"), None)
        for item in self.items:
            box.addItem(item.name if item.active else self.tr("{name} (not in use)").format(name=item.name), item.id)
        if self.can_create:
            name = word.item_name if word.how == "create" and word.item_name else word.word
            box.addItem(self.tr("New fee item “{name}”").format(name=name), CREATE)
        box.addItem(self.tr("Leave these rows out"), SKIP)
        if word.item_id is not None:
            wanted: Any = word.item_id
        elif word.how == "create" or (word.how == "unknown" and self.can_create
                                      and self.w.fee_choices.get(word.word) != SKIP):
            wanted = CREATE
        elif word.how == "unknown":
            wanted = SKIP
        else:
            wanted = None  # ambiguous: the user chooses
        index = box.findData(wanted)
        box.setCurrentIndex(max(0, index))

    def _changed(self) -> None:
        words = {w.word: w for w in (self.w.plan.fee_items if self.w.plan is not None else ())}
        for text, box in self.combos.items():
            how = box.property("how_label")
            word = words.get(text)
            data = box.currentData()
            if data is None:
                how.setText(self.tr(HOW_TEXT["ambiguous"]) if word and word.how == "ambiguous" else "")
            elif data == CREATE:
                from cuijiao_desktop.domain.fee_items import guess_basis

                how.setText(self.tr("new item, {basis}").format(basis=basis_label(guess_basis(text))))
            elif data == SKIP:
                how.setText(self.tr("its rows are not imported"))
            elif word is not None and word.item_id == data and word.how in HOW_TEXT:
                how.setText(self.tr(HOW_TEXT[word.how]))
            else:
                how.setText(self.tr(HOW_TEXT["chosen"]))
        self.completeChanged.emit()

    def choices(self) -> dict[str, Any]:
        """word -> item id, "create" or "skip", as chosen."""
        return {word: box.currentData() for word, box in self.combos.items() if box.currentData() is not None}

    def isComplete(self) -> bool:
        return all(box.currentData() is not None for box in self.combos.values())

    def validatePage(self) -> bool:
        self.w.fee_choices = self.choices()
        return self.w.run_plan(self)


class CheckPage(QWizardPage):
    """What the import would do: counts and the rejected rows with their reasons."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Check"))
        self.setSubTitle(self.tr("Nothing has been written yet. Rejected rows are left out; export them, fix them "
                                 "and import them later."))
        self.counts_label = QLabel()
        self.counts_label.setStyleSheet("font-size: 14px; font-weight: 600;")
        self.rejected_model = RejectedModel(self)
        self.rejected_view = _table(self.rejected_model)
        self.rejected_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        # The reasons get the spare width (they are what the user reads); the raw row keeps a fixed width.
        rejected_header = self.rejected_view.horizontalHeader()
        rejected_header.setStretchLastSection(False)
        rejected_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.rejected_view.setColumnWidth(2, 360)
        self.export_button = QPushButton(self.tr("Export rejected rows…"))
        self.export_button.clicked.connect(self.export_rejected)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #B3261E;")
        self.error_label.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("Rejected rows:")))
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts_label)
        layout.addLayout(buttons)
        layout.addWidget(self.rejected_view, 1)
        layout.addWidget(self.error_label)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Import"))

    def initializePage(self) -> None:
        plan = self.w.plan
        assert plan is not None
        estate = plan.estate_name + (self.tr(" (new)") if plan.estate_is_new else "")
        self.counts_label.setText(self.tr(
            "Into {estate}: {created} new, {updated} updated, {unchanged} unchanged, {rejected} rejected, "
            "{skipped} skipped (blank, totals, notes)"
        ).format(estate=estate, created=plan.created, updated=plan.updated, unchanged=plan.unchanged,
                 rejected=plan.rejected_count, skipped=len(plan.skipped)))
        self.rejected_model.set_rows(plan.rejected)
        self.export_button.setEnabled(bool(plan.rejected))
        self.error_label.clear()
        self.error_label.setStyleSheet("color: #B3261E;")

    def isComplete(self) -> bool:
        plan = self.w.plan
        return plan is not None and plan.created + plan.updated > 0

    def export_rejected(self, path: str | None = None) -> None:
        """导出被拒绝行: the rejected rows with a reason column, to .xlsx or .csv."""
        plan, sheet = self.w.plan, self.w.sheet
        assert plan is not None and sheet is not None
        if not path:
            chosen = file_dialogs.save_file(self, self.tr("Export rejected rows"), purpose="import",
                                            suggested_name=f"{Path(sheet.file_name).stem}-被拒绝的行.xlsx",
                                            filters=self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"),
                                            default_suffix="xlsx", settings=self.w.settings)
            path = str(chosen) if chosen is not None else None
        if not path:
            return
        handle = wait_for(self.w.runner.submit(write_rejected, path, sheet, plan.header_row, plan.rejected,
                                               with_session=False, on_error=lambda exc: None))
        if handle.error is not None:
            self.error_label.setStyleSheet("color: #B3261E;")
            self.error_label.setText(error_message(handle.error))
        else:
            self.error_label.setStyleSheet("color: #1B5E20;")
            self.error_label.setText(self.tr("Saved {rows} rows to {path}").format(rows=handle.result, path=path))

    def validatePage(self) -> bool:
        return self.w.run_commit(self)


class ResultPage(QWizardPage):
    """What was imported."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Imported"))
        self.label = QLabel()
        self.label.setWordWrap(True)
        QVBoxLayout(self).addWidget(self.label)

    def initializePage(self) -> None:
        result = self.w.result
        assert result is not None
        plan = result.plan
        text = self.tr(
            "{file} was imported into {estate}: {created} new, {updated} updated, {unchanged} unchanged; "
            "{rejected} rows were left out. The import is recorded in the audit log."
        ).format(file=plan.file_name, estate=plan.estate_name, created=plan.created, updated=plan.updated,
                 unchanged=plan.unchanged, rejected=plan.rejected_count)
        if result.fee_items_created:
            text += "\n\n" + self.tr("New fee items: {names}. Set their standards and late-fee terms in "
                                     "Settings → Fee items.").format(names="、".join(plan.new_fee_items))
        self.label.setText(text)


class ImportWizard(QWizard):
    """The import wizard. ``sig_imported(result)`` fires after a successful import."""

    sig_imported = Signal(object)
    SOURCE, MAPPING, FEE_ITEMS, CHECK, RESULT = range(5)

    def __init__(self, runner: Any, user: Any, *, today: dt.date | None = None, settings: Any = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.user = user
        self.today = today or dt.date.today()
        self._settings = settings
        self.sheet: SheetData | None = None
        self.kind: ImportKind | None = None
        self.guess: HeaderGuess | None = None
        self.plan: Any = None
        self.result: Any = None
        self.setWindowTitle(self.tr("Import"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.resize(920, 640)
        self.fee_choices: dict[str, Any] = {}
        self.source_page = SourcePage(self)
        self.mapping_page = MappingPage(self)
        self.fee_items_page = FeeItemsPage(self)
        self.check_page = CheckPage(self)
        self.result_page = ResultPage(self)
        for page_id, page in ((self.SOURCE, self.source_page), (self.MAPPING, self.mapping_page),
                              (self.FEE_ITEMS, self.fee_items_page), (self.CHECK, self.check_page),
                              (self.RESULT, self.result_page)):
            self.setPage(page_id, page)

    # helpers used by the pages
    @property
    def settings(self):
        """The UI settings (remembered folders), or None in tests that give none."""
        return self._settings

    def start_folder(self) -> str:
        """The last folder used for imports."""
        if self._settings is not None:
            return self._settings.last_folder("import") or ""
        return ""

    def load_estates(self, box: QComboBox) -> None:
        """Fill the estate box (names from the database)."""
        from cuijiao_desktop.services.imports import estate_names

        def fill(names: list[str]) -> None:
            current = box.currentText()
            box.clear()
            box.addItems(names)
            if current:
                box.setEditText(current)

        self.runner.submit(estate_names, on_result=fill, on_error=lambda exc: None)

    def set_sheet(self, sheet: SheetData, kind: ImportKind) -> None:
        """The sheet just read; guess its header."""
        self.sheet, self.kind = sheet, kind
        self.guess = detect_header(kind, sheet.rows)
        if self.guess.header_row is None:
            self.guess = HeaderGuess(kind, 0, (), {})
        if self._settings is not None and self.source_page.file_edit.text():
            self._settings.set_last_folder("import", str(Path(self.source_page.file_edit.text()).parent))

    def _options(self) -> dict[str, Any]:
        estate = self.source_page.estate_box.currentText().strip() or None
        method = self.source_page.method_box.currentData() if self.kind is ImportKind.PAYMENTS else None
        if method is not None:
            method = PaymentMethod(method)  # Qt hands the enum back as its str value
        options: dict[str, Any] = {"estate": estate, "today": self.today, "default_method": method}
        if self.kind is ImportKind.BILLS:
            options["fee_item_choices"] = dict(self.fee_choices)
        return options

    def run_plan(self, page: QWizardPage) -> bool:
        """Check every row against the database (a task with progress); False keeps the page."""
        from cuijiao_desktop.services.imports import plan_import

        assert self.sheet is not None and self.guess is not None
        handle = wait_for(run_with_progress(
            self.runner, self, self.tr("Checking {rows} rows…").format(rows=len(self.sheet.rows)), plan_import,
            self.sheet, self.guess, on_error=lambda exc: None, **self._options(),
        ))
        if handle.error is not None or handle.cancelled:
            label = getattr(page, "problems_label", None) or page.error_label
            label.setText(error_message(handle.error) if handle.error else self.tr("Cancelled."))
            return False
        self.plan = handle.result
        return True

    def needs_fee_items_page(self) -> bool:
        """A bills plan with a fee-item word that is not an item's own name or code."""
        plan = self.plan
        return (plan is not None and plan.kind is ImportKind.BILLS
                and any(w.how not in ("name", "code") for w in plan.fee_items))

    def run_commit(self, page: CheckPage) -> bool:
        """Import (one transaction, progress, cancel); on failure or cancel nothing is written."""
        from cuijiao_desktop.services.imports import commit_import

        assert self.sheet is not None and self.guess is not None and self.plan is not None
        handle = wait_for(run_with_progress(
            self.runner, self, self.tr("Importing {kind}…").format(kind=KIND_ZH[self.plan.kind]), commit_import,
            self.sheet, self.guess, actor=self.user, accept_valid=True, preview=self.plan,
            on_error=lambda exc: None, **self._options(),
        ))
        if handle.cancelled:
            page.error_label.setText(self.tr("Cancelled: nothing was imported."))
            return False
        if handle.error is not None:
            page.error_label.setText(error_message(handle.error))
            return False
        self.result = handle.result
        self.sig_imported.emit(self.result)
        return True
