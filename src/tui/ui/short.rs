//! Two-letter forms of the codes, for the list's label columns.

use crate::domain::{Case, Dimension, Status};

/// The two-letter form of every code, in taxonomy order per dimension.
fn table(dim: Dimension) -> &'static [&'static str] {
    match dim {
        Dimension::Scope => &["KK", "AF"],
        Dimension::Reporter => &["IN", "SB", "EN"],
        Dimension::Kind => &["PD", "FM", "IQ", "OP", "PR", "EC"],
        Dimension::Service => &[
            "TK", "LG", "CH", "MP", "GF", "EM", "DR", "DM", "KT", "PY", "ML", "PG", "OT",
        ],
        Dimension::Substitute => &["AV", "UN", "UK"],
    }
}

/// `FM` for free_monetary; `··` when not labelled.
pub fn short_code(dim: Dimension, code: Option<u8>) -> &'static str {
    code.and_then(|c| table(dim).get(usize::from(c)).copied())
        .unwrap_or("··")
}

/// The five label columns of a case: `KK SB FM CH UN`.
pub fn label_columns(case: &Case) -> String {
    Dimension::ALL
        .iter()
        .map(|d| short_code(*d, case.label(*d)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// One cell for the status: `·` new, `✓` reviewed, `!` escalated.
pub fn status_mark(status: Status) -> &'static str {
    match status {
        Status::New => "·",
        Status::Reviewed => "✓",
        Status::Escalated => "!",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_distinct_short_form() {
        for dim in Dimension::ALL {
            let forms = table(dim);
            assert_eq!(forms.len(), dim.codes().len(), "{dim}");
            let mut sorted = forms.to_vec();
            sorted.sort();
            sorted.dedup();
            assert_eq!(sorted.len(), forms.len(), "{dim}");
        }
        assert_eq!(short_code(Dimension::Kind, None), "··");
    }
}
