//! Amounts in whole won, formatted with thousands separators. Reading them is
//! [`super::money`]'s.

/// `1234567` → `1,234,567`.
pub fn format_amount(won: i64) -> String {
    let digits = won.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if won < 0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
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
    fn formats_with_thousands_separators() {
        assert_eq!(format_amount(0), "0");
        assert_eq!(format_amount(999), "999");
        assert_eq!(format_amount(1000), "1,000");
        assert_eq!(format_amount(1_234_567), "1,234,567");
    }
}
