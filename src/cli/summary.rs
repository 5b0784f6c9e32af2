//! `report summary`: the roll-up of every unit under PATH for the supervising office.

use std::path::PathBuf;

use clap::ValueEnum;

use super::{CliResult, Status, Ui};
use crate::diagnostic::Lang;
use crate::ops::summary;
use crate::pipeline;
use crate::render::{Format, Renderer, TemplateSet};

/// Arguments of `report summary`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit codes: 0 summary written (whatever the units' state), 2 usage or I/O failure."
)]
pub struct Args {
    #[command(flatten)]
    paths: super::Paths,
    /// Where to write summary.md / summary.html.
    #[arg(long, short, default_value = "out")]
    out: PathBuf,
    /// Which formats to write.
    #[arg(long, short, value_enum, default_value_t = SummaryFormat::All)]
    format: SummaryFormat,
    /// Template folder overriding summary.md.j2 / summary.html.j2.
    #[arg(long)]
    templates: Option<PathBuf>,
    /// Only the reports on this year (units whose report cannot be read are kept). Without it,
    /// every year is summed apart, in a table of its own.
    #[arg(long, value_parser = super::values::year)]
    year: Option<u16>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SummaryFormat {
    Md,
    Html,
    All,
}

/// Runs `report summary`.
pub fn run(args: Args, ui: &Ui) -> CliResult {
    if let Some(problem) = super::templates_folder(args.templates.as_deref()) {
        ui.diagnostics(&[problem]);
        return Ok(Status::Failure);
    }
    let found = super::discover(&args.paths.paths);
    ui.diagnostics(&found.problems);
    if let Some(status) = found.nothing_found() {
        return Ok(status);
    }
    let folders = found.folders;
    // Each unit checked as `report check` checks it (its text and templates rendered), so
    // the roll-up counts the errors `check` reports.
    let session = pipeline::Session::with_template_folders(found.template_folders);
    let checked = super::each_unit(&folders, None, |(root, dir)| {
        pipeline::analyse(
            &session,
            dir,
            root,
            &[],
            &Format::TEMPLATED,
            crate::render::RenderOptions::default(),
        )
    });
    let mut rollup = summary::Summary::default();
    for ((_, dir), analysis) in folders.iter().zip(&checked) {
        let year = analysis.loaded.report.as_ref().map(|r| r.report.year);
        if args.year.is_some() && year.is_some() && year != args.year {
            continue;
        }
        summary::add(
            &mut rollup,
            dir,
            analysis.loaded.report.as_ref(),
            &analysis.diagnostics,
        );
    }
    summary::finish(&mut rollup);
    let renderer = Renderer::new(TemplateSet::new(
        args.templates
            .into_iter()
            .map(crate::render::TemplateFolder::given)
            .collect(),
    ));
    let formats: &[(Format, &str, &str)] = match args.format {
        SummaryFormat::Md => &[(Format::Markdown, "summary.md.j2", "md")],
        SummaryFormat::Html => &[(Format::Html, "summary.html.j2", "html")],
        SummaryFormat::All => &[
            (Format::Markdown, "summary.md.j2", "md"),
            (Format::Html, "summary.html.j2", "html"),
        ],
    };
    let context =
        minijinja::context! { summary => minijinja::Value::from(minijinja::value::Serde(&rollup)) };
    for (format, template, ext) in formats {
        match renderer.render_template(template, context.clone(), *format) {
            Ok(bytes) => {
                ui.write(&summary::output_path(&args.out, ext), &bytes)?;
            }
            Err(problems) => {
                ui.diagnostics(&problems);
                return Ok(Status::Failure);
            }
        }
    }
    say_repeated(ui, &rollup);
    say_totals(ui, &rollup, args.year);
    Ok(Status::Success)
}

/// A unit with more than one report on one year (a copy of its folder left beside it): each
/// is added to the totals, so the office is told which folders to look at.
fn say_repeated(ui: &Ui, rollup: &summary::Summary) {
    for repeated in &rollup.repeated {
        let text = repeated.text();
        ui.status(&format!(
            "{}{}",
            ui.text("warning: ", "警告："),
            text.get(ui.lang)
        ));
    }
}

/// The closing line: reports, units and their state; a year asked for that no report is on.
fn say_totals(ui: &Ui, rollup: &summary::Summary, year: Option<u16>) {
    let (reports, units) = (rollup.units.len(), rollup.unit_count);
    if let (Some(year), 0) = (year, reports) {
        ui.status(&match ui.lang {
            Lang::Zh => format!("警告：所给路径下没有{year}年度的报告"),
            Lang::En => format!("warning: no report under the PATHs is on {year}"),
        });
    }
    let (on_time, late, failing) = (rollup.on_time, rollup.late, rollup.failing);
    ui.status(&match ui.lang {
        Lang::Zh => format!(
            "共{reports}份报告（{units}个单位）：已完成{on_time}个，逾期{late}个，有错误{failing}个"
        ),
        Lang::En => format!(
            "{reports} report(s) ({units} unit(s)): {on_time} done, {late} late, {failing} with errors"
        ),
    });
}
