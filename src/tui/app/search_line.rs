//! The search line: `/` and type; results narrow with every keystroke, best match first. The
//! search runs on a worker thread: the app asks with a generation number and takes only the
//! answer to its latest question.

use std::sync::Arc;

use super::effect::Effect;
use super::line_input::LineInput;
use super::saved_views::ViewSpec;
use super::screen::Screen;
use super::status_message::Message;
use super::view::View;
use super::App;
use crate::domain::Filter;
use crate::search::Hit;
use crate::tui::action::Action;

/// The search line's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchLine {
    pub input: LineInput,
    /// The view before the line was opened, and the case selected then (a position in the
    /// case set): cancel puts both back, as the filter line does.
    pub previous: ViewSpec,
    pub previous_case: Option<usize>,
}

impl App {
    pub(super) fn open_search(&mut self) {
        self.screens.open(Screen::Search(SearchLine {
            input: LineInput::new(self.spec.search.clone().unwrap_or_default()),
            previous: self.spec.clone(),
            previous_case: self.view.indices.get(self.cursor).copied(),
        }));
    }

    pub(super) fn search_action(&mut self, action: Action) -> Vec<Effect> {
        let Screen::Search(line) = self.screens.top_mut() else {
            return Vec::new();
        };
        match action {
            // The results are the list: arrows move through them while the line is open.
            Action::SelectNext | Action::MoveDown => self.move_by(1),
            Action::SelectPrev | Action::MoveUp => self.move_by(-1),
            Action::Accept => {
                self.screens.close();
                if let Some(query) = &self.spec.search {
                    let pending = if self.search_pending {
                        " (still searching)"
                    } else {
                        ""
                    };
                    let n = self.view.len();
                    self.message = Some(Message::info(format!(
                        "{} /{query}{pending}",
                        crate::text::count(n, "case matches", "cases match")
                    )));
                }
            }
            Action::Cancel => {
                let (previous, case) = (line.previous.clone(), line.previous_case);
                self.screens.close();
                self.restore_view(previous, case);
            }
            _ => {}
        }
        Vec::new()
    }

    /// Asks for the matches of the line's input within the view's filter.
    pub(super) fn research(&mut self) -> Vec<Effect> {
        let Screen::Search(line) = self.screen() else {
            return Vec::new();
        };
        let query = line.input.value().trim().to_string();
        let mut spec = self.spec.clone();
        spec.search = (!query.is_empty()).then_some(query);
        self.apply_view(spec);
        self.pending_search.take().into_iter().collect()
    }

    /// The cases the filter (and queue) admit, in case order: what a search looks among.
    pub(super) fn search_candidates(&self, filter: &Filter) -> Arc<Vec<usize>> {
        let extra = self.view.extra.as_ref();
        let selected = super::view::selector(filter, extra, &self.judge, &self.suggestions)
            .select(self.cases.iter().enumerate())
            .map(|(i, _)| i);
        Arc::new(selected.collect())
    }

    /// The worker's answer: taken when it answers the latest question, else dropped.
    pub(super) fn on_search_results(&mut self, generation: u64, query: &str, hits: &[Hit]) {
        if generation != self.search_generation || self.spec.search.as_deref() != Some(query) {
            return;
        }
        self.search_pending = false;
        let order: Vec<usize> = hits.iter().map(|h| h.index).collect();
        self.view = View::new(
            &self.cases,
            self.view.filter.clone(),
            self.view.extra.clone(),
            &self.judge,
            &self.suggestions,
            Some(&order),
        );
        self.view.search = Some(crate::search::Query::parse(query));
        self.view.searched = true;
        self.view.count_suggested(&self.cases, &self.suggestions);
        // Best match first: a new query starts at the top, unless a view was put back with
        // its case.
        let keep = self
            .search_selects
            .take()
            .and_then(|i| self.view.indices.iter().position(|&j| j == i));
        self.cursor = 0;
        self.offset = 0;
        self.detail_scroll = 0;
        if let Some(position) = keep {
            self.move_to(position);
        }
    }
}
