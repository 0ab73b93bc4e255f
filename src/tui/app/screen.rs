//! The screen in force: the one notion that decides everything key-related. The workbench is
//! a stack of screens — the case list at the bottom, a spot-check page over it, then a
//! prompt, picker or page to read over those — and the top one alone decides which keymap
//! section the keys go through, whether typed characters are text, what `esc` does (through
//! its keymap section), what the help shows and what the hint line says. Drawing follows the
//! same stack: the page below, then each screen over it.

use super::filter_line::FilterLine;
use super::line_input::LineInput;
use super::revert::RevertPreview;
use super::rule_sets::ComparePicker;
use super::saved_views::ViewsList;
use super::search_line::SearchLine;
use super::spot::{SpotList, SpotScreen};
use super::{BulkPicker, BulkPreview, Picker, Prompt};
use crate::store::AuditEvent;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;

/// A page of text to read: the help, a report, the whole message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reader {
    pub title: String,
    pub lines: Vec<String>,
    /// The first line shown.
    pub scroll: usize,
}

/// A case's history: its audit trail, one change selected (to revert its batch).
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryScreen {
    pub case_id: String,
    /// Oldest first.
    pub events: Vec<AuditEvent>,
    /// Position in `events`.
    pub selected: usize,
}

/// One screen.
#[derive(Clone, Debug, PartialEq)]
pub enum Screen {
    /// The case list with the detail and the counts panel: browsing and labelling.
    Cases,
    /// The counts panel has the focus; `selected` is a position in `panel_items`.
    Panel { selected: usize },
    /// A spot-check: its sample labelled blind, or its differences.
    Spot(SpotScreen),
    /// The service picker.
    Picker(Picker),
    /// A one-line input: amount, note, view name, the spot-check form.
    Prompt(Prompt),
    /// The filter line.
    Filter(FilterLine),
    /// The search line.
    Search(SearchLine),
    /// The queues and saved views.
    Views(ViewsList),
    /// Choosing the label for the marked cases.
    BulkLabel(BulkPicker),
    /// What a bulk change would do; `enter` applies it.
    BulkPreview(BulkPreview),
    /// What reverting a batch would restore and skip; `enter` reverts it.
    RevertPreview(RevertPreview),
    /// Choosing the rule set to compare with.
    Compare(ComparePicker),
    /// The spot-checks to open.
    SpotList(SpotList),
    /// The keys of the screen below, from the keymap.
    Help(Reader),
    /// A report (the agreement) or the whole message.
    Report(Reader),
    /// A case's history.
    History(HistoryScreen),
}

impl Screen {
    /// The keymap section the keys go through on this screen.
    pub fn mode(&self) -> Mode {
        match self {
            Screen::Cases => Mode::Normal,
            Screen::Panel { .. } => Mode::Panel,
            Screen::Spot(spot) if spot.differences.is_some() => Mode::Differences,
            Screen::Spot(_) => Mode::Spot,
            Screen::Picker(_) | Screen::Views(_) | Screen::BulkLabel(_) => Mode::Picker,
            Screen::Prompt(_) | Screen::Filter(_) | Screen::Search(_) => Mode::Prompt,
            Screen::BulkPreview(_)
            | Screen::RevertPreview(_)
            | Screen::Compare(_)
            | Screen::SpotList(_) => Mode::Menu,
            Screen::Help(_) | Screen::Report(_) => Mode::Help,
            Screen::History(_) => Mode::History,
        }
    }

    /// The text input that typed characters go into, on the screens that take text.
    pub fn input(&self) -> Option<&LineInput> {
        match self {
            Screen::Picker(p) => Some(&p.query),
            Screen::Prompt(p) => Some(&p.input),
            Screen::Filter(f) => Some(&f.input),
            Screen::Search(s) => Some(&s.input),
            Screen::Views(v) => Some(&v.query),
            Screen::BulkLabel(b) => Some(&b.query),
            _ => None,
        }
    }

    pub fn input_mut(&mut self) -> Option<&mut LineInput> {
        match self {
            Screen::Picker(p) => Some(&mut p.query),
            Screen::Prompt(p) => Some(&mut p.input),
            Screen::Filter(f) => Some(&mut f.input),
            Screen::Search(s) => Some(&mut s.input),
            Screen::Views(v) => Some(&mut v.query),
            Screen::BulkLabel(b) => Some(&mut b.query),
            _ => None,
        }
    }

    /// Whether typed characters that no key claims go into a text input here.
    pub fn takes_text(&self) -> bool {
        self.input().is_some()
    }

    /// A page is drawn in the panes' place (the cases, a spot-check); every other screen is
    /// drawn over the page below it.
    pub fn is_page(&self) -> bool {
        matches!(self, Screen::Cases | Screen::Spot(_))
    }

    /// The keys the hint line offers on this screen, with their labels, most useful first
    /// (each shown with the first key the keymap binds to it in [`Screen::mode`]).
    pub fn hints(&self) -> &'static [(Action, &'static str)] {
        match self {
            Screen::Cases => &[
                (Action::Help, "help"),
                (Action::Confirm, "confirm"),
                (Action::NextUnreviewed, "next unreviewed"),
                (Action::PickService, "service"),
                (Action::Undo, "undo"),
                (Action::TogglePanel, "counts"),
                (Action::Quit, "quit"),
            ],
            Screen::Panel { .. } => &[
                (Action::SelectNext, "next count"),
                (Action::Accept, "show those cases"),
                (Action::Cancel, "back to the list"),
            ],
            Screen::Spot(spot) if spot.differences.is_some() => &[
                (Action::Keep, "keep the reviewer's"),
                (Action::Overturn, "overturn with yours"),
                (Action::SelectNext, "next"),
                (Action::SpotDifferences, "blind labels"),
                (Action::SpotCheck, "leave"),
                (Action::Help, "help"),
            ],
            Screen::Spot(_) => &[
                (Action::MoveDown, "next case"),
                (Action::SpotDifferences, "differences"),
                (Action::SpotCheck, "leave"),
                (Action::Help, "help"),
            ],
            Screen::Picker(_) | Screen::Views(_) | Screen::BulkLabel(_) => &[
                (Action::Accept, "choose"),
                (Action::SelectNext, "next"),
                (Action::Cancel, "cancel"),
            ],
            Screen::Prompt(_) => &[
                (Action::Accept, "accept"),
                (Action::Cancel, "cancel"),
                (Action::DeleteWordBack, "delete a word"),
                (Action::LineStart, "to the start"),
                (Action::LineEnd, "to the end"),
            ],
            Screen::Filter(_) => &[
                (Action::Accept, "keep the filter"),
                (Action::Complete, "complete"),
                (Action::Cancel, "the view before"),
                (Action::SelectNext, "next case"),
            ],
            Screen::Search(_) => &[
                (Action::Accept, "keep the results"),
                (Action::SelectNext, "next result"),
                (Action::Cancel, "the view before"),
            ],
            Screen::BulkPreview(_) => &[(Action::Accept, "apply"), (Action::Cancel, "cancel")],
            Screen::RevertPreview(_) => &[
                (Action::Accept, "revert the batch"),
                (Action::SelectNext, "scroll"),
                (Action::Cancel, "leave it"),
            ],
            Screen::Compare(_) | Screen::SpotList(_) => &[
                (Action::Accept, "choose"),
                (Action::SelectNext, "next"),
                (Action::Cancel, "cancel"),
            ],
            Screen::Help(_) | Screen::Report(_) => &[
                (Action::PageDown, "page down"),
                (Action::PageUp, "page up"),
                (Action::Cancel, "close"),
            ],
            Screen::History(_) => &[
                (Action::SelectNext, "next change"),
                (Action::RevertBatch, "revert its batch"),
                (Action::Cancel, "close"),
            ],
        }
    }
}

/// The stack of screens. The case list is always at the bottom.
#[derive(Clone, Debug, PartialEq)]
pub struct Screens {
    stack: Vec<Screen>,
}

impl Default for Screens {
    fn default() -> Screens {
        Screens {
            stack: vec![Screen::Cases],
        }
    }
}

impl Screens {
    /// The screen in force.
    pub fn top(&self) -> &Screen {
        self.stack.last().unwrap_or(&Screen::Cases)
    }

    pub fn top_mut(&mut self) -> &mut Screen {
        if self.stack.is_empty() {
            self.stack.push(Screen::Cases);
        }
        let last = self.stack.len() - 1;
        &mut self.stack[last]
    }

    /// Puts a screen over the one in force.
    pub fn open(&mut self, screen: Screen) {
        self.stack.push(screen);
    }

    /// Closes the screen in force (never the case list) and returns it.
    pub fn close(&mut self) -> Option<Screen> {
        (self.stack.len() > 1).then(|| self.stack.pop()).flatten()
    }

    /// Replaces the screen in force (the case list stays).
    pub fn replace(&mut self, screen: Screen) {
        self.close();
        self.open(screen);
    }

    /// Closes every screen over the case list.
    pub fn close_all(&mut self) {
        self.stack.truncate(1);
    }

    /// Every screen, bottom first.
    pub fn iter(&self) -> impl Iterator<Item = &Screen> {
        self.stack.iter()
    }

    /// The page drawn in the panes' place: the highest page of the stack.
    pub fn page(&self) -> &Screen {
        self.stack
            .iter()
            .rev()
            .find(|s| s.is_page())
            .unwrap_or(&Screen::Cases)
    }

    /// The spot-check open, wherever it is in the stack.
    pub fn spot(&self) -> Option<&SpotScreen> {
        self.stack.iter().rev().find_map(|s| match s {
            Screen::Spot(spot) => Some(spot),
            _ => None,
        })
    }

    pub fn spot_mut(&mut self) -> Option<&mut SpotScreen> {
        self.stack.iter_mut().rev().find_map(|s| match s {
            Screen::Spot(spot) => Some(spot),
            _ => None,
        })
    }

    /// Closes the spot-check and everything over it.
    pub fn close_spot(&mut self) {
        if let Some(at) = self.stack.iter().position(|s| matches!(s, Screen::Spot(_))) {
            self.stack.truncate(at.max(1));
        }
    }

    /// The counts panel's selection, when the panel has the focus.
    pub fn panel_selection(&self) -> Option<usize> {
        match self.top() {
            Screen::Panel { selected } => Some(*selected),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_case_list_stays_at_the_bottom() {
        let mut screens = Screens::default();
        assert_eq!(screens.top(), &Screen::Cases);
        assert_eq!(screens.close(), None);
        screens.open(Screen::Panel { selected: 2 });
        assert_eq!(screens.panel_selection(), Some(2));
        assert_eq!(screens.top().mode(), Mode::Panel);
        assert_eq!(screens.close(), Some(Screen::Panel { selected: 2 }));
        assert_eq!(screens.top(), &Screen::Cases);
        screens.replace(Screen::Help(Reader {
            title: "keys".into(),
            lines: Vec::new(),
            scroll: 0,
        }));
        assert_eq!(screens.iter().count(), 2);
        assert_eq!(screens.page(), &Screen::Cases);
        screens.close_all();
        assert_eq!(screens.iter().count(), 1);
    }
}
