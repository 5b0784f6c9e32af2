//! Read: a file's bytes → the blocks of the report, in order, with what their layout says
//! (a style's outline level, bold, centred, right-aligned), a line break inside a paragraph as
//! `\n`, and a table as its rows. DOCX is read through an XML parser — the styles and their
//! outline levels, `<w:br/>`, tables, text boxes once — text and Markdown by lines.

use std::io::Read as _;

use super::ImportError;
pub use super::block::Block;

/// The most text taken from one part of a DOCX package.
const MAX_XML: u64 = 64 << 20;

/// The kinds of file `import` reads a report from, by extension.
pub const EXTENSIONS: [&str; 4] = ["docx", "txt", "md", "markdown"];

/// The blocks of a file, by its extension.
pub fn blocks(file_name: &str, bytes: &[u8]) -> Result<Vec<Block>, ImportError> {
    if bytes.len() > super::MAX_BYTES {
        return Err(ImportError::TooLarge(super::MAX_BYTES >> 20));
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
    // A file renamed by mistake: said as such rather than as a broken file of the other kind.
    let zip = bytes.starts_with(b"PK\x03\x04");
    match extension {
        "docx" if bytes.is_empty() => return Err(ImportError::NoReport("empty")),
        "docx" if !zip && crate::source::decode(bytes).is_ok() => {
            return Err(ImportError::Renamed("txt"));
        }
        "txt" | "md" | "markdown" if zip => return Err(ImportError::Renamed("docx")),
        _ => {}
    }
    let blocks = match extension {
        "docx" => docx(bytes)?,
        "txt" | "md" | "markdown" => {
            let (text, _) = crate::source::decode(bytes).map_err(|_| ImportError::Encoding)?;
            if extension == "txt" {
                lines(&text)
            } else {
                markdown(&text)
            }
        }
        _ => return Err(ImportError::Kind),
    };
    if blocks
        .iter()
        .all(|b| b.text.trim().is_empty() && b.table.is_none())
    {
        return Err(ImportError::NoReport(if extension == "docx" {
            "no text"
        } else {
            "empty"
        }));
    }
    Ok(blocks)
}

/// Plain text: each line that is not blank is a paragraph (a web page or a Word file saved as
/// text puts one paragraph on a line). The indent of a line (spaces, full-width spaces) is
/// layout, not text.
fn lines(text: &str) -> Vec<Block> {
    text.lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace()))
        .filter(|l| !l.is_empty())
        .map(Block::text)
        .collect()
}

/// Markdown: `#` headings with their level (a lone `#` at the top is the title), quotations
/// unwrapped, tables as tables, escapes taken off.
fn markdown(text: &str) -> Vec<Block> {
    let hashes = |l: &str| l.chars().take_while(|&c| c == '#').count();
    let singles = text.lines().filter(|l| hashes(l.trim_start()) == 1).count();
    let mut out: Vec<Block> = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('|') {
            if !is_separator_row(line) {
                rows.push(table_cells(line));
            }
            continue;
        }
        if !rows.is_empty() {
            out.push(table_block(std::mem::take(&mut rows)));
        }
        let level = hashes(line);
        let bare = line[level..].trim_start().trim_start_matches('>').trim();
        if bare.is_empty() {
            continue;
        }
        let mut block = Block::text(unescape_markdown(bare));
        if level > 0 {
            let level = if singles == 1 { level - 1 } else { level };
            block.outline = u8::try_from(level).ok();
        }
        out.push(block);
    }
    if !rows.is_empty() {
        out.push(table_block(rows));
    }
    out
}

fn is_separator_row(line: &str) -> bool {
    line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

fn table_cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    inner
        .split('|')
        .map(|c| unescape_markdown(c.trim()))
        .collect()
}

fn table_block(rows: Vec<Vec<String>>) -> Block {
    Block {
        table: Some(rows),
        ..Block::default()
    }
}

/// Markdown's backslash escapes taken off (`\*` → `*`); a lone backslash stays.
fn unescape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(char::is_ascii_punctuation) {
            continue;
        }
        out.push(c);
    }
    out
}

/// One part of a DOCX package as text, at most [`MAX_XML`] bytes.
fn package_part(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, ImportError> {
    if zip.index_for_name(name).is_none() {
        return Ok(None);
    }
    let mut xml = String::new();
    zip.by_name(name)
        .map_err(|e| ImportError::Docx(e.to_string()))?
        .take(MAX_XML)
        .read_to_string(&mut xml)
        .map_err(|e| ImportError::Docx(e.to_string()))?;
    Ok(Some(xml))
}

/// The blocks of a Word document's body.
fn docx(bytes: &[u8]) -> Result<Vec<Block>, ImportError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| ImportError::Docx(e.to_string()))?;
    let Some(document) = package_part(&mut zip, "word/document.xml")? else {
        let names: Vec<&str> = zip.file_names().collect();
        let what = if names.iter().any(|n| n.starts_with("xl/")) {
            "spreadsheet"
        } else if names.iter().any(|n| n.starts_with("ppt/")) {
            "presentation"
        } else {
            "ZIP file"
        };
        return Err(ImportError::NotWord(what));
    };
    let styles = package_part(&mut zip, "word/styles.xml")?
        .map(|xml| super::word::Styles::parse(&xml))
        .unwrap_or_default();
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: 4_000_000,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(&document, options)
        .map_err(|e| ImportError::Docx(e.to_string()))?;
    let body = doc
        .root_element()
        .children()
        .find(|n| n.tag_name().name() == "body")
        .ok_or_else(|| ImportError::Docx("no body".into()))?;
    let mut out = Vec::new();
    super::word::body(body, &styles, &mut out, 0);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_keeps_levels_tables_and_words() {
        let md = "# 某镇2024年法治政府建设情况报告\n\n> 草稿：本稿含待补充内容\n\n## 一、基本情况\n\n正文\\*。\n\n| 项目 | 数量 |\n|---|---|\n| 讲座 | 12场 |\n";
        let blocks = markdown(md);
        assert_eq!(blocks[0].outline, Some(0));
        assert_eq!(blocks[1].text, "草稿：本稿含待补充内容");
        assert_eq!(blocks[2].outline, Some(1));
        assert_eq!(blocks[3].text, "正文*。");
        assert_eq!(
            blocks[4].table,
            Some(vec![
                vec!["项目".to_string(), "数量".to_string()],
                vec!["讲座".to_string(), "12场".to_string()],
            ])
        );
    }

    #[test]
    fn text_lines_lose_their_indent() {
        let blocks = lines("\u{3000}\u{3000}2024年，我镇……。\n\n  一、基本情况 \n");
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].text, "2024年，我镇……。");
        assert_eq!(blocks[1].text, "一、基本情况");
    }
}
