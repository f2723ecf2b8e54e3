"""Office details stored in the database (not in QSettings: they are business data)."""

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

#: Keys of the office settings and their defaults.
OFFICE_KEYS: dict[str, str] = {
    "office.name": "",
    "office.address": "",
    "office.phone": "",
    "office.bank_name": "",
    "office.bank_account": "",
    "office.seal_image_path": "",
    "office.demo": "0",
}


def _values(session: Session) -> dict[str, str]:
    rows = session.execute(select(OfficeSetting.key, OfficeSetting.value)).all()
    values = dict(OFFICE_KEYS)
    values.update({k: v for k, v in rows})
    return values


@read_only
def get_office(session: Session) -> OfficeDTO:
    """The office's details (empty strings where never set)."""
    v = _values(session)
    return OfficeDTO(
        name=v["office.name"],
        address=v["office.address"],
        phone=v["office.phone"],
        bank_name=v["office.bank_name"],
        bank_account=v["office.bank_account"],
        seal_image_path=v["office.seal_image_path"],
        is_demo=v["office.demo"] == "1",
    )


def update_office(session: Session, *, actor: UserDTO, values: dict[str, str]) -> OfficeDTO:
    """Change office settings; unknown keys are refused."""
    actor = authorize(session, actor, Permission.EDIT_SETTINGS)
    for key, value in values.items():
        if key not in OFFICE_KEYS:
            raise ValidationError("settings.unknown_key", field=key)
        row = session.get(OfficeSetting, key)
        if row is None:
            session.add(OfficeSetting(key=key, value=value, updated_by_id=actor.id))
        elif row.value != value:
            row.value = value
            row.updated_by_id = actor.id
    session.flush()
    audit.record(session, actor, "office.update", "office_setting", None, keys=sorted(values))
    return get_office(session)
