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
