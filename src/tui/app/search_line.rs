//! The search line: `/` and type; results narrow with every keystroke, best match first. The
//! search runs on a worker thread: the app asks with a generation number and takes only the
//! answer to its latest question.

use std::sync::Arc;

use super::message::Message;
use super::msg::Effect;
use super::view::View;
use super::views::ViewSpec;
use super::{App, Overlay};
use crate::domain::{format_amount, Filter};
use crate::search::Hit;
use crate::tui::action::Action;

/// The search line's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchLine {
    pub input: String,
    /// The view before the line was opened.
    pub previous: ViewSpec,
}

impl App {
    pub(super) fn open_search(&mut self) {
        self.overlay = Overlay::Search(SearchLine {
            input: self.spec.search.clone().unwrap_or_default(),
            previous: self.spec.clone(),
        });
    }

    pub(super) fn search_action(&mut self, action: Action) -> Vec<Effect> {
        let Overlay::Search(line) = &mut self.overlay else {
            return Vec::new();
        };
        match action {
            Action::DeleteBack => {
                line.input.pop();
            }
            Action::ClearInput => line.input.clear(),
            Action::Accept => {
                self.overlay = Overlay::None;
                if let Some(query) = &self.spec.search {
                    let pending = if self.search_pending {
                        " (still searching)"
                    } else {
                        ""
                    };
                    self.message = Some(Message::info(format!(
                        "{} cases match /{query}{pending}",
                        format_amount(self.view.len() as i64)
                    )));
                }
                return Vec::new();
            }
            Action::Cancel => {
                // Leave the search, keep the position: the selected case stays selected.
                let mut spec = line.previous.clone();
                spec.search = None;
                self.overlay = Overlay::None;
                self.apply_view(spec);
                return Vec::new();
            }
            _ => return Vec::new(),
        }
        self.research()
    }

    pub(super) fn search_input(&mut self, ch: char) -> Vec<Effect> {
        if let Overlay::Search(line) = &mut self.overlay {
            line.input.push(ch);
        }
        self.research()
    }

    /// Asks for the matches of the line's input within the view's filter.
    fn research(&mut self) -> Vec<Effect> {
        let Overlay::Search(line) = &self.overlay else {
            return Vec::new();
        };
        let query = line.input.trim().to_string();
        let mut spec = self.spec.clone();
        spec.search = (!query.is_empty()).then_some(query);
        self.apply_view(spec);
        self.pending_search.take().into_iter().collect()
    }

    /// The cases the filter (and queue) admit, in case order: what a search looks among.
    pub(super) fn search_candidates(&self, filter: &Filter) -> Arc<Vec<usize>> {
        let extra = self.view.extra.clone();
        Arc::new(
            self.cases
                .iter()
                .enumerate()
                .filter(|(i, c)| {
                    filter.matches_with(c, &self.judge.derived(*i))
                        && extra.as_ref().is_none_or(|e| e.matches(c))
                })
                .map(|(i, _)| i)
                .collect(),
        )
    }

    /// The worker's answer: taken when it answers the latest question, else dropped.
    pub(super) fn on_search_results(&mut self, generation: u64, query: &str, hits: &[Hit]) {
        if generation != self.search_generation || self.spec.search.as_deref() != Some(query) {
            return;
        }
        self.search_pending = false;
        let order: Vec<usize> = hits.iter().map(|h| h.index).collect();
        let selected = self.view.indices.get(self.cursor).copied();
        self.view = View::new(
            &self.cases,
            self.view.filter.clone(),
            self.view.extra.clone(),
            &self.judge,
            Some(&order),
        );
        // Best match first: a new query starts at the top.
        let _ = selected;
        self.cursor = 0;
        self.offset = 0;
        self.detail_scroll = 0;
    }
}
