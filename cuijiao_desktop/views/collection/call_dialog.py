"""记录联系 (F6): log a call, a message or an owner at the desk, with the keyboard only.

The form opens on the outcome: a digit picks it (1 承诺缴费 … 8 对账单有异议), and a promise moves
on to its date (``20`` is the coming 20th, ``+3`` in three days, ``11-20``), Tab to its amount
(the overdue amount, selected), and Ctrl+Enter saves. Every field has a mnemonic (Alt+letter) and
is reached by Tab. Channel and number start on the room's first valid number; the next follow-up
is proposed from the outcome and the ladder until the clerk types one.

Quiet hours and the weekly maximum of contacts warn in a banner as soon as they apply, and once
more before saving: the clerk may save anyway, and the override is recorded with the contact.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.domain.contacts import (
    ANSWERED_OUTCOMES,
    FORM_CHANNELS,
    FORM_OUTCOMES,
    NUMBER_CHANNELS,
    PROMISE_OUTCOMES,
    ContactDraft,
    FieldError,
    contact_errors,
    parse_day,
    propose_follow_up,
)
from cuijiao_desktop.domain.enums import (
    AnsweredBy,
    ArrearsReason,
    CallOutcome,
    Channel,
    IssueCategory,
    Relation,
)
from cuijiao_desktop.domain.errors import DomainError, ValidationError
from cuijiao_desktop.domain.money import format_money, parse_money
from cuijiao_desktop.messages import error_message, message_for_code
from cuijiao_desktop.services import contacts as contact_service
from cuijiao_desktop.views.dialogs.style import ERROR_STYLE, HINT_STYLE, set_inline
from cuijiao_desktop.views.labels import (
    ANSWERED_LABELS,
    CATEGORY_LABELS,
    CHANNEL_LABELS,
    OUTCOME_LABELS,
    PROMISE_LABELS,
    REASON_LABELS,
    STAGE_LABELS,
    label,
)

_WARN_STYLE = "color: #7A4B00; background: #FFF4DB; border: 1px solid #F0C36D; border-radius: 4px; padding: 6px;"


class OutcomeSelector(QFrame):
    """The outcomes as radio buttons; a digit key (1…8) picks one wherever the focus is inside."""

    sig_changed = Signal(object)  # CallOutcome
    sig_picked_by_key = Signal(object)  # CallOutcome (a digit was pressed)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outcomeSelector")
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[CallOutcome, QRadioButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(4)
        for i, outcome in enumerate(FORM_OUTCOMES):
            button = QRadioButton(f"{i + 1}  {label(OUTCOME_LABELS, outcome)}")
            button.setObjectName(f"outcome_{outcome.value}")
            button.setToolTip(self.tr("Press {key}").format(key=i + 1))
            button.installEventFilter(self)
            self.group.addButton(button, i)
            self.buttons[outcome] = button
            grid.addWidget(button, i // 4, i % 4)
        self.group.idToggled.connect(self._toggled)

    def _toggled(self, index: int, checked: bool) -> None:
        if checked:
            self.sig_changed.emit(FORM_OUTCOMES[index])

    def outcome(self) -> CallOutcome | None:
        """The chosen outcome, or None."""
        index = self.group.checkedId()
        return FORM_OUTCOMES[index] if index >= 0 else None

    def set_outcome(self, outcome: CallOutcome) -> None:
        """Choose ``outcome`` (and focus its button)."""
        button = self.buttons[outcome]
        button.setChecked(True)
        button.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_first(self) -> None:
        """Focus the chosen outcome's button, or the first one."""
        chosen = self.group.checkedButton() or self.buttons[FORM_OUTCOMES[0]]
        chosen.setFocus(Qt.FocusReason.TabFocusReason)

    def eventFilter(self, obj, event) -> bool:
        if isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
            if plain and Qt.Key.Key_1 <= event.key() <= Qt.Key.Key_8:
                outcome = FORM_OUTCOMES[event.key() - Qt.Key.Key_1]
                self.set_outcome(outcome)
                self.sig_picked_by_key.emit(outcome)
                return True
        return super().eventFilter(obj, event)


class DayEdit(QLineEdit):
    """A date typed the quick way (``20``, ``11-20``, ``+3``, ``2026-11-20``); shows what it reads as."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.setPlaceholderText(self.tr("20, 11-20 or +3"))
        self.setToolTip(self.tr("20 = the coming 20th, 11-20 = 20 November, +3 = in 3 days, or 2026-11-20"))
        self.setMaximumWidth(130)
        self.echo = QLabel()
        self.echo.setStyleSheet("color: #5F6B7A;")
        self.textChanged.connect(self._show)
        self.edited_by_user = False
        self.textEdited.connect(lambda _t: setattr(self, "edited_by_user", True))

    def day(self) -> date | None:
        """The date, or None when empty; raises ``ValidationError`` when it cannot be read."""
        return parse_day(self.text(), self._today)

    def set_day(self, day: date | None) -> None:
        """Show ``day`` (ISO) without marking the field as typed by the user."""
        self.setText(day.isoformat() if day else "")

    def _show(self) -> None:
        try:
            day = self.day()
        except ValidationError:
            self.echo.setText(self.tr("?"))
            return
        if day is None:
            self.echo.setText("")
        else:
            weekday = QLocale().dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)
            self.echo.setText(f"{day.isoformat()} {weekday}")


_QUIET_HOURS = QT_TRANSLATE_NOOP("CallDialog", "It is {now}: the office does not contact owners between {start} and {end}.")
_WEEKLY_MAX = QT_TRANSLATE_NOOP("CallDialog", "This room was contacted {count} times in the last 7 days; the office's "
                                "maximum is {maximum} a week.")


def warning_text(w) -> str:
    """What a contact warning (quiet hours, the weekly maximum) says."""
    text = _QUIET_HOURS if w.code == "quiet_hours" else _WEEKLY_MAX
    return QCoreApplication.translate("CallDialog", text).format(**w.params)


def number_text(c) -> str:
    """A number of the room as the forms list it: the number, whose it is, the relation to the owner."""
    who = c.contact_name or c.person_name
    relation = "" if c.relation is Relation.SELF else f"·{c.relation.value}"
    return f"{c.value}  {who}{relation}"


def save_buttons(dialog: QDialog, outer: QVBoxLayout, text: str, name: str) -> tuple[QDialogButtonBox, QPushButton]:
    """The buttons of a form typed with the keyboard, added to ``outer``: ``text`` (and Ctrl+Enter) calls
    ``dialog.save()``, Cancel closes; neither is a default button, so Enter never saves by accident."""
    buttons = QDialogButtonBox()
    save_button = buttons.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
    save_button.setObjectName(name)
    save_button.setAutoDefault(False)
    cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
    cancel.setAutoDefault(False)
    buttons.accepted.connect(dialog.save)
    buttons.rejected.connect(dialog.reject)
    outer.addWidget(buttons)
    for keys in ("Ctrl+Return", "Ctrl+Enter"):
        QShortcut(QKeySequence(keys), dialog, activated=dialog.save)
    return buttons, save_button


def next_field_on_enter(dialog: QWidget, event: QKeyEvent) -> bool:
    """Enter without a modifier moves to the next field of ``dialog`` (Ctrl+Enter saves); True when it did."""
    if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
        dialog.focusNextChild()
        event.accept()
        return True
    return False


def read_promise(date_edit: DayEdit, amount_edit: QLineEdit,
                 errors: list[FieldError]) -> tuple[date | None, int | None]:
    """The promised day and amount (fen) typed, None where empty; a field that cannot be read adds its
    problem to ``errors``."""
    promise_date = amount = None
    try:
        promise_date = date_edit.day()
    except DomainError as exc:
        errors.append(FieldError("promise_date", exc.code))
    text = amount_edit.text().strip()
    if text:
        try:
            amount = parse_money(text).fen
        except DomainError as exc:
            errors.append(FieldError("promise_amount", exc.code))
    return promise_date, amount


class CallDialog(QDialog):
    """Log one contact with a room. Emits ``sig_saved(LoggedContact)``."""

    sig_saved = Signal(object)
    sig_loaded = Signal(object)  # CallFormContext

    def __init__(self, runner, user, room_id: int, *, now: Callable[[], datetime] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CallDialog")
        self.setWindowTitle(self.tr("Log a contact"))
        self._runner = runner
        self._user = user
        self._room_id = room_id
        self._now = now or (lambda: datetime.now().astimezone())
        self.context: contact_service.CallFormContext | None = None
        self.logged = None
        self._saving = False
        self._build()
        self.resize(760, 620)
        self._set_enabled(False)
        self.load()

    # construction
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        self.room_label = QLabel(self.tr("Loading…"))
        self.room_label.setObjectName("callRoom")
        font = QFont(self.room_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.room_label.setFont(font)
        outer.addWidget(self.room_label)
        self.facts_label = QLabel()
        self.facts_label.setObjectName("callFacts")
        self.facts_label.setWordWrap(True)
        self.facts_label.setStyleSheet("color: #44546A;")
        outer.addWidget(self.facts_label)
        self.warning_label = QLabel()
        self.warning_label.setObjectName("callWarnings")
        self.warning_label.setWordWrap(True)
        self.warning_label.hide()
        outer.addWidget(self.warning_label)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.errors: dict[str, QLabel] = {}

        def row(text: str, widget: QWidget, key: str, extra: QWidget | None = None) -> None:
            caption = QLabel(text)
            caption.setBuddy(widget)
            box = QWidget()
            line = QHBoxLayout(box)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(widget)
            if extra is not None:
                line.addWidget(extra)
            line.addStretch(1)
            error = QLabel()
            error.setObjectName(f"error_{key}")
            error.setStyleSheet(ERROR_STYLE)
            error.hide()
            line.addWidget(error)
            self.errors[key] = error
            form.addRow(caption, box)

        self.channel_combo = QComboBox()
        self.channel_combo.setObjectName("channelCombo")
        for channel in FORM_CHANNELS:
            self.channel_combo.addItem(label(CHANNEL_LABELS, channel), channel)
        row(self.tr("&Channel"), self.channel_combo, "channel")
        self.number_combo = QComboBox()
        self.number_combo.setObjectName("numberCombo")
        self.number_combo.setMinimumWidth(300)
        row(self.tr("&Number"), self.number_combo, "number")
        self.answered_combo = QComboBox()
        self.answered_combo.setObjectName("answeredCombo")
        for who in AnsweredBy:
            self.answered_combo.addItem(label(ANSWERED_LABELS, who), who)
        row(self.tr("&Who answered"), self.answered_combo, "answered_by")
        self.outcome = OutcomeSelector()
        outcome_caption = QLabel(self.tr("&Outcome"))
        outcome_caption.setBuddy(self.outcome.buttons[FORM_OUTCOMES[0]])
        form.addRow(outcome_caption, self.outcome)
        self.errors["outcome"] = QLabel()
        self.reason_combo = QComboBox()
        self.reason_combo.setObjectName("reasonCombo")
        self.reason_combo.addItem(self.tr("— not asked —"), None)
        for reason in ArrearsReason:
            self.reason_combo.addItem(label(REASON_LABELS, reason), reason)
        row(self.tr("&Reason for arrears"), self.reason_combo, "reason")

        self.promise_date = DayEdit(date.today())
        self.promise_date.setObjectName("promiseDate")
        row(self.tr("Promised &date"), self.promise_date, "promise_date", self.promise_date.echo)
        self.promise_amount = QLineEdit()
        self.promise_amount.setObjectName("promiseAmount")
        self.promise_amount.setMaximumWidth(130)
        self.promise_amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.promise_signed = QCheckBox(self.tr("&Signed in writing"))
        self.promise_signed.setObjectName("promiseSigned")
        row(self.tr("Promised &amount ¥"), self.promise_amount, "promise_amount", self.promise_signed)

        self.complaint_check = QCheckBox(self.tr("Com&plaint raised (opens a service issue)"))
        self.complaint_check.setObjectName("complaintCheck")
        self.category_combo = QComboBox()
        self.category_combo.setObjectName("categoryCombo")
        self.category_combo.addItem(self.tr("— what about —"), None)
        for category in IssueCategory:
            self.category_combo.addItem(label(CATEGORY_LABELS, category), category)
        row(self.tr("Complaint"), self.complaint_check, "complaint_category", self.category_combo)
        self.complaint_text = QLineEdit()
        self.complaint_text.setObjectName("complaintText")
        self.complaint_text.setPlaceholderText(self.tr("What the owner complains about"))
        self.complaint_text.setMinimumWidth(420)
        row(self.tr("Complaint &text"), self.complaint_text, "complaint_text")
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("noteEdit")
        self.note_edit.setMinimumWidth(420)
        row(self.tr("Not&e"), self.note_edit, "note")
        self.follow_up = DayEdit(date.today())
        self.follow_up.setObjectName("followUp")
        row(self.tr("Next &follow-up"), self.follow_up, "follow_up", self.follow_up.echo)
        outer.addLayout(form)

        self.status_label = QLabel()
        self.status_label.setObjectName("callStatus")
        self.status_label.setWordWrap(True)
        self.status_label.hide()
        outer.addWidget(self.status_label)
        outer.addStretch(1)
        self.buttons, self.save_button = save_buttons(self, outer, self.tr("Save (Ctrl+Enter)"), "saveContact")

        self.setTabOrder(self.channel_combo, self.number_combo)
        self.setTabOrder(self.number_combo, self.answered_combo)
        self.setTabOrder(self.answered_combo, self.outcome.buttons[FORM_OUTCOMES[0]])
        self.setTabOrder(self.outcome.buttons[FORM_OUTCOMES[0]], self.reason_combo)
        self.setTabOrder(self.reason_combo, self.promise_date)
        self.setTabOrder(self.promise_date, self.promise_amount)
        self.setTabOrder(self.promise_amount, self.promise_signed)
        self.setTabOrder(self.promise_signed, self.complaint_check)
        self.setTabOrder(self.complaint_check, self.category_combo)
        self.setTabOrder(self.category_combo, self.complaint_text)
        self.setTabOrder(self.complaint_text, self.note_edit)
        self.setTabOrder(self.note_edit, self.follow_up)
        self.setTabOrder(self.follow_up, self.save_button)

        self.channel_combo.currentIndexChanged.connect(self._channel_changed)
        self.outcome.sig_changed.connect(self._outcome_changed)
        self.outcome.sig_picked_by_key.connect(self._picked_by_key)
        self.complaint_check.toggled.connect(self._complaint_toggled)
        self.promise_date.textChanged.connect(self._promise_date_changed)
        self._complaint_toggled(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter never saves by accident: it moves to the next field (Ctrl+Enter saves)."""
        if not next_field_on_enter(self, event):
            super().keyPressEvent(event)

    # loading
    def load(self) -> None:
        """Read the room's context on the task runner."""
        self._runner.submit(contact_service.call_form_context, actor=self._user, room_id=self._room_id,
                            now=self._now(), on_result=self._loaded, on_error=self._load_failed)

    def _loaded(self, ctx: contact_service.CallFormContext) -> None:
        self.context = ctx
        for edit in (self.promise_date, self.follow_up):
            edit._today = ctx.today
        self.room_label.setText(self.tr("{estate} {room}  {owner}").format(
            estate=ctx.estate_name, room=ctx.room_code, owner=ctx.owner_name or self.tr("(no owner on file)")))
        facts = [self.tr("Overdue {amount}").format(amount=format_money(ctx.overdue_fen))]
        if ctx.owed_fen != ctx.overdue_fen:
            facts.append(self.tr("{amount} in all").format(amount=format_money(ctx.owed_fen)))
        if ctx.stage is not None:
            stage = label(STAGE_LABELS, ctx.stage)
            facts.append(self.tr("Stage: {stage}").format(stage=stage) +
                         (self.tr(" ({collector})").format(collector=ctx.collector) if ctx.collector else ""))
        if ctx.hold_until is not None and ctx.hold_until >= ctx.today:
            facts.append(self.tr("On hold until {date}").format(date=ctx.hold_until.isoformat()))
        if ctx.last_contact_at is not None:
            facts.append(self.tr("Last contact {date}: {outcome}").format(
                date=ctx.last_contact_at.astimezone().strftime("%m-%d %H:%M"),
                outcome=label(OUTCOME_LABELS, ctx.last_outcome)))
        facts.append(self.tr("{n} contacts in the last 7 days").format(n=ctx.contacts_this_week))
        for p in ctx.promises:
            facts.append(self.tr("Promise {date} {amount} ({state})").format(
                date=p.due_date.isoformat(), amount=format_money(p.amount_fen), state=label(PROMISE_LABELS, p.status)))
        self.facts_label.setText("　·　".join(facts))
        self.number_combo.clear()
        for c in ctx.contacts:
            text = number_text(c)
            if not c.valid:
                text += self.tr("  (marked wrong)")
            self.number_combo.addItem(text, c.contact_id)
        if ctx.case_reason is not None:
            self.reason_combo.setCurrentIndex(max(0, self.reason_combo.findData(ctx.case_reason)))
        if ctx.overdue_fen > 0 or ctx.owed_fen > 0:
            self.promise_amount.setText(format_money(ctx.overdue_fen or ctx.owed_fen).lstrip("¥"))
        self._set_enabled(True)
        self._channel_changed()
        self._outcome_changed(self.outcome.outcome())
        self.outcome.focus_first()
        self.sig_loaded.emit(ctx)

    def _load_failed(self, exc: BaseException) -> None:
        self.room_label.setText(self.tr("The room could not be loaded"))
        set_inline(self.status_label, error_message(exc))

    def _set_enabled(self, enabled: bool) -> None:
        for w in (self.channel_combo, self.number_combo, self.answered_combo, self.outcome, self.reason_combo,
                  self.promise_date, self.promise_amount, self.promise_signed, self.complaint_check, self.note_edit,
                  self.follow_up, self.save_button):
            w.setEnabled(enabled)

    # reactions
    def channel(self) -> Channel:
        return self.channel_combo.currentData()

    def _channel_changed(self) -> None:
        channel = self.channel()
        self.number_combo.setEnabled(channel in NUMBER_CHANNELS or channel is Channel.WECHAT)
        self._outcome_changed(self.outcome.outcome())
        self._show_warnings()

    def _outcome_changed(self, outcome: CallOutcome | None) -> None:
        answered = outcome is None or outcome in ANSWERED_OUTCOMES
        self.answered_combo.setEnabled(self.context is not None and answered and self.channel() is not Channel.DESK)
        promise = outcome in PROMISE_OUTCOMES
        for w in (self.promise_date, self.promise_amount, self.promise_signed):
            w.setEnabled(self.context is not None and promise)
        self._propose_follow_up()

    def _picked_by_key(self, outcome: CallOutcome) -> None:
        if outcome in PROMISE_OUTCOMES:
            self.promise_date.setFocus(Qt.FocusReason.TabFocusReason)
            self.promise_date.selectAll()

    def _promise_date_changed(self) -> None:
        self._propose_follow_up()

    def _propose_follow_up(self) -> None:
        if self.context is None or self.follow_up.edited_by_user:
            return
        outcome = self.outcome.outcome()
        if outcome is None:
            return
        try:
            promised = self.promise_date.day() if outcome in PROMISE_OUTCOMES else None
        except ValidationError:
            promised = None
        self.follow_up.set_day(propose_follow_up(outcome, today=self.context.today, promise_date=promised,
                                                 next_step_on=self.context.next_step_on))

    def _complaint_toggled(self, on: bool) -> None:
        self.category_combo.setEnabled(on)
        self.complaint_text.setEnabled(on)

    def _show_warnings(self) -> list:
        if self.context is None:
            return []
        warnings = self.context.warnings(self.channel(), self._now())
        texts = [warning_text(w) for w in warnings]
        self.warning_label.setStyleSheet(_WARN_STYLE)
        self.warning_label.setText("\n".join(texts))
        self.warning_label.setVisible(bool(texts))
        return warnings

    # saving
    def draft(self) -> tuple[ContactDraft | None, list[FieldError]]:
        """The form as a draft, and the problems of the fields that could not be read."""
        ctx = self.context
        errors: list[FieldError] = []
        outcome = self.outcome.outcome()
        if ctx is None:
            return None, errors
        if outcome is None:
            errors.append(FieldError("outcome", "contact.outcome_invalid"))
            return None, errors
        channel = self.channel()
        promise = outcome in PROMISE_OUTCOMES
        promise_date = amount = None
        if promise:
            promise_date, amount = read_promise(self.promise_date, self.promise_amount, errors)
            if outcome is CallOutcome.CONDITIONAL and promise_date is None and amount is None:
                amount = None
        try:
            follow = self.follow_up.day()
        except DomainError as exc:
            errors.append(FieldError("follow_up", exc.code))
            follow = None
        contact_id = self.number_combo.currentData() if self.number_combo.isEnabled() else None
        answered = self.answered_combo.currentData() if self.answered_combo.isEnabled() else None
        complaint = self.complaint_check.isChecked()
        draft = ContactDraft(
            room_id=ctx.room_id, channel=channel, outcome=outcome, contact_id=contact_id, answered_by=answered,
            reason=self.reason_combo.currentData(), promise_date=promise_date,
            promise_amount_fen=amount if promise and (promise_date is not None or amount is not None) else None,
            promise_signed=self.promise_signed.isChecked() if promise else False, complaint=complaint,
            complaint_category=self.category_combo.currentData() if complaint else None,
            complaint_text=self.complaint_text.text() if complaint else "", note=self.note_edit.text(),
            next_follow_up=follow,
        )
        return draft, errors

    def _show_errors(self, errors: list[FieldError]) -> None:
        for key, widget in self.errors.items():
            if key != "outcome":
                set_inline(widget, "")
        first: QWidget | None = None
        focus = {"channel": self.channel_combo, "number": self.number_combo, "answered_by": self.answered_combo,
                 "promise_date": self.promise_date, "promise_amount": self.promise_amount,
                 "complaint_category": self.category_combo, "complaint_text": self.complaint_text,
                 "note": self.note_edit, "follow_up": self.follow_up}
        messages = []
        for e in errors:
            text = message_for_code(e.code, e.params)
            target = self.errors.get(e.field)
            if target is not None and e.field != "outcome":
                set_inline(target, text)
            else:
                messages.append(text)
            if first is None:
                first = focus.get(e.field)
        set_inline(self.status_label, "\n".join(messages))
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        elif errors and errors[0].field == "outcome":
            self.outcome.focus_first()

    def save(self, confirmed: tuple[str, ...] = ()) -> None:
        """Check the form (beside each field), confirm any warning, then save on the task runner."""
        if self.context is None or self._saving:
            return
        draft, errors = self.draft()
        if draft is not None and not errors:
            errors = contact_errors(draft, today=self.context.today, owed_fen=self.context.owed_fen)
        self._show_errors(errors)
        if errors or draft is None:
            return
        if not confirmed:
            warnings = self._show_warnings()
            if warnings and not self._confirm(warnings):
                return
            confirmed = tuple(w.code for w in warnings)
        self._saving = True
        self.save_button.setEnabled(False)
        set_inline(self.status_label, self.tr("Saving…"), HINT_STYLE)
        self._runner.submit(contact_service.log_contact, actor=self._user, draft=draft, now=self._now(),
                            confirmed=confirmed, on_result=self._saved,
                            on_error=lambda exc: self._save_failed(exc, draft))

    def _confirm(self, warnings) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Log a contact"),
                          "\n".join(warning_text(w) for w in warnings), parent=self)
        box.setInformativeText(self.tr("Save anyway? The override is recorded with the contact."))
        yes = box.addButton(self.tr("Save anyway"), QMessageBox.ButtonRole.AcceptRole)
        no = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(no)
        box.exec()
        return box.clickedButton() is yes

    def _saved(self, logged) -> None:
        self._saving = False
        self.logged = logged
        self.sig_saved.emit(logged)
        self.accept()

    def _save_failed(self, exc: BaseException, draft: ContactDraft) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        if isinstance(exc, contact_service.ContactsNeedConfirmation):  # the rules changed under us: ask again
            warnings = exc.params.get("warnings", [])
            if self._confirm(warnings):
                self.save(tuple(w.code for w in warnings))
            else:
                set_inline(self.status_label, "")
            return
        if isinstance(exc, ValidationError) and exc.params.get("field") in self.errors:
            self._show_errors([FieldError(exc.params["field"], exc.code, dict(exc.params))])
            set_inline(self.status_label, "")
            return
        set_inline(self.status_label, self.tr("Not saved: {error}").format(error=error_message(exc)))
