//! Where a command's output goes: standard output, or `--out FILE`, which is written to a
//! temporary file beside it and renamed into place only when the command succeeds.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;

pub struct Output {
    sink: Sink,
}

enum Sink {
    Stdout(BufWriter<io::Stdout>),
    File {
        writer: BufWriter<File>,
        temp: PathBuf,
        target: PathBuf,
    },
}

impl Output {
    pub fn new(out: Option<&Path>) -> anyhow::Result<Output> {
        let sink = match out {
            None => Sink::Stdout(BufWriter::with_capacity(1 << 16, io::stdout())),
            Some(target) => {
                let name = target
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "out".into());
                let temp = target.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
                let file = File::create(&temp)
                    .with_context(|| format!("{}: cannot write", target.display()))?;
                Sink::File {
                    writer: BufWriter::with_capacity(1 << 16, file),
                    temp,
                    target: target.to_path_buf(),
                }
            }
        };
        Ok(Output { sink })
    }

    /// Whether output goes to a person's terminal (progress bars are shown only then, or
    /// when writing to a file).
    pub fn is_interactive(&self) -> bool {
        match &self.sink {
            Sink::Stdout(_) => io::stdout().is_terminal(),
            Sink::File { .. } => true,
        }
    }

    /// [`Output::is_interactive`] of the output `Output::new(out)` would make, before it is
    /// made.
    pub fn would_be_interactive(out: Option<&Path>) -> bool {
        out.is_some() || io::stdout().is_terminal()
    }

    /// Flushes and, for a file, moves it into place.
    pub fn finish(mut self) -> anyhow::Result<()> {
        match &mut self.sink {
            Sink::Stdout(writer) => writer.flush()?,
            Sink::File {
                writer,
                temp,
                target,
            } => {
                writer.flush()?;
                writer.get_ref().sync_all()?;
                std::fs::rename(&*temp, &*target)
                    .with_context(|| format!("{}: cannot write", target.display()))?;
                // Renamed: nothing left for Drop to clean up.
                *temp = PathBuf::new();
            }
        }
        Ok(())
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.sink {
            Sink::Stdout(w) => w.write(buf),
            Sink::File { writer, .. } => writer.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.sink {
            Sink::Stdout(w) => w.flush(),
            Sink::File { writer, .. } => writer.flush(),
        }
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if let Sink::File { temp, .. } = &self.sink {
            if !temp.as_os_str().is_empty() {
                let _ = std::fs::remove_file(temp);
            }
        }
    }
}
