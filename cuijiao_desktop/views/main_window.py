"""The main window: left navigation, a stack of pages, menus, toolbar and status bar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QActionGroup, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QToolBar,
    QWidget,
)

from cuijiao_desktop.messages import error_message
from cuijiao_desktop.settings import Keys, UiSettings
from cuijiao_desktop.views.actions import NAV_IDS, SPECS, ActionId, ActionRegistry, action_text
from cuijiao_desktop.views.collection.rules_section import ContactRulesSection
from cuijiao_desktop.views.dialogs import file_dialogs
from cuijiao_desktop.views.dialogs.about_dialog import show_about
from cuijiao_desktop.views.dialogs.account_dialogs import ChangePasswordDialog
from cuijiao_desktop.views.forms.ui_main_central import Ui_MainCentral
from cuijiao_desktop.views.icons import icon
from cuijiao_desktop.views.labels import role_label
from cuijiao_desktop.views.lock_screen import ScreenLock
from cuijiao_desktop.views.pages.arrears_page import ArrearsPage
from cuijiao_desktop.views.pages.base import Page
from cuijiao_desktop.views.pages.board_privacy_section import BoardPrivacySection
from cuijiao_desktop.views.pages.cases_tab import CasesTab
from cuijiao_desktop.views.pages.collection_page import CollectionPage
from cuijiao_desktop.views.pages.fee_items_section import FeeItemsSection
from cuijiao_desktop.views.pages.ladder_settings import LadderSection
from cuijiao_desktop.views.pages.notices import NoticesPage
from cuijiao_desktop.views.pages.placeholder import PlaceholderPage
from cuijiao_desktop.views.pages.reports import ReportsPage
from cuijiao_desktop.views.pages.room_ledger_page import RoomLedgerPage
from cuijiao_desktop.views.pages.rooms_page import RoomsPage
from cuijiao_desktop.views.pages.service_issues_tab import ServiceIssuesTab
from cuijiao_desktop.views.pages.settings_page import SettingsPage
from cuijiao_desktop.views.pages.workbench import WorkbenchPage
from cuijiao_desktop.views.security_ui import add_settings_sections
from cuijiao_desktop.views.visits.page import VisitsPage
from cuijiao_desktop.views.visits.slots_section import VisitSlotsSection
from cuijiao_desktop.views.widgets.search_popup import SearchController


class MainWindow(QMainWindow):
    """The application shell for one signed-in user.

    ``db_url`` is only handed to the backup service; ``db_description`` is what the
    status bar shows (no password).
    """

    sig_logout_requested = Signal()
    sig_language_changed = Signal(str)
    sig_reconnect_requested = Signal()  # 设置 → 数据库 saved another database: open it and sign in again

    def __init__(
        self,
        runner,
        user,
        settings: UiSettings,
        *,
        db_url: str,
        db_description: str,
        today: Callable[[], date] = date.today,
        now: Callable[[], datetime] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self.user = user
        self._settings = settings
        self._db_url = db_url
        self._db_description = db_description
        self.logging_out = False
        self.call_dialog = None  # the open call form (F6), if any
        self.setWindowTitle(self.tr("Property fee collection"))
        self.setWindowIcon(icon("app"))
        self.setObjectName("MainWindow")

        central = QWidget(self)
        self.ui = Ui_MainCentral()
        self.ui.setupUi(central)
        self.setCentralWidget(central)
        self.ui.navList.setStyleSheet(
            "QListWidget { background: #F1F4F7; border-right: 1px solid #D9E0E7; padding-top: 8px; outline: 0; }"
            "QListWidget::item { padding: 9px 10px; border-radius: 6px; margin: 1px 6px; color: #2A3744; }"
            "QListWidget::item:selected { background: #DCE8F5; color: #0F4C81; }"
        )

        self.actions = ActionRegistry(self, settings=settings, can=user.can)
        self._today = today
        # the business day is ``today()`` (fixed in tests and screenshots), the time of day is the clock's
        self._now = now or (lambda: datetime.combine(self._today(), datetime.now().time()).astimezone())
        self._build_pages(today)
        self._build_menus_and_toolbar()
        self._build_status_bar()
        self._wire_actions()
        self.screen_lock = ScreenLock(self, runner, user, lambda: settings.get(Keys.IDLE_LOCK_MINUTES))
        self.screen_lock.sig_switch_user.connect(self.log_out)

        self.ui.navList.currentRowChanged.connect(self._on_nav_changed)
        self.resize(1180, 760)
        geometry = settings.get(Keys.MAIN_GEOMETRY)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = settings.get(Keys.MAIN_STATE)
        if not state.isEmpty():
            self.restoreState(state)
        self.ui.navList.setCurrentRow(0)

    # construction
    def _build_pages(self, today: Callable[[], date]) -> None:
        descriptions = {
            ActionId.NAV_OWNERS: self.tr(
                "look up owners, tenants and rooms by room number, name or phone, and keep their contacts up to date."
            ),
            ActionId.NAV_CONTACTS: self.tr(
                "log every call, message and notice with its outcome, and chase promised payments on the day."
            ),
            ActionId.NAV_VISITS: self.tr(
                "plan home visits by two members of staff and record what was agreed and what comes next."
            ),
        }
        self.pages: dict[ActionId, Page] = {}
        for action_id in NAV_IDS:
            spec = SPECS[action_id]
            if action_id is ActionId.NAV_WORKBENCH:
                page: Page = WorkbenchPage(self._runner, self.user, today=today)
                page.sig_handle.connect(self.handle_work_item)
                page.sig_open_room.connect(self.open_room)
                page.sig_plan_visit.connect(self.plan_visit)
                page.sig_show_reports.connect(lambda: self.show_page(NAV_IDS.index(ActionId.NAV_REPORTS)))
            elif action_id is ActionId.NAV_CONTACTS:
                page = CollectionPage(self._runner, self.user, today=today, settings=self._settings)
                page.sig_open_room.connect(self.open_room)
                page.sig_log_contact.connect(self.log_contact)
                self.cases_tab = CasesTab(self._runner, self.user, today=today)
                self.issues_tab = ServiceIssuesTab(self._runner, self.user, today=today)
                for tab, title in ((self.cases_tab, self.tr("Cases")), (self.issues_tab, self.tr("Service issues"))):
                    tab.sig_open_room.connect(self.open_room)
                    page.add_tab(tab, title)
                self.cases_tab.sig_changed.connect(self.pages_stale)
                self.cases_tab.sig_plan_visit.connect(self.plan_visit)
            elif action_id is ActionId.NAV_OWNERS:
                page = RoomsPage(self._runner, self.user, today=today)
                page.sig_open_room.connect(self.open_room)
            elif action_id is ActionId.NAV_ARREARS:
                page = ArrearsPage(self._runner, user=self.user, today=today, settings=self._settings)
                page.sig_open_room.connect(self.open_room)
                page.sig_print_notices.connect(self.print_notices_for)
                page.sig_open_case.connect(self.open_case)
                page.sig_plan_visit.connect(self.plan_visit)
            elif action_id is ActionId.NAV_VISITS:
                page = VisitsPage(self._runner, self.user, today=today, settings=self._settings, now=self._now)
                page.sig_open_room.connect(self.open_room)
                page.sig_changed.connect(self.pages_stale)
                self.visits_page = page
            elif action_id is ActionId.NAV_SETTINGS:
                page = SettingsPage(self._runner, self.user, db_description=self._db_description)
                self.security_sections = add_settings_sections(page, self._runner, self.user, self._settings)
                self._add_database_section(page)
                page.add_section(FeeItemsSection(self._runner, self.user), self.tr("Fee items"))
                page.add_section(BoardPrivacySection(self._runner, self.user), self.tr("Public boards"))
                page.add_section(ContactRulesSection(self._runner, self.user), self.tr("Contact rules"))
                page.add_section(VisitSlotsSection(self._runner, self.user), self.tr("Visiting hours"))
                page.add_section(LadderSection(self._runner, self.user), self.tr("Collection ladder"))
            elif action_id is ActionId.NAV_NOTICES:
                page = NoticesPage(self._runner, self.user, today=today, settings=self._settings)
            elif action_id is ActionId.NAV_REPORTS:
                page = ReportsPage(self._runner, self.user, today=today, settings=self._settings)
                page.sig_open_room.connect(self.open_room)
            else:
                page = PlaceholderPage(action_text(action_id), spec.icon or "", descriptions[action_id])
            page.setObjectName(f"page_{action_id.value.split('.')[-1]}")
            self.pages[action_id] = page
            self.ui.pageStack.addWidget(page)
            item = QListWidgetItem(icon(spec.icon or ""), action_text(action_id))
            item.setData(Qt.ItemDataRole.UserRole, action_id.value)
            item.setSizeHint(QSize(150, 40))
            self.ui.navList.addItem(item)
        # Fit the longest label in the current language (English labels are longer than Chinese).
        metrics = self.ui.navList.fontMetrics()
        widest = max(metrics.horizontalAdvance(self.ui.navList.item(i).text()) for i in range(self.ui.navList.count()))
        self.ui.navList.setFixedWidth(max(168, widest + 22 + 64))
        # The room ledger: in the stack, not in the navigation list (opened by open_room).
        self.room_ledger_page = RoomLedgerPage(self._runner, self.user, today=today, settings=self._settings)
        self.room_ledger_page.setObjectName("page_room_ledger")
        self.room_ledger_page.sig_back.connect(self.go_back)
        self.room_ledger_page.sig_payment_saved.connect(self._after_payment)
        self.room_ledger_page.sig_open_case.connect(self.open_case)
        self.ui.pageStack.addWidget(self.room_ledger_page)
        self._back_row = 0

    def _add_database_section(self, page: SettingsPage) -> None:
        from cuijiao_desktop.views.pages.database_settings import DatabaseSection

        section = DatabaseSection(self._runner, self.user, self._settings, db_url=self._db_url,
                                  db_description=self._db_description)
        section.sig_reconnect_requested.connect(self._reconnect)
        section.sig_restored.connect(self.log_out)
        section.sig_backup_done.connect(self.refresh_last_backup)
        page.add_section(section, self.tr("Database"))
        self.database_section = section

    def _reconnect(self) -> None:
        self.logging_out = True
        self.sig_reconnect_requested.emit()
        self.close()

    def _build_menus_and_toolbar(self) -> None:
        self.menus = self.actions.build_menus(self.menuBar())
        toolbar = QToolBar(self.tr("Main toolbar"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(20, 20))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.actions.fill_toolbar(toolbar)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText(self.tr("Search room no. / name / phone"))
        self.search_box.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_box.setFixedWidth(260)
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setToolTip(self.tr("Room number (3-2-1502, 3栋1502, 1502), name, pinyin initials (zs) "
                                           "or the last 4 digits of a phone. Ctrl+F"))
        toolbar.addWidget(self.search_box)
        self.search = SearchController(self.search_box, self._runner, today=self._today, parent=self)
        self.search.sig_open_room.connect(self.open_room)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.toolbar = toolbar

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.db_label = QLabel(self.tr("Database: {db}").format(db=self._db_description))
        self.db_label.setObjectName("dbLabel")
        self.db_label.setToolTip(self._db_description)
        self.user_label = QLabel(
            self.tr("User: {name} ({role})").format(name=self.user.display_name, role=role_label(self.user.role))
        )
        self.user_label.setObjectName("userLabel")
        self.backup_label = QLabel(self.tr("Last backup: …"))
        self.backup_label.setObjectName("backupLabel")
        for label in (self.backup_label, self.db_label, self.user_label):
            label.setStyleSheet("padding: 0 10px; border-left: 1px solid #C9D1DA;")
            bar.addPermanentWidget(label)
        self.refresh_last_backup()

    def refresh_last_backup(self) -> None:
        """最近备份 in the status bar (any desk's newest backup of this database)."""
        from cuijiao_desktop.services.backups import last_backup

        self._runner.submit(last_backup, on_result=self.show_last_backup, on_error=lambda _exc: None)

    def show_last_backup(self, last) -> None:
        """Show the newest backup: orange when older than two days, red when there was none."""
        from cuijiao_desktop.messages import format_local_datetime
        from cuijiao_desktop.services.backups import backup_age_days

        age = backup_age_days(last)
        if last is None:
            text, colour = self.tr("Last backup: never"), "#B3261E"
        else:
            text = self.tr("Last backup: {when}").format(when=format_local_datetime(last.taken_at))
            colour = "#8A5300" if age is not None and age >= 2 else "#2A3744"
            self.backup_label.setToolTip(self.tr("{host}: {path}").format(host=last.host, path=last.path))
        self.backup_label.setText(text)
        self.backup_label.setStyleSheet(f"padding: 0 10px; border-left: 1px solid #C9D1DA; color: {colour};")

    def _wire_actions(self) -> None:
        for index, action_id in enumerate(NAV_IDS):
            self.actions.connect(action_id, lambda i=index: self.show_page(i))
        self.actions.connect(ActionId.QUIT, self.close)
        self.actions.connect(ActionId.LOGOUT, self.log_out)
        self.actions.connect(ActionId.CHANGE_PASSWORD, self.change_password)
        self.actions.connect(ActionId.LOCK_SCREEN, lambda: self.screen_lock.lock())
        self.actions.connect(ActionId.ABOUT, lambda: show_about(self))
        self.actions.connect(ActionId.REFRESH, self.refresh_current)
        self.actions.connect(ActionId.SEARCH, self.focus_search)
        self.actions.connect(ActionId.BACKUP, self.back_up)
        self.actions.connect(ActionId.IMPORT, self.import_data)
        self.actions.connect(ActionId.TAKE_PAYMENT, self.take_payment)
        self.actions.connect(ActionId.LOG_CONTACT, self.log_contact)
        self.actions.connect(ActionId.OPEN_CASE, self.open_case_of_selection)
        self.actions.connect(ActionId.GENERATE_BILLS, self.generate_bills)
        self.actions.connect(ActionId.ASSESS_LATE_FEES, lambda: self.assess_late_fees(daily=False))
        group = QActionGroup(self)
        group.setExclusive(True)
        current = self._settings.language
        for action_id, lang in ((ActionId.LANG_ZH, "zh_CN"), (ActionId.LANG_EN, "en")):
            action = self.actions[action_id]
            group.addAction(action)
            action.setChecked(lang == current)
            self.actions.connect(action_id, lambda lang=lang: self.choose_language(lang))

    # behaviour
    def current_page(self) -> Page:
        """The page on screen."""
        return self.ui.pageStack.currentWidget()

    def show_page(self, index: int) -> None:
        """Switch to page ``index`` (0 = workbench … 7 = settings)."""
        self.ui.navList.setCurrentRow(index)

    def _on_nav_changed(self, row: int) -> None:
        if row < 0:
            return
        self.ui.pageStack.setCurrentIndex(row)
        page = self.ui.pageStack.widget(row)
        if isinstance(page, Page):
            page.activate()

    def open_room(self, room_id: int) -> None:
        """Show the ledger of ``room_id``; 返回 / Alt+Left goes back to the page it was opened from."""
        row = self.ui.navList.currentRow()
        if row >= 0:
            self._back_row = row
        self.ui.navList.setCurrentRow(-1)  # nothing selected in the navigation
        self.ui.pageStack.setCurrentWidget(self.room_ledger_page)
        self.room_ledger_page.load(room_id)
        self.room_ledger_page.setFocus()

    def print_notices_for(self, room_ids: list, description: str = "") -> None:
        """Rooms chosen in the arrears table: 通知与公示 lists the notices for them."""
        page = self.pages[ActionId.NAV_NOTICES]
        self.ui.navList.setCurrentRow(NAV_IDS.index(ActionId.NAV_NOTICES))
        page.carry_rooms(room_ids, description)

    def take_payment(self) -> None:
        """收款 (F9): the payment dialog of the room on screen, else of the search hit highlighted
        under the search box, else of the room selected on the page (arrears, rooms …)."""
        page = self.current_page()
        if page is self.room_ledger_page and self.room_ledger_page.room_id is not None:
            self.room_ledger_page.take_payment()
            return
        room_id = self.search.selected_room_id()
        if room_id is not None:
            self.search.hide_popup()
        elif isinstance(page, Page):
            room_id = page.selected_room_id()
        if room_id is None:
            self.statusBar().showMessage(
                self.tr("Select a room in the list, or search for it with Ctrl+F, then press F9."), 6000)
            return
        dialog = self.room_ledger_page.open_payment_dialog(room_id, parent=self)
        if dialog is not None:  # after the payment the page on screen shows it (the others reload when shown)
            dialog.sig_saved.connect(lambda _receipt: self.current_page().refresh())

    def contact_room_id(self) -> int | None:
        """The room F6 is for: the search popup's choice, else the room on screen or under the cursor."""
        found = self.search.selected_room_id()
        if found is not None:
            return found
        page = self.current_page()
        if page is self.room_ledger_page:
            return self.room_ledger_page.room_id
        getter = getattr(page, "current_room_id", None)  # today's work, the 催缴记录 tabs
        if callable(getter):
            return getter()
        selected = getattr(page, "selected_row", None)  # the arrears and rooms tables
        row = selected() if callable(selected) else None
        return getattr(row, "room_id", None)

    def log_contact(self, room_id: int | None = None) -> None:
        """记录联系 (F6): the call form for the room on screen, under the cursor or found in the search."""
        if not self.actions.is_allowed(ActionId.LOG_CONTACT):
            return
        room_id = room_id if room_id is not None else self.contact_room_id()
        if room_id is None:
            self.statusBar().showMessage(self.tr("Choose a room first: search for it with Ctrl+F, or select it "
                                                 "in a list."), 6000)
            return
        self.search.hide_popup()
        from cuijiao_desktop.views.collection.call_dialog import CallDialog  # loaded on demand

        if self.call_dialog is not None:
            self.call_dialog.close()
        dialog = CallDialog(self._runner, self.user, room_id, now=self._now, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_saved.connect(self._contact_logged)
        before = QApplication.focusWidget()
        dialog.finished.connect(lambda _result, d=dialog, w=before: self._call_dialog_closed(d, w))
        self.call_dialog = dialog
        dialog.open()

    def _call_dialog_closed(self, dialog, focus) -> None:
        """Back to the window and the widget that had the keyboard before F6."""
        if self.call_dialog is dialog:
            self.call_dialog = None
        self.activateWindow()
        if focus is not None and focus.window() is self and focus.isVisible():
            focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def _contact_logged(self, logged) -> None:
        self.statusBar().showMessage(self.tr("Contact saved."), 5000)
        self.pages_stale()
        if self.current_page() is self.room_ledger_page and self.room_ledger_page.room_id == logged.room_id:
            self.room_ledger_page.load(logged.room_id)
        elif isinstance(self.current_page(), Page):
            self.current_page().refresh()

    def handle_work_item(self, item) -> None:
        """An item of today's work: calls and promises in the call form, visits on the calendar, the rest in
        the room ledger."""
        from cuijiao_desktop.views.pages.workbench import CALL_KINDS

        if item.kind in CALL_KINDS and self.actions.is_allowed(ActionId.LOG_CONTACT):
            self.log_contact(item.room_id)
        elif item.kind.value == "visit" and item.ref_id is not None:  # the visit on the calendar
            self.visits_page.show_visit(item.ref_id, item.due_on)
            self.show_page(NAV_IDS.index(ActionId.NAV_VISITS))
        else:
            self.open_room(item.room_id)

    def open_case_of_selection(self) -> None:
        """案件 (F7): the case of the room on screen or selected (ledger, arrears table, cases list)."""
        page = self.current_page()
        if page is self.room_ledger_page and self.room_ledger_page.room_id is not None:
            self.open_case(self.room_ledger_page.room_id)
            return
        if isinstance(page, ArrearsPage):
            row = page.selected_row()
            if row is not None:
                self.open_case(row.room_id)
                return
        if isinstance(page, CollectionPage) and page.tabs.currentWidget() is self.cases_tab:
            self.cases_tab.open_selected()
            return
        self.statusBar().showMessage(self.tr("Select a room first (in the arrears list, or open its ledger)."), 6000)

    def open_case(self, room_id: int) -> None:
        """The case dialog of a room (its open case, or the latest closed one)."""
        from cuijiao_desktop.views.dialogs.case_dialog import CaseDialog

        today = self._today() if callable(self._today) else self._today
        dialog = CaseDialog(self._runner, self.user, today=today, room_id=room_id, parent=self)
        dialog.sig_open_room.connect(self.open_room)
        dialog.sig_changed.connect(self.pages_stale)
        dialog.sig_plan_visit.connect(self.plan_visit)
        self.case_dialog = dialog
        dialog.open()

    def plan_visit(self, room_id: int, case_id: int | None = None) -> None:
        """安排上门 (arrears list, a case, today's work): the visit form with the room filled in."""
        dialog = self.visits_page.create_visit(room_id=room_id, case_id=case_id)
        if dialog is not None:
            dialog.sig_saved.connect(lambda _v: self.statusBar().showMessage(
                self.tr("Visit planned: see Home visits."), 6000))

    def _after_payment(self, receipt) -> None:
        """A payment or reversal: the room's case may close (or reopen) now; pages reload when shown."""
        from cuijiao_desktop.services.cases import sync_cases

        today = self._today() if callable(self._today) else self._today
        self._runner.submit(sync_cases, actor=self.user, today=today, room_ids=[receipt.room_id],
                            on_result=lambda _r: self.pages_stale(), on_error=self._background_failed)
        self.pages_stale()

    def sync_cases_daily(self) -> None:
        """Once per office day: open cases that reached the threshold, close those that paid."""
        from cuijiao_desktop.services.cases import sync_cases_daily

        today = self._today() if callable(self._today) else self._today
        self._runner.submit(sync_cases_daily, actor=self.user, today=today,
                            on_result=self._daily_synced, on_error=self._background_failed)

    def _daily_synced(self, result) -> None:
        if result is not None and (result.opened or result.closed):
            self.statusBar().showMessage(self.tr("Cases updated: {opened} opened, {closed} closed.").format(
                opened=result.opened, closed=result.closed), 8000)
            self.pages_stale()

    def _background_failed(self, exc: BaseException) -> None:
        self.statusBar().showMessage(error_message(exc), 10000)

    def go_back(self) -> None:
        """Leave the room ledger for the navigation page it was opened from."""
        if self.current_page() is self.room_ledger_page:
            self.ui.navList.setCurrentRow(self._back_row)

    def pages_stale(self) -> None:
        """Money or rooms changed (a payment or reversal in the ledger): the navigation pages reload
        when next shown (the arrears list, the rooms page and the workbench stay true)."""
        for page in self.pages.values():
            page.mark_stale()

    def data_changed(self) -> None:
        """After an import: every page reloads when next shown, the one on screen at once."""
        self.pages_stale()
        self.current_page().refresh()

    def refresh_current(self) -> None:
        """Reload the page on screen."""
        self.current_page().refresh()

    def focus_search(self) -> None:
        """Ctrl+F: focus the search box and select its text."""
        self.search.focus()

    def choose_language(self, lang: str) -> None:
        """Save the UI language and ask the application to rebuild the window in it."""
        if lang == self._settings.language:
            return
        self._settings.language = lang
        self._settings.sync()
        self.sig_language_changed.emit(lang)

    def change_password(self) -> None:
        """文件 → 修改密码…: the signed-in user's own password."""
        dialog = ChangePasswordDialog(self._runner, self.user, parent=self)
        dialog.sig_changed.connect(lambda: self.statusBar().showMessage(self.tr("Your password was changed."), 8000))
        dialog.exec()
        dialog.deleteLater()

    def log_out(self) -> None:
        """End the sign-in in the database, close the window and return to the sign-in dialog."""
        from cuijiao_desktop.services import auth

        self._runner.submit(auth.logout, actor=self.user, on_error=lambda _e: None)
        self.logging_out = True
        self.sig_logout_requested.emit()
        self.close()

    def import_data(self) -> None:
        """文件 → 导入…: the import wizard (managers, finance and administrators)."""
        if not self.actions.is_allowed(ActionId.IMPORT):
            return
        from cuijiao_desktop.views.dialogs.import_wizard import ImportWizard  # loaded on demand

        today = self._today() if callable(self._today) else self._today
        wizard = ImportWizard(self._runner, self.user, today=today, settings=self._settings, parent=self)
        wizard.sig_imported.connect(lambda _result: self.data_changed())
        wizard.exec()
        wizard.deleteLater()

    def generate_bills(self) -> None:
        """收费 → 生成账单…: the billing run with its preview (finance and administrators)."""
        if not self.actions.is_allowed(ActionId.GENERATE_BILLS):
            return
        from cuijiao_desktop.views.dialogs.billing_dialog import BillingDialog  # loaded on demand

        today = self._today() if callable(self._today) else self._today
        dialog = BillingDialog(self._runner, self.user, today=today, parent=self)
        dialog.sig_billed.connect(lambda _result: self.data_changed())
        self.billing_dialog = dialog
        dialog.open()

    def assess_late_fees(self, *, daily: bool = True) -> None:
        """Work out the late fees up to the office's today in the background, room range by room range
        (one short transaction each, so other desks' payments never wait long, and this desk's own pages
        load between the steps): on the day's first start (``daily``: nothing when another desk already
        started today's run) or on request (收费 → 立即更新滞纳金)."""
        if not self.actions.is_allowed(ActionId.ASSESS_LATE_FEES) or getattr(self, "_late_fee_run", None):
            return
        from cuijiao_desktop.services import late_fees  # loaded on demand

        today = self._today() if callable(self._today) else self._today
        self._late_fee_run = (None, 0, [0, 0], "daily" if daily else "manual")
        self.statusBar().showMessage(self.tr("Updating late fees…"))
        self._runner.submit(late_fees.start_late_fee_run, actor=self.user, today=today, daily=daily,
                            on_result=self._on_late_fee_run_started, on_error=self._on_late_fees_failed)

    def _on_late_fee_run_started(self, run) -> None:
        if run is None:
            self._late_fee_run = None
            self.statusBar().showMessage(self.tr("Late fees are up to date (updated today)."), 6000)
            return
        _none, _index, totals, trigger = self._late_fee_run
        self._late_fee_run = (run, 0, totals, trigger)
        self._late_fee_step()

    def _late_fee_step(self) -> None:
        from cuijiao_desktop.services import late_fees

        run, index, totals, trigger = self._late_fee_run
        if index >= len(run.ranges):
            self._late_fee_run = None
            self.statusBar().showMessage(self.tr("Late fees updated to {date}: {count} overdue bills.").format(
                date=run.as_of.isoformat(), count=f"{totals[0]:,}"), 10000)
            if totals[1]:
                self.data_changed()
            return
        self.statusBar().showMessage(self.tr("Updating late fees… ({step}/{steps})").format(
            step=index + 1, steps=len(run.ranges)))
        self._runner.submit(late_fees.assess_late_fees, actor=self.user, as_of=run.as_of, rooms=run.ranges[index],
                            since=run.since, trigger=trigger, on_result=self._on_late_fee_step_done,
                            on_error=self._on_late_fees_failed)

    def _on_late_fee_step_done(self, result) -> None:
        run, index, totals, trigger = self._late_fee_run
        totals[0] += result.bills
        totals[1] += result.changed
        self._late_fee_run = (run, index + 1, totals, trigger)
        self._late_fee_step()

    def _on_late_fees_failed(self, exc: BaseException) -> None:
        self._late_fee_run = None
        self.statusBar().showMessage(
            self.tr("Late fees could not be updated: {reason}").format(reason=error_message(exc)), 15000)

    def back_up(self) -> None:
        """Save a copy of the database to a file chosen by the user."""
        if not self.actions.is_allowed(ActionId.BACKUP):
            return
        is_sqlite = self._db_url.startswith("sqlite")
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        name = f"cuijiao-backup-{stamp}.sqlite3" if is_sqlite else f"cuijiao-backup-{stamp}.dump"
        filters = self.tr("SQLite database (*.sqlite3)") if is_sqlite else self.tr("All files (*)")
        path = file_dialogs.save_file(self, self.tr("Back up database"), purpose="backup", suggested_name=name,
                                      filters=filters, show_databases=True, settings=self._settings)
        if path is not None:
            self.run_backup(path)

    def run_backup(self, out_path: Path) -> None:
        """Run the backup service in the background and report the outcome."""
        from cuijiao_desktop.services import backups  # loaded on demand

        self._settings.set_last_folder("backup", str(out_path.parent))
        self.statusBar().showMessage(self.tr("Backing up…"))

        def done(record) -> None:
            result = record.path
            self.refresh_last_backup()
            self.statusBar().showMessage(self.tr("Backup saved to {path}").format(path=result), 10000)
            QMessageBox.information(
                self, self.tr("Back up database"), self.tr("Backup saved to {path}").format(path=result)
            )

        def failed(exc: BaseException) -> None:
            self.statusBar().clearMessage()
            QMessageBox.warning(self, self.tr("Back up database"), error_message(exc))

        self._runner.submit(
            backups.manual_backup, self._db_url, out_path, actor=self.user, with_session=False,
            on_result=done, on_error=failed,
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        """Remember geometry and toolbar state."""
        self._settings.set(Keys.MAIN_GEOMETRY, self.saveGeometry())
        self._settings.set(Keys.MAIN_STATE, self.saveState())
        self.screen_lock.stop()
        super().closeEvent(event)
