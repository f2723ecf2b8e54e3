"""新增/编辑房屋: a room's estate, building, unit, number, area, usage and occupancy.

Problems are shown in red under the field concerned; the save runs as a task; a
failed save keeps what was typed; a stale version offers to reload the room.
A new room can get its first owner (name and phone) in the same save.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.domain.enums import ContactKind, Occupancy, OwnerType, Usage
from cuijiao_desktop.domain.errors import ConflictError, DomainError, ValidationError
from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services import rooms as rooms_service
from cuijiao_desktop.views.dialogs.style import ERROR_STYLE, error_label
from cuijiao_desktop.views.labels import OCCUPANCY_LABELS, OWNER_TYPE_LABELS, USAGE_LABELS, label
from cuijiao_desktop.views.models.rooms_model import area_text
from cuijiao_desktop.views.widgets.dates import date_edit, optional_date


class FieldErrors:
    """Red messages under fields, keyed by the ``field`` parameter of ValidationError."""

    def __init__(self) -> None:
        self.labels: dict[str, QLabel] = {}

    def make(self, field: str) -> QLabel:
        """A hidden red label for ``field`` (place it under the field)."""
        lab = error_label(f"error_{field.replace('.', '_')}")
        self.labels[field] = lab
        return lab

    def clear(self) -> None:
        """Hide every message."""
        for lab in self.labels.values():
            lab.clear()
            lab.hide()

    def show(self, errors: list[DomainError]) -> list[DomainError]:
        """Show each error beside its field; returns those that have no field here."""
        rest = []
        for e in errors:
            lab = self.labels.get(str(e.params.get("field", "")))
            if lab is None:
                rest.append(e)
                continue
            lab.setText(error_message(e))
            lab.show()
        return rest

    def text(self, field: str) -> str:
        """The message shown for ``field`` ("" when none)."""
        lab = self.labels.get(field)
        return lab.text() if lab is not None and not lab.isHidden() else ""


def with_error(widget: QWidget, error: QLabel) -> QWidget:
    """A field with its error message under it."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget)
    layout.addWidget(error)
    return box


class Banner(QFrame):
    """A message across the top of a dialog, with an optional action button (e.g. 重新载入)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setStyleSheet("#banner { background: #FDECEA; border: 1px solid #F2B8B5; border-radius: 4px; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.text = QLabel()
        self.text.setObjectName("bannerText")
        self.text.setWordWrap(True)
        self.text.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.text, 1)
        self.button = QPushButton()
        self.button.setObjectName("bannerButton")
        self.button.hide()
        layout.addWidget(self.button)
        self.hide()

    def show_message(self, text: str, button_text: str | None = None) -> None:
        """Show ``text``; with ``button_text`` the action button is shown too."""
        self.text.setText(text)
        self.button.setVisible(button_text is not None)
        if button_text is not None:
            self.button.setText(button_text)
        self.show()


class EditDialog(QDialog):
    """What the edit dialogs share: red messages under the fields, a banner for the rest (offering
    重新载入 after a conflict), Save/Cancel, the save run as a task, and how a failed save is shown.

    A subclass adds its fields to ``self.outer``, then calls ``_add_buttons()``; it has ``save()``
    (which hands its service to :meth:`_submit`), ``_failed()`` and ``reload()`` methods (Save, a
    failed save and the banner's button call them). ``sig_saved`` carries what the service returned,
    which is also kept in ``saved``.
    """

    sig_saved = Signal(object)

    def __init__(self, runner, user, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._user = user
        self.saved: Any = None
        self.errors = FieldErrors()
        self.outer = QVBoxLayout(self)
        self.banner = Banner()
        self.banner.button.clicked.connect(self.reload)
        self.outer.addWidget(self.banner)

    def _add_buttons(self) -> None:
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.outer.addWidget(self.buttons)

    def _clear_messages(self) -> None:
        self.errors.clear()
        self.banner.hide()

    def _show_errors(self, errors: list[DomainError]) -> None:
        rest = self.errors.show(errors)
        if rest:
            self.banner.show_message("\n".join(error_message(e) for e in rest))
        self.layout().activate()
        self.resize(self.width(), self.sizeHint().height())  # room for the messages

    def _submit(self, fn: Callable[..., Any], problems: Sequence[DomainError] = (), **kwargs: Any) -> None:
        """Show ``problems`` under their fields, or else run the service ``fn(actor=…, **kwargs)`` as a
        task (Save and Cancel wait for it)."""
        self._clear_messages()
        if problems:
            self._show_errors(list(problems))
            return
        self.buttons.setEnabled(False)
        self._runner.submit(fn, actor=self._user, on_result=self._saved, on_error=self._failed,
                            on_finished=lambda: self.buttons.setEnabled(True), **kwargs)

    def _saved(self, result: Any) -> None:
        self.saved = result
        self.sig_saved.emit(result)
        self.accept()

    def _show_failure(self, exc: BaseException, conflict_text: str) -> None:
        """A failed save: a conflict offers to reload, a ValidationError goes under its field, the rest on top."""
        if isinstance(exc, ConflictError):
            self.banner.show_message(conflict_text, self.tr("Reload"))
        elif isinstance(exc, ValidationError):
            self._show_errors([exc])
        else:
            self.banner.show_message(error_message(exc))


class RoomEditDialog(EditDialog):
    """Create a room (``detail`` None) or edit one. Emits ``sig_saved(RoomDetail)``."""

    def __init__(
        self,
        runner,
        user,
        *,
        estates=(),
        detail: rooms_service.RoomDetail | None = None,
        default_estate_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, user, parent)
        self.detail = detail
        self.setObjectName("roomEditDialog")
        self.setWindowTitle(self.tr("New room") if detail is None else self.tr("Edit room"))
        self.setMinimumWidth(520)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.estate = QComboBox()
        self.estate.setObjectName("estate")
        for e in estates:
            self.estate.addItem(e.name, e.id)
        self.building = QLineEdit()
        self.building.setObjectName("building")
        self.building.setPlaceholderText(self.tr("e.g. 3 or 3栋"))
        self.unit = QLineEdit()
        self.unit.setObjectName("unit")
        self.unit.setPlaceholderText(self.tr("empty when the building has no units"))
        self.number = QLineEdit()
        self.number.setObjectName("number")
        self.number.setPlaceholderText(self.tr("e.g. 1502"))
        self.area = QLineEdit()
        self.area.setObjectName("area")
        self.area.setPlaceholderText(self.tr("square metres, e.g. 89.37"))
        self.usage = QComboBox()
        self.usage.setObjectName("usage")
        for u in Usage:
            self.usage.addItem(label(USAGE_LABELS, u), u)
        self.occupancy = QComboBox()
        self.occupancy.setObjectName("occupancy")
        for o in Occupancy:
            self.occupancy.addItem(label(OCCUPANCY_LABELS, o), o)
        self.has_delivered = QCheckBox(self.tr("Handed over on"))
        self.has_delivered.setObjectName("hasDelivered")
        self.delivered = date_edit("delivered")
        delivered_row = optional_date(self.has_delivered, self.delivered)
        self.direct_debit = QCheckBox(self.tr("Pays by bank direct debit"))
        self.direct_debit.setObjectName("directDebit")
        self.note = QPlainTextEdit()
        self.note.setObjectName("note")
        self.note.setFixedHeight(60)
        form.addRow(self.tr("Estate"), with_error(self.estate, self.errors.make("estate")))
        form.addRow(self.tr("Building"), with_error(self.building, self.errors.make("building")))
        form.addRow(self.tr("Unit"), with_error(self.unit, self.errors.make("unit")))
        form.addRow(self.tr("Room number"), with_error(self.number, self.errors.make("room")))
        form.addRow(self.tr("Floor area (㎡)"), with_error(self.area, self.errors.make("area")))
        form.addRow(self.tr("Usage"), self.usage)
        form.addRow(self.tr("Occupancy"), self.occupancy)
        form.addRow("", delivered_row)
        form.addRow("", self.direct_debit)
        form.addRow(self.tr("Note"), with_error(self.note, self.errors.make("note")))
        self.owner_name = QLineEdit()
        self.owner_name.setObjectName("ownerName")
        self.owner_phone = QLineEdit()
        self.owner_phone.setObjectName("ownerPhone")
        self.owner_phone.setPlaceholderText(self.tr("mobile or landline with area code"))
        self.owner_type = QComboBox()
        self.owner_type.setObjectName("ownerType")
        for ot in OwnerType:
            self.owner_type.addItem(label(OWNER_TYPE_LABELS, ot), ot)
        if detail is None:
            heading = QLabel(self.tr("First owner (optional)"))
            heading.setStyleSheet("font-weight: bold; margin-top: 8px;")
            form.addRow(heading)
            form.addRow(self.tr("Owner name"), with_error(self.owner_name, self.errors.make("owner.name")))
            form.addRow(self.tr("Owner phone"), with_error(self.owner_phone, self.errors.make("owner.phone")))
            form.addRow(self.tr("Owner type"), self.owner_type)
        self.outer.addLayout(form)
        self._add_buttons()
        if detail is not None:
            self.fill(detail)
        elif default_estate_id is not None:
            self.estate.setCurrentIndex(max(0, self.estate.findData(default_estate_id)))

    def fill(self, detail: rooms_service.RoomDetail) -> None:
        """Put the stored room into the fields (and remember its version)."""
        self.detail = detail
        index = self.estate.findData(detail.estate_id)
        if index < 0:
            self.estate.addItem(detail.estate_name, detail.estate_id)
            index = self.estate.count() - 1
        self.estate.setCurrentIndex(index)
        self.building.setText(detail.building)
        self.unit.setText(detail.unit or "")
        self.number.setText(detail.number)
        self.area.setText(area_text(detail.area_centi_m2))
        self.usage.setCurrentIndex(max(0, self.usage.findData(detail.usage)))
        self.occupancy.setCurrentIndex(max(0, self.occupancy.findData(detail.occupancy)))
        self.has_delivered.setChecked(detail.delivered_on is not None)
        if detail.delivered_on is not None:
            self.delivered.setDate(QDate(detail.delivered_on))
        self.direct_debit.setChecked(detail.direct_debit)
        self.note.setPlainText(detail.note)

    def draft(self) -> rooms_service.RoomDraft:
        """The room as typed."""
        d = self.delivered.date()
        return rooms_service.RoomDraft(
            estate_id=self.estate.currentData(), building=self.building.text(), unit=self.unit.text(),
            number=self.number.text(), area=self.area.text(), usage=self.usage.currentData(),
            occupancy=self.occupancy.currentData(),
            delivered_on=d.toPython() if self.has_delivered.isChecked() else None,
            direct_debit=self.direct_debit.isChecked(), note=self.note.toPlainText(),
            room_id=self.detail.room_id if self.detail else None,
            version=self.detail.version if self.detail else None,
        )

    def owner_draft(self) -> rooms_service.PersonDraft | None:
        """The first owner of a new room, or None when left empty."""
        if self.detail is not None or not (self.owner_name.text().strip() or self.owner_phone.text().strip()):
            return None
        contacts = ()
        if self.owner_phone.text().strip():
            contacts = (rooms_service.ContactDraft(kind=ContactKind.MOBILE, value=self.owner_phone.text(),
                                                   is_primary=True),)
        return rooms_service.PersonDraft(name=self.owner_name.text(), owner_type=self.owner_type.currentData(),
                                         contacts=contacts)

    def _owner_errors(self, owner: rooms_service.PersonDraft | None) -> list[DomainError]:
        if owner is None:
            return []
        out: list[DomainError] = []
        for e in rooms_service.validate_person_draft(owner):
            field = str(e.params.get("field", ""))
            where = "owner.phone" if field.startswith("contacts.") else "owner.name"
            out.append(ValidationError(e.code, **{**e.params, "field": where}))
        return out

    def save(self) -> None:
        """Check the fields, then save in the background; errors stay beside the fields."""
        self._clear_messages()
        draft, owner = self.draft(), self.owner_draft()
        problems = [*rooms_service.validate_room_draft(draft), *self._owner_errors(owner)]
        self._submit(rooms_service.save_room, problems, draft=draft, owner=owner)

    def _saved(self, detail: rooms_service.RoomDetail) -> None:
        self.detail = detail
        super()._saved(detail)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):  # the owner's fields of a new room
            field = str(exc.params.get("field", ""))
            if field.startswith("contacts."):
                exc = ValidationError(exc.code, **{**exc.params, "field": "owner.phone"})
            elif field == "name":
                exc = ValidationError(exc.code, **{**exc.params, "field": "owner.name"})
        self._show_failure(exc, self.tr(
            "Someone else changed this room after you opened it. Reload it to see their changes "
            "(what you typed here will be replaced)."))

    def reload(self) -> None:
        """Load the stored room again (after a conflict)."""
        if self.detail is None:
            return
        self._runner.submit(rooms_service.get_room_detail, self.detail.room_id,
                            on_result=self._reloaded, on_error=self._failed)

    def _reloaded(self, detail: rooms_service.RoomDetail) -> None:
        self.fill(detail)
        self._clear_messages()
