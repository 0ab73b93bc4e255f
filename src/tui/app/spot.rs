//! Spot-checks in the workbench (leads): pick or start one, label its sample blind — the
//! reviewers' labels are never shown until the lead has labelled — then go through the
//! differences and keep or overturn each.

use super::choice::move_selection;
use super::effect::Effect;
use super::line_input::LineInput;
use super::picker::Picker;
use super::prompt::{Prompt, PromptKind};
use super::screen::Screen;
use super::status_message::Message;
use super::App;
use crate::domain::{Case, Dimension};
use crate::store::{Difference, Progress, Resolution, SpotCheck};
use crate::tui::action::Action;

/// The spot-check screen: the sample labelled blind, or (`differences` is set) the
/// differences between the reviewers' labels and the lead's.
#[derive(Clone, Debug, PartialEq)]
pub struct SpotScreen {
    pub check: SpotCheck,
    /// Position in the sample.
    pub position: usize,
    /// The differences, when shown, and the selected one.
    pub differences: Option<(Vec<Difference>, usize)>,
    /// A keep or overturn asked for and not answered yet: what to confirm when it is.
    pub resolving: Option<(String, Dimension, Resolution)>,
    /// Lines of the case text scrolled off the top.
    pub text_scroll: usize,
}

impl SpotScreen {
    pub fn new(check: SpotCheck) -> SpotScreen {
        SpotScreen {
            check,
            position: 0,
            differences: None,
            resolving: None,
            text_scroll: 0,
        }
    }

    /// The sampled case on screen (blind), or the case of the selected difference.
    pub fn case_id(&self) -> Option<&str> {
        match &self.differences {
            Some((differences, selected)) => differences.get(*selected).map(|d| d.case_id.as_str()),
            None => self
                .check
                .cases
                .get(self.position)
                .map(|c| c.case_id.as_str()),
        }
    }

    /// How many sampled cases the lead has labelled in every dimension.
    pub fn labelled(&self) -> usize {
        self.check
            .cases
            .iter()
            .filter(|c| c.lead_labels.iter().all(|l| l.is_some()))
            .count()
    }
}

/// The list of spot-checks to open, with a last line to start a new one.
#[derive(Clone, Debug, PartialEq)]
pub struct SpotList {
    pub checks: Vec<(SpotCheck, Progress)>,
    /// Position in `checks`; `checks.len()` is "start a new spot-check".
    pub selected: usize,
}

/// The spot-check form as it opens: the fields to fill in, and where the cursor goes first
/// (after `reviewers=`).
pub fn form_template(today: chrono::NaiveDate) -> (String, usize) {
    let text = format!("reviewers= since={} size=20", today.format("%Y-%m-%d"));
    (text, "reviewers=".len())
}

impl App {
    /// `C` on the case list: the spot-checks (leads only).
    pub(super) fn open_spot_checks(&mut self) -> Vec<Effect> {
        if let Err(refused) = self.lead_only(crate::store::LeadOnly::SpotCheck) {
            self.message = Some(Message::error(refused));
            return Vec::new();
        }
        vec![Effect::ListSpotChecks]
    }

    pub(super) fn spot_list_action(&mut self, action: Action) -> Vec<Effect> {
        let Screen::SpotList(list) = self.screens.top_mut() else {
            return Vec::new();
        };
        let n = list.checks.len() + 1;
        if move_selection(action, &mut list.selected, n) {
            return Vec::new();
        }
        match action {
            Action::Cancel => {
                self.screens.close();
            }
            Action::Accept => {
                let chosen = list.checks.get(list.selected).map(|(c, _)| c.id);
                self.screens.close();
                match chosen {
                    Some(id) => return vec![Effect::OpenSpot(id)],
                    None => {
                        let (text, cursor) = form_template(self.today);
                        let input = LineInput::with_cursor(text, cursor);
                        self.screens.open(Screen::Prompt(Prompt::new(
                            PromptKind::NewSpotCheck,
                            String::new(),
                            input,
                        )));
                    }
                }
            }
            _ => {}
        }
        Vec::new()
    }

    /// `enter` in the spot-check form: read and checked here; every problem is shown in the
    /// form at once.
    pub(super) fn spot_form_accepted(&mut self, text: &str) -> Result<Vec<Effect>, Vec<String>> {
        match crate::tui::spot_form::parse_form(text) {
            Ok(form) => Ok(vec![Effect::NewSpot(form)]),
            Err(error) => Err(vec![error]),
        }
    }

    /// Keys on a spot-check screen. Blind: moving through the sample, the label keys record
    /// the lead's blind labels. Differences: moving, keep and overturn.
    pub(super) fn spot_action(&mut self, action: Action) -> Vec<Effect> {
        let rows = self.list_rows().max(1);
        let Some(spot) = self.screens.spot_mut() else {
            return Vec::new();
        };
        let check = spot.check.id;
        match action {
            Action::SpotCheck => {
                self.screens.close_spot();
                self.message = Some(Message::info("left the spot-check (C resumes it)"));
                return Vec::new();
            }
            Action::DetailDown => {
                spot.text_scroll += 3;
                return Vec::new();
            }
            Action::DetailUp => {
                spot.text_scroll = spot.text_scroll.saturating_sub(3);
                return Vec::new();
            }
            _ => {}
        }
        if let Some((differences, selected)) = spot.differences.as_mut() {
            let n = differences.len();
            let last = n.saturating_sub(1);
            let before = *selected;
            match action {
                Action::MoveDown | Action::SelectNext => *selected = (*selected + 1).min(last),
                Action::MoveUp | Action::SelectPrev => *selected = selected.saturating_sub(1),
                Action::PageDown => *selected = (*selected + rows).min(last),
                Action::PageUp => *selected = selected.saturating_sub(rows),
                Action::First => *selected = 0,
                Action::Last => *selected = last,
                Action::Keep | Action::Overturn => {
                    let Some(d) = differences.get(*selected) else {
                        return Vec::new();
                    };
                    let resolution = if action == Action::Keep {
                        Resolution::Keep
                    } else {
                        Resolution::Overturn
                    };
                    spot.resolving = Some((d.case_id.clone(), d.field, resolution));
                    return vec![Effect::SpotResolve {
                        check,
                        case_id: d.case_id.clone(),
                        dim: d.field,
                        resolution,
                    }];
                }
                Action::SpotDifferences => spot.differences = None,
                _ => {}
            }
            if spot.differences.as_ref().is_some_and(|(_, s)| *s != before) {
                spot.text_scroll = 0;
            }
            return Vec::new();
        }
        let n = spot.check.cases.len();
        let last = n.saturating_sub(1);
        let before = spot.position;
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
        let effects = match action {
            Action::MoveDown | Action::Confirm | Action::NextUnreviewed => {
                spot.position = (spot.position + 1).min(last);
                Vec::new()
            }
            Action::MoveUp | Action::PrevUnreviewed => {
                spot.position = spot.position.saturating_sub(1);
                Vec::new()
            }
            Action::PageDown => {
                spot.position = (spot.position + rows).min(last);
                Vec::new()
            }
            Action::PageUp => {
                spot.position = spot.position.saturating_sub(rows);
                Vec::new()
            }
            Action::First => {
                spot.position = 0;
                Vec::new()
            }
            Action::Last => {
                spot.position = last;
                Vec::new()
            }
            Action::SetLabel(dim, code) => label(dim, Some(code)),
            Action::ClearLabel(dim) => label(dim, None),
            Action::ToggleScope => {
                let current = spot
                    .check
                    .cases
                    .get(spot.position)
                    .and_then(|c| c.lead_labels[Dimension::Scope.index()])
                    .flatten();
                let next = if current == Some(0) { 1 } else { 0 };
                label(Dimension::Scope, Some(next))
            }
            Action::SpotDifferences => vec![Effect::LoadSpotDifferences(check)],
            Action::PickService => {
                if let Some(case_id) = case_id.clone() {
                    let picker = Picker::new(case_id, 0, Some(check));
                    self.screens.open(Screen::Picker(picker));
                }
                Vec::new()
            }
            _ => Vec::new(),
        };
        if let Some(spot) = self.screens.spot_mut() {
            if spot.position != before {
                spot.text_scroll = 0;
            }
        }
        effects
    }

    pub(super) fn on_spot_loaded(&mut self, check: SpotCheck) {
        match self.screens.spot_mut() {
            Some(spot) if spot.check.id == check.id => spot.check = check,
            _ => {
                self.screens.close_spot();
                let name = check.name.clone();
                let id = check.id;
                self.screens.open(Screen::Spot(SpotScreen::new(check)));
                self.message = Some(Message::info(format!(
                    "spot-check #{id}{}: label each case blind; the reviewers' labels stay hidden",
                    name.map(|n| format!(" {n}")).unwrap_or_default()
                )));
            }
        }
    }

    pub(super) fn on_spot_differences(&mut self, differences: Vec<Difference>, case: Option<Case>) {
        if let Some(case) = case {
            self.store_case(case);
        }
        let Some(spot) = self.screens.spot_mut() else {
            return;
        };
        let mut selected = spot.differences.as_ref().map_or(0, |(_, s)| *s);
        let mut confirmation = None;
        if let Some((case_id, dim, resolution)) = spot.resolving.take() {
            // Say what was decided, and go on to the next open difference after it.
            let decided = differences
                .iter()
                .find(|d| d.case_id == case_id && d.field == dim);
            let value = |v: Option<u8>| v.map_or("none".to_string(), |c| dim.code(c).to_string());
            confirmation = decided.map(|d| match resolution {
                Resolution::Keep => format!(
                    "kept {case_id} {} = {} ({}'s label)",
                    dim.name(),
                    value(d.reviewer_value),
                    d.reviewer
                ),
                Resolution::Overturn => format!(
                    "overturned {case_id} {}: {} → {}",
                    dim.name(),
                    value(d.reviewer_value),
                    value(d.lead_value)
                ),
            });
            let open_after = differences
                .iter()
                .enumerate()
                .skip(selected + 1)
                .chain(differences.iter().enumerate().take(selected + 1))
                .find(|(_, d)| d.resolution.is_none())
                .map(|(i, _)| i);
            match open_after {
                Some(i) => selected = i,
                None => {
                    if let Some(text) = confirmation.as_mut() {
                        text.push_str("; every difference is decided");
                    }
                }
            }
        }
        selected = selected.min(differences.len().saturating_sub(1));
        let empty = differences.is_empty();
        spot.differences = Some((differences, selected));
        spot.text_scroll = 0;
        if let Some(text) = confirmation {
            self.message = Some(Message::info(text));
        } else if empty {
            self.message = Some(Message::info("no differences yet: label the sample first"));
        }
    }
}
