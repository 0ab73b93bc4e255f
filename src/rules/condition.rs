//! A rule's conditions: the clauses of its `when` string, in the `--where` language, each one
//! condition, restricted to the fields rules may use.

use crate::domain::filter::{parse as syntax, ClauseSet, FieldKind, Filter};
use crate::domain::nearest::nearest;
use crate::domain::{format_amount, Case, Dimension};

/// The fields a rule's conditions may use (`amount` is accepted for `amount_krw`).
pub const RULE_FIELDS: [&str; 7] = [
    "scope",
    "reporter",
    "kind",
    "service",
    "substitute",
    "amount_krw",
    "status",
];

/// One condition of a rule: a clause of the filter language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Condition {
    /// The clause as written (`amount_krw>300,000`).
    pub text: String,
    /// The canonical name of its field (`amount_krw` for `amount`).
    pub field: &'static str,
    filter: Filter,
    set: ClauseSet,
}

impl Condition {
    /// Whether the condition holds for `case`.
    pub fn holds(&self, case: &Case) -> bool {
        self.filter.matches(case)
    }

    /// The values the condition allows.
    pub fn set(&self) -> &ClauseSet {
        &self.set
    }

    /// The case's value of this condition's field, as shown beside it: a code, an amount
    /// with separators, or `none`.
    pub fn actual(&self, case: &Case) -> String {
        match &self.set {
            ClauseSet::Label { dim, .. } => label_text(case, *dim),
            ClauseSet::Amount(_) => case
                .amount_krw
                .map_or_else(|| "none".to_string(), format_amount),
            ClauseSet::Status { .. } => case.status.code().to_string(),
            ClauseSet::Other { .. } => String::new(),
        }
    }
}

fn label_text(case: &Case, dim: Dimension) -> String {
    case.label_code(dim).unwrap_or("none").to_string()
}

/// A problem in a `when` string: the 0-based character offset in it where the problem
/// starts, and the message (`column N: ...`, N counting from the start of the string).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct WhenError {
    pub offset: usize,
    pub message: String,
}

/// Reads a `when` string into conditions, or every problem in it (one per bad clause).
pub(crate) fn parse_when(when: &str) -> Result<Vec<Condition>, Vec<WhenError>> {
    let mut conditions = Vec::new();
    let mut errors = Vec::new();
    for clause in syntax::clauses(when) {
        let start = clause.span.char_start;
        let fail = |offset: usize, message: String| WhenError {
            offset,
            message: format!("column {}: {message}", offset + 1),
        };
        if let Some(message) = refuse_field(clause.field.text) {
            errors.push(fail(clause.field.span.char_start, message));
            continue;
        }
        let text = when.get(clause.span.start..clause.span.end).unwrap_or("");
        match Filter::parse(text) {
            Ok(filter) => {
                // One clause in, one set out.
                let Some(set) = filter.clause_sets().into_iter().next() else {
                    continue;
                };
                conditions.push(Condition {
                    text: text.to_string(),
                    field: set.field(),
                    filter,
                    set,
                });
            }
            Err(e) => errors.push(fail(start + e.column - 1, e.message)),
        }
    }
    if errors.is_empty() {
        Ok(conditions)
    } else {
        Err(errors)
    }
}

/// Why a field cannot start a rule's condition, if it cannot.
fn refuse_field(name: &str) -> Option<String> {
    if name.is_empty() {
        return None; // the filter's own message says what is missing
    }
    let valid = RULE_FIELDS.join(", ");
    match FieldKind::lookup(name) {
        Some(kind) if RULE_FIELDS.contains(&kind.name()) => None,
        Some(kind) if kind.is_derived() => Some(format!(
            "{name} cannot be used in a rule: it is what rules decide (rules use {valid})"
        )),
        Some(kind) if kind.is_suggestion() => Some(format!(
            "{name} cannot be used in a rule: rules decide from the labels, not from what a \
             model suggests (rules use {valid})"
        )),
        Some(_) => Some(format!(
            "{name} cannot be used in a rule (rules use {valid})"
        )),
        None => Some(
            match nearest(
                &name.to_lowercase(),
                RULE_FIELDS.into_iter().chain(["amount"]),
            ) {
                Some(near) => format!("unknown field \"{name}\" (did you mean \"{near}\"?)"),
                None => format!("unknown field \"{name}\" (valid: {valid})"),
            },
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(when: &str) -> Vec<String> {
        match parse_when(when) {
            Ok(c) => panic!("{when:?} should be refused, got {c:?}"),
            Err(e) => e.into_iter().map(|e| e.message).collect(),
        }
    }

    #[test]
    fn each_clause_is_a_condition() {
        let c = parse_when("  kind=free_monetary reporter=small_business amount>300,000 ").unwrap();
        let texts: Vec<&str> = c.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "kind=free_monetary",
                "reporter=small_business",
                "amount>300,000"
            ]
        );
        let fields: Vec<&str> = c.iter().map(|c| c.field).collect();
        assert_eq!(fields, ["kind", "reporter", "amount_krw"]);
        assert!(parse_when("").unwrap().is_empty());
        let c = parse_when("status!=escalated substitute=unknown,none").unwrap();
        let mut case = Case::new("x", "t");
        assert!(c[0].holds(&case) && c[1].holds(&case));
        assert_eq!(c[1].actual(&case), "none");
        case.amount_krw = Some(1_234_567);
        let amount = parse_when("amount_krw>=5").unwrap();
        assert_eq!(amount[0].actual(&case), "1,234,567");
        assert_eq!(c[0].actual(&case), "new");
    }

    #[test]
    fn columns_count_from_the_start_of_the_string() {
        assert_eq!(
            errors("kind=free_monetary reporter=small_busines"),
            ["column 29: unknown reporter \"small_busines\" (valid: individual, small_business, enterprise)"]
        );
        assert_eq!(
            parse_when("scope=kakao kind=pai").unwrap_err()[0].offset,
            17
        );
        assert_eq!(
            errors("kind=pai scope=x"),
            [
                "column 6: unknown kind \"pai\" (valid: paid, free_monetary, inquiry, opinion, protest, encouragement)",
                "column 16: unknown scope \"x\" (valid: kakao, affiliate)"
            ]
        );
        assert_eq!(
            errors("kind<paid"),
            ["column 5: operator < does not apply to kind (use = or !=)"]
        );
        assert_eq!(
            errors("scope=kakao kind"),
            ["column 13: \"kind\" needs an operator: = != < <= > >="]
        );
    }

    #[test]
    fn only_the_rule_fields() {
        assert_eq!(
            errors("id=R-1"),
            ["column 1: id cannot be used in a rule (rules use scope, reporter, kind, service, substitute, amount_krw, status)"]
        );
        assert_eq!(
            errors("kind=paid outcome=x"),
            ["column 11: outcome cannot be used in a rule: it is what rules decide (rules use scope, reporter, kind, service, substitute, amount_krw, status)"]
        );
        assert!(errors("changed=yes")[0]
            .starts_with("column 1: changed cannot be used in a rule: it is"));
        assert_eq!(
            errors("kind=paid suggested_kind=paid"),
            ["column 11: suggested_kind cannot be used in a rule: rules decide from the labels, not from what a model suggests (rules use scope, reporter, kind, service, substitute, amount_krw, status)"]
        );
        for field in [
            "kind_confidence>0.5",
            "agrees=no",
            "suggested_amount>5",
            "amount_confidence=none",
        ] {
            assert!(
                errors(field)[0].contains("cannot be used in a rule: rules decide from the labels"),
                "{field}"
            );
        }
        assert_eq!(
            errors("knd=paid"),
            ["column 1: unknown field \"knd\" (did you mean \"kind\"?)"]
        );
        assert_eq!(
            errors("colour=red"),
            ["column 1: unknown field \"colour\" (valid: scope, reporter, kind, service, substitute, amount_krw, status)"]
        );
        assert!(parse_when("amount=none amount_krw!=5").is_ok());
    }
}
