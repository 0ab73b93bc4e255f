//! The stats report: count and share of every code of every dimension, per status, and the
//! total.

use serde_json::{json, Map, Value};

use crate::domain::{format_amount, format_share, Counts, Dimension, Status};
use crate::text::{pad_left, pad_right};

/// The Korean name shown beside `unlabelled`.
const UNLABELLED_KOREAN: &str = "미분류";

/// One line of the table: code, Korean name, count.
struct Line {
    code: &'static str,
    korean: &'static str,
    count: usize,
}

/// Sections in order: each dimension, then status. `unlabelled` appears where some cases have
/// no code.
fn sections(counts: &Counts) -> Vec<(&'static str, &'static str, Vec<Line>)> {
    let mut out = Vec::new();
    for dim in Dimension::ALL {
        let mut lines: Vec<Line> = dim
            .codes()
            .iter()
            .enumerate()
            .map(|(i, info)| Line {
                code: info.code,
                korean: info.korean,
                count: counts.label(dim, Some(i as u8)),
            })
            .collect();
        let unlabelled = counts.unlabelled(dim);
        if unlabelled > 0 {
            lines.push(Line {
                code: "unlabelled",
                korean: UNLABELLED_KOREAN,
                count: unlabelled,
            });
        }
        out.push((dim.name(), dim.korean(), lines));
    }
    let status = Status::ALL
        .iter()
        .map(|s| Line {
            code: s.code(),
            korean: s.korean(),
            count: counts.status(*s),
        })
        .collect();
    out.push(("status", "상태", status));
    out
}

/// The table for people: Korean names beside the codes, columns aligned by display width.
pub fn render_text(counts: &Counts) -> String {
    let sections = sections(counts);
    let lines = || sections.iter().flat_map(|(_, _, lines)| lines);
    let code_w = lines()
        .map(|l| crate::text::width(l.code))
        .max()
        .unwrap_or(0);
    let korean_w = lines()
        .map(|l| crate::text::width(l.korean))
        .max()
        .unwrap_or(0);
    let count_w = format_amount(counts.total() as i64).len().max(5);
    let total = counts.total();
    let mut out = format!("{}\n", crate::text::count(total, "case", "cases"));
    for (name, korean, lines) in &sections {
        out.push('\n');
        out.push_str(&format!(
            "{}{}  {}\n",
            pad_right(&format!("{name} · {korean}"), 2 + code_w + 2 + korean_w),
            pad_left("cases", count_w),
            pad_left("share", 6)
        ));
        for line in lines {
            out.push_str(&format!(
                "  {}  {}{}  {}\n",
                pad_right(line.code, code_w),
                pad_right(line.korean, korean_w),
                pad_left(&format_amount(line.count as i64), count_w),
                pad_left(&format_share(line.count, total), 6),
            ));
        }
    }
    out
}

/// The JSON form: `{"total": N, "by": {"scope": {"kakao": N, ...}, ..., "status": {...}}}`.
pub fn to_json(counts: &Counts) -> Value {
    let mut by = Map::new();
    for (name, _, lines) in sections(counts) {
        let codes: Map<String, Value> = lines
            .iter()
            .map(|l| (l.code.to_string(), json!(l.count)))
            .collect();
        by.insert(name.to_string(), Value::Object(codes));
    }
    json!({ "total": counts.total(), "by": by })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Case;

    fn counts() -> Counts {
        let mut a = Case::new("A", "t");
        a.set_label(Dimension::Scope, Some(0));
        a.set_label(Dimension::Kind, Some(1));
        let mut b = Case::new("B", "t");
        b.set_label(Dimension::Scope, Some(0));
        b.status = Status::Reviewed;
        Counts::of([&a, &b])
    }

    #[test]
    fn json_has_every_code_and_unlabelled_where_some_are() {
        let value = to_json(&counts());
        assert_eq!(value["total"], 2);
        assert_eq!(value["by"]["scope"]["kakao"], 2);
        assert_eq!(value["by"]["scope"]["affiliate"], 0);
        assert!(value["by"]["scope"].get("unlabelled").is_none());
        assert_eq!(value["by"]["kind"]["free_monetary"], 1);
        assert_eq!(value["by"]["kind"]["unlabelled"], 1);
        assert_eq!(value["by"]["status"]["reviewed"], 1);
        let dims: Vec<&String> = value["by"].as_object().unwrap().keys().collect();
        assert_eq!(
            dims,
            [
                "scope",
                "reporter",
                "kind",
                "service",
                "substitute",
                "status"
            ]
        );
    }

    #[test]
    fn text_columns_line_up_by_display_width() {
        let text = render_text(&counts());
        assert!(text.starts_with("2 cases\n"));
        let rows: Vec<&str> = text.lines().filter(|l| l.starts_with("  ")).collect();
        let widths: Vec<usize> = rows.iter().map(|r| crate::text::width(r)).collect();
        assert!(widths.iter().all(|w| *w == widths[0]), "{text}");
        assert!(text.contains("  kakao "));
        assert!(text.contains("카카오"));
        assert!(text.contains("100.0%"));
        assert!(text.contains("미분류"));
    }

    #[test]
    fn a_share_short_of_all_or_none_is_not_printed_as_100_or_0() {
        let cases: Vec<Case> = (0..2_001)
            .map(|i| {
                let mut c = Case::new(format!("C{i}"), "t");
                if i > 0 {
                    c.set_label(Dimension::Scope, Some(0));
                }
                c
            })
            .collect();
        let text = render_text(&Counts::of(cases.iter()));
        let line = |code: &str| {
            text.lines()
                .find(|l| l.trim_start().starts_with(code))
                .unwrap_or_else(|| panic!("{code}: {text}"))
                .to_string()
        };
        assert!(line("kakao ").ends_with(" >99.9%"), "{text}");
        assert!(line("affiliate").ends_with("  0.0%"), "{text}");
        assert!(line("unlabelled").ends_with("  <0.1%"), "{text}");
        assert!(line("new ").ends_with("100.0%"), "{text}");
    }
}
