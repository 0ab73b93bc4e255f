//! Amount lists: a comma followed by exactly three digits is a thousands separator, so the
//! syntax's comma-separated values are joined back into amounts (`500` `000` → `500,000`).

use std::borrow::Cow;

use super::compile::one_value_error;
use super::error::FilterError;
use super::parse::{Op, Span, Value};
use crate::domain::money::parse_digits;

/// An amount list item after thousands groups were joined back (`500` `000` → `500,000`).
pub(super) struct AmountItem<'a> {
    pub(super) text: Cow<'a, str>,
    pub(super) span: Span,
    quoted: bool,
    pub(super) none: bool,
}

fn is_grouped_number(text: &str) -> bool {
    let mut groups = text.split(',');
    let first_ok = groups
        .next()
        .is_some_and(|g| (1..=3).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()));
    first_ok && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

pub(super) fn amount_items<'a>(src: &'a str, values: &[Value<'a>]) -> Vec<AmountItem<'a>> {
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

/// The one amount of an ordering clause (`amount>=500,000`); `field` names it in messages.
pub(super) fn single_amount(
    src: &str,
    field: &str,
    op: Op,
    values: &[Value<'_>],
) -> Result<i64, FilterError> {
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
    parse_digits(&text).map_err(|e| FilterError::at(span, format!("{field}: {e}")))
}
