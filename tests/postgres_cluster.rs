//! The throwaway PostgreSQL cluster the tests start (tests/common/pg.rs): a server of version
//! 15 or newer, passwords over TCP, trust over its unix socket, login roles that are who they
//! say they are, and a database of its own for each test.

mod common;

use common::pg;
use postgres::error::SqlState;
use postgres::{Client, NoTls};

fn connect(url: &str) -> Client {
    Client::connect(url, NoTls).unwrap_or_else(|e| panic!("connect {url}: {e}"))
}

fn session_user(client: &mut Client) -> String {
    client
        .query_one("SELECT session_user::text", &[])
        .expect("SELECT session_user")
        .get(0)
}

fn current_database(client: &mut Client) -> String {
    client
        .query_one("SELECT current_database()::text", &[])
        .expect("SELECT current_database()")
        .get(0)
}

/// The SQLSTATE of a refused connection, with the refusal when there is none.
fn refusal(url: &str) -> SqlState {
    match Client::connect(url, NoTls) {
        Ok(_) => panic!("{url} was let in"),
        Err(e) => e
            .code()
            .cloned()
            .unwrap_or_else(|| panic!("refused without a server error: {e}")),
    }
}

#[test]
fn the_server_is_postgresql_15_or_newer_over_tcp_with_a_password() {
    let Some(db) = pg::database_or_skip() else {
        return;
    };
    let mut client = connect(&db.superuser_url());
    let version: String = client.query_one("SELECT version()", &[]).unwrap().get(0);
    assert!(version.starts_with("PostgreSQL "), "{version}");
    let number: String = client
        .query_one("SHOW server_version_num", &[])
        .unwrap()
        .get(0);
    let number: u32 = number.parse().expect("server_version_num is a number");
    assert!(number >= 150000, "{version} is older than 15");
    assert_eq!(session_user(&mut client), pg::SUPERUSER);
    assert_eq!(current_database(&mut client), db.name);
    let tcp: bool = client
        .query_one("SELECT inet_server_addr() = '127.0.0.1'::inet", &[])
        .unwrap()
        .get(0);
    assert!(tcp, "the URL's connection is over TCP to 127.0.0.1");
}

#[test]
fn two_login_roles_each_connect_as_themselves_and_a_wrong_password_is_refused() {
    let Some(db) = pg::database_or_skip() else {
        return;
    };
    let alice = db.create_login(&format!("alice_{}", db.name), "alice's secret");
    let bob = db.create_login(&format!("bob_{}", db.name), "b0b:p@ss/word");

    for login in [&alice, &bob] {
        let mut client = connect(&login.url);
        assert_eq!(session_user(&mut client), login.user);
        assert_eq!(current_database(&mut client), db.name);
    }

    assert_eq!(
        refusal(&db.url(&alice.user, "not alice's secret")),
        SqlState::INVALID_PASSWORD
    );
    assert_eq!(
        refusal(&db.url(&alice.user, &bob.password)),
        SqlState::INVALID_PASSWORD
    );
    assert_eq!(
        refusal(&db.url("nobody_has_this_role", "x")),
        SqlState::INVALID_PASSWORD,
        "an unknown role is refused like a wrong password"
    );
}

#[test]
fn the_unix_socket_trusts_each_role_without_a_password() {
    let Some(db) = pg::database_or_skip() else {
        return;
    };
    let carol = db.create_login(&format!("carol_{}", db.name), "carol's secret");
    assert!(
        db.socket_dir()
            .join(format!(".s.PGSQL.{}", db.port()))
            .exists(),
        "the socket is in {}",
        db.socket_dir().display()
    );

    let mut client = connect(&db.socket_url(&carol.user));
    assert_eq!(session_user(&mut client), carol.user);
    assert_eq!(current_database(&mut client), db.name);
    let over_socket: bool = client
        .query_one("SELECT inet_server_addr() IS NULL", &[])
        .unwrap()
        .get(0);
    assert!(over_socket, "the socket URL's connection is not over TCP");

    let mut admin = db.superuser();
    assert_eq!(session_user(&mut admin), pg::SUPERUSER);
}

#[test]
fn each_test_database_is_its_own() {
    let Some(first) = pg::database_or_skip() else {
        return;
    };
    let Some(second) = pg::database_or_skip() else {
        return;
    };
    assert_ne!(first.name, second.name);
    assert_eq!(first.port(), second.port(), "one cluster for the binary");

    let mut a = first.superuser();
    let mut b = second.superuser();
    a.batch_execute("CREATE TABLE cases (id text PRIMARY KEY); INSERT INTO cases VALUES ('C-1')")
        .unwrap();
    let in_first: i64 = a
        .query_one("SELECT count(*) FROM cases", &[])
        .unwrap()
        .get(0);
    assert_eq!(in_first, 1);
    let in_second: i64 = b
        .query_one(
            "SELECT count(*) FROM pg_tables WHERE tablename = 'cases'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(
        in_second, 0,
        "{}'s table is not in {}",
        first.name, second.name
    );
}
