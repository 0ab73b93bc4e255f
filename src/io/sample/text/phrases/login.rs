//! Kakao Login: apps and sites that sign in with a Kakao account stopped letting people in.

use super::Bank;

/// A crypto exchange account (Upbit) behind Kakao Login.
pub const CRYPTO: Bank = Bank {
    intro: &[
        "{app}{을} 카카오 계정으로 쓰는 투자자{다}",
        "코인 투자를 하는 직장인{다}",
        "{app} 이용자{다}",
    ],
    happened: &[
        "{app}{이} 카카오 로그인으로만 돼 있어서 {when}부터 접속을 못 했{E}",
        "코인 가격이 급락하는데 {app} 로그인이 안 돼서 손절을 못 했{E}",
        "{app}에 걸어 둔 매도 주문을 취소하려고 했는데 로그인이 막혔{E}",
        "카카오 인증이 안 돼서 {app} 원화 출금을 못 했{E}",
        "{dur} {app} 앱 로그인 화면에서 카카오 로그인 버튼만 계속 돌았{E}",
        "다른 로그인 방법을 설정해 두지 않아서 {app}에 들어갈 방법이 없었{E}",
    ],
    consequence: &[
        "그 사이 보유 코인이 크게 떨어졌{E}",
        "매수 타이밍을 놓쳤{E}",
        "대출 상환일에 출금을 못 해서 연체 이자가 붙었{E}",
        "로그인됐을 때는 이미 손실이 확정된 뒤였{E}",
    ],
    loss: &[
        "손실액이 {amt}{다}",
        "그때 못 판 코인 때문에 {amt} 손해를 봤{E}",
        "평가손실 {amt}",
        "당시 시세로 계산하면 {amt}{이} 사라졌{E}",
        "{amt} 정도 손해{다}",
    ],
};

/// Streaming (SPOTV NOW, TVING, …) behind Kakao Login.
pub const STREAMING: Bank = Bank {
    intro: &[
        "{app} 유료 회원{다}",
        "{app}{을} 카카오 계정으로 구독하고 있{E}",
    ],
    happened: &[
        "{when}에 {app}{을} 보려는데 카카오 로그인이 안 돼서 못 봤{E}",
        "토트넘 경기를 보려고 {app} 결제까지 해 놨는데 로그인이 막혔{E}",
        "{app} 로그인이 {dur} 안 돼서 결제한 생중계를 통째로 놓쳤{E}",
        "{app} 본방 보려고 기다렸는데 카카오 로그인 오류만 떴{E}",
        "TV 앱에서 {app} 로그아웃이 됐는데 다시 로그인할 수가 없었{E}",
    ],
    consequence: &[
        "그 경기는 다시 볼 수도 없었{E}",
        "친구들이랑 모여서 보려던 약속이 다 깨졌{E}",
        "한 달 이용권 중 주말 이틀을 날렸{E}",
        "결국 다른 곳에서 이용권을 새로 끊었{E}",
    ],
    loss: &[
        "결제한 이용권이 {amt}{다}",
        "새로 결제한 금액 {amt}",
        "{amt}{을} 고스란히 날렸{E}",
    ],
};

/// A game account behind Kakao Login.
pub const GAME: Bank = Bank {
    intro: &[
        "{app} 하는 유저{다}",
        "{app}{을} 카카오 계정으로 하는 사람{다}",
    ],
    happened: &[
        "{app}{이} 카카오 계정 연동이라 {dur} 접속을 못 했{E}",
        "{when} 길드전 시간에 {app} 로그인이 안 됐{E}",
        "{app} 한정 이벤트 마지막 날이었는데 접속이 안 됐{E}",
        "{app}에서 결제한 패키지가 {dur} 지급되지 않았{E}",
        "{app} 월정액 혜택 기간에 로그인을 못 했{E}",
    ],
    consequence: &[
        "이벤트 보상을 못 받았{E}",
        "길드 순위가 떨어졌{E}",
        "패키지 기간이 그대로 지나갔{E}",
        "출석 보상이 끊겨서 처음부터 다시 해야 했{E}",
    ],
    loss: &[
        "결제한 패키지 금액이 {amt}{다}",
        "날린 월정액과 패키지가 {amt}{다}",
        "{amt} 결제했는데 못 썼{E}",
    ],
};

/// Any other app or site behind Kakao Login (delivery, shopping, lodging, …).
pub const APPS: Bank = Bank {
    intro: &[
        "{app}{을} 카카오 로그인으로 쓰는 사람{다}",
        "자영업자는 아니고 일반 이용자{다}",
    ],
    happened: &[
        "{app}{이} 카카오로 로그인하게 돼 있어서 {dur} 앱을 못 썼{E}",
        "{when}에 {app}에서 결제하려는데 카카오 로그인이 안 돼서 못 했{E}",
        "{app} 특가가 {when}까지였는데 로그인이 안 돼서 놓쳤{E}",
        "{app} 자동 로그인이 풀리고 다시 로그인이 안 됐{E}",
        "카카오 계정 하나로 여러 앱을 쓰고 있었는데 전부 한꺼번에 막혔{E}",
        "업무용 사이트도 카카오 로그인이라 마감 업무를 못 했{E}",
    ],
    consequence: &[
        "쿠폰 기한이 그대로 지났{E}",
        "숙소 특가를 놓쳐서 훨씬 비싸게 예약했{E}",
        "주문을 못 해서 다른 데서 더 비싸게 샀{E}",
        "마감을 못 맞춰서 거래처에 위약금을 물었{E}",
    ],
    loss: &[
        "차액이 {amt}{다}",
        "날린 쿠폰이랑 차액 합쳐서 {amt}{다}",
        "{amt}{을} 더 썼{E}",
        "손해 본 돈 {amt}",
    ],
};
