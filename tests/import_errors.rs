//! `casebench import`: every kind of bad input is refused whole, with FILE:LINE messages and
//! exit code 2, and the database is left as it was.

mod common;

use common::Env;

/// Imports `bytes` as `name` into a database holding C-1..C-3, expects failure, and returns
/// the error lines (the file path shortened to its name).
fn refused(name: &str, bytes: &[u8], extra: &[&str]) -> Vec<String> {
    let env = Env::with_cases(3);
    let file = env.write(name, bytes);
    let file = file.to_str().unwrap();
    let mut args = vec!["import", file];
    args.extend(extra);
    let run = env.run(&args);
    assert_eq!(run.code, 2, "stdout: {} stderr: {}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "", "nothing is reported as imported");
    assert_eq!(env.stats("")["total"], 3, "nothing was imported");
    run.stderr.lines().map(|l| l.replace(file, name)).collect()
}

#[test]
fn bad_csv_quoting() {
    assert_eq!(
        refused("q.csv", b"id,text\nA,\"unclosed\nB,ok\n", &[]),
        [
            "q.csv:2: bad CSV quoting: the quote opened on line 2 is never closed",
            "casebench: q.csv: 1 problem; nothing was imported",
        ]
    );
    assert_eq!(
        refused("q.csv", b"id,text\nA,say \"hi\"\n", &[])[0],
        "q.csv:2: bad CSV quoting: a quote inside a field that does not start with one (quote the whole field and double the inner quote)"
    );
}

#[test]
fn invalid_utf8() {
    let lines = refused("e.csv", b"id,text\nA,\xB0\xA1\xB0\xA1 euc-kr\n", &[]);
    assert_eq!(
        lines[0],
        "e.csv:2: invalid UTF-8 (byte 0xB0 at column 3); save the file as UTF-8"
    );
}

#[test]
fn missing_required_field() {
    assert_eq!(
        refused("m.csv", b"id,kind\nA,paid\n", &[])[0],
        "m.csv:1: header: required column \"text\" is missing"
    );
    assert_eq!(
        refused("m.jsonl", b"{\"id\":\"A\"}\n{\"text\":\"no id\"}\n", &[]),
        [
            "m.jsonl:1: text: is required and missing",
            "m.jsonl:2: id: is required and missing",
            "casebench: m.jsonl: 2 problems; nothing was imported",
        ]
    );
}

#[test]
fn unknown_code() {
    assert_eq!(
        refused("u.csv", b"id,text,service\nA,t,kakaotalk\nB,t,kakao_tolk\n", &[])[0],
        "u.csv:3: service: unknown service \"kakao_tolk\" (valid: kakaotalk, kakao_login, talk_channel, kakaomap, gift, emoticon, talk_drawer, daum, kakao_t, kakaopay, melon, kakao_page, other)"
    );
}

#[test]
fn negative_or_non_numeric_amount() {
    assert_eq!(
        refused("a.csv", "id,text,amount_krw\nA,t,-30000\nB,t,5만원\nC,t,\"50,000\"\n".as_bytes(), &[]),
        [
            "a.csv:2: amount_krw: \"-30000\" is negative: amounts are whole won, 0 or more",
            "a.csv:3: amount_krw: \"5만원\" is not a whole number of won (digits, optionally grouped as 50,000)",
            "casebench: a.csv: 2 problems; nothing was imported",
        ]
    );
}

#[test]
fn duplicate_id_inside_the_file() {
    assert_eq!(
        refused("d.jsonl", b"{\"id\":\"X\",\"text\":\"a\"}\n{\"id\":\"Y\",\"text\":\"b\"}\n{\"id\":\"X\",\"text\":\"c\"}\n", &[])[0],
        "d.jsonl:3: id: duplicate id \"X\" (first on line 1)"
    );
}

#[test]
fn id_already_in_the_database() {
    assert_eq!(
        refused("x.csv", b"id,text\nNEW,t\nC-2,t\n", &[]),
        [
            "x.csv:3: id: case \"C-2\" already exists in the database (use --skip-existing to skip it)",
            "casebench: x.csv: 1 problem; nothing was imported",
        ]
    );
}

#[test]
fn skip_existing_imports_the_rest() {
    let env = Env::with_cases(3);
    let file = env.write("x.csv", "id,text\nNEW,새 신고\nC-2,다시\n");
    let out = env
        .run(&["import", file.to_str().unwrap(), "--skip-existing"])
        .ok();
    assert!(out.starts_with("imported 1 case from "), "{out}");
    assert!(
        out.trim_end()
            .ends_with("; skipped 1 already in the database"),
        "{out}"
    );
    assert_eq!(env.stats("")["total"], 4);
    let history = env.run(&["history", "C-2"]).ok();
    assert_eq!(
        history.lines().count(),
        2,
        "C-2 untouched: header + created"
    );
}

#[test]
fn empty_file() {
    assert_eq!(
        refused("empty.csv", b"", &[])[0],
        "empty.csv:1: the file is empty: no cases to import"
    );
    assert_eq!(
        refused("header.csv", b"id,text\r\n", &[])[0],
        "header.csv:1: the file has a header but no cases"
    );
}

#[test]
fn oversized_text() {
    let text = "가".repeat(20_001);
    let file = format!("id,text\nBIG,{text}\n");
    assert_eq!(
        refused("big.csv", file.as_bytes(), &[])[0],
        "big.csv:2: text: 20,001 characters, more than the limit of 20,000"
    );
}

#[test]
fn at_most_twenty_problems_are_listed_then_a_count() {
    let mut file = String::from("id,text,kind\n");
    for i in 0..25 {
        file.push_str(&format!("K{i},t,wrong\n"));
    }
    let lines = refused("many.csv", file.as_bytes(), &[]);
    assert_eq!(lines.len(), 22);
    assert_eq!(lines[20], "many.csv: … and 5 more problems");
    assert_eq!(
        lines[21],
        "casebench: many.csv: 25 problems; nothing was imported"
    );
}

#[test]
fn bom_and_crlf_are_accepted() {
    let env = Env::new();
    let file = env.write(
        "win.csv",
        "\u{feff}id,text,kind,amount_krw\r\nW-1,\"윈도우, 메모장\r\n두 줄\",paid,\"3,900\"\r\n",
    );
    env.run(&["import", file.to_str().unwrap()]).ok();
    let export = env.run(&["export"]).ok();
    let case: serde_json::Value = serde_json::from_str(export.trim()).unwrap();
    assert_eq!(case["id"], "W-1");
    assert_eq!(case["text"], "윈도우, 메모장\r\n두 줄");
    assert_eq!(case["kind"], "paid");
    assert_eq!(case["amount_krw"], 3900);
}

#[test]
fn an_unknown_format_asks_for_format() {
    let env = Env::new();
    let file = env.write("cases.txt", "id,text\nA,t\n");
    let run = env.run(&["import", file.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run
        .stderr
        .ends_with("cannot tell the format from the name; pass --format csv or --format jsonl\n"));
    let run = env.run(&["import", file.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
