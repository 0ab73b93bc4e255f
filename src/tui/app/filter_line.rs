//! The filter line: the `--where` language typed over the list, applied as it parses, with
//! completion of field names and codes and the error column shown while typing.

use super::effect::Effect;
use super::line_input::LineInput;
use super::saved_views::ViewSpec;
use super::screen::Screen;
use super::status_message::Message;
use super::App;
use crate::domain::filter::{field_names, FieldKind};
use crate::domain::{Filter, FilterError};
use crate::tui::action::Action;

/// The filter line's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilterLine {
    pub input: LineInput,
    /// Why the input does not parse (the view keeps the last expression that did).
    pub error: Option<FilterError>,
    /// What the last completion could not decide between.
    pub candidates: Vec<String>,
    /// The view before the line was opened, and the case selected then (a position in the
    /// case set): cancel puts both back.
    pub previous: ViewSpec,
    pub previous_case: Option<usize>,
}

impl App {
    pub(super) fn open_filter(&mut self) {
        let mut input = self.spec.filter.clone();
        if !input.is_empty() && !input.ends_with(' ') {
            input.push(' ');
        }
        self.screens.open(Screen::Filter(FilterLine {
            input: LineInput::new(input),
            error: None,
            candidates: Vec::new(),
            previous: self.spec.clone(),
            previous_case: self.view.indices.get(self.cursor).copied(),
        }));
    }

    pub(super) fn filter_action(&mut self, action: Action) -> Vec<Effect> {
        let Screen::Filter(line) = self.screens.top_mut() else {
            return Vec::new();
        };
        match action {
            Action::Complete => {
                let (completed, candidates) = complete(line.input.value());
                line.input.set(completed);
                line.candidates = candidates;
                self.refilter();
            }
            Action::SelectNext | Action::MoveDown => self.move_by(1),
            Action::SelectPrev | Action::MoveUp => self.move_by(-1),
            Action::Cancel => {
                let (previous, case) = (line.previous.clone(), line.previous_case);
                self.screens.close();
                self.restore_view(previous, case);
            }
            Action::Accept => {
                if line.error.is_some() {
                    // The error is shown under the line, with a caret at its column.
                    return Vec::new();
                }
                self.screens.close();
                let n = self.view.len();
                self.message = Some(Message::info(format!(
                    "{} {}",
                    crate::text::count(n, "case matches", "cases match"),
                    if self.spec.filter.trim().is_empty() {
                        "(no filter)".to_string()
                    } else {
                        self.spec.filter.trim().to_string()
                    }
                )));
            }
            _ => {}
        }
        Vec::new()
    }

    /// Typing in the filter line: the completions shown no longer apply.
    pub(super) fn filter_typed(&mut self) {
        if let Screen::Filter(line) = self.screens.top_mut() {
            line.candidates.clear();
        }
        self.refilter();
    }

    /// Applies the filter line's input when it parses; otherwise records the error.
    fn refilter(&mut self) {
        let Screen::Filter(line) = self.screens.top_mut() else {
            return;
        };
        match Filter::parse(line.input.value()) {
            Ok(_) => {
                line.error = None;
                let spec = ViewSpec {
                    name: "filter".into(),
                    filter: line.input.value().trim().to_string(),
                    search: line.previous.search.clone(),
                    queue: None,
                };
                self.apply_view(spec);
            }
            Err(error) => line.error = Some(error),
        }
    }

    /// Puts back a view and the case that was selected in it (cancel of the filter and search
    /// lines).
    pub(super) fn restore_view(&mut self, spec: ViewSpec, case: Option<usize>) {
        self.apply_view(spec);
        if let Some(position) = case.and_then(|i| self.view.indices.iter().position(|&j| j == i)) {
            self.move_to(position);
        }
        // A view with a search is filled in when the search answers: select the case then.
        self.search_selects = case.filter(|_| self.search_pending);
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
    // A word that is already complete but also begins longer names (`kind`, `kind_confidence`)
    // completes as itself: the second tab takes it, the first shows the choice.
    let mut candidates = candidates;
    if candidates.len() > 1 && common_prefix(&candidates) == prefix {
        if let Some(exact) = candidates.iter().position(|c| c == prefix) {
            candidates = vec![candidates.swap_remove(exact)];
        }
    }
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
        assert_eq!(complete("upd"), ("updated_by=".to_string(), vec![]));
        assert_eq!(complete("kind=pa"), ("kind=paid ".to_string(), vec![]));
        assert_eq!(
            complete("status=new kind!=paid,fr"),
            ("status=new kind!=paid,free_monetary ".to_string(), vec![])
        );
        let (text, candidates) = complete("st");
        assert_eq!(text, "status=");
        assert!(candidates.is_empty());
        let (text, candidates) = complete("sc");
        assert_eq!(text, "scope");
        assert_eq!(candidates, ["scope", "scope_confidence"]);
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

    #[test]
    fn completes_the_suggestion_fields() {
        // `kind` also begins `kind_confidence`: the first tab shows both, the second takes
        // the word as typed.
        let (text, candidates) = complete("ki");
        assert_eq!(text, "kind");
        assert_eq!(candidates, ["kind", "kind_confidence"]);
        assert_eq!(complete("kind"), ("kind=".to_string(), vec![]));
        assert_eq!(complete("kind_c"), ("kind_confidence=".to_string(), vec![]));
        let (text, candidates) = complete("sug");
        assert_eq!(text, "suggested_");
        assert_eq!(
            candidates,
            [
                "suggested_scope",
                "suggested_reporter",
                "suggested_kind",
                "suggested_service",
                "suggested_substitute",
                "suggested_amount_krw"
            ]
        );
        assert_eq!(
            complete("suggested_k"),
            ("suggested_kind=".to_string(), vec![])
        );
        assert_eq!(
            complete("suggested_kind=fr"),
            ("suggested_kind=free_monetary ".to_string(), vec![])
        );
        assert_eq!(
            complete("suggested_scope=").1,
            ["kakao", "affiliate", "none"]
        );
        assert_eq!(complete("ag"), ("agrees=".to_string(), vec![]));
        assert_eq!(complete("agrees=").1, ["yes", "no", "none"]);
        assert_eq!(complete("agrees!=n").1, ["no", "none"]);
        assert_eq!(
            complete("kind=paid agrees=y"),
            ("kind=paid agrees=yes ".to_string(), vec![])
        );
        assert_eq!(
            complete("kind_confidence=n"),
            ("kind_confidence=none ".to_string(), vec![])
        );
    }
}
