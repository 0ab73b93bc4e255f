//! The claimed loss of hand-written claims: exact amounts, the words each points at, and how
//! the choice was made; the calibration's smoothed shares.

use super::Evidence::*;
use super::*;

/// A claim, and the claimed loss: its won, the text of the mention, the evidence; or `None`.
type Claim = (&'static str, Option<(i64, &'static str, Evidence)>);

/// One amount, in every way people write it.
const FORMS: &[Claim] = &[
    (
        "토요일 저녁 예약을 전부 놓쳐서 80만원 손해를 봤습니다.",
        Some((800_000, "80만원", OnlyMention)),
    ),
    (
        "매출 손실이 약 30만 원 정도입니다.",
        Some((300_000, "30만 원", OnlyMention)),
    ),
    (
        "콜을 못 잡아서 택시비로 12만 5천원이 더 나갔어요",
        Some((125_000, "12만 5천원", OnlyMention)),
    ),
    (
        "하루 매출 1,200,000원이 통째로 날아갔습니다.",
        Some((1_200_000, "1,200,000원", OnlyMention)),
    ),
    (
        "피해 금액은 삼십만 원입니다. 확인 부탁드려요",
        Some((300_000, "삼십만 원", OnlyMention)),
    ),
    (
        "단체 예약 취소로 3십만원 손해 봤어요",
        Some((300_000, "3십만원", OnlyMention)),
    ),
    (
        "선물하기로 보낸 케이크 쿠폰 1.5만원이 그냥 날아갔어요",
        Some((15_000, "1.5만원", OnlyMention)),
    ),
    (
        "행사 당일 공지를 못 보내서 2백만원 피해를 봤습니다",
        Some((2_000_000, "2백만원", OnlyMention)),
    ),
    (
        "수주 계약 하나가 날아가서 천오백만원 손실이 났습니다.",
        Some((15_000_000, "천오백만원", OnlyMention)),
    ),
    (
        "손해액은 50만~60만원 정도로 봅니다",
        Some((600_000, "50만~60만원", Range)),
    ),
    (
        "십만원 넘게 손해 봤는데 어디에 말해야 하나요",
        Some((100_000, "십만원", OnlyMention)),
    ),
    (
        "주말 매출이 50~60만원 정도 빠졌습니다",
        Some((600_000, "50~60만원", Range)),
    ),
    (
        "손해가 2~3만원은 될 거예요",
        Some((30_000, "2~3만원", Range)),
    ),
    (
        "공장 라인이 멈춰서 3억 5천만 원 손실을 봤습니다",
        Some((350_000_000, "3억 5천만 원", OnlyMention)),
    ),
    (
        "125000원 결제했는데 환불도 안 되고 연락도 없네요",
        Some((125_000, "125000원", OnlyMention)),
    ),
    (
        "대략 4만원 정도 손해입니다",
        Some((40_000, "4만원", OnlyMention)),
    ),
    (
        "30여만 원의 손실이 생겼어요",
        Some((300_000, "30여만 원", OnlyMention)),
    ),
    (
        "피해액은삼십오만 원입니다",
        Some((350_000, "삼십오만 원", OnlyMention)),
    ),
    (
        "손해 본 게 20만 넘어요",
        Some((200_000, "20만", OnlyMention)),
    ),
    ("약30만원 날렸음", Some((300_000, "30만원", OnlyMention))),
    (
        "대략삼십만원 손해",
        Some((300_000, "삼십만원", OnlyMention)),
    ),
    (
        "30만원정도 손해봤어요",
        Some((300_000, "30만원", OnlyMention)),
    ),
    (
        "손해 금액: 1억 2000만원 (증빙 있음)",
        Some((120_000_000, "1억 2000만원", OnlyMention)),
    ),
    (
        "손실은 오백오십만 원 정도로 추산됩니다",
        Some((5_500_000, "오백오십만 원", OnlyMention)),
    ),
    (
        "배달 지연으로 3만5천원 물어줬어요",
        Some((35_000, "3만5천원", OnlyMention)),
    ),
    (
        "₩35,000 환불해 주세요",
        Some((35_000, "₩35,000", OnlyMention)),
    ),
    (
        "The total damage is KRW 1,200,000.",
        Some((1_200_000, "1,200,000", OnlyMention)),
    ),
    (
        "I lost about 50,000 won because the app was down.",
        Some((50_000, "50,000 won", OnlyMention)),
    ),
    (
        "손해가 10-20만원 정도입니다",
        Some((200_000, "10-20만원", Range)),
    ),
    (
        "피해액 1억 5천만 원, 자료 첨부합니다",
        Some((150_000_000, "1억 5천만 원", OnlyMention)),
    ),
];

/// Several mentions: prices, totals, offers, repeats.
const SEVERAL: &[Claim] = &[
    (
        "한 판 2만원짜리 피자를 스무 판 못 팔았고 매출 40만 원 손해입니다.",
        Some((400_000, "40만 원", LossWord)),
    ),
    (
        "객단가가 3만원 정도인데 예약 12팀이 취소돼서 총 36만원 손해입니다",
        Some((360_000, "36만원", Total)),
    ),
    (
        "택시비 2만원, 숙박비 8만원, 합계 10만원 손해 봤습니다.",
        Some((100_000, "10만원", Total)),
    ),
    (
        "꽃바구니 3만원, 케이크 2만 5천원 해서 총 5만 5천원 날렸어요",
        Some((55_000, "5만 5천원", Total)),
    ),
    (
        "이모티콘 플러스 월 3,900원 내는데 하루 종일 못 썼어요. 환불해 주세요.",
        Some((3_900, "3,900원", Subscription)),
    ),
    (
        "톡서랍 플러스 월 1,900원 구독 중인데, 백업을 못 해서 외주 작업비 25만원을 못 받았어요.",
        Some((250_000, "25만원", LossWord)),
    ),
    (
        "멜론 이용권 한 달에 10,900원인데 사흘을 못 들었습니다",
        Some((10_900, "10,900원", Subscription)),
    ),
    (
        "2만원짜리 기프티콘 기한이 지나서 못 썼습니다.",
        Some((20_000, "2만원", ItemPrice)),
    ),
    (
        "3만원짜리 생일 선물이 안 갔고 5만원짜리 케이크 쿠폰도 만료됐어요",
        Some((50_000, "5만원", ItemPrice)),
    ),
    (
        "예약 손님이 1인당 4만원 코스였는데 다 취소돼서 20만원 날렸습니다",
        Some((200_000, "20만원", LossWord)),
    ),
    (
        "개당 5천원짜리 떡을 80개 폐기해서 40만원 손해",
        Some((400_000, "40만원", LossWord)),
    ),
    (
        "한 잔 4,500원 커피 쿠폰 10장이 만료돼서 45,000원 날렸어요",
        Some((45_000, "45,000원", LossWord)),
    ),
    (
        "30만원 손해 봤어요. 30만원 보상해 주세요",
        Some((300_000, "30만원", OnlyMention)),
    ),
    (
        "재료비 손해 12만원, 매출 손실 50만원입니다",
        Some((500_000, "50만원", LossWord)),
    ),
    (
        "소상공인 5만원 지원금 말고 실제 손해 70만원 보상해 주세요",
        Some((700_000, "70만원", LossWord)),
    ),
    (
        "3천원 할인쿠폰으로 때우지 말고 제가 날린 4만원 돌려주세요",
        Some((40_000, "4만원", LossWord)),
    ),
    (
        "일반 택시를 탔는데 평소 8천원이면 가는 거리를 2만 3천원 냈어요",
        Some((23_000, "2만 3천원", Largest)),
    ),
    (
        "1인 3만원 코스 예약 6팀이 전부 노쇼, 50만원 넘게 날아갔어요",
        Some((500_000, "50만원", LossWord)),
    ),
    (
        "모두 합쳐 45만원 정도 피해를 봤고 그중 재료비가 15만원입니다",
        Some((450_000, "45만원", Total)),
    ),
    // Marker words at the edges of a mention's windows: glued to its start, glued to its end,
    // and `총` with its space left out.
    (
        "택시비 2만원 들었고 매출40만원 빠졌어요",
        Some((400_000, "40만원", LossWord)),
    ),
    (
        "대리비 2만원손해, 야식 3만원",
        Some((20_000, "2만원", LossWord)),
    ),
    (
        "택시비 2만원 들었고 총8만원 날렸어요",
        Some((80_000, "8만원", Total)),
    ),
    ("보상으로 3만원 준다는데 장난합니까?", None),
    ("소상공인한테 5만원 주는 걸로 끝낼 생각인가요", None),
];

/// Numbers that are not money, in claims that state none, or next to the one they state.
const NOT_MONEY: &[Claim] = &[
    ("3일 동안 카톡이 안 돼서 너무 불편했습니다", None),
    ("48시간 넘게 먹통이었는데 공지 하나 없었어요", None),
    ("2022년에 이런 일이 생길 줄은 몰랐네요", None),
    ("10월 15일 오후 3시에 처음 알았습니다", None),
    ("1시간마다 재부팅했는데도 안 됐어요", None),
    ("직원 5명이 하루 종일 손 놓고 있었습니다", None),
    ("회원 3만 명에게 보낼 공지를 못 보냈어요", None),
    (
        "고객센터 1577-3754는 안 받고, 제 번호는 010-9876-5432입니다",
        None,
    ),
    ("주문번호 2022101500123 확인 부탁드립니다", None),
    ("할인 쿠폰 20%가 그냥 만료됐어요", None),
    ("저는 45세 자영업자이고 30대 직원 2명과 일합니다", None),
    ("갤럭시 S22에서는 되고 아이폰 14에서는 안 됐어요", None),
    ("예약 12팀, 문의 38건을 놓쳤습니다", None),
    ("이틀 동안 배달만 했는데 지도가 안 떴어요", None),
    ("계좌번호 110-234-567890으로 보내 주세요", None),
    ("사용자 4천만 명이 쓰는 서비스가 이러면 안 되죠", None),
    ("이만 줄이겠습니다. 빠른 복구 부탁드립니다", None),
    ("수백만 원 손해인데 정확히는 모르겠어요", None),
    ("팔로워 2만 계정인데 DM을 하나도 못 봤어요", None),
    ("10/15 ~ 10/17 사흘간 장애가 이어졌습니다", None),
    ("3~4시간이면 된다더니 다음 날까지 갔네요", None),
    (
        "오후 2시부터 밤 11시까지 콜을 못 받아 20만원 손해",
        Some((200_000, "20만원", OnlyMention)),
    ),
    (
        "2022년 10월 15일 오후 3시 30분부터 48시간 동안 주문 38건을 못 받아 약 150만원 손실",
        Some((1_500_000, "150만원", OnlyMention)),
    ),
    (
        "회원 3만 명에게 보낼 광고를 못 돌려서 광고비 30만원이 날아갔습니다.",
        Some((300_000, "30만원", OnlyMention)),
    ),
    (
        "12팀 예약이 취소됐고 손실은 대략 80만 원입니다. 연락처 010-1234-5678",
        Some((800_000, "80만 원", OnlyMention)),
    ),
    (
        "주문번호 20221015-0038 건 환불 부탁드립니다. 금액은 27,000원입니다.",
        Some((27_000, "27,000원", OnlyMention)),
    ),
    (
        "직원 5명 인건비 하루치 60만원은 그대로 나갔어요",
        Some((600_000, "60만원", OnlyMention)),
    ),
    (
        "10월 15일 토요일 하루 매출 50만원이 빠졌습니다",
        Some((500_000, "50만원", OnlyMention)),
    ),
];

fn check(claims: &[Claim]) -> Vec<String> {
    claims
        .iter()
        .filter_map(|&(text, want)| {
            let got = read_claimed_loss(text).map(|r| (r.won, &text[r.span.clone()], r.evidence));
            (got != want).then(|| {
                let why = read_claimed_loss(text).map(|r| r.why);
                format!("{text}\n    got  {got:?}\n    want {want:?}\n    why  {why:?}")
            })
        })
        .collect()
}

#[test]
fn the_table_is_large_and_covers_no_amount() {
    let all = [FORMS, SEVERAL, NOT_MONEY].concat();
    assert!(all.len() >= 60, "{} claims", all.len());
    assert!(all.iter().filter(|(_, want)| want.is_none()).count() >= 20);
    for evidence in Evidence::ALL {
        assert!(
            all.iter()
                .any(|(_, want)| want.is_some_and(|w| w.2 == evidence)),
            "no claim read as {evidence:?}"
        );
    }
}

#[test]
fn one_amount_in_every_form() {
    let wrong = check(FORMS);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_claimed_loss_among_several_mentions() {
    let wrong = check(SEVERAL);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn numbers_that_are_not_money_are_never_amounts() {
    let wrong = check(NOT_MONEY);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

fn why(text: &str) -> String {
    read_claimed_loss(text).map(|r| r.why).unwrap_or_default()
}

#[test]
fn why_names_the_rule_and_what_was_set_aside() {
    assert_eq!(
        why("한 판 2만원짜리 피자를 스무 판 못 팔았고 매출 40만 원 손해입니다."),
        "the loss stated: 매출 40만 원 손해 (2만원짜리 is a price per item)"
    );
    assert_eq!(
        why("택시비 2만원, 숙박비 8만원, 합계 10만원 손해 봤습니다."),
        "the total: 합계 10만원, beating its parts 2만원, 8만원"
    );
    assert_eq!(
        why("톡서랍 플러스 월 1,900원 구독 중인데, 백업을 못 해서 외주 작업비 25만원을 못 받았어요."),
        "the loss stated: 25만원을 못 받 (월 1,900원 is the price of a subscription)"
    );
    assert_eq!(
        why("이모티콘 플러스 월 3,900원 내는데 하루 종일 못 썼어요."),
        "the price of the subscription, no other loss stated: 월 3,900원"
    );
    assert_eq!(
        why("손해액은 50만~60만원 정도로 봅니다"),
        "a range claims its upper bound: 손해액은 50만~60만원"
    );
    assert_eq!(
        why("소상공인 5만원 지원금 말고 실제 손해 70만원 보상해 주세요"),
        "the loss stated: 손해 70만원 보상 (5만원 지원금 is an offer, not a loss)"
    );
    assert_eq!(
        why("일반 택시를 탔는데 평소 8천원이면 가는 거리를 2만 3천원 냈어요"),
        "the largest of 2 amounts, none marked as the loss: 2만 3천원 (the others: 8천원)"
    );
    assert_eq!(
        why("30만원 손해 봤어요. 30만원 보상해 주세요"),
        "the only amount in the text (said 2 times): 30만원 손해"
    );
    assert_eq!(
        why("매출\t40만\n원  손해"),
        "the only amount in the text: 매출 40만 원 손해",
        "one line, however the text is spaced"
    );
}

/// A reading of `won` with `evidence`, for the calibration.
fn reading(won: i64, evidence: Evidence) -> Option<AmountReading> {
    Some(AmountReading {
        won,
        span: 0..1,
        why: String::new(),
        evidence,
    })
}

#[test]
fn calibration_smooths_each_class_toward_its_prior() {
    let pairs = vec![
        // OnlyMention: 3 hits of 4 readings (one on a case without an amount).
        (reading(300_000, OnlyMention), Some(300_000)),
        (reading(50_000, OnlyMention), Some(50_000)),
        (reading(80_000, OnlyMention), Some(80_000)),
        (reading(10_000, OnlyMention), None),
        // Largest: 0 hits of 2.
        (reading(20_000, Largest), Some(30_000)),
        (reading(20_000, Largest), Some(50_000)),
        // A miss and a correct silence.
        (None, Some(40_000)),
        (None, None),
    ];
    let fit = AmountCalibration::fit(pairs);
    let class = |e: Evidence| &fit.classes[e.class()];
    assert_eq!(
        (class(OnlyMention).readings, class(OnlyMention).hits),
        (4, 3)
    );
    // (3 + 2 × 0.9) / (4 + 2) = 0.8; (0 + 2 × 0.5) / (2 + 2) = 0.25.
    assert!((class(OnlyMention).confidence - 0.8).abs() < 1e-6);
    assert!((class(Largest).confidence - 0.25).abs() < 1e-6);
    // A class without readings keeps its prior.
    assert_eq!(class(Total).confidence, Total.prior());
    assert_eq!((fit.labelled, fit.exact, fit.missed), (6, 3, 1));
    assert_eq!((fit.unlabelled, fit.invented), (2, 1));
    assert_eq!(fit.exact_rate(), Some(0.5));
    assert_eq!(fit.invented_rate(), Some(0.5));
    let r = reading(1, Largest).unwrap();
    assert!((fit.confidence(&r) - 0.25).abs() < 1e-6);
}

#[test]
fn without_data_the_priors() {
    let fit = AmountCalibration::default();
    assert_eq!(fit, AmountCalibration::fit(Vec::new()));
    assert_eq!(fit.classes.len(), Evidence::CLASSES);
    for evidence in Evidence::ALL {
        let r = reading(1, evidence).unwrap();
        assert_eq!(fit.confidence(&r), evidence.prior(), "{evidence:?}");
    }
    assert_eq!((fit.exact_rate(), fit.invented_rate()), (None, None));
    // The stronger the rule, the higher its prior.
    assert!(OnlyMention.prior() > LossWord.prior());
    assert!(LossWord.prior() > Largest.prior());
    assert!(Largest.prior() > ItemPrice.prior());
}

#[test]
fn a_stored_calibration_reads_back_and_tolerates_a_missing_class() {
    let fit = AmountCalibration::fit(vec![(reading(5, Total), Some(5))]);
    let json = serde_json::to_string(&fit).unwrap();
    assert!(
        json.contains(r#""evidence":"total","readings":1,"hits":1"#),
        "{json}"
    );
    let mut back: AmountCalibration = serde_json::from_str(&json).unwrap();
    assert_eq!(back, fit);
    back.classes.retain(|c| c.evidence != Total);
    let r = reading(5, Total).unwrap();
    assert_eq!(back.confidence(&r), Total.prior());
}

#[test]
fn classes_are_numbered_in_order() {
    for (i, evidence) in Evidence::ALL.iter().enumerate() {
        assert_eq!(evidence.class(), i);
    }
    let codes: Vec<&str> = Evidence::ALL.iter().map(Evidence::code).collect();
    assert_eq!(
        codes,
        [
            "only_mention",
            "loss_word",
            "total",
            "range",
            "largest",
            "subscription",
            "item_price"
        ]
    );
}
