//! The message shown on the message line (below the status line): feedback on the last key,
//! news from other sessions, errors. A long one wraps; its whole text and any detail (every
//! problem of a rule file) can be read on a page of its own (`show-message`).

/// How a message is shown and how long it stays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// Feedback on the last key; replaced by the next key.
    Info,
    /// Something happened that the reviewer did not do (another reviewer changed this case);
    /// stays until dismissed or replaced.
    Notice,
    /// Something went wrong; stays until dismissed or replaced.
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub tone: Tone,
    /// More to read than the line holds (every problem of a rule file), shown by
    /// `show-message`.
    pub detail: Vec<String>,
}

impl Message {
    pub fn info(text: impl Into<String>) -> Message {
        Message {
            text: text.into(),
            tone: Tone::Info,
            detail: Vec::new(),
        }
    }

    pub fn notice(text: impl Into<String>) -> Message {
        Message {
            text: text.into(),
            tone: Tone::Notice,
            detail: Vec::new(),
        }
    }

    pub fn error(text: impl Into<String>) -> Message {
        Message {
            text: text.into(),
            tone: Tone::Error,
            detail: Vec::new(),
        }
    }

    /// The same message with `detail` to read in full.
    pub fn with_detail(mut self, detail: Vec<String>) -> Message {
        self.detail = detail;
        self
    }

    /// Whether the message stays past the next key.
    pub fn sticky(&self) -> bool {
        self.tone != Tone::Info
    }
}
