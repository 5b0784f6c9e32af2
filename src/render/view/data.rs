//! The facts of a report as template values: what texts and templates may name.

use indexmap::IndexMap;
use minijinja::context;
use minijinja::value::Value;

use super::layout::title;
use crate::model::common::Counts;
use crate::model::legal_aid::Post;
use crate::model::{Report, UnitKind};
use crate::render::objects::Phrase;

/// How a unit names itself in its report: 我镇, 我街道, 我区, 我局 …
pub fn self_name(kind: UnitKind, name: &str) -> String {
    let word = match kind {
        UnitKind::Township if name.ends_with('乡') => "乡",
        UnitKind::Township => "镇",
        UnitKind::Street => "街道",
        UnitKind::County => "县",
        UnitKind::District => "区",
        UnitKind::City => "市",
        UnitKind::Province => "省",
        UnitKind::Department | UnitKind::StateCouncilDepartment => match name.chars().last() {
            Some('局') => "局",
            Some('委') => "委",
            Some('办') => "办",
            Some('厅') => "厅",
            Some('部') => "部",
            Some('署') => "署",
            Some('院') => "院",
            _ => "单位",
        },
        UnitKind::Pending => "单位",
    };
    format!("我{word}")
}

/// The facts of a report as template values: what narrative and templates may name.
pub(super) fn data_context(report: &Report) -> Value {
    let r = &report.report;
    let ser = |x: &dyn erased::Ser| x.value();
    let unit = context! {
        name => r.unit.name.clone(),
        kind => ser(&r.unit.kind),
        kind_label => r.unit.kind.label(),
        parent => r.unit.parent.clone(),
        we => self_name(r.unit.kind, &r.unit.name),
    };
    let date = Phrase::value(
        r.date.chinese(),
        [
            // A date still 待补充 (a draft) has its parts 待补充 too.
            ("year", part(r.date.date().map(|d| d.year))),
            ("month", part(r.date.date().map(|d| u16::from(d.month)))),
            ("day", part(r.date.date().map(|d| u16::from(d.day)))),
            ("iso", Value::from(r.date.to_string())),
        ],
    );
    let previous = report.previous.as_deref();
    let posts: IndexMap<Value, Value> = report
        .legal_aid
        .posts
        .iter()
        .map(|(id, p)| {
            let before = previous.and_then(|prev| prev.legal_aid.posts.get(id));
            (Value::from(id.as_str()), post_value(p, before))
        })
        .collect();
    let outreach = &report.outreach;
    context! {
        unit => unit,
        year => r.year,
        date => date,
        signer => r.signer.clone(),
        title => title(report),
        recipient => r.recipient.clone(),
        documents => ser(&r.documents),
        events => {
            let events: IndexMap<Value, Value> = (r.events.iter())
                .map(|(id, e)| {
                    let value = Phrase::value(
                        e.phrase(),
                        [("date", Value::from(e.date.chinese())), ("text", Value::from(e.text.clone()))],
                    );
                    (Value::from(id.as_str()), value)
                })
                .collect();
            Value::from(events)
        },
        document => {
            let by_id: IndexMap<Value, Value> = (r.documents.iter())
                .filter_map(|d| Some((Value::from(d.id.as_deref()?), ser(d))))
                .collect();
            Value::from(by_id)
        },
        leading_group => ser(&report.leadership.leading_group),
        first_responsible => first_responsible(&report.leadership.first_responsible),
        duties => ser(&report.leadership.duties),
        posts => Value::from(posts),
        outreach => context! {
            campaigns => outreach.campaigns.clone(),
            occasions => outreach.occasions.clone(),
            materials => outreach.materials.clone(),
            counts => counts_value(&outreach.counts, previous.map(|p| &p.outreach.counts), OUTREACH_VERB),
        },
        studied => ser(&report.study.studied),
        lists => lists_value(&report.lists),
        // `statistics.counts.x` as `outreach.counts.x`; `counts.x` is its short name.
        statistics => context! {
            counts => counts_value(&report.statistics.counts, previous.map(|p| &p.statistics.counts), ""),
        },
        counts => counts_value(&report.statistics.counts, previous.map(|p| &p.statistics.counts), ""),
        previous => previous.map(data_context),
        problems => ser(&report.problems.problems),
        plans => ser(&report.plans.plans),
        follow_ups => ser(&report.plans.follow_ups),
    }
}

mod erased {
    use minijinja::value::{Serde, Value};

    /// Anything serialisable, as a template value.
    pub trait Ser {
        fn value(&self) -> Value;
    }

    impl<T: serde::Serialize> Ser for T {
        fn value(&self) -> Value {
            Value::from(Serde(self))
        }
    }
}

/// The named lists of `lists.toml`, each a phrase in its kind's wording with its items.
fn lists_value(lists: &crate::model::lists::ListsFile) -> Value {
    let lists: IndexMap<Value, Value> = (lists.lists.iter())
        .map(|(id, l)| {
            let items: Vec<Value> = (l.items.iter())
                .map(|i| {
                    Phrase::value(
                        i.phrase(l.kind),
                        [
                            ("title", Value::from(i.title.clone())),
                            ("level", Value::from(i.level.clone())),
                            ("batch", Value::from(i.batch.clone())),
                            ("issuer", Value::from(i.issuer.clone())),
                            ("date", Value::from(i.date.map(|d| d.chinese()))),
                        ],
                    )
                })
                .collect();
            let list = Phrase::value(
                l.phrase(),
                [
                    ("name", Value::from(l.name.clone())),
                    ("count", Value::from(l.items.len())),
                    (Phrase::ITEMS, Value::from(items)),
                ],
            );
            (Value::from(id.as_str()), list)
        })
        .collect();
    Value::from(lists)
}

/// The principal leaders as the report names them: `党组书记、局长张某某同志` (several joined
/// with 和); `people` lists them with `post` and `name`.
fn first_responsible(people: &[crate::model::leadership::Person]) -> Value {
    let phrases: Vec<String> = people
        .iter()
        .map(crate::model::leadership::Person::phrase)
        .collect();
    let people = Value::from(minijinja::value::Serde(people));
    // `first_responsible[0].name` as well as `first_responsible.people[0].name`.
    Phrase::value(
        crate::render::join_and(&phrases),
        [("people", people.clone()), (Phrase::ITEMS, people)],
    )
}

fn post_value(p: &Post, before: Option<&Post>) -> Value {
    Phrase::value(
        p.phrase(),
        [
            ("name", Value::from(p.name.clone())),
            ("count", Value::from(p.count)),
            ("measure", Value::from(p.measure.clone())),
            ("places", Value::from(p.places)),
            ("place_kind", Value::from(p.place_kind.clone())),
            ("with_lawyer", Value::from(p.with_lawyer)),
            ("staffing", Value::from(p.staffing())),
            (
                "previous",
                before.map_or(Value::from(()), |b| post_value(b, None)),
            ),
        ],
    )
}

/// The verb an outreach count without one is said with: `开展普法讲座15场`.
const OUTREACH_VERB: &str = "开展";

/// Counts in file order; a count that is a part of another has `is_part` set, so a template
/// can list it under its total rather than beside it. `stated` is the count as a clause with
/// its verb (`default_verb` where it takes one and has none), `breakdown` what follows it
/// about its parts (`其中……`).
fn counts_value(counts: &Counts, previous: Option<&Counts>, default_verb: &str) -> Value {
    let is_part =
        |id: &str| (counts.values()).any(|c| c.parts.iter().chain(&c.subsets).any(|p| p == id));
    let one = |c: &crate::model::Count,
               (parts, subsets): (Vec<Value>, Vec<Value>),
               part: bool,
               before: Value| {
        Phrase::value(
            c.phrase(),
            [
                ("name", Value::from(c.name.clone())),
                ("value", Value::from(minijinja::value::Serde(&c.value))),
                ("unit", Value::from(c.unit.clone())),
                ("approx", Value::from(c.approx)),
                ("amount", Value::from(c.amount())),
                ("verb", Value::from(c.verb.clone())),
                ("items", Value::from(minijinja::value::Serde(&c.items))),
                ("parts", Value::from(parts)),
                ("subsets", Value::from(subsets)),
                ("link", Value::from(c.link.clone())),
                ("per", Value::from(c.per.clone())),
                ("zero", Value::from(c.zero.clone())),
                ("is_zero", Value::from(c.value.is_zero())),
                ("is_part", Value::from(part)),
                ("stated", Value::from(c.stated(default_verb))),
                ("breakdown", Value::from(c.breakdown(counts))),
                ("previous", before),
            ],
        )
    };
    let map: IndexMap<Value, Value> = counts
        .iter()
        .map(|(id, c)| {
            let named = |ids: &[String]| -> Vec<Value> {
                ids.iter()
                    .filter_map(|p| counts.get(p))
                    .map(|pc| one(pc, (Vec::new(), Vec::new()), true, Value::from(())))
                    .collect()
            };
            let inner = (named(&c.parts), named(&c.subsets));
            let before = previous
                .and_then(|prev| prev.get(id))
                .filter(|b| b.unit == c.unit && !b.value.is_placeholder())
                .map_or(Value::from(()), |b| {
                    one(b, (Vec::new(), Vec::new()), false, Value::from(()))
                });
            (Value::from(id.as_str()), one(c, inner, is_part(id), before))
        })
        .collect();
    Value::from(map)
}

/// A part of a date for templates: the number, or the placeholder while the date is 待补充.
fn part(n: Option<u16>) -> Value {
    n.map_or_else(
        || Value::from(crate::model::common::PLACEHOLDER),
        Value::from,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_name_themselves() {
        assert_eq!(self_name(UnitKind::Township, "太安镇"), "我镇");
        assert_eq!(self_name(UnitKind::Township, "某某乡"), "我乡");
        assert_eq!(self_name(UnitKind::Department, "某某区司法局"), "我局");
        assert_eq!(self_name(UnitKind::Street, "某某街道"), "我街道");
    }
}
