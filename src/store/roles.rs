//! Reviewers and leads: who may write to the database, and what only a lead may do.
//!
//! A name in the `reviewers` table has a role. A name not in it may still write while the
//! database allows open enrolment (the `open_enrolment` setting, on in a new database): it is
//! enrolled as a reviewer by its first write. With enrolment off it is refused. Every store
//! function that writes checks this in its own transaction ([`admit`]), so no front end can
//! bypass it. This guards the workflow; access to the data itself is the file's permissions.

use std::fmt;

use serde::Serialize;

use super::backend::Dialect;
use super::error::StoreError;
use super::sql::{args, Sql};
use super::Store;

/// A bulk change may touch this many cases without a lead.
pub const MAX_REVIEWER_BULK: usize = 100;

/// The longest reviewer name accepted.
pub const MAX_NAME_CHARS: usize = 64;

/// What a reviewer is allowed to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Reviewer,
    Lead,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Reviewer => "reviewer",
            Role::Lead => "lead",
        }
    }

    /// `reviewer` or `lead`.
    pub fn parse(text: &str) -> Option<Role> {
        match text {
            "reviewer" => Some(Role::Reviewer),
            "lead" => Some(Role::Lead),
            _ => None,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An action only a lead may take; displays as what the refusal message says after
/// "only a lead can".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeadOnly {
    /// Overturning a reviewer's label (spot-checks).
    Overturn,
    /// A bulk change of this many cases (more than [`MAX_REVIEWER_BULK`]).
    LargeBulk(usize),
    /// Saving or deleting the team's saved views.
    EditViews,
    /// Opening a spot-check and recording its blind labels.
    SpotCheck,
    /// Adding reviewers, changing roles, the enrolment setting (once the database has a lead).
    ManageReviewers,
}

impl fmt::Display for LeadOnly {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LeadOnly::Overturn => f.write_str("overturn a reviewer's label"),
            LeadOnly::LargeBulk(n) => write!(
                f,
                "change more than {MAX_REVIEWER_BULK} cases in one bulk change (this one has {n})"
            ),
            LeadOnly::EditViews => f.write_str("edit the team's saved views"),
            LeadOnly::SpotCheck => f.write_str("run spot-checks"),
            LeadOnly::ManageReviewers => {
                f.write_str("add reviewers, change roles or the enrolment setting")
            }
        }
    }
}

/// One row of `casebench reviewers list`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReviewerInfo {
    pub name: String,
    pub role: Role,
    pub added_at: String,
    /// How many times the change function changed a case for them (one change may set several
    /// fields; a bulk change counts once per case). Creating cases does not count.
    pub changes: usize,
    pub last_change: Option<String>,
}

/// What [`Store::set_role`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoleChange {
    Added,
    Changed { from: Role },
    Unchanged,
}

/// Checks a reviewer name: not empty, no control characters, at most [`MAX_NAME_CHARS`].
/// Returns it trimmed.
pub fn check_name(name: &str) -> Result<&str, StoreError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(StoreError::NoReviewer);
    }
    if name.chars().any(crate::text::is_unsafe) {
        return Err(StoreError::BadName(
            name.to_string(),
            "must not contain control characters",
        ));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(StoreError::BadName(
            name.to_string(),
            "is longer than 64 characters",
        ));
    }
    Ok(name)
}

impl Store {
    /// The role of `name`, or `None` when the name is not in the reviewers table.
    pub fn role_of(&self, name: &str) -> Result<Option<Role>, StoreError> {
        role_in(&mut self.reader()?, name)
    }

    /// Whether names not in the reviewers table may write (and are enrolled as reviewers by
    /// their first write).
    pub fn open_enrolment(&self) -> Result<bool, StoreError> {
        open_enrolment_in(&mut self.reader()?)
    }

    /// The role `name` writes with: theirs, or `reviewer` for a name the open enrolment would
    /// take in on its first write. Refuses a name that is not enrolled when enrolment is off.
    /// Reads only; front ends call it at start-up to refuse early.
    pub fn check_enrolled(&self, name: &str) -> Result<Role, StoreError> {
        let mut sql = self.reader()?;
        match role_in(&mut sql, name)? {
            Some(role) => Ok(role),
            None if open_enrolment_in(&mut sql)? => Ok(Role::Reviewer),
            None => Err(StoreError::NotEnrolled(name.to_string())),
        }
    }

    /// Refuses (with the message front ends show) unless `name` is a lead. Reads only: the
    /// store checks again inside every lead-only write.
    pub fn require_lead(&self, name: &str, action: LeadOnly) -> Result<(), StoreError> {
        match self.check_enrolled(name)? {
            Role::Lead => Ok(()),
            Role::Reviewer => Err(not_a_lead(name, action)),
        }
    }

    /// Adds `name` with `role`, or changes their role. Once the database has a lead only a
    /// lead may do this (`by`); until then anyone may, so the first lead can be added.
    pub fn set_role(&mut self, name: &str, role: Role, by: &str) -> Result<RoleChange, StoreError> {
        self.write_retrying(|store| store.set_role_once(name, role, by))
    }

    fn set_role_once(
        &mut self,
        name: &str,
        role: Role,
        by: &str,
    ) -> Result<RoleChange, StoreError> {
        let name = check_name(name)?;
        let by = check_name(by)?;
        self.check_identity(by)?;
        let dialect = self.dialect();
        let (mut tx, at) = self.begin_timed()?;
        may_manage(&mut *tx, by, &at)?;
        let was = role_in(&mut *tx, name)?;
        if dialect == Dialect::Postgres {
            // The server adds the row and grants the role CONNECT on the database (see
            // `casebench_enrol` in postgres/access.rs).
            tx.execute("SELECT casebench_enrol(?1, ?2)", args![name, role.as_str()])?;
            tx.commit()?;
            return Ok(match was {
                None => RoleChange::Added,
                Some(from) if from == role => RoleChange::Unchanged,
                Some(from) => RoleChange::Changed { from },
            });
        }
        let outcome = match was {
            None => {
                tx.execute(
                    "INSERT INTO reviewers (name, role, added_at, updated_by, updated_at) \
                     VALUES (?1, ?2, ?3, ?4, ?3)",
                    args![name, role.as_str(), at.as_str(), by],
                )?;
                RoleChange::Added
            }
            Some(from) if from == role => RoleChange::Unchanged,
            Some(from) => {
                tx.execute(
                    "UPDATE reviewers SET role = ?2, updated_by = ?3, updated_at = ?4 \
                     WHERE name = ?1",
                    args![name, role.as_str(), by, at.as_str()],
                )?;
                RoleChange::Changed { from }
            }
        };
        tx.commit()?;
        Ok(outcome)
    }

    /// Turns open enrolment on or off (lead only once the database has a lead). Returns
    /// whether the setting changed.
    pub fn set_open_enrolment(&mut self, on: bool, by: &str) -> Result<bool, StoreError> {
        self.write_retrying(|store| store.set_open_enrolment_once(on, by))
    }

    fn set_open_enrolment_once(&mut self, on: bool, by: &str) -> Result<bool, StoreError> {
        let by = check_name(by)?;
        self.check_identity(by)?;
        let (mut tx, at) = self.begin_timed()?;
        may_manage(&mut *tx, by, &at)?;
        let was = open_enrolment_in(&mut *tx)?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES ('open_enrolment', ?1) \
             ON CONFLICT (key) DO UPDATE SET value = ?1",
            args![if on { "on" } else { "off" }],
        )?;
        tx.commit()?;
        Ok(was != on)
    }

    /// Every reviewer and lead by name, with how many changes they made.
    pub fn reviewers(&self) -> Result<Vec<ReviewerInfo>, StoreError> {
        let rows = self.reader()?.query(
            "SELECT r.name, r.role, r.added_at, coalesce(c.changes, 0), c.last \
             FROM reviewers r LEFT JOIN ( \
                 SELECT reviewer, count(*) AS changes, max(at) AS last FROM ( \
                     SELECT DISTINCT reviewer, case_id, at FROM audit WHERE field != 'case') AS d \
                 GROUP BY reviewer) c ON c.reviewer = r.name \
             ORDER BY r.name",
            args![],
        )?;
        let mut out = Vec::new();
        for row in rows {
            let name: String = row.get(0)?;
            let role_text: String = row.get(1)?;
            let changes: i64 = row.get(3)?;
            out.push(ReviewerInfo {
                role: parse_role(&name, &role_text)?,
                added_at: row.get(2)?,
                changes: usize::try_from(changes).unwrap_or(0),
                last_change: row.get(4)?,
                name,
            });
        }
        Ok(out)
    }
}

fn parse_role(name: &str, text: &str) -> Result<Role, StoreError> {
    Role::parse(text).ok_or_else(|| StoreError::Corrupt {
        case_id: format!("(reviewer {name})"),
        field: "role",
        value: text.to_string(),
    })
}

fn not_a_lead(name: &str, action: LeadOnly) -> StoreError {
    StoreError::NotALead {
        action,
        reviewer: name.to_string(),
    }
}

/// The role of `name`. On PostgreSQL the owner of the tables (who set the database up, or a
/// superuser) acts as a lead, as the server's own checks trust it (`casebench_is_owner`).
fn role_in<S: Sql + ?Sized>(sql: &mut S, name: &str) -> Result<Option<Role>, StoreError> {
    let query = match sql.dialect() {
        Dialect::Sqlite => "SELECT role FROM reviewers WHERE name = ?1",
        Dialect::Postgres => {
            "SELECT CASE WHEN ?1 = session_user::text AND casebench_is_owner() THEN 'lead' \
             ELSE (SELECT role FROM reviewers WHERE name = ?1) END"
        }
    };
    let row = sql.query_opt(query, args![name])?;
    let text: Option<String> = row
        .map(|r| r.get::<Option<String>>(0))
        .transpose()?
        .flatten();
    text.map(|t| parse_role(name, &t)).transpose()
}

fn open_enrolment_in<S: Sql + ?Sized>(sql: &mut S) -> Result<bool, StoreError> {
    let row = sql.query_opt(
        "SELECT value FROM settings WHERE key = 'open_enrolment'",
        args![],
    )?;
    let value: Option<String> = row.map(|r| r.get(0)).transpose()?;
    Ok(value.is_none_or(|v| v == "on"))
}

/// Inside a writing transaction: the role `name` writes with. A name not in the table is
/// enrolled as a reviewer when enrolment is open (the caller's transaction decides whether
/// that sticks) and refused when it is closed.
pub(super) fn admit<S: Sql + ?Sized>(
    sql: &mut S,
    name: &str,
    at: &str,
) -> Result<Role, StoreError> {
    if let Some(role) = role_in(sql, name)? {
        return Ok(role);
    }
    if !open_enrolment_in(sql)? {
        return Err(StoreError::NotEnrolled(name.to_string()));
    }
    sql.execute(
        "INSERT INTO reviewers (name, role, added_at) VALUES (?1, 'reviewer', ?2) \
         ON CONFLICT (name) DO NOTHING",
        args![name, at],
    )?;
    Ok(Role::Reviewer)
}

/// Inside a writing transaction: admits `name` and refuses unless they are a lead.
pub(super) fn admit_lead<S: Sql + ?Sized>(
    sql: &mut S,
    name: &str,
    at: &str,
    action: LeadOnly,
) -> Result<(), StoreError> {
    match admit(sql, name, at)? {
        Role::Lead => Ok(()),
        Role::Reviewer => Err(not_a_lead(name, action)),
    }
}

/// Roster changes: a lead's once the database has one; anyone's before (the first lead).
fn may_manage<S: Sql + ?Sized>(sql: &mut S, by: &str, at: &str) -> Result<(), StoreError> {
    let has_lead: bool = sql
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM reviewers WHERE role = 'lead')",
            args![],
        )?
        .get(0)?;
    if has_lead {
        admit_lead(sql, by, at, LeadOnly::ManageReviewers)
    } else {
        Ok(())
    }
}
