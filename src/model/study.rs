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
    /// 学习内容（studied）：学习的法律法规和文件，按顺序写。
    ///
    /// The laws and documents studied, in order.
    #[serde(default)]
    pub studied: Vec<Studied>,
}

/// 学习的一部法律或一件文件：《标题》，后面可带一个词（`摘编`）。
///
/// A law or document studied: 《标题》 with an optional word after it (`摘编`).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub struct Studied {
    /// 标题（title）：不加《》，如 `中华人民共和国民法典`。
    ///
    /// Without 《》, e.g. `中华人民共和国民法典`.
    pub title: String,
    /// 后缀（suffix）：》后的词，如 `摘编`。
    ///
    /// A word after the 》, e.g. `摘编`.
    pub suffix: Option<String>,
}
