//! `report fmt`: the canonical form of a data file, so that diffs show only real changes.
//!
//! Lossless by construction: keys are reordered with `toml_edit` (which keeps every comment
//! and blank line attached to its key), then taplo's formatter — which also keeps comments —
//! evens out spacing and indentation. Values are never touched. Key order is the model's
//! (the order of the fields in `src/model/`, read from the JSON Schema); keys the model does
//! not know keep their place after the known ones. Tables stay where they are. The first line
//! names the file's schema (`#:schema …`).

use std::path::{Path, PathBuf};

use toml_edit::{DocumentMut, Item, Table, Value};

use crate::schema::resolve;

pub use super::problems::FormatError;

/// The canonical text of a data file. `schema_path` is written on a `#:schema` first line
/// when the file has none.
pub fn format(
    file_name: &str,
    text: &str,
    schema_path: Option<&str>,
) -> Result<String, FormatError> {
    // Formatted with LF line ends, then given back the line ends the file mostly had.
    let crlf_lines = text.matches("\r\n").count();
    let crlf = crlf_lines > 0 && crlf_lines * 2 >= text.matches('\n').count();
    let lf = if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let formatted = format_lf(file_name, &lf, schema_path)?;
    let formatted = if crlf {
        formatted.replace('\n', "\r\n")
    } else {
        formatted
    };
    // Lossless by construction, and checked: the result must read back to the values of the
    // file as it was (a multi-line string whose line ends differ from the file's would not).
    if let Ok(before) = text.parse::<toml::Table>()
        && !formatted
            .parse::<toml::Table>()
            .is_ok_and(|after| same_values(&before, &after))
    {
        return Err(FormatError::WouldChange);
    }
    Ok(formatted)
}

fn format_lf(
    file_name: &str,
    text: &str,
    schema_path: Option<&str>,
) -> Result<String, FormatError> {
    let (schema_line, body) = match text.split_once('\n') {
        Some((first, rest)) if first.starts_with("#:schema") => {
            (Some(first.trim_end().to_string()), rest)
        }
        _ if text.starts_with("#:schema") => (Some(text.trim_end().to_string()), ""),
        _ => (None, text),
    };
    let mut doc: DocumentMut = body
        .parse()
        .map_err(|e: toml_edit::TomlError| FormatError::Syntax(e.message().to_string()))?;
    if let Some(schema) = crate::schema::schema_for_file(file_name) {
        reorder_table(doc.as_table_mut(), &schema, &schema);
    }
    let reordered = doc.to_string();
    let mut options = taplo::formatter::Options {
        allowed_blank_lines: 1,
        column_width: 100,
        ..Default::default()
    };
    options.array_auto_collapse = false;
    // Comments after values are not lined up in a column: a long text on a nearby line would
    // push them hundreds of columns off the screen.
    options.align_comments = false;
    // taplo's expanding of long arrays is quadratic in their length (40,000 items: 8 s); an
    // array that long (no report has one) stays on the lines it is on.
    if longest_array(doc.as_item()) > MAX_EXPANDED_ARRAY {
        options.array_auto_expand = false;
    }
    let formatted = taplo::formatter::format(&reordered, options);
    let schema_line = schema_line.or_else(|| schema_path.map(|p| format!("#:schema {p}")));
    Ok(match schema_line {
        Some(line) => format!("{line}\n{}", formatted.trim_start_matches('\n')),
        None => formatted,
    })
}

/// Whether two TOML documents hold the same values (NaN equal to NaN), whatever their layout.
pub fn same_values(a: &toml::Table, b: &toml::Table) -> bool {
    // Floats are compared exactly: the formatted file must hold the very same values.
    #[allow(clippy::float_cmp)]
    fn same(a: &toml::Value, b: &toml::Value) -> bool {
        match (a, b) {
            (toml::Value::Float(x), toml::Value::Float(y)) => x == y || (x.is_nan() && y.is_nan()),
            (toml::Value::Table(x), toml::Value::Table(y)) => tables(x, y),
            (toml::Value::Array(x), toml::Value::Array(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(v, w)| same(v, w))
            }
            _ => a == b,
        }
    }
    fn tables(a: &toml::Table, b: &toml::Table) -> bool {
        a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| same(v, w)))
    }
    tables(a, b)
}

/// Arrays longer than this are not re-wrapped by `fmt`.
const MAX_EXPANDED_ARRAY: usize = 2_000;

/// The number of items of the longest array in a document.
fn longest_array(item: &Item) -> usize {
    fn value(v: &Value) -> usize {
        match v {
            Value::Array(a) => a.len().max(a.iter().map(value).max().unwrap_or(0)),
            Value::InlineTable(t) => t.iter().map(|(_, v)| value(v)).max().unwrap_or(0),
            _ => 0,
        }
    }
    match item {
        Item::Value(v) => value(v),
        Item::Table(t) => t.iter().map(|(_, i)| longest_array(i)).max().unwrap_or(0),
        Item::ArrayOfTables(a) => a
            .iter()
            .map(|t| t.iter().map(|(_, i)| longest_array(i)).max().unwrap_or(0))
            .max()
            .unwrap_or(0)
            .max(a.len()),
        Item::None => 0,
    }
}

/// Where the schema for a data file is, relative to the file: the nearest `schema/` folder
/// above it that holds `NAME.schema.json`.
pub fn find_schema(file: &Path) -> Option<String> {
    let stem = file.file_stem()?.to_str()?;
    let name = crate::schema::file_name(stem);
    let dir = file.parent()?.canonicalize().ok()?;
    let dir = dir.as_path();
    let mut ups = PathBuf::new();
    let mut current = Some(dir);
    while let Some(d) = current {
        if d.join("schema").join(&name).is_file() {
            let rel = ups.join("schema").join(&name);
            let rel = rel.to_string_lossy().replace('\\', "/");
            return Some(if rel.starts_with("..") {
                rel
            } else {
                format!("./{rel}")
            });
        }
        ups.push("..");
        current = d.parent();
    }
    None
}

/// The schema node for a property, following `$ref`s and `Option`s.
fn property<'a>(
    root: &'a serde_json::Value,
    node: &'a serde_json::Value,
    key: &str,
) -> Option<&'a serde_json::Value> {
    let node = resolve(root, node);
    let next = node
        .get("properties")
        .and_then(|p| p.get(key))
        .or_else(|| node.get("additionalProperties").filter(|a| a.is_object()))?;
    Some(resolve(root, next))
}

fn rank(node: &serde_json::Value, key: &str) -> usize {
    node.get("properties")
        .and_then(|p| p.as_object())
        .and_then(|p| p.keys().position(|k| k == key))
        .unwrap_or(usize::MAX)
}

fn reorder_table(table: &mut Table, root: &serde_json::Value, node: &serde_json::Value) {
    let node = resolve(root, node);
    // Tables keep their places: only key/value lines move, among the places key/value lines
    // had. Each key's final place is worked out first, so the sort compares plain numbers (a
    // comparator that called every table "equal" to everything was not a total order).
    let keys: Vec<(String, bool)> = table
        .iter()
        .map(|(k, item)| (k.to_string(), item.is_table() || item.is_array_of_tables()))
        .collect();
    let mut values: Vec<usize> = (0..keys.len()).filter(|&i| !keys[i].1).collect();
    let slots = values.clone();
    values.sort_by_key(|&i| (rank(node, &keys[i].0), i));
    let mut place: std::collections::HashMap<&str, usize> = keys
        .iter()
        .enumerate()
        .filter(|(_, (_, is_table))| *is_table)
        .map(|(i, (k, _))| (k.as_str(), i))
        .collect();
    for (slot, i) in slots.into_iter().zip(values) {
        place.insert(keys[i].0.as_str(), slot);
    }
    let place = |key: &str| place.get(key).copied().unwrap_or(usize::MAX);
    table.sort_values_by(|k1, _, k2, _| place(k1.get()).cmp(&place(k2.get())));
    for (key, item) in table.iter_mut() {
        let Some(child) = property(root, node, key.get()) else {
            continue;
        };
        reorder_item(item, root, child);
    }
}

fn reorder_item(item: &mut Item, root: &serde_json::Value, node: &serde_json::Value) {
    match item {
        Item::Table(t) => reorder_table(t, root, node),
        Item::ArrayOfTables(array) => {
            let items = node.get("items").map_or(node, |i| resolve(root, i));
            for t in array.iter_mut() {
                reorder_table(t, root, items);
            }
        }
        Item::Value(v) => reorder_value(v, root, node),
        Item::None => {}
    }
}

fn reorder_value(value: &mut Value, root: &serde_json::Value, node: &serde_json::Value) {
    let node = resolve(root, node);
    match value {
        Value::InlineTable(t) => {
            // Ties keep their order: the sort is stable and ranks are a total order.
            t.sort_values_by(|k1, _, k2, _| rank(node, k1.get()).cmp(&rank(node, k2.get())));
            for (key, v) in t.iter_mut() {
                if let Some(child) = property(root, node, key.get()) {
                    reorder_value(v, root, child);
                }
            }
        }
        Value::Array(array) => {
            let items = node.get("items").map_or(node, |i| resolve(root, i));
            for v in array.iter_mut() {
                reorder_value(v, root, items);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::format;

    #[test]
    fn reorders_keys_keeps_comments_and_is_idempotent() {
        let text =
            "# 宣传\n[counts.x]\nunit = \"场\"   # 量词\n# 数值\nvalue   =  15\nname = \"讲座\"\n";
        let once = format(
            "outreach.toml",
            text,
            Some("../schema/outreach.schema.json"),
        )
        .unwrap();
        assert_eq!(
            once,
            "#:schema ../schema/outreach.schema.json\n# 宣传\n[counts.x]\nname = \"讲座\"\n# 数值\nvalue = 15\nunit = \"场\" # 量词\n"
        );
        assert_eq!(format("outreach.toml", &once, None).unwrap(), once);
    }

    #[test]
    fn orders_any_number_of_keys_in_any_order() {
        // Twenty-odd keys in many orders, with dotted-key tables among them: the sort once
        // panicked ("does not implement a total order").
        let mut keys: Vec<String> = [
            "b1",
            "b2",
            "b3",
            "b4",
            "b5",
            "intro",
            "title",
            "signer",
            "date",
            "year",
            "previous",
            "recipient",
            "doc_no",
            "kind",
            "a1",
            "a2",
            "a3",
            "a4",
            "a5",
            "a6",
        ]
        .iter()
        .map(|k| format!("{k} = 1"))
        .collect();
        keys.extend(["unit.name = \"镇\"", "t1.x = 1", "t2.x = 1", "t3.x = 1"].map(String::from));
        let mut seed = 7u64;
        for _ in 0..100 {
            for i in (1..keys.len()).rev() {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                keys.swap(i, (seed >> 33) as usize % (i + 1));
            }
            let text = keys.join("\n") + "\n";
            let once = format("report.toml", &text, None).unwrap();
            assert_eq!(format("report.toml", &once, None).unwrap(), once);
            assert!(
                once.find("year = ").unwrap() < once.find("date = ").unwrap(),
                "{once}"
            );
        }
    }

    #[test]
    fn orders_the_keys_of_unit_reached_through_all_of() {
        let text = "year = 2020\n[unit]\nparent = \"区\"\nkind = \"township\"\nname = \"太安镇\"\n";
        let once = format("report.toml", text, None).unwrap();
        assert!(
            once.ends_with("[unit]\nname = \"太安镇\"\nkind = \"township\"\nparent = \"区\"\n"),
            "{once}"
        );
    }

    #[test]
    fn keeps_crlf_line_ends() {
        let text =
            "#:schema ../schema/plans.schema.json\r\n# 计划\r\n[[plans]]\r\ntext = \"a\"\r\n";
        let once = format("plans.toml", text, None).unwrap();
        assert_eq!(
            once.matches('\n').count(),
            once.matches("\r\n").count(),
            "{once:?}"
        );
        assert_eq!(format("plans.toml", &once, None).unwrap(), once);
    }

    #[test]
    fn refuses_to_format_what_it_would_change() {
        // `\x41` is a TOML 1.1 escape the formatter does not know: it ran the next line into
        // the string's. The file is left alone instead.
        let text = "signer = \"某某镇人民\\x41政府\"\nyear = 2023\n";
        assert!(text.parse::<toml::Table>().is_ok());
        assert!(matches!(
            format("report.toml", text, None),
            Err(super::FormatError::WouldChange)
        ));
    }

    #[test]
    fn long_arrays_are_not_rewrapped() {
        // taplo's re-wrapping is quadratic in an array's length: an array past the bound is
        // left on its lines (and the file still formats, values kept).
        let items: Vec<String> = (0..3_000).map(|i| format!("\"材料{i}\"")).collect();
        let text = format!("[[laws]]\nx = [[1, 2], [{}]]\n", items.join(", "));
        let doc: toml_edit::DocumentMut = text.parse().unwrap();
        assert_eq!(super::longest_array(doc.as_item()), 3_000);
        let once = format("study.toml", &text, None).unwrap();
        assert_eq!(format("study.toml", &once, None).unwrap(), once);
        assert_eq!(once.lines().count(), text.lines().count());
    }

    #[test]
    fn a_multi_line_string_with_other_line_ends_is_left_alone() {
        // One CRLF inside a multi-line string of an LF file: the value holds that CR.
        let text = "intro = \"\"\"\n甲\r\n乙\n\"\"\"\nyear = 2020\n";
        assert!(matches!(
            format("report.toml", text, None),
            Err(super::FormatError::WouldChange)
        ));
    }

    #[test]
    fn refuses_invalid_toml() {
        assert!(format("plans.toml", "a = = 1", None).is_err());
    }
}
