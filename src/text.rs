//! Text for terminals: making untrusted text safe to show, and measuring it by display width
//! (Hangul takes two cells; never measure with `len()` or `chars().count()`).

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Replaces everything a terminal would act on rather than show: C0 and C1 control characters
/// (ESC included, so no ANSI sequence survives), DEL, bidirectional overrides and isolates,
/// and zero-width characters. Each becomes a visible placeholder: control pictures (`␛`, `␀`,
/// `␊`, …) for C0 and DEL, `⟨U+XXXX⟩` for the rest. Text without any is returned as is.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for ch in text.chars() {
        if is_unsafe(ch) {
            push_placeholder(&mut out, ch);
        } else {
            out.push(ch);
        }
    }
    Cow::Owned(out)
}

/// Whether `ch` must not reach a terminal as it is.
pub fn is_unsafe(ch: char) -> bool {
    ch.is_control()
        || matches!(ch,
            '\u{200B}'..='\u{200F}'   // zero-width space/joiners, LRM, RLM
            | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}' // bidi isolates
            | '\u{FEFF}'              // BOM / zero-width no-break space
        )
}

fn push_placeholder(out: &mut String, ch: char) {
    let code = ch as u32;
    match code {
        0x00..=0x1F => out.push(char::from_u32(0x2400 + code).unwrap_or('?')),
        0x7F => out.push('␡'),
        _ => out.push_str(&format!("⟨U+{code:04X}⟩")),
    }
}

/// Display width in terminal cells.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// `text` padded with spaces on the right to `cells` display cells (never cut).
pub fn pad_right(text: &str, cells: usize) -> String {
    let w = width(text);
    let mut out = String::with_capacity(text.len() + cells.saturating_sub(w));
    out.push_str(text);
    out.extend(std::iter::repeat_n(' ', cells.saturating_sub(w)));
    out
}

/// `text` padded with spaces on the left to `cells` display cells (never cut).
pub fn pad_left(text: &str, cells: usize) -> String {
    let w = width(text);
    let mut out = String::with_capacity(text.len() + cells.saturating_sub(w));
    out.extend(std::iter::repeat_n(' ', cells.saturating_sub(w)));
    out.push_str(text);
    out
}

/// The longest prefix of `text` that fits in `cells` display cells, ending in `…` when cut.
/// A wide character that would straddle the edge is left out rather than split.
pub fn truncate(text: &str, cells: usize) -> Cow<'_, str> {
    if width(text) <= cells {
        return Cow::Borrowed(text);
    }
    if cells == 0 {
        return Cow::Borrowed("");
    }
    let budget = cells - 1;
    let mut used = 0;
    let mut end = 0;
    for (i, ch) in text.char_indices() {
        let w = ch.width().unwrap_or(0);
        if used + w > budget {
            break;
        }
        used += w;
        end = i + ch.len_utf8();
    }
    Cow::Owned(format!("{}…", &text[..end]))
}

/// One line of `text` for a list row: line breaks and tabs become spaces, everything else
/// unsafe is made visible.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if !text.contains(['\n', '\r', '\t']) {
        return sanitize(text);
    }
    let flat: String = text
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect();
    Cow::Owned(sanitize(&flat).into_owned())
}

/// `text` wrapped to lines of at most `cells` display cells: paragraphs at line breaks, lines
/// at spaces where possible, long words cut between characters. Unsafe characters are made
/// visible first (a CR before a line break is dropped; tabs become spaces).
pub fn wrap(text: &str, cells: usize) -> Vec<String> {
    let cells = cells.max(2);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let paragraph = paragraph
            .strip_suffix('\r')
            .unwrap_or(paragraph)
            .replace('\t', " ");
        let paragraph = sanitize(&paragraph);
        if paragraph.is_empty() {
            lines.push(String::new());
            continue;
        }
        let mut line = String::new();
        let mut line_w = 0;
        for word in paragraph.split_inclusive(' ') {
            let visible = width(word.trim_end());
            if line_w > 0 && line_w + visible > cells {
                lines.push(line.trim_end().to_string());
                line.clear();
                line_w = 0;
            }
            if visible <= cells {
                line.push_str(word);
                line_w += width(word);
                continue;
            }
            for ch in word.chars() {
                let w = ch.width().unwrap_or(0);
                if line_w + w > cells {
                    lines.push(line.trim_end().to_string());
                    line.clear();
                    line_w = 0;
                }
                line.push(ch);
                line_w += w;
            }
        }
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// `n` and its noun, singular for exactly one: `1 case`, `0 cases`, `12,345 cases`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    let noun = if n == 1 { one } else { many };
    format!("{} {noun}", crate::domain::format_amount(n as i64))
}

/// How a time is shown on screen: date, minute and the zone's offset.
const ON_SCREEN: &str = "%Y-%m-%d %H:%M %:z";

/// A stored time (RFC 3339: UTC in the database, a claimant's offset in `received_at`) as this
/// machine's local time, with its date and zone: `2026-12-01 21:31 +09:00`. The one rule for
/// times on screen; exports and JSON keep the stored RFC 3339. Anything unreadable is shown as
/// it is (sanitized).
pub fn local_time(stored: &str) -> String {
    time_in(stored, &chrono::Local)
}

/// [`local_time`] in a given zone (tests pass a fixed offset, so they hold on every machine).
pub fn time_in<Tz: chrono::TimeZone>(stored: &str, zone: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    match chrono::DateTime::parse_from_rfc3339(stored) {
        Ok(time) => time.with_timezone(zone).format(ON_SCREEN).to_string(),
        Err(_) => sanitize(stored).into_owned(),
    }
}

/// The former short form, now the same as [`local_time`]; kept for the callers that have not
/// been renamed yet.
pub fn short_time(stored: &str) -> String {
    local_time(stored)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_makes_escapes_and_controls_visible() {
        assert_eq!(sanitize("평범한 글"), "평범한 글");
        assert!(matches!(sanitize("plain"), Cow::Borrowed(_)));
        assert_eq!(sanitize("a\u{1b}[2Jb"), "a␛[2Jb");
        assert_eq!(sanitize("bell\u{7}\u{0}"), "bell␇␀");
        assert_eq!(sanitize("줄\n바꿈\r"), "줄␊바꿈␍");
        assert_eq!(sanitize("\u{202E}evil"), "⟨U+202E⟩evil");
        assert_eq!(sanitize("x\u{9b}31m"), "x⟨U+009B⟩31m");
        assert_eq!(sanitize("zero\u{200B}width"), "zero⟨U+200B⟩width");
        assert_eq!(sanitize("del\u{7f}"), "del␡");
    }

    #[test]
    fn widths_count_hangul_as_two_cells() {
        assert_eq!(width("카카오"), 6);
        assert_eq!(width("abc"), 3);
        assert_eq!(pad_right("카카오", 8), "카카오  ");
        assert_eq!(pad_left("1,000", 7), "  1,000");
        assert_eq!(pad_right("긴 글자", 2), "긴 글자", "never cut");
    }

    #[test]
    fn wrapping_respects_cell_width_and_line_breaks() {
        let text = "카카오톡 채널 예약이 하루 종일 끊겨서 손님을 받지 못했습니다.\r\n\n둘째 문단 \u{1b}[2J";
        let lines = wrap(text, 20);
        assert_eq!(
            lines,
            [
                "카카오톡 채널 예약이",
                "하루 종일 끊겨서",
                "손님을 받지",
                "못했습니다.",
                "",
                "둘째 문단 ␛[2J",
            ]
        );
        for cells in 2..40 {
            for line in wrap(text, cells) {
                assert!(width(&line) <= cells, "{line:?} wider than {cells}");
            }
        }
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(one_line("a\nb\tc\u{7}"), "a b c␇");
    }

    #[test]
    fn times_on_screen_have_a_date_and_a_zone() {
        let seoul = chrono::FixedOffset::east_opt(9 * 3600).unwrap();
        let new_york = chrono::FixedOffset::west_opt(5 * 3600).unwrap();
        let stored = "2026-12-01T12:31:05.123Z";
        assert_eq!(time_in(stored, &seoul), "2026-12-01 21:31 +09:00");
        assert_eq!(time_in(stored, &chrono::Utc), "2026-12-01 12:31 +00:00");
        assert_eq!(
            time_in("2026-12-01T02:00:00Z", &new_york),
            "2026-11-30 21:00 -05:00"
        );
        // A claimant's time with its own offset is shown in the reader's zone.
        assert_eq!(
            time_in("2022-10-19T09:00:00+09:00", &chrono::Utc),
            "2022-10-19 00:00 +00:00"
        );
        assert_eq!(time_in("yesterday\u{1b}[2J", &seoul), "yesterday␛[2J");
        assert_eq!(short_time(stored), local_time(stored));
    }

    #[test]
    fn counts_are_singular_for_one() {
        assert_eq!(count(1, "case", "cases"), "1 case");
        assert_eq!(count(0, "case", "cases"), "0 cases");
        assert_eq!(count(2, "more line", "more lines"), "2 more lines");
        assert_eq!(count(105_116, "case", "cases"), "105,116 cases");
    }

    #[test]
    fn truncation_respects_cell_width() {
        assert_eq!(truncate("카카오맵 배달", 7), "카카오…");
        assert_eq!(truncate("카카오맵", 8), "카카오맵");
        assert_eq!(truncate("카카오맵", 4), "카…");
        assert_eq!(truncate("abc", 0), "");
        for cells in 0..20 {
            assert!(width(&truncate("안녕하세요 kakao 세상", cells)) <= cells);
        }
    }
}
