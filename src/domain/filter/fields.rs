//! The field table: every field name the language knows, what kind of values it takes, and
//! the suggestion for a misspelt name.

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
    ("amount", FieldKind::Amount),
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
        matches!(self, FieldKind::Amount | FieldKind::ReceivedAt)
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

    /// The closed set of values, for completion; `None` for free values.
    pub fn codes(self) -> Option<Vec<&'static str>> {
        match self {
            FieldKind::Label(dim) => Some(dim.codes().iter().map(|c| c.code).collect()),
            FieldKind::Status => Some(Status::ALL.iter().map(|s| s.code()).collect()),
            FieldKind::Changed => Some(vec!["yes", "no"]),
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

/// `unknown field "knd" (did you mean "kind"?)`, or the list of valid fields.
pub(super) fn unknown_field(name: &str) -> String {
    match suggest_field(name) {
        Some(suggestion) => format!("unknown field \"{name}\" (did you mean \"{suggestion}\"?)"),
        None => {
            let valid: Vec<&str> = field_names().collect();
            format!("unknown field \"{name}\" (valid: {})", valid.join(", "))
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
                "changed"
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
    }
}
