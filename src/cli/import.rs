//! `report import`: start from last year's report.

use std::path::PathBuf;

use super::{CliError, CliResult, Status, Ui};
use crate::ops::import;

/// Arguments of `report import`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "What the text does not say and is not given is written as 待补充, never guessed into a value; guessed values are marked in the data files.\nThen: `report check DIR` lists what to mend (`--fix` mends the safe ones), `report build DIR` makes the report, and next year `report init --from DIR NEXT`.\nExit codes: 0 imported, 1 the file holds no report, 2 usage or I/O failure."
)]
pub struct Args {
    /// The report: a .docx (Word, WPS, LibreOffice), a .txt (UTF-8 or GB18030) or a .md file.
    file: PathBuf,
    /// The new report folder (default: data/UNIT/YEAR); must not exist, or be empty.
    #[arg(long)]
    out: Option<PathBuf>,
    /// The unit's name, when the text does not say it (or says it otherwise).
    #[arg(long, value_name = "NAME")]
    unit: Option<String>,
    /// The unit's kind: township, street, county, district, city, province, department or
    /// state_council_department (or its Chinese name: 乡镇, 街道 …).
    #[arg(long, value_name = "KIND", value_parser = super::values::kind)]
    kind: Option<crate::model::UnitKind>,
    /// The report year, when the title does not say it.
    #[arg(long, value_name = "YEAR", value_parser = super::values::year)]
    year: Option<u16>,
    /// The 成文日期, when the text has none: 2025-01-10 (or 2025年1月10日).
    #[arg(long, value_name = "DATE", value_parser = super::values::date)]
    date: Option<crate::model::Date>,
}

/// Runs `report import`.
pub fn run(args: Args, ui: &Ui) -> CliResult {
    let name = args
        .file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_string();
    let within = args.file.parent().unwrap_or(std::path::Path::new("."));
    let bytes = crate::files::read_limited(&args.file, within, import::MAX_BYTES).map_err(|e| {
        let said = match e {
            crate::files::ReadError::TooLarge => {
                import::ImportError::TooLarge(import::MAX_BYTES >> 20).text()
            }
            e => crate::load::read_error(&e, within).message,
        };
        CliError::failure(crate::ops::problems::at(&args.file, &said))
    })?;
    let given = import::Given {
        unit: args.unit,
        kind: args.kind,
        year: args.year,
        date: args.date,
    };
    let imported = import::import(&name, &bytes, &given)
        .map_err(|e| CliError::data(crate::ops::problems::at(&args.file, &e.text())))?;
    let out = match args.out {
        Some(out) => out,
        None => default_folder(&imported.files[0].1)?,
    };
    let written = import::write(&out, &imported).map_err(|e| CliError::failure(e.text()))?;
    for path in &written {
        ui.status(&format!(
            "{} {}",
            ui.text("created", "已创建"),
            path.display()
        ));
    }
    summary(&imported, ui);
    let (check, build) = (
        ui.command(&format!("check {}", out.display())),
        ui.command(&format!("build {}", out.display())),
    );
    ui.status(ui.text(
        &format!("next: `{check}`, then `{build}`"),
        &format!("下一步：运行 `{check}`，再运行 `{build}`"),
    ));
    Ok(Status::Success)
}

/// What the import made, what it guessed and what the published text had wrong.
fn summary(imported: &import::Imported, ui: &Ui) {
    let [l1, l2, l3, l4] = imported.sections;
    let (typed, seen) = imported.counts;
    ui.status(&match ui.lang {
        crate::diagnostic::Lang::Zh => format!(
            "章节：{l1} 个一级、{l2} 个二级、{l3} 个三级、{l4} 个四级；引用公文 {} 件；数量 {typed} 项转为数据（文中共见 {seen} 处）；学习内容 {} 项；表格 {} 个保留为表格；{} 段保留为正文",
            imported.documents, imported.studied, imported.tables, imported.paragraphs
        ),
        crate::diagnostic::Lang::En => format!(
            "sections: {l1} at level 1, {l2} at level 2, {l3} at level 3, {l4} at level 4; {} documents cited; {typed} of {seen} counts seen taken out as data; {} laws studied; {} tables kept as tables; {} paragraphs kept as text",
            imported.documents, imported.studied, imported.tables, imported.paragraphs
        ),
    });
    for guess in &imported.guesses {
        ui.status(&format!(
            "{}{}",
            ui.text("guessed: ", "推断："),
            guess.get(ui.lang)
        ));
    }
    for mend in &imported.mends {
        ui.status(&format!(
            "{}[{}] {}",
            ui.text("in the original: ", "原文问题："),
            mend.code.as_str(),
            mend.message.get(ui.lang)
        ));
    }
}

/// The folder an import makes when none is given: `data/<unit>/<year>`, from the unit and the
/// year of the report it wrote (read as TOML, never by searching its lines: a paragraph of the
/// report could hold `name = …`). A unit's name that cannot be a folder's name, or a unit folder
/// that is a link, is refused: the import never writes outside the folder it names.
fn default_folder(report_toml: &str) -> Result<PathBuf, CliError> {
    let table: toml::Table = report_toml.parse().unwrap_or_default();
    let unit = table
        .get("unit")
        .and_then(|u| u.get("name"))
        .and_then(toml::Value::as_str)
        .unwrap_or("")
        .to_string();
    let year = table
        .get("year")
        .and_then(toml::Value::as_integer)
        .map(|y| y.to_string())
        .unwrap_or_default();
    let refused =
        |name: String| CliError::failure(crate::ops::init::InitError::UnitName(name).text());
    if unit == crate::model::common::PLACEHOLDER {
        return Err(CliError::failure(crate::diagnostic::Text::new(
            "the text does not name the unit: give it with --unit, or the new folder with --out",
            "原文没有写明单位：请用 --unit 指定单位，或用 --out 指定新文件夹",
        )));
    }
    if !crate::ops::init::plain_folder_name(&unit) {
        return Err(refused(unit));
    }
    if !crate::ops::init::plain_folder_name(&year) {
        return Err(refused(year));
    }
    let unit_folder = PathBuf::from("data").join(&unit);
    if std::fs::symlink_metadata(&unit_folder).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(CliError::failure(
            crate::ops::init::InitError::Linked(unit_folder).text(),
        ));
    }
    Ok(unit_folder.join(year))
}
