//! The suggestion operations on a store, one implementation for `casebench suggest train` /
//! `suggest run` and the workbench's background worker: train a model and keep it, suggest
//! for cases and keep the suggestions beside them (never in their labels).

use super::error::SuggestError;
use super::labels::DimFigures;
use super::suggester::Suggester;
use super::training::{train_counted, Trained, Training};
use crate::domain::{Case, CaseSuggestion};
use crate::io::sample::DEFAULT_SEED;
use crate::store::{NewModel, Store, StoreError};

/// Suggestions are written this many cases to a transaction, so that a reviewer's save waits
/// for at most one chunk (a few milliseconds), not for the whole run.
const CASES_PER_WRITE: usize = 2_000;

#[derive(Debug, thiserror::Error)]
pub enum RefreshError {
    #[error(transparent)]
    Suggest(#[from] SuggestError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A model trained and stored.
pub struct Stored {
    pub suggester: Suggester,
    /// The label model's held-out figures, per learnt dimension.
    pub figures: Vec<DimFigures>,
    /// Cases with at least one label (the others teach nothing).
    pub cases_used: usize,
}

/// Trains on `cases` (those with a label teach), stores the model with `filter` (the
/// `--where` it was trained with, empty for every case) and returns it with its id;
/// `progress` hears now and then where it is.
pub fn train_and_store(
    store: &mut Store,
    who: &str,
    cases: &[&Case],
    filter: &str,
    seed: u64,
    progress: &mut dyn FnMut(Training),
) -> Result<Stored, RefreshError> {
    let trained = train_counted(cases, seed, progress)?;
    progress(Training::Saving);
    let bytes = trained.labels.to_bytes();
    let id = store.save_model(&NewModel {
        created_by: who,
        seed,
        filter,
        cases_used: trained.cases_used,
        figures: &trained.figures_json(),
        labels: &bytes,
        amount: &trained.amount_json(),
    })?;
    let Trained {
        labels,
        figures,
        amount,
        cases_used,
    } = trained;
    let suggester = Suggester {
        model_id: id,
        labels,
        amount,
    };
    Ok(Stored {
        suggester,
        figures,
        cases_used,
    })
}

/// The newest stored model, ready to suggest; `None` when none was trained.
pub fn latest(store: &Store) -> Result<Option<Suggester>, RefreshError> {
    match store.latest_model()? {
        Some(stored) => Ok(Some(Suggester::from_stored(&stored)?)),
        None => Ok(None),
    }
}

/// Suggestions are worked out this many cases at a time (on all cores), then stored
/// [`CASES_PER_WRITE`] at a time, so that progress is heard while they are worked out too.
const CASES_PER_SUGGEST: usize = 8 * CASES_PER_WRITE;

/// Suggests for `cases` and stores the suggestions, a chunk at a time; `done` hears how many
/// cases are suggested and stored so far. Returns the suggestions by case id.
pub fn suggest_and_store(
    store: &mut Store,
    who: &str,
    suggester: &Suggester,
    cases: &[&Case],
    done: &mut dyn FnMut(usize),
) -> Result<Vec<(String, CaseSuggestion)>, RefreshError> {
    let mut suggested: Vec<(String, CaseSuggestion)> = Vec::with_capacity(cases.len());
    let mut written = 0;
    for part in cases.chunks(CASES_PER_SUGGEST) {
        let texts: Vec<&str> = part.iter().map(|c| &*c.text).collect();
        let from = suggested.len();
        suggested.extend(
            part.iter()
                .map(|c| c.id.clone())
                .zip(suggester.suggest_all(&texts)),
        );
        for chunk in suggested[from..].chunks(CASES_PER_WRITE) {
            written += store.save_suggestions(who, chunk)?;
            done(written);
        }
    }
    Ok(suggested)
}

/// What [`bring_up_to_date`] did.
pub enum Refreshed {
    /// Nothing to do: every case has a suggestion, or no case has a label to learn from.
    Nothing,
    /// A model was trained (none existed) and suggested for every case.
    Trained { model_id: i64, cases: usize },
    /// The newest model suggested for the cases that had no suggestion (new since it ran).
    Suggested { model_id: i64, cases: usize },
}

/// What a new database needs so that the workbench shows suggestions: without a model, train
/// one on every labelled case (default seed) and suggest for every case; with one, suggest for
/// the cases that have no suggestion yet. The workbench runs this in the background after its
/// first frame. `training` hears, before a model is trained, how many cases it learns from.
pub fn bring_up_to_date(
    store: &mut Store,
    who: &str,
    training: &mut dyn FnMut(usize),
) -> Result<Refreshed, RefreshError> {
    let missing = store.load_unsuggested()?;
    if missing.is_empty() {
        return Ok(Refreshed::Nothing);
    }
    match latest(store)? {
        None => {
            // Training reads every case; those without a suggestion are read again with them.
            drop(missing);
            let cases = store.load_all()?;
            let all: Vec<&Case> = cases.iter().collect();
            let labelled = all
                .iter()
                .filter(|c| c.labels.iter().any(Option::is_some))
                .count();
            if labelled == 0 {
                return Ok(Refreshed::Nothing);
            }
            training(labelled);
            let stored = match train_and_store(store, who, &all, "", DEFAULT_SEED, &mut |_| {}) {
                Ok(stored) => stored,
                Err(RefreshError::Suggest(SuggestError::NothingToLearn { .. })) => {
                    return Ok(Refreshed::Nothing)
                }
                Err(e) => return Err(e),
            };
            suggest_and_store(store, who, &stored.suggester, &all, &mut |_| {})?;
            Ok(Refreshed::Trained {
                model_id: stored.suggester.model_id,
                cases: all.len(),
            })
        }
        Some(suggester) => {
            let missing: Vec<&Case> = missing.iter().collect();
            suggest_and_store(store, who, &suggester, &missing, &mut |_| {})?;
            Ok(Refreshed::Suggested {
                model_id: suggester.model_id,
                cases: missing.len(),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::sample::{generate, SampleConfig};
    use crate::store::{CreateOptions, OnExisting};

    fn create(store: &mut Store, cases: &[Case]) {
        let options = CreateOptions {
            reviewer: "t",
            action: "import",
            batch: "b",
            on_existing: OnExisting::Fail,
            replace: false,
        };
        store.create_cases(cases, options, &mut |_| {}).unwrap();
    }

    /// A new database trains and suggests for every case; a later session does nothing; cases
    /// that arrived since get theirs, and only they.
    #[test]
    fn only_what_is_missing_is_suggested() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("r.db")).unwrap();
        let sample = generate(SampleConfig {
            cases: 400,
            seed: 3,
        });
        create(&mut store, &sample[..390]);
        let mut heard = Vec::new();
        let trained = bring_up_to_date(&mut store, "t", &mut |n| heard.push(n)).unwrap();
        assert!(matches!(trained, Refreshed::Trained { cases: 390, .. }));
        assert_eq!(heard.len(), 1);
        assert_eq!(store.load_suggestions().unwrap().len(), 390);
        assert!(store.load_unsuggested().unwrap().is_empty());

        let again = bring_up_to_date(&mut store, "t", &mut |_| panic!("no training")).unwrap();
        assert!(matches!(again, Refreshed::Nothing));

        create(&mut store, &sample[390..]);
        let unsuggested: Vec<String> = store
            .load_unsuggested()
            .unwrap()
            .into_iter()
            .map(|c| c.id)
            .collect();
        let new: Vec<String> = sample[390..].iter().map(|c| c.id.clone()).collect();
        assert_eq!(unsuggested, new);
        let later = bring_up_to_date(&mut store, "t", &mut |_| panic!("no training")).unwrap();
        assert!(matches!(later, Refreshed::Suggested { cases: 10, .. }));
        assert_eq!(store.load_suggestions().unwrap().len(), 400);
    }
}
