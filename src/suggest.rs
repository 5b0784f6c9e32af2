//! "Did you mean …?": the closest known name to a misspelt one, and the hint that says it.

use crate::diagnostic::Text;

/// The candidate closest to `word` by Damerau–Levenshtein distance, if it is close enough to
/// be a plausible typo (at most a third of the word's length, and at least one edit allowed).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

/// "Did you mean `x`?", in both languages.
pub fn did_you_mean(name: &str) -> Text {
    Text::new(
        format!("did you mean `{name}`?"),
        format!("是否应为 `{name}`？"),
    )
}

/// Names as a list of code spans: `` `a`, `b` `` / `` `a`、`b` ``.
pub fn listed<S: AsRef<str>>(names: &[S]) -> Text {
    let spans: Vec<String> = names.iter().map(|n| format!("`{}`", n.as_ref())).collect();
    Text::new(spans.join(", "), spans.join("、"))
}

/// The hint for a name that is not known: the closest known one when there is a plausible
/// typo, else the known names after `intro` (`"known keys here: "`, `"此处可用的键："`).
pub fn hint<S: AsRef<str>>(word: &str, known: &[S], intro: (&str, &str)) -> Text {
    match closest(word, known.iter().map(AsRef::as_ref)) {
        Some(name) => did_you_mean(name),
        None => {
            let list = listed(known);
            Text::new(
                format!("{}{}", intro.0, list.en),
                format!("{}{}", intro.1, list.zh),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{closest, hint};

    #[test]
    fn a_hint_names_the_closest_or_lists_them_all() {
        let keys = ["legal_aid", "leadership"];
        assert_eq!(
            hint("leadershi", &keys, ("known: ", "可用：")).zh,
            "是否应为 `leadership`？"
        );
        let all = hint("budget", &keys, ("known: ", "可用："));
        assert_eq!(all.en, "known: `legal_aid`, `leadership`");
        assert_eq!(all.zh, "可用：`legal_aid`、`leadership`");
    }

    #[test]
    fn suggests_close_names_only() {
        let keys = ["legal_aid", "leadership", "outreach"];
        assert_eq!(closest("legal_aide", keys), Some("legal_aid"));
        assert_eq!(closest("outraech", keys), Some("outreach"));
        assert_eq!(closest("budget", keys), None);
    }
}
