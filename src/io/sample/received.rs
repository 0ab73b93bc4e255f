//! When and through which channel a report arrived: 2022-10-19 to 2022-11-06 (KST), most in
//! the first days, during plausible hours.

use crate::rng::Rng;

/// The channel a report came in through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Channel {
    #[default]
    Web,
    /// Kakao's own KakaoTalk Channel (`talk_channel`).
    Talk,
    Phone,
    Email,
}

impl Channel {
    pub fn code(self) -> &'static str {
        match self {
            Channel::Web => "web",
            Channel::Talk => "talk_channel",
            Channel::Phone => "phone",
            Channel::Email => "email",
        }
    }

    pub fn draw(rng: &mut Rng) -> Channel {
        rng.weighted(&[
            (Channel::Web, 56),
            (Channel::Talk, 24),
            (Channel::Phone, 12),
            (Channel::Email, 8),
        ])
    }
}

/// The 19 collection days, from Wednesday 2022-10-19; weights fall off after the first days,
/// dip at weekends and rise a little before the deadline.
const DAY_WEIGHTS: [u32; 19] = [
    1000, 780, 640, 420, 380, 470, 400, 330, 290, 240, 190, 180, 210, 190, 170, 150, 140, 110, 160,
];

/// (month, day) of each collection day.
const fn calendar_day(day: usize) -> (u32, u32) {
    if day < 13 {
        (10, 19 + day as u32)
    } else {
        (11, day as u32 - 12)
    }
}

/// Online channels: around the clock, busiest in the morning and the evening.
const ONLINE_HOURS: [u32; 24] = [
    14, 8, 5, 3, 2, 3, 6, 14, 28, 44, 52, 50, 42, 46, 48, 46, 42, 40, 38, 42, 48, 46, 36, 24,
];
/// The phone line: office hours only.
const PHONE_HOURS: [u32; 24] = [
    0, 0, 0, 0, 0, 0, 0, 0, 0, 60, 58, 52, 30, 48, 54, 50, 44, 34, 0, 0, 0, 0, 0, 0,
];

/// Seconds since 2022-10-19T00:00:00+09:00.
pub fn draw_time(rng: &mut Rng, channel: Channel) -> u32 {
    let days: [(usize, u32); 19] = std::array::from_fn(|d| (d, DAY_WEIGHTS[d]));
    let hours_table = if channel == Channel::Phone {
        &PHONE_HOURS
    } else {
        &ONLINE_HOURS
    };
    let hours: [(usize, u32); 24] = std::array::from_fn(|h| (h, hours_table[h]));
    let day = rng.weighted(&days) as u32;
    let hour = rng.weighted(&hours) as u32;
    let within = rng.below(3600) as u32;
    day * 86_400 + hour * 3600 + within
}

/// `2022-10-19T09:13:22+09:00`.
pub fn rfc3339(seconds: u32) -> String {
    let day = (seconds / 86_400) as usize;
    let (month, dom) = calendar_day(day.min(DAY_WEIGHTS.len() - 1));
    let s = seconds % 86_400;
    format!(
        "2022-{month:02}-{dom:02}T{:02}:{:02}:{:02}+09:00",
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_format_as_kst_rfc3339() {
        assert_eq!(rfc3339(0), "2022-10-19T00:00:00+09:00");
        assert_eq!(
            rfc3339(9 * 3600 + 13 * 60 + 22),
            "2022-10-19T09:13:22+09:00"
        );
        assert_eq!(rfc3339(12 * 86_400 + 86_399), "2022-10-31T23:59:59+09:00");
        assert_eq!(rfc3339(13 * 86_400), "2022-11-01T00:00:00+09:00");
        assert_eq!(rfc3339(18 * 86_400 + 3600), "2022-11-06T01:00:00+09:00");
    }
}
