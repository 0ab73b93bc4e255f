//! Claimed amounts in won: skewed (many small claims, a few very large ones) and rounded
//! the way people round what they claim.
//!
//! A distribution is a table of buckets (an inclusive range and a rounding step) with integer
//! weights: a piecewise log-uniform shape drawn with integers only, so it is byte-stable.

use super::labels::{Kind, Reporter, Service};
use crate::rng::Rng;

/// Claimed amounts from `lo` to `hi` (inclusive), in multiples of `step`. `None` as the
/// bucket means "no amount given".
type Bucket = Option<(i64, i64, i64)>;

/// Small businesses' sales losses. Exact 300,000 and 500,000 (the committee's boundaries)
/// are common round claims.
const SMALL_BUSINESS: &[(Bucket, u32)] = &[
    (None, 10),
    (Some((10_000, 49_000, 1_000)), 6),
    (Some((50_000, 100_000, 10_000)), 14),
    (Some((110_000, 290_000, 10_000)), 29),
    (Some((300_000, 300_000, 1)), 6),
    (Some((301_000, 499_000, 1_000)), 3),
    (Some((310_000, 490_000, 10_000)), 9),
    (Some((500_000, 500_000, 1)), 5),
    (Some((510_000, 1_000_000, 10_000)), 9),
    (Some((1_050_000, 3_000_000, 50_000)), 6),
    (Some((3_100_000, 9_900_000, 100_000)), 2),
    (Some((10_000_000, 50_000_000, 1_000_000)), 1),
];

/// Individuals' free-service losses: fares, fees, missed sales; a few trading losses.
const INDIVIDUAL: &[(Bucket, u32)] = &[
    (None, 22),
    (Some((1_000, 9_900, 100)), 9),
    (Some((10_000, 49_000, 1_000)), 24),
    (Some((50_000, 100_000, 10_000)), 17),
    (Some((110_000, 290_000, 10_000)), 13),
    (Some((300_000, 300_000, 1)), 2),
    (Some((310_000, 490_000, 10_000)), 4),
    (Some((500_000, 500_000, 1)), 2),
    (Some((510_000, 2_000_000, 10_000)), 5),
    (Some((2_100_000, 9_900_000, 100_000)), 2),
];

/// Mid/large companies: few, and large.
const ENTERPRISE: &[(Bucket, u32)] = &[
    (None, 25),
    (Some((1_000_000, 9_900_000, 100_000)), 35),
    (Some((10_000_000, 99_000_000, 1_000_000)), 30),
    (Some((100_000_000, 500_000_000, 10_000_000)), 10),
];

/// Affiliate free-service losses (missed fares, failed payments): mid-sized.
const AFFILIATE: &[(Bucket, u32)] = &[
    (None, 18),
    (Some((5_000, 49_000, 1_000)), 30),
    (Some((50_000, 300_000, 10_000)), 40),
    (Some((310_000, 1_000_000, 10_000)), 10),
    (Some((1_100_000, 3_000_000, 100_000)), 2),
];

/// A claimed amount consistent with the case's labels, or `None`.
pub fn claimed(
    rng: &mut Rng,
    kind: Kind,
    reporter: Reporter,
    service: Option<Service>,
) -> Option<i64> {
    match kind {
        Kind::Paid => subscription(rng, service),
        Kind::FreeMonetary => {
            let table = match (service, reporter) {
                (Some(Service::KakaoT | Service::KakaoPay), Reporter::Individual) => AFFILIATE,
                (_, Reporter::SmallBusiness) => SMALL_BUSINESS,
                (_, Reporter::Enterprise) => ENTERPRISE,
                (_, Reporter::Individual) => INDIVIDUAL,
            };
            draw(rng, table)
        }
        _ => None,
    }
}

/// A subscription or rental price, or a few days' worth of it; about a quarter give none.
fn subscription(rng: &mut Rng, service: Option<Service>) -> Option<i64> {
    if rng.chance(0.27) {
        return None;
    }
    let prices: &[i64] = match service {
        Some(Service::Emoticon) => &[3_900, 3_900, 4_900, 4_900, 2_900, 390, 490, 1_000],
        Some(Service::TalkDrawer) => &[990, 1_900, 1_900, 2_900, 990, 200, 500],
        Some(Service::Melon) => &[7_900, 10_900, 10_900, 6_900, 8_690, 1_090, 2_000],
        Some(Service::KakaoPage) => &[1_000, 3_000, 5_000, 500, 2_000, 10_000, 300],
        _ => &[2_900, 3_900, 4_900, 9_900],
    };
    Some(rng.pick(prices))
}

fn draw(rng: &mut Rng, table: &[(Bucket, u32)]) -> Option<i64> {
    let (lo, hi, step) = rng.weighted(table)?;
    let steps = ((hi - lo) / step).max(0) as u64;
    Some(lo + rng.between(0, steps) as i64 * step)
}
