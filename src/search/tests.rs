//! Search as a whole against the plain full scan it must agree with.

use std::sync::Arc;

use proptest::prelude::*;

use super::floor::{self, SLACK};
use super::hangul::char_matches;
use super::score::Scorer;
use super::*;
use crate::domain::Case;

/// The reference: every case, every term, every field scored by fuzzy-matcher on the whole
/// mapped field (no prefilter, no window, no closed form, no narrowing, one thread), kept when
/// the exact relation holds; a floored term of two characters or more by the floor's best
/// alignment on the whole field (`floor` checks that against fuzzy-matcher).
fn naive(cases: &[Case], query: &Query) -> Vec<Hit> {
    let scorer = Scorer::default();
    let mut hits = Vec::new();
    'cases: for (index, case) in cases.iter().enumerate() {
        if query.is_empty() {
            break;
        }
        let fields = [
            case.id.as_str(),
            &*case.text,
            case.note.as_deref().unwrap_or(""),
        ];
        let mut score = 0;
        for term in query.terms() {
            let best = fields
                .iter()
                .filter(|f| is_subsequence(term, f))
                .filter_map(|f| {
                    if term.is_floored() && term.chars().len() > 1 {
                        let chars: Vec<char> = f.chars().collect();
                        let mut cells = floor::Cells::default();
                        return floor::best(term.chars(), &chars, true, SLACK, &mut cells, None);
                    }
                    let mapped: String = f.chars().map(|c| term.map(c)).collect();
                    scorer.score(&mapped, term.pattern()).map(|(s, _)| s)
                })
                .max();
            match best {
                Some(best) => score += best,
                None => continue 'cases,
            }
        }
        hits.push(Hit { index, score });
    }
    hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.index.cmp(&b.index)));
    hits
}

fn is_subsequence(term: &Term, field: &str) -> bool {
    let mut want = term.chars().iter().peekable();
    for h in field.chars() {
        if want.peek().is_some_and(|&&q| char_matches(q, h)) {
            want.next();
        }
    }
    want.peek().is_none()
}

fn case(id: &str, text: &str, note: Option<&str>) -> Case {
    let mut c = Case::new(id, text);
    c.note = note.map(str::to_string);
    c
}

fn ids(cases: &[Case], hits: &[Hit]) -> Vec<String> {
    hits.iter().map(|h| cases[h.index].id.clone()).collect()
}

fn run(cases: &[Case], query: &str) -> Vec<String> {
    let index = SearchIndex::build(cases);
    let hits = search(&index, &Query::parse(query), None, &|| false).unwrap_or_default();
    ids(cases, &hits)
}

fn corpus() -> Vec<Case> {
    vec![
        case("R-1", "카카오맵 배달 주문이 안 들어왔어요", None),
        case("R-2", "업비트 출금이 막혔습니다", None),
        case(
            "R-3",
            "카톡 로그인이 안 돼요 ㅠㅠ",
            Some("업비트 관련 아님"),
        ),
        case("R-4", "카드 카페 오류 맵핑 실패", None),
        case("R-5", "Upbit 앱은 멀쩡했음", None),
        case("R-6", "카카오 T 배차 지연으로 손해", None),
    ]
}

#[test]
fn initial_consonants_find_whole_syllables() {
    let cases = corpus();
    assert_eq!(
        run(&cases, "ㅋㅋㅇㅁ"),
        ["R-1", "R-4"],
        "contiguous first, then scattered"
    );
    assert_eq!(run(&cases, "ㅇㅂㅌ"), ["R-2", "R-3"], "the note counts too");
    assert_eq!(run(&cases, "카카오 ㅂㄷ"), ["R-1"]);
    assert_eq!(run(&cases, "카카오 ㅂ"), ["R-1", "R-6"]);
    assert_eq!(
        run(&cases, "카카오맵"),
        ["R-1", "R-4"],
        "scattered matches count, lower"
    );
    assert_eq!(run(&cases, "로그인"), ["R-3"]);
}

#[test]
fn ascii_is_case_insensitive_and_ids_are_searchable() {
    let cases = corpus();
    assert_eq!(run(&cases, "upbit"), ["R-5"]);
    assert_eq!(run(&cases, "UPBIT"), ["R-5"]);
    assert_eq!(run(&cases, "r-4"), ["R-4"]);
    assert_eq!(run(&cases, "관련"), ["R-3"]);
}

#[test]
fn an_ascii_word_spread_over_a_sentence_is_not_a_result() {
    let cases = vec![
        case(
            "E-1",
            "You need proper backups in another data center. We wanted it fixed.",
            None,
        ),
        case("E-2", "My account got pwned during the outage", None),
        case("E-3", "I got up early but a bit late for Upbit", None),
        case("E-4", "Upbit 로그인이 막혔어요", Some("pwnd?")),
    ];
    assert_eq!(run(&cases, "pwned"), ["E-2"]);
    assert_eq!(
        run(&cases, "pwnd"),
        ["E-4", "E-2"],
        "the note, then a letter left out"
    );
    assert_eq!(run(&cases, "upbit"), ["E-4", "E-3"], "not `up … a bit`");
    let q = Query::parse("upbit");
    let text = &cases[2].text;
    let marked: String = highlights(&q, text)
        .iter()
        .filter_map(|&i| text.chars().nth(i))
        .collect();
    assert_eq!(
        marked, "Upbit",
        "the highlight is the match within the floor"
    );
}

#[test]
fn the_floor_keeps_typos_ids_and_hangul() {
    let cases = vec![
        case("R-000200", "Upbit 출금이 막혔습니다", None),
        case(
            "R-000201",
            "Kakao Talk was down, then KakaoTalk again",
            None,
        ),
        case("R-000202", "카카오맵 배달 주문이 안 들어왔어요", None),
        case("R-000203", "카드 카페 오류 맵핑 실패, 환불 250,000원", None),
        case("R-000204", "Kakao T 배차 지연, 200,000원 손해", None),
    ];
    assert_eq!(run(&cases, "upbt"), ["R-000200"], "a letter left out");
    assert_eq!(run(&cases, "kakaotalk"), ["R-000201"]);
    assert_eq!(
        run(&cases, "kakaot"),
        ["R-000201", "R-000204"],
        "a blank left out"
    );
    assert_eq!(
        run(&cases, "kakoa"),
        ["R-000201"],
        "a swapped letter is not forgiven: only k-a-k-(a)-o-(T)-a of KakaoTalk"
    );
    assert_eq!(run(&cases, "R-000200"), ["R-000200"]);
    assert_eq!(
        run(&cases, "200"),
        ["R-000204", "R-000200"],
        "not 250,000 or R-000201"
    );
    assert_eq!(
        run(&cases, "200000"),
        ["R-000204"],
        "the thousands separator"
    );
    assert_eq!(
        run(&cases, "ㅋㅋㅇㅁ"),
        ["R-000202", "R-000203"],
        "initials: no floor"
    );
    // Hangul keeps plain subsequence matching: 카(드) … 맵(핑), two word starts, scores more.
    assert_eq!(run(&cases, "카맵"), ["R-000203", "R-000202"]);
}

#[test]
fn contiguous_matches_rank_first_and_ties_keep_case_order() {
    let cases = vec![
        case("A", "어제 카드와 카페에서 오늘 맵다", None),
        case("B", "카카오맵", None),
        case("C", "카카오맵", None),
        case("D", "어제 카카오맵", None),
    ];
    assert_eq!(run(&cases, "카카오맵"), ["B", "C", "D", "A"]);
}

#[test]
fn highlights_point_at_the_matched_characters() {
    let q = Query::parse("ㅋㅋㅇㅁ 배달");
    let text = "오늘 카카오맵 배달";
    let marked: String = highlights(&q, text)
        .iter()
        .filter_map(|&i| text.chars().nth(i))
        .collect();
    assert_eq!(marked, "카카오맵배달");
    assert_eq!(highlights(&Query::parse("upbit"), "Upbit"), [0, 1, 2, 3, 4]);
}

#[test]
fn a_cancelled_search_returns_none() {
    let cases = corpus();
    let index = SearchIndex::build(&cases);
    assert_eq!(search(&index, &Query::parse("카"), None, &|| true), None);
    let many: Vec<Case> = (0..10_000)
        .map(|i| case(&format!("R-{i}"), "카카오 카카오", None))
        .collect();
    let index = SearchIndex::build(&many);
    let calls = std::sync::atomic::AtomicUsize::new(0);
    let later = || calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst) >= 2;
    assert_eq!(search(&index, &Query::parse("카카"), None, &later), None);
}

#[test]
fn updated_notes_and_new_cases_are_found() {
    let mut cases = corpus();
    let mut index = SearchIndex::build(&cases);
    cases[1].note = Some("환불 완료".into());
    index.update(1, &cases[1]);
    cases.push(case("R-7", "새로 온 환불 요청", None));
    index.push(&cases[6]);
    let hits = search(&index, &Query::parse("환불"), None, &|| false).unwrap_or_default();
    // The note starts with the term (the first character's bonus is doubled).
    assert_eq!(ids(&cases, &hits), ["R-2", "R-7"]);
    cases[1].note = None;
    index.update(1, &cases[1]);
    let hits = search(&index, &Query::parse("환불"), None, &|| false).unwrap_or_default();
    assert_eq!(
        ids(&cases, &hits),
        ["R-7"],
        "the old note no longer matches"
    );
}

#[test]
fn candidates_restrict_the_search() {
    let cases = corpus();
    let index = SearchIndex::build(&cases);
    let only = [5, 0, 99];
    let hits = search(&index, &Query::parse("카카오"), Some(&only), &|| false).unwrap_or_default();
    assert_eq!(ids(&cases, &hits), ["R-1", "R-6"]);
}

#[test]
fn the_worker_answers_the_newest_generation_only() {
    let many: Vec<Case> = (0..60_000)
        .map(|i| case(&format!("R-{i}"), "카카오톡 카카오맵 카카오페이 배달", None))
        .collect();
    let worker = SearchWorker::start(SearchIndex::build(&many));
    for (generation, query) in ["카", "카카", "카카오", "카카오맵"].iter().enumerate() {
        worker.request(generation as u64 + 1, *query, None);
    }
    let result = worker
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("a result");
    assert_eq!(result.generation, 4);
    assert_eq!(result.query, "카카오맵");
    assert_eq!(result.hits.len(), 60_000);
    assert!(
        worker.try_result().is_none(),
        "outdated results were dropped"
    );

    worker.update_case(0, &case("R-0", "없음", Some("전혀 다른 메모")));
    worker.push_case(&case("R-new", "다른 메모 하나", None));
    worker.request(5, "다른 메모", Some(Arc::new(vec![0, 1, 60_000])));
    let result = worker
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("a result");
    assert_eq!(result.generation, 5);
    let found: Vec<usize> = result.hits.iter().map(|h| h.index).collect();
    assert_eq!(found, [60_000, 0]);
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        proptest::sample::select(vec![
            '카', '코', '오', '맵', '배', '달', '까', 'ㅋ', 'a', 'B', 'b', ' ', '-', '1',
        ]),
        0..16,
    )
    .prop_map(|v| v.into_iter().collect())
}

fn query_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        proptest::sample::select(vec![
            '카', '코', '오', '맵', 'ㅋ', 'ㅂ', 'ㅇ', 'ㄲ', 'a', 'b', ' ', '-',
        ]),
        1..7,
    )
    .prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Prefilter, window, closed form, threads and narrowing drop or reorder nothing: typing
    /// a query character by character through a session gives, at every step, the plain full
    /// scan's results in the same order.
    #[test]
    fn search_equals_the_plain_full_scan(
        texts in proptest::collection::vec((text(), proptest::option::of(text())), 0..40),
        typed in query_text(),
        threads in 1usize..3,
    ) {
        let cases: Vec<Case> = texts
            .iter()
            .enumerate()
            .map(|(i, (t, n))| case(&format!("R-{i}"), t, n.as_deref()))
            .collect();
        let index = SearchIndex::build(&cases);
        let mut one_query = SearchIndex::for_one_query();
        for case in &cases {
            one_query.push(case);
        }
        let mut session = SearchSession::new();
        // A filter's candidates, in no particular order.
        let filter: Arc<Vec<usize>> = Arc::new((0..cases.len()).rev().filter(|i| i % 3 != 0).collect());
        let chars: Vec<char> = typed.chars().collect();
        for end in 1..=chars.len() {
            let query = Query::parse(&chars[..end].iter().collect::<String>());
            let expected = naive(&cases, &query);
            let fresh = search_with(&index, &query, None, &|| false, threads);
            prop_assert_eq!(fresh.as_ref(), Some(&expected));
            // Without the prefilter (`casebench search`): the same, with candidates too.
            let unfiltered = search_with(&one_query, &query, None, &|| false, threads);
            prop_assert_eq!(unfiltered.as_ref(), Some(&expected));
            let narrowed = session.search(&index, &query, None, &|| false);
            prop_assert_eq!(narrowed.as_deref(), Some(&expected));
            let filtered: Vec<Hit> = expected.iter().copied().filter(|h| h.index % 3 != 0).collect();
            let narrowed = session.search(&index, &query, Some(&filter), &|| false);
            prop_assert_eq!(narrowed.as_deref(), Some(&filtered));
            let unfiltered = search_with(&one_query, &query, Some(&filter), &|| false, threads);
            prop_assert_eq!(unfiltered.as_ref(), Some(&filtered));
        }
    }
}
