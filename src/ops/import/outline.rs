//! The outline: headings at each level — by their numbers (一、 （一） 1. （1）) or, where a Word
//! document sets them by style alone, by the style's outline level — run-in or standalone as
//! published, the paragraphs of each section, and tables as Markdown tables in place. The
//! numbers are dropped (the build numbers by position); a level whose numbers run on across
//! its parents is noted (`continuous_levels`), and a short line that starts the numbering
//! again is an unnumbered sub-heading (问题产生的原因).

use super::block::Block;
use super::{ImportError, Notes};
use crate::ops::problems;
use crate::text::numerals::is_heading_numeral;

/// One section read from the outline.
#[derive(Debug, Default)]
pub struct Part {
    pub level: usize,
    /// Printed without a number (a sub-heading such as 问题产生的原因).
    pub unnumbered: bool,
    /// The block its items were moved to (`problems`, `plans`).
    pub block: Option<&'static str>,
    pub title: String,
    pub run_in: bool,
    pub text: Vec<String>,
    pub children: Vec<Part>,
}

/// The body of a report as an outline.
#[derive(Debug, Default)]
pub struct Outline {
    /// Paragraphs before the first part.
    pub intro: Vec<String>,
    /// `——` lines of the intro (亮点).
    pub highlights: Vec<String>,
    /// The parts (一、…), with their sections.
    pub roots: Vec<Part>,
    /// Levels whose numbers run on across their parents.
    pub continuous: Vec<u8>,
    /// Sections made at each level.
    pub sections: [usize; 4],
    /// Paragraphs kept as text.
    pub paragraphs: usize,
    /// Tables kept as Markdown tables.
    pub tables: usize,
}

/// What the reader of the outline keeps track of between blocks.
#[derive(Default)]
struct Reader {
    out: Outline,
    last_number: [u64; 5],
    pending_heading: Option<String>,
    heading_open: Option<usize>,
    started: bool,
    /// Headings set by style carry their numbers (see [`numbers_typed`]).
    numbers_typed: bool,
}

/// Reads the outline of the body.
pub fn read(body: Vec<Block>, notes: &mut Notes) -> Result<Outline, ImportError> {
    let offset = style_offset(&body);
    let mut reader = Reader {
        numbers_typed: numbers_typed(&body),
        ..Reader::default()
    };
    let blocks: Vec<Block> = joined(body).into_iter().flat_map(items).collect();
    for (k, block) in blocks.iter().enumerate() {
        // What follows: a heading at a level, the end (level 0), or text (None).
        let next = match blocks.get(k + 1) {
            Some(b) => heading_of(b, offset).map(|(level, _)| level),
            None => Some(0),
        };
        reader.block(block, offset, next, notes);
    }
    reader.flush_pending();
    if reader.out.roots.is_empty() {
        return Err(ImportError::NoReport("no outline"));
    }
    Ok(reader.out)
}

impl Reader {
    fn block(&mut self, block: &Block, offset: u8, next: Option<usize>, notes: &mut Notes) {
        let next_is_heading = next.is_some_and(|l| l > 0);
        if let Some(rows) = &block.table {
            self.flush_pending();
            self.out.tables += 1;
            self.text(markdown_table(rows));
            return;
        }
        let text = escape_template(block.text.trim());
        match heading_of(block, offset) {
            Some((level, len)) => {
                mends_of_marker(&text[..len.min(text.len())], &text, notes);
                // A numbered sentence with nothing under it is an item run in (`（一）……6次。`);
                // one with text under it a standalone heading with a stop (W0727).
                let alone = next.is_some_and(|l| l <= level);
                let styled = block.outline.is_some() && len == 0;
                if styled && self.numbers_typed && next.is_some_and(|l| l > 0) {
                    self.flush_pending();
                    self.pending_heading = Some(text);
                    return;
                }
                self.heading(
                    level,
                    &text,
                    len,
                    (block.outline.is_some() && len == 0, alone),
                );
                self.started = true;
            }
            None if !self.started => {
                if text.starts_with("——") {
                    self.out.highlights.push(text);
                } else {
                    self.out.intro.push(text);
                }
            }
            None => self.paragraph(text, next_is_heading),
        }
    }

    fn heading(&mut self, level: usize, text: &str, len: usize, (styled, alone): (bool, bool)) {
        let number = marker_number(text, len).unwrap_or(0);
        // A level starts again below each section of the level above.
        if level >= 2 && number > 1 && self.last_number[level] == 0 {
            let level = level as u8;
            if !self.out.continuous.contains(&level) {
                self.out.continuous.push(level);
            }
        }
        if self.heading_open.is_some_and(|l| level < l) {
            self.heading_open = None;
        }
        if let Some(heading) = self.pending_heading.take() {
            // `问题产生的原因` then （一）…: a heading that takes no level; what follows at its
            // level goes inside it.
            insert(
                &mut self.out.roots,
                Part {
                    level,
                    unnumbered: true,
                    title: heading,
                    ..Part::default()
                },
            );
            self.out.sections[level - 1] += 1;
            self.heading_open = Some(level);
        }
        let mut section = part(level, &text[len..]);
        if styled {
            section.run_in = false;
        } else if alone && !section.run_in && section.title.ends_with('。') {
            section.title.pop();
            section.run_in = true;
        }
        self.out.sections[level - 1] += 1;
        match self.heading_open.filter(|&l| l == level) {
            Some(_) => {
                if let Some(h) = last_heading(&mut self.out.roots, level) {
                    h.children.push(section);
                }
            }
            None => insert(&mut self.out.roots, section),
        }
        self.last_number[level] = number;
        for n in &mut self.last_number[level + 1..] {
            *n = 0;
        }
    }

    /// A paragraph of a section; a short line without a stop right before a numbered heading
    /// may be an unnumbered sub-heading, decided when that heading comes.
    fn paragraph(&mut self, text: String, next_is_heading: bool) {
        let heading_like = text.chars().count() <= 20
            && !text.contains(['。', '，', '：', '；'])
            && !crate::validate::has_placeholder(&text)
            && next_is_heading;
        self.flush_pending();
        if heading_like && last_open(&mut self.out.roots).is_some() {
            self.pending_heading = Some(text);
            return;
        }
        self.text(text);
    }

    /// A pending short line that no heading followed is text, in its place.
    fn flush_pending(&mut self) {
        if let Some(heading) = self.pending_heading.take() {
            self.text(heading);
        }
    }

    fn text(&mut self, text: String) {
        self.out.paragraphs += 1;
        match last_open(&mut self.out.roots) {
            Some(section) => section.text.push(text),
            None => self.out.intro.push(text),
        }
    }
}

/// The level of a block's heading and the length of its number: by its number (`一、`,
/// `（一）`, `1.`, `（1）`), or by its style's outline level (`offset` levels up, so that a document whose
/// headings start at Heading 2 starts at 1); `None` for a paragraph.
fn heading_of(block: &Block, offset: u8) -> Option<(usize, usize)> {
    if block.table.is_some() {
        return None;
    }
    let text = block.text.trim();
    if let Some(found) = marker(text) {
        return Some(found);
    }
    let level = block.outline.filter(|&o| o > offset)? - offset;
    let sentence = text.trim_end_matches('。').contains('。');
    (level <= 4 && !sentence && !text.is_empty()).then_some((usize::from(level), 0))
}

/// How many levels the style-only headings of a body start below 1: as the numbered headings
/// with a style say (`（一）` set in Heading 3: 1), else as the highest style-only heading.
fn style_offset(body: &[Block]) -> u8 {
    let numbered = body.iter().find_map(|b| {
        let (level, _) = marker(b.text.trim())?;
        let outline = b.outline.filter(|&o| o > 0)?;
        outline.checked_sub(u8::try_from(level).ok()?)
    });
    let lowest = body
        .iter()
        .filter(|b| marker(b.text.trim()).is_none())
        .filter_map(|b| b.outline.filter(|&o| o > 0))
        .min()
        .unwrap_or(1);
    numbered.unwrap_or(lowest - 1)
}

/// Whether the headings set by style also carry their numbers: then one without a number is
/// an unnumbered sub-heading (问题产生的原因).
fn numbers_typed(body: &[Block]) -> bool {
    body.iter()
        .any(|b| b.outline.is_some_and(|o| o > 0) && marker(b.text.trim()).is_some())
}

/// Escapes what would read as template syntax, so `{{` prints as itself.
fn escape_template(text: &str) -> String {
    text.replace("{{", "{{ '{{' }}")
        .replace("{%", "{{ '{%' }}")
        .replace("{#", "{{ '{#' }}")
}

/// A table as Markdown, rows and cells in order, the first row its head.
fn markdown_table(rows: &[Vec<String>]) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let row = |cells: &[String]| {
        let mut line = String::from("|");
        for i in 0..width {
            let cell = cells.get(i).map_or("", String::as_str);
            let cell = escape_template(&cell.replace('|', "\\|").replace('\n', " "));
            line.push(' ');
            line.push_str(cell.trim());
            line.push_str(" |");
        }
        line
    };
    let mut out = vec![row(rows.first().map_or(&[][..], Vec::as_slice))];
    out.push(format!("|{}", "---|".repeat(width)));
    out.extend(rows.iter().skip(1).map(|r| row(r)));
    out.join("\n")
}

/// Findings of a heading's number as published, which the build replaces: `3、` (E0702), a
/// space after the number (W0720).
fn mends_of_marker(number: &str, line: &str, notes: &mut Notes) {
    if number.is_empty() {
        return;
    }
    if number.ends_with('、') && number.starts_with(|c: char| c.is_ascii_digit()) {
        notes.mend(problems::arabic_dun_heading(number));
    }
    if line[number.len()..].starts_with([' ', '\u{3000}']) {
        let head: String = line.chars().take(12).collect();
        notes.mend(problems::space_after_number(&head));
    }
}

/// The level of a heading marker at the start of a paragraph, and the marker's length in
/// bytes (with any space after it): `一、` 1, `（一）` 2, `1.` `1、` `1．` 3, `（1）` 4.
pub fn marker(p: &str) -> Option<(usize, usize)> {
    let (level, len) = bare_marker(p)?;
    let spaces: usize = p[len..]
        .chars()
        .take_while(|c| matches!(c, ' ' | '\u{3000}'))
        .map(char::len_utf8)
        .sum();
    Some((level, len + spaces))
}

fn bare_marker(p: &str) -> Option<(usize, usize)> {
    let take = |s: &str, f: &dyn Fn(char) -> bool| -> usize {
        s.char_indices()
            .find(|&(_, c)| !f(c))
            .map_or(s.len(), |(i, _)| i)
    };
    if let Some(rest) = p.strip_prefix(['（', '(']) {
        let open = p.len() - rest.len();
        let n = take(rest, &is_heading_numeral);
        if n > 0 && rest[n..].starts_with(['）', ')']) {
            return Some((2, open + n + rest[n..].chars().next()?.len_utf8()));
        }
        let n = take(rest, &|c| c.is_ascii_digit());
        if n > 0 && n <= 2 && rest[n..].starts_with(['）', ')']) {
            return Some((4, open + n + rest[n..].chars().next()?.len_utf8()));
        }
        return None;
    }
    let n = take(p, &is_heading_numeral);
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
        .filter(|c| {
            !matches!(
                c,
                '（' | '）' | '(' | ')' | '、' | '.' | '．' | ' ' | '\u{3000}'
            )
        })
        .collect();
    inner
        .parse()
        .ok()
        .or_else(|| super::dates::han_number(&inner))
}

/// A heading's section: run in when a sentence of it ends with 。 or ： and text follows on
/// the same line (the title to that mark); standalone otherwise, its title as published — a
/// final 。 kept, for `check` to report (W0727).
fn part(level: usize, rest: &str) -> Part {
    let rest = rest.trim_start();
    let colon = rest
        .char_indices()
        .find(|&(i, c)| c == '：' && rest[..i].chars().count() <= 60);
    let stop = rest.char_indices().find(|&(_, c)| c == '。');
    let split = match (colon, stop) {
        (Some(c), Some(s)) => Some(if c.0 < s.0 { c } else { s }),
        (c, s) => c.or(s),
    };
    let standalone = |title: &str| Part {
        level,
        title: title.to_string(),
        ..Part::default()
    };
    let Some((i, c)) = split else {
        return standalone(rest);
    };
    let body = rest[i + c.len_utf8()..].trim();
    if body.is_empty() {
        // A lead ending in ： below the second level is a run-in heading whose text starts
        // on the next line (the build sets it apart above a list).
        let lead = c == '：' && level >= 3;
        return Part {
            run_in: lead,
            ..standalone(rest)
        };
    }
    let title = if c == '。' {
        &rest[..i]
    } else {
        &rest[..i + c.len_utf8()]
    };
    Part {
        level,
        title: title.to_string(),
        run_in: true,
        text: vec![body.to_string()],
        ..Part::default()
    }
}

/// A block of run-in items `（1）……（2）……` as one block per item, each a heading of its own.
fn items(block: Block) -> Vec<Block> {
    if block.table.is_some() {
        return vec![block];
    }
    split_items(block.text.trim())
        .into_iter()
        .map(|text| Block {
            text,
            ..block.clone()
        })
        .collect()
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

/// Whether a paragraph ends a sentence (so the next one is not its continuation).
fn ends_sentence(p: &str) -> bool {
    p.trim_end().ends_with([
        '。', '！', '？', '：', '；', '”', '’', '）', '」', '…', '!', '?', ';', ':',
    ])
}

/// Lines joined where a page or a copy from a web page broke a sentence: a paragraph of body
/// text (not a heading, a title or a short line) that runs on mid-sentence into a line that
/// is no heading, date or table. A standalone heading is never joined to what follows.
fn joined(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    for b in blocks {
        let continues = out.last().is_some_and(|last| {
            let (l, t) = (last.text.trim(), b.text.trim());
            let last_is_sentence = match marker(l) {
                // A numbered line runs on only when it is a run-in heading with its text.
                Some((_, len)) => l[len..].contains('。'),
                None => true,
            };
            last.table.is_none()
                && b.table.is_none()
                && last.outline.is_none()
                && b.outline.is_none()
                && last_is_sentence
                && !ends_sentence(l)
                && l.chars().count() >= 24
                && marker(t).is_none()
                && super::dates::date_of(t).is_none()
                && !crate::validate::has_placeholder(t)
        });
        if continues {
            let last = out.last_mut().expect("checked");
            last.text = format!("{}{}", last.text.trim_end(), b.text.trim_start());
        } else {
            out.push(b);
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(lines: &[&str]) -> Outline {
        read(
            lines.iter().map(|l| Block::text(*l)).collect(),
            &mut Notes::default(),
        )
        .unwrap()
    }

    #[test]
    fn markers_are_read_by_level() {
        assert_eq!(marker("一、基本情况"), Some((1, "一、".len())));
        assert_eq!(marker("（二）强化领导"), Some((2, "（二）".len())));
        assert_eq!(marker("3、强化经费保障"), Some((3, "3、".len())));
        assert_eq!(marker("1. 落实责任"), Some((3, 3)));
        assert_eq!(marker("（4）在尊法上"), Some((4, "（4）".len())));
        assert_eq!(marker("1.5万人"), None);
        assert_eq!(marker("2020年以来"), None);
    }

    #[test]
    fn headings_keep_their_form_and_never_swallow_text() {
        let o = outline(&[
            "一、主要举措",
            "（一）加强组织领导，健全法治建设责任体系，压实各方责任",
            "全年召开专题会议6次，研究部署法治政府建设工作，确保各项任务落地见效",
            "（二）规范行政决策。",
            "严格执行重大行政决策程序。",
            "1.强化制度建设。全年制定制度12项。",
        ]);
        let first = &o.roots[0].children[0];
        assert!(!first.run_in && first.text.len() == 1, "{first:?}");
        let second = &o.roots[0].children[1];
        assert_eq!(second.title, "规范行政决策。");
        assert!(!second.run_in);
        assert_eq!(second.children[0].title, "强化制度建设");
        assert!(second.children[0].run_in);
    }

    #[test]
    fn a_placeholder_is_text_and_numbering_goes_on() {
        let o = outline(&["一、主要举措", "待补充", "二、存在问题", "正文。"]);
        assert_eq!(o.roots.len(), 2);
        assert_eq!(o.roots[0].text, ["待补充"]);
    }

    #[test]
    fn tables_stay_tables_in_order() {
        let mut blocks = vec![Block::text("一、主要举措")];
        blocks.push(Block {
            table: Some(vec![
                vec!["项目".into(), "数量".into()],
                vec!["讲座".into(), "12场".into()],
                vec!["咨询".into(), "30次".into()],
            ]),
            ..Block::default()
        });
        let o = read(blocks, &mut Notes::default()).unwrap();
        assert_eq!(
            o.roots[0].text[0],
            "| 项目 | 数量 |\n|---|---|\n| 讲座 | 12场 |\n| 咨询 | 30次 |"
        );
    }
}
