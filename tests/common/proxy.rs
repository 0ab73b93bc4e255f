//! A TCP proxy between casebench and the test cluster that breaks connections the way a
//! network or a server does, at the moment a test chooses: every connection at once, new
//! connections, or one connection exactly at its next `COMMIT` (the client's `Query` message
//! `COMMIT`, which is how the store commits).
//!
//! It reads the client's side of the protocol only to find that message: the startup
//! messages (an `SSLRequest`, which the test cluster answers `N`, then the startup packet),
//! then tagged messages (one byte, a length, the body). Use it with `sslmode=disable` or
//! `prefer` (the cluster has no TLS, so the bytes stay readable).
#![allow(dead_code)]

use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;

/// What happens to the next `COMMIT` sent through the proxy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommitFault {
    /// The `COMMIT` reaches the server, which commits and answers; the answer never reaches
    /// the client: the connection breaks first.
    AnswerLost,
    /// The connection breaks as the `COMMIT` is sent: it never reaches the server, which rolls
    /// the transaction back when it finds its client gone.
    NeverArrives,
}

/// The codes of the untagged requests a client may send before its startup packet.
const SSL_REQUEST: u32 = 80_877_103;
const GSSENC_REQUEST: u32 = 80_877_104;

#[derive(Default)]
struct State {
    /// New connections are closed at once (the server cannot be reached).
    refuse: bool,
    /// When the server's side of a connection ends, the client's stays open and silent (a
    /// middlebox that holds on to it).
    hold_client: bool,
    /// The next `COMMIT`'s fate; taken by the connection that sends it.
    fault: Option<CommitFault>,
    /// How many faults were carried out.
    fired: usize,
    /// Every connection's two sockets, to break them.
    links: Vec<(TcpStream, TcpStream)>,
    /// How many connections were accepted.
    accepted: usize,
}

pub struct Proxy {
    port: u16,
    state: Arc<Mutex<State>>,
}

impl Proxy {
    /// Listens on a free port of 127.0.0.1 and forwards to the server at `target_port`.
    pub fn start(target_port: u16) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the proxy");
        let port = listener.local_addr().expect("proxy address").port();
        let state = Arc::new(Mutex::new(State::default()));
        let shared = Arc::clone(&state);
        thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { continue };
                let mut state = lock(&shared);
                state.accepted += 1;
                if state.refuse {
                    let _ = client.shutdown(Shutdown::Both);
                    continue;
                }
                let Ok(server) = TcpStream::connect(("127.0.0.1", target_port)) else {
                    let _ = client.shutdown(Shutdown::Both);
                    continue;
                };
                let _ = client.set_nodelay(true);
                let _ = server.set_nodelay(true);
                let (Ok(c), Ok(s)) = (client.try_clone(), server.try_clone()) else {
                    continue;
                };
                state.links.push((c, s));
                drop(state);
                link(client, server, Arc::clone(&shared));
            }
        });
        Proxy { port, state }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// `postgres://USER:PW@127.0.0.1:PORT/DB?sslmode=disable` through the proxy, for a URL
    /// of the test cluster (`url` as `TestDb::url` makes them).
    pub fn url_for(&self, url: &str, cluster_port: u16) -> String {
        let through = url.replacen(
            &format!("@127.0.0.1:{cluster_port}/"),
            &format!("@127.0.0.1:{}/", self.port),
            1,
        );
        assert_ne!(through, url, "{url} is not on port {cluster_port}");
        format!("{through}?sslmode=disable")
    }

    /// Breaks every connection through the proxy now, as a broken network does.
    pub fn cut_all(&self) {
        let mut state = lock(&self.state);
        for (client, server) in state.links.drain(..) {
            let _ = client.shutdown(Shutdown::Both);
            let _ = server.shutdown(Shutdown::Both);
        }
    }

    /// While `on`, new connections are closed as soon as they are made.
    pub fn refuse(&self, on: bool) {
        lock(&self.state).refuse = on;
    }

    /// While `on`, a connection whose server side ends keeps its client side open, silent,
    /// for ever: the client hears what the server said last, and never that it is gone.
    pub fn hold_client_open(&self, on: bool) {
        lock(&self.state).hold_client = on;
    }

    /// The next `COMMIT` sent through the proxy meets `fault`.
    pub fn fail_next_commit(&self, fault: CommitFault) {
        lock(&self.state).fault = Some(fault);
    }

    /// How many `COMMIT` faults were carried out.
    pub fn fired(&self) -> usize {
        lock(&self.state).fired
    }

    /// How many connections were made to the proxy.
    pub fn accepted(&self) -> usize {
        lock(&self.state).accepted
    }
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state.lock().unwrap_or_else(|p| p.into_inner())
}

/// Pumps both directions of one connection, each on its own thread. Whichever side ends or
/// fails, the whole connection breaks, as one socket does.
fn link(client: TcpStream, server: TcpStream, state: Arc<Mutex<State>>) {
    // Set when the server's next answer must be dropped and the connection broken.
    let swallow = Arc::new(AtomicBool::new(false));
    let (Ok(client_up), Ok(server_up)) = (client.try_clone(), server.try_clone()) else {
        return;
    };
    let swallow_up = Arc::clone(&swallow);
    let down = Arc::clone(&state);
    thread::spawn(move || {
        let _ = client_to_server(&client_up, &server_up, &state, &swallow_up);
        end(&client_up, &server_up, &state);
    });
    thread::spawn(move || {
        let _ = server_to_client(&server, &client, &swallow);
        end(&client, &server, &down);
    });
}

/// One side ended: the connection breaks, unless the client's side is to be held open.
fn end(client: &TcpStream, server: &TcpStream, state: &Mutex<State>) {
    if lock(state).hold_client {
        let _ = server.shutdown(Shutdown::Both);
    } else {
        break_both(client, server);
    }
}

fn break_both(client: &TcpStream, server: &TcpStream) {
    let _ = client.shutdown(Shutdown::Both);
    let _ = server.shutdown(Shutdown::Both);
}

fn client_to_server(
    mut from: &TcpStream,
    mut to: &TcpStream,
    state: &Mutex<State>,
    swallow: &AtomicBool,
) -> io::Result<()> {
    // Untagged: requests for encryption (answered with one byte), then the startup packet.
    loop {
        let mut len = [0u8; 4];
        from.read_exact(&mut len)?;
        let n = u32::from_be_bytes(len) as usize;
        let mut body = vec![0u8; n.saturating_sub(4)];
        from.read_exact(&mut body)?;
        to.write_all(&len)?;
        to.write_all(&body)?;
        let code = body
            .get(..4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
            .unwrap_or(0);
        if code != SSL_REQUEST && code != GSSENC_REQUEST {
            break;
        }
    }
    loop {
        let mut head = [0u8; 5];
        from.read_exact(&mut head)?;
        let n = u32::from_be_bytes([head[1], head[2], head[3], head[4]]) as usize;
        let mut body = vec![0u8; n.saturating_sub(4)];
        from.read_exact(&mut body)?;
        if head[0] == b'Q' && body == b"COMMIT\0" {
            let fault = {
                let mut state = lock(state);
                let fault = state.fault.take();
                if fault.is_some() {
                    state.fired += 1;
                }
                fault
            };
            match fault {
                // Broken before it is sent on.
                Some(CommitFault::NeverArrives) => return Ok(()),
                Some(CommitFault::AnswerLost) => swallow.store(true, Ordering::SeqCst),
                None => {}
            }
        }
        to.write_all(&head)?;
        to.write_all(&body)?;
    }
}

fn server_to_client(
    mut from: &TcpStream,
    mut to: &TcpStream,
    swallow: &AtomicBool,
) -> io::Result<()> {
    let mut buf = [0u8; 16 * 1024];
    loop {
        let n = from.read(&mut buf)?;
        // At the server's end, or when it answered the COMMIT whose answer must be lost (it
        // has committed; the client never hears it).
        if n == 0 || swallow.load(Ordering::SeqCst) {
            return Ok(());
        }
        to.write_all(&buf[..n])?;
    }
}
