//! The view model as a Word document (DOCX), laid out as GB/T 9704 says.
//!
//! A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm on a grid of 22 lines × 28 characters; named
//! paragraph styles for the title and each heading level; the east-Asian font set on every run
//! (so Word and WPS never fall back to a Latin font for Chinese); 16 pt body; page numbers
//! “— 1 —” in 4号 宋体 in the footer, right on odd pages and left on even ones. Output is
//! deterministic: document dates are the 成文日期.

use docx_rs::{
    AlignmentType, BreakType, DocGrid, DocGridType, Docx, FieldCharType, Footer, InstrPAGE,
    InstrText, LineSpacing, LineSpacingType, PageMargin, Paragraph, Run, RunFonts,
    SpecialIndentType, Style, StyleType,
};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::view::{ReportView, SectionView};

/// Twips per millimetre.
const TWIPS_PER_MM: f64 = 1440.0 / 25.4;
/// Body size in half-points (3号 = 16 pt).
const BODY_SIZE: usize = 32;
/// One character of the grid in twips (156 mm / 28).
const CHAR_TWIPS: i32 = 315;
/// Run character spacing in twentieths of a point: 16 pt − 0.25 pt puts 28 characters in the
/// 156 mm line, in Word and in LibreOffice alike (a character grid alone is read differently
/// by the two).
const SQUEEZE: i32 = -5;
/// Line pitch in twips (225 mm / 22).
const LINE_TWIPS: i32 = 579;

const FANGSONG: &str = "仿宋_GB2312";
const HEITI: &str = "黑体";
const KAITI: &str = "楷体_GB2312";
const SONGTI: &str = "宋体";
const XIAOBIAOSONG: &str = "方正小标宋简体";

fn mm(v: f64) -> i32 {
    (v * TWIPS_PER_MM).round() as i32
}

fn fonts(name: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(name)
        .ascii(name)
        .hi_ansi(name)
        .cs(name)
}

/// The font of a heading level (1 黑体, 2 楷体, 3+ 仿宋).
fn heading_font(level: usize) -> &'static str {
    match level {
        1 => HEITI,
        2 => KAITI,
        _ => FANGSONG,
    }
}

fn exact_line() -> LineSpacing {
    LineSpacing::new()
        .line(LINE_TWIPS)
        .line_rule(LineSpacingType::Exact)
        .before(0)
        .after(0)
}

/// A paragraph style of body text in `font`: 16 pt, on the line grid, indented two
/// characters.
fn body_style(id: impl Into<String>, font: &str) -> Style {
    Style::new(id, StyleType::Paragraph)
        .size(BODY_SIZE)
        .fonts(fonts(font))
        .line_spacing(exact_line())
        .indent(
            None,
            Some(SpecialIndentType::FirstLine(2 * CHAR_TWIPS)),
            None,
            None,
        )
        .first_line_chars(200)
}

fn styles(docx: Docx, bold_levels: &[u8]) -> Docx {
    let body = body_style("Body", FANGSONG)
        .name("正文（3号仿宋）")
        // Left, not justified: LibreOffice drops a comma that would hang past a justified
        // full line; with characters of one width, left-aligned lines end flush anyway.
        .align(AlignmentType::Left);
    let title = Style::new("ReportTitle", StyleType::Paragraph)
        .name("标题（2号小标宋）")
        .size(44)
        .fonts(fonts(XIAOBIAOSONG))
        .line_spacing(
            LineSpacing::new()
                .line(LINE_TWIPS * 3 / 2)
                .line_rule(LineSpacingType::Exact)
                .after(LINE_TWIPS as u32),
        )
        .align(AlignmentType::Center);
    let mut docx = docx.add_style(body).add_style(title);
    for level in 1..=4usize {
        let mut style = body_style(format!("Heading{level}"), heading_font(level))
            .name(format!("heading {level}"))
            .based_on("Body")
            .outline_lvl(level - 1);
        if bold_levels.contains(&(level as u8)) {
            style = style.bold();
        }
        docx = docx.add_style(style);
    }
    docx.add_style(
        Style::new("Signoff", StyleType::Paragraph)
            .name("署名和成文日期")
            .based_on("Body")
            .size(BODY_SIZE)
            .fonts(fonts(FANGSONG))
            .line_spacing(exact_line())
            .align(AlignmentType::Right),
    )
}

/// Whether XML 1.0 allows the character in a document.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn text_run(text: &str, font: &str, size: usize) -> Run {
    // Characters XML 1.0 cannot hold never reach the document (`check` reports them as
    // E0713 before a build; this keeps a draft well-formed too).
    let text: std::borrow::Cow<'_, str> = if text.chars().all(xml_char) {
        text.into()
    } else {
        text.chars()
            .filter(|&c| xml_char(c))
            .collect::<String>()
            .into()
    };
    let run = Run::new().add_text(text).fonts(fonts(font)).size(size);
    if size == BODY_SIZE {
        run.character_spacing(SQUEEZE)
    } else {
        run
    }
}

fn page_number_footer(align: AlignmentType, outer: bool) -> Footer {
    let run = |r: Run| r.fonts(fonts(SONGTI)).size(28);
    let mut p = Paragraph::new()
        .align(align)
        .add_run(run(Run::new().add_text("— ")))
        .add_run(run(Run::new().add_field_char(FieldCharType::Begin, false)))
        .add_run(run(
            Run::new().add_instr_text(InstrText::PAGE(InstrPAGE::new()))
        ))
        .add_run(run(
            Run::new().add_field_char(FieldCharType::Separate, false)
        ))
        .add_run(run(Run::new().add_text("1")))
        .add_run(run(Run::new().add_field_char(FieldCharType::End, false)))
        .add_run(run(Run::new().add_text(" —")));
    // One character in from the outer edge.
    p = if outer {
        p.indent(None, None, Some(280), None)
    } else {
        p.indent(Some(280), None, None, None)
    };
    Footer::new().add_paragraph(p)
}

/// Paragraphs of a Markdown text, in the body style; `lead` (a run-in heading and its level)
/// starts the first one.
fn markdown_paragraphs(
    markdown: &str,
    mut lead: Option<(String, usize)>,
    bold_levels: &[u8],
) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut current: Option<Paragraph> = None;
    let (mut bold, mut italic) = (false, false);
    // Text of one style is gathered into one run (Markdown splits text at every escape, and
    // a run per piece made a megabyte of `<` into a 234 MB document).
    let mut pending = String::new();
    let flush =
        |current: &mut Option<Paragraph>, pending: &mut String, bold: bool, italic: bool| {
            if pending.is_empty() {
                return;
            }
            let p = current
                .take()
                .unwrap_or_else(|| Paragraph::new().style("Body"));
            let mut r = text_run(pending, FANGSONG, BODY_SIZE);
            if bold {
                r = r.bold();
            }
            if italic {
                r = r.italic();
            }
            *current = Some(p.add_run(r));
            pending.clear();
        };
    let lead_run = |text: &str, level: usize| {
        let mut r = text_run(text, heading_font(level), BODY_SIZE);
        if bold_levels.contains(&(level as u8)) {
            r = r.bold();
        }
        r
    };
    for event in Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    ) {
        match event {
            Event::Start(Tag::Paragraph | Tag::Item | Tag::TableCell | Tag::Heading { .. }) => {
                if out.len() > MAX_PARAGRAPHS {
                    // The document will be refused: stop building it.
                    break;
                }
                flush(&mut current, &mut pending, bold, italic);
                if let Some(p) = current.take() {
                    out.push(p);
                }
                let mut p = Paragraph::new().style("Body");
                if let Some((text, level)) = lead.take() {
                    p = p.add_run(lead_run(&text, level));
                }
                current = Some(p);
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::Heading(_),
            ) => {
                flush(&mut current, &mut pending, bold, italic);
                if let Some(p) = current.take() {
                    out.push(p);
                }
            }
            Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) => {
                flush(&mut current, &mut pending, bold, italic);
                bold = matches!(event, Event::Start(_));
            }
            Event::Start(Tag::Emphasis) | Event::End(TagEnd::Emphasis) => {
                flush(&mut current, &mut pending, bold, italic);
                italic = matches!(event, Event::Start(_));
            }
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                pending.push_str(&t);
            }
            Event::HardBreak => {
                flush(&mut current, &mut pending, bold, italic);
                if let Some(p) = current.take() {
                    current = Some(p.add_run(Run::new().add_break(BreakType::TextWrapping)));
                }
            }
            _ => {}
        }
    }
    flush(&mut current, &mut pending, bold, italic);
    if let Some(p) = current {
        out.push(p);
    }
    if let Some((text, level)) = lead {
        out.insert(
            0,
            Paragraph::new()
                .style("Body")
                .add_run(lead_run(&text, level)),
        );
    }
    out
}

fn section(docx: Docx, s: &SectionView, bold_levels: &[u8]) -> Docx {
    let body = &s.body;
    let mut docx = docx;
    if s.run_in {
        if body.lead_stands_alone() {
            for p in markdown_paragraphs("", body.lead.clone(), bold_levels) {
                docx = docx.add_paragraph(p);
            }
            for p in markdown_paragraphs(&body.markdown, None, bold_levels) {
                docx = docx.add_paragraph(p);
            }
        } else {
            for p in markdown_paragraphs(&body.markdown, body.lead.clone(), bold_levels) {
                docx = docx.add_paragraph(p);
            }
        }
    } else {
        let level = s.level;
        let style = format!("Heading{}", level.min(4));
        let mut run = text_run(&s.heading(), heading_font(level), BODY_SIZE);
        if bold_levels.contains(&(level as u8)) {
            run = run.bold();
        }
        docx = docx.add_paragraph(Paragraph::new().style(&style).keep_next(true).add_run(run));
        for p in markdown_paragraphs(&body.markdown, None, bold_levels) {
            docx = docx.add_paragraph(p);
        }
    }
    for child in &s.sections {
        docx = section(docx, child, bold_levels);
    }
    for p in markdown_paragraphs(&s.after.markdown, None, bold_levels) {
        docx = docx.add_paragraph(p);
    }
    docx
}

/// Writes the report of `context` (the view: `report` and `data`) as DOCX bytes.
/// A document of more paragraphs than this is refused (E0304): a report has a few hundred,
/// and the document model holds several kilobytes for each.
pub const MAX_PARAGRAPHS: usize = 20_000;

/// Why a DOCX could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// More than [`MAX_PARAGRAPHS`] paragraphs.
    #[error("more than {MAX_PARAGRAPHS} paragraphs")]
    TooLarge,
    /// The package could not be written.
    #[error("{0}")]
    Pack(String),
}

/// Writes the report's DOCX from the view.
pub fn write(report: &ReportView) -> Result<Vec<u8>, DocxError> {
    let bold_levels = &report.bold_levels;
    let stamp = format!("{}T00:00:00Z", report.date_iso);
    let grid = DocGrid::new()
        .grid_type(DocGridType::Lines)
        .line_pitch(LINE_TWIPS as usize);
    let mut docx = Docx::new()
        .page_size(mm(210.0) as u32, mm(297.0) as u32)
        .page_margin(PageMargin {
            top: mm(37.0),
            left: mm(28.0),
            bottom: mm(35.0),
            right: mm(26.0),
            header: mm(15.0),
            footer: mm(23.0),
            gutter: 0,
        })
        .default_fonts(fonts(FANGSONG))
        .default_size(BODY_SIZE)
        .footer(page_number_footer(AlignmentType::Right, true))
        .even_footer(page_number_footer(AlignmentType::Left, false))
        .created_at(&stamp)
        .updated_at(&stamp);
    docx.document = docx.document.doc_grid(grid);
    docx = styles(docx, bold_levels);
    for banner in &report.banners {
        docx = docx.add_paragraph(Paragraph::new().style("Body").add_run(text_run(
            banner.text(),
            HEITI,
            BODY_SIZE,
        )));
    }
    // The title's lines, broken as the view decided, in one paragraph.
    let mut title = Paragraph::new().style("ReportTitle");
    for (i, line) in report.title_lines.iter().enumerate() {
        let mut run = text_run(line, XIAOBIAOSONG, 44);
        if i + 1 < report.title_lines.len() {
            run = run.add_break(BreakType::TextWrapping);
        }
        title = title.add_run(run);
    }
    docx = docx.add_paragraph(title);
    if let Some(doc_no) = &report.doc_no {
        docx = docx.add_paragraph(
            Paragraph::new()
                .style("Body")
                .align(AlignmentType::Center)
                .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
                .add_run(text_run(doc_no, FANGSONG, BODY_SIZE)),
        );
    }
    if let Some(recipient) = &report.recipient {
        docx = docx.add_paragraph(
            Paragraph::new()
                .style("Body")
                .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
                .add_run(text_run(&format!("{recipient}："), FANGSONG, BODY_SIZE)),
        );
    }
    for text in [&report.intro, &report.highlights] {
        for p in markdown_paragraphs(&text.markdown, None, bold_levels) {
            docx = docx.add_paragraph(p);
        }
    }
    for s in &report.sections {
        if docx.document.children.len() > MAX_PARAGRAPHS {
            return Err(DocxError::TooLarge);
        }
        docx = section(docx, s, bold_levels);
    }
    let indent = |em: f64| (em * f64::from(CHAR_TWIPS)).round() as i32;
    let signoff_line = |text: &str, right: i32| {
        Paragraph::new()
            .style("Signoff")
            .indent(
                None,
                Some(SpecialIndentType::FirstLine(0)),
                Some(right),
                None,
            )
            .add_run(text_run(text, FANGSONG, BODY_SIZE))
    };
    docx = docx
        .add_paragraph(Paragraph::new().style("Body"))
        .add_paragraph(signoff_line(
            &report.signer,
            indent(report.signoff.signer_indent),
        ))
        .add_paragraph(signoff_line(
            &report.date,
            indent(report.signoff.date_indent),
        ));
    let mut bytes = std::io::Cursor::new(Vec::new());
    if docx.document.children.len() > MAX_PARAGRAPHS {
        return Err(DocxError::TooLarge);
    }
    let mut parts = docx.build();
    parts.styles = without_auto_space(&parts.styles);
    parts
        .pack(&mut bytes)
        .map_err(|e| DocxError::Pack(e.to_string()))?;
    Ok(bytes.into_inner())
}

/// Switches off Word's and LibreOffice's automatic space between Chinese and Latin text or
/// digits (`2025 年`, `8 个`): `autoSpaceDE` and `autoSpaceDN` set to 0 in the document's
/// default paragraph properties and in every paragraph style, which docx-rs has no setter for.
/// They go first in each `w:pPr`, where the schema's order puts them before everything a style
/// here sets.
fn without_auto_space(styles: &[u8]) -> Vec<u8> {
    const OFF: &str = r#"<w:pPr><w:autoSpaceDE w:val="0" /><w:autoSpaceDN w:val="0" />"#;
    String::from_utf8_lossy(styles)
        .replace("<w:pPr>", OFF)
        .into_bytes()
}
