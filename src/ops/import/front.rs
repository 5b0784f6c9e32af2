//! The roles of a report's opening and closing blocks, by what they are rather than how long
//! they are: the letterhead (`某某县人民政府文件`), the 发文字号, the title in one, two or three
//! lines (a Word title's Shift+Enter kept as a line break), the 主送机关 — and at the end the
//! 署名 and the 成文日期 (Arabic or Han numerals). A text that starts with its first sentence
//! has no title, and none is made up.

use super::block::Block;
use super::dates::{date_of, partial_date};
use super::{ImportError, Notes};
use crate::model::Date;
use crate::model::common::PLACEHOLDER;
use crate::ops::problems;

/// The blocks above the intro.
#[derive(Debug, Default)]
pub struct Head {
    /// The issuing body of a letterhead (`某某县人民政府` of `某某县人民政府文件`).
    pub letterhead: Option<String>,
    /// The title as published, line by line; empty when the text has none.
    pub title_lines: Vec<String>,
    /// 发文字号.
    pub doc_no: Option<String>,
    /// 主送机关, without its colon.
    pub recipient: Option<String>,
}

/// The head and the blocks below it.
#[derive(Debug)]
pub struct Front {
    pub head: Head,
    pub body: Vec<Block>,
}

/// The sign-off at the end.
#[derive(Debug, Default)]
pub struct Signoff {
    /// 署名.
    pub signer: Option<String>,
    /// 成文日期.
    pub date: Option<Date>,
    /// A date without its day, as published (`2025年1月`).
    pub partial: Option<String>,
}

/// Reads the head off the blocks.
pub fn read(blocks: Vec<Block>, from_word: bool, notes: &mut Notes) -> Result<Front, ImportError> {
    let mut blocks: std::collections::VecDeque<Block> = blocks.into();
    let mut head = Head::default();
    // A site repeats the page's title above the document's.
    if blocks.len() > 1 && blocks[0].text == blocks[1].text && blocks[0].table.is_none() {
        blocks.pop_front();
    }
    if let Some(b) = blocks.front()
        && let Some(issuer) = b.text.trim().strip_suffix("文件")
        && title_like(b)
        && !issuer.is_empty()
    {
        head.letterhead = Some(issuer.trim().to_string());
        blocks.pop_front();
    }
    head.doc_no = pop_doc_no(&mut blocks);
    let lines = title_length(blocks.make_contiguous());
    for b in blocks.drain(..lines) {
        head.title_lines.extend(
            b.text
                .split('\n')
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty()),
        );
    }
    if head.doc_no.is_none() {
        head.doc_no = pop_doc_no(&mut blocks);
    }
    if let Some(b) = blocks.front()
        && is_recipient(&b.text)
    {
        let r = b.text.trim().trim_end_matches(['：', ':']).to_string();
        head.recipient = Some(r);
        blocks.pop_front();
    }
    if head.title_lines.is_empty() {
        notes.guess(problems::no_title());
    }
    let _ = from_word;
    if blocks.is_empty() {
        return Err(ImportError::NoReport("empty"));
    }
    Ok(Front {
        head,
        body: blocks.into(),
    })
}

fn pop_doc_no(blocks: &mut std::collections::VecDeque<Block>) -> Option<String> {
    let b = blocks.front()?;
    is_doc_no(&b.text).then(|| b.text.trim().to_string())?;
    blocks.pop_front().map(|b| b.text.trim().to_string())
}

/// How many of the first blocks are the title: the title style's paragraphs; else up to three
/// title-like lines of which the last names a report (`……报告`, `……总结`, `……情况`); else a
/// centred or bold title-like first line (Word); else none.
fn title_length(blocks: &[Block]) -> usize {
    let styled = blocks
        .iter()
        .take_while(|b| b.outline == Some(0) && b.table.is_none())
        .count();
    if styled > 0 {
        return styled;
    }
    for (end, block) in blocks.iter().take(3).enumerate() {
        if !title_like(block) {
            break;
        }
        if names_a_report(&block.text) {
            return end + 1;
        }
    }
    match blocks.first() {
        Some(b) if title_like(b) && (b.centered || b.bold) && b.text.chars().count() <= 40 => 1,
        _ => 0,
    }
}

/// A line that can be (part of) a title: short, no sentence in it, not a heading, a date or
/// a 文号.
fn title_like(b: &Block) -> bool {
    let t = b.text.trim();
    let chars = t.chars().count();
    b.table.is_none()
        && chars > 0
        && chars <= 80
        && !t.contains('。')
        && !t.ends_with(['；', '：', ':', '，'])
        && (!t.contains('，') || chars <= 40)
        && super::outline::marker(t).is_none()
        && date_of(t).is_none()
        && !is_doc_no(t)
}

/// Whether a line names the kind of document a report is.
fn names_a_report(text: &str) -> bool {
    let t = text.trim();
    t.contains("报告") || t.contains("总结") || t.ends_with("情况") || t.ends_with("汇报")
}

/// A 文号 alone on a line: `某府文〔2024〕6号`.
pub fn is_doc_no(p: &str) -> bool {
    let p = p.trim();
    p.chars().count() <= 30
        && (p.contains('〔') || p.contains('[') || p.contains('［'))
        && p.ends_with('号')
        && !p.contains('。')
}

/// A 主送机关 line: `区委、区政府：`.
fn is_recipient(p: &str) -> bool {
    let p = p.trim();
    p.ends_with(['：', ':'])
        && p.chars().count() <= 40
        && !p.contains(['。', '，'])
        && super::outline::marker(p).is_none()
        && !p.contains("如下")
}

/// Takes the 署名 and 成文日期 off the end of the body.
pub fn signoff(body: &mut Vec<Block>, notes: &mut Notes) -> Signoff {
    let mut signoff = Signoff::default();
    // `某某镇人民政府 2024年1月10日` on one line.
    if let Some(last) = body.last_mut()
        && let Some((name, date)) = last.text.trim().rsplit_once(char::is_whitespace)
        && let Some(d) = date_of(date)
        && is_signer(name.trim())
    {
        signoff.date = Some(d);
        signoff.signer = Some(name.trim().to_string());
        body.pop();
        return signoff;
    }
    // A draft prints a date still to fill in as 待补充 under its 署名 (set right in Word).
    let placeholder = |b: Option<&Block>| b.is_some_and(|b| b.text.trim() == PLACEHOLDER);
    let n = body.len();
    if placeholder(body.last())
        && (n >= 2 && is_signer(body[n - 2].text.trim()) || body[n - 1].right)
    {
        body.pop();
        if placeholder(body.last()) && body.last().is_some_and(|b| b.right) {
            body.pop();
        }
    } else if let Some(d) = body.last().and_then(|b| date_of(&b.text)) {
        signoff.date = Some(d);
        body.pop();
    } else if let Some(text) = body.last().map(|b| b.text.trim().to_string())
        && partial_date(&text)
    {
        notes.guess(problems::partial_date(&text));
        signoff.partial = Some(text);
        body.pop();
    }
    if body
        .last()
        .is_some_and(|b| b.table.is_none() && is_signer(b.text.trim()))
    {
        signoff.signer = body.pop().map(|b| b.text.trim().to_string());
    }
    signoff
}

/// Suffixes of the names of bodies that sign reports.
const SIGNERS: &[&str] = &[
    "人民政府",
    "办事处",
    "委员会",
    "办公室",
    "党委",
    "政府",
    "局",
    "委",
    "办",
    "厅",
    "部",
    "署",
    "院",
    "中心",
    "镇",
    "乡",
    "街道",
    "县",
    "区",
    "市",
    "室",
    "所",
    "队",
];

/// A 署名 line: the name of a body, short, no sentence in it.
fn is_signer(text: &str) -> bool {
    text.chars().count() <= 30
        && !text.contains(['。', '，', '：', '；'])
        && super::outline::marker(text).is_none()
        && SIGNERS.iter().any(|s| text.ends_with(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head_of(lines: &[&str]) -> (Head, Vec<String>) {
        let blocks = lines.iter().map(|l| Block::text(*l)).collect();
        let front = read(blocks, false, &mut Notes::default()).unwrap();
        (front.head, front.body.into_iter().map(|b| b.text).collect())
    }

    #[test]
    fn titles_by_role() {
        let (head, body) = head_of(&[
            "青石镇人民政府关于2024年度法治政府建设工作情况的报告",
            "2024年，我镇……。",
        ]);
        assert_eq!(
            head.title_lines,
            ["青石镇人民政府关于2024年度法治政府建设工作情况的报告"]
        );
        assert_eq!(body, ["2024年，我镇……。"]);
        let (head, _) = head_of(&[
            "青石镇人民政府",
            "关于2024年度法治政府建设工作的报告",
            "区委、区政府：",
            "正文。",
        ]);
        assert_eq!(head.title_lines.len(), 2);
        assert_eq!(head.recipient.as_deref(), Some("区委、区政府"));
        let (head, body) = head_of(&["2022年，某镇在市委的坚强领导下，……。", "一、基本情况"]);
        assert!(head.title_lines.is_empty());
        assert_eq!(body.len(), 2);
        let (head, _) = head_of(&[
            "某县司法局文件",
            "某司发〔2024〕5号",
            "某县司法局2023年法治政府建设年度报告",
            "正文。",
        ]);
        assert_eq!(head.letterhead.as_deref(), Some("某县司法局"));
        assert_eq!(head.doc_no.as_deref(), Some("某司发〔2024〕5号"));
        assert_eq!(head.title_lines.len(), 1);
    }

    #[test]
    fn sign_offs_in_every_shape() {
        let mut notes = Notes::default();
        let mut body: Vec<Block> = ["正文。", "云岭街道办事处", "二〇二四年一月十日"]
            .map(Block::text)
            .into();
        let s = signoff(&mut body, &mut notes);
        assert_eq!(s.signer.as_deref(), Some("云岭街道办事处"));
        assert_eq!(s.date, Date::new(2024, 1, 10));
        assert_eq!(body.len(), 1);
        let mut body: Vec<Block> = ["正文。", "（三）加强队伍建设"].map(Block::text).into();
        let s = signoff(&mut body, &mut notes);
        assert!(s.signer.is_none() && s.date.is_none() && body.len() == 2);
        let mut body: Vec<Block> = ["正文。", "某某县司法局", "2024年1月"]
            .map(Block::text)
            .into();
        let s = signoff(&mut body, &mut notes);
        assert_eq!((s.signer.as_deref(), s.date), (Some("某某县司法局"), None));
        assert_eq!(notes.guesses.len(), 1);
    }
}
