//! Where templates come from: the built-in set embedded in the binary, overridden by name
//! from user folders.

use std::path::{Component, Path, PathBuf};

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
#[derive(Debug)]
pub enum TemplateProblem {
    /// It could not be read (a link out of the tree, not a regular file, …).
    Read(crate::files::ReadError),
    /// It is not text in a known encoding.
    Decode(crate::source::DecodeError),
}

/// The templates for one build: user folders searched first, then the built-ins.
#[derive(Debug, Clone, Default)]
pub struct TemplateSet {
    overrides: Vec<TemplateFolder>,
}

impl TemplateSet {
    /// Built-ins overridden by the given folders (earlier folders win).
    pub fn new(overrides: Vec<TemplateFolder>) -> Self {
        TemplateSet { overrides }
    }

    /// The folders searched before the built-ins.
    pub fn overrides(&self) -> &[TemplateFolder] {
        &self.overrides
    }

    /// Where a template comes from (the path shown in messages) and its text; an error when
    /// a user's folder has the file but it cannot be used (never a silent fall-back to the
    /// built-in).
    pub fn source(&self, name: &str) -> Result<Option<(PathBuf, String)>, TemplateReadError> {
        if is_plain_relative(name) {
            for folder in &self.overrides {
                let path = folder.dir.join(name);
                let failed = |problem| TemplateReadError {
                    path: path.clone(),
                    within: folder.within.clone(),
                    problem,
                };
                match crate::files::read_strict(&path, &folder.within) {
                    Ok(bytes) => {
                        let (text, _) = crate::source::decode(&bytes)
                            .map_err(|e| failed(TemplateProblem::Decode(e)))?;
                        return Ok(Some((path, text)));
                    }
                    Err(crate::files::ReadError::Missing) => {}
                    Err(e) => return Err(failed(TemplateProblem::Read(e))),
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

/// A template name must stay inside the template folder: no `..`, no absolute paths.
fn is_plain_relative(name: &str) -> bool {
    Path::new(name)
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
}
