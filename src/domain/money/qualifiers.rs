//! Words around an amount that do not change it: `약 30만 원`, `십만원 넘게`, `한 20만원`.
//! A claim of "about" or "over" 100,000 is read as a claim of 100,000.

use super::number::skip_spaces;

/// Before the amount. `한` is "about" here (`한 30만 원`), so 한 is never the numeral 1; it
/// must be followed by a space or a digit (`한30만원`).
const BEFORE: [&str; 4] = ["대략", "약", "총", "한"];

/// After the amount, with or without a space (`30만원 정도`, `30만원정도`).
const AFTER: [&str; 7] = ["정도", "가량", "쯤", "넘게", "이상", "남짓", "내외"];

/// `text` without the qualifiers (and spaces) it starts with.
pub(super) fn strip_before(text: &str) -> &str {
    let mut rest = text;
    while let Some(after) = BEFORE.iter().find_map(|q| rest.strip_prefix(q)) {
        let next = after.chars().next();
        if rest.starts_with('한') && !next.is_some_and(|c| c.is_whitespace() || c.is_ascii_digit())
        {
            break;
        }
        rest = after.trim_start();
    }
    rest
}

/// The byte offset after the qualifiers (and spaces) that follow `pos`.
pub(super) fn skip_after(text: &str, pos: usize) -> usize {
    let mut pos = skip_spaces(text, pos);
    while let Some(q) = AFTER.iter().find(|q| text[pos..].starts_with(*q)) {
        pos = skip_spaces(text, pos + q.len());
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_what_comes_before() {
        assert_eq!(strip_before("약 30만 원"), "30만 원");
        assert_eq!(strip_before("대략약 30만"), "30만");
        assert_eq!(strip_before("한 20만원"), "20만원");
        assert_eq!(strip_before("한30만원"), "30만원");
        assert_eq!(strip_before("한만원"), "한만원");
        assert_eq!(strip_before("30만"), "30만");
    }

    #[test]
    fn skips_what_comes_after() {
        let text = "10만원 정도 이상";
        assert_eq!(skip_after(text, "10만원".len()), text.len());
        assert_eq!(skip_after("10만원정도", "10만원".len()), "10만원정도".len());
        assert_eq!(skip_after("10만원 손해", "10만원".len()), "10만원 ".len());
    }
}
