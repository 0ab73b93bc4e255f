//! Running the app's effects against the store, and learning of other sessions' changes.
//! The only part of the workbench that does I/O on the database.

use std::collections::{BTreeMap, HashSet};
use std::time::{Duration, Instant};

use crate::store::{new_batch_id, ChangeRequest, Store, StoreError, CREATED_FIELD};
use crate::tui::app::{BulkSave, BulkSaved, ExternalChange, Msg, Save, SaveFailure, Saved};

/// How often the database is asked whether another session committed something.
pub const POLL_EVERY: Duration = Duration::from_millis(250);

pub struct Runner {
    store: Store,
    reviewer: String,
    /// The last audit row applied.
    last_seq: i64,
    data_version: i64,
    last_poll: Instant,
    /// Audit rows this session wrote itself, not yet passed by the poll: they are not news.
    own_seqs: HashSet<i64>,
}

impl Runner {
    /// `last_seq` is the audit position the loaded cases reflect (read before loading them:
    /// anything after it is applied again, harmlessly, by version).
    pub fn new(store: Store, reviewer: String, last_seq: i64) -> Result<Runner, StoreError> {
        let data_version = store.data_version()?;
        Ok(Runner {
            store,
            reviewer,
            last_seq,
            data_version,
            last_poll: Instant::now(),
            own_seqs: HashSet::new(),
        })
    }

    /// Writes a save through the store's change function (durably, before the next key is
    /// read) and returns its result as a message. A refused save reloads the case.
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
                        crate::text::short_time(at)
                    )
                }
                other => other.to_string(),
            };
            SaveFailure {
                message,
                fresh: self.store.get(&save.case_id).ok().flatten(),
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

    /// A case's audit trail, as a message.
    pub fn history(&mut self, case_id: String) -> Msg {
        let events = self.store.history(&case_id).map_err(|e| e.to_string());
        Msg::HistoryLoaded { case_id, events }
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
            Ok(_) => vec![self.load_views()],
            Err(e) => vec![Msg::ViewFailed(format!("cannot save the view: {e}"))],
        }
    }

    /// Deletes a saved view, then reloads the list.
    pub fn delete_view(&mut self, name: &str) -> Vec<Msg> {
        match self.store.delete_view(name) {
            Ok(_) => vec![self.load_views()],
            Err(e) => vec![Msg::ViewFailed(format!("cannot delete the view: {e}"))],
        }
    }

    /// At most every [`POLL_EVERY`]: when another connection committed (SQLite's
    /// `data_version` moved), reads the audit rows past the last seen and returns the cases
    /// they touched as they now are.
    /// Saved views are read again too (a teammate may have saved one).
    pub fn poll_others(&mut self) -> Result<Vec<Msg>, StoreError> {
        if self.last_poll.elapsed() < POLL_EVERY {
            return Ok(Vec::new());
        }
        self.last_poll = Instant::now();
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
        let events = self.store.events_since(self.last_seq)?;
        let Some(last) = events.last() else {
            return Ok(None);
        };
        self.last_seq = last.seq;
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
