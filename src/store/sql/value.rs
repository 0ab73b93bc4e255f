//! The values a statement binds and a row holds: the five kinds both databases share. A bound
//! value borrows what it can (no copy of a case's text to bind it); a value read is owned.

use std::borrow::Cow;

use super::super::error::StoreError;

/// A value bound to a parameter or read from a column.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(Cow<'a, str>),
    Blob(Cow<'a, [u8]>),
}

impl Value<'_> {
    /// The value, owning what it borrowed.
    pub fn into_owned(self) -> Value<'static> {
        match self {
            Value::Null => Value::Null,
            Value::Int(v) => Value::Int(v),
            Value::Real(v) => Value::Real(v),
            Value::Text(t) => Value::Text(std::borrow::Cow::Owned(t.into_owned())),
            Value::Blob(b) => Value::Blob(std::borrow::Cow::Owned(b.into_owned())),
        }
    }

    /// What kind of value it is, for error messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Int(_) => "an integer",
            Value::Real(_) => "a real number",
            Value::Text(_) => "text",
            Value::Blob(_) => "bytes",
        }
    }
}

impl From<i64> for Value<'_> {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}

impl From<i32> for Value<'_> {
    fn from(v: i32) -> Self {
        Value::Int(i64::from(v))
    }
}

impl From<u32> for Value<'_> {
    fn from(v: u32) -> Self {
        Value::Int(i64::from(v))
    }
}

/// Counts and sizes: saturated at `i64::MAX` (no database holds more).
impl From<usize> for Value<'_> {
    fn from(v: usize) -> Self {
        Value::Int(i64::try_from(v).unwrap_or(i64::MAX))
    }
}

impl From<bool> for Value<'_> {
    fn from(v: bool) -> Self {
        Value::Int(i64::from(v))
    }
}

impl From<f64> for Value<'_> {
    fn from(v: f64) -> Self {
        Value::Real(v)
    }
}

impl From<f32> for Value<'_> {
    fn from(v: f32) -> Self {
        Value::Real(f64::from(v))
    }
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(v: &'a str) -> Self {
        Value::Text(Cow::Borrowed(v))
    }
}

impl From<String> for Value<'_> {
    fn from(v: String) -> Self {
        Value::Text(Cow::Owned(v))
    }
}

impl<'a> From<&'a String> for Value<'a> {
    fn from(v: &'a String) -> Self {
        Value::Text(Cow::Borrowed(v))
    }
}

impl<'a> From<&'a [u8]> for Value<'a> {
    fn from(v: &'a [u8]) -> Self {
        Value::Blob(Cow::Borrowed(v))
    }
}

impl From<Vec<u8>> for Value<'_> {
    fn from(v: Vec<u8>) -> Self {
        Value::Blob(Cow::Owned(v))
    }
}

impl<'a, T: Into<Value<'a>>> From<Option<T>> for Value<'a> {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}

impl<'a> From<&'a Option<String>> for Value<'a> {
    fn from(v: &'a Option<String>) -> Self {
        v.as_deref().map_or(Value::Null, Into::into)
    }
}

impl From<&Option<i64>> for Value<'_> {
    fn from(v: &Option<i64>) -> Self {
        v.map_or(Value::Null, Value::Int)
    }
}

impl From<&i64> for Value<'_> {
    fn from(v: &i64) -> Self {
        Value::Int(*v)
    }
}

/// A row of a query's answer. While a query runs, its text and bytes borrow from the
/// database's own row (no copy of a label to read it); [`Row::into_owned`] keeps it.
#[derive(Clone, Debug, PartialEq)]
pub struct Row<'r> {
    values: Vec<Value<'r>>,
}

impl<'r> Row<'r> {
    pub fn new(values: Vec<Value<'r>>) -> Row<'r> {
        Row { values }
    }

    /// The row, owning what it borrowed.
    pub fn into_owned(self) -> Row<'static> {
        Row {
            values: self.values.into_iter().map(Value::into_owned).collect(),
        }
    }

    /// Every column, in order (a copy's rows, bound again as they were read).
    pub fn values(&self) -> &[Value<'r>] {
        &self.values
    }

    /// Column `i` (from 0) as `T`; a missing column or a value of another kind is an error
    /// that names both.
    pub fn get<T: FromValue>(&self, i: usize) -> Result<T, StoreError> {
        let value = self.values.get(i).unwrap_or(&Value::Null);
        T::from_value(value).ok_or_else(|| StoreError::WrongKind {
            column: i,
            expected: T::EXPECTED,
            found: value.kind(),
        })
    }

    /// Column `i` as text without copying it; `None` for null.
    pub fn text(&self, i: usize) -> Result<Option<&str>, StoreError> {
        match self.values.get(i) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Text(t)) => Ok(Some(t.as_ref())),
            Some(other) => Err(StoreError::WrongKind {
                column: i,
                expected: "text",
                found: other.kind(),
            }),
        }
    }

    /// Takes column `i` out of the row (a large text or blob, without a copy).
    pub fn take(&mut self, i: usize) -> Value<'r> {
        self.values
            .get_mut(i)
            .map_or(Value::Null, |v| std::mem::replace(v, Value::Null))
    }
}

/// A Rust type a column can be read as.
pub trait FromValue: Sized {
    /// What the column should hold, for the error message.
    const EXPECTED: &'static str;
    fn from_value(value: &Value<'_>) -> Option<Self>;
}

impl FromValue for i64 {
    const EXPECTED: &'static str = "an integer";
    fn from_value(value: &Value<'_>) -> Option<i64> {
        match value {
            Value::Int(v) => Some(*v),
            _ => None,
        }
    }
}

impl FromValue for f64 {
    const EXPECTED: &'static str = "a number";
    fn from_value(value: &Value<'_>) -> Option<f64> {
        match value {
            Value::Real(v) => Some(*v),
            Value::Int(v) => Some(*v as f64),
            _ => None,
        }
    }
}

impl FromValue for bool {
    const EXPECTED: &'static str = "0 or 1";
    fn from_value(value: &Value<'_>) -> Option<bool> {
        match value {
            Value::Int(v) => Some(*v != 0),
            _ => None,
        }
    }
}

impl FromValue for String {
    const EXPECTED: &'static str = "text";
    fn from_value(value: &Value<'_>) -> Option<String> {
        match value {
            Value::Text(v) => Some(v.to_string()),
            _ => None,
        }
    }
}

impl FromValue for Vec<u8> {
    const EXPECTED: &'static str = "bytes";
    fn from_value(value: &Value<'_>) -> Option<Vec<u8>> {
        match value {
            Value::Blob(v) => Some(v.to_vec()),
            _ => None,
        }
    }
}

impl<T: FromValue> FromValue for Option<T> {
    const EXPECTED: &'static str = T::EXPECTED;
    fn from_value(value: &Value<'_>) -> Option<Option<T>> {
        match value {
            Value::Null => Some(None),
            other => T::from_value(other).map(Some),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_back_as_their_kind_and_mismatches_name_both() {
        let row = Row::new(vec![
            Value::from(7i64),
            Value::from("kim"),
            Value::from(None::<i64>),
            Value::from(0.5f64),
        ]);
        assert_eq!(row.get::<i64>(0).unwrap(), 7);
        assert_eq!(row.get::<String>(1).unwrap(), "kim");
        assert_eq!(row.get::<Option<i64>>(2).unwrap(), None);
        assert_eq!(row.get::<f64>(3).unwrap(), 0.5);
        assert_eq!(row.get::<f64>(0).unwrap(), 7.0);
        assert_eq!(row.text(1).unwrap(), Some("kim"));
        let err = row.get::<i64>(1).unwrap_err().to_string();
        assert_eq!(
            err,
            "the database holds text in column 1 where an integer belongs"
        );
        assert!(row.get::<i64>(9).is_err(), "a missing column is null");
    }
}
