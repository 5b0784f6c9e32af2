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
