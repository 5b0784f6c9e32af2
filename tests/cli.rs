//! End-to-end tests through the `report` binary, on fixture folders.
//!
//! One integration-test binary (link time); each test copies what it changes into a temp
//! folder so fixtures stay pristine.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

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
        "#### 2\\.加强行政复议",
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
    let out = tempfile::tempdir().unwrap();
    let assert = report()
        .arg("build")
        .arg(&unit)
        .arg("--out")
        .arg(out.path())
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    let line = fs::read_to_string(unit.join("outreach.toml"))
        .unwrap()
        .lines()
        .position(|l| l == "value = = 15")
        .unwrap()
        + 1;
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
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(
        stderr.contains("unknown key `posts.village_service_room.with_lawyr`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `with_lawyer`?"), "{stderr}");
    assert!(stderr.contains("legal_aid.toml:8:1"), "{stderr}");
}

#[test]
fn a_typo_in_text_points_into_the_data_file() {
    let (_tmp, unit) = copy_of(&taian());
    edit(
        &unit.join("report.toml"),
        "举办{{ outreach.counts.consultation }}",
        "举办{{ outreach.counts.consultaton }}",
    );
    let out = tempfile::tempdir().unwrap();
    let assert = report()
        .arg("build")
        .arg(&unit)
        .arg("--out")
        .arg(out.path())
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains("E0302"), "{stderr}");
    let line = fs::read_to_string(unit.join("report.toml"))
        .unwrap()
        .lines()
        .position(|l| l.contains("consultaton"))
        .unwrap()
        + 1;
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
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
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
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains("no report folder"), "{stderr}");
    report()
        .arg("build")
        .arg(tmp.path().join("missing"))
        .assert()
        .code(2);
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
