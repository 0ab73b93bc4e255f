//! The searchable part of every case (id, text and note, [`SearchFields`]) and the prefilter
//! over it ([`SearchIndex`]), in the same order as the caller's cases.

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

/// Every case's id, text and note, back to back in one arena: what search reads of a case.
/// Copying them from the cases is quick, a `memcpy` of the texts, and is done where the cases
/// are (the event loop); the prefilter's keys, the slow part, are then built from this copy
/// on the search thread ([`SearchIndex::from_fields`]), so that nothing else of the cases is
/// copied for it.
#[derive(Clone, Debug, Default)]
pub struct SearchFields {
    /// The fields of every case, back to back (an updated case's new fields are appended;
    /// the old ones stay until [`SearchIndex::rebuild`]).
    arena: String,
    entries: Vec<Entry>,
}

impl SearchFields {
    /// The fields of `cases`; the `i`th case given is case `i` here.
    pub fn of<'a, I>(cases: I) -> SearchFields
    where
        I: IntoIterator<Item = &'a Case>,
        I::IntoIter: Clone,
    {
        let cases = cases.into_iter();
        let (bytes, count) = cases.clone().fold((0, 0), |(bytes, count), c| {
            let note = c.note.as_ref().map_or(0, String::len);
            (bytes + c.id.len() + c.text.len() + note, count + 1)
        });
        let mut fields = SearchFields::with_capacity(bytes, count);
        for case in cases {
            fields.push(fields_of(case));
        }
        fields
    }

    fn with_capacity(bytes: usize, cases: usize) -> SearchFields {
        SearchFields {
            arena: String::with_capacity(bytes),
            entries: Vec::with_capacity(cases),
        }
    }

    /// Appends one case's fields at the end; returns where they are.
    fn push(&mut self, [id, text, note]: [&str; 3]) -> Entry {
        let start = self.arena.len();
        self.arena.push_str(id);
        let id_end = self.arena.len();
        self.arena.push_str(text);
        let text_end = self.arena.len();
        self.arena.push_str(note);
        let entry = Entry {
            start,
            id_end,
            text_end,
            end: self.arena.len(),
        };
        self.entries.push(entry);
        entry
    }

    /// Case `index`'s id, text and note (`""` when it has none).
    fn get(&self, index: usize) -> [&str; 3] {
        match self.entries.get(index) {
            Some(e) => [
                &self.arena[e.start..e.id_end],
                &self.arena[e.id_end..e.text_end],
                &self.arena[e.text_end..e.end],
            ],
            None => ["", "", ""],
        }
    }

    fn len(&self) -> usize {
        self.entries.len()
    }
}

/// A case's id, text and note (`""` when it has none).
fn fields_of(case: &Case) -> [&str; 3] {
    [&case.id, &case.text, case.note.as_deref().unwrap_or("")]
}

/// Search's own copy of each case's id, text and note, with the prefilter's key sets. Built
/// once at load ([`SearchIndex::build`], or [`SearchIndex::from_fields`] on another thread);
/// kept current with [`SearchIndex::update`] (a note changed) and [`SearchIndex::push`] (a new
/// case at the end). `Send + Sync`: a worker thread can own it, and scoring threads share it.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    fields: SearchFields,
    keys: Keys,
}

impl SearchIndex {
    /// Indexes `cases`; case `i` of the slice is case `i` of every search result.
    pub fn build(cases: &[Case]) -> SearchIndex {
        SearchIndex::from_fields(SearchFields::of(cases))
    }

    /// Indexes the cases whose fields these are: builds the prefilter's keys.
    pub fn from_fields(fields: SearchFields) -> SearchIndex {
        let keys = Keys::build((0..fields.len()).map(|i| fields.get(i)));
        SearchIndex { fields, keys }
    }

    /// Replaces case `index`'s fields with `case`'s (its note changed, say). An index past
    /// the end is ignored.
    pub fn update(&mut self, index: usize, case: &Case) {
        if index >= self.fields.len() {
            return;
        }
        let entry = self.fields.push(fields_of(case));
        self.fields.entries.pop();
        self.fields.entries[index] = entry;
        self.add_keys(index);
    }

    /// Adds `case` at the end (a case that arrived after the index was built).
    pub fn push(&mut self, case: &Case) {
        self.fields.push(fields_of(case));
        self.add_keys(self.fields.len() - 1);
    }

    fn add_keys(&mut self, index: usize) {
        if index < self.fields.len() {
            self.keys.add(index, self.fields.get(index));
        }
    }

    /// Builds the index afresh from its own fields: drops replaced fields from the arena and
    /// keys of old notes from the prefilter.
    pub fn rebuild(&mut self) {
        let mut fresh = SearchFields::with_capacity(self.fields.arena.len(), self.fields.len());
        for i in 0..self.fields.len() {
            fresh.push(self.fields.get(i));
        }
        *self = SearchIndex::from_fields(fresh);
    }

    /// How many cases.
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    pub fn is_empty(&self) -> bool {
        self.fields.len() == 0
    }

    /// Case `index`'s id, text and note (`""` when it has none).
    pub fn fields(&self, index: usize) -> [&str; 3] {
        self.fields.get(index)
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
