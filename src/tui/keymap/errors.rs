//! Problems found in a keymap file, each with where it is: `FILE:LINE: key "x": message`.

use std::fmt;

/// One problem in a keymap file. The entry it concerns is skipped (the default binding of
/// that key stays); the rest of the file still applies, unless TOML cannot read the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeymapError {
    /// The file as named to the user (a path, or `keymaps/default.toml` for the built-in one).
    pub file: String,
    /// 1-based line; 0 when the problem concerns the whole file (it cannot be read).
    pub line: usize,
    /// The key as written in the file, when the problem concerns one binding.
    pub key: Option<String>,
    /// What is wrong, with the nearest valid name when there is one.
    pub message: String,
}

impl KeymapError {
    pub(crate) fn new(file: &str, line: usize, key: Option<&str>, message: String) -> Self {
        KeymapError {
            file: file.to_string(),
            line,
            key: key.map(str::to_string),
            message,
        }
    }
}

impl fmt::Display for KeymapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = self.file.clone();
        if self.line > 0 {
            text.push_str(&format!(":{}", self.line));
        }
        text.push_str(": ");
        if let Some(key) = &self.key {
            text.push_str(&format!("key {key:?}: "));
        }
        text.push_str(&self.message);
        // Keys and names come from a file: nothing in them may act on the terminal.
        f.write_str(&crate::text::sanitize(&text))
    }
}

impl std::error::Error for KeymapError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_forms() {
        let with_key = KeymapError::new("my.toml", 3, Some("x"), "bound twice".into());
        assert_eq!(with_key.to_string(), "my.toml:3: key \"x\": bound twice");
        let without = KeymapError::new("my.toml", 7, None, "unknown mode \"nrm\"".into());
        assert_eq!(without.to_string(), "my.toml:7: unknown mode \"nrm\"");
        let file = KeymapError::new("gone.toml", 0, None, "cannot read the file".into());
        assert_eq!(file.to_string(), "gone.toml: cannot read the file");
        let hostile = KeymapError::new("a\u{1b}[2J.toml", 1, Some("\u{202e}"), "x".into());
        assert_eq!(hostile.to_string(), "a␛[2J.toml:1: key \"\\u{202e}\": x");
    }
}
