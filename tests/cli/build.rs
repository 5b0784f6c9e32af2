//! `report build`: outputs, numbering, determinism, batches, templates and last year's folder.

use super::*;

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
    let (before_html, after_html) = (unbroken(&before_html), unbroken(&after_html));
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

/// The sample units check clean and build in every format; the custom-template example's own
/// template is used.
#[test]
fn the_examples_check_clean_and_build_in_every_format() {
    let examples = root().join("examples");
    let output = report()
        .arg("check")
        .arg(&examples)
        .args(["--message-format", "json"])
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
        "district/2023",
        "ministry/2023",
        "township/2023",
        "market-regulation/2023",
    ];
    for unit in units {
        for ext in ["md", "html", "docx"] {
            let file = out.path().join(unit).join(format!("report.{ext}"));
            assert!(file.is_file(), "{}", file.display());
        }
        let md = fs::read_to_string(out.path().join(unit).join("report.md")).unwrap();
        assert!(md.contains("样例数据："), "{unit} is marked as a sample");
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
    // The shapes Taian does not have, one example each.
    let district = read("district/2023");
    assert!(district.contains("### （二）严格规范公正文明执法\n\n3.全面推行行政执法“三项制度”。"));
    let ministry = read("ministry/2023");
    assert!(
        ministry.contains("\n\n规范重大行政决策程序。严格执行") && !ministry.contains("（一）")
    );
    assert!(ministry.contains("部党组书记、部长张某某同志认真履行"));
    let township = read("township/2023");
    assert!(township.contains("### 问题产生的原因\n\n（一）学法制度落实不够到位。"));
    assert!(township.contains("——获评第二批“市级法治政府建设示范乡镇”"));
    assert!(township.contains("## 五、其他需要报告的情况"));
    let market = read("market-regulation/2023");
    assert!(market.contains(
        "其中县级文件12件；执法人员考试参考率和合格率均为100%；全年未发生行政复议被纠错案件。"
    ));
    assert!(market.contains("获评第三批“全省市场监管系统法治建设示范单位”"));
    let custom = read("custom-template/2023");
    assert!(
        custom.contains("一是带头学法") && !custom.contains("（一）带头学法"),
        "{custom}"
    );
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

/// The text of a DOCX's body, its XML tags dropped.
fn docx_text(path: &Path) -> String {
    let file = fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    let mut text = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// The banners and the title come from the one view: the same words in Markdown, HTML and
/// DOCX; a title's `{{ }}` is rendered like every other text.
#[test]
fn banners_and_title_are_the_same_in_every_output() {
    let (_tmp, unit) = copy_of(&taian());
    edit(
        &unit.join("report.toml"),
        "year = 2020\n",
        "year = 2020\ntitle = \"{{ unit.name }}{{ year }}年度法治政府建设情况报告\"\nsample = true\n",
    );
    let out = unit.parent().unwrap().join("out");
    report()
        .arg("build")
        .arg(&unit)
        .arg("--draft")
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let out = out.join("unit");
    let md = fs::read_to_string(out.join("report.md")).unwrap();
    let html = unbroken(&fs::read_to_string(out.join("report.html")).unwrap());
    let docx = docx_text(&out.join("report.docx"));
    assert!(html.contains("<title>【草稿】太安镇2020年度法治政府建设情况报告</title>"));
    let body = &html[html.find("<main").unwrap()..];
    for (name, text) in [("md", md.as_str()), ("html", body), ("docx", &docx)] {
        let [draft, sample, title] = places(
            name,
            text,
            [
                "草稿：本稿含待补充内容",
                "样例数据：本报告由示例数据生成",
                "太安镇2020年度法治政府建设情况报告",
            ],
        );
        assert!(
            draft < sample && sample < title,
            "{name}: banners before the title"
        );
        assert!(!text.contains("{{"), "{name}: braces printed");
    }
}

/// Where each of `needles` is in `text` (a failure names the output and what it lacks).
fn places<const N: usize>(name: &str, text: &str, needles: [&str; N]) -> [usize; N] {
    needles.map(|needle| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{name} lacks {needle:?}:\n{text}"))
    })
}

/// A minimal unit with `report.toml` (and optionally more files) written by the test.
fn unit_with(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let unit = tmp.path().join("2023");
    fs::create_dir_all(&unit).unwrap();
    for (name, text) in files {
        fs::write(unit.join(name), text).unwrap();
    }
    (tmp, unit)
}

/// Builds a unit in every format; returns Markdown, HTML and the DOCX's text.
fn built(unit: &Path) -> (String, String, String) {
    let out = unit.parent().unwrap().join("out");
    let output = report()
        .arg("build")
        .arg(unit)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let dir = out.join(unit.file_name().unwrap());
    (
        fs::read_to_string(dir.join("report.md")).unwrap(),
        unbroken(&fs::read_to_string(dir.join("report.html")).unwrap()),
        docx_text(&dir.join("report.docx")),
    )
}

/// The head of a district's `report.toml`, with `top` (top-level keys) before its tables.
fn head(top: &str) -> String {
    format!(
        "year = 2023\ndate = 2024-01-20\nsigner = \"某某区人民政府\"\n{top}\n[unit]\nname = \"某某区\"\nkind = \"district\"\n"
    )
}

/// Numbering runs on through a part when asked; a section can go without a number (a lead
/// sentence, a sub-heading); points print as 一是……；二是……。; causes given apart print as their
/// own numbered paragraphs, and a `text_after` follows the problems it closes — the same in
/// Markdown, HTML and DOCX.
#[test]
fn numbering_shapes_of_real_reports() {
    let report_toml = head("style = { continuous_levels = [3] }")
        + "
[[sections]]
title = \"主要举措\"
statutory_item = 1
[[sections.sections]]
title = \"甲\"
[[sections.sections.sections]]
title = \"一项\"
text = \"正文一。\"
[[sections.sections.sections]]
title = \"二项\"
text = \"正文二。\"
[[sections.sections]]
title = \"乙\"
points = [\"深化改革\", \"推进执法。\"]
[[sections.sections.sections]]
title = \"三项\"
text = \"正文三。\"
[[sections.sections]]
title = \"规范重大行政决策程序\"
numbered = false
text = \"严格执行程序。\"
[[sections.sections]]
title = \"丙\"

[[sections]]
title = \"存在的不足和原因\"
block = \"problems\"
text_after = \"以上问题，我们将认真加以解决。\"
[[sections.sections]]
title = \"问题产生的原因\"
numbered = false
heading = \"standalone\"
block = \"causes\"

[[sections]]
title = \"第一责任人\"
block = \"duties\"
[[sections]]
title = \"下一年度安排\"
block = \"plans\"
";
    let (_tmp, unit) = unit_with(&[
        ("report.toml", &report_toml),
        (
            "problems.toml",
            "[[problems]]\ntitle = \"法治意识有待加强\"\ntext = \"部分干部学法不够。\"\n\n[[causes]]\ntitle = \"思想认识不到位\"\ntext = \"重视不够。\"\n",
        ),
        ("leadership.toml", "[[duties]]\ntext = \"带头学法。\"\n"),
        ("plans.toml", "[[plans]]\ntitle = \"加强学习\"\n"),
    ]);
    let (md, html, docx) = built(&unit);
    for (name, text) in [
        ("md", md.as_str()),
        ("html", html.as_str()),
        ("docx", docx.as_str()),
    ] {
        let at = |needle: &str| {
            text.find(needle)
                .unwrap_or_else(|| panic!("{name} lacks {needle:?}:\n{text}"))
        };
        // 1. 2. under （一）, then 3. under （二）: numbers run on through the part.
        assert!(
            at("1.一项。") < at("2.二项。") && at("2.二项。") < at("3.三项。"),
            "{name}"
        );
        assert!(at("（二）乙") < at("3.三项。"), "{name}");
        // A lead sentence without a number; the next numbered sibling is （三）.
        assert!(!text.contains("（三）规范重大行政决策程序"), "{name}");
        at("规范重大行政决策程序。");
        at("（三）丙");
        // Points.
        at("一是深化改革；二是推进执法。");
        // Problems, then the unnumbered heading and the causes, then the closing text.
        let problem = at("（一）法治意识有待加强。");
        let causes = at("问题产生的原因");
        let cause = at("（一）思想认识不到位。");
        let after = at("以上问题，我们将认真加以解决。");
        assert!(
            problem < causes && causes < cause && cause < after,
            "{name}"
        );
        assert!(!text.contains("（二）问题产生的原因"), "{name}");
    }
}

/// The front of real reports: a title in two lines set in the data, the report's own 发文字号
/// under it, highlights after the intro — in every output.
#[test]
fn front_matter_of_real_reports() {
    let report_toml = head(
        "title = \"某某区人民政府\\n关于2023年度法治政府建设情况的报告\"
doc_no = \"某府文〔2024〕3号\"
intro = \"现将有关情况报告如下：\"
highlights = [\"获评全省法治政府建设示范区\", \"——行政复议纠错率下降5个百分点\"]
published = { date = 2024-03-20, index_no = \"11500000-2024-00012\", publisher = \"某某区人民政府办公室\" }",
    ) + "
[[sections]]
title = \"主要举措\"
statutory_item = 1
text = \"正文。\"
[[sections]]
title = \"不足\"
statutory_item = 2
text = \"不足。\"
[[sections]]
title = \"第一责任人\"
statutory_item = 3
text = \"履职。\"
[[sections]]
title = \"安排\"
statutory_item = 4
text = \"安排。\"
";
    let (_tmp, unit) = unit_with(&[("report.toml", &report_toml)]);
    let (md, html, docx) = built(&unit);
    assert!(
        md.starts_with(
            "# 某某区人民政府关于2023年度法治政府建设情况的报告\n\n某府文〔2024〕3号\n\n"
        ),
        "{md}"
    );
    assert!(html.contains("<h1 class=\"title\">某某区人民政府<br>关于2023年度法治政府建设情况的报告</h1>\n<p class=\"doc-no\">某府文〔2024〕3号</p>"), "{html}");
    assert!(
        docx.contains("某某区人民政府关于2023年度法治政府建设情况的报告某府文〔2024〕3号"),
        "{docx}"
    );
    for (name, text) in [
        ("md", md.as_str()),
        ("html", html.as_str()),
        ("docx", docx.as_str()),
    ] {
        let [intro, first, second, part] = places(
            name,
            text,
            [
                "现将有关情况报告如下：",
                "——获评全省法治政府建设示范区",
                "——行政复议纠错率下降5个百分点",
                "一、主要举措",
            ],
        );
        assert!(intro < first && first < second && second < part, "{name}");
        assert!(!text.contains("————"), "{name}: a dash doubled");
    }
    let xml = {
        let file = fs::File::open(unit.parent().unwrap().join("out/2023/report.docx")).unwrap();
        let mut zip = zip::ZipArchive::new(file).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
            .unwrap();
        xml
    };
    assert!(
        xml.contains("某某区人民政府</w:t></w:r><w:r>") || xml.contains("<w:br"),
        "the title's line break is in the DOCX"
    );
}

/// Numbers as real reports word them: 其中 subsets, a rate shared by two names, 以上, a zero
/// said as what did not happen, money per year — in every output.
#[test]
fn numbers_with_their_wording() {
    let (_tmp, unit) = corpus_unit(Some("ok-qualified-numbers"));
    let (md, html, docx) = built(&unit);
    let sentence = "审查规范性文件40件，其中县级文件12件；考试参考率和合格率均为100%；按期办结率95%以上；全年未发生行政复议被纠错案件；法律顾问费8万元/年。";
    for (name, text) in [("md", &md), ("html", &html), ("docx", &docx)] {
        assert!(text.contains(sentence), "{name}:\n{text}");
    }
}

/// People and documents as real reports name them: the first responsible person with post and
/// 同志, a committee with two heads leading together, documents cited with 、 or one by id.
#[test]
fn people_and_citations() {
    let report_toml = head(
        "intro = \"认真落实{{ documents | cite(join=\\\"、\\\") }}，特别是{{ document.plan | cite }}。\"",
    ) + "
[[documents]]
id = \"plan\"
title = \"法治政府建设实施纲要\"
doc_no = \"某发〔2021〕1号\"
[[documents]]
title = \"工作要点\"
doc_no = \"某府办发〔2023〕2号\"

[[sections]]
title = \"主要举措\"
statutory_item = 1
block = \"leading_group\"
[[sections]]
title = \"不足\"
statutory_item = 2
text = \"不足。\"
[[sections]]
title = \"第一责任人\"
statutory_item = 3
text = \"{{ first_responsible }}认真履行第一责任人职责。\"
[[sections]]
title = \"安排\"
statutory_item = 4
text = \"安排。\"
";
    let leadership = "first_responsible = [{ post = \"区委书记\", name = \"张某某\" }, { post = \"区长\", name = \"李某某\" }]

[leading_group]
name = \"区委全面依法治区委员会\"
kind = \"committee\"
joint_leaders = true
leaders = [\"区委书记\", \"区长\"]
deputy_leaders = [\"区委副书记\"]
members = [\"各部门主要负责人\"]
";
    let (_tmp, unit) = unit_with(&[
        ("report.toml", &report_toml),
        ("leadership.toml", leadership),
    ]);
    let (md, html, docx) = built(&unit);
    for (name, text) in [("md", &md), ("html", &html), ("docx", &docx)] {
        for needle in [
            "认真落实《法治政府建设实施纲要》（某发〔2021〕1号）、《工作要点》（某府办发〔2023〕2号），特别是《法治政府建设实施纲要》（某发〔2021〕1号）。",
            "成立以区委书记、区长为双主任，区委副书记为副主任，各部门主要负责人为委员的区委全面依法治区委员会。",
            "区委书记张某某同志和区长李某某同志认真履行第一责任人职责。",
        ] {
            assert!(text.contains(needle), "{name} lacks {needle}:\n{text}");
        }
    }
}

/// A dated event printed with its day, and posts given without a number.
#[test]
fn events_and_posts_without_a_number() {
    let (_tmp, unit) = corpus_unit(Some("ok-events-and-posts"));
    let (md, html, docx) = built(&unit);
    for (name, text) in [("md", &md), ("html", &html), ("docx", &docx)] {
        for needle in [
            "3月15日印发《某某镇法治政府建设实施方案》。",
            "全部配齐律师，各村（社区）均设有法律顾问。",
        ] {
            assert!(text.contains(needle), "{name} lacks {needle}:\n{text}");
        }
    }
}

/// The output files under `out` with when each was last written.
fn written_at(out: &Path) -> std::collections::BTreeMap<PathBuf, std::time::SystemTime> {
    let mut found = std::collections::BTreeMap::new();
    let mut stack = vec![out.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_dir() {
                stack.push(entry.path());
            } else {
                found.insert(entry.path(), entry.metadata().unwrap().modified().unwrap());
            }
        }
    }
    found
}

/// Which units a build wrote, by the output files whose time moved.
fn rebuilt(
    before: &std::collections::BTreeMap<PathBuf, std::time::SystemTime>,
    out: &Path,
) -> Vec<String> {
    let mut units: Vec<String> = written_at(out)
        .into_iter()
        .filter(|(path, at)| before.get(path) != Some(at))
        .map(|(path, _)| {
            let unit = path.parent().unwrap().strip_prefix(out).unwrap();
            unit.to_string_lossy().into_owned()
        })
        .collect();
    units.dedup();
    units
}

/// An unchanged unit is not built again: a second build touches no output; a change to one
/// data file rebuilds that unit, a template every unit below it, a new binary everything;
/// `--force` rebuilds all, and an output changed by hand is rebuilt.
#[expect(
    clippy::too_many_lines,
    reason = "one scenario in steps, each building on the outputs of the one before"
)]
#[test]
fn unchanged_units_are_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let tree = tmp.path().join("units");
    copy_tree(&taian(), &tree.join("taian/2020"));
    copy_tree(
        &root().join("examples/district/2023"),
        &tree.join("district/2023"),
    );
    let out = tmp.path().join("out");
    let build = |bin: &Path, extra: &[&str]| {
        let output = std::process::Command::new(bin)
            .arg("build")
            .arg(&tree)
            .arg("--out")
            .arg(&out)
            .args(extra)
            .env("LC_ALL", "C")
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stderr).unwrap()
    };
    let bin = PathBuf::from(assert_cmd::cargo::cargo_bin!("report"));
    build(&bin, &[]);
    // Times move in steps the file system can see.
    let settle = || std::thread::sleep(std::time::Duration::from_millis(20));
    let before = written_at(&out);
    assert!(before.len() >= 8, "{before:?}");
    settle();
    let said = build(&bin, &[]);
    assert!(said.contains("2 unchanged (not rebuilt)"), "{said}");
    assert_eq!(
        rebuilt(&before, &out),
        Vec::<String>::new(),
        "nothing touched"
    );

    // One data file of one unit.
    let study = tree.join("taian/2020/study.toml");
    let text = fs::read_to_string(&study).unwrap();
    fs::write(
        &study,
        text.replace("title = \"宪法\"", "title = \"中华人民共和国宪法\""),
    )
    .unwrap();
    let before = written_at(&out);
    settle();
    build(&bin, &[]);
    assert_eq!(rebuilt(&before, &out), ["taian/2020"]);
    let md = fs::read_to_string(out.join("taian/2020/report.md")).unwrap();
    assert!(
        md.contains("《中华人民共和国宪法》"),
        "the change is in the report"
    );

    // A template above both units.
    fs::create_dir_all(tree.join("templates")).unwrap();
    let css = fs::read_to_string(root().join("templates/style.css")).unwrap();
    fs::write(
        tree.join("templates/style.css"),
        format!("{css}\n/* local */\n"),
    )
    .unwrap();
    let before = written_at(&out);
    settle();
    build(&bin, &[]);
    assert_eq!(rebuilt(&before, &out), ["district/2023", "taian/2020"]);

    // Another build of the program.
    let other = tmp.path().join("report-next");
    let mut bytes = fs::read(&bin).unwrap();
    bytes.push(0);
    fs::write(&other, bytes).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        fs::set_permissions(&other, fs::Permissions::from_mode(0o755)).unwrap();
    }
    let before = written_at(&out);
    settle();
    build(&other, &[]);
    assert_eq!(rebuilt(&before, &out), ["district/2023", "taian/2020"]);

    // --force, and an output changed by hand.
    let before = written_at(&out);
    settle();
    build(&bin, &["--force"]);
    assert_eq!(rebuilt(&before, &out), ["district/2023", "taian/2020"]);
    fs::write(out.join("district/2023/report.md"), "edited by hand").unwrap();
    let before = written_at(&out);
    settle();
    build(&bin, &[]);
    assert_eq!(rebuilt(&before, &out), ["district/2023"]);
    assert_ne!(
        fs::read_to_string(out.join("district/2023/report.md")).unwrap(),
        "edited by hand"
    );
}

/// A lead sentence ending in ： runs into its text (`强化经费保障：我镇……`), numbered or not,
/// in every output; above a list it stands on its own line.
#[test]
fn a_colon_lead_runs_into_its_sentence() {
    let (_tmp, unit) = copy_of(&taian());
    edit(
        &unit.join("report.toml"),
        "title = \"强化经费保障\"",
        "title = \"强化经费保障：\"",
    );
    edit(
        &unit.join("report.toml"),
        "title = \"强化法治示范创建工作\"",
        "title = \"强化法治示范创建工作：\"\nnumbered = false\nheading = \"run_in\"",
    );
    let (_out, md, html) = build(&unit);
    assert!(md.contains("3.强化经费保障：我镇把法治建设经费"), "{md}");
    assert!(md.contains("\n强化法治示范创建工作：我镇坚持"), "{md}");
    assert!(
        html.contains("强化经费保障：</span>我镇把法治建设经费"),
        "{html}"
    );
    // The duties under their lead stay a list of their own.
    assert!(md.contains("第一责任人职责：\n\n（1）"), "{md}");
}

/// One way to name a count in a text: `statistics.counts.x` as `outreach.counts.x` (and
/// `counts.x`, the short name); a list's items by their index (`first_responsible[0].name`).
#[test]
fn counts_and_people_are_named_one_way() {
    let (_tmp, unit) = copy_of(&root().join("examples/market-regulation/2023"));
    let report_toml = unit.join("report.toml");
    let text = fs::read_to_string(&report_toml).unwrap();
    let (head, rest) = text.split_once("\nintro = \"\"\"\n").unwrap();
    let statistics = fs::read_to_string(unit.join("statistics.toml")).unwrap();
    let id = statistics
        .lines()
        .find_map(|l| l.strip_prefix("[counts.")?.strip_suffix(']'))
        .unwrap()
        .to_string();
    fs::write(
        &report_toml,
        format!(
            "{head}\nintro = \"\"\"\n{{{{ first_responsible[0].name }}}}同志；{{{{ statistics.counts.{id} }}}}、{{{{ counts.{id} }}}}。\n\n{rest}"
        ),
    )
    .unwrap();
    let (_out, md, _html) = build(&unit);
    assert!(md.contains("王某某同志；"), "{md}");
    let both = md.lines().find(|l| l.starts_with("王某某同志；")).unwrap();
    let (a, b) = both
        .trim_start_matches("王某某同志；")
        .split_once('、')
        .unwrap();
    assert_eq!(a, b.split('。').next().unwrap(), "{both}");
}

/// A run-in heading above a table or a quotation cannot run into it: it is a paragraph of its
/// own in Markdown and HTML alike, and the table stays a table.
#[test]
fn a_lead_above_a_table_stands_alone_in_every_format() {
    let (_tmp, unit) = copy_of(&taian());
    let mut text = fs::read_to_string(unit.join("report.toml")).unwrap();
    text.push_str(
        "\n[[sections.sections]]\ntitle = \"执法数据如下：\"\nheading = \"run_in\"\n\
         text = \"| 项目 | 数量 |\\n|---|---|\\n| 检查 | 12 |\"\n\n\
         [[sections.sections]]\ntitle = \"上级要求\"\nheading = \"run_in\"\ntext = \"> 严格规范公正文明执法。\"\n",
    );
    fs::write(unit.join("report.toml"), text).unwrap();
    let (_out, md, html) = build(&unit);
    assert!(md.contains("执法数据如下：\n\n| 项目 | 数量 |"), "{md}");
    assert!(
        md.contains("上级要求。\n\n> 严格规范公正文明执法。"),
        "{md}"
    );
    let table = html.find("<table>").expect("a table in the HTML");
    let lead = html.find("执法数据如下：").unwrap();
    assert!(lead < table && html[lead..table].contains("</p>"), "{html}");
    assert!(html.contains("<blockquote>"), "{html}");
}

/// A unit not built only for what is still 待补充 says the way on: fill it in, or --draft;
/// under --deny-warnings, a unit stopped by warnings alone says so.
#[test]
fn a_unit_not_built_says_why_when_it_is_not_plain() {
    let tmp = tempfile::tempdir().unwrap();
    let unit = tmp.path().join("u/2025");
    report().arg("init").arg(&unit).assert().success();
    let out = report()
        .args(["--lang", "zh", "build", "-q", "--out"])
        .arg(tmp.path().join("out"))
        .arg(&unit)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("或加 --draft 生成草稿"), "{stderr}");

    let (_tmp, warned) = copy_of(&taian());
    edit(
        &warned.join("report.toml"),
        "year = 2020",
        "year = 2020\n# x",
    );
    let text = fs::read_to_string(warned.join("outreach.toml")).unwrap();
    let (before, after) = text.split_once("value = 15").expect("a count of 15");
    fs::write(
        warned.join("outreach.toml"),
        format!("{before}value = 15\nqualifier = \"over\"{after}"),
    )
    .unwrap();
    let out = report()
        .args(["build", "-q", "--deny-warnings", "--out"])
        .arg(tmp.path().join("out2"))
        .arg(&warned)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("W0509"), "{stderr}");
    assert!(
        stderr.contains("--deny-warnings: warnings stop the build too"),
        "{stderr}"
    );
}
