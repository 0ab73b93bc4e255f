//! The grammar rules of the phrase banks, checked on every template: a `{E}` or `{Q}` follows
//! a past or 있/없 stem, a vocabulary slot is never followed by a fixed particle, every
//! clause ends in an ending slot, and `{amt}` appears exactly in the loss banks.

use super::super::super::labels::Service;
use super::{business, frame, login, mobility, paid, personal, reactions, Bank};

fn all_banks() -> Vec<(&'static str, &'static Bank)> {
    vec![
        ("business::CHANNEL", &business::CHANNEL),
        ("business::TALK", &business::TALK),
        ("business::MAP", &business::MAP),
        ("business::GIFT", &business::GIFT),
        ("business::LOGIN", &business::LOGIN),
        ("business::OTHER", &business::OTHER),
        ("business::ENTERPRISE", &business::ENTERPRISE),
        ("business::ENTERPRISE_LOGIN", &business::ENTERPRISE_LOGIN),
        ("mobility::MAP_DRIVER", &mobility::MAP_DRIVER),
        ("mobility::TAXI_PASSENGER", &mobility::TAXI_PASSENGER),
        ("mobility::TAXI_DRIVER", &mobility::TAXI_DRIVER),
        ("login::CRYPTO", &login::CRYPTO),
        ("login::STREAMING", &login::STREAMING),
        ("login::GAME", &login::GAME),
        ("login::APPS", &login::APPS),
        ("personal::GIFT", &personal::GIFT),
        ("personal::TALK", &personal::TALK),
        ("personal::DAUM_MAIL", &personal::DAUM_MAIL),
        ("personal::DAUM_CAFE", &personal::DAUM_CAFE),
        ("personal::OTHER", &personal::OTHER),
        ("paid::EMOTICON", &paid::EMOTICON),
        ("paid::DRAWER", &paid::DRAWER),
        ("paid::MELON", &paid::MELON),
        ("paid::PAGE", &paid::PAGE),
        ("paid::TAXI_PASS", &paid::TAXI_PASS),
        ("paid::PAY", &paid::PAY),
        ("paid::PAY_MERCHANT", &paid::PAY_MERCHANT),
    ]
}

/// The grammar rules of `text::phrases`, checked on every template.
fn lint(name: &str, template: &str, problems: &mut Vec<String>) {
    const WORD_SLOTS: [&str; 13] = [
        "{biz}", "{order}", "{cust}", "{boss}", "{loc}", "{app}", "{job}", "{item}", "{when}",
        "{dur}", "{svc}", "{n}", "{k}",
    ];
    for slot in ["{E}", "{Q}"] {
        for (at, _) in template.match_indices(slot) {
            let ok = template[..at].chars().next_back().is_some_and(|c| {
                let jong = u32::from(c).wrapping_sub(0xAC00) % 28;
                matches!(c, '가'..='힣') && (jong == 20 || jong == 18)
            });
            if !ok {
                problems.push(format!(
                    "{name}: {slot} after a stem that is not past/있/없: {template}"
                ));
            }
        }
    }
    for slot in WORD_SLOTS {
        for (at, _) in template.match_indices(slot) {
            let next = template[at + slot.len()..].chars().next();
            if matches!(
                next,
                Some('을' | '를' | '이' | '가' | '은' | '는' | '과' | '와' | '로')
            ) {
                problems.push(format!("{name}: bare particle after {slot}: {template}"));
            }
        }
    }
    let ends_well = ["{E}", "{다}", "{H}", "{R}", "{Q}", "{amt}"]
        .iter()
        .any(|s| template.ends_with(s))
        || template.ends_with(['.', '?', '!', ':']);
    if !ends_well {
        problems.push(format!(
            "{name}: does not end in an ending slot: {template}"
        ));
    }
}

#[test]
fn phrase_templates_follow_the_grammar_rules() {
    let mut problems = Vec::new();
    for (name, bank) in all_banks() {
        for t in bank
            .intro
            .iter()
            .chain(bank.happened)
            .chain(bank.consequence)
        {
            lint(name, t, &mut problems);
            if t.contains("{amt}") {
                problems.push(format!("{name}: amount outside loss: {t}"));
            }
        }
        for t in bank.loss {
            lint(name, t, &mut problems);
            if !t.contains("{amt}") {
                problems.push(format!("{name}: loss without amount: {t}"));
            }
        }
        assert!(!bank.happened.is_empty() && !bank.loss.is_empty() && !bank.intro.is_empty());
    }
    let lists: [(&str, &[&str]); 19] = [
        ("FOOD", business::FOOD),
        ("BEAUTY", business::BEAUTY),
        ("LESSONS", business::LESSONS),
        ("LODGING", business::LODGING),
        ("MADE", business::MADE),
        ("TIME", frame::TIME),
        ("DEMAND_MONEY", frame::DEMAND_MONEY),
        ("DEMAND_BUSINESS", frame::DEMAND_BUSINESS),
        ("DEMAND_PAID", frame::DEMAND_PAID),
        ("THREAT", frame::THREAT),
        ("NO_AMOUNT", frame::NO_AMOUNT),
        ("BACKGROUND", frame::BACKGROUND),
        ("TIMELINE", frame::TIMELINE),
        ("INQUIRY", reactions::INQUIRY),
        ("INQUIRY_BUSINESS", reactions::INQUIRY_BUSINESS),
        ("INQUIRY_PAID", reactions::INQUIRY_PAID),
        ("OPINION", reactions::OPINION),
        ("PROTEST", reactions::PROTEST),
        ("CHEER", reactions::CHEER),
    ];
    for (name, list) in lists {
        for t in list {
            lint(name, t, &mut problems);
        }
    }
    for service in [
        None,
        Some(Service::KakaoTalk),
        Some(Service::Other),
        Some(Service::KakaoPage),
    ] {
        for t in reactions::context(service) {
            lint("context", t, &mut problems);
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_lint_catches_what_it_should() {
    let mut problems = Vec::new();
    lint("bad", "예약을 받{E}", &mut problems);
    lint("bad", "{biz}을 운영했{E}", &mut problems);
    lint("bad", "하고 있", &mut problems);
    assert_eq!(problems.len(), 3, "{problems:?}");
    let mut none = Vec::new();
    lint("good", "{biz}{을} 운영하고 있{E}", &mut none);
    lint("good", "없{Q}", &mut none);
    assert!(none.is_empty(), "{none:?}");
}
