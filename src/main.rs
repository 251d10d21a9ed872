//! The `juesuan` command line.

use std::io::{Read, Write};
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
    /// Extract one report (a PDF with a text layer, or text/markdown/HTML from an OCR tool) as JSON.
    Extract {
        /// The report; `-` reads standard input.
        file: String,
        /// Indent the JSON for people.
        #[arg(long)]
        pretty: bool,
    },
    /// Print the JSON Schema of the output.
    Schema,
    /// Check one report against its own arithmetic: findings by severity; exit 1 on any error.
    Check {
        /// The report; `-` reads standard input.
        file: String,
        /// Print just the findings, as a JSON array.
        #[arg(long)]
        json: bool,
    },
}

fn read_input(file: &str) -> std::io::Result<Vec<u8>> {
    if file == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf)?;
        Ok(buf)
    } else {
        std::fs::read(file)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract { file, pretty } => {
            let bytes = match read_input(&file) {
                Ok(b) => b,
                Err(e) => {
                    eprintln!("juesuan: {file}: cannot read: {e}");
                    return ExitCode::from(2);
                }
            };
            match juesuan::extract(&file, &bytes) {
                Ok(doc) => {
                    let text = if pretty { juesuan::emit::pretty(&doc) } else { juesuan::emit::compact(&doc) };
                    let mut out = std::io::stdout().lock();
                    if writeln!(out, "{text}").is_err() {
                        return ExitCode::from(2);
                    }
                    ExitCode::SUCCESS
                }
                Err(f) => {
                    eprintln!("juesuan: {file}: {} ({})", f.message, f.kind.as_str());
                    ExitCode::from(2)
                }
            }
        }
        Command::Check { file, json } => ExitCode::from(juesuan::reconcile::check_command(&file, json)),
        Command::Schema => {
            println!("{}", juesuan::emit::schema());
            ExitCode::SUCCESS
        }
    }
}
