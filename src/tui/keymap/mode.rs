//! The modes of the workbench, each with its own section of a keymap file.

use std::fmt;
use std::str::FromStr;

/// Which section of the keymap the keys go through. The screen in force decides it
/// (`App::screen().mode()`); each mode has its own bindings (`[normal]`, `[picker]`, ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    /// Browsing and labelling cases.
    Normal,
    /// A list to pick from with a query line (the service picker, the views, the bulk
    /// labels): typing narrows it.
    Picker,
    /// A one-line text input (amount, note, view name, spot-check form, filter, search).
    Prompt,
    /// A page to read: the help, a report, the whole message.
    Help,
    /// The counts panel has the focus: pick a count to drill into its cases.
    Panel,
    /// A short list to choose from without typing (the rule set to compare with, the
    /// spot-checks, the bulk change's preview).
    Menu,
    /// A case's history: pick a change, revert its batch.
    History,
    /// A spot-check's sample, labelled blind.
    Spot,
    /// A spot-check's differences: keep or overturn each.
    Differences,
}

impl Mode {
    /// Every mode, in the order of keymap files and of `casebench keys`.
    pub const ALL: [Mode; 9] = [
        Mode::Normal,
        Mode::Picker,
        Mode::Prompt,
        Mode::Help,
        Mode::Panel,
        Mode::Menu,
        Mode::History,
        Mode::Spot,
        Mode::Differences,
    ];

    /// The section name in keymap files.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Normal => "normal",
            Mode::Picker => "picker",
            Mode::Prompt => "prompt",
            Mode::Help => "help",
            Mode::Panel => "panel",
            Mode::Menu => "menu",
            Mode::History => "history",
            Mode::Spot => "spot",
            Mode::Differences => "differences",
        }
    }

    /// Looks a mode up by its section name (exact, lowercase).
    pub fn from_name(name: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.name() == name)
    }

    /// Position in [`Mode::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Whether printable characters that no binding claims are typed into an input in this
    /// mode (picker and prompt), rather than ignored.
    pub fn types_text(self) -> bool {
        matches!(self, Mode::Picker | Mode::Prompt)
    }

    /// What the mode is for, as the help's section headings say it.
    pub fn title(self) -> &'static str {
        match self {
            Mode::Normal => "the case list",
            Mode::Picker => "a list with a query line",
            Mode::Prompt => "a text line",
            Mode::Help => "reading a page",
            Mode::Panel => "the counts panel",
            Mode::Menu => "a list to choose from",
            Mode::History => "a case's history",
            Mode::Spot => "a spot-check, blind",
            Mode::Differences => "a spot-check's differences",
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An unknown mode name.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown mode {0:?}")]
pub struct UnknownMode(pub String);

impl FromStr for Mode {
    type Err = UnknownMode;

    fn from_str(s: &str) -> Result<Mode, UnknownMode> {
        Mode::from_name(s).ok_or_else(|| UnknownMode(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for (i, mode) in Mode::ALL.into_iter().enumerate() {
            assert_eq!(mode.index(), i);
            assert_eq!(Mode::from_name(mode.name()), Some(mode));
            assert_eq!(mode.to_string().parse::<Mode>(), Ok(mode));
        }
        assert_eq!(Mode::from_name("Normal"), None);
        assert_eq!(
            "nromal".parse::<Mode>(),
            Err(UnknownMode("nromal".to_string()))
        );
        assert!(Mode::Prompt.types_text() && !Mode::Help.types_text());
    }
}
