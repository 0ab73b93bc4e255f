//! Hangul initial consonants (초성): which syllable starts with which consonant, and the one
//! character relation every part of search agrees on.
//!
//! A precomposed syllable (U+AC00..=U+D7A3) is `0xAC00 + (initial × 21 + medial) × 28 + final`,
//! so its initial is `(code - 0xAC00) / 588`, one of the 19 initials below. A query writes an
//! initial as a Hangul Compatibility Jamo (U+3131..), the character a Korean keyboard types.
//!
//! Double consonants are initials of their own: `ㄲ` matches 까 and 꿈, `ㄱ` matches 가 but not
//! 까, as on a phone's contact search (the reviewer types the double consonant with shift, and
//! a plain `ㄱ` that also found every `ㄲ` word would only add noise).

/// The 19 initial consonants as compatibility jamo, in syllable order.
pub const INITIALS: [char; 19] = [
    'ㄱ', 'ㄲ', 'ㄴ', 'ㄷ', 'ㄸ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅃ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅉ', 'ㅊ', 'ㅋ',
    'ㅌ', 'ㅍ', 'ㅎ',
];

const SYLLABLE_FIRST: u32 = 0xAC00;
const SYLLABLE_LAST: u32 = 0xD7A3;
/// Syllables per initial: 21 medials × 28 finals.
const PER_INITIAL: u32 = 21 * 28;

/// The initial of a precomposed syllable as its position in [`INITIALS`].
#[inline]
pub fn initial_slot(ch: char) -> Option<usize> {
    let code = ch as u32;
    if (SYLLABLE_FIRST..=SYLLABLE_LAST).contains(&code) {
        Some(((code - SYLLABLE_FIRST) / PER_INITIAL) as usize)
    } else {
        None
    }
}

/// The initial consonant of a precomposed syllable (`카` → `ㅋ`), as compatibility jamo.
pub fn initial(ch: char) -> Option<char> {
    initial_slot(ch).map(|slot| INITIALS[slot])
}

/// The position in [`INITIALS`] of a compatibility jamo that can begin a syllable (`ㄳ`, a
/// cluster that only ends one, and the vowels are not initials).
pub fn jamo_slot(ch: char) -> Option<usize> {
    if !('ㄱ'..='ㅎ').contains(&ch) {
        return None;
    }
    INITIALS.iter().position(|&c| c == ch)
}

/// Whether `ch` is Hangul: a precomposed syllable, or a jamo (compatibility jamo, what a Korean
/// keyboard types alone, or a conjoining jamo). Words of Hangul alone are exempt from the
/// quality floor (see `floor`).
pub fn is_hangul(ch: char) -> bool {
    initial_slot(ch).is_some()
        || ('\u{3131}'..='\u{318E}').contains(&ch)
        || ('\u{1100}'..='\u{11FF}').contains(&ch)
}

/// Whether query character `q` matches text character `h`: the same character (ASCII letters
/// in either case), or `q` is an initial consonant and `h` a syllable that starts with it.
pub fn char_matches(q: char, h: char) -> bool {
    q.eq_ignore_ascii_case(&h) || (jamo_slot(q).is_some() && initial(h) == Some(q))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_syllable_has_the_initial_it_is_composed_with() {
        for (slot, &jamo) in INITIALS.iter().enumerate() {
            for medial in 0..21u32 {
                for fin in 0..28u32 {
                    let code = SYLLABLE_FIRST + (slot as u32 * 21 + medial) * 28 + fin;
                    let syllable = char::from_u32(code).unwrap();
                    assert_eq!(initial(syllable), Some(jamo), "{syllable}");
                    assert!(char_matches(jamo, syllable));
                }
            }
        }
        let all = (SYLLABLE_FIRST..=SYLLABLE_LAST).count();
        assert_eq!(all, INITIALS.len() * PER_INITIAL as usize);
    }

    #[test]
    fn known_syllables_and_double_consonants() {
        for (syllable, jamo) in [
            ('카', 'ㅋ'),
            ('오', 'ㅇ'),
            ('맵', 'ㅁ'),
            ('업', 'ㅇ'),
            ('비', 'ㅂ'),
            ('트', 'ㅌ'),
            ('까', 'ㄲ'),
            ('뗘', 'ㄸ'),
            ('빵', 'ㅃ'),
            ('씨', 'ㅆ'),
            ('짜', 'ㅉ'),
            ('힣', 'ㅎ'),
            ('가', 'ㄱ'),
        ] {
            assert_eq!(initial(syllable), Some(jamo), "{syllable}");
        }
        assert!(!char_matches('ㄱ', '까'), "ㄱ does not match ㄲ syllables");
        assert!(!char_matches('ㄲ', '가'));
        assert!(char_matches('ㄲ', '꿈'));
    }

    #[test]
    fn only_initials_match_syllables() {
        assert_eq!(jamo_slot('ㄳ'), None, "a final-only cluster");
        assert_eq!(jamo_slot('ㅏ'), None, "a vowel");
        assert!(!char_matches('ㄳ', '갃'));
        assert!(
            char_matches('ㅋ', 'ㅋ'),
            "a jamo in the text matches itself"
        );
        assert!(!char_matches('카', 'ㅋ'), "a syllable matches only itself");
        assert!(!char_matches('카', '코'));
        assert!(char_matches('a', 'A') && char_matches('A', 'a'));
        assert_eq!(initial('a'), None);
        assert_eq!(initial('ㅋ'), None, "jamo are not syllables");
    }

    #[test]
    fn hangul_is_syllables_and_jamo() {
        for ch in ['카', '힣', 'ㅋ', 'ㅏ', 'ㄳ', '\u{1100}'] {
            assert!(is_hangul(ch), "{ch}");
        }
        for ch in ['a', 'T', '1', '-', ' ', '日', 'é', '·'] {
            assert!(!is_hangul(ch), "{ch}");
        }
    }
}
