//! The workbench driven headless through the real keymap → action → update → store path:
//! keys change exactly the labels, statuses and counts expected, and the database agrees.

mod common;

use casebench::domain::{Change, Dimension, Status};
use casebench::store::Store;
use casebench::tui::app::{Screen, Tone};
use common::workbench::{change_as, driver, session};

fn code(dim: Dimension, text: &str) -> Option<u8> {
    Some(dim.parse_code(text).unwrap())
}

#[test]
fn label_keys_save_at_once_and_move_the_counts() {
    let (_dir, path, mut d) = driver(80, 24);
    assert_eq!(
        d.app
            .view
            .counts
            .label(Dimension::Kind, code(Dimension::Kind, "free_monetary")),
        2
    );
    d.press("j 3").unwrap(); // R-000002: free_monetary → inquiry
    let case = d.app.current().unwrap();
    assert_eq!(case.id, "R-000002");
    assert_eq!(
        case.label(Dimension::Kind),
        code(Dimension::Kind, "inquiry")
    );
    assert_eq!(case.version, 2);
    let counts = &d.app.view.counts;
    assert_eq!(
        counts.label(Dimension::Kind, code(Dimension::Kind, "free_monetary")),
        1
    );
    assert_eq!(
        counts.label(Dimension::Kind, code(Dimension::Kind, "inquiry")),
        1
    );

    d.press("b a o").unwrap(); // small business, substitute available, scope kakao → affiliate
    let store = Store::open(&path).unwrap();
    let saved = store.get("R-000002").unwrap().unwrap();
    assert_eq!(saved.label_code(Dimension::Kind), Some("inquiry"));
    assert_eq!(
        saved.label_code(Dimension::Reporter),
        Some("small_business")
    );
    assert_eq!(saved.label_code(Dimension::Substitute), Some("available"));
    assert_eq!(saved.label_code(Dimension::Scope), Some("affiliate"));
    assert_eq!(saved.version, 5);
    assert_eq!(saved.updated_by.as_deref(), Some("kim"));
    let history = store.history("R-000002").unwrap();
    let fields: Vec<&str> = history.iter().skip(1).map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["kind", "reporter", "substitute", "scope"]);
    assert!(history
        .iter()
        .skip(1)
        .all(|e| e.action == "label" && e.reviewer == "kim"));
    assert_eq!(
        d.app.view.counts,
        casebench::domain::Counts::of(store.load_all().unwrap().iter())
    );
}

#[test]
fn pressing_the_value_already_set_writes_nothing() {
    let (_dir, path, mut d) = driver(80, 24);
    d.press("2").unwrap(); // R-000001 is already free_monetary
    assert_eq!(
        d.app.message.as_ref().unwrap().text,
        "kind is already free_monetary"
    );
    assert_eq!(Store::open(&path).unwrap().audit_count().unwrap(), 10);
}

#[test]
fn enter_confirms_and_jumps_to_the_next_unreviewed_case() {
    let (_dir, path, mut d) = driver(80, 24);
    d.press("j enter").unwrap(); // R-000002 reviewed; R-000003 is reviewed already → R-000004
    assert_eq!(d.app.current().unwrap().id, "R-000004");
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.get("R-000002").unwrap().unwrap().status,
        Status::Reviewed
    );
    assert_eq!(d.app.view.counts.status(Status::Reviewed), 2);
    assert_eq!(d.app.stats.confirmed, 1);
    d.press("N").unwrap();
    assert_eq!(
        d.app.current().unwrap().id,
        "R-000001",
        "previous unreviewed skips 2 and 3"
    );
    d.press("!").unwrap();
    assert_eq!(
        store.get("R-000001").unwrap().unwrap().status,
        Status::Escalated
    );
    assert_eq!(d.app.current().unwrap().status, Status::Escalated);
}

#[test]
fn movement_keys() {
    let (_dir, _path, mut d) = driver(80, 24);
    d.press("G").unwrap();
    assert_eq!(d.app.cursor, 9);
    d.press("g").unwrap();
    assert_eq!(d.app.cursor, 0);
    d.press("ctrl-d").unwrap();
    assert_eq!(d.app.cursor, 6, "a page is the list's 6 rows at 80×24");
    assert_eq!(d.app.offset, 1);
    d.press("ctrl-u k down up").unwrap();
    assert_eq!(d.app.cursor, 0);
    d.press("n").unwrap();
    assert_eq!(d.app.current().unwrap().id, "R-000002");
}

#[test]
fn undo_and_redo_walk_my_changes_as_recorded_changes() {
    let (_dir, path, mut d) = driver(80, 24);
    d.press("4 i").unwrap(); // R-000001: kind opinion, reporter individual
    d.press("u").unwrap();
    let store = Store::open(&path).unwrap();
    let case = store.get("R-000001").unwrap().unwrap();
    assert_eq!(case.label_code(Dimension::Reporter), Some("small_business"));
    assert_eq!(case.label_code(Dimension::Kind), Some("opinion"));
    d.press("u").unwrap();
    let case = store.get("R-000001").unwrap().unwrap();
    assert_eq!(case.label_code(Dimension::Kind), Some("free_monetary"));
    d.press("ctrl-r").unwrap();
    let case = store.get("R-000001").unwrap().unwrap();
    assert_eq!(case.label_code(Dimension::Kind), Some("opinion"));
    let actions: Vec<String> = store
        .history("R-000001")
        .unwrap()
        .into_iter()
        .skip(1)
        .map(|e| format!("{} {}", e.action, e.field))
        .collect();
    assert_eq!(
        actions,
        [
            "label kind",
            "label reporter",
            "undo reporter",
            "undo kind",
            "redo kind"
        ]
    );
    assert_eq!(
        d.app.message.as_ref().unwrap().text,
        "redone R-000001: kind → opinion"
    );
    d.press("ctrl-r ctrl-r").unwrap();
    assert_eq!(d.app.message.as_ref().unwrap().text, "nothing to redo");
}

#[test]
fn a_change_by_someone_else_meanwhile_is_refused_and_the_case_reloads() {
    let (_dir, path, mut d) = driver(80, 24);
    let other = Store::open(&path).unwrap();
    change_as(
        &path,
        "lee",
        "R-000001",
        &[Change::Label(Dimension::Kind, Some(0))],
    );
    d.press("3").unwrap();
    let message = d.app.message.clone().unwrap();
    assert_eq!(message.tone, Tone::Error);
    assert!(
        message
            .text
            .starts_with("case R-000001 was changed by lee at "),
        "{}",
        message.text
    );
    let case = d.app.current().unwrap();
    assert_eq!(
        case.label(Dimension::Kind),
        Some(0),
        "reloaded with lee's label"
    );
    assert_eq!(case.version, 2);
    assert_eq!(
        other
            .get("R-000001")
            .unwrap()
            .unwrap()
            .label_code(Dimension::Kind),
        Some("paid")
    );
    d.press("3").unwrap();
    assert_eq!(
        other
            .get("R-000001")
            .unwrap()
            .unwrap()
            .label_code(Dimension::Kind),
        Some("inquiry")
    );
}

#[test]
fn other_reviewers_changes_arrive_without_a_key() {
    let (_dir, path, mut d) = driver(80, 24);
    for (id, kind) in [("R-000001", 0u8), ("R-000005", 5)] {
        change_as(
            &path,
            "lee",
            id,
            &[Change::Label(Dimension::Kind, Some(kind))],
        );
    }
    std::thread::sleep(casebench::tui::runner::POLL_EVERY);
    assert!(d.poll_others());
    assert_eq!(
        d.app
            .cases
            .by_id("R-000005")
            .unwrap()
            .label(Dimension::Kind),
        Some(5)
    );
    assert_eq!(d.app.view.counts.label(Dimension::Kind, Some(5)), 1);
    let message = d.app.message.clone().unwrap();
    assert_eq!(message.tone, Tone::Notice);
    assert_eq!(message.text, "R-000001 was just changed by lee (kind)");
    std::thread::sleep(casebench::tui::runner::POLL_EVERY);
    assert!(!d.poll_others(), "nothing new");
}

#[test]
fn the_service_picker_narrows_as_you_type() {
    let (_dir, path, mut d) = driver(80, 24);
    d.press("j s").unwrap();
    assert!(matches!(d.app.screen(), Screen::Picker(_)));
    d.type_text("맵");
    let Screen::Picker(picker) = d.app.screen() else {
        panic!()
    };
    assert_eq!(picker.items(), [3], "only kakaomap");
    d.press("enter").unwrap();
    assert_eq!(d.app.screen(), &Screen::Cases);
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store
            .get("R-000002")
            .unwrap()
            .unwrap()
            .label_code(Dimension::Service),
        Some("kakaomap")
    );
    d.press("s").unwrap();
    d.type_text("pay");
    d.press("esc").unwrap();
    assert_eq!(
        store
            .get("R-000002")
            .unwrap()
            .unwrap()
            .label_code(Dimension::Service),
        Some("kakaomap")
    );
}

#[test]
fn the_service_picker_takes_initials_as_search_does() {
    let (_dir, path, mut d) = driver(80, 24);
    let service = |id: &str| {
        Store::open(&path)
            .unwrap()
            .get(id)
            .unwrap()
            .unwrap()
            .label_code(Dimension::Service)
            .map(str::to_string)
    };
    d.press("s").unwrap();
    d.type_text("ㅋㅋㅇㅌ");
    let Screen::Picker(picker) = d.app.screen() else {
        panic!()
    };
    // 카카오톡 and 카카오톡 채널 have these initials too; 카카오 T answers with T read 티.
    assert_eq!(picker.items(), [0, 2, 8]);
    d.press("down down enter").unwrap();
    assert_eq!(d.app.screen(), &Screen::Cases);
    assert_eq!(service("R-000001").as_deref(), Some("kakao_t"));

    d.press("j s").unwrap();
    d.type_text("ㅋㅋㅇT");
    let Screen::Picker(picker) = d.app.screen() else {
        panic!()
    };
    assert_eq!(picker.items(), [8], "카카오 T alone");
    d.press("enter").unwrap();
    assert_eq!(service("R-000002").as_deref(), Some("kakao_t"));

    d.press("s").unwrap();
    d.type_text("kl");
    let Screen::Picker(picker) = d.app.screen() else {
        panic!()
    };
    assert_eq!(
        picker.items(),
        Vec::<u8>::new(),
        "k…l spread out: the floor"
    );
    d.press("esc").unwrap();
    assert_eq!(service("R-000002").as_deref(), Some("kakao_t"));
}

#[test]
fn the_bulk_picker_and_the_views_list_take_initials_too() {
    let (_dir, _path, mut d) = driver(80, 24);
    d.press("space B").unwrap();
    d.type_text("ㅋㅋㅇT");
    let Screen::BulkLabel(bulk) = d.app.screen() else {
        panic!()
    };
    let labels: Vec<String> = bulk.shown().into_iter().map(|c| c.label).collect();
    assert_eq!(labels, ["service = kakao_t  카카오 T"]);
    d.press("esc").unwrap();
    d.press("v").unwrap();
    d.type_text("over 500000");
    let Screen::Views(list) = d.app.screen() else {
        panic!()
    };
    let names: Vec<&str> = list.shown().iter().map(|i| i.spec.name.as_str()).collect();
    assert_eq!(
        names,
        ["large claims (over 500,000 won)"],
        "the separator left out"
    );
}

#[test]
fn amount_and_note_prompts_check_and_save() {
    let (_dir, path, mut d) = driver(80, 24);
    d.press("$").unwrap();
    let Screen::Prompt(prompt) = d.app.screen() else {
        panic!()
    };
    assert_eq!(
        prompt.input.value(),
        "300,000",
        "starts from the current amount"
    );
    d.press("ctrl-u").unwrap();
    d.type_text("15일");
    d.press("enter").unwrap();
    let Screen::Prompt(prompt) = d.app.screen() else {
        panic!("a bad amount keeps the prompt open")
    };
    assert_eq!(prompt.errors, ["\"15일\" is a date, not an amount"]);
    d.press("ctrl-u").unwrap();
    d.type_text("500,001");
    d.press("enter").unwrap();
    d.press("m").unwrap();
    d.type_text("증빙 요청함 (영수증)");
    d.press("enter").unwrap();
    let store = Store::open(&path).unwrap();
    let case = store.get("R-000001").unwrap().unwrap();
    assert_eq!(case.amount_krw, Some(500_001));
    assert_eq!(case.note.as_deref(), Some("증빙 요청함 (영수증)"));
    d.press("$ ctrl-u enter").unwrap();
    assert_eq!(
        store.get("R-000001").unwrap().unwrap().amount_krw,
        None,
        "empty clears"
    );
}

#[test]
fn the_amount_prompt_reads_money_as_claims_write_it() {
    let (_dir, path, mut d) = driver(80, 24);
    d.press("j $").unwrap();
    let Screen::Prompt(prompt) = d.app.screen() else {
        panic!("$ opens the amount prompt")
    };
    assert_eq!(prompt.input.value(), "", "R-000002 has no amount yet");
    d.type_text("80만 원");
    d.press("enter").unwrap();
    assert_eq!(d.app.screen(), &Screen::Cases, "the prompt closes");
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.get("R-000002").unwrap().unwrap().amount_krw,
        Some(800_000)
    );
    d.press("$").unwrap();
    let Screen::Prompt(prompt) = d.app.screen() else {
        panic!()
    };
    assert_eq!(prompt.input.value(), "800,000", "shown again as digits");
}

#[test]
fn typed_letters_in_a_prompt_are_text_not_commands() {
    let (_dir, path, mut d) = driver(80, 24);
    d.press("m").unwrap();
    d.press("q j k 2").unwrap();
    d.press("enter").unwrap();
    assert!(!d.should_quit());
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.get("R-000001").unwrap().unwrap().note.as_deref(),
        Some("qjk2")
    );
    assert_eq!(d.app.cursor, 0);
    d.press("q").unwrap();
    assert!(d.should_quit());
}

#[test]
fn a_bad_user_keymap_still_opens_with_the_default_for_the_bad_keys() {
    use casebench::tui::keymap::Keymap;
    let (_dir, path) = common::workbench::fixture_store();
    let (keymap, errors) = Keymap::with_overrides(
        "[normal]\n\"q\" = \"quitt\"\n\"z\" = \"set-kind-paid\"\n",
        "my-keys.toml",
    );
    let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
    let store = Store::open(&path).unwrap();
    let mut d = casebench::tui::driver::Driver::new(store, "kim".into(), keymap, errors).unwrap();
    let message = d.app.message.clone().unwrap();
    assert_eq!(message.tone, Tone::Error);
    assert_eq!(
        message.text,
        "keymap: my-keys.toml:2: key \"q\": unknown action \"quitt\" (did you mean \"quit\"?); using the default for those keys"
    );
    d.press("j z").unwrap();
    assert_eq!(
        d.app.current().unwrap().label(Dimension::Kind),
        Some(0),
        "the good override works"
    );
    d.press("q").unwrap();
    assert!(d.should_quit(), "the default stands in for the bad key");
}

#[test]
fn a_notice_names_only_what_others_changed() {
    let (_dir, path, mut d) = driver(80, 24);
    d.press("5").unwrap(); // my change: R-000001 kind → protest
    change_as(
        &path,
        "lee",
        "R-000001",
        &[Change::Note(Some("확인 필요".into()))],
    );
    std::thread::sleep(casebench::tui::runner::POLL_EVERY);
    assert!(d.poll_others());
    assert_eq!(
        d.app.message.as_ref().unwrap().text,
        "R-000001 was just changed by lee (note)"
    );
    let case = d.app.current().unwrap();
    assert_eq!((case.version, case.note.as_deref()), (3, Some("확인 필요")));
    assert_eq!(
        case.label(Dimension::Kind),
        Some(4),
        "my change is still there"
    );
}

#[test]
fn the_filter_line_applies_as_it_parses_and_shows_the_error_column() {
    let (_dir, _path, mut d) = driver(80, 24);
    d.press("f").unwrap();
    d.type_text("kind=free_monetary");
    assert_eq!(d.app.view.len(), 2, "applied while typing");
    d.press("backspace").unwrap();
    let Screen::Filter(line) = d.app.screen() else {
        panic!()
    };
    assert_eq!(
        line.error.as_ref().unwrap().column,
        6,
        "free_monetar is not a kind"
    );
    assert_eq!(
        d.app.view.len(),
        2,
        "the last expression that parsed still stands"
    );
    d.press("ctrl-u").unwrap();
    d.type_text("sco");
    d.press("tab").unwrap();
    // `scope` also begins `scope_confidence`: the first tab offers both, the second takes it.
    let Screen::Filter(line) = d.app.screen() else {
        panic!()
    };
    assert_eq!(line.input.value(), "scope");
    assert_eq!(line.candidates, ["scope", "scope_confidence"]);
    d.press("tab").unwrap();
    d.type_text("k");
    d.press("tab").unwrap();
    let Screen::Filter(line) = d.app.screen() else {
        panic!()
    };
    assert_eq!(line.input.value(), "scope=kakao ");
    d.press("enter").unwrap();
    assert_eq!(d.app.view.len(), 3);
    assert_eq!(
        d.app.message.as_ref().unwrap().text,
        "3 cases match scope=kakao"
    );
    assert_eq!(d.app.view.counts.total(), 3, "the counts describe the view");
    d.press("f").unwrap();
    d.type_text("kind=paid");
    d.press("esc").unwrap();
    assert_eq!(d.app.view.len(), 3, "cancel restores the view");
    d.press("F").unwrap();
    assert_eq!(d.app.view.len(), 10);
}

#[test]
fn queues_and_saved_views_are_listed_with_counts_and_shared() {
    let (_dir, path, mut d) = driver(80, 24);
    d.press("v").unwrap();
    let Screen::Views(list) = d.app.screen() else {
        panic!()
    };
    let counts: Vec<(String, usize)> = list
        .items
        .iter()
        .map(|i| (i.spec.name.clone(), i.count))
        .collect();
    assert_eq!(
        counts,
        [
            ("all cases".to_string(), 10),
            ("unreviewed".to_string(), 9),
            ("escalated".to_string(), 0),
            ("mine today".to_string(), 0),
            ("large claims (over 500,000 won)".to_string(), 0),
        ]
    );
    d.type_text("unrev");
    d.press("enter").unwrap();
    assert_eq!(d.app.view.len(), 9);
    d.press("2").unwrap(); // R-000001 is already free_monetary: nothing
    d.press("j 1").unwrap(); // R-000002 → paid: now "mine today"
    d.press("f").unwrap();
    d.type_text("kind=paid");
    d.press("enter S").unwrap();
    d.type_text("unreviewed paid");
    d.press("enter").unwrap();
    let store = Store::open(&path).unwrap();
    let saved = store.views().unwrap();
    assert_eq!(saved.len(), 1);
    assert_eq!(
        (saved[0].name.as_str(), saved[0].filter.as_str()),
        ("unreviewed paid", "status=new kind=paid")
    );
    assert_eq!(saved[0].updated_by, "kim");

    // Another reviewer sees it in their list, with its live count.
    let mut other = session(&path, "lee");
    other.press("v").unwrap();
    let Screen::Views(list) = other.app.screen() else {
        panic!()
    };
    let item = list.items.iter().find(|i| i.saved).unwrap();
    assert_eq!(
        (item.spec.name.as_str(), item.count),
        ("unreviewed paid", 1)
    );
    d.press("v").unwrap();
    d.type_text("mine");
    d.press("enter").unwrap();
    assert_eq!(d.app.view.len(), 1, "mine today: R-000002");
}

#[test]
fn enter_on_a_count_in_the_panel_drills_into_those_cases() {
    let (_dir, _path, mut d) = driver(120, 40);
    d.press("p").unwrap();
    let items = casebench::tui::app::panel_items(&d.app);
    let target = items
        .iter()
        .position(|i| *i == casebench::tui::app::PanelItem::Label(Dimension::Kind, Some(1)))
        .unwrap();
    for _ in 0..target {
        d.press("j").unwrap();
    }
    d.press("enter").unwrap();
    assert_eq!(d.app.spec.filter, "kind=free_monetary");
    assert_eq!(d.app.view.len(), 2);
    assert_eq!(
        d.app.message.as_ref().unwrap().text,
        "2 cases with kind=free_monetary"
    );
}

#[test]
fn a_drill_into_one_case_says_1_case() {
    let (_dir, _path, mut d) = driver(120, 40);
    d.press("p").unwrap();
    let items = casebench::tui::app::panel_items(&d.app);
    let affiliate = casebench::tui::app::PanelItem::Label(Dimension::Scope, Some(1));
    let target = items.iter().position(|i| *i == affiliate).unwrap();
    for _ in 0..target {
        d.press("j").unwrap();
    }
    d.press("enter").unwrap();
    assert_eq!(d.app.view.len(), 1, "R-000009");
    assert_eq!(
        d.app.message.as_ref().unwrap().text,
        "1 case with scope=affiliate"
    );
}

#[test]
fn a_batch_is_reverted_from_the_history_after_a_preview() {
    let (_dir, path, mut d) = driver(120, 40);
    d.press("space space space B").unwrap(); // R-000001..3
    d.type_text("kind opin");
    d.press("enter enter").unwrap(); // preview, apply: one batch of 3
    let store = Store::open(&path).unwrap();
    let batch: String = store
        .connection()
        .unwrap()
        .query_row(
            "SELECT batch FROM audit WHERE action = 'bulk' LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    // lee changes R-000002 afterwards: the revert must leave it alone.
    change_as(
        &path,
        "lee",
        "R-000002",
        &[Change::Label(Dimension::Kind, Some(2))],
    );
    d.poll_others();
    d.press("g h G").unwrap(); // R-000001's history, its latest change (the bulk one)
    let before = store.audit_count().unwrap();
    d.press("R").unwrap();
    let Screen::RevertPreview(preview) = d.app.screen() else {
        panic!("R shows a preview first: {:?}", d.app.message)
    };
    assert_eq!(
        preview.lines[0],
        format!("batch {batch} changed 3 cases: 2 would be restored, 1 skipped (changed since)")
    );
    assert!(
        preview.lines[1].starts_with("restore R-000001: kind opinion → "),
        "{:?}",
        preview.lines
    );
    assert!(
        preview
            .lines
            .iter()
            .any(|l| l.starts_with("skip R-000002: kind changed since by lee at ")),
        "{:?}",
        preview.lines
    );
    assert_eq!(store.audit_count().unwrap(), before, "nothing written yet");
    d.press("enter").unwrap();
    assert_eq!(
        d.app.screen(),
        &Screen::Cases,
        "the preview and the history close"
    );
    let message = d.app.message.clone().unwrap();
    assert!(
        message.text.starts_with(&format!(
            "reverted batch {batch}: 2 cases restored, 1 case left alone (changed since) (as batch revert-"
        )),
        "{}",
        message.text
    );
    let kind = |id: &str| store.get(id).unwrap().unwrap().label_code(Dimension::Kind);
    assert_eq!(
        (kind("R-000001"), kind("R-000002"), kind("R-000003")),
        (Some("free_monetary"), Some("inquiry"), Some("paid"))
    );
    let reverts: i64 = store
        .connection()
        .unwrap()
        .query_row(
            "SELECT count(DISTINCT batch) FROM audit WHERE action = 'revert'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(reverts, 1, "one new batch");
    assert_eq!(
        d.app
            .cases
            .by_id("R-000001")
            .unwrap()
            .label_code(Dimension::Kind),
        Some("free_monetary")
    );
}

#[test]
fn a_change_without_a_batch_is_not_reverted_from_the_history() {
    let (_dir, _path, mut d) = driver(80, 24);
    d.press("3 h G R").unwrap();
    assert!(matches!(d.app.screen(), Screen::History(_)));
    assert!(d
        .app
        .message
        .as_ref()
        .unwrap()
        .text
        .starts_with("this change is not part of a batch"));
}

#[test]
fn a_bulk_change_previews_then_applies_as_one_batch_and_undoes_as_one() {
    let (_dir, path, mut d) = driver(80, 24);
    d.press("space space space").unwrap(); // R-000001..3
    assert_eq!(d.app.marks.len(), 3);
    // Someone changes R-000003 after it was marked: it will be skipped.
    change_as(
        &path,
        "lee",
        "R-000003",
        &[Change::Note(Some("보류".into()))],
    );
    d.press("B").unwrap();
    d.type_text("kind opin");
    d.press("enter").unwrap();
    let Screen::BulkPreview(preview) = d.app.screen() else {
        panic!("a preview first")
    };
    assert_eq!((preview.preview.cases, preview.preview.changing), (3, 3));
    assert_eq!(
        Store::open(&path).unwrap().audit_count().unwrap(),
        11,
        "nothing written yet"
    );
    d.press("enter").unwrap();
    let message = d.app.message.clone().unwrap();
    assert!(
        message
            .text
            .starts_with("kind = opinion  의견 → saved 2 cases (batch bulk-"),
        "{}",
        message.text
    );
    assert!(
        message
            .text
            .ends_with("skipped 1 changed by someone else since: R-000003"),
        "{}",
        message.text
    );
    assert!(d.app.marks.is_empty());
    let store = Store::open(&path).unwrap();
    let kinds: Vec<Option<&str>> = ["R-000001", "R-000002", "R-000003"]
        .iter()
        .map(|id| store.get(id).unwrap().unwrap().label_code(Dimension::Kind))
        .collect();
    assert_eq!(kinds, [Some("opinion"), Some("opinion"), Some("paid")]);
    let batches: i64 = store
        .connection()
        .unwrap()
        .query_row(
            "SELECT count(DISTINCT batch) FROM audit WHERE action = 'bulk'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(batches, 1);
    d.press("u").unwrap();
    assert_eq!(
        d.app.message.as_ref().unwrap().text,
        format!(
            "u again undoes the bulk change of 2 cases (batch {})",
            store
                .connection()
                .unwrap()
                .query_row(
                    "SELECT batch FROM audit WHERE action = 'bulk' LIMIT 1",
                    [],
                    |r| r.get::<_, String>(0)
                )
                .unwrap()
        ),
        "a bulk change is named before it is undone"
    );
    assert_eq!(
        store
            .get("R-000001")
            .unwrap()
            .unwrap()
            .label_code(Dimension::Kind),
        Some("opinion"),
        "nothing is undone by the first u"
    );
    d.press("u").unwrap();
    let kinds: Vec<Option<&'static str>> = ["R-000001", "R-000002"]
        .iter()
        .map(|id| store.get(id).unwrap().unwrap().label_code(Dimension::Kind))
        .collect();
    assert_eq!(
        kinds,
        [Some("free_monetary"), Some("free_monetary")],
        "undo reverts the batch"
    );
    let undo_batch: i64 = store
        .connection()
        .unwrap()
        .query_row(
            "SELECT count(DISTINCT batch) FROM audit WHERE action = 'undo'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(undo_batch, 1, "one batch for the undo too");
}

#[test]
fn h_shows_the_case_history_from_the_audit_log() {
    let (_dir, _path, mut d) = driver(80, 24);
    d.press("j 3 b h").unwrap();
    let Screen::History(casebench::tui::app::HistoryScreen {
        case_id, events, ..
    }) = d.app.screen()
    else {
        panic!("history overlay")
    };
    assert_eq!(case_id, "R-000002");
    let rows: Vec<(String, String, Option<String>)> = events
        .iter()
        .map(|e| (e.action.clone(), e.field.clone(), e.new.clone()))
        .collect();
    assert_eq!(
        rows,
        [
            (
                "import".to_string(),
                "case".to_string(),
                Some("created".to_string())
            ),
            (
                "label".to_string(),
                "kind".to_string(),
                Some("inquiry".to_string())
            ),
            (
                "label".to_string(),
                "reporter".to_string(),
                Some("small_business".to_string())
            ),
        ]
    );
    d.press("h").unwrap();
    assert_eq!(d.app.screen(), &Screen::Cases);
}

#[test]
fn n_skips_a_case_another_reviewer_has_open() {
    let (_dir, path, mut kim) = driver(80, 24);
    let mut lee = session(&path, "lee");
    kim.press("n").unwrap();
    assert_eq!(kim.app.current().unwrap().id, "R-000002");
    lee.press("n").unwrap(); // lee does not know yet: the lease answer moves on
    assert_eq!(
        lee.app.current().unwrap().id,
        "R-000004",
        "R-000003 is reviewed already"
    );
    assert_eq!(
        lee.app.message.as_ref().unwrap().text,
        "R-000002 is open by kim; skipped to the next"
    );
    let store = Store::open(&path).unwrap();
    let now = casebench::store::now_millis();
    let held = store.leases_held_by_others("nobody", now).unwrap();
    assert_eq!(held.get("R-000002").map(String::as_str), Some("kim"));
    assert_eq!(held.get("R-000004").map(String::as_str), Some("lee"));
    kim.release_leases();
    let held = store.leases_held_by_others("nobody", now).unwrap();
    assert_eq!(held.len(), 1, "kim let go at quit");
}

fn with_rules(d: &mut casebench::tui::driver::Driver) {
    d.load_rules(casebench::tui::rule_files::RuleSource::Builtin);
}

#[test]
fn every_case_has_its_outcome_and_a_relabel_moves_it_at_once() {
    let (_dir, _path, mut d) = driver(120, 40);
    with_rules(&mut d);
    assert_eq!(
        d.app.judge.active_name(),
        "final-2022-12-29",
        "the newest set first"
    );
    let totals = |d: &casebench::tui::driver::Driver, code: &str| {
        d.app.view.outcomes.as_ref().unwrap().get(code).unwrap()
    };
    // R-000001: small business, free_monetary, 300,000 won → band 1.
    assert_eq!(totals(&d, "support_cash"), (1, 30_000));
    d.press("$ ctrl-u").unwrap();
    d.type_text("300,001");
    d.press("enter").unwrap();
    assert_eq!(
        totals(&d, "support_cash"),
        (1, 50_000),
        "band 2 on the same frame"
    );
    d.press("$ ctrl-u").unwrap();
    d.type_text("500,001");
    d.press("enter").unwrap();
    assert_eq!(totals(&d, "support_cash"), (0, 0));
    assert_eq!(totals(&d, "individual_review"), (1, 0));
    let rules = d.app.judge.a().unwrap();
    let why = rules.explain(d.app.current().unwrap());
    assert_eq!(why.rule.id, "small-business-large");
    assert!(why.checks.iter().all(|c| c.held));
    assert_eq!(why.checks.last().unwrap().actual, "500,001");
}

#[test]
fn r_cycles_the_rule_set_and_c_compares_two() {
    let (_dir, _path, mut d) = driver(120, 40);
    with_rules(&mut d);
    d.press("r").unwrap();
    assert_eq!(d.app.judge.active_name(), "draft-2022-12-01");
    // The draft declines free-service claims that had a substitute: R-000002 has none set,
    // so it needs evidence under the draft and a goodwill package under the final set.
    d.press("c").unwrap();
    d.press("enter").unwrap();
    assert_eq!(d.app.judge.b().unwrap().name, "final-2022-12-29");
    let r2 = d.app.cases.index_of("R-000002").unwrap();
    assert_eq!(d.app.judge.changed(r2), Some(true));
    let a = d.app.judge.a().unwrap();
    assert_eq!(a.outcome_code(d.app.judge.da[r2]), "needs_evidence");
    d.press("f").unwrap();
    d.type_text("changed=yes");
    d.press("enter").unwrap();
    let ids: Vec<String> = d
        .app
        .view
        .indices
        .iter()
        .map(|&i| d.app.cases.get(i).unwrap().id.clone())
        .collect();
    assert_eq!(ids, ["R-000002"]);
    d.press("F f").unwrap();
    d.type_text("outcome=reply_only,refer_affiliate");
    d.press("enter").unwrap();
    assert_eq!(d.app.view.len(), 1, "R-000009 is affiliate");
}

#[test]
fn rule_files_are_reloaded_when_they_change_and_a_bad_edit_keeps_the_last_valid_rules() {
    let (dir, _path, mut d) = driver(120, 40);
    let rules_dir = dir.path().join("rules");
    std::fs::create_dir(&rules_dir).unwrap();
    let file = rules_dir.join("final.toml");
    let text = casebench::rules::BUILTIN
        .iter()
        .find(|(name, _)| name.starts_with("final"))
        .unwrap()
        .1;
    std::fs::write(&file, text).unwrap();
    d.load_rules(casebench::tui::rule_files::RuleSource::Dir(rules_dir));
    let cash = |d: &casebench::tui::driver::Driver| {
        d.app
            .view
            .outcomes
            .as_ref()
            .unwrap()
            .get("support_cash")
            .unwrap()
            .1
    };
    assert_eq!(cash(&d), 30_000);
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&file, text.replace("cash = 30_000", "cash = 35_000")).unwrap();
    std::thread::sleep(casebench::tui::rule_files::WATCH_EVERY);
    assert!(d.poll_others());
    assert_eq!(cash(&d), 35_000, "the edit is live");
    std::fs::write(
        &file,
        text.replace("outcome = \"support_cash\"", "outcome = \"Support Cash\""),
    )
    .unwrap();
    std::thread::sleep(casebench::tui::rule_files::WATCH_EVERY);
    assert!(d.poll_others());
    assert_eq!(cash(&d), 35_000, "the last valid rules stay");
    let message = d.app.message.clone().unwrap();
    assert_eq!(message.tone, Tone::Error);
    assert!(message.text.starts_with("rules: "), "{}", message.text);
    assert!(message.text.contains("final.toml:"), "{}", message.text);
    assert!(
        message.text.ends_with("; keeping the last valid rules"),
        "{}",
        message.text
    );
}

#[test]
fn rule_file_reloads_say_what_happened_and_a_removed_file_leaves_the_cycle() {
    use casebench::tui::rule_files::{RuleSource, WATCH_EVERY};
    let (dir, _path, mut d) = driver(120, 40);
    let rules_dir = dir.path().join("rules");
    std::fs::create_dir(&rules_dir).unwrap();
    let builtin = |prefix: &str| {
        casebench::rules::BUILTIN
            .iter()
            .find(|(name, _)| name.starts_with(prefix))
            .unwrap()
            .1
    };
    let (draft, final_) = (rules_dir.join("draft.toml"), rules_dir.join("final.toml"));
    std::fs::write(&draft, builtin("draft")).unwrap();
    std::fs::write(&final_, builtin("final")).unwrap();
    d.load_rules(RuleSource::Dir(rules_dir));
    assert_eq!(d.app.judge.active_name(), "final-2022-12-29");
    assert_eq!(d.app.message, None, "the first reading is no news");
    let text = |d: &casebench::tui::driver::Driver| d.app.message.clone().unwrap().text;
    let edit = |d: &mut casebench::tui::driver::Driver, contents: &str| {
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&final_, contents).unwrap();
        std::thread::sleep(WATCH_EVERY);
        assert!(d.poll_others());
    };
    // A valid edit says so (the cash total does not move silently).
    edit(
        &mut d,
        &builtin("final").replace("cash = 30_000", "cash = 35_000"),
    );
    assert_eq!(text(&d), "rules reloaded: final-2022-12-29 (9 rules)");
    // A TOML syntax error names file, line and column; every problem can be read whole.
    edit(
        &mut d,
        &builtin("final").replacen("[default]", "[default", 1),
    );
    let message = d.app.message.clone().unwrap();
    assert_eq!(message.tone, Tone::Error);
    let file = final_.display().to_string();
    let place = regex_free_place(&message.text, &file);
    assert!(place.is_some(), "FILE:LINE:COL in {}", message.text);
    assert!(message.text.ends_with("; keeping the last valid rules"));
    assert_eq!(message.detail.len(), 1);
    d.press("M").unwrap();
    let Screen::Report(page) = d.app.screen() else {
        panic!("M reads the whole message")
    };
    assert!(page
        .lines
        .iter()
        .any(|l| l.starts_with(&format!("{file}:"))));
    d.press("esc").unwrap();
    // Fixed: the error goes, and the reload says what is in force.
    edit(&mut d, builtin("final"));
    assert_eq!(text(&d), "rules reloaded: final-2022-12-29 (9 rules)");
    assert_eq!(d.app.message.as_ref().unwrap().tone, Tone::Notice);
    // Removed: it leaves the cycle, and the newest remaining set is active.
    std::fs::remove_file(&final_).unwrap();
    std::thread::sleep(WATCH_EVERY);
    assert!(d.poll_others());
    assert_eq!(
        text(&d),
        "rules: final-2022-12-29 removed (its file is gone); judging with draft-2022-12-01"
    );
    assert_eq!(d.app.judge.active_name(), "draft-2022-12-01");
    assert_eq!(d.app.judge.slots.len(), 1);
    d.press("r").unwrap();
    assert_eq!(
        d.app.judge.active_name(),
        "draft-2022-12-01",
        "r cycles the remaining set only"
    );
}

/// `FILE:LINE:COL` at the start of a rules message, as (line, column).
fn regex_free_place(message: &str, file: &str) -> Option<(usize, usize)> {
    let rest = message
        .strip_prefix("rules: ")?
        .strip_prefix(file)?
        .strip_prefix(':')?;
    let mut parts = rest.splitn(3, ':');
    let line = parts.next()?.parse().ok()?;
    let column = parts.next()?.parse().ok()?;
    Some((line, column))
}

#[test]
fn search_narrows_as_you_type_with_initial_consonants_and_esc_returns_to_the_view_before() {
    use std::time::Duration;
    let (_dir, _path, mut d) = driver(120, 40);
    d.press("/").unwrap();
    d.type_text("ㅋㅋㅇㅁ");
    assert!(d.app.search_pending);
    assert!(d.wait_search(Duration::from_secs(10)), "the worker answers");
    let ids: Vec<String> = d
        .app
        .view
        .indices
        .iter()
        .map(|&i| d.app.cases.get(i).unwrap().id.clone())
        .collect();
    assert_eq!(
        ids[0], "R-000002",
        "카카오맵 matches its initials best: {ids:?}"
    );
    d.press("backspace backspace backspace backspace").unwrap();
    d.type_text("업비트");
    assert!(d.wait_search(Duration::from_secs(10)));
    assert_eq!(d.app.view.len(), 1);
    assert_eq!(d.app.current().unwrap().id, "R-000004");
    d.press("esc").unwrap();
    assert_eq!(d.app.view.len(), 10, "the search is gone");
    assert_eq!(
        d.app.current().unwrap().id,
        "R-000001",
        "the view and the case before the search are back"
    );
    assert_eq!(d.app.spec.search, None);
}

#[test]
fn search_and_filter_combine_and_outdated_answers_are_dropped() {
    use std::time::Duration;
    let (_dir, _path, mut d) = driver(120, 40);
    d.press("f").unwrap();
    d.type_text("kind=free_monetary");
    d.press("enter /").unwrap();
    d.type_text("카카오");
    // Two answers are on their way; only the latest question's counts.
    d.press("backspace").unwrap();
    let latest = d.app.search_generation;
    assert!(d.wait_search(Duration::from_secs(10)));
    assert_eq!(d.app.search_generation, latest);
    assert!(!d.app.search_pending);
    let ids: Vec<String> = d
        .app
        .view
        .indices
        .iter()
        .map(|&i| d.app.cases.get(i).unwrap().id.clone())
        .collect();
    // "카카" within kind=free_monetary: R-000001 (카카오톡 채널) and R-000002 (카카오맵).
    assert_eq!(ids.len(), 2, "{ids:?}");
    assert!(ids.iter().all(|id| id == "R-000001" || id == "R-000002"));
    d.press("enter").unwrap();
    assert_eq!(d.app.spec.filter, "kind=free_monetary");
    assert_eq!(d.app.spec.search.as_deref(), Some("카카"));
    assert_eq!(d.app.view.counts.total(), 2, "the counts describe the view");
}

#[test]
fn a_bulk_change_over_ten_thousand_cases_previews_applies_skips_and_undoes() {
    use casebench::io::sample::{generate, SampleConfig};
    use casebench::store::{CreateOptions, OnExisting, Role};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.db");
    let mut store = Store::open(&path).unwrap();
    let cases = generate(SampleConfig {
        cases: 12_000,
        seed: 5,
    });
    let options = CreateOptions {
        reviewer: "loader",
        action: "sample",
        batch: "big",
        on_existing: OnExisting::Fail,
        replace: false,
    };
    store.create_cases(&cases, options, &mut |_| {}).unwrap();
    store.set_role("kim", Role::Lead, "kim").unwrap();
    let mut d = session(&path, "kim");
    d.handle(casebench::tui::app::Msg::Resize(120, 40));
    d.press("A").unwrap();
    assert_eq!(d.app.marks.len(), 12_000);
    // Someone changes one marked case meanwhile: it is skipped, not overwritten.
    change_as(
        &path,
        "lee",
        "R-000100",
        &[Change::Note(Some("보류".into()))],
    );
    d.press("B").unwrap();
    d.type_text("status = escal");
    d.press("enter").unwrap();
    let Screen::BulkPreview(preview) = d.app.screen() else {
        panic!("preview")
    };
    assert_eq!(
        (preview.preview.cases, preview.preview.changing),
        (12_000, 12_000)
    );
    d.press("enter").unwrap();
    let message = d.app.message.clone().unwrap().text;
    assert!(
        message.contains("saved 11,999 cases (batch bulk-"),
        "{message}"
    );
    assert!(
        message.ends_with("skipped 1 changed by someone else since: R-000100"),
        "{message}"
    );
    let escalated: i64 = store
        .connection()
        .unwrap()
        .query_row(
            "SELECT count(*) FROM cases WHERE status = 'escalated'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(escalated, 11_999);
    d.press("u u").unwrap();
    let escalated: i64 = store
        .connection()
        .unwrap()
        .query_row(
            "SELECT count(*) FROM cases WHERE status = 'escalated'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(escalated, 0, "the undo reverts the whole batch");
    assert_eq!(
        d.app
            .view
            .counts
            .status(casebench::domain::Status::Escalated),
        0
    );
}

#[test]
fn a_reviewer_is_refused_lead_only_actions_with_a_clear_message() {
    let (_dir, path, _kim) = driver(80, 24);
    let mut lee = session(&path, "lee");
    let refused = |d: &casebench::tui::driver::Driver| d.app.message.clone().unwrap();
    // The name prompt opens all the same, the refusal inside it: what lee types next is the
    // name, never single-key commands.
    lee.press("S").unwrap();
    lee.type_text("big ones");
    lee.press("enter").unwrap();
    let Screen::Prompt(prompt) = lee.app.screen() else {
        panic!("the refused prompt stays open")
    };
    assert_eq!(prompt.input.value(), "big ones");
    assert_eq!(
        prompt.errors,
        ["only a lead can edit the team's saved views; lee is a reviewer"]
    );
    lee.press("esc").unwrap();
    assert_eq!(lee.app.screen(), &Screen::Cases);
    lee.press("C").unwrap();
    assert_eq!(refused(&lee).tone, Tone::Error);
    assert_eq!(
        refused(&lee).text,
        "only a lead can run spot-checks; lee is a reviewer"
    );
    assert!(lee.app.spot().is_none());
    assert!(Store::open(&path).unwrap().views().unwrap().is_empty());
}

#[test]
fn the_final_rules_at_their_boundaries_in_the_detail() {
    let (_dir, _path, mut d) = driver(120, 40);
    with_rules(&mut d);
    for (amount, rule, cash) in [
        ("300,000", "small-business-band-1", 30_000),
        ("300,001", "small-business-band-2", 50_000),
        ("500,000", "small-business-band-2", 50_000),
        ("500,001", "small-business-large", 0),
        ("", "small-business-no-amount", 0),
    ] {
        d.press("$ ctrl-u").unwrap();
        d.type_text(amount);
        d.press("enter").unwrap();
        let rules = d.app.judge.a().unwrap();
        let why = rules.explain(d.app.current().unwrap());
        assert_eq!(
            (why.rule.id.as_str(), why.rule.cash),
            (rule, cash),
            "amount {amount:?}"
        );
        assert!(why.checks.iter().all(|c| c.held), "{amount:?}");
    }
}

#[test]
fn the_spot_check_form_reports_every_bad_field_and_reads_quoted_names() {
    let (_dir, path, mut d) = driver(120, 40);
    for id in ["R-000004", "R-000005", "R-000006"] {
        change_as(&path, "lee", id, &[Change::Label(Dimension::Kind, Some(3))]);
    }
    d.press("C").unwrap();
    d.press("enter").unwrap(); // the list is empty: "start a new spot-check"
    let Screen::Prompt(form) = d.app.screen() else {
        panic!("the form opens")
    };
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    assert_eq!(
        form.input.value(),
        format!("reviewers= since={today} size=20")
    );
    assert_eq!(
        form.input.cursor(),
        "reviewers=".len(),
        "the cursor is where the first value goes"
    );
    let mut submit = |form: &str| {
        d.press("end ctrl-u").unwrap();
        d.type_text(form);
        d.press("enter").unwrap();
        match d.app.screen() {
            Screen::Prompt(prompt) => Some((prompt.errors.clone(), prompt.input.cursor())),
            _ => None,
        }
    };
    let (errors, cursor) = submit("reviewers= since=2020-13-01 size=0 sise=3").unwrap();
    assert_eq!(
        errors,
        [
            "reviewers: name the reviewers to check, e.g. reviewers=kim,lee",
            "since \"2020-13-01\": not a date (YYYY-MM-DD, a UTC day) or an RFC 3339 time",
            "size must be at least 1",
            "unknown \"sise\" (did you mean \"size\"?)",
        ],
        "every bad field at once, the form still open"
    );
    assert_eq!(
        cursor,
        "reviewers=".len(),
        "the cursor goes to the first bad field"
    );
    assert!(Store::open(&path)
        .unwrap()
        .spot_checks()
        .unwrap()
        .is_empty());
    assert_eq!(
        submit("reviewers=lee since=2020-01-01 size=2 seed=5 name=\" week 48 점검 \""),
        None,
        "the form closes once the spot-check is open"
    );
    let checks = Store::open(&path).unwrap().spot_checks().unwrap();
    assert_eq!(checks.len(), 1, "{:?}", d.app.message);
    assert_eq!(
        (
            checks[0].name.as_deref(),
            checks[0].seed,
            checks[0].reviewers.as_slice()
        ),
        (Some("week 48 점검"), 5, ["lee".to_string()].as_slice())
    );
    assert!(d.app.spot().is_some());
}
