//! Expanding phrase templates: `{slot}`s become the case's words, particles agree with the
//! word before them, and endings follow the style.
//!
//! Slots: the style endings `{E}` `{Q}` `{H}` `{R}` `{다}` (see [`super::style`]); the
//! particles `{을}` `{이}` `{은}` `{와}` `{로}`, which pick 을/를, 이/가, 은/는, 과/와 and
//! 으로/로 from the preceding character; and the words of [`Vocab`]. An unknown slot is copied
//! as written.

use super::style::Style;
use crate::rng::Rng;

/// The words one report uses, chosen once so that a text names the same shop, app or day
/// throughout.
#[derive(Clone, Debug, Default)]
pub struct Vocab {
    /// `{biz}`: the business (미용실, 펜션, …).
    pub biz: &'static str,
    /// `{order}`: what customers make there (예약, 주문, 상담).
    pub order: &'static str,
    /// `{cust}`: who they are (손님, 학부모님, 회원님).
    pub cust: &'static str,
    /// `{boss}`: what the owner is called (사장, 원장, 대표).
    pub boss: &'static str,
    /// `{loc}`: where (강남, 제주 애월, …).
    pub loc: &'static str,
    /// `{app}`: an app, game or site.
    pub app: &'static str,
    /// `{job}`: a driver's or courier's job.
    pub job: &'static str,
    /// `{item}`: a gift or coupon.
    pub item: &'static str,
    /// `{when}`: a moment of the outage (15일 저녁, 토요일 오후).
    pub when: &'static str,
    /// `{dur}`: how long (3시간 동안, 이틀간).
    pub dur: &'static str,
    /// `{svc}`: the service as people call it (카톡 채널, 카맵).
    pub svc: &'static str,
    /// `{n}`: a count of bookings, calls, orders.
    pub n: u32,
    /// `{k}`: a small count (staff, teams, rooms).
    pub k: u32,
    /// `{amt}`: the claimed amount as written in this text (empty when there is none).
    pub amt: String,
}

/// The final consonant of the last sound of `out`, as it matters for particles: `None` for
/// no final consonant, `Some(true)` for ㄹ, `Some(false)` for any other.
fn final_consonant(out: &str) -> Option<bool> {
    let mut chars = out
        .chars()
        .rev()
        .skip_while(|c| matches!(c, ')' | '"' | '\'' | '」' | '』'));
    let last = chars.next()?;
    match last {
        '가'..='힣' => {
            let jong = (u32::from(last) - 0xAC00) % 28;
            match jong {
                0 => None,
                8 => Some(true),
                _ => Some(false),
            }
        }
        // Digits as read in Sino-Korean: 영 일 이 삼 사 오 육 칠 팔 구.
        '0' | '3' | '6' => Some(false),
        '1' | '7' | '8' => Some(true),
        // Latin words as Koreans read them: "-ng" (티빙), m and n (login) close the
        // syllable, l and r read as ㄹ (엘, 알); anything else ends in a vowel (업비트, 카카오T).
        'g' | 'G' if chars.next().is_some_and(|c| c.eq_ignore_ascii_case(&'n')) => Some(false),
        'm' | 'n' | 'M' | 'N' => Some(false),
        'l' | 'L' | 'R' => Some(true),
        _ => None,
    }
}

fn particle(out: &str, after_consonant: &'static str, after_vowel: &'static str) -> &'static str {
    if final_consonant(out).is_some() {
        after_consonant
    } else {
        after_vowel
    }
}

/// Appends `template` to `out`, filling its slots.
pub fn expand(out: &mut String, template: &str, vocab: &Vocab, style: Style, rng: &mut Rng) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return;
        };
        let slot = &after[..close];
        fill(out, slot, vocab, style, rng);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
}

fn fill(out: &mut String, slot: &str, vocab: &Vocab, style: Style, rng: &mut Rng) {
    match slot {
        "E" => out.push_str(rng.pick(style.past())),
        "Q" => out.push_str(rng.pick(style.question())),
        "H" => out.push_str(rng.pick(style.ha())),
        "R" => out.push_str(rng.pick(style.request())),
        "다" => {
            let (consonant, vowel) = rng.pick(style.copula());
            let ending = if final_consonant(out).is_some() {
                consonant
            } else {
                vowel
            };
            out.push_str(ending);
        }
        "을" => out.push_str(particle(out, "을", "를")),
        "이" => out.push_str(particle(out, "이", "가")),
        "은" => out.push_str(particle(out, "은", "는")),
        "와" => out.push_str(particle(out, "과", "와")),
        "로" => {
            let p = match final_consonant(out) {
                Some(false) => "으로",
                _ => "로",
            };
            out.push_str(p);
        }
        "biz" => out.push_str(vocab.biz),
        "order" => out.push_str(vocab.order),
        "cust" => out.push_str(vocab.cust),
        "boss" => out.push_str(vocab.boss),
        "loc" => out.push_str(vocab.loc),
        "app" => out.push_str(vocab.app),
        "job" => out.push_str(vocab.job),
        "item" => out.push_str(vocab.item),
        "when" => out.push_str(vocab.when),
        "dur" => out.push_str(vocab.dur),
        "svc" => out.push_str(vocab.svc),
        "amt" => out.push_str(&vocab.amt),
        "n" => push_number(out, vocab.n),
        "k" => push_number(out, vocab.k),
        other => {
            out.push('{');
            out.push_str(other);
            out.push('}');
        }
    }
}

fn push_number(out: &mut String, n: u32) {
    use std::fmt::Write;
    let _ = write!(out, "{n}");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(template: &str, style: Style) -> String {
        let vocab = Vocab {
            biz: "미용실",
            app: "업비트",
            job: "택배기사",
            amt: "50,000원".into(),
            n: 7,
            ..Vocab::default()
        };
        let mut out = String::new();
        expand(&mut out, template, &vocab, style, &mut Rng::new(1));
        out
    }

    #[test]
    fn particles_agree_with_the_word_before_them() {
        assert_eq!(
            run("{biz}{을} {app}{이} {job}{은}", Style::Formal),
            "미용실을 업비트가 택배기사는"
        );
        assert_eq!(
            run("{amt}{로} {biz}{로} {app}{로}", Style::Formal),
            "50,000원으로 미용실로 업비트로"
        );
        assert_eq!(
            run("{n}{은} TVING{을} SPOTV{을}", Style::Formal),
            "7은 TVING을 SPOTV를"
        );
        assert_eq!(
            run("카카오T{이} login{이} Upbit{을}", Style::Formal),
            "카카오T가 login이 Upbit를"
        );
    }

    #[test]
    fn endings_follow_the_style() {
        assert_eq!(run("못 받았{E}", Style::Formal), "못 받았습니다");
        assert!(run("보상{R}", Style::Formal).starts_with("보상해 주"));
        assert_eq!(run("{amt}{다}", Style::Formal), "50,000원입니다");
        assert_eq!(run("요구{H}", Style::Formal), "요구합니다");
        assert!(run("있{Q}", Style::Formal).ends_with('?'));
    }

    #[test]
    fn unknown_and_unclosed_slots_are_copied() {
        assert_eq!(run("a {zzz} b {", Style::Terse), "a {zzz} b {");
    }
}
