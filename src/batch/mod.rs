//! Batch mode: many inputs (folders walked), processed in parallel on a rayon
//! pool, one record per input (a document or a failure record), streamed as
//! JSON lines in input order or written as one `.json` per input.
//!
//! Design, in short:
//! - inputs are gathered, sorted by path and sharded ([`inputs`]);
//! - `--jobs` workers take inputs in order from a shared counter; each input is
//!   read and extracted with panics caught and a time bound ([`worker`]);
//! - results come back with their index; the JSONL writer keeps a reorder
//!   buffer and writes them in input order. A worker does not start an input
//!   more than a window (`jobs × 8`) ahead of the next one to write, so memory
//!   stays bounded whatever the size of the corpus;
//! - with `-o`, each worker writes its output atomically (temporary file +
//!   rename); only small per-file figures travel back for the summary.

pub mod budget;
pub mod inputs;
pub mod stream;
pub mod summary;
pub mod worker;

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex};
use std::time::{Instant, SystemTime};

use crate::error::{exit, FailureKind};
use inputs::{Input, Shard};
use stream::StreamError;
use summary::Summary;
use worker::{FileStat, Limits, Outcome, Runner, Stdin, TestHooks};

/// The exit codes, as `extract --help` prints them.
pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0  every input was read (documents for the reports; in batch mode, inputs
     that are not reports are recorded as `not_a_report`), or the output pipe
     was closed
  1  one FILE that is not a report; with --strict: some document has `error`
     findings, or some input is not a report
  2  some input could not be read (damaged, encrypted, no text layer, over
     --timeout, --max-size or --max-memory, an internal error), or bad usage
  3  the output could not be written (disk full, folder not writable)

One FILE (not a folder) without --jsonl/-o/--shard prints its document, or the
reason on stderr. Several inputs or a folder run in batch mode: every input
gets exactly one record (a document or a {\"failure\":…} record), a summary is
printed on stderr. Folders are walked for .pdf .md .markdown .txt .html .htm.
--timeout, --max-size, --max-memory and --strict apply in both modes.";

/// What `juesuan extract` is asked to do: the command line's options as a
/// plain library value (the command line parses its arguments into this).
#[derive(Debug, Clone)]
pub struct ExtractOptions {
    /// Reports or folders of reports; `-` reads standard input.
    pub inputs: Vec<String>,
    /// Indent the JSON (single file or `out`; never with `jsonl`).
    pub pretty: bool,
    /// Batch: one JSON record per line on stdout, in input order.
    pub jsonl: bool,
    /// Batch: one `.json` per input under this folder.
    pub out: Option<PathBuf>,
    /// Worker threads (`None`: all cores).
    pub jobs: Option<usize>,
    /// Per-file limits (time, size), in both modes.
    pub limits: Limits,
    /// With `out`: skip inputs already done.
    pub resume: bool,
    /// Take one share of the inputs.
    pub shard: Option<Shard>,
    /// Exit 1 when a document has an `error` finding or an input is not a report.
    pub strict: bool,
    /// No progress bar and no summary.
    pub quiet: bool,
}

impl ExtractOptions {
    /// Options for `inputs` with every other setting at the command line's
    /// default.
    pub fn new(inputs: Vec<String>) -> Self {
        ExtractOptions {
            inputs,
            pretty: false,
            jsonl: false,
            out: None,
            jobs: None,
            limits: Limits::default(),
            resume: false,
            shard: None,
            strict: false,
            quiet: false,
        }
    }

    /// True when the options ask for batch mode: several inputs, a folder,
    /// `jsonl`, `out` or `shard`.
    pub fn is_batch(&self) -> bool {
        self.inputs.len() != 1
            || self.jsonl
            || self.out.is_some()
            || self.shard.is_some()
            || (self.inputs[0] != "-" && Path::new(&self.inputs[0]).is_dir())
    }
}

/// Where batch records go.
#[derive(Debug, Clone)]
pub enum Sink {
    /// One compact JSON record per line on stdout, in input order.
    Jsonl,
    /// One file per input under this folder.
    Dir {
        /// The output folder.
        root: PathBuf,
        /// Indent the JSON.
        pretty: bool,
        /// Skip inputs already done.
        resume: bool,
    },
}

/// Everything a batch run needs besides its inputs.
#[derive(Debug, Clone)]
pub struct Options {
    /// Worker threads.
    pub jobs: usize,
    /// Per-file limits.
    pub limits: Limits,
    /// Where records go.
    pub sink: Sink,
    /// Draw a progress bar on stderr.
    pub progress: bool,
    /// Test hooks (see [`TestHooks`]).
    pub hooks: TestHooks,
}

/// `juesuan extract`: single-file or batch mode; returns the exit status
/// (see [`crate::error::exit`]).
pub fn run_extract(opts: &ExtractOptions) -> u8 {
    if !opts.is_batch() {
        return single(opts);
    }
    let mut inputs = match inputs::gather(&opts.inputs) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("juesuan: {e}");
            return exit::UNREADABLE;
        }
    };
    if let Some(shard) = opts.shard {
        inputs.retain(|i| shard.contains(&i.path));
    }
    let sink = match &opts.out {
        Some(root) => {
            if let Err(e) = inputs::check_unique_outputs(&inputs) {
                eprintln!("juesuan: {e}");
                return exit::UNREADABLE;
            }
            Sink::Dir {
                root: root.clone(),
                pretty: opts.pretty,
                resume: opts.resume,
            }
        }
        None => Sink::Jsonl,
    };
    let jobs = opts
        .jobs
        .filter(|&j| j > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let bopts = Options {
        jobs,
        limits: opts.limits.clone(),
        sink,
        progress: !opts.quiet && std::io::stderr().is_terminal(),
        hooks: TestHooks::from_env(),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    match run(&inputs, &bopts, &mut out) {
        Ok(summary) => {
            if !opts.quiet {
                eprint!("{}", summary.render());
            } else if let Some(e) = &summary.write_error {
                eprintln!("juesuan: {e}");
            }
            summary.exit_code(opts.strict)
        }
        Err(RunError::Output(e)) => StreamError::from(e).report("standard output"),
        Err(RunError::Setup(e)) => {
            eprintln!("juesuan: {e}");
            if opts.out.is_some() {
                exit::OUTPUT
            } else {
                exit::UNREADABLE
            }
        }
    }
}

/// The single-file mode: the document on stdout, or the reason on stderr.
/// Run like one input of a batch: the same time and size bounds, panics
/// caught and reported as `internal`, and the same exit statuses.
fn single(opts: &ExtractOptions) -> u8 {
    let file = opts.inputs[0].as_str();
    let outcome = extract_one(file, &opts.limits, &TestHooks::from_env());
    let outcome = match outcome {
        Ok(o) => o,
        Err(e) => {
            eprintln!("juesuan: {file}: cannot read: {e}");
            return exit::UNREADABLE;
        }
    };
    match outcome {
        Outcome::Doc(doc) => {
            let text = if opts.pretty {
                crate::emit::pretty(doc.as_ref())
            } else {
                crate::emit::compact(doc.as_ref())
            };
            if let Err(e) = stream::print_line(&text) {
                return e.report("standard output");
            }
            let errors = doc
                .findings
                .iter()
                .any(|f| f.severity == crate::model::Severity::Error);
            if opts.strict && errors {
                exit::FINDINGS
            } else {
                exit::OK
            }
        }
        Outcome::Failed(rec) => {
            let kind = FailureKind::from_name(&rec.failure.kind).unwrap_or(FailureKind::Internal);
            eprintln!(
                "juesuan: {file}: {} ({})",
                rec.failure.message, rec.failure.kind
            );
            // one file that is not a report: refused, exit 1 (in batch
            // mode only --strict makes it fail the run)
            if kind.is_unreadable() {
                exit::UNREADABLE
            } else {
                exit::FINDINGS
            }
        }
    }
}

/// Reads and extracts one input (`-` for standard input) in isolation, as
/// batch mode does each of its inputs: within `limits`, with a panic turned
/// into an `internal` failure (never printed). Err only when standard input
/// cannot be read.
pub fn extract_one(path: &str, limits: &Limits, hooks: &TestHooks) -> std::io::Result<Outcome> {
    worker::install_panic_hook();
    let stdin = if path == "-" {
        Some(Stdin::read(limits.max_bytes)?)
    } else {
        None
    };
    let mut runner = Runner::new(limits.clone(), hooks.clone());
    Ok(runner.process(path, stdin.as_ref()))
}

/// Why a batch run stopped before its end.
#[derive(Debug)]
pub enum RunError {
    /// Writing the JSONL records failed (or the reader closed the pipe).
    Output(std::io::Error),
    /// The run could not start: standard input unreadable, the output folder
    /// not creatable, no threads.
    Setup(std::io::Error),
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::Output(e) => write!(f, "cannot write the output: {e}"),
            RunError::Setup(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for RunError {}

/// One finished input, as it travels from a worker to the writer.
struct Done {
    index: usize,
    stat: Option<FileStat>,      // None: skipped by --resume
    line: Option<String>,        // the JSONL record
    write_error: Option<String>, // -o: the output file could not be written
}

/// Shared state of the workers.
struct Shared {
    next: AtomicUsize,
    /// Index of the next record the writer will write (JSONL) and its condvar.
    written: Mutex<usize>,
    advanced: Condvar,
    cancel: AtomicBool,
    window: usize,
}

/// Runs a batch over `inputs` (already sorted and sharded), writing JSONL
/// records to `out` when the sink is [`Sink::Jsonl`]. Returns the summary
/// (an output file under `-o` that could not be written is counted there);
/// an error only for a failure of the run itself (stdout closed or full,
/// output folder not creatable), never for a failed input.
pub fn run(inputs: &[Input], opts: &Options, out: &mut dyn Write) -> Result<Summary, RunError> {
    let start = Instant::now();
    worker::install_panic_hook();
    // files run in parallel here; a file's pages need not (and --jobs holds)
    crate::ingest::pdf::set_parallel_pages(false);
    let stdin = if inputs.iter().any(|i| i.path == "-") {
        Some(Stdin::read(opts.limits.max_bytes).map_err(RunError::Setup)?)
    } else {
        None
    };
    if let Sink::Dir { root, .. } = &opts.sink {
        std::fs::create_dir_all(root).map_err(|e| {
            RunError::Setup(std::io::Error::new(
                e.kind(),
                format!("cannot create {}: {e}", root.display()),
            ))
        })?;
    }
    let jsonl = matches!(opts.sink, Sink::Jsonl);
    let jobs = opts.jobs.max(1);
    let shared = Shared {
        next: AtomicUsize::new(0),
        written: Mutex::new(0),
        advanced: Condvar::new(),
        cancel: AtomicBool::new(false),
        // -o mode needs no order: no window
        window: if jsonl { jobs * 8 } else { usize::MAX },
    };
    let bar = progress_bar(opts.progress, inputs.len());
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("juesuan-worker-{i}"))
        .build()
        .map_err(|e| RunError::Setup(std::io::Error::other(e)))?;
    let (tx, rx) = mpsc::channel::<Done>();
    let mut summary = Summary {
        files: inputs.len(),
        ..Summary::default()
    };
    let mut write_error: Option<std::io::Error> = None;

    std::thread::scope(|scope| {
        let shared = &shared;
        let stdin = stdin.as_ref();
        scope.spawn(move || {
            pool.scope(|s| {
                for _ in 0..jobs {
                    let tx = tx.clone();
                    s.spawn(move |_| worker_loop(inputs, opts, shared, stdin, &tx));
                }
            });
            drop(tx);
        });

        // the writer: reorder buffer of at most `window` records
        let mut pending: BTreeMap<usize, Done> = BTreeMap::new();
        let mut next_write = 0usize;
        let mut pages = 0u64;
        for done in rx.iter() {
            if let Some(e) = &done.write_error {
                summary.unwritten += 1;
                summary.write_error.get_or_insert_with(|| e.clone());
            }
            if let Some(stat) = &done.stat {
                summary.add(stat);
                pages += u64::from(stat.pages.unwrap_or(0));
            } else {
                summary.skipped += 1;
            }
            bar.inc(1);
            if !bar.is_hidden() {
                let secs = start.elapsed().as_secs_f64().max(1e-3);
                let done = bar.position() as f64;
                let pages = if pages > 0 {
                    format!("{pages} pages ({:.1}/s), ", pages as f64 / secs)
                } else {
                    String::new()
                };
                bar.set_message(format!("{pages}{:.1} files/s", done / secs));
            }
            if !jsonl {
                continue; // -o: the worker wrote the file; nothing to order
            }
            pending.insert(done.index, done);
            while let Some(d) = pending.remove(&next_write) {
                if let (Some(line), None) = (&d.line, &write_error) {
                    if let Err(e) = out
                        .write_all(line.as_bytes())
                        .and_then(|_| out.write_all(b"\n"))
                    {
                        write_error = Some(e);
                        shared.cancel.store(true, Ordering::SeqCst);
                    }
                }
                next_write += 1;
            }
            *shared.written.lock().unwrap() = next_write;
            shared.advanced.notify_all();
        }
    });
    bar.finish_and_clear();
    if let Some(e) = write_error {
        return Err(RunError::Output(e));
    }
    out.flush().map_err(RunError::Output)?;
    summary.elapsed = start.elapsed();
    Ok(summary)
}

fn worker_loop(
    inputs: &[Input],
    opts: &Options,
    shared: &Shared,
    stdin: Option<&Stdin>,
    tx: &mpsc::Sender<Done>,
) {
    let mut runner = Runner::new(opts.limits.clone(), opts.hooks.clone());
    loop {
        if shared.cancel.load(Ordering::SeqCst) {
            return;
        }
        let index = shared.next.fetch_add(1, Ordering::SeqCst);
        let Some(input) = inputs.get(index) else {
            return;
        };
        if shared.window != usize::MAX {
            let mut written = shared.written.lock().unwrap();
            while index >= *written + shared.window && !shared.cancel.load(Ordering::SeqCst) {
                written = shared.advanced.wait(written).unwrap();
            }
        }
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            one(index, input, opts, &mut runner, stdin)
        }));
        let done = caught.unwrap_or_else(|_| {
            // a panic outside the guarded extraction (serialising, writing):
            // still one record for the input, and a fresh runner
            runner = Runner::new(opts.limits.clone(), opts.hooks.clone());
            escaped_panic(index, input, opts)
        });
        if tx.send(done).is_err() {
            return;
        }
    }
}

/// Processes input `index` for the sink: the JSONL line, or the file written.
fn one(
    index: usize,
    input: &Input,
    opts: &Options,
    runner: &mut Runner,
    stdin: Option<&Stdin>,
) -> Done {
    match &opts.sink {
        Sink::Jsonl => {
            let outcome = runner.process(&input.path, stdin);
            Done {
                index,
                stat: Some(outcome.stat()),
                line: Some(outcome.to_json()),
                write_error: None,
            }
        }
        Sink::Dir {
            root,
            pretty,
            resume,
        } => {
            let target = root.join(&input.rel_out);
            if *resume && up_to_date(&input.path, &target) {
                Done {
                    index,
                    stat: None,
                    line: None,
                    write_error: None,
                }
            } else {
                let outcome = runner.process(&input.path, stdin);
                let stat = outcome.stat();
                let text = match &outcome {
                    Outcome::Doc(d) if *pretty => crate::emit::pretty(d.as_ref()),
                    Outcome::Failed(f) if *pretty => crate::emit::pretty(f),
                    o => o.to_json(),
                };
                // an output that cannot be written is the run's failure (exit
                // 3), not the input's: the input was read
                let write_error = write_atomic(&target, text.as_bytes())
                    .err()
                    .map(|e| format!("cannot write {}: {e}", target.display()));
                Done {
                    index,
                    stat: Some(stat),
                    line: None,
                    write_error,
                }
            }
        }
    }
}

/// The record of an input whose processing panicked outside the extraction.
fn escaped_panic(index: usize, input: &Input, opts: &Options) -> Done {
    let bytes = if input.path == "-" {
        Vec::new()
    } else {
        std::fs::read(&input.path).unwrap_or_default()
    };
    let failure = crate::error::Failure::new(
        crate::error::FailureKind::Internal,
        "panic while writing the record",
    );
    let rec = worker::failure_record(
        &input.path,
        crate::sha256_hex(&bytes),
        bytes.starts_with(b"%PDF"),
        failure,
    );
    let outcome = Outcome::Failed(rec);
    let line = outcome.to_json();
    match &opts.sink {
        Sink::Jsonl => Done {
            index,
            stat: Some(outcome.stat()),
            line: Some(line),
            write_error: None,
        },
        Sink::Dir { root, .. } => {
            let target = root.join(&input.rel_out);
            let write_error = write_atomic(&target, line.as_bytes())
                .err()
                .map(|e| format!("cannot write {}: {e}", target.display()));
            Done {
                index,
                stat: Some(outcome.stat()),
                line: None,
                write_error,
            }
        }
    }
}

/// True when `target` exists, is at least as new as `input`, and is not a
/// failure record (failures are retried).
fn up_to_date(input: &str, target: &Path) -> bool {
    let mtime = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let (Some(t_in), Some(t_out)) = (mtime(Path::new(input)), mtime(target)) else {
        return false;
    };
    if t_out < t_in {
        return false;
    }
    #[derive(serde::Deserialize)]
    struct Probe {
        failure: Option<serde::de::IgnoredAny>,
    }
    match std::fs::read(target)
        .ok()
        .and_then(|b| serde_json::from_slice::<Probe>(&b).ok())
    {
        Some(p) => p.failure.is_none(),
        None => false, // unreadable output: redo it
    }
}

/// Writes `bytes` to `target` through a temporary file in the same folder and
/// a rename, so that `target` is either absent, the old file, or complete
/// (an interrupted run leaves at most a hidden `.NAME.tmp-…` file). No fsync:
/// this guards against an interrupted process, not against a power cut.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = target.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    static SEQ: AtomicUsize = AtomicUsize::new(0);
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let tmp = dir.join(format!(
        ".{name}.tmp-{}-{}-{nanos}",
        std::process::id(),
        SEQ.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.write_all(b"\n")?;
        std::fs::rename(&tmp, target)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn progress_bar(show: bool, len: usize) -> indicatif::ProgressBar {
    if !show {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(len as u64),
        indicatif::ProgressDrawTarget::stderr(),
    );
    let style = indicatif::ProgressStyle::with_template(
        "{bar:30} {pos}/{len} files, {msg} [{elapsed_precise}, ETA {eta}]",
    )
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}
