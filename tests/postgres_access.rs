//! The access control the PostgreSQL server enforces (`casebench::store::postgres::access`),
//! with real login roles, a reviewer and a lead, connected as themselves (as `psql` would be,
//! so nothing here goes through casebench's own checks): every refusal with its exact words,
//! and every path the store takes still open.

mod common;

use ::postgres::{Client, NoTls};
use casebench::store::postgres::access;
use casebench::store::sql::{Sql, Value};
use casebench::store::StoreError;
use common::pg;
use common::pg_store::*;

// ---------------------------------------------------------------------------------------------
// Cases and the audit log

#[test]
fn a_reviewer_changes_a_case_only_with_its_audit_row_and_in_her_own_name() {
    let Some(team) = Team::new() else {
        return;
    };
    let (kim, lee) = (team.kim.user.clone(), team.lee.user.clone());
    let mut conn = team.kim();

    conn.in_tx(|tx| change(tx, &kim, "C-1", "paid", "label"))
        .expect("a change with its audit row commits");
    assert_eq!(kind_of(&mut conn, "C-1").as_deref(), Some("paid"));

    // The UPDATE alone goes through, and the commit is refused.
    assert_eq!(
        refusal(conn.in_tx(|tx| update(tx, &kim, "C-2", "paid"))),
        "case C-2 was changed without an audit row in the same transaction"
    );
    // A `case` row does not stand for a change.
    assert_eq!(
        refusal(conn.in_tx(|tx| {
            update(tx, &kim, "C-2", "paid")?;
            append(tx, &kim, "C-2", "case", "import")
        })),
        "case C-2 was changed without an audit row in the same transaction"
    );
    assert_eq!(kind_of(&mut conn, "C-2"), None);

    assert_eq!(
        refusal(conn.in_tx(|tx| update(tx, &lee, "C-2", "paid"))),
        format!(
            "{kim} cannot record a change to case C-2 as {lee}'s: updated_by is the role that \
             connects"
        )
    );
    assert_eq!(
        refusal(conn.in_tx(|tx| change(tx, &lee, "C-2", "paid", "label"))),
        format!(
            "{kim} cannot record a change to case C-2 as {lee}'s: updated_by is the role that \
             connects"
        )
    );
    assert_eq!(
        refusal(conn.in_tx(|tx| append(tx, &lee, "C-2", "kind", "label"))),
        format!(
            "{kim} cannot write an audit row for {lee}: an audit row is written in the name of \
             the role that connects"
        )
    );
    // Her own audit row alone is hers to write.
    conn.in_tx(|tx| append(tx, &kim, "C-3", "note", "label"))
        .expect("her own audit row");
    assert_eq!(
        count(
            &mut conn,
            "SELECT count(*) FROM audit WHERE reviewer = session_user"
        ),
        2
    );
    // The text of a case is not hers to change, nor its place.
    for statement in [
        "UPDATE cases SET text = 'x' WHERE id = 'C-4'",
        "UPDATE cases SET position = 1 WHERE id = 'C-4'",
    ] {
        assert_eq!(
            refusal(conn.sql().execute(statement, &[])),
            "permission denied for table cases"
        );
    }
}

#[test]
fn cases_are_created_with_their_case_row_and_never_deleted_but_by_the_owner() {
    let Some(team) = Team::new() else {
        return;
    };
    let kim = team.kim.user.clone();
    let mut conn = team.kim();
    let insert = |tx: &mut dyn Sql, id: &str| -> Result<(), StoreError> {
        let n = tx.execute(
            INSERT_CASE,
            &[
                Value::from(id),
                Value::Null,
                Value::Null,
                Value::from("새 사례"),
                Value::Null,
                Value::Null,
                Value::Null,
                Value::Null,
                Value::Null,
                Value::Null,
                Value::from("new"),
                Value::Null,
                Value::from(1i64),
                Value::Null,
                Value::Null,
            ],
        )?;
        assert_eq!(n, 1);
        Ok(())
    };
    assert_eq!(
        refusal(conn.in_tx(|tx| insert(tx, "N-1"))),
        "case N-1 was created without its audit row (field case) in the same transaction"
    );
    conn.in_tx(|tx| {
        insert(tx, "N-2")?;
        append(tx, &kim, "N-2", "case", "import")
    })
    .expect("a case with its case row");
    assert_eq!(
        count(&mut conn, "SELECT count(*) FROM cases WHERE id LIKE 'N-%'"),
        1
    );
    assert_eq!(
        refusal(conn.sql().execute(
            "INSERT INTO cases (id, text, position) VALUES ('N-3', 't', 1)",
            &[]
        )),
        "permission denied for table cases"
    );
    for statement in [
        "DELETE FROM cases WHERE id = 'C-1'",
        "TRUNCATE cases CASCADE",
    ] {
        assert_eq!(
            refusal(conn.sql().execute_batch(statement).map(|_| 0)),
            "permission denied for table cases"
        );
    }
    assert_eq!(count(&mut conn, "SELECT count(*) FROM cases"), 201);
}

#[test]
fn the_audit_log_is_append_only_even_for_its_owner() {
    let Some(mut team) = Team::new() else {
        return;
    };
    for statement in [
        "UPDATE audit SET reviewer = 'x' WHERE seq = 1",
        "DELETE FROM audit WHERE seq = 1",
        "TRUNCATE audit CASCADE",
        "TRUNCATE cases CASCADE",
    ] {
        assert_eq!(
            refusal(team.owner.sql().execute_batch(statement).map(|_| 0)),
            "the audit log is append-only",
            "{statement}"
        );
    }
    let mut kim = team.kim();
    for statement in [
        "UPDATE audit SET reviewer = 'x' WHERE seq = 1",
        "DELETE FROM audit WHERE seq = 1",
        "TRUNCATE audit",
        "INSERT INTO audit (seq, at, reviewer, case_id, field, action) \
         VALUES (100000, 't', session_user, 'C-1', 'note', 'label')",
        "INSERT INTO audit (at, reviewer, case_id, field, action, xact) \
         VALUES ('t', session_user, 'C-1', 'note', 'label', '1')",
    ] {
        assert_eq!(
            refusal(kim.sql().execute_batch(statement).map(|_| 0)),
            "permission denied for table audit",
            "{statement}"
        );
    }
    assert_eq!(count(&mut team.owner, "SELECT count(*) FROM audit"), 200);
}

#[test]
fn only_a_lead_overturns() {
    let Some(team) = Team::new() else {
        return;
    };
    let (kim, lee) = (team.kim.user.clone(), team.lee.user.clone());
    let mut as_kim = team.kim();
    assert_eq!(
        refusal(as_kim.in_tx(|tx| change(tx, &kim, "C-1", "paid", "overturn"))),
        not_a_lead("overturn a reviewer's label", &kim)
    );
    assert_eq!(kind_of(&mut as_kim, "C-1"), None);
    team.lee()
        .in_tx(|tx| change(tx, &lee, "C-1", "paid", "overturn"))
        .expect("a lead overturns");
    assert_eq!(kind_of(&mut as_kim, "C-1").as_deref(), Some("paid"));
}

#[test]
fn a_reviewer_changes_at_most_100_cases_in_one_transaction_and_a_lead_any_number() {
    let Some(team) = Team::new() else {
        return;
    };
    let (kim, lee) = (team.kim.user.clone(), team.lee.user.clone());
    let mut as_kim = team.kim();
    // 100 cases, two fields each: 200 rows, 100 cases.
    as_kim
        .in_tx(|tx| {
            for i in 1..=100 {
                let id = format!("C-{i}");
                change(tx, &kim, &id, "paid", "bulk")?;
                append(tx, &kim, &id, "note", "bulk")?;
            }
            Ok(())
        })
        .expect("100 cases");
    assert_eq!(
        count(
            &mut as_kim,
            "SELECT count(*) FROM cases WHERE kind = 'paid'"
        ),
        100
    );
    // The 101st case of one transaction is refused, and with it the whole transaction.
    let mut done = 0;
    let refused = as_kim.in_tx(|tx| {
        for i in 101..=200 {
            change(tx, &kim, &format!("C-{i}"), "inquiry", "bulk")?;
            done += 1;
        }
        change(tx, &kim, "C-1", "inquiry", "bulk")
    });
    assert_eq!(done, 100);
    assert_eq!(
        refusal(refused),
        format!(
            "only a lead can change more than 100 cases in one bulk change (this one has at \
             least 101); {kim} is a reviewer"
        )
    );
    assert_eq!(
        count(
            &mut as_kim,
            "SELECT count(*) FROM cases WHERE kind = 'inquiry'"
        ),
        0
    );
    team.lee()
        .in_tx(|tx| {
            for i in 1..=150 {
                change(tx, &lee, &format!("C-{i}"), "protest", "bulk")?;
            }
            Ok(())
        })
        .expect("a lead changes 150 cases at once");
    assert_eq!(
        count(
            &mut as_kim,
            "SELECT count(*) FROM cases WHERE kind = 'protest'"
        ),
        150
    );
}

// ---------------------------------------------------------------------------------------------
// Reviewers, enrolment, settings

#[test]
fn only_a_lead_manages_the_roster_and_the_enrolment_setting() {
    let Some(team) = Team::new() else {
        return;
    };
    let (kim, lee) = (team.kim.user.clone(), team.lee.user.clone());
    let (sam, _) = team.stranger("sam");
    let mut as_kim = team.kim();
    let set_role = |conn: &mut Conn, name: &str, role: &str, by: &str| {
        conn.sql().execute(
            SET_ROLE,
            &[
                Value::from(name),
                Value::from(role),
                Value::from(by),
                Value::from(AT),
            ],
        )
    };
    let refused = not_a_lead(MANAGE, &kim);
    assert_eq!(refusal(set_role(&mut as_kim, &kim, "lead", &kim)), refused);
    assert_eq!(
        refusal(set_role(&mut as_kim, &lee, "reviewer", &kim)),
        refused
    );
    assert_eq!(
        refusal(as_kim.sql().execute(
            ADD_REVIEWER,
            &[
                Value::from(sam.user.as_str()),
                Value::from("reviewer"),
                Value::from(AT),
                Value::from(kim.as_str())
            ],
        )),
        refused
    );
    assert_eq!(
        refusal(as_kim.sql().execute(SET_ENROLMENT, &[Value::from("off")])),
        refused
    );
    assert_eq!(refusal(enrol(&mut as_kim, &sam.user, "reviewer")), refused);
    assert_eq!(refusal(enrol(&mut as_kim, &kim, "lead")), refused);
    assert_eq!(
        refusal(
            as_kim
                .sql()
                .execute("DELETE FROM reviewers WHERE name = session_user", &[])
        ),
        "permission denied for table reviewers"
    );

    let mut as_lee = team.lee();
    assert_eq!(set_role(&mut as_lee, &kim, "lead", &lee).unwrap(), 1);
    assert_eq!(enrol(&mut as_lee, &sam.user, "reviewer").unwrap(), "added");
    as_lee
        .sql()
        .execute(SET_ENROLMENT, &[Value::from("off")])
        .unwrap();
    assert_eq!(
        as_kim.one::<String>(
            "SELECT string_agg(name || ' ' || role, ', ' ORDER BY role, name) FROM reviewers",
            &[]
        ),
        format!("{kim} lead, {lee} lead, {} reviewer", sam.user)
    );
}

/// Until the database has a lead, anyone may add one (as `may_manage`): the first lead.
#[test]
fn anyone_makes_the_first_lead() {
    let Some(db) = pg::database_or_skip() else {
        return;
    };
    let mut owner = Conn::open(&db.socket_url(pg::SUPERUSER));
    migrate(&mut owner).unwrap();
    let kim = db.create_login(&format!("kim_{}", db.name), "kim-pw");
    let lee = db.create_login(&format!("lee_{}", db.name), "lee-pw");
    let mut as_kim = Conn::open(&kim.url);
    as_kim
        .sql()
        .execute(ADMIT, &[Value::from(kim.user.as_str()), Value::from(AT)])
        .expect("open enrolment");
    as_kim
        .sql()
        .execute(
            SET_ROLE,
            &[
                Value::from(kim.user.as_str()),
                Value::from("lead"),
                Value::from(kim.user.as_str()),
                Value::from(AT),
            ],
        )
        .expect("the first lead");
    let mut as_lee = Conn::open(&lee.url);
    assert_eq!(
        refusal(as_lee.sql().execute(
            ADD_REVIEWER,
            &[
                Value::from(lee.user.as_str()),
                Value::from("lead"),
                Value::from(AT),
                Value::from(lee.user.as_str())
            ],
        )),
        not_a_lead(MANAGE, &lee.user)
    );
    assert_eq!(
        refusal(enrol(&mut as_lee, &lee.user, "lead")),
        not_a_lead(MANAGE, &lee.user)
    );
}

#[test]
fn a_reviewer_enrols_herself_only_while_enrolment_is_open() {
    let Some(team) = Team::new() else {
        return;
    };
    let (sam, mut as_sam) = team.stranger("sam");
    let (pat, mut as_pat) = team.stranger("pat");
    // Open: her own row, as a reviewer; not as a lead, and no one else's.
    assert_eq!(
        refusal(as_sam.sql().execute(
            ADD_REVIEWER,
            &[
                Value::from(sam.user.as_str()),
                Value::from("lead"),
                Value::from(AT),
                Value::from(sam.user.as_str())
            ],
        )),
        not_a_lead(MANAGE, &sam.user)
    );
    assert_eq!(
        refusal(
            as_sam
                .sql()
                .execute(ADMIT, &[Value::from(pat.user.as_str()), Value::from(AT)])
        ),
        not_a_lead(MANAGE, &sam.user)
    );
    as_sam
        .sql()
        .execute(ADMIT, &[Value::from(sam.user.as_str()), Value::from(AT)])
        .expect("open enrolment");
    assert_eq!(
        as_sam.one::<String>("SELECT role FROM reviewers WHERE name = session_user", &[]),
        "reviewer"
    );
    // Closed: refused, and so is a change by a role not enrolled.
    team.lee()
        .sql()
        .execute(SET_ENROLMENT, &[Value::from("off")])
        .unwrap();
    assert_eq!(
        refusal(
            as_pat
                .sql()
                .execute(ADMIT, &[Value::from(pat.user.as_str()), Value::from(AT)])
        ),
        not_enrolled(&pat.user)
    );
    assert_eq!(
        refusal(enrol(&mut as_pat, &pat.user, "reviewer")),
        not_a_lead(MANAGE, &pat.user)
    );
    assert_eq!(
        refusal(as_pat.in_tx(|tx| change(tx, &pat.user, "C-1", "paid", "label"))),
        not_enrolled(&pat.user)
    );
    // The one enrolled while it was open still works.
    as_sam
        .in_tx(|tx| change(tx, &sam.user, "C-1", "paid", "label"))
        .expect("enrolled");
}

/// An owner that is not a superuser: the database's owner migrates, owns every object, and
/// enrols reviewers, which lets them connect once CONNECT is no longer everyone's.
#[test]
fn the_role_that_migrates_owns_everything_and_enrols_who_may_connect() {
    let Some(db) = pg::database_or_skip() else {
        return;
    };
    let owner_login = db.create_login(&format!("owner_{}", db.name), "owner-pw");
    let mut admin = Conn::open(&db.socket_url(pg::SUPERUSER));
    admin
        .sql()
        .execute_batch(&format!(
            "ALTER DATABASE {} OWNER TO {}",
            db.name, owner_login.user
        ))
        .unwrap();
    let mut owner = Conn::open(&owner_login.url);
    migrate(&mut owner).unwrap();
    let others = format!(
        "SELECT (SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace \
                 AND relowner <> '{0}'::regrole) \
              + (SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace \
                 AND proowner <> '{0}'::regrole)",
        owner_login.user
    );
    assert_eq!(count(&mut owner, &others), 0);
    assert!(
        count(
            &mut owner,
            "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace"
        ) > 30
    );

    owner
        .sql()
        .execute_batch(&format!("REVOKE ALL ON DATABASE {} FROM PUBLIC", db.name))
        .unwrap();
    let kim = db.create_login(&format!("kim_{}", db.name), "kim-pw");
    let refused = Client::connect(&kim.url, NoTls).map(|_| ()).unwrap_err();
    assert_eq!(
        refused.code(),
        Some(&::postgres::error::SqlState::INSUFFICIENT_PRIVILEGE),
        "{refused}"
    );
    assert_eq!(enrol(&mut owner, &kim.user, "reviewer").unwrap(), "added");
    let mut as_kim = Conn::open(&kim.url);
    assert_eq!(
        as_kim.one::<String>("SELECT role FROM reviewers WHERE name = session_user", &[]),
        "reviewer"
    );
    assert_eq!(enrol(&mut owner, &kim.user, "lead").unwrap(), "changed");
    assert_eq!(enrol(&mut owner, &kim.user, "lead").unwrap(), "unchanged");
    assert_eq!(
        as_kim.one::<String>(
            "SELECT role || ' ' || updated_by FROM reviewers WHERE name = session_user",
            &[]
        ),
        format!("lead {}", owner_login.user)
    );
    let missing = format!("nobody_{}", db.name);
    assert_eq!(
        refusal(enrol(&mut owner, &missing, "reviewer")),
        format!(
            "there is no database role {missing}: an administrator creates it with CREATE ROLE \
             \"{missing}\" LOGIN PASSWORD …"
        )
    );
    assert_eq!(
        refusal(enrol(&mut owner, &kim.user, "boss")),
        "unknown role \"boss\" (expected reviewer or lead)"
    );
}

/// The tables' owner must own the database too, to grant CONNECT; `casebench_enrol` says so
/// rather than enrolling someone who cannot connect.
#[test]
fn enrolling_needs_an_owner_that_can_grant_connect() {
    let Some(db) = pg::database_or_skip() else {
        return;
    };
    let owner_login = db.create_login(&format!("tables_{}", db.name), "pw");
    let mut admin = Conn::open(&db.socket_url(pg::SUPERUSER));
    admin
        .sql()
        .execute_batch(&format!(
            "GRANT CREATE ON SCHEMA public TO {}",
            owner_login.user
        ))
        .unwrap();
    let mut owner = Conn::open(&owner_login.url);
    migrate(&mut owner).unwrap();
    let kim = db.create_login(&format!("kim_{}", db.name), "kim-pw");
    assert_eq!(
        refusal(enrol(&mut owner, &kim.user, "reviewer")),
        format!(
            "the owner of the casebench tables, {0}, cannot grant CONNECT on database {1}: an \
             administrator runs ALTER DATABASE {1} OWNER TO {0}",
            owner_login.user, db.name
        )
    );
    assert_eq!(count(&mut owner, "SELECT count(*) FROM reviewers"), 0);
}

// ---------------------------------------------------------------------------------------------
// Views, spot-checks, leases, suggestions

#[test]
fn views_and_spot_checks_are_a_leads_to_write() {
    let Some(team) = Team::new() else {
        return;
    };
    let (kim, lee) = (team.kim.user.clone(), team.lee.user.clone());
    let save = |conn: &mut Conn, who: &str| {
        conn.sql().execute(
            SAVE_VIEW,
            &[
                Value::from("paid"),
                Value::from("kind = paid"),
                Value::Null,
                Value::from(who),
                Value::from(AT),
            ],
        )
    };
    let open = |conn: &mut Conn, who: &str| {
        conn.sql().insert(
            OPEN_SPOT_CHECK,
            "id",
            &[
                Value::Null,
                Value::from(who),
                Value::from(AT),
                Value::from(AT),
                Value::Null,
                Value::from(10i64),
                Value::from(0.95),
                Value::from(0.05),
                Value::from(0.5),
                Value::from(7i64),
            ],
        )
    };
    let mut as_kim = team.kim();
    let views = not_a_lead("edit the team's saved views", &kim);
    let spot = not_a_lead("run spot-checks", &kim);
    assert_eq!(refusal(save(&mut as_kim, &kim)), views);
    assert_eq!(refusal(open(&mut as_kim, &kim)), spot);

    let mut as_lee = team.lee();
    assert_eq!(save(&mut as_lee, &lee).unwrap(), 1);
    let check = open(&mut as_lee, &lee).unwrap();
    as_lee
        .sql()
        .execute(
            "INSERT INTO spot_check_cases (check_id, case_id, position, reviewer, labelled_at, \
             version) VALUES (?1, 'C-1', 0, ?2, ?3, 1)",
            &[
                Value::from(check),
                Value::from(kim.as_str()),
                Value::from(AT),
            ],
        )
        .unwrap();

    assert_eq!(
        refusal(
            as_kim
                .sql()
                .execute("DELETE FROM views WHERE name = 'paid'", &[])
        ),
        views
    );
    assert_eq!(
        refusal(as_kim.sql().execute(
            "UPDATE views SET filter = 'kind = free' WHERE name = 'paid'",
            &[]
        )),
        views
    );
    for statement in [
        "INSERT INTO spot_check_reviewers (check_id, reviewer) VALUES (?1, 'x') \
         ON CONFLICT DO NOTHING",
        "INSERT INTO spot_check_strata (check_id, stratum, population, sample) \
         VALUES (?1, 'paid', 1, 1)",
        "INSERT INTO spot_check_cases (check_id, case_id, position, reviewer, labelled_at, \
         version) VALUES (?1, 'C-2', 1, 'x', 't', 1)",
        "INSERT INTO spot_check_labels (check_id, case_id, field, value, lead, at) \
         VALUES (?1, 'C-1', 'kind', 'paid', session_user, 't') \
         ON CONFLICT (check_id, case_id, field) DO UPDATE SET value = 'paid'",
    ] {
        assert_eq!(
            refusal(as_kim.sql().execute(statement, &[Value::from(check)])),
            spot,
            "{statement}"
        );
    }
    as_lee
        .sql()
        .execute(
            "INSERT INTO spot_check_labels (check_id, case_id, field, value, lead, at) \
             VALUES (?1, 'C-1', 'kind', 'paid', session_user, 't')",
            &[Value::from(check)],
        )
        .unwrap();
    assert_eq!(
        refusal(as_kim.sql().execute(
            "INSERT INTO spot_check_resolutions (check_id, case_id, field, resolution, lead, at) \
             VALUES (?1, 'C-1', 'kind', 'keep', session_user, 't')",
            &[Value::from(check)]
        )),
        spot
    );
    assert_eq!(
        refusal(as_kim.sql().execute("DELETE FROM spot_check_labels", &[])),
        "permission denied for table spot_check_labels"
    );
    assert_eq!(count(&mut as_kim, "SELECT count(*) FROM views"), 1);
    assert_eq!(
        count(&mut as_kim, "SELECT count(*) FROM spot_check_cases"),
        1
    );
}

#[test]
fn leases_are_written_in_ones_own_name_and_lapsed_ones_are_taken_over() {
    let Some(team) = Team::new() else {
        return;
    };
    let (kim, lee) = (team.kim.user.clone(), team.lee.user.clone());
    let put = |conn: &mut Conn, case_id: &str, who: &str, now: i64| {
        conn.sql().execute(
            PUT_LEASE,
            &[
                Value::from(case_id),
                Value::from(who),
                Value::from(now),
                Value::from(now + 60_000),
                Value::from("host-a"),
                Value::from(4242i64),
                Value::Null,
            ],
        )
    };
    let mut as_lee = team.lee();
    let mut as_kim = team.kim();
    assert_eq!(put(&mut as_lee, "C-1", &lee, 1_000).unwrap(), 1);
    assert_eq!(put(&mut as_lee, "C-2", &lee, 1_000).unwrap(), 1);
    // Lee's lease on C-1 has lapsed: Kim takes it over (the upsert updates Lee's row).
    assert_eq!(put(&mut as_kim, "C-1", &kim, 100_000).unwrap(), 1);
    assert_eq!(
        as_kim.one::<String>(
            "SELECT reviewer || ' ' || taken_at FROM leases WHERE case_id = 'C-1'",
            &[]
        ),
        format!("{kim} 100000")
    );
    let for_other = format!(
        "{kim} cannot write a lease for {lee}: a lease is taken in the name of the role that \
         connects"
    );
    assert_eq!(refusal(put(&mut as_kim, "C-3", &lee, 100_000)), for_other);
    assert_eq!(
        refusal(as_kim.sql().execute(
            "UPDATE leases SET reviewer = ?1 WHERE case_id = 'C-1'",
            &[Value::from(lee.as_str())]
        )),
        for_other
    );
    // Clearing lapsed leases clears Lee's too.
    assert_eq!(
        as_kim
            .sql()
            .execute(DELETE_LAPSED, &[Value::from(100_000i64)])
            .unwrap(),
        1
    );
    assert_eq!(
        as_kim.one::<String>("SELECT string_agg(case_id, ',') FROM leases", &[]),
        "C-1"
    );
    let (sam, mut as_sam) = team.stranger("sam");
    assert_eq!(
        refusal(put(&mut as_sam, "C-4", &sam.user, 100_000)),
        not_enrolled(&sam.user)
    );
}

#[test]
fn suggestions_are_written_by_any_reviewer_the_store_lets_write() {
    let Some(team) = Team::new() else {
        return;
    };
    let kim = team.kim.user.clone();
    let save_model = |conn: &mut Conn, who: &str| {
        conn.sql().insert(
            SAVE_MODEL,
            "id",
            &[
                Value::from(AT),
                Value::from(who),
                Value::from(1i64),
                Value::from(""),
                Value::from(10i64),
                Value::from("{}"),
                Value::from(&b"model"[..]),
                Value::from("{}"),
            ],
        )
    };
    let suggest = |conn: &mut Conn, model: i64| {
        conn.sql().execute(
            "INSERT INTO suggestions (case_id, model_id, kind, kind_conf) \
             VALUES ('C-1', ?1, 'paid', 0.75) \
             ON CONFLICT (case_id) DO UPDATE SET model_id = excluded.model_id, \
             kind = excluded.kind, kind_conf = excluded.kind_conf",
            &[Value::from(model)],
        )
    };
    let mut as_kim = team.kim();
    let model = save_model(&mut as_kim, &kim).unwrap();
    assert_eq!(suggest(&mut as_kim, model).unwrap(), 1);
    // Open enrolment: a name the store would enrol on its first write may train too.
    let (sam, mut as_sam) = team.stranger("sam");
    let second = save_model(&mut as_sam, &sam.user).unwrap();
    assert_eq!(suggest(&mut as_sam, second).unwrap(), 1);
    team.lee()
        .sql()
        .execute(SET_ENROLMENT, &[Value::from("off")])
        .unwrap();
    assert_eq!(
        refusal(save_model(&mut as_sam, &sam.user)),
        not_enrolled(&sam.user)
    );
    assert_eq!(
        refusal(suggest(&mut as_sam, model)),
        not_enrolled(&sam.user)
    );
    assert_eq!(suggest(&mut as_kim, model).unwrap(), 1);
    assert_eq!(
        refusal(as_kim.sql().execute(
            "INSERT INTO suggest_models (id, created_at, created_by, seed, filter, cases_used, \
             figures, labels, amount) VALUES (99, 't', session_user, 0, '', 0, '', 'x', '')",
            &[]
        )),
        "permission denied for table suggest_models"
    );
}

/// A role's temporary table named like ours is searched first by its own statements; the
/// server's checks never read it.
#[test]
fn a_temporary_table_cannot_stand_in_for_the_roster_or_the_owner() {
    let Some(team) = Team::new() else {
        return;
    };
    let kim = team.kim.user.clone();
    let mut as_kim = team.kim();
    as_kim
        .sql()
        .execute_batch(
            "CREATE TEMP TABLE reviewers (name TEXT, role TEXT);
             INSERT INTO reviewers VALUES (session_user, 'lead');
             CREATE TEMP TABLE audit (seq BIGINT);",
        )
        .unwrap();
    assert_eq!(
        as_kim.one::<String>("SELECT role FROM reviewers", &[]),
        "lead",
        "her own statements see her table"
    );
    assert_eq!(
        refusal(as_kim.sql().execute(
            "INSERT INTO public.views (name, filter, created_by, created_at, updated_by, \
             updated_at) VALUES ('v', 'f', session_user, 't', session_user, 't')",
            &[]
        )),
        not_a_lead("edit the team's saved views", &kim)
    );
}

// ---------------------------------------------------------------------------------------------
// Erasing

#[test]
fn the_owner_erases_everything_and_the_log_is_append_only_again() {
    let Some(mut team) = Team::new() else {
        return;
    };
    let mut as_kim = team.kim();
    assert_eq!(
        refusal(as_kim.in_tx(|tx| tx.execute_batch(access::ERASE_EVERYTHING))),
        "permission denied for table suggestions"
    );
    assert_eq!(count(&mut as_kim, "SELECT count(*) FROM cases"), 200);
    team.owner
        .in_tx(|tx| tx.execute_batch(access::ERASE_EVERYTHING))
        .expect("the owner erases");
    assert_eq!(count(&mut as_kim, "SELECT count(*) FROM cases"), 0);
    assert_eq!(count(&mut as_kim, "SELECT count(*) FROM audit"), 0);
    team.owner
        .sql()
        .execute_batch(
            "INSERT INTO cases (id, text) VALUES ('C-1', 't');
             INSERT INTO audit (at, reviewer, case_id, field, action)
                 VALUES ('t', 'owner', 'C-1', 'case', 'import');",
        )
        .unwrap();
    assert_eq!(
        refusal(team.owner.sql().execute("DELETE FROM audit", &[])),
        "the audit log is append-only"
    );
}
