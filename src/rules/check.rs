//! Warnings about a valid rule set, decided exactly on the rules' regions (products of
//! per-field value sets, see `region.rs`) rather than by heuristics:
//!
//! - a rule whose own conditions contradict each other (its region is empty);
//! - a rule that can never fire because earlier rules catch every case it matches: one rule
//!   whose region contains its region, or several whose regions together cover it (found by
//!   subtracting each earlier region from what is left of the rule);
//! - a percentage payout that cases without an amount can reach (they would get 0 won);
//! - a default that never applies because the rules catch every case.

use super::payout::Payout;
use super::region::Region;
use super::{Rule, RuleProblem, RuleSet};

/// The most disjoint pieces kept while subtracting; past it only single rules are checked.
const MAX_PIECES: usize = 4096;

pub(crate) fn warnings(set: &RuleSet) -> Vec<RuleProblem> {
    let regions: Vec<&Region> = set.compiled.iter().map(|c| &c.region).collect();
    let mut out = Vec::new();
    let warn = |rule: &Rule, message: String| {
        RuleProblem::warning(&set.file, rule.line, Some(&rule.id), message)
    };
    for (i, rule) in set.rules.iter().enumerate() {
        let region = regions[i];
        if let Some(field) = region.empty_field() {
            out.push(warn(rule, contradiction(rule, field)));
            continue;
        }
        let earlier = &regions[..i];
        match what_is_left(region, earlier) {
            Left::Nothing(catchers) => {
                let catchers = irredundant(region, earlier, catchers);
                let message = match earlier.iter().position(|r| region.is_subset(r)) {
                    Some(j) => format!(
                        "can never fire: rule \"{}\" (line {}) catches every case it matches",
                        set.rules[j].id, set.rules[j].line
                    ),
                    None => format!(
                        "can never fire: rules {} together catch every case it matches",
                        listing(catchers.iter().map(|&j| &set.rules[j]))
                    ),
                };
                out.push(warn(rule, message));
            }
            Left::Some(pieces) => {
                let percent = matches!(rule.payout, Payout::Percent { .. });
                if percent && pieces.iter().any(Region::allows_no_amount) {
                    out.push(warn(
                        rule,
                        "cases without an amount reach this percentage payout and get 0 won \
                         (catch them in an earlier rule, or add amount_krw!=none)"
                            .to_string(),
                    ));
                }
            }
            Left::Unknown => {}
        }
    }
    if let Left::Nothing(_) = what_is_left(&Region::all(), &regions[..set.rules.len()]) {
        out.push(warn(
            &set.default,
            "never applies: the rules catch every case".to_string(),
        ));
    }
    out
}

/// What of a region the earlier rules leave.
enum Left {
    /// Nothing: these earlier rules (indices) took part of it.
    Nothing(Vec<usize>),
    /// These disjoint pieces.
    Some(Vec<Region>),
    /// Too many pieces to follow.
    Unknown,
}

fn what_is_left(region: &Region, earlier: &[&Region]) -> Left {
    let mut pieces = vec![region.clone()];
    let mut catchers = Vec::new();
    for (j, other) in earlier.iter().enumerate() {
        if !pieces.iter().any(|p| p.intersects(other)) {
            continue;
        }
        catchers.push(j);
        pieces = pieces.iter().flat_map(|p| p.subtract(other)).collect();
        if pieces.is_empty() {
            return Left::Nothing(catchers);
        }
        if pieces.len() > MAX_PIECES {
            return Left::Unknown;
        }
    }
    Left::Some(pieces)
}

/// Drops catchers, first to last, while the others still cover `region`: what is left
/// names no rule that is not needed.
fn irredundant(region: &Region, earlier: &[&Region], mut catchers: Vec<usize>) -> Vec<usize> {
    let mut k = 0;
    while k < catchers.len() && catchers.len() > 1 {
        let others: Vec<&Region> = catchers
            .iter()
            .enumerate()
            .filter(|&(n, _)| n != k)
            .map(|(_, &j)| earlier[j])
            .collect();
        if let Left::Nothing(_) = what_is_left(region, &others) {
            catchers.remove(k);
        } else {
            k += 1;
        }
    }
    catchers
}

/// `no kind satisfies both kind=paid and kind=inquiry, so it can never fire`.
fn contradiction(rule: &Rule, field: &str) -> String {
    let texts: Vec<&str> = rule
        .conditions
        .iter()
        .filter(|c| c.field == field)
        .map(|c| c.text.as_str())
        .collect();
    match texts.as_slice() {
        [one] => format!("can never fire: no {field} satisfies {one}"),
        [a, b] => format!(
            "its conditions contradict each other: no {field} satisfies both {a} and {b}, so it \
             can never fire"
        ),
        many => format!(
            "its conditions contradict each other: no {field} satisfies all of {}, so it can \
             never fire",
            and_list(many.iter().map(|s| s.to_string()).collect())
        ),
    }
}

/// `"a" (line 3) and "b" (line 7)`.
fn listing<'a>(rules: impl Iterator<Item = &'a Rule>) -> String {
    and_list(
        rules
            .map(|r| format!("\"{}\" (line {})", r.id, r.line))
            .collect(),
    )
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(mut items: Vec<String>) -> String {
    match items.len() {
        0 => String::new(),
        1 => items.remove(0),
        _ => {
            let last = items.pop().unwrap_or_default();
            format!("{} and {last}", items.join(", "))
        }
    }
}
