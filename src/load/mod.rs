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

mod problems;
mod slips;
mod spans;

use crate::model::FileId;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

pub use self::problems::{decode_error, known_keys, path_label, read_error};
use self::problems::{
    empty_file, no_report_file, saved_as_gb18030, syntax_error, type_error, unknown_key,
};
pub use self::spans::{
    KeyPath, Segment, SpanIndex, StringValue, TextKind, content_start, display_path, verbatim_start,
};
use crate::diagnostic::Diagnostic;
use crate::files::{self, ReadError};
use crate::model::{self, Report};
use crate::source::{self, Encoding, SourceFile};

/// The name of the file that makes a folder a report folder.
pub const REPORT_FILE: &str = model::DATA_FILES[0].name;

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
    /// Topic files that could not be read into the model at all (unreadable, not text, or
    /// not TOML): the report is checked with them empty, and their data is not named.
    pub failed: Vec<&'static str>,
    /// Files read with some values taken out (they had the wrong type): what follows from a
    /// value's absence is not reported again.
    pub partial: Vec<&'static str>,
}

impl Loaded {
    /// The loaded file of the given name.
    pub fn file(&self, name: &str) -> Option<&LoadedFile> {
        self.files.iter().find(|(n, _)| *n == name).map(|(_, f)| f)
    }
}

/// Loads one report folder: `report.toml` (required) and the topic files beside it. Files
/// are read only inside the folder itself (see [`load_within`]).
pub fn load(dir: &Path) -> Loaded {
    load_within(dir, dir)
}

/// A topic file that cannot be read at all is taken as empty (and noted), so that every
/// other file is still checked in the same run.
fn topic<T: DeserializeOwned + JsonSchema + Default>(
    loaded: &mut Loaded,
    within: &Path,
    name: &'static str,
) -> T {
    match load_file(loaded, within, name, false) {
        Some(value) => value.unwrap_or_default(),
        None => {
            loaded.failed.push(name);
            T::default()
        }
    }
}

/// Loads one report folder whose files may be links leading anywhere inside `within` (the
/// PATH the folder was found under), but not outside it.
pub fn load_within(dir: &Path, within: &Path) -> Loaded {
    let mut loaded = Loaded {
        dir: dir.to_path_buf(),
        report: None,
        files: Vec::new(),
        diagnostics: Vec::new(),
        failed: Vec::new(),
        partial: Vec::new(),
    };
    let report = load_file::<model::ReportFile>(&mut loaded, within, REPORT_FILE, true);
    let leadership = topic(&mut loaded, within, FileId::Leadership.name());
    let legal_aid = topic(&mut loaded, within, FileId::LegalAid.name());
    let outreach = topic(&mut loaded, within, FileId::Outreach.name());
    let study = topic(&mut loaded, within, FileId::Study.name());
    let statistics = topic(&mut loaded, within, FileId::Statistics.name());
    let problems = topic(&mut loaded, within, FileId::Problems.name());
    let plans = topic(&mut loaded, within, FileId::Plans.name());
    let lists = topic(&mut loaded, within, FileId::Lists.name());
    if let Some(Some(report)) = report {
        loaded.report = Some(Report {
            dir: dir.to_path_buf(),
            report,
            leadership,
            legal_aid,
            outreach,
            study,
            statistics,
            problems,
            plans,
            lists,
            previous: None,
        });
    }
    loaded
}

/// The parser's syntax errors as diagnostics. One slip of the keyboard (`value　＝ 12`) can
/// stop the parser twice on its line: it is said once.
fn syntax_errors(source: &Arc<SourceFile>, errors: Vec<toml::de::Error>) -> Vec<Diagnostic> {
    let line_of = |d: &Diagnostic| {
        let span = d.location.as_ref()?.span.clone()?;
        Some(source.position(span.start).line)
    };
    let mut said: Vec<Diagnostic> = Vec::new();
    for err in errors {
        let diag = syntax_error(source, &err);
        if !said
            .iter()
            .any(|d| d.message == diag.message && line_of(d) == line_of(&diag))
        {
            said.push(diag);
        }
    }
    said
}

/// Reads the text file `path` of the tree `within`, the one way a data file is read: a
/// regular file inside the tree, within the size limit ([`files::read`]), decoded from UTF-8
/// or GB18030 ([`source::decode`]). `Ok(None)` when there is no such file; a problem is said at
/// the file.
pub fn read_text(
    path: &Path,
    within: &Path,
) -> Result<Option<(String, Encoding)>, Box<Diagnostic>> {
    let bytes = match files::read(path, within) {
        Ok(bytes) => bytes,
        Err(ReadError::Missing) => return Ok(None),
        Err(e) => return Err(Box::new(read_error(&e, within).at_path(path))),
    };
    source::decode(&bytes)
        .map(Some)
        .map_err(|e| Box::new(decode_error(e).at_path(path)))
}

/// What reading one data file gave.
enum Read {
    /// Its text.
    Found(Arc<SourceFile>),
    /// An optional file that is not there.
    Absent,
    /// A file that could not be read (the problem is in the diagnostics).
    Failed,
}

/// Reads and decodes one data file; a file saved as GB18030 is read with a warning, an empty
/// required file is refused.
fn read_source(loaded: &mut Loaded, within: &Path, name: &'static str, required: bool) -> Read {
    let path = loaded.dir.join(name);
    let diags = &mut loaded.diagnostics;
    let (text, encoding) = match read_text(&path, within) {
        Ok(Some(decoded)) => decoded,
        Ok(None) if required => {
            diags.push(no_report_file(&loaded.dir));
            return Read::Failed;
        }
        Ok(None) => return Read::Absent,
        Err(problem) => {
            diags.push(*problem);
            return Read::Failed;
        }
    };
    let source = Arc::new(SourceFile::decoded(&path, text, encoding));
    if encoding == Encoding::Gb18030 {
        diags.push(saved_as_gb18030(name, &source));
    }
    if source.text.trim().is_empty() && required {
        diags.push(empty_file(name, &source));
        return Read::Failed;
    }
    Read::Found(source)
}

/// Loads one file. Returns `None` when the file exists but could not be read into the model
/// (the problems are in `loaded.diagnostics`), `Some(None)` when an optional file is absent.
#[allow(clippy::option_option)]
fn load_file<T: DeserializeOwned + JsonSchema>(
    loaded: &mut Loaded,
    within: &Path,
    name: &'static str,
    required: bool,
) -> Option<Option<T>> {
    let source = match read_source(loaded, within, name, required) {
        Read::Found(source) => source,
        Read::Absent => return Some(None),
        Read::Failed => return None,
    };
    let diags = &mut loaded.diagnostics;
    let (table, errors) = DeTable::parse_recoverable(&source.text);
    if !errors.is_empty() {
        diags.extend(syntax_errors(&source, errors));
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
    if !type_errors.is_empty() {
        loaded.partial.push(name);
    }
    // What could be read is kept (the values in error taken out), so the rest of the file is
    // checked too; the errors above keep the report from being built.
    loaded.files.push((name, LoadedFile { source, spans }));
    value.map(Some)
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
            unknown.push(to_key_path(&path));
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
                unknown.push(to_key_path(&path));
            });
        let err = match result {
            Ok(value) => return (Some(value), unknown, errors),
            Err(err) => err,
        };
        let caused_by_removal = err
            .message()
            .strip_prefix("missing field `")
            .and_then(|rest| rest.split('`').next())
            .is_some_and(|field| {
                removed
                    .iter()
                    .any(|p| p.last() == Some(&Segment::Key(field.into())))
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
        current = match current.get_mut(&**k).map(toml::Spanned::get_mut) {
            Some(DeValue::Table(t)) => t,
            Some(DeValue::Array(items)) => {
                // A key inside an array of tables: the next segment says which item.
                let Some(Segment::Index(n)) = parents.get(i + 1) else {
                    return false;
                };
                i += 1;
                match items.get_mut(*n).map(toml::Spanned::get_mut) {
                    Some(DeValue::Table(t)) => t,
                    _ => return false,
                }
            }
            _ => return false,
        };
        i += 1;
    }
    current.remove(&**last).is_some()
}

fn to_key_path(path: &serde_ignored::Path<'_>) -> KeyPath {
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
                out.push(Segment::Key(key.as_str().into()));
            }
            P::Some { parent } | P::NewtypeStruct { parent } | P::NewtypeVariant { parent } => {
                go(parent, out);
            }
        }
    }
    let mut out = Vec::new();
    go(path, &mut out);
    out
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
