//! `report build`: check each report folder and write its reports.

use std::path::PathBuf;

use clap::ValueEnum;

use super::{Status, Ui};
use crate::pipeline::{self, BuildSettings};
use crate::render::{Format, RenderOptions};

/// Arguments of `report build`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit codes: 0 every report built (warnings allowed), 1 errors in the data (nothing written for that folder), 2 usage or I/O failure."
)]
pub struct Args {
    /// Report folders, or folders above report folders (every folder with a report.toml
    /// below is built).
    #[arg(default_value = "data")]
    paths: Vec<PathBuf>,
    /// Where to write; each report goes into a folder mirroring its place under PATH.
    #[arg(long, short, default_value = "out")]
    out: PathBuf,
    /// Which formats to write.
    #[arg(long, short, value_enum, default_value_t = FormatArg::All)]
    format: FormatArg,
    /// A folder of templates that override the built-in ones by name (report.md.j2,
    /// report.html.j2, style.css, blocks/<name>.md.j2). A templates/ folder beside the data is
    /// used too.
    #[arg(long)]
    templates: Option<PathBuf>,
    /// Build even with placeholders left, marking every output as a draft (草稿).
    #[arg(long)]
    draft: bool,
    /// Treat warnings as errors: build nothing for a folder with warnings.
    #[arg(long)]
    deny_warnings: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Md,
    Html,
    Docx,
    All,
}

/// Runs `report build`.
pub fn run(args: Args, ui: &Ui) -> Status {
    let folders = match super::discover(&args.paths, ui) {
        Ok(found) => found,
        Err(status) => return status,
    };
    let formats = match args.format {
        FormatArg::Md => vec![Format::Markdown],
        FormatArg::Html => vec![Format::Html],
        FormatArg::Docx => vec![Format::Docx],
        FormatArg::All => Format::ALL.to_vec(),
    };
    if let Some(dir) = &args.templates
        && !dir.is_dir()
    {
        ui.status(&format!(
            "{}: --templates {}: {}",
            ui.text("error", "错误"),
            dir.display(),
            ui.text("not a folder", "不是文件夹")
        ));
        return Status::Failure;
    }
    let settings = BuildSettings {
        formats,
        templates: args.templates.into_iter().collect(),
        render: RenderOptions { draft: args.draft },
        deny_warnings: args.deny_warnings,
    };
    let (mut built, mut failed) = (0usize, 0usize);
    for (root, dir) in &folders {
        let out_dir = pipeline::output_folder(dir, root, &args.out);
        let outcome = pipeline::build(dir, root, &out_dir, &settings);
        ui.diagnostics(&outcome.diagnostics);
        if outcome.failed(args.deny_warnings) {
            failed += 1;
            ui.status(&format!(
                "{} {}",
                ui.text("not built:", "未生成："),
                dir.display()
            ));
        } else {
            built += 1;
            for path in &outcome.written {
                ui.status(&format!(
                    "{} {}",
                    ui.text("wrote", "已写入"),
                    path.display()
                ));
            }
        }
    }
    ui.status(&match ui.text("en", "zh") {
        "zh" => format!("生成 {built} 份报告，{failed} 份未生成"),
        _ => format!("built {built} report(s), {failed} failed"),
    });
    if failed > 0 {
        Status::DataErrors
    } else {
        Status::Success
    }
}
