//! A table's fingerprint: how many rows, and a 64-bit FNV-1a hash over every value of every
//! row in key order, each value with its kind and length, so that rows the same on both sides
//! give the same digest whichever database they were read from, and a changed, missing, extra
//! or reordered value gives another.

use std::fmt;

use crate::store::sql::Value;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// The rows of one table as read so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Digest {
    pub rows: usize,
    hash: u64,
}

impl Default for Digest {
    fn default() -> Digest {
        Digest {
            rows: 0,
            hash: FNV_OFFSET,
        }
    }
}

impl Digest {
    /// Adds one row.
    pub fn add(&mut self, values: &[Value<'_>]) {
        self.rows += 1;
        self.bytes(&(values.len() as u64).to_le_bytes());
        for value in values {
            match value {
                Value::Null => self.bytes(&[0]),
                Value::Int(v) => {
                    self.bytes(&[1]);
                    self.bytes(&v.to_le_bytes());
                }
                Value::Real(v) => {
                    self.bytes(&[2]);
                    self.bytes(&v.to_bits().to_le_bytes());
                }
                Value::Text(t) => {
                    self.bytes(&[3]);
                    self.bytes(&(t.len() as u64).to_le_bytes());
                    self.bytes(t.as_bytes());
                }
                Value::Blob(b) => {
                    self.bytes(&[4]);
                    self.bytes(&(b.len() as u64).to_le_bytes());
                    self.bytes(b);
                }
            }
        }
    }

    fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.hash ^= u64::from(b);
            self.hash = self.hash.wrapping_mul(FNV_PRIME);
        }
    }
}

/// The hash, as 16 hex digits.
impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.hash)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(rows: &[&[Value<'_>]]) -> Digest {
        let mut d = Digest::default();
        for row in rows {
            d.add(row);
        }
        d
    }

    #[test]
    fn the_same_rows_give_the_same_digest_and_any_change_another() {
        let a = Value::from("카카오");
        let one = of(&[&[Value::Int(1), a.clone(), Value::Null]]);
        assert_eq!(one, of(&[&[Value::Int(1), a.clone(), Value::Null]]));
        assert_eq!(one.rows, 1);
        let different = [
            of(&[&[Value::Int(2), a.clone(), Value::Null]]),
            of(&[&[Value::Int(1), Value::from("카카오 "), Value::Null]]),
            of(&[&[Value::Int(1), a.clone(), Value::from("")]]),
            // The same bytes, another kind.
            of(&[&[Value::Real(1.0), a.clone(), Value::Null]]),
            of(&[&[Value::Int(1), Value::from("카카오".as_bytes()), Value::Null]]),
            // Values moved between columns, rows split differently.
            of(&[&[Value::Int(1), Value::Null, a.clone()]]),
            of(&[&[Value::Int(1)], &[a.clone(), Value::Null]]),
        ];
        for d in different {
            assert_ne!(d.to_string(), one.to_string(), "{d:?}");
        }
        assert_eq!(Digest::default().to_string(), "cbf29ce484222325");
    }
}
