//! `report import`: last year's report (DOCX, text or Markdown) turned into a report folder that
//! builds back to the same words.
//!
//! The text is read as paragraphs; page furniture (page numbers, a web page's 索引号 header, the
//! banners of a draft) is taken out; lines broken mid-sentence are joined. The front matter
//! (title, 发文字号, 主送机关), the outline (一、 （一） 1. （1） — the markers dropped, numbers come
//! from positions) and the sign-off (署名, 成文日期) become data; the words stay as they are, so
//! that `report check` lists their defects right after and `--fix` mends the safe ones.
//! What the importer is unsure of stays text: it never invents data.

use crate::model::common::PLACEHOLDER;
use std::fmt::Write as _;
use std::io::Read as _;

use crate::diagnostic::Text;
use crate::model::{Date, UnitKind};

/// Why a file could not be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Not a kind of file the importer reads.
    #[error("not a .docx, .txt or .md file")]
    Kind,
    /// Larger than a report can be.
    #[error("larger than {} MiB", MAX_BYTES >> 20)]
    TooLarge,
    /// A DOCX that is not a readable Word document.
    #[error("not a readable Word document ({0})")]
    Docx(String),
    /// An OLE compound file: a password-protected Word document, or Word 97's .doc.
    #[error(
        "an encrypted Word document or an old .doc: open it in Word and save it as .docx without a password"
    )]
    Protected,
    /// A ZIP package that is not a Word document (a spreadsheet or a presentation).
    #[error("a {0} saved as .docx, not a Word document")]
    NotWord(&'static str),
    /// Text in an encoding the importer does not read.
    #[error("not UTF-8 or GB18030 text")]
    Encoding,
    /// No report in it: no title, or no outline.
    #[error("no report found in it: {0}")]
    NoReport(&'static str),
}

impl ImportError {
    /// The error in both languages.
    pub fn text(&self) -> Text {
        let zh = match self {
            ImportError::Kind => {
                "不是 .docx、.txt 或 .md 文件（Word 97 的 .doc 请先另存为 .docx）".to_string()
            }
            ImportError::TooLarge => format!("文件超过 {} MiB，不像是一份报告", MAX_BYTES >> 20),
            ImportError::Docx(_) => {
                "不是可读取的 Word 文档（是否加密，或其实是表格、图片？）".to_string()
            }
            ImportError::Protected => {
                "是加密的 Word 文档或旧版 .doc：请在 Word 中打开，取消密码后另存为 .docx"
                    .to_string()
            }
            ImportError::NotWord(what) => format!(
                "是另存为 .docx 的{}，不是 Word 文档",
                match *what {
                    "spreadsheet" => "电子表格",
                    "presentation" => "演示文稿",
                    _ => "其他文件",
                }
            ),
            ImportError::Encoding => "文本既不是 UTF-8 也不是 GB18030 编码".to_string(),
            ImportError::NoReport(what) => format!("其中没有找到报告：{}", no_report_zh(what)),
        };
        Text::new(self.to_string(), zh)
    }
}

fn no_report_zh(what: &str) -> &'static str {
    match what {
        "empty" => "文件为空",
        "no text" => "文档中没有文字（只有图片？扫描件须先录入文字）",
        "no outline" => "没有“一、”开头的部分",
        _ => "无法识别",
    }
}

/// The largest file imported: a report is some tens of kilobytes; a DOCX with pictures a few
/// megabytes.
pub const MAX_BYTES: usize = 32 << 20;

/// The most text taken from a DOCX's document part.
const MAX_XML: u64 = 64 << 20;

/// What an import made.
#[derive(Debug, Default)]
pub struct Imported {
    /// The data files, by name, as text.
    pub files: Vec<(&'static str, String)>,
    /// Sections made, at each level (1 to 4).
    pub sections: [usize; 4],
    /// Documents cited 《标题》（文号）.
    pub documents: usize,
    /// Paragraphs kept as text.
    pub paragraphs: usize,
    /// Counts taken out of the text.
    pub counts: usize,
    /// Laws studied taken out of the text.
    pub studied: usize,
    /// What was guessed (the unit's kind, the year …), said to the user.
    pub guesses: Vec<Text>,
}

/// Reads the paragraphs of a file by its extension.
pub fn paragraphs(file_name: &str, bytes: &[u8]) -> Result<Vec<String>, ImportError> {
    if bytes.len() > MAX_BYTES {
        return Err(ImportError::TooLarge);
    }
    let lower = file_name.to_ascii_lowercase();
    let extension = std::path::Path::new(&lower)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("");
    // Word's password protection and Word 97 both write an OLE compound file, whatever the
    // extension says.
    if bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) {
        return Err(ImportError::Protected);
    }
    match extension {
        "docx" => {
            let paragraphs = docx_paragraphs(bytes)?;
            if paragraphs.is_empty() {
                return Err(ImportError::NoReport("no text"));
            }
            Ok(paragraphs)
        }
        "txt" | "md" | "markdown" => {
            let (text, _) = crate::source::decode(bytes).map_err(|_| ImportError::Encoding)?;
            let markdown = extension != "txt";
            Ok(text_paragraphs(&text, markdown))
        }
        _ => Err(ImportError::Kind),
    }
}

/// Paragraphs of text: each non-empty line (a line of a web page or a Word file saved as text
/// is a paragraph); in Markdown, heading marks and quote marks taken off.
fn text_paragraphs(text: &str, markdown: bool) -> Vec<String> {
    text.lines()
        .map(|l| {
            let l = l.trim();
            if markdown {
                l.trim_start_matches('#')
                    .trim_start_matches('>')
                    .trim()
                    .replace('\\', "")
            } else {
                l.to_string()
            }
        })
        .filter(|l| !l.is_empty())
        .collect()
}

/// The paragraphs of a DOCX: the text of each `<w:p>` of `word/document.xml`.
fn docx_paragraphs(bytes: &[u8]) -> Result<Vec<String>, ImportError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| ImportError::Docx(e.to_string()))?;
    if zip.index_for_name("word/document.xml").is_none() {
        let names: Vec<&str> = zip.file_names().collect();
        let what = if names.iter().any(|n| n.starts_with("xl/")) {
            "spreadsheet"
        } else if names.iter().any(|n| n.starts_with("ppt/")) {
            "presentation"
        } else {
            "ZIP file"
        };
        return Err(ImportError::NotWord(what));
    }
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .map_err(|e| ImportError::Docx(e.to_string()))?
        .take(MAX_XML)
        .read_to_string(&mut xml)
        .map_err(|e| ImportError::Docx(e.to_string()))?;
    let mut out = Vec::new();
    for paragraph in xml.split("</w:p>") {
        let mut text = String::new();
        let mut rest = paragraph;
        while let Some(open) = rest.find("<w:t") {
            let after = &rest[open + 4..];
            // `<w:t>` or `<w:t xml:space="preserve">`, not `<w:tab/>` or `<w:tbl>`.
            if !after.starts_with('>') && !after.starts_with(' ') {
                rest = after;
                continue;
            }
            let Some(start) = after.find('>') else { break };
            let body = &after[start + 1..];
            let Some(end) = body.find("</w:t>") else {
                break;
            };
            text.push_str(&unescape_xml(&body[..end]));
            rest = &body[end..];
        }
        let text = text.trim().to_string();
        if !text.is_empty() {
            out.push(text);
        }
    }
    Ok(out)
}

fn unescape_xml(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Whether a paragraph is page furniture: a page number, a draft's or a sample's banner.
fn furniture(p: &str) -> bool {
    let bare: String = p.chars().filter(|c| !c.is_whitespace()).collect();
    let number = bare.trim_matches(|c| matches!(c, '—' | '-' | '－' | '第' | '页'));
    (!number.is_empty() && number.chars().all(|c| c.is_ascii_digit()) && bare != number)
        || bare.starts_with("草稿（DRAFT）")
        || bare.starts_with("样例数据（SAMPLE）")
        || bare.starts_with("草稿：本稿含待补充内容")
        || bare.starts_with("样例数据：本报告由示例数据生成")
}

/// The metadata of a government web page (`索引号：…`), when the paragraph is one.
fn metadata(p: &str) -> Option<(&'static str, String)> {
    const KEYS: &[(&str, &str)] = &[
        ("索引号", "index_no"),
        ("发布机构", "publisher"),
        ("发文机构", "publisher"),
        ("发布日期", "date"),
        ("生成日期", "generated"),
        ("主题分类", "topic"),
        ("体裁分类", "genre"),
        ("公开方式", "mode"),
        ("信息来源", "source"),
    ];
    let (key, value) = p.split_once(['：', ':'])?;
    let key = key.trim();
    KEYS.iter()
        .find(|(k, _)| *k == key)
        .map(|(_, name)| (*name, value.trim().to_string()))
}

/// The level of a heading marker at the start of a paragraph, and the marker's length in
/// bytes: `一、` 1, `（一）` 2, `1.` `1、` `1．` 3, `（1）` 4.
pub fn marker(p: &str) -> Option<(usize, usize)> {
    const HAN: &str = "一二三四五六七八九十";
    let take = |s: &str, f: &dyn Fn(char) -> bool| -> usize {
        s.char_indices()
            .find(|&(_, c)| !f(c))
            .map_or(s.len(), |(i, _)| i)
    };
    if let Some(rest) = p.strip_prefix('（') {
        let n = take(rest, &|c| HAN.contains(c));
        if n > 0 && rest[n..].starts_with('）') {
            return Some((2, '（'.len_utf8() + n + '）'.len_utf8()));
        }
        let n = take(rest, &|c| c.is_ascii_digit());
        if n > 0 && n <= 2 && rest[n..].starts_with('）') {
            return Some((4, '（'.len_utf8() + n + '）'.len_utf8()));
        }
        return None;
    }
    let n = take(p, &|c| HAN.contains(c));
    if n > 0 && p[n..].starts_with('、') {
        return Some((1, n + '、'.len_utf8()));
    }
    let n = take(p, &|c| c.is_ascii_digit());
    if n > 0 && n <= 2 {
        let rest = &p[n..];
        for dot in ['.', '、', '．'] {
            // `1.5万` is a number, not a heading.
            if rest.starts_with(dot)
                && !rest[dot.len_utf8()..].starts_with(|c: char| c.is_ascii_digit())
            {
                return Some((3, n + dot.len_utf8()));
            }
        }
    }
    None
}

/// The number a marker gives (`（三）` 3, `12.` 12).
fn marker_number(p: &str, len: usize) -> Option<u64> {
    let inner: String = p[..len]
        .chars()
        .filter(|c| !matches!(c, '（' | '）' | '、' | '.' | '．'))
        .collect();
    inner.parse().ok().or_else(|| han_number(&inner))
}

fn han_number(text: &str) -> Option<u64> {
    const DIGITS: &str = "一二三四五六七八九";
    let digit = |c: char| DIGITS.chars().position(|d| d == c).map(|i| i as u64 + 1);
    match text.chars().collect::<Vec<_>>().as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

/// Whether a paragraph ends a sentence (so the next one is not its continuation).
fn ends_sentence(p: &str) -> bool {
    p.trim_end()
        .ends_with(['。', '！', '？', '：', '；', '”', '’', '）', '」', '…'])
}

/// Paragraphs joined where a page break or a copy from a web page split a sentence.
fn joined(paragraphs: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in paragraphs {
        let continues = out.last().is_some_and(|last| {
            !ends_sentence(last)
                && marker(&p).is_none()
                && !is_date_line(&p)
                // Longer than a heading (30 characters; counted in bytes, as the paragraph being
                // joined may grow long).
                && last.len() > 60
                // A heading line is whole (a numbered sentence broken by a page is not).
                && (marker(last).is_none() || last.contains(['，', '。', '；']))
        });
        if continues {
            out.last_mut().expect("checked").push_str(&p);
        } else {
            out.push(p);
        }
    }
    out
}

/// A 成文日期 line: `2021年1月10日` (spaces allowed), and nothing else.
fn date_of(p: &str) -> Option<Date> {
    let bare: String = p.chars().filter(|c| !c.is_whitespace()).collect();
    let (year, rest) = bare.split_once('年')?;
    let (month, rest) = rest.split_once('月')?;
    let day = rest.strip_suffix('日')?;
    Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

fn is_date_line(p: &str) -> bool {
    date_of(p).is_some()
}

/// A 文号 alone on a line: `某府文〔2024〕6号`.
fn is_doc_no(p: &str) -> bool {
    p.chars().count() <= 30 && p.contains('〔') && p.ends_with('号') && !p.contains('。')
}

/// The statutory content a part's title reports (厅字〔2019〕28号).
fn statutory_item(title: &str) -> Option<u8> {
    if title.contains("第一责任人") {
        Some(3)
    } else if title.contains("不足") || title.contains("问题") {
        Some(2)
    } else if ["下一步", "下一年", "计划", "安排", "打算", "思路"]
        .iter()
        .any(|w| title.contains(w))
    {
        Some(4)
    } else if title.contains("其他") {
        Some(5)
    } else if ["举措", "成效", "情况", "工作"]
        .iter()
        .any(|w| title.contains(w))
    {
        Some(1)
    } else {
        None
    }
}

/// The kind of unit a name says: 镇 and 乡 townships, 街道 streets, 区 districts …
fn unit_kind(name: &str) -> UnitKind {
    let name = name.trim_end_matches("人民政府").trim_end_matches("办事处");
    if name.ends_with('镇') || name.ends_with('乡') {
        UnitKind::Township
    } else if name.ends_with("街道") {
        UnitKind::Street
    } else if name.ends_with('县') {
        UnitKind::County
    } else if name.ends_with('区') {
        UnitKind::District
    } else if name.ends_with('市') {
        UnitKind::City
    } else if name.ends_with('省') {
        UnitKind::Province
    } else if name.ends_with('部')
        || name.ends_with('署')
        || name.ends_with("总局") && !name.contains('县') && !name.contains('市')
    {
        UnitKind::StateCouncilDepartment
    } else {
        UnitKind::Department
    }
}

/// One section read from the outline.
#[derive(Debug, Default)]
struct Part {
    level: usize,
    /// Printed without a number (a sub-heading such as 问题产生的原因).
    unnumbered: bool,
    /// The block its items were moved to (`problems`, `plans`).
    block: Option<&'static str>,
    title: String,
    run_in: bool,
    text: Vec<String>,
    children: Vec<Part>,
}

/// A paragraph that starts with a marker, as a section: its title (to the first 。 when the
/// paragraph goes on, or the whole of it) and the rest of it.
fn part(level: usize, rest: &str) -> Part {
    let rest = rest.trim_start();
    let split = rest
        .char_indices()
        .find(|&(_, c)| c == '。' || c == '：')
        .filter(|&(i, _)| rest[..i].chars().count() <= 60);
    match split {
        Some((i, c)) if i + c.len_utf8() < rest.len() || c == '：' => {
            let (title, body) = rest.split_at(i + c.len_utf8());
            let title = if c == '。' { &title[..i] } else { title };
            Part {
                level,
                title: title.to_string(),
                run_in: true,
                text: [body.trim()]
                    .into_iter()
                    .filter(|b| !b.is_empty())
                    .map(String::from)
                    .collect(),
                ..Part::default()
            }
        }
        Some((i, _)) => Part {
            level,
            title: rest[..i].to_string(),
            run_in: true,
            ..Part::default()
        },
        None => Part {
            level,
            title: rest.to_string(),
            run_in: false,
            ..Part::default()
        },
    }
}

/// Splits a paragraph of run-in items `（1）……（2）……` into one paragraph per item.
fn split_items(p: &str) -> Vec<String> {
    if !p.starts_with("（1）") || !p.contains("（2）") {
        return vec![p.to_string()];
    }
    let mut out = Vec::new();
    let mut start = 0;
    let mut n = 2;
    let skip = '（'.len_utf8();
    while let Some(at) = p[start + skip..]
        .find(&format!("（{n}）"))
        .map(|i| i + start + skip)
    {
        out.push(p[start..at].to_string());
        start = at;
        n += 1;
    }
    out.push(p[start..].to_string());
    out
}

/// Turns the paragraphs of a report into data files.
pub fn import(paragraphs: Vec<String>, year: Option<u16>) -> Result<Imported, ImportError> {
    let mut imported = Imported::default();
    let mut meta: Vec<(&'static str, String)> = Vec::new();
    let mut kept = Vec::new();
    let mut sample = false;
    for p in paragraphs {
        let bare = p.trim_start_matches('>').trim_start();
        sample |= bare.starts_with("样例数据（SAMPLE）")
            || bare.starts_with("样例数据：本报告由示例数据生成");
        if furniture(&p) {
            continue;
        }
        match metadata(&p) {
            Some(m) => meta.push(m),
            None => kept.push(p),
        }
    }
    // Words that look like template syntax are kept as words: `{{` prints as itself.
    let kept: Vec<String> = joined(kept)
        .iter()
        .flat_map(|p| split_items(p))
        .map(|p| {
            p.replace("{{", "{{ '{{' }}")
                .replace("{%", "{{ '{%' }}")
                .replace("{#", "{{ '{#' }}")
        })
        .collect();
    let mut ps = kept.into_iter().peekable();
    if ps.peek().is_none() {
        return Err(ImportError::NoReport("empty"));
    }
    // The title: the first paragraph, and a second when the first is the unit's name alone.
    let mut title_lines = vec![ps.next().expect("not empty")];
    if !title_lines[0].contains("报告")
        && ps
            .peek()
            .is_some_and(|p| p.contains("报告") && marker(p).is_none())
    {
        title_lines.push(ps.next().expect("peeked"));
    }
    let doc_no = ps.next_if(|p| is_doc_no(p));
    let recipient = ps
        .next_if(|p| {
            p.ends_with('：') && p.chars().count() <= 40 && !p.contains('。') && marker(p).is_none()
        })
        .map(|p| p.trim_end_matches('：').to_string());
    let mut intro = Vec::new();
    let mut highlights = Vec::new();
    while let Some(p) = ps.next_if(|p| marker(p).is_none_or(|(l, _)| l != 1)) {
        if p.starts_with("——") {
            highlights.push(p);
        } else {
            intro.push(p);
        }
    }
    let mut rest: Vec<String> = ps.collect();
    // The sign-off at the end: the date, and the 署名 above it.
    let mut date = None;
    let mut signer = None;
    if let Some(d) = rest.last().and_then(|p| date_of(p)) {
        date = Some(d);
        rest.pop();
        if rest.last().is_some_and(|p| {
            p.chars().count() <= 30 && !p.contains(['。', '，', '：']) && marker(p).is_none()
        }) {
            signer = rest.pop();
        }
    }
    if rest.is_empty() {
        return Err(ImportError::NoReport("no outline"));
    }
    // The outline. Numbers are read to see whether a level runs on through a part (1. 2.
    // under （一）, 3. under （二）), and where an unnumbered sub-heading starts them again.
    let mut roots: Vec<Part> = Vec::new();
    let mut continuous: Vec<u8> = Vec::new();
    let mut last_number = [0u64; 5];
    let mut pending_heading: Option<String> = None;
    let mut heading_open: Option<usize> = None;
    let rest_len = rest.len();
    for (k, p) in rest.into_iter().enumerate() {
        match marker(&p) {
            Some((level, len)) => {
                let number = marker_number(&p, len).unwrap_or(0);
                // A level starts again below each section of the level above.
                let restarted = number == 1;
                if level >= 2 && !restarted && last_number[level] == 0 && number > 1 {
                    let level = level as u8;
                    if !continuous.contains(&level) {
                        continuous.push(level);
                    }
                }
                if heading_open.is_some_and(|l| level < l) {
                    heading_open = None;
                }
                if let Some(heading) = pending_heading.take() {
                    // `问题产生的原因` then （一）…: a heading that takes no level; what follows
                    // at its level goes inside it.
                    insert(
                        &mut roots,
                        Part {
                            level,
                            unnumbered: true,
                            title: heading,
                            ..Part::default()
                        },
                    );
                    imported.sections[level - 1] += 1;
                    heading_open = Some(level);
                }
                let section = part(level, &p[len..]);
                imported.sections[level - 1] += 1;
                match heading_open.filter(|&l| l == level) {
                    Some(_) => {
                        if let Some(h) = last_heading(&mut roots, level) {
                            h.children.push(section);
                        }
                    }
                    None => insert(&mut roots, section),
                }
                last_number[level] = number;
                for n in &mut last_number[level + 1..] {
                    *n = 0;
                }
            }
            None => {
                // A short line without a stop, right before numbering that starts again, is a
                // sub-heading; else the paragraph is text of the section it follows.
                let heading_like = p.chars().count() <= 20
                    && !p.contains(['。', '，', '：', '；'])
                    && k + 1 < rest_len;
                if heading_like && last_open(&mut roots).is_some_and(|s| s.level >= 1) {
                    // Two short lines in a row: the first is text, never lost.
                    if let Some(earlier) = pending_heading.replace(p) {
                        imported.paragraphs += 1;
                        if let Some(section) = last_open(&mut roots) {
                            section.text.push(earlier);
                        }
                    }
                    continue;
                }
                imported.paragraphs += 1;
                match last_open(&mut roots) {
                    Some(section) => section.text.push(p),
                    None => intro.push(p),
                }
            }
        }
    }
    if let Some(heading) = pending_heading {
        imported.paragraphs += 1;
        match last_open(&mut roots) {
            Some(section) => section.text.push(heading),
            None => intro.push(heading),
        }
    }
    // The year and the unit.
    let title: String = title_lines.concat();
    let bare_title: String = title.chars().filter(|c| !c.is_whitespace()).collect();
    let title_year = bare_title
        .char_indices()
        .filter(|&(_, c)| c == '年')
        .find_map(|(i, _)| {
            bare_title[..i]
                .get(i.saturating_sub(4)..)
                .and_then(|y| y.parse::<u16>().ok())
        });
    let year = year
        .or(title_year)
        .or_else(|| date.map(|d| d.year - 1))
        .unwrap_or(2024);
    let unit_name = bare_title
        .split("关于")
        .next()
        .filter(|u| bare_title.contains("关于") && !u.is_empty())
        .map(|u| u.trim_end_matches(char::is_numeric).to_string())
        .or_else(|| {
            signer
                .clone()
                .map(|s| s.trim_end_matches("人民政府").to_string())
        })
        .unwrap_or_else(|| "待补充".to_string());
    let kind = unit_kind(&unit_name);
    imported.guesses.push(Text::new(
        format!(
            "the unit is {unit_name}, of kind {} (from the title and the 署名)",
            kind.key()
        ),
        format!(
            "单位为“{unit_name}”，类别为 {}（据标题和署名推断）",
            kind.key()
        ),
    ));
    // What the text does not say is left to fill in, never made up.
    if date.is_none() {
        imported.guesses.push(Text::new(
            "no 成文日期 found: written as 待补充",
            "未找到成文日期：写作“待补充”",
        ));
    }
    let signer = signer.unwrap_or_else(|| {
        imported.guesses.push(Text::new(
            "no 署名 found: written as 待补充",
            "未找到署名：写作“待补充”",
        ));
        PLACEHOLDER.to_string()
    });
    // report.toml
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# 由 `report import` 从原报告导入 — imported by `report import`."
    );
    let _ = writeln!(
        out,
        "# 请核对推断的内容（单位类别、年度）/ check what was guessed (the unit's kind, the year)."
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "year = {year}");
    match date {
        Some(date) => {
            let _ = writeln!(out, "date = {date}");
        }
        None => {
            let _ = writeln!(out, "date = \"{PLACEHOLDER}\"  # 原文未写成文日期，请填写");
        }
    }
    let _ = writeln!(out, "signer = {}", quoted(&signer));
    let default_title = format!("{unit_name}关于{year}年法治政府建设工作的报告");
    if title != default_title {
        let _ = writeln!(out, "title = {}", quoted(&title_lines.join("\n")));
    }
    if let Some(no) = &doc_no {
        let _ = writeln!(out, "doc_no = {}", quoted(no));
    }
    if let Some(r) = &recipient {
        let _ = writeln!(out, "recipient = {}", quoted(r));
    }
    if sample {
        let _ = writeln!(out, "sample = true");
    }
    if !continuous.is_empty() {
        let levels: Vec<String> = continuous.iter().map(ToString::to_string).collect();
        let _ = writeln!(
            out,
            "style = {{ continuous_levels = [{}] }}",
            levels.join(", ")
        );
    }
    if !highlights.is_empty() {
        let items: Vec<String> = highlights.iter().map(|h| quoted(h)).collect();
        let _ = writeln!(out, "highlights = [{}]", items.join(", "));
    }
    let published_date = meta.iter().find(|(k, _)| *k == "date").and_then(|(_, v)| {
        let v = v.replace(['/', '.'], "-");
        let mut parts = v.split('-').map(|p| p.trim().parse::<u16>().ok());
        let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
        Date::new(y, u8::try_from(m).ok()?, u8::try_from(d).ok()?)
    });
    if let Some(d) = published_date {
        let mut fields = vec![format!("date = {d}")];
        for (key, value) in &meta {
            if matches!(*key, "index_no" | "publisher") {
                fields.push(format!("{key} = {}", quoted(value)));
            }
        }
        let _ = writeln!(out, "published = {{ {} }}", fields.join(", "));
    }
    // Data out of the words: documents cited 《标题》（文号）, counts with their measure words.
    let mut data = Extracted::default();
    let intro: Vec<String> = intro.iter().map(|p| data.extract(p)).collect();
    for root in &mut roots {
        extract_all(root, &mut data);
    }
    if !intro.is_empty() {
        let _ = writeln!(out, "intro = {}", multiline(&intro.join("\n\n")));
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "[unit]");
    let _ = writeln!(out, "name = {}", quoted(&unit_name));
    let _ = writeln!(out, "kind = \"{}\"  # 推断 / guessed", kind.key());
    // The items of the shortcomings and of next year's arrangements become problems.toml and
    // plans.toml, when they are all run-in items (as the blocks print them).
    let mut problems = String::new();
    let mut plans = String::new();
    for root in &mut roots {
        let (list, file) = match statutory_item(&root.title) {
            Some(2) => ("problems", &mut problems),
            Some(4) => ("plans", &mut plans),
            _ => continue,
        };
        let movable = !root.children.is_empty()
            && root
                .children
                .iter()
                .all(|c| c.run_in && c.children.is_empty() && !c.unnumbered && c.level == 2);
        if !movable || root.block.is_some() {
            continue;
        }
        for item in root.children.drain(..) {
            let _ = writeln!(file);
            let _ = writeln!(file, "[[{list}]]");
            let _ = writeln!(file, "title = {}", quoted(&item.title));
            if !item.text.is_empty() {
                let _ = writeln!(file, "text = {}", multiline(&item.text.join("\n\n")));
            }
        }
        root.block = Some(if list == "problems" {
            "problems"
        } else {
            "plans"
        });
    }
    for d in &data.documents {
        let _ = writeln!(out);
        let _ = writeln!(out, "[[documents]]");
        let _ = writeln!(out, "id = {}", quoted(&d.0));
        let _ = writeln!(out, "title = {}", quoted(&d.1));
        let _ = writeln!(out, "doc_no = {}", quoted(&d.2));
    }
    for root in &roots {
        write_part(&mut out, root, "sections");
    }
    imported.documents = data.documents.len();
    imported.counts = data.counts.len();
    imported.studied = data.studied.len();
    imported.files.push(("report.toml", out));
    for (name, items, what) in [
        (
            "problems.toml",
            problems,
            "存在的不足 — the shortcomings, as the report gave them (add each `cause`).",
        ),
        (
            "plans.toml",
            plans,
            "下一年度安排 — next year's arrangements, as the report gave them.",
        ),
    ] {
        if !items.is_empty() {
            imported
                .files
                .push((name, format!("# 由 `report import` 导入：{what}\n{items}")));
        }
    }
    if !data.studied.is_empty() {
        let mut study = String::from(
            "# 由 `report import` 从原报告的文字中取出的学习内容 — the laws studied, titles without 《》.\n",
        );
        for (title, suffix) in &data.studied {
            let _ = writeln!(study);
            let _ = writeln!(study, "[[studied]]");
            let _ = writeln!(study, "title = {}", quoted(title));
            if let Some(suffix) = suffix {
                let _ = writeln!(study, "suffix = {}", quoted(suffix));
            }
        }
        imported.files.push(("study.toml", study));
    }
    if !data.counts.is_empty() {
        let mut stats = String::from(
            "# 由 `report import` 从原报告的文字中取出的数量 — counts taken out of the text.\n",
        );
        for (key, name, value, qualifier, unit) in &data.counts {
            let _ = writeln!(stats);
            let _ = writeln!(stats, "[counts.{key}]");
            let _ = writeln!(stats, "name = {}", quoted(name));
            let _ = writeln!(stats, "value = {value}");
            let _ = writeln!(stats, "unit = {}", quoted(unit));
            if let Some(q) = qualifier {
                let _ = writeln!(stats, "qualifier = \"{q}\"");
            }
        }
        imported.files.push(("statistics.toml", stats));
    }
    Ok(imported)
}

/// Writes an import as a new report folder.
pub fn write(
    dir: &std::path::Path,
    imported: &Imported,
) -> Result<Vec<std::path::PathBuf>, crate::ops::init::InitError> {
    crate::ops::init::write_folder(dir, &imported.files)
}

/// Data taken out of the words: documents `(id, title, 文号)` and counts
/// `(key, name, value, qualifier, unit)`.
#[derive(Debug, Default)]
struct Extracted {
    documents: Vec<(String, String, String)>,
    /// The laws studied (title, suffix): the first run of two or more 《》 titles in a
    /// sentence about 学习.
    studied: Vec<(String, Option<String>)>,
    counts: Vec<(String, String, u64, Option<&'static str>, String)>,
    /// Every key given, and the last number added to each base key.
    keys: std::collections::HashSet<String>,
    suffixes: std::collections::HashMap<String, usize>,
}

/// At most this many documents and counts are taken out of one report; past them the words
/// stay words (a real report has some tens).
const MAX_EXTRACTED: usize = 2_000;

/// Verbs before a count in reports: 举办…15场, 发放…1000余册.
const VERBS: &[&str] = &[
    "举办", "开展", "发放", "建立", "组织", "受理", "办理", "审查", "调解", "培训", "印发", "制定",
    "出动", "张贴", "悬挂", "设置", "接待", "提供", "解答", "审核", "聘请", "成立", "召开", "开设",
];

/// Measure words a count ends with.
const MEASURE_WORDS: &str = "场次个人件项条册份名家所处户起期批篇块幅张台辆套";

impl Extracted {
    /// `key`, or `key_2`, `key_3` … when it is taken.
    fn unique(&mut self, key: &str) -> String {
        if self.keys.insert(key.to_string()) {
            return key.to_string();
        }
        let n = self.suffixes.entry(key.to_string()).or_insert(1);
        loop {
            *n += 1;
            let candidate = format!("{key}_{n}");
            if self.keys.insert(candidate.clone()) {
                return candidate;
            }
        }
    }

    /// The text with its citations and counts named as data.
    fn extract(&mut self, text: &str) -> String {
        let text = self.documents_in(text);
        let text = self.studied_in(&text);
        self.counts_in(&text)
    }

    /// The first run of laws studied (`学习了《宪法》、《民法典》摘编《土地管理法》等`) becomes
    /// `study.toml`, the text naming it `{{ studied | titles }}`. A 、 between 》 and 《 is not
    /// kept (GB/T 15834 4.15 wants none; `report check` would list it).
    fn studied_in(&mut self, text: &str) -> String {
        if !self.studied.is_empty() {
            return text.to_string();
        }
        let mut from = 0;
        // Where the sentence holding the title starts, carried forward (never searched back
        // from each 《: a text of 《 would cost its length squared).
        let mut sentence_start = 0;
        while let Some(open) = text[from..].find('《').map(|o| o + from) {
            if let Some(stop) = text[from..open].rfind(['。', '；']) {
                sentence_start = from + stop + '。'.len_utf8();
            }
            let run = titles_run(&text[open..]);
            if run.1.len() >= 2 && text[sentence_start..open].contains('学') {
                self.studied = run.1;
                return format!(
                    "{}{{{{ studied | titles }}}}{}",
                    &text[..open],
                    &text[open + run.0..]
                );
            }
            from = open + run.0.max('《'.len_utf8());
        }
        text.to_string()
    }

    fn documents_in(&mut self, text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(open) = rest.find('《') {
            let after = &rest[open + '《'.len_utf8()..];
            // A title and its 文号 are short: looked for within a few hundred bytes, so a text
            // full of 《 costs no more than its length.
            let mut window = after.len().min(600);
            while !after.is_char_boundary(window) {
                window -= 1;
            }
            let cited = after[..window].find("》（").and_then(|close| {
                let title = &after[..close];
                let tail = &after[close + "》（".len()..];
                let mut short = tail.len().min(120);
                while !tail.is_char_boundary(short) {
                    short -= 1;
                }
                let end = tail[..short].find('）')?;
                let doc_no = &tail[..end];
                let looks = doc_no.contains('〔')
                    && doc_no.trim_end().ends_with('号')
                    && !title.contains(['《', '》']);
                looks.then(|| {
                    (
                        title.to_string(),
                        doc_no.to_string(),
                        close + "》（".len() + end + '）'.len_utf8(),
                    )
                })
            });
            match cited.filter(|_| self.documents.len() < MAX_EXTRACTED) {
                Some((title, doc_no, len)) => {
                    out.push_str(&rest[..open]);
                    let id = match self
                        .documents
                        .iter()
                        .find(|d| d.1 == title && d.2 == doc_no)
                    {
                        Some(d) => d.0.clone(),
                        None => {
                            let id = self.unique(&doc_id(&doc_no));
                            self.documents.push((id.clone(), title, doc_no));
                            id
                        }
                    };
                    let _ = write!(out, "{{{{ document.{id} | cite }}}}");
                    rest = &after[len..];
                }
                None => {
                    out.push_str(&rest[..open + '《'.len_utf8()]);
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// Counts written as a name, a number and a measure word (`举办法律知识咨询活动15场`,
    /// `等资料共 1000 余册`): the name runs back from the number to a verb, a 等, or whatever is
    /// not a Han character; a 共, 计, 达 or 为 before the number stays in the text.
    fn counts_in(&mut self, text: &str) -> String {
        let cs: Vec<(usize, char)> = text.char_indices().collect();
        let mut out = String::new();
        let mut copied = 0;
        let mut i = 0;
        while i < cs.len() {
            if !cs[i].1.is_ascii_digit()
                || i > 0 && (cs[i - 1].1.is_ascii_digit() || cs[i - 1].1 == '.')
            {
                i += 1;
                continue;
            }
            let digits_start = i;
            let mut j = i;
            while j < cs.len() && cs[j].1.is_ascii_digit() {
                j += 1;
            }
            let digits_end = j;
            while j < cs.len() && cs[j].1 == ' ' {
                j += 1;
            }
            let qualifier = match cs.get(j).map(|c| c.1) {
                Some('余') => Some("over"),
                Some('多') => Some("more"),
                _ => None,
            };
            let mut unit_at = j + usize::from(qualifier.is_some());
            while qualifier.is_some() && unit_at < cs.len() && cs[unit_at].1 == ' ' {
                unit_at += 1;
            }
            let unit = cs
                .get(unit_at)
                .map(|c| c.1)
                .filter(|c| MEASURE_WORDS.contains(*c));
            // Back from the number: spaces, a linking word, then the name.
            let mut k = digits_start;
            while k > 0 && cs[k - 1].1 == ' ' {
                k -= 1;
            }
            if k > 0 && "共计达为".contains(cs[k - 1].1) {
                k -= 1;
            }
            let name_end = k;
            while k > 0 && crate::validate::is_han(cs[k - 1].1) && name_end - k < 12 {
                k -= 1;
            }
            // The name starts after the last verb or 等 before the number; without one, the
            // words are not taken for a count.
            let run_start = k;
            let mut name_start = run_start;
            let mut p = run_start;
            while p < name_end {
                let here = cs[p].0;
                if let Some(v) = VERBS.iter().find(|v| text[here..].starts_with(**v)) {
                    p += v.chars().count();
                    name_start = p;
                } else {
                    if cs[p].1 == '等' {
                        name_start = p + 1;
                    }
                    p += 1;
                }
            }
            if name_start == run_start {
                i = digits_end;
                continue;
            }
            let digits: String = cs[digits_start..digits_end].iter().map(|c| c.1).collect();
            let (Some(unit), Ok(value)) = (unit, digits.parse::<u64>()) else {
                i = digits_end;
                continue;
            };
            if name_end < name_start + 2 || digits_end - digits_start > 9 {
                i = digits_end;
                continue;
            }
            let name: String = cs[name_start..name_end].iter().map(|c| c.1).collect();
            if self.counts.len() >= MAX_EXTRACTED {
                i = digits_end;
                continue;
            }
            let key = self.unique(&count_key(&name));
            self.counts
                .push((key.clone(), name, value, qualifier, unit.to_string()));
            // The name and the amount become the reference; a linking word stays before it.
            let linked = name_end < digits_start && "共计达为".contains(cs[name_end].1);
            let start = cs[name_start].0;
            let end = cs.get(unit_at + 1).map_or(text.len(), |c| c.0);
            if start < copied {
                i = digits_end;
                continue;
            }
            out.push_str(&text[copied..start]);
            if linked {
                let _ = write!(
                    out,
                    "{{{{ counts.{key}.name }}}}{}{{{{ counts.{key}.amount }}}}",
                    cs[name_end].1
                );
            } else {
                let _ = write!(out, "{{{{ counts.{key} }}}}");
            }
            copied = end;
            i = unit_at + 1;
        }
        out.push_str(&text[copied..]);
        out
    }
}

/// A run of 《》 titles at the start of `text`, each with an optional short suffix
/// (`《甲》、《乙》摘编《丙》`): the bytes it spans and the titles.
fn titles_run(text: &str) -> (usize, Vec<(String, Option<String>)>) {
    let mut items = Vec::new();
    let mut at = 0;
    let mut end = 0;
    while text[at..].starts_with('《') {
        let body = &text[at + '《'.len_utf8()..];
        // A title is short: looked for within its bound only, so a text full of 《 costs no
        // more than its length.
        let mut window = body.len().min(150 + '》'.len_utf8());
        while !body.is_char_boundary(window) {
            window -= 1;
        }
        let Some(close) = body[..window]
            .find('》')
            .filter(|&c| c <= 150 && !body[..c].contains('《'))
        else {
            break;
        };
        let title = &body[..close];
        if title.is_empty() || title.contains(['{', '}']) {
            break;
        }
        let after = &body[close + '》'.len_utf8()..];
        // A suffix is a few Han characters followed by the next title.
        let suffix_len = after
            .char_indices()
            .take_while(|&(i, c)| i < 12 && crate::validate::is_han(c) && c != '等')
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8());
        let rest = &after[suffix_len..];
        let next = rest.strip_prefix('、').unwrap_or(rest);
        let suffix =
            (suffix_len > 0 && next.starts_with('《')).then(|| after[..suffix_len].to_string());
        items.push((title.to_string(), suffix.clone()));
        let consumed = at + '《'.len_utf8() + close + '》'.len_utf8();
        let consumed = consumed + suffix.as_ref().map_or(0, String::len);
        end = consumed;
        let tail = &text[consumed..];
        let tail_next = tail.strip_prefix('、').unwrap_or(tail);
        if !tail_next.starts_with('《') {
            break;
        }
        at = consumed + (tail.len() - tail_next.len());
    }
    (end, items)
}

/// The pinyin of Han characters, others kept if ASCII letters or digits.
fn pinyin_of(text: &str, most: usize) -> String {
    use pinyin::ToPinyin as _;
    text.chars()
        .filter_map(|c| match c.to_pinyin() {
            // ü is typed v, as on every Chinese keyboard: keys stay ASCII.
            Some(p) => Some(p.plain().replace('ü', "v")),
            None if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase().to_string()),
            None => None,
        })
        .take(most)
        .collect()
}

/// A document's id from its 文号: the initials of its 代字, the year and the number
/// (`潼委法〔2020〕2号` → `twf_2020_2`).
fn doc_id(doc_no: &str) -> String {
    use pinyin::ToPinyin as _;
    let code: String = doc_no
        .split('〔')
        .next()
        .unwrap_or("")
        .chars()
        .filter_map(|c| c.to_pinyin().and_then(|p| p.plain().chars().next()))
        .filter(char::is_ascii_alphabetic)
        .collect();
    let digits: Vec<String> = doc_no
        .split(|c: char| !c.is_ascii_digit())
        .filter(|d| !d.is_empty())
        .map(String::from)
        .collect();
    let id = [code]
        .into_iter()
        .chain(digits)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    if id.is_empty() { "doc".to_string() } else { id }
}

/// A count's key from its name: the pinyin of its first characters (`法律知识咨询活动` →
/// `falvzhishizixun`).
fn count_key(name: &str) -> String {
    let key = pinyin_of(name, 6);
    if key.is_empty() {
        "count".to_string()
    } else {
        key
    }
}

fn extract_all(part: &mut Part, data: &mut Extracted) {
    for text in &mut part.text {
        *text = data.extract(text);
    }
    for child in &mut part.children {
        extract_all(child, data);
    }
}

/// Puts a section into the tree: under the last section of the level above, or as a root.
fn insert(roots: &mut Vec<Part>, section: Part) {
    let mut list = roots;
    loop {
        let go_deeper = list.last().is_some_and(|last| last.level < section.level);
        if !go_deeper {
            list.push(section);
            return;
        }
        list = &mut list.last_mut().expect("checked").children;
    }
}

/// The open unnumbered heading at `level`: the last section at that level along the last
/// branch, when it is one.
fn last_heading(roots: &mut [Part], level: usize) -> Option<&mut Part> {
    let mut section = roots.last_mut()?;
    while !(section.level == level && section.unnumbered) {
        section = section.children.last_mut()?;
    }
    Some(section)
}

/// The section the next plain paragraph belongs to: the last one, deepest.
fn last_open(roots: &mut [Part]) -> Option<&mut Part> {
    let mut section = roots.last_mut()?;
    while !section.children.is_empty() {
        section = section.children.last_mut().expect("not empty");
    }
    Some(section)
}

fn write_part(out: &mut String, part: &Part, table: &str) {
    let _ = writeln!(out);
    let _ = writeln!(out, "[[{table}]]");
    let _ = writeln!(out, "title = {}", quoted(&part.title));
    if part.unnumbered {
        let _ = writeln!(out, "numbered = false");
        let _ = writeln!(out, "heading = \"standalone\"");
    }
    // Parts are tagged by their wording; a deeper section only for the principal leaders'
    // duties, which reports often put inside the first part.
    let item = match part.level {
        1 => statutory_item(&part.title),
        _ => part.title.contains("第一责任人").then_some(3),
    };
    if let Some(item) = item {
        let _ = writeln!(out, "statutory_item = {item}");
    }
    // Levels 1–2 stand alone and deeper ones run in unless the original did otherwise.
    match (part.level <= 2 || part.unnumbered, part.run_in) {
        _ if part.unnumbered => {}
        (true, true) => {
            let _ = writeln!(out, "heading = \"run_in\"");
        }
        (false, false) if !part.text.is_empty() || !part.children.is_empty() => {
            let _ = writeln!(out, "heading = \"standalone\"");
        }
        _ => {}
    }
    if !part.text.is_empty() {
        let _ = writeln!(out, "text = {}", multiline(&part.text.join("\n\n")));
    }
    if let Some(block) = part.block {
        let _ = writeln!(out, "block = \"{block}\"");
    }
    let inner = format!("{table}.sections");
    for child in &part.children {
        write_part(out, child, &inner);
    }
}

/// A TOML basic string.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML multi-line literal string when the text allows one, else a basic string. Text that
/// looks like template syntax is kept as words: `{{` is written so that it prints as itself.
fn multiline(text: &str) -> String {
    if text.contains("'''") || text.chars().any(|c| c.is_control() && c != '\n') {
        quoted(text)
    } else {
        format!("'''\n{text}\n'''")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_read_by_level() {
        assert_eq!(marker("一、基本情况"), Some((1, "一、".len())));
        assert_eq!(marker("（二）强化领导"), Some((2, "（二）".len())));
        assert_eq!(marker("3、强化经费保障"), Some((3, "3、".len())));
        assert_eq!(marker("1. 落实责任"), Some((3, 2)));
        assert_eq!(marker("（4）在尊法上"), Some((4, "（4）".len())));
        assert_eq!(marker("1.5万人"), None);
        assert_eq!(marker("2020年以来"), None);
    }

    proptest::proptest! {
        /// Whatever the text, importing it gives a report or a reason, never a panic, and what
        /// it writes is TOML.
        #[test]
        fn any_text_imports_or_is_refused(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "一、", "（一）", "1.", "1、", "（1）", "（2）", "3、", "标题", "报告", "关于", "2020 年",
                "。", "，", "：", "\n", "\n\n", "— 1 —", "索引号：1", "发布日期：2021-03-01",
                "2021年1月10日", "太安镇人民政府", "《规划》（某府发〔2021〕1号）", "{{ x }}", "'''",
                "——亮点", "样例数据（SAMPLE）", "\"", "\\", "十", "（", "）", "、",
            ]), 0..40),
        ) {
            let text: String = pieces.concat();
            if let Ok(imported) = import(text_paragraphs(&text, false), None) {
                let report = &imported.files[0].1;
                proptest::prop_assert!(report.parse::<toml::Table>().is_ok(), "{}", report);
            }
        }
    }

    #[test]
    fn page_furniture_is_taken_out() {
        assert!(furniture("— 1 —"));
        assert!(furniture("- 12 -"));
        assert!(furniture("第 3 页"));
        assert!(!furniture("2021 年 1 月 10 日"));
        assert!(!furniture("一、基本情况"));
    }
}
