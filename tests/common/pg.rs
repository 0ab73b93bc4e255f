//! A throwaway PostgreSQL cluster for the tests: started on first use, once per test binary,
//! and gone when the test process exits.
//!
//! The server binaries (`initdb`, `postgres`) come from `$CASEBENCH_PG_BIN`, else `PATH`, else
//! the newest `/usr/lib/postgresql/*/bin`. Without them a test that asks for the cluster says
//! `SKIPPED: …` on stderr and returns, unless `CASEBENCH_REQUIRE_POSTGRES=1` (CI sets it) makes
//! that a failure. Binaries that are found but fail to start a cluster are always a failure.
//!
//! The cluster lives in a temp dir: `initdb` with trust for the unix socket (in that dir) and
//! scram-sha-256 passwords over TCP on 127.0.0.1 at a free port, UTF8 with the C locale, and
//! `fsync=off` (nothing in it outlives the test process), unless it is asked for
//! [`Durability::Durable`] (the benchmarks of durable commits, `benches/backends.rs`, which
//! include this file). Run as root, `initdb` and `postgres`
//! run as the OS user `nobody`, which owns the temp dir. `postgres` runs in the foreground as a
//! child of the test process: an `atexit` handler stops it (fast shutdown) and removes the temp
//! dir, and if the test process dies without running it (killed, aborted) the kernel sends the
//! server SIGQUIT (`PR_SET_PDEATHSIG`), so no server outlives its tests.
//!
//! ```ignore
//! let Some(db) = pg::database_or_skip() else { return };
//! let alice = db.create_login("alice_t1", "secret");
//! let client = postgres::Client::connect(&alice.url, postgres::NoTls)?;
//! ```

use std::ffi::CStr;
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::net::TcpListener;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Mutex, MutexGuard, OnceLock};
use std::thread;
use std::time::{Duration, Instant};

use postgres::{Client, NoTls};

/// What a test that needs the cluster says when there are no server binaries.
pub const NOT_FOUND: &str =
    "PostgreSQL server binaries not found (set CASEBENCH_PG_BIN or install postgresql)";

/// The cluster's superuser; it logs in over the socket without a password, over TCP with
/// [`Cluster::superuser_password`].
pub const SUPERUSER: &str = "postgres";

/// The OS user that runs the server when the tests run as root (PostgreSQL refuses root).
const SERVER_OS_USER: &CStr = c"nobody";
const STARTUP_TIMEOUT: Duration = Duration::from_secs(60);
const SHUTDOWN_TIMEOUT: Duration = Duration::from_secs(10);
/// Tries at a free port: another process may take the port between our probe and the bind.
const PORT_TRIES: usize = 5;

/// The running cluster shared by every test of this test binary.
pub struct Cluster {
    /// The temp dir holding `data/`, `socket/` and `server.log`; removed at exit.
    dir: PathBuf,
    socket_dir: PathBuf,
    port: u16,
    superuser_password: String,
    durability: Durability,
    server: Mutex<Option<Child>>,
    /// The superuser over the socket, for creating databases and roles.
    admin: Mutex<Client>,
    databases: AtomicUsize,
}

/// One test's own database in the shared cluster.
pub struct TestDb {
    pub name: String,
    cluster: &'static Cluster,
}

/// A login role with its password, and the URL that logs in as it over TCP.
#[derive(Debug, Clone)]
pub struct Login {
    pub user: String,
    pub password: String,
    /// `postgres://USER:PASS@127.0.0.1:PORT/DB` for the database it was created from.
    pub url: String,
}

/// Whether the server makes each commit durable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Durability {
    /// `fsync=off`, `full_page_writes=off`: quicker, and nothing in the cluster outlives the
    /// process anyway (the tests).
    Throwaway,
    /// The server's defaults: a commit returns once it is on disk, as SQLite's do with
    /// `synchronous=FULL` (benchmarks that compare the two).
    Durable,
}

static CLUSTER: OnceLock<Result<Option<Cluster>, String>> = OnceLock::new();

/// The shared cluster, started on first use; `None` (after saying so on stderr) when there are
/// no server binaries. Panics when `CASEBENCH_REQUIRE_POSTGRES=1` forbids the skip, or when the
/// binaries are there but the cluster does not start.
pub fn cluster_or_skip() -> Option<&'static Cluster> {
    cluster_with_or_skip(Durability::Throwaway)
}

/// [`cluster_or_skip`] with the durability asked for; the first call starts the cluster, and
/// one asking for the other durability afterwards panics (one cluster per process).
pub fn cluster_with_or_skip(durability: Durability) -> Option<&'static Cluster> {
    let started = CLUSTER.get_or_init(|| {
        find_bin_dir()
            .map(|bin| Cluster::start(&bin, durability))
            .transpose()
    });
    match started {
        Ok(Some(cluster)) => {
            assert_eq!(
                cluster.durability, durability,
                "the cluster of this process was started {:?}",
                cluster.durability
            );
            Some(cluster)
        }
        Ok(None) => {
            skip();
            None
        }
        Err(why) => panic!("the test PostgreSQL cluster did not start: {why}"),
    }
}

/// A fresh database of its own for the calling test (see [`cluster_or_skip`] for `None`).
pub fn database_or_skip() -> Option<TestDb> {
    cluster_or_skip().map(Cluster::new_database)
}

fn skip() {
    if std::env::var("CASEBENCH_REQUIRE_POSTGRES").as_deref() == Ok("1") {
        panic!("{NOT_FOUND}, and CASEBENCH_REQUIRE_POSTGRES=1 makes that a failure");
    }
    // Straight to stderr, past the test harness's capture, so that a skip is seen even when
    // the test passes.
    let test = thread::current().name().unwrap_or("a test").to_string();
    let _ = writeln!(io::stderr(), "SKIPPED: {NOT_FOUND} [{test}]");
}

impl Cluster {
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The directory of the server's unix socket (`.s.PGSQL.PORT`).
    pub fn socket_dir(&self) -> &Path {
        &self.socket_dir
    }

    pub fn superuser_password(&self) -> &str {
        &self.superuser_password
    }

    /// Creates `test_N`, a database no other test is given.
    pub fn new_database(&'static self) -> TestDb {
        let n = self.databases.fetch_add(1, Ordering::SeqCst) + 1;
        let name = format!("test_{n}");
        self.admin()
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap_or_else(|e| panic!("CREATE DATABASE {name}: {e}"));
        TestDb {
            name,
            cluster: self,
        }
    }

    fn admin(&self) -> MutexGuard<'_, Client> {
        self.admin.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn start(bin: &Path, durability: Durability) -> Result<Cluster, String> {
        let run_as = server_os_user()?;
        let dir = tempfile::Builder::new()
            .prefix("casebench-pg-")
            .tempdir()
            .map_err(|e| format!("temp dir: {e}"))?;
        let data = dir.path().join("data");
        let socket_dir = dir.path().join("socket");
        fs::create_dir(&socket_dir).map_err(|e| format!("{}: {e}", socket_dir.display()))?;
        let superuser_password = random_password();
        let pwfile = dir.path().join("superuser.pw");
        fs::write(&pwfile, &superuser_password).map_err(|e| format!("password file: {e}"))?;
        if let Some(user) = run_as {
            for path in [dir.path(), &socket_dir, &pwfile] {
                std::os::unix::fs::chown(path, Some(user.uid), Some(user.gid))
                    .map_err(|e| format!("chown {}: {e}", path.display()))?;
            }
        }

        let log = dir.path().join("initdb.log");
        let mut initdb = command(&bin.join("initdb"), dir.path(), run_as, false);
        initdb
            .arg("--pgdata")
            .arg(&data)
            .args(["--username", SUPERUSER, "--pwfile"])
            .arg(&pwfile)
            .args(["--auth-local=trust", "--auth-host=scram-sha-256"])
            .args([
                "--encoding=UTF8",
                "--no-locale",
                "--no-sync",
                "--no-instructions",
            ]);
        let status = initdb
            .stdout(log_file(&log)?)
            .stderr(log_file(&log)?)
            .status()
            .map_err(|e| format!("{}: {e}", bin.join("initdb").display()))?;
        if !status.success() {
            return Err(format!("initdb {status}:\n{}", read_log(&log)));
        }
        let _ = fs::remove_file(&pwfile);

        let log = dir.path().join("server.log");
        let mut last_failure = String::new();
        for _ in 0..PORT_TRIES {
            let _ = fs::remove_file(&log);
            let port = free_port()?;
            let mut server = command(&bin.join("postgres"), dir.path(), run_as, true);
            server
                .arg("-D")
                .arg(&data)
                .arg("-k")
                .arg(&socket_dir)
                .args(["-h", "127.0.0.1", "-p", &port.to_string()])
                .args(["-c", "max_connections=200"]);
            if durability == Durability::Throwaway {
                server.args(["-c", "fsync=off", "-c", "full_page_writes=off"]);
            }
            server.stdout(log_file(&log)?).stderr(log_file(&log)?);
            let child = spawn_from_lasting_thread(server)
                .map_err(|e| format!("{}: {e}", bin.join("postgres").display()))?;
            match wait_until_ready(child, &socket_dir, port, &log) {
                Ok((child, admin)) => {
                    let cluster = Cluster {
                        dir: dir.keep(),
                        socket_dir,
                        port,
                        superuser_password,
                        durability,
                        server: Mutex::new(Some(child)),
                        admin: Mutex::new(admin),
                        databases: AtomicUsize::new(0),
                    };
                    // SAFETY: registers a plain `extern "C" fn` that never unwinds.
                    unsafe { libc::atexit(stop_at_exit) };
                    return Ok(cluster);
                }
                Err(Failure::PortTaken(why)) => last_failure = why,
                Err(Failure::Other(why)) => return Err(why),
            }
        }
        Err(format!(
            "no free port after {PORT_TRIES} tries:\n{last_failure}"
        ))
    }

    /// Fast shutdown (SIGINT), SIGKILL if that takes too long, then the temp dir goes.
    fn stop(&self) {
        let mut server = self.server.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(mut child) = server.take() {
            // SAFETY: signals our own child, which has not been waited for, so its pid is live.
            unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
            let deadline = Instant::now() + SHUTDOWN_TIMEOUT;
            while matches!(child.try_wait(), Ok(None)) && Instant::now() < deadline {
                thread::sleep(Duration::from_millis(20));
            }
            if matches!(child.try_wait(), Ok(None)) {
                let _ = child.kill();
                let _ = child.wait();
            }
        }
        let _ = fs::remove_dir_all(&self.dir);
    }
}

extern "C" fn stop_at_exit() {
    if let Some(Ok(Some(cluster))) = CLUSTER.get() {
        cluster.stop();
    }
}

impl TestDb {
    pub fn cluster(&self) -> &'static Cluster {
        self.cluster
    }

    pub fn port(&self) -> u16 {
        self.cluster.port
    }

    pub fn socket_dir(&self) -> &Path {
        &self.cluster.socket_dir
    }

    /// `postgres://USER:PASS@127.0.0.1:PORT/DB` for this database.
    pub fn url(&self, user: &str, password: &str) -> String {
        format!(
            "postgres://{}:{}@127.0.0.1:{}/{}",
            percent_encode(user),
            percent_encode(password),
            self.cluster.port,
            self.name
        )
    }

    /// This database over the unix socket, where every role logs in without a password.
    pub fn socket_url(&self, user: &str) -> String {
        let dir = self.cluster.socket_dir.to_string_lossy();
        format!(
            "postgres://{}@/{}?host={}&port={}",
            percent_encode(user),
            self.name,
            percent_encode(&dir),
            self.cluster.port
        )
    }

    /// The superuser over TCP, with its password.
    pub fn superuser_url(&self) -> String {
        self.url(SUPERUSER, &self.cluster.superuser_password)
    }

    /// The superuser on this database over the socket.
    pub fn superuser(&self) -> Client {
        Client::connect(&self.socket_url(SUPERUSER), NoTls)
            .unwrap_or_else(|e| panic!("superuser on {}: {e}", self.name))
    }

    /// Creates a login role. Roles belong to the whole cluster, which every test of the binary
    /// shares: give each test its own names (e.g. with [`TestDb::name`] in them).
    pub fn create_login(&self, user: &str, password: &str) -> Login {
        assert!(
            !user.is_empty()
                && user.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
                && user
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "role name {user:?}: use lowercase letters, digits and _"
        );
        let literal = format!("'{}'", password.replace('\'', "''"));
        self.cluster
            .admin()
            .batch_execute(&format!("CREATE ROLE {user} LOGIN PASSWORD {literal}"))
            .unwrap_or_else(|e| panic!("CREATE ROLE {user}: {e}"));
        Login {
            user: user.to_string(),
            password: password.to_string(),
            url: self.url(user, password),
        }
    }
}

#[derive(Clone, Copy)]
struct OsUser {
    uid: libc::uid_t,
    gid: libc::gid_t,
}

/// `nobody` when the tests run as root, else `None` (the server runs as the current user).
fn server_os_user() -> Result<Option<OsUser>, String> {
    // SAFETY: geteuid cannot fail; getpwnam's result is read before any other call to it.
    unsafe {
        if libc::geteuid() != 0 {
            return Ok(None);
        }
        let entry = libc::getpwnam(SERVER_OS_USER.as_ptr());
        if entry.is_null() {
            return Err(format!(
                "running as root, and there is no OS user {SERVER_OS_USER:?} to run PostgreSQL as"
            ));
        }
        Ok(Some(OsUser {
            uid: (*entry).pw_uid,
            gid: (*entry).pw_gid,
        }))
    }
}

/// A server program run as `run_as` (if any) in `dir`, with no stdin; with `dies_with_us`, it
/// gets SIGQUIT (immediate shutdown) when the thread that spawned it ends.
fn command(program: &Path, dir: &Path, run_as: Option<OsUser>, dies_with_us: bool) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir(dir).stdin(Stdio::null());
    let parent = std::process::id() as libc::pid_t;
    // SAFETY: the closure runs between fork and exec and only makes async-signal-safe calls.
    unsafe {
        cmd.pre_exec(move || {
            if let Some(user) = run_as {
                if libc::setgroups(0, std::ptr::null()) != 0
                    || libc::setgid(user.gid) != 0
                    || libc::setuid(user.uid) != 0
                {
                    return Err(io::Error::last_os_error());
                }
            }
            // After the change of user, which would clear it.
            if dies_with_us {
                if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGQUIT) != 0 {
                    return Err(io::Error::last_os_error());
                }
                if libc::getppid() != parent {
                    return Err(io::Error::other("the test process is gone"));
                }
            }
            Ok(())
        });
    }
    cmd
}

/// Spawns from a thread that lives as long as the process: the parent-death signal fires when
/// the spawning *thread* ends, and a test's thread ends with the test.
fn spawn_from_lasting_thread(mut cmd: Command) -> io::Result<Child> {
    let (sender, receiver) = mpsc::channel();
    thread::Builder::new()
        .name("postgres-parent".to_string())
        .spawn(move || {
            let _ = sender.send(cmd.spawn());
            loop {
                thread::park();
            }
        })?;
    receiver
        .recv()
        .map_err(|_| io::Error::other("the spawning thread died"))?
}

enum Failure {
    PortTaken(String),
    Other(String),
}

/// Waits until the superuser can log in over the socket; a server that exits or hangs is a
/// failure, with its log.
fn wait_until_ready(
    mut child: Child,
    socket_dir: &Path,
    port: u16,
    log: &Path,
) -> Result<(Child, Client), Failure> {
    let mut config = postgres::Config::new();
    config
        .host_path(socket_dir)
        .port(port)
        .user(SUPERUSER)
        .dbname("postgres");
    let deadline = Instant::now() + STARTUP_TIMEOUT;
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            let text = read_log(log);
            let why = format!("postgres {status}:\n{text}");
            return Err(if text.contains("could not bind") {
                Failure::PortTaken(why)
            } else {
                Failure::Other(why)
            });
        }
        match config.connect(NoTls) {
            Ok(client) => return Ok((child, client)),
            Err(e) if Instant::now() > deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Failure::Other(format!(
                    "not ready after {STARTUP_TIMEOUT:?} ({e}):\n{}",
                    read_log(log)
                )));
            }
            Err(_) => thread::sleep(Duration::from_millis(25)),
        }
    }
}

/// A port on 127.0.0.1 that nothing listens on right now.
fn free_port() -> Result<u16, String> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .map_err(|e| format!("free port: {e}"))
}

fn log_file(path: &Path) -> Result<File, String> {
    File::options()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| format!("{}: {e}", path.display()))
}

fn read_log(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| format!("({}: {e})", path.display()))
}

/// 32 hex digits from the kernel's random source.
fn random_password() -> String {
    let mut bytes = [0u8; 16];
    File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .expect("read /dev/urandom");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Everything but RFC 3986's unreserved characters, %-encoded, for a URL's user, password or
/// query value.
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Where the server binaries are: `$CASEBENCH_PG_BIN` (and only there, when set), else the
/// first `PATH` entry with both `initdb` and `postgres`, else the newest
/// `/usr/lib/postgresql/*/bin`.
pub fn find_bin_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("CASEBENCH_PG_BIN").filter(|d| !d.is_empty()) {
        let dir = PathBuf::from(dir);
        return has_server_binaries(&dir).then_some(dir);
    }
    let on_path = std::env::var_os("PATH")
        .and_then(|path| std::env::split_paths(&path).find(|d| has_server_binaries(d)));
    on_path.or_else(newest_packaged_bin_dir)
}

fn has_server_binaries(dir: &Path) -> bool {
    ["initdb", "postgres"].iter().all(|name| {
        fs::metadata(dir.join(name))
            .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
            .unwrap_or(false)
    })
}

/// The highest version under /usr/lib/postgresql (Debian's layout: `15/bin`, `16/bin`).
fn newest_packaged_bin_dir() -> Option<PathBuf> {
    let version = |name: &str| -> Option<Vec<u32>> {
        name.split('.').map(|part| part.parse().ok()).collect()
    };
    fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let v = version(entry.file_name().to_str()?)?;
            let bin = entry.path().join("bin");
            has_server_binaries(&bin).then_some((v, bin))
        })
        .max()
        .map(|(_, bin)| bin)
}
