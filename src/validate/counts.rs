//! Counts and totals: no negative counts, totals equal to their parts, lists as long as
//! their counts, posts within the places they cover, lawyers within the posts.

use super::{Context, join, key};
use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Text};
use crate::load::Segment;
use crate::model::Quantity;
use crate::model::Report;
use crate::model::common::Counts;

pub(super) fn check(ctx: &mut Context<'_>, report: &Report) {
    counts(ctx, "outreach.toml", &report.outreach.counts);
    counts(ctx, "statistics.toml", &report.statistics.counts);
    posts(ctx, report);
    staffing_claims(ctx, report);
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
        let at = |k: &str| vec![key("counts"), key(id), key(k)];
        if c.value.is_placeholder() {
            ctx.push(
                file,
                &at("value"),
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
            continue;
        }
        if c.value.is_negative() {
            ctx.push(
                file,
                &at("value"),
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
                                "`{subset}`（{}）大于其所属的 `{id}`（{}）",
                                s.value, c.value
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
                            "`{id}` 为 {}，但其分项（{}）之和为 {sum_text}",
                            c.value,
                            c.parts
                                .iter()
                                .map(|p| format!("`{p}`"))
                                .collect::<Vec<_>>()
                                .join(" + ")
                        ),
                    ),
                )
                .with_hint(Text::new(
                    "correct the total or one of its parts",
                    "请核对合计数或分项数",
                )),
            );
        }
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
                        format!("`{id}` 为 {}，但名单列出 {} 项", c.value, c.items.len()),
                    ),
                )
                .with_hint(Text::new(
                    "make the count and the list agree",
                    "请使数量与名单一致",
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
                "legal_aid.toml",
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
                "legal_aid.toml",
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
    let Some(file) = ctx.loaded.file("report.toml") else {
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
            "report.toml",
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
