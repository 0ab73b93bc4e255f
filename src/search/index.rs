//! The searchable part of every case (id, text, note) and the prefilter over it, in the same
//! order as the caller's cases.

use super::keys::Keys;
use crate::domain::Case;

/// Where one case's fields are in the arena.
#[derive(Clone, Copy, Debug)]
struct Entry {
    start: usize,
    id_end: usize,
    text_end: usize,
    end: usize,
}

/// Search's own copy of each case's id, text and note, with the prefilter's key sets. Built
/// once at load ([`SearchIndex::build`]); kept current with [`SearchIndex::update`] (a note
/// changed) and [`SearchIndex::push`] (a new case at the end). `Send + Sync`: a worker thread
/// can own it, and scoring threads share it.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    /// Every field of every case, back to back (an updated case's new fields are appended;
    /// the old ones stay until [`SearchIndex::rebuild`]).
    arena: String,
    entries: Vec<Entry>,
    keys: Keys,
}

impl SearchIndex {
    /// Indexes `cases`; case `i` of the slice is case `i` of every search result.
    pub fn build(cases: &[Case]) -> SearchIndex {
        let bytes: usize = cases
            .iter()
            .map(|c| c.id.len() + c.text.len() + c.note.as_ref().map_or(0, String::len))
            .sum();
        let mut index = SearchIndex {
            arena: String::with_capacity(bytes),
            entries: Vec::with_capacity(cases.len()),
            keys: Keys::default(),
        };
        for case in cases {
            index.append_fields(case);
        }
        index.keys = Keys::build((0..index.entries.len()).map(|i| index.fields(i)));
        index
    }

    fn append_fields(&mut self, case: &Case) -> Entry {
        let start = self.arena.len();
        self.arena.push_str(&case.id);
        let id_end = self.arena.len();
        self.arena.push_str(&case.text);
        let text_end = self.arena.len();
        self.arena.push_str(case.note.as_deref().unwrap_or(""));
        let entry = Entry {
            start,
            id_end,
            text_end,
            end: self.arena.len(),
        };
        self.entries.push(entry);
        entry
    }

    /// Replaces case `index`'s fields with `case`'s (its note changed, say). An index past
    /// the end is ignored.
    pub fn update(&mut self, index: usize, case: &Case) {
        if index >= self.entries.len() {
            return;
        }
        let entry = self.append_fields(case);
        self.entries.pop();
        self.entries[index] = entry;
        self.add_keys(index);
    }

    /// Adds `case` at the end (a case that arrived after the index was built).
    pub fn push(&mut self, case: &Case) {
        self.append_fields(case);
        self.add_keys(self.entries.len() - 1);
    }

    fn add_keys(&mut self, index: usize) {
        if let Some(&e) = self.entries.get(index) {
            let arena = &self.arena;
            let fields = [
                &arena[e.start..e.id_end],
                &arena[e.id_end..e.text_end],
                &arena[e.text_end..e.end],
            ];
            self.keys.add(index, fields);
        }
    }

    /// Builds the index afresh from its own fields: drops replaced fields from the arena and
    /// keys of old notes from the prefilter.
    pub fn rebuild(&mut self) {
        let mut fresh = SearchIndex {
            arena: String::with_capacity(self.arena.len()),
            entries: Vec::with_capacity(self.entries.len()),
            keys: Keys::default(),
        };
        for i in 0..self.entries.len() {
            let [id, text, note] = self.fields(i);
            let start = fresh.arena.len();
            fresh.arena.push_str(id);
            let id_end = fresh.arena.len();
            fresh.arena.push_str(text);
            let text_end = fresh.arena.len();
            fresh.arena.push_str(note);
            fresh.entries.push(Entry {
                start,
                id_end,
                text_end,
                end: fresh.arena.len(),
            });
        }
        fresh.keys = Keys::build((0..fresh.entries.len()).map(|i| fresh.fields(i)));
        *self = fresh;
    }

    /// How many cases.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Case `index`'s id, text and note (`""` when it has none).
    pub fn fields(&self, index: usize) -> [&str; 3] {
        match self.entries.get(index) {
            Some(e) => [
                &self.arena[e.start..e.id_end],
                &self.arena[e.id_end..e.text_end],
                &self.arena[e.text_end..e.end],
            ],
            None => ["", "", ""],
        }
    }

    pub(crate) fn keys(&self) -> &Keys {
        &self.keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::keys::members;

    fn case(id: &str, text: &str, note: Option<&str>) -> Case {
        let mut c = Case::new(id, text);
        c.note = note.map(str::to_string);
        c
    }

    #[test]
    fn fields_follow_updates_and_pushes() {
        let mut index = SearchIndex::build(&[
            case("A-1", "카카오맵 배달", None),
            case("A-2", "업비트", Some("메모")),
        ]);
        assert_eq!(index.fields(1), ["A-2", "업비트", "메모"]);
        index.update(0, &case("A-1", "카카오맵 배달", Some("환불 요청")));
        assert_eq!(index.fields(0), ["A-1", "카카오맵 배달", "환불 요청"]);
        assert_eq!(index.fields(1), ["A-2", "업비트", "메모"]);
        index.push(&case("A-3", "새 사례", None));
        assert_eq!(index.len(), 3);
        assert_eq!(members(&index.keys().all_of(['환'])), [0]);
        assert_eq!(members(&index.keys().all_of(['새'])), [2]);
        index.update(7, &case("X", "ignored", None));
        assert_eq!(index.len(), 3);
        index.update(0, &case("A-1", "카카오맵 배달", None));
        assert_eq!(members(&index.keys().all_of(['환'])), [0], "keys only grow");
        index.rebuild();
        assert_eq!(members(&index.keys().all_of(['환'])), Vec::<u32>::new());
        assert_eq!(index.fields(2), ["A-3", "새 사례", ""]);
    }
}
