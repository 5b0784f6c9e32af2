//! Chinese-aware filters and functions for templates (and for narrative in data).
//!
//! | name | example | result |
//! |---|---|---|
//! | `cn_num` | `{{ 23 \| cn_num }}` | 二十三 |
//! | `heading_number(level, index)` | `{{ heading_number(2, 1) }}` | （一） |
//! | `cn_date` | `{{ date \| cn_date }}` | 2021年1月10日 |
//! | `amount(unit, approx=false)` | `{{ 1000 \| amount("册", approx=true) }}` | 1000余册 |
//! | `join_cn(sep="、")` | `{{ ["甲", "乙"] \| join_cn }}` | 甲、乙 |
//! | `join_and` | `{{ ["甲", "乙", "丙"] \| join_and }}` | 甲、乙和丙 |
//! | `titles` | `{{ ["宪法", "民法典"] \| titles }}` | 《宪法》《民法典》 |
//! | `cite` | `{{ documents \| cite }}` | 《标题》（某发〔2020〕2号）和《……》 |
//! | `markdown` | `{{ text \| markdown }}` | HTML |
//! | `yoy(percent=false)` | `{{ outreach.counts.consultation \| yoy }}` | 较上年增加7场 (empty without a previous year) |

use super::limits::MAX_ITEMS;
use super::problems::FilterError;
use minijinja::value::{Kwargs, Value, ValueKind};
use minijinja::{Environment, Error};
use std::fmt::Write as _;

use super::markdown;
use crate::text::numerals;

/// Registers every filter and function on an environment.
pub fn register(env: &mut Environment<'_>) {
    env.add_filter("join", join);
    env.add_filter("split", split);
    guard_builtin_list_filters(env);
    env.add_filter("cn_num", cn_num);
    env.add_filter("cn_date", cn_date);
    env.add_filter("amount", amount);
    env.add_filter("join_cn", join_cn);
    env.add_filter("join_and", join_and);
    env.add_filter("titles", titles);
    env.add_filter("points", points);
    env.add_filter("quote", quote);
    env.add_filter("cite", cite);
    env.add_filter("markdown", to_markdown_html);
    env.add_filter("yoy", year_over_year);
    env.add_function("heading_number", heading_number);
}

fn cn_num(value: i64) -> Result<String, Error> {
    u64::try_from(value)
        .map(numerals::chinese_numeral)
        .map_err(|_| FilterError::NotACount.into())
}

fn heading_number(level: usize, index: usize) -> String {
    numerals::heading_number(level, index)
}

/// Accepts a date phrase (with year/month/day) or an ISO `YYYY-MM-DD` string.
fn cn_date(value: Value) -> Result<String, Error> {
    let part = |k: &str| value.get_attr(k).ok().and_then(|v| i64::try_from(v).ok());
    if let (Some(y), Some(m), Some(d)) = (part("year"), part("month"), part("day")) {
        return Ok(format!("{y}年{m}月{d}日"));
    }
    let text = value.to_string();
    let parts: Vec<&str> = text.splitn(3, '-').collect();
    if let [y, m, d] = parts[..]
        && let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u16>(), m.parse::<u8>(), d.parse::<u8>())
    {
        return Ok(format!("{y}年{m}月{d}日"));
    }
    Err(FilterError::NotADate(text.clone()).into())
}

fn amount(value: Value, unit: Option<String>, kwargs: Kwargs) -> Result<String, Error> {
    let approx: Option<bool> = kwargs.get("approx")?;
    kwargs.assert_all_used()?;
    let approx = if approx.unwrap_or(false) { "余" } else { "" };
    Ok(format!("{value}{approx}{}", unit.unwrap_or_default()))
}

/// The items of a list, refused past [`MAX_ITEMS`] items or [`super::limits::MAX_TEXT_OUTPUT`]
/// bytes of text: `([1] * 30000000) | join_cn` must not build a gigabyte first.
fn bounded_items(value: &Value) -> Result<Vec<Value>, Error> {
    let mut items = Vec::new();
    let mut bytes = 0usize;
    for item in value.try_iter()? {
        if items.len() == MAX_ITEMS {
            return Err(FilterError::TooManyItems.into());
        }
        bytes += item.as_str().map_or(16, str::len);
        if bytes > super::limits::MAX_TEXT_OUTPUT {
            return Err(FilterError::TooLong.into());
        }
        items.push(item);
    }
    Ok(items)
}

fn strings(value: &Value) -> Result<Vec<String>, Error> {
    match value.kind() {
        ValueKind::Seq | ValueKind::Iterable => Ok(bounded_items(value)?
            .iter()
            .map(std::string::ToString::to_string)
            .collect()),
        ValueKind::Undefined | ValueKind::None => Ok(Vec::new()),
        _ => Ok(vec![value.to_string()]),
    }
}

/// Refuses a value of more than [`MAX_ITEMS`] items (a string counts its characters): the
/// built-in list filters make an item of each one, so `("x" * 100000000) | batch(1)` took
/// 1.5 GB before its step budget ran out.
fn at_most_max_items(value: &Value) -> Result<(), Error> {
    let items = match value.len() {
        Some(n) => n,
        None => value
            .try_iter()
            .map_or(0, |items| items.take(MAX_ITEMS + 1).count()),
    };
    if items > MAX_ITEMS {
        return Err(FilterError::TooManyItems.into());
    }
    Ok(())
}

/// The name of a test, as `select` and `reject` take it.
type Test<'a> = Option<std::borrow::Cow<'a, str>>;
/// The built-in filters that make a list of their input's items, each behind
/// [`at_most_max_items`].
fn guard_builtin_list_filters(env: &mut Environment<'_>) {
    use minijinja::State;
    use minijinja::filters as builtin;
    use minijinja::value::Rest;
    env.add_filter("list", |state: &State, value: Value| {
        at_most_max_items(&value)?;
        builtin::list(state, value)
    });
    env.add_filter(
        "batch",
        |state: &State, value: Value, count: usize, fill: Option<Value>| {
            at_most_max_items(&value)?;
            builtin::batch(state, value, count, fill)
        },
    );
    env.add_filter(
        "slice",
        |state: &State, value: Value, count: usize, fill: Option<Value>| {
            at_most_max_items(&value)?;
            builtin::slice(state, value, count, fill)
        },
    );
    env.add_filter("sort", |state: &State, value: Value, kwargs: Kwargs| {
        at_most_max_items(&value)?;
        builtin::sort(state, value, kwargs)
    });
    env.add_filter("reverse", |value: &Value| {
        at_most_max_items(value)?;
        builtin::reverse(value)
    });
    env.add_filter("unique", |state: &State, value: Value, kwargs: Kwargs| {
        at_most_max_items(&value)?;
        builtin::unique(state, value, kwargs)
    });
    env.add_filter("dictsort", |value: &Value, kwargs: Kwargs| {
        at_most_max_items(value)?;
        builtin::dictsort(value, kwargs)
    });
    env.add_filter(
        "select",
        |state: &mut State,
         value: Value,
         test: Test<'_>,
         args: Rest<minijinja::value::ValueOrKwargs>| {
            at_most_max_items(&value)?;
            builtin::select(state, value, test, args)
        },
    );
    env.add_filter(
        "reject",
        |state: &mut State,
         value: Value,
         test: Test<'_>,
         args: Rest<minijinja::value::ValueOrKwargs>| {
            at_most_max_items(&value)?;
            builtin::reject(state, value, test, args)
        },
    );
    env.add_filter(
        "map",
        |state: &mut State, value: Value, args: Rest<minijinja::value::ValueOrKwargs>| {
            at_most_max_items(&value)?;
            builtin::map(state, value, args)
        },
    );
}

/// The built-in `split` (on white space, or on `sep`; at most `maxsplits` splits), bounded to
/// [`MAX_ITEMS`] pieces.
fn split(value: String, sep: Option<String>, maxsplits: Option<i64>) -> Result<Value, Error> {
    let most = maxsplits
        .and_then(|n| usize::try_from(n).ok())
        .map_or(usize::MAX, |n| n.saturating_add(1));
    let pieces: Vec<&str> = match sep.as_deref() {
        None => value
            .split_whitespace()
            .take(most.min(MAX_ITEMS + 1))
            .collect(),
        Some("") => {
            return Err(FilterError::EmptySeparator.into());
        }
        Some(sep) => value.splitn(most, sep).take(MAX_ITEMS + 1).collect(),
    };
    if pieces.len() > MAX_ITEMS {
        return Err(FilterError::TooManyItems.into());
    }
    Ok(Value::from(
        pieces.into_iter().map(String::from).collect::<Vec<_>>(),
    ))
}

/// The built-in `join`, bounded like the other list filters.
fn join(value: Value, joiner: Option<String>) -> Result<String, Error> {
    if value.kind() == ValueKind::String {
        // Joining a string joins its characters.
        let text = value.to_string();
        if text.len() > super::limits::MAX_TEXT_OUTPUT / 2 {
            return Err(FilterError::TooLong.into());
        }
        let sep = joiner.unwrap_or_default();
        return Ok(text
            .chars()
            .map(String::from)
            .collect::<Vec<_>>()
            .join(&sep));
    }
    Ok(strings(&value)?.join(joiner.as_deref().unwrap_or("")))
}

fn join_cn(value: Value, sep: Option<String>) -> Result<String, Error> {
    Ok(strings(&value)?.join(sep.as_deref().unwrap_or("、")))
}

/// `甲`, `甲和乙`, `甲、乙和丙`.
pub fn join_and_strings(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        // No 顿号 between titles or quotations side by side (《甲》《乙》和《丙》).
        [init @ .., last] => format!("{}和{last}", crate::model::common::join_enumeration(init)),
    }
}

fn join_and(value: Value) -> Result<String, Error> {
    Ok(join_and_strings(&strings(&value)?))
}

/// A list as one sentence of points: `一是……；二是……。`
fn points(value: Value) -> Result<String, Error> {
    Ok(super::view::points(&strings(&value)?))
}

/// One quotation: a string in “” (`进机关` → `“进机关”`), or a list's items joined with 、
/// inside one pair (`“进机关、进乡村”`); marks already there are not doubled, and a quotation
/// inside takes single marks.
fn quote(value: Value) -> Result<String, Error> {
    use crate::model::common::{in_quotes, without_marks};
    if value.kind() == ValueKind::Seq || value.kind() == ValueKind::Iterable {
        let items: Vec<String> = strings(&value)?
            .iter()
            .map(|i| without_marks(i, '“', '”').to_string())
            .collect();
        return Ok(in_quotes(&items.join("、")));
    }
    Ok(in_quotes(&value.to_string()))
}

/// Joins titles: `《甲》《乙》摘编、《丙》` — no 顿号 between adjacent 》《 (GB/T 15834).
/// Items are strings or maps with `title` and an optional `suffix`.
fn titles(value: Value) -> Result<String, Error> {
    let mut out = String::new();
    for item in bounded_items(&value)? {
        let (title, suffix) = match item.kind() {
            ValueKind::Map => (
                item.get_attr("title")?.to_string(),
                item.get_attr("suffix")
                    .ok()
                    .filter(|s| !s.is_undefined() && !s.is_none())
                    .map(|s| s.to_string())
                    .unwrap_or_default(),
            ),
            _ => (item.to_string(), String::new()),
        };
        if !out.is_empty() && !out.ends_with('》') {
            out.push('、');
        }
        let _ = write!(
            out,
            "{}{suffix}",
            crate::model::common::in_title_marks(&title)
        );
    }
    Ok(out)
}

/// `《标题》（文号）`, joined with 和 before the last.
/// Cites documents as 《标题》（文号）, joined with 和 (`cite`), or with another word:
/// `cite(join="、")` gives 《甲》（文号）、《乙》（文号）, `cite(join="")` 《甲》（文号）《乙》（文号）.
fn cite(value: Value, kwargs: Kwargs) -> Result<String, Error> {
    let join: Option<String> = kwargs.get("join")?;
    kwargs.assert_all_used()?;
    let one = |doc: &Value| -> Result<String, Error> {
        let title = doc.get_attr("title")?;
        let no = doc
            .get_attr("doc_no")
            .ok()
            .filter(|n| !n.is_undefined() && !n.is_none());
        let title = crate::model::common::in_title_marks(&title.to_string());
        Ok(match no {
            Some(no) => format!("{title}（{no}）"),
            None => title,
        })
    };
    if value.kind() == ValueKind::Map {
        return one(&value);
    }
    let items = bounded_items(&value)?
        .iter()
        .map(one)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(match join {
        // A 顿号 between two titles with no 文号 between them is not written (`》、《`, W0704).
        Some(word) if word == "、" => crate::model::common::join_enumeration(&items),
        Some(word) => items.join(&word),
        None => join_and_strings(&items),
    })
}

/// The number and unit of a count or post value.
fn number_and_unit(value: &Value) -> Option<(f64, String)> {
    let attr = |k: &str| {
        value
            .get_attr(k)
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_none())
    };
    let number = attr("value").or_else(|| attr("count"))?;
    let number = f64::try_from(number).ok()?;
    let unit = attr("unit")
        .or_else(|| attr("measure"))
        .map(|u| u.to_string())
        .unwrap_or_default();
    Some((number, unit))
}

/// `较上年增加7场` / `较上年减少3场` / `与上年持平`, from a count (or post) and its `previous`;
/// empty when there is no previous year to compare with.
fn year_over_year(value: Value, kwargs: Kwargs) -> Result<String, Error> {
    let percent: Option<bool> = kwargs.get("percent")?;
    kwargs.assert_all_used()?;
    let previous = value.get_attr("previous").unwrap_or_default();
    let (Some((now, unit)), Some((before, _))) =
        (number_and_unit(&value), number_and_unit(&previous))
    else {
        return Ok(String::new());
    };
    let delta = now - before;
    if delta == 0.0 {
        return Ok("与上年持平".into());
    }
    let rate = (percent.unwrap_or(false) && before != 0.0).then(|| delta / before * 100.0);
    Ok(format!(
        "较上年{}",
        crate::model::common::change_in_words(delta, &unit, rate)
    ))
}

fn to_markdown_html(value: Value) -> Value {
    let html = match value.downcast_object_ref::<super::objects::MarkdownText>() {
        Some(text) => text.to_html(),
        None => markdown::to_html(&markdown::neutralise_html(&value.to_string()), None),
    };
    Value::from_safe_string(html)
}

#[cfg(test)]
mod tests {
    use minijinja::{Environment, context};

    fn render(template: &str) -> String {
        let mut env = Environment::new();
        super::register(&mut env);
        env.render_str(template, context! {}).unwrap()
    }

    #[test]
    fn list_filters_refuse_huge_lists() {
        let mut env = Environment::new();
        super::register(&mut env);
        for template in [
            "{{ ([1] * 30000000) | join_cn }}",
            "{{ ([1] * 30000000) | join_and }}",
            "{{ ('x' * 100000000) | titles }}",
            "{% set a = 'x' * 10000000 %}{{ [a, a, a, a, a, a] | join | length }}",
            "{{ ('x ' * 1000000) | split | length }}",
            "{{ ('x' * 100000000) | batch(1) | length }}",
            "{{ ('x' * 100000000) | list | first }}",
            "{{ ('x' * 100000000) | sort | first }}",
            "{{ ('x' * 100000000) | slice(100000000) | first }}",
            "{{ ('x' * 100000000) | map('upper') | first }}",
            "{{ ([1] * 30000000) | reverse | first }}",
            "{{ ([1] * 30000000) | unique | first }}",
            "{{ ('x' * 100000000) | select | first }}",
            "{{ ('x' * 100000000) | reject('none') | first }}",
        ] {
            let err = env.render_str(template, context! {}).unwrap_err();
            assert!(
                err.to_string().contains("more than") || err.to_string().contains("MiB"),
                "{template}: {err}"
            );
        }
    }

    #[test]
    fn filter_table() {
        let cases = [
            ("{{ 23 | cn_num }}", "二十三"),
            ("{{ [1, 2] | join('-') }}", "1-2"),
            ("{{ 'a b  c' | split | join(',') }}", "a,b,c"),
            ("{{ 'a,b,c' | split(',', 1) | join('|') }}", "a|b,c"),
            ("{{ 101 | cn_num }}", "一百零一"),
            ("{{ heading_number(1, 2) }}", "二、"),
            ("{{ heading_number(2, 3) }}", "（三）"),
            ("{{ heading_number(3, 1) }}", "1."),
            ("{{ heading_number(4, 7) }}", "（7）"),
            ("{{ '2021-01-10' | cn_date }}", "2021年1月10日"),
            ("{{ '2020-12-01' | cn_date }}", "2020年12月1日"),
            ("{{ 1000 | amount('册', approx=true) }}", "1000余册"),
            ("{{ 15 | amount('场') }}", "15场"),
            ("{{ ['甲'] | join_and }}", "甲"),
            ("{{ ['甲', '乙'] | join_and }}", "甲和乙"),
            ("{{ ['甲', '乙', '丙'] | join_and }}", "甲、乙和丙"),
            ("{{ ['甲', '乙'] | join_cn }}", "甲、乙"),
            ("{{ ['甲', '乙'] | join_cn('，') }}", "甲，乙"),
            (
                "{{ ['深化改革。', '推进执法；'] | points }}",
                "一是深化改革；二是推进执法。",
            ),
            ("{{ [] | points }}", ""),
            (
                "{{ {'value': 22, 'unit': '场', 'previous': {'value': 15}} | yoy }}",
                "较上年增加7场",
            ),
            (
                "{{ {'value': 22, 'unit': '场', 'previous': {'value': 15}} | yoy(percent=true) }}",
                "较上年增加7场，增长46.7%",
            ),
            (
                "{{ {'value': 10, 'unit': '件', 'previous': {'value': 12}} | yoy }}",
                "较上年减少2件",
            ),
            (
                "{{ {'value': 3, 'unit': '个', 'previous': {'value': 3}} | yoy }}",
                "与上年持平",
            ),
            (
                "{{ {'value': 98.5, 'unit': '%', 'previous': {'value': 97}} | yoy }}",
                "较上年提高1.5个百分点",
            ),
            (
                "{{ {'count': 14, 'measure': '个', 'previous': {'count': 13}} | yoy }}",
                "较上年增加1个",
            ),
            (
                "{{ {'value': 22, 'unit': '场', 'previous': none} | yoy }}",
                "",
            ),
            ("{{ ['宪法', '民法典'] | titles }}", "《宪法》《民法典》"),
            (
                "{{ [3, 1, 2] | sort | list | reverse | join(',') }}",
                "3,2,1",
            ),
            (
                "{{ [1, 2, 3, 4] | batch(2) | map('join') | join(' ') }}",
                "12 34",
            ),
            ("{{ [1, 2, 2] | unique | join }}", "12"),
            ("{{ ['a', 'b'] | map('upper') | join }}", "AB"),
            ("{{ [0, 1, 2] | select | join }}", "12"),
            ("{{ [1, none] | reject('none') | join }}", "1"),
            (
                "{{ [{'title': '宪法'}, {'title': '甲', 'suffix': '摘编'}, {'title': '乙'}] | titles }}",
                "《宪法》《甲》摘编、《乙》",
            ),
            (
                "{{ [{'title': '甲', 'doc_no': '某发〔2020〕2号'}, {'title': '乙'}] | cite }}",
                "《甲》（某发〔2020〕2号）和《乙》",
            ),
        ];
        for (template, want) in cases {
            assert_eq!(render(template), want, "{template}");
        }
    }
}
