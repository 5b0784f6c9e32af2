//! Where templates come from: the built-in set embedded in the binary, overridden by name
//! from user folders.
//!
//! A user's folders are read whole, once, the first time a template is asked for (a
//! [`Snapshot`]): every template of a build comes from that one reading, and the build's
//! manifest hashes exactly those bytes, so a template saved while a build runs can never be
//! recorded as what the build used. A folder with more than [`MAX_TEMPLATE_FILES`] files or
//! [`MAX_TEMPLATE_BYTES`] bytes is refused whole, never read in part.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// At most this many files in a template folder (a folder holds a few).
pub const MAX_TEMPLATE_FILES: usize = 1_000;

/// At most this many bytes in a template folder, all files together.
pub const MAX_TEMPLATE_BYTES: u64 = 32 * 1024 * 1024;

/// How deep folders inside a template folder may go.
const MAX_TEMPLATE_DEPTH: usize = 16;

/// The built-in templates, embedded at compile time from `templates/`.
pub const BUILTIN: &[(&str, &str)] = &[
    ("report.md.j2", include_str!("../../templates/report.md.j2")),
    (
        "report.html.j2",
        include_str!("../../templates/report.html.j2"),
    ),
    ("style.css", include_str!("../../templates/style.css")),
    (
        "summary.md.j2",
        include_str!("../../templates/summary.md.j2"),
    ),
    (
        "summary.html.j2",
        include_str!("../../templates/summary.html.j2"),
    ),
    (
        "blocks/leading_group.md.j2",
        include_str!("../../templates/blocks/leading_group.md.j2"),
    ),
    (
        "blocks/duties.md.j2",
        include_str!("../../templates/blocks/duties.md.j2"),
    ),
    (
        "blocks/posts.md.j2",
        include_str!("../../templates/blocks/posts.md.j2"),
    ),
    (
        "blocks/outreach.md.j2",
        include_str!("../../templates/blocks/outreach.md.j2"),
    ),
    (
        "blocks/studied.md.j2",
        include_str!("../../templates/blocks/studied.md.j2"),
    ),
    (
        "blocks/documents.md.j2",
        include_str!("../../templates/blocks/documents.md.j2"),
    ),
    (
        "blocks/statistics.md.j2",
        include_str!("../../templates/blocks/statistics.md.j2"),
    ),
];

/// A folder of templates that override the built-ins, and the tree its files must stay in
/// (links included): the PATH built for a `templates/` folder found beside the data, the
/// folder itself for one given with `--templates`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TemplateFolder {
    /// The folder.
    pub dir: PathBuf,
    /// The tree its files must resolve into.
    pub within: PathBuf,
}

impl TemplateFolder {
    /// A folder named on the command line: its files must stay inside it.
    pub fn given(dir: PathBuf) -> Self {
        TemplateFolder {
            within: dir.clone(),
            dir,
        }
    }
}

/// Why a template file of a user's folder could not be used.
#[derive(Debug, thiserror::Error)]
#[error("cannot read the template {}", path.display())]
pub struct TemplateReadError {
    /// The template file.
    pub path: PathBuf,
    /// The tree it had to be in.
    pub within: PathBuf,
    /// What went wrong.
    pub problem: TemplateProblem,
}

/// What went wrong reading a template file.
#[derive(Debug, Clone)]
pub enum TemplateProblem {
    /// It could not be read (a link out of the tree, not a regular file, …).
    Read(Arc<crate::files::ReadError>),
    /// Its folder holds more than [`MAX_TEMPLATE_FILES`] files or [`MAX_TEMPLATE_BYTES`] bytes
    /// (or goes deeper than folders should): none of it is read.
    TooMany,
    /// It is not text in a known encoding.
    Decode(crate::source::DecodeError),
}

/// The templates for one build: user folders searched first, then the built-ins.
#[derive(Debug, Default)]
pub struct TemplateSet {
    overrides: Vec<TemplateFolder>,
    /// The user folders as read, once.
    snapshot: OnceLock<Vec<Snapshot>>,
}

impl TemplateSet {
    /// Built-ins overridden by the given folders (earlier folders win).
    pub fn new(overrides: Vec<TemplateFolder>) -> Self {
        TemplateSet {
            overrides,
            snapshot: OnceLock::new(),
        }
    }

    /// The folders searched before the built-ins.
    pub fn overrides(&self) -> &[TemplateFolder] {
        &self.overrides
    }

    fn snapshots(&self) -> &[Snapshot] {
        self.snapshot
            .get_or_init(|| self.overrides.iter().map(Snapshot::read).collect())
    }

    /// A hash of the user folders exactly as the templates are served from them.
    pub fn hash_into(&self, into: &mut xxhash_rust::xxh3::Xxh3) {
        for snapshot in self.snapshots() {
            snapshot.hash_into(into);
        }
    }

    /// Where a template comes from (the path shown in messages) and its text; an error when
    /// a user's folder has the file but it cannot be used (never a silent fall-back to the
    /// built-in).
    pub fn source(&self, name: &str) -> Result<Option<(PathBuf, String)>, TemplateReadError> {
        if is_plain_relative(name) {
            for (folder, snapshot) in self.overrides.iter().zip(self.snapshots()) {
                let path = folder.dir.join(name);
                let failed = |problem| TemplateReadError {
                    path: path.clone(),
                    within: folder.within.clone(),
                    problem,
                };
                match snapshot.get(name) {
                    Some(Ok(bytes)) => {
                        let (text, _) = crate::source::decode(bytes)
                            .map_err(|e| failed(TemplateProblem::Decode(e)))?;
                        return Ok(Some((path, text)));
                    }
                    Some(Err(problem)) => return Err(failed(problem)),
                    None => {}
                }
            }
        }
        Ok(BUILTIN.iter().find(|(n, _)| *n == name).map(|(n, text)| {
            (
                PathBuf::from(format!("<built-in>/templates/{n}")),
                (*text).to_string(),
            )
        }))
    }
}

/// A user's template folder read whole: each file by its name below the folder (`/` between
/// folders), as the loader would have read it — links followed only inside the tree.
#[derive(Debug, Default)]
pub struct Snapshot {
    files: BTreeMap<String, Result<Vec<u8>, Arc<crate::files::ReadError>>>,
    /// Folders (by name) that lead out of the tree: every name below them is refused.
    outside: Vec<String>,
    /// Too many files, bytes or levels: the whole folder is refused.
    too_many: bool,
}

impl Snapshot {
    /// Reads `folder` whole.
    pub fn read(folder: &TemplateFolder) -> Snapshot {
        let mut snapshot = Snapshot::default();
        let mut walk = Walk {
            within: &folder.within,
            inside: std::fs::canonicalize(&folder.dir).into_iter().collect(),
            bytes: 0,
        };
        if walk.folder(&folder.dir, "", 0, &mut snapshot).is_err() {
            snapshot = Snapshot {
                too_many: true,
                ..Snapshot::default()
            };
        }
        snapshot
    }

    /// The file at `name`: `None` when the folder does not have it.
    fn get(&self, name: &str) -> Option<Result<&[u8], TemplateProblem>> {
        if self.too_many {
            return Some(Err(TemplateProblem::TooMany));
        }
        if let Some(file) = self.files.get(name) {
            return Some(match file {
                Ok(bytes) => Ok(bytes),
                Err(e) => Err(TemplateProblem::Read(Arc::clone(e))),
            });
        }
        self.outside
            .iter()
            .any(|o| {
                name.strip_prefix(o.as_str())
                    .is_some_and(|r| r.starts_with('/'))
            })
            .then(|| {
                Err(TemplateProblem::Read(Arc::new(
                    crate::files::ReadError::Outside(None),
                )))
            })
    }

    fn hash_into(&self, into: &mut xxhash_rust::xxh3::Xxh3) {
        into.update(if self.too_many { b"T" } else { b"F" });
        for (name, file) in &self.files {
            into.update(name.as_bytes());
            match file {
                Ok(bytes) => {
                    into.update(&(bytes.len() as u64).to_le_bytes());
                    into.update(bytes);
                }
                Err(e) => {
                    into.update(b"\0unreadable\0");
                    into.update(e.to_string().as_bytes());
                }
            }
        }
        for name in &self.outside {
            into.update(b"\0outside\0");
            into.update(name.as_bytes());
        }
    }
}

/// A walk over a template folder, bounded: in files, bytes and depth, and against cycles (a
/// folder that links back to one it is inside). A folder reached by two names (a link beside
/// the folder it names) is read under each name, as the loader would find it by either.
struct Walk<'a> {
    within: &'a Path,
    /// The real paths of the folders being walked, outermost first.
    inside: Vec<PathBuf>,
    bytes: u64,
}

/// The walk went past a bound.
struct Overflow;

impl Walk<'_> {
    fn folder(
        &mut self,
        dir: &Path,
        prefix: &str,
        depth: usize,
        out: &mut Snapshot,
    ) -> Result<(), Overflow> {
        if depth > MAX_TEMPLATE_DEPTH {
            return Err(Overflow);
        }
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Ok(());
        };
        let mut names: Vec<std::ffi::OsString> = entries.flatten().map(|e| e.file_name()).collect();
        names.sort();
        for os_name in names {
            // A name that is not Unicode cannot be asked for by a template.
            let Some(name) = os_name.to_str() else {
                continue;
            };
            let key = format!("{prefix}{name}");
            let path = dir.join(name);
            if std::fs::metadata(&path).is_ok_and(|m| m.is_dir()) {
                match std::fs::canonicalize(&path) {
                    Ok(real) if crate::files::inside(&real, self.within) => {
                        if !self.inside.contains(&real) {
                            self.inside.push(real);
                            let walked = self.folder(&path, &format!("{key}/"), depth + 1, out);
                            self.inside.pop();
                            walked?;
                        }
                    }
                    _ => out.outside.push(key),
                }
                continue;
            }
            if out.files.len() >= MAX_TEMPLATE_FILES {
                return Err(Overflow);
            }
            let file = crate::files::read_strict(&path, self.within).map_err(Arc::new);
            if let Ok(bytes) = &file {
                self.bytes += bytes.len() as u64;
                if self.bytes > MAX_TEMPLATE_BYTES {
                    return Err(Overflow);
                }
            }
            out.files.insert(key, file);
        }
        Ok(())
    }
}

/// A template name must stay inside the template folder: no `..`, no absolute paths.
fn is_plain_relative(name: &str) -> bool {
    Path::new(name)
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
}
