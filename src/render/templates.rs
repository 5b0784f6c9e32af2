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

/// The templates for one build: user folders searched first, then the built-ins.
#[derive(Debug, Clone, Default)]
pub struct TemplateSet {
    overrides: Vec<PathBuf>,
}

impl TemplateSet {
    /// Built-ins overridden by the given folders (earlier folders win).
    pub fn new(overrides: Vec<PathBuf>) -> Self {
        TemplateSet { overrides }
    }

    /// The folders searched before the built-ins.
    pub fn overrides(&self) -> &[PathBuf] {
        &self.overrides
    }

    /// Where a template comes from (the path shown in messages) and its text.
    pub fn source(&self, name: &str) -> Option<(PathBuf, String)> {
        if is_plain_relative(name) {
            for dir in &self.overrides {
                let path = dir.join(name);
                if let Ok(bytes) = std::fs::read(&path)
                    && let Ok((text, _)) = crate::source::decode(&bytes)
                {
                    return Some((path, text));
                }
            }
        }
        BUILTIN.iter().find(|(n, _)| *n == name).map(|(n, text)| {
            (
                PathBuf::from(format!("<built-in>/templates/{n}")),
                (*text).to_string(),
            )
        })
    }
}

/// A template name must stay inside the template folder: no `..`, no absolute paths.
fn is_plain_relative(name: &str) -> bool {
    Path::new(name)
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
}
