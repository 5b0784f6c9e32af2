//! The view as Rust types: what Markdown, HTML and DOCX all print, decided once. Templates
//! see these as minijinja objects (`report.title`, `s.number`, `s.body` …); the DOCX writer
//! reads the fields directly.

use std::sync::Arc;

use minijinja::value::{Enumerator, Object, Value};

use crate::render::objects::MarkdownText;

/// One report, ready to print.
#[derive(Debug)]
pub struct ReportView {
    /// The title, rendered, on one line.
    pub title: Arc<str>,
    /// The title as printed on the page, in lines (see `layout::title_lines`).
    pub title_lines: Vec<Arc<str>>,
    /// The report's own 发文字号, printed under the title.
    pub doc_no: Option<Arc<str>>,
    /// The year's highlights, each a paragraph starting with `——`, after the intro.
    pub highlights: Arc<MarkdownText>,
    /// The unit's facts (`name`, `kind`, `we` …), as the data context has them.
    pub unit: Value,
    /// The report year.
    pub year: u16,
    /// The 成文日期 in Chinese (`2021年1月10日`).
    pub date: Arc<str>,
    /// The 成文日期 as `YYYY-MM-DD`.
    pub date_iso: Arc<str>,
    /// The 署名.
    pub signer: Arc<str>,
    /// The 主送机关, when there is one.
    pub recipient: Option<Arc<str>>,
    /// Built from sample data.
    pub sample: bool,
    /// Built with `--draft`.
    pub draft: bool,
    /// The notices printed above the title, in order.
    pub banners: Vec<Banner>,
    /// The heading levels printed bold.
    pub bold_levels: Vec<u8>,
    /// The text before the first section.
    pub intro: Arc<MarkdownText>,
    /// The outline.
    pub sections: Vec<Arc<SectionView>>,
    /// Where the 署名 and 成文日期 sit.
    pub signoff: Signoff,
}

/// Right indents, in em, of the 署名 and the 成文日期 (GB/T 9704 7.3.5.2).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Signoff {
    /// Of the 署名.
    pub signer_indent: f64,
    /// Of the 成文日期.
    pub date_indent: f64,
}

/// A notice above the title that the document is not the real report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Banner {
    /// `--draft`: placeholders may be left.
    Draft,
    /// Built from the sample data.
    Sample,
}

impl Banner {
    /// The wording, the same in every output.
    pub fn text(self) -> &'static str {
        match self {
            Banner::Draft => "草稿：本稿含待补充内容，不得作为正式报告报送。",
            Banner::Sample => "样例数据：本报告由示例数据生成，不是真实单位的报告。",
        }
    }

    /// Its name, for the HTML class.
    pub fn kind(self) -> &'static str {
        match self {
            Banner::Draft => "draft",
            Banner::Sample => "sample",
        }
    }
}

/// One section of the outline.
#[derive(Debug)]
pub struct SectionView {
    /// 1 for 一、, 2 for （一）, 3 for 1., 4 for （1）.
    pub level: usize,
    /// Its number (1 for 一、, （一）, 1. and （1）), 0 when it has none.
    pub index: usize,
    /// The heading number (`一、`, `（二）`, `3.`); empty when it has none.
    pub number: Arc<str>,
    /// The title, rendered.
    pub title: Arc<str>,
    /// Whether the heading runs into the first paragraph.
    pub run_in: bool,
    /// The title with its stop, as it runs in (`加强组织领导。`).
    pub run_in_title: Arc<str>,
    /// The section's id, when it has one.
    pub id: Option<Arc<str>>,
    /// Which of the five contents of the regulation it reports.
    pub statutory_item: Option<u8>,
    /// The text (with the run-in heading, when it runs in).
    pub body: Arc<MarkdownText>,
    /// Text printed after the subsections (a `text_after` that follows the problems or plans
    /// a block lists).
    pub after: Arc<MarkdownText>,
    /// The subsections.
    pub sections: Vec<Arc<SectionView>>,
}

impl SectionView {
    /// The standalone heading: number and title.
    pub fn heading(&self) -> String {
        format!("{}{}", self.number, self.title)
    }

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
        "after",
        "sections",
    ];
}

fn objects<T: Object + Send + Sync + 'static>(items: &[Arc<T>]) -> Value {
    items
        .iter()
        .map(|s| Value::from_dyn_object(Arc::clone(s)))
        .collect()
}

fn optional(text: Option<&Arc<str>>) -> Value {
    text.map_or(Value::from(()), |t| Value::from(Arc::clone(t)))
}

impl Object for SectionView {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        Some(match key.as_str()? {
            "level" => Value::from(self.level),
            // The HTML heading element: <h2> for level 1 (the title is <h1>), at most <h6>.
            "heading_level" => Value::from((self.level + 1).min(6)),
            "index" => Value::from(self.index),
            "number" => Value::from(Arc::clone(&self.number)),
            "title" => Value::from(Arc::clone(&self.title)),
            "run_in" => Value::from(self.run_in),
            "run_in_title" => Value::from(Arc::clone(&self.run_in_title)),
            "id" => optional(self.id.as_ref()),
            "statutory_item" => Value::from(self.statutory_item),
            "body" => Value::from_dyn_object(Arc::clone(&self.body)),
            "after" => Value::from_dyn_object(Arc::clone(&self.after)),
            "sections" => objects(&self.sections),
            _ => return None,
        })
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(Self::FIELDS)
    }
}

impl ReportView {
    const FIELDS: &[&str] = &[
        "title",
        "title_lines",
        "doc_no",
        "highlights",
        "unit",
        "year",
        "date",
        "date_iso",
        "signer",
        "recipient",
        "sample",
        "draft",
        "banners",
        "bold_levels",
        "intro",
        "sections",
        "signoff",
    ];
}

impl Object for ReportView {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        Some(match key.as_str()? {
            "title" => Value::from(Arc::clone(&self.title)),
            "title_lines" => self
                .title_lines
                .iter()
                .map(|l| Value::from(Arc::clone(l)))
                .collect(),
            "doc_no" => optional(self.doc_no.as_ref()),
            "highlights" => Value::from_dyn_object(Arc::clone(&self.highlights)),
            "unit" => self.unit.clone(),
            "year" => Value::from(self.year),
            "date" => Value::from(Arc::clone(&self.date)),
            "date_iso" => Value::from(Arc::clone(&self.date_iso)),
            "signer" => Value::from(Arc::clone(&self.signer)),
            "recipient" => optional(self.recipient.as_ref()),
            "sample" => Value::from(self.sample),
            "draft" => Value::from(self.draft),
            "banners" => self
                .banners
                .iter()
                .map(|b| minijinja::context! { kind => b.kind(), text => b.text() })
                .collect(),
            "bold_levels" => Value::from(self.bold_levels.clone()),
            "intro" => Value::from_dyn_object(Arc::clone(&self.intro)),
            "sections" => objects(&self.sections),
            "signoff" => minijinja::context! {
                signer_indent => self.signoff.signer_indent,
                date_indent => self.signoff.date_indent,
            },
            _ => return None,
        })
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(Self::FIELDS)
    }
}
