//! What a rule pays: nothing, a fixed sum, or a percentage of the claimed amount between a
//! minimum and a maximum, rounded down to whole won.
//!
//! In a rule file:
//!
//! ```toml
//! payout = "none"                                        # or leave it out
//! payout = { cash = 50_000 }
//! payout = { percent = 10, min = 10_000, max = 100_000 }  # percent: up to 3 decimals
//! ```

use toml::de::DeValue;

use crate::domain::format_amount;
use crate::domain::nearest::nearest;
use crate::toml_value::{a_type, in_file_order, integer};

/// A rule's cash payout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Payout {
    #[default]
    None,
    /// A fixed sum in won.
    Cash(i64),
    /// `milli_percent / 1000` percent of `amount_krw`, rounded down to whole won, then raised
    /// to `min` or lowered to `max`. A case without an amount gets 0.
    Percent {
        milli_percent: i64,
        min: i64,
        max: i64,
    },
}

impl Payout {
    /// The cash for a case claiming `amount` (`None`: no amount).
    #[inline]
    pub fn cash(&self, amount: Option<i64>) -> i64 {
        match *self {
            Payout::None => 0,
            Payout::Cash(won) => won,
            Payout::Percent {
                milli_percent,
                min,
                max,
            } => match amount {
                None => 0,
                Some(won) => percent_of(won, milli_percent).max(min).min(max),
            },
        }
    }

    /// The rule's payout in words: `none`, `50,000 won`, `10% of amount_krw (rounded down),
    /// at least 10,000 and at most 100,000 won`.
    pub fn describe(&self) -> String {
        match *self {
            Payout::None => "none".to_string(),
            Payout::Cash(won) => format!("{} won", format_amount(won)),
            Payout::Percent {
                milli_percent,
                min,
                max,
            } => format!(
                "{} of amount_krw (rounded down), at least {} and at most {} won",
                percent_text(milli_percent),
                format_amount(min),
                format_amount(max)
            ),
        }
    }

    /// How the cash for a case claiming `amount` comes about, in words.
    pub fn explain(&self, amount: Option<i64>) -> String {
        let Payout::Percent {
            milli_percent,
            min,
            max,
        } = *self
        else {
            return match self {
                Payout::None => "no cash".to_string(),
                _ => format!(
                    "{} won, whatever the amount",
                    format_amount(self.cash(amount))
                ),
            };
        };
        let Some(won) = amount else {
            return format!(
                "no amount claimed: {} of nothing is 0 won",
                percent_text(milli_percent)
            );
        };
        let raw = percent_of(won, milli_percent);
        let base = format!(
            "{} of {} won = {} won",
            percent_text(milli_percent),
            format_amount(won),
            format_amount(raw)
        );
        if raw < min {
            format!(
                "{base}, raised to the minimum of {} won",
                format_amount(min)
            )
        } else if raw > max {
            format!(
                "{base}, capped at the maximum of {} won",
                format_amount(max)
            )
        } else {
            base
        }
    }
}

/// `won × milli_percent / 100,000`, rounded down (amounts are never negative).
fn percent_of(won: i64, milli_percent: i64) -> i64 {
    let exact = i128::from(won) * i128::from(milli_percent) / 100_000;
    i64::try_from(exact).unwrap_or(i64::MAX)
}

/// `10%`, `2.5%`, `0.125%`.
pub(crate) fn percent_text(milli_percent: i64) -> String {
    let whole = milli_percent / 1000;
    let frac = milli_percent % 1000;
    if frac == 0 {
        format!("{whole}%")
    } else {
        let digits = format!("{frac:03}");
        format!("{whole}.{}%", digits.trim_end_matches('0'))
    }
}

/// A problem in a payout: the byte offset in the file and the message.
pub(crate) type PayoutError = (usize, String);

const FORMS: &str = "\"none\", { cash = N } or { percent = P, min = N, max = N }";
const KEYS: [&str; 4] = ["cash", "percent", "min", "max"];

/// Reads a `payout` value; `at` is where the value starts in the file.
pub(crate) fn parse(value: &DeValue<'_>, at: usize) -> Result<Payout, Vec<PayoutError>> {
    let table = match value {
        DeValue::String(s) if s == "none" => return Ok(Payout::None),
        DeValue::String(s) => {
            return Err(vec![(
                at,
                format!("payout: expected {FORMS}, found \"{s}\""),
            )])
        }
        DeValue::Table(table) => table,
        other => {
            return Err(vec![(
                at,
                format!("payout: expected {FORMS}, found {}", a_type(other)),
            )])
        }
    };
    let mut errors = Vec::new();
    let mut found: [Option<(i64, usize)>; 4] = [None; 4];
    for (key, key_at, value) in in_file_order(table) {
        let Some(slot) = KEYS.iter().position(|k| *k == key) else {
            let message = match nearest(key, KEYS) {
                Some(near) => format!("payout: unknown key \"{key}\" (did you mean \"{near}\"?)"),
                None => format!(
                    "payout: unknown key \"{key}\" (a payout has cash, or percent, min and max)"
                ),
            };
            errors.push((key_at, message));
            continue;
        };
        let value_at = value.span().start;
        let number = if key == "percent" {
            milli_percent(value.get_ref())
        } else {
            amount(key, value.get_ref())
        };
        match number {
            Ok(n) => found[slot] = Some((n, value_at)),
            Err(message) => errors.push((value_at, message)),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let [cash, percent, min, max] = found;
    match (cash, percent) {
        (Some((won, _)), None) => {
            if let Some((_, at)) = min.or(max) {
                return Err(vec![(
                    at,
                    "payout: min and max go with percent, not with cash".to_string(),
                )]);
            }
            Ok(Payout::Cash(won))
        }
        (Some(_), Some((_, at))) => Err(vec![(
            at,
            "payout: either cash or percent, not both".to_string(),
        )]),
        (None, None) => Err(vec![(at, format!("payout: expected {FORMS}"))]),
        (None, Some((milli_percent, _))) => {
            let (Some((min, _)), Some((max, max_at))) = (min, max) else {
                let missing = if min.is_none() { "min" } else { "max" };
                return Err(vec![(
                    at,
                    format!(
                        "payout: a percent payout needs min and max (missing \"{missing}\"; \
                         write min = 0 for no minimum)"
                    ),
                )]);
            };
            if min > max {
                return Err(vec![(
                    max_at,
                    format!(
                        "payout: max ({}) is below min ({})",
                        format_amount(max),
                        format_amount(min)
                    ),
                )]);
            }
            Ok(Payout::Percent {
                milli_percent,
                min,
                max,
            })
        }
    }
}

/// A sum of won: a whole number, 0 or more.
fn amount(key: &str, value: &DeValue<'_>) -> Result<i64, String> {
    match integer(value) {
        Some(won) if won >= 0 => Ok(won),
        Some(_) => Err(format!("payout: {key} must be 0 or more")),
        None => Err(format!(
            "payout: {key} must be a whole number of won (like 50000 or 50_000), not {}",
            a_type(value)
        )),
    }
}

/// A percentage above 0 and at most 100 with at most three decimals, in thousandths.
fn milli_percent(value: &DeValue<'_>) -> Result<i64, String> {
    let bad = || {
        "payout: percent must be a number above 0 and at most 100, with at most 3 decimals \
         (like 10 or 2.5)"
            .to_string()
    };
    let milli = match value {
        DeValue::Integer(_) => integer(value)
            .and_then(|p| p.checked_mul(1000))
            .ok_or_else(bad)?,
        DeValue::Float(f) => {
            let text = f.as_str();
            let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
            let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit() || b == b'_');
            if whole.is_empty() || frac.is_empty() || !digits(whole) || !digits(frac) {
                return Err(bad());
            }
            let frac: String = frac.chars().filter(|c| *c != '_').collect();
            if frac.len() > 3 {
                return Err(bad());
            }
            let whole: i64 = whole.replace('_', "").parse().map_err(|_| bad())?;
            let frac: i64 = format!("{frac:0<3}").parse().map_err(|_| bad())?;
            whole
                .checked_mul(1000)
                .and_then(|w| w.checked_add(frac))
                .ok_or_else(bad)?
        }
        _ => return Err(bad()),
    };
    if milli <= 0 || milli > 100_000 {
        return Err(bad());
    }
    Ok(milli)
}

#[cfg(test)]
mod tests {
    use super::*;
    use toml::de::DeTable;

    fn read(value: &str) -> Result<Payout, Vec<String>> {
        let text = format!("payout = {value}\n");
        let (doc, errors) = DeTable::parse_recoverable(&text);
        assert!(errors.is_empty(), "{value}");
        let v = doc.get_ref().get("payout").unwrap();
        parse(v.get_ref(), v.span().start).map_err(|e| e.into_iter().map(|(_, m)| m).collect())
    }

    const PERCENT: Payout = Payout::Percent {
        milli_percent: 10_000,
        min: 10_000,
        max: 100_000,
    };

    #[test]
    fn the_forms() {
        assert_eq!(read("\"none\""), Ok(Payout::None));
        assert_eq!(read("{ cash = 50_000 }"), Ok(Payout::Cash(50_000)));
        assert_eq!(
            read("{ percent = 10, min = 10000, max = 100000 }"),
            Ok(PERCENT)
        );
        assert_eq!(
            read("{ percent = 2.5, min = 0, max = 1 }"),
            Ok(Payout::Percent {
                milli_percent: 2500,
                min: 0,
                max: 1
            })
        );
        assert_eq!(
            read("{ percent = 0.125, min = 0, max = 1 }").map(|p| p.describe()),
            Ok("0.125% of amount_krw (rounded down), at least 0 and at most 1 won".into())
        );
    }

    #[test]
    fn the_problems() {
        let err = |v: &str| read(v).unwrap_err().join(" | ");
        assert_eq!(
            err("\"nothing\""),
            "payout: expected \"none\", { cash = N } or { percent = P, min = N, max = N }, found \"nothing\""
        );
        assert_eq!(
            err("50000"),
            "payout: expected \"none\", { cash = N } or { percent = P, min = N, max = N }, found an integer"
        );
        assert_eq!(
            err("{ csh = 5 }"),
            "payout: unknown key \"csh\" (did you mean \"cash\"?)"
        );
        assert_eq!(err("{ cash = -5 }"), "payout: cash must be 0 or more");
        assert_eq!(
            err("{ cash = \"5\" }"),
            "payout: cash must be a whole number of won (like 50000 or 50_000), not a string"
        );
        assert_eq!(
            err("{ cash = 5, percent = 3, min = 0, max = 9 }"),
            "payout: either cash or percent, not both"
        );
        assert_eq!(
            err("{ cash = 5, max = 9 }"),
            "payout: min and max go with percent, not with cash"
        );
        assert_eq!(
            err("{}"),
            "payout: expected \"none\", { cash = N } or { percent = P, min = N, max = N }"
        );
        assert_eq!(
            err("{ percent = 10, min = 10000 }"),
            "payout: a percent payout needs min and max (missing \"max\"; write min = 0 for no minimum)"
        );
        assert_eq!(
            err("{ percent = 10, min = 9, max = 5 }"),
            "payout: max (5) is below min (9)"
        );
        for bad in ["0", "101", "1.2345", "1e1", "-3", "nan", "\"10\""] {
            assert!(
                err(&format!("{{ percent = {bad}, min = 0, max = 9 }}"))
                    .starts_with("payout: percent must be"),
                "{bad}"
            );
        }
    }

    #[test]
    fn percent_rounds_down_then_clamps() {
        assert_eq!(PERCENT.cash(Some(99_999)), 10_000, "9,999 → the minimum");
        assert_eq!(
            PERCENT.cash(Some(1_500_005)),
            100_000,
            "150,000 → the maximum"
        );
        assert_eq!(PERCENT.cash(Some(123_456)), 12_345, "12,345.6 → down");
        assert_eq!(PERCENT.cash(Some(100_000)), 10_000);
        assert_eq!(PERCENT.cash(Some(1_000_000)), 100_000);
        assert_eq!(PERCENT.cash(Some(0)), 10_000);
        assert_eq!(PERCENT.cash(None), 0);
        assert_eq!(PERCENT.cash(Some(i64::MAX)), 100_000);
        assert_eq!(Payout::Cash(30_000).cash(None), 30_000);
        assert_eq!(Payout::None.cash(Some(5)), 0);
        let fine = Payout::Percent {
            milli_percent: 2_500,
            min: 0,
            max: i64::MAX,
        };
        assert_eq!(fine.cash(Some(999)), 24, "24.975 → 24");
    }

    #[test]
    fn explanations() {
        assert_eq!(
            PERCENT.explain(Some(123_456)),
            "10% of 123,456 won = 12,345 won"
        );
        assert_eq!(
            PERCENT.explain(Some(99_999)),
            "10% of 99,999 won = 9,999 won, raised to the minimum of 10,000 won"
        );
        assert_eq!(
            PERCENT.explain(Some(1_500_005)),
            "10% of 1,500,005 won = 150,000 won, capped at the maximum of 100,000 won"
        );
        assert_eq!(
            PERCENT.explain(None),
            "no amount claimed: 10% of nothing is 0 won"
        );
        assert_eq!(
            Payout::Cash(50_000).explain(None),
            "50,000 won, whatever the amount"
        );
        assert_eq!(Payout::None.explain(Some(3)), "no cash");
        assert_eq!(
            PERCENT.describe(),
            "10% of amount_krw (rounded down), at least 10,000 and at most 100,000 won"
        );
        assert_eq!(Payout::Cash(30_000).describe(), "30,000 won");
        assert_eq!(percent_text(12_345), "12.345%");
    }
}
