//! The `juesuan` command line.

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
    /// Turn extracted JSON (folders of .json, JSONL files, `-`) into CSV tables:
    /// cells.csv, findings.csv, documents.csv.
    Tabulate(juesuan::tabulate::TabulateArgs),
    /// Print the JSON Schema of the output.
    Schema,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(args) => ExitCode::from(juesuan::batch::run_extract(args)),
        Command::Tabulate(args) => ExitCode::from(juesuan::tabulate::run(args)),
        Command::Schema => {
            println!("{}", juesuan::emit::schema());
            ExitCode::SUCCESS
        }
    }
}
