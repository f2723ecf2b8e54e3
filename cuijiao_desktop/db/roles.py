"""PostgreSQL roles for several desks: a migration role owns the schema, the app connects as a role
that may only SELECT and INSERT on the ledger tables and the audit log.

A table's owner can ``ALTER TABLE … DISABLE TRIGGER`` and so switch off the append-only guard; the
app's role therefore owns nothing. It gets normal rights on the other tables (``backup_record``
included: every desk records its backups), USAGE on the sequences (a long write draws its ids with
``nextval``), TEMPORARY on the database (a long write stages its rows in TEMP tables), and the
default privileges make the tables a later migration creates usable too (a new append-only table
loses UPDATE/DELETE again in its migration: ``ledger_ddl.revoke_changes``). The migration role
owns the database and may create databases: a PostgreSQL restore (run as that role) restores into
a new database and renames it into place.

:func:`plan` reads the catalogue and returns the statements; ``cuijiao db init-roles`` prints them
or, with ``--apply``, runs them as a superuser. Running them again changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection

from .models import APPEND_ONLY_TABLES

_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
#: What the app role may do on a ledger table (and nothing else).
LEDGER_RIGHTS = "SELECT, INSERT"
TABLE_RIGHTS = "SELECT, INSERT, UPDATE, DELETE"
SEQUENCE_RIGHTS = "USAGE, SELECT, UPDATE"


@dataclass(frozen=True)
class RolePlan:
    """The statements to run, and the problems that stop them (e.g. the app role is a superuser)."""

    statements: tuple[str, ...]
    problems: tuple[str, ...]
    roles_to_create: tuple[str, ...]


def valid_role_name(name: str) -> bool:
    """Lower-case letters, digits and underscores, not starting with a digit (no quoting needed)."""
    return bool(_NAME.fullmatch(name)) and not name.startswith("pg_")


def _role(conn: Connection, name: str):
    return conn.exec_driver_sql(
        "SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname = %(n)s", {"n": name}
    ).first()


def plan(conn: Connection, *, owner: str, app: str, schema: str = "public") -> RolePlan:
    """The statements that give ``owner`` the schema and ``app`` only what it needs, from the live catalogue."""
    problems: list[str] = []
    for name in (owner, app):
        if not valid_role_name(name):
            problems.append(f"invalid_name:{name}")
    if owner == app:
        problems.append("same_role")
    if problems:
        return RolePlan((), tuple(problems), ())
    database = conn.exec_driver_sql("SELECT current_database()").scalar()
    app_row = _role(conn, app)
    if app_row is not None:
        if app_row.rolsuper or app_row.rolbypassrls:
            problems.append("app_superuser")
        member = conn.exec_driver_sql(
            "SELECT pg_has_role(%(a)s, %(o)s, 'MEMBER')", {"a": app, "o": owner}
        ).scalar() if _role(conn, owner) is not None else False
        if member:
            problems.append("app_member_of_owner")
    create = tuple(n for n in (owner, app) if _role(conn, n) is None)
    tables = list(conn.exec_driver_sql(
        "SELECT tablename FROM pg_tables WHERE schemaname = %(s)s ORDER BY tablename", {"s": schema}).scalars())
    sequences = list(conn.exec_driver_sql(
        """SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE c.relkind = 'S' AND n.nspname = %(s)s
             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i'))
           ORDER BY c.relname""", {"s": schema}).scalars())
    functions = list(conn.exec_driver_sql(
        """SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = %(s)s AND p.proname LIKE 'cuijiao%%' ORDER BY 1""", {"s": schema}).scalars())

    sql: list[str] = []
    for name in create:
        sql.append(f"CREATE ROLE {name} LOGIN")
    sql.append(f"ALTER ROLE {app} NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS")
    sql.append(f'REVOKE CONNECT, TEMPORARY ON DATABASE "{database}" FROM PUBLIC')
    # TEMPORARY: a long write (an import, the billing run) stages its rows in TEMP tables of its own
    # connection and publishes them at once (services/batch.py)
    sql.append(f'GRANT CONNECT, TEMPORARY ON DATABASE "{database}" TO {owner}, {app}')
    # a restore (cuijiao restore, run as the migration role) restores into a new database, checks it
    # and renames it into place: the migration role creates databases and owns this one
    sql.append(f"ALTER ROLE {owner} CREATEDB")
    sql.append(f'ALTER DATABASE "{database}" OWNER TO {owner}')
    sql.append(f"ALTER SCHEMA {schema} OWNER TO {owner}")
    sql.append(f"REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC")
    sql.append(f"GRANT USAGE ON SCHEMA {schema} TO {app}")
    sql.extend(f"ALTER TABLE {schema}.{t} OWNER TO {owner}" for t in tables)
    sql.extend(f"ALTER SEQUENCE {schema}.{q} OWNER TO {owner}" for q in sequences)
    sql.extend(f"ALTER FUNCTION {schema}.{f} OWNER TO {owner}" for f in functions)
    if tables:
        sql.append(f"GRANT {TABLE_RIGHTS} ON ALL TABLES IN SCHEMA {schema} TO {app}")
        ledger = [t for t in APPEND_ONLY_TABLES if t in tables]
        if ledger:
            sql.append(f"REVOKE UPDATE, DELETE, TRUNCATE ON {', '.join(ledger)} FROM {app}, PUBLIC")
        if "alembic_version" in tables:
            sql.append(f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON {schema}.alembic_version FROM {app}")
        sql.append(f"GRANT {SEQUENCE_RIGHTS} ON ALL SEQUENCES IN SCHEMA {schema} TO {app}")
    sql.append(f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {schema} GRANT {TABLE_RIGHTS} ON TABLES TO {app}")
    sql.append(f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {schema} GRANT {SEQUENCE_RIGHTS} "
               f"ON SEQUENCES TO {app}")
    return RolePlan(tuple(sql), tuple(problems), create)


def apply(conn: Connection, role_plan: RolePlan, passwords: dict[str, str] | None = None) -> None:
    """Run the plan in the caller's transaction; ``passwords`` (role → password) are set but never printed."""
    from psycopg import sql as pgsql

    for stmt in role_plan.statements:
        conn.exec_driver_sql(stmt)
    raw = conn.connection.dbapi_connection
    for role, password in (passwords or {}).items():
        stmt = pgsql.SQL("ALTER ROLE {} PASSWORD {}").format(pgsql.Identifier(role), pgsql.Literal(password))
        conn.exec_driver_sql(stmt.as_string(raw).replace("%", "%%"))


def is_superuser(conn: Connection) -> bool:
    """True when the connection's role is a superuser (needed to move ownership and create roles)."""
    return conn.exec_driver_sql("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").scalar() is True


def _grantee(name: str | None) -> str:
    return "PUBLIC" if name is None else '"' + name.replace('"', '""') + '"'


_OBJECT_KINDS = {"r": "TABLE", "p": "TABLE", "v": "TABLE", "S": "SEQUENCE"}
_DEFAULT_KINDS = {"r": "TABLES", "S": "SEQUENCES", "f": "FUNCTIONS", "T": "TYPES"}


def privilege_statements(source: Connection, *, target_database: str, schema: str = "public") -> list[str]:
    """The grants of ``source``'s database to give a copy of it (a restore: ``pg_restore
    --no-privileges`` leaves the new database's objects to the role that restored them, with no
    grants): the database's own grants (CONNECT, TEMPORARY), the schema's, each table's and
    sequence's, and the default privileges, read from the live catalogue. Run them in the copy
    (the database-level ones from any database). Nothing to do for a database set up without
    roles (the defaults are all there is)."""
    sql: list[str] = []
    db_acl = source.exec_driver_sql(
        """SELECT a.privilege_type, r.rolname
           FROM pg_database d CROSS JOIN LATERAL aclexplode(d.datacl) a LEFT JOIN pg_roles r ON r.oid = a.grantee
           WHERE d.datname = current_database() AND a.grantee <> d.datdba""").all()
    if db_acl:  # the database had grants of its own (init-roles): the same, and nothing for PUBLIC
        sql.append(f'REVOKE ALL ON DATABASE "{target_database}" FROM PUBLIC')
        sql.extend(f'GRANT {priv} ON DATABASE "{target_database}" TO {_grantee(role)}' for priv, role in db_acl)
    for priv, role in source.exec_driver_sql(
        """SELECT a.privilege_type, r.rolname
           FROM pg_namespace n CROSS JOIN LATERAL aclexplode(n.nspacl) a LEFT JOIN pg_roles r ON r.oid = a.grantee
           WHERE n.nspname = %(s)s AND a.grantee <> n.nspowner""", {"s": schema}):
        sql.append(f"GRANT {priv} ON SCHEMA {schema} TO {_grantee(role)}")
    for name, kind, priv, role in source.exec_driver_sql(
        """SELECT c.relname, c.relkind, a.privilege_type, r.rolname
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           CROSS JOIN LATERAL aclexplode(c.relacl) a LEFT JOIN pg_roles r ON r.oid = a.grantee
           WHERE n.nspname = %(s)s AND c.relkind IN ('r', 'p', 'v', 'S') AND a.grantee <> c.relowner
           ORDER BY c.relname, a.privilege_type""", {"s": schema}):
        sql.append(f"GRANT {priv} ON {_OBJECT_KINDS[kind]} {schema}.{name} TO {_grantee(role)}")
    if is_superuser(source):  # restored by a superuser: the objects go back to their owners (the migration role)
        me = source.exec_driver_sql("SELECT current_user").scalar()
        owners = source.exec_driver_sql(
            """SELECT 'SCHEMA', n.nspname, pg_get_userbyid(n.nspowner) FROM pg_namespace n WHERE n.nspname = %(s)s
               UNION ALL
               SELECT 'TABLE', %(s)s || '.' || c.relname, pg_get_userbyid(c.relowner)
               FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname = %(s)s AND c.relkind IN ('r', 'p', 'v')
               UNION ALL
               SELECT 'FUNCTION', p.oid::regprocedure::text, pg_get_userbyid(p.proowner)
               FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
               WHERE n.nspname = %(s)s AND p.proname LIKE 'cuijiao%%'""", {"s": schema}).all()
        sql.extend(f"ALTER {kind} {name} OWNER TO {_grantee(owner)}" for kind, name, owner in owners
                   if owner not in (me, "pg_database_owner"))
    for owner, kind, priv, role in source.exec_driver_sql(
        """SELECT o.rolname, d.defaclobjtype, a.privilege_type, r.rolname
           FROM pg_default_acl d JOIN pg_namespace n ON n.oid = d.defaclnamespace
           JOIN pg_roles o ON o.oid = d.defaclrole
           CROSS JOIN LATERAL aclexplode(d.defaclacl) a LEFT JOIN pg_roles r ON r.oid = a.grantee
           WHERE n.nspname = %(s)s AND a.grantee <> d.defaclrole""", {"s": schema}):
        if kind in _DEFAULT_KINDS:
            sql.append(f"ALTER DEFAULT PRIVILEGES FOR ROLE {_grantee(owner)} IN SCHEMA {schema} "
                       f"GRANT {priv} ON {_DEFAULT_KINDS[kind]} TO {_grantee(role)}")
    return sql
