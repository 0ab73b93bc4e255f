//! Reading a case row into a [`Case`].

use rusqlite::Row;

use super::error::StoreError;
use crate::domain::{Case, Dimension, Status};

/// The columns of `cases` in the order [`case_from_row`] reads them.
pub const CASE_COLUMNS: &str = "id, received_at, channel, text, scope, reporter, kind, service, \
     substitute, amount_krw, status, note, version, updated_at, updated_by";

/// Builds a case from a row selected with [`CASE_COLUMNS`]. A code that is not in the
/// taxonomy (a file edited by hand) is reported, not guessed.
pub fn case_from_row(row: &Row<'_>) -> Result<Case, StoreError> {
    let id: String = row.get(0)?;
    let mut labels = [None; 5];
    for (slot, dim) in labels.iter_mut().zip(Dimension::ALL) {
        let value = row.get_ref(4 + dim.index())?.as_str_or_null()?;
        *slot = match value {
            None => None,
            Some(text) => Some(dim.parse_code(text).map_err(|_| StoreError::Corrupt {
                case_id: id.clone(),
                field: dim.name(),
                value: text.to_string(),
            })?),
        };
    }
    let status_text = row.get_ref(10)?.as_str()?;
    let status = Status::parse(status_text).map_err(|_| StoreError::Corrupt {
        case_id: id.clone(),
        field: "status",
        value: status_text.to_string(),
    })?;
    Ok(Case {
        received_at: row.get(1)?,
        channel: row.get(2)?,
        text: row.get(3)?,
        labels,
        amount_krw: row.get(9)?,
        status,
        note: row.get(11)?,
        version: row.get(12)?,
        updated_at: row.get(13)?,
        updated_by: row.get(14)?,
        id,
    })
}
