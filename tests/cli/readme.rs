//! The README cannot drift from the program: every example in it runs here.
//!
//! - A ```` ```console ```` block holds `$ report …` lines, each followed by what it prints
//!   (stdout, then stderr), and `? N` when it exits with a status other than 0. `...` on a line
//!   of its own stands for any lines, `[..]` for any text within a line (snapbox's rules).
//! - A ```` ```sh ```` block holds commands to type; each `report …` line (and `cargo run
//!   --release -- …`, the same) is run and must not fail as a usage or I/O failure would. Other
//!   lines (`bash scripts/test.sh`, `git config …`, `cargo test …`) set things up and are not
//!   run here.
//!
//! - A `report …` code span in the text with arguments is run too, and must not fail as a usage
//!   or I/O failure would; a span naming placeholders (`report diff OLD NEW`) or a git history
//!   (`HEAD~1:…`, which a copy has not) is not run here — the diff tests cover `REV:PATH`.
//!
//! `report serve …` runs until it is stopped: it is not run here (the serve tests drive it in
//! a browser). Output redirected to a file (`> ~/…`) is not written.
//!
//! The Chinese guide (`docs/使用说明.md`) is run by `tests/cli/package.rs`, in the unpacked
//! release package, its examples one after another. Each block of the other documents runs in
//! a fresh copy of the repository's data, examples, fixtures and schemas,
//! so commands that write (`init`, `build`) touch nothing of the clone.

use super::*;

/// One command of a README example and what it should do.
struct Example {
    line: usize,
    args: Vec<String>,
    expected: Option<String>,
    status: Option<i32>,
}

/// The examples of one code block, with the block's first line.
struct Block {
    line: usize,
    examples: Vec<Example>,
}

fn blocks(readme: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut lines = readme.lines().enumerate().peekable();
    while let Some((i, line)) = lines.next() {
        let fence = line.trim_start();
        let indent = line.len() - fence.len();
        let kind = match fence {
            "```console" => "console",
            "```sh" => "sh",
            _ => continue,
        };
        let mut body = Vec::new();
        for (j, line) in lines.by_ref() {
            if line.trim_start() == "```" {
                break;
            }
            body.push((j + 1, line.get(indent..).unwrap_or(line.trim_start())));
        }
        let examples = if kind == "console" {
            console_examples(&body)
        } else {
            sh_examples(&body)
        };
        blocks.push(Block {
            line: i + 1,
            examples,
        });
    }
    blocks
}

fn console_examples(body: &[(usize, &str)]) -> Vec<Example> {
    let mut examples: Vec<Example> = Vec::new();
    for &(n, line) in body {
        if let Some(command) = line.strip_prefix("$ ") {
            examples.push(Example {
                line: n,
                args: words(command),
                expected: Some(String::new()),
                status: None,
            });
            continue;
        }
        let example = examples.last_mut().expect("output after a `$ ` line");
        if let Some(status) = line.strip_prefix("? ") {
            example.status = Some(status.trim().parse().expect("`? N` is a number"));
        } else {
            let expected = example.expected.as_mut().unwrap();
            expected.push_str(line);
            expected.push('\n');
        }
    }
    for example in &mut examples {
        // A blank line between two examples belongs to neither.
        let expected = example.expected.as_mut().unwrap();
        while expected.ends_with("\n\n") {
            expected.pop();
        }
    }
    examples
}

fn sh_examples(body: &[(usize, &str)]) -> Vec<Example> {
    body.iter()
        .filter_map(|&(n, line)| {
            let command = line.split(" #").next().unwrap_or(line).trim();
            let rest = command
                .strip_prefix("report ")
                .or_else(|| command.strip_prefix("cargo run --release -- "))?;
            Some(Example {
                line: n,
                args: std::iter::once("report".to_string())
                    .chain(words(rest))
                    .collect(),
                expected: None,
                status: None,
            })
        })
        .collect()
}

/// A command line split into words (the README's commands quote nothing), up to a
/// redirection (`> file`: what it writes is checked by its status, the file is not made).
fn words(command: &str) -> Vec<String> {
    command
        .split_whitespace()
        .take_while(|w| !w.starts_with('>'))
        .map(str::to_string)
        .collect()
}

/// The `report …` code spans of the text that can run as they are.
fn inline_examples(readme: &str) -> Vec<Example> {
    let mut examples = Vec::new();
    let mut in_block = false;
    for (i, line) in readme.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            in_block = !in_block;
            continue;
        }
        if in_block {
            continue;
        }
        for (k, span) in line.split('`').enumerate() {
            let Some(rest) = span.strip_prefix("report ").filter(|_| k % 2 == 1) else {
                continue;
            };
            let args = words(rest);
            let placeholder = |w: &String| {
                w.chars().all(|c| c.is_ascii_uppercase()) || w.contains("HEAD") || w.contains('…')
            };
            if args.len() < 2 || args.iter().any(placeholder) {
                continue;
            }
            examples.push(Example {
                line: i + 1,
                args: std::iter::once("report".to_string()).chain(args).collect(),
                expected: None,
                status: None,
            });
        }
    }
    examples
}

/// `data/*/2020` → every match, as a shell would expand it (one `*` per word).
fn expand(args: &[String], dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for arg in args {
        let Some((before, after)) = arg.split_once('*') else {
            out.push(arg.clone());
            continue;
        };
        let parent = dir.join(before);
        let mut found: Vec<String> = fs::read_dir(&parent)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .map(|name| format!("{before}{name}{after}"))
            .filter(|p| dir.join(p).exists())
            .collect();
        found.sort();
        assert!(!found.is_empty(), "{arg} matches nothing");
        out.extend(found);
    }
    out
}

/// The Chinese guide, which the release package carries: its examples run in the unpacked
/// package (`tests/cli/package.rs`), one after another as a clerk follows them.
pub(super) const GUIDE: &str = "docs/使用说明.md";

/// The README and every page of `docs/` but the guide.
fn documents() -> Vec<String> {
    let mut names = vec!["README.md".to_string()];
    let mut docs: Vec<String> = fs::read_dir(root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".md"))
        .map(|n| format!("docs/{n}"))
        .filter(|n| n != GUIDE)
        .collect();
    docs.sort();
    names.extend(docs);
    names
}

/// The examples of a document: its blocks, then its code spans (each a block of its own).
fn examples_of(text: &str) -> (Vec<Block>, usize) {
    let mut blocks = blocks(text);
    let inline = inline_examples(text);
    let spans = inline.len();
    blocks.extend(inline.into_iter().map(|example| Block {
        line: example.line,
        examples: vec![example],
    }));
    (blocks, spans)
}

#[test]
fn every_readme_example_runs_as_shown() {
    let mut ran = 0;
    let mut spans = 0;
    for name in documents() {
        let text = fs::read_to_string(root().join(&name)).unwrap();
        let (blocks, in_text) = examples_of(&text);
        spans += in_text;
        ran += blocks.iter().map(|b| b.examples.len()).sum::<usize>();
        for block in blocks {
            let tmp = tempfile::tempdir().unwrap();
            for folder in [
                "data",
                "examples",
                "schema",
                "tests/fixtures",
                "tests/reference",
            ] {
                copy_tree(&root().join(folder), &tmp.path().join(folder));
            }
            run_block(&name, block, tmp.path());
        }
    }
    assert!(spans >= 6, "the code spans were found ({spans})");
    assert!(ran >= 15, "the examples were found ({ran})");
}

/// Runs every example of the document `name` in `dir`, in order, as a reader follows them;
/// the number run.
pub(super) fn run_document_in(name: &str, dir: &Path) -> usize {
    let text = fs::read_to_string(root().join(name)).unwrap();
    let (mut blocks, _) = examples_of(&text);
    blocks.sort_by_key(|b| b.line);
    let ran = blocks.iter().map(|b| b.examples.len()).sum();
    for block in blocks {
        run_block(name, block, dir);
    }
    ran
}

/// Runs the examples of one block in `dir`.
fn run_block(name: &str, block: Block, dir: &Path) {
    {
        let tmp = dir;
        for example in block.examples {
            assert_eq!(example.args[0], "report", "{name}:{}", example.line);
            // The command is the first word after the options (`report --lang zh serve …`).
            let command = example.args[1..]
                .iter()
                .find(|a| !a.starts_with('-') && *a != "zh" && *a != "en");
            if command.is_some_and(|a| a == "serve") {
                continue;
            }
            // A PDF needs a browser: without one the example is skipped, as the print tests are.
            let prints = example
                .args
                .windows(2)
                .any(|w| w[0] == "--format" && w[1].contains("pdf"));
            if prints
                && report::print::Browser::find().is_none()
                && !super::tools_present(&format!("{name}:{}", example.line), &["chromium"])
            {
                continue;
            }
            let output = report()
                .args(expand(&example.args[1..], tmp))
                .current_dir(tmp)
                .env("LC_ALL", "C.UTF-8")
                .env_remove("NO_COLOR")
                .output()
                .unwrap();
            let status = output.status.code();
            let place = format!(
                "{name}:{} (block at line {}): {}",
                example.line,
                block.line,
                example.args.join(" ")
            );
            match example.expected {
                Some(expected) => {
                    assert_eq!(status, Some(example.status.unwrap_or(0)), "{place}");
                    let mut printed = String::from_utf8(output.stdout).unwrap();
                    printed.push_str(&String::from_utf8(output.stderr).unwrap());
                    if let Err(e) =
                        snapbox::Assert::new().try_eq(None, printed.into(), expected.into())
                    {
                        panic!("{place}:\n{e}");
                    }
                }
                None => assert!(
                    matches!(status, Some(0 | 1)),
                    "{place}: exited {status:?}\n{}",
                    String::from_utf8_lossy(&output.stderr)
                ),
            }
        }
    }
}

/// The runner itself: a wrong output or status in a console block is caught.
#[test]
fn a_readme_example_that_lies_is_caught() {
    let lying = "```console\n$ report check --explain E0602\nE0602 (error): something else\n```\n";
    let blocks = blocks(lying);
    assert_eq!(blocks.len(), 1);
    let example = &blocks[0].examples[0];
    let output = report().args(&example.args[1..]).output().unwrap();
    let printed = String::from_utf8(output.stdout).unwrap();
    let result = snapbox::Assert::new().try_eq(
        None,
        printed.into(),
        example.expected.clone().unwrap().into(),
    );
    assert!(result.is_err());
}
