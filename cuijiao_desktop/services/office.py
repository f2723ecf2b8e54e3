"""Office details stored in the database (not in QSettings: they are business data shared by every
desk): name, address, phone, bank, and the seal and payment-QR images printed on notices and receipts."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import OfficeSetting
from cuijiao_desktop.domain.errors import ValidationError
from cuijiao_desktop.domain.permissions import Permission

from . import audit
from .actor import authorize
from .dto import OfficeDTO, UserDTO
from .tx import read_only

#: Keys of the office's text settings and their defaults.
OFFICE_KEYS: dict[str, str] = {
    "office.name": "",
    "office.address": "",
    "office.phone": "",
    "office.bank_name": "",
    "office.bank_account": "",
    "office.demo": "0",
}
#: Keys of the office's images (bytes in ``office_setting.data``).
IMAGE_KEYS = ("office.seal_image", "office.payment_qr_image")
#: Longest text per key (characters).
MAX_LENGTH = {"office.name": 64, "office.address": 128, "office.phone": 32, "office.bank_name": 64,
              "office.bank_account": 40}
MAX_IMAGE_BYTES = 2 * 1024 * 1024
_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


def _values(session: Session) -> tuple[dict[str, str], dict[str, bytes | None]]:
    rows = session.execute(select(OfficeSetting.key, OfficeSetting.value, OfficeSetting.data)).all()
    values = dict(OFFICE_KEYS)
    images: dict[str, bytes | None] = dict.fromkeys(IMAGE_KEYS)
    for key, value, data in rows:
        if key in IMAGE_KEYS:
            images[key] = bytes(data) if data else None
        else:
            values[key] = value
    return values, images


@read_only
def get_office(session: Session) -> OfficeDTO:
    """The office's details (empty strings and no images where never set)."""
    v, images = _values(session)
    return OfficeDTO(
        name=v["office.name"],
        address=v["office.address"],
        phone=v["office.phone"],
        bank_name=v["office.bank_name"],
        bank_account=v["office.bank_account"],
        seal_image=images["office.seal_image"],
        payment_qr_image=images["office.payment_qr_image"],
        is_demo=v["office.demo"] == "1",
    )


def _check(key: str, value: str) -> str:
    value = value.strip()
    if len(value) > MAX_LENGTH.get(key, 255):
        raise ValidationError("office.too_long", field=key, maximum=MAX_LENGTH.get(key, 255))
    if key == "office.name" and not value:
        raise ValidationError("office.name_required", field=key)
    if key == "office.bank_account" and value and not value.replace(" ", "").replace("-", "").isdigit():
        raise ValidationError("office.bank_account_invalid", field=key)
    return value


def put_setting(session: Session, actor: UserDTO, key: str, *, value: str = "",
                data: bytes | None = None) -> bool:
    """Store the office setting ``key`` (added, or changed by ``actor``); False when it already held this."""
    row = session.get(OfficeSetting, key)
    if row is None:
        session.add(OfficeSetting(key=key, value=value, data=data, updated_by_id=actor.id))
        return True
    if row.value == value and (row.data or None) == (data or None):
        return False
    row.value, row.data, row.updated_by_id = value, data, actor.id
    return True


def update_office(session: Session, *, actor: UserDTO, values: dict[str, str]) -> OfficeDTO:
    """Change the office's text settings (managers and administrators); unknown keys are refused."""
    actor = authorize(session, actor, Permission.EDIT_OFFICE)
    changed = []
    for key, value in values.items():
        if key not in OFFICE_KEYS or key == "office.demo":
            raise ValidationError("settings.unknown_key", field=key)
        if put_setting(session, actor, key, value=_check(key, value)):
            changed.append(key)
    session.flush()
    if changed:
        audit.record(session, actor, "office.update", "office_setting", None, keys=sorted(changed))
    return get_office(session)


def set_office_image(session: Session, *, actor: UserDTO, key: str, data: bytes | None) -> OfficeDTO:
    """Store (or with None, remove) the seal or the payment QR image: PNG or JPEG, at most 2 MB."""
    actor = authorize(session, actor, Permission.EDIT_OFFICE)
    if key not in IMAGE_KEYS:
        raise ValidationError("settings.unknown_key", field=key)
    if data is not None:
        if len(data) > MAX_IMAGE_BYTES:
            raise ValidationError("office.image_too_large", field=key, maximum_mb=MAX_IMAGE_BYTES // (1024 * 1024))
        if not data.startswith(_SIGNATURES):
            raise ValidationError("office.image_format", field=key)
    if put_setting(session, actor, key, data=data or None):
        session.flush()
        audit.record(session, actor, "office.image" if data else "office.image_removed", "office_setting", key,
                     bytes=len(data or b""))
    return get_office(session)
