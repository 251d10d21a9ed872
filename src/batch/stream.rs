//! Writing results as scripts expect: a reader that closes the pipe early
//! (`juesuan … | head`) ends the program quietly, as ripgrep and jq do; any
//! other failed write (a full disk, a vanished output folder) is an error with
//! a message and exit status [`crate::error::exit::OUTPUT`].

use std::io::{self, Write};

/// Why output could not be written.
#[derive(Debug)]
pub enum StreamError {
    /// The reader went away (a closed pipe): not an error for the user.
    Closed,
    /// The write failed (no space, I/O error): the output is incomplete.
    Failed(io::Error),
}

impl From<io::Error> for StreamError {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            StreamError::Closed
        } else {
            StreamError::Failed(e)
        }
    }
}

impl StreamError {
    /// Says what went wrong (nothing for a closed pipe) and gives the exit
    /// status: 0 for a closed pipe, [`crate::error::exit::OUTPUT`] otherwise.
    /// `what` names the output (`standard output`, a file name).
    pub fn report(&self, what: &str) -> u8 {
        match self {
            StreamError::Closed => crate::error::exit::OK,
            StreamError::Failed(e) => {
                eprintln!("juesuan: cannot write {what}: {e}");
                crate::error::exit::OUTPUT
            }
        }
    }
}

/// Writes `text` and a newline to standard output and flushes it.
pub fn print_line(text: &str) -> Result<(), StreamError> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}

/// Runs `f` on a buffered standard output and flushes it: the first failed
/// write (or the flush) is the result.
pub fn with_stdout<F>(f: F) -> Result<(), StreamError>
where
    F: FnOnce(&mut dyn Write) -> io::Result<()>,
{
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    f(&mut out)?;
    out.flush()?;
    Ok(())
}
