//! Problems in a report's data, as values.
//!
//! Loading, validation and rendering never stop at the first problem: each stage returns the
//! [`Diagnostic`]s it found and the caller decides what they mean (an error blocks a build, a
//! warning does not). Every diagnostic carries a stable code, the file and byte span it is
//! about, a message and a hint in both English and Chinese. Rendering to text for people
//! (through annotate-snippets, as cargo does) lives here too; printing does not — that is the
//! CLI's job.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::codes::Code;
pub use crate::codes::Severity;
use crate::source::{Position, SourceFile};

/// The language of messages for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Chinese (简体中文).
    Zh,
}

impl Lang {
    /// The language the environment asks for: Chinese when `LC_ALL`, `LC_MESSAGES` or `LANG`
    /// (the first one set) starts with `zh`, or, with none set, the system's language does
    /// (Windows and macOS keep it in their settings).
    pub fn from_env() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            // Windows and macOS say the user's language in their settings, not in LANG.
            .or_else(sys_locale::get_locale)
            .map_or(Lang::En, |v| {
                if v.starts_with("zh") {
                    Lang::Zh
                } else {
                    Lang::En
                }
            })
    }
}

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// English.
    pub en: String,
    /// Chinese.
    pub zh: String,
}

impl Text {
    /// A text in both languages.
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Self {
        Text {
            en: en.into(),
            zh: zh.into(),
        }
    }

    /// The text in one language.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

impl std::fmt::Display for Text {
    /// The English text (for logs and `anyhow` chains; people get [`Text::get`]).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

impl std::error::Error for Text {}

/// What the operating system said, in both languages: the common kinds in words, the rest
/// as the system put it (with its error number).
pub fn io_error_text(e: &std::io::Error) -> Text {
    use std::io::ErrorKind as K;
    let zh = match e.kind() {
        K::NotFound => "不存在",
        K::PermissionDenied => "权限不足",
        K::IsADirectory => "是文件夹",
        K::NotADirectory => "不是文件夹",
        K::AlreadyExists => "已存在",
        K::InvalidFilename => "路径过长或名称无效",
        K::StorageFull => "磁盘已满",
        K::ReadOnlyFilesystem => "文件系统只读",
        K::AddrInUse => "端口已被占用",
        K::AddrNotAvailable => "地址不可用",
        K::ConnectionRefused => "连接被拒绝",
        K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe => "连接已断开",
        K::TimedOut => "超时",
        K::OutOfMemory => "内存不足",
        K::DirectoryNotEmpty => "文件夹不为空",
        K::FileTooLarge => "文件过大",
        K::ResourceBusy | K::ExecutableFileBusy => "文件正被占用",
        K::CrossesDevices => "不能跨磁盘移动",
        K::TooManyLinks => "链接过多",
        _ => "",
    };
    let en = e.to_string();
    let zh = match (zh, e.raw_os_error()) {
        ("", Some(number)) => format!("系统错误（错误号 {number}）"),
        ("", None) => format!("系统错误（{en}）"),
        (zh, _) => zh.to_string(),
    };
    Text::new(en, zh)
}

/// Where a problem is: a file, and a byte span in it when the problem has one.
#[derive(Debug, Clone)]
pub struct Location {
    /// The file, with its text for snippets.
    pub file: Arc<SourceFile>,
    /// The byte range in the file's text; `None` for problems about the file as a whole.
    pub span: Option<Range<usize>>,
}

/// One problem found in a report's data or templates.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// Stable code, e.g. `E0101`; identical in every language.
    pub code: Code,
    /// How bad it is.
    pub severity: Severity,
    /// What is wrong.
    pub message: Text,
    /// What to do about it.
    pub hint: Option<Text>,
    /// Where; `None` for problems with no file (e.g. a folder without `report.toml`).
    pub location: Option<Location>,
    /// The path named when there is no source text to show.
    pub path: Option<PathBuf>,
    /// A safe, mechanical fix: the text that replaces the span (applied by `check --fix`).
    pub fix: Option<String>,
}

impl Diagnostic {
    /// A new diagnostic, as severe as its code says.
    pub fn new(code: Code, message: Text) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            message,
            hint: None,
            location: None,
            path: None,
            fix: None,
        }
    }

    /// Points the diagnostic at a span of a file (snapped to character boundaries, so every
    /// renderer can slice the text with it).
    pub fn at(mut self, file: &Arc<SourceFile>, span: Range<usize>) -> Self {
        self.path = Some(file.path.clone());
        self.location = Some(Location {
            file: Arc::clone(file),
            span: Some(file.snap(span)),
        });
        self
    }

    /// Points the diagnostic at a file as a whole.
    pub fn in_file(mut self, file: &Arc<SourceFile>) -> Self {
        self.path = Some(file.path.clone());
        self.location = Some(Location {
            file: Arc::clone(file),
            span: None,
        });
        self
    }

    /// Names a path that has no text to show (unreadable, binary, missing).
    pub fn at_path(mut self, path: impl Into<PathBuf>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// Adds a safe fix: `replacement` takes the place of the diagnostic's span.
    pub fn with_fix(mut self, replacement: impl Into<String>) -> Self {
        self.fix = Some(replacement.into());
        self
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: Text) -> Self {
        self.hint = Some(hint);
        self
    }

    /// Start and end positions, when the diagnostic has a span.
    pub fn positions(&self) -> Option<(Position, Position)> {
        let loc = self.location.as_ref()?;
        let span = loc.span.as_ref()?;
        Some((loc.file.position(span.start), loc.file.position(span.end)))
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders the diagnostic for people, with the source line and a marker.
    pub fn render(&self, lang: Lang, color: bool) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        };
        // With --lang zh every word is Chinese, the labels too.
        let level = match (lang, self.severity) {
            (Lang::En, _) => level,
            (Lang::Zh, Severity::Error) => level.with_name("错误"),
            (Lang::Zh, Severity::Warning) => level.with_name("警告"),
            (Lang::Zh, Severity::Note) => level.with_name("注"),
        };
        let message = printable(self.message.get(lang));
        let hint = self.hint.as_ref().map(|h| printable(h.get(lang)));
        let title = level.primary_title(message.as_ref()).id(self.code.as_str());
        let path_text = self
            .path
            .as_ref()
            .map(|p| printable(&p.display().to_string()).into_owned())
            .unwrap_or_default();
        let group = match &self.location {
            Some(Location {
                file,
                span: Some(span),
            }) => {
                // Snapped again: a span set by hand after `at` must not reach the renderer
                // inside a character either.
                let span = file.snap(span.clone());
                let start = file.position(span.start);
                let touched = file.line_range(start.line).start
                    ..file.line_range(file.position(span.end).line).end;
                if touched.len() > MAX_EXCERPT_BYTES {
                    // A line too long to show (a 3 MB line printed for each of its problems
                    // would be quadratic): its place, without the line.
                    return render_group(
                        title.element(
                            annotate_snippets::Origin::path(path_text.clone())
                                .line(start.line)
                                .char_column(start.column),
                        ),
                        hint.as_deref(),
                        lang,
                        color,
                    );
                }
                // Show the lines the span touches, not the whole file.
                let first = file.line_range(start.line).start;
                let last = file
                    .line_range(file.position(span.end).line)
                    .end
                    .max(span.end);
                let (excerpt, local) = printable_excerpt(
                    &file.text[first..last],
                    span.start - first..span.end - first,
                );
                title.element(
                    Snippet::source(excerpt)
                        .line_start(start.line)
                        .path(path_text.clone())
                        .annotation(AnnotationKind::Primary.span(local)),
                )
            }
            _ => title.element(annotate_snippets::Origin::path(path_text.clone())),
        };
        render_group(group, hint.as_deref(), lang, color)
    }
}

/// Source lines longer than this (in bytes, over the lines a span touches) are not shown.
const MAX_EXCERPT_BYTES: usize = 4096;

fn render_group<'a>(
    mut group: Group<'a>,
    hint: Option<&'a str>,
    lang: Lang,
    color: bool,
) -> String {
    if let Some(hint) = hint {
        let help = match lang {
            Lang::En => Level::HELP,
            Lang::Zh => Level::HELP.with_name("提示"),
        };
        group = group.element(help.message(hint));
    }
    let report: &[Group<'_>] = &[group];
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let rendered = renderer.render(report);
    match lang {
        Lang::En => rendered,
        Lang::Zh => full_width_colons(&rendered),
    }
}

/// `text` without its terminal colour codes (`ESC [ … m`).
fn without_styles(text: &str) -> String {
    let mut out = String::new();
    let mut in_code = false;
    for c in text.chars() {
        match c {
            '\u{1b}' => in_code = true,
            'm' if in_code => in_code = false,
            _ if !in_code => out.push(c),
            _ => {}
        }
    }
    out
}

/// The renderer puts `: ` after a label (`错误[E0712]: …`, `= 提示: …`); Chinese takes `：`.
/// Only the separator after a label changes (it may sit after the label's colour codes), never
/// a colon in the message.
fn full_width_colons(rendered: &str) -> String {
    let mut out = String::with_capacity(rendered.len());
    for (i, line) in rendered.split_inclusive('\n').enumerate() {
        let label_end = if i == 0 {
            line.find(']').map(|at| at + 1)
        } else {
            // The hint's label, `= 提示`, not the same word in a quoted source line.
            line.find("提示")
                .filter(|&at| without_styles(&line[..at]).trim() == "=")
                .map(|at| at + "提示".len())
        };
        match label_end.and_then(|end| line[end..].find(": ").map(|at| end + at)) {
            Some(at) => {
                out.push_str(&line[..at]);
                out.push('：');
                out.push_str(&line[at + 2..]);
            }
            None => out.push_str(line),
        }
    }
    out
}

impl Diagnostic {
    /// The diagnostic as one JSON object (the `--message-format json` contract): `file`, `line`,
    /// `column`, `end_line`, `end_column` (1-based, columns in characters; `null` when the
    /// problem is about a whole file), `severity`, `code`, `message`, `hint` (`null` when
    /// none), `fixable`.
    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        let positions = self.positions();
        serde_json::json!({
            "file": self.path.as_ref().map(|p| p.display().to_string()),
            "line": positions.map(|(s, _)| s.line),
            "column": positions.map(|(s, _)| s.column),
            "end_line": positions.map(|(_, e)| e.line),
            "end_column": positions.map(|(_, e)| e.column),
            "severity": self.severity.as_str(),
            "code": self.code,
            "message": self.message.get(lang),
            "hint": self.hint.as_ref().map(|h| h.get(lang)),
            "fixable": self.fix.is_some(),
        })
    }

    /// The diagnostic as a GitHub Actions workflow command (`::error file=…,line=…::…`).
    pub fn to_github(&self, lang: Lang) -> String {
        let command = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let mut props = Vec::new();
        if let Some(path) = &self.path {
            props.push(format!(
                "file={}",
                github_property(&path.display().to_string())
            ));
        }
        if let Some((start, end)) = self.positions() {
            props.push(format!("line={}", start.line));
            props.push(format!("col={}", start.column));
            props.push(format!("endLine={}", end.line));
            props.push(format!("endColumn={}", end.column));
        }
        props.push(format!("title={}", self.code));
        let mut message = self.message.get(lang).to_string();
        if let Some(hint) = &self.hint {
            message.push_str(" — ");
            message.push_str(hint.get(lang));
        }
        format!("::{command} {}::{}", props.join(","), github_data(&message))
    }
}

fn github_data(text: &str) -> String {
    printable(
        &text
            .replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A"),
    )
    .into_owned()
}

/// Whether a character must not reach a terminal or a log as it is: C0 and C1 controls other
/// than tab and line feed (ESC starts terminal escape sequences, CR overwrites a line), DEL,
/// and the bidirectional overrides that make text read otherwise than it is stored.
fn unprintable(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// How an unprintable character is shown: its Unicode control picture (␛ for ESC) where it
/// has one, else its code (`<U+202E>`).
fn shown(c: char) -> String {
    match c as u32 {
        n @ 0..=0x1F => char::from_u32(0x2400 + n).map_or_else(String::new, String::from),
        0x7F => "␡".to_string(),
        n => format!("<U+{n:04X}>"),
    }
}

/// Text safe to print: unprintable characters shown as visible stand-ins.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(unprintable) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unprintable(c) {
            out.push_str(&shown(c));
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// A source excerpt safe to print, and the span moved to match the stand-ins.
fn printable_excerpt(
    excerpt: &str,
    span: Range<usize>,
) -> (std::borrow::Cow<'_, str>, Range<usize>) {
    if !excerpt.chars().any(unprintable) {
        return (excerpt.into(), span);
    }
    let mut out = String::with_capacity(excerpt.len() + 8);
    let (mut start, mut end) = (span.start, span.end);
    let mut chars = excerpt.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if i == span.start {
            start = out.len();
        }
        if i == span.end {
            end = out.len();
        }
        if c == '\r' && chars.peek().is_some_and(|&(_, next)| next == '\n') {
            out.push(c);
        } else if unprintable(c) {
            out.push_str(&shown(c));
        } else {
            out.push(c);
        }
    }
    if span.start >= excerpt.len() {
        start = out.len();
    }
    if span.end >= excerpt.len() {
        end = out.len();
    }
    (out.into(), start..end.max(start))
}

fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// At most this many diagnostics of one code are printed per file; the rest are counted in one
/// note (as compilers do), so a file with a million of one mistake prints in linear time and
/// stays readable.
pub const MAX_PER_RULE_AND_FILE: usize = 50;

/// The diagnostics to print: at most [`MAX_PER_RULE_AND_FILE`] of each code per file, in
/// their order, each group that was cut followed by a note saying how many more there are.
/// (Counts and exit codes are taken from the whole list, not from this.)
pub fn capped(diagnostics: &[Diagnostic]) -> Vec<std::borrow::Cow<'_, Diagnostic>> {
    use std::borrow::Cow;
    use std::collections::HashMap;
    let mut total: HashMap<(Code, Option<&PathBuf>), usize> = HashMap::new();
    for d in diagnostics {
        *total.entry((d.code, d.path.as_ref())).or_default() += 1;
    }
    if total.values().all(|&n| n <= MAX_PER_RULE_AND_FILE) {
        return diagnostics.iter().map(Cow::Borrowed).collect();
    }
    let mut shown: HashMap<(Code, Option<&PathBuf>), usize> = HashMap::new();
    let mut out = Vec::new();
    for d in diagnostics {
        let key = (d.code, d.path.as_ref());
        let n = shown.entry(key).or_default();
        *n += 1;
        if *n <= MAX_PER_RULE_AND_FILE {
            out.push(Cow::Borrowed(d));
        }
        let all = total[&key];
        if *n == MAX_PER_RULE_AND_FILE && all > MAX_PER_RULE_AND_FILE {
            let more = all - MAX_PER_RULE_AND_FILE;
            let mut note = Diagnostic::new(
                d.code,
                Text::new(
                    format!(
                        "… and {more} more {} like this in this file (not shown)",
                        d.code
                    ),
                    format!("…… 本文件中另有 {more} 处同类问题 {}（未列出）", d.code),
                ),
            );
            note.severity = Severity::Note;
            note.path.clone_from(&d.path);
            out.push(Cow::Owned(note));
        }
    }
    out
}

/// Whether any diagnostic in the list is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

#[cfg(test)]
mod tests {
    #[test]
    fn chinese_labels_take_a_full_width_colon_and_nothing_else_changes() {
        let plain = "错误[E0712]: 文字: 甲\n  |\n3 | title = \"提示: 乙\"\n  = 提示: 请填写\n";
        assert_eq!(
            super::full_width_colons(plain),
            "错误[E0712]：文字: 甲\n  |\n3 | title = \"提示: 乙\"\n  = 提示：请填写\n"
        );
        let styled = "\u{1b}[1m\u{1b}[91m错误[E0712]\u{1b}[0m\u{1b}[1m: 文字\n  \u{1b}[1m=\u{1b}[0m 提示: 改\n";
        assert_eq!(
            super::full_width_colons(styled),
            "\u{1b}[1m\u{1b}[91m错误[E0712]\u{1b}[0m\u{1b}[1m：文字\n  \u{1b}[1m=\u{1b}[0m 提示：改\n"
        );
    }

    use super::*;

    #[test]
    fn system_errors_are_said_in_both_languages() {
        let e = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert_eq!(io_error_text(&e).zh, "权限不足");
        let e = std::io::Error::other("odd");
        assert_eq!(io_error_text(&e).zh, "系统错误（odd）");
    }

    #[test]
    fn a_flood_of_one_mistake_is_cut_with_a_count() {
        let file = Arc::new(SourceFile::new("a.toml", "〔".repeat(1000)));
        let diags: Vec<Diagnostic> = (0..1000)
            .map(|i| Diagnostic::new(Code::E0706, Text::new("x", "x")).at(&file, i * 3..i * 3 + 3))
            .chain(std::iter::once(Diagnostic::new(
                Code::W0701,
                Text::new("y", "y"),
            )))
            .collect();
        let shown = capped(&diags);
        assert_eq!(shown.len(), MAX_PER_RULE_AND_FILE + 2);
        let note = &shown[MAX_PER_RULE_AND_FILE];
        assert_eq!(note.severity, Severity::Note);
        assert!(note.message.en.contains("950 more"), "{}", note.message.en);
        assert_eq!(shown.last().unwrap().code, Code::W0701);
    }

    #[test]
    fn control_characters_are_shown_not_sent() {
        assert_eq!(printable("a\u{1b}[31mb\tc\n"), "a␛[31mb\tc\n");
        assert_eq!(printable("\u{202E}abc"), "<U+202E>abc");
        assert_eq!(github_data("50%\r\n\u{1b}"), "50%25%0D%0A␛");
        // The marker still sits under the same characters.
        let (text, span) = printable_excerpt("x\u{1}yz\r\n", 3..4);
        assert_eq!(&text[span], "z");
        let (text, span) = printable_excerpt("x\u{1}", 1..2);
        assert_eq!(&text[span], "␁");
    }
}
