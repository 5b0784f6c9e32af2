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
    /// 工作安排（plans）：下一年度的工作安排，按顺序写。
    ///
    /// Next year's arrangements, in order.
    #[serde(default)]
    pub plans: Vec<Plan>,
    /// 上年安排落实情况（`follow_ups`）：上一年度的各项安排及本年度的落实情况；`report init --from`
    /// 从上年的工作安排填入。
    ///
    /// Last year's arrangements and how each was carried out
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
    /// 上年安排（plan）：上年报告中的原话。
    ///
    /// The arrangement as last year's report put it.
    pub plan: String,
    /// 落实情况（text）：落实的情况，用 Markdown 写。
    ///
    /// How it was carried out, in Markdown.
    pub text: Option<String>,
}

/// 下一年度的一项安排。
///
/// One arrangement for next year.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub struct Plan {
    /// 标题（title）：一句话概括这项安排，如 `进一步加大执法培训力度`。
    ///
    /// The arrangement in a phrase, e.g. `进一步加大执法培训力度`.
    pub title: String,
    /// 内容（text）：怎么做，用 Markdown 写。
    ///
    /// How, in Markdown.
    pub text: Option<String>,
}
