//! Errors of the commands and their exit codes: 0 success, 1 runtime failure, 2 bad usage or
//! invalid input.

use crate::store::StoreError;

/// Invalid input: the message says what is wrong and where; exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct BadInput(pub String);

/// Problems were already printed one per line; this closes the report. Exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Reported(pub String);

/// The exit code for an error that ended a command.
pub fn exit_code(err: &anyhow::Error) -> u8 {
    if err.downcast_ref::<BadInput>().is_some() || err.downcast_ref::<Reported>().is_some() {
        return 2;
    }
    if let Some(store) = err.downcast_ref::<StoreError>() {
        if store.is_bad_input() {
            return 2;
        }
    }
    1
}

/// Whether the error is standard output closing early (`casebench export | head`), which is
/// not a failure worth a message. The writers wrap the io error their own way, and neither
/// `csv::Error` nor `serde_json::Error` names it as its source, so each is looked into.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(is_broken_pipe_cause)
}

fn is_broken_pipe_cause(cause: &(dyn std::error::Error + 'static)) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    if let Some(io) = cause.downcast_ref::<std::io::Error>() {
        // `csv::Error` converts into an io error of kind Other that holds it.
        return io.kind() == BrokenPipe
            || io
                .get_ref()
                .is_some_and(|inner| is_broken_pipe_cause(inner));
    }
    if let Some(json) = cause.downcast_ref::<serde_json::Error>() {
        return json.io_error_kind() == Some(BrokenPipe);
    }
    if let Some(csv) = cause.downcast_ref::<csv::Error>() {
        return matches!(csv.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{self, Write};

    /// A standard output whose reader has gone.
    struct ClosedPipe;

    impl Write for ClosedPipe {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::from(io::ErrorKind::BrokenPipe))
        }
        fn flush(&mut self) -> io::Result<()> {
            Err(io::Error::from(io::ErrorKind::BrokenPipe))
        }
    }

    /// What `csv::Writer` returns when the pipe closes under it.
    fn csv_error() -> csv::Error {
        let mut writer = csv::WriterBuilder::new()
            .buffer_capacity(4)
            .from_writer(ClosedPipe);
        writer
            .write_record(["longer than the buffer"])
            .expect_err("the pipe is closed")
    }

    #[test]
    fn a_closed_pipe_is_recognised_however_the_writer_wrapped_it() {
        let errors = [
            anyhow::Error::new(ClosedPipe.write_all(b"x").unwrap_err()),
            // `serde_json::to_writer(&mut output, ...)?` in a command.
            anyhow::Error::new(serde_json::to_writer(ClosedPipe, &[1, 2]).unwrap_err())
                .context("writing the report"),
            // `spot-check export --format csv`.
            anyhow::Error::new(csv_error()),
            // `export --format csv`: the csv error turned into an io error by `?`.
            anyhow::Error::new(io::Error::from(csv_error())),
        ];
        for err in &errors {
            assert!(is_broken_pipe(err), "{err:#}");
        }
        let denied = io::Error::from(io::ErrorKind::PermissionDenied);
        assert!(!is_broken_pipe(&anyhow::Error::new(denied)));
        assert!(!is_broken_pipe(&anyhow::Error::new(BadInput("x".into()))));
    }
}
