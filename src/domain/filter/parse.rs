//! The syntax of the filter language, without meaning: an expression is split into clauses
//! `FIELD OP VALUE[,VALUE...]`, each piece with its [`Span`].
//!
//! The lexer is tolerant so that an editor (the TUI's filter line) can use it on half-typed
//! input: it never stops at the first problem, records the first error of each clause in
//! [`ClauseSyntax::error`] and goes on, so field names and values after a mistake still have
//! spans to complete against. Meaning (which fields exist, which codes are valid) is checked
//! by [`super::Filter::parse`].

use std::borrow::Cow;
use std::fmt;

use super::error::FilterError;

/// The operators, as listed in error messages.
pub const OPERATORS: &str = "= != < <= > >=";

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Op {
    pub const ALL: [Op; 6] = [Op::Eq, Op::Ne, Op::Lt, Op::Le, Op::Gt, Op::Ge];

    pub fn symbol(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
        }
    }

    /// `<`, `<=`, `>`, `>=`: these take exactly one value and apply only to ordered fields.
    pub fn is_ordering(self) -> bool {
        !matches!(self, Op::Eq | Op::Ne)
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

/// A stretch of the expression, in bytes (to slice the source) and in characters (to place a
/// cursor or an error column). Both are 0-based and half-open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub char_start: usize,
    pub char_end: usize,
}

impl Span {
    /// The 1-based character column where the span starts, as error messages count.
    pub fn column(&self) -> usize {
        self.char_start + 1
    }

    /// Whether a cursor standing before character `char_pos` touches this span (its end
    /// included, so a cursor right after a half-typed word is "in" it).
    pub fn touches(&self, char_pos: usize) -> bool {
        self.char_start <= char_pos && char_pos <= self.char_end
    }
}

/// The field name of a clause as typed (possibly empty or unknown).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word<'a> {
    pub text: &'a str,
    pub span: Span,
}

/// The operator of a clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpToken {
    pub op: Op,
    pub span: Span,
}

/// One value of a clause's list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Value<'a> {
    /// The value with quotes removed and escapes resolved.
    pub text: Cow<'a, str>,
    pub quoted: bool,
    /// Includes the quotes of a quoted value.
    pub span: Span,
}

impl Value<'_> {
    /// The keyword `none` ("not set"); a quoted `"none"` is the plain text.
    pub fn is_none_keyword(&self) -> bool {
        !self.quoted && self.text == "none"
    }
}

/// One clause as written. `op` is `None` when no operator was typed; `values` holds whatever
/// values could be read (empty list items are left out).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClauseSyntax<'a> {
    pub span: Span,
    pub field: Word<'a>,
    pub op: Option<OpToken>,
    pub values: Vec<Value<'a>>,
    /// The first syntax problem in this clause, if any.
    pub error: Option<FilterError>,
}

/// Splits `expr` into clauses. Never fails: problems are recorded per clause.
pub fn clauses(expr: &str) -> Vec<ClauseSyntax<'_>> {
    let mut lexer = Lexer {
        src: expr,
        chars: expr.char_indices().collect(),
        pos: 0,
        error: None,
    };
    let mut out = Vec::new();
    loop {
        while lexer.peek().is_some_and(is_blank) {
            lexer.pos += 1;
        }
        if lexer.peek().is_none() {
            return out;
        }
        out.push(lexer.clause());
    }
}

/// Clause separators. The spec names spaces and tabs; any Unicode whitespace counts.
fn is_blank(c: char) -> bool {
    c.is_whitespace()
}

fn is_op_char(c: char) -> bool {
    matches!(c, '=' | '!' | '<' | '>')
}

struct Lexer<'a> {
    src: &'a str,
    chars: Vec<(usize, char)>,
    /// Index into `chars`: the character column minus one.
    pos: usize,
    /// The first error of the clause being read.
    error: Option<FilterError>,
}

impl<'a> Lexer<'a> {
    fn peek(&self) -> Option<char> {
        self.peek_at(0)
    }

    fn peek_at(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).map(|&(_, c)| c)
    }

    fn byte(&self, char_pos: usize) -> usize {
        self.chars.get(char_pos).map_or(self.src.len(), |&(b, _)| b)
    }

    fn span(&self, char_start: usize, char_end: usize) -> Span {
        Span {
            start: self.byte(char_start),
            end: self.byte(char_end),
            char_start,
            char_end,
        }
    }

    fn slice(&self, char_start: usize, char_end: usize) -> &'a str {
        let (start, end) = (self.byte(char_start), self.byte(char_end));
        self.src.get(start..end).unwrap_or("")
    }

    /// Records a problem at character `char_pos` unless the clause already has one.
    fn fail(&mut self, char_pos: usize, message: String) {
        if self.error.is_none() {
            self.error = Some(FilterError {
                column: char_pos + 1,
                message,
            });
        }
    }

    fn at_value_end(&self) -> bool {
        match self.peek() {
            None => true,
            Some(c) => c == ',' || is_blank(c),
        }
    }

    fn clause(&mut self) -> ClauseSyntax<'a> {
        self.error = None;
        let start = self.pos;
        while self.peek().is_some_and(|c| !is_blank(c) && !is_op_char(c)) {
            self.pos += 1;
        }
        let field = Word {
            text: self.slice(start, self.pos),
            span: self.span(start, self.pos),
        };
        let op = self.op(&field);
        let mut values = Vec::new();
        if let Some(op) = op {
            self.values(op, &mut values);
        }
        ClauseSyntax {
            span: self.span(start, self.pos),
            field,
            op,
            values,
            error: self.error.take(),
        }
    }

    fn op(&mut self, field: &Word<'a>) -> Option<OpToken> {
        let start = self.pos;
        let next_is_eq = self.peek_at(1) == Some('=');
        let (op, len) = match self.peek() {
            Some('=') => (Op::Eq, 1),
            Some('!') if next_is_eq => (Op::Ne, 2),
            Some('!') => {
                self.fail(start, format!("\"!\" is not an operator: {OPERATORS}"));
                (Op::Ne, 1)
            }
            Some('<') if next_is_eq => (Op::Le, 2),
            Some('<') => (Op::Lt, 1),
            Some('>') if next_is_eq => (Op::Ge, 2),
            Some('>') => (Op::Gt, 1),
            _ => {
                let message = format!("\"{}\" needs an operator: {OPERATORS}", field.text);
                self.fail(field.span.char_start, message);
                return None;
            }
        };
        self.pos += len;
        if field.text.is_empty() {
            self.fail(start, format!("missing field name before {op}"));
        }
        if let Some(c) = self.peek().filter(|&c| is_op_char(c)) {
            let message =
                format!("unexpected \"{c}\" after operator {op} (operators: {OPERATORS})");
            self.fail(self.pos, message);
        }
        Some(OpToken {
            op,
            span: self.span(start, self.pos),
        })
    }

    fn values(&mut self, op: OpToken, values: &mut Vec<Value<'a>>) {
        if self.peek().is_none_or(is_blank) {
            self.fail(self.pos, format!("missing value after {}", op.op));
            return;
        }
        loop {
            if self.at_value_end() {
                self.fail(self.pos, "empty value in list".to_string());
            } else if self.peek() == Some('"') {
                values.push(self.quoted());
            } else {
                values.push(self.unquoted());
            }
            if self.peek() == Some(',') {
                self.pos += 1;
            } else {
                return;
            }
        }
    }

    fn unquoted(&mut self) -> Value<'a> {
        let start = self.pos;
        while !self.at_value_end() {
            if self.peek() == Some('"') {
                let message = "unexpected \" inside a value (quote the whole value)".to_string();
                self.fail(self.pos, message);
            }
            self.pos += 1;
        }
        Value {
            text: Cow::Borrowed(self.slice(start, self.pos)),
            quoted: false,
            span: self.span(start, self.pos),
        }
    }

    fn quoted(&mut self) -> Value<'a> {
        let start = self.pos;
        self.pos += 1;
        let mut owned: Option<String> = None;
        let mut closed = false;
        while let Some(c) = self.peek() {
            match c {
                '"' => {
                    closed = true;
                    break;
                }
                '\\' => {
                    let text = owned.get_or_insert_with(|| self.slice(start + 1, self.pos).into());
                    match self.peek_at(1) {
                        Some(escaped @ ('"' | '\\')) => {
                            text.push(escaped);
                            self.pos += 2;
                        }
                        other => {
                            let shown = other.map(String::from).unwrap_or_default();
                            let message = format!(
                                "unknown escape \"\\{shown}\" (inside quotes only \\\" and \\\\ escape)"
                            );
                            self.fail(self.pos, message);
                            text.push('\\');
                            self.pos += 1;
                        }
                    }
                }
                _ => {
                    if let Some(text) = owned.as_mut() {
                        text.push(c);
                    }
                    self.pos += 1;
                }
            }
        }
        let end = self.pos;
        if closed {
            self.pos += 1;
        } else {
            self.fail(start, "unterminated quote (no closing \")".to_string());
        }
        if let Some(c) = self.peek().filter(|&c| c != ',' && !is_blank(c)) {
            let message =
                format!("unexpected \"{c}\" after closing quote (separate values with ,)");
            self.fail(self.pos, message);
            while !self.at_value_end() {
                self.pos += 1;
            }
        }
        let text = match owned {
            Some(text) => Cow::Owned(text),
            None => Cow::Borrowed(self.slice(start + 1, end)),
        };
        Value {
            text,
            quoted: true,
            span: self.span(start, self.pos),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(expr: &str) -> ClauseSyntax<'_> {
        let mut all = clauses(expr);
        assert_eq!(all.len(), 1, "{expr:?} gave {all:?}");
        all.remove(0)
    }

    fn texts<'a>(c: &'a ClauseSyntax<'_>) -> Vec<&'a str> {
        c.values.iter().map(|v| v.text.as_ref()).collect()
    }

    #[test]
    fn splits_clauses_on_blanks_outside_quotes() {
        let all = clauses("  kind=paid\t\tupdated_by=\"kim min\"  ");
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].field.text, "kind");
        assert_eq!(all[1].field.text, "updated_by");
        assert_eq!(texts(&all[1]), ["kim min"]);
        assert!(all.iter().all(|c| c.error.is_none()));
        assert!(clauses(" \t ").is_empty());
    }

    #[test]
    fn reads_every_operator() {
        for op in Op::ALL {
            let expr = format!("amount{}5", op.symbol());
            let c = one(&expr);
            assert_eq!(c.op.map(|o| o.op), Some(op), "{expr}");
            assert_eq!(texts(&c), ["5"]);
            assert_eq!(c.error, None);
        }
    }

    #[test]
    fn spans_count_characters_and_bytes() {
        let all = clauses("channel=카카오 kind=paid");
        let value = &all[0].values[0];
        assert_eq!((value.span.char_start, value.span.char_end), (8, 11));
        assert_eq!((value.span.start, value.span.end), (8, 17));
        assert_eq!(all[1].field.span.column(), 13);
        assert!(all[1].field.span.touches(16));
    }

    #[test]
    fn quoted_values_resolve_escapes_and_keep_commas() {
        let c = one(r#"updated_by="a \"b\", c\\d",x"#);
        assert_eq!(texts(&c), [r#"a "b", c\d"#, "x"]);
        assert!(c.values[0].quoted && !c.values[1].quoted);
        assert_eq!(c.error, None);
        assert!(!one("kind=\"none\"").values[0].is_none_keyword());
        assert!(one("kind=none").values[0].is_none_keyword());
    }

    #[test]
    fn records_problems_and_keeps_going() {
        let c = one("kind=paid,,x");
        assert_eq!(texts(&c), ["paid", "x"]);
        assert_eq!(c.error.map(|e| e.column), Some(11));

        let c = one(r#"updated_by="kim min"#);
        assert_eq!(texts(&c), ["kim min"]);
        assert_eq!(
            c.error.map(|e| e.to_string()).as_deref(),
            Some("column 12: unterminated quote (no closing \")")
        );

        let all = clauses("kind scope=kakao");
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].op, None);
        assert!(all[1].error.is_none());

        let c = one("kind!paid");
        assert_eq!(c.error.map(|e| e.column), Some(5));
        let c = one("kind==paid");
        assert_eq!(c.error.map(|e| e.column), Some(6));
        let c = one("=paid");
        assert_eq!(
            c.error.map(|e| e.message),
            Some("missing field name before =".to_string())
        );
        let c = one(r#"id="a"b"#);
        assert_eq!(c.error.map(|e| e.column), Some(7));
        let c = one(r#"id=a"b"#);
        assert_eq!(c.error.map(|e| e.column), Some(5));
        let c = one(r#"id="a\nb""#);
        assert_eq!(c.error.map(|e| e.column), Some(6));
    }
}
