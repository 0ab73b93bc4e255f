//! One damage claim, as held in memory.

use super::taxonomy::{Dimension, Status};

/// Label code indices, one slot per [`Dimension`] (in [`Dimension::ALL`] order); `None` means
/// "not labelled yet".
pub type Labels = [Option<u8>; 5];

/// A damage claim with its labels and review state.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Case {
    pub id: String,
    /// `YYYY-MM-DD` or RFC 3339, as received.
    pub received_at: Option<String>,
    pub channel: Option<String>,
    /// The reporter's own words. Untrusted: sanitize before showing on a terminal.
    pub text: std::sync::Arc<str>,
    pub labels: Labels,
    pub amount_krw: Option<i64>,
    pub status: Status,
    pub note: Option<String>,
    /// Starts at 1 and grows by one with every change.
    pub version: i64,
    pub updated_at: Option<String>,
    pub updated_by: Option<String>,
}

impl Case {
    /// A new, unlabelled case with status `new` at version 1.
    pub fn new(id: impl Into<String>, text: impl Into<std::sync::Arc<str>>) -> Case {
        Case {
            id: id.into(),
            text: text.into(),
            version: 1,
            ..Case::default()
        }
    }

    /// The case without its free text (`text` empty, `note` not set), as
    /// [`Store::for_each_case_without_text`](crate::store::Store::for_each_case_without_text)
    /// reads it: all that counting, filtering and judging by rules read.
    pub fn without_text(self) -> Case {
        Case {
            text: std::sync::Arc::from(""),
            note: None,
            ..self
        }
    }

    pub fn label(&self, dim: Dimension) -> Option<u8> {
        self.labels[dim.index()]
    }

    /// The code string of a label, if set.
    pub fn label_code(&self, dim: Dimension) -> Option<&'static str> {
        self.label(dim).map(|i| dim.code(i))
    }

    pub fn set_label(&mut self, dim: Dimension, code: Option<u8>) {
        self.labels[dim.index()] = code;
    }
}
