//! Rules about meaning, each a function returning diagnostics.
//!
//! The loader has already checked the file format (syntax, keys, types). Here the report is
//! checked as a report: blocks that name data the folder does not have, years and dates that
//! cannot be right, sections without a title. Every rule points at the key it is about.

use crate::diagnostic::{Diagnostic, Text};
use crate::load::{KeyPath, Loaded, Segment};
use crate::model::report::Section;
use crate::model::{Block, Report};

/// Runs every rule over a loaded report.
pub fn validate(loaded: &Loaded, report: &Report) -> Vec<Diagnostic> {
    let mut ctx = Context {
        loaded,
        diagnostics: Vec::new(),
    };
    year_and_date(&mut ctx, report);
    for (i, s) in report.report.sections.iter().enumerate() {
        section(
            &mut ctx,
            report,
            s,
            vec![key("sections"), Segment::Index(i)],
        );
    }
    ctx.diagnostics
}

struct Context<'a> {
    loaded: &'a Loaded,
    diagnostics: Vec<Diagnostic>,
}

impl Context<'_> {
    /// Adds a diagnostic about the value at `path` in `file`.
    fn push(&mut self, file: &str, path: &[Segment], diag: Diagnostic) {
        let diag = match self.loaded.file(file) {
            Some(f) => match f.spans.value(path).or_else(|| f.spans.nearest(path)) {
                Some(span) => diag.at(&f.source, span),
                None => diag.in_file(&f.source),
            },
            None => diag.at_path(self.loaded.dir.join(file)),
        };
        self.diagnostics.push(diag);
    }
}

fn key(k: &str) -> Segment {
    Segment::Key(k.to_string())
}

fn year_and_date(ctx: &mut Context<'_>, report: &Report) {
    let r = &report.report;
    if !(1949..=2100).contains(&r.year) {
        ctx.push(
            "report.toml",
            &[key("year")],
            Diagnostic::error(
                "E0203",
                Text::new(
                    format!("{} is not a plausible report year", r.year),
                    format!("{} 不是合理的报告年度", r.year),
                ),
            )
            .with_hint(Text::new(
                "write the year the report is about, e.g. 2020",
                "请填写报告所述年度，如 2020",
            )),
        );
    } else if r.date.year < r.year {
        ctx.push(
            "report.toml",
            &[key("date")],
            Diagnostic::error(
                "E0204",
                Text::new(
                    format!(
                        "the 成文日期 {} is before the report year {} began",
                        r.date, r.year
                    ),
                    format!("成文日期 {} 早于报告年度 {} 年的开始", r.date, r.year),
                ),
            )
            .with_hint(Text::new(
                "the report is signed after the year it reports on, usually early the next year",
                "报告在所述年度之后签发，通常在次年年初",
            )),
        );
    }
}

fn section(ctx: &mut Context<'_>, report: &Report, s: &Section, path: KeyPath) {
    let at = |k: &str| -> KeyPath { path.iter().cloned().chain([key(k)]).collect() };
    if s.title.trim().is_empty() {
        ctx.push(
            "report.toml",
            &at("title"),
            Diagnostic::error(
                "E0205",
                Text::new("a section has an empty title", "章节标题为空"),
            )
            .with_hint(Text::new(
                "write the heading without its number; the number is added when the report is built",
                "请填写标题文字（不含序号，序号在生成时自动添加）",
            )),
        );
    }
    if let Some(item) = s.statutory_item
        && !(1..=5).contains(&item)
    {
        ctx.push(
            "report.toml",
            &at("statutory_item"),
            Diagnostic::error(
                "E0206",
                Text::new(
                    format!("statutory_item is {item}; the regulation has contents 1 to 5"),
                    format!("statutory_item 为 {item}；规定的报告内容只有第1至5项"),
                ),
            )
            .with_hint(Text::new(
                "1 measures and results, 2 shortcomings and causes, 3 principal leaders' duties, 4 next year, 5 other",
                "1 主要举措和成效，2 不足和原因，3 第一责任人职责，4 下一年度安排，5 其他",
            )),
        );
    }
    if let Some(block) = s.block
        && let Some((file, what)) = missing_block_data(report, block)
    {
        ctx.push(
            "report.toml",
            &at("block"),
            Diagnostic::error(
                "E0201",
                Text::new(
                    format!(
                        "block \"{}\" shows {what} from {file}, but there are none",
                        block.name()
                    ),
                    format!(
                        "数据块 \"{}\" 引用 {file} 中的{what}，但该数据为空",
                        block.name()
                    ),
                ),
            )
            .with_hint(Text::new(
                format!("add {what} to {file}, or remove `block` from this section"),
                format!("请在 {file} 中补充{what}，或删除本章节的 `block`"),
            )),
        );
    }
    for (i, child) in s.sections.iter().enumerate() {
        let child_path = path
            .iter()
            .cloned()
            .chain([key("sections"), Segment::Index(i)])
            .collect();
        section(ctx, report, child, child_path);
    }
}

/// The file and the data a block needs, when the report does not have it.
fn missing_block_data(report: &Report, block: Block) -> Option<(&'static str, &'static str)> {
    let missing = match block {
        Block::LeadingGroup => report.leadership.leading_group.is_none(),
        Block::Duties => report.leadership.duties.is_empty(),
        Block::Posts => report.legal_aid.posts.is_empty(),
        Block::Outreach => {
            let o = &report.outreach;
            o.counts.is_empty() && o.campaigns.is_empty() && o.occasions.is_empty()
        }
        Block::Studied => report.study.studied.is_empty(),
        Block::Documents => report.report.documents.is_empty(),
        Block::Statistics => report.statistics.counts.is_empty(),
        Block::Problems => report.problems.problems.is_empty(),
        Block::Plans => report.plans.plans.is_empty(),
    };
    if !missing {
        return None;
    }
    Some(match block {
        Block::LeadingGroup => ("leadership.toml", "leading_group"),
        Block::Duties => ("leadership.toml", "duties"),
        Block::Posts => ("legal_aid.toml", "posts"),
        Block::Outreach => ("outreach.toml", "outreach data"),
        Block::Studied => ("study.toml", "studied"),
        Block::Documents => ("report.toml", "documents"),
        Block::Statistics => ("statistics.toml", "counts"),
        Block::Problems => ("problems.toml", "problems"),
        Block::Plans => ("plans.toml", "plans"),
    })
}
