//! A lost connection to PostgreSQL, on a real server: the store connects again and nothing is
//! lost or written twice. The connection is lost as it is in life: the server ends the
//! store's backend (`pg_terminate_backend`, what a restart does to every session), or the
//! network breaks (a proxy between the store and the server cuts the sockets), and at the
//! worst moment, while a `COMMIT` is on its way (the proxy breaks the connection as it passes
//! the store's `COMMIT`, before or after the server gets it).

mod common;

use std::time::{Duration, Instant};

use casebench::domain::{Case, Change, Dimension};
use casebench::store::{AuditAction, ChangeRequest, CreateOptions, OnExisting, Store, StoreError};
use casebench::tui::app::Msg;
use casebench::tui::driver::Driver;
use casebench::tui::keymap::Keymap;
use common::pg::{self, Login, TestDb};
use common::proxy::{CommitFault, Proxy};
use common::workbench::screen_text;

/// A database with cases `C-1` … `C-5` (imported by the owner) and `kim_…`, an enrolled
/// reviewer.
struct Setup {
    db: TestDb,
    kim: Login,
}

fn setup(name: &str) -> Option<Setup> {
    let db = pg::database_or_skip()?;
    let mut owner = Store::open_at(&db.superuser_url().parse().unwrap()).unwrap();
    let cases: Vec<Case> = (1..=5)
        .map(|i| Case::new(format!("C-{i}"), format!("사례 {i}")))
        .collect();
    owner
        .create_cases(
            &cases,
            CreateOptions {
                reviewer: pg::SUPERUSER,
                action: "import",
                batch: "fixture",
                on_existing: OnExisting::Fail,
                replace: false,
            },
            &mut |_| {},
        )
        .unwrap();
    let kim = db.create_login(&format!("{name}_{}", db.name), "kim-pw");
    db.superuser()
        .execute("SELECT casebench_enrol($1, 'reviewer')", &[&kim.user])
        .unwrap();
    Some(Setup { db, kim })
}

fn open(url: &str) -> Store {
    Store::open_at(&url.parse().unwrap()).unwrap_or_else(|e| panic!("{url}: {e}"))
}

fn kind(code: &str) -> Vec<Change> {
    vec![Change::Label(
        Dimension::Kind,
        Some(Dimension::Kind.parse_code(code).unwrap()),
    )]
}

fn relabel(
    store: &mut Store,
    who: &str,
    case_id: &str,
    expected_version: Option<i64>,
    code: &str,
) -> Result<casebench::store::Applied, StoreError> {
    store.apply_change(&ChangeRequest {
        case_id,
        expected_version,
        reviewer: who,
        action: AuditAction::Label,
        batch: None,
        changes: &kind(code),
    })
}

/// `(case, field, new value, seq)` of every audit row `who` wrote, in order.
fn audit_of(db: &TestDb, who: &str) -> Vec<(String, String, Option<String>, i64)> {
    db.superuser()
        .query(
            "SELECT case_id, field, new, seq FROM audit WHERE reviewer = $1 ORDER BY seq",
            &[&who],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
        .collect()
}

fn without_seq(rows: Vec<(String, String, Option<String>, i64)>) -> Vec<(String, String, String)> {
    rows.into_iter()
        .map(|(case, field, new, _)| (case, field, new.unwrap_or_default()))
        .collect()
}

fn row(case: &str, field: &str, new: &str) -> (String, String, String) {
    (case.to_string(), field.to_string(), new.to_string())
}

fn version_of(db: &TestDb, case_id: &str) -> i64 {
    db.superuser()
        .query_one("SELECT version FROM cases WHERE id = $1", &[&case_id])
        .unwrap()
        .get(0)
}

/// Ends every backend of `role` on the server, as an administrator (or a restart) does, and
/// waits until they are gone.
fn terminate_backends_of(db: &TestDb, role: &str) {
    let mut admin = db.superuser();
    let ended: i64 = admin
        .query_one(
            "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE usename = $1) t",
            &[&role],
        )
        .unwrap()
        .get(0);
    assert!(ended >= 1, "{role} had no backend to end");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let left: i64 = admin
            .query_one(
                "SELECT count(*) FROM pg_stat_activity WHERE usename = $1",
                &[&role],
            )
            .unwrap()
            .get(0);
        if left == 0 {
            return;
        }
        assert!(Instant::now() < deadline, "{role}'s backends did not end");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_backend_ended_by_the_server_between_two_changes_costs_nothing() {
    let Some(s) = setup("kim_ended") else { return };
    let mut store = open(&s.kim.url);
    relabel(&mut store, &s.kim.user, "C-1", Some(1), "paid").unwrap();
    terminate_backends_of(&s.db, &s.kim.user);

    let applied = relabel(&mut store, &s.kim.user, "C-2", Some(1), "inquiry").unwrap();
    assert_eq!(applied.case.version, 2);
    assert_eq!(store.reconnects(), 1);
    assert_eq!(
        without_seq(audit_of(&s.db, &s.kim.user)),
        [row("C-1", "kind", "paid"), row("C-2", "kind", "inquiry")]
    );
    assert_eq!((version_of(&s.db, "C-1"), version_of(&s.db, "C-2")), (2, 2));
}

#[test]
fn a_network_broken_between_two_changes_costs_nothing() {
    let Some(s) = setup("kim_cut") else { return };
    let proxy = Proxy::start(s.db.port());
    let mut store = open(&proxy.url_for(&s.kim.url, s.db.port()));
    relabel(&mut store, &s.kim.user, "C-1", Some(1), "paid").unwrap();
    proxy.cut_all();

    relabel(&mut store, &s.kim.user, "C-2", Some(1), "inquiry").unwrap();
    assert_eq!(store.reconnects(), 1);
    assert_eq!(
        without_seq(audit_of(&s.db, &s.kim.user)),
        [row("C-1", "kind", "paid"), row("C-2", "kind", "inquiry")]
    );
}

/// The server ends the store's backend, and something between them (a proxy, a firewall)
/// keeps the store's side of the connection open: the store hears the server's goodbye and
/// never the end of the connection. It connects again and goes on; closing the old connection
/// (which waits for a socket that never closes) happens on the side, never in its way.
#[test]
fn a_connection_whose_socket_never_closes_does_not_hold_the_store_up() {
    let Some(s) = setup("kim_held") else { return };
    let proxy = Proxy::start(s.db.port());
    let mut store = open(&proxy.url_for(&s.kim.url, s.db.port()));
    relabel(&mut store, &s.kim.user, "C-1", Some(1), "paid").unwrap();
    proxy.hold_client_open(true);
    terminate_backends_of(&s.db, &s.kim.user);

    let (done, answer) = std::sync::mpsc::channel();
    let kim = s.kim.user.clone();
    std::thread::spawn(move || {
        let _ =
            done.send(relabel(&mut store, &kim, "C-2", Some(1), "inquiry").map(|a| a.case.version));
    });
    let version = answer
        .recv_timeout(Duration::from_secs(60))
        .expect("the change after the server's goodbye never finished");
    assert_eq!(version.unwrap(), 2);
    assert_eq!(
        without_seq(audit_of(&s.db, &s.kim.user)),
        [row("C-1", "kind", "paid"), row("C-2", "kind", "inquiry")]
    );
}

/// The store's COMMIT reaches the server, which commits, and the answer is lost with the
/// connection. Trying the change again would be wrong both ways: at the version the reviewer
/// saw it is refused as a conflict (with the reviewer's own change), without a version it is
/// written twice. The store asks the server what became of the transaction instead, finds it
/// committed, and answers with what was written.
#[test]
fn a_commit_whose_answer_was_lost_is_found_committed_and_not_written_twice() {
    let Some(s) = setup("kim_answer") else { return };
    let proxy = Proxy::start(s.db.port());
    let mut store = open(&proxy.url_for(&s.kim.url, s.db.port()));

    proxy.fail_next_commit(CommitFault::AnswerLost);
    let applied = relabel(&mut store, &s.kim.user, "C-1", Some(1), "paid").unwrap();
    assert_eq!(proxy.fired(), 1, "the fault met the change's COMMIT");
    assert_eq!(store.reconnects(), 1);
    assert_eq!(applied.case.version, 2);
    let audit = audit_of(&s.db, &s.kim.user);
    assert_eq!(
        without_seq(audit.clone()),
        [row("C-1", "kind", "paid")],
        "written once"
    );
    assert_eq!(
        applied.events.iter().map(|e| e.seq).collect::<Vec<_>>(),
        [audit[0].3],
        "the answer is the row that was committed"
    );

    proxy.fail_next_commit(CommitFault::AnswerLost);
    let applied = relabel(&mut store, &s.kim.user, "C-2", None, "opinion").unwrap();
    assert_eq!((proxy.fired(), store.reconnects()), (2, 2));
    assert_eq!(applied.case.version, 2);
    assert_eq!(
        without_seq(audit_of(&s.db, &s.kim.user)),
        [row("C-1", "kind", "paid"), row("C-2", "kind", "opinion")],
        "without a version to check, still written once"
    );
    assert_eq!(version_of(&s.db, "C-2"), 2);
}

/// The connection breaks as the COMMIT is sent: the server never gets it and rolls the
/// transaction back. The store finds that out on a new connection and writes the change
/// there, once.
#[test]
fn a_commit_that_never_reached_the_server_is_written_once_on_a_new_connection() {
    let Some(s) = setup("kim_never") else { return };
    let proxy = Proxy::start(s.db.port());
    let mut store = open(&proxy.url_for(&s.kim.url, s.db.port()));

    proxy.fail_next_commit(CommitFault::NeverArrives);
    let applied = relabel(&mut store, &s.kim.user, "C-3", Some(1), "protest").unwrap();
    assert_eq!(proxy.fired(), 1);
    assert_eq!(store.reconnects(), 1);
    assert_eq!(applied.case.version, 2);
    let audit = audit_of(&s.db, &s.kim.user);
    assert_eq!(without_seq(audit.clone()), [row("C-3", "kind", "protest")]);
    assert_eq!(applied.events[0].seq, audit[0].3);
    assert_eq!(version_of(&s.db, "C-3"), 2);
    // The first attempt's backend is gone: it holds no transaction, and no lock.
    let left: i64 =
        s.db.superuser()
            .query_one(
                "SELECT count(*) FROM pg_stat_activity WHERE usename = $1",
                &[&s.kim.user],
            )
            .unwrap()
            .get(0);
    assert_eq!(left, 1, "only the new connection");
}

/// The answer to the COMMIT is lost and no new connection can be made to ask the server what
/// became of it: the store says so (never "not saved": it was), and trying the same change
/// again later is refused as a conflict with the change that was written, never written twice.
#[test]
fn a_commit_that_cannot_be_settled_says_so_and_a_second_try_cannot_write_it_twice() {
    let Some(s) = setup("kim_unsure") else { return };
    let proxy = Proxy::start(s.db.port());
    let mut store = open(&proxy.url_for(&s.kim.url, s.db.port()));
    proxy.fail_next_commit(CommitFault::AnswerLost);
    proxy.refuse(true);

    let unsure = relabel(&mut store, &s.kim.user, "C-1", Some(1), "paid").unwrap_err();
    assert!(
        matches!(unsure, StoreError::CommitUnknown { .. }),
        "{unsure:?}"
    );
    let text = unsure.to_string();
    let shown = format!(
        "lost the connection to postgres://{}@127.0.0.1:{}/{} while saving, and could not find \
         out whether the change was saved (could not reconnect: ",
        s.kim.user,
        proxy.port(),
        s.db.name
    );
    assert!(text.starts_with(&shown), "{text}");
    assert!(
        text.ends_with("; look at the audit log (casebench audit) before doing it again"),
        "{text}"
    );
    assert_eq!(
        without_seq(audit_of(&s.db, &s.kim.user)),
        [row("C-1", "kind", "paid")],
        "it was written"
    );

    proxy.refuse(false);
    let again = relabel(&mut store, &s.kim.user, "C-1", Some(1), "paid").unwrap_err();
    assert!(
        matches!(&again, StoreError::Conflict { by, current: 2, .. } if *by == s.kim.user),
        "{again:?}"
    );
    assert_eq!(audit_of(&s.db, &s.kim.user).len(), 1, "written once");
}

#[test]
fn readers_after_a_backend_was_ended_read_again_and_live_updates_resume() {
    let Some(s) = setup("kim_reads") else { return };
    let lee =
        s.db.create_login(&format!("lee_reads_{}", s.db.name), "lee-pw");
    s.db.superuser()
        .execute("SELECT casebench_enrol($1, 'reviewer')", &[&lee.user])
        .unwrap();
    let mut other = open(&lee.url);
    let store = open(&s.kim.url);
    let mut cursor = store.audit_cursor().unwrap();
    let seen = store.data_version().unwrap();

    terminate_backends_of(&s.db, &s.kim.user);
    assert_eq!(store.load_all().unwrap().len(), 5);
    assert_eq!(store.reconnects(), 1);

    relabel(&mut other, &lee.user, "C-4", Some(1), "paid").unwrap();
    terminate_backends_of(&s.db, &s.kim.user);
    let events = store.events_after(&mut cursor).unwrap();
    assert_eq!(
        events
            .iter()
            .map(|e| (e.case_id.as_str(), e.reviewer.as_str(), e.new.as_deref()))
            .collect::<Vec<_>>(),
        [("C-4", lee.user.as_str(), Some("paid"))]
    );
    assert_eq!(store.reconnects(), 2);

    // Live updates: the notifications come again on the new connection.
    terminate_backends_of(&s.db, &s.kim.user);
    let after_reconnect = store.data_version().unwrap();
    assert_ne!(
        after_reconnect, seen,
        "a new connection makes the reader look"
    );
    assert_eq!(store.reconnects(), 3);
    relabel(&mut other, &lee.user, "C-5", Some(1), "opinion").unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while store.data_version().unwrap() == after_reconnect {
        assert!(
            Instant::now() < deadline,
            "no notification after reconnecting"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let events = store.events_after(&mut cursor).unwrap();
    assert_eq!(
        events
            .iter()
            .map(|e| e.case_id.as_str())
            .collect::<Vec<_>>(),
        ["C-5"]
    );
}

#[test]
fn a_server_out_of_reach_is_a_clear_error_that_writes_nothing_and_the_next_try_reconnects() {
    let Some(s) = setup("kim_away") else { return };
    let proxy = Proxy::start(s.db.port());
    let mut store = open(&proxy.url_for(&s.kim.url, s.db.port()));
    proxy.refuse(true);
    proxy.cut_all();

    let refused = relabel(&mut store, &s.kim.user, "C-1", Some(1), "paid").unwrap_err();
    let text = refused.to_string();
    let shown = format!(
        "lost the connection to postgres://{}@127.0.0.1:{}/{} and could not reconnect: ",
        s.kim.user,
        proxy.port(),
        s.db.name
    );
    assert!(text.starts_with(&shown), "{text}");
    assert!(!text.contains("kim-pw"), "{text}");
    assert!(refused.is_disconnect());
    assert!(audit_of(&s.db, &s.kim.user).is_empty(), "nothing written");
    let read = store.case_count().unwrap_err().to_string();
    assert!(read.starts_with(&shown), "{read}");

    proxy.refuse(false);
    let applied = relabel(&mut store, &s.kim.user, "C-1", Some(1), "paid").unwrap();
    assert_eq!(applied.case.version, 2);
    assert_eq!(store.case_count().unwrap(), 5);
    assert_eq!(
        without_seq(audit_of(&s.db, &s.kim.user)),
        [row("C-1", "kind", "paid")]
    );
}

/// The workbench over a connection that breaks and cannot be made again: the message line
/// says so (with the database, never the password), a typed note stays in its prompt, nothing
/// is written, and once the server can be reached the same keys save.
#[test]
fn the_workbench_says_the_database_is_out_of_reach_keeps_what_was_typed_and_saves_it_later() {
    let Some(s) = setup("kim_wb") else { return };
    let proxy = Proxy::start(s.db.port());
    let store = open(&proxy.url_for(&s.kim.url, s.db.port()));
    let mut d = Driver::new(store, s.kim.user.clone(), Keymap::builtin(), Vec::new()).unwrap();
    d.handle(Msg::Resize(120, 30));
    let shown = format!(
        "lost the connection to postgres://{}@127.0.0.1:{}/{}",
        s.kim.user,
        proxy.port(),
        s.db.name
    );

    proxy.refuse(true);
    proxy.cut_all();
    // A label key: the case keeps its label and the message says why.
    d.press("1").unwrap();
    let message = d.app.message.as_ref().map(|m| m.text.clone()).unwrap();
    assert!(message.starts_with(&shown), "{message}");
    assert!(
        message.ends_with("your change was not saved: do it again to try again"),
        "{message}"
    );
    assert!(!message.contains("kim-pw"));
    assert_eq!(d.app.current().unwrap().label(Dimension::Kind), None);

    // A note: the prompt stays open with what was typed, and why it was not saved.
    d.press("m").unwrap();
    d.type_text("고객 재확인 필요");
    d.press("enter").unwrap();
    let screen = screen_text(&d, 120, 30);
    assert!(screen.contains("note of C-1"), "{screen}");
    assert!(screen.contains("고객 재확인 필요"), "{screen}");
    assert!(
        screen.contains(&format!("not saved, enter tries again: {shown}")),
        "{screen}"
    );
    assert!(audit_of(&s.db, &s.kim.user).is_empty());

    // The look for others' changes says it once, and goes on.
    std::thread::sleep(Duration::from_millis(300));
    assert!(d.poll_others());
    let message = d.app.message.as_ref().map(|m| m.text.clone()).unwrap();
    assert!(message.starts_with(&shown), "{message}");
    assert!(message.contains("nothing saved is lost"), "{message}");

    proxy.refuse(false);
    d.press("enter").unwrap();
    let screen = screen_text(&d, 120, 30);
    assert!(
        !screen.contains("note of C-1"),
        "the prompt closed: {screen}"
    );
    assert!(
        screen.contains("saved C-1: note → 고객 재확인 필요"),
        "{screen}"
    );
    d.press("1").unwrap();
    assert_eq!(
        d.app.message.as_ref().map(|m| m.text.as_str()),
        Some("saved C-1: kind → paid")
    );
    assert_eq!(
        without_seq(audit_of(&s.db, &s.kim.user)),
        [
            row("C-1", "note", "고객 재확인 필요"),
            row("C-1", "kind", "paid")
        ]
    );

    // The next look says the database is back.
    std::thread::sleep(Duration::from_millis(3100));
    assert!(d.poll_others());
    let message = d.app.message.as_ref().map(|m| m.text.clone()).unwrap();
    assert!(
        message.starts_with(&format!(
            "connected to postgres://{}@127.0.0.1:{}/{} again",
            s.kim.user,
            proxy.port(),
            s.db.name
        )),
        "{message}"
    );
}
