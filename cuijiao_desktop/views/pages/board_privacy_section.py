"""设置 → 公示与隐私: what public boards may show (PIPL art. 25).

Privacy-safe by default: no names, no phones, the last two room digits masked. Showing more
warns with the law's text and needs the user to confirm that every owner separately agreed;
the change is audited.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from cuijiao_desktop.domain.masking import MaskingPolicy, mask_name
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.messages import error_message
from cuijiao_desktop.services import boards
from cuijiao_desktop.views.pages.settings_page import SettingsSection


class BoardPrivacySection(SettingsSection):
    """The masking policy of public boards."""

    def __init__(self, runner, user, parent=None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._user = user
        self.policy: MaskingPolicy | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Public boards (arrears and thank-you lists) are posted inside the estate. By law (Personal Information "
            "Protection Law art. 25) personal information may not be made public without each person's separate "
            "consent, so by default a board shows only building, unit, a masked room number, the months and the "
            "amount."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.names_check = QCheckBox(self.tr("Show owner names, masked (e.g. {example})").format(example=mask_name("张三丰")))
        self.names_check.setObjectName("boardShowNames")
        self.digits_spin = QSpinBox()
        self.digits_spin.setObjectName("boardKeepDigits")
        self.digits_spin.setRange(0, 3)
        self.digits_spin.valueChanged.connect(self._example)
        self.example = QLabel()
        self.example.setStyleSheet("color: #5F6B7A;")
        form.addRow(self.names_check)
        form.addRow(self.tr("Room digits shown:"), self.digits_spin)
        form.addRow("", self.example)
        layout.addLayout(form)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("boardPolicySave")
        self.save_button.clicked.connect(self.save)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        self.status = QLabel()
        self.status.setObjectName("boardPolicyStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        layout.addStretch(1)
        editable = user.can(Permission.EDIT_SETTINGS)
        for w in (self.names_check, self.digits_spin, self.save_button):
            w.setEnabled(editable)
        if not editable:
            layout.addWidget(QLabel(self.tr("Only an administrator changes this policy.")))
        self._example()

    def _example(self) -> None:
        n = self.digits_spin.value()
        self.example.setText(self.tr("Room 3-2-1502 shows as {masked}").format(
            masked="3栋2单元" + "1502"[:n] + "*" * (4 - n)))

    def refresh(self) -> None:
        self._runner.submit(boards.get_masking_policy, on_result=self._show,
                            on_error=lambda exc: self.status.setText(error_message(exc)))

    def _show(self, policy: MaskingPolicy) -> None:
        self.policy = policy
        self.names_check.setChecked(policy.show_owner_name)
        self.digits_spin.setValue(policy.room_keep_digits)

    def wanted(self) -> MaskingPolicy:
        return MaskingPolicy(show_owner_name=self.names_check.isChecked(), room_keep_digits=self.digits_spin.value())

    def save(self) -> None:
        new = self.wanted()
        old = self.policy or boards.DEFAULT_POLICY
        acknowledged = False
        if boards.is_loosening(old, new):
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Show more on public boards?"),
                              self.tr("Personal Information Protection Law, art. 25: personal information may not be "
                                      "made public without the person's separate consent. Courts have found that "
                                      "posting an owner's name with the debt infringes their rights."), parent=self)
            box.setInformativeText(self.tr("Continue only if every owner on the boards has agreed separately. "
                                           "The change is recorded with your name."))
            confirm = box.addButton(self.tr("Every owner agreed: show more"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.setDefaultButton(QMessageBox.StandardButton.Cancel)
            box.exec()
            if box.clickedButton() is not confirm:
                self._show(old)
                return
            acknowledged = True
        self._runner.submit(boards.set_masking_policy, actor=self._user, policy=new, acknowledged_pipl=acknowledged,
                            on_result=self._saved, on_error=lambda exc: self.status.setText(error_message(exc)))

    def _saved(self, policy: MaskingPolicy) -> None:
        self._show(policy)
        self.status.setText(self.tr("Saved. The next board printed follows this policy."))
