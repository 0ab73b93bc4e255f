//! Reading values out of the TOML parser's spanned tree (rule-set and keymap files), with
//! messages that name the type found and positions as lines and columns.

use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// A table's items in the order they appear in the file (the parser's map is sorted by key).
pub(crate) fn in_file_order<'t, 'i>(
    table: &'t DeTable<'i>,
) -> Vec<(&'t str, usize, &'t Spanned<DeValue<'i>>)> {
    let mut items: Vec<_> = table
        .iter()
        .map(|(k, v)| (k.get_ref().as_ref(), k.span().start, v))
        .collect();
    items.sort_by_key(|&(_, at, _)| at);
    items
}

/// An integer value (any radix TOML allows), if it is one and fits in i64.
pub(crate) fn integer(value: &DeValue<'_>) -> Option<i64> {
    match value {
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
        _ => None,
    }
}

/// "a string", "an integer", ... for messages.
pub(crate) fn a_type(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

/// The 1-based line of a byte offset.
pub(crate) fn line_of(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    text.as_bytes()[..at]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The 1-based (line, character column) of a byte offset.
pub(crate) fn position_of(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let before = text.get(..at).unwrap_or("");
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (line_of(text, at), column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions() {
        let text = "ab\n카카오 x\n";
        assert_eq!(position_of(text, 0), (1, 1));
        assert_eq!(position_of(text, 3), (2, 1));
        assert_eq!(position_of(text, 3 + 9 + 1), (2, 5));
        assert_eq!(line_of(text, 999), 3);
    }

    #[test]
    fn integers() {
        let (doc, errors) = DeTable::parse_recoverable("a = 1_000\nb = -5\nc = 0x10\nd = 1.5\n");
        assert!(errors.is_empty());
        let doc = doc.get_ref();
        let get = |k: &str| doc.get(k).map(|v| integer(v.get_ref()));
        assert_eq!(get("a"), Some(Some(1000)));
        assert_eq!(get("b"), Some(Some(-5)));
        assert_eq!(get("c"), Some(Some(16)));
        assert_eq!(get("d"), Some(None));
    }
}
