//! The long store operations of the commands, each with its phases on the progress line:
//! reading every case (`load`), and creating cases (`erase` with `--force`, `store`, then
//! `commit`).

use super::progress::Progress;
use crate::domain::Case;
use crate::store::{CreateOptions, Created, Store, StoreError};

/// Every case, counted as they are read.
pub fn load_all(store: &Store, progress: &Progress) -> Result<Vec<Case>, StoreError> {
    store.load_all_counted(&mut |done, total| progress.advance("load", done, total))
}

/// [`Store::create_cases`]: the erase (with `replace`) while it runs, the cases stored, then
/// the commit, which is all that is left once every case is in.
pub fn create_cases(
    store: &mut Store,
    cases: &[Case],
    options: CreateOptions<'_>,
    progress: &Progress,
) -> Result<Created, StoreError> {
    if options.replace {
        progress.waiting("erase");
    }
    store.create_cases(cases, options, &mut |done| {
        if done == cases.len() {
            progress.waiting("commit");
        } else {
            progress.advance("store", done, cases.len());
        }
    })
}
