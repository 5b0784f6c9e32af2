//! Dates and Han numerals as reports write them: `2021年1月10日`, `二〇二一年一月十日`, `十二`.

use crate::model::Date;

/// A 成文日期 line: `2021年1月10日` or `二〇二一年一月十日` (spaces allowed), and nothing else.
pub fn date_of(p: &str) -> Option<Date> {
    let bare: String = p.chars().filter(|c| !c.is_whitespace()).collect();
    let (year, rest) = bare.split_once('年')?;
    let (month, rest) = rest.split_once('月')?;
    let day = rest.strip_suffix('日')?;
    let year = year.parse().ok().or_else(|| han_year(year))?;
    let number = |s: &str| {
        s.parse()
            .ok()
            .or_else(|| han_number(s).and_then(|n| u8::try_from(n).ok()))
    };
    Date::new(year, number(month)?, number(day)?)
}

/// `2024年1月` at the end, a date without its day.
pub fn partial_date(p: &str) -> bool {
    let bare: String = p.chars().filter(|c| !c.is_whitespace()).collect();
    bare.strip_suffix('月')
        .and_then(|r| r.split_once('年'))
        .is_some_and(|(y, m)| y.len() == 4 && y.parse::<u16>().is_ok() && m.parse::<u8>().is_ok())
}

/// `二〇二四` → 2024.
fn han_year(text: &str) -> Option<u16> {
    const DIGITS: &str = "〇一二三四五六七八九";
    let mut year = 0u16;
    let mut n = 0;
    for c in text.chars() {
        let c = if matches!(c, '○' | 'О' | '零' | 'o' | 'O') {
            '〇'
        } else {
            c
        };
        let d = DIGITS.chars().position(|x| x == c)?;
        year = year.checked_mul(10)?.checked_add(u16::try_from(d).ok()?)?;
        n += 1;
    }
    (n == 4).then_some(year)
}

/// A Han numeral up to 99: `三` 3, `十二` 12, `二十` 20.
pub fn han_number(text: &str) -> Option<u64> {
    let digit = crate::text::numerals::han_digit;
    match text.chars().collect::<Vec<_>>().as_slice() {
        ['十'] => Some(10),
        [c] => digit(*c),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}
