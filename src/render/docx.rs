//! The view model as a Word document (DOCX), laid out as GB/T 9704 says.
//!
//! A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm on a grid of 22 lines × 28 characters; named
//! paragraph styles for the title and each heading level; the east-Asian font set on every run
//! (so Word and WPS never fall back to a Latin font for Chinese); 16 pt body; page numbers
//! “— 1 —” in 4号 宋体 in the footer, right on odd pages and left on even ones. Output is
//! deterministic: document dates are the 成文日期.
//!
//! The package is written directly, part by part, with only the parts a report uses: the
//! document, its styles, its settings (odd and even footers, mirrored margins, the 禁则), the
//! font table (each face with its substitute) and theme, the two footers and the core
//! properties. Elements are in the order the WordprocessingML schema gives them (Word refuses
//! some documents whose properties are out of order). The parts are stored, not deflated:
//! measured on 1,000 reports, deflating cost more time than the smaller files saved (see
//! [`COMPRESSION`]).

use std::fmt::Write as _;
use std::io::Write as _;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::view::{ReportView, SectionView};

/// Twips per millimetre.
const TWIPS_PER_MM: f64 = 1440.0 / 25.4;
/// Body size in half-points (3号 = 16 pt).
const BODY_SIZE: usize = 32;
/// Title size in half-points (2号 = 22 pt).
const TITLE_SIZE: usize = 44;
/// One character of the grid in twips (156 mm / 28).
const CHAR_TWIPS: i32 = 315;
/// Run character spacing in twentieths of a point: 16 pt − 0.25 pt puts 28 characters in the
/// 156 mm line, in Word and in LibreOffice alike (a character grid alone is read differently
/// by the two).
const SQUEEZE: i32 = -5;
/// Line pitch in twips (225 mm / 22).
const LINE_TWIPS: i32 = 579;
/// The type area's width in twips (156 mm).
const TYPE_AREA_TWIPS: i32 = 28 * CHAR_TWIPS;

const FANGSONG: &str = "仿宋_GB2312";
const HEITI: &str = "黑体";
const KAITI: &str = "楷体_GB2312";
const SONGTI: &str = "宋体";
const XIAOBIAOSONG: &str = "方正小标宋简体";

/// Every face the document names, with what a machine without it uses instead (`w:altName`:
/// the faces a stock Windows has), its PANOSE class and its character set (GB2312, 0x86).
const FONTS: [(&str, &str, &str, &str); 5] = [
    (FANGSONG, "仿宋", "02010609060101010101", "modern"),
    (KAITI, "楷体", "02010609060101010101", "modern"),
    (HEITI, "SimHei", "02010609060101010101", "modern"),
    (SONGTI, "SimSun", "02010600030101010101", "auto"),
    (XIAOBIAOSONG, "华文中宋", "02010600040101010101", "auto"),
];

/// `word/fontTable.xml`: each face with its substitutes.
fn font_table() -> String {
    let mut out = String::with_capacity(2048);
    out.push_str(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#
    ));
    for (name, alt, panose, family) in FONTS {
        let _ = write!(
            out,
            concat!(
                r#"<w:font w:name="{name}"><w:altName w:val="{alt}" />"#,
                r#"<w:panose1 w:val="{panose}" /><w:charset w:val="86" />"#,
                r#"<w:family w:val="{family}" /><w:pitch w:val="variable" /></w:font>"#
            ),
            name = name,
            alt = alt,
            panose = panose,
            family = family,
        );
    }
    out.push_str("</w:fonts>");
    out
}

/// How the parts are put in the package: stored, by measurement. On 1,000 generated reports
/// (`bash bench/run.sh`, 2 cores), deflating at zlib's fastest level made a `report.docx`
/// 10.8 KB instead of 33.9 KB but took the DOCX build from 0.25 s to 0.32 s; copying the
/// whole output folder (md, html and docx) took 0.10 s instead of 0.11 s. A report of a few
/// dozen kilobytes is small either way, and the time is the clerk's.
const COMPRESSION: zip::CompressionMethod = zip::CompressionMethod::Stored;

/// A document of more paragraphs than this is refused (E0304): a report has a few hundred.
pub const MAX_PARAGRAPHS: usize = 20_000;

/// A document whose text part grows past this many megabytes is refused (E0304): a report's
/// is well under one, and every run repeats its properties, so a text split into thousands
/// of tiny runs grows many times its size.
pub const MAX_MEGABYTES: usize = 64;

/// Why a DOCX could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// More than [`MAX_PARAGRAPHS`] paragraphs, or more than [`MAX_MEGABYTES`].
    #[error("more than {MAX_PARAGRAPHS} paragraphs or {MAX_MEGABYTES} MB")]
    TooLarge,
    /// The package could not be written.
    #[error("{0}")]
    Pack(String),
}

fn mm(v: f64) -> i32 {
    (v * TWIPS_PER_MM).round() as i32
}

/// The font of a heading level (1 黑体, 2 楷体, 3+ 仿宋).
fn heading_font(level: usize) -> &'static str {
    match level {
        1 => HEITI,
        2 => KAITI,
        _ => FANGSONG,
    }
}

/// Whether XML 1.0 allows the character in a document ([`next_to_escape`] finds the others
/// in the bytes; a test holds the two equal).
#[cfg(test)]
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Appends `text` escaped for XML content or a quoted attribute. Characters XML 1.0 cannot
/// hold never reach the document (`check` reports them as E0713 before a build; this keeps a
/// draft well-formed too).
fn push_escaped(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(i) = next_to_escape(rest.as_bytes()) {
        out.push_str(&rest[..i]);
        let c = rest[i..].chars().next().unwrap_or_default();
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => {}
        }
        rest = &rest[i + c.len_utf8()..];
    }
    out.push_str(rest);
}

/// Where in `bytes` the first character [`push_escaped`] does not copy starts: a mark XML
/// escapes, or a character XML cannot hold ([`xml_char`]: a control character, U+FFFE or
/// U+FFFF). Found in the bytes, without decoding the text (most of it is Han).
fn next_to_escape(bytes: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = bytes[from..]
        .iter()
        .position(|&b| MAY_ESCAPE[usize::from(b)])
    {
        let at = from + i;
        // 0xEF leads U+F000–U+FFFF: full-width marks (，：；) go on, U+FFFE and U+FFFF stop.
        let not_a_character =
            bytes.get(at + 1) == Some(&0xBF) && matches!(bytes.get(at + 2), Some(0xBE | 0xBF));
        if bytes[at] != 0xEF || not_a_character {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The bytes [`next_to_escape`] looks at twice: the marks XML escapes, the control
/// characters it cannot hold, and 0xEF.
const MAY_ESCAPE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = !matches!(b as u8, b'\t' | b'\n' | b'\r');
        b += 1;
    }
    table[b'&' as usize] = true;
    table[b'<' as usize] = true;
    table[b'>' as usize] = true;
    table[b'"' as usize] = true;
    table[0xEF] = true;
    table
};

/// `<w:rFonts …/>` naming `font` for every script.
fn push_fonts(out: &mut String, font: &str) {
    // Pieces, not `write!`: this is written for every run of text.
    for attribute in [
        r#"<w:rFonts w:ascii=""#,
        r#"" w:hAnsi=""#,
        r#"" w:eastAsia=""#,
        r#"" w:cs=""#,
    ] {
        out.push_str(attribute);
        out.push_str(font);
    }
    out.push_str(r#"" />"#);
}

fn push_size(out: &mut String, size: usize) {
    if size == BODY_SIZE {
        out.push_str(&BODY_RUN_XML.1);
    } else {
        let _ = write!(out, r#"<w:sz w:val="{size}" /><w:szCs w:val="{size}" />"#);
    }
}

/// The body's squeeze and size as run properties, formatted once: they are written for
/// nearly every run of text.
static BODY_RUN_XML: std::sync::LazyLock<(String, String)> = std::sync::LazyLock::new(|| {
    (
        format!(r#"<w:spacing w:val="{SQUEEZE}" />"#),
        format!(r#"<w:sz w:val="{BODY_SIZE}" /><w:szCs w:val="{BODY_SIZE}" />"#),
    )
});

/// How a run of text looks.
#[derive(Debug, Clone, Copy)]
struct RunStyle {
    font: &'static str,
    size: usize,
    bold: bool,
    italic: bool,
    strike: bool,
}

impl RunStyle {
    const BODY: RunStyle = RunStyle {
        font: FANGSONG,
        size: BODY_SIZE,
        bold: false,
        italic: false,
        strike: false,
    };

    /// A heading's (or run-in heading's) look at `level`.
    fn heading(level: usize, bold_levels: &[u8]) -> RunStyle {
        RunStyle {
            font: heading_font(level),
            bold: bold_levels.contains(&(level as u8)),
            ..RunStyle::BODY
        }
    }

    /// `<w:rPr>`, its children in the schema's order.
    fn push(self, out: &mut String) {
        out.push_str("<w:rPr>");
        push_fonts(out, self.font);
        if self.bold {
            out.push_str("<w:b /><w:bCs />");
        }
        if self.italic {
            out.push_str("<w:i /><w:iCs />");
        }
        if self.strike {
            out.push_str("<w:strike />");
        }
        if self.size == BODY_SIZE {
            out.push_str(&BODY_RUN_XML.0);
        }
        push_size(out, self.size);
        out.push_str("</w:rPr>");
    }
}

/// Paragraph properties beyond the style.
#[derive(Debug, Clone, Copy, Default)]
struct Para {
    style: &'static str,
    keep_next: bool,
    /// A box around it (the banner of a draft or of sample data, as the HTML has it).
    boxed: bool,
    /// A blank line after it (the 发文字号 above the 主送机关, as the HTML has it).
    blank_after: bool,
    /// `w:ind` with no left indent, no first-line indent and this right indent.
    flush: Option<i32>,
    /// `w:jc`, when not the style's.
    jc: Option<&'static str>,
}

impl Para {
    fn body() -> Para {
        Para {
            style: "Body",
            ..Para::default()
        }
    }
}

/// `word/document.xml`, written as the report is walked.
struct Document {
    xml: String,
    paragraphs: usize,
    /// Whether a paragraph is open.
    open: bool,
    /// Where the properties of the last paragraph opened go on (after its style), and
    /// whether it keeps with the next already.
    last_props: (usize, bool),
}

impl Document {
    fn new() -> Document {
        let mut xml = String::with_capacity(64 * 1024);
        xml.push_str(concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<w:document xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" "#,
            r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#
        ));
        Document {
            xml,
            paragraphs: 0,
            open: false,
            last_props: (0, false),
        }
    }

    fn too_large(&self) -> bool {
        self.paragraphs > MAX_PARAGRAPHS || self.xml.len() > MAX_MEGABYTES << 20
    }

    fn open(&mut self, p: Para) {
        self.close();
        self.open = true;
        self.paragraphs += 1;
        let xml = &mut self.xml;
        xml.push_str(r#"<w:p><w:pPr><w:pStyle w:val=""#);
        xml.push_str(p.style);
        xml.push_str(r#"" />"#);
        self.last_props = (xml.len(), p.keep_next);
        if p.keep_next {
            xml.push_str("<w:keepNext />");
        }
        if p.boxed {
            xml.push_str(concat!(
                "<w:pBdr>",
                r#"<w:top w:val="single" w:sz="4" w:space="0" w:color="000000" />"#,
                r#"<w:left w:val="single" w:sz="4" w:space="4" w:color="000000" />"#,
                r#"<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000" />"#,
                r#"<w:right w:val="single" w:sz="4" w:space="4" w:color="000000" />"#,
                "</w:pBdr>"
            ));
        }
        if p.blank_after {
            let _ = write!(
                xml,
                r#"<w:spacing w:before="0" w:after="{LINE_TWIPS}" w:line="{LINE_TWIPS}" w:lineRule="exact" />"#
            );
        }
        if let Some(right) = p.flush {
            let _ = write!(
                xml,
                r#"<w:ind w:left="0" w:right="{right}" w:firstLine="0" />"#
            );
        }
        if let Some(jc) = p.jc {
            let _ = write!(xml, r#"<w:jc w:val="{jc}" />"#);
        }
        xml.push_str("</w:pPr>");
    }

    /// Keeps the last paragraph on the page of the next one (its last lines, with widow
    /// control): the body's end with the sign-off.
    fn keep_last_with_next(&mut self) {
        let (at, kept) = self.last_props;
        if at > 0 && !kept {
            self.xml.insert_str(at, "<w:keepNext />");
            self.last_props = (at, true);
        }
    }

    fn close(&mut self) {
        if std::mem::take(&mut self.open) {
            self.xml.push_str("</w:p>");
        }
    }

    /// A run of `text`, opening a body paragraph when none is open.
    fn run(&mut self, text: &str, style: RunStyle) {
        if !self.open {
            self.open(Para::body());
        }
        self.xml.push_str("<w:r>");
        style.push(&mut self.xml);
        self.xml.push_str(r#"<w:t xml:space="preserve">"#);
        push_escaped(&mut self.xml, text);
        self.xml.push_str("</w:t></w:r>");
    }

    /// A line break inside the open paragraph, in a run of `style` (so that it too names
    /// its fonts).
    fn line_break(&mut self, style: RunStyle) {
        if self.open {
            self.xml.push_str("<w:r>");
            style.push(&mut self.xml);
            self.xml.push_str(r#"<w:br w:type="textWrapping" /></w:r>"#);
        }
    }

    /// A paragraph of one run.
    fn paragraph(&mut self, p: Para, text: &str, style: RunStyle) {
        self.open(p);
        self.run(text, style);
        self.close();
    }

    /// Paragraphs of a Markdown text, in the body style; `lead` (a run-in heading and its
    /// level) starts the first one.
    fn markdown(&mut self, markdown: &str, lead: Option<&(String, usize)>, bold: &[u8]) {
        let mut walk = Walk {
            doc: self,
            lead,
            bold,
            pending: String::new(),
            depth: [0; 3],
            lists: Vec::new(),
            item_open: false,
            soft: false,
            last: None,
            code: None,
            table: None,
            head: false,
        };
        let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
        for event in Parser::new_ext(markdown, options) {
            if !walk.event(event) {
                // The document will be refused: stop building it.
                break;
            }
        }
        walk.apart();
    }

    fn section(&mut self, s: &SectionView, bold: &[u8]) {
        let body = &s.body;
        if s.run_in {
            if body.lead_stands_alone() {
                self.markdown("", body.lead.as_ref(), bold);
                self.markdown(&body.markdown, None, bold);
            } else {
                self.markdown(&body.markdown, body.lead.as_ref(), bold);
            }
        } else {
            let heading = Para {
                style: HEADING_STYLES[s.level.clamp(1, 4) - 1],
                keep_next: true,
                ..Para::default()
            };
            self.paragraph(heading, &s.heading(), RunStyle::heading(s.level, bold));
            self.markdown(&body.markdown, None, bold);
        }
        for child in &s.sections {
            if self.too_large() {
                return;
            }
            self.section(child, bold);
        }
        self.markdown(&s.after.markdown, None, bold);
    }

    /// The section properties (page size, margins, grid, footers) and the end of the body.
    fn finish(mut self) -> String {
        self.close();
        let _ = write!(
            self.xml,
            concat!(
                r#"<w:sectPr><w:footerReference w:type="default" r:id="rIdFooterOdd" />"#,
                r#"<w:footerReference w:type="even" r:id="rIdFooterEven" />"#,
                r#"<w:pgSz w:w="{}" w:h="{}" />"#,
                r#"<w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" w:header="{}" w:footer="{}" w:gutter="0" />"#,
                r#"<w:cols w:space="425" /><w:docGrid w:type="lines" w:linePitch="{}" />"#,
                "</w:sectPr></w:body></w:document>"
            ),
            mm(210.0),
            mm(297.0),
            mm(37.0),
            mm(26.0),
            mm(35.0),
            mm(28.0),
            mm(15.0),
            mm(23.0),
            LINE_TWIPS,
        );
        self.xml
    }
}

/// The walk of one Markdown text into paragraphs.
struct Walk<'d, 'a> {
    doc: &'d mut Document,
    /// The run-in heading, until it is placed.
    lead: Option<&'a (String, usize)>,
    bold: &'a [u8],
    /// Text of one style, gathered into one run (Markdown splits text at every escape, and a
    /// run per piece made a megabyte of `<` into a document hundreds of times larger).
    pending: String,
    /// How deep in bold, italic and struck-through text the walk is.
    depth: [usize; 3],
    /// The open lists: the next number of an ordered one, `None` for bullets.
    lists: Vec<Option<u64>>,
    /// A list item's paragraph is open and its first paragraph has not started: that one
    /// goes into it rather than after an empty one.
    item_open: bool,
    /// A line ended inside a paragraph (a soft break).
    soft: bool,
    /// The last character of text in the paragraph.
    last: Option<char>,
    /// Inside a code block: how many line ends are waiting for the next line.
    code: Option<usize>,
    /// Inside a table: its columns' alignments, and the next cell's column.
    table: Option<(Vec<pulldown_cmark::Alignment>, usize)>,
    /// Inside a table's head row.
    head: bool,
}

impl Walk<'_, '_> {
    fn style(&self) -> RunStyle {
        let [bold, italic, strike] = self.depth.map(|d| d > 0);
        RunStyle {
            bold,
            italic,
            strike,
            ..RunStyle::BODY
        }
    }

    fn flush(&mut self) {
        if !self.pending.is_empty() {
            self.doc.run(&self.pending, self.style());
            self.pending.clear();
        }
    }

    /// Starts a paragraph, the run-in heading first when it has not been placed.
    fn begin(&mut self) {
        self.flush();
        self.doc.open(Para::body());
        self.item_open = false;
        self.soft = false;
        self.last = None;
        if let Some((text, level)) = self.lead.take() {
            self.doc.run(text, RunStyle::heading(*level, self.bold));
        }
    }

    fn end(&mut self) {
        self.flush();
        self.doc.close();
        self.item_open = false;
    }

    /// Ends the open paragraph, and places the run-in heading when it has not been placed:
    /// what comes next (a table, a code block, the end of the text) stands apart from both.
    fn apart(&mut self) {
        self.flush();
        self.doc.close();
        self.lead_alone();
    }

    /// Places the run-in heading as a paragraph of its own, when it has not been placed.
    fn lead_alone(&mut self) {
        if let Some((text, level)) = self.lead.take() {
            let style = RunStyle::heading(*level, self.bold);
            self.doc.paragraph(Para::body(), text, style);
        }
    }

    /// A table: as wide as the type area, its columns equal, ruled with thin lines (as the
    /// HTML prints it).
    fn table_start(&mut self, alignments: Vec<pulldown_cmark::Alignment>) {
        self.apart();
        if self.doc.xml.ends_with("</w:tbl>") {
            // Word joins two tables with nothing between them into one.
            self.doc.open(Para::body());
            self.doc.close();
        }
        let columns = alignments.len().max(1);
        let width = column_width(columns);
        let xml = &mut self.doc.xml;
        xml.push_str(concat!(
            r#"<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct" /><w:tblBorders>"#,
            r#"<w:top w:val="single" w:sz="4" w:space="0" w:color="000000" />"#,
            r#"<w:left w:val="single" w:sz="4" w:space="0" w:color="000000" />"#,
            r#"<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000" />"#,
            r#"<w:right w:val="single" w:sz="4" w:space="0" w:color="000000" />"#,
            r#"<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000" />"#,
            r#"<w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000" />"#,
            r#"</w:tblBorders><w:tblLayout w:type="fixed" /></w:tblPr><w:tblGrid>"#
        ));
        for _ in 0..columns {
            let _ = write!(xml, r#"<w:gridCol w:w="{width}" />"#);
        }
        xml.push_str("</w:tblGrid>");
        self.table = Some((alignments, 0));
    }

    /// A cell: one paragraph, without the first-line indent, aligned as its column; the head
    /// row's cells in bold.
    fn cell_start(&mut self) {
        self.flush();
        self.doc.close();
        let (columns, jc) = match &mut self.table {
            Some((alignments, column)) => {
                let jc = match alignments.get(*column) {
                    Some(pulldown_cmark::Alignment::Center) => Some("center"),
                    Some(pulldown_cmark::Alignment::Right) => Some("right"),
                    _ => None,
                };
                *column += 1;
                (alignments.len().max(1), jc)
            }
            None => (1, None),
        };
        let width = column_width(columns);
        let _ = write!(
            self.doc.xml,
            r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa" /></w:tcPr>"#
        );
        self.doc.open(Para {
            flush: Some(0),
            jc,
            ..Para::body()
        });
        self.soft = false;
        self.last = None;
        if self.head {
            self.depth[0] += 1;
        }
    }

    fn text(&mut self, text: &str) {
        // Text in a list item: a block that follows in the item is a paragraph of its own.
        self.item_open = false;
        if !self.doc.open && self.pending.is_empty() {
            // Text outside a paragraph (an HTML block) is a paragraph of its own, after the
            // run-in heading when that has not been placed yet.
            self.lead_alone();
        }
        if std::mem::take(&mut self.soft) {
            // A line break in the source is a space between Latin words, nothing between
            // Chinese characters (as a browser shows the HTML).
            let narrow = |c: char| unicode_width::UnicodeWidthChar::width(c) != Some(2);
            if self.last.is_some_and(narrow) && text.chars().next().is_some_and(narrow) {
                self.pending.push(' ');
            }
        }
        self.pending.push_str(text);
        if let Some(c) = text.chars().next_back() {
            self.last = Some(c);
        }
    }

    /// One event; false when the document has grown too large to go on.
    #[expect(
        clippy::too_many_lines,
        reason = "one match over the Markdown events, each arm a line or two: clearer whole"
    )]
    fn event(&mut self, event: Event<'_>) -> bool {
        if self.doc.too_large() {
            return false;
        }
        match event {
            Event::Start(Tag::Paragraph | Tag::Heading { .. }) if self.item_open => {
                self.item_open = false;
            }
            Event::Start(Tag::Paragraph | Tag::Heading { .. }) => self.begin(),
            Event::Start(Tag::Table(alignments)) => self.table_start(alignments),
            Event::End(TagEnd::Table) => {
                self.table = None;
                self.doc.xml.push_str("</w:tbl>");
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                self.head = matches!(event, Event::Start(Tag::TableHead));
                self.doc.xml.push_str(if self.head {
                    "<w:tr><w:trPr><w:tblHeader /></w:trPr>"
                } else {
                    "<w:tr>"
                });
                if let Some((_, column)) = &mut self.table {
                    *column = 0;
                }
            }
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                self.head = false;
                self.doc.xml.push_str("</w:tr>");
            }
            Event::Start(Tag::TableCell) => self.cell_start(),
            Event::End(TagEnd::TableCell) => {
                self.end();
                if self.head {
                    self.depth[0] = self.depth[0].saturating_sub(1);
                }
                self.doc.xml.push_str("</w:tc>");
            }
            Event::Start(Tag::Item) => {
                self.begin();
                // The item's number or bullet, as the HTML shows it.
                match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let _ = write!(self.pending, "{n}.");
                        *n += 1;
                    }
                    Some(None) => self.pending.push_str("• "),
                    None => {}
                }
                self.item_open = true;
            }
            Event::Start(Tag::List(start)) => self.lists.push(start),
            Event::End(TagEnd::List(_)) => {
                self.lists.pop();
            }
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock) => {
                self.apart();
                self.begin();
                self.code = matches!(event, Event::Start(Tag::CodeBlock(_))).then_some(0);
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::Heading(_)
                | TagEnd::CodeBlock
                | TagEnd::HtmlBlock,
            ) => {
                self.code = None;
                self.end();
            }
            Event::Start(Tag::Strong | Tag::Emphasis | Tag::Strikethrough) => {
                self.flush();
                self.depth[emphasis(&event)] += 1;
            }
            Event::End(TagEnd::Strong | TagEnd::Emphasis | TagEnd::Strikethrough) => {
                self.flush();
                let d = &mut self.depth[emphasis(&event)];
                *d = d.saturating_sub(1);
            }
            Event::Text(t) if self.code.is_some() => {
                // A code block keeps its lines, blank ones too: each line end is a line break,
                // not a space (those after the last line are dropped).
                self.item_open = false;
                for (i, line) in t.split('\n').enumerate() {
                    let ends = self.code.get_or_insert(0);
                    if i > 0 {
                        *ends += 1;
                    }
                    if !line.is_empty() {
                        let ends = std::mem::take(ends);
                        if ends > 0 {
                            self.flush();
                            for _ in 0..ends {
                                self.doc.line_break(self.style());
                            }
                        }
                        self.pending.push_str(line);
                    }
                }
            }
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                self.text(&t);
            }
            Event::SoftBreak => self.soft = self.doc.open || !self.pending.is_empty(),
            Event::HardBreak => {
                self.flush();
                self.doc.line_break(self.style());
                self.last = None;
            }
            _ => {}
        }
        true
    }
}

/// The width in twips of each of `columns` equal columns across the type area.
fn column_width(columns: usize) -> i32 {
    TYPE_AREA_TWIPS / i32::try_from(columns.max(1)).unwrap_or(i32::MAX)
}

/// Which of bold, italic and struck-through an emphasis event is.
fn emphasis(event: &Event<'_>) -> usize {
    match event {
        Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) => 0,
        Event::Start(Tag::Emphasis) | Event::End(TagEnd::Emphasis) => 1,
        _ => 2,
    }
}

/// The document defaults: 3号 仿宋, Chinese as the language (Word and LibreOffice pick East
/// Asian line breaking and fonts by it), widow control (no line of a paragraph alone at the
/// foot or the head of a page) and the grid's paragraph rules `ppr`.
fn push_doc_defaults(out: &mut String, ppr: &str) {
    out.push_str("<w:docDefaults><w:rPrDefault><w:rPr>");
    push_fonts(out, FANGSONG);
    push_size(out, BODY_SIZE);
    out.push_str(r#"<w:lang w:val="zh-CN" w:eastAsia="zh-CN" w:bidi="ar-SA" />"#);
    let _ = write!(
        out,
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl />{ppr}</w:pPr></w:pPrDefault></w:docDefaults>"
    );
}

const HEADING_STYLES: [&str; 4] = ["Heading1", "Heading2", "Heading3", "Heading4"];

/// `word/styles.xml`: the document defaults and the named paragraph styles. In the defaults
/// and in every style, as the grid wants: no punctuation hanging past the right edge
/// (`overflowPunct`; LibreOffice would push a justified line's last comma out of the text
/// block), and no automatic space between Chinese and Latin text or digits (`2025 年`:
/// `autoSpaceDE`, `autoSpaceDN`).
#[expect(
    clippy::too_many_lines,
    reason = "the document's paragraph styles one after another, read as the stylesheet they are"
)]
fn styles(bold_levels: &[u8]) -> String {
    const AUTO_SPACE_OFF: &str = concat!(
        r#"<w:overflowPunct w:val="0" />"#,
        r#"<w:autoSpaceDE w:val="0" /><w:autoSpaceDN w:val="0" />"#
    );
    let exact = format!(
        r#"<w:spacing w:before="0" w:after="0" w:line="{LINE_TWIPS}" w:lineRule="exact" />"#
    );
    let first_line = format!(
        r#"<w:ind w:left="0" w:right="0" w:firstLine="{}" />"#,
        2 * CHAR_TWIPS
    );
    let mut out = String::with_capacity(6 * 1024);
    out.push_str(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    ));
    push_doc_defaults(&mut out, AUTO_SPACE_OFF);
    let mut style = |id: &str,
                     name: &str,
                     based_on: Option<&str>,
                     ppr: &str,
                     font: &str,
                     size: usize,
                     bold: bool| {
        let _ = write!(
            out,
            r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="{name}" />"#
        );
        if let Some(base) = based_on {
            let _ = write!(out, r#"<w:basedOn w:val="{base}" />"#);
        }
        let _ = write!(
            out,
            "<w:qFormat /><w:pPr>{AUTO_SPACE_OFF}{ppr}</w:pPr><w:rPr>"
        );
        push_fonts(&mut out, font);
        if bold {
            out.push_str("<w:b /><w:bCs />");
        }
        push_size(&mut out, size);
        out.push_str("</w:rPr></w:style>");
    };
    style("Normal", "Normal", None, "", FANGSONG, BODY_SIZE, false);
    // Left, not justified: LibreOffice drops a 、 or ， that ends a justified full line
    // (LibreOffice 7.4); with characters of one width, left-aligned lines end flush
    // anyway but where half-width digits or a kept-whole 文号 end them.
    style(
        "Body",
        "正文（3号仿宋）",
        None,
        &format!(r#"{exact}{first_line}<w:jc w:val="left" />"#),
        FANGSONG,
        BODY_SIZE,
        false,
    );
    style(
        "ReportTitle",
        "标题（2号小标宋）",
        None,
        &format!(
            r#"<w:spacing w:after="{LINE_TWIPS}" w:line="{LINE_TWIPS}" w:lineRule="exact" /><w:jc w:val="center" />"#
        ),
        XIAOBIAOSONG,
        TITLE_SIZE,
        false,
    );
    for (i, id) in HEADING_STYLES.iter().enumerate() {
        let level = i + 1;
        style(
            id,
            &format!("heading {level}"),
            Some("Body"),
            &format!(r#"{exact}{first_line}<w:outlineLvl w:val="{i}" />"#),
            heading_font(level),
            BODY_SIZE,
            bold_levels.contains(&(level as u8)),
        );
    }
    style(
        "Signoff",
        "署名和成文日期",
        Some("Body"),
        &format!(r#"{exact}<w:jc w:val="right" />"#),
        FANGSONG,
        BODY_SIZE,
        false,
    );
    out.push_str("</w:styles>");
    out
}

/// A footer with the page number `— N —` in 4号 宋体, one character in from the outer edge:
/// right on odd pages, left on even ones; a draft's says 草稿 beside it, on every page.
fn footer(odd: bool, draft: bool) -> String {
    let mut rpr = String::from("<w:rPr>");
    push_fonts(&mut rpr, SONGTI);
    push_size(&mut rpr, 28);
    rpr.push_str("</w:rPr>");
    let (indent, jc) = if odd {
        (r#"w:left="0" w:right="280""#, "right")
    } else {
        (r#"w:left="280" w:right="0""#, "left")
    };
    let mut out = String::with_capacity(1024);
    let _ = write!(
        out,
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
            r#"<w:p><w:pPr><w:ind {indent} /><w:jc w:val="{jc}" /></w:pPr>"#,
            "{draft}",
            r#"<w:r>{rpr}<w:t xml:space="preserve">— </w:t></w:r>"#,
            r#"<w:r>{rpr}<w:fldChar w:fldCharType="begin" /></w:r>"#,
            r#"<w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>"#,
            r#"<w:r>{rpr}<w:fldChar w:fldCharType="separate" /></w:r>"#,
            r#"<w:r>{rpr}<w:t>1</w:t></w:r>"#,
            r#"<w:r>{rpr}<w:fldChar w:fldCharType="end" /></w:r>"#,
            r#"<w:r>{rpr}<w:t xml:space="preserve"> —</w:t></w:r>"#,
            "</w:p></w:ftr>"
        ),
        indent = indent,
        jc = jc,
        draft = if draft {
            format!(r#"<w:r>{rpr}<w:t xml:space="preserve">【{DRAFT}】　</w:t></w:r>"#)
        } else {
            String::new()
        },
        rpr = rpr,
    );
    out
}

/// The word a draft is marked with on every page.
pub const DRAFT: &str = "草稿";

const CONTENT_TYPES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
    r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml" />"#,
    r#"<Default Extension="xml" ContentType="application/xml" />"#,
    r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml" />"#,
    r#"<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml" />"#,
    r#"<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml" />"#,
    r#"<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml" />"#,
    r#"<Override PartName="/word/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml" />"#,
    r#"<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml" />"#,
    r#"<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml" />"#,
    r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml" />"#,
    "</Types>"
);

/// `word/theme/theme1.xml`: Office's colours and formats, with the report's faces as the
/// theme's East Asian fonts (headings 黑体, body 仿宋_GB2312), so that nothing falls back to a
/// theme's Latin-only choice.
const THEME: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="report">"#,
    r#"<a:themeElements><a:clrScheme name="Office">"#,
    r#"<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>"#,
    r#"<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>"#,
    r#"<a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2>"#,
    r#"<a:accent1><a:srgbClr val="4472C4"/></a:accent1><a:accent2><a:srgbClr val="ED7D31"/></a:accent2>"#,
    r#"<a:accent3><a:srgbClr val="A5A5A5"/></a:accent3><a:accent4><a:srgbClr val="FFC000"/></a:accent4>"#,
    r#"<a:accent5><a:srgbClr val="5B9BD5"/></a:accent5><a:accent6><a:srgbClr val="70AD47"/></a:accent6>"#,
    r#"<a:hlink><a:srgbClr val="0563C1"/></a:hlink><a:folHlink><a:srgbClr val="954F72"/></a:folHlink>"#,
    r#"</a:clrScheme><a:fontScheme name="report">"#,
    r#"<a:majorFont><a:latin typeface="Times New Roman"/><a:ea typeface="黑体"/><a:cs typeface=""/></a:majorFont>"#,
    r#"<a:minorFont><a:latin typeface="Times New Roman"/><a:ea typeface="仿宋_GB2312"/><a:cs typeface=""/></a:minorFont>"#,
    r#"</a:fontScheme><a:fmtScheme name="Office"><a:fillStyleLst>"#,
    r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#,
    r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#,
    r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#,
    r#"</a:fillStyleLst><a:lnStyleLst>"#,
    r#"<a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>"#,
    r#"<a:ln w="12700"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>"#,
    r#"<a:ln w="19050"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>"#,
    r#"</a:lnStyleLst><a:effectStyleLst>"#,
    r#"<a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle>"#,
    r#"<a:effectStyle><a:effectLst/></a:effectStyle>"#,
    r#"</a:effectStyleLst><a:bgFillStyleLst>"#,
    r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#,
    r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#,
    r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#,
    r#"</a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>"#
);

const PACKAGE_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml" />"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml" />"#,
    "</Relationships>"
);

const DOCUMENT_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml" />"#,
    r#"<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml" />"#,
    r#"<Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml" />"#,
    r#"<Relationship Id="rIdTheme" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml" />"#,
    r#"<Relationship Id="rIdFooterOdd" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml" />"#,
    r#"<Relationship Id="rIdFooterEven" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml" />"#,
    "</Relationships>"
);

/// What may not end a line: Word's opening marks for Chinese, and — so that a date, a 文号 and
/// a number with its unit are never split, as the HTML's no-break spans keep them — the digits,
/// 〕 and the 年 and 月 of a date. (A custom list replaces Word's own, so Word's is repeated.)
macro_rules! no_break_after {
    () => {
        "$([{£¥·‘“〈《「『【〔〖〝﹙﹛﹝＄（．［｛￡￥0123456789〕年月"
    };
}

/// What may not start a line: Word's closing marks for Chinese, and the 号 of a 文号 and the
/// 年, 月 and 日 of a date.
macro_rules! no_break_before {
    () => {
        "!%),.:;>?]}¢¨°·ˇˉ―‖’”…‰′″›℃∶、。〃〉》」』】〕〗〞︶︺︾﹀﹄﹚﹜﹞！＂％＇），．：；？］｀｜｝～￠号年月日"
    };
}

/// Margins mirrored (the 订口 inside on every page, as the PDF has it); different footers on
/// odd and even pages; the line-breaking rules (禁则) of `no_break_after!` and
/// `no_break_before!`; Word 2013's layout, with the east-Asian rules (`useFELayout`) and
/// half-width characters balanced against full-width ones.
const SETTINGS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    r#"<w:zoom w:percent="100" /><w:mirrorMargins /><w:defaultTabStop w:val="840" /><w:evenAndOddHeaders />"#,
    r#"<w:noLineBreaksAfter w:lang="zh-CN" w:val=""#,
    no_break_after!(),
    r#"" /><w:noLineBreaksBefore w:lang="zh-CN" w:val=""#,
    no_break_before!(),
    r#"" />"#,
    "<w:compat><w:spaceForUL /><w:balanceSingleByteDoubleByteWidth /><w:doNotLeaveBackslashAlone />",
    "<w:ulTrailSpace /><w:doNotExpandShiftReturn /><w:useFELayout />",
    r#"<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15" />"#,
    "</w:compat></w:settings>"
);

/// `docProps/core.xml`: the title, the issuing organ as author, and the 成文日期 as the
/// dates (so that builds are byte-identical).
fn core_properties(report: &ReportView) -> String {
    let mut out = String::with_capacity(1024);
    out.push_str(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
        r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
        r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>"#
    ));
    push_escaped(&mut out, &report.title);
    out.push_str("</dc:title><dc:creator>");
    push_escaped(&mut out, &report.signer);
    out.push_str("</dc:creator>");
    for element in ["created", "modified"] {
        let _ = write!(out, r#"<dcterms:{element} xsi:type="dcterms:W3CDTF">"#);
        push_escaped(&mut out, &report.date_iso);
        let _ = write!(out, "T00:00:00Z</dcterms:{element}>");
    }
    out.push_str("</cp:coreProperties>");
    out
}

/// The body of the document: banners, title, 文号, recipient, text, sections and sign-off.
fn document(report: &ReportView) -> Result<String, DocxError> {
    let bold = &report.bold_levels[..];
    let mut doc = Document::new();
    head(&mut doc, report);
    for text in [&report.intro, &report.highlights] {
        doc.markdown(&text.markdown, None, bold);
    }
    for s in &report.sections {
        if doc.too_large() {
            return Err(DocxError::TooLarge);
        }
        doc.section(s, bold);
    }
    sign_off(&mut doc, report);
    if doc.too_large() {
        return Err(DocxError::TooLarge);
    }
    Ok(doc.finish())
}

/// The banners, the title's lines (broken as the view decided, in one paragraph), the 文号 and
/// the recipient.
fn head(doc: &mut Document, report: &ReportView) {
    for banner in &report.banners {
        let style = RunStyle {
            font: HEITI,
            ..RunStyle::BODY
        };
        let boxed = Para {
            boxed: true,
            flush: Some(0),
            ..Para::body()
        };
        doc.paragraph(boxed, banner.text(), style);
    }
    doc.open(Para {
        style: "ReportTitle",
        ..Para::default()
    });
    let title = RunStyle {
        font: XIAOBIAOSONG,
        size: TITLE_SIZE,
        ..RunStyle::BODY
    };
    for (i, line) in report.title_lines.iter().enumerate() {
        if i > 0 {
            doc.line_break(title);
        }
        doc.run(line, title);
    }
    doc.close();
    if let Some(doc_no) = &report.doc_no {
        let p = Para {
            flush: Some(0),
            jc: Some("center"),
            blank_after: true,
            ..Para::body()
        };
        doc.paragraph(p, doc_no, RunStyle::BODY);
    }
    if let Some(recipient) = &report.recipient {
        let p = Para {
            flush: Some(0),
            ..Para::body()
        };
        doc.paragraph(p, &format!("{recipient}："), RunStyle::BODY);
    }
}

/// The sign-off on the page of the body's last lines (GB/T 9704 7.3.5: never alone), the 署名
/// with its date.
fn sign_off(doc: &mut Document, report: &ReportView) {
    let indent = |em: f64| (em * f64::from(CHAR_TWIPS)).round() as i32;
    doc.keep_last_with_next();
    doc.open(Para {
        keep_next: true,
        ..Para::body()
    });
    for (text, em, keep_next) in [
        (&report.signer, report.signoff.signer_indent, true),
        (&report.date, report.signoff.date_indent, false),
    ] {
        let p = Para {
            style: "Signoff",
            flush: Some(indent(em)),
            keep_next,
            ..Para::default()
        };
        doc.paragraph(p, text, RunStyle::BODY);
    }
}

/// Writes the report's DOCX from the view.
pub fn write(report: &ReportView) -> Result<Vec<u8>, DocxError> {
    let document = document(report)?;
    let styles = styles(&report.bold_levels);
    let (odd, even) = (footer(true, report.draft), footer(false, report.draft));
    let fonts = font_table();
    let parts: [(&str, &[u8]); 10] = [
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", PACKAGE_RELS.as_bytes()),
        ("word/document.xml", document.as_bytes()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.as_bytes()),
        ("word/styles.xml", styles.as_bytes()),
        ("word/settings.xml", SETTINGS.as_bytes()),
        ("word/fontTable.xml", fonts.as_bytes()),
        ("word/theme/theme1.xml", THEME.as_bytes()),
        ("word/footer1.xml", odd.as_bytes()),
        ("word/footer2.xml", even.as_bytes()),
    ];
    let core = core_properties(report);
    let size = parts.iter().map(|(_, b)| b.len() + 128).sum::<usize>() + core.len() + 1024;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(size)));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(COMPRESSION)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let pack = |e: &dyn std::fmt::Display| DocxError::Pack(e.to_string());
    for (name, bytes) in parts
        .iter()
        .copied()
        .chain([("docProps/core.xml", core.as_bytes())])
    {
        zip.start_file(name, options).map_err(|e| pack(&e))?;
        zip.write_all(bytes).map_err(|e| pack(&e))?;
    }
    Ok(zip.finish().map_err(|e| pack(&e))?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_stripped_of_what_xml_cannot_hold() {
        let mut out = String::new();
        push_escaped(&mut out, "a<b>&\"c\u{1}\u{FFFE}d《法》");
        assert_eq!(out, "a&lt;b&gt;&amp;&quot;cd《法》");
    }

    #[test]
    fn the_byte_scan_stops_where_the_characters_say() {
        // Every character up to U+10000 and a few beyond, alone and between Han: the scan
        // stops exactly at the characters that are escaped or dropped.
        let chars = (0..0x10100u32).filter_map(char::from_u32);
        for c in chars {
            let text = format!("法{c}治，");
            let expected = (matches!(c, '&' | '<' | '>' | '"') || !xml_char(c)).then_some(3);
            assert_eq!(next_to_escape(text.as_bytes()), expected, "{c:?}");
        }
    }

    #[test]
    fn every_part_parses_as_xml() {
        let mut doc = Document::new();
        doc.markdown(
            concat!(
                "引言 & <标记> \"引号\"。\n\n**粗 *斜* 粗** ~~删~~\n\n1. 一\n2. 二\n   - 甲\n\n",
                "```\n代码\n```\n\n| 甲 | 乙 |\n|:-:|--:|\n| 1 | **2** |\n\n<div>块</div>\n"
            ),
            Some(&("（一）领导。".to_string(), 2)),
            &[2],
        );
        let parts = [
            doc.finish(),
            styles(&[1, 2]),
            footer(true, false),
            footer(false, true),
            CONTENT_TYPES.to_string(),
            PACKAGE_RELS.to_string(),
            DOCUMENT_RELS.to_string(),
            SETTINGS.to_string(),
        ];
        for part in &parts {
            if let Err(e) = roxmltree::Document::parse(part) {
                panic!("{e}: {part}");
            }
        }
        let s = styles(&[2]);
        let heading2 = s.split("w:styleId=\"Heading2\"").nth(1).unwrap();
        let heading2 = heading2.split("</w:style>").next().unwrap();
        assert!(heading2.contains("<w:b />"), "{heading2}");
        let heading1 = s.split("w:styleId=\"Heading1\"").nth(1).unwrap();
        assert!(
            !heading1
                .split("</w:style>")
                .next()
                .unwrap()
                .contains("<w:b />")
        );
    }

    /// The paragraphs of a document body: each one's text, with `*` around bold runs and
    /// `|` for a line break.
    fn paragraphs(xml: &str) -> Vec<String> {
        xml.split("</w:p>")
            .filter(|p| p.contains("<w:p>"))
            .map(|p| {
                p.split("<w:r>")
                    .skip(1)
                    .map(|r| {
                        let text = r
                            .split_once(r#"<w:t xml:space="preserve">"#)
                            .map_or("|", |(_, t)| t.split("</w:t>").next().unwrap());
                        if r.contains("<w:b />") {
                            format!("*{text}*")
                        } else {
                            text.to_string()
                        }
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn markdown_becomes_paragraphs_with_the_run_in_heading_first() {
        let lead = ("（一）加强领导。".to_string(), 2);
        let mut doc = Document::new();
        doc.markdown(
            "成立领导小组。\n\n**其次**，落实责任。  \n第二行",
            Some(&lead),
            &[2],
        );
        assert_eq!(
            paragraphs(&doc.finish()),
            [
                "*（一）加强领导。*成立领导小组。",
                "*其次*，落实责任。|第二行"
            ]
        );
        // A lead with no text is a paragraph of its own.
        let mut doc = Document::new();
        doc.markdown("", Some(&lead), &[]);
        assert_eq!(paragraphs(&doc.finish()), ["（一）加强领导。"]);
        // Text outside a paragraph (an HTML block) follows the lead, in its own paragraph.
        let mut doc = Document::new();
        doc.markdown("<div>块</div>\n", Some(&lead), &[]);
        assert_eq!(
            paragraphs(&doc.finish()),
            ["（一）加强领导。", "&lt;div&gt;块&lt;/div&gt;\n"]
        );
    }

    /// The document part of one Markdown text.
    fn body_xml(markdown: &str) -> String {
        let mut doc = Document::new();
        doc.markdown(markdown, None, &[]);
        doc.finish()
    }

    /// The body paragraphs of one Markdown text.
    fn walked(markdown: &str) -> Vec<String> {
        paragraphs(&body_xml(markdown))
    }

    #[test]
    fn lists_keep_their_numbers_and_bullets_without_empty_paragraphs() {
        assert_eq!(
            walked("1) 第一项。\n2) 第二项。\n"),
            ["1.第一项。", "2.第二项。"]
        );
        assert_eq!(walked("3. 甲。\n4. 乙。\n"), ["3.甲。", "4.乙。"]);
        // A loose list: one paragraph per item, no empty one before it.
        assert_eq!(
            walked("- 松散甲。\n\n- 松散乙。\n"),
            ["• 松散甲。", "• 松散乙。"]
        );
        // Nested: the inner list numbers from 1 again, the outer goes on.
        assert_eq!(
            walked("1. 外一\n   1. 内一\n   2. 内二\n2. 外二\n"),
            ["1.外一", "1.内一", "2.内二", "2.外二"]
        );
    }

    #[test]
    fn line_ends_are_spaces_between_latin_words_only() {
        assert_eq!(
            walked("开展 Rule of\nLaw 宣传月"),
            ["开展 Rule of Law 宣传月"]
        );
        assert_eq!(walked("第一行\n第二行"), ["第一行第二行"]);
        assert_eq!(walked("2020年\n以来"), ["2020年以来"]);
    }

    #[test]
    fn blocks_in_a_tight_list_item_stay_apart() {
        assert_eq!(walked("- 甲\n  > 乙\n"), ["• 甲", "乙"]);
        assert_eq!(walked("* 甲\n  ## 乙\n"), ["• 甲", "乙"]);
    }

    #[test]
    fn two_tables_in_a_row_are_kept_apart() {
        let xml = body_xml("| a |\n|---|\n| 1 |\n\n| b | c |\n|---|---|\n| 2 | 3 |\n");
        assert_eq!(xml.matches("<w:tbl>").count(), 2);
        assert!(!xml.contains("</w:tbl><w:tbl>"), "{xml}");
    }

    #[test]
    fn code_blocks_keep_their_lines_and_stay_apart() {
        assert_eq!(
            walked("```\n代码一\n代码二\n```\n\n    缩进代码\n"),
            ["代码一|代码二", "缩进代码"]
        );
        // Blank lines too: a line end each.
        assert_eq!(walked("```\na\n\nb\n```\n"), ["a||b"]);
    }

    #[test]
    fn nested_emphasis_stays_on_until_its_own_end() {
        assert_eq!(walked("**全部 *嵌套* 加粗**"), ["*全部 **嵌套** 加粗*"]);
        assert!(body_xml("~~删除~~").contains("<w:strike />"));
    }

    #[test]
    fn a_document_of_tiny_runs_is_refused_before_it_grows_unbounded() {
        let markdown = "*甲*乙".repeat(400_000);
        let mut doc = Document::new();
        doc.markdown(&markdown, None, &[]);
        assert!(doc.too_large());
        // It stopped soon after the limit, not at the end of the text.
        assert!(
            doc.xml.len() < (MAX_MEGABYTES << 20) + 4096,
            "{}",
            doc.xml.len()
        );
    }

    #[test]
    fn a_table_is_a_word_table_with_its_head_in_bold() {
        let xml = body_xml("| 项目 | 数量 |\n|---|---:|\n| 讲座 | 15场 |\n| 资料 | 1000余册 |\n");
        assert_eq!(xml.matches("<w:tbl>").count(), 1);
        assert_eq!(xml.matches("<w:gridCol ").count(), 2);
        assert_eq!(xml.matches("<w:tr>").count(), 3, "{xml}");
        assert_eq!(xml.matches("<w:tc>").count(), 6);
        assert_eq!(xml.matches("</w:tc>").count(), 6);
        assert_eq!(xml.matches("<w:p>").count(), 6, "a paragraph in each cell");
        assert_eq!(
            xml.matches(r#"<w:jc w:val="right" />"#).count(),
            3,
            "the right column"
        );
        let head = &xml[..xml.find("讲座").unwrap()];
        assert_eq!(head.matches("<w:b />").count(), 2, "the head row in bold");
        assert!(!xml[xml.find("讲座").unwrap()..].contains("<w:b />"));
    }

    #[test]
    fn a_huge_text_stops_at_the_paragraph_limit() {
        let markdown = "段。\n\n".repeat(MAX_PARAGRAPHS + 10);
        let mut doc = Document::new();
        doc.markdown(&markdown, None, &[]);
        assert!(doc.too_large());
        assert!(doc.paragraphs <= MAX_PARAGRAPHS + 1, "{}", doc.paragraphs);
    }
}
