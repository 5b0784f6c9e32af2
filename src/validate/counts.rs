//! Counts and totals: no negative counts, totals equal to their parts, lists as long as
//! their counts, posts within the places they cover, lawyers within the posts.

use super::{Context, join, key, problems};
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
    ctx.push(file, place, problems::unknown_count(name, &known));
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
            problems::count_pending(id, &c.name),
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
            problems::negative_count(id, &c.value.to_string()),
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
            let names: Vec<&str> = (c.parts.iter())
                .map(|p| counts.get(p).map_or(p.as_str(), |p| &p.name))
                .collect();
            let diag = problems::parts_disagree(id, c, &c.parts, &names, &sum.to_string());
            ctx.push(file, &at("value"), diag);
        }
    }

    fn subsets(&self, ctx: &mut Context<'_>, counts: &Counts) {
        let (id, c, file) = (self.id, self.count, self.file);
        let at = |k: &str| self.at(k);
        for (i, subset) in c.subsets.iter().enumerate() {
            let place = join(&at("subsets"), &[Segment::Index(i)]);
            match counts.get(subset) {
                None => unknown_count(ctx, file, &place, subset, counts),
                Some(s) if s.value.exceeds(c.value) => {
                    ctx.push(file, &place, problems::subset_exceeds((subset, s), (id, c)));
                }
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
            ctx.push(file, &at("value"), problems::list_disagrees(id, c));
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
        let diag = problems::qualifier_after_exact(&c.value.to_string(), word, &c.unit);
        ctx.push(self.file, &self.at("value"), diag);
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
                problems::amount_without_unit(&item.title),
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
                problems::posts_exceed_places(p, count, places),
            );
        }
        if let Some(n) = p.with_lawyer
            && n > count
        {
            ctx.push(
                FileId::LegalAid.name(),
                &at("with_lawyer"),
                problems::lawyers_exceed_posts(p, n, count),
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
            problems::staffing_claim(&short),
        );
    }
}
