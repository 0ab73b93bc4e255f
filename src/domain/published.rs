//! The figures published after the outage (shared/domain.md), which counts are compared with.
//! Shares are of the cases classified as `kakao` scope, in percent.

use super::taxonomy::Dimension;

pub const REPORTS: usize = 105_116;
pub const KAKAO_CASES: usize = 87_198;

/// The published share of a reporter or kind code among kakao-scope cases, where one was
/// published.
pub fn share(dim: Dimension, code: u8) -> Option<f64> {
    match (dim, code) {
        (Dimension::Reporter, 0) => Some(89.6),
        (Dimension::Reporter, 1) => Some(10.2),
        (Dimension::Reporter, 2) => Some(0.2),
        (Dimension::Kind, 0) => Some(17.1),
        (Dimension::Kind, 1) => Some(15.1),
        _ => None,
    }
}

/// The published share of the four non-monetary kinds together.
pub const NON_MONETARY_SHARE: f64 = 67.8;

/// The kind codes of the non-monetary group: inquiry, opinion, protest, encouragement.
pub const NON_MONETARY_KINDS: [u8; 4] = [2, 3, 4, 5];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_codes_are_the_ones_named() {
        assert_eq!(Dimension::Reporter.code(0), "individual");
        assert_eq!(Dimension::Kind.code(1), "free_monetary");
        let group: Vec<&str> = NON_MONETARY_KINDS
            .iter()
            .map(|c| Dimension::Kind.code(*c))
            .collect();
        assert_eq!(group, ["inquiry", "opinion", "protest", "encouragement"]);
    }
}
