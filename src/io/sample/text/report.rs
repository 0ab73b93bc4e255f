//! The shapes of reports: a monetary claim, a report without monetary loss, a 1,000+
//! character account, a report in English.

use super::super::labels::{Kind, Reporter};
use super::super::plan::Profile;
use super::hostile;
use super::phrases::{english, frame, reactions, Bank};
use super::style::Style;
use super::template::expand;
use super::topic::Situation;
use super::writer::Writer;
use super::Length;

impl Writer<'_> {
    /// The amount, or (sometimes) a remark that there is none.
    fn amount(&mut self, bank: &'static Bank, free_service: bool) {
        if !self.vocab.amt.is_empty() {
            if self.chance(0.88) {
                self.say_one(bank.loss);
            }
        } else if free_service && self.chance(0.4) {
            self.say_one(frame::NO_AMOUNT);
        }
    }

    fn demand(&mut self, profile: &Profile) {
        let bank = match (profile.kind, profile.reporter) {
            (Kind::Paid, _) => frame::DEMAND_PAID,
            (_, Reporter::SmallBusiness) if self.rng.chance(0.4) => frame::DEMAND_BUSINESS,
            _ => frame::DEMAND_MONEY,
        };
        self.say_one(bank);
    }

    /// A report claiming money: a paid subscription or a free-service loss.
    pub(super) fn monetary(
        &mut self,
        profile: &Profile,
        bank: &'static Bank,
        situation: &Situation,
    ) {
        let free = profile.kind == Kind::FreeMonetary;
        let intro_p = match profile.reporter {
            Reporter::Individual => 0.3,
            Reporter::SmallBusiness => 0.6,
            Reporter::Enterprise => 0.9,
        };
        match self.length {
            Length::Short => {
                if self.style == Style::Terse && self.chance(0.3) {
                    self.say_one(frame::ONE_LINERS);
                } else {
                    self.say_one(bank.happened);
                }
                if !self.vocab.amt.is_empty() && self.chance(0.7) {
                    self.say_one(bank.loss);
                }
                if self.chance(0.7) {
                    self.demand(profile);
                }
                if self.contact {
                    self.close();
                }
            }
            Length::Medium | Length::Long => {
                let long = self.length == Length::Long;
                self.open();
                if self.chance(intro_p) {
                    self.say_one(bank.intro);
                }
                if long {
                    let n = 1 + self.rng.below(3);
                    self.say_some(frame::BACKGROUND, n);
                }
                let joined = self.chance(0.35);
                if joined {
                    let first = self.rng.pick(bank.happened);
                    let second = self.rng.pick(bank.consequence);
                    self.say_joined(first, second);
                } else {
                    self.say_some(bank.happened, if long { 2 } else { 1 });
                }
                if self.chance(if long { 0.7 } else { 0.35 }) {
                    self.say_one(frame::TIME);
                }
                let consequences = usize::from(!joined) + usize::from(long) + self.rng.below(2);
                self.say_some(bank.consequence, consequences);
                if !situation.extra.is_empty() && self.chance(0.5) {
                    self.say_one(situation.extra);
                }
                self.amount(bank, free);
                if self.style == Style::Angry && self.chance(0.4) {
                    self.say_one(frame::THREAT);
                }
                self.demand(profile);
                if long && self.chance(0.4) {
                    self.demand(profile);
                }
                self.close();
            }
            Length::Epic => {
                self.open();
                self.say_one(bank.intro);
                self.epic_body(&[bank.happened, bank.consequence, situation.extra]);
                self.amount(bank, free);
                if self.style == Style::Angry {
                    self.say_one(frame::THREAT);
                }
                self.demand(profile);
                self.close();
            }
        }
    }

    /// A report without a monetary loss: an inquiry, opinion, protest or encouragement.
    pub(super) fn non_monetary(&mut self, profile: &Profile) {
        let (bank, context_p): (&[&'static str], f64) = match profile.kind {
            Kind::Opinion => (reactions::OPINION, 0.6),
            Kind::Protest => (reactions::PROTEST, 0.8),
            Kind::Encouragement => (reactions::CHEER, 0.4),
            _ => (reactions::INQUIRY, 0.7),
        };
        let context = reactions::context(profile.service);
        let count = match self.length {
            Length::Short => 1,
            Length::Medium => 1 + self.rng.below(2),
            Length::Long => 2 + self.rng.below(3),
            Length::Epic => 5,
        };
        self.open();
        if self.length == Length::Epic {
            self.epic_body(&[context]);
        } else if self.length == Length::Long {
            let n = 1 + self.rng.below(3);
            self.say_some(frame::BACKGROUND, n);
        }
        if self.chance(context_p) {
            self.say_one(context);
        }
        self.say_some(bank, count);
        match profile.kind {
            Kind::Inquiry if is_paid_service(profile) && self.chance(0.5) => {
                self.say_one(reactions::INQUIRY_PAID)
            }
            Kind::Inquiry if profile.reporter != Reporter::Individual && self.chance(0.6) => {
                self.say_one(reactions::INQUIRY_BUSINESS)
            }
            Kind::Protest if self.style == Style::Angry && self.chance(0.6) => {
                self.say_one_plain(reactions::PROTEST_ANGRY)
            }
            Kind::Protest if self.chance(0.25) => self.say_one(frame::THREAT),
            Kind::Encouragement if self.chance(0.4) => self.say_one_plain(reactions::CHEER_PLAIN),
            _ => {}
        }
        self.close();
    }

    /// The long middle of a 1,000+ character report: a run of the timeline, then background
    /// and situation sentences (each at most once) until the target length is reached.
    fn epic_body(&mut self, situation: &[&'static [&'static str]]) {
        let target = 1000 + self.rng.below(1500);
        let mut chars = self.out.chars().count();
        self.say_one_plain(frame::LINKS);
        let start = self.rng.below(3);
        let run = 4 + self.rng.below(frame::TIMELINE.len() - start - 3);
        for template in frame::TIMELINE.iter().skip(start).take(run) {
            let before = self.out.len();
            self.say(template);
            chars += self.out[before..].chars().count();
        }
        let mut pool: Vec<&'static str> = frame::BACKGROUND
            .iter()
            .chain(frame::TIME)
            .chain(situation.iter().flat_map(|bank| bank.iter()))
            .copied()
            .collect();
        self.rng.shuffle(&mut pool);
        for template in pool {
            if chars >= target {
                break;
            }
            if !self.claim(template) {
                continue;
            }
            let before = self.out.len();
            if self.rng.chance(0.08) {
                self.say_one_plain(frame::LINKS);
            }
            self.say(template);
            chars += self.out[before..].chars().count();
        }
    }

    /// A report from a foreign user, in English.
    pub(super) fn english(&mut self, profile: &Profile) {
        if self.chance(0.7) {
            let s = self.rng.pick(english::OPEN);
            self.say_plain(s);
        }
        let s = self.rng.pick(english::situation(profile.service));
        self.say_plain(s);
        if !self.vocab.amt.is_empty() {
            let template = self.rng.pick(english::LOSS);
            self.gap();
            expand(
                &mut self.out,
                template,
                &self.vocab,
                Style::Formal,
                self.rng,
            );
        }
        let asks = match profile.kind {
            Kind::Paid => english::DEMAND_PAID,
            Kind::FreeMonetary => english::DEMAND,
            Kind::Inquiry => english::INQUIRY,
            Kind::Opinion => english::OPINION,
            Kind::Protest => english::PROTEST,
            Kind::Encouragement => english::CHEER,
        };
        let s = self.rng.pick(asks);
        self.say_plain(s);
        if self.contact {
            let line = hostile::contact_line(self.rng, true);
            self.say_plain(&line);
        }
        if self.chance(0.7) {
            let s = self.rng.pick(english::CLOSE);
            self.say_plain(s);
        }
    }
}

fn is_paid_service(profile: &Profile) -> bool {
    use super::super::labels::Service;
    matches!(
        profile.service,
        Some(Service::Emoticon | Service::TalkDrawer | Service::Melon | Service::KakaoPage)
    )
}
