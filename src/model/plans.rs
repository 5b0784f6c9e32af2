//! `plans.toml`: next year's arrangements (statutory content 4).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `plans.toml` 的内容：下一年度工作安排。
///
/// The content of `plans.toml`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub struct PlansFile {
    /// 工作安排 (plans): next year's arrangements, in order.
    #[serde(default)]
    pub plans: Vec<Plan>,
    /// 上年安排落实情况 (`follow_ups`): last year's arrangements and how each was carried out
    /// this year; `report init --from` fills them in from last year's plans.
    #[serde(default)]
    pub follow_ups: Vec<FollowUp>,
}

/// 上一年度的一项安排及其落实情况。
///
/// One of last year's arrangements, and what became of it.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub struct FollowUp {
    /// 上年安排 (plan): the arrangement as last year's report put it.
    pub plan: String,
    /// 落实情况 (text): how it was carried out, in Markdown.
    pub text: Option<String>,
}

/// 下一年度的一项安排。
///
/// One arrangement for next year.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub struct Plan {
    /// 标题 (title): the arrangement in a phrase, e.g. `进一步加大执法培训力度`.
    pub title: String,
    /// 内容 (text): how, in Markdown.
    pub text: Option<String>,
}
