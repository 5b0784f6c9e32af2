//! "Did you mean …?": the closest known name to a misspelt one.

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

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn suggests_close_names_only() {
        let keys = ["legal_aid", "leadership", "outreach"];
        assert_eq!(closest("legal_aide", keys), Some("legal_aid"));
        assert_eq!(closest("outraech", keys), Some("outreach"));
        assert_eq!(closest("budget", keys), None);
    }
}
