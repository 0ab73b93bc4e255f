//! Reading cases.

use std::collections::HashSet;

use super::error::StoreError;
use super::row::{case_from_row, CASE_COLUMNS, CASE_COLUMNS_WITHOUT_TEXT};
use super::sql::{args, Sql};
use super::Store;
use crate::domain::Case;

/// How many rows the counted reads go between two reports.
const REPORT_EVERY: usize = 4096;

impl Store {
    /// Every case, in the order they were created.
    pub fn load_all(&self) -> Result<Vec<Case>, StoreError> {
        self.load_all_counted(&mut |_, _| {})
    }

    /// [`Store::load_all`], telling `read(done, total)` now and then how many of the `total`
    /// cases (counted first) are read.
    pub fn load_all_counted(
        &self,
        read: &mut dyn FnMut(usize, usize),
    ) -> Result<Vec<Case>, StoreError> {
        let total = self.case_count()?;
        read(0, total);
        let mut cases = Vec::with_capacity(total);
        self.for_each_case(&mut |case| {
            cases.push(case);
            if cases.len() % REPORT_EVERY == 0 {
                read(cases.len(), total);
            }
            Ok(())
        })?;
        read(cases.len(), total);
        Ok(cases)
    }

    /// Hands every case to `each`, in the order they were created, without holding them
    /// all: for a command that needs each case once (building search's copy of the texts).
    pub fn for_each_case(
        &self,
        each: &mut dyn FnMut(Case) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.for_each_case_in(CASE_COLUMNS, "", each)
    }

    /// [`Store::for_each_case`] without the free text: each case as
    /// [`Case::without_text`] gives it, `text` empty and `note` not set. For a command that
    /// counts, filters or judges by rules (none of which reads either): most of a case's bytes
    /// are its text.
    pub fn for_each_case_without_text(
        &self,
        each: &mut dyn FnMut(Case) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.for_each_case_in(CASE_COLUMNS_WITHOUT_TEXT, "", each)
    }

    /// Each case's id, text and note (`""` when it has none), in the order the cases were
    /// created, borrowed from the row: all that search reads of a case, without building
    /// cases.
    pub fn for_each_searchable(
        &self,
        each: &mut dyn FnMut([&str; 3]) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let order = self.dialect().creation_order();
        self.reader()?.for_each(
            &format!("SELECT id, text, note FROM cases ORDER BY {order}"),
            args![],
            &mut |row| {
                let id = row.text(0)?.unwrap_or_default();
                let text = row.text(1)?.unwrap_or_default();
                each([id, text, row.text(2)?.unwrap_or_default()])
            },
        )
    }

    /// The cases that `condition` (a `WHERE …` clause, or nothing for every case) admits,
    /// read as `columns`, in the order they were created.
    fn for_each_case_in(
        &self,
        columns: &str,
        condition: &str,
        each: &mut dyn FnMut(Case) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let order = self.dialect().creation_order();
        self.reader()?.for_each(
            &format!("SELECT {columns} FROM cases {condition} ORDER BY {order}"),
            args![],
            &mut |row| each(case_from_row(row)?),
        )
    }

    /// The cases that have no suggestion yet, in the order they were created (none, once
    /// every case has one: a later session's background suggestions read nothing else).
    pub fn load_unsuggested(&self) -> Result<Vec<Case>, StoreError> {
        let mut cases = Vec::new();
        self.for_each_case_in(
            CASE_COLUMNS,
            "WHERE NOT EXISTS (SELECT 1 FROM suggestions s WHERE s.case_id = cases.id)",
            &mut |case| {
                cases.push(case);
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
        self.existing_ids_counted(ids, &mut |_| {})
    }

    /// [`Store::existing_ids`], telling `checked` now and then how many ids are looked up.
    pub fn existing_ids_counted<'a>(
        &self,
        ids: impl IntoIterator<Item = &'a str>,
        checked: &mut dyn FnMut(usize),
    ) -> Result<HashSet<String>, StoreError> {
        let mut sql = self.reader()?;
        let mut found = HashSet::new();
        let mut done = 0;
        for id in ids {
            if sql.exists("SELECT 1 FROM cases WHERE id = ?1", args![id])? {
                found.insert(id.to_string());
            }
            done += 1;
            if done % REPORT_EVERY == 0 {
                checked(done);
            }
        }
        checked(done);
        Ok(found)
    }
}
