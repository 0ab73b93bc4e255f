//! Suggestion models and each case's suggestions. The store keeps a model as it is given (the
//! label model is an opaque blob, its calibration and figures JSON written by `suggest`) and the
//! suggestions beside the cases: never in their labels.

use std::collections::HashMap;

use super::error::StoreError;
use super::sql::{args, Sql, Value, ValuesRows, ROWS_PER_STATEMENT};
use super::Store;
use crate::domain::{CaseSuggestion, Dimension, Suggested, SuggestedAmount};

/// A model to store, as `suggest train` made it.
#[derive(Clone, Debug)]
pub struct NewModel<'a> {
    pub created_by: &'a str,
    pub seed: u64,
    /// The `--where` it was trained with (empty: every case).
    pub filter: &'a str,
    pub cases_used: usize,
    /// The held-out figures, as JSON.
    pub figures: &'a str,
    /// The label model's bytes.
    pub labels: &'a [u8],
    /// The amount calibration, as JSON.
    pub amount: &'a str,
}

/// A stored model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredModel {
    pub id: i64,
    pub created_at: String,
    pub created_by: String,
    pub seed: u64,
    pub filter: String,
    pub cases_used: usize,
    pub figures: String,
    pub labels: Vec<u8>,
    pub amount: String,
}

const SUGGESTION_COLUMNS: &str = "case_id, model_id, scope, scope_conf, reporter, reporter_conf, \
     kind, kind_conf, service, service_conf, substitute, substitute_conf, amount_krw, \
     amount_conf, amount_start, amount_end, amount_why";

/// What an upsert of a case's suggestions sets: every column, as a fresh row would hold it.
const UPDATE_SUGGESTION: &str = "model_id = excluded.model_id, \
     scope = excluded.scope, scope_conf = excluded.scope_conf, \
     reporter = excluded.reporter, reporter_conf = excluded.reporter_conf, \
     kind = excluded.kind, kind_conf = excluded.kind_conf, \
     service = excluded.service, service_conf = excluded.service_conf, \
     substitute = excluded.substitute, substitute_conf = excluded.substitute_conf, \
     amount_krw = excluded.amount_krw, amount_conf = excluded.amount_conf, \
     amount_start = excluded.amount_start, amount_end = excluded.amount_end, \
     amount_why = excluded.amount_why";

impl Store {
    /// Stores a model; returns its id.
    pub fn save_model(&mut self, model: &NewModel<'_>) -> Result<i64, StoreError> {
        self.write_retrying(|store| store.save_model_once(model))
    }

    fn save_model_once(&mut self, model: &NewModel<'_>) -> Result<i64, StoreError> {
        let (mut tx, at) = self.begin(model.created_by)?;
        let id = tx.insert(
            "INSERT INTO suggest_models \
             (created_at, created_by, seed, filter, cases_used, figures, labels, amount) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            "id",
            args![
                &at,
                model.created_by,
                model.seed as i64,
                model.filter,
                model.cases_used,
                model.figures,
                model.labels,
                model.amount
            ],
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// The newest model, if any was trained.
    pub fn latest_model(&self) -> Result<Option<StoredModel>, StoreError> {
        let Some(row) = self.reader()?.query_opt(
            "SELECT id, created_at, created_by, seed, filter, cases_used, figures, labels, \
             amount FROM suggest_models ORDER BY id DESC LIMIT 1",
            args![],
        )?
        else {
            return Ok(None);
        };
        Ok(Some(StoredModel {
            id: row.get(0)?,
            created_at: row.get(1)?,
            created_by: row.get(2)?,
            seed: row.get::<i64>(3)? as u64,
            filter: row.get(4)?,
            cases_used: row.get::<i64>(5)?.max(0) as usize,
            figures: row.get(6)?,
            labels: row.get(7)?,
            amount: row.get(8)?,
        }))
    }

    /// Replaces the suggestions of the given cases, in one transaction; returns how many were
    /// written. A case that does not exist is refused (and nothing is written).
    pub fn save_suggestions(
        &mut self,
        who: &str,
        suggestions: &[(String, CaseSuggestion)],
    ) -> Result<usize, StoreError> {
        self.write_retrying(|store| store.save_suggestions_once(who, suggestions))
    }

    /// Many suggestions a statement ([`ROWS_PER_STATEMENT`]); a case given twice keeps the
    /// later one, as writing them one by one would.
    fn save_suggestions_once(
        &mut self,
        who: &str,
        suggestions: &[(String, CaseSuggestion)],
    ) -> Result<usize, StoreError> {
        let (mut tx, _at) = self.begin(who)?;
        let latest: Vec<&(String, CaseSuggestion)> = latest_of_each_case(suggestions);
        let into = format!("INSERT INTO suggestions ({SUGGESTION_COLUMNS})");
        let upsert = format!("ON CONFLICT (case_id) DO UPDATE SET {UPDATE_SUGGESTION}");
        let put = ValuesRows::new(&into, SUGGESTION_WIDTH, &upsert);
        let count_cases = ValuesRows::new("SELECT count(*) FROM cases WHERE id IN (", 1, ")");
        for chunk in latest.chunks(ROWS_PER_STATEMENT) {
            refuse_missing_cases(&mut *tx, &count_cases, chunk)?;
            let values: Vec<Value<'_>> = chunk
                .iter()
                .flat_map(|(case_id, s)| suggestion_values(case_id, s))
                .collect();
            tx.execute(&put.sql(chunk.len()), &values)?;
        }
        tx.commit()?;
        Ok(suggestions.len())
    }

    /// Every case's suggestions, by case id. A code the schema's CHECK would have refused (a
    /// file edited by hand) is reported, not guessed.
    pub fn load_suggestions(&self) -> Result<Vec<(String, CaseSuggestion)>, StoreError> {
        let mut list = Vec::new();
        self.reader()?.for_each(
            &format!("SELECT {SUGGESTION_COLUMNS} FROM suggestions"),
            args![],
            &mut |row| {
                let case_id: String = row.get(0)?;
                let mut s = CaseSuggestion {
                    model: row.get(1)?,
                    ..CaseSuggestion::default()
                };
                for (i, dim) in Dimension::ALL.into_iter().enumerate() {
                    let code = row.text(2 + 2 * i)?;
                    let conf: Option<f64> = row.get(3 + 2 * i)?;
                    if let (Some(code), Some(conf)) = (code, conf) {
                        let code = dim.parse_code(code).map_err(|_| StoreError::Corrupt {
                            case_id: case_id.clone(),
                            field: dim.name(),
                            value: code.to_string(),
                        })?;
                        s.labels[dim.index()] = Some(Suggested {
                            code,
                            confidence: conf as f32,
                        });
                    }
                }
                let won: Option<i64> = row.get(12)?;
                if let Some(won) = won {
                    s.amount = Some(SuggestedAmount {
                        won,
                        confidence: row.get::<Option<f64>>(13)?.unwrap_or(0.0) as f32,
                        start: row.get::<Option<i64>>(14)?.unwrap_or(0).max(0) as usize,
                        end: row.get::<Option<i64>>(15)?.unwrap_or(0).max(0) as usize,
                        why: row.get::<Option<String>>(16)?.unwrap_or_default(),
                    });
                }
                list.push((case_id, s));
                Ok(())
            },
        )?;
        Ok(list)
    }
}

/// The values of [`SUGGESTION_COLUMNS`] in their order.
const SUGGESTION_WIDTH: usize = 17;

/// The values of one case's suggestions, in [`SUGGESTION_COLUMNS`]' order.
fn suggestion_values<'a>(case_id: &'a str, s: &'a CaseSuggestion) -> [Value<'a>; SUGGESTION_WIDTH] {
    let label = |dim: Dimension| Value::from(s.label(dim).map(|l| dim.code(l.code)));
    let conf = |dim: Dimension| Value::from(s.label(dim).map(|l| f64::from(l.confidence)));
    let amount = s.amount.as_ref();
    [
        Value::from(case_id),
        Value::from(s.model),
        label(Dimension::Scope),
        conf(Dimension::Scope),
        label(Dimension::Reporter),
        conf(Dimension::Reporter),
        label(Dimension::Kind),
        conf(Dimension::Kind),
        label(Dimension::Service),
        conf(Dimension::Service),
        label(Dimension::Substitute),
        conf(Dimension::Substitute),
        Value::from(amount.map(|a| a.won)),
        Value::from(amount.map(|a| f64::from(a.confidence))),
        Value::from(amount.map(|a| a.start as i64)),
        Value::from(amount.map(|a| a.end as i64)),
        Value::from(amount.map(|a| a.why.as_str())),
    ]
}

/// The suggestions in their order, each case once, with the last suggestion given for it (one
/// statement may not upsert a row twice on PostgreSQL).
fn latest_of_each_case(suggestions: &[(String, CaseSuggestion)]) -> Vec<&(String, CaseSuggestion)> {
    let mut last = HashMap::with_capacity(suggestions.len());
    for (i, (case_id, _)) in suggestions.iter().enumerate() {
        last.insert(case_id.as_str(), i);
    }
    suggestions
        .iter()
        .enumerate()
        .filter(|&(i, (case_id, _))| last.get(case_id.as_str()) == Some(&i))
        .map(|(_, s)| s)
        .collect()
}

/// Refuses, naming the first, when a case of `chunk` (distinct ids) is not in the database;
/// `count_cases` counts the cases among ids.
fn refuse_missing_cases<S: Sql + ?Sized>(
    sql: &mut S,
    count_cases: &ValuesRows<'_>,
    chunk: &[&(String, CaseSuggestion)],
) -> Result<(), StoreError> {
    let ids: Vec<Value<'_>> = chunk.iter().map(|(id, _)| Value::from(id)).collect();
    let found: i64 = sql.query_row(&count_cases.sql(ids.len()), &ids)?.get(0)?;
    if usize::try_from(found).ok() == Some(ids.len()) {
        return Ok(());
    }
    for (case_id, _) in chunk {
        if !sql.exists("SELECT 1 FROM cases WHERE id = ?1", args![case_id])? {
            return Err(StoreError::NoSuchCase(case_id.clone()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Case;
    use crate::store::{CreateOptions, OnExisting};

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("s.db")).unwrap();
        store
            .create_cases(
                &[
                    Case::new("C-1", "매출 30만 원 손해"),
                    Case::new("C-2", "감사합니다"),
                ],
                CreateOptions {
                    reviewer: "t",
                    action: "import",
                    batch: "b",
                    on_existing: OnExisting::Fail,
                    replace: false,
                },
                &mut |_| {},
            )
            .unwrap();
        (dir, store)
    }

    /// A model row with these label weights.
    fn model(labels: &[u8]) -> NewModel<'_> {
        NewModel {
            created_by: "kim",
            seed: 7,
            filter: "",
            cases_used: 2,
            figures: "{}",
            labels,
            amount: "{\"classes\":[]}",
        }
    }

    #[test]
    fn replacing_every_case_erases_their_suggestions_too() {
        let (_dir, mut store) = store();
        let id = store.save_model(&model(&[])).unwrap();
        let s = CaseSuggestion {
            model: id,
            ..CaseSuggestion::default()
        };
        store.save_suggestions("kim", &[("C-1".into(), s)]).unwrap();
        let created = store
            .create_cases(
                &[Case::new("S-1", "새 샘플")],
                CreateOptions {
                    reviewer: "t",
                    action: "sample",
                    batch: "b2",
                    on_existing: OnExisting::Fail,
                    replace: true,
                },
                &mut |_| {},
            )
            .unwrap();
        assert_eq!(created.erased, 2);
        assert_eq!(store.load_suggestions().unwrap().len(), 0);
        assert_eq!(store.case_count().unwrap(), 1);
    }

    #[test]
    fn models_and_suggestions_round_trip() {
        let (_dir, mut store) = store();
        assert_eq!(store.latest_model().unwrap(), None);
        let model = model(&[1, 2, 3]);
        let id = store.save_model(&model).unwrap();
        let second = store.save_model(&model).unwrap();
        let latest = store.latest_model().unwrap().unwrap();
        assert_eq!(
            (latest.id, latest.labels.as_slice(), latest.seed),
            (second, &[1u8, 2, 3][..], 7)
        );
        assert!(second > id);
        let mut s = CaseSuggestion {
            model: second,
            ..CaseSuggestion::default()
        };
        s.labels[Dimension::Kind.index()] = Some(Suggested {
            code: 1,
            confidence: 0.75,
        });
        s.amount = Some(SuggestedAmount {
            won: 300_000,
            confidence: 0.5,
            start: 7,
            end: 17,
            why: "the loss stated".into(),
        });
        store
            .save_suggestions("kim", &[("C-1".into(), s.clone())])
            .unwrap();
        assert_eq!(
            store.load_suggestions().unwrap(),
            [("C-1".to_string(), s.clone())]
        );
        // Replacing keeps one row a case.
        store
            .save_suggestions(
                "kim",
                &[(
                    "C-1".into(),
                    CaseSuggestion {
                        model: second,
                        ..CaseSuggestion::default()
                    },
                )],
            )
            .unwrap();
        assert_eq!(store.load_suggestions().unwrap().len(), 1);
        assert!(matches!(
            store.save_suggestions("kim", &[("C-9".into(), s)]),
            Err(StoreError::NoSuchCase(id)) if id == "C-9"
        ));
    }

    #[test]
    fn the_schema_refuses_codes_and_confidences_out_of_range() {
        let (_dir, store) = store();
        let bad = store.connection().unwrap().execute(
            "INSERT INTO suggestions (case_id, model_id, kind, kind_conf) VALUES ('C-1', 1, 'pai', 0.5)",
            [],
        );
        assert!(bad.is_err());
        let bad = store.connection().unwrap().execute(
            "INSERT INTO suggestions (case_id, model_id, kind, kind_conf) VALUES ('C-1', 1, 'paid', 1.5)",
            [],
        );
        assert!(bad.is_err());
    }
}
