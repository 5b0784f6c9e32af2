//! `leadership.toml`: the leading group and the principal leaders' duties.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The content of `leadership.toml`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub struct LeadershipFile {
    /// 领导小组 (`leading_group`): the group that leads the rule-of-law work.
    pub leading_group: Option<LeadingGroup>,
    /// 第一责任人职责 (duties): how the Party and government principal leaders performed their
    /// duties as first responsible persons (statutory content 3), one item each.
    #[serde(default)]
    pub duties: Vec<Duty>,
}

/// A leading group, by role. Roles name posts (`镇党委书记`), not people.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub struct LeadingGroup {
    /// 名称 (name): e.g. `法治政府建设领导小组`.
    pub name: String,
    /// 组长 (leaders): who leads it, e.g. `["镇党委书记"]`.
    pub leaders: Vec<String>,
    /// 副组长 (`deputy_leaders`): the deputy leaders.
    #[serde(default)]
    pub deputy_leaders: Vec<String>,
    /// 成员 (members): the members.
    #[serde(default)]
    pub members: Vec<String>,
}

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
