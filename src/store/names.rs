//! Whether a name is anyone's in this database, for the commands about someone's work
//! (`agreement --of`, `audit --by`, `spot-check new --of`): a mistyped name must be refused,
//! not look like a reviewer who has done nothing.

use super::error::StoreError;
use super::sql::{args, Sql};
use super::Store;
use crate::domain::nearest::nearest;

impl Store {
    /// Every name the database knows, sorted: the reviewers table and everyone in the audit
    /// log (who may predate the table, or have been enrolled elsewhere).
    pub fn known_reviewers(&self) -> Result<Vec<String>, StoreError> {
        let mut names = Vec::new();
        self.reader()?.for_each(
            "SELECT name FROM reviewers UNION SELECT DISTINCT reviewer FROM audit ORDER BY 1",
            args![],
            &mut |row| {
                names.push(row.get(0)?);
                Ok(())
            },
        )?;
        Ok(names)
    }

    /// Refuses a name that is neither in the reviewers table nor in the audit log, naming
    /// the known ones and the nearest of them.
    pub fn require_known_reviewer(&self, name: &str) -> Result<(), StoreError> {
        if name == super::SUGGESTION_REVIEWER {
            // The accepted suggestions, checked as if a reviewer had labelled them.
            return Ok(());
        }
        let known = self.reader()?.exists(
            "SELECT 1 WHERE EXISTS (SELECT 1 FROM reviewers WHERE name = ?1) \
             OR EXISTS (SELECT 1 FROM audit WHERE reviewer = ?1)",
            args![name],
        )?;
        if known {
            return Ok(());
        }
        let known = self.known_reviewers()?;
        let near = nearest(name, known.iter().map(String::as_str)).map(str::to_string);
        Err(StoreError::NoSuchReviewer {
            name: name.to_string(),
            known,
            nearest: near,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::with_cases;
    use crate::store::Role;

    #[test]
    fn the_refusal_lists_at_most_ten_names_and_shows_the_asked_one_safely() {
        let (_dir, mut store) = with_cases(&["C-1"]);
        for i in 1..=12 {
            store
                .set_role(&format!("r{i:02}"), Role::Reviewer, "loader")
                .unwrap();
        }
        assert_eq!(store.known_reviewers().unwrap().len(), 13, "loader too");
        store.require_known_reviewer("loader").unwrap();
        store.require_known_reviewer("r12").unwrap();
        let err = store.require_known_reviewer("r1\u{1b}[2J").unwrap_err();
        assert_eq!(
            err.to_string(),
            "no reviewer is named \"r1␛[2J\" (known: loader, r01, r02, r03, r04, r05, r06, r07, \
             r08, r09 and 3 more)"
        );
        assert!(err.is_bad_input());
        let err = store.require_known_reviewer("r011").unwrap_err();
        assert!(
            err.to_string()
                .ends_with("and 3 more; did you mean \"r01\"?)"),
            "{err}"
        );
    }
}
