//! Suggestions: the labels of a damage claim proposed from its Korean text, each with a
//! confidence calibrated on labelled cases.

pub mod amount;
