"""设置 → 服务中心信息 (managers and administrators): the office's name, address, phone, bank account,
and the seal and payment-QR images that receipts and notices print. Stored in the database, so every
desk prints the same."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services import office
from cuijiao_desktop.views.dialogs import file_dialogs
from cuijiao_desktop.views.dialogs.style import set_inline
from cuijiao_desktop.views.pages.settings_page import SettingsSection

#: (key, attribute of OfficeDTO)
TEXT_FIELDS = (
    ("office.name", "name"),
    ("office.address", "address"),
    ("office.phone", "phone"),
    ("office.bank_name", "bank_name"),
    ("office.bank_account", "bank_account"),
)
PREVIEW = 132


class ImageBox(QGroupBox):
    """A picture from the database with "Choose…" and "Remove"."""

    sig_choose = Signal(str)
    sig_remove = Signal(str)

    def __init__(self, key: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.key = key
        layout = QVBoxLayout(self)
        self.preview = QLabel()
        self.preview.setObjectName(f"preview_{key.split('.')[-1]}")
        self.preview.setFixedSize(PREVIEW, PREVIEW)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("border: 1px dashed #C9D1DA; background: #FAFBFC; color: #8592A0;")
        layout.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignHCenter)
        row = QHBoxLayout()
        self.choose = QPushButton(self.tr("Choose…"))
        self.remove = QPushButton(self.tr("Remove"))
        row.addWidget(self.choose)
        row.addWidget(self.remove)
        layout.addLayout(row)
        self.choose.clicked.connect(lambda: self.sig_choose.emit(self.key))
        self.remove.clicked.connect(lambda: self.sig_remove.emit(self.key))
        self.set_image(None)

    def set_image(self, data: bytes | None) -> None:
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.preview.setPixmap(pixmap.scaled(PREVIEW - 4, PREVIEW - 4, Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation))
        else:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("(none)"))
        self.remove.setEnabled(bool(data))

    def set_editable(self, on: bool) -> None:
        self.choose.setEnabled(on)
        self.remove.setEnabled(on and self.remove.isEnabled())


class OfficeSection(SettingsSection):
    """The form of the office's details; Ctrl+S or 保存 saves."""

    sig_saved = Signal(object)  # OfficeDTO

    def __init__(self, runner, user, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("officeSection")
        self._runner, self._user = runner, user
        self.dto = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 12, 0, 0)
        top = QHBoxLayout()
        form_box = QGroupBox(self.tr("Service centre"))
        self.form = QFormLayout(form_box)
        captions = {
            "office.name": self.tr("Name:"), "office.address": self.tr("Address:"), "office.phone": self.tr("Phone:"),
            "office.bank_name": self.tr("Bank:"), "office.bank_account": self.tr("Bank account:"),
        }
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        for key, _attr in TEXT_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"edit_{key.split('.')[-1]}")
            edit.setMaxLength(office.MAX_LENGTH[key])
            error = QLabel()
            set_inline(error, "")
            box = QWidget()
            v = QVBoxLayout(box)
            v.setContentsMargins(0, 0, 0, 0)
            v.setSpacing(2)
            v.addWidget(edit)
            v.addWidget(error)
            self.form.addRow(captions[key], box)
            self.edits[key], self.errors[key] = edit, error
            edit.textEdited.connect(lambda _t, k=key: self._edited(k))
        self.edits["office.name"].setPlaceholderText(self.tr("e.g. 锦程物业 城西服务中心"))
        self.edits["office.bank_account"].setPlaceholderText(self.tr("digits; printed on notices for transfers"))
        top.addWidget(form_box, 3)
        images = QVBoxLayout()
        self.images = {
            "office.seal_image": ImageBox("office.seal_image", self.tr("Seal (printed on notices)")),
            "office.payment_qr_image": ImageBox("office.payment_qr_image", self.tr("Payment QR code")),
        }
        for box in self.images.values():
            box.sig_choose.connect(self.choose_image)
            box.sig_remove.connect(self.remove_image)
            images.addWidget(box)
        images.addStretch(1)
        top.addLayout(images, 1)
        outer.addLayout(top)
        bottom = QHBoxLayout()
        self.status = QLabel()
        self.status.setWordWrap(True)
        bottom.addWidget(self.status, 1)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("saveOffice")
        self.save_button.setToolTip(self.tr("Save the office details (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        bottom.addWidget(self.save_button)
        outer.addLayout(bottom)
        outer.addStretch(1)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._dirty = False

    def _edited(self, key: str) -> None:
        set_inline(self.errors[key], "")
        self._dirty = True
        self.status.clear()

    def refresh(self) -> None:
        self._runner.submit(office.get_office, on_result=self._show, on_error=self._failed)

    def _show(self, dto, *, texts: bool = True) -> None:
        self.dto = dto
        for key, attr in TEXT_FIELDS if texts else ():
            self.edits[key].setText(getattr(dto, attr))
            set_inline(self.errors[key], "")
        self.images["office.seal_image"].set_image(dto.seal_image)
        self.images["office.payment_qr_image"].set_image(dto.payment_qr_image)
        if texts:
            self._dirty = False

    def _failed(self, exc: BaseException) -> None:
        field = exc.params.get("field") if isinstance(exc, DomainError) else None
        if field in self.errors:
            set_inline(self.errors[field], error_message(exc))
            self.edits[field].setFocus()
        else:
            self.status.setStyleSheet("color: #B3261E;")
            self.status.setText(error_message(exc))

    def _saved(self, dto, text: str) -> None:
        self._show(dto, texts=not self._dirty or text == self.tr("Saved."))
        self.status.setStyleSheet("color: #1E5631;")
        self.status.setText(text)
        self.sig_saved.emit(dto)

    def values(self) -> dict[str, str]:
        """What the form holds, by key."""
        return {key: self.edits[key].text().strip() for key, _attr in TEXT_FIELDS}

    def save(self) -> None:
        """Check the fields here, then save in the background (the typed values stay on failure)."""
        values = self.values()
        if not values["office.name"]:
            from cuijiao_desktop.messages import message_for_code

            set_inline(self.errors["office.name"], message_for_code("office.name_required"))
            self.edits["office.name"].setFocus()
            return
        self.save_button.setEnabled(False)
        self._runner.submit(office.update_office, actor=self._user, values=values,
                            on_result=lambda dto: self._saved(dto, self.tr("Saved.")), on_error=self._failed,
                            on_finished=lambda: self.save_button.setEnabled(True))

    def choose_image(self, key: str) -> None:
        pictures = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
        path = file_dialogs.open_file(self, self.images[key].title(), purpose="images",
                                      filters=self.tr("Pictures (*.png *.jpg *.jpeg)"),
                                      fallback=Path(pictures) if pictures else None)
        if path is not None:
            self.load_image(key, path)

    def load_image(self, key: str, path: Path) -> None:
        """Store the picture at ``path`` as the office's ``key`` image."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            self._failed(exc)
            return
        if QPixmap().loadFromData(data) is False:
            self._failed(DomainError("office.image_format"))
            return
        self._runner.submit(office.set_office_image, actor=self._user, key=key, data=data,
                            on_result=lambda dto: self._saved(dto, self.tr("Picture saved.")), on_error=self._failed)

    def remove_image(self, key: str) -> None:
        self._runner.submit(office.set_office_image, actor=self._user, key=key, data=None,
                            on_result=lambda dto: self._saved(dto, self.tr("Picture removed.")), on_error=self._failed)
