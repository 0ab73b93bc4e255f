//! The workbench's speed targets on the full 105,116-case sample: start-up to the first frame,
//! a relabelling keystroke (save, recount, redraw), a full-frame draw, and the bytes sent to
//! the terminal per `j`, by our backend and by ratatui's `CrosstermBackend` on the same frames.
//! Prints a Markdown table for GUIDE.md's performance table.
//! `cargo bench --bench workbench -- bytes` runs only the benchmarks whose name holds `bytes`.

mod support;

use std::cell::Cell;
use std::io::Write;
use std::rc::Rc;

use casebench::io::sample::{self, SampleConfig};
use casebench::store::{CreateOptions, Location, OnExisting, Store};
use casebench::tui::driver::Driver;
use casebench::tui::keymap::KeyChord;
use casebench::tui::ui;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use support::frame::{draw, first_frame, relabel_keystrokes};
use support::{header, measure, row, Selection};

/// Counts the bytes written through any of its clones (`CrosstermBackend` does not lend its
/// writer out).
#[derive(Clone, Default)]
struct SharedCount(Rc<Cell<u64>>);

impl Write for SharedCount {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.set(self.0.get() + buf.len() as u64);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// ratatui's own backend, on a fixed `cols` × `rows` area (it never asks a terminal for its
/// size then), counting what it sends.
struct CrosstermScreen {
    terminal: Terminal<CrosstermBackend<SharedCount>>,
    sent: SharedCount,
}

impl CrosstermScreen {
    fn new(cols: u16, rows: u16) -> Self {
        let sent = SharedCount::default();
        let terminal = Terminal::with_options(
            CrosstermBackend::new(sent.clone()),
            TerminalOptions {
                viewport: Viewport::Fixed(Rect::new(0, 0, cols, rows)),
            },
        )
        .expect("terminal");
        Self { terminal, sent }
    }

    fn draw(&mut self, driver: &Driver) -> u64 {
        self.sent.0.set(0);
        self.terminal
            .draw(|frame| ui::render(&driver.app, frame))
            .expect("draw");
        self.sent.0.get()
    }
}

/// What the first frame sent (the driver goes with it).
fn bytes_sent((_driver, screen): (Driver, support::frame::Screen)) -> u64 {
    screen.backend().writer().bytes()
}

fn key(name: &str) -> KeyChord {
    KeyChord::parse(name).expect("key name")
}

/// Median, p99 and best of `sizes` (sorted in place), in KB.
fn byte_row(name: &str, target: &str, sizes: &mut [u64]) {
    sizes.sort_unstable();
    let median = sizes[sizes.len() / 2];
    let p99 = sizes[((sizes.len() - 1) as f64 * 0.99).round() as usize];
    println!(
        "| {name} | {target} | {:.2} KB | {:.2} KB | {:.2} KB | {} |",
        median as f64 / 1024.0,
        p99 as f64 / 1024.0,
        sizes[0] as f64 / 1024.0,
        sizes.len()
    );
}

fn main() {
    let Some(selection) = Selection::from_args() else {
        return;
    };
    let wanted = |name: &str| selection.wants(name);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.db");
    {
        let mut store = Store::open(&path).expect("open");
        let cases = sample::generate(SampleConfig::default());
        let options = CreateOptions {
            reviewer: "bench",
            action: "sample",
            batch: "bench",
            on_existing: OnExisting::Fail,
            replace: false,
        };
        store
            .create_cases(&cases, options, &mut |_| {})
            .expect("insert");
    }
    header();

    let location = Location::Sqlite(path.clone());
    let name = "start-up to the first drawn frame (open, load 105,116, judge by the rules, draw)";
    if wanted(name) {
        // The driver is dropped inside the timing, as it always was here.
        let f = measure(
            5,
            true,
            || (),
            |()| bytes_sent(first_frame(&location, "bench")),
        );
        row(name, "< 300 ms", &f);
    }

    let (mut driver, mut screen) = first_frame(&location, "bench");

    let name = "relabel keystroke: durable save + recount + redraw (120×40)";
    if wanted(name) {
        let f = relabel_keystrokes(&mut driver, &mut screen, 400);
        row(name, "< 2 ms median", &f);
    }

    // The state does not change between frames: this is rendering and diffing alone.
    let name = "full-frame render + diff at 120×40 (visible rows only)";
    if wanted(name) {
        let f = measure(200, true, || (), |()| draw(&mut screen, &driver));
        row(name, "< 1 ms", &f);
    }

    // Bytes per `j`: within the page (the cursor moves, the list does not scroll) and when the
    // list scrolls (the cursor is on its last row); ratatui's `CrosstermBackend` draws the same
    // frames beside ours.
    if !wanted("bytes sent per `j`") {
        return;
    }
    let mut theirs = CrosstermScreen::new(120, 40);
    driver.press("g").expect("keys");
    draw(&mut screen, &driver);
    theirs.draw(&driver);
    let rows = driver.app.list_rows();
    let (mut within, mut within_theirs) = (Vec::new(), Vec::new());
    let (mut scrolled, mut scrolled_theirs) = (Vec::new(), Vec::new());
    for _ in 0..(rows * 20) {
        let before = driver.app.offset;
        driver.handle_chord(key("j"));
        let ours = draw(&mut screen, &driver);
        let crossterm = theirs.draw(&driver);
        if driver.app.offset == before {
            within.push(ours);
            within_theirs.push(crossterm);
        } else {
            scrolled.push(ours);
            scrolled_theirs.push(crossterm);
        }
    }
    let ratio = |ours: &[u64], theirs: &[u64]| {
        theirs.iter().sum::<u64>() as f64 / ours.iter().sum::<u64>().max(1) as f64
    };
    let ratios = [
        ("within the page", ratio(&within, &within_theirs)),
        ("when the list scrolls", ratio(&scrolled, &scrolled_theirs)),
    ];
    byte_row(
        "bytes sent per `j` within the page (120×40)",
        "< 1.5 KB",
        &mut within,
    );
    byte_row(
        "bytes sent per `j` within the page, ratatui's CrosstermBackend (same frames)",
        "",
        &mut within_theirs,
    );
    byte_row(
        "bytes sent per `j` when the list scrolls (120×40)",
        "< 12 KB",
        &mut scrolled,
    );
    byte_row(
        "bytes sent per `j` when the list scrolls, ratatui's CrosstermBackend (same frames)",
        "",
        &mut scrolled_theirs,
    );
    for (what, ratio) in ratios {
        let verdict = if ratio >= 1.5 {
            "ours wins by 1.5× or more"
        } else {
            "ours does NOT win by 1.5×"
        };
        println!("CrosstermBackend sends {ratio:.2}× our bytes per `j` {what}: {verdict}");
    }
}
