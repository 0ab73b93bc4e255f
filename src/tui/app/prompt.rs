//! One-line inputs: the amount and the note of a case, the name to save a view under, the
//! form that starts a spot-check. What is typed is parsed here, in `update`; a refused input
//! stays open with the problem shown inside it, so the next typed characters stay text and
//! never run as single-key commands.

use super::effect::Effect;
use super::incoming::{Retry, SaveFailure};
use super::line_input::LineInput;
use super::screen::Screen;
use super::App;
use crate::domain::{parse_amount, Change};
use crate::tui::action::Action;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    /// The case it edits (empty for the view name and the spot-check form).
    pub case_id: String,
    pub input: LineInput,
    /// Why the last `enter` was refused (every problem, one a line); cleared by typing.
    pub errors: Vec<String>,
    /// Waiting for the store's answer to what was accepted (the prompt closes when it comes
    /// back without a problem).
    pub waiting: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptKind {
    Amount,
    Note,
    /// The name to save the current view under.
    ViewName,
    /// What a new spot-check samples (`reviewers=kim since=2026-11-01 size=20`).
    NewSpotCheck,
}

impl Prompt {
    pub fn new(kind: PromptKind, case_id: String, input: LineInput) -> Prompt {
        Prompt {
            kind,
            case_id,
            input,
            errors: Vec::new(),
            waiting: false,
        }
    }

    /// What the prompt asks for, as its title says it.
    pub fn title(&self) -> String {
        let of = if self.case_id.is_empty() {
            String::new()
        } else {
            format!(" of {}", self.case_id)
        };
        match self.kind {
            PromptKind::Amount => {
                format!("amount{of} in won: 50,000 · 5만원 · 12만 5천원 (empty clears)")
            }
            PromptKind::Note => format!("note{of} (empty clears)"),
            PromptKind::ViewName => "save this view for the team as".to_string(),
            PromptKind::NewSpotCheck => "new spot-check: reviewers=kim,lee since=DATE \
                [until=DATE] size=N | confidence=0.95 margin=0.05"
                .to_string(),
        }
    }
}

impl App {
    pub(super) fn open_prompt(&mut self, kind: PromptKind, case_id: String, input: LineInput) {
        self.screens
            .open(Screen::Prompt(Prompt::new(kind, case_id, input)));
    }

    /// Opens a prompt that cannot be accepted, with why shown inside it: what the reviewer
    /// goes on typing lands in the prompt, not on the list.
    pub(super) fn open_refused_prompt(&mut self, kind: PromptKind, why: String) {
        let mut prompt = Prompt::new(kind, String::new(), LineInput::default());
        prompt.errors = vec![why];
        self.screens.open(Screen::Prompt(prompt));
    }

    /// The text changed: the last refusal no longer applies (a refusal that is not about
    /// the text, such as a reviewer saving a team view, is checked again at `enter`).
    pub(super) fn prompt_text_changed(&mut self) {
        if let Screen::Prompt(prompt) = self.screens.top_mut() {
            prompt.errors.clear();
        }
    }

    /// Puts the store's refusal of what the prompt asked for inside the prompt, if it is
    /// still open and waiting; otherwise it becomes the message.
    pub(super) fn prompt_refused(&mut self, kind: PromptKind, errors: Vec<String>) -> bool {
        match self.screens.top_mut() {
            Screen::Prompt(prompt) if prompt.kind == kind && prompt.waiting => {
                prompt.waiting = false;
                prompt.errors = errors;
                true
            }
            _ => false,
        }
    }

    /// The amount or note prompt waiting for the save of `case_id`, if one is open.
    fn save_prompt(&mut self, case_id: &str) -> Option<&mut Prompt> {
        match self.screens.top_mut() {
            Screen::Prompt(prompt)
                if matches!(prompt.kind, PromptKind::Amount | PromptKind::Note)
                    && prompt.waiting
                    && prompt.case_id == case_id =>
            {
                Some(prompt)
            }
            _ => None,
        }
    }

    /// The save of `case_id` is answered: its prompt, if one waits, closes.
    pub(super) fn save_prompt_done(&mut self, case_id: &str) {
        if self.save_prompt(case_id).is_some() {
            self.screens.close();
        }
    }

    /// The save of `case_id` could not reach the database: its prompt, if one waits, stays
    /// open with what was typed and why, for enter to try again. Returns whether one did.
    pub(super) fn save_prompt_kept(&mut self, case_id: &str, failure: &SaveFailure) -> bool {
        let Some(prompt) = self.save_prompt(case_id) else {
            return false;
        };
        prompt.waiting = false;
        prompt.errors = vec![match failure.retry {
            Retry::NotSaved => format!("not saved, enter tries again: {}", failure.message),
            Retry::No | Retry::Unsure => failure.message.clone(),
        }];
        true
    }

    /// The store did what the prompt asked for: it closes.
    pub(super) fn prompt_done(&mut self, kind: PromptKind) {
        if matches!(self.screen(), Screen::Prompt(p) if p.kind == kind) {
            self.screens.close();
        }
    }

    pub(super) fn prompt_action(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Cancel => {
                self.screens.close();
                Vec::new()
            }
            Action::Accept => self.accept_prompt(),
            _ => Vec::new(),
        }
    }

    /// `enter` in a prompt: what was typed is parsed and checked here; a problem keeps the
    /// prompt open with the problem inside it.
    fn accept_prompt(&mut self) -> Vec<Effect> {
        let Screen::Prompt(prompt) = self.screen() else {
            return Vec::new();
        };
        let (kind, case_id) = (prompt.kind, prompt.case_id.clone());
        let text = prompt.input.value().to_string();
        let decided: Result<Vec<Effect>, Vec<String>> = match kind {
            PromptKind::Amount | PromptKind::Note => {
                let change = match kind {
                    PromptKind::Amount if text.trim().is_empty() => Ok(Change::Amount(None)),
                    PromptKind::Amount => parse_amount(&text)
                        .map(|won| Change::Amount(Some(won)))
                        .map_err(|e| vec![e.to_string()]),
                    _ if text.trim().is_empty() => Ok(Change::Note(None)),
                    _ => Ok(Change::Note(Some(text.trim_end().to_string()))),
                };
                match change {
                    // A change to one case: the prompt waits for the save's answer and closes
                    // with it (a conflict reloads the case and says who changed it), unless
                    // the database could not be reached: then what was typed stays.
                    Ok(change) => {
                        let effects = self.save_label_of(&case_id, change);
                        if effects.is_empty() {
                            self.screens.close();
                            return effects;
                        }
                        Ok(effects)
                    }
                    Err(errors) => Err(errors),
                }
            }
            PromptKind::ViewName => self.view_name_accepted(&text),
            PromptKind::NewSpotCheck => self.spot_form_accepted(&text),
        };
        match decided {
            Ok(effects) => {
                if let Screen::Prompt(prompt) = self.screens.top_mut() {
                    // Still open: it waits for the store's answer.
                    prompt.waiting = !effects.is_empty();
                    prompt.errors.clear();
                }
                effects
            }
            Err(errors) => {
                if let Screen::Prompt(prompt) = self.screens.top_mut() {
                    prompt.errors = errors;
                }
                Vec::new()
            }
        }
    }
}
