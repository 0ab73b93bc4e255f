//! The fields a reviewer can change and the changes themselves, with their text forms (the
//! audit log stores old and new values as text).

use std::fmt;

use super::case::Case;
use super::money::{parse_amount, AmountError};
use super::taxonomy::{Dimension, Status, UnknownCode};

/// A field of a case that can be changed after it was created.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Label(Dimension),
    Amount,
    Status,
    Note,
}

impl Field {
    /// Every editable field, in display order.
    pub const ALL: [Field; 8] = [
        Field::Label(Dimension::Scope),
        Field::Label(Dimension::Reporter),
        Field::Label(Dimension::Kind),
        Field::Label(Dimension::Service),
        Field::Label(Dimension::Substitute),
        Field::Amount,
        Field::Status,
        Field::Note,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Field::Label(dim) => dim.name(),
            Field::Amount => "amount_krw",
            Field::Status => "status",
            Field::Note => "note",
        }
    }

    /// Accepts the field names above, and `amount` for `amount_krw`.
    pub fn parse(name: &str) -> Result<Field, ChangeError> {
        if name == "amount" {
            return Ok(Field::Amount);
        }
        Field::ALL
            .into_iter()
            .find(|f| f.name() == name)
            .ok_or_else(|| ChangeError::UnknownField(name.to_string()))
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A new value for one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Label(Dimension, Option<u8>),
    Amount(Option<i64>),
    Status(Status),
    Note(Option<String>),
}

/// Why a change could not be built from text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ChangeError {
    #[error("unknown field \"{0}\" (valid: scope, reporter, kind, service, substitute, amount_krw, status, note)")]
    UnknownField(String),
    #[error(transparent)]
    UnknownCode(#[from] UnknownCode),
    #[error("amount_krw: {0}")]
    Amount(#[from] AmountError),
    #[error("status cannot be empty (valid: new, reviewed, escalated)")]
    EmptyStatus,
    #[error("\"{0}\" is not FIELD=VALUE")]
    NotAnAssignment(String),
}

impl Change {
    pub fn field(&self) -> Field {
        match self {
            Change::Label(dim, _) => Field::Label(*dim),
            Change::Amount(_) => Field::Amount,
            Change::Status(_) => Field::Status,
            Change::Note(_) => Field::Note,
        }
    }

    /// The value as the audit log and exports write it; `None` for "not set".
    pub fn value_text(&self) -> Option<String> {
        match self {
            Change::Label(dim, code) => code.map(|c| dim.code(c).to_string()),
            Change::Amount(won) => won.map(|w| w.to_string()),
            Change::Status(status) => Some(status.code().to_string()),
            Change::Note(note) => note.clone(),
        }
    }

    /// Builds a change from its stored text form (`None` clears the field), or from what a
    /// person wrote: an amount is read as people write money (`12만 5천원`), which includes
    /// the plain digits the audit log stores.
    pub fn from_text(field: Field, text: Option<&str>) -> Result<Change, ChangeError> {
        Ok(match field {
            Field::Label(dim) => Change::Label(dim, text.map(|t| dim.parse_code(t)).transpose()?),
            Field::Amount => Change::Amount(text.map(parse_amount).transpose()?),
            Field::Status => match text {
                Some(t) => Change::Status(Status::parse(t)?),
                None => return Err(ChangeError::EmptyStatus),
            },
            Field::Note => Change::Note(text.map(str::to_string)),
        })
    }

    /// Builds a change from what a person typed as `FIELD=VALUE`. An empty value, or `none`
    /// for a label or the amount, clears the field; a note is taken as typed.
    pub fn parse_assignment(text: &str) -> Result<Change, ChangeError> {
        let (name, value) = text
            .split_once('=')
            .ok_or_else(|| ChangeError::NotAnAssignment(text.to_string()))?;
        let field = Field::parse(name.trim())?;
        let value = match field {
            Field::Note => value,
            _ => value.trim(),
        };
        let cleared = value.is_empty() || (value == "none" && field != Field::Note);
        Change::from_text(field, (!cleared).then_some(value))
    }

    /// The current value of this change's field in `case`, as text.
    pub fn current_text(&self, case: &Case) -> Option<String> {
        field_text(case, self.field())
    }

    /// Applies the change to `case`; returns whether anything changed.
    pub fn apply_to(&self, case: &mut Case) -> bool {
        match self {
            Change::Label(dim, code) => replace(&mut case.labels[dim.index()], *code),
            Change::Amount(won) => replace(&mut case.amount_krw, *won),
            Change::Status(status) => replace(&mut case.status, *status),
            Change::Note(note) => replace(&mut case.note, note.clone()),
        }
    }
}

fn replace<T: PartialEq>(slot: &mut T, value: T) -> bool {
    if *slot == value {
        false
    } else {
        *slot = value;
        true
    }
}

/// The value of `field` in `case` as text, as the audit log writes it.
pub fn field_text(case: &Case, field: Field) -> Option<String> {
    match field {
        Field::Label(dim) => case.label_code(dim).map(str::to_string),
        Field::Amount => case.amount_krw.map(|w| w.to_string()),
        Field::Status => Some(case.status.code().to_string()),
        Field::Note => case.note.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assignments_parse_to_changes() {
        let kind = Dimension::Kind;
        assert_eq!(
            Change::parse_assignment("kind=paid"),
            Ok(Change::Label(kind, Some(0)))
        );
        assert_eq!(
            Change::parse_assignment("kind=none"),
            Ok(Change::Label(kind, None))
        );
        assert_eq!(
            Change::parse_assignment("amount=50,000"),
            Ok(Change::Amount(Some(50_000)))
        );
        assert_eq!(
            Change::parse_assignment("amount= 12만 5천원 "),
            Ok(Change::Amount(Some(125_000)))
        );
        assert_eq!(
            Change::parse_assignment("amount_krw="),
            Ok(Change::Amount(None))
        );
        assert_eq!(
            Change::parse_assignment("note=call back, none of it"),
            Ok(Change::Note(Some("call back, none of it".into())))
        );
        assert_eq!(
            Change::parse_assignment("status=escalated"),
            Ok(Change::Status(Status::Escalated))
        );
    }

    #[test]
    fn bad_assignments_say_what_is_wrong() {
        let msg = |t: &str| Change::parse_assignment(t).unwrap_err().to_string();
        assert_eq!(msg("kind"), "\"kind\" is not FIELD=VALUE");
        assert!(msg("knd=paid").starts_with("unknown field \"knd\""));
        assert!(msg("kind=pai").starts_with("unknown kind \"pai\" (valid: paid,"));
        assert!(msg("amount=-3").starts_with("amount_krw: \"-3\" is negative"));
        assert_eq!(
            msg("amount=38건"),
            "amount_krw: \"38건\" is a count, not an amount"
        );
        assert!(msg("status=").starts_with("status cannot be empty"));
    }

    #[test]
    fn applying_reports_whether_anything_changed() {
        let mut case = Case::new("C-1", "text");
        let change = Change::Label(Dimension::Scope, Some(1));
        assert_eq!(change.current_text(&case), None);
        assert!(change.apply_to(&mut case));
        assert!(!change.apply_to(&mut case));
        assert_eq!(case.label_code(Dimension::Scope), Some("affiliate"));
        assert_eq!(change.value_text().as_deref(), Some("affiliate"));
    }
}
