//! The one-line form that starts a spot-check in the workbench:
//! `reviewers=kim,lee since=2026-11-01 [until=2026-11-30] size=20` or, instead of `size`,
//! `confidence=0.95 margin=0.05`; optionally `seed=7 name="week 48"`.

use crate::leads::SampleSize;

/// What the form asks for.
#[derive(Clone, Debug, PartialEq)]
pub struct SpotForm {
    pub reviewers: Vec<String>,
    pub since: String,
    pub until: Option<String>,
    pub size: SampleSize,
    pub seed: u64,
    pub name: Option<String>,
}

/// Reads the form; an error names the part that is wrong.
pub fn parse_form(text: &str) -> Result<SpotForm, String> {
    let mut reviewers = Vec::new();
    let mut since = None;
    let mut until = None;
    let mut size = None;
    let mut confidence = None;
    let mut margin = None;
    let mut seed = 1;
    let mut name = None;
    for word in text.split_whitespace() {
        let Some((key, value)) = word.split_once('=') else {
            return Err(format!("\"{word}\" is not KEY=VALUE"));
        };
        let number = |what: &str| -> Result<f64, String> {
            value
                .parse::<f64>()
                .map_err(|_| format!("{what}: \"{value}\" is not a number"))
        };
        match key {
            "reviewers" | "reviewer" => {
                reviewers.extend(value.split(',').filter(|r| !r.is_empty()).map(str::to_string))
            }
            "since" => since = Some(value.to_string()),
            "until" => until = Some(value.to_string()),
            "size" => {
                size = Some(
                    value
                        .parse::<usize>()
                        .map_err(|_| format!("size: \"{value}\" is not a whole number"))?,
                )
            }
            "confidence" => confidence = Some(number("confidence")?),
            "margin" => margin = Some(number("margin")?),
            "seed" => {
                seed = value
                    .parse::<u64>()
                    .map_err(|_| format!("seed: \"{value}\" is not a whole number"))?
            }
            "name" => name = Some(value.trim_matches('"').to_string()),
            other => {
                return Err(format!(
                    "unknown \"{other}\" (use reviewers, since, until, size, confidence, margin, seed, name)"
                ))
            }
        }
    }
    if reviewers.is_empty() {
        return Err("name the reviewers to check: reviewers=kim,lee".into());
    }
    let since = since.ok_or("give the start of the period: since=YYYY-MM-DD")?;
    let size = match (size, confidence, margin) {
        (Some(n), None, None) => SampleSize::Fixed(n),
        (None, Some(confidence), Some(margin)) => SampleSize::Estimate {
            confidence,
            margin,
            proportion: 0.5,
        },
        (None, None, None) => return Err("give size=N, or confidence=0.95 margin=0.05".into()),
        _ => return Err("give either size=N or confidence= and margin=, not both".into()),
    };
    Ok(SpotForm {
        reviewers,
        since,
        until,
        size,
        seed,
        name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_form() {
        let form = parse_form("reviewers=kim,lee since=2026-11-01 size=20 seed=7").unwrap();
        assert_eq!(form.reviewers, ["kim", "lee"]);
        assert_eq!(form.size, SampleSize::Fixed(20));
        assert_eq!(form.seed, 7);
        let form =
            parse_form("reviewers=kim since=2026-11-01 confidence=0.95 margin=0.05").unwrap();
        assert!(matches!(form.size, SampleSize::Estimate { .. }));
        assert_eq!(
            parse_form("reviewers= since=2026-11-01 size=20").unwrap_err(),
            "name the reviewers to check: reviewers=kim,lee"
        );
        assert_eq!(
            parse_form("reviewers=kim since=2026-11-01 size=20 margin=0.1").unwrap_err(),
            "give either size=N or confidence= and margin=, not both"
        );
        assert!(parse_form("reviewers=kim since=x sise=3")
            .unwrap_err()
            .starts_with("unknown \"sise\""));
    }
}
