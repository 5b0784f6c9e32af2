//! End-to-end tests through the `report` binary, on fixture folders.
//!
//! One integration-test binary (link time); each test copies what it changes into a temp
//! folder so fixtures stay pristine.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

#[path = "cli/fuzz.rs"]
mod fuzz;
#[path = "cli/robustness.rs"]
mod robustness;
#[path = "cli/sentences.rs"]
mod sentences;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn taian() -> PathBuf {
    root().join("data/taian/2020")
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

fn report() -> Command {
    let mut cmd = Command::cargo_bin("report").expect("the binary is built");
    cmd.env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("NO_COLOR", "1");
    cmd
}

/// Copies a folder tree into `dest`.
fn copy_tree(from: &Path, dest: &Path) {
    fs::create_dir_all(dest).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = dest.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A temp copy of a report folder, as `<tmp>/unit`.
fn copy_of(folder: &Path) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let unit = tmp.path().join("unit");
    copy_tree(folder, &unit);
    (tmp, unit)
}

/// Replaces exactly one occurrence of `from` in a file.
fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert_eq!(
        text.matches(from).count(),
        1,
        "{from:?} once in {}",
        path.display()
    );
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// The 1-based number of the first line of a file that matches.
fn line_of(path: &Path, matches: impl Fn(&str) -> bool) -> usize {
    let text = fs::read_to_string(path).unwrap();
    text.lines().position(matches).expect("a matching line") + 1
}

/// Copies of Taian under `data/u0`, `data/u1`, … named 第0镇, 第1镇, …, each with its count
/// of consultations (法律知识咨询活动) set to the given value.
fn units_with_consultations(data: &Path, values: &[&str]) {
    for (i, v) in values.iter().enumerate() {
        let unit = data.join(format!("u{i}"));
        copy_tree(&taian(), &unit);
        edit(
            &unit.join("report.toml"),
            "name = \"太安镇\"",
            &format!("name = \"第{i}镇\""),
        );
        edit(
            &unit.join("outreach.toml"),
            "value = 15",
            &format!("value = {v}"),
        );
    }
}

/// Runs `report summary` on `data` into `out` and returns summary.md.
fn summary_md(data: &Path, out: &Path) -> String {
    report()
        .arg("summary")
        .arg(data)
        .arg("--out")
        .arg(out)
        .assert()
        .success();
    fs::read_to_string(out.join("summary.md")).unwrap()
}

/// The cases of the check corpus (`tests/check/cases/*`), sorted.
fn corpus_cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = fs::read_dir(root().join("tests/check/cases"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    cases
}

/// Makes a FIFO at `path` (a data file that would block a reader that waits on it).
#[cfg(unix)]
fn make_fifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
    assert_eq!(
        unsafe { libc::mkfifo(c.as_ptr(), 0o644) },
        0,
        "mkfifo {}",
        path.display()
    );
}

/// Runs `cmd`, expects exit `code`, and that stderr holds every one of `parts`.
fn expect_stderr(cmd: &mut Command, code: i32, parts: &[&str]) -> String {
    let assert = cmd.assert().code(code);
    let stderr = stderr_of(&assert);
    for part in parts {
        assert!(stderr.contains(part), "{part:?} not in:\n{stderr}");
    }
    stderr
}

/// What a command printed on stderr.
fn stderr_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stderr).to_string()
}

/// Builds `folder` into a temp out dir, expecting it to fail with `code`; returns the out dir
/// guard and stderr.
fn build_failing(folder: &Path, code: i32) -> (tempfile::TempDir, String) {
    let out = tempfile::tempdir().unwrap();
    let assert = report()
        .arg("build")
        .arg(folder)
        .arg("--out")
        .arg(out.path())
        .assert()
        .code(code);
    let stderr = stderr_of(&assert);
    (out, stderr)
}

/// Builds `folder` into a temp out dir; returns (out dir guard, markdown, html).
fn build(folder: &Path) -> (tempfile::TempDir, String, String) {
    let out = tempfile::tempdir().unwrap();
    report()
        .arg("build")
        .arg(folder)
        .arg("--out")
        .arg(out.path())
        .assert()
        .success();
    let name = folder.file_name().unwrap();
    let dir = out.path().join(name);
    let md = fs::read_to_string(dir.join("report.md")).unwrap();
    let html = fs::read_to_string(dir.join("report.html")).unwrap();
    (out, md, html)
}

#[test]
fn taian_matches_its_reviewed_snapshots() {
    let (_out, md, html) = build(&taian());
    insta::assert_snapshot!("taian_2020_md", md);
    insta::assert_snapshot!("taian_2020_html", html);
}

#[test]
fn department_fixture_renders_with_the_right_numbering() {
    let (_out, md, html) = build(&fixture("department"));
    insta::assert_snapshot!("department_md", md);
    // Other order and depth than Taian: the statutory duties come second, four levels deep.
    for line in [
        "## 二、主要负责人履行推进法治建设第一责任人职责情况",
        "## 五、其他需要报告的情况",
        "### （六）贯彻上级部署",
        "（2）落实集体讨论。重大决策事项全部经集体讨论决定。",
        "#### 2.加强行政复议",
        "## 四、2024年工作安排",
    ] {
        assert!(md.lines().any(|l| l == line), "missing line {line:?}");
    }
    // A zero count is printed, not dropped.
    assert!(md.contains("撤销0件"), "{md}");
    assert!(html.contains("<span class=\"run-in level-4\">（1）落实合法性审查。</span>"));
}

#[test]
fn changing_one_count_changes_exactly_that_number() {
    let (_tmp, unit) = copy_of(&taian());
    let (_o1, before_md, before_html) = build(&unit);
    edit(&unit.join("outreach.toml"), "value = 15", "value = 16");
    let (_o2, after_md, after_html) = build(&unit);
    for (before, after) in [(&before_md, &after_md), (&before_html, &after_html)] {
        assert!(after.contains("法律知识咨询活动16场"));
        assert!(!after.contains("15场"));
        let changed: Vec<_> = before
            .lines()
            .zip(after.lines())
            .filter(|(a, b)| a != b)
            .collect();
        assert_eq!(changed.len(), 1, "{changed:?}");
        assert_eq!(changed[0].0.replace("15场", "16场"), changed[0].1);
    }
}

#[test]
fn counts_are_toml_integers_not_text() {
    let outreach = fs::read_to_string(taian().join("outreach.toml")).unwrap();
    let table: toml::Table = outreach.parse().unwrap();
    let counts = table["counts"].as_table().unwrap();
    for (id, want) in [("consultation", 15), ("materials", 1000), ("banners", 130)] {
        assert_eq!(counts[id]["value"].as_integer(), Some(want), "{id}");
    }
    let legal_aid: toml::Table = fs::read_to_string(taian().join("legal_aid.toml"))
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        legal_aid["posts"]["village_service_room"]["count"].as_integer(),
        Some(13)
    );
    // No count is typed into a string of the data.
    for file in ["report.toml", "outreach.toml", "legal_aid.toml"] {
        let text = fs::read_to_string(taian().join(file)).unwrap();
        for n in ["15场", "1000余册", "130余条", "13个"] {
            assert!(!text.contains(n), "{n} typed as text in {file}");
        }
    }
}

#[test]
fn markup_in_data_is_shown_as_text() {
    let (_tmp, unit) = copy_of(&fixture("department"));
    edit(
        &unit.join("report.toml"),
        "严格落实重大行政决策程序。",
        "严格落实<script>alert('narrative')</script>程序。<img src=x onerror=alert(2)>",
    );
    edit(
        &unit.join("report.toml"),
        "title = \"加强组织领导\"",
        "title = \"加强<b onmouseover=alert(3)>组织</b>领导\"",
    );
    edit(
        &unit.join("report.toml"),
        "signer = \"某某区司法局\"",
        "signer = \"某某区司法局<script>alert(4)</script>\"",
    );
    edit(
        &unit.join("problems.toml"),
        "部分法律援助工作站尚未配备律师。",
        "部分[工作站](javascript:alert(5))尚未配备律师。",
    );
    let (_out, md, html) = build(&unit);
    assert!(md.contains("部分\\[工作站](javascript:alert(5))"), "{md}");
    let md_unescaped = md.replace("\\<", "");
    for bad in ["<script", "<img", "<b "] {
        assert!(
            !md_unescaped.contains(bad),
            "{bad} unescaped in Markdown: {md}"
        );
    }
    for bad in ["<script", "<img", "<b ", "href=\"javascript"] {
        assert!(!html.contains(bad), "{bad} in HTML");
    }
    assert!(
        html.contains("&lt;script&gt;alert('narrative')&lt;/script&gt;")
            || html.contains("&lt;script&gt;alert(&#39;narrative&#39;)&lt;/script&gt;"),
        "{html}"
    );
    assert!(
        html.contains("某某区司法局&lt;script&gt;alert(4)&lt;"),
        "{html}"
    );
    assert!(
        md.contains("\\<script>alert('narrative')\\</script>"),
        "{md}"
    );
}

#[test]
fn builds_are_deterministic() {
    let (_a, md1, html1) = build(&taian());
    let (_b, md2, html2) = build(&taian());
    assert_eq!(md1, md2);
    assert_eq!(html1, html2);
}

#[test]
fn html_is_one_standalone_chinese_page() {
    let (_out, _, html) = build(&taian());
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    for external in ["<link", "<script", "src=", "@import", "url("] {
        assert!(!html.contains(external), "external resource: {external}");
    }
    assert!(html.contains("size: A4"));
    assert!(html.contains("margin: 37mm 26mm 35mm 28mm"));
    assert!(html.contains("\"仿宋_GB2312\""));
    // Numbers are text, not list markup.
    assert!(!html.contains("<ol") && !html.contains("<li"));
    // 署名 then 成文日期 close the report.
    let signer = html.find(">太安镇人民政府</p>").unwrap();
    let date = html.find(">2021年1月10日</p>").unwrap();
    assert!(signer < date && html[date..].find("<p").is_none());
}

#[test]
fn a_tree_of_units_builds_each_into_its_own_folder() {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&taian(), &tmp.path().join("data/taian/2020"));
    copy_tree(
        &fixture("department"),
        &tmp.path().join("data/justice/2023"),
    );
    report()
        .current_dir(tmp.path())
        .arg("build")
        .assert()
        .success();
    for unit in ["taian/2020", "justice/2023"] {
        for file in ["report.md", "report.html"] {
            assert!(
                tmp.path().join("out").join(unit).join(file).is_file(),
                "{unit}/{file}"
            );
        }
    }
}

#[test]
fn malformed_toml_is_reported_with_file_line_and_column() {
    let (_tmp, unit) = copy_of(&taian());
    edit(&unit.join("outreach.toml"), "value = 15", "value = = 15");
    let (out, stderr) = build_failing(&unit, 1);
    let line = line_of(&unit.join("outreach.toml"), |l| l == "value = = 15");
    assert!(
        stderr.contains(&format!("outreach.toml:{line}:9")),
        "{stderr}"
    );
    assert!(stderr.contains("E0101"), "{stderr}");
    assert!(!out.path().join("unit/report.md").exists());
}

#[test]
fn a_failed_build_keeps_the_previous_good_report() {
    let (_tmp, unit) = copy_of(&taian());
    let out = tempfile::tempdir().unwrap();
    report()
        .arg("build")
        .arg(&unit)
        .arg("--out")
        .arg(out.path())
        .assert()
        .success();
    let md_path = out.path().join("unit/report.md");
    let good = fs::read_to_string(&md_path).unwrap();
    edit(&unit.join("report.toml"), "year = 2020", "year = \"2020\"");
    report()
        .arg("build")
        .arg(&unit)
        .arg("--out")
        .arg(out.path())
        .assert()
        .code(1);
    assert_eq!(fs::read_to_string(&md_path).unwrap(), good);
}

#[test]
fn unknown_keys_get_a_suggestion() {
    let (_tmp, unit) = copy_of(&taian());
    edit(
        &unit.join("legal_aid.toml"),
        "with_lawyer = 13",
        "with_lawyr = 13",
    );
    let assert = report().arg("check").arg(&unit).assert().code(1);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("unknown key `posts.village_service_room.with_lawyr`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `with_lawyer`?"), "{stderr}");
    let line = line_of(&unit.join("legal_aid.toml"), |l| {
        l.starts_with("with_lawyr")
    });
    assert!(
        stderr.contains(&format!("legal_aid.toml:{line}:1")),
        "{stderr}"
    );
}

#[test]
fn a_typo_in_text_points_into_the_data_file() {
    let (_tmp, unit) = copy_of(&taian());
    edit(
        &unit.join("report.toml"),
        "举办{{ outreach.counts.consultation }}",
        "举办{{ outreach.counts.consultaton }}",
    );
    let (out, stderr) = build_failing(&unit, 1);
    assert!(stderr.contains("E0302"), "{stderr}");
    let line = line_of(&unit.join("report.toml"), |l| l.contains("consultaton"));
    assert!(stderr.contains(&format!("report.toml:{line}:")), "{stderr}");
    assert!(!out.path().join("unit/report.md").exists());
}

#[test]
fn templates_can_be_overridden_and_their_errors_point_at_the_template() {
    let tmp = tempfile::tempdir().unwrap();
    let templates = tmp.path().join("mine");
    fs::create_dir_all(&templates).unwrap();
    fs::write(
        templates.join("report.md.j2"),
        "# {{ report.title }}\n\n本单位：{{ data.unit.name }}\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    report()
        .arg("build")
        .arg(taian())
        .args(["--format", "md", "--templates"])
        .arg(&templates)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    assert_eq!(
        fs::read_to_string(out.join("2020/report.md")).unwrap(),
        "# 太安镇关于2020年法治政府建设工作的报告\n\n本单位：太安镇\n"
    );
    assert!(!out.join("2020/report.html").exists());

    fs::write(
        templates.join("report.md.j2"),
        "# {{ report.title }}\n\n{{ report.titel }}\n",
    )
    .unwrap();
    let assert = report()
        .arg("build")
        .arg(taian())
        .args(["--format", "md", "--templates"])
        .arg(&templates)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1);
    let stderr = stderr_of(&assert);
    assert!(stderr.contains("E0301"), "{stderr}");
    assert!(stderr.contains("mine/report.md.j2:3:"), "{stderr}");
}

#[test]
fn a_templates_folder_beside_the_data_is_used() {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&taian(), &tmp.path().join("data/taian/2020"));
    let templates = tmp.path().join("data/templates/blocks");
    fs::create_dir_all(&templates).unwrap();
    fs::write(
        templates.join("duties.md.j2"),
        "{% for d in items %}- {{ d.text }}\n{% endfor %}",
    )
    .unwrap();
    report()
        .current_dir(tmp.path())
        .arg("build")
        .assert()
        .success();
    let md = fs::read_to_string(tmp.path().join("out/taian/2020/report.md")).unwrap();
    assert!(md.contains("- 用心履职尽责"), "{md}");
}

#[test]
fn a_folder_without_reports_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let assert = report().arg("build").arg(tmp.path()).assert().code(1);
    let stderr = stderr_of(&assert);
    assert!(stderr.contains("no report folder"), "{stderr}");
    report()
        .arg("build")
        .arg(tmp.path().join("missing"))
        .assert()
        .code(2);
}

/// A report.toml (and the other files) linked from elsewhere in the tree still make a report
/// folder; a linked folder is not entered (it could loop).
#[cfg(unix)]
#[test]
fn linked_files_count_and_linked_folders_are_not_entered() {
    let tmp = tempfile::tempdir().unwrap();
    let shared = tmp.path().join("tree/shared");
    copy_tree(&taian(), &shared);
    let unit = tmp.path().join("tree/taian/2020");
    fs::create_dir_all(&unit).unwrap();
    for entry in fs::read_dir(&shared).unwrap() {
        let entry = entry.unwrap();
        std::os::unix::fs::symlink(entry.path(), unit.join(entry.file_name())).unwrap();
    }
    std::os::unix::fs::symlink(taian(), tmp.path().join("tree/linked")).unwrap();
    let out = tmp.path().join("out");
    report()
        .arg("build")
        .arg(tmp.path().join("tree"))
        .arg("--out")
        .arg(&out)
        .args(["--format", "md"])
        .assert()
        .success();
    assert!(out.join("taian/2020/report.md").is_file());
    assert!(!out.join("linked").exists());
}

/// A unit's links that lead out of the tree being built are reported and not read: a data
/// file, a template file, a linked `templates/` folder, `previous`.
#[cfg(unix)]
#[test]
fn links_out_of_the_tree_are_reported_and_not_read() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.toml");
    fs::write(&secret, "[[plans]]\ntext = \"机密：口令 hunter2\"\n").unwrap();
    fs::write(outside.path().join("report.md.j2"), "机密模板 hunter2").unwrap();

    // A data file linked out of the tree: E0007 names the link; nothing of it is echoed.
    let (tmp, unit) = copy_of(&taian());
    fs::remove_file(unit.join("plans.toml")).unwrap();
    symlink(&secret, unit.join("plans.toml")).unwrap();
    let assert = report().arg("check").arg(&unit).assert().code(1);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("E0007") && stderr.contains("plans.toml"),
        "{stderr}"
    );
    assert!(!stderr.contains("hunter2"), "{stderr}");
    drop(tmp);

    // A templates/ folder linked out of the tree, and a template file linked out of it.
    for link_folder in [true, false] {
        let (tmp, unit) = copy_of(&taian());
        if link_folder {
            symlink(outside.path(), unit.join("templates")).unwrap();
        } else {
            fs::create_dir(unit.join("templates")).unwrap();
            symlink(
                outside.path().join("report.md.j2"),
                unit.join("templates/report.md.j2"),
            )
            .unwrap();
        }
        let out = tmp.path().join("out");
        let assert = report()
            .arg("build")
            .arg(&unit)
            .arg("--out")
            .arg(&out)
            .assert()
            .code(1);
        let stderr = stderr_of(&assert);
        assert!(stderr.contains("E0007"), "{stderr}");
        assert!(!stderr.contains("hunter2"), "{stderr}");
        assert!(!out.exists(), "nothing is written");
    }

    // previous = a folder outside the tree: not read, so no year-over-year figures from it;
    // the same folder inside the tree is read.
    let yoy = fixture("yoy/justice");
    let tree = tempfile::tempdir().unwrap();
    copy_tree(&yoy.join("2023"), &tree.path().join("unit"));
    copy_tree(&yoy.join("2022"), &outside.path().join("last"));
    copy_tree(&yoy.join("2022"), &tree.path().join("last"));
    let report_toml = tree.path().join("unit/report.toml");
    let text = fs::read_to_string(&report_toml).unwrap();
    for (previous, compared) in [
        (outside.path().join("last").display().to_string(), false),
        ("../last".to_string(), true),
    ] {
        fs::write(
            &report_toml,
            text.replacen(
                "\n[unit]",
                &format!("\nprevious = \"{previous}\"\n[unit]"),
                1,
            ),
        )
        .unwrap();
        let out = tempfile::tempdir().unwrap();
        report()
            .arg("build")
            .arg(tree.path())
            .arg("--out")
            .arg(out.path())
            .args(["--format", "md"])
            .assert()
            .success();
        let md = fs::read_to_string(out.path().join("unit/report.md")).unwrap();
        assert_eq!(md.contains("较上年"), compared, "previous = {previous}");
    }
}

#[test]
fn messages_are_in_chinese_when_asked() {
    let (_tmp, unit) = copy_of(&taian());
    edit(
        &unit.join("legal_aid.toml"),
        "with_lawyer = 13",
        "with_lawyr = 13",
    );
    for cmd in [
        report()
            .arg("check")
            .arg(&unit)
            .env("LANG", "zh_CN.UTF-8")
            .assert(),
        report().args(["--lang", "zh", "check"]).arg(&unit).assert(),
    ] {
        let stderr = String::from_utf8_lossy(&cmd.get_output().stderr).to_string();
        assert!(stderr.contains("未知的键"), "{stderr}");
        assert!(stderr.contains("E0104"), "{stderr}");
    }
}

/// Runs `report check --format json` on every case of `tests/check/cases/`: the base report
/// with the case's files laid over it. Each case's output is a reviewed snapshot; every code
/// of the registry must be produced by some case (or be tested elsewhere, as listed).
#[test]
fn check_corpus() {
    let corpus = root().join("tests/check");
    let cases = corpus_cases();
    let mut seen = std::collections::BTreeSet::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_str().unwrap().to_string();
        let tmp = tempfile::tempdir().unwrap();
        let unit = tmp.path().join(&name);
        copy_tree(&corpus.join("base"), &unit);
        copy_tree(case, &unit);
        let output = report()
            .arg("check")
            .arg(&unit)
            .args(["--format", "json"])
            .output()
            .unwrap();
        let code = output.status.code().expect("exited, not killed");
        let stdout = String::from_utf8(output.stdout)
            .unwrap()
            .replace(&format!("{}/", tmp.path().display()), "");
        for line in stdout.lines() {
            let value: serde_json::Value =
                serde_json::from_str(line).expect("one JSON object per line");
            seen.insert(value["code"].as_str().unwrap().to_string());
        }
        if name.starts_with("ok-") {
            assert_eq!(code, 0, "{name} should pass:\n{stdout}");
            let warnings = stdout.lines().count();
            assert_eq!(warnings, 0, "{name} should be clean:\n{stdout}");
        } else {
            assert!(!stdout.is_empty(), "{name} should report something");
            assert!(code == 0 || code == 1, "{name} exited {code}");
        }
        insta::with_settings!({snapshot_path => corpus.join("snapshots"), prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!(name.clone(), format!("exit: {code}\n{stdout}"));
        });
        // Every way of printing the same problems must work too (human output went through
        // annotate-snippets, where spans inside a Chinese character once panicked).
        for lang in ["en", "zh"] {
            for format in ["human", "github", "json"] {
                let output = report()
                    .args(["--lang", lang, "check", "--format", format])
                    .arg(&unit)
                    .output()
                    .unwrap();
                let printed = if format == "human" {
                    &output.stderr
                } else {
                    &output.stdout
                };
                assert_eq!(
                    output.status.code(),
                    Some(code),
                    "{name} --lang {lang} --format {format}:\n{}",
                    String::from_utf8_lossy(&output.stderr)
                );
                let printed = String::from_utf8(printed.clone()).expect("UTF-8 output");
                assert!(
                    !printed.chars().any(|c| c.is_control() && c != '\n'),
                    "{name} --format {format}: control characters in {printed:?}"
                );
            }
        }
    }
    let elsewhere = [
        ("E0001", "a_folder_without_reports_is_a_clear_error"),
        ("E0002", "unreadable_and_huge_files_are_refused"),
        ("E0005", "unreadable_and_huge_files_are_refused"),
        ("E0006", "not produced by check: a failed write"),
        ("E0007", "links_out_of_the_tree_are_reported_and_not_read"),
        (
            "E0301",
            "templates_can_be_overridden_and_their_errors_point_at_the_template",
        ),
    ];
    for c in report::codes::CODES {
        assert!(
            seen.contains(c.code.as_str()) || elsewhere.iter().any(|(e, _)| *e == c.code.as_str()),
            "no case of the check corpus produces {}",
            c.code
        );
    }
}

#[test]
fn human_diagnostics_show_the_line_and_a_marker_in_both_languages() {
    let corpus = root().join("tests/check");
    let tmp = tempfile::tempdir().unwrap();
    let unit = tmp.path().join("unit");
    copy_tree(&corpus.join("base"), &unit);
    copy_tree(&corpus.join("cases/doc-no-brackets"), &unit);
    for (lang, name) in [("en", "human_en"), ("zh", "human_zh")] {
        let output = report()
            .args(["--lang", lang, "check"])
            .arg(&unit)
            .output()
            .unwrap();
        let stderr = String::from_utf8(output.stderr)
            .unwrap()
            .replace(&format!("{}/", tmp.path().display()), "");
        insta::assert_snapshot!(name, stderr);
    }
}

#[test]
fn unreadable_and_huge_files_are_refused() {
    let (_tmp, unit) = copy_of(&taian());
    // A file far larger than any year's data.
    let mut big = fs::read_to_string(unit.join("plans.toml")).unwrap();
    while big.len() < 5 * 1024 * 1024 {
        big.push_str("# padding padding padding padding padding padding padding padding\n");
    }
    fs::write(unit.join("plans.toml"), big).unwrap();
    // A folder where a file should be.
    fs::remove_file(unit.join("study.toml")).unwrap();
    fs::create_dir(unit.join("study.toml")).unwrap();
    let output = report()
        .arg("check")
        .arg(&unit)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("\"code\":\"E0005\"") && stdout.contains("plans.toml"),
        "{stdout}"
    );
    assert!(
        stdout.contains("\"code\":\"E0002\"") && stdout.contains("study.toml"),
        "{stdout}"
    );
}

#[test]
fn every_code_has_an_explanation() {
    for c in report::codes::CODES {
        let output = report()
            .args(["check", "--explain", c.code.as_str()])
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", c.code);
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(
            text.contains(c.bad.lines().next().unwrap()) && text.contains("Good"),
            "{}: {text}",
            c.code
        );
    }
    report()
        .args(["check", "--explain", "E9999"])
        .assert()
        .code(2);
}

#[test]
fn the_taian_data_checks_clean() {
    let output = report()
        .arg("check")
        .arg(taian())
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8(output.stdout).unwrap(), "");
}

/// The defects of the original Taian text (NORMS.md §2.5), put back one at a time, are each
/// reported at the file and line where they were put.
#[test]
fn taian_defects_put_back_are_each_found_where_they_were_put() {
    let defects: &[(&str, &str, &str, &str)] = &[
        (
            "report.toml",
            "充分利用法律顾问制度，深入推进",
            "充分利用法律顾问制度,深入推进",
            "W0701",
        ),
        (
            "report.toml",
            "积极引入规范性文件制定过程中的听证制度，制定",
            "积极引入规范性文件制定过程中的听证制度,制定",
            "W0701",
        ),
        (
            "report.toml",
            "切实履行主体责任，主要负责人",
            "切实履行主体责任,主要负责人",
            "W0701",
        ),
        (
            "report.toml",
            "title = \"强化经费保障\"",
            "title = \"3、强化经费保障\"",
            "E0702",
        ),
        (
            "report.toml",
            "{{ studied | titles }}",
            "《宪法》、《不忘初心、牢记使命》摘编、《土地管理法》、《民法典》",
            "W0704",
        ),
        (
            "outreach.toml",
            "“6·26”国际禁毒日",
            "“6.26”国际禁毒日",
            "W0705",
        ),
        (
            "outreach.toml",
            "“12·4”国家宪法日",
            "“12.4”国家宪法日",
            "W0705",
        ),
        (
            "report.toml",
            "潼委法〔2020〕2号",
            "潼委法〔2020〕2 号",
            "W0606",
        ),
        (
            "report.toml",
            "潼委法〔2020〕2号",
            "潼委法[2020]2号",
            "E0602",
        ),
        (
            "report.toml",
            "潼南府办发〔2020〕57号",
            "潼南府办发〔2020〕057号",
            "E0604",
        ),
        (
            "report.toml",
            "现将{{ unit.name }}{{ year }}年度",
            "现将太安镇 2020 年度",
            "W0708",
        ),
    ];
    for (file, good, bad, code) in defects {
        let (_tmp, unit) = copy_of(&taian());
        edit(&unit.join(file), good, bad);
        let line = line_of(&unit.join(file), |l| l.contains(bad));
        let output = report()
            .arg("check")
            .arg(&unit)
            .args(["--format", "json"])
            .output()
            .unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        let found = stdout.lines().any(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["code"] == *code && v["line"] == line && v["file"].as_str().unwrap().ends_with(file)
        });
        assert!(found, "{code} for {bad:?} not at {file}:{line}:\n{stdout}");
    }
}

#[test]
fn fix_applies_safe_fixes_losslessly() {
    let (_tmp, unit) = copy_of(&taian());
    let report_toml = unit.join("report.toml");
    let original = fs::read_to_string(&report_toml).unwrap();
    edit(
        &report_toml,
        "充分利用法律顾问制度，深入推进",
        "充分利用法律顾问制度,深入推进",
    );
    edit(&report_toml, "潼委法〔2020〕2号", "潼委法〔2020〕2 号");
    edit(
        &unit.join("outreach.toml"),
        "“6·26”国际禁毒日",
        "“6.26”国际禁毒日",
    );
    edit(
        &report_toml,
        "现将{{ unit.name }}{{ year }}年度",
        "现将太安镇 2020 年度",
    );
    let assert = report()
        .arg("check")
        .arg(&unit)
        .arg("--fix")
        .assert()
        .success();
    let stderr = stderr_of(&assert);
    assert_eq!(stderr.matches("fixed ").count(), 5, "{stderr}");
    // Everything is back as it was, except the one change that is not a restoration.
    let fixed = fs::read_to_string(&report_toml).unwrap();
    assert_eq!(
        fixed,
        original.replace("现将{{ unit.name }}{{ year }}年度", "现将太安镇2020年度")
    );
    assert!(
        fixed.contains("# 太安镇 2020 年法治政府建设年度报告"),
        "comments are kept as they were"
    );
    assert_eq!(
        fs::read_to_string(unit.join("outreach.toml")).unwrap(),
        fs::read_to_string(taian().join("outreach.toml")).unwrap()
    );
    // A second run has nothing to fix.
    let again = report()
        .arg("check")
        .arg(&unit)
        .arg("--fix")
        .assert()
        .success();
    assert!(!String::from_utf8_lossy(&again.get_output().stderr).contains("fixed "));
}

#[test]
fn build_refuses_errors_and_can_deny_warnings() {
    let (_tmp, unit) = copy_of(&taian());
    edit(
        &unit.join("outreach.toml"),
        "“6·26”国际禁毒日",
        "“6.26”国际禁毒日",
    );
    let out = tempfile::tempdir().unwrap();
    report()
        .arg("build")
        .arg(&unit)
        .arg("--out")
        .arg(out.path())
        .assert()
        .success();
    assert!(out.path().join("unit/report.md").exists());
    let out2 = tempfile::tempdir().unwrap();
    report()
        .arg("build")
        .arg(&unit)
        .arg("--deny-warnings")
        .arg("--out")
        .arg(out2.path())
        .assert()
        .code(1);
    assert!(!out2.path().join("unit/report.md").exists());
    report()
        .arg("check")
        .arg(&unit)
        .arg("--deny-warnings")
        .assert()
        .code(1);
}

#[test]
fn github_annotations() {
    let corpus = root().join("tests/check");
    let tmp = tempfile::tempdir().unwrap();
    let unit = tmp.path().join("unit");
    copy_tree(&corpus.join("base"), &unit);
    copy_tree(&corpus.join("cases/doc-no-leading-zero"), &unit);
    let output = report()
        .arg("check")
        .arg(&unit)
        .args(["--format", "github"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let line = stdout.lines().next().unwrap();
    assert!(line.starts_with("::error file="), "{line}");
    assert!(line.contains("unit/report.toml,line=13,col="), "{line}");
    assert!(line.contains("title=E0604::"), "{line}");
}

mod no_panics {
    //! Property tests: whatever the files hold, loading, checking and rendering never panic.

    use super::*;
    use proptest::prelude::*;

    fn analyse(dir: &Path) {
        let _ = report::pipeline::analyse(
            &report::pipeline::Session::new(),
            dir,
            dir,
            &[],
            &report::render::Format::ALL,
            report::render::RenderOptions::default(),
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256), ..ProptestConfig::default() })]

        /// Arbitrary bytes as any of the files.
        #[test]
        fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512), file in 0usize..4) {
            let (_tmp, unit) = copy_of(&taian());
            let name = ["report.toml", "outreach.toml", "legal_aid.toml", "problems.toml"][file];
            fs::write(unit.join(name), &bytes).unwrap();
            analyse(&unit);
        }

        /// The Taian data with a slice cut out, or a piece of text spliced in.
        #[test]
        fn mutated_data(
            file in 0usize..3,
            at in 0.0f64..1.0,
            cut in 0usize..40,
            insert in "[\\[\\]{}\"'=.,#\\n a-z0-9〔〕（）《》“”、，。年月日号-]{0,12}",
        ) {
            let (_tmp, unit) = copy_of(&taian());
            let name = ["report.toml", "outreach.toml", "legal_aid.toml"][file];
            let text = fs::read_to_string(unit.join(name)).unwrap();
            let mut start = ((text.len() as f64) * at) as usize;
            while !text.is_char_boundary(start) { start -= 1; }
            let mut end = (start + cut).min(text.len());
            while !text.is_char_boundary(end) { end -= 1; }
            let mutated = format!("{}{}{}", &text[..start], insert, &text[end..]);
            fs::write(unit.join(name), mutated).unwrap();
            analyse(&unit);
        }
    }
}

#[test]
fn the_readme_lists_every_rule() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    for c in report::codes::CODES {
        assert!(
            readme.contains(&format!("| {} |", c.code)),
            "README lacks {}",
            c.code
        );
    }
}

#[test]
fn fmt_is_lossless_idempotent_and_keeps_the_report() {
    let (_tmp, unit) = copy_of(&taian());
    let (_o1, md_before, html_before) = build(&unit);
    // An added comment, odd spacing, keys out of the model's order.
    edit(
        &unit.join("outreach.toml"),
        "[counts.consultation]\nname = \"法律知识咨询活动\"\nverb = \"举办\"\nvalue = 15",
        "[counts.consultation]\n# 含线上咨询\nvalue    =   15\nname = \"法律知识咨询活动\"\nverb = \"举办\"",
    );
    report()
        .arg("fmt")
        .arg(&unit)
        .arg("--check")
        .assert()
        .code(1);
    report().arg("fmt").arg(&unit).assert().success();
    let once: Vec<String> = fs::read_dir(&unit)
        .unwrap()
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap_or_default())
        .collect();
    let outreach = fs::read_to_string(unit.join("outreach.toml")).unwrap();
    assert!(outreach.contains("# 含线上咨询\n"), "{outreach}");
    assert!(
        outreach
            .contains("name = \"法律知识咨询活动\"\nverb = \"举办\"\n# 含线上咨询\nvalue = 15\n"),
        "{outreach}"
    );
    report()
        .arg("fmt")
        .arg(&unit)
        .arg("--check")
        .assert()
        .success();
    report().arg("fmt").arg(&unit).assert().success();
    let twice: Vec<String> = fs::read_dir(&unit)
        .unwrap()
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap_or_default())
        .collect();
    assert_eq!(once, twice);
    let (_o2, md_after, html_after) = build(&unit);
    assert_eq!(md_before, md_after);
    assert_eq!(html_before, html_after);
}

#[test]
fn the_data_is_formatted() {
    report()
        .arg("fmt")
        .arg(taian())
        .arg("--check")
        .assert()
        .success();
}

#[test]
fn committed_schemas_are_the_generated_ones() {
    let out = tempfile::tempdir().unwrap();
    report()
        .args(["schema", "--out"])
        .arg(out.path())
        .assert()
        .success();
    let mut names: Vec<_> = fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names.len(), 8);
    for name in names {
        let generated = fs::read_to_string(out.path().join(&name)).unwrap();
        let committed = fs::read_to_string(root().join("schema").join(&name))
            .unwrap_or_else(|_| panic!("schema/{name} is not committed"));
        assert_eq!(
            committed, generated,
            "schema/{name} is stale: run `report schema --out schema`"
        );
    }
}

/// TOML → JSON as editors see it for schema validation (dates as strings).
fn toml_to_json(value: toml::Value) -> serde_json::Value {
    match value {
        toml::Value::String(s) => s.into(),
        toml::Value::Integer(i) => i.into(),
        toml::Value::Float(f) => serde_json::json!(f),
        toml::Value::Boolean(b) => b.into(),
        toml::Value::Datetime(d) => d.to_string().into(),
        toml::Value::Array(a) => a.into_iter().map(toml_to_json).collect(),
        toml::Value::Table(t) => t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect(),
    }
}

#[test]
fn an_independent_validator_accepts_the_data_against_the_schemas_it_names() {
    let mut files = Vec::new();
    for top in ["data", "examples"] {
        let mut stack = vec![root().join(top)];
        while let Some(dir) = stack.pop() {
            for entry in fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "toml") {
                    files.push(path);
                }
            }
        }
    }
    assert!(files.len() >= 7);
    let validate = |path: &Path, text: &str| -> Result<(), String> {
        let first = text.lines().next().unwrap();
        let schema_path = first
            .strip_prefix("#:schema ")
            .unwrap_or_else(|| panic!("{} does not name its schema", path.display()));
        let schema: serde_json::Value = serde_json::from_str(
            &fs::read_to_string(path.parent().unwrap().join(schema_path)).unwrap(),
        )
        .unwrap();
        let instance = toml_to_json(text.parse::<toml::Table>().unwrap().into());
        let validator = jsonschema::validator_for(&schema).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| e.to_string())
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors.join("; "))
        }
    };
    for path in &files {
        let text = fs::read_to_string(path).unwrap();
        validate(path, &text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    let report_toml = taian().join("report.toml");
    let misspelt = fs::read_to_string(&report_toml)
        .unwrap()
        .replace("signer = ", "singer = ");
    assert!(validate(&report_toml, &misspelt).is_err());
}

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
    // Lasting facts kept, comments kept, the year moved on.
    let report_toml = fs::read_to_string(new.join("report.toml")).unwrap();
    assert!(
        report_toml.contains("year = 2021\ndate = 2022-01-10\n"),
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
        .args(["--format", "json"])
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
    assert!(md.starts_with("> 草稿（DRAFT）"), "{md}");
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
        .args(["--format", "json"])
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
        let text = report::init::skeleton_text(&format!("{name}.toml")).unwrap();
        let mut stack = vec![schema.clone()];
        while let Some(node) = stack.pop() {
            if let Some(props) = node.get("properties").and_then(|p| p.as_object()) {
                for (key, _) in props {
                    assert!(
                        text.contains(&format!("({key})")) || text.contains(&format!(" {key} ")),
                        "{name}.toml does not explain `{key}`"
                    );
                }
            }
            if let Some(defs) = node.get("definitions").and_then(|d| d.as_object()) {
                stack.extend(defs.values().cloned());
            }
        }
    }
}

#[test]
fn diff_speaks_in_report_terms() {
    let (_tmp, unit) = copy_of(&taian());
    let same = report()
        .arg("diff")
        .arg(taian())
        .arg(&unit)
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&same.get_output().stdout).contains("无变化（no changes）"));
    edit(&unit.join("outreach.toml"), "value = 15", "value = 22");
    edit(
        &unit.join("study.toml"),
        "[[studied]]\ntitle = \"宪法\"\n\n",
        "",
    );
    let changed = report()
        .arg("diff")
        .arg(taian())
        .arg(&unit)
        .assert()
        .success();
    let md = String::from_utf8_lossy(&changed.get_output().stdout).to_string();
    assert!(
        md.contains("- 数量 › 法律知识咨询活动：15场 → 22场（增加7场，增长46.7%）"),
        "{md}"
    );
    assert!(md.contains("- 删除 学习内容：宪法"), "{md}");
    // Items after the removed one are matched by title, not reported as changed.
    assert_eq!(
        md.lines().filter(|l| l.starts_with("- ")).count(),
        2,
        "{md}"
    );
    let json = report()
        .arg("diff")
        .arg(taian())
        .arg(&unit)
        .args(["--format", "json"])
        .assert()
        .success();
    let changes: serde_json::Value = serde_json::from_slice(&json.get_output().stdout).unwrap();
    let count = changes
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["path"][1] == "法律知识咨询活动")
        .unwrap();
    assert_eq!(count["delta"], 7.0);
    assert_eq!(count["old"], "15场");
    assert_eq!(count["new"], "22场");
}

#[test]
fn diff_textconv_prints_labelled_facts() {
    let out = report()
        .args(["diff", "--textconv"])
        .arg(taian().join("outreach.toml"))
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(text.contains("数量 › 法律知识咨询活动: 15场\n"), "{text}");
    assert!(text.contains("节点: “三八”妇女节、安全生产月"), "{text}");
}

#[test]
fn last_years_folder_beside_gives_year_over_year_comparisons() {
    let out = tempfile::tempdir().unwrap();
    report()
        .arg("build")
        .arg(fixture("yoy"))
        .arg("--out")
        .arg(out.path())
        .assert()
        .success();
    let this_year = fs::read_to_string(out.path().join("justice/2023/report.md")).unwrap();
    for phrase in [
        "举办法治讲座12场（较上年增加3场）",
        "发放宣传资料3000余份（与上年持平）",
        "建立了20个社区法律服务工作室（较上年增加2个）",
        "办理行政复议案件35件（较上年增加5件）",
        "按期办结率98.5%（较上年提高1.5个百分点）",
    ] {
        assert!(this_year.contains(phrase), "{phrase}\n{this_year}");
    }
    // No previous year: nothing is said.
    let last_year = fs::read_to_string(out.path().join("justice/2022/report.md")).unwrap();
    assert!(!last_year.contains("上年"), "{last_year}");
    // The same folder alone (no sibling) says nothing either.
    let (_o, alone, _) = build(&fixture("department"));
    assert!(!alone.contains("较上年"));
}

/// The project's acceptance check: every sentence of the reference text is in both outputs.
#[test]
fn every_sentence_of_the_taian_reference_is_in_both_outputs() {
    // The published report lives in the repository: a clone needs nothing beside it.
    let reference =
        fs::read_to_string(root().join("tests/reference/taian-2020-report.txt")).unwrap();
    let out = tempfile::tempdir().unwrap();
    report()
        .arg("build")
        .arg(taian())
        .arg("--out")
        .arg(out.path())
        .assert()
        .success();
    for file in ["report.md", "report.html"] {
        let rendered = fs::read_to_string(out.path().join("2020").join(file)).unwrap();
        let (missing, total) = sentences::missing(&reference, &rendered, file.ends_with(".html"));
        assert!(total > 50, "{total} pieces");
        assert!(missing.is_empty(), "{file} lacks: {missing:#?}");
    }
}

mod print {
    //! The finished product, checked in real programs: the HTML printed by headless Chromium,
    //! the DOCX converted by LibreOffice, both read back with poppler. `scripts/test.sh` (the
    //! README's test command) installs them.

    use super::*;
    use std::process::Command;

    fn tool(name: &str) -> PathBuf {
        let found = std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
            .map(|d| d.join(name))
            .find(|p| p.is_file());
        found.unwrap_or_else(|| {
            panic!("{name} is not installed: run scripts/test.sh, which installs it")
        })
    }

    fn run(cmd: &mut Command) -> String {
        let output = cmd.output().unwrap();
        assert!(
            output.status.success(),
            "{cmd:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    /// Text of a PDF without page furniture (page numbers and form feeds).
    fn pdf_text(pdf: &Path, first: Option<usize>, layout: bool) -> String {
        let mut cmd = Command::new(tool("pdftotext"));
        if layout {
            cmd.arg("-layout");
        }
        if let Some(p) = first {
            cmd.args(["-f", &p.to_string(), "-l", &p.to_string()]);
        }
        let text = run(cmd.arg(pdf).arg("-"));
        text.lines()
            .filter(|l| {
                let t: String = l.chars().filter(|c| !c.is_whitespace()).collect();
                !(t.starts_with('—')
                    && t.ends_with('—')
                    && t.trim_matches('—').chars().all(|c| c.is_ascii_digit()))
            })
            .map(|l| l.replace('\u{c}', ""))
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn assert_every_sentence(pdf: &Path, dir: &Path) {
        let txt = dir.join("from-pdf.txt");
        fs::write(&txt, pdf_text(pdf, None, false)).unwrap();
        let reference =
            fs::read_to_string(root().join("tests/reference/taian-2020-report.txt")).unwrap();
        let text = fs::read_to_string(&txt).unwrap();
        let (missing, _) = super::sentences::missing(&reference, &text, false);
        assert!(missing.is_empty(), "the PDF lacks: {missing:#?}");
    }

    fn page_count(pdf: &Path) -> usize {
        let info = run(Command::new(tool("pdfinfo")).arg(pdf));
        assert!(info.contains("(A4)"), "{info}");
        let size = info.lines().find(|l| l.starts_with("Page size:")).unwrap();
        let numbers: Vec<f64> = size
            .split_whitespace()
            .filter_map(|w| w.parse().ok())
            .collect();
        assert!(
            (numbers[0] - 595.28).abs() < 1.5 && (numbers[1] - 841.89).abs() < 1.5,
            "{size}"
        );
        info.lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .unwrap()
            .trim()
            .parse()
            .unwrap()
    }

    /// Builds Taian in one format into a temp folder.
    fn taian_as(format: &str) -> tempfile::TempDir {
        let out = tempfile::tempdir().unwrap();
        report()
            .arg("build")
            .arg(taian())
            .args(["--format", format, "--out"])
            .arg(out.path())
            .assert()
            .success();
        out
    }

    #[test]
    fn the_html_prints_to_the_gbt_9704_page_in_chromium() {
        let out = taian_as("html");
        let html = out.path().join("2020/report.html");
        let pdf = out.path().join("report.pdf");
        let profile = out.path().join("profile");
        run(Command::new(tool("chromium"))
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-pdf-header-footer",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(&html));
        let pages = page_count(&pdf);
        assert!(pages >= 3, "{pages} pages");
        // A full page: 22 lines of 28 characters (±1); a line of Chinese text only is counted, as
        // digits are narrower.
        let (mut most_lines, mut widest) = (0, 0);
        for page in 2..pages {
            let text = pdf_text(&pdf, Some(page), true);
            let lines: Vec<&str> = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            most_lines = most_lines.max(lines.len());
            for l in lines {
                if l.chars().all(|c| !c.is_ascii()) {
                    widest = widest.max(l.chars().count());
                }
            }
        }
        assert!(
            (21..=23).contains(&most_lines),
            "{most_lines} lines on the fullest page"
        );
        assert!(
            (27..=29).contains(&widest),
            "{widest} characters on the widest line"
        );
        assert_every_sentence(&pdf, out.path());
        // Every font is embedded and maps to Unicode: no glyph is missing.
        let fonts = run(Command::new(tool("pdffonts")).arg(&pdf));
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty());
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let n = cols.len();
            assert_eq!(cols[n - 5], "yes", "not embedded: {row}");
            assert_eq!(cols[n - 3], "yes", "no Unicode map: {row}");
        }
        // Page numbers: odd pages on the right, even pages on the left.
        let bbox = run(Command::new(tool("pdftotext"))
            .args(["-bbox", "-f", "1", "-l", "2"])
            .arg(&pdf)
            .arg("-"));
        let mut page = 0;
        let mut seen = 0;
        for line in bbox.lines() {
            if line.contains("<page ") {
                page += 1;
            }
            let is_number = line.contains(&format!(">{page}</word>"));
            if is_number
                && let Some(x) = line
                    .split("xMin=\"")
                    .nth(1)
                    .and_then(|r| r.split('"').next())
                    .and_then(|x| x.parse::<f64>().ok())
            {
                let y: f64 = line
                    .split("yMin=\"")
                    .nth(1)
                    .and_then(|r| r.split('"').next())
                    .and_then(|y| y.parse().ok())
                    .unwrap();
                if y > 740.0 {
                    if page % 2 == 1 {
                        assert!(x > 300.0, "page {page} number at x={x}");
                    } else {
                        assert!(x < 300.0, "page {page} number at x={x}");
                    }
                    seen += 1;
                }
            }
        }
        assert_eq!(seen, 2, "page numbers of pages 1 and 2:\n{bbox}");
    }

    fn docx_part(docx: &Path, part: &str) -> String {
        let mut archive = zip::ZipArchive::new(fs::File::open(docx).unwrap()).unwrap();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut archive.by_name(part).unwrap(), &mut text).unwrap();
        text
    }

    #[test]
    fn the_docx_has_the_page_setup_and_survives_libreoffice() {
        let out = taian_as("docx");
        let docx = out.path().join("2020/report.docx");
        let document = docx_part(&docx, "word/document.xml");
        assert!(
            document.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\" />"),
            "A4"
        );
        assert!(document.contains("w:top=\"2098\""), "37 mm top margin");
        assert!(document.contains("w:left=\"1587\""), "28 mm binding margin");
        assert!(document.contains("w:linePitch=\"579\""), "22 lines");
        let runs = document.matches("<w:r>").count();
        let east_asian = document.matches("w:eastAsia=\"").count();
        assert!(
            runs > 30 && east_asian >= runs,
            "{east_asian} east-Asian fonts for {runs} runs"
        );
        let styles = docx_part(&docx, "word/styles.xml");
        for style in [
            "ReportTitle",
            "Heading1",
            "Heading2",
            "Heading3",
            "Heading4",
            "Body",
        ] {
            assert!(
                styles.contains(&format!("w:styleId=\"{style}\"")),
                "{style}"
            );
        }
        let body = styles.split("w:styleId=\"Body\"").nth(1).unwrap();
        assert!(
            body.contains("w:eastAsia=\"仿宋_GB2312\"") && body.contains("<w:sz w:val=\"32\" />")
        );
        assert!(docx_part(&docx, "word/footer1.xml").contains("PAGE"));
        // Deterministic.
        let again = taian_as("docx");
        assert_eq!(
            fs::read(&docx).unwrap(),
            fs::read(again.path().join("2020/report.docx")).unwrap()
        );
        // LibreOffice opens it, and every sentence survives into its PDF.
        let pdf_dir = out.path().join("pdf");
        run(Command::new(tool("soffice"))
            .arg(format!(
                "-env:UserInstallation=file://{}",
                out.path().join("lo-profile").display()
            ))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(&pdf_dir)
            .arg(&docx));
        let pdf = pdf_dir.join("report.pdf");
        assert!(page_count(&pdf) >= 3);
        assert_every_sentence(&pdf, out.path());
    }
}

/// The sample units check clean and build in every format; the custom-template example's own
/// template is used.
#[test]
fn the_examples_check_clean_and_build_in_every_format() {
    let examples = root().join("examples");
    let output = report()
        .arg("check")
        .arg(&examples)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "",
        "examples have diagnostics"
    );
    let out = tempfile::tempdir().unwrap();
    report()
        .arg("build")
        .arg(&examples)
        .arg("--out")
        .arg(out.path())
        .assert()
        .success();
    let units = [
        "county/2023",
        "justice-bureau/2023",
        "street/2023",
        "custom-template/2023",
    ];
    for unit in units {
        for ext in ["md", "html", "docx"] {
            let file = out.path().join(unit).join(format!("report.{ext}"));
            assert!(file.is_file(), "{}", file.display());
        }
        let md = fs::read_to_string(out.path().join(unit).join("report.md")).unwrap();
        assert!(
            md.contains("样例数据（SAMPLE）"),
            "{unit} is marked as a sample"
        );
    }
    let read = |unit: &str| fs::read_to_string(out.path().join(unit).join("report.md")).unwrap();
    let county = read("county/2023");
    assert!(
        county.contains("办理行政执法案件1860件，其中行政处罚1204件、行政许可598件、行政强制58件")
    );
    assert!(county.contains("一是深化“放管服”改革"));
    assert!(county.contains("法治建设专项经费85.6万元"));
    let bureau = read("justice-bureau/2023");
    assert!(
        bureau.contains(
            "完成合法性审核126件，其中行政规范性文件38件、重大行政决策12件、行政合同76件"
        )
    );
    let street = read("street/2023");
    assert!(street.contains("和平社区（省级）、幸福社区（市级）、东湖社区（市级）"));
    // The county asks for bold （一） headings: a class the print stylesheet acts on.
    let county_html = fs::read_to_string(out.path().join("county/2023/report.html")).unwrap();
    assert!(county_html.contains("<main class=\"report bold-2\">"));
    let custom = read("custom-template/2023");
    assert!(
        custom.contains("一是带头学法") && !custom.contains("（一）带头学法"),
        "{custom}"
    );
}

#[test]
fn summary_rolls_up_every_unit_and_adds_the_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    units_with_consultations(&data, &["15", "7", "0", "31"]);
    // A late unit and a broken one are listed too, not dropped.
    edit(
        &data.join("u3/report.toml"),
        "date = 2021-01-10",
        "date = 2021-04-20",
    );
    fs::create_dir_all(data.join("broken")).unwrap();
    fs::write(data.join("broken/report.toml"), "year = = 1\n").unwrap();
    let out = tmp.path().join("out");
    let md = summary_md(&data, &out);
    assert!(
        md.contains("共 5 个单位：按时 3 个，逾期 1 个，有错误 1 个。"),
        "{md}"
    );
    assert!(
        md.contains("| 普法 | 法律知识咨询活动 | 53场 | 4 |"),
        "{md}"
    );
    assert!(md.contains("| 普法 | 资料 | 4000余册 | 4 |"), "{md}");
    for name in ["第0镇", "第1镇", "第2镇", "第3镇", "broken"] {
        assert!(md.contains(name), "{name} missing:\n{md}");
    }
    assert!(
        md.contains("| 第3镇 | 乡镇 | 2020 | 2021年4月20日 | 逾期 |"),
        "{md}"
    );
    // The totals are the sums of the per-unit rows printed below them.
    let rows: u32 = md
        .lines()
        .filter(|l| l.contains("| 普法 | 法律知识咨询活动 |") && l.starts_with("| 第"))
        .map(|l| {
            l.split('|')
                .nth(4)
                .unwrap()
                .trim()
                .trim_end_matches('场')
                .parse::<u32>()
                .unwrap()
        })
        .sum();
    assert_eq!(rows, 53);
    let html = fs::read_to_string(out.join("summary.html")).unwrap();
    assert!(html.contains("<td class=\"n\">53场</td>"), "{html}");
}

#[test]
fn a_batch_builds_the_good_units_despite_a_bad_one_and_matches_single_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    copy_tree(&taian(), &data.join("a/2020"));
    copy_tree(&fixture("department"), &data.join("b/2023"));
    copy_tree(&taian(), &data.join("c/2020"));
    edit(
        &data.join("c/2020/outreach.toml"),
        "value = 15",
        "value = -15",
    );
    let out = tmp.path().join("out");
    let assert = report()
        .arg("build")
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .args(["-j", "2"])
        .assert()
        .code(1);
    let stderr = stderr_of(&assert);
    assert!(stderr.contains("built 2 report(s), 1 failed"), "{stderr}");
    assert!(!out.join("c/2020/report.md").exists());
    for (unit, source) in [("a/2020", taian()), ("b/2023", fixture("department"))] {
        let (_single, md, html) = build(&source);
        assert_eq!(
            fs::read_to_string(out.join(unit).join("report.md")).unwrap(),
            md,
            "{unit}"
        );
        assert_eq!(
            fs::read_to_string(out.join(unit).join("report.html")).unwrap(),
            html,
            "{unit}"
        );
    }
}

#[test]
fn an_output_folder_that_cannot_be_written_is_an_io_failure() {
    let tmp = tempfile::tempdir().unwrap();
    let blocker = tmp.path().join("out");
    fs::write(&blocker, "a file where the output folder should be").unwrap();
    let assert = report()
        .arg("build")
        .arg(taian())
        .arg("--out")
        .arg(&blocker)
        .assert()
        .code(2);
    let stderr = stderr_of(&assert);
    assert!(stderr.contains("E0006"), "{stderr}");
}
