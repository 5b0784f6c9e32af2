//! Property tests: whatever the files hold, loading, checking and rendering never panic.

use super::*;
use proptest::prelude::*;

fn analyse(dir: &Path) {
    let _ = report::pipeline::analyse(
        &report::pipeline::Session::new(),
        dir,
        dir,
        &[],
        &report::render::Format::ALL,
        report::render::RenderOptions::default(),
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256), ..ProptestConfig::default() })]

    /// Arbitrary bytes as any of the files.
    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512), file in 0usize..4) {
        let (_tmp, unit) = copy_of(&taian());
        let name = ["report.toml", "outreach.toml", "legal_aid.toml", "problems.toml"][file];
        fs::write(unit.join(name), &bytes).unwrap();
        analyse(&unit);
    }

    /// The Taian data with a slice cut out, or a piece of text spliced in.
    #[test]
    fn mutated_data(
        file in 0usize..3,
        at in 0.0f64..1.0,
        cut in 0usize..40,
        insert in "[\\[\\]{}\"'=.,#\\n a-z0-9〔〕（）《》“”、，。年月日号-]{0,12}",
    ) {
        let (_tmp, unit) = copy_of(&taian());
        let name = ["report.toml", "outreach.toml", "legal_aid.toml"][file];
        let text = fs::read_to_string(unit.join(name)).unwrap();
        let mut start = ((text.len() as f64) * at) as usize;
        while !text.is_char_boundary(start) { start -= 1; }
        let mut end = (start + cut).min(text.len());
        while !text.is_char_boundary(end) { end -= 1; }
        let mutated = format!("{}{}{}", &text[..start], insert, &text[end..]);
        fs::write(unit.join(name), mutated).unwrap();
        analyse(&unit);
    }
}
