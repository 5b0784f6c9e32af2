//! The characters the official fonts have (GB/T 9704 5.2.2; NORMS F17): 仿宋_GB2312, 楷体_GB2312
//! and 方正小标宋简体 hold GB 2312 — 6,763 Han characters and 682 symbols. A character outside
//! it prints in a fallback face.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::prose::{Finding, finding};
use crate::codes::Code;
use crate::diagnostic::Text;

/// Every character of GB 2312, read from its EUC-CN table (rows A1–F7, cells A1–FE) through the
/// GB 18030 decoder.
fn gb2312() -> &'static HashSet<char> {
    static SET: OnceLock<HashSet<char>> = OnceLock::new();
    SET.get_or_init(|| {
        let mut bytes = Vec::with_capacity(2 * 94 * 87);
        for row in 0xA1u8..=0xF7 {
            for cell in 0xA1u8..=0xFE {
                bytes.extend([row, cell]);
            }
        }
        let (text, _, _) = encoding_rs::GB18030.decode(&bytes);
        // Code points GB 2312 leaves unassigned decode to characters of GBK's extensions
        // (or to private-use ones): kept out by taking only rows that GB 2312 fills.
        text.chars()
            .zip(bytes.chunks(2))
            .filter(|(c, pair)| {
                assigned(pair[0], pair[1]) && !('\u{E000}'..='\u{F8FF}').contains(c)
            })
            .map(|(c, _)| c)
            .collect()
    })
}

/// Whether GB 2312 assigns the code point (rows 1–9 symbols, 16–87 Han characters).
fn assigned(row: u8, cell: u8) -> bool {
    let row = row - 0xA0;
    let cell = cell - 0xA0;
    match row {
        1..=9 | 16..=54 | 56..=87 => true,
        55 => cell <= 89,
        _ => false,
    }
}

/// Whether a character prints in the official faces.
pub fn in_official_fonts(c: char) -> bool {
    c.is_ascii() || gb2312().contains(&c)
}

/// Each character of `text` the official fonts lack (and `allowed` does not list).
pub(super) fn check(text: &str, allowed: &str) -> Vec<Finding> {
    if text.is_ascii() {
        return Vec::new();
    }
    text.char_indices()
        .filter(|&(_, c)| !in_official_fonts(c) && !c.is_whitespace() && !allowed.contains(c))
        .map(|(at, c)| {
            finding(
                Code::W0726,
                at..at + c.len_utf8(),
                Text::new(
                    format!("“{c}” (U+{:04X}) is not in the official fonts (仿宋_GB2312, 楷体_GB2312, 方正小标宋简体): it prints in a fallback face", c as u32),
                    format!("“{c}”（U+{:04X}）不在公文字体（仿宋_GB2312、楷体_GB2312、方正小标宋简体）的字库中，将以替代字体打印", c as u32),
                ),
            )
            .hint(
                format!("install a font that has it, or add it to `style.allowed_characters = \"{c}\"` in report.toml"),
                format!("请安装含该字的字体，或在 report.toml 中写入 `style.allowed_characters = \"{c}\"`"),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gb2312_holds_the_common_characters_and_not_the_rare_ones() {
        let set = gb2312();
        assert_eq!(
            set.iter()
                .filter(|c| super::super::prose::is_han(**c))
                .count(),
            6763
        );
        for c in "法治政府建设年度报告，。、；：“”《》（）——……～·".chars()
        {
            assert!(in_official_fonts(c), "{c}");
        }
        for c in "喆堃镕珺昇".chars() {
            assert!(!in_official_fonts(c), "{c}");
        }
        assert_eq!(check("副镇长王喆", "").len(), 1);
        assert!(check("副镇长王喆", "喆").is_empty());
    }
}
