//! The workbench's state and all its behaviour. `update` is pure: it changes the state and
//! returns effects (store writes, quitting) for the event loop to run; results come back as
//! messages. Everything here is testable without a terminal.

mod bulk;
mod detail_page;
mod drill;
mod edit;
mod filter_line;
mod judge;
mod list_input;
mod message;
mod msg;
mod navigate;
mod rule_sets;
mod search_line;
mod spot;
mod undo;
mod update;
mod view;
mod views;

use std::time::{Duration, Instant};

pub use bulk::{BulkChoice, BulkPicker, BulkPreview};
pub use drill::{panel_items, panel_rows, PanelItem, PanelRow};
pub use filter_line::FilterLine;
pub use judge::{Judge, RuleSlot};
pub use message::{Message, Tone};
pub use msg::{
    BulkSave, BulkSaved, Clock, Effect, ExternalChange, Intent, Msg, Save, SaveFailure, Saved,
};
pub use rule_sets::ComparePicker;
pub use search_line::SearchLine;
pub use spot::{SpotList, SpotScreen};
pub use undo::{CaseUndo, History, UndoEntry};
pub use view::{Extra, View};
pub use views::{Queue, ViewItem, ViewSpec, ViewsList};

use std::collections::HashMap;

use crate::domain::{Case, CaseSet, Filter};
use crate::store::SavedView;
use crate::tui::keymap::{Keymap, Mode};

/// A one-line text input over the list: the amount or the note of a case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub case_id: String,
    pub input: String,
    /// Why the last Enter was refused.
    pub error: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptKind {
    Amount,
    Note,
    /// The name to save the current view under.
    ViewName,
    /// What a new spot-check samples (`reviewers=kim since=2026-11-01 size=20`).
    NewSpotCheck,
}

/// The service picker: type to narrow, Enter to set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picker {
    pub case_id: String,
    pub query: String,
    /// Position in [`Picker::items`].
    pub selected: usize,
    /// In a spot-check: the choice is the lead's blind label in this spot-check, not a change
    /// to the case.
    pub spot: Option<i64>,
}

/// What is drawn over the list, taking the keys.
#[derive(Clone, Debug, PartialEq)]
pub enum Overlay {
    None,
    Picker(Picker),
    Prompt(Prompt),
    Help {
        scroll: usize,
    },
    /// The filter line.
    Filter(FilterLine),
    /// The list of queues and saved views.
    Views(ViewsList),
    /// Choosing the label for the marked cases.
    Bulk(BulkPicker),
    /// What the bulk change would do; Enter applies it.
    BulkPreview(BulkPreview),
    /// The counts panel has the focus; `selected` is a position in [`panel_items`].
    Panel {
        selected: usize,
    },
    /// Picking the rule set to compare with.
    Compare(ComparePicker),
    /// The search line.
    Search(SearchLine),
    /// The spot-checks to open.
    SpotList(SpotList),
    /// A text report (the agreement), scrollable.
    Report {
        title: String,
        lines: Vec<String>,
        scroll: usize,
    },
    /// A case's history, newest last.
    History {
        case_id: String,
        events: Vec<crate::store::AuditEvent>,
        scroll: usize,
    },
}

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
    pub overlay: Overlay,
    /// The counts panel toggle: on wide terminals it hides the panel, on narrow ones it shows
    /// the panel in place of the detail.
    pub panel_toggled: bool,
    /// How many lines of the case text are scrolled off the top of the detail.
    pub detail_scroll: usize,
    pub message: Option<Message>,
    pub history: History,
    pub stats: SessionStats,
    pub reviewer: String,
    /// How the database is named in the status line.
    pub db_label: String,
    pub keymap: Keymap,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    pub clock: Clock,
    pub quitting: bool,
    /// What the current view is: its name, filter, search.
    pub spec: ViewSpec,
    /// The team's saved views.
    pub saved_views: Vec<SavedView>,
    /// Cases marked for a bulk change: position in the case set → version when marked.
    pub marks: HashMap<usize, i64>,
    /// Today's local date, for the "mine today" queue (set by the event loop).
    pub today: Option<chrono::NaiveDate>,
    /// The rule sets, which are active and compared, and every case's decisions.
    pub judge: Judge,
    /// Cases other reviewers have open (case id → reviewer): `n` skips them.
    pub leases: HashMap<String, String>,
    /// The spot-check screen, when a lead has one open.
    pub spot: Option<SpotScreen>,
    /// The generation of the latest search asked for; older answers are dropped.
    pub search_generation: u64,
    /// Whether the latest search has not been answered yet.
    pub search_pending: bool,
    /// A search the view needs (set when a view with a search is applied), asked for by the
    /// next `update`.
    pending_search: Option<Effect>,
    /// Cases whose searchable fields changed (or that are new), for the search index.
    pub search_updates: Vec<usize>,
    /// The reviewer's role: lead-only actions are refused up front for reviewers (the store
    /// refuses them again).
    pub role: crate::store::Role,
}

impl App {
    pub fn new(cases: Vec<Case>, reviewer: String, db_label: String, keymap: Keymap) -> App {
        let cases = CaseSet::new(cases);
        let view = View::new(&cases, Filter::default(), None, &Judge::default(), None);
        let now = Instant::now();
        App {
            cases,
            view,
            cursor: 0,
            offset: 0,
            overlay: Overlay::None,
            panel_toggled: false,
            detail_scroll: 0,
            message: None,
            history: History::default(),
            stats: SessionStats::default(),
            reviewer,
            db_label,
            keymap,
            size: (80, 24),
            clock: Clock { started: now, now },
            quitting: false,
            spec: ViewSpec::all(),
            saved_views: Vec::new(),
            marks: HashMap::new(),
            today: None,
            leases: HashMap::new(),
            judge: Judge::default(),
            spot: None,
            search_generation: 0,
            search_pending: false,
            pending_search: None,
            search_updates: Vec::new(),
            role: crate::store::Role::Reviewer,
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

    /// Which keymap section the keys go through now.
    pub fn key_mode(&self) -> Mode {
        match self.overlay {
            Overlay::None => Mode::Normal,
            Overlay::Picker(_) | Overlay::Views(_) | Overlay::Bulk(_) => Mode::Picker,
            Overlay::BulkPreview(_) | Overlay::Compare(_) | Overlay::SpotList(_) => Mode::Picker,
            Overlay::Prompt(_) | Overlay::Filter(_) | Overlay::Search(_) => Mode::Prompt,
            Overlay::Help { .. } | Overlay::History { .. } | Overlay::Report { .. } => Mode::Help,
            Overlay::Panel { .. } => Mode::Panel,
        }
    }

    /// Whether typed characters go into a text input.
    pub fn takes_text(&self) -> bool {
        matches!(
            self.overlay,
            Overlay::Picker(_)
                | Overlay::Prompt(_)
                | Overlay::Filter(_)
                | Overlay::Search(_)
                | Overlay::Views(_)
                | Overlay::Bulk(_)
        )
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

impl Picker {
    /// The service codes whose code or Korean name contains the query (case-insensitive),
    /// in taxonomy order.
    pub fn items(&self) -> Vec<u8> {
        let query = self.query.trim().to_lowercase();
        crate::domain::Dimension::Service
            .codes()
            .iter()
            .enumerate()
            .filter(|(_, info)| {
                query.is_empty()
                    || info.code.contains(&query)
                    || info.korean.to_lowercase().contains(&query)
                    || info
                        .korean
                        .replace(' ', "")
                        .contains(&query.replace(' ', ""))
            })
            .map(|(i, _)| i as u8)
            .collect()
    }
}
