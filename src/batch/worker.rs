//! Processing one input in isolation: a panic becomes a `internal` failure, a
//! file that takes too long a `timeout` failure, and the run goes on.

use std::cell::{Cell, RefCell};
use std::io::Read;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{mpsc, Arc, Once};
use std::time::{Duration, Instant};

use crate::error::{Failure, FailureKind};
use crate::ingest::allowance::Allowance;
use crate::model::{Document, FailureInfo, FailureRecord, Severity, Source, SCHEMA};

/// Test hooks, read once from the environment at the start of a batch.
///
/// `JUESUAN_TEST_PANIC_ON=<substring>` makes the extraction of every input
/// whose path contains the substring panic; `JUESUAN_TEST_HANG_ON=<substring>`
/// makes it sleep (for the `--timeout` test). They exist so that the tests can
/// check the isolation of a panicking or stuck parser; they cost one `Option`
/// check per file when unset.
#[derive(Debug, Clone, Default)]
pub struct TestHooks {
    /// Panic on paths containing this.
    pub panic_on: Option<String>,
    /// Hang on paths containing this.
    pub hang_on: Option<String>,
}

impl TestHooks {
    /// Reads the hooks from the environment.
    pub fn from_env() -> Self {
        let get = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        TestHooks {
            panic_on: get("JUESUAN_TEST_PANIC_ON"),
            hang_on: get("JUESUAN_TEST_HANG_ON"),
        }
    }

    fn fire(&self, path: &str) {
        if self.panic_on.as_deref().is_some_and(|s| path.contains(s)) {
            panic!("test hook: injected panic for {path}");
        }
        if self.hang_on.as_deref().is_some_and(|s| path.contains(s)) {
            std::thread::sleep(Duration::from_secs(3600));
        }
    }
}

/// Limits applied to every input, in single-file and batch mode alike.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Give up on a file after this long (`None`: no bound).
    pub timeout: Option<Duration>,
    /// Refuse files larger than this many bytes (standard input too).
    pub max_bytes: u64,
    /// Refuse files whose reading is estimated to take more memory than
    /// this many bytes ([`super::budget`]).
    pub max_memory: u64,
}

impl Default for Limits {
    /// The command line's defaults: 120 s, 512 MiB files, 2 GiB of memory.
    fn default() -> Self {
        Limits {
            timeout: Some(Duration::from_secs(120)),
            max_bytes: 512 << 20,
            max_memory: 2 << 30,
        }
    }
}

/// Standard input, read once (at most the size bound of it is held).
#[derive(Debug, Clone)]
pub enum Stdin {
    /// Its bytes.
    Bytes(Arc<Vec<u8>>),
    /// More than the size bound: only what a failure record needs.
    TooLarge {
        /// Bytes in all.
        len: u64,
        /// SHA-256 of all of them.
        sha256: String,
        /// True when they start with `%PDF`.
        pdf: bool,
    },
}

impl Stdin {
    /// Reads standard input, holding at most `max_bytes` of it: a longer
    /// input is read to its end for its length and hash, and dropped.
    pub fn read(max_bytes: u64) -> std::io::Result<Stdin> {
        Stdin::read_from(&mut std::io::stdin().lock(), max_bytes)
    }

    /// [`Stdin::read`] from any reader.
    pub fn read_from(r: &mut dyn Read, max_bytes: u64) -> std::io::Result<Stdin> {
        let mut bytes = Vec::new();
        r.take(max_bytes.saturating_add(1))
            .read_to_end(&mut bytes)?;
        if bytes.len() as u64 <= max_bytes {
            return Ok(Stdin::Bytes(Arc::new(bytes)));
        }
        use sha2::{Digest, Sha256};
        let mut hasher = Sha256::new();
        hasher.update(&bytes);
        let pdf = bytes.starts_with(b"%PDF");
        let mut len = bytes.len() as u64;
        drop(bytes);
        let mut buf = vec![0u8; 1 << 16];
        loop {
            let n = match r.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            hasher.update(&buf[..n]);
            len += n as u64;
        }
        Ok(Stdin::TooLarge {
            len,
            sha256: hex(&hasher.finalize()),
            pdf,
        })
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn too_much_memory(max_memory: u64) -> Failure {
    Failure::new(
        FailureKind::TooLarge,
        format!(
            "reading it would take more than {} MB of memory (--max-memory); \
             a PDF's streams may inflate to far more than the file",
            max_memory >> 20
        ),
    )
}

fn too_large(len: u64, max_bytes: u64) -> Failure {
    Failure::new(
        FailureKind::TooLarge,
        format!("{len} bytes, more than the bound of {max_bytes} (--max-size)"),
    )
}

/// What became of one input.
#[derive(Debug)]
pub enum Outcome {
    /// Extracted.
    Doc(Box<Document>),
    /// Not extracted; the record says why.
    Failed(FailureRecord),
}

/// What the summary needs to know about one processed input.
#[derive(Debug, Clone, Default)]
pub struct FileStat {
    /// Page count, for PDFs.
    pub pages: Option<u32>,
    /// `Some((kind, message))` when the file failed.
    pub failure: Option<(String, String)>,
    /// Rules of the `error` findings.
    pub error_rules: Vec<String>,
    /// Number of `rounding` findings.
    pub rounding: usize,
    /// Number of `warning` findings.
    pub warnings: usize,
}

impl Outcome {
    /// The record as one line of canonical JSON (no newline).
    pub fn to_json(&self) -> String {
        match self {
            Outcome::Doc(d) => crate::emit::compact(d.as_ref()),
            Outcome::Failed(f) => crate::emit::compact(f),
        }
    }

    /// The figures the summary counts.
    pub fn stat(&self) -> FileStat {
        match self {
            Outcome::Doc(d) => {
                let mut s = FileStat {
                    pages: d.source.pages,
                    ..FileStat::default()
                };
                for f in &d.findings {
                    match f.severity {
                        Severity::Error => s.error_rules.push(f.rule.clone()),
                        Severity::Rounding => s.rounding += 1,
                        Severity::Warning => s.warnings += 1,
                    }
                }
                s
            }
            Outcome::Failed(f) => FileStat {
                pages: f.source.pages,
                failure: Some((f.failure.kind.clone(), f.failure.message.clone())),
                ..FileStat::default()
            },
        }
    }
}

thread_local! {
    /// Set on threads whose panics are caught and reported as failures.
    static QUIET_PANICS: Cell<bool> = const { Cell::new(false) };
    /// Where the last caught panic on this thread happened.
    static PANIC_AT: RefCell<Option<String>> = const { RefCell::new(None) };
}

static HOOK: Once = Once::new();

/// Installs (once) a panic hook that keeps quiet about panics on extraction
/// threads (they become `internal` failure records, with their location) and
/// leaves every other panic to the default hook.
pub fn install_panic_hook() {
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if QUIET_PANICS.with(|q| q.get()) {
                let at = info
                    .location()
                    .map(|l| format!("{}:{}", l.file(), l.line()));
                PANIC_AT.with(|p| *p.borrow_mut() = at);
            } else {
                default(info);
            }
        }));
    });
}

/// The failure record for `path`, given what is known of its bytes.
pub fn failure_record(path: &str, sha256: String, pdf: bool, failure: Failure) -> FailureRecord {
    FailureRecord {
        schema: SCHEMA.to_string(),
        source: Source {
            path: path.to_string(),
            sha256,
            format: if pdf { "pdf-text" } else { "text" }.to_string(),
            pages: None,
            ocr_pages: Vec::new(),
        },
        failure: FailureInfo {
            kind: failure.kind.as_str().to_string(),
            message: failure.message,
        },
    }
}

/// Processes inputs one after the other for one worker, never panicking and
/// never taking (much) longer than `limits.timeout` on one input.
///
/// With a time bound, extraction runs on a helper thread that the runner
/// keeps from one input to the next (no thread start per file); when an input
/// overruns, the runner gives up on that thread (it is left to finish, or not,
/// on its own) and starts a fresh one for the next input.
pub struct Runner {
    limits: Limits,
    hooks: TestHooks,
    helper: Option<Helper>,
}

/// A job for the helper: the path, the bytes, and the allowance the read
/// adds to as it reads scanned pages.
type Job = (String, Arc<Vec<u8>>, Allowance);

struct Helper {
    jobs: mpsc::SyncSender<Job>,
    results: mpsc::Receiver<Result<Document, Failure>>,
}

impl Runner {
    /// A runner applying `limits` (and the test `hooks`).
    pub fn new(limits: Limits, hooks: TestHooks) -> Self {
        Runner {
            limits,
            hooks,
            helper: None,
        }
    }

    /// Reads and extracts one input. `stdin` holds standard input when the
    /// inputs have `-` among them.
    pub fn process(&mut self, path: &str, stdin: Option<&Stdin>) -> Outcome {
        let bytes = match read(path, stdin, &self.limits) {
            Ok(b) => b,
            Err((sha, pdf, failure)) => {
                return Outcome::Failed(failure_record(path, sha, pdf, failure))
            }
        };
        if super::budget::estimate(&bytes, self.limits.max_memory).is_none() {
            let failure = too_much_memory(self.limits.max_memory);
            return Outcome::Failed(failure_record(
                path,
                crate::sha256_hex(&bytes),
                bytes.starts_with(b"%PDF"),
                failure,
            ));
        }
        let result = match self.limits.timeout {
            None => guarded(path, &bytes, &self.hooks),
            Some(t) => self.with_timeout(path, &bytes, t),
        };
        match result {
            Ok(doc) => Outcome::Doc(Box::new(doc)),
            Err(f) => Outcome::Failed(failure_record(
                path,
                crate::sha256_hex(&bytes),
                bytes.starts_with(b"%PDF"),
                f,
            )),
        }
    }

    /// Runs [`guarded`] on the helper thread and waits at most `timeout`,
    /// plus what the read earns by reading scanned pages
    /// ([`Allowance`]: each page read by OCR adds its own allowance).
    fn with_timeout(
        &mut self,
        path: &str,
        bytes: &Arc<Vec<u8>>,
        timeout: Duration,
    ) -> Result<Document, Failure> {
        if self.helper.is_none() {
            self.helper = Some(spawn_helper(self.hooks.clone())?);
        }
        let helper = self.helper.as_ref().expect("helper started");
        let allowance = Allowance::default();
        if helper
            .jobs
            .send((path.to_string(), Arc::clone(bytes), allowance.clone()))
            .is_err()
        {
            self.helper = None;
            return Err(Failure::new(
                FailureKind::Internal,
                "the extraction thread is gone",
            ));
        }
        let start = Instant::now();
        let e = loop {
            let left = (timeout + allowance.get()).saturating_sub(start.elapsed());
            match helper.results.recv_timeout(left) {
                Ok(r) => return r,
                Err(mpsc::RecvTimeoutError::Timeout)
                    if start.elapsed() < timeout + allowance.get() =>
                {
                    continue
                }
                Err(e) => break e,
            }
        };
        // give up on this helper: dropping its channels lets it end once (if
        // ever) the stuck extraction returns
        self.helper = None;
        Err(match e {
            mpsc::RecvTimeoutError::Timeout => {
                let earned = allowance.get();
                let why = if earned.is_zero() {
                    format!("gave up after {} s (--timeout)", timeout.as_secs_f64())
                } else {
                    format!(
                        "gave up after {} s (--timeout {} s and {} s for its pages read by OCR)",
                        (timeout + earned).as_secs_f64().round(),
                        timeout.as_secs_f64(),
                        earned.as_secs_f64().round()
                    )
                };
                Failure::new(FailureKind::Timeout, why)
            }
            mpsc::RecvTimeoutError::Disconnected => Failure::new(
                FailureKind::Internal,
                "the extraction thread ended without a result",
            ),
        })
    }
}

fn spawn_helper(hooks: TestHooks) -> Result<Helper, Failure> {
    let (job_tx, job_rx) = mpsc::sync_channel::<Job>(1);
    let (res_tx, res_rx) = mpsc::sync_channel(1);
    std::thread::Builder::new()
        .name("juesuan-extract".to_string())
        .stack_size(16 << 20)
        .spawn(move || {
            for (path, bytes, allowance) in job_rx {
                let r = allowance.scope(|| guarded(&path, &bytes, &hooks));
                if res_tx.send(r).is_err() {
                    break;
                }
            }
        })
        .map_err(|e| Failure::new(FailureKind::Internal, format!("cannot start a thread: {e}")))?;
    Ok(Helper {
        jobs: job_tx,
        results: res_rx,
    })
}

type ReadError = (String, bool, Failure);

fn read(path: &str, stdin: Option<&Stdin>, limits: &Limits) -> Result<Arc<Vec<u8>>, ReadError> {
    if path == "-" {
        return match stdin {
            Some(Stdin::Bytes(b)) => Ok(Arc::clone(b)),
            Some(Stdin::TooLarge { len, sha256, pdf }) => {
                Err((sha256.clone(), *pdf, too_large(*len, limits.max_bytes)))
            }
            None => Ok(Arc::default()),
        };
    }
    let unreadable = |e: std::io::Error| {
        (
            String::new(),
            false,
            Failure::new(FailureKind::Unreadable, format!("cannot read: {e}")),
        )
    };
    let mut file = std::fs::File::open(path).map_err(unreadable)?;
    let len = file.metadata().map_err(unreadable)?.len();
    if len > limits.max_bytes {
        let (sha, pdf) = hash_stream(&mut file).map_err(unreadable)?;
        return Err((sha, pdf, too_large(len, limits.max_bytes)));
    }
    // a file whose size alone puts it over the memory bound (a text of
    // hundreds of megabytes) is refused without being held
    let mut head = Vec::with_capacity(1024);
    (&mut file)
        .take(1024)
        .read_to_end(&mut head)
        .map_err(unreadable)?;
    if super::budget::estimate_from_size(len, super::budget::is_pdf(&head)) > limits.max_memory {
        use std::io::Seek;
        file.rewind().map_err(unreadable)?;
        let (sha, pdf) = hash_stream(&mut file).map_err(unreadable)?;
        return Err((sha, pdf, too_much_memory(limits.max_memory)));
    }
    {
        use std::io::Seek;
        file.rewind().map_err(unreadable)?;
    }
    // the length can change under us (a file still being written): never
    // hold more than the bound
    let mut bytes = Vec::with_capacity(len as usize);
    (&mut file)
        .take(limits.max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > limits.max_bytes {
        let (sha, pdf) = (crate::sha256_hex(&bytes), bytes.starts_with(b"%PDF"));
        return Err((sha, pdf, too_large(bytes.len() as u64, limits.max_bytes)));
    }
    Ok(Arc::new(bytes))
}

/// SHA-256 and PDF-ness of a file read in pieces (for files too large to hold).
fn hash_stream(file: &mut std::fs::File) -> std::io::Result<(String, bool)> {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut first = true;
    let mut pdf = false;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        if first {
            pdf = buf[..n].starts_with(b"%PDF");
            first = false;
        }
        hasher.update(&buf[..n]);
    }
    Ok((hex(&hasher.finalize()), pdf))
}

/// Extraction with panics caught (on the current thread).
fn guarded(path: &str, bytes: &[u8], hooks: &TestHooks) -> Result<Document, Failure> {
    QUIET_PANICS.with(|q| q.set(true));
    let result = catch_unwind(AssertUnwindSafe(|| {
        hooks.fire(path);
        crate::extract(path, bytes)
    }));
    QUIET_PANICS.with(|q| q.set(false));
    match result {
        Ok(r) => r,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic without a message".to_string());
            let at = PANIC_AT.with(|p| p.borrow_mut().take());
            let msg = match at {
                Some(at) => format!("panic at {at}: {what}"),
                None => format!("panic: {what}"),
            };
            Err(Failure::new(FailureKind::Internal, msg))
        }
    }
}
