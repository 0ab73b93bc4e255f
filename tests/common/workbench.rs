//! A workbench driven headless over a temporary database of hand-written Korean cases.
#![allow(dead_code)]

use casebench::domain::{Case, Dimension, Status};
use casebench::store::{CreateOptions, OnExisting, Role, Store};
use casebench::tui::driver::Driver;
use casebench::tui::keymap::Keymap;
use tempfile::TempDir;

/// Ten cases with Korean texts: labelled, unlabelled, reviewed, one with hostile bytes.
pub fn fixture_cases() -> Vec<Case> {
    let texts = [
        "미용실 예약을 카카오톡 채널로만 받는데 15일 토요일 오후 내내 예약 문의를 하나도 못 받았습니다. 손님 여섯 분이 그냥 돌아가셨고 매출 손실이 30만 원 정도 됩니다.",
        "카카오맵이 안 돼서 배달을 세 건이나 늦었어요 ㅠㅠ",
        "이모티콘 플러스 구독 중인데 이틀 동안 못 썼습니다. 기간 연장해 주세요.",
        "업비트 로그인이 카카오 로그인이라 하루 종일 거래를 못 했어요. 손해가 50,000원입니다.",
        "보상은 언제 어떻게 받을 수 있나요?",
        "데이터센터 하나 불났다고 전 국민이 연락을 못 하는 게 말이 됩니까!!!",
        "Engineers, thank you for fixing it over the weekend. 힘내세요!",
        "생일 선물로 보낸 커피 쿠폰이 날짜가 지나서야 도착했습니다 \u{1b}[2J\u{1b}]0;pwned\u{7} 확인 부탁드립니다\u{202e}",
        "카카오 T 호출이 안 돼서 콜을 못 받았습니다. 약 12만 원 손실.",
        "톡서랍 플러스 백업 파일이 안 열렸어요.",
    ];
    texts
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let mut case = Case::new(format!("R-{:06}", i + 1), *text);
            case.received_at = Some(format!(
                "2022-10-{:02}T09:{:02}:00+09:00",
                19 + i / 3,
                i * 5
            ));
            case.channel = Some(if i % 2 == 0 { "web" } else { "talk_channel" }.into());
            case
        })
        .collect()
}

/// A temporary database holding the fixture, with a few labels already set.
pub fn fixture_store() -> (TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("review.db");
    let mut store = Store::open(&path).unwrap();
    let mut cases = fixture_cases();
    let set = |c: &mut Case, dim: Dimension, code: &str| {
        c.set_label(dim, Some(dim.parse_code(code).unwrap()))
    };
    set(&mut cases[0], Dimension::Scope, "kakao");
    set(&mut cases[0], Dimension::Reporter, "small_business");
    set(&mut cases[0], Dimension::Kind, "free_monetary");
    set(&mut cases[0], Dimension::Service, "talk_channel");
    set(&mut cases[0], Dimension::Substitute, "unavailable");
    cases[0].amount_krw = Some(300_000);
    set(&mut cases[1], Dimension::Scope, "kakao");
    set(&mut cases[1], Dimension::Kind, "free_monetary");
    set(&mut cases[2], Dimension::Scope, "kakao");
    set(&mut cases[2], Dimension::Kind, "paid");
    cases[2].status = Status::Reviewed;
    set(&mut cases[8], Dimension::Scope, "affiliate");
    store
        .create_cases(
            &cases,
            CreateOptions {
                reviewer: "loader",
                action: "import",
                batch: "fixture",
                on_existing: OnExisting::Fail,
                replace: false,
            },
            &mut |_| {},
        )
        .unwrap();
    // kim, the workbench's reviewer in these tests, is a lead: saving team views and large
    // bulk changes are lead-only.
    store.set_role("kim", Role::Lead, "kim").unwrap();
    (dir, path)
}

/// A driver on a fresh fixture database, as reviewer `kim`, terminal `cols`×`rows`.
pub fn driver(cols: u16, rows: u16) -> (TempDir, std::path::PathBuf, Driver) {
    let (dir, path) = fixture_store();
    let store = Store::open(&path).unwrap();
    let mut driver = Driver::new(store, "kim".into(), Keymap::builtin(), Vec::new()).unwrap();
    driver.handle(casebench::tui::app::Msg::Resize(cols, rows));
    (dir, path, driver)
}

/// Another workbench session on the same database, as `who`.
pub fn session(path: &std::path::Path, who: &str) -> Driver {
    Driver::new(
        Store::open(path).unwrap(),
        who.into(),
        Keymap::builtin(),
        Vec::new(),
    )
    .unwrap()
}

/// `who` changes a case from another connection, as a second reviewer would.
pub fn change_as(
    path: &std::path::Path,
    who: &str,
    id: &str,
    changes: &[casebench::domain::Change],
) {
    Store::open(path)
        .unwrap()
        .apply_change(&casebench::store::ChangeRequest {
            case_id: id,
            expected_version: None,
            reviewer: who,
            action: casebench::store::AuditAction::Label,
            batch: None,
            changes,
        })
        .unwrap();
}

/// The workbench's screen at `cols`×`rows` as text, a line per row (wide characters once).
pub fn screen_text(d: &Driver, cols: u16, rows: u16) -> String {
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(cols, rows)).unwrap();
    terminal
        .draw(|frame| casebench::tui::ui::render(&d.app, frame))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let mut text = String::new();
    for y in 0..rows {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..cols {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = casebench::text::width(symbol).saturating_sub(1);
            line.push_str(symbol);
        }
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text
}
