//! `report init`.

use super::*;
use report::diagnostic::Lang;
use report::ops::init::skeleton_text;

#[expect(
    clippy::too_many_lines,
    reason = "one scenario: carry a year forward, then read every file it wrote"
)]
#[test]
fn init_from_last_year_makes_an_unfilled_draft() {
    let tmp = tempfile::tempdir().unwrap();
    let new = tmp.path().join("x/2021");
    report()
        .arg("init")
        .arg("--from")
        .arg(taian())
        .arg(&new)
        .assert()
        .success();
    // Lasting facts kept, comments kept, the year moved on; the day it will be signed is not
    // known, so it is 待补充 (never last year's day plus a year).
    let report_toml = fs::read_to_string(new.join("report.toml")).unwrap();
    assert!(
        report_toml.contains("year = 2021\ndate = \"待补充\"\n"),
        "{report_toml}"
    );
    assert!(report_toml.contains("name = \"太安镇\""));
    assert!(report_toml.contains("# Numbers (一、 （一） 1. （1）) are never typed"));
    let body = |p: PathBuf| {
        let text = fs::read_to_string(p).unwrap();
        text.split_once('\n')
            .filter(|(l, _)| l.starts_with("#:schema"))
            .map_or(text.clone(), |(_, b)| b.to_string())
    };
    assert_eq!(
        body(new.join("legal_aid.toml")),
        body(taian().join("legal_aid.toml"))
    );
    let plans = fs::read_to_string(new.join("plans.toml")).unwrap();
    assert!(
        plans.contains("[[follow_ups]]\nplan = \"进一步加大执法培训力度\"\ntext = \"待补充\""),
        "{plans}"
    );
    // check reports every unfilled place with its line.
    let output = report()
        .arg("check")
        .arg(&new)
        .args(["--message-format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let outreach = fs::read_to_string(new.join("outreach.toml")).unwrap();
    let value_line = outreach
        .lines()
        .position(|l| l == "value = \"待补充\"")
        .unwrap()
        + 1;
    let unfilled: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|v: &serde_json::Value| v["code"] == "E0712")
        .collect();
    assert!(unfilled.len() >= 20, "{stdout}");
    assert!(unfilled.iter().all(|v| v["line"].is_number()));
    assert!(
        unfilled
            .iter()
            .any(|v| v["file"].as_str().unwrap().ends_with("outreach.toml")
                && v["line"] == value_line)
    );
    // build refuses; build --draft builds, marked as a draft.
    let out = tmp.path().join("out");
    report()
        .arg("build")
        .arg(&new)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1);
    assert!(!out.join("2021/report.md").exists());
    report()
        .arg("build")
        .arg(&new)
        .arg("--draft")
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let md = fs::read_to_string(out.join("2021/report.md")).unwrap();
    let html = fs::read_to_string(out.join("2021/report.html")).unwrap();
    assert!(md.starts_with("> 草稿："), "{md}");
    assert!(html.contains("<title>【草稿】") && html.contains("class=\"banner draft\""));
    assert!(
        md.contains("### （九）上年工作安排落实情况\n\n1.进一步加大执法培训力度。待补充"),
        "{md}"
    );
}

#[test]
fn init_makes_a_commented_skeleton_that_check_reports_as_unfilled() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("new");
    report()
        .arg("init")
        .arg(&dir)
        .args(["--year", "2025"])
        .assert()
        .success();
    let output = report()
        .arg("check")
        .arg(&dir)
        .args(["--message-format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    for line in stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        // Only placeholders (and, when this runs after the deadline, the late date).
        assert!(v["code"] == "E0712" || v["code"] == "W0403", "{line}");
        assert!(v["line"].is_number());
    }
    assert!(stdout.lines().count() >= 8);
    report().arg("init").arg(&dir).assert().code(2);
    // Every field of every schema is explained in its skeleton, in both languages.
    for (name, schema) in report::schema::schemas() {
        for lang in [Lang::En, Lang::Zh] {
            let text = skeleton_text(&format!("{name}.toml"), lang).unwrap();
            let mut stack = vec![schema.clone()];
            while let Some(node) = stack.pop() {
                if let Some(props) = node.get("properties").and_then(|p| p.as_object()) {
                    for (key, _) in props {
                        assert!(
                            [format!("({key})"), format!("（{key}）"), format!(" {key} ")]
                                .iter()
                                .any(|k| text.contains(k)),
                            "{name}.toml ({lang:?}) does not explain `{key}`"
                        );
                    }
                }
                if let Some(defs) = node.get("definitions").and_then(|d| d.as_object()) {
                    stack.extend(defs.values().cloned());
                }
            }
        }
    }
}

/// The words of a skeleton's comments that are prose, not TOML: commented-out example lines
/// (`# kind = "group"`, `# [[documents]]`) are data, and the keys, values and snippets a
/// comment names (`（year）`, `"standalone"`, `{{ year }}`, `` `report check` ``) are code.
fn prose_words(text: &str) -> Vec<String> {
    let is_example = |c: &str| {
        c.starts_with('[')
            || c.split_once(" = ").is_some_and(|(k, _)| {
                !k.is_empty() && k.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_')
            })
    };
    let mut words = Vec::new();
    for comment in text.lines().filter_map(|l| l.strip_prefix("# ")) {
        if is_example(comment) {
            continue;
        }
        let mut prose = String::new();
        let mut skip: Option<char> = None;
        for c in comment.chars() {
            match (skip, c) {
                (None, '`' | '"' | '（' | '(' | '{' | '[') => {
                    skip = Some(match c {
                        '（' => '）',
                        '(' => ')',
                        '{' => '}',
                        '[' => ']',
                        other => other,
                    });
                }
                (Some(end), c) if c == end => skip = None,
                (None, c) => prose.push(c),
                _ => {}
            }
        }
        words.extend(
            prose
                .split(|c: char| !c.is_ascii_alphabetic() && c != '_')
                .filter(|w| w.len() > 1)
                .map(str::to_owned),
        );
    }
    words
}

/// With a Chinese locale the skeletons explain every field in Chinese: no English prose in a
/// comment, only the keys and values a clerk types (a test lists what is allowed). The data
/// lines are the same in both languages, line for line.
#[test]
fn skeletons_speak_the_users_language_over_the_same_data() {
    // The keys and values the comments name as the words to type, and the names of formats.
    let mut allowed: Vec<String> = ["TOML", "Markdown", "GB", "report", "check", "true", "false"]
        .map(str::to_owned)
        .to_vec();
    for (_, schema) in report::schema::schemas() {
        let mut stack = vec![schema.clone()];
        while let Some(node) = stack.pop() {
            if let Some(props) = node.get("properties").and_then(|p| p.as_object()) {
                allowed.extend(props.keys().cloned());
            }
            if let Some(values) = node.get("enum").and_then(|e| e.as_array()) {
                allowed.extend(values.iter().filter_map(|v| v.as_str()).map(str::to_owned));
            }
            if let Some(value) = node.get("const").and_then(|c| c.as_str()) {
                allowed.push(value.to_owned());
            }
            match &node {
                serde_json::Value::Object(map) => stack.extend(map.values().cloned()),
                serde_json::Value::Array(items) => stack.extend(items.iter().cloned()),
                _ => {}
            }
        }
    }
    for file in report::model::DATA_FILES {
        let name = file.name;
        let zh = skeleton_text(name, Lang::Zh).unwrap();
        let en = skeleton_text(name, Lang::En).unwrap();
        let english: Vec<String> = prose_words(zh)
            .into_iter()
            .filter(|w| !allowed.contains(w))
            .collect();
        assert!(
            english.is_empty(),
            "{name}: English in the Chinese skeleton: {english:?}"
        );
        // The English one has English prose: the test can tell the two apart.
        assert!(
            prose_words(en).iter().any(|w| !allowed.contains(w)),
            "{name}"
        );
        let data = |t: &str| -> Vec<String> {
            t.lines()
                .filter(|l| !l.starts_with('#'))
                .map(str::to_owned)
                .collect()
        };
        assert_eq!(
            data(zh),
            data(en),
            "{name}: the two skeletons hold different data"
        );
    }
    // `init` under a Chinese locale writes the Chinese ones; `--lang en` the English ones.
    let tmp = tempfile::tempdir().unwrap();
    for (lang, words) in [("zh", "报告年度（year）"), ("en", "(year): the year")] {
        let dir = tmp.path().join(lang);
        report()
            .arg("init")
            .arg(&dir)
            .args(["--year", "2025", "--lang", lang])
            .assert()
            .success();
        let written = fs::read_to_string(dir.join("report.toml")).unwrap();
        assert!(written.contains(words), "{lang}: {written}");
    }
}

/// `init DIR/2024` makes the 2024 report (the year from the folder's name, not the clock),
/// with its 成文日期 待补充 (no day made up) unless `--date` gives it; its default outline
/// prints the duties under 二、 as paragraphs of their own, not （一）……（二）…… run together.
#[test]
fn init_takes_the_year_from_the_folder_and_its_outline_prints_well() {
    let tmp = tempfile::tempdir().unwrap();
    let unit = tmp.path().join("my-town/2024");
    report().arg("init").arg(&unit).assert().success();
    let text = fs::read_to_string(unit.join("report.toml")).unwrap();
    assert!(text.contains("\nyear = 2024\n"), "{text}");
    assert!(text.contains("\ndate = \"待补充\"\n"), "{text}");
    let dated = tmp.path().join("dated/2024");
    report()
        .args(["init", "--date", "2025-01-20"])
        .arg(&dated)
        .assert()
        .success();
    let text = fs::read_to_string(dated.join("report.toml")).unwrap();
    assert!(text.contains("\ndate = 2025-01-20\n"), "{text}");
    fs::write(
        unit.join("leadership.toml"),
        "[[duties]]\ntext = \"带头学法。\"\n\n[[duties]]\ntext = \"带头守法。\"\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    report()
        .arg("build")
        .arg(&unit)
        .arg("--draft")
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let md = fs::read_to_string(out.join("2024/report.md")).unwrap();
    assert!(
        md.contains("\n\n（一）带头学法。\n\n（二）带头守法。\n\n"),
        "{md}"
    );
    let html = fs::read_to_string(out.join("2024/report.html")).unwrap();
    assert!(
        html.contains("<p>（一）带头学法。</p>\n<p>（二）带头守法。</p>"),
        "{html}"
    );
}

/// Every description of every schema (the editor's hover help) has Chinese, not English only.
#[test]
fn every_schema_description_has_chinese() {
    for (name, schema) in report::schema::schemas() {
        let mut stack = vec![schema];
        while let Some(node) = stack.pop() {
            if let Some(d) = node.get("description").and_then(|d| d.as_str()) {
                assert!(
                    d.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                    "{name}: {d}"
                );
            }
            match node {
                serde_json::Value::Object(map) => stack.extend(map.into_iter().map(|(_, v)| v)),
                serde_json::Value::Array(items) => stack.extend(items),
                _ => {}
            }
        }
    }
}

/// A skeleton's kind and 成文日期 are what the clerk gave, in the words a clerk types, and
/// `待补充` when not given: never a kind or a day made up.
#[test]
fn init_writes_the_kind_and_date_given_and_nothing_made_up() {
    let tmp = tempfile::tempdir().unwrap();
    let given = tmp.path().join("given/2025");
    report()
        .args(["init", "--kind", "街道", "--date", "2026年1月5日"])
        .arg(&given)
        .assert()
        .success();
    let text = fs::read_to_string(given.join("report.toml")).unwrap();
    assert!(text.contains("\nkind = \"street\"\n"), "{text}");
    assert!(text.contains("\ndate = 2026-01-05\n"), "{text}");
    let bare = tmp.path().join("bare/2025");
    report().arg("init").arg(&bare).assert().success();
    let text = fs::read_to_string(bare.join("report.toml")).unwrap();
    assert!(text.contains("\nkind = \"待补充\"\n"), "{text}");
    assert!(text.contains("\ndate = \"待补充\"\n"), "{text}");
    let refused = report()
        .args(["--lang", "zh", "init", "--kind", "村"])
        .arg(tmp.path().join("village/2025"))
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("可选：township（乡镇）"), "{said}");
}

/// Last year's files are read as `check` reads them: a file saved as GB18030 is carried
/// forward, a link out of the folder is refused with `check`'s words, and nothing is made.
#[cfg(unix)]
#[test]
fn init_from_reads_last_year_as_check_does() {
    let (tmp, old) = copy_of(&taian());
    let plans = fs::read_to_string(old.join("plans.toml")).unwrap();
    let (gb, _, _) = encoding_rs::GB18030.encode(&plans);
    fs::write(old.join("plans.toml"), &gb).unwrap();
    let new = tmp.path().join("new");
    report()
        .args(["init", "--from"])
        .arg(&old)
        .arg(&new)
        .assert()
        .success();
    let carried = fs::read_to_string(new.join("plans.toml")).unwrap();
    assert!(carried.contains("进一步加大执法培训力度"), "{carried}");

    let secret = tmp.path().join("secret.toml");
    fs::write(&secret, "plans = []\n").unwrap();
    fs::remove_file(old.join("plans.toml")).unwrap();
    std::os::unix::fs::symlink(&secret, old.join("plans.toml")).unwrap();
    let newer = tmp.path().join("newer");
    let refused = || {
        let out = report()
            .args(["--lang", "zh", "init", "--from"])
            .arg(&old)
            .arg(&newer)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let stderr = refused();
    assert!(
        stderr.contains("链接指向") && stderr.contains("plans.toml"),
        "{stderr}"
    );
    assert!(!newer.exists());

    // A file read after others were carried (outreach.toml comes after report.toml and
    // leadership.toml) still leaves no half-made folder to refuse the next try.
    fs::remove_file(old.join("plans.toml")).unwrap();
    fs::write(old.join("outreach.toml"), [0xFFu8, 0xFE, 0, 1, 2]).unwrap();
    refused();
    assert!(
        !newer.exists(),
        "nothing is made when a file cannot be read"
    );
}

/// What belonged to last year's report alone is not carried into the new year: its 文号, its
/// publication, its dated events, its highlights and points are 待补充 or gone; the years its
/// title and headings name move on with it (`2023年度…报告`, `2024年工作安排` of 2023 become
/// 2024 and 2025); a year of something else (`〔2023〕` of a document) stays.
#[test]
fn init_from_does_not_carry_last_years_number_publication_or_years() {
    let tmp = tempfile::tempdir().unwrap();
    let new = tmp.path().join("d/2024");
    report()
        .arg("init")
        .arg("--from")
        .arg(root().join("examples/district/2023"))
        .arg(&new)
        .assert()
        .success();
    let text = fs::read_to_string(new.join("report.toml")).unwrap();
    assert!(text.contains("doc_no = \"待补充\""), "{text}");
    assert!(
        !text.contains("published") && !text.contains("某区府文〔2024〕6号"),
        "{text}"
    );
    assert!(
        text.contains("关于2024年度法治政府建设情况的报告"),
        "{text}"
    );
    assert!(text.contains("title = \"2025年工作安排\""), "{text}");
    assert!(!text.contains("2023年度"), "{text}");
    let new = tmp.path().join("t/2024");
    report()
        .arg("init")
        .arg("--from")
        .arg(root().join("examples/township/2023"))
        .arg(&new)
        .assert()
        .success();
    let text = fs::read_to_string(new.join("report.toml")).unwrap();
    assert!(text.contains("highlights = [\"待补充\"]"), "{text}");
    assert!(text.contains("points = [\"待补充\"]"), "{text}");
    assert!(!text.contains("[events"), "{text}");
    // check says what is to fill, and nothing else is wrong with what init wrote.
    let (code, json) = check_json(&new);
    assert_eq!(code, Some(1));
    let codes: std::collections::BTreeSet<String> = json
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["code"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(
        codes.iter().all(|c| c == "E0712" || c.starts_with('W')),
        "{json}"
    );
}
