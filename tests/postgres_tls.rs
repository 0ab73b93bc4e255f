//! `sslmode` on a server that accepts only TLS over TCP: this test binary's own throwaway
//! cluster gets a self-signed certificate and a `pg_hba.conf` with `hostssl` lines only, so a
//! connection in the clear is refused by the server and one with TLS gets in.

mod common;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::pg;
use common::{bare_cmd, run};

/// Writes a self-signed certificate into the data directory, allows only TLS over TCP and
/// reloads the server; waits until it says `ssl` is on.
fn tls_only(db: &pg::TestDb) {
    let mut admin = db.superuser();
    let data: String = admin.query_one("SHOW data_directory", &[]).unwrap().get(0);
    let data = Path::new(&data);
    let status = Command::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        ])
        .args(["-subj", "/CN=localhost", "-keyout"])
        .arg(data.join("server.key"))
        .arg("-out")
        .arg(data.join("server.crt"))
        .output()
        .expect("openssl");
    assert!(status.status.success(), "{status:?}");
    let owner = std::fs::metadata(data).unwrap();
    for file in ["server.key", "server.crt"] {
        let path = data.join(file);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        std::os::unix::fs::chown(&path, Some(owner.uid()), Some(owner.gid())).unwrap();
    }
    let hba = data.join("pg_hba.conf");
    std::fs::write(
        &hba,
        "local all all trust\n\
         hostssl all all 127.0.0.1/32 scram-sha-256\n\
         hostnossl all all 127.0.0.1/32 reject\n",
    )
    .unwrap();
    admin.batch_execute("ALTER SYSTEM SET ssl = on").unwrap();
    admin.batch_execute("SELECT pg_reload_conf()").unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let on: String = db.superuser().query_one("SHOW ssl", &[]).unwrap().get(0);
        if on == "on" {
            break;
        }
        assert!(Instant::now() < deadline, "the server did not turn TLS on");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn sslmode_require_and_prefer_use_tls_and_disable_is_refused_by_a_tls_only_server() {
    let Some(db) = pg::database_or_skip() else {
        return;
    };
    tls_only(&db);
    let home = tempfile::tempdir().unwrap();
    let url = |mode: &str| format!("{}?sslmode={mode}", db.superuser_url());
    let stats = |url: &str| {
        let mut cmd = bare_cmd(home.path());
        cmd.args(["--db", url, "stats", "--json"]);
        run(cmd)
    };
    let required = stats(&url("require"));
    assert_eq!(required.code, 0, "{required:?}");
    assert!(
        required.stdout.contains("\"total\": 0"),
        "{}",
        required.stdout
    );
    let preferred = stats(&db.superuser_url());
    assert_eq!(
        preferred.code, 0,
        "prefer (the default) finds TLS: {preferred:?}"
    );
    let clear = stats(&url("disable"));
    assert_eq!(clear.code, 1, "{clear:?}");
    assert!(
        clear.stderr.contains("cannot connect")
            && clear.stderr.contains("no encryption")
            && !clear.stderr.contains(db.cluster().superuser_password()),
        "{}",
        clear.stderr
    );
}
