//! The schema, versioned with `PRAGMA user_version` and migrated forward on open.
//!
//! Each entry of [`MIGRATIONS`] takes the database from version `i` to `i + 1`. A migration is
//! never edited once released: change the schema by appending a new one.

use rusqlite::Connection;

use super::error::StoreError;

/// Version 1: cases and the append-only audit log.
const V1: &str = r#"
CREATE TABLE cases (
    id          TEXT PRIMARY KEY NOT NULL,
    received_at TEXT,
    channel     TEXT,
    text        TEXT NOT NULL,
    scope       TEXT CHECK (scope IN ('kakao', 'affiliate')),
    reporter    TEXT CHECK (reporter IN ('individual', 'small_business', 'enterprise')),
    kind        TEXT CHECK (kind IN ('paid', 'free_monetary', 'inquiry', 'opinion', 'protest',
                                     'encouragement')),
    service     TEXT CHECK (service IN ('kakaotalk', 'kakao_login', 'talk_channel', 'kakaomap',
                                        'gift', 'emoticon', 'talk_drawer', 'daum', 'kakao_t',
                                        'kakaopay', 'melon', 'kakao_page', 'other')),
    substitute  TEXT CHECK (substitute IN ('available', 'unavailable', 'unknown')),
    amount_krw  INTEGER CHECK (amount_krw IS NULL OR amount_krw >= 0),
    status      TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'reviewed', 'escalated')),
    note        TEXT,
    version     INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    updated_at  TEXT,
    updated_by  TEXT
);

CREATE TABLE audit (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    at       TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    case_id  TEXT NOT NULL REFERENCES cases (id),
    field    TEXT NOT NULL,
    old      TEXT,
    new      TEXT,
    action   TEXT NOT NULL,
    batch    TEXT
);
CREATE INDEX audit_by_case ON audit (case_id, seq);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"#;

/// Version 2: reviewers (back-filled from the audit log) and settings.
const V2: &str = r#"
CREATE TABLE reviewers (
    name     TEXT PRIMARY KEY NOT NULL,
    role     TEXT NOT NULL DEFAULT 'reviewer' CHECK (role IN ('reviewer', 'lead')),
    added_at TEXT NOT NULL
);
INSERT INTO reviewers (name, role, added_at)
    SELECT reviewer, 'reviewer', min(at) FROM audit GROUP BY reviewer;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
INSERT INTO settings (key, value) VALUES ('open_enrolment', 'on');

CREATE INDEX audit_by_reviewer ON audit (reviewer, at);
"#;

/// Version 3: saved views (a named filter and optional search), shared by the team.
const V3: &str = r#"
CREATE TABLE views (
    name       TEXT PRIMARY KEY NOT NULL,
    filter     TEXT NOT NULL,
    search     TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
"#;

/// Version 4: who changed a reviewer's role, case leases (times in unix milliseconds), and
/// spot-checks (the sample with the reviewers' labels as sampled, the lead's blind labels and
/// the resolution of each difference).
const V4: &str = r#"
ALTER TABLE reviewers ADD COLUMN updated_by TEXT;
ALTER TABLE reviewers ADD COLUMN updated_at TEXT;

CREATE TABLE leases (
    case_id    TEXT PRIMARY KEY NOT NULL REFERENCES cases (id),
    reviewer   TEXT NOT NULL,
    taken_at   INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX leases_by_reviewer ON leases (reviewer);

CREATE TABLE spot_checks (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    since       TEXT NOT NULL,
    until       TEXT,
    population  INTEGER NOT NULL CHECK (population >= 0),
    confidence  REAL,
    margin      REAL,
    proportion  REAL,
    seed        INTEGER NOT NULL
);
CREATE TABLE spot_check_reviewers (
    check_id INTEGER NOT NULL REFERENCES spot_checks (id),
    reviewer TEXT NOT NULL,
    PRIMARY KEY (check_id, reviewer)
);
CREATE TABLE spot_check_strata (
    check_id   INTEGER NOT NULL REFERENCES spot_checks (id),
    stratum    TEXT NOT NULL,
    population INTEGER NOT NULL,
    sample     INTEGER NOT NULL,
    PRIMARY KEY (check_id, stratum)
);
CREATE TABLE spot_check_cases (
    check_id    INTEGER NOT NULL REFERENCES spot_checks (id),
    case_id     TEXT NOT NULL REFERENCES cases (id),
    position    INTEGER NOT NULL,
    reviewer    TEXT NOT NULL,
    labelled_at TEXT NOT NULL,
    version     INTEGER NOT NULL,
    scope       TEXT,
    reporter    TEXT,
    kind        TEXT,
    service     TEXT,
    substitute  TEXT,
    PRIMARY KEY (check_id, case_id)
);
CREATE TABLE spot_check_labels (
    check_id INTEGER NOT NULL,
    case_id  TEXT NOT NULL,
    field    TEXT NOT NULL CHECK (field IN ('scope', 'reporter', 'kind', 'service', 'substitute')),
    value    TEXT,
    lead     TEXT NOT NULL,
    at       TEXT NOT NULL,
    PRIMARY KEY (check_id, case_id, field),
    FOREIGN KEY (check_id, case_id) REFERENCES spot_check_cases (check_id, case_id)
);
CREATE TABLE spot_check_resolutions (
    check_id   INTEGER NOT NULL,
    case_id    TEXT NOT NULL,
    field      TEXT NOT NULL,
    resolution TEXT NOT NULL CHECK (resolution IN ('keep', 'overturn')),
    lead       TEXT NOT NULL,
    at         TEXT NOT NULL,
    PRIMARY KEY (check_id, case_id, field),
    FOREIGN KEY (check_id, case_id, field)
        REFERENCES spot_check_labels (check_id, case_id, field)
);
"#;

/// Version 5: reverts and leases that know their holder.
///
/// - `audit.restores`: on a row with action `revert`, the sequence number of the audit row
///   whose value the revert brings back, already followed through earlier reverts (so it never
///   names a `revert` row); NULL when the value brought back predates every audit row of that
///   field (an imported value). Spot-check populations read it so that a reverted batch counts
///   as if it never happened (see `spot/mod.rs`). NULL on every other row.
/// - `audit_by_batch`: reverting finds a batch's rows, and the batches near a mistyped id.
/// - `leases.holder_host`, `holder_pid`, `holder_started`: the host name, process id and
///   process start time (clock ticks after boot, from `/proc/PID/stat`) of the workbench that
///   holds the lease, so a lease whose process is gone on this host is free at once. NULL for
///   a lease that only expires by time (`casebench next`, leases written before version 5).
const V5: &str = r#"
ALTER TABLE audit ADD COLUMN restores INTEGER;
CREATE INDEX audit_by_batch ON audit (batch);

ALTER TABLE leases ADD COLUMN holder_host TEXT;
ALTER TABLE leases ADD COLUMN holder_pid INTEGER;
ALTER TABLE leases ADD COLUMN holder_started INTEGER;
"#;

/// Version 6: suggestions. `suggest_models` keeps every trained model (the label model as an
/// opaque blob, the amount calibration and the held-out figures as JSON); `suggestions` holds
/// each case's latest suggestions, one row a case, beside the case and never in its labels.
/// Codes are checked like the cases' own; confidences lie in [0, 1].
const V6: &str = r#"
CREATE TABLE suggest_models (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    seed       INTEGER NOT NULL,
    filter     TEXT NOT NULL,
    cases_used INTEGER NOT NULL CHECK (cases_used >= 0),
    figures    TEXT NOT NULL,
    labels     BLOB NOT NULL,
    amount     TEXT NOT NULL
);

CREATE TABLE suggestions (
    case_id         TEXT PRIMARY KEY NOT NULL REFERENCES cases (id),
    model_id        INTEGER NOT NULL REFERENCES suggest_models (id),
    scope           TEXT CHECK (scope IN ('kakao', 'affiliate')),
    scope_conf      REAL CHECK (scope_conf BETWEEN 0 AND 1),
    reporter        TEXT CHECK (reporter IN ('individual', 'small_business', 'enterprise')),
    reporter_conf   REAL CHECK (reporter_conf BETWEEN 0 AND 1),
    kind            TEXT CHECK (kind IN ('paid', 'free_monetary', 'inquiry', 'opinion', 'protest',
                                         'encouragement')),
    kind_conf       REAL CHECK (kind_conf BETWEEN 0 AND 1),
    service         TEXT CHECK (service IN ('kakaotalk', 'kakao_login', 'talk_channel', 'kakaomap',
                                            'gift', 'emoticon', 'talk_drawer', 'daum', 'kakao_t',
                                            'kakaopay', 'melon', 'kakao_page', 'other')),
    service_conf    REAL CHECK (service_conf BETWEEN 0 AND 1),
    substitute      TEXT CHECK (substitute IN ('available', 'unavailable', 'unknown')),
    substitute_conf REAL CHECK (substitute_conf BETWEEN 0 AND 1),
    amount_krw      INTEGER CHECK (amount_krw IS NULL OR amount_krw >= 0),
    amount_conf     REAL CHECK (amount_conf BETWEEN 0 AND 1),
    amount_start    INTEGER,
    amount_end      INTEGER,
    amount_why      TEXT
);
"#;

/// Migrations in order; the schema version of a database is how many of them it has had.
pub const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V5, V6];

/// The schema version this build writes.
pub const CURRENT_VERSION: i64 = MIGRATIONS.len() as i64;

pub fn user_version(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row("PRAGMA user_version", [], |row| row.get(0))?)
}

/// Brings the database up to [`CURRENT_VERSION`], or refuses a newer one. Runs in one
/// immediate transaction, so two processes opening a new file at once migrate it once.
pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    migrate_to(conn, CURRENT_VERSION)
}

/// Like [`migrate`], but stops at `target` (tests build older files with it).
pub fn migrate_to(conn: &mut Connection, target: i64) -> Result<(), StoreError> {
    let found = user_version(conn)?;
    if found > CURRENT_VERSION {
        return Err(StoreError::TooNew {
            found,
            supported: CURRENT_VERSION,
        });
    }
    if found >= target {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let found = user_version(&tx)?;
    for (from, sql) in MIGRATIONS.iter().enumerate().skip(found.max(0) as usize) {
        if from as i64 >= target {
            break;
        }
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", from as i64 + 1)?;
    }
    tx.commit()?;
    Ok(())
}
