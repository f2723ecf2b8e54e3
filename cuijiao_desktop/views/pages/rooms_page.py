"""业主与房屋: the paged, sortable, filterable room list, with room, person and tenant edits.

Filtering, sorting and paging happen in the database (``services.rooms.list_rooms``);
the table holds one page of 100 rows. Double-click or Enter opens the room's ledger.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QWidget,
)

from cuijiao_desktop.domain.enums import Occupancy, OwnerType, PersonRole
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services import rooms as rooms_service
from cuijiao_desktop.views.dialogs.person_edit_dialog import ChangeTenantDialog, PersonEditDialog
from cuijiao_desktop.views.dialogs.room_edit_dialog import RoomEditDialog
from cuijiao_desktop.views.icons import icon
from cuijiao_desktop.views.labels import OCCUPANCY_LABELS, OWNER_TYPE_LABELS, PERSON_ROLE_LABELS, label
from cuijiao_desktop.views.models.rooms_model import RoomsTableModel
from cuijiao_desktop.views.pages.base import Page
from cuijiao_desktop.views.widgets.filters import debounced, search_edit

PAGE_SIZE = rooms_service.PAGE_SIZE
TEXT_DEBOUNCE_MS = 250


class RoomsPage(Page):
    """Owners and rooms. Emits ``sig_open_room(room_id)`` on double-click or Enter."""

    sig_open_room = Signal(int)
    sig_loaded = Signal(object)  # RoomPage

    def __init__(self, runner, user, *, today: Callable[[], date] = date.today, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Owners and rooms"), "owners", parent)
        self._runner = runner
        self._user = user
        self._today = today
        self._seq = 0
        self.options: rooms_service.FilterOptions | None = None
        self.sort_key = "code"
        self.descending = False
        self.offset = 0
        self.page: rooms_service.RoomPage | None = None
        self._ready = False
        self._build_filters()
        self._build_table()
        self._build_footer()
        self._ready = True

    # construction
    def _combo(self, name: str, width: int = 120) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(3)
        combo.setMinimumWidth(60)
        combo.setMaximumWidth(width + 60)
        combo.setMaxVisibleItems(20)
        return combo

    def _build_filters(self) -> None:
        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.estate_combo = self._combo("estateFilter", 140)
        self.building_combo = self._combo("buildingFilter", 100)
        self.unit_combo = self._combo("unitFilter", 90)
        self.occupancy_combo = self._combo("occupancyFilter", 110)
        self.occupancy_combo.addItem(self.tr("Any occupancy"), None)
        for occ in Occupancy:
            self.occupancy_combo.addItem(label(OCCUPANCY_LABELS, occ), occ)
        self.owner_type_combo = self._combo("ownerTypeFilter", 110)
        self.owner_type_combo.addItem(self.tr("Any owner type"), None)
        for ot in OwnerType:
            self.owner_type_combo.addItem(label(OWNER_TYPE_LABELS, ot), ot)
        self.arrears_combo = self._combo("arrearsFilter", 110)
        self.arrears_combo.addItem(self.tr("With or without arrears"), None)
        self.arrears_combo.addItem(self.tr("In arrears"), True)
        self.arrears_combo.addItem(self.tr("No arrears"), False)
        self.text_edit = search_edit("roomsText", self.tr("Room, name, initials or phone"), min_width=90)
        self._fill_estates()
        for combo in (self.estate_combo, self.building_combo, self.unit_combo):
            bar.addWidget(combo, 2)
        for combo in (self.occupancy_combo, self.owner_type_combo, self.arrears_combo):
            bar.addWidget(combo, 2)
            combo.currentIndexChanged.connect(self._filters_changed)
        bar.addWidget(self.text_edit, 3)
        self.estate_combo.currentIndexChanged.connect(self._estate_changed)
        self.building_combo.currentIndexChanged.connect(self._building_changed)
        self.unit_combo.currentIndexChanged.connect(self._filters_changed)
        self.text_timer = debounced(self, TEXT_DEBOUNCE_MS, self._filters_changed, self.text_edit.textChanged)
        self.text_edit.returnPressed.connect(self._filters_changed)
        self.body.addLayout(bar)

    def _build_table(self) -> None:
        self.model = RoomsTableModel(self)
        self.model.sig_sort_requested.connect(self.sort_by)
        self.table = QTableView()
        self.table.setObjectName("roomsTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(RoomsTableModel.Column.ROOM, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(RoomsTableModel.Column.TENANT, QHeaderView.ResizeMode.Stretch)
        widths = {RoomsTableModel.Column.ESTATE: 110, RoomsTableModel.Column.ROOM: 130,
                  RoomsTableModel.Column.AREA: 80, RoomsTableModel.Column.USAGE: 70,
                  RoomsTableModel.Column.OCCUPANCY: 90, RoomsTableModel.Column.OWNER: 90,
                  RoomsTableModel.Column.OWNER_TYPE: 80, RoomsTableModel.Column.PHONE: 90,
                  RoomsTableModel.Column.TENANT: 90, RoomsTableModel.Column.ARREARS: 110}
        for col, width in widths.items():
            header.resizeSection(col, width)
        self.table.doubleClicked.connect(self._open_index)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.table.installEventFilter(self)
        self.body.addWidget(self.table, 1)

    def _build_footer(self) -> None:
        actions = QHBoxLayout()
        row = QHBoxLayout()
        self.new_button = QPushButton(icon("owners"), self.tr("New room…"))
        self.new_button.setObjectName("newRoom")
        self.edit_button = QPushButton(self.tr("Edit room…"))
        self.edit_button.setObjectName("editRoom")
        self.person_button = QPushButton(self.tr("Owner / tenant…"))
        self.person_button.setObjectName("editPerson")
        self.tenant_button = QPushButton(self.tr("Change tenant…"))
        self.tenant_button.setObjectName("changeTenant")
        self.new_button.clicked.connect(self.new_room)
        self.edit_button.clicked.connect(self.edit_room)
        self.person_button.clicked.connect(self.edit_person)
        self.tenant_button.clicked.connect(self.change_tenant)
        for b in (self.new_button, self.edit_button, self.person_button, self.tenant_button):
            actions.addWidget(b)
        actions.addStretch(1)
        self.body.insertLayout(1, actions)
        self.status_label = QLabel()
        self.status_label.setObjectName("roomsStatus")
        self.status_label.setStyleSheet("color: #5F6B7A;")
        row.addWidget(self.status_label)
        row.addStretch(1)
        self.first_button = QPushButton("«")
        self.prev_button = QPushButton("‹")
        self.next_button = QPushButton("›")
        self.last_button = QPushButton("»")
        tips = (self.tr("First page"), self.tr("Previous page"), self.tr("Next page"), self.tr("Last page"))
        for b, name, tip in zip((self.first_button, self.prev_button, self.next_button, self.last_button),
                                ("firstPage", "prevPage", "nextPage", "lastPage"), tips, strict=True):
            b.setObjectName(name)
            b.setToolTip(tip)
            b.setFixedWidth(34)
        self.page_label = QLabel()
        self.page_label.setObjectName("pageLabel")
        self.first_button.clicked.connect(lambda: self.go_to_offset(0))
        self.prev_button.clicked.connect(lambda: self.go_to_offset(self.offset - PAGE_SIZE))
        self.next_button.clicked.connect(lambda: self.go_to_offset(self.offset + PAGE_SIZE))
        self.last_button.clicked.connect(self.go_to_last)
        row.addWidget(self.first_button)
        row.addWidget(self.prev_button)
        row.addWidget(self.page_label)
        row.addWidget(self.next_button)
        row.addWidget(self.last_button)
        self.body.addLayout(row)
        self.error_label = QLabel()
        self.error_label.setObjectName("roomsError")
        self.error_label.setStyleSheet("color: #B3261E;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.body.addWidget(self.error_label)
        can_edit = self._user.can(Permission.EDIT_ROOMS)
        for b in (self.new_button, self.edit_button, self.person_button, self.tenant_button):
            b.setVisible(can_edit)
        self._update_buttons()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """Enter on the table opens the room under the cursor."""
        if obj is self.table and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._open_index(self.table.currentIndex())
            return True
        return super().eventFilter(obj, event)

    # filter combos
    def _fill_estates(self) -> None:
        self.estate_combo.blockSignals(True)
        current = self.estate_combo.currentData()
        self.estate_combo.clear()
        self.estate_combo.addItem(self.tr("All estates"), None)
        for e in self.options.estates if self.options else ():
            self.estate_combo.addItem(e.name, e.id)
        index = self.estate_combo.findData(current)
        self.estate_combo.setCurrentIndex(max(index, 0))
        self.estate_combo.blockSignals(False)
        self._fill_buildings()

    def _fill_buildings(self) -> None:
        self.building_combo.blockSignals(True)
        current = self.building_combo.currentData()
        self.building_combo.clear()
        self.building_combo.addItem(self.tr("All buildings"), None)
        estate_id = self.estate_combo.currentData()
        if self.options and estate_id is not None:
            for b in self.options.buildings:
                if b.parent_id == estate_id:
                    self.building_combo.addItem(b.name, b.id)
        index = self.building_combo.findData(current)
        self.building_combo.setCurrentIndex(max(index, 0))
        self.building_combo.setEnabled(estate_id is not None)
        self.building_combo.blockSignals(False)
        self._fill_units()

    def _fill_units(self) -> None:
        self.unit_combo.blockSignals(True)
        current = self.unit_combo.currentData()
        self.unit_combo.clear()
        self.unit_combo.addItem(self.tr("All units"), None)
        building_id = self.building_combo.currentData()
        if self.options and building_id is not None:
            for u in self.options.units:
                if u.parent_id == building_id:
                    self.unit_combo.addItem(u.name, u.id)
        index = self.unit_combo.findData(current)
        self.unit_combo.setCurrentIndex(max(index, 0))
        self.unit_combo.setEnabled(building_id is not None and self.unit_combo.count() > 1)
        self.unit_combo.blockSignals(False)

    def _estate_changed(self) -> None:
        self._fill_buildings()
        self._filters_changed()

    def _building_changed(self) -> None:
        self._fill_units()
        self._filters_changed()

    def filters(self) -> rooms_service.RoomFilter:
        """The filter the bar describes now."""
        return rooms_service.RoomFilter(
            estate_id=self.estate_combo.currentData(), building_id=self.building_combo.currentData(),
            unit_id=self.unit_combo.currentData(), occupancy=self.occupancy_combo.currentData(),
            owner_type=self.owner_type_combo.currentData(), has_arrears=self.arrears_combo.currentData(),
            text=self.text_edit.text().strip(),
        )

    def _filters_changed(self) -> None:
        self.text_timer.stop()
        self.offset = 0
        self.load()

    # loading
    def refresh(self) -> None:
        """Reload the filter choices and the current page (F5)."""
        super().refresh()
        self._runner.submit(rooms_service.room_filter_options, on_result=self._set_options,
                            on_error=self._show_error)
        self.load(select_room_id=self.selected_room_id())  # the same room stays selected (F5, after F9)

    def _set_options(self, options: rooms_service.FilterOptions) -> None:
        self.options = options
        self._fill_estates()

    def load(self, select_room_id: int | None = None) -> None:
        """Fetch the page at ``self.offset`` with the current filters and sort order."""
        self._seq += 1
        seq = self._seq
        self.status_label.setText(self.tr("Loading…"))
        self._runner.submit(
            rooms_service.list_rooms, filters=self.filters(), sort=self.sort_key, descending=self.descending,
            offset=self.offset, limit=PAGE_SIZE, today=self._today(),
            on_result=lambda page, seq=seq: self._show(seq, page, select_room_id),
            on_error=lambda exc, seq=seq: self._show_error(exc) if seq == self._seq else None,
        )

    def _show(self, seq: int, page: rooms_service.RoomPage, select_room_id: int | None) -> None:
        if seq != self._seq:
            return  # an older request
        self.page = page
        self.offset = page.offset
        self.error_label.hide()
        self.model.set_rows(page.rows)
        pages = max(1, -(-page.total // PAGE_SIZE))
        current = page.offset // PAGE_SIZE + 1
        self.page_label.setText(self.tr("Page {page}/{pages}, {total} rooms").format(
            page=current, pages=pages, total=f"{page.total:,}"))
        self.status_label.setText("")
        self.first_button.setEnabled(current > 1)
        self.prev_button.setEnabled(current > 1)
        self.next_button.setEnabled(current < pages)
        self.last_button.setEnabled(current < pages)
        row = 0
        if select_room_id is not None:
            row = next((i for i, r in enumerate(page.rows) if r.room_id == select_room_id), 0)
        if page.rows:
            self.table.selectRow(row)
        self._update_buttons()
        self.sig_loaded.emit(page)

    def _show_error(self, exc: BaseException) -> None:
        self.status_label.setText("")
        self.error_label.setText(self.tr("The rooms could not be loaded: {error}").format(error=error_message(exc)))
        self.error_label.show()

    def sort_by(self, key: str, descending: bool) -> None:
        """Reload sorted by the service key ``key`` (a header click lands here)."""
        self.sort_key, self.descending = key, descending
        self.offset = 0
        if self._ready and self._loaded:
            self.load()

    def go_to_offset(self, offset: int) -> None:
        """Show the page starting at ``offset`` (clamped)."""
        total = self.page.total if self.page else 0
        last = max(0, (total - 1) // PAGE_SIZE * PAGE_SIZE)
        self.offset = max(0, min(offset, last))
        self.load()

    def go_to_last(self) -> None:
        """Show the last page."""
        self.go_to_offset(self.page.total if self.page else 0)

    # selection and actions
    def selected_row(self):
        """The RoomRow under the cursor, or None."""
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        has = self.selected_row() is not None
        for b in (self.edit_button, self.person_button, self.tenant_button):
            b.setEnabled(has)

    def _open_index(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is not None:
            self.sig_open_room.emit(row.room_id)

    def selected_room_id(self) -> int | None:
        """The selected room (收款 F9 takes it)."""
        row = self.selected_row()
        return row.room_id if row is not None else None

    def _after_save(self, room_id: int | None = None) -> None:
        self.load(select_room_id=room_id)

    def new_room(self) -> None:
        """Open the room dialog for a new room (with its first owner)."""
        dialog = RoomEditDialog(self._runner, self._user, estates=self.options.estates if self.options else (),
                                default_estate_id=self.estate_combo.currentData(), parent=self)
        dialog.sig_saved.connect(lambda detail: self._after_save(detail.room_id))
        dialog.open()
        self.active_dialog = dialog

    def edit_room(self) -> None:
        """Open the room dialog for the selected room (loaded fresh, with its version)."""
        row = self.selected_row()
        if row is None:
            return
        self._runner.submit(rooms_service.get_room_detail, row.room_id, on_result=self._open_room_dialog,
                            on_error=self._show_error)

    def _open_room_dialog(self, detail: rooms_service.RoomDetail) -> None:
        dialog = RoomEditDialog(self._runner, self._user, estates=self.options.estates if self.options else (),
                                detail=detail, parent=self)
        dialog.sig_saved.connect(lambda d: self._after_save(d.room_id))
        dialog.open()
        self.active_dialog = dialog

    def edit_person(self) -> None:
        """Edit the owner (or, when chosen, the tenant) of the selected room and their contacts."""
        row = self.selected_row()
        if row is None:
            return
        self._runner.submit(rooms_service.get_room_detail, row.room_id, on_result=self._choose_person,
                            on_error=self._show_error)

    def _choose_person(self, detail: rooms_service.RoomDetail) -> None:
        people = [*detail.owners, *([detail.tenant] if detail.tenant else [])]
        if not people:
            self._open_person_dialog(None, detail)
            return
        if len(people) == 1:
            self._load_person(people[0].person_id, detail)
            return
        menu = QMenu(self)
        menu.setObjectName("choosePerson")
        for link in people:
            action = menu.addAction(f"{label(PERSON_ROLE_LABELS, link.role)}：{link.name}")
            action.triggered.connect(lambda _=False, pid=link.person_id: self._load_person(pid, detail))
        self.person_menu = menu
        menu.popup(self.person_button.mapToGlobal(self.person_button.rect().topLeft()))

    def _load_person(self, person_id: int, detail: rooms_service.RoomDetail) -> None:
        self._runner.submit(rooms_service.get_person_draft, person_id,
                            on_result=lambda draft: self._open_person_dialog(draft, detail),
                            on_error=self._show_error)

    def _open_person_dialog(self, draft, detail: rooms_service.RoomDetail) -> None:
        dialog = PersonEditDialog(self._runner, self._user, draft=draft, room=detail,
                                  role=None if draft else PersonRole.OWNER, parent=self)
        dialog.sig_saved.connect(lambda _pid: self._after_save(detail.room_id))
        dialog.open()
        self.active_dialog = dialog

    def change_tenant(self) -> None:
        """Record a new tenant for the selected room (the old tenancy is ended, kept in history)."""
        row = self.selected_row()
        if row is None:
            return
        self._runner.submit(rooms_service.get_room_detail, row.room_id, on_result=self._open_tenant_dialog,
                            on_error=self._show_error)

    def _open_tenant_dialog(self, detail: rooms_service.RoomDetail) -> None:
        dialog = ChangeTenantDialog(self._runner, self._user, room=detail, today=self._today(), parent=self)
        dialog.sig_saved.connect(lambda _d: self._after_save(detail.room_id))
        dialog.open()
        self.active_dialog = dialog
