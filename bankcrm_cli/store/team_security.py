"""The team store's security on PostgreSQL: group roles, GRANTs, row-level security, the
reveal audit and the database-written "who" (migration 0006; docs/security.md).

Every statement is written against the placeholder `@S@` (the store's schema, quoted) and
runs inside a DO block that fills it in from `current_schema()` when it runs: role names and
qualified names then follow the schema the migration runs in, also when its statements are
replayed into another schema (tests/pgstore.py).

A table with customer data added later (campaigns) calls `protect_customer_table` in its own
migration: `op.execute(protect_customer_table("campaign_members"))`.
"""

from __future__ import annotations

# The five kinds of staff; a store's group role for a kind is `<schema>_crm_<kind>`.
ROLES = ("rm", "branch_manager", "head_office", "compliance", "admin")
# Roles that read every customer (policy crm_all); rm and branch_manager read their own.
READ_ALL_ROLES = ("head_office", "compliance", "admin")
# Tables whose rows belong to a customer, and the column naming the customer.
CUSTOMER_TABLES = (
    ("holdings", "customer_id"),
    ("contacts", "customer_id"),
    ("complaints", "customer_id"),
    ("history", "customer_id"),
    ("deliveries", "customer_id"),
    ("customer_aliases", "customer_id"),
    ("holding_history", "customer_id"),
    ("aum_history", "customer_id"),
    ("followup_actions", "customer_id"),
    ("merges", "keep_id"),
)
# Tables with an `actor` column: the database writes who acted (trigger crm_stamp_actor).
ACTOR_TABLES = (
    "import_runs",
    "followup_actions",
    "contacts",
    "complaints",
    "history",
    "deliveries",
    "merges",
)
# Columns only some roles read in full: head_office reads the masked view instead.
PII_COLUMNS = ("id_number", "id_number_raw", "phone")


def in_schema(sql: str) -> str:
    """`sql` run in a DO block with the current schema filled in: @S@ as a name, @N@ as a
    string literal, @M@ as the name of its masked schema."""
    return (
        "DO $crm_do$ BEGIN EXECUTE replace(replace(replace($crm_sql$"
        + sql
        + "$crm_sql$, '@S@', quote_ident(current_schema())), "
        "'@N@', quote_literal(current_schema())), "
        "'@M@', quote_ident(current_schema() || '_masked')); END $crm_do$"
    )


def protect_customer_table(table: str, key: str = "customer_id", null_ok: bool = False) -> str:
    """The statement that puts a table of customer rows under the store's policies and grants
    (for a later migration adding such a table, e.g. campaigns)."""
    flag = "true" if null_ok else "false"
    return f"DO $$ BEGIN PERFORM crm_protect_customer_table('{table}', '{key}', {flag}); END $$"


CREATE_ROLES = """
DO $$
DECLARE kind text; name text;
BEGIN
  IF NOT (SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    RAISE EXCEPTION 'crm db upgrade creates the store''s group roles: % needs CREATEROLE',
      current_user USING ERRCODE = '42501',
      HINT = 'a superuser runs: ALTER ROLE ' || current_user || ' CREATEROLE';
  END IF;
  FOREACH kind IN ARRAY ARRAY['rm','branch_manager','head_office','compliance','admin'] LOOP
    name := current_schema() || '_crm_' || kind;
    IF length(name) > 63 THEN
      RAISE EXCEPTION 'the schema name % is too long for its role names', current_schema();
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = name) THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN', name);
    END IF;
  END LOOP;
END $$
"""

# Who the session is, looked up once per statement: policies call these as `(SELECT f())`,
# an InitPlan, so the lookup is not repeated per row and rm_code's index stays usable.
FUNCTIONS = [
    """CREATE FUNCTION @S@.crm_group(kind text) RETURNS text LANGUAGE sql IMMUTABLE
    AS $f$ SELECT @N@ || '_crm_' || kind $f$""",
    """CREATE FUNCTION @S@.crm_me() RETURNS TABLE (login text, person text, role text,
    branch text, active boolean) LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $f$ SELECT u.login, u.person, u.role, u.branch, u.active FROM @S@.staff_users u
    WHERE u.login = session_user $f$""",
    """CREATE FUNCTION @S@.crm_sees_all() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $f$ SELECT COALESCE((SELECT u.role IN ('head_office', 'compliance', 'admin')
      FROM @S@.staff_users u WHERE u.login = session_user AND u.active), false)
      OR pg_has_role(session_user, (SELECT c.relowner FROM pg_class c
        WHERE c.oid = '@S@.customers'::regclass), 'USAGE') $f$""",
    """CREATE FUNCTION @S@.crm_visible_rms() RETURNS text[] LANGUAGE sql STABLE
    SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $f$ SELECT CASE u.role WHEN 'rm' THEN ARRAY[u.person::text]
      WHEN 'branch_manager' THEN ARRAY(SELECT r.rm_code::text FROM @S@.rms r
        WHERE r.branch = u.branch) || u.person::text END
    FROM @S@.staff_users u WHERE u.login = session_user AND u.active $f$""",
    """CREATE FUNCTION @S@.crm_actor_label(claimed text, fallback text DEFAULT NULL)
    RETURNS text LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $f$
    DECLARE me record; target text;
    BEGIN
      SELECT * INTO me FROM @S@.staff_users u WHERE u.login = session_user AND u.active;
      IF NOT FOUND THEN
        RETURN COALESCE(NULLIF(claimed, ''), NULLIF(fallback, ''), session_user::text);
      END IF;
      target := COALESCE(claimed, '');
      IF starts_with(target, me.person || ' for ') THEN
        target := substr(target, length(me.person) + 6);
      END IF;
      IF target IN ('', me.person, session_user::text) THEN
        RETURN me.person;
      END IF;
      IF me.role = 'branch_manager' AND EXISTS (SELECT FROM @S@.rms r
          WHERE r.rm_code = target AND r.branch = me.branch) THEN
        RETURN me.person || ' for ' || target;
      END IF;
      RAISE EXCEPTION '% (%) may not act as %: only a branch manager acts for the RMs of '
        'their branch', session_user, me.role, target USING ERRCODE = '42501';
    END $f$""",
    """CREATE FUNCTION @S@.crm_stamp_actor() RETURNS trigger LANGUAGE plpgsql AS $f$
    BEGIN
      IF TG_OP = 'INSERT' OR NEW.actor IS DISTINCT FROM OLD.actor THEN
        NEW.actor := @S@.crm_actor_label(NEW.actor);
      END IF;
      RETURN NEW;
    END $f$""",
    """CREATE FUNCTION @S@.crm_stamp_undone_by() RETURNS trigger LANGUAGE plpgsql AS $f$
    BEGIN
      IF NEW.undone_by IS NOT NULL AND NEW.undone_by IS DISTINCT FROM OLD.undone_by THEN
        NEW.undone_by := @S@.crm_actor_label(NEW.undone_by);
      END IF;
      RETURN NEW;
    END $f$""",
    # A follow-up's state belongs to the customer its id names, so policies can see it.
    """CREATE FUNCTION @S@.crm_followup_customer() RETURNS trigger LANGUAGE plpgsql AS $f$
    DECLARE k text := substr(NEW.item_id, length(NEW.kind) + 2);
    BEGIN
      IF NEW.customer_id IS NULL THEN
        IF NEW.kind IN ('birthday', 'maturity') THEN
          k := regexp_replace(k, ':[^:]*$', '');
        END IF;
        NEW.customer_id := CASE NEW.kind
          WHEN 'birthday' THEN k
          WHEN 'maturity' THEN (SELECT h.customer_id FROM @S@.holdings h WHERE h.account_id = k)
          WHEN 'callback' THEN (SELECT c.customer_id FROM @S@.contacts c WHERE c.id::text = k)
          WHEN 'complaint' THEN
            (SELECT c.customer_id FROM @S@.complaints c WHERE c.id::text = k)
        END;
      END IF;
      RETURN NEW;
    END $f$""",
    """CREATE FUNCTION @S@.crm_audit_stamp() RETURNS trigger LANGUAGE plpgsql AS $f$
    DECLARE r text;
    BEGIN
      SELECT me.role INTO r FROM @S@.crm_me() me WHERE me.active;
      IF r IN ('head_office', 'admin') THEN
        RAISE EXCEPTION 'a % login may not reveal ID numbers and phones in full', r
          USING ERRCODE = '42501';
      END IF;
      NEW.login := session_user;
      NEW.at := now();
      NEW.actor := @S@.crm_actor_label(NEW.actor);
      RETURN NEW;
    END $f$""",
    """CREATE FUNCTION @S@.crm_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $f$
    BEGIN
      RAISE EXCEPTION 'the reveal audit is append-only: % refused', TG_OP
        USING ERRCODE = '42501';
    END $f$""",
    """CREATE FUNCTION @S@.crm_mask_id(v text) RETURNS text LANGUAGE sql IMMUTABLE
    AS $f$ SELECT CASE WHEN v IS NULL OR v = '' THEN v
      WHEN length(v) >= 15 THEN left(v, 6) || repeat('*', length(v) - 10) || right(v, 4)
      WHEN length(v) > 4 THEN left(v, 2) || repeat('*', length(v) - 4) || right(v, 2)
      ELSE repeat('*', length(v)) END $f$""",
    """CREATE FUNCTION @S@.crm_mask_phone(v text) RETURNS text LANGUAGE sql IMMUTABLE
    AS $f$ SELECT CASE WHEN v IS NULL OR v = '' THEN v
      WHEN length(v) >= 11 THEN left(v, 3) || repeat('*', length(v) - 7) || right(v, 4)
      WHEN length(v) > 4 THEN left(v, 2) || repeat('*', length(v) - 4) || right(v, 2)
      ELSE repeat('*', length(v)) END $f$""",
]

# The hook: policies and grants for one table of customer rows, keyed by `key`.
PROTECT_FUNCTION = """CREATE FUNCTION @S@.crm_protect_customer_table(tbl text, key text,
    null_ok boolean DEFAULT false) RETURNS void LANGUAGE plpgsql AS $f$
    DECLARE
      owner text := (SELECT pg_get_userbyid(c.relowner) FROM pg_class c
        WHERE c.oid = format('@S@.%I', tbl)::regclass);
      own text := format('%I IN (SELECT c.customer_id FROM @S@.customers c '
        'WHERE c.rm_code = ANY ((SELECT @S@.crm_visible_rms())::text[]))', key);
      kind text;
    BEGIN
      EXECUTE format('ALTER TABLE @S@.%I ENABLE ROW LEVEL SECURITY', tbl);
      EXECUTE format('ALTER TABLE @S@.%I FORCE ROW LEVEL SECURITY', tbl);
      EXECUTE format('CREATE POLICY crm_all ON @S@.%I TO %I, %I, %I, %I '
        'USING ((SELECT @S@.crm_sees_all())) WITH CHECK ((SELECT @S@.crm_sees_all()))',
        tbl, owner, @S@.crm_group('head_office'), @S@.crm_group('compliance'),
        @S@.crm_group('admin'));
      EXECUTE format('CREATE POLICY crm_own ON @S@.%I TO %I, %I USING (%s) WITH CHECK (%s)',
        tbl, @S@.crm_group('rm'), @S@.crm_group('branch_manager'), own,
        CASE WHEN null_ok THEN format('%I IS NULL OR ', key) ELSE '' END || own);
      FOREACH kind IN ARRAY ARRAY['rm','branch_manager','head_office','compliance','admin'] LOOP
        EXECUTE format('GRANT SELECT ON @S@.%I TO %I', tbl, @S@.crm_group(kind));
      END LOOP;
      EXECUTE format('GRANT INSERT, UPDATE ON @S@.%I TO %I, %I', tbl, @S@.crm_group('rm'),
        @S@.crm_group('branch_manager'));
      EXECUTE format('GRANT INSERT, UPDATE, DELETE ON @S@.%I TO %I', tbl,
        @S@.crm_group('admin'));
    END $f$"""


# Staff logins, run by an admin through SECURITY DEFINER functions (the store's owner creates
# and alters the PostgreSQL roles), so no admin login needs CREATEROLE itself.
USER_FUNCTIONS = [
    """CREATE FUNCTION @S@.crm_user_grant(p_login text, p_role text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
    DECLARE kind text;
    BEGIN
      FOREACH kind IN ARRAY ARRAY['rm','branch_manager','head_office','compliance','admin'] LOOP
        IF pg_has_role(p_login, @S@.crm_group(kind), 'MEMBER') THEN
          EXECUTE format('REVOKE %I FROM %I', @S@.crm_group(kind), p_login);
        END IF;
      END LOOP;
      IF p_role IS NOT NULL THEN
        EXECUTE format('GRANT %I TO %I', @S@.crm_group(p_role), p_login);
      END IF;
    END $f$""",
    """CREATE FUNCTION @S@.crm_user_add(p_login text, p_person text, p_role text,
    p_branch text) RETURNS text LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp AS $f$
    DECLARE r record; outcome text := 'created';
    BEGIN
      IF EXISTS (SELECT FROM @S@.staff_users u WHERE u.login = p_login) THEN
        RAISE EXCEPTION '% is already a user of this store; use crm users set-role', p_login
          USING ERRCODE = '23505';
      END IF;
      SELECT * INTO r FROM pg_roles WHERE rolname = p_login;
      IF FOUND THEN
        IF r.rolsuper OR p_login = (SELECT pg_get_userbyid(c.relowner) FROM pg_class c
            WHERE c.oid = '@S@.customers'::regclass)
            OR p_login IN (SELECT @S@.crm_group(k) FROM unnest(ARRAY['rm', 'branch_manager',
              'head_office', 'compliance', 'admin']) k) THEN
          RAISE EXCEPTION '% is a superuser, the store''s owner or a group role: not a staff '
            'login', p_login USING ERRCODE = '42501';
        END IF;
        EXECUTE format('ALTER ROLE %I LOGIN', p_login);
        outcome := 'adopted';
      ELSE
        EXECUTE format('CREATE ROLE %I LOGIN', p_login);
      END IF;
      PERFORM @S@.crm_user_grant(p_login, p_role);
      INSERT INTO @S@.staff_users (login, person, role, branch, active, created_at, updated_at)
        VALUES (p_login, p_person, p_role, p_branch, true, now(), now());
      RETURN outcome;
    END $f$""",
    """CREATE FUNCTION @S@.crm_user_set_role(p_login text, p_role text, p_branch text)
    RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $f$
    BEGIN
      UPDATE @S@.staff_users SET role = p_role, branch = COALESCE(p_branch, branch),
        updated_at = now() WHERE login = p_login;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'no user %', p_login USING ERRCODE = 'P0002';
      END IF;
      IF (SELECT active FROM @S@.staff_users WHERE login = p_login) THEN
        PERFORM @S@.crm_user_grant(p_login, p_role);
      END IF;
    END $f$""",
    """CREATE FUNCTION @S@.crm_user_disable(p_login text) RETURNS void LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
    BEGIN
      UPDATE @S@.staff_users SET active = false, updated_at = now() WHERE login = p_login;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'no user %', p_login USING ERRCODE = 'P0002';
      END IF;
      PERFORM @S@.crm_user_grant(p_login, NULL);
      EXECUTE format('ALTER ROLE %I NOLOGIN', p_login);
    END $f$""",
]

CUSTOMER_POLICIES = [
    "ALTER TABLE @S@.customers ENABLE ROW LEVEL SECURITY",
    "ALTER TABLE @S@.customers FORCE ROW LEVEL SECURITY",
]

# Grants, triggers and the masked view: plain PL/pgSQL run in the store's schema.
GRANTS = """
DO $$
DECLARE
  s text := current_schema();
  g_all text; g_write text; g_admin text := s || '_crm_admin';
  cols text; t text;
BEGIN
  SELECT string_agg(quote_ident(s || '_crm_' || k), ', ') INTO g_all
    FROM unnest(ARRAY['rm','branch_manager','head_office','compliance','admin']) k;
  g_write := format('%I, %I', s || '_crm_rm', s || '_crm_branch_manager');
  EXECUTE format('CREATE POLICY crm_all ON %I.customers TO %I, %I, %I, %I '
    'USING ((SELECT %I.crm_sees_all())) WITH CHECK ((SELECT %I.crm_sees_all()))', s,
    (SELECT pg_get_userbyid(c.relowner) FROM pg_class c
      WHERE c.oid = format('%I.customers', s)::regclass),
    s || '_crm_head_office', s || '_crm_compliance', g_admin, s, s);
  EXECUTE format('CREATE POLICY crm_own ON %I.customers TO %s '
    'USING (rm_code = ANY ((SELECT %I.crm_visible_rms())::text[])) '
    'WITH CHECK (rm_code = ANY ((SELECT %I.crm_visible_rms())::text[]))', s, g_write, s, s);
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO %s', s, g_all);
  FOREACH t IN ARRAY ARRAY['alembic_version', 'rms', 'import_runs'] LOOP
    EXECUTE format('GRANT SELECT ON %I.%I TO %s', s, t, g_all);
  END LOOP;
  EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %I.rms, %I.import_runs TO %I', s, s, g_admin);
  EXECUTE format('GRANT SELECT ON %I.customers TO %s, %I, %I', s, g_write,
    s || '_crm_compliance', g_admin);
  EXECUTE format('GRANT UPDATE ON %I.customers TO %s', s, g_write);
  EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %I.customers TO %I', s, g_admin);
  SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) INTO cols
    FROM information_schema.columns WHERE table_schema = s AND table_name = 'customers'
    AND column_name NOT IN ('id_number', 'id_number_raw', 'phone');
  EXECUTE format('GRANT SELECT (%s) ON %I.customers TO %I', cols, s, s || '_crm_head_office');
  EXECUTE format('GRANT SELECT ON %I.staff_users TO %I', s, g_admin);
  EXECUTE format('GRANT INSERT ON %I.reveal_audit TO %s', s, g_all);
  EXECUTE format('GRANT SELECT ON %I.reveal_audit TO %I', s, s || '_crm_compliance');
  EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %s', s, g_all);
  -- A reveal leaves its trace in the history too, whoever may reveal.
  EXECUTE format('GRANT INSERT ON %I.history TO %I', s, s || '_crm_compliance');
  FOREACH t IN ARRAY ARRAY['crm_user_add(text,text,text,text)',
      'crm_user_set_role(text,text,text)', 'crm_user_disable(text)',
      'crm_user_grant(text,text)'] LOOP
    EXECUTE format('REVOKE EXECUTE ON FUNCTION %I.%s FROM PUBLIC', s, t);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %I.%s TO %I', s, t, g_admin);
  END LOOP;
END $$
"""

TRIGGERS = """
DO $$
DECLARE s text := current_schema(); t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['import_runs', 'followup_actions', 'contacts', 'complaints',
      'history', 'deliveries', 'merges'] LOOP
    EXECUTE format('CREATE TRIGGER crm_actor BEFORE INSERT OR UPDATE OF actor ON %I.%I '
      'FOR EACH ROW EXECUTE FUNCTION %I.crm_stamp_actor()', s, t, s);
  END LOOP;
  EXECUTE format('CREATE TRIGGER crm_undone_by BEFORE UPDATE OF undone_by ON %I.merges '
    'FOR EACH ROW EXECUTE FUNCTION %I.crm_stamp_undone_by()', s, s);
  EXECUTE format('CREATE TRIGGER crm_customer BEFORE INSERT OR UPDATE ON %I.followup_actions '
    'FOR EACH ROW EXECUTE FUNCTION %I.crm_followup_customer()', s, s);
  EXECUTE format('UPDATE %I.followup_actions SET customer_id = NULL', s);
  EXECUTE format('CREATE TRIGGER crm_audit_stamp BEFORE INSERT ON %I.reveal_audit '
    'FOR EACH ROW EXECUTE FUNCTION %I.crm_audit_stamp()', s, s);
  EXECUTE format('CREATE TRIGGER crm_append_only BEFORE UPDATE OR DELETE ON %I.reveal_audit '
    'FOR EACH ROW EXECUTE FUNCTION %I.crm_audit_append_only()', s, s);
  EXECUTE format('CREATE TRIGGER crm_no_truncate BEFORE TRUNCATE ON %I.reveal_audit '
    'FOR EACH STATEMENT EXECUTE FUNCTION %I.crm_audit_append_only()', s, s);
END $$
"""

# head_office reads customers through this view: ID numbers and phones masked in the database.
MASKED_VIEW = """
DO $$
DECLARE s text := current_schema(); m text := current_schema() || '_masked'; cols text;
  g_all text;
BEGIN
  SELECT string_agg(quote_ident(s || '_crm_' || k), ', ') INTO g_all
    FROM unnest(ARRAY['rm','branch_manager','head_office','compliance','admin']) k;
  SELECT string_agg(CASE
      WHEN column_name IN ('id_number', 'id_number_raw')
        THEN format('%I.crm_mask_id(%I) AS %I', s, column_name, column_name)
      WHEN column_name = 'phone' THEN format('%I.crm_mask_phone(phone) AS phone', s)
      ELSE quote_ident(column_name) END, ', ' ORDER BY ordinal_position) INTO cols
    FROM information_schema.columns WHERE table_schema = s AND table_name = 'customers';
  EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I', m);
  EXECUTE format('CREATE VIEW %I.customers AS SELECT %s FROM %I.customers', m, cols, s);
  EXECUTE format('CREATE VIEW %I.alembic_version AS SELECT * FROM %I.alembic_version', m, s);
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO %s', m, g_all);
  EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO %s', m, g_all);
END $$
"""


def upgrade_statements() -> list[str]:
    """Everything migration 0006 runs on PostgreSQL, in order."""
    statements = [CREATE_ROLES]
    statements += [in_schema(sql) for sql in FUNCTIONS]
    statements.append(in_schema(PROTECT_FUNCTION))
    statements += [in_schema(sql) for sql in USER_FUNCTIONS]
    statements += [in_schema(sql) for sql in CUSTOMER_POLICIES]
    statements.append(GRANTS)
    statements += [
        protect_customer_table(table, key, null_ok=table == "history")
        for table, key in CUSTOMER_TABLES
    ]
    statements += [TRIGGERS, MASKED_VIEW]
    return statements


DOWNGRADE = """
DO $$
DECLARE s text := current_schema(); t text; k text;
BEGIN
  EXECUTE format('DROP SCHEMA IF EXISTS %I CASCADE', s || '_masked');
  FOREACH t IN ARRAY ARRAY['customers', 'holdings', 'contacts', 'complaints', 'history',
      'deliveries', 'customer_aliases', 'holding_history', 'aum_history', 'followup_actions',
      'merges'] LOOP
    EXECUTE format('DROP POLICY IF EXISTS crm_all ON %I.%I', s, t);
    EXECUTE format('DROP POLICY IF EXISTS crm_own ON %I.%I', s, t);
    EXECUTE format('ALTER TABLE %I.%I NO FORCE ROW LEVEL SECURITY', s, t);
    EXECUTE format('ALTER TABLE %I.%I DISABLE ROW LEVEL SECURITY', s, t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['import_runs', 'followup_actions', 'contacts', 'complaints',
      'history', 'deliveries', 'merges'] LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS crm_actor ON %I.%I', s, t);
  END LOOP;
  EXECUTE format('DROP TRIGGER IF EXISTS crm_undone_by ON %I.merges', s);
  EXECUTE format('DROP TRIGGER IF EXISTS crm_customer ON %I.followup_actions', s);
  FOREACH k IN ARRAY ARRAY['rm','branch_manager','head_office','compliance','admin'] LOOP
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = s || '_crm_' || k) THEN
      EXECUTE format('DROP OWNED BY %I', s || '_crm_' || k);
      EXECUTE format('DROP ROLE %I', s || '_crm_' || k);
    END IF;
  END LOOP;
  FOREACH t IN ARRAY ARRAY['crm_user_add(text,text,text,text)',
      'crm_user_set_role(text,text,text)', 'crm_user_disable(text)', 'crm_user_grant(text,text)',
      'crm_protect_customer_table(text,text,boolean)', 'crm_mask_phone(text)',
      'crm_mask_id(text)', 'crm_audit_append_only()', 'crm_audit_stamp()',
      'crm_followup_customer()', 'crm_stamp_undone_by()', 'crm_stamp_actor()',
      'crm_actor_label(text,text)', 'crm_visible_rms()', 'crm_sees_all()', 'crm_me()',
      'crm_group(text)'] LOOP
    EXECUTE format('DROP FUNCTION IF EXISTS %I.%s', s, t);
  END LOOP;
END $$
"""

# Campaigns (migration 0007). Members and their steps are customer rows: an RM sees and moves
# only their own customers' members. The campaign itself is no customer's: every role reads
# it; head office (the marketing department), branch managers and admins create, target and
# close campaigns. Who acted is written by the database, as elsewhere.
CAMPAIGN_TABLES = (("campaign_members", "customer_id"), ("campaign_member_events", "customer_id"))
CAMPAIGN_GRANTS = """
DO $$
DECLARE s text := current_schema(); t text; g_all text;
  g_plan text := format('%I, %I, %I', s || '_crm_head_office', s || '_crm_branch_manager',
    s || '_crm_admin');
BEGIN
  SELECT string_agg(quote_ident(s || '_crm_' || k), ', ') INTO g_all
    FROM unnest(ARRAY['rm','branch_manager','head_office','compliance','admin']) k;
  EXECUTE format('GRANT SELECT ON %I.campaigns TO %s', s, g_all);
  EXECUTE format('GRANT INSERT, UPDATE ON %I.campaigns TO %s', s, g_plan);
  EXECUTE format('GRANT INSERT, UPDATE ON %I.campaign_members, %I.campaign_member_events '
    'TO %I', s, s, s || '_crm_head_office');
  EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %s', s, g_all);
  FOREACH t IN ARRAY ARRAY['campaigns', 'campaign_members', 'campaign_member_events'] LOOP
    EXECUTE format('CREATE TRIGGER crm_actor BEFORE INSERT OR UPDATE OF actor ON %I.%I '
      'FOR EACH ROW EXECUTE FUNCTION %I.crm_stamp_actor()', s, t, s);
  END LOOP;
END $$
"""


def campaign_statements() -> list[str]:
    """What migration 0007 runs on PostgreSQL once its tables exist."""
    return [protect_customer_table(table, key) for table, key in CAMPAIGN_TABLES] + [
        CAMPAIGN_GRANTS
    ]
