//! From syntax to meaning: checks each clause's field, operator and values and compiles it
//! into a [`Clause`]. Every refusal of [`super::Filter::parse`] past the syntax is written here.

use super::amount_list::{amount_items, single_amount};
use super::clause::{Clause, Cmp, Day, TextField};
use super::derived::{
    is_outcome_code, is_rule_id, DerivedField, Suggestable, OUTCOME_CODE_FORM, RULE_ID_FORM,
};
use super::error::FilterError;
use super::eval;
use super::fields::{unknown_field, FieldKind};
use super::parse::{self, ClauseSyntax, Op, OpToken, Value};
use crate::domain::money::parse_digits;
use crate::domain::taxonomy::{Dimension, Status};

/// Checks one clause. The reported problem is the leftmost one, whether it is a syntax
/// problem or a meaning problem (an unknown field is always reported first).
pub(super) fn compile(src: &str, clause: &ClauseSyntax<'_>) -> Result<Clause, FilterError> {
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
            FieldKind::Amount | FieldKind::SuggestedAmount => {
                let value = single_amount(src, kind.name(), op.op, values)?;
                Ok(match kind {
                    FieldKind::Amount => Clause::AmountCmp { cmp, value },
                    _ => Clause::SuggestedAmountCmp { cmp, value },
                })
            }
            _ => {
                if let Some(second) = values.get(1) {
                    return Err(one_value_error(op.op, second));
                }
                Ok(match suggestable(kind) {
                    Some(of) => Clause::ConfidenceCmp {
                        of,
                        cmp,
                        value: parse_confidence(kind, first)?,
                    },
                    None => Clause::DayCmp {
                        cmp,
                        day: parse_day(first)?,
                    },
                })
            }
        };
    }
    let none = values.iter().any(Value::is_none_keyword);
    let given = || values.iter().filter(|v| !v.is_none_keyword());
    Ok(match kind {
        FieldKind::Label(dim) => Clause::Label {
            dim,
            set: label_set(dim, values)?,
            negate,
        },
        FieldKind::Suggested(dim) => Clause::SuggestedLabel {
            dim,
            set: label_set(dim, values)?,
            negate,
        },
        FieldKind::Status => {
            let mut set = 0u8;
            for v in values {
                let status =
                    Status::parse(&v.text).map_err(|e| FilterError::at(v.span, e.to_string()))?;
                set |= 1 << status.index();
            }
            Clause::Status { set, negate }
        }
        FieldKind::Amount | FieldKind::SuggestedAmount => {
            let values = amount_items(src, values)
                .into_iter()
                .filter(|item| !item.none)
                .map(|item| {
                    parse_digits(&item.text)
                        .map_err(|e| FilterError::at(item.span, format!("{}: {e}", kind.name())))
                })
                .collect::<Result<_, _>>()?;
            match kind {
                FieldKind::Amount => Clause::AmountIn {
                    values,
                    none,
                    negate,
                },
                _ => Clause::SuggestedAmountIn {
                    values,
                    none,
                    negate,
                },
            }
        }
        FieldKind::LabelConfidence(dim) => {
            confidence_none(kind, Suggestable::Label(dim), op.op, values)?
        }
        FieldKind::AmountConfidence => confidence_none(kind, Suggestable::Amount, op.op, values)?,
        FieldKind::Agrees => {
            let mut set = 0u8;
            for v in values {
                set |= match (v.text.as_ref(), v.is_none_keyword()) {
                    (_, true) => 4,
                    ("no", _) => 1,
                    ("yes", _) => 2,
                    (other, _) => {
                        let message = format!("unknown agrees \"{other}\" (valid: yes, no, none)");
                        return Err(FilterError::at(v.span, message));
                    }
                };
            }
            Clause::Agrees { set, negate }
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

/// The codes of a label list as a set (see [`Clause::Label`]).
fn label_set(dim: Dimension, values: &[Value<'_>]) -> Result<u32, FilterError> {
    let mut set = 0;
    for v in values {
        set |= if v.is_none_keyword() {
            1 << eval::NONE_BIT
        } else {
            let index = dim
                .parse_code(&v.text)
                .map_err(|e| FilterError::at(v.span, e.to_string()))?;
            1u32 << index
        };
    }
    Ok(set)
}

/// What a confidence field is the confidence of.
fn suggestable(kind: FieldKind) -> Option<Suggestable> {
    match kind {
        FieldKind::LabelConfidence(dim) => Some(Suggestable::Label(dim)),
        FieldKind::AmountConfidence => Some(Suggestable::Amount),
        _ => None,
    }
}

/// `FIELD_confidence=none` or `!=none`: with `=` and `!=` a confidence compares only with
/// `none` (a number would be compared to the last bit, which nobody means).
fn confidence_none(
    kind: FieldKind,
    of: Suggestable,
    op: Op,
    values: &[Value<'_>],
) -> Result<Clause, FilterError> {
    if let Some(v) = values.iter().find(|v| !v.is_none_keyword()) {
        let message = format!(
            "operator {op} compares a confidence only with none (nothing suggested); use < <= > \
             >= with a number from 0 to 1, e.g. {}>=0.9",
            kind.name()
        );
        return Err(FilterError::at(v.span, message));
    }
    Ok(Clause::ConfidenceNone {
        of,
        negate: op == Op::Ne,
    })
}

/// A confidence: a decimal number from 0 to 1 (`0.9`, `.9`, `1`), never NaN.
fn parse_confidence(kind: FieldKind, value: &Value<'_>) -> Result<f32, FilterError> {
    let text = value.text.as_ref();
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let shape_ok = match text.split_once('.') {
        None => !text.is_empty() && digits(text),
        Some((whole, fraction)) => !fraction.is_empty() && digits(whole) && digits(fraction),
    };
    match text.parse::<f32>() {
        Ok(number) if shape_ok && (0.0..=1.0).contains(&number) => Ok(number),
        _ => {
            let message = format!(
                "{}: \"{text}\" is not a confidence (a number from 0 to 1, e.g. 0.9)",
                kind.name()
            );
            Err(FilterError::at(value.span, message))
        }
    }
}

pub(super) fn one_value_error(op: Op, second: &Value<'_>) -> FilterError {
    // The comma before the second value.
    let column = second.span.char_start.max(1);
    FilterError {
        column,
        message: format!("operator {op} takes exactly one value"),
    }
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

#[cfg(test)]
mod tests {
    use crate::domain::filter::{FieldKind, Filter, FilterError};

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
            "column 1: unknown field \"xyz\" (valid: scope, reporter, kind, service, substitute, amount_krw, status, id, updated_by, received_at, channel, outcome, rule, changed, agrees, and suggested_FIELD and FIELD_confidence for the labels and amount_krw)"
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
    fn suggestion_fields_check_their_values() {
        assert_eq!(
            err("kind_confidence>1.5"),
            "column 17: kind_confidence: \"1.5\" is not a confidence (a number from 0 to 1, e.g. 0.9)"
        );
        for bad in [
            "-0.1", "1e-1", "NaN", "inf", "0,5", "1.", ".", "93%", "0.5.1", "+0.5",
        ] {
            let expr = format!("amount_confidence<={bad}");
            let message = err(&expr);
            assert!(
                message.starts_with("column 20: amount_confidence: \"")
                    || message == "column 21: operator <= takes exactly one value",
                "{expr}: {message}"
            );
        }
        assert_eq!(
            err("scope_confidence<0.2,0.4"),
            "column 21: operator < takes exactly one value"
        );
        assert_eq!(
            err("kind=paid kind_confidence=0.9"),
            "column 27: operator = compares a confidence only with none (nothing suggested); use < <= > >= with a number from 0 to 1, e.g. kind_confidence>=0.9"
        );
        assert!(err("amount_krw_confidence!=none,1")
            .starts_with("column 29: operator != compares a confidence only with none"));
        assert_eq!(
            err("kind_confidence>=none"),
            "column 18: operator >= cannot compare with none (use kind_confidence=none or kind_confidence!=none)"
        );
        assert_eq!(
            err("suggested_kind=pai"),
            "column 16: unknown kind \"pai\" (valid: paid, free_monetary, inquiry, opinion, protest, encouragement)"
        );
        assert_eq!(
            err("suggested_kind<paid"),
            "column 15: operator < does not apply to suggested_kind (use = or !=)"
        );
        assert_eq!(
            err("suggested_amount>5만"),
            "column 18: suggested_amount_krw: \"5만\" is not a whole number of won (digits, optionally grouped as 50,000)"
        );
        assert!(err("suggested_amount=-5")
            .starts_with("column 18: suggested_amount_krw: \"-5\" is negative"));
        assert_eq!(
            err("agrees=maybe"),
            "column 8: unknown agrees \"maybe\" (valid: yes, no, none)"
        );
        assert_eq!(
            err("agrees>no"),
            "column 7: operator > does not apply to agrees (use = or !=)"
        );
        assert_eq!(
            err("suggested_knd=paid"),
            "column 1: unknown field \"suggested_knd\" (did you mean \"suggested_kind\"?)"
        );
        assert_eq!(
            err("kind_confidense<0.5"),
            "column 1: unknown field \"kind_confidense\" (did you mean \"kind_confidence\"?)"
        );
        for good in [
            "suggested_kind=paid,none suggested_scope!=kakao",
            "suggested_amount_krw=500,000,none suggested_amount>=300,000",
            "kind_confidence<0.5 amount_confidence>=.95 scope_confidence<=1 service_confidence>0",
            "substitute_confidence=none reporter_confidence!=none amount_krw_confidence>0.25",
            "agrees=yes,none agrees!=no",
            "kind_confidence<\"0.5\"",
        ] {
            assert!(Filter::parse(good).is_ok(), "{good}");
        }
        assert!(FieldKind::Agrees.is_suggestion() && !FieldKind::Agrees.is_derived());
        assert!(!FieldKind::Outcome.is_suggestion());
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
}
