//! The workbench's frames, drawn through its own backend into a counting sink: what the
//! workbench benches time, and start-up to the first frame on either database.

use std::io::Sink;

use casebench::store::{Location, Store};
use casebench::tui::app::Msg;
use casebench::tui::driver::Driver;
use casebench::tui::keymap::{KeyChord, Keymap};
use casebench::tui::rule_files::RuleSource;
use casebench::tui::terminal::{ColorMode, CompactBackend, CountingWriter};
use casebench::tui::ui;
use ratatui::Terminal;

use super::{measure, Figures};

pub type Screen = Terminal<CompactBackend<CountingWriter<Sink>>>;

pub fn screen(cols: u16, rows: u16) -> Screen {
    let backend = CompactBackend::with_size(
        CountingWriter::new(std::io::sink()),
        cols,
        rows,
        ColorMode::Palette256,
    );
    let mut terminal = Terminal::new(backend).expect("terminal");
    // As `TerminalSession::start` does: the backend then knows the screen is blank.
    terminal.clear().expect("clear");
    terminal
}

/// Draws the workbench's screen; returns the bytes it sent.
pub fn draw(screen: &mut Screen, driver: &Driver) -> u64 {
    screen.backend_mut().writer_mut().reset();
    screen
        .draw(|frame| ui::render(&driver.app, frame))
        .expect("draw");
    screen.backend().writer().bytes()
}

/// The workbench of `reviewer` on the database at `location`, judged by the built-in rules, at
/// 120×40, with its first frame drawn: what start-up does before the reviewer sees anything.
pub fn first_frame(location: &Location, reviewer: &str) -> (Driver, Screen) {
    let store = Store::open_at(location).expect("open");
    let mut driver =
        Driver::new(store, reviewer.into(), Keymap::builtin(), Vec::new()).expect("driver");
    driver.load_rules(RuleSource::Builtin);
    driver.handle(Msg::Resize(120, 40));
    let mut screen = screen(120, 40);
    draw(&mut screen, &driver);
    (driver, screen)
}

/// The relabelling keystroke, `runs` times (after one warm-up): the kind key (`3` and `4` by
/// turns, so that every keystroke really changes the case) saved durably, the counts and the
/// rules' outcomes brought up to date, and the screen redrawn.
pub fn relabel_keystrokes(driver: &mut Driver, screen: &mut Screen, runs: usize) -> Figures {
    let mut n = 0;
    measure(
        runs,
        true,
        || {
            n += 1;
            KeyChord::parse(if n % 2 == 0 { "3" } else { "4" }).expect("key name")
        },
        |chord| {
            driver.handle_chord(chord);
            draw(screen, driver)
        },
    )
}
