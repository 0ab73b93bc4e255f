//! Spot-checks in the workbench (leads): pick or start one, label its sample blind — the
//! reviewers' labels are never shown until the lead has labelled — then go through the
//! differences and keep or overturn each.

use super::message::Message;
use super::msg::Effect;
use super::{App, Overlay, Prompt, PromptKind};
use crate::domain::{Case, Dimension};
use crate::store::{Difference, Progress, Resolution, SpotCheck};
use crate::tui::action::Action;

/// The spot-check screen.
#[derive(Clone, Debug, PartialEq)]
pub struct SpotScreen {
    pub check: SpotCheck,
    /// Position in the sample.
    pub position: usize,
    /// The differences, when shown (and the selected one).
    pub differences: Option<(Vec<Difference>, usize)>,
}

impl SpotScreen {
    /// The sampled case on screen.
    pub fn case_id(&self) -> Option<&str> {
        self.check
            .cases
            .get(self.position)
            .map(|c| c.case_id.as_str())
    }
}

/// The list of spot-checks to open, with a last line to start a new one.
#[derive(Clone, Debug, PartialEq)]
pub struct SpotList {
    pub checks: Vec<(SpotCheck, Progress)>,
    /// Position in `checks`; `checks.len()` is "start a new spot-check".
    pub selected: usize,
}

impl App {
    /// `C`: leave the spot-check screen, or list the spot-checks (leads only).
    pub(super) fn spot_check_key(&mut self) -> Vec<Effect> {
        if self.spot.is_some() {
            self.spot = None;
            self.message = Some(Message::info("left the spot-check (C resumes it)"));
            return Vec::new();
        }
        if let Err(refused) = self.lead_only(crate::store::LeadOnly::SpotCheck) {
            self.message = Some(Message::error(refused));
            return Vec::new();
        }
        vec![Effect::ListSpotChecks]
    }

    pub(super) fn spot_list_action(&mut self, action: Action) -> Vec<Effect> {
        let Overlay::SpotList(list) = &mut self.overlay else {
            return Vec::new();
        };
        let n = list.checks.len() + 1;
        match action {
            Action::SelectNext | Action::MoveDown => list.selected = (list.selected + 1) % n,
            Action::SelectPrev | Action::MoveUp => list.selected = (list.selected + n - 1) % n,
            Action::Cancel => self.overlay = Overlay::None,
            Action::Accept => {
                let chosen = list.checks.get(list.selected).map(|(c, _)| c.id);
                self.overlay = Overlay::None;
                return match chosen {
                    Some(id) => vec![Effect::OpenSpot(id)],
                    None => {
                        let since = self
                            .today
                            .map(|d| d.format("%Y-%m-%d").to_string())
                            .unwrap_or_default();
                        self.overlay = Overlay::Prompt(Prompt {
                            kind: PromptKind::NewSpotCheck,
                            case_id: String::new(),
                            input: format!("reviewers= since={since} size=20"),
                            error: None,
                        });
                        Vec::new()
                    }
                };
            }
            _ => {}
        }
        Vec::new()
    }

    /// Keys on the spot-check screen: moving through the sample, the label keys record the
    /// lead's blind labels, and in the differences `keep` / `overturn`.
    pub(super) fn spot_action(&mut self, action: Action) -> Vec<Effect> {
        let Some(spot) = self.spot.as_mut() else {
            return Vec::new();
        };
        let check = spot.check.id;
        if let Some((differences, selected)) = spot.differences.as_mut() {
            let n = differences.len();
            match action {
                Action::MoveDown | Action::SelectNext if n > 0 => {
                    *selected = (*selected + 1).min(n - 1)
                }
                Action::MoveUp | Action::SelectPrev => *selected = selected.saturating_sub(1),
                Action::First => *selected = 0,
                Action::Last => *selected = n.saturating_sub(1),
                Action::Keep | Action::Overturn => {
                    let Some(d) = differences.get(*selected) else {
                        return Vec::new();
                    };
                    let resolution = if action == Action::Keep {
                        Resolution::Keep
                    } else {
                        Resolution::Overturn
                    };
                    return vec![Effect::SpotResolve {
                        check,
                        case_id: d.case_id.clone(),
                        dim: d.field,
                        resolution,
                    }];
                }
                Action::SpotDifferences | Action::Cancel | Action::DismissMessage => {
                    spot.differences = None
                }
                _ => {}
            }
            return Vec::new();
        }
        let n = spot.check.cases.len();
        let case_id = spot.case_id().map(str::to_string);
        let label = |dim: Dimension, value: Option<u8>| -> Vec<Effect> {
            case_id
                .clone()
                .map(|case_id| Effect::SpotLabel {
                    check,
                    case_id,
                    dim,
                    value,
                })
                .into_iter()
                .collect()
        };
        match action {
            Action::MoveDown | Action::Confirm | Action::NextUnreviewed if n > 0 => {
                spot.position = (spot.position + 1).min(n - 1)
            }
            Action::MoveUp | Action::PrevUnreviewed => {
                spot.position = spot.position.saturating_sub(1)
            }
            Action::First => spot.position = 0,
            Action::Last => spot.position = n.saturating_sub(1),
            Action::SetLabel(dim, code) => return label(dim, Some(code)),
            Action::ClearLabel(dim) => return label(dim, None),
            Action::ToggleScope => {
                let current = spot
                    .check
                    .cases
                    .get(spot.position)
                    .and_then(|c| c.lead_labels[Dimension::Scope.index()])
                    .flatten();
                let next = if current == Some(0) { 1 } else { 0 };
                return label(Dimension::Scope, Some(next));
            }
            Action::SpotDifferences => return vec![Effect::LoadSpotDifferences(check)],
            Action::PickService => {
                if let Some(case_id) = case_id {
                    self.overlay = Overlay::Picker(super::Picker {
                        case_id,
                        query: String::new(),
                        selected: 0,
                        spot: Some(check),
                    });
                }
            }
            Action::SpotCheck | Action::Cancel => {
                self.spot = None;
            }
            _ => {
                self.message = Some(Message::info(
                    "in a spot-check: label keys record your blind labels, D shows the differences, C leaves",
                ));
            }
        }
        Vec::new()
    }

    pub(super) fn on_spot_loaded(&mut self, check: SpotCheck) {
        let position = match &self.spot {
            Some(spot) if spot.check.id == check.id => spot.position,
            _ => 0,
        };
        self.spot = Some(SpotScreen {
            check,
            position,
            differences: None,
        });
    }

    pub(super) fn on_spot_differences(&mut self, differences: Vec<Difference>, case: Option<Case>) {
        if let Some(case) = case {
            self.store_case(case);
        }
        if let Some(spot) = self.spot.as_mut() {
            let selected = spot.differences.as_ref().map_or(0, |(_, s)| *s);
            let selected = selected.min(differences.len().saturating_sub(1));
            if differences.is_empty() {
                self.message = Some(Message::info("no differences yet: label the sample first"));
            }
            spot.differences = Some((differences, selected));
        }
    }
}
