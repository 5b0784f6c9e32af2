//! The tool's own words obey its own rules: every text `report` writes into a report — the
//! blocks' wording, the filters, the sign-off, the banners — goes through the same prose rules
//! as the clerk's text, and finds nothing of its own making.
//!
//! The oracle: the built Markdown is linted line by line; a finding whose surroundings (the
//! marked characters with two on each side) occur in no text of the data is of `report`'s
//! making. Findings in the clerk's own words are the clerk's to mend (`report check` lists
//! them) and are not counted here.

use super::*;
use report::codes::Code;

/// Every string in a data file, as parsed.
fn strings(value: &toml::Value, out: &mut Vec<String>) {
    match value {
        toml::Value::String(s) => out.push(s.clone()),
        toml::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        toml::Value::Table(t) => t.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// The texts of a unit's data.
fn data_texts(unit: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in fs::read_dir(unit).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml")
            && let Ok(value) = fs::read_to_string(&path).unwrap().parse::<toml::Value>()
        {
            strings(&value, &mut out);
        }
    }
    out
}

/// The findings in `md` that no text of the data accounts for: (code, the line around them).
fn own_findings(md: &str, data: &[String]) -> Vec<(String, String)> {
    let mut own = Vec::new();
    for line in md.lines() {
        // Markdown's own marks are not prose: headings' #, list bullets, table bars, quotes.
        let text = line.trim_start_matches(['#', '>', '-', '*', ' ']);
        if text.starts_with('|') || text.is_empty() {
            continue;
        }
        // Numbering (一、 1.) is the tool's to write (E0703 is about numbers typed into data),
        // and a draft's banner names the 待补充 it holds.
        let judged = report::validate::lint(text)
            .into_iter()
            .filter(|f| !matches!(f.code, Code::E0703 | Code::E0712));
        for f in judged {
            let mut start = f.range.start;
            let mut end = f.range.end;
            for _ in 0..2 {
                if let Some(c) = text[..start].chars().next_back() {
                    start -= c.len_utf8();
                }
                if let Some(c) = text[end..].chars().next() {
                    end += c.len_utf8();
                }
            }
            let around = &text[start..end];
            if !data.iter().any(|t| t.contains(around)) {
                own.push((f.code.as_str().to_string(), text.to_string()));
            }
        }
    }
    own
}

fn assert_own_words_clean(unit: &Path) {
    let out = tempfile::tempdir().unwrap();
    report()
        .arg("build")
        .arg(unit)
        .args(["--format", "md", "--draft", "-q", "--out"])
        .arg(out.path())
        .assert()
        .code(predicates::ord::le(1));
    let name = unit.file_name().unwrap();
    let Ok(md) = fs::read_to_string(out.path().join(name).join("report.md")) else {
        return;
    };
    let own = own_findings(&md, &data_texts(unit));
    assert!(own.is_empty(), "{}: {own:#?}", unit.display());
}

#[test]
fn the_tools_own_words_pass_its_rules() {
    let mut units = vec![taian()];
    for example in fs::read_dir(root().join("examples")).unwrap() {
        let example = example.unwrap().path();
        if let Ok(years) = fs::read_dir(&example) {
            units.extend(
                years
                    .flatten()
                    .map(|y| y.path())
                    .filter(|p| p.join("report.toml").is_file()),
            );
        }
    }
    assert!(units.len() > 8, "the examples were found");
    for unit in &units {
        assert_own_words_clean(unit);
    }
}

/// Generated units (the benchmark's generator: names, counts and list lengths varied).
#[test]
fn the_tools_own_words_pass_its_rules_on_generated_units() {
    if std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: python3 is not installed");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let made = std::process::Command::new("python3")
        .arg(root().join("bench/generate.py"))
        .arg("40")
        .arg(&data)
        .output()
        .unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let mut units = Vec::new();
    for unit in fs::read_dir(&data).unwrap().flatten() {
        for year in fs::read_dir(unit.path()).unwrap().flatten() {
            units.push(year.path());
        }
    }
    assert!(units.len() >= 40, "{} units", units.len());
    for unit in units.iter().take(40) {
        assert_own_words_clean(unit);
    }
}

/// The oracle itself: a sentence `report` would write with a 顿号 between titles is caught.
#[test]
fn the_oracle_catches_a_wrong_generated_sentence() {
    let data = vec!["甲".to_string(), "乙".to_string()];
    let own = own_findings("认真落实《甲》、《乙》文件精神。", &data);
    assert_eq!(own.len(), 1, "{own:?}");
    assert!(own_findings("认真落实《甲》《乙》文件精神。", &data).is_empty());
}

/// The shapes the wording once got wrong: `cite(join="、")` between titles with no 文号
/// (`》、《`), and an award list (`“甲”、“乙”`).
#[test]
fn citations_and_award_lists_are_written_by_the_rules() {
    let (_tmp, unit) = copy_of(&taian());
    let report_toml = unit.join("report.toml");
    let text = fs::read_to_string(&report_toml).unwrap();
    let text = text
        .replace("doc_no = \"潼委法〔2020〕2号\"\n", "")
        .replace("doc_no = \"潼南府办发〔2020〕57号\"\n", "")
        .replacen(
            "认真落实{{ documents | cite }}",
            "荣获{{ lists.awards }}，认真落实{{ documents | cite(join=\"、\") }}",
            1,
        );
    fs::write(&report_toml, text).unwrap();
    fs::write(
        unit.join("lists.toml"),
        "[lists.awards]\nname = \"荣誉\"\nkind = \"award\"\n\n[[lists.awards.items]]\ntitle = \"法治示范镇\"\n\n[[lists.awards.items]]\ntitle = \"平安乡镇\"\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    report()
        .arg("build")
        .arg(&unit)
        .args(["--format", "md", "-q", "--out"])
        .arg(out.path())
        .assert()
        .success();
    let md = fs::read_to_string(out.path().join("unit/report.md")).unwrap();
    assert!(md.contains("》《"), "{md}");
    assert!(md.contains("“法治示范镇”“平安乡镇”"), "{md}");
    let own = own_findings(&md, &data_texts(&unit));
    assert!(own.is_empty(), "{own:#?}");
}

/// The wordings an outside review found breaking the rules: campaigns and awards given with
/// their quotation marks, a zero sentence after a verb, a rate given the default verb, a
/// zero part under 其中, points ending in ！, 以上 after a period. Each is written by the
/// rules and says what the data says.
#[test]
fn wordings_once_wrong_are_written_by_the_rules() {
    let (_tmp, unit) = copy_of(&taian());
    let outreach = fs::read_to_string(unit.join("outreach.toml")).unwrap();
    let campaigns = outreach
        .lines()
        .find(|l| l.starts_with("campaigns"))
        .unwrap();
    let outreach = outreach.replace(campaigns, "campaigns = [\"“进机关”\", \"进乡村\"]")
        + "\n[counts.training]\nname = \"培训\"\nverb = \"组织\"\nvalue = 0\nunit = \"场\"\nzero = \"全年未组织培训\"\n\n\
        [counts.rate]\nname = \"知晓率\"\nvalue = 95\nunit = \"%\"\nqualifier = \"at_least\"\n\n\
        [counts.books]\nname = \"图书\"\nverb = \"配送\"\nvalue = 1000\nunit = \"册\"\nper = \"年\"\nqualifier = \"at_least\"\n";
    fs::write(unit.join("outreach.toml"), outreach).unwrap();
    let statistics = "[counts.cases]\nname = \"行政案件\"\nverb = \"办理\"\nvalue = 12\nunit = \"件\"\nparts = [\"won\", \"lost\"]\n\n\
        [counts.won]\nname = \"胜诉案件\"\nvalue = 12\nunit = \"件\"\n\n\
        [counts.lost]\nname = \"败诉案件\"\nvalue = 0\nunit = \"件\"\nzero = \"未发生败诉案件\"\n";
    fs::write(unit.join("statistics.toml"), statistics).unwrap();
    fs::write(
        unit.join("lists.toml"),
        "[lists.awards]\nname = \"荣誉\"\nkind = \"award\"\n\n[[lists.awards.items]]\ntitle = \"“七五”普法先进单位\"\n",
    )
    .unwrap();
    let mut text = fs::read_to_string(unit.join("report.toml")).unwrap();
    text.push_str(
        "\n[[sections.sections]]\ntitle = \"普法宣传\"\nblock = \"outreach\"\n\n\
         [[sections.sections]]\ntitle = \"案件办理\"\ntext = \"荣获{{ lists.awards }}。\"\nblock = \"statistics\"\npoints = [\"还要努力吗？\", \"必须努力！\"]\n",
    );
    fs::write(unit.join("report.toml"), text).unwrap();
    let out = tempfile::tempdir().unwrap();
    report()
        .arg("build")
        .arg(&unit)
        .args(["--format", "md", "-q", "--out"])
        .arg(out.path())
        .assert()
        .code(predicates::ord::le(1));
    let md = fs::read_to_string(out.path().join("unit/report.md")).unwrap();
    for said in [
        "深入开展普法“进机关、进乡村”活动。",
        "全年未组织培训，知晓率95%以上，配送图书每年1000册以上。",
        "办理行政案件12件，其中胜诉案件12件，未发生败诉案件。",
        "荣获“‘七五’普法先进单位”。",
        "一是还要努力吗；二是必须努力！",
    ] {
        assert!(md.contains(said), "{said} not in:\n{md}");
    }
    let own = own_findings(&md, &data_texts(&unit));
    assert!(own.is_empty(), "{own:#?}");
}
