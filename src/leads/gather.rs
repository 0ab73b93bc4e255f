//! The agreement report from the database: the compared pairs of one spot-check or of all,
//! and each reviewer's pace over the same period (the spot-check's, or all time).

use std::collections::HashMap;

use super::agreement::{compute, Agreement};
use super::error::LeadsError;
use super::pace::pace;
use super::period::millis;
use crate::store::Store;

/// The agreement figures, optionally of one spot-check and for one reviewer (outliers are
/// always judged against every reviewer).
pub fn agreement_report(
    store: &Store,
    check: Option<i64>,
    reviewer: Option<&str>,
) -> Result<Agreement, LeadsError> {
    if let Some(name) = reviewer {
        store.require_known_reviewer(name)?;
    }
    let (since, until) = match check {
        Some(id) => {
            let header = store.spot_check(id)?;
            (Some(header.since), header.until)
        }
        None => (None, None),
    };
    let pairs = store.compared_pairs(check)?;
    let mut agreement = compute(&pairs);
    let mut paces = HashMap::new();
    for stats in &agreement.reviewers {
        let Some(name) = stats.reviewer.as_deref() else {
            continue;
        };
        let changes: Vec<(String, i64)> = store
            .hand_changes(name, since.as_deref(), until.as_deref())?
            .into_iter()
            .filter_map(|(case, at)| millis(&at).map(|ms| (case, ms)))
            .collect();
        paces.insert(name.to_string(), pace(&changes));
    }
    for stats in &mut agreement.reviewers {
        if let Some(name) = &stats.reviewer {
            stats.pace = paces.remove(name);
        }
    }
    if let Some(name) = reviewer {
        agreement
            .reviewers
            .retain(|r| r.reviewer.as_deref() == Some(name));
    }
    Ok(agreement)
}
