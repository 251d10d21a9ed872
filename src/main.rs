//! The `juesuan` command line.

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Chinese government budget disclosure reports → canonical JSON.
#[derive(Parser)]
#[command(name = "juesuan", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract reports as JSON: one file (a PDF with a text layer, or text/markdown/HTML
    /// from an OCR tool), or many files and folders in parallel (batch mode).
    #[command(after_help = juesuan::batch::EXIT_CODES_HELP)]
    Extract(juesuan::batch::ExtractArgs),
    /// Check one report against its own arithmetic: findings by severity; exit 1 on any error.
    Check {
        /// The report; `-` reads standard input.
        file: String,
        /// Print just the findings, as a JSON array.
        #[arg(long)]
        json: bool,
    },
    /// Turn extracted JSON (folders of .json, JSONL files, `-`) into CSV tables:
    /// cells.csv, findings.csv, documents.csv.
    Tabulate(juesuan::tabulate::TabulateArgs),
    /// Print the input as juesuan reads it: normalised lines, cells separated by tabs (for diagnosing layouts).
    Lines {
        /// The report; `-` reads standard input.
        file: String,
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(args) => ExitCode::from(juesuan::batch::run_extract(args)),
        Command::Tabulate(args) => ExitCode::from(juesuan::tabulate::run(args)),
        Command::Check { file, json } => {
            ExitCode::from(juesuan::reconcile::check_command(&file, json))
        }
        Command::Survey { paths, json } => {
            let inputs = match juesuan::batch::inputs::gather(&paths) {
                Ok(i) => i,
                Err(e) => {
                    eprintln!("juesuan: {e}");
                    return ExitCode::from(2);
                }
            };
            let paths: Vec<String> = inputs.into_iter().map(|i| i.path).collect();
            let entries = juesuan::survey::run(&paths);
            let mut out = std::io::stdout().lock();
            let text = if json {
                entries
                    .iter()
                    .map(|e| serde_json::to_string(e).unwrap_or_default() + "\n")
                    .collect()
            } else {
                juesuan::survey::render(&entries)
            };
            if out.write_all(text.as_bytes()).is_err() {
                return ExitCode::from(2);
            }
            ExitCode::SUCCESS
        }
        Command::Lines { file } => {
            let bytes = match juesuan::read_input(&file) {
                Ok(b) => b,
                Err(e) => {
                    eprintln!("juesuan: {file}: cannot read: {e}");
                    return ExitCode::from(2);
                }
            };
            match juesuan::ingest::read(&bytes) {
                Ok((_, doc)) => {
                    let doc = juesuan::normalise::doc(doc);
                    let mut out = std::io::stdout().lock();
                    let mut page = 0;
                    for line in &doc.lines {
                        if line.page != page {
                            page = line.page;
                            let _ = writeln!(out, "=== page {page}");
                        }
                        if writeln!(out, "{}", line.cells.join("\t")).is_err() {
                            break;
                        }
                    }
                    ExitCode::SUCCESS
                }
                Err(f) => {
                    eprintln!("juesuan: {file}: {} ({})", f.message, f.kind.as_str());
                    ExitCode::from(2)
                }
            }
        }
        Command::Schema { failure } => {
            println!(
                "{}",
                if failure {
                    juesuan::emit::failure_schema()
                } else {
                    juesuan::emit::schema()
                }
            );
            ExitCode::SUCCESS
        }
    }
}
