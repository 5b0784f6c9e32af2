//! `report summary`: one table for the supervising office — every unit under a PATH, whether
//! it is done, late or failing, and the totals of the counts across units.
//!
//! Totals are computed from the per-unit rows the summary prints, so the printed totals are
//! the sums of the printed rows by construction (and a test checks it through the binary).

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use crate::diagnostic::{Severity, Text};
use crate::model::Report;
use crate::model::common::{Qualifier, worded_amount};

/// One unit's row.
#[derive(Debug, Clone, Serialize)]
pub struct UnitRow {
    /// The report folder.
    pub dir: String,
    /// 单位名称, when the report could be read.
    pub name: Option<String>,
    /// 单位类别 (Chinese label).
    pub kind: Option<String>,
    /// 报告年度.
    pub year: Option<u16>,
    /// 成文日期 as 2021年1月10日.
    pub date: Option<String>,
    /// `done`, `late`, `errors` or `unreadable`: one of them.
    pub status: &'static str,
    /// 状态 in Chinese: 已完成, 逾期, 有错误, 无法读取.
    pub status_zh: &'static str,
    /// Errors found.
    pub errors: usize,
    /// Warnings found.
    pub warnings: usize,
}

/// One count of one unit: the rows the totals add up.
#[derive(Debug, Clone, Serialize)]
pub struct CountRow {
    /// The report year: counts of different years are never added together.
    pub year: u16,
    /// The unit's name.
    pub unit: String,
    /// Which table: 站点, 普法, 统计.
    pub group: &'static str,
    /// The count's name, e.g. 法律知识咨询活动.
    pub name: String,
    /// Its unit of measure, e.g. 场.
    pub measure: String,
    /// Its value.
    pub value: crate::model::Quantity,
    /// The value as the report prints it (`1000余`).
    pub value_text: String,
    /// Whether the value is approximate (余).
    pub approx: bool,
    /// How the number is meant (余, 多, 以上, 近, 约, 不足), as the report says it.
    pub qualifier: Option<crate::model::common::Qualifier>,
    /// The period a rate is per (`年` in 8万元/年).
    pub per: Option<String>,
    /// The number with its unit as the report prints it: `1000余册`, `8000多人次`, `8万元/年`.
    pub amount: String,
    /// What the report says instead of 0, when it says so: `全年未发生行政复议被纠错案件`.
    pub zero: Option<String>,
}

/// A total across units, for one year.
#[derive(Debug, Clone, Serialize)]
pub struct Total {
    /// The report year.
    pub year: u16,
    /// Which table: 站点, 普法, 统计.
    pub group: &'static str,
    /// The count's name.
    pub name: String,
    /// Its unit of measure.
    pub measure: String,
    /// The sum over the units that report it.
    pub total: f64,
    /// The sum as printed (Arabic numerals, no trailing zeros; 余 when a part is approximate).
    pub total_text: String,
    /// How many units report it.
    pub units: usize,
    /// The sum with its unit, worded as its parts are: `2000余册` when a part is a lower bound
    /// (`多` or `以上` when every such part says so), `约…` when a part is near or about.
    pub amount: String,
}

/// The whole summary.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Summary {
    /// One row per unit, in folder order.
    pub units: Vec<UnitRow>,
    /// One row per count per unit.
    pub counts: Vec<CountRow>,
    /// Totals of the counts, by year, group, name and measure.
    pub totals: Vec<Total>,
    /// The report years met, in order: one table of totals each.
    pub years: Vec<u16>,
    /// How many different units (by name; an unreadable folder counts as one).
    pub unit_count: usize,
    /// Reports done: no errors, on time.
    pub on_time: usize,
    /// Units late.
    pub late: usize,
    /// Units with errors (including unreadable ones).
    pub failing: usize,
    /// Units with more than one report on one year, each added to the totals.
    pub repeated: Vec<Repeated>,
}

/// A unit (by name and kind) with more than one report on one year (a copy of its folder left
/// beside it): each is added to the totals, so the office is told which folders to look at.
#[derive(Debug, Clone, Serialize)]
pub struct Repeated {
    /// The unit's name.
    pub name: String,
    /// The report year.
    pub year: u16,
    /// The folders, in the order of the roll-up.
    pub dirs: Vec<String>,
    /// The warning in Chinese, as the summary's pages print it.
    pub said: String,
}

impl Repeated {
    /// The warning in a language (the summary's pages print the Chinese).
    pub fn text(&self) -> Text {
        super::problems::repeated_unit(&self.name, self.year, &self.dirs)
    }
}

/// Adds one unit to the summary.
pub fn add(
    summary: &mut Summary,
    dir: &std::path::Path,
    report: Option<&Report>,
    diagnostics: &[crate::diagnostic::Diagnostic],
) {
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    if errors > 0 {
        summary.failing += 1;
    }
    let Some(report) = report else {
        summary.units.push(UnitRow {
            dir: dir.display().to_string(),
            name: None,
            kind: None,
            year: None,
            date: None,
            status: "unreadable",
            status_zh: "无法读取",
            errors,
            warnings,
        });
        return;
    };
    let r = &report.report;
    // One state a report: with errors it is not finished (a 待补充 成文日期 is one), whatever
    // its date says; otherwise late or done.
    let late = r.deadlines().iter().any(|(d, measured)| *measured > d.date);
    let (status, status_zh) = match (errors > 0, late) {
        (true, _) => ("errors", "有错误"),
        (false, true) => ("late", "逾期"),
        (false, false) => ("done", "已完成"),
    };
    match status {
        "late" => summary.late += 1,
        "done" => summary.on_time += 1,
        _ => {}
    }
    summary.units.push(UnitRow {
        dir: dir.display().to_string(),
        name: Some(r.unit.name.clone()),
        kind: Some(r.unit.kind.label().to_string()),
        year: Some(r.year),
        date: Some(r.date.chinese()),
        status,
        status_zh,
        errors,
        warnings,
    });
    add_counts(summary, report);
}

/// The rows of a unit's counts: its posts, its outreach and its statistics, each as the report
/// words it.
fn add_counts(summary: &mut Summary, report: &Report) {
    let r = &report.report;
    let unit = r.unit.name.clone();
    for (p, count) in (report.legal_aid.posts.values()).filter_map(|p| Some((p, p.count?))) {
        summary.counts.push(CountRow {
            year: r.year,
            unit: unit.clone(),
            group: "站点",
            name: p.name.clone(),
            measure: p.measure.clone(),
            value: crate::model::Quantity::Integer(i64::from(count)),
            value_text: count.to_string(),
            approx: false,
            qualifier: None,
            per: None,
            amount: format!("{count}{}", p.measure),
            zero: None,
        });
    }
    for (group, counts) in [
        ("普法", &report.outreach.counts),
        ("统计", &report.statistics.counts),
    ] {
        for c in counts.values().filter(|c| !c.value.is_placeholder()) {
            summary.counts.push(CountRow {
                year: r.year,
                unit: unit.clone(),
                group,
                name: c.name.clone(),
                measure: c.unit.clone(),
                value: c.value,
                value_text: format!("{}{}", c.value, if c.approx { "余" } else { "" }),
                approx: c.approx,
                qualifier: c.qualifier.or(c.approx.then_some(Qualifier::Over)),
                per: c.per.clone(),
                amount: c.amount(),
                zero: c.zero.clone().filter(|_| c.value.is_zero()),
            });
        }
    }
}

/// How a sum is meant, from how its parts are: exact when all are; a lower bound when the
/// others are exact and these are lower bounds (their own word when they share one, else 余);
/// an upper bound (不足) when the others are exact and these are upper bounds; near (近)
/// when they are all near; otherwise about (约).
fn sum_qualifier(parts: &[Option<Qualifier>]) -> Option<Qualifier> {
    let said: Vec<Qualifier> = parts.iter().flatten().copied().collect();
    let first = *said.first()?;
    if said.iter().all(|q| *q == first) {
        return Some(first);
    }
    let lower = |q: &Qualifier| matches!(q, Qualifier::Over | Qualifier::More | Qualifier::AtLeast);
    Some(if said.iter().all(lower) {
        Qualifier::Over
    } else {
        Qualifier::About
    })
}

/// Adds up the count rows into totals, year by year (rates, in %, are not added); counts per a
/// period are added only to counts per the same period.
pub fn finish(summary: &mut Summary) {
    type Key = (u16, &'static str, String, String, Option<String>);
    type Sum = (crate::model::QuantitySum, usize, Vec<Option<Qualifier>>);
    let mut totals: BTreeMap<Key, Sum> = BTreeMap::new();
    for row in summary.counts.iter().filter(|r| r.measure != "%") {
        let key = (
            row.year,
            row.group,
            row.name.clone(),
            row.measure.clone(),
            row.per.clone(),
        );
        let entry = totals.entry(key).or_default();
        entry.0.add(row.value);
        entry.1 += 1;
        entry.2.push(row.qualifier);
    }
    summary.totals = totals
        .into_iter()
        .map(
            |((year, group, name, measure, per), (total, units, qualifiers))| {
                let qualifier = sum_qualifier(&qualifiers);
                let lower = matches!(qualifier, Some(Qualifier::Over | Qualifier::More));
                Total {
                    year,
                    group,
                    name,
                    total: total.as_f64(),
                    total_text: format!("{total}{}", if lower { "余" } else { "" }),
                    units,
                    amount: worded_amount(&total, &measure, qualifier, per.as_deref()),
                    measure,
                }
            },
        )
        .collect();
    let mut years: Vec<u16> = summary.units.iter().filter_map(|u| u.year).collect();
    years.sort_unstable();
    years.dedup();
    summary.years = years;
    let mut names: Vec<&str> = (summary.units.iter())
        .map(|u| u.name.as_deref().unwrap_or(&u.dir))
        .collect();
    names.sort_unstable();
    names.dedup();
    summary.unit_count = names.len();
    summary.repeated = repeated(&summary.units);
}

/// Each unit (by name and kind) with more than one report on one year, with their folders,
/// in the order of the roll-up.
fn repeated(units: &[UnitRow]) -> Vec<Repeated> {
    let mut seen: BTreeMap<(&str, Option<&str>, u16), Vec<String>> = BTreeMap::new();
    for unit in units {
        if let (Some(name), Some(year)) = (unit.name.as_deref(), unit.year) {
            let key = (name, unit.kind.as_deref(), year);
            seen.entry(key).or_default().push(unit.dir.clone());
        }
    }
    seen.into_iter()
        .filter(|(_, dirs)| dirs.len() > 1)
        .map(|((name, _, year), dirs)| {
            let mut repeated = Repeated {
                name: name.to_string(),
                year,
                dirs,
                said: String::new(),
            };
            repeated.said = repeated.text().zh;
            repeated
        })
        .collect()
}

/// Where a summary is written.
pub fn output_path(out: &std::path::Path, extension: &str) -> PathBuf {
    out.join(format!("summary.{extension}"))
}
