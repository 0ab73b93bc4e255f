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
    /// Rule files were read (`changed` is `None` the first time). A valid file replaces its
    /// rule set; an invalid one keeps its last valid version and its problems are shown (the
    /// first on the message line with its place, every one with `show-message`); a file that
    /// is gone leaves the cycle, and if it was active the newest remaining set takes over. A
    /// reload always says in one line what happened.
    pub(super) fn on_rules_loaded(
        &mut self,
        loaded: Vec<(String, Loaded)>,
        changed: Option<Vec<String>>,
    ) {
        let file_of = |slot: Option<usize>, judge: &super::Judge| {
            slot.and_then(|i| judge.slots.get(i))
                .map(|s| s.file.clone())
        };
        let active_file = file_of(self.judge.active, &self.judge);
        let compare_file = file_of(self.judge.compare, &self.judge);
        let old: Vec<RuleSlot> = std::mem::take(&mut self.judge.slots);
        let mut problems = Vec::new();
        for (file, result) in loaded {
            let mut slot = old
                .iter()
                .find(|s| s.file == file)
                .cloned()
                .unwrap_or(RuleSlot {
                    file: file.clone(),
                    set: None,
                    problems: Vec::new(),
                });
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
            self.judge.slots.push(slot);
        }
        let gone: Vec<RuleSlot> = old
            .into_iter()
            .filter(|o| !self.judge.slots.iter().any(|s| s.file == o.file))
            .collect();
        let valid_position = |file: &Option<String>, judge: &super::Judge| {
            file.as_ref().and_then(|f| {
                judge
                    .slots
                    .iter()
                    .position(|s| &s.file == f && s.set.is_some())
            })
        };
        // Start on (or fall back to) the newest valid set: files sort by name, and dated
        // names sort by date.
        let newest = self.judge.valid_slots().last().copied();
        self.judge.active = valid_position(&active_file, &self.judge).or(newest);
        self.judge.compare =
            valid_position(&compare_file, &self.judge).filter(|&c| Some(c) != self.judge.active);
        self.rejudge();
        let Some(changed) = changed else {
            if !problems.is_empty() {
                self.message = Some(rules_problems(&problems));
            }
            return;
        };
        self.message = Some(if !problems.is_empty() {
            rules_problems(&problems)
        } else if !gone.is_empty() {
            let names: Vec<String> = gone
                .iter()
                .map(|s| {
                    s.set
                        .as_ref()
                        .map_or(s.file.clone(), |set| set.name.clone())
                })
                .collect();
            Message::notice(format!(
                "rules: {} removed (its file is gone); judging with {}",
                names.join(", "),
                self.judge.active_name()
            ))
        } else {
            let reloaded: Vec<String> = self
                .judge
                .slots
                .iter()
                .filter(|s| changed.contains(&s.file))
                .filter_map(|s| s.set.as_ref())
                .map(|set| {
                    format!(
                        "{} ({})",
                        set.name,
                        crate::text::count(set.rules.len(), "rule", "rules")
                    )
                })
                .collect();
            Message::notice(format!("rules reloaded: {}", reloaded.join(", ")))
        });
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
            "rules: {} ({} and a default)",
            self.judge.active_name(),
            crate::text::count(rules, "rule", "rules")
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
                            "comparing {} with {}: {} in this view {} outcome",
                            self.judge.active_name(),
                            b.name,
                            crate::text::count(changed, "case", "cases"),
                            if changed == 1 { "changes" } else { "change" }
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

/// The message for rule files with problems: the first with its place, how many more, and
/// every one to read with `show-message`.
fn rules_problems(problems: &[String]) -> Message {
    let more = match problems.len() {
        1 => String::new(),
        n => format!(" (+{} more)", n - 1),
    };
    Message::error(format!(
        "rules: {}{more}; keeping the last valid rules",
        problems[0]
    ))
    .with_detail(problems.to_vec())
}
