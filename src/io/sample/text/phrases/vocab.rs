//! The words that fill `{biz}`, `{loc}`, `{when}`, `{app}` and the other vocabulary slots.

/// What a business mostly loses when its customers cannot reach it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum BizKind {
    #[default]
    Food,
    Beauty,
    Lessons,
    Lodging,
    Made,
}

/// A small business: its name, what customers make there, who they are, what the owner is
/// called, and its kind.
#[derive(Clone, Copy, Debug, Default)]
pub struct Biz {
    pub name: &'static str,
    pub order: &'static str,
    pub cust: &'static str,
    pub boss: &'static str,
    pub kind: BizKind,
}

const fn b(
    name: &'static str,
    order: &'static str,
    cust: &'static str,
    boss: &'static str,
    kind: BizKind,
) -> Biz {
    Biz {
        name,
        order,
        cust,
        boss,
        kind,
    }
}

use BizKind::*;

pub const BUSINESSES: &[Biz] = &[
    b("미용실", "예약", "손님", "원장", Beauty),
    b("헤어샵", "예약", "고객님", "원장", Beauty),
    b("네일샵", "예약", "손님", "원장", Beauty),
    b("속눈썹 연장샵", "예약", "고객님", "원장", Beauty),
    b("피부관리실", "예약", "회원님", "원장", Beauty),
    b("왁싱샵", "예약", "고객님", "원장", Beauty),
    b("애견미용실", "예약", "보호자분", "원장", Beauty),
    b("필라테스 스튜디오", "수업 예약", "회원님", "원장", Lessons),
    b("요가원", "수업 예약", "회원님", "원장", Lessons),
    b("PT샵", "수업 예약", "회원님", "대표", Lessons),
    b("영어학원", "상담", "학부모님", "원장", Lessons),
    b("수학학원", "상담", "학부모님", "원장", Lessons),
    b("피아노학원", "상담", "학부모님", "원장", Lessons),
    b("태권도장", "상담", "학부모님", "관장", Lessons),
    b("미술학원", "상담", "학부모님", "원장", Lessons),
    b("보컬학원", "레슨 예약", "수강생", "원장", Lessons),
    b("식당", "예약", "손님", "사장", Food),
    b("고깃집", "단체 예약", "손님", "사장", Food),
    b("횟집", "예약", "손님", "사장", Food),
    b("파스타집", "예약", "손님", "사장", Food),
    b("오마카세집", "예약", "손님", "사장", Food),
    b("카페", "단체 주문", "손님", "사장", Food),
    b("베이커리", "케이크 주문", "손님", "사장", Made),
    b("반찬가게", "주문", "단골손님", "사장", Food),
    b("도시락 업체", "단체 주문", "고객사", "대표", Food),
    b("떡집", "주문", "손님", "사장", Made),
    b("꽃집", "주문", "손님", "사장", Made),
    b("수제 케이크 공방", "주문 제작", "고객님", "대표", Made),
    b("가죽 공방", "클래스 예약", "수강생", "대표", Made),
    b("사진관", "촬영 예약", "고객님", "대표", Beauty),
    b("셀프 사진 스튜디오", "촬영 예약", "손님", "사장", Beauty),
    b("펜션", "예약", "손님", "사장", Lodging),
    b("게스트하우스", "예약", "게스트", "호스트", Lodging),
    b("글램핑장", "예약", "손님", "사장", Lodging),
    b("캠핑장", "예약", "캠퍼", "사장", Lodging),
    b("풀빌라", "예약", "고객님", "대표", Lodging),
    b("스터디카페", "좌석 예약", "이용자", "사장", Lodging),
    b("방탈출카페", "예약", "손님", "사장", Lodging),
    b("키즈카페", "예약", "부모님", "사장", Lodging),
    b("세차장", "예약", "고객님", "사장", Made),
    b("자동차 정비소", "정비 예약", "고객님", "사장", Made),
    b("인테리어 업체", "견적 상담", "고객님", "대표", Made),
    b("이삿짐센터", "이사 견적", "고객님", "대표", Made),
    b("세탁소", "수거 주문", "단골손님", "사장", Made),
    b("한의원", "진료 예약", "환자분", "원장", Beauty),
    b("동물병원", "진료 예약", "보호자분", "원장", Beauty),
    b("안경원", "예약", "손님", "사장", Made),
    b("정육점", "주문", "단골손님", "사장", Food),
];

pub const PLACES: &[&str] = &[
    "강남",
    "홍대",
    "성수동",
    "잠실",
    "분당",
    "판교",
    "일산",
    "수원 영통",
    "용인 수지",
    "부천",
    "안양 평촌",
    "인천 송도",
    "부산 서면",
    "부산 해운대",
    "대구 동성로",
    "대구 수성구",
    "광주 상무지구",
    "대전 둔산동",
    "울산 삼산동",
    "창원",
    "청주",
    "천안",
    "전주",
    "춘천",
    "강릉",
    "속초",
    "여수",
    "경주",
    "제주 애월",
    "제주 서귀포",
    "가평",
    "양평",
    "평택",
    "김해",
    "포항",
    "원주",
    "세종",
    "동네 상가",
];

pub const MOMENTS: &[&str] = &[
    "15일 오후",
    "15일 토요일 오후",
    "토요일 오후 3시 반쯤",
    "15일 오후 3시 넘은 시각",
    "15일 저녁",
    "토요일 저녁",
    "토요일 저녁 피크타임",
    "16일 일요일 아침",
    "일요일 오전",
    "불 난 날 오후",
    "10월 15일 오후",
    "주말",
    "화재 당일",
    "15일 밤",
    "토요일 점심 무렵",
    "16일 새벽",
    "카톡 멈춘 직후",
    "10/15 오후",
];

pub const DURATIONS: &[&str] = &[
    "3시간 동안",
    "이틀간",
    "하루 종일",
    "주말 이틀 내내",
    "10시간 넘게",
    "반나절 넘게",
    "다섯 시간 가까이",
    "이틀 가까이",
    "토요일 오후부터 일요일 밤까지",
    "4~5시간",
    "꼬박 하루",
    "열두 시간 이상",
    "거의 하루 반",
    "한참 동안",
    "밤새",
    "몇 시간씩",
];

/// People who drive or deliver for a living.
pub const JOBS: &[&str] = &[
    "택배기사",
    "퀵서비스 기사",
    "배달 라이더",
    "대리기사",
    "개인택시 기사",
    "화물차 기사",
    "방문 설치 기사",
    "배달대행 기사",
    "출장 세차 기사",
    "영업직 외근 사원",
    "쿠팡 플렉스 기사",
];

pub const CRYPTO_APPS: &[&str] = &["업비트", "업비트", "Upbit", "업비트 앱"];
pub const STREAMING_APPS: &[&str] = &["SPOTV NOW", "SPOTV", "TVING", "티빙", "웨이브", "왓챠"];
pub const GAMES: &[&str] = &[
    "오딘",
    "우마무스메",
    "배틀그라운드",
    "엘리온",
    "달빛조각사",
    "프렌즈팝콘",
    "가디언 테일즈",
    "카카오 게임",
];
/// Apps and sites that sign in with a Kakao account.
pub const LOGIN_APPS: &[&str] = &[
    "배달의민족",
    "야놀자",
    "무신사",
    "지그재그",
    "멜론",
    "브런치",
    "카카오뱅크",
    "티스토리",
    "직방",
    "마켓컬리",
];

pub const GIFTS: &[&str] = &[
    "생일 케이크 쿠폰",
    "스타벅스 기프티콘",
    "치킨 기프티콘",
    "편의점 모바일 상품권",
    "한우 선물세트",
    "화장품 세트",
    "꽃다발 배송 상품",
    "배스킨라빈스 아이스크림 케이크",
    "백화점 상품권",
    "커피 교환권",
    "생일 선물",
    "와인 선물세트",
];
