//! Emit: the data files of the imported report, through `toml_edit`. A guessed value carries
//! a comment saying where it came from; what is not known is `待补充` with a comment saying
//! so, for `check` to report (E0712) until it is filled in.

use crate::model::FileId;
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

use super::extract::Extracted;
use super::front::Head;
use super::outline::{Outline, Part};
use super::page::Meta;
use super::who::Who;
use crate::model::common::{Count, PLACEHOLDER, Qualifier};

/// Everything the stages found.
pub struct Whole<'a> {
    pub head: &'a Head,
    pub who: &'a Who,
    pub meta: &'a Meta,
    pub outline: &'a mut Outline,
    pub extracted: &'a Extracted,
    pub sample: bool,
}

/// The files of the folder, by name.
pub fn files(whole: &mut Whole) -> Vec<(&'static str, String)> {
    let (problems, plans) = moved(&mut whole.outline.roots);
    let mut files = vec![(FileId::Report.name(), report(whole))];
    if let Some(text) = items_file(
        "problems",
        &problems,
        "存在的不足，按原报告列出；请为每一项补写原因（cause）。",
    ) {
        files.push((FileId::Problems.name(), text));
    }
    if let Some(text) = items_file("plans", &plans, "下一年度工作安排，按原报告列出。")
    {
        files.push((FileId::Plans.name(), text));
    }
    if let Some(text) = study(&whole.extracted.studied) {
        files.push((FileId::Study.name(), text));
    }
    if let Some(text) = statistics(&whole.extracted.counts) {
        files.push((FileId::Statistics.name(), text));
    }
    for (_, text) in &mut files {
        if !text.ends_with('\n') {
            text.push('\n');
        }
    }
    files
}

/// A text as TOML: a multi-line literal string when it has lines and allows one.
fn text(text: &str) -> Item {
    let literal = format!("'''\n{text}\n'''");
    let multi = text.contains('\n')
        && !text.contains("'''")
        && !text.chars().any(|c| c.is_control() && c != '\n');
    match literal.parse::<Value>() {
        Ok(v) if multi => Item::Value(v),
        _ => toml_edit::value(text),
    }
}

/// A value with a comment after it.
fn commented(value: impl Into<Value>, comment: Option<&str>) -> Item {
    let mut value: Value = value.into();
    if let Some(c) = comment {
        value.decor_mut().set_suffix(format!(" # {c}"));
    }
    Item::Value(value)
}

fn report(whole: &Whole) -> String {
    let mut doc = DocumentMut::new();
    doc.decor_mut().set_prefix(
        "# 由 `report import` 从原报告导入：注有“推断”的值请核对，“待补充”处请填写。\n\n",
    );
    let who = whole.who;
    doc["year"] = commented(i64::from(who.year.0), who.year.1.mark().as_deref());
    doc["date"] = match who.date {
        Some(d) => commented(date_value(d), None),
        None => {
            let note = match &who.partial_date {
                Some(p) => format!("原文落款为“{p}”，缺日，请填写，如 2025-01-10"),
                None => "原文没有成文日期，请填写，如 2025-01-10".to_string(),
            };
            commented(PLACEHOLDER, Some(&note))
        }
    };
    doc["signer"] = match &who.signer {
        Some(s) => toml_edit::value(s.as_str()),
        None => commented(PLACEHOLDER, Some("原文没有署名，请填写")),
    };
    title(&mut doc, whole);
    let head = whole.head;
    if let Some(no) = head.doc_no.as_ref().or(whole.meta.doc_no.as_ref()) {
        doc["doc_no"] = toml_edit::value(no.as_str());
    }
    if let Some(r) = &head.recipient {
        doc["recipient"] = toml_edit::value(r.as_str());
    }
    if whole.sample {
        doc["sample"] = toml_edit::value(true);
    }
    front_matter(&mut doc, whole);
    doc["unit"] = Item::Table(unit(who));
    if !whole.extracted.documents.is_empty() {
        doc["documents"] = Item::ArrayOfTables(documents(whole.extracted));
    }
    let sections = sections(&whole.outline.roots);
    doc["sections"] = Item::ArrayOfTables(sections);
    doc.to_string()
}

/// The title as published, its lines kept; left out when it is the one `report` prints by
/// default; `待补充` when the text has none.
fn title(doc: &mut DocumentMut, whole: &Whole) {
    let lines = &whole.head.title_lines;
    if lines.is_empty() {
        doc["title"] = commented(PLACEHOLDER, Some("原文没有标题，请填写"));
        return;
    }
    let default = whole
        .who
        .unit
        .as_ref()
        .map(|(u, _)| crate::model::report::default_title(u, whole.who.year.0));
    if default.as_deref() != Some(lines.concat().as_str()) {
        doc["title"] = toml_edit::value(lines.join("\n"));
    }
}

/// Layout, highlights, the page's publishing data and the intro.
fn front_matter(doc: &mut DocumentMut, whole: &Whole) {
    let outline = &whole.outline;
    if !outline.continuous.is_empty() {
        let levels: Array = outline.continuous.iter().map(|&l| i64::from(l)).collect();
        let mut style = InlineTable::new();
        style.insert("continuous_levels", Value::Array(levels));
        doc["style"] = toml_edit::value(style);
    }
    if !outline.highlights.is_empty() {
        let items: Array = outline.highlights.iter().map(String::as_str).collect();
        doc["highlights"] = toml_edit::value(items);
    }
    if let Some(date) = whole.meta.published {
        let mut published = InlineTable::new();
        published.insert("date", date_value(date));
        if let Some(i) = &whole.meta.index_no {
            published.insert("index_no", i.as_str().into());
        }
        if let Some(p) = &whole.meta.publisher {
            published.insert("publisher", p.as_str().into());
        }
        doc["published"] = toml_edit::value(published);
    }
    if !outline.intro.is_empty() {
        doc["intro"] = text(&outline.intro.join("\n\n"));
    }
}

fn date_value(d: crate::model::Date) -> Value {
    let date = toml_edit::Date {
        year: d.year,
        month: d.month,
        day: d.day,
    };
    Value::from(toml_edit::Datetime {
        date: Some(date),
        time: None,
        offset: None,
    })
}

fn unit(who: &Who) -> Table {
    let mut unit = Table::new();
    unit["name"] = match &who.unit {
        Some((name, source)) => commented(name.as_str(), source.mark().as_deref()),
        None => commented(PLACEHOLDER, Some("原文未写明单位，请填写")),
    };
    unit["kind"] = match who.kind {
        Some((kind, source)) => {
            commented(kind.key(), source.mark().map(|_| "据单位名称推断，请核对"))
        }
        None => {
            // Every kind with its name, from the kinds themselves (待补充 is what this is).
            let kinds: Vec<String> = crate::model::UnitKind::ALL
                .iter()
                .filter(|k| k.key() != PLACEHOLDER)
                .map(|k| format!("{}（{}）", k.key(), k.label()))
                .collect();
            let note = format!("请填写：{}", kinds.join("、"));
            commented(PLACEHOLDER, Some(&note))
        }
    };
    unit
}

fn documents(extracted: &Extracted) -> ArrayOfTables {
    let mut out = ArrayOfTables::new();
    for d in &extracted.documents {
        let mut t = Table::new();
        t["id"] = toml_edit::value(d.id.as_str());
        t["title"] = toml_edit::value(d.title.as_str());
        t["doc_no"] = toml_edit::value(d.doc_no.as_str());
        out.push(t);
    }
    out
}

fn sections(parts: &[Part]) -> ArrayOfTables {
    let mut out = ArrayOfTables::new();
    for part in parts {
        out.push(section(part));
    }
    out
}

fn section(part: &Part) -> Table {
    let mut t = Table::new();
    t["title"] = toml_edit::value(part.title.as_str());
    if part.unnumbered {
        t["numbered"] = toml_edit::value(false);
        t["heading"] = toml_edit::value("standalone");
    }
    // Parts are tagged by their wording; a deeper section only for the principal leaders'
    // duties, which reports often put inside the first part.
    let item = match part.level {
        1 => statutory_item(&part.title),
        _ => part.title.contains("第一责任人").then_some(3),
    };
    if let Some(item) = item {
        t["statutory_item"] = toml_edit::value(i64::from(item));
    }
    if let Some(style) = heading_style(part) {
        t["heading"] = toml_edit::value(style);
    }
    if !part.text.is_empty() {
        t["text"] = text(&part.text.join("\n\n"));
    }
    if let Some(block) = part.block {
        t["block"] = toml_edit::value(block);
    }
    if !part.children.is_empty() {
        t["sections"] = Item::ArrayOfTables(sections(&part.children));
    }
    t
}

/// The heading style where it is not the default (levels 1–2 stand alone, deeper ones run
/// in): as published.
fn heading_style(part: &Part) -> Option<&'static str> {
    if part.unnumbered {
        return None;
    }
    match (part.level <= 2, part.run_in) {
        (true, true) => Some("run_in"),
        (false, false) if !part.text.is_empty() || !part.children.is_empty() => Some("standalone"),
        _ => None,
    }
}

/// The statutory content a part's title reports (厅字〔2019〕28号).
fn statutory_item(title: &str) -> Option<u8> {
    let has = |words: &[&str]| words.iter().any(|w| title.contains(w));
    if has(&["第一责任人"]) {
        Some(3)
    } else if has(&["不足", "问题"]) {
        Some(2)
    } else if has(&["下一步", "下一年", "计划", "安排", "打算", "思路"]) {
        Some(4)
    } else if has(&["其他"]) {
        Some(5)
    } else if has(&["举措", "成效", "情况", "工作"]) {
        Some(1)
    } else {
        None
    }
}

/// The items of the shortcomings and of next year's arrangements, moved out of their parts
/// when they are all run-in items of the second level (as the blocks print them).
fn moved(roots: &mut [Part]) -> (Vec<Part>, Vec<Part>) {
    let (mut problems, mut plans) = (Vec::new(), Vec::new());
    for root in roots {
        let (list, block) = match statutory_item(&root.title) {
            Some(2) => (&mut problems, "problems"),
            Some(4) => (&mut plans, "plans"),
            _ => continue,
        };
        let movable = !root.children.is_empty()
            && root.block.is_none()
            && list.is_empty()
            && (root.children.iter())
                .all(|c| c.run_in && c.children.is_empty() && !c.unnumbered && c.level == 2);
        if movable {
            list.append(&mut root.children);
            root.block = Some(block);
        }
    }
    (problems, plans)
}

fn items_file(list: &str, items: &[Part], what: &str) -> Option<String> {
    if items.is_empty() {
        return None;
    }
    let mut doc = DocumentMut::new();
    doc.decor_mut()
        .set_prefix(format!("# 由 `report import` 导入：{what}\n\n"));
    let mut out = ArrayOfTables::new();
    for item in items {
        let mut t = Table::new();
        t["title"] = toml_edit::value(item.title.as_str());
        if !item.text.is_empty() {
            t["text"] = text(&item.text.join("\n\n"));
        }
        out.push(t);
    }
    doc[list] = Item::ArrayOfTables(out);
    Some(doc.to_string())
}

fn study(studied: &[(String, Option<String>)]) -> Option<String> {
    if studied.is_empty() {
        return None;
    }
    let mut doc = DocumentMut::new();
    doc.decor_mut()
        .set_prefix("# 由 `report import` 从原报告的文字中取出的学习内容（标题不带书名号）。\n\n");
    let mut out = ArrayOfTables::new();
    for (title, suffix) in studied {
        let mut t = Table::new();
        t["title"] = toml_edit::value(title.as_str());
        if let Some(s) = suffix {
            t["suffix"] = toml_edit::value(s.as_str());
        }
        out.push(t);
    }
    doc["studied"] = Item::ArrayOfTables(out);
    Some(doc.to_string())
}

fn statistics(counts: &[(String, Count)]) -> Option<String> {
    if counts.is_empty() {
        return None;
    }
    let mut doc = DocumentMut::new();
    doc.decor_mut().set_prefix(
        "# 由 `report import` 从原报告的文字中取出的数量；正文以 {{ counts.<键> }} 引用。\n",
    );
    let mut all = Table::new();
    all.set_implicit(true);
    for (key, c) in counts {
        all[key.as_str()] = Item::Table(count_table(c));
    }
    doc["counts"] = Item::Table(all);
    Some(doc.to_string())
}

fn count_table(c: &Count) -> Table {
    let mut t = Table::new();
    t["name"] = toml_edit::value(c.name.as_str());
    t["value"] = match c.value {
        crate::model::common::Quantity::Integer(n) => toml_edit::value(n),
        crate::model::common::Quantity::Decimal(x) => toml_edit::value(x),
        crate::model::common::Quantity::Placeholder => toml_edit::value(PLACEHOLDER),
    };
    t["unit"] = toml_edit::value(c.unit.as_str());
    if let Some(q) = c.qualifier {
        t["qualifier"] = toml_edit::value(qualifier_key(q));
    }
    if let Some(link) = &c.link {
        t["link"] = toml_edit::value(link.as_str());
    }
    for (key, ids) in [("parts", &c.parts), ("subsets", &c.subsets)] {
        if !ids.is_empty() {
            t[key] = toml_edit::value(ids.iter().map(String::as_str).collect::<Array>());
        }
    }
    t
}

fn qualifier_key(q: Qualifier) -> &'static str {
    match q {
        Qualifier::Over => "over",
        Qualifier::More => "more",
        Qualifier::AtLeast => "at_least",
        Qualifier::Nearly => "nearly",
        Qualifier::About => "about",
        Qualifier::Under => "under",
    }
}
