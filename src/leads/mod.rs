//! What leads need to trust the classification: spot-checks (sample size, a stratified random
//! sample reproducible with a seed), agreement statistics (percent agreement, Cohen's kappa,
//! overturn rates with Wilson intervals, cases per hour, confusion matrices, outliers).
//!
//! The statistics are pure functions tested against hand-computed values, and so is the
//! reading of a spot-check request (`request`, `form`); `open` and `gather` are the two places
//! that go through the store.

pub mod agreement;
pub mod confusion;
pub mod error;
pub mod form;
pub mod gather;
pub mod kappa;
pub mod normal;
pub mod open;
pub mod outliers;
pub mod pace;
pub mod period;
pub mod request;
pub mod sample_size;
pub mod sampling;
pub mod wilson;

pub use agreement::{compute, Agreement, DimensionStats, ReviewerStats};
pub use error::LeadsError;
pub use form::{form_template, read_form};
pub use gather::agreement_report;
pub use open::{open_spot_check, Opened, SampleSize};
pub use outliers::Outlier;
pub use request::{decide, FrontEnd, OpenSpotCheck, SpotField, SpotFieldError};
pub use sample_size::{sample_size, WORST_CASE_PROPORTION};
pub use wilson::{wilson95, Interval};
