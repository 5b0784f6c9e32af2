//! A web page's or a printout's furniture taken out of the blocks: page numbers, the banners
//! `report` prints on drafts and samples, a government site's header (`索引号 | … | 发布机构 |
//! … |`, `发布时间：2023-03-14 14:40 信息来源：…`) — kept as metadata — and its footer (打印本页,
//! 关闭窗口, 【字体：大 中 小】, 扫一扫在手机打开当前页).

use super::block::Block;
use crate::model::Date;

/// What a site's header says about the page.
#[derive(Debug, Default, Clone)]
pub struct Meta {
    /// 索引号.
    pub index_no: Option<String>,
    /// 发布机构.
    pub publisher: Option<String>,
    /// 发布日期 / 发布时间 (the time of day dropped).
    pub published: Option<Date>,
    /// 成文日期, when the site gives one.
    pub written: Option<Date>,
    /// 文号, when the site gives one.
    pub doc_no: Option<String>,
}

/// The blocks without furniture, and what the furniture said.
#[derive(Debug, Default)]
pub struct Page {
    pub blocks: Vec<Block>,
    pub meta: Meta,
    /// The text was built from `report`'s sample data (its banner said so).
    pub sample: bool,
}

/// The header fields of government information pages, by what they are.
const FIELDS: &[(&str, Field)] = &[
    ("索引号", Field::IndexNo),
    ("发布机构", Field::Publisher),
    ("发文机构", Field::Publisher),
    ("发文机关", Field::Publisher),
    ("发布日期", Field::Published),
    ("发布时间", Field::Published),
    ("公开日期", Field::Published),
    ("成文日期", Field::Written),
    ("发文字号", Field::DocNo),
    ("文号", Field::DocNo),
    ("生成日期", Field::Other),
    ("主题分类", Field::Other),
    ("体裁分类", Field::Other),
    ("公开方式", Field::Other),
    ("公开范围", Field::Other),
    ("信息来源", Field::Other),
    ("来源", Field::Other),
    ("作者", Field::Other),
    ("浏览次数", Field::Other),
    ("访问量", Field::Other),
    ("点击数", Field::Other),
    ("责任编辑", Field::Other),
    ("有效性", Field::Other),
    ("名称", Field::Other),
    ("字体", Field::Other),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    IndexNo,
    Publisher,
    Published,
    Written,
    DocNo,
    Other,
}

/// Words of a page's footer and toolbar.
const TOOLBAR: &[&str] = &[
    "打印本页",
    "关闭窗口",
    "打印",
    "关闭",
    "【打印】",
    "【关闭】",
    "【关闭窗口】",
    "【打印本页】",
    "扫一扫在手机打开当前页",
    "扫一扫在手机上打开当前页",
    "分享到",
    "收藏",
    "返回顶部",
    "相关链接",
];

/// Takes the furniture out.
pub fn clean(blocks: Vec<Block>) -> Page {
    let mut page = Page::default();
    for block in blocks {
        if block.table.is_some() {
            if !header_table(&block, &mut page.meta) {
                page.blocks.push(block);
            }
            continue;
        }
        let bare: String = block.text.chars().filter(|c| !c.is_whitespace()).collect();
        page.sample |= bare.starts_with("样例数据（SAMPLE）") || bare.starts_with("样例数据：");
        if is_furniture(&bare) || header_line(&block.text, &mut page.meta) {
            continue;
        }
        page.blocks.push(block);
    }
    page
}

/// A page number, a banner of `report`'s drafts and samples, a toolbar or a breadcrumb.
fn is_furniture(bare: &str) -> bool {
    let number = bare.trim_matches(|c| matches!(c, '—' | '-' | '－' | '第' | '页'));
    let page_number =
        !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()) && bare != number;
    let banner = [
        "草稿（DRAFT）",
        "样例数据（SAMPLE）",
        "草稿：本稿含待补充内容",
        "样例数据：本报告由示例数据生成",
    ]
    .iter()
    .any(|b| bare.starts_with(b));
    let toolbar = !bare.is_empty()
        && TOOLBAR
            .iter()
            .fold(bare.to_string(), |rest, word| rest.replace(word, ""))
            .trim_matches(|c: char| "【】[]|｜/：:".contains(c))
            .is_empty();
    let font_size = bare.contains("字体") && bare.contains('大') && bare.contains('小');
    let crumbs = ["当前位置", "您当前的位置", "您的位置", "您现在的位置"]
        .iter()
        .any(|w| bare.starts_with(w))
        || bare.starts_with("首页") && bare.contains(['>', '＞', '»', '→', '/']);
    let neighbours = bare.starts_with("上一篇") || bare.starts_with("下一篇");
    page_number || banner || toolbar || font_size || crumbs || neighbours
}

/// A line wholly made of header fields (`发布时间：2024-03-18 09:32 来源：某某县司法局`, or the
/// cells of a header copied as `索引号 | … | 发布机构 | … |`): read into `meta`.
fn header_line(text: &str, meta: &mut Meta) -> bool {
    if text.contains('|') || text.contains('｜') {
        let cells: Vec<String> = text
            .split(['|', '｜'])
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
            .collect();
        return header_cells(&cells, meta);
    }
    let Some(pairs) = fields_of(text) else {
        return false;
    };
    for (field, value) in pairs {
        set(meta, field, &value);
    }
    true
}

/// A header copied as a table: cells alternate name and value.
fn header_table(block: &Block, meta: &mut Meta) -> bool {
    let cells: Vec<String> = block.table.iter().flatten().flatten().cloned().collect();
    header_cells(&cells, meta)
}

fn header_cells(cells: &[String], meta: &mut Meta) -> bool {
    let name = |c: &str| {
        let c = c.trim_end_matches(['：', ':']);
        FIELDS.iter().find(|(n, _)| *n == c).map(|(_, f)| *f)
    };
    let named = cells.iter().filter(|c| name(c).is_some()).count();
    if named == 0 || named * 2 < cells.len().saturating_sub(1) {
        return false;
    }
    for pair in cells.windows(2) {
        if let (Some(field), None) = (name(&pair[0]), name(&pair[1])) {
            set(meta, field, &pair[1]);
        }
    }
    true
}

/// The fields of a line made wholly of `名称：值` pairs, or `None` when it holds other words.
fn fields_of(text: &str) -> Option<Vec<(Field, String)>> {
    let mut found: Vec<(usize, usize, Field)> = Vec::new();
    for (name, field) in FIELDS {
        for colon in ['：', ':'] {
            let key = format!("{name}{colon}");
            for (at, _) in text.match_indices(&key) {
                // `来源：` inside `信息来源：` is the longer field's.
                if !found.iter().any(|&(s, e, _)| s <= at && at < e) {
                    found.push((at, at + key.len(), *field));
                }
            }
        }
    }
    found.sort_by_key(|f| f.0);
    let first = found.first()?;
    if !text[..first.0].trim().is_empty() {
        return None;
    }
    let mut pairs = Vec::new();
    for (i, &(_, end, field)) in found.iter().enumerate() {
        let next = found.get(i + 1).map_or(text.len(), |f| f.0);
        if next < end {
            return None;
        }
        pairs.push((field, text[end..next].trim().to_string()));
    }
    // A sentence that happens to start with `来源：` is not a header.
    let long = pairs
        .iter()
        .any(|(_, v)| v.chars().count() > 60 || v.contains('。'));
    (!long).then_some(pairs)
}

fn set(meta: &mut Meta, field: Field, value: &str) {
    let value = value.trim();
    if value.is_empty() {
        return;
    }
    match field {
        Field::IndexNo => meta.index_no = Some(value.to_string()),
        Field::Publisher => meta.publisher = Some(value.to_string()),
        Field::Published => meta.published = meta.published.or(date_in(value)),
        Field::Written => meta.written = meta.written.or(date_in(value)),
        Field::DocNo => meta.doc_no = Some(value.to_string()),
        Field::Other => {}
    }
}

/// A date at the start of a value: `2024-03-18 09:32`, `2024/3/18`, `2024.03.18`,
/// `2024年03月18日`.
pub fn date_in(value: &str) -> Option<Date> {
    let mut numbers = value
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .map(str::parse::<u32>);
    let (y, m, d) = (
        numbers.next()?.ok()?,
        numbers.next()?.ok()?,
        numbers.next()?.ok()?,
    );
    Date::new(
        u16::try_from(y).ok()?,
        u8::try_from(m).ok()?,
        u8::try_from(d).ok()?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(lines: &[&str]) -> Page {
        clean(lines.iter().map(|l| Block::text(*l)).collect())
    }

    #[test]
    fn a_sites_header_is_metadata_and_its_footer_goes() {
        let page = cleaned(&[
            "当前位置：首页 > 政务公开 > 法治政府建设",
            "索引号 | 11500223MB1528/2024-00012 | 发布机构 | 某某县人民政府 |",
            "发布时间：2024-03-18 09:32 信息来源：某某县司法局 浏览次数：1234",
            "【字体：大 中 小】",
            "某某县2023年法治政府建设年度报告",
            "来源：是一个词。这是一个句子，不是页眉。",
            "打印本页 关闭窗口",
            "扫一扫在手机打开当前页",
            "— 3 —",
        ]);
        let texts: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "某某县2023年法治政府建设年度报告",
                "来源：是一个词。这是一个句子，不是页眉。"
            ]
        );
        assert_eq!(
            page.meta.index_no.as_deref(),
            Some("11500223MB1528/2024-00012")
        );
        assert_eq!(page.meta.publisher.as_deref(), Some("某某县人民政府"));
        assert_eq!(page.meta.published, Date::new(2024, 3, 18));
    }
}
