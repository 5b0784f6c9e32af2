//! The command line: clap types, one file per subcommand, and the only code that prints.
//!
//! Exit codes: 0 no errors (warnings allowed), 1 errors in the data, 2 usage or I/O failure.

mod build;
mod check;
mod diff;
mod fmt;
mod init;
mod schema;
mod summary;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::diagnostic::{Diagnostic, Lang};

/// Keep a unit's rule-of-law-government annual report (法治政府建设年度报告) as TOML data;
/// check it and build the formal report.
#[derive(Debug, Parser)]
#[command(name = "report", version, about, long_about = None)]
#[command(
    after_help = "Exit codes: 0 no errors (warnings allowed), 1 errors in the data, 2 usage or I/O failure.\n退出码：0 无错误（可有警告），1 数据有错误，2 用法或读写失败。"
)]
pub struct Cli {
    /// Language of messages: en or zh (default: from LC_ALL / LANG).
    #[arg(long, global = true, value_enum)]
    lang: Option<LangArg>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LangArg {
    En,
    Zh,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check the data and build the reports (Markdown, HTML and Word).
    Build(build::Args),
    /// Check the data and report every problem, without building.
    Check(check::Args),
    /// Show what changed between two report folders, in report terms.
    Diff(diff::Args),
    /// Start a report folder: commented skeletons, or last year's carried forward.
    Init(init::Args),
    /// Rewrite the data files in canonical form (key order, spacing, #:schema line), keeping
    /// every comment; --check only reports.
    Fmt(fmt::Args),
    /// Roll up every unit under PATH: who is done, late or failing, and the totals.
    Summary(summary::Args),
    /// Write the JSON Schemas of the data files (for editors and validators).
    Schema(schema::Args),
}

/// What a subcommand decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Everything went well (warnings allowed).
    Success,
    /// The data has errors.
    DataErrors,
    /// Usage or I/O failure.
    Failure,
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> ExitCode {
        ExitCode::from(match status {
            Status::Success => 0,
            Status::DataErrors => 1,
            Status::Failure => 2,
        })
    }
}

/// Parses the arguments, runs the subcommand and returns the exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let lang = match cli.lang {
        Some(LangArg::En) => Lang::En,
        Some(LangArg::Zh) => Lang::Zh,
        None => Lang::from_env(),
    };
    let ui = Ui::new(lang);
    let status = match cli.command {
        Command::Build(args) => build::run(args, &ui),
        Command::Check(args) => check::run(args, &ui),
        Command::Schema(args) => schema::run(args, &ui),
        Command::Fmt(args) => fmt::run(args, &ui),
        Command::Init(args) => init::run(args, &ui),
        Command::Diff(args) => diff::run(args, &ui),
        Command::Summary(args) => summary::run(args, &ui),
    };
    status.into()
}

/// Where and how messages go: stderr, in one language, coloured on a terminal unless
/// `NO_COLOR` is set.
pub struct Ui {
    /// The language of messages.
    pub lang: Lang,
    color: bool,
}

impl Ui {
    fn new(lang: Lang) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Ui {
            lang,
            color: !no_color && std::io::stderr().is_terminal(),
        }
    }

    /// The message in the chosen language.
    fn text<'a>(&self, en: &'a str, zh: &'a str) -> &'a str {
        match self.lang {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    /// Prints diagnostics for people.
    fn diagnostics(&self, diagnostics: &[Diagnostic]) {
        let mut err = std::io::stderr().lock();
        for d in diagnostics {
            let _ = writeln!(err, "{}\n", d.render(self.lang, self.color));
        }
    }

    /// Writes an output file atomically and says so; says what went wrong otherwise.
    fn write(&self, path: &std::path::Path, bytes: &[u8]) -> bool {
        match crate::output::write_atomic(path, bytes) {
            Ok(()) => {
                self.status(&format!(
                    "{} {}",
                    self.text("wrote", "已写入"),
                    path.display()
                ));
                true
            }
            Err(e) => {
                self.status(&format!(
                    "{}: {}: {e}",
                    self.text("error: cannot write", "错误：无法写入"),
                    path.display()
                ));
                false
            }
        }
    }

    /// Prints a line of status.
    fn status(&self, line: &str) {
        let _ = writeln!(std::io::stderr().lock(), "{line}");
    }
}

/// The report folders under the PATHs of a command line.
struct Found {
    /// Each report folder with the PATH it was found under: `(root, folder)`.
    folders: Vec<(PathBuf, PathBuf)>,
    /// The `templates/` folders met on the way.
    template_folders: std::collections::BTreeSet<PathBuf>,
}

/// The report folders under each PATH, or a usage failure naming the PATH.
fn discover(paths: &[PathBuf], ui: &Ui) -> Result<Found, Status> {
    let mut found = Found {
        folders: Vec::new(),
        template_folders: std::collections::BTreeSet::new(),
    };
    let mut empty = Vec::new();
    for root in paths {
        match crate::load::discover(root) {
            Ok(d) if d.reports.is_empty() => empty.push(root.clone()),
            Ok(d) => {
                let folders = d.reports.into_iter().map(|dir| (root.clone(), dir));
                found.folders.extend(folders);
                found.template_folders.extend(d.template_folders);
            }
            Err(e) => {
                ui.status(&format!(
                    "{}: {}: {e}",
                    ui.text("error", "错误"),
                    root.display()
                ));
                return Err(Status::Failure);
            }
        }
    }
    if !empty.is_empty() {
        let diags: Vec<Diagnostic> = empty
            .iter()
            .map(|root| {
                crate::diagnostic::Diagnostic::error(
                    "E0001",
                    crate::diagnostic::Text::new(
                        format!("no report folder (with report.toml) in {}", root.display()),
                        format!("{} 中没有报告文件夹（含 report.toml 的文件夹）", root.display()),
                    ),
                )
                .at_path(root)
                .with_hint(crate::diagnostic::Text::new(
                    "give a report folder or a folder above report folders; `report init DIR` starts one",
                    "请指定报告文件夹或其上级文件夹；可用 `report init 文件夹` 新建",
                ))
            })
            .collect();
        ui.diagnostics(&diags);
        return Err(Status::DataErrors);
    }
    Ok(found)
}
