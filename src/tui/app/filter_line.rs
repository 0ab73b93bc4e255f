//! The filter line: the `--where` language typed over the list, applied as it parses, with
//! completion of field names and codes and the error column shown while typing.

use super::message::Message;
use super::msg::Effect;
use super::views::ViewSpec;
use super::{App, Overlay};
use crate::domain::filter::{field_names, FieldKind};
use crate::domain::{format_amount, Filter, FilterError};
use crate::tui::action::Action;

/// The filter line's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilterLine {
    pub input: String,
    /// Why the input does not parse (the view keeps the last expression that did).
    pub error: Option<FilterError>,
    /// What the last completion could not decide between.
    pub candidates: Vec<String>,
    /// The view before the line was opened, restored by cancel.
    pub previous: ViewSpec,
}

impl App {
    pub(super) fn open_filter(&mut self) {
        let mut input = self.spec.filter.clone();
        if !input.is_empty() && !input.ends_with(' ') {
            input.push(' ');
        }
        self.overlay = Overlay::Filter(FilterLine {
            input,
            error: None,
            candidates: Vec::new(),
            previous: self.spec.clone(),
        });
    }

    pub(super) fn filter_action(&mut self, action: Action) -> Vec<Effect> {
        let Overlay::Filter(line) = &mut self.overlay else {
            return Vec::new();
        };
        match action {
            Action::DeleteBack => {
                line.input.pop();
            }
            Action::ClearInput => line.input.clear(),
            Action::Complete => {
                let (completed, candidates) = complete(&line.input);
                line.input = completed;
                line.candidates = candidates;
            }
            Action::Cancel => {
                let previous = line.previous.clone();
                self.overlay = Overlay::None;
                self.apply_view(previous);
                return Vec::new();
            }
            Action::Accept => {
                if let Some(error) = &line.error {
                    self.message = Some(Message::error(format!("filter: {error}")));
                    return Vec::new();
                }
                self.overlay = Overlay::None;
                self.message = Some(Message::info(format!(
                    "{} cases match {}",
                    format_amount(self.view.len() as i64),
                    if self.spec.filter.trim().is_empty() {
                        "(no filter)".to_string()
                    } else {
                        self.spec.filter.trim().to_string()
                    }
                )));
                return Vec::new();
            }
            _ => return Vec::new(),
        }
        self.refilter();
        Vec::new()
    }

    pub(super) fn filter_input(&mut self, ch: char) {
        if let Overlay::Filter(line) = &mut self.overlay {
            line.input.push(ch);
            line.candidates.clear();
        }
        self.refilter();
    }

    /// Applies the filter line's input when it parses; otherwise records the error.
    fn refilter(&mut self) {
        let Overlay::Filter(line) = &mut self.overlay else {
            return;
        };
        match Filter::parse(&line.input) {
            Ok(_) => {
                line.error = None;
                let spec = ViewSpec {
                    name: "filter".into(),
                    filter: line.input.trim().to_string(),
                    search: line.previous.search.clone(),
                    queue: None,
                };
                self.apply_view(spec);
            }
            Err(error) => line.error = Some(error),
        }
    }
}

/// Completes the last word of `input`: a field name, or after `=`/`!=` a code of that field.
/// Returns the new input and, when the completion is ambiguous, the candidates.
pub fn complete(input: &str) -> (String, Vec<String>) {
    let start = input.rfind(char::is_whitespace).map_or(0, |i| {
        i + input[i..].chars().next().map_or(1, char::len_utf8)
    });
    let (head, word) = input.split_at(start);
    let op_at = word.find(['=', '!', '<', '>']);
    let (prefix, candidates, keep): (&str, Vec<String>, String) = match op_at {
        None => {
            let names: Vec<String> = field_names()
                .filter(|n| n.starts_with(word))
                .map(str::to_string)
                .collect();
            (word, names, String::new())
        }
        Some(at) => {
            let field = &word[..at];
            let after_op = word[at..].trim_start_matches(['=', '!', '<', '>']);
            let op_len = word.len() - at - after_op.len();
            let item_start = after_op.rfind(',').map_or(0, |i| i + 1);
            let (done, item) = after_op.split_at(item_start);
            let mut codes: Vec<String> = FieldKind::lookup(field)
                .and_then(FieldKind::codes)
                .unwrap_or_default()
                .into_iter()
                .map(str::to_string)
                .collect();
            if FieldKind::lookup(field).is_some_and(FieldKind::can_be_none) {
                codes.push("none".into());
            }
            let matching: Vec<String> = codes.into_iter().filter(|c| c.starts_with(item)).collect();
            let keep = format!("{}{}", &word[..at + op_len], done);
            (item, matching, keep)
        }
    };
    let completed_word = match candidates.as_slice() {
        [] => return (input.to_string(), Vec::new()),
        [one] => {
            let suffix = if op_at.is_none() { "=" } else { " " };
            format!("{keep}{one}{suffix}")
        }
        many => {
            let common = common_prefix(many);
            let longer = if common.len() >= prefix.len() {
                common.as_str()
            } else {
                prefix
            };
            format!("{keep}{longer}")
        }
    };
    let shown = if candidates.len() > 1 {
        candidates
    } else {
        Vec::new()
    };
    (format!("{head}{completed_word}"), shown)
}

fn common_prefix(words: &[String]) -> String {
    let mut prefix = words[0].clone();
    for word in &words[1..] {
        while !word.starts_with(&prefix) {
            prefix.pop();
        }
    }
    prefix
}

#[cfg(test)]
mod tests {
    use super::complete;

    #[test]
    fn completes_field_names_and_codes() {
        assert_eq!(complete("ki"), ("kind=".to_string(), vec![]));
        assert_eq!(complete("kind=pa"), ("kind=paid ".to_string(), vec![]));
        assert_eq!(
            complete("status=new kind!=paid,fr"),
            ("status=new kind!=paid,free_monetary ".to_string(), vec![])
        );
        let (text, candidates) = complete("s");
        assert_eq!(text, "s");
        assert_eq!(candidates, ["scope", "service", "substitute", "status"]);
        let (text, candidates) = complete("reporter=");
        assert_eq!(text, "reporter=");
        assert_eq!(
            candidates,
            ["individual", "small_business", "enterprise", "none"]
        );
        assert_eq!(
            complete("service=kakao_").1,
            ["kakao_login", "kakao_t", "kakao_page"]
        );
        assert_eq!(
            complete("substitute=n"),
            ("substitute=none ".to_string(), vec![])
        );
        assert_eq!(complete("zzz"), ("zzz".to_string(), vec![]));
    }
}
