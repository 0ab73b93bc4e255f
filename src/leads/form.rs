//! The workbench's one-line form that opens a spot-check:
//!
//! ```text
//! reviewers=kim,lee since=2026-11-01 until=2026-11-30 size=20 seed=7 name="week 48"
//! ```
//!
//! Words `KEY=VALUE` separated by blanks, keys as [`SpotField::key`] (`reviewer` is taken for
//! `reviewers`). A double-quoted value (`\"` and `\\` escape) may hold blanks. The words become
//! [`FieldText`]s with the place of each value, and [`super::request::decide`] checks them, so
//! the form means what the same options mean to `casebench spot-check new`.

use std::borrow::Cow;

use chrono::NaiveDate;

use super::request::{
    decide, sort_errors, At, FieldText, FrontEnd, OpenSpotCheck, SpotField, SpotFieldError,
};

/// The size the form starts with.
pub const FORM_SIZE: usize = 20;

/// The form's first text, and the byte offset where the cursor starts (after `reviewers=`):
/// `reviewers= since=2026-12-01 size=20`, the period starting `today`.
pub fn form_template(today: NaiveDate) -> (String, usize) {
    let reviewers = format!("{}=", SpotField::Reviewers.key());
    let cursor = reviewers.len();
    let text = format!(
        "{reviewers} {}={} {}={FORM_SIZE}",
        SpotField::Since.key(),
        today.format("%Y-%m-%d"),
        SpotField::Size.key()
    );
    (text, cursor)
}

/// Reads the form: the decided request, or every problem with its place in `text` (a missing
/// field's place is the end of the text). `fresh_seed` is the seed when none is given.
pub fn read_form(text: &str, fresh_seed: u64) -> Result<OpenSpotCheck, Vec<SpotFieldError>> {
    let (fields, mut errors) = form_fields(text);
    let decided = decide(FrontEnd::Form, &fields, fresh_seed);
    match decided {
        Ok(request) if errors.is_empty() => Ok(request),
        Ok(_) => Err(errors),
        Err(more) => {
            let end = At::in_text(text, text.len());
            errors.extend(more.into_iter().map(|e| SpotFieldError {
                at: e.at.or(Some(end)),
                ..e
            }));
            sort_errors(&mut errors);
            Err(errors)
        }
    }
}

/// The form's words as fields, and the problems of the words themselves (not `KEY=VALUE`, an
/// unknown key, a quote left open).
pub fn form_fields(text: &str) -> (Vec<FieldText<'_>>, Vec<SpotFieldError>) {
    let mut fields = Vec::new();
    let mut errors = Vec::new();
    let mut refuse = |field: Option<SpotField>, byte: usize, message: String| {
        errors.push(SpotFieldError {
            field,
            message,
            at: Some(At::in_text(text, byte)),
        });
    };
    let mut rest = 0;
    while let Some(start) = next_word(text, rest) {
        let word_end = word_end(text, start);
        let word = &text[start..word_end];
        rest = word_end;
        let Some(eq) = word.find('=').filter(|&eq| eq > 0) else {
            let example = format!("{}=kim,lee", SpotField::Reviewers.key());
            refuse(
                None,
                start,
                format!("\"{word}\" is not KEY=VALUE (e.g. {example})"),
            );
            continue;
        };
        let key = &word[..eq];
        let value_start = start + eq + 1;
        let field = match lookup(key) {
            Some(field) => field,
            None => {
                refuse(None, start, unknown_key(key));
                continue;
            }
        };
        let value = &text[value_start..word_end];
        let value = match unquote(value) {
            Ok(value) => value,
            Err((offset, message)) => {
                refuse(
                    Some(field),
                    value_start + offset,
                    format!("{}: {message}", field.key()),
                );
                continue;
            }
        };
        fields.push(FieldText {
            field,
            text: value,
            at: Some(At::in_text(text, value_start)),
        });
    }
    (fields, errors)
}

/// The start of the next word at or after byte `from`.
fn next_word(text: &str, from: usize) -> Option<usize> {
    text[from..]
        .char_indices()
        .find(|&(_, c)| !c.is_whitespace())
        .map(|(i, _)| from + i)
}

/// The end of the word starting at `start`: the first blank outside double quotes (or the end).
fn word_end(text: &str, start: usize) -> usize {
    let mut quoted = false;
    let mut escaped = false;
    for (i, c) in text[start..].char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => return start + i,
            _ => {}
        }
    }
    text.len()
}

/// A value as meant: a quoted value without its quotes and escapes. An error gives the byte
/// offset in `value` where the problem is.
fn unquote(value: &str) -> Result<Cow<'_, str>, (usize, String)> {
    let Some(inner) = value.strip_prefix('"') else {
        return Ok(Cow::Borrowed(value));
    };
    let mut text = String::new();
    let mut chars = inner.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some((_, escaped)) => text.push(escaped),
                None => break,
            },
            '"' => {
                let after = &inner[i + 1..];
                return match after.chars().next() {
                    None => Ok(Cow::Owned(text)),
                    Some(c) => Err((
                        1 + i + 1,
                        format!("unexpected \"{c}\" after the closing quote"),
                    )),
                };
            }
            c => text.push(c),
        }
    }
    Err((0, "unterminated quote (no closing \")".to_string()))
}

fn lookup(key: &str) -> Option<SpotField> {
    if key == "reviewer" {
        return Some(SpotField::Reviewers);
    }
    SpotField::ALL.into_iter().find(|f| f.key() == key)
}

/// `unknown "sise" (did you mean "size"?)`, or the list of keys.
fn unknown_key(key: &str) -> String {
    let lower = key.to_lowercase();
    let nearest = SpotField::ALL
        .iter()
        .map(|f| {
            (
                crate::domain::nearest::edit_distance(&lower, f.key()),
                f.key(),
            )
        })
        .min_by_key(|&(distance, _)| distance)
        .filter(|&(distance, _)| distance <= 2);
    match nearest {
        Some((_, suggestion)) => format!("unknown \"{key}\" (did you mean \"{suggestion}\"?)"),
        None => {
            let keys: Vec<&str> = SpotField::ALL.iter().map(|f| f.key()).collect();
            format!("unknown \"{key}\" (use {})", keys.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::leads::SampleSize;

    const FRESH: u64 = 42;

    fn read(text: &str) -> OpenSpotCheck {
        match read_form(text, FRESH) {
            Ok(request) => request,
            Err(errors) => panic!("{text:?} should be read, got {errors:?}"),
        }
    }

    /// Every problem as (column, message), in the order reported.
    fn problems(text: &str) -> Vec<(usize, String)> {
        match read_form(text, FRESH) {
            Ok(request) => panic!("{text:?} should be refused, got {request:?}"),
            Err(errors) => errors
                .into_iter()
                .map(|e| (e.at.map_or(0, |at| at.column), e.message))
                .collect(),
        }
    }

    fn estimate(confidence: f64, margin: f64, proportion: f64) -> SampleSize {
        SampleSize::Estimate {
            confidence,
            margin,
            proportion,
        }
    }

    #[test]
    fn good_forms() {
        assert_eq!(
            read("reviewers=kim,lee since=2026-11-01 size=20 seed=7"),
            OpenSpotCheck {
                reviewers: vec!["kim".into(), "lee".into()],
                since: "2026-11-01T00:00:00.000Z".into(),
                until: None,
                size: SampleSize::Fixed(20),
                seed: 7,
                name: None,
            }
        );
        let request = read("reviewers=kim since=2026-11-01 confidence=0.99 margin=0.03");
        assert_eq!(request.size, estimate(0.99, 0.03, 0.5));
        assert_eq!(request.seed, FRESH, "no seed: the caller's fresh one");
        let request = read("reviewer=kim reviewers=lee,,kim since=2026-11-01 until=2026-11-30");
        assert_eq!(request.reviewers, ["kim", "lee"]);
        assert_eq!(request.until.as_deref(), Some("2026-12-01T00:00:00.000Z"));
        assert_eq!(
            request.size,
            estimate(0.95, 0.05, 0.5),
            "no size: the defaults"
        );
        let request = read(
            "  reviewers=\"kim min,lee\"   since=2026-11-01T09:00:00+09:00 proportion=0.2 \
             name=\"  week 48 점검 \"  ",
        );
        assert_eq!(request.reviewers, ["kim min", "lee"]);
        assert_eq!(request.since, "2026-11-01T00:00:00.000Z");
        assert_eq!(request.size, estimate(0.95, 0.05, 0.2));
        assert_eq!(request.name.as_deref(), Some("week 48 점검"));
        let request = read("reviewers=kim since=2026-11-01 name=\"say \\\"hi\\\"\"");
        assert_eq!(request.name.as_deref(), Some("say \"hi\""));
        assert_eq!(
            read("reviewers=kim since=2026-11-01 name=\"  \"").name,
            None
        );
        assert_eq!(read("reviewers=kim since=2026-11-01 name=").name, None);
        let one_day = read("reviewers=kim since=2026-11-01 until=2026-11-01");
        assert_eq!(one_day.until.as_deref(), Some("2026-11-02T00:00:00.000Z"));
    }

    #[test]
    fn every_bad_field_is_reported_at_once_where_its_value_starts() {
        assert_eq!(
            problems("reviewers= since=2026-13-01 size=0 seed=-1"),
            [
                (
                    11,
                    "reviewers: name the reviewers to check, e.g. reviewers=kim,lee".to_string()
                ),
                (
                    18,
                    "since \"2026-13-01\": not a date (YYYY-MM-DD, a UTC day) or an RFC 3339 time"
                        .into()
                ),
                (34, "size must be at least 1".into()),
                (
                    41,
                    "seed: \"-1\" is not a whole number from 0 to 18446744073709551615".into()
                ),
            ]
        );
        assert_eq!(
            problems("reviewers=kim since=2026-11-05 until=2026-11-04 size=20 margin=0.1"),
            [
                (
                    38,
                    "since \"2026-11-05\" is after until \"2026-11-04\": no time falls in that period"
                        .to_string()
                ),
                (
                    54,
                    "size excludes margin: give either the size or the precision to compute it \
                     from"
                        .into()
                ),
            ]
        );
        assert_eq!(
            problems("reviewers=kim sise=3 kim since=x confidence=95 margin=abc proportion=2"),
            [
                (15, "unknown \"sise\" (did you mean \"size\"?)".to_string()),
                (
                    22,
                    "\"kim\" is not KEY=VALUE (e.g. reviewers=kim,lee)".into()
                ),
                (
                    32,
                    "since \"x\": not a date (YYYY-MM-DD, a UTC day) or an RFC 3339 time".into()
                ),
                (
                    45,
                    "confidence must be between 0 and 1 (exclusive), e.g. 0.95; got 95".into()
                ),
                (55, "margin: \"abc\" is not a number".into()),
                (
                    70,
                    "proportion must be between 0 and 1 (0.5 when unknown); got 2".into()
                ),
            ]
        );
    }

    #[test]
    fn missing_fields_point_at_the_end_and_words_at_themselves() {
        assert_eq!(
            problems("size=20 size=30 name=\"open"),
            [
                (14, "size is given twice".to_string()),
                (22, "name: unterminated quote (no closing \")".into()),
                (
                    27,
                    "reviewers: name the reviewers to check, e.g. reviewers=kim,lee".into()
                ),
                (
                    27,
                    "since: give the start of the period, e.g. since=YYYY-MM-DD".into()
                ),
            ]
        );
        assert_eq!(
            problems("reviewers=kim since=2026-11-01 name=\"a\"b =x"),
            [
                (
                    40,
                    "name: unexpected \"b\" after the closing quote".to_string()
                ),
                (
                    42,
                    "\"=x\" is not KEY=VALUE (e.g. reviewers=kim,lee)".into()
                ),
            ]
        );
        assert_eq!(
            problems("xyzzy=1 reviewers=kim since=2026-11-01"),
            [(
                1,
                "unknown \"xyzzy\" (use reviewers, since, until, size, confidence, margin, \
                 proportion, seed, name)"
                    .to_string()
            )]
        );
    }

    #[test]
    fn places_count_characters_and_give_the_byte_too() {
        let text = "reviewers=김민,이 since=어제";
        let errors = read_form(text, FRESH).unwrap_err();
        let at = errors[0].at.unwrap();
        assert_eq!((at.column, &text[at.byte..]), (22, "어제"));
        assert_eq!(errors[0].field, Some(SpotField::Since));
    }

    #[test]
    fn the_template_starts_the_cursor_where_the_first_problem_is() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let (text, cursor) = form_template(today);
        assert_eq!(text, "reviewers= since=2026-12-01 size=20");
        assert_eq!(&text[..cursor], "reviewers=");
        let errors = read_form(&text, FRESH).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].at.map(|at| at.byte), Some(cursor));
        let mut filled = text.clone();
        filled.insert_str(cursor, "kim");
        assert_eq!(read(&filled).size, SampleSize::Fixed(FORM_SIZE));
    }
}
