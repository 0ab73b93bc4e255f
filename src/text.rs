//! Text for terminals: making untrusted text safe to show, and measuring it by display width
//! (Hangul takes two cells; never measure with `len()` or `chars().count()`).
//!
//! # Emoji sequences: one width everywhere
//!
//! ratatui lays text out by grapheme cluster: a cluster takes one cell of its buffer plus as
//! many covered (blank) cells as unicode-width gives it, and its diff sends a covered cell only
//! when that cell itself changes. Terminals do not agree on the width of emoji *sequences*, clusters built
//! from several code points: kitty, WezTerm or iTerm2 draw a flag (🇰🇷, two regional
//! indicators) in two cells, but terminals that measure each code point with `wcwidth` (xterm,
//! screen, the Linux console, many VTE and tmux versions, and the `vt100` emulator in the
//! tests) draw 🇰 and 🇷 in a cell each, so 🇷 sits in the covered cell, and `j` to the next
//! case leaves it on screen. ZWJ sequences (👨‍👩‍👧: 2 cells laid out, 6 drawn by code point), skin tones (👍🏽:
//! 2 and 4), VS16 (❤️: 2 and 1), VS15 (⌚︎: 1 and 2) and keycaps (1️⃣: 2 and 1) disagree the
//! same way; what a terminal draws past its cells overwrites the next symbol, and cells it
//! leaves alone keep whatever was there.
//!
//! The rule: **no emoji sequence reaches the buffer**. [`sanitize`] (and so [`one_line`] and
//! [`wrap`], which every case text and other untrusted text passes through) rewrites them into
//! code points whose width terminals agree on, before anything is measured, so layout, buffer, backend and terminal all count the same cells:
//!
//! - a flag becomes its two letters, `⟨KR⟩`; a regional indicator without a partner becomes
//!   `⟨K⟩` (they pair up from the start of a run, as Unicode pairs them);
//! - variation selectors 15 and 16 (U+FE0E, U+FE0F) are dropped: each character keeps its
//!   default presentation and width (`❤`, one cell; `⌚`, two);
//! - skin-tone modifiers (U+1F3FB–U+1F3FF) and tag characters (U+E0000–U+E007F, which spell
//!   out subdivision flags such as 🏴 + `gbsct` and can carry invisible text) are dropped;
//! - a zero-width joiner between two pictographs is dropped, so the parts stand side by side
//!   (👨👩👧, 6 cells); anywhere else it stays visible as `⟨U+200D⟩`, like other zero-width
//!   characters.
//!
//! A keycap (1️⃣) thus becomes `1` with the combining enclosing keycap U+20E3, one cell, like
//! any base letter with a combining mark. Rewriting in the sanitizer rather than in the
//! backend keeps the backend byte-frugal and lets truncation and wrapping measure exactly what
//! is drawn; the backend could not repair a cluster drawn across cells it does not own.
//! Single emoji code points (😀) stay: they are two cells wide in every terminal that knows
//! Unicode 9 (2016), and the backend places the cursor again after them in case a terminal
//! does not.
//!
//! Left as they are: clusters of a letter and a *spacing* vowel sign (Devanagari का, Thai
//! กำ), which ratatui also puts in one two-cell cluster and `wcwidth` terminals also draw in
//! two cells; rewriting them would change the text, not just its presentation.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Replaces everything a terminal would act on rather than show: C0 and C1 control characters
/// (ESC included, so no ANSI sequence survives), DEL, bidirectional overrides and isolates,
/// and zero-width characters. Each becomes a visible placeholder: control pictures (`␛`, `␀`,
/// `␊`, …) for C0 and DEL, `⟨U+XXXX⟩` for the rest. Emoji sequences, whose width terminals
/// disagree on, are rewritten as the module documentation says (🇰🇷 → `⟨KR⟩`, ❤️ → `❤`,
/// 👍🏽 → `👍`, 👨‍👩‍👧 → `👨👩👧`). Text without any of these is returned as is.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|ch| is_unsafe(ch) || is_emoji_sequence_part(ch))
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        if let Some(letter) = regional_letter(ch) {
            out.push('⟨');
            out.push(letter);
            if let Some(second) = chars.peek().copied().and_then(regional_letter) {
                chars.next();
                out.push(second);
            }
            out.push('⟩');
        } else if is_emoji_modifier(ch) {
            // Dropped: the character before it keeps its default presentation and width.
        } else if ch == ZERO_WIDTH_JOINER
            && out.chars().next_back().is_some_and(is_pictograph)
            && chars.peek().copied().is_some_and(is_pictograph)
        {
            // Dropped: the two pictographs it would join stand side by side.
        } else if is_unsafe(ch) {
            push_placeholder(&mut out, ch);
        } else {
            out.push(ch);
        }
    }
    Cow::Owned(out)
}

const ZERO_WIDTH_JOINER: char = '\u{200D}';

/// Whether `ch` can make an emoji sequence (see the module documentation).
fn is_emoji_sequence_part(ch: char) -> bool {
    ch == ZERO_WIDTH_JOINER || regional_letter(ch).is_some() || is_emoji_modifier(ch)
}

/// The letter a regional indicator symbol stands for (U+1F1E6 is `A`).
fn regional_letter(ch: char) -> Option<char> {
    let offset = u32::from(ch).checked_sub(0x1F1E6).filter(|&n| n < 26)?;
    char::from_u32(u32::from('A') + offset)
}

/// Code points that only restyle the character before them: variation selectors 15 and 16,
/// skin-tone modifiers, tag characters.
fn is_emoji_modifier(ch: char) -> bool {
    matches!(ch,
        '\u{FE0E}' | '\u{FE0F}'
        | '\u{1F3FB}'..='\u{1F3FF}'
        | '\u{E0000}'..='\u{E007F}')
}

/// Characters a zero-width joiner may join into one emoji: the blocks Unicode's
/// Extended_Pictographic characters come from (a superset: a joiner between two of these only
/// ever joins them into an emoji).
fn is_pictograph(ch: char) -> bool {
    matches!(ch,
        '\u{00A9}' | '\u{00AE}' | '\u{203C}' | '\u{2049}' | '\u{2122}' | '\u{2139}'
        | '\u{2190}'..='\u{21FF}'
        | '\u{2300}'..='\u{23FF}'
        | '\u{24C2}'
        | '\u{25A0}'..='\u{27BF}'
        | '\u{2934}' | '\u{2935}'
        | '\u{2B00}'..='\u{2BFF}'
        | '\u{3030}' | '\u{303D}' | '\u{3297}' | '\u{3299}'
        | '\u{1F000}'..='\u{1FAFF}')
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
    fn emoji_sequences_become_what_every_terminal_draws_alike() {
        let cases = [
            ("태극기 \u{1F1F0}\u{1F1F7}!", "태극기 ⟨KR⟩!"),
            ("\u{1F1F0}", "⟨K⟩"),
            (
                "\u{1F1F0}\u{1F1F7}\u{1F1EF}\u{1F1F5}\u{1F1FA}",
                "⟨KR⟩⟨JP⟩⟨U⟩",
            ),
            ("\u{1F1F0} \u{1F1F7}", "⟨K⟩ ⟨R⟩"),
            ("\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}", "👨👩👧"),
            ("\u{2764}\u{FE0F} 감사", "❤ 감사"),
            ("\u{2764}\u{FE0E} \u{231A}\u{FE0E}", "❤ ⌚"),
            ("\u{1F44D}\u{1F3FD}", "👍"),
            ("\u{1F469}\u{1F3FD}\u{200D}\u{1F4BB}", "👩💻"),
            ("1\u{FE0F}\u{20E3}", "1\u{20E3}"),
            (
                "\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
                "🏴",
            ),
            ("\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}", "🏳🌈"),
            ("\u{1F937}\u{200D}\u{2640}\u{FE0F}", "🤷♀"),
            // A joiner that joins no pictographs stays visible, like other zero-width marks.
            ("a\u{200D}b", "a⟨U+200D⟩b"),
            ("\u{1F600}\u{200D}", "😀⟨U+200D⟩"),
            ("😀 한글", "😀 한글"),
        ];
        for (raw, shown) in cases {
            assert_eq!(sanitize(raw), shown, "{raw:?}");
            assert_eq!(one_line(raw), shown, "{raw:?}");
            assert_eq!(wrap(raw, 40), [shown], "{raw:?}");
            assert_draws_alike(shown);
        }
        assert!(matches!(sanitize("😀 평범한 글 ❤"), Cow::Borrowed(_)));
    }

    /// Asserts the rule the sanitizer keeps: every cell ratatui's buffer makes of `text` holds
    /// at most one code point that takes room, and the width ratatui gives the cell is the sum
    /// of its code points' widths, which a terminal that measures code point by code point
    /// (`wcwidth`) advances by — so every terminal draws the cell in the cells it owns.
    fn assert_draws_alike(text: &str) {
        use ratatui::buffer::Buffer;
        use ratatui::layout::Rect;
        let mut buffer = Buffer::empty(Rect::new(0, 0, 200, 1));
        buffer.set_string(0, 0, text, ratatui::style::Style::new());
        for cell in buffer.content() {
            let symbol = cell.symbol();
            let widths: Vec<usize> = symbol.chars().map(|c| c.width().unwrap_or(0)).collect();
            assert!(
                widths.iter().filter(|&&w| w > 0).count() <= 1,
                "{symbol:?} of {text:?}: several code points take room"
            );
            assert_eq!(
                UnicodeWidthStr::width(symbol).max(1),
                widths.iter().sum::<usize>().max(1),
                "{symbol:?} of {text:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn sanitized_text_draws_alike_on_every_terminal(
            picks in proptest::collection::vec(0..PARTS.len(), 0..24)
        ) {
            let raw: String = picks.into_iter().map(|i| PARTS[i]).collect();
            assert_draws_alike(&sanitize(&raw));
            assert_draws_alike(&one_line(&raw));
            for line in wrap(&raw, 7) {
                assert_draws_alike(&line);
            }
        }
    }

    /// Pieces of emoji sequences and of ordinary text, to be strung together at random.
    const PARTS: [&str; 22] = [
        "\u{1F1F0}",
        "\u{1F1F7}",
        "\u{FE0F}",
        "\u{FE0E}",
        "\u{200D}",
        "\u{1F3FD}",
        "\u{E0067}",
        "\u{E007F}",
        "\u{20E3}",
        "\u{1F468}",
        "\u{1F3F4}",
        "\u{2764}",
        "\u{231A}",
        "1",
        "a",
        " ",
        "한",
        "\u{1112}\u{1161}",
        "e\u{301}",
        "\u{1F600}",
        "\u{1b}",
        "\n",
    ];

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
