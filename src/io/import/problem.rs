//! One thing wrong with an input file, reported as `FILE:LINE: field: what is wrong`.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line of the file (the line a record starts on).
    pub line: usize,
    /// The field the problem is in, when it is in one.
    pub field: Option<&'static str>,
    pub message: String,
}

impl Problem {
    pub fn at(line: usize, message: impl Into<String>) -> Problem {
        Problem {
            line,
            field: None,
            message: message.into(),
        }
    }

    pub fn in_field(line: usize, field: &'static str, message: impl Into<String>) -> Problem {
        Problem {
            line,
            field: Some(field),
            message: message.into(),
        }
    }

    /// Displays the problem behind the file's name.
    pub fn in_file<'a>(&'a self, file: &'a str) -> impl fmt::Display + 'a {
        InFile {
            file,
            problem: self,
        }
    }
}

struct InFile<'a> {
    file: &'a str,
    problem: &'a Problem,
}

impl fmt::Display for InFile<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = self.problem;
        match p.field {
            Some(field) => write!(f, "{}:{}: {}: {}", self.file, p.line, field, p.message),
            None => write!(f, "{}:{}: {}", self.file, p.line, p.message),
        }
    }
}
