//! What the headless commands print: aligned tables for people, JSON for scripts.

pub mod agreement;
pub mod audit;
pub mod bulk;
pub mod history;
pub mod revert;
pub mod reviewers;
pub mod rules;
pub mod spot_check;
pub mod stats;
pub mod suggest;
pub mod table;
