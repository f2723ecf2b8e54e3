"""Turn ``DomainError`` codes (and other exceptions) into translated sentences.

Shared by the GUI and the command line (QtCore only). Every code the services and the
domain raise has its own wording here; ``tests/test_messages_cover_codes.py`` checks that.
Parameters named ``*_fen`` are shown as money.
"""

from __future__ import annotations

import string
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTranslator

from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.paths import translations_dir

_CTX = "messages"

# code -> English source text; ``{name}`` placeholders are filled from the error's params.
MESSAGES: dict[str, str] = {
    "domain.error": QT_TRANSLATE_NOOP("messages", "The operation is not allowed."),
    "auth.failed": QT_TRANSLATE_NOOP("messages", "Wrong user name or password."),
    "auth.locked": QT_TRANSLATE_NOOP(
        "messages", "Too many failed attempts: this account is locked until {until}."
    ),
    "auth.inactive": QT_TRANSLATE_NOOP("messages", "This account is disabled. Ask your administrator."),
    "auth.permission_denied": QT_TRANSLATE_NOOP("messages", "Your role does not allow this action."),
    "auth.password_too_short": QT_TRANSLATE_NOOP(
        "messages", "The password is too short: use at least {minimum} characters."
    ),
    "auth.password_mismatch": QT_TRANSLATE_NOOP("messages", "The two passwords are not the same."),
    "auth.password_required": QT_TRANSLATE_NOOP("messages", "Enter a password."),
    "auth.username_required": QT_TRANSLATE_NOOP("messages", "Enter a user name."),
    "auth.username_invalid": QT_TRANSLATE_NOOP(
        "messages", "A user name has no spaces and at most 64 characters."
    ),
    "auth.username_taken": QT_TRANSLATE_NOOP("messages", "This user name is already taken."),
    "auth.display_name_required": QT_TRANSLATE_NOOP("messages", "Enter the name shown to colleagues."),
    "auth.admin_exists": QT_TRANSLATE_NOOP("messages", "An administrator already exists. Please sign in."),
    "auth.unknown_user": QT_TRANSLATE_NOOP("messages", "There is no such user."),
    "auth.session_invalid": QT_TRANSLATE_NOOP(
        "messages", "Your sign-in has ended (signed out, locked or replaced). Please sign in again."
    ),
    "auth.user_required": QT_TRANSLATE_NOOP(
        "messages",
        "This database has user accounts: name one with --user NAME and give its password "
        "(the anonymous command line works only on a local SQLite file).",
    ),
    "auth.old_password_wrong": QT_TRANSLATE_NOOP("messages", "The current password is wrong."),
    "task.cancelled": QT_TRANSLATE_NOOP("messages", "Cancelled: nothing was changed."),
    "validation.invalid": QT_TRANSLATE_NOOP("messages", "This value is not valid."),
    "validation.required": QT_TRANSLATE_NOOP("messages", "This field is required."),
    "validation.too_long": QT_TRANSLATE_NOOP("messages", "This text is too long."),
    "money.invalid": QT_TRANSLATE_NOOP("messages", "This is not a valid amount of money."),
    "conflict.stale": QT_TRANSLATE_NOOP(
        "messages", "Someone else changed this record in the meantime. Reload it and try again."
    ),
    "not_found": QT_TRANSLATE_NOOP("messages", "The record no longer exists."),
    "backup.no_database": QT_TRANSLATE_NOOP("messages", "The database file {path} does not exist."),
    "backup.unsupported": QT_TRANSLATE_NOOP(
        "messages", "Databases of type {backend} cannot be backed up from here."
    ),
    "backup.pg_dump_missing": QT_TRANSLATE_NOOP(
        "messages", "PostgreSQL backups need the pg_dump tool: install the PostgreSQL client tools."
    ),
    "backup.failed": QT_TRANSLATE_NOOP("messages", "The backup failed: {detail}"),
    "auth.passwords_differ": QT_TRANSLATE_NOOP("messages", "The two passwords are not the same."),
    "cli.password_required": QT_TRANSLATE_NOOP(
        "messages", "A password is needed: set ${variable}, or run this in a terminal to type it."
    ),
    "demo.invalid_size": QT_TRANSLATE_NOOP("messages", "Demo data needs at least one room and one month."),
    "demo.not_empty": QT_TRANSLATE_NOOP(
        "messages", "This database already holds rooms: demo data can only go into an empty database."
    ),
    "ladder.days_out_of_range": QT_TRANSLATE_NOOP(
        "messages", "Step {step}: the wait must be between 0 and 3650 days."
    ),
    "ladder.forbidden_words": QT_TRANSLATE_NOOP(
        "messages", "Civil Code art. 944: a property service company may not cut water, power, heating or gas "
        "to make owners pay, and collection wording may not threaten it. Remove {words}."
    ),
    "ladder.name_required": QT_TRANSLATE_NOOP("messages", "Step {step}: enter the name of the step."),
    "ladder.step_not_found": QT_TRANSLATE_NOOP("messages", "This step of the ladder no longer exists."),
    "late_fee.balances_unsorted": QT_TRANSLATE_NOOP(
        "messages", "Internal error: the payment history of a bill is out of order."
    ),
    "late_fee.invalid_policy": QT_TRANSLATE_NOOP("messages", "The late-fee terms are not valid ({field})."),
    "late_fee.invalid_rate": QT_TRANSLATE_NOOP("messages", "This is not a valid late-fee rate: {text}"),
    "late_fee.not_assessed": QT_TRANSLATE_NOOP("messages", "No late fee has been assessed on this bill."),
    "late_fee.waiver_not_positive": QT_TRANSLATE_NOOP("messages", "The amount to waive must be more than zero."),
    "late_fee.waiver_reason_required": QT_TRANSLATE_NOOP("messages", "Give the reason for the waiver."),
    "late_fee.waiver_too_large": QT_TRANSLATE_NOOP(
        "messages", "Only {remaining_fen} of late fee is left to waive on this bill."
    ),
    "money.too_large": QT_TRANSLATE_NOOP("messages", "This amount is too large: {text}"),
    "money.too_precise": QT_TRANSLATE_NOOP("messages", "Amounts have at most two decimal places: {text}"),
    "payment.already_reversed": QT_TRANSLATE_NOOP("messages", "This payment has already been reversed."),
    "payment.amount_not_positive": QT_TRANSLATE_NOOP("messages", "The amount must be more than zero."),
    "payment.amount_too_large": QT_TRANSLATE_NOOP(
        "messages", "{amount_fen} is too much for one payment: check the amount."
    ),
    "payment.cannot_reverse_reversal": QT_TRANSLATE_NOOP(
        "messages", "A reversal cannot itself be reversed: take a new payment instead."
    ),
    "payment.method_invalid": QT_TRANSLATE_NOOP("messages", "Choose how the money was paid."),
    "payment.not_found": QT_TRANSLATE_NOOP("messages", "This payment no longer exists."),
    "payment.reversal_reason_required": QT_TRANSLATE_NOOP("messages", "Give the reason for the reversal."),
    "payment.unknown_bill": QT_TRANSLATE_NOOP(
        "messages", "A chosen bill does not belong to this room or is already paid."
    ),
    "import.unreadable": QT_TRANSLATE_NOOP("messages", "The file {file} cannot be read: {reason}"),
    "import.no_header": QT_TRANSLATE_NOOP(
        "messages", "No header row was found for {kinds}: name the columns (e.g. 房号, 业主, 面积) and try again."
    ),
    "import.estate_not_found": QT_TRANSLATE_NOOP("messages", "There is no estate named {name}."),
    "import.estate_required": QT_TRANSLATE_NOOP("messages", "Choose the estate to import into: {estates}."),
    "export.estate_required": QT_TRANSLATE_NOOP("messages", "Choose the estate to export: {estates}."),
    "import.no_rooms": QT_TRANSLATE_NOOP("messages", "There are no rooms yet: import the rooms and owners first."),
    "import.rows_rejected": QT_TRANSLATE_NOOP(
        "messages", "{count} rows were rejected, so nothing was imported. Fix them, or import only the valid rows."
    ),
    "import.mapping_invalid": QT_TRANSLATE_NOOP("messages", "The column mapping cannot be used: {problems}"),
    "room.invalid": QT_TRANSLATE_NOOP(
        "messages", "\"{text}\" is not a room number (for example 3-2-1502 or 3栋2单元1502)."
    ),
    "room.not_found": QT_TRANSLATE_NOOP("messages", "This room no longer exists."),
    "report.no_cjk_font": QT_TRANSLATE_NOOP(
        "messages", "No Chinese TrueType font was found on this computer, so the PDF cannot be written. "
        "Install Microsoft YaHei, SimHei or WenQuanYi Micro Hei. Fonts tried: {tried}"
    ),
    "receipt.unknown_paper": QT_TRANSLATE_NOOP("messages", "Unknown receipt paper size: {paper}"),
    "settings.unknown_key": QT_TRANSLATE_NOOP("messages", "Unknown setting: {field}"),
    "contact.email_invalid": QT_TRANSLATE_NOOP("messages", "\"{text}\" is not an e-mail address."),
    "contact.value_required": QT_TRANSLATE_NOOP("messages", "Enter the contact or remove the line."),
    "person.id_number_invalid": QT_TRANSLATE_NOOP(
        "messages", "An ID card number has 18 characters (digits, the last may be X)."
    ),
    "person.name_required": QT_TRANSLATE_NOOP("messages", "Enter the name."),
    "person.not_found": QT_TRANSLATE_NOOP("messages", "This person no longer exists."),
    "person.two_primary_contacts": QT_TRANSLATE_NOOP("messages", "Only one contact can be the main one."),
    "phone.invalid": QT_TRANSLATE_NOOP(
        "messages", "\"{text}\" is not a phone number: a mobile has 11 digits starting with 13–19, "
        "a landline starts with its area code (0571-81234567)."
    ),
    "phone.required": QT_TRANSLATE_NOOP("messages", "Enter the phone number."),
    "room.area_invalid": QT_TRANSLATE_NOOP("messages", "\"{text}\" is not an area: enter square metres, e.g. 89.37."),
    "room.area_not_positive": QT_TRANSLATE_NOOP("messages", "The area must be more than zero."),
    "room.area_required": QT_TRANSLATE_NOOP("messages", "Enter the floor area in square metres."),
    "room.area_too_large": QT_TRANSLATE_NOOP("messages", "This area is too large: check the number."),
    "room.area_too_precise": QT_TRANSLATE_NOOP("messages", "Areas have at most two decimal places."),
    "room.building_required": QT_TRANSLATE_NOOP("messages", "Enter the building."),
    "room.duplicate": QT_TRANSLATE_NOOP("messages", "Room {code} already exists in this estate."),
    "room.estate_required": QT_TRANSLATE_NOOP("messages", "Choose the estate."),
    "room.number_required": QT_TRANSLATE_NOOP("messages", "Enter the room number."),
    "tenant.end_before_start": QT_TRANSLATE_NOOP(
        "messages", "The current tenancy started on {start}: the change must be after that day."
    ),
    "tenant.none": QT_TRANSLATE_NOOP("messages", "This room has no current tenant."),
    "tenant.start_required": QT_TRANSLATE_NOOP("messages", "Enter the date the new tenant moves in."),
    # --- storage (issue 14: several desks, backups, restore, file safety) ---
    "db.network_share": QT_TRANSLATE_NOOP(
        "messages",
        "The database file {path} is on a network share ({share}). An SQLite file must stay on this "
        "computer's own disk: over a network its locks do not work and the file gets corrupted. For "
        "several desks, put the data on a PostgreSQL server (Settings → Database).",
    ),
    "db.schema_newer": QT_TRANSLATE_NOOP(
        "messages",
        "The database was upgraded by a newer version of this program (schema {revision}). This "
        "version cannot use it safely: install the newer version on this computer.",
    ),
    "db.upgrade_needs_backup": QT_TRANSLATE_NOOP(
        "messages",
        "The database structure must be upgraded, and a backup is made first, but this computer has no "
        "pg_dump. Install the PostgreSQL client tools, or back up the server yourself and run "
        "\"cuijiao db upgrade --no-backup\".",
    ),
    "db.keyring_unavailable": QT_TRANSLATE_NOOP(
        "messages",
        "The system keyring cannot be used ({detail}), so the password cannot be saved here. Put it in "
        "the PGPASSWORD variable or a pgpass file, or use a keyring (on Linux: a Secret Service such as "
        "GNOME Keyring).",
    ),
    "db.host_required": QT_TRANSLATE_NOOP("messages", "Enter the server's name or address."),
    "db.port_invalid": QT_TRANSLATE_NOOP("messages", "The port must be a number from 1 to 65535."),
    "db.name_required": QT_TRANSLATE_NOOP("messages", "Enter the name of the database."),
    "db.user_required": QT_TRANSLATE_NOOP("messages", "Enter the database user."),
    "db.connection_failed": QT_TRANSLATE_NOOP("messages", "Cannot connect to the database: {detail}"),
    "backup.target_is_database": QT_TRANSLATE_NOOP(
        "messages", "{path} is the database in use (or one of its files): choose another file for the backup."
    ),
    "file.is_database": QT_TRANSLATE_NOOP(
        "messages", "{path} is the database in use (or one of its files): the program never opens it as a document."
    ),
    "restore.no_file": QT_TRANSLATE_NOOP("messages", "The backup file {path} does not exist."),
    "restore.is_live": QT_TRANSLATE_NOOP(
        "messages", "{path} is the database in use: choose a backup file to restore from."
    ),
    "restore.foreign": QT_TRANSLATE_NOOP(
        "messages", "{path} is not a backup of this program's database: nothing was changed."
    ),
    "restore.wrong_engine": QT_TRANSLATE_NOOP(
        "messages",
        "{path} is a backup of the other kind of database (SQLite files restore into SQLite, pg_dump files "
        "into PostgreSQL): nothing was changed.",
    ),
    "restore.corrupt": QT_TRANSLATE_NOOP(
        "messages", "The backup {path} is damaged ({detail}): nothing was changed."
    ),
    "restore.unbalanced": QT_TRANSLATE_NOOP(
        "messages",
        "The books in the backup {path} do not balance ({count} problems, e.g. {first}): nothing was changed.",
    ),
    "restore.in_use": QT_TRANSLATE_NOOP(
        "messages",
        "{count} other connections use the database {database}: close the program on every desk, then "
        "restore again. Nothing was changed.",
    ),
    "restore.failed": QT_TRANSLATE_NOOP("messages", "The backup could not be restored: {detail}"),
    "restore.needs_owner_role": QT_TRANSLATE_NOOP(
        "messages",
        "The database user {role} cannot restore {database}: a restore creates a new database and renames it "
        "into place. Run it as the migration role (the owner of the database), e.g. cuijiao --db "
        "postgresql://MIGRATION_ROLE@SERVER/{database} --user ADMIN restore FILE. Nothing was changed.",
    ),
    "restore.confirm_required": QT_TRANSLATE_NOOP(
        "messages", "Restoring replaces all data: confirm with --yes (or run it in a terminal to answer)."
    ),
    "batch.conflict": QT_TRANSLATE_NOOP(
        "messages",
        "While this was being written, someone else changed the same records ({detail}). Nothing was "
        "written: please run it again.",
    ),
    # --- security (issue 14) ---
    "auth.password_change_required": QT_TRANSLATE_NOOP(
        "messages", "Your password was reset: choose a new one first (sign in to the program, or run "
        "cuijiao --user NAME user passwd)."
    ),
    "auth.password_unchanged": QT_TRANSLATE_NOOP("messages", "Choose a password different from the current one."),
    "auth.first_user_admin": QT_TRANSLATE_NOOP(
        "messages", "The first account of a new database must be an administrator (--role admin)."
    ),
    "users.last_admin": QT_TRANSLATE_NOOP(
        "messages", "This is the last active administrator: make someone else an administrator first."
    ),
    "users.cannot_disable_self": QT_TRANSLATE_NOOP("messages", "You cannot disable your own account."),
    "users.reset_own": QT_TRANSLATE_NOOP(
        "messages", "To change your own password use “Change password…” (it asks for the current one)."
    ),
    "office.too_long": QT_TRANSLATE_NOOP("messages", "This text is too long: at most {maximum} characters."),
    "office.name_required": QT_TRANSLATE_NOOP("messages", "Enter the name of the service centre."),
    "office.bank_account_invalid": QT_TRANSLATE_NOOP(
        "messages", "A bank account number has only digits (spaces and dashes are allowed)."
    ),
    "office.image_too_large": QT_TRANSLATE_NOOP("messages", "The picture is too large: at most {maximum_mb} MB."),
    "office.image_format": QT_TRANSLATE_NOOP("messages", "Choose a PNG or JPEG picture."),
    "phone.not_found": QT_TRANSLATE_NOOP("messages", "This phone number no longer exists."),
    "audit.room_invalid": QT_TRANSLATE_NOOP(
        "messages", "\"{text}\" is not a room number (for example 3-2-1502 or 3栋2单元1502)."
    ),
    "audit.export_too_large": QT_TRANSLATE_NOOP(
        "messages", "{rows} rows match: narrow the filter to at most {limit} rows to export."
    ),
    "cli.passwd_needs_user": QT_TRANSLATE_NOOP(
        "messages", "Name yourself with --user NAME: the current password is the one you sign in with."
    ),
    # --- fee items and imports (issue 9) ---
    "fee_item.code_required": QT_TRANSLATE_NOOP("messages", "Enter the code of the fee item (e.g. WYF)."),
    "fee_item.code_invalid": QT_TRANSLATE_NOOP(
        "messages", "A code has at most 32 letters, digits, - or _ (e.g. WYF), not \"{text}\"."
    ),
    "fee_item.code_taken": QT_TRANSLATE_NOOP("messages", "Another fee item already has the code {code}."),
    "fee_item.name_required": QT_TRANSLATE_NOOP("messages", "Enter the name of the fee item."),
    "fee_item.name_taken": QT_TRANSLATE_NOOP("messages", "A fee item named {name} already exists."),
    "fee_item.basis_invalid": QT_TRANSLATE_NOOP("messages", "Choose how the item is charged."),
    "fee_item.sort_order_invalid": QT_TRANSLATE_NOOP("messages", "The order is a whole number from 0 to 999."),
    "fee_item.due_day_invalid": QT_TRANSLATE_NOOP(
        "messages", "The due day is a day of the month from 1 to {maximum}."
    ),
    "fee_item.not_found": QT_TRANSLATE_NOOP("messages", "This fee item no longer exists."),
    "fee_item.in_use": QT_TRANSLATE_NOOP(
        "messages", "{name} has bills or meter readings and cannot be deleted: untick \"In use\" instead."
    ),
    "fee_standard.item_required": QT_TRANSLATE_NOOP("messages", "Choose the fee item."),
    "fee_standard.price_required": QT_TRANSLATE_NOOP("messages", "Enter the price, e.g. 2.50."),
    "fee_standard.price_invalid": QT_TRANSLATE_NOOP(
        "messages", "\"{text}\" is not a price: enter yuan, e.g. 2.50 (0 means free of charge)."
    ),
    "fee_standard.price_too_precise": QT_TRANSLATE_NOOP("messages", "Prices have at most two decimal places: {text}"),
    "fee_standard.usage_invalid": QT_TRANSLATE_NOOP("messages", "Choose the usage of the rooms."),
    "fee_standard.vacancy_invalid": QT_TRANSLATE_NOOP(
        "messages", "The vacancy discount is a whole percentage from 0 to 100."
    ),
    "fee_standard.valid_from_required": QT_TRANSLATE_NOOP("messages", "Enter the day the standard applies from."),
    "fee_standard.valid_to_before_from": QT_TRANSLATE_NOOP(
        "messages", "The standard cannot end before it starts."
    ),
    "fee_standard.estate_not_found": QT_TRANSLATE_NOOP("messages", "This estate no longer exists."),
    "fee_standard.duplicate": QT_TRANSLATE_NOOP(
        "messages", "This item already has a standard for these rooms from {date}: edit that one instead."
    ),
    "fee_standard.not_found": QT_TRANSLATE_NOOP("messages", "This fee standard no longer exists."),
    "late_fee_policy.rate_required": QT_TRANSLATE_NOOP("messages", "Enter the daily rate, e.g. 0.3‰ or 万分之三."),
    "late_fee_policy.rate_invalid": QT_TRANSLATE_NOOP(
        "messages", "\"{text}\" is not a daily rate: write e.g. 0.3‰, 0.03% or 万分之三."
    ),
    "late_fee_policy.rate_too_high": QT_TRANSLATE_NOOP(
        "messages", "{text} a day is more than 1% a day: check the rate in the contract."
    ),
    "late_fee_policy.grace_invalid": QT_TRANSLATE_NOOP(
        "messages", "The days of grace are a whole number from 0 to 365."
    ),
    "late_fee_policy.cap_invalid": QT_TRANSLATE_NOOP(
        "messages", "\"{text}\" is not a cap: enter a percentage of the principal above 0 and at most 100, "
        "or leave it empty."
    ),
    "late_fee_policy.notice_level_invalid": QT_TRANSLATE_NOOP(
        "messages", "The notice is numbered from 1 to {maximum}."
    ),
    "late_fee_policy.valid_from_required": QT_TRANSLATE_NOOP("messages", "Enter the day the terms apply from."),
    "import.fee_item_not_found": QT_TRANSLATE_NOOP(
        "messages", "The fee item {item} chosen for \"{word}\" does not exist (any more)."
    ),
    # --- print room (issue 11) ---
    "notice_template.invalid": QT_TRANSLATE_NOOP("messages", "The notice template cannot be read: {reason}"),
    "notice_template.not_found": QT_TRANSLATE_NOOP("messages", "There is no notice template for level {level}."),
    "notice_template.forbidden": QT_TRANSLATE_NOOP(
        "messages", "The wording of notice level {level} is not allowed: {findings}. Change it and save again."
    ),
    "notice_template.unknown_placeholder": QT_TRANSLATE_NOOP(
        "messages", "Notice level {level} uses unknown placeholders: {names}."
    ),
    "notice_template.empty": QT_TRANSLATE_NOOP("messages", "Notice level {level} needs a title and some text."),
    "notice.estate_not_found": QT_TRANSLATE_NOOP("messages", "There is no estate named \"{name}\"."),
    "notice.building_not_found": QT_TRANSLATE_NOOP("messages", "There is no building \"{name}\"."),
    "notice.collector_not_found": QT_TRANSLATE_NOOP("messages", "There is no collector named \"{name}\"."),
    "notice.level_out_of_range": QT_TRANSLATE_NOOP("messages", "The notice level must be between 1 and 10."),
    "notice.nothing_to_print": QT_TRANSLATE_NOOP(
        "messages", "No room of this choice gets a notice now ({skipped} rooms left out): nothing was printed."
    ),
    "notice.unknown_paper": QT_TRANSLATE_NOOP("messages", "Unknown paper for notices: {paper}"),
    "notice.room_ambiguous": QT_TRANSLATE_NOOP(
        "messages", "Room {room} exists in several estates ({estates}): name the estate."
    ),
    "delivery.serial_required": QT_TRANSLATE_NOOP("messages", "Type or scan the notice number."),
    "delivery.serial_not_found": QT_TRANSLATE_NOOP("messages", "There is no notice numbered {serial}."),
    "delivery.already_recorded": QT_TRANSLATE_NOOP(
        "messages", "The delivery of notice {serial} was already recorded with proof on {on}."
    ),
    "delivery.date_out_of_range": QT_TRANSLATE_NOOP(
        "messages", "The delivery date must be between the day the notice was issued ({issued}) and today ({today})."
    ),
    "delivery.relation_invalid": QT_TRANSLATE_NOOP(
        "messages", "A family member who signs must be one of: {relations}."
    ),
    "delivery.receiver_required": QT_TRANSLATE_NOOP("messages", "Enter the name of the family member who signed."),
    "delivery.tracking_invalid": QT_TRANSLATE_NOOP(
        "messages", "Enter the tracking number of the registered letter (8 to 32 letters and digits)."
    ),
    "delivery.proof_required": QT_TRANSLATE_NOOP(
        "messages", "A message is proof only with its screenshot: attach the screenshot file."
    ),
    "delivery.door_no_evidence": QT_TRANSLATE_NOOP(
        "messages", "A notice left at the door is no proof of delivery and takes no file or tracking number. "
        "Record the signed slip or the registered letter instead."
    ),
    "delivery.proof_type": QT_TRANSLATE_NOOP(
        "messages", "A proof file must be a picture or a PDF (not {suffix})."
    ),
    "delivery.proof_missing": QT_TRANSLATE_NOOP("messages", "The proof file cannot be found: {path}"),
    "delivery.proof_too_large": QT_TRANSLATE_NOOP("messages", "The proof file is larger than {mb} MB."),
    "board.digits_out_of_range": QT_TRANSLATE_NOOP(
        "messages", "A board may show between 0 and 3 digits of a room number."
    ),
    "board.loosening_needs_consent": QT_TRANSLATE_NOOP(
        "messages", "Showing more on public boards needs every owner's separate consent. {article}"
    ),
    "board.periods_reversed": QT_TRANSLATE_NOOP("messages", "The first month comes after the last one."),
    "board.unknown_kind": QT_TRANSLATE_NOOP("messages", "Unknown kind of board: {kind}"),
    "statement.periods_reversed": QT_TRANSLATE_NOOP("messages", "The first month comes after the last one."),
    # --- cases, ladder, instalments, holds, service issues (issue 10) ---
    "ladder.minimum_negative": QT_TRANSLATE_NOOP("messages", "Step {step}: the minimum amount cannot be negative."),
    "ladder.months_out_of_range": QT_TRANSLATE_NOOP(
        "messages", "Step {step}: the minimum number of months must be between 0 and 600."
    ),
    "ladder.none_active": QT_TRANSLATE_NOOP("messages", "Keep at least one step of the ladder active."),
    "cases.no_collectors": QT_TRANSLATE_NOOP("messages", "Choose at least one collector."),
    "cases.not_a_collector": QT_TRANSLATE_NOOP(
        "messages", "{name} is not an active collector or manager and cannot hold cases."
    ),
    "cases.changed_since_preview": QT_TRANSLATE_NOOP(
        "messages", "Some cases changed since the preview (paid, closed or reassigned). Preview again; nothing was changed."
    ),
    "cases.threshold_negative": QT_TRANSLATE_NOOP("messages", "The amount that opens a case cannot be negative."),
    "cases.months_out_of_range": QT_TRANSLATE_NOOP(
        "messages", "The months that open a case must be between 0 and 120."
    ),
    "case.not_found": QT_TRANSLATE_NOOP("messages", "This case no longer exists."),
    "case.none_for_room": QT_TRANSLATE_NOOP(
        "messages", "This room has no collection case: its arrears have not reached the office's threshold."
    ),
    "case.not_yours": QT_TRANSLATE_NOOP("messages", "This case is held by another collector."),
    "case.unassigned": QT_TRANSLATE_NOOP(
        "messages", "This case is not given to any collector yet: your manager assigns it."
    ),
    "case.closed": QT_TRANSLATE_NOOP("messages", "This case was closed on {closed_on}: the room has paid."),
    "case.already_open": QT_TRANSLATE_NOOP("messages", "This room already has an open case."),
    "case.nothing_owed": QT_TRANSLATE_NOOP("messages", "This room owes nothing overdue: there is nothing to chase."),
    "case.step_date_invalid": QT_TRANSLATE_NOOP(
        "messages", "The date must be between the opening of the case ({opened_on}) and today."
    ),
    "instalment.count_out_of_range": QT_TRANSLATE_NOOP(
        "messages", "A plan has between 1 and {maximum} instalments."
    ),
    "instalment.total_too_small": QT_TRANSLATE_NOOP(
        "messages", "The total is too small for {count} instalments."
    ),
    "instalment.interval_invalid": QT_TRANSLATE_NOOP("messages", "Instalments are at least one month apart."),
    "instalment.total_not_positive": QT_TRANSLATE_NOOP("messages", "The plan's total must be more than zero."),
    "instalment.amount_not_positive": QT_TRANSLATE_NOOP(
        "messages", "Instalment {seq}: the amount must be more than zero."
    ),
    "instalment.dates_not_increasing": QT_TRANSLATE_NOOP(
        "messages", "Instalment {seq}: each date must be today or later, and after the instalment before it."
    ),
    "instalment.sum_mismatch": QT_TRANSLATE_NOOP(
        "messages", "The instalments add up to {sum_fen}, not to the plan's total of {total_fen}."
    ),
    "instalment.plan_exists": QT_TRANSLATE_NOOP(
        "messages", "This case already has a plan waiting for approval or running: decide or cancel it first."
    ),
    "instalment.not_found": QT_TRANSLATE_NOOP("messages", "This instalment plan no longer exists."),
    "approval.already_decided": QT_TRANSLATE_NOOP("messages", "This request has already been decided."),
    "approval.reason_required": QT_TRANSLATE_NOOP("messages", "Give the reason, so that the collector knows why."),
    "approval.not_found": QT_TRANSLATE_NOOP("messages", "This request no longer exists."),
    "extension.reason_required": QT_TRANSLATE_NOOP("messages", "Give the reason for the extension."),
    "extension.length": QT_TRANSLATE_NOOP(
        "messages", "An extension runs 1 to 2 months: choose a date from {earliest} to {latest}."
    ),
    "hold.reason_required": QT_TRANSLATE_NOOP("messages", "Give the reason for stopping the collection."),
    "hold.until_past": QT_TRANSLATE_NOOP("messages", "The end date must be after today."),
    "hold.too_long": QT_TRANSLATE_NOOP(
        "messages", "A hold lasts at most {days} days; ask again when it ends if it must go on."
    ),
    "hold.not_running": QT_TRANSLATE_NOOP("messages", "This hold is not running (not approved, or already over)."),
    "issue.description_required": QT_TRANSLATE_NOOP("messages", "Describe the problem."),
    "issue.promised_before_raised": QT_TRANSLATE_NOOP(
        "messages", "The promised date cannot be before the day the problem was raised ({raised_on})."
    ),
    "issue.resolution_required": QT_TRANSLATE_NOOP(
        "messages", "Say how the problem was solved before marking it done or closed."
    ),
    "issue.not_found": QT_TRANSLATE_NOOP("messages", "This service issue no longer exists."),
    # --- collection work (issue 10) ---
    "contact.channel_invalid": QT_TRANSLATE_NOOP("messages", "Choose how the owner was contacted."),
    "contact.outcome_invalid": QT_TRANSLATE_NOOP("messages", "Choose the outcome of the contact."),
    "contact.number_required": QT_TRANSLATE_NOOP(
        "messages", "Choose the number that was used (add it to the room's contacts first if it is missing)."
    ),
    "contact.number_not_of_room": QT_TRANSLATE_NOOP(
        "messages", "This number is not among the contacts of the room: add it to the room first."
    ),
    "contact.answered_by_required": QT_TRANSLATE_NOOP("messages", "Choose who answered."),
    "contact.promise_not_allowed": QT_TRANSLATE_NOOP(
        "messages", "A promise can only be recorded when the outcome is a promise to pay."
    ),
    "contact.promise_date_required": QT_TRANSLATE_NOOP("messages", "Enter the date the owner promised to pay by."),
    "contact.promise_date_past": QT_TRANSLATE_NOOP("messages", "The promised date cannot be in the past."),
    "contact.promise_date_too_far": QT_TRANSLATE_NOOP(
        "messages", "A promise more than a year away is a plan: agree an instalment plan instead."
    ),
    "contact.promise_amount_required": QT_TRANSLATE_NOOP("messages", "Enter the amount the owner promised to pay."),
    "contact.promise_amount_positive": QT_TRANSLATE_NOOP("messages", "The promised amount must be more than zero."),
    "contact.promise_nothing_owed": QT_TRANSLATE_NOOP("messages", "This room owes nothing: there is nothing to promise."),
    "contact.promise_amount_too_large": QT_TRANSLATE_NOOP(
        "messages", "The promised amount is more than the room owes ({owed_fen})."
    ),
    "contact.complaint_category_required": QT_TRANSLATE_NOOP("messages", "Choose what the complaint is about."),
    "contact.complaint_text_required": QT_TRANSLATE_NOOP("messages", "Describe the complaint."),
    "contact.follow_up_past": QT_TRANSLATE_NOOP("messages", "The next follow-up cannot be in the past."),
    "contact.follow_up_too_far": QT_TRANSLATE_NOOP("messages", "The next follow-up is more than a year away."),
    "contact.confirm_warnings": QT_TRANSLATE_NOOP(
        "messages", "This contact breaks an office rule (quiet hours or contacts per week): confirm it to save."
    ),
    "settings.time_invalid": QT_TRANSLATE_NOOP("messages", "Enter a time as hours and minutes, e.g. 21:00."),
    "settings.weekly_max_invalid": QT_TRANSLATE_NOOP(
        "messages", "Enter a number of contacts per week from 0 (no limit) to {maximum}."
    ),
    "date.invalid": QT_TRANSLATE_NOOP(
        "messages", "Enter a date such as 2026-11-20, 11-20, 20 (the coming 20th) or +3 (in 3 days)."
    ),
    "worklist.not_yours": QT_TRANSLATE_NOOP("messages", "Only managers may look at a colleague's work list."),
    "worklist.user_not_found": QT_TRANSLATE_NOOP("messages", "There is no such user."),
    # --- ledger: billing, credit, late fees, adjustments, front-desk checks (issue 9) ---
    "billing.invalid_month": QT_TRANSLATE_NOOP(
        "messages", "\"{text}\" is not a billing month: write it as 2026-12 (year and month)."
    ),
    "billing.invalid_due_day": QT_TRANSLATE_NOOP("messages", "The due day must be a day of the month from 1 to 31."),
    "billing.negative_quantity": QT_TRANSLATE_NOOP(
        "messages", "A price, area or meter quantity cannot be negative ({field})."
    ),
    "billing.invalid_discount": QT_TRANSLATE_NOOP("messages", "A vacancy discount is at most 100 %."),
    "billing.unknown_estate": QT_TRANSLATE_NOOP("messages", "There is no estate named {name}. Estates: {names}."),
    "billing.conflict": QT_TRANSLATE_NOOP(
        "messages", "Another desk issued bills of {period} at the same moment: nothing was written. Run it again."
    ),
    "payment.date_in_future": QT_TRANSLATE_NOOP("messages", "A payment cannot be dated in the future ({paid_on})."),
    "payment.backdate_reason_required": QT_TRANSLATE_NOOP(
        "messages", "This payment is dated {days} days back: give the reason for entering it late."
    ),
    "payment.confirm_large": QT_TRANSLATE_NOOP(
        "messages", "{amount_fen} is far more than this room owes plus a year of its bills ({limit_fen}): "
        "confirm the amount first."
    ),
    "bill.not_found": QT_TRANSLATE_NOOP("messages", "This bill no longer exists."),
    "bill.adjust_invalid_amount": QT_TRANSLATE_NOOP("messages", "The new amount of the bill is not valid."),
    "bill.adjust_unchanged": QT_TRANSLATE_NOOP("messages", "The new amount is the same as the current one."),
    "bill.adjust_below_paid": QT_TRANSLATE_NOOP(
        "messages", "The bill cannot be less than what was already paid, discounted or waived on it "
        "({minimum_fen}): reverse the payment first."
    ),
    "bill.adjust_reason_required": QT_TRANSLATE_NOOP("messages", "Give the reason for changing the bill."),
    # --- exports (issue 12) ---
    "sms.template_empty": QT_TRANSLATE_NOOP("messages", "Write the text of the message first."),
    "sms.template_too_long": QT_TRANSLATE_NOOP(
        "messages", "The message has {chars} characters; at most {limit} can be sent."
    ),
    "sms.unknown_placeholder": QT_TRANSLATE_NOOP("messages", "The message uses unknown placeholders: {names}."),
    "sms.template_forbidden": QT_TRANSLATE_NOOP(
        "messages", "The wording of the message is not allowed: {findings}. Change it first."
    ),
    "sms.batch_not_found": QT_TRANSLATE_NOOP("messages", "There is no notice batch numbered {batch}."),
    "sms.due_in_past": QT_TRANSLATE_NOOP("messages", "The pay-by date {due} has already passed."),
    # --- monthly statistics and month close (issue 12) ---
    "stats.as_of_before_month": QT_TRANSLATE_NOOP(
        "messages", "The statistics of {month} cannot be seen as of {as_of}: choose a day in or after that month."
    ),
    "stats.estate_not_found": QT_TRANSLATE_NOOP("messages", "There is no estate named {estate}."),
    "stats.unbalanced": QT_TRANSLATE_NOOP(
        "messages", "The figures of {month} do not balance for {scope}: opening arrears + billed − collected − "
        "recovered gives {formula_fen}, but the bills show {bills_fen} outstanding. The report was not printed; "
        "run 'cuijiao db check' and tell your administrator."
    ),
    "stats.month_closed": QT_TRANSLATE_NOOP(
        "messages", "{month} is already closed (by {closed_by} on {closed_at})."
    ),
    "stats.month_not_closed": QT_TRANSLATE_NOOP("messages", "{month} is not closed."),
    "stats.month_not_over": QT_TRANSLATE_NOOP(
        "messages", "{month} cannot be closed before it is over (the office's date is {today})."
    ),
    "stats.reopen_reason_required": QT_TRANSLATE_NOOP("messages", "Give the reason for reopening {month}."),
    "stats.as_of_after_today": QT_TRANSLATE_NOOP(
        "messages", "The statistics cannot be seen as of {as_of}: that day has not come yet (the office's date is "
        "{today})."
    ),
    # --- visits (issue 13) ---
    "visit.conflict": QT_TRANSLATE_NOOP("messages", "The visit collides with another visit."),
    "visit.staff_double_booked": QT_TRANSLATE_NOOP(
        "messages", "{name} is already on a visit to {room} from {start} to {end}."
    ),
    "visit.room_same_day": QT_TRANSLATE_NOOP(
        "messages", "This room already has a visit on {day} ({start}–{end})."
    ),
    "visit.on_hold": QT_TRANSLATE_NOOP(
        "messages", "Collection of this room is on hold until {until}: no visit on {day}."
    ),
    "visit.room_paid": QT_TRANSLATE_NOOP(
        "messages", "This room has nothing overdue any more: no visit is needed."
    ),
    "visit.slot_order": QT_TRANSLATE_NOOP("messages", "The visit must end after it starts ({start}–{end})."),
    "visit.slot_too_short": QT_TRANSLATE_NOOP("messages", "A visit lasts at least {minutes} minutes."),
    "visit.slot_too_long": QT_TRANSLATE_NOOP("messages", "A visit lasts at most {hours} hours."),
    "visit.slot_two_days": QT_TRANSLATE_NOOP("messages", "A visit must end on the day it starts ({day})."),
    "visit.slot_outside": QT_TRANSLATE_NOOP(
        "messages", "{start}–{end} is outside the visiting hours of {day} ({window_start}–{window_end})."
    ),
    "visit.slot_settings_order": QT_TRANSLATE_NOOP(
        "messages", "Visiting hours must end after they start ({start}–{end})."
    ),
    "visit.team_empty": QT_TRANSLATE_NOOP("messages", "Choose who goes on the visit."),
    "visit.team_duplicate": QT_TRANSLATE_NOOP("messages", "The same person is chosen twice."),
    "visit.team_too_large": QT_TRANSLATE_NOOP("messages", "At most {maximum} staff go on one visit."),
    "visit.team_alone": QT_TRANSLATE_NOOP(
        "messages", "Home visits are made by at least {minimum} staff; one "
        "person alone needs a manager's override with a reason."
    ),
    "visit.override_needs_manager": QT_TRANSLATE_NOOP(
        "messages", "Only a manager can let one person visit alone."
    ),
    "visit.duty_invalid": QT_TRANSLATE_NOOP("messages", "\"{duty}\" is not a duty on a visit."),
    "visit.bring_maintenance": QT_TRANSLATE_NOOP(
        "messages", "This room has an open service issue: consider taking a maintenance worker along."
    ),
    "visit.in_the_past": QT_TRANSLATE_NOOP("messages", "A visit cannot be planned on a past day ({day})."),
    "visit.reminder_after_visit": QT_TRANSLATE_NOOP(
        "messages", "The reminder must be on or before the day of the visit."
    ),
    "visit.result_invalid": QT_TRANSLATE_NOOP("messages", "Choose what the visit came to."),
    "visit.outcome_too_early": QT_TRANSLATE_NOOP(
        "messages", "The visit is on {day}: its outcome can be recorded from that day on."
    ),
    "visit.met_nobody_home": QT_TRANSLATE_NOOP(
        "messages", "Nobody was at home, so nobody can have been met."
    ),
    "visit.signed_nobody_home": QT_TRANSLATE_NOOP(
        "messages", "Nobody was at home, so nobody can have signed for the notice."
    ),
    "visit.met_required": QT_TRANSLATE_NOOP("messages", "Say whom you met."),
    "visit.signed_without_notice": QT_TRANSLATE_NOOP("messages", "Choose the notice that was signed for."),
    "visit.revisit_not_later": QT_TRANSLATE_NOOP(
        "messages", "The revisit must be on a later day than this visit."
    ),
    "visit.not_found": QT_TRANSLATE_NOOP("messages", "This visit no longer exists."),
    "visit.staff_not_found": QT_TRANSLATE_NOOP("messages", "A chosen staff member no longer exists."),
    "visit.staff_inactive": QT_TRANSLATE_NOOP(
        "messages", "{name}'s account is disabled: choose someone else."
    ),
    "visit.case_other_room": QT_TRANSLATE_NOOP("messages", "That collection case belongs to another room."),
    "visit.room_changed": QT_TRANSLATE_NOOP(
        "messages", "A visit cannot move to another room: cancel it and plan a new one."
    ),
    "visit.not_open": QT_TRANSLATE_NOOP(
        "messages", "This visit is no longer planned (it is done, failed or cancelled)."
    ),
    "visit.cancel_reason_required": QT_TRANSLATE_NOOP(
        "messages", "Give the reason for cancelling the visit."
    ),
    "visit.notice_not_of_room": QT_TRANSLATE_NOOP("messages", "This notice is not one of this room's."),
    # --- visit sheet (issue 13) ---
    "visit.sheet_empty": QT_TRANSLATE_NOOP("messages", "There are no visits on this route to print."),
    # --- dashboards and the building map (issue 12) ---
    "building_map.not_found": QT_TRANSLATE_NOOP("messages", "This building no longer exists."),
}

_REMAINING = QT_TRANSLATE_NOOP("messages", "{remaining} more wrong attempts will lock the account.")
_FALLBACK = QT_TRANSLATE_NOOP("messages", "The operation could not be completed ({code}).")
_UNEXPECTED = QT_TRANSLATE_NOOP("messages", "An unexpected error occurred: {detail}")
_SEE_LOG = QT_TRANSLATE_NOOP("messages", "The details are in the log file {path}.")
_OS_ERROR = QT_TRANSLATE_NOOP("messages", "A file could not be read or written: {detail}")


_direct: QTranslator | None = None


@contextmanager
def translated_without_app(lang: str = "zh_CN") -> Iterator[None]:
    """For the command line: translate through our .qm file without a QCoreApplication."""
    global _direct
    previous, translator = _direct, QTranslator()
    if translator.load(str(translations_dir() / f"cuijiao_{lang}.qm")):
        _direct = translator
    try:
        yield
    finally:
        _direct = previous


def tr(text: str) -> str:
    """Translate a source text of this module's context."""
    if _direct is not None:
        return _direct.translate(_CTX, text) or text
    return QCoreApplication.translate(_CTX, text)


def format_local_datetime(value: datetime) -> str:
    """A UTC (or aware) datetime in local time, ``YYYY-MM-DD HH:MM``."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


def _format_param(key: str, value: Any) -> str:
    if key.endswith("_fen") and isinstance(value, int) and not isinstance(value, bool):
        return format_money(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return "、".join(str(v) for v in value)
    if isinstance(value, datetime):
        return format_local_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class _Params(dict):
    def __missing__(self, key: str) -> str:
        return "?"


def _fill(template: str, params: dict[str, Any]) -> str:
    values = _Params({k: _format_param(k, v) for k, v in params.items()})
    try:
        return string.Formatter().vformat(template, (), values)
    except (ValueError, IndexError, KeyError):
        return template


def has_message(code: str) -> bool:
    """True when ``code`` has its own wording."""
    return code in MESSAGES


def message_for_code(code: str, params: dict[str, Any] | None = None) -> str:
    """The translated sentence for an error code with its parameters (generic fallback)."""
    params = dict(params or {})
    template = MESSAGES.get(code)
    if template is None:
        return _fill(tr(_FALLBACK), {"code": code})
    text = _fill(tr(template), params)
    remaining = params.get("remaining")
    if code == "auth.failed" and isinstance(remaining, int) and 0 < remaining <= 2:
        text = f"{text} {_fill(tr(_REMAINING), params)}"
    return text


def error_message(exc: BaseException) -> str:
    """The sentence to show for any exception raised by a task."""
    if isinstance(exc, DomainError):
        return message_for_code(exc.code, exc.params)
    if isinstance(exc, OSError):
        return _fill(tr(_OS_ERROR), {"detail": exc.strerror or str(exc)})
    text = _fill(tr(_UNEXPECTED), {"detail": f"{type(exc).__name__}: {exc}"})
    from cuijiao_desktop.logfile import current_path

    path = current_path()
    return f"{text}\n{_fill(tr(_SEE_LOG), {'path': str(path)})}" if path is not None else text
