//! The derived fields: values that come from outside the case itself. `outcome`, `rule` and
//! `changed` come from evaluating a rule set (or comparing two); `suggested_FIELD`,
//! `FIELD_confidence` and `agrees` from the case's suggestions. A command or the workbench
//! computes them and passes them to [`super::Filter::matches_with`]; without them a clause on
//! such a field does not hold.

use crate::domain::case::Case;
use crate::domain::suggestion::CaseSuggestion;
use crate::domain::taxonomy::Dimension;

/// The derived values of one case; `None` where no rule set (or no second one) is active, or
/// where the suggestions were not loaded.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Derived<'a> {
    /// The outcome code the active rule set gives the case.
    pub outcome: Option<&'a str>,
    /// The id of the rule that decided it (`default` for the rule set's default).
    pub rule: Option<&'a str>,
    /// Whether a second rule set gives it another outcome.
    pub changed: Option<bool>,
    /// The case's suggestions. A case the model made no suggestion for has an empty one
    /// ([`NOTHING_SUGGESTED`]: every suggestion field is `none`); `None` means the suggestions
    /// are not known, and then no clause on a suggestion field holds.
    pub suggestion: Option<&'a CaseSuggestion>,
}

impl<'a> Derived<'a> {
    /// No derived values at all.
    pub const NONE: Derived<'static> = Derived {
        outcome: None,
        rule: None,
        changed: None,
        suggestion: None,
    };

    /// These values with the case's suggestions (`None`: not known).
    pub fn with_suggestion<'b>(self, suggestion: Option<&'b CaseSuggestion>) -> Derived<'b>
    where
        'a: 'b,
    {
        Derived { suggestion, ..self }
    }
}

/// The suggestions of a case the model suggested nothing for.
pub static NOTHING_SUGGESTED: CaseSuggestion = CaseSuggestion {
    model: 0,
    labels: [None; 5],
    amount: None,
};

/// What is suggested, or its confidence, is about one of these.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Suggestable {
    Label(Dimension),
    Amount,
}

impl Suggestable {
    /// The confidence of what is suggested for it, if anything is.
    #[inline]
    pub(super) fn confidence(self, s: &CaseSuggestion) -> Option<f32> {
        match self {
            Suggestable::Label(dim) => s.label(dim).map(|l| l.confidence),
            Suggestable::Amount => s.amount.as_ref().map(|a| a.confidence),
        }
    }
}

/// The value of `agrees`: `None` when nothing at all is suggested, else whether every
/// suggested value equals the case's ([`CaseSuggestion::agrees_with`]).
#[inline]
pub(super) fn agrees(s: &CaseSuggestion, case: &Case) -> Option<bool> {
    let nothing = s.amount.is_none() && s.labels.iter().all(Option::is_none);
    (!nothing).then(|| s.agrees_with(case))
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
