"""分配案件 (责任到人): a manager chooses collectors, by building or balanced by amount, only the
unassigned cases or all again; previews who gets what and which cases change hands; applies it.

The preview is a read; applying writes exactly the previewed moves (a case changed in between
makes it a conflict: preview again). Changing any option discards the preview.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.domain.cases import SplitMode, SplitScope
from cuijiao_desktop.domain.enums import Role
from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services import cases as cases_service
from cuijiao_desktop.views.dialogs.style import HINT_STYLE, error_label
from cuijiao_desktop.views.models.case_models import Col, ColumnsModel, money
from cuijiao_desktop.views.widgets.tables import list_view


def _buildings(names) -> str:
    """``3 buildings: 1、2、5`` (the first six, the rest in the tooltip)."""
    shown = "、".join(names[:6]) + ("…" if len(names) > 6 else "")
    return QCoreApplication.translate("cases", "{n} buildings: {names}").format(n=len(names), names=shown)


class LoadsModel(ColumnsModel):
    """Per chosen collector: cases and money before and after, and their buildings."""

    COLUMNS = (
        Col(QT_TRANSLATE_NOOP("cases", "Collector"), lambda x: x.name),
        Col(QT_TRANSLATE_NOOP("cases", "Cases before"), lambda x: str(x.cases_before), lambda x: x.cases_before,
            True),
        Col(QT_TRANSLATE_NOOP("cases", "Cases after"), lambda x: str(x.cases_after), lambda x: x.cases_after, True),
        Col(QT_TRANSLATE_NOOP("cases", "Arrears after"), lambda x: money(x.amount_after_fen),
            lambda x: x.amount_after_fen, True),
        Col(QT_TRANSLATE_NOOP("cases", "Buildings"), lambda x: _buildings(x.buildings)),
    )

    def tooltip(self, row, column: int) -> str | None:
        return "、".join(row.buildings) if column == 4 else None


class MovesModel(ColumnsModel):
    """The cases that change hands."""

    COLUMNS = (
        Col(QT_TRANSLATE_NOOP("cases", "Room"), lambda m: f"{m.estate} {m.room_code}"),
        Col(QT_TRANSLATE_NOOP("cases", "Arrears"), lambda m: money(m.amount_fen), lambda m: m.amount_fen, True),
        Col(QT_TRANSLATE_NOOP("cases", "From"), lambda m: m.from_name or "—"),
        Col(QT_TRANSLATE_NOOP("cases", "To"), lambda m: m.to_name),
    )


class SplitDialog(QDialog):
    """Split open cases among collectors, with a preview. ``sig_applied(count)`` after applying."""

    sig_applied = Signal(int)
    sig_previewed = Signal(object)  # SplitPreview

    def __init__(self, runner, user, *, today: date, collectors, settings, listed_case_ids=(),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._user = user
        self._today = today
        self._listed = list(listed_case_ids)
        self.preview: cases_service.SplitPreview | None = None
        self.setObjectName("splitDialog")
        self.setWindowTitle(self.tr("Split cases among collectors"))
        self.resize(900, 620)
        outer = QVBoxLayout(self)
        options = QHBoxLayout()

        who = QGroupBox(self.tr("&Collectors"))
        wl = QVBoxLayout(who)
        self.collector_list = QListWidget()
        self.collector_list.setObjectName("splitCollectors")
        for c in collectors:
            item = QListWidgetItem(c.name if c.role is Role.COLLECTOR else self.tr("{name} (manager)").format(
                name=c.name))
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if c.role is Role.COLLECTOR else Qt.CheckState.Unchecked)
            self.collector_list.addItem(item)
        self.collector_list.itemChanged.connect(self._invalidate)
        wl.addWidget(self.collector_list)
        options.addWidget(who, 1)

        how = QGroupBox(self.tr("How"))
        hl = QVBoxLayout(how)
        self.by_building = QRadioButton(self.tr("By &building: whole buildings, fewest cases first"))
        self.by_building.setObjectName("byBuilding")
        self.by_amount = QRadioButton(self.tr("Balanced by &amount: the largest debts first"))
        self.by_amount.setObjectName("byAmount")
        modes = QButtonGroup(self)
        modes.addButton(self.by_building)
        modes.addButton(self.by_amount)
        (self.by_building if settings.split_mode is SplitMode.BY_BUILDING else self.by_amount).setChecked(True)
        self.only_unassigned = QRadioButton(self.tr("Only cases &nobody of them holds (keep the others)"))
        self.only_unassigned.setObjectName("scopeUnassigned")
        self.all_again = QRadioButton(self.tr("Split &all cases again"))
        self.all_again.setObjectName("scopeAll")
        scopes = QButtonGroup(self)
        scopes.addButton(self.only_unassigned)
        scopes.addButton(self.all_again)
        (self.only_unassigned if settings.split_scope is SplitScope.UNASSIGNED else self.all_again).setChecked(True)
        self.listed_only = QCheckBox(self.tr("Only the cases &listed by the filter ({n})").format(
            n=len(self._listed)))
        self.listed_only.setObjectName("listedOnly")
        self.listed_only.setEnabled(bool(self._listed))
        for w in (self.by_building, self.by_amount):
            hl.addWidget(w)
        hl.addSpacing(6)
        for w in (self.only_unassigned, self.all_again):
            hl.addWidget(w)
        hl.addSpacing(6)
        hl.addWidget(self.listed_only)
        hl.addStretch(1)
        for w in (self.by_building, self.by_amount, self.only_unassigned, self.all_again, self.listed_only):
            w.toggled.connect(self._invalidate)
        options.addWidget(how, 2)
        outer.addLayout(options)

        row = QHBoxLayout()
        self.preview_button = QPushButton(self.tr("&Preview"))
        self.preview_button.setObjectName("splitPreview")
        self.preview_button.setDefault(True)
        self.preview_button.clicked.connect(self.run_preview)
        self.summary = QLabel(self.tr("Choose the collectors and how, then preview: nothing changes until you apply."))
        self.summary.setObjectName("splitSummary")
        self.summary.setStyleSheet(HINT_STYLE)
        self.summary.setWordWrap(True)
        row.addWidget(self.preview_button)
        row.addWidget(self.summary, 1)
        outer.addLayout(row)
        self.error = error_label("splitError")
        outer.addWidget(self.error)

        split = QSplitter(Qt.Orientation.Vertical)
        self.loads_model = LoadsModel(self)
        self.loads_view = self._table(self.loads_model, "splitLoads")
        self.loads_view.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.moves_model = MovesModel(self)
        self.moves_view = self._table(self.moves_model, "splitMoves")
        split.addWidget(self.loads_view)
        split.addWidget(self.moves_view)
        split.setSizes([180, 300])
        outer.addWidget(split, 1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.setObjectName("splitApply")
        self.apply_button.setText(self.tr("Appl&y this split"))
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

    def _table(self, model, name: str) -> QTableView:
        return list_view(model, name, fit=True, alternate=False, sortable=True, multi=True, wrap=True)

    # options
    def chosen_collectors(self) -> list[int]:
        out = []
        for i in range(self.collector_list.count()):
            item = self.collector_list.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    def set_collectors(self, ids) -> None:
        """Tick exactly ``ids`` (tests and the keyboard's select-all use it)."""
        wanted = set(ids)
        for i in range(self.collector_list.count()):
            item = self.collector_list.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in wanted
                               else Qt.CheckState.Unchecked)

    def mode(self) -> SplitMode:
        return SplitMode.BY_BUILDING if self.by_building.isChecked() else SplitMode.BY_AMOUNT

    def scope(self) -> SplitScope:
        return SplitScope.UNASSIGNED if self.only_unassigned.isChecked() else SplitScope.ALL

    def _invalidate(self, *_args) -> None:
        if self.preview is not None:
            self.preview = None
            self.loads_model.set_rows([])
            self.moves_model.set_rows([])
            self.summary.setText(self.tr("The options changed: preview again."))
        self.apply_button.setEnabled(False)

    # preview and apply
    def run_preview(self) -> None:
        self.error.hide()
        self.preview_button.setEnabled(False)
        self._runner.submit(
            cases_service.split_preview, actor=self._user, today=self._today,
            collector_ids=self.chosen_collectors(), mode=self.mode(), scope=self.scope(),
            case_ids=self._listed if self.listed_only.isChecked() else None,
            on_result=self._show_preview, on_error=self._failed,
            on_finished=lambda: self.preview_button.setEnabled(True),
        )

    def _show_preview(self, preview: cases_service.SplitPreview) -> None:
        self.preview = preview
        self.loads_model.set_rows(preview.loads)
        self.moves_model.set_rows(preview.moves)
        self.summary.setText(self.tr(
            "{total} open cases ({amount}): {moves} change hands, {kept} stay where they are."
        ).format(total=preview.total_cases, amount=money(preview.total_fen), moves=len(preview.moves),
                 kept=preview.unchanged))
        self.apply_button.setEnabled(bool(preview.moves))
        self.sig_previewed.emit(preview)

    def _failed(self, exc: BaseException) -> None:
        self.error.setText(error_message(exc))
        self.error.show()

    def apply(self) -> None:
        if self.preview is None:
            return
        self.apply_button.setEnabled(False)
        self._runner.submit(cases_service.apply_split, actor=self._user, preview=self.preview, today=self._today,
                            on_result=self._applied, on_error=self._apply_failed)

    def _applied(self, count: int) -> None:
        self.sig_applied.emit(count)
        self.accept()

    def _apply_failed(self, exc: BaseException) -> None:
        self._failed(exc)
        self._invalidate()
