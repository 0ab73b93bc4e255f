//! Human noise on a finished report: common misspellings, missing spaces and English words.

use crate::rng::Rng;

/// Misspellings people really make, with the correct form first.
const TYPOS: &[(&str, &str)] = &[
    ("됐", "됬"),
    ("며칠", "몇일"),
    ("어떻게", "어떡게"),
    ("메시지", "메세지"),
    ("안 돼", "안되"),
    ("했습니다", "했읍니다"),
    ("없었", "없엇"),
    ("ㅠㅠ", "ㅜㅜ"),
    ("정말", "정말루"),
    ("그런데", "근데"),
    ("습니다.", "슴다."),
    ("하루 종일", "하루종일"),
];

/// English words dropped into Korean.
const ENGLISH: &[(&str, &str)] = &[
    ("오류", "error"),
    ("로그인", "login"),
    ("앱", "app"),
    ("확인", "check"),
    ("예약", "booking"),
    ("환불", "refund"),
    ("메시지", "message"),
];

/// Roughens `text` in place, sometimes.
pub fn roughen(text: &mut String, rng: &mut Rng) {
    if rng.chance(0.12) {
        let (right, wrong) = rng.pick(TYPOS);
        if text.contains(right) {
            *text = text.replace(right, wrong);
        }
    }
    if rng.chance(0.04) {
        let (korean, english) = rng.pick(ENGLISH);
        if text.contains(korean) {
            *text = text.replacen(korean, english, 1);
        }
    }
    if rng.chance(0.06) {
        drop_spaces(text, rng);
    }
}

/// 띄어쓰기 mistakes: drops about a fifth of the spaces between Korean words.
fn drop_spaces(text: &mut String, rng: &mut Rng) {
    let mut out = String::with_capacity(text.len());
    let mut previous = ' ';
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied().unwrap_or(' ');
        let between_hangul = is_hangul(previous) && is_hangul(next);
        if c == ' ' && between_hangul && rng.chance(0.2) {
            continue;
        }
        out.push(c);
        previous = c;
    }
    *text = out;
}

fn is_hangul(c: char) -> bool {
    matches!(c, '가'..='힣')
}
