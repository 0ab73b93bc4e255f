//! Small businesses and companies: KakaoTalk Channel bookings, orders by KakaoTalk, shops on
//! the map and in Gift, sites on Kakao Login.

use super::Bank;

/// A small business that takes bookings, consultations or orders through KakaoTalk Channel.
pub const CHANNEL: Bank = Bank {
    intro: &[
        "{loc}에서 작은 {biz}{을} 운영하고 있는 자영업자{다}",
        "{loc}에서 {biz} 하는 {boss}{다}",
        "{biz}{을} 혼자 꾸려 가는 1인 사업자{다}",
        "{loc} {biz} {boss}{다}",
        "카카오톡 채널로 {order}{을} 받는 {biz} {boss}{다}",
        "{loc}에서 {biz}{을} 7년째 하고 있{E}",
        "저희 {biz}{은} {order}의 8할 이상을 카톡 채널로 받고 있{E}",
        "직원 {k}명 데리고 {biz} 운영하는 소상공인{다}",
        "{loc}에서 부부가 같이 {biz}{을} 하고 있{E}",
    ],
    happened: &[
        "{when}부터 카카오톡 채널로 {order} 문의가 하나도 안 들어왔{E}",
        "{svc}{이} {dur} 먹통이라 {order}{을} 전혀 받지 못했{E}",
        "채널 메시지가 안 가서 {cust}께 {order} 확인 연락을 못 드렸{E}",
        "평소 주말엔 채널로 {order}{이} {n}건 넘게 들어오는데 그날은 한 건도 없었{E}",
        "{when}에 잡혀 있던 {order}{이} 채널 장애로 전부 꼬였{E}",
        "상담톡이 안 열려서 문의 주신 {cust}들께 답장을 하나도 못 했{E}",
        "{order} 관리를 전부 카톡 채널로 해 왔는데 {dur} 확인이 불가능했{E}",
        "채널 챗봇으로 자동 {order}{을} 받는 구조였는데 그게 통째로 멈췄{E}",
        "{cust}들이 채널로 보낸 메시지가 중간에 사라졌{E}",
        "채널 관리자센터 로그인도 안 돼서 공지조차 올리지 못했{E}",
        "{when} 이후로 알림톡이 한 통도 발송되지 않았{E}",
        "토요일이 제일 바쁜 날인데 하필 그날 채널이 죽었{E}",
        "{order} 시간을 바꾸려던 {cust}들이 연락이 안 된다며 그냥 안 오셨{E}",
        "전화번호는 따로 안 알리고 채널로만 {order}{을} 받아 왔기 때문에 손쓸 방법이 없었{E}",
        "채널 쿠폰 이벤트를 준비해 놨는데 {when}에 한 장도 못 나갔{E}",
        "{dur} 채널 답장이 전부 전송 실패로 떴{E}",
        "{svc} 예약하기 기능이 {dur} 오류만 냈{E}",
        "채널로 받은 {order} 목록이 안 열려서 누가 오시는지도 몰랐{E}",
        "카톡 채널 하나 믿고 장사해 왔는데 {when}에 완전히 끊겼{E}",
    ],
    consequence: &[
        "{order}{이} {n}건 넘게 취소됐{E}",
        "노쇼가 {k}건이나 났{E}",
        "그날 매출이 평소의 반도 안 나왔{E}",
        "{cust}들이 연락 안 되는 가게인 줄 알고 다른 데로 가셨{E}",
        "단골 {cust} 몇 분은 아예 발길을 끊으셨{E}",
        "직원 {k}명 인건비는 그대로 나갔는데 {cust}{은} 거의 없었{E}",
        "확인 못 받은 {cust}들한테 항의 전화를 {n}통 넘게 받았{E}",
        "리뷰에 연락 안 되는 곳이라는 글까지 달렸{E}",
        "{order}{이} 겹쳐서 {cust} 두 팀을 그냥 돌려보냈{E}",
        "하루 장사를 통째로 망쳤{E}",
        "신규 {cust} 문의를 다 놓쳤{E}",
        "월요일까지 밀린 {order} 정리하느라 다른 일을 하나도 못 했{E}",
    ],
    loss: &[
        "{when} 하루 매출 손실만 {amt} 정도{다}",
        "취소된 {order}만 따져도 손해가 {amt}{다}",
        "피해 금액은 {amt}{로} 산정했{E}",
        "평소 토요일 매출 기준으로 {amt} 손해를 봤{E}",
        "{amt} 정도 손실이 났{E}",
        "인건비랑 재료비까지 합치면 {amt}{다}",
        "대략 계산해 보니 {amt}{이} 날아갔{E}",
        "청구 금액: {amt}",
        "손해액 {amt} 청구{H}",
        "장부 기준으로 {amt}{이} 빠졌{E}",
    ],
};

/// What the outage cost, by kind of business (added to [`CHANNEL`]'s consequences).
pub const FOOD: &[&str] = &[
    "준비해 둔 재료를 상당 부분 버렸{E}",
    "단체 예약 {k}팀이 연락이 안 돼서 취소됐{E}",
    "포장 주문을 못 받아서 홀 손님만 겨우 받았{E}",
    "저녁 장사용으로 미리 손질한 고기를 다 폐기했{E}",
];
pub const BEAUTY: &[&str] = &[
    "디자이너 선생님들이 {cust} 없이 하루를 그냥 보냈{E}",
    "시술 예약 빈자리를 하나도 못 채웠{E}",
    "미리 준비해 둔 약제를 못 쓰고 버렸{E}",
    "예약 확인 못 한 {cust}{이} 오셨다가 자리가 없어서 돌아가셨{E}",
];
pub const LESSONS: &[&str] = &[
    "신규 상담 {k}건을 놓쳐서 등록으로 이어지지 못했{E}",
    "보강 일정 안내가 안 돼서 {cust} 항의가 많았{E}",
    "특강 모집 공지를 못 보내서 정원을 못 채웠{E}",
    "수업 변경 안내가 안 가서 빈 강의실로 수업을 했{E}",
];
pub const LODGING: &[&str] = &[
    "체크인 안내를 못 받은 {cust}들이 환불을 요구했{E}",
    "주말 객실 {k}개가 그대로 공실로 남았{E}",
    "예약 확정 메시지를 못 받았다고 취소한 팀이 {k}팀이었{E}",
    "위치 안내를 못 해서 {cust}들이 밤늦게까지 길을 헤맸{E}",
];
pub const MADE: &[&str] = &[
    "주문받아 만들어 둔 상품 {k}건을 폐기했{E}",
    "픽업 안내가 안 가서 완성품이 그대로 남았{E}",
    "주문 확인이 안 돼서 작업 일정이 하루 넘게 밀렸{E}",
    "기념일 주문을 못 받아서 대목을 놓쳤{E}",
];

/// A small business that takes orders through ordinary KakaoTalk chats.
pub const TALK: Bank = Bank {
    intro: &[
        "{loc}에서 {biz} 하는 {boss}{다}",
        "단골 {cust}들 주문을 카톡으로 받는 {biz}{다}",
        "{biz} {boss}{다}",
    ],
    happened: &[
        "단골 {cust}들이 카톡으로 {order}{을} 주시는데 {dur} 메시지가 안 왔{E}",
        "{when}부터 카톡 단체방 공지가 안 올라가서 {order} 마감을 못 했{E}",
        "카톡으로 받은 {order} 내역이 안 열려서 뭘 준비해야 하는지도 몰랐{E}",
        "PC 카톡에 로그인이 안 돼서 {order} 확인을 {dur} 못 했{E}",
        "사진으로 주문서를 받는데 사진이 전부 깨져서 안 보였{E}",
        "카톡 업무방이 {dur} 멈춰서 거래처랑 연락이 끊겼{E}",
    ],
    consequence: &[
        "{order} {n}건을 놓쳤{E}",
        "거래처 납품이 하루 밀려서 위약 문제가 생겼{E}",
        "미리 준비한 물량이 고스란히 남았{E}",
        "{cust}들이 다른 가게로 주문을 돌렸{E}",
    ],
    loss: &[
        "놓친 {order}만 {amt}{다}",
        "손해 본 금액은 {amt}{다}",
        "{amt} 정도 손실을 봤{E}",
        "재고 폐기까지 {amt}{이} 들었{E}",
    ],
};

/// A shop whose customers find it through KakaoMap.
pub const MAP: Bank = Bank {
    intro: &["{loc}에서 {biz}{을} 하고 있{E}", "{biz} {boss}{다}"],
    happened: &[
        "{cust}들이 카카오맵으로 가게를 못 찾아서 {order}{을} 취소했{E}",
        "{when}에 카카오맵 길찾기가 안 돼서 {cust}들이 전화로 위치를 물어봤{E}",
        "카카오맵 매장 정보가 {dur} 안 떠서 신규 {cust}{이} 뚝 끊겼{E}",
        "카맵 예약 버튼이 먹통이라 {order}{이} 들어오지 않았{E}",
    ],
    consequence: &[
        "찾아오다 포기한 {cust}{이} 여럿 있었{E}",
        "평소보다 {cust}{이} 절반 가까이 줄었{E}",
    ],
    loss: &["그날 손해가 {amt} 정도{다}", "{amt} 매출이 빠졌{E}"],
};

/// A seller on KakaoTalk Gift.
pub const GIFT: Bank = Bank {
    intro: &[
        "카카오톡 선물하기에 입점한 판매자{다}",
        "선물하기로 {biz} 상품을 파는 {boss}{다}",
    ],
    happened: &[
        "{when}부터 선물하기 주문이 한 건도 안 들어왔{E}",
        "선물하기 주문 건의 배송지 입력이 안 돼서 발송을 못 했{E}",
        "주말 프로모션을 걸어 놨는데 {dur} 선물하기가 멈췄{E}",
        "선물 수락이 안 돼서 주문이 전부 보류 상태로 남았{E}",
    ],
    consequence: &[
        "신선 상품 {k}박스를 폐기했{E}",
        "광고비만 쓰고 판매는 못 했{E}",
        "배송 지연으로 취소 요청이 {n}건 들어왔{E}",
    ],
    loss: &["프로모션 매출 손실이 {amt}{다}", "{amt} 손해를 봤{E}"],
};

/// A shop whose own site or app signs customers in with Kakao.
pub const LOGIN: Bank = Bank {
    intro: &[
        "온라인 쇼핑몰을 운영하는 소상공인{다}",
        "{biz} 예약 앱을 쓰는 {boss}{다}",
    ],
    happened: &[
        "저희 쇼핑몰 회원가입과 로그인이 전부 카카오 로그인이라 {dur} 주문이 멈췄{E}",
        "예약 앱 로그인이 카카오 계정으로만 돼 있어서 {cust}들이 {order}{을} 못 했{E}",
        "관리자 페이지도 카카오로 로그인하게 돼 있어서 주문 확인을 못 했{E}",
    ],
    consequence: &[
        "장바구니에 담았다가 이탈한 주문이 {n}건이었{E}",
        "{cust}들이 다른 쇼핑몰로 넘어갔{E}",
    ],
    loss: &["주말 매출이 {amt} 줄었{E}", "{amt} 정도 피해를 입었{E}"],
};

/// A small business hit through another Kakao service (Kakao Hairshop, Makers, ...).
pub const OTHER: Bank = Bank {
    intro: &["{loc}에서 {biz} 하는 {boss}{다}"],
    happened: &[
        "카카오헤어샵으로 받던 예약이 {dur} 안 들어왔{E}",
        "카카오메이커스 주문 확인이 {dur} 안 됐{E}",
        "카카오 쇼핑 톡딜 행사를 하던 중이었는데 {when}에 전부 멈췄{E}",
        "카카오 인증서로 하던 전자계약이 막혀서 계약을 못 했{E}",
    ],
    consequence: &[
        "행사 준비 비용만 날렸{E}",
        "{order} {n}건이 증발했{E}",
        "계약이 다음 주로 밀리면서 거래처를 잃었{E}",
    ],
    loss: &["손해 금액은 {amt}{다}", "{amt} 정도 손실을 봤{E}"],
};

/// A mid/large company whose customer service or notifications run on KakaoTalk Channel or
/// KakaoTalk.
pub const ENTERPRISE: Bank = Bank {
    intro: &[
        "저희는 카카오 비즈니스 서비스를 이용하는 법인{다}",
        "임직원 {n}0여 명 규모의 온라인 플랫폼 기업{다}",
        "주식회사 ○○의 고객지원팀{다}",
        "전국에 지점을 둔 프랜차이즈 본사 운영팀{다}",
    ],
    happened: &[
        "고객센터 상담을 {svc}{로} 운영하고 있어 {dur} 상담 접수가 전면 중단됐{E}",
        "주문·배송 알림톡이 {when}부터 발송되지 않았{E}",
        "가맹점 공지를 {svc}{로} 전달해 왔는데 {dur} 전달이 되지 않았{E}",
        "{svc} 장애로 {dur} 고객 응대가 사실상 불가능했{E}",
        "예약 확정 안내를 {svc}{로} 보내는데 {when}부터 전부 실패했{E}",
    ],
    consequence: &[
        "고객 문의 {n}00건 이상이 처리되지 못하고 밀렸{E}",
        "예약 취소와 환불 요청이 평시 대비 크게 늘었{E}",
        "대체 발송 수단을 급히 계약하느라 추가 비용이 발생했{E}",
        "주말 프로모션 효과가 사라졌{E}",
    ],
    loss: ENTERPRISE_LOSS,
};

/// A mid/large company whose sign-in runs on Kakao Login.
pub const ENTERPRISE_LOGIN: Bank = Bank {
    intro: &[
        "회원 가입과 로그인을 카카오 계정으로 받는 서비스 운영사{다}",
        "임직원 {n}0여 명 규모의 온라인 쇼핑 플랫폼{다}",
    ],
    happened: &[
        "회원 로그인이 카카오 계정에 연동돼 있어 {dur} 신규 가입과 결제가 멈췄{E}",
        "본인 인증과 로그인을 카카오에 의존하고 있어 서비스 이용이 사실상 불가능했{E}",
        "앱 로그인 수단의 절반 이상이 카카오 로그인이라 {when}부터 접속자가 급감했{E}",
    ],
    consequence: &[
        "결제 이탈과 주문 취소가 평시 대비 크게 늘었{E}",
        "로그인 문의가 고객센터에 {n}00건 넘게 몰렸{E}",
        "예정된 라이브 방송 판매를 취소했{E}",
    ],
    loss: ENTERPRISE_LOSS,
};

const ENTERPRISE_LOSS: &[&str] = &[
    "내부 추산 피해액은 {amt}{다}",
    "매출 손실과 추가 비용을 합쳐 {amt}{로} 추산했{E}",
    "청구 예정 금액은 {amt}{다}",
    "증빙을 첨부해 {amt}의 손해배상을 청구{H}",
];
