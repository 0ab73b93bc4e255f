//! Choosing rule sets in the workbench: files loaded (and reloaded when they change on disk),
//! `r` cycles the active set, `c` picks a second set to compare with.

use std::sync::Arc;

use super::choice::move_selection;
use super::effect::Effect;
use super::judge::RuleSlot;
use super::screen::Screen;
use super::status_message::Message;
use super::App;
use crate::rules::Loaded;
use crate::tui::action::Action;

/// The compare picker: the other valid rule sets, and "no comparison".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComparePicker {
    /// Slot indices offered, `None` for "no comparison".
    pub choices: Vec<Option<usize>>,
    pub selected: usize,
}

impl App {
    /// Rule files were (re)read. A valid file replaces its rule set; an invalid one keeps the
    /// last valid version and its problems are shown.
    pub(super) fn on_rules_loaded(&mut self, loaded: Vec<(String, Loaded)>) {
        let mut problems = Vec::new();
        for (file, result) in loaded {
            let position = self.judge.slots.iter().position(|s| s.file == file);
            let slot = match position {
                Some(i) => &mut self.judge.slots[i],
                None => {
                    self.judge.slots.push(RuleSlot {
                        file: file.clone(),
                        set: None,
                        problems: Vec::new(),
                    });
                    let last = self.judge.slots.len() - 1;
                    &mut self.judge.slots[last]
                }
            };
            match result {
                Ok((set, _warnings)) => {
                    slot.set = Some(Arc::new(set));
                    slot.problems.clear();
                }
                Err(errors) => {
                    slot.problems = errors.iter().map(ToString::to_string).collect();
                    problems.extend(slot.problems.iter().cloned());
                }
            }
        }
        // Start on the newest valid set (files sort by name, dated names sort by date).
        if self.judge.a().is_none() {
            self.judge.active = self.judge.valid_slots().last().copied();
        }
        self.rejudge();
        if let Some(first) = problems.first() {
            let more = if problems.len() > 1 {
                format!(" (+{} more)", problems.len() - 1)
            } else {
                String::new()
            };
            self.message = Some(Message::error(format!(
                "rules: {first}{more}; keeping the last valid rules"
            )));
        }
    }

    /// Decides every case again and rebuilds the view (its outcome totals and, for filters on
    /// `outcome`, `rule` or `changed`, its cases).
    pub(super) fn rejudge(&mut self) {
        self.judge.evaluate_all(&self.cases);
        let spec = self.spec.clone();
        self.apply_view(spec);
    }

    pub(super) fn cycle_rules(&mut self) {
        let valid = self.judge.valid_slots();
        if valid.is_empty() {
            self.message = Some(Message::info("no rule sets are loaded"));
            return;
        }
        let next = match self
            .judge
            .active
            .and_then(|a| valid.iter().position(|&v| v == a))
        {
            Some(i) => valid[(i + 1) % valid.len()],
            None => valid[0],
        };
        self.judge.active = Some(next);
        if self.judge.compare == Some(next) {
            self.judge.compare = None;
        }
        self.rejudge();
        let rules = self.judge.a().map_or(0, |a| a.rules.len());
        self.message = Some(Message::info(format!(
            "rules: {} ({rules} rules and a default)",
            self.judge.active_name()
        )));
    }

    pub(super) fn open_compare(&mut self) {
        let mut choices: Vec<Option<usize>> = self
            .judge
            .valid_slots()
            .into_iter()
            .filter(|&i| Some(i) != self.judge.active)
            .map(Some)
            .collect();
        if choices.is_empty() {
            self.message = Some(Message::info("there is no other rule set to compare with"));
            return;
        }
        choices.push(None);
        let selected = choices
            .iter()
            .position(|c| *c == self.judge.compare && c.is_some())
            .unwrap_or(0);
        self.screens
            .open(Screen::Compare(ComparePicker { choices, selected }));
    }

    pub(super) fn compare_action(&mut self, action: Action) -> Vec<Effect> {
        let Screen::Compare(picker) = self.screens.top_mut() else {
            return Vec::new();
        };
        if move_selection(action, &mut picker.selected, picker.choices.len()) {
            return Vec::new();
        }
        match action {
            Action::Cancel => {
                self.screens.close();
            }
            Action::Accept => {
                let chosen = picker.choices.get(picker.selected).copied().flatten();
                self.screens.close();
                self.judge.compare = chosen;
                if chosen.is_none() && self.spec.filter.contains("changed=") {
                    // The view asked about a comparison that is gone.
                    self.spec = super::saved_views::ViewSpec::all();
                }
                self.rejudge();
                self.message = Some(Message::info(match self.judge.b() {
                    Some(b) => {
                        let changed = self
                            .view
                            .indices
                            .iter()
                            .filter(|&&i| self.judge.changed(i) == Some(true))
                            .count();
                        format!(
                            "comparing {} with {}: {} cases in this view change outcome",
                            self.judge.active_name(),
                            b.name,
                            crate::domain::format_amount(changed as i64)
                        )
                    }
                    None => "comparison off".to_string(),
                }));
            }
            _ => {}
        }
        Vec::new()
    }
}
