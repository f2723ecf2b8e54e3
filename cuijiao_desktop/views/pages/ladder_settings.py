"""设置 → 催缴流程: the office's collection ladder (its steps: name, stage, channel, wait, minimum
amount or months; reordered, edited, added, switched off) and the case rules (the threshold that
opens a case, the split's defaults). Managers edit; everyone else reads.

A step that threatens to cut water, power, heating or gas is refused with the legal reason
(Civil Code art. 944), here in the step form and again by the service when the ladder is saved.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.domain.cases import SplitMode, SplitScope
from cuijiao_desktop.domain.enums import Channel, Stage
from cuijiao_desktop.domain.errors import DomainError, ValidationError
from cuijiao_desktop.domain.ladder import LadderStep, validate_steps
from cuijiao_desktop.domain.money import format_money, parse_money
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.messages import error_message, message_for_code
from cuijiao_desktop.services import cases as cases_service
from cuijiao_desktop.services import ladder as ladder_service
from cuijiao_desktop.services.dto import LadderStepDTO
from cuijiao_desktop.views.dialogs.case_forms import add_row
from cuijiao_desktop.views.dialogs.style import ERROR_STYLE, HINT_STYLE, error_label
from cuijiao_desktop.views.labels import STAGE_LABELS, label
from cuijiao_desktop.views.models.base import RowRole
from cuijiao_desktop.views.models.case_models import (
    CHANNEL_LABELS,
    MUTED,
    Col,
    ColumnsModel,
    minimum_text,
)
from cuijiao_desktop.views.pages.settings_page import SettingsSection
from cuijiao_desktop.views.widgets.tables import list_view, on_enter


class StepsModel(ColumnsModel):
    """The ladder being edited (drafts: ``id`` None for a step not saved yet)."""

    COLUMNS = (
        Col(QT_TRANSLATE_NOOP("cases", "Order"), lambda s: str(s.seq)),
        Col(QT_TRANSLATE_NOOP("cases", "Step"), lambda s: s.name),
        Col(QT_TRANSLATE_NOOP("cases", "Stage"), lambda s: label(STAGE_LABELS, s.stage)),
        Col(QT_TRANSLATE_NOOP("cases", "Channel"), lambda s: label(CHANNEL_LABELS, Channel(s.channel))),
        Col(QT_TRANSLATE_NOOP("cases", "Wait (days)"), lambda s: str(s.wait_days), None, True),
        Col(QT_TRANSLATE_NOOP("cases", "Minimum"), lambda s: minimum_text(s.min_amount_fen, s.min_months)),
        Col(QT_TRANSLATE_NOOP("cases", "In use"), lambda s: "✓" if s.active else "—"),
        Col(QT_TRANSLATE_NOOP("cases", "Note"), lambda s: s.note),
    )

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.row_of(index)
        if role == Qt.ItemDataRole.ForegroundRole and row is not None and not row.active:
            return QColor(MUTED)
        if role == Qt.ItemDataRole.ToolTipRole and row is not None and index.column() == 5:
            return QCoreApplication.translate(
                "cases", "The step is reached when the debt is at least this amount or this many months old "
                         "(either one suffices; none set: every debt)")
        return super().data(index, role)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """The ladder keeps its order (move steps with the buttons)."""


class StepDialog(QDialog):
    """One step's fields; refuses threatening wording at once, with the legal reason."""

    def __init__(self, step: LadderStepDTO, *, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepDialog")
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.step = step
        self.result_step: LadderStepDTO | None = None
        form = QFormLayout(self)
        self.name = QLineEdit(step.name)
        self.name.setObjectName("stepName")
        self.name.setMaxLength(64)
        self.stage = QComboBox()
        self.stage.setObjectName("stepStage")
        for s in Stage:
            if s is not Stage.PREPARATION:
                self.stage.addItem(label(STAGE_LABELS, s), s)
        self.stage.setCurrentIndex(max(0, self.stage.findData(Stage(step.stage))))
        self.stage.setToolTip(self.tr("What kind of step it is: it decides which history completes it (a call, "
                                      "a notice, a visit …)"))
        self.channel = QComboBox()
        self.channel.setObjectName("stepChannel")
        for c in Channel:
            self.channel.addItem(label(CHANNEL_LABELS, c), c)
        self.channel.setCurrentIndex(max(0, self.channel.findData(Channel(step.channel))))
        self.wait = QSpinBox()
        self.wait.setObjectName("stepWait")
        self.wait.setRange(0, 3650)
        self.wait.setValue(step.wait_days)
        self.wait.setSuffix(self.tr(" days after the previous step"))
        self.min_amount = QLineEdit(format_money(step.min_amount_fen, symbol=False) if step.min_amount_fen else "")
        self.min_amount.setObjectName("stepMinAmount")
        self.min_amount.setPlaceholderText(self.tr("none"))
        self.min_months = QSpinBox()
        self.min_months.setObjectName("stepMinMonths")
        self.min_months.setRange(0, 600)
        self.min_months.setSpecialValueText(self.tr("none"))
        self.min_months.setValue(step.min_months)
        self.active = QCheckBox(self.tr("In &use"))
        self.active.setObjectName("stepActive")
        self.active.setChecked(step.active)
        self.note = QPlainTextEdit(step.note)
        self.note.setObjectName("stepNote")
        self.note.setFixedHeight(60)
        self.note.setTabChangesFocus(True)
        add_row(form, self.tr("&Name"), self.name)
        add_row(form, self.tr("&Stage"), self.stage)
        add_row(form, self.tr("&Channel"), self.channel)
        add_row(form, self.tr("&Wait"), self.wait)
        add_row(form, self.tr("Minimum &amount (¥)"), self.min_amount)
        add_row(form, self.tr("Minimum &months"), self.min_months)
        hint = QLabel(self.tr("Either minimum suffices; below both the case stays on the step before."))
        hint.setStyleSheet("color: #5F6B7A;")
        hint.setWordWrap(True)
        form.addRow("", hint)
        form.addRow("", self.active)
        add_row(form, self.tr("N&ote"), self.note)
        self.error = error_label("stepError")
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        try:
            amount = parse_money(self.min_amount.text()).fen if self.min_amount.text().strip() else 0
        except DomainError as exc:
            self._show(exc)
            return
        draft = replace(self.step, name=self.name.text().strip(), stage=self.stage.currentData(),
                        channel=Channel(self.channel.currentData()).value, wait_days=self.wait.value(),
                        min_amount_fen=amount, min_months=self.min_months.value(), active=self.active.isChecked(),
                        note=self.note.toPlainText().strip())
        problems = [p for p in validate_steps([LadderStep(
            draft.seq, Stage(draft.stage), draft.name, draft.wait_days, Channel(draft.channel), draft.note,
            draft.min_amount_fen, draft.min_months, draft.id, True)]) if p[1] != "ladder.none_active"]
        if problems:
            _, code, params = problems[0]
            self._show(ValidationError(code, step=draft.seq, **params))
            return
        self.result_step = draft
        super().accept()

    def _show(self, exc: DomainError) -> None:
        self.error.setText(error_message(exc))
        self.error.show()


class LadderSection(SettingsSection):
    """The 催缴流程 tab of the settings page."""

    sig_saved = Signal()

    def __init__(self, runner, user, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ladderSection")
        self._runner = runner
        self._user = user
        self.can_edit = user.can(Permission.EDIT_LADDER)
        self.saved_steps: list[LadderStepDTO] = []
        self.dirty = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        law = QLabel(self.tr("Each case climbs these steps in order; a step falls due its number of days after the "
                             "previous one was done. Civil Code art. 944: collection may never cut or threaten to "
                             "cut water, power, heating or gas, so such steps are refused."))
        law.setObjectName("ladderLaw")
        law.setWordWrap(True)
        law.setStyleSheet(HINT_STYLE)
        layout.addWidget(law)

        self.model = StepsModel(self)
        self.table = list_view(self.model, "ladderTable", fit=True, alternate=False, wrap=True)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        on_enter(self.table, self.edit_selected)
        self.table.installEventFilter(self)  # Alt+Up / Alt+Down move the selected step
        layout.addWidget(self.table, 1)

        row = QHBoxLayout()
        self.up_button = self._button(self.tr("Move &up"), "ladderUp", lambda: self.move(-1))
        self.up_button.setToolTip(self.tr("Alt+Up"))
        self.down_button = self._button(self.tr("Move &down"), "ladderDown", lambda: self.move(1))
        self.down_button.setToolTip(self.tr("Alt+Down"))
        self.add_button = self._button(self.tr("&Add step…"), "ladderAdd", self.add_step)
        self.edit_button = self._button(self.tr("&Edit…"), "ladderEdit", self.edit_selected)
        self.toggle_button = self._button(self.tr("Switch &on/off"), "ladderToggle", self.toggle_selected)
        self.revert_button = self._button(self.tr("&Revert"), "ladderRevert", self.revert)
        self.save_button = self._button(self.tr("&Save ladder"), "ladderSave", self.save)
        for b in (self.up_button, self.down_button, self.add_button, self.edit_button, self.toggle_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.revert_button)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        self.status = QLabel()
        self.status.setObjectName("ladderStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        rules = QGroupBox(self.tr("Opening and splitting cases"))
        rf = QFormLayout(rules)
        rf.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.open_amount = QLineEdit()
        self.open_amount.setObjectName("openMinAmount")
        self.open_amount.setMaximumWidth(140)
        self.open_months = QSpinBox()
        self.open_months.setObjectName("openMinMonths")
        self.open_months.setRange(0, 120)
        self.open_months.setSuffix(self.tr(" month(s)"))
        self.split_mode = QComboBox()
        self.split_mode.setObjectName("splitMode")
        self.split_mode.addItem(self.tr("By building"), SplitMode.BY_BUILDING)
        self.split_mode.addItem(self.tr("Balanced by amount"), SplitMode.BY_AMOUNT)
        self.split_scope = QComboBox()
        self.split_scope.setObjectName("splitScope")
        self.split_scope.addItem(self.tr("Only cases nobody holds"), SplitScope.UNASSIGNED)
        self.split_scope.addItem(self.tr("All cases again"), SplitScope.ALL)
        add_row(rf, self.tr("A case opens at (¥)"), self.open_amount)
        add_row(rf, self.tr("… owed for at least"), self.open_months)
        add_row(rf, self.tr("Split by default"), self.split_mode)
        add_row(rf, self.tr("Split which cases"), self.split_scope)
        self.rules_button = self._button(self.tr("Save case &rules"), "rulesSave", self.save_rules)
        rf.addRow("", self.rules_button)
        self.rules_status = QLabel()
        self.rules_status.setObjectName("rulesStatus")
        self.rules_status.setWordWrap(True)
        rf.addRow(self.rules_status)
        layout.addWidget(rules)
        if not self.can_edit:
            note = QLabel(self.tr("Only a manager can change the ladder and the case rules."))
            note.setStyleSheet("color: #8592A0;")
            layout.addWidget(note)
            for w in (self.up_button, self.down_button, self.add_button, self.edit_button, self.toggle_button,
                      self.revert_button, self.save_button, self.rules_button):
                w.hide()
            for w in (self.open_amount, self.open_months, self.split_mode, self.split_scope):
                w.setEnabled(False)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress \
                and event.modifiers() & Qt.KeyboardModifier.AltModifier \
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move(-1 if event.key() == Qt.Key.Key_Up else 1)
            return True
        return super().eventFilter(watched, event)

    def _button(self, text: str, name: str, slot) -> QPushButton:
        b = QPushButton(text)
        b.setObjectName(name)
        b.clicked.connect(slot)
        return b

    # loading
    def refresh(self) -> None:
        self._runner.submit(ladder_service.list_ladder, on_result=self._loaded, on_error=self._failed)
        self._runner.submit(cases_service.case_settings, on_result=self._rules_loaded, on_error=self._failed)

    def _loaded(self, steps) -> None:
        self.saved_steps = list(steps)
        self._set_steps(self.saved_steps, dirty=False)
        self.status.setText("")

    def _rules_loaded(self, settings) -> None:
        self.open_amount.setText(format_money(settings.open_min_fen, symbol=False))
        self.open_months.setValue(settings.open_min_months)
        self.split_mode.setCurrentIndex(max(0, self.split_mode.findData(settings.split_mode)))
        self.split_scope.setCurrentIndex(max(0, self.split_scope.findData(settings.split_scope)))

    def _failed(self, exc: BaseException) -> None:
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(error_message(exc))

    # editing (local until saved)
    def steps(self) -> list[LadderStepDTO]:
        return self.model.rows()

    def _set_steps(self, steps, *, dirty: bool, select: int | None = None) -> None:
        numbered = [replace(s, seq=i + 1) for i, s in enumerate(steps)]
        current = self.table.currentIndex().row() if select is None else select
        self.model.set_rows(numbered)
        if numbered:
            self.table.selectRow(min(max(current, 0), len(numbered) - 1))
        self.dirty = dirty
        if dirty:
            self.status.setStyleSheet("color: #7A4A00;")
            self.status.setText(self.tr("Changed: save the ladder to use it (or revert)."))
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.table.currentIndex().row()
        n = len(self.model.rows())
        self.up_button.setEnabled(self.can_edit and row > 0)
        self.down_button.setEnabled(self.can_edit and 0 <= row < n - 1)
        self.edit_button.setEnabled(self.can_edit and row >= 0)
        self.toggle_button.setEnabled(self.can_edit and row >= 0)
        self.save_button.setEnabled(self.can_edit and self.dirty)
        self.revert_button.setEnabled(self.can_edit and self.dirty)

    def selected(self) -> LadderStepDTO | None:
        index = self.table.currentIndex()
        return self.model.data(index, RowRole) if index.isValid() else None

    def move(self, delta: int) -> None:
        """Move the selected step up (-1) or down (+1)."""
        row = self.table.currentIndex().row()
        steps = self.steps()
        target = row + delta
        if not self.can_edit or row < 0 or not 0 <= target < len(steps):
            return
        steps[row], steps[target] = steps[target], steps[row]
        self._set_steps(steps, dirty=True, select=target)
        self.table.setFocus()

    def edit_selected(self) -> None:
        step = self.selected()
        if step is None or not self.can_edit:
            return
        dialog = StepDialog(step, title=self.tr("Edit step {n}").format(n=step.seq), parent=self)
        self.step_dialog = dialog
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_step is not None:
            steps = self.steps()
            row = self.table.currentIndex().row()
            steps[row] = dialog.result_step
            self._set_steps(steps, dirty=True, select=row)

    def add_step(self) -> None:
        if not self.can_edit:
            return
        row = self.table.currentIndex().row()
        steps = self.steps()
        draft = LadderStepDTO(None, len(steps) + 1, Stage.PHONE, "", 7, Channel.PHONE.value, 0, 0, True, "")
        dialog = StepDialog(draft, title=self.tr("New step"), parent=self)
        self.step_dialog = dialog
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_step is not None:
            at = row + 1 if row >= 0 else len(steps)
            steps.insert(at, dialog.result_step)
            self._set_steps(steps, dirty=True, select=at)

    def toggle_selected(self) -> None:
        step = self.selected()
        if step is None or not self.can_edit:
            return
        steps = self.steps()
        row = self.table.currentIndex().row()
        steps[row] = replace(step, active=not step.active)
        self._set_steps(steps, dirty=True, select=row)

    def revert(self) -> None:
        self._set_steps(self.saved_steps, dirty=False)
        self.status.setText("")

    def save(self) -> None:
        if not self.can_edit:
            return
        self.save_button.setEnabled(False)
        self._runner.submit(ladder_service.save_ladder, actor=self._user, steps=self.steps(),
                            on_result=self._saved, on_error=self._save_failed)

    def _saved(self, steps) -> None:
        self._loaded(steps)
        self.status.setStyleSheet("color: #1E5631;")
        self.status.setText(self.tr("The ladder is saved: every case follows it from now on."))
        self.sig_saved.emit()

    def _save_failed(self, exc: BaseException) -> None:
        self._failed(exc)
        if isinstance(exc, DomainError) and exc.code == "conflict.stale":
            self.status.setText(message_for_code("conflict.stale"))
        self._update_buttons()

    def save_rules(self) -> None:
        try:
            amount = parse_money(self.open_amount.text() or "0").fen
        except DomainError as exc:
            self.rules_status.setStyleSheet(ERROR_STYLE)
            self.rules_status.setText(error_message(exc))
            return
        self._runner.submit(
            cases_service.update_case_settings, actor=self._user, open_min_fen=amount,
            open_min_months=self.open_months.value(), split_mode=self.split_mode.currentData(),
            split_scope=self.split_scope.currentData(), on_result=self._rules_saved, on_error=self._rules_failed)

    def _rules_saved(self, settings) -> None:
        self._rules_loaded(settings)
        self.rules_status.setStyleSheet("color: #1E5631;")
        self.rules_status.setText(self.tr("Saved. Cases open and close by these rules at the next update."))

    def _rules_failed(self, exc: BaseException) -> None:
        self.rules_status.setStyleSheet(ERROR_STYLE)
        self.rules_status.setText(error_message(exc))
