//! `report.toml`: who reports, for which year, when it was signed, and the outline.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Date, PendingDate};

/// The title a report has when its data gives none: `<unit>关于<year>年法治政府建设工作的报告`.
pub fn default_title(unit: &str, year: u16) -> String {
    format!("{unit}关于{year}年法治政府建设工作的报告")
}

/// `report.toml` 的内容：报告基本信息与提纲。
///
/// The content of `report.toml`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub struct ReportFile {
    /// 报告单位（unit）：谁报告。
    ///
    /// Who reports.
    pub unit: Unit,
    /// 报告年度（year）：报告所述的年度，如 2020。
    ///
    /// The year the report is about, e.g. 2020.
    pub year: u16,
    /// 成文日期（date）：报告签发的日期，TOML 日期：`2021-01-10`；尚不知道时写 `"待补充"`（
    /// `report check` 会报告，草稿中原样印出）。
    ///
    /// The day the report was signed, as a TOML date: `2021-01-10`; `"待补充"`
    /// while it is not known (reported by `report check`, printed as it is in a draft).
    pub date: PendingDate,
    /// 署名（signer）：印在成文日期上方的发文机关，如 `太安镇人民政府`。
    ///
    /// The signing body printed above the 成文日期, e.g. `太安镇人民政府`.
    pub signer: String,
    /// 标题（title）：报告的标题；默认为 `<单位>关于<年度>年法治政府建设工作的报告`。
    ///
    /// The report's title; by default `<unit>关于<year>年法治政府建设工作的报告`.
    pub title: Option<String>,
    /// 主送机关（recipient）：印在标题下的受文机关，如 `区委全面依法治区委员会`。
    ///
    /// The addressee printed under the title, e.g. `区委全面依法治区委员会`.
    pub recipient: Option<String>,
    /// 发文字号（`doc_no`）：报告自己的文号，印在标题下，如 `某府文〔2024〕3号`。
    ///
    /// The report's own number, printed under the title, e.g.
    /// `某府文〔2024〕3号`.
    pub doc_no: Option<String>,
    /// 工作亮点（highlights）：本年度最突出的成效或荣誉，每项在导语后单独成行，以 `——` 开头。
    ///
    /// The year's top results or honours, each printed as a line of its
    /// own starting with `——`, after the intro.
    #[serde(default)]
    pub highlights: Vec<String>,
    /// 公开信息（published）：报告何时以何种方式公开，按本单位网站所示；据其日期检查公开时限。
    ///
    /// When and how the report was made public, as the unit's website
    /// shows it; the publication deadline is checked against its date.
    pub published: Option<Publication>,
    /// 样例（sample）：写 `true` 表示这是虚构的样例数据，不是真实单位的报告。
    ///
    /// `true` marks plausible sample data, not a real unit's report.
    #[serde(default)]
    pub sample: bool,
    /// 版式（style）：规范留给各单位的选择。
    ///
    /// Choices the norms leave to the unit.
    #[serde(default)]
    pub style: LayoutStyle,
    /// 上年报告（previous）：上一年度报告的文件夹，相对于本文件夹；默认使用旁边以上一年命名的文件夹
    /// （如2023年用 `../2022`）。
    ///
    /// The folder of last year's report, relative to this one; by default
    /// a folder beside this one named by the year before (e.g. `../2022` for 2023) is used.
    pub previous: Option<String>,
    /// 导语（intro）：开头的段落，用 Markdown 写；可用 `{{ year }}` 等引用数据。
    ///
    /// The opening paragraphs, in Markdown; may name data as `{{ year }}`.
    pub intro: Option<String>,
    /// 贯彻落实的文件（documents）：本年度工作所贯彻落实的文件及其文号。
    ///
    /// The documents the year's work implemented, with their 文号.
    #[serde(default)]
    pub documents: Vec<Document>,
    /// 大事（events）：本年度有日期的大事，以固定的标识区分；`{{ events.<标识> }}` 印作
    /// `3月15日印发《……》`。日期须在报告年度内。
    ///
    /// Dated events of the year, keyed by a stable id; `{{ events.<id> }}`
    /// prints `3月15日印发《……》`. Each date must fall in the report year.
    #[serde(default)]
    pub events: indexmap::IndexMap<String, Event>,
    /// 章节（sections）：报告的各章节，按顺序写；每节可再含下级章节。
    ///
    /// The report's sections in order; each may hold sections of its own.
    #[serde(default)]
    pub sections: Vec<Section>,
}

/// 报告的公开信息。
///
/// How a report was made public.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub struct Publication {
    /// 发布日期（date）：公开的日期，TOML 日期。
    ///
    /// The day it was published, as a TOML date.
    pub date: Date,
    /// 索引号（`index_no`）：政府信息公开页面的索引号。
    ///
    /// The index number of the government-information page.
    pub index_no: Option<String>,
    /// 发布机构（publisher）：由谁公开。
    ///
    /// Who published it.
    pub publisher: Option<String>,
}

/// A time limit the regulation sets (厅字〔2019〕28号 第二十三、二十四条).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    /// The last day.
    pub date: Date,
    /// What must be done by then.
    pub what: DeadlineKind,
}

/// What a deadline is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineKind {
    /// 向本级党委和政府报告 (departments, by 1 March).
    ReportToParty,
    /// 向党中央、国务院报告 (State Council departments, by 1 April).
    ReportToCentre,
    /// 通过报刊、网站等新闻媒体向社会公开 (by 1 April).
    Publish,
}

impl ReportFile {
    /// The deadlines this report is held to, each with the date it is measured by: the
    /// 成文日期 for a report to the Party committee and government, the published date (or,
    /// when none is given, the 成文日期) for publication.
    /// A date still 待补充 is held to no deadline (it is reported as not filled in).
    pub fn deadlines(&self) -> Vec<(Deadline, Date)> {
        let next = self.year.checked_add(1);
        let on = |month: u8| next.and_then(|y| Date::new(y, month, 1));
        let signed = self.date.date();
        let published = self.published.as_ref().map(|p| p.date).or(signed);
        let mut out = Vec::new();
        let report_to = match self.unit.kind {
            UnitKind::Department => Some((on(3), DeadlineKind::ReportToParty)),
            UnitKind::StateCouncilDepartment => Some((on(4), DeadlineKind::ReportToCentre)),
            _ => None,
        };
        if let (Some((Some(date), what)), Some(signed)) = (report_to, signed) {
            out.push((Deadline { date, what }, signed));
        }
        if let (Some(date), Some(published)) = (on(4), published) {
            out.push((
                Deadline {
                    date,
                    what: DeadlineKind::Publish,
                },
                published,
            ));
        }
        out
    }
}

/// 规范留给各地的版式选择。
///
/// Layout choices the norms leave to local practice.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub struct LayoutStyle {
    /// 加粗的标题层级（`bold_levels`）：印作粗体的标题层级，如 `[2, 3]` 把（一）和1.加粗（各地惯例
    /// ；GB/T 9704 本身不加粗）。
    ///
    /// Heading levels printed bold, e.g. `[2, 3]` for bold
    /// （一） and 1. (local practice; GB/T 9704 itself sets none bold).
    #[serde(default)]
    pub bold_levels: Vec<u8>,
    /// 连续编号的层级（`continuous_levels`）：在每个一级部分（一、）内连续编号、不在每个上级下重新
    /// 开始的层级：写 `[3]` 时，（一）下的1. 2.之后，（二）下接着编3.。
    ///
    /// Levels whose numbers run on through each part
    /// (each 一、) instead of starting again under every parent: with `[3]`, the 1. 2. under
    /// （一） are followed by 3. under （二）.
    #[serde(default)]
    pub continuous_levels: Vec<u8>,
    /// 不编号的层级（`unnumbered_levels`）：不印序号的层级，如各部分只有段首标题段落（
    /// `规范重大行政决策程序。……`）而没有（一）时写 `[2]`；单个章节也可以写 `numbered = false`。
    ///
    /// Levels printed without numbers, e.g. `[2]` for a
    /// report whose parts hold lead-sentence paragraphs (`规范重大行政决策程序。……`) with no
    /// （一）; a section can also say `numbered = false` for itself.
    #[serde(default)]
    pub unnumbered_levels: Vec<u8>,
    /// 允许的字符（`allowed_characters`）：公文字体（GB 2312）以外但须保留的字，如人名中的 `喆`；
    /// `check` 对其他这类字给出警告（W0726）。
    ///
    /// Characters outside the official fonts (GB 2312) that
    /// must stay, e.g. a name's `喆`; `check` warns of any other (W0726).
    #[serde(default)]
    pub allowed_characters: String,
    /// 单独成行的标题带句号（`heading_stops`）：本单位习惯在单独成行的标题末尾加句号（
    /// `加强组织领导。`）；`check` 不再报告（W0727）。
    ///
    /// The unit's house style ends headings on a line of
    /// their own with 。 (`加强组织领导。`); `check` then does not report it (W0727).
    #[serde(default)]
    pub heading_stops: bool,
}

/// 报告单位。
///
/// The reporting unit.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub struct Unit {
    /// 单位名称（name）：按报告的叫法，如 `太安镇`。
    ///
    /// As the report names it, e.g. `太安镇`.
    pub name: String,
    /// 单位类别（kind）：township 乡镇、street 街道、county 县、district 区、city 市、province 省或
    /// department 部门。
    ///
    /// Township, street, county, district, city, province or department.
    pub kind: UnitKind,
    /// 上级（parent）：上级单位或政府，如 `重庆市潼南区`。
    ///
    /// The unit or government above, e.g. `重庆市潼南区`.
    pub parent: Option<String>,
}

/// 报告单位的类别，决定报送时限和默认措辞。
///
/// The kind of reporting unit; it decides deadlines and the default wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// 乡镇。
    ///
    /// 乡镇 (township).
    Township,
    /// 街道：街道办事处。
    ///
    /// 街道 (street office).
    Street,
    /// 县：县人民政府。
    ///
    /// 县 (county government).
    County,
    /// 区：区人民政府。
    ///
    /// 区 (district government).
    District,
    /// 市：市人民政府。
    ///
    /// 市 (city government).
    City,
    /// 省：省人民政府。
    ///
    /// 省 (province).
    Province,
    /// 政府部门：如司法局。
    ///
    /// 政府部门 (a government department, e.g. 司法局).
    Department,
    /// 国务院部门：如司法部。
    ///
    /// 国务院部门 (a department of the State Council, e.g. 司法部).
    StateCouncilDepartment,
    /// 待补充：尚不知道（导入时无法判断）；`report check` 会报告（E0712），报告不按任何类别的时限检
    /// 查。
    ///
    /// 待补充: not known yet (an import that could not tell); `report check` reports it
    /// (E0712) and the report is held to no kind's deadline.
    #[serde(rename = "待补充")]
    Pending,
}

impl UnitKind {
    /// Every kind a unit can be (not [`UnitKind::Pending`]).
    pub const ALL: [UnitKind; 8] = [
        UnitKind::Township,
        UnitKind::Street,
        UnitKind::County,
        UnitKind::District,
        UnitKind::City,
        UnitKind::Province,
        UnitKind::Department,
        UnitKind::StateCouncilDepartment,
    ];

    /// The kind as written in `report.toml` (`township`).
    pub fn key(self) -> &'static str {
        match self {
            UnitKind::Township => "township",
            UnitKind::Street => "street",
            UnitKind::County => "county",
            UnitKind::District => "district",
            UnitKind::City => "city",
            UnitKind::Province => "province",
            UnitKind::Department => "department",
            UnitKind::StateCouncilDepartment => "state_council_department",
            UnitKind::Pending => crate::model::common::PLACEHOLDER,
        }
    }

    /// The Chinese name of the kind (the schema's description starts with it: a test holds
    /// the two together).
    pub fn label(self) -> &'static str {
        match self {
            UnitKind::Township => "乡镇",
            UnitKind::Street => "街道",
            UnitKind::County => "县",
            UnitKind::District => "区",
            UnitKind::City => "市",
            UnitKind::Province => "省",
            UnitKind::Department => "政府部门",
            UnitKind::StateCouncilDepartment => "国务院部门",
            UnitKind::Pending => crate::model::common::PLACEHOLDER,
        }
    }
}

/// 本年度工作贯彻落实的一件文件：《标题》（文号）。
///
/// A document the year's work implemented: 《标题》（文号）.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub struct Document {
    /// 标识（id）：可选的简称，用于在正文中单独引用这件文件：`{{ document.plan | cite }}`。
    ///
    /// An optional short name to cite this document alone in a text:
    /// `{{ document.plan | cite }}`.
    pub id: Option<String>,
    /// 标题（title）：不加《》，如 `2020年全区法治政府建设工作要点`。
    ///
    /// Without 《》, e.g. `2020年全区法治政府建设工作要点`.
    pub title: String,
    /// 发文字号（`doc_no`）：如 `潼南府办发〔2020〕57号`；可省略。
    ///
    /// E.g. `潼南府办发〔2020〕57号`; may be left out.
    pub doc_no: Option<String>,
    /// 发文机关（issuer）：由谁印发。
    ///
    /// Who issued it.
    pub issuer: Option<String>,
}

/// 年度内有日期的一件大事。
///
/// A dated event of the year.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub struct Event {
    /// 日期（date）：报告年度内的 TOML 日期。
    ///
    /// A TOML date within the report year.
    pub date: Date,
    /// 事项（text）：发生了什么，如 `印发《某某区法治政府建设实施方案》`。
    ///
    /// What happened, e.g. `印发《某某区法治政府建设实施方案》`.
    pub text: String,
}

impl Event {
    /// `3月15日印发《……》`: the day within the year, then what happened.
    pub fn phrase(&self) -> String {
        format!("{}月{}日{}", self.date.month, self.date.day, self.text)
    }
}

/// 报告的一个章节。其序号（一、（一）1.（1））由它在提纲中的位置决定。
///
/// One section of the report. Its number (一、 （一） 1. （1）) comes from its place in the tree.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub struct Section {
    /// 标题（title）：不带序号；序号由模板生成。
    ///
    /// Without any number; the templates number sections.
    pub title: String,
    /// 标识（id）：可选的固定名称，供比较和模板引用本节。
    ///
    /// An optional stable name for the section, used by diffs and templates.
    pub id: Option<String>,
    /// 法定内容（`statutory_item`）：本节报告厅字〔2019〕28号规定的五项内容中的哪一项：1 举措和成效
    /// ，2 不足和原因，3 第一责任人职责，4 下一年度安排，5 其他。
    ///
    /// Which of the five contents of 厅字〔2019〕28号 this section
    /// reports: 1 举措和成效, 2 不足和原因, 3 第一责任人职责, 4 下一年度安排, 5 其他.
    pub statutory_item: Option<u8>,
    /// 标题样式（heading）：`standalone`（单独成行）或 `run_in`（段首标题）；默认第1、2层单独成行，
    /// 更深的层级和不编号的章节作段首标题。
    ///
    /// `standalone` (own line) or `run_in` (starts the first paragraph);
    /// by default levels 1–2 stand alone and deeper levels run in, and a section without a
    /// number runs in.
    pub heading: Option<HeadingStyle>,
    /// 编号（numbered）：写 `false` 时本节不印序号（段首句，或 `问题产生的原因` 这样的小标题）；同
    /// 级编号的章节编号时当它不存在。
    ///
    /// `false` prints the section without a number (a lead sentence, or a
    /// sub-heading such as `问题产生的原因`); its numbered siblings are numbered as if it
    /// were not there.
    pub numbered: Option<bool>,
    /// 正文（text）：Markdown 段落；可引用数据，如 `{{ outreach.counts.consultation }}`。
    ///
    /// Markdown paragraphs; may name data, e.g. `{{ outreach.counts.consultation }}`.
    pub text: Option<String>,
    /// 数据块（block）：在正文之后按内置写法印出的数据。
    ///
    /// Typed data rendered here, after the text, with the built-in wording.
    pub block: Option<Block>,
    /// 仅显示（only）：`statistics`、`posts` 或 `outreach` 数据块要显示的数量或站点的标识，按此顺序
    /// ；省略时全部显示。
    ///
    /// For a `statistics`, `posts` or `outreach` block, the ids of the counts
    /// or posts to show, in this order; all of them when left out.
    #[serde(default)]
    pub only: Vec<String>,
    /// 要点（points）：印在正文后、合为一段的短项，`一是……；二是……；三是……。`；每项可像正文一样引用
    /// 数据。
    ///
    /// Short items printed after the text as one paragraph,
    /// `一是……；二是……；三是……。`; each may name data like the text.
    #[serde(default)]
    pub points: Vec<String>,
    /// 块后正文（`text_after`）：数据块之后的 Markdown 段落（`problems`、`plans` 或 `follow_ups` 数
    /// 据块生成的章节之后也是）。
    ///
    /// Markdown paragraphs after the block (after the sections a
    /// `problems`, `plans` or `follow_ups` block makes, too).
    pub text_after: Option<String>,
    /// 下级章节（sections）：本节内的章节。
    ///
    /// The sections inside this one.
    #[serde(default)]
    pub sections: Vec<Section>,
}

/// 标题单独成行，还是作为段首标题。
///
/// Whether a heading stands on its own line or starts the paragraph it heads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum HeadingStyle {
    /// 单独成行：标题自成一行。
    ///
    /// 单独成行: the heading is a line of its own.
    Standalone,
    /// 段首标题：`1. 落实法治政府工作责任。成立以……`，标题是段落的开头。
    ///
    /// 段首标题: `1. 落实法治政府工作责任。成立以……` — the heading starts the paragraph.
    RunIn,
}

/// 章节可用内置措辞显示的数据块（`templates/blocks/<名称>.md.j2`）。
///
/// Typed data a section can show with the built-in wording (`templates/blocks/<name>.md.j2`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Block {
    /// 领导小组，取自 `leadership.toml`。
    ///
    /// 领导小组 from `leadership.toml`.
    LeadingGroup,
    /// 第一责任人职责，取自 `leadership.toml`，编号比本节低一级。
    ///
    /// 第一责任人职责 from `leadership.toml`, numbered one level below the section.
    Duties,
    /// 公共法律服务和法律援助站点，取自 `legal_aid.toml`。
    ///
    /// 公共法律服务和法律援助站点 from `legal_aid.toml`.
    Posts,
    /// 普法宣传，取自 `outreach.toml`。
    ///
    /// 普法宣传 from `outreach.toml`.
    Outreach,
    /// 学习的法律法规，取自 `study.toml`。
    ///
    /// 学习的法律法规 from `study.toml`.
    Studied,
    /// 贯彻落实的文件，取自 `report.toml`。
    ///
    /// 贯彻落实的文件 from `report.toml`.
    Documents,
    /// 统计数据，取自 `statistics.toml`。
    ///
    /// 统计数据 from `statistics.toml`.
    Statistics,
    /// 存在的问题及原因，取自 `problems.toml`，作为本节下编号的章节。
    ///
    /// 存在的问题及原因 from `problems.toml`, as numbered sections below this one.
    Problems,
    /// 问题产生的原因，取自 `problems.toml`（`causes`，报告把原因与问题分开写时），作为本节下编号的
    /// 章节。
    ///
    /// 问题产生的原因 from `problems.toml` (`causes`, when the report gives them apart from
    /// the problems), as numbered sections below this one.
    Causes,
    /// 下一年度工作安排，取自 `plans.toml`，作为本节下编号的章节。
    ///
    /// 下一年度工作安排 from `plans.toml`, as numbered sections below this one.
    Plans,
    /// 上年工作安排落实情况，取自 `plans.toml`，作为本节下编号的章节。
    ///
    /// 上年工作安排落实情况 from `plans.toml`, as numbered sections below this one.
    FollowUps,
}

impl Block {
    /// The name used in TOML and for the block's template.
    pub fn name(self) -> &'static str {
        match self {
            Block::LeadingGroup => "leading_group",
            Block::Duties => "duties",
            Block::Posts => "posts",
            Block::Outreach => "outreach",
            Block::Studied => "studied",
            Block::Documents => "documents",
            Block::Statistics => "statistics",
            Block::Problems => "problems",
            Block::Causes => "causes",
            Block::Plans => "plans",
            Block::FollowUps => "follow_ups",
        }
    }
}

/// The report years that make sense: from 1949 to 2100. `check` reports others (E0203);
/// `init` refuses to start a report for one.
pub const PLAUSIBLE_YEARS: std::ops::RangeInclusive<u16> = 1949..=2100;
