//! `report fmt`: rewrite data files in their canonical form, or `--check` that they are.

use std::path::Path;

use super::{CliError, CliResult, Status, Ui};
use crate::diagnostic::Text;
use crate::ops::fmt;
use crate::{output, source};

/// Arguments of `report fmt`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit codes: 0 formatted (or, with --check, already canonical), 1 files would change (--check) or could not be formatted, 2 usage or I/O failure."
)]
pub struct Args {
    #[command(flatten)]
    paths: super::Paths,
    /// Change nothing; list the files that would change and exit 1 if any would.
    #[arg(long)]
    check: bool,
}

/// Runs `report fmt`.
pub fn run(args: Args, ui: &Ui) -> CliResult {
    let found = super::discover(&args.paths.paths);
    ui.diagnostics(&found.problems);
    if let Some(status) = found.nothing_found() {
        return Ok(status);
    }
    let (mut changed, mut failed) = (0usize, found.problems.len());
    for (root, dir) in &found.folders {
        for name in crate::model::data_file_names() {
            match format_file(&dir.join(name), root, name, args.check, ui)? {
                Formatted::Unchanged => {}
                Formatted::Changed => changed += 1,
                Formatted::Failed => failed += 1,
            }
        }
    }
    Ok(if failed > 0 || (args.check && changed > 0) {
        Status::DataErrors
    } else {
        Status::Success
    })
}

/// What became of one data file.
enum Formatted {
    /// Already canonical, or not there.
    Unchanged,
    /// Rewritten (or, with `--check`, to rewrite).
    Changed,
    /// Unreadable, or not formatted.
    Failed,
}

/// Formats the data file `path` (named `name`) of the tree `root`, or with `check` only says
/// it would.
fn format_file(
    path: &Path,
    root: &Path,
    name: &str,
    check: bool,
    ui: &Ui,
) -> Result<Formatted, CliError> {
    let (text, encoding) = match crate::load::read_text(path, root) {
        Ok(Some(decoded)) => decoded,
        Ok(None) => return Ok(Formatted::Unchanged),
        Err(problem) => {
            ui.diagnostics(&[*problem]);
            return Ok(Formatted::Failed);
        }
    };
    let formatted = match fmt::format(name, &text, fmt::find_schema(path).as_deref()) {
        Ok(f) => f,
        Err(e) => {
            ui.status(crate::ops::problems::not_formatted(path, &e.text()).get(ui.lang));
            return Ok(Formatted::Failed);
        }
    };
    if formatted == text && encoding != source::Encoding::Gb18030 {
        return Ok(Formatted::Unchanged);
    }
    let shown = path.display();
    // A GB18030 file is written back as UTF-8 (what every tool reads): said, not done quietly.
    let recoded = if encoding == source::Encoding::Gb18030 {
        ui.recoded(check)
    } else {
        ""
    };
    if check {
        ui.status(&format!(
            "{} {shown}{recoded}",
            ui.text("would reformat", "需要格式化")
        ));
        return Ok(Formatted::Changed);
    }
    output::write_through_link(path, &source::encode_like(&formatted, encoding)).map_err(|e| {
        CliError::io(
            Text::new(format!("cannot write {shown}"), format!("无法写入 {shown}")),
            e,
        )
    })?;
    ui.status(&format!(
        "{} {shown}{recoded}",
        ui.text("formatted", "已格式化")
    ));
    Ok(Formatted::Changed)
}
