//! The view model: the typed report turned into values templates print as they are.
//!
//! Everything a template needs is decided here, once: section numbers from positions, run-in
//! or standalone headings, narrative rendered (with its `{{ … }}` references resolved), blocks
//! worded by their templates, problems and plans made into numbered sections, the 署名 and
//! 成文日期 placed as GB/T 9704 7.3.5 says, the banners. Templates only arrange; the DOCX
//! writer reads the same [`ReportView`].
//!
//! - `types.rs`: the view's types ([`ReportView`], [`SectionView`], [`Banner`]);
//! - `narrative.rs`: texts from the data rendered, and their errors placed;
//! - `data.rs`: the facts texts and templates name (`unit`, `outreach.counts` …);
//! - `layout.rs`: titles, stops and the GB/T 9704 placing of the sign-off.

mod data;
mod layout;
mod narrative;
mod types;

use crate::model::FileId;
use std::sync::Arc;

use minijinja::value::Value;
use minijinja::{Environment, Error, context};

pub use self::layout::points;
use self::layout::{ends_with_stop, join_paragraphs};
use self::layout::{signoff_indents, title};
pub use self::types::{Banner, ReportView, SectionView, Signoff};
use super::RenderOptions;
use super::objects::MarkdownText;
use crate::diagnostic::Diagnostic;
use crate::load::{KeyPath, Loaded, Segment};
use crate::model::report::Section;
use crate::model::{Block, HeadingStyle, Report};
use crate::text::numerals::heading_number;

type TemplateDiagnostic<'a> = &'a dyn Fn(&Error) -> Diagnostic;

/// The view of one report, and the context templates get: `report` (the view) and `data`
/// (the facts).
pub struct Built {
    /// The view, for the DOCX writer.
    pub view: Arc<ReportView>,
    /// The template context.
    pub context: Value,
}

/// Builds the view of one report.
pub fn build(
    env: &Environment<'static>,
    loaded: &Loaded,
    report: &Report,
    options: RenderOptions,
    template_diagnostic: TemplateDiagnostic<'_>,
) -> Result<Built, Vec<Diagnostic>> {
    let mut builder = Builder {
        env,
        loaded,
        report,
        data: data::data_context(report),
        diagnostics: Vec::new(),
        template_diagnostic,
        expanded: 0,
        counters: Vec::new(),
        preview: options.preview,
    };
    let view = Arc::new(builder.report_view(options));
    if builder.diagnostics.is_empty() {
        let context = context! {
            report => Value::from_dyn_object(Arc::clone(&view)),
            data => builder.data,
        };
        Ok(Built { view, context })
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
    /// The last number given at each level (index 0 unused).
    counters: Vec<usize>,
    /// Whether values are marked with where they come from (`report serve`).
    preview: bool,
}

fn key(k: &str) -> Segment {
    Segment::Key(k.into())
}

fn with(path: &[Segment], more: &[Segment]) -> KeyPath {
    path.iter().chain(more).cloned().collect()
}

impl Builder<'_> {
    /// The number of a section starting at `level`, or `None` when it is not numbered.
    /// Starting a section starts the levels below it again, except the levels that run on
    /// through a part (`continuous_levels`), which start again only with the next 一、.
    fn number(&mut self, level: usize, numbered: bool) -> Option<usize> {
        let style = &self.report.report.style;
        if self.counters.len() < level + 2 {
            self.counters.resize(level + 2, 0);
        }
        for deeper in level + 1..self.counters.len() {
            let runs_on = u8::try_from(deeper).is_ok_and(|d| style.continuous_levels.contains(&d));
            if level == 1 || !runs_on {
                self.counters[deeper] = 0;
            }
        }
        numbered.then(|| {
            self.counters[level] += 1;
            self.counters[level]
        })
    }

    /// Whether a section at `level` is numbered: as it says, or as its level is.
    fn numbered(&self, level: usize, said: Option<bool>) -> bool {
        let style = &self.report.report.style;
        said.unwrap_or_else(|| {
            !u8::try_from(level).is_ok_and(|l| style.unnumbered_levels.contains(&l))
        })
    }

    fn report_view(&mut self, options: RenderOptions) -> ReportView {
        let r = &self.report.report;
        let intro = match &r.intro {
            Some(text) => self.narrative(FileId::Report.name(), vec![key("intro")], text, &[]),
            None => String::new(),
        };
        // A title may name data too (`{{ unit.name }}关于{{ year }}年……`).
        let title = match &r.title {
            Some(text) => self.inline(FileId::Report.name(), vec![key("title")], text),
            None => title(self.report),
        };
        let title_lines = layout::title_lines(&title, &r.unit.name);
        let highlights: Vec<String> = (r.highlights.iter().enumerate())
            .map(|(i, h)| {
                let text = self.narrative(
                    FileId::Report.name(),
                    vec![key("highlights"), Segment::Index(i)],
                    h,
                    &[],
                );
                if text.starts_with("——") {
                    text
                } else {
                    format!("——{text}")
                }
            })
            .collect();
        let sections = r
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| self.section(s, vec![key("sections"), Segment::Index(i)], 1))
            .collect();
        let date = r.date.chinese();
        let (signer_indent, date_indent) = signoff_indents(&r.signer, &date);
        let banners = [(options.draft, Banner::Draft), (r.sample, Banner::Sample)]
            .into_iter()
            .filter_map(|(on, banner)| on.then_some(banner))
            .collect();
        ReportView {
            title: title_lines.concat().into(),
            title_lines: title_lines.into_iter().map(Into::into).collect(),
            doc_no: r.doc_no.as_deref().map(Into::into),
            highlights: Arc::new(MarkdownText {
                markdown: highlights.join("\n\n"),
                lead: None,
            }),
            unit: self.data.get_attr("unit").unwrap_or_default(),
            year: r.year,
            date: date.into(),
            date_iso: r.date.to_string().into(),
            signer: r.signer.as_str().into(),
            recipient: r.recipient.as_deref().map(Into::into),
            sample: r.sample,
            draft: options.draft,
            banners,
            bold_levels: r.style.bold_levels.clone(),
            intro: Arc::new(MarkdownText {
                markdown: intro,
                lead: None,
            }),
            sections,
            signoff: Signoff {
                signer_indent,
                date_indent,
            },
        }
    }

    fn section(&mut self, s: &Section, path: KeyPath, level: usize) -> Arc<SectionView> {
        let numbered = self.numbered(level, s.numbered);
        let number = self.number(level, numbered);
        let mut parts = self.lead_parts(s, &path);
        // A section without a number takes no level: what it holds is numbered as its
        // siblings are, from 1 again (`问题产生的原因` then （一）（二）…).
        let inner = if numbered { level + 1 } else { level };
        let makes_sections = matches!(
            s.block,
            Some(Block::Problems | Block::Causes | Block::Plans | Block::FollowUps)
        );
        let mut children = self.block_parts(s, level, numbered, &mut parts);
        let mut after = String::new();
        if let Some(text) = &s.text_after {
            let text = self.narrative(
                FileId::Report.name(),
                with(&path, &[key("text_after")]),
                text,
                &[],
            );
            // After the sections a block makes; else right after the block's wording.
            if makes_sections {
                after = text;
            } else {
                parts.push(text);
            }
        }
        for (i, child) in s.sections.iter().enumerate() {
            let child_path = with(&path, &[key("sections"), Segment::Index(i)]);
            children.push(self.section(child, child_path, inner));
        }
        let run_in = match s.heading {
            Some(HeadingStyle::RunIn) => true,
            Some(HeadingStyle::Standalone) => false,
            None => level >= 3 || !numbered,
        };
        let title = self.inline(
            FileId::Report.name(),
            with(&path, &[key("title")]),
            &s.title,
        );
        section_view(SectionParts {
            level,
            number,
            title: &title,
            id: s.id.as_deref(),
            statutory_item: s.statutory_item,
            run_in,
            body: join_paragraphs(parts),
            after,
            children,
        })
    }

    /// A section's text and its points, as paragraphs.
    fn lead_parts(&mut self, s: &Section, path: &KeyPath) -> Vec<String> {
        let mut parts = Vec::new();
        if let Some(text) = &s.text {
            parts.push(self.narrative(
                FileId::Report.name(),
                with(path, &[key("text")]),
                text,
                &[],
            ));
        }
        if !s.points.is_empty() {
            let points: Vec<String> = (s.points.iter().enumerate())
                .map(|(i, p)| {
                    let at = with(path, &[key("points"), Segment::Index(i)]);
                    self.narrative(FileId::Report.name(), at, p, &[])
                })
                .collect();
            parts.push(layout::points(&points));
        }
        parts
    }

    /// What a section's block shows: the sections it makes (problems, causes, plans,
    /// follow-ups), or its wording added to `parts`.
    fn block_parts(
        &mut self,
        s: &Section,
        level: usize,
        numbered: bool,
        parts: &mut Vec<String>,
    ) -> Vec<Arc<SectionView>> {
        let inner = if numbered { level + 1 } else { level };
        let makes_sections = matches!(
            s.block,
            Some(Block::Problems | Block::Causes | Block::Plans | Block::FollowUps)
        );
        if !numbered
            && (makes_sections || !s.sections.is_empty())
            && let Some(counter) = self.counters.get_mut(level)
        {
            *counter = 0;
        }
        match s.block {
            Some(Block::Problems) => self.problem_sections(inner),
            Some(Block::Causes) => self.cause_sections(inner),
            Some(Block::Plans) => self.plan_sections(inner),
            Some(Block::FollowUps) => self.follow_up_sections(inner),
            Some(block) => {
                parts.push(self.block(block, inner - 1, &s.only));
                Vec::new()
            }
            None => Vec::new(),
        }
    }

    fn problem_sections(&mut self, level: usize) -> Vec<Arc<SectionView>> {
        let problems = self.report.problems.problems.clone();
        problems
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let path = vec![key("problems"), Segment::Index(i)];
                let cause = p.cause.as_ref().map(|c| {
                    self.narrative(
                        FileId::Problems.name(),
                        with(&path, &[key("cause")]),
                        c,
                        &[],
                    )
                });
                // The cause is already Markdown: it is printed as it is, not escaped again.
                let cause_value = Value::from_safe_string(cause.clone().unwrap_or_default());
                let mut body = p
                    .text
                    .as_ref()
                    .map(|t| {
                        self.narrative(
                            FileId::Problems.name(),
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
                let number = self.number(level, self.numbered(level, None));
                section_view(SectionParts {
                    level,
                    number,
                    title: &p.title,
                    id: None,
                    statutory_item: Some(2),
                    run_in: true,
                    body,
                    after: String::new(),
                    children: Vec::new(),
                })
            })
            .collect()
    }

    fn cause_sections(&mut self, level: usize) -> Vec<Arc<SectionView>> {
        let items: Vec<(String, Option<String>)> = (self.report.problems.causes.iter())
            .map(|c| (c.title.clone(), c.text.clone()))
            .collect();
        self.item_sections(level, (FileId::Problems.name(), "causes"), &items, 2)
    }

    fn plan_sections(&mut self, level: usize) -> Vec<Arc<SectionView>> {
        let items: Vec<(String, Option<String>)> = (self.report.plans.plans.iter())
            .map(|p| (p.title.clone(), p.text.clone()))
            .collect();
        self.item_sections(level, (FileId::Plans.name(), "plans"), &items, 4)
    }

    fn follow_up_sections(&mut self, level: usize) -> Vec<Arc<SectionView>> {
        let items: Vec<(String, Option<String>)> = (self.report.plans.follow_ups.iter())
            .map(|f| (f.plan.clone(), f.text.clone()))
            .collect();
        self.item_sections(level, (FileId::Plans.name(), "follow_ups"), &items, 1)
    }

    /// Items of a list (title and text) as numbered run-in sections: `(file, list)` names it.
    fn item_sections(
        &mut self,
        level: usize,
        (file, list): (&'static str, &str),
        items: &[(String, Option<String>)],
        statutory_item: u8,
    ) -> Vec<Arc<SectionView>> {
        items
            .iter()
            .enumerate()
            .map(|(i, (title, text))| {
                let path = vec![key(list), Segment::Index(i), key("text")];
                let body = text
                    .as_ref()
                    .map(|t| self.narrative(file, path, t, &[]))
                    .unwrap_or_default();
                let number = self.number(level, self.numbered(level, None));
                section_view(SectionParts {
                    level,
                    number,
                    title,
                    id: None,
                    statutory_item: Some(statutory_item),
                    run_in: true,
                    body,
                    after: String::new(),
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
                    FileId::Leadership.name(),
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
}

struct SectionParts<'a> {
    level: usize,
    number: Option<usize>,
    title: &'a str,
    id: Option<&'a str>,
    statutory_item: Option<u8>,
    run_in: bool,
    body: String,
    after: String,
    children: Vec<Arc<SectionView>>,
}

fn section_view(p: SectionParts<'_>) -> Arc<SectionView> {
    let number = p
        .number
        .map(|n| heading_number(p.level, n))
        .unwrap_or_default();
    let stop = if ends_with_stop(p.title) { "" } else { "。" };
    let run_in_title = format!("{}{stop}", p.title);
    let lead = p
        .run_in
        .then(|| (format!("{number}{run_in_title}"), p.level));
    Arc::new(SectionView {
        level: p.level,
        index: p.number.unwrap_or(0),
        number: number.into(),
        title: p.title.into(),
        run_in: p.run_in,
        run_in_title: run_in_title.into(),
        id: p.id.map(Into::into),
        statutory_item: p.statutory_item,
        body: Arc::new(MarkdownText {
            markdown: p.body,
            lead,
        }),
        after: Arc::new(MarkdownText {
            markdown: p.after,
            lead: None,
        }),
        sections: p.children,
    })
}
