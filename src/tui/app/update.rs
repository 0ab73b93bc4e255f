//! `App::update`: every message, handled in one place. It is pure: the time comes in with
//! the message, nothing here reads a clock, a file or the database, and what must happen
//! outside comes back as effects.

use super::effect::{Effect, Intent};
use super::incoming::{Msg, Now, Retry};
use super::prompt::PromptKind;
use super::screen::{Reader, Screen};
use super::spot::SpotList;
use super::status_message::Message;
use super::App;

impl App {
    /// Applies one message that arrived at `now`; returns what the event loop must do.
    pub fn update(&mut self, msg: Msg, now: Now) -> Vec<Effect> {
        self.clock.now = now.instant;
        self.local_now = now.local;
        self.today = now.today();
        self.zone = *now.local.offset();
        let mut effects = self.update_inner(msg);
        // A view with a search was applied: ask for its results.
        effects.extend(self.pending_search.take());
        effects
    }

    fn update_inner(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Action(action) => {
                if self.message.as_ref().is_some_and(|m| !m.sticky()) {
                    self.message = None;
                }
                self.on_action(action)
            }
            Msg::Input(ch) => self.on_text(ch),
            Msg::SearchResults {
                generation,
                query,
                hits,
            } => {
                self.on_search_results(generation, &query, &hits);
                Vec::new()
            }
            Msg::Resize(cols, rows) => {
                self.size = (cols, rows);
                self.keep_cursor_visible();
                Vec::new()
            }
            Msg::Saved(saved) => match saved.outcome {
                Ok(applied) => {
                    self.save_prompt_done(&saved.save.case_id);
                    self.on_saved(saved.save, applied)
                }
                Err(failure) => {
                    // An undo or redo that could not be written stays available.
                    match saved.save.intent {
                        Intent::Undo(entry) => self.history.undo.push(entry),
                        Intent::Redo(entry) => self.history.redo.push(entry),
                        Intent::Edit | Intent::Confirm => {}
                    }
                    // Out of reach: what was typed stays in its prompt, for enter to try again.
                    if failure.retry == Retry::No
                        || !self.save_prompt_kept(&saved.save.case_id, &failure)
                    {
                        self.save_prompt_done(&saved.save.case_id);
                        self.on_save_failed(failure);
                    }
                    Vec::new()
                }
            },
            Msg::BulkSaved(saved) => {
                self.on_bulk_saved(*saved);
                Vec::new()
            }
            Msg::External(changes) => {
                self.on_external(changes);
                Vec::new()
            }
            Msg::ViewsLoaded(views) => {
                self.saved_views = views;
                Vec::new()
            }
            Msg::ViewSaved(result) => {
                match result {
                    Ok(name) => {
                        self.prompt_done(PromptKind::ViewName);
                        self.spec.name = name.clone();
                        self.message = Some(Message::info(format!(
                            "saved the view \"{name}\" for the team"
                        )));
                    }
                    Err(error) => {
                        if !self.prompt_refused(PromptKind::ViewName, vec![error.clone()]) {
                            self.message = Some(Message::error(error));
                        }
                    }
                }
                Vec::new()
            }
            Msg::ViewFailed(error) => {
                self.message = Some(Message::error(error));
                Vec::new()
            }
            Msg::SpotChecks(checks) => {
                self.screens.open(Screen::SpotList(SpotList {
                    checks,
                    selected: 0,
                }));
                Vec::new()
            }
            Msg::SpotLoaded(check) => {
                self.prompt_done(PromptKind::NewSpotCheck);
                self.on_spot_loaded(check);
                Vec::new()
            }
            Msg::SpotDifferences { differences, case } => {
                self.on_spot_differences(differences, case);
                Vec::new()
            }
            Msg::SpotFailed(error) => {
                if !self.prompt_refused(PromptKind::NewSpotCheck, vec![error.clone()]) {
                    self.message = Some(Message::error(error));
                }
                Vec::new()
            }
            Msg::AgreementText(text) => {
                self.screens.open(Screen::Report(Reader::new(
                    "agreement (reviewers vs leads' spot-checks)",
                    text.lines().map(str::to_string).collect(),
                )));
                Vec::new()
            }
            Msg::RulesLoaded { sets, changed } => {
                self.on_rules_loaded(sets, changed);
                Vec::new()
            }
            Msg::Leases(leases) => {
                self.leases = leases;
                Vec::new()
            }
            Msg::Claimed { case_id, held_by } => match held_by {
                Some(reviewer) => {
                    self.leases.insert(case_id.clone(), reviewer.clone());
                    let on_it = self.current().is_some_and(|c| c.id == case_id);
                    if on_it {
                        let effects = self.jump_unreviewed(true);
                        self.message = Some(Message::notice(format!(
                            "{case_id} is open by {reviewer}; skipped to the next"
                        )));
                        effects
                    } else {
                        Vec::new()
                    }
                }
                None => Vec::new(),
            },
            Msg::HistoryLoaded { case_id, events } => {
                match events {
                    Ok(events) => self.open_history(case_id, events),
                    Err(error) => self.message = Some(Message::error(error)),
                }
                Vec::new()
            }
            Msg::RevertPlanned(plan) => {
                self.on_revert_planned(plan);
                Vec::new()
            }
            Msg::Reverted(outcome) => {
                self.on_reverted(*outcome);
                Vec::new()
            }
            Msg::Suggestions { list, fresh } => {
                self.on_suggestions(list, fresh);
                Vec::new()
            }
            Msg::SuggestionsTraining(cases) => {
                self.notice_unless_error(format!(
                    "{} {} in the background…",
                    super::suggestions::LEARNING,
                    crate::text::count(cases, "labelled case", "labelled cases")
                ));
                Vec::new()
            }
            Msg::SuggestionsFailed(why) => {
                self.message = Some(Message::error(format!(
                    "suggestions: {why} (casebench suggest train makes them by hand)"
                )));
                Vec::new()
            }
            Msg::StoreFailed(text) => {
                self.message = Some(Message::error(text));
                Vec::new()
            }
            Msg::StoreBack(text) => {
                self.message = Some(Message::notice(text));
                Vec::new()
            }
            Msg::StartupErrors(errors) => {
                if let Some(first) = errors.first() {
                    let more = if errors.len() > 1 {
                        format!(" (+{} more; see `casebench keys`)", errors.len() - 1)
                    } else {
                        String::new()
                    };
                    self.message = Some(
                        Message::error(format!(
                            "keymap: {first}{more}; using the default for those keys"
                        ))
                        .with_detail(errors.clone()),
                    );
                }
                Vec::new()
            }
        }
    }
}
