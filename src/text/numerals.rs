//! Chinese numerals and the official heading ladder — pure functions, tested against tables.
//!
//! GB/T 9704 7.3.3 numbers the levels of a 公文's body 一、 （一） 1. （1）. Numbers are never
//! typed in data: they come from a section's level and position through [`heading_number`].

const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// The value of a Han digit, 一 to 九.
pub fn han_digit(c: char) -> Option<u64> {
    Some(match c {
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// A character of the Han numbers headings, items and captions are written with: 一 to 九,
/// 十 and 百 (`一、`, `（十二）`, `表三`).
pub fn is_heading_numeral(c: char) -> bool {
    han_digit(c).is_some() || matches!(c, '十' | '百')
}

/// A character of a count in Han numerals: the digits, 十 百 千, 零 and 两 (`十五场`,
/// `一百零五人`, `两个`).
pub fn is_count_numeral(c: char) -> bool {
    is_heading_numeral(c) || matches!(c, '千' | '零' | '两')
}

/// A number in Chinese numerals as used in headings and ordinals: 一, 十, 十一, 二十三,
/// 一百零一, 一千零五, 一万二千, 一亿, 一万亿 — any `u64`.
pub fn chinese_numeral(n: u64) -> String {
    if n == 0 {
        return DIGITS[0].into();
    }
    let mut out = String::new();
    write_numeral(n, &mut out);
    out
}

/// Appends `n` (> 0). 亿 groups the digits above the eighth: what stands before 亿 is itself
/// a numeral (一万亿 is 10¹²), so the function calls itself for it.
fn write_numeral(n: u64, out: &mut String) {
    const YI: u64 = 100_000_000;
    let below = if n >= YI {
        write_numeral(n / YI, out);
        out.push('亿');
        n % YI
    } else {
        n
    };
    if below == 0 {
        return;
    }
    // Below 亿, groups of four digits: 万 separates them.
    let groups = [(below / 10_000, "万"), (below % 10_000, "")];
    let mut need_zero = false;
    for (group, unit) in groups {
        if group == 0 {
            need_zero = !out.is_empty();
            continue;
        }
        if need_zero || (!out.is_empty() && group < 1000) {
            out.push_str(DIGITS[0]);
        }
        out.push_str(&group_numeral(group as u16, out.is_empty()));
        out.push_str(unit);
        need_zero = false;
    }
}

/// 1–9999 in Chinese; `leading` drops the 一 of a leading 一十 (十一, not 一十一).
fn group_numeral(n: u16, leading: bool) -> String {
    const UNITS: [&str; 4] = ["千", "百", "十", ""];
    let digits = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let mut out = String::new();
    let mut zero_pending = false;
    for (i, &d) in digits.iter().enumerate() {
        if d == 0 {
            zero_pending = !out.is_empty();
            continue;
        }
        if zero_pending {
            out.push_str(DIGITS[0]);
            zero_pending = false;
        }
        let skip_one = leading && out.is_empty() && d == 1 && i == 2;
        if !skip_one {
            out.push_str(DIGITS[d as usize]);
        }
        out.push_str(UNITS[i]);
    }
    out
}

/// The number that heads a section at `level` (1-based) and `index` (1-based) among its
/// siblings: 一、 （一） 1. （1）, then ① … ⑳ for a fifth level.
pub fn heading_number(level: usize, index: usize) -> String {
    match level {
        0 | 1 => format!("{}、", chinese_numeral(index as u64)),
        2 => format!("（{}）", chinese_numeral(index as u64)),
        3 => format!("{index}."),
        4 => format!("（{index}）"),
        _ => circled(index).unwrap_or_else(|| format!("{index})")),
    }
}

/// ① to ⑳.
fn circled(n: usize) -> Option<String> {
    (1..=20)
        .contains(&n)
        .then(|| char::from_u32(0x2460 + n as u32 - 1).map(String::from))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        let cases = [
            (0, "零"),
            (1, "一"),
            (9, "九"),
            (10, "十"),
            (11, "十一"),
            (19, "十九"),
            (20, "二十"),
            (23, "二十三"),
            (99, "九十九"),
            (100, "一百"),
            (101, "一百零一"),
            (110, "一百一十"),
            (111, "一百一十一"),
            (999, "九百九十九"),
            (1000, "一千"),
            (1001, "一千零一"),
            (1010, "一千零一十"),
            (1100, "一千一百"),
            (2020, "二千零二十"),
            (10000, "一万"),
            (10001, "一万零一"),
            (10010, "一万零一十"),
            (12000, "一万二千"),
            (100_000, "十万"),
            (110_000, "十一万"),
            (1_000_000, "一百万"),
            (100_000_000, "一亿"),
            (100_000_001, "一亿零一"),
            (100_010_000, "一亿零一万"),
            (1_000_000_010, "十亿零一十"),
            (1_000_000_000_000, "一万亿"),
            (1_2345_6789_0000, "一万二千三百四十五亿六千七百八十九万"),
            (10_000_000_000_000_000, "一亿亿"),
        ];
        for (n, want) in cases {
            assert_eq!(chinese_numeral(n), want, "{n}");
        }
    }

    #[test]
    fn every_u64_has_a_numeral_and_a_heading() {
        for n in [u64::MAX, u64::MAX / 7, 99_999_999, 100_000_000_000] {
            assert!(!chinese_numeral(n).is_empty());
            for level in 0..7 {
                assert!(!heading_number(level, n as usize).is_empty());
            }
        }
    }

    #[test]
    fn heading_ladder() {
        let cases = [
            (1, 1, "一、"),
            (1, 3, "三、"),
            (1, 11, "十一、"),
            (2, 1, "（一）"),
            (2, 8, "（八）"),
            (2, 10, "（十）"),
            (3, 1, "1."),
            (3, 12, "12."),
            (4, 7, "（7）"),
            (5, 1, "①"),
            (5, 20, "⑳"),
            (5, 21, "21)"),
        ];
        for (level, index, want) in cases {
            assert_eq!(heading_number(level, index), want, "{level} {index}");
        }
    }
}
