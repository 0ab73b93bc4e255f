//! The fields of a case in files (import and export use the same names and order).

use crate::domain::nearest::nearest;
use crate::domain::Dimension;

/// A field of a case as files name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Id,
    ReceivedAt,
    Channel,
    Text,
    Label(Dimension),
    Amount,
    Status,
    Note,
    Version,
    UpdatedAt,
    UpdatedBy,
}

impl Column {
    /// Every column, in the order exports write them.
    pub const ALL: [Column; 15] = [
        Column::Id,
        Column::ReceivedAt,
        Column::Channel,
        Column::Text,
        Column::Label(Dimension::Scope),
        Column::Label(Dimension::Reporter),
        Column::Label(Dimension::Kind),
        Column::Label(Dimension::Service),
        Column::Label(Dimension::Substitute),
        Column::Amount,
        Column::Status,
        Column::Note,
        Column::Version,
        Column::UpdatedAt,
        Column::UpdatedBy,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Column::Id => "id",
            Column::ReceivedAt => "received_at",
            Column::Channel => "channel",
            Column::Text => "text",
            Column::Label(dim) => dim.name(),
            Column::Amount => "amount_krw",
            Column::Status => "status",
            Column::Note => "note",
            Column::Version => "version",
            Column::UpdatedAt => "updated_at",
            Column::UpdatedBy => "updated_by",
        }
    }

    /// The columns `export --rules` adds after a case's fields. They are derived from the
    /// labels by a rule set, so import skips them: such an export imports as it is.
    pub const RULE_COLUMNS: [&'static str; 3] = ["outcome", "rule", "cash_krw"];

    /// The CSV columns `export --suggestions` adds: each suggested value, then its confidence.
    /// A model's, not the case's, so import skips them (and JSONL's [`Column::SUGGESTED_KEY`]).
    pub const SUGGESTION_COLUMNS: [&'static str; 12] = [
        "suggested_scope",
        "scope_confidence",
        "suggested_reporter",
        "reporter_confidence",
        "suggested_kind",
        "kind_confidence",
        "suggested_service",
        "service_confidence",
        "suggested_substitute",
        "substitute_confidence",
        "suggested_amount_krw",
        "amount_confidence",
    ];

    /// The JSONL key `export --suggestions` adds, an object of every suggestion.
    pub const SUGGESTED_KEY: &'static str = "suggested";

    /// Whether import skips `name`: one of the [`Column::RULE_COLUMNS`], the
    /// [`Column::SUGGESTION_COLUMNS`] or [`Column::SUGGESTED_KEY`], all derived from a case
    /// rather than part of it.
    pub fn is_derived(name: &str) -> bool {
        Column::RULE_COLUMNS.contains(&name)
            || Column::SUGGESTION_COLUMNS.contains(&name)
            || name == Column::SUGGESTED_KEY
    }

    /// Looks a name up; `amount` is accepted for `amount_krw`. An unknown name is an error
    /// message naming the nearest valid one, or all of them.
    pub fn parse(name: &str) -> Result<Column, String> {
        if name == "amount" {
            return Ok(Column::Amount);
        }
        if let Some(column) = Column::ALL.into_iter().find(|c| c.name() == name) {
            return Ok(column);
        }
        let names = Column::ALL.map(Column::name);
        Err(match nearest(name, names) {
            Some(near) => format!("unknown field \"{name}\" (did you mean \"{near}\"?)"),
            None => format!("unknown field \"{name}\" (valid: {})", names.join(", ")),
        })
    }
}
