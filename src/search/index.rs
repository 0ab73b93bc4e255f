//! The searchable part of every case (id, text and note, [`SearchFields`]) and the prefilter
//! over it ([`SearchIndex`]), in the same order as the caller's cases.

use std::sync::Arc;

use super::keys::{self, Keys};
use crate::domain::Case;

/// Where one case's id and note are in the arena.
#[derive(Clone, Copy, Debug)]
struct Entry {
    start: usize,
    id_end: usize,
    end: usize,
}

/// Every case's id, text and note: what search reads of a case. Ids and notes are copied back
/// to back into one arena; the texts, most of the bytes, are the cases' own (`Arc<str>`:
/// shared, not copied). Made where the cases are (the event loop), quickly; the prefilter's
/// keys, the slow part, are then built from it on the search thread
/// ([`SearchIndex::from_fields`]), so that nothing else of the cases is copied for it.
#[derive(Clone, Debug, Default)]
pub struct SearchFields {
    /// The id and note of every case, back to back (an updated case's new ones are appended;
    /// the old ones stay until [`SearchIndex::rebuild`]).
    arena: String,
    entries: Vec<Entry>,
    /// Case `i`'s text.
    texts: Vec<Arc<str>>,
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
            (bytes + c.id.len() + note, count + 1)
        });
        let mut fields = SearchFields::with_capacity(bytes, count);
        for case in cases {
            fields.push(case);
        }
        fields
    }

    fn with_capacity(bytes: usize, cases: usize) -> SearchFields {
        SearchFields {
            arena: String::with_capacity(bytes),
            entries: Vec::with_capacity(cases),
            texts: Vec::with_capacity(cases),
        }
    }

    /// Appends one case's fields at the end.
    fn push(&mut self, case: &Case) {
        let entry = self.append(&case.id, case.note.as_deref().unwrap_or(""));
        self.entries.push(entry);
        self.texts.push(Arc::clone(&case.text));
    }

    /// Appends a case's fields at the end from its id, text and note.
    fn push_fields(&mut self, [id, text, note]: [&str; 3]) {
        let entry = self.append(id, note);
        self.entries.push(entry);
        self.texts.push(Arc::from(text));
    }

    /// Writes an id and a note into the arena; returns where they are.
    fn append(&mut self, id: &str, note: &str) -> Entry {
        let start = self.arena.len();
        self.arena.push_str(id);
        let id_end = self.arena.len();
        self.arena.push_str(note);
        Entry {
            start,
            id_end,
            end: self.arena.len(),
        }
    }

    /// Replaces case `index`'s fields with `case`'s.
    fn replace(&mut self, index: usize, case: &Case) {
        if index < self.len() {
            self.entries[index] = self.append(&case.id, case.note.as_deref().unwrap_or(""));
            self.texts[index] = Arc::clone(&case.text);
        }
    }

    /// Case `index`'s id, text and note (`""` when it has none).
    fn get(&self, index: usize) -> [&str; 3] {
        match (self.entries.get(index), self.texts.get(index)) {
            (Some(e), Some(text)) => [
                &self.arena[e.start..e.id_end],
                text,
                &self.arena[e.id_end..e.end],
            ],
            _ => ["", "", ""],
        }
    }

    /// The same fields, with the arena holding only the current ids and notes.
    fn compacted(&self) -> SearchFields {
        let mut fresh = SearchFields::with_capacity(self.arena.len(), self.len());
        for (i, text) in self.texts.iter().enumerate() {
            let [id, _, note] = self.get(i);
            let entry = fresh.append(id, note);
            fresh.entries.push(entry);
            fresh.texts.push(Arc::clone(text));
        }
        fresh
    }

    fn len(&self) -> usize {
        self.entries.len()
    }
}

/// Every case's id, text and note ([`SearchFields`]) with the prefilter's key sets. Built
/// once at load ([`SearchIndex::build`], or [`SearchIndex::from_fields`] on another thread);
/// kept current with [`SearchIndex::update`] (a note changed) and [`SearchIndex::push`] (a new
/// case at the end). `Send + Sync`: a worker thread can own it, and scoring threads share it.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    fields: SearchFields,
    /// The prefilter; `None` in an index for one query ([`SearchIndex::for_one_query`]),
    /// where every case goes to the exact check.
    keys: Option<Keys>,
}

impl SearchIndex {
    /// Indexes `cases`; case `i` of the slice is case `i` of every search result.
    pub fn build(cases: &[Case]) -> SearchIndex {
        SearchIndex::from_fields(SearchFields::of(cases))
    }

    /// Indexes the cases whose fields these are: builds the prefilter's keys.
    pub fn from_fields(fields: SearchFields) -> SearchIndex {
        let keys = Keys::build((0..fields.len()).map(|i| fields.get(i)));
        SearchIndex {
            fields,
            keys: Some(keys),
        }
    }

    /// An empty index without the prefilter, for answering one query: fill it with
    /// [`SearchIndex::push`]. [`search`](super::search) over it gives the same hits, scores
    /// and order as over [`SearchIndex::build`]'s (the prefilter only skips cases the exact
    /// check would refuse), at a fraction of the cost of building: the key sets take longer
    /// to build than one query over every case takes to check, and hold more memory than
    /// the texts.
    pub fn for_one_query() -> SearchIndex {
        SearchIndex::default()
    }

    /// Replaces case `index`'s fields with `case`'s (its note changed, say). An index past
    /// the end is ignored.
    pub fn update(&mut self, index: usize, case: &Case) {
        if index >= self.fields.len() {
            return;
        }
        self.fields.replace(index, case);
        self.add_keys(index);
    }

    /// Adds `case` at the end (a case that arrived after the index was built).
    pub fn push(&mut self, case: &Case) {
        self.fields.push(case);
        self.add_keys(self.fields.len() - 1);
    }

    /// Adds a case at the end by its id, text and note (`""` for none), as
    /// [`SearchIndex::push`] adds it.
    pub fn push_fields(&mut self, fields: [&str; 3]) {
        self.fields.push_fields(fields);
        self.add_keys(self.fields.len() - 1);
    }

    fn add_keys(&mut self, index: usize) {
        if let (true, Some(keys)) = (index < self.fields.len(), self.keys.as_mut()) {
            keys.add(index, self.fields.get(index));
        }
    }

    /// Builds the index afresh from its own fields: drops replaced fields from the arena and
    /// keys of old notes from the prefilter.
    pub fn rebuild(&mut self) {
        let fields = self.fields.compacted();
        *self = match self.keys {
            Some(_) => SearchIndex::from_fields(fields),
            None => SearchIndex { fields, keys: None },
        };
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

    /// The cases that can match a query holding every one of `keys`, as a bitset over case
    /// positions: the prefilter's answer, or every case in an index without one.
    pub(crate) fn may_hold_all_of(&self, keys: impl IntoIterator<Item = char>) -> Vec<u64> {
        match &self.keys {
            Some(prefilter) => prefilter.all_of(keys),
            None => keys::every_case(self.fields.len()),
        }
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
        assert_eq!(members(&index.may_hold_all_of(['환'])), [0]);
        assert_eq!(members(&index.may_hold_all_of(['새'])), [2]);
        index.update(7, &case("X", "ignored", None));
        assert_eq!(index.len(), 3);
        index.update(0, &case("A-1", "카카오맵 배달", None));
        assert_eq!(
            members(&index.may_hold_all_of(['환'])),
            [0],
            "keys only grow"
        );
        index.rebuild();
        assert_eq!(members(&index.may_hold_all_of(['환'])), Vec::<u32>::new());
        assert_eq!(index.fields(2), ["A-3", "새 사례", ""]);
    }
}
