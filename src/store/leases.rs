//! Case leases: the case a reviewer has open is theirs for a few minutes, so two reviewers
//! never triage the same case. A lease is renewed while the reviewer stays and expires on its
//! own when their session dies; an expired lease counts for nothing and is taken over.
//!
//! Times are unix milliseconds (UTC) in INTEGER columns, read from the clock of the machine
//! that holds the database. Every session runs there (SQLite's WAL mode needs all processes on
//! one host), so all of them share that clock.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use super::error::StoreError;
use super::roles::admit;
use super::{now_timestamp, Store};

/// How long a lease lasts unless renewed.
pub const DEFAULT_LEASE: Duration = Duration::from_secs(5 * 60);

/// A case leased to a reviewer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lease {
    pub case_id: String,
    pub reviewer: String,
    /// Unix milliseconds.
    pub expires_at: i64,
}

/// What [`Store::take_lease`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LeaseOutcome {
    /// The case is now leased to the caller (it was free, or the last lease had expired).
    Granted { expires_at: i64 },
    /// The caller held it already; the lease now runs until `expires_at`.
    Renewed { expires_at: i64 },
    /// Someone else holds it until `until` (unix milliseconds).
    HeldBy { reviewer: String, until: i64 },
}

/// Now, in unix milliseconds.
pub fn now_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// Unix milliseconds as the database writes times elsewhere: UTC, RFC 3339, milliseconds.
pub fn millis_text(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string())
        .unwrap_or_else(|| ms.to_string())
}

fn ttl_millis(ttl: Duration) -> i64 {
    i64::try_from(ttl.as_millis()).unwrap_or(i64::MAX / 2)
}

impl Store {
    /// Leases `case_id` to `reviewer` for `ttl`, renewing their own lease, taking over an
    /// expired one, and refusing (with who and until when) one that someone else holds.
    pub fn take_lease(
        &mut self,
        case_id: &str,
        reviewer: &str,
        ttl: Duration,
    ) -> Result<LeaseOutcome, StoreError> {
        if reviewer.trim().is_empty() {
            return Err(StoreError::NoReviewer);
        }
        let now = now_millis();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        admit(&tx, reviewer, &now_timestamp())?;
        let exists = tx
            .query_row("SELECT 1 FROM cases WHERE id = ?1", [case_id], |_| Ok(()))
            .optional()?
            .is_some();
        if !exists {
            return Err(StoreError::NoSuchCase(case_id.to_string()));
        }
        let current = lease_in(&tx, case_id)?;
        let expires_at = now.saturating_add(ttl_millis(ttl));
        let outcome = match current {
            Some(lease) if lease.expires_at > now && lease.reviewer != reviewer => {
                return Ok(LeaseOutcome::HeldBy {
                    reviewer: lease.reviewer,
                    until: lease.expires_at,
                })
            }
            Some(lease) if lease.expires_at > now => LeaseOutcome::Renewed { expires_at },
            _ => LeaseOutcome::Granted { expires_at },
        };
        put(&tx, case_id, reviewer, now, expires_at)?;
        tx.commit()?;
        Ok(outcome)
    }

    /// Gives up `reviewer`'s lease on `case_id`; returns whether they held one.
    pub fn release_lease(&mut self, case_id: &str, reviewer: &str) -> Result<bool, StoreError> {
        Ok(self.conn.execute(
            "DELETE FROM leases WHERE case_id = ?1 AND reviewer = ?2",
            [case_id, reviewer],
        )? > 0)
    }

    /// Gives up every lease `reviewer` holds (a session ending); returns how many.
    pub fn release_all(&mut self, reviewer: &str) -> Result<usize, StoreError> {
        Ok(self
            .conn
            .execute("DELETE FROM leases WHERE reviewer = ?1", [reviewer])?)
    }

    /// The cases leased to someone other than `reviewer` at `now` (unix milliseconds), with
    /// who holds each.
    pub fn leases_held_by_others(
        &self,
        reviewer: &str,
        now: i64,
    ) -> Result<HashMap<String, String>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT case_id, reviewer FROM leases WHERE reviewer != ?1 AND expires_at > ?2",
        )?;
        let held = stmt
            .query_map(rusqlite::params![reviewer, now], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })?
            .collect::<Result<HashMap<String, String>, _>>()?;
        Ok(held)
    }

    /// The lease on `case_id` at `now`, if one is in force.
    pub fn lease_of(&self, case_id: &str, now: i64) -> Result<Option<Lease>, StoreError> {
        Ok(lease_in(&self.conn, case_id)?.filter(|lease| lease.expires_at > now))
    }

    /// In one immediate transaction: the first of `candidates` (in the order given) that no one
    /// else holds a lease on is leased to `reviewer` for `ttl` and returned. Expired leases
    /// count for nothing; `reviewer`'s own lease is renewed. `None` when every candidate is
    /// held by someone else.
    pub fn claim_next(
        &mut self,
        reviewer: &str,
        candidates: &[&str],
        ttl: Duration,
    ) -> Result<Option<String>, StoreError> {
        if reviewer.trim().is_empty() {
            return Err(StoreError::NoReviewer);
        }
        let now = now_millis();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        admit(&tx, reviewer, &now_timestamp())?;
        tx.execute("DELETE FROM leases WHERE expires_at <= ?1", [now])?;
        let held: HashSet<String> = {
            let mut stmt = tx.prepare_cached("SELECT case_id FROM leases WHERE reviewer != ?1")?;
            let ids = stmt
                .query_map([reviewer], |row| row.get(0))?
                .collect::<Result<_, _>>()?;
            ids
        };
        let chosen = candidates.iter().find(|id| !held.contains(**id));
        if let Some(id) = chosen {
            put(&tx, id, reviewer, now, now.saturating_add(ttl_millis(ttl)))?;
        }
        tx.commit()?;
        Ok(chosen.map(|id| id.to_string()))
    }
}

fn lease_in(conn: &Connection, case_id: &str) -> Result<Option<Lease>, StoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT case_id, reviewer, expires_at FROM leases WHERE case_id = ?1")?;
    Ok(stmt
        .query_row([case_id], |row| {
            Ok(Lease {
                case_id: row.get(0)?,
                reviewer: row.get(1)?,
                expires_at: row.get(2)?,
            })
        })
        .optional()?)
}

/// Writes the lease; `taken_at` stays when the same reviewer renews.
fn put(
    conn: &Connection,
    case_id: &str,
    reviewer: &str,
    now: i64,
    expires_at: i64,
) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO leases (case_id, reviewer, taken_at, expires_at) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (case_id) DO UPDATE SET reviewer = ?2, expires_at = ?4, \
         taken_at = CASE WHEN leases.reviewer = ?2 THEN leases.taken_at ELSE ?3 END",
    )?;
    stmt.execute(rusqlite::params![case_id, reviewer, now, expires_at])?;
    Ok(())
}
