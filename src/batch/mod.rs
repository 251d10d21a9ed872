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

pub mod inputs;
pub mod summary;
pub mod worker;

use std::collections::BTreeMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Condvar, Mutex};
use std::time::{Duration, Instant, SystemTime};

use inputs::{Input, Shard};
use summary::Summary;
use worker::{FileStat, Limits, Outcome, Runner, TestHooks};

/// The exit codes, as `extract --help` prints them.
pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0  every input was processed (a document was written for each)
  1  with --strict: some documents have `error` findings
  2  some inputs failed (a failure record was written for each), or bad usage

One FILE (not a folder) without --jsonl/-o prints its document, or the reason on
stderr with exit 2. Several inputs or a folder run in batch mode: every input
gets exactly one record (a document or a {\"failure\":…} record), a summary is
printed on stderr. Folders are walked for .pdf .md .markdown .txt .html .htm.";

/// Arguments of `juesuan extract`.
#[derive(Debug, Clone, clap::Args)]
pub struct ExtractArgs {
    /// Reports or folders of reports; `-` reads standard input.
    #[arg(required = true, value_name = "FILE_OR_DIR")]
    pub inputs: Vec<String>,
    /// Indent the JSON for people (single file or -o; never with --jsonl).
    #[arg(long, conflicts_with = "jsonl")]
    pub pretty: bool,
    /// Batch: stream one JSON record per line to stdout, in input (path) order.
    #[arg(long)]
    pub jsonl: bool,
    /// Batch: write one `.json` per input under OUTDIR, mirroring the input tree.
    #[arg(
        short = 'o',
        long = "out",
        value_name = "OUTDIR",
        conflicts_with = "jsonl"
    )]
    pub out: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Give up on one file after SECS seconds (failure kind `timeout`); 0 = no bound.
    #[arg(long, value_name = "SECS", default_value_t = 120.0)]
    pub timeout: f64,
    /// Refuse files larger than MB megabytes (failure kind `too_large`).
    #[arg(long = "max-size", value_name = "MB", default_value_t = 512)]
    pub max_size_mb: u64,
    /// With -o: skip inputs whose output exists, is newer than the input and
    /// is not a failure record.
    #[arg(long, requires = "out")]
    pub resume: bool,
    /// Take share K of N of the inputs (stable hash of the path), e.g. 3/8.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,
    /// Exit 1 when some document has an `error` finding.
    #[arg(long)]
    pub strict: bool,
    /// No progress bar and no summary.
    #[arg(short, long)]
    pub quiet: bool,
}

impl ExtractArgs {
    /// True when the arguments ask for batch mode: several inputs, a folder,
    /// `--jsonl`, `-o` or `--shard`.
    pub fn is_batch(&self) -> bool {
        self.inputs.len() > 1
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

/// `juesuan extract`: single-file or batch mode; returns the exit status.
pub fn run_extract(args: ExtractArgs) -> u8 {
    if !args.is_batch() {
        return single(&args.inputs[0], args.pretty);
    }
    let mut inputs = match inputs::gather(&args.inputs) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("juesuan: {e}");
            return 2;
        }
    };
    if let Some(shard) = args.shard {
        inputs.retain(|i| shard.contains(&i.path));
    }
    let sink = match &args.out {
        Some(root) => {
            if let Err(e) = inputs::check_unique_outputs(&inputs) {
                eprintln!("juesuan: {e}");
                return 2;
            }
            Sink::Dir {
                root: root.clone(),
                pretty: args.pretty,
                resume: args.resume,
            }
        }
        None => Sink::Jsonl,
    };
    let jobs = args
        .jobs
        .filter(|&j| j > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let timeout = (args.timeout > 0.0).then(|| Duration::from_secs_f64(args.timeout));
    let opts = Options {
        jobs,
        limits: Limits {
            timeout,
            max_bytes: args.max_size_mb.saturating_mul(1 << 20),
        },
        sink,
        progress: !args.quiet && std::io::stderr().is_terminal(),
        hooks: TestHooks::from_env(),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    match run(&inputs, &opts, &mut out) {
        Ok(summary) => {
            if !args.quiet {
                eprint!("{}", summary.render());
            }
            summary.exit_code(args.strict)
        }
        Err(e) => {
            eprintln!("juesuan: {e}");
            2
        }
    }
}

/// The single-file mode: the document on stdout, or the reason on stderr and 2.
fn single(file: &str, pretty: bool) -> u8 {
    let bytes = match crate::read_input(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("juesuan: {file}: cannot read: {e}");
            return 2;
        }
    };
    match crate::extract(file, &bytes) {
        Ok(doc) => {
            let text = if pretty {
                crate::emit::pretty(&doc)
            } else {
                crate::emit::compact(&doc)
            };
            let mut out = std::io::stdout().lock();
            if writeln!(out, "{text}").is_err() {
                return 2;
            }
            0
        }
        Err(f) => {
            eprintln!("juesuan: {file}: {} ({})", f.message, f.kind.as_str());
            2
        }
    }
}

/// One finished input, as it travels from a worker to the writer.
struct Done {
    index: usize,
    stat: Option<FileStat>, // None: skipped by --resume
    line: Option<String>,   // the JSONL record
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
/// records to `out` when the sink is [`Sink::Jsonl`]. Returns the summary;
/// an error only for a failure of the run itself (stdout closed, output folder
/// not writable), never for a failed input.
pub fn run(inputs: &[Input], opts: &Options, out: &mut dyn Write) -> std::io::Result<Summary> {
    let start = Instant::now();
    worker::install_panic_hook();
    // files run in parallel here; a file's pages need not (and --jobs holds)
    crate::ingest::pdf::set_parallel_pages(false);
    let stdin = if inputs.iter().any(|i| i.path == "-") {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf)?;
        Some(Arc::new(buf))
    } else {
        None
    };
    if let Sink::Dir { root, .. } = &opts.sink {
        std::fs::create_dir_all(root)?;
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
        .map_err(std::io::Error::other)?;
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
        return Err(e);
    }
    out.flush()?;
    summary.elapsed = start.elapsed();
    Ok(summary)
}

fn worker_loop(
    inputs: &[Input],
    opts: &Options,
    shared: &Shared,
    stdin: Option<&Arc<Vec<u8>>>,
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
    stdin: Option<&Arc<Vec<u8>>>,
) -> Done {
    match &opts.sink {
        Sink::Jsonl => {
            let outcome = runner.process(&input.path, stdin);
            Done {
                index,
                stat: Some(outcome.stat()),
                line: Some(outcome.to_json()),
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
                }
            } else {
                let outcome = runner.process(&input.path, stdin);
                let mut stat = outcome.stat();
                let text = match &outcome {
                    Outcome::Doc(d) if *pretty => crate::emit::pretty(d.as_ref()),
                    Outcome::Failed(f) if *pretty => crate::emit::pretty(f),
                    o => o.to_json(),
                };
                if let Err(e) = write_atomic(&target, text.as_bytes()) {
                    // the output could not be written: count the input as failed
                    stat = FileStat {
                        failure: Some((
                            "internal".into(),
                            format!("cannot write {}: {e}", target.display()),
                        )),
                        ..FileStat::default()
                    };
                }
                Done {
                    index,
                    stat: Some(stat),
                    line: None,
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
        },
        Sink::Dir { root, .. } => {
            let _ = write_atomic(&root.join(&input.rel_out), line.as_bytes());
            Done {
                index,
                stat: Some(outcome.stat()),
                line: None,
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
