//! Reading cases.

use std::collections::HashSet;

use super::error::StoreError;
use super::row::{case_from_row, CASE_COLUMNS};
use super::sql::{args, Sql};
use super::Store;
use crate::domain::Case;

impl Store {
    /// Every case, in the order they were created.
    pub fn load_all(&self) -> Result<Vec<Case>, StoreError> {
        let mut cases = Vec::with_capacity(self.case_count()?);
        let order = self.dialect().creation_order();
        self.reader()?.for_each(
            &format!("SELECT {CASE_COLUMNS} FROM cases ORDER BY {order}"),
            args![],
            &mut |row| {
                cases.push(case_from_row(row)?);
                Ok(())
            },
        )?;
        Ok(cases)
    }

    /// The cases that have no suggestion yet, in the order they were created (none, once
    /// every case has one: a later session's background suggestions read nothing else).
    pub fn load_unsuggested(&self) -> Result<Vec<Case>, StoreError> {
        let mut cases = Vec::new();
        let order = self.dialect().creation_order();
        self.reader()?.for_each(
            &format!(
                "SELECT {CASE_COLUMNS} FROM cases WHERE NOT EXISTS \
                 (SELECT 1 FROM suggestions s WHERE s.case_id = cases.id) ORDER BY {order}"
            ),
            args![],
            &mut |row| {
                cases.push(case_from_row(row)?);
                Ok(())
            },
        )?;
        Ok(cases)
    }

    /// One case by id.
    pub fn get(&self, id: &str) -> Result<Option<Case>, StoreError> {
        self.reader()?
            .query_opt(
                &format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = ?1"),
                args![id],
            )?
            .map(case_from_row)
            .transpose()
    }

    /// The ids among `ids` that the database already holds.
    pub fn existing_ids<'a>(
        &self,
        ids: impl IntoIterator<Item = &'a str>,
    ) -> Result<HashSet<String>, StoreError> {
        let mut sql = self.reader()?;
        let mut found = HashSet::new();
        for id in ids {
            if sql.exists("SELECT 1 FROM cases WHERE id = ?1", args![id])? {
                found.insert(id.to_string());
            }
        }
        Ok(found)
    }
}
