//! Drawing a spot-check's sample: random, stratified by kind with proportional allocation,
//! reproducible with a seed.
//!
//! Allocation: each stratum gets `n · N_h / N` cases rounded down, at least one for every
//! non-empty stratum when the sample is large enough for that, the rest going by largest
//! remainder; when the minimums overshoot, the strata with the smallest remainders give one
//! back (never below one). Within a stratum the cases are drawn uniformly; the whole sample is
//! then shuffled, so the lead does not meet the cases grouped by the reviewer's kind label
//! (which would not be blind).

use std::collections::BTreeMap;

use crate::rng::Rng;
use crate::store::{Drawn, StratumCount};

/// How many of each stratum to draw for a sample of `n` (see the module documentation).
pub fn allocate(sizes: &[usize], n: usize) -> Vec<usize> {
    let total: usize = sizes.iter().sum();
    if n >= total {
        return sizes.to_vec();
    }
    let mut out = vec![0; sizes.len()];
    let non_empty: Vec<usize> = (0..sizes.len()).filter(|&i| sizes[i] > 0).collect();
    if n < non_empty.len() {
        let mut by_size = non_empty;
        by_size.sort_by(|&a, &b| sizes[b].cmp(&sizes[a]).then(a.cmp(&b)));
        for &i in by_size.iter().take(n) {
            out[i] = 1;
        }
        return out;
    }
    // Exact integer quotas: n · N_h = floor · N + remainder.
    let quota = |i: usize| {
        let product = n as u128 * sizes[i] as u128;
        ((product / total as u128) as usize, product % total as u128)
    };
    for &i in &non_empty {
        out[i] = quota(i).0.max(1).min(sizes[i]);
    }
    let mut given: usize = out.iter().sum();
    let mut by_remainder = non_empty.clone();
    by_remainder.sort_by(|&a, &b| quota(b).1.cmp(&quota(a).1).then(a.cmp(&b)));
    while given < n {
        let before = given;
        for &i in &by_remainder {
            if given < n && out[i] < sizes[i] {
                out[i] += 1;
                given += 1;
            }
        }
        if given == before {
            break;
        }
    }
    while given > n {
        let Some(&i) = by_remainder.iter().rev().find(|&&i| out[i] > 1) else {
            break;
        };
        out[i] -= 1;
        given -= 1;
    }
    out
}

/// Draws `n` of the population whose strata are `strata[i]` (one key per case, in case
/// order). The same strata, `n` and `seed` always give the same sample.
pub fn stratified_sample(strata: &[&str], n: usize, seed: u64) -> Drawn {
    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, key) in strata.iter().enumerate() {
        groups.entry(key).or_default().push(i);
    }
    let sizes: Vec<usize> = groups.values().map(Vec::len).collect();
    let quotas = allocate(&sizes, n);
    let mut rng = Rng::new(seed);
    let mut chosen = Vec::with_capacity(n);
    let mut counts = Vec::with_capacity(groups.len());
    for ((key, members), &quota) in groups.iter().zip(&quotas) {
        chosen.extend(rng.choose(members, quota));
        counts.push(StratumCount {
            stratum: key.to_string(),
            population: members.len(),
            sample: quota,
        });
    }
    rng.shuffle(&mut chosen);
    Drawn {
        chosen,
        strata: counts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocation_is_proportional() {
        assert_eq!(allocate(&[50, 30, 20], 10), [5, 3, 2]);
        assert_eq!(allocate(&[500, 300, 200], 37), [19, 11, 7]);
        let sizes = [14_918, 13_198, 30_000, 15_000, 9_000, 5_082];
        let quotas = allocate(&sizes, 383);
        assert_eq!(quotas.iter().sum::<usize>(), 383);
        let total: usize = sizes.iter().sum();
        for (&size, &quota) in sizes.iter().zip(&quotas) {
            let exact = 383.0 * size as f64 / total as f64;
            assert!((quota as f64 - exact).abs() < 1.0, "{quota} vs {exact}");
        }
    }

    #[test]
    fn every_non_empty_stratum_gets_one_where_possible() {
        // Quotas 9.9, 0.099, 0.0099: the small strata get one each, the large one gives back.
        assert_eq!(allocate(&[1000, 10, 1], 10), [8, 1, 1]);
        // Too small a sample for every stratum: the largest strata first.
        assert_eq!(allocate(&[10, 5, 3], 2), [1, 1, 0]);
        assert_eq!(allocate(&[5, 0, 3], 8), [5, 0, 3]);
        assert_eq!(allocate(&[5, 0, 3], 100), [5, 0, 3]);
        assert_eq!(allocate(&[5, 3], 0), [0, 0]);
    }

    fn population() -> Vec<&'static str> {
        let mut keys = Vec::new();
        keys.extend(std::iter::repeat_n("paid", 600));
        keys.extend(std::iter::repeat_n("inquiry", 300));
        keys.extend(std::iter::repeat_n("none", 95));
        keys.extend(std::iter::repeat_n("protest", 5));
        keys
    }

    #[test]
    fn the_same_seed_gives_the_same_sample() {
        let keys = population();
        let a = stratified_sample(&keys, 100, 42);
        let b = stratified_sample(&keys, 100, 42);
        let c = stratified_sample(&keys, 100, 43);
        assert_eq!(a, b);
        assert_ne!(a.chosen, c.chosen);
        assert_eq!(a.chosen.len(), 100);
    }

    #[test]
    fn the_sample_is_stratified_and_distinct() {
        let keys = population();
        let drawn = stratified_sample(&keys, 100, 7);
        let mut per = BTreeMap::new();
        for &i in &drawn.chosen {
            *per.entry(keys[i]).or_insert(0) += 1;
        }
        assert_eq!(per["paid"], 60);
        assert_eq!(per["inquiry"], 30);
        assert_eq!(per["none"], 9);
        assert_eq!(per["protest"], 1);
        let mut ids = drawn.chosen.clone();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 100, "no case twice");
        let counts: Vec<(&str, usize, usize)> = drawn
            .strata
            .iter()
            .map(|s| (s.stratum.as_str(), s.population, s.sample))
            .collect();
        assert_eq!(
            counts,
            [
                ("inquiry", 300, 30),
                ("none", 95, 9),
                ("paid", 600, 60),
                ("protest", 5, 1)
            ]
        );
    }

    #[test]
    fn the_sample_is_not_grouped_by_stratum() {
        let keys = population();
        let drawn = stratified_sample(&keys, 100, 7);
        let first_ten: Vec<&str> = drawn.chosen[..10].iter().map(|&i| keys[i]).collect();
        assert!(
            first_ten.iter().any(|&k| k != first_ten[0]),
            "{first_ten:?}"
        );
    }
}
