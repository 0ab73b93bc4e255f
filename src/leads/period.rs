//! The bounds of a period (`--since`, `--until`) as the stored UTC times compare.
//!
//! A date `YYYY-MM-DD` is a UTC day: `--since` starts at its first instant and `--until`
//! includes the whole day (the bound is the start of the next day, exclusive). An RFC 3339
//! time (`2022-10-20T09:00:00+09:00`) is that instant, converted to UTC.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::error::LeadsError;

const STORED: &str = "%Y-%m-%dT%H:%M:%S%.3fZ";

/// A period's bounds: `since` inclusive, `until` exclusive, either open.
pub type Bounds = (Option<String>, Option<String>);

/// The bounds of `--since` and `--until` (either may be missing; `names` are the options as the
/// user typed them), refusing a period that ends before it begins, or where it begins.
pub fn bounds(
    since: Option<&str>,
    until: Option<&str>,
    names: (&str, &str),
) -> Result<Bounds, LeadsError> {
    let from = since.map(|s| since_bound(names.0, s)).transpose()?;
    let to = until.map(|u| until_bound(names.1, u)).transpose()?;
    if let (Some(s), Some(u), Some(from), Some(to)) = (since, until, &from, &to) {
        let (s, u) = (s.trim(), u.trim());
        let (since_name, until_name) = names;
        if from > to || (from == to && is_date(u)) {
            return Err(LeadsError::BadParameter(format!(
                "{since_name} \"{s}\" is after {until_name} \"{u}\": no time falls in that period"
            )));
        }
        if from == to {
            return Err(LeadsError::BadParameter(format!(
                "{since_name} and {until_name} are the same time ({u}): no time falls in that \
                 period ({until_name} is exclusive for a time; a date includes its whole day)"
            )));
        }
    }
    Ok((from, to))
}

fn is_date(text: &str) -> bool {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok()
}

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

    #[test]
    fn a_period_must_begin_before_it_ends() {
        let names = ("since", "until");
        let day = bounds(Some("2022-10-31"), Some("2022-10-31"), names).unwrap();
        assert_eq!(
            day,
            (
                Some("2022-10-31T00:00:00.000Z".to_string()),
                Some("2022-11-01T00:00:00.000Z".to_string())
            ),
            "one whole day"
        );
        assert_eq!(bounds(None, Some("2022-10-31"), names).unwrap().0, None);
        assert_eq!(
            bounds(Some("2022-11-01"), Some("2022-10-31"), names)
                .unwrap_err()
                .to_string(),
            "since \"2022-11-01\" is after until \"2022-10-31\": no time falls in that period"
        );
        let late = bounds(
            Some("2022-10-31T10:00:00+09:00"),
            Some("2022-10-31T00:59:59Z"),
            names,
        );
        assert!(late.unwrap_err().to_string().contains("is after"));
        bounds(
            Some("2022-10-31T00:59:59Z"),
            Some("2022-10-31T01:00:00Z"),
            names,
        )
        .unwrap();
        let err = bounds(Some("nope"), Some("2022-10-31"), names).unwrap_err();
        assert!(err.to_string().starts_with("since \"nope\": not a date"));
    }
}
