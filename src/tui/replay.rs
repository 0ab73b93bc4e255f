//! Keys per claim: labelled claims replayed through the workbench's driver as a reviewer would
//! label them, counting every key. Where every suggestion is right the reviewer presses `y`;
//! otherwise they fix each wrong one (a label key, `o` for scope, the service picker, the
//! amount prompt, `backspace` and a label's key to clear one the claim does not have), then
//! press `y`, which accepts the rest and keeps what they typed. The keys are those of the
//! built-in keymap. `cargo bench --bench keys_per_claim` prints the figure.

use std::collections::HashMap;

use crate::domain::{Case, CaseSuggestion, Dimension};
use crate::tui::app::{LineInput, Picker};
use crate::tui::driver::Driver;

/// One step a reviewer takes: a key by its keymap name, or text typed into a prompt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Key(&'static str),
    Text(String),
}

impl Step {
    /// How many keys the step takes.
    pub fn keys(&self) -> usize {
        match self {
            Step::Key(_) => 1,
            Step::Text(text) => text.chars().count(),
        }
    }
}

/// The key that sets `code` of a dimension with one key each (reporter, kind, substitute).
fn label_key(dim: Dimension, code: &str) -> Option<&'static str> {
    Some(match (dim, code) {
        (Dimension::Kind, "paid") => "1",
        (Dimension::Kind, "free_monetary") => "2",
        (Dimension::Kind, "inquiry") => "3",
        (Dimension::Kind, "opinion") => "4",
        (Dimension::Kind, "protest") => "5",
        (Dimension::Kind, "encouragement") => "6",
        (Dimension::Reporter, "individual") => "i",
        (Dimension::Reporter, "small_business") => "b",
        (Dimension::Reporter, "enterprise") => "e",
        (Dimension::Substitute, "available") => "a",
        (Dimension::Substitute, "unavailable") => "x",
        (Dimension::Substitute, "unknown") => "w",
        _ => return None,
    })
}

/// The key after `backspace` that clears a dimension.
fn clear_key(dim: Dimension) -> &'static str {
    match dim {
        Dimension::Scope => "o",
        Dimension::Reporter => "i",
        Dimension::Kind => "1",
        Dimension::Service => "s",
        Dimension::Substitute => "a",
    }
}

/// The shortest query of the service picker whose first match is `code`: the first
/// characters of its code, else of its Korean name.
fn service_query(code: u8) -> String {
    let info = Dimension::Service.info(code);
    let picks = |query: &str| {
        let mut picker = Picker::new(String::new(), 0, None);
        picker.query = LineInput::new(query.to_string());
        picker.items().first() == Some(&code)
    };
    for name in [info.code, info.korean] {
        let chars: Vec<char> = name.chars().collect();
        for n in 1..=chars.len() {
            let query: String = chars[..n].iter().collect();
            if picks(&query) {
                return query;
            }
        }
    }
    info.code.to_string()
}

/// The shortest way to type `won` that the amount prompt reads: digits, or with 만 / 천.
fn amount_text(won: i64) -> String {
    let mut forms = vec![won.to_string()];
    if won % 10_000 == 0 && won > 0 {
        forms.push(format!("{}만", won / 10_000));
    }
    if won % 1_000 == 0 && won > 0 && won < 10_000 {
        forms.push(format!("{}천", won / 1_000));
    }
    forms
        .into_iter()
        .min_by_key(|f| f.chars().count())
        .unwrap_or_default()
}

/// The steps that give `case` the labels and amount of `truth`, given what is suggested for
/// it, ending with `y` (accept the rest and confirm), or `enter` where nothing is suggested.
pub fn steps_for(case: &Case, suggestion: Option<&CaseSuggestion>, truth: &Case) -> Vec<Step> {
    let mut steps = Vec::new();
    for dim in Dimension::ALL {
        let suggested = suggestion.and_then(|s| s.label(dim)).map(|s| s.code);
        let want = truth.label(dim);
        // What the case will hold once `y` accepts: the suggestion, else what it has.
        let after_accept = suggested.or(case.label(dim));
        if after_accept == want {
            continue;
        }
        let Some(want) = want else {
            steps.extend([Step::Key("backspace"), Step::Key(clear_key(dim))]);
            continue;
        };
        match dim {
            Dimension::Scope => {
                // `o` sets kakao on a case without scope, and toggles kakao ↔ affiliate.
                let presses = match (case.label(dim), want) {
                    (None, 0) | (Some(1), 0) | (Some(0), 1) => 1,
                    _ => 2,
                };
                steps.extend(std::iter::repeat_n(Step::Key("o"), presses));
            }
            Dimension::Service => {
                steps.push(Step::Key("s"));
                steps.push(Step::Text(service_query(want)));
                steps.push(Step::Key("enter"));
            }
            _ => {
                if let Some(key) = label_key(dim, dim.code(want)) {
                    steps.push(Step::Key(key));
                }
            }
        }
    }
    let suggested = suggestion.and_then(|s| s.amount.as_ref()).map(|a| a.won);
    let after_accept = suggested.or(case.amount_krw);
    if after_accept != truth.amount_krw {
        steps.push(Step::Key("$"));
        if case.amount_krw.is_some() {
            steps.push(Step::Key("ctrl-u"));
        }
        if let Some(won) = truth.amount_krw {
            steps.push(Step::Text(amount_text(won)));
        }
        steps.push(Step::Key("enter"));
    }
    // `y` accepts the rest and confirms; without suggestions `enter` confirms.
    steps.push(Step::Key(if suggestion.is_some() { "y" } else { "enter" }));
    steps
}

/// What a replay counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Replayed {
    pub claims: usize,
    pub keys: usize,
    /// Claims done with `y` alone.
    pub accepted_whole: usize,
    /// Claims whose labels or amount differ from the truth afterwards (a defect of the
    /// replay or of the workbench: 0 when all is well).
    pub left_different: usize,
}

impl Replayed {
    pub fn keys_per_claim(&self) -> f64 {
        if self.claims == 0 {
            0.0
        } else {
            self.keys as f64 / self.claims as f64
        }
    }
}

/// Replays every case of the driver's view that `truths` holds, from the selected one on,
/// as a reviewer would. The view's cases must be unreviewed (status `new`): `y` confirms a
/// case and moves to the next unreviewed one.
pub fn replay(driver: &mut Driver, truths: &[Case]) -> Result<Replayed, String> {
    let truth: HashMap<&str, &Case> = truths.iter().map(|c| (c.id.as_str(), c)).collect();
    let mut done = Replayed {
        claims: 0,
        keys: 0,
        accepted_whole: 0,
        left_different: 0,
    };
    let mut seen = std::collections::HashSet::new();
    while let Some(case) = driver.app.current().cloned() {
        let Some(index) = driver.app.cases.index_of(&case.id) else {
            break;
        };
        if !seen.insert(case.id.clone()) {
            break; // back at a case already done: every case is reviewed
        }
        let Some(&want) = truth.get(case.id.as_str()) else {
            return Err(format!("{}: not among the labelled claims", case.id));
        };
        let suggestion = driver.app.suggestions.get(index).and_then(Option::as_ref);
        let steps = steps_for(&case, suggestion, want);
        done.claims += 1;
        done.accepted_whole += usize::from(steps.len() == 1);
        for step in &steps {
            done.keys += step.keys();
            match step {
                Step::Key(name) => driver.press(name)?,
                Step::Text(text) => driver.type_text(text),
            }
        }
        let after = driver
            .app
            .cases
            .by_id(&case.id)
            .ok_or_else(|| format!("{}: gone after the replay", case.id))?;
        if after.labels != want.labels || after.amount_krw != want.amount_krw {
            done.left_different += 1;
        }
    }
    Ok(done)
}

/// The keys the same claims take without suggestions: every label and the amount typed on an
/// unlabelled case, then `enter` to confirm.
pub fn keys_without_suggestions(truths: &[Case]) -> usize {
    truths
        .iter()
        .map(|t| {
            let blank = Case::new(t.id.clone(), t.text.clone());
            let steps = steps_for(&blank, None, t);
            steps.iter().map(Step::keys).sum::<usize>()
        })
        .sum()
}

/// A workbench on a new database at `path` holding `truths` without their labels (text,
/// received time and channel only), as reviewer `who`, with the suggestions of a model
/// trained on `training` (with `seed`) beside them: what a replay runs on.
pub fn workbench_for(
    path: &std::path::Path,
    who: &str,
    training: &[Case],
    truths: &[Case],
    seed: u64,
) -> Result<Driver, String> {
    use crate::store::{CreateOptions, OnExisting, Store};
    use crate::suggest::refresh::{suggest_and_store, train_and_store};
    let text = |e: &dyn std::fmt::Display| e.to_string();
    let mut store = Store::open(path).map_err(|e| text(&e))?;
    let blank: Vec<Case> = truths
        .iter()
        .map(|t| {
            let mut c = Case::new(t.id.clone(), t.text.clone());
            c.received_at = t.received_at.clone();
            c.channel = t.channel.clone();
            c
        })
        .collect();
    store
        .create_cases(
            &blank,
            CreateOptions {
                reviewer: who,
                action: "import",
                batch: "replay",
                on_existing: OnExisting::Fail,
                replace: false,
            },
            &mut |_| {},
        )
        .map_err(|e| text(&e))?;
    // The model learns from `training` only; it is stored in this database so the
    // workbench finds it as it would after `suggest train`.
    let teach: Vec<&Case> = training.iter().collect();
    let stored =
        train_and_store(&mut store, who, &teach, "", seed, &mut |_| {}).map_err(|e| text(&e))?;
    let targets: Vec<&Case> = blank.iter().collect();
    suggest_and_store(&mut store, who, &stored.suggester, &targets, &mut |_| {})
        .map_err(|e| text(&e))?;
    Driver::new(
        store,
        who.to_string(),
        crate::tui::keymap::Keymap::builtin(),
        Vec::new(),
    )
    .map_err(|e| text(&e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Suggested, SuggestedAmount};

    fn code(dim: Dimension, name: &str) -> u8 {
        dim.parse_code(name).unwrap()
    }

    /// A claim of a small business about the talk channel: 800,000 won, no substitute.
    fn truth() -> Case {
        let mut t = Case::new("T-1", "미용실 카톡 채널 예약 끊겨 하루 매출 80만원 손해");
        for (dim, name) in [
            (Dimension::Scope, "kakao"),
            (Dimension::Reporter, "small_business"),
            (Dimension::Kind, "free_monetary"),
            (Dimension::Service, "talk_channel"),
            (Dimension::Substitute, "unavailable"),
        ] {
            t.set_label(dim, Some(code(dim, name)));
        }
        t.amount_krw = Some(800_000);
        t
    }

    /// Suggestions equal to `t`'s labels and amount.
    fn right(t: &Case) -> CaseSuggestion {
        let mut s = CaseSuggestion::default();
        for dim in Dimension::ALL {
            s.labels[dim.index()] = t.label(dim).map(|code| Suggested {
                code,
                confidence: 0.95,
            });
        }
        s.amount = t.amount_krw.map(|won| SuggestedAmount {
            won,
            confidence: 0.9,
            start: 0,
            end: 0,
            why: String::new(),
        });
        s
    }

    fn keys(steps: &[Step]) -> usize {
        steps.iter().map(Step::keys).sum()
    }

    #[test]
    fn all_right_is_one_key() {
        let t = truth();
        let blank = Case::new("T-1", t.text.clone());
        assert_eq!(
            steps_for(&blank, Some(&right(&t)), &t),
            vec![Step::Key("y")]
        );
    }

    #[test]
    fn each_wrong_suggestion_is_fixed_with_its_keys_then_y() {
        let t = truth();
        let blank = Case::new("T-1", t.text.clone());
        let mut s = right(&t);
        s.labels[Dimension::Kind.index()] = Some(Suggested {
            code: code(Dimension::Kind, "inquiry"),
            confidence: 0.6,
        });
        s.labels[Dimension::Service.index()] = Some(Suggested {
            code: code(Dimension::Service, "kakaotalk"),
            confidence: 0.6,
        });
        s.amount = None;
        let steps = steps_for(&blank, Some(&s), &t);
        assert_eq!(
            steps,
            vec![
                Step::Key("2"),
                Step::Key("s"),
                Step::Text(service_query(code(Dimension::Service, "talk_channel"))),
                Step::Key("enter"),
                Step::Key("$"),
                Step::Text("80만".into()),
                Step::Key("enter"),
                Step::Key("y"),
            ]
        );
    }

    #[test]
    fn a_label_or_amount_the_claim_lacks_is_cleared() {
        let mut t = truth();
        t.set_label(Dimension::Service, None);
        t.amount_krw = None;
        let blank = Case::new("T-1", t.text.clone());
        let mut s = right(&truth());
        s.labels[Dimension::Service.index()] = Some(Suggested {
            code: 0,
            confidence: 0.5,
        });
        let steps = steps_for(&blank, Some(&s), &t);
        assert_eq!(
            steps,
            vec![
                Step::Key("backspace"),
                Step::Key("s"),
                Step::Key("$"),
                Step::Key("enter"),
                Step::Key("y"),
            ]
        );
    }

    #[test]
    fn without_suggestions_every_label_is_typed() {
        let t = truth();
        let blank = Case::new("T-1", t.text.clone());
        let steps = steps_for(&blank, None, &t);
        // o, b, 2, s + query + enter, x, $ + 80만 + enter, enter.
        let query = service_query(code(Dimension::Service, "talk_channel"));
        assert_eq!(
            keys(&steps),
            1 + 1 + 1 + 2 + query.chars().count() + 1 + 3 + 2 + 1
        );
        assert_eq!(steps.last(), Some(&Step::Key("enter")));
    }

    #[test]
    fn service_queries_pick_their_service_first_and_amounts_are_typed_short() {
        for (i, _) in Dimension::Service.codes().iter().enumerate() {
            let query = service_query(i as u8);
            let mut picker = Picker::new(String::new(), 0, None);
            picker.query = LineInput::new(query.clone());
            assert_eq!(picker.items().first(), Some(&(i as u8)), "{query}");
        }
        assert_eq!(amount_text(800_000), "80만");
        assert_eq!(amount_text(3_900), "3900");
        assert_eq!(amount_text(5_000), "5천");
        assert_eq!(amount_text(12_345), "12345");
    }
}
