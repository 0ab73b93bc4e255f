//! The `--where` filter language, shared by every command and the TUI's filter line.
//!
//! ```text
//! kind=paid,free_monetary reporter!=individual amount>=300,000 substitute=unknown,none
//! updated_by="kim min" received_at<2022-10-25 status!=reviewed
//! ```
//!
//! Clauses are separated by blanks and must all hold. A clause is `FIELD OP VALUE` with no
//! blanks inside; `=` and `!=` take a comma list (any of / none of), `<` `<=` `>` `>=` take one
//! value and apply to `amount_krw` and `received_at` only. `none` stands for "not set"; a
//! double-quoted value (`\"` and `\\` escape) may hold blanks and commas and is never `none`.
//!
//! For `amount_krw` a comma followed by exactly three digits is a thousands separator, so
//! `amount=500,000` is one amount and `amount=30000,50000` two; quote to be explicit. Amounts
//! here are digits only ([`parse_digits`]), not the Korean forms the label prompt reads
//! (`12만 5천원`): those have blanks, which separate clauses, and would make comma lists
//! ambiguous (`amount=5만,6만원`).
//!
//! The derived fields `outcome` (an outcome code), `rule` (a rule id) and `changed` (`yes`,
//! `no`) come from evaluating rule sets, not from the case: [`Filter::matches_with`] takes
//! them as a [`Derived`], and [`Filter::uses_derived`] tells a command whether it must compute
//! them. [`Filter::matches`] has none, so a clause on a derived field does not hold there.
//!
//! [`parse`] gives the syntax with spans (for an editor's completion); [`Filter::parse`] checks
//! meaning and compiles the clauses so that [`Filter::matches`] is a few comparisons;
//! [`Filter::clause_sets`] says which values each clause allows (for reasoning about
//! conditions, as a rule file's checks do).
//! Adding a field: a [`FieldKind`] variant, a row in [`FIELDS`], a [`Clause`] variant with its
//! compile arm here and its test in `eval.rs`.

mod derived;
mod eval;
pub mod parse;
mod sets;

pub use derived::{
    is_outcome_code, is_rule_id, Derived, MAX_NAME_CHARS, OUTCOME_CODE_FORM, RULE_ID_FORM,
};
pub use sets::{all_codes, AmountSet, ClauseSet, ALL_STATUSES};

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use self::derived::DerivedField;
use self::parse::{ClauseSyntax, Op, OpToken, Span, Value};
use super::case::Case;
use super::money::parse_digits;
use super::taxonomy::{Dimension, Status, MAX_CODES};

/// Why an expression was refused. `column` is the 1-based character column where the problem
/// starts (one past the end for "missing ..." at the end).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("column {column}: {message}")]
pub struct FilterError {
    pub column: usize,
    pub message: String,
}

impl FilterError {
    fn at(span: Span, message: impl Into<String>) -> FilterError {
        FilterError {
            column: span.column(),
            message: message.into(),
        }
    }
}

/// A field the filter language knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldKind {
    Label(Dimension),
    Amount,
    Status,
    Id,
    UpdatedBy,
    ReceivedAt,
    Channel,
    /// Derived: the outcome code under the active rule set.
    Outcome,
    /// Derived: the id of the deciding rule.
    Rule,
    /// Derived: whether a second rule set gives another outcome.
    Changed,
}

/// Every field name the language accepts, canonical names first in display order, then
/// aliases. The one place field names are looked up.
pub const FIELDS: &[(&str, FieldKind)] = &[
    ("scope", FieldKind::Label(Dimension::Scope)),
    ("reporter", FieldKind::Label(Dimension::Reporter)),
    ("kind", FieldKind::Label(Dimension::Kind)),
    ("service", FieldKind::Label(Dimension::Service)),
    ("substitute", FieldKind::Label(Dimension::Substitute)),
    ("amount_krw", FieldKind::Amount),
    ("status", FieldKind::Status),
    ("id", FieldKind::Id),
    ("updated_by", FieldKind::UpdatedBy),
    ("received_at", FieldKind::ReceivedAt),
    ("channel", FieldKind::Channel),
    ("outcome", FieldKind::Outcome),
    ("rule", FieldKind::Rule),
    ("changed", FieldKind::Changed),
    ("amount", FieldKind::Amount),
];

impl FieldKind {
    /// Looks a field name up in [`FIELDS`] (case-sensitive, aliases included).
    pub fn lookup(name: &str) -> Option<FieldKind> {
        FIELDS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|&(_, kind)| kind)
    }

    /// The canonical name (the first row of [`FIELDS`] for this field).
    pub fn name(self) -> &'static str {
        FIELDS
            .iter()
            .find(|&&(_, kind)| kind == self)
            .map_or("?", |&(name, _)| name)
    }

    /// Whether `<` `<=` `>` `>=` apply.
    pub fn is_ordered(self) -> bool {
        matches!(self, FieldKind::Amount | FieldKind::ReceivedAt)
    }

    /// Whether the field can be unset, i.e. whether `none` means anything.
    pub fn can_be_none(self) -> bool {
        !matches!(
            self,
            FieldKind::Status
                | FieldKind::Id
                | FieldKind::Outcome
                | FieldKind::Rule
                | FieldKind::Changed
        )
    }

    /// Whether the value comes from evaluating rule sets rather than from the case.
    pub fn is_derived(self) -> bool {
        matches!(
            self,
            FieldKind::Outcome | FieldKind::Rule | FieldKind::Changed
        )
    }

    /// The closed set of values, for completion; `None` for free values.
    pub fn codes(self) -> Option<Vec<&'static str>> {
        match self {
            FieldKind::Label(dim) => Some(dim.codes().iter().map(|c| c.code).collect()),
            FieldKind::Status => Some(Status::ALL.iter().map(|s| s.code()).collect()),
            FieldKind::Changed => Some(vec!["yes", "no"]),
            _ => None,
        }
    }
}

/// The canonical field names, in display order.
pub fn field_names() -> impl Iterator<Item = &'static str> {
    FIELDS
        .iter()
        .filter(|&&(name, kind)| kind.name() == name)
        .map(|&(name, _)| name)
}

/// `<`, `<=`, `>`, `>=`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cmp {
    Lt,
    Le,
    Gt,
    Ge,
}

/// The string fields matched exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TextField {
    Id,
    UpdatedBy,
    Channel,
}

/// `received_at` as compared: its first ten bytes as a number (see [`eval::day_key`]).
type Day = u128;

/// A compiled clause. `negate` turns "any of" (`=`) into "none of" (`!=`); `none` says whether
/// "not set" is in the list.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Clause {
    /// Bit `i` of `set` is code index `i`; [`eval::NONE_BIT`] is "unlabelled".
    Label {
        dim: Dimension,
        set: u32,
        negate: bool,
    },
    /// Bit `i` is `Status::ALL[i]`.
    Status {
        set: u8,
        negate: bool,
    },
    AmountIn {
        values: Box<[i64]>,
        none: bool,
        negate: bool,
    },
    AmountCmp {
        cmp: Cmp,
        value: i64,
    },
    Text {
        field: TextField,
        values: Box<[Box<str>]>,
        none: bool,
        negate: bool,
    },
    DayIn {
        values: Box<[Day]>,
        none: bool,
        negate: bool,
    },
    DayCmp {
        cmp: Cmp,
        day: Day,
    },
    /// `outcome` or `rule`: holds only when the derived value is known.
    Derived {
        field: DerivedField,
        values: Box<[Box<str>]>,
        negate: bool,
    },
    /// `changed`: bit 0 is `no`, bit 1 `yes`; holds only when the comparison is known.
    Changed {
        set: u8,
        negate: bool,
    },
}

impl Clause {
    /// The canonical name of the clause's field.
    fn field_name(&self) -> &'static str {
        let kind = match self {
            Clause::Label { dim, .. } => FieldKind::Label(*dim),
            Clause::Status { .. } => FieldKind::Status,
            Clause::AmountIn { .. } | Clause::AmountCmp { .. } => FieldKind::Amount,
            Clause::Text { field, .. } => match field {
                TextField::Id => FieldKind::Id,
                TextField::UpdatedBy => FieldKind::UpdatedBy,
                TextField::Channel => FieldKind::Channel,
            },
            Clause::DayIn { .. } | Clause::DayCmp { .. } => FieldKind::ReceivedAt,
            Clause::Derived { field, .. } => match field {
                DerivedField::Outcome => FieldKind::Outcome,
                DerivedField::Rule => FieldKind::Rule,
            },
            Clause::Changed { .. } => FieldKind::Changed,
        };
        kind.name()
    }
}

// Label sets are bitmasks over code indices with one spare bit for "none".
const _: () = assert!(MAX_CODES < eval::NONE_BIT as usize);

/// A parsed `--where` expression: every clause must hold.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Filter {
    source: String,
    /// Cheapest first (see [`Clause::cost`]).
    clauses: Vec<Clause>,
    /// For each clause, its position in the expression as written.
    written: Vec<usize>,
}

impl Filter {
    /// Parses and checks `expr`; an empty or blank expression matches every case.
    pub fn parse(expr: &str) -> Result<Filter, FilterError> {
        let mut clauses = parse::clauses(expr)
            .iter()
            .map(|clause| compile(expr, clause))
            .enumerate()
            .map(|(i, clause)| clause.map(|c| (i, c)))
            .collect::<Result<Vec<_>, _>>()?;
        clauses.sort_by_key(|(_, clause)| clause.cost());
        let (written, clauses) = clauses.into_iter().unzip();
        Ok(Filter {
            source: expr.to_string(),
            clauses,
            written,
        })
    }

    /// Whether `case` satisfies every clause, with no derived values: a clause on `outcome`,
    /// `rule` or `changed` does not hold. Allocation-free.
    pub fn matches(&self, case: &Case) -> bool {
        self.matches_with(case, &Derived::NONE)
    }

    /// Whether `case`, with its derived values, satisfies every clause. A clause on a derived
    /// field whose value is `None` does not hold (not even with `!=`).
    pub fn matches_with(&self, case: &Case, derived: &Derived<'_>) -> bool {
        self.clauses
            .iter()
            .all(|clause| clause.matches(case, derived))
    }

    /// Which derived values the filter needs: (`outcome` or `rule`, `changed`). A command
    /// refuses a filter that needs what it cannot compute (`outcome` without `--rules`).
    pub fn uses_derived(&self) -> (bool, bool) {
        let outcome_or_rule = self
            .clauses
            .iter()
            .any(|c| matches!(c, Clause::Derived { .. }));
        let changed = self
            .clauses
            .iter()
            .any(|c| matches!(c, Clause::Changed { .. }));
        (outcome_or_rule, changed)
    }

    /// What each clause allows, in the order the clauses are written. Clauses on fields whose
    /// values are not modelled as sets (text, dates, derived fields) give
    /// [`ClauseSet::Other`].
    pub fn clause_sets(&self) -> Vec<ClauseSet> {
        let mut sets: Vec<(usize, ClauseSet)> = self
            .written
            .iter()
            .zip(&self.clauses)
            .map(|(&i, clause)| (i, clause.set()))
            .collect();
        sets.sort_by_key(|(i, _)| *i);
        sets.into_iter().map(|(_, set)| set).collect()
    }

    /// No clauses: matches everything.
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    /// The expression as given.
    pub fn source(&self) -> &str {
        &self.source
    }
}

impl FromStr for Filter {
    type Err = FilterError;

    fn from_str(expr: &str) -> Result<Filter, FilterError> {
        Filter::parse(expr)
    }
}

impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

/// Checks one clause. The reported problem is the leftmost one, whether it is a syntax
/// problem or a meaning problem (an unknown field is always reported first).
fn compile(src: &str, clause: &ClauseSyntax<'_>) -> Result<Clause, FilterError> {
    let field = &clause.field;
    if field.text.is_empty() {
        return Err(clause
            .error
            .clone()
            .unwrap_or_else(|| FilterError::at(field.span, "missing field name")));
    }
    let kind = FieldKind::lookup(field.text)
        .ok_or_else(|| FilterError::at(field.span, unknown_field(field.text)))?;
    let compiled = match clause.op {
        Some(op) => compile_values(src, kind, op, &clause.values),
        None => Err(FilterError::at(
            field.span,
            format!("\"{}\" needs an operator: {}", field.text, parse::OPERATORS),
        )),
    };
    match (&clause.error, compiled) {
        (None, compiled) => compiled,
        (Some(syntax), Err(meaning)) if meaning.column < syntax.column => Err(meaning),
        (Some(syntax), _) => Err(syntax.clone()),
    }
}

fn compile_values(
    src: &str,
    kind: FieldKind,
    op: OpToken,
    values: &[Value<'_>],
) -> Result<Clause, FilterError> {
    let cmp = match op.op {
        Op::Eq | Op::Ne => None,
        Op::Lt => Some(Cmp::Lt),
        Op::Le => Some(Cmp::Le),
        Op::Gt => Some(Cmp::Gt),
        Op::Ge => Some(Cmp::Ge),
    };
    if cmp.is_some() && !kind.is_ordered() {
        let message = format!(
            "operator {} does not apply to {} (use = or !=)",
            op.op,
            kind.name()
        );
        return Err(FilterError::at(op.span, message));
    }
    let Some(first) = values.first() else {
        return Err(FilterError {
            column: op.span.char_end + 1,
            message: format!("missing value after {}", op.op),
        });
    };
    let negate = op.op == Op::Ne;
    // A free-text field that is always set (id): `none` is more likely meant as text. (For
    // status, the unknown-code message that lists the valid codes says enough.)
    if !kind.can_be_none() && kind.codes().is_none() {
        if let Some(v) = values.iter().find(|v| v.is_none_keyword()) {
            let message = format!(
                "{name} is always set, so none never matches (write {name}=\"none\" for the text none)",
                name = kind.name()
            );
            return Err(FilterError::at(v.span, message));
        }
    }
    if let Some(cmp) = cmp {
        if let Some(v) = values.iter().find(|v| v.is_none_keyword()) {
            let message = format!(
                "operator {} cannot compare with none (use {name}=none or {name}!=none)",
                op.op,
                name = kind.name()
            );
            return Err(FilterError::at(v.span, message));
        }
        return match kind {
            FieldKind::Amount => {
                let value = single_amount(src, op.op, values)?;
                Ok(Clause::AmountCmp { cmp, value })
            }
            _ => {
                if let Some(second) = values.get(1) {
                    return Err(one_value_error(op.op, second));
                }
                Ok(Clause::DayCmp {
                    cmp,
                    day: parse_day(first)?,
                })
            }
        };
    }
    let none = values.iter().any(Value::is_none_keyword);
    let given = || values.iter().filter(|v| !v.is_none_keyword());
    Ok(match kind {
        FieldKind::Label(dim) => {
            let mut set = if none { 1 << eval::NONE_BIT } else { 0 };
            for v in given() {
                let index = dim
                    .parse_code(&v.text)
                    .map_err(|e| FilterError::at(v.span, e.to_string()))?;
                set |= 1u32 << index;
            }
            Clause::Label { dim, set, negate }
        }
        FieldKind::Status => {
            let mut set = 0u8;
            for v in values {
                let status =
                    Status::parse(&v.text).map_err(|e| FilterError::at(v.span, e.to_string()))?;
                set |= 1 << status.index();
            }
            Clause::Status { set, negate }
        }
        FieldKind::Amount => {
            let values = amount_items(src, values)
                .into_iter()
                .filter(|item| !item.none)
                .map(|item| {
                    parse_digits(&item.text)
                        .map_err(|e| FilterError::at(item.span, format!("amount_krw: {e}")))
                })
                .collect::<Result<_, _>>()?;
            Clause::AmountIn {
                values,
                none,
                negate,
            }
        }
        FieldKind::ReceivedAt => Clause::DayIn {
            values: given().map(parse_day).collect::<Result<_, _>>()?,
            none,
            negate,
        },
        FieldKind::Outcome | FieldKind::Rule => {
            let (field, valid, form, what) = match kind {
                FieldKind::Outcome => (
                    DerivedField::Outcome,
                    is_outcome_code as fn(&str) -> bool,
                    OUTCOME_CODE_FORM,
                    "an outcome code",
                ),
                _ => (
                    DerivedField::Rule,
                    is_rule_id as _,
                    RULE_ID_FORM,
                    "a rule id",
                ),
            };
            if let Some(v) = values.iter().find(|v| !valid(&v.text)) {
                let message = format!("{}: \"{}\" is not {what} ({form})", kind.name(), v.text);
                return Err(FilterError::at(v.span, message));
            }
            Clause::Derived {
                field,
                values: values.iter().map(|v| v.text.as_ref().into()).collect(),
                negate,
            }
        }
        FieldKind::Changed => {
            let mut set = 0u8;
            for v in values {
                set |= match v.text.as_ref() {
                    "no" => 1,
                    "yes" => 2,
                    other => {
                        let message = format!("unknown changed \"{other}\" (valid: yes, no)");
                        return Err(FilterError::at(v.span, message));
                    }
                };
            }
            Clause::Changed { set, negate }
        }
        FieldKind::Id | FieldKind::UpdatedBy | FieldKind::Channel => Clause::Text {
            field: match kind {
                FieldKind::Id => TextField::Id,
                FieldKind::UpdatedBy => TextField::UpdatedBy,
                _ => TextField::Channel,
            },
            values: given().map(|v| v.text.as_ref().into()).collect(),
            none,
            negate,
        },
    })
}

fn one_value_error(op: Op, second: &Value<'_>) -> FilterError {
    // The comma before the second value.
    let column = second.span.char_start.max(1);
    FilterError {
        column,
        message: format!("operator {op} takes exactly one value"),
    }
}

/// An amount list item after thousands groups were joined back (`500` `000` → `500,000`).
struct AmountItem<'a> {
    text: Cow<'a, str>,
    span: Span,
    quoted: bool,
    none: bool,
}

fn is_grouped_number(text: &str) -> bool {
    let mut groups = text.split(',');
    let first_ok = groups
        .next()
        .is_some_and(|g| (1..=3).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()));
    first_ok && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

fn amount_items<'a>(src: &'a str, values: &[Value<'a>]) -> Vec<AmountItem<'a>> {
    let mut items: Vec<AmountItem<'a>> = Vec::with_capacity(values.len());
    for v in values {
        let continues = !v.quoted
            && v.text.len() == 3
            && v.text.bytes().all(|b| b.is_ascii_digit())
            && items.last().is_some_and(|last| {
                // Only right after one comma, so `500,,000` stays two items.
                !last.quoted
                    && last.span.char_end + 1 == v.span.char_start
                    && is_grouped_number(&last.text)
            });
        match items.last_mut() {
            Some(last) if continues => {
                last.span.end = v.span.end;
                last.span.char_end = v.span.char_end;
                last.text = src.get(last.span.start..last.span.end).unwrap_or("").into();
            }
            _ => items.push(AmountItem {
                text: v.text.clone(),
                span: v.span,
                quoted: v.quoted,
                none: v.is_none_keyword(),
            }),
        }
    }
    items
}

/// Whether each item follows the previous one after exactly one comma.
fn contiguous(items: &[AmountItem<'_>]) -> bool {
    items
        .windows(2)
        .all(|pair| pair[0].span.char_end + 1 == pair[1].span.char_start)
}

/// The one amount of an ordering clause (`amount>=500,000`).
fn single_amount(src: &str, op: Op, values: &[Value<'_>]) -> Result<i64, FilterError> {
    let items = amount_items(src, values);
    let (text, span) = match items.as_slice() {
        [item] => (item.text.clone(), item.span),
        [first, .., last] if items.iter().all(|i| !i.quoted) && contiguous(&items) => {
            // Not a list: read it as one badly grouped number, for parse_digits' message.
            let span = Span {
                end: last.span.end,
                char_end: last.span.char_end,
                ..first.span
            };
            (src.get(span.start..span.end).unwrap_or("").into(), span)
        }
        [_, second, ..] => {
            let value = Value {
                text: second.text.clone(),
                quoted: second.quoted,
                span: second.span,
            };
            return Err(one_value_error(op, &value));
        }
        [] => return Err(FilterError::at(Span::default(), "missing value")),
    };
    parse_digits(&text).map_err(|e| FilterError::at(span, format!("amount_krw: {e}")))
}

/// A `YYYY-MM-DD` calendar date.
fn parse_day(value: &Value<'_>) -> Result<Day, FilterError> {
    let bad = || {
        let message = format!(
            "received_at: \"{}\" is not a date (use YYYY-MM-DD, e.g. 2022-10-19)",
            value.text
        );
        FilterError::at(value.span, message)
    };
    let day: [u8; 10] = value.text.as_bytes().try_into().map_err(|_| bad())?;
    let shape_ok = day.iter().enumerate().all(|(i, &b)| match i {
        4 | 7 => b == b'-',
        _ => b.is_ascii_digit(),
    });
    if !shape_ok {
        return Err(bad());
    }
    let number = |range: std::ops::Range<usize>| {
        day[range]
            .iter()
            .fold(0u32, |n, &b| n * 10 + u32::from(b - b'0'))
    };
    let year = i32::try_from(number(0..4)).map_err(|_| bad())?;
    chrono::NaiveDate::from_ymd_opt(year, number(5..7), number(8..10)).ok_or_else(bad)?;
    Ok(eval::day_key(&day))
}

/// `unknown field "knd" (did you mean "kind"?)`, or the list of valid fields.
fn unknown_field(name: &str) -> String {
    match suggest_field(name) {
        Some(suggestion) => format!("unknown field \"{name}\" (did you mean \"{suggestion}\"?)"),
        None => {
            let valid: Vec<&str> = field_names().collect();
            format!("unknown field \"{name}\" (valid: {})", valid.join(", "))
        }
    }
}

/// The nearest field name by edit distance (ignoring case), or the one field the name starts.
fn suggest_field(name: &str) -> Option<&'static str> {
    let lower = name.to_lowercase();
    let limit = if lower.chars().count() <= 3 { 1 } else { 2 };
    let nearest = FIELDS
        .iter()
        .map(|&(field, _)| (crate::domain::suggest::edit_distance(&lower, field), field))
        .min_by_key(|&(distance, _)| distance)
        .filter(|&(distance, _)| distance <= limit)
        .map(|(_, field)| field);
    nearest.or_else(|| {
        if lower.chars().count() < 2 {
            return None;
        }
        let mut prefixed = FIELDS
            .iter()
            .filter(|(field, _)| field.starts_with(&lower))
            .map(|&(_, kind)| kind);
        let first = prefixed.next()?;
        prefixed.all(|kind| kind == first).then(|| first.name())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn err(expr: &str) -> String {
        match Filter::parse(expr) {
            Ok(filter) => panic!("{expr:?} should be refused, got {filter:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn the_exact_error_messages() {
        assert_eq!(
            err("kind=pai"),
            "column 6: unknown kind \"pai\" (valid: paid, free_monetary, inquiry, opinion, protest, encouragement)"
        );
        assert_eq!(
            Filter::parse("kind=pai"),
            Err(FilterError {
                column: 6,
                message: "unknown kind \"pai\" (valid: paid, free_monetary, inquiry, opinion, protest, encouragement)".into()
            })
        );
        assert_eq!(
            err("knd=paid"),
            "column 1: unknown field \"knd\" (did you mean \"kind\"?)"
        );
        assert_eq!(
            err("xyz=1"),
            "column 1: unknown field \"xyz\" (valid: scope, reporter, kind, service, substitute, amount_krw, status, id, updated_by, received_at, channel, outcome, rule, changed)"
        );
        assert_eq!(
            err("kind"),
            "column 1: \"kind\" needs an operator: = != < <= > >="
        );
        assert_eq!(
            err("kind<paid"),
            "column 5: operator < does not apply to kind (use = or !=)"
        );
        assert_eq!(
            err("kind=paid status>=new"),
            "column 17: operator >= does not apply to status (use = or !=)"
        );
        assert_eq!(err("kind="), "column 6: missing value after =");
        assert_eq!(
            err("kind!= scope=kakao"),
            "column 7: missing value after !="
        );
        assert_eq!(err("kind=paid,,x"), "column 11: empty value in list");
        assert_eq!(err("kind=paid,"), "column 11: empty value in list");
        assert_eq!(err("kind=,paid"), "column 6: empty value in list");
        assert_eq!(
            err("updated_by=\"kim min"),
            "column 12: unterminated quote (no closing \")"
        );
        assert_eq!(
            err("amount_krw>abc"),
            "column 12: amount_krw: \"abc\" is not a whole number of won (digits, optionally grouped as 50,000)"
        );
        assert_eq!(
            err("amount>50,00"),
            "column 8: amount_krw: \"50,00\" is not a whole number of won (digits, optionally grouped as 50,000)"
        );
        assert_eq!(
            err("amount=-5"),
            "column 8: amount_krw: \"-5\" is negative: amounts are whole won, 0 or more"
        );
        assert_eq!(
            err("received_at>2022-13-01"),
            "column 13: received_at: \"2022-13-01\" is not a date (use YYYY-MM-DD, e.g. 2022-10-19)"
        );
        assert!(err("received_at=2022-02-30")
            .starts_with("column 13: received_at: \"2022-02-30\" is not a date"));
        assert!(err("received_at<2022-1-5").starts_with("column 13: received_at: \"2022-1-5\""));
        assert_eq!(
            err("received_at<2022-10-19,2022-10-20"),
            "column 23: operator < takes exactly one value"
        );
        assert_eq!(
            err("amount<\"5\",\"6\""),
            "column 11: operator < takes exactly one value"
        );
        assert_eq!(err("amount>none"), "column 8: operator > cannot compare with none (use amount_krw=none or amount_krw!=none)");
        assert!(err("status=none")
            .starts_with("column 8: unknown status \"none\" (valid: new, reviewed, escalated)"));
        assert!(err("id=none").starts_with("column 4: id is always set"));
        assert!(err("kind=\"none\"").starts_with("column 6: unknown kind \"none\""));
        assert!(err("=paid").starts_with("column 1: missing field name before ="));
        assert!(err("kind!paid").starts_with("column 5: \"!\" is not an operator"));
        assert!(err("kind==paid").starts_with("column 6: unexpected \"=\" after operator ="));
        assert!(err("id=\"a\"b").starts_with("column 7: unexpected \"b\" after closing quote"));
        assert!(err("id=a\"b\"").starts_with("column 5: unexpected \" inside a value"));
    }

    #[test]
    fn derived_fields_check_their_values() {
        assert_eq!(
            err("outcome=Support"),
            "column 9: outcome: \"Support\" is not an outcome code (lowercase letters, digits and _, starting with a letter)"
        );
        assert_eq!(
            err("rule=a,B.c"),
            "column 8: rule: \"B.c\" is not a rule id (lowercase letters, digits, - and _, starting with a letter or digit)"
        );
        assert_eq!(
            err("changed=maybe"),
            "column 9: unknown changed \"maybe\" (valid: yes, no)"
        );
        assert!(err("outcome=none").starts_with("column 9: outcome is always set"));
        assert!(err("changed=none").starts_with("column 9: unknown changed \"none\""));
        assert_eq!(
            err("outcome>x"),
            "column 8: operator > does not apply to outcome (use = or !=)"
        );
        assert!(Filter::parse("outcome=support_cash,reply_only rule!=default changed=yes").is_ok());
        assert!(FieldKind::Outcome.is_derived() && !FieldKind::Amount.is_derived());
    }

    #[test]
    fn clause_sets_come_in_written_order() {
        let filter = Filter::parse("id=x kind=paid amount>5 status=new").unwrap();
        let fields: Vec<&str> = filter.clause_sets().iter().map(|s| s.field()).collect();
        assert_eq!(fields, ["id", "kind", "amount_krw", "status"]);
    }

    #[test]
    fn the_leftmost_problem_is_reported() {
        assert!(err("kind=pai,,").starts_with("column 6: unknown kind"));
        assert!(err("kind=paid,, scope=x").starts_with("column 11: empty value"));
        assert!(err("amount=500,,000").starts_with("column 12: empty value"));
        assert!(err("amount>=500,,000").starts_with("column 13: empty value"));
        assert!(err("kind<\"paid").starts_with("column 5: operator <"));
        assert!(err("kind=paid scope=x kind=y").starts_with("column 17: unknown scope \"x\""));
        assert!(err("knd").starts_with("column 1: unknown field \"knd\""));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        assert!(err("updated_by=\"김민\" kind=pai").starts_with("column 22: unknown kind \"pai\""));
        assert!(err("channel=카카오톡,,web").starts_with("column 14: empty value in list"));
        assert!(
            err("channel=카카오 amount>오만원").starts_with("column 20: amount_krw: \"오만원\"")
        );
    }

    #[test]
    fn unknown_fields_get_a_nearby_suggestion() {
        let suggestion = |name: &str| suggest_field(name);
        assert_eq!(suggestion("knd"), Some("kind"));
        assert_eq!(suggestion("KIND"), Some("kind"));
        assert_eq!(suggestion("stauts"), Some("status"));
        assert_eq!(suggestion("recieved_at"), Some("received_at"));
        assert_eq!(suggestion("updatedby"), Some("updated_by"));
        assert_eq!(suggestion("amout"), Some("amount"));
        assert_eq!(suggestion("upd"), Some("updated_by"));
        assert_eq!(suggestion("amount_k"), Some("amount_krw"));
        assert_eq!(suggestion("x"), None);
        assert_eq!(suggestion("s"), None);
        assert_eq!(suggestion("zzzzzz"), None);
    }

    #[test]
    fn the_field_table_is_consistent() {
        let names: Vec<&str> = field_names().collect();
        assert_eq!(
            names,
            [
                "scope",
                "reporter",
                "kind",
                "service",
                "substitute",
                "amount_krw",
                "status",
                "id",
                "updated_by",
                "received_at",
                "channel",
                "outcome",
                "rule",
                "changed"
            ]
        );
        for &(name, kind) in FIELDS {
            assert_eq!(FieldKind::lookup(name), Some(kind));
        }
        for dim in Dimension::ALL {
            assert_eq!(FieldKind::lookup(dim.name()), Some(FieldKind::Label(dim)));
        }
        assert_eq!(FieldKind::lookup("amount"), Some(FieldKind::Amount));
        assert_eq!(FieldKind::Amount.name(), "amount_krw");
    }

    // ---- properties ----

    #[rustfmt::skip]
    const TOKENS: &[&str] = &[
        "kind", "scope", "service", "substitute", "reporter", "amount", "amount_krw", "status",
        "id", "updated_by", "received_at", "channel", "knd", "", "=", "!=", "<", "<=", ">", ">=",
        "!", "==", "paid", "kakao", "other", "unknown", "none", "new", "escalated", ",", ",,",
        "\"", "\"kim min\"", "\"a\\\"b\"", "\\", "500,000", "12", "000", "-3", "abc",
        "2022-10-19", "2022-13-40", "김민", "카카오", " ", "\t", "  ", "\u{a0}", "é", "\u{0}",
    ];

    fn grammar_expr() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(TOKENS), 0..12).prop_map(|t| t.concat())
    }

    #[rustfmt::skip]
    const VALUES: &[&str] = &[
        "paid", "kakao", "unknown", "none", "new", "reviewed", "C-1", "\"kim min\"", "500,000",
        "0", "30000", "2022-10-19", "2022-11-06", "web",
    ];

    fn list_value() -> impl Strategy<Value = String> {
        let value = proptest::sample::select(VALUES);
        proptest::collection::vec(value, 1..4).prop_map(|v| v.join(","))
    }

    fn clause_expr() -> impl Strategy<Value = String> {
        let field = proptest::sample::select(FIELDS).prop_map(|(name, _)| name);
        let op = proptest::sample::select(&parse::Op::ALL[..]).prop_map(parse::Op::symbol);
        let clause = (field, op, list_value()).prop_map(|(f, o, v)| format!("{f}{o}{v}"));
        proptest::collection::vec(clause, 0..4).prop_map(|c| c.join(" "))
    }

    fn any_case() -> impl Strategy<Value = Case> {
        let label = proptest::option::of(prop_oneof![0u8..13, any::<u8>()]);
        let text = || {
            prop_oneof![
                Just("kim min".to_string()),
                Just("C-1".to_string()),
                any::<String>()
            ]
        };
        let day = prop_oneof![
            "2022-1[01]-[0-3][0-9]",
            "2022-10-[12][0-9]T[0-9:+]{0,14}",
            any::<String>()
        ];
        (
            proptest::array::uniform5(label),
            proptest::option::of(prop_oneof![0i64..1_000_000, any::<i64>()]),
            proptest::sample::select(&Status::ALL[..]),
            text(),
            proptest::option::of(text()),
            proptest::option::of(text()),
            proptest::option::of(day),
        )
            .prop_map(
                |(labels, amount_krw, status, id, updated_by, channel, received_at)| Case {
                    labels,
                    amount_krw,
                    status,
                    id,
                    updated_by,
                    channel,
                    received_at,
                    ..Case::new("", "")
                },
            )
    }

    fn check_error_column(expr: &str, result: &Result<Filter, FilterError>) {
        if let Err(e) = result {
            let len = expr.chars().count();
            assert!(
                (1..=len + 1).contains(&e.column),
                "{expr:?}: column {} outside 1..={}",
                e.column,
                len + 1
            );
            assert!(!e.message.is_empty());
        }
    }

    proptest! {
        #[test]
        fn parse_never_panics_on_any_string(expr in any::<String>()) {
            let result = Filter::parse(&expr);
            check_error_column(&expr, &result);
        }

        #[test]
        fn parse_never_panics_on_printable_unicode(expr in "\\PC{0,40}") {
            let result = Filter::parse(&expr);
            check_error_column(&expr, &result);
        }

        #[test]
        fn parse_never_panics_on_grammar_tokens(expr in grammar_expr(), c in any_case()) {
            let result = Filter::parse(&expr);
            check_error_column(&expr, &result);
            if let Ok(filter) = result {
                let _ = filter.matches(&c);
                prop_assert_eq!(filter.source(), expr.as_str());
            }
        }

        #[test]
        fn parsed_filters_match_any_case_without_panicking(
            expr in clause_expr(),
            cases in proptest::collection::vec(any_case(), 1..8),
        ) {
            let result = Filter::parse(&expr);
            check_error_column(&expr, &result);
            if let Ok(filter) = result {
                for c in &cases {
                    let _ = filter.matches(c);
                }
            }
        }

        #[test]
        fn not_equal_is_the_complement_of_equal(
            (field, values) in (proptest::sample::select(FIELDS), list_value()),
            c in any_case(),
        ) {
            let eq = Filter::parse(&format!("{}={values}", field.0));
            let ne = Filter::parse(&format!("{}!={values}", field.0));
            prop_assert_eq!(eq.is_ok(), ne.is_ok());
            if let (Ok(eq), Ok(ne)) = (eq, ne) {
                // Derived fields need their values; with them, != is the complement too.
                let derived = Derived { outcome: Some("paid"), rule: Some("new"), changed: Some(true) };
                prop_assert_ne!(eq.matches_with(&c, &derived), ne.matches_with(&c, &derived));
            }
        }

        #[test]
        fn an_empty_filter_matches_any_case(blank in "[ \t]{0,5}", c in any_case()) {
            prop_assert!(Filter::parse(&blank).map(|f| f.matches(&c)).unwrap_or(false));
        }
    }
}
