//! People on the road: drivers and couriers who navigate with KakaoMap, Kakao T passengers
//! and drivers (an affiliate service).

use super::Bank;

/// A courier, rider or driver who could not navigate with KakaoMap.
pub const MAP_DRIVER: Bank = Bank {
    intro: &[
        "{job}{로} 일하고 있{E}",
        "{loc} 쪽에서 {job} 일을 하는 사람{다}",
        "생계형 {job}{다}",
        "{job} 5년 차{다}",
        "투잡으로 주말에 {job} 일을 하고 있{E}",
    ],
    happened: &[
        "카카오맵으로 배송지를 찾는데 {when}부터 지도가 안 떴{E}",
        "카카오맵 길찾기가 {dur} 먹통이라 주소만 보고 헤맸{E}",
        "내비 대신 카카오맵을 쓰는데 경로 안내가 멈춰서 한참을 돌았{E}",
        "카맵 즐겨찾기에 거래처를 다 저장해 놨는데 하나도 안 불러와졌{E}",
        "{when} 배송 물량이 제일 많을 때 지도가 죽었{E}",
        "초행길 주소를 카카오맵으로만 찾는데 검색 자체가 안 됐{E}",
        "카카오맵 로드뷰로 건물 입구를 확인하는데 그게 안 돼서 엉뚱한 동으로 갔{E}",
        "실시간 교통 정보가 안 떠서 막히는 길로만 다녔{E}",
    ],
    consequence: &[
        "하루에 {n}0건 넘게 돌던 물량을 절반도 못 돌았{E}",
        "배송 지연으로 패널티를 받았{E}",
        "배달 {n}건을 제시간에 못 갖다줘서 취소됐{E}",
        "콜을 놓치고 하루 일당을 거의 날렸{E}",
        "기름값만 평소보다 두 배로 들었{E}",
        "늦게 도착해서 고객 항의를 여러 번 받았{E}",
        "결국 일을 접고 일찍 들어갔{E}",
    ],
    loss: &[
        "그날 번 돈이 평소보다 {amt} 적었{E}",
        "손해 본 일당이 {amt}{다}",
        "지연 패널티랑 기름값 합쳐서 {amt} 정도{다}",
        "{amt} 정도 손해를 봤{E}",
        "못 번 수입만 {amt}{다}",
    ],
};

/// A Kakao T passenger who could not call a taxi.
pub const TAXI_PASSENGER: Bank = Bank {
    intro: &[
        "카카오T로 출퇴근하는 직장인{다}",
        "평소 카카오택시를 자주 이용하는 사람{다}",
        "카카오 T 블루 자주 타는 이용자{다}",
    ],
    happened: &[
        "{when} 카카오T 호출이 아예 안 됐{E}",
        "공항 가려고 예약한 카카오T가 {when}에 취소됐{E}",
        "카카오 T 앱이 {dur} 안 열려서 길에서 택시를 한참 기다렸{E}",
        "카카오T로 부른 택시 결제가 두 번 됐{E}",
        "밤늦게 카카오T 호출이 안 돼서 아이를 데리고 길에서 떨었{E}",
    ],
    consequence: &[
        "비행기를 놓칠 뻔했{E}",
        "결혼식에 늦었{E}",
        "결국 모범택시를 타서 요금이 훨씬 많이 나왔{E}",
        "중요한 미팅에 늦어서 계약이 틀어졌{E}",
    ],
    loss: &[
        "추가로 든 택시비가 {amt}{다}",
        "더 나간 돈이 {amt}{다}",
        "손해 본 돈은 {amt}{다}",
    ],
};

/// A taxi or designated driver who works on Kakao T calls.
pub const TAXI_DRIVER: Bank = Bank {
    intro: &[
        "카카오T로 콜을 받는 택시기사{다}",
        "카카오 T 대리 기사로 일하고 있{E}",
        "법인택시 기사{다}",
        "개인택시 20년 차{다}",
    ],
    happened: &[
        "{when}부터 카카오T 콜이 하나도 안 들어왔{E}",
        "카카오T 기사 앱이 {dur} 로그인이 안 됐{E}",
        "운행 중에 카카오T가 꺼져서 요금 정산이 안 됐{E}",
        "카카오 T 대리 콜을 {dur} 못 받았{E}",
        "주말 피크 시간에 카카오T가 멈췄{E}",
    ],
    consequence: &[
        "빈 차로 {dur} 돌아다녔{E}",
        "사납금을 못 채웠{E}",
        "손님 요금을 못 받고 보낸 게 {k}건이었{E}",
        "평소 주말 수입의 반도 못 벌었{E}",
    ],
    loss: &[
        "못 번 돈이 {amt} 정도{다}",
        "수입 손실 {amt}",
        "콜 손실분이 {amt}{다}",
        "{amt} 정도 손해를 봤{E}",
    ],
};
