"""送达登记: type or scan a notice number (the slip's QR code), then say how it reached the owner.

Only evidenced deliveries restart the limitation clock: in person with the signed slip (the owner
or an adult family member), a registered letter with its tracking number, or an SMS/WeChat/e-mail
with its screenshot. A notice left at the door is recorded, but it is no proof. The proof file is
copied into the office's data folder under its content hash.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.domain.enums import DeliveryMethod
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services import delivery as delivery_service
from cuijiao_desktop.views.dialogs import file_dialogs
from cuijiao_desktop.views.widgets.dates import date_edit

from .batch_tab import delivery_label

#: The choices of the form: (key, method, needs a family member).
WAYS = (
    ("self", DeliveryMethod.HAND_SIGNED, False),
    ("family", DeliveryMethod.HAND_SIGNED, True),
    ("mail", DeliveryMethod.REGISTERED_MAIL, False),
    ("express", DeliveryMethod.EXPRESS, False),
    ("sms", DeliveryMethod.SMS, False),
    ("wechat", DeliveryMethod.WECHAT, False),
    ("email", DeliveryMethod.EMAIL, False),
    ("door", DeliveryMethod.DOOR, False),
)


class DeliveryTab(QWidget):
    """The delivery form; Enter in the number looks the notice up, Ctrl+Enter records."""

    def __init__(self, runner, user, *, today: Callable[[], date], data_dir: Callable[[], Path],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._user = user
        self._today = today
        self._data_dir = data_dir
        self.notice: delivery_service.NoticeInfo | None = None
        self.proof: str | None = None
        self._build()

    def _build(self) -> None:
        self.serial_edit = QLineEdit()
        self.serial_edit.setObjectName("deliverySerial")
        self.serial_edit.setPlaceholderText(self.tr("Type or scan the notice number, then Enter"))
        self.serial_edit.returnPressed.connect(self.look_up)
        find = QPushButton(self.tr("Find"))
        find.clicked.connect(self.look_up)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Notice number:")))
        top.addWidget(self.serial_edit, 1)
        top.addWidget(find)

        self.card = QLabel(self.tr("Scan the QR code on the receipt slip, or type the number printed on it."))
        self.card.setObjectName("deliveryCard")
        self.card.setWordWrap(True)
        self.card.setTextFormat(Qt.TextFormat.RichText)
        self.card.setStyleSheet("#deliveryCard { background: #F6F8FA; border: 1px solid #D9E0E7; border-radius: 6px; "
                                "padding: 10px; }")

        form = QFormLayout()
        self.way_combo = QComboBox()
        self.way_combo.setObjectName("deliveryWay")
        for key, text in (
            ("self", self.tr("Signed for in person by the owner")),
            ("family", self.tr("Signed for by an adult family member")),
            ("mail", self.tr("Registered letter (tracking number)")),
            ("express", self.tr("Express mail (tracking number)")),
            ("sms", self.tr("SMS (screenshot)")),
            ("wechat", self.tr("WeChat (screenshot)")),
            ("email", self.tr("E-mail (screenshot)")),
            ("door", self.tr("Left at the door (no proof of delivery)")),
        ):
            self.way_combo.addItem(text, key)
        self.way_combo.currentIndexChanged.connect(self._way_changed)
        today = self._today()
        self.date_edit = date_edit("deliveryDate", today)
        self.date_edit.setMaximumDate(QDate(today))
        self.receiver_edit = QLineEdit()
        self.receiver_edit.setObjectName("deliveryReceiver")
        self.relation_combo = QComboBox()
        self.relation_combo.setObjectName("deliveryRelation")
        for relation in delivery_service.RELATIONS:
            self.relation_combo.addItem(relation, relation)
        self.tracking_edit = QLineEdit()
        self.tracking_edit.setObjectName("deliveryTracking")
        self.tracking_edit.setPlaceholderText("XA123456789CN")
        self.proof_label = QLabel(self.tr("No file"))
        self.proof_label.setObjectName("deliveryProof")
        self.proof_label.setStyleSheet("color: #5F6B7A;")
        self.proof_button = QPushButton(self.tr("Choose file…"))
        self.proof_button.setObjectName("deliveryProofButton")
        self.proof_button.clicked.connect(self.choose_proof)
        proof_row = QHBoxLayout()
        proof_row.addWidget(self.proof_label, 1)
        proof_row.addWidget(self.proof_button)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("deliveryNote")
        form.addRow(self.tr("Delivered:"), self.way_combo)
        form.addRow(self.tr("Date:"), self.date_edit)
        self.receiver_caption = QLabel(self.tr("Received by:"))
        form.addRow(self.receiver_caption, self.receiver_edit)
        self.relation_caption = QLabel(self.tr("Relation to the owner:"))
        form.addRow(self.relation_caption, self.relation_combo)
        self.tracking_caption = QLabel(self.tr("Tracking number:"))
        form.addRow(self.tracking_caption, self.tracking_edit)
        self.proof_caption = QLabel(self.tr("Proof file:"))
        form.addRow(self.proof_caption, proof_row)
        form.addRow(self.tr("Note:"), self.note_edit)

        self.hint = QLabel()
        self.hint.setObjectName("deliveryHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #5F6B7A;")
        self.save_button = QPushButton(self.tr("Record delivery (Ctrl+Enter)"))
        self.save_button.setObjectName("deliverySave")
        self.save_button.setStyleSheet("QPushButton { font-weight: bold; padding: 4px 14px; }")
        self.save_button.clicked.connect(self.record)
        self.save_button.setEnabled(False)
        self.save_button.setVisible(self._user.can(Permission.PRINT_NOTICES))
        self.status = QLabel()
        self.status.setObjectName("deliveryStatus")
        self.status.setWordWrap(True)
        self.recent = QListWidget()
        self.recent.setObjectName("deliveryRecent")
        self.recent.setMaximumHeight(160)

        form_box = QFrame()
        box = QVBoxLayout(form_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(form)
        box.addWidget(self.hint)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        box.addLayout(buttons)
        column = QWidget()
        column.setMaximumWidth(860)  # a form, not a banner: short lines on wide screens
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 10, 0, 0)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(column, 1)
        outer.addStretch(0)
        layout.addLayout(top)
        layout.addWidget(self.card)
        layout.addWidget(form_box)
        layout.addWidget(self.status)
        layout.addWidget(QLabel(self.tr("Recorded in this session:")))
        layout.addWidget(self.recent)
        layout.addStretch(1)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.record)
        self._way_changed()

    def activate(self) -> None:
        self.serial_edit.setFocus()

    def refresh(self) -> None:
        if self.notice is not None:
            self.look_up()

    # the form
    def _way(self) -> tuple[str, DeliveryMethod, bool]:
        key = self.way_combo.currentData()
        return next(w for w in WAYS if w[0] == key)

    def _way_changed(self) -> None:
        key, method, family = self._way()
        mail = method in (DeliveryMethod.REGISTERED_MAIL, DeliveryMethod.EXPRESS)
        screenshot = method in (DeliveryMethod.SMS, DeliveryMethod.WECHAT, DeliveryMethod.EMAIL)
        door = method is DeliveryMethod.DOOR
        for widget, visible in ((self.relation_caption, family), (self.relation_combo, family),
                                (self.tracking_caption, mail), (self.tracking_edit, mail),
                                (self.receiver_caption, not door), (self.receiver_edit, not door),
                                (self.proof_caption, not door)):
            widget.setVisible(visible)
        self.proof_label.setVisible(not door)
        self.proof_button.setVisible(not door)
        self.receiver_edit.setPlaceholderText(self.tr("Name of the family member who signed") if family
                                              else self.tr("The owner (leave empty)"))
        self.proof_caption.setText(self.tr("Screenshot (required):") if screenshot else self.tr("Proof file:"))
        hints = {
            "self": self.tr("Proof: the slip signed by the owner. Attach a scan of it if you have one."),
            "family": self.tr("Proof: the slip signed by an adult family member living there; write their name."),
            "mail": self.tr("Proof: the tracking number; attach the post office receipt if you have it."),
            "express": self.tr("Proof: the tracking number; attach the delivery record if you have it."),
            "sms": self.tr("Proof: a screenshot showing the message was sent to the owner's number."),
            "wechat": self.tr("Proof: a screenshot of the chat with the notice."),
            "email": self.tr("Proof: a screenshot or PDF of the sent e-mail."),
            "door": self.tr("A notice left at the door does not prove that the owner received it: it will not "
                            "restart the limitation period. Deliver it in person or by registered letter."),
        }
        self.hint.setText(hints[key])
        self.hint.setStyleSheet("color: #8A5300;" if door else "color: #5F6B7A;")

    def choose_proof(self) -> None:
        path = file_dialogs.open_file(
            self, self.tr("Proof file"), purpose="proofs",
            filters=self.tr("Pictures and PDF (*.jpg *.jpeg *.png *.pdf *.webp *.bmp *.heic)"))
        if path is not None:
            self.set_proof(str(path))

    def set_proof(self, path: str | None) -> None:
        self.proof = path
        self.proof_label.setText(Path(path).name if path else self.tr("No file"))

    # the notice
    def look_up(self) -> None:
        serial = self.serial_edit.text()
        if not serial.strip():
            return
        self._runner.submit(delivery_service.find_notice, serial=serial, on_result=self._show_notice,
                            on_error=self._show_lookup_error)

    def _show_notice(self, info: delivery_service.NoticeInfo) -> None:
        self.notice = info
        self.status.clear()
        lines = [
            f"<b>{info.serial}</b>　{info.title}（" + self.tr("no. {n}").format(n=info.level) + "）",
            f"{info.estate} {info.room_code}　{info.recipient_name}　{format_money(info.amount_fen)}",
            self.tr("Issued {issued}, deadline {deadline}, meant to be: {way}").format(
                issued=info.issued_on.isoformat(), deadline=info.deadline.isoformat() if info.deadline else "—",
                way=delivery_label(info.intended_delivery) or "—"),
        ]
        if info.is_evidenced:
            lines.append("<span style='color:#1E5631'>" + self.tr(
                "Delivered with proof on {on} ({way}) to {who}.").format(
                    on=info.delivered_on.isoformat(), way=delivery_label(info.delivery_method),
                    who=info.delivered_to or "—") + "</span>")
        elif info.delivered_on:
            lines.append("<span style='color:#8A5300'>" + self.tr(
                "Left at the door on {on}: no proof yet.").format(on=info.delivered_on.isoformat()) + "</span>")
        self.card.setText("<br>".join(lines))
        self.save_button.setEnabled(not info.is_evidenced and self._user.can(Permission.PRINT_NOTICES))
        if info.is_evidenced:
            self.status.setText(self.tr("This notice's delivery is already recorded with proof."))
        self.way_combo.setFocus()

    def _show_lookup_error(self, exc: BaseException) -> None:
        self.notice = None
        self.save_button.setEnabled(False)
        self.card.setText(f"<span style='color:#B3261E'>{error_message(exc)}</span>")
        self.serial_edit.selectAll()
        self.serial_edit.setFocus()

    def record(self) -> None:
        if self.notice is None or not self.save_button.isEnabled():
            return
        _key, method, family = self._way()
        d = self.date_edit.date()
        data = delivery_service.DeliveryInput(
            serial=self.notice.serial, method=method, delivered_on=date(d.year(), d.month(), d.day()),
            received_by=self.receiver_edit.text(), relation=self.relation_combo.currentData() if family else "",
            tracking_no=self.tracking_edit.text(), proof=self.proof if method is not DeliveryMethod.DOOR else None,
            note=self.note_edit.text(),
        )
        self.save_button.setEnabled(False)
        self._runner.submit(delivery_service.record_delivery, actor=self._user, delivery=data,
                            data_dir=self._data_dir(), today=self._today(), on_result=self._saved,
                            on_error=self._save_failed)

    def _saved(self, info: delivery_service.NoticeInfo) -> None:
        proof = self.tr("with proof") if info.is_evidenced else self.tr("no proof")
        self.status.setStyleSheet("color: #1E5631;")
        self.status.setText(self.tr("Recorded: {serial} {room}, {way}, {on} ({proof}).").format(
            serial=info.serial, room=info.room_code, way=delivery_label(info.delivery_method),
            on=info.delivered_on.isoformat(), proof=proof))
        self.recent.insertItem(0, f"{info.serial}  {info.estate} {info.room_code}  "
                                  f"{delivery_label(info.delivery_method)}  {info.delivered_on.isoformat()}  {proof}")
        self.notice = None
        for edit in (self.receiver_edit, self.tracking_edit, self.note_edit, self.serial_edit):
            edit.clear()
        self.set_proof(None)
        self.card.setText(self.tr("Next notice: scan or type its number."))
        self.serial_edit.setFocus()

    def _save_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(self.notice is not None)
        self.status.setStyleSheet("color: #B3261E;")
        self.status.setText(error_message(exc))
