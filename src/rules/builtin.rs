//! The two rule sets shipped in `sample-data/rules/`, compiled in for when that folder is not
//! on disk.

/// (file name, contents) of each shipped rule file, in file-name order.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "draft-2022-12-01.toml",
        include_str!("../../sample-data/rules/draft-2022-12-01.toml"),
    ),
    (
        "final-2022-12-29.toml",
        include_str!("../../sample-data/rules/final-2022-12-29.toml"),
    ),
];
