//! The layers of the source hold: no two source files use each other, and no two top-level
//! modules either (checking and rendering share `text/`, not each other). A module and the
//! files inside its own folder are one piece and may use each other.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use super::root;

/// A module's path: `["validate", "prose"]` for `src/validate/prose.rs`.
type Module = Vec<String>;

fn module_of(src: &Path, file: &Path) -> Module {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Module = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

fn source_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            source_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without its comments and its test module (an item marked
/// `#[cfg(test)]` alone, a helper the tests use, stays: it is code of the file).
fn code_of(text: &str) -> String {
    let tests = ["#[cfg(test)]\nmod ", "#[cfg(all(test"]
        .iter()
        .filter_map(|t| text.find(t))
        .min()
        .unwrap_or(text.len());
    let code = &text[..tests];
    code.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The modules named by the `crate::a::b` and `super::c` paths of `code`, written in `me`
/// (`super::super::d` climbs twice; `crate::{a, b::{c, d}}` names each path of its group).
fn uses(code: &str, me: &Module, known: &BTreeSet<Module>) -> BTreeSet<Module> {
    let mut found = BTreeSet::new();
    for (prefix, base) in [("crate::", Vec::new()), ("super::", me.clone())] {
        for (at, _) in code.match_indices(prefix) {
            // A `super::` inside a chain was counted with the chain's first.
            if prefix == "super::" && code[..at].ends_with("super::") {
                continue;
            }
            let mut rest = &code[at + prefix.len()..];
            let mut base = base.clone();
            if prefix == "super::" {
                // `super` of `a::b` is `a`, whether `b` is `a/b.rs` or `a/b/mod.rs`.
                base.pop();
                while let Some(more) = rest.strip_prefix("super::") {
                    base.pop();
                    rest = more;
                }
            }
            for path in paths_of(rest) {
                let mut named = base.clone();
                named.extend(path.split("::").filter(|p| !p.is_empty()).map(String::from));
                while !named.is_empty() && !known.contains(&named) {
                    named.pop();
                }
                if !named.is_empty() && &named != me {
                    found.insert(named);
                }
            }
        }
    }
    found
}

/// The paths written at the start of `rest`: one (`a::b::c`), or a group's each
/// (`{a, b::{c, d}}` is `a`, `b::c`, `b::d`).
fn paths_of(rest: &str) -> Vec<String> {
    let is_path = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == ':';
    let head: String = rest
        .trim_start()
        .chars()
        .take_while(|&c| is_path(c))
        .collect();
    let after = &rest.trim_start()[head.len()..];
    let Some(group) = after.strip_prefix('{') else {
        return vec![head];
    };
    // The group's items, split at its own commas (not those of a group inside it).
    let mut items = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                items.push(&group[start..i]);
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&group[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items
        .into_iter()
        .flat_map(paths_of)
        .map(|tail| format!("{head}{tail}"))
        .collect()
}

/// Whether one module is inside the other (or is it).
fn nested(a: &Module, b: &Module) -> bool {
    a.starts_with(b) || b.starts_with(a)
}

fn graph() -> BTreeMap<Module, BTreeSet<Module>> {
    let src = root().join("src");
    let mut files = Vec::new();
    source_files(&src, &mut files);
    let known: BTreeSet<Module> = files.iter().map(|f| module_of(&src, f)).collect();
    files
        .iter()
        .map(|f| {
            let me = module_of(&src, f);
            let code = code_of(&fs::read_to_string(f).unwrap());
            let used = uses(&code, &me, &known);
            (me, used)
        })
        .collect()
}

/// The pairs of modules that use each other, neither inside the other.
fn mutual(graph: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for (a, used) in graph {
        for b in used {
            if a < b && !nested(a, b) && graph.get(b).is_some_and(|u| u.contains(a)) {
                pairs.push((a.join("::"), b.join("::")));
            }
        }
    }
    pairs
}

#[test]
fn no_two_source_files_use_each_other() {
    let graph = graph();
    assert!(
        graph.len() > 50,
        "the source was read: {} files",
        graph.len()
    );
    assert_eq!(mutual(&graph), Vec::<(String, String)>::new());
}

#[test]
fn no_two_top_level_modules_use_each_other() {
    let mut top: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (a, used) in graph() {
        for b in used {
            if a.first() != b.first() && !a.is_empty() && !b.is_empty() {
                top.entry(vec![a[0].clone()])
                    .or_default()
                    .insert(vec![b[0].clone()]);
            }
        }
    }
    assert_eq!(mutual(&top), Vec::<(String, String)>::new());
}

#[test]
fn a_pair_that_uses_each_other_is_found() {
    let known: BTreeSet<Module> = [vec!["a".to_string()], vec!["b".to_string()]].into();
    let a = uses("use crate::{c, b::Thing};", &vec!["a".into()], &known);
    let b = uses(
        &code_of("fn f() { super::a::g() }\n#[cfg(test)]\nuse crate::c;"),
        &vec!["b".into()],
        &known,
    );
    let graph: BTreeMap<Module, BTreeSet<Module>> =
        [(vec!["a".to_string()], a), (vec!["b".to_string()], b)].into();
    assert_eq!(mutual(&graph), [("a".to_string(), "b".to_string())]);
}

/// A data file's name is spelled in one place, `model::FileId::name`: elsewhere the code
/// names the file by its id (messages may mention a file in their words).
#[test]
fn data_file_names_are_spelled_only_in_the_registry() {
    let src = root().join("src");
    let mut files = Vec::new();
    source_files(&src, &mut files);
    let mut spelled = Vec::new();
    for file in files.iter().filter(|f| !f.ends_with("model/mod.rs")) {
        let code = code_of(&fs::read_to_string(file).unwrap());
        for data_file in report::model::DATA_FILES {
            let literal = format!("\"{}\"", data_file.name);
            if code.contains(&literal) {
                spelled.push(format!("{} in {}", data_file.name, file.display()));
            }
        }
    }
    assert!(spelled.is_empty(), "{spelled:#?}");
}

/// Each stage words its messages in one file, `problems.rs`: the rules, the renderers and the
/// commands pass what they found (numbers, names, places), never English or Chinese words.
/// A message is found as a `Text::new(` or as an English phrase written beside its Chinese
/// (`("from the title", "据标题")`). (`validate/finding.rs` is the builder the string rules'
/// findings are made with.)
#[test]
fn each_stage_words_its_messages_in_one_file() {
    let src = root().join("src");
    let mut wording = Vec::new();
    for stage in ["load", "validate", "render", "ops", "pipeline"] {
        let mut files = Vec::new();
        source_files(&src.join(stage), &mut files);
        for file in files {
            let name = file.file_name().unwrap().to_string_lossy();
            if name == "problems.rs" || file.ends_with("validate/finding.rs") {
                continue;
            }
            let code = code_of(&fs::read_to_string(&file).unwrap());
            if code.contains("Text::new(") || !phrase_pairs(&code).is_empty() {
                wording.push(file.strip_prefix(&src).unwrap().display().to_string());
            }
        }
    }
    assert!(
        wording.is_empty(),
        "messages worded outside problems.rs: {wording:#?}"
    );
}

/// The English phrases of `code` written right beside a Chinese one, as a message's two
/// languages are: `"an English phrase", "其中文"` (across lines too).
fn phrase_pairs(code: &str) -> Vec<String> {
    let flat: String = code.split_whitespace().collect::<Vec<_>>().join(" ");
    let literals: Vec<(usize, usize, &str)> = string_literals(&flat);
    literals
        .windows(2)
        .filter(|w| {
            let (_, end, en) = w[0];
            let (start, _, zh) = w[1];
            flat[end..start].trim() == ","
                && en.contains(' ')
                && en.chars().any(|c| c.is_ascii_alphabetic())
                && !en.chars().any(is_han)
                && zh.chars().any(is_han)
        })
        .map(|w| format!("{:?}, {:?}", w[0].2, w[1].2))
        .collect()
}

/// The string literals of flattened code: where each starts and ends, and its text.
fn string_literals(flat: &str) -> Vec<(usize, usize, &str)> {
    let bytes = flat.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'"' && (i == 0 || bytes[i - 1] != b'\'') {
            let start = i;
            i += 1;
            while i < bytes.len() && bytes[i] != b'"' {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            let end = (i + 1).min(bytes.len());
            out.push((
                start,
                end,
                &flat[start + 1..end.saturating_sub(1).max(start + 1)],
            ));
        }
        i += 1;
    }
    out
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

#[test]
fn paths_in_groups_and_super_chains_are_read() {
    assert_eq!(
        paths_of("{a, b::{c, d}, e::f};"),
        ["a", "b::c", "b::d", "e::f"]
    );
    let known: BTreeSet<Module> = [vec!["load".to_string()], vec!["validate".to_string()]]
        .into_iter()
        .collect();
    let me: Module = vec!["render".into(), "view".into(), "narrative".into()];
    let found = uses(
        "super::super::super::load::x(); crate::{validate::y, z};",
        &me,
        &known,
    );
    assert_eq!(found, known);
}

#[test]
fn a_message_worded_outside_problems_is_found() {
    let code = code_of(
        "fn words() -> (&'static str, &'static str) {\n    (\n        \"from the title\",\n        \"据标题\",\n    )\n}\nconst STYLE: (&str, &str) = (\"Body\", \"正文\");\n#[cfg(test)]\nfn helper() {}\n",
    );
    assert_eq!(phrase_pairs(&code), [r#""from the title", "据标题""#]);
    assert!(
        code.contains("fn helper"),
        "a test helper is code of the file"
    );
}
