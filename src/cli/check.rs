//! `report check`: report every problem in the data, build nothing.

use std::path::PathBuf;

use super::{Status, Ui};
use crate::diagnostic::Severity;
use crate::pipeline;

/// Arguments of `report check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Report folders, or folders above report folders.
    #[arg(default_value = "data")]
    paths: Vec<PathBuf>,
    /// Exit 1 on warnings too.
    #[arg(long)]
    deny_warnings: bool,
}

/// Runs `report check`.
pub fn run(args: Args, ui: &Ui) -> Status {
    let folders = match super::discover(&args.paths, ui) {
        Ok(found) => found,
        Err(status) => return status,
    };
    let (mut errors, mut warnings) = (0usize, 0usize);
    for (_, dir) in &folders {
        let (_, diagnostics) = pipeline::check(dir);
        ui.diagnostics(&diagnostics);
        errors += diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        warnings += diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count();
    }
    ui.status(&match ui.text("en", "zh") {
        "zh" => format!(
            "检查了 {} 个报告文件夹：{errors} 个错误，{warnings} 个警告",
            folders.len()
        ),
        _ => format!(
            "checked {} report folder(s): {errors} error(s), {warnings} warning(s)",
            folders.len()
        ),
    });
    if errors > 0 || (args.deny_warnings && warnings > 0) {
        Status::DataErrors
    } else {
        Status::Success
    }
}
