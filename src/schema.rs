//! JSON Schemas (draft-07) for the data files, generated from the model.
//!
//! One schema per kind of data file, `NAME.schema.json` for `NAME.toml`: field doc comments
//! (which start with the Chinese label) become descriptions, unknown keys are rejected. Editors
//! (VS Code Even Better TOML, taplo) read them through the `#:schema` line each data file
//! starts with.

use crate::diagnostic::Lang;
use crate::model;

/// Every data file's schema: (file name without `.toml`, schema).
pub fn schemas() -> Vec<(&'static str, serde_json::Value)> {
    model::DATA_FILES
        .iter()
        .map(|f| (f.stem(), (f.schema)()))
        .collect()
}

/// The schema of the data file named `file` (`outreach.toml`), if it is one.
pub fn schema_for_file(file: &str) -> Option<serde_json::Value> {
    model::DATA_FILES
        .iter()
        .find(|f| f.name == file)
        .map(|f| (f.schema)())
}

/// A schema with its descriptions in `lang`. Every description is Chinese first and English
/// after a blank line; in Chinese only the first paragraph is kept, in English both.
pub fn in_lang(mut schema: serde_json::Value, lang: Lang) -> serde_json::Value {
    if lang == Lang::Zh {
        let mut stack = vec![&mut schema];
        while let Some(node) = stack.pop() {
            match node {
                serde_json::Value::Object(map) => {
                    if let Some(serde_json::Value::String(d)) = map.get_mut("description")
                        && let Some((zh, _)) = d.split_once("\n\n")
                    {
                        *d = zh.to_string();
                    }
                    stack.extend(map.values_mut());
                }
                serde_json::Value::Array(items) => stack.extend(items.iter_mut()),
                _ => {}
            }
        }
    }
    schema
}

/// A schema as the bytes of its file: pretty JSON with a final newline.
pub fn to_file_text(schema: &serde_json::Value) -> String {
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}

/// The file name of a data file's schema: `report.schema.json` for `report`.
pub fn file_name(stem: &str) -> String {
    format!("{stem}.schema.json")
}

/// A choice among named values (a unit's kind, a qualifier) as `node` lists them — `oneOf`
/// the values, each with a description that names it first (`乡镇。`) — with those names:
/// `[("township", "乡镇"), …]`. Empty when `node` is no such choice.
pub fn choice_names(node: &serde_json::Value) -> Vec<(String, String)> {
    let Some(choices) = node.get("oneOf").and_then(|o| o.as_array()) else {
        return Vec::new();
    };
    choices
        .iter()
        .filter_map(|o| {
            let value = o.get("const")?.as_str()?;
            let described = o.get("description")?.as_str()?;
            // The name is the description up to its first mark (`政府部门，如司法局。`).
            let name = described.split(['。', '，', '：', '\n']).next()?.trim();
            (!name.is_empty()).then(|| (value.to_string(), name.to_string()))
        })
        .collect()
}

/// The names of the choice whose values are `values` (in any order), from the data files'
/// schemas: how an unknown value's message names the allowed ones in words.
pub fn names_of_choice(values: &[&str]) -> Vec<(String, String)> {
    let mut wanted: Vec<&str> = values.to_vec();
    wanted.sort_unstable();
    for (_, schema) in schemas() {
        let definitions = schema.get("$defs").or_else(|| schema.get("definitions"));
        for node in definitions
            .and_then(|d| d.as_object())
            .into_iter()
            .flat_map(|d| d.values())
        {
            let names = choice_names(node);
            let mut found: Vec<&str> = names.iter().map(|(v, _)| v.as_str()).collect();
            found.sort_unstable();
            if !names.is_empty() && found == wanted {
                return names;
            }
        }
    }
    Vec::new()
}

/// The schema node `node` stands for: `$ref`s followed (to `$defs` or `definitions`), an
/// `Option`'s `anyOf [T, null]` unwrapped to `T`, and a one-item `allOf` (how schemars writes
/// a field with its own description) unwrapped to its item. The one resolver for every reader
/// of the schema (key order for `fmt`, known keys for "did you mean").
pub fn resolve<'a>(
    root: &'a serde_json::Value,
    node: &'a serde_json::Value,
) -> &'a serde_json::Value {
    let mut node = node;
    // A bounded walk: a schema whose references loop must not hang.
    for _ in 0..16 {
        let next = if let Some(r) = node.get("$ref").and_then(|r| r.as_str()) {
            let name = r.rsplit('/').next().unwrap_or("");
            root.get("$defs")
                .or_else(|| root.get("definitions"))
                .and_then(|d| d.get(name))
        } else if let Some(alts) = node.get("anyOf").and_then(|a| a.as_array()) {
            alts.iter().find(|a| a.get("type") != Some(&"null".into()))
        } else {
            node.get("allOf")
                .and_then(|a| a.as_array())
                .filter(|all| all.len() == 1)
                .map(|all| &all[0])
        };
        match next {
            Some(next) => node = next,
            None => return node,
        }
    }
    node
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_keeps_the_first_paragraph_of_every_description() {
        let schema = serde_json::json!({
            "description": "报告。\n\nThe report.",
            "properties": {"a": {"description": "甲（a）：说明。\n\nAn a."}, "b": [{"description": "乙"}]}
        });
        let zh = in_lang(schema.clone(), Lang::Zh);
        assert_eq!(zh["description"], "报告。");
        assert_eq!(zh["properties"]["a"]["description"], "甲（a）：说明。");
        assert_eq!(zh["properties"]["b"][0]["description"], "乙");
        assert_eq!(in_lang(schema.clone(), Lang::En), schema);
    }

    #[test]
    fn resolve_follows_refs_options_and_one_item_all_of() {
        let root = serde_json::json!({
            "$defs": {"Unit": {"properties": {"name": {}, "kind": {}}}},
            "properties": {
                "unit": {"allOf": [{"$ref": "#/$defs/Unit"}], "description": "单位"},
                "maybe": {"anyOf": [{"$ref": "#/$defs/Unit"}, {"type": "null"}]},
                "looping": {"$ref": "#/$defs/Loop"}
            }
        });
        let unit = &root["$defs"]["Unit"];
        assert_eq!(resolve(&root, &root["properties"]["unit"]), unit);
        assert_eq!(resolve(&root, &root["properties"]["maybe"]), unit);
        let looping = &root["properties"]["looping"];
        assert_eq!(resolve(&root, looping), looping);
    }

    #[test]
    fn a_kinds_name_is_one_in_the_schema_and_in_the_program() {
        let kinds = crate::model::UnitKind::ALL.map(crate::model::UnitKind::key);
        let mut values = kinds.to_vec();
        values.push(crate::model::UnitKind::Pending.key());
        let names = names_of_choice(&values);
        assert_eq!(names.len(), values.len(), "{names:?}");
        for kind in crate::model::UnitKind::ALL {
            let named = names.iter().find(|(v, _)| v == kind.key()).unwrap();
            assert_eq!(named.1, kind.label(), "{}", kind.key());
        }
    }
}
