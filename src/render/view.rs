//! The view model: the typed report turned into values templates print as they are.
//!
//! Everything a template needs is decided here, once: section numbers from positions, run-in
//! or standalone headings, narrative rendered (with its `{{ … }}` references resolved), blocks
//! worded by their templates, problems and plans made into numbered sections, the 署名 and
//! 成文日期 placed as GB/T 9704 7.3.5 says. Templates only arrange.

use crate::codes::Code;
use std::collections::BTreeMap;
use std::sync::Arc;

use indexmap::IndexMap;
use minijinja::value::{Enumerator, Object, Value};
use minijinja::{Environment, Error, context};
use unicode_width::UnicodeWidthStr;

use super::RenderOptions;
use super::markdown;
use super::numerals::heading_number;
use super::objects::{MarkdownText, Phrase};
use crate::diagnostic::{Diagnostic, Text};
use crate::load::{KeyPath, Loaded, Segment};
use crate::model::common::Counts;
use crate::model::legal_aid::Post;
use crate::model::report::Section;
use crate::model::{Block, HeadingStyle, Report, UnitKind};

type TemplateDiagnostic<'a> = &'a dyn Fn(&Error) -> Diagnostic;

/// Builds the template context for one report: `report` (the view) and `data` (the facts).
pub fn build(
    env: &Environment<'static>,
    loaded: &Loaded,
    report: &Report,
    options: RenderOptions,
    template_diagnostic: TemplateDiagnostic<'_>,
) -> Result<Value, Vec<Diagnostic>> {
    let mut builder = Builder {
        env,
        loaded,
        report,
        data: data_context(report),
        diagnostics: Vec::new(),
        template_diagnostic,
        expanded: 0,
    };
    let view = builder.report_view(options);
    if builder.diagnostics.is_empty() {
        Ok(context! { report => view, data => builder.data })
    } else {
        Err(builder.diagnostics)
    }
}

struct Builder<'a> {
    env: &'a Environment<'static>,
    loaded: &'a Loaded,
    report: &'a Report,
    data: Value,
    diagnostics: Vec<Diagnostic>,
    template_diagnostic: TemplateDiagnostic<'a>,
    /// Bytes of text the report's data texts have expanded to so far: together they may not
    /// pass what one page may hold (each alone is bounded too).
    expanded: usize,
}

fn key(k: &str) -> Segment {
    Segment::Key(k.to_string())
}

fn with(path: &[Segment], more: &[Segment]) -> KeyPath {
    path.iter().chain(more).cloned().collect()
}

impl Builder<'_> {
    fn report_view(&mut self, options: RenderOptions) -> Value {
        let r = &self.report.report;
        let intro = match &r.intro {
            Some(text) => self.narrative("report.toml", vec![key("intro")], text, &[]),
            None => String::new(),
        };
        let sections: Vec<Value> = r
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| self.section(s, vec![key("sections"), Segment::Index(i)], 1, i + 1))
            .collect();
        let date = r.date.chinese();
        let (signer_indent, date_indent) = signoff_indents(&r.signer, &date);
        context! {
            title => title(self.report),
            unit => self.data.get_attr("unit").unwrap_or_default(),
            year => r.year,
            date => date,
            date_iso => r.date.to_string(),
            signer => r.signer.clone(),
            recipient => r.recipient.clone(),
            sample => r.sample,
            draft => options.draft,
            bold_levels => r.style.bold_levels.clone(),
            intro => Value::from_object(MarkdownText { markdown: intro, lead: None }),
            sections => sections,
            signoff => context! { signer_indent, date_indent },
        }
    }

    fn section(&mut self, s: &Section, path: KeyPath, level: usize, index: usize) -> Value {
        let mut parts = Vec::new();
        if let Some(text) = &s.text {
            parts.push(self.narrative("report.toml", with(&path, &[key("text")]), text, &[]));
        }
        let mut children = Vec::new();
        match s.block {
            Some(Block::Problems) => children.extend(self.problem_sections(level + 1)),
            Some(Block::Plans) => children.extend(self.plan_sections(level + 1)),
            Some(Block::FollowUps) => children.extend(self.follow_up_sections(level + 1)),
            Some(block) => parts.push(self.block(block, level, &s.only)),
            None => {}
        }
        if let Some(text) = &s.text_after {
            parts.push(self.narrative("report.toml", with(&path, &[key("text_after")]), text, &[]));
        }
        for (i, child) in s.sections.iter().enumerate() {
            let child_path = with(&path, &[key("sections"), Segment::Index(i)]);
            let n = children.len() + 1;
            children.push(self.section(child, child_path, level + 1, n));
        }
        let run_in = match s.heading {
            Some(HeadingStyle::RunIn) => true,
            Some(HeadingStyle::Standalone) => false,
            None => level >= 3,
        };
        let title = self.inline("report.toml", with(&path, &[key("title")]), &s.title);
        section_value(SectionParts {
            level,
            index,
            title: &title,
            id: s.id.as_deref(),
            statutory_item: s.statutory_item,
            run_in,
            body: join_paragraphs(parts),
            children,
        })
    }

    fn problem_sections(&mut self, level: usize) -> Vec<Value> {
        let problems = self.report.problems.problems.clone();
        problems
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let path = vec![key("problems"), Segment::Index(i)];
                let cause = p
                    .cause
                    .as_ref()
                    .map(|c| self.narrative("problems.toml", with(&path, &[key("cause")]), c, &[]));
                // The cause is already Markdown: it is printed as it is, not escaped again.
                let cause_value = Value::from_safe_string(cause.clone().unwrap_or_default());
                let mut body = p
                    .text
                    .as_ref()
                    .map(|t| {
                        self.narrative(
                            "problems.toml",
                            with(&path, &[key("text")]),
                            t,
                            &[("cause", cause_value.clone())],
                        )
                    })
                    .unwrap_or_default();
                if let Some(cause) = cause.filter(|c| !c.is_empty() && !body.contains(c.as_str())) {
                    let stop = if ends_with_stop(&cause) { "" } else { "。" };
                    body = join_paragraphs(vec![body, format!("究其原因，{cause}{stop}")]);
                }
                section_value(SectionParts {
                    level,
                    index: i + 1,
                    title: &p.title,
                    id: None,
                    statutory_item: Some(2),
                    run_in: true,
                    body,
                    children: Vec::new(),
                })
            })
            .collect()
    }

    fn plan_sections(&mut self, level: usize) -> Vec<Value> {
        let items: Vec<(String, Option<String>)> = (self.report.plans.plans.iter())
            .map(|p| (p.title.clone(), p.text.clone()))
            .collect();
        self.item_sections(level, "plans", &items, 4)
    }

    fn follow_up_sections(&mut self, level: usize) -> Vec<Value> {
        let items: Vec<(String, Option<String>)> = (self.report.plans.follow_ups.iter())
            .map(|f| (f.plan.clone(), f.text.clone()))
            .collect();
        self.item_sections(level, "follow_ups", &items, 1)
    }

    /// Items of a list in `plans.toml` (title and text) as numbered run-in sections.
    fn item_sections(
        &mut self,
        level: usize,
        list: &str,
        items: &[(String, Option<String>)],
        statutory_item: u8,
    ) -> Vec<Value> {
        items
            .iter()
            .enumerate()
            .map(|(i, (title, text))| {
                let path = vec![key(list), Segment::Index(i), key("text")];
                let body = text
                    .as_ref()
                    .map(|t| self.narrative("plans.toml", path, t, &[]))
                    .unwrap_or_default();
                section_value(SectionParts {
                    level,
                    index: i + 1,
                    title,
                    id: None,
                    statutory_item: Some(statutory_item),
                    run_in: true,
                    body,
                    children: Vec::new(),
                })
            })
            .collect()
    }

    /// A block's wording, from `blocks/<name>.md.j2`.
    fn block(&mut self, block: Block, level: usize, only: &[String]) -> String {
        let duties = self.report.leadership.duties.clone();
        let items: Vec<Value> = duties
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let text = self.narrative(
                    "leadership.toml",
                    vec![key("duties"), Segment::Index(i), key("text")],
                    &d.text,
                    &[],
                );
                context! {
                    number => heading_number(level + 1, i + 1),
                    text => Value::from_safe_string(text.trim().to_string()),
                    by => d.by.clone(),
                }
            })
            .collect();
        let name = format!("blocks/{}.md.j2", block.name());
        let ctx =
            context! { level => level, items => items, only => only.to_vec(), ..self.data.clone() };
        match self
            .env
            .get_template(&name)
            .and_then(|t| super::limits::render(&t, ctx, super::limits::MAX_PAGE_OUTPUT))
        {
            Ok(text) => text.trim().to_string(),
            Err(e) => {
                self.diagnostics.push((self.template_diagnostic)(&e));
                String::new()
            }
        }
    }

    /// Renders a one-line text (a title) from a data file: references resolved, no escaping
    /// (the template escapes it where it prints it).
    fn inline(&mut self, file: &'static str, path: KeyPath, text: &str) -> String {
        if !has_template_syntax(text) {
            return text.trim().to_string();
        }
        self.render_data_text(file, path, text, &[], "narrative.txt")
    }

    /// Renders a narrative string from a data file; its `{{ … }}` name data.
    fn narrative(
        &mut self,
        file: &'static str,
        path: KeyPath,
        text: &str,
        extra: &[(&str, Value)],
    ) -> String {
        if !has_template_syntax(text) {
            return markdown::neutralise_html(text.trim());
        }
        markdown::neutralise_html(&self.render_data_text(file, path, text, extra, "narrative.md"))
    }

    /// Renders text from a data file as a template; the extension of `name` (`.md` or `.txt`)
    /// picks the escaping of the values it names. Errors are placed by `path`, not by name.
    fn render_data_text(
        &mut self,
        file: &'static str,
        path: KeyPath,
        text: &str,
        extra: &[(&str, Value)],
        name: &'static str,
    ) -> String {
        let ctx = if extra.is_empty() {
            self.data.clone()
        } else {
            let extra: BTreeMap<String, Value> = extra
                .iter()
                .map(|(k, v)| ((*k).to_string(), v.clone()))
                .collect();
            context! { ..Value::from(extra), ..self.data.clone() }
        };
        if self.expanded > super::limits::MAX_PAGE_OUTPUT {
            // Already reported once; the page will not be built.
            return String::new();
        }
        let fast = if name.ends_with(".md") {
            render_references(self.env, text, &ctx)
        } else {
            None
        };
        let rendered = match fast {
            Some(rendered) => Ok(rendered),
            None => self
                .env
                .template_from_named_str(name, text)
                .and_then(|t| super::limits::render(&t, ctx, super::limits::MAX_TEXT_OUTPUT)),
        };
        if let Ok(text) = &rendered {
            self.expanded += text.len();
            if self.expanded > super::limits::MAX_PAGE_OUTPUT {
                let limit = super::limits::MAX_PAGE_OUTPUT >> 20;
                let diag = Diagnostic::new(
                    Code::E0303,
                    Text::new(
                        format!(
                            "with {}, the report's texts would print more than {limit} MiB",
                            crate::load::path_label(&path).en
                        ),
                        format!(
                            "加上{}，报告各段文字的输出将超过 {limit} MiB",
                            crate::load::path_label(&path).zh
                        ),
                    ),
                )
                .with_hint(super::limit_hint());
                let diag = match self
                    .loaded
                    .file(file)
                    .zip(self.loaded.file(file).and_then(|f| f.spans.value(&path)))
                {
                    Some((f, span)) => diag.at(&f.source, span),
                    None => diag.at_path(self.loaded.dir.join(file)),
                };
                self.diagnostics.push(diag);
                return String::new();
            }
        }
        match rendered {
            Ok(rendered) => rendered.trim().to_string(),
            Err(err) => {
                let diag = self.narrative_diagnostic(file, &path, text, &err);
                self.diagnostics.push(diag);
                String::new()
            }
        }
    }

    /// For an undefined `a.b.c`, the closest existing `a.b.x`.
    fn suggest_name(&self, err: &Error) -> Option<String> {
        let detail = err.detail()?;
        let name = detail.split('`').nth(1)?;
        let mut parts: Vec<&str> = name.split('.').collect();
        let last = parts.pop()?;
        let mut node = self.data.clone();
        for part in &parts {
            node = node.get_attr(part).ok().filter(|v| !v.is_undefined())?;
        }
        let keys: Vec<String> = node.try_iter().ok()?.map(|k| k.to_string()).collect();
        let best = crate::suggest::closest(last, keys.iter().map(String::as_str))?;
        parts.push(best);
        Some(parts.join("."))
    }

    fn narrative_diagnostic(
        &self,
        file: &str,
        path: &KeyPath,
        text: &str,
        err: &Error,
    ) -> Diagnostic {
        if let Some((en, zh)) = super::limits::crossed(err) {
            let diag = Diagnostic::new(
                Code::E0303,
                Text::new(
                    format!("{}: {en}", crate::load::path_label(path).en),
                    format!("{}：{zh}", crate::load::path_label(path).zh),
                ),
            )
            .with_hint(super::limit_hint());
            return self.place_text_diagnostic(diag, file, path, text, err);
        }
        let message = super::problems::template_error_text(err);
        let place = crate::load::path_label(path);
        let known: Vec<String> = self
            .data
            .try_iter()
            .map(|it| it.map(|k| k.to_string()).collect())
            .unwrap_or_default();
        let hint = match self.suggest_name(err) {
            Some(name) => Text::new(
                format!("did you mean `{name}`?"),
                format!("是否应为 `{name}`？"),
            ),
            None => Text::new(
                format!(
                    "text may name data in {{{{ }}}}, e.g. {{{{ outreach.counts.consultation }}}}; top-level names: {}",
                    known.join(", ")
                ),
                format!(
                    "文字中可用 `{{{{ }}}}` 引用数据，如 `{{{{ outreach.counts.consultation }}}}`；可用的名称：{}",
                    known
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join("、")
                ),
            ),
        };
        let diag = Diagnostic::new(
            Code::E0302,
            Text::new(
                format!("in {}: {}", place.en, message.en),
                format!("{}中引用数据出错：{}", place.zh, message.zh),
            ),
        )
        .with_hint(hint);
        self.place_text_diagnostic(diag, file, path, text, err)
    }

    /// Places a diagnostic about a text in data at the error's place in it.
    fn place_text_diagnostic(
        &self,
        diag: Diagnostic,
        file: &str,
        path: &KeyPath,
        text: &str,
        err: &Error,
    ) -> Diagnostic {
        let Some(loaded_file) = self.loaded.file(file) else {
            return diag.at_path(self.loaded.dir.join(file));
        };
        let source = &loaded_file.source;
        let Some(span) = loaded_file.spans.value(path) else {
            return diag.in_file(source);
        };
        // Exact position when the string has no escapes (its text is the file's text).
        if let Some(start) = crate::load::verbatim_start(&source.text, &span, text)
            && let Some(range) = err.range().filter(|r| r.end <= text.len())
        {
            return diag.at(source, start + range.start..start + range.end);
        }
        let content_start = crate::load::content_start(&source.text, &span);
        let first_line = source.position(content_start).line;
        let line = first_line + err.line().unwrap_or(1).saturating_sub(1);
        diag.at(source, source.line_range(line))
    }
}

/// Renders Markdown narrative whose only template syntax is references — `{{ a.b }}`,
/// `{{ documents | cite }}` — without compiling the text as a template (most narrative is
/// like this). A plain name is looked up in `ctx` and printed as a Markdown template prints
/// it; any other reference is rendered as a template of its own, which the environment
/// compiles once per run (references repeat across reports; narrative does not). Tags,
/// comments, whitespace control, or any error return `None`: the template engine then
/// renders the whole text and reports the error where it is. A property test holds the two
/// ways to the same output.
fn render_references(env: &Environment<'static>, text: &str, ctx: &Value) -> Option<String> {
    if text.contains("{%") || text.contains("{#") {
        return None;
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let inner_start = open + 2;
        let close = inner_start + rest[inner_start..].find("}}")?;
        let reference = rest[inner_start..close].trim();
        match lookup_reference(reference, ctx) {
            Some(value) => out.push_str(&super::as_markdown(&value)),
            None => {
                let controls_space = |c: char| c == '-' || c == '+';
                if reference.is_empty()
                    || reference.starts_with(controls_space)
                    || reference.ends_with(controls_space)
                {
                    return None;
                }
                let name = format!("{}{reference}.md", super::REFERENCE_TEMPLATE);
                // Compiled once per run and kept; past a bound on how many are kept, the
                // loader refuses and the text takes the engine's path.
                let template = env.get_template(&name).ok()?;
                let limit = super::limits::MAX_TEXT_OUTPUT.saturating_sub(out.len());
                out.push_str(&super::limits::render(&template, ctx.clone(), limit).ok()?);
            }
        }
        // Past the bound, the slow path renders the text again and reports where.
        if out.len() > super::limits::MAX_TEXT_OUTPUT {
            return None;
        }
        rest = &rest[close + 2..];
    }
    out.push_str(rest);
    Some(out)
}

/// The value a reference `a.b.c` names in `ctx`, when it is one (and defined).
fn lookup_reference(reference: &str, ctx: &Value) -> Option<Value> {
    let is_name = |part: &str| {
        part.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            // Literals and the loop variable are not data.
            && !matches!(part, "true" | "false" | "none" | "True" | "False" | "None" | "loop")
    };
    let mut value: Option<Value> = None;
    for part in reference.split('.') {
        if !is_name(part) {
            return None;
        }
        let parent = value.as_ref().unwrap_or(ctx);
        value = Some(parent.get_attr(part).ok().filter(|v| !v.is_undefined())?);
    }
    value
}

fn has_template_syntax(text: &str) -> bool {
    text.contains("{{") || text.contains("{%") || text.contains("{#")
}

struct SectionParts<'a> {
    level: usize,
    index: usize,
    title: &'a str,
    id: Option<&'a str>,
    statutory_item: Option<u8>,
    run_in: bool,
    body: String,
    children: Vec<Value>,
}

fn section_value(p: SectionParts<'_>) -> Value {
    let number = heading_number(p.level, p.index);
    let stop = if ends_with_stop(p.title) { "" } else { "。" };
    let run_in_title = format!("{}{stop}", p.title);
    let lead = p
        .run_in
        .then(|| (format!("{number}{run_in_title}"), p.level));
    Value::from_object(SectionView {
        level: p.level,
        index: p.index,
        number: Value::from(number),
        title: Value::from(p.title),
        run_in: p.run_in,
        run_in_title: Value::from(run_in_title),
        id: Value::from(p.id),
        statutory_item: Value::from(p.statutory_item),
        body: Value::from_object(MarkdownText {
            markdown: p.body,
            lead,
        }),
        sections: Value::from(p.children),
    })
}

/// One section of the outline as templates see it (`s.number`, `s.body`, `s.sections` …):
/// an object that answers by name, since every page reads these many times.
#[derive(Debug)]
struct SectionView {
    level: usize,
    index: usize,
    number: Value,
    title: Value,
    run_in: bool,
    run_in_title: Value,
    id: Value,
    statutory_item: Value,
    body: Value,
    sections: Value,
}

impl SectionView {
    const FIELDS: &[&str] = &[
        "level",
        "heading_level",
        "index",
        "number",
        "title",
        "run_in",
        "run_in_title",
        "id",
        "statutory_item",
        "body",
        "sections",
    ];
}

impl Object for SectionView {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        Some(match key.as_str()? {
            "level" => Value::from(self.level),
            // The HTML heading element: <h2> for level 1 (the title is <h1>), at most <h6>.
            "heading_level" => Value::from((self.level + 1).min(6)),
            "index" => Value::from(self.index),
            "number" => self.number.clone(),
            "title" => self.title.clone(),
            "run_in" => Value::from(self.run_in),
            "run_in_title" => self.run_in_title.clone(),
            "id" => self.id.clone(),
            "statutory_item" => self.statutory_item.clone(),
            "body" => self.body.clone(),
            "sections" => self.sections.clone(),
            _ => return None,
        })
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(Self::FIELDS)
    }
}

/// Whether a heading or sentence already ends with a stop (so no 。 is added).
fn ends_with_stop(text: &str) -> bool {
    text.trim_end()
        .ends_with(['。', '：', '；', '？', '！', '…', '.', ':'])
}

fn join_paragraphs(parts: Vec<String>) -> String {
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The report's title: as given, or `<unit>关于<year>年法治政府建设工作的报告`.
pub fn title(report: &Report) -> String {
    let r = &report.report;
    r.title
        .clone()
        .unwrap_or_else(|| format!("{}关于{}年法治政府建设工作的报告", r.unit.name, r.year))
}

/// How a unit names itself in its report: 我镇, 我街道, 我区, 我局 …
pub fn self_name(kind: UnitKind, name: &str) -> String {
    let word = match kind {
        UnitKind::Township if name.ends_with('乡') => "乡",
        UnitKind::Township => "镇",
        UnitKind::Street => "街道",
        UnitKind::County => "县",
        UnitKind::District => "区",
        UnitKind::City => "市",
        UnitKind::Province => "省",
        UnitKind::Department => match name.chars().last() {
            Some('局') => "局",
            Some('委') => "委",
            Some('办') => "办",
            Some('厅') => "厅",
            Some('院') => "院",
            _ => "单位",
        },
    };
    format!("我{word}")
}

/// Right indents (in em) of the 署名 and the 成文日期 without a seal (GB/T 9704 7.3.5.2):
/// the 署名 sits two characters from the right; the date starts two characters right of the
/// 署名's start; when the date is the longer, it ends two characters from the right and the
/// 署名 moves left to keep that relation.
pub fn signoff_indents(signer: &str, date: &str) -> (f64, f64) {
    let em = |s: &str| s.width() as f64 / 2.0;
    let (signer_w, date_w) = (em(signer), em(date));
    let date_indent = signer_w - date_w;
    if date_indent >= 2.0 {
        (2.0, date_indent)
    } else {
        (date_w + 4.0 - signer_w, 2.0)
    }
}

/// The facts of a report as template values: what narrative and templates may name.
fn data_context(report: &Report) -> Value {
    let r = &report.report;
    let ser = |x: &dyn erased::Ser| x.value();
    let unit = context! {
        name => r.unit.name.clone(),
        kind => ser(&r.unit.kind),
        kind_label => r.unit.kind.label(),
        parent => r.unit.parent.clone(),
        we => self_name(r.unit.kind, &r.unit.name),
    };
    let date = Phrase::value(
        r.date.chinese(),
        [
            ("year", Value::from(r.date.year)),
            ("month", Value::from(r.date.month)),
            ("day", Value::from(r.date.day)),
            ("iso", Value::from(r.date.to_string())),
        ],
    );
    let previous = report.previous.as_deref();
    let posts: IndexMap<Value, Value> = report
        .legal_aid
        .posts
        .iter()
        .map(|(id, p)| {
            let before = previous.and_then(|prev| prev.legal_aid.posts.get(id));
            (Value::from(id.as_str()), post_value(p, before))
        })
        .collect();
    let outreach = &report.outreach;
    context! {
        unit => unit,
        year => r.year,
        date => date,
        signer => r.signer.clone(),
        title => title(report),
        recipient => r.recipient.clone(),
        documents => ser(&r.documents),
        leading_group => ser(&report.leadership.leading_group),
        duties => ser(&report.leadership.duties),
        posts => Value::from(posts),
        outreach => context! {
            campaigns => outreach.campaigns.clone(),
            occasions => outreach.occasions.clone(),
            materials => outreach.materials.clone(),
            counts => counts_value(&outreach.counts, previous.map(|p| &p.outreach.counts)),
        },
        studied => ser(&report.study.studied),
        counts => counts_value(&report.statistics.counts, previous.map(|p| &p.statistics.counts)),
        previous => previous.map(data_context),
        problems => ser(&report.problems.problems),
        plans => ser(&report.plans.plans),
        follow_ups => ser(&report.plans.follow_ups),
    }
}

mod erased {
    use minijinja::value::{Serde, Value};

    /// Anything serialisable, as a template value.
    pub trait Ser {
        fn value(&self) -> Value;
    }

    impl<T: serde::Serialize> Ser for T {
        fn value(&self) -> Value {
            Value::from(Serde(self))
        }
    }
}

fn post_value(p: &Post, before: Option<&Post>) -> Value {
    Phrase::value(
        p.phrase(),
        [
            ("name", Value::from(p.name.clone())),
            ("count", Value::from(p.count)),
            ("measure", Value::from(p.measure.clone())),
            ("places", Value::from(p.places)),
            ("place_kind", Value::from(p.place_kind.clone())),
            ("with_lawyer", Value::from(p.with_lawyer)),
            ("staffing", Value::from(p.staffing())),
            (
                "previous",
                before.map_or(Value::from(()), |b| post_value(b, None)),
            ),
        ],
    )
}

/// Counts in file order; a count that is a part of another has `is_part` set, so a template
/// can list it under its total rather than beside it.
fn counts_value(counts: &Counts, previous: Option<&Counts>) -> Value {
    let is_part = |id: &str| counts.values().any(|c| c.parts.iter().any(|p| p == id));
    let one = |c: &crate::model::Count, parts: Vec<Value>, part: bool, before: Value| {
        Phrase::value(
            format!("{}{}", c.name, c.amount()),
            [
                ("name", Value::from(c.name.clone())),
                ("value", Value::from(minijinja::value::Serde(&c.value))),
                ("unit", Value::from(c.unit.clone())),
                ("approx", Value::from(c.approx)),
                ("amount", Value::from(c.amount())),
                ("verb", Value::from(c.verb.clone())),
                ("items", Value::from(minijinja::value::Serde(&c.items))),
                ("parts", Value::from(parts)),
                ("is_part", Value::from(part)),
                ("previous", before),
            ],
        )
    };
    let map: IndexMap<Value, Value> = counts
        .iter()
        .map(|(id, c)| {
            let parts = c
                .parts
                .iter()
                .filter_map(|p| {
                    counts
                        .get(p)
                        .map(|pc| one(pc, Vec::new(), true, Value::from(())))
                })
                .collect();
            let before = previous
                .and_then(|prev| prev.get(id))
                .filter(|b| b.unit == c.unit && !b.value.is_placeholder())
                .map_or(Value::from(()), |b| {
                    one(b, Vec::new(), false, Value::from(()))
                });
            (Value::from(id.as_str()), one(c, parts, is_part(id), before))
        })
        .collect();
    Value::from(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Taian's facts as templates see them, and the environment that renders narrative.
    fn taian() -> (Value, super::super::Renderer) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/taian/2020");
        let report = crate::load::load(&dir).report.expect("Taian loads");
        let renderer = super::super::Renderer::new(super::super::TemplateSet::new(Vec::new()));
        (data_context(&report), renderer)
    }

    #[test]
    fn references_are_printed_without_a_template() {
        let (data, renderer) = taian();
        let text = "{{ year }}年，{{unit.name}}举办{{ outreach.counts.consultation }}。";
        assert_eq!(
            render_references(&renderer.env, text, &data).as_deref(),
            Some("2020年，太安镇举办法律知识咨询活动15场。")
        );
        assert_eq!(
            render_references(&renderer.env, "学习{{ studied | titles }}", &data).as_deref(),
            Some(
                "学习《宪法》《不忘初心、牢记使命》摘编、《土地管理法》《民法典》《中华人民共和国行政强制法》《公务员信用知识读本》"
            )
        );
        for other in [
            "{% if year %}x{% endif %}",
            "{{ missing }}",
            "{{ year.missing }}",
            "{{- year }}",
            "{{ year -}}",
            "{{ }}",
            "{{ year }",
        ] {
            assert_eq!(
                render_references(&renderer.env, other, &data),
                None,
                "{other}"
            );
        }
    }

    proptest::proptest! {
        /// Whenever references are printed without a template, the template engine prints
        /// the same (both trimmed, as narrative is used).
        #[test]
        fn references_print_as_the_template_engine_does(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "我镇", "，", "。", "\n\n", " ", "*", "1. ", "}}", "{", "}", "<b>",
                "{{ year }}", "{{year}}", "{{ unit.name }}", "{{ unit.we }}", "{{ date }}",
                "{{ outreach.counts.consultation }}", "{{ outreach.counts.consultation.value }}",
                "{{ outreach.counts.materials.amount }}", "{{ posts.village_service_room }}",
                "{{ posts.village_service_room.staffing }}", "{{ leading_group.name }}",
                "{{ leading_group.members }}", "{{ recipient }}", "{{ documents }}",
                "{{ previous }}", "{{ title }}", "{{ signer }}", "{{ missing }}",
                "{{ studied | titles }}", "{{ true }}", "{{- year }}", "{{ year -}}",
                "{% if year %}", "{% endif %}", "{# c #}", "{{ 1 }}", "{{ unit['name'] }}",
                "{{ documents | cite }}", "{{ outreach.campaigns | join_cn }}",
                "{{ outreach.counts.consultation | yoy }}", "{{ unit.name | e }}",
                "{{ '*a*' | safe }}", "{{ '1. *' }}", "{{ year + 1 }}", "{{ missing | titles }}",
                "{{ unit.name | upper }}", "{{ leading_group.members | join('、') }}",
                "{{ heading_number(2, 1) }}", "{{ date.year }}", "{{ none }}",
            ]), 0..8),
        ) {
            let (data, renderer) = taian();
            let text: String = pieces.concat();
            // Compared trimmed, as narrative is used (the engine drops a last line end).
            if let Some(fast) = render_references(&renderer.env, &text, &data) {
                let engine = renderer.env.render_named_str("narrative.md", &text, data.clone());
                let engine = engine.ok().map(|e| e.trim().to_string());
                proptest::prop_assert_eq!(Some(fast.trim().to_string()), engine, "{:?}", text);
            }
        }
    }

    #[test]
    fn signoff_follows_gbt_9704() {
        // 署名 longer than the date: 署名 右空二字, date starts two characters further right.
        assert_eq!(
            signoff_indents("某某县人民政府办公室", "2021年1月10日"),
            (2.0, 3.5)
        );
        // Date longer: date 右空二字, 署名 moved left.
        assert_eq!(
            signoff_indents("太安镇人民政府", "2021年1月10日"),
            (3.5, 2.0)
        );
    }

    #[test]
    fn units_name_themselves() {
        assert_eq!(self_name(UnitKind::Township, "太安镇"), "我镇");
        assert_eq!(self_name(UnitKind::Township, "某某乡"), "我乡");
        assert_eq!(self_name(UnitKind::Department, "某某区司法局"), "我局");
        assert_eq!(self_name(UnitKind::Street, "某某街道"), "我街道");
    }
}
