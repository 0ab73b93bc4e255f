//! Keymaps: which keys run which actions, in each mode. Keys become actions here and nowhere
//! else; the help overlay and the on-screen key hints are generated from the same keymap.
//!
//! The built-in keymap is `keymaps/default.toml`, compiled in. A user file (`--keymap FILE`,
//! else `keymap.toml` in the config directory's `casebench/`) is read over it and changes
//! only the keys it names. The format is described in `keymaps/README.md`.
//!
//! Conflicts between a sequence and a single key (`g g` and `g`) are refused within one file
//! (the single key wins, the sequence is reported). Between the user file and the built-in
//! keymap the user file wins: a built-in binding that would shadow, or be shadowed by, a user
//! binding is dropped (binding `"g g"` in your file disables the built-in `g`).

mod errors;
mod file;
mod help;
pub mod key;
mod mode;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::tui::action::Action;

pub use errors::KeymapError;
pub use file::UNBOUND;
pub use help::{binding_description, help_lines};
pub use key::{key_names, parse_sequence, sequence_name, Key, KeyChord, KeyParseError};
pub use mode::{Mode, UnknownMode};

/// The built-in keymap's text (`keymaps/default.toml`).
pub const DEFAULT_TOML: &str = include_str!("../../../keymaps/default.toml");

/// How errors name the built-in keymap.
pub const DEFAULT_FILE: &str = "keymaps/default.toml";

/// What a key does, given the keys pressed before it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolved {
    /// Run these actions in order; the sequence is complete.
    Actions(Vec<Action>),
    /// The keys so far start a sequence: keep them and wait for the next key.
    Pending,
    /// Nothing is bound to these keys: drop the pending keys. (In a picker or prompt the event
    /// loop types a lone unbound character, see [`KeyChord::typed_char`].)
    Unbound,
}

/// One key (or sequence) and what it does.
#[derive(Clone, Debug)]
struct Binding {
    keys: Vec<KeyChord>,
    actions: Vec<Action>,
    /// From the user's file rather than the built-in keymap (not part of equality: two
    /// keymaps are equal when their keys do the same).
    user: bool,
}

impl PartialEq for Binding {
    fn eq(&self, other: &Binding) -> bool {
        self.keys == other.keys && self.actions == other.actions
    }
}

impl Eq for Binding {}

/// The effective bindings of every mode, in file order (the built-in file's order, with the
/// user's new keys after them).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Keymap {
    modes: [Vec<Binding>; Mode::ALL.len()],
}

impl Keymap {
    /// The built-in keymap (`keymaps/default.toml`, compiled in; a test keeps it error-free).
    pub fn builtin() -> Keymap {
        static BUILTIN: OnceLock<Keymap> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                let mut keymap = Keymap::default();
                keymap.apply(file::parse(DEFAULT_TOML, DEFAULT_FILE).entries, false);
                keymap
            })
            .clone()
    }

    /// The built-in keymap with a user file over it: the file's keys replace (or unbind) the
    /// built-in bindings of the same keys, everything else stays. Entries with problems are
    /// skipped (the built-in binding of their key stays) and reported; `file` names the file
    /// in the reports.
    pub fn with_overrides(text: &str, file: &str) -> (Keymap, Vec<KeymapError>) {
        let parsed = file::parse(text, file);
        let mut keymap = Keymap::builtin();
        keymap.apply(parsed.entries, true);
        (keymap, parsed.errors)
    }

    /// The keymap to use: the built-in one with the user file over it. The user file is `path`
    /// when given (`--keymap FILE`; an unreadable file is reported and the built-in keymap
    /// used), else [`default_user_path`] if that file exists, else none.
    pub fn load_user(path: Option<&Path>) -> (Keymap, Vec<KeymapError>) {
        let Some(path) = user_path(path) else {
            return (Keymap::builtin(), Vec::new());
        };
        let name = path.display().to_string();
        match std::fs::read_to_string(&path) {
            Ok(text) => Keymap::with_overrides(&text, &name),
            Err(err) => (Keymap::builtin(), vec![unreadable(&name, &err)]),
        }
    }

    /// Checks a keymap file on its own merits (as if it were the user file): every problem,
    /// in line order. No problems means every entry applies.
    pub fn check(text: &str, file: &str) -> Vec<KeymapError> {
        file::parse(text, file).errors
    }

    /// Like [`Keymap::check`], with the number of valid entries (bindings and unbindings).
    pub fn check_counted(text: &str, file: &str) -> (usize, Vec<KeymapError>) {
        let parsed = file::parse(text, file);
        (parsed.entries.len(), parsed.errors)
    }

    /// What `key` does in `mode`, after the `pending` keys of an unfinished sequence (empty
    /// when none). `g` then `g` with `"g g"` bound: `Pending`, then `Actions`. A key that
    /// continues no sequence gives `Unbound`; the caller then drops the pending keys.
    pub fn resolve(&self, mode: Mode, pending: &[KeyChord], key: KeyChord) -> Resolved {
        let bindings = &self.modes[mode.index()];
        let mut keys = Vec::with_capacity(pending.len() + 1);
        keys.extend_from_slice(pending);
        keys.push(key);
        if let Some(binding) = bindings.iter().find(|b| b.keys == keys) {
            return Resolved::Actions(binding.actions.clone());
        }
        if bindings
            .iter()
            .any(|b| b.keys.len() > keys.len() && b.keys.starts_with(&keys))
        {
            return Resolved::Pending;
        }
        Resolved::Unbound
    }

    /// The names of the keys bound to exactly `action` alone in `mode`, in file order: `["1"]`
    /// for `set-kind-paid` in the default keymap, `["j", "down"]` for `move-down`.
    pub fn keys_for(&self, mode: Mode, action: Action) -> Vec<String> {
        self.modes[mode.index()]
            .iter()
            .filter(|b| b.actions == [action])
            .map(|b| sequence_name(&b.keys))
            .collect()
    }

    /// The effective bindings of `mode`: canonical key name and actions, in file order.
    pub fn bindings(&self, mode: Mode) -> Vec<(String, Vec<Action>)> {
        self.modes[mode.index()]
            .iter()
            .map(|b| (sequence_name(&b.keys), b.actions.clone()))
            .collect()
    }

    /// Applies a file's entries over this keymap: the file's keys win.
    fn apply(&mut self, entries: Vec<file::Entry>, user: bool) {
        for entry in entries {
            let bindings = &mut self.modes[entry.mode.index()];
            match entry.value {
                file::Value::Unbind => bindings.retain(|b| b.keys != entry.keys),
                file::Value::Bind(actions) => {
                    match bindings.iter_mut().find(|b| b.keys == entry.keys) {
                        Some(binding) => {
                            binding.actions = actions;
                            binding.user = user;
                        }
                        None => bindings.push(Binding {
                            keys: entry.keys,
                            actions,
                            user,
                        }),
                    }
                }
            }
        }
        if !user {
            return;
        }
        // A built-in binding that is a prefix of a user one, or has one as its prefix, would
        // make one of the two unreachable: the user's wins.
        for bindings in &mut self.modes {
            let theirs: Vec<Vec<KeyChord>> = bindings
                .iter()
                .filter(|b| b.user)
                .map(|b| b.keys.clone())
                .collect();
            bindings.retain(|b| {
                b.user
                    || !theirs.iter().any(|keys| {
                        let n = keys.len().min(b.keys.len());
                        keys[..n] == b.keys[..n]
                    })
            });
        }
    }
}

/// Where the user's keymap lives when `--keymap` is not given: `keymap.toml` in the
/// platform's config directory's `casebench/` (`~/.config/casebench/keymap.toml` on Linux).
pub fn default_user_path() -> Option<PathBuf> {
    dirs::config_dir().map(|dir| dir.join("casebench").join("keymap.toml"))
}

/// The user keymap file [`Keymap::load_user`] reads: `explicit` when given, else
/// [`default_user_path`] when that file exists.
pub fn user_path(explicit: Option<&Path>) -> Option<PathBuf> {
    match explicit {
        Some(path) => Some(path.to_path_buf()),
        None => default_user_path().filter(|p| p.exists()),
    }
}

fn unreadable(name: &str, err: &std::io::Error) -> KeymapError {
    KeymapError::new(name, 0, None, format!("cannot read the file: {err}"))
}

#[cfg(test)]
mod tests;
