//! The service picker: type to narrow (code or Korean name), `enter` to set. In a spot-check
//! the choice is the lead's blind label, not a change to the case.

use super::choice::move_selection;
use super::effect::Effect;
use super::line_input::LineInput;
use super::screen::Screen;
use super::App;
use crate::domain::{Change, Dimension};
use crate::tui::action::Action;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picker {
    pub case_id: String,
    pub query: LineInput,
    /// Position in [`Picker::items`].
    pub selected: usize,
    /// In a spot-check: the choice is the lead's blind label in this spot-check, not a change
    /// to the case.
    pub spot: Option<i64>,
    /// Why the picker cannot set anything (no case is selected); typed text still goes into
    /// its query, never to the list.
    pub refused: Option<String>,
}

impl Picker {
    pub fn new(case_id: String, selected: usize, spot: Option<i64>) -> Picker {
        Picker {
            case_id,
            query: LineInput::default(),
            selected,
            spot,
            refused: None,
        }
    }

    /// The service codes whose code or Korean name contains the query (case-insensitive),
    /// in taxonomy order.
    pub fn items(&self) -> Vec<u8> {
        let query = self.query.value().trim().to_lowercase();
        Dimension::Service
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

impl App {
    /// The query changed: the selection starts over.
    pub(super) fn picker_query_changed(&mut self) {
        if let Screen::Picker(picker) = self.screens.top_mut() {
            picker.selected = 0;
        }
    }

    pub(super) fn picker_action(&mut self, action: Action) -> Vec<Effect> {
        let Screen::Picker(picker) = self.screens.top_mut() else {
            return Vec::new();
        };
        let items = picker.items();
        if move_selection(action, &mut picker.selected, items.len()) {
            return Vec::new();
        }
        match action {
            Action::Cancel => {
                self.screens.close();
            }
            Action::Accept => {
                if picker.refused.is_some() {
                    return Vec::new();
                }
                let Some(&code) = items.get(picker.selected) else {
                    return Vec::new(); // "no service matches" is shown in the picker
                };
                let case_id = picker.case_id.clone();
                let spot = picker.spot;
                self.screens.close();
                if let Some(check) = spot {
                    return vec![Effect::SpotLabel {
                        check,
                        case_id,
                        dim: Dimension::Service,
                        value: Some(code),
                    }];
                }
                return self.save_label_of(&case_id, Change::Label(Dimension::Service, Some(code)));
            }
            _ => {}
        }
        Vec::new()
    }
}
