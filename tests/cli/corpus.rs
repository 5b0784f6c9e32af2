//! The check corpus: one folder per problem, each with its reviewed output.

use super::*;

/// Runs `report check --message-format json` on every case of `tests/check/cases/`: the base report
/// with the case's files laid over it. Each case's output is a reviewed snapshot; every code
/// of the registry must be produced by some case (or be tested elsewhere, as listed).
#[expect(
    clippy::too_many_lines,
    reason = "one walk over the corpus, each case printed in every language and format"
)]
#[test]
fn check_corpus() {
    let corpus = root().join("tests/check");
    assert!(corpus_cases().len() > 60, "the corpus is there");
    let mut seen = std::collections::BTreeSet::new();
    // One snapshot per case; a changed case does not hide the others (insta reports them all).
    insta::glob!(corpus.join("cases"), "*", |case| {
        if !case.starts_with(corpus.join("cases")) || case == corpus.join("cases") {
            return; // the walk starts with the folder itself
        }
        let name = case.file_name().unwrap().to_str().unwrap().to_string();
        let tmp = tempfile::tempdir().unwrap();
        let unit = tmp.path().join(&name);
        copy_tree(&corpus.join("base"), &unit);
        copy_tree(case, &unit);
        let output = report()
            .arg("check")
            .arg(&unit)
            .args(["--message-format", "json"])
            .output()
            .unwrap();
        let code = output.status.code().expect("exited, not killed");
        let stdout = String::from_utf8(output.stdout)
            .unwrap()
            .replace(&format!("{}/", tmp.path().display()), "");
        for line in stdout.lines() {
            let value: serde_json::Value =
                serde_json::from_str(line).expect("one JSON object per line");
            seen.insert(value["code"].as_str().unwrap().to_string());
        }
        if name.starts_with("ok-") {
            assert_eq!(code, 0, "{name} should pass:\n{stdout}");
            let warnings = stdout.lines().count();
            assert_eq!(warnings, 0, "{name} should be clean:\n{stdout}");
        } else {
            assert!(!stdout.is_empty(), "{name} should report something");
            assert!(code == 0 || code == 1, "{name} exited {code}");
        }
        insta::with_settings!({snapshot_path => corpus.join("snapshots"), prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!(format!("exit: {code}\n{stdout}"));
        });
        // Every way of printing the same problems must work too (human output went through
        // annotate-snippets, where spans inside a Chinese character once panicked).
        for lang in ["en", "zh"] {
            for format in ["human", "github", "json"] {
                let output = report()
                    .args(["--lang", lang, "check", "--message-format", format])
                    .arg(&unit)
                    .output()
                    .unwrap();
                let printed = if format == "human" {
                    &output.stderr
                } else {
                    &output.stdout
                };
                assert_eq!(
                    output.status.code(),
                    Some(code),
                    "{name} --lang {lang} --message-format {format}:\n{}",
                    String::from_utf8_lossy(&output.stderr)
                );
                let printed = String::from_utf8(printed.clone()).expect("UTF-8 output");
                assert!(
                    !printed.chars().any(|c| c.is_control() && c != '\n'),
                    "{name} --message-format {format}: control characters in {printed:?}"
                );
                if lang == "zh" && format == "json" {
                    for line in printed.lines() {
                        let value: serde_json::Value = serde_json::from_str(line).unwrap();
                        for key in ["message", "hint"] {
                            let text = value[key].as_str().unwrap_or("");
                            let english = super::english_words(text);
                            assert!(english.is_empty(), "{name}: English {english:?} in {text}");
                        }
                    }
                }
            }
        }
    });
    let elsewhere = [
        ("E0001", "a_folder_without_reports_is_a_clear_error"),
        ("W0213", "a_copy_of_last_years_folder_is_noticed"),
        ("E0002", "unreadable_and_huge_files_are_refused"),
        ("E0005", "unreadable_and_huge_files_are_refused"),
        ("E0006", "not produced by check: a failed write"),
        ("E0007", "links_out_of_the_tree_are_reported_and_not_read"),
        ("E0008", "a_pdf_that_cannot_be_printed_writes_nothing"),
        (
            "E0301",
            "templates_can_be_overridden_and_their_errors_point_at_the_template",
        ),
    ];
    for c in report::codes::CODES {
        assert!(
            seen.contains(c.code.as_str()) || elsewhere.iter().any(|(e, _)| *e == c.code.as_str()),
            "no case of the check corpus produces {}",
            c.code
        );
    }
}
