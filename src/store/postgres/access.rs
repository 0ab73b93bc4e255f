//! What the server refuses, whoever connects and with whatever client (casebench, `psql`): the
//! rules the store checks in its own transactions (`roles.rs`), enforced again by privileges
//! and triggers, against the role that connected (`session_user`), which is the reviewer.
//!
//! - The owner (a member of the role that owns the tables, which ran the migration; superusers
//!   are members of every role) is trusted with everything the store's owner does: import,
//!   copying a database with its original reviewers and times, erasing ([`ERASE_EVERYTHING`]).
//!   The audit log is append-only even for it.
//! - Every other role gets the privileges the store's writes need, column by column, and no
//!   more (no DELETE or TRUNCATE of cases or audit rows, no numbering of its own: `audit.seq`,
//!   `audit.xact`, `cases.position` and the other identities come from the server). Triggers
//!   read `reviewers` and `session_user` for the rest, and refuse with the store's own words
//!   (`LeadOnly` and `NotEnrolled` in `roles.rs` and `error.rs`), SQLSTATE 42501
//!   (`insufficient_privilege`).
//!
//! Every function sets its `search_path` (the casebench schema, then `pg_temp`), so a role's
//! temporary table cannot stand in for `reviewers` or `audit`. The database's CONNECT
//! privilege is the administrator's: [`V6_ACCESS`] leaves it as it is, and `casebench_enrol`
//! grants it to each role it enrols.
//!
//! A later migration that adds a column the store writes grants it here too.

/// Version 6, access: the predicates, the triggers and the privileges. Applied right after
/// the tables, in the same transaction (see `schema.rs`).
pub const V6_ACCESS: &str = r#"
-- No one else creates objects in the casebench schema (PostgreSQL 15's default for public;
-- older databases let everyone), so no one's function or operator of the same name stands
-- beside ours. Only a warning, and no change, when the migrating role does not own the schema.
DO $$ BEGIN
    EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM PUBLIC', current_schema());
END $$;

-- Whether the session's role is trusted: a member of the role that owns the casebench tables
-- (pg_has_role is true for superusers too).
CREATE FUNCTION casebench_is_owner() RETURNS boolean
LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$
    SELECT pg_has_role(session_user, c.relowner, 'MEMBER')
    FROM pg_catalog.pg_class c WHERE c.oid = 'audit'::regclass
$$;

-- Whether `who` is a lead.
CREATE FUNCTION casebench_is_lead(who text) RETURNS boolean
LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$
    SELECT EXISTS (SELECT 1 FROM reviewers r WHERE r.name = who AND r.role = 'lead')
$$;

-- Whether `who` is in the reviewers table.
CREATE FUNCTION casebench_is_enrolled(who text) RETURNS boolean
LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$
    SELECT EXISTS (SELECT 1 FROM reviewers r WHERE r.name = who)
$$;

-- Whether names not in the reviewers table may enrol themselves (on unless set off, as the
-- store reads it).
CREATE FUNCTION casebench_open_enrolment() RETURNS boolean
LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$
    SELECT coalesce((SELECT s.value = 'on' FROM settings s WHERE s.key = 'open_enrolment'), true)
$$;

-- Whether `who` may change the roster and the settings: a lead, or anyone while the database
-- has no lead (so the first lead can be added), as the store's may_manage.
CREATE FUNCTION casebench_may_manage(who text) RETURNS boolean
LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$
    SELECT casebench_is_lead(who)
        OR NOT EXISTS (SELECT 1 FROM reviewers r WHERE r.role = 'lead')
$$;

-- Refuses, in the store's words, unless the session is the owner or a lead:
-- 'only a lead can ACTION; NAME is a reviewer'.
CREATE FUNCTION casebench_require_lead(action text) RETURNS void
LANGUAGE plpgsql STABLE SET search_path FROM CURRENT AS $$
BEGIN
    IF NOT casebench_is_owner() AND NOT casebench_is_lead(session_user::text) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('only a lead can %s; %s is a reviewer', action, session_user);
    END IF;
END $$;

-- Refuses, in the store's words, unless the session's role is in the reviewers table (or the
-- owner).
CREATE FUNCTION casebench_require_enrolled() RETURNS void
LANGUAGE plpgsql STABLE SET search_path FROM CURRENT AS $$
BEGIN
    IF NOT casebench_is_owner() AND NOT casebench_is_enrolled(session_user::text) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('reviewer "%s" is not enrolled in this database (ask a lead: '
                             'casebench reviewers add %s --role reviewer)',
                             session_user, session_user);
    END IF;
END $$;

-- audit: append-only for everyone, the owner included (as SQLite's triggers). Erasing
-- disables audit_no_delete inside its transaction, which only the owner may.
CREATE FUNCTION casebench_audit_append_only() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
        MESSAGE = 'the audit log is append-only';
END $$;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
    FOR EACH ROW EXECUTE FUNCTION casebench_audit_append_only();
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
    FOR EACH ROW EXECUTE FUNCTION casebench_audit_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
    FOR EACH STATEMENT EXECUTE FUNCTION casebench_audit_append_only();

-- audit rows: `xact` is the writing transaction, always (the window readers depend on it; a
-- copy's rows are new in this database). Then, unless the owner writes:
-- - the writer is enrolled, and writes in their own name (`reviewer` is session_user);
-- - an `overturn` comes from a lead;
-- - a reviewer's transaction changes (rows other than the `case` row of a new case) at most
--   100 distinct cases (MAX_REVIEWER_BULK); a lead's any number.
CREATE FUNCTION casebench_audit_written() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    NEW.xact := pg_current_xact_id();
    IF casebench_is_owner() THEN
        RETURN NEW;
    END IF;
    PERFORM casebench_require_enrolled();
    IF NEW.reviewer IS DISTINCT FROM session_user::text THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('%s cannot write an audit row for %s: an audit row is written in '
                             'the name of the role that connects', session_user, NEW.reviewer);
    END IF;
    IF NEW.action = 'overturn' THEN
        PERFORM casebench_require_lead('overturn a reviewer''s label');
    END IF;
    IF NEW.field <> 'case'
        AND NOT casebench_is_lead(session_user::text)
        AND NOT EXISTS (SELECT 1 FROM audit a
                        WHERE a.xact = NEW.xact AND a.case_id = NEW.case_id AND a.field <> 'case')
        AND (SELECT count(DISTINCT a.case_id) FROM audit a
             WHERE a.xact = NEW.xact AND a.field <> 'case') >= 100
    THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('only a lead can change more than 100 cases in one bulk change '
                             '(this one has at least 101); %s is a reviewer', session_user);
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER audit_written BEFORE INSERT ON audit
    FOR EACH ROW EXECUTE FUNCTION casebench_audit_written();

-- cases, changed: in the name of the role that connects (`updated_by`), unless the owner.
CREATE FUNCTION casebench_case_changed() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF NOT casebench_is_owner() AND NEW.updated_by IS DISTINCT FROM session_user::text THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('%s cannot record a change to case %s as %s''s: updated_by is the '
                             'role that connects', session_user, NEW.id,
                             coalesce(NEW.updated_by, 'no one'));
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER cases_changed BEFORE UPDATE ON cases
    FOR EACH ROW EXECUTE FUNCTION casebench_case_changed();

-- cases, at commit: a case changed has an audit row of the same transaction (other than a
-- `case` row); a case created has its `case` row. Checked when the transaction commits, so
-- the store may write the row first and its audit rows after. Not queued for the owner.
CREATE FUNCTION casebench_case_audited() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NOT EXISTS (SELECT 1 FROM audit a WHERE a.xact = pg_current_xact_id()
                       AND a.case_id = NEW.id AND a.field = 'case') THEN
            RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
                MESSAGE = format('case %s was created without its audit row (field case) in '
                                 'the same transaction', NEW.id);
        END IF;
    ELSIF NOT EXISTS (SELECT 1 FROM audit a WHERE a.xact = pg_current_xact_id()
                      AND a.case_id = NEW.id AND a.field <> 'case') THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('case %s was changed without an audit row in the same '
                             'transaction', NEW.id);
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER cases_audited AFTER INSERT OR UPDATE ON cases
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (NOT casebench_is_owner())
    EXECUTE FUNCTION casebench_case_audited();

-- reviewers: a lead (or anyone while there is no lead, or the owner) adds reviewers and
-- changes roles. Anyone else may only enrol themselves, as a reviewer, while open enrolment
-- is on (what the store's first write of a new name does).
CREATE FUNCTION casebench_roster_changed() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF casebench_is_owner() OR casebench_may_manage(session_user::text) THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' AND NEW.name = session_user::text AND NEW.role = 'reviewer' THEN
        IF casebench_open_enrolment() THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('reviewer "%s" is not enrolled in this database (ask a lead: '
                             'casebench reviewers add %s --role reviewer)',
                             session_user, session_user);
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
        MESSAGE = format('only a lead can add reviewers, change roles or the enrolment '
                         'setting; %s is a reviewer', session_user);
END $$;
CREATE TRIGGER reviewers_managed BEFORE INSERT OR UPDATE ON reviewers
    FOR EACH ROW EXECUTE FUNCTION casebench_roster_changed();

-- settings (open enrolment): as the roster.
CREATE FUNCTION casebench_settings_changed() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF NOT casebench_is_owner() AND NOT casebench_may_manage(session_user::text) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('only a lead can add reviewers, change roles or the enrolment '
                             'setting; %s is a reviewer', session_user);
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER settings_managed BEFORE INSERT OR UPDATE OR DELETE ON settings
    FOR EACH ROW EXECUTE FUNCTION casebench_settings_changed();

-- views: the team's saved views are a lead's to write.
CREATE FUNCTION casebench_views_changed() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    PERFORM casebench_require_lead('edit the team''s saved views');
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER views_lead_only BEFORE INSERT OR UPDATE OR DELETE ON views
    FOR EACH ROW EXECUTE FUNCTION casebench_views_changed();

-- spot-checks, every table of them: a lead's to write.
CREATE FUNCTION casebench_spot_check_changed() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    PERFORM casebench_require_lead('run spot-checks');
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER spot_checks_lead_only BEFORE INSERT OR UPDATE OR DELETE ON spot_checks
    FOR EACH ROW EXECUTE FUNCTION casebench_spot_check_changed();
CREATE TRIGGER spot_check_reviewers_lead_only
    BEFORE INSERT OR UPDATE OR DELETE ON spot_check_reviewers
    FOR EACH ROW EXECUTE FUNCTION casebench_spot_check_changed();
CREATE TRIGGER spot_check_strata_lead_only BEFORE INSERT OR UPDATE OR DELETE ON spot_check_strata
    FOR EACH ROW EXECUTE FUNCTION casebench_spot_check_changed();
CREATE TRIGGER spot_check_cases_lead_only BEFORE INSERT OR UPDATE OR DELETE ON spot_check_cases
    FOR EACH ROW EXECUTE FUNCTION casebench_spot_check_changed();
CREATE TRIGGER spot_check_labels_lead_only BEFORE INSERT OR UPDATE OR DELETE ON spot_check_labels
    FOR EACH ROW EXECUTE FUNCTION casebench_spot_check_changed();
CREATE TRIGGER spot_check_resolutions_lead_only
    BEFORE INSERT OR UPDATE OR DELETE ON spot_check_resolutions
    FOR EACH ROW EXECUTE FUNCTION casebench_spot_check_changed();

-- leases: coordination, not access control. Anyone enrolled takes a lease in their own name,
-- and takes over (or deletes) a lease that has lapsed, whoever held it; the store decides
-- when it has lapsed. What the server refuses is a lease written for someone else.
CREATE FUNCTION casebench_lease_written() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF casebench_is_owner() THEN
        RETURN NEW;
    END IF;
    PERFORM casebench_require_enrolled();
    IF NEW.reviewer IS DISTINCT FROM session_user::text THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('%s cannot write a lease for %s: a lease is taken in the name of '
                             'the role that connects', session_user, NEW.reviewer);
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER leases_own_name BEFORE INSERT OR UPDATE ON leases
    FOR EACH ROW EXECUTE FUNCTION casebench_lease_written();

-- suggestions and their models: any reviewer the store would let write (enrolled, or any
-- name while open enrolment is on), since the workbench trains in the background.
CREATE FUNCTION casebench_suggestion_written() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF NOT casebench_open_enrolment() THEN
        PERFORM casebench_require_enrolled();
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER suggest_models_enrolled BEFORE INSERT OR UPDATE ON suggest_models
    FOR EACH ROW EXECUTE FUNCTION casebench_suggestion_written();
CREATE TRIGGER suggestions_enrolled BEFORE INSERT OR UPDATE ON suggestions
    FOR EACH ROW EXECUTE FUNCTION casebench_suggestion_written();

-- Enrolment by the server: adds `name` with `role` or changes their role (a lead's call, or
-- anyone's while there is no lead, as the reviewers trigger decides), and grants the role
-- CONNECT on this database. The database role must exist (an administrator creates it). Runs
-- as the owner, so it can grant; the roster trigger still judges the caller (session_user).
-- Returns 'added', 'changed' or 'unchanged'.
CREATE FUNCTION casebench_enrol(name text, role text) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    who   constant text := casebench_enrol.name;
    want  constant text := casebench_enrol.role;
    was   text;
    stamp constant text := casebench_clock();
    outcome text;
BEGIN
    IF want IS NULL OR want NOT IN ('reviewer', 'lead') THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('unknown role "%s" (expected reviewer or lead)', want);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = who) THEN
        RAISE EXCEPTION USING ERRCODE = 'undefined_object',
            MESSAGE = format('there is no database role %s: an administrator creates it with '
                             'CREATE ROLE "%s" LOGIN PASSWORD …', who, replace(who, '"', '""'));
    END IF;
    IF NOT casebench_is_owner() AND NOT casebench_may_manage(session_user::text)
        AND NOT (who = session_user::text AND want = 'reviewer' AND casebench_open_enrolment())
    THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('only a lead can add reviewers, change roles or the enrolment '
                             'setting; %s is a reviewer', session_user);
    END IF;
    IF NOT has_database_privilege(current_database(), 'CONNECT WITH GRANT OPTION') THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('the owner of the casebench tables, %s, cannot grant CONNECT on '
                             'database %s: an administrator runs ALTER DATABASE %I OWNER TO %I',
                             current_user, current_database(), current_database(),
                             current_user);
    END IF;
    SELECT r.role INTO was FROM reviewers r WHERE r.name = who FOR UPDATE;
    IF NOT FOUND THEN
        INSERT INTO reviewers (name, role, added_at, updated_by, updated_at)
            VALUES (who, want, stamp, session_user, stamp);
        outcome := 'added';
    ELSIF was <> want THEN
        UPDATE reviewers r SET role = want, updated_by = session_user, updated_at = stamp
            WHERE r.name = who;
        outcome := 'changed';
    ELSE
        outcome := 'unchanged';
    END IF;
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), who);
    RETURN outcome;
END $$;

-- Privileges: reading everything, writing what the store writes, column by column. No one but
-- the owner deletes or truncates cases, audit rows, reviewers or spot-checks, or gives an
-- identity column (audit.seq, cases.position, spot_checks.id, suggest_models.id) or
-- audit.xact a value of their own.
REVOKE ALL ON schema_version, cases, audit, reviewers, settings, views, leases, spot_checks,
    spot_check_reviewers, spot_check_strata, spot_check_cases, spot_check_labels,
    spot_check_resolutions, suggest_models, suggestions FROM PUBLIC;
GRANT SELECT ON schema_version, cases, audit, reviewers, settings, views, leases, spot_checks,
    spot_check_reviewers, spot_check_strata, spot_check_cases, spot_check_labels,
    spot_check_resolutions, suggest_models, suggestions TO PUBLIC;
GRANT INSERT (at, reviewer, case_id, field, old, new, action, batch, restores)
    ON audit TO PUBLIC;
GRANT INSERT (id, received_at, channel, text, scope, reporter, kind, service, substitute,
              amount_krw, status, note, version, updated_at, updated_by)
    ON cases TO PUBLIC;
GRANT UPDATE (scope, reporter, kind, service, substitute, amount_krw, status, note, version,
              updated_at, updated_by)
    ON cases TO PUBLIC;
GRANT INSERT, UPDATE (role, updated_by, updated_at) ON reviewers TO PUBLIC;
GRANT INSERT, UPDATE (value) ON settings TO PUBLIC;
GRANT INSERT, DELETE, UPDATE (filter, search, updated_by, updated_at) ON views TO PUBLIC;
GRANT INSERT, DELETE,
      UPDATE (reviewer, taken_at, expires_at, holder_host, holder_pid, holder_started)
    ON leases TO PUBLIC;
GRANT INSERT (name, created_by, created_at, since, until, population, confidence, margin,
              proportion, seed)
    ON spot_checks TO PUBLIC;
GRANT INSERT ON spot_check_reviewers, spot_check_strata, spot_check_cases,
    spot_check_resolutions TO PUBLIC;
GRANT INSERT, UPDATE (value, lead, at) ON spot_check_labels TO PUBLIC;
GRANT INSERT (created_at, created_by, seed, filter, cases_used, figures, labels, amount)
    ON suggest_models TO PUBLIC;
GRANT INSERT, UPDATE (model_id, scope, scope_conf, reporter, reporter_conf, kind, kind_conf,
                      service, service_conf, substitute, substitute_conf, amount_krw,
                      amount_conf, amount_start, amount_end, amount_why)
    ON suggestions TO PUBLIC;
"#;

/// Erases every case and audit row, and what refers to cases (leases, spot-checks,
/// suggestions), in the caller's transaction: `replace` of an import, on PostgreSQL. Only the
/// owner can: it lifts the append-only trigger for its own delete (`ALTER TABLE` is the
/// owner's), and puts it back before anything else can write.
pub const ERASE_EVERYTHING: &str = concat!(
    crate::store::create::erase_dependents!(),
    "ALTER TABLE audit DISABLE TRIGGER audit_no_delete;
     DELETE FROM audit;
     ALTER TABLE audit ENABLE TRIGGER audit_no_delete;
     DELETE FROM cases;"
);
