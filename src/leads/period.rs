//! The bounds of a period (`--since`, `--until`) as the stored UTC times compare.
//!
//! A date `YYYY-MM-DD` is a UTC day: `--since` starts at its first instant and `--until`
//! includes the whole day (the bound is the start of the next day, exclusive). An RFC 3339
//! time (`2022-10-20T09:00:00+09:00`) is that instant, converted to UTC.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::error::LeadsError;

const STORED: &str = "%Y-%m-%dT%H:%M:%S%.3fZ";

/// The inclusive lower bound for `--since`.
pub fn since_bound(option: &str, text: &str) -> Result<String, LeadsError> {
    bound(option, text, false)
}

/// The exclusive upper bound for `--until`.
pub fn until_bound(option: &str, text: &str) -> Result<String, LeadsError> {
    bound(option, text, true)
}

fn bound(option: &str, text: &str, end_of_day: bool) -> Result<String, LeadsError> {
    let text = text.trim();
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        let day = if end_of_day {
            day.checked_add_signed(Duration::days(1)).unwrap_or(day)
        } else {
            day
        };
        let start = day.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
        if let Some(start) = start {
            return Ok(start.format(STORED).to_string());
        }
    }
    match DateTime::parse_from_rfc3339(text) {
        Ok(t) => Ok(t.with_timezone(&Utc).format(STORED).to_string()),
        Err(_) => Err(LeadsError::BadParameter(format!(
            "{option} \"{text}\": not a date (YYYY-MM-DD, a UTC day) or an RFC 3339 time"
        ))),
    }
}

/// Unix milliseconds of a stored time; `None` if it does not parse.
pub fn millis(stored: &str) -> Option<i64> {
    DateTime::parse_from_rfc3339(stored)
        .ok()
        .map(|t| t.timestamp_millis())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_utc_days_and_until_includes_the_day() {
        assert_eq!(
            since_bound("--since", "2022-10-20").unwrap(),
            "2022-10-20T00:00:00.000Z"
        );
        assert_eq!(
            until_bound("--until", "2022-10-31").unwrap(),
            "2022-11-01T00:00:00.000Z"
        );
        assert_eq!(
            since_bound("--since", "2022-10-20T09:00:00+09:00").unwrap(),
            "2022-10-20T00:00:00.000Z"
        );
        let err = since_bound("--since", "yesterday").unwrap_err();
        assert_eq!(
            err.to_string(),
            "--since \"yesterday\": not a date (YYYY-MM-DD, a UTC day) or an RFC 3339 time"
        );
        assert_eq!(millis("1970-01-01T00:00:01.500Z"), Some(1500));
    }
}
