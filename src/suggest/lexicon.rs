//! What a claimant may call a service, and the cue words of the other dimensions.
//!
//! Each entry maps the ways people write something (brands, nicknames, the apps that sign in
//! through Kakao) to one *group*. Every group found in a text becomes one feature
//! ([`Group::feature`]), so the model learns one weight for "a name of Emoticon Plus" from the
//! texts that write it out in full, and that weight then carries over to a claimant who
//! writes 이모플. The lexicon decides nothing by itself: the weights are learnt.
//!
//! Terms are matched in the text with blanks removed and ASCII letters lowercased
//! ([`compact`]), so `카카오 로그인`, `카카오로그인` and `Kakao Login` are found alike.
//! Service names and cue words are matched separately, each leftmost-longest: a stretch of
//! text is one service name at most, the longest (`톡서랍 플러스` is Talk Drawer, not also
//! the 톡 of KakaoTalk; `카톡 채널` is Channel), and a cue word inside a service name still
//! counts (`결제` in `페이 결제`).
//!
//! Left out on purpose, because the plain word is far more common than the name:
//! 다음 alone (Daum, but also "next": `다음 날`), 대리 alone (Kakao T's driver service, but
//! also "on behalf of": `대리로 신고`), 페이 alone. The longer forms (다음메일, 대리운전,
//! 카카오페이) are in.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// What a matched term stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// A service, by its code in the taxonomy (`Dimension::Service`).
    Service(&'static str),
    /// A cue for another dimension (the reporter, the kind of claim, a substitute).
    Cue(&'static str),
}

impl Group {
    /// The feature string this group adds to a text's features: `svc:emoticon`, `cue:shop`.
    pub fn feature(self) -> String {
        match self {
            Group::Service(code) => format!("svc:{code}"),
            Group::Cue(name) => format!("cue:{name}"),
        }
    }
}

/// One group and the terms that stand for it, written as people write them (blanks and ASCII
/// case do not matter).
pub struct Entry {
    pub group: Group,
    pub terms: &'static [&'static str],
}

const fn svc(code: &'static str, terms: &'static [&'static str]) -> Entry {
    Entry {
        group: Group::Service(code),
        terms,
    }
}

const fn cue(name: &'static str, terms: &'static [&'static str]) -> Entry {
    Entry {
        group: Group::Cue(name),
        terms,
    }
}

/// The lexicon. Service codes are those of the taxonomy (checked by a test).
#[rustfmt::skip]
pub const ENTRIES: &[Entry] = &[
    // Services.
    svc("kakaotalk", &[
        "카카오톡", "카톡", "톡", "kakaotalk", "kakao talk", "pc카톡", "pc 카톡", "단톡", "단톡방",
        "오픈채팅", "갠톡", "톡방", "메신저",
    ]),
    svc("kakao_login", &[
        "카카오 로그인", "카카오로 로그인", "카카오 계정으로 로그인", "카카오 계정", "카카오 인증",
        "간편 로그인", "소셜 로그인", "kakao login", "업비트", "upbit", "빗썸", "bithumb", "두나무",
        "코인", "spotv", "스포티비", "tving", "티빙", "쿠팡이츠", "배민", "배달의민족", "야놀자",
        "여기어때", "당근", "당근마켓", "직방", "왓챠", "웨이브", "로그인",
    ]),
    svc("talk_channel", &[
        "카카오톡 채널", "카톡 채널", "톡채널", "톡 채널", "채널 예약", "채널 메시지", "채널 상담",
        "채널 주문", "카톡 주문", "카톡 예약", "플러스친구", "플친", "알림톡", "비즈니스 채널",
        "채널",
    ]),
    svc("kakaomap", &[
        "카카오맵", "카카오 지도", "카맵", "kakaomap", "kakao map", "길찾기", "지도 앱", "지도앱",
        "지도",
    ]),
    svc("gift", &[
        "선물하기", "카카오 선물", "카톡 선물", "기프티콘", "기프트카드", "쿠폰", "교환권", "선물",
        "생일",
    ]),
    svc("emoticon", &[
        "이모티콘 플러스", "이모티콘플러스", "이모플", "이티플", "이모티콘", "이모지", "emoticon",
    ]),
    svc("talk_drawer", &[
        "톡서랍 플러스", "톡서랍플러스", "톡서랍", "톡 서랍", "서랍", "대화 백업", "백업",
    ]),
    svc("daum", &[
        "다음메일", "다음 메일", "한메일", "hanmail", "daum", "다음카페", "다음 카페", "다음 검색",
        "다음 뉴스", "다음 아이디", "다음 계정", "티스토리", "메일", "카페 글",
    ]),
    svc("kakao_t", &[
        "카카오t", "카카오 t", "카카오티", "카카오택시", "카카오 택시", "택시", "카카오 대리",
        "대리운전", "대리 기사", "대리기사", "대리콜", "카카오내비", "카카오 내비", "내비", "콜",
        "기사 앱", "바이크", "퀵", "주차",
    ]),
    svc("kakaopay", &[
        "카카오페이", "카카오 페이", "카페이", "kakaopay", "kakao pay", "송금", "페이 결제",
        "간편결제", "간편 결제", "페이머니", "더치페이",
    ]),
    svc("melon", &["멜론", "melon", "음원", "스트리밍"]),
    svc("kakao_page", &[
        "카카오페이지", "카카오 페이지", "kakaopage", "카카오웹툰", "카카오 웹툰", "웹툰", "웹소설",
        "대여권", "기다무",
    ]),
    svc("other", &[
        "카카오메이커스", "메이커스", "카카오뱅크", "카뱅", "카카오게임", "카카오 게임",
        "카카오스토리", "카스", "카카오뷰", "브런치", "멜론티켓",
    ]),
    // Reporter: who writes.
    cue("shop", &[
        "가게", "매장", "사장", "운영", "미용실", "헤어샵", "네일", "식당", "음식점", "카페를",
        "학원", "도장", "공방", "꽃집", "병원", "약국", "자영업", "소상공인", "장사", "손님",
        "단골", "쇼핑몰", "스토어", "예약 손님", "업체", "원장",
    ]),
    cue("company", &[
        "법인", "회사", "기업", "임직원", "고객사", "거래처", "본사", "지점", "사업부", "대표이사",
        "주식회사", "(주)",
    ]),
    cue("staff", &["직원", "알바", "아르바이트", "근무자"]),
    // Kind: what the claim is.
    cue("paid", &[
        "결제", "구독", "유료", "환불", "연장", "멤버십", "정기권", "이용권", "요금", "월정액",
        "이용료", "구매",
    ]),
    cue("money", &[
        "매출", "손해", "손실", "피해액", "피해 금액", "금액", "만원", "만 원", "천원", "천 원",
        "보상", "배상", "물어", "날렸", "수입", "영업",
    ]),
    cue("question", &[
        "언제", "어떻게", "어디", "무엇", "나요", "까요", "습니까", "는지", "문의", "궁금",
        "알려 주", "알려주", "안내", "?",
    ]),
    cue("anger", &[
        "화나", "화가", "화납", "어이가", "어이없", "장난", "소송", "공정위", "책임", "분노",
        "항의", "사과", "횡포", "황당", "기가 막", "최악", "ㅡㅡ", "!!",
    ]),
    cue("thanks", &[
        "감사", "고맙", "힘내", "고생", "응원", "화이팅", "파이팅", "수고", "괜찮", "이해합",
    ]),
    cue("view", &[
        "생각", "의견", "제안", "바랍니다", "이중화", "데이터센터", "독점", "개선", "대책", "재발",
    ]),
    // Substitute: whether there was another way.
    cue("other_way", &[
        "네이버", "티맵", "tmap", "구글", "문자", "전화로", "전화", "다른 방법", "다른 앱", "라인",
        "텔레그램", "인스타", "대신", "직접", "따로",
    ]),
    cue("no_way", &[
        "대체", "방법이 없", "수단이 없", "방법도 없", "할 수가 없", "어쩔 수 없", "연락할 방법",
        "다른 데", "다른 곳", "유일한",
    ]),
];

/// The text as the lexicon matches it: blanks removed, ASCII letters lowercased.
pub fn compact(text: &str) -> String {
    let mut out = String::new();
    compact_into(text, &mut out);
    out
}

/// [`compact`] into a buffer (cleared first).
pub fn compact_into(text: &str, out: &mut String) {
    out.clear();
    out.extend(
        text.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_lowercase()),
    );
}

/// An automaton over the terms (compacted) of some entries, and for each of its patterns the
/// entry it belongs to.
struct Matcher {
    automaton: AhoCorasick,
    entry_of: Vec<usize>,
}

/// The matchers of the service names and of the cue words.
fn matchers() -> &'static [Matcher; 2] {
    static MATCHERS: OnceLock<[Matcher; 2]> = OnceLock::new();
    MATCHERS.get_or_init(|| {
        [
            matcher(|g| matches!(g, Group::Service(_))),
            matcher(|g| matches!(g, Group::Cue(_))),
        ]
    })
}

fn matcher(wanted: fn(Group) -> bool) -> Matcher {
    let mut patterns = Vec::new();
    let mut entry_of = Vec::new();
    for (i, entry) in ENTRIES.iter().enumerate() {
        if !wanted(entry.group) {
            continue;
        }
        for term in entry.terms {
            // `톡채널` and `톡 채널` are one pattern: a text that writes it counts once.
            let pattern = compact(term);
            if !patterns.contains(&pattern) {
                patterns.push(pattern);
                entry_of.push(i);
            }
        }
    }
    let automaton = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        // A few hundred short patterns: a full DFA is small and the fastest to run.
        .kind(Some(AhoCorasickKind::DFA))
        .build(&patterns)
        // The patterns are the constants above: a failure here is a bug, found by the tests.
        .expect("the lexicon's terms build an automaton");
    Matcher {
        automaton,
        entry_of,
    }
}

/// How often each entry of [`ENTRIES`] occurs in `compacted` (a text passed through
/// [`compact`]); `counts` is cleared and resized to `ENTRIES.len()`.
pub fn count_into(compacted: &str, counts: &mut Vec<u16>) {
    counts.clear();
    counts.resize(ENTRIES.len(), 0);
    for m in matchers() {
        for found in m.automaton.find_iter(compacted) {
            let slot = &mut counts[m.entry_of[found.pattern().as_usize()]];
            *slot = slot.saturating_add(1);
        }
    }
}

/// The groups found in a text (any text: it is compacted here), each once, in lexicon order.
pub fn groups_in(text: &str) -> Vec<Group> {
    let mut counts = Vec::new();
    count_into(&compact(text), &mut counts);
    ENTRIES
        .iter()
        .zip(&counts)
        .filter(|(_, &n)| n > 0)
        .map(|(e, _)| e.group)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Dimension;

    fn services_in(text: &str) -> Vec<&'static str> {
        groups_in(text)
            .into_iter()
            .filter_map(|g| match g {
                Group::Service(code) => Some(code),
                Group::Cue(_) => None,
            })
            .collect()
    }

    #[test]
    fn every_service_code_is_in_the_taxonomy_and_every_service_has_names() {
        for entry in ENTRIES {
            if let Group::Service(code) = entry.group {
                assert!(
                    Dimension::Service.parse_code(code).is_ok(),
                    "{code} is not a service code"
                );
            }
        }
        for info in Dimension::Service.codes() {
            assert!(
                ENTRIES.iter().any(|e| e.group == Group::Service(info.code)),
                "no lexicon entry for {}",
                info.code
            );
        }
    }

    #[test]
    fn no_term_is_empty_once_compacted_and_groups_are_unique() {
        for entry in ENTRIES {
            for term in entry.terms {
                assert!(!compact(term).is_empty(), "{:?}: empty term", entry.group);
            }
        }
        for (i, a) in ENTRIES.iter().enumerate() {
            for b in &ENTRIES[i + 1..] {
                assert_ne!(a.group, b.group, "group listed twice");
            }
        }
    }

    #[test]
    fn no_term_stands_for_two_groups() {
        let mut seen: Vec<(String, Group)> = Vec::new();
        for entry in ENTRIES {
            for term in entry.terms {
                let pattern = compact(term);
                if let Some((_, other)) = seen.iter().find(|(p, _)| *p == pattern) {
                    assert_eq!(*other, entry.group, "{term} is in two groups");
                }
                seen.push((pattern, entry.group));
            }
        }
    }

    #[test]
    fn a_term_written_two_ways_in_the_lexicon_counts_once() {
        // The lexicon has both `톡채널` and `톡 채널` (and `채널`, found inside them).
        let mut counts = Vec::new();
        count_into(&compact("톡 채널, 톡채널"), &mut counts);
        let channel = ENTRIES
            .iter()
            .position(|e| e.group == Group::Service("talk_channel"))
            .unwrap();
        assert_eq!(counts[channel], 2);
    }

    #[test]
    fn nicknames_find_their_service() {
        assert_eq!(services_in("이모플 결제했는데"), ["emoticon"]);
        assert_eq!(services_in("카맵이 안 켜져서"), ["kakaomap"]);
        assert_eq!(services_in("업비트 접속 불가"), ["kakao_login"]);
        assert_eq!(services_in("빗썸도 안 됨"), ["kakao_login"]);
        assert_eq!(services_in("카카오T 호출"), ["kakao_t"]);
        assert_eq!(services_in("멜론 스트리밍"), ["melon"]);
        // The longest name wins: 톡서랍 is Talk Drawer, not also the 톡 of KakaoTalk.
        assert_eq!(services_in("톡서랍 플러스"), ["talk_drawer"]);
        assert_eq!(services_in("톡채널 예약"), ["talk_channel"]);
        assert_eq!(services_in("카톡 채널로 예약"), ["talk_channel"]);
        assert_eq!(services_in("카톡으로 예약"), ["kakaotalk"]);
    }

    #[test]
    fn blanks_and_ascii_case_do_not_matter() {
        assert_eq!(services_in("카카오로그인"), ["kakao_login"]);
        assert_eq!(services_in("Kakao Login 버튼"), ["kakao_login"]);
        assert_eq!(services_in("KakaoTalk"), ["kakaotalk"]);
        assert_eq!(services_in("Kakao Talk"), ["kakaotalk"]);
        assert_eq!(services_in("SPOTV NOW"), ["kakao_login"]);
        assert_eq!(compact(" 카카오 T\t택시 "), "카카오t택시");
    }

    #[test]
    fn common_words_that_look_like_names_are_not_names() {
        assert_eq!(services_in("다음 날 출근해서 보니"), Vec::<&str>::new());
        assert_eq!(services_in("대리로 부모님 피해를 신고"), Vec::<&str>::new());
        assert_eq!(services_in("다음메일 접속 불가"), ["daum"]);
        assert_eq!(services_in("대리운전 콜"), ["kakao_t"]);
    }

    #[test]
    fn cues_are_found_and_counted_once_per_occurrence() {
        let groups = groups_in("미용실 운영하는 사장입니다. 언제 보상되나요?");
        assert!(groups.contains(&Group::Cue("shop")));
        assert!(groups.contains(&Group::Cue("question")));
        assert!(groups.contains(&Group::Cue("money")));
        assert!(!groups.contains(&Group::Cue("thanks")));
        // A cue inside a service name still counts.
        assert!(groups_in("페이 결제").contains(&Group::Cue("paid")));
        let mut counts = Vec::new();
        count_into(&compact("가게 가게 가게"), &mut counts);
        let shop = ENTRIES
            .iter()
            .position(|e| e.group == Group::Cue("shop"))
            .unwrap();
        assert_eq!(counts[shop], 3);
        assert_eq!(Group::Cue("shop").feature(), "cue:shop");
        assert_eq!(Group::Service("gift").feature(), "svc:gift");
    }
}
