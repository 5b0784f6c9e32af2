//! `report init`: a new report folder — from commented skeletons, or carried forward from
//! last year's folder.
//!
//! Carrying forward edits last year's files with `toml_edit`, so every comment stays. Lasting
//! facts (the unit, the leading group, the posts and what they cover, the outline) are kept;
//! year-bound facts (texts, counts, documents, duties, problems, plans) become the placeholder
//! `待补充`, which `report check` reports line by line and `report build` refuses unless
//! `--draft`. Last year's plans become this year's `follow_ups`, to be answered.

use crate::model::FileId;
use std::path::{Path, PathBuf};

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value, value};

use crate::diagnostic::Lang;
use crate::model::Date;
use crate::model::common::PLACEHOLDER;
use crate::output::write_atomic;

pub use super::problems::InitError;

/// The skeleton files, embedded: each file's name, its English text and its Chinese text. The
/// two say the same data line for line (a test holds them together); only the comments differ.
const SKELETONS: &[(&str, &str, &str)] = &[
    (
        FileId::Report.name(),
        include_str!("../../templates/init/report.toml"),
        include_str!("../../templates/init/zh/report.toml"),
    ),
    (
        FileId::Leadership.name(),
        include_str!("../../templates/init/leadership.toml"),
        include_str!("../../templates/init/zh/leadership.toml"),
    ),
    (
        FileId::LegalAid.name(),
        include_str!("../../templates/init/legal_aid.toml"),
        include_str!("../../templates/init/zh/legal_aid.toml"),
    ),
    (
        FileId::Outreach.name(),
        include_str!("../../templates/init/outreach.toml"),
        include_str!("../../templates/init/zh/outreach.toml"),
    ),
    (
        FileId::Study.name(),
        include_str!("../../templates/init/study.toml"),
        include_str!("../../templates/init/zh/study.toml"),
    ),
    (
        FileId::Statistics.name(),
        include_str!("../../templates/init/statistics.toml"),
        include_str!("../../templates/init/zh/statistics.toml"),
    ),
    (
        FileId::Problems.name(),
        include_str!("../../templates/init/problems.toml"),
        include_str!("../../templates/init/zh/problems.toml"),
    ),
    (
        FileId::Plans.name(),
        include_str!("../../templates/init/plans.toml"),
        include_str!("../../templates/init/zh/plans.toml"),
    ),
    (
        FileId::Lists.name(),
        include_str!("../../templates/init/lists.toml"),
        include_str!("../../templates/init/zh/lists.toml"),
    ),
];

/// The skeleton text of a data file, its comments in `lang`.
pub fn skeleton_text(name: &str, lang: Lang) -> Option<&'static str> {
    SKELETONS
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|&(_, en, zh)| match lang {
            Lang::En => en,
            Lang::Zh => zh,
        })
}

/// The name of the file that claims a new folder while it is being written.
const CLAIM: &str = ".report-init";

/// A new folder claimed for writing: its claim file goes when the writing is done.
struct Claim(PathBuf);

impl Drop for Claim {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Makes the new folder, which must not exist or be an empty folder, and claims it. Its parents
/// are made first and the folder itself with `create_dir`, which fails when something is there;
/// a folder that was there must be a real folder (not a link to one elsewhere) and hold
/// nothing. The claim is a file made with `create_new` before the folder is found empty, so of
/// two runs writing the same new folder at once, one is refused. No `..` is taken.
fn prepare(dir: &Path) -> Result<Claim, InitError> {
    let io = |e| InitError::Io(dir.to_path_buf(), e);
    if dir
        .components()
        .any(|c| c == std::path::Component::ParentDir)
    {
        return Err(InitError::NotPlain(dir.to_path_buf()));
    }
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    match std::fs::create_dir(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            if !std::fs::symlink_metadata(dir).map_err(io)?.is_dir() {
                return Err(InitError::NotEmpty(dir.to_path_buf()));
            }
        }
        Err(e) => return Err(io(e)),
    }
    let claim = dir.join(CLAIM);
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&claim)
    {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(InitError::NotEmpty(dir.to_path_buf()));
        }
        Err(e) => return Err(io(e)),
    }
    let claim = Claim(claim);
    let only_the_claim = std::fs::read_dir(dir)
        .map_err(io)?
        .flatten()
        .all(|e| e.file_name() == CLAIM);
    if only_the_claim {
        Ok(claim)
    } else {
        // The claim goes with `claim` (it is ours); the folder's files stay as they were.
        Err(InitError::NotEmpty(dir.to_path_buf()))
    }
}

/// Names Windows keeps for devices: a folder cannot have them, with or without an extension.
const DEVICE_NAMES: &[&str] = &["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$"];

/// Whether `name` can be a folder's name as it stands: one plain component, no separator, no
/// drive, nothing hidden, not the placeholder, no device name of Windows, no control or
/// direction-changing character, and no space or dot at its end.
pub fn plain_folder_name(name: &str) -> bool {
    let mut components = Path::new(name).components();
    let stem = name.split('.').next().unwrap_or("").to_ascii_uppercase();
    let device = DEVICE_NAMES.contains(&stem.as_str())
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit());
    matches!(components.next(), Some(std::path::Component::Normal(_)))
        && components.next().is_none()
        && !name.contains(['/', '\\', ':', '*', '?', '"', '<', '>', '|'])
        && !name.chars().any(|c| {
            // Controls, and the marks that turn text around or hide in it (format characters).
            c.is_control()
                || matches!(c, '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
                    | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
        })
        && !name.starts_with('.')
        && !name.ends_with(['.', ' '])
        && name.trim() == name
        && name != PLACEHOLDER
        && !device
}

/// Writes a new report folder (which must not exist, or be empty) from data files' texts;
/// each file names its schema when a `schema/` folder is found above it.
pub fn write_folder(dir: &Path, files: &[(&str, String)]) -> Result<Vec<PathBuf>, InitError> {
    let _claim = prepare(dir)?;
    files
        .iter()
        .map(|(name, text)| write(dir, name, text))
        .collect()
}

fn write(dir: &Path, name: &str, text: &str) -> Result<PathBuf, InitError> {
    let path = dir.join(name);
    let body = text
        .split_once('\n')
        .filter(|(first, _)| first.starts_with("#:schema"))
        .map_or(text, |(_, rest)| rest);
    let text = match crate::ops::fmt::find_schema(&path) {
        Some(schema) => format!("#:schema {schema}\n{body}"),
        None => body.to_string(),
    };
    write_atomic(&path, text.as_bytes()).map_err(|e| InitError::Io(path.clone(), e))?;
    Ok(path)
}

/// Makes a new report folder from the commented skeletons (their comments in `lang`), for
/// `year`, signed `date`, by a unit of `kind` (each when it is known: otherwise written
/// `"待补充"`, never a day or a kind made up).
pub fn skeleton(
    dir: &Path,
    year: u16,
    date: Option<Date>,
    kind: Option<crate::model::UnitKind>,
    lang: Lang,
) -> Result<Vec<PathBuf>, InitError> {
    let _claim = prepare(dir)?;
    let date = date.map_or_else(|| format!("\"{PLACEHOLDER}\""), |d| d.to_string());
    let kind = format!(
        "\"{}\"",
        kind.map_or(PLACEHOLDER, crate::model::UnitKind::key)
    );
    SKELETONS
        .iter()
        .map(|&(name, _, _)| {
            let text = skeleton_text(name, lang)
                .unwrap_or_default()
                .replace("{{YEAR}}", &year.to_string())
                .replace("{{DATE}}", &date)
                .replace("{{KIND}}", &kind);
            write(dir, name, &text)
        })
        .collect()
}

/// Last year's data file at `path`, read as every data file is (inside its folder, within
/// the limit, UTF-8 or GB18030), with its comments; `None` when it is not there.
fn read_doc(path: &Path) -> Result<Option<DocumentMut>, InitError> {
    let within = path.parent().unwrap_or(Path::new("."));
    let read = crate::load::read_text(path, within)
        .map_err(|problem| InitError::Unreadable(path.to_path_buf(), problem.message.clone()))?;
    let Some((text, _)) = read else {
        return Ok(None);
    };
    text.parse::<DocumentMut>()
        .map(Some)
        .map_err(|e| InitError::Syntax(path.to_path_buf(), e.message().to_string()))
}

/// Replaces a value, keeping the comments and spacing around it.
fn set(item: &mut Item, new: Value) {
    let decor = item.as_value().map(|v| v.decor().clone());
    *item = Item::Value(new);
    if let (Some(decor), Some(v)) = (decor, item.as_value_mut()) {
        *v.decor_mut() = decor;
    }
}

fn placeholder(table: &mut Table, key: &str) {
    if let Some(item) = table.get_mut(key) {
        set(item, PLACEHOLDER.into());
    }
}

/// Keeps the first table of an array of tables, for the placeholder, and drops the rest.
fn keep_first(array: &mut ArrayOfTables) -> Option<&mut Table> {
    while array.len() > 1 {
        array.remove(array.len() - 1);
    }
    array.get_mut(0)
}

/// Carries `old` forward into a new folder `new` for the next year.
pub fn carry_forward(old: &Path, new: &Path) -> Result<Vec<PathBuf>, InitError> {
    let report_path = old.join(FileId::Report.name());
    let Some(mut report) = read_doc(&report_path)? else {
        return Err(InitError::NotAReport(old.to_path_buf()));
    };
    // The next year must be a report year too (an absurd one would overflow).
    let year = report.get("year").and_then(Item::as_integer).unwrap_or(0);
    let plausible = crate::model::PLAUSIBLE_YEARS;
    if !(i64::from(*plausible.start())..i64::from(*plausible.end())).contains(&year) {
        return Err(InitError::ImplausibleYear(report_path, year));
    }
    let old_plans = plan_titles(read_doc(&old.join(FileId::Plans.name()))?.as_ref());
    // Every file is read and carried before the new folder is made: a file that cannot be
    // read leaves nothing behind (a half-made folder would refuse the next try).
    carry_report(&mut report, !old_plans.is_empty());
    let mut files = vec![(FileId::Report.name(), report.to_string())];
    for file in crate::model::DATA_FILES
        .iter()
        .filter(|f| f.id != FileId::Report)
    {
        let Some(mut doc) = read_doc(&old.join(file.name))? else {
            continue;
        };
        carry_topic(file.id, &mut doc, &old_plans);
        files.push((file.name, doc.to_string()));
    }
    write_folder(new, &files)
}

/// The titles of a plans file's `[[plans]]`.
fn plan_titles(plans: Option<&DocumentMut>) -> Vec<String> {
    plans
        .and_then(|d| d.get("plans"))
        .and_then(Item::as_array_of_tables)
        .map(|a| {
            a.iter()
                .filter_map(|t| t.get("title").and_then(Item::as_str).map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// A topic file for next year: its structure kept, the year's facts left to fill in.
fn carry_topic(id: FileId, doc: &mut DocumentMut, old_plans: &[String]) {
    match id {
        FileId::Leadership => {
            if let Some(t) = first_of(doc, "duties") {
                placeholder(t, "text");
                t.remove("by");
            }
        }
        FileId::Outreach | FileId::Statistics => carry_counts(doc),
        FileId::Study => {
            if let Some(t) = first_of(doc, "studied") {
                placeholder(t, "title");
                t.remove("suffix");
            }
        }
        FileId::Problems => {
            if let Some(t) = first_of(doc, "problems") {
                for k in ["title", "text", "cause"] {
                    placeholder(t, k);
                }
            }
        }
        FileId::Plans => carry_plans(doc, old_plans),
        FileId::Lists => carry_lists(doc),
        // The posts stand from year to year; the report file is carried by `carry_report`.
        FileId::LegalAid | FileId::Report => {}
    }
}

/// The first table of the array of tables `key`, the others dropped.
fn first_of<'a>(doc: &'a mut DocumentMut, key: &str) -> Option<&'a mut Table> {
    doc.get_mut(key)
        .and_then(Item::as_array_of_tables_mut)
        .and_then(keep_first)
}

/// Counts keep their names and units; their values and lists are to fill in.
fn carry_counts(doc: &mut DocumentMut) {
    if let Some(counts) = doc.get_mut("counts").and_then(Item::as_table_like_mut) {
        for (_, count) in counts.iter_mut() {
            if let Some(t) = count.as_table_like_mut() {
                if let Some(v) = t.get_mut("value") {
                    set(v, PLACEHOLDER.into());
                }
                if let Some(items) = t.get_mut("items") {
                    set(items, Value::Array(toml_edit::Array::default()));
                }
            }
        }
    }
    if let Some(m) = doc.get_mut("materials") {
        set(m, Value::Array([PLACEHOLDER].into_iter().collect()));
    }
}

/// Next year's plans to fill in, and last year's plans as the follow-ups to report on.
fn carry_plans(doc: &mut DocumentMut, old_plans: &[String]) {
    if let Some(t) = first_of(doc, "plans") {
        placeholder(t, "title");
        placeholder(t, "text");
    }
    let mut follow_ups = ArrayOfTables::new();
    for plan in old_plans {
        let mut t = Table::new();
        t.insert("plan", value(plan.as_str()));
        t.insert("text", value(PLACEHOLDER));
        follow_ups.push(t);
    }
    doc.remove("follow_ups");
    if !follow_ups.is_empty() {
        doc.insert("follow_ups", Item::ArrayOfTables(follow_ups));
    }
}

/// A year's lists (awards, rules adopted) are that year's: each keeps its name and kind, and
/// one item to fill in.
fn carry_lists(doc: &mut DocumentMut) {
    if let Some(lists) = doc.get_mut("lists").and_then(Item::as_table_like_mut) {
        for (_, list) in lists.iter_mut() {
            if let Some(t) = list
                .as_table_like_mut()
                .and_then(|l| l.get_mut("items"))
                .and_then(Item::as_array_of_tables_mut)
                .and_then(keep_first)
            {
                placeholder(t, "title");
                for key in ["level", "batch", "issuer", "date", "amount"] {
                    t.remove(key);
                }
            }
        }
    }
}

fn carry_report(report: &mut DocumentMut, has_old_plans: bool) {
    let year = report.get("year").and_then(Item::as_integer).unwrap_or(0);
    if let Some(item) = report.get_mut("year") {
        // Last year's note on the year (`据标题推断`) does not hold for this one.
        *item = Item::Value((year + 1).into());
    }
    // Next year's report is signed on a day nobody knows yet, under a number not yet given,
    // and published nobody knows when; last year's highlights and events were last year's.
    if let Some(item) = report.get_mut("date") {
        set(item, PLACEHOLDER.into());
    }
    let table = report.as_table_mut();
    for key in ["intro", "doc_no"] {
        placeholder(table, key);
    }
    for key in ["published", "events"] {
        table.remove(key);
    }
    placeholder_list(table, "highlights");
    // The title names the report's year: moved on with it.
    if let Some(title) = table.get_mut("title")
        && let Some(text) = title.as_str()
    {
        let moved = years_moved_on(text, year);
        set(title, moved.into());
    }
    if let Some(t) = report
        .get_mut("documents")
        .and_then(Item::as_array_of_tables_mut)
        .and_then(keep_first)
    {
        placeholder(t, "title");
        t.remove("doc_no");
        t.remove("issuer");
    }
    if let Some(sections) = report
        .get_mut("sections")
        .and_then(Item::as_array_of_tables_mut)
    {
        for s in sections.iter_mut() {
            clear_texts(s, year);
        }
        if has_old_plans {
            let measures = sections
                .iter_mut()
                .find(|s| s.get("statutory_item").and_then(Item::as_integer) == Some(1));
            if let Some(measures) = measures {
                let mut follow = Table::new();
                follow.insert("title", value("上年工作安排落实情况"));
                follow.insert("block", value("follow_ups"));
                if let Some(children) = measures
                    .get_mut("sections")
                    .and_then(Item::as_array_of_tables_mut)
                {
                    children.push(follow);
                } else {
                    let mut children = ArrayOfTables::new();
                    children.push(follow);
                    measures.insert("sections", Item::ArrayOfTables(children));
                }
            }
        }
    }
}

/// Clears a section's texts and points for the new year, and moves on the years its title
/// names (`2023年推进…`, `2024年工作安排` of a 2023 report).
fn clear_texts(section: &mut Table, year: i64) {
    placeholder(section, "text");
    placeholder(section, "text_after");
    placeholder_list(section, "points");
    if let Some(title) = section.get_mut("title")
        && let Some(text) = title.as_str()
    {
        let moved = years_moved_on(text, year);
        set(title, moved.into());
    }
    if let Some(children) = section
        .get_mut("sections")
        .and_then(Item::as_array_of_tables_mut)
    {
        for child in children.iter_mut() {
            clear_texts(child, year);
        }
    }
}

/// A list of texts that was given (last year's points, highlights) as one 待补充.
fn placeholder_list(table: &mut Table, key: &str) {
    if let Some(item) = table.get_mut(key)
        && item.as_array().is_some_and(|a| !a.is_empty())
    {
        let mut list = toml_edit::Array::new();
        list.push(PLACEHOLDER);
        set(item, Value::Array(list));
    }
}

/// `text` with the years that belong to a report of `year` moved on by one: `year` itself and
/// the year after it (its plans), each written as a year (`2023年`, `2023 年`). Other years
/// (`2019年以来`, a document's year) are left as they are.
pub fn years_moved_on(text: &str, year: i64) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        let digits = rest[start..]
            .find(|c: char| !c.is_ascii_digit())
            .map_or(rest.len() - start, |n| n);
        let number = &rest[start..start + digits];
        let after = &rest[start + digits..];
        out.push_str(&rest[..start]);
        match number.parse::<i64>() {
            Ok(n)
                if digits == 4
                    && (n == year || n == year + 1)
                    && after.trim_start_matches(' ').starts_with('年') =>
            {
                out.push_str(&(n + 1).to_string());
            }
            _ => out.push_str(number),
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_years_of_a_report_move_on_and_others_stay() {
        let moved = |t: &str| super::years_moved_on(t, 2023);
        assert_eq!(
            moved("某区关于2023年度法治政府建设情况的报告"),
            "某区关于2024年度法治政府建设情况的报告"
        );
        assert_eq!(
            moved("太安镇关于 2023 年法治政府建设工作的报告"),
            "太安镇关于 2024 年法治政府建设工作的报告"
        );
        assert_eq!(moved("2024年工作安排"), "2025年工作安排");
        assert_eq!(moved("2019年以来"), "2019年以来");
        assert_eq!(moved("〔2023〕6号"), "〔2023〕6号");
        assert_eq!(moved("20230年、12023年、2023"), "20230年、12023年、2023");
        assert_eq!(moved("上年工作安排落实情况"), "上年工作安排落实情况");
    }

    #[test]
    fn there_is_a_skeleton_for_every_data_file() {
        let names: Vec<&str> = super::SKELETONS.iter().map(|(n, _, _)| *n).collect();
        let data: Vec<&str> = crate::model::data_file_names().collect();
        assert_eq!(names, data);
    }
}
