//! `report diff` and its git textconv.

use super::*;

#[test]
fn diff_speaks_in_report_terms() {
    let (_tmp, unit) = copy_of(&taian());
    let same = report()
        .arg("diff")
        .arg(taian())
        .arg(&unit)
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&same.get_output().stdout).contains("无变化。"));
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

/// A duty edited by one character is a change with its words' diff, not a removal and an
/// addition; the year is not a quantity; dates read as the report prints them; a post's count
/// keeps its measure word; a rate changes by percentage points; a count not filled in yet is
/// `待补充`, not `待补充场`.
#[test]
fn diff_reads_like_the_report() {
    let (_tmp, unit) = copy_of(&taian());
    edit(
        &unit.join("leadership.toml"),
        "用心履职尽责，强力推动",
        "用心履职尽责，大力推动",
    );
    edit(&unit.join("report.toml"), "year = 2020", "year = 2021");
    edit(
        &unit.join("report.toml"),
        "date = 2021-01-10",
        "date = 2022-01-12",
    );
    edit(
        &unit.join("outreach.toml"),
        "value = 15",
        "value = \"待补充\"",
    );
    let legal_aid = fs::read_to_string(unit.join("legal_aid.toml")).unwrap();
    fs::write(
        unit.join("legal_aid.toml"),
        legal_aid.replacen("count = 13", "count = 99", 1),
    )
    .unwrap();
    let output = report()
        .arg("diff")
        .arg(taian())
        .arg(&unit)
        .output()
        .unwrap();
    let md = String::from_utf8(output.stdout).unwrap();
    assert!(md.contains("- 报告年度：2020 → 2021\n"), "{md}");
    assert!(
        md.contains("- 成文日期：2021年1月10日 → 2022年1月12日\n"),
        "{md}"
    );
    assert!(md.contains("[-强-]{+大+}力推动"), "{md}");
    assert!(
        !md.contains("删除 第一责任人职责") && !md.contains("新增 第一责任人职责"),
        "{md}"
    );
    assert!(md.contains("15场 → 待补充\n"), "{md}");
    assert!(md.contains("个 → 99个（"), "{md}");
}

/// A folder without report.toml is no report to compare: said, not read as an empty one.
#[test]
fn a_folder_that_is_no_report_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let out = report()
        .args(["--lang", "zh", "diff"])
        .arg(tmp.path())
        .arg(taian())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("不是报告文件夹（没有 report.toml）"),
        "{said}"
    );
}

/// `diff REV:PATH` says in the user's words what a clerk meets: no repository here, no such
/// revision, no report at that path, no such folder — not git's English.
#[test]
fn a_revision_that_cannot_be_read_is_said_in_chinese() {
    if !super::tools_present(
        "a_revision_that_cannot_be_read_is_said_in_chinese",
        &["git"],
    ) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let said = |dir: &Path, old: &str| {
        let out = report()
            .current_dir(dir)
            .args(["--lang", "zh", "diff", old])
            .arg(taian())
            .env("LC_ALL", "C")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{old}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    assert!(said(tmp.path(), "HEAD:x").contains("当前文件夹不在 git 仓库中"));
    assert!(said(tmp.path(), "nosuch").contains("nosuch 不存在"));
    let repo = tmp.path().join("repo");
    fs::create_dir(&repo).unwrap();
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .current_dir(&repo)
            .args(["-c", "user.name=t", "-c", "user.email=t@t"])
            .args(args)
            .output()
            .unwrap()
    };
    git(&["init", "-q"]);
    fs::write(repo.join("a.txt"), "a").unwrap();
    git(&["add", "a.txt"]);
    git(&["commit", "-q", "-m", "a"]);
    let no_rev = said(&repo, "nosuchrev:x");
    assert!(no_rev.contains("git 中找不到版本“nosuchrev”"), "{no_rev}");
    let no_report = said(&repo, "HEAD:x");
    assert!(
        no_report.contains("该版本中没有 report.toml"),
        "{no_report}"
    );
    for text in [no_rev, no_report] {
        assert!(!text.contains("fatal:"), "{text}");
    }
}
