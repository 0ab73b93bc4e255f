//! Matching a case against compiled clauses: the hot path, a few comparisons per clause and no
//! allocation.

use std::cmp::Ordering;

use super::clause::{Clause, Cmp, Day, TextField};
use super::derived::{agrees, Derived, DerivedField};
use crate::domain::case::Case;

/// The bit of a label set that stands for "unlabelled".
pub(super) const NONE_BIT: u32 = 31;

/// The bit of a label value in a label set; an index no code has matches nothing.
#[inline]
fn label_bit(label: Option<u8>) -> u32 {
    match label {
        None => 1 << NONE_BIT,
        Some(index) if u32::from(index) < NONE_BIT => 1 << index,
        Some(_) => 0,
    }
}

/// Whether a label value is in a label set, or with `negate` is not.
#[inline]
fn label_in(label: Option<u8>, set: u32, negate: bool) -> bool {
    (set & label_bit(label) != 0) != negate
}

/// Whether an amount is one of `values` (or "not set" with `none`), or with `negate` is not.
#[inline]
fn amount_in(amount: Option<i64>, values: &[i64], none: bool, negate: bool) -> bool {
    let hit = match amount {
        None => none,
        Some(won) => values.contains(&won),
    };
    hit != negate
}

impl Cmp {
    #[inline]
    fn holds(self, ordering: Ordering) -> bool {
        match self {
            Cmp::Lt => ordering == Ordering::Less,
            Cmp::Le => ordering != Ordering::Greater,
            Cmp::Gt => ordering == Ordering::Greater,
            Cmp::Ge => ordering != Ordering::Less,
        }
    }
}

/// The comparison key of the start of a `received_at`: its first ten bytes, big-endian,
/// padded with zero bytes. Compared with the key of a valid `YYYY-MM-DD` (ten ASCII bytes, no
/// zero byte) it orders exactly as the first ten *characters* of the text would: a non-ASCII
/// character within those ten bytes already differs from the date there, and a shorter text
/// pads with bytes below any date byte, like a prefix sorting first.
#[inline]
pub(super) fn day_key(bytes: &[u8]) -> Day {
    match bytes.first_chunk::<10>() {
        Some(&[b0, b1, b2, b3, b4, b5, b6, b7, b8, b9]) => {
            u128::from_be_bytes([b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, 0, 0, 0, 0, 0, 0])
        }
        None => short_day_key(bytes),
    }
}

#[cold]
fn short_day_key(bytes: &[u8]) -> Day {
    let mut buf = [0u8; 16];
    for (slot, &b) in buf.iter_mut().zip(bytes) {
        *slot = b;
    }
    u128::from_be_bytes(buf)
}

/// Exact byte equality, a word at a time and without an early exit: these strings are short,
/// and a `memcmp` call or a mispredicted branch per case costs more than the comparison.
#[inline]
fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let (words_a, words_b) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail = words_a.remainder().iter().zip(words_b.remainder());
    let mut diff = tail.fold(0u64, |d, (x, y)| d | u64::from(x ^ y));
    for (x, y) in words_a.zip(words_b) {
        diff |= word(x) ^ word(y);
    }
    diff == 0
}

#[inline]
fn word(chunk: &[u8]) -> u64 {
    chunk
        .first_chunk::<8>()
        .map_or(0, |w| u64::from_ne_bytes(*w))
}

impl Clause {
    /// A rough cost of [`Clause::matches`]: clauses are checked cheapest first (the result does
    /// not depend on the order) so that costly string clauses see fewer cases.
    pub(super) fn cost(&self) -> u8 {
        match self {
            Clause::Label { .. }
            | Clause::Status { .. }
            | Clause::AmountIn { .. }
            | Clause::AmountCmp { .. }
            | Clause::Changed { .. } => 0,
            Clause::DayIn { .. }
            | Clause::DayCmp { .. }
            | Clause::SuggestedLabel { .. }
            | Clause::SuggestedAmountIn { .. }
            | Clause::SuggestedAmountCmp { .. }
            | Clause::ConfidenceCmp { .. }
            | Clause::ConfidenceNone { .. }
            | Clause::Agrees { .. } => 1,
            Clause::Text { .. } | Clause::Derived { .. } => 2,
        }
    }

    #[inline]
    pub(super) fn matches(&self, case: &Case, derived: &Derived<'_>) -> bool {
        match self {
            Clause::Label { dim, set, negate } => label_in(case.label(*dim), *set, *negate),
            Clause::Status { set, negate } => ((set >> case.status.index()) & 1 == 1) != *negate,
            Clause::AmountIn {
                values,
                none,
                negate,
            } => amount_in(case.amount_krw, values, *none, *negate),
            Clause::AmountCmp { cmp, value } => {
                case.amount_krw.is_some_and(|won| cmp.holds(won.cmp(value)))
            }
            Clause::Text {
                field,
                values,
                none,
                negate,
            } => {
                let text = match field {
                    TextField::Id => Some(case.id.as_str()),
                    TextField::UpdatedBy => case.updated_by.as_deref(),
                    TextField::Channel => case.channel.as_deref(),
                };
                let hit = match text {
                    None => *none,
                    Some(text) => values.iter().any(|v| same_text(v, text)),
                };
                hit != *negate
            }
            Clause::DayIn {
                values,
                none,
                negate,
            } => {
                let hit = match &case.received_at {
                    None => *none,
                    Some(at) => values.contains(&day_key(at.as_bytes())),
                };
                hit != *negate
            }
            Clause::DayCmp { cmp, day } => {
                let received = case.received_at.as_deref();
                received.is_some_and(|at| cmp.holds(day_key(at.as_bytes()).cmp(day)))
            }
            Clause::Derived {
                field,
                values,
                negate,
            } => {
                let value = match field {
                    DerivedField::Outcome => derived.outcome,
                    DerivedField::Rule => derived.rule,
                };
                value.is_some_and(|v| values.iter().any(|x| same_text(x, v)) != *negate)
            }
            Clause::Changed { set, negate } => derived
                .changed
                .is_some_and(|changed| ((set >> u8::from(changed)) & 1 == 1) != *negate),
            Clause::SuggestedLabel { dim, set, negate } => derived
                .suggestion
                .is_some_and(|s| label_in(s.label(*dim).map(|l| l.code), *set, *negate)),
            Clause::SuggestedAmountIn {
                values,
                none,
                negate,
            } => derived.suggestion.is_some_and(|s| {
                amount_in(s.amount.as_ref().map(|a| a.won), values, *none, *negate)
            }),
            Clause::SuggestedAmountCmp { cmp, value } => derived.suggestion.is_some_and(|s| {
                s.amount
                    .as_ref()
                    .is_some_and(|a| cmp.holds(a.won.cmp(value)))
            }),
            Clause::ConfidenceCmp { of, cmp, value } => derived.suggestion.is_some_and(|s| {
                of.confidence(s)
                    .and_then(|c| c.partial_cmp(value))
                    .is_some_and(|ordering| cmp.holds(ordering))
            }),
            Clause::ConfidenceNone { of, negate } => derived
                .suggestion
                .is_some_and(|s| of.confidence(s).is_none() != *negate),
            Clause::Agrees { set, negate } => derived.suggestion.is_some_and(|s| {
                let bit = match agrees(s, case) {
                    Some(false) => 1,
                    Some(true) => 2,
                    None => 4,
                };
                (set & bit != 0) != *negate
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::filter::{Filter, NOTHING_SUGGESTED};
    use crate::domain::taxonomy::{Dimension, Status};
    use crate::domain::{CaseSuggestion, Suggested, SuggestedAmount};

    fn f(expr: &str) -> Filter {
        match Filter::parse(expr) {
            Ok(filter) => filter,
            Err(e) => panic!("{expr:?} should parse: {e}"),
        }
    }

    fn case(id: &str) -> Case {
        Case::new(id, "text")
    }

    /// A labelled case: `labels` as code strings in `Dimension::ALL` order, "" = unlabelled.
    fn labelled(labels: [&str; 5]) -> Case {
        let mut c = case("C-1");
        for (dim, code) in Dimension::ALL.into_iter().zip(labels) {
            if !code.is_empty() {
                c.set_label(dim, Some(dim.parse_code(code).unwrap()));
            }
        }
        c
    }

    fn with_amount(won: Option<i64>) -> Case {
        Case {
            amount_krw: won,
            ..case("C-1")
        }
    }

    fn received(at: Option<&str>) -> Case {
        Case {
            received_at: at.map(str::to_string),
            ..case("C-1")
        }
    }

    #[test]
    fn empty_and_blank_expressions_match_everything() {
        for expr in ["", "   ", "\t \t"] {
            let filter = f(expr);
            assert!(filter.is_empty());
            assert_eq!(filter.source(), expr);
            assert!(filter.matches(&case("x")));
            assert!(filter.matches(&labelled(["affiliate", "", "paid", "", ""])));
        }
        assert!(!f("kind=paid").is_empty());
        assert!(Filter::default().matches(&case("x")));
    }

    #[test]
    fn label_equality_and_lists() {
        let paid = labelled(["kakao", "individual", "paid", "emoticon", "unknown"]);
        let free = labelled([
            "kakao",
            "small_business",
            "free_monetary",
            "talk_channel",
            "",
        ]);
        let bare = labelled(["", "", "", "", ""]);

        let filter = f("kind=paid");
        assert!(filter.matches(&paid) && !filter.matches(&free) && !filter.matches(&bare));

        let filter = f("kind=paid,free_monetary");
        assert!(filter.matches(&paid) && filter.matches(&free) && !filter.matches(&bare));

        let filter = f("kind!=paid,free_monetary");
        assert!(!filter.matches(&paid) && !filter.matches(&free) && filter.matches(&bare));

        let filter = f("kind!=paid");
        assert!(!filter.matches(&paid) && filter.matches(&free) && filter.matches(&bare));

        for dim in Dimension::ALL {
            for (i, info) in dim.codes().iter().enumerate() {
                let mut c = case("x");
                c.set_label(dim, Some(i as u8));
                assert!(f(&format!("{dim}={}", info.code)).matches(&c));
                assert!(!f(&format!("{dim}!={}", info.code)).matches(&c));
            }
        }
    }

    #[test]
    fn none_alone_and_in_lists() {
        let unknown = labelled(["", "", "", "", "unknown"]);
        let available = labelled(["", "", "", "", "available"]);
        let unlabelled = labelled(["", "", "", "", ""]);

        let filter = f("substitute=none");
        assert!(filter.matches(&unlabelled) && !filter.matches(&unknown));
        let filter = f("substitute!=none");
        assert!(!filter.matches(&unlabelled) && filter.matches(&unknown));
        let filter = f("substitute=unknown,none");
        assert!(filter.matches(&unlabelled) && filter.matches(&unknown));
        assert!(!filter.matches(&available));
        let filter = f("substitute!=unknown,none");
        assert!(!filter.matches(&unlabelled) && !filter.matches(&unknown));
        assert!(filter.matches(&available));

        assert!(f("amount=none").matches(&with_amount(None)));
        assert!(!f("amount=none").matches(&with_amount(Some(0))));
        assert!(f("amount!=none").matches(&with_amount(Some(0))));
        assert!(f("received_at=none").matches(&received(None)));
        assert!(!f("received_at!=none").matches(&received(None)));
        assert!(f("channel=none").matches(&case("x")));
        assert!(f("updated_by=none").matches(&case("x")));
        let mut kim = case("x");
        kim.updated_by = Some("kim".into());
        kim.channel = Some("web".into());
        assert!(f("updated_by!=none channel=web,none").matches(&kim));
        assert!(!f("updated_by=none").matches(&kim));
    }

    #[test]
    fn status_equality_and_lists() {
        let mut c = case("x");
        assert!(f("status=new").matches(&c));
        assert!(f("status!=reviewed,escalated").matches(&c));
        c.status = Status::Escalated;
        assert!(!f("status=new,reviewed").matches(&c));
        assert!(f("status=reviewed,escalated").matches(&c));
        assert!(f("status!=new").matches(&c));
    }

    #[test]
    fn amounts_compare_numerically() {
        let none = with_amount(None);
        let small = with_amount(Some(300_000));
        let large = with_amount(Some(500_001));
        let check = |expr: &str, expect: [bool; 3]| {
            let filter = f(expr);
            let got = [&none, &small, &large].map(|c| filter.matches(c));
            assert_eq!(got, expect, "{expr}");
        };
        check("amount_krw<300000", [false, false, false]);
        check("amount_krw<=300000", [false, true, false]);
        check("amount>300,000", [false, false, true]);
        check("amount>=300,000", [false, true, true]);
        check("amount<500,001", [false, true, false]);
        check("amount_krw=300000", [false, true, false]);
        check("amount_krw!=300000", [true, false, true]);
        check("amount=300,000,\"500,001\"", [false, true, true]);
        // Greedy thousands grouping: this is one amount, 300,000,500,001 won.
        check("amount=300,000,500,001", [false, false, false]);
        assert!(f("amount=300,000,500,001").matches(&with_amount(Some(300_000_500_001))));
        check("amount=30000,500,001", [false, false, true]);
        check("amount=300000,500001", [false, true, true]);
        check("amount=\"300,000\",none", [true, true, false]);
        check("amount!=500,001,none", [false, true, false]);
        check("amount>=\"300,000\"", [false, true, true]);
        check("amount>=0 amount<=500000", [false, true, false]);
    }

    #[test]
    fn received_at_compares_the_day() {
        let early = received(Some("2022-10-19"));
        let later = received(Some("2022-10-25T13:05:00+09:00"));
        let missing = received(None);
        let check = |expr: &str, expect: [bool; 3]| {
            let filter = f(expr);
            let got = [&early, &later, &missing].map(|c| filter.matches(c));
            assert_eq!(got, expect, "{expr}");
        };
        check("received_at<2022-10-19", [false, false, false]);
        check("received_at<=2022-10-19", [true, false, false]);
        check("received_at>2022-10-19", [false, true, false]);
        check("received_at>=2022-10-25", [false, true, false]);
        check("received_at=2022-10-25", [false, true, false]);
        check("received_at=2022-10-25,2022-10-19", [true, true, false]);
        check("received_at!=2022-10-25", [true, false, true]);
        check("received_at=2022-10-25,none", [false, true, true]);
    }

    #[test]
    fn strings_match_exactly() {
        let mut c = case("C-000123");
        c.updated_by = Some("kim min".into());
        c.channel = Some("카카오톡 채널".into());
        assert!(f("id=C-000123").matches(&c));
        assert!(f("id=C-1,C-000123").matches(&c));
        assert!(!f("id=c-000123").matches(&c));
        assert!(!f("id!=C-000123").matches(&c));
        assert!(f("updated_by=\"kim min\"").matches(&c));
        assert!(!f("updated_by=kim").matches(&c));
        assert!(f("updated_by!=kim").matches(&c));
        assert!(f("channel=\"카카오톡 채널\",web").matches(&c));
        let mut odd = case("a,b");
        odd.updated_by = Some(r#"say "hi"\"#.into());
        assert!(f(r#"id="a,b""#).matches(&odd));
        assert!(f(r#"updated_by="say \"hi\"\\""#).matches(&odd));
        assert!(f(r#"id="none""#).matches(&case("none")));
        assert!(!f(r#"updated_by="none""#).matches(&case("x")));
    }

    #[test]
    fn clauses_are_anded() {
        let mut c = labelled([
            "kakao",
            "small_business",
            "free_monetary",
            "talk_channel",
            "",
        ]);
        c.amount_krw = Some(450_000);
        let filter = f("scope=kakao  reporter=small_business\tamount>300,000 substitute=none");
        assert!(filter.matches(&c));
        assert!(!f("scope=kakao reporter=individual").matches(&c));
        assert!(!f("scope=kakao amount>500000").matches(&c));
        assert_eq!(f("kind=paid").to_string(), "kind=paid");
        assert_eq!("kind=paid".parse::<Filter>(), Ok(f("kind=paid")));
    }

    #[test]
    fn same_text_is_string_equality() {
        for (a, b) in [
            ("", ""),
            ("a", "a"),
            ("C-000001", "C-000001"),
            ("C-000001", "C-000002"),
            ("kim min", "kim mim"),
            ("카카오톡 채널", "카카오톡 채널"),
            ("0123456789abcdefX", "0123456789abcdefY"),
            ("Y0123456789abcdef", "X0123456789abcdef"),
            ("abc", "abcd"),
        ] {
            assert_eq!(same_text(a, b), a == b, "{a:?} {b:?}");
        }
    }

    #[test]
    fn day_keys_order_like_the_first_ten_characters() {
        let key = |s: &str| day_key(s.as_bytes());
        let date = key("2022-10-19");
        assert_eq!(key("2022-10-19T09:00:00+09:00"), date);
        assert!(key("2022-10") < date);
        assert!(key("") < date);
        assert!(key("2022-10-20") > date);
        assert!(key("가나다라마바사아자차카타") > date);
        assert!(key("2022-10-1가") > date);
    }

    proptest::proptest! {
        #[test]
        fn ordering_agrees_with_comparing_numbers_and_days(
            op in proptest::sample::select(&["<", "<=", ">", ">="][..]),
            threshold in 0i64..2_000_000,
            won in proptest::option::of(0i64..2_000_000),
            day in 1u32..=31,
            at in proptest::option::of("2022-1[01]-[0-3]?[0-9]?\\PC{0,4}"),
        ) {
            let holds = |ord: std::cmp::Ordering| match op {
                "<" => ord.is_lt(),
                "<=" => ord.is_le(),
                ">" => ord.is_gt(),
                _ => ord.is_ge(),
            };
            let by_amount = f(&format!("amount{op}{threshold}"));
            let expected = won.is_some_and(|w| holds(w.cmp(&threshold)));
            proptest::prop_assert_eq!(by_amount.matches(&with_amount(won)), expected);

            let date = format!("2022-10-{day:02}");
            let by_day = f(&format!("received_at{op}{date}"));
            let expected = at.as_deref().is_some_and(|r| {
                let first_ten: String = r.chars().take(10).collect();
                holds(first_ten.as_str().cmp(date.as_str()))
            });
            proptest::prop_assert_eq!(by_day.matches(&received(at.as_deref())), expected);
        }

        #[test]
        fn same_text_agrees_with_eq(a in "[ab]{0,20}", b in "[ab]{0,20}") {
            proptest::prop_assert_eq!(same_text(&a, &b), a == b);
        }

        #[test]
        fn day_keys_agree_with_comparing_characters(
            text in "(2022-1[01]-[0-3][0-9])?\\PC{0,12}",
            day in "20[0-9]{2}-[01][0-9]-[0-3][0-9]",
        ) {
            let first_ten: String = text.chars().take(10).collect();
            let expected = first_ten.as_str().cmp(day.as_str());
            proptest::prop_assert_eq!(day_key(text.as_bytes()).cmp(&day_key(day.as_bytes())), expected);
        }
    }

    #[test]
    fn derived_fields_need_their_values() {
        let c = case("x");
        let with = |outcome, rule, changed| Derived {
            outcome,
            rule,
            changed,
            suggestion: None,
        };
        let full = with(Some("support_cash"), Some("band-2"), Some(true));
        assert!(f("outcome=support_cash").matches_with(&c, &full));
        assert!(f("outcome=reply_only,support_cash").matches_with(&c, &full));
        assert!(!f("outcome!=support_cash").matches_with(&c, &full));
        assert!(f("outcome!=reply_only").matches_with(&c, &full));
        assert!(f("rule=band-2 changed=yes").matches_with(&c, &full));
        assert!(!f("rule!=band-2").matches_with(&c, &full));
        assert!(!f("changed=no").matches_with(&c, &full));
        assert!(f("changed!=no").matches_with(&c, &full));
        assert!(f("changed=yes,no").matches_with(&c, &full));
        let unchanged = with(Some("reply_only"), Some("default"), Some(false));
        assert!(f("changed=no rule=default").matches_with(&c, &unchanged));
        // Without the values, no clause on a derived field holds, not even a negated one.
        for expr in [
            "outcome=x",
            "outcome!=x",
            "rule!=a",
            "changed=yes",
            "changed!=yes",
        ] {
            assert!(!f(expr).matches(&c), "{expr}");
            assert!(!f(expr).matches_with(&c, &Derived::NONE), "{expr}");
        }
        let no_compare = with(Some("x"), Some("a"), None);
        assert!(f("outcome=x rule=a").matches_with(&c, &no_compare));
        assert!(!f("outcome=x changed=no").matches_with(&c, &no_compare));
        // Case fields still count.
        assert!(!f("outcome=x kind=paid").matches_with(&c, &no_compare));
    }

    #[test]
    fn uses_derived_says_what_a_filter_needs() {
        assert_eq!(f("kind=paid").uses_derived(), (false, false));
        assert_eq!(f("outcome=x").uses_derived(), (true, false));
        assert_eq!(f("rule=a kind=paid").uses_derived(), (true, false));
        assert_eq!(f("changed=yes").uses_derived(), (false, true));
        assert_eq!(f("changed=no outcome=x").uses_derived(), (true, true));
    }

    /// A case's suggestions: `kind` with its confidence, and an amount with its confidence.
    fn suggestion(kind: Option<(&str, f32)>, amount: Option<(i64, f32)>) -> CaseSuggestion {
        let mut s = CaseSuggestion::default();
        s.labels[Dimension::Kind.index()] = kind.map(|(code, confidence)| Suggested {
            code: Dimension::Kind.parse_code(code).unwrap(),
            confidence,
        });
        s.amount = amount.map(|(won, confidence)| SuggestedAmount {
            won,
            confidence,
            start: 0,
            end: 0,
            why: String::new(),
        });
        s
    }

    /// Whether each expression holds for `case` with suggestion `s` (and with none known).
    fn holds(expr: &str, case: &Case, s: &CaseSuggestion) -> bool {
        let filter = f(expr);
        assert!(filter.uses_suggestions(), "{expr}");
        assert!(
            !filter.matches(case) && !filter.matches_with(case, &Derived::NONE),
            "{expr}: holds without the suggestions"
        );
        filter.matches_with(case, &Derived::NONE.with_suggestion(Some(s)))
    }

    #[test]
    fn suggested_values_compare_like_the_labels() {
        let c = labelled(["", "", "paid", "", ""]);
        let paid = suggestion(Some(("paid", 0.93)), Some((800_000, 0.4)));
        let inquiry = suggestion(Some(("inquiry", 0.5)), None);
        let nothing = &NOTHING_SUGGESTED;
        let check = |expr: &str, expect: [bool; 3]| {
            let got = [&paid, &inquiry, nothing].map(|s| holds(expr, &c, s));
            assert_eq!(got, expect, "{expr}");
        };
        check("suggested_kind=paid", [true, false, false]);
        check("suggested_kind=paid,inquiry", [true, true, false]);
        check("suggested_kind!=paid", [false, true, true]);
        check("suggested_kind=none", [false, false, true]);
        check("suggested_kind!=none", [true, true, false]);
        check("suggested_scope=none", [true, true, true]);
        check("suggested_amount=800,000", [true, false, false]);
        check("suggested_amount_krw!=800000", [false, true, true]);
        check("suggested_amount=none", [false, true, true]);
        check("suggested_amount>=800000", [true, false, false]);
        check("suggested_amount<800000", [false, false, false]);
    }

    #[test]
    fn confidences_order_and_are_none_where_nothing_is_suggested() {
        let c = case("x");
        let paid = suggestion(Some(("paid", 0.93)), Some((800_000, 0.4)));
        let unsure = suggestion(Some(("inquiry", 0.5)), None);
        let nothing = &NOTHING_SUGGESTED;
        let check = |expr: &str, expect: [bool; 3]| {
            let got = [&paid, &unsure, nothing].map(|s| holds(expr, &c, s));
            assert_eq!(got, expect, "{expr}");
        };
        check("kind_confidence<0.5", [false, false, false]);
        check("kind_confidence<=0.5", [false, true, false]);
        check("kind_confidence>0.5", [true, false, false]);
        check("kind_confidence>=.93", [true, false, false]);
        check("kind_confidence>0.93", [false, false, false]);
        check("kind_confidence>=0", [true, true, false]);
        check("kind_confidence<=1", [true, true, false]);
        check("kind_confidence=none", [false, false, true]);
        check("kind_confidence!=none", [true, true, false]);
        check("amount_confidence<0.5", [true, false, false]);
        check("amount_krw_confidence=none", [false, true, true]);
        check("scope_confidence=none", [true, true, true]);
    }

    #[test]
    fn agrees_when_every_suggested_value_equals_the_case() {
        let mut c = labelled(["", "", "paid", "", ""]);
        c.amount_krw = Some(800_000);
        let both = suggestion(Some(("paid", 0.9)), Some((800_000, 0.9)));
        let other_kind = suggestion(Some(("inquiry", 0.9)), Some((800_000, 0.9)));
        // An amount the text states none of, where the case has one, disagrees.
        let no_amount = suggestion(Some(("paid", 0.9)), None);
        let nothing = &NOTHING_SUGGESTED;
        let check = |expr: &str, expect: [bool; 4]| {
            let got = [&both, &other_kind, &no_amount, nothing].map(|s| holds(expr, &c, s));
            assert_eq!(got, expect, "{expr}");
        };
        check("agrees=yes", [true, false, false, false]);
        check("agrees=no", [false, true, true, false]);
        check("agrees=none", [false, false, false, true]);
        check("agrees!=yes", [false, true, true, true]);
        check("agrees=yes,no", [true, true, true, false]);
        check("agrees!=none", [true, true, true, false]);
        check("agrees=no kind_confidence>=0.9", [false, true, true, false]);
    }

    #[test]
    fn uses_suggestions_says_whether_to_load_them() {
        assert!(!f("kind=paid amount>5 outcome=x changed=yes").uses_suggestions());
        assert!(!f("").uses_suggestions());
        for expr in [
            "suggested_kind=paid",
            "kind=paid suggested_amount=none",
            "kind_confidence<0.5",
            "amount_confidence=none",
            "agrees=no",
        ] {
            assert!(f(expr).uses_suggestions(), "{expr}");
        }
        assert_eq!(f("agrees=no").uses_derived(), (false, false));
    }

    #[test]
    fn label_bits_ignore_indices_without_a_code() {
        assert_eq!(label_bit(None), 1 << NONE_BIT);
        assert_eq!(label_bit(Some(0)), 1);
        assert_eq!(label_bit(Some(12)), 1 << 12);
        assert_eq!(label_bit(Some(200)), 0);
    }
}
