//! Reports from foreign users, written in English (or with an English line added).

use super::super::super::labels::Service;

/// Openings.
pub const OPEN: &[&str] = &[
    "Hello,",
    "Hi.",
    "To whom it may concern,",
    "Sorry, my Korean is not good so I write in English.",
    "Dear Kakao team,",
];

/// What happened, for a report about `service`.
pub fn situation(service: Option<Service>) -> &'static [&'static str] {
    match service {
        Some(Service::TalkChannel) => CHANNEL,
        Some(Service::KakaoMap) => MAP,
        Some(Service::KakaoLogin) => LOGIN,
        Some(Service::Gift) => GIFT,
        Some(Service::KakaoTalk) => TALK,
        Some(Service::Emoticon) => EMOTICON,
        Some(Service::TalkDrawer) => DRAWER,
        Some(Service::Melon) => MELON,
        Some(Service::KakaoPage) => PAGE,
        Some(Service::KakaoT) => TAXI,
        Some(Service::KakaoPay) => PAY,
        Some(Service::Daum) => DAUM,
        Some(Service::Other) | None => GENERAL,
    }
}

const CHANNEL: &[&str] = &[
    "I run a small hair salon and all our bookings come through KakaoTalk Channel, which was down all Saturday.",
    "My restaurant takes reservations only via KakaoTalk Channel and we could not confirm any of them.",
    "Our guesthouse could not answer any guest messages on the Kakao channel during the outage.",
];
const MAP: &[&str] = &[
    "I work as a delivery rider and KakaoMap stopped working for the whole afternoon.",
    "I drive for a courier company and could not find addresses without KakaoMap.",
];
const LOGIN: &[&str] = &[
    "I could not log in to Upbit because my account uses Kakao Login.",
    "I paid for SPOTV NOW to watch the match but Kakao Login failed the whole evening.",
    "All my game accounts are linked to Kakao, so I could not play during the event.",
];
const GIFT: &[&str] = &[
    "The birthday gift I sent through KakaoTalk Gift never arrived.",
    "My gift coupon expired on the 15th while the app was down.",
];
const TALK: &[&str] = &[
    "KakaoTalk was down for almost two days and I missed messages from my clients.",
    "I could not receive the job interview details that were sent by KakaoTalk.",
];
const EMOTICON: &[&str] = &[
    "I pay for Emoticon Plus every month but could not use it for days.",
    "My Emoticon Plus subscription did not work during the outage.",
];
const DRAWER: &[&str] = &["My Talk Drawer Plus backup was not accessible during the outage."];
const MELON: &[&str] = &["My Melon subscription did not work for the whole weekend."];
const PAGE: &[&str] = &["My Kakao Page rental expired while the service was down."];
const TAXI: &[&str] = &[
    "I could not call a taxi with Kakao T and missed my flight.",
    "I am a taxi driver and received no Kakao T calls on Saturday night.",
];
const PAY: &[&str] = &[
    "My Kakao Pay payment failed several times and the money was still taken.",
    "My Kakao Pay transfer was stuck for a whole day.",
];
const DAUM: &[&str] = &["I could not open my Daum mail for two days and missed a deadline."];
const GENERAL: &[&str] = &[
    "KakaoTalk and every Kakao service stopped working on October 15.",
    "Nothing worked for two days, not even login.",
];

/// The loss; every line contains `{amt}`.
pub const LOSS: &[&str] = &[
    "I lost about {amt}.",
    "My loss was {amt}.",
    "The total damage is {amt}.",
    "That cost me {amt}.",
];

/// Asks, by kind of report.
pub const DEMAND: &[&str] = &[
    "Please compensate me.",
    "I would like compensation for this.",
    "Please let me know how to claim the damage.",
];
pub const DEMAND_PAID: &[&str] = &[
    "Please extend my subscription.",
    "I would like a refund for the days I could not use.",
];
pub const INQUIRY: &[&str] = &[
    "How can I get compensation for the outage?",
    "Is there an English page for damage reports?",
    "Will foreign users also be compensated?",
];
pub const OPINION: &[&str] = &[
    "You need proper backups in another data center.",
    "Please send notices by e-mail next time, not only on Twitter.",
];
pub const PROTEST: &[&str] = &[
    "This is unacceptable for a service the whole country depends on.",
    "I am very disappointed. Two days without any notice!",
];
pub const CHEER: &[&str] = &[
    "Thank you to the engineers who worked all weekend to restore the service.",
    "Good job fixing it, stay strong!",
];

pub const CLOSE: &[&str] = &[
    "Thank you.",
    "Best regards.",
    "Thanks.",
    "Please reply in English.",
];

/// One English line added to a Korean report.
pub const ASIDE: &[&str] = &[
    "(Sorry for my Korean.)",
    "Please reply in English if possible.",
    "I used a translator, sorry.",
    "This is really frustrating.",
    "Please check ASAP.",
];
