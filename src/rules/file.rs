//! Reading a rule file: TOML with `name`, `description`, `[[rule]]` tables in order and a
//! `[default]` table (see `sample-data/rules/README.md`), into a [`RuleSet`] and every
//! problem found, each with its line and rule id. Unknown keys are errors, with the nearest
//! valid key. A file with any error gives no rule set; warnings (see `check.rs`) come with a
//! valid one.

use std::collections::HashMap;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::condition::{parse_when, WhenError};
use super::payout::{self, Payout};
use super::{check, Loaded, Rule, RuleProblem, RuleSet, DEFAULT_RULE_ID, MAX_RULES};
use crate::domain::filter::{is_outcome_code, is_rule_id, OUTCOME_CODE_FORM, RULE_ID_FORM};
use crate::domain::nearest::nearest;
use crate::toml_value::{a_type, in_file_order, line_of, position_of};

const TOP_KEYS: [&str; 4] = ["name", "description", "rule", "default"];
const RULE_KEYS: [&str; 6] = ["id", "title", "when", "outcome", "payout", "in_kind"];
const DEFAULT_KEYS: [&str; 4] = ["title", "outcome", "payout", "in_kind"];

/// The default's title when the file gives none.
pub const DEFAULT_TITLE: &str = "No rule applies";

pub(crate) fn parse(text: &str, file: &str) -> Loaded {
    let mut reader = Reader {
        text,
        file,
        errors: Vec::new(),
    };
    let (doc, syntax) = DeTable::parse_recoverable(text);
    if !syntax.is_empty() {
        for err in &syntax {
            reader.toml_error(err);
        }
        return Err(reader.finish());
    }
    let mut name = None;
    let mut description = None;
    let mut rules = Vec::new();
    let mut default = None;
    for (key, at, value) in in_file_order(doc.get_ref()) {
        match key {
            "name" => name = reader.text_value(None, "name", value),
            "description" => description = reader.text_value(None, "description", value),
            "rule" => rules = reader.rules(value),
            "default" => default = reader.default(value),
            other => reader.unknown_key(at, None, other, &TOP_KEYS, ""),
        }
    }
    let name = match name {
        Some(name) if !name.trim().is_empty() => Some(name),
        Some(_) => {
            reader.at_line(1, None, "name: must not be empty".into());
            None
        }
        None => {
            reader.at_line(
                1,
                None,
                "missing \"name\" (the rule set's name, like name = \"final-2022-12-29\")".into(),
            );
            None
        }
    };
    if doc.get_ref().get("default").is_none() {
        let last = text.lines().count().max(1);
        reader.at_line(
            last,
            None,
            "missing [default]: every rule set needs one, for the cases no rule catches \
             (like [default] outcome = \"needs_review\")"
                .into(),
        );
    }
    if rules.len() > MAX_RULES {
        reader.at_line(
            1,
            None,
            format!("{} rules, more than the limit of {MAX_RULES}", rules.len()),
        );
    }
    reader.refuse_duplicate_ids(&rules);
    let errors = reader.finish();
    match (name, default) {
        (Some(name), Some(default)) if errors.is_empty() => {
            let set = RuleSet::build(
                name,
                description.unwrap_or_default(),
                file.to_string(),
                rules,
                default,
            );
            let warnings = check::warnings(&set);
            Ok((set, warnings))
        }
        _ => Err(errors),
    }
}

struct Reader<'a> {
    text: &'a str,
    file: &'a str,
    errors: Vec<RuleProblem>,
}

/// The keys of one `[[rule]]` or `[default]` table, as read.
#[derive(Default)]
struct Fields {
    id: Option<String>,
    title: Option<String>,
    conditions: Option<Vec<super::Condition>>,
    outcome: Option<String>,
    payout: Payout,
    in_kind: Option<String>,
    /// Some value was refused: the rule is not built (its problems are reported).
    bad: bool,
}

impl Reader<'_> {
    fn finish(mut self) -> Vec<RuleProblem> {
        self.errors.sort_by_key(|e| e.line);
        self.errors
    }

    fn at_line(&mut self, line: usize, rule: Option<&str>, message: String) {
        self.errors
            .push(RuleProblem::error(self.file, line, rule, message));
    }

    fn error(&mut self, at: usize, rule: Option<&str>, message: String) {
        self.at_line(line_of(self.text, at), rule, message);
    }

    /// A syntax error, at the line and column where TOML stopped reading.
    fn toml_error(&mut self, err: &toml::de::Error) {
        let span = err.span().unwrap_or(0..0);
        let message = if err.message() == "duplicate key" {
            let raw = self.text.get(span.clone()).unwrap_or("").trim();
            format!("key {raw} appears twice")
        } else {
            format!("invalid TOML: {}", err.message().trim())
        };
        let (line, column) = crate::toml_value::position_of(self.text, span.start);
        let mut problem = RuleProblem::error(self.file, line, None, message);
        problem.column = Some(column);
        self.errors.push(problem);
    }

    fn unknown_key(
        &mut self,
        at: usize,
        rule: Option<&str>,
        key: &str,
        valid: &[&str],
        hint: &str,
    ) {
        let message = match nearest(key, valid.iter().copied()) {
            Some(near) => format!("unknown key \"{key}\" (did you mean \"{near}\"?)"),
            None if !hint.is_empty() => format!("unknown key \"{key}\" ({hint})"),
            None => format!("unknown key \"{key}\" (valid: {})", valid.join(", ")),
        };
        self.error(at, rule, message);
    }

    /// A string value.
    fn text_value(
        &mut self,
        rule: Option<&str>,
        key: &str,
        value: &Spanned<DeValue<'_>>,
    ) -> Option<String> {
        match value.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            other => {
                let message = format!("{key}: expected a string, found {}", a_type(other));
                self.error(value.span().start, rule, message);
                None
            }
        }
    }

    /// The `[[rule]]` tables, in order.
    fn rules(&mut self, value: &Spanned<DeValue<'_>>) -> Vec<Rule> {
        let items = match value.get_ref() {
            DeValue::Array(items) => items,
            DeValue::Table(_) => {
                self.error(
                    value.span().start,
                    None,
                    "rule: write each rule as [[rule]] (a list of tables), not [rule]".into(),
                );
                return Vec::new();
            }
            other => {
                let message = format!("rule: expected [[rule]] tables, found {}", a_type(other));
                self.error(value.span().start, None, message);
                return Vec::new();
            }
        };
        let mut rules = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let at = item.span().start;
            let Some(table) = item.get_ref().as_table() else {
                let message = format!(
                    "rule: expected [[rule]] tables, found {}",
                    a_type(item.get_ref())
                );
                self.error(at, None, message);
                continue;
            };
            if let Some(rule) = self.rule(i + 1, at, table) {
                rules.push(rule);
            }
        }
        rules
    }

    fn rule(&mut self, number: usize, at: usize, table: &DeTable<'_>) -> Option<Rule> {
        let line = line_of(self.text, at);
        let tag = match table.get("id").map(|v| v.get_ref()) {
            Some(DeValue::String(id)) if !id.is_empty() => Some(id.to_string()),
            _ => None,
        };
        let tag = tag.as_deref();
        let mut fields = Fields::default();
        for (key, key_at, value) in in_file_order(table) {
            match key {
                "id" => fields.id = self.rule_id(tag, value),
                "when" => fields.conditions = self.when(tag, value),
                other => self.common_key(tag, key_at, other, value, &mut fields, &RULE_KEYS),
            }
            if fields_missing_value(key, &fields) {
                fields.bad = true;
            }
        }
        if fields.id.is_none() && table.get("id").is_none() {
            self.at_line(
                line,
                None,
                format!(
                    "[[rule]] number {number} has no \"id\" (every rule needs a unique one, like \
                     id = \"paid-per-terms\")"
                ),
            );
        }
        for (key, present) in [
            ("title", table.get("title").is_some()),
            ("when", table.get("when").is_some()),
            ("outcome", table.get("outcome").is_some()),
        ] {
            if !present {
                let message = match key {
                    "when" => "missing \"when\" (its conditions; \"\" for every case)".to_string(),
                    _ => format!("missing \"{key}\""),
                };
                self.at_line(line, tag, message);
            }
        }
        let (Some(id), Some(title), Some(conditions), Some(outcome)) =
            (fields.id, fields.title, fields.conditions, fields.outcome)
        else {
            return None;
        };
        if fields.bad {
            return None;
        }
        Some(Rule {
            id,
            title,
            conditions,
            outcome,
            payout: fields.payout,
            in_kind: fields.in_kind,
            line,
        })
    }

    /// `title`, `outcome`, `payout`, `in_kind` (shared by rules and the default), or an
    /// unknown key.
    fn common_key(
        &mut self,
        tag: Option<&str>,
        key_at: usize,
        key: &str,
        value: &Spanned<DeValue<'_>>,
        fields: &mut Fields,
        valid: &[&str],
    ) {
        let at = value.span().start;
        match key {
            "title" => {
                fields.title = self.text_value(tag, key, value).filter(|title| {
                    let ok = !title.trim().is_empty();
                    if !ok {
                        self.error(at, tag, "title: must not be empty".into());
                    }
                    ok
                });
            }
            "outcome" => {
                fields.outcome = self.text_value(tag, key, value).filter(|code| {
                    let ok = is_outcome_code(code);
                    if !ok {
                        let message = format!(
                            "outcome: \"{code}\" is not an outcome code ({OUTCOME_CODE_FORM})"
                        );
                        self.error(at, tag, message);
                    }
                    ok
                });
            }
            "payout" => match payout::parse(value.get_ref(), at) {
                Ok(payout) => fields.payout = payout,
                Err(problems) => {
                    fields.bad = true;
                    for (at, message) in problems {
                        self.error(at, tag, message);
                    }
                }
            },
            "in_kind" => match self.text_value(tag, key, value) {
                Some(text) if text.trim().is_empty() => {
                    fields.bad = true;
                    self.error(at, tag, "in_kind: must not be empty (leave it out)".into());
                }
                Some(text) => fields.in_kind = Some(text),
                None => fields.bad = true,
            },
            other => {
                fields.bad = true;
                let hint = match other {
                    "if" | "where" | "condition" | "conditions" => "conditions go in \"when\"",
                    "cash" | "percent" => "write payout = { cash = N }",
                    _ => "",
                };
                self.unknown_key(key_at, tag, other, valid, hint);
            }
        }
    }

    fn rule_id(&mut self, tag: Option<&str>, value: &Spanned<DeValue<'_>>) -> Option<String> {
        let at = value.span().start;
        let id = self.text_value(tag, "id", value)?;
        if id == DEFAULT_RULE_ID {
            self.error(
                at,
                tag,
                "id: \"default\" is reserved for the [default] section".into(),
            );
            return None;
        }
        if !is_rule_id(&id) {
            self.error(
                at,
                tag,
                format!("id: \"{id}\" is not a rule id ({RULE_ID_FORM})"),
            );
            return None;
        }
        Some(id)
    }

    /// The conditions of `when`, with each problem placed at its line (and column, when the
    /// string is written without escapes) in the file.
    fn when(
        &mut self,
        tag: Option<&str>,
        value: &Spanned<DeValue<'_>>,
    ) -> Option<Vec<super::Condition>> {
        let when = self.text_value(tag, "when", value)?;
        match parse_when(&when) {
            Ok(conditions) => Some(conditions),
            Err(errors) => {
                for WhenError { offset, message } in errors {
                    let (line, column) = self.place_in_string(value, &when, offset);
                    self.errors.push(RuleProblem {
                        column,
                        ..RuleProblem::error(self.file, line, tag, format!("when: {message}"))
                    });
                }
                None
            }
        }
    }

    /// The file line and column of character `offset` of the string `parsed`, written at
    /// `value`. Exact when the string's text in the file is the string itself (no escapes);
    /// else the line where the string starts, without a column.
    fn place_in_string(
        &self,
        value: &Spanned<DeValue<'_>>,
        parsed: &str,
        offset: usize,
    ) -> (usize, Option<usize>) {
        let span = value.span();
        let start_line = line_of(self.text, span.start);
        let Some(raw) = self.text.get(span.clone()) else {
            return (start_line, None);
        };
        let delimiter = ["\"\"\"", "'''", "\"", "'"]
            .into_iter()
            .find(|d| raw.starts_with(d) && raw.ends_with(d) && raw.len() >= 2 * d.len());
        let Some(delimiter) = delimiter else {
            return (start_line, None);
        };
        let mut inner_start = delimiter.len();
        let mut inner = &raw[delimiter.len()..raw.len() - delimiter.len()];
        if delimiter.len() == 3 {
            // A newline right after the opening delimiter is not part of the string.
            for newline in ["\r\n", "\n"] {
                if let Some(rest) = inner.strip_prefix(newline) {
                    inner = rest;
                    inner_start += newline.len();
                    break;
                }
            }
        }
        if inner != parsed {
            return (start_line, None);
        }
        let byte = parsed
            .char_indices()
            .nth(offset)
            .map_or(parsed.len(), |(b, _)| b);
        let (line, column) = position_of(self.text, span.start + inner_start + byte);
        (line, Some(column))
    }

    fn default(&mut self, value: &Spanned<DeValue<'_>>) -> Option<Rule> {
        let at = value.span().start;
        let tag = Some(DEFAULT_RULE_ID);
        let Some(table) = value.get_ref().as_table() else {
            let message = format!(
                "default: expected a [default] table, found {}",
                a_type(value.get_ref())
            );
            self.error(at, None, message);
            return None;
        };
        let line = line_of(self.text, at);
        let mut fields = Fields::default();
        for (key, key_at, value) in in_file_order(table) {
            match key {
                "when" => {
                    fields.bad = true;
                    self.error(
                        key_at,
                        tag,
                        "when: the default has no conditions (it covers every case no rule \
                         catches)"
                            .into(),
                    );
                }
                "id" => {
                    fields.bad = true;
                    self.error(
                        key_at,
                        tag,
                        "id: the default's id is always \"default\"".into(),
                    );
                }
                other => self.common_key(tag, key_at, other, value, &mut fields, &DEFAULT_KEYS),
            }
            if fields_missing_value(key, &fields) {
                fields.bad = true;
            }
        }
        if table.get("outcome").is_none() {
            self.at_line(line, tag, "missing \"outcome\"".into());
        }
        if fields.bad {
            return None;
        }
        Some(Rule {
            id: DEFAULT_RULE_ID.to_string(),
            title: fields.title.unwrap_or_else(|| DEFAULT_TITLE.to_string()),
            conditions: Vec::new(),
            outcome: fields.outcome?,
            payout: fields.payout,
            in_kind: fields.in_kind,
            line,
        })
    }

    fn refuse_duplicate_ids(&mut self, rules: &[Rule]) {
        let mut first: HashMap<&str, usize> = HashMap::new();
        for rule in rules {
            match first.get(rule.id.as_str()) {
                Some(line) => {
                    let message = format!("id used twice (first on line {line})");
                    self.at_line(rule.line, Some(&rule.id), message);
                }
                None => {
                    first.insert(&rule.id, rule.line);
                }
            }
        }
    }
}

/// Whether `key` was given but its value was refused (a refused value leaves its field
/// empty; a missing key is reported separately).
fn fields_missing_value(key: &str, fields: &Fields) -> bool {
    match key {
        "id" => fields.id.is_none(),
        "title" => fields.title.is_none(),
        "when" => fields.conditions.is_none(),
        "outcome" => fields.outcome.is_none(),
        _ => false,
    }
}

#[cfg(test)]
#[path = "file_tests.rs"]
mod tests;
