//! A case's suggestions: what a model read from its text, with a calibrated confidence each.
//! Derived data, like rule outcomes: kept beside the case, never in its labels; accepting one
//! is a change like any other (audit action `suggestion`).

use super::case::Case;
use super::change::Change;
use super::taxonomy::Dimension;

/// From this confidence on a suggestion counts as confident: the workbench's list marks a case
/// whose label differs from one (and its "disagrees" queue holds them), `suggest run` counts
/// them, and `suggest evaluate` reports accuracy at this coverage.
pub const CONFIDENT: f32 = 0.9;

/// A suggested code of one dimension.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Suggested {
    pub code: u8,
    /// In [0, 1]: of the suggestions given with this confidence, about this share is right.
    pub confidence: f32,
}

/// The claimed loss read from the text.
#[derive(Clone, Debug, PartialEq)]
pub struct SuggestedAmount {
    pub won: i64,
    pub confidence: f32,
    /// The words it was read from: a byte range of the case's text.
    pub start: usize,
    pub end: usize,
    /// Why this mention is the claimed loss, for the detail.
    pub why: String,
}

/// Everything suggested for one case, by one model.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CaseSuggestion {
    /// The model that made them (its id in the store).
    pub model: i64,
    /// Per dimension, in [`Dimension::ALL`] order; `None` where nothing is suggested.
    pub labels: [Option<Suggested>; 5],
    /// `None` when the text states no amount.
    pub amount: Option<SuggestedAmount>,
}

impl CaseSuggestion {
    pub fn label(&self, dim: Dimension) -> Option<Suggested> {
        self.labels[dim.index()]
    }

    /// Whether every suggested value equals the case's: the labels, and the amount (an amount
    /// suggested where the case has none, or the other way round, disagrees).
    pub fn agrees_with(&self, case: &Case) -> bool {
        let labels = Dimension::ALL.into_iter().all(|dim| {
            self.label(dim)
                .is_none_or(|s| case.label(dim) == Some(s.code))
        });
        labels && self.amount.as_ref().map(|a| a.won) == case.amount_krw
    }

    /// The highest confidence among the suggestions that contradict a value the case holds
    /// (a label, or an amount, it has and the suggestion differs from; an unset one is not
    /// contradicted), 0 when none does.
    pub fn strongest_contradiction(&self, case: &Case) -> f32 {
        let labels = Dimension::ALL.into_iter().filter_map(|dim| {
            let s = self.label(dim)?;
            let held = case.label(dim)?;
            (held != s.code).then_some(s.confidence)
        });
        let amount = self.amount.as_ref().and_then(|a| {
            let held = case.amount_krw?;
            (held != a.won).then_some(a.confidence)
        });
        labels.chain(amount).fold(0.0, f32::max)
    }

    /// Whether a suggestion with at least `confidence` contradicts a value the case holds:
    /// likely a mislabel.
    pub fn disagrees_confidently(&self, case: &Case, confidence: f32) -> bool {
        self.strongest_contradiction(case) >= confidence
    }

    /// The lowest confidence among the suggestions (1 when there are none).
    pub fn least_confidence(&self) -> f32 {
        self.labels
            .iter()
            .flatten()
            .map(|s| s.confidence)
            .chain(self.amount.as_ref().map(|a| a.confidence))
            .fold(1.0, f32::min)
    }

    /// The changes that accepting every suggestion would make to `case` (nothing for what it
    /// already holds). An amount is accepted only where one is suggested: a case whose text
    /// states none keeps the amount it has.
    pub fn changes_for(&self, case: &Case) -> Vec<Change> {
        let mut changes: Vec<Change> = Dimension::ALL
            .into_iter()
            .filter_map(|dim| {
                let s = self.label(dim)?;
                (case.label(dim) != Some(s.code)).then_some(Change::Label(dim, Some(s.code)))
            })
            .collect();
        if let Some(amount) = &self.amount {
            if case.amount_krw != Some(amount.won) {
                changes.push(Change::Amount(Some(amount.won)));
            }
        }
        changes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suggestion(kind: u8, confidence: f32, won: Option<i64>) -> CaseSuggestion {
        let mut s = CaseSuggestion::default();
        s.labels[Dimension::Kind.index()] = Some(Suggested {
            code: kind,
            confidence,
        });
        s.amount = won.map(|won| SuggestedAmount {
            won,
            confidence: 0.9,
            start: 0,
            end: 0,
            why: String::new(),
        });
        s
    }

    #[test]
    fn agreement_and_what_accepting_changes() {
        let mut case = Case::new("C-1", "매출 30만 원 손해");
        let s = suggestion(1, 0.8, Some(300_000));
        assert!(!s.agrees_with(&case));
        assert_eq!(
            s.changes_for(&case),
            [
                Change::Label(Dimension::Kind, Some(1)),
                Change::Amount(Some(300_000))
            ]
        );
        case.set_label(Dimension::Kind, Some(1));
        case.amount_krw = Some(300_000);
        assert!(s.agrees_with(&case));
        assert!(s.changes_for(&case).is_empty());
        assert!(!s.disagrees_confidently(&case, 0.5));
        case.set_label(Dimension::Kind, Some(2));
        assert_eq!(s.strongest_contradiction(&case), 0.8);
        assert!(s.disagrees_confidently(&case, 0.8));
        assert!(!s.disagrees_confidently(&case, 0.81));
        assert_eq!(s.least_confidence(), 0.8);
        assert_eq!(CaseSuggestion::default().least_confidence(), 1.0);
    }

    #[test]
    fn no_amount_suggested_keeps_the_amount() {
        let mut case = Case::new("C-1", "언제 돼요?");
        case.amount_krw = Some(5_000);
        let s = suggestion(2, 0.9, None);
        assert_eq!(
            s.strongest_contradiction(&case),
            0.0,
            "an unset kind is not contradicted"
        );
        assert_eq!(
            s.changes_for(&case),
            [Change::Label(Dimension::Kind, Some(2))]
        );
        assert!(
            !s.agrees_with(&case),
            "an amount where the text states none disagrees"
        );
    }
}
