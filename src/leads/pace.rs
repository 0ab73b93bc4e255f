//! Cases per hour, from the audit log.
//!
//! A reviewer's *changes* are their calls of the change function made by hand: audit rows
//! with action `label`, `undo` or `redo` (not bulk changes, imports or overturns), one change
//! per (case, time). Sorted by time, changes less than [`IDLE_GAP_MS`] (10 minutes) apart
//! belong to one working session; a longer gap is a break. *Active time* is the sum of the
//! gaps inside sessions plus [`FIRST_CHANGE_MS`] (1 minute) for the first change of each
//! session (the time spent on that first case). *Cases per hour* is the number of distinct
//! cases changed divided by the active time in hours.

/// A gap this long or longer between two changes is a break, not work.
pub const IDLE_GAP_MS: i64 = 10 * 60 * 1000;
/// The time counted for the first change of a session.
pub const FIRST_CHANGE_MS: i64 = 60 * 1000;

/// A reviewer's pace.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pace {
    /// Distinct cases changed.
    pub cases: usize,
    pub changes: usize,
    pub sessions: usize,
    pub active_ms: i64,
}

impl Pace {
    /// Cases per active hour; `None` without any change.
    pub fn per_hour(&self) -> Option<f64> {
        (self.active_ms > 0).then(|| self.cases as f64 / (self.active_ms as f64 / 3_600_000.0))
    }

    pub fn active_minutes(&self) -> f64 {
        self.active_ms as f64 / 60_000.0
    }
}

/// The pace of one reviewer's changes: `(case id, unix milliseconds)`, in any order.
pub fn pace(changes: &[(String, i64)]) -> Pace {
    let mut times: Vec<i64> = changes.iter().map(|(_, t)| *t).collect();
    times.sort_unstable();
    let mut cases: Vec<&str> = changes.iter().map(|(c, _)| c.as_str()).collect();
    cases.sort_unstable();
    cases.dedup();
    let mut out = Pace {
        cases: cases.len(),
        changes: changes.len(),
        ..Pace::default()
    };
    let mut last: Option<i64> = None;
    for t in times {
        match last {
            Some(prev) if t - prev < IDLE_GAP_MS => out.active_ms += t - prev,
            _ => {
                out.sessions += 1;
                out.active_ms += FIRST_CHANGE_MS;
            }
        }
        last = Some(t);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: i64 = 60_000;

    fn at(case: &str, minute: i64) -> (String, i64) {
        (case.to_string(), minute * MIN)
    }

    // Session 1: minutes 0, 2, 5 → 5 minutes + 1; a 20-minute break; session 2: minutes 25,
    // 26 → 1 minute + 1. Active: 8 minutes; 4 distinct cases (C-2 twice) → 30 cases/hour.
    #[test]
    fn sessions_breaks_and_distinct_cases() {
        let p = pace(&[
            at("C-1", 0),
            at("C-2", 2),
            at("C-2", 5),
            at("C-3", 25),
            at("C-4", 26),
        ]);
        assert_eq!((p.cases, p.changes, p.sessions), (4, 5, 2));
        assert_eq!(p.active_ms, 8 * MIN);
        assert_eq!(p.per_hour(), Some(30.0));
    }

    #[test]
    fn one_change_is_one_minute_and_none_is_no_pace() {
        let p = pace(&[at("C-1", 3)]);
        assert_eq!(p.active_ms, MIN);
        assert_eq!(p.per_hour(), Some(60.0));
        assert_eq!(pace(&[]).per_hour(), None);
    }
}
