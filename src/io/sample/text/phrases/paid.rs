//! Paid services and payments: Emoticon Plus and Talk Drawer Plus subscriptions, Melon and
//! Kakao Page (affiliates), Kakao T passes and Kakao Pay payments.

use super::Bank;

/// Emoticon Plus subscribers who lost days.
pub const EMOTICON: Bank = Bank {
    intro: &[
        "이모티콘 플러스 구독자{다}",
        "이모티콘 플러스를 1년 넘게 구독하고 있{E}",
    ],
    happened: &[
        "이모티콘 플러스 구독 중인데 {dur} 이모티콘을 하나도 못 썼{E}",
        "{when}부터 구독 이모티콘 목록이 안 불러와졌{E}",
        "이모티콘 플러스 결제일이 하필 15일이었는데 결제만 되고 이용은 못 했{E}",
        "이모티콘 검색도 안 되고 보내지지도 않았{E}",
        "복구된 뒤에도 이모티콘 플러스 이모티콘이 한동안 안 떴{E}",
    ],
    consequence: &[
        "구독 기간 중 며칠을 그냥 날렸{E}",
        "돈은 나갔는데 서비스는 못 받았{E}",
        "새로 산 이모티콘도 못 써 봤{E}",
    ],
    loss: &[
        "한 달 구독료가 {amt}{다}",
        "구독료 {amt}",
        "{amt} 내고 쓰는 서비스{다}",
        "이번 달 {amt} 결제됐{E}",
    ],
};

/// Talk Drawer Plus subscribers who could not reach their backups.
pub const DRAWER: Bank = Bank {
    intro: &[
        "톡서랍 플러스 유료 이용자{다}",
        "톡서랍 플러스로 대화 백업을 하는 사람{다}",
    ],
    happened: &[
        "톡서랍 플러스에 백업해 둔 사진이랑 파일이 {dur} 안 열렸{E}",
        "톡서랍 플러스 용량을 결제해서 쓰는데 {when}부터 접속이 안 됐{E}",
        "업무 자료를 톡서랍에 다 올려 뒀는데 하나도 못 꺼냈{E}",
        "톡서랍 백업이 중간에 끊겼{E}",
        "복구 후에도 톡서랍 일부 파일이 안 보였{E}",
    ],
    consequence: &[
        "급하게 필요한 계약서를 못 찾았{E}",
        "유료 기간 중 며칠을 못 썼{E}",
        "백업이 제대로 된 건지 불안해서 다시 전부 옮겼{E}",
    ],
    loss: &[
        "월 이용료가 {amt}{다}",
        "결제 금액 {amt}",
        "이번 달 {amt}{을} 냈{E}",
    ],
};

/// Melon subscribers (affiliate).
pub const MELON: Bank = Bank {
    intro: &["멜론 스트리밍 이용권 사용자{다}", "멜론 정기결제 회원{다}"],
    happened: &[
        "{when}부터 멜론 스트리밍이 안 됐{E}",
        "멜론 로그인이 {dur} 안 돼서 음악을 못 들었{E}",
        "저장해 둔 멜론 플레이리스트가 안 불러와졌{E}",
        "운동하면서 듣던 멜론 오프라인 재생도 인증 오류로 막혔{E}",
    ],
    consequence: &[
        "이용권 기간 중 주말을 통째로 날렸{E}",
        "결국 다른 앱으로 들었{E}",
    ],
    loss: &[
        "이용권 금액이 {amt}{다}",
        "한 달 {amt}짜리 이용권{다}",
        "결제액 {amt}",
    ],
};

/// Kakao Page readers whose rentals expired (affiliate).
pub const PAGE: Bank = Bank {
    intro: &[
        "카카오페이지로 웹소설을 보는 독자{다}",
        "카카오페이지 캐시 충전해서 보는 사람{다}",
    ],
    happened: &[
        "카카오페이지에서 빌린 대여권이 접속 장애 중에 만료됐{E}",
        "{dur} 카카오페이지가 안 열려서 대여한 작품을 못 봤{E}",
        "기다리면 무료 시간이 지나도 충전이 안 됐{E}",
        "캐시를 충전했는데 {dur} 반영되지 않았{E}",
    ],
    consequence: &["대여 기간이 그대로 지나갔{E}", "같은 회차를 다시 결제했{E}"],
    loss: &[
        "날린 대여권이 {amt}어치{다}",
        "충전한 캐시 {amt}",
        "다시 결제한 금액이 {amt}{다}",
    ],
};

/// Kakao T pass or membership holders (affiliate, paid).
pub const TAXI_PASS: Bank = Bank {
    intro: &[
        "카카오T 멤버십을 결제해 쓰는 기사{다}",
        "카카오 T 바이크 정기권 이용자{다}",
    ],
    happened: &[
        "카카오T 유료 멤버십 기간인데 {dur} 콜을 못 받았{E}",
        "카카오 T 바이크 정기권이 있는데 {dur} 잠금 해제가 안 됐{E}",
    ],
    consequence: &["돈 내고 쓰는 멤버십인데 이틀을 날렸{E}"],
    loss: &["멤버십 요금이 {amt}{다}", "정기권 {amt}"],
};

/// Kakao Pay users whose payments or transfers failed (affiliate).
pub const PAY: Bank = Bank {
    intro: &[
        "카카오페이를 주 결제 수단으로 쓰는 사람{다}",
        "카카오페이 머니로 생활비를 관리하는 사람{다}",
    ],
    happened: &[
        "{when} 카카오페이 결제가 계속 실패했{E}",
        "카카오페이 송금을 보냈는데 {dur} 상대방한테 안 들어갔{E}",
        "카카오페이 머니가 빠져나갔는데 결제는 안 된 걸로 떴{E}",
        "카카오페이로 내야 하는 공과금 납부가 막혔{E}",
        "카카오페이 인증이 안 돼서 대출 상환을 못 했{E}",
        "더치페이 정산을 카카오페이로 하려다 {dur} 못 했{E}",
    ],
    consequence: &[
        "연체 수수료가 붙었{E}",
        "돈이 묶여서 다른 결제도 못 했{E}",
        "이중 결제된 돈이 며칠 뒤에야 돌아왔{E}",
        "급하게 현금을 찾느라 수수료를 냈{E}",
    ],
    loss: &[
        "묶였던 돈이 {amt}{다}",
        "연체료 포함 {amt}",
        "{amt} 손해를 봤{E}",
        "피해 금액은 {amt}{다}",
    ],
};

/// Shops that take Kakao Pay (affiliate).
pub const PAY_MERCHANT: Bank = Bank {
    intro: &[
        "카카오페이 결제를 받는 {biz} {boss}{다}",
        "{loc}에서 {biz}{을} 하고 있{E}",
    ],
    happened: &[
        "매장 카카오페이 결제가 {dur} 안 돼서 {cust}들이 그냥 나가셨{E}",
        "{when}에 카카오페이 QR 결제가 전부 실패했{E}",
        "카카오페이로 받은 매출 정산이 {dur} 밀렸{E}",
    ],
    consequence: &[
        "결제를 못 하고 돌아간 {cust}{이} 여럿이었{E}",
        "정산금이 늦게 들어와서 거래처 대금을 못 맞췄{E}",
    ],
    loss: &["못 받은 결제 금액이 {amt} 정도{다}", "매출 손실 {amt}"],
};
