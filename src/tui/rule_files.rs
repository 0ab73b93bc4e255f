//! Where the workbench's rule sets come from, and noticing when they change on disk: a lead
//! edits a rule in another pane and every outcome moves within a second.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use crate::rules::{load_dir, Loaded, RuleSet, BUILTIN};

/// How often the rule files are looked at for changes.
pub const WATCH_EVERY: Duration = Duration::from_secs(1);

/// The rule sets the workbench judges cases with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleSource {
    /// Every `*.toml` of a folder (`--rules DIR`, or `sample-data/rules` when it exists).
    Dir(PathBuf),
    /// One file (`--rules FILE`).
    File(PathBuf),
    /// The two shipped files, compiled in (when no folder is at hand).
    Builtin,
}

impl RuleSource {
    /// `--rules DIR|FILE`, else `sample-data/rules` under the current directory if it
    /// exists, else the built-in copies of the shipped files.
    pub fn resolve(given: Option<&Path>) -> RuleSource {
        match given {
            Some(path) if path.is_dir() => RuleSource::Dir(path.to_path_buf()),
            Some(path) => RuleSource::File(path.to_path_buf()),
            None => {
                let default = Path::new("sample-data").join("rules");
                if default.is_dir() {
                    RuleSource::Dir(default)
                } else {
                    RuleSource::Builtin
                }
            }
        }
    }
}

/// Every rule file as read again, and which of them changed or appeared since the last read.
#[derive(Debug)]
pub struct RulesReload {
    pub sets: Vec<(String, Loaded)>,
    pub changed: Vec<String>,
}

/// Reads the rule files and tells when they change.
#[derive(Debug)]
pub struct RuleWatch {
    source: RuleSource,
    /// What was read last: file → modification time.
    seen: BTreeMap<PathBuf, Option<SystemTime>>,
    last_look: Instant,
}

impl RuleWatch {
    pub fn new(source: RuleSource) -> RuleWatch {
        RuleWatch {
            source,
            seen: BTreeMap::new(),
            last_look: Instant::now(),
        }
    }

    /// Reads every rule file now.
    pub fn load(&mut self) -> Vec<(String, Loaded)> {
        self.seen = self.stamps();
        match &self.source {
            RuleSource::Builtin => BUILTIN
                .iter()
                .map(|(name, text)| (name.to_string(), RuleSet::parse(text, name)))
                .collect(),
            RuleSource::File(path) => vec![(path.display().to_string(), RuleSet::load(path))],
            RuleSource::Dir(dir) => load_dir(dir)
                .into_iter()
                .map(|(path, loaded)| (path.display().to_string(), loaded))
                .collect(),
        }
    }

    /// At most every [`WATCH_EVERY`]: every rule file again if any changed, appeared or
    /// disappeared, with the files that changed or appeared (a file that disappeared is
    /// simply not among those read).
    pub fn changed(&mut self) -> Option<RulesReload> {
        if self.source == RuleSource::Builtin || self.last_look.elapsed() < WATCH_EVERY {
            return None;
        }
        self.last_look = Instant::now();
        let stamps = self.stamps();
        if stamps == self.seen {
            return None;
        }
        let changed = stamps
            .iter()
            .filter(|(path, stamp)| self.seen.get(*path) != Some(stamp))
            .map(|(path, _)| path.display().to_string())
            .collect();
        Some(RulesReload {
            sets: self.load(),
            changed,
        })
    }

    fn stamps(&self) -> BTreeMap<PathBuf, Option<SystemTime>> {
        let files: Vec<PathBuf> = match &self.source {
            RuleSource::Builtin => Vec::new(),
            RuleSource::File(path) => vec![path.clone()],
            RuleSource::Dir(dir) => std::fs::read_dir(dir)
                .map(|entries| {
                    entries
                        .filter_map(Result::ok)
                        .map(|e| e.path())
                        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                        .collect()
                })
                .unwrap_or_default(),
        };
        files
            .into_iter()
            .map(|path| {
                let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
                (path, modified)
            })
            .collect()
    }
}
