//! What a lead asks for when opening a spot-check, read and checked once for both front ends.
//!
//! `casebench spot-check new --of kim --since 2026-11-01 --size 20` and the workbench's form
//! `reviewers=kim since=2026-11-01 size=20` (read by [`super::form`]) both become a list of
//! [`FieldText`]s; [`decide`] turns that list into an [`OpenSpotCheck`], or reports every
//! problem at once. It needs no store and no clock: what needs the store (the lead's role, the
//! population and the sample) is [`super::open_spot_check`]'s.
//!
//! The defaults, here and nowhere else:
//! - no size: the size that estimates a proportion at [`DEFAULT_CONFIDENCE`] within
//!   [`DEFAULT_MARGIN`], the expected proportion being [`WORST_CASE_PROPORTION`] (0.5);
//!   a given size excludes confidence, margin and proportion;
//! - no seed: the caller's fresh seed (from the clock, [`crate::rng::fresh_seed`]); the seed is
//!   printed and stored, so the draw can be repeated;
//! - every value is trimmed; reviewers are split at commas, blanks dropped, each kept once in
//!   the order given; a blank name is no name;
//! - no `until`: the period is open (up to now). A date is a UTC day, `until` inclusive (see
//!   [`super::period`]); a period that ends before it starts is refused.

use std::borrow::Cow;

use super::open::SampleSize;
use super::period::{since_bound, until_bound};
use super::sample_size::WORST_CASE_PROPORTION;

/// The confidence level of a computed size, when none is given.
pub const DEFAULT_CONFIDENCE: f64 = 0.95;
/// The margin of error of a computed size, when none is given.
pub const DEFAULT_MARGIN: f64 = 0.05;

/// One part of the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SpotField {
    Reviewers,
    Since,
    Until,
    Size,
    Confidence,
    Margin,
    Proportion,
    Seed,
    Name,
}

impl SpotField {
    /// Every field, in the order problems are reported when they have no position.
    pub const ALL: [SpotField; 9] = [
        SpotField::Reviewers,
        SpotField::Since,
        SpotField::Until,
        SpotField::Size,
        SpotField::Confidence,
        SpotField::Margin,
        SpotField::Proportion,
        SpotField::Seed,
        SpotField::Name,
    ];

    /// The key in the workbench's form.
    pub fn key(self) -> &'static str {
        match self {
            SpotField::Reviewers => "reviewers",
            SpotField::Since => "since",
            SpotField::Until => "until",
            SpotField::Size => "size",
            SpotField::Confidence => "confidence",
            SpotField::Margin => "margin",
            SpotField::Proportion => "proportion",
            SpotField::Seed => "seed",
            SpotField::Name => "name",
        }
    }

    /// The option of `casebench spot-check new`.
    pub fn option(self) -> &'static str {
        match self {
            SpotField::Reviewers => "--of",
            SpotField::Since => "--since",
            SpotField::Until => "--until",
            SpotField::Size => "--size",
            SpotField::Confidence => "--confidence",
            SpotField::Margin => "--margin",
            SpotField::Proportion => "--proportion",
            SpotField::Seed => "--seed",
            SpotField::Name => "--name",
        }
    }
}

/// Which front end the text comes from: problems name the field as the user wrote it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrontEnd {
    /// The workbench's form: `since`, `size=20`.
    Form,
    /// `casebench spot-check new`: `--since`, `--size 20`.
    Cli,
}

impl FrontEnd {
    fn label(self, field: SpotField) -> &'static str {
        match self {
            FrontEnd::Form => field.key(),
            FrontEnd::Cli => field.option(),
        }
    }

    /// `since=YYYY-MM-DD` or `--since YYYY-MM-DD`.
    fn example(self, field: SpotField, value: &str) -> String {
        match self {
            FrontEnd::Form => format!("{}={value}", field.key()),
            FrontEnd::Cli => format!("{} {value}", field.option()),
        }
    }
}

/// A place in the form's text: the byte offset (for editing the text) and the 1-based
/// character column (for showing it, as filter errors do).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct At {
    pub byte: usize,
    pub column: usize,
}

impl At {
    /// The place of byte `byte` of `text` (clamped to the text, and to a character boundary).
    pub fn in_text(text: &str, byte: usize) -> At {
        let mut byte = byte.min(text.len());
        while !text.is_char_boundary(byte) {
            byte -= 1;
        }
        At {
            byte,
            column: text[..byte].chars().count() + 1,
        }
    }
}

/// One field's value as given, and where the value starts in the form (`None` on the command
/// line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldText<'a> {
    pub field: SpotField,
    pub text: Cow<'a, str>,
    pub at: Option<At>,
}

impl<'a> FieldText<'a> {
    /// A value given on the command line.
    pub fn given(field: SpotField, text: &'a str) -> FieldText<'a> {
        FieldText {
            field,
            text: Cow::Borrowed(text),
            at: None,
        }
    }
}

/// One problem of the request.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct SpotFieldError {
    /// The field the problem is in; `None` for a word of the form that names no field.
    pub field: Option<SpotField>,
    pub message: String,
    /// Where in the form the problem starts: the field's value, the word, or the end of the
    /// text for a missing field (where the cursor goes). `None` on the command line.
    pub at: Option<At>,
}

/// The problems as one line, for a status line.
pub fn describe(errors: &[SpotFieldError]) -> String {
    let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
    messages.join("; ")
}

/// Leftmost first; those without a place after, in field order.
pub(super) fn sort_errors(errors: &mut [SpotFieldError]) {
    errors.sort_by_key(|e| (e.at.map_or(usize::MAX, |at| at.byte), e.field));
}

/// A decided request: what [`super::open_spot_check`] draws. Every value is checked; the
/// bounds are the stored UTC times [`super::period`] makes.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenSpotCheck {
    /// At least one, each once.
    pub reviewers: Vec<String>,
    pub since: String,
    /// Exclusive; after `since`.
    pub until: Option<String>,
    pub size: SampleSize,
    pub seed: u64,
    /// Trimmed, not blank.
    pub name: Option<String>,
}

/// Reads and checks the fields (see the module documentation for the defaults). `fresh_seed`
/// is the seed when none is given. Every problem is reported, leftmost first.
pub fn decide(
    front: FrontEnd,
    fields: &[FieldText<'_>],
    fresh_seed: u64,
) -> Result<OpenSpotCheck, Vec<SpotFieldError>> {
    let mut reader = Reader {
        front,
        errors: Vec::new(),
    };
    let mut reviewers: Vec<String> = Vec::new();
    let mut reviewers_at = None;
    let mut given: [Option<&FieldText<'_>>; SpotField::ALL.len()] = [None; SpotField::ALL.len()];
    for field in fields {
        if field.field == SpotField::Reviewers {
            reviewers_at = reviewers_at.or(field.at);
            for name in field.text.split(',').map(str::trim) {
                if !name.is_empty() && !reviewers.iter().any(|r| r == name) {
                    reviewers.push(name.to_string());
                }
            }
            continue;
        }
        let slot = &mut given[field.field as usize];
        match slot {
            Some(_) => {
                let message = format!("{} is given twice", front.label(field.field));
                reader.refuse(field.field, field.at, message);
            }
            None => *slot = Some(field),
        }
    }
    let get = |field: SpotField| given[field as usize];

    if reviewers.is_empty() {
        let message = format!(
            "{}: name the reviewers to check, e.g. {}",
            front.label(SpotField::Reviewers),
            front.example(SpotField::Reviewers, "kim,lee")
        );
        reader.refuse(SpotField::Reviewers, reviewers_at, message);
    }
    let since = match get(SpotField::Since) {
        Some(f) => reader.bound(f, since_bound),
        None => {
            let message = format!(
                "{}: give the start of the period, e.g. {}",
                front.label(SpotField::Since),
                front.example(SpotField::Since, "YYYY-MM-DD")
            );
            reader.refuse(SpotField::Since, None, message);
            None
        }
    };
    let until = get(SpotField::Until).map(|f| (f, reader.bound(f, until_bound)));
    if let (Some(since), Some((f, Some(until)))) = (&since, &until) {
        let names = (front.label(SpotField::Since), front.label(SpotField::Until));
        let since_text = get(SpotField::Since).map_or("", |s| &*s.text);
        let texts = (since_text, &*f.text);
        if let Some(message) = super::period::empty_period(names, texts, (since, until)) {
            reader.refuse(SpotField::Until, f.at, message);
        }
    }

    let size = get(SpotField::Size).and_then(|f| reader.size(f));
    let confidence = get(SpotField::Confidence).map(|f| reader.open_unit(f, "0.95"));
    let margin = get(SpotField::Margin).map(|f| reader.open_unit(f, "0.05"));
    let proportion = get(SpotField::Proportion).map(|f| reader.proportion(f));
    let precision = [
        (SpotField::Confidence, confidence.is_some()),
        (SpotField::Margin, margin.is_some()),
        (SpotField::Proportion, proportion.is_some()),
    ];
    if let Some(size_field) = get(SpotField::Size) {
        let with: Vec<&str> = precision
            .iter()
            .filter(|(_, given)| *given)
            .map(|&(field, _)| front.label(field))
            .collect();
        if !with.is_empty() {
            let message = format!(
                "{} excludes {}: give either the size or the precision to compute it from",
                front.label(SpotField::Size),
                and_list(&with)
            );
            reader.refuse(SpotField::Size, size_field.at, message);
        }
    }
    let seed = get(SpotField::Seed).map(|f| reader.seed(f));
    let name = get(SpotField::Name).and_then(|f| reader.name(f));

    let Reader { mut errors, .. } = reader;
    if !errors.is_empty() {
        sort_errors(&mut errors);
        return Err(errors);
    }
    let size = match size {
        Some(n) => SampleSize::Fixed(n),
        None => SampleSize::Estimate {
            confidence: confidence.flatten().unwrap_or(DEFAULT_CONFIDENCE),
            margin: margin.flatten().unwrap_or(DEFAULT_MARGIN),
            proportion: proportion.flatten().unwrap_or(WORST_CASE_PROPORTION),
        },
    };
    Ok(OpenSpotCheck {
        reviewers,
        since: since.unwrap_or_default(),
        until: until.and_then(|(_, bound)| bound),
        size,
        seed: seed.flatten().unwrap_or(fresh_seed),
        name,
    })
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [only] => only.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Checks one field at a time and keeps every problem.
struct Reader {
    front: FrontEnd,
    errors: Vec<SpotFieldError>,
}

impl Reader {
    fn refuse(&mut self, field: SpotField, at: Option<At>, message: String) {
        self.errors.push(SpotFieldError {
            field: Some(field),
            message,
            at,
        });
    }

    fn label(&self, f: &FieldText<'_>) -> &'static str {
        self.front.label(f.field)
    }

    fn bound(
        &mut self,
        f: &FieldText<'_>,
        bound: fn(&str, &str) -> Result<String, super::LeadsError>,
    ) -> Option<String> {
        match bound(self.label(f), &f.text) {
            Ok(bound) => Some(bound),
            Err(e) => {
                self.refuse(f.field, f.at, e.to_string());
                None
            }
        }
    }

    fn size(&mut self, f: &FieldText<'_>) -> Option<usize> {
        let text = f.text.trim();
        let message = match text.parse::<usize>() {
            Ok(0) => format!("{} must be at least 1", self.label(f)),
            Ok(n) => return Some(n),
            Err(_) => format!(
                "{}: \"{text}\" is not a whole number of cases",
                self.label(f)
            ),
        };
        self.refuse(f.field, f.at, message);
        None
    }

    /// A number strictly between 0 and 1 (confidence, margin).
    fn open_unit(&mut self, f: &FieldText<'_>, example: &str) -> Option<f64> {
        let value = self.number(f)?;
        if value > 0.0 && value < 1.0 {
            return Some(value);
        }
        let message = format!(
            "{} must be between 0 and 1 (exclusive), e.g. {example}; got {}",
            self.label(f),
            f.text.trim()
        );
        self.refuse(f.field, f.at, message);
        None
    }

    fn proportion(&mut self, f: &FieldText<'_>) -> Option<f64> {
        let value = self.number(f)?;
        if (0.0..=1.0).contains(&value) {
            return Some(value);
        }
        let message = format!(
            "{} must be between 0 and 1 ({WORST_CASE_PROPORTION} when unknown); got {}",
            self.label(f),
            f.text.trim()
        );
        self.refuse(f.field, f.at, message);
        None
    }

    fn number(&mut self, f: &FieldText<'_>) -> Option<f64> {
        let text = f.text.trim();
        match text.parse::<f64>() {
            Ok(value) if value.is_finite() => Some(value),
            _ => {
                let message = format!("{}: \"{text}\" is not a number", self.label(f));
                self.refuse(f.field, f.at, message);
                None
            }
        }
    }

    fn seed(&mut self, f: &FieldText<'_>) -> Option<u64> {
        let text = f.text.trim();
        match text.parse::<u64>() {
            Ok(seed) => Some(seed),
            Err(_) => {
                let message = format!(
                    "{}: \"{text}\" is not a whole number from 0 to {}",
                    self.label(f),
                    u64::MAX
                );
                self.refuse(f.field, f.at, message);
                None
            }
        }
    }

    fn name(&mut self, f: &FieldText<'_>) -> Option<String> {
        let name = f.text.trim();
        if name.chars().any(crate::text::is_unsafe) {
            let message = format!("{} must not contain control characters", self.label(f));
            self.refuse(f.field, f.at, message);
            return None;
        }
        (!name.is_empty()).then(|| name.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cli(fields: &[(SpotField, &'static str)]) -> Result<OpenSpotCheck, Vec<SpotFieldError>> {
        let fields: Vec<FieldText<'_>> = fields
            .iter()
            .map(|&(field, text)| FieldText::given(field, text))
            .collect();
        decide(FrontEnd::Cli, &fields, 5)
    }

    fn messages(result: Result<OpenSpotCheck, Vec<SpotFieldError>>) -> Vec<String> {
        match result {
            Ok(request) => panic!("should be refused, got {request:?}"),
            Err(errors) => errors.into_iter().map(|e| e.message).collect(),
        }
    }

    use SpotField::*;

    #[test]
    fn the_defaults() {
        let request = cli(&[(Reviewers, " kim , lee,kim"), (Since, " 2026-11-01 ")]).unwrap();
        assert_eq!(
            request,
            OpenSpotCheck {
                reviewers: vec!["kim".into(), "lee".into()],
                since: "2026-11-01T00:00:00.000Z".into(),
                until: None,
                size: SampleSize::Estimate {
                    confidence: DEFAULT_CONFIDENCE,
                    margin: DEFAULT_MARGIN,
                    proportion: WORST_CASE_PROPORTION,
                },
                seed: 5,
                name: None,
            }
        );
        assert_eq!((DEFAULT_CONFIDENCE, DEFAULT_MARGIN), (0.95, 0.05));
        let named = cli(&[(Reviewers, "kim"), (Since, "2026-11-01"), (Name, " 11월 ")]);
        assert_eq!(named.unwrap().name.as_deref(), Some("11월"));
    }

    #[test]
    fn command_line_problems_name_the_options() {
        assert_eq!(
            messages(cli(&[(Reviewers, " , "), (Size, "many"), (Seed, "x")])),
            [
                "--of: name the reviewers to check, e.g. --of kim,lee",
                "--since: give the start of the period, e.g. --since YYYY-MM-DD",
                "--size: \"many\" is not a whole number of cases",
                "--seed: \"x\" is not a whole number from 0 to 18446744073709551615",
            ]
        );
        assert_eq!(
            messages(cli(&[
                (Reviewers, "kim"),
                (Since, "2026-11-01"),
                (Size, "10"),
                (Confidence, "0.9"),
                (Proportion, "0.1"),
            ])),
            [
                "--size excludes --confidence and --proportion: give either the size or the \
              precision to compute it from"
            ]
        );
        let form = [
            FieldText::given(Reviewers, "kim"),
            FieldText::given(Since, "2026-11-01"),
            FieldText::given(Size, "10"),
            FieldText::given(Proportion, "0.1"),
            FieldText::given(Margin, "0.1"),
            FieldText::given(Confidence, "0.9"),
        ];
        assert_eq!(
            messages(decide(FrontEnd::Form, &form, 5)),
            [
                "size excludes confidence, margin and proportion: give either the size or the \
              precision to compute it from"
            ]
        );
        assert_eq!(
            messages(cli(&[
                (Reviewers, "kim"),
                (Since, "2026-11-01"),
                (Margin, "NaN"),
                (Confidence, "inf"),
                (Name, "a\u{1b}[31m"),
            ])),
            [
                "--confidence: \"inf\" is not a number",
                "--margin: \"NaN\" is not a number",
                "--name must not contain control characters",
            ]
        );
    }

    #[test]
    fn a_period_must_end_after_it_starts() {
        let at = "2026-11-01T09:00:00+09:00";
        assert_eq!(
            messages(cli(&[(Reviewers, "kim"), (Since, at), (Until, at)])),
            [
                "--since and --until are the same time (2026-11-01T09:00:00+09:00): no time \
                 falls in that period (--until is exclusive for a time; a date includes its whole \
                 day)"
            ]
        );
        let request = cli(&[
            (Reviewers, "kim"),
            (Since, "2026-11-01T09:00:00+09:00"),
            (Until, "2026-11-01T09:00:01+09:00"),
        ])
        .unwrap();
        assert_eq!(
            (request.since.as_str(), request.until.as_deref()),
            ("2026-11-01T00:00:00.000Z", Some("2026-11-01T00:00:01.000Z"))
        );
    }

    #[test]
    fn a_field_given_twice_is_refused_but_reviewers_add_up() {
        assert_eq!(
            messages(cli(&[
                (Reviewers, "kim"),
                (Since, "2026-11-01"),
                (Seed, "1"),
                (Seed, "2"),
            ])),
            ["--seed is given twice"]
        );
        let request = cli(&[
            (Reviewers, "kim"),
            (Reviewers, "lee"),
            (Since, "2026-11-01"),
        ]);
        assert_eq!(request.unwrap().reviewers, ["kim", "lee"]);
    }
}
