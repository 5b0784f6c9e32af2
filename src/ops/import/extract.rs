//! Data out of the words: the documents cited `《标题》（文号）`, the laws studied
//! (`学习《宪法》《民法典》摘编…`) and the counts (`举办法律知识咨询活动15场`, `资料共1000余册`,
//! `合格率均为100%`, `其中…`). A count is taken only where the data it becomes prints the very
//! words it came from (the model's own wording is the oracle), so the report reads the same.

use std::collections::HashSet;
use std::fmt::Write as _;

use super::outline::{Outline, Part};
use crate::model::common::{Count, Qualifier, Quantity};

/// A document cited with its 文号.
#[derive(Debug)]
pub struct Document {
    pub id: String,
    pub title: String,
    pub doc_no: String,
}

/// What was taken out of the words.
#[derive(Debug, Default)]
pub struct Extracted {
    pub documents: Vec<Document>,
    /// The laws studied (title, suffix): the first run of two or more 《》 titles in a
    /// sentence about 学习.
    pub studied: Vec<(String, Option<String>)>,
    /// Counts by key, in the order of the text.
    pub counts: Vec<(String, Count)>,
    /// Counts seen in the text: a number with a measure word.
    pub seen: usize,
    keys: HashSet<String>,
}

/// At most this many documents and counts are taken out of one report; past them the words
/// stay words (a real report has some tens).
const MAX_EXTRACTED: usize = 2_000;

/// Measure words and units a count ends with, longest first.
const MEASURES: &[&str] = &[
    "万人次",
    "人次",
    "场次",
    "户次",
    "件次",
    "万余",
    "万元",
    "亿元",
    "平方米",
    "公里",
    "个百分点",
    "%",
    "元",
    "场",
    "次",
    "个",
    "人",
    "件",
    "项",
    "条",
    "册",
    "份",
    "名",
    "家",
    "所",
    "处",
    "户",
    "起",
    "期",
    "批",
    "篇",
    "块",
    "幅",
    "张",
    "台",
    "辆",
    "套",
    "部",
    "宗",
    "本",
    "支",
    "类",
    "卷",
    "座",
    "间",
];

/// Words a count's name starts after: the verb of its clause.
const VERBS: &[&str] = &[
    "举办", "开展", "发放", "建立", "组织", "受理", "办理", "审查", "调解", "培训", "印发", "制定",
    "出动", "张贴", "悬挂", "设置", "接待", "提供", "解答", "审核", "聘请", "成立", "召开", "开设",
    "参与", "参加", "覆盖", "走访", "化解", "排查", "办结", "出具", "清理", "废止", "修订", "起草",
    "提出", "收到", "答复", "公开", "公示", "下发", "新增", "完成", "处理", "查处", "立案", "结案",
    "调处", "配备", "签订", "推送", "发布", "报送", "备案", "纠正", "撤销", "检查", "抽查", "惠及",
    "挽回", "收缴", "评查", "审定", "征集", "采纳", "作出", "办件", "涉及", "录入", "创建", "评选",
];

/// Words between a count's name and its number: `资料共1000余册`, `合格率均为100%`.
const LINKS: &[&str] = &[
    "均为", "达到", "共计", "合计", "总计", "为", "达", "共", "计",
];

/// Words that open a clause without naming what is counted (`全年`, `其中`): a name does not
/// start with them.
const OPENERS: &[&str] = &[
    "全年", "今年", "年内", "累计", "全区", "全镇", "全乡", "全县", "全市", "全局", "其中", "同时",
    "此外", "另外", "共有", "共", "并", "还", "已",
];

/// Takes the data out of the intro and every section's text.
pub fn all(outline: &mut Outline) -> Extracted {
    let mut data = Extracted::default();
    for p in &mut outline.intro {
        *p = data.extract(p);
    }
    for root in &mut outline.roots {
        data.extract_part(root);
    }
    data
}

impl Extracted {
    fn extract_part(&mut self, part: &mut Part) {
        for text in &mut part.text {
            *text = self.extract(text);
        }
        for child in &mut part.children {
            self.extract_part(child);
        }
    }

    /// `key`, or `key_2`, `key_3` … when it is taken.
    fn unique(&mut self, key: &str) -> String {
        let mut candidate = key.to_string();
        let mut n = 1;
        while !self.keys.insert(candidate.clone()) {
            n += 1;
            candidate = format!("{key}_{n}");
        }
        candidate
    }

    /// The text with its citations and counts named as data. A table is kept as it is.
    fn extract(&mut self, text: &str) -> String {
        if text.starts_with('|') {
            return text.to_string();
        }
        let text = self.documents_in(text);
        let text = self.studied_in(&text);
        self.counts_in(&text)
    }

    /// The first run of laws studied (`学习了《宪法》、《民法典》摘编《土地管理法》等`) becomes
    /// `study.toml`, the text naming it `{{ studied | titles }}`.
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
            let (len, titles) = titles_run(&text[open..]);
            if titles.len() >= 2 && text[sentence_start..open].contains('学') {
                self.studied = titles;
                return format!(
                    "{}{{{{ studied | titles }}}}{}",
                    &text[..open],
                    &text[open + len..]
                );
            }
            from = open + len.max('《'.len_utf8());
        }
        text.to_string()
    }

    /// Documents cited `《标题》（某发〔2024〕1号）` become `{{ document.id | cite }}`.
    fn documents_in(&mut self, text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(open) = rest.find('《') {
            let after = &rest[open + '《'.len_utf8()..];
            match cited(after).filter(|_| self.documents.len() < MAX_EXTRACTED) {
                Some((title, doc_no, len)) => {
                    out.push_str(&rest[..open]);
                    let id = self.document_id(title, doc_no);
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

    fn document_id(&mut self, title: &str, doc_no: &str) -> String {
        if let Some(d) = self
            .documents
            .iter()
            .find(|d| d.title == title && d.doc_no == doc_no)
        {
            return d.id.clone();
        }
        let id = self.unique(&doc_id(doc_no));
        self.documents.push(Document {
            id: id.clone(),
            title: title.to_string(),
            doc_no: doc_no.to_string(),
        });
        id
    }

    /// Counts become `{{ counts.key }}`; a count right after another's `其中` is its part (the
    /// members add up to it) or its subset.
    fn counts_in(&mut self, text: &str) -> String {
        let mut out = String::new();
        let mut copied = 0;
        let mut at = 0;
        let mut group: Option<Group> = None;
        while let Some(start) = next_number(text, at) {
            let found = count_at(text, start);
            at = found.as_ref().map_or(start + 1, |f| f.end.max(start + 1));
            let Some(found) = found else { continue };
            self.seen += 1;
            let Some((name_start, count)) = found.count else {
                continue;
            };
            if name_start < copied
                || self.counts.len() >= MAX_EXTRACTED
                || inside_braces(text, start)
            {
                continue;
            }
            let gap = &text[copied..name_start];
            group = self.grouped(group.take(), gap, &count);
            let key = self.unique(&count_key(&count.name));
            out.push_str(gap);
            let _ = write!(out, "{{{{ counts.{key} }}}}");
            copied = found.end;
            if let Some(g) = group.as_mut() {
                g.members.push(self.counts.len());
            } else if text[copied..].starts_with("，其中") || text[copied..].starts_with("。其中")
            {
                group = Some(Group {
                    whole: self.counts.len(),
                    members: Vec::new(),
                });
            }
            self.counts.push((key, count));
        }
        self.close(group);
        out.push_str(&text[copied..]);
        out
    }

    /// Keeps a 其中 group open while its members follow one another (`、`, `，`); closes it
    /// otherwise.
    fn grouped(&mut self, group: Option<Group>, gap: &str, count: &Count) -> Option<Group> {
        let g = group?;
        let whole = &self.counts[g.whole].1;
        let joins = if g.members.is_empty() {
            matches!(gap, "，其中" | "。其中")
        } else {
            matches!(gap, "、" | "，" | "；")
        };
        if joins && whole.unit == count.unit {
            return Some(g);
        }
        self.close(Some(g));
        None
    }

    /// A closed 其中 group: parts when its members add up to the whole, else subsets when
    /// each is at most it.
    fn close(&mut self, group: Option<Group>) {
        let Some(g) = group.filter(|g| !g.members.is_empty()) else {
            return;
        };
        let whole = self.counts[g.whole].1.value.as_f64();
        let values: Vec<f64> = g
            .members
            .iter()
            .map(|&m| self.counts[m].1.value.as_f64())
            .collect();
        let keys: Vec<String> = g
            .members
            .iter()
            .map(|&m| self.counts[m].0.clone())
            .collect();
        let sum: f64 = values.iter().sum();
        let count = &mut self.counts[g.whole].1;
        if (sum - whole).abs() < 1e-9 && keys.len() > 1 {
            count.parts = keys;
        } else if values.iter().all(|v| *v <= whole) {
            count.subsets = keys;
        }
    }
}

/// A count and the counts said after its `其中`, by their index.
struct Group {
    whole: usize,
    members: Vec<usize>,
}

/// A number with a measure word seen in a text: where it ends, and the count it is when its
/// name can be told.
struct Found {
    end: usize,
    count: Option<(usize, Count)>,
}

/// The byte where the next number starts (not inside another number or a word).
fn next_number(text: &str, from: usize) -> Option<usize> {
    let mut prev = text[..from].chars().next_back();
    for (i, c) in text[from..].char_indices() {
        let fresh = !prev.is_some_and(|p| p.is_ascii_alphanumeric() || p == '.' || p == '第');
        if c.is_ascii_digit() && fresh {
            return Some(from + i);
        }
        prev = Some(c);
    }
    None
}

/// Whether a byte is inside `{{ … }}`.
fn inside_braces(text: &str, at: usize) -> bool {
    let open = text[..at].rfind("{{");
    let close = text[..at].rfind("}}");
    open.is_some_and(|o| close.is_none_or(|c| c < o))
}

/// The count whose number starts at `start`, when a measure word follows it.
fn count_at(text: &str, start: usize) -> Option<Found> {
    let digits = text[start..].bytes().take_while(u8::is_ascii_digit).count();
    let mut end = start + digits;
    let fraction = text[end..]
        .strip_prefix('.')
        .map_or(0, |r| r.bytes().take_while(u8::is_ascii_digit).count());
    if fraction > 0 {
        end += 1 + fraction;
    }
    let number = &text[start..end];
    let after = text[end..].trim_start_matches(' ');
    let (qualifier, after) = match after.chars().next() {
        Some('余') => (Some(Qualifier::Over), &after['余'.len_utf8()..]),
        Some('多') => (Some(Qualifier::More), &after['多'.len_utf8()..]),
        _ => (None, after),
    };
    let after = after.trim_start_matches(' ');
    let unit = MEASURES.iter().find(|m| after.starts_with(**m))?;
    let mut end = text.len() - after.len() + unit.len();
    let mut qualifier = qualifier;
    if qualifier.is_none() && text[end..].starts_with("以上") {
        qualifier = Some(Qualifier::AtLeast);
        end += "以上".len();
    }
    let count = named(text, start, end, number, unit, qualifier);
    Some(Found { end, count })
}

/// The count whose amount spans `start..end`, named by the words before it: the name runs
/// back to a verb, a 等, or whatever is not a Han character. Taken only when the count's own
/// wording gives back the words, and when no noun follows the measure word (`12个村`).
fn named(
    text: &str,
    start: usize,
    end: usize,
    number: &str,
    unit: &str,
    after: Option<Qualifier>,
) -> Option<(usize, Count)> {
    let next = text[end..].chars().next();
    if next.is_some_and(|c| crate::text::chars::is_han(c) && !"和与及其共同较分均".contains(c))
    {
        return None;
    }
    let before = text[..start].trim_end_matches(' ');
    let (qualifier, before) = match () {
        () if before.ends_with('近') => (Some(Qualifier::Nearly), &before[..before.len() - 3]),
        () if before.ends_with('约') => (Some(Qualifier::About), &before[..before.len() - 3]),
        () if before.ends_with("不足") => (Some(Qualifier::Under), &before[..before.len() - 6]),
        () => (after, before),
    };
    if qualifier.is_some() && after.is_some() && qualifier != after {
        return None;
    }
    let link = LINKS.iter().find(|l| before.ends_with(**l)).copied();
    let name_end = before.len() - link.map_or(0, str::len);
    let name_start = name_start(&text[..name_end], unit == "%")?;
    let name = &text[name_start..name_end];
    let value = match number.parse::<i64>() {
        Ok(n) if number.len() <= 12 => Quantity::Integer(n),
        Err(_) if number.contains('.') => Quantity::Decimal(number.parse().ok()?),
        _ => return None,
    };
    let count = Count {
        name: name.to_string(),
        verb: None,
        value,
        unit: unit.to_string(),
        approx: false,
        qualifier,
        link: link.map(String::from),
        per: None,
        zero: None,
        items: Vec::new(),
        parts: Vec::new(),
        subsets: Vec::new(),
    };
    let source: String = text[name_start..end]
        .chars()
        .filter(|&c| c != ' ')
        .collect();
    (count.named_amount() == source).then_some((name_start, count))
}

/// Where a count's name starts, ending at `text`'s end: after the last verb, 等 or opener in
/// the Han run before it that leaves a name of two to twelve characters (a rate's name, `调解
/// 成功率`, holds its verb); never a verb or an opener alone.
fn name_start(text: &str, rate: bool) -> Option<usize> {
    let run_start = text
        .char_indices()
        .rev()
        .take_while(|&(_, c)| crate::text::chars::is_han(c))
        .take(16)
        .last()
        .map(|(i, _)| i)?;
    let run = &text[run_start..];
    let fits = |at: usize| run[at..].chars().count() >= 2;
    let mut start = 0;
    for (i, c) in run.char_indices() {
        let rest = &run[i..];
        let words = OPENERS.iter().chain(if rate { &[][..] } else { VERBS });
        if let Some(v) = words.clone().find(|v| rest.starts_with(**v))
            && fits(i + v.len())
        {
            start = start.max(i + v.len());
        }
        if (c == '等' || c == '了') && fits(i + c.len_utf8()) {
            start = start.max(i + c.len_utf8());
        }
    }
    let name = &run[start..];
    let n = name.chars().count();
    let word = OPENERS.contains(&name) || VERBS.contains(&name);
    ((2..=12).contains(&n) && !word).then_some(run_start + start)
}

/// A title and its 文号 right after a `《`: `标题》（某发〔2024〕1号）`, and the bytes they
/// span.
fn cited(after: &str) -> Option<(&str, &str, usize)> {
    // A title and its 文号 are short: looked for within a few hundred bytes, so a text full of
    // 《 costs no more than its length.
    let window = floor_boundary(after, 600);
    let close = after[..window].find("》（")?;
    let title = &after[..close];
    let tail = &after[close + "》（".len()..];
    let end = tail[..floor_boundary(tail, 120)].find('）')?;
    let doc_no = &tail[..end];
    let looks =
        doc_no.contains('〔') && doc_no.trim_end().ends_with('号') && !title.contains(['《', '》']);
    looks.then_some((title, doc_no, close + "》（".len() + end + '）'.len_utf8()))
}

fn floor_boundary(text: &str, most: usize) -> usize {
    let mut at = text.len().min(most);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A run of 《》 titles at the start of `text`, each with an optional short suffix
/// (`《甲》、《乙》摘编《丙》`): the bytes it spans and the titles.
fn titles_run(text: &str) -> (usize, Vec<(String, Option<String>)>) {
    let mut items = Vec::new();
    let mut at = 0;
    let mut end = 0;
    while text[at..].starts_with('《') {
        let body = &text[at + '《'.len_utf8()..];
        let window = floor_boundary(body, 150 + '》'.len_utf8());
        let Some(close) = body[..window]
            .find('》')
            .filter(|&c| !body[..c].contains('《'))
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
            .take_while(|&(i, c)| i < 12 && crate::text::chars::is_han(c) && c != '等')
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8());
        let rest = &after[suffix_len..];
        let next = rest.strip_prefix('、').unwrap_or(rest);
        let suffix =
            (suffix_len > 0 && next.starts_with('《')).then(|| after[..suffix_len].to_string());
        let consumed =
            at + '《'.len_utf8() + close + '》'.len_utf8() + suffix.as_ref().map_or(0, String::len);
        items.push((title.to_string(), suffix));
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
    let parts: Vec<String> = std::iter::once(code)
        .chain(
            doc_no
                .split(|c: char| !c.is_ascii_digit())
                .map(String::from),
        )
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        "doc".to_string()
    } else {
        parts.join("_")
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(text: &str) -> (String, Extracted) {
        let mut data = Extracted::default();
        let out = data.extract(text);
        (out, data)
    }

    #[test]
    fn counts_of_every_shape_are_typed_and_read_the_same() {
        let (out, data) = counts(
            "举办法律知识咨询活动15场，发放宣传手册等资料共 1000 余册，参与群众近300人次，考试合格率均为98.5%，调解成功率95%以上。",
        );
        let names: Vec<(&str, String)> = data
            .counts
            .iter()
            .map(|(_, c)| (c.name.as_str(), c.amount()))
            .collect();
        assert_eq!(
            names,
            [
                ("法律知识咨询活动", "15场".to_string()),
                ("资料", "1000余册".to_string()),
                ("群众", "近300人次".to_string()),
                ("考试合格率", "98.5%".to_string()),
                ("调解成功率", "95%以上".to_string()),
            ]
        );
        assert_eq!(data.seen, 5);
        assert!(
            out.starts_with("举办{{ counts.falvzhishizixun }}，发放宣传手册等{{ counts.ziliao }}"),
            "{out}"
        );
    }

    #[test]
    fn a_whole_and_its_parts_after_qi_zhong() {
        let (_, data) = counts(
            "受理矛盾纠纷40件，其中村级调解28件、诉前调解12件。审查文件30件，其中县级文件12件。",
        );
        assert_eq!(data.counts[0].1.parts, ["cunjidiaojie", "suqiandiaojie"]);
        assert_eq!(data.counts[3].1.subsets, ["xianjiwenjian"]);
    }

    #[test]
    fn numbers_that_are_not_counts_stay_words() {
        let (out, data) = counts("覆盖12个村，2023年3月召开第2次会议，1.5万元。");
        assert!(data.counts.is_empty(), "{:?}", data.counts);
        assert_eq!(out, "覆盖12个村，2023年3月召开第2次会议，1.5万元。");
    }
}
