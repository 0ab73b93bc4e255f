//! The label model as bytes: a versioned, checked binary format, so a model can be stored and
//! read back exactly (every weight bit for bit).
//!
//! Layout, little-endian throughout:
//!
//! | bytes | what |
//! |---|---|
//! | 8 | signature `CBLABELS` |
//! | 4 | format version (u32, [`VERSION`]) |
//! | 8 | lexicon fingerprint (u64): the features a model was trained on depend on it |
//! | 7 | feature settings: bits, min n-gram, max n-gram, words, word pairs, initials, lexicon weight |
//! | 5 × 6 | per dimension in `Dimension::ALL` order: learnt (0/1), classes (u8), temperature (f32) |
//! | 4 + 4 | buckets, columns (u32) |
//! | 4 × columns | biases (f32) |
//! | 4 × buckets × columns | weights (f32), bucket after bucket |
//! | 8 | FNV-1a 64 of every byte before it |
//!
//! Reading checks all of it: a foreign file, a newer version, a truncated or damaged blob, or a
//! model built over another lexicon is an error, never a panic.

use super::error::SuggestError;
use super::features::{FeatureSettings, Fnv};
use super::labels::{DimModel, LabelModel};
use super::lexicon::ENTRIES;
use crate::domain::Dimension;

const SIGNATURE: &[u8; 8] = b"CBLABELS";
/// The format version this casebench writes and reads.
pub const VERSION: u32 = 1;
const HEADER: usize = 8 + 4 + 8 + 7 + 5 * 6 + 4 + 4;

/// A fingerprint of the lexicon: every group and term, in order.
pub fn lexicon_fingerprint() -> u64 {
    let mut h = Fnv::new();
    for entry in ENTRIES {
        h = h.str(&entry.group.feature()).bytes(&[0]);
        for term in entry.terms {
            h = h.str(term).bytes(&[0]);
        }
        h = h.bytes(&[1]);
    }
    h.finish()
}

impl LabelModel {
    /// The model as bytes (see the module documentation for the layout).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER + 4 * (self.bias.len() + self.weights.len()) + 8);
        out.extend_from_slice(SIGNATURE);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&lexicon_fingerprint().to_le_bytes());
        let s = &self.settings;
        out.extend_from_slice(&[
            s.bits,
            s.min_ngram,
            s.max_ngram,
            u8::from(s.words),
            u8::from(s.word_bigrams),
            u8::from(s.initials),
            s.lexicon_weight,
        ]);
        for d in &self.dims {
            match d {
                Some(d) => {
                    out.push(1);
                    out.push(d.classes as u8);
                    out.extend_from_slice(&d.temperature.to_le_bytes());
                }
                None => out.extend_from_slice(&[0; 6]),
            }
        }
        out.extend_from_slice(&(self.settings.buckets() as u32).to_le_bytes());
        out.extend_from_slice(&(self.columns as u32).to_le_bytes());
        for w in self.bias.iter().chain(&self.weights) {
            out.extend_from_slice(&w.to_le_bytes());
        }
        let sum = Fnv::new().bytes(&out).finish();
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Reads a model written by [`LabelModel::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<LabelModel, SuggestError> {
        if bytes.len() < SIGNATURE.len() || &bytes[..8] != SIGNATURE {
            return Err(SuggestError::NotAModel);
        }
        if bytes.len() < HEADER + 8 {
            return Err(SuggestError::Truncated {
                found: bytes.len(),
                expected: HEADER + 8,
            });
        }
        let mut r = Reader { bytes, at: 8 };
        let version = r.u32();
        if version != VERSION {
            return Err(SuggestError::UnsupportedVersion {
                found: version,
                supported: VERSION,
            });
        }
        let fingerprint = r.u64();
        let flag = |b: u8| -> Result<bool, SuggestError> {
            match b {
                0 => Ok(false),
                1 => Ok(true),
                _ => Err(SuggestError::Damaged("a yes/no setting is neither 0 nor 1")),
            }
        };
        let raw = r.take(7);
        let settings = FeatureSettings {
            bits: raw[0],
            min_ngram: raw[1],
            max_ngram: raw[2],
            words: flag(raw[3])?,
            word_bigrams: flag(raw[4])?,
            initials: flag(raw[5])?,
            lexicon_weight: raw[6],
        };
        let mut dims = [None; 5];
        let mut column = 0;
        for (dim, slot) in Dimension::ALL.into_iter().zip(dims.iter_mut()) {
            let learnt = flag(r.take(1)[0])?;
            let classes = usize::from(r.take(1)[0]);
            let temperature = r.f32();
            if learnt {
                if classes != dim.codes().len() {
                    return Err(SuggestError::Damaged(
                        "a dimension's number of codes differs from the taxonomy's",
                    ));
                }
                if !(temperature.is_finite() && temperature > 0.0) {
                    return Err(SuggestError::Damaged(
                        "a temperature is not a positive number",
                    ));
                }
                *slot = Some(DimModel {
                    column,
                    classes,
                    temperature,
                });
                column += classes;
            }
        }
        let buckets = r.u32() as usize;
        let columns = r.u32() as usize;
        // The size follows from the header; check it before the checksum, so a cut-off file
        // says "truncated" rather than "damaged".
        let expected = columns
            .checked_mul(buckets + 1)
            .and_then(|n| n.checked_mul(4))
            .and_then(|n| n.checked_add(HEADER + 8))
            .ok_or(SuggestError::Damaged("its sizes are impossible"))?;
        if bytes.len() != expected {
            return Err(if bytes.len() < expected {
                SuggestError::Truncated {
                    found: bytes.len(),
                    expected,
                }
            } else {
                SuggestError::Damaged("there are bytes after its end")
            });
        }
        let (body, sum) = bytes.split_at(bytes.len() - 8);
        let mut stored = [0u8; 8];
        stored.copy_from_slice(sum);
        if Fnv::new().bytes(body).finish() != u64::from_le_bytes(stored) {
            return Err(SuggestError::Damaged("its checksum does not match"));
        }
        if fingerprint != lexicon_fingerprint() {
            return Err(SuggestError::DifferentLexicon);
        }
        if !settings.is_valid() || buckets != settings.buckets() || columns != column {
            return Err(SuggestError::Damaged(
                "its sizes do not agree with its settings",
            ));
        }
        if columns == 0 {
            return Err(SuggestError::Damaged("it has learnt no dimension"));
        }
        let floats = |n: usize, r: &mut Reader| -> Vec<f32> { (0..n).map(|_| r.f32()).collect() };
        let bias = floats(columns, &mut r);
        let weights = floats(buckets * columns, &mut r);
        if bias.iter().chain(&weights).any(|w| !w.is_finite()) {
            return Err(SuggestError::Damaged("a weight is not a finite number"));
        }
        Ok(LabelModel {
            settings,
            dims,
            columns,
            weights,
            bias,
        })
    }
}

/// Reads fixed-size fields; every read is within the length checked beforehand.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> &'a [u8] {
        let out = &self.bytes[self.at..self.at + n];
        self.at += n;
        out
    }

    fn array<const N: usize>(&mut self) -> [u8; N] {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N));
        a
    }

    fn u32(&mut self) -> u32 {
        u32::from_le_bytes(self.array())
    }

    fn u64(&mut self) -> u64 {
        u64::from_le_bytes(self.array())
    }

    fn f32(&mut self) -> f32 {
        f32::from_le_bytes(self.array())
    }
}
