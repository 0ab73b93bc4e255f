//! The key → action → update → effect path, shared by the event loop and the tests: a key goes
//! through the keymap, the actions through `App::update`, and every effect runs to completion
//! (a save is durable) before the next key is taken.

use std::collections::VecDeque;
use std::time::Instant;

use crate::search::{SearchFields, SearchIndex, SearchResult, SearchWorker};
use crate::store::{Store, StoreError};
use crate::tui::app::{App, Effect, Msg, Now};
use crate::tui::keymap::{parse_sequence, KeyChord, Keymap, Resolved};
use crate::tui::rule_files::{RuleSource, RuleWatch};
use crate::tui::runner::Runner;
use crate::tui::suggest_worker::SuggestWorker;

pub struct Driver {
    pub app: App,
    runner: Runner,
    /// The search thread, started after the first frame (or at the first search).
    search: Option<SearchWorker>,
    /// How many cases the search index holds (new cases are pushed to it).
    search_known: usize,
    rules: Option<RuleWatch>,
    /// The background suggestions, started after the first frame.
    suggest: Suggesting,
    /// Keys of a sequence typed so far (`g` of `g g`).
    pending: Vec<KeyChord>,
}

impl Driver {
    /// Loads every case of `store` and starts the app. `keymap_errors` (a bad user keymap)
    /// are shown in the message line.
    pub fn new(
        store: Store,
        reviewer: String,
        keymap: Keymap,
        keymap_errors: Vec<String>,
    ) -> Result<Driver, StoreError> {
        let role = store.check_enrolled(&reviewer)?;
        let cursor = store.audit_cursor()?;
        let cases = store.load_all()?;
        let db_label = store.location().label();
        let mut app = App::new(cases, reviewer.clone(), db_label, keymap, now());
        app.role = role;
        let runner = Runner::new(store, reviewer, cursor)?;
        let mut driver = Driver {
            app,
            runner,
            search: None,
            search_known: 0,
            rules: None,
            suggest: Suggesting::NotYet,
            pending: Vec::new(),
        };
        driver.handle(Msg::StartupErrors(keymap_errors));
        let views = driver.runner.load_views();
        driver.handle(views);
        let suggestions = driver.runner.load_suggestions();
        driver.handle(suggestions);
        Ok(driver)
    }

    /// Judges the cases with the rule sets of `source`, and follows their files as they change.
    pub fn load_rules(&mut self, source: RuleSource) {
        let mut watch = RuleWatch::new(source);
        let loaded = watch.load();
        self.rules = Some(watch);
        self.handle(Msg::RulesLoaded {
            sets: loaded,
            changed: None,
        });
    }

    /// One key: resolved through the keymap of the current mode. Returns whether anything
    /// may have changed on screen.
    pub fn handle_chord(&mut self, chord: KeyChord) -> bool {
        let mode = self.app.key_mode();
        match self.app.keymap.resolve(mode, &self.pending, chord) {
            Resolved::Pending => {
                self.pending.push(chord);
                false
            }
            Resolved::Actions(actions) => {
                self.pending.clear();
                for action in actions {
                    self.handle(Msg::Action(action));
                }
                true
            }
            Resolved::Unbound => {
                let was_pending = !self.pending.is_empty();
                self.pending.clear();
                match chord.typed_char() {
                    Some(ch) if self.app.takes_text() && !was_pending => {
                        self.handle(Msg::Input(ch));
                        true
                    }
                    _ => false,
                }
            }
        }
    }

    /// Applies a message and runs every effect it leads to, feeding results back in.
    pub fn handle(&mut self, msg: Msg) {
        let mut queue = VecDeque::from([msg]);
        while let Some(msg) = queue.pop_front() {
            self.sync_search();
            for effect in self.app.update(msg, now()) {
                match effect {
                    Effect::Save(save) => queue.push_back(self.runner.save(save)),
                    Effect::Bulk(bulk) => queue.push_back(self.runner.bulk(bulk)),
                    Effect::SaveView {
                        name,
                        filter,
                        search,
                    } => queue.extend(self.runner.save_view(&name, &filter, search.as_deref())),
                    Effect::DeleteView(name) => queue.extend(self.runner.delete_view(&name)),
                    Effect::LoadHistory(case_id) => queue.push_back(self.runner.history(case_id)),
                    Effect::Claim(case_id) => queue.push_back(self.runner.claim(case_id)),
                    Effect::ListSpotChecks => queue.push_back(self.runner.list_spot_checks()),
                    Effect::OpenSpot(id) => queue.push_back(self.runner.open_spot(id)),
                    Effect::NewSpot(form) => queue.push_back(self.runner.new_spot(&form)),
                    Effect::SpotLabel {
                        check,
                        case_id,
                        dim,
                        value,
                    } => queue.push_back(self.runner.spot_label(check, &case_id, dim, value)),
                    Effect::LoadSpotDifferences(check) => {
                        queue.push_back(self.runner.spot_differences(check, None))
                    }
                    Effect::SpotResolve {
                        check,
                        case_id,
                        dim,
                        resolution,
                    } => {
                        queue.push_back(self.runner.spot_resolve(check, &case_id, dim, resolution))
                    }
                    Effect::LoadAgreement => queue.push_back(self.runner.agreement()),
                    Effect::PlanRevert(batch) => queue.push_back(self.runner.plan_revert(&batch)),
                    Effect::Revert(plan) => queue.push_back(self.runner.revert(&plan)),
                    Effect::Search {
                        generation,
                        query,
                        candidates,
                    } => self
                        .search_worker()
                        .request(generation, query, Some(candidates)),
                    Effect::Quit => {}
                }
            }
        }
        self.sync_search();
    }

    /// Starts the search thread, which builds its index from the cases' searchable fields
    /// (the event loop calls this after the first frame, so start-up does not wait for it).
    pub fn start_search(&mut self) {
        self.search_worker();
    }

    fn search_worker(&mut self) -> &SearchWorker {
        let cases = &self.app.cases;
        let known = &mut self.search_known;
        self.search.get_or_insert_with(|| {
            // Ids and notes are copied here and the texts shared; the keys are built there.
            let fields = SearchFields::of(cases.iter());
            *known = cases.len();
            SearchWorker::start_with(move || SearchIndex::from_fields(fields))
        })
    }

    /// Starts the background suggestions (the event loop calls this after the first frame):
    /// a database without a model gets one, and cases without suggestions get theirs.
    pub fn start_suggestions(&mut self) {
        if self.suggest.worker().is_none() {
            let location = self.runner.location().clone();
            self.suggest =
                Suggesting::Running(SuggestWorker::start(location, self.app.reviewer.clone()));
        }
    }

    /// Takes what the background suggestions said, if anything. Returns whether it did.
    pub fn poll_suggestions(&mut self) -> bool {
        // Looked at before taking: a worker over by then has sent all it will send.
        let finished = self
            .suggest
            .worker()
            .is_some_and(SuggestWorker::is_finished);
        let mut any = false;
        while let Some(msg) = self.suggest.worker().and_then(SuggestWorker::try_answer) {
            self.take_suggestions(msg);
            any = true;
        }
        if finished {
            // With nothing to do it says nothing.
            self.suggest = Suggesting::Over;
        }
        any
    }

    /// Whether everything start-up loads after the first frame is in: the search index is
    /// built and the background suggestions are over and taken (benchmarks wait for it,
    /// calling [`Driver::poll_search`] and [`Driver::poll_suggestions`] meanwhile).
    pub fn is_fully_loaded(&self) -> bool {
        self.search.as_ref().is_some_and(SearchWorker::is_built)
            && matches!(self.suggest, Suggesting::Over)
    }

    /// Waits up to `timeout` for the background suggestions to arrive (tests and
    /// benchmarks); returns whether they did.
    pub fn wait_suggestions(&mut self, timeout: std::time::Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while let Some(msg) = self
            .suggest
            .worker()
            .and_then(|w| w.wait(deadline.saturating_duration_since(Instant::now())))
        {
            let last = !matches!(msg, Msg::SuggestionsTraining(_));
            self.take_suggestions(msg);
            if last {
                return true;
            }
        }
        false
    }

    /// One message of the background suggestions; after the last the worker is gone.
    fn take_suggestions(&mut self, msg: Msg) {
        if !matches!(msg, Msg::SuggestionsTraining(_)) {
            self.suggest = Suggesting::Over;
        }
        self.handle(msg);
    }

    /// Takes the search worker's answer, if it has come. Returns whether one did.
    pub fn poll_search(&mut self) -> bool {
        let Some(search) = &self.search else {
            return false;
        };
        match search.try_result() {
            Some(result) => {
                self.take_search(result);
                true
            }
            None => false,
        }
    }

    /// Waits up to `timeout` for the search worker's answer (tests and benchmarks).
    pub fn wait_search(&mut self, timeout: std::time::Duration) -> bool {
        let Some(search) = &self.search else {
            return false;
        };
        match search.recv_timeout(timeout) {
            Some(result) => {
                self.take_search(result);
                true
            }
            None => false,
        }
    }

    fn take_search(&mut self, result: SearchResult) {
        self.handle(Msg::SearchResults {
            generation: result.generation,
            query: result.query,
            hits: result.hits,
        });
    }

    /// Sends the cases whose text or note changed (or that are new) to the search index.
    fn sync_search(&mut self) {
        let mut updates = std::mem::take(&mut self.app.search_updates);
        let Some(search) = &self.search else {
            // Not started yet: it will copy the cases as they are when it starts.
            return;
        };
        updates.sort_unstable();
        updates.dedup();
        for index in updates {
            if index >= self.search_known {
                // New cases: the index takes them in order.
                for new in self.search_known..=index {
                    if let Some(case) = self.app.cases.get(new) {
                        search.push_case(case);
                    }
                }
                self.search_known = index + 1;
            } else if let Some(case) = self.app.cases.get(index) {
                search.update_case(index, case);
            }
        }
    }

    /// Applies other sessions' changes, if any were committed. Returns whether any arrived
    /// (or the message line has news about the database).
    pub fn poll_others(&mut self) -> bool {
        let mut msgs = self.runner.poll_others();
        if let Some(reload) = self.rules.as_mut().and_then(RuleWatch::changed) {
            msgs.push(Msg::RulesLoaded {
                sets: reload.sets,
                changed: Some(reload.changed),
            });
        }
        let current = self.app.current().map(|c| c.id.clone());
        msgs.extend(self.runner.tick_leases(current.as_deref()));
        let mut any = false;
        for msg in msgs {
            // The lease snapshot arrives every second; it is news only when it differs.
            any |= !matches!(&msg, Msg::Leases(leases) if *leases == self.app.leases);
            self.handle(msg);
        }
        any
    }

    /// Types keys given by their keymap names, separated by spaces (`"j j 2 enter"`); for
    /// tests and benchmarks. A name that is not a key is an error.
    pub fn press(&mut self, keys: &str) -> Result<(), String> {
        let chords = parse_sequence(keys).map_err(|e| e.to_string())?;
        for chord in chords {
            self.handle_chord(chord);
        }
        Ok(())
    }

    /// Types text into the screen in force, character by character.
    pub fn type_text(&mut self, text: &str) {
        for ch in text.chars() {
            self.handle(Msg::Input(ch));
        }
    }

    /// Lets go of this session's leases (at quit).
    pub fn release_leases(&mut self) {
        self.runner.release_leases();
    }

    pub fn should_quit(&self) -> bool {
        self.app.quitting
    }
}

/// The time now, as every message is stamped with it: the app itself never reads a clock.
pub fn now() -> Now {
    Now {
        instant: Instant::now(),
        local: chrono::Local::now().fixed_offset(),
    }
}

/// Where the background suggestions are: not started yet, working (the worker sends what it
/// learns and suggests), or over (answered, or finished with nothing to say).
enum Suggesting {
    NotYet,
    Running(SuggestWorker),
    Over,
}

impl Suggesting {
    fn worker(&self) -> Option<&SuggestWorker> {
        match self {
            Suggesting::Running(worker) => Some(worker),
            Suggesting::NotYet | Suggesting::Over => None,
        }
    }
}
