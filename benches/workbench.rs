//! The workbench's speed targets on the full 105,116-case sample: start-up to the first frame,
//! a relabelling keystroke (save, recount, redraw), a full-frame draw, and the bytes sent to
//! the terminal per `j`. Prints a Markdown table for the README.
//! `cargo bench --bench workbench -- bytes` runs only the benchmarks whose name holds `bytes`.

mod support;

use std::io::Sink;

use casebench::io::sample::{self, SampleConfig};
use casebench::store::{CreateOptions, OnExisting, Store};
use casebench::tui::app::Msg;
use casebench::tui::driver::Driver;
use casebench::tui::keymap::{KeyChord, Keymap};
use casebench::tui::rule_files::RuleSource;
use casebench::tui::terminal::{ColorMode, CompactBackend, CountingWriter};
use casebench::tui::ui;
use ratatui::Terminal;
use support::{header, measure, row};

type Screen = Terminal<CompactBackend<CountingWriter<Sink>>>;

fn screen(cols: u16, rows: u16) -> Screen {
    let backend = CompactBackend::with_size(
        CountingWriter::new(std::io::sink()),
        cols,
        rows,
        ColorMode::Palette256,
    );
    Terminal::new(backend).expect("terminal")
}

fn draw(screen: &mut Screen, driver: &Driver) -> u64 {
    screen.backend_mut().writer_mut().reset();
    screen
        .draw(|frame| ui::render(&driver.app, frame))
        .expect("draw");
    screen.backend().writer().bytes()
}

fn key(name: &str) -> KeyChord {
    KeyChord::parse(name).expect("key name")
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !args.iter().any(|a| a == "--bench") {
        return;
    }
    let filter = args.iter().find(|a| !a.starts_with('-')).cloned();
    let wanted = |name: &str| filter.as_deref().is_none_or(|f| name.contains(f));
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

    let name = "start-up to the first drawn frame (open, load 105,116, judge by the rules, draw)";
    if wanted(name) {
        let f = measure(
            5,
            true,
            || (),
            |()| {
                let store = Store::open(&path).expect("open");
                let mut driver = Driver::new(store, "bench".into(), Keymap::builtin(), Vec::new())
                    .expect("driver");
                driver.load_rules(RuleSource::Builtin);
                driver.handle(Msg::Resize(120, 40));
                let mut screen = screen(120, 40);
                draw(&mut screen, &driver)
            },
        );
        row(name, "< 300 ms", &f);
    }

    let store = Store::open(&path).expect("open");
    let mut driver =
        Driver::new(store, "bench".into(), Keymap::builtin(), Vec::new()).expect("driver");
    driver.load_rules(RuleSource::Builtin);
    driver.handle(Msg::Resize(120, 40));
    let mut screen = screen(120, 40);
    draw(&mut screen, &driver);

    // Alternate two kinds so that every keystroke really changes the case.
    let name = "relabel keystroke: durable save + recount + redraw (120×40)";
    if wanted(name) {
        let mut n = 0;
        let f = measure(
            400,
            true,
            || {
                n += 1;
                key(if n % 2 == 0 { "3" } else { "4" })
            },
            |chord| {
                driver.handle_chord(chord);
                draw(&mut screen, &driver)
            },
        );
        row(name, "< 2 ms median", &f);
    }

    // The state does not change between frames: this is rendering and diffing alone.
    let name = "full-frame render + diff at 120×40 (visible rows only)";
    if wanted(name) {
        let f = measure(200, true, || (), |()| draw(&mut screen, &driver));
        row(name, "< 1 ms", &f);
    }

    // Bytes per `j`: within the page (the cursor moves, the list does not scroll) and when the
    // list scrolls (the cursor is on its last row).
    if !wanted("bytes sent per `j`") {
        return;
    }
    driver.press("g").expect("keys");
    draw(&mut screen, &driver);
    let rows = driver.app.list_rows();
    let mut within = Vec::new();
    let mut scrolled = Vec::new();
    for _ in 0..(rows * 20) {
        let before = driver.app.offset;
        driver.handle_chord(key("j"));
        let bytes = draw(&mut screen, &driver);
        if driver.app.offset == before {
            within.push(bytes);
        } else {
            scrolled.push(bytes);
        }
    }
    for (name, target, mut sizes) in [
        (
            "bytes sent per `j` within the page (120×40)",
            "< 1.5 KB",
            within,
        ),
        (
            "bytes sent per `j` when the list scrolls (120×40)",
            "< 12 KB",
            scrolled,
        ),
    ] {
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
}
