//! A claim's text as a sparse vector of hashed features, the model's only view of it.
//!
//! The features, each a short string hashed into one of `2^bits` buckets (feature hashing):
//!
//! - `c:` + every run of 1 to 3 characters of the normalized text (`c:카`, `c:카톡`, `c: 카톡`):
//!   Korean glues particles and endings to its words (카톡이, 카톡으로, 카톡은), and character
//!   n-grams find the stem inside all of them without a morphological dictionary. The text is
//!   framed by blanks, so n-grams that start or end a word are features of their own.
//! - `w:` + every word (blank-separated, punctuation trimmed at both ends), and `b:` + every
//!   pair of neighbouring words, when the settings ask for them.
//! - `i:` + runs of 2 to 3 Hangul initial consonants (`i:ㅋㅌ`), when the settings ask for them.
//! - `l:` + every lexicon group found in the text ([`lexicon`]): `l:svc:emoticon` for 이모플.
//!
//! Normalization (for the first three; the lexicon compacts the text itself): ASCII letters
//! lowercased, every ASCII digit becomes `0` (what matters in `190,000원` is that it is an amount,
//! not which), every run of blanks and control characters one blank, and a character
//! repeated more than three times kept three times (`ㅠㅠㅠㅠㅠ` is `ㅠㅠㅠ`). Nothing is
//! sanitized: this text is never shown.
//!
//! A feature's value is the square root of how often it occurs (a lexicon group counts
//! `lexicon_weight` times per occurrence), and the vector is scaled to unit length, so long
//! and short claims weigh alike. Only square roots, which IEEE 754 rounds exactly, are used:
//! the same text gives the same vector, bit for bit, on every platform.
//!
//! The hash is 64-bit FNV-1a over the feature string's code points (one step per character
//! rather than per UTF-8 byte: a third of the work for Hangul, and the same value as plain
//! FNV-1a for ASCII), folded to 32 bits: no seed, no dependence on the Rust version, so a
//! saved model keeps meaning the same features.

use std::sync::OnceLock;

use super::lexicon::{self, ENTRIES};
use crate::search::hangul;

/// Which features to extract, and into how many buckets. Part of a saved model.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FeatureSettings {
    /// `2^bits` buckets (10..=24).
    pub bits: u8,
    /// The shortest and longest character n-grams (1 ≤ min ≤ max ≤ 5).
    pub min_ngram: u8,
    pub max_ngram: u8,
    /// Word unigrams.
    pub words: bool,
    /// Pairs of neighbouring words.
    pub word_bigrams: bool,
    /// Runs of 2–3 Hangul initial consonants.
    pub initials: bool,
    /// How many times one occurrence of a lexicon group counts (0 leaves the lexicon out).
    pub lexicon_weight: u8,
}

impl Default for FeatureSettings {
    /// The settings chosen by measurement on held-out sample cases (see `labels.rs`).
    fn default() -> Self {
        FeatureSettings {
            bits: 17,
            min_ngram: 1,
            max_ngram: 3,
            words: true,
            word_bigrams: false,
            initials: false,
            lexicon_weight: 4,
        }
    }
}

impl FeatureSettings {
    pub fn buckets(&self) -> usize {
        1 << self.bits
    }

    /// Whether these settings can be used (a saved model could hold anything).
    pub fn is_valid(&self) -> bool {
        (10..=24).contains(&self.bits)
            && 1 <= self.min_ngram
            && self.min_ngram <= self.max_ngram
            && self.max_ngram <= 5
    }
}

/// 64-bit FNV-1a, continued over several pieces: over bytes ([`Fnv::bytes`], the model file's
/// checksum) or over code points ([`Fnv::char`], [`Fnv::str`], the features).
#[derive(Clone, Copy)]
pub struct Fnv(u64);

impl Fnv {
    const OFFSET: u64 = 0xCBF2_9CE4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01B3;

    pub fn new() -> Fnv {
        Fnv(Fnv::OFFSET)
    }

    pub fn bytes(mut self, bytes: &[u8]) -> Fnv {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(Fnv::PRIME);
        }
        self
    }

    /// One step with a whole code point.
    pub fn char(mut self, c: char) -> Fnv {
        self.0 ^= u64::from(u32::from(c));
        self.0 = self.0.wrapping_mul(Fnv::PRIME);
        self
    }

    pub fn str(self, s: &str) -> Fnv {
        s.chars().fold(self, Fnv::char)
    }

    pub fn finish(self) -> u64 {
        self.0
    }
}

impl Default for Fnv {
    fn default() -> Self {
        Fnv::new()
    }
}

/// The bucket of a feature string under `bits`.
pub fn bucket_of(feature: &str, bits: u8) -> u32 {
    bucket(Fnv::new().str(feature).finish(), bits)
}

fn bucket(hash: u64, bits: u8) -> u32 {
    let folded = (hash ^ (hash >> 32)) as u32;
    folded & ((1u32 << bits) - 1)
}

/// The hashes of `l:` + each lexicon group's feature string, in [`ENTRIES`] order.
fn lexicon_hashes() -> &'static [u64] {
    static HASHES: OnceLock<Vec<u64>> = OnceLock::new();
    HASHES.get_or_init(|| {
        ENTRIES
            .iter()
            .map(|e| Fnv::new().str("l:").str(&e.group.feature()).finish())
            .collect()
    })
}

/// A text's features: bucket indices in increasing order, each once, with their values (unit
/// length overall). Keeps its buffers between texts, so extracting many texts allocates once.
#[derive(Default)]
pub struct Features {
    pub indices: Vec<u32>,
    pub values: Vec<f32>,
    /// Every occurrence's bucket, before merging.
    raw: Vec<u32>,
    chars: Vec<char>,
    compacted: String,
    counts: Vec<u16>,
}

impl Features {
    pub fn new() -> Features {
        Features::default()
    }

    /// Replaces the features with those of `text`.
    pub fn extract(&mut self, settings: &FeatureSettings, text: &str) {
        self.raw.clear();
        normalize(text, &mut self.chars);
        let bits = settings.bits;
        char_ngrams(settings, &self.chars, bits, &mut self.raw);
        if settings.words || settings.word_bigrams {
            words(settings, &self.chars, bits, &mut self.raw);
        }
        if settings.initials {
            initials(&self.chars, bits, &mut self.raw);
        }
        if settings.lexicon_weight > 0 {
            lexicon::compact_into(text, &mut self.compacted);
            lexicon::count_into(&self.compacted, &mut self.counts);
            let hashes = lexicon_hashes();
            for (i, &n) in self.counts.iter().enumerate() {
                let times = usize::from(n) * usize::from(settings.lexicon_weight);
                let b = bucket(hashes[i], bits);
                self.raw.extend(std::iter::repeat_n(b, times));
            }
        }
        self.merge();
    }

    /// Sorts the raw buckets, counts each and scales the square roots of the counts to unit
    /// length.
    fn merge(&mut self) {
        self.indices.clear();
        self.values.clear();
        self.raw.sort_unstable();
        // A value is the square root of a count, so the squares add up to the total count.
        let mut sum_squares = 0u32;
        let mut i = 0;
        while i < self.raw.len() {
            let b = self.raw[i];
            let mut count = 0u32;
            while i < self.raw.len() && self.raw[i] == b {
                count += 1;
                i += 1;
            }
            let value = (count as f32).sqrt();
            sum_squares += count;
            self.indices.push(b);
            self.values.push(value);
        }
        if sum_squares > 0 {
            let scale = 1.0 / (sum_squares as f32).sqrt();
            for v in &mut self.values {
                *v *= scale;
            }
        }
    }

    pub fn len(&self) -> usize {
        self.indices.len()
    }

    pub fn is_empty(&self) -> bool {
        self.indices.is_empty()
    }
}

/// The normalized text framed by one blank on each side (see the module documentation).
fn normalize(text: &str, out: &mut Vec<char>) {
    out.clear();
    out.push(' ');
    let mut run = 0;
    for c in text.chars() {
        let c = if c.is_whitespace() || c.is_control() {
            ' '
        } else if c.is_ascii_digit() {
            '0'
        } else {
            c.to_ascii_lowercase()
        };
        let last = *out.last().unwrap_or(&' ');
        if c == last {
            if c == ' ' {
                continue;
            }
            run += 1;
            if run > 3 {
                continue;
            }
        } else {
            run = 1;
        }
        out.push(c);
    }
    if out.last() != Some(&' ') {
        out.push(' ');
    }
}

fn char_ngrams(settings: &FeatureSettings, chars: &[char], bits: u8, raw: &mut Vec<u32>) {
    let (min, max) = (
        usize::from(settings.min_ngram),
        usize::from(settings.max_ngram),
    );
    let tag = Fnv::new().str("c:");
    for start in 0..chars.len() {
        let mut h = tag;
        for n in 1..=max {
            let Some(&c) = chars.get(start + n - 1) else {
                break;
            };
            h = h.char(c);
            if n >= min && !(n == 1 && c == ' ') {
                raw.push(bucket(h.finish(), bits));
            }
        }
    }
}

fn words(settings: &FeatureSettings, chars: &[char], bits: u8, raw: &mut Vec<u32>) {
    let mut previous: Option<&[char]> = None;
    for word in chars.split(|&c| c == ' ') {
        let word = trim_punctuation(word);
        if word.is_empty() {
            continue;
        }
        if settings.words {
            let h = word.iter().fold(Fnv::new().str("w:"), |h, &c| h.char(c));
            raw.push(bucket(h.finish(), bits));
        }
        if settings.word_bigrams {
            if let Some(prev) = previous {
                let h = prev.iter().fold(Fnv::new().str("b:"), |h, &c| h.char(c));
                let h = word.iter().fold(h.char(' '), |h, &c| h.char(c));
                raw.push(bucket(h.finish(), bits));
            }
        }
        previous = Some(word);
    }
}

fn trim_punctuation(word: &[char]) -> &[char] {
    let keep = |&c: &char| {
        if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            hangul::initial_slot(c).is_some() || c.is_alphanumeric()
        }
    };
    let start = word.iter().position(keep).unwrap_or(word.len());
    let end = word.iter().rposition(keep).map_or(start, |e| e + 1);
    &word[start..end]
}

fn initials(chars: &[char], bits: u8, raw: &mut Vec<u32>) {
    for run in chars.split(|&c| hangul::initial(c).is_none()) {
        for start in 0..run.len() {
            let mut h = Fnv::new().str("i:");
            for n in 1..=3 {
                let Some(&c) = run.get(start + n - 1) else {
                    break;
                };
                h = h.char(hangul::initial(c).unwrap_or(c));
                if n >= 2 {
                    raw.push(bucket(h.finish(), bits));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> FeatureSettings {
        FeatureSettings {
            bits: 20,
            min_ngram: 1,
            max_ngram: 3,
            words: false,
            word_bigrams: false,
            initials: false,
            lexicon_weight: 0,
        }
    }

    fn extract(settings: &FeatureSettings, text: &str) -> Features {
        let mut f = Features::new();
        f.extract(settings, text);
        f
    }

    fn has(f: &Features, feature: &str, bits: u8) -> bool {
        f.indices.binary_search(&bucket_of(feature, bits)).is_ok()
    }

    #[test]
    fn fnv1a_matches_the_reference_values() {
        // The published FNV-1a 64 test vectors.
        assert_eq!(Fnv::new().finish(), 0xCBF2_9CE4_8422_2325);
        assert_eq!(Fnv::new().bytes(b"a").finish(), 0xAF63_DC4C_8601_EC8C);
        assert_eq!(Fnv::new().bytes(b"foobar").finish(), 0x8594_4171_F739_67E8);
        // Over code points: the same as over bytes for ASCII, one step per Hangul syllable.
        assert_eq!(Fnv::new().str("foobar").finish(), 0x8594_4171_F739_67E8);
        assert_eq!(
            Fnv::new().char('카').finish(),
            (0xCBF2_9CE4_8422_2325u64 ^ 0xCE74).wrapping_mul(0x0000_0100_0000_01B3)
        );
        // The bucket: the hash's halves folded together, masked to the bits.
        let h = Fnv::new().str("c:카톡").finish();
        assert_eq!(bucket_of("c:카톡", 12), ((h ^ (h >> 32)) as u32) & 0xFFF);
    }

    #[test]
    fn normalization_lowercases_zeroes_digits_and_collapses_blanks_and_repeats() {
        let mut out = Vec::new();
        normalize("  KakaoT\t190,000원ㅠㅠㅠㅠㅠ\n\n끝 ", &mut out);
        assert_eq!(
            out.iter().collect::<String>(),
            " kakaot 000,000원ㅠㅠㅠ 끝 "
        );
        normalize("", &mut out);
        assert_eq!(out, [' ']);
    }

    #[test]
    fn character_ngrams_of_one_to_three_framed_by_blanks() {
        let s = settings();
        let f = extract(&s, "카톡 안됨");
        // " 카톡 안됨 ": unigrams without the blank, bigrams and trigrams with it.
        for feature in [
            "c:카",
            "c:톡",
            "c:안",
            "c:됨",
            "c: 카",
            "c:카톡",
            "c:톡 ",
            "c: 안",
            "c:안됨",
            "c:됨 ",
            "c: 카톡",
            "c:카톡 ",
            "c:톡 안",
            "c: 안됨",
            "c:안됨 ",
        ] {
            assert!(has(&f, feature, s.bits), "missing {feature}");
        }
        assert!(!has(&f, "c: ", s.bits));
        assert!(!has(&f, "c:카톡 안", s.bits), "no 4-grams");
        // 4 unigrams, 6 bigrams, 5 trigrams.
        assert_eq!(f.len(), 4 + 6 + 5);
    }

    #[test]
    fn values_are_square_roots_of_counts_scaled_to_unit_length() {
        let s = FeatureSettings {
            min_ngram: 1,
            max_ngram: 1,
            ..settings()
        };
        let f = extract(&s, "가가가 나");
        assert_eq!(f.len(), 2);
        let norm: f32 = f.values.iter().map(|v| v * v).sum();
        assert!((norm - 1.0).abs() < 1e-6);
        let at = |feature: &str| {
            let i = f
                .indices
                .binary_search(&bucket_of(feature, s.bits))
                .unwrap();
            f.values[i]
        };
        // counts 3 and 1: sqrt(3)/2 and 1/2.
        assert!((at("c:가") - 3f32.sqrt() / 2.0).abs() < 1e-6);
        assert!((at("c:나") - 0.5).abs() < 1e-6);
        assert!(f.indices.windows(2).all(|w| w[0] < w[1]), "sorted, unique");
    }

    #[test]
    fn words_and_bigrams_trim_punctuation() {
        let s = FeatureSettings {
            min_ngram: 5,
            max_ngram: 5,
            words: true,
            word_bigrams: true,
            ..settings()
        };
        let f = extract(&s, "카톡이, 안 돼요!!");
        for feature in ["w:카톡이", "w:안", "w:돼요", "b:카톡이 안", "b:안 돼요"] {
            assert!(has(&f, feature, s.bits), "missing {feature}");
        }
        assert!(!has(&f, "w:카톡이,", s.bits));
        let without = extract(
            &FeatureSettings {
                words: false,
                word_bigrams: false,
                ..s
            },
            "카톡이, 안 돼요!!",
        );
        assert_eq!(f.len(), without.len() + 5, "three words and two pairs");
    }

    #[test]
    fn initials_of_hangul_runs() {
        let s = FeatureSettings {
            min_ngram: 5,
            max_ngram: 5,
            initials: true,
            ..settings()
        };
        let f = extract(&s, "카카오 T");
        for feature in ["i:ㅋㅋ", "i:ㅋㅇ", "i:ㅋㅋㅇ"] {
            assert!(has(&f, feature, s.bits), "missing {feature}");
        }
    }

    #[test]
    fn lexicon_groups_are_features_of_their_own() {
        let s = FeatureSettings {
            lexicon_weight: 1,
            ..settings()
        };
        let f = extract(&s, "이모플 결제");
        assert!(has(&f, "l:svc:emoticon", s.bits));
        assert!(has(&f, "l:cue:paid", s.bits));
        assert!(!has(&f, "l:svc:kakaotalk", s.bits));
        let without = extract(&settings(), "이모플 결제");
        assert_eq!(f.len(), without.len() + 2);
    }

    #[test]
    fn same_text_same_vector_and_buffers_are_reused() {
        let s = FeatureSettings::default();
        let mut f = Features::new();
        f.extract(
            &s,
            "미용실 채널 예약이 하루 종일 안 들어왔어요. 손해 30만원",
        );
        let (i1, v1) = (f.indices.clone(), f.values.clone());
        f.extract(&s, "전혀 다른 글");
        f.extract(
            &s,
            "미용실 채널 예약이 하루 종일 안 들어왔어요. 손해 30만원",
        );
        assert_eq!(f.indices, i1);
        assert_eq!(
            f.values.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
            v1.iter().map(|v| v.to_bits()).collect::<Vec<_>>()
        );
        assert!(f.indices.iter().all(|&b| (b as usize) < s.buckets()));
    }

    #[test]
    fn an_empty_text_has_no_features() {
        let f = extract(&FeatureSettings::default(), " \n\t ");
        assert!(f.is_empty());
        assert!(f.values.is_empty());
    }

    #[test]
    fn settings_are_checked() {
        assert!(FeatureSettings::default().is_valid());
        let bad = FeatureSettings {
            bits: 40,
            ..FeatureSettings::default()
        };
        assert!(!bad.is_valid());
        let bad = FeatureSettings {
            min_ngram: 3,
            max_ngram: 2,
            ..FeatureSettings::default()
        };
        assert!(!bad.is_valid());
    }
}
