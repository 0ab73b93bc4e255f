//! `casebench keys`: print the effective keymap, or check a keymap file (`--check FILE`).

use std::io::Write;
use std::path::Path;

use super::BadInput;
use crate::text::{pad_right, width};
use crate::tui::action::Action;
use crate::tui::keymap::{binding_description, user_path, Keymap, KeymapError, Mode};

/// Without `check`: prints the keymap in effect (the built-in one with the user's file over
/// it) as a keymap file, one section per mode, key, action(s) and description aligned;
/// problems in the user's file go to standard error as warnings. With `check`: validates that
/// file alone, prints each problem to standard error as `FILE:LINE: key "x": ...` and fails
/// with exit code 2 (`FILE: N problems`), or prints `FILE: ok (N bindings)`.
pub fn run(out: &mut dyn Write, keymap: Option<&Path>, check: Option<&Path>) -> anyhow::Result<()> {
    run_to(out, &mut std::io::stderr(), keymap, check)
}

fn run_to(
    out: &mut dyn Write,
    err: &mut dyn Write,
    keymap: Option<&Path>,
    check: Option<&Path>,
) -> anyhow::Result<()> {
    if let Some(path) = check {
        return check_file(out, err, path);
    }
    let source = user_path(keymap);
    let (map, problems) = Keymap::load_user(keymap);
    for problem in &problems {
        writeln!(err, "warning: {problem}")?;
    }
    let origin = match &source {
        Some(path) => format!("the built-in keymap with {} over it", path.display()),
        None => "the built-in keymap".to_string(),
    };
    let origin = crate::text::sanitize(&origin).into_owned();
    writeln!(out, "# casebench keys: {origin}.")?;
    writeln!(
        out,
        "# This is itself a keymap file; see keymaps/README.md for the format."
    )?;
    out.write_all(render(&map).as_bytes())?;
    Ok(())
}

fn check_file(out: &mut dyn Write, err: &mut dyn Write, path: &Path) -> anyhow::Result<()> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        let problem = KeymapError {
            file: name.clone(),
            line: 0,
            key: None,
            message: format!("cannot read the file: {e}"),
        };
        BadInput(problem.to_string())
    })?;
    let (count, problems) = Keymap::check_counted(&text, &name);
    let shown = crate::text::sanitize(&name);
    if problems.is_empty() {
        writeln!(out, "{shown}: ok ({})", plural(count, "binding"))?;
        return Ok(());
    }
    for problem in &problems {
        writeln!(err, "{problem}")?;
    }
    Err(BadInput(format!("{shown}: {}", plural(problems.len(), "problem"))).into())
}

/// The keymap as a keymap file: per mode, `"key" = action(s)  # description`, aligned.
pub fn render(map: &Keymap) -> String {
    let builtin = Keymap::builtin();
    let mut text = String::new();
    for mode in Mode::ALL {
        let bindings = map.bindings(mode);
        let mut rows: Vec<(String, String, String)> = bindings
            .iter()
            .map(|(key, actions)| {
                (
                    quote(key),
                    value(actions),
                    binding_description(mode, actions),
                )
            })
            .collect();
        // Built-in keys the user's file unbound (or shadowed with a sequence), so that this
        // output, read as a user file, gives this very keymap.
        for (key, actions) in builtin.bindings(mode) {
            if !bindings.iter().any(|(k, _)| *k == key) {
                let was = actions.iter().map(|a| a.name()).collect::<Vec<_>>();
                let note = format!("unbound (built in: {})", was.join(", "));
                rows.push((quote(&key), "[]".to_string(), note));
            }
        }
        let key_width = rows.iter().map(|r| width(&r.0)).max().unwrap_or(0);
        let value_width = rows.iter().map(|r| width(&r.1)).max().unwrap_or(0);
        text.push_str(&format!("\n[{}]\n", mode.name()));
        for (key, value, description) in rows {
            let line = format!(
                "{} = {}  # {description}",
                pad_right(&key, key_width),
                pad_right(&value, value_width)
            );
            text.push_str(line.trim_end());
            text.push('\n');
        }
    }
    text
}

fn value(actions: &[Action]) -> String {
    match actions {
        [one] => quote(&one.name()),
        many => {
            let names: Vec<String> = many.iter().map(|a| quote(&a.name())).collect();
            format!("[{}]", names.join(", "))
        }
    }
}

/// A TOML basic string. Key names hold no control characters, so `\` and `"` are all there
/// is to escape.
fn quote(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        if matches!(c, '"' | '\\') {
            quoted.push('\\');
        }
        quoted.push(c);
    }
    quoted.push('"');
    quoted
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_capture(keymap: Option<&Path>, check: Option<&Path>) -> (String, String, String) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let result = run_to(&mut out, &mut err, keymap, check);
        let failure = result.err().map(|e| {
            assert_eq!(crate::commands::exit_code(&e), 2);
            e.to_string()
        });
        (
            String::from_utf8_lossy(&out).into_owned(),
            String::from_utf8_lossy(&err).into_owned(),
            failure.unwrap_or_default(),
        )
    }

    #[test]
    fn prints_the_keymap_as_a_valid_keymap_file() {
        let dir = tempfile::tempdir().unwrap();
        let mine = dir.path().join("mine.toml");
        std::fs::write(
            &mine,
            "[normal]\n\"q\" = \"unbound\"\n\"\\\\\" = [\"set-kind-paid\", \"confirm\"]\n\
             \"Q\" = \"quit\"\n\"x\" = \"nope\"\n",
        )
        .unwrap();
        let (out, err, failure) = run_capture(Some(&mine), None);
        assert_eq!(failure, "");
        assert_eq!(
            err,
            format!(
                "warning: {}:5: key \"x\": unknown action \"nope\" (see keymaps/README.md for \
                 the list)\n",
                mine.display()
            )
        );
        assert!(out.starts_with(&format!(
            "# casebench keys: the built-in keymap with {} over it.\n",
            mine.display()
        )));
        assert!(
            out.contains("\n[normal]\n\"j\"           = \"move-down\"  "),
            "{out}"
        );
        assert!(out.contains("\n\"G\"           = \"last\"                         # last case\n"));
        assert!(out.contains(
            "\n\"\\\\\"          = [\"set-kind-paid\", \"confirm\"]   # kind = paid (유료서비스 \
             피해), then mark reviewed, go to the next unreviewed\n"
        ));
        assert!(out.contains(
            "\n\"Q\"           = \"quit\"                         # quit\n\
             \"q\"           = []                             # unbound (built in: quit)\n"
        ));
        assert!(out.contains(
            "\n[help]\n\"esc\"      = \"cancel\"     # close\n\"q\"        = \"cancel\"     # close\n"
        ));
        assert!(out.contains("\n\"pagedown\" = \"page-down\"  # a page down\n"));
        assert!(out
            .contains("\n[differences]\n\"j\"        = \"select-next\"       # next difference\n"));
        // The output, read back as a user file, is the same keymap.
        assert_eq!(Keymap::check(&out, "out"), vec![]);
        let (again, _) = Keymap::load_user(Some(&mine));
        assert_eq!(Keymap::with_overrides(&out, "out").0, again);
    }

    #[test]
    fn check_reports_problems_with_exit_code_2() {
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("bad.toml");
        std::fs::write(
            &bad,
            "[normal]\n\"j\" = \"move-dwon\"\n\"ctlr-d\" = \"quit\"\n",
        )
        .unwrap();
        let (out, err, failure) = run_capture(None, Some(&bad));
        let name = bad.display();
        assert_eq!(out, "");
        assert_eq!(
            err,
            format!(
                "{name}:2: key \"j\": unknown action \"move-dwon\" (did you mean \"move-down\"?)\n\
                 {name}:3: key \"ctlr-d\": cannot read key \"ctlr-d\" (did you mean \"ctrl-d\"?)\n"
            )
        );
        assert_eq!(failure, format!("{name}: 2 problems"));

        let good = dir.path().join("good.toml");
        std::fs::write(&good, "[normal]\n\"Q\" = \"quit\"\n").unwrap();
        let (out, err, failure) = run_capture(None, Some(&good));
        assert_eq!(
            (out, err, failure),
            (
                format!("{}: ok (1 binding)\n", good.display()),
                String::new(),
                String::new()
            )
        );

        let gone = dir.path().join("gone.toml");
        let (_, _, failure) = run_capture(None, Some(&gone));
        assert!(
            failure.starts_with(&format!("{}: cannot read the file: ", gone.display())),
            "{failure}"
        );
    }

    #[test]
    fn an_unreadable_keymap_is_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("gone.toml");
        let (out, err, failure) = run_capture(Some(&gone), None);
        assert_eq!(failure, "");
        assert!(err.starts_with(&format!(
            "warning: {}: cannot read the file",
            gone.display()
        )));
        assert!(out.contains("\"q\""));
    }
}
