//! Rules about meaning, each a function returning diagnostics.
//!
//! The loader has already checked the file format (syntax, keys, types). Here the report is
//! checked as a report: the statutory contents, dates and deadlines, 文号, counts and totals,
//! and the prose of every text field. Every rule points at the key or text it is about.
//! `prose` and `doc_no` are pure functions on one string; this module maps what they find
//! back into the files.

mod control;
mod counts;
mod doc_no;
mod finding;
mod glyphs;
mod norms;
mod problems;
mod prose;
mod references;
mod structure;

pub use finding::Finding;
pub use prose::{has_placeholder, lint, lint_title};

use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::load::{KeyPath, Loaded, Segment, TextKind, verbatim_start};
use crate::model::FileId;
use crate::model::Report;

/// Runs every rule over a loaded report.
pub fn validate(loaded: &Loaded, report: &Report) -> Vec<Diagnostic> {
    let mut ctx = Context {
        loaded,
        diagnostics: Vec::new(),
    };
    structure::check(&mut ctx, report);
    counts::check(&mut ctx, report);
    documents(&mut ctx, report);
    text_fields(&mut ctx, &report.report.style.allowed_characters);
    ctx.diagnostics
}

/// What the rules write into.
pub(crate) struct Context<'a> {
    loaded: &'a Loaded,
    diagnostics: Vec<Diagnostic>,
}

impl Context<'_> {
    /// Adds a diagnostic about the value at `path` in `file` (or the nearest key that is there).
    pub(crate) fn push(&mut self, file: &str, path: &[Segment], diag: Diagnostic) {
        let diag = match self.loaded.file(file) {
            Some(f) => match f.spans.value(path).or_else(|| f.spans.nearest(path)) {
                Some(span) => diag.at(&f.source, span),
                None => diag.in_file(&f.source),
            },
            None => diag.at_path(self.loaded.dir.join(file)),
        };
        self.diagnostics.push(diag);
    }

    /// Adds the findings of a string rule about the string at `path` in `file`: at their exact
    /// place when the file holds the string verbatim, else at the whole value (and unfixable).
    fn push_findings(&mut self, file: &str, path: &[Segment], value: &str, findings: Vec<Finding>) {
        if findings.is_empty() {
            return;
        }
        let Some(f) = self.loaded.file(file) else {
            return;
        };
        let Some(span) = f.spans.value(path) else {
            return;
        };
        let start = verbatim_start(&f.source.text, &span, value);
        for finding in findings {
            let mut diag = Diagnostic::new(finding.code, finding.message);
            if let Some(hint) = finding.hint {
                diag = diag.with_hint(hint);
            }
            diag = match start {
                Some(start) => {
                    let at = start + finding.range.start..start + finding.range.end;
                    let diag = diag.at(&f.source, at);
                    match finding.fix {
                        Some(fix) => diag.with_fix(fix),
                        None => diag,
                    }
                }
                None => diag.at(&f.source, span.clone()),
            };
            self.diagnostics.push(diag);
        }
    }
}

pub(crate) fn key(k: &str) -> Segment {
    Segment::Key(k.into())
}

pub(crate) fn join(path: &[Segment], more: &[Segment]) -> KeyPath {
    path.iter().chain(more).cloned().collect()
}

/// The 文号 of the report itself and of every document implemented.
fn documents(ctx: &mut Context<'_>, report: &Report) {
    // A date still 待补充 gives no year to hold a 文号 to (u16::MAX: no year is after it).
    let signed = report.report.date.date().map_or(u16::MAX, |d| d.year);
    if let Some(no) = &report.report.doc_no {
        let found = doc_no::check(no, signed);
        ctx.push_findings(FileId::Report.name(), &[key("doc_no")], no, found);
    }
    for (i, d) in report.report.documents.iter().enumerate() {
        if let Some(no) = &d.doc_no {
            let path = [key("documents"), Segment::Index(i), key("doc_no")];
            ctx.push_findings(FileId::Report.name(), &path, no, doc_no::check(no, signed));
        }
    }
}

/// One text may have at most this many lines (E0304): a Markdown table of a few hundred
/// thousand rows would take gigabytes to lay out in HTML and DOCX.
pub const MAX_TEXT_LINES: usize = 10_000;

/// Prose lint on every string of every file; typed-numbering on section, problem and plan
/// titles.
fn text_fields(ctx: &mut Context<'_>, allowed: &str) {
    let loaded = ctx.loaded;
    for (file, f) in &loaded.files {
        for value in f.spans.strings() {
            let text = value.text(&f.source.text);
            // Counted only past the bound (most texts have a handful of lines).
            let too_many = memchr::memchr_iter(b'\n', text.as_bytes())
                .nth(MAX_TEXT_LINES - 1)
                .is_some();
            if too_many {
                let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
                let diag = problems::too_many_lines(lines, MAX_TEXT_LINES);
                ctx.diagnostics.push(diag.at(&f.source, value.span.clone()));
                continue;
            }
            if crate::text::chars::any_forbidden(text) {
                ctx.diagnostics
                    .extend(control::check(&f.source, value.span.clone()));
            }
            if value.kind == TextKind::Code {
                continue;
            }
            if crate::text::opens_template_tag(text, b"{%") && !takes_references(file, &value.path)
            {
                ctx.diagnostics
                    .push(problems::printed_as_written().at(&f.source, value.span.clone()));
            }
            let mut findings = lint(text);
            if references::may_hold(text) && takes_references(file, &value.path) {
                let templated = prose::template_ranges(text);
                findings.extend(references::typos(text, &templated));
            }
            findings.extend(glyphs::check(text, allowed));
            if is_body_text(&value.path) {
                findings.extend(paragraphs_without_a_stop(text));
            }
            if value.kind == TextKind::OutlineTitle {
                findings.retain(|f| f.code != Code::E0703 && f.code != Code::E0702);
                findings.extend(lint_title(text));
            }
            if findings.is_empty() {
                continue;
            }
            ctx.push_findings(file, &value.path, text, findings);
        }
    }
}

/// Whether a field's text is filled in (`{{ }}` names data there): the title, the intro and
/// highlights, the sections' titles, texts and points, and every `text` and `cause`. Other
/// strings (a document's title, a name, the 署名, a list item) are printed as written.
fn takes_references(file: &str, path: &[Segment]) -> bool {
    let keys: Vec<&str> = path
        .iter()
        .filter_map(|s| match s {
            Segment::Key(k) => Some(&**k),
            Segment::Index(_) => None,
        })
        .collect();
    matches!(keys.as_slice(), [.., "text" | "text_after" | "cause"])
        || (file == FileId::Report.name()
            && matches!(
                keys.as_slice(),
                ["title" | "intro" | "highlights"] | ["sections", .., "title" | "points"]
            ))
}

/// Whether a field holds paragraphs of body text (`text`, `text_after`, `intro`) — not an
/// event's phrase (`3月15日印发……`, worded into a sentence) nor a cause (`究其原因，……。`).
fn is_body_text(path: &[Segment]) -> bool {
    let last = matches!(
        path.last(),
        Some(Segment::Key(k)) if matches!(&**k, "text" | "text_after" | "intro")
    );
    last && path.first() != Some(&key("events"))
}

/// W0729: the paragraphs of a body text that end without a stop (GB/T 15834 4.1): with a
/// word, a number, a ，or 、, or a closing mark with no stop before it (`……《宪法》`). A
/// paragraph that ends with ： or a `{{ }}` (what it prints is not known here), and one that
/// is a list, a table, a heading, code, a remark in brackets, a caption (`表1 …`) or a label
/// line (`附件：…`, `联系人：…`) is left alone.
fn paragraphs_without_a_stop(text: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut at = 0;
    for paragraph in text.split("\n\n") {
        let start = at;
        at += paragraph.len() + 2;
        let body = paragraph.trim_end();
        let Some(last) = body.chars().next_back() else {
            continue;
        };
        let template = body.ends_with("}}") || body.ends_with("%}") || body.ends_with("#}");
        // The cheap tests first: most paragraphs end with a stop.
        if ends_with_a_stop(body) || template || not_a_sentence(body) {
            continue;
        }
        let end = start + body.len();
        out.push(problems::paragraph_without_stop(
            end - last.len_utf8()..end,
            last,
        ));
    }
    out
}

/// Marks that end a sentence (or, for ： and —, lead into what follows).
const STOPS: &[char] = &[
    '。', '！', '？', '…', '；', '：', '!', '?', ';', ':', '.', '—',
];

/// Whether a paragraph ends with a stop, before any closing marks (`……。”`, `（……。）`).
fn ends_with_a_stop(body: &str) -> bool {
    const CLOSERS: &[char] = &[
        '”', '’', '）', ')', '】', '》', '」', '』', '〕', '"', '\'', '*',
    ];
    let open = body.trim_end_matches(CLOSERS);
    open.ends_with(STOPS)
}

/// A paragraph that is not a sentence of body text: structure (a list, a table, a heading,
/// code, several lines), a draft's placeholder, a remark wholly in brackets, a caption, a
/// label line.
fn not_a_sentence(body: &str) -> bool {
    let first = body.trim_start();
    if crate::text::starts_with_a_list(first)
        || crate::text::starts_with_a_block(body)
        || first.starts_with(['-', '*', '+', '`'])
        || body.contains('\n')
        || has_placeholder(body)
    {
        return true;
    }
    let remark = first.starts_with(['（', '(']) && first.ends_with(['）', ')']);
    let caption = ["表", "图", "附表", "附图"].iter().any(|w| {
        first.strip_prefix(w).is_some_and(|rest| {
            rest.starts_with(|c: char| {
                c.is_ascii_digit() || crate::text::numerals::is_heading_numeral(c)
            })
        })
    });
    // `附件：…`, `联系人：张三`: a short label, a colon, a value, no sentence.
    let label = first
        .split_once('：')
        .is_some_and(|(label, _)| label.chars().count() <= 6 && !label.contains('，'))
        && !first.contains('。');
    remark || caption || label
}

#[cfg(test)]
mod tests {
    use super::Finding;
    use super::paragraphs_without_a_stop;
    use crate::codes::Code;

    /// The text with a finding's fix applied.
    fn fixed(text: &str, f: &Finding) -> String {
        let fix = f.fix.as_deref().expect("a fixable finding");
        format!("{}{fix}{}", &text[..f.range.start], &text[f.range.end..])
    }

    /// What a hint tells the clerk to write: the words in “” of the Chinese hint, else after
    /// `write ` in the English.
    fn suggested(f: &Finding) -> String {
        let hint = f.hint.as_ref().expect("a hint");
        hint.zh
            .split_once('“')
            .and_then(|(_, r)| r.rsplit_once('”'))
            .map_or_else(
                || {
                    hint.en
                        .trim_start_matches("write ")
                        .trim_matches('`')
                        .to_string()
                },
                |(s, _)| s.to_string(),
            )
    }

    /// Following a hint by hand gives what `--fix` gives: the hint is worked out from the text
    /// it is about, by the same values as the fix.
    #[test]
    fn a_paragraph_ends_with_a_stop_unless_it_is_no_sentence() {
        let flagged = [
            "全面推行三项制度",
            "2023年，我镇全面推行三项制度",
            "全面推行三项制度，",
            "梳理权责事项、",
            "群众知晓率达到95%",
            "认真学习《宪法》",
            "落实实施方案（某府发〔2021〕5号）",
        ];
        for text in flagged {
            assert_eq!(paragraphs_without_a_stop(text).len(), 1, "{text}");
        }
        let quiet = [
            "全面推行三项制度。",
            "他说：“要依法办事。”",
            "（此页无正文）",
            "附件：法治政府建设工作台账",
            "联系人：张三，联系电话：12345678",
            "表1 行政执法案件统计",
            "| 项目 | 数量 |\n|---|---|\n| 案件 | 3 |",
            "> 引文",
            "1. 甲\n2. 乙",
            "（一）加强领导",
            "现将有关情况报告如下：",
            "举办{{ outreach.counts.x }}",
            "待补充",
        ];
        for text in quiet {
            assert!(paragraphs_without_a_stop(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_hint_says_what_the_fix_writes() {
        let prose = [
            ("宣传“12.4”宪法日。", Code::W0705),
            ("“3.15”消费者权益日", Code::W0705),
            ("编制2015-2020年规划", Code::W0714),
            ("参加培训35-40人。", Code::W0714),
        ];
        for (text, code) in prose {
            let found = super::prose::lint(text);
            let f = found.iter().find(|f| f.code == code).expect("found");
            let after = fixed(text, f);
            assert!(
                after.contains(&suggested(f)),
                "{text}: the hint says {:?}, the fix gives {after}",
                suggested(f)
            );
        }
        for (no, code) in [
            ("某府发[2025]3号", Code::E0602),
            ("某府发〔2025〕03号", Code::E0604),
        ] {
            let found = super::doc_no::check(no, 2026);
            let f = found.iter().find(|f| f.code == code).expect("found");
            let after = fixed(no, f);
            assert!(
                after.contains(&suggested(f)),
                "{no}: {:?} vs {after}",
                suggested(f)
            );
            assert!(
                super::doc_no::check(&after, 2026).is_empty(),
                "{after} is clean"
            );
        }
    }
}
