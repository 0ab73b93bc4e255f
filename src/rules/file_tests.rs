//! Every problem a rule file can have, with its exact message, line and rule id; and the
//! exact never-fires and contradiction warnings.

use super::*;

/// The Display form of every problem (errors, or the warnings of a valid file).
fn problems(text: &str) -> Vec<String> {
    match parse(text, "r.toml") {
        Ok((_, warnings)) => warnings.iter().map(ToString::to_string).collect(),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    }
}

fn errors(text: &str) -> Vec<String> {
    match parse(text, "r.toml") {
        Ok((set, warnings)) => panic!("should be refused: {set:?} {warnings:?}"),
        Err(errors) => {
            assert!(errors.iter().all(|e| !e.warning));
            errors.iter().map(ToString::to_string).collect()
        }
    }
}

const HEAD: &str = "name = \"t\"\n";
const DEFAULT: &str = "[default]\noutcome = \"needs_review\"\n";

/// A file with one rule whose body is `body` (after the `[[rule]]` header on line 2).
fn one_rule(body: &str) -> String {
    format!("{HEAD}[[rule]]\n{body}{DEFAULT}")
}

#[test]
fn a_minimal_file() {
    let (set, warnings) = parse(&format!("{HEAD}{DEFAULT}"), "r.toml").unwrap();
    assert!(warnings.is_empty());
    assert_eq!(set.name, "t");
    assert_eq!(set.description, "");
    assert_eq!(set.file, "r.toml");
    assert!(set.rules.is_empty());
    assert_eq!(set.default.title, DEFAULT_TITLE);
    assert_eq!(set.default.line, 2);
    assert_eq!(set.outcome_codes(), ["needs_review"]);
}

#[test]
fn condition_errors_point_at_line_and_column() {
    let text = one_rule(
        "id = \"small-business-band-2\"\ntitle = \"t\"\nwhen = \"kind=pai reporter=small_business\"\noutcome = \"support_cash\"\n",
    );
    assert_eq!(
        errors(&text),
        ["r.toml:5:14: rule \"small-business-band-2\": when: column 6: unknown kind \"pai\" (valid: paid, free_monetary, inquiry, opinion, protest, encouragement)"]
    );
    // Every bad clause, each at its column; literal strings map too.
    let text = one_rule(
        "id = \"x\"\ntitle = \"t\"\nwhen = 'scope=kakao  id=R-1 outcome=y'\noutcome = \"o\"\n",
    );
    assert_eq!(
        errors(&text),
        [
            "r.toml:5:22: rule \"x\": when: column 14: id cannot be used in a rule (rules use scope, reporter, kind, service, substitute, amount_krw, status)",
            "r.toml:5:29: rule \"x\": when: column 21: outcome cannot be used in a rule: it is what rules decide (rules use scope, reporter, kind, service, substitute, amount_krw, status)",
        ]
    );
    // A multi-line string: the line inside it.
    let text = one_rule("id = \"x\"\ntitle = \"t\"\nwhen = \"\"\"\nkind=paid\n  amount>abc\"\"\"\noutcome = \"o\"\n");
    assert_eq!(
        errors(&text),
        ["r.toml:7:10: rule \"x\": when: column 20: amount_krw: \"abc\" is not a whole number of won (digits, optionally grouped as 50,000)"]
    );
    // With an escape the column in the file is not exact: the line alone.
    let text = one_rule("id = \"x\"\ntitle = \"t\"\nwhen = \"kind=\\u0070ai\"\noutcome = \"o\"\n");
    assert_eq!(
        errors(&text),
        ["r.toml:5: rule \"x\": when: column 6: unknown kind \"pai\" (valid: paid, free_monetary, inquiry, opinion, protest, encouragement)"]
    );
    let text = one_rule("id = \"x\"\ntitle = \"t\"\nwhen = \"knd=paid\"\noutcome = \"o\"\n");
    assert_eq!(
        errors(&text),
        ["r.toml:5:9: rule \"x\": when: column 1: unknown field \"knd\" (did you mean \"kind\"?)"]
    );
    let text = one_rule("id = \"x\"\ntitle = \"t\"\nwhen = \"kind<paid\"\noutcome = \"o\"\n");
    assert_eq!(
        errors(&text),
        ["r.toml:5:13: rule \"x\": when: column 5: operator < does not apply to kind (use = or !=)"]
    );
}

#[test]
fn every_key_problem() {
    let cases: &[(&str, &[&str])] = &[
        (
            "id = \"x\"\ntitle = \"t\"\nwhen = \"\"\noutcome = \"o\"\nouctome = \"p\"\n",
            &["r.toml:7: rule \"x\": unknown key \"ouctome\" (did you mean \"outcome\"?)"],
        ),
        (
            "id = \"x\"\ntitle = \"t\"\nwhere = \"kind=paid\"\noutcome = \"o\"\n",
            &[
                "r.toml:2: rule \"x\": missing \"when\" (its conditions; \"\" for every case)",
                "r.toml:5: rule \"x\": unknown key \"where\" (conditions go in \"when\")",
            ],
        ),
        (
            "title = \"t\"\nwhen = \"\"\noutcome = \"o\"\n",
            &["r.toml:2: [[rule]] number 1 has no \"id\" (every rule needs a unique one, like id = \"paid-per-terms\")"],
        ),
        (
            "id = \"Big Rule\"\ntitle = \"t\"\nwhen = \"\"\noutcome = \"o\"\n",
            &["r.toml:3: rule \"Big Rule\": id: \"Big Rule\" is not a rule id (lowercase letters, digits, - and _, starting with a letter or digit)"],
        ),
        (
            "id = \"default\"\ntitle = \"t\"\nwhen = \"\"\noutcome = \"o\"\n",
            &["r.toml:3: rule \"default\": id: \"default\" is reserved for the [default] section"],
        ),
        (
            "id = \"x\"\nwhen = \"\"\noutcome = \"o\"\n",
            &["r.toml:2: rule \"x\": missing \"title\""],
        ),
        (
            "id = \"x\"\ntitle = \" \"\nwhen = \"\"\noutcome = \"o\"\n",
            &["r.toml:4: rule \"x\": title: must not be empty"],
        ),
        (
            "id = \"x\"\ntitle = \"t\"\nwhen = \"\"\n",
            &["r.toml:2: rule \"x\": missing \"outcome\""],
        ),
        (
            "id = \"x\"\ntitle = \"t\"\nwhen = \"\"\noutcome = \"Support-Cash\"\n",
            &["r.toml:6: rule \"x\": outcome: \"Support-Cash\" is not an outcome code (lowercase letters, digits and _, starting with a letter)"],
        ),
        (
            "id = \"x\"\ntitle = \"t\"\nwhen = [\"kind=paid\"]\noutcome = \"o\"\n",
            &["r.toml:5: rule \"x\": when: expected a string, found a list"],
        ),
        (
            "id = \"x\"\ntitle = 5\nwhen = \"\"\noutcome = \"o\"\n",
            &["r.toml:4: rule \"x\": title: expected a string, found an integer"],
        ),
        (
            "id = \"x\"\ntitle = \"t\"\nwhen = \"\"\noutcome = \"o\"\npayout = { cash = 5, max = 9 }\n",
            &["r.toml:7: rule \"x\": payout: min and max go with percent, not with cash"],
        ),
        (
            "id = \"x\"\ntitle = \"t\"\nwhen = \"\"\noutcome = \"o\"\npayout = { percent = 10, min = 1, maxi = 9 }\n",
            &["r.toml:7: rule \"x\": payout: unknown key \"maxi\" (did you mean \"max\"?)"],
        ),
        (
            "id = \"x\"\ntitle = \"t\"\nwhen = \"\"\noutcome = \"o\"\ncash = 5\n",
            &["r.toml:7: rule \"x\": unknown key \"cash\" (write payout = { cash = N })"],
        ),
        (
            "id = \"x\"\ntitle = \"t\"\nwhen = \"\"\noutcome = \"o\"\nin_kind = \"\"\n",
            &["r.toml:7: rule \"x\": in_kind: must not be empty (leave it out)"],
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(errors(&one_rule(body)), *expected, "{body}");
    }
}

#[test]
fn file_level_problems() {
    assert_eq!(
        errors("[[rule]]\nid = \"x\"\ntitle = \"t\"\nwhen = \"\"\noutcome = \"o\"\n"),
        [
            "r.toml:1: missing \"name\" (the rule set's name, like name = \"final-2022-12-29\")",
            "r.toml:5: missing [default]: every rule set needs one, for the cases no rule catches (like [default] outcome = \"needs_review\")",
        ]
    );
    assert_eq!(
        errors(&format!(
            "{HEAD}descripton = \"d\"\n[rules]\nx = 1\n{DEFAULT}"
        )),
        [
            "r.toml:2: unknown key \"descripton\" (did you mean \"description\"?)",
            "r.toml:3: unknown key \"rules\" (did you mean \"rule\"?)",
        ]
    );
    assert_eq!(
        errors(&format!("{HEAD}[rule]\nid = \"x\"\n{DEFAULT}")),
        ["r.toml:2: rule: write each rule as [[rule]] (a list of tables), not [rule]"]
    );
    assert_eq!(
        errors(&format!("{HEAD}[default]\ntitle = \"t\"\nwhen = \"kind=paid\"\n")),
        [
            "r.toml:2: rule \"default\": missing \"outcome\"",
            "r.toml:4: rule \"default\": when: the default has no conditions (it covers every case no rule catches)",
        ]
    );
    assert_eq!(
        errors("name = \"\"\n[default]\noutcome = \"o\"\nid = \"d\"\n"),
        [
            "r.toml:1: name: must not be empty",
            "r.toml:4: rule \"default\": id: the default's id is always \"default\"",
        ]
    );
    assert_eq!(
        errors(&format!("{HEAD}default = \"needs_review\"\n")),
        ["r.toml:2: default: expected a [default] table, found a string"]
    );
    let twice = format!(
        "{HEAD}[[rule]]\nid = \"x\"\ntitle = \"t\"\nwhen = \"\"\noutcome = \"o\"\n\
         [[rule]]\nid = \"x\"\ntitle = \"t\"\nwhen = \"\"\noutcome = \"o\"\n{DEFAULT}"
    );
    assert_eq!(
        errors(&twice),
        ["r.toml:7: rule \"x\": id used twice (first on line 2)"]
    );
}

#[test]
fn toml_syntax_problems() {
    assert_eq!(
        errors("name = \"t\n[default]\noutcome = \"o\"\n"),
        ["r.toml:1:10: invalid TOML: invalid basic string, expected `\"`"]
    );
    assert_eq!(
        errors("name = \"t\"\nname = \"u\"\n[default]\noutcome = \"o\"\n"),
        ["r.toml:2:1: key name appears twice"]
    );
}

#[test]
fn never_fires_and_contradiction_warnings() {
    let text = format!(
        "{HEAD}\
         [[rule]]\nid = \"sb\"\ntitle = \"t\"\nwhen = \"reporter=small_business\"\noutcome = \"a\"\n\
         [[rule]]\nid = \"sb-large\"\ntitle = \"t\"\nwhen = \"reporter=small_business amount_krw>500,000\"\noutcome = \"b\"\n\
         [[rule]]\nid = \"both\"\ntitle = \"t\"\nwhen = \"kind=paid kind=inquiry\"\noutcome = \"c\"\n\
         [[rule]]\nid = \"neg\"\ntitle = \"t\"\nwhen = \"amount<0\"\noutcome = \"c\"\n\
         [[rule]]\nid = \"low\"\ntitle = \"t\"\nwhen = \"amount<=300000\"\noutcome = \"c\"\n\
         [[rule]]\nid = \"high\"\ntitle = \"t\"\nwhen = \"amount>300000\"\noutcome = \"c\"\n\
         [[rule]]\nid = \"paid\"\ntitle = \"t\"\nwhen = \"kind=paid amount!=none\"\noutcome = \"c\"\n\
         [[rule]]\nid = \"pct\"\ntitle = \"t\"\nwhen = \"kind=free_monetary\"\noutcome = \"d\"\n\
         payout = {{ percent = 10, min = 0, max = 5 }}\n\
         [[rule]]\nid = \"all\"\ntitle = \"t\"\nwhen = \"\"\noutcome = \"e\"\n\
         {DEFAULT}"
    );
    assert_eq!(
        problems(&text),
        [
            "r.toml:7: warning: rule \"sb-large\": can never fire: rule \"sb\" (line 2) catches every case it matches",
            "r.toml:12: warning: rule \"both\": its conditions contradict each other: no kind satisfies both kind=paid and kind=inquiry, so it can never fire",
            "r.toml:17: warning: rule \"neg\": can never fire: no amount_krw satisfies amount<0",
            "r.toml:32: warning: rule \"paid\": can never fire: rules \"low\" (line 22) and \"high\" (line 27) together catch every case it matches",
            "r.toml:37: warning: rule \"pct\": cases without an amount reach this percentage payout and get 0 won (catch them in an earlier rule, or add amount_krw!=none)",
            "r.toml:48: warning: rule \"default\": never applies: the rules catch every case",
        ]
    );
    // Warnings do not stop the set from being used.
    let (set, warnings) = parse(&text, "r.toml").unwrap();
    assert_eq!((set.rules.len(), warnings.len()), (9, 6));
}
