//! Amounts in whole won: parsing what people type (`50000`, `50,000`) and formatting with
//! thousands separators.

/// Why an amount was refused; the text reads after `amount_krw: `.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("amount is empty")]
    Empty,
    #[error("\"{0}\" is negative: amounts are whole won, 0 or more")]
    Negative(String),
    #[error("\"{0}\" is not a whole number of won (digits, optionally grouped as 50,000)")]
    NotANumber(String),
    #[error("\"{0}\" is too large")]
    TooLarge(String),
}

/// Parses a non-negative whole number of won. Commas are accepted only as thousands
/// separators (`1,234,567`), so a mistyped `50,00` is refused rather than read as 5,000.
pub fn parse_amount(text: &str) -> Result<i64, AmountError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(AmountError::Empty);
    }
    if t.starts_with('-') && t.len() > 1 {
        return Err(AmountError::Negative(t.to_string()));
    }
    let digits: String = if t.contains(',') {
        let groups: Vec<&str> = t.split(',').collect();
        let first_ok = (1..=3).contains(&groups[0].len());
        let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
        if !first_ok || !rest_ok {
            return Err(AmountError::NotANumber(t.to_string()));
        }
        groups.concat()
    } else {
        t.to_string()
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AmountError::NotANumber(t.to_string()));
    }
    digits
        .parse::<i64>()
        .map_err(|_| AmountError::TooLarge(t.to_string()))
}

/// `1234567` → `1,234,567`.
pub fn format_amount(won: i64) -> String {
    let digits = won.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if won < 0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_plain_and_grouped_digits() {
        assert_eq!(parse_amount("50000"), Ok(50_000));
        assert_eq!(parse_amount(" 50,000 "), Ok(50_000));
        assert_eq!(parse_amount("1,234,567"), Ok(1_234_567));
        assert_eq!(parse_amount("0"), Ok(0));
    }

    #[test]
    fn refuses_what_is_not_whole_non_negative_won() {
        assert_eq!(
            parse_amount("-5000"),
            Err(AmountError::Negative("-5000".into()))
        );
        assert!(matches!(
            parse_amount("5만원"),
            Err(AmountError::NotANumber(_))
        ));
        assert!(matches!(
            parse_amount("50,00"),
            Err(AmountError::NotANumber(_))
        ));
        assert!(matches!(
            parse_amount("12.5"),
            Err(AmountError::NotANumber(_))
        ));
        assert!(matches!(
            parse_amount(",500"),
            Err(AmountError::NotANumber(_))
        ));
        assert_eq!(parse_amount(""), Err(AmountError::Empty));
        assert!(matches!(
            parse_amount("99999999999999999999"),
            Err(AmountError::TooLarge(_))
        ));
        assert_eq!(
            parse_amount("-5000").unwrap_err().to_string(),
            "\"-5000\" is negative: amounts are whole won, 0 or more"
        );
    }

    #[test]
    fn formats_with_thousands_separators() {
        assert_eq!(format_amount(0), "0");
        assert_eq!(format_amount(999), "999");
        assert_eq!(format_amount(1000), "1,000");
        assert_eq!(format_amount(1_234_567), "1,234,567");
    }
}
