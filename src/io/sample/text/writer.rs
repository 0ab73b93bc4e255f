//! Writing a report sentence by sentence: spacing and line breaks, the style's
//! punctuation, templates used at most once, greetings and closings.

use super::hostile;
use super::phrases::{english, frame};
use super::style::Style;
use super::template::{expand, Vocab};
use super::Length;
use crate::rng::Rng;

/// Builds one text sentence by sentence.
pub(super) struct Writer<'r> {
    pub(super) out: String,
    pub(super) style: Style,
    pub(super) vocab: Vocab,
    pub(super) length: Length,
    pub(super) contact: bool,
    /// Encouragement closes with thanks, not with "waiting for your answer".
    pub(super) cheer: bool,
    /// Templates already used in this text: none is used twice.
    pub(super) used: Vec<&'static str>,
    pub(super) rng: &'r mut Rng,
}

impl Writer<'_> {
    pub(super) fn chance(&mut self, p: f64) -> bool {
        self.rng.chance(p)
    }

    /// Starts a sentence: a space, or now and then a line or paragraph break.
    pub(super) fn gap(&mut self) {
        if self.out.is_empty() {
            return;
        }
        let (line, paragraph) = match self.length {
            Length::Short => (0.03, 0.0),
            Length::Medium => (0.08, 0.02),
            Length::Long | Length::Epic => (0.15, 0.12),
        };
        if self.rng.chance(paragraph) {
            self.out.push_str("\n\n");
        } else if self.rng.chance(line) {
            self.out.push('\n');
        } else {
            self.out.push(' ');
        }
    }

    /// Ends a sentence with the style's punctuation unless it already has some.
    pub(super) fn terminate(&mut self) {
        let needs = self
            .out
            .chars()
            .next_back()
            .is_some_and(|c| matches!(c, '가'..='힣') || c.is_ascii_alphanumeric());
        if needs {
            let t = self.rng.pick(self.style.terminators());
            self.out.push_str(t);
        }
    }

    /// One templated sentence.
    pub(super) fn say(&mut self, template: &str) {
        if template.is_empty() {
            return;
        }
        self.gap();
        expand(&mut self.out, template, &self.vocab, self.style, self.rng);
        self.terminate();
    }

    /// Marks `template` as used; false if it already was.
    pub(super) fn claim(&mut self, template: &'static str) -> bool {
        if template.is_empty() || self.used.contains(&template) {
            return false;
        }
        self.used.push(template);
        true
    }

    /// A template of `bank` not used yet in this text (a few tries), if any.
    pub(super) fn fresh(&mut self, bank: &[&'static str]) -> Option<&'static str> {
        for _ in 0..4 {
            let template = self.rng.pick(bank);
            if self.claim(template) {
                return Some(template);
            }
        }
        None
    }

    /// One sentence from `bank`.
    pub(super) fn say_one(&mut self, bank: &[&'static str]) {
        if let Some(template) = self.fresh(bank) {
            self.say(template);
        }
    }

    /// A full sentence from `bank`.
    pub(super) fn say_one_plain(&mut self, bank: &[&'static str]) {
        if let Some(sentence) = self.fresh(bank) {
            self.say_plain(sentence);
        }
    }

    /// Up to `count` different sentences from `bank`, none used before.
    pub(super) fn say_some(&mut self, bank: &[&'static str], count: usize) {
        let mut order: Vec<usize> = (0..bank.len()).collect();
        self.rng.shuffle(&mut order);
        let mut said = 0;
        for i in order {
            if said == count {
                break;
            }
            if self.claim(bank[i]) {
                self.say(bank[i]);
                said += 1;
            }
        }
    }

    /// Two clauses in one sentence: `first` (a `{E}` clause) joined to `second` with
    /// -는데, -고 or -어서.
    pub(super) fn say_joined(&mut self, first: &'static str, second: &'static str) {
        self.claim(first);
        self.claim(second);
        let Some(stem) = first.strip_suffix("{E}") else {
            self.say(first);
            self.say(second);
            return;
        };
        self.gap();
        expand(&mut self.out, stem, &self.vocab, self.style, self.rng);
        let link = self
            .rng
            .weighted(&[("는데 ", 5), ("는데, ", 2), ("고 ", 3), ("어서 ", 2)]);
        self.out.push_str(link);
        expand(&mut self.out, second, &self.vocab, self.style, self.rng);
        self.terminate();
    }

    /// A sentence written out in full (already punctuated).
    pub(super) fn say_plain(&mut self, sentence: &str) {
        if sentence.is_empty() {
            return;
        }
        self.gap();
        self.out.push_str(sentence);
    }

    pub(super) fn open(&mut self) {
        let (p, bank) = match self.style {
            Style::Formal => (0.7, frame::OPEN_FORMAL),
            Style::Polite => (0.6, frame::OPEN_POLITE),
            Style::Angry => (0.6, frame::OPEN_ANGRY),
            Style::Terse => (0.12, frame::OPEN_TERSE),
            Style::Casual => (0.4, frame::OPEN_CASUAL),
        };
        if self.length != Length::Short && self.chance(p) {
            self.say_one_plain(bank);
        }
    }

    pub(super) fn close(&mut self) {
        if self.contact {
            let line = hostile::contact_line(self.rng, false);
            self.say_plain(&line);
        }
        if self.chance(0.012) {
            self.say_one_plain(english::ASIDE);
        }
        let (p, bank) = match self.style {
            _ if self.cheer => (0.5, frame::CLOSE_CHEER),
            Style::Formal => (0.75, frame::CLOSE_FORMAL),
            Style::Polite => (0.6, frame::CLOSE_POLITE),
            Style::Angry => (0.45, frame::CLOSE_ANGRY),
            Style::Terse => (0.1, frame::CLOSE_TERSE),
            Style::Casual => (0.3, frame::CLOSE_CASUAL),
        };
        if self.length != Length::Short && self.chance(p) {
            self.say_one_plain(bank);
        }
    }
}
