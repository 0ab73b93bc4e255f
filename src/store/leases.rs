//! Case leases: the case a reviewer has open is theirs for a while, so two reviewers never
//! triage the same case. The workbench takes a [`DEFAULT_LEASE`] (a minute) and renews it while
//! the reviewer stays; a lease from `casebench next` lasts what it asks for (no process renews
//! it). An expired lease counts for nothing and is taken over.
//!
//! A lease may record its holder (host, process id and start time, see `holder.rs`): when
//! that process is gone on this host, the lease is free at once, so a killed workbench blocks
//! no one. A lease without a holder, or held on another host, lapses only at its expiry.
//!
//! Times are unix milliseconds (UTC) in INTEGER columns, read from the clock of the machine
//! that holds the database. Every session runs there (SQLite's WAL mode needs all processes on
//! one host), so all of them share that clock. The functions take `now`, so tests (and callers
//! that already read the clock) say what time it is.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::error::StoreError;
use super::holder::Holder;
use super::roles::admit;
use super::sql::{args, Row, Sql};
use super::Store;

/// How long a workbench's lease lasts unless renewed (the workbench renews it well before).
pub const DEFAULT_LEASE: Duration = Duration::from_secs(60);

/// A case leased to a reviewer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lease {
    pub case_id: String,
    pub reviewer: String,
    /// Unix milliseconds.
    pub expires_at: i64,
    /// The process holding it; `None` for a lease held by time only.
    pub holder: Option<Holder>,
}

impl Lease {
    /// Whether the lease still holds at `now`: not expired, and its holder not known gone.
    fn in_force(&self, now: i64) -> bool {
        self.expires_at > now && !self.holder.as_ref().is_some_and(Holder::known_gone)
    }
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
    /// Leases `case_id` to `reviewer` for `ttl` from `now`, renewing their own lease, taking
    /// over an expired one or one whose holder is gone, and refusing (with who and until when)
    /// one that someone else holds. `holder` is recorded with it (`None`: held by time only).
    pub fn take_lease(
        &mut self,
        case_id: &str,
        reviewer: &str,
        ttl: Duration,
        now: i64,
        holder: Option<&Holder>,
    ) -> Result<LeaseOutcome, StoreError> {
        self.write_retrying(|store| store.take_lease_once(case_id, reviewer, ttl, now, holder))
    }

    fn take_lease_once(
        &mut self,
        case_id: &str,
        reviewer: &str,
        ttl: Duration,
        now: i64,
        holder: Option<&Holder>,
    ) -> Result<LeaseOutcome, StoreError> {
        if reviewer.trim().is_empty() {
            return Err(StoreError::NoReviewer);
        }
        let now = self.lease_now(now)?;
        let (mut tx, at) = self.begin(reviewer)?;
        admit(&mut *tx, reviewer, &at)?;
        if !tx.exists("SELECT 1 FROM cases WHERE id = ?1", args![case_id])? {
            return Err(StoreError::NoSuchCase(case_id.to_string()));
        }
        let current = lease_in(&mut *tx, case_id)?;
        let expires_at = now.saturating_add(ttl_millis(ttl));
        let outcome = match current {
            Some(lease) if lease.in_force(now) && lease.reviewer != reviewer => {
                return Ok(LeaseOutcome::HeldBy {
                    reviewer: lease.reviewer,
                    until: lease.expires_at,
                })
            }
            Some(lease) if lease.reviewer == reviewer && lease.expires_at > now => {
                LeaseOutcome::Renewed { expires_at }
            }
            _ => LeaseOutcome::Granted { expires_at },
        };
        put(&mut *tx, case_id, reviewer, now, expires_at, holder)?;
        tx.commit()?;
        Ok(outcome)
    }

    /// Gives up `reviewer`'s lease on `case_id`; returns whether they held one.
    pub fn release_lease(&mut self, case_id: &str, reviewer: &str) -> Result<bool, StoreError> {
        Ok(self.reader()?.execute(
            "DELETE FROM leases WHERE case_id = ?1 AND reviewer = ?2",
            args![case_id, reviewer],
        )? > 0)
    }

    /// Gives up every lease `reviewer` holds (a session ending); returns how many.
    pub fn release_all(&mut self, reviewer: &str) -> Result<usize, StoreError> {
        self.reader()?
            .execute("DELETE FROM leases WHERE reviewer = ?1", args![reviewer])
    }

    /// The cases leased to someone other than `reviewer` at `now` (unix milliseconds), with
    /// who holds each.
    pub fn leases_held_by_others(
        &self,
        reviewer: &str,
        now: i64,
    ) -> Result<HashMap<String, String>, StoreError> {
        let now = self.lease_now(now)?;
        let leases = leases_where(
            &mut self.reader()?,
            "reviewer != ?1 AND expires_at > ?2",
            args![reviewer, now],
        )?;
        Ok(leases
            .into_iter()
            .filter(|lease| lease.in_force(now))
            .map(|lease| (lease.case_id, lease.reviewer))
            .collect())
    }

    /// The lease on `case_id` at `now`, if one is in force.
    pub fn lease_of(&self, case_id: &str, now: i64) -> Result<Option<Lease>, StoreError> {
        let now = self.lease_now(now)?;
        Ok(lease_in(&mut self.reader()?, case_id)?.filter(|lease| lease.in_force(now)))
    }

    /// In one immediate transaction: the first of `candidates` (in the order given) that no one
    /// else holds a lease on is leased to `reviewer` for `ttl` from `now` (recording `holder`)
    /// and returned. Expired leases and leases whose holder is gone count for nothing;
    /// `reviewer`'s own lease is renewed. `None` when every candidate is held by someone else.
    pub fn claim_next(
        &mut self,
        reviewer: &str,
        candidates: &[&str],
        ttl: Duration,
        now: i64,
        holder: Option<&Holder>,
    ) -> Result<Option<String>, StoreError> {
        self.write_retrying(|store| store.claim_next_once(reviewer, candidates, ttl, now, holder))
    }

    fn claim_next_once(
        &mut self,
        reviewer: &str,
        candidates: &[&str],
        ttl: Duration,
        now: i64,
        holder: Option<&Holder>,
    ) -> Result<Option<String>, StoreError> {
        if reviewer.trim().is_empty() {
            return Err(StoreError::NoReviewer);
        }
        let now = self.lease_now(now)?;
        let (mut tx, at) = self.begin(reviewer)?;
        admit(&mut *tx, reviewer, &at)?;
        tx.execute("DELETE FROM leases WHERE expires_at <= ?1", args![now])?;
        let held: HashSet<String> = leases_where(&mut *tx, "reviewer != ?1", args![reviewer])?
            .into_iter()
            .filter(|lease| lease.in_force(now))
            .map(|lease| lease.case_id)
            .collect();
        let chosen = candidates.iter().find(|id| !held.contains(**id));
        if let Some(id) = chosen {
            let expires_at = now.saturating_add(ttl_millis(ttl));
            put(&mut *tx, id, reviewer, now, expires_at, holder)?;
        }
        tx.commit()?;
        Ok(chosen.map(|id| id.to_string()))
    }
}

/// The columns [`lease_from_row`] reads.
const LEASE_COLUMNS: &str =
    "case_id, reviewer, expires_at, holder_host, holder_pid, holder_started";

fn lease_from_row(row: &Row<'_>) -> Result<Lease, StoreError> {
    let host: Option<String> = row.get(3)?;
    let pid: Option<i64> = row.get(4)?;
    let started: Option<i64> = row.get(5)?;
    let holder = match (host, pid.and_then(|p| u32::try_from(p).ok())) {
        (Some(host), Some(pid)) => Some(Holder {
            host,
            pid,
            started: started.and_then(|s| u64::try_from(s).ok()),
        }),
        _ => None,
    };
    Ok(Lease {
        case_id: row.get(0)?,
        reviewer: row.get(1)?,
        expires_at: row.get(2)?,
        holder,
    })
}

/// The leases matching `condition` (an SQL condition on the leases table).
fn leases_where<S: Sql + ?Sized>(
    sql: &mut S,
    condition: &str,
    params: &[super::sql::Value<'_>],
) -> Result<Vec<Lease>, StoreError> {
    let mut leases = Vec::new();
    sql.for_each(
        &format!("SELECT {LEASE_COLUMNS} FROM leases WHERE {condition}"),
        params,
        &mut |row| {
            leases.push(lease_from_row(&row)?);
            Ok(())
        },
    )?;
    Ok(leases)
}

fn lease_in<S: Sql + ?Sized>(sql: &mut S, case_id: &str) -> Result<Option<Lease>, StoreError> {
    Ok(leases_where(sql, "case_id = ?1", args![case_id])?
        .into_iter()
        .next())
}

/// Writes the lease with its holder; `taken_at` stays when the same reviewer renews.
fn put<S: Sql + ?Sized>(
    sql: &mut S,
    case_id: &str,
    reviewer: &str,
    now: i64,
    expires_at: i64,
    holder: Option<&Holder>,
) -> Result<(), StoreError> {
    sql.execute(
        "INSERT INTO leases (case_id, reviewer, taken_at, expires_at, holder_host, holder_pid, \
         holder_started) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) \
         ON CONFLICT (case_id) DO UPDATE SET reviewer = ?2, expires_at = ?4, \
         holder_host = ?5, holder_pid = ?6, holder_started = ?7, \
         taken_at = CASE WHEN leases.reviewer = ?2 THEN leases.taken_at ELSE ?3 END",
        args![
            case_id,
            reviewer,
            now,
            expires_at,
            holder.map(|h| h.host.as_str()),
            holder.map(|h| i64::from(h.pid)),
            holder
                .and_then(|h| h.started)
                .and_then(|s| i64::try_from(s).ok()),
        ],
    )?;
    Ok(())
}
