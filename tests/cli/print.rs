//! The finished product, checked in real programs: the HTML printed by headless Chromium,
//! the DOCX converted by `LibreOffice`, both read back with poppler. `scripts/test.sh` (the
//! README's test command) installs them.

use super::*;
use std::process::Command;

/// A program the test needs; the tests check [`super::tools_present`] first.
pub(super) fn tool(name: &str) -> PathBuf {
    let found = std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .map(|d| d.join(name))
        .find(|p| p.is_file());
    found.unwrap_or_else(|| {
        panic!("{name} is not installed: run scripts/test.sh, which installs it")
    })
}

pub(super) fn run(cmd: &mut Command) -> String {
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

pub(super) fn page_count(pdf: &Path) -> usize {
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

#[expect(
    clippy::too_many_lines,
    reason = "one printed page measured against each rule of GB/T 9704 in turn"
)]
#[test]
fn the_html_prints_to_the_gbt_9704_page_in_chromium() {
    if !super::tools_present(
        "the_html_prints_to_the_gbt_9704_page_in_chromium",
        &["chromium", "pdftotext", "pdfinfo", "pdffonts"],
    ) {
        return;
    }
    let out = taian_as("html");
    let html = out.path().join("2020/report.html");
    let pdf = out.path().join("report.pdf");
    let profile = out.path().join("profile");
    print_html(&html, &pdf, &profile);
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
    // Real fonts, not glyphs drawn as Type 3 procedures, and four faces: the title's, 黑体,
    // 楷体 and 仿宋 (scripts/test.sh installs free TrueType faces for each).
    assert!(!fonts.contains("Type 3"), "{fonts}");
    let mut faces: Vec<&str> = rows
        .iter()
        .filter_map(|r| r.split_whitespace().next())
        .map(|name| name.split_once('+').map_or(name, |(_, face)| face))
        .collect();
    faces.sort_unstable();
    faces.dedup();
    assert!(faces.len() >= 4, "{faces:?}");
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

/// A draft is marked on every page it prints to, not only above its title: across each page
/// of the PDF, in each footer of the DOCX. A final report has neither mark.
#[test]
fn a_draft_is_marked_on_every_page() {
    let tmp = tempfile::tempdir().unwrap();
    let unit = tmp.path().join("2021");
    report()
        .arg("init")
        .arg("--from")
        .arg(taian())
        .arg(&unit)
        .assert()
        .success();
    let out = tmp.path().join("out");
    let pdf = super::tools_present(
        "a_draft_is_marked_on_every_page",
        &["chromium", "pdftotext"],
    );
    let mut build = report();
    build
        .arg("build")
        .arg(&unit)
        .args(["--draft", "-q", "--out"])
        .arg(&out)
        .args(["--format", if pdf { "all" } else { "md,html,docx" }]);
    if pdf {
        build.env("PATH", tool("chromium").parent().unwrap());
    }
    build.assert().success();
    for footer in ["word/footer1.xml", "word/footer2.xml"] {
        let xml = docx_part(&out.join("2021/report.docx"), footer);
        assert!(xml.contains("【草稿】"), "{footer}: {xml}");
    }
    let html = fs::read_to_string(out.join("2021/report.html")).unwrap();
    assert!(html.contains("class=\"draft-mark\""), "{html}");
    if pdf {
        let pdf = out.join("2021/report.pdf");
        for page in 1..=page_count(&pdf) {
            let text = run(Command::new(tool("pdftotext"))
                .args(["-raw", "-f", &page.to_string(), "-l", &page.to_string()])
                .arg(&pdf)
                .arg("-"));
            assert!(text.contains('稿'), "page {page}: {text}");
        }
    }
    let (_final, _, final_html) = super::build(&taian());
    assert!(!final_html.contains("class=\"draft-mark\""));
}

pub(super) fn docx_part(docx: &Path, part: &str) -> String {
    let mut archive = zip::ZipArchive::new(fs::File::open(docx).unwrap()).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut archive.by_name(part).unwrap(), &mut text).unwrap();
    text
}

#[test]
fn the_docx_has_the_page_setup_and_survives_libreoffice() {
    if !super::tools_present(
        "the_docx_has_the_page_setup_and_survives_libreoffice",
        &["soffice", "pdftotext", "pdfinfo"],
    ) {
        return;
    }
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
    assert!(body.contains("w:eastAsia=\"仿宋_GB2312\"") && body.contains("<w:sz w:val=\"32\" />"));
    // No automatic space between Chinese and digits or Latin letters (`2020 年`): off in the
    // defaults and in every paragraph style, as Word and WPS read it.
    let paragraph_properties: Vec<&str> = styles
        .split("<w:pPr>")
        .skip(1)
        .map(|p| p.split("</w:pPr>").next().unwrap())
        .collect();
    assert!(paragraph_properties.len() >= 7, "{styles}");
    for p in &paragraph_properties {
        assert!(
            p.contains("<w:autoSpaceDE w:val=\"0\" /><w:autoSpaceDN w:val=\"0\" />"),
            "every paragraph style and the defaults: {p}"
        );
    }
    // The defaults: widow control, and Chinese as the language (Word's line-breaking rules
    // and fonts follow it).
    let defaults = styles.split("<w:docDefaults>").nth(1).unwrap();
    assert!(defaults.contains("<w:widowControl />"));
    assert!(defaults.contains("w:eastAsia=\"zh-CN\""));
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

/// The text of a Markdown report, without its markup: the reference its printed forms are
/// held to.
fn plain(md: &str) -> String {
    md.lines()
        .map(|l| {
            l.trim_start_matches('#')
                .trim_start_matches('>')
                .trim_start()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Prints HTML with headless Chromium, without its header and footer.
fn print_html(html: &Path, pdf: &Path, profile: &Path) {
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
        .arg(html));
}

/// The examples that show the shapes Taian does not (a two-line title, unnumbered lead
/// sentences, causes apart, 其中, named lists) print to A4 in Chromium with every sentence of
/// their Markdown in the PDF, and the DOCX of one opens in LibreOffice with every sentence.
#[test]
fn the_examples_print_with_every_sentence() {
    if !super::tools_present(
        "the_examples_print_with_every_sentence",
        &["chromium", "pdftotext", "pdfinfo"],
    ) {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    report()
        .arg("build")
        .arg(root().join("examples"))
        .args(["--out"])
        .arg(out.path())
        .assert()
        .success();
    for unit in [
        "district/2023",
        "ministry/2023",
        "township/2023",
        "market-regulation/2023",
    ] {
        let dir = out.path().join(unit);
        let pdf = dir.join("from-html.pdf");
        print_html(&dir.join("report.html"), &pdf, &out.path().join("profile"));
        assert!(page_count(&pdf) >= 1, "{unit}");
        let md = plain(&fs::read_to_string(dir.join("report.md")).unwrap());
        let text = pdf_text(&pdf, None, false);
        let (missing, total) = super::sentences::missing(&md, &text, false);
        assert!(total > 10, "{unit}: {total} pieces");
        assert!(missing.is_empty(), "{unit}: the PDF lacks {missing:#?}");
    }
    let dir = out.path().join("township/2023");
    run(Command::new(tool("soffice"))
        .arg(format!(
            "-env:UserInstallation=file://{}",
            out.path().join("lo-profile").display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.join("lo"))
        .arg(dir.join("report.docx")));
    let md = plain(&fs::read_to_string(dir.join("report.md")).unwrap());
    let text = pdf_text(&dir.join("lo/report.pdf"), None, false);
    let (missing, _) = super::sentences::missing(&md, &text, false);
    assert!(missing.is_empty(), "the DOCX's PDF lacks {missing:#?}");
}

/// `--format pdf`: the report printed by the browser found, A4, with the page numbers of the
/// print stylesheet and none of the browser's header or footer; every sentence of the
/// reference in its text; the same bytes on every build.
#[test]
fn build_writes_the_pdf_with_the_browser_found() {
    if !super::tools_present(
        "build_writes_the_pdf_with_the_browser_found",
        &["chromium", "pdftotext", "pdfinfo"],
    ) {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    report()
        .arg("build")
        .arg(taian())
        .args(["--format", "pdf", "--out"])
        .arg(out.path())
        .env("PATH", tool("chromium").parent().unwrap())
        .assert()
        .success();
    let pdf = out.path().join("2020/report.pdf");
    let written: Vec<_> = fs::read_dir(out.path().join("2020"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| !n.to_string_lossy().starts_with('.'))
        .collect();
    assert_eq!(written.len(), 1, "only the PDF: {written:?}");
    assert!(page_count(&pdf) >= 3);
    assert_every_sentence(&pdf, out.path());
    let raw = run(Command::new(tool("pdftotext")).arg(&pdf).arg("-"));
    let squeezed: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(
        squeezed.contains("—1—") && squeezed.contains("—2—"),
        "page numbers: {raw}"
    );
    for furniture in ["file:", "report.html", "about:blank"] {
        assert!(!raw.contains(furniture), "browser furniture `{furniture}`");
    }
    let info = run(Command::new(tool("pdfinfo")).arg(&pdf));
    assert!(
        info.contains("Jan 10 00:00:00 2021"),
        "dated 成文日期: {info}"
    );
    let again = tempfile::tempdir().unwrap();
    report()
        .arg("build")
        .arg(taian())
        .args(["--format", "pdf,md", "--out"])
        .arg(again.path())
        .assert()
        .success();
    assert_eq!(
        fs::read(&pdf).unwrap(),
        fs::read(again.path().join("2020/report.pdf")).unwrap(),
        "the same bytes"
    );
}

/// A browser that prints nothing leaves nothing half-written; no browser at all is said
/// before anything is built, with what to install.
#[test]
fn a_pdf_that_cannot_be_printed_writes_nothing() {
    let out = tempfile::tempdir().unwrap();
    let failing = report()
        .arg("build")
        .arg(taian())
        .args(["--format", "md,pdf", "--out"])
        .arg(out.path())
        .env("REPORT_BROWSER", tool("true"))
        .output()
        .unwrap();
    assert_eq!(failing.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&failing.stderr);
    assert!(
        stderr.contains("E0008") && stderr.contains("no PDF"),
        "{stderr}"
    );
    assert!(!out.path().join("2020").exists(), "nothing written");
    // No browser on the machine (an empty search path).
    let empty = tempfile::tempdir().unwrap();
    let missing = report()
        .arg("build")
        .arg(taian())
        .args(["--lang", "zh", "--format", "pdf", "--out"])
        .arg(out.path())
        .env_remove("REPORT_BROWSER")
        .env("PATH", empty.path())
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert!(
        stderr.contains("未找到可打印 PDF 的浏览器") && stderr.contains("Chromium"),
        "{stderr}"
    );
    // A browser named that is not there is said as such, even for `all`.
    let named = report()
        .arg("build")
        .arg(taian())
        .args(["--format", "all", "--out"])
        .arg(out.path())
        .env("REPORT_BROWSER", out.path().join("no-such-browser"))
        .output()
        .unwrap();
    assert_eq!(named.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&named.stderr).contains("not a file"));
    // `all` without a browser is md, html and docx, and says that the PDF is not among them.
    let all = report()
        .arg("build")
        .arg(taian())
        .args(["--lang", "zh", "--format", "all", "-q", "--out"])
        .arg(out.path())
        .env_remove("REPORT_BROWSER")
        .env("PATH", empty.path())
        .output()
        .unwrap();
    assert_eq!(all.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&all.stderr);
    assert!(
        stderr.contains("警告：未生成 report.pdf：未找到可打印 PDF 的浏览器"),
        "{stderr}"
    );
    assert!(out.path().join("2020/report.docx").exists());
    assert!(!out.path().join("2020/report.pdf").exists());
}

/// A unit's own template cannot put a file of the machine, or what a script writes, into the
/// PDF: the printed page may load nothing and runs no script — also when the template puts its
/// markup before `<head>`, or hides a `<head>` in a comment to move the policy after it.
#[test]
fn a_template_cannot_print_a_file_of_the_machine() {
    if !super::tools_present(
        "a_template_cannot_print_a_file_of_the_machine",
        &["chromium", "pdftotext"],
    ) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let secret = tmp.path().join("secret.txt");
    fs::write(&secret, "SECRET-OF-THE-MACHINE").unwrap();
    let template = fs::read_to_string(root().join("templates/report.html.j2")).unwrap();
    let attack = format!(
        "<iframe src=\"file://{0}\"></iframe><object data=\"file://{0}\"></object><embed src=\"file://{0}\"><script>document.write('SCRIPT-RAN')</script>",
        secret.display()
    );
    let inside = template.replacen(
        "<main class=\"report",
        &format!("{attack}<main class=\"report"),
        1,
    );
    let before_head = format!("{attack}\n{template}");
    let decoy = format!("<!--<head>-->{attack}<header></header>\n{template}");
    for (n, hostile) in [inside, before_head, decoy].into_iter().enumerate() {
        assert_ne!(hostile, template);
        let unit = tmp.path().join(format!("unit{n}/2020"));
        super::copy_tree(&taian(), &unit);
        fs::create_dir_all(unit.join("templates")).unwrap();
        fs::write(unit.join("templates/report.html.j2"), hostile).unwrap();
        let out = tmp.path().join(format!("out{n}"));
        let temp = tmp.path().join(format!("temp{n}"));
        fs::create_dir_all(&temp).unwrap();
        report()
            .arg("build")
            .arg(&unit)
            .args(["--format", "pdf", "--out"])
            .arg(&out)
            .env("PATH", tool("chromium").parent().unwrap())
            .env("TMPDIR", &temp)
            .assert()
            .success();
        // Nothing left behind, the browser's own temporary files included.
        assert_eq!(
            fs::read_dir(&temp).unwrap().count(),
            0,
            "left in the temporary folder"
        );
        let text = run(Command::new(tool("pdftotext"))
            .arg(out.join("2020/report.pdf"))
            .arg("-"));
        assert!(
            text.contains("法律知识咨询活动15场"),
            "the report is printed"
        );
        assert!(
            !text.contains("SECRET-OF-THE-MACHINE"),
            "case {n}: a file of the machine was printed"
        );
        assert!(!text.contains("SCRIPT-RAN"), "case {n}: a script ran");
    }
}
