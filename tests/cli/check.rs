//! `report check`: diagnostics, their places, formats and languages, links and `--fix`.

use super::*;

#[test]
fn malformed_toml_is_reported_with_file_line_and_column() {
    let (_tmp, unit) = copy_of(&taian());
    edit(&unit.join("outreach.toml"), "value = 15", "value = = 15");
    let (out, stderr) = build_failing(&unit, 1);
    let line = line_of(&unit.join("outreach.toml"), |l| l == "value = = 15");
    assert!(
        stderr.contains(&format!("outreach.toml:{line}:9")),
        "{stderr}"
    );
    assert!(stderr.contains("E0101"), "{stderr}");
    assert!(!out.path().join("unit/report.md").exists());
}

#[test]
fn unknown_keys_get_a_suggestion() {
    let (_tmp, unit) = copy_of(&taian());
    edit(
        &unit.join("legal_aid.toml"),
        "with_lawyer = 13",
        "with_lawyr = 13",
    );
    let assert = report().arg("check").arg(&unit).assert().code(1);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("unknown key `posts.village_service_room.with_lawyr`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `with_lawyer`?"), "{stderr}");
    let line = line_of(&unit.join("legal_aid.toml"), |l| {
        l.starts_with("with_lawyr")
    });
    assert!(
        stderr.contains(&format!("legal_aid.toml:{line}:1")),
        "{stderr}"
    );
}

#[test]
fn a_typo_in_text_points_into_the_data_file() {
    let (_tmp, unit) = copy_of(&taian());
    edit(
        &unit.join("report.toml"),
        "举办{{ outreach.counts.consultation }}",
        "举办{{ outreach.counts.consultaton }}",
    );
    let (out, stderr) = build_failing(&unit, 1);
    assert!(stderr.contains("E0302"), "{stderr}");
    let line = line_of(&unit.join("report.toml"), |l| l.contains("consultaton"));
    assert!(stderr.contains(&format!("report.toml:{line}:")), "{stderr}");
    assert!(!out.path().join("unit/report.md").exists());
}

#[test]
fn a_folder_without_reports_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let assert = report().arg("build").arg(tmp.path()).assert().code(1);
    let stderr = stderr_of(&assert);
    assert!(stderr.contains("no report folder"), "{stderr}");
    report()
        .arg("build")
        .arg(tmp.path().join("missing"))
        .assert()
        .code(2);
}

/// A report.toml (and the other files) linked from elsewhere in the tree still make a report
/// folder; a linked folder is not entered (it could loop).
#[cfg(unix)]
#[test]
fn linked_files_count_and_linked_folders_are_not_entered() {
    let tmp = tempfile::tempdir().unwrap();
    let shared = tmp.path().join("tree/shared");
    copy_tree(&taian(), &shared);
    let unit = tmp.path().join("tree/taian/2020");
    fs::create_dir_all(&unit).unwrap();
    for entry in fs::read_dir(&shared).unwrap() {
        let entry = entry.unwrap();
        std::os::unix::fs::symlink(entry.path(), unit.join(entry.file_name())).unwrap();
    }
    std::os::unix::fs::symlink(taian(), tmp.path().join("tree/linked")).unwrap();
    let out = tmp.path().join("out");
    report()
        .arg("build")
        .arg(tmp.path().join("tree"))
        .arg("--out")
        .arg(&out)
        .args(["--format", "md"])
        .assert()
        .success();
    assert!(out.join("taian/2020/report.md").is_file());
    assert!(!out.join("linked").exists());
}

/// A unit's links that lead out of the tree being built are reported and not read: a data
/// file, a template file, a linked `templates/` folder, `previous`.
#[expect(
    clippy::too_many_lines,
    reason = "one tree with each kind of link out of it, checked in one run"
)]
#[cfg(unix)]
#[test]
fn links_out_of_the_tree_are_reported_and_not_read() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.toml");
    fs::write(&secret, "[[plans]]\ntext = \"机密：口令 hunter2\"\n").unwrap();
    fs::write(outside.path().join("report.md.j2"), "机密模板 hunter2").unwrap();

    // A data file linked out of the tree: E0007 names the link; nothing of it is echoed.
    let (tmp, unit) = copy_of(&taian());
    fs::remove_file(unit.join("plans.toml")).unwrap();
    symlink(&secret, unit.join("plans.toml")).unwrap();
    let assert = report().arg("check").arg(&unit).assert().code(1);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("E0007") && stderr.contains("plans.toml"),
        "{stderr}"
    );
    assert!(!stderr.contains("hunter2"), "{stderr}");
    drop(tmp);

    // A templates/ folder linked out of the tree, and a template file linked out of it.
    for link_folder in [true, false] {
        let (tmp, unit) = copy_of(&taian());
        if link_folder {
            symlink(outside.path(), unit.join("templates")).unwrap();
        } else {
            fs::create_dir(unit.join("templates")).unwrap();
            symlink(
                outside.path().join("report.md.j2"),
                unit.join("templates/report.md.j2"),
            )
            .unwrap();
        }
        let out = tmp.path().join("out");
        let assert = report()
            .arg("build")
            .arg(&unit)
            .arg("--out")
            .arg(&out)
            .assert()
            .code(1);
        let stderr = stderr_of(&assert);
        assert!(stderr.contains("E0007"), "{stderr}");
        assert!(!stderr.contains("hunter2"), "{stderr}");
        assert!(!out.exists(), "nothing is written");
    }

    // previous = a folder outside the tree: refused (E0007) and not read, so no
    // year-over-year figures from it; the same folder inside the tree is read.
    let yoy = fixture("yoy/justice");
    let tree = tempfile::tempdir().unwrap();
    copy_tree(&yoy.join("2023"), &tree.path().join("unit"));
    copy_tree(&yoy.join("2022"), &outside.path().join("last"));
    copy_tree(&yoy.join("2022"), &tree.path().join("last"));
    let report_toml = tree.path().join("unit/report.toml");
    let text = fs::read_to_string(&report_toml).unwrap();
    for (previous, compared) in [
        (outside.path().join("last").display().to_string(), false),
        ("../last".to_string(), true),
    ] {
        fs::write(
            &report_toml,
            text.replacen(
                "\n[unit]",
                &format!("\nprevious = \"{previous}\"\n[unit]"),
                1,
            ),
        )
        .unwrap();
        let out = tempfile::tempdir().unwrap();
        let built = report()
            .arg("build")
            .arg(tree.path())
            .arg("--out")
            .arg(out.path())
            .args(["--format", "md"])
            .assert();
        if compared {
            built.success();
            let md = fs::read_to_string(out.path().join("unit/report.md")).unwrap();
            assert!(md.contains("较上年"), "previous = {previous}");
        } else {
            let said = String::from_utf8(built.code(1).get_output().stderr.clone()).unwrap();
            assert!(
                said.contains("E0007") && said.contains("not read"),
                "{said}"
            );
            assert!(!out.path().join("unit/report.md").exists());
        }
    }
}

#[test]
fn messages_are_in_chinese_when_asked() {
    let (_tmp, unit) = copy_of(&taian());
    edit(
        &unit.join("legal_aid.toml"),
        "with_lawyer = 13",
        "with_lawyr = 13",
    );
    for cmd in [
        report()
            .arg("check")
            .arg(&unit)
            .env("LANG", "zh_CN.UTF-8")
            .assert(),
        report().args(["--lang", "zh", "check"]).arg(&unit).assert(),
    ] {
        let stderr = String::from_utf8_lossy(&cmd.get_output().stderr).to_string();
        assert!(stderr.contains("未知的键"), "{stderr}");
        assert!(stderr.contains("E0104"), "{stderr}");
    }
}

#[test]
fn human_diagnostics_show_the_line_and_a_marker_in_both_languages() {
    let corpus = root().join("tests/check");
    let tmp = tempfile::tempdir().unwrap();
    let unit = tmp.path().join("unit");
    copy_tree(&corpus.join("base"), &unit);
    copy_tree(&corpus.join("cases/doc-no-brackets"), &unit);
    for (lang, name) in [("en", "human_en"), ("zh", "human_zh")] {
        let output = report()
            .args(["--lang", lang, "check"])
            .arg(&unit)
            .output()
            .unwrap();
        let stderr = String::from_utf8(output.stderr)
            .unwrap()
            .replace(&format!("{}/", tmp.path().display()), "");
        insta::assert_snapshot!(name, stderr);
    }
}

#[test]
fn unreadable_and_huge_files_are_refused() {
    let (_tmp, unit) = copy_of(&taian());
    // A file far larger than any year's data.
    let mut big = fs::read_to_string(unit.join("plans.toml")).unwrap();
    while big.len() < 5 * 1024 * 1024 {
        big.push_str("# padding padding padding padding padding padding padding padding\n");
    }
    fs::write(unit.join("plans.toml"), big).unwrap();
    // A folder where a file should be.
    fs::remove_file(unit.join("study.toml")).unwrap();
    fs::create_dir(unit.join("study.toml")).unwrap();
    let (code, stdout) = check_json(&unit);
    assert_eq!(code, Some(1));
    assert!(
        stdout.contains("\"code\":\"E0005\"") && stdout.contains("plans.toml"),
        "{stdout}"
    );
    assert!(
        stdout.contains("\"code\":\"E0002\"") && stdout.contains("study.toml"),
        "{stdout}"
    );
}

#[test]
fn every_code_has_an_explanation() {
    for c in report::codes::CODES {
        let output = report()
            .args(["check", "--explain", c.code.as_str()])
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", c.code);
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(
            text.contains(c.bad.lines().next().unwrap()) && text.contains("Good"),
            "{}: {text}",
            c.code
        );
    }
    report()
        .args(["check", "--explain", "E9999"])
        .assert()
        .code(2);
}

#[test]
fn the_taian_data_checks_clean() {
    let output = report()
        .arg("check")
        .arg(taian())
        .args(["--message-format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8(output.stdout).unwrap(), "");
}

/// `check` names what it chooses `--message-format` (as cargo does), apart from the output
/// formats `build --format` chooses; scripts written with `check --format json` still work.
#[test]
fn the_message_format_is_also_read_under_its_old_name() {
    let (_tmp, unit) = copy_of(&taian());
    edit(&unit.join("report.toml"), "year = 2020", "year = 1800");
    let lines = |option: &str| {
        let output = report()
            .arg("check")
            .arg(&unit)
            .args([option, "json"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{option}");
        String::from_utf8(output.stdout).unwrap()
    };
    let new = lines("--message-format");
    assert!(new.contains("\"code\":\"E0203\""), "{new}");
    assert_eq!(lines("--format"), new);
}

/// The defects of the original Taian text (NORMS.md §2.5), put back one at a time, are each
/// reported at the file and line where they were put.
#[expect(
    clippy::too_many_lines,
    reason = "the table of the original's defects, one row each"
)]
#[test]
fn taian_defects_put_back_are_each_found_where_they_were_put() {
    let defects: &[(&str, &str, &str, &str)] = &[
        (
            "report.toml",
            "充分利用法律顾问制度，深入推进",
            "充分利用法律顾问制度,深入推进",
            "W0701",
        ),
        (
            "report.toml",
            "积极引入规范性文件制定过程中的听证制度，制定",
            "积极引入规范性文件制定过程中的听证制度,制定",
            "W0701",
        ),
        (
            "report.toml",
            "切实履行主体责任，主要负责人",
            "切实履行主体责任,主要负责人",
            "W0701",
        ),
        (
            "report.toml",
            "title = \"强化经费保障\"",
            "title = \"3、强化经费保障\"",
            "E0702",
        ),
        (
            "report.toml",
            "{{ studied | titles }}",
            "《宪法》、《不忘初心、牢记使命》摘编、《土地管理法》、《民法典》",
            "W0704",
        ),
        (
            "outreach.toml",
            "“6·26”国际禁毒日",
            "“6.26”国际禁毒日",
            "W0705",
        ),
        (
            "outreach.toml",
            "“12·4”国家宪法日",
            "“12.4”国家宪法日",
            "W0705",
        ),
        (
            "report.toml",
            "潼委法〔2020〕2号",
            "潼委法〔2020〕2 号",
            "W0606",
        ),
        (
            "report.toml",
            "潼委法〔2020〕2号",
            "潼委法[2020]2号",
            "E0602",
        ),
        (
            "report.toml",
            "潼南府办发〔2020〕57号",
            "潼南府办发〔2020〕057号",
            "E0604",
        ),
        (
            "report.toml",
            "现将{{ unit.name }}{{ year }}年度",
            "现将太安镇 2020 年度",
            "W0708",
        ),
    ];
    for (file, good, bad, code) in defects {
        let (_tmp, unit) = copy_of(&taian());
        edit(&unit.join(file), good, bad);
        let line = line_of(&unit.join(file), |l| l.contains(bad));
        let output = report()
            .arg("check")
            .arg(&unit)
            .args(["--message-format", "json"])
            .output()
            .unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        let found = stdout.lines().any(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["code"] == *code && v["line"] == line && v["file"].as_str().unwrap().ends_with(file)
        });
        assert!(found, "{code} for {bad:?} not at {file}:{line}:\n{stdout}");
    }
}

#[test]
fn fix_applies_safe_fixes_losslessly() {
    let (_tmp, unit) = copy_of(&taian());
    let report_toml = unit.join("report.toml");
    let original = fs::read_to_string(&report_toml).unwrap();
    edit(
        &report_toml,
        "充分利用法律顾问制度，深入推进",
        "充分利用法律顾问制度,深入推进",
    );
    edit(&report_toml, "潼委法〔2020〕2号", "潼委法〔2020〕2 号");
    edit(
        &unit.join("outreach.toml"),
        "“6·26”国际禁毒日",
        "“6.26”国际禁毒日",
    );
    edit(
        &report_toml,
        "现将{{ unit.name }}{{ year }}年度",
        "现将太安镇 2020 年度",
    );
    let assert = report()
        .arg("check")
        .arg(&unit)
        .arg("--fix")
        .assert()
        .success();
    let stderr = stderr_of(&assert);
    assert_eq!(stderr.matches("fixed ").count(), 5, "{stderr}");
    // Everything is back as it was, except the one change that is not a restoration.
    let fixed = fs::read_to_string(&report_toml).unwrap();
    assert_eq!(
        fixed,
        original.replace("现将{{ unit.name }}{{ year }}年度", "现将太安镇2020年度")
    );
    assert!(
        fixed.contains("# 太安镇 2020 年法治政府建设年度报告"),
        "comments are kept as they were"
    );
    assert_eq!(
        fs::read_to_string(unit.join("outreach.toml")).unwrap(),
        fs::read_to_string(taian().join("outreach.toml")).unwrap()
    );
    // A second run has nothing to fix.
    let again = report()
        .arg("check")
        .arg(&unit)
        .arg("--fix")
        .assert()
        .success();
    assert!(!String::from_utf8_lossy(&again.get_output().stderr).contains("fixed "));
}

#[test]
fn github_annotations() {
    let corpus = root().join("tests/check");
    let tmp = tempfile::tempdir().unwrap();
    let unit = tmp.path().join("unit");
    copy_tree(&corpus.join("base"), &unit);
    copy_tree(&corpus.join("cases/doc-no-leading-zero"), &unit);
    let output = report()
        .arg("check")
        .arg(&unit)
        .args(["--message-format", "github"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let line = stdout.lines().next().unwrap();
    assert!(line.starts_with("::error file="), "{line}");
    assert!(line.contains("unit/report.toml,line=13,col="), "{line}");
    assert!(line.contains("title=E0604::"), "{line}");
}

#[test]
fn the_readme_lists_every_rule() {
    let readme = fs::read_to_string(root().join("docs/CHECKS.md")).unwrap();
    for c in report::codes::CODES {
        assert!(
            readme.contains(&format!("| {} |", c.code)),
            "docs/CHECKS.md lacks {}",
            c.code
        );
    }
}

/// Every problem in one run: a value of the wrong type in one file does not hide a misspelt
/// reference and a 待补充 in another (a new user needed three runs for them).
#[test]
fn a_type_error_a_misspelt_reference_and_a_placeholder_in_one_run() {
    let (_tmp, unit) = corpus_unit(None);
    let outreach = fs::read_to_string(unit.join("outreach.toml")).unwrap();
    let first_value = outreach
        .lines()
        .find(|l| l.starts_with("value = "))
        .unwrap()
        .to_string();
    edit(
        &unit.join("outreach.toml"),
        &first_value,
        "value = \"十二\"",
    );
    edit(
        &unit.join("report.toml"),
        "现将{{ unit.name }}",
        "待补充。现将{{ unit.nmae }}",
    );
    let (code, stdout) = check_json(&unit);
    assert_eq!(code, Some(1));
    for (code, file) in [
        ("E0102", "outreach.toml"),
        ("E0302", "report.toml"),
        ("E0712", "report.toml"),
    ] {
        assert!(
            stdout
                .lines()
                .any(|l| l.contains(&format!("\"code\":\"{code}\"")) && l.contains(file)),
            "{code} in {file} missing:\n{stdout}"
        );
    }
    // The misspelt name gets its suggestion even with the rest broken.
    assert!(stdout.contains("did you mean `unit.name`?"), "{stdout}");
}

/// W0727's fix takes the 。 off a heading, and only off a heading: a title holding a whole
/// sentence after its heading (an import that ran a paragraph into it) is reported, not cut.
#[test]
fn a_heading_stop_is_fixed_only_on_a_heading() {
    let (_tmp, unit) = copy_of(&taian());
    edit(
        &unit.join("report.toml"),
        "title = \"法治政府建设基本情况\"",
        "title = \"法治政府建设基本情况。成立领导小组，强化领导总责。\"",
    );
    let (_, json) = check_json(&unit);
    let line = json
        .lines()
        .find(|l| l.contains("W0727"))
        .expect("reported");
    assert!(line.contains("\"fixable\":false"), "{line}");
    let _ = report().args(["check", "--fix"]).arg(&unit).assert();
    let text = fs::read_to_string(unit.join("report.toml")).unwrap();
    assert!(
        text.contains("强化领导总责。\""),
        "the paragraph's stop was cut"
    );
    edit(
        &unit.join("report.toml"),
        "title = \"法治政府建设基本情况。成立领导小组，强化领导总责。\"",
        "title = \"法治政府建设基本情况。\"",
    );
    let (_, json) = check_json(&unit);
    let line = json
        .lines()
        .find(|l| l.contains("W0727"))
        .expect("reported");
    assert!(line.contains("\"fixable\":true"), "{line}");
}

/// `{{ }}` is filled in where a text takes it, refused where a field is printed as written (a
/// count's name, a document's title, the 署名), and a table or a list is never printed raw.
#[test]
fn braces_never_reach_the_report() {
    let (_tmp, unit) = copy_of(&taian());
    edit(
        &unit.join("outreach.toml"),
        "name = \"法律知识咨询活动\"",
        "name = \"{{ unit.name }}法律知识咨询活动\"",
    );
    edit(
        &unit.join("report.toml"),
        "signer = \"太安镇人民政府\"",
        "signer = \"{{ unit.name }}人民政府\"",
    );
    let (code, json) = check_json(&unit);
    assert_eq!(code, Some(1));
    let printed_as_written = json
        .lines()
        .filter(|l| l.contains("E0302") && l.contains("printed as written"))
        .count();
    assert_eq!(printed_as_written, 2, "{json}");
    for (whole, said) in [
        (
            "{{ leading_group }}",
            "a table cannot be printed as it is: name one of its parts (.name",
        ),
        (
            "{{ leading_group.leaders }}",
            "a list cannot be printed as it is",
        ),
        (
            "{{ leading_group | string }}",
            "would print in the template engine's notation",
        ),
        (
            "{{ leading_group ~ '' }}",
            "would print in the template engine's notation",
        ),
        (
            "{{ leading_group | items }}",
            "would print in the template engine's notation",
        ),
        (
            "{{ '%s' | format(outreach.campaigns) }}",
            "would print in the template engine's notation",
        ),
    ] {
        let (_tmp, unit) = copy_of(&taian());
        edit(
            &unit.join("report.toml"),
            "现将{{ unit.name }}",
            &format!("现将{whole}{{{{ unit.name }}}}"),
        );
        let (code, json) = check_json(&unit);
        assert_eq!(code, Some(1), "{whole}");
        assert!(json.contains(said), "{whole}: {json}");
    }
}

/// The hint for a name that is not there shows a name the report has, never the one that
/// failed.
#[test]
fn an_unknown_name_is_shown_a_name_that_exists() {
    let (_tmp, unit) = copy_of(&taian());
    fs::remove_file(unit.join("outreach.toml")).unwrap();
    let text = fs::read_to_string(unit.join("report.toml")).unwrap();
    let text = text.replace("{{ outreach", "{{ nothing");
    fs::write(unit.join("report.toml"), text).unwrap();
    let (code, json) = check_json(&unit);
    assert_eq!(code, Some(1));
    assert!(json.contains("E0302"), "{json}");
    assert!(!json.contains("outreach.counts.consultation"), "{json}");
}

/// A value of the wrong type is one mistake, said once: the total naming that count as a part
/// does not also get "not a count in this table" (E0505).
#[test]
fn one_type_error_is_said_once() {
    let (_tmp, unit) = copy_of(&root().join("examples/county/2023"));
    edit(
        &unit.join("statistics.toml"),
        "value = 1204",
        "value = \"1204件\"",
    );
    let (code, json) = check_json(&unit);
    assert_eq!(code, Some(1));
    assert!(json.contains("E0102"), "{json}");
    assert!(!json.contains("E0505"), "{json}");
}

/// A clerk who points at `report.toml` itself is told it is a file and given the folder; an
/// implausible `--year` is refused by `import` and `summary` as by `init`.
#[test]
fn a_file_for_a_folder_and_an_absurd_year_are_said_so() {
    let file = taian().join("report.toml");
    for command in ["check", "build", "fmt"] {
        let out = report()
            .args(["--lang", "zh", command])
            .arg(&file)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("是文件，不是文件夹")
                && stderr.contains(&format!("`{}`", taian().display())),
            "{command}: {stderr}"
        );
        assert!(!stderr.contains("not a folder"), "{command}: {stderr}");
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = report()
        .args(["--lang", "zh", "import"])
        .arg(root().join("tests/reference/taian-2020-report.txt"))
        .arg("--out")
        .arg(tmp.path().join("imp"))
        .args(["--year", "99"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("报告年度须在"));
    assert!(!tmp.path().join("imp").exists());
    // `--lang ZH` is Chinese too.
    let out = report()
        .args(["--lang", "ZH", "check"])
        .arg(taian())
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("检查了 1 个报告文件夹"));
}

/// A folder named by a year holds that year's report: last year's folder copied under this
/// year's name, `year` unchanged, is said at `year` (the corpus's folders are not named by
/// years, so this is tested here).
#[test]
fn a_copy_of_last_years_folder_is_noticed() {
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join("taian/2021");
    copy_tree(&taian(), &copy);
    let (code, json) = check_json(&copy);
    assert_eq!(code, Some(0), "a warning only: {json}");
    let warning: serde_json::Value = json
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|v| v["code"] == "W0213")
        .unwrap_or_else(|| panic!("{json}"));
    assert_eq!(
        warning["line"],
        line_of(&copy.join("report.toml"), |l| l.starts_with("year ="))
    );
    // Named as its year, or not by a year at all: nothing to say.
    let (_, json) = check_json(&taian());
    assert!(!json.contains("W0213"), "{json}");
    let named = tmp.path().join("taian-copy");
    copy_tree(&taian(), &named);
    assert!(!check_json(&named).1.contains("W0213"));
}
