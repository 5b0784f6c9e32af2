//! `study.toml`: laws and documents studied.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `study.toml` 的内容：学法。
///
/// The content of `study.toml`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub struct StudyFile {
    /// 学习内容 (studied): the laws and documents studied, in order.
    #[serde(default)]
    pub studied: Vec<Studied>,
}

/// A law or document studied: 《标题》 with an optional word after it (`摘编`).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub struct Studied {
    /// 标题 (title): without 《》, e.g. `中华人民共和国民法典`.
    pub title: String,
    /// 后缀 (suffix): a word after the 》, e.g. `摘编`.
    pub suffix: Option<String>,
}
