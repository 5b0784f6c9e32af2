//! `problems.toml`: shortcomings and their causes (statutory content 2).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `problems.toml` 的内容：存在的不足和原因。
///
/// The content of `problems.toml`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub struct ProblemsFile {
    /// 存在的问题（problems）：按重要程度排列。
    ///
    /// In order of importance.
    #[serde(default)]
    pub problems: Vec<Problem>,
    /// 问题产生的原因（causes）：报告把原因与问题分开写时的各项原因（`causes` 数据块把它们印作编号
    /// 的段落）。
    ///
    /// The causes, when the report gives them apart from the problems
    /// (a `causes` block prints them as numbered paragraphs).
    #[serde(default)]
    pub causes: Vec<Cause>,
}

/// 与问题分开写的一项原因。
///
/// One cause, given apart from the problems.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub struct Cause {
    /// 标题（title）：一句话概括这项原因，如 `思想认识还不够到位`。
    ///
    /// The cause in a phrase, e.g. `思想认识还不够到位`.
    pub title: String,
    /// 说明（text）：进一步的说明，用 Markdown 写。
    ///
    /// More about it, in Markdown.
    pub text: Option<String>,
}

/// 一项不足。
///
/// One shortcoming.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub struct Problem {
    /// 标题（title）：一句话概括这项不足，如 `法治观念还不够强`。
    ///
    /// The shortcoming in a phrase, e.g. `法治观念还不够强`.
    pub title: String,
    /// 原因（cause）：为什么；印在表现之后，表现中已写明原因的除外。
    ///
    /// Why; printed after the text unless the text already says it.
    pub cause: Option<String>,
    /// 表现（text）：具体表现，用 Markdown 写；可用 `{{ cause }}` 引用原因。
    ///
    /// How it shows, in Markdown; may name the cause as `{{ cause }}`.
    pub text: Option<String>,
}
