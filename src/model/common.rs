//! Value types shared by the topic files: dates, quantities and counts.

use std::fmt;

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

/// A calendar date (成文日期 and the like), written in TOML as a bare date: `2021-01-10`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Date {
    /// 年 (year).
    pub year: u16,
    /// 月 (month), 1–12.
    pub month: u8,
    /// 日 (day), 1–31.
    pub day: u8,
}

impl Date {
    /// A date, if it exists in the Gregorian calendar.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (day >= 1 && day <= days).then_some(Date { year, month, day })
    }

    /// The date as GB/T 9704 7.3.5 writes it: `2021年1月10日`, no leading zeros.
    pub fn chinese(&self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "日期，如 2021-01-10（TOML 日期，不加引号）。\n\nA TOML date without time, e.g. 2021-01-10.",
            "type": "string",
            "format": "date"
        })
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let datetime = toml::value::Datetime::deserialize(deserializer)?;
        let (Some(date), None, None) = (datetime.date, datetime.time, datetime.offset) else {
            return Err(de::Error::custom(format!(
                "expected a date like 2021-01-10, found `{datetime}`"
            )));
        };
        Date::new(date.year, date.month, date.day)
            .ok_or_else(|| de::Error::custom(format!("{datetime} is not a day of the calendar")))
    }
}

/// The text that marks a value not filled in yet (written by `report init`).
pub const PLACEHOLDER: &str = "待补充";

/// A date that may still be to fill in: a TOML date (`2021-01-10`), or the placeholder
/// `"待补充"` that `report init` and `report import` write when nothing says the date, which
/// `report check` reports (E0712) and a `--draft` build prints as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PendingDate {
    /// The date.
    Date(Date),
    /// Not filled in yet (`"待补充"`).
    Placeholder,
}

impl PendingDate {
    /// The date, when it is filled in.
    pub fn date(self) -> Option<Date> {
        match self {
            PendingDate::Date(d) => Some(d),
            PendingDate::Placeholder => None,
        }
    }

    /// The date as GB/T 9704 7.3.5 writes it, or the placeholder.
    pub fn chinese(self) -> String {
        self.date()
            .map_or_else(|| PLACEHOLDER.to_string(), |d| d.chinese())
    }
}

impl fmt::Display for PendingDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PendingDate::Date(d) => d.fmt(f),
            PendingDate::Placeholder => f.write_str(PLACEHOLDER),
        }
    }
}

impl Serialize for PendingDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            PendingDate::Date(d) => d.serialize(s),
            PendingDate::Placeholder => s.serialize_str(PLACEHOLDER),
        }
    }
}

impl JsonSchema for PendingDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PendingDate".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "日期，如 2021-01-10（TOML 日期，不加引号）；尚不知道时写 \"待补充\"。\n\nA TOML date without time, e.g. 2021-01-10; \"待补充\" while it is not known.",
            "anyOf": [
                { "type": "string", "format": "date" },
                { "const": PLACEHOLDER }
            ]
        })
    }
}

impl<'de> Deserialize<'de> for PendingDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Either;
        impl<'de> Visitor<'de> for Either {
            type Value = PendingDate;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date like 2021-01-10, or \"待补充\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PendingDate, E> {
                if v == PLACEHOLDER {
                    Ok(PendingDate::Placeholder)
                } else {
                    Err(E::custom(format!(
                        "expected a date like 2021-01-10 (no quotes) or \"{PLACEHOLDER}\", found \"{v}\""
                    )))
                }
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<PendingDate, A::Error> {
                let d = Date::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(PendingDate::Date(d))
            }
        }
        deserializer.deserialize_any(Either)
    }
}

/// How a number's change from last year reads in a report: `增加3场，增长12.5%` (`percent`, the
/// change in percent of last year's, when it is to be said), or for a rate (`unit` `%`)
/// `提高2个百分点` — a rate changes by percentage points, not by a percentage of itself.
pub fn change_in_words(delta: f64, unit: &str, percent: Option<f64>) -> String {
    let amount = Quantity::Decimal(delta.abs());
    if unit == "%" {
        let word = if delta >= 0.0 { "提高" } else { "降低" };
        return format!("{word}{amount}个百分点");
    }
    let word = if delta >= 0.0 { "增加" } else { "减少" };
    let mut text = format!("{word}{amount}{unit}");
    if let Some(p) = percent {
        let grow = if p >= 0.0 { "增长" } else { "下降" };
        let _ = fmt::Write::write_fmt(&mut text, format_args!("，{grow}{:.1}%", p.abs()));
    }
    text
}

/// A number in the data: a whole count (`15`) or a decimal (`98.5` for a percentage, `12.5` for
/// 万元). Counts are TOML integers, never text — except the placeholder `"待补充"`, which
/// `report init` writes for a count still to be filled in and `report check` reports.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Quantity {
    /// A whole number.
    Integer(i64),
    /// A decimal number.
    Decimal(f64),
    /// Not filled in yet (`"待补充"`).
    #[serde(serialize_with = "serialize_placeholder")]
    Placeholder,
}

fn serialize_placeholder<S: serde::Serializer>(s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(PLACEHOLDER)
}

impl Quantity {
    /// The value as a float, for sums and comparisons.
    pub fn as_f64(self) -> f64 {
        match self {
            Quantity::Integer(n) => n as f64,
            Quantity::Decimal(x) => x,
            Quantity::Placeholder => 0.0,
        }
    }

    /// Whether the value is still to be filled in.
    pub fn is_placeholder(self) -> bool {
        self == Quantity::Placeholder
    }

    /// Whether this is more than `other` (exactly, for whole numbers); a placeholder is never
    /// more, nor less.
    pub fn exceeds(self, other: Quantity) -> bool {
        match (self, other) {
            (Quantity::Integer(a), Quantity::Integer(b)) => a > b,
            (Quantity::Placeholder, _) | (_, Quantity::Placeholder) => false,
            (a, b) => a.as_f64() > b.as_f64(),
        }
    }

    /// Whether the value is zero.
    pub fn is_zero(self) -> bool {
        match self {
            Quantity::Integer(n) => n == 0,
            Quantity::Decimal(x) => x == 0.0,
            Quantity::Placeholder => false,
        }
    }

    /// Whether the value is below zero (-0.0 is not).
    pub fn is_negative(self) -> bool {
        match self {
            Quantity::Integer(n) => n < 0,
            Quantity::Decimal(x) => x < 0.0,
            Quantity::Placeholder => false,
        }
    }
}

/// A sum of quantities: whole numbers added exactly (in `i128`, which cannot overflow on any
/// realistic number of `i64` parts), decimals apart. Floats would make
/// 9007199254740992 + 0 equal to 9007199254740993.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct QuantitySum {
    whole: i128,
    decimal: f64,
    has_decimal: bool,
}

impl QuantitySum {
    /// Adds a quantity (a placeholder adds nothing).
    pub fn add(&mut self, q: Quantity) {
        match q {
            Quantity::Integer(n) => self.whole = self.whole.saturating_add(i128::from(n)),
            Quantity::Decimal(x) => {
                self.decimal += x;
                self.has_decimal = true;
            }
            Quantity::Placeholder => {}
        }
    }

    /// Whether the sum is `q`: exactly for whole numbers, to a millionth of a unit when a
    /// decimal is involved.
    pub fn equals(&self, q: Quantity) -> bool {
        match q {
            Quantity::Integer(n) if !self.has_decimal => self.whole == i128::from(n),
            _ => {
                let diff = (self.whole - i128::from(q.whole_part())) as f64
                    + (self.decimal - q.fraction_part());
                diff.abs() <= 1e-6
            }
        }
    }

    /// The sum as a float (for templates that compute with it).
    pub fn as_f64(&self) -> f64 {
        self.whole as f64 + self.decimal
    }
}

impl fmt::Display for QuantitySum {
    /// Like a [`Quantity`]: whole sums exactly, in any size.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.has_decimal {
            Quantity::Decimal(self.as_f64()).fmt(f)
        } else {
            write!(f, "{}", self.whole)
        }
    }
}

impl Quantity {
    /// The whole part of an integer (decimals count as 0 here; see [`Quantity::fraction_part`]).
    fn whole_part(self) -> i64 {
        match self {
            Quantity::Integer(n) => n,
            _ => 0,
        }
    }

    /// The decimal value (0 for integers).
    fn fraction_part(self) -> f64 {
        match self {
            Quantity::Decimal(x) => x,
            _ => 0.0,
        }
    }
}

impl fmt::Display for Quantity {
    /// Arabic numerals (GB/T 15835 4.1.1), no grouping, no trailing zeros: `15`, `98.5`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Quantity::Integer(n) => write!(f, "{n}"),
            Quantity::Decimal(x) => {
                let text = format!("{x:.6}");
                let text = text.trim_end_matches('0').trim_end_matches('.');
                // -0.0 (or a negative that rounds to it) is 0, never 合格率-0%.
                f.write_str(if text == "-0" { "0" } else { text })
            }
            Quantity::Placeholder => f.write_str(PLACEHOLDER),
        }
    }
}

impl JsonSchema for Quantity {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Quantity".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "数字：计数写 TOML 整数，金额和百分比写小数；尚未填写时写 \"待补充\"。\n\nA number: a TOML integer for counts, a decimal for money and percentages; \"待补充\" while not filled in.",
            "anyOf": [{ "type": "number" }, { "const": "待补充" }]
        })
    }
}

impl<'de> Deserialize<'de> for Quantity {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct QuantityVisitor;
        impl Visitor<'_> for QuantityVisitor {
            type Value = Quantity;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number, such as 15 or 98.5 (not text in quotes)")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Quantity, E> {
                Ok(Quantity::Integer(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Quantity, E> {
                i64::try_from(v)
                    .map(Quantity::Integer)
                    .map_err(|_| E::custom("number too large"))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Quantity, E> {
                if v == PLACEHOLDER {
                    Ok(Quantity::Placeholder)
                } else {
                    Err(E::invalid_type(de::Unexpected::Str(v), &self))
                }
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Quantity, E> {
                if v.is_finite() {
                    Ok(Quantity::Decimal(v))
                } else {
                    Err(E::custom("expected a finite number"))
                }
            }
        }
        deserializer.deserialize_any(QuantityVisitor)
    }
}

/// 报告陈述的一项统计：举办法律知识咨询活动15场，发放资料1000余册，办理行政复议案件0件。
///
/// A statistic the report states: 举办法律知识咨询活动15场, 发放资料1000余册, 办理行政复议案件0件.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub struct Count {
    /// 名称（name）：统计的是什么，按报告的叫法：`法律知识咨询活动`、`横幅`。
    ///
    /// What is counted, as the report names it: `法律知识咨询活动`, `横幅`.
    pub name: String,
    /// 动词（verb）：内置写法（数据块）放在数量前的动词：`举办`、`发放`。正文中引用的数量（
    /// `{{ outreach.counts.x }}`）不带动词，动词由正文自己写。
    ///
    /// The verb the built-in wording (a `block`) puts before the count: `举办`,
    /// `发放`. A count named in a text (`{{ outreach.counts.x }}`) prints without it: the text
    /// says its own verb.
    pub verb: Option<String>,
    /// 数值（value）：数字，TOML 整数（金额和百分比可写小数）。
    ///
    /// The number, a TOML integer (or decimal for money and percentages).
    pub value: Quantity,
    /// 量词/单位（unit）：数字后的量词或单位：`场`、`册`、`万元`、`%`。
    ///
    /// The measure word or unit after the number: `场`, `册`, `万元`, `%`.
    #[serde(default)]
    pub unit: String,
    /// 概数（approx）：写 `true` 时印作 `1000余册`，表示数字是下限（同 `qualifier = "over"`）。
    ///
    /// `true` writes `1000余册` — the number is a lower bound (the same
    /// as `qualifier = "over"`).
    #[serde(default)]
    pub approx: bool,
    /// 限定词（qualifier）：数字的含义，按汉语的位置放：`over` 1000余册，`more` 300多人，`at_least`
    /// 95%以上，`nearly` 近300人，`about` 约300人，`under` 不足10人。
    ///
    /// How the number is meant, placed where Chinese puts it: `over`
    /// 1000余册, `more` 300多人, `at_least` 95%以上, `nearly` 近300人, `about` 约300人,
    /// `under` 不足10人.
    pub qualifier: Option<Qualifier>,
    /// 连接词（link）：名称与数字之间的词：`考试参考率和合格率均为100%` 中的 `均为`，以及 `达到`、
    /// `为`。
    ///
    /// A word between the name and the number: `均为` in
    /// `考试参考率和合格率均为100%`, `达到`, `为`.
    pub link: Option<String>,
    /// 周期（per）：比率的周期：写 `年` 印作 `8万元/年`。
    ///
    /// The period a rate of money or work is per: `年` writes `8万元/年`.
    pub per: Option<String>,
    /// 为零时（zero）：数值为0时代替 `0件` 的说法：`全年未发生行政复议被纠错案件`。
    ///
    /// What to say when the value is 0, instead of `0件`:
    /// `全年未发生行政复议被纠错案件`.
    pub zero: Option<String>,
    /// 名单（items）：所统计的具名对象，如示范村及其级别；写了名单时，其条数须等于 `value`。
    ///
    /// The named things counted, e.g. demo villages with their level; when given,
    /// their number must equal `value`.
    #[serde(default)]
    pub items: Vec<NamedItem>,
    /// 分项（parts）：本表中相加等于本数的其他数量的标识。
    ///
    /// Ids of other counts in the same table whose sum this count is.
    #[serde(default)]
    pub parts: Vec<String>,
    /// 其中（subsets）：本表中属于本数但不相加等于本数的其他数量的标识（
    /// `审查规范性文件40件，其中县级文件12件`）；每项都不得大于本数。
    ///
    /// Ids of other counts in the same table that are part of this one without
    /// adding up to it (`审查规范性文件40件，其中县级文件12件`); each is at most this count.
    #[serde(default)]
    pub subsets: Vec<String>,
}

/// 数字的含义（余、多、以上等），决定限定词的位置。
///
/// How a number is meant, and so where its word goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// 余，在数字后：`1000余册`（下限）。
    ///
    /// 余, after the number: `1000余册` (a lower bound).
    Over,
    /// 多，在数字后：`300多人`。
    ///
    /// 多, after the number: `300多人`.
    More,
    /// 以上，在单位后：`95%以上`、`300人以上`。
    ///
    /// 以上, after the unit: `95%以上`, `300人以上`.
    AtLeast,
    /// 近，在数字前：`近300人`。
    ///
    /// 近, before the number: `近300人`.
    Nearly,
    /// 约，在数字前：`约300人`。
    ///
    /// 约, before the number: `约300人`.
    About,
    /// 不足，在数字前：`不足10人`。
    ///
    /// 不足, before the number: `不足10人`.
    Under,
}

/// A number with its unit, qualifier and period, worded as Chinese puts them: `15场`,
/// `1000余册`, `近300人`, `95%以上`, `8万元/年` — for a count and for a sum of counts alike.
pub fn worded_amount(
    number: &dyn fmt::Display,
    unit: &str,
    qualifier: Option<Qualifier>,
    per: Option<&str>,
) -> String {
    // 余 and 多 go between a number and a measure word; after a percentage Chinese says 以上.
    let qualifier = match qualifier {
        Some(Qualifier::Over | Qualifier::More) if unit.starts_with('%') => {
            Some(Qualifier::AtLeast)
        }
        q => q,
    };
    let (before, between, after) = match qualifier {
        Some(Qualifier::Over) => ("", "余", ""),
        Some(Qualifier::More) => ("", "多", ""),
        Some(Qualifier::AtLeast) => ("", "", "以上"),
        Some(Qualifier::Nearly) => ("近", "", ""),
        Some(Qualifier::About) => ("约", "", ""),
        Some(Qualifier::Under) => ("不足", "", ""),
        None => ("", "", ""),
    };
    match per {
        // 每年1000册以上: 以上 after a period (1000册/年以上) would bound the period.
        Some(p) if !after.is_empty() => format!("每{p}{before}{number}{between}{unit}{after}"),
        Some(p) => format!("{before}{number}{between}{unit}/{p}"),
        None => format!("{before}{number}{between}{unit}{after}"),
    }
}

/// Items joined with the 顿号 、, except between two that meet with closing and opening marks
/// (`》《`, `”“`): GB/T 15834 4.5.3.5 and 4.15 put no 顿号 between titles or quotations side by
/// side (`《甲》《乙》`, `“甲”“乙”`), while `《甲》（某发〔2021〕1号）、《乙》` keeps it.
pub fn join_enumeration(items: &[String]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        let meets = out.ends_with(['》', '”']) && item.starts_with(['《', '“']);
        if i > 0 && !meets {
            out.push('、');
        }
        out.push_str(item);
    }
    out
}

/// `text` as one quotation, `“甲”`: its own outer marks taken off first (a title given as
/// `“甲”` is not quoted twice), and a quotation inside it in single marks (GB/T 15834 4.1.3:
/// `“学习‘八五’普法”`).
pub fn in_quotes(text: &str) -> String {
    enclosed(text, ('“', '”'), ('‘', '’'))
}

/// `text` as one title, `《甲》`: its own outer marks taken off first, and a title inside it
/// in 〈〉 (GB/T 15834 4.15.3.3).
pub fn in_title_marks(text: &str) -> String {
    enclosed(text, ('《', '》'), ('〈', '〉'))
}

/// `text` in the marks `outer`, its own outer marks taken off first and the same marks inside
/// it turned into `inner`.
fn enclosed(text: &str, outer: (char, char), inner: (char, char)) -> String {
    let mut out = String::with_capacity(text.len() + 6);
    out.push(outer.0);
    for c in without_marks(text, outer.0, outer.1).chars() {
        out.push(match c {
            c if c == outer.0 => inner.0,
            c if c == outer.1 => inner.1,
            c => c,
        });
    }
    out.push(outer.1);
    out
}

/// `text` without the pair of marks around the whole of it (`“甲”` → `甲`; `“甲”与“乙”` is
/// two quotations and stays).
pub fn without_marks(text: &str, open: char, close: char) -> &str {
    let trimmed = text.trim();
    let Some(inner) = trimmed
        .strip_prefix(open)
        .and_then(|t| t.strip_suffix(close))
    else {
        return trimmed;
    };
    let mut depth = 0usize;
    for c in inner.chars() {
        if c == open {
            depth += 1;
        } else if c == close {
            if depth == 0 {
                return trimmed;
            }
            depth -= 1;
        }
    }
    inner
}

/// 数量名单中的一项：`{ name = "某某村", level = "市级" }`。
///
/// A named thing in a count's list: `{ name = "某某村", level = "市级" }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub struct NamedItem {
    /// 名称（name）：如 `某某社区`。
    ///
    /// E.g. `某某社区`.
    pub name: String,
    /// 级别（level）：如 `省级`、`市级`。
    ///
    /// E.g. `省级`, `市级`.
    pub level: Option<String>,
}

impl Count {
    /// The number with its unit and qualifier: `15场`, `1000余册`, `近300人`, `95%以上`,
    /// `8万元/年` (`待补充` while not filled in).
    pub fn amount(&self) -> String {
        if self.value.is_placeholder() {
            return PLACEHOLDER.to_string();
        }
        let qualifier = self.qualifier.or(self.approx.then_some(Qualifier::Over));
        worded_amount(&self.value, &self.unit, qualifier, self.per.as_deref())
    }

    /// The count as a phrase: `法律知识咨询活动15场`, `考试参考率和合格率均为100%`, or its `zero`
    /// sentence when the value is 0.
    pub fn phrase(&self) -> String {
        match &self.zero {
            Some(zero) if self.value.is_zero() => zero.clone(),
            _ => self.named_amount(),
        }
    }

    /// The name and the amount, even when the value is 0: `行政复议案件0件`.
    pub fn named_amount(&self) -> String {
        format!(
            "{}{}{}",
            self.name,
            self.link.as_deref().unwrap_or(""),
            self.amount()
        )
    }

    /// The count as a clause with its verb: `举办法律知识咨询活动15场`. A zero sentence
    /// (`全年未发生……`) is a clause of its own and takes no verb; a rate or a count with a
    /// link (`考试合格率为100%`) takes only a verb the data gives, never `default_verb`.
    pub fn stated(&self, default_verb: &str) -> String {
        if self.zero.is_some() && self.value.is_zero() {
            return self.phrase();
        }
        let verb = match self.verb.as_deref() {
            Some(verb) => verb,
            None if self.link.is_some() || self.unit.starts_with('%') => "",
            None => default_verb,
        };
        format!("{verb}{}", self.phrase())
    }

    /// What follows a count's clause about its parts and subsets: `其中甲12件、乙3件`, with
    /// a part whose zero has its own sentence said after the list (`其中甲12件，全年未发生
    /// 乙`); empty when the count has none.
    pub fn breakdown(&self, counts: &Counts) -> String {
        let members = self.parts.iter().chain(&self.subsets);
        let (mut listed, mut sentences) = (Vec::new(), Vec::new());
        for part in members.filter_map(|id| counts.get(id)) {
            match &part.zero {
                Some(zero) if part.value.is_zero() => sentences.push(zero.clone()),
                _ => listed.push(part.named_amount()),
            }
        }
        let mut clauses = Vec::new();
        if !listed.is_empty() {
            clauses.push(format!("其中{}", join_enumeration(&listed)));
        }
        clauses.extend(sentences);
        clauses.join("，")
    }
}

/// Counts keyed by a stable id (`consultation`, `banners`), in the order of the file.
pub type Counts = IndexMap<String, Count>;

#[cfg(test)]
mod tests {
    #[test]
    fn a_change_reads_as_a_report_words_it() {
        use super::change_in_words;
        assert_eq!(change_in_words(3.0, "场", None), "增加3场");
        assert_eq!(
            change_in_words(-2.0, "件", Some(-12.5)),
            "减少2件，下降12.5%"
        );
        assert_eq!(change_in_words(1.5, "%", Some(1.6)), "提高1.5个百分点");
        assert_eq!(change_in_words(-0.5, "%", None), "降低0.5个百分点");
    }

    use super::*;

    #[test]
    fn negative_zero_prints_as_zero_and_sums_are_exact() {
        assert_eq!(Quantity::Decimal(-0.0).to_string(), "0");
        assert_eq!(Quantity::Decimal(-0.000_000_1).to_string(), "0");
        assert!(!Quantity::Decimal(-0.0).is_negative());
        let mut sum = QuantitySum::default();
        sum.add(Quantity::Integer(9_007_199_254_740_992));
        sum.add(Quantity::Integer(0));
        assert!(!sum.equals(Quantity::Integer(9_007_199_254_740_993)));
        assert!(sum.equals(Quantity::Integer(9_007_199_254_740_992)));
        sum.add(Quantity::Integer(i64::MAX));
        assert_eq!(sum.to_string(), "9232379236109516799");
        let mut rate = QuantitySum::default();
        rate.add(Quantity::Decimal(0.1));
        rate.add(Quantity::Decimal(0.2));
        assert!(rate.equals(Quantity::Decimal(0.3)));
    }

    #[test]
    fn dates_exist_or_not() {
        assert!(Date::new(2020, 2, 29).is_some());
        assert!(Date::new(2021, 2, 29).is_none());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(2021, 4, 31).is_none());
        assert!(Date::new(2021, 13, 1).is_none());
        assert_eq!(Date::new(2021, 1, 10).unwrap().chinese(), "2021年1月10日");
    }

    #[test]
    fn quantities_print_as_arabic_numerals() {
        let cases = [
            (Quantity::Integer(15), "15"),
            (Quantity::Integer(0), "0"),
            (Quantity::Integer(10000), "10000"),
            (Quantity::Decimal(98.5), "98.5"),
            (Quantity::Decimal(12.0), "12"),
            (Quantity::Decimal(0.25), "0.25"),
        ];
        for (q, text) in cases {
            assert_eq!(q.to_string(), text);
        }
    }

    #[test]
    fn quotations_and_titles_are_marked_once() {
        assert_eq!(in_quotes("进机关"), "“进机关”");
        assert_eq!(in_quotes("“进机关”"), "“进机关”");
        assert_eq!(in_quotes("学习“八五”普法"), "“学习‘八五’普法”");
        assert_eq!(in_quotes("“甲”与“乙”"), "“‘甲’与‘乙’”");
        assert_eq!(in_title_marks("《宪法》"), "《宪法》");
        assert_eq!(
            in_title_marks("关于印发《办法》的通知"),
            "《关于印发〈办法〉的通知》"
        );
    }

    #[test]
    fn a_count_is_stated_with_the_verb_it_takes() {
        let base = Count {
            name: "培训".into(),
            value: Quantity::Integer(0),
            unit: "场".into(),
            approx: false,
            verb: Some("组织".into()),
            items: vec![],
            parts: vec![],
            subsets: vec![],
            qualifier: None,
            link: None,
            per: None,
            zero: Some("全年未组织培训".into()),
        };
        assert_eq!(base.stated("开展"), "全年未组织培训");
        let rate = Count {
            name: "合格率".into(),
            value: Quantity::Integer(98),
            unit: "%".into(),
            verb: None,
            zero: None,
            ..base.clone()
        };
        assert_eq!(rate.stated("开展"), "合格率98%");
        let held = Count {
            value: Quantity::Integer(3),
            verb: None,
            ..base.clone()
        };
        assert_eq!(held.stated("开展"), "开展培训3场");
        let mut counts = Counts::new();
        counts.insert("none".into(), base.clone());
        counts.insert("some".into(), held.clone());
        let whole = Count {
            parts: vec!["some".into(), "none".into()],
            ..held.clone()
        };
        assert_eq!(whole.breakdown(&counts), "其中培训3场，全年未组织培训");
    }

    #[test]
    fn amounts() {
        let count = |value, unit: &str, approx| Count {
            name: "x".into(),
            value,
            unit: unit.into(),
            approx,
            verb: None,
            items: vec![],
            parts: vec![],
            subsets: vec![],
            qualifier: None,
            link: None,
            per: None,
            zero: None,
        };
        assert_eq!(count(Quantity::Integer(15), "场", false).amount(), "15场");
        assert_eq!(
            count(Quantity::Integer(1000), "册", true).amount(),
            "1000余册"
        );
        assert_eq!(count(Quantity::Decimal(98.5), "%", false).amount(), "98.5%");
        // 余 after a percentage is said 以上.
        assert_eq!(count(Quantity::Integer(98), "%", true).amount(), "98%以上");
        let with = |q: Qualifier, value: i64, unit: &str| Count {
            qualifier: Some(q),
            ..count(Quantity::Integer(value), unit, false)
        };
        assert_eq!(with(Qualifier::AtLeast, 95, "%").amount(), "95%以上");
        assert_eq!(with(Qualifier::Nearly, 300, "人").amount(), "近300人");
        assert_eq!(with(Qualifier::About, 300, "人").amount(), "约300人");
        assert_eq!(with(Qualifier::More, 300, "人").amount(), "300多人");
        assert_eq!(with(Qualifier::Under, 10, "人").amount(), "不足10人");
        assert_eq!(with(Qualifier::Over, 1000, "万元").amount(), "1000余万元");
        let money = Count {
            per: Some("年".into()),
            ..count(Quantity::Integer(8), "万元", false)
        };
        assert_eq!(money.amount(), "8万元/年");
        let at_least = Count {
            qualifier: Some(Qualifier::AtLeast),
            per: Some("年".into()),
            ..count(Quantity::Integer(1000), "册", false)
        };
        assert_eq!(at_least.amount(), "每年1000册以上");
        let shared = Count {
            name: "考试参考率和合格率".into(),
            link: Some("均为".into()),
            ..count(Quantity::Integer(100), "%", false)
        };
        assert_eq!(shared.phrase(), "考试参考率和合格率均为100%");
        let none = Count {
            zero: Some("全年未发生行政复议被纠错案件".into()),
            ..count(Quantity::Integer(0), "件", false)
        };
        assert_eq!(none.phrase(), "全年未发生行政复议被纠错案件");
    }
}
