//! The report as a whole: year and date, the deadline, the five statutory contents, the
//! outline's sections and blocks, problems with their causes.

use crate::codes::Code;
use crate::model::FileId;
use std::collections::BTreeSet;

use super::{Context, join, key};
use crate::diagnostic::{Diagnostic, Text};
use crate::load::{KeyPath, Segment};
use crate::model::Date;
use crate::model::report::{Deadline, DeadlineKind, Section};
use crate::model::{Block, Report};

/// More sections than this in one report are refused (E0304): a real report has a few dozen,
/// and each one costs memory in every output.
pub const MAX_SECTIONS: usize = 2_000;

/// Sections nested deeper than this are refused (E0304): the official ladder has four
/// numbered levels and a fifth of circled numbers, and every output recurses once per level.
pub const MAX_DEPTH: usize = 12;

pub(super) fn check(ctx: &mut Context<'_>, report: &Report) {
    events(ctx, report);
    year_and_date(ctx, report);
    pending_kind(ctx, report);
    title_length(ctx, report);
    let mut count = 0usize;
    let mut deepest = 0usize;
    let mut stack: Vec<(&Section, usize)> = report.report.sections.iter().map(|s| (s, 1)).collect();
    while let Some((s, depth)) = stack.pop() {
        count += 1;
        deepest = deepest.max(depth);
        stack.extend(s.sections.iter().map(|c| (c, depth + 1)));
    }
    let mut too_large = |en: String, zh: String| {
        ctx.push(
            FileId::Report.name(),
            &[key("sections")],
            Diagnostic::new(Code::E0304, Text::new(en, zh)).with_hint(too_large_hint()),
        );
    };
    if deepest > MAX_DEPTH {
        too_large(
            format!(
                "sections are nested {deepest} levels deep, more than the {MAX_DEPTH} a report can have"
            ),
            format!("章节嵌套 {deepest} 层，超过上限 {MAX_DEPTH} 层"),
        );
    }
    if count > MAX_SECTIONS {
        too_large(
            format!(
                "the report has {count} sections, more than the {MAX_SECTIONS} a report can have"
            ),
            format!("报告共有 {count} 个章节，超过上限 {MAX_SECTIONS} 个"),
        );
    }
    let mut covered = BTreeSet::new();
    for (i, s) in report.report.sections.iter().enumerate() {
        section(
            ctx,
            report,
            s,
            vec![key("sections"), Segment::Index(i)],
            &mut covered,
        );
    }
    lead_punctuation(ctx, report, &report.report.sections, &Vec::new());
    statutory_contents(ctx, &covered);
    causes(ctx, report);
}

/// Whether a section's heading stands on a line of its own (else it runs into its text), at
/// `level` (1 for 一、).
fn stands_alone(report: &Report, s: &Section, level: usize) -> bool {
    let style = &report.report.style;
    let numbered = s.numbered.unwrap_or_else(|| {
        !u8::try_from(level).is_ok_and(|l| style.unnumbered_levels.contains(&l))
    });
    match s.heading {
        Some(crate::model::HeadingStyle::Standalone) => true,
        Some(crate::model::HeadingStyle::RunIn) => false,
        None => level <= 2 && numbered,
    }
}

/// W0728: the run-in headings (lead sentences) among `sections` end one way — with 。 (which a
/// title without a final mark gets) or with ： — and those that end the other way are reported.
fn lead_punctuation(ctx: &mut Context<'_>, report: &Report, sections: &[Section], path: &KeyPath) {
    let level = path.iter().filter(|p| **p == key("sections")).count() + 1;
    let colon = |s: &Section| s.title.trim_end().ends_with('：');
    // A lead that introduces a block, points, a list, a table or a quotation ends with ：
    // whatever its siblings do.
    let introduces_a_list = |s: &Section| {
        s.block.is_some()
            || !s.points.is_empty()
            || s.text.as_deref().is_some_and(|t| {
                crate::text::starts_with_a_list(t)
                    || crate::text::starts_with_a_block(t)
                    || crate::text::starts_with_points(t)
            })
    };
    let leads: Vec<(usize, &Section)> = (sections.iter().enumerate())
        .filter(|(_, s)| {
            !stands_alone(report, s, level) && !s.title.trim().is_empty() && !introduces_a_list(s)
        })
        .collect();
    let colons = leads.iter().filter(|(_, s)| colon(s)).count();
    if colons == 0 || colons == leads.len() {
        return;
    }
    // The fewer way is the odd one out (with as many of each, the colons).
    let odd_colon = colons * 2 <= leads.len();
    for (i, s) in leads.into_iter().filter(|(_, s)| colon(s) == odd_colon) {
        let title_path = join(path, &[key("sections"), Segment::Index(i), key("title")]);
        let (en, zh) = if odd_colon {
            (
                "ends with ： while the lead sentences beside it end with 。",
                "以冒号结尾，而同级其他段首标题以句号结尾",
            )
        } else {
            (
                "ends with 。 while the lead sentences beside it end with ：",
                "以句号结尾，而同级其他段首标题以冒号结尾",
            )
        };
        let title = s.title.trim_end();
        let last = title
            .char_indices()
            .last()
            .map_or(0..0, |(at, c)| at..at + c.len_utf8());
        let finding = super::finding::finding(
            Code::W0728,
            last,
            Text::new(format!("the lead sentence {en}"), format!("该段首标题{zh}")),
        )
        .hint(
            "end the lead sentences under one heading the same way",
            "同一上级下的段首标题请统一结尾标点",
        );
        ctx.push_findings(FileId::Report.name(), &title_path, &s.title, vec![finding]);
    }
}

/// P16: a heading on a line of its own ends without 。 (a run-in one gets its 。 anyway).
fn standalone_stop(ctx: &mut Context<'_>, report: &Report, s: &Section, path: &KeyPath) {
    let level = path.iter().filter(|p| **p == key("sections")).count();
    let style = &report.report.style;
    let standalone = stands_alone(report, s, level);
    let title = s.title.trim_end();
    if !standalone || !title.ends_with('。') || style.heading_stops {
        return;
    }
    let at = title.len() - '。'.len_utf8();
    // A title holding a sentence's stop before its end is a heading with its paragraph run in
    // (an imported report that set it so): taking the last 。 away would cut the paragraph's.
    let one_sentence = !title[..at].contains(['。', '！', '？', '；']);
    let finding = super::finding::finding(
        Code::W0727,
        at..title.len(),
        Text::new(
            "a heading on its own line takes no 。",
            "单独成行的标题末尾不加句号",
        ),
    );
    let finding = if one_sentence {
        finding.hint("remove the 。", "删去句号").fix("")
    } else {
        finding.hint(
            "the title holds more than a heading: move what follows the heading into `text`",
            "标题中不止一个句子：请把标题之后的文字移入 `text`",
        )
    };
    ctx.push_findings(
        FileId::Report.name(),
        &join(path, &[key("title")]),
        &s.title,
        vec![finding],
    );
}

/// Every dated event falls in the report year.
fn events(ctx: &mut Context<'_>, report: &Report) {
    let r = &report.report;
    for (id, e) in &r.events {
        if e.date.year == r.year {
            continue;
        }
        ctx.push(
            FileId::Report.name(),
            &[key("events"), key(id), key("date")],
            Diagnostic::new(
                Code::W0208,
                Text::new(
                    format!("the event `{id}` is dated {}, outside {}", e.date, r.year),
                    format!(
                        "事项 `{id}` 的日期 {} 不在 {} 年内",
                        e.date.chinese(),
                        r.year
                    ),
                ),
            )
            .with_hint(Text::new(
                "check the date: the report tells the work of its year",
                "请核对日期：报告所述为本年度的工作",
            )),
        );
    }
}

/// The most characters a title takes before it is taken for a title with a sentence in it.
pub const MAX_TITLE_CHARS: usize = 60;

/// W0730: a title too long to be one (a sentence of the intro taken in).
fn title_length(ctx: &mut Context<'_>, report: &Report) {
    let Some(title) = report.report.title.as_deref() else {
        return;
    };
    let chars = title.chars().filter(|c| !c.is_whitespace()).count();
    if chars <= MAX_TITLE_CHARS || title.contains("{{") {
        return;
    }
    ctx.push(
        FileId::Report.name(),
        &[key("title")],
        Diagnostic::new(
            Code::W0730,
            Text::new(
                format!("the title has {chars} characters: more than {MAX_TITLE_CHARS}"),
                format!("标题有{chars}个字，超过{MAX_TITLE_CHARS}个字"),
            ),
        )
        .with_hint(Text::new(
            "move any sentence of the intro into `intro`, keeping the unit, the year and the kind of report",
            "请把混入的导语移入 `intro`，标题只保留单位、年度和文种",
        )),
    );
}

/// A unit's kind still 待补充 (an import that could not tell it from the name): the
/// deadlines and the wording depend on it.
fn pending_kind(ctx: &mut Context<'_>, report: &Report) {
    if report.report.unit.kind != crate::model::UnitKind::Pending {
        return;
    }
    ctx.push(
        FileId::Report.name(),
        &[key("unit"), key("kind")],
        Diagnostic::new(
            Code::E0712,
            Text::new(
                "the unit's kind is still 待补充",
                "单位类别仍为“待补充”",
            ),
        )
        .with_hint(Text::new(
            "write one of township, street, county, district, city, province, department, state_council_department",
            "请填写 `township`（乡镇）、`street`（街道）、`county`（县）、`district`（区）、`city`（市）、`province`（省）、`department`（政府部门）或 `state_council_department`（国务院部门）",
        )),
    );
}

fn year_and_date(ctx: &mut Context<'_>, report: &Report) {
    let r = &report.report;
    if !crate::model::PLAUSIBLE_YEARS.contains(&r.year) {
        ctx.push(
            FileId::Report.name(),
            &[key("year")],
            Diagnostic::new(
                Code::E0203,
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
        return;
    }
    // A date still 待补充 is reported where every placeholder is (E0712, by the prose rules);
    // it is held to no deadline.
    let Some(signed) = r.date.date() else {
        return;
    };
    if signed.year < r.year {
        ctx.push(
            FileId::Report.name(),
            &[key("date")],
            Diagnostic::new(
                Code::E0204,
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
        return;
    }
    for (deadline, measured) in r.deadlines() {
        if measured > deadline.date {
            late(ctx, r, deadline, measured);
        }
    }
}

/// W0403: the report was signed (or published) after `deadline`.
fn late(ctx: &mut Context<'_>, r: &crate::model::ReportFile, deadline: Deadline, measured: Date) {
    let published = [key("published"), key("date")];
    let (what_en, what_zh, field) = match deadline.what {
        DeadlineKind::ReportToParty => (
            "is reported to the Party committee and the government by 1 March",
            "应于3月1日前向本级党委和政府报告",
            &[key("date")][..],
        ),
        DeadlineKind::ReportToCentre => (
            "is reported to the Party Central Committee and the State Council by 1 April",
            "应于4月1日前向党中央、国务院报告",
            &[key("date")][..],
        ),
        DeadlineKind::Publish if r.published.is_some() => (
            "is published by 1 April",
            "应于4月1日前向社会公开",
            &published[..],
        ),
        DeadlineKind::Publish => (
            "is published by 1 April",
            "应于4月1日前向社会公开",
            &[key("date")][..],
        ),
    };
    let (date_en, date_zh) = match (deadline.what, &r.published) {
        (DeadlineKind::Publish, Some(_)) => ("published date", "发布日期"),
        _ => ("成文日期", "成文日期"),
    };
    let message = Text::new(
        format!(
            "the {date_en} {measured} is after the deadline {}: a report on {} {what_en}",
            deadline.date, r.year
        ),
        format!(
            "{date_zh} {} 晚于时限 {}：{}年度报告{what_zh}",
            measured.chinese(),
            deadline.date.chinese(),
            r.year
        ),
    );
    ctx.push(
        FileId::Report.name(),
        field,
        Diagnostic::new(Code::W0403, message).with_hint(Text::new(
            "check the date; a late report must still be published",
            "请核对日期；逾期报告仍须公开",
        )),
    );
}

/// The statutory contents (厅字〔2019〕28号) a section covers, by its mark or its block.
fn covers(s: &Section, covered: &mut BTreeSet<u8>) {
    covered.extend(s.statutory_item);
    match s.block {
        Some(Block::Problems | Block::Causes) => covered.insert(2),
        Some(Block::Duties) => covered.insert(3),
        Some(Block::Plans) => covered.insert(4),
        _ => false,
    };
}

fn section(
    ctx: &mut Context<'_>,
    report: &Report,
    s: &Section,
    path: KeyPath,
    covered: &mut BTreeSet<u8>,
) {
    covers(s, covered);
    if s.title.trim().is_empty() {
        ctx.push(
            FileId::Report.name(),
            &join(&path, &[key("title")]),
            Diagnostic::new(
                Code::E0205,
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
            FileId::Report.name(),
            &join(&path, &[key("statutory_item")]),
            Diagnostic::new(
                Code::E0206,
                Text::new(
                    format!("statutory_item is {item}; the regulation has contents 1 to 5"),
                    format!("`statutory_item` 为 {item}；规定的报告内容只有第1至5项"),
                ),
            )
            .with_hint(Text::new(
                "1 measures and results, 2 shortcomings and causes, 3 principal leaders' duties, 4 next year, 5 other",
                "1 主要举措和成效，2 不足和原因，3 第一责任人职责，4 下一年度安排，5 其他",
            )),
        );
    }
    block_data(ctx, report, s, &path);
    standalone_stop(ctx, report, s, &path);
    only_ids(ctx, report, s, &path);
    lead_punctuation(ctx, report, &s.sections, &path);
    for (i, child) in s.sections.iter().enumerate() {
        let child_path = join(&path, &[key("sections"), Segment::Index(i)]);
        section(ctx, report, child, child_path, covered);
    }
}

/// E0201: a section's block shows data the report does not have.
fn block_data(ctx: &mut Context<'_>, report: &Report, s: &Section, path: &KeyPath) {
    if let Some(block) = s.block
        && let Some((file, what)) = missing_block_data(report, block)
        // A file that could not be read is reported as such, not as missing data.
        && !ctx.loaded.failed.contains(&file)
    {
        ctx.push(
            FileId::Report.name(),
            &join(path, &[key("block")]),
            Diagnostic::new(
                Code::E0201,
                Text::new(
                    format!(
                        "block \"{}\" shows {what} from {file}, but there are none",
                        block.name()
                    ),
                    format!(
                        "数据块 `{}` 引用 {file} 中的 `{what}`，但该数据为空",
                        block.name()
                    ),
                ),
            )
            .with_hint(Text::new(
                format!("add {what} to {file}, or remove `block` from this section"),
                format!("请在 {file} 中补充 `{what}`，或删除本章节的 `block`"),
            )),
        );
    }
}

/// `only` names counts or posts the block has.
fn only_ids(ctx: &mut Context<'_>, report: &Report, s: &Section, path: &KeyPath) {
    let known: Vec<&str> = match s.block {
        Some(Block::Statistics) => report
            .statistics
            .counts
            .keys()
            .map(String::as_str)
            .collect(),
        Some(Block::Outreach) => report.outreach.counts.keys().map(String::as_str).collect(),
        Some(Block::Posts) => report.legal_aid.posts.keys().map(String::as_str).collect(),
        _ if s.only.is_empty() => return,
        _ => Vec::new(),
    };
    for (i, id) in s.only.iter().enumerate() {
        if known.contains(&id.as_str()) {
            continue;
        }
        let hint = if known.is_empty() {
            Text::new(
                "`only` applies to the statistics, outreach and posts blocks",
                "`only` 只用于 `statistics`、`outreach`、`posts` 数据块",
            )
        } else {
            crate::suggest::hint(id, &known, ("known ids: ", "可用的编号："))
        };
        ctx.push(
            FileId::Report.name(),
            &join(path, &[key("only"), Segment::Index(i)]),
            Diagnostic::new(
                Code::E0207,
                Text::new(
                    format!("`only` names `{id}`, which this section's block does not have"),
                    format!("`only` 中的 `{id}` 在本章节的数据块中不存在"),
                ),
            )
            .with_hint(hint),
        );
    }
}

const STATUTORY: [(&str, &str); 4] = [
    (
        "the year's main measures and results",
        "上一年度推进法治政府建设的主要举措和成效",
    ),
    ("shortcomings and their causes", "存在的不足和原因"),
    (
        "how the Party and government principal leaders performed their duties as first responsible persons",
        "党政主要负责人履行推进法治建设第一责任人职责的情况",
    ),
    (
        "next year's main arrangements",
        "下一年度推进法治政府建设的主要安排",
    ),
];

fn statutory_contents(ctx: &mut Context<'_>, covered: &BTreeSet<u8>) {
    // With values of report.toml taken out (wrong types), a missing part may be one of them.
    if ctx.loaded.partial.contains(&FileId::Report.name()) {
        return;
    }
    for (n, (en, zh)) in (1u8..).zip(STATUTORY) {
        if covered.contains(&n) {
            continue;
        }
        ctx.push(
            FileId::Report.name(),
            &[key("sections")],
            Diagnostic::new(
                Code::E0401,
                Text::new(
                    format!("the report has no section for statutory content ({n}): {en}"),
                    format!(
                        "报告缺少法定内容（{}）：{zh}",
                        crate::text::numerals::chinese_numeral(n.into())
                    ),
                ),
            )
            .with_hint(Text::new(
                format!(
                    "add a section with `statutory_item = {n}`, or mark the section that reports it"
                ),
                format!("请增加 `statutory_item = {n}` 的章节，或在相应章节上标明"),
            )),
        );
    }
}

fn causes(ctx: &mut Context<'_>, report: &Report) {
    // Causes given apart (`[[causes]]`) answer for the problems as a whole.
    if !report.problems.causes.is_empty() {
        return;
    }
    for (i, p) in report.problems.problems.iter().enumerate() {
        if p.cause.as_deref().is_none_or(|c| c.trim().is_empty()) {
            ctx.push(
                FileId::Problems.name(),
                &[key("problems"), Segment::Index(i), key("title")],
                Diagnostic::new(
                    Code::W0402,
                    Text::new(
                        format!("the problem “{}” has no cause", p.title),
                        format!("问题“{}”未写原因", p.title),
                    ),
                )
                .with_hint(Text::new(
                    "the regulation asks for shortcomings and their causes: add `cause = \"…\"`",
                    "规定要求报告不足及其原因：请补充 `cause = \"……\"`",
                )),
            );
        }
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
        Block::Causes => report.problems.causes.is_empty(),
        Block::Plans => report.plans.plans.is_empty(),
        Block::FollowUps => report.plans.follow_ups.is_empty(),
    };
    if !missing {
        return None;
    }
    Some(match block {
        Block::LeadingGroup => (FileId::Leadership.name(), "leading_group"),
        Block::Duties => (FileId::Leadership.name(), "duties"),
        Block::Posts => (FileId::LegalAid.name(), "posts"),
        Block::Outreach => (FileId::Outreach.name(), "outreach data"),
        Block::Studied => (FileId::Study.name(), "studied"),
        Block::Documents => (FileId::Report.name(), "documents"),
        Block::Statistics => (FileId::Statistics.name(), "counts"),
        Block::Problems => (FileId::Problems.name(), "problems"),
        Block::Causes => (FileId::Problems.name(), "causes"),
        Block::Plans => (FileId::Plans.name(), "plans"),
        Block::FollowUps => (FileId::Plans.name(), "follow_ups"),
    })
}

/// What to do about a report too large to build.
pub(super) fn too_large_hint() -> Text {
    Text::new(
        "a report is a few pages: is this the right data? (docs/TRUST.md lists the limits)",
        "年度报告只有数页，请确认数据是否正确（docs/TRUST.md 列出了各项上限）",
    )
}
