//! The help overlay's lines, generated from the keymap so they never disagree with it.

use super::{Keymap, Mode};
use crate::tui::action::Action;

/// The help of `mode`: one line per action that has keys, in [`Action::all`] order, as (keys
/// joined by ", ", description); then one line per key bound to a list of actions, in file
/// order, described as the actions in turn.
pub fn help_lines(keymap: &Keymap, mode: Mode) -> Vec<(String, String)> {
    let mut lines = Vec::new();
    for action in Action::all() {
        let keys = keymap.keys_for(mode, action);
        if !keys.is_empty() {
            lines.push((keys.join(", "), action.description_in(mode)));
        }
    }
    for (key, actions) in keymap.bindings(mode) {
        if actions.len() != 1 {
            lines.push((key, binding_description(mode, &actions)));
        }
    }
    lines
}

/// What a binding in `mode` does: its action's description, or each action's in turn.
pub fn binding_description(mode: Mode, actions: &[Action]) -> String {
    actions
        .iter()
        .map(|a| a.description_in(mode))
        .collect::<Vec<_>>()
        .join(", then ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Dimension;

    fn line<'a>(lines: &'a [(String, String)], description: &str) -> Option<&'a str> {
        lines
            .iter()
            .find(|(_, d)| d == description)
            .map(|(k, _)| k.as_str())
    }

    #[test]
    fn built_from_the_default_keymap() {
        let lines = help_lines(&Keymap::builtin(), Mode::Normal);
        assert_eq!(lines[0], ("j, down".to_string(), "next case".to_string()));
        assert_eq!(line(&lines, "a page down"), Some("pagedown, ctrl-d"));
        let paid = Action::SetLabel(Dimension::Kind, 0).description();
        assert_eq!(line(&lines, &paid), Some("1"));
        assert_eq!(line(&lines, "quit"), Some("q"));
        assert_eq!(line(&lines, "clear kind"), Some("backspace 1"));
        // Actions without keys get no line.
        assert_eq!(line(&lines, "clear the input"), None);
        // In Action::all() order: moving before labels.
        let first_label = lines.iter().position(|(_, d)| *d == paid);
        let quit = lines.iter().position(|(_, d)| d == "quit");
        assert!(quit < first_label);

        let help = help_lines(&Keymap::builtin(), Mode::Help);
        let line = |d: &str| line(&help, d).map(str::to_string);
        assert_eq!(line("a line down").as_deref(), Some("j, down"));
        assert_eq!(
            line("a page down").as_deref(),
            Some("pagedown, space, ctrl-d, ctrl-f")
        );
        assert_eq!(line("close").as_deref(), Some("esc, q, ?, h"));
        assert_eq!(
            line("next case"),
            None,
            "a page is read by line, not by case"
        );
    }

    #[test]
    fn changing_a_binding_changes_the_help() {
        let (keymap, errors) = Keymap::with_overrides(
            "[normal]\n\"q\" = []\n\"ctrl-q\" = \"quit\"\n\"Q\" = \"quit\"\n\
             \"g p\" = [\"set-kind-paid\", \"confirm\"]\n",
            "mine.toml",
        );
        assert_eq!(errors, vec![]);
        let lines = help_lines(&keymap, Mode::Normal);
        assert_eq!(line(&lines, "quit"), Some("ctrl-q, Q"));
        let last = lines.last().cloned();
        assert_eq!(
            last,
            Some((
                "g p".to_string(),
                "kind = paid (유료서비스 피해), then mark reviewed, go to the next unreviewed"
                    .to_string()
            ))
        );
        // "g p" took over "g": the built-in `first` now has only `home`.
        assert_eq!(line(&lines, "first case"), Some("home"));
    }
}
