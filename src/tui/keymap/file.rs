//! Reading a keymap file: TOML with one section per mode, into entries with their line
//! numbers, and every problem found on the way (see `keymaps/README.md` for the format).
//!
//! Within one file:
//! - a problem in an entry (unreadable key, unknown action, wrong value) skips that entry;
//! - a key given twice in a section (also as two spellings of one chord: `G` and `shift-g`)
//!   keeps the first and reports the second;
//! - a sequence that starts with a key bound on its own (`g g` beside `g`) can never be typed:
//!   the single key wins, the sequence is reported and skipped;
//! - invalid TOML syntax is reported and nothing of the file is used, since what is left of
//!   it cannot be trusted (a duplicate key, which TOML also refuses, is reported as "bound
//!   twice" and the rest of the file still applies).

use std::collections::HashMap;

use toml::de::{DeTable, DeValue};

use super::errors::KeymapError;
use super::key::{parse_sequence, sequence_name, KeyChord};
use super::mode::Mode;
use crate::domain::nearest::nearest;
use crate::toml_value::{a_type, in_file_order, line_of};
use crate::tui::action::Action;

/// The value that unbinds a key (as does the empty list).
pub const UNBOUND: &str = "unbound";

/// What an entry does to its key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Value {
    /// Run these actions in order.
    Bind(Vec<Action>),
    /// Remove the key's binding (`[]` or `"unbound"`).
    Unbind,
}

/// One valid line of a keymap file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    pub mode: Mode,
    pub keys: Vec<KeyChord>,
    /// The key as written in the file.
    pub written: String,
    pub line: usize,
    pub value: Value,
}

/// A file read: its valid entries in file order, and its problems in file order.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub entries: Vec<Entry>,
    pub errors: Vec<KeymapError>,
}

/// Reads a keymap file. `file` names it in the errors.
pub(crate) fn parse(text: &str, file: &str) -> Parsed {
    let mut reader = Reader {
        text,
        file,
        errors: Vec::new(),
    };
    let (doc, syntax) = DeTable::parse_recoverable(text);
    let mut broken = false;
    for err in &syntax {
        broken |= !reader.toml_error(err, doc.get_ref());
    }
    if broken {
        reader.errors.sort_by_key(|e| e.line);
        return Parsed {
            entries: Vec::new(),
            errors: reader.errors,
        };
    }
    let mut entries = Vec::new();
    for (name, at, value) in in_file_order(doc.get_ref()) {
        reader.section(name, at, value.get_ref(), &mut entries);
    }
    reader.refuse_unreachable(&mut entries);
    reader.errors.sort_by_key(|e| e.line);
    Parsed {
        entries,
        errors: reader.errors,
    }
}

struct Reader<'a> {
    text: &'a str,
    file: &'a str,
    errors: Vec<KeymapError>,
}

impl Reader<'_> {
    fn error(&mut self, at: usize, key: Option<&str>, message: String) {
        let line = line_of(self.text, at);
        self.errors
            .push(KeymapError::new(self.file, line, key, message));
    }

    /// Reports an error of the TOML parser; false when the file's syntax is broken (anything
    /// but a duplicate key).
    fn toml_error(&mut self, err: &toml::de::Error, doc: &DeTable<'_>) -> bool {
        let span = err.span().unwrap_or(0..0);
        let raw = self.text.get(span.clone()).unwrap_or("");
        if err.message() != "duplicate key" {
            let mut message = format!("invalid TOML: {}", err.message());
            if err.message().starts_with("string values must be quoted") {
                message = format!("invalid TOML: names must be in quotes: \"{raw}\"");
            }
            self.error(span.start, None, message);
            return false;
        }
        let name = unquote(raw);
        let line = self.before(span.start).rsplit('\n').next().unwrap_or("");
        if line.trim_start().starts_with('[') {
            let first = self.earlier_header(&name, span.start);
            let also = first.map_or(String::new(), |l| format!(" (also on line {l})"));
            self.error(
                span.start,
                None,
                format!("section [{name}] appears twice{also}; merge the two"),
            );
        } else {
            let section = self.section_at(span.start);
            let first = section
                .and_then(|s| doc.iter().find(|(k, _)| k.get_ref() == s.as_str()))
                .and_then(|(_, v)| v.get_ref().as_table())
                .and_then(|t| t.iter().find(|(k, _)| k.get_ref() == name.as_str()))
                .map(|(k, _)| line_of(self.text, k.span().start));
            let also = first.map_or(String::new(), |l| format!(" (also on line {l})"));
            self.error(span.start, Some(&name), format!("bound twice{also}"));
        }
        true
    }

    /// The text before byte `at` (all of it if `at` is not a character boundary).
    fn before(&self, at: usize) -> &str {
        self.text.get(..at).unwrap_or(self.text)
    }

    /// The name of the section whose header comes last before `at`.
    fn section_at(&self, at: usize) -> Option<String> {
        self.before(at)
            .lines()
            .rev()
            .find_map(|line| header_name(line.trim()))
    }

    /// The line of the first `[name]` header before `at`.
    fn earlier_header(&self, name: &str, at: usize) -> Option<usize> {
        self.before(at)
            .lines()
            .position(|line| header_name(line.trim()).as_deref() == Some(name))
            .map(|i| i + 1)
    }

    /// One top-level item: a mode's section, or something that should not be there.
    fn section(&mut self, name: &str, at: usize, value: &DeValue<'_>, out: &mut Vec<Entry>) {
        let Some(table) = value.as_table() else {
            if Mode::from_name(name).is_some() {
                self.error(at, None, format!("\"{name}\" must be a section: [{name}]"));
            } else {
                self.error(
                    at,
                    Some(name),
                    "a binding outside any section; put it under [normal], [picker], [prompt], \
                     [help] or [panel]"
                        .to_string(),
                );
            }
            return;
        };
        let Some(mode) = Mode::from_name(name) else {
            let modes = Mode::ALL.map(Mode::name);
            let message = match nearest(name, modes) {
                Some(near) => format!("unknown mode {name:?} (did you mean {near:?}?)"),
                None => format!("unknown mode {name:?} (the modes are {})", modes.join(", ")),
            };
            self.error(at, None, message);
            return;
        };
        let mut seen: HashMap<Vec<KeyChord>, usize> = HashMap::new();
        for (written, at, value) in in_file_order(table) {
            let value = value.get_ref();
            let line = line_of(self.text, at);
            // A nested table is most likely a misplaced section: say that alone.
            let keys = match (value.is_table(), parse_sequence(written)) {
                (false, Ok(keys)) => Some(keys),
                (false, Err(err)) => {
                    self.error(at, Some(written), err.to_string());
                    None
                }
                (true, _) => None,
            };
            let value = self.value(written, at, value);
            let (Some(keys), Some(value)) = (keys, value) else {
                continue;
            };
            if let Some(first) = seen.get(&keys) {
                let message = format!("bound twice (also on line {first})");
                self.error(at, Some(written), message);
                continue;
            }
            seen.insert(keys.clone(), line);
            out.push(Entry {
                mode,
                keys,
                written: written.to_string(),
                line,
                value,
            });
        }
    }

    /// The value of an entry: an action name, a list of them, or an unbinding.
    fn value(&mut self, key: &str, at: usize, value: &DeValue<'_>) -> Option<Value> {
        match value {
            DeValue::String(name) if name == UNBOUND => Some(Value::Unbind),
            DeValue::String(name) => self.action(key, at, name).map(|a| Value::Bind(vec![a])),
            DeValue::Array(items) if items.is_empty() => Some(Value::Unbind),
            DeValue::Array(items) => {
                let mut actions = Vec::new();
                let mut ok = true;
                for item in items.iter() {
                    let at = item.span().start;
                    match item.get_ref() {
                        DeValue::String(name) if name == UNBOUND => {
                            ok = false;
                            self.error(
                                at,
                                Some(key),
                                "\"unbound\" cannot be listed with actions; to unbind, write \
                                 [] or \"unbound\" alone"
                                    .to_string(),
                            );
                        }
                        DeValue::String(name) => match self.action(key, at, name) {
                            Some(action) => actions.push(action),
                            None => ok = false,
                        },
                        other => {
                            ok = false;
                            let message = format!(
                                "expected action names in the list, found {}",
                                a_type(other)
                            );
                            self.error(at, Some(key), message);
                        }
                    }
                }
                ok.then_some(Value::Bind(actions))
            }
            other => {
                let message = format!(
                    "expected an action name or a list of action names, found {}",
                    a_type(other)
                );
                self.error(at, Some(key), message);
                None
            }
        }
    }

    fn action(&mut self, key: &str, at: usize, name: &str) -> Option<Action> {
        if let Some(action) = Action::from_name(name) {
            return Some(action);
        }
        let message = if name.is_empty() {
            "empty action name (to unbind, write [] or \"unbound\")".to_string()
        } else {
            let names: Vec<String> = Action::all().into_iter().map(Action::name).collect();
            let candidates = names.iter().map(String::as_str).chain([UNBOUND]);
            match nearest(name, candidates) {
                Some(near) => format!("unknown action {name:?} (did you mean {near:?}?)"),
                None => format!("unknown action {name:?} (see keymaps/README.md for the list)"),
            }
        };
        self.error(at, Some(key), message);
        None
    }

    /// Refuses every sequence that starts with a key bound on its own in the same mode: the
    /// single key acts at once, so the sequence could never be typed.
    fn refuse_unreachable(&mut self, entries: &mut Vec<Entry>) {
        let bound: Vec<(Mode, Vec<KeyChord>, usize)> = entries
            .iter()
            .filter(|e| matches!(e.value, Value::Bind(_)))
            .map(|e| (e.mode, e.keys.clone(), e.line))
            .collect();
        let mut refused = Vec::new();
        for (i, entry) in entries.iter().enumerate() {
            if !matches!(entry.value, Value::Bind(_)) {
                continue;
            }
            let prefix = bound
                .iter()
                .filter(|(mode, keys, _)| {
                    *mode == entry.mode
                        && keys.len() < entry.keys.len()
                        && entry.keys.starts_with(keys)
                })
                .min_by_key(|(_, keys, _)| keys.len());
            if let Some((_, keys, line)) = prefix {
                let name = sequence_name(keys);
                let message = format!(
                    "{name:?} is bound on its own (line {line}) and acts at once, so this \
                     sequence can never be typed; unbind {name:?} or choose other keys"
                );
                refused.push(i);
                self.errors.push(KeymapError::new(
                    self.file,
                    entry.line,
                    Some(&entry.written),
                    message,
                ));
            }
        }
        let mut index = 0;
        entries.retain(|_| {
            let keep = !refused.contains(&index);
            index += 1;
            keep
        });
    }
}

/// The section name of a `[name]` header line (comments and quotes allowed).
fn header_name(line: &str) -> Option<String> {
    let inner = line.strip_prefix('[')?;
    if inner.starts_with('[') {
        return None;
    }
    let end = inner.find(']')?;
    Some(unquote(inner[..end].trim()))
}

/// A TOML key as written (bare or quoted) to its name.
fn unquote(raw: &str) -> String {
    match DeValue::parse(raw) {
        Ok(value) if raw.starts_with(['"', '\'']) => match value.get_ref() {
            DeValue::String(s) => s.to_string(),
            _ => raw.to_string(),
        },
        _ => raw.to_string(),
    }
}

#[cfg(test)]
#[path = "file_tests.rs"]
mod tests;
