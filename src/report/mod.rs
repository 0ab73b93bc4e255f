//! What the headless commands print: aligned tables for people, JSON for scripts.

pub mod bulk;
pub mod history;
pub mod stats;
