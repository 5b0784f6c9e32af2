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

/// The code of a file without its comments and its tests.
fn code_of(text: &str) -> String {
    let tests = ["#[cfg(test)]", "#[cfg(all(test"]
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

/// The modules named by the `crate::a::b` and `super::c` paths of `code`, written in `me`.
fn uses(code: &str, me: &Module, known: &BTreeSet<Module>) -> BTreeSet<Module> {
    let mut found = BTreeSet::new();
    // `super` of `a::b` is `a`, whether `b` is `a/b.rs` or `a/b/mod.rs`.
    let parent = me[..me.len().saturating_sub(1)].to_vec();
    for (prefix, base) in [("crate::", Vec::new()), ("super::", parent)] {
        for (at, _) in code.match_indices(prefix) {
            let rest = &code[at + prefix.len()..];
            // `crate::{a, b::c}` names several paths.
            let paths: Vec<&str> = match rest.strip_prefix('{') {
                Some(group) => group.split('}').next().unwrap_or("").split(',').collect(),
                None => vec![rest],
            };
            for path in paths {
                let path: String = path
                    .trim_start()
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
                    .collect();
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
/// (`validate/finding.rs` is the builder the string rules' findings are made with.)
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
            if code.contains("Text::new(") {
                wording.push(file.strip_prefix(&src).unwrap().display().to_string());
            }
        }
    }
    assert!(
        wording.is_empty(),
        "messages worded outside problems.rs: {wording:#?}"
    );
}
