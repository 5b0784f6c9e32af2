//! With a Chinese locale every word a clerk reads is Chinese: the outputs of `explain`,
//! `import`, `diff`, `serve`, `init`, `summary`, the banners of drafts and sample data and the
//! schema's descriptions, walked for English prose (as the help and man page tests walk theirs).

use std::fs;
use std::path::Path;

use super::serve::spawn_serve;
use super::{copy_of, edit, english_words, fixture, report, root, taian};

/// Runs `report` under a Chinese locale (the environment, not `--lang`) and returns what it
/// printed on both streams.
fn said_in_chinese(args: &[&str], dir: &Path) -> String {
    let output = report()
        .env("LANG", "zh_CN.UTF-8")
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The English phrases of a line meant to be Chinese: two or more English words in a row
/// (`no changes`, `Address already in use`), outside code spans, quoted text and paths. One
/// word alone is a name the clerk types or reads on the screen (`report`, `Word`, a key).
fn english_phrases(line: &str) -> Vec<String> {
    // The names of products, which keep their words.
    const PRODUCTS: &[&str] = &["Google Chrome", "Microsoft Edge", "Even Better TOML"];
    let line = PRODUCTS
        .iter()
        .fold(line.to_string(), |l, p| l.replace(p, "·"));
    let plain: String = line
        .split_whitespace()
        .filter(|w| !w.contains(['/', '\\']))
        .collect::<Vec<_>>()
        .join(" ");
    let mut phrases = Vec::new();
    let mut run: Vec<String> = Vec::new();
    let words = english_words(&plain);
    let mut rest = plain.as_str();
    for word in words {
        let Some(at) = rest.find(word.as_str()) else {
            continue;
        };
        let between = &rest[..at];
        if !between
            .chars()
            .all(|c| c.is_ascii() && !c.is_ascii_alphanumeric())
        {
            if run.len() > 1 {
                phrases.push(run.join(" "));
            }
            run.clear();
        }
        run.push(word.clone());
        rest = &rest[at + word.len()..];
    }
    if run.len() > 1 {
        phrases.push(run.join(" "));
    }
    phrases
}

/// Fails with every line of `text` that holds English prose.
fn assert_chinese(what: &str, text: &str) {
    let english: Vec<(String, Vec<String>)> = text
        .lines()
        .map(|l| (l.to_string(), english_phrases(l)))
        .filter(|(_, phrases)| !phrases.is_empty())
        .collect();
    assert!(english.is_empty(), "{what}: English in {english:#?}");
}

#[test]
fn english_phrases_are_two_words_or_more_outside_code() {
    assert_eq!(english_phrases("无变化（no changes）"), ["no changes"]);
    assert_eq!(
        english_phrases("错误：Address already in use (os error 98)"),
        ["Address already in use os error"]
    );
    assert!(
        english_phrases("依据：report 的文件夹约定，`report check u` 与 /tmp/a b/c").is_empty()
    );
    assert!(english_phrases("矛盾纠纷（disputes）为 86").is_empty());
}

#[test]
fn explain_says_every_code_in_chinese() {
    for c in report::codes::CODES {
        let code = c.code.as_str();
        let text = said_in_chinese(&["check", "--explain", code], &root());
        // The indented lines are the examples: TOML a clerk types, keys and all.
        let prose: String = text
            .lines()
            .filter(|l| !l.starts_with("    "))
            .collect::<Vec<_>>()
            .join("\n");
        assert_chinese(code, &prose);
        assert!(
            !prose.contains(", ") && !prose.contains("; "),
            "{code}: half-width punctuation in Chinese: {prose}"
        );
    }
}

#[test]
fn import_init_and_their_files_speak_chinese() {
    let tmp = tempfile::tempdir().unwrap();
    let mut sources = vec![root().join("tests/reference/taian-2020-report.txt")];
    for entry in fs::read_dir(fixture("import/shapes")).unwrap() {
        sources.push(entry.unwrap().path());
    }
    for (i, source) in sources.iter().enumerate() {
        let out = tmp.path().join(format!("u{i}"));
        let said = said_in_chinese(
            &[
                "import",
                &source.to_string_lossy(),
                "--out",
                &out.to_string_lossy(),
            ],
            tmp.path(),
        );
        assert_chinese(&source.display().to_string(), &said);
        for file in fs::read_dir(&out).unwrap() {
            let text = fs::read_to_string(file.unwrap().path()).unwrap();
            let comments: String = text
                .lines()
                .filter_map(|l| l.split_once(" # ").map(|(_, c)| c).or(l.strip_prefix("# ")))
                .collect::<Vec<_>>()
                .join("\n");
            assert_chinese(&format!("{} comments", source.display()), &comments);
        }
    }
    let said = said_in_chinese(&["init", "new/2024"], tmp.path());
    assert_chinese("init", &said);
    let said = said_in_chinese(&["init", "new/2025", "--from", "new/2024"], tmp.path());
    assert_chinese("init --from", &said);
}

#[test]
fn diff_and_summary_speak_chinese() {
    let (_tmp, unit) = copy_of(&root().join("examples/township/2023"));
    edit(&unit.join("report.toml"), "sample = true", "sample = false");
    edit(&unit.join("outreach.toml"), "value = 12", "value = 13");
    let plans = unit.join("plans.toml");
    let added = "\n[[plans]]\ntitle = \"新增的一项安排\"\ntext = \"做好新增的工作。\"\n";
    fs::write(&plans, fs::read_to_string(&plans).unwrap() + added).unwrap();
    let before = root().join("examples/township/2023");
    let said = said_in_chinese(
        &["diff", &before.to_string_lossy(), &unit.to_string_lossy()],
        &root(),
    );
    assert!(said.contains("新增的一项安排"), "{said}");
    assert_chinese("diff", &said);
    let same = said_in_chinese(
        &["diff", &before.to_string_lossy(), &before.to_string_lossy()],
        &root(),
    );
    assert_chinese("diff without changes", &same);
    let summary = said_in_chinese(&["summary", "examples", "--format", "md"], &root());
    assert_chinese("summary", &summary);
}

#[test]
fn banners_say_draft_and_sample_in_chinese() {
    let (tmp, unit) = copy_of(&taian());
    edit(
        &unit.join("report.toml"),
        "date = 2021-01-10",
        "date = \"待补充\"",
    );
    let out = tmp.path().join("out");
    report()
        .env("LANG", "zh_CN.UTF-8")
        .args(["build", "--draft", "--format", "md,html", "-q", "-o"])
        .arg(&out)
        .arg(&unit)
        .assert()
        .success();
    let sample_out = tmp.path().join("sample");
    report()
        .env("LANG", "zh_CN.UTF-8")
        .args(["build", "--format", "md", "-q", "-o"])
        .arg(&sample_out)
        .arg(root().join("examples/township/2023"))
        .assert()
        .success();
    let draft = fs::read_to_string(markdown_in(&out)).unwrap();
    let sample = fs::read_to_string(markdown_in(&sample_out)).unwrap();
    for (what, md, word) in [("draft", &draft, "草稿"), ("sample", &sample, "样例数据")] {
        let banner: String = md.lines().filter(|l| l.starts_with("> ")).collect();
        assert!(banner.contains(word), "{what}: {banner}");
        assert_chinese(what, &banner);
    }
}

/// The one `report.md` written under `out`.
fn markdown_in(out: &Path) -> std::path::PathBuf {
    let built = super::pages::built_reports(out);
    assert_eq!(built.len(), 1, "{built:?}");
    built[0].join("report.md")
}

#[test]
fn the_preview_server_speaks_chinese() {
    let (mut child, port, said) = spawn_serve(&root().join("examples"), "zh");
    let held = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let busy = held.local_addr().unwrap().port().to_string();
    let refused = said_in_chinese(
        &["serve", "--no-open", "--port", &busy, "examples"],
        &root(),
    );
    assert!(refused.contains("端口已被占用"), "{refused}");
    assert_chinese("serve on a busy port", &refused);
    let _ = port;
    let _ = child.kill();
    let _ = child.wait();
    assert_chinese("serve", &said.join().unwrap());
}

#[test]
fn schema_descriptions_are_chinese() {
    let text = said_in_chinese(&["schema"], &root());
    let schemas: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut stack = vec![&schemas];
    let mut seen = 0;
    while let Some(node) = stack.pop() {
        match node {
            serde_json::Value::Object(map) => {
                if let Some(d) = map.get("description").and_then(|d| d.as_str()) {
                    seen += 1;
                    assert_chinese("schema description", d);
                }
                stack.extend(map.values());
            }
            serde_json::Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    assert!(seen > 150, "only {seen} descriptions");
}
