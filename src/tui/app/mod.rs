//! The workbench's state and all its behaviour. `update` is pure: it changes the state and
//! returns effects (store writes, quitting) for the event loop to run; results come back as
//! messages. Everything here is testable without a terminal.

mod bulk;
mod choice;
mod detail_page;
mod dispatch;
mod drill;
mod edit;
mod effect;
mod filter_line;
mod incoming;
mod judge;
mod line_input;
mod navigate;
mod picker;
mod prompt;
mod reader;
mod results;
mod revert;
mod rule_sets;
mod saved_views;
mod screen;
mod search_line;
mod spot;
mod status_message;
mod suggestions;
mod undo;
mod update;
mod view;

use std::time::Duration;

pub use bulk::{BulkChoice, BulkPicker, BulkPreview};
pub use drill::{panel_items, panel_rows, PanelItem, PanelRow};
pub use effect::{BulkSave, Effect, Intent, Save};
pub use filter_line::FilterLine;
pub use incoming::{BulkSaved, Clock, ExternalChange, Msg, Now, Retry, SaveFailure, Saved};
pub use judge::{Judge, RuleSlot};
pub use line_input::{LineInput, Window};
pub use picker::Picker;
pub use prompt::{Prompt, PromptKind};
pub use revert::RevertPreview;
pub use rule_sets::ComparePicker;
pub use saved_views::{Queue, ViewItem, ViewSpec, ViewsList};
pub use screen::{HistoryScreen, Reader, Screen, Screens};
pub use search_line::SearchLine;
pub use spot::{SpotList, SpotScreen};
pub use status_message::{Message, Tone};
pub use suggestions::CONFIDENT;
pub use undo::{CaseUndo, History, UndoEntry};
pub use view::{Extra, View};

use std::collections::HashMap;

use crate::domain::{Case, CaseSet, Filter};
use crate::store::SavedView;
use crate::tui::keymap::{Keymap, Mode};

/// This session's work, for the pace shown in the status line.
#[derive(Clone, Copy, Debug, Default)]
pub struct SessionStats {
    /// Cases this reviewer marked reviewed in this session.
    pub confirmed: usize,
    /// Changes saved in this session.
    pub saves: usize,
}

/// The whole state of the workbench.
pub struct App {
    pub cases: CaseSet,
    pub view: View,
    /// Position of the selected case in the view.
    pub cursor: usize,
    /// First view position shown in the list.
    pub offset: usize,
    /// The screens open, the case list at the bottom: the top one is the screen in force.
    pub screens: Screens,
    /// The counts panel toggle: on wide terminals it hides the panel, on narrow ones it shows
    /// the panel in place of the detail.
    pub panel_toggled: bool,
    /// How many lines of the case text are scrolled off the top of the detail.
    pub detail_scroll: usize,
    pub message: Option<Message>,
    pub history: History,
    /// The next undo (or redo) of a bulk change goes ahead: the key was pressed once and the
    /// change named. Any other key disarms it.
    pub walk_back_armed: bool,
    pub stats: SessionStats,
    pub reviewer: String,
    /// How the database is named in the status line.
    pub db_label: String,
    pub keymap: Keymap,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    pub clock: Clock,
    /// The latest message's local time, today's local date and the local zone.
    pub local_now: chrono::DateTime<chrono::FixedOffset>,
    pub today: chrono::NaiveDate,
    pub zone: chrono::FixedOffset,
    pub quitting: bool,
    /// What the current view is: its name, filter, search.
    pub spec: ViewSpec,
    /// The team's saved views.
    pub saved_views: Vec<SavedView>,
    /// Cases marked for a bulk change: position in the case set → version when marked.
    pub marks: HashMap<usize, i64>,
    /// The rule sets, which are active and compared, and every case's decisions.
    pub judge: Judge,
    /// Cases other reviewers have open (case id → reviewer): `n` skips them.
    pub leases: HashMap<String, String>,
    /// The generation of the latest search asked for; older answers are dropped.
    pub search_generation: u64,
    /// Whether the latest search has not been answered yet.
    pub search_pending: bool,
    /// The case to select when the pending search answers (a view put back by cancel);
    /// otherwise the best match is selected.
    pub search_selects: Option<usize>,
    /// A search the view needs (set when a view with a search is applied), asked for by the
    /// next `update`.
    pending_search: Option<Effect>,
    /// Cases whose searchable fields changed (or that are new), for the search index.
    pub search_updates: Vec<usize>,
    /// The reviewer's role: lead-only actions are refused up front for reviewers (the store
    /// refuses them again).
    pub role: crate::store::Role,
    /// Per case (position in the case set): the suggestions the model made, if any.
    pub suggestions: Vec<Option<crate::domain::CaseSuggestion>>,
    /// The labels and amount the reviewer typed on the case they last typed on: accepting
    /// its suggestions keeps them.
    pub(crate) typed: Option<suggestions::TypedHere>,
    /// The counts panel shows, beside each code's count, the count the suggestions would give.
    pub panel_suggested: bool,
}

impl App {
    /// The workbench over `cases`, started at `now`.
    pub fn new(
        cases: Vec<Case>,
        reviewer: String,
        db_label: String,
        keymap: Keymap,
        now: Now,
    ) -> App {
        let cases = CaseSet::new(cases);
        let view = View::new(
            &cases,
            Filter::default(),
            None,
            &Judge::default(),
            &[],
            None,
        );
        App {
            cases,
            view,
            cursor: 0,
            offset: 0,
            screens: Screens::default(),
            panel_toggled: false,
            detail_scroll: 0,
            message: None,
            history: History::default(),
            walk_back_armed: false,
            stats: SessionStats::default(),
            reviewer,
            db_label,
            keymap,
            size: (80, 24),
            clock: Clock {
                started: now.instant,
                now: now.instant,
            },
            local_now: now.local,
            today: now.today(),
            zone: *now.local.offset(),
            quitting: false,
            spec: ViewSpec::all(),
            saved_views: Vec::new(),
            marks: HashMap::new(),
            leases: HashMap::new(),
            judge: Judge::default(),
            search_generation: 0,
            search_pending: false,
            search_selects: None,
            pending_search: None,
            search_updates: Vec::new(),
            role: crate::store::Role::Reviewer,
            suggestions: Vec::new(),
            typed: None,
            panel_suggested: false,
        }
    }

    /// The selected case.
    pub fn current(&self) -> Option<&Case> {
        self.view
            .indices
            .get(self.cursor)
            .and_then(|&i| self.cases.get(i))
    }

    /// The case at a view position.
    pub fn case_at(&self, position: usize) -> Option<&Case> {
        self.view
            .indices
            .get(position)
            .and_then(|&i| self.cases.get(i))
    }

    /// The screen in force.
    pub fn screen(&self) -> &Screen {
        self.screens.top()
    }

    /// Which keymap section the keys go through now (the screen in force decides).
    pub fn key_mode(&self) -> Mode {
        self.screen().mode()
    }

    /// Whether typed characters go into a text input now (the screen in force decides).
    pub fn takes_text(&self) -> bool {
        self.screen().takes_text()
    }

    /// The spot-check open, if any.
    pub fn spot(&self) -> Option<&SpotScreen> {
        self.screens.spot()
    }

    /// `Ok` for a lead; for a reviewer, the message the store would refuse with.
    pub fn lead_only(&self, action: crate::store::LeadOnly) -> Result<(), String> {
        match self.role {
            crate::store::Role::Lead => Ok(()),
            crate::store::Role::Reviewer => Err(crate::store::StoreError::NotALead {
                action,
                reviewer: self.reviewer.clone(),
            }
            .to_string()),
        }
    }

    /// Cases per hour this session, once a minute has passed.
    pub fn pace(&self) -> Option<f64> {
        let elapsed = self.clock.now.saturating_duration_since(self.clock.started);
        (elapsed >= Duration::from_secs(60))
            .then(|| self.stats.confirmed as f64 * 3600.0 / elapsed.as_secs_f64())
    }

    /// How many list rows fit on screen now.
    pub fn list_rows(&self) -> usize {
        crate::tui::ui::layout::list_rows(self.size, self.panel_toggled)
    }
}

#[cfg(test)]
mod update_tests;
