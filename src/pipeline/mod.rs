//! One report folder through the whole pipeline: load → validate → render → write.
//!
//! The CLI calls these per folder and prints what comes back; nothing here prints.

mod problems;

pub use problems::OutputCollision;

use crate::codes::Code;
use std::collections::{BTreeSet, HashMap};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use crate::diagnostic::{Diagnostic, Severity, has_errors};
use crate::files;
use crate::load::Segment;
use crate::load::{self, Loaded};
use crate::model::Report;
use crate::output;
use crate::render::{Format, RenderOptions, Renderer, TemplateFolder, TemplateSet};
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
    /// Whether writing the outputs failed (a problem of the machine, not of the data).
    pub write_failed: bool,
    /// Whether the folder was not built again: its inputs and outputs are as the manifest
    /// says (see [`crate::manifest`]).
    pub skipped: bool,
}

impl Outcome {
    /// Whether the folder failed (errors, or warnings when they are denied).
    pub fn failed(&self, deny_warnings: bool) -> bool {
        self.diagnostics.iter().any(|d| {
            d.severity == Severity::Error || (deny_warnings && d.severity == Severity::Warning)
        })
    }
}

/// Loads and validates one report folder found under `root`, without rendering.
pub fn check(dir: &Path, root: &Path) -> (Loaded, Vec<Diagnostic>) {
    let mut loaded = load::load_within(dir, root);
    let mut diagnostics = std::mem::take(&mut loaded.diagnostics);
    if let Some(report) = &loaded.report {
        diagnostics.extend(validate::validate(&loaded, report));
    }
    (loaded, diagnostics)
}

/// A report folder loaded, validated and rendered in memory.
#[derive(Debug)]
pub struct Analysis {
    /// The folder as loaded.
    pub loaded: Loaded,
    /// Every problem: in the data, in its text, in the templates.
    pub diagnostics: Vec<Diagnostic>,
    /// The rendered reports, when there were no errors.
    pub rendered: Vec<(Format, Vec<u8>)>,
    /// Last year's folder as this build saw it.
    pub previous: Option<PreviousYear>,
}

/// Last year's folder a report compares itself with, as one build saw it.
#[derive(Debug)]
pub struct PreviousYear {
    /// The folder.
    pub dir: PathBuf,
    /// Its files as loaded, when it is inside the tree being built (nothing outside is read).
    pub loaded: Option<Loaded>,
}

/// What stays the same across the report folders of one run: the template environments,
/// one per distinct list of template folders, so templates are read and compiled once.
#[derive(Default)]
pub struct Session {
    renderers: Mutex<HashMap<Vec<TemplateFolder>, Arc<Renderer>>>,
    /// Every `templates/` folder in the trees the report folders were found in, when they
    /// were found by [`crate::discover::discover`]; otherwise folders are looked for on disk.
    known_template_folders: Option<BTreeSet<PathBuf>>,
    /// Each PATH with every link on its way resolved, asked of the system once.
    resolved_roots: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
}

impl Session {
    /// A new session.
    pub fn new() -> Self {
        Self::default()
    }

    /// A session for report folders found by [`crate::discover::discover`], with the `templates/`
    /// folders it met.
    pub fn with_template_folders(template_folders: BTreeSet<PathBuf>) -> Self {
        Self {
            known_template_folders: Some(template_folders),
            ..Self::default()
        }
    }

    /// A report folder as its output folder records it: its full path, every link resolved.
    /// Below a PATH that [`crate::discover::discover`] walked no folder is a link (links to
    /// folders are not entered), so there the PATH is resolved once and the rest joined to it.
    fn source_of(&self, dir: &Path, root: &Path) -> PathBuf {
        let below = dir
            .strip_prefix(root)
            .ok()
            .filter(|rel| self.known_template_folders.is_some() && !rel.as_os_str().is_empty());
        let resolve = |p: &Path| p.canonicalize().ok();
        let resolved_root = below.and_then(|_| {
            let mut roots = self
                .resolved_roots
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            roots
                .entry(root.to_path_buf())
                .or_insert_with(|| resolve(root))
                .clone()
        });
        match (resolved_root, below) {
            (Some(root), Some(rel)) => root.join(rel),
            _ => resolve(dir).unwrap_or_else(|| dir.to_path_buf()),
        }
    }

    /// `templates/` folders from the report folder up to `root`, nearest first.
    fn template_folders(&self, dir: &Path, root: &Path) -> Vec<TemplateFolder> {
        let mut found = Vec::new();
        let mut current = Some(dir);
        while let Some(d) = current {
            let candidate = d.join("templates");
            let exists = match &self.known_template_folders {
                Some(known) => known.contains(&candidate),
                None => candidate.is_dir(),
            };
            if exists {
                found.push(TemplateFolder {
                    dir: candidate,
                    within: root.to_path_buf(),
                });
            }
            if d == root {
                break;
            }
            current = d.parent().filter(|p| p.starts_with(root));
        }
        found
    }

    /// The renderer of a report folder: the folders given on the command line, then the
    /// `templates/` folders from the report folder up to `root`.
    fn renderer_for(&self, dir: &Path, root: &Path, templates: &[PathBuf]) -> Arc<Renderer> {
        let mut template_dirs: Vec<TemplateFolder> = templates
            .iter()
            .cloned()
            .map(TemplateFolder::given)
            .collect();
        template_dirs.extend(self.template_folders(dir, root));
        self.renderer(template_dirs)
    }

    fn renderer(&self, template_dirs: Vec<TemplateFolder>) -> Arc<Renderer> {
        let mut renderers = self
            .renderers
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(renderer) = renderers.get(&template_dirs) {
            return Arc::clone(renderer);
        }
        let renderer = Arc::new(Renderer::new(TemplateSet::new(template_dirs.clone())));
        renderers.insert(template_dirs, Arc::clone(&renderer));
        renderer
    }
}

/// Checks one report folder completely: load, validate, and render `formats` in memory
/// (which finds bad references in text and template errors). `root` is the PATH the folder
/// was found under; `templates/` folders are looked for from the report folder up to it,
/// after the folders in `templates`.
pub fn analyse(
    session: &Session,
    dir: &Path,
    root: &Path,
    templates: &[PathBuf],
    formats: &[Format],
    options: RenderOptions,
) -> Analysis {
    let (mut loaded, mut diagnostics) = check(dir, root);
    let mut previous = None;
    let mut previous_problem = None;
    if let Some(report) = loaded.report.as_mut() {
        // Last year's folder is looked for inside the PATH built; a unit folder given by itself
        // may also use the folders beside it (its other years), and nothing further out.
        let previous_within = previous_within(dir, root);
        if let Some(dir) = previous_dir(report) {
            let (found, seen, problem) = previous_report(report, &dir, &previous_within);
            report.previous = found.map(Box::new);
            previous_problem = problem;
            previous = Some(PreviousYear { dir, loaded: seen });
        }
    }
    // A problem with last year's folder is said at the `previous` that named it, found only
    // then: finding a value's place parses the file again.
    diagnostics.extend(previous_problem.map(|d| {
        let file = loaded.file(load::REPORT_FILE);
        match file.and_then(|f| Some((f, f.spans.value(&[Segment::Key("previous".into())])?))) {
            Some((f, span)) => d.at(&f.source, span),
            None => d,
        }
    }));
    if options.draft {
        // A draft may still have placeholders: they are reported, but do not block.
        for d in diagnostics.iter_mut().filter(|d| d.code == Code::E0712) {
            d.severity = Severity::Warning;
        }
    }
    let mut rendered = Vec::new();
    // Rendered even when the data has errors (a 待补充 left, a value of the wrong type), so
    // that a misspelt reference is found in the same run; what is rendered then is not kept.
    // Not when a file could not be read at all: its data would be missing from every text.
    let clean = !has_errors(&diagnostics);
    if let Some(report) = loaded.report.as_ref().filter(|_| loaded.failed.is_empty()) {
        let renderer = session.renderer_for(dir, root, templates);
        match renderer.render_all(&loaded, report, formats, options) {
            Ok(outputs) if clean => rendered = outputs,
            Ok(_) => {}
            Err(problems) => diagnostics.extend(problems),
        }
    }
    Analysis {
        loaded,
        diagnostics,
        rendered,
        previous,
    }
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
    /// The browser that prints `report.pdf` from the HTML, when a PDF is asked for.
    pub pdf: Option<crate::print::Browser>,
    /// Build every folder, even those whose manifest says nothing changed.
    pub force: bool,
}

impl BuildSettings {
    /// The settings as the manifest records them.
    fn fingerprint(&self) -> String {
        format!(
            "{:?} draft={} deny_warnings={} pdf={:?} templates={:?}",
            self.formats, self.render.draft, self.deny_warnings, self.pdf, self.templates
        )
    }
}

/// The hash of what a folder's outputs are built from, with last year's folder `previous`;
/// `used`, when given, holds the folder's data files and last year's as the build read them
/// (otherwise they are read from disk, to compare with a manifest). The templates are hashed
/// as this run's one reading of them, which is what a build in this run uses.
fn inputs_of(
    session: &Session,
    dir: &Path,
    root: &Path,
    settings: &BuildSettings,
    previous: Option<&Path>,
    used: Option<&Analysis>,
) -> u64 {
    let mut inputs = crate::manifest::Inputs::new(&settings.fingerprint());
    let loaded = used.map(|a| &a.loaded);
    let as_used = |name: &str| as_read(loaded?, name);
    inputs.data_files(dir, root, used.map(|_| &as_used as &dyn Fn(&str) -> _));
    inputs.templates(
        session
            .renderer_for(dir, root, &settings.templates)
            .templates(),
    );
    inputs.text("previous");
    if let Some(previous) = previous {
        inputs.text(&previous.to_string_lossy());
        let within = previous_within(dir, root);
        // Last year's folder is always written from the report's own folder (`…/2020/../2019`,
        // or `…/2019` beside it): a manifest naming anything else is not asked about.
        let beside = |d: &Path| {
            d.parent()
                .is_some_and(|p| !p.as_os_str().is_empty() && previous.starts_with(p))
        };
        let from_here = beside(dir) || dir.canonicalize().is_ok_and(|d| beside(&d));
        let loaded = used
            .and_then(|a| a.previous.as_ref())
            .and_then(|p| p.loaded.as_ref());
        // A folder that is not there is found out in one call, not by resolving its path.
        let there = loaded.is_some() || std::fs::symlink_metadata(previous).is_ok();
        if from_here && there && files::inside(previous, &within) {
            // After a build, last year's files are those it loaded (none when it found none).
            let as_used = |name: &str| as_read(loaded?, name);
            let used_previous = used.map(|_| &as_used as &dyn Fn(&str) -> _);
            inputs.data_files(previous, &within, used_previous);
        }
    }
    inputs.finish()
}

/// A data file's bytes exactly as a build read them (UTF-8 as it was; a BOM or GB18030 file
/// encoded back as it was decoded), when it was read.
fn as_read<'a>(loaded: &'a Loaded, name: &str) -> Option<std::borrow::Cow<'a, [u8]>> {
    let file = loaded.file(name)?;
    let text = &file.source.text;
    Some(match file.source.encoding {
        crate::source::Encoding::Utf8 => std::borrow::Cow::Borrowed(text.as_bytes()),
        crate::source::Encoding::Utf8Bom => {
            crate::source::encode_like(text, crate::source::Encoding::Utf8Bom).into()
        }
        crate::source::Encoding::Gb18030 => encoding_rs::GB18030.encode(text).0.into_owned().into(),
    })
}

/// The tree last year's folder must be in: the PATH built, or for a unit folder given by
/// itself, the folder above it (its other years).
fn previous_within(dir: &Path, root: &Path) -> PathBuf {
    if dir == root {
        dir.canonicalize()
            .ok()
            .and_then(|d| d.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| root.to_path_buf())
    } else {
        root.to_path_buf()
    }
}

/// Checks one report folder and, when it has no errors, writes its reports into `out_dir`.
pub fn build(
    session: &Session,
    dir: &Path,
    root: &Path,
    out_dir: &Path,
    settings: &BuildSettings,
) -> Outcome {
    let mut outcome = Outcome {
        dir: dir.to_path_buf(),
        diagnostics: Vec::new(),
        written: Vec::new(),
        write_failed: false,
        skipped: false,
    };
    if !settings.force && unchanged(session, dir, root, out_dir, settings) {
        outcome.skipped = true;
        return outcome;
    }
    // The PDF is printed from the HTML, which is rendered for it even when not written.
    let mut formats = settings.formats.clone();
    let html_for_pdf = settings.pdf.is_some() && !formats.contains(&Format::Html);
    if html_for_pdf {
        formats.push(Format::Html);
    }
    let mut analysis = analyse(
        session,
        dir,
        root,
        &settings.templates,
        &formats,
        settings.render,
    );
    outcome.diagnostics = std::mem::take(&mut analysis.diagnostics);
    if outcome.failed(settings.deny_warnings) {
        return outcome;
    }
    // Every format rendered before any is written, and written as a set: never a fresh .md
    // beside a stale .html.
    let rendered = std::mem::take(&mut analysis.rendered);
    let (mut files, html) = output_files(rendered, settings.pdf.is_some(), html_for_pdf);
    if let (Some(browser), Some(html)) = (&settings.pdf, html) {
        match print_pdf(browser, &html, &analysis, out_dir) {
            Ok(pdf) => files.push((PDF_FILE.to_string(), pdf)),
            Err(problem) => return refused(outcome, *problem),
        }
    }
    // A clean build is recorded, last of the set; any other leaves no manifest, so it is built
    // again (and its warnings said again) next time.
    if outcome.diagnostics.is_empty() {
        let manifest = manifest_of(session, dir, root, settings, &analysis, &files);
        files.push((crate::manifest::FILE.into(), manifest));
    }
    let source = session.source_of(dir, root);
    let owner = source.to_string_lossy().into_owned();
    files.push((SOURCE_FILE.to_string(), owner.into_bytes()));
    match write_unit(out_dir, &source, dir, &files) {
        Ok(paths) => {
            outcome.written = paths;
            outcome
        }
        Err(problem) => refused(outcome, *problem),
    }
}

/// Writes a unit's set (built from `dir`, whose source is `source`) into `out_dir`. A folder
/// that is not there is asked about once and made whole (the temp folders killed builds left
/// beside it are swept then). Into one that is (or that another
/// build made meanwhile, or whose temp folder's name would be too long), the files are
/// replaced as a set, the old manifest removed first and the outputs of formats not built
/// after — unless it holds another unit's reports, which are never replaced.
fn write_unit(
    out_dir: &Path,
    source: &Path,
    dir: &Path,
    files: &[OutputFile],
) -> Result<Vec<PathBuf>, Box<Diagnostic>> {
    let names = set_names();
    let not_written = |e: &std::io::Error| Box::new(problems::not_written(out_dir, e));
    // On Windows a folder whose files were just written may be held open a moment (a virus
    // scanner reads them): it is not renamed; its files are, one by one.
    if !cfg!(windows) && std::fs::symlink_metadata(out_dir).is_err() {
        match output::write_new_folder(out_dir, files, &names) {
            Ok(written) => return Ok(written.paths),
            Err(e)
                if matches!(
                    e.kind(),
                    ErrorKind::AlreadyExists | ErrorKind::InvalidFilename
                ) => {}
            Err(e) => return Err(not_written(&e)),
        }
    }
    if let Some(owner) = other_owner(out_dir, source) {
        return Err(Box::new(problems::owned_by_another(out_dir, &owner, dir)));
    }
    let _ = std::fs::remove_file(out_dir.join(crate::manifest::FILE));
    let written = output::write_set(out_dir, files).map_err(|e| not_written(&e))?;
    if !written.new_folder {
        remove_formats_not_built(out_dir, files);
    }
    Ok(written.paths)
}

/// Every name a unit's output folder may hold: its reports in every format, the manifest and
/// the file naming its source.
fn set_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Format::ALL.iter().map(|f| f.file_name()).collect();
    names.extend([PDF_FILE, crate::manifest::FILE, SOURCE_FILE]);
    names
}

/// The manifest of a clean build: what it read (as it read it) and what it wrote.
fn manifest_of(
    session: &Session,
    dir: &Path,
    root: &Path,
    settings: &BuildSettings,
    analysis: &Analysis,
    files: &[OutputFile],
) -> Vec<u8> {
    let previous = analysis.previous.as_ref().map(|p| p.dir.clone());
    let inputs = inputs_of(
        session,
        dir,
        root,
        settings,
        previous.as_deref(),
        Some(analysis),
    );
    let manifest = crate::manifest::Manifest::new(inputs, previous, files);
    manifest.to_text().into_bytes()
}

/// One file of a unit's output set: its name and bytes.
type OutputFile = (String, Vec<u8>);

/// The files of a unit's set (`report.md` …) from what was rendered, and the HTML to print
/// when a PDF is wanted (kept out of the set when it was rendered only for the PDF).
fn output_files(
    rendered: Vec<(Format, Vec<u8>)>,
    pdf: bool,
    html_for_pdf: bool,
) -> (Vec<OutputFile>, Option<Vec<u8>>) {
    let mut files = Vec::new();
    let mut html = None;
    for (format, bytes) in rendered {
        if format == Format::Html && pdf {
            html = Some(bytes.clone());
        }
        if !(html_for_pdf && format == Format::Html) {
            files.push((format.file_name().to_string(), bytes));
        }
    }
    (files, html)
}

/// Whether the manifest in `out_dir` says the outputs are those of the inputs as they are now.
fn unchanged(
    session: &Session,
    dir: &Path,
    root: &Path,
    out_dir: &Path,
    settings: &BuildSettings,
) -> bool {
    crate::manifest::read(out_dir).is_some_and(|manifest| {
        let now = inputs_of(
            session,
            dir,
            root,
            settings,
            manifest.previous.as_deref(),
            None,
        );
        manifest.inputs == now && manifest.intact(out_dir)
    })
}

/// The outcome of a unit whose set is not written, with the problem that stopped it.
fn refused(mut outcome: Outcome, problem: Diagnostic) -> Outcome {
    outcome.write_failed = true;
    outcome.diagnostics.push(problem);
    outcome
}

/// `report.pdf`, printed from the HTML and dated the 成文日期; E0008 when the browser fails
/// (then nothing of the set is written: never a fresh report.html beside a stale report.pdf).
fn print_pdf(
    browser: &crate::print::Browser,
    html: &[u8],
    analysis: &Analysis,
    out_dir: &Path,
) -> Result<Vec<u8>, Box<Diagnostic>> {
    let date = analysis
        .loaded
        .report
        .as_ref()
        .and_then(|r| r.report.date.date())
        .map_or_else(String::new, |d| {
            format!("{:04}{:02}{:02}", d.year, d.month, d.day)
        });
    browser
        .print(html, &date)
        .map_err(|e| Box::new(problems::not_printed(e.text()).at_path(out_dir)))
}

/// The printed report, made from the HTML by a browser.
pub const PDF_FILE: &str = "report.pdf";

/// The file in each output folder that names the report folder its reports were built from.
pub const SOURCE_FILE: &str = ".report-source";

/// The report folder another unit's reports in `out_dir` were built from, when it is not
/// `source` (the folder being built, as [`Session::source_of`] gives it).
fn other_owner(out_dir: &Path, source: &Path) -> Option<PathBuf> {
    let bytes = files::read_limited(&out_dir.join(SOURCE_FILE), out_dir, 64 * 1024).ok()?;
    let owner = PathBuf::from(String::from_utf8_lossy(&bytes).into_owned());
    (owner != source).then_some(owner)
}

/// Removes the outputs of the formats this build did not make (`report.html` left from an
/// earlier build with `--format html`): a stale file beside fresh ones would look current.
fn remove_formats_not_built(out_dir: &Path, files: &[(String, Vec<u8>)]) {
    let names = Format::ALL.iter().map(|f| f.file_name()).chain([PDF_FILE]);
    for name in names {
        if !files.iter().any(|(n, _)| n == name) {
            let path = out_dir.join(name);
            if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
                let _ = std::fs::remove_file(path);
            }
        }
    }
}

/// Where each report folder's output goes, for report folders found under one or more
/// PATHs: its place under its PATH, or its own name when it is the PATH itself; with several
/// PATHs, each PATH's place below their common folder comes first, so `build data/*/2020`
/// writes `out/taian/2020`, `out/other/2020`, … and never two units to one folder.
///
/// Two different folders that would still share an output folder are refused before
/// anything is written: the error names both.
pub fn output_folders(
    folders: &[(PathBuf, PathBuf)],
    out: &Path,
) -> Result<Vec<PathBuf>, OutputCollision> {
    let mut roots: Vec<&PathBuf> = folders.iter().map(|(root, _)| root).collect();
    roots.dedup();
    let resolved = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    // The PATHs' common folder (only worked out when there are several).
    let common = if roots.len() > 1 {
        let mut common = resolved(roots[0]);
        for root in &roots[1..] {
            let root = resolved(root);
            while !root.starts_with(&common) {
                if !common.pop() {
                    break;
                }
            }
        }
        Some(common)
    } else {
        None
    };
    let mut places = Vec::with_capacity(folders.len());
    let mut taken: HashMap<PathBuf, &Path> = HashMap::with_capacity(folders.len());
    for (root, dir) in folders {
        let rel = dir.strip_prefix(root).unwrap_or(Path::new(""));
        let root_place = match &common {
            Some(common) => resolved(root)
                .strip_prefix(common)
                .map(Path::to_path_buf)
                .unwrap_or_default(),
            None => PathBuf::new(),
        };
        let rel = root_place.join(rel);
        let place = if rel.as_os_str().is_empty() {
            let name = resolved(dir)
                .file_name()
                .map_or_else(|| PathBuf::from("report"), PathBuf::from);
            out.join(name)
        } else {
            out.join(rel)
        };
        if let Some(other) = taken.insert(place.clone(), dir) {
            return Err(OutputCollision {
                first: other.to_path_buf(),
                second: dir.clone(),
                output: place,
            });
        }
        places.push(place);
    }
    // A unit's output folder named like another unit's output file (`a/report.html/` under
    // `a/`) would have the two fight over one path.
    for place in &places {
        let Some((parent, name)) = place.parent().zip(place.file_name()) else {
            continue;
        };
        let is_output_file = Format::ALL
            .iter()
            .any(|f| name == std::ffi::OsStr::new(f.file_name()));
        if is_output_file && let Some(other) = taken.get(parent) {
            return Err(OutputCollision {
                first: other.to_path_buf(),
                second: taken[place].to_path_buf(),
                output: place.clone(),
            });
        }
    }
    Ok(places)
}

/// Last year's folder of a report: its `previous`, or the folder of the year before beside it.
pub fn previous_dir(report: &Report) -> Option<PathBuf> {
    let r = &report.report;
    // `.` and `..` have no name to find the folder beside them by: resolved first.
    let here = match report.dir.file_name() {
        Some(_) => report.dir.clone(),
        None => report.dir.canonicalize().ok()?,
    };
    Some(match &r.previous {
        Some(rel) => here.join(rel),
        None => here.parent()?.join((r.year.checked_sub(1)?).to_string()),
    })
}

/// Last year's report of the same unit in `dir`: used when it is inside `within` (the tree
/// being built), is of the year before, names a unit of the same name and kind, and loads
/// cleanly. Returns it, the folder as loaded (when it was read at all), and the problem to
/// report when `previous` names a folder that cannot be used.
fn previous_report(
    report: &Report,
    dir: &Path,
    within: &Path,
) -> (Option<Report>, Option<Loaded>, Option<Diagnostic>) {
    let r = &report.report;
    let named = r.previous.is_some();
    // An absolute path (a drive, a `\\\\host\\share` that would make the machine connect out)
    // is refused before anything is asked of it.
    if r.previous.as_deref().is_some_and(|p| !plain_relative(p)) {
        return (
            None,
            None,
            Some(problems::previous_outside(report, dir, within)),
        );
    }
    if !dir.join(load::REPORT_FILE).is_file() {
        let problem = named.then(|| problems::previous_not_found(report, dir));
        return (None, None, problem);
    }
    if !files::inside(dir, within) {
        let problem = named.then(|| problems::previous_outside(report, dir, within));
        return (None, None, problem);
    }
    let mut loaded = load::load_within(dir, within);
    let Some(prev) = loaded.report.take() else {
        return (None, Some(loaded), None);
    };
    let same_unit = prev.report.unit.name == r.unit.name && prev.report.unit.kind == r.unit.kind;
    let year_before = prev.report.year + 1 == r.year;
    let problem = (named && !same_unit).then(|| problems::previous_of_another(report, &prev));
    let clean = !crate::diagnostic::has_errors(&loaded.diagnostics);
    let used = (same_unit && year_before && clean).then_some(prev);
    (used, Some(loaded), problem)
}

/// Whether a path written in the data is relative (no root, drive or share), so that nothing is
/// asked of another disk or machine before it is checked against the tree.
fn plain_relative(path: &str) -> bool {
    !path.starts_with(['/', '\\'])
        && Path::new(path).components().all(|c| {
            matches!(
                c,
                std::path::Component::Normal(_)
                    | std::path::Component::ParentDir
                    | std::path::Component::CurDir
            )
        })
        && !path.contains(':')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The source folder an output folder records is the unit folder with every link
    /// resolved, whether the PATH is a link or not, and a folder that is the PATH itself.
    #[cfg(unix)]
    #[test]
    fn a_source_folder_is_the_unit_folder_resolved() {
        let tmp = tempfile::tempdir().unwrap();
        let real = tmp.path().join("real");
        std::fs::create_dir_all(real.join("u/2020")).unwrap();
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let session = Session::with_template_folders(BTreeSet::new());
        for root in [&real, &link] {
            let unit = root.join("u/2020");
            let resolved = unit.canonicalize().unwrap();
            assert_eq!(session.source_of(&unit, root), resolved);
            assert_eq!(session.source_of(&unit, &unit), resolved);
        }
        // A folder not found by a walk is resolved as it is.
        let session = Session::new();
        let unit = link.join("u/2020");
        assert_eq!(
            session.source_of(&unit, &link),
            unit.canonicalize().unwrap()
        );
    }

    /// A clean report's files are parsed once: the place of a value (which parses its file
    /// again) is found only for a diagnostic — for the `previous` that names a missing
    /// folder, not for every report.
    #[test]
    fn places_are_found_only_for_a_diagnostic() {
        let unit = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/taian/2020");
        let analyse = |dir: &Path| {
            let formats = [Format::Markdown];
            analyse(
                &Session::new(),
                dir,
                dir,
                &[],
                &formats,
                RenderOptions::default(),
            )
        };
        let clean = analyse(&unit);
        assert!(clean.diagnostics.is_empty(), "{:?}", clean.diagnostics);
        assert!(
            clean
                .loaded
                .files
                .iter()
                .all(|(_, f)| !f.spans.places_made())
        );

        let tmp = tempfile::tempdir().unwrap();
        let copy = tmp.path().join("2020");
        std::fs::create_dir(&copy).unwrap();
        for entry in std::fs::read_dir(&unit).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, copy.join(path.file_name().unwrap())).unwrap();
        }
        let report = copy.join(load::REPORT_FILE);
        let text = std::fs::read_to_string(&report).unwrap();
        let text = text.replacen("\nyear", "\nprevious = \"../2091\"\nyear", 1);
        std::fs::write(&report, text).unwrap();
        let named = analyse(&copy);
        let warning = named.diagnostics.iter().find(|d| d.code == Code::W0210);
        assert!(warning.is_some(), "{:?}", named.diagnostics);
        assert!(
            named
                .loaded
                .file(load::REPORT_FILE)
                .unwrap()
                .spans
                .places_made()
        );
    }
}
