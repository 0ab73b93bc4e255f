//! Views: what the list shows. The built-in queues, the team's saved views, switching between
//! them, and saving the current one.

use super::choice::move_selection;
use super::effect::Effect;
use super::line_input::LineInput;
use super::prompt::PromptKind;
use super::screen::Screen;
use super::status_message::Message;
use super::view::{Extra, View};
use super::App;
use crate::domain::Filter;
use crate::tui::action::Action;

/// A built-in queue that the filter language alone cannot express.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Queue {
    /// Cases this reviewer changed last, today.
    MineToday,
    /// Cases with suggestions, the least confident suggestion first (uncertainty sampling).
    LeastConfident,
    /// Cases whose labels a confident suggestion contradicts, most confident first (likely
    /// mislabels).
    Disagrees,
    /// Cases ranked by the payout the active rule set would move if their labels were as
    /// suggested, weighted by the chance the suggestions are right.
    MoneyAtRisk,
}

impl Queue {
    /// Whether the queue is an order the suggestions give (a snapshot taken when opened)
    /// rather than a condition.
    fn ordered(self) -> bool {
        !matches!(self, Queue::MineToday)
    }

    /// What the queue holds, for the views list.
    pub fn describe(self) -> &'static str {
        match self {
            Queue::MineToday => "changed by you today",
            Queue::LeastConfident => "least confident suggestion first",
            Queue::Disagrees => "labels a confident suggestion contradicts",
            Queue::MoneyAtRisk => "payout the suggestions would move, weighted by their confidence",
        }
    }
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
    pub query: LineInput,
    /// Position in [`ViewsList::shown`].
    pub selected: usize,
}

impl ViewsList {
    /// The items whose name or filter every word of the query matches, as search matches
    /// (see `search::name_matches`).
    pub fn shown(&self) -> Vec<&ViewItem> {
        let query = self.query.value();
        self.items
            .iter()
            .filter(|item| {
                crate::search::name_matches(query, &[&item.spec.name, &item.spec.filter])
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
        let selected = self.view.indices.get(self.cursor).copied();
        match spec.queue.filter(|q| q.ordered()) {
            Some(queue) => {
                let order = self.queue_order(queue);
                self.view = View::new(
                    &self.cases,
                    filter,
                    None,
                    &self.judge,
                    &self.suggestions,
                    Some(&order),
                );
                self.view.snapshot = true;
            }
            None => {
                let extra = spec.queue.and_then(|queue| self.queue_condition(queue));
                self.view = View::new(
                    &self.cases,
                    filter,
                    extra,
                    &self.judge,
                    &self.suggestions,
                    None,
                );
            }
        }
        self.view.count_suggested(&self.cases, &self.suggestions);
        self.view.search = spec.search.as_deref().map(crate::search::Query::parse);
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

    /// The cases of a queue the suggestions order, in its order.
    fn queue_order(&self, queue: Queue) -> Vec<usize> {
        match queue {
            Queue::LeastConfident => self.least_confident_order(),
            Queue::Disagrees => self.disagrees_order(),
            Queue::MoneyAtRisk => self
                .money_at_risk_order()
                .into_iter()
                .map(|(i, _)| i)
                .collect(),
            Queue::MineToday => Vec::new(),
        }
    }

    /// The condition of a built-in queue, today in the local zone (`None` for the queues the
    /// suggestions order: see [`App::queue_order`]).
    fn queue_condition(&self, queue: Queue) -> Option<Extra> {
        match queue {
            Queue::MineToday => Some(Extra::MineOn {
                reviewer: self.reviewer.clone(),
                day: self.today,
                zone: self.zone,
            }),
            Queue::LeastConfident | Queue::Disagrees | Queue::MoneyAtRisk => None,
        }
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
        if self.suggestions.iter().any(Option::is_some) {
            let mut queue = |name: &str, queue| {
                queues.push(ViewSpec {
                    queue: Some(queue),
                    ..ViewSpec::filtered(name, "")
                })
            };
            queue("least confident suggestions", Queue::LeastConfident);
            queue("disagrees with a confident suggestion", Queue::Disagrees);
            if self.judge.a().is_some() {
                queue("money at risk", Queue::MoneyAtRisk);
            }
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
        let Ok(filter) = Filter::parse(&spec.filter) else {
            return 0;
        };
        if let Some(queue) = spec.queue.filter(|q| q.ordered()) {
            return self.queue_order(queue).len();
        }
        let extra = spec.queue.and_then(|queue| self.queue_condition(queue));
        super::view::selector(&filter, extra.as_ref(), &self.judge, &self.suggestions)
            .select(self.cases.iter().enumerate())
            .count()
    }

    pub(super) fn open_views(&mut self) {
        let items = self.view_items();
        let selected = items
            .iter()
            .position(|item| item.spec == self.spec)
            .unwrap_or(0);
        self.screens.open(Screen::Views(ViewsList {
            items,
            query: LineInput::default(),
            selected,
        }));
    }

    /// Typing in the views list: the selection starts over.
    pub(super) fn views_query_changed(&mut self) {
        if let Screen::Views(list) = self.screens.top_mut() {
            list.selected = 0;
        }
    }

    pub(super) fn views_action(&mut self, action: Action) -> Vec<Effect> {
        let Screen::Views(list) = self.screens.top_mut() else {
            return Vec::new();
        };
        let shown = list.shown().len();
        if move_selection(action, &mut list.selected, shown) {
            return Vec::new();
        }
        match action {
            Action::Cancel => {
                self.screens.close();
            }
            Action::Accept => {
                let chosen = list
                    .shown()
                    .get(list.selected)
                    .map(|item| item.spec.clone());
                let Some(spec) = chosen else {
                    return Vec::new(); // "no view matches" is shown in the list
                };
                self.screens.close();
                let name = spec.name.clone();
                if self.apply_view(spec) {
                    let n = self.view.len();
                    self.message = Some(Message::info(format!(
                        "{name}: {}",
                        crate::text::count(n, "case", "cases")
                    )));
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
                        self.screens.close();
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

    /// `S`: the name to save the current view under. The prompt always opens, so that what
    /// is typed next is the name; a reviewer sees inside it that only leads save team views.
    pub(super) fn open_save_view(&mut self) {
        // Saving over a saved view starts from its name; anything else starts empty.
        let name = if self.saved_views.iter().any(|v| v.name == self.spec.name) {
            self.spec.name.clone()
        } else {
            String::new()
        };
        self.open_prompt(PromptKind::ViewName, String::new(), LineInput::new(name));
        if let Some(refused) = self.view_name_refusal() {
            if let Screen::Prompt(prompt) = self.screens.top_mut() {
                prompt.errors = vec![refused];
            }
        }
    }

    /// Why the current view cannot be saved, whatever its name.
    fn view_name_refusal(&self) -> Option<String> {
        if let Err(refused) = self.lead_only(crate::store::LeadOnly::EditViews) {
            return Some(refused);
        }
        self.spec.queue.is_some().then(|| {
            "this queue cannot be saved as a view: its condition is not a filter".to_string()
        })
    }

    /// The name prompt was accepted: save the current filter and search under it (the
    /// prompt closes when the store has saved it).
    pub(super) fn view_name_accepted(&mut self, name: &str) -> Result<Vec<Effect>, Vec<String>> {
        if let Some(refused) = self.view_name_refusal() {
            return Err(vec![refused]);
        }
        let name = name.trim();
        if name.is_empty() {
            return Err(vec!["give the view a name".into()]);
        }
        if ViewSpec::builtin().iter().any(|b| b.name == name) {
            return Err(vec![format!(
                "\"{name}\" is a built-in queue; pick another name"
            )]);
        }
        Ok(vec![Effect::SaveView {
            name: name.to_string(),
            filter: self.spec.filter.clone(),
            search: self.spec.search.clone(),
        }])
    }

    pub(super) fn clear_filter(&mut self) {
        if self.apply_view(ViewSpec::all()) {
            self.message = Some(Message::info("all cases"));
        }
    }
}
