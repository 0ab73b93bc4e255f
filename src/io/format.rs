//! The file formats of import and export.

use std::path::Path;

/// A case file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Comma-separated values with a header row (for spreadsheets).
    Csv,
    /// JSON Lines: one JSON object per line (lossless).
    Jsonl,
}

impl Format {
    /// The format a file name implies: `.csv`, or `.jsonl` / `.ndjson`.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(Format::Csv),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            _ => None,
        }
    }
}
