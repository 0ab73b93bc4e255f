//! Progress bars for long work, on standard error, shown only to a person watching.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A bar of `len` steps, or a hidden one with `--quiet`, when standard error is not a
/// terminal, or when the command's output is piped.
pub fn bar(len: usize, message: &'static str, visible: bool) -> ProgressBar {
    if !visible || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    let style =
        ProgressStyle::with_template("{msg:>10} [{bar:30}] {human_pos}/{human_len} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
    bar.set_style(style);
    bar.set_message(message);
    bar
}
