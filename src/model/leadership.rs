//! `leadership.toml`: the leading group and the principal leaders' duties.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `leadership.toml` 的内容：领导小组和第一责任人职责。
///
/// The content of `leadership.toml`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub struct LeadershipFile {
    /// 领导小组（`leading_group`）：领导法治建设工作的小组（或委员会）。
    ///
    /// The group (or committee) that leads the rule-of-law work.
    pub leading_group: Option<LeadingGroup>,
    /// 第一责任人（`first_responsible`）：党政主要负责人的职务和姓名，由 `{{ first_responsible }}`
    /// 印作 `党组书记、局长某某同志`。
    ///
    /// The principal leaders by name and post, printed
    /// `党组书记、局长某某同志` by `{{ first_responsible }}`.
    #[serde(default)]
    pub first_responsible: Vec<Person>,
    /// 第一责任人职责（duties）：党政主要负责人履行推进法治建设第一责任人职责的情况（法定内容第3项
    /// ），每项一条。
    ///
    /// How the Party and government principal leaders performed their
    /// duties as first responsible persons (statutory content 3), one item each.
    #[serde(default)]
    pub duties: Vec<Duty>,
}

/// 报告中点名的人：职务和姓名。
///
/// A person named in the report: a post and a name.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub struct Person {
    /// 职务（post）：如 `党组书记、局长`。
    ///
    /// E.g. `党组书记、局长`.
    pub post: String,
    /// 姓名（name）：如 `张某某`。
    ///
    /// E.g. `张某某`.
    pub name: String,
}

impl Person {
    /// As the report names a person: `党组书记、局长张某某同志`.
    pub fn phrase(&self) -> String {
        format!("{}{}同志", self.post, self.name)
    }
}

/// 领导机构的类别，据此称呼其成员（组长或主任等）。
///
/// What kind of body leads the work: its roles are named accordingly.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum GroupKind {
    /// 领导小组：组长、副组长、成员。
    ///
    /// 领导小组: 组长, 副组长, 成员.
    #[default]
    Group,
    /// 委员会（如全面依法治县委员会）：主任、副主任、委员。
    ///
    /// 委员会 (e.g. 全面依法治县委员会): 主任, 副主任, 委员.
    Committee,
}

/// 领导小组，按职务写。职务写岗位（`镇党委书记`），不写人名。
///
/// A leading group, by role. Roles name posts (`镇党委书记`), not people.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub struct LeadingGroup {
    /// 名称（name）：如 `法治政府建设领导小组`、`全面依法治县委员会`。
    ///
    /// E.g. `法治政府建设领导小组`, `全面依法治县委员会`.
    pub name: String,
    /// 类别（kind）：`group`（领导小组：组长、副组长、成员）或 `committee`（委员会：主任、副主任、
    /// 委员）；默认为 `group`。
    ///
    /// `group` (领导小组: 组长, 副组长, 成员) or `committee` (委员会: 主任, 副主任,
    /// 委员); `group` by default.
    #[serde(default)]
    pub kind: GroupKind,
    /// 双组长（`joint_leaders`）：两人共同担任组长时写 `true`（`以区委书记、区长为双组长`）；默认组
    /// 长各职务为同一人（`以局党组书记、局长为组长`）。
    ///
    /// `true` when the leaders are two people leading together
    /// (`以区委书记、区长为双组长`); by default the leaders are the posts of one person
    /// (`以局党组书记、局长为组长`).
    #[serde(default)]
    pub joint_leaders: bool,
    /// 组长（leaders）：由谁任组长，如 `["镇党委书记"]`。
    ///
    /// Who leads it, e.g. `["镇党委书记"]`.
    pub leaders: Vec<String>,
    /// 副组长（`deputy_leaders`）：各副组长。
    ///
    /// The deputy leaders.
    #[serde(default)]
    pub deputy_leaders: Vec<String>,
    /// 成员（members）：各成员。
    ///
    /// The members.
    #[serde(default)]
    pub members: Vec<String>,
}

/// 主要负责人履行的一项职责。
///
/// One duty performed by the principal leaders.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub struct Duty {
    /// 内容（text）：做了什么，用 Markdown 写成完整的句子，不加序号。
    ///
    /// What was done, in Markdown, as full sentences without a number.
    pub text: String,
    /// 责任人（by）：由谁履行，如 `党委书记`；可选。
    ///
    /// Who performed it, e.g. `党委书记`; optional.
    pub by: Option<String>,
}
