//! The deterministic synthetic sample: 105,116 damage claims shaped like the reports Kakao
//! received after the 15 October 2022 outage (see `sample-data/README.md`).
//!
//! [`generate`] reproduces the published figures exactly for the default size (87,198 Kakao
//! cases; among them 14,918 paid, 13,198 free-service monetary; 78,130 individuals, 8,894
//! small businesses, 174 companies) and scales them proportionally for any other size. Every
//! random choice comes from a hand-written SplitMix64 generator (`rng.rs`), so the same
//! configuration gives the same cases, byte for byte, on every platform and forever.
//!
//! Pipeline: `plan` deals scope, reporter and kind from pre-counted lists, draws the
//! correlated service, substitute, amount (`amount`), channel and arrival time
//! (`received`); the plans are sorted by arrival time and numbered; `text` then writes
//! each report.

mod amount;
mod counts;
mod labels;
mod plan;
mod received;

mod text;

#[cfg(test)]
mod tests;

use crate::domain::{Case, Dimension, Status};
use crate::rng::Rng;
use labels::{Kind, Reporter, Scope, Service, Substitute};
use plan::Profile;

/// The number of reports Kakao received (2022-10-19 to 2022-11-06).
pub const DEFAULT_CASES: usize = 105_116;
/// The default seed: the date of the outage.
pub const DEFAULT_SEED: u64 = 20221015;

/// Which sample to generate.
#[derive(Clone, Copy, Debug)]
pub struct SampleConfig {
    /// How many cases.
    pub cases: usize,
    /// Any seed; the same seed and size always give the same cases.
    pub seed: u64,
}

impl Default for SampleConfig {
    fn default() -> Self {
        SampleConfig {
            cases: DEFAULT_CASES,
            seed: DEFAULT_SEED,
        }
    }
}

/// The random stream of the texts (the plan uses streams 1–3).
const STREAM_TEXT: u64 = 4;

/// Generates cases in id order; deterministic: same config, same cases, byte for byte.
///
/// Ids are `R-000001`, `R-000002`, … in order of arrival (wider than six digits only when
/// there are more than 999,999 cases). Every case is `new` at version 1, with scope,
/// reporter and kind set; service, substitute and amount as the report suggests.
pub fn generate(config: SampleConfig) -> Vec<Case> {
    generate_counted(config, &mut |_| {})
}

/// How many cases [`generate_counted`] writes between two reports of its count.
const REPORT_EVERY: usize = 4096;

/// [`generate`], telling `done` now and then how many cases are written (0 once the plans
/// are dealt and sorted, `config.cases` at the end).
pub fn generate_counted(config: SampleConfig, done: &mut dyn FnMut(usize)) -> Vec<Case> {
    let mut profiles = plan::plan(config.cases, config.seed);
    profiles.sort_unstable_by_key(|p| (p.at, p.order));
    done(0);
    let mut cases = Vec::with_capacity(profiles.len());
    for (i, profile) in profiles.iter().enumerate() {
        let mut rng = Rng::derive(config.seed, STREAM_TEXT, i as u64);
        cases.push(build(case_id(i + 1, config.cases), profile, &mut rng));
        if cases.len() % REPORT_EVERY == 0 {
            done(cases.len());
        }
    }
    done(cases.len());
    cases
}

/// `R-000042`: the number zero-padded to six digits, or to the width of `cases` if wider.
fn case_id(number: usize, cases: usize) -> String {
    let width = cases.to_string().len().max(6);
    format!("R-{number:0width$}")
}

fn build(id: String, p: &Profile, rng: &mut Rng) -> Case {
    let mut case = Case {
        id,
        received_at: Some(received::rfc3339(p.at)),
        channel: Some(p.channel.code().to_string()),
        text: text::compose(p, rng).into(),
        labels: [None; 5],
        amount_krw: p.amount,
        status: Status::New,
        note: None,
        version: 1,
        updated_at: None,
        updated_by: None,
    };
    case.set_label(Dimension::Scope, Some(scope_index(p.scope)));
    case.set_label(Dimension::Reporter, Some(reporter_index(p.reporter)));
    case.set_label(Dimension::Kind, Some(kind_index(p.kind)));
    case.set_label(Dimension::Service, p.service.map(service_index));
    case.set_label(Dimension::Substitute, p.substitute.map(substitute_index));
    case
}

// The enums' discriminants are the taxonomy's code indices (checked by a test).
fn scope_index(s: Scope) -> u8 {
    s as u8
}
fn reporter_index(r: Reporter) -> u8 {
    r as u8
}
fn kind_index(k: Kind) -> u8 {
    k as u8
}
fn service_index(s: Service) -> u8 {
    s as u8
}
fn substitute_index(s: Substitute) -> u8 {
    s as u8
}
