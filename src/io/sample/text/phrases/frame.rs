//! The frame around a report's situation: greetings, time and duration, demands, remarks,
//! closings, and the background sentences long reports ramble through.

/// Greetings, by style (full sentences).
pub const OPEN_FORMAL: &[&str] = &[
    "안녕하세요.",
    "안녕하십니까.",
    "수고 많으십니다.",
    "담당자님께 말씀드립니다.",
    "10월 15일 장애 관련 피해 접수합니다.",
    "피해 사실을 알리고자 글을 남깁니다.",
    "바쁘신 와중에 죄송합니다.",
];
pub const OPEN_POLITE: &[&str] = &[
    "안녕하세요~",
    "안녕하세요ㅠㅠ",
    "수고 많으세요.",
    "안녕하세요, 피해 접수하려고 글 남겨요.",
    "너무 속상해서 글 남겨요.",
    "여기에 쓰는 게 맞는지 모르겠지만 남겨요.",
    "저도 피해 신고해요.",
];
pub const OPEN_ANGRY: &[&str] = &[
    "진짜 어이가 없네요.",
    "아니 이게 말이 됩니까?",
    "화가 나서 글 씁니다.",
    "카카오 정말 실망입니다.",
    "참다 참다 글 남깁니다.",
    "장난합니까?",
    "기가 막혀서 말이 안 나오네요.",
];
pub const OPEN_TERSE: &[&str] = &["피해 접수.", "신고합니다.", "10/15 장애 건.", "접수 부탁."];
pub const OPEN_CASUAL: &[&str] = &[
    "ㅎㅇ",
    "아 진짜",
    "그냥 남겨봄.",
    "안녕하세여",
    "와 카톡 없으니까 진짜 아무것도 안 되더라.",
    "헐 이거 신고하는 데가 있었네",
];

/// When and how long (clauses with `{E}`).
pub const TIME: &[&str] = &[
    "{when}부터 {dur} {svc}{이} 먹통이었{E}",
    "{dur} 아무것도 할 수가 없었{E}",
    "복구까지 {dur} 걸렸{E}",
    "{when}에 처음 이상하다는 걸 알았{E}",
    "처음엔 폰 문제인 줄 알고 재부팅만 몇 번을 했{E}",
    "와이파이 문제인 줄 알고 공유기까지 껐다 켰{E}",
    "뉴스를 보고서야 데이터센터 화재라는 걸 알았{E}",
    "{when}에 멈춘 게 {dur} 그대로였{E}",
    "{svc}{이} 되다 말다를 {dur} 반복했{E}",
];

/// What a free-service claimant asks for (`{R}` requests and a few `{H}`).
pub const DEMAND_MONEY: &[&str] = &[
    "보상{R}",
    "피해 보상{R}",
    "합당하게 보상{R}",
    "손실분 보상{R}",
    "신속히 처리{R}",
    "검토 후 연락{R}",
    "피해 금액 확인 후 보상{R}",
    "증빙 자료 필요하시면 제출{H}",
    "적절히 조치{R}",
    "보상 기준 안내{R}",
    "손해배상을 청구{H}",
];
/// What a small business asks for.
pub const DEMAND_BUSINESS: &[&str] = &[
    "소상공인 피해 지원 기준 안내{R}",
    "영업 손실 보상{R}",
    "채널 이용 업체 피해 보상{R}",
    "매출 손실분 보상{R}",
];
/// What a paid subscriber asks for.
pub const DEMAND_PAID: &[&str] = &[
    "구독 기간 연장{R}",
    "이용 못 한 기간만큼 환불{R}",
    "약관대로 보상{R}",
    "연장이든 환불이든 처리{R}",
    "이용 기간 보상{R}",
    "결제 금액 환불{R}",
];
/// Things an angry claimant adds.
pub const THREAT: &[&str] = &[
    "이번에도 대충 넘어가면 소비자원에 신고{H}",
    "공정위에 민원 넣을 생각까지 하고 있{E}",
    "제대로 사과{R}",
    "집단 소송에 참여할 생각도 있{E}",
    "보상 안 하면 불매{H}",
];

/// When no amount is given with a free-service claim.
pub const NO_AMOUNT: &[&str] = &[
    "정확한 피해 금액은 아직 못 뽑았{E}",
    "금액으로 딱 정리하기는 어렵지만 손해가 컸{E}",
    "피해액은 정리되는 대로 다시 제출{H}",
    "얼마인지 계산도 안 될 만큼 정신없었{E}",
    "금액 산정 방법을 몰라서 비워 뒀{E}",
];

/// Closings, by style.
pub const CLOSE_FORMAL: &[&str] = &[
    "감사합니다.",
    "빠른 답변 기다리겠습니다.",
    "검토 부탁드립니다.",
    "수고하십시오.",
    "조속한 처리 부탁드립니다.",
];
pub const CLOSE_POLITE: &[&str] = &[
    "감사합니다~",
    "답변 기다릴게요.",
    "꼭 확인 부탁드려요ㅠㅠ",
    "수고하세요!",
    "잘 부탁드려요.",
];
pub const CLOSE_ANGRY: &[&str] = &[
    "답변 기다리겠습니다.",
    "이번엔 제대로 하세요.",
    "두고 보겠습니다.",
    "말로만 사과하지 마세요.",
    "정신 좀 차리세요.",
];
/// Closings of encouragement.
pub const CLOSE_CHEER: &[&str] = &[
    "감사합니다.",
    "늘 응원합니다.",
    "수고하셨습니다.",
    "화이팅입니다!",
    "고맙습니다~",
    "다들 푹 쉬세요.",
];
pub const CLOSE_TERSE: &[&str] = &["이상.", "끝.", "회신 바람."];
pub const CLOSE_CASUAL: &[&str] = &["ㅂㅂ", "부탁함", "ㅠㅠ 제발", "수고~", "ㅇㅇ 그럼 이만"];

/// Background for long reports (clauses with `{E}`, any situation).
pub const BACKGROUND: &[&str] = &[
    "평소에 카카오 서비스를 정말 많이 써 왔{E}",
    "카톡은 생활 필수품이라 대안을 생각해 본 적도 없었{E}",
    "처음에는 제 휴대폰 문제인 줄 알았{E}",
    "공지 하나 제대로 올라오지 않아서 더 답답했{E}",
    "트위터에 올라온 공지를 보고서야 상황을 알았{E}",
    "주변 사람들도 다 똑같은 상황이었{E}",
    "뉴스에서 판교 데이터센터 화재 소식을 봤{E}",
    "곧 복구된다는 말만 몇 번을 들었{E}",
    "고객센터 전화도 하루 종일 연결이 안 됐{E}",
    "한두 시간이면 될 줄 알았는데 다음 날까지 이어졌{E}",
    "일요일 밤이 돼서야 겨우 일부 기능이 돌아왔{E}",
    "복구 후에도 사진이랑 파일은 한동안 안 열렸{E}",
    "가족들 연락도 문자로 겨우 했{E}",
    "그동안 쌓아 온 신뢰가 한 번에 무너졌{E}",
    "주말 내내 아무 일도 손에 잡히지 않았{E}",
    "급하게 다른 메신저를 깔았{E}",
    "회사 업무도 같이 마비됐{E}",
    "저만 이런 게 아니라는 걸 알고 조금 안심했{E}",
    "다음 날 출근해서 보니 밀린 메시지가 수백 개였{E}",
    "솔직히 보상을 바라고 쓰는 글은 아니었{E}",
    "피해 신고 페이지 찾는 데만 한참 걸렸{E}",
    "서비스가 하나로 다 묶여 있다는 게 이렇게 위험한 줄 몰랐{E}",
    "대표이사 사과 기자회견도 봤{E}",
    "복구 상황을 알려 주는 곳이 없어서 계속 새로고침만 했{E}",
    "배터리가 닳도록 앱을 껐다 켰{E}",
    "중요한 일정이 그날 몰려 있었{E}",
    "이 글도 세 번이나 고쳐 썼{E}",
];

/// A timeline for long reports, in order (clauses with `{E}`).
pub const TIMELINE: &[&str] = &[
    "15일 오후 3시 반쯤 처음 메시지가 안 가기 시작했{E}",
    "오후 4시쯤에는 로그인 자체가 안 됐{E}",
    "저녁 7시쯤 뉴스에서 화재 소식을 봤{E}",
    "밤 11시쯤 메시지 수신이 잠깐 됐다가 다시 끊겼{E}",
    "16일 새벽에 일부 메시지가 한꺼번에 몰려 들어왔{E}",
    "16일 오전에도 사진 전송은 여전히 안 됐{E}",
    "16일 밤이 돼서야 대부분 기능이 돌아왔{E}",
    "17일까지도 일부 기능은 오류가 났{E}",
    "19일에 피해 접수가 시작된다는 공지를 봤{E}",
];

/// Sentences that join parts of a long report.
pub const LINKS: &[&str] = &[
    "정리하면 이렇습니다.",
    "구체적으로 말씀드리면,",
    "시간 순서대로 적어 보겠습니다.",
    "그리고 하나 더 있습니다.",
    "문제는 이게 끝이 아니었다는 겁니다.",
    "이것 말고도,",
    "덧붙이자면,",
];

/// Quick one-line reports, used for some of the shortest texts.
pub const ONE_LINERS: &[&str] = &[
    "{svc} 먹통 피해 접수{H}",
    "{svc} 장애로 손해 봤{E}",
    "{svc} 때문에 {dur} 아무것도 못 했{E}",
    "10/15 {svc} 장애 피해 있{E}",
];
