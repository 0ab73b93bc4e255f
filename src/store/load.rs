//! Reading cases.

use std::collections::HashSet;

use rusqlite::OptionalExtension;

use super::error::StoreError;
use super::row::{case_from_row, CASE_COLUMNS};
use super::Store;
use crate::domain::Case;

impl Store {
    /// Every case, in the order they were created.
    pub fn load_all(&self) -> Result<Vec<Case>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {CASE_COLUMNS} FROM cases ORDER BY rowid"))?;
        let mut rows = stmt.query([])?;
        let mut cases = Vec::with_capacity(self.case_count()?);
        while let Some(row) = rows.next()? {
            cases.push(case_from_row(row)?);
        }
        Ok(cases)
    }

    /// One case by id.
    pub fn get(&self, id: &str) -> Result<Option<Case>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = ?1"))?;
        let mut rows = stmt.query([id])?;
        match rows.next()? {
            Some(row) => Ok(Some(case_from_row(row)?)),
            None => Ok(None),
        }
    }

    /// The ids among `ids` that the database already holds.
    pub fn existing_ids<'a>(
        &self,
        ids: impl IntoIterator<Item = &'a str>,
    ) -> Result<HashSet<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM cases WHERE id = ?1")?;
        let mut found = HashSet::new();
        for id in ids {
            if stmt.query_row([id], |_| Ok(())).optional()?.is_some() {
                found.insert(id.to_string());
            }
        }
        Ok(found)
    }
}
