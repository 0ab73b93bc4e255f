//! The label codes the generator uses (as typed enums whose discriminants are the taxonomy
//! indices of `domain::taxonomy`; a test checks they agree) and how services and substitutes
//! correlate with scope, reporter and kind.

use crate::rng::Rng;

/// `scope` codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Scope {
    #[default]
    Kakao = 0,
    Affiliate = 1,
}

/// `reporter` codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Reporter {
    #[default]
    Individual = 0,
    SmallBusiness = 1,
    Enterprise = 2,
}

/// `kind` codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Kind {
    Paid = 0,
    FreeMonetary = 1,
    #[default]
    Inquiry = 2,
    Opinion = 3,
    Protest = 4,
    Encouragement = 5,
}

/// `service` codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Service {
    #[default]
    KakaoTalk = 0,
    KakaoLogin = 1,
    TalkChannel = 2,
    KakaoMap = 3,
    Gift = 4,
    Emoticon = 5,
    TalkDrawer = 6,
    Daum = 7,
    KakaoT = 8,
    KakaoPay = 9,
    Melon = 10,
    KakaoPage = 11,
    Other = 12,
}

/// `substitute` codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Substitute {
    Available = 0,
    Unavailable = 1,
    #[default]
    Unknown = 2,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Paid,
        Kind::FreeMonetary,
        Kind::Inquiry,
        Kind::Opinion,
        Kind::Protest,
        Kind::Encouragement,
    ];

    /// Inquiry, opinion, protest and encouragement: the no-monetary-loss group.
    pub fn is_non_monetary(self) -> bool {
        !matches!(self, Kind::Paid | Kind::FreeMonetary)
    }
}

/// The service of a Kakao-scope case. `None` leaves the label unset (a few non-monetary
/// reports name no service).
pub fn kakao_service(rng: &mut Rng, reporter: Reporter, kind: Kind) -> Option<Service> {
    use Service::*;
    let table: &[(Option<Service>, u32)] = match (kind, reporter) {
        (Kind::Paid, _) => &[(Some(Emoticon), 68), (Some(TalkDrawer), 32)],
        (Kind::FreeMonetary, Reporter::Individual) => &[
            (Some(KakaoLogin), 30),
            (Some(KakaoTalk), 22),
            (Some(KakaoMap), 21),
            (Some(Gift), 16),
            (Some(Daum), 6),
            (Some(Other), 5),
        ],
        (Kind::FreeMonetary, Reporter::SmallBusiness) => &[
            (Some(TalkChannel), 72),
            (Some(KakaoTalk), 10),
            (Some(KakaoMap), 5),
            (Some(Gift), 4),
            (Some(KakaoLogin), 5),
            (Some(Other), 4),
        ],
        (Kind::FreeMonetary, Reporter::Enterprise) => &[
            (Some(TalkChannel), 40),
            (Some(KakaoLogin), 30),
            (Some(KakaoTalk), 18),
            (Some(Other), 12),
        ],
        (_, Reporter::Individual) => &[
            (Some(KakaoTalk), 56),
            (Some(KakaoLogin), 9),
            (Some(KakaoMap), 5),
            (Some(Gift), 4),
            (Some(Daum), 6),
            (Some(Emoticon), 3),
            (Some(TalkDrawer), 2),
            (Some(Other), 6),
            (None, 9),
        ],
        (_, Reporter::SmallBusiness) => &[
            (Some(TalkChannel), 48),
            (Some(KakaoTalk), 32),
            (Some(KakaoMap), 4),
            (Some(KakaoLogin), 4),
            (Some(Other), 5),
            (None, 7),
        ],
        (_, Reporter::Enterprise) => &[
            (Some(TalkChannel), 35),
            (Some(KakaoLogin), 25),
            (Some(KakaoTalk), 25),
            (Some(Other), 8),
            (None, 7),
        ],
    };
    rng.weighted(table)
}

/// The affiliate service of an affiliate-scope case.
pub fn affiliate_service(rng: &mut Rng) -> Service {
    rng.weighted(&[
        (Service::KakaoT, 44),
        (Service::KakaoPay, 26),
        (Service::Melon, 18),
        (Service::KakaoPage, 12),
    ])
}

/// Who reports about an affiliate service: mostly individuals; Kakao Pay merchants are small
/// businesses.
pub fn affiliate_reporter(rng: &mut Rng, service: Service) -> Reporter {
    let table: &[(Reporter, u32)] = match service {
        Service::KakaoPay => &[
            (Reporter::Individual, 86),
            (Reporter::SmallBusiness, 13),
            (Reporter::Enterprise, 1),
        ],
        Service::KakaoT => &[(Reporter::Individual, 97), (Reporter::SmallBusiness, 3)],
        _ => &[(Reporter::Individual, 99), (Reporter::Enterprise, 1)],
    };
    rng.weighted(table)
}

/// The kind of an affiliate-scope case: subscriptions and rentals are paid, lost fares and
/// failed payments are free-service losses.
pub fn affiliate_kind(rng: &mut Rng, service: Service) -> Kind {
    use Kind::*;
    let table: &[(Kind, u32)] = match service {
        Service::Melon | Service::KakaoPage => &[
            (Paid, 58),
            (Inquiry, 20),
            (Protest, 12),
            (Opinion, 6),
            (Encouragement, 4),
        ],
        Service::KakaoT => &[
            (FreeMonetary, 44),
            (Paid, 4),
            (Inquiry, 24),
            (Protest, 19),
            (Opinion, 6),
            (Encouragement, 3),
        ],
        _ => &[
            (FreeMonetary, 36),
            (Inquiry, 34),
            (Protest, 20),
            (Opinion, 7),
            (Encouragement, 3),
        ],
    };
    rng.weighted(table)
}

/// Whether a substitute existed. Free-service losses mostly get one (about 4% are left
/// unlabelled); other kinds mostly stay unlabelled.
pub fn substitute(rng: &mut Rng, kind: Kind, service: Option<Service>) -> Option<Substitute> {
    use Substitute::*;
    if kind != Kind::FreeMonetary {
        return if rng.chance(0.04) {
            Some(rng.weighted(&[(Available, 2), (Unknown, 3), (Unavailable, 1)]))
        } else {
            None
        };
    }
    if rng.chance(0.04) {
        return None;
    }
    let table: &[(Substitute, u32)] = match service {
        Some(Service::KakaoMap) => &[(Available, 84), (Unknown, 11), (Unavailable, 5)],
        Some(Service::Gift) => &[(Available, 78), (Unknown, 15), (Unavailable, 7)],
        Some(Service::TalkChannel) => &[(Unavailable, 82), (Unknown, 13), (Available, 5)],
        Some(Service::KakaoLogin) => &[(Unavailable, 40), (Unknown, 35), (Available, 25)],
        Some(Service::KakaoTalk) => &[(Available, 42), (Unknown, 33), (Unavailable, 25)],
        Some(Service::Daum) => &[(Available, 45), (Unknown, 40), (Unavailable, 15)],
        Some(Service::KakaoT) => &[(Available, 70), (Unknown, 18), (Unavailable, 12)],
        Some(Service::KakaoPay) => &[(Available, 55), (Unknown, 30), (Unavailable, 15)],
        _ => &[(Unknown, 60), (Available, 25), (Unavailable, 15)],
    };
    Some(rng.weighted(table))
}
