//! Report texts: Korean (now and then English) prose consistent with a case's labels and
//! amount.
//!
//! A text is composed from independent slots (greeting, who is writing, what happened, when
//! and for how long, what it led to, the amount, the demand, contact details, closing), each
//! drawn from a bank of alternatives and written in one of five styles (see [`style`]). Its
//! length varies from one line to a few thousand characters. Afterwards a few texts get human
//! noise (misspellings, missing spaces, English words) and a few get hostile bytes
//! ([`hostile`]).

mod hostile;
mod money;
mod noise;
pub mod phrases;
mod report;
mod style;
mod template;
mod topic;
mod writer;

use super::labels::Kind;
use super::plan::Profile;
use crate::rng::Rng;
use phrases::vocab;
use style::Style;
use topic::Situation;
use writer::Writer;

/// Texts are cut (at a character boundary) below this many characters.
pub const MAX_CHARS: usize = 20_000;

/// Share of reports written entirely in English.
const ENGLISH_SHARE: f64 = 0.005;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Length {
    /// One or two sentences.
    Short,
    /// A paragraph.
    Medium,
    /// Several paragraphs.
    Long,
    /// A thousand characters or more.
    Epic,
}

/// The text of one case.
pub fn compose(profile: &Profile, rng: &mut Rng) -> String {
    let biz = rng.pick(vocab::BUSINESSES);
    let situation = Situation::of(profile, biz.kind, rng);
    let mut vocab = situation.vocab(profile, biz, rng);
    let style = Style::draw(rng, profile.kind, profile.reporter);
    let in_english = rng.chance(ENGLISH_SHARE);
    if let Some(won) = profile.amount {
        vocab.amt = if in_english {
            money::english(rng, won)
        } else {
            money::korean(rng, won)
        };
    }
    let length = if rng.chance(0.004) {
        Length::Epic
    } else if rng.chance(0.18) {
        Length::Long
    } else if rng.chance(if style == Style::Terse { 0.6 } else { 0.15 }) {
        Length::Short
    } else {
        Length::Medium
    };
    let mut w = Writer {
        out: String::with_capacity(if length == Length::Epic { 4096 } else { 512 }),
        style,
        vocab,
        length,
        contact: profile.contact,
        cheer: profile.kind == Kind::Encouragement,
        used: Vec::with_capacity(16),
        rng,
    };
    if in_english {
        w.english(profile);
    } else {
        match situation.bank {
            Some(bank) => w.monetary(profile, bank, &situation),
            None => w.non_monetary(profile),
        }
    }
    let Writer { mut out, rng, .. } = w;
    if !in_english {
        noise::roughen(&mut out, rng);
    }
    if profile.hostile {
        hostile::contaminate(&mut out, rng);
    }
    cap(&mut out);
    out
}

/// Cuts `text` to fewer than [`MAX_CHARS`] characters.
fn cap(text: &mut String) {
    if text.len() < MAX_CHARS {
        return;
    }
    if let Some((at, _)) = text.char_indices().nth(MAX_CHARS - 1) {
        text.truncate(at);
    }
}
