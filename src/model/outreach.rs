//! `outreach.toml`: legal-education outreach (普法宣传).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::Counts;

/// `outreach.toml` 的内容：普法宣传。
///
/// The content of `outreach.toml`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub struct OutreachFile {
    /// 活动（campaigns）：普法宣传活动，如 `进机关`、`进乡村`。
    ///
    /// The outreach campaigns, e.g. `进机关`, `进乡村`.
    #[serde(default)]
    pub campaigns: Vec<String>,
    /// 节点（occasions）：借助的日子和活动，如 `“6·26”国际禁毒日`。
    ///
    /// The days and events used, e.g. `“6·26”国际禁毒日`.
    #[serde(default)]
    pub occasions: Vec<String>,
    /// 宣传资料（materials）：发放资料的标题，不加《》。
    ///
    /// Titles of the materials handed out, without 《》.
    #[serde(default)]
    pub materials: Vec<String>,
    /// 数量（counts）：举办的活动、发放的资料、悬挂的横幅等，以固定的标识区分。
    ///
    /// Events held, materials handed out, banners hung, keyed by a stable id.
    #[serde(default)]
    pub counts: Counts,
}
