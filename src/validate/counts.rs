//! Counts and totals: no negative counts, totals equal to their parts, lists as long as
//! their counts, posts within the places they cover, lawyers within the posts.

use super::{Context, join, key};
use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Text};
use crate::load::Segment;
use crate::model::FileId;
use crate::model::Quantity;
use crate::model::Report;
use crate::model::common::Counts;

pub(super) fn check(ctx: &mut Context<'_>, report: &Report) {
    counts(ctx, FileId::Outreach.name(), &report.outreach.counts);
    counts(ctx, FileId::Statistics.name(), &report.statistics.counts);
    posts(ctx, report);
    staffing_claims(ctx, report);
    list_amounts(ctx, report);
}

/// A count named in `parts` or `subsets` that the table does not have.
fn unknown_count(
    ctx: &mut Context<'_>,
    file: &str,
    place: &[Segment],
    name: &str,
    counts: &Counts,
) {
    // A count the file writes but that did not load (a value of the wrong type, reported
    // already) is not unknown: saying so would send the clerk after the wrong mistake.
    let written = ctx
        .loaded
        .file(file)
        .is_some_and(|f| f.spans.key(&[key("counts"), key(name)]).is_some());
    if written {
        return;
    }
    let known: Vec<&str> = counts.keys().map(String::as_str).collect();
    let hint = crate::suggest::hint(name, &known, ("known counts here: ", "此处的数量有："));
    ctx.push(
        file,
        place,
        Diagnostic::new(
            Code::E0505,
            Text::new(
                format!("`{name}` is not a count in this table"),
                format!("`{name}` 不是本表中的数量"),
            ),
        )
        .with_hint(hint),
    );
}

fn counts(ctx: &mut Context<'_>, file: &str, counts: &Counts) {
    for (id, c) in counts {
        let one = One { file, id, count: c };
        if c.value.is_placeholder() {
            one.not_filled_in(ctx);
            continue;
        }
        one.negative(ctx);
        one.parts(ctx, counts);
        one.subsets(ctx, counts);
        one.items(ctx);
        one.round_qualifier(ctx);
    }
}

/// One count of a table and where it is, for the checks on it.
struct One<'a> {
    file: &'a str,
    id: &'a str,
    count: &'a crate::model::Count,
}

impl One<'_> {
    fn at(&self, k: &str) -> Vec<Segment> {
        vec![key("counts"), key(self.id), key(k)]
    }

    fn not_filled_in(&self, ctx: &mut Context<'_>) {
        let (id, c) = (self.id, self.count);
        ctx.push(
            self.file,
            &self.at("value"),
            Diagnostic::new(
                Code::E0712,
                Text::new(
                    format!("the count `{id}` ({}) is not filled in", c.name),
                    format!("数量 `{id}`（{}）尚未填写", c.name),
                ),
            )
            .with_hint(Text::new(
                "write the number, e.g. `value = 15`",
                "请填写数值，如 `value = 15`",
            )),
        );
    }

    fn negative(&self, ctx: &mut Context<'_>) {
        let (id, c) = (self.id, self.count);
        if !c.value.is_negative() {
            return;
        }
        ctx.push(
            self.file,
            &self.at("value"),
            Diagnostic::new(
                Code::E0501,
                Text::new(
                    format!("the count `{id}` ({}) is negative", c.value),
                    format!("数量 `{id}`（{}）为负数", c.value),
                ),
            )
            .with_hint(Text::new("counts are 0 or more", "数量须不小于 0")),
        );
    }

    fn parts(&self, ctx: &mut Context<'_>, counts: &Counts) {
        let (id, c, file) = (self.id, self.count, self.file);
        let at = |k: &str| self.at(k);
        let mut sum = crate::model::QuantitySum::default();
        let mut complete = true;
        for (i, part) in c.parts.iter().enumerate() {
            match counts.get(part) {
                Some(p) if p.value.is_placeholder() => complete = false,
                Some(p) => sum.add(p.value),
                None => {
                    complete = false;
                    unknown_count(
                        ctx,
                        file,
                        &join(&at("parts"), &[Segment::Index(i)]),
                        part,
                        counts,
                    );
                }
            }
        }
        if complete && !c.parts.is_empty() && !sum.equals(c.value) {
            let sum_text = sum.to_string();
            ctx.push(
                file,
                &at("value"),
                Diagnostic::new(
                    Code::E0504,
                    Text::new(
                        format!(
                            "`{id}` is {} but its parts ({}) add up to {sum_text}",
                            c.value,
                            c.parts.join(" + ")
                        ),
                        format!(
                            "“{}”为 {}，但其分项{}之和为 {sum_text}",
                            c.name,
                            c.value,
                            c.parts
                                .iter()
                                .map(|p| counts.get(p).map_or(p.as_str(), |p| &p.name))
                                .map(|name| ["“", name, "”"].concat())
                                .collect::<String>()
                        ),
                    ),
                )
                .with_hint(Text::new(
                    "correct the total or one of its parts",
                    "请核对合计数或分项数",
                )),
            );
        }
    }

    fn subsets(&self, ctx: &mut Context<'_>, counts: &Counts) {
        let (id, c, file) = (self.id, self.count, self.file);
        let at = |k: &str| self.at(k);
        for (i, subset) in c.subsets.iter().enumerate() {
            let place = join(&at("subsets"), &[Segment::Index(i)]);
            match counts.get(subset) {
                None => unknown_count(ctx, file, &place, subset, counts),
                Some(s) if s.value.exceeds(c.value) => ctx.push(
                    file,
                    &place,
                    Diagnostic::new(
                        Code::E0507,
                        Text::new(
                            format!(
                                "`{subset}` ({}) is more than `{id}` ({}), which it is part of",
                                s.value, c.value
                            ),
                            format!(
                                "“{}”（{}）大于其所属的“{}”（{}）",
                                s.name, s.value, c.name, c.value
                            ),
                        ),
                    )
                    .with_hint(Text::new(
                        "a count listed after 其中 is part of the whole: correct one of them",
                        "“其中”所列数量是总数的一部分，请核对",
                    )),
                ),
                Some(_) => {}
            }
        }
    }

    fn items(&self, ctx: &mut Context<'_>) {
        let (id, c, file) = (self.id, self.count, self.file);
        let at = |k: &str| self.at(k);
        let mut listed = crate::model::QuantitySum::default();
        listed.add(
            i64::try_from(c.items.len()).map_or(Quantity::Decimal(f64::MAX), Quantity::Integer),
        );
        if !c.items.is_empty() && !listed.equals(c.value) {
            ctx.push(
                file,
                &at("value"),
                Diagnostic::new(
                    Code::E0506,
                    Text::new(
                        format!("`{id}` is {} but lists {} items", c.value, c.items.len()),
                        format!(
                            "“{}”为 {}，但名单列出 {} 项",
                            c.name,
                            c.value,
                            c.items.len()
                        ),
                    ),
                )
                .with_hint(Text::new(
                    "make the count and the list agree",
                    "请使数量与名单一致",
                )),
            );
        }
    }

    /// 余 and 多 after a number that is not round (`3余件`).
    fn round_qualifier(&self, ctx: &mut Context<'_>) {
        use crate::model::common::Qualifier;
        let c = self.count;
        let qualifier = c.qualifier.or(c.approx.then_some(Qualifier::Over));
        let word = match qualifier {
            Some(Qualifier::Over) => "余",
            Some(Qualifier::More) => "多",
            _ => return,
        };
        let round = matches!(c.value, Quantity::Integer(n) if n >= 10 && n % 10 == 0);
        if round || c.unit.starts_with('%') {
            return;
        }
        let (value, unit) = (c.value, &c.unit);
        ctx.push(
            self.file,
            &self.at("value"),
            Diagnostic::new(
                Code::W0509,
                Text::new(
                    format!("{value}{word}{unit}: {word} follows a round number (10, 300, 1000)"),
                    format!("“{value}{word}{unit}”不成立：“{word}”用在整十、整百等整数之后"),
                ),
            )
            .with_hint(Text::new(
                format!(
                    "write the exact number ({value}{unit}) without the qualifier, or a round one"
                ),
                format!("写确数“{value}{unit}”并删去限定词，或改用整数"),
            )),
        );
    }
}

/// A list item with an amount but no unit: `（8/年）` says nothing.
fn list_amounts(ctx: &mut Context<'_>, report: &Report) {
    for (id, list) in &report.lists.lists {
        for (i, item) in list.items.iter().enumerate() {
            if item.amount.is_none() || item.unit.is_some() {
                continue;
            }
            let place = [
                key("lists"),
                key(id),
                key("items"),
                Segment::Index(i),
                key("amount"),
            ];
            ctx.push(
                FileId::Lists.name(),
                &place,
                Diagnostic::new(
                    Code::E0508,
                    Text::new(
                        format!("the amount of {} has no unit", item.title),
                        format!("“{}”的金额缺少单位", item.title),
                    ),
                )
                .with_hint(Text::new(
                    "add its unit, e.g. `unit = \"万元\"`",
                    "请补上单位，如 `unit = \"万元\"`",
                )),
            );
        }
    }
}

fn posts(ctx: &mut Context<'_>, report: &Report) {
    for (id, p) in &report.legal_aid.posts {
        let at = |k: &str| vec![key("posts"), key(id), key(k)];
        // Without a count there is nothing to hold against the places or the lawyers.
        let Some(count) = p.count else {
            continue;
        };
        if let Some(places) = p.places
            && count > places
        {
            ctx.push(
                FileId::LegalAid.name(),
                &at("count"),
                Diagnostic::new(
                    Code::E0502,
                    Text::new(
                        format!("{count} {} but they cover only {places} places", p.name),
                        format!("{}共{count}{}，但只覆盖{places}处", p.name, p.measure),
                    ),
                )
                .with_hint(Text::new(
                    "posts cannot exceed the places they cover",
                    "站点数不能多于覆盖的村（社区）数",
                )),
            );
        }
        if let Some(n) = p.with_lawyer
            && n > count
        {
            ctx.push(
                FileId::LegalAid.name(),
                &at("with_lawyer"),
                Diagnostic::new(
                    Code::E0503,
                    Text::new(
                        format!("{n} {} with a lawyer, but only {count} posts", p.name),
                        format!(
                            "配备律师的{}为{n}{}，多于站点总数{count}",
                            p.name, p.measure
                        ),
                    ),
                )
                .with_hint(Text::new(
                    "with_lawyer counts posts that have a lawyer: at most `count`",
                    "`with_lawyer` 是配备律师的站点数，不能超过 `count`",
                )),
            );
        }
    }
}

const ALL_STAFFED: [&str; 3] = ["全部配齐律师", "全部配备律师", "均配备律师"];

/// A text that claims every post has a lawyer, while the data says some do not.
fn staffing_claims(ctx: &mut Context<'_>, report: &Report) {
    let short: Vec<String> = report
        .legal_aid
        .posts
        .values()
        .filter(|p| p.with_lawyer.zip(p.count).is_some_and(|(n, c)| n < c))
        .map(|p| p.name.clone())
        .collect();
    if short.is_empty() {
        return;
    }
    let Some(file) = ctx.loaded.file(FileId::Report.name()) else {
        return;
    };
    let claims: Vec<_> = file
        .spans
        .strings()
        .iter()
        .filter(|v| {
            ALL_STAFFED
                .iter()
                .any(|c| v.text(&file.source.text).contains(c))
        })
        .filter_map(|v| file.spans.path_of_value(&v.span))
        .collect();
    for path in claims {
        ctx.push(
            FileId::Report.name(),
            &path,
            Diagnostic::new(
                Code::E0503,
                Text::new(
                    format!(
                        "the text says every post has a lawyer, but legal_aid.toml says some {} do not",
                        short.join(", ")
                    ),
                    format!("文字称全部配齐律师，但 legal_aid.toml 中部分{}未配备律师", short.join("、")),
                ),
            )
            .with_hint(Text::new(
                "name the staffing from the data: {{ posts.<id>.staffing }}",
                "请用数据生成配备情况：`{{ posts.<编号>.staffing }}`",
            )),
        );
    }
}
