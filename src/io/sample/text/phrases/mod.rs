//! Phrase banks: the raw Korean (and some English) that reports are composed from.
//!
//! Each template is one sentence without its final punctuation. Slots are explained in
//! [`super::template`] and [`super::style`]; the rule for writers: a clause before `{E}` or
//! `{Q}` ends in a past stem (`받았`, `됐`, `먹통이었`) or in 있/없, a word before `{H}` or
//! `{R}` is a 하다 noun (`보상`, `요구`), and `{amt}` appears only in `loss`-type banks.

pub mod business;
pub mod english;
pub mod frame;
pub mod login;
pub mod mobility;
pub mod paid;
pub mod personal;
pub mod reactions;
pub mod vocab;

#[cfg(test)]
mod lint;

/// The situation-specific phrases of one kind of monetary claim.
#[derive(Clone, Copy, Debug)]
pub struct Bank {
    /// Who is writing (ends in `{다}` or `{E}`).
    pub intro: &'static [&'static str],
    /// What went wrong.
    pub happened: &'static [&'static str],
    /// What it led to, without a number of won.
    pub consequence: &'static [&'static str],
    /// The loss in won: every template contains `{amt}`.
    pub loss: &'static [&'static str],
}
