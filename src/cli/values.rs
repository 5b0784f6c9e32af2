//! The values command-line options take, parsed in one place for every command: a date, a
//! unit's kind, a report year. Each accepts what a clerk would type (`2025年1月15日`, `乡镇`)
//! besides the data's own spelling, and says what it expects in both languages, English and
//! Chinese apart by ` / ` (the Chinese command-line errors show the Chinese).

use crate::model::{Date, PLAUSIBLE_YEARS, UnitKind};

/// A day of the calendar: `2025-01-15`, or as a report writes it, `2025年1月15日`.
pub fn date(text: &str) -> Result<Date, String> {
    let text = text.trim();
    let parts: Vec<&str> = match text.strip_suffix('日') {
        Some(rest) => rest.split(['年', '月']).collect(),
        None => text.split('-').collect(),
    };
    let number = |i: usize| parts.get(i).and_then(|p| p.parse::<u16>().ok());
    match (parts.len(), number(0), number(1), number(2)) {
        (3, Some(y), Some(m), Some(d)) => u8::try_from(m)
            .ok()
            .zip(u8::try_from(d).ok())
            .and_then(|(m, d)| Date::new(y, m, d)),
        _ => None,
    }
    .ok_or_else(|| {
        "a day of the calendar such as 2025-01-15 / 日期应如 2025-01-15 或 2025年1月15日"
            .to_string()
    })
}

/// A unit's kind, by its key (`township`) or its Chinese name (`乡镇`); never 待补充, which is
/// what the data says when nobody gave one.
pub fn kind(text: &str) -> Result<UnitKind, String> {
    let text = text.trim();
    UnitKind::ALL
        .into_iter()
        .find(|k| {
            k.key() == text || k.label() == text || (text == "部门" && *k == UnitKind::Department)
        })
        .ok_or_else(|| {
            let keys: Vec<&str> = UnitKind::ALL.iter().map(|k| k.key()).collect();
            let known: Vec<String> = UnitKind::ALL
                .iter()
                .map(|k| format!("{}（{}）", k.key(), k.label()))
                .collect();
            format!("one of {} / 可选：{}", keys.join(", "), known.join("、"))
        })
}

/// A report year in the plausible range.
pub fn year(text: &str) -> Result<u16, String> {
    let range = PLAUSIBLE_YEARS;
    text.trim()
        .parse::<u16>()
        .ok()
        .filter(|y| range.contains(y))
        .ok_or_else(|| {
            format!(
                "a report year from {} to {} / 报告年度须在 {} 至 {} 之间",
                range.start(),
                range.end(),
                range.start(),
                range.end()
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_the_data_and_as_a_report_write_them() {
        assert_eq!(date("2025-01-15"), Ok(Date::new(2025, 1, 15).unwrap()));
        assert_eq!(date("2025年1月15日"), Ok(Date::new(2025, 1, 15).unwrap()));
        assert!(date("2025-02-30").is_err());
        assert!(date("2025-1").is_err());
        assert!(date("2025年1月").is_err());
    }

    #[test]
    fn kinds_by_key_or_chinese_name_never_pending() {
        assert_eq!(kind("township"), Ok(UnitKind::Township));
        assert_eq!(kind("乡镇"), Ok(UnitKind::Township));
        assert_eq!(kind("国务院部门"), Ok(UnitKind::StateCouncilDepartment));
        assert!(kind("待补充").is_err());
        assert!(kind("村").unwrap_err().contains("township（乡镇）"));
    }

    #[test]
    fn years_in_range() {
        assert_eq!(year("2024"), Ok(2024));
        assert!(year("20").is_err());
    }
}
