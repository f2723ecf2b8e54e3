"""业主/租户: edit a person and their contacts; 更换租户: a new tenant from a date (history kept).

Each bad field gets a red message under it (phone format, required name …); the
save runs as a task and a failed save keeps everything typed; a stale version
offers to reload.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.domain.enums import Channel, ContactKind, Occupancy, OwnerType, PersonRole, Relation
from cuijiao_desktop.domain.errors import DomainError, ValidationError
from cuijiao_desktop.services import rooms as rooms_service
from cuijiao_desktop.views.dialogs.room_edit_dialog import EditDialog, FieldErrors, with_error
from cuijiao_desktop.views.labels import (
    CONTACT_KIND_LABELS,
    OWNER_TYPE_LABELS,
    PERSON_ROLE_LABELS,
    PREFERRED_CHANNEL_LABELS,
    RELATION_LABELS,
    label,
)
from cuijiao_desktop.views.widgets.dates import date_edit


class ContactRow:
    """The widgets of one contact line."""

    def __init__(self, grid: QGridLayout, row: int, errors: FieldErrors, index: int,
                 draft: rooms_service.ContactDraft | None) -> None:
        self.contact_id = draft.contact_id if draft else None
        self.kind = QComboBox()
        for k in ContactKind:
            self.kind.addItem(label(CONTACT_KIND_LABELS, k), k)
        self.value = QLineEdit()
        self.value.setObjectName(f"contactValue{index}")
        self.relation = QComboBox()
        for r in Relation:
            self.relation.addItem(label(RELATION_LABELS, r), r)
        self.contact_name = QLineEdit()
        self.contact_name.setPlaceholderText(
            QCoreApplication.translate("PersonEditDialog", "name, if not the person"))
        self.primary = QCheckBox()
        self.valid = draft.valid if draft else True
        self.remove = QPushButton("✕")
        self.remove.setFixedWidth(28)
        self.error = errors.make(f"contacts.{index}.value")
        if draft is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(draft.kind)))
            self.value.setText(draft.value)
            self.relation.setCurrentIndex(max(0, self.relation.findData(draft.relation)))
            self.contact_name.setText(draft.contact_name)
            self.primary.setChecked(draft.is_primary)
        self.widgets = (self.kind, self.value, self.relation, self.contact_name, self.primary, self.remove)
        for col, w in enumerate(self.widgets):
            grid.addWidget(w, row, col)
        grid.addWidget(self.error, row + 1, 1, 1, 4)

    def draft(self) -> rooms_service.ContactDraft:
        """The contact as typed."""
        return rooms_service.ContactDraft(
            kind=self.kind.currentData(), value=self.value.text(), relation=self.relation.currentData(),
            contact_name=self.contact_name.text(), is_primary=self.primary.isChecked(), valid=self.valid,
            contact_id=self.contact_id,
        )

    def dispose(self) -> None:
        """Remove the widgets."""
        for w in (*self.widgets, self.error):
            w.hide()
            w.deleteLater()


class PersonEditDialog(EditDialog):
    """Edit ``draft`` (a stored person) or, with ``draft`` None, add a person to ``room`` as ``role``.

    Emits ``sig_saved(person_id)``.
    """

    sig_saved = Signal(int)

    def __init__(
        self,
        runner,
        user,
        *,
        draft: rooms_service.PersonDraft | None = None,
        room: rooms_service.RoomDetail | None = None,
        role: PersonRole | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, user, parent)
        self.stored = draft
        self.room = room
        self.role = role
        self.saved_id: int | None = None
        self.setObjectName("personEditDialog")
        self.setMinimumWidth(620)
        outer = self.outer
        if room is not None:
            where = QLabel(f"{room.estate_name} {room.display_code}")
            where.setObjectName("personRoom")
            where.setStyleSheet("font-weight: bold;")
            outer.addWidget(where)
        self.form = QFormLayout()
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.owner_type = QComboBox()
        self.owner_type.setObjectName("ownerType")
        self.owner_type.addItem(self.tr("Not an owner / unknown"), None)
        for ot in OwnerType:
            self.owner_type.addItem(label(OWNER_TYPE_LABELS, ot), ot)
        self.channel = QComboBox()
        self.channel.setObjectName("channel")
        self.channel.addItem(self.tr("No preference"), None)
        for ch in (Channel.PHONE, Channel.SMS, Channel.WECHAT, Channel.EMAIL, Channel.LETTER):
            self.channel.addItem(label(PREFERRED_CHANNEL_LABELS, ch), ch)
        self.id_number = QLineEdit()
        self.id_number.setObjectName("idNumber")
        self.id_number.setPlaceholderText(self.tr("optional"))
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.form.addRow(self.tr("Name"), with_error(self.name, self.errors.make("name")))
        self.form.addRow(self.tr("Owner type"), self.owner_type)
        self.form.addRow(self.tr("Preferred channel"), self.channel)
        self.form.addRow(self.tr("ID card number"), with_error(self.id_number, self.errors.make("id_number")))
        self.form.addRow(self.tr("Note"), self.note)
        outer.addLayout(self.form)
        heading = QLabel(self.tr("Contacts (the ticked one is the main number)"))
        heading.setStyleSheet("font-weight: bold; margin-top: 6px;")
        outer.addWidget(heading)
        self.contacts_error = self.errors.make("contacts")
        outer.addWidget(self.contacts_error)
        grid_box = QWidget()
        self.grid = QGridLayout(grid_box)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(6)
        self.grid.setVerticalSpacing(2)
        for col, text in enumerate((self.tr("Kind"), self.tr("Number / account"), self.tr("Relation"),
                                    self.tr("Contact name"), self.tr("Main"))):
            head = QLabel(text)
            head.setStyleSheet("color: #5F6B7A;")
            self.grid.addWidget(head, 0, col)
        self.grid.setColumnStretch(1, 2)
        self.grid.setColumnStretch(3, 1)
        outer.addWidget(grid_box)
        self.contact_rows: list[ContactRow] = []
        self._next_grid_row = 1
        self.add_button = QPushButton(self.tr("Add contact"))
        self.add_button.setObjectName("addContact")
        self.add_button.clicked.connect(lambda: self.add_contact(None))
        outer.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._extra_fields(outer)
        self._add_buttons()
        self._set_title()
        if draft is not None:
            self.fill(draft)
        else:
            if role is PersonRole.OWNER:
                self.owner_type.setCurrentIndex(1)
            self.add_contact(rooms_service.ContactDraft(kind=ContactKind.MOBILE, value="", is_primary=True))

    def _set_title(self) -> None:
        if self.stored is not None:
            self.setWindowTitle(self.tr("Owner / tenant: {name}").format(name=self.stored.name))
        else:
            role = label(PERSON_ROLE_LABELS, self.role or PersonRole.OWNER)
            self.setWindowTitle(self.tr("New {role}").format(role=role))

    def _extra_fields(self, layout: QVBoxLayout) -> None:
        """Subclasses add their own fields above the buttons."""

    # contacts
    def add_contact(self, draft: rooms_service.ContactDraft | None) -> ContactRow:
        """Add a contact line (empty when ``draft`` is None)."""
        index = len(self.contact_rows)
        row = ContactRow(self.grid, self._next_grid_row, self.errors, index, draft)
        self._next_grid_row += 2
        row.remove.clicked.connect(lambda _=False, r=row: self.remove_contact(r))
        self.contact_rows.append(row)
        return row

    def remove_contact(self, row: ContactRow) -> None:
        """Drop a contact line (deleted from the database on save)."""
        drafts = [r.draft() for r in self.contact_rows if r is not row]
        self._rebuild_contacts(drafts)

    def _rebuild_contacts(self, drafts: list[rooms_service.ContactDraft]) -> None:
        for r in self.contact_rows:
            r.dispose()
        for key in [k for k in self.errors.labels if k.startswith("contacts.") and k.endswith(".value")]:
            del self.errors.labels[key]
        self.contact_rows = []
        for d in drafts:
            self.add_contact(d)

    # data
    def fill(self, draft: rooms_service.PersonDraft) -> None:
        """Put the stored person into the fields (and remember the version)."""
        self.stored = draft
        self.name.setText(draft.name)
        self.owner_type.setCurrentIndex(max(0, self.owner_type.findData(draft.owner_type)))
        self.channel.setCurrentIndex(max(0, self.channel.findData(draft.preferred_channel)))
        self.id_number.setText(draft.id_number)
        self.note.setText(draft.note)
        self._rebuild_contacts(list(draft.contacts))
        self._set_title()

    def draft(self) -> rooms_service.PersonDraft:
        """The person as typed (contacts with an empty number are left out)."""
        contacts = tuple(r.draft() for r in self.contact_rows
                         if r.value.text().strip() or r.contact_id is not None)
        return rooms_service.PersonDraft(
            name=self.name.text(), owner_type=self.owner_type.currentData(),
            preferred_channel=self.channel.currentData(), id_number=self.id_number.text(), note=self.note.text(),
            contacts=contacts, person_id=self.stored.person_id if self.stored else None,
            version=self.stored.version if self.stored else None,
        )

    def _index_fields(self, draft: rooms_service.PersonDraft, errors: list[DomainError]) -> list[DomainError]:
        """Map ``contacts.<i>`` of the filtered draft back to the line on screen."""
        lines = [i for i, r in enumerate(self.contact_rows) if r.value.text().strip() or r.contact_id is not None]
        out = []
        for e in errors:
            field = str(e.params.get("field", ""))
            parts = field.split(".")
            if len(parts) == 3 and parts[0] == "contacts" and parts[1].isdigit() and int(parts[1]) < len(lines):
                e = ValidationError(e.code, **{**e.params, "field": f"contacts.{lines[int(parts[1])]}.value"})
            out.append(e)
        return out

    def save(self) -> None:
        """Check the fields, then save in the background."""
        self._clear_messages()
        draft = self.draft()
        problems = self._index_fields(draft, [*rooms_service.validate_person_draft(draft), *self._extra_errors()])
        if problems:
            self._show_errors(problems)
            return
        self.buttons.setEnabled(False)
        self._submit(draft)

    def _extra_errors(self) -> list[DomainError]:
        return []

    def _submit(self, draft: rooms_service.PersonDraft) -> None:
        room_id = self.room.room_id if self.room is not None and self.stored is None else None
        self._runner.submit(
            rooms_service.save_person, actor=self._user, draft=draft, room_id=room_id,
            role=self.role if room_id is not None else None,
            on_result=self._saved, on_error=lambda exc: self._failed(exc, draft),
            on_finished=lambda: self.buttons.setEnabled(True),
        )

    def _saved(self, result) -> None:
        self.saved_id = result if isinstance(result, int) else None
        self.sig_saved.emit(self.saved_id or 0)
        self.accept()

    def _failed(self, exc: BaseException, draft: rooms_service.PersonDraft) -> None:
        if isinstance(exc, ValidationError):
            exc = self._index_fields(draft, [exc])[0]
        self._show_failure(exc, self.tr(
            "Someone else changed this person after you opened it. Reload to see their changes "
            "(what you typed here will be replaced)."))

    def reload(self) -> None:
        """Load the stored person again (after a conflict)."""
        if self.stored is None or self.stored.person_id is None:
            return
        self._runner.submit(rooms_service.get_person_draft, self.stored.person_id,
                            on_result=self._reloaded, on_error=lambda exc: self._failed(exc, self.draft()))

    def _reloaded(self, draft: rooms_service.PersonDraft) -> None:
        self._clear_messages()
        self.fill(draft)


class ChangeTenantDialog(PersonEditDialog):
    """更换租户: the new tenant, from which day, whether they pay the fees; or just "the tenant moved out".

    Emits ``sig_saved(0)`` after the change (the page reloads the room).
    """

    def __init__(self, runner, user, *, room: rooms_service.RoomDetail, today: date,
                 parent: QWidget | None = None) -> None:
        self._today = today
        super().__init__(runner, user, draft=None, room=room, role=PersonRole.TENANT, parent=parent)
        self.setObjectName("changeTenantDialog")
        self.owner_type.setCurrentIndex(0)
        self.owner_type.setEnabled(False)

    def _set_title(self) -> None:
        self.setWindowTitle(self.tr("Change tenant"))

    def _extra_fields(self, layout: QVBoxLayout) -> None:
        form = QFormLayout()
        current = self.room.tenant if self.room is not None else None
        self.current_label = QLabel(
            self.tr("Current tenant: {name}, since {start}").format(
                name=current.name, start=current.start_date.isoformat() if current.start_date else "—")
            if current else self.tr("The room has no tenant now."))
        self.current_label.setObjectName("currentTenant")
        form.addRow(self.current_label)
        self.start = date_edit("startDate", self._today)
        form.addRow(self.tr("Date of the change"), with_error(self.start, self.errors.make("start_date")))
        self.pays_fees = QCheckBox(self.tr("The tenant pays the fees (agreed with the owner)"))
        self.pays_fees.setObjectName("paysFees")
        form.addRow("", self.pays_fees)
        layout.addLayout(form)
        self.moved_out = QPushButton(self.tr("Tenant moved out (no new tenant)"))
        self.moved_out.setObjectName("movedOut")
        self.moved_out.setEnabled(current is not None)
        self.moved_out.clicked.connect(self.end_tenancy)
        layout.addWidget(self.moved_out, 0, Qt.AlignmentFlag.AlignLeft)

    def _submit(self, draft: rooms_service.PersonDraft) -> None:
        assert self.room is not None
        self._runner.submit(
            rooms_service.change_tenant, actor=self._user, room_id=self.room.room_id, tenant=draft,
            start_date=self.start.date().toPython(), pays_fees=self.pays_fees.isChecked(),
            on_result=self._done, on_error=lambda exc: self._failed(exc, draft),
            on_finished=lambda: self.buttons.setEnabled(True),
        )

    def _done(self, detail: rooms_service.RoomDetail) -> None:
        self.room = detail
        self.sig_saved.emit(0)
        self.accept()

    def end_tenancy(self) -> None:
        """The current tenant left on the chosen day; the room becomes 已入住 (owner-occupied)."""
        assert self.room is not None
        self._clear_messages()
        self._runner.submit(
            rooms_service.end_tenancy, actor=self._user, room_id=self.room.room_id,
            end_date=self.start.date().toPython(), occupancy=Occupancy.OCCUPIED,
            on_result=self._done, on_error=lambda exc: self._failed(exc, self.draft()),
        )
