//! Saved views: a name for a filter (and an optional search), stored in the database so the
//! whole team shares them. The store keeps them as given; callers check the filter first.
//! Only a lead may save or delete one.

use super::error::StoreError;
use super::roles::{admit_lead, LeadOnly};
use super::sql::{args, Sql};
use super::Store;

/// A saved view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavedView {
    pub name: String,
    /// An expression of the `--where` language.
    pub filter: String,
    pub search: Option<String>,
    pub updated_by: String,
    pub updated_at: String,
}

impl Store {
    /// Every saved view, by name.
    pub fn views(&self) -> Result<Vec<SavedView>, StoreError> {
        let rows = self.reader()?.query(
            "SELECT name, filter, search, updated_by, updated_at FROM views ORDER BY name",
            args![],
        )?;
        let views = rows
            .iter()
            .map(|row| {
                Ok(SavedView {
                    name: row.get(0)?,
                    filter: row.get(1)?,
                    search: row.get(2)?,
                    updated_by: row.get(3)?,
                    updated_at: row.get(4)?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(views)
    }

    /// Saves a view under `name`, replacing one of the same name (lead only). Returns whether
    /// it replaced.
    pub fn save_view(
        &mut self,
        name: &str,
        filter: &str,
        search: Option<&str>,
        reviewer: &str,
    ) -> Result<bool, StoreError> {
        self.write_retrying(|store| store.save_view_once(name, filter, search, reviewer))
    }

    fn save_view_once(
        &mut self,
        name: &str,
        filter: &str,
        search: Option<&str>,
        reviewer: &str,
    ) -> Result<bool, StoreError> {
        let (mut tx, at) = self.begin(reviewer)?;
        admit_lead(&mut *tx, reviewer, &at, LeadOnly::EditViews)?;
        let existed = tx.exists("SELECT 1 FROM views WHERE name = ?1", args![name])?;
        tx.execute(
            "INSERT INTO views (name, filter, search, created_by, created_at, updated_by, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?4, ?5) \
             ON CONFLICT (name) DO UPDATE SET filter = ?2, search = ?3, updated_by = ?4, updated_at = ?5",
            args![name, filter, search, reviewer, at.as_str()],
        )?;
        tx.commit()?;
        Ok(existed)
    }

    /// Deletes a saved view as `reviewer` (lead only); returns whether there was one.
    pub fn delete_view_by(&mut self, name: &str, reviewer: &str) -> Result<bool, StoreError> {
        self.write_retrying(|store| store.delete_view_once(name, reviewer))
    }

    fn delete_view_once(&mut self, name: &str, reviewer: &str) -> Result<bool, StoreError> {
        let (mut tx, at) = self.begin(reviewer)?;
        admit_lead(&mut *tx, reviewer, &at, LeadOnly::EditViews)?;
        let deleted = tx.execute("DELETE FROM views WHERE name = ?1", args![name])? > 0;
        tx.commit()?;
        Ok(deleted)
    }
}
