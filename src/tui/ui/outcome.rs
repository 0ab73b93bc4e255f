//! How rule outcomes are written in the list: in full (`support_cash 30,000`, in compare mode
//! `needs_evidence → goodwill_package`) where the row keeps room for the case text, else as
//! short codes (`SC 30,000`, `NE→GP`) whose legend the counts panel's outcome rows give.

use crate::domain::format_amount;
use crate::text::{truncate, width};
use crate::tui::app::App;

/// At most this many cells of the list go to the outcome: outcomes written in full that would
/// take more are written short instead, never cut.
pub const OUTCOME_MAX: usize = 40;

/// How the list writes outcomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Full,
    Short,
}

/// The outcome codes on screen (the active set's, then those only the compared set has), each
/// with its short code.
#[derive(Clone, Debug, Default)]
pub struct OutcomeNames {
    names: Vec<(String, String)>,
}

impl OutcomeNames {
    pub fn of(app: &App) -> OutcomeNames {
        let mut codes: Vec<String> = Vec::new();
        for set in [app.judge.a(), app.judge.b()].into_iter().flatten() {
            for code in set.outcome_codes() {
                if !codes.contains(code) {
                    codes.push(code.clone());
                }
            }
        }
        let shorts = abbreviate(&codes);
        OutcomeNames {
            names: codes.into_iter().zip(shorts).collect(),
        }
    }

    /// The short code of `code` (`SC` for `support_cash`); the code itself if it is unknown.
    pub fn short<'a>(&'a self, code: &'a str) -> &'a str {
        self.names
            .iter()
            .find(|(c, _)| c == code)
            .map_or(code, |(_, s)| s.as_str())
    }

    /// The widest short code.
    pub fn short_width(&self) -> usize {
        self.names.iter().map(|(_, s)| width(s)).max().unwrap_or(0)
    }
}

/// Short codes for outcome codes, distinct and in the same order: the initials of the words
/// (`support_cash` → `SC`, at most three), or the first two letters of a one-word code
/// (`declined` → `DE`); a short code already taken gets a number (`SC2`).
pub fn abbreviate(codes: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(codes.len());
    for code in codes {
        let words: Vec<&str> = code.split('_').filter(|w| !w.is_empty()).collect();
        let base: String = if words.len() >= 2 {
            words
                .iter()
                .take(3)
                .filter_map(|w| w.chars().next())
                .collect()
        } else {
            code.chars().take(2).collect()
        };
        let base = base.to_uppercase();
        let mut short = base.clone();
        let mut n = 2;
        while out.contains(&short) {
            short = format!("{base}{n}");
            n += 1;
        }
        out.push(short);
    }
    out
}

/// The outcome of the case at `index` (a position in the case set) in `form`: `support_cash
/// 30,000` or `SC 30,000`; in compare mode, for a case whose outcome differs,
/// `needs_evidence → goodwill_package` or `NE→GP`. Empty without rules. The full form is never
/// cut (the list writes short when it would not fit); the short one at [`OUTCOME_MAX`].
pub fn outcome_cell(app: &App, names: &OutcomeNames, index: usize, form: Form) -> String {
    let (Some(a), Some(&da)) = (app.judge.a(), app.judge.da.get(index)) else {
        return String::new();
    };
    let code_a = a.outcome_code(da);
    let text = match (
        app.judge.b(),
        app.judge.db.get(index),
        app.judge.changed(index),
    ) {
        (Some(b), Some(&db), Some(true)) => {
            let code_b = b.outcome_code(db);
            match form {
                Form::Full => format!("{code_a} → {code_b}"),
                Form::Short => format!("{}→{}", names.short(code_a), names.short(code_b)),
            }
        }
        _ => {
            let code = match form {
                Form::Full => code_a,
                Form::Short => names.short(code_a),
            };
            if da.cash > 0 {
                format!("{code} {}", format_amount(da.cash))
            } else {
                code.to_string()
            }
        }
    };
    match form {
        Form::Full => text,
        Form::Short => truncate(&text, OUTCOME_MAX).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::abbreviate;

    fn codes(list: &[&str]) -> Vec<String> {
        list.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn short_codes_are_initials_and_distinct() {
        let shipped = codes(&[
            "refer_affiliate",
            "per_terms",
            "reply_only",
            "individual_review",
            "decline_substitute",
            "needs_evidence",
            "support_cash",
            "goodwill_package",
            "needs_review",
        ]);
        assert_eq!(
            abbreviate(&shipped),
            ["RA", "PT", "RO", "IR", "DS", "NE", "SC", "GP", "NR"]
        );
        assert_eq!(
            abbreviate(&codes(&[
                "support_cash",
                "special_case",
                "declined",
                "a",
                "x_y_z_w"
            ])),
            ["SC", "SC2", "DE", "A", "XYZ"]
        );
    }
}
