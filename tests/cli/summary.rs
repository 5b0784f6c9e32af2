//! `report summary`.

use super::*;

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
    // A report whose 成文日期 is still 待补充 is not finished, whatever day it is.
    edit(
        &data.join("u2/report.toml"),
        "date = 2021-01-10",
        "date = \"待补充\"",
    );
    fs::create_dir_all(data.join("broken")).unwrap();
    fs::write(data.join("broken/report.toml"), "year = = 1\n").unwrap();
    let out = tmp.path().join("out");
    let md = summary_md(&data, &out);
    assert!(
        md.contains("共5份报告（5个单位）：已完成2个，逾期1个，有错误2个。"),
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
    assert!(
        md.contains("| 第2镇 | 乡镇 | 2020 | 待补充 | 有错误 |"),
        "{md}"
    );
    assert!(
        md.contains("| 第1镇 | 乡镇 | 2020 | 2021年1月10日 | 已完成 |"),
        "{md}"
    );
    // The totals are the sums of the per-unit rows printed below them.
    let rows: u32 = md
        .lines()
        .filter(|l| l.contains("| 普法 | 法律知识咨询活动 |") && l.starts_with("| 第"))
        .map(|l| {
            l.split('|')
                .nth(5)
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

/// One unit's two years are one unit and two tables of totals, never added together; `--year`
/// keeps one year.
#[test]
fn summary_keeps_years_apart() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    copy_tree(&taian(), &data.join("taian/2020"));
    copy_tree(&taian(), &data.join("taian/2021"));
    let next = data.join("taian/2021");
    edit(&next.join("report.toml"), "year = 2020", "year = 2021");
    edit(
        &next.join("report.toml"),
        "date = 2021-01-10",
        "date = 2022-01-10",
    );
    edit(&next.join("outreach.toml"), "value = 15", "value = 30");
    let out = tmp.path().join("out");
    let md = summary_md(&data, &out);
    assert!(
        md.contains("共2份报告（1个单位，2020、2021共2个年度）"),
        "{md}"
    );
    let year_2020 = md.find("## 2020年度数量合计").expect("a table for 2020");
    let year_2021 = md.find("## 2021年度数量合计").expect("a table for 2021");
    let consultations = |from: usize| {
        md[from..]
            .lines()
            .find(|l| l.starts_with("| 普法 | 法律知识咨询活动 |"))
            .unwrap()
            .to_string()
    };
    assert_eq!(
        consultations(year_2020),
        "| 普法 | 法律知识咨询活动 | 15场 | 1 |"
    );
    assert_eq!(
        consultations(year_2021),
        "| 普法 | 法律知识咨询活动 | 30场 | 1 |"
    );
    assert!(!md.contains("45场"), "{md}");
    report()
        .arg("summary")
        .arg(&data)
        .args(["--year", "2021", "--format", "md", "--out"])
        .arg(&out)
        .assert()
        .success();
    let md = fs::read_to_string(out.join("summary.md")).unwrap();
    assert!(
        md.contains("共1份报告（1个单位）") && !md.contains("2020年度"),
        "{md}"
    );
}

/// The roll-up says each count as the reports say it: 余 and 多 kept in the rows and carried
/// into the totals (多 when every part says 多, 余 when they differ, 约 when a part is near or
/// about), 不足 kept when the other parts are exact, a zero said as the report says it, and the
/// roll-up's own sentence written by the rules.
#[test]
fn summary_keeps_each_counts_wording() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    units_with_consultations(&data, &["150", "70", "9"]);
    let qualified = |unit: &str, value: u32, qualifier: &str| {
        edit(
            &data.join(unit).join("outreach.toml"),
            &format!("value = {value}\n"),
            &format!("value = {value}\nqualifier = \"{qualifier}\"\n"),
        );
    };
    qualified("u0", 150, "more");
    qualified("u1", 70, "more");
    let out = tmp.path().join("out");
    let md = summary_md(&data, &out);
    assert!(
        md.contains("| 第0镇 | 2020 | 普法 | 法律知识咨询活动 | 150多场 |"),
        "{md}"
    );
    assert!(
        md.contains("| 普法 | 法律知识咨询活动 | 229多场 | 3 |"),
        "{md}"
    );
    // The roll-up's own sentence obeys the rules it checks (no space around numbers).
    for line in md.lines().filter(|l| l.starts_with('共')) {
        assert!(report::validate::lint(line).is_empty(), "{line}");
    }
    // A part near its number makes the total about its number.
    qualified("u2", 9, "nearly");
    let md = summary_md(&data, &tmp.path().join("out2"));
    assert!(
        md.contains("| 第2镇 | 2020 | 普法 | 法律知识咨询活动 | 近9场 |"),
        "{md}"
    );
    assert!(
        md.contains("| 普法 | 法律知识咨询活动 | 约229场 | 3 |"),
        "{md}"
    );
}

/// An upper bound beside exact counts stays an upper bound (不足), and a count of 0 with its
/// own sentence is said with it.
#[test]
fn summary_keeps_upper_bounds_and_zero_sentences() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    units_with_consultations(&data, &["10", "5", "0"]);
    edit(
        &data.join("u0").join("outreach.toml"),
        "value = 10\n",
        "value = 10\nqualifier = \"under\"\n",
    );
    edit(
        &data.join("u2").join("outreach.toml"),
        "value = 0\n",
        "value = 0\nzero = \"全年未举办法律知识咨询活动\"\n",
    );
    let md = summary_md(&data, &tmp.path().join("out"));
    assert!(
        md.contains("| 普法 | 法律知识咨询活动 | 不足15场 | 3 |"),
        "{md}"
    );
    assert!(
        md.contains("| 第2镇 | 2020 | 普法 | 法律知识咨询活动 | 全年未举办法律知识咨询活动 |"),
        "{md}"
    );
}

/// A year no report is on is said, not summed into an empty table in silence.
#[test]
fn a_year_with_no_report_is_said() {
    let tmp = tempfile::tempdir().unwrap();
    let out = report()
        .args(["--lang", "zh", "summary", "--year", "2099", "--out"])
        .arg(tmp.path())
        .arg(root().join("examples"))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("所给路径下没有2099年度的报告"), "{said}");
}

/// A unit whose folder was copied beside it (the same name, kind and year twice) is added to
/// the totals twice: the office is told which folders, in its language; years apart are not
/// a repeat.
#[test]
fn summary_names_a_unit_reported_twice_on_one_year() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    copy_tree(&taian(), &data.join("taian/2020"));
    copy_tree(&taian(), &data.join("taian-copy/2020"));
    let run = |lang: &str| {
        let output = report()
            .args(["--lang", lang, "summary"])
            .arg(&data)
            .arg("--out")
            .arg(tmp.path().join("out"))
            .output()
            .unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stderr).unwrap()
    };
    let zh = run("zh");
    assert!(
        zh.contains("警告：太安镇2020年度有2份报告（")
            && zh.contains("taian/2020、")
            && zh.contains("taian-copy/2020"),
        "{zh}"
    );
    assert!(zh.contains("合计中各算了一次：请只留一份"), "{zh}");
    // The pages the office files say it too, whoever reads them later.
    for page in ["summary.md", "summary.html"] {
        let text = std::fs::read_to_string(tmp.path().join("out").join(page)).unwrap();
        assert!(
            text.contains("注意：太安镇2020年度有2份报告（") && text.contains("请只留一份。"),
            "{page}: {text}"
        );
    }
    let en = run("en");
    assert!(
        en.contains("warning: 太安镇 has 2 reports on 2020 (") && en.contains("keep one"),
        "{en}"
    );
    // Another year of the same unit is not a repeat.
    let other = data.join("taian-copy/2020/report.toml");
    edit(&other, "year = 2020", "year = 2021");
    edit(&other, "date = 2021-01-10", "date = 2022-01-10");
    assert!(!run("zh").contains("警告"), "years apart are not a repeat");
    let page = std::fs::read_to_string(tmp.path().join("out/summary.md")).unwrap();
    assert!(!page.contains("注意"), "{page}");
}
