//! What checking can find wrong, in both languages: every message and hint of the rules, the
//! rules passing only what they found (the numbers, names and places).
//!
//! Grouped as the rules are: the report as a whole (structure.rs), counts and totals
//! (counts.rs), the text fields (mod.rs, control.rs, glyphs.rs), then the string rules on one
//! text (prose.rs, norms.rs, doc_no.rs), which return [`Finding`]s with their byte range.

use std::ops::Range;

use super::finding::{Finding, finding};
use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Text};
use crate::model::legal_aid::Post;
use crate::model::{Count, Date, FileId};
use crate::model::report::{Deadline, DeadlineKind};
use crate::text::numerals::chinese_numeral;

// ---- The report as a whole -------------------------------------------------------------

/// What to do about a report too large to build.
fn too_large_hint() -> Text {
    Text::new(
        "a report is a few pages: is this the right data? (docs/TRUST.md lists the limits)",
        "年度报告只有数页，请确认数据是否正确（docs/TRUST.md 列出了各项上限）",
    )
}

/// E0304: sections nested deeper than `max`.
pub(super) fn nested_too_deep(depth: usize, max: usize) -> Diagnostic {
    Diagnostic::new(
        Code::E0304,
        Text::new(
            format!("sections are nested {depth} levels deep, more than the {max} a report can have"),
            format!("章节嵌套 {depth} 层，超过上限 {max} 层"),
        ),
    )
    .with_hint(too_large_hint())
}

/// E0304: more sections than `max`.
pub(super) fn too_many_sections(count: usize, max: usize) -> Diagnostic {
    Diagnostic::new(
        Code::E0304,
        Text::new(
            format!("the report has {count} sections, more than the {max} a report can have"),
            format!("报告共有 {count} 个章节，超过上限 {max} 个"),
        ),
    )
    .with_hint(too_large_hint())
}

/// E0304: one text with more lines than `max`.
pub(super) fn too_many_lines(lines: usize, max: usize) -> Diagnostic {
    Diagnostic::new(
        Code::E0304,
        Text::new(
            format!("the text has {lines} lines, more than the {max} one text can have"),
            format!("该段文字共 {lines} 行，超过上限 {max} 行"),
        ),
    )
    .with_hint(too_large_hint())
}

/// W0728: a run-in heading ending with ： among others ending with 。 (`odd_colon`), or the
/// other way round.
pub(super) fn lead_ends_otherwise(range: Range<usize>, odd_colon: bool) -> Finding {
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
    finding(
        Code::W0728,
        range,
        Text::new(format!("the lead sentence {en}"), format!("该段首标题{zh}")),
    )
    .hint(
        "end the lead sentences under one heading the same way",
        "同一上级下的段首标题请统一结尾标点",
    )
}

/// W0727: a heading on its own line ending with 。; fixable when the title is `one_sentence`.
pub(super) fn heading_stop(range: Range<usize>, one_sentence: bool) -> Finding {
    let found = finding(
        Code::W0727,
        range,
        Text::new(
            "a heading on its own line takes no 。",
            "单独成行的标题末尾不加句号",
        ),
    );
    if one_sentence {
        found.hint("remove the 。", "删去句号").fix("")
    } else {
        found.hint(
            "the title holds more than a heading: move what follows the heading into `text`",
            "标题中不止一个句子：请把标题之后的文字移入 `text`",
        )
    }
}

/// W0208: an event dated outside the report year.
pub(super) fn event_outside_year(id: &str, date: Date, year: u16) -> Diagnostic {
    Diagnostic::new(
        Code::W0208,
        Text::new(
            format!("the event `{id}` is dated {date}, outside {year}"),
            format!("事项 `{id}` 的日期 {} 不在 {year} 年内", date.chinese()),
        ),
    )
    .with_hint(Text::new(
        "check the date: the report tells the work of its year",
        "请核对日期：报告所述为本年度的工作",
    ))
}

/// W0730: a title of `chars` characters, more than `max`.
pub(super) fn title_too_long(chars: usize, max: usize) -> Diagnostic {
    Diagnostic::new(
        Code::W0730,
        Text::new(
            format!("the title has {chars} characters: more than {max}"),
            format!("标题有{chars}个字，超过{max}个字"),
        ),
    )
    .with_hint(Text::new(
        "move any sentence of the intro into `intro`, keeping the unit, the year and the kind of report",
        "请把混入的导语移入 `intro`，标题只保留单位、年度和文种",
    ))
}

/// E0712: the unit's kind still 待补充.
pub(super) fn kind_pending() -> Diagnostic {
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
    ))
}

/// E0203: a year no report is about.
pub(super) fn implausible_year(year: u16) -> Diagnostic {
    Diagnostic::new(
        Code::E0203,
        Text::new(
            format!("{year} is not a plausible report year"),
            format!("{year} 不是合理的报告年度"),
        ),
    )
    .with_hint(Text::new(
        "write the year the report is about, e.g. 2020",
        "请填写报告所述年度，如 2020",
    ))
}

/// E0204: the 成文日期 before the report year began.
pub(super) fn signed_before_year(date: impl std::fmt::Display, year: u16) -> Diagnostic {
    Diagnostic::new(
        Code::E0204,
        Text::new(
            format!("the 成文日期 {date} is before the report year {year} began"),
            format!("成文日期 {date} 早于报告年度 {year} 年的开始"),
        ),
    )
    .with_hint(Text::new(
        "the report is signed after the year it reports on, usually early the next year",
        "报告在所述年度之后签发，通常在次年年初",
    ))
}

/// W0403: the report of `year` signed (or, when `published`, published) on `measured`,
/// after `deadline`.
pub(super) fn late(deadline: Deadline, measured: Date, year: u16, published: bool) -> Diagnostic {
    let (what_en, what_zh) = match deadline.what {
        DeadlineKind::ReportToParty => (
            "is reported to the Party committee and the government by 1 March",
            "应于3月1日前向本级党委和政府报告",
        ),
        DeadlineKind::ReportToCentre => (
            "is reported to the Party Central Committee and the State Council by 1 April",
            "应于4月1日前向党中央、国务院报告",
        ),
        DeadlineKind::Publish => ("is published by 1 April", "应于4月1日前向社会公开"),
    };
    let (date_en, date_zh) = match deadline.what {
        DeadlineKind::Publish if published => ("published date", "发布日期"),
        _ => ("成文日期", "成文日期"),
    };
    let message = Text::new(
        format!(
            "the {date_en} {measured} is after the deadline {}: a report on {year} {what_en}",
            deadline.date
        ),
        format!(
            "{date_zh} {} 晚于时限 {}：{year}年度报告{what_zh}",
            measured.chinese(),
            deadline.date.chinese(),
        ),
    );
    Diagnostic::new(Code::W0403, message).with_hint(Text::new(
        "check the date; a late report must still be published",
        "请核对日期；逾期报告仍须公开",
    ))
}

/// E0205: a section without a title.
pub(super) fn empty_section_title() -> Diagnostic {
    Diagnostic::new(
        Code::E0205,
        Text::new("a section has an empty title", "章节标题为空"),
    )
    .with_hint(Text::new(
        "write the heading without its number; the number is added when the report is built",
        "请填写标题文字（不含序号，序号在生成时自动添加）",
    ))
}

/// E0206: a statutory item outside 1–5.
pub(super) fn no_such_statutory_item(item: u8) -> Diagnostic {
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
    ))
}

/// E0201: a block showing `what` of `file`, which the report does not have.
pub(super) fn block_without_data(block: &str, file: &str, what: &str) -> Diagnostic {
    Diagnostic::new(
        Code::E0201,
        Text::new(
            format!("block \"{block}\" shows {what} from {file}, but there are none"),
            format!("数据块 `{block}` 引用 {file} 中的 `{what}`，但该数据为空"),
        ),
    )
    .with_hint(Text::new(
        format!("add {what} to {file}, or remove `block` from this section"),
        format!("请在 {file} 中补充 `{what}`，或删除本章节的 `block`"),
    ))
}

/// E0207: `only` naming `id`, which the section's block does not have (`known` are the ids
/// it has; none when the block takes no `only`).
pub(super) fn unknown_only(id: &str, known: &[&str]) -> Diagnostic {
    let hint = if known.is_empty() {
        Text::new(
            "`only` applies to the statistics, outreach and posts blocks",
            "`only` 只用于 `statistics`、`outreach`、`posts` 数据块",
        )
    } else {
        crate::suggest::hint(id, known, ("known ids: ", "可用的编号："))
    };
    Diagnostic::new(
        Code::E0207,
        Text::new(
            format!("`only` names `{id}`, which this section's block does not have"),
            format!("`only` 中的 `{id}` 在本章节的数据块中不存在"),
        ),
    )
    .with_hint(hint)
}

/// The statutory contents 2 to 4 of 厅字〔2019〕28号, as the regulation words them.
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

/// The statutory contents a report must have a section for (1 to 4).
pub(super) const STATUTORY_ITEMS: std::ops::RangeInclusive<u8> = 1..=4;

/// E0401: no section for statutory content `n` (one of [`STATUTORY_ITEMS`]).
pub(super) fn missing_statutory_content(n: u8) -> Diagnostic {
    let (en, zh) = STATUTORY[usize::from(n.saturating_sub(1)).min(STATUTORY.len() - 1)];
    Diagnostic::new(
        Code::E0401,
        Text::new(
            format!("the report has no section for statutory content ({n}): {en}"),
            format!("报告缺少法定内容（{}）：{zh}", chinese_numeral(n.into())),
        ),
    )
    .with_hint(Text::new(
        format!("add a section with `statutory_item = {n}`, or mark the section that reports it"),
        format!("请增加 `statutory_item = {n}` 的章节，或在相应章节上标明"),
    ))
}

/// W0402: a problem without a cause.
pub(super) fn problem_without_cause(title: &str) -> Diagnostic {
    Diagnostic::new(
        Code::W0402,
        Text::new(
            format!("the problem “{title}” has no cause"),
            format!("问题“{title}”未写原因"),
        ),
    )
    .with_hint(Text::new(
        "the regulation asks for shortcomings and their causes: add `cause = \"…\"`",
        "规定要求报告不足及其原因：请补充 `cause = \"……\"`",
    ))
}

// ---- Counts and totals -----------------------------------------------------------------

/// E0505: `parts` or `subsets` naming a count the table does not have (`known`).
pub(super) fn unknown_count(name: &str, known: &[&str]) -> Diagnostic {
    Diagnostic::new(
        Code::E0505,
        Text::new(
            format!("`{name}` is not a count in this table"),
            format!("`{name}` 不是本表中的数量"),
        ),
    )
    .with_hint(crate::suggest::hint(
        name,
        known,
        ("known counts here: ", "此处的数量有："),
    ))
}

/// E0712: a count still 待补充.
pub(super) fn count_pending(id: &str, name: &str) -> Diagnostic {
    Diagnostic::new(
        Code::E0712,
        Text::new(
            format!("the count `{id}` ({name}) is not filled in"),
            format!("数量 `{id}`（{name}）尚未填写"),
        ),
    )
    .with_hint(Text::new(
        "write the number, e.g. `value = 15`",
        "请填写数值，如 `value = 15`",
    ))
}

/// E0501: a count below 0.
pub(super) fn negative_count(id: &str, value: &str) -> Diagnostic {
    Diagnostic::new(
        Code::E0501,
        Text::new(
            format!("the count `{id}` ({value}) is negative"),
            format!("数量 `{id}`（{value}）为负数"),
        ),
    )
    .with_hint(Text::new("counts are 0 or more", "数量须不小于 0"))
}

/// E0504: a total other than the `sum` of its `parts` (whose `names` the Chinese gives).
pub(super) fn parts_disagree(
    id: &str,
    total: &Count,
    parts: &[String],
    names: &[&str],
    sum: &str,
) -> Diagnostic {
    let quoted: String = names.iter().map(|n| ["“", n, "”"].concat()).collect();
    Diagnostic::new(
        Code::E0504,
        Text::new(
            format!(
                "`{id}` is {} but its parts ({}) add up to {sum}",
                total.value,
                parts.join(" + ")
            ),
            format!("“{}”为 {}，但其分项{quoted}之和为 {sum}", total.name, total.value),
        ),
    )
    .with_hint(Text::new(
        "correct the total or one of its parts",
        "请核对合计数或分项数",
    ))
}

/// E0507: a count listed after 其中 larger than the whole it is part of.
pub(super) fn subset_exceeds(subset: (&str, &Count), whole: (&str, &Count)) -> Diagnostic {
    let ((sub_id, s), (id, c)) = (subset, whole);
    Diagnostic::new(
        Code::E0507,
        Text::new(
            format!(
                "`{sub_id}` ({}) is more than `{id}` ({}), which it is part of",
                s.value, c.value
            ),
            format!(
                "“{}”（{}）大于其所属的“{}”（{}）",
                s.name, s.value, c.name, c.value
            ),
        ),
    )
    .with_hint(Text::new(
        "a count listed after 其中 is part of the whole: correct one of them",
        "“其中”所列数量是总数的一部分，请核对",
    ))
}

/// E0506: a count other than the length of its list.
pub(super) fn list_disagrees(id: &str, c: &Count) -> Diagnostic {
    let listed = c.items.len();
    Diagnostic::new(
        Code::E0506,
        Text::new(
            format!("`{id}` is {} but lists {listed} items", c.value),
            format!("“{}”为 {}，但名单列出 {listed} 项", c.name, c.value),
        ),
    )
    .with_hint(Text::new(
        "make the count and the list agree",
        "请使数量与名单一致",
    ))
}

/// W0509: 余 or 多 (`word`) after a number that is not round.
pub(super) fn qualifier_after_exact(value: &str, word: &str, unit: &str) -> Diagnostic {
    Diagnostic::new(
        Code::W0509,
        Text::new(
            format!("{value}{word}{unit}: {word} follows a round number (10, 300, 1000)"),
            format!("“{value}{word}{unit}”不成立：“{word}”用在整十、整百等整数之后"),
        ),
    )
    .with_hint(Text::new(
        format!("write the exact number ({value}{unit}) without the qualifier, or a round one"),
        format!("写确数“{value}{unit}”并删去限定词，或改用整数"),
    ))
}

/// E0508: a list item's amount without a unit.
pub(super) fn amount_without_unit(title: &str) -> Diagnostic {
    Diagnostic::new(
        Code::E0508,
        Text::new(
            format!("the amount of {title} has no unit"),
            format!("“{title}”的金额缺少单位"),
        ),
    )
    .with_hint(Text::new(
        "add its unit, e.g. `unit = \"万元\"`",
        "请补上单位，如 `unit = \"万元\"`",
    ))
}

/// E0502: more posts than the places they cover.
pub(super) fn posts_exceed_places(p: &Post, count: u32, places: u32) -> Diagnostic {
    Diagnostic::new(
        Code::E0502,
        Text::new(
            format!("{count} {} but they cover only {places} places", p.name),
            format!("{}共{count}{}，但只覆盖{places}处", p.name, p.measure),
        ),
    )
    .with_hint(Text::new(
        "posts cannot exceed the places they cover",
        "站点数不能多于覆盖的村（社区）数",
    ))
}

/// E0503: more posts with a lawyer than posts.
pub(super) fn lawyers_exceed_posts(p: &Post, with_lawyer: u32, count: u32) -> Diagnostic {
    Diagnostic::new(
        Code::E0503,
        Text::new(
            format!("{with_lawyer} {} with a lawyer, but only {count} posts", p.name),
            format!(
                "配备律师的{}为{with_lawyer}{}，多于站点总数{count}",
                p.name, p.measure
            ),
        ),
    )
    .with_hint(Text::new(
        "with_lawyer counts posts that have a lawyer: at most `count`",
        "`with_lawyer` 是配备律师的站点数，不能超过 `count`",
    ))
}

/// E0503: a text saying every post has a lawyer while the data says the `short` ones lack.
pub(super) fn staffing_claim(short: &[String]) -> Diagnostic {
    Diagnostic::new(
        Code::E0503,
        Text::new(
            format!(
                "the text says every post has a lawyer, but {} says some {} do not",
                FileId::LegalAid.name(),
                short.join(", ")
            ),
            format!(
                "文字称全部配齐律师，但 {} 中部分{}未配备律师",
                FileId::LegalAid.name(),
                short.join("、")
            ),
        ),
    )
    .with_hint(Text::new(
        "name the staffing from the data: {{ posts.<id>.staffing }}",
        "请用数据生成配备情况：`{{ posts.<编号>.staffing }}`",
    ))
}

// ---- The text fields -------------------------------------------------------------------

/// E0302: `{{ }}` in a field that is printed as written.
pub(super) fn printed_as_written() -> Diagnostic {
    Diagnostic::new(
        Code::E0302,
        Text::new(
            "this field is printed as written: a `{{ }}` in it would reach the report with its braces",
            "该字段按原样印出：其中的 `{{ }}` 会连同括号出现在报告中",
        ),
    )
    .with_hint(Text::new(
        "write the words themselves here, or name the data in a text (`text`, `intro`) instead",
        "请在此直接写出文字，或改在正文（`text`、`intro`）中引用数据",
    ))
}

/// W0729: a paragraph of body text ending with `last` and no stop.
pub(super) fn paragraph_without_stop(range: Range<usize>, last: char) -> Finding {
    let found = finding(
        Code::W0729,
        range,
        Text::new(
            "the paragraph ends without a stop",
            "段落末尾缺少句末标点",
        ),
    );
    if matches!(last, '，' | '、' | ',') {
        found.hint(
            format!("the paragraph ends with {last}: end the sentence with 。"),
            format!("段末的“{last}”应为句号"),
        )
    } else {
        found.hint("end the sentence with 。", "请在句末加句号")
    }
}

/// E0713: a control character (`None`: one not found at an escape) in a text.
pub(super) fn control_character(c: Option<char>) -> Diagnostic {
    let code = c.map_or_else(String::new, |c| format!(" (U+{:04X})", c as u32));
    Diagnostic::new(
        Code::E0713,
        Text::new(
            format!(
                "a control character{code} in the text: Word cannot open a report that holds it"
            ),
            format!("文字中有控制字符{code}：含有它的报告 Word 无法打开"),
        ),
    )
    .with_hint(Text::new(
        "remove it (`report check --fix` does)",
        "请删除（`report check --fix` 可自动删除）",
    ))
}

/// W0726: a character the official fonts lack.
pub(super) fn outside_official_fonts(at: usize, c: char) -> Finding {
    let u = c as u32;
    finding(
        Code::W0726,
        at..at + c.len_utf8(),
        Text::new(
            format!("“{c}” (U+{u:04X}) is not in the official fonts (仿宋_GB2312, 楷体_GB2312, 方正小标宋简体): it prints in a fallback face"),
            format!("“{c}”（U+{u:04X}）不在公文字体（仿宋_GB2312、楷体_GB2312、方正小标宋简体）的字库中，将以替代字体打印"),
        ),
    )
    .hint(
        format!("install a font that has it, or add it to `style.allowed_characters = \"{c}\"` in report.toml"),
        format!("请安装含该字的字体，或在 report.toml 中写入 `style.allowed_characters = \"{c}\"`"),
    )
}
