//! Which mention is the claimed loss, by the rules of the module doc, and the one line that
//! tells a reviewer why.

use super::marks::{Mention, Price};
use super::{AmountReading, Evidence};

/// At most this many set-aside mentions are named in `why`.
const NOTES: usize = 3;

pub(super) fn choose(text: &str, mentions: &[Mention]) -> Option<AmountReading> {
    let live: Vec<&Mention> = mentions.iter().filter(|m| m.offered.is_none()).collect();
    let not_prices: Vec<&Mention> = live.iter().copied().filter(|m| m.price.is_none()).collect();
    let (chosen, mut evidence, mut why) = if not_prices.is_empty() {
        choose_a_price(text, &live)?
    } else {
        choose_a_loss(text, &not_prices, not_prices.len() == mentions.len())
    };
    if chosen.span.range {
        evidence = Evidence::Range;
        let markers: Vec<_> = chosen.loss.iter().chain(&chosen.total).collect();
        why = format!(
            "a range claims its upper bound: {}",
            chosen.excerpt(text, &markers)
        );
    }
    let notes = notes(text, mentions, chosen);
    if !notes.is_empty() {
        why = format!("{why} ({notes})");
    }
    Some(AmountReading {
        won: chosen.span.won,
        span: chosen.span.start..chosen.span.end,
        why,
        evidence,
    })
}

/// Every mention is a price: a subscription's before one per item, then the largest.
fn choose_a_price<'a>(
    text: &str,
    prices: &[&'a Mention],
) -> Option<(&'a Mention, Evidence, String)> {
    let subscriptions: Vec<&Mention> = prices
        .iter()
        .copied()
        .filter(|m| matches!(m.price, Some((Price::Subscription, _))))
        .collect();
    let (pool, evidence, what) = if subscriptions.is_empty() {
        (
            prices.to_vec(),
            Evidence::ItemPrice,
            "only a price per item is stated",
        )
    } else {
        (
            subscriptions,
            Evidence::Subscription,
            "the price of the subscription, no other loss stated",
        )
    };
    let chosen = largest(&pool)?;
    let marker = chosen.price.as_ref().map(|(_, at)| at);
    let why = format!("{what}: {}", chosen.excerpt(text, &Vec::from_iter(marker)));
    Some((chosen, evidence, why))
}

/// Among mentions that are not prices: one amount, else a total, else a loss word, else the
/// largest. `alone` when no price or offer was set aside.
fn choose_a_loss<'a>(
    text: &str,
    candidates: &[&'a Mention],
    alone: bool,
) -> (&'a Mention, Evidence, String) {
    let first = candidates[0];
    let one_amount = candidates.iter().all(|m| m.span.won == first.span.won);
    let totals: Vec<&Mention> = candidates
        .iter()
        .copied()
        .filter(|m| m.total.is_some())
        .collect();
    let losses: Vec<&Mention> = candidates
        .iter()
        .copied()
        .filter(|m| !m.loss.is_empty())
        .collect();
    if one_amount && (alone || (losses.is_empty() && totals.is_empty())) {
        let chosen = losses.first().copied().unwrap_or(first);
        let what = if !alone {
            "the only amount that is neither a price nor an offer".to_string()
        } else if candidates.len() > 1 {
            format!(
                "the only amount in the text (said {} times)",
                candidates.len()
            )
        } else {
            "the only amount in the text".to_string()
        };
        let evidence = if alone {
            Evidence::OnlyMention
        } else {
            Evidence::Largest
        };
        return (
            chosen,
            evidence,
            format!("{what}: {}", excerpt(text, chosen)),
        );
    }
    if let Some(chosen) = largest(&totals) {
        let parts: Vec<String> = candidates
            .iter()
            .filter(|m| m.span.won < chosen.span.won)
            .map(|m| shown(text, m))
            .collect();
        let marker = chosen.total.iter().collect::<Vec<_>>();
        let mut why = format!("the total: {}", chosen.excerpt(text, &marker));
        if !parts.is_empty() {
            why = format!("{why}, beating its parts {}", parts.join(", "));
        }
        return (chosen, Evidence::Total, why);
    }
    if let Some(chosen) = largest(&losses) {
        let mut why = format!("the loss stated: {}", excerpt(text, chosen));
        let others = distinct(&losses);
        if others > 1 {
            why = format!("{why}, the largest of {others} losses stated");
        }
        return (chosen, Evidence::LossWord, why);
    }
    let chosen = largest(candidates).unwrap_or(first);
    let others: Vec<String> = candidates
        .iter()
        .filter(|m| m.span.won != chosen.span.won)
        .map(|m| shown(text, m))
        .collect();
    let why = format!(
        "the largest of {} amounts, none marked as the loss: {} (the others: {})",
        distinct(candidates),
        shown(text, chosen),
        others.join(", ")
    );
    (chosen, Evidence::Largest, why)
}

/// The mention with the largest amount (the first of equals).
fn largest<'a>(mentions: &[&'a Mention]) -> Option<&'a Mention> {
    mentions
        .iter()
        .copied()
        .reduce(|best, m| if m.span.won > best.span.won { m } else { best })
}

/// How many different amounts the mentions say.
fn distinct(mentions: &[&Mention]) -> usize {
    let mut wons: Vec<i64> = mentions.iter().map(|m| m.span.won).collect();
    wons.sort_unstable();
    wons.dedup();
    wons.len()
}

/// The mention with its loss words.
fn excerpt(text: &str, m: &Mention) -> String {
    m.excerpt(text, &m.loss.iter().collect::<Vec<_>>())
}

/// The mention as written.
fn shown(text: &str, m: &Mention) -> String {
    m.excerpt(text, &[])
}

/// What was set aside and why: prices when something else was chosen, and offers.
fn notes(text: &str, mentions: &[Mention], chosen: &Mention) -> String {
    let mut notes: Vec<String> = Vec::new();
    for m in mentions {
        if std::ptr::eq(m, chosen) || m.span.won == chosen.span.won && m.offered.is_none() {
            continue;
        }
        let note = match (&m.offered, &m.price, &chosen.price) {
            (Some(at), _, _) => format!("{} is an offer, not a loss", m.excerpt(text, &[at])),
            (None, Some((Price::Item, at)), None) => {
                format!("{} is a price per item", m.excerpt(text, &[at]))
            }
            (None, Some((Price::Subscription, at)), None) => {
                format!("{} is the price of a subscription", m.excerpt(text, &[at]))
            }
            _ => continue,
        };
        notes.push(note);
    }
    if notes.len() > NOTES {
        let more = notes.len() - NOTES;
        notes.truncate(NOTES);
        notes.push(format!("and {more} more"));
    }
    notes.join("; ")
}
