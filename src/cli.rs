//! The command line's arguments (clap) and their translation into the
//! library's plain option values: the library knows nothing of clap.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

use juesuan::batch::inputs::Shard;
use juesuan::batch::worker::Limits;
use juesuan::batch::ExtractOptions;
use juesuan::tabulate::{Dataset, TabulateOptions, TabulateOutput};

/// Chinese government budget disclosure reports → canonical JSON.
#[derive(Parser)]
#[command(name = "juesuan", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Subcommand)]
pub enum Command {
    /// Extract reports as JSON: one file (a PDF with a text layer, or text/markdown/HTML
    /// from an OCR tool), or many files and folders in parallel (batch mode).
    #[command(after_help = juesuan::batch::EXIT_CODES_HELP)]
    Extract(ExtractArgs),
    /// Check reports against their own arithmetic: each file's name, then its
    /// findings by severity (optionally an annotated copy of the PDF).
    #[command(after_help = CHECK_EXIT_CODES)]
    Check(CheckArgs),
    /// Turn extracted JSON (folders of .json, JSONL files, `-`) into CSV tables:
    /// cells.csv, extra_cells.csv, findings.csv, documents.csv.
    Tabulate(TabulateArgs),
    /// Print the input as juesuan reads it: normalised lines, cells separated by tabs (for diagnosing layouts).
    Lines {
        /// The report; `-` reads standard input.
        file: String,
        /// After each cell read by OCR with less than full confidence, its
        /// confidence in brackets (`123.45[0.87]`).
        #[arg(long)]
        confidence: bool,
    },
    /// Survey a corpus: per file accepted or refused (and why), kind, year, department,
    /// tables found and their rows, the share of parent rows equal to their children,
    /// uncertain readings and findings by severity; then the totals.
    Survey {
        /// Files and folders (folders are walked like `extract` walks them).
        #[arg(required = true)]
        paths: Vec<String>,
        /// One JSON object per input instead of the table for people.
        #[arg(long)]
        json: bool,
    },
    /// Print the JSON Schema of the output document (or, with `--failure`, of a failure record).
    Schema {
        /// The schema of the record a failed input gets in batch output.
        #[arg(long)]
        failure: bool,
    },
    /// Print a shell completion script (e.g. `juesuan completions bash > /etc/bash_completion.d/juesuan`).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), of juesuan or of one subcommand
    /// (e.g. `juesuan man extract | man -l -`).
    Man {
        /// A subcommand, for its own page.
        subcommand: Option<String>,
    },
}

const CHECK_EXIT_CODES: &str = "\
Exit codes (the highest over all files): 0 no `error` finding; 1 `error`
findings, or an input is not a report; 2 an input could not be read (or over --timeout/--max-size); 3 the
output could not be written.";

/// Arguments of `juesuan extract`.
#[derive(Debug, Clone, Args)]
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
    /// Batch: worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,
    #[command(flatten)]
    pub limits: LimitArgs,
    /// Batch, with -o: skip inputs whose output exists, is newer than the
    /// input and is not a failure record.
    #[arg(long, requires = "out")]
    pub resume: bool,
    /// Batch: take share K of N of the inputs (stable hash of the path), e.g. 3/8.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,
    /// Exit 1 when some document has an `error` finding or some input is not a report.
    #[arg(long)]
    pub strict: bool,
    /// Batch: no progress bar and no summary.
    #[arg(short, long)]
    pub quiet: bool,
}

/// The per-file bounds, shared by `extract` and `check`.
#[derive(Debug, Clone, Args)]
pub struct LimitArgs {
    /// Give up on one file after SECS seconds (failure kind `timeout`), plus 30 s for each page it
    /// reads by OCR (a scan of 300 pages is not cut short); 0 = no bound.
    #[arg(long, value_name = "SECS", default_value_t = 120.0)]
    pub timeout: f64,
    /// Refuse files (and standard input) larger than MB megabytes (failure kind `too_large`).
    #[arg(long = "max-size", value_name = "MB", default_value_t = 512)]
    pub max_size_mb: u64,
    /// Refuse a file whose reading is estimated to take more than MB megabytes
    /// of memory (a PDF whose streams inflate to gigabytes, a huge text):
    /// failure kind `too_large`. Per file: batch mode holds up to --jobs files.
    #[arg(long = "max-memory", value_name = "MB", default_value_t = 2048)]
    pub max_memory_mb: u64,
    /// Scanned pages: take the OCR models (PP-OCRv6_det_small.onnx,
    /// PP-OCRv6_rec_small.onnx) and, if there, the ONNX Runtime library from
    /// DIR (also JUESUAN_OCR_MODELS). By default they are looked for in
    /// .ocr/ and in the Python site-packages where `pip install onnxruntime
    /// rapidocr` put them.
    #[arg(long = "ocr-models", value_name = "DIR")]
    pub ocr_models: Option<std::path::PathBuf>,
}

impl LimitArgs {
    /// The library's form.
    pub fn limits(&self) -> Limits {
        Limits {
            timeout: (self.timeout > 0.0 && self.timeout.is_finite())
                .then(|| Duration::from_secs_f64(self.timeout.min(1e9))),
            max_bytes: self.max_size_mb.saturating_mul(1 << 20),
            max_memory: self.max_memory_mb.saturating_mul(1 << 20),
        }
    }
}

impl ExtractArgs {
    /// The library's form.
    pub fn options(&self) -> ExtractOptions {
        ExtractOptions {
            inputs: self.inputs.clone(),
            pretty: self.pretty,
            jsonl: self.jsonl,
            out: self.out.clone(),
            jobs: self.jobs,
            limits: self.limits.limits(),
            resume: self.resume,
            shard: self.shard,
            strict: self.strict,
            quiet: self.quiet,
        }
    }
}

/// Arguments of `juesuan check`.
#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// The reports; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<String>,
    /// Print just the findings as JSON: one array for one file; for several,
    /// one line per file, `{"path": …, "findings": […]}`.
    #[arg(long)]
    pub json: bool,
    /// Show only findings of these severities (comma-separated; default all).
    /// The exit code still counts every `error`.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "SEVERITY")]
    pub severity: Vec<SeverityArg>,
    /// Write a copy of the PDF with a highlight on every cell and sentence a
    /// finding is about, coloured by severity (red error, amber warning, blue
    /// rounding), the message as the note. One PDF input only; the input is
    /// never modified. Honours --severity.
    #[arg(long, value_name = "OUT.pdf")]
    pub annotate: Option<PathBuf>,
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// A finding severity, as `check --severity` takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SeverityArg {
    /// A real disagreement.
    Error,
    /// Within rounding.
    Rounding,
    /// Could not be checked.
    Warning,
}

impl SeverityArg {
    /// The library's severity.
    pub fn severity(self) -> juesuan::model::Severity {
        match self {
            SeverityArg::Error => juesuan::model::Severity::Error,
            SeverityArg::Rounding => juesuan::model::Severity::Rounding,
            SeverityArg::Warning => juesuan::model::Severity::Warning,
        }
    }
}

/// Which dataset `tabulate --stdout` prints.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DatasetArg {
    /// cells.csv
    Cells,
    /// extra_cells.csv
    ExtraCells,
    /// findings.csv
    Findings,
    /// documents.csv
    Documents,
}

/// Arguments of `juesuan tabulate`.
#[derive(Debug, Clone, Args)]
#[command(group(clap::ArgGroup::new("output").required(true).args(["out", "stdout"])))]
pub struct TabulateArgs {
    /// Folders (walked for .json and .jsonl), JSON or JSONL files; `-` reads
    /// JSONL from standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// Folder to write cells.csv, extra_cells.csv, findings.csv and documents.csv into.
    #[arg(short = 'o', long = "out", value_name = "OUTDIR")]
    pub out: Option<PathBuf>,
    /// Print one dataset as CSV on standard output instead.
    #[arg(long, value_name = "DATASET")]
    pub stdout: Option<DatasetArg>,
}

impl TabulateArgs {
    /// The library's form.
    pub fn options(&self) -> TabulateOptions {
        let output = match (&self.out, self.stdout) {
            (_, Some(d)) => TabulateOutput::Stdout(match d {
                DatasetArg::Cells => Dataset::Cells,
                DatasetArg::ExtraCells => Dataset::ExtraCells,
                DatasetArg::Findings => Dataset::Findings,
                DatasetArg::Documents => Dataset::Documents,
            }),
            (Some(dir), None) => TabulateOutput::Dir(dir.clone()),
            // clap requires one of the two; cells is the natural default
            (None, None) => TabulateOutput::Stdout(Dataset::Cells),
        };
        TabulateOptions {
            inputs: self.inputs.clone(),
            output,
        }
    }
}
