//! Every case's suggestions by its position in a case list: what the filter's suggestion
//! fields and `export --suggestions` read. The store keeps them by case id
//! ([`crate::store::Store::load_suggestions`]); a command puts them beside the cases it loaded.

use std::collections::HashMap;

use super::case::Case;
use super::filter::NOTHING_SUGGESTED;
use super::suggestion::CaseSuggestion;

/// The suggestions of each case of a list, by position.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Suggestions {
    by_position: Vec<Option<CaseSuggestion>>,
    made: usize,
}

impl Suggestions {
    /// Places `stored` (by case id) beside `cases`. Suggestions of a case not in the list are
    /// left out.
    pub fn by_position(cases: &[Case], stored: Vec<(String, CaseSuggestion)>) -> Suggestions {
        let position: HashMap<&str, usize> = cases
            .iter()
            .enumerate()
            .map(|(i, case)| (case.id.as_str(), i))
            .collect();
        let mut by_position = vec![None; cases.len()];
        let mut made = 0;
        for (id, suggestion) in stored {
            if let Some(slot) = position
                .get(id.as_str())
                .and_then(|&i| by_position.get_mut(i))
            {
                made += usize::from(slot.is_none());
                *slot = Some(suggestion);
            }
        }
        Suggestions { by_position, made }
    }

    /// The suggestions of the case at `index`: [`NOTHING_SUGGESTED`] where the model made none
    /// (or the position is past the list).
    pub fn of(&self, index: usize) -> &CaseSuggestion {
        self.by_position
            .get(index)
            .and_then(Option::as_ref)
            .unwrap_or(&NOTHING_SUGGESTED)
    }

    /// How many cases of the list have suggestions.
    pub fn made(&self) -> usize {
        self.made
    }
}

/// The stored suggestions by case id, for a command that reads the cases one at a time
/// instead of as a list: [`SuggestionsById::of`] a case gives what [`Suggestions::of`] gives at
/// its position in the list of every case.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SuggestionsById {
    by_id: HashMap<String, CaseSuggestion>,
}

impl SuggestionsById {
    pub fn new(stored: Vec<(String, CaseSuggestion)>) -> SuggestionsById {
        SuggestionsById {
            by_id: stored.into_iter().collect(),
        }
    }

    /// The suggestions of the case `id`: [`NOTHING_SUGGESTED`] where the model made none.
    pub fn of(&self, id: &str) -> &CaseSuggestion {
        self.by_id.get(id).unwrap_or(&NOTHING_SUGGESTED)
    }

    /// How many cases have suggestions (each stored one is of a case in the database: the
    /// schema's foreign key), as [`Suggestions::made`] counts over every case.
    pub fn made(&self) -> usize {
        self.by_id.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Dimension, Suggested};

    #[test]
    fn suggestions_follow_the_cases_positions() {
        let cases = [
            Case::new("C-1", ""),
            Case::new("C-2", ""),
            Case::new("C-3", ""),
        ];
        let mut s = CaseSuggestion {
            model: 4,
            ..CaseSuggestion::default()
        };
        s.labels[Dimension::Kind.index()] = Some(Suggested {
            code: 1,
            confidence: 0.5,
        });
        let stored = vec![
            ("C-3".to_string(), s.clone()),
            ("C-9".to_string(), s.clone()),
        ];
        let by_position = Suggestions::by_position(&cases, stored);
        assert_eq!(by_position.made(), 1);
        assert_eq!(by_position.of(2), &s);
        assert_eq!(by_position.of(0), &NOTHING_SUGGESTED);
        assert_eq!(by_position.of(7), &NOTHING_SUGGESTED);
        assert_eq!(Suggestions::default().made(), 0);
    }

    #[test]
    fn suggestions_by_id_are_those_at_the_cases_positions() {
        let cases = [Case::new("C-1", ""), Case::new("C-2", "")];
        let s = CaseSuggestion {
            model: 2,
            ..CaseSuggestion::default()
        };
        let stored = vec![("C-2".to_string(), s.clone())];
        let by_position = Suggestions::by_position(&cases, stored.clone());
        let by_id = SuggestionsById::new(stored);
        for (i, case) in cases.iter().enumerate() {
            assert_eq!(by_id.of(&case.id), by_position.of(i), "{}", case.id);
        }
        assert_eq!(by_id.of("C-2"), &s);
        assert_eq!(by_id.made(), by_position.made());
    }
}
