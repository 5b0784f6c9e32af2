//! `report check`: report every problem in the data, build nothing; `--fix` applies the safe
//! fixes; `--explain CODE` describes a rule.

use crate::codes::Code;
use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;

use super::{CliError, CliResult, Status, Ui};
use crate::codes;
use crate::diagnostic::{Diagnostic, Lang, Severity, Text};
use crate::pipeline;
use crate::render::{Format, RenderOptions};

/// Arguments of `report check`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "JSON output: one object per line with file, line, column, end_line, end_column (1-based, columns in characters; null for a whole file), severity, code, message, hint, fixable."
)]
pub struct Args {
    #[command(flatten)]
    paths: super::Paths,
    /// How to print diagnostics: human (stderr), json (one object per line, stdout) or
    /// github (Actions annotations, stdout). (`--format` is still read, as before.)
    #[arg(long, alias = "format", value_enum, default_value_t = MessageFormat::Human)]
    message_format: MessageFormat,
    /// Exit 1 on warnings too.
    #[arg(long)]
    deny_warnings: bool,
    /// A folder of templates overriding the built-in ones (checked too).
    #[arg(long)]
    templates: Option<PathBuf>,
    /// Apply the safe fixes (spacing, full-width punctuation, “6·26”, 顿号 between 《》) in
    /// place, keeping comments and layout, and list what changed.
    #[arg(long)]
    fix: bool,
    /// Explain a diagnostic code (e.g. E0602): what it checks, why, and examples.
    #[arg(long, value_name = "CODE", conflicts_with_all = ["fix"])]
    explain: Option<String>,
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MessageFormat {
    /// For people, with source lines and markers.
    Human,
    /// One JSON object per line.
    Json,
    /// GitHub Actions workflow commands.
    Github,
}

/// Runs `report check`.
pub fn run(args: Args, ui: &Ui) -> CliResult {
    if let Some(code) = &args.explain {
        return explain(code, ui);
    }
    if let Some(problem) = super::templates_folder(args.templates.as_deref()) {
        print(&[problem], args.message_format, ui);
        return Ok(Status::Failure);
    }
    let found = super::discover(&args.paths.paths);
    print(&found.problems, args.message_format, ui);
    if let Some(status) = found.nothing_found() {
        return Ok(status);
    }
    let folders = found.folders;
    let mut all = found.problems;
    let mut write_failed = false;
    let templates: Vec<PathBuf> = args.templates.iter().cloned().collect();
    let session = pipeline::Session::with_template_folders(found.template_folders);
    let analyse = |root: &PathBuf, dir: &PathBuf| {
        pipeline::analyse(
            &session,
            dir,
            root,
            &templates,
            &Format::TEMPLATED,
            RenderOptions::default(),
        )
        .diagnostics
    };
    // Checked in parallel, reported (and fixed) in folder order.
    let first: Vec<Vec<Diagnostic>> =
        super::each_unit(&folders, None, |(root, dir)| analyse(root, dir));
    for ((root, dir), mut diagnostics) in folders.iter().zip(first) {
        if args.fix && diagnostics.iter().any(|d| d.fix.is_some()) {
            let failed = apply_fixes(&diagnostics, ui);
            diagnostics = analyse(root, dir);
            if let Some(problem) = failed {
                // Said in the chosen format, with the file; the other folders go on.
                write_failed = true;
                diagnostics.push(problem);
            }
        }
        print(&diagnostics, args.message_format, ui);
        all.extend(diagnostics);
    }
    let errors = all.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = all
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    if args.message_format == MessageFormat::Human {
        ui.status(&match ui.lang {
            Lang::Zh => format!(
                "检查了 {} 个报告文件夹：{errors} 个错误，{warnings} 个警告",
                folders.len()
            ),
            Lang::En => format!(
                "checked {} report folder(s): {errors} error(s), {warnings} warning(s)",
                folders.len()
            ),
        });
    }
    Ok(if found.path_failed || write_failed {
        Status::Failure
    } else if errors > 0 || (args.deny_warnings && warnings > 0) {
        Status::DataErrors
    } else {
        Status::Success
    })
}

/// Applies the safe fixes of one folder's diagnostics and says each; the problem of a file the
/// fixes could not be written to.
fn apply_fixes(diagnostics: &[Diagnostic], ui: &Ui) -> Option<Diagnostic> {
    let (applied, failed) = match crate::ops::fix::apply(diagnostics) {
        Ok(applied) => (applied, None),
        Err((path, e)) => (Vec::new(), Some((path, e))),
    };
    for crate::ops::fix::FixedFile {
        path,
        applied,
        recoded,
    } in applied
    {
        let fixed: Vec<Diagnostic> = applied.into_iter().map(|a| a.diagnostic).collect();
        for d in crate::diagnostic::capped(&fixed) {
            let at = d
                .positions()
                .map(|(s, _)| format!(":{}:{}", s.line, s.column))
                .unwrap_or_default();
            let word = if d.severity == Severity::Note {
                ""
            } else {
                ui.text("fixed", "已修正")
            };
            ui.status(&format!(
                "{word} {}{at} {} {}",
                path.display(),
                d.code,
                d.message.get(ui.lang)
            ));
        }
        // Written back as UTF-8 (what every tool reads): said, not done quietly.
        if recoded {
            ui.status(&format!("{}{}", path.display(), ui.recoded(false)));
        }
    }
    let (path, e) = failed?;
    let e = crate::diagnostic::io_error_text(&e);
    Some(
        Diagnostic::new(
            Code::E0006,
            crate::diagnostic::Text::new(
                format!("cannot write the fixes: {}", e.en),
                format!("无法写入修正：{}", e.zh),
            ),
        )
        .at_path(path),
    )
}

fn print(diagnostics: &[Diagnostic], format: MessageFormat, ui: &Ui) {
    match format {
        MessageFormat::Human => ui.diagnostics(diagnostics),
        MessageFormat::Json => {
            let mut out = std::io::stdout().lock();
            for d in crate::diagnostic::capped(diagnostics) {
                let _ = writeln!(out, "{}", d.to_json(ui.lang));
            }
        }
        MessageFormat::Github => {
            let mut out = std::io::stdout().lock();
            for d in crate::diagnostic::capped(diagnostics) {
                let _ = writeln!(out, "{}", d.to_github(ui.lang));
            }
        }
    }
}

fn explain(code: &str, ui: &Ui) -> CliResult {
    let Some(c) = codes::Code::parse(code).map(codes::Code::entry) else {
        let known: Vec<&str> = codes::CODES.iter().map(|c| c.code.as_str()).collect();
        return Err(CliError::failure(Text::new(
            format!("unknown code: {code}; known codes: {}", known.join(" ")),
            format!("未知的代码：{code}；已知代码：{}", known.join(" ")),
        )));
    };
    let (title, explain, norm, bad, good) = match ui.lang {
        Lang::Zh => (c.title_zh, c.explain_zh, c.norm_zh, c.bad_zh, c.good_zh),
        Lang::En => (c.title, c.explain, c.norm, c.bad, c.good),
    };
    let text = format!(
        "{code}{open}{severity}{close}{colon}{title}\n\n{explain}\n\n{norm_label}{colon}{norm}\n\n{bad_label}{end}\n{bad}\n\n{good_label}{end}\n{good}\n",
        open = ui.text(" (", "（"),
        close = ui.text(")", "）"),
        code = c.code,
        severity = match c.code.severity() {
            Severity::Error => ui.text("error", "错误"),
            _ => ui.text("warning", "警告"),
        },
        norm_label = ui.text("Norm", "依据"),
        colon = ui.text(": ", "："),
        end = ui.text(":", "："),
        norm = norm,
        bad_label = ui.text("Bad", "错误示例"),
        bad = indent(bad),
        good_label = ui.text("Good", "正确示例"),
        good = indent(good),
    );
    super::print_out(text.as_bytes()).map(|()| Status::Success)
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}
