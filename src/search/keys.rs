//! The prefilter: for every character key, the set of cases that contain it.
//!
//! A case's keys are its characters (ASCII letters in lower case) and the initial consonant of
//! each of its syllables, over id, text and note together. A term can match a case only if
//! the case has every one of the term's keys, so intersecting a few sets gives a superset of
//! the matching cases before any text is read. Frequent keys (in more than 1/32 of the cases)
//! are bitsets, rare ones sorted lists of case numbers, so memory stays below one bit per
//! case per key or four bytes per occurrence, whichever is less.
//!
//! The sets only ever grow: when a note changes, the keys of the new note are added and those
//! of the old one are left (they can only let a case through to the exact check, never keep
//! one out). [`Keys::build`] starts afresh.

use std::collections::HashMap;

use super::hangul::initial;
use super::query::key;

/// A set of case numbers.
#[derive(Clone, Debug)]
enum Postings {
    Sparse(Vec<u32>),
    Dense(Vec<u64>),
}

/// Case sets by key.
#[derive(Clone, Debug, Default)]
pub struct Keys {
    /// Slot of each Basic Multilingual Plane key (`u32::MAX`: none), the rest in `astral`.
    bmp: Vec<u32>,
    astral: HashMap<char, u32>,
    sets: Vec<Postings>,
    /// The case each slot last saw while building, so a case enters a set once.
    last: Vec<u32>,
    cases: usize,
}

const NONE: u32 = u32::MAX;

/// Bitset words for `cases` cases.
fn words(cases: usize) -> usize {
    cases.div_ceil(64)
}

impl Keys {
    /// The sets of `cases` case texts (each a list of fields).
    pub fn build<'a>(cases: impl ExactSizeIterator<Item = [&'a str; 3]>) -> Keys {
        let total = cases.len();
        let mut keys = Keys {
            bmp: vec![NONE; 0x1_0000],
            cases: total,
            ..Keys::default()
        };
        // A list that grows past this many cases becomes a bitset there and then, so that no
        // list of a frequent key is ever held whole (it would take four bytes an occurrence,
        // twice that with a growing Vec's spare room: 80 MB at 105,116 cases).
        let dense_from = (total / 32).max(64);
        for (i, fields) in cases.enumerate() {
            keys.add_case(i as u32, fields, dense_from);
        }
        for set in &mut keys.sets {
            if let Postings::Sparse(list) = set {
                list.shrink_to_fit();
            }
        }
        keys
    }

    fn slot(&self, key: char) -> Option<usize> {
        let code = key as u32;
        let slot = if code < 0x1_0000 {
            self.bmp.get(code as usize).copied().unwrap_or(NONE)
        } else {
            self.astral.get(&key).copied().unwrap_or(NONE)
        };
        (slot != NONE).then_some(slot as usize)
    }

    fn slot_or_new(&mut self, key: char) -> usize {
        if let Some(slot) = self.slot(key) {
            return slot;
        }
        let slot = self.sets.len() as u32;
        let code = key as u32;
        if code < 0x1_0000 && !self.bmp.is_empty() {
            self.bmp[code as usize] = slot;
        } else {
            self.astral.insert(key, slot);
        }
        self.sets.push(Postings::Sparse(Vec::new()));
        self.last.push(NONE);
        slot as usize
    }

    /// Adds case `case`'s keys while building (cases in increasing order); a list longer than
    /// `dense_from` becomes a bitset of every case.
    fn add_case(&mut self, case: u32, fields: [&str; 3], dense_from: usize) {
        for ch in fields.iter().flat_map(|f| f.chars()) {
            self.add_key(case, key(ch), dense_from);
            if let Some(jamo) = initial(ch) {
                self.add_key(case, jamo, dense_from);
            }
        }
    }

    fn add_key(&mut self, case: u32, key: char, dense_from: usize) {
        let slot = self.slot_or_new(key);
        if self.last.get(slot) == Some(&case) {
            return;
        }
        if let Some(last) = self.last.get_mut(slot) {
            *last = case;
        }
        let set = &mut self.sets[slot];
        match set {
            // Cases arrive in increasing order while building: append.
            Postings::Sparse(list) if list.len() < dense_from => list.push(case),
            Postings::Sparse(list) => {
                let mut bits = vec![0u64; words(self.cases)];
                for &i in list.iter().chain([&case]) {
                    bits[i as usize / 64] |= 1 << (i % 64);
                }
                *set = Postings::Dense(bits);
            }
            Postings::Dense(bits) => bits[case as usize / 64] |= 1 << (case % 64),
        }
    }

    fn insert(&mut self, slot: usize, case: u32) {
        let cases = self.cases.max(case as usize + 1);
        match &mut self.sets[slot] {
            Postings::Sparse(list) => {
                if let Err(at) = list.binary_search(&case) {
                    list.insert(at, case);
                }
            }
            Postings::Dense(bits) => {
                if bits.len() < words(cases) {
                    bits.resize(words(cases), 0);
                }
                bits[case as usize / 64] |= 1 << (case % 64);
            }
        }
    }

    /// Adds the keys of `fields` to case `case` (a changed note, or a new case at the end).
    pub fn add(&mut self, case: usize, fields: [&str; 3]) {
        self.cases = self.cases.max(case + 1);
        let mut seen: Vec<char> = fields
            .iter()
            .flat_map(|f| f.chars())
            .flat_map(|ch| [Some(key(ch)), initial(ch)])
            .flatten()
            .collect();
        seen.sort_unstable();
        seen.dedup();
        for k in seen {
            let slot = self.slot_or_new(k);
            self.insert(slot, case as u32);
        }
    }

    /// The cases that hold every key in `keys`, as a bitset over all cases.
    pub fn all_of(&self, keys: impl IntoIterator<Item = char>) -> Vec<u64> {
        let mut mask = every_case(self.cases);
        let mut slots: Vec<usize> = Vec::new();
        for k in keys {
            match self.slot(k) {
                Some(slot) => slots.push(slot),
                None => return vec![0; mask.len()],
            }
        }
        slots.sort_unstable();
        slots.dedup();
        for slot in slots {
            match &self.sets[slot] {
                Postings::Dense(bits) => {
                    for (m, b) in mask
                        .iter_mut()
                        .zip(bits.iter().chain(std::iter::repeat(&0)))
                    {
                        *m &= b;
                    }
                }
                Postings::Sparse(list) => {
                    let mut only = vec![0u64; mask.len()];
                    for &i in list {
                        let i = i as usize;
                        if let Some(word) = only.get_mut(i / 64) {
                            *word |= 1 << (i % 64);
                        }
                    }
                    for (m, o) in mask.iter_mut().zip(&only) {
                        *m &= o;
                    }
                }
            }
        }
        mask
    }

    /// How many cases the sets cover.
    #[cfg(test)]
    pub fn cases(&self) -> usize {
        self.cases
    }
}

/// Whether case `i` is in bitset `mask`.
#[cfg(test)]
pub fn contains(mask: &[u64], i: usize) -> bool {
    mask.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
}

/// The bitset of every one of `cases` cases.
pub fn every_case(cases: usize) -> Vec<u64> {
    let mut mask = vec![u64::MAX; words(cases)];
    if let Some(last) = mask.last_mut() {
        let used = cases % 64;
        if used != 0 {
            *last = (1u64 << used) - 1;
        }
    }
    mask
}

/// The case numbers in bitset `mask`, in increasing order.
pub fn members(mask: &[u64]) -> Vec<u32> {
    let mut out = Vec::new();
    for (w, &word) in mask.iter().enumerate() {
        let mut bits = word;
        while bits != 0 {
            let b = bits.trailing_zeros();
            out.push((w * 64) as u32 + b);
            bits &= bits - 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(texts: &[&str]) -> Keys {
        Keys::build(texts.iter().map(|t| ["", *t, ""]))
    }

    #[test]
    fn sets_hold_characters_initials_and_folded_letters() {
        let keys = build(&["카카오맵", "업비트 Upbit", "배달"]);
        assert_eq!(members(&keys.all_of(['카'])), [0]);
        assert_eq!(members(&keys.all_of(['ㅋ', 'ㅁ'])), [0]);
        assert_eq!(members(&keys.all_of(['ㅂ'])), [1, 2]);
        assert_eq!(members(&keys.all_of(['u', 'p'])), [1]);
        assert_eq!(members(&keys.all_of(['z'])), Vec::<u32>::new());
        assert_eq!(members(&keys.all_of([])), [0, 1, 2]);
    }

    #[test]
    fn dense_and_sparse_sets_agree_and_grow() {
        let texts: Vec<String> = (0..1000)
            .map(|i| {
                if i % 3 == 0 {
                    format!("카{i}")
                } else {
                    format!("오{i}")
                }
            })
            .collect();
        let mut keys = Keys::build(texts.iter().map(|t| ["", t.as_str(), ""]));
        let kas = members(&keys.all_of(['카']));
        assert_eq!(kas.len(), 334);
        assert!(kas.iter().all(|i| i % 3 == 0));
        keys.add(1, ["", "", "카 메모"]);
        keys.add(1000, ["", "새 카", ""]);
        keys.add(1001, ["", "희귀한 글자 뷁", ""]);
        assert_eq!(keys.cases(), 1002);
        let kas = members(&keys.all_of(['카']));
        assert!(kas.contains(&1) && kas.contains(&1000) && !kas.contains(&1001));
        assert_eq!(members(&keys.all_of(['뷁'])), [1001]);
        assert!(contains(&keys.all_of(['ㅁ']), 1));
    }
}
