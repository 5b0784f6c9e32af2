//! Text → spanned TOML → typed model, collecting every problem on the way.
//!
//! For each file of a report folder: read the bytes (refusing huge and binary files), decode
//! them ([`crate::source`]), parse with `toml`'s recoverable parser so that *every* syntax error
//! is reported, then deserialise through `serde_ignored` so that every unknown key is reported
//! too (with a "did you mean" from the JSON Schema of the model), not just the first. The
//! spanned document is kept as a [`SpanIndex`] so later stages can point at any key or value.
//!
//! This module must not panic on any input, and must not decide what is valid beyond the
//! file format: rules about meaning belong to `validate`.

use crate::codes::Code;
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Diagnostic, Text};
use crate::files::{self, ReadError};
use crate::model::{self, Report};
use crate::source::{self, DecodeError, Encoding, SourceFile};

/// The name of the file that makes a folder a report folder.
pub const REPORT_FILE: &str = model::DATA_FILES[0].name;

/// One step of a path into a TOML document: a key or an array index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    /// A table key.
    Key(String),
    /// An array index.
    Index(usize),
}

/// A path into a TOML document, written `sections[0].title`.
pub type KeyPath = Vec<Segment>;

/// Formats a key path the way messages show it: `sections[0].sections[2].title`.
pub fn display_path(path: &[Segment]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Segment::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Segment::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// Where each key and value of one file is: the key's span and the value's span.
///
/// The string values (which every text rule reads) are collected when the file is loaded; the
/// full map of keys is only made when a diagnostic needs a place — by parsing the text again —
/// so that a clean file costs no more than its parse.
#[derive(Debug, Clone, Default)]
pub struct SpanIndex {
    source: Option<Arc<SourceFile>>,
    entries: std::sync::OnceLock<Entries>,
    strings: Vec<StringValue>,
}

/// A string value of a data file, as the text rules read it. Its full key path is found from
/// its span ([`SpanIndex::path_of_value`]) only when a rule has something to say.
#[derive(Debug, Clone)]
pub struct StringValue {
    /// The span of the value, quotes included.
    pub span: Range<usize>,
    /// The text when the file does not hold it verbatim (it has escape sequences).
    decoded: Option<String>,
    /// Where the text is in the file, when the file holds it verbatim (most strings): the text
    /// is then read from the file, not copied.
    verbatim: Option<Range<usize>>,
    /// What kind of text it is, from its keys.
    pub kind: TextKind,
}

impl StringValue {
    /// The text of the value; `file_text` is the text of the file it is in.
    pub fn text<'a>(&'a self, file_text: &'a str) -> &'a str {
        match (&self.verbatim, &self.decoded) {
            (Some(range), _) => file_text.get(range.clone()).unwrap_or(""),
            (None, Some(decoded)) => decoded,
            (None, None) => "",
        }
    }
}

/// What a string value is, as far as the text rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// A name or code (`id`, `kind`, `block`, `doc_no` …): not prose.
    Code,
    /// The title of a section, problem or plan: prose that must not carry a number.
    OutlineTitle,
    /// Any other text.
    Prose,
}

/// Keys whose strings are names or codes, not prose.
const NOT_PROSE: &[&str] = &[
    "id", "kind", "block", "heading", "doc_no", "parts", "value", "only",
];

impl TextKind {
    fn of(first_key: &str, last_key: &str) -> TextKind {
        if NOT_PROSE.contains(&last_key) {
            TextKind::Code
        } else if last_key == "title" && ["sections", "problems", "plans"].contains(&first_key) {
            TextKind::OutlineTitle
        } else {
            TextKind::Prose
        }
    }
}

impl SpanIndex {
    fn build(root: &DeTable<'_>, source: &Arc<SourceFile>) -> Self {
        let mut index = SpanIndex {
            source: Some(Arc::clone(source)),
            ..SpanIndex::default()
        };
        collect_strings(root, &source.text, None, &mut index.strings);
        index
    }

    fn entries(&self) -> &Entries {
        self.entries.get_or_init(|| {
            let mut entries = HashMap::new();
            if let Some(source) = &self.source {
                let (table, _) = DeTable::parse_recoverable(&source.text);
                walk_table(table.get_ref(), &mut Vec::new(), &mut entries);
            }
            entries
        })
    }

    /// The span of a key (for arrays of tables: the item's table).
    pub fn key(&self, path: &[Segment]) -> Option<Range<usize>> {
        self.entries().get(path).map(|(k, _)| k.clone())
    }

    /// The span of a value.
    pub fn value(&self, path: &[Segment]) -> Option<Range<usize>> {
        self.entries().get(path).map(|(_, v)| v.clone())
    }

    /// Every string value in the file, in order.
    pub fn strings(&self) -> &[StringValue] {
        &self.strings
    }

    /// The longest path whose value has exactly this span.
    pub fn path_of_value(&self, span: &Range<usize>) -> Option<KeyPath> {
        self.entries()
            .iter()
            .filter(|(_, (_, v))| v == span)
            .map(|(p, _)| p)
            .max_by_key(|p| (p.len(), display_path(p)))
            .cloned()
    }

    /// The span of the nearest ancestor of `path` that is in the file (a path that names a
    /// missing key points at its table).
    pub fn nearest(&self, path: &[Segment]) -> Option<Range<usize>> {
        (0..=path.len()).rev().find_map(|n| self.key(&path[..n]))
    }
}

type Entries = HashMap<KeyPath, (Range<usize>, Range<usize>)>;

fn walk_table(table: &DeTable<'_>, path: &mut KeyPath, entries: &mut Entries) {
    for (key, value) in table.iter() {
        path.push(Segment::Key(key.get_ref().to_string()));
        entries.insert(path.clone(), (key.span(), value.span()));
        walk_value(value, path, entries);
        path.pop();
    }
}

fn walk_value(value: &Spanned<DeValue<'_>>, path: &mut KeyPath, entries: &mut Entries) {
    match value.get_ref() {
        DeValue::Table(t) => walk_table(t, path, entries),
        DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Segment::Index(i));
                entries.insert(path.clone(), (item.span(), item.span()));
                walk_value(item, path, entries);
                path.pop();
            }
        }
        _ => {}
    }
}

fn collect_strings(
    table: &DeTable<'_>,
    file_text: &str,
    first: Option<&str>,
    out: &mut Vec<StringValue>,
) {
    fn value(
        v: &Spanned<DeValue<'_>>,
        file_text: &str,
        first: &str,
        last: &str,
        out: &mut Vec<StringValue>,
    ) {
        match v.get_ref() {
            DeValue::Table(t) => collect_strings(t, file_text, Some(first), out),
            DeValue::String(text) => {
                let span = v.span();
                // A string the parser borrowed is the file's own text: where it is needs no
                // comparison. One it had to decode (escapes) may still match the file.
                let verbatim = match text {
                    Cow::Borrowed(borrowed) => offset_in(file_text, borrowed),
                    Cow::Owned(_) => None,
                }
                .or_else(|| verbatim_start(file_text, &span, text))
                .map(|s| s..s + text.len());
                out.push(StringValue {
                    decoded: verbatim.is_none().then(|| text.to_string()),
                    verbatim,
                    span,
                    kind: TextKind::of(first, last),
                })
            }
            DeValue::Array(items) => {
                for item in items.iter() {
                    value(item, file_text, first, last, out);
                }
            }
            _ => {}
        }
    }
    for (key, v) in table.iter() {
        let key = key.get_ref().as_ref();
        value(v, file_text, first.unwrap_or(key), key, out);
    }
}

/// Where `part` starts in `whole`, when it is a slice of it.
fn offset_in(whole: &str, part: &str) -> Option<usize> {
    let start = (part.as_ptr() as usize).checked_sub(whole.as_ptr() as usize)?;
    (start + part.len() <= whole.len()).then_some(start)
}

/// Where the content of a string value starts in the file: after its opening quotes, and
/// after the line end that TOML drops right after `"""` or `'''`.
pub fn content_start(file_text: &str, span: &Range<usize>) -> usize {
    let raw = file_text.get(span.clone()).unwrap_or("");
    if !(raw.starts_with("\"\"\"") || raw.starts_with("'''")) {
        return span.start + 1;
    }
    let start = span.start + 3;
    let rest = &file_text[start..];
    if rest.starts_with("\r\n") {
        start + 2
    } else if rest.starts_with('\n') {
        start + 1
    } else {
        start
    }
}

/// Where the text of a string value starts in the file, when the file holds it verbatim (no
/// escape sequences), so that a byte offset in the value is `start + offset` in the file.
pub fn verbatim_start(file_text: &str, span: &Range<usize>, value: &str) -> Option<usize> {
    let start = content_start(file_text, span);
    file_text
        .get(start..start + value.len())
        .filter(|t| *t == value)
        .map(|_| start)
}

/// One data file, loaded: its text and where everything in it is.
#[derive(Debug, Clone)]
pub struct LoadedFile {
    /// The decoded file.
    pub source: Arc<SourceFile>,
    /// Key and value spans.
    pub spans: SpanIndex,
}

/// The outcome of loading one report folder.
#[derive(Debug)]
pub struct Loaded {
    /// The report folder.
    pub dir: PathBuf,
    /// The typed report, when every file could be read into the model.
    pub report: Option<Report>,
    /// The files read, by name (`report.toml`, `outreach.toml` …).
    pub files: Vec<(&'static str, LoadedFile)>,
    /// Every problem found.
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    /// The loaded file of the given name.
    pub fn file(&self, name: &str) -> Option<&LoadedFile> {
        self.files.iter().find(|(n, _)| *n == name).map(|(_, f)| f)
    }
}

/// What a walk over a tree of report folders found.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Every report folder (one holding `report.toml`), sorted.
    pub reports: Vec<PathBuf>,
    /// Every `templates/` folder met on the way (in the folders walked), so finding a
    /// report's template folders needs no further look at the disk.
    pub template_folders: BTreeSet<PathBuf>,
    /// Folders below the root that could not be searched, with why: reported, and the walk
    /// goes on with the others.
    pub unreadable: Vec<(PathBuf, Unsearched)>,
}

/// Why a folder was not searched.
#[derive(Debug)]
pub enum Unsearched {
    /// It could not be listed (permissions, a path too long …).
    Io(std::io::Error),
    /// It is deeper below the PATH than [`MAX_DEPTH`] folders.
    TooDeep,
}

/// Finds every report folder at or below `root`, sorted, so builds are deterministic.
/// Hidden folders, `templates/` folders and symbolic links to folders are not entered.
/// Subfolders are walked in parallel (a province is thousands of folders).
pub fn discover(root: &Path) -> std::io::Result<Discovered> {
    let meta = fs::metadata(root)?;
    if !meta.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("{} is not a folder", root.display()),
        ));
    }
    let listing = fs::read_dir(root)?;
    let mut found = walk(root, listing, 0);
    found.reports.sort();
    found.unreadable.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(found)
}

/// Folders deeper than this below a PATH are reported, not searched.
pub const MAX_DEPTH: usize = 32;

fn walk(dir: &Path, listing: fs::ReadDir, depth: usize) -> Discovered {
    // One listing of the folder says whether it holds a report.toml, whether it has
    // templates and which subfolders to enter (entry types come with the listing).
    let mut found = Discovered::default();
    let mut children: Vec<PathBuf> = Vec::new();
    for entry in listing.filter_map(Result::ok) {
        let name = entry.file_name();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        // A symbolic link counts for what it leads to, except that linked folders are not
        // entered (they could loop).
        let leads_to = |is: fn(&Path) -> bool| kind.is_symlink() && is(&entry.path());
        if name == REPORT_FILE {
            // Whatever it is (a file, a link, a FIFO, even a folder), the folder is a report
            // folder: reading it then says what is wrong, rather than the unit going missing.
            found.reports.push(dir.to_path_buf());
        } else if name == "templates" {
            if kind.is_dir() || leads_to(Path::is_dir) {
                found.template_folders.insert(entry.path());
            }
        } else if kind.is_dir() && !name.as_encoded_bytes().starts_with(b".") {
            // Names need not be UTF-8 (a GBK name from a zip made on Windows is a folder too).
            if depth < MAX_DEPTH {
                children.push(entry.path());
            } else {
                found.unreadable.push((entry.path(), Unsearched::TooDeep));
            }
        }
    }
    let enter = |child: &PathBuf| match fs::read_dir(child) {
        Ok(listing) => walk(child, listing, depth + 1),
        Err(e) => Discovered {
            unreadable: vec![(child.clone(), Unsearched::Io(e))],
            ..Discovered::default()
        },
    };
    let below: Vec<Discovered> = if children.len() > 1 {
        children.par_iter().map(enter).collect()
    } else {
        children.iter().map(enter).collect()
    };
    for sub in below {
        found.reports.extend(sub.reports);
        found.template_folders.extend(sub.template_folders);
        found.unreadable.extend(sub.unreadable);
    }
    found
}

/// Last year's report of the same unit: the folder `report.toml` names in `previous`, or the
/// folder beside this one named by the year before (`data/taian/2020` beside
/// `data/taian/2021`) when it holds a report of that year for a unit of the same name.
/// Returns `None` when there is none or it does not load cleanly.
/// Like every file, it is read only inside `within` (the tree being built).
pub fn previous_report(report: &Report, within: &Path) -> Option<Report> {
    let r = &report.report;
    // `.` and `..` have no name to find the folder beside them by: resolved first.
    let here = match report.dir.file_name() {
        Some(_) => report.dir.clone(),
        None => report.dir.canonicalize().ok()?,
    };
    let dir = match &r.previous {
        Some(rel) => here.join(rel),
        None => here.parent()?.join((r.year.checked_sub(1)?).to_string()),
    };
    if !dir.join(REPORT_FILE).is_file() || !files::inside(&dir, within) {
        return None;
    }
    let loaded = load_within(&dir, within);
    let prev = loaded.report?;
    let same_unit = prev.report.unit.name == r.unit.name;
    let year_before = prev.report.year + 1 == r.year;
    (same_unit && year_before && !crate::diagnostic::has_errors(&loaded.diagnostics))
        .then_some(prev)
}

/// Loads one report folder: `report.toml` (required) and the topic files beside it. Files
/// are read only inside the folder itself (see [`load_within`]).
pub fn load(dir: &Path) -> Loaded {
    load_within(dir, dir)
}

/// Loads one report folder whose files may be links leading anywhere inside `within` (the
/// PATH the folder was found under), but not outside it.
pub fn load_within(dir: &Path, within: &Path) -> Loaded {
    let mut loaded = Loaded {
        dir: dir.to_path_buf(),
        report: None,
        files: Vec::new(),
        diagnostics: Vec::new(),
    };
    let report = load_file::<model::ReportFile>(&mut loaded, within, REPORT_FILE, true);
    let leadership = load_file(&mut loaded, within, "leadership.toml", false);
    let legal_aid = load_file(&mut loaded, within, "legal_aid.toml", false);
    let outreach = load_file(&mut loaded, within, "outreach.toml", false);
    let study = load_file(&mut loaded, within, "study.toml", false);
    let statistics = load_file(&mut loaded, within, "statistics.toml", false);
    let problems = load_file(&mut loaded, within, "problems.toml", false);
    let plans = load_file(&mut loaded, within, "plans.toml", false);
    if let (
        Some(Some(report)),
        Some(leadership),
        Some(legal_aid),
        Some(outreach),
        Some(study),
        Some(statistics),
        Some(problems),
        Some(plans),
    ) = (
        report, leadership, legal_aid, outreach, study, statistics, problems, plans,
    ) {
        loaded.report = Some(Report {
            dir: dir.to_path_buf(),
            report,
            leadership: leadership.unwrap_or_default(),
            legal_aid: legal_aid.unwrap_or_default(),
            outreach: outreach.unwrap_or_default(),
            study: study.unwrap_or_default(),
            statistics: statistics.unwrap_or_default(),
            problems: problems.unwrap_or_default(),
            plans: plans.unwrap_or_default(),
            previous: None,
        });
    }
    loaded
}

/// Loads one file. Returns `None` when the file exists but could not be read into the model
/// (the problems are in `loaded.diagnostics`), `Some(None)` when an optional file is absent.
fn load_file<T: DeserializeOwned + JsonSchema>(
    loaded: &mut Loaded,
    within: &Path,
    name: &'static str,
    required: bool,
) -> Option<Option<T>> {
    let path = loaded.dir.join(name);
    let diags = &mut loaded.diagnostics;
    let bytes = match files::read(&path, within) {
        Ok(bytes) => bytes,
        Err(ReadError::Missing) if required => {
            diags.push(no_report_file(&loaded.dir));
            return None;
        }
        Err(ReadError::Missing) => return Some(None),
        Err(e) => {
            diags.push(read_error(&e, within).at_path(&path));
            return None;
        }
    };
    let (text, encoding) = match source::decode(&bytes) {
        Ok(decoded) => decoded,
        Err(e) => {
            diags.push(decode_error(e).at_path(&path));
            return None;
        }
    };
    let source = Arc::new(SourceFile::decoded(&path, text, encoding));
    if encoding == Encoding::Gb18030 {
        diags.push(
            Diagnostic::new(
                Code::W0003,
                Text::new(
                    format!("{name} is saved as GB18030/GBK; it was read, but UTF-8 is expected"),
                    format!("{name} 以 GB18030/GBK 编码保存；已读取，但应使用 UTF-8"),
                ),
            )
            .in_file(&source)
            .with_hint(Text::new(
                "save it as UTF-8 (Notepad: Save As → Encoding: UTF-8; WPS: 另存为 → 编码 UTF-8), or run `iconv -f GB18030 -t UTF-8`",
                "请另存为 UTF-8 编码（记事本：另存为 → 编码选 UTF-8；WPS：另存为 → 编码 UTF-8），或运行 `iconv -f GB18030 -t UTF-8`",
            )),
        );
    }
    if source.text.trim().is_empty() && required {
        diags.push(
            Diagnostic::new(
                Code::E0004,
                Text::new(format!("{name} is empty"), format!("{name} 是空文件")),
            )
            .in_file(&source),
        );
        return None;
    }
    let (table, errors) = DeTable::parse_recoverable(&source.text);
    if !errors.is_empty() {
        for err in errors {
            diags.push(syntax_error(&source, &err));
        }
        loaded.files.push((
            name,
            LoadedFile {
                source,
                spans: SpanIndex::default(),
            },
        ));
        return None;
    }
    let spans = SpanIndex::build(table.get_ref(), &source);
    let (value, unknown, type_errors) = deserialize_all::<T>(table, &source.text, &spans);
    // The schema is only needed to suggest keys: made when there is an unknown one.
    let schema = if unknown.is_empty() {
        serde_json::Value::Null
    } else {
        serde_json::to_value(schemars::schema_for!(T)).unwrap_or_default()
    };
    for path in &unknown {
        diags.push(unknown_key(&source, &spans, &schema, path));
    }
    for err in &type_errors {
        diags.push(type_error(&source, err));
    }
    let ok = value.is_some() && unknown.is_empty();
    loaded.files.push((name, LoadedFile { source, spans }));
    ok.then_some(value)
}

/// Deserialises a document, reporting every type error rather than the first: after an
/// error, the offending value is taken out and the document deserialised again (at most
/// [`MAX_TYPE_ERRORS`] times). A "missing field" caused by such a removal is not reported.
fn deserialize_all<T: DeserializeOwned>(
    table: Spanned<DeTable<'_>>,
    text: &str,
    spans: &SpanIndex,
) -> (Option<T>, Vec<KeyPath>, Vec<toml::de::Error>) {
    // The first attempt takes the table as it is; only after an error is a fresh copy parsed
    // to take values out of (errors are rare, copies are not free).
    let mut unknown = Vec::new();
    let first: Result<T, _> =
        serde_ignored::deserialize(toml::de::Deserializer::from(table), |path| {
            unknown.push(to_key_path(&path))
        });
    if let Ok(value) = first {
        return (Some(value), unknown, Vec::new());
    }
    let (mut table, _) = DeTable::parse_recoverable(text);
    let mut removed: Vec<KeyPath> = Vec::new();
    let mut errors = Vec::new();
    for _ in 0..MAX_TYPE_ERRORS {
        let mut unknown = Vec::new();
        let result: Result<T, _> =
            serde_ignored::deserialize(toml::de::Deserializer::from(table.clone()), |path| {
                unknown.push(to_key_path(&path))
            });
        let err = match result {
            Ok(value) if errors.is_empty() => return (Some(value), unknown, errors),
            Ok(_) => return (None, unknown, errors),
            Err(err) => err,
        };
        let caused_by_removal = err
            .message()
            .strip_prefix("missing field `")
            .and_then(|rest| rest.split('`').next())
            .is_some_and(|field| {
                removed
                    .iter()
                    .any(|p| p.last() == Some(&Segment::Key(field.to_string())))
            });
        let target = err.span().and_then(|span| spans.path_of_value(&span));
        if !caused_by_removal {
            errors.push(err);
        }
        let Some(mut path) = target else {
            return (None, unknown, errors);
        };
        // Arrays cannot lose an item in place: take the whole array out.
        while matches!(path.last(), Some(Segment::Index(_))) {
            path.pop();
        }
        if path.is_empty() || !remove_path(table.get_mut(), &path) {
            return (None, unknown, errors);
        }
        removed.push(path);
    }
    (None, Vec::new(), errors)
}

/// At most this many type errors are reported per file.
const MAX_TYPE_ERRORS: usize = 64;

fn remove_path(table: &mut DeTable<'_>, path: &[Segment]) -> bool {
    let Some((Segment::Key(last), parents)) = path.split_last() else {
        return false;
    };
    let mut current = table;
    let mut i = 0;
    while i < parents.len() {
        let Segment::Key(k) = &parents[i] else {
            return false;
        };
        current = match current.get_mut(k.as_str()).map(|v| v.get_mut()) {
            Some(DeValue::Table(t)) => t,
            Some(DeValue::Array(items)) => {
                // A key inside an array of tables: the next segment says which item.
                let Some(Segment::Index(n)) = parents.get(i + 1) else {
                    return false;
                };
                i += 1;
                match items.get_mut(*n).map(|v| v.get_mut()) {
                    Some(DeValue::Table(t)) => t,
                    _ => return false,
                }
            }
            _ => return false,
        };
        i += 1;
    }
    current.remove(last.as_str()).is_some()
}

/// A folder without `report.toml` (the one required file: it makes a folder a report folder).
fn no_report_file(dir: &Path) -> Diagnostic {
    Diagnostic::new(
        Code::E0001,
        Text::new(
            format!("no {REPORT_FILE} in {}", dir.display()),
            format!("{} 中没有 {REPORT_FILE}", dir.display()),
        ),
    )
    .at_path(dir)
    .with_hint(Text::new(
        "a report folder needs report.toml; `report init DIR` creates one",
        "报告文件夹须有 report.toml；可用 `report init 文件夹` 新建",
    ))
}

/// The diagnostic for a file that could not be read (not for a missing one).
pub fn read_error(e: &ReadError, within: &Path) -> Diagnostic {
    match e {
        ReadError::Outside(target) => {
            let to = target
                .as_ref()
                .map(|t| t.display().to_string())
                .unwrap_or_default();
            Diagnostic::new(
                Code::E0007,
                Text::new(
                    format!(
                        "a link that leads outside {} ({}); it was not read",
                        within.display(),
                        if to.is_empty() { "to nothing" } else { &to },
                    ),
                    format!(
                        "链接指向 {} 之外（{}），未读取",
                        within.display(),
                        if to.is_empty() { "目标不存在" } else { &to },
                    ),
                ),
            )
            .with_hint(Text::new(
                "copy the file into the folder instead of linking to it, or build from a folder that holds both",
                "请把文件复制到报告文件夹中而不是链接，或从同时包含两者的上级文件夹生成",
            ))
        }
        ReadError::NotRegular => Diagnostic::new(
            Code::E0002,
            Text::new(
                "cannot read: not a regular file (a folder, a pipe or a device)",
                "无法读取：不是普通文件（是文件夹、管道或设备）",
            ),
        ),
        ReadError::TooLarge => Diagnostic::new(
            Code::E0005,
            Text::new(
                format!("file is larger than {} MiB", files::MAX_FILE_BYTES >> 20),
                format!("文件超过 {} MiB", files::MAX_FILE_BYTES >> 20),
            ),
        )
        .with_hint(Text::new(
            "a year's data is a few kilobytes; is this the right file?",
            "一年的数据只有几 KB，请确认文件是否正确",
        )),
        ReadError::Missing => Diagnostic::new(
            Code::E0002,
            Text::new("cannot read: no such file", "无法读取：文件不存在"),
        ),
        ReadError::Io(e) => {
            let said = crate::diagnostic::io_error_text(e);
            Diagnostic::new(
                Code::E0002,
                Text::new(
                    format!("cannot read: {}", said.en),
                    format!("无法读取：{}", said.zh),
                ),
            )
        }
    }
}

/// The diagnostic for bytes that are not text in a known encoding.
pub fn decode_error(e: DecodeError) -> Diagnostic {
    match e {
        DecodeError::Binary => Diagnostic::new(
            Code::E0003,
            Text::new(
                "not a text file (it holds binary data)",
                "不是文本文件（含有二进制数据）",
            ),
        ),
        DecodeError::Unknown => Diagnostic::new(
            Code::E0003,
            Text::new(
                "the file is neither UTF-8 nor GB18030 text",
                "文件既不是 UTF-8 也不是 GB18030 编码的文本",
            ),
        ),
        DecodeError::Other(name) => Diagnostic::new(
            Code::E0003,
            Text::new(
                format!("the file looks like {name} text; only UTF-8 and GB18030/GBK are read"),
                format!("文件似为 {name} 编码；只读取 UTF-8 和 GB18030/GBK 编码"),
            ),
        ),
    }
    .with_hint(Text::new(
        "save the file as UTF-8 text",
        "请将文件另存为 UTF-8 文本",
    ))
}

fn syntax_error(source: &Arc<SourceFile>, err: &toml::de::Error) -> Diagnostic {
    let message = first_line(err.message());
    let (zh, hint) = if message.contains("duplicate key") {
        (
            "重复的键".to_string(),
            Text::new(
                "this key is already set above in the same table: keep one",
                "同一表中前面已有这个键，请只保留一个",
            ),
        )
    } else if message.contains("recurs") {
        (
            "嵌套层数过多".to_string(),
            Text::new(
                "values nested this deep are not report data; is this the right file?",
                "嵌套如此之深的值不是报告数据，请确认文件是否正确",
            ),
        )
    } else {
        (
            message.clone(),
            Text::new(
                "strings need double quotes, keys are written `key = value`, tables `[name]`",
                "字符串须用英文双引号括起，键值写作 `键 = 值`，表写作 `[名称]`",
            ),
        )
    };
    let diag = Diagnostic::new(
        Code::E0101,
        Text::new(
            format!("TOML syntax: {message}"),
            format!("TOML 语法错误：{zh}"),
        ),
    )
    .with_hint(hint);
    match err.span() {
        Some(span) => diag.at(source, span),
        None => diag.in_file(source),
    }
}

fn type_error(source: &Arc<SourceFile>, err: &toml::de::Error) -> Diagnostic {
    let raw = first_line(err.message());
    let (code, message, hint) = describe_serde_error(&raw);
    let diag = Diagnostic::new(code, message).with_hint(hint);
    match err.span() {
        Some(span) => diag.at(source, span),
        None => diag.in_file(source),
    }
}

/// Says serde's messages in the report's terms, in both languages.
fn describe_serde_error(raw: &str) -> (Code, Text, Text) {
    let type_hint = || {
        Text::new(
            "counts are bare integers (15, not \"15\"), dates bare dates (2021-01-10), text in double quotes",
            "数量写整数（15，不加引号），日期写 2021-01-10（不加引号），文字用英文双引号括起",
        )
    };
    let friendly = |expected: &str| -> (String, String) {
        match expected {
            "u8" | "u16" | "u32" | "u64" | "usize" => {
                ("a whole number ≥ 0".into(), "不小于 0 的整数".into())
            }
            "i64" => ("a whole number".into(), "整数".into()),
            "a boolean" => ("true or false".into(), "true 或 false".into()),
            "a string" => (
                "text in double quotes".into(),
                "用英文双引号括起的文字".into(),
            ),
            "a sequence" => ("a list [ … ]".into(), "列表 [ … ]".into()),
            other if other.starts_with("a number") => (
                "a number (15 or 98.5, without quotes)".into(),
                "数字（如 15 或 98.5，不加引号）".into(),
            ),
            other => (other.to_string(), other.to_string()),
        }
    };
    let found_zh = |found: &str| {
        found
            .replacen("string ", "字符串 ", 1)
            .replacen("integer ", "整数 ", 1)
            .replacen("floating point ", "小数 ", 1)
            .replacen("boolean ", "布尔值 ", 1)
    };
    if let Some(field) = raw
        .strip_prefix("missing field `")
        .and_then(|r| r.split('`').next())
    {
        return (
            Code::E0103,
            Text::new(
                format!("missing field `{field}`"),
                format!("缺少必填字段 `{field}`"),
            ),
            Text::new(
                format!("add `{field} = …` here; `report check --explain E0103` shows an example"),
                format!("请在此处补上 `{field} = …`；`report check --explain E0103` 有示例"),
            ),
        );
    }
    if let Some(rest) = raw.strip_prefix("unknown variant `") {
        let mut parts = rest.splitn(2, "`, expected ");
        let found = parts.next().unwrap_or("");
        let expected = parts.next().unwrap_or("");
        let options: Vec<&str> = expected
            .trim_start_matches("one of ")
            .split(", ")
            .map(|o| o.trim_matches('`'))
            .filter(|o| !o.is_empty())
            .collect();
        let hint = match crate::suggest::closest(found, options.iter().copied()) {
            Some(s) => Text::new(format!("did you mean `{s}`?"), format!("是否应为 `{s}`？")),
            None => Text::new(
                format!("one of: {}", options.join(", ")),
                format!("可选值：{}", options.join("、")),
            ),
        };
        return (
            Code::E0102,
            Text::new(
                format!("`{found}` is not one of the allowed values"),
                format!("`{found}` 不是允许的取值"),
            ),
            hint,
        );
    }
    if let Some(rest) = raw.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        let (en, zh) = friendly(expected);
        return (
            Code::E0102,
            Text::new(
                format!("wrong type: expected {en}, found {found}"),
                format!("类型不符：应为{zh}，实为{}", found_zh(found)),
            ),
            type_hint(),
        );
    }
    if let Some(rest) = raw.strip_prefix("invalid value: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        let (en, zh) = friendly(expected);
        return (
            Code::E0102,
            Text::new(
                format!("invalid value {found}: expected {en}"),
                format!("取值无效：{}，应为{zh}", found_zh(found)),
            ),
            if found.contains('-') {
                Text::new("counts are 0 or more", "数量须不小于 0")
            } else {
                type_hint()
            },
        );
    }
    (
        Code::E0102,
        Text::new(raw.to_string(), format!("数据不符合要求：{raw}")),
        type_hint(),
    )
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or("").trim().to_string()
}

fn to_key_path(path: &serde_ignored::Path<'_>) -> KeyPath {
    let mut out = Vec::new();
    fn go(path: &serde_ignored::Path<'_>, out: &mut KeyPath) {
        use serde_ignored::Path as P;
        match path {
            P::Root => {}
            P::Seq { parent, index } => {
                go(parent, out);
                out.push(Segment::Index(*index));
            }
            P::Map { parent, key } => {
                go(parent, out);
                out.push(Segment::Key(key.clone()));
            }
            P::Some { parent } | P::NewtypeStruct { parent } | P::NewtypeVariant { parent } => {
                go(parent, out)
            }
        }
    }
    go(path, &mut out);
    out
}

fn unknown_key(
    source: &Arc<SourceFile>,
    spans: &SpanIndex,
    schema: &serde_json::Value,
    path: &KeyPath,
) -> Diagnostic {
    let key = match path.last() {
        Some(Segment::Key(k)) => k.clone(),
        _ => display_path(path),
    };
    let known = known_keys(schema, &path[..path.len().saturating_sub(1)]);
    let suggestion = crate::suggest::closest(&key, known.iter().map(String::as_str));
    let hint = match suggestion {
        Some(s) => Text::new(format!("did you mean `{s}`?"), format!("是否应为 `{s}`？")),
        None if known.is_empty() => Text::new("remove this key", "请删除此键"),
        None => Text::new(
            format!("known keys here: {}", known.join(", ")),
            format!("此处可用的键：{}", known.join("、")),
        ),
    };
    let diag = Diagnostic::new(
        Code::E0104,
        Text::new(
            format!("unknown key `{}`", display_path(path)),
            format!("未知的键 `{}`", display_path(path)),
        ),
    )
    .with_hint(hint);
    match spans.nearest(path) {
        Some(span) => diag.at(source, span),
        None => diag.in_file(source),
    }
}

/// The keys the schema allows in the table at `path`.
pub fn known_keys(schema: &serde_json::Value, path: &[Segment]) -> Vec<String> {
    let mut node = crate::schema::resolve(schema, schema);
    for seg in path {
        node = match seg {
            Segment::Index(_) => node.get("items").map(|n| crate::schema::resolve(schema, n)),
            Segment::Key(k) => node
                .get("properties")
                .and_then(|p| p.get(k))
                .or_else(|| node.get("additionalProperties"))
                .map(|n| crate::schema::resolve(schema, n)),
        }
        .unwrap_or(&serde_json::Value::Null);
    }
    node.get("properties")
        .and_then(|p| p.as_object())
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_data_file_is_loaded_in_registry_order() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/justice-bureau/2023");
        let loaded = super::load(&dir);
        let names: Vec<&str> = loaded.files.iter().map(|(n, _)| *n).collect();
        let data: Vec<&str> = crate::model::data_file_names().collect();
        assert_eq!(names, data, "{:?}", loaded.diagnostics);
    }
}
