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
    /// 领导小组 (`leading_group`): the group (or committee) that leads the rule-of-law work.
    pub leading_group: Option<LeadingGroup>,
    /// 第一责任人 (`first_responsible`): the principal leaders by name and post, printed
    /// `党组书记、局长某某同志` by `{{ first_responsible }}`.
    #[serde(default)]
    pub first_responsible: Vec<Person>,
    /// 第一责任人职责 (duties): how the Party and government principal leaders performed their
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
    /// 职务 (post): e.g. `党组书记、局长`.
    pub post: String,
    /// 姓名 (name): e.g. `张某某`.
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
    /// 领导小组: 组长, 副组长, 成员.
    #[default]
    Group,
    /// 委员会 (e.g. 全面依法治县委员会): 主任, 副主任, 委员.
    Committee,
}

/// A leading group, by role. Roles name posts (`镇党委书记`), not people.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub struct LeadingGroup {
    /// 名称 (name): e.g. `法治政府建设领导小组`, `全面依法治县委员会`.
    pub name: String,
    /// 类别 (kind): `group` (领导小组: 组长, 副组长, 成员) or `committee` (委员会: 主任, 副主任,
    /// 委员); `group` by default.
    #[serde(default)]
    pub kind: GroupKind,
    /// 双组长 (`joint_leaders`): `true` when the leaders are two people leading together
    /// (`以区委书记、区长为双组长`); by default the leaders are the posts of one person
    /// (`以局党组书记、局长为组长`).
    #[serde(default)]
    pub joint_leaders: bool,
    /// 组长 (leaders): who leads it, e.g. `["镇党委书记"]`.
    pub leaders: Vec<String>,
    /// 副组长 (`deputy_leaders`): the deputy leaders.
    #[serde(default)]
    pub deputy_leaders: Vec<String>,
    /// 成员 (members): the members.
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
    /// 内容 (text): what was done, in Markdown, as full sentences without a number.
    pub text: String,
    /// 责任人 (by): who performed it, e.g. `党委书记`; optional.
    pub by: Option<String>,
}
