//! Views: what the list shows. The built-in queues, the team's saved views, switching between
//! them, and saving the current one.

use super::list_input::edit_list;
use super::message::Message;
use super::msg::Effect;
use super::view::{Extra, View};
use super::{App, Overlay, Prompt, PromptKind};
use crate::domain::{format_amount, Filter};
use crate::tui::action::Action;

/// A built-in queue that the filter language alone cannot express.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Queue {
    /// Cases this reviewer changed last, today.
    MineToday,
}

/// What a view is: a name, a filter expression and an optional search.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ViewSpec {
    pub name: String,
    pub filter: String,
    pub search: Option<String>,
    pub queue: Option<Queue>,
}

impl ViewSpec {
    /// Every case.
    pub fn all() -> ViewSpec {
        ViewSpec::filtered("all cases", "")
    }

    pub fn filtered(name: &str, filter: &str) -> ViewSpec {
        ViewSpec {
            name: name.to_string(),
            filter: filter.to_string(),
            search: None,
            queue: None,
        }
    }

    /// The built-in queues, in list order.
    pub fn builtin() -> Vec<ViewSpec> {
        vec![
            ViewSpec::all(),
            ViewSpec::filtered("unreviewed", "status=new"),
            ViewSpec::filtered("escalated", "status=escalated"),
            ViewSpec {
                queue: Some(Queue::MineToday),
                ..ViewSpec::filtered("mine today", "")
            },
            ViewSpec::filtered("large claims (over 500,000 won)", "amount_krw>500000"),
        ]
    }
}

/// One line of the views list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ViewItem {
    pub spec: ViewSpec,
    /// How many cases it holds now.
    pub count: usize,
    /// Saved by the team (can be deleted), rather than built in.
    pub saved: bool,
}

/// The views list: type to narrow, Enter to switch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ViewsList {
    pub items: Vec<ViewItem>,
    pub query: String,
    /// Position in [`ViewsList::shown`].
    pub selected: usize,
}

impl ViewsList {
    /// The items whose name or filter contains the query.
    pub fn shown(&self) -> Vec<&ViewItem> {
        let query = self.query.to_lowercase();
        self.items
            .iter()
            .filter(|item| {
                query.is_empty()
                    || item.spec.name.to_lowercase().contains(&query)
                    || item.spec.filter.contains(&query)
            })
            .collect()
    }
}

impl App {
    /// Switches the list to `spec`. A filter that does not parse leaves the view as it was and
    /// says why. The selected case stays selected when it is still in the view.
    pub fn apply_view(&mut self, spec: ViewSpec) -> bool {
        let filter = match Filter::parse(&spec.filter) {
            Ok(filter) => filter,
            Err(e) => {
                self.message = Some(Message::error(format!("view \"{}\": {e}", spec.name)));
                return false;
            }
        };
        let extra = match spec.queue {
            Some(Queue::MineToday) => Some(Extra::MineOn {
                reviewer: self.reviewer.clone(),
                day: self
                    .today
                    .unwrap_or_else(|| chrono::Local::now().date_naive()),
            }),
            None => None,
        };
        let selected = self.view.indices.get(self.cursor).copied();
        self.view = View::new(&self.cases, filter, extra, &self.judge, None);
        match &spec.search {
            Some(query) => {
                // The view shows the filter's cases until the search answers.
                self.search_generation += 1;
                self.search_pending = true;
                self.pending_search = Some(Effect::Search {
                    generation: self.search_generation,
                    query: query.clone(),
                    candidates: self.search_candidates(&self.view.filter),
                });
            }
            None => {
                self.search_generation += 1;
                self.search_pending = false;
                self.pending_search = None;
            }
        }
        self.spec = spec;
        let position = selected.and_then(|i| self.view.indices.iter().position(|&j| j == i));
        self.cursor = 0;
        self.offset = 0;
        self.move_to(position.unwrap_or(0));
        true
    }

    /// Every built-in queue and saved view, with its count now.
    fn view_items(&self) -> Vec<ViewItem> {
        let mut queues = ViewSpec::builtin();
        if let (Some(a), Some(b)) = (self.judge.a(), self.judge.b()) {
            queues.push(ViewSpec::filtered(
                &format!("outcome changed ({} → {})", a.name, b.name),
                "changed=yes",
            ));
        }
        let builtin = queues.into_iter().map(|spec| (spec, false));
        let saved = self.saved_views.iter().map(|v| {
            let spec = ViewSpec {
                name: v.name.clone(),
                filter: v.filter.clone(),
                search: v.search.clone(),
                queue: None,
            };
            (spec, true)
        });
        builtin
            .chain(saved)
            .map(|(spec, saved)| {
                let count = self.count_of(&spec);
                ViewItem { spec, count, saved }
            })
            .collect()
    }

    /// How many cases a view would hold (its filter over every case).
    fn count_of(&self, spec: &ViewSpec) -> usize {
        let judge = &self.judge;
        let Ok(filter) = Filter::parse(&spec.filter) else {
            return 0;
        };
        let extra = spec.queue.map(|_| Extra::MineOn {
            reviewer: self.reviewer.clone(),
            day: self
                .today
                .unwrap_or_else(|| chrono::Local::now().date_naive()),
        });
        self.cases
            .iter()
            .enumerate()
            .filter(|(i, c)| {
                filter.matches_with(c, &judge.derived(*i))
                    && extra.as_ref().is_none_or(|e| e.matches(c))
            })
            .count()
    }

    pub(super) fn open_views(&mut self) {
        let items = self.view_items();
        let selected = items
            .iter()
            .position(|item| item.spec == self.spec)
            .unwrap_or(0);
        self.overlay = Overlay::Views(ViewsList {
            items,
            query: String::new(),
            selected,
        });
    }

    pub(super) fn views_action(&mut self, action: Action) -> Vec<Effect> {
        let Overlay::Views(list) = &mut self.overlay else {
            return Vec::new();
        };
        let shown = list.shown().len();
        if edit_list(action, &mut list.query, &mut list.selected, shown) {
            return Vec::new();
        }
        match action {
            Action::Cancel => self.overlay = Overlay::None,
            Action::Accept => {
                let chosen = list
                    .shown()
                    .get(list.selected)
                    .map(|item| item.spec.clone());
                self.overlay = Overlay::None;
                if let Some(spec) = chosen {
                    let name = spec.name.clone();
                    if self.apply_view(spec) {
                        self.message = Some(Message::info(format!(
                            "{name}: {} cases",
                            format_amount(self.view.len() as i64)
                        )));
                    }
                }
            }
            Action::DeleteView => {
                let chosen = list.shown().get(list.selected).map(|i| (*i).clone());
                if let Err(refused) = self.lead_only(crate::store::LeadOnly::EditViews) {
                    self.message = Some(Message::error(refused));
                    return Vec::new();
                }
                match chosen {
                    Some(item) if item.saved => {
                        self.overlay = Overlay::None;
                        return vec![Effect::DeleteView(item.spec.name)];
                    }
                    Some(_) => {
                        self.message = Some(Message::info("built-in queues cannot be deleted"))
                    }
                    None => {}
                }
            }
            _ => {}
        }
        Vec::new()
    }

    pub(super) fn open_save_view(&mut self) {
        if let Err(refused) = self.lead_only(crate::store::LeadOnly::EditViews) {
            self.message = Some(Message::error(refused));
            return;
        }
        // Saving over a saved view starts from its name; anything else starts empty.
        let name = if self.saved_views.iter().any(|v| v.name == self.spec.name) {
            self.spec.name.clone()
        } else {
            String::new()
        };
        self.overlay = Overlay::Prompt(Prompt {
            kind: PromptKind::ViewName,
            case_id: String::new(),
            input: name,
            error: None,
        });
    }

    /// The name prompt was accepted: save the current filter and search under it.
    pub(super) fn save_view_named(&mut self, name: &str) -> Vec<Effect> {
        let name = name.trim();
        if ViewSpec::builtin().iter().any(|b| b.name == name) {
            self.message = Some(Message::error(format!(
                "\"{name}\" is a built-in queue; pick another name"
            )));
            return Vec::new();
        }
        if self.spec.queue.is_some() {
            self.message = Some(Message::error(
                "this queue cannot be saved as a view: its condition is not a filter",
            ));
            return Vec::new();
        }
        self.spec.name = name.to_string();
        vec![Effect::SaveView {
            name: name.to_string(),
            filter: self.spec.filter.clone(),
            search: self.spec.search.clone(),
        }]
    }

    pub(super) fn clear_filter(&mut self) {
        if self.apply_view(ViewSpec::all()) {
            self.message = Some(Message::info("all cases"));
        }
    }
}
