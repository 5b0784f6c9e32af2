//! Where every key and value of a data file is: the span index later stages point with.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::sync::Arc;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::source::SourceFile;

/// One step of a path into a TOML document: a key or an array index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    /// A table key (shared: a path is copied for every string under it).
    Key(std::sync::Arc<str>),
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
            Segment::Index(i) => {
                let _ = write!(out, "[{i}]");
            }
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

/// A string value of a data file, as the text rules read it, with its key path (kept as the
/// strings are collected: finding it again from the span meant parsing the file a second time).
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
    /// Where it is: its keys and, in arrays, its index.
    pub path: KeyPath,
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
    pub(super) fn build(root: &DeTable<'_>, source: &Arc<SourceFile>) -> Self {
        let mut index = SpanIndex {
            source: Some(Arc::clone(source)),
            ..SpanIndex::default()
        };
        collect_strings(root, &source.text, &mut Vec::new(), &mut index.strings);
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

    /// Whether the map of places has been made (the file parsed a second time for it).
    #[cfg(test)]
    pub fn places_made(&self) -> bool {
        self.entries.get().is_some()
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
    for (key, value) in table {
        path.push(Segment::Key(key.get_ref().as_ref().into()));
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
    path: &mut KeyPath,
    out: &mut Vec<StringValue>,
) {
    fn value(
        v: &Spanned<DeValue<'_>>,
        file_text: &str,
        path: &mut KeyPath,
        out: &mut Vec<StringValue>,
    ) {
        match v.get_ref() {
            DeValue::Table(t) => collect_strings(t, file_text, path, out),
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
                let keys = || {
                    path.iter().filter_map(|s| match s {
                        Segment::Key(k) => Some(&**k),
                        Segment::Index(_) => None,
                    })
                };
                let kind = TextKind::of(
                    keys().next().unwrap_or(""),
                    keys().next_back().unwrap_or(""),
                );
                out.push(StringValue {
                    decoded: verbatim.is_none().then(|| text.to_string()),
                    verbatim,
                    span,
                    kind,
                    path: path.clone(),
                });
            }
            DeValue::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    path.push(Segment::Index(i));
                    value(item, file_text, path, out);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    for (key, v) in table {
        path.push(Segment::Key(key.get_ref().as_ref().into()));
        value(v, file_text, path, out);
        path.pop();
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
