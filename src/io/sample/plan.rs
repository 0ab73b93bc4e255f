//! The plan of a sample: every case's labels, amount, channel and arrival time, before any
//! text is written.
//!
//! Scope, reporter and kind are dealt from pre-counted lists, so the published figures come
//! out exactly for the default size and proportionally (largest remainder, summing to the
//! total) for any other size. The rest is drawn per case from correlated tables.

use super::amount;
use super::counts::{apportion, draw_from_pool, Quota};
use super::labels::{self, Kind, Reporter, Scope, Service, Substitute};
use super::received::{self, Channel};
use crate::rng::Rng;

/// Published: 87,198 Kakao cases of 105,116 reports; the rest concern affiliates.
pub const SCOPE_COUNTS: [u64; 2] = [87_198, 17_918];
/// Kinds among Kakao cases, in `Kind::ALL` order: paid 14,918, free_monetary 13,198, and
/// 59,082 without monetary loss split as inquiry 27,814, opinion 11,205, protest 16,463,
/// encouragement 3,600.
pub const KIND_COUNTS: [u64; 6] = [14_918, 13_198, 27_814, 11_205, 16_463, 3_600];
/// Reporters among Kakao cases: 89.6% / 10.2% / 0.2%.
pub const REPORTER_COUNTS: [u64; 3] = [78_130, 8_894, 174];

/// How strongly small businesses lean to each kind (per remaining case of that kind): about
/// half of their reports claim a free-service loss, mostly KakaoTalk Channel bookings.
const SMALL_BUSINESS_AFFINITY: [u32; 6] = [10, 90, 22, 12, 14, 8];
const ENTERPRISE_AFFINITY: [u32; 6] = [10, 80, 30, 20, 10, 5];

/// Independent random streams, so one stage's draws never shift another's.
const STREAM_DEAL: u64 = 1;
const STREAM_DETAIL: u64 = 2;
const STREAM_MARKS: u64 = 3;

/// Everything about a case except its id and text.
#[derive(Clone, Debug)]
pub struct Profile {
    pub scope: Scope,
    pub reporter: Reporter,
    pub kind: Kind,
    pub service: Option<Service>,
    pub substitute: Option<Substitute>,
    pub amount: Option<i64>,
    pub channel: Channel,
    /// Seconds since 2022-10-19T00:00:00+09:00.
    pub at: u32,
    /// Position in the dealt order: breaks ties between equal arrival times.
    pub order: u32,
    /// The text carries control characters, escape sequences or bidi overrides.
    pub hostile: bool,
    /// The text carries a phone number or e-mail address.
    pub contact: bool,
}

/// How many texts carry hostile bytes: one per 500 cases rounded up (so at least one in
/// every 1,000), none in samples under 100 cases.
pub fn hostile_count(cases: usize) -> usize {
    if cases < 100 {
        0
    } else {
        cases.div_ceil(500)
    }
}

/// How many texts carry contact details: 2%, rounded.
pub fn contact_count(cases: usize) -> usize {
    (cases * 2 + 50) / 100
}

/// Plans `cases` cases in dealt (random) order; callers sort them by (`at`, `order`).
pub fn plan(cases: usize, seed: u64) -> Vec<Profile> {
    let heads = deal(cases, seed);
    let mut rng = Rng::derive(seed, STREAM_DETAIL, 0);
    let mut marks = Rng::derive(seed, STREAM_MARKS, 0);
    let mut hostile = Quota::new(hostile_count(cases), cases);
    let mut contact = Quota::new(contact_count(cases), cases);
    heads
        .into_iter()
        .enumerate()
        .map(|(order, (scope, reporter, kind, service))| {
            let service = match scope {
                Scope::Kakao => labels::kakao_service(&mut rng, reporter, kind),
                Scope::Affiliate => service,
            };
            let substitute = labels::substitute(&mut rng, kind, service);
            let amount = amount::claimed(&mut rng, kind, reporter, service);
            let channel = Channel::draw(&mut rng);
            let at = received::draw_time(&mut rng, channel);
            Profile {
                scope,
                reporter,
                kind,
                service,
                substitute,
                amount,
                channel,
                at,
                order: order as u32,
                hostile: hostile.take(&mut marks),
                contact: contact.take(&mut marks),
            }
        })
        .collect()
}

type Head = (Scope, Reporter, Kind, Option<Service>);

/// Deals scope, reporter and kind with exact totals, shuffled. Affiliate cases get their
/// service here too (their reporter and kind depend on it).
fn deal(cases: usize, seed: u64) -> Vec<Head> {
    let mut rng = Rng::derive(seed, STREAM_DEAL, 0);
    let [kakao, affiliate] = apportion(cases, &SCOPE_COUNTS);
    let mut kind_pool = apportion(kakao, &KIND_COUNTS);
    let [_, small_business, enterprise] = apportion(kakao, &REPORTER_COUNTS);

    let mut heads: Vec<Head> = Vec::with_capacity(cases);
    let groups = [
        (Reporter::Enterprise, enterprise, &ENTERPRISE_AFFINITY),
        (
            Reporter::SmallBusiness,
            small_business,
            &SMALL_BUSINESS_AFFINITY,
        ),
    ];
    for (reporter, count, affinity) in groups {
        for k in draw_from_pool(&mut rng, &mut kind_pool, affinity, count) {
            heads.push((Scope::Kakao, reporter, Kind::ALL[k], None));
        }
    }
    for (k, &left) in kind_pool.iter().enumerate() {
        for _ in 0..left {
            heads.push((Scope::Kakao, Reporter::Individual, Kind::ALL[k], None));
        }
    }
    for _ in 0..affiliate {
        let service = labels::affiliate_service(&mut rng);
        let reporter = labels::affiliate_reporter(&mut rng, service);
        let kind = labels::affiliate_kind(&mut rng, service);
        heads.push((Scope::Affiliate, reporter, kind, Some(service)));
    }
    rng.shuffle(&mut heads);
    heads
}
