//! What to show of a match: the matched characters of a field, and an excerpt of a text around
//! the first of them. Computed only for what is on screen (or printed), never during a search.

use std::ops::Range;

use super::matcher::term_positions;
use super::query::Query;
use super::score::Scorer;
use crate::text;

/// The character indices of `haystack` (one field: id, text or note) that the query's terms
/// matched, in increasing order: for each term that matches this field, its best alignment.
pub fn highlights(query: &Query, haystack: &str) -> Vec<usize> {
    let scorer = Scorer::default();
    let mut out: Vec<usize> = query
        .terms()
        .iter()
        .filter_map(|term| term_positions(term, haystack, &scorer))
        .flat_map(|(_, positions)| positions)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// [`highlights`] as byte ranges of `haystack`, adjacent characters merged (for styled spans).
pub fn highlight_ranges(query: &Query, haystack: &str) -> Vec<Range<usize>> {
    let chars = highlights(query, haystack);
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut wanted = chars.iter().peekable();
    for (ci, (bi, ch)) in haystack.char_indices().enumerate() {
        if wanted.peek() != Some(&&ci) {
            continue;
        }
        wanted.next();
        let end = bi + ch.len_utf8();
        match ranges.last_mut() {
            Some(last) if last.end == bi => last.end = end,
            _ => ranges.push(bi..end),
        }
    }
    ranges
}

/// One line of `text` of at most `cells` display cells, safe for a terminal (see
/// [`text::one_line`]), that shows the first matched character: from the start when that
/// fits in the first two thirds, else from a little before it (at a word start when there is
/// one close by), with a leading `…`; cut with `…` at the end.
pub fn excerpt(text: &str, query: &Query, cells: usize) -> String {
    if cells == 0 {
        return String::new();
    }
    let first = highlights(query, text).first().copied().unwrap_or(0);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let width_before: usize = chars[..first.min(chars.len())]
        .iter()
        .map(|&(_, c)| char_cells(c))
        .sum();
    if width_before <= cells * 2 / 3 {
        return text::truncate(&text::one_line(text), cells).into_owned();
    }
    // Step back from the match by up to a quarter of the width, preferring a word start.
    let lead = cells / 4;
    let mut start = first;
    let mut used = 0;
    while start > 0 && used + char_cells(chars[start - 1].1) <= lead {
        start -= 1;
        used += char_cells(chars[start].1);
    }
    if let Some(space) = (start..first).find(|&i| i > 0 && chars[i - 1].1.is_whitespace()) {
        start = space;
    }
    let rest = &text[chars.get(start).map_or(text.len(), |&(b, _)| b)..];
    let body = text::one_line(rest);
    let room = cells.saturating_sub(1);
    format!("…{}", text::truncate(&body, room))
}

/// Display cells of one character.
fn char_cells(ch: char) -> usize {
    let mut buf = [0u8; 4];
    text::width(ch.encode_utf8(&mut buf))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_are_character_indices_of_the_field() {
        let q = Query::parse("ㅋㅋㅇㅁ");
        assert_eq!(highlights(&q, "어제 카카오맵이"), [3, 4, 5, 6]);
        let q = Query::parse("카카오 ㅂㄷ");
        assert_eq!(highlights(&q, "카카오 배달"), [0, 1, 2, 4, 5]);
        assert_eq!(
            highlights(&q, "배달만"),
            [0, 1],
            "only the terms that match here"
        );
        assert_eq!(highlights(&q, "없음"), Vec::<usize>::new());
    }

    #[test]
    fn ranges_are_byte_ranges_merged() {
        let q = Query::parse("카카오 ㅂㄷ");
        let text = "카카오 배달";
        let ranges = highlight_ranges(&q, text);
        assert_eq!(ranges, [0..9, 10..16]);
        assert_eq!(&text[ranges[1].clone()], "배달");
    }

    #[test]
    fn excerpts_show_the_first_match_within_the_width() {
        let q = Query::parse("업비트");
        let text = format!(
            "{} 업비트 출금이 막혀서 손해를 봤습니다",
            "가나다라마바사 ".repeat(6)
        );
        let ex = excerpt(&text, &q, 30);
        assert!(ex.starts_with('…'), "{ex}");
        assert!(ex.contains("업비트"), "{ex}");
        assert!(text::width(&ex) <= 30, "{ex}");
        assert_eq!(excerpt("짧은 업비트 글", &q, 30), "짧은 업비트 글");
        assert_eq!(
            excerpt("줄\n바꿈 \u{1b}[2J", &Query::parse("x"), 30),
            "줄 바꿈 ␛[2J"
        );
        for cells in 0..40 {
            assert!(text::width(&excerpt(&text, &q, cells)) <= cells);
        }
    }
}
