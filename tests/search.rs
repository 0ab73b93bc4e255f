//! `casebench search` end to end: text and JSON output, --where, --limit, the empty query, the
//! quality floor for ASCII words, and the same results in the same order as the library's
//! search (which the workbench uses).

mod common;

use casebench::search::{search, Query, SearchIndex};
use casebench::store::Store;
use common::Env;

fn json_lines(out: &str) -> Vec<serde_json::Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

fn ids(lines: &[serde_json::Value]) -> Vec<&str> {
    lines.iter().map(|l| l["id"].as_str().unwrap()).collect()
}

/// A database with `cases` (id, text; K-2 is `paid`, the others `inquiry`).
fn env_with(cases: &[(&str, &str)]) -> Env {
    let env = Env::new();
    let lines: String = cases
        .iter()
        .map(|(id, text)| {
            format!(
                "{}\n",
                serde_json::json!({"id": id, "text": text, "kind": if *id == "K-2" { "paid" } else { "inquiry" }})
            )
        })
        .collect();
    let file = env.write("cases.jsonl", lines);
    env.run(&["import", file.to_str().unwrap()]).ok();
    env
}

/// A database with a few hand-written cases.
fn env() -> Env {
    env_with(&[
        ("K-1", "카카오맵 배달 주문이 하루 종일 안 들어왔어요"),
        ("K-2", "업비트 출금이 막혀서 손해를 봤습니다"),
        ("K-3", "카톡 로그인이 안 돼요"),
        ("K-4", "Upbit 앱은 멀쩡했는데 카카오 인증이 안 됐어요"),
        ("K-5", "카카오 T 배차가 늦어져서 예약 손님을 놓쳤습니다"),
        ("K-6", "악성 \u{1b}[2J 글 카카오맵"),
    ])
}

#[test]
fn text_output_lists_id_score_and_a_sanitized_excerpt() {
    let env = env();
    let out = env.run(&["search", "ㅋㅋㅇㅁ"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", out.stdout);
    assert!(lines[0].starts_with("K-1  "), "{}", lines[0]);
    assert!(lines[0].ends_with("카카오맵 배달 주문이 하루 종일 안 들어왔어요"));
    assert!(lines[1].starts_with("K-6  "), "{}", lines[1]);
    assert!(
        lines[1].contains("␛[2J"),
        "escapes are made visible: {}",
        lines[1]
    );
    assert!(!out.stdout.contains('\u{1b}'));
    assert!(out.stderr.contains("2 of 2 matches"), "{}", out.stderr);
}

#[test]
fn json_output_has_id_score_and_excerpt() {
    let env = env();
    let out = env.run(&["search", "--json", "ㅇㅂㅌ"]).ok();
    let lines = json_lines(&out);
    assert_eq!(ids(&lines), ["K-2"]);
    assert!(lines[0]["score"].as_i64().unwrap() > 0);
    assert_eq!(lines[0]["excerpt"], "업비트 출금이 막혀서 손해를 봤습니다");
    let keys: Vec<&str> = lines[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["id", "score", "excerpt"]);
}

#[test]
fn several_words_must_all_match_and_ascii_case_is_ignored() {
    let env = env();
    // K-1 has 배달 contiguously; K-5 has 배(차) … (습니)다 scattered, so it ranks below.
    let out = env.run(&["search", "--json", "카카오", "ㅂㄷ"]).ok();
    assert_eq!(ids(&json_lines(&out)), ["K-1", "K-5"]);
    let out = env.run(&["search", "--json", "UPBIT"]).ok();
    assert_eq!(ids(&json_lines(&out)), ["K-4"]);
    let out = env.run(&["search", "--json", "예약 손해"]).ok();
    assert_eq!(ids(&json_lines(&out)), Vec::<&str>::new());
}

#[test]
fn an_ascii_word_is_not_found_in_letters_spread_over_a_sentence() {
    let env = env_with(&[
        (
            "E-1",
            "You need proper backups in another data center. We wanted it fixed.",
        ),
        ("E-2", "My account got pwned during the outage"),
        ("E-3", "Upbit가 카카오 로그인으로만 돼 있어요"),
        ("E-4", "Kakao Talk was down. I got up early but a bit late."),
        ("E-5", "카카오맵 배달 주문 200,000원"),
        ("E-6", "환불 250,000원"),
    ]);
    let found = |query: &[&str]| {
        let mut args = vec!["search", "--json", "--"];
        args.extend(query);
        ids(&json_lines(&env.run(&args).ok()))
            .into_iter()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(found(&["pwned"]), ["E-2"]);
    assert_eq!(found(&["upbit"]), ["E-3"], "not `up … a bit`");
    assert_eq!(found(&["upbt"]), ["E-3"], "a letter left out");
    assert_eq!(found(&["kakaotalk"]), ["E-4"], "a blank left out");
    assert_eq!(found(&["kakoa"]), Vec::<String>::new(), "a swapped letter");
    assert_eq!(found(&["200"]), ["E-5"], "not inside 250,000");
    assert_eq!(found(&["E-5"]), ["E-5"]);
    // Initials keep their rules: 카카오 … (로그인으로)만 still counts, below 카카오맵.
    assert_eq!(found(&["ㅋㅋㅇㅁ"]), ["E-5", "E-3"]);
    let out = env.run(&["search", "pwned"]);
    assert_eq!(out.code, 0);
    assert!(out.stderr.contains("1 of 1 match\n"), "{}", out.stderr);
}

#[test]
fn where_restricts_the_candidates() {
    let env = env();
    let all = env.run(&["search", "--json", "ㅇ"]).ok();
    assert!(json_lines(&all).len() > 1);
    let paid = env
        .run(&["search", "--json", "ㅇ", "--where", "kind=paid"])
        .ok();
    assert_eq!(ids(&json_lines(&paid)), ["K-2"]);
    let bad = env.run(&["search", "ㅇ", "--where", "kind=pai"]);
    assert_eq!(bad.code, 2);
}

#[test]
fn ids_and_notes_are_searchable() {
    let env = env();
    env.run(&["label", "K-3", "note=환불 요청 접수함"]).ok();
    let out = env.run(&["search", "--json", "환불"]).ok();
    assert_eq!(ids(&json_lines(&out)), ["K-3"]);
    let out = env.run(&["search", "--json", "k-5"]).ok();
    assert_eq!(ids(&json_lines(&out))[0], "K-5");
}

#[test]
fn limit_cuts_the_list_and_zero_prints_all() {
    let env = Env::new();
    env.run(&["sample", "--cases", "400"]).ok();
    let default = env.run(&["search", "--json", "카"]).ok();
    assert_eq!(json_lines(&default).len(), 20);
    let two = env.run(&["search", "--json", "--limit", "2", "카"]).ok();
    assert_eq!(json_lines(&two), json_lines(&default)[..2]);
    let all = env.run(&["search", "--json", "--limit", "0", "카"]);
    assert_eq!(all.code, 0);
    let n = json_lines(&all.stdout).len();
    assert!(n > 20);
    assert!(
        all.stderr.contains(&format!("{n} of {n} matches")),
        "{}",
        all.stderr
    );
}

#[test]
fn an_empty_query_is_bad_input() {
    let env = env();
    for query in ["", "  \t "] {
        let out = env.run(&["search", query]);
        assert_eq!(out.code, 2, "{query:?}");
        assert!(
            out.stderr.contains("the search query is empty"),
            "{}",
            out.stderr
        );
        assert!(out.stdout.is_empty());
    }
    assert_eq!(env.run(&["search"]).code, 2, "no query at all");
}

/// The (id, score) of each line `search --json` printed.
fn printed_hits(out: &str) -> Vec<(String, i64)> {
    json_lines(out)
        .iter()
        .map(|l| {
            (
                l["id"].as_str().unwrap().to_string(),
                l["score"].as_i64().unwrap(),
            )
        })
        .collect()
}

/// The (id, score) of each hit the library's search gives for `query` among `candidates`.
fn library_hits(
    index: &SearchIndex,
    cases: &[casebench::domain::Case],
    query: &str,
    candidates: Option<&[usize]>,
) -> Vec<(String, i64)> {
    search(index, &Query::parse(query), candidates, &|| false)
        .unwrap()
        .iter()
        .map(|h| (cases[h.index].id.clone(), h.score))
        .collect()
}

#[test]
fn results_and_order_are_the_librarys() {
    let env = Env::new();
    env.run(&["sample", "--cases", "3000"]).ok();
    let cases = Store::open(&env.db).unwrap().load_all().unwrap();
    let index = SearchIndex::build(&cases);
    for query in ["카카오맵 배달", "ㅋㅋㅇ", "upbit", "예약 손해", "로그인"] {
        let out = env.run(&["search", "--json", "--limit", "0", query]).ok();
        let printed = printed_hits(&out);
        let expected = library_hits(&index, &cases, query, None);
        assert!(
            !expected.is_empty(),
            "{query} finds something in the sample"
        );
        assert_eq!(printed, expected, "{query}");
    }
    // With --where: the filter's cases as the candidates, as the workbench passes them.
    let filter = casebench::domain::Filter::parse("kind=paid,inquiry channel!=web").unwrap();
    let candidates: Vec<usize> = (0..cases.len())
        .filter(|&i| filter.matches(&cases[i]))
        .collect();
    for query in ["ㅋㅋㅇ", "환불"] {
        let out = env
            .run(&[
                "search",
                "--json",
                "--limit",
                "0",
                "--where",
                filter.source(),
                query,
            ])
            .ok();
        let printed = printed_hits(&out);
        let expected = library_hits(&index, &cases, query, Some(&candidates));
        assert!(!expected.is_empty(), "{query} finds a filtered case");
        assert_eq!(printed, expected, "{query} --where");
    }
}
