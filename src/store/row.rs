//! Reading a case row into a [`Case`].

use std::borrow::Cow;
use std::sync::Arc;

use super::error::StoreError;
use super::sql::{Row, Value};
use crate::domain::{Case, Dimension, Status};

/// The columns of `cases` in the order [`case_from_row`] reads them.
pub const CASE_COLUMNS: &str = "id, received_at, channel, text, scope, reporter, kind, service, \
     substitute, amount_krw, status, note, version, updated_at, updated_by";

/// [`CASE_COLUMNS`] with the free text left out: the reporter's text reads as `""` and the
/// reviewer's note as not set, in the same positions, so [`case_from_row`] reads either. Most of
/// a case's bytes are its text; counting, filtering and judging by rules read none of it.
pub const CASE_COLUMNS_WITHOUT_TEXT: &str = "id, received_at, channel, '', scope, reporter, kind, \
     service, substitute, amount_krw, status, NULL, version, updated_at, updated_by";

/// Column `i` of `row` as optional text, taken out of the row, as the row holds it.
fn take_str<'r>(row: &mut Row<'r>, i: usize) -> Result<Option<Cow<'r, str>>, StoreError> {
    match row.take(i) {
        Value::Null => Ok(None),
        Value::Text(t) => Ok(Some(t)),
        other => Err(StoreError::WrongKind {
            column: i,
            expected: "text",
            found: other.kind(),
        }),
    }
}

/// Column `i` of `row` as optional text, taken out of the row (no copy when the row owns it).
fn take_text(row: &mut Row<'_>, i: usize) -> Result<Option<String>, StoreError> {
    Ok(take_str(row, i)?.map(Cow::into_owned))
}

/// A text column shared, as a case's text is (`Arc<str>`: the search index holds the same
/// bytes, not a copy); NULL is empty.
fn take_shared_text(row: &mut Row<'_>, i: usize) -> Result<Arc<str>, StoreError> {
    Ok(take_str(row, i)?.map_or_else(|| Arc::from(""), |t| Arc::from(t.as_ref())))
}

/// Builds a case from a row selected with [`CASE_COLUMNS`]. A code that is not in the
/// taxonomy (a file edited by hand) is reported, not guessed.
pub fn case_from_row(mut row: Row<'_>) -> Result<Case, StoreError> {
    let id: String = take_text(&mut row, 0)?.ok_or(StoreError::WrongKind {
        column: 0,
        expected: "text",
        found: "null",
    })?;
    let mut labels = [None; 5];
    for (slot, dim) in labels.iter_mut().zip(Dimension::ALL) {
        *slot = match row.text(4 + dim.index())? {
            None => None,
            Some(text) => Some(dim.parse_code(text).map_err(|_| StoreError::Corrupt {
                case_id: id.clone(),
                field: dim.name(),
                value: text.to_string(),
            })?),
        };
    }
    let status_text = row.text(10)?.unwrap_or_default();
    let status = Status::parse(status_text).map_err(|_| StoreError::Corrupt {
        case_id: id.clone(),
        field: "status",
        value: status_text.to_string(),
    })?;
    Ok(Case {
        received_at: take_text(&mut row, 1)?,
        channel: take_text(&mut row, 2)?,
        text: take_shared_text(&mut row, 3)?,
        labels,
        amount_krw: row.get(9)?,
        status,
        note: take_text(&mut row, 11)?,
        version: row.get(12)?,
        updated_at: take_text(&mut row, 13)?,
        updated_by: take_text(&mut row, 14)?,
        id,
    })
}
