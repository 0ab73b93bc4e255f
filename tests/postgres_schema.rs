//! The PostgreSQL schema (`casebench::store::postgres::schema`) on a real server: migrating
//! (once, and refusing a newer version), the same tables, keys, indexes and CHECKs as the
//! SQLite schema, the server's clock, the identities after a copy, and following the log
//! (NOTIFY at commit, transaction windows that never skip a row).

mod common;

use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use casebench::store::postgres::schema;
use casebench::store::sql::{Sql, Value};
use casebench::store::StoreError;
use common::pg;
use common::pg_store::*;

// ---------------------------------------------------------------------------------------------
// Migrating

#[test]
fn migrating_creates_version_6_once_and_again_changes_nothing() {
    let Some(db) = pg::database_or_skip() else {
        return;
    };
    let mut owner = Conn::open(&db.socket_url(pg::SUPERUSER));
    assert_eq!(schema::version(&mut owner.sql()).unwrap(), 0);
    migrate(&mut owner).expect("first migration");
    assert_eq!(schema::version(&mut owner.sql()).unwrap(), 6);
    assert_eq!(schema::CURRENT_VERSION, 6);
    let objects = "SELECT (SELECT count(*) FROM pg_class \
                           WHERE relnamespace = 'public'::regnamespace) \
                   + (SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal) \
                   + (SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace)";
    let before = count(&mut owner, objects);
    migrate(&mut owner).expect("second migration");
    assert_eq!(count(&mut owner, objects), before);
    assert_eq!(count(&mut owner, "SELECT count(*) FROM schema_version"), 1);
    assert_eq!(
        owner.one::<String>(
            "SELECT value FROM settings WHERE key = 'open_enrolment'",
            &[]
        ),
        "on"
    );
}

#[test]
fn a_database_of_a_newer_version_is_refused() {
    let Some(db) = pg::database_or_skip() else {
        return;
    };
    let mut owner = Conn::open(&db.socket_url(pg::SUPERUSER));
    owner
        .sql()
        .execute_batch(
            "CREATE TABLE schema_version (version BIGINT NOT NULL);
             INSERT INTO schema_version VALUES (99);",
        )
        .unwrap();
    let err = migrate(&mut owner).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::TooNew {
                found: 99,
                supported: 6
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "the database has schema version 99, newer than this casebench understands (6); use a \
         newer casebench"
    );
    assert_eq!(
        count(
            &mut owner,
            "SELECT count(*) FROM pg_tables WHERE tablename = 'cases'"
        ),
        0
    );
}

#[test]
fn two_processes_opening_a_new_database_at_once_migrate_it_once() {
    let Some(db) = pg::database_or_skip() else {
        return;
    };
    let url = db.socket_url(pg::SUPERUSER);
    let (migrated, first_done) = mpsc::channel();
    let first = {
        let url = url.clone();
        thread::spawn(move || {
            let mut conn = Conn::open(&url);
            let mut tx = conn.tx();
            schema::migrate(&mut tx).expect("first migration");
            migrated.send(()).unwrap();
            // Still uncommitted while the second process starts.
            thread::sleep(Duration::from_millis(500));
            tx.tx.commit().expect("first commit");
        })
    };
    first_done.recv().unwrap();
    let mut second = Conn::open(&url);
    let started = Instant::now();
    migrate(&mut second).expect("the second process finds the database migrated");
    let waited = started.elapsed();
    first.join().unwrap();
    assert!(
        waited >= Duration::from_millis(250),
        "waited only {waited:?}"
    );
    assert_eq!(schema::version(&mut second.sql()).unwrap(), 6);
    assert_eq!(count(&mut second, "SELECT count(*) FROM schema_version"), 1);
}

/// Every table of the SQLite schema, column by column (name, type, NOT NULL), with the same
/// primary keys, foreign keys and indexes; PostgreSQL adds only `cases.position`,
/// `audit.xact`, their index and `schema_version`.
#[test]
fn the_tables_are_the_sqlite_schemas() {
    let Some(db) = pg::database_or_skip() else {
        return;
    };
    let mut pg = Conn::open(&db.socket_url(pg::SUPERUSER));
    migrate(&mut pg).unwrap();
    let mut lite = rusqlite::Connection::open_in_memory().unwrap();
    casebench::store::schema::migrate(&mut lite).unwrap();

    let tables: Vec<String> = lite
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let pg_tables: Vec<String> = pg
        .sql()
        .query(
            "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0).unwrap())
        .collect();
    let mut expected = tables.clone();
    expected.push("schema_version".into());
    expected.sort();
    assert_eq!(pg_tables, expected);
    assert_eq!(tables.len(), 14);

    for table in &tables {
        let lite_columns: Vec<String> = lite
            .prepare(&format!("PRAGMA table_info({table})"))
            .unwrap()
            .query_map([], |r| {
                let name: String = r.get(1)?;
                let ty: String = r.get(2)?;
                let not_null = r.get::<_, i64>(3)? == 1 || r.get::<_, i64>(5)? > 0;
                let ty = match ty.as_str() {
                    "INTEGER" => "bigint",
                    "TEXT" => "text",
                    "REAL" => "double precision",
                    "BLOB" => "bytea",
                    other => panic!("{table}.{name}: type {other}"),
                };
                Ok(format!(
                    "{name} {ty}{}",
                    if not_null { " not null" } else { "" }
                ))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let pg_columns: Vec<String> = pg
            .sql()
            .query(
                "SELECT column_name::text || ' ' || data_type::text \
                        || CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE '' END \
                 FROM information_schema.columns WHERE table_schema = 'public' \
                 AND table_name = ?1 ORDER BY ordinal_position",
                &[Value::from(table.as_str())],
            )
            .unwrap()
            .iter()
            .map(|r| r.get(0).unwrap())
            .collect();
        let mut expected = lite_columns.clone();
        match table.as_str() {
            "cases" => expected.push("position bigint not null".into()),
            "audit" => expected.push("xact xid8 not null".into()),
            _ => {}
        }
        assert_eq!(pg_columns, expected, "table {table}");
    }

    // Primary keys and foreign keys, as `table(columns) -> table(columns)`.
    let mut lite_keys = Vec::new();
    for table in &tables {
        let mut pk: Vec<(i64, String)> = lite
            .prepare(&format!("PRAGMA table_info({table})"))
            .unwrap()
            .query_map([], |r| Ok((r.get(5)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap()
            .into_iter()
            .filter(|(n, _): &(i64, String)| *n > 0)
            .collect();
        pk.sort();
        let pk: Vec<String> = pk.into_iter().map(|(_, c)| c).collect();
        lite_keys.push(format!("{table}({}) primary key", pk.join(",")));
        let mut fks: Vec<(i64, i64, String, String, String)> = lite
            .prepare(&format!("PRAGMA foreign_key_list({table})"))
            .unwrap()
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        fks.sort();
        let mut by_id: std::collections::BTreeMap<i64, (String, Vec<String>, Vec<String>)> =
            Default::default();
        for (id, _, parent, from, to) in fks {
            let entry = by_id.entry(id).or_insert((parent, vec![], vec![]));
            entry.1.push(from);
            entry.2.push(to);
        }
        for (_, (parent, from, to)) in by_id {
            lite_keys.push(format!(
                "{table}({}) -> {parent}({})",
                from.join(","),
                to.join(",")
            ));
        }
    }
    lite_keys.sort();
    let columns = |key: &str, rel: &str| {
        format!(
            "(SELECT string_agg(a.attname, ',' ORDER BY k.i) \
              FROM unnest(c.{key}) WITH ORDINALITY k(n, i) \
              JOIN pg_attribute a ON a.attrelid = c.{rel} AND a.attnum = k.n)"
        )
    };
    let mut pg_keys: Vec<String> = pg
        .sql()
        .query(
            &format!(
                "SELECT CASE c.contype \
                    WHEN 'p' THEN c.conrelid::regclass::text || '(' || {} || ') primary key' \
                    ELSE c.conrelid::regclass::text || '(' || {} || ') -> ' \
                         || c.confrelid::regclass::text || '(' || {} || ')' END \
                 FROM pg_constraint c WHERE c.contype IN ('p', 'f') \
                 AND c.connamespace = 'public'::regnamespace",
                columns("conkey", "conrelid"),
                columns("conkey", "conrelid"),
                columns("confkey", "confrelid"),
            ),
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0).unwrap())
        .collect();
    pg_keys.sort();
    assert_eq!(pg_keys, lite_keys);

    // Indexes other than keys, as `name on table(columns)`.
    let mut lite_indexes: Vec<String> = lite
        .prepare(
            "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap()
        .into_iter()
        .map(|(name, table)| {
            let cols: Vec<String> = lite
                .prepare(&format!("PRAGMA index_info({name})"))
                .unwrap()
                .query_map([], |r| r.get(2))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            format!("{name} on {table}({})", cols.join(","))
        })
        .collect();
    lite_indexes.push("audit_by_xact on audit(xact,case_id)".into());
    lite_indexes.push("cases_position_key on cases(position)".into());
    lite_indexes.sort();
    let mut pg_indexes: Vec<String> = pg
        .sql()
        .query(
            "SELECT i.relname::text || ' on ' || t.relname::text || '(' \
                    || (SELECT string_agg(a.attname, ',' ORDER BY k.i) \
                        FROM unnest(x.indkey) WITH ORDINALITY k(n, i) \
                        JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.n) || ')' \
             FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid \
             JOIN pg_class t ON t.oid = x.indrelid \
             WHERE t.relnamespace = 'public'::regnamespace AND NOT x.indisprimary \
             AND i.relname <> 'schema_version_one_row'",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0).unwrap())
        .collect();
    pg_indexes.sort();
    assert_eq!(pg_indexes, lite_indexes);
}

/// Every CHECK of the SQLite schema refuses the same bad value on PostgreSQL, and there are
/// no others.
#[test]
fn the_checks_are_the_sqlite_schemas() {
    let Some(db) = pg::database_or_skip() else {
        return;
    };
    let mut pg = Conn::open(&db.socket_url(pg::SUPERUSER));
    migrate(&mut pg).unwrap();
    let mut lite = rusqlite::Connection::open_in_memory().unwrap();
    casebench::store::schema::migrate(&mut lite).unwrap();
    let setup = "INSERT INTO cases (id, text) VALUES ('C-1', 't');
        INSERT INTO suggest_models (id, created_at, created_by, seed, filter, cases_used, figures,
            labels, amount) VALUES (1, 't', 'l', 0, '', 0, '', 'x', '');
        INSERT INTO spot_checks (id, created_by, created_at, since, population, seed)
            VALUES (1, 'l', 't', 't', 1, 0);
        INSERT INTO spot_check_cases (check_id, case_id, position, reviewer, labelled_at, version)
            VALUES (1, 'C-1', 0, 'kim', 't', 1);
        INSERT INTO spot_check_labels (check_id, case_id, field, value, lead, at)
            VALUES (1, 'C-1', 'kind', 'paid', 'l', 't');";
    pg.sql().execute_batch(setup).unwrap();
    lite.execute_batch(setup).unwrap();
    let case = |column: &str, bad: &str| {
        format!("INSERT INTO cases (id, text, {column}) VALUES ('P-1', 't', {bad})")
    };
    let suggestion = |column: &str, bad: &str| {
        format!("INSERT INTO suggestions (case_id, model_id, {column}) VALUES ('C-1', 1, {bad})")
    };
    let mut probes = vec![];
    for (column, bad) in [
        ("scope", "'kakao_'"),
        ("reporter", "'person'"),
        ("kind", "'pai'"),
        ("service", "'kakaotalk2'"),
        ("substitute", "'maybe'"),
        ("amount_krw", "-1"),
        ("status", "'done'"),
        ("version", "0"),
    ] {
        probes.push(case(column, bad));
    }
    for (column, bad) in [
        ("scope", "'x'"),
        ("scope_conf", "1.5"),
        ("reporter", "'x'"),
        ("reporter_conf", "-0.1"),
        ("kind", "'x'"),
        ("kind_conf", "2"),
        ("service", "'x'"),
        ("service_conf", "1.01"),
        ("substitute", "'x'"),
        ("substitute_conf", "-1"),
        ("amount_krw", "-5"),
        ("amount_conf", "3"),
    ] {
        probes.push(suggestion(column, bad));
    }
    probes.extend([
        "INSERT INTO reviewers (name, role, added_at) VALUES ('x', 'boss', 't')".to_string(),
        "INSERT INTO spot_checks (created_by, created_at, since, population, seed) \
         VALUES ('l', 't', 't', -1, 0)"
            .to_string(),
        "INSERT INTO spot_check_labels (check_id, case_id, field, value, lead, at) \
         VALUES (1, 'C-1', 'note', NULL, 'l', 't')"
            .to_string(),
        "INSERT INTO spot_check_resolutions (check_id, case_id, field, resolution, lead, at) \
         VALUES (1, 'C-1', 'kind', 'maybe', 'l', 't')"
            .to_string(),
        "INSERT INTO suggest_models (created_at, created_by, seed, filter, cases_used, figures, \
         labels, amount) VALUES ('t', 'l', 0, '', -1, '', 'x', '')"
            .to_string(),
    ]);
    for probe in &probes {
        let lite_err = lite.execute(probe, []).unwrap_err().to_string();
        assert!(
            lite_err.contains("CHECK constraint failed"),
            "SQLite: {probe}: {lite_err}"
        );
        let pg_err = pg.sql().execute(probe, &[]).unwrap_err();
        let code = match &pg_err {
            StoreError::Postgres(e) => e.code().cloned(),
            _ => None,
        };
        assert_eq!(
            code,
            Some(::postgres::error::SqlState::CHECK_VIOLATION),
            "PostgreSQL: {probe}: {pg_err}"
        );
    }
    let lite_checks: i64 = lite
        .query_row(
            "SELECT sum((length(sql) - length(replace(sql, 'CHECK', ''))) / 5) FROM sqlite_master",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(lite_checks, probes.len() as i64);
    assert_eq!(
        count(
            &mut pg,
            "SELECT count(*) FROM pg_constraint WHERE contype = 'c' \
             AND connamespace = 'public'::regnamespace"
        ),
        probes.len() as i64
    );
    // And the good values go in on both.
    for good in [case("kind", "'paid'"), suggestion("kind_conf", "1")] {
        lite.execute(&good, []).unwrap();
        pg.sql().execute(&good, &[]).unwrap();
    }
}

#[test]
fn the_servers_clock_is_in_the_stores_formats() {
    let Some(db) = pg::database_or_skip() else {
        return;
    };
    let mut conn = Conn::open(&db.socket_url(pg::SUPERUSER));
    migrate(&mut conn).unwrap();
    let text: String = conn.one("SELECT casebench_clock()", &[]);
    let millis: i64 = conn.one("SELECT casebench_clock_millis()", &[]);
    let here = casebench::store::now_millis();
    assert!(
        (millis - here).abs() < 5_000,
        "server {millis}, here {here}"
    );
    let parsed = chrono::NaiveDateTime::parse_from_str(&text, "%Y-%m-%dT%H:%M:%S%.3fZ")
        .unwrap_or_else(|e| panic!("{text}: {e}"))
        .and_utc()
        .timestamp_millis();
    assert!((parsed - millis).abs() < 1_000, "{text} vs {millis}");
    assert_eq!(text.len(), "2024-05-01T09:00:00.000Z".len(), "{text}");
    assert_eq!(casebench::store::millis_text(parsed), text);
}

/// After a copy that kept its numbers, every identity goes on after the highest one.
#[test]
fn reset_sequences_continues_after_the_copied_numbers() {
    let Some(db) = pg::database_or_skip() else {
        return;
    };
    let mut owner = Conn::open(&db.socket_url(pg::SUPERUSER));
    migrate(&mut owner).unwrap();
    owner
        .sql()
        .execute_batch(
            "INSERT INTO cases (id, text, position) VALUES ('C-1', 't', 41);
             INSERT INTO audit (seq, at, reviewer, case_id, field, action)
                 VALUES (500, 't', 'kim', 'C-1', 'case', 'import');
             INSERT INTO suggest_models (id, created_at, created_by, seed, filter, cases_used,
                 figures, labels, amount) VALUES (9, 't', 'kim', 0, '', 0, '', 'x', '');",
        )
        .unwrap();
    // A copied row's transaction id means nothing here: the row gets its own.
    let forced = owner.in_tx(|tx| {
        tx.execute(
            "INSERT INTO audit (seq, at, reviewer, case_id, field, action, xact) \
             VALUES (400, 't', 'kim', 'C-1', 'note', 'label', '5')",
            &[],
        )?;
        let own: bool = tx
            .query_row(
                "SELECT xact = pg_current_xact_id() FROM audit WHERE seq = 400",
                &[],
            )?
            .get(0)?;
        assert!(own, "xact is the writing transaction's");
        Ok(())
    });
    forced.unwrap();
    owner.sql().execute_batch(schema::RESET_SEQUENCES).unwrap();
    let mut next = |insert: &str, key: &str| owner.sql().insert(insert, key, &[]).unwrap();
    assert_eq!(
        next(
            "INSERT INTO cases (id, text) VALUES ('C-2', 't')",
            "position"
        ),
        42
    );
    assert_eq!(
        next(
            "INSERT INTO audit (at, reviewer, case_id, field, action) \
             VALUES ('t', 'kim', 'C-2', 'case', 'import')",
            "seq"
        ),
        501
    );
    assert_eq!(
        next(
            "INSERT INTO suggest_models (created_at, created_by, seed, filter, cases_used, \
             figures, labels, amount) VALUES ('t', 'kim', 0, '', 0, '', 'x', '')",
            "id"
        ),
        10
    );
    assert_eq!(
        next(
            "INSERT INTO spot_checks (created_by, created_at, since, population, seed) \
             VALUES ('lee', 't', 't', 0, 0)",
            "id"
        ),
        1,
        "an empty table starts at 1"
    );
}

// ---------------------------------------------------------------------------------------------
// Following the log: NOTIFY and transaction windows

fn next_notification(conn: &mut Conn, wait: Duration) -> Option<::postgres::Notification> {
    use ::postgres::fallible_iterator::FallibleIterator;
    conn.client
        .notifications()
        .timeout_iter(wait)
        .next()
        .expect("reading notifications")
}

#[test]
fn a_listener_is_notified_when_a_transaction_with_audit_rows_commits_and_not_before() {
    let Some(mut team) = Team::new() else {
        return;
    };
    let kim = team.kim.user.clone();
    let mut listener = team.lee();
    listener
        .sql()
        .execute_batch(&format!("LISTEN {}", schema::AUDIT_CHANNEL))
        .unwrap();
    // Nothing yet: the import was before.
    assert!(next_notification(&mut listener, Duration::from_millis(200)).is_none());

    let mut as_kim = team.kim();
    {
        let mut tx = as_kim.tx();
        change(&mut tx, &kim, "C-1", "paid", "label").unwrap();
        change(&mut tx, &kim, "C-2", "paid", "label").unwrap();
        assert!(
            next_notification(&mut listener, Duration::from_millis(500)).is_none(),
            "notified before the commit"
        );
        tx.tx.commit().unwrap();
    }
    let note = next_notification(&mut listener, Duration::from_secs(10))
        .expect("notified after the commit");
    assert_eq!(note.channel(), "casebench_audit");
    assert_eq!(note.payload(), "");
    assert!(
        next_notification(&mut listener, Duration::from_millis(300)).is_none(),
        "one notification for one transaction"
    );

    // A transaction that rolls back notifies no one; a write without audit rows neither.
    {
        let mut tx = as_kim.tx();
        change(&mut tx, &kim, "C-3", "paid", "label").unwrap();
    }
    team.owner
        .sql()
        .execute("UPDATE settings SET value = 'on'", &[])
        .unwrap();
    assert!(next_notification(&mut listener, Duration::from_millis(500)).is_none());
}

/// The reader of transaction windows, as a workbench following the log would issue it: the
/// audit rows of transactions that ended between the last snapshot's xmin (`since`) and the
/// current one's, and that xmin for next time. One statement, so both come from one snapshot.
fn read_window(conn: &mut Conn, since: i64) -> (Vec<i64>, i64) {
    let rows = conn
        .sql()
        .query(
            "SELECT x.xmin::text::bigint, a.seq \
             FROM (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin) x \
             LEFT JOIN audit a ON a.xact >= (?1::bigint)::text::xid8 AND a.xact < x.xmin \
             ORDER BY a.seq",
            &[Value::from(since)],
        )
        .unwrap();
    let xmin = rows[0].get(0).unwrap();
    let seqs = rows
        .iter()
        .filter_map(|r| r.get::<Option<i64>>(1).unwrap())
        .collect();
    (seqs, xmin)
}

/// Reads windows until the xmin satisfies `done` (another test's open transaction anywhere in
/// the cluster may hold it back for a moment); returns that xmin.
fn wait_for_window(reader: &mut Conn, done: impl Fn(i64) -> bool) -> i64 {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (_, xmin) = read_window(reader, 0);
        if done(xmin) {
            return xmin;
        }
        assert!(
            Instant::now() < deadline,
            "the snapshot's xmin stays at {xmin}"
        );
        thread::sleep(Duration::from_millis(20));
    }
}

/// A transaction that takes its sequence number first and commits last is not skipped: the
/// window stops below it while it is open, and holds both rows once it has committed.
#[test]
fn the_window_reader_never_skips_a_row_committed_out_of_seq_order() {
    let Some(team) = Team::new() else {
        return;
    };
    let (kim, lee) = (team.kim.user.clone(), team.lee.user.clone());
    let mut reader = team.lee();
    // Start past the import: at the first xmin above its transaction.
    let imported = count(&mut reader, "SELECT max(xact)::text::bigint FROM audit");
    let since = wait_for_window(&mut reader, |xmin| xmin > imported);

    let mut as_kim = team.kim();
    let mut first = as_kim.tx();
    let seq_a = append_seq(&mut first, &kim, "C-1", "note", "label").unwrap();
    let mut seq_b = 0;
    team.lee()
        .in_tx(|tx| {
            seq_b = append_seq(tx, &lee, "C-2", "note", "label")?;
            Ok(())
        })
        .unwrap();
    assert!(seq_a < seq_b, "A took its number first");
    // A reader by seq would now read B's row and move past A's, which is not committed yet.
    assert_eq!(count(&mut reader, "SELECT max(seq) FROM audit"), seq_b);

    let (seen, xmin) = read_window(&mut reader, since);
    assert!(
        seen.is_empty(),
        "the window holds nothing past A's open transaction: {seen:?}"
    );
    assert!(xmin >= since);
    first.tx.commit().unwrap();

    // Once A has ended, the windows hold both rows, each once, A's no later than B's (another
    // test's open transaction anywhere in the cluster may hold the xmin back for a moment, even
    // between A and B: keep reading).
    let deadline = Instant::now() + Duration::from_secs(30);
    let (mut read, mut since) = (Vec::new(), since);
    while read.len() < 2 {
        assert!(
            Instant::now() < deadline,
            "the windows never passed A and B: {read:?}"
        );
        let (seen, next) = read_window(&mut reader, since);
        read.extend(seen);
        since = next;
        thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(read, vec![seq_a, seq_b]);
    assert_eq!(
        read_window(&mut reader, since).0,
        Vec::<i64>::new(),
        "nothing is read twice"
    );
}
