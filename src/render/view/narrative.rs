//! Texts from the data, rendered: their `{{ … }}` references resolved against the facts, and
//! their errors placed in the data file where the text is.

use std::collections::BTreeMap;

use minijinja::value::Value;
use minijinja::{Environment, Error, context};

use super::Builder;
use crate::diagnostic::Diagnostic;
use crate::load::KeyPath;
use crate::render::markdown;

impl Builder<'_> {
    /// Renders a one-line text (a title) from a data file: references resolved, no escaping
    /// (the template escapes it where it prints it).
    pub(super) fn inline(&mut self, file: &'static str, path: KeyPath, text: &str) -> String {
        // Titles are not marked in the preview: how a heading runs in is decided by its last
        // character, which a mark would hide.
        if !has_template_syntax(text) {
            return text.trim().to_string();
        }
        self.render_data_text(file, path, text, &[], "narrative.txt")
    }

    /// `FILE:LINE` of the value at `path` of a data file.
    fn source_at(&self, file: &str, path: &[crate::load::Segment]) -> Option<String> {
        let loaded = self.loaded.file(file)?;
        let span = loaded.spans.nearest(path)?;
        let line = loaded.source.position(span.start).line;
        Some(format!("{file}:{line}"))
    }

    /// `FILE:LINE` of what a reference (`outreach.counts.consultation.amount`) names: the
    /// data file its first name comes from, and the nearest key of the rest that is written
    /// there.
    fn source_of(&self, reference: &str) -> Option<String> {
        use crate::load::Segment;
        let mut names = reference.split('.');
        let root = names.next()?;
        let file = crate::model::file_of_name(root);
        // `outreach.…` is the file itself; other names are keys at its top.
        let whole_file = file.strip_suffix(".toml") == Some(root);
        let path: Vec<Segment> = (!whole_file)
            .then_some(root)
            .into_iter()
            .chain(names)
            .map(|n| Segment::Key(n.into()))
            .collect();
        if path.is_empty() {
            return None;
        }
        self.source_at(file, &path)
    }

    /// Renders a narrative string from a data file; its `{{ … }}` name data.
    pub(super) fn narrative(
        &mut self,
        file: &'static str,
        path: KeyPath,
        text: &str,
        extra: &[(&str, Value)],
    ) -> String {
        let source = if self.preview {
            self.source_at(file, &path)
        } else {
            None
        };
        let text = if has_template_syntax(text) {
            markdown::neutralise_html(&self.render_data_text(
                file,
                path,
                text,
                extra,
                "narrative.md",
            ))
        } else {
            markdown::neutralise_html(text.trim())
        };
        match source {
            Some(source) => mark_paragraphs(&source, &text),
            None => text,
        }
    }

    /// Renders text from a data file as a template; the extension of `name` (`.md` or `.txt`)
    /// picks the escaping of the values it names. Errors are placed by `path`, not by name.
    pub(super) fn render_data_text(
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
        if self.expanded > crate::render::limits::MAX_PAGE_OUTPUT {
            // Already reported once; the page will not be built.
            return String::new();
        }
        let fast = if name == "narrative.md" {
            let source =
                |reference: &str| self.preview.then(|| self.source_of(reference)).flatten();
            render_references(self.env, text, &ctx, &source)
        } else {
            None
        };
        let rendered = match fast {
            Some(rendered) => Ok(rendered),
            None => self.env.template_from_named_str(name, text).and_then(|t| {
                crate::render::limits::render(&t, ctx, crate::render::limits::MAX_TEXT_OUTPUT)
            }),
        }
        .and_then(|out| {
            if crate::render::leaked_notation(&out, text) {
                Err(crate::render::problems::FilterError::NotationPrinted.into())
            } else {
                Ok(out)
            }
        });
        if let Ok(text) = &rendered {
            self.expanded += text.len();
            if self.expanded > crate::render::limits::MAX_PAGE_OUTPUT {
                self.too_much_text(file, &path);
                return String::new();
            }
        }
        match rendered {
            Ok(rendered) => rendered.trim().to_string(),
            Err(err) => {
                // A name left undefined because its value had the wrong type is reported
                // there, once, not again at every text that names it.
                let root = err
                    .detail()
                    .and_then(|d| d.split('`').nth(1))
                    .and_then(|n| n.split('.').next())
                    .filter(|_| err.kind() == minijinja::ErrorKind::UndefinedError);
                let follows = root
                    .is_some_and(|r| self.loaded.partial.contains(&crate::model::file_of_name(r)));
                if !follows {
                    let diag = self.narrative_diagnostic(file, &path, text, &err);
                    self.diagnostics.push(diag);
                }
                String::new()
            }
        }
    }

    /// E0303: with the text at `path`, the report's texts print more than a page may hold.
    fn too_much_text(&mut self, file: &'static str, path: &KeyPath) {
        let diag = crate::render::problems::texts_too_long(&crate::load::path_label(path));
        let diag = match self
            .loaded
            .file(file)
            .zip(self.loaded.file(file).and_then(|f| f.spans.value(path)))
        {
            Some((f, span)) => diag.at(&f.source, span),
            None => diag.at_path(self.loaded.dir.join(file)),
        };
        self.diagnostics.push(diag);
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

    /// A reference this report's data has, for a hint: its first outreach or statistics
    /// count, else the unit's name.
    fn example_reference(&self) -> String {
        for table in ["outreach", "statistics"] {
            let first = self
                .data
                .get_attr(table)
                .and_then(|t| t.get_attr("counts"))
                .ok()
                .and_then(|counts| counts.try_iter().ok()?.next());
            if let Some(id) = first {
                return format!("{table}.counts.{id}");
            }
        }
        "unit.name".to_string()
    }

    fn narrative_diagnostic(
        &self,
        file: &str,
        path: &KeyPath,
        text: &str,
        err: &Error,
    ) -> Diagnostic {
        let place = crate::load::path_label(path);
        if let Some((en, zh)) = crate::render::problems::crossed(err) {
            let diag = crate::render::problems::text_crossed_a_bound(&place, &en, &zh);
            return self.place_text_diagnostic(diag, file, path, text, err);
        }
        let known: Vec<String> = self
            .data
            .try_iter()
            .map(|it| it.map(|k| k.to_string()).collect())
            .unwrap_or_default();
        let hint = if let Some(name) = self.suggest_name(err) {
            crate::suggest::did_you_mean(&name)
        } else {
            let names = crate::suggest::listed(&known);
            crate::render::problems::how_to_name_data(&self.example_reference(), &names)
        };
        let diag = crate::render::problems::text_problem(&place, err, hint);
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
fn render_references(
    env: &Environment<'static>,
    text: &str,
    ctx: &Value,
    source: &dyn Fn(&str) -> Option<String>,
) -> Option<String> {
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
        let at = out.len();
        // A table or a list printed whole takes the engine's path, which refuses it.
        if let Some(value) =
            lookup_reference(reference, ctx).filter(|v| !crate::render::printed_raw(v))
        {
            out.push_str(&crate::render::as_markdown(&value));
        } else {
            let controls_space = |c: char| c == '-' || c == '+';
            if reference.is_empty()
                || reference.starts_with(controls_space)
                || reference.ends_with(controls_space)
            {
                return None;
            }
            let name = format!("{}{reference}.md", crate::render::REFERENCE_TEMPLATE);
            // Compiled once per run and kept; past a bound on how many are kept, the
            // loader refuses and the text takes the engine's path.
            let template = env.get_template(&name).ok()?;
            let limit = crate::render::limits::MAX_TEXT_OUTPUT.saturating_sub(out.len());
            out.push_str(&crate::render::limits::render(&template, ctx.clone(), limit).ok()?);
        }
        // In the preview, a value that stays within its paragraph is marked with its place.
        if let Some(source) = source(reference).filter(|_| !out[at..].contains("\n\n")) {
            let value = out.split_off(at);
            out.push_str(&crate::render::preview::mark(&source, &value));
        }
        // Past the bound, the slow path renders the text again and reports where.
        if out.len() > crate::render::limits::MAX_TEXT_OUTPUT {
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

/// Each paragraph of a Markdown text marked with its place, except those that open with block
/// syntax (a list, a heading, a quote, a table), which a mark before them would undo.
fn mark_paragraphs(source: &str, text: &str) -> String {
    text.split("\n\n")
        .map(|p| {
            let block = p.starts_with(['-', '*', '+', '#', '>', '|', ' '])
                || p.split_once(['.', ')'])
                    .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
            if block || p.is_empty() {
                p.to_string()
            } else {
                // The mark closes before the closing stop: what looks at a text's last
                // character (does it end a sentence?) sees the same in the preview.
                let body = p.trim_end_matches(|c: char| {
                    c.is_whitespace() || "。；：！？…，、.;:!?,".contains(c)
                });
                format!(
                    "{}{}",
                    crate::render::preview::mark(source, body),
                    &p[body.len()..]
                )
            }
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

pub(super) fn has_template_syntax(text: &str) -> bool {
    crate::text::opens_template_tag(text, b"{%#")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Taian's facts as templates see them, and the environment that renders narrative.
    fn taian() -> (Value, crate::render::Renderer) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/taian/2020");
        let report = crate::load::load(&dir).report.expect("Taian loads");
        let renderer = crate::render::Renderer::new(crate::render::TemplateSet::new(Vec::new()));
        (super::super::data::data_context(&report), renderer)
    }

    #[test]
    fn references_are_printed_without_a_template() {
        let (data, renderer) = taian();
        let text = "{{ year }}年，{{unit.name}}举办{{ outreach.counts.consultation }}。";
        assert_eq!(
            render_references(&renderer.env, text, &data, &|_| None).as_deref(),
            Some("2020年，太安镇举办法律知识咨询活动15场。")
        );
        assert_eq!(
            render_references(
                &renderer.env,
                "学习{{ studied | titles }}",
                &data,
                &|_| None
            )
            .as_deref(),
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
                render_references(&renderer.env, other, &data, &|_| None),
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
            if let Some(fast) = render_references(&renderer.env, &text, &data, &|_| None) {
                let engine = renderer.env.render_named_str("narrative.md", &text, data.clone());
                let engine = engine.ok().map(|e| e.trim().to_string());
                proptest::prop_assert_eq!(Some(fast.trim().to_string()), engine, "{:?}", text);
            }
        }
    }
}
