//! The `casebench` binary: parse the command line, run it, map errors to exit codes.

use std::process::ExitCode;

use casebench::cli::Cli;
use casebench::commands;

fn main() -> ExitCode {
    let cli = Cli::parse_checked();
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if commands::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("casebench: {err:#}");
            ExitCode::from(commands::exit_code(&err))
        }
    }
}
