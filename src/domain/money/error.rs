//! Why an amount was refused. Each message reads after `amount_krw: ` and names what the text
//! looks like when it is something else (a date, a time, a phone number, a count).

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("amount is empty")]
    Empty,
    #[error("\"{0}\" is negative: amounts are whole won, 0 or more")]
    Negative(String),
    /// From the strict reader of files and filters ([`super::parse_digits`]).
    #[error("\"{0}\" is not a whole number of won (digits, optionally grouped as 50,000)")]
    NotANumber(String),
    #[error("\"{0}\" is too large")]
    TooLarge(String),
    #[error("\"{0}\" is not an amount of won (e.g. 50,000, 5만원, 12만 5천원)")]
    NotAnAmount(String),
    #[error("\"{0}\" is not an amount of won: a comma separates thousands, as in 50,000")]
    Grouping(String),
    #[error("\"{0}\" is not a whole number of won (a decimal needs a unit, as in 2.5만원)")]
    DecimalWithoutUnit(String),
    #[error("\"{0}\" is not a whole number of won")]
    NotWhole(String),
    #[error("\"{0}\" goes from more to less: write a range low to high (e.g. 50만~60만원)")]
    Backwards(String),
    #[error("\"{0}\" is a date, not an amount")]
    Date(String),
    #[error("\"{0}\" is a time, not an amount")]
    Time(String),
    #[error("\"{0}\" is a duration, not an amount")]
    Duration(String),
    #[error("\"{0}\" looks like a phone number, not an amount")]
    Phone(String),
    #[error("\"{0}\" is a count, not an amount")]
    Count(String),
}
