//! The derived fields `outcome`, `rule` and `changed`: values that come from evaluating a rule
//! set (or comparing two), not from the case itself. A command or the workbench computes them
//! and passes them to [`super::Filter::matches_with`]; without them a clause on a derived field
//! does not hold.

/// The derived values of one case; `None` where no rule set (or no second one) is active.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Derived<'a> {
    /// The outcome code the active rule set gives the case.
    pub outcome: Option<&'a str>,
    /// The id of the rule that decided it (`default` for the rule set's default).
    pub rule: Option<&'a str>,
    /// Whether a second rule set gives it another outcome.
    pub changed: Option<bool>,
}

impl Derived<'_> {
    /// No derived values at all.
    pub const NONE: Derived<'static> = Derived {
        outcome: None,
        rule: None,
        changed: None,
    };
}

/// Which derived text field a clause compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum DerivedField {
    Outcome,
    Rule,
}

/// The longest outcome code or rule id.
pub const MAX_NAME_CHARS: usize = 64;

/// How an outcome code is written, for messages.
pub const OUTCOME_CODE_FORM: &str = "lowercase letters, digits and _, starting with a letter";

/// How a rule id is written, for messages.
pub const RULE_ID_FORM: &str =
    "lowercase letters, digits, - and _, starting with a letter or digit";

/// An outcome code: `[a-z][a-z0-9_]*`, at most [`MAX_NAME_CHARS`] long.
pub fn is_outcome_code(text: &str) -> bool {
    let mut bytes = text.bytes();
    text.len() <= MAX_NAME_CHARS
        && bytes.next().is_some_and(|b| b.is_ascii_lowercase())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// A rule id: `[a-z0-9][a-z0-9_-]*`, at most [`MAX_NAME_CHARS`] long.
pub fn is_rule_id(text: &str) -> bool {
    let mut bytes = text.bytes();
    text.len() <= MAX_NAME_CHARS
        && bytes
            .next()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for good in ["support_cash", "a", "reply_only2"] {
            assert!(is_outcome_code(good), "{good}");
        }
        for bad in [
            "",
            "Support",
            "2x",
            "_x",
            "a-b",
            "a b",
            "카카오",
            &"a".repeat(65),
        ] {
            assert!(!is_outcome_code(bad), "{bad}");
        }
        for good in ["small-business-band-2", "affiliate", "7", "a_b"] {
            assert!(is_rule_id(good), "{good}");
        }
        for bad in ["", "-x", "A", "a.b", "a b"] {
            assert!(!is_rule_id(bad), "{bad}");
        }
    }
}
