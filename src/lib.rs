//! casebench: a keyboard-driven workbench for reviewing damage claims.
//!
//! The TUI and the headless commands are two front ends over the same modules: `domain`
//! (taxonomy, cases, filters), `store` (the only place that speaks SQL) and `io` (import,
//! export, the sample generator).

pub mod cli;
pub mod commands;
pub mod domain;
pub mod io;
pub mod leads;
pub mod report;
pub mod rng;
pub mod rules;
pub mod search;
pub mod store;
pub mod suggest;
pub mod text;
pub(crate) mod toml_value;
pub mod tui;
