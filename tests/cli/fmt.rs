//! `report fmt` and the JSON Schemas.

use super::*;

#[test]
fn fmt_is_lossless_idempotent_and_keeps_the_report() {
    let (_tmp, unit) = copy_of(&taian());
    let (_o1, md_before, html_before) = build(&unit);
    // An added comment, odd spacing, keys out of the model's order.
    edit(
        &unit.join("outreach.toml"),
        "[counts.consultation]\nname = \"法律知识咨询活动\"\nverb = \"举办\"\nvalue = 15",
        "[counts.consultation]\n# 含线上咨询\nvalue    =   15\nname = \"法律知识咨询活动\"\nverb = \"举办\"",
    );
    report()
        .arg("fmt")
        .arg(&unit)
        .arg("--check")
        .assert()
        .code(1);
    report().arg("fmt").arg(&unit).assert().success();
    let once: Vec<String> = fs::read_dir(&unit)
        .unwrap()
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap_or_default())
        .collect();
    let outreach = fs::read_to_string(unit.join("outreach.toml")).unwrap();
    assert!(outreach.contains("# 含线上咨询\n"), "{outreach}");
    assert!(
        outreach
            .contains("name = \"法律知识咨询活动\"\nverb = \"举办\"\n# 含线上咨询\nvalue = 15\n"),
        "{outreach}"
    );
    report()
        .arg("fmt")
        .arg(&unit)
        .arg("--check")
        .assert()
        .success();
    report().arg("fmt").arg(&unit).assert().success();
    let twice: Vec<String> = fs::read_dir(&unit)
        .unwrap()
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap_or_default())
        .collect();
    assert_eq!(once, twice);
    let (_o2, md_after, html_after) = build(&unit);
    assert_eq!(md_before, md_after);
    assert_eq!(html_before, html_after);
}

/// The data and every example are as `fmt` writes them: a clerk who copies an example and
/// runs `fmt --check` in CI starts clean, and so does `init --from` an example.
#[test]
fn the_data_and_the_examples_are_formatted() {
    for folder in [taian(), root().join("examples")] {
        report()
            .arg("fmt")
            .arg(&folder)
            .arg("--check")
            .assert()
            .success();
    }
}

#[test]
fn committed_schemas_are_the_generated_ones() {
    let out = tempfile::tempdir().unwrap();
    report()
        .args(["schema", "--out"])
        .arg(out.path())
        .assert()
        .success();
    let mut names: Vec<_> = fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names.len(), report::model::DATA_FILES.len());
    for name in names {
        let generated = fs::read_to_string(out.path().join(&name)).unwrap();
        let committed = fs::read_to_string(root().join("schema").join(&name))
            .unwrap_or_else(|_| panic!("schema/{name} is not committed"));
        assert_eq!(
            committed, generated,
            "schema/{name} is stale: run `report --lang en schema --out schema`"
        );
    }
}

/// TOML → JSON as editors see it for schema validation (dates as strings).
fn toml_to_json(value: toml::Value) -> serde_json::Value {
    match value {
        toml::Value::String(s) => s.into(),
        toml::Value::Integer(i) => i.into(),
        toml::Value::Float(f) => serde_json::json!(f),
        toml::Value::Boolean(b) => b.into(),
        toml::Value::Datetime(d) => d.to_string().into(),
        toml::Value::Array(a) => a.into_iter().map(toml_to_json).collect(),
        toml::Value::Table(t) => t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect(),
    }
}

#[test]
fn an_independent_validator_accepts_the_data_against_the_schemas_it_names() {
    let mut files = Vec::new();
    for top in ["data", "examples"] {
        let mut stack = vec![root().join(top)];
        while let Some(dir) = stack.pop() {
            for entry in fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "toml") {
                    files.push(path);
                }
            }
        }
    }
    assert!(files.len() >= 7);
    let validate = |path: &Path, text: &str| -> Result<(), String> {
        let first = text.lines().next().unwrap();
        let schema_path = first
            .strip_prefix("#:schema ")
            .unwrap_or_else(|| panic!("{} does not name its schema", path.display()));
        let schema: serde_json::Value = serde_json::from_str(
            &fs::read_to_string(path.parent().unwrap().join(schema_path)).unwrap(),
        )
        .unwrap();
        let instance = toml_to_json(text.parse::<toml::Table>().unwrap().into());
        let validator = jsonschema::validator_for(&schema).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| e.to_string())
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors.join("; "))
        }
    };
    for path in &files {
        let text = fs::read_to_string(path).unwrap();
        validate(path, &text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    let report_toml = taian().join("report.toml");
    let misspelt = fs::read_to_string(&report_toml)
        .unwrap()
        .replace("signer = ", "singer = ");
    assert!(validate(&report_toml, &misspelt).is_err());
}

/// A file that is not TOML is left as it is and said so, in the user's language: the path and
/// the reason joined as each language joins them.
#[test]
fn a_file_that_is_not_toml_is_left_and_said() {
    let (_tmp, unit) = copy_of(&taian());
    let plans = unit.join("plans.toml");
    fs::write(&plans, "year = \"x\n").unwrap();
    for (lang, said) in [
        (
            "zh",
            format!("未格式化：{}：不是合法的 TOML", plans.display()),
        ),
        (
            "en",
            format!("not formatted: {}: not valid TOML", plans.display()),
        ),
    ] {
        let out = report()
            .args(["--lang", lang, "fmt"])
            .arg(&unit)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{lang}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(&said), "{lang}: {stderr}");
        assert_eq!(fs::read_to_string(&plans).unwrap(), "year = \"x\n");
    }
}

/// The check corpus's base with its GB18030 `report.toml` (the folder and the unit in it).
fn gb18030_unit() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let unit = tmp.path().join("u");
    copy_tree(&root().join("tests/check/base"), &unit);
    copy_tree(&root().join("tests/check/cases/gb18030-file"), &unit);
    (tmp, unit)
}

/// `fmt` writes a GB18030 file back as UTF-8 and says so, in the user's language; `--check`
/// says it would.
#[test]
fn fmt_says_a_gb18030_file_is_saved_as_utf8() {
    let (_tmp, unit) = gb18030_unit();
    let file = unit.join("report.toml");
    assert!(
        std::str::from_utf8(&fs::read(&file).unwrap()).is_err(),
        "the case is GB18030"
    );
    let said = |args: &[&str]| {
        let output = report().args(args).arg(&unit).output().unwrap();
        String::from_utf8(output.stderr).unwrap()
    };
    let check = said(&["--lang", "zh", "fmt", "--check"]);
    assert!(
        check.contains("（GB18030 编码，将改存为 UTF-8）"),
        "{check}"
    );
    let done = said(&["--lang", "en", "fmt"]);
    assert!(
        done.contains("report.toml (GB18030: saved as UTF-8)"),
        "{done}"
    );
    let text = String::from_utf8(fs::read(&file).unwrap()).expect("now UTF-8");
    assert!(text.contains("year = 2023"), "{text}");
    assert!(!said(&["fmt", "--check"]).contains("GB18030"), "said once");
}

/// `check --fix` too says when the file it mends was GB18030 and is now UTF-8.
#[test]
fn fix_says_a_gb18030_file_is_saved_as_utf8() {
    let (_tmp, unit) = gb18030_unit();
    let file = unit.join("report.toml");
    let bytes = fs::read(&file).unwrap();
    let (text, _, _) = encoding_rs::GB18030.decode(&bytes);
    let slipped = text.replacen("现将", "现将,", 1);
    assert_ne!(slipped, text, "the case has the words the slip is put in");
    fs::write(&file, encoding_rs::GB18030.encode(&slipped).0).unwrap();
    let output = report()
        .args(["--lang", "zh", "check", "--fix"])
        .arg(&unit)
        .output()
        .unwrap();
    let said = String::from_utf8(output.stderr).unwrap();
    assert!(said.contains("已修正"), "{said}");
    assert!(
        said.contains("report.toml（原为 GB18030 编码，已改存为 UTF-8）"),
        "{said}"
    );
    let fixed = String::from_utf8(fs::read(&file).unwrap()).expect("now UTF-8");
    assert!(fixed.contains("现将，"), "{fixed}");
}

/// What `import` and `init` write is already as `fmt` writes it (a fresh folder passes
/// `fmt --check`), and a comment after a value stays beside it, not pushed past a long text
/// on a line nearby.
#[test]
fn what_import_and_init_write_is_formatted_and_comments_stay_beside_their_values() {
    let tmp = tempfile::tempdir().unwrap();
    let imported = tmp.path().join("imported");
    report()
        .args(["--lang", "zh", "import"])
        .arg(root().join("tests/reference/taian-2020-report.txt"))
        .arg("--out")
        .arg(&imported)
        .assert()
        .success();
    let made = tmp.path().join("made/2024");
    report().arg("init").arg(&made).assert().success();
    let carried = tmp.path().join("carried/2024");
    report()
        .arg("init")
        .arg("--from")
        .arg(root().join("examples/township/2023"))
        .arg(&carried)
        .assert()
        .success();
    for folder in [&imported, &made, &carried] {
        report()
            .args(["fmt", "--check"])
            .arg(folder)
            .assert()
            .success();
    }
    report().arg("fmt").arg(&imported).assert().success();
    let text = fs::read_to_string(imported.join("report.toml")).unwrap();
    let year = text.lines().find(|l| l.starts_with("year = ")).unwrap();
    assert!(year.chars().count() < 40, "{year:?}");
}
