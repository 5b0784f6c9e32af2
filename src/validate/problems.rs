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
use crate::model::report::{Deadline, DeadlineKind};
use crate::model::{Count, Date, FileId};
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
            format!(
                "sections are nested {depth} levels deep, more than the {max} a report can have"
            ),
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
pub(super) fn signed_before_year(date: &dyn std::fmt::Display, year: u16) -> Diagnostic {
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

/// W0211: the report of `year` signed on `date`, before the December of its own year.
pub(super) fn signed_inside_year(date: &dyn std::fmt::Display, year: u16) -> Diagnostic {
    let next = year + 1;
    Diagnostic::new(
        Code::W0211,
        Text::new(
            format!("the 成文日期 {date} is inside the report year {year}: the year it reports on is not over"),
            format!("成文日期 {date} 在报告年度 {year} 年之内：所报告的年度尚未结束"),
        ),
    )
    .with_hint(Text::new(
        format!("was {next} meant? The report is signed after its year, usually January to March of the next"),
        format!("是否应为 {next} 年？报告在所述年度之后签发，通常在次年1月至3月"),
    ))
}

/// W0213: the report's folder is named by `folder_year`, another year than its own.
pub(super) fn folder_of_another_year(folder_year: u16, year: u16) -> Diagnostic {
    Diagnostic::new(
        Code::W0213,
        Text::new(
            format!("the folder is named {folder_year}, but `year` is {year}"),
            format!("文件夹名为 {folder_year}，而 `year` 为 {year}"),
        ),
    )
    .with_hint(Text::new(
        "was last year's folder copied and `year` left? `report init NEW --from LAST-YEAR` carries a year forward",
        "是否复制了上年的文件夹而没有改 `year`？结转下一年请用 `report init 新文件夹 --from 上年文件夹`",
    ))
}

/// E0212: an empty 署名.
pub(super) fn empty_signer() -> Diagnostic {
    Diagnostic::new(
        Code::E0212,
        Text::new(
            "the 署名 (`signer`) is empty: the report must say who signs it",
            "署名（`signer`）为空：报告须写明发文机关",
        ),
    )
    .with_hint(Text::new(
        "write the signing body, e.g. `signer = \"太安镇人民政府\"`",
        "写出发文机关，如 `signer = \"太安镇人民政府\"`",
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
            format!(
                "“{}”为 {}，但其分项{quoted}之和为 {sum}",
                total.name, total.value
            ),
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
            format!(
                "{with_lawyer} {} with a lawyer, but only {count} posts",
                p.name
            ),
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

/// E0305: a reference in braces of the input method (`｛｛ name ｝｝`): fixed to `{{ name }}`.
pub(super) fn full_width_braces(range: Range<usize>, inner: &str) -> Finding {
    let fixed = format!("{{{{{inner}}}}}");
    finding(
        Code::E0305,
        range,
        Text::new(
            "a reference in full-width braces (typed by a Chinese input method) is printed as it is",
            "引用用了中文输入法打出的全角花括号，会原样印在报告中",
        ),
    )
    .hint(
        format!("write `{fixed}` with half-width braces (`report check --fix` does)"),
        format!("请写作 `{fixed}`，用半角花括号（`report check --fix` 可自动改正）"),
    )
    .fix(fixed)
}

/// E0305: a name in one pair of braces (`{ name }`), which is no reference.
pub(super) fn single_braces(range: Range<usize>, name: &str) -> Finding {
    finding(
        Code::E0305,
        range,
        Text::new(
            "one pair of braces is not a reference: the braces and the name would be printed",
            "只有一对花括号不是引用：报告会印出括号和名称",
        ),
    )
    .hint(
        format!("write `{{{{ {name} }}}}`, with two braces on each side"),
        format!("请写作 `{{{{ {name} }}}}`，两边各两个花括号"),
    )
}

/// W0729: a paragraph of body text ending with `last` and no stop.
pub(super) fn paragraph_without_stop(range: Range<usize>, last: char) -> Finding {
    let found = finding(
        Code::W0729,
        range,
        Text::new("the paragraph ends without a stop", "段落末尾缺少句末标点"),
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
    let (en, zh) = c.map_or_else(Default::default, |c| {
        let u = c as u32;
        (format!(" (U+{u:04X})"), format!("（U+{u:04X}）"))
    });
    Diagnostic::new(
        Code::E0713,
        Text::new(
            format!("a control character{en} in the text: Word cannot open a report that holds it"),
            format!("文字中有控制字符{zh}：含有它的报告 Word 无法打开"),
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

// ---- Prose: GB/T 15834 punctuation, GB/T 15835 numbers, typed numbering ----------------

/// The hint of a finding inside a cited title or a quotation, whose fix is withheld: `hint`
/// is what the rule advised.
pub(super) fn inside_quotation_hint(hint: Option<&Text>) -> Text {
    let (en, zh) = hint.map_or(("correct it by hand", "请手工改正"), |h| {
        (h.en.as_str(), h.zh.as_str())
    });
    Text::new(
        format!(
            "inside a cited title or quotation: keep it if the original reads so; otherwise {en}"
        ),
        format!("位于引用的标题或引文中：原文如此则照录；否则{zh}"),
    )
}

/// W0701: a half-width mark `c` at `at` in Chinese text; `full` is its full-width form (empty
/// for `"`, which has two).
pub(super) fn half_width_mark(at: usize, c: char, full: &str) -> Finding {
    let found = finding(
        Code::W0701,
        at..at + c.len_utf8(),
        Text::new(
            format!("half-width `{c}` in Chinese text"),
            format!("中文中使用了半角“{c}”"),
        ),
    );
    if full.is_empty() {
        found.hint("use Chinese quotation marks “ ”", "请改用中文引号“”")
    } else {
        found
            .hint(format!("write `{full}`"), format!("应为“{full}”"))
            .fix(full)
    }
}

/// E0702 (`3、`, when `arabic_dun`) or E0703: numbering typed into the data.
pub(super) fn typed_numbering(at: usize, len: usize, arabic_dun: bool, number: &str) -> Finding {
    if arabic_dun {
        finding(
            Code::E0702,
            at..at + len,
            Text::new(
                format!("Arabic numbering `{number}` takes a dot, not 、"),
                format!("阿拉伯数字序号“{number}”后应用下脚点，不用顿号"),
            ),
        )
        .hint(
            "remove the number: the template numbers items (1. 2. 3.)",
            "请删除序号：模板会自动编号（1. 2. 3.）",
        )
    } else {
        finding(
            Code::E0703,
            at..at + len,
            Text::new(
                format!("numbering `{number}` typed into the data"),
                format!("数据中手写了序号“{number}”"),
            ),
        )
        .hint(
            "remove it: numbers come from the section's place in the outline",
            "请删除：序号由章节在提纲中的位置自动生成",
        )
    }
}

/// W0704: a 顿号 at `at` between adjacent titles or quotations.
pub(super) fn dun_between_marks(at: usize) -> Finding {
    finding(
        Code::W0704,
        at..at + '、'.len_utf8(),
        Text::new(
            "no 顿号 between adjacent titles or quotations",
            "并列的书名号或引号之间不用顿号",
        ),
    )
    .hint("remove the 、", "请删除顿号")
    .fix("")
}

/// W0705: a day name (`“6.26”`) with `dot` at `at` between its `month` and `day`.
pub(super) fn day_name_dot(at: usize, dot: char, month: &str, day: &str) -> Finding {
    let written = format!("{month}{dot}{day}");
    finding(
        Code::W0705,
        at..at + dot.len_utf8(),
        Text::new(
            format!("day name “{written}” takes the 间隔号 ·"),
            format!("节日简称“{written}”应使用间隔号“·”"),
        ),
    )
    .hint(
        format!("write “{month}·{day}”"),
        format!("应写作“{month}·{day}”"),
    )
    .fix("·")
}

/// E0706: a paired mark out of order.
fn unbalanced(at: usize, mark: char, en: String, zh: String) -> Finding {
    finding(Code::E0706, at..at + mark.len_utf8(), Text::new(en, zh)).hint(
        "close every mark that is opened, in order",
        "成对标点须前后配对、依次闭合",
    )
}

/// E0706: a closing mark that closes nothing.
pub(super) fn closes_nothing(at: usize, mark: char) -> Finding {
    unbalanced(
        at,
        mark,
        format!("`{mark}` closes nothing"),
        format!("“{mark}”前面没有对应的开始标点"),
    )
}

/// E0706: an opening mark never closed.
pub(super) fn not_closed(at: usize, mark: char) -> Finding {
    unbalanced(
        at,
        mark,
        format!("`{mark}` is not closed"),
        format!("“{mark}”没有闭合"),
    )
}

/// E0707: an ASCII `<` or `>` inside 《》.
pub(super) fn angle_in_title(at: usize, c: char) -> Finding {
    let good = if c == '<' { "〈" } else { "〉" };
    finding(
        Code::E0707,
        at..at + 1,
        Text::new(
            format!("`{c}` inside 《》; a title within a title takes 〈〉"),
            format!("书名号内用了“{c}”，书名号内的书名应使用“〈〉”"),
        ),
    )
    .hint(format!("write `{good}`"), format!("应为“{good}”"))
}

/// W0708: spaces between a number and Chinese text.
pub(super) fn space_by_number(range: Range<usize>) -> Finding {
    finding(
        Code::W0708,
        range,
        Text::new(
            "space between a number and Chinese text",
            "数字与汉字之间有空格",
        ),
    )
    .hint("remove the space", "请删除空格")
    .fix("")
}

/// E0709: a month or day `written` with a leading zero (at `at`) before `unit`.
pub(super) fn leading_zero(at: usize, written: &str, unit: char) -> Finding {
    let without = &written[1..];
    finding(
        Code::E0709,
        at..at + 1,
        Text::new(
            format!("leading zero in the date: `{written}{unit}`"),
            format!("日期有虚位：“{written}{unit}”"),
        ),
    )
    .hint(
        format!("write `{without}{unit}`"),
        format!("应为“{without}{unit}”"),
    )
}

/// E0710: full-width digits, which are `digits` in half-width.
pub(super) fn full_width_digits(range: Range<usize>, digits: &str) -> Finding {
    finding(
        Code::E0710,
        range,
        Text::new("full-width digits", "使用了全角数字"),
    )
    .hint(format!("write `{digits}`"), format!("应为“{digits}”"))
}

/// W0711: `written` (`...`, `。。。`) for an ellipsis.
pub(super) fn ascii_ellipsis(range: Range<usize>, written: &str) -> Finding {
    finding(
        Code::W0711,
        range,
        Text::new(
            format!("`{written}` for an ellipsis"),
            format!("省略号写成了“{written}”"),
        ),
    )
    .hint("write ……", "应为“……”")
}

/// E0712: a placeholder left in the text.
pub(super) fn placeholder(range: Range<usize>, pattern: &str) -> Finding {
    finding(
        Code::E0712,
        range,
        Text::new(
            format!("placeholder `{pattern}` left in the text"),
            format!("文字中留有占位内容“{pattern}”"),
        ),
    )
    .hint("fill in the real content", "请填写实际内容")
}

// ---- Norms: GB/T 15835 numbers and the marks around them ---------------------------------

/// W0714: a year range `x-y` with a hyphen, which takes the 一字线.
pub(super) fn year_range_hyphen(range: Range<usize>, x: &str, y: &str) -> Finding {
    finding(
        Code::W0714,
        range,
        Text::new(
            format!("the year range {x}-{y} takes the 一字线 —, not a hyphen"),
            format!("年份范围 {x}-{y} 应使用一字线“—”，不用连字符"),
        ),
    )
    .hint(format!("write {x}—{y}"), format!("改为“{x}—{y}”"))
    .fix("—")
}

/// W0714: a range of values `x-y` with a hyphen, which takes the 浪纹线.
pub(super) fn value_range_hyphen(range: Range<usize>, x: &str, y: &str) -> Finding {
    finding(
        Code::W0714,
        range,
        Text::new(
            format!("the range {x}-{y} takes the 浪纹线 ～, not a hyphen"),
            format!("数值范围 {x}-{y} 应使用浪纹线“～”，不用连字符"),
        ),
    )
    .hint(format!("write {x}～{y}"), format!("改为“{x}～{y}”"))
    .fix("～")
}

/// W0715: eight `digits` before 年, a year range that lost its dash.
pub(super) fn lost_year_range(range: Range<usize>, digits: &str) -> Finding {
    let (from, to) = digits.split_at(4.min(digits.len()));
    finding(
        Code::W0715,
        range,
        Text::new(
            format!("{digits}年 reads as one number: a year range lost its dash"),
            format!("“{digits}年”像是丢失了连接号的年份范围"),
        ),
    )
    .hint(
        format!("write {from}—{to}年"),
        format!("改为“{from}—{to}年”"),
    )
}

/// W0716: a year in two `digits`.
pub(super) fn shortened_year(range: Range<usize>, digits: &str) -> Finding {
    finding(
        Code::W0716,
        range,
        Text::new(
            format!("the year {digits}年 is shortened"),
            format!("年份“{digits}年”不应省略为两位"),
        ),
    )
    .hint(
        format!("write the year in full, e.g. 20{digits}年"),
        format!("年份应写全四位，如“20{digits}年”"),
    )
}

/// W0716: a year run into the next word (`2023我镇`).
pub(super) fn year_run_on(range: Range<usize>, digits: &str) -> Finding {
    finding(
        Code::W0716,
        range,
        Text::new(
            format!("the year {digits} runs into the next word"),
            format!("年份“{digits}”后直接连接下文"),
        ),
    )
    .hint(format!("write {digits}年，"), format!("改为“{digits}年，”"))
    .fix(format!("{digits}年，"))
}

/// W0717: an approximation of adjacent Arabic numbers (`3、5天`: `a`, `b`, the measure `m`),
/// which `han` writes in Han numerals.
pub(super) fn approximation_in_arabic(
    range: Range<usize>,
    (a, b, m): (char, char, char),
    han: (&str, &str),
) -> Finding {
    let written = format!("{a}、{b}{m}");
    let good = format!("{}{}", han.0, han.1);
    finding(
        Code::W0717,
        range,
        Text::new(
            format!("an approximation of adjacent numbers is written in Han numerals: {written}"),
            format!("相邻数字连用表示概数，应使用汉字数字且不加顿号：“{written}”"),
        ),
    )
    .hint(format!("write {good}{m}"), format!("改为“{good}{m}”"))
    .fix(good)
}

/// W0717: a 顿号 at `at` inside an approximation (`三、四个`).
pub(super) fn dun_in_approximation(at: usize, (a, b, m): (char, char, char)) -> Finding {
    finding(
        Code::W0717,
        at..at + '、'.len_utf8(),
        Text::new(
            format!("no 顿号 inside the approximation {a}、{b}{m}"),
            format!("相邻数字表示概数“{a}{b}{m}”，中间不用顿号"),
        ),
    )
    .hint(format!("write {a}{b}{m}"), format!("改为“{a}{b}{m}”"))
    .fix("")
}

/// W0718: double quotation marks inside double quotation marks.
pub(super) fn nested_quote(at: usize, mark: char) -> Finding {
    finding(
        Code::W0718,
        at..at + mark.len_utf8(),
        Text::new(
            "a quotation inside a quotation takes single marks ‘ ’",
            "引号内再用引号，应使用单引号‘’",
        ),
    )
    .hint("write “学习‘八五’普法”", "改为“学习‘八五’普法”")
}

/// W0719: two stops in a row; the fix deletes `prev` (at `range`).
pub(super) fn doubled_stop(range: Range<usize>, prev: char, c: char) -> Finding {
    finding(
        Code::W0719,
        range,
        Text::new(
            format!("two stops in a row: {prev}{c}"),
            format!("标点重复：“{prev}{c}”"),
        ),
    )
    .hint(format!("keep only {c}"), format!("只保留“{c}”"))
    .fix("")
}

/// W0719: a stop `c` at `at` right after the opening mark `prev`.
pub(super) fn stop_after_opening(at: usize, prev: char, c: char) -> Finding {
    finding(
        Code::W0719,
        at..at + c.len_utf8(),
        Text::new(
            format!("a stop right after an opening mark: {prev}{c}"),
            format!("标点“{c}”紧跟在开括号、开引号之后"),
        ),
    )
    .hint("remove the stop", "删去该标点")
}

/// W0720: spaces beside full-width punctuation.
pub(super) fn space_beside_mark(range: Range<usize>) -> Finding {
    finding(
        Code::W0720,
        range,
        Text::new(
            "a space beside full-width punctuation",
            "全角标点前后不应有空格",
        ),
    )
    .hint("remove the space", "删去空格")
    .fix("")
}

/// W0721: a count of ten or more in Han numerals (`numeral`, worth `value`).
pub(super) fn han_count(range: Range<usize>, numeral: &str, measure: char, value: u64) -> Finding {
    finding(
        Code::W0721,
        range,
        Text::new(
            format!("counts are written in Arabic numerals: {numeral}{measure}"),
            format!("计量、计数应使用阿拉伯数字：“{numeral}{measure}”"),
        ),
    )
    .hint(
        format!("write {value}{measure}"),
        format!("改为“{value}{measure}”"),
    )
    .fix(value.to_string())
}

/// W0722: a small count in Han numerals beside Arabic counts of the same measure word.
pub(super) fn mixed_count(
    range: Range<usize>,
    numeral: &str,
    measure: char,
    value: u64,
) -> Finding {
    finding(
        Code::W0722,
        range,
        Text::new(
            format!("{numeral}{measure} beside Arabic counts of {measure} in the same paragraph"),
            format!("同一段中“{measure}”的数量既有汉字又有阿拉伯数字：“{numeral}{measure}”"),
        ),
    )
    .hint(
        format!("write {value}{measure}"),
        format!("改为“{value}{measure}”，与同段一致"),
    )
    .fix(value.to_string())
}

/// W0723: a range `low～high` whose `unit` (万, 亿, %) is written at one end only.
pub(super) fn range_unit(range: Range<usize>, unit: char, low: &str, high: &str) -> Finding {
    finding(
        Code::W0723,
        range,
        Text::new(
            format!("{unit} belongs on both ends of the range"),
            format!("数值范围两端都应写“{unit}”"),
        ),
    )
    .hint(
        format!("write {low}{unit}～{high}{unit}"),
        format!("改为“{low}{unit}～{high}{unit}”"),
    )
    .fix(format!("{unit}～"))
}

/// W0724: two words of approximation for one number.
pub(super) fn stacked_approximation(range: Range<usize>) -> Finding {
    finding(
        Code::W0724,
        range,
        Text::new(
            "two words of approximation for one number",
            "一个数字用了两个表示概数的词",
        ),
    )
    .hint(
        "keep one: 约300人 or 300余人",
        "只保留一个：“约300人”或“300余人”",
    )
}

/// W0725: a 文号 before its document's title, or after it without brackets.
pub(super) fn citation_order(range: Range<usize>) -> Finding {
    finding(
        Code::W0725,
        range,
        Text::new(
            "a document is cited as 《title》（文号）",
            "引用公文应为《标题》（发文字号）",
        ),
    )
    .hint(
        "put the 文号 after the title, in （）",
        "发文字号放在标题之后，用圆括号括入",
    )
}

// ---- 发文字号 (文号) -----------------------------------------------------------------------

/// E0601: a 文号 not of the form 代字〔年份〕序号号, with the example as its hint.
fn malformed(range: Range<usize>, en: impl Into<String>, zh: impl Into<String>) -> Finding {
    finding(Code::E0601, range, Text::new(en, zh))
        .hint("e.g. 潼委法〔2020〕2号", "例如：潼委法〔2020〕2号")
}

/// E0601: no bracket for a year anywhere in the 文号.
pub(super) fn not_a_doc_no(doc_no: &str) -> Finding {
    malformed(
        0..doc_no.len(),
        format!("`{doc_no}` is not a 文号 of the form 代字〔年份〕序号号"),
        format!("“{doc_no}”不符合“代字〔年份〕序号号”的格式"),
    )
}

/// E0601: nothing before the year.
pub(super) fn no_issuer_code(range: Range<usize>) -> Finding {
    malformed(
        range,
        "the 文号 has no issuer's code before the year",
        "文号缺少年份前的发文机关代字",
    )
}

/// E0601: the year's bracket not closed.
pub(super) fn year_not_closed(range: Range<usize>) -> Finding {
    malformed(
        range,
        "the year of the 文号 is not closed by 〕",
        "文号年份缺少后半个六角括号“〕”",
    )
}

/// E0601: no number and 号 after the year.
pub(super) fn doc_no_without_number(range: Range<usize>) -> Finding {
    malformed(
        range,
        "the 文号 does not end in a number followed by 号",
        "文号未以“序号＋号”结尾",
    )
}

/// W0606: a space in a 文号.
pub(super) fn doc_no_space(range: Range<usize>) -> Finding {
    finding(
        Code::W0606,
        range,
        Text::new("space in a 文号", "文号中有空格"),
    )
    .hint("remove the space", "请删除空格")
    .fix("")
}

/// E0710: full-width digits in a 文号.
pub(super) fn doc_no_full_width(range: Range<usize>) -> Finding {
    finding(
        Code::E0710,
        range,
        Text::new("full-width digits in a 文号", "文号中使用了全角数字"),
    )
    .hint(
        "write the year and number in half-width digits: 某府发〔2021〕5号",
        "年份和序号用半角数字：某府发〔2021〕5号",
    )
}

/// E0602: the year in other brackets than 〔〕; fixed to them when `fixable`.
pub(super) fn doc_no_brackets(
    range: Range<usize>,
    (open, close): (char, char),
    year: &str,
    fixable: bool,
) -> Finding {
    let found = finding(
        Code::E0602,
        range,
        Text::new(
            format!("the year of a 文号 takes 六角括号 〔〕, not {open}{close}"),
            format!("文号年份应用六角括号“〔〕”，不用“{open}{close}”"),
        ),
    )
    .hint(format!("write 〔{year}〕"), format!("应为“〔{year}〕”"));
    if fixable {
        found.fix(format!("〔{year}〕"))
    } else {
        found
    }
}

/// E0603: a year not in four digits.
pub(super) fn doc_no_short_year(range: Range<usize>, year: &str) -> Finding {
    // `〔23〕` is most likely 2023; other lengths get an example.
    let full = if year.len() == 2 {
        format!("20{year}")
    } else {
        "2021".to_string()
    };
    let shown = if year.len() == 2 { "" } else { "如" };
    finding(
        Code::E0603,
        range,
        Text::new(
            format!("the year `{year}` of a 文号 is not written in full"),
            format!("文号年份“{year}”未标全称"),
        ),
    )
    .hint(
        format!("write four digits: 〔{full}〕"),
        format!("年份应写四位：{shown}〔{full}〕"),
    )
}

/// W0607: a 文号 of a year after the report was signed.
pub(super) fn doc_no_after_signing(range: Range<usize>, year: u16, signed_year: u16) -> Finding {
    finding(
        Code::W0607,
        range,
        Text::new(
            format!("the 文号 is of {year}, after the report was signed ({signed_year})"),
            format!("文号年份 {year} 晚于本报告成文年份 {signed_year}"),
        ),
    )
    .hint("check the year of the document", "请核对文件年份")
}

/// E0605: 字 or 第 (`word`, at `at`) in a 文号.
pub(super) fn doc_no_word(at: usize, word: char) -> Finding {
    finding(
        Code::E0605,
        at..at + word.len_utf8(),
        Text::new(format!("`{word}` in a 文号"), format!("文号中不加“{word}”")),
    )
    .hint(format!("remove `{word}`"), format!("请删除“{word}”"))
}

/// E0604: a number `seq` with a leading zero, which is `trimmed` without.
pub(super) fn doc_no_leading_zero(range: Range<usize>, seq: &str, trimmed: &str) -> Finding {
    finding(
        Code::E0604,
        range,
        Text::new(
            format!("leading zero in the 文号 number `{seq}`"),
            format!("文号序号“{seq}”编了虚位"),
        ),
    )
    .hint(format!("write `{trimmed}号`"), format!("应为“{trimmed}号”"))
    .fix(trimmed)
}
