//! A trained model ready to suggest: the label model and the amount calibration of one stored
//! model, turning a claim's text into a [`CaseSuggestion`].

use super::amount::{read_claimed_loss, AmountCalibration};
use super::error::SuggestError;
use super::labels::LabelModel;
use crate::domain::{CaseSuggestion, Suggested, SuggestedAmount};
use crate::store::StoredModel;

pub struct Suggester {
    /// The stored model's id (0 before it is stored).
    pub model_id: i64,
    pub labels: LabelModel,
    pub amount: AmountCalibration,
}

impl Suggester {
    /// The model as the store keeps it; a damaged or foreign model is an error that says to
    /// train again.
    pub fn from_stored(stored: &StoredModel) -> Result<Suggester, SuggestError> {
        let labels = LabelModel::from_bytes(&stored.labels)?;
        let amount = serde_json::from_str(&stored.amount)
            .map_err(|_| SuggestError::Damaged("its amount calibration is not readable"))?;
        Ok(Suggester {
            model_id: stored.id,
            labels,
            amount,
        })
    }

    /// What the model suggests for one text.
    pub fn suggest(&self, text: &str) -> CaseSuggestion {
        self.combine(text, self.labels.suggest(text))
    }

    /// [`Suggester::suggest`] for many texts (the labels on all cores), in the texts' order.
    pub fn suggest_all(&self, texts: &[&str]) -> Vec<CaseSuggestion> {
        self.labels
            .suggest_all(texts)
            .into_iter()
            .zip(texts)
            .map(|(labels, text)| self.combine(text, labels))
            .collect()
    }

    fn combine(&self, text: &str, labels: [Option<(u8, f32)>; 5]) -> CaseSuggestion {
        let amount = read_claimed_loss(text).map(|reading| SuggestedAmount {
            won: reading.won,
            confidence: self.amount.confidence(&reading),
            start: reading.span.start,
            end: reading.span.end,
            why: reading.why,
        });
        CaseSuggestion {
            model: self.model_id,
            labels: labels.map(|l| l.map(|(code, confidence)| Suggested { code, confidence })),
            amount,
        }
    }
}
