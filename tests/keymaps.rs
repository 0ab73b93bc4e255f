//! Every keymap file shipped in keymaps/ reads without a problem, on its own and over the
//! built-in keymap; keymaps/README.md names every action and key name; `casebench keys
//! --check` reports problems as FILE:LINE lines with exit code 2.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use casebench::tui::action::Action;
use casebench::tui::keymap::{key_names, KeyChord, Keymap, Mode, Resolved};

/// The binary with a clean environment rooted at `home` (no user keymap), run in the crate's
/// directory.
fn casebench(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_casebench"));
    cmd.env_remove("CASEBENCH_DB")
        .env_remove("CASEBENCH_REVIEWER")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null());
    cmd
}

/// Exit code, standard output, standard error.
fn run(mut cmd: Command) -> (i32, String, String) {
    let out = cmd.output().expect("run casebench");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn keymaps_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("keymaps")
}

/// Every `.toml` file in keymaps/, as (name, text).
fn shipped() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(keymaps_dir())
        .expect("keymaps/ exists")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .map(|path| {
            let name = format!(
                "keymaps/{}",
                path.file_name().unwrap_or_default().to_string_lossy()
            );
            let text = std::fs::read_to_string(&path).expect("read keymap");
            (name, text)
        })
        .collect();
    files.sort();
    files
}

fn file(name: &str) -> String {
    std::fs::read_to_string(keymaps_dir().join(name)).expect("read keymap")
}

fn chord(name: &str) -> KeyChord {
    KeyChord::parse(name).unwrap_or_else(|e| panic!("{name}: {e}"))
}

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
    Resolved::Actions(
        names
            .iter()
            .map(|n| Action::from_name(n).unwrap_or_else(|| panic!("no action {n}")))
            .collect(),
    )
}

#[test]
fn every_shipped_keymap_reads_without_problems() {
    let files = shipped();
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    for shipped in [
        "keymaps/default.toml",
        "keymaps/emacs.toml",
        "keymaps/numpad.toml",
    ] {
        assert!(names.contains(&shipped), "{shipped} is missing: {names:?}");
    }
    for (name, text) in &files {
        let problems = Keymap::check(text, name);
        assert!(problems.is_empty(), "{name}: {problems:#?}");
        let (keymap, problems) = Keymap::with_overrides(text, name);
        assert!(problems.is_empty(), "{name}: {problems:#?}");
        // Every mode keeps keys.
        for mode in Mode::ALL {
            assert!(
                !keymap.bindings(mode).is_empty(),
                "{name}: [{mode}] is empty"
            );
        }
        // Typing in pickers and prompts keeps working.
        for mode in [Mode::Picker, Mode::Prompt] {
            for (key, _) in keymap.bindings(mode) {
                assert_eq!(
                    chord(&key).typed_char(),
                    None,
                    "{name}: [{mode}] binds {key:?}, which could no longer be typed"
                );
            }
        }
    }
}

#[test]
fn the_compiled_in_default_is_the_file() {
    let (from_file, problems) = Keymap::with_overrides(&file("default.toml"), "default.toml");
    assert!(problems.is_empty());
    assert_eq!(from_file, Keymap::builtin());
    assert_eq!(
        casebench::tui::keymap::DEFAULT_TOML,
        file("default.toml"),
        "default.toml is compiled in"
    );
}

#[test]
fn numpad_keys() {
    let (map, problems) = Keymap::with_overrides(&file("numpad.toml"), "numpad.toml");
    assert!(problems.is_empty(), "{problems:#?}");
    let n = Mode::Normal;
    assert_eq!(press(&map, n, "+"), does(&["move-down"]));
    assert_eq!(press(&map, n, "-"), does(&["move-up"]));
    assert_eq!(press(&map, n, "*"), does(&["toggle-scope"]));
    assert_eq!(press(&map, n, "/"), does(&["undo"]));
    assert_eq!(press(&map, n, "."), does(&["next-unreviewed"]));
    assert_eq!(press(&map, n, "enter"), does(&["confirm"]));
    assert_eq!(press(&map, n, "0"), does(&["escalate"]));
    assert_eq!(press(&map, n, "1"), does(&["set-kind-paid"]));
    assert_eq!(press(&map, n, "6"), does(&["set-kind-encouragement"]));
    assert_eq!(press(&map, n, "7"), does(&["set-reporter-individual"]));
    assert_eq!(press(&map, n, "8"), does(&["set-reporter-small-business"]));
    assert_eq!(press(&map, n, "9"), does(&["set-reporter-enterprise"]));
    // The main keyboard still works.
    assert_eq!(press(&map, n, "j"), does(&["move-down"]));
    assert_eq!(press(&map, n, "i"), does(&["set-reporter-individual"]));
    // Amounts can still be typed.
    assert_eq!(press(&map, Mode::Prompt, "+"), Resolved::Unbound);
    assert_eq!(press(&map, Mode::Prompt, "7"), Resolved::Unbound);
    assert_eq!(press(&map, Mode::Help, "+"), does(&["move-down"]));
}

#[test]
fn emacs_keys() {
    let (map, problems) = Keymap::with_overrides(&file("emacs.toml"), "emacs.toml");
    assert!(problems.is_empty(), "{problems:#?}");
    let n = Mode::Normal;
    assert_eq!(press(&map, n, "ctrl-n"), does(&["move-down"]));
    assert_eq!(press(&map, n, "ctrl-p"), does(&["move-up"]));
    assert_eq!(press(&map, n, "alt-<"), does(&["first"]));
    assert_eq!(press(&map, n, "alt->"), does(&["last"]));
    assert_eq!(press(&map, n, "ctrl-v"), does(&["page-down"]));
    assert_eq!(press(&map, n, "alt-v"), does(&["page-up"]));
    assert_eq!(press(&map, n, "ctrl-alt-v"), does(&["detail-page-down"]));
    assert_eq!(press(&map, n, "alt-pagedown"), does(&["detail-page-down"]));
    assert_eq!(press(&map, n, "alt-pageup"), does(&["detail-page-up"]));
    assert_eq!(
        press(&map, n, "ctrl-f"),
        does(&["detail-page-down"]),
        "the default's"
    );
    assert_eq!(press(&map, n, "ctrl-x"), Resolved::Pending);
    assert_eq!(press(&map, n, "ctrl-x ctrl-c"), does(&["quit"]));
    assert_eq!(press(&map, n, "ctrl-x u"), does(&["undo"]));
    assert_eq!(press(&map, n, "ctrl-/"), does(&["undo"]));
    assert_eq!(press(&map, n, "ctrl-_"), does(&["undo"]));
    assert_eq!(press(&map, n, "ctrl-7"), does(&["undo"]));
    assert_eq!(press(&map, n, "ctrl-g"), does(&["dismiss-message"]));
    for mode in [Mode::Picker, Mode::Prompt, Mode::Help] {
        assert_eq!(press(&map, mode, "ctrl-g"), does(&["cancel"]), "{mode}");
    }
    assert_eq!(press(&map, Mode::Picker, "ctrl-s"), does(&["select-next"]));
    // Label keys stay as in the default.
    assert_eq!(press(&map, n, "1"), does(&["set-kind-paid"]));
    assert_eq!(press(&map, n, "q"), does(&["quit"]));
}

#[test]
fn the_readme_names_every_action_and_key() {
    let readme = std::fs::read_to_string(keymaps_dir().join("README.md")).expect("README");
    for action in Action::all() {
        let name = format!("`{}`", action.name());
        assert!(
            readme.contains(&name),
            "keymaps/README.md does not mention {name}"
        );
    }
    for key in key_names() {
        assert!(
            readme.contains(&format!("`{key}`")),
            "keymaps/README.md: key {key}"
        );
    }
    for mode in Mode::ALL {
        assert!(
            readme.contains(&format!("`[{mode}]`")),
            "keymaps/README.md: [{mode}]"
        );
    }
}

#[test]
fn keys_check_accepts_a_shipped_file() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut cmd = casebench(home.path());
    cmd.args(["keys", "--check", "keymaps/emacs.toml"]);
    let (code, stdout, stderr) = run(cmd);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "keymaps/emacs.toml: ok (52 bindings)\n");
    assert_eq!(stderr, "");
}

#[test]
fn keys_check_reports_problems_with_exit_code_2() {
    let home = tempfile::tempdir().expect("temp dir");
    let bad = home.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[nromal]\n\"j\" = \"move-down\"\n\n[normal]\n\"j\" = \"move-dwon\"\n\"ctlr-d\" = \
         \"page-down\"\n\"G\" = \"last\"\n\"shift-g\" = \"first\"\n",
    )
    .expect("write");
    let mut cmd = casebench(home.path());
    cmd.arg("keys").arg("--check").arg(&bad);
    let (code, stdout, stderr) = run(cmd);
    let name = bad.display();
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        format!(
            "{name}:1: unknown mode \"nromal\" (did you mean \"normal\"?)\n\
             {name}:5: key \"j\": unknown action \"move-dwon\" (did you mean \"move-down\"?)\n\
             {name}:6: key \"ctlr-d\": cannot read key \"ctlr-d\" (did you mean \"ctrl-d\"?)\n\
             {name}:8: key \"shift-g\": bound twice (also on line 7)\n\
             casebench: {name}: 4 problems\n"
        )
    );
}

#[test]
fn keys_prints_the_keymap_in_effect() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut cmd = casebench(home.path());
    cmd.args(["--keymap", "keymaps/numpad.toml", "keys"]);
    let (code, stdout, stderr) = run(cmd);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with(
            "# casebench keys: the built-in keymap with keymaps/numpad.toml over it.\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("\n\"+\"        = \"move-down\""),
        "{stdout}"
    );
    assert_eq!(Keymap::check(&stdout, "stdout"), vec![]);
    let (printed, _) = Keymap::with_overrides(&stdout, "stdout");
    let (numpad, _) = Keymap::with_overrides(&file("numpad.toml"), "numpad.toml");
    assert_eq!(printed, numpad);
}
