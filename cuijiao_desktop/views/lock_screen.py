"""The idle screen lock of shared desks.

After the minutes set for this desk (设置 → 用户, default 10) without a key press or mouse use, every
window of the program covers itself, the sign-in ends in the database (``auth.logout``: its token is
refused from then on) and the menus, shortcuts and dialogs stop working. Unlocking takes the same
user's password and re-opens that sign-in, so a half-filled dialog carries on; 切换用户 signs out and
returns to the sign-in window instead.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services import auth
from cuijiao_desktop.views.dialogs.style import set_inline
from cuijiao_desktop.views.icons import icon

_INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
})


class IdleWatcher(QObject):
    """Emits ``sig_idle`` once nobody has typed or moved the mouse in any window for ``minutes()``."""

    sig_idle = Signal()
    CHECK_MS = 5_000

    def __init__(self, minutes, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._minutes = minutes  # a callable, read at each check (the setting may change)
        self.last_input = time.monotonic()
        self.paused = False
        QApplication.instance().installEventFilter(self)
        self.timer = QTimer(self)
        self.timer.setInterval(self.CHECK_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self.last_input = time.monotonic()
        return False

    def idle_seconds(self) -> float:
        return time.monotonic() - self.last_input

    def check(self) -> None:
        """Emit ``sig_idle`` when the limit has passed (0 minutes: never)."""
        minutes = int(self._minutes() or 0)
        if not self.paused and minutes > 0 and self.idle_seconds() >= minutes * 60:
            self.paused = True
            self.sig_idle.emit()

    def resume(self) -> None:
        self.last_input = time.monotonic()
        self.paused = False

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


class LockOverlay(QWidget):
    """Covers one window. On the window in front it also holds the password field."""

    def __init__(self, window: QWidget, *, with_form: bool, user=None) -> None:
        super().__init__(window)
        self.setObjectName("lockOverlay")
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("#1F3B57"))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#FFFFFF"))
        self.setPalette(palette)
        self.password = self.unlock_button = self.switch_button = self.error = None
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        title = QLabel(self.tr("Locked"))
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(title)
        if with_form and user is not None:
            who = QLabel(self.tr("{name} ({username}) was away, so the sign-in ended. Enter the password to carry "
                                 "on, or let someone else sign in.").format(name=user.display_name,
                                                                           username=user.username))
            who.setWordWrap(True)
            who.setAlignment(Qt.AlignmentFlag.AlignCenter)
            outer.addWidget(who)
            row = QHBoxLayout()
            row.addStretch(1)
            self.password = QLineEdit()
            self.password.setObjectName("unlockPassword")
            self.password.setEchoMode(QLineEdit.EchoMode.Password)
            self.password.setPlaceholderText(self.tr("Password"))
            self.password.setMinimumWidth(220)
            self.unlock_button = QPushButton(icon("logout"), self.tr("Unlock"))
            self.unlock_button.setObjectName("unlockButton")
            self.unlock_button.setDefault(True)
            self.switch_button = QPushButton(self.tr("Switch user"))
            self.switch_button.setObjectName("switchUserButton")
            for w in (self.password, self.unlock_button, self.switch_button):
                row.addWidget(w)
            row.addStretch(1)
            outer.addLayout(row)
            self.error = QLabel()
            self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
            set_inline(self.error, "", "color: #FFD8D4;")
            outer.addWidget(self.error)
        else:
            hint = QLabel(self.tr("Unlock in the window in front."))
            hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
            outer.addWidget(hint)
        outer.addStretch(2)
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.show()
        self.raise_()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.parent() and event.type() == QEvent.Type.Resize:
            self.setGeometry(obj.rect())  # type: ignore[attr-defined]
            self.raise_()
        return False


class ScreenLock(QObject):
    """Locks the main window and every dialog open over it; see the module docstring."""

    sig_locked = Signal()
    sig_unlocked = Signal(object)  # UserDTO
    sig_switch_user = Signal()

    def __init__(self, window, runner, user, minutes) -> None:
        super().__init__(window)
        self._window, self._runner, self._user = window, runner, user
        self.locked = False
        self._covered: list[tuple[QWidget, LockOverlay, list[tuple[QWidget, bool]]]] = []
        self._actions: list[tuple[object, bool]] = []
        self.form: LockOverlay | None = None
        self.watcher = IdleWatcher(minutes, self)
        self.watcher.sig_idle.connect(self.lock)

    def lock(self) -> None:
        """Cover every window, stop all input but the password, end the sign-in in the database."""
        if self.locked:
            return
        self.locked = True
        self.watcher.paused = True
        front = QApplication.activeModalWidget() or self._window
        windows = [self._window] + [w for w in QApplication.topLevelWidgets()
                                    if isinstance(w, QDialog) and w.isVisible() and w is not self._window]
        if front not in windows:
            front = self._window
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
        for w in windows:
            states = [(c, c.isEnabled()) for c in w.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
                      if not isinstance(c, LockOverlay) and not c.isWindow()]
            for c, _ in states:
                c.setEnabled(False)
            overlay = LockOverlay(w, with_form=w is front, user=self._user)
            self._covered.append((w, overlay, states))
            if w is front:
                self.form = overlay
        self._actions = [(a, a.isEnabled()) for a in self._window.findChildren(QAction)]
        for a, _ in self._actions:
            a.setEnabled(False)
        assert self.form is not None and self.form.password is not None
        self.form.password.returnPressed.connect(self.unlock)
        self.form.unlock_button.clicked.connect(self.unlock)
        self.form.switch_button.clicked.connect(self.switch_user)
        self.form.password.setFocus()
        self._runner.submit(auth.logout, actor=self._user, reason="idle_lock", on_error=lambda _e: None)
        self.sig_locked.emit()

    def unlock(self) -> None:
        """Check the password (same user) and re-open the sign-in."""
        if not self.locked or self.form is None:
            return
        password = self.form.password.text()
        if not password:
            set_inline(self.form.error, error_message_for("auth.password_required"), "color: #FFD8D4;")
            return
        self.form.unlock_button.setEnabled(False)
        self._runner.submit(auth.attempt_unlock, actor=self._user, password=password, on_result=self._on_attempt,
                            on_error=self._on_error, on_finished=self._enable_form)

    def _enable_form(self) -> None:
        if self.form is not None and self.form.unlock_button is not None:
            self.form.unlock_button.setEnabled(True)

    def _on_attempt(self, attempt) -> None:
        if attempt.error is not None:
            if attempt.error.code == "auth.session_invalid":
                self.switch_user()
                return
            self._on_error(attempt.error)
            return
        self._uncover()
        self.sig_unlocked.emit(attempt.user)

    def _on_error(self, exc: BaseException) -> None:
        if self.form is not None:
            set_inline(self.form.error, error_message(exc), "color: #FFD8D4;")
            self.form.password.clear()
            self.form.password.setFocus()

    def _uncover(self) -> None:
        for w, overlay, states in self._covered:
            w.removeEventFilter(overlay)
            overlay.hide()
            overlay.deleteLater()
            for c, enabled in states:
                c.setEnabled(enabled)
        for a, enabled in self._actions:
            a.setEnabled(enabled)
        self._covered, self._actions, self.form = [], [], None
        self.locked = False
        self.watcher.resume()

    def switch_user(self) -> None:
        """Close the dialogs (nothing in them is saved) and return to the sign-in window."""
        dialogs = [w for w, _o, _s in self._covered if w is not self._window]
        self._uncover()
        self.watcher.paused = True
        for d in dialogs:
            d.reject()
        self.sig_switch_user.emit()

    def stop(self) -> None:
        self.watcher.stop()


def error_message_for(code: str) -> str:
    from cuijiao_desktop.messages import message_for_code

    return message_for_code(code)
