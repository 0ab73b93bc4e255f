//! Which situation a case's labels describe, and the words its text uses.

use super::super::labels::{Kind, Reporter, Scope, Service};
use super::super::plan::Profile;
use super::phrases::vocab::{self, BizKind};
use super::phrases::{business, login, mobility, paid, personal, Bank};
use super::template::Vocab;
use crate::rng::Rng;

/// The phrases that fit one case.
#[derive(Clone, Copy, Debug)]
pub struct Situation {
    /// The monetary-claim bank; `None` for reports without a monetary loss.
    pub bank: Option<&'static Bank>,
    /// Extra consequences (by kind of business).
    pub extra: &'static [&'static str],
    /// Apps for `{app}`.
    apps: &'static [&'static str],
}

impl Situation {
    /// The situation of a case. Some services have several (a Kakao T driver or passenger;
    /// an Upbit trader or a TVING subscriber), drawn here.
    pub fn of(profile: &Profile, biz: BizKind, rng: &mut Rng) -> Situation {
        let service = profile.service;
        let mut s = Situation {
            bank: None,
            extra: &[],
            apps: vocab::LOGIN_APPS,
        };
        if service == Some(Service::KakaoLogin) && rng.chance(0.5) {
            s.apps = vocab::STREAMING_APPS;
        }
        let bank: &'static Bank = match (profile.scope, profile.kind, profile.reporter, service) {
            (_, k, _, _) if k.is_non_monetary() => return s,
            (Scope::Affiliate, _, r, Some(Service::KakaoT)) => {
                if profile.kind == Kind::Paid {
                    &paid::TAXI_PASS
                } else if r != Reporter::Individual || rng.chance(0.55) {
                    &mobility::TAXI_DRIVER
                } else {
                    &mobility::TAXI_PASSENGER
                }
            }
            (Scope::Affiliate, _, Reporter::SmallBusiness, Some(Service::KakaoPay)) => {
                &paid::PAY_MERCHANT
            }
            (Scope::Affiliate, _, _, Some(Service::KakaoPay)) => &paid::PAY,
            (_, _, _, Some(Service::Melon)) => &paid::MELON,
            (_, _, _, Some(Service::KakaoPage)) => &paid::PAGE,
            (_, Kind::Paid, _, Some(Service::TalkDrawer)) => &paid::DRAWER,
            (_, Kind::Paid, _, _) => &paid::EMOTICON,
            (_, _, Reporter::Enterprise, Some(Service::KakaoLogin)) => &business::ENTERPRISE_LOGIN,
            (_, _, Reporter::Enterprise, _) => &business::ENTERPRISE,
            (_, _, Reporter::SmallBusiness, svc) => match svc {
                Some(Service::KakaoTalk) => &business::TALK,
                Some(Service::KakaoMap) => &business::MAP,
                Some(Service::Gift) => &business::GIFT,
                Some(Service::KakaoLogin) => &business::LOGIN,
                Some(Service::Other) => &business::OTHER,
                _ => {
                    s.extra = match biz {
                        BizKind::Food => business::FOOD,
                        BizKind::Beauty => business::BEAUTY,
                        BizKind::Lessons => business::LESSONS,
                        BizKind::Lodging => business::LODGING,
                        BizKind::Made => business::MADE,
                    };
                    &business::CHANNEL
                }
            },
            (_, _, _, Some(Service::KakaoLogin)) => {
                let (bank, apps) = LOGIN_KINDS[rng.weighted(&[(0, 35), (1, 25), (2, 20), (3, 20)])];
                s.apps = apps;
                bank
            }
            (_, _, _, Some(Service::KakaoMap)) => &mobility::MAP_DRIVER,
            (_, _, _, Some(Service::Gift)) => &personal::GIFT,
            (_, _, _, Some(Service::Daum)) if rng.chance(0.6) => &personal::DAUM_MAIL,
            (_, _, _, Some(Service::Daum)) => &personal::DAUM_CAFE,
            (_, _, _, Some(Service::Other)) => &personal::OTHER,
            _ => &personal::TALK,
        };
        s.bank = Some(bank);
        s
    }

    /// Chooses the words of one report.
    pub fn vocab(&self, profile: &Profile, biz: vocab::Biz, rng: &mut Rng) -> Vocab {
        Vocab {
            biz: biz.name,
            order: biz.order,
            cust: biz.cust,
            boss: biz.boss,
            loc: rng.pick(vocab::PLACES),
            app: rng.pick(self.apps),
            job: rng.pick(vocab::JOBS),
            item: rng.pick(vocab::GIFTS),
            when: rng.pick(vocab::MOMENTS),
            dur: rng.pick(vocab::DURATIONS),
            svc: rng.pick(service_names(profile.service)),
            n: 3 + rng.below(38) as u32,
            k: 2 + rng.below(5) as u32,
            amt: String::new(),
        }
    }
}

/// Kakao Login claims: a trader, a viewer, a gamer, or anyone else; with their apps.
const LOGIN_KINDS: [(&Bank, &[&str]); 4] = [
    (&login::CRYPTO, vocab::CRYPTO_APPS),
    (&login::STREAMING, vocab::STREAMING_APPS),
    (&login::GAME, vocab::GAMES),
    (&login::APPS, vocab::LOGIN_APPS),
];

/// How people name a service in their reports.
fn service_names(service: Option<Service>) -> &'static [&'static str] {
    match service {
        Some(Service::KakaoTalk) => &["카톡", "카카오톡", "카톡"],
        Some(Service::KakaoLogin) => &["카카오 로그인", "카카오 계정 로그인", "카톡 로그인"],
        Some(Service::TalkChannel) => &[
            "카카오톡 채널",
            "카톡 채널",
            "채널",
            "톡채널",
            "카카오 채널",
        ],
        Some(Service::KakaoMap) => &["카카오맵", "카카오 지도", "카맵"],
        Some(Service::Gift) => &["선물하기", "카톡 선물하기", "카카오톡 선물하기"],
        Some(Service::Emoticon) => &["이모티콘 플러스", "이모티콘플러스", "이모티콘"],
        Some(Service::TalkDrawer) => &["톡서랍 플러스", "톡서랍"],
        Some(Service::Daum) => &["다음 메일", "다음", "한메일"],
        Some(Service::KakaoT) => &["카카오T", "카카오 T", "카카오택시"],
        Some(Service::KakaoPay) => &["카카오페이", "카카오 페이"],
        Some(Service::Melon) => &["멜론"],
        Some(Service::KakaoPage) => &["카카오페이지", "카카오 페이지"],
        Some(Service::Other) => &["카카오 서비스", "카카오"],
        None => &["카톡", "카카오", "카카오 서비스"],
    }
}
