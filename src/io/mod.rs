//! Files in and out: import, export, and the synthetic sample data set.

pub mod csv_strict;
pub mod export;
pub mod format;
pub mod import;
pub mod sample;

pub use format::Format;
