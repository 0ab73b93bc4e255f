//! The `--where` filter language, shared by every command and the TUI's filter line.
//!
//! ```text
//! kind=paid,free_monetary reporter!=individual amount>=300,000 substitute=unknown,none
//! updated_by="kim min" received_at<2022-10-25 status!=reviewed
//! ```
//!
//! Clauses are separated by blanks and must all hold. A clause is `FIELD OP VALUE` with no
//! blanks inside; `=` and `!=` take a comma list (any of / none of), `<` `<=` `>` `>=` take one
//! value and apply to amounts, `received_at` and confidences only. `none` stands for "not set"; a
//! double-quoted value (`\"` and `\\` escape) may hold blanks and commas and is never `none`.
//!
//! For `amount_krw` a comma followed by exactly three digits is a thousands separator, so
//! `amount=500,000` is one amount and `amount=30000,50000` two; quote to be explicit. Amounts
//! here are digits only ([`parse_digits`](crate::domain::parse_digits)), not the Korean forms
//! the label prompt reads (`12만 5천원`): those have blanks, which separate clauses, and would
//! make comma lists ambiguous (`amount=5만,6만원`).
//!
//! The derived fields `outcome` (an outcome code), `rule` (a rule id) and `changed` (`yes`,
//! `no`) come from evaluating rule sets, not from the case: [`Filter::matches_with`] takes
//! them as a [`Derived`], and [`Filter::uses_derived`] tells a command whether it must compute
//! them. [`Filter::matches`] has none, so a clause on a derived field does not hold there.
//!
//! The suggestion fields come from the case's suggestions (in [`Derived::suggestion`]; a
//! command loads them when [`Filter::uses_suggestions`]): `suggested_scope` …
//! `suggested_substitute` take the label codes, `suggested_amount_krw` (or `suggested_amount`)
//! amounts, as the case's own fields do, with `none` for "nothing suggested";
//! `scope_confidence` … `substitute_confidence` and `amount_confidence` (or
//! `amount_krw_confidence`) a number from 0 to 1 with `<` `<=` `>` `>=`, or `none` with `=`
//! `!=`; `agrees` is `yes` (every suggested value equals the case's, see
//! [`CaseSuggestion::agrees_with`](crate::domain::CaseSuggestion::agrees_with)), `no`, or
//! `none` (nothing suggested). A case the model made no suggestion for is
//! [`NOTHING_SUGGESTED`]: every suggestion field is `none` there. Without the suggestions
//! (`Derived::suggestion` is `None`) no clause on a suggestion field holds.
//!
//! [`parse`] gives the syntax with spans (for an editor's completion); [`Filter::parse`] checks
//! meaning and compiles the clauses so that [`Filter::matches`] is a few comparisons;
//! [`Filter::clause_sets`] says which values each clause allows (for reasoning about
//! conditions, as a rule file's checks do).
//!
//! The stages, one file each: `parse.rs` (syntax with spans), `fields.rs` (the field table),
//! `compile.rs` (meaning: syntax to [`Clause`]s, with `amount_list.rs` for thousands groups),
//! `clause.rs` (the compiled form), `eval.rs` (matching a case), `sets.rs` (what a clause
//! allows), `derived.rs` (the values rule sets and suggestions supply), `error.rs`
//! ([`FilterError`]).
//! Adding a field: a [`FieldKind`] variant and a row in [`FIELDS`] (`fields.rs`), a [`Clause`]
//! variant (`clause.rs`) with its compile arm (`compile.rs`) and its test in `eval.rs`.

mod amount_list;
mod clause;
mod compile;
mod derived;
mod error;
mod eval;
mod fields;
pub mod parse;
mod sets;

pub use derived::{
    is_outcome_code, is_rule_id, Derived, MAX_NAME_CHARS, NOTHING_SUGGESTED, OUTCOME_CODE_FORM,
    RULE_ID_FORM,
};
pub use error::FilterError;
pub use fields::{field_names, FieldKind, FIELDS};
pub use sets::{all_codes, AmountSet, ClauseSet, ALL_STATUSES};

use std::fmt;
use std::str::FromStr;

use self::clause::Clause;
use self::compile::compile;
use super::case::Case;

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
    /// `rule`, `changed` or a suggestion field does not hold. Allocation-free.
    pub fn matches(&self, case: &Case) -> bool {
        self.matches_with(case, &Derived::NONE)
    }

    /// Whether `case`, with its derived values, satisfies every clause. A clause on a derived
    /// field whose value is `None` (or on a suggestion field when the suggestions are not
    /// known) does not hold, not even with `!=`.
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

    /// Whether the filter reads the cases' suggestions (`suggested_FIELD`, `FIELD_confidence`,
    /// `agrees`): a command loads them only then.
    pub fn uses_suggestions(&self) -> bool {
        self.clauses.iter().any(Clause::uses_suggestions)
    }

    /// What each clause allows, in the order the clauses are written. Clauses on fields whose
    /// values are not modelled as sets (text, dates, derived and suggestion fields) give
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::taxonomy::Status;
    use crate::domain::{CaseSuggestion, Suggested, SuggestedAmount};
    use proptest::prelude::*;

    #[test]
    fn clause_sets_come_in_written_order() {
        let filter = Filter::parse("id=x kind=paid amount>5 status=new").unwrap();
        let fields: Vec<&str> = filter.clause_sets().iter().map(|s| s.field()).collect();
        assert_eq!(fields, ["id", "kind", "amount_krw", "status"]);
    }

    /// No field reads a case's text or note, so commands that count and filter read the cases
    /// without them (`Store::for_each_case_without_text`): every field of the table, with every
    /// operator and value, matches a case whose fields are all set as it matches the case
    /// without its text. A field that read the text, or a `without_text` that dropped more,
    /// would fail here.
    #[test]
    fn no_field_reads_the_text_or_the_note() {
        let case = Case {
            labels: [Some(0); 5],
            amount_krw: Some(30000),
            status: Status::Reviewed,
            updated_by: Some("kim min".into()),
            channel: Some("web".into()),
            received_at: Some("2022-10-19".into()),
            note: Some("kim min web 30000 paid".into()),
            ..Case::new("C-1", "C-1 kim min web 30000 paid 2022-10-19")
        };
        let without = case.clone().without_text();
        let suggestion = CaseSuggestion {
            model: 1,
            labels: [Some(Suggested {
                code: 0,
                confidence: 0.5,
            }); 5],
            amount: None,
        };
        let derived = Derived {
            outcome: Some("paid"),
            rule: Some("new"),
            changed: Some(true),
            suggestion: Some(&suggestion),
        };
        let mut held = 0;
        for &(field, _) in FIELDS {
            for op in parse::Op::ALL {
                for value in VALUES {
                    let expr = format!("{field}{}{value}", op.symbol());
                    if let Ok(filter) = Filter::parse(&expr) {
                        let whole = filter.matches_with(&case, &derived);
                        assert_eq!(whole, filter.matches_with(&without, &derived), "{expr}");
                        held += usize::from(whole);
                    }
                }
            }
        }
        assert!(held > 100, "the case meets many clauses: {held}");
    }

    // ---- properties ----

    #[rustfmt::skip]
    const TOKENS: &[&str] = &[
        "kind", "scope", "service", "substitute", "reporter", "amount", "amount_krw", "status",
        "id", "updated_by", "received_at", "channel", "knd", "", "=", "!=", "<", "<=", ">", ">=",
        "!", "==", "paid", "kakao", "other", "unknown", "none", "new", "escalated", ",", ",,",
        "\"", "\"kim min\"", "\"a\\\"b\"", "\\", "500,000", "12", "000", "-3", "abc",
        "2022-10-19", "2022-13-40", "김민", "카카오", " ", "\t", "  ", "\u{a0}", "é", "\u{0}",
        "suggested_kind", "suggested_amount", "kind_confidence", "amount_confidence", "agrees",
        "suggested_", "_confidence", "yes", "no", "0.5", ".93", "1.5", "1.", ".", "1e-1", "NaN",
    ];

    fn grammar_expr() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(TOKENS), 0..12).prop_map(|t| t.concat())
    }

    #[rustfmt::skip]
    const VALUES: &[&str] = &[
        "paid", "kakao", "unknown", "none", "new", "reviewed", "C-1", "\"kim min\"", "500,000",
        "0", "30000", "2022-10-19", "2022-11-06", "web", "yes", "no", "0.5", "1", ".93",
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

    fn any_suggestion() -> impl Strategy<Value = CaseSuggestion> {
        let confidence = prop_oneof![Just(0.0f32), Just(0.5), Just(0.93), Just(1.0), 0.0f32..=1.0];
        let label = proptest::option::of((prop_oneof![0u8..13, any::<u8>()], confidence.clone()))
            .prop_map(|l| l.map(|(code, confidence)| Suggested { code, confidence }));
        let amount = proptest::option::of((prop_oneof![0i64..1_000_000, any::<i64>()], confidence))
            .prop_map(|a| {
                a.map(|(won, confidence)| SuggestedAmount {
                    won,
                    confidence,
                    start: 0,
                    end: 0,
                    why: String::new(),
                })
            });
        (proptest::array::uniform5(label), amount).prop_map(|(labels, amount)| CaseSuggestion {
            model: 1,
            labels,
            amount,
        })
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
        fn parse_never_panics_on_grammar_tokens(
            expr in grammar_expr(),
            c in any_case(),
            s in any_suggestion(),
        ) {
            let result = Filter::parse(&expr);
            check_error_column(&expr, &result);
            if let Ok(filter) = result {
                let _ = filter.matches(&c);
                let _ = filter.matches_with(&c, &Derived::NONE.with_suggestion(Some(&s)));
                prop_assert_eq!(filter.source(), expr.as_str());
            }
        }

        #[test]
        fn parsed_filters_match_any_case_without_panicking(
            expr in clause_expr(),
            cases in proptest::collection::vec((any_case(), any_suggestion()), 1..8),
        ) {
            let result = Filter::parse(&expr);
            check_error_column(&expr, &result);
            if let Ok(filter) = result {
                for (c, s) in &cases {
                    let _ = filter.matches(c);
                    let _ = filter.matches_with(c, &Derived::NONE.with_suggestion(Some(s)));
                }
            }
        }

        #[test]
        fn not_equal_is_the_complement_of_equal(
            (field, values) in (proptest::sample::select(FIELDS), list_value()),
            c in any_case(),
            s in any_suggestion(),
        ) {
            let eq = Filter::parse(&format!("{}={values}", field.0));
            let ne = Filter::parse(&format!("{}!={values}", field.0));
            prop_assert_eq!(eq.is_ok(), ne.is_ok());
            if let (Ok(eq), Ok(ne)) = (eq, ne) {
                // Derived fields need their values; with them, != is the complement too.
                let derived = Derived {
                    outcome: Some("paid"),
                    rule: Some("new"),
                    changed: Some(true),
                    suggestion: Some(&s),
                };
                prop_assert_ne!(eq.matches_with(&c, &derived), ne.matches_with(&c, &derived));
                // A case the model suggested nothing for: every suggestion field is none.
                let nothing = derived.with_suggestion(Some(&NOTHING_SUGGESTED));
                prop_assert_ne!(eq.matches_with(&c, &nothing), ne.matches_with(&c, &nothing));
            }
        }

        #[test]
        fn an_empty_filter_matches_any_case(blank in "[ \t]{0,5}", c in any_case()) {
            prop_assert!(Filter::parse(&blank).map(|f| f.matches(&c)).unwrap_or(false));
        }
    }
}
