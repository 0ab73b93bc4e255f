//! Bytes to text: a UTF-8 BOM is dropped, invalid UTF-8 is reported by line.

use super::problem::Problem;

/// Decodes `bytes` as UTF-8. Lines with invalid bytes are reported (and decoded lossily, so
/// that the rest of the file can still be checked).
pub fn decode(bytes: &[u8]) -> (String, Vec<Problem>) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_string(), Vec::new());
    }
    let mut problems = Vec::new();
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if let Err(e) = std::str::from_utf8(line) {
            let at = e.valid_up_to();
            let column = String::from_utf8_lossy(&line[..at]).chars().count() + 1;
            let byte = line.get(at).copied().unwrap_or(0);
            problems.push(Problem::at(
                i + 1,
                format!(
                    "invalid UTF-8 (byte 0x{byte:02X} at column {column}); save the file as UTF-8"
                ),
            ));
        }
    }
    (String::from_utf8_lossy(bytes).into_owned(), problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_a_bom() {
        let (text, problems) = decode(b"\xEF\xBB\xBFid,text\n");
        assert_eq!(text, "id,text\n");
        assert!(problems.is_empty());
    }

    #[test]
    fn reports_each_line_with_invalid_bytes() {
        let (_, problems) = decode(b"ok\n\xEC\x95\x88\xFFx\nfine\n\xC0\n");
        let shown: Vec<String> = problems
            .iter()
            .map(|p| p.in_file("a.csv").to_string())
            .collect();
        assert_eq!(
            shown,
            [
                "a.csv:2: invalid UTF-8 (byte 0xFF at column 2); save the file as UTF-8",
                "a.csv:4: invalid UTF-8 (byte 0xC0 at column 1); save the file as UTF-8",
            ]
        );
    }
}
