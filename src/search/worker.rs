//! Search on a worker thread, so that typing is never blocked by a search in progress.
//!
//! The worker owns the index (changes reach it as messages, in order, so the caller never
//! waits on a lock). Each request carries the caller's generation number; asking for a newer
//! one makes the search in progress stop at its next block of 1,024 cases, requests that
//! queued up meanwhile are skipped to the newest, and a result that is no longer the newest
//! is dropped, by the worker and again by [`SearchWorker::try_result`]. Everything the caller
//! does is a channel send or receive that never waits (except [`SearchWorker::recv_timeout`],
//! for an event loop that has nothing else to do).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::index::SearchIndex;
use super::query::Query;
use super::rank::Hit;
use super::session::SearchSession;
use crate::domain::Case;

/// The answer to one request.
#[derive(Clone, Debug)]
pub struct SearchResult {
    /// The request's generation.
    pub generation: u64,
    /// The query as sent.
    pub query: String,
    /// Every match, best first (empty for an empty query).
    pub hits: Arc<Vec<Hit>>,
    /// Time the worker spent on it.
    pub elapsed: Duration,
}

enum Message {
    Search {
        generation: u64,
        query: String,
        candidates: Option<Arc<Vec<usize>>>,
    },
    Update(usize, Box<Case>),
    Push(Box<Case>),
}

/// A search thread and the two channels to it. Dropping it stops the thread.
pub struct SearchWorker {
    requests: Option<Sender<Message>>,
    results: Receiver<SearchResult>,
    latest: Arc<AtomicU64>,
    /// Set once the index is built (requests are answered from then on).
    built: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl SearchWorker {
    /// Starts the worker on `index`.
    pub fn start(index: SearchIndex) -> SearchWorker {
        SearchWorker::start_with(move || index)
    }

    /// Starts the worker and builds the index on it (requests wait in the queue meanwhile), so
    /// the caller can draw its first frame without waiting for the build.
    pub fn start_with(build: impl FnOnce() -> SearchIndex + Send + 'static) -> SearchWorker {
        let (requests, inbox) = mpsc::channel();
        let (outbox, results) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let shared = Arc::clone(&latest);
        let built = Arc::new(AtomicBool::new(false));
        let done = Arc::clone(&built);
        let thread = std::thread::Builder::new()
            .name("search".into())
            .spawn(move || {
                let index = build();
                done.store(true, Ordering::SeqCst);
                run(index, &inbox, &outbox, &shared)
            })
            .ok();
        SearchWorker {
            requests: Some(requests),
            results,
            latest,
            built,
            thread,
        }
    }

    /// Asks for the matches of `query` among `candidates` (case positions; `None`: all
    /// cases). `generation` should grow with every request; an older one is abandoned.
    pub fn request(
        &self,
        generation: u64,
        query: impl Into<String>,
        candidates: Option<Arc<Vec<usize>>>,
    ) {
        self.latest.fetch_max(generation, Ordering::SeqCst);
        self.send(Message::Search {
            generation,
            query: query.into(),
            candidates,
        });
    }

    /// Case `index` changed (its note, say): searches from now on see the new fields.
    pub fn update_case(&self, index: usize, case: &Case) {
        self.send(Message::Update(index, Box::new(case.clone())));
    }

    /// A new case was appended to the caller's cases.
    pub fn push_case(&self, case: &Case) {
        self.send(Message::Push(Box::new(case.clone())));
    }

    fn send(&self, message: Message) {
        if let Some(requests) = &self.requests {
            // A worker that is gone (it panicked) answers nothing; the caller sees no results.
            let _ = requests.send(message);
        }
    }

    /// Whether the index is built, so that a search is answered without waiting for it.
    pub fn is_built(&self) -> bool {
        self.built.load(Ordering::SeqCst)
    }

    /// The newest generation requested so far.
    pub fn latest_generation(&self) -> u64 {
        self.latest.load(Ordering::SeqCst)
    }

    /// The result of the newest request, if it has arrived; results of older requests are
    /// dropped. Never waits.
    pub fn try_result(&self) -> Option<SearchResult> {
        let mut newest = None;
        loop {
            match self.results.try_recv() {
                Ok(result) => {
                    if result.generation == self.latest_generation() {
                        newest = Some(result);
                    }
                }
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return newest,
            }
        }
    }

    /// Like [`SearchWorker::try_result`], but waits up to `timeout` for the newest result.
    pub fn recv_timeout(&self, timeout: Duration) -> Option<SearchResult> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(result) = self.try_result() {
                return Some(result);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.results.recv_timeout(left) {
                Ok(result) if result.generation == self.latest_generation() => {
                    return Some(self.try_result().unwrap_or(result));
                }
                Ok(_) => continue,
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
            }
        }
    }
}

impl Drop for SearchWorker {
    fn drop(&mut self) {
        // Abandon the search in progress, close the queue, and wait for the thread to end.
        self.latest.store(u64::MAX, Ordering::SeqCst);
        self.requests = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The worker's loop: take everything queued, apply changes in order, answer the newest
/// request.
fn run(
    mut index: SearchIndex,
    inbox: &Receiver<Message>,
    outbox: &Sender<SearchResult>,
    latest: &AtomicU64,
) {
    let mut session = SearchSession::new();
    while let Ok(first) = inbox.recv() {
        let mut newest = None;
        for message in std::iter::once(first).chain(std::iter::from_fn(|| inbox.try_recv().ok())) {
            match message {
                Message::Update(i, case) => {
                    index.update(i, &case);
                    session.clear();
                }
                Message::Push(case) => {
                    index.push(&case);
                    session.clear();
                }
                search @ Message::Search { .. } => newest = Some(search),
            }
        }
        let Some(Message::Search {
            generation,
            query,
            candidates,
        }) = newest
        else {
            continue;
        };
        if generation != latest.load(Ordering::SeqCst) {
            continue;
        }
        let started = Instant::now();
        let parsed = Query::parse(&query);
        let cancel = || latest.load(Ordering::Relaxed) != generation;
        let Some(hits) = session.search(&index, &parsed, candidates.as_ref(), &cancel) else {
            continue;
        };
        if generation == latest.load(Ordering::SeqCst) {
            let result = SearchResult {
                generation,
                query,
                hits,
                elapsed: started.elapsed(),
            };
            if outbox.send(result).is_err() {
                return;
            }
        }
    }
}
