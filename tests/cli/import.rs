//! `report import`: last year's report back as data.

use super::*;

/// Imports `file` into `out` and builds it; returns the Markdown.
fn import_and_build(file: &Path, out: &Path) -> String {
    report()
        .arg("import")
        .arg(file)
        .arg("--out")
        .arg(out.join("unit/2020"))
        .assert()
        .success();
    // The text has no 署名: the import leaves it 待补充 (never made up), and the clerk fills
    // it in.
    let report_toml = out.join("unit/2020/report.toml");
    let text = fs::read_to_string(&report_toml).unwrap();
    assert!(text.contains("signer = \"待补充\""), "{text}");
    fs::write(
        &report_toml,
        text.replace("signer = \"待补充\"", "signer = \"太安镇人民政府\""),
    )
    .unwrap();
    // What the import kept as it was (half-width commas, spaces, 6.26) check lists as warnings,
    // and --fix mends; then it builds.
    let check = report()
        .arg("check")
        .arg(out.join("unit/2020"))
        .output()
        .unwrap();
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    report()
        .args(["check", "--fix"])
        .arg(out.join("unit/2020"))
        .assert()
        .success();
    report()
        .arg("build")
        .arg(out.join("unit/2020"))
        .arg("--out")
        .arg(out.join("built"))
        .assert()
        .success();
    fs::read_to_string(out.join("built/2020/report.md")).unwrap()
}

/// The published Taian text, imported and built, gives back every sentence, with its outline:
/// three parts, the （一） sections and the 1. items, the 成文日期 as data.
#[test]
fn the_taian_text_round_trips() {
    let tmp = tempfile::tempdir().unwrap();
    let reference_path = root().join("tests/reference/taian-2020-report.txt");
    let md = import_and_build(&reference_path, tmp.path());
    let reference = fs::read_to_string(&reference_path).unwrap();
    let (missing, total) = super::sentences::missing(&reference, &md, false);
    assert!(total > 50, "{total} pieces");
    assert!(missing.is_empty(), "lost: {missing:#?}");
    eprintln!("taian: {total} sentences, every one back");
    for heading in [
        "## 一、法治政府建设基本情况",
        "## 二、",
        "## 三、下一步工作计划",
        "### （一）强化组织领导，推进法治政府建设",
    ] {
        assert!(md.contains(heading), "{heading}:\n{md}");
    }
    assert!(md.contains("\n1.落实法治政府工作责任。成立以"), "{md}");
    let data = fs::read_to_string(tmp.path().join("unit/2020/report.toml")).unwrap();
    assert!(
        data.contains("date = 2021-01-10") && data.contains("year = 2020"),
        "{data}"
    );
    assert!(data.contains("kind = \"township\""), "{data}");
    // Data out of the words: the two documents cited 《标题》（文号）, and the counts Taian's
    // own data types (咨询活动15场, 资料1000余册, 横幅130余条) as TOML integers.
    assert_eq!(data.matches("[[documents]]").count(), 2, "{data}");
    assert!(data.contains("{{ document.twf_2020_2 | cite }}"), "{data}");
    // The shortcomings and next year's arrangements as problems.toml and plans.toml items.
    let problems = fs::read_to_string(tmp.path().join("unit/2020/problems.toml")).unwrap();
    let plans = fs::read_to_string(tmp.path().join("unit/2020/plans.toml")).unwrap();
    assert!(problems.matches("[[problems]]").count() >= 2, "{problems}");
    assert_eq!(plans.matches("[[plans]]").count(), 3, "{plans}");
    assert!(
        plans.contains("title = \"进一步加大执法培训力度\""),
        "{plans}"
    );
    // The laws studied, 《宪法》、《……》摘编…, as study.toml, titles as Taian's data has them.
    let study = fs::read_to_string(tmp.path().join("unit/2020/study.toml")).unwrap();
    let titles: Vec<&str> = study
        .lines()
        .filter_map(|l| l.strip_prefix("title = "))
        .collect();
    let taian = fs::read_to_string(root().join("data/taian/2020/study.toml")).unwrap();
    let expected: Vec<&str> = taian
        .lines()
        .filter_map(|l| l.strip_prefix("title = "))
        .collect();
    assert_eq!(titles, expected);
    assert!(study.contains("suffix = \"摘编\""), "{study}");
    assert!(data.contains("{{ studied | titles }}等一系列"), "{data}");
    let stats = fs::read_to_string(tmp.path().join("unit/2020/statistics.toml")).unwrap();
    for (name, value) in [("法律知识咨询活动", 15), ("资料", 1000), ("横幅", 130)] {
        assert!(
            stats.contains(&format!("name = \"{name}\"\nvalue = {value}\n")),
            "{name}: {stats}"
        );
    }
}

/// Through Word: every unit of data/ and examples/, built to DOCX by report itself, imported
/// and built again, gives the same Markdown (modulo line breaks).
#[test]
fn every_built_docx_imports_back_to_the_same_report() {
    let tmp = tempfile::tempdir().unwrap();
    let built = tmp.path().join("built");
    report()
        .arg("build")
        .arg(root().join("data"))
        .arg(root().join("examples"))
        .arg("--out")
        .arg(&built)
        .assert()
        .success();
    let mut docx: Vec<PathBuf> = Vec::new();
    let mut stack = vec![built.clone()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().is_some_and(|n| n == "report.docx") {
                docx.push(path);
            }
        }
    }
    assert!(docx.len() >= 9, "{docx:?}");
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    for (i, file) in docx.iter().enumerate() {
        let unit = tmp.path().join(format!("imported/{i}/2023"));
        report()
            .arg("import")
            .arg(file)
            .arg("--out")
            .arg(&unit)
            .assert()
            .success();
        let again = tmp.path().join(format!("again/{i}"));
        report()
            .arg("build")
            .arg(&unit)
            .arg("--out")
            .arg(&again)
            .assert()
            .success();
        let original = fs::read_to_string(file.with_file_name("report.md")).unwrap();
        let rebuilt = fs::read_to_string(again.join("2023/report.md")).unwrap();
        assert_eq!(squeeze(&original), squeeze(&rebuilt), "{}", file.display());
        eprintln!("{}: the same Markdown back through DOCX", file.display());
    }
}

/// Files that are not reports get a clear message, never a panic.
#[expect(
    clippy::too_many_lines,
    reason = "the table of files that are not reports, one row each"
)]
#[test]
fn what_is_not_a_report_is_refused_clearly() {
    let tmp = tempfile::tempdir().unwrap();
    let zip_of = |parts: &[(&str, &str)]| {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, body) in parts {
            zip.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut zip, body.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    };
    // A spreadsheet saved as .docx, a DOCX with only a picture, a password-protected DOCX (an
    // OLE compound file, as Word writes it) and Word 97's .doc under either name.
    let sheet = zip_of(&[
        ("[Content_Types].xml", "<Types/>"),
        ("xl/workbook.xml", "<workbook/>"),
    ]);
    let picture = zip_of(&[(
        "word/document.xml",
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\"><w:body><w:p><w:r><w:drawing><wp:inline/></w:drawing></w:r></w:p></w:body></w:document>",
    )]);
    let ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0EncryptedPackage";
    let cases: [(&str, &[u8], i32, &str); 9] = [
        ("empty.txt", b"", 1, "no report"),
        ("old.doc", b"\xd0\xcf\x11\xe0 Word 97", 1, ".docx"),
        ("broken.docx", b"PK\x03\x04 not really a zip", 1, "Word"),
        ("sheet.docx", &sheet, 1, "spreadsheet"),
        ("scanned.docx", &picture, 1, "no text"),
        ("locked.docx", ole, 1, "password"),
        ("word97.doc", ole, 1, "password"),
        (
            "notes.txt",
            "只是一段话，没有提纲。".as_bytes(),
            1,
            "no report",
        ),
        ("image.png", b"\x89PNG\r\n", 1, ".docx"),
    ];
    for (name, bytes, code, words) in cases {
        let file = tmp.path().join(name);
        fs::write(&file, bytes).unwrap();
        let output = report()
            .arg("import")
            .arg(&file)
            .arg("--out")
            .arg(tmp.path().join("out").join(name))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(code), "{name}: {stderr}");
        assert!(stderr.contains(words), "{name}: {stderr}");
        assert!(
            !tmp.path().join("out").join(name).exists(),
            "{name}: nothing written"
        );
    }
    // Two short lines in a row inside a section: both kept.
    let reference =
        fs::read_to_string(root().join("tests/reference/taian-2020-report.txt")).unwrap();
    let mut lines: Vec<&str> = reference.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("落实法治政府工作责任"))
        .unwrap()
        + 1;
    lines.splice(at..at, ["甲乙短行一", "丙丁短行二"]);
    let short = tmp.path().join("short.txt");
    fs::write(&short, lines.join("\n")).unwrap();
    report()
        .arg("import")
        .arg(&short)
        .arg("--out")
        .arg(tmp.path().join("short-unit/2020"))
        .assert()
        .success();
    let data = fs::read_to_string(tmp.path().join("short-unit/2020/report.toml")).unwrap();
    assert!(
        data.contains("甲乙短行一") && data.contains("丙丁短行二"),
        "{data}"
    );
    let big = tmp.path().join("big.docx");
    fs::write(&big, vec![b'x'; 50 << 20]).unwrap();
    let output = report().arg("import").arg(&big).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("larger"));
}

/// Reports of other shapes, as Markdown: a district with numbering that runs on, a ministry
/// with no （一） level, a bureau with 其中 subsets — each imported and built gives back every
/// sentence.
#[test]
fn reports_of_other_shapes_round_trip() {
    for name in ["district-2023", "ministry-2023", "market-regulation-2023"] {
        let tmp = tempfile::tempdir().unwrap();
        let file = root().join(format!("tests/fixtures/import/{name}.md"));
        let unit = tmp.path().join("unit/2023");
        report()
            .arg("import")
            .arg(&file)
            .arg("--out")
            .arg(&unit)
            .assert()
            .success();
        let out = tmp.path().join("out");
        let build = report()
            .arg("build")
            .arg(&unit)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            build.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&build.stderr)
        );
        let md = fs::read_to_string(out.join("2023/report.md")).unwrap();
        let reference = fs::read_to_string(&file)
            .unwrap()
            .lines()
            .map(|l| l.trim_start_matches('#').trim_start())
            .collect::<Vec<_>>()
            .join("\n");
        let (missing, total) = super::sentences::missing(&reference, &md, false);
        assert!(total > 10, "{name}: {total}");
        assert!(missing.is_empty(), "{name} lost {missing:#?}");
        eprintln!("{name}: {total} sentences, every one back");
    }
}

/// A file renamed by mistake is said to be one — text named `.docx`, a Word document named
/// `.txt` — and an empty `.docx` is said to be empty, not "encrypted or a spreadsheet".
#[test]
fn a_renamed_or_empty_file_is_said_as_such() {
    let tmp = tempfile::tempdir().unwrap();
    let text_as_docx = tmp.path().join("t.docx");
    fs::copy(
        root().join("tests/reference/taian-2020-report.txt"),
        &text_as_docx,
    )
    .unwrap();
    let empty = tmp.path().join("e.docx");
    fs::write(&empty, "").unwrap();
    // A Word document: the one `build` writes.
    let built = tmp.path().join("built");
    report()
        .args(["build", "-q", "--format", "docx", "--out"])
        .arg(&built)
        .arg(taian())
        .assert()
        .success();
    let docx_as_text = tmp.path().join("w.txt");
    let docx = walkdir_find(&built, "report.docx").expect("a DOCX was built");
    fs::copy(docx, &docx_as_text).unwrap();
    for (file, said) in [
        (
            &text_as_docx,
            "这其实是文本文件，只是扩展名不符：请改名为 .txt",
        ),
        (&empty, "文件为空"),
        (
            &docx_as_text,
            "这其实是 Word 文件，只是扩展名不符：请改名为 .docx",
        ),
    ] {
        let out = report()
            .args(["--lang", "zh", "import"])
            .arg(file)
            .arg("--out")
            .arg(tmp.path().join("out"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", file.display());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(said), "{}: {stderr}", file.display());
    }
}

/// The first file named `name` below `dir`.
fn walkdir_find(dir: &Path, name: &str) -> Option<PathBuf> {
    for entry in fs::read_dir(dir).ok()?.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if let Some(found) = walkdir_find(&path, name) {
                return Some(found);
            }
        } else if path.file_name().is_some_and(|n| n == name) {
            return Some(path);
        }
    }
    None
}
