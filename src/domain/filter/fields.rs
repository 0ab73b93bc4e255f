//! The field table: every field name the language knows, what kind of values it takes, and
//! the "did you mean" for a misspelt name.

use crate::domain::taxonomy::{Dimension, Status};

/// A field the filter language knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldKind {
    Label(Dimension),
    Amount,
    Status,
    Id,
    UpdatedBy,
    ReceivedAt,
    Channel,
    /// Derived: the outcome code under the active rule set.
    Outcome,
    /// Derived: the id of the deciding rule.
    Rule,
    /// Derived: whether a second rule set gives another outcome.
    Changed,
    /// Suggested: the code the model suggests for a dimension.
    Suggested(Dimension),
    /// Suggested: the amount the model read from the text.
    SuggestedAmount,
    /// Suggested: the confidence of the suggestion for a dimension.
    LabelConfidence(Dimension),
    /// Suggested: the confidence of the suggested amount.
    AmountConfidence,
    /// Suggested: whether every suggested value equals the case's.
    Agrees,
}

/// Every field name the language accepts, canonical names first in display order, then
/// aliases. The one place field names are looked up.
pub const FIELDS: &[(&str, FieldKind)] = &[
    ("scope", FieldKind::Label(Dimension::Scope)),
    ("reporter", FieldKind::Label(Dimension::Reporter)),
    ("kind", FieldKind::Label(Dimension::Kind)),
    ("service", FieldKind::Label(Dimension::Service)),
    ("substitute", FieldKind::Label(Dimension::Substitute)),
    ("amount_krw", FieldKind::Amount),
    ("status", FieldKind::Status),
    ("id", FieldKind::Id),
    ("updated_by", FieldKind::UpdatedBy),
    ("received_at", FieldKind::ReceivedAt),
    ("channel", FieldKind::Channel),
    ("outcome", FieldKind::Outcome),
    ("rule", FieldKind::Rule),
    ("changed", FieldKind::Changed),
    ("suggested_scope", FieldKind::Suggested(Dimension::Scope)),
    (
        "suggested_reporter",
        FieldKind::Suggested(Dimension::Reporter),
    ),
    ("suggested_kind", FieldKind::Suggested(Dimension::Kind)),
    (
        "suggested_service",
        FieldKind::Suggested(Dimension::Service),
    ),
    (
        "suggested_substitute",
        FieldKind::Suggested(Dimension::Substitute),
    ),
    ("suggested_amount_krw", FieldKind::SuggestedAmount),
    (
        "scope_confidence",
        FieldKind::LabelConfidence(Dimension::Scope),
    ),
    (
        "reporter_confidence",
        FieldKind::LabelConfidence(Dimension::Reporter),
    ),
    (
        "kind_confidence",
        FieldKind::LabelConfidence(Dimension::Kind),
    ),
    (
        "service_confidence",
        FieldKind::LabelConfidence(Dimension::Service),
    ),
    (
        "substitute_confidence",
        FieldKind::LabelConfidence(Dimension::Substitute),
    ),
    ("amount_confidence", FieldKind::AmountConfidence),
    ("agrees", FieldKind::Agrees),
    ("amount", FieldKind::Amount),
    ("suggested_amount", FieldKind::SuggestedAmount),
    ("amount_krw_confidence", FieldKind::AmountConfidence),
];

impl FieldKind {
    /// Looks a field name up in [`FIELDS`] (case-sensitive, aliases included).
    pub fn lookup(name: &str) -> Option<FieldKind> {
        FIELDS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|&(_, kind)| kind)
    }

    /// The canonical name (the first row of [`FIELDS`] for this field).
    pub fn name(self) -> &'static str {
        FIELDS
            .iter()
            .find(|&&(_, kind)| kind == self)
            .map_or("?", |&(name, _)| name)
    }

    /// Whether `<` `<=` `>` `>=` apply.
    pub fn is_ordered(self) -> bool {
        matches!(
            self,
            FieldKind::Amount
                | FieldKind::ReceivedAt
                | FieldKind::SuggestedAmount
                | FieldKind::LabelConfidence(_)
                | FieldKind::AmountConfidence
        )
    }

    /// Whether the field can be unset, i.e. whether `none` means anything.
    pub fn can_be_none(self) -> bool {
        !matches!(
            self,
            FieldKind::Status
                | FieldKind::Id
                | FieldKind::Outcome
                | FieldKind::Rule
                | FieldKind::Changed
        )
    }

    /// Whether the value comes from evaluating rule sets rather than from the case.
    pub fn is_derived(self) -> bool {
        matches!(
            self,
            FieldKind::Outcome | FieldKind::Rule | FieldKind::Changed
        )
    }

    /// Whether the value comes from the case's suggestions rather than from the case.
    pub fn is_suggestion(self) -> bool {
        matches!(
            self,
            FieldKind::Suggested(_)
                | FieldKind::SuggestedAmount
                | FieldKind::LabelConfidence(_)
                | FieldKind::AmountConfidence
                | FieldKind::Agrees
        )
    }

    /// Whether the value is a confidence (a number from 0 to 1).
    pub fn is_confidence(self) -> bool {
        matches!(
            self,
            FieldKind::LabelConfidence(_) | FieldKind::AmountConfidence
        )
    }

    /// The closed set of values, for completion; `None` for free values.
    pub fn codes(self) -> Option<Vec<&'static str>> {
        match self {
            FieldKind::Label(dim) | FieldKind::Suggested(dim) => {
                Some(dim.codes().iter().map(|c| c.code).collect())
            }
            FieldKind::Status => Some(Status::ALL.iter().map(|s| s.code()).collect()),
            FieldKind::Changed | FieldKind::Agrees => Some(vec!["yes", "no"]),
            _ => None,
        }
    }
}

/// The canonical field names, in display order.
pub fn field_names() -> impl Iterator<Item = &'static str> {
    FIELDS
        .iter()
        .filter(|&&(name, kind)| kind.name() == name)
        .map(|&(name, _)| name)
}

/// `unknown field "knd" (did you mean "kind"?)`, or the list of valid fields (the suggestion
/// fields by their pattern, which would otherwise double the list).
pub(super) fn unknown_field(name: &str) -> String {
    match suggest_field(name) {
        Some(suggestion) => format!("unknown field \"{name}\" (did you mean \"{suggestion}\"?)"),
        None => {
            let valid: Vec<&str> = field_names()
                .filter(|&n| {
                    let kind = FieldKind::lookup(n);
                    kind.is_some_and(|k| !k.is_suggestion() || k == FieldKind::Agrees)
                })
                .collect();
            format!(
                "unknown field \"{name}\" (valid: {}, and suggested_FIELD and FIELD_confidence for \
                 the labels and amount_krw)",
                valid.join(", ")
            )
        }
    }
}

/// The nearest field name by edit distance (ignoring case), or the one field the name starts.
fn suggest_field(name: &str) -> Option<&'static str> {
    let lower = name.to_lowercase();
    let limit = if lower.chars().count() <= 3 { 1 } else { 2 };
    let nearest = FIELDS
        .iter()
        .map(|&(field, _)| (crate::domain::nearest::edit_distance(&lower, field), field))
        .min_by_key(|&(distance, _)| distance)
        .filter(|&(distance, _)| distance <= limit)
        .map(|(_, field)| field);
    nearest.or_else(|| {
        if lower.chars().count() < 2 {
            return None;
        }
        let mut prefixed = FIELDS
            .iter()
            .filter(|(field, _)| field.starts_with(&lower))
            .map(|&(_, kind)| kind);
        let first = prefixed.next()?;
        prefixed.all(|kind| kind == first).then(|| first.name())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_get_a_nearby_suggestion() {
        let suggestion = |name: &str| suggest_field(name);
        assert_eq!(suggestion("knd"), Some("kind"));
        assert_eq!(suggestion("KIND"), Some("kind"));
        assert_eq!(suggestion("stauts"), Some("status"));
        assert_eq!(suggestion("recieved_at"), Some("received_at"));
        assert_eq!(suggestion("updatedby"), Some("updated_by"));
        assert_eq!(suggestion("amout"), Some("amount"));
        assert_eq!(suggestion("upd"), Some("updated_by"));
        assert_eq!(suggestion("amount_k"), Some("amount_krw"));
        assert_eq!(suggestion("x"), None);
        assert_eq!(suggestion("s"), None);
        assert_eq!(suggestion("zzzzzz"), None);
    }

    #[test]
    fn the_field_table_is_consistent() {
        let names: Vec<&str> = field_names().collect();
        assert_eq!(
            names,
            [
                "scope",
                "reporter",
                "kind",
                "service",
                "substitute",
                "amount_krw",
                "status",
                "id",
                "updated_by",
                "received_at",
                "channel",
                "outcome",
                "rule",
                "changed",
                "suggested_scope",
                "suggested_reporter",
                "suggested_kind",
                "suggested_service",
                "suggested_substitute",
                "suggested_amount_krw",
                "scope_confidence",
                "reporter_confidence",
                "kind_confidence",
                "service_confidence",
                "substitute_confidence",
                "amount_confidence",
                "agrees"
            ]
        );
        for &(name, kind) in FIELDS {
            assert_eq!(FieldKind::lookup(name), Some(kind));
        }
        for dim in Dimension::ALL {
            assert_eq!(FieldKind::lookup(dim.name()), Some(FieldKind::Label(dim)));
        }
        assert_eq!(FieldKind::lookup("amount"), Some(FieldKind::Amount));
        assert_eq!(FieldKind::Amount.name(), "amount_krw");
        for dim in Dimension::ALL {
            let suggested = FieldKind::lookup(&format!("suggested_{dim}"));
            assert_eq!(suggested, Some(FieldKind::Suggested(dim)));
            let confidence = FieldKind::lookup(&format!("{dim}_confidence"));
            assert_eq!(confidence, Some(FieldKind::LabelConfidence(dim)));
        }
        assert_eq!(FieldKind::SuggestedAmount.name(), "suggested_amount_krw");
        assert_eq!(
            FieldKind::lookup("suggested_amount"),
            Some(FieldKind::SuggestedAmount)
        );
        assert_eq!(FieldKind::AmountConfidence.name(), "amount_confidence");
        assert_eq!(
            FieldKind::lookup("amount_krw_confidence"),
            Some(FieldKind::AmountConfidence)
        );
        let suggestion_fields = FIELDS.iter().filter(|(_, k)| k.is_suggestion()).count();
        assert_eq!(suggestion_fields, 15);
    }
}
