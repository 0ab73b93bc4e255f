//! Reading keymap files: every kind of problem, with its exact message and line.

use super::*;

/// The problems of a file, as `LINE: key "x": message` (the file name left out).
fn problems(text: &str) -> Vec<String> {
    parse(text, "f.toml")
        .errors
        .iter()
        .map(|e| {
            let shown = e.to_string();
            shown.strip_prefix("f.toml:").unwrap_or(&shown).to_string()
        })
        .collect()
}

fn entries(text: &str) -> Vec<(Mode, String, usize, Value)> {
    parse(text, "f.toml")
        .entries
        .into_iter()
        .map(|e| (e.mode, sequence_name(&e.keys), e.line, e.value))
        .collect()
}

#[test]
fn a_good_file() {
    let text = "# comment\n[normal]\n\"j\" = \"move-down\"\nG = \"last\"\n\"g g\" = [\"first\", \
                \"confirm\"]\n'q' = []\n\"x\" = \"unbound\"\n\n[help]\n\"esc\" = \"cancel\"\n";
    assert_eq!(problems(text), Vec::<String>::new());
    assert_eq!(
        entries(text),
        vec![
            (
                Mode::Normal,
                "j".into(),
                3,
                Value::Bind(vec![Action::MoveDown])
            ),
            (Mode::Normal, "G".into(), 4, Value::Bind(vec![Action::Last])),
            (
                Mode::Normal,
                "g g".into(),
                5,
                Value::Bind(vec![Action::First, Action::Confirm])
            ),
            (Mode::Normal, "q".into(), 6, Value::Unbind),
            (Mode::Normal, "x".into(), 7, Value::Unbind),
            (
                Mode::Help,
                "esc".into(),
                10,
                Value::Bind(vec![Action::Cancel])
            ),
        ]
    );
}

#[test]
fn an_empty_file_is_fine() {
    assert_eq!(problems(""), Vec::<String>::new());
    assert_eq!(problems("[normal]\n[help]\n"), Vec::<String>::new());
    assert!(entries("").is_empty());
}

#[test]
fn unknown_action() {
    let text = "[normal]\n\"j\" = \"move-dwon\"\n\"k\" = \"frobnicate\"\n\"l\" = \"\"\n\
                \"u\" = \"unbund\"\n";
    assert_eq!(
        problems(text),
        vec![
            "2: key \"j\": unknown action \"move-dwon\" (did you mean \"move-down\"?)",
            "3: key \"k\": unknown action \"frobnicate\" (see keymaps/README.md for the list)",
            "4: key \"l\": empty action name (to unbind, write [] or \"unbound\")",
            "5: key \"u\": unknown action \"unbund\" (did you mean \"unbound\"?)",
        ]
    );
    assert!(entries(text).is_empty());
}

#[test]
fn unknown_action_in_a_list_skips_the_whole_entry() {
    let text = "[normal]\n\"p\" = [\n  \"set-kind-paid\",\n  \"confrim\",\n]\n\"q\" = \"quit\"\n";
    assert_eq!(
        problems(text),
        vec!["4: key \"p\": unknown action \"confrim\" (did you mean \"confirm\"?)"]
    );
    assert_eq!(
        entries(text),
        vec![(Mode::Normal, "q".into(), 6, Value::Bind(vec![Action::Quit]))]
    );
}

#[test]
fn unreadable_keys() {
    let text = "[normal]\n\"ctlr-d\" = \"page-down\"\n\"g ctlr-g\" = \"first\"\n\
                \"hello\" = \"quit\"\n\"shift-1\" = \"escalate\"\n\"\" = \"quit\"\n";
    assert_eq!(
        problems(text),
        vec![
            "2: key \"ctlr-d\": cannot read key \"ctlr-d\" (did you mean \"ctrl-d\"?)",
            "3: key \"g ctlr-g\": cannot read key \"ctlr-g\" (did you mean \"ctrl-g\"?)",
            "4: key \"hello\": cannot read key \"hello\": not one character nor a key name \
             such as \"enter\" or \"f1\"",
            "5: key \"shift-1\": cannot read key \"shift-1\": \"shift-\" goes with letters and \
             named keys; for a shifted character write the character itself (\"!\", not \
             \"shift-1\")",
            "6: key \"\": empty key",
        ]
    );
}

#[test]
fn same_key_twice_in_toml() {
    let text = "[normal]\n\"j\" = \"move-down\"\n\"k\" = \"move-up\"\nj = \"first\"\n";
    assert_eq!(
        problems(text),
        vec!["4: key \"j\": bound twice (also on line 2)"]
    );
    // The rest of the file applies; the first binding is kept.
    assert_eq!(
        entries(text),
        vec![
            (
                Mode::Normal,
                "j".into(),
                2,
                Value::Bind(vec![Action::MoveDown])
            ),
            (
                Mode::Normal,
                "k".into(),
                3,
                Value::Bind(vec![Action::MoveUp])
            ),
        ]
    );
    let quoted = "[help]\n\"g g\" = \"cancel\"\n\n\"g g\" = \"cancel\"\n";
    assert_eq!(
        problems(quoted),
        vec!["4: key \"g g\": bound twice (also on line 2)"]
    );
}

#[test]
fn same_chord_spelled_twice() {
    let text = "[normal]\n\"G\" = \"last\"\n\"x\" = \"quit\"\n\"shift-g\" = \"first\"\n\
                \"g  g\" = \"first\"\n\"g g\" = \"last\"\n[help]\n\"G\" = \"cancel\"\n";
    assert_eq!(
        problems(text),
        vec![
            "4: key \"shift-g\": bound twice (also on line 2)",
            "6: key \"g g\": bound twice (also on line 5)",
        ]
    );
    // Another mode is another map: `G` in [help] is fine.
    assert_eq!(entries(text).len(), 4);
}

#[test]
fn unbinding_and_binding_one_key_is_bound_twice() {
    let text = "[normal]\n\"q\" = []\n\"q\" = \"quit\"\n";
    assert_eq!(
        problems(text),
        vec!["3: key \"q\": bound twice (also on line 2)"]
    );
}

#[test]
fn a_section_twice() {
    let text = "[normal]\n\"j\" = \"move-down\"\n\n[normal]\n\"k\" = \"move-up\"\n";
    assert_eq!(
        problems(text),
        vec!["4: section [normal] appears twice (also on line 1); merge the two"]
    );
    assert_eq!(entries(text).len(), 2);
}

#[test]
fn unknown_mode() {
    let text = "[nromal]\n\"j\" = \"move-down\"\n[vim]\n\"k\" = \"move-up\"\n[help]\n\"q\" = \
                \"cancel\"\n";
    assert_eq!(
        problems(text),
        vec![
            "1: unknown mode \"nromal\" (did you mean \"normal\"?)",
            "3: unknown mode \"vim\" (the modes are normal, picker, prompt, help, panel, menu, history, spot, differences)",
        ]
    );
    assert_eq!(
        entries(text),
        vec![(Mode::Help, "q".into(), 6, Value::Bind(vec![Action::Cancel]))]
    );
}

#[test]
fn bindings_outside_sections() {
    let text = "\"j\" = \"move-down\"\nnormal = \"quit\"\n";
    assert_eq!(
        problems(text),
        vec![
            "1: key \"j\": a binding outside any section; put it under [normal], [picker], \
             [prompt], [help] or [panel]",
            "2: \"normal\" must be a section: [normal]",
        ]
    );
}

#[test]
fn values_of_the_wrong_type() {
    let text = "[normal]\n\"j\" = 1\n\"k\" = true\n\"l\" = [\"move-up\", 2]\n\"m\" = { a = 1 \
                }\n[normal.sub]\nx = 1\n[help]\n\"n\" = 1.5\n\"ctlr-n\" = \"nope\"\n";
    assert_eq!(
        problems(text),
        vec![
            "2: key \"j\": expected an action name or a list of action names, found an integer",
            "3: key \"k\": expected an action name or a list of action names, found a boolean",
            "4: key \"l\": expected action names in the list, found an integer",
            "5: key \"m\": expected an action name or a list of action names, found a table",
            "6: key \"sub\": expected an action name or a list of action names, found a table",
            "9: key \"n\": expected an action name or a list of action names, found a float",
            "10: key \"ctlr-n\": cannot read key \"ctlr-n\" (did you mean \"ctrl-n\"?)",
            "10: key \"ctlr-n\": unknown action \"nope\" (see keymaps/README.md for the list)",
        ]
    );
    let unbound_in_list = "[normal]\n\"j\" = [\"unbound\", \"quit\"]\n";
    assert_eq!(
        problems(unbound_in_list),
        vec![
            "2: key \"j\": \"unbound\" cannot be listed with actions; to unbind, write [] or \
             \"unbound\" alone"
        ]
    );
}

#[test]
fn invalid_toml_uses_nothing_of_the_file() {
    let unclosed = "[normal]\n\"j\" = \"move-down\"\n\"k\" = \"move-up\n\"q\" = \"quit\"\n";
    let found = problems(unclosed);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("3: invalid TOML: "), "{found:?}");
    assert!(entries(unclosed).is_empty());

    let bare = "[normal]\n\"j\" = move-down\n";
    assert_eq!(
        problems(bare),
        vec!["2: invalid TOML: names must be in quotes: \"move-down\""]
    );

    let header = "[normal\n\"j\" = \"move-down\"\n";
    assert_eq!(
        problems(header),
        vec!["1: invalid TOML: unclosed table, expected `]`"]
    );
}

#[test]
fn a_sequence_behind_a_single_key_is_refused() {
    let text = "[normal]\n\"g g\" = \"first\"\n\"x\" = \"quit\"\n\"g\" = \"last\"\n\
                \"ctrl-x ctrl-c\" = \"quit\"\n\"ctrl-x\" = []\n";
    assert_eq!(
        problems(text),
        vec![
            "2: key \"g g\": \"g\" is bound on its own (line 4) and acts at once, so this \
             sequence can never be typed; unbind \"g\" or choose other keys"
        ]
    );
    let kept: Vec<String> = entries(text).into_iter().map(|e| e.1).collect();
    assert_eq!(kept, vec!["x", "g", "ctrl-x ctrl-c", "ctrl-x"]);
    // In different modes there is no conflict.
    assert_eq!(
        problems("[normal]\n\"g\" = \"first\"\n[help]\n\"g g\" = \"cancel\"\n"),
        Vec::<String>::new()
    );
}

#[test]
fn line_numbers_count_from_one() {
    assert_eq!(line_of("", 0), 1);
    assert_eq!(line_of("a\nb\nc", 2), 2);
    assert_eq!(line_of("a\nb\nc", 4), 3);
    assert_eq!(line_of("a\nb", 99), 2);
}

mod arbitrary {
    use super::*;
    use proptest::prelude::*;

    /// Pieces of keymap files, good and bad, to shuffle into files.
    const PIECES: &[&str] = &[
        "[normal]\n",
        "[help]\n",
        "[nromal]\n",
        "[normal\n",
        "\"j\" = \"move-down\"\n",
        "\"G\" = \"last\"\n",
        "\"shift-g\" = \"first\"\n",
        "\"g g\" = \"first\"\n",
        "\"g\" = []\n",
        "j = \"quit\"\n",
        "\"ctlr-d\" = \"page-down\"\n",
        "\"x\" = [\"set-kind-paid\", 3]\n",
        "\"y\" = \"move-dwon\"\n",
        "\"z\" = \"unbound\"\n",
        "\"é\" = \"quit\"\n",
        "\"ㅓ\" = \"move-down\"\n",
        "\"w\" = \"move-down\n",
        "# 주석\n",
        "\n",
        "=",
        "\"",
        "[[normal]]\n",
        "[normal.sub]\n",
        "k = { a = 1 }\n",
    ];

    proptest! {
        #[test]
        fn reading_never_panics_and_lines_are_in_the_file(
            picks in prop::collection::vec(prop::sample::select(PIECES), 0..12),
        ) {
            let text: String = picks.concat();
            let parsed = parse(&text, "f.toml");
            let lines = text.lines().count().max(1);
            for err in &parsed.errors {
                prop_assert!(err.line >= 1 && err.line <= lines + 1, "{err} in {text:?}");
            }
            for entry in &parsed.entries {
                prop_assert!(entry.line >= 1 && entry.line <= lines, "{text:?}");
            }
        }

        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,80}") {
            let _ = parse(&text, "f.toml");
        }
    }
}
