//! The printed pages by the rules of GB/T 9704, in both printed forms: the PDF Chromium prints
//! from the HTML (`--format pdf`) and the DOCX as `LibreOffice` lays it out. For Taian and every
//! example: the sign-off shares the last page with body text and stays together (7.3.5); no
//! heading ends a page or is split across two; no date or 文号 is split across lines; the two
//! forms have the same number of pages. The expected text comes from each report's
//! Markdown, so a page is held to what the report says, not to a copy of the output.

use super::print::{run, tool};
use super::*;
use std::process::Command;

/// The lines of each page of a PDF, without whitespace and without the page numbers.
fn pages_of(pdf: &Path) -> Vec<Vec<String>> {
    let text = run(Command::new(tool("pdftotext")).arg(pdf).arg("-"));
    let mut pages: Vec<Vec<String>> = text
        .split('\u{c}')
        .map(|page| {
            page.lines()
                .map(squeeze)
                .filter(|l| !l.is_empty() && !is_page_number(l))
                .collect()
        })
        .collect();
    // pdftotext ends every page with a form feed: the piece after the last one is no page.
    pages.pop();
    pages
}

fn squeeze(line: &str) -> String {
    line.chars().filter(|c| !c.is_whitespace()).collect()
}

fn is_page_number(line: &str) -> bool {
    let inner = line.trim_matches('—');
    inner.len() < line.len() && !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit())
}

/// What the Markdown says a printed page must keep whole.
struct Expected {
    headings: Vec<String>,
    signoff: Vec<String>,
    unbreakable: Vec<String>,
}

fn expected(md: &str) -> Expected {
    let lines: Vec<String> = md.lines().map(squeeze).filter(|l| !l.is_empty()).collect();
    let headings = lines
        .iter()
        .filter(|l| l.starts_with('#'))
        .map(|l| l.trim_start_matches('#').to_owned())
        .collect();
    let signoff = lines[lines.len() - 2..].to_vec();
    let mut unbreakable: Vec<String> = lines.iter().flat_map(|l| unbreakables(l)).collect();
    unbreakable.sort();
    unbreakable.dedup();
    Expected {
        headings,
        signoff,
        unbreakable,
    }
}

fn digits(chars: &[char], at: usize) -> usize {
    chars.get(at..).map_or(0, |rest| {
        rest.iter().take_while(|c| c.is_ascii_digit()).count()
    })
}

/// `2021年1月` or `2021年1月10日` starting at `at`: its end.
fn date_at(chars: &[char], at: usize) -> Option<usize> {
    let is = |i: usize, c: char| chars.get(i) == Some(&c);
    if digits(chars, at) != 4 || !is(at + 4, '年') {
        return None;
    }
    let month = digits(chars, at + 5);
    if !(1..=2).contains(&month) || !is(at + 5 + month, '月') {
        return None;
    }
    let end = at + 6 + month;
    let day = digits(chars, end);
    Some(if (1..=2).contains(&day) && is(end + day, '日') {
        end + day + 1
    } else {
        end
    })
}

/// `〔2020〕2号` starting at `at`: its end.
fn doc_no_at(chars: &[char], at: usize) -> Option<usize> {
    let is = |i: usize, c: char| chars.get(i) == Some(&c);
    let number = digits(chars, at + 6);
    (is(at, '〔') && digits(chars, at + 1) == 4 && is(at + 5, '〕') && number > 0)
        .then_some(at + 6 + number)
        .filter(|&end| is(end, '号'))
        .map(|end| end + 1)
}

/// The dates and 文号 of a line.
fn unbreakables(line: &str) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    (0..chars.len())
        .filter(|&i| i == 0 || !chars[i - 1].is_ascii_digit())
        .filter_map(|i| {
            date_at(&chars, i)
                .or_else(|| doc_no_at(&chars, i))
                .map(|end| chars[i..end].iter().collect())
        })
        .collect()
}

/// Every rule of the page, for one printed form of one report: the problems found.
fn page_problems(pages: &[Vec<String>], want: &Expected) -> Vec<String> {
    let mut problems = Vec::new();
    let Some(last) = pages.last() else {
        return vec!["no page".into()];
    };
    let n = last.len();
    if n < 3 || last[n - 2..] != want.signoff[..] {
        problems.push(format!(
            "the last page does not end with body text and the sign-off {:?}: {last:?}",
            want.signoff
        ));
    }
    let lines: Vec<(usize, usize, &str)> = pages
        .iter()
        .enumerate()
        .flat_map(|(p, page)| {
            page.iter()
                .enumerate()
                .map(move |(i, l)| (p, i, l.as_str()))
        })
        .collect();
    for heading in &want.headings {
        match heading_span(&lines, heading) {
            None => problems.push(format!("heading not found whole: {heading}")),
            Some((first, end)) => {
                let (p, _, _) = lines[first];
                let (q, i, _) = lines[end];
                if p != q {
                    problems.push(format!("heading split across pages {p}/{q}: {heading}"));
                } else if i + 1 == pages[q].len() && q + 1 < pages.len() {
                    problems.push(format!("heading ends page {}: {heading}", q + 1));
                }
            }
        }
    }
    for token in &want.unbreakable {
        let whole: usize = lines.iter().map(|(_, _, l)| l.matches(token).count()).sum();
        let joined: String = lines.iter().map(|(_, _, l)| *l).collect();
        let all = joined.matches(token).count();
        if whole < all {
            problems.push(format!(
                "`{token}` split across lines {} time(s)",
                all - whole
            ));
        }
    }
    problems
}

/// The first run of whole lines that spells `heading`: its first and last line.
fn heading_span(lines: &[(usize, usize, &str)], heading: &str) -> Option<(usize, usize)> {
    (0..lines.len()).find_map(|first| {
        let mut spelled = String::new();
        for (end, (_, _, line)) in lines.iter().enumerate().skip(first) {
            spelled.push_str(line);
            if spelled == heading {
                return Some((first, end));
            }
            if !heading.starts_with(&spelled) {
                return None;
            }
        }
        None
    })
}

/// `LibreOffice` converts every DOCX of `docs` into `outdir`, with the report's font aliases
/// (fonts/) so that the official faces fall back to free faces of the same kind.
fn libreoffice(docs: &[PathBuf], outdir: &Path, scratch: &Path) {
    let conf = scratch.join("fonts.conf");
    fs::write(
        &conf,
        format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"urn:fontconfig:fonts.dtd\">\n\
             <fontconfig><include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\
             <include>{}</include></fontconfig>\n",
            root().join("fonts/65-report-gbt9704.conf").display()
        ),
    )
    .unwrap();
    run(Command::new(tool("soffice"))
        .env("FONTCONFIG_FILE", &conf)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            scratch.join("lo-profile").display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(outdir)
        .args(docs));
}

/// The folders of every report built under `out`.
pub(super) fn built_reports(out: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![out.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().is_some_and(|n| n == "report.md") {
                found.push(dir.clone());
            }
        }
    }
    found.sort();
    found
}

#[test]
fn every_report_keeps_its_sign_off_headings_and_dates_whole_on_the_page() {
    if !super::tools_present(
        "every_report_keeps_its_sign_off_headings_and_dates_whole_on_the_page",
        &["chromium", "soffice", "pdftotext"],
    ) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    report()
        .arg("build")
        .arg(taian())
        .arg(root().join("examples"))
        .args(["--format", "md,docx,pdf", "-q", "--out"])
        .arg(&out)
        .assert()
        .success();
    let reports = built_reports(&out);
    assert_eq!(
        reports.len(),
        9,
        "Taian and the eight examples: {reports:?}"
    );
    let docs: Vec<PathBuf> = reports
        .iter()
        .enumerate()
        .map(|(n, dir)| {
            let doc = tmp.path().join(format!("{n}.docx"));
            fs::copy(dir.join("report.docx"), &doc).unwrap();
            doc
        })
        .collect();
    let lo = tmp.path().join("lo");
    libreoffice(&docs, &lo, tmp.path());
    let mut problems = Vec::new();
    for (n, dir) in reports.iter().enumerate() {
        let want = expected(&fs::read_to_string(dir.join("report.md")).unwrap());
        assert!(!want.unbreakable.is_empty(), "{dir:?}: no date at all");
        let label = dir.strip_prefix(&out).unwrap().display().to_string();
        let chromium = pages_of(&dir.join("report.pdf"));
        let word = pages_of(&lo.join(format!("{n}.pdf")));
        eprintln!(
            "{label}: {} page(s) as PDF, {} as DOCX in LibreOffice",
            chromium.len(),
            word.len()
        );
        for problem in page_problems(&chromium, &want) {
            problems.push(format!("{label} (PDF): {problem}"));
        }
        for problem in page_problems(&word, &want) {
            // LibreOffice breaks Chinese text between any two characters but the marks of its
            // own table, and does not read the DOCX's 禁则 (w:noLineBreaksAfter/Before, which
            // Word and WPS apply): a date or 文号 split there is said, and Word's rules for
            // it are held by `the_docx_names_its_fonts_and_keeps_dates_whole_in_word`.
            if problem.contains("split across lines") {
                eprintln!("{label} (DOCX in LibreOffice): {problem}");
            } else {
                problems.push(format!("{label} (DOCX): {problem}"));
            }
        }
        if chromium.len() != word.len() {
            problems.push(format!(
                "{label}: {} pages as PDF, {} as DOCX",
                chromium.len(),
                word.len()
            ));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

/// The page rules themselves, on pages made by hand: each can fail.
#[test]
fn the_page_rules_catch_what_they_name() {
    let want = expected(
        "# 标题\n\n## 一、工作\n\n正文于2021年1月10日〔2020〕2号。\n\n某镇人民政府\n\n2021年1月10日\n",
    );
    assert_eq!(want.headings, ["标题", "一、工作"]);
    assert_eq!(want.unbreakable, ["2021年1月10日", "〔2020〕2号"]);
    let page = |lines: &[&str]| lines.iter().map(|l| (*l).to_owned()).collect::<Vec<_>>();
    let good = [
        page(&["标题", "一、工作", "正文于2021年1月10日"]),
        page(&["〔2020〕2号。", "某镇人民政府", "2021年1月10日"]),
    ];
    assert_eq!(page_problems(&good, &want), Vec::<String>::new());
    let heading_last = [
        page(&["标题", "一、"]),
        page(&[
            "工作",
            "正文于2021年1月10日〔2020〕2号。",
            "某镇人民政府",
            "2021年1月10日",
        ]),
    ];
    assert_eq!(
        page_problems(&heading_last, &want),
        ["heading split across pages 0/1: 一、工作"]
    );
    let heading_ends = [
        page(&["标题", "一、", "工作"]),
        page(&[
            "正文于2021年1月10日〔2020〕2号。",
            "某镇人民政府",
            "2021年1月10日",
        ]),
    ];
    assert_eq!(
        page_problems(&heading_ends, &want),
        ["heading ends page 1: 一、工作"]
    );
    let alone = [
        page(&["标题", "一、工作", "正文于2021年1月10日〔2020〕2号。"]),
        page(&["某镇人民政府", "2021年1月10日"]),
    ];
    assert!(page_problems(&alone, &want)[0].contains("sign-off"));
    let split = [
        good[0].clone(),
        page(&["〔2020〕2", "号。", "某镇人民政府", "2021年1月10日"]),
    ];
    assert_eq!(
        page_problems(&split, &want),
        ["`〔2020〕2号` split across lines 1 time(s)"]
    );
}

/// Taian and the examples as Markdown and DOCX, in a temporary folder: the folders built.
fn docx_reports() -> (tempfile::TempDir, Vec<PathBuf>) {
    let out = tempfile::tempdir().unwrap();
    report()
        .arg("build")
        .arg(taian())
        .arg(root().join("examples"))
        .args(["--format", "md,docx", "-q", "--out"])
        .arg(out.path())
        .assert()
        .success();
    let reports = built_reports(out.path());
    assert_eq!(reports.len(), 9, "{reports:?}");
    (out, reports)
}

/// The value of `w:{attr}` on every `w:{element}` of an XML part.
fn attributes(xml: &str, element: &str, attr: &str) -> Vec<String> {
    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let doc = roxmltree::Document::parse(xml).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name((W, element)))
        .filter_map(|n| n.attribute((W, attr)).map(str::to_owned))
        .collect()
}

/// Every face the DOCX names has a substitute in its font table (a machine without 仿宋_GB2312
/// takes 仿宋), and Word's 禁则 in its settings keep every date and 文号 of the report on one
/// line: each pair of neighbours in one is held by "no break after" the first or "no break
/// before" the second.
#[test]
fn the_docx_names_its_fonts_and_keeps_dates_whole_in_word() {
    let (_out, reports) = docx_reports();
    for dir in reports {
        let docx = dir.join("report.docx");
        let part = |name| super::print::docx_part(&docx, name);
        let table = part("word/fontTable.xml");
        let named = attributes(&table, "font", "name");
        let substitutes = attributes(&table, "altName", "val");
        assert_eq!(named.len(), substitutes.len(), "{dir:?}: {table}");
        assert!(substitutes.iter().all(|s| !s.is_empty()));
        for xml in [part("word/styles.xml"), part("word/document.xml")] {
            for attr in ["ascii", "hAnsi", "eastAsia", "cs"] {
                for face in attributes(&xml, "rFonts", attr) {
                    assert!(
                        named.contains(&face),
                        "{dir:?}: {face} is not in the font table"
                    );
                }
            }
        }
        let settings = part("word/settings.xml");
        let after = attributes(&settings, "noLineBreaksAfter", "val").concat();
        let before = attributes(&settings, "noLineBreaksBefore", "val").concat();
        let want = expected(&fs::read_to_string(dir.join("report.md")).unwrap());
        for token in &want.unbreakable {
            let chars: Vec<char> = token.chars().collect();
            for pair in chars.windows(2) {
                assert!(
                    after.contains(pair[0]) || before.contains(pair[1]),
                    "{dir:?}: Word may break `{token}` between {} and {}",
                    pair[0],
                    pair[1]
                );
            }
        }
    }
}

/// An independent OOXML validator (`openxml-audit`, from PyPI; `scripts/test.sh` installs it)
/// finds no error in any report's DOCX.
#[test]
fn every_docx_passes_an_independent_validator() {
    if !super::tools_present(
        "every_docx_passes_an_independent_validator",
        &["openxml-audit"],
    ) {
        return;
    }
    let (_out, reports) = docx_reports();
    for dir in reports {
        let output = Command::new(tool("openxml-audit"))
            .arg(dir.join("report.docx"))
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success() && said.contains("Errors: 0"),
            "{dir:?}:\n{said}"
        );
    }
}
