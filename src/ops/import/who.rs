//! Who reports on which year: the unit, its kind, the year, the 成文日期 and the 署名 — from
//! what the user gave, else from every place a published report names them (the title in
//! its few shapes, the letterhead, the 署名, the site's 发布机构, the intro's first words),
//! each with where it came from. What none of them says is left to fill in.

use super::front::{Head, Signoff};
use super::page::Meta;
use super::{ImportError, Notes};
use crate::ops::problems;

use crate::model::{Date, UnitKind};

pub use crate::ops::problems::Source;

/// The unit, the year and the sign-off of the imported report.
#[derive(Debug)]
pub struct Who {
    /// 单位名称 and where it came from; `None`: 待补充.
    pub unit: Option<(String, Source)>,
    /// 单位类别; `None`: 待补充.
    pub kind: Option<(UnitKind, Source)>,
    pub year: (u16, Source),
    /// 成文日期; `None`: 待补充.
    pub date: Option<Date>,
    /// 署名; `None`: 待补充.
    pub signer: Option<String>,
    /// A 成文日期 published without its day (`2025年1月`).
    pub partial_date: Option<String>,
}

/// Finds the unit, its kind, the year and the sign-off.
pub fn identify(
    given: &super::Given,
    head: &Head,
    signoff: &Signoff,
    meta: &Meta,
    intro: &[String],
    notes: &mut Notes,
) -> Result<Who, ImportError> {
    let title: String = head.title_lines.concat().split_whitespace().collect();
    let unit = given
        .unit
        .clone()
        .map(|u| (u, Source::Given))
        .or_else(|| unit_in_title(&title).map(|u| (u, Source::Title)))
        .or_else(|| named(head.letterhead.as_deref(), Source::Letterhead))
        .or_else(|| named(signoff.signer.as_deref(), Source::Signer))
        .or_else(|| named(meta.publisher.as_deref(), Source::Publisher))
        .or_else(|| {
            intro
                .first()
                .and_then(|p| unit_in_intro(p))
                .map(|u| (u, Source::Intro))
        });
    let kind = match given.kind {
        Some(k) => Some((k, Source::Given)),
        None => unit.as_ref().and_then(|(u, s)| kind_of(u).map(|k| (k, *s))),
    };
    let date = given.date.or(signoff.date).or(meta.written);
    let year = year_of(given, &title, intro, date.or(meta.published)).ok_or(ImportError::NoYear)?;
    let who = Who {
        unit,
        kind,
        year,
        date,
        signer: signoff.signer.clone(),
        partial_date: signoff.partial.clone(),
    };
    say(&who, notes);
    Ok(who)
}

/// Says every guess and every fact left to fill in.
fn say(who: &Who, notes: &mut Notes) {
    match &who.unit {
        Some((u, s)) if *s != Source::Given => notes.guess(problems::unit_found(u, *s)),
        Some(_) => {}
        None => notes.guess(problems::unit_unknown()),
    }
    match who.kind {
        Some((k, s)) if s != Source::Given => notes.guess(problems::kind_found(k.key(), k.label())),
        Some(_) => {}
        None => notes.guess(problems::kind_unknown()),
    }
    if who.year.1 != Source::Given {
        notes.guess(problems::year_found(who.year.0, who.year.1));
    }
    if who.date.is_none() {
        notes.mend(problems::no_date());
    }
    if who.signer.is_none() {
        notes.mend(problems::no_signer());
    }
}

/// A name given by a line of the page (the letterhead, the 署名, the 发布机构), when it
/// names a body.
fn named(name: Option<&str>, source: Source) -> Option<(String, Source)> {
    let name = short_name(name?.trim());
    plausible(&name).then_some((name, source))
}

/// The unit a title names, in the shapes reports take: `{单位}关于{年}年…`, `{单位}{年}年…`,
/// `{年}年(度){单位}法治政府…`.
pub fn unit_in_title(title: &str) -> Option<String> {
    if let Some((before, _)) = title.split_once("关于") {
        let name = short_name(strip_year_at_end(before));
        if plausible(&name) {
            return Some(name);
        }
    }
    let (at, len) = year_at(title)?;
    let before = short_name(&title[..at]);
    if plausible(&before) {
        return Some(before);
    }
    let after = title[at + len..].trim_start_matches('度');
    let end = ["法治", "关于", "推进", "全面", "依法", "工作"]
        .iter()
        .filter_map(|w| after.find(w))
        .min()?;
    let name = short_name(&after[..end]);
    plausible(&name).then_some(name)
}

/// The unit the intro's first words name: `2022年，某镇在县委……`.
fn unit_in_intro(p: &str) -> Option<String> {
    let (at, len) = year_at(p).filter(|&(at, _)| at == 0)?;
    let rest = p[len..]
        .trim_start_matches('度')
        .trim_start_matches(['，', ',']);
    let end = [
        "在", "坚持", "以", "认真", "深入", "紧紧", "全面", "始终", "围绕",
    ]
    .iter()
    .filter_map(|w| rest.find(w))
    .min()?;
    let name = short_name(&rest[..end]);
    let _ = at;
    (plausible(&name) && !name.starts_with('我')).then_some(name)
}

/// The first `NNNN年` in a text: where it starts and how long it is.
fn year_at(text: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(i) = text[from..].find('年').map(|i| i + from) {
        let digits = text[..i]
            .bytes()
            .rev()
            .take_while(u8::is_ascii_digit)
            .count();
        if digits == 4 {
            return Some((i - 4, 4 + '年'.len_utf8()));
        }
        from = i + '年'.len_utf8();
    }
    None
}

fn strip_year_at_end(text: &str) -> &str {
    text.trim_end_matches(|c: char| c.is_ascii_digit())
}

/// The unit's name as reports call it: `太安镇` for `太安镇人民政府`, `某某街道` for
/// `某某街道办事处`, `某县` for `中共某县委 某县人民政府`'s government.
fn short_name(name: &str) -> String {
    let name = name.trim().trim_end_matches(['（', '(']);
    let name = name.strip_suffix("人民政府").unwrap_or(name);
    let name = name.strip_suffix("办事处").unwrap_or(name);
    name.trim().to_string()
}

/// A name of a body: a few Han characters, no sentence, ending as bodies' names end.
fn plausible(name: &str) -> bool {
    let n = name.chars().count();
    (2..=30).contains(&n)
        && name.chars().all(crate::text::chars::is_han)
        && (kind_of(name).is_some() || ["党委", "委员会", "政府"].iter().any(|s| name.ends_with(s)))
}

/// Whether a name carries a place below the state (a province, city, county or district).
fn local(name: &str) -> bool {
    let without_market = name.replace("市场", "");
    ["省", "县", "区", "州", "盟", "旗", "市"]
        .iter()
        .any(|p| without_market.contains(p))
}

/// The kind a name says: 乡/镇 township, 街道 street, 县 county, 区 district, 市 city, 省
/// province, 局/委/办/厅/院/中心 a department, 部/署/总局 of the State Council.
pub fn kind_of(name: &str) -> Option<UnitKind> {
    let name = short_name(name);
    let ends = |words: &[&str]| words.iter().any(|w| name.ends_with(w));
    let kind = if ends(&["部", "署", "总局"]) && !local(&name) {
        UnitKind::StateCouncilDepartment
    } else if ends(&[
        "局",
        "委员会",
        "委",
        "办公室",
        "办",
        "厅",
        "院",
        "中心",
        "部",
        "署",
        "队",
        "所",
    ]) {
        UnitKind::Department
    } else if ends(&["乡", "镇"]) {
        UnitKind::Township
    } else if ends(&["街道"]) {
        UnitKind::Street
    } else if ends(&["省", "自治区"]) {
        UnitKind::Province
    } else if ends(&["县", "旗"]) {
        UnitKind::County
    } else if ends(&["区"]) {
        UnitKind::District
    } else if ends(&["市", "州", "盟"]) {
        UnitKind::City
    } else {
        return None;
    };
    Some(kind)
}

/// The report's year: given, else the title's, else the intro's first words, else the year
/// before the report's date (a guess, said as one).
fn year_of(
    given: &super::Given,
    title: &str,
    intro: &[String],
    date: Option<Date>,
) -> Option<(u16, Source)> {
    let at = |text: &str| -> Option<u16> {
        let (at, _) = year_at(text)?;
        text[at..at + 4]
            .parse()
            .ok()
            .filter(|y| crate::model::PLAUSIBLE_YEARS.contains(y))
    };
    given
        .year
        .map(|y| (y, Source::Given))
        .or_else(|| at(title).map(|y| (y, Source::Title)))
        .or_else(|| {
            let first = intro.first()?;
            year_at(first).filter(|&(i, _)| i == 0)?;
            at(first).map(|y| (y, Source::Intro))
        })
        .or_else(|| date.map(|d| (d.year - 1, Source::DateBefore)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_in_every_shape_of_title() {
        let cases = [
            (
                "青石镇人民政府关于2024年度法治政府建设工作情况的报告",
                Some("青石镇"),
            ),
            ("某县司法局2023年法治政府建设年度报告", Some("某县司法局")),
            ("2023年度云岭街道法治政府建设工作报告", Some("云岭街道")),
            ("2023年云岭街道办事处法治政府建设情况报告", Some("云岭街道")),
            ("关于2023年法治政府建设工作情况的报告", None),
            ("2023年法治政府建设年度报告", None),
        ];
        for (title, unit) in cases {
            assert_eq!(unit_in_title(title).as_deref(), unit, "{title}");
        }
        assert_eq!(
            unit_in_intro("2022年，白石乡在县委、县政府的坚强领导下，……").as_deref(),
            Some("白石乡")
        );
        assert_eq!(unit_in_intro("2022年，我镇在县委的领导下，……"), None);
    }

    #[test]
    fn kinds_from_names() {
        let cases = [
            ("太安镇", Some(UnitKind::Township)),
            ("白石乡人民政府", Some(UnitKind::Township)),
            ("云岭街道办事处", Some(UnitKind::Street)),
            ("某某县", Some(UnitKind::County)),
            ("某某区", Some(UnitKind::District)),
            ("某某市", Some(UnitKind::City)),
            ("某某省", Some(UnitKind::Province)),
            ("某某自治区", Some(UnitKind::Province)),
            ("某某区司法局", Some(UnitKind::Department)),
            ("某某市市场监督管理局", Some(UnitKind::Department)),
            ("某某部", Some(UnitKind::StateCouncilDepartment)),
            ("国家某某总局", Some(UnitKind::StateCouncilDepartment)),
            ("某某市委宣传部", Some(UnitKind::Department)),
            ("某某公司", None),
        ];
        for (name, kind) in cases {
            assert_eq!(kind_of(name), kind, "{name}");
        }
    }
}
