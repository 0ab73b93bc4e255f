//! Whole-screen snapshots over ratatui's TestBackend, driven through the same keymap → action
//! → update path a person uses: Korean texts at 80×24 and 120×40, hostile bytes, the help,
//! a version conflict, the prompts, suggestions beside the labels, and a terminal too small.

mod common;

use casebench::domain::{Case, Change, Dimension};
use casebench::store::{CreateOptions, OnExisting, Store};
use casebench::tui::app::Msg;
use casebench::tui::driver::Driver;
use casebench::tui::keymap::Keymap;
use casebench::tui::terminal::{ColorMode, CompactBackend};
use casebench::tui::ui;
use common::workbench::{change_as, driver};
use ratatui::Terminal;

/// The screen as text at the driver's size.
fn screen(d: &Driver) -> String {
    let (cols, rows) = d.app.size;
    common::workbench::screen_text(d, cols, rows)
}

fn assert_screen(name: &str, d: &Driver) {
    let text = screen(d);
    for line in text.lines() {
        assert!(
            casebench::text::width(line) <= usize::from(d.app.size.0),
            "line wider than the terminal: {line}"
        );
        assert!(
            !line.contains('\u{1b}'),
            "raw escape reached the screen: {line:?}"
        );
    }
    insta::with_settings!({filters => vec![
        // Local times depend on the machine's zone: masked to the same width.
        (r"\d{4}-\d\d-\d\d \d\d:\d\d [+-]\d\d:\d\d", "YYYY-MM-DD hh:mm +zz:zz"),
    ]}, {
        insta::assert_snapshot!(name, text);
    });
}

#[test]
fn list_and_detail_at_80x24() {
    let (_dir, _path, d) = driver(80, 24);
    assert_screen("start_80x24", &d);
}

#[test]
fn all_three_panes_at_120x40() {
    let (_dir, _path, mut d) = driver(120, 40);
    d.press("j 2 b").unwrap();
    assert_screen("relabelled_120x40", &d);
}

#[test]
fn hostile_bytes_are_shown_as_placeholders() {
    let (_dir, _path, mut d) = driver(80, 24);
    d.press("G k k").unwrap(); // R-000008 carries ESC sequences, BEL and a bidi override
    let text = screen(&d);
    assert!(text.contains("␛[2J␛]0;pwned␇"), "{text}");
    assert!(text.contains("⟨U+202E⟩"), "{text}");
    assert_screen("hostile_80x24", &d);
}

#[test]
fn the_panel_toggles_in_at_80x24() {
    let (_dir, _path, mut d) = driver(80, 24);
    d.press("tab").unwrap();
    assert_screen("panel_80x24", &d);
}

#[test]
fn help_is_generated_from_the_keymap() {
    let (_dir, _path, mut d) = driver(80, 24);
    d.press("?").unwrap();
    assert_screen("help_80x24", &d);
    // Scroll down until the label keys appear: they are generated from the keymap too.
    let mut text = screen(&d);
    for _ in 0..200 {
        if text.contains("kind = free_monetary (무료서비스 금전 피해)") {
            break;
        }
        d.press("j").unwrap();
        text = screen(&d);
    }
    assert!(
        text.contains("  2                 kind = free_monetary (무료서비스 금전 피해)"),
        "{text}"
    );
}

#[test]
fn a_version_conflict_is_shown_and_the_case_reloads() {
    let (_dir, path, mut d) = driver(80, 24);
    change_as(
        &path,
        "lee",
        "R-000001",
        &[Change::Label(Dimension::Reporter, Some(2))],
    );
    d.press("i").unwrap();
    let text = screen(&d);
    // When lee changed it, in this machine's local time with the date and zone, as the
    // detail's last change says it too.
    let at = Store::open(&path)
        .unwrap()
        .get("R-000001")
        .unwrap()
        .unwrap()
        .updated_at
        .unwrap();
    let when = casebench::text::local_time(&at);
    assert!(
        text.contains(&format!("case R-000001 was changed by lee at {when}")),
        "{text}"
    );
    assert!(text.contains(&format!("v2 by lee at {when}")), "{text}");
    assert!(
        text.contains("중대형 기업"),
        "the detail shows lee's label: {text}"
    );
    assert_screen("conflict_80x24", &d);
}

#[test]
fn the_service_picker_and_the_amount_prompt() {
    let (_dir, _path, mut d) = driver(80, 24);
    d.press("j s").unwrap();
    d.type_text("카카오");
    assert_screen("picker_80x24", &d);
    d.press("esc $").unwrap();
    d.type_text("15일");
    d.press("enter").unwrap();
    assert_screen("amount_error_80x24", &d);
}

#[test]
fn a_terminal_too_small_says_so() {
    let (_dir, _path, mut d) = driver(80, 24);
    d.handle(Msg::Resize(40, 10));
    assert_screen("too_small", &d);
    for (cols, rows) in [(0, 0), (1, 1), (59, 24), (60, 16), (61, 17), (200, 5)] {
        d.handle(Msg::Resize(cols, rows));
        let _ = screen(&d); // never panics
    }
}

#[test]
fn outcomes_beside_every_case_and_the_explanation_in_the_detail() {
    let (_dir, _path, mut d) = driver(120, 40);
    d.load_rules(casebench::tui::rule_files::RuleSource::Builtin);
    let text = screen(&d);
    assert!(text.contains("support_cash 30,000"), "{text}");
    assert!(text.contains("rule small-business-band-1"), "{text}");
    assert_screen("rules_120x40", &d);
    d.press("j").unwrap(); // R-000002 falls to goodwill under the final set
    d.press("r c enter").unwrap(); // the draft, compared with the final set
    let text = screen(&d);
    assert!(
        text.contains(
            "│ R-000002 · KK ·· FM ·· ··         needs_evidence → goodwill_package 카카오맵이"
        ),
        "{text}"
    );
    assert_screen("compare_120x40", &d);
}

#[test]
fn the_search_line_with_its_matches() {
    let (_dir, _path, mut d) = driver(80, 24);
    d.press("/").unwrap();
    d.type_text("ㅇㅂㅌ");
    assert!(d.wait_search(std::time::Duration::from_secs(10)));
    let text = screen(&d);
    assert!(text.contains("3 matches, best first"), "{text}");
    assert_eq!(d.app.current().unwrap().id, "R-000004", "업비트 first");
    assert_screen("search_80x24", &d);
}

/// lee labels three cases; kim (a lead) spot-checks lee's work in the workbench.
fn spot_checked() -> (tempfile::TempDir, std::path::PathBuf, Driver) {
    let (dir, path, mut d) = driver(120, 40);
    for (id, kind) in [("R-000004", 3u8), ("R-000005", 2), ("R-000006", 4)] {
        change_as(
            &path,
            "lee",
            id,
            &[
                Change::Label(Dimension::Kind, Some(kind)),
                Change::Label(Dimension::Scope, Some(0)),
            ],
        );
    }
    d.press("C").unwrap();
    d.press("enter").unwrap(); // the list is empty: "start a new spot-check"
    d.press("end ctrl-u").unwrap();
    d.type_text("reviewers=lee since=2020-01-01 size=3 seed=1");
    d.press("enter").unwrap();
    assert!(d.app.spot().is_some(), "{:?}", d.app.message);
    (dir, path, d)
}

#[test]
fn blind_review_shows_no_reviewer_labels() {
    let (_dir, _path, d) = spot_checked();
    let text = screen(&d);
    for hidden in [
        "의견",
        "문의",
        "항의",
        "opinion",
        "inquiry",
        "protest",
        "카카오 ",
    ] {
        assert!(
            !text.contains(hidden),
            "{hidden:?} is lee's label and must not show:\n{text}"
        );
    }
    assert!(text.contains("your labels 0/5"), "{text}");
    assert_screen("blind_review_120x40", &d);
}

#[test]
fn a_lead_labels_blind_then_overturns_a_difference() {
    let (_dir, path, mut d) = spot_checked();
    let spot = d.app.spot().unwrap();
    let first = spot.check.cases[0].case_id.clone();
    d.press("1 o").unwrap(); // kind paid, scope kakao for the first sampled case
    let spot = d.app.spot().unwrap();
    assert_eq!(
        spot.check.cases[0].lead_labels[Dimension::Kind.index()],
        Some(Some(0))
    );
    d.press("D").unwrap();
    let (differences, _) = d.app.spot().unwrap().differences.clone().unwrap();
    assert_eq!(differences.len(), 1, "kind differs, scope agrees");
    assert_eq!(differences[0].case_id, first);
    assert_screen("spot_differences_120x40", &d);
    d.press("X").unwrap();
    let store = Store::open(&path).unwrap();
    let case = store.get(&first).unwrap().unwrap();
    assert_eq!(case.label_code(Dimension::Kind), Some("paid"));
    let last = store.history(&first).unwrap().pop().unwrap();
    assert_eq!(
        (last.action.as_str(), last.reviewer.as_str()),
        ("overturn", "kim")
    );
    assert_eq!(
        d.app.cases.by_id(&first).unwrap().label(Dimension::Kind),
        Some(0)
    );
    d.press("D C %").unwrap();
    let text = screen(&d);
    assert!(text.contains("agreement"), "{text}");
}

/// The length of a bar in eighths of a cell: `█` is 8, `▏` 1 … `▉` 7.
fn bar_eighths(bar: &str) -> Option<usize> {
    bar.chars()
        .map(|c| match c {
            '█' => Some(8),
            '▉' => Some(7),
            '▊' => Some(6),
            '▋' => Some(5),
            '▌' => Some(4),
            '▍' => Some(3),
            '▎' => Some(2),
            '▏' => Some(1),
            _ => None,
        })
        .sum()
}

/// Every counted row of the counts panel on screen, as (count, bar in eighths): a code, a
/// count, a share ending in `%`, then the bar (none for an empty bar).
fn panel_bars(text: &str) -> Vec<(String, usize, usize)> {
    let mut rows = Vec::new();
    for line in text.lines() {
        let tokens: Vec<&str> = line
            .split(|c: char| c.is_whitespace() || c == '│')
            .filter(|t| !t.is_empty())
            .collect();
        for i in 2..tokens.len() {
            let is_count =
                |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == ',');
            if !tokens[i].ends_with('%') || !is_count(tokens[i - 1]) {
                continue;
            }
            let count: usize = tokens[i - 1].replace(',', "").parse().unwrap();
            let bar = tokens.get(i + 1).and_then(|t| bar_eighths(t)).unwrap_or(0);
            rows.push((tokens[i - 2].to_string(), count, bar));
        }
    }
    rows
}

/// Every counted row of the panel, from the screens seen while the focus walks through every
/// count (folded sections open as the selection reaches them).
fn every_panel_bar(d: &mut Driver) -> (Vec<(String, usize, usize)>, String) {
    let mut rows = panel_bars(&screen(d));
    let mut seen = screen(d);
    d.press("p").unwrap();
    for _ in 0..casebench::tui::app::panel_items(&d.app).len() {
        let text = screen(d);
        rows.extend(panel_bars(&text));
        seen.push_str(&text);
        d.press("j").unwrap();
    }
    d.press("esc").unwrap();
    (rows, seen)
}

/// One scale per panel: a larger count (of the same view) never draws a shorter bar, and
/// equal counts draw equal bars, across every section; every code was seen.
fn assert_bars_monotonic(d: &mut Driver) {
    let (rows, text) = every_panel_bar(d);
    let mut codes: Vec<&str> = rows
        .iter()
        .map(|r| r.0.as_str())
        .filter(|c| *c != "unlabelled")
        .collect();
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), 2 + 3 + 6 + 13 + 3 + 3, "every code: {codes:?}");
    for a in &rows {
        for b in &rows {
            assert!(
                a.1 > b.1 || a.2 <= b.2,
                "{} ({} cases) draws a longer bar ({}/8) than {} ({} cases, {}/8):\n{text}",
                a.0,
                a.1,
                a.2,
                b.0,
                b.1,
                b.2
            );
        }
    }
}

#[test]
fn the_panel_draws_every_bar_on_one_scale() {
    let (_dir, _path, mut d) = driver(120, 40);
    d.press("tab").unwrap();
    assert_bars_monotonic(&mut d);
    let (_dir, _path, mut d) = driver(80, 24);
    d.press("tab").unwrap();
    assert_bars_monotonic(&mut d);
    let (_dir, _path, mut d) = driver(200, 50);
    assert_bars_monotonic(&mut d);
}

/// The start of `text` on one line, exactly `cells` wide or less (never cut with `…`).
fn prefix(text: &str, cells: usize) -> String {
    let mut out = String::new();
    for ch in casebench::text::one_line(text).chars() {
        if casebench::text::width(&format!("{out}{ch}")) > cells {
            break;
        }
        out.push(ch);
    }
    out
}

/// Every case row of the list shows at least 40 cells of its text.
fn assert_list_text(d: &Driver, what: &str) {
    let text = screen(d);
    let lines: Vec<&str> = text.lines().collect();
    for position in 0..d.app.view.len() {
        let case = d.app.case_at(position).unwrap();
        let line = lines[1 + position];
        let start = prefix(&case.text, 40);
        assert!(
            line.contains(&start),
            "{what}: {} shows less than 40 cells of its text ({start:?}):\n{text}",
            case.id
        );
    }
}

#[test]
fn the_list_keeps_40_cells_of_case_text_at_120x40() {
    let (_dir, _path, mut d) = driver(120, 40);
    assert_list_text(&d, "no rules");
    d.load_rules(casebench::tui::rule_files::RuleSource::Builtin);
    assert_list_text(&d, "rules");
    d.press("r c enter").unwrap();
    assert_list_text(&d, "compare mode");
    // The longest change of outcome between the shipped sets, written in full, not cut.
    d.press("j a").unwrap(); // R-000002: substitute available → the draft declines it
    let text = screen(&d);
    assert!(
        text.contains(
            "│ R-000002 · KK ·· FM ·· AV         decline_substitute → goodwill_package 카카오맵이"
        ),
        "{text}"
    );
    assert_list_text(&d, "compare mode, decline_substitute");
}

#[test]
fn the_panel_on_demand_at_120x40_shows_every_section() {
    let (_dir, _path, mut d) = driver(120, 40);
    d.load_rules(casebench::tui::rule_files::RuleSource::Builtin);
    d.press("tab").unwrap();
    let text = screen(&d);
    for heading in [
        "outcomes · final-2022-12-29",
        "scope · 범위",
        "reporter · 신고인",
        "kind · 피해 유형",
        "substitute · 대체 수단",
        "status · 상태",
        "service · 서비스",
    ] {
        assert!(text.contains(heading), "{heading}:\n{text}");
    }
    assert!(!text.contains('▸'), "nothing folded:\n{text}");
    assert!(
        text.contains("kakao_page"),
        "the last service code:\n{text}"
    );
    assert!(text.contains("of kakao · published"), "{text}");
    assert_screen("panel_120x40", &d);
}

/// The screen's text on one line: borders gone, runs of spaces as one.
fn flat(text: &str) -> String {
    text.replace('│', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn long_detail_lines_wrap_and_the_text_says_where_it_is_at_80x24() {
    let (_dir, _path, mut d) = driver(80, 24);
    d.load_rules(casebench::tui::rule_files::RuleSource::Builtin);
    let text = screen(&d);
    let rules = d.app.judge.a().unwrap();
    let rule = rules.explain(d.app.current().unwrap()).rule;
    assert_eq!(rule.id, "small-business-band-1");
    // The whole rule title, wrapped under the field's value, none of it cut.
    assert!(
        flat(&text).contains(&format!(
            "support_cash (SC) 30,000원 · rule small-business-band-1: {}",
            flat(&rule.title)
        )),
        "{text}"
    );
    assert!(!text.contains("Small business…"), "{text}");
    // R-000001's text is three lines at this width; one fits under the fields.
    assert!(
        text.contains("── lines 1–1 of 3 · 2 more lines: J ctrl-f ──"),
        "{text}"
    );
    assert_screen("rules_80x24", &d);
    // With one row for the text, J moves one line: none is skipped.
    d.press("J").unwrap();
    let text = screen(&d);
    assert!(
        text.contains("── lines 2–2 of 3 · 1 more line: J ctrl-f ──"),
        "{text}"
    );
    d.press("J J").unwrap();
    let text = screen(&d);
    assert!(
        text.contains("── lines 3–3 of 3 · back: K ctrl-b ──"),
        "{text}"
    );
    assert!(text.contains("됩니다."), "{text}");
}

/// A driver over one case with a text of `lines` short lines, at `cols`×`rows`.
fn long_text_driver(lines: usize, cols: u16, rows: u16) -> (tempfile::TempDir, Driver) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.db");
    let mut store = Store::open(&path).unwrap();
    let text: Vec<String> = (1..=lines)
        .map(|i| format!("{i}번째 줄: 카카오톡 채널 예약이 끊겼습니다."))
        .collect();
    let case = casebench::domain::Case::new("L-1", text.join("\n"));
    store
        .create_cases(
            &[case],
            casebench::store::CreateOptions {
                reviewer: "loader",
                action: "import",
                batch: "long",
                on_existing: casebench::store::OnExisting::Fail,
                replace: false,
            },
            &mut |_| {},
        )
        .unwrap();
    let keymap = casebench::tui::keymap::Keymap::builtin();
    let mut d = Driver::new(store, "kim".into(), keymap, Vec::new()).unwrap();
    d.handle(Msg::Resize(cols, rows));
    (dir, d)
}

#[test]
fn a_long_text_pages_by_the_rows_it_is_shown_in() {
    let (_dir, mut d) = long_text_driver(64, 120, 40);
    let text = screen(&d);
    assert!(
        text.contains("── lines 1–14 of 64 · 50 more lines: J ctrl-f ──"),
        "{text}"
    );
    assert!(
        text.contains("14번째 줄") && !text.contains("15번째 줄"),
        "{text}"
    );
    d.press("ctrl-f").unwrap();
    let text = screen(&d);
    assert!(
        text.contains("── lines 15–28 of 64 · 36 more lines"),
        "{text}"
    );
    assert!(
        text.contains("15번째 줄") && !text.contains("14번째 줄"),
        "{text}"
    );
    assert_screen("long_text_120x40", &d);
    // Never past the last page; a page up from there goes back one page.
    for _ in 0..10 {
        d.press("ctrl-f").unwrap();
    }
    let text = screen(&d);
    assert!(
        text.contains("── lines 51–64 of 64 · back: K ctrl-b ──"),
        "{text}"
    );
    d.press("ctrl-b").unwrap();
    assert!(screen(&d).contains("── lines 37–50 of 64 ·"));
    // J scrolled past the end still pages up from the last page shown.
    for _ in 0..40 {
        d.press("J").unwrap();
    }
    d.press("ctrl-b").unwrap();
    assert!(screen(&d).contains("── lines 37–50 of 64 ·"));
    d.press("ctrl-b ctrl-b ctrl-b ctrl-b").unwrap();
    assert!(screen(&d).contains("── lines 1–14 of 64 ·"));
}

#[test]
fn one_more_line_is_singular() {
    // 80x24: the detail shows five lines of the text under the fields.
    let (_dir, d) = long_text_driver(6, 80, 24);
    let text = screen(&d);
    assert!(
        text.contains("── lines 1–5 of 6 · 1 more line: J ctrl-f ──"),
        "{text}"
    );
}

#[test]
fn every_size_draws_within_its_width_with_the_panel_and_rules() {
    let (_dir, _path, mut d) = driver(80, 24);
    d.load_rules(casebench::tui::rule_files::RuleSource::Builtin);
    d.press("r c enter").unwrap();
    for cols in (60..=220).step_by(9) {
        for rows in (16..=60).step_by(4) {
            d.handle(Msg::Resize(cols, rows));
            for keys in [
                "",
                "tab",
                "p",
                "j j j j j j j j j j j j j j j j j j j j",
                "esc tab",
            ] {
                if !keys.is_empty() {
                    d.press(keys).unwrap();
                }
                let text = screen(&d);
                for line in text.lines() {
                    assert!(
                        casebench::text::width(line) <= usize::from(cols),
                        "{cols}x{rows} after {keys:?}: {line}"
                    );
                }
            }
        }
    }
}

/// The workbench drawn through the real backend into a terminal emulator (`vt100`, which
/// measures code point by code point as xterm, VTE and tmux do), beside what ratatui's buffer
/// holds: the two must agree after every key.
struct RealTerminal {
    terminal: Terminal<CompactBackend<Vec<u8>>>,
    parser: vt100::Parser,
}

impl RealTerminal {
    fn new(cols: u16, rows: u16) -> Self {
        let backend = CompactBackend::with_size(Vec::new(), cols, rows, ColorMode::Palette256);
        let mut terminal = Terminal::new(backend).unwrap();
        terminal.clear().unwrap();
        Self {
            terminal,
            parser: vt100::Parser::new(rows, cols, 0),
        }
    }

    /// Draws the workbench; asserts the emulator shows, row by row, what the buffer holds.
    fn draw(&mut self, d: &Driver) {
        let buffer = self
            .terminal
            .draw(|frame| ui::render(&d.app, frame))
            .unwrap()
            .buffer
            .clone();
        let bytes = std::mem::take(self.terminal.backend_mut().writer_mut());
        self.parser.process(&bytes);
        let shown = self.parser.screen().contents();
        let shown: Vec<&str> = shown.lines().map(str::trim_end).collect();
        let area = buffer.area;
        for y in area.top()..area.bottom() {
            let mut row = String::new();
            let mut x = area.left();
            while x < area.right() {
                let symbol = buffer[(x, y)].symbol();
                row.push_str(symbol);
                x += casebench::text::width(symbol).max(1) as u16;
            }
            let on_screen = shown.get(usize::from(y)).copied().unwrap_or("");
            assert_eq!(on_screen, row.trim_end(), "row {y}");
        }
    }
}

#[test]
fn emoji_sequences_leave_no_glyph_behind_after_j() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("emoji.db");
    let texts = [
        "태극기 \u{1F1F0}\u{1F1F7} 달고 응원합니다. 복구 감사합니다 \u{1F44D}\u{1F3FD}",
        "짧은 글",
        "가족 \u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467} 모두 연락이 끊겼어요 \u{2764}\u{FE0F} 1\u{FE0F}\u{20E3}번 문의",
        "끝",
        "하트 \u{2764}\u{FE0E} 시계 \u{231A}\u{FE0E} 국기 \u{1F1F0}\u{1F1F7}\u{1F1EF} 깃발 \u{1F3F3}\u{FE0F}\u{200D}\u{1F308}",
        "마지막",
    ];
    let cases: Vec<Case> = texts
        .iter()
        .enumerate()
        .map(|(i, text)| Case::new(format!("R-{:06}", i + 1), *text))
        .collect();
    Store::open(&path)
        .unwrap()
        .create_cases(
            &cases,
            CreateOptions {
                reviewer: "loader",
                action: "import",
                batch: "emoji",
                on_existing: OnExisting::Fail,
                replace: false,
            },
            &mut |_| {},
        )
        .unwrap();
    let mut d = Driver::new(
        Store::open(&path).unwrap(),
        "kim".into(),
        Keymap::builtin(),
        Vec::new(),
    )
    .unwrap();
    d.handle(Msg::Resize(80, 24));
    let mut real = RealTerminal::new(80, 24);
    real.draw(&d);
    let first = real.parser.screen().contents();
    assert!(first.contains("태극기 ⟨KR⟩ 달고"), "{first}");
    for _ in 0..texts.len() {
        d.press("j").unwrap();
        real.draw(&d);
    }
    for _ in 0..texts.len() {
        d.press("k").unwrap();
        real.draw(&d);
    }
    let screen = real.parser.screen().contents();
    assert!(
        !screen.contains([
            '\u{1F1F0}',
            '\u{1F1F7}',
            '\u{1F3FD}',
            '\u{FE0F}',
            '\u{FE0E}'
        ]),
        "{screen}"
    );
}

/// Suggestions for the fixture as a model would store them: R-000001's kind contradicted with
/// confidence 0.95 (marked in the list), R-000004's labels and its amount read from the text.
fn with_suggestions(d: &mut Driver, path: &std::path::Path) {
    use casebench::domain::{CaseSuggestion, Suggested, SuggestedAmount};
    let mut store = Store::open(path).unwrap();
    let model = common::placeholder_model(&mut store, "kim", 10);
    let label = |dim: Dimension, code: &str, confidence: f32| {
        Some(Suggested {
            code: dim.parse_code(code).unwrap(),
            confidence,
        })
    };
    let mut first = CaseSuggestion {
        model,
        ..CaseSuggestion::default()
    };
    first.labels[Dimension::Scope.index()] = label(Dimension::Scope, "kakao", 0.99);
    first.labels[Dimension::Kind.index()] = label(Dimension::Kind, "inquiry", 0.95);
    let text =
        "업비트 로그인이 카카오 로그인이라 하루 종일 거래를 못 했어요. 손해가 50,000원입니다.";
    let start = text.find("50,000원").unwrap();
    let mut fourth = CaseSuggestion {
        model,
        ..CaseSuggestion::default()
    };
    fourth.labels[Dimension::Scope.index()] = label(Dimension::Scope, "kakao", 0.97);
    fourth.labels[Dimension::Reporter.index()] = label(Dimension::Reporter, "individual", 0.88);
    fourth.labels[Dimension::Kind.index()] = label(Dimension::Kind, "free_monetary", 0.81);
    fourth.labels[Dimension::Service.index()] = label(Dimension::Service, "kakao_login", 0.93);
    fourth.amount = Some(SuggestedAmount {
        won: 50_000,
        confidence: 0.9,
        start,
        end: start + "50,000원".len(),
        why: "the loss stated: 손해가 50,000원".into(),
    });
    let list = vec![
        ("R-000001".to_string(), first),
        ("R-000004".to_string(), fourth),
    ];
    store.save_suggestions("kim", &list).unwrap();
    d.handle(Msg::Suggestions { list, fresh: true });
}

#[test]
fn suggestions_beside_the_labels_and_marks_in_the_list_at_80x24() {
    let (_dir, path, mut d) = driver(80, 24);
    with_suggestions(&mut d, &path);
    d.press("j j j").unwrap(); // R-000004
    assert_screen("suggestions_80x24", &d);
}

#[test]
fn the_counts_the_suggestions_would_give_at_120x40() {
    let (_dir, path, mut d) = driver(120, 40);
    with_suggestions(&mut d, &path);
    d.press("tab Y").unwrap();
    assert_screen("suggested_counts_120x40", &d);
}
