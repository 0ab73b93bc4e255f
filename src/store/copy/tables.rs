//! What a copy copies: every table of the schema but `leases` (live coordination: who is
//! looking at which case right now, which means nothing in another database), each with every
//! column, in an order that puts every row after the rows it refers to.
//!
//! A table is read ordered by its primary key, on both sides, so that the same rows give the
//! same digest (text keys sort by their bytes on both backends: SQLite's BINARY collation,
//! PostgreSQL's `COLLATE "C"`).

use crate::store::backend::Dialect;
use crate::store::sql::{values_rows, Value};

/// Stands in a column list for the column that orders cases as they were created: SQLite's
/// `rowid`, PostgreSQL's `position` ([`Dialect::creation_order`]).
pub const CREATION_ORDER: &str = "#creation-order";

/// The most parameters one multi-row `INSERT` binds (SQLite allows 32,766, PostgreSQL 65,535).
const MAX_PARAMS: usize = 8_000;

/// One table as a copy reads and writes it.
#[derive(Debug)]
pub struct Table {
    pub name: &'static str,
    pub columns: &'static [&'static str],
    /// The primary key, which orders the rows read.
    pub key: &'static str,
}

/// Every table copied, parents before children.
pub const TABLES: &[Table] = &[
    Table {
        name: "cases",
        columns: &[
            CREATION_ORDER,
            "id",
            "received_at",
            "channel",
            "text",
            "scope",
            "reporter",
            "kind",
            "service",
            "substitute",
            "amount_krw",
            "status",
            "note",
            "version",
            "updated_at",
            "updated_by",
        ],
        key: "id",
    },
    Table {
        name: "audit",
        columns: &[
            "seq", "at", "reviewer", "case_id", "field", "old", "new", "action", "batch",
            "restores",
        ],
        key: "seq",
    },
    Table {
        name: "reviewers",
        columns: &["name", "role", "added_at", "updated_by", "updated_at"],
        key: "name",
    },
    Table {
        name: "settings",
        columns: &["key", "value"],
        key: "key",
    },
    Table {
        name: "views",
        columns: &[
            "name",
            "filter",
            "search",
            "created_by",
            "created_at",
            "updated_by",
            "updated_at",
        ],
        key: "name",
    },
    Table {
        name: "spot_checks",
        columns: &[
            "id",
            "name",
            "created_by",
            "created_at",
            "since",
            "until",
            "population",
            "confidence",
            "margin",
            "proportion",
            "seed",
        ],
        key: "id",
    },
    Table {
        name: "spot_check_reviewers",
        columns: &["check_id", "reviewer"],
        key: "check_id, reviewer",
    },
    Table {
        name: "spot_check_strata",
        columns: &["check_id", "stratum", "population", "sample"],
        key: "check_id, stratum",
    },
    Table {
        name: "spot_check_cases",
        columns: &[
            "check_id",
            "case_id",
            "position",
            "reviewer",
            "labelled_at",
            "version",
            "scope",
            "reporter",
            "kind",
            "service",
            "substitute",
        ],
        key: "check_id, case_id",
    },
    Table {
        name: "spot_check_labels",
        columns: &["check_id", "case_id", "field", "value", "lead", "at"],
        key: "check_id, case_id, field",
    },
    Table {
        name: "spot_check_resolutions",
        columns: &["check_id", "case_id", "field", "resolution", "lead", "at"],
        key: "check_id, case_id, field",
    },
    Table {
        name: "suggest_models",
        columns: &[
            "id",
            "created_at",
            "created_by",
            "seed",
            "filter",
            "cases_used",
            "figures",
            "labels",
            "amount",
        ],
        key: "id",
    },
    Table {
        name: "suggestions",
        columns: &[
            "case_id",
            "model_id",
            "scope",
            "scope_conf",
            "reporter",
            "reporter_conf",
            "kind",
            "kind_conf",
            "service",
            "service_conf",
            "substitute",
            "substitute_conf",
            "amount_krw",
            "amount_conf",
            "amount_start",
            "amount_end",
            "amount_why",
        ],
        key: "case_id",
    },
];

/// The tables left out (see the top of this file): the schema's tables are these and
/// [`TABLES`], which a test checks.
#[cfg(test)]
pub const NOT_COPIED: &[&str] = &["leases"];

/// The tables a destination must have no row in: everything a database gains by being used
/// (settings are there from the start, and are replaced by the source's).
pub const MUST_BE_EMPTY: &[&str] = &[
    "cases",
    "audit",
    "reviewers",
    "views",
    "spot_checks",
    "suggest_models",
    "suggestions",
    "leases",
];

/// `n` rows of `table` as a person counts them: `2,000 cases`, `1 spot-check`.
pub fn counted(table: &str, n: usize) -> String {
    let (one, many) = match table {
        "cases" => ("case", "cases"),
        "audit" => ("audit row", "audit rows"),
        "reviewers" => ("reviewer", "reviewers"),
        "settings" => ("setting", "settings"),
        "views" => ("view", "views"),
        "spot_checks" => ("spot-check", "spot-checks"),
        "suggest_models" => ("model", "models"),
        "suggestions" => ("suggestion", "suggestions"),
        "leases" => ("lease", "leases"),
        other => (other, other),
    };
    let count = crate::domain::format_amount(i64::try_from(n).unwrap_or(i64::MAX));
    format!("{count} {}", if n == 1 { one } else { many })
}

impl Table {
    /// The columns as `dialect` names them.
    fn column_list(&self, dialect: Dialect) -> String {
        self.columns
            .iter()
            .map(|c| {
                if *c == CREATION_ORDER {
                    dialect.creation_order()
                } else {
                    c
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Every row, every column, in key order.
    pub fn select(&self, dialect: Dialect) -> String {
        format!(
            "SELECT {} FROM {} ORDER BY {}",
            self.column_list(dialect),
            self.name,
            self.key
        )
    }

    /// The row's key as shown in messages: `R-000001`, `1/R-000001/kind`.
    pub fn key_of(&self, values: &[Value<'_>]) -> String {
        self.key
            .split(", ")
            .map(|name| {
                let at = self.columns.iter().position(|c| *c == name);
                match at.and_then(|i| values.get(i)) {
                    Some(Value::Text(t)) => crate::text::sanitize(t).into_owned(),
                    Some(Value::Int(v)) => v.to_string(),
                    Some(other) => other.kind().to_string(),
                    None => String::new(),
                }
            })
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The columns whose text holds a NUL character, which PostgreSQL's text cannot.
    pub fn nul_columns(&self, values: &[Value<'_>]) -> Vec<&'static str> {
        values
            .iter()
            .zip(self.columns)
            .filter(|(value, _)| matches!(value, Value::Text(t) if t.as_bytes().contains(&0)))
            .map(|(_, column)| *column)
            .collect()
    }

    /// How many rows a multi-row insert of this table takes at once.
    pub fn rows_per_insert(&self) -> usize {
        (MAX_PARAMS / self.columns.len().max(1)).max(1)
    }

    /// An `INSERT` of `rows` rows, every column bound (`?1` …).
    pub fn insert(&self, dialect: Dialect, rows: usize) -> String {
        values_rows(
            &format!("INSERT INTO {} ({})", self.name, self.column_list(dialect)),
            self.columns.len(),
            rows,
            "",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_name_the_creation_order_as_each_dialect_does() {
        let cases = &TABLES[0];
        assert!(cases
            .select(Dialect::Sqlite)
            .starts_with("SELECT rowid, id, received_at,"));
        assert!(cases
            .select(Dialect::Postgres)
            .starts_with("SELECT position, id, received_at,"));
        assert!(cases
            .select(Dialect::Sqlite)
            .ends_with(" FROM cases ORDER BY id"));
        let settings = &TABLES[3];
        assert_eq!(
            settings.insert(Dialect::Sqlite, 2),
            "INSERT INTO settings (key, value) VALUES (?1, ?2), (?3, ?4)"
        );
        assert_eq!(cases.rows_per_insert(), 500);
    }

    #[test]
    fn a_row_is_named_by_its_key_and_a_nul_by_its_column() {
        let labels = TABLES
            .iter()
            .find(|t| t.name == "spot_check_labels")
            .unwrap();
        let row = [
            Value::Int(1),
            Value::from("R-000001"),
            Value::from("kind"),
            Value::from("pa\0id"),
            Value::from("lee"),
            Value::from("2024-05-01T09:00:00.000Z"),
        ];
        assert_eq!(labels.key_of(&row), "1/R-000001/kind");
        assert_eq!(labels.nul_columns(&row), ["value"]);
        assert!(labels.nul_columns(&row[..3]).is_empty());
    }

    #[test]
    fn counts_read_as_a_person_says_them() {
        assert_eq!(counted("cases", 105_116), "105,116 cases");
        assert_eq!(counted("spot_checks", 1), "1 spot-check");
        assert_eq!(counted("audit", 0), "0 audit rows");
        assert_eq!(counted("suggest_models", 2), "2 models");
    }
}
