//! `report diff`: what changed between two report folders, in report terms.
//!
//! Both folders are read as TOML and compared structurally, guided by the JSON Schema: keys
//! are shown by their Chinese labels, keyed tables (posts, counts) by their `name`, and items
//! of lists are matched by identity (`id`, `title`, `name`, `plan`, or the text itself) — not
//! by position, so inserting an item does not make every later one "changed". Counts show
//! old → new with the difference and the percentage; narrative shows a character-level diff
//! (the right unit for Chinese text).

use std::fmt::Write as _;
use std::path::Path;

use super::problems;

use serde::Serialize;
use similar::{ChangeTag, TextDiff};
use toml::Value;

use crate::diagnostic::Text;

/// One change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// Where, as labels: `["普法宣传", "数量", "法律知识咨询活动"]`.
    pub path: Vec<String>,
    /// `added`, `removed` or `changed`.
    pub kind: &'static str,
    /// The old value, as the report would say it.
    pub old: Option<String>,
    /// The new value.
    pub new: Option<String>,
    /// For numbers: new − old.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delta: Option<f64>,
    /// For counts: the unit of the delta (`场`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// For numbers: the change in percent of the old value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent: Option<f64>,
    /// For texts: the old and new text with changes marked `[-removed-]{+added+}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text_diff: Option<String>,
}

pub use super::problems::at;

/// Reads the data files of a report folder as TOML values (a missing topic file is an empty
/// table; a folder without `report.toml` is no report, and said so).
pub fn read_folder(dir: &Path) -> Result<Vec<(&'static str, Value)>, Text> {
    if !dir.join(crate::model::FileId::Report.name()).is_file() {
        return Err(at(dir, &problems::not_a_report_folder()));
    }
    let mut files = Vec::new();
    for name in crate::model::data_file_names() {
        let path = dir.join(name);
        let text =
            crate::load::read_text(&path, dir).map_err(|problem| at(&path, &problem.message))?;
        let value = if let Some((text, _)) = text {
            text.parse::<toml::Table>()
                .map(Value::Table)
                .map_err(|_| at(&path, &problems::not_toml()))?
        } else {
            Value::Table(toml::Table::default())
        };
        files.push((name, value));
    }
    Ok(files)
}

/// Every change from `old` to `new`, file by file.
pub fn diff(old: &[(&'static str, Value)], new: &[(&'static str, Value)]) -> Vec<Change> {
    let mut changes = Vec::new();
    for ((name, a), (_, b)) in old.iter().zip(new) {
        let schema = crate::schema::schema_for_file(name).unwrap_or_default();
        let mut walker = Walker {
            root: &schema,
            changes: &mut changes,
            measure: None,
            quantity: true,
        };
        walker.value(&mut Vec::new(), &schema, a, b);
    }
    changes
}

struct Walker<'a> {
    root: &'a serde_json::Value,
    changes: &'a mut Vec<Change>,
    /// The measure word of the table being walked (a post's `measure`), for its `count`.
    measure: Option<String>,
    /// Whether the value being walked is a quantity (not a year, an id or a level).
    quantity: bool,
}

/// Keys whose numbers are not quantities: a change is said without 增加/增长.
const NOT_QUANTITIES: &[&str] = &["year", "statutory_item", "bold_levels"];

/// How alike two texts are (0 to 1), for matching an item whose words were edited.
fn likeness(a: &str, b: &str) -> f64 {
    strsim::normalized_levenshtein(a, b)
}

/// The Chinese label of a schema property: `数量` from "数量（count）：…" (the key itself
/// when its description does not start so).
fn label(node: &serde_json::Value, key: &str) -> String {
    let described = node.get("description").and_then(|d| d.as_str());
    described
        .and_then(|d| d.split_once('（'))
        .filter(|(_, rest)| {
            let named = rest.split_once('）').map_or("", |(k, _)| k);
            named.trim_matches('`') == key
        })
        .map(|(label, _)| label)
        .filter(|l| !l.is_empty())
        .map_or_else(|| key.to_string(), String::from)
}

/// Which item of `b` each item of `a` is: the same id, or else the most alike unmatched one
/// (at least 0.6 alike); and which items of `b` are taken.
fn matched(ids_a: &[String], ids_b: &[String]) -> (Vec<Option<usize>>, Vec<bool>) {
    let mut pair: Vec<Option<usize>> = ids_a
        .iter()
        .map(|id| ids_b.iter().position(|i| i == id))
        .collect();
    let mut taken: Vec<bool> = vec![false; ids_b.len()];
    for j in pair.iter().flatten() {
        taken[*j] = true;
    }
    for (i, id) in ids_a.iter().enumerate() {
        if pair[i].is_some() {
            continue;
        }
        let best = (0..ids_b.len())
            .filter(|&j| !taken[j])
            .map(|j| (likeness(id, &ids_b[j]), j))
            .filter(|(l, _)| *l >= 0.6)
            .max_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((_, j)) = best {
            pair[i] = Some(j);
            taken[j] = true;
        }
    }
    (pair, taken)
}

/// What identifies an item of a list.
fn identity(item: &Value) -> String {
    match item {
        Value::Table(t) => ["id", "title", "name", "plan", "text"]
            .iter()
            .find_map(|k| t.get(*k).and_then(Value::as_str))
            .map_or_else(|| item.to_string(), String::from),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// How an item of a list is shown: its title or name rather than an id.
fn display_name(item: &Value) -> String {
    match item {
        Value::Table(t) => ["title", "name", "plan", "text", "id"]
            .iter()
            .find_map(|k| t.get(*k).and_then(Value::as_str))
            .map_or_else(|| identity(item), String::from),
        _ => identity(item),
    }
}

/// One of a choice's values (`township`) by the name the schema gives it (`乡镇`).
fn choice_named(node: &serde_json::Value, value: &Value) -> Option<Value> {
    let key = value.as_str()?;
    crate::schema::choice_names(node)
        .into_iter()
        .find(|(v, _)| v == key)
        .map(|(_, name)| Value::String(name))
}

/// A value as the report would say it.
fn say(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        // A count is said as the report says it (待补充 while not filled in, without its unit).
        Value::Table(t) if t.contains_key("value") => {
            match value.clone().try_into::<crate::model::Count>() {
                Ok(count) => count.amount(),
                Err(_) => t.get("value").map(say).unwrap_or_default(),
            }
        }
        Value::Table(t) => t
            .get("name")
            .or_else(|| t.get("title"))
            .or_else(|| t.get("plan"))
            .or_else(|| t.get("text"))
            .map_or_else(|| value.to_string(), say),
        Value::Array(items) => items.iter().map(say).collect::<Vec<_>>().join("、"),
        // Dates as the report prints them: 2024年2月20日.
        Value::Datetime(d) => match (d.date, d.time) {
            (Some(date), None) => format!("{}年{}月{}日", date.year, date.month, date.day),
            _ => d.to_string(),
        },
        other => other.to_string(),
    }
}

impl Walker<'_> {
    fn deref(&self, node: &serde_json::Value) -> serde_json::Value {
        crate::schema::resolve(self.root, node).clone()
    }

    fn push(
        &mut self,
        path: &[String],
        kind: &'static str,
        old: Option<&Value>,
        new: Option<&Value>,
    ) {
        let measure = self
            .measure
            .as_deref()
            .filter(|_| old.is_none_or(Value::is_integer) && new.is_none_or(Value::is_integer));
        let said = |v: &Value| match measure {
            Some(m) => format!("{}{m}", say(v)),
            None => say(v),
        };
        let mut change = Change {
            path: path.to_vec(),
            kind,
            old: old.map(said),
            new: new.map(said),
            delta: None,
            unit: None,
            percent: None,
            text_diff: None,
        };
        change.unit = new
            .and_then(Value::as_table)
            .and_then(|t| t.get("unit"))
            .and_then(Value::as_str)
            .map(String::from)
            .or_else(|| measure.map(String::from));
        if let (Some(a), Some(b)) = (old.and_then(number), new.and_then(number))
            && self.quantity
        {
            change.delta = Some(b - a);
            change.percent = (a != 0.0).then(|| (b - a) / a * 100.0);
        }
        if let (Some(Value::String(a)), Some(Value::String(b))) = (old, new)
            && (a.chars().count() > 20 || b.chars().count() > 20)
        {
            change.text_diff = Some(char_diff(a, b));
        }
        self.changes.push(change);
    }

    fn value(&mut self, path: &mut Vec<String>, node: &serde_json::Value, a: &Value, b: &Value) {
        let node = self.deref(node);
        match (a, b) {
            (Value::Table(ta), Value::Table(tb)) if !is_count(a) || !is_count(b) => {
                self.tables(path, &node, ta, tb);
            }
            (Value::Array(xa), Value::Array(xb)) => {
                let items = node.get("items").cloned().unwrap_or_default();
                self.arrays(path, &items, xa, xb);
            }
            _ if a == b => {}
            _ => self.push(path, "changed", Some(a), Some(b)),
        }
    }

    /// Two tables, key by key (a keyed table's items by their names).
    fn tables(
        &mut self,
        path: &mut Vec<String>,
        node: &serde_json::Value,
        ta: &toml::Table,
        tb: &toml::Table,
    ) {
        let props = node.get("properties");
        let map_items = node.get("additionalProperties").filter(|v| v.is_object());
        let mut keys: Vec<&String> = ta.keys().collect();
        keys.extend(tb.keys().filter(|k| !ta.contains_key(*k)));
        for key in keys {
            let child = props
                .and_then(|p| p.get(key))
                .or(map_items)
                .cloned()
                .unwrap_or_default();
            let name = if map_items.is_some() && props.and_then(|p| p.get(key)).is_none() {
                // A keyed table: show the item's name.
                tb.get(key)
                    .or_else(|| ta.get(key))
                    .and_then(|v| v.get("name"))
                    .and_then(Value::as_str)
                    .map_or_else(|| key.clone(), String::from)
            } else {
                label(&child, key)
            };
            path.push(name);
            let (measure, quantity) = (self.measure.take(), self.quantity);
            // A post's count is said with its measure word (`个` unless it names one).
            self.measure = (key == "count").then(|| {
                tb.get("measure")
                    .and_then(Value::as_str)
                    .unwrap_or("个")
                    .to_string()
            });
            self.quantity = !NOT_QUANTITIES.contains(&key.as_str());
            // A choice among named values (a unit's kind) is said by its name (乡镇).
            let node = self.deref(&child);
            let named = |v: Option<&Value>| v.map(|v| choice_named(&node, v).unwrap_or(v.clone()));
            match (named(ta.get(key)).as_ref(), named(tb.get(key)).as_ref()) {
                (Some(x), Some(y)) => self.value(path, &child, x, y),
                (Some(x), None) => self.push(path, "removed", Some(x), None),
                (None, Some(y)) => self.push(path, "added", None, Some(y)),
                (None, None) => {}
            }
            (self.measure, self.quantity) = (measure, quantity);
            path.pop();
        }
    }

    /// Two lists, their items matched by name or title, or (items known only by their words:
    /// a duty, a studied text) to the most alike of the unmatched ones, so that a
    /// one-character edit reads as a change, not a removal and an addition.
    fn arrays(
        &mut self,
        path: &mut Vec<String>,
        items: &serde_json::Value,
        xa: &[Value],
        xb: &[Value],
    ) {
        let ids_a: Vec<String> = xa.iter().map(identity).collect();
        let ids_b: Vec<String> = xb.iter().map(identity).collect();
        let (pair, taken) = matched(&ids_a, &ids_b);
        for (i, x) in xa.iter().enumerate() {
            match pair[i] {
                Some(j) if ids_a[i] == ids_b[j] || (x.is_table() && xb[j].is_table()) => {
                    // The same item, or alike tables: walked, each change with its words' diff.
                    path.push(id_label(&display_name(x)));
                    self.value(path, items, x, &xb[j]);
                    path.pop();
                }
                Some(j) => self.push(path, "changed", Some(x), Some(&xb[j])),
                None => self.push(path, "removed", Some(x), None),
            }
        }
        for (j, y) in xb.iter().enumerate() {
            if !taken[j] {
                self.push(path, "added", None, Some(y));
            }
        }
    }
}

fn id_label(id: &str) -> String {
    let short: String = id.chars().take(16).collect();
    if short.chars().count() < id.chars().count() {
        format!("{short}…")
    } else {
        short
    }
}

fn is_count(v: &Value) -> bool {
    v.as_table()
        .is_some_and(|t| t.contains_key("value") && t.contains_key("name"))
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Integer(i) => Some(*i as f64),
        Value::Float(f) => Some(*f),
        Value::Table(t) if t.contains_key("value") => t.get("value").and_then(number),
        _ => None,
    }
}

/// A character-level diff: `[-removed-]{+added+}` around the changes.
pub fn char_diff(a: &str, b: &str) -> String {
    let diff = TextDiff::from_chars(a, b);
    let mut out = String::new();
    let mut current: Option<ChangeTag> = None;
    for change in diff.iter_all_changes() {
        let tag = change.tag();
        if current != Some(tag) {
            close(&mut out, current);
            match tag {
                ChangeTag::Delete => out.push_str("[-"),
                ChangeTag::Insert => out.push_str("{+"),
                ChangeTag::Equal => {}
            }
            current = Some(tag);
        }
        out.push_str(change.value());
    }
    close(&mut out, current);
    elide_unchanged(&out)
}

/// Long unchanged stretches of a marked-up diff shortened to their ends: `……不变的文字……`.
fn elide_unchanged(marked: &str) -> String {
    const KEEP: usize = 12;
    let mut out = String::new();
    let mut rest = marked;
    let mut first = true;
    while !rest.is_empty() {
        let next = ["[-", "{+"]
            .iter()
            .filter_map(|m| rest.find(m))
            .min()
            .unwrap_or(rest.len());
        let (plain, marked_rest) = rest.split_at(next);
        let chars: Vec<char> = plain.chars().collect();
        let last = marked_rest.is_empty();
        if chars.len() > 2 * KEEP + 1 {
            let head: String = if first {
                String::new()
            } else {
                chars[..KEEP].iter().collect()
            };
            let tail: String = if last {
                String::new()
            } else {
                chars[chars.len() - KEEP..].iter().collect()
            };
            let _ = write!(out, "{head}…{tail}");
        } else {
            out.push_str(plain);
        }
        first = false;
        rest = marked_rest;
        if let Some(end) = ["-]", "+}"]
            .iter()
            .filter_map(|m| rest.find(m).map(|i| i + 2))
            .min()
            .filter(|_| rest.starts_with("[-") || rest.starts_with("{+"))
        {
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        }
    }
    out
}

fn close(out: &mut String, tag: Option<ChangeTag>) {
    match tag {
        Some(ChangeTag::Delete) => out.push_str("-]"),
        Some(ChangeTag::Insert) => out.push_str("+}"),
        _ => {}
    }
}

/// The changes as Markdown for a reviewer.
pub fn to_markdown(changes: &[Change], old_name: &str, new_name: &str) -> String {
    let mut out = format!("# {old_name} → {new_name}\n\n");
    if changes.is_empty() {
        out.push_str("无变化。\n");
        return out;
    }
    for c in changes {
        let place = c.path.join(" › ");
        let line = match c.kind {
            "added" => format!("- 新增 {place}：{}", c.new.clone().unwrap_or_default()),
            "removed" => format!("- 删除 {place}：{}", c.old.clone().unwrap_or_default()),
            _ => {
                let mut line = format!(
                    "- {place}：{} → {}",
                    c.old.clone().unwrap_or_default(),
                    c.new.clone().unwrap_or_default()
                );
                let rate = c.unit.as_deref() == Some("%");
                if let Some(delta) = c.delta {
                    let unit = c.unit.as_deref().unwrap_or("");
                    let percent = c.percent.filter(|_| !rate);
                    let words = crate::model::common::change_in_words(delta, unit, percent);
                    let _ = write!(line, "（{words}）");
                }
                if let Some(d) = &c.text_diff {
                    line = format!("- {place}：{d}");
                }
                line
            }
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// A data file's facts, one per line with their labels — the text `git diff` compares when
/// `report diff --textconv` is a textconv driver.
pub fn facts(file_name: &str, value: &Value) -> String {
    let schema = crate::schema::schema_for_file(file_name).unwrap_or_default();
    let walker = Walker {
        root: &schema,
        changes: &mut Vec::new(),
        measure: None,
        quantity: true,
    };
    let mut lines = Vec::new();
    fact_lines(&walker, &mut Vec::new(), &schema, value, &mut lines);
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

fn fact_lines(
    walker: &Walker<'_>,
    path: &mut Vec<String>,
    node: &serde_json::Value,
    value: &Value,
    out: &mut Vec<String>,
) {
    let node = walker.deref(node);
    match value {
        Value::Table(t) if !is_count(value) => {
            let props = node.get("properties");
            let map_items = node.get("additionalProperties").filter(|v| v.is_object());
            for (key, v) in t {
                let child = props
                    .and_then(|p| p.get(key))
                    .or(map_items)
                    .cloned()
                    .unwrap_or_default();
                let name = if props.and_then(|p| p.get(key)).is_none() && map_items.is_some() {
                    v.get("name")
                        .and_then(Value::as_str)
                        .map_or_else(|| key.clone(), String::from)
                } else {
                    label(&child, key)
                };
                path.push(name);
                fact_lines(walker, path, &child, v, out);
                path.pop();
            }
        }
        Value::Array(items) if items.iter().any(Value::is_table) => {
            let item_node = node.get("items").cloned().unwrap_or_default();
            for item in items {
                path.push(id_label(&display_name(item)));
                fact_lines(walker, path, &item_node, item, out);
                path.pop();
            }
        }
        other => {
            let said = choice_named(&node, other).unwrap_or_else(|| other.clone());
            out.push(format!("{}: {}", path.join(" › "), say(&said)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(text: &str) -> Vec<(&'static str, Value)> {
        vec![("outreach.toml", Value::Table(text.parse().unwrap()))]
    }

    #[test]
    fn counts_show_delta_and_percent() {
        let a = files("[counts.c]\nname = \"法律知识咨询活动\"\nvalue = 15\nunit = \"场\"\n");
        let b = files("[counts.c]\nname = \"法律知识咨询活动\"\nvalue = 22\nunit = \"场\"\n");
        let changes = diff(&a, &b);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].old.as_deref(), Some("15场"));
        assert_eq!(changes[0].new.as_deref(), Some("22场"));
        assert_eq!(changes[0].delta, Some(7.0));
        let md = to_markdown(&changes, "a", "b");
        assert!(
            md.contains("- 数量 › 法律知识咨询活动：15场 → 22场（增加7场，增长46.7%）"),
            "{md}"
        );
        assert!(diff(&a, &a).is_empty());
    }

    #[test]
    fn a_choice_is_said_by_its_name_and_an_unknown_one_as_written() {
        let report = |kind: &str| {
            let text = format!("[unit]\nname = \"太安镇\"\nkind = \"{kind}\"\n");
            vec![("report.toml", Value::Table(text.parse().unwrap()))]
        };
        let md = to_markdown(&diff(&report("township"), &report("district")), "a", "b");
        assert!(md.contains("- 报告单位 › 单位类别：乡镇 → 区"), "{md}");
        let md = to_markdown(&diff(&report("township"), &report("towns")), "a", "b");
        assert!(md.contains("：乡镇 → towns"), "{md}");
        let Value::Table(t) = report("state_council_department").remove(0).1 else {
            unreachable!()
        };
        let facts = facts("report.toml", &Value::Table(t));
        assert!(
            facts.contains("报告单位 › 单位类别: 国务院部门\n"),
            "{facts}"
        );
    }

    #[test]
    fn list_items_match_by_identity() {
        let a = files("materials = [\"宪法\", \"信访条例\"]\n");
        let b = files("materials = [\"民法典\", \"宪法\", \"信访条例\"]\n");
        let changes = diff(&a, &b);
        assert_eq!(changes.len(), 1, "{changes:?}");
        assert_eq!(changes[0].kind, "added");
        assert_eq!(changes[0].new.as_deref(), Some("民法典"));
    }

    #[test]
    fn char_diffs() {
        assert_eq!(
            char_diff("举办讲座15场", "举办讲座22场"),
            "举办讲座[-15-]{+22+}场"
        );
        let long = "一二三四五六七八九十".repeat(4);
        assert_eq!(
            char_diff(&format!("{long}的{long}"), &format!("{long}地{long}")),
            "…三四五六七八九十一二三四五六七八九十[-的-]{+地+}一二三四五六七八九十一二…".replace(
                "…三四五六七八九十一二三四五六七八九十",
                "…九十一二三四五六七八九十"
            )
        );
    }
}
