//! The event loop: draw only when something changed, take every queued key before drawing
//! again, check for other sessions' changes a few times a second, and leave cleanly on quit,
//! error, panic or a termination signal (the session's `Drop` restores the terminal).

use std::time::Duration;

use anyhow::Context as _;
use ratatui::crossterm::event::{self, Event, KeyEventKind};

use crate::store::Store;
use crate::tui::app::Msg;
use crate::tui::driver::Driver;
use crate::tui::keymap::{KeyChord, Keymap};
use crate::tui::rule_files::RuleSource;
use crate::tui::runner::POLL_EVERY;
use crate::tui::terminal::TerminalSession;
use crate::tui::ui;

/// Runs the workbench until the reviewer quits or the session is ended by a signal.
pub fn run(
    store: Store,
    reviewer: String,
    keymap: Keymap,
    keymap_errors: Vec<String>,
    rules: RuleSource,
) -> anyhow::Result<()> {
    let mut driver = Driver::new(store, reviewer, keymap, keymap_errors)?;
    driver.load_rules(rules);
    let mut session = TerminalSession::start()?;
    let size = session
        .terminal()
        .size()
        .context("cannot read the terminal size")?;
    driver.handle(Msg::Resize(size.width, size.height));
    let mut dirty = true;
    let mut first_frame = true;
    let signal = loop {
        if dirty {
            session
                .terminal()
                .draw(|frame| ui::render(&driver.app, frame))
                .context("cannot draw")?;
            dirty = false;
            if first_frame {
                first_frame = false;
                driver.start_search();
                driver.start_suggestions();
            }
        }
        if let Some(signal) = session.termination_requested() {
            break Some(signal);
        }
        // While a search is out, look for its answer often; otherwise sleep until a key or
        // the next poll of the database.
        let wait = if driver.app.search_pending {
            Duration::from_millis(5)
        } else {
            POLL_EVERY
        };
        if event::poll(wait).context("cannot read the keyboard")? {
            // Take every event already queued (a held key, a paste) before drawing once.
            loop {
                dirty |= handle_event(
                    &mut driver,
                    event::read().context("cannot read the keyboard")?,
                );
                if driver.should_quit() || !event::poll(Duration::ZERO).unwrap_or(false) {
                    break;
                }
            }
        }
        if driver.should_quit() {
            break None;
        }
        dirty |= driver.poll_search();
        dirty |= driver.poll_suggestions();
        dirty |= driver.poll_others();
    };
    drop(session);
    driver.release_leases();
    if let Some(signal) = signal {
        std::process::exit(signal.exit_status());
    }
    Ok(())
}

/// One terminal event; returns whether the screen may need redrawing.
fn handle_event(driver: &mut Driver, event: Event) -> bool {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => match KeyChord::from_event(&key) {
            Some(chord) => driver.handle_chord(chord),
            None => false,
        },
        Event::Resize(cols, rows) => {
            driver.handle(Msg::Resize(cols, rows));
            true
        }
        Event::Paste(text) => {
            driver.type_text(&text);
            true
        }
        Event::FocusGained | Event::FocusLost | Event::Mouse(_) | Event::Key(_) => false,
    }
}
