//! The reviewer's workbench: a keyboard-driven TUI over the same store as the commands.

pub mod action;
pub mod app;
pub mod driver;
pub mod keymap;
pub mod replay;
pub mod rule_files;
pub mod run;
pub mod runner;
pub mod suggest_worker;
pub mod terminal;
pub mod ui;
