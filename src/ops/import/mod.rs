//! `report import`: a published report (DOCX, text or Markdown) turned into a report folder
//! that builds back to the same words.
//!
//! Typed stages, each a module:
//!
//! - `read` (and `word` for DOCX): bytes → `read::Block`s, with what the layout says
//!   (a style's outline level, bold, alignment, line breaks, tables);
//! - `page`: a web page's furniture taken out, its header (索引号, 发布机构, 发布时间) kept as
//!   metadata;
//! - `front`: the roles of the opening and closing blocks — letterhead, title lines,
//!   发文字号, 主送机关, intro, 署名 and 成文日期;
//! - `who`: the unit, its kind and the year, from what the user gave and every place the
//!   text names them, each with where it came from;
//! - `outline`: headings at each level (by their numbers or their style), run-in or
//!   standalone as published, body paragraphs, tables;
//! - `extract`: documents cited, laws studied and counts out of the words;
//! - `emit`: the data files, through `toml_edit`.
//!
//! Nothing is invented: what the text does not say and the user did not give is written as
//! `待补充` and said; every guess is said and marked in the TOML; every mend the import makes
//! to the published text is listed as a finding of the original, with the code `check` gives.

mod block;
mod dates;
mod emit;
mod extract;
mod front;
mod outline;
mod page;
pub mod read;
mod who;
mod word;

use crate::codes::Code;
use crate::diagnostic::Text;
use crate::model::{Date, UnitKind};

pub use super::problems::ImportError;

/// The largest file imported: a report is some tens of kilobytes; a DOCX with pictures a few
/// megabytes.
pub const MAX_BYTES: usize = 32 << 20;

/// What the user knows and gives on the command line; it wins over what the text says.
#[derive(Debug, Clone, Default)]
pub struct Given {
    /// 单位名称 (`--unit`).
    pub unit: Option<String>,
    /// 单位类别 (`--kind`).
    pub kind: Option<UnitKind>,
    /// 报告年度 (`--year`).
    pub year: Option<u16>,
    /// 成文日期 (`--date`).
    pub date: Option<Date>,
}

/// A finding of the published text that the import mended on its way in: what `check` would
/// have said of it.
#[derive(Debug, Clone)]
pub struct Mend {
    /// The code `check` gives for it.
    pub code: Code,
    /// What was found and what the import did.
    pub message: Text,
}

/// What an import made and what it has to say.
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
    /// Counts taken out of the text, and the counts seen in it (a number with a measure word).
    pub counts: (usize, usize),
    /// Laws studied taken out of the text.
    pub studied: usize,
    /// Tables kept as Markdown tables.
    pub tables: usize,
    /// What was guessed or left to fill in, said to the user.
    pub guesses: Vec<Text>,
    /// Findings of the published text that the import mended.
    pub mends: Vec<Mend>,
}

/// What the stages note on the way: guesses and mends.
#[derive(Debug, Default)]
pub(crate) struct Notes {
    guesses: Vec<Text>,
    mends: Vec<Mend>,
}

impl Notes {
    fn guess(&mut self, said: Text) {
        self.guesses.push(said);
    }

    fn mend(&mut self, (code, message): (Code, Text)) {
        self.mends.push(Mend { code, message });
    }
}

/// Imports a file: its name (for the kind of file) and its bytes.
pub fn import(file_name: &str, bytes: &[u8], given: &Given) -> Result<Imported, ImportError> {
    let blocks = read::blocks(file_name, bytes)?;
    let from_word = file_name.to_ascii_lowercase().ends_with(".docx");
    import_blocks(blocks, from_word, given)
}

/// Imports the blocks of a report. `from_word`: a DOCX's paragraphs are whole (never broken by
/// a page), a text's lines may be.
pub fn import_blocks(
    blocks: Vec<read::Block>,
    from_word: bool,
    given: &Given,
) -> Result<Imported, ImportError> {
    let mut notes = Notes::default();
    let page = page::clean(blocks);
    let mut front = front::read(page.blocks, from_word, &mut notes)?;
    let signoff = front::signoff(&mut front.body, &mut notes);
    let mut outline = outline::read(front.body, &mut notes)?;
    let who = who::identify(
        given,
        &front.head,
        &signoff,
        &page.meta,
        &outline.intro,
        &mut notes,
    )?;
    let extracted = extract::all(&mut outline);
    let mut imported = Imported {
        sections: outline.sections,
        paragraphs: outline.paragraphs,
        tables: outline.tables,
        documents: extracted.documents.len(),
        counts: (extracted.counts.len(), extracted.seen),
        studied: extracted.studied.len(),
        ..Imported::default()
    };
    imported.files = emit::files(&mut emit::Whole {
        head: &front.head,
        who: &who,
        meta: &page.meta,
        outline: &mut outline,
        extracted: &extracted,
        sample: page.sample,
    });
    imported.guesses = notes.guesses;
    imported.mends = notes.mends;
    Ok(imported)
}

/// Writes an import as a new report folder.
pub fn write(
    dir: &std::path::Path,
    imported: &Imported,
) -> Result<Vec<std::path::PathBuf>, crate::ops::init::InitError> {
    crate::ops::init::write_folder(dir, &imported.files)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Whatever the text, importing it gives a report or a reason, never a panic; every
        /// file it writes is TOML, and nothing it did not read is in it.
        #[test]
        fn any_text_imports_or_is_refused(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "一、", "（一）", "1.", "1、", "（1）", "（2）", "3、", "标题", "报告", "关于", "2020 年",
                "。", "，", "：", "\n", "\n\n", "— 1 —", "索引号：1", "发布日期：2021-03-01",
                "2021年1月10日", "太安镇人民政府", "《规划》（某府发〔2021〕1号）", "{{ x }}", "'''",
                "——亮点", "样例数据（SAMPLE）", "\"", "\\", "十", "（", "）", "、", "待补充",
                "其中", "举办讲座15场", "共1000余册", "95%以上", "| 甲 | 乙 |", "发布时间：2024-03-14 14:40",
                "首页 > 政务公开", "某某县司法局", "2023年度", "\u{3000}", "近300人次",
            ]), 0..48),
        ) {
            let text: String = pieces.concat();
            for name in ["report.txt", "report.md"] {
                if let Ok(imported) = import(name, text.as_bytes(), &Given::default()) {
                    for (file, toml) in &imported.files {
                        proptest::prop_assert!(toml.parse::<toml::Table>().is_ok(), "{file}:\n{toml}");
                    }
                }
            }
        }
    }
}
