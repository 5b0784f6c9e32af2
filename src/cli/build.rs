//! `report build`: check each report folder and write its reports — many folders in one
//! process, in parallel.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{CliError, CliResult, Status, Ui};
use crate::codes::Code;
use crate::diagnostic::{Lang, Severity, Text};
use crate::pipeline::{self, BuildSettings, Session};
use crate::render::{Format, RenderOptions};

/// Arguments of `report build`.
#[derive(Debug, clap::Args)]
#[allow(clippy::struct_excessive_bools)] // each is a command-line switch
#[command(
    after_help = "Exit codes: 0 every report built (warnings allowed), 1 errors in the data (nothing written for those folders; the others are built), 2 usage or I/O failure."
)]
pub struct Args {
    #[command(flatten)]
    paths: super::Paths,
    /// Where to write; each report goes into a folder mirroring its place under PATH.
    #[arg(long, short, default_value = "out")]
    out: PathBuf,
    /// Which formats to write: md, html, docx, pdf, or all; several with commas (md,html).
    /// pdf is printed from the HTML by Chromium, Google Chrome or Microsoft Edge
    /// (REPORT_BROWSER names one); `all` adds it to the others when such a browser is found.
    #[arg(
        long,
        short,
        value_parser = FormatParser,
        value_delimiter = ',',
        default_value = "md,html,docx"
    )]
    format: Vec<FormatArg>,
    /// A folder of templates that override the built-in ones by name (report.md.j2,
    /// report.html.j2, style.css, blocks/NAME.md.j2). A templates/ folder beside the data is
    /// used too.
    #[arg(long)]
    templates: Option<PathBuf>,
    /// Build even with placeholders left, marking every output as a draft (草稿).
    #[arg(long)]
    draft: bool,
    /// Treat warnings as errors: build nothing for a folder with warnings.
    #[arg(long)]
    deny_warnings: bool,
    /// How many report folders to build at once (default: one per core).
    #[arg(long, short)]
    jobs: Option<usize>,
    /// Print only problems and the closing summary (no progress bar, no list of files).
    #[arg(long, short)]
    quiet: bool,
    /// Build every folder, even those whose outputs are up to date (each output folder keeps
    /// a manifest of what it was built from; an unchanged folder is skipped).
    #[arg(long)]
    force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    Md,
    Html,
    Docx,
    Pdf,
    All,
}

/// `--format`'s items by their names, as `value_enum` reads them; an empty item (`md,,html`)
/// is named as one, not taken for a missing value.
#[derive(Clone)]
struct FormatParser;

impl clap::builder::TypedValueParser for FormatParser {
    type Value = FormatArg;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<FormatArg, clap::Error> {
        if value.is_empty() {
            let empty = |_: &str| -> Result<FormatArg, &str> {
                Err("nothing between two commas / 两个逗号之间缺少格式名")
            };
            return empty.parse_ref(cmd, arg, value);
        }
        clap::builder::EnumValueParser::<FormatArg>::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            FormatArg::value_variants()
                .iter()
                .filter_map(ValueEnum::to_possible_value),
        ))
    }
}

/// Runs `report build`.
pub fn run(args: Args, ui: &Ui) -> CliResult {
    let found = super::discover(&args.paths.paths);
    ui.diagnostics(&found.problems);
    if let Some(status) = found.nothing_found() {
        return Ok(status);
    }
    let folders = found.folders;
    // Every unit's output folder is decided before anything is written: two units never
    // share one.
    let out_dirs =
        pipeline::output_folders(&folders, &args.out).map_err(|c| CliError::failure(c.text()))?;
    let (formats, pdf) = chosen_formats(&args.format)?;
    if pdf.is_none() && args.format.contains(&FormatArg::All) {
        // `all` without a browser builds the others; the clerk is told the PDF is not among
        // them (and that an old one does not stay beside the new files).
        let missing = crate::print::not_found();
        ui.status(&format!(
            "{}{}{}",
            ui.text(
                "warning: report.pdf not made: ",
                "警告：未生成 report.pdf："
            ),
            missing.get(ui.lang),
            ui.text(
                " (an earlier report.pdf is not kept: it would not match the new files)",
                "（此前的 report.pdf 不予保留，以免与新文件不符）"
            )
        ));
    }
    if let Some(problem) = super::templates_folder(args.templates.as_deref()) {
        ui.diagnostics(&[problem]);
        return Ok(Status::Failure);
    }
    let settings = BuildSettings {
        formats,
        templates: args.templates.iter().cloned().collect(),
        render: RenderOptions {
            draft: args.draft,
            preview: false,
        },
        deny_warnings: args.deny_warnings,
        pdf,
        force: args.force,
    };
    let progress = progress_bar(folders.len() as u64, args.quiet);
    let session = Session::with_template_folders(found.template_folders);
    let units: Vec<_> = folders.iter().zip(&out_dirs).collect();
    let outcomes = super::each_unit(&units, args.jobs, |((root, dir), out_dir)| {
        let outcome = pipeline::build(&session, dir, root, out_dir, &settings);
        progress.inc(1);
        outcome
    });
    progress.finish_and_clear();
    let mut tally = Tally {
        failed: found.problems.len(),
        ..Tally::default()
    };
    // Reported in folder order, whatever order the work finished in.
    for outcome in &outcomes {
        tally.report(ui, outcome, &args);
    }
    ui.status(&tally.line(ui.lang));
    let io_failure = outcomes.iter().any(|o| o.write_failed);
    Ok(if io_failure || found.path_failed {
        Status::Failure
    } else if tally.failed > 0 {
        Status::DataErrors
    } else {
        Status::Success
    })
}

/// The formats `--format` asks for, in order, and the browser that prints the PDF when one is
/// asked for (`all` adds it when a browser is found; `pdf` fails without one).
fn chosen_formats(
    asked: &[FormatArg],
) -> Result<(Vec<Format>, Option<crate::print::Browser>), CliError> {
    let wants_pdf = asked.contains(&FormatArg::Pdf);
    let pdf = if wants_pdf || asked.contains(&FormatArg::All) {
        if let Some(problem) = crate::print::named_browser_problem() {
            return Err(CliError::failure(problem));
        }
        crate::print::Browser::find()
    } else {
        None
    };
    if wants_pdf && pdf.is_none() {
        return Err(CliError::failure(crate::print::not_found()));
    }
    let mut formats: Vec<Format> = Vec::new();
    for f in asked {
        let add: &[Format] = match f {
            FormatArg::Md => &[Format::Markdown],
            FormatArg::Html => &[Format::Html],
            FormatArg::Docx => &[Format::Docx],
            FormatArg::Pdf => &[],
            FormatArg::All => &Format::ALL,
        };
        for format in add {
            if !formats.contains(format) {
                formats.push(*format);
            }
        }
    }
    Ok((formats, pdf))
}

/// Why a unit was not built, when the next step is not plain from its errors: only
/// placeholders left (a draft can be built), or only warnings under `--deny-warnings`.
fn why_not_built(diagnostics: &[crate::diagnostic::Diagnostic], args: &Args) -> Option<Text> {
    let errors: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if errors.is_empty() && args.deny_warnings {
        return Some(Text::new(
            " (--deny-warnings: warnings stop the build too)",
            "（--deny-warnings：有警告也不生成）",
        ));
    }
    let only_placeholders = !errors.is_empty() && errors.iter().all(|d| d.code == Code::E0712);
    (only_placeholders && !args.draft).then(|| {
        Text::new(
            " (待补充 left: fill them in, or build a draft with --draft)",
            "（仍有“待补充”：填写后再生成，或加 --draft 生成草稿）",
        )
    })
}

/// What a build did, unit by unit.
#[derive(Debug, Default)]
struct Tally {
    built: usize,
    unchanged: usize,
    failed: usize,
    warnings: usize,
}

impl Tally {
    /// Prints one unit's diagnostics and what became of it, and counts it.
    fn report(&mut self, ui: &Ui, outcome: &pipeline::Outcome, args: &Args) {
        ui.diagnostics(&outcome.diagnostics);
        self.warnings += outcome
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count();
        let dir = outcome.dir.display();
        if outcome.failed(args.deny_warnings) {
            self.failed += 1;
            let why = why_not_built(&outcome.diagnostics, args)
                .map_or_else(String::new, |w| w.get(ui.lang).to_string());
            ui.status(&format!("{}{dir}{why}", ui.text("not built: ", "未生成：")));
        } else if outcome.skipped {
            self.unchanged += 1;
            if !args.quiet {
                ui.status(&format!("{}{dir}", ui.text("unchanged: ", "未变化：")));
            }
        } else {
            self.built += 1;
            if args.quiet {
                return;
            }
            let outputs = outcome.written.iter().filter(|p| {
                p.file_name()
                    .is_none_or(|n| n != crate::manifest::FILE && n != crate::pipeline::SOURCE_FILE)
            });
            for path in outputs {
                ui.status(&format!(
                    "{} {}",
                    ui.text("wrote", "已写入"),
                    path.display()
                ));
            }
        }
    }

    /// The closing line.
    fn line(&self, lang: Lang) -> String {
        let Tally {
            built,
            unchanged,
            failed,
            warnings,
        } = self;
        match (lang, unchanged) {
            (Lang::Zh, 0) => format!("生成 {built} 份报告，{failed} 份未生成，{warnings} 个警告"),
            (Lang::Zh, _) => format!(
                "生成 {built} 份报告，{unchanged} 份未变化（未重新生成），{failed} 份未生成，{warnings} 个警告"
            ),
            (Lang::En, 0) => {
                format!("built {built} report(s), {failed} failed, {warnings} warning(s)")
            }
            (Lang::En, _) => format!(
                "built {built} report(s), {unchanged} unchanged (not rebuilt), {failed} failed, {warnings} warning(s)"
            ),
        }
    }
}

/// A progress bar on a terminal; nothing when stderr is not one or with `--quiet`.
fn progress_bar(len: u64, quiet: bool) -> ProgressBar {
    if quiet || len < 2 || !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::new(len);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} {per_sec} {eta}") {
        bar.set_style(style);
    }
    bar
}
