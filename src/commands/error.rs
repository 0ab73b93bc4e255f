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
/// not a failure worth a message.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
