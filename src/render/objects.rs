//! Template values that know how to print themselves.
//!
//! - [`Phrase`]: a fact that prints as the report says it (`法律知识咨询活动15场`,
//!   `13个村法律服务工作室`, `2021年1月10日`) while its parts stay reachable
//!   (`{{ c.value }}`, `{{ c.amount }}`).
//! - [`MarkdownText`]: narrative that prints as Markdown in Markdown templates and as HTML
//!   in HTML templates, so `{{ section.body }}` is right in both and never unescaped.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use minijinja::value::{Enumerator, Object, Value};

/// A fact with a printed form and named parts.
#[derive(Debug)]
pub struct Phrase {
    text: String,
    fields: BTreeMap<&'static str, Value>,
}

impl Phrase {
    /// The field a phrase that stands for several things keeps them in: `phrase[0]` is the
    /// first of them.
    pub const ITEMS: &'static str = "items";

    /// A phrase printing as `text`, with `fields` as its attributes.
    pub fn value(text: String, fields: impl IntoIterator<Item = (&'static str, Value)>) -> Value {
        Value::from_object(Phrase {
            text,
            fields: fields.into_iter().collect(),
        })
    }
}

impl Object for Phrase {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        if let Some(index) = key.as_i64() {
            let items = self.fields.get(Self::ITEMS)?;
            let index = usize::try_from(index).ok()?;
            return items
                .get_item_by_index(index)
                .ok()
                .filter(|v| !v.is_undefined());
        }
        self.fields.get(key.as_str()?).cloned()
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Values(self.fields.keys().map(|k| Value::from(*k)).collect())
    }

    fn is_true(self: &Arc<Self>) -> bool {
        true
    }

    fn render(self: &Arc<Self>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Narrative Markdown, with an optional run-in heading that starts its first paragraph.
#[derive(Debug, Clone, Default)]
pub struct MarkdownText {
    /// The Markdown (raw HTML already neutralised).
    pub markdown: String,
    /// A run-in heading (plain text) and its level, put before the first paragraph.
    pub lead: Option<(String, usize)>,
}

impl MarkdownText {
    /// The text as Markdown, with the run-in heading escaped in front.
    pub fn to_markdown(&self) -> String {
        match &self.lead {
            Some((lead, _)) if self.lead_stands_alone() => {
                format!("{}\n\n{}", super::markdown::escape(lead), self.markdown)
            }
            Some((lead, _)) => format!("{}{}", super::markdown::escape(lead), self.markdown),
            None => self.markdown.clone(),
        }
    }

    /// The text as an HTML fragment.
    pub fn to_html(&self) -> String {
        let lead = self.lead.as_ref().map(|(text, level)| {
            format!(
                "<span class=\"run-in level-{level}\">{}</span>",
                super::escape_html(text)
            )
        });
        if self.lead_stands_alone() {
            let lead = lead.unwrap_or_default();
            return format!(
                "<p>{lead}</p>\n{}",
                super::markdown::to_html(&self.markdown, None)
            );
        }
        super::markdown::to_html(&self.markdown, lead.as_deref())
    }

    /// A run-in heading that ends with a colon and introduces a list (the duties as （1）
    /// （2）…, a Markdown list) is a paragraph of its own, and so is any run-in heading above
    /// a table, a quotation, code or a heading, which a sentence cannot run into; one that
    /// introduces a sentence (`深化行政执法体制改革：全面推行……`) runs into it.
    pub fn lead_stands_alone(&self) -> bool {
        self.lead.as_ref().is_some_and(|(lead, _)| {
            crate::text::starts_with_a_block(&self.markdown)
                || lead.ends_with('：') && crate::text::starts_with_a_list(&self.markdown)
        })
    }
}

impl Object for MarkdownText {
    fn is_true(self: &Arc<Self>) -> bool {
        !self.markdown.trim().is_empty() || self.lead.is_some()
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::NonEnumerable
    }

    fn render(self: &Arc<Self>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_markdown())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_colon_lead_runs_into_a_sentence_and_stands_above_a_list() {
        let text = |lead: &str, markdown: &str| MarkdownText {
            markdown: markdown.into(),
            lead: Some((lead.into(), 3)),
        };
        for list in [
            "（1）用心履职。",
            "1. 甲\n2. 乙",
            "- 甲",
            "一、总体情况",
            "①甲",
            "(2)乙",
        ] {
            assert!(text("职责：", list).lead_stands_alone(), "{list}");
        }
        for sentence in [
            "全面推行三项制度。",
            "一是加强领导。",
            "2020年以来，",
            "1.5万元用于",
            "十分重视",
        ] {
            let t = text("深化行政执法体制改革：", sentence);
            assert!(!t.lead_stands_alone(), "{sentence}");
            assert_eq!(t.to_markdown(), format!("深化行政执法体制改革：{sentence}"));
        }
        assert!(!text("强化经费保障", "（1）甲").lead_stands_alone());
    }
}
