//! The label taxonomy of shared/domain.md: the dimensions, their codes and Korean names.
//!
//! A label is stored in memory as the index of its code within its dimension (`u8`), which keeps
//! 105,116 cases small and makes counting an array increment. Text forms (database, files,
//! keymaps) always use the code strings.

use std::fmt;

/// A code of one dimension, with the Korean name shown beside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeInfo {
    pub code: &'static str,
    pub korean: &'static str,
}

const fn c(code: &'static str, korean: &'static str) -> CodeInfo {
    CodeInfo { code, korean }
}

const SCOPE: &[CodeInfo] = &[c("kakao", "카카오"), c("affiliate", "계열사")];
const REPORTER: &[CodeInfo] = &[
    c("individual", "일반 이용자"),
    c("small_business", "소상공인"),
    c("enterprise", "중대형 기업"),
];
const KIND: &[CodeInfo] = &[
    c("paid", "유료서비스 피해"),
    c("free_monetary", "무료서비스 금전 피해"),
    c("inquiry", "문의"),
    c("opinion", "의견"),
    c("protest", "항의"),
    c("encouragement", "격려"),
];
const SERVICE: &[CodeInfo] = &[
    c("kakaotalk", "카카오톡"),
    c("kakao_login", "카카오 로그인"),
    c("talk_channel", "카카오톡 채널"),
    c("kakaomap", "카카오맵"),
    c("gift", "선물하기"),
    c("emoticon", "이모티콘 플러스"),
    c("talk_drawer", "톡서랍 플러스"),
    c("daum", "다음 메일·카페"),
    c("kakao_t", "카카오 T"),
    c("kakaopay", "카카오페이"),
    c("melon", "멜론"),
    c("kakao_page", "카카오페이지"),
    c("other", "기타"),
];
const SUBSTITUTE: &[CodeInfo] = &[
    c("available", "대체 수단 있음"),
    c("unavailable", "대체 수단 없음"),
    c("unknown", "확인 불가"),
];

/// The largest number of codes in any dimension (service has 13).
pub const MAX_CODES: usize = 13;

/// One labelling dimension.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dimension {
    Scope,
    Reporter,
    Kind,
    Service,
    Substitute,
}

impl Dimension {
    pub const ALL: [Dimension; 5] = [
        Dimension::Scope,
        Dimension::Reporter,
        Dimension::Kind,
        Dimension::Service,
        Dimension::Substitute,
    ];

    /// Position in [`Dimension::ALL`], used to index label arrays.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The field name used in the database, files and the filter language.
    pub fn name(self) -> &'static str {
        match self {
            Dimension::Scope => "scope",
            Dimension::Reporter => "reporter",
            Dimension::Kind => "kind",
            Dimension::Service => "service",
            Dimension::Substitute => "substitute",
        }
    }

    pub fn korean(self) -> &'static str {
        match self {
            Dimension::Scope => "범위",
            Dimension::Reporter => "신고인",
            Dimension::Kind => "피해 유형",
            Dimension::Service => "서비스",
            Dimension::Substitute => "대체 수단",
        }
    }

    pub fn codes(self) -> &'static [CodeInfo] {
        match self {
            Dimension::Scope => SCOPE,
            Dimension::Reporter => REPORTER,
            Dimension::Kind => KIND,
            Dimension::Service => SERVICE,
            Dimension::Substitute => SUBSTITUTE,
        }
    }

    pub fn from_name(name: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.name() == name)
    }

    /// The code string of a code index. Indices come only from [`Dimension::parse_code`], so
    /// they are always in range.
    pub fn code(self, index: u8) -> &'static str {
        self.info(index).code
    }

    pub fn info(self, index: u8) -> &'static CodeInfo {
        let codes = self.codes();
        &codes[usize::from(index).min(codes.len() - 1)]
    }

    /// The index of a code string, or an error that lists every valid code.
    pub fn parse_code(self, text: &str) -> Result<u8, UnknownCode> {
        self.codes()
            .iter()
            .position(|info| info.code == text)
            .map(|i| i as u8)
            .ok_or_else(|| UnknownCode {
                what: self.name(),
                given: text.to_string(),
                valid: self.codes().iter().map(|i| i.code).collect(),
            })
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A code that is not in the taxonomy. Displays as
/// `unknown kind "pai" (valid: paid, free_monetary, ...)`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} \"{given}\" (valid: {})", valid.join(", "))]
pub struct UnknownCode {
    pub what: &'static str,
    pub given: String,
    pub valid: Vec<&'static str>,
}

/// The review status of a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum Status {
    #[default]
    New,
    Reviewed,
    Escalated,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::New, Status::Reviewed, Status::Escalated];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn code(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Reviewed => "reviewed",
            Status::Escalated => "escalated",
        }
    }

    pub fn korean(self) -> &'static str {
        match self {
            Status::New => "신규",
            Status::Reviewed => "검토 완료",
            Status::Escalated => "상향 검토",
        }
    }

    pub fn parse(text: &str) -> Result<Status, UnknownCode> {
        Status::ALL
            .into_iter()
            .find(|s| s.code() == text)
            .ok_or_else(|| UnknownCode {
                what: "status",
                given: text.to_string(),
                valid: Status::ALL.iter().map(|s| s.code()).collect(),
            })
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dimension_has_the_codes_of_the_domain_notes() {
        let names = |d: Dimension| d.codes().iter().map(|c| c.code).collect::<Vec<_>>();
        assert_eq!(names(Dimension::Scope), ["kakao", "affiliate"]);
        assert_eq!(
            names(Dimension::Reporter),
            ["individual", "small_business", "enterprise"]
        );
        assert_eq!(
            names(Dimension::Kind),
            [
                "paid",
                "free_monetary",
                "inquiry",
                "opinion",
                "protest",
                "encouragement"
            ]
        );
        assert_eq!(names(Dimension::Service).len(), 13);
        assert_eq!(names(Dimension::Service)[12], "other");
        assert_eq!(
            names(Dimension::Substitute),
            ["available", "unavailable", "unknown"]
        );
        let widest = Dimension::ALL.iter().map(|d| d.codes().len()).max();
        assert_eq!(widest, Some(MAX_CODES));
    }

    #[test]
    fn codes_round_trip_through_their_index() {
        for dim in Dimension::ALL {
            assert_eq!(Dimension::from_name(dim.name()), Some(dim));
            for info in dim.codes() {
                let index = dim.parse_code(info.code).unwrap();
                assert_eq!(dim.code(index), info.code);
            }
        }
    }

    #[test]
    fn an_unknown_code_lists_the_valid_ones() {
        let err = Dimension::Kind.parse_code("pai").unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown kind \"pai\" (valid: paid, free_monetary, inquiry, opinion, protest, encouragement)"
        );
        let err = Status::parse("done").unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown status \"done\" (valid: new, reviewed, escalated)"
        );
    }

    #[test]
    fn codes_are_case_sensitive() {
        assert!(Dimension::Scope.parse_code("Kakao").is_err());
    }
}
