//! Import checks, one per kind of bad input.

use super::*;
use crate::domain::Dimension;

fn problems(bytes: &[u8], format: Format) -> Vec<String> {
    match parse(bytes, format) {
        Ok(parsed) => panic!("expected problems, got {} cases", parsed.cases.len()),
        Err(problems) => problems
            .iter()
            .map(|p| p.in_file("in").to_string())
            .collect(),
    }
}

#[test]
fn a_good_csv_with_bom_and_crlf_imports() {
    let parsed = parse(
        "\u{feff}id,text,kind,amount_krw\r\nA,\"첫째, 줄\",paid,\"50,000\"\r\nB,둘째,,\r\n"
            .as_bytes(),
        Format::Csv,
    )
    .unwrap();
    assert_eq!(parsed.lines, [2, 3]);
    assert_eq!(&*parsed.cases[0].text, "첫째, 줄");
    assert_eq!(parsed.cases[0].amount_krw, Some(50_000));
    assert_eq!(parsed.cases[1].label(Dimension::Kind), None);
}

#[test]
fn csv_problems_are_listed_by_line() {
    let file = "id,text,kind,amount_krw\n\
                A,ok,paid,100\n\
                B,\"bad\"quote,paid,1\n\
                ,no id,paid,1\n\
                C,x,pai,1\n\
                D,x,paid,-5\n\
                E,x,paid,lots\n\
                A,again,paid,1\n\
                F,too,many,fields,here\n";
    assert_eq!(
        problems(file.as_bytes(), Format::Csv),
        [
            "in:3: bad CSV quoting: text after a closing quote (write a quote inside a quoted field as \"\")",
            "in:4: id: is required and must not be empty",
            "in:5: kind: unknown kind \"pai\" (valid: paid, free_monetary, inquiry, opinion, protest, encouragement)",
            "in:6: amount_krw: \"-5\" is negative: amounts are whole won, 0 or more",
            "in:7: amount_krw: \"lots\" is not a whole number of won (digits, optionally grouped as 50,000)",
            "in:8: id: duplicate id \"A\" (first on line 2)",
            "in:9: has 5 fields, the header has 4",
        ]
    );
}

#[test]
fn a_header_without_text_or_with_unknown_columns_is_refused() {
    assert_eq!(
        problems(b"id,knd\nA,paid\n", Format::Csv),
        [
            "in:1: header: unknown field \"knd\" (did you mean \"kind\"?)",
            "in:1: header: required column \"text\" is missing",
        ]
    );
}

#[test]
fn empty_files_are_refused() {
    assert_eq!(
        problems(b"", Format::Csv),
        ["in:1: the file is empty: no cases to import"]
    );
    assert_eq!(
        problems(b"\n\n", Format::Jsonl),
        ["in:1: the file is empty: no cases to import"]
    );
    assert_eq!(
        problems(b"id,text\n", Format::Csv),
        ["in:1: the file has a header but no cases"]
    );
}

#[test]
fn invalid_utf8_is_reported_and_the_rest_still_checked() {
    assert_eq!(
        problems(b"id,text\nA,caf\xE9\nB,\n", Format::Csv),
        [
            "in:2: invalid UTF-8 (byte 0xE9 at column 6); save the file as UTF-8",
            "in:3: text: is required and must not be empty",
        ]
    );
}

#[test]
fn jsonl_problems_are_listed_by_line() {
    let file = r#"{"id":"A","text":"좋아요","amount_krw":50000}
not json
[1,2]
{"id":"B","text":"x","amount_krw":"50,000","kind":7}
{"id":"C","text":"x","amount_krw":-1,"knd":"paid"}

{"id":"D","text":"","status":"done"}
"#;
    assert_eq!(
        problems(file.as_bytes(), Format::Jsonl),
        [
            "in:2: invalid JSON: expected ident at line 1 column 2",
            "in:3: expected a JSON object {...}",
            "in:4: kind: must be a string, not a number",
            "in:5: unknown field \"knd\" (did you mean \"kind\"?)",
            "in:5: amount_krw: \"-1\" is negative: amounts are whole won, 0 or more",
            "in:7: text: is required and must not be empty",
            "in:7: status: unknown status \"done\" (valid: new, reviewed, escalated)",
        ]
    );
}

#[test]
fn jsonl_keeps_version_and_last_change() {
    let parsed = parse(
        br#"{"id":"A","text":"t","version":4,"updated_at":"2022-11-01T09:00:00.000Z","updated_by":"kim","note":null}"#,
        Format::Jsonl,
    )
    .unwrap();
    let case = &parsed.cases[0];
    assert_eq!(case.version, 4);
    assert_eq!(case.updated_by.as_deref(), Some("kim"));
    assert_eq!(case.note, None);
}

/// A counted parse reads every line of the file, then checks every record, and says so in
/// that order, ending at the totals: here 10,001 lines (a header, 9,999 cases, a blank line)
/// of CSV and as many JSONL lines.
#[test]
fn a_counted_parse_reads_every_line_then_checks_every_record() {
    let mut csv = String::from("id,text\n");
    let mut jsonl = String::new();
    for i in 0..9999 {
        csv.push_str(&format!("C-{i},claim {i}\n"));
        jsonl.push_str(&format!("{{\"id\":\"J-{i}\",\"text\":\"claim {i}\"}}\n"));
    }
    csv.push('\n');
    jsonl.push('\n');
    for (text, format, lines) in [(csv, Format::Csv, 10_001), (jsonl, Format::Jsonl, 10_000)] {
        let mut heard = Vec::new();
        let parsed = parse_counted(text.as_bytes(), format, &mut |at| heard.push(at)).unwrap();
        assert_eq!(parsed.cases.len(), 9999);
        let reading = |at: &Parsing| matches!(at, Parsing::Reading { .. });
        let first_check = heard.iter().position(|at| !reading(at)).unwrap();
        assert!(heard[..first_check].iter().all(reading), "{heard:?}");
        assert!(!heard[first_check..].iter().any(reading), "{heard:?}");
        assert_eq!(
            heard[first_check - 1],
            Parsing::Reading { done: lines, lines }
        );
        assert_eq!(
            heard.last(),
            Some(&Parsing::Checking {
                done: 9999,
                records: 9999
            })
        );
        assert!(heard.len() > 4, "reports along the way: {heard:?}");
    }
}
