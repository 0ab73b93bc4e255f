//! A problem found in a rule file, with where it is: `FILE:LINE: rule "id": message`, or
//! `FILE:LINE:COLUMN: ...` when the column is known (a condition inside `when`), and
//! `warning: ` before the rule for what does not stop the file from being used.

use std::fmt;

/// One error or warning about a rule file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleProblem {
    /// The file as named to the user.
    pub file: String,
    /// 1-based line; 0 when the problem concerns the whole file (it cannot be read).
    pub line: usize,
    /// 1-based character column in the line, where known exactly.
    pub column: Option<usize>,
    /// The id of the rule concerned (`default` for the `[default]` section).
    pub rule: Option<String>,
    pub message: String,
    /// A warning: the rule set is still valid and used.
    pub warning: bool,
}

impl RuleProblem {
    pub(crate) fn error(file: &str, line: usize, rule: Option<&str>, message: String) -> Self {
        RuleProblem {
            file: file.to_string(),
            line,
            column: None,
            rule: rule.map(str::to_string),
            message,
            warning: false,
        }
    }

    pub(crate) fn warning(file: &str, line: usize, rule: Option<&str>, message: String) -> Self {
        RuleProblem {
            warning: true,
            ..RuleProblem::error(file, line, rule, message)
        }
    }
}

impl fmt::Display for RuleProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = self.file.clone();
        if self.line > 0 {
            text.push_str(&format!(":{}", self.line));
            if let Some(column) = self.column {
                text.push_str(&format!(":{column}"));
            }
        }
        text.push_str(": ");
        if self.warning {
            text.push_str("warning: ");
        }
        if let Some(rule) = &self.rule {
            text.push_str(&format!("rule {rule:?}: "));
        }
        text.push_str(&self.message);
        // Names and values come from a file: nothing in them may act on the terminal.
        f.write_str(&crate::text::sanitize(&text))
    }
}

impl std::error::Error for RuleProblem {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_forms() {
        let e = RuleProblem::error("r.toml", 12, Some("band-2"), "missing \"title\"".into());
        assert_eq!(
            e.to_string(),
            "r.toml:12: rule \"band-2\": missing \"title\""
        );
        let w = RuleProblem::warning("r.toml", 3, Some("x"), "can never fire".into());
        assert_eq!(
            w.to_string(),
            "r.toml:3: warning: rule \"x\": can never fire"
        );
        let at = RuleProblem {
            column: Some(17),
            ..RuleProblem::error("r.toml", 5, None, "m".into())
        };
        assert_eq!(at.to_string(), "r.toml:5:17: m");
        let file = RuleProblem::error("gone.toml", 0, None, "cannot read the file".into());
        assert_eq!(file.to_string(), "gone.toml: cannot read the file");
        let hostile = RuleProblem::error("a\u{1b}[2J.toml", 1, Some("\u{202e}"), "x".into());
        assert_eq!(hostile.to_string(), "a␛[2J.toml:1: rule \"\\u{202e}\": x");
    }
}
