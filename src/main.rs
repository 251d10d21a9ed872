//! The `juesuan` command line: arguments ([`cli`]) and dispatch to the
//! library. Every command writes through [`juesuan::batch::stream`], so a
//! closed pipe ends quietly and a failed write is an error (exit 3), and a
//! panic anywhere ends in a one-line message and exit 2, never a backtrace
//! (set `RUST_BACKTRACE=1` to see the panic as Rust prints it).

mod cli;

use std::process::ExitCode;
use std::sync::Mutex;

use clap::{CommandFactory, Parser};

use cli::{Cli, Command};
use juesuan::batch::stream::{self, StreamError};
use juesuan::batch::worker::{Outcome, TestHooks};
use juesuan::error::{exit, FailureKind};

/// Where and why the last panic happened, for the message.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

fn main() -> ExitCode {
    let cli = Cli::parse();
    if std::env::var_os("RUST_BACKTRACE").is_none() {
        // panics inside the extraction are caught and become `internal`
        // failures or warnings; none is printed as Rust would print it
        std::panic::set_hook(Box::new(|info| {
            let what = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic without a message".into());
            let at = info
                .location()
                .map(|l| format!(" at {}:{}", l.file(), l.line()))
                .unwrap_or_default();
            if let Ok(mut last) = LAST_PANIC.lock() {
                *last = Some(format!("{what}{at}"));
            }
        }));
    }
    match &cli.command {
        Command::Extract(a) => juesuan::ingest::ocr::set_models_dir(a.limits.ocr_models.clone()),
        Command::Check(a) => juesuan::ingest::ocr::set_models_dir(a.limits.ocr_models.clone()),
        _ => {}
    }
    let code = std::panic::catch_unwind(|| dispatch(cli)).unwrap_or_else(|_| {
        let what = LAST_PANIC
            .lock()
            .ok()
            .and_then(|mut l| l.take())
            .unwrap_or_else(|| "a panic".into());
        eprintln!("juesuan: internal error (a bug in juesuan; please report it): {what}");
        exit::UNREADABLE
    });
    ExitCode::from(code)
}

fn dispatch(cli: Cli) -> u8 {
    match cli.command {
        Command::Extract(args) => juesuan::batch::run_extract(&args.options()),
        Command::Tabulate(args) => juesuan::tabulate::run(&args.options()),
        Command::Check(args) => check(&args),
        Command::Lines { file, confidence } => lines(&file, confidence),
        Command::Survey { paths, json } => survey(&paths, json),
        Command::Schema { failure } => {
            let schema = if failure {
                juesuan::emit::failure_schema()
            } else {
                juesuan::emit::schema()
            };
            print(stream::print_line(&schema))
        }
        Command::Completions { shell } => {
            let mut cmd = Cli::command();
            print(stream::with_stdout(|out| {
                clap_complete::generate(shell, &mut cmd, "juesuan", out);
                Ok(())
            }))
        }
        Command::Man { subcommand } => man(subcommand.as_deref()),
    }
}

/// The exit status of a finished write to standard output.
fn print(r: Result<(), StreamError>) -> u8 {
    match r {
        Ok(()) => exit::OK,
        Err(e) => e.report("standard output"),
    }
}

/// `juesuan check`: each report isolated and bounded like `extract`, its
/// name, then its findings; the highest exit status of all.
fn check(args: &cli::CheckArgs) -> u8 {
    if args.annotate.is_some() && args.files.len() != 1 {
        eprintln!("juesuan: --annotate takes exactly one input PDF");
        return exit::UNREADABLE;
    }
    let several = args.files.len() > 1;
    let mut status = exit::OK;
    for file in &args.files {
        let code = check_one(file, args, several);
        status = status.max(code);
        if code == exit::OUTPUT {
            break;
        }
    }
    status
}

/// Checks one file for [`check`].
fn check_one(file: &str, args: &cli::CheckArgs, several: bool) -> u8 {
    use juesuan::model::Severity;
    let outcome =
        match juesuan::batch::extract_one(file, &args.limits.limits(), &TestHooks::from_env()) {
            Ok(o) => o,
            Err(e) => {
                eprintln!("juesuan: {file}: cannot read: {e}");
                return exit::UNREADABLE;
            }
        };
    let doc = match outcome {
        Outcome::Doc(d) => d,
        Outcome::Failed(rec) => {
            eprintln!(
                "juesuan: {file}: {} ({})",
                rec.failure.message, rec.failure.kind
            );
            return match FailureKind::from_name(&rec.failure.kind) {
                Some(FailureKind::NotAReport) => exit::FINDINGS,
                _ => exit::UNREADABLE,
            };
        }
    };
    let shown: Vec<juesuan::model::Finding> = doc
        .findings
        .iter()
        .filter(|f| {
            args.severity.is_empty() || args.severity.iter().any(|s| s.severity() == f.severity)
        })
        .cloned()
        .collect();
    let text = match (args.json, several) {
        (true, false) => serde_json::to_string_pretty(&shown).unwrap_or_else(|_| "[]".into()),
        (true, true) => serde_json::json!({"path": file, "findings": shown}).to_string(),
        (false, _) => format!("{file}\n{}", juesuan::reconcile::render(&shown)),
    };
    if let Err(e) = stream::print_line(text.trim_end()) {
        return e.report("standard output");
    }
    if let Some(out) = &args.annotate {
        if let Some(code) = annotate(file, out, &shown) {
            return code;
        }
    }
    if doc.findings.iter().any(|f| f.severity == Severity::Error) {
        exit::FINDINGS
    } else {
        exit::OK
    }
}

/// `check --annotate OUT`: writes the annotated copy of `file`; an exit
/// status where it could not.
fn annotate(file: &str, out: &std::path::Path, findings: &[juesuan::model::Finding]) -> Option<u8> {
    let same = |a: &std::path::Path, b: &std::path::Path| matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y);
    if same(std::path::Path::new(file), out) {
        eprintln!("juesuan: {file}: --annotate would overwrite the input; name another file");
        return Some(exit::UNREADABLE);
    }
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("juesuan: {file}: cannot read for --annotate: {e}");
            return Some(exit::UNREADABLE);
        }
    };
    if !bytes.starts_with(b"%PDF") && !bytes.windows(5).take(1024).any(|w| w == b"%PDF-") {
        eprintln!("juesuan: {file}: --annotate needs a PDF input");
        return Some(exit::UNREADABLE);
    }
    let (pdf, written) = match juesuan::annotate::annotate(&bytes, findings) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("juesuan: {file}: {e}");
            return Some(exit::UNREADABLE);
        }
    };
    if let Err(e) = std::fs::write(out, pdf) {
        eprintln!("juesuan: {}: cannot write: {e}", out.display());
        return Some(exit::OUTPUT);
    }
    eprintln!(
        "juesuan: {}: {} highlight(s) ({} error, {} warning, {} rounding)",
        out.display(),
        written.errors + written.warnings + written.rounding,
        written.errors,
        written.warnings,
        written.rounding
    );
    None
}

/// `juesuan survey`: one entry per input, then the totals (or JSON lines).
fn survey(paths: &[String], json: bool) -> u8 {
    let inputs = match juesuan::batch::inputs::gather(paths) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("juesuan: {e}");
            return exit::UNREADABLE;
        }
    };
    let paths: Vec<String> = inputs.into_iter().map(|i| i.path).collect();
    let entries = juesuan::survey::run(&paths);
    print(stream::with_stdout(|out| {
        if json {
            for e in &entries {
                writeln!(out, "{}", serde_json::to_string(e).unwrap_or_default())?;
            }
        } else {
            out.write_all(juesuan::survey::render(&entries).as_bytes())?;
        }
        Ok(())
    }))
}

/// `juesuan lines`: the normalised lines, cells separated by tabs.
fn lines(file: &str, confidence: bool) -> u8 {
    let bytes = match juesuan::read_input(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("juesuan: {file}: cannot read: {e}");
            return exit::UNREADABLE;
        }
    };
    match juesuan::ingest::read(&bytes) {
        Ok((_, doc)) => {
            let doc = juesuan::normalise::doc(doc);
            print(stream::with_stdout(|out| {
                let mut page = 0;
                for line in &doc.lines {
                    if line.page != page {
                        page = line.page;
                        writeln!(out, "=== page {page}")?;
                    }
                    let cells: Vec<String> = line
                        .cells
                        .iter()
                        .enumerate()
                        .map(|(i, c)| match line.conf(i) {
                            p if confidence && p < 1.0 && !c.is_empty() => format!("{c}[{p:.2}]"),
                            _ => c.clone(),
                        })
                        .collect();
                    writeln!(out, "{}", cells.join("\t"))?;
                }
                Ok(())
            }))
        }
        Err(f) => {
            eprintln!("juesuan: {file}: {} ({})", f.message, f.kind.as_str());
            if f.kind.is_unreadable() {
                exit::UNREADABLE
            } else {
                exit::OK
            }
        }
    }
}

/// `juesuan man [SUBCOMMAND]`: the man page, generated from the arguments.
fn man(subcommand: Option<&str>) -> u8 {
    let mut cmd = Cli::command();
    cmd.build();
    let page = match subcommand {
        None => cmd,
        Some(name) => match cmd.find_subcommand(name) {
            // a subcommand's page is named juesuan-<name>(1)
            Some(sub) => sub
                .clone()
                .name(format!("juesuan-{name}").leak() as &str)
                .version(env!("CARGO_PKG_VERSION")),
            None => {
                eprintln!("juesuan: no subcommand {name:?}");
                return exit::UNREADABLE;
            }
        },
    };
    print(stream::with_stdout(|out| {
        clap_mangen::Man::new(page).render(out)
    }))
}
