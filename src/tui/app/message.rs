//! The message shown in the status line.

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
}

impl Message {
    pub fn info(text: impl Into<String>) -> Message {
        Message {
            text: text.into(),
            tone: Tone::Info,
        }
    }

    pub fn notice(text: impl Into<String>) -> Message {
        Message {
            text: text.into(),
            tone: Tone::Notice,
        }
    }

    pub fn error(text: impl Into<String>) -> Message {
        Message {
            text: text.into(),
            tone: Tone::Error,
        }
    }

    /// Whether the message stays past the next key.
    pub fn sticky(&self) -> bool {
        self.tone != Tone::Info
    }
}
