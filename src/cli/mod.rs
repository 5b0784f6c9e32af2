//! The command line: clap types, one file per subcommand, and the only code that prints.
//!
//! Exit codes: 0 no errors (warnings allowed), 1 errors in the data, 2 usage or I/O failure.

mod build;
mod check;
mod diff;
mod error;
mod fmt;
mod guide;
mod help;
mod import;
mod init;
mod schema;
mod serve;
mod summary;
mod values;

use crate::codes::Code;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

pub use self::error::{CliError, CliResult};

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
    #[arg(long, global = true, value_enum, ignore_case = true)]
    lang: Option<LangArg>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LangArg {
    #[value(alias = "english", alias = "英文")]
    En,
    // What a Chinese-speaking user types besides `zh`.
    #[value(
        alias = "cn",
        alias = "zh-cn",
        alias = "zh_cn",
        alias = "chinese",
        alias = "中文"
    )]
    Zh,
}

impl LangArg {
    /// The language named by a value of `--lang` (any case, its aliases too), before clap has
    /// parsed the command line.
    fn named(value: &str) -> Option<Lang> {
        let arg = <LangArg as ValueEnum>::from_str(value, true).ok()?;
        Some(match arg {
            LangArg::En => Lang::En,
            LangArg::Zh => Lang::Zh,
        })
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check the data and build the reports (Markdown, HTML, Word and PDF).
    Build(build::Args),
    /// Check the data and report every problem, without building.
    Check(check::Args),
    /// Show what changed between two report folders, in report terms.
    Diff(diff::Args),
    /// Start a report folder: commented skeletons, or last year's carried forward.
    Init(init::Args),
    /// Start from last year's report: a Word (.docx), text (.txt) or Markdown (.md) file
    /// turned into a report folder that builds back to the same words.
    Import(import::Args),
    /// Rewrite the data files in canonical form (key order, spacing, #:schema line), keeping
    /// every comment; --check only reports.
    Fmt(fmt::Args),
    /// Roll up every unit under PATH: who is done, late or failing, and the totals.
    Summary(summary::Args),
    /// Write the JSON Schemas of the data files (for editors and validators); their descriptions
    /// in Chinese with `--lang zh`, Chinese and English with `--lang en`.
    Schema(schema::Args),
    /// Preview in the browser: the page follows every save, with the data's errors on it.
    Serve(serve::Args),
    /// Print the Chinese user guide (使用说明), or write it to a file: a printable HTML page
    /// when the name ends in `.html`.
    Guide(guide::Args),
    /// Print a shell's completion script (bash, zsh, fish, powershell, elvish).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff).
    Man,
}

/// The folders a command works on, the same for every command that takes several.
#[derive(Debug, clap::Args)]
pub struct Paths {
    /// Report folders, or folders above report folders (every folder with a report.toml below
    /// them is one report).
    #[arg(default_value = "data")]
    paths: Vec<PathBuf>,
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

/// Writes what a command prints to standard output. A reader that stops reading (`| head`) is
/// no failure; a full disk or a closed file is, said as any failed write is.
fn print_out(bytes: &[u8]) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(CliError::io(
            crate::diagnostic::Text::new("cannot write the output", "无法写出结果"),
            e,
        )),
        _ => Ok(()),
    }
}

/// `report REST`, with `--lang` when the language was named on the command line and the
/// system's would be the other (the command suggested must answer as this one did).
fn command_in(lang: Lang, named: bool, rest: &str) -> String {
    if named && Lang::from_env() != lang {
        let code = match lang {
            Lang::En => "en",
            Lang::Zh => "zh",
        };
        format!("report --lang {code} {rest}")
    } else {
        format!("report {rest}")
    }
}

/// Parses the arguments, runs the subcommand and returns the exit code.
pub fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // `report --version` alone is answered before the command line's full grammar (every
    // command, both languages) is built: scripts ask it often, and it should cost nothing.
    if let [_, flag] = args.as_slice()
        && (flag == "--version" || flag == "-V")
    {
        let version = format!("report {}\n", env!("CARGO_PKG_VERSION"));
        return match print_out(version.as_bytes()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(_) => Status::Failure.into(),
        };
    }
    let args = help::options_typed_in_chinese(args);
    let named = help::lang_of_args(&args);
    let lang = named.unwrap_or_else(Lang::from_env);
    // The Chinese help has no `help` subcommand of clap's: `report help build` is said as
    // `report build --help`.
    let args = if lang == Lang::Zh {
        help::help_as_flag(args)
    } else {
        args
    };
    // The arguments are parsed by the grammar as derived; its pages in the user's language
    // (help, version, errors: localising every command costs more than the parse) are made
    // only when clap has something to say, and the arguments parsed again by them to say it.
    let parsed = <Cli as clap::CommandFactory>::command()
        .try_get_matches_from(&args)
        .or_else(|_| help::command(lang).try_get_matches_from(&args))
        .and_then(|m| <Cli as clap::FromArgMatches>::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            if lang == Lang::Zh && e.use_stderr() {
                let help = command_in(lang, named.is_some(), "--help");
                let _ = writeln!(std::io::stderr(), "{}", help::error_zh(&e, &help));
            } else {
                let _ = e.print();
            }
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let lang = match cli.lang {
        Some(LangArg::En) => Lang::En,
        Some(LangArg::Zh) => Lang::Zh,
        None => lang,
    };
    let ui = Ui::new(lang, named.is_some() || cli.lang.is_some());
    let result = match cli.command {
        Command::Build(args) => build::run(args, &ui),
        Command::Check(args) => check::run(args, &ui),
        Command::Schema(args) => schema::run(args, &ui),
        Command::Fmt(args) => fmt::run(args, &ui),
        Command::Init(args) => init::run(args, &ui),
        Command::Import(args) => import::run(args, &ui),
        Command::Diff(args) => diff::run(args, &ui),
        Command::Guide(args) => guide::run(args, &ui),
        Command::Summary(args) => summary::run(args, &ui),
        Command::Serve(args) => serve::run(args, &ui),
        Command::Completions { shell } => {
            let mut cmd = help::command(Lang::En);
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut cmd, "report", &mut script);
            print_out(&script).map(|()| Status::Success)
        }
        Command::Man => man(ui.lang),
    };
    // Failures that end a command are said here, and only here.
    let status = result.unwrap_or_else(|e| {
        ui.status(&e.said(ui.lang));
        e.status()
    });
    status.into()
}

/// `report man`: the manual page, from the same definition as `--help`, in `lang`.
fn man(lang: Lang) -> CliResult {
    let mut page = Vec::new();
    clap_mangen::Man::new(help::command(lang))
        .render(&mut page)
        .and_then(|()| std::io::stdout().write_all(help::man_in(&page, lang).as_bytes()))
        .map_err(|e| {
            CliError::io(
                crate::diagnostic::Text::new("cannot write the manual page", "无法写出手册页"),
                e,
            )
        })?;
    Ok(Status::Success)
}

/// Where and how messages go: stderr, in one language, coloured on a terminal unless
/// `NO_COLOR` is set.
pub struct Ui {
    /// The language of messages.
    pub lang: Lang,
    /// Whether the language was named on the command line (`--lang zh`).
    lang_named: bool,
    color: bool,
}

impl Ui {
    fn new(lang: Lang, lang_named: bool) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Ui {
            lang,
            lang_named,
            color: !no_color && std::io::stderr().is_terminal(),
        }
    }

    /// A command to suggest (`report check DIR`), in the language of this one: with `--lang`
    /// when it was named and the system would answer in the other.
    fn command(&self, rest: &str) -> String {
        command_in(self.lang, self.lang_named, rest)
    }

    /// What `fmt` and `check --fix` say after a file they write (or, with `would`, would
    /// write) back as UTF-8 from GB18030.
    fn recoded(&self, would: bool) -> &'static str {
        match (would, self.lang) {
            (false, Lang::En) => " (GB18030: saved as UTF-8)",
            (false, Lang::Zh) => "（原为 GB18030 编码，已改存为 UTF-8）",
            (true, Lang::En) => " (GB18030: would be saved as UTF-8)",
            (true, Lang::Zh) => "（GB18030 编码，将改存为 UTF-8）",
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
        for d in crate::diagnostic::capped(diagnostics) {
            let _ = writeln!(err, "{}\n", d.render(self.lang, self.color));
        }
    }

    /// Writes an output file atomically and says so.
    fn write(&self, path: &std::path::Path, bytes: &[u8]) -> Result<(), CliError> {
        crate::output::write_atomic(path, bytes).map_err(|e| {
            let path = path.display();
            CliError::io(
                crate::diagnostic::Text::new(
                    format!("cannot write {path}"),
                    format!("无法写入 {path}"),
                ),
                e,
            )
        })?;
        self.status(&format!(
            "{} {}",
            self.text("wrote", "已写入"),
            path.display()
        ));
        Ok(())
    }

    /// Prints a line of status. Paths in it come from folders someone else named: control
    /// characters are shown as stand-ins, never sent to the terminal.
    #[allow(clippy::unused_self)] // stderr today; where it goes is the Ui's to decide
    fn status(&self, line: &str) {
        let line = crate::diagnostic::printable(line);
        let _ = writeln!(std::io::stderr().lock(), "{line}");
    }
}

/// A `--templates` folder that is not a folder: a usage failure (status 2), as a diagnostic so
/// that each command prints it in its own format.
fn templates_folder(dir: Option<&std::path::Path>) -> Option<Diagnostic> {
    let dir = dir.filter(|d| !d.is_dir())?;
    Some(
        Diagnostic::new(
            Code::E0002,
            crate::diagnostic::Text::new("--templates: not a folder", "--templates：不是文件夹"),
        )
        .at_path(dir)
        .with_hint(crate::diagnostic::Text::new(
            "give a folder of templates (report.md.j2, report.html.j2, blocks/…)",
            "请指定模板文件夹（含 report.md.j2、report.html.j2、blocks/ 等）",
        )),
    )
}

/// At most this many worker threads, whatever `--jobs` asks (thousands of threads only cost).
const MAX_JOBS: usize = 256;

/// Stack of each worker thread: the outputs recurse once per section level (12 at most), and
/// the default 2 MiB left little room for deep outlines in release builds.
const WORKER_STACK: usize = 16 << 20;

/// `work` on every unit, the results in the units' order: in this thread for one unit
/// (starting workers would cost more than the report), on a pool of `jobs` workers (one per
/// core by default) with large stacks for several.
fn each_unit<I: Sync, T: Send>(
    units: &[I],
    jobs: Option<usize>,
    work: impl Fn(&I) -> T + Sync + Send,
) -> Vec<T> {
    use rayon::prelude::*;
    if units.len() < 2 {
        return units.iter().map(work).collect();
    }
    let mut pool = rayon::ThreadPoolBuilder::new().stack_size(WORKER_STACK);
    if let Some(jobs) = jobs {
        pool = pool.num_threads(jobs.clamp(1, MAX_JOBS));
    }
    match pool.build() {
        Ok(pool) => pool.install(|| units.par_iter().map(&work).collect()),
        Err(_) => units.iter().map(work).collect(),
    }
}

/// The report folders under the PATHs of a command line.
struct Found {
    /// Each report folder with the PATH it was found under: `(root, folder)`; a folder found
    /// under two PATHs is listed once.
    folders: Vec<(PathBuf, PathBuf)>,
    /// The `templates/` folders met on the way.
    template_folders: std::collections::BTreeSet<PathBuf>,
    /// What could not be searched: a PATH with no report folder (E0001), a folder that
    /// could not be listed (E0002). Printed in the command's format; they count as errors.
    problems: Vec<Diagnostic>,
    /// A PATH itself could not be read (missing, not a folder): a usage or I/O failure.
    path_failed: bool,
}

impl Found {
    /// The status when there is nothing to work on.
    fn nothing_found(&self) -> Option<Status> {
        self.folders.is_empty().then_some(if self.path_failed {
            Status::Failure
        } else {
            Status::DataErrors
        })
    }
}

/// The report folders under each PATH; what could not be searched is kept as diagnostics,
/// so one bad PATH or unreadable folder never hides the others.
fn discover(paths: &[PathBuf]) -> Found {
    let mut found = Found {
        folders: Vec::new(),
        template_folders: std::collections::BTreeSet::new(),
        problems: Vec::new(),
        path_failed: false,
    };
    let mut seen = std::collections::HashSet::new();
    for root in paths {
        let d = match crate::discover::discover(root) {
            Ok(d) => d,
            Err(e) => {
                found.path_failed = true;
                found.problems.push(unreadable_path(root, &e));
                continue;
            }
        };
        if d.reports.is_empty() && d.unreadable.is_empty() {
            found.problems.push(no_reports(root));
        }
        for (dir, why) in d.unreadable {
            found.problems.push(unsearched(dir, why));
        }
        // The same folder under two PATHs (`data data/taian/2020`) is built once.
        let several = paths.len() > 1;
        for dir in d.reports {
            if !several || seen.insert(dir.canonicalize().unwrap_or_else(|_| dir.clone())) {
                found.folders.push((root.clone(), dir));
            }
        }
        found.template_folders.extend(d.template_folders);
    }
    found
}

/// E0002: a PATH that is a file (often `report.toml` itself) where a folder is asked for.
fn a_file_for_a_folder(path: &Path) -> Diagnostic {
    use crate::diagnostic::Text;
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Diagnostic::new(
        Code::E0002,
        Text::new(
            format!("{} is a file, not a folder", path.display()),
            format!("{} 是文件，不是文件夹", path.display()),
        ),
    )
    .at_path(path)
    .with_hint(if is_a_report_text(path) {
        // A report as Word or text, given where its data belongs.
        Text::new(
            format!(
                "is this a report's text? `report import {0}` makes a data folder of it",
                path.display()
            ),
            format!(
                "这是报告原文吗？可用 `report import {0}` 转为数据文件夹",
                path.display()
            ),
        )
    } else {
        Text::new(
            format!("give the report folder, e.g. `{}`", folder.display()),
            format!("请指定报告文件夹，如 `{}`", folder.display()),
        )
    })
}

/// Whether a file is of a kind `import` reads a report from (a Word file, a text).
fn is_a_report_text(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        crate::ops::import::read::EXTENSIONS.contains(&e.to_ascii_lowercase().as_str())
    })
}

/// E0001: a PATH with no report folder below it.
fn no_reports(root: &Path) -> Diagnostic {
    use crate::diagnostic::Text;
    Diagnostic::new(
        Code::E0001,
        Text::new(
            format!("no report folder (with report.toml) in {}", root.display()),
            format!(
                "{} 中没有报告文件夹（含 report.toml 的文件夹）",
                root.display()
            ),
        ),
    )
    .at_path(root)
    .with_hint(Text::new(
        "give a report folder or a folder above report folders; `report init DIR` starts one",
        "请指定报告文件夹或其上级文件夹；可用 `report init 文件夹` 新建",
    ))
}

/// E0002: a folder below a PATH that could not be searched.
fn unsearched(dir: PathBuf, why: crate::discover::Unsearched) -> Diagnostic {
    use crate::diagnostic::Text;
    use crate::discover::Unsearched;
    let (message, hint) = match why {
        Unsearched::Io(e) => {
            let e = crate::diagnostic::io_error_text(&e);
            (
                Text::new(
                    format!("cannot read the folder: {}; the others are checked", e.en),
                    format!("无法读取该文件夹：{}；其他文件夹照常处理", e.zh),
                ),
                Text::new(
                    "give the folder read permission, or leave it out of the PATH",
                    "请为该文件夹加上读取权限，或不把它放在所给路径下",
                ),
            )
        }
        Unsearched::TooDeep => (
            Text::new(
                format!(
                    "the folder is more than {} folders below the PATH and was not searched; the others are checked",
                    crate::discover::MAX_DEPTH
                ),
                format!(
                    "该文件夹位于所给路径下超过 {} 层，未搜索；其他文件夹照常处理",
                    crate::discover::MAX_DEPTH
                ),
            ),
            Text::new(
                "give a PATH nearer to the report folders",
                "请指定离报告文件夹更近的路径",
            ),
        ),
    };
    Diagnostic::new(Code::E0002, message)
        .at_path(dir)
        .with_hint(hint)
}

/// E0002: a PATH that cannot be read.
fn unreadable_path(root: &Path, e: &std::io::Error) -> Diagnostic {
    use crate::diagnostic::Text;
    if root.is_file() {
        return a_file_for_a_folder(root);
    }
    let e = crate::diagnostic::io_error_text(e);
    // `report build` run inside a unit folder looks for `data` in it.
    let hint = if Path::new(crate::load::REPORT_FILE).is_file() {
        Text::new(
            "this folder is a report folder itself: give it as `.` (e.g. `report build .`)",
            "当前文件夹本身就是报告文件夹：请用 `.` 指定它（如 `report build .`）",
        )
    } else {
        Text::new(
            "give a report folder or a folder above report folders",
            "请指定报告文件夹或其上级文件夹",
        )
    };
    Diagnostic::new(
        Code::E0002,
        Text::new(
            format!("cannot read: {}", e.en),
            format!("无法读取：{}", e.zh),
        ),
    )
    .at_path(root)
    .with_hint(hint)
}
