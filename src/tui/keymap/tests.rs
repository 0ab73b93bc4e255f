//! The keymap as a whole: the built-in defaults, overrides, sequences, loading.

use super::*;
use crate::domain::Dimension;

fn chord(name: &str) -> KeyChord {
    KeyChord::parse(name).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn act(name: &str) -> Action {
    Action::from_name(name).unwrap_or_else(|| panic!("no action {name}"))
}

/// What a sequence of keys typed one by one ends in (`Pending` if it does not end).
fn press(keymap: &Keymap, mode: Mode, keys: &str) -> Resolved {
    let mut pending = Vec::new();
    let mut last = Resolved::Unbound;
    for key in keys.split_whitespace() {
        let key = chord(key);
        last = keymap.resolve(mode, &pending, key);
        match last {
            Resolved::Pending => pending.push(key),
            _ => pending.clear(),
        }
    }
    last
}

fn does(names: &[&str]) -> Resolved {
    Resolved::Actions(names.iter().map(|n| act(n)).collect())
}

#[test]
fn the_builtin_keymap_has_no_problems() {
    assert_eq!(Keymap::check(DEFAULT_TOML, DEFAULT_FILE), vec![]);
    let (_, errors) = Keymap::with_overrides(DEFAULT_TOML, DEFAULT_FILE);
    assert_eq!(errors, vec![]);
}

#[test]
fn the_builtin_defaults() {
    let map = Keymap::builtin();
    let normal = [
        ("j", "move-down"),
        ("down", "move-down"),
        ("k", "move-up"),
        ("up", "move-up"),
        ("g", "first"),
        ("home", "first"),
        ("G", "last"),
        ("end", "last"),
        ("pagedown", "page-down"),
        ("ctrl-d", "page-down"),
        ("pageup", "page-up"),
        ("ctrl-u", "page-up"),
        ("1", "set-kind-paid"),
        ("2", "set-kind-free-monetary"),
        ("3", "set-kind-inquiry"),
        ("4", "set-kind-opinion"),
        ("5", "set-kind-protest"),
        ("6", "set-kind-encouragement"),
        ("i", "set-reporter-individual"),
        ("b", "set-reporter-small-business"),
        ("e", "set-reporter-enterprise"),
        ("a", "set-substitute-available"),
        ("x", "set-substitute-unavailable"),
        ("w", "set-substitute-unknown"),
        ("o", "toggle-scope"),
        ("s", "pick-service"),
        ("$", "edit-amount"),
        ("m", "edit-note"),
        ("backspace o", "clear-scope"),
        ("backspace i", "clear-reporter"),
        ("backspace 1", "clear-kind"),
        ("backspace s", "clear-service"),
        ("backspace a", "clear-substitute"),
        ("!", "escalate"),
        ("enter", "confirm"),
        ("n", "next-unreviewed"),
        ("N", "prev-unreviewed"),
        ("ctrl-f", "detail-page-down"),
        ("ctrl-b", "detail-page-up"),
        ("J", "detail-down"),
        ("K", "detail-up"),
        ("u", "undo"),
        ("ctrl-r", "redo"),
        ("tab", "toggle-panel"),
        ("?", "help"),
        ("esc", "dismiss-message"),
        ("q", "quit"),
        ("/", "search"),
        ("f", "filter"),
        ("F", "clear-filter"),
        ("v", "views"),
        ("S", "save-view"),
        ("space", "mark"),
        ("A", "mark-all"),
        ("B", "bulk"),
        ("p", "focus-panel"),
        ("r", "cycle-rules"),
        ("c", "compare"),
        ("h", "history"),
        ("C", "spot-check"),
        ("%", "agreement"),
        ("M", "show-message"),
        ("y", "accept-suggestions"),
        ("Y", "toggle-suggested-counts"),
    ];
    let picker = [
        ("up", "select-prev"),
        ("ctrl-p", "select-prev"),
        ("down", "select-next"),
        ("ctrl-n", "select-next"),
        ("enter", "accept"),
        ("esc", "cancel"),
        ("backspace", "delete-back"),
        ("delete", "delete-forward"),
        ("left", "cursor-left"),
        ("right", "cursor-right"),
        ("alt-b", "word-left"),
        ("alt-f", "word-right"),
        ("ctrl-left", "word-left"),
        ("ctrl-right", "word-right"),
        ("home", "line-start"),
        ("end", "line-end"),
        ("ctrl-a", "line-start"),
        ("ctrl-e", "line-end"),
        ("ctrl-w", "delete-word-back"),
        ("ctrl-u", "delete-to-start"),
        ("ctrl-k", "delete-to-end"),
        ("ctrl-d", "delete-view"),
    ];
    let prompt = [
        ("enter", "accept"),
        ("esc", "cancel"),
        ("backspace", "delete-back"),
        ("delete", "delete-forward"),
        ("left", "cursor-left"),
        ("right", "cursor-right"),
        ("alt-b", "word-left"),
        ("alt-f", "word-right"),
        ("ctrl-left", "word-left"),
        ("ctrl-right", "word-right"),
        ("home", "line-start"),
        ("end", "line-end"),
        ("ctrl-a", "line-start"),
        ("ctrl-e", "line-end"),
        ("ctrl-w", "delete-word-back"),
        ("ctrl-u", "delete-to-start"),
        ("ctrl-k", "delete-to-end"),
        ("tab", "complete"),
        ("up", "select-prev"),
        ("ctrl-p", "select-prev"),
        ("down", "select-next"),
        ("ctrl-n", "select-next"),
    ];
    let help = [
        ("esc", "cancel"),
        ("q", "cancel"),
        ("?", "cancel"),
        ("h", "cancel"),
        ("j", "move-down"),
        ("down", "move-down"),
        ("k", "move-up"),
        ("up", "move-up"),
        ("pagedown", "page-down"),
        ("space", "page-down"),
        ("ctrl-d", "page-down"),
        ("ctrl-f", "page-down"),
        ("pageup", "page-up"),
        ("ctrl-u", "page-up"),
        ("ctrl-b", "page-up"),
        ("g", "first"),
        ("home", "first"),
        ("G", "last"),
        ("end", "last"),
    ];
    let panel = [
        ("j", "select-next"),
        ("down", "select-next"),
        ("k", "select-prev"),
        ("up", "select-prev"),
        ("g", "first"),
        ("G", "last"),
        ("enter", "accept"),
        ("esc", "cancel"),
        ("p", "cancel"),
        ("q", "cancel"),
        ("?", "help"),
    ];
    let menu = [
        ("j", "select-next"),
        ("down", "select-next"),
        ("ctrl-n", "select-next"),
        ("k", "select-prev"),
        ("up", "select-prev"),
        ("ctrl-p", "select-prev"),
        ("g", "first"),
        ("G", "last"),
        ("enter", "accept"),
        ("esc", "cancel"),
        ("q", "cancel"),
    ];
    let history = [
        ("R", "revert-batch"),
        ("j", "select-next"),
        ("down", "select-next"),
        ("k", "select-prev"),
        ("up", "select-prev"),
        ("pagedown", "page-down"),
        ("pageup", "page-up"),
        ("g", "first"),
        ("home", "first"),
        ("G", "last"),
        ("end", "last"),
        ("esc", "cancel"),
        ("q", "cancel"),
        ("h", "cancel"),
    ];
    let spot = [
        ("j", "move-down"),
        ("down", "move-down"),
        ("enter", "move-down"),
        ("k", "move-up"),
        ("up", "move-up"),
        ("g", "first"),
        ("G", "last"),
        ("pagedown", "page-down"),
        ("pageup", "page-up"),
        ("J", "detail-down"),
        ("K", "detail-up"),
        ("1", "set-kind-paid"),
        ("2", "set-kind-free-monetary"),
        ("3", "set-kind-inquiry"),
        ("4", "set-kind-opinion"),
        ("5", "set-kind-protest"),
        ("6", "set-kind-encouragement"),
        ("i", "set-reporter-individual"),
        ("b", "set-reporter-small-business"),
        ("e", "set-reporter-enterprise"),
        ("a", "set-substitute-available"),
        ("x", "set-substitute-unavailable"),
        ("w", "set-substitute-unknown"),
        ("o", "toggle-scope"),
        ("s", "pick-service"),
        ("D", "spot-differences"),
        ("C", "spot-check"),
        ("%", "agreement"),
        ("?", "help"),
        ("esc", "dismiss-message"),
        ("M", "show-message"),
        ("q", "quit"),
    ];
    let differences = [
        ("j", "select-next"),
        ("down", "select-next"),
        ("k", "select-prev"),
        ("up", "select-prev"),
        ("g", "first"),
        ("G", "last"),
        ("pagedown", "page-down"),
        ("pageup", "page-up"),
        ("J", "detail-down"),
        ("K", "detail-up"),
        ("=", "keep"),
        ("X", "overturn"),
        ("D", "spot-differences"),
        ("C", "spot-check"),
        ("%", "agreement"),
        ("?", "help"),
        ("esc", "dismiss-message"),
        ("M", "show-message"),
        ("q", "quit"),
    ];
    for (mode, table) in [
        (Mode::Normal, &normal[..]),
        (Mode::Picker, &picker[..]),
        (Mode::Prompt, &prompt[..]),
        (Mode::Help, &help[..]),
        (Mode::Panel, &panel[..]),
        (Mode::Menu, &menu[..]),
        (Mode::History, &history[..]),
        (Mode::Spot, &spot[..]),
        (Mode::Differences, &differences[..]),
    ] {
        let mut want: Vec<(String, Vec<Action>)> = table
            .iter()
            .map(|(k, a)| (k.to_string(), vec![act(a)]))
            .collect();
        let mut got = map.bindings(mode);
        want.sort_by(|a, b| a.0.cmp(&b.0));
        got.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(got, want, "{mode}");
    }
    for mode in [Mode::Picker, Mode::Prompt] {
        for (key, _) in map.bindings(mode) {
            assert_eq!(
                chord(&key).typed_char(),
                None,
                "{key} in {mode} stops typing"
            );
        }
    }
}

#[test]
fn keys_for_hints() {
    let map = Keymap::builtin();
    assert_eq!(
        map.keys_for(Mode::Normal, Action::SetLabel(Dimension::Kind, 0)),
        vec!["1"]
    );
    assert_eq!(
        map.keys_for(Mode::Normal, Action::MoveDown),
        vec!["j", "down"]
    );
    assert_eq!(
        map.keys_for(Mode::Help, Action::Cancel),
        vec!["esc", "q", "?", "h"]
    );
    assert!(map.keys_for(Mode::Normal, Action::Accept).is_empty());
}

#[test]
fn single_keys_resolve_at_once() {
    let map = Keymap::builtin();
    assert_eq!(press(&map, Mode::Normal, "G"), does(&["last"]));
    assert_eq!(press(&map, Mode::Normal, "shift-g"), does(&["last"]));
    assert_eq!(press(&map, Mode::Normal, "ctrl-d"), does(&["page-down"]));
    assert_eq!(
        press(&map, Mode::Picker, "ctrl-u"),
        does(&["delete-to-start"])
    );
    assert_eq!(press(&map, Mode::Normal, "ctrl-u"), does(&["page-up"]));
    // Letters are typed in pickers and prompts, not bound.
    assert_eq!(press(&map, Mode::Prompt, "j"), Resolved::Unbound);
    assert_eq!(press(&map, Mode::Normal, "alt-j"), Resolved::Unbound);
}

#[test]
fn sequences_wait_then_act() {
    let (map, errors) = Keymap::with_overrides(
        "[normal]\n\"g\" = []\n\"g g\" = \"first\"\n\"g e\" = [\"set-kind-paid\", \
         \"confirm\"]\n\"ctrl-x ctrl-c\" = \"quit\"\n",
        "mine.toml",
    );
    assert_eq!(errors, vec![]);
    let g = chord("g");
    assert_eq!(map.resolve(Mode::Normal, &[], g), Resolved::Pending);
    assert_eq!(map.resolve(Mode::Normal, &[g], g), does(&["first"]));
    assert_eq!(
        map.resolve(Mode::Normal, &[g], chord("e")),
        does(&["set-kind-paid", "confirm"])
    );
    // A key that continues no sequence breaks it.
    assert_eq!(
        map.resolve(Mode::Normal, &[g], chord("x")),
        Resolved::Unbound
    );
    assert_eq!(
        map.resolve(Mode::Normal, &[g], chord("G")),
        Resolved::Unbound
    );
    assert_eq!(press(&map, Mode::Normal, "ctrl-x ctrl-c"), does(&["quit"]));
    assert_eq!(press(&map, Mode::Normal, "ctrl-x"), Resolved::Pending);
    assert_eq!(press(&map, Mode::Normal, "ctrl-x c"), Resolved::Unbound);
    // Sequences belong to their mode.
    assert_eq!(press(&map, Mode::Help, "g"), does(&["first"]));
    assert_eq!(press(&map, Mode::Menu, "ctrl-x"), Resolved::Unbound);
}

#[test]
fn overrides_change_only_the_keys_they_name() {
    let builtin = Keymap::builtin();
    let (map, errors) = Keymap::with_overrides(
        "[normal]\n\"j\" = \"move-up\"\n\"alt-j\" = \"move-down\"\n\"q\" = []\n\"u\" = \"unbound\"\n\
         \"P\" = [\"set-kind-paid\", \"confirm\"]\n[prompt]\n\"ctrl-w\" = \"clear-input\"\n",
        "mine.toml",
    );
    assert_eq!(errors, vec![]);
    assert_eq!(press(&map, Mode::Normal, "j"), does(&["move-up"]));
    assert_eq!(press(&map, Mode::Normal, "alt-j"), does(&["move-down"]));
    assert_eq!(press(&map, Mode::Normal, "q"), Resolved::Unbound);
    assert_eq!(press(&map, Mode::Normal, "u"), Resolved::Unbound);
    assert_eq!(
        press(&map, Mode::Normal, "P"),
        does(&["set-kind-paid", "confirm"])
    );
    assert_eq!(press(&map, Mode::Prompt, "ctrl-w"), does(&["clear-input"]));
    // Everything else is as built in, in the built-in order, new keys last.
    assert_eq!(press(&map, Mode::Normal, "k"), does(&["move-up"]));
    assert_eq!(map.bindings(Mode::Help), builtin.bindings(Mode::Help));
    assert_eq!(map.bindings(Mode::Picker), builtin.bindings(Mode::Picker));
    assert_eq!(
        map.keys_for(Mode::Normal, Action::MoveUp),
        vec!["j", "k", "up"]
    );
    assert_eq!(
        map.keys_for(Mode::Normal, Action::MoveDown),
        vec!["down", "alt-j"]
    );
    assert_eq!(
        map.bindings(Mode::Normal).len(),
        builtin.bindings(Mode::Normal).len()
    );
    // Unbinding a key the built-in keymap leaves free is no problem.
    let (_, errors) = Keymap::with_overrides("[normal]\n\"ctrl-z\" = []\n", "mine.toml");
    assert_eq!(errors, vec![]);
}

#[test]
fn bad_entries_keep_the_default() {
    let (map, errors) = Keymap::with_overrides(
        "[normal]\n\"j\" = \"move-dwon\"\n\"k\" = \"first\"\n",
        "mine.toml",
    );
    assert_eq!(
        errors.iter().map(ToString::to_string).collect::<Vec<_>>(),
        vec!["mine.toml:2: key \"j\": unknown action \"move-dwon\" (did you mean \"move-down\"?)"]
    );
    assert_eq!(press(&map, Mode::Normal, "j"), does(&["move-down"]));
    assert_eq!(press(&map, Mode::Normal, "k"), does(&["first"]));
    // Broken TOML: nothing of the file applies.
    let (map, errors) = Keymap::with_overrides("[normal]\n\"k\" = \"first\n", "mine.toml");
    assert_eq!(errors.len(), 1);
    assert_eq!(map, Keymap::builtin());
}

#[test]
fn a_user_sequence_beats_a_builtin_single_key() {
    let (map, errors) = Keymap::with_overrides("[normal]\n\"g g\" = \"first\"\n", "mine.toml");
    assert_eq!(errors, vec![]);
    assert_eq!(press(&map, Mode::Normal, "g"), Resolved::Pending);
    assert_eq!(press(&map, Mode::Normal, "g g"), does(&["first"]));
    assert_eq!(
        map.keys_for(Mode::Normal, Action::First),
        vec!["home", "g g"]
    );
    // And a user single key beats a base sequence starting with it.
    let mut map = Keymap::default();
    map.apply(
        file::parse("[help]\n\"z z\" = \"cancel\"\n", "base").entries,
        false,
    );
    assert_eq!(press(&map, Mode::Help, "z"), Resolved::Pending);
    map.apply(
        file::parse("[help]\n\"z\" = \"move-down\"\n", "user").entries,
        true,
    );
    assert_eq!(press(&map, Mode::Help, "z"), does(&["move-down"]));
    assert_eq!(map.bindings(Mode::Help).len(), 1);
}

#[test]
fn load_user_reads_the_given_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keys.toml");
    std::fs::write(&path, "[normal]\n\"Q\" = \"quit\"\n\"nope\" = \"quit\"\n").unwrap();
    let (map, errors) = Keymap::load_user(Some(&path));
    assert_eq!(press(&map, Mode::Normal, "Q"), does(&["quit"]));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].file, path.display().to_string());
    assert_eq!(errors[0].line, 3);
    assert_eq!(errors[0].key.as_deref(), Some("nope"));

    let missing = dir.path().join("missing.toml");
    let (map, errors) = Keymap::load_user(Some(&missing));
    assert_eq!(map, Keymap::builtin());
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].line, 0);
    assert!(
        errors[0]
            .to_string()
            .starts_with(&format!("{}: cannot read the file: ", missing.display())),
        "{}",
        errors[0]
    );
    assert_eq!(user_path(Some(&missing)), Some(missing.clone()));
}

#[test]
fn check_counts_entries() {
    assert_eq!(
        Keymap::check_counted("[normal]\n\"Q\" = \"quit\"\n\"q\" = []\n", "f"),
        (2, vec![])
    );
    let (count, errors) = Keymap::check_counted(DEFAULT_TOML, DEFAULT_FILE);
    assert_eq!((count, errors), (214, vec![]));
}
