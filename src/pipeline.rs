//! One report folder through the whole pipeline: load → validate → render → write.
//!
//! The CLI calls these per folder and prints what comes back; nothing here prints.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Severity, Text, has_errors};
use crate::load::{self, Loaded};
use crate::output;
use crate::render::{Format, RenderOptions, Renderer, TemplateSet};
use crate::validate;

/// What happened to one report folder.
#[derive(Debug)]
pub struct Outcome {
    /// The report folder.
    pub dir: PathBuf,
    /// Every problem found, in the order found.
    pub diagnostics: Vec<Diagnostic>,
    /// The files written.
    pub written: Vec<PathBuf>,
}

impl Outcome {
    /// Whether the folder failed (errors, or warnings when they are denied).
    pub fn failed(&self, deny_warnings: bool) -> bool {
        self.diagnostics.iter().any(|d| {
            d.severity == Severity::Error || (deny_warnings && d.severity == Severity::Warning)
        })
    }
}

/// Loads and validates one report folder.
pub fn check(dir: &Path) -> (Loaded, Vec<Diagnostic>) {
    let mut loaded = load::load(dir);
    let mut diagnostics = std::mem::take(&mut loaded.diagnostics);
    if let Some(report) = &loaded.report {
        diagnostics.extend(validate::validate(&loaded, report));
    }
    (loaded, diagnostics)
}

/// What a build writes and how.
#[derive(Debug, Clone)]
pub struct BuildSettings {
    /// The formats to write.
    pub formats: Vec<Format>,
    /// Template folders given on the command line (searched before any found beside the data).
    pub templates: Vec<PathBuf>,
    /// Render options (draft marking).
    pub render: RenderOptions,
    /// Treat warnings as errors.
    pub deny_warnings: bool,
}

/// Checks one report folder and, when it has no errors, writes its reports into `out_dir`.
/// `root` is the PATH the folder was found under; template folders are looked for from the
/// report folder up to it.
pub fn build(dir: &Path, root: &Path, out_dir: &Path, settings: &BuildSettings) -> Outcome {
    let (loaded, mut diagnostics) = check(dir);
    let mut outcome = Outcome {
        dir: dir.to_path_buf(),
        diagnostics: Vec::new(),
        written: Vec::new(),
    };
    let denied =
        settings.deny_warnings && diagnostics.iter().any(|d| d.severity == Severity::Warning);
    let Some(report) = loaded
        .report
        .as_ref()
        .filter(|_| !has_errors(&diagnostics) && !denied)
    else {
        outcome.diagnostics = diagnostics;
        return outcome;
    };
    let mut template_dirs = settings.templates.clone();
    template_dirs.extend(template_folders(dir, root));
    let renderer = Renderer::new(TemplateSet::new(template_dirs));
    let mut rendered = Vec::new();
    for &format in &settings.formats {
        match renderer.render(&loaded, report, format, settings.render) {
            Ok(text) => rendered.push((format, text)),
            Err(problems) => diagnostics.extend(problems),
        }
    }
    // Write only when every format rendered: never a fresh .md beside a stale .html.
    if !has_errors(&diagnostics) {
        for (format, text) in rendered {
            let path = out_dir.join(format!("report.{}", format.extension()));
            match output::write_atomic(&path, text.as_bytes()) {
                Ok(()) => outcome.written.push(path),
                Err(e) => diagnostics.push(
                    Diagnostic::error(
                        "E0006",
                        Text::new(format!("cannot write: {e}"), format!("无法写入：{e}")),
                    )
                    .at_path(&path),
                ),
            }
        }
    }
    outcome.diagnostics = diagnostics;
    outcome
}

/// `templates/` folders from the report folder up to `root`, nearest first.
fn template_folders(dir: &Path, root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut current = Some(dir);
    while let Some(d) = current {
        let candidate = d.join("templates");
        if candidate.is_dir() {
            found.push(candidate);
        }
        if d == root {
            break;
        }
        current = d.parent().filter(|p| p.starts_with(root));
    }
    found
}

/// Where a report folder's output goes: its place under `root`, or its own name when it is
/// `root` itself.
pub fn output_folder(dir: &Path, root: &Path, out: &Path) -> PathBuf {
    let rel = dir.strip_prefix(root).unwrap_or(Path::new(""));
    if rel.as_os_str().is_empty() {
        let name = dir
            .canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("report"));
        out.join(name)
    } else {
        out.join(rel)
    }
}
