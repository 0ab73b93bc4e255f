//! A strict CSV reader (RFC 4180) that reports where a file is malformed.
//!
//! The `csv` crate forgives stray quotes and unterminated quoted fields; an import must instead
//! refuse them and name the line, so that a broken file never loads half-shifted columns.
//! Records may span lines (quoted newlines); each record knows the line it starts on.

/// One record and the line (1-based) it starts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvRecord {
    pub line: usize,
    pub fields: Vec<String>,
}

/// A malformed spot in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvError {
    pub line: usize,
    pub message: String,
}

/// Splits `text` into records. Accepts `\n` and `\r\n` line ends; skips blank lines. A
/// malformed record is reported and reading resumes at the next line.
pub fn read_records(text: &str) -> (Vec<CsvRecord>, Vec<CsvError>) {
    read_records_counted(text, &mut |_| {})
}

/// How many records [`read_records_counted`] reads between two reports.
const REPORT_EVERY: usize = 4096;

/// [`read_records`], telling `lines` now and then how many lines are read.
pub fn read_records_counted(
    text: &str,
    lines: &mut dyn FnMut(usize),
) -> (Vec<CsvRecord>, Vec<CsvError>) {
    let mut records = Vec::new();
    let mut errors = Vec::new();
    let bytes = text.as_bytes();
    let mut pos = 0;
    let mut line = 1;
    while pos < bytes.len() {
        let start_line = line;
        match read_record(text, &mut pos, &mut line) {
            Ok(fields) => {
                let blank = fields.len() == 1 && fields[0].is_empty();
                if !blank {
                    records.push(CsvRecord {
                        line: start_line,
                        fields,
                    });
                }
            }
            Err(message) => {
                errors.push(CsvError {
                    line: start_line,
                    message,
                });
                skip_to_next_line(bytes, &mut pos, &mut line);
            }
        }
        if (records.len() + errors.len()) % REPORT_EVERY == 0 {
            lines(line - 1);
        }
    }
    lines(line - 1);
    (records, errors)
}

fn skip_to_next_line(bytes: &[u8], pos: &mut usize, line: &mut usize) {
    while *pos < bytes.len() {
        let b = bytes[*pos];
        *pos += 1;
        if b == b'\n' {
            *line += 1;
            return;
        }
    }
}

/// Reads one record starting at `pos`; leaves `pos` after its line end.
fn read_record(text: &str, pos: &mut usize, line: &mut usize) -> Result<Vec<String>, String> {
    let bytes = text.as_bytes();
    let mut fields = Vec::new();
    loop {
        let (field, ended) = read_field(text, pos, line)?;
        fields.push(field);
        if ended {
            return Ok(fields);
        }
        // read_field stopped at a comma; step over it.
        *pos += 1;
        if *pos >= bytes.len() {
            fields.push(String::new());
            return Ok(fields);
        }
    }
}

/// Reads one field. Returns it and whether the record ended (line end or end of input);
/// otherwise `pos` is at the comma that follows.
fn read_field(text: &str, pos: &mut usize, line: &mut usize) -> Result<(String, bool), String> {
    let bytes = text.as_bytes();
    if bytes.get(*pos) == Some(&b'"') {
        let open_line = *line;
        *pos += 1;
        let mut value = String::new();
        let mut chunk_start = *pos;
        loop {
            match bytes.get(*pos) {
                None => {
                    return Err(format!(
                        "bad CSV quoting: the quote opened on line {open_line} is never closed"
                    ))
                }
                Some(b'"') if bytes.get(*pos + 1) == Some(&b'"') => {
                    value.push_str(&text[chunk_start..*pos + 1]);
                    *pos += 2;
                    chunk_start = *pos;
                }
                Some(b'"') => {
                    value.push_str(&text[chunk_start..*pos]);
                    *pos += 1;
                    break;
                }
                Some(b'\n') => {
                    *line += 1;
                    *pos += 1;
                }
                Some(_) => *pos += 1,
            }
        }
        match bytes.get(*pos) {
            None => Ok((value, true)),
            Some(b',') => Ok((value, false)),
            Some(b'\n') => {
                *pos += 1;
                *line += 1;
                Ok((value, true))
            }
            Some(b'\r') if bytes.get(*pos + 1) == Some(&b'\n') => {
                *pos += 2;
                *line += 1;
                Ok((value, true))
            }
            Some(_) => Err(
                "bad CSV quoting: text after a closing quote (write a quote inside a quoted \
                 field as \"\")"
                    .to_string(),
            ),
        }
    } else {
        let start = *pos;
        loop {
            match bytes.get(*pos) {
                None => return Ok((text[start..*pos].to_string(), true)),
                Some(b',') => return Ok((text[start..*pos].to_string(), false)),
                Some(b'\n') => {
                    let end = if *pos > start && bytes[*pos - 1] == b'\r' {
                        *pos - 1
                    } else {
                        *pos
                    };
                    *pos += 1;
                    *line += 1;
                    return Ok((text[start..end].to_string(), true));
                }
                Some(b'"') => {
                    return Err(
                        "bad CSV quoting: a quote inside a field that does not start with one \
                         (quote the whole field and double the inner quote)"
                            .to_string(),
                    )
                }
                Some(_) => *pos += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str) -> Vec<Vec<String>> {
        let (records, errors) = read_records(text);
        assert_eq!(errors, []);
        records.into_iter().map(|r| r.fields).collect()
    }

    #[test]
    fn reads_plain_quoted_and_multiline_fields() {
        assert_eq!(
            fields("id,text\nA,\"안녕, \"\"세상\"\"\"\nB,\"두\n줄\"\n"),
            [
                vec!["id", "text"],
                vec!["A", "안녕, \"세상\""],
                vec!["B", "두\n줄"],
            ]
        );
    }

    #[test]
    fn crlf_line_ends_and_empty_fields() {
        assert_eq!(
            fields("a,b,c\r\n1,,\r\n\r\n\"x\",\"\",3"),
            [vec!["a", "b", "c"], vec!["1", "", ""], vec!["x", "", "3"]]
        );
    }

    #[test]
    fn records_know_the_line_they_start_on() {
        let (records, _) = read_records("h\n\"a\nb\"\nc\n");
        let lines: Vec<usize> = records.iter().map(|r| r.line).collect();
        assert_eq!(lines, [1, 2, 4]);
    }

    #[test]
    fn stray_and_unclosed_quotes_are_reported_with_their_line() {
        let (records, errors) =
            read_records("id,text\nA,ab\"c\nB,\"ok\"x\nC,fine\nD,\"never closed\n");
        assert_eq!(records.len(), 2, "header and C");
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [2, 3, 5]);
        assert!(errors[0].message.contains("a quote inside a field"));
        assert!(errors[1].message.contains("text after a closing quote"));
        assert_eq!(
            errors[2].message,
            "bad CSV quoting: the quote opened on line 5 is never closed"
        );
    }
}
