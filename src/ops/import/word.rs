//! The WordprocessingML of a DOCX body, read element by element: paragraphs with their style's
//! outline level, bold and alignment, runs with `<w:br/>`, tables as rows, content controls
//! and tracked insertions read through, deletions left out, and a text box read once (from
//! the `mc:Choice` of its `mc:AlternateContent`, never again from the fallback).
//! Elements are matched by local name, so Transitional and Strict documents read alike.

use std::collections::HashMap;

use roxmltree::Node;

use super::block::Block;

/// A paragraph style: what a paragraph of it looks like.
#[derive(Debug, Clone, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    bold: Option<bool>,
    jc: Option<String>,
}

/// The paragraph styles of `word/styles.xml`, by id.
#[derive(Debug, Default)]
pub struct Styles {
    by_id: HashMap<String, Style>,
}

/// What a paragraph's style chain gives it.
#[derive(Debug, Default, Clone, Copy)]
struct Looks {
    outline: Option<u8>,
    bold: bool,
    centered: bool,
    right: bool,
}

impl Styles {
    /// Reads the styles part; a part that does not parse gives no styles (the text is still
    /// read).
    pub fn parse(xml: &str) -> Styles {
        let options = roxmltree::ParsingOptions {
            allow_dtd: false,
            nodes_limit: 1_000_000,
            ..roxmltree::ParsingOptions::default()
        };
        let Ok(doc) = roxmltree::Document::parse_with_options(xml, options) else {
            return Styles::default();
        };
        let mut by_id = HashMap::new();
        for style in doc.descendants().filter(|n| is(n, "style")) {
            if attr(&style, "type").is_some_and(|t| t != "paragraph") {
                continue;
            }
            let Some(id) = attr(&style, "styleId") else {
                continue;
            };
            let child_val = |name: &str| child(&style, name).and_then(|c| attr(&c, "val"));
            let ppr = child(&style, "pPr");
            let rpr = child(&style, "rPr");
            by_id.insert(
                id.to_string(),
                Style {
                    name: child_val("name").unwrap_or_default().to_string(),
                    based_on: child_val("basedOn").map(str::to_string),
                    outline: ppr
                        .and_then(|p| child(&p, "outlineLvl"))
                        .and_then(|o| attr(&o, "val")?.parse::<u8>().ok()),
                    bold: rpr.and_then(|r| child(&r, "b")).map(|b| on(&b)),
                    jc: ppr
                        .and_then(|p| child(&p, "jc"))
                        .and_then(|j| attr(&j, "val"))
                        .map(str::to_string),
                },
            );
        }
        Styles { by_id }
    }

    /// What the style `id` and those it is based on give a paragraph.
    fn looks(&self, id: Option<&str>) -> Looks {
        let mut looks = Looks::default();
        let (mut bold, mut jc, mut outline) = (None, None, None);
        let mut next = id.map(str::to_string);
        for _ in 0..16 {
            let Some(style) = next.as_deref().and_then(|id| self.by_id.get(id)) else {
                break;
            };
            outline = outline
                .or(heading_of_name(&style.name))
                .or(style.outline.filter(|&o| o < 9).map(|o| o + 1));
            bold = bold.or(style.bold);
            jc = jc.or(style.jc.clone());
            next.clone_from(&style.based_on);
        }
        looks.outline = outline;
        looks.bold = bold.unwrap_or(false);
        looks.centered = jc.as_deref() == Some("center");
        looks.right = matches!(jc.as_deref(), Some("right" | "end"));
        looks
    }
}

/// The outline level a style's name says: `heading 2`, `标题 2` → 2; `Title`, `标题` → 0.
fn heading_of_name(name: &str) -> Option<u8> {
    let lower = name.trim().to_lowercase();
    if lower == "title" || lower == "标题" {
        return Some(0);
    }
    let rest = lower
        .strip_prefix("heading")
        .or_else(|| lower.strip_prefix("标题"))?;
    rest.trim()
        .parse::<u8>()
        .ok()
        .filter(|&n| (1..=9).contains(&n))
}

fn is(node: &Node<'_, '_>, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name
}

/// An attribute by local name, whatever its namespace.
fn attr<'a>(node: &Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name() == name)
        .map(|a| a.value())
}

fn child<'a, 'input>(node: &Node<'a, 'input>, name: &str) -> Option<Node<'a, 'input>> {
    node.children().find(|c| is(c, name))
}

/// A toggle property (`<w:b/>`, `<w:b w:val="0"/>`) is on unless its value says off.
fn on(node: &Node<'_, '_>) -> bool {
    !matches!(attr(node, "val"), Some("0" | "false" | "off"))
}

/// The blocks of a body (or of a cell, a content control, a text box), in order.
pub fn body(node: Node<'_, '_>, styles: &Styles, out: &mut Vec<Block>, depth: usize) {
    if depth > super::block::MAX_DEPTH {
        return;
    }
    for child in node.children().filter(Node::is_element) {
        match child.tag_name().name() {
            "p" => paragraph(child, styles, out, depth),
            "tbl" => out.push(table(child, styles, depth)),
            "sdt" | "customXml" | "sdtContent" | "ins" | "smartTag" => {
                body(child, styles, out, depth + 1);
            }
            _ => {}
        }
    }
}

/// A paragraph, and after it the paragraphs of any text box anchored in it.
fn paragraph(p: Node<'_, '_>, styles: &Styles, out: &mut Vec<Block>, depth: usize) {
    let ppr = child(&p, "pPr");
    let val = |name: &str| {
        ppr.and_then(|p| child(&p, name))
            .and_then(|c| attr(&c, "val"))
    };
    let mut looks = styles.looks(val("pStyle"));
    if let Some(level) = val("outlineLvl").and_then(|v| v.parse::<u8>().ok()) {
        looks.outline = (level < 9).then_some(level + 1);
    }
    match val("jc") {
        Some("center") => (looks.centered, looks.right) = (true, false),
        Some("right" | "end") => (looks.centered, looks.right) = (false, true),
        Some(_) => (looks.centered, looks.right) = (false, false),
        None => {}
    }
    let mut text = Inline {
        styles,
        text: String::new(),
        bold_runs: 0,
        plain_runs: 0,
        boxes: Vec::new(),
        style_bold: looks.bold,
    };
    text.walk(p, depth + 1);
    let bold = text.bold_runs > 0 && text.plain_runs == 0;
    out.push(Block {
        text: text.text.trim_end().to_string(),
        outline: looks.outline,
        bold,
        centered: looks.centered,
        right: looks.right,
        table: None,
    });
    out.extend(text.boxes);
}

/// The text of a paragraph's runs, with what they say about it.
struct Inline<'s> {
    styles: &'s Styles,
    text: String,
    bold_runs: usize,
    plain_runs: usize,
    boxes: Vec<Block>,
    style_bold: bool,
}

impl Inline<'_> {
    fn walk(&mut self, node: Node<'_, '_>, depth: usize) {
        if depth > super::block::MAX_DEPTH {
            return;
        }
        for child in node.children().filter(Node::is_element) {
            match child.tag_name().name() {
                "r" => self.run(child, depth + 1),
                "hyperlink" | "ins" | "smartTag" | "fldSimple" | "customXml" | "sdt"
                | "sdtContent" | "moveTo" => self.walk(child, depth + 1),
                "AlternateContent" => self.alternate(child, depth + 1),
                _ => {}
            }
        }
    }

    fn run(&mut self, r: Node<'_, '_>, depth: usize) {
        let bold = child(&r, "rPr")
            .and_then(|p| child(&p, "b"))
            .map_or(self.style_bold, |b| on(&b));
        let before = self.text.len();
        for c in r.children().filter(Node::is_element) {
            match c.tag_name().name() {
                "t" => self.text.push_str(c.text().unwrap_or("")),
                "br" if !matches!(attr(&c, "type"), Some("page" | "column")) => {
                    self.text.push('\n');
                }
                "cr" => self.text.push('\n'),
                "tab" => self.text.push(' '),
                "noBreakHyphen" => self.text.push('-'),
                "AlternateContent" => self.alternate(c, depth + 1),
                "drawing" | "pict" => self.text_boxes(c, depth + 1),
                _ => {}
            }
        }
        if self.text[before..].trim().is_empty() {
            return;
        }
        if bold {
            self.bold_runs += 1;
        } else {
            self.plain_runs += 1;
        }
    }

    /// `mc:AlternateContent`: the first choice only (its fallback repeats it).
    fn alternate(&mut self, node: Node<'_, '_>, depth: usize) {
        let chosen = node
            .children()
            .find(|c| is(c, "Choice"))
            .or_else(|| node.children().find(|c| is(c, "Fallback")));
        if let Some(chosen) = chosen {
            if chosen.children().any(|c| is(&c, "r")) {
                self.walk(chosen, depth + 1);
            } else {
                self.text_boxes(chosen, depth + 1);
            }
        }
    }

    /// The paragraphs of the text boxes inside a drawing, as blocks of their own.
    fn text_boxes(&mut self, node: Node<'_, '_>, depth: usize) {
        for content in node.descendants().filter(|n| is(n, "txbxContent")) {
            // A text box inside a text box is read with its outer box.
            if content
                .ancestors()
                .skip(1)
                .take_while(|a| *a != node)
                .any(|a| is(&a, "txbxContent"))
            {
                continue;
            }
            body(content, self.styles, &mut self.boxes, depth + 1);
        }
    }
}

/// A table: its rows of cells, in order; a cell's paragraphs joined by a space.
fn table(tbl: Node<'_, '_>, styles: &Styles, depth: usize) -> Block {
    let mut rows = Vec::new();
    for tr in tbl.children().filter(|c| is(c, "tr")) {
        let mut cells = Vec::new();
        for tc in tr.children().filter(|c| is(c, "tc")) {
            let mut inner = Vec::new();
            body(tc, styles, &mut inner, depth + 1);
            let text: Vec<String> = inner
                .into_iter()
                .flat_map(|b| match b.table {
                    Some(rows) => rows.into_iter().flatten().collect::<Vec<_>>(),
                    None => vec![b.text.replace('\n', " ")],
                })
                .filter(|t| !t.trim().is_empty())
                .collect();
            cells.push(text.join(" "));
        }
        if cells.iter().any(|c| !c.trim().is_empty()) {
            rows.push(cells);
        }
    }
    Block {
        table: Some(rows),
        ..Block::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

    fn blocks(body_xml: &str, styles_xml: &str) -> Vec<Block> {
        let xml = format!(r"<w:document {W}><w:body>{body_xml}</w:body></w:document>");
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let styles = Styles::parse(&format!(r"<w:styles {W}>{styles_xml}</w:styles>"));
        let body_node = doc.root_element().first_element_child().unwrap();
        let mut out = Vec::new();
        body(body_node, &styles, &mut out, 0);
        out
    }

    #[test]
    fn styles_breaks_tables_and_boxes_are_read() {
        let styles = r#"<w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/></w:style>
            <w:style w:type="paragraph" w:styleId="Mine"><w:name w:val="我的标题"/><w:basedOn w:val="H1"/><w:rPr><w:b/></w:rPr></w:style>"#;
        let body_xml = r#"<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>某镇人民政府</w:t><w:br/><w:t>关于2024年的报告</w:t></w:r></w:p>
            <w:p><w:pPr><w:pStyle w:val="Mine"/></w:pPr><w:r><w:t>加强领导</w:t></w:r></w:p>
            <w:p><w:r><w:rPr><w:b/></w:rPr><w:t>（一）强化</w:t></w:r><w:r><w:t>正文。</w:t></w:r><w:del><w:r><w:t>删</w:t></w:r></w:del></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>项目</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>数量</w:t></w:r></w:p></w:tc></w:tr>
                   <w:tr><w:tc><w:p><w:r><w:t>讲座</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>12场</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            <w:p><w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent><w:p><w:r><w:t>框中文字</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>框中文字</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#;
        let out = blocks(body_xml, styles);
        assert_eq!(out[0].text, "某镇人民政府\n关于2024年的报告");
        assert!(out[0].centered);
        assert_eq!((out[1].outline, out[1].bold), (Some(1), true));
        assert_eq!(out[2].text, "（一）强化正文。");
        assert!(!out[2].bold);
        assert_eq!(out[3].table.as_ref().unwrap()[1], ["讲座", "12场"]);
        let boxes: Vec<&Block> = out.iter().filter(|b| b.text == "框中文字").collect();
        assert_eq!(boxes.len(), 1, "{out:?}");
    }
}
