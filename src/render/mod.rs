//! Typed report → view model → minijinja templates → Markdown and HTML text, and the DOCX
//! written from the Markdown (the PDF is the HTML printed, in [`crate::print`]).
//!
//! The built-in templates in `templates/` are embedded in the binary; a folder given with
//! `--templates` (or a `templates/` folder beside the data) overrides any of them by name.
//! Undefined variables are errors (`UndefinedBehavior::Strict`), reported at the template's
//! file and line. Narrative strings in data are templates too (so a sentence can name a
//! count: `举办{{ outreach.counts.consultation }}`); their errors point into the data file.
//!
//! Escaping is decided by the output, not by the template author: values printed in a
//! Markdown template are Markdown-escaped, values in an HTML template are HTML-escaped, and
//! narrative ([`objects::MarkdownText`]) prints as Markdown or as HTML accordingly.

mod docx;
pub mod markdown;

mod filters;
pub mod limits;
mod objects;
pub mod preview;
pub mod problems;
mod templates;
mod view;

use std::sync::Arc;

use minijinja::value::ValueKind;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior, escape_formatter};

use crate::diagnostic::Diagnostic;
use crate::load::Loaded;
use crate::model::Report;
use crate::source::SourceFile;

pub use filters::join_and_strings;
pub use filters::join_and_strings as join_and;
pub use objects::MarkdownText;
pub use templates::{TemplateFolder, TemplateSet};
use templates::{TemplateProblem, TemplateReadError};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// CommonMark.
    Markdown,
    /// One standalone HTML file.
    Html,
    /// A Word document.
    Docx,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 3] = [Format::Markdown, Format::Html, Format::Docx];
    /// The formats made from templates (what `check` renders to find template errors).
    pub const TEMPLATED: [Format; 2] = [Format::Markdown, Format::Html];

    /// The file extension of the output.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Docx => "docx",
        }
    }

    /// The name of the output file (`report.md`).
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Markdown => "report.md",
            Format::Html => "report.html",
            Format::Docx => "report.docx",
        }
    }

    /// The name of the top-level template (DOCX is written from the view directly).
    pub fn template(self) -> Option<&'static str> {
        match self {
            Format::Markdown => Some("report.md.j2"),
            Format::Html => Some("report.html.j2"),
            Format::Docx => None,
        }
    }
}

/// The name of the template made of one reference `{{ X }}` is this prefix, `X` and `.md`
/// (NUL cannot be in a file name, so no template file can be taken for it).
const REFERENCE_TEMPLATE: &str = "\0reference:";

/// At most this many distinct one-reference templates are compiled and kept per renderer.
const MAX_KEPT_REFERENCES: usize = 10_000;

/// The auto-escape mode for Markdown templates and narrative.
const MARKDOWN_ESCAPE: AutoEscape = AutoEscape::Custom(std::borrow::Cow::Borrowed("markdown"));

/// Options that change what is rendered.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Mark every output as a draft (草稿).
    pub draft: bool,
    /// Mark where each value comes from (`report serve`'s page; see [`preview`]).
    pub preview: bool,
}

/// A template environment, ready to render reports.
pub struct Renderer {
    env: Environment<'static>,
    templates: Arc<TemplateSet>,
}

impl Renderer {
    /// The templates this renderer serves, as read once.
    pub fn templates(&self) -> &TemplateSet {
        &self.templates
    }

    /// An environment with the built-in templates, overridden by `templates`.
    pub fn new(templates: TemplateSet) -> Self {
        let templates = Arc::new(templates);
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_debug(true);
        env.set_fuel(Some(limits::FUEL));
        env.set_syntax(
            minijinja::syntax::SyntaxConfig::builder()
                .trim_blocks(true)
                .lstrip_blocks(true)
                .build()
                .expect("the default delimiters are valid"),
        );
        env.set_auto_escape_callback(auto_escape_for);
        env.set_formatter(format_value);
        filters::register(&mut env);
        let loader_set = Arc::clone(&templates);
        let references = std::sync::atomic::AtomicUsize::new(0);
        env.set_loader(move |name| {
            // A reference in narrative (see `view::render_references`) is a template of its
            // own, compiled once per run however many reports use it — up to a bound on how
            // many are kept (150,000 distinct ones took 1.8 GB); past it, texts are rendered
            // whole by the engine, which keeps nothing.
            if let Some(expression) = name
                .strip_prefix(REFERENCE_TEMPLATE)
                .and_then(|n| n.strip_suffix(".md"))
            {
                let kept = references.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if kept >= MAX_KEPT_REFERENCES {
                    return Err(Error::new(
                        ErrorKind::InvalidOperation,
                        "too many references kept",
                    ));
                }
                return Ok(Some(format!("{{{{ {expression} }}}}")));
            }
            match loader_set.source(name) {
                Ok(found) => Ok(found.map(|(_, text)| text)),
                Err(e) => {
                    Err(Error::new(ErrorKind::InvalidOperation, e.to_string()).with_source(e))
                }
            }
        });
        Renderer { env, templates }
    }

    /// Renders one report in each of `formats` (the view is built once for all of them).
    /// Problems in templates or in narrative come back as diagnostics, and then nothing is
    /// rendered.
    pub fn render_all(
        &self,
        loaded: &Loaded,
        report: &Report,
        formats: &[Format],
        options: RenderOptions,
    ) -> Result<Vec<(Format, Vec<u8>)>, Vec<Diagnostic>> {
        let view = view::build(&self.env, loaded, report, options, &|e| {
            self.template_diagnostic(e)
        })?;
        formats
            .iter()
            .map(|&format| self.render_view(loaded, &view, format).map(|b| (format, b)))
            .collect()
    }

    fn render_view(
        &self,
        loaded: &Loaded,
        built: &view::Built,
        format: Format,
    ) -> Result<Vec<u8>, Vec<Diagnostic>> {
        let Some(name) = format.template() else {
            return docx::write(&built.view)
                .map_err(|e| vec![problems::docx_problem(&e).at_path(&loaded.dir)]);
        };
        self.render_template(name, built.context.clone(), format)
    }

    /// Renders a named template with a context (the summary's pages).
    pub fn render_template(
        &self,
        name: &str,
        context: minijinja::Value,
        format: Format,
    ) -> Result<Vec<u8>, Vec<Diagnostic>> {
        let template = self
            .env
            .get_template(name)
            .map_err(|e| vec![self.template_diagnostic(&e)])?;
        let text = limits::render(&template, context, limits::MAX_PAGE_OUTPUT)
            .map_err(|e| vec![self.named_template_diagnostic(&e, name)])?;
        // Control characters a template printed (`{{ "\u001b" }}`: data is checked for them,
        // template expressions are not) never reach the page.
        let text = without_control_characters(&text);
        Ok(match format {
            Format::Markdown => tidy_markdown(&text),
            _ => tidy_lines(&text),
        }
        .into_bytes())
    }

    /// A diagnostic for an error in a template file, at its file and line.
    fn template_diagnostic(&self, err: &Error) -> Diagnostic {
        self.named_template_diagnostic(err, "?")
    }

    /// The same, naming `fallback` when the error does not say which template it is in (an
    /// output bound crossed while writing the page).
    fn named_template_diagnostic(&self, err: &Error, fallback: &str) -> Diagnostic {
        // A template file that could not be read is about that file, not about template code.
        let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(err);
        while let Some(e) = cause {
            if let Some(read) = e.downcast_ref::<TemplateReadError>() {
                return match &read.problem {
                    TemplateProblem::Read(problem) => {
                        crate::load::read_error(problem, &read.within)
                    }
                    TemplateProblem::TooMany => problems::template_folder_too_large(),
                    TemplateProblem::Decode(problem) => crate::load::decode_error(problem.clone()),
                }
                .at_path(&read.path);
            }
            cause = e.source();
        }
        let name = err.name().unwrap_or(fallback).to_string();
        let diag = problems::template_problem(&name, err);
        match self.templates.source(&name).ok().flatten() {
            Some((path, text)) => {
                let file = Arc::new(SourceFile::new(path, text.clone()));
                match error_span(err, &file) {
                    Some(span) => diag.at(&file, span),
                    None => diag.in_file(&file),
                }
            }
            None => diag.at_path(name),
        }
    }
}

/// The byte span of a template error in its source.
fn error_span(err: &Error, file: &SourceFile) -> Option<std::ops::Range<usize>> {
    if let Some(range) = err.range()
        && range.end <= file.text.len()
    {
        return Some(range);
    }
    err.line().filter(|&l| l >= 1).map(|l| file.line_range(l))
}

fn auto_escape_for(name: &str) -> AutoEscape {
    // `report.html.j2` escapes as HTML, `blocks/x.md.j2` as Markdown (any case).
    let path = std::path::Path::new(name);
    let path = match path.extension() {
        Some(e) if e.eq_ignore_ascii_case("j2") => {
            std::path::Path::new(path.file_stem().unwrap_or_default())
        }
        _ => path,
    };
    let is = |ext: &str| {
        path.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case(ext))
    };
    if is("html") || is("htm") {
        AutoEscape::Html
    } else if is("md") {
        MARKDOWN_ESCAPE
    } else {
        AutoEscape::None
    }
}

fn format_value(
    out: &mut minijinja::Output<'_>,
    state: &mut minijinja::State<'_, '_>,
    value: &minijinja::Value,
) -> Result<(), Error> {
    let write = |out: &mut minijinja::Output<'_>, s: &str| {
        out.write_str(s)
            .map_err(|e| Error::new(ErrorKind::WriteFailure, "cannot write").with_source(e))
    };
    if let Some(text) = value.downcast_object_ref::<MarkdownText>() {
        return match state.auto_escape() {
            AutoEscape::Html => write(out, &text.to_html()),
            _ => write(out, &text.to_markdown()),
        };
    }
    if matches!(value.kind(), ValueKind::Map | ValueKind::Seq) {
        // Printed once: to see whether it reads as words, and then as those words.
        let printed = value.to_string();
        if is_notation(&printed) {
            return Err(whole_error(value).into());
        }
        return format_value(out, state, &minijinja::Value::from(printed));
    }
    if *state.auto_escape() == MARKDOWN_ESCAPE {
        return write(out, &as_markdown(value));
    }
    if value.is_none() {
        return Ok(());
    }
    escape_formatter(out, state, value)
}

/// Whether a value would print as the engine's own notation of a table or a list
/// (`{"name": …}`, `["甲", "乙"]`) — words no reader should see. The report's own objects (a
/// count, a post, a section) print as words.
pub(crate) fn printed_raw(value: &minijinja::Value) -> bool {
    matches!(value.kind(), ValueKind::Map | ValueKind::Seq) && is_notation(&value.to_string())
}

/// Whether a table's or a list's printed form is the engine's notation, not words.
fn is_notation(printed: &str) -> bool {
    printed.starts_with(['{', '['])
}

/// The error for a table or a list that would print as the engine's notation, naming a
/// table's parts.
fn whole_error(value: &minijinja::Value) -> problems::FilterError {
    if value.kind() == ValueKind::Seq {
        return problems::FilterError::ListPrintedWhole;
    }
    let parts = value
        .try_iter()
        .map(|keys| keys.take(6).map(|k| format!(".{k}")).collect())
        .unwrap_or_default();
    problems::FilterError::TablePrintedWhole(parts)
}

/// Marks of the engine's notation of a table or a list (`{"name": …}`, `["甲", "乙"]`) that a
/// value turned into a string before printing (`| string`, `~`, `| items`, `format`) leaves
/// in a rendered text; found only where the text as written has none of them.
pub(crate) fn leaked_notation(rendered: &str, written: &str) -> bool {
    // With and without the escaping a Markdown text gives `[`.
    const MARKS: [&str; 13] = [
        "{'", "{\"", "['", "[\"", "\\['", "\\[\"", "[[", "\\[\\[", "{}", "[]", "\\[\\]", "', '",
        "\", \"",
    ];
    // Every mark starts with one of these bytes: most texts have none, and are passed in one
    // scan rather than a search for each mark.
    let may_hold = |t: &str| {
        t.bytes()
            .any(|b| matches!(b, b'{' | b'[' | b'\\' | b'\'' | b'"'))
    };
    rendered != written
        && may_hold(rendered)
        && MARKS
            .iter()
            .any(|m| rendered.contains(m) && !written.contains(m))
}

/// A value as a Markdown template prints it: narrative as Markdown, `none` as nothing, other
/// values escaped so that Markdown shows them as they are (unless marked safe).
pub(crate) fn as_markdown(value: &minijinja::Value) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    if let Some(text) = value.downcast_object_ref::<MarkdownText>() {
        return Cow::Owned(text.to_markdown());
    }
    if value.is_none() {
        return Cow::Borrowed("");
    }
    if let Some(s) = value.as_str()
        && (value.is_safe() || !markdown::needs_escape(s))
    {
        return Cow::Borrowed(s);
    }
    if value.is_safe() {
        Cow::Owned(value.to_string())
    } else {
        Cow::Owned(markdown::escape(&value.to_string()))
    }
}

/// HTML-escapes text for element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut out, text).expect("writing to a String cannot fail");
    out
}

/// The lines of a rendered text without their trailing white space (`\r` included). Lines
/// are found with `memchr`: a page is a few hundred short lines, and the standard library's
/// line iterator costs more per line than the search itself.
fn trimmed_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    ends.map(move |end| {
        let line = &text[start..end];
        start = (end + 1).min(text.len());
        line.trim_end()
    })
}

/// The text without the characters E0713 forbids in data, except the preview's marks (which
/// data cannot hold, so only the preview puts them there; see [`preview`]).
fn without_control_characters(text: &str) -> std::borrow::Cow<'_, str> {
    let forbidden =
        |c: char| crate::text::chars::forbidden(c) && !matches!(c, '\u{FDD0}'..='\u{FDD2}');
    if crate::text::chars::any_forbidden(text) {
        crate::text::chars::without_lone_carriage_returns(text)
            .chars()
            .filter(|&c| !forbidden(c))
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

/// Trailing spaces removed, at most one blank line in a row, one newline at the end.
fn tidy_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = true;
    for line in trimmed_lines(text) {
        if line.is_empty() {
            if !blank {
                out.push('\n');
            }
            blank = true;
        } else {
            out.push_str(line);
            out.push('\n');
            blank = false;
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Trailing spaces and blank lines removed, one newline at the end.
fn tidy_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in trimmed_lines(text).filter(|l| !l.is_empty()) {
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidies_markdown() {
        assert_eq!(tidy_markdown("\n\n# a  \n\n\n\nb\n\n"), "# a\n\nb\n");
        assert_eq!(tidy_markdown("a\r\n\t\r\nb"), "a\n\nb\n");
        assert_eq!(tidy_markdown(""), "");
    }

    #[test]
    fn pages_never_carry_control_characters() {
        assert_eq!(
            without_control_characters("a\u{1b}[31mb\u{1}\tc\r\n"),
            "a[31mb\tc\r\n"
        );
        assert_eq!(without_control_characters("年"), "年");
    }

    #[test]
    fn tidies_html_lines() {
        assert_eq!(tidy_lines("<p>\t \n\n  \n</p>  \r\n"), "<p>\n</p>\n");
        assert_eq!(tidy_lines("x"), "x\n");
    }
}
