//! `App::update` on its own: messages in (with their time), state and effects out. No store,
//! no terminal, no clock: every answer the store would give is a message the test writes.

use std::time::Instant;

use chrono::TimeZone;

use super::*;
use crate::domain::{Case, Change, Dimension, Status};
use crate::store::{Applied, AuditAction, AuditEvent, Resolution, Role};
use crate::tui::action::Action;

/// 2026-12-01 09:30 in Seoul.
fn now() -> Now {
    let zone = chrono::FixedOffset::east_opt(9 * 3600).unwrap();
    Now {
        instant: Instant::now(),
        local: zone.with_ymd_and_hms(2026, 12, 1, 9, 30, 0).unwrap(),
    }
}

fn cases() -> Vec<Case> {
    (1..=30)
        .map(|i| {
            let mut case = Case::new(format!("R-{i:06}"), format!("사례 {i}: 카카오톡 채널 예약"));
            if i == 7 {
                case.text = "카카오맵 배달".into();
            }
            case
        })
        .collect()
}

fn app(role: Role) -> App {
    let mut app = App::new(
        cases(),
        "kim".into(),
        "test.db".into(),
        crate::tui::keymap::Keymap::builtin(),
        now(),
    );
    app.role = role;
    app.update(Msg::Resize(80, 24), now());
    app
}

fn act(app: &mut App, action: Action) -> Vec<Effect> {
    app.update(Msg::Action(action), now())
}

fn type_text(app: &mut App, text: &str) -> Vec<Effect> {
    text.chars()
        .flat_map(|ch| app.update(Msg::Input(ch), now()))
        .collect()
}

/// The store's answer to a save: the case one version on, with one audit row per change.
fn saved(app: &mut App, effects: Vec<Effect>) -> Vec<Effect> {
    let Some(Effect::Save(save)) = effects.into_iter().next() else {
        panic!("a save was asked for")
    };
    let mut case = app.cases.by_id(&save.case_id).unwrap().clone();
    let mut events = Vec::new();
    for change in &save.changes {
        let old = change.current_text(&case);
        change.apply_to(&mut case);
        events.push(AuditEvent {
            seq: 100 + events.len() as i64,
            at: "2026-12-01T00:30:00Z".into(),
            reviewer: "kim".into(),
            case_id: save.case_id.clone(),
            field: change.field().to_string(),
            old,
            new: change.value_text(),
            action: save.action.as_str().into(),
            batch: None,
        });
    }
    case.version += 1;
    app.update(
        Msg::Saved(Box::new(Saved {
            save,
            outcome: Ok(Applied { case, events }),
        })),
        now(),
    )
}

#[test]
fn a_label_key_asks_for_one_save_at_the_version_on_screen() {
    let mut app = app(Role::Reviewer);
    let effects = act(&mut app, Action::SetLabel(Dimension::Kind, 0));
    assert_eq!(
        effects,
        [Effect::Save(Save {
            case_id: "R-000001".into(),
            expected_version: 1,
            changes: vec![Change::Label(Dimension::Kind, Some(0))],
            action: AuditAction::Label,
            intent: Intent::Edit,
        })]
    );
    assert!(
        app.cases
            .by_id("R-000001")
            .unwrap()
            .label(Dimension::Kind)
            .is_none(),
        "nothing changes until the store answers"
    );
    saved(&mut app, effects);
    assert_eq!(
        app.cases.by_id("R-000001").unwrap().label(Dimension::Kind),
        Some(0)
    );
    assert_eq!(
        app.message.as_ref().unwrap().text,
        "saved R-000001: kind → paid"
    );
}

#[test]
fn the_time_comes_in_with_the_message() {
    let mut app = app(Role::Reviewer);
    let later = Now {
        local: now().local + chrono::Duration::days(1),
        ..now()
    };
    app.update(Msg::Resize(80, 24), later);
    assert_eq!(
        app.today,
        chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
    );
    assert_eq!(app.zone.local_minus_utc(), 9 * 3600);
}

#[test]
fn an_amount_is_parsed_in_update_and_a_refused_one_keeps_the_prompt_and_the_typing() {
    let mut app = app(Role::Reviewer);
    act(&mut app, Action::EditAmount);
    assert!(type_text(&mut app, "12팀").is_empty());
    assert!(act(&mut app, Action::Accept).is_empty());
    let Screen::Prompt(prompt) = app.screen() else {
        panic!("the prompt stays open")
    };
    assert_eq!(prompt.errors.len(), 1);
    // What is typed next is text in the prompt, never a label key.
    assert!(type_text(&mut app, "ie1").is_empty());
    let Screen::Prompt(prompt) = app.screen() else {
        panic!()
    };
    assert_eq!(prompt.input.value(), "12팀ie1");
    assert!(prompt.errors.is_empty(), "typing clears the refusal");
    act(&mut app, Action::ClearInput);
    type_text(&mut app, "12,500");
    let effects = act(&mut app, Action::Accept);
    let [Effect::Save(save)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(save.changes, [Change::Amount(Some(12_500))]);
    assert!(
        matches!(app.screen(), Screen::Prompt(p) if p.waiting),
        "the prompt waits for the store's answer"
    );
    saved(&mut app, effects);
    assert_eq!(app.screen(), &Screen::Cases, "saved: the prompt closes");
}

/// A save the store could not make, as the runner reports it.
fn failed(app: &mut App, effects: Vec<Effect>, failure: SaveFailure) -> Vec<Effect> {
    let Some(Effect::Save(save)) = effects.into_iter().next() else {
        panic!("a save was asked for")
    };
    app.update(
        Msg::Saved(Box::new(Saved {
            save,
            outcome: Err(failure),
        })),
        now(),
    )
}

const OUT_OF_REACH: &str = "lost the connection to postgres://kim@db.example:5432/claims and \
    could not reconnect: connection refused";

#[test]
fn a_note_that_could_not_reach_the_database_stays_in_its_prompt_for_enter_to_try_again() {
    let mut app = app(Role::Reviewer);
    act(&mut app, Action::EditNote);
    type_text(&mut app, "고객 재확인 필요");
    let effects = act(&mut app, Action::Accept);
    failed(
        &mut app,
        effects,
        SaveFailure {
            message: OUT_OF_REACH.into(),
            fresh: None,
            retry: Retry::NotSaved,
        },
    );
    let Screen::Prompt(prompt) = app.screen() else {
        panic!("the prompt stays open: {:?}", app.screen())
    };
    assert_eq!(prompt.input.value(), "고객 재확인 필요");
    assert_eq!(
        prompt.errors,
        [format!("not saved, enter tries again: {OUT_OF_REACH}")]
    );
    assert!(!prompt.waiting);
    // Enter asks for the same save again.
    let effects = act(&mut app, Action::Accept);
    let [Effect::Save(save)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(
        save.changes,
        [Change::Note(Some("고객 재확인 필요".into()))]
    );
    saved(&mut app, effects);
    assert_eq!(app.screen(), &Screen::Cases);
    assert_eq!(
        app.cases.by_id("R-000001").unwrap().note.as_deref(),
        Some("고객 재확인 필요")
    );
}

#[test]
fn a_refused_note_closes_its_prompt_and_says_who_changed_the_case() {
    let mut app = app(Role::Reviewer);
    act(&mut app, Action::EditNote);
    type_text(&mut app, "메모");
    let effects = act(&mut app, Action::Accept);
    let mut fresh = app.cases.by_id("R-000001").unwrap().clone();
    fresh.version = 2;
    fresh.note = Some("lee의 메모".into());
    failed(
        &mut app,
        effects,
        SaveFailure {
            message: "case R-000001 was changed by lee at 09:29".into(),
            fresh: Some(fresh),
            retry: Retry::No,
        },
    );
    assert_eq!(app.screen(), &Screen::Cases);
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some(
            "case R-000001 was changed by lee at 09:29 (note): reloaded; your change was not saved"
        )
    );
}

#[test]
fn a_label_key_that_could_not_reach_the_database_says_so_and_changes_nothing() {
    let mut app = app(Role::Reviewer);
    let effects = act(&mut app, Action::SetLabel(Dimension::Kind, 0));
    failed(
        &mut app,
        effects,
        SaveFailure {
            message: OUT_OF_REACH.into(),
            fresh: None,
            retry: Retry::NotSaved,
        },
    );
    assert_eq!(
        app.message.as_ref().map(|m| m.text.clone()),
        Some(format!(
            "{OUT_OF_REACH}; your change was not saved: do it again to try again"
        ))
    );
    assert_eq!(
        app.cases.by_id("R-000001").unwrap().label(Dimension::Kind),
        None
    );
    // The same key asks for the same save.
    assert_eq!(act(&mut app, Action::SetLabel(Dimension::Kind, 0)).len(), 1);
}

#[test]
fn a_note_whose_save_may_or_may_not_have_happened_stays_with_the_stores_words() {
    let unsure = "lost the connection to postgres://kim@db.example:5432/claims while saving, \
        and could not find out whether the change was saved (could not reconnect: connection \
        refused); look at the audit log (casebench audit) before doing it again";
    let mut app = app(Role::Reviewer);
    act(&mut app, Action::EditNote);
    type_text(&mut app, "메모");
    let effects = act(&mut app, Action::Accept);
    failed(
        &mut app,
        effects,
        SaveFailure {
            message: unsure.into(),
            fresh: None,
            retry: Retry::Unsure,
        },
    );
    let Screen::Prompt(prompt) = app.screen() else {
        panic!("the prompt stays open")
    };
    assert_eq!(prompt.input.value(), "메모");
    assert_eq!(prompt.errors, [unsure]);
    act(&mut app, Action::Cancel);
    let effects = act(&mut app, Action::SetLabel(Dimension::Kind, 0));
    failed(
        &mut app,
        effects,
        SaveFailure {
            message: unsure.into(),
            fresh: None,
            retry: Retry::Unsure,
        },
    );
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some(unsure),
        "never \"not saved\" when it may have been"
    );
}

#[test]
fn the_message_line_says_when_the_database_is_out_of_reach_and_when_it_is_back() {
    let mut app = app(Role::Reviewer);
    app.update(Msg::StoreFailed(OUT_OF_REACH.into()), now());
    let message = app.message.clone().unwrap();
    assert_eq!(
        (message.text.as_str(), message.tone),
        (OUT_OF_REACH, Tone::Error)
    );
    act(&mut app, Action::MoveDown);
    assert!(
        app.message.as_ref().is_some_and(|m| m.text == OUT_OF_REACH),
        "it stays past keys"
    );
    app.update(Msg::StoreBack("connected to … again".into()), now());
    let message = app.message.clone().unwrap();
    assert_eq!(
        (message.text.as_str(), message.tone),
        ("connected to … again", Tone::Notice)
    );
}

#[test]
fn a_reviewers_save_view_stays_open_with_the_refusal_inside() {
    let mut app = app(Role::Reviewer);
    act(&mut app, Action::SaveView);
    let refusal = "only a lead can edit the team's saved views; kim is a reviewer";
    let Screen::Prompt(prompt) = app.screen() else {
        panic!()
    };
    assert_eq!(prompt.errors, [refusal]);
    assert!(type_text(&mut app, "big ones").is_empty());
    assert!(act(&mut app, Action::Accept).is_empty());
    let Screen::Prompt(prompt) = app.screen() else {
        panic!("refused, still open")
    };
    assert_eq!(
        (prompt.input.value(), prompt.errors.as_slice()),
        ("big ones", &[refusal.to_string()][..])
    );
}

#[test]
fn a_lead_saves_a_view_and_the_prompt_closes_only_when_the_store_has_it() {
    let mut app = app(Role::Lead);
    act(&mut app, Action::SaveView);
    type_text(&mut app, "channel");
    let effects = act(&mut app, Action::Accept);
    assert_eq!(
        effects,
        [Effect::SaveView {
            name: "channel".into(),
            filter: String::new(),
            search: None
        }]
    );
    assert!(matches!(app.screen(), Screen::Prompt(p) if p.waiting));
    app.update(
        Msg::ViewSaved(Err("cannot save the view: disk full".into())),
        now(),
    );
    let Screen::Prompt(prompt) = app.screen() else {
        panic!("the store's refusal is shown in the prompt")
    };
    assert_eq!(prompt.errors, ["cannot save the view: disk full"]);
    act(&mut app, Action::Accept);
    app.update(Msg::ViewSaved(Ok("channel".into())), now());
    assert_eq!(app.screen(), &Screen::Cases);
    assert_eq!(
        app.message.as_ref().unwrap().text,
        "saved the view \"channel\" for the team"
    );
}

#[test]
fn a_bulk_label_without_marks_opens_refused_and_swallows_the_typing() {
    let mut app = app(Role::Lead);
    act(&mut app, Action::Bulk);
    let Screen::BulkLabel(picker) = app.screen() else {
        panic!()
    };
    assert_eq!(
        picker.refused.as_deref(),
        Some("no case is marked: esc, then mark cases (space A)")
    );
    assert!(type_text(&mut app, "kind opin").is_empty());
    assert!(act(&mut app, Action::Accept).is_empty());
    assert!(app
        .cases
        .iter()
        .all(|c| c.label(Dimension::Reporter).is_none()));
}

#[test]
fn an_undo_of_a_case_off_screen_first_brings_it_into_view() {
    let mut app = app(Role::Reviewer);
    let effects = act(&mut app, Action::SetLabel(Dimension::Reporter, 1));
    saved(&mut app, effects);
    for _ in 0..20 {
        act(&mut app, Action::MoveDown);
    }
    assert_eq!(app.current().unwrap().id, "R-000021");
    assert!(
        act(&mut app, Action::Undo).is_empty(),
        "nothing changes yet"
    );
    assert_eq!(app.current().unwrap().id, "R-000001");
    assert!(app.offset <= app.cursor, "the case is on screen");
    assert_eq!(
        app.message.as_ref().unwrap().text,
        "u again undoes R-000001: reporter → ∅"
    );
    let effects = act(&mut app, Action::Undo);
    let [Effect::Save(save)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(
        (save.case_id.as_str(), save.changes.as_slice()),
        ("R-000001", &[Change::Label(Dimension::Reporter, None)][..])
    );
}

#[test]
fn an_undo_of_a_case_outside_the_view_shows_every_case_first() {
    let mut app = app(Role::Reviewer);
    let effects = act(&mut app, Action::Escalate);
    saved(&mut app, effects);
    app.apply_view(saved_views::ViewSpec::filtered("unreviewed", "status=new"));
    assert!(!app.view.contains(0));
    act(&mut app, Action::Undo);
    assert_eq!(app.spec.name, "all cases");
    assert_eq!(app.current().unwrap().id, "R-000001");
    assert!(app
        .message
        .as_ref()
        .unwrap()
        .text
        .ends_with("(showing every case: it was not in this view)"));
    assert_eq!(app.current().unwrap().status, Status::Escalated);
}

fn spot_check() -> crate::store::SpotCheck {
    crate::store::SpotCheck {
        id: 3,
        name: None,
        created_by: "kim".into(),
        created_at: "2026-12-01T00:00:00Z".into(),
        since: "2026-11-01T00:00:00Z".into(),
        until: None,
        reviewers: vec!["lee".into()],
        population: 2,
        confidence: None,
        margin: None,
        proportion: None,
        seed: 1,
        strata: Vec::new(),
        cases: ["R-000004", "R-000009"]
            .iter()
            .map(|id| crate::store::SpotCase {
                case_id: id.to_string(),
                reviewer: "lee".into(),
                lead_labels: [None; 5],
            })
            .collect(),
    }
}

fn difference(case_id: &str) -> crate::store::Difference {
    crate::store::Difference {
        check_id: 3,
        case_id: case_id.into(),
        field: Dimension::Kind,
        reviewer: "lee".into(),
        reviewer_value: Some(2),
        lead_value: Some(0),
        lead: "kim".into(),
        resolution: None,
    }
}

#[test]
fn in_the_differences_esc_only_dismisses_and_the_keys_are_the_differences_own() {
    let mut app = app(Role::Lead);
    app.update(Msg::SpotLoaded(spot_check()), now());
    assert_eq!(app.key_mode(), crate::tui::keymap::Mode::Spot);
    act(&mut app, Action::SpotDifferences);
    app.update(
        Msg::SpotDifferences {
            differences: vec![difference("R-000004"), difference("R-000009")],
            case: None,
        },
        now(),
    );
    assert_eq!(app.key_mode(), crate::tui::keymap::Mode::Differences);
    app.message = Some(Message::error("something"));
    act(&mut app, Action::DismissMessage);
    assert!(app.message.is_none());
    assert_eq!(
        app.key_mode(),
        crate::tui::keymap::Mode::Differences,
        "esc does not leave"
    );
    act(&mut app, Action::SelectNext);
    let spot = app.spot().unwrap();
    assert_eq!(
        (spot.position, spot.differences.as_ref().unwrap().1),
        (0, 1),
        "j moves through the differences, never the blind cursor"
    );
    // `=` keeps; the answer confirms in one line and moves to the next open difference.
    act(&mut app, Action::SelectPrev);
    let effects = act(&mut app, Action::Keep);
    assert_eq!(
        effects,
        [Effect::SpotResolve {
            check: 3,
            case_id: "R-000004".into(),
            dim: Dimension::Kind,
            resolution: Resolution::Keep
        }]
    );
    let mut kept = difference("R-000004");
    kept.resolution = Some(crate::store::Resolved {
        resolution: Resolution::Keep,
        by: "kim".into(),
        at: "2026-12-01T00:31:00Z".into(),
    });
    app.update(
        Msg::SpotDifferences {
            differences: vec![kept, difference("R-000009")],
            case: None,
        },
        now(),
    );
    assert_eq!(
        app.message.as_ref().unwrap().text,
        "kept R-000004 kind = inquiry (lee's label)"
    );
    assert_eq!(app.spot().unwrap().case_id(), Some("R-000009"));
    // `C` leaves from the differences too.
    act(&mut app, Action::SpotCheck);
    assert!(app.spot().is_none());
    assert_eq!(app.screen(), &Screen::Cases);
}

#[test]
fn help_shows_the_keys_of_the_screen_it_was_opened_on() {
    let mut app = app(Role::Lead);
    app.update(Msg::SpotLoaded(spot_check()), now());
    act(&mut app, Action::Help);
    let Screen::Help(reader) = app.screen() else {
        panic!()
    };
    assert_eq!(reader.lines[0], "[spot] a spot-check, blind (here)");
    act(&mut app, Action::Cancel);
    assert_eq!(app.key_mode(), crate::tui::keymap::Mode::Spot);
}

#[test]
fn a_new_case_joins_a_search_view_only_if_it_matches_the_search() {
    let mut app = app(Role::Reviewer);
    app.apply_view(ViewSpec {
        name: "search".into(),
        filter: String::new(),
        search: Some("카카오맵".into()),
        queue: None,
    });
    app.update(
        Msg::SearchResults {
            generation: app.search_generation,
            query: "카카오맵".into(),
            hits: std::sync::Arc::new(vec![crate::search::Hit {
                index: 6,
                score: 100,
            }]),
        },
        now(),
    );
    assert_eq!(app.view.len(), 1);
    let new = |id: &str, text: &str| ExternalChange {
        case: Case::new(id, text),
        reviewer: "intake".into(),
        fields: vec!["case".into()],
    };
    app.update(
        Msg::External(vec![
            new("R-000200", "이모티콘 플러스 환불"),
            new("R-000201", "카카오맵 길찾기가 안 됐어요"),
        ]),
        now(),
    );
    let ids: Vec<&str> = app
        .view
        .indices
        .iter()
        .map(|&i| app.cases.get(i).unwrap().id.as_str())
        .collect();
    assert_eq!(ids, ["R-000007", "R-000201"]);
    assert_eq!(app.view.counts.total(), 2);
}

#[test]
fn background_suggestions_say_they_are_learning_but_never_hide_an_answer_or_an_error() {
    let mut app = app(Role::Reviewer);
    let effects = app.update(Msg::SuggestionsTraining(105_116), now());
    assert!(effects.is_empty());
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some("learning suggestions from 105,116 labelled cases in the background…")
    );
    // "learning" gives way to "ready"; a save's answer does not.
    app.update(
        Msg::Suggestions {
            list: Vec::new(),
            fresh: true,
        },
        now(),
    );
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some("suggestions ready: 0 cases (model #0)")
    );
    app.message = Some(Message::info("saved R-000003: reporter → enterprise"));
    app.update(Msg::SuggestionsTraining(10), now());
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some("saved R-000003: reporter → enterprise")
    );
    app.update(
        Msg::StartupErrors(vec!["keymap.toml:3: unknown action \"jump\"".into()]),
        now(),
    );
    app.update(Msg::SuggestionsTraining(10), now());
    app.update(
        Msg::Suggestions {
            list: Vec::new(),
            fresh: true,
        },
        now(),
    );
    let message = app.message.as_ref().unwrap();
    assert_eq!(message.tone, Tone::Error);
    assert!(
        message.text.starts_with("keymap: keymap.toml:3"),
        "{}",
        message.text
    );
}
