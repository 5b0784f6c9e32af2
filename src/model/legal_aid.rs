//! `legal_aid.toml`: public legal service and legal-aid posts.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `legal_aid.toml` 的内容：公共法律服务和法律援助站点。
///
/// The content of `legal_aid.toml`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub struct LegalAidFile {
    /// 站点（posts）：各类站点，以固定的标识区分，如 `village_service_room`。
    ///
    /// Each kind of post, keyed by a stable id such as `village_service_room`.
    #[serde(default)]
    pub posts: IndexMap<String, Post>,
}

/// 一类站点：数量、覆盖范围、配备律师的站点数。
///
/// One kind of post: how many there are, what they cover, how many have a lawyer.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub struct Post {
    /// 名称（name）：站点的类别，如 `村法律服务工作室`、`镇法律援助工作站`。
    ///
    /// The kind of post, e.g. `村法律服务工作室`, `镇法律援助工作站`.
    pub name: String,
    /// 数量（count）：这类站点的个数；报告没有给出数字时可省略（如
    /// `各村（社区）均设有公共法律服务工作室`，配合 `place_kind`）。
    ///
    /// How many posts of this kind; may be left out when the report gives no
    /// number (`各村（社区）均设有公共法律服务工作室`, with `place_kind`).
    pub count: Option<u32>,
    /// 量词（measure）：数量后的量词；默认为 `个`。
    ///
    /// The measure word after the count; `个` by default.
    #[serde(default = "default_measure")]
    pub measure: String,
    /// 覆盖数（places）：站点覆盖的村、社区或单位数。
    ///
    /// How many villages, communities or units the posts cover.
    pub places: Option<u32>,
    /// 覆盖对象（`place_kind`）：覆盖的是什么，如 `村`、`社区`、`村（社区）`。
    ///
    /// What the places are, e.g. `村`, `社区`, `村（社区）`.
    pub place_kind: Option<String>,
    /// 配备律师数（`with_lawyer`）：配有律师的站点数。
    ///
    /// How many of the posts have a lawyer.
    pub with_lawyer: Option<u32>,
}

fn default_measure() -> String {
    "个".into()
}

impl Post {
    /// The count with the measure word and name: `13个村法律服务工作室`; without a count,
    /// `各村（社区）均设有公共法律服务工作室` (or the name alone).
    pub fn phrase(&self) -> String {
        match (self.count, &self.place_kind) {
            (Some(count), _) => format!("{count}{}{}", self.measure, self.name),
            (None, Some(kind)) => format!("各{kind}均设有{}", self.name),
            (None, None) => self.name.clone(),
        }
    }

    /// How the posts are staffed, as the report says it: `全部配齐律师`, `其中5个配备律师`.
    pub fn staffing(&self) -> String {
        match self.with_lawyer {
            None => String::new(),
            Some(n) if self.count.is_some_and(|c| n >= c) && n > 0 => "全部配齐律师".into(),
            Some(0) => "尚未配备律师".into(),
            Some(n) => format!("其中{n}{}配备律师", self.measure),
        }
    }
}
