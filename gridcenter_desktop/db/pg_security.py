"""The database enforces who may do what (PostgreSQL only; installed by migration 0008).

* Group roles per application role (db/roles.py) with grants: a viewer reads (and writes only
  its own audit rows); operators and supervisors run tickets; administrators also keep areas,
  departments, the calendar and settings. Nobody gets UPDATE or DELETE on ticket_event or
  audit_entry (the append-only triggers of 0007 also stop the owner).
* CONNECT on the database is taken from PUBLIC and given to the groups and the gate, so a user
  of one town's database cannot connect to another town's on the same server.
* Row-level security: a timeline event and an audit row carry the signed-in user's own id; a
  user reads only their own audit rows unless supervisor or administrator.
* A trigger refuses a timeline event whose action the user's role may not take
  (core/permissions.py ROLE_ACTIONS, baked in at install time).
* SECURITY DEFINER functions (owned by the schema owner, who has CREATEROLE) do what needs
  more than a table grant: counting sign-in attempts and locking (``gc_sign_in_*``, the gate
  may call the first two), creating and managing login roles (``gc_user_*``, the admin group
  only), a user's own password change, the first administrator (owner only), archiving old
  audit rows (admin group). Each writes its own audit row, so calling it directly, without the
  application, is audited too.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

from gridcenter_desktop.core.enums import EventAction, UserRole
from gridcenter_desktop.core.passwords import LOCK_MINUTES, MAX_FAILED_ATTEMPTS
from gridcenter_desktop.core.permissions import ROLE_ACTIONS
from gridcenter_desktop.db import roles


class MissingPrivilegeError(RuntimeError):
    """The role running the migration cannot create roles."""


# Table privileges per application role. SELECT on every table is given to every group.
_WRITES: dict[UserRole, dict[str, str]] = {
    UserRole.VIEWER: {"audit_entry": "INSERT"},
    UserRole.OPERATOR: {
        "ticket": "INSERT, UPDATE",
        "assignment": "INSERT, UPDATE",
        # services/search.py replaces a ticket's index row on every change.
        "ticket_search": "INSERT, UPDATE, DELETE",
        "ticket_event": "INSERT",
        "audit_entry": "INSERT",
        "action_key": "INSERT",
        "ticket_code_counter": "INSERT, UPDATE",
    },
}
_WRITES[UserRole.SUPERVISOR] = dict(_WRITES[UserRole.OPERATOR])
_WRITES[UserRole.ADMIN] = {
    **_WRITES[UserRole.OPERATOR],
    "area": "INSERT, UPDATE",
    "grid_member": "INSERT, UPDATE, DELETE",
    "department": "INSERT, UPDATE",
    # services/calendar.py deletes a day an administrator takes back.
    "calendar_day": "INSERT, UPDATE, DELETE",
    "app_setting": "INSERT, UPDATE",
}
# Accounts change only through the gc_user_* functions (they manage the login roles too); the
# admin group may edit the descriptive columns directly.
_ADMIN_USER_COLUMNS = "display_name, department_id, area_id"

_FUNCTIONS = (
    "gc_now()",
    "gc_current_user_id()",
    "gc_current_user_role()",
    "gc_caller_is_owner()",
    "gc_actor(integer)",
    "gc_audit_write(integer, text, text, text, text, jsonb)",
    "gc_refuse(text, text)",
    "gc_role_set_locked(text, boolean)",
    "gc_sign_in_begin(text, text)",
    "gc_sign_in_failed(text, text)",
    "gc_sign_in_done(text)",
    "gc_change_own_password(text, text)",
    "gc_user_login_create(integer, text)",
    "gc_user_create(text, text, text, text, integer, integer, text, integer)",
    "gc_user_set_active(integer, boolean, text, integer)",
    "gc_user_reset_password(integer, text, text, integer)",
    "gc_first_admin(text, text, text, text)",
    "gc_audit_archive(timestamp without time zone, text)",
    "gc_event_action_check()",
    "gc_audit_server_time()",
)


def _allowed_actions_sql() -> str:
    """CASE arms: the actions each role's members may write (MERGED_IN rides on MERGE)."""
    arms = []
    for role, actions in ROLE_ACTIONS.items():
        allowed = set(actions)
        if EventAction.MERGE in allowed:
            allowed.add(EventAction.MERGED_IN)
        values = ", ".join(f"'{a.value}'" for a in sorted(allowed)) or "NULL"
        arms.append(f"WHEN '{role.value}' THEN NEW.action IN ({values})")
    return "\n            ".join(arms)


def _functions_sql(prefix: str) -> str:
    groups = roles.group_roles(prefix)
    group_case = "\n            ".join(
        f"WHEN '{role.value}' THEN '{name}'" for role, name in groups.items()
    )
    return f"""
CREATE FUNCTION gc_now() RETURNS timestamp LANGUAGE sql STABLE AS $$
    SELECT date_trunc('second', now() AT TIME ZONE 'Asia/Shanghai')
$$;

-- The account of the signed-in login role. session_user, not current_user: SET ROLE to a
-- group does not change who signed in.
CREATE FUNCTION gc_current_user_id() RETURNS integer LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
    SELECT id FROM app_user WHERE db_role = session_user::text AND active
$$;

CREATE FUNCTION gc_current_user_role() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
    SELECT role FROM app_user WHERE db_role = session_user::text AND active
$$;

-- The schema owner (or a superuser): the one who ran the migrations.
CREATE FUNCTION gc_caller_is_owner() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
    SELECT pg_has_role(session_user, c.relowner, 'USAGE')
    FROM pg_class c WHERE c.oid = 'public.app_user'::regclass
$$;

-- Who acts: the signed-in account; the schema owner (init-db, scripts) may name one.
CREATE FUNCTION gc_actor(p_actor_id integer) RETURNS integer LANGUAGE sql STABLE
SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce(gc_current_user_id(), CASE WHEN gc_caller_is_owner() THEN p_actor_id END)
$$;

CREATE FUNCTION gc_audit_write(p_user_id integer, p_login text, p_workstation text,
                               p_action text, p_target text, p_detail jsonb)
RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    INSERT INTO audit_entry (at, user_id, login, workstation, action, ticket_id, target, detail)
    VALUES (gc_now(), p_user_id,
            left(coalesce(p_login, (SELECT a.login FROM app_user a WHERE a.id = p_user_id), ''),
                 64),
            left(coalesce(p_workstation, ''), 128), p_action, NULL, left(p_target, 200),
            (coalesce(p_detail, '{{}}'::jsonb) || jsonb_strip_nulls(
                jsonb_build_object('client_addr', host(inet_client_addr()))))::text)
$$;

-- Refusals the application turns into ValidationError(field, rule) / PermissionDeniedError.
CREATE FUNCTION gc_refuse(p_field text, p_rule text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF p_field = 'forbidden' THEN
        RAISE EXCEPTION 'gridcenter-refusal forbidden %', p_rule
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RAISE EXCEPTION 'gridcenter-refusal % %', p_field, p_rule USING ERRCODE = 'check_violation';
END;
$$;

-- A locked or disabled login role fails even with the right password, and fails with the very
-- message of a wrong one (an expired password), so a guesser learns nothing from it; NOLOGIN
-- would answer "not permitted to log in" only after a correct password.
CREATE FUNCTION gc_role_set_locked(p_role text, p_locked boolean) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF p_role IS NULL THEN
        RETURN;
    END IF;
    EXECUTE format('ALTER ROLE %I VALID UNTIL %L', p_role,
                   CASE WHEN p_locked THEN '-infinity' ELSE 'infinity' END);
END;
$$;

-- Step 1 of a sign-in, called through the gate before the password is tried: under the row
-- lock, reserve one of the five attempts (counted as a failure until the sign-in succeeds), or
-- refuse while the login is locked. Twenty desks guessing at once get five tries between them.
CREATE FUNCTION gc_sign_in_begin(p_login text, p_workstation text)
RETURNS TABLE (outcome text, db_role text, locked_until timestamp)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    u app_user%ROWTYPE;
    t timestamp := gc_now();
    until timestamp;
BEGIN
    SELECT * INTO u FROM app_user a WHERE a.login = p_login FOR UPDATE;
    IF NOT FOUND OR NOT u.active OR u.db_role IS NULL THEN
        PERFORM gc_audit_write(NULL, p_login, p_workstation, 'sign_in_failed', '',
                               jsonb_build_object('reason', 'unknown'));
        RETURN QUERY SELECT 'unknown'::text, NULL::text, NULL::timestamp;
        RETURN;
    END IF;
    IF u.locked_until IS NOT NULL AND u.locked_until > t THEN
        PERFORM gc_audit_write(u.id, p_login, p_workstation, 'sign_in_failed', '',
                               jsonb_build_object('reason', 'locked'));
        RETURN QUERY SELECT 'locked'::text, NULL::text, u.locked_until;
        RETURN;
    END IF;
    IF u.locked_until IS NOT NULL THEN
        -- The quarter of an hour is over: the next attempt unlocks.
        PERFORM gc_role_set_locked(u.db_role, false);
        UPDATE app_user a SET failed_attempts = 0, locked_until = NULL WHERE a.id = u.id;
        u.failed_attempts := 0;
    END IF;
    IF u.failed_attempts >= {MAX_FAILED_ATTEMPTS} THEN
        -- Five attempts were taken by desks still checking: lock from now.
        until := t + interval '{LOCK_MINUTES} minutes';
        PERFORM gc_role_set_locked(u.db_role, true);
        UPDATE app_user a SET failed_attempts = 0, locked_until = until WHERE a.id = u.id;
        PERFORM gc_audit_write(u.id, p_login, p_workstation, 'sign_in_failed', '',
                               jsonb_build_object('reason', 'locked'));
        RETURN QUERY SELECT 'locked'::text, NULL::text, until;
        RETURN;
    END IF;
    UPDATE app_user a SET failed_attempts = a.failed_attempts + 1 WHERE a.id = u.id;
    RETURN QUERY SELECT 'ok'::text, u.db_role::text, NULL::timestamp;
END;
$$;

-- Step 2 after a refused password: audited; the fifth reserved failure in a row locks.
CREATE FUNCTION gc_sign_in_failed(p_login text, p_workstation text) RETURNS timestamp
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    u app_user%ROWTYPE;
    t timestamp := gc_now();
BEGIN
    SELECT * INTO u FROM app_user a WHERE a.login = p_login FOR UPDATE;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    PERFORM gc_audit_write(u.id, p_login, p_workstation, 'sign_in_failed', '',
                           jsonb_build_object('reason', 'wrong_password'));
    IF u.failed_attempts >= {MAX_FAILED_ATTEMPTS}
       AND (u.locked_until IS NULL OR u.locked_until <= t) THEN
        PERFORM gc_role_set_locked(u.db_role, true);
        UPDATE app_user a SET failed_attempts = 0,
               locked_until = t + interval '{LOCK_MINUTES} minutes' WHERE a.id = u.id;
        PERFORM gc_audit_write(u.id, p_login, p_workstation, 'sign_in_locked', '', NULL);
        RETURN t + interval '{LOCK_MINUTES} minutes';
    END IF;
    RETURN NULL;
END;
$$;

-- Step 3, called by the user's own login role once the server accepted the password.
CREATE FUNCTION gc_sign_in_done(p_workstation text)
RETURNS TABLE (user_id integer, login text, display_name text, role text,
               must_change_password boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    u app_user%ROWTYPE;
BEGIN
    SELECT * INTO u FROM app_user a WHERE a.db_role = session_user::text FOR UPDATE;
    IF NOT FOUND OR NOT u.active THEN
        PERFORM gc_refuse('login', 'unknown');
    END IF;
    IF u.locked_until IS NOT NULL AND u.locked_until > gc_now() THEN
        PERFORM gc_refuse('login', 'locked');
    END IF;
    UPDATE app_user a SET failed_attempts = 0, locked_until = NULL WHERE a.id = u.id;
    PERFORM gc_audit_write(u.id, u.login, p_workstation, 'sign_in', '', NULL);
    RETURN QUERY SELECT u.id, u.login::text, u.display_name::text, u.role::text,
                        u.must_change_password;
END;
$$;

CREATE FUNCTION gc_change_own_password(p_verifier text, p_workstation text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    u app_user%ROWTYPE;
BEGIN
    IF p_verifier IS NULL OR left(p_verifier, 14) <> 'SCRAM-SHA-256$' THEN
        PERFORM gc_refuse('password', 'not_a_verifier');
    END IF;
    SELECT * INTO u FROM app_user a WHERE a.db_role = session_user::text AND a.active FOR UPDATE;
    IF NOT FOUND THEN
        PERFORM gc_refuse('forbidden', 'change_password');
    END IF;
    EXECUTE format('ALTER ROLE %I PASSWORD %L', u.db_role, p_verifier);
    UPDATE app_user a SET must_change_password = false WHERE a.id = u.id;
    PERFORM gc_audit_write(u.id, u.login, p_workstation, 'password_change',
                           'user ' || u.login, NULL);
END;
$$;

-- The login role of an account row (owner: demo bulk loads; and the functions below).
CREATE FUNCTION gc_user_login_create(p_user_id integer, p_verifier text) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    u app_user%ROWTYPE;
    r text;
BEGIN
    SELECT * INTO u FROM app_user a WHERE a.id = p_user_id FOR UPDATE;
    IF NOT FOUND THEN
        PERFORM gc_refuse('user', 'not_found');
    END IF;
    IF left(coalesce(p_verifier, ''), 14) <> 'SCRAM-SHA-256$' THEN
        PERFORM gc_refuse('password', 'not_a_verifier');
    END IF;
    IF u.login !~ '^[A-Za-z0-9][A-Za-z0-9_.-]{{0,31}}$' THEN
        PERFORM gc_refuse('login', 'bad_characters');
    END IF;
    r := '{prefix}.' || u.login;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
        PERFORM gc_refuse('login', 'duplicate');
    END IF;
    EXECUTE format('CREATE ROLE %I LOGIN INHERIT PASSWORD %L VALID UNTIL %L IN ROLE %I',
                   r, p_verifier, CASE WHEN u.active THEN 'infinity' ELSE '-infinity' END,
                   CASE u.role
            {group_case}
                   END);
    EXECUTE format('COMMENT ON ROLE %I IS %L', r,
                   'gridcenter login of database ' || current_database());
    UPDATE app_user a SET db_role = r WHERE a.id = u.id;
    RETURN r;
END;
$$;

CREATE FUNCTION gc_user_create(p_login text, p_display_name text, p_role text,
                               p_verifier text, p_department_id integer, p_area_id integer,
                               p_workstation text, p_actor_id integer DEFAULT NULL)
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    new_id integer;
    actor_id integer := gc_actor(p_actor_id);
BEGIN
    IF NOT (gc_current_user_role() = 'admin' OR gc_caller_is_owner()) THEN
        PERFORM gc_refuse('forbidden', 'administer_users');
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('gridcenter users'));
    IF p_role NOT IN ('viewer', 'operator', 'supervisor', 'admin') THEN
        PERFORM gc_refuse('role', 'invalid');
    END IF;
    IF EXISTS (SELECT 1 FROM app_user a WHERE a.login = p_login) THEN
        PERFORM gc_refuse('login', 'duplicate');
    END IF;
    INSERT INTO app_user (login, display_name, role, password_hash, failed_attempts,
                          locked_until, active, must_change_password, department_id, area_id,
                          created_at)
    VALUES (p_login, p_display_name, p_role, '!server', 0, NULL, true, true, p_department_id,
            p_area_id, gc_now())
    RETURNING id INTO new_id;
    PERFORM gc_user_login_create(new_id, p_verifier);
    PERFORM gc_audit_write(actor_id, NULL, p_workstation, 'user_create',
                           'user ' || p_login,
                           jsonb_build_object('after', jsonb_build_object(
                               'login', p_login, 'display_name', p_display_name,
                               'role', p_role, 'department_id', p_department_id,
                               'area_id', p_area_id)));
    RETURN new_id;
END;
$$;

CREATE FUNCTION gc_user_set_active(p_user_id integer, p_active boolean, p_workstation text,
                                   p_actor_id integer DEFAULT NULL)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    u app_user%ROWTYPE;
    grp text;
    actor_id integer := gc_actor(p_actor_id);
BEGIN
    IF NOT (gc_current_user_role() = 'admin' OR gc_caller_is_owner()) THEN
        PERFORM gc_refuse('forbidden', 'administer_users');
    END IF;
    -- One administration change at a time: two admins cannot disable each other at once.
    PERFORM pg_advisory_xact_lock(hashtext('gridcenter users'));
    SELECT * INTO u FROM app_user a WHERE a.id = p_user_id FOR UPDATE;
    IF NOT FOUND THEN
        PERFORM gc_refuse('user', 'not_found');
    END IF;
    IF u.active = p_active THEN
        RETURN;
    END IF;
    IF NOT p_active THEN
        IF u.id = actor_id THEN
            PERFORM gc_refuse('user', 'self');
        END IF;
        IF u.role = 'admin' AND NOT EXISTS (
            SELECT 1 FROM app_user a WHERE a.role = 'admin' AND a.active AND a.id <> u.id) THEN
            PERFORM gc_refuse('user', 'last_admin');
        END IF;
    END IF;
    UPDATE app_user a SET active = p_active, failed_attempts = 0, locked_until = NULL
    WHERE a.id = u.id;
    IF u.db_role IS NOT NULL THEN
        grp := CASE u.role
            {group_case}
               END;
        -- A disabled account's open sessions lose the group's rights at once.
        IF p_active THEN
            EXECUTE format('GRANT %I TO %I', grp, u.db_role);
        ELSE
            EXECUTE format('REVOKE %I FROM %I', grp, u.db_role);
        END IF;
        PERFORM gc_role_set_locked(u.db_role, NOT p_active);
    END IF;
    PERFORM gc_audit_write(actor_id, NULL, p_workstation,
                           CASE WHEN p_active THEN 'user_enable' ELSE 'user_disable' END,
                           'user ' || u.login,
                           jsonb_build_object('before', jsonb_build_object('active', u.active),
                                              'after', jsonb_build_object('active', p_active)));
END;
$$;

CREATE FUNCTION gc_user_reset_password(p_user_id integer, p_verifier text, p_workstation text,
                                       p_actor_id integer DEFAULT NULL)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    u app_user%ROWTYPE;
    actor_id integer := gc_actor(p_actor_id);
BEGIN
    IF NOT (gc_current_user_role() = 'admin' OR gc_caller_is_owner()) THEN
        PERFORM gc_refuse('forbidden', 'administer_users');
    END IF;
    IF left(coalesce(p_verifier, ''), 14) <> 'SCRAM-SHA-256$' THEN
        PERFORM gc_refuse('password', 'not_a_verifier');
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('gridcenter users'));
    SELECT * INTO u FROM app_user a WHERE a.id = p_user_id FOR UPDATE;
    IF NOT FOUND THEN
        PERFORM gc_refuse('user', 'not_found');
    END IF;
    UPDATE app_user a SET must_change_password = true, failed_attempts = 0, locked_until = NULL
    WHERE a.id = u.id;
    IF u.db_role IS NULL THEN
        -- An account from before the database kept login roles gets one now.
        PERFORM gc_user_login_create(u.id, p_verifier);
    ELSE
        EXECUTE format('ALTER ROLE %I PASSWORD %L', u.db_role, p_verifier);
        PERFORM gc_role_set_locked(u.db_role, NOT u.active);
    END IF;
    PERFORM gc_audit_write(actor_id, NULL, p_workstation, 'user_reset_password',
                           'user ' || u.login, NULL);
END;
$$;

-- The administrator of a new database: owner only, and only while there is no account at all
-- (an advisory lock makes ten desks at once create one).
CREATE FUNCTION gc_first_admin(p_login text, p_display_name text, p_verifier text,
                               p_workstation text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    new_id integer;
BEGIN
    IF NOT gc_caller_is_owner() THEN
        PERFORM gc_refuse('forbidden', 'first_admin');
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('gridcenter users'));
    IF EXISTS (SELECT 1 FROM app_user) THEN
        PERFORM gc_refuse('login', 'duplicate');
    END IF;
    INSERT INTO app_user (login, display_name, role, password_hash, failed_attempts,
                          locked_until, active, must_change_password, created_at)
    VALUES (p_login, p_display_name, 'admin', '!server', 0, NULL, true, false, gc_now())
    RETURNING id INTO new_id;
    PERFORM gc_user_login_create(new_id, p_verifier);
    PERFORM gc_audit_write(new_id, p_login, p_workstation, 'user_create', 'user ' || p_login,
                           jsonb_build_object('after', jsonb_build_object(
                               'login', p_login, 'display_name', p_display_name,
                               'role', 'admin', 'first_admin', true)));
    RETURN new_id;
END;
$$;

-- The documented archive of audit rows older than six months (append_only lets it through).
CREATE FUNCTION gc_audit_archive(p_before timestamp, p_workstation text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    n bigint;
BEGIN
    IF NOT (gc_current_user_role() = 'admin' OR gc_caller_is_owner()) THEN
        PERFORM gc_refuse('forbidden', 'archive_audit');
    END IF;
    PERFORM set_config('gridcenter.archive_before', p_before::text, true);
    DELETE FROM audit_entry WHERE at < p_before;
    GET DIAGNOSTICS n = ROW_COUNT;
    PERFORM gc_audit_write(gc_current_user_id(), NULL, p_workstation, 'audit_archive',
                           'before ' || p_before::text, jsonb_build_object('rows', n));
    RETURN n;
END;
$$;

-- An audit row written by a signed-in user carries the server's time, not the desk's: nobody
-- backdates an entry past the archive window or out of an auditor's filter.
CREATE FUNCTION gc_audit_server_time() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF gc_current_user_id() IS NOT NULL THEN
        NEW.at := gc_now();
    END IF;
    RETURN NEW;
END;
$$;

{_event_action_check_sql("CREATE")}
"""


def _event_action_check_sql(verb: str) -> str:
    """The trigger function that refuses a timeline event the writer's role may not take."""
    return f"""
-- A member of a group writes only the timeline actions its role may take.
{verb} FUNCTION gc_event_action_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r text := gc_current_user_role();
    allowed boolean;
BEGIN
    IF r IS NULL THEN
        RETURN NEW;  -- the schema owner (migrations, demo build); RLS stops anyone else
    END IF;
    allowed := CASE r
            {_allowed_actions_sql()}
            ELSE false END;
    IF NOT coalesce(allowed, false) THEN
        RAISE EXCEPTION 'gridcenter: role % may not write a % event', r, NEW.action
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
"""


def refresh_event_action_check(conn: Connection) -> None:
    """For a later migration that adds ticket actions: bake core/permissions.py's current
    ROLE_ACTIONS into the trigger function again. No-op on SQLite."""
    if conn.dialect.name != "postgresql":
        return
    roles.execute_ddl(conn, _event_action_check_sql("CREATE OR REPLACE"))


def _ident(conn: Connection, name: str) -> str:
    return roles.quote_ident(conn, name)


def _ensure_role(conn: Connection, name: str, kind: str, database: str, login: bool) -> None:
    comment = roles.ROLE_COMMENT.format(kind=kind, database=database)
    found = conn.execute(
        text("SELECT shobj_description(oid, 'pg_authid') FROM pg_roles WHERE rolname = :name"),
        {"name": name},
    ).first()
    if found is not None and found[0] != comment:
        raise MissingPrivilegeError(
            f"role {name!r} already exists and is not GridCenter's {kind} of database"
            f" {database!r}; rename or drop it, or use another database name"
        )
    quoted = _ident(conn, name)
    if found is None:
        conn.execute(text(f"CREATE ROLE {quoted} {'LOGIN' if login else 'NOLOGIN'}"))
        conn.execute(text(f"COMMENT ON ROLE {quoted} IS {roles.quote_literal(conn, comment)}"))


def check_can_create_roles(conn: Connection) -> None:
    """Refuse, in one clear sentence, a migrating role that lacks CREATEROLE."""
    row = conn.execute(
        text(
            "SELECT current_user, rolsuper OR rolcreaterole FROM pg_roles"
            " WHERE rolname = current_user"
        )
    ).one()
    if not row[1]:
        raise MissingPrivilegeError(
            f"the database role {row[0]!r} running the migration lacks the CREATEROLE"
            f' privilege; a superuser grants it with: ALTER ROLE "{row[0]}" CREATEROLE'
            " (docs/deployment.md)"
        )


def install(conn: Connection) -> None:
    """Create the roles, grants, policies, functions and trigger of the current database."""
    if conn.dialect.name != "postgresql":
        return
    check_can_create_roles(conn)
    database = conn.scalar(text("SELECT current_database()"))
    prefix = roles.prefix_for(database)
    groups = roles.group_roles(prefix)
    for role, name in groups.items():
        _ensure_role(conn, name, f"{role.value} group", database, login=False)
    gate = roles.gate_role(prefix)
    _ensure_role(conn, gate, "sign-in gate", database, login=True)
    verifier = roles.scram_verifier(conn, gate, roles.GATE_PASSWORD)
    roles.execute_ddl(
        conn,
        f"ALTER ROLE {_ident(conn, gate)} LOGIN NOINHERIT"
        f" PASSWORD {roles.quote_literal(conn, verifier)}",
    )
    grant_database_access(conn)
    all_groups = ", ".join(_ident(conn, n) for n in groups.values())
    conn.execute(text("REVOKE CREATE ON SCHEMA public FROM PUBLIC"))
    conn.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {all_groups}"))
    conn.execute(text(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {all_groups}"))
    # Tables and sequences later migrations create are readable and usable by every group;
    # what a group may write there, the migration grants (``grant_writes``).
    conn.execute(
        text(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO {all_groups}")
    )
    conn.execute(
        text(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO {all_groups}")
    )
    for role, writes in _WRITES.items():
        for table, privileges in writes.items():
            conn.execute(text(f"GRANT {privileges} ON {table} TO {_ident(conn, groups[role])}"))
    admin = _ident(conn, groups[UserRole.ADMIN])
    conn.execute(text(f"GRANT UPDATE ({_ADMIN_USER_COLUMNS}) ON app_user TO {admin}"))

    roles.execute_ddl(conn, _functions_sql(prefix))
    for signature in _FUNCTIONS:
        conn.execute(text(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC"))
    gate_q = _ident(conn, gate)
    for signature in ("gc_sign_in_begin(text, text)", "gc_sign_in_failed(text, text)"):
        conn.execute(text(f"GRANT EXECUTE ON FUNCTION {signature} TO {gate_q}"))
    for signature in (
        "gc_now()",
        "gc_current_user_id()",
        "gc_current_user_role()",
        "gc_sign_in_done(text)",
        "gc_change_own_password(text, text)",
    ):
        conn.execute(text(f"GRANT EXECUTE ON FUNCTION {signature} TO {all_groups}"))
    for signature in (
        "gc_user_create(text, text, text, text, integer, integer, text, integer)",
        "gc_user_set_active(integer, boolean, text, integer)",
        "gc_user_reset_password(integer, text, text, integer)",
        "gc_audit_archive(timestamp without time zone, text)",
    ):
        conn.execute(text(f"GRANT EXECUTE ON FUNCTION {signature} TO {admin}"))

    conn.execute(
        text(
            "CREATE TRIGGER trg_ticket_event_action_check BEFORE INSERT ON ticket_event"
            " FOR EACH ROW EXECUTE FUNCTION gc_event_action_check()"
        )
    )
    conn.execute(
        text(
            "CREATE TRIGGER trg_audit_entry_server_time BEFORE INSERT ON audit_entry"
            " FOR EACH ROW EXECUTE FUNCTION gc_audit_server_time()"
        )
    )
    for table in ("ticket_event", "audit_entry"):
        conn.execute(text(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"))
    conn.execute(text("CREATE POLICY ticket_event_read ON ticket_event FOR SELECT USING (true)"))
    conn.execute(
        text(
            "CREATE POLICY ticket_event_own ON ticket_event FOR INSERT"
            " WITH CHECK (user_id = gc_current_user_id())"
        )
    )
    conn.execute(
        text(
            "CREATE POLICY audit_entry_read ON audit_entry FOR SELECT USING ("
            " user_id = gc_current_user_id()"
            " OR gc_current_user_role() IN ('supervisor', 'admin'))"
        )
    )
    conn.execute(
        text(
            "CREATE POLICY audit_entry_own ON audit_entry FOR INSERT"
            " WITH CHECK (user_id = gc_current_user_id())"
        )
    )


def grant_database_access(conn: Connection) -> None:
    """Only the database's group roles and its gate may connect to it. The grants belong to
    the database, not its contents: a restored dump (``pg_restore`` into a new, empty
    database) carries none, so restore calls this too."""
    database = conn.scalar(text("SELECT current_database()"))
    prefix = roles.prefix_for(database)
    db = _ident(conn, database)
    names = [*roles.group_roles(prefix).values(), roles.gate_role(prefix)]
    everyone = ", ".join(_ident(conn, n) for n in names)
    conn.execute(text(f"REVOKE ALL ON DATABASE {db} FROM PUBLIC"))
    conn.execute(text(f"GRANT CONNECT ON DATABASE {db} TO {everyone}"))


def grant_writes(conn: Connection, table: str, writes: dict[UserRole, str]) -> None:
    """For a later migration that adds a table: grant ``writes`` (e.g. {UserRole.OPERATOR:
    "INSERT, UPDATE"}) to the groups (SELECT comes with the default privileges). No-op on
    SQLite."""
    if conn.dialect.name != "postgresql":
        return
    groups = roles.group_roles(roles.database_prefix(conn))
    for role, privileges in writes.items():
        conn.execute(text(f"GRANT {privileges} ON {table} TO {_ident(conn, groups[role])}"))


def uninstall(conn: Connection) -> None:
    """Undo ``install``: policies, trigger, functions, grants and every role of the prefix."""
    if conn.dialect.name != "postgresql":
        return
    database = conn.scalar(text("SELECT current_database()"))
    prefix = roles.prefix_for(database)
    for policy, table in (
        ("ticket_event_read", "ticket_event"),
        ("ticket_event_own", "ticket_event"),
        ("audit_entry_read", "audit_entry"),
        ("audit_entry_own", "audit_entry"),
    ):
        conn.execute(text(f"DROP POLICY IF EXISTS {policy} ON {table}"))
    for table in ("ticket_event", "audit_entry"):
        conn.execute(text(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY"))
    conn.execute(text("DROP TRIGGER IF EXISTS trg_ticket_event_action_check ON ticket_event"))
    conn.execute(text("DROP TRIGGER IF EXISTS trg_audit_entry_server_time ON audit_entry"))
    for signature in reversed(_FUNCTIONS):
        conn.execute(text(f"DROP FUNCTION IF EXISTS {signature}"))
    names = conn.scalars(
        text(
            "SELECT rolname FROM pg_roles WHERE rolname = ANY(:fixed)"
            " OR starts_with(rolname, :dotted)"
        ),
        {"fixed": roles.all_role_names(prefix), "dotted": prefix + "."},
    ).all()
    if names:
        # Explicit revokes: DROP OWNED needs membership in the roles, CREATEROLE does not give it.
        quoted = ", ".join(_ident(conn, n) for n in names)
        groups = ", ".join(_ident(conn, n) for n in roles.group_roles(prefix).values())
        for kind, privilege in (("TABLES", "SELECT"), ("SEQUENCES", "USAGE")):
            conn.execute(
                text(
                    f"ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE {privilege} ON {kind}"
                    f" FROM {groups}"
                )
            )
        conn.execute(text(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {quoted}"))
        conn.execute(text(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {quoted}"))
        conn.execute(text(f"REVOKE ALL ON DATABASE {_ident(conn, database)} FROM {quoted}"))
        for name in sorted(names, key=lambda n: "." not in n):
            conn.execute(text(f"DROP ROLE {_ident(conn, name)}"))
    conn.execute(text("UPDATE app_user SET db_role = NULL"))
    db = _ident(conn, database)
    conn.execute(text(f"GRANT CONNECT, TEMPORARY ON DATABASE {db} TO PUBLIC"))
