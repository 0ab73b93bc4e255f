//! Listing a file's problems on standard error: the first [`SHOWN_PROBLEMS`], one a line, then
//! how many more there are, so a file wrong throughout does not scroll the terminal away. Shared
//! by import, label --from and the rule files (rules check, rules diff, --rules).

use std::fmt::Display;
use std::io::Write;

/// How many problems are printed before the rest are only counted.
pub const SHOWN_PROBLEMS: usize = 20;

/// Prints the first [`SHOWN_PROBLEMS`] of `problems`, then `FILE: … and N more problems`.
/// Standard error going away is no reason to fail the command, so write errors are ignored.
pub fn print_first<T: Display>(file: &str, problems: impl ExactSizeIterator<Item = T>) {
    let total = problems.len();
    let mut stderr = std::io::stderr().lock();
    for problem in problems.take(SHOWN_PROBLEMS) {
        let _ = writeln!(stderr, "{problem}");
    }
    let more = total.saturating_sub(SHOWN_PROBLEMS);
    if more > 0 {
        let _ = writeln!(
            stderr,
            "{file}: … and {}",
            crate::text::count(more, "more problem", "more problems")
        );
    }
}
