//! The effect runner: runs the app's effects against the store, and learns of other
//! sessions' changes. The only part of the workbench that does I/O on the database.

use std::collections::{BTreeMap, HashSet};
use std::time::{Duration, Instant};

use crate::store::{
    new_batch_id, now_millis, AuditCursor, ChangeRequest, Holder, LeaseOutcome, Store, StoreError,
    CREATED_FIELD, DEFAULT_LEASE,
};
use crate::tui::app::{BulkSave, BulkSaved, ExternalChange, Msg, Retry, Save, SaveFailure, Saved};

/// How often the database is asked whether another session committed something.
pub const POLL_EVERY: Duration = Duration::from_millis(250);
/// How often the lease follows the selected case, and others' leases are read again.
pub const LEASE_EVERY: Duration = Duration::from_secs(1);
/// How often the lease on the case the reviewer rests on is renewed: a third of the
/// [`DEFAULT_LEASE`], so two renewals can be missed (a slow disk, a busy database) before it
/// lapses.
const RENEW_EVERY: Duration = Duration::from_secs(20);
/// A lease still held is renewed when less than this is left of it.
const RENEW_BEFORE: Duration = DEFAULT_LEASE.saturating_sub(RENEW_EVERY);
/// While the database cannot be reached, how often the poll tries again (each try may wait
/// for a connection attempt; the reviewer's own changes try at once).
pub const OFFLINE_RETRY_EVERY: Duration = Duration::from_secs(3);

/// Whether the session must take (or renew) the lease on `current` at `now`: it holds none,
/// holds another case's, or has less than [`RENEW_BEFORE`] left of it.
fn needs_lease(held: Option<&(String, i64)>, current: &str, now: i64) -> bool {
    match held {
        Some((id, until)) if id == current => {
            until - now < i64::try_from(RENEW_BEFORE.as_millis()).unwrap_or(i64::MAX)
        }
        _ => true,
    }
}

pub struct Runner {
    store: Store,
    reviewer: String,
    /// Where this session stands in the audit log: every row before it is applied.
    cursor: AuditCursor,
    data_version: i64,
    last_poll: Instant,
    /// Audit rows this session wrote itself, not yet passed by the poll: they are not news.
    own_seqs: HashSet<i64>,
    /// The case this session holds a lease on, and until when (unix ms).
    lease: Option<(String, i64)>,
    last_lease_tick: Instant,
    /// This process, recorded with its leases so they are free at once if it dies.
    holder: Option<Holder>,
    /// Why the last look for others' changes failed (the database out of reach, say), while
    /// it keeps failing: shown once, and replaced by a notice when a look succeeds again.
    trouble: Option<String>,
}

impl Runner {
    /// `cursor` is the audit position the loaded cases reflect (taken before loading them:
    /// anything after it is applied again, harmlessly, by version).
    pub fn new(store: Store, reviewer: String, cursor: AuditCursor) -> Result<Runner, StoreError> {
        let data_version = store.data_version()?;
        Ok(Runner {
            store,
            reviewer,
            cursor,
            data_version,
            last_poll: Instant::now(),
            own_seqs: HashSet::new(),
            lease: None,
            last_lease_tick: Instant::now(),
            holder: Holder::this_process(),
            trouble: None,
        })
    }

    /// Writes a save through the store's change function (durably, before the next key is
    /// read) and returns its result as a message. A refused save reloads the case; one that
    /// failed because the database could not be reached can be tried again as it is.
    pub fn save(&mut self, save: Save) -> Msg {
        let request = ChangeRequest {
            case_id: &save.case_id,
            expected_version: Some(save.expected_version),
            reviewer: &self.reviewer,
            action: save.action,
            batch: None,
            changes: &save.changes,
        };
        let outcome = self.store.apply_change(&request).map_err(|e| {
            let message = match &e {
                StoreError::Conflict {
                    case_id, by, at, ..
                } => {
                    format!(
                        "case {case_id} was changed by {by} at {}",
                        crate::text::local_time(at)
                    )
                }
                other => other.to_string(),
            };
            let retry = match &e {
                StoreError::CommitUnknown { .. } => Retry::Unsure,
                e if e.is_disconnect() => Retry::NotSaved,
                _ => Retry::No,
            };
            SaveFailure {
                message,
                // Out of reach, the database cannot say what the case is now.
                fresh: if retry == Retry::No {
                    self.store.get(&save.case_id).ok().flatten()
                } else {
                    None
                },
                retry,
            }
        });
        if let Ok(applied) = &outcome {
            self.own_seqs.extend(applied.events.iter().map(|e| e.seq));
        }
        Msg::Saved(Box::new(Saved { save, outcome }))
    }

    /// Writes a bulk change in one transaction under a new batch id.
    pub fn bulk(&mut self, bulk: BulkSave) -> Msg {
        let batch = new_batch_id(bulk.action.as_str());
        let outcome = self
            .store
            .apply_bulk(&bulk.items, &self.reviewer, bulk.action, &batch)
            .map(|outcome| {
                for applied in &outcome.applied {
                    self.own_seqs.extend(applied.events.iter().map(|e| e.seq));
                }
                (batch, outcome)
            })
            .map_err(|e| e.to_string());
        Msg::BulkSaved(Box::new(BulkSaved { bulk, outcome }))
    }

    /// Leases `case_id` (where `n` landed), letting go of the previous one.
    pub fn claim(&mut self, case_id: String) -> Msg {
        let held_by = match self.lease_to(&case_id) {
            Some(LeaseOutcome::HeldBy { reviewer, .. }) => Some(reviewer),
            _ => None,
        };
        Msg::Claimed { case_id, held_by }
    }

    /// Takes (or renews) the lease on `case_id`; on success, the previous one is released.
    /// Leases are a courtesy between reviewers, so a failure is not an error to show.
    fn lease_to(&mut self, case_id: &str) -> Option<LeaseOutcome> {
        let outcome = self
            .store
            .take_lease(
                case_id,
                &self.reviewer,
                DEFAULT_LEASE,
                now_millis(),
                self.holder.as_ref(),
            )
            .ok()?;
        if let LeaseOutcome::Granted { expires_at } | LeaseOutcome::Renewed { expires_at } = outcome
        {
            if let Some((previous, _)) = self.lease.take() {
                if previous != case_id {
                    let _ = self.store.release_lease(&previous, &self.reviewer);
                }
            }
            self.lease = Some((case_id.to_string(), expires_at));
        }
        Some(outcome)
    }

    /// Once a [`LEASE_EVERY`]: the lease follows the case the reviewer rests on (renewed every
    /// [`RENEW_EVERY`] while they stay), and the cases others have open are read again.
    /// Not while the database is out of reach (the poll tries again).
    pub fn tick_leases(&mut self, current: Option<&str>) -> Vec<Msg> {
        if self.last_lease_tick.elapsed() < LEASE_EVERY || self.trouble.is_some() {
            return Vec::new();
        }
        self.last_lease_tick = Instant::now();
        if let Some(current) = current {
            if needs_lease(self.lease.as_ref(), current, now_millis()) {
                self.lease_to(current);
            }
        }
        match self
            .store
            .leases_held_by_others(&self.reviewer, now_millis())
        {
            Ok(leases) => vec![Msg::Leases(leases)],
            Err(_) => Vec::new(),
        }
    }

    /// Lets go of every lease of this reviewer (at quit; they would expire anyway).
    pub fn release_leases(&mut self) {
        let _ = self.store.release_all(&self.reviewer);
        self.lease = None;
    }

    /// The spot-checks with their progress, for the list.
    pub fn list_spot_checks(&mut self) -> Msg {
        let listed = self.store.spot_checks().and_then(|checks| {
            checks
                .into_iter()
                .map(|c| {
                    let progress = self.store.spot_check_progress(c.id)?;
                    Ok((c, progress))
                })
                .collect::<Result<Vec<_>, StoreError>>()
        });
        match listed {
            Ok(checks) => Msg::SpotChecks(checks),
            Err(e) => Msg::SpotFailed(e.to_string()),
        }
    }

    pub fn open_spot(&mut self, id: i64) -> Msg {
        match self.store.spot_check(id) {
            Ok(check) => Msg::SpotLoaded(check),
            Err(e) => Msg::SpotFailed(e.to_string()),
        }
    }

    /// Starts a spot-check as `update` decided it from the form, and opens it.
    pub fn new_spot(&mut self, request: &crate::leads::OpenSpotCheck) -> Msg {
        match crate::leads::open_spot_check(&mut self.store, &self.reviewer, request) {
            Ok(opened) => self.open_spot(opened.id),
            Err(e) => Msg::SpotFailed(format!("new spot-check: {e}")),
        }
    }

    pub fn spot_label(
        &mut self,
        check: i64,
        case_id: &str,
        dim: crate::domain::Dimension,
        value: Option<u8>,
    ) -> Msg {
        match self
            .store
            .record_lead_label(check, case_id, dim, value, &self.reviewer)
        {
            Ok(()) => self.open_spot(check),
            Err(e) => Msg::SpotFailed(e.to_string()),
        }
    }

    pub fn spot_differences(&mut self, check: i64, case: Option<crate::domain::Case>) -> Msg {
        match self.store.differences(check) {
            Ok(differences) => Msg::SpotDifferences { differences, case },
            Err(e) => Msg::SpotFailed(e.to_string()),
        }
    }

    pub fn spot_resolve(
        &mut self,
        check: i64,
        case_id: &str,
        dim: crate::domain::Dimension,
        resolution: crate::store::Resolution,
    ) -> Msg {
        match self
            .store
            .resolve(check, case_id, dim, resolution, &self.reviewer)
        {
            Ok(outcome) => {
                let case = outcome.applied.map(|applied| {
                    self.own_seqs.extend(applied.events.iter().map(|e| e.seq));
                    applied.case
                });
                self.spot_differences(check, case)
            }
            Err(e) => Msg::SpotFailed(e.to_string()),
        }
    }

    /// The agreement report over every spot-check, as the CLI prints it.
    pub fn agreement(&mut self) -> Msg {
        match crate::leads::agreement_report(&self.store, None, None) {
            Ok(report) => Msg::AgreementText(crate::report::agreement::render_text(
                &report,
                "all spot-checks",
            )),
            Err(e) => Msg::SpotFailed(e.to_string()),
        }
    }

    /// What reverting `batch` would do, as a message.
    pub fn plan_revert(&mut self, batch: &str) -> Msg {
        Msg::RevertPlanned(self.store.revert_plan(batch).map_err(|e| e.to_string()))
    }

    /// Reverts a batch as planned (the store checks every case's version again).
    pub fn revert(&mut self, plan: &crate::store::RevertPlan) -> Msg {
        let outcome = self
            .store
            .apply_revert(plan, &self.reviewer)
            .inspect(|outcome| {
                for applied in &outcome.applied {
                    self.own_seqs.extend(applied.events.iter().map(|e| e.seq));
                }
            })
            .map_err(|e| e.to_string());
        Msg::Reverted(Box::new(outcome))
    }

    /// A case's audit trail, as a message.
    pub fn history(&mut self, case_id: String) -> Msg {
        let events = self.store.history(&case_id).map_err(|e| e.to_string());
        Msg::HistoryLoaded { case_id, events }
    }

    /// The database this session works on.
    pub fn location(&self) -> &crate::store::Location {
        self.store.location()
    }

    /// Every case's suggestions, as a message (none when the store cannot read them: they are
    /// derived data, and the workbench works without them).
    pub fn load_suggestions(&mut self) -> Msg {
        Msg::Suggestions {
            list: self.store.load_suggestions().unwrap_or_default(),
            fresh: false,
        }
    }

    /// The team's saved views, as a message.
    pub fn load_views(&mut self) -> Msg {
        match self.store.views() {
            Ok(views) => Msg::ViewsLoaded(views),
            Err(e) => Msg::ViewFailed(format!("cannot read the saved views: {e}")),
        }
    }

    /// Saves a view, then reloads the list.
    pub fn save_view(&mut self, name: &str, filter: &str, search: Option<&str>) -> Vec<Msg> {
        match self.store.save_view(name, filter, search, &self.reviewer) {
            Ok(_) => vec![Msg::ViewSaved(Ok(name.to_string())), self.load_views()],
            Err(e) => vec![Msg::ViewSaved(Err(format!("cannot save the view: {e}")))],
        }
    }

    /// Deletes a saved view, then reloads the list.
    pub fn delete_view(&mut self, name: &str) -> Vec<Msg> {
        match self.store.delete_view_by(name, &self.reviewer) {
            Ok(_) => vec![self.load_views()],
            Err(e) => vec![Msg::ViewFailed(format!("cannot delete the view: {e}"))],
        }
    }

    /// At most every [`POLL_EVERY`] (every [`OFFLINE_RETRY_EVERY`] while the database is out
    /// of reach): when another connection committed (SQLite's `data_version` moved), reads the
    /// audit rows past the last seen and returns the cases they touched as they now are.
    /// Saved views are read again too (a teammate may have saved one).
    ///
    /// A look that fails (the connection lost and not back) is said once, as
    /// [`Msg::StoreFailed`]; the workbench goes on, and the first look that succeeds after it
    /// says so ([`Msg::StoreBack`]) and reads what was committed meanwhile.
    pub fn poll_others(&mut self) -> Vec<Msg> {
        let every = if self.trouble.is_some() {
            OFFLINE_RETRY_EVERY
        } else {
            POLL_EVERY
        };
        if self.last_poll.elapsed() < every {
            return Vec::new();
        }
        self.last_poll = Instant::now();
        match self.look_for_others() {
            Ok(mut msgs) => {
                if self.trouble.take().is_some() {
                    msgs.insert(
                        0,
                        Msg::StoreBack(format!(
                            "connected to {} again; other reviewers' changes are shown again",
                            self.store.location()
                        )),
                    );
                }
                msgs
            }
            Err(e) => {
                let text = if e.is_disconnect() {
                    format!(
                        "{e}; trying again every {}s and at your next change (nothing saved is \
                         lost)",
                        OFFLINE_RETRY_EVERY.as_secs()
                    )
                } else {
                    format!("cannot read other reviewers' changes: {e}")
                };
                if self.trouble.as_deref() == Some(text.as_str()) {
                    return Vec::new();
                }
                self.trouble = Some(text.clone());
                vec![Msg::StoreFailed(text)]
            }
        }
    }

    fn look_for_others(&mut self) -> Result<Vec<Msg>, StoreError> {
        let version = self.store.data_version()?;
        if version == self.data_version {
            return Ok(Vec::new());
        }
        self.data_version = version;
        let mut msgs: Vec<Msg> = self.changes_since_last()?.into_iter().collect();
        msgs.push(self.load_views());
        Ok(msgs)
    }

    fn changes_since_last(&mut self) -> Result<Option<Msg>, StoreError> {
        let events = self.store.events_after(&mut self.cursor)?;
        if events.is_empty() {
            return Ok(None);
        }
        let mut touched: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
        for event in events {
            if self.own_seqs.remove(&event.seq) {
                continue;
            }
            let entry = touched.entry(event.case_id).or_default();
            entry.0 = event.reviewer;
            if !entry.1.contains(&event.field) {
                entry.1.push(event.field);
            }
        }
        let mut changes = Vec::with_capacity(touched.len());
        for (id, (reviewer, mut fields)) in touched {
            if let Some(case) = self.store.get(&id)? {
                if fields.iter().any(|f| f == CREATED_FIELD) {
                    fields = vec![CREATED_FIELD.to_string()];
                }
                changes.push(ExternalChange {
                    case,
                    reviewer,
                    fields,
                });
            }
        }
        Ok((!changes.is_empty()).then_some(Msg::External(changes)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lease_on_the_case_one_rests_on_is_renewed_every_20_seconds() {
        let taken = 1_700_000_000_000;
        let lease = ("R-1".to_string(), taken + DEFAULT_LEASE.as_millis() as i64);
        assert!(!needs_lease(Some(&lease), "R-1", taken + 19_999));
        assert!(needs_lease(Some(&lease), "R-1", taken + 20_001));
        assert!(
            needs_lease(Some(&lease), "R-2", taken + 1),
            "another case: lease it"
        );
        assert!(needs_lease(None, "R-1", taken));
        assert_eq!(DEFAULT_LEASE, Duration::from_secs(60));
    }
}
