//! `lists.toml`: the year's named lists that are neither studied nor counted — laws and rules
//! drafted or adopted, awards and honours, institutions reformed, demonstration units, and
//! providers engaged.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::{in_quotes, in_title_marks};
use super::{Date, Quantity};

/// `lists.toml` 的内容：各类名单。
///
/// The content of `lists.toml`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub struct ListsFile {
    /// 名单（lists）：以固定的标识区分（`awards`、`rules`），各由 `{{ lists.<标识> }}` 按其类别的写
    /// 法印出。
    ///
    /// Keyed by a stable id (`awards`, `rules`), each printed by
    /// `{{ lists.<id> }}` in the wording of its kind.
    #[serde(default)]
    pub lists: IndexMap<String, List>,
}

/// 一份名单。
///
/// One named list.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub struct List {
    /// 名称（name）：这是什么名单，如 `荣誉`、`制定的规章`。
    ///
    /// What the list is, e.g. `荣誉`, `制定的规章`.
    pub name: String,
    /// 类别（kind）：条目的写法：`law` 和 `rule` 写作《标题》《标题》，`award` 写作第二批“标题”，
    /// `demonstration` 写作标题（省级），`provider` 写作标题（8万元/年），`institution` 和 `other`
    /// 写作以顿号连接的名称。
    ///
    /// How its items are written: `law` and `rule` as 《标题》《标题》, `award` as
    /// 第二批“标题”, `demonstration` as 标题（省级）, `provider` as 标题（8万元/年）,
    /// `institution` and `other` as plain names joined with 、.
    pub kind: ListKind,
    /// 条目（items）：按顺序写。
    ///
    /// In order.
    #[serde(default)]
    pub items: Vec<ListItem>,
}

/// 名单条目的写法。
///
/// How a list's items are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ListKind {
    /// 起草或修订的法律法规：《标题》。
    ///
    /// 法律法规 drafted or revised: 《标题》.
    Law,
    /// 制定的规章制度：《标题》。
    ///
    /// 规章制度 adopted: 《标题》.
    Rule,
    /// 荣誉：第二批“标题”。
    ///
    /// 荣誉 (awards and honours): 第二批“标题”.
    Award,
    /// 机构改革：只写名称。
    ///
    /// 机构改革 (institutions reformed): plain names.
    Institution,
    /// 示范创建：标题（省级）。
    ///
    /// 示范创建 (demonstration units): 标题（省级）.
    Demonstration,
    /// 服务机构（如律师事务所）：标题（8万元/年）。
    ///
    /// 服务机构 (external providers, e.g. 律师事务所): 标题（8万元/年）.
    Provider,
    /// 其他：只写名称。
    ///
    /// 其他: plain names.
    Other,
}

/// 名单中的一条。
///
/// One item of a named list.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub struct ListItem {
    /// 名称（title）：不加《》或“”，如 `全国法治政府建设示范区`。
    ///
    /// Without 《》 or “”, e.g. `全国法治政府建设示范区`.
    pub title: String,
    /// 级别（level）：如 `国家级`、`省级`。
    ///
    /// E.g. `国家级`, `省级`.
    pub level: Option<String>,
    /// 批次（batch）：如 `第二批`。
    ///
    /// E.g. `第二批`.
    pub batch: Option<String>,
    /// 授予或发文机关（issuer）。
    ///
    /// 授予或发文机关 (issuer).
    pub issuer: Option<String>,
    /// 日期（date）：通过或授予的日期，TOML 日期。
    ///
    /// When it was adopted or awarded, a TOML date.
    pub date: Option<Date>,
    /// 金额（amount）：费用或金额，如 `8`。
    ///
    /// A fee or a sum, e.g. `8`.
    pub amount: Option<Quantity>,
    /// 单位（unit）：金额的单位，如 `万元`。
    ///
    /// Of the amount, e.g. `万元`.
    pub unit: Option<String>,
    /// 周期（per）：金额的周期，如 `年` 印作8万元/年。
    ///
    /// Of the amount, e.g. `年` for 8万元/年.
    pub per: Option<String>,
}

impl ListItem {
    /// The item in the wording of its list's kind.
    pub fn phrase(&self, kind: ListKind) -> String {
        match kind {
            ListKind::Law | ListKind::Rule => in_title_marks(&self.title),
            ListKind::Award => format!(
                "{}{}",
                self.batch.as_deref().unwrap_or(""),
                in_quotes(&self.title)
            ),
            ListKind::Demonstration => match &self.level {
                Some(level) => format!("{}（{level}）", self.title),
                None => self.title.clone(),
            },
            ListKind::Provider => match self.amount {
                Some(amount) => {
                    let unit = self.unit.as_deref().unwrap_or("");
                    let per = self
                        .per
                        .as_deref()
                        .map(|p| format!("/{p}"))
                        .unwrap_or_default();
                    format!("{}（{amount}{unit}{per}）", self.title)
                }
                None => self.title.clone(),
            },
            ListKind::Institution | ListKind::Other => self.title.clone(),
        }
    }
}

impl List {
    /// The items in the wording of the list's kind, joined with 、 except between titles or
    /// quotations side by side (GB/T 15834: `《甲》《乙》`, `“甲”“乙”`).
    pub fn phrase(&self) -> String {
        let items: Vec<String> = self.items.iter().map(|i| i.phrase(self.kind)).collect();
        super::common::join_enumeration(&items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(title: &str) -> ListItem {
        ListItem {
            title: title.into(),
            level: None,
            batch: None,
            issuer: None,
            date: None,
            amount: None,
            unit: None,
            per: None,
        }
    }

    #[test]
    fn each_kind_has_its_wording() {
        let list = |kind, items: Vec<ListItem>| List {
            name: "x".into(),
            kind,
            items,
        };
        assert_eq!(
            list(ListKind::Rule, vec![item("甲办法"), item("乙规定")]).phrase(),
            "《甲办法》《乙规定》"
        );
        let award = ListItem {
            batch: Some("第二批".into()),
            ..item("全国法治政府建设示范区")
        };
        assert_eq!(
            list(ListKind::Award, vec![award]).phrase(),
            "第二批“全国法治政府建设示范区”"
        );
        let village = ListItem {
            level: Some("省级".into()),
            ..item("某某村")
        };
        assert_eq!(
            list(ListKind::Demonstration, vec![village, item("某某社区")]).phrase(),
            "某某村（省级）、某某社区"
        );
        let firm = ListItem {
            amount: Some(Quantity::Integer(8)),
            unit: Some("万元".into()),
            per: Some("年".into()),
            ..item("某某律师事务所")
        };
        assert_eq!(
            list(ListKind::Provider, vec![firm]).phrase(),
            "某某律师事务所（8万元/年）"
        );
    }

    #[test]
    fn titles_and_quotations_side_by_side_take_no_dun() {
        let mut a = item("甲奖");
        a.batch = Some("第二批".into());
        let lists = [
            (
                ListKind::Award,
                vec![item("甲奖"), item("乙奖")],
                "“甲奖”“乙奖”",
            ),
            (
                ListKind::Award,
                vec![item("甲奖"), a],
                "“甲奖”、第二批“甲奖”",
            ),
            (
                ListKind::Institution,
                vec![item("甲"), item("乙")],
                "甲、乙",
            ),
            (
                ListKind::Award,
                vec![item("“甲奖”"), item("“七五”普法先进单位")],
                "“甲奖”“‘七五’普法先进单位”",
            ),
            (
                ListKind::Rule,
                vec![item("《甲办法》"), item("乙规定")],
                "《甲办法》《乙规定》",
            ),
        ];
        for (kind, items, said) in lists {
            let phrase = List {
                name: "x".into(),
                kind,
                items,
            }
            .phrase();
            assert_eq!(phrase, said);
            assert!(
                crate::validate::lint(&phrase).is_empty(),
                "{phrase} breaks a rule"
            );
        }
    }
}
