//! `statistics.toml`: any other figures the report states.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::Counts;

/// `statistics.toml` 的内容：其他统计数据。
///
/// The content of `statistics.toml`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub struct StatisticsFile {
    /// 统计数据（counts）：以固定的标识区分的各项数字，如 `review_cases`、`budget`。
    ///
    /// Figures keyed by a stable id, e.g. `review_cases`, `budget`.
    #[serde(default)]
    pub counts: Counts,
}
