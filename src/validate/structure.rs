//! The report as a whole: year and date, the deadline, the five statutory contents, the
//! outline's sections and blocks, problems with their causes.

use crate::model::FileId;
use std::collections::BTreeSet;

use super::{Context, join, key, problems};
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
    sign_off(ctx, report);
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
    let deep = (deepest > MAX_DEPTH).then(|| problems::nested_too_deep(deepest, MAX_DEPTH));
    let many = (count > MAX_SECTIONS).then(|| problems::too_many_sections(count, MAX_SECTIONS));
    for diag in deep.into_iter().chain(many) {
        ctx.push(FileId::Report.name(), &[key("sections")], diag);
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
        let title = s.title.trim_end();
        let last = title
            .char_indices()
            .last()
            .map_or(0..0, |(at, c)| at..at + c.len_utf8());
        let finding = problems::lead_ends_otherwise(last, odd_colon);
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
    let finding = problems::heading_stop(at..title.len(), one_sentence);
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
            problems::event_outside_year(id, e.date, r.year),
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
        problems::title_too_long(chars, MAX_TITLE_CHARS),
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
        problems::kind_pending(),
    );
}

/// The year, the 成文日期 and the 署名.
fn sign_off(ctx: &mut Context<'_>, report: &Report) {
    let r = &report.report;
    if r.signer.trim().is_empty() {
        ctx.push(
            FileId::Report.name(),
            &[key("signer")],
            problems::empty_signer(),
        );
    }
    if !crate::model::PLAUSIBLE_YEARS.contains(&r.year) {
        ctx.push(
            FileId::Report.name(),
            &[key("year")],
            problems::implausible_year(r.year),
        );
        return;
    }
    // A folder named by a year is that year's report (`data/taian/2024`).
    let folder_year = report
        .dir
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| {
            let year = n.parse::<u16>().ok()?;
            (n.len() == 4 && crate::model::PLAUSIBLE_YEARS.contains(&year)).then_some(year)
        });
    if let Some(folder_year) = folder_year.filter(|y| *y != r.year) {
        ctx.push(
            FileId::Report.name(),
            &[key("year")],
            problems::folder_of_another_year(folder_year, r.year),
        );
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
            problems::signed_before_year(&r.date, r.year),
        );
        return;
    }
    // December is when a year's summing-up begins; earlier, the year is not over.
    if signed.year == r.year && signed.month < 12 {
        ctx.push(
            FileId::Report.name(),
            &[key("date")],
            problems::signed_inside_year(&r.date, r.year),
        );
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
    let field = match (deadline.what, &r.published) {
        (DeadlineKind::Publish, Some(_)) => &published[..],
        _ => &[key("date")][..],
    };
    let diag = problems::late(deadline, measured, r.year, r.published.is_some());
    ctx.push(FileId::Report.name(), field, diag);
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
            problems::empty_section_title(),
        );
    }
    if let Some(item) = s.statutory_item
        && !(1..=5).contains(&item)
    {
        ctx.push(
            FileId::Report.name(),
            &join(&path, &[key("statutory_item")]),
            problems::no_such_statutory_item(item),
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
            problems::block_without_data(block.name(), file, what),
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
        ctx.push(
            FileId::Report.name(),
            &join(path, &[key("only"), Segment::Index(i)]),
            problems::unknown_only(id, &known),
        );
    }
}

fn statutory_contents(ctx: &mut Context<'_>, covered: &BTreeSet<u8>) {
    // With values of report.toml taken out (wrong types), a missing part may be one of them.
    if ctx.loaded.partial.contains(&FileId::Report.name()) {
        return;
    }
    for n in problems::STATUTORY_ITEMS {
        if !covered.contains(&n) {
            ctx.push(
                FileId::Report.name(),
                &[key("sections")],
                problems::missing_statutory_content(n),
            );
        }
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
                problems::problem_without_cause(&p.title),
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
