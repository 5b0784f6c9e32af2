//! `plans.toml`: next year's arrangements (statutory content 4).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The content of `plans.toml`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub struct PlansFile {
    /// 工作安排 (plans): next year's arrangements, in order.
    #[serde(default)]
    pub plans: Vec<Plan>,
}

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
