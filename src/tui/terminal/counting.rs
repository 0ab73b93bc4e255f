//! [`CountingWriter`]: counts the bytes that pass through it, to measure what a backend sends.

use std::io::{self, Write};

/// A writer that counts the bytes written through it to the inner writer.
///
/// ```
/// use std::io::Write;
/// use casebench::tui::terminal::CountingWriter;
///
/// let mut w = CountingWriter::new(std::io::sink());
/// w.write_all("한글".as_bytes()).unwrap();
/// assert_eq!(w.bytes(), 6);
/// w.reset();
/// assert_eq!(w.bytes(), 0);
/// ```
#[derive(Debug, Default, Clone)]
pub struct CountingWriter<W> {
    inner: W,
    bytes: u64,
}

impl<W> CountingWriter<W> {
    /// Wraps `inner`, starting from zero.
    pub fn new(inner: W) -> Self {
        Self { inner, bytes: 0 }
    }

    /// Bytes the inner writer accepted since creation or the last [`CountingWriter::reset`].
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Starts counting from zero again.
    pub fn reset(&mut self) {
        self.bytes = 0;
    }

    /// The inner writer.
    pub fn get_ref(&self) -> &W {
        &self.inner
    }

    /// The inner writer, mutably (bytes written to it directly are not counted).
    pub fn get_mut(&mut self) -> &mut W {
        &mut self.inner
    }

    /// The inner writer, giving up the count.
    pub fn into_inner(self) -> W {
        self.inner
    }
}

impl<W: Write> Write for CountingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.bytes += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Accepts at most 3 bytes per call.
    struct Trickle(Vec<u8>);

    impl Write for Trickle {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            let n = buf.len().min(3);
            self.0.extend_from_slice(&buf[..n]);
            Ok(n)
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn counts_what_the_inner_writer_accepted() {
        let mut w = CountingWriter::new(Trickle(Vec::new()));
        assert_eq!(w.write(b"abcdef").unwrap(), 3);
        assert_eq!(w.bytes(), 3);
        w.write_all("사건 목록".as_bytes()).unwrap();
        assert_eq!(w.bytes(), 3 + 13);
        assert_eq!(w.get_ref().0.len(), 16);
        w.reset();
        assert_eq!(w.bytes(), 0);
        w.flush().unwrap();
        assert_eq!(w.into_inner().0.len(), 16);
    }
}
