//! The store's contract, once, run against both backends: every test here runs on an SQLite
//! file (`…_on_sqlite`) and on a PostgreSQL database with real login roles (`…_on_postgres`).
//! The same calls give the same answers: versions and conflicts, the audit trail, enrolment,
//! what only a lead may do, leases, live updates, reverts, views and suggestions.
//! Backend-specific behaviour has its own tests (src/store/*_tests.rs for SQLite;
//! postgres_schema.rs, postgres_access.rs and postgres_commands.rs for PostgreSQL).

mod common;

use std::path::PathBuf;
use std::time::Duration;

use casebench::domain::{Case, CaseSuggestion, Change, Dimension, Suggested};
use casebench::store::{
    AuditAction, BulkItem, ChangeRequest, CreateOptions, LeadOnly, Location, OnExisting, Role,
    Store, StoreError,
};
use common::pg::{self, TestDb};

/// The people of every test: `kim` and `park` are reviewers, `lee` the lead, `jin` can log in
/// but is not enrolled.
const PEOPLE: [&str; 4] = ["kim", "park", "lee", "jin"];

/// A fresh database with cases `C-1`..`C-20` and the people above, on one backend.
enum Fixture {
    Sqlite {
        _dir: tempfile::TempDir,
        path: PathBuf,
    },
    Postgres {
        db: TestDb,
    },
}

impl Fixture {
    fn sqlite() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cases.db");
        Fixture::Sqlite { _dir: dir, path }.seeded()
    }

    fn postgres() -> Option<Fixture> {
        let db = pg::database_or_skip()?;
        for who in PEOPLE {
            db.create_login(&format!("{who}_{}", db.name), "pw");
        }
        Some(Fixture::Postgres { db }.seeded())
    }

    /// The name `who` goes by in this database (on PostgreSQL, a login role of this test's).
    fn name(&self, who: &str) -> String {
        match self {
            Fixture::Sqlite { .. } => who.to_string(),
            Fixture::Postgres { db } => format!("{who}_{}", db.name),
        }
    }

    /// A store as `who` would open it (on PostgreSQL, logged in as their role).
    fn open(&self, who: &str) -> Store {
        let location: Location = match self {
            Fixture::Sqlite { path, .. } => Location::Sqlite(path.clone()),
            Fixture::Postgres { db } => db.url(&self.name(who), "pw").parse().unwrap(),
        };
        Store::open_at(&location).unwrap_or_else(|e| panic!("open as {who}: {e}"))
    }

    /// The administrator: on SQLite anyone, on PostgreSQL the owner (the superuser).
    fn admin(&self) -> (Store, String) {
        match self {
            Fixture::Sqlite { path, .. } => (Store::open(path).unwrap(), "admin".to_string()),
            Fixture::Postgres { db } => (
                Store::open_at(&db.superuser_url().parse().unwrap()).unwrap(),
                pg::SUPERUSER.to_string(),
            ),
        }
    }

    fn seeded(self) -> Fixture {
        let (mut admin, me) = self.admin();
        let cases: Vec<Case> = (1..=20)
            .map(|i| Case::new(format!("C-{i}"), format!("카카오톡 {i}번 먹통")))
            .collect();
        admin
            .create_cases(&cases, options(&me, "seed", OnExisting::Fail), &mut |_| {})
            .unwrap();
        admin.set_role(&self.name("lee"), Role::Lead, &me).unwrap();
        // The first lead adds the others (on PostgreSQL the owner could too).
        let mut lead = self.open("lee");
        for who in ["kim", "park"] {
            lead.set_role(&self.name(who), Role::Reviewer, &self.name("lee"))
                .unwrap();
        }
        self
    }
}

fn options<'a>(reviewer: &'a str, batch: &'a str, on_existing: OnExisting) -> CreateOptions<'a> {
    CreateOptions {
        reviewer,
        action: "import",
        batch,
        on_existing,
        replace: false,
    }
}

fn paid() -> Vec<Change> {
    vec![Change::Label(Dimension::Kind, Some(0))]
}

fn change<'a>(
    case_id: &'a str,
    version: Option<i64>,
    reviewer: &'a str,
    changes: &'a [Change],
) -> ChangeRequest<'a> {
    ChangeRequest {
        case_id,
        expected_version: version,
        reviewer,
        action: AuditAction::Label,
        batch: None,
        changes,
    }
}

/// Each contract as two tests, one per backend.
macro_rules! contract {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;

            #[test]
            fn on_sqlite() {
                let body: fn(&Fixture) = $body;
                body(&Fixture::sqlite());
            }

            #[test]
            fn on_postgres() {
                let body: fn(&Fixture) = $body;
                if let Some(fixture) = Fixture::postgres() {
                    body(&fixture);
                }
            }
        }
    };
}

contract!(the_change_function_checks_the_version_it_was_shown, |f| {
    let (kim, park) = (f.name("kim"), f.name("park"));
    let changes = paid();
    let applied = f
        .open("kim")
        .apply_change(&change("C-3", Some(1), &kim, &changes))
        .unwrap();
    assert_eq!(applied.case.version, 2);
    assert_eq!(applied.case.label_code(Dimension::Kind), Some("paid"));
    let refused = f
        .open("park")
        .apply_change(&change("C-3", Some(1), &park, &changes))
        .unwrap_err();
    match refused {
        StoreError::Conflict {
            by,
            current,
            expected,
            ..
        } => assert_eq!((by.as_str(), current, expected), (kim.as_str(), 2, 1)),
        other => panic!("not a conflict: {other}"),
    }
    let history = f.open("lee").history("C-3").unwrap();
    let kinds: Vec<_> = history
        .iter()
        .map(|e| (e.field.as_str(), e.reviewer.as_str(), e.new.as_deref()))
        .collect();
    assert_eq!(kinds.len(), 2, "{kinds:?}");
    assert_eq!(kinds[1], ("kind", kim.as_str(), Some("paid")));
});

contract!(cases_read_one_at_a_time_are_the_loaded_ones, |f| {
    let kim = f.name("kim");
    let changes = [
        Change::Label(Dimension::Kind, Some(0)),
        Change::Amount(Some(50_000)),
        Change::Note(Some("환불 요청".into())),
    ];
    let mut store = f.open("kim");
    store
        .apply_change(&change("C-2", Some(1), &kim, &changes))
        .unwrap();
    let loaded = store.load_all().unwrap();
    assert_eq!(loaded.len(), 20);
    let mut streamed = Vec::new();
    store
        .for_each_case(&mut |case| {
            streamed.push(case);
            Ok(())
        })
        .unwrap();
    assert_eq!(streamed, loaded);
    let mut without_text = Vec::new();
    store
        .for_each_case_without_text(&mut |case| {
            without_text.push(case);
            Ok(())
        })
        .unwrap();
    let expected: Vec<Case> = loaded.iter().cloned().map(Case::without_text).collect();
    assert_eq!(without_text, expected);
    assert_eq!(without_text[1].amount_krw, Some(50_000));
    assert_eq!(without_text[1].updated_by.as_deref(), Some(kim.as_str()));
    let mut searchable = Vec::new();
    store
        .for_each_searchable(&mut |[id, text, note]| {
            searchable.push(format!("{id}|{text}|{note}"));
            Ok(())
        })
        .unwrap();
    assert_eq!(searchable[0], "C-1|카카오톡 1번 먹통|");
    assert_eq!(searchable[1], "C-2|카카오톡 2번 먹통|환불 요청");
    assert_eq!(searchable.len(), 20);
});

/// Creating `cases` on the seeded database (its 20 cases, 20 audit rows) is refused as a whole
/// because `taken` is already there, and leaves the database as it was.
fn refused_as_existing(admin: &mut Store, me: &str, cases: &[Case], taken: &str) {
    let err = admin
        .create_cases(cases, options(me, "again", OnExisting::Fail), &mut |_| {})
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Exists { ref case_id } if case_id == taken),
        "{err}"
    );
    assert_eq!(admin.case_count().unwrap(), 20);
    assert_eq!(admin.audit_count().unwrap(), 20);
}

contract!(creating_cases_is_all_or_nothing, |f| {
    let (mut admin, me) = f.admin();
    let cases = [Case::new("N-1", "새 사례"), Case::new("C-5", "이미 있음")];
    refused_as_existing(&mut admin, &me, &cases, "C-5");
    assert_eq!(admin.get("N-1").unwrap(), None);
});

// An import of more cases than one statement holds (`ROWS_PER_STATEMENT`, 1,000): the cases
// already there, and a second case of an id in the same batch, are skipped and named in
// order; every inserted case has its `case` audit row, in the cases' order; refused, the
// import names the first taken id, wherever it is, and leaves nothing behind.
contract!(
    creating_thousands_of_cases_skips_and_refuses_in_order,
    |f| {
        let (mut admin, me) = f.admin();
        let mut cases: Vec<Case> = (1..=2500)
            .map(|i| Case::new(format!("N-{i}"), format!("대량 {i}")))
            .collect();
        cases.insert(1700, Case::new("C-7", "이미 있음"));
        cases.insert(2300, Case::new("N-5", "같은 가져오기에 두 번"));
        let before = admin.last_seq().unwrap();

        refused_as_existing(&mut admin, &me, &cases, "C-7");

        let mut told = Vec::new();
        let created = admin
            .create_cases(&cases, options(&me, "big", OnExisting::Skip), &mut |n| {
                told.push(n)
            })
            .unwrap();
        assert_eq!(created.inserted, 2500);
        assert_eq!(created.skipped, ["C-7", "N-5"]);
        assert_eq!(told.last(), Some(&2502));
        assert_eq!(admin.case_count().unwrap(), 2520);
        assert_eq!(admin.get("N-5").unwrap().unwrap().text, "대량 5".into());
        let rows: Vec<_> = admin
            .audit_events(None, None, None)
            .unwrap()
            .into_iter()
            .filter(|e| e.seq > before)
            .collect();
        let ids: Vec<&str> = rows.iter().map(|e| e.case_id.as_str()).collect();
        let expected: Vec<String> = (1..=2500).map(|i| format!("N-{i}")).collect();
        assert_eq!(ids, expected);
        assert!(rows
            .iter()
            .all(|e| (e.field.as_str(), e.new.as_deref(), e.batch.as_deref())
                == ("case", Some("created"), Some("big"))));
    }
);

// Suggestions for more cases than one statement holds: each case keeps one row, the later of
// two given for it; a case that is not there is named and nothing of the batch is written.
contract!(
    suggestions_for_thousands_of_cases_keep_the_later_and_refuse_in_order,
    |f| {
        let (mut admin, me) = f.admin();
        let cases: Vec<Case> = (1..=2480)
            .map(|i| Case::new(format!("N-{i}"), format!("대량 {i}")))
            .collect();
        admin
            .create_cases(&cases, options(&me, "big", OnExisting::Fail), &mut |_| {})
            .unwrap();
        let model = common::placeholder_model(&mut admin, &me, 2500);
        let kind = |code: u8| {
            let mut s = CaseSuggestion {
                model,
                ..CaseSuggestion::default()
            };
            s.labels[Dimension::Kind.index()] = Some(Suggested {
                code,
                confidence: 0.5,
            });
            s
        };
        let mut rows: Vec<(String, CaseSuggestion)> = (1..=20)
            .map(|i| format!("C-{i}"))
            .chain(cases.iter().map(|c| c.id.clone()))
            .map(|id| (id, kind(0)))
            .collect();
        // In the same thousand as the first C-3: one statement may not upsert a row twice.
        rows.insert(500, ("C-3".to_string(), kind(2)));
        admin.save_suggestions(&me, &rows).unwrap();
        let stored = admin.load_suggestions().unwrap();
        assert_eq!(stored.len(), 2500);
        let of = |id: &str| {
            stored
                .iter()
                .find(|(case_id, _)| case_id == id)
                .and_then(|(_, s)| s.labels[Dimension::Kind.index()])
                .map(|l| l.code)
        };
        assert_eq!(
            (of("C-3"), of("C-4"), of("N-2480")),
            (Some(2), Some(0), Some(0))
        );

        let mut again: Vec<(String, CaseSuggestion)> =
            (1..=2000).map(|i| (format!("N-{i}"), kind(1))).collect();
        again.insert(1500, ("X-1".to_string(), kind(1)));
        let err = admin.save_suggestions(&me, &again).unwrap_err();
        assert!(
            matches!(err, StoreError::NoSuchCase(ref id) if id == "X-1"),
            "{err}"
        );
        let stored = admin.load_suggestions().unwrap();
        assert!(stored
            .iter()
            .all(|(id, s)| s.labels[Dimension::Kind.index()].map(|l| l.code)
                == Some(if id == "C-3" { 2 } else { 0 })));
    }
);

contract!(
    only_a_lead_overturns_saves_views_and_bulk_changes_many,
    |f| {
        let (kim, lee) = (f.name("kim"), f.name("lee"));
        let changes = paid();
        let mut overturn = change("C-1", None, &kim, &changes);
        overturn.action = AuditAction::Overturn;
        let err = f.open("kim").apply_change(&overturn).unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::NotALead {
                    action: LeadOnly::Overturn,
                    ..
                }
            ),
            "{err}"
        );
        let err = f
            .open("kim")
            .save_view("mine", "kind = paid", None, &kim)
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("only a lead can edit the team's saved views; {kim} is a reviewer")
        );
        let many: Vec<BulkItem> = (1..=20)
            .cycle()
            .take(101)
            .enumerate()
            .map(|(n, i)| BulkItem {
                case_id: if n < 20 {
                    format!("C-{i}")
                } else {
                    format!("X-{n}")
                },
                expected_version: None,
                changes: paid(),
            })
            .collect();
        let err = f
            .open("kim")
            .apply_bulk(&many, &kim, AuditAction::Bulk, "b-kim")
            .unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::NotALead {
                    action: LeadOnly::LargeBulk(101),
                    ..
                }
            ),
            "{err}"
        );
        assert_eq!(
            f.open("lee").history("C-1").unwrap().len(),
            1,
            "nothing written"
        );
        let mut lead = f.open("lee");
        overturn.reviewer = &lee;
        lead.apply_change(&overturn).unwrap();
        assert!(!lead.save_view("paid", "kind = paid", None, &lee).unwrap());
        let views = f.open("kim").views().unwrap();
        assert_eq!(views.len(), 1);
        assert_eq!(
            (views[0].name.as_str(), views[0].updated_by.as_str()),
            ("paid", lee.as_str())
        );
    }
);

contract!(
    a_name_not_enrolled_is_refused_once_enrolment_is_closed,
    |f| {
        let (jin, lee) = (f.name("jin"), f.name("lee"));
        assert!(f.open("lee").set_open_enrolment(false, &lee).unwrap());
        let changes = paid();
        let err = f
            .open("jin")
            .apply_change(&change("C-2", None, &jin, &changes))
            .unwrap_err();
        assert!(
            matches!(err, StoreError::NotEnrolled(ref n) if *n == jin),
            "{err}"
        );
        assert!(f.open("lee").set_open_enrolment(true, &lee).unwrap());
        f.open("jin")
            .apply_change(&change("C-2", None, &jin, &changes))
            .unwrap();
        assert_eq!(f.open("lee").role_of(&jin).unwrap(), Some(Role::Reviewer));
    }
);

contract!(leases_give_each_reviewer_a_different_case, |f| {
    let candidates: Vec<String> = (1..=5).map(|i| format!("C-{i}")).collect();
    let candidates: Vec<&str> = candidates.iter().map(String::as_str).collect();
    let mut got = Vec::new();
    for who in ["kim", "park", "lee"] {
        let mut store = f.open(who);
        let now = casebench::store::now_millis();
        let case = store
            .claim_next(
                &f.name(who),
                &candidates,
                Duration::from_secs(600),
                now,
                None,
            )
            .unwrap()
            .expect("a free case");
        got.push(case);
    }
    assert_eq!(got, ["C-1", "C-2", "C-3"]);
    let now = casebench::store::now_millis();
    let held = f
        .open("kim")
        .leases_held_by_others(&f.name("kim"), now)
        .unwrap();
    assert_eq!(held.len(), 2);
    assert_eq!(held.get("C-2"), Some(&f.name("park")));
});

contract!(others_changes_arrive_exactly_once_after_the_cursor, |f| {
    let watcher = f.open("park");
    let mut cursor = watcher.audit_cursor().unwrap();
    let kim = f.name("kim");
    let changes = paid();
    f.open("kim")
        .apply_change(&change("C-9", None, &kim, &changes))
        .unwrap();
    let events = watcher.events_after(&mut cursor).unwrap();
    let seen: Vec<_> = events
        .iter()
        .map(|e| (e.case_id.as_str(), e.field.as_str(), e.reviewer.as_str()))
        .collect();
    assert_eq!(seen, [("C-9", "kind", kim.as_str())]);
    let again = watcher.events_after(&mut cursor).unwrap();
    assert!(again.is_empty(), "{again:?}");
});

contract!(a_reverted_batch_brings_the_values_back, |f| {
    let lee = f.name("lee");
    let mut lead = f.open("lee");
    let items: Vec<BulkItem> = (1..=3)
        .map(|i| BulkItem {
            case_id: format!("C-{i}"),
            expected_version: None,
            changes: paid(),
        })
        .collect();
    let outcome = lead
        .apply_bulk(&items, &lee, AuditAction::Bulk, "b-lee-1")
        .unwrap();
    assert_eq!(outcome.applied.len(), 3);
    let reverted = lead.revert_batch("b-lee-1", &lee, false).unwrap();
    assert_eq!(reverted.cases, 3);
    for i in 1..=3 {
        let case = lead.get(&format!("C-{i}")).unwrap().unwrap();
        assert_eq!(case.label_code(Dimension::Kind), None);
        assert_eq!(case.version, 3);
    }
    let actions: Vec<String> = lead
        .history("C-2")
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions, ["import", "bulk", "revert"]);
});

contract!(the_reviewers_list_counts_changes_per_person, |f| {
    let (kim, park) = (f.name("kim"), f.name("park"));
    let changes = paid();
    let mut store = f.open("kim");
    for id in ["C-1", "C-2"] {
        store
            .apply_change(&change(id, None, &kim, &changes))
            .unwrap();
    }
    f.open("park")
        .apply_change(&change("C-3", None, &park, &changes))
        .unwrap();
    let list = f.open("lee").reviewers().unwrap();
    let counts: Vec<(String, Role, usize)> = list
        .into_iter()
        .map(|r| (r.name, r.role, r.changes))
        .collect();
    let of = |name: &str| counts.iter().find(|c| c.0 == name).cloned();
    assert_eq!(of(&kim), Some((kim.clone(), Role::Reviewer, 2)));
    assert_eq!(of(&park), Some((park.clone(), Role::Reviewer, 1)));
    assert_eq!(of(&f.name("lee")).map(|c| c.1), Some(Role::Lead));
});

/// PostgreSQL only (SQLite's writers take turns, so rows commit in seq order there): a row
/// whose transaction took its seq first but commits last still reaches a reader that already
/// read the later one, exactly once, and the later one is not held back meanwhile.
#[test]
fn a_row_committed_out_of_seq_order_reaches_the_reader_once() {
    let Some(f) = Fixture::postgres() else {
        return;
    };
    let Fixture::Postgres { db } = &f else {
        unreachable!()
    };
    let watcher = f.open("park");
    let mut cursor = watcher.audit_cursor().unwrap();
    // The owner's transaction appends a row (it takes the next seq) and stays open.
    let mut early = db.superuser();
    let mut open = early.transaction().unwrap();
    open.execute(
        "INSERT INTO audit (at, reviewer, case_id, field, old, new, action) \
         VALUES (casebench_clock(), session_user, 'C-4', 'note', NULL, 'early', 'label')",
        &[],
    )
    .unwrap();
    // Meanwhile kim's change commits, with a later seq.
    let kim = f.name("kim");
    let changes = paid();
    f.open("kim")
        .apply_change(&change("C-5", None, &kim, &changes))
        .unwrap();
    let first = watcher.events_after(&mut cursor).unwrap();
    assert_eq!(
        first.iter().map(|e| e.case_id.as_str()).collect::<Vec<_>>(),
        ["C-5"],
        "the later commit is not held back by the open transaction"
    );
    open.commit().unwrap();
    let second = watcher.events_after(&mut cursor).unwrap();
    assert_eq!(
        second
            .iter()
            .map(|e| (e.case_id.as_str(), e.new.as_deref()))
            .collect::<Vec<_>>(),
        [("C-4", Some("early"))]
    );
    assert!(second[0].seq < first[0].seq, "it took the earlier seq");
    assert!(watcher.events_after(&mut cursor).unwrap().is_empty());
}

/// PostgreSQL only: while a transaction that began before them is still open, rows committed
/// before the reader took its cursor are not news (the horizon is held back below them).
#[test]
fn rows_committed_before_the_cursor_are_not_news_while_an_older_transaction_is_open() {
    let Some(f) = Fixture::postgres() else {
        return;
    };
    let Fixture::Postgres { db } = &f else {
        unreachable!()
    };
    let mut older = db.superuser();
    let mut open = older.transaction().unwrap();
    open.query_one("SELECT pg_current_xact_id()::text", &[])
        .unwrap();
    let kim = f.name("kim");
    let changes = paid();
    f.open("kim")
        .apply_change(&change("C-6", None, &kim, &changes))
        .unwrap();
    let watcher = f.open("park");
    let mut cursor = watcher.audit_cursor().unwrap();
    assert!(watcher.events_after(&mut cursor).unwrap().is_empty());
    f.open("kim")
        .apply_change(&change("C-7", None, &kim, &changes))
        .unwrap();
    let seen: Vec<String> = watcher
        .events_after(&mut cursor)
        .unwrap()
        .into_iter()
        .map(|e| e.case_id)
        .collect();
    assert_eq!(seen, ["C-7"]);
    open.rollback().unwrap();
}
