//! What later screens must survive: control characters, terminal escape sequences, bidi
//! overrides, zero-width characters and emoji sequences inside a report; and contact details
//! (a phone number or e-mail address) that exports may need to mask.

use crate::rng::Rng;

/// Fragments that would mangle a terminal if printed raw. Most carry ESC (`\u{1b}`).
const FRAGMENTS: &[&str] = &[
    "\u{1b}[2J\u{1b}[H",
    "\u{1b}[31m긴급\u{1b}[0m",
    "\u{1b}]0;title\u{7}",
    "\u{1b}[1;5m깜빡\u{1b}[0m",
    "\u{1b}[?25l",
    "\u{1b}[10A\u{1b}[K",
    "\u{1b}]8;;http://example.com/\u{1b}\\여기\u{1b}]8;;\u{1b}\\",
    "\u{1b}[41;97m 보상 승인 \u{1b}[0m",
    "\u{7}\u{7}\u{7}",
    "\u{8}\u{8}\u{8}\u{8}",
    // SOH, not NUL: PostgreSQL text cannot hold U+0000, and the sample must load there too.
    "\u{1}",
    "접수 완료\r관리자 승인됨",
    "\u{202E}요세주해상보\u{202C}",
    "보\u{200B}상\u{200B}요\u{200B}청",
    "\u{FEFF}",
    // A zero-width joiner and non-joiner, then emoji sequences terminals give different widths:
    // a flag, a ZWJ family, VS16, a skin tone, a keycap.
    "\u{200D}\u{200C}\u{1F1F0}\u{1F1F7}\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{2764}\u{FE0F}\u{1F44D}\u{1F3FD}1\u{FE0F}\u{20E3}",
    "\u{9B}31m",
    "\r\n\r\n\u{1b}[2K",
];

/// Inserts one to three hostile fragments at character boundaries of `text`; the first one
/// always carries ESC.
pub fn contaminate(text: &mut String, rng: &mut Rng) {
    let count = 1 + rng.below(3);
    for i in 0..count {
        let fragment = if i == 0 {
            FRAGMENTS[rng.below(8)]
        } else {
            rng.pick(FRAGMENTS)
        };
        let boundaries = text.char_indices().count();
        let position = match rng.below(3) {
            0 => 0,
            1 => text.len(),
            _ => text
                .char_indices()
                .nth(rng.below(boundaries.max(1)))
                .map_or(text.len(), |(at, _)| at),
        };
        text.insert_str(position, fragment);
    }
}

const NAMES: &[&str] = &[
    "kim",
    "lee.sj",
    "park_owner",
    "salon.jh",
    "hong.gildong",
    "rider",
    "minji",
    "cafe.daily",
    "choi99",
    "jiyoon.h",
    "test.user",
    "sb_owner",
];
const DOMAINS: &[&str] = &["example.com", "example.net", "example.org"];

/// A clearly synthetic mobile number: 010-0xxx-xxxx (middle numbers starting with 0 are not
/// issued).
fn phone(rng: &mut Rng) -> String {
    format!("010-0{:03}-{:04}", rng.below(1000), rng.below(10_000))
}

fn email(rng: &mut Rng) -> String {
    format!(
        "{}{}@{}",
        rng.pick(NAMES),
        rng.below(100),
        rng.pick(DOMAINS)
    )
}

/// A sentence giving a way to reach the reporter.
pub fn contact_line(rng: &mut Rng, english: bool) -> String {
    let (phone, email) = match rng.below(10) {
        0..=5 => (Some(phone(rng)), None),
        6..=8 => (None, Some(email(rng))),
        _ => (Some(phone(rng)), Some(email(rng))),
    };
    match (phone, email, english) {
        (Some(p), Some(e), false) => format!("연락처 {p} / 메일 {e}"),
        (Some(p), Some(e), true) => format!("Phone {p}, e-mail {e}."),
        (Some(p), None, false) => {
            let forms = [
                "연락처: {}",
                "제 번호는 {}입니다.",
                "회신은 이 번호로 주세요: {}",
                "문의 {}",
                "전화 주세요 {}",
            ];
            rng.pick(&forms).replace("{}", &p)
        }
        (None, Some(e), false) => {
            let forms = [
                "메일 주소는 {}입니다.",
                "답변은 메일로 부탁드려요: {}",
                "회신 메일 {}",
                "이메일: {}",
            ];
            rng.pick(&forms).replace("{}", &e)
        }
        (Some(c), None, true) | (None, Some(c), true) => format!("You can reach me at {c}."),
        (None, None, _) => String::new(),
    }
}
