//! `report import` on reports in the shapes real ones take (`tests/fixtures/import/shapes/`,
//! written for the project in the shapes of published reports, and Word files made here): the
//! front matter by role, nothing invented, every paragraph one paragraph, tables in order —
//! and each, built to DOCX and imported again, gives the same Markdown.

use super::*;

/// What a shape must come out as.
struct Shape {
    file: &'static str,
    /// The title's lines; empty: the text has none (`待补充`).
    title: &'static [&'static str],
    unit: &'static str,
    kind: &'static str,
    year: i64,
    /// The 成文日期; `None`: the text has none (`待补充`).
    date: Option<&'static str>,
    /// The page's publishing date, 索引号 and 发布机构.
    published: Option<(&'static str, Option<&'static str>, Option<&'static str>)>,
    /// Sections at levels 1 and 2.
    sections: [usize; 2],
}

const SHAPES: &[Shape] = &[
    Shape {
        file: "no-title.txt",
        title: &[],
        unit: "青石镇",
        kind: "township",
        year: 2023,
        date: Some("2024-01-12"),
        published: None,
        sections: [4, 6],
    },
    Shape {
        file: "long-title.txt",
        title: &["白沙镇人民政府关于2024年度法治政府建设工作情况的报告"],
        unit: "白沙镇",
        kind: "township",
        year: 2024,
        date: Some("2025-01-15"),
        published: None,
        sections: [4, 2],
    },
    Shape {
        file: "two-line-title.txt",
        title: &["云岭街道办事处", "关于2023年法治政府建设工作情况的报告"],
        unit: "云岭街道",
        kind: "street",
        year: 2023,
        date: Some("2024-01-20"),
        published: None,
        sections: [4, 2],
    },
    Shape {
        file: "web-header-table.md",
        title: &["某某县司法局2023年法治政府建设年度报告"],
        unit: "某某县司法局",
        kind: "department",
        year: 2023,
        date: Some("2024-02-26"),
        published: Some((
            "2024-02-28",
            Some("11510100MB1234567X/2024-00031"),
            Some("某某县司法局"),
        )),
        sections: [4, 2],
    },
    Shape {
        file: "published-time.txt",
        title: &["2023年度某某区法治政府建设情况报告"],
        unit: "某某区",
        kind: "district",
        year: 2023,
        date: Some("2024-03-10"),
        published: Some(("2024-03-14", None, None)),
        sections: [4, 2],
    },
    Shape {
        file: "unit-line.txt",
        title: &["某某县交通运输局", "2023年法治政府建设工作报告"],
        unit: "某某县交通运输局",
        kind: "department",
        year: 2023,
        date: Some("2024-01-30"),
        published: None,
        sections: [4, 2],
    },
    Shape {
        file: "comma-headings.txt",
        title: &["红岩乡人民政府关于2023年法治政府建设工作的报告"],
        unit: "红岩乡",
        kind: "township",
        year: 2023,
        date: Some("2024-01-08"),
        published: None,
        sections: [4, 2],
    },
    Shape {
        file: "stop-headings.txt",
        title: &["某某市人民政府关于2023年法治政府建设情况的报告"],
        unit: "某某市",
        kind: "city",
        year: 2023,
        date: Some("2024-02-05"),
        published: None,
        sections: [4, 2],
    },
    Shape {
        file: "draft.txt",
        title: &["石门镇关于2024年法治政府建设工作的报告"],
        unit: "石门镇",
        kind: "township",
        year: 2024,
        date: None,
        published: None,
        sections: [4, 2],
    },
];

/// Imports a file into `dir`; returns what the import said.
fn import(file: &Path, dir: &Path) -> String {
    let output = report()
        .args(["--lang", "zh", "import"])
        .arg(file)
        .arg("--out")
        .arg(dir)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(output.status.success(), "{}: {said}", file.display());
    said
}

fn table_of(dir: &Path, name: &str) -> toml::Table {
    fs::read_to_string(dir.join(name)).unwrap().parse().unwrap()
}

fn str_of<'a>(table: &'a toml::Table, key: &str) -> &'a str {
    table
        .get(key)
        .and_then(toml::Value::as_str)
        .unwrap_or_default()
}

/// Builds a folder (as a draft: what the text lacks is 待补充) into `out`; returns the
/// Markdown.
fn build(dir: &Path, out: &Path, formats: &str) -> String {
    let output = report()
        .args(["build", "--draft", "--format", formats])
        .arg(dir)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}: {}",
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let md = out.join(dir.file_name().unwrap()).join("report.md");
    fs::read_to_string(md).unwrap_or_default()
}

/// The lines of the report a site's page wraps it in: its header, breadcrumbs and toolbar.
fn furniture(line: &str) -> bool {
    line.starts_with('|')
        || ["发布时间", "首页", "字体", "打印本页"]
            .iter()
            .any(|w| line.contains(w))
}

/// Every line of the source that ends a sentence is one paragraph (or heading) of the built
/// Markdown, whole: none joined to another, none split.
fn paragraphs_kept(source: &str, md: &str) -> usize {
    let built: Vec<String> = md
        .lines()
        .map(|l| l.trim_start_matches('#').trim().to_string())
        .collect();
    let mut kept = 0;
    for line in source.lines().map(str::trim).filter(|l| !furniture(l)) {
        let line = line.trim_start_matches('#').trim();
        if line.ends_with(['。', '：', '；']) {
            assert!(
                built.iter().any(|b| b == line),
                "not a paragraph of its own: {line}\n{md}"
            );
            kept += 1;
        }
    }
    kept
}

fn check_front_matter(shape: &Shape, data: &toml::Table) {
    let title = str_of(data, "title");
    match shape.title {
        [] => assert_eq!(title, "待补充", "{}", shape.file),
        lines => {
            let default = format!("{}关于{}年法治政府建设工作的报告", shape.unit, shape.year);
            let expected = lines.join("\n");
            assert!(
                title == expected || title.is_empty() && expected == default,
                "{}: title {title:?}",
                shape.file
            );
        }
    }
    let unit = data["unit"].as_table().unwrap();
    assert_eq!(str_of(unit, "name"), shape.unit, "{}", shape.file);
    assert_eq!(str_of(unit, "kind"), shape.kind, "{}", shape.file);
    assert_eq!(
        data["year"].as_integer(),
        Some(shape.year),
        "{}",
        shape.file
    );
    match shape.date {
        Some(d) => assert_eq!(data["date"].to_string(), d, "{}", shape.file),
        None => assert_eq!(str_of(data, "date"), "待补充", "{}", shape.file),
    }
    let published = data.get("published").and_then(toml::Value::as_table);
    match (shape.published, published) {
        (None, None) => {}
        (Some((date, index_no, publisher)), Some(p)) => {
            assert_eq!(p["date"].to_string(), date, "{}", shape.file);
            assert_eq!(p.get("index_no").and_then(toml::Value::as_str), index_no);
            assert_eq!(p.get("publisher").and_then(toml::Value::as_str), publisher);
        }
        (want, got) => panic!("{}: published {want:?}, got {got:?}", shape.file),
    }
}

/// Sections at levels 1 and 2 (items moved to problems.toml and plans.toml counted where they
/// went).
fn sections_of(dir: &Path) -> [usize; 2] {
    let data = table_of(dir, "report.toml");
    let roots = data["sections"].as_array().unwrap();
    let children: usize = roots
        .iter()
        .filter_map(|s| s.get("sections").and_then(toml::Value::as_array))
        .map(Vec::len)
        .sum();
    let moved: usize = ["problems", "plans"]
        .iter()
        .filter(|l| dir.join(format!("{l}.toml")).exists())
        .map(|l| {
            table_of(dir, &format!("{l}.toml"))[*l]
                .as_array()
                .unwrap()
                .len()
        })
        .sum();
    [roots.len(), children + moved]
}

/// Each shape: front matter by role, nothing invented, every sentence back, every paragraph one
/// paragraph; then through Word, the same Markdown.
#[test]
fn every_shape_of_report_is_read_by_role() {
    let tmp = tempfile::tempdir().unwrap();
    for (i, shape) in SHAPES.iter().enumerate() {
        let file = root().join("tests/fixtures/import/shapes").join(shape.file);
        let dir = tmp.path().join(format!("{i}/2023"));
        let said = import(&file, &dir);
        let data = table_of(&dir, "report.toml");
        check_front_matter(shape, &data);
        assert_eq!(sections_of(&dir), shape.sections, "{}", shape.file);
        // What is not in the text is said, never filled in.
        if shape.date.is_none() {
            assert!(said.contains("原文没有成文日期"), "{said}");
        }
        let md = build(&dir, &tmp.path().join(format!("{i}-md")), "md,docx");
        let source = fs::read_to_string(&file).unwrap();
        let reference: String = (source.lines())
            .filter(|l| !furniture(l))
            .map(|l| l.trim_start_matches('#').trim_start())
            .collect::<Vec<_>>()
            .join("\n");
        let (mut missing, total) = super::sentences::missing(&reference, &md, false);
        // A date without its day is kept in the data as a note beside the 待补充 date.
        let data_text = fs::read_to_string(dir.join("report.toml")).unwrap();
        missing.retain(|m| !data_text.contains(&format!("原文落款为“{m}”")));
        assert!(missing.is_empty(), "{}: lost {missing:#?}", shape.file);
        let kept = paragraphs_kept(&source, &md);
        eprintln!(
            "{}: {total} sentences back, {kept} paragraphs whole",
            shape.file
        );
        through_word(&dir, &tmp.path().join(format!("{i}-word")), &md);
    }
}

/// The folder built to DOCX, imported and built again gives the same Markdown.
fn through_word(dir: &Path, work: &Path, md: &str) {
    let docx_out = work.join("docx");
    build(dir, &docx_out, "docx");
    let docx = docx_out.join(dir.file_name().unwrap()).join("report.docx");
    let again = work.join("again/2023");
    import(&docx, &again);
    let rebuilt = build(&again, &work.join("md"), "md");
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert_eq!(squeeze(md), squeeze(&rebuilt), "{}", dir.display());
}

/// A Word document made of `body` (WordprocessingML paragraphs and tables) with the built-in
/// heading styles.
fn word_file(path: &Path, body: &str) {
    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"{W}\"><w:body>{body}</w:body></w:document>"
    );
    let style = |id: &str, name: &str, outline: Option<u8>| {
        let level = outline.map_or(String::new(), |o| {
            format!("<w:pPr><w:outlineLvl w:val=\"{o}\"/></w:pPr>")
        });
        format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/>{level}</w:style>"
        )
    };
    let styles = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles xmlns:w=\"{W}\">{}{}{}</w:styles>",
        style("Title", "Title", None),
        style("Heading1", "heading 1", Some(0)),
        style("Heading2", "heading 2", Some(1)),
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in [
        (
            "[Content_Types].xml",
            "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"
                .to_string(),
        ),
        ("word/document.xml", document),
        ("word/styles.xml", styles),
    ] {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut zip, text.as_bytes()).unwrap();
    }
    fs::write(path, zip.finish().unwrap().into_inner()).unwrap();
}

/// A paragraph of `text` in `style` (none: body text); `\n` a Shift+Enter line break.
fn para(style: Option<&str>, text: &str) -> String {
    let props = style.map_or(String::new(), |s| {
        format!("<w:pPr><w:pStyle w:val=\"{s}\"/><w:jc w:val=\"center\"/></w:pPr>")
    });
    let runs: Vec<String> = text
        .split('\n')
        .map(|t| format!("<w:r><w:t xml:space=\"preserve\">{t}</w:t></w:r>"))
        .collect();
    format!("<w:p>{props}{}</w:p>", runs.join("<w:r><w:br/></w:r>"))
}

/// A table of rows of cells.
fn table(rows: &[&[&str]]) -> String {
    let mut out = String::from("<w:tbl>");
    for cells in rows {
        out.push_str("<w:tr>");
        for c in *cells {
            out.push_str("<w:tc>");
            out.push_str(&para(None, c));
            out.push_str("</w:tc>");
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    out
}

/// Word files: headings set by style alone (no numbers typed), a two-line title with
/// Shift+Enter, a table — read by what the layout says, the table's rows kept in order.
#[test]
fn word_files_are_read_by_their_styles() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("styled.docx");
    let body = [
        para(
            Some("Title"),
            "桃源镇人民政府\n关于2023年法治政府建设工作情况的报告",
        ),
        para(
            None,
            "2023年，桃源镇扎实推进法治政府建设。现将有关情况报告如下：",
        ),
        para(Some("Heading1"), "主要举措和成效"),
        para(Some("Heading2"), "加强普法宣传"),
        para(None, "全年普法活动情况如下表。"),
        table(&[
            &["项目", "数量"],
            &["法治讲座", "12场"],
            &["法律咨询", "300人次"],
            &["宣传资料", "5000份"],
        ]),
        para(Some("Heading2"), "规范行政执法"),
        para(None, "开展执法检查26次。"),
        para(Some("Heading1"), "存在的不足和原因"),
        para(None, "执法人员力量不足。"),
        para(
            Some("Heading1"),
            "党政主要负责人履行推进法治建设第一责任人职责情况",
        ),
        para(None, "镇党委书记带头学法。"),
        para(Some("Heading1"), "下一步工作安排"),
        para(None, "继续加强执法队伍建设。"),
        para(None, "桃源镇人民政府"),
        para(None, "2024年1月16日"),
    ]
    .concat();
    word_file(&file, &body);
    let dir = tmp.path().join("unit/2023");
    let said = import(&file, &dir);
    assert!(said.contains("表格 1 个保留为表格"), "{said}");
    let data = table_of(&dir, "report.toml");
    assert_eq!(
        str_of(&data, "title"),
        "桃源镇人民政府\n关于2023年法治政府建设工作情况的报告"
    );
    assert_eq!(str_of(data["unit"].as_table().unwrap(), "name"), "桃源镇");
    assert_eq!(sections_of(&dir), [4, 2]);
    let md = build(&dir, &tmp.path().join("out"), "md");
    for heading in [
        "## 一、主要举措和成效",
        "### （一）加强普法宣传",
        "### （二）规范行政执法",
        "## 四、下一步工作安排",
    ] {
        assert!(md.contains(heading), "{heading}:\n{md}");
    }
    let rows = [
        "| 项目 | 数量 |",
        "| 法治讲座 | 12场 |",
        "| 法律咨询 | 300人次 |",
        "| 宣传资料 | 5000份 |",
    ];
    let at: Vec<usize> = rows
        .iter()
        .map(|r| md.find(r).unwrap_or_else(|| panic!("{r}:\n{md}")))
        .collect();
    assert!(
        at.windows(2).all(|w| w[0] < w[1]),
        "rows out of order:\n{md}"
    );
    through_word(&dir, &tmp.path().join("word"), &md);
}
