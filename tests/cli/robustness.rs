//! Careless and hostile input through the binary: every case here once crashed, hung, leaked
//! a file from outside the unit, or lost a unit.

use std::fmt::Write as _;
use std::fs;
use std::time::Duration;

use super::{copy_of, copy_tree, edit, report, stderr_of, taian};

/// A data file that is a FIFO is refused at once (opening it used to wait forever).
#[cfg(unix)]
#[test]
fn a_fifo_data_file_is_refused_not_waited_on() {
    let (_tmp, unit) = copy_of(&taian());
    let fifo = unit.join("plans.toml");
    fs::remove_file(&fifo).unwrap();
    super::make_fifo(&fifo);
    super::expect_stderr(
        report()
            .arg("check")
            .arg(&unit)
            .timeout(Duration::from_secs(20)),
        1,
        &["E0002", "not a regular file"],
    );
}

/// `build data/*/2020` writes each unit to its own folder; units that would still share one
/// stop the build before anything is written.
#[test]
fn every_unit_gets_its_own_output_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    copy_tree(&taian(), &data.join("taian/2020"));
    copy_tree(&taian(), &data.join("other/2020"));
    edit(
        &data.join("other/2020/report.toml"),
        "name = \"太安镇\"",
        "name = \"别的镇\"",
    );
    let out = tmp.path().join("out");
    report()
        .arg("build")
        .arg(data.join("taian/2020"))
        .arg(data.join("other/2020"))
        .arg("--out")
        .arg(&out)
        .args(["--format", "md"])
        .assert()
        .success();
    let taian_md = fs::read_to_string(out.join("taian/2020/report.md")).unwrap();
    let other_md = fs::read_to_string(out.join("other/2020/report.md")).unwrap();
    assert!(taian_md.contains("太安镇") && !taian_md.contains("别的镇"));
    assert!(other_md.contains("别的镇"));
    assert!(!out.join("2020").exists());

    // A unit holding a unit of the same name: both would be out/2020.
    let nested = tmp.path().join("nested/2020");
    copy_tree(&taian(), &nested);
    copy_tree(&taian(), &nested.join("2020"));
    let out = tmp.path().join("out2");
    let assert = report()
        .arg("build")
        .arg(&nested)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2);
    let stderr = stderr_of(&assert);
    assert!(stderr.contains("would both be written to"), "{stderr}");
    assert!(!out.exists(), "nothing is written");

    // A unit whose output folder would be another unit's output file.
    let clash = tmp.path().join("clash");
    copy_tree(&taian(), &clash.join("a"));
    copy_tree(&taian(), &clash.join("a/report.html"));
    let out = tmp.path().join("out3");
    let assert = report()
        .arg("build")
        .arg(&clash)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2);
    let stderr = stderr_of(&assert);
    assert!(stderr.contains("would both be written to"), "{stderr}");
    assert!(!out.exists(), "nothing is written");
}

/// A folder that cannot be listed is reported with its path, and the others are built. (The
/// path is made too long to open: that fails for root too, where permissions would not.)
#[test]
fn an_unreadable_folder_is_reported_and_the_others_are_built() {
    let tmp = tempfile::tempdir().unwrap();
    let tree = tmp.path().join("tree");
    copy_tree(&taian(), &tree.join("taian/2020"));
    let deep = tree.join("deep");
    fs::create_dir(&deep).unwrap();
    let name = "x".repeat(200);
    let made = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "cd '{}' && for i in $(seq 24); do mkdir {name} && cd {name} || exit 1; done",
            deep.display()
        ))
        .status()
        .unwrap();
    assert!(made.success());
    let out = tmp.path().join("out");
    let assert = report()
        .arg("build")
        .arg(&tree)
        .arg("--out")
        .arg(&out)
        .args(["--format", "md"])
        .assert()
        .code(1);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("E0002") && stderr.contains("cannot read the folder"),
        "{stderr}"
    );
    assert!(out.join("taian/2020/report.md").is_file());
    // The same in JSON for `check`.
    let output = report()
        .arg("check")
        .arg(&tree)
        .args(["--message-format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("\"code\":\"E0002\""), "{stdout}");
}

/// When one format cannot be written, none is replaced, and no temp file is left behind;
/// temp files of a killed build are removed by the next one.
#[test]
fn a_units_outputs_are_replaced_together_or_not_at_all() {
    let (tmp, unit) = copy_of(&taian());
    let out = tmp.path().join("out");
    let build = || {
        report()
            .arg("build")
            .arg(&unit)
            .arg("--out")
            .arg(&out)
            .assert()
    };
    build().success();
    let md_before = fs::read(out.join("unit/report.md")).unwrap();
    fs::remove_file(out.join("unit/report.html")).unwrap();
    fs::create_dir(out.join("unit/report.html")).unwrap();
    edit(
        &unit.join("report.toml"),
        "year = 2020",
        "year = 2020\ntitle = \"新标题\"",
    );
    let assert = build().code(2);
    assert!(stderr_of(&assert).contains("E0006"));
    assert_eq!(fs::read(out.join("unit/report.md")).unwrap(), md_before);
    let names = || -> Vec<String> {
        fs::read_dir(out.join("unit"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect()
    };
    assert!(
        names().iter().all(|n| !n.ends_with(".tmp")),
        "{:?}",
        names()
    );
    fs::remove_dir(out.join("unit/report.html")).unwrap();
    let stale = out.join("unit/.report.md.2147483646.0.tmp");
    fs::write(&stale, "half a report").unwrap();
    build().success();
    assert!(!stale.exists());
}

/// `--message-format json` and `--message-format github` keep their contract for every failure: a PATH with
/// no report folder, a missing PATH. An unreadable data file is an error in the data (1).
#[test]
fn machine_formats_report_every_failure() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("empty");
    fs::create_dir(&empty).unwrap();
    for (path, code, status) in [
        (empty.clone(), "E0001", 1),
        (tmp.path().join("missing"), "E0002", 2),
    ] {
        let output = report()
            .arg("check")
            .arg(&path)
            .args(["--message-format", "json"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(status), "{}", path.display());
        let stdout = String::from_utf8(output.stdout).unwrap();
        let value: serde_json::Value = serde_json::from_str(stdout.trim()).expect("one object");
        assert_eq!(value["code"], code);
        let output = report()
            .arg("check")
            .arg(&path)
            .args(["--message-format", "github"])
            .output()
            .unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert!(stdout.starts_with("::error file="), "{stdout}");
        assert!(stdout.contains(code), "{stdout}");
    }
    let (_tmp, unit) = copy_of(&taian());
    fs::remove_file(unit.join("plans.toml")).unwrap();
    fs::create_dir(unit.join("plans.toml")).unwrap();
    report().arg("check").arg(&unit).assert().code(1);
}

/// `report diff` never passes a revision to git as an option, and says what git said when a
/// revision does not exist.
#[test]
fn diff_revisions_are_never_options() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path();
    copy_tree(&taian(), &repo.join("data/u"));
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .args([
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t",
                "-c",
                "init.defaultBranch=main",
            ])
            .args(args)
            .current_dir(repo)
            .output()
            .unwrap();
        assert!(status.status.success(), "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-qm", "data"]);
    let evil = repo.join("evil");
    let assert = report()
        .current_dir(repo)
        .args([
            "diff",
            "--",
            &format!("--output={}:data/u", evil.display()),
            "data/u",
        ])
        .assert()
        .code(2);
    assert!(!evil.exists(), "git wrote a file");
    assert!(stderr_of(&assert).contains("cannot start with `-`"));
    let assert = report()
        .current_dir(repo)
        .env("LC_ALL", "C")
        .args(["diff", "nosuchrev:data/u", "data/u"])
        .assert()
        .code(2);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("git has no revision `nosuchrev`"),
        "{stderr}"
    );
    report()
        .current_dir(repo)
        .args(["diff", "HEAD:data/u", "data/u"])
        .assert()
        .success();
}

/// `summary` counts what `check` counts (a misspelt reference in a text is an error), and adds
/// whole numbers exactly, however large.
#[test]
fn summary_counts_check_errors_and_adds_exactly() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    super::units_with_consultations(&data, &["9223372036854775807", "9223372036854775807", "15"]);
    edit(
        &data.join("u2/report.toml"),
        "{{ unit.name }}{{ year }}年度",
        "{{ unit.nmae }}{{ year }}年度",
    );
    let check = report().arg("check").arg(data.join("u2")).assert().code(1);
    assert!(stderr_of(&check).contains("1 error(s)"));
    let md = super::summary_md(&data, &tmp.path().join("out"));
    assert!(
        md.contains("| 第2镇 | 乡镇 | 2020 | 2021年1月10日 |"),
        "{md}"
    );
    let row = md.lines().find(|l| l.contains("| 第2镇 |")).unwrap();
    assert!(
        row.ends_with("| 1 | 0 |"),
        "the misspelt reference is an error: {row}"
    );
    // 2 × i64::MAX + 15, not 18446744073709551616.
    assert!(
        md.contains("| 普法 | 法律知识咨询活动 | 18446744073709551629场 | 3 |"),
        "{md}"
    );
}

/// A cause with markup characters, named in its problem's text, is printed once escaped.
#[test]
fn a_cause_named_in_its_text_is_not_escaped_twice() {
    let (tmp, unit) = copy_of(&taian());
    edit(
        &unit.join("problems.toml"),
        "cause = \"执法人员的法治观念和思想认识还存在误区\"",
        "cause = \"执法人员<b>的法治观念\"",
    );
    let out = tmp.path().join("out");
    report()
        .arg("build")
        .arg(&unit)
        .arg("--out")
        .arg(&out)
        .args(["--format", "md,html"])
        .assert()
        .success();
    let md = fs::read_to_string(out.join("unit/report.md")).unwrap();
    let html = fs::read_to_string(out.join("unit/report.html")).unwrap();
    assert!(md.contains("但执法人员\\<b>的法治观念"), "{md}");
    assert!(html.contains("但执法人员&lt;b&gt;的法治观念"), "{html}");
}

/// `init` never writes an absurd year: `--year` must be a report year, and carrying forward
/// a year that has no next refuses.
#[test]
fn init_refuses_implausible_years() {
    let tmp = tempfile::tempdir().unwrap();
    for year in ["0", "65535", "1948", "2101"] {
        report()
            .args(["init", "--year", year])
            .arg(tmp.path().join(year))
            .assert()
            .code(2);
        assert!(!tmp.path().join(year).exists());
    }
    let (_old_tmp, old) = copy_of(&taian());
    edit(
        &old.join("report.toml"),
        "year = 2020",
        "year = 9223372036854775807",
    );
    let assert = report()
        .args(["init", "--from"])
        .arg(&old)
        .arg(tmp.path().join("next"))
        .assert()
        .code(2);
    assert!(stderr_of(&assert).contains("not a plausible report year"));
    assert!(!tmp.path().join("next").exists());
}

/// Output grows with input by a bounded factor: a megabyte-scale run of `<` is one run in
/// the DOCX (it was a run per character: 234 MB), and a document of more paragraphs than a
/// report can have is refused with E0304 instead of filling the memory.
#[test]
fn output_is_bounded_by_input() {
    let (tmp, unit) = copy_of(&super::root().join("tests/check/base"));
    let report_toml = unit.join("report.toml");
    let text = fs::read_to_string(&report_toml).unwrap();
    fs::write(
        &report_toml,
        text.replacen(
            "intro = \"现将",
            &format!("intro = \"{}现将", "<".repeat(200_000)),
            1,
        ),
    )
    .unwrap();
    let out = tmp.path().join("out");
    report()
        .arg("build")
        .arg(&unit)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let docx = fs::metadata(out.join("unit/report.docx")).unwrap().len();
    assert!(
        docx < 1_000_000,
        "report.docx is {docx} bytes for 200,000 characters"
    );

    let rows: String = "| a | b | c | d |\n".repeat(6000);
    fs::write(
        &report_toml,
        text.replacen(
            "intro = \"现将",
            &format!("intro = \"\"\"\n| h | h | h | h |\n|---|---|---|---|\n{rows}\n现将"),
            1,
        )
        .replacen("报告如下：\"", "报告如下：\"\"\"", 1),
    )
    .unwrap();
    super::expect_stderr(
        report()
            .arg("build")
            .arg(&unit)
            .arg("--out")
            .arg(tmp.path().join("out2")),
        1,
        &["E0304", "20000 paragraphs"],
    );
}

/// A `{{ }}` mistake on a Chinese character in a unit's own template is a diagnostic in every
/// output and language (the span once fell inside the character and the renderer panicked).
#[test]
fn a_template_mistake_on_a_chinese_character_is_a_diagnostic() {
    let (_tmp, unit) = copy_of(&taian());
    fs::create_dir_all(unit.join("templates/blocks")).unwrap();
    fs::write(
        unit.join("templates/blocks/duties.md.j2"),
        "{% for d in items %}{{ 职责 }}{{ d.text }}{% endfor %}\n",
    )
    .unwrap();
    for lang in ["en", "zh"] {
        for format in ["human", "json", "github"] {
            let output = report()
                .args(["--lang", lang, "check", "--message-format", format])
                .arg(&unit)
                .output()
                .unwrap();
            assert_eq!(output.status.code(), Some(1), "{lang} {format}");
            let printed = String::from_utf8(if format == "human" {
                output.stderr
            } else {
                output.stdout
            })
            .unwrap();
            assert!(printed.contains("E0301"), "{printed}");
            assert!(printed.contains("duties.md.j2"), "{printed}");
        }
    }
}

/// `report build` inside a unit folder (where there is no `data`) says to give `.`.
#[test]
fn build_inside_a_unit_folder_says_to_give_a_dot() {
    let assert = report().current_dir(taian()).arg("build").assert().code(2);
    assert!(stderr_of(&assert).contains("report build ."));
}

/// A unit folder built by itself (by its path, or as `.` from inside it) still finds last
/// year's folder beside it: the folders beside a unit are its own years.
#[test]
fn a_unit_built_alone_finds_last_year_beside_it() {
    let this_year = super::fixture("yoy/justice/2023");
    for (cwd, path) in [
        (super::root(), this_year.clone()),
        (this_year.clone(), std::path::PathBuf::from(".")),
    ] {
        let out = tempfile::tempdir().unwrap();
        report()
            .current_dir(&cwd)
            .arg("build")
            .arg(&path)
            .arg("--out")
            .arg(out.path())
            .args(["--format", "md"])
            .assert()
            .success();
        let md = fs::read_to_string(out.path().join("2023/report.md")).unwrap();
        assert!(md.contains("较上年增加3场"), "{}", path.display());
    }
}

/// Sections nested 70 deep in two units (built on worker threads, whose stacks are smaller)
/// are refused with E0304, not a stack overflow.
#[test]
fn deep_outlines_are_refused_not_overflowed() {
    let tmp = tempfile::tempdir().unwrap();
    let base = fs::read_to_string(super::root().join("tests/check/base/report.toml")).unwrap();
    let mut deep = base.clone();
    for depth in 1..=70 {
        let _ = write!(
            deep,
            "\n[[{}sections]]\ntitle = \"节\"\n",
            "sections.".repeat(depth - 1)
        );
    }
    for unit in ["a", "b"] {
        copy_tree(
            &super::root().join("tests/check/base"),
            &tmp.path().join(unit),
        );
        fs::write(tmp.path().join(unit).join("report.toml"), &deep).unwrap();
    }
    let assert = report()
        .arg("build")
        .arg(tmp.path())
        .arg("--out")
        .arg(tmp.path().join("out"))
        .assert()
        .code(1);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("E0304") && stderr.contains("nested 70 levels"),
        "{stderr}"
    );
}

/// A unit in a folder whose name holds terminal escapes: every line that names it shows the
/// escapes as stand-ins (wrote, not built, formatted, fixed).
#[cfg(unix)]
#[test]
fn folder_names_with_escapes_never_reach_the_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let unit = tmp.path().join("x\u{1b}[31mRED\u{1b}]0;pwned\u{7}");
    copy_tree(&taian(), &unit);
    edit(&unit.join("report.toml"), "year = 2020", "year   = 2020");
    let outputs = [
        report()
            .arg("build")
            .arg(tmp.path())
            .arg("--out")
            .arg(tmp.path().join("out"))
            .output(),
        report().arg("fmt").arg(tmp.path()).output(),
        report()
            .arg("build")
            .arg(&unit)
            .arg("--out")
            .arg(tmp.path().join("out2"))
            .output(),
    ];
    edit(&unit.join("problems.toml"), "近年来", "近年来 2020 年");
    let fixed = report().args(["check", "--fix"]).arg(tmp.path()).output();
    for output in outputs.into_iter().chain([fixed]) {
        let output = output.unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
            "{stderr:?}"
        );
        assert!(stderr.contains("␛[31mRED"), "{stderr}");
    }
}

/// No unit goes missing from a batch without a word: a folder named in GBK (not UTF-8), a
/// report.toml that is a FIFO or a dangling link, a unit too deep to search.
#[cfg(unix)]
#[test]
fn no_unit_goes_missing_silently() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = tempfile::tempdir().unwrap();
    let tree = tmp.path().join("tree");
    // 太安 in GBK.
    let gbk = tree.join(std::ffi::OsStr::from_bytes(b"\xcc\xab\xb0\xb2"));
    copy_tree(&taian(), &gbk);
    let fifo_unit = tree.join("fifo");
    fs::create_dir_all(&fifo_unit).unwrap();
    super::make_fifo(&fifo_unit.join("report.toml"));
    let dangling = tree.join("dangling");
    fs::create_dir_all(&dangling).unwrap();
    std::os::unix::fs::symlink("/nowhere/report.toml", dangling.join("report.toml")).unwrap();
    let deep = tree.join("d/".repeat(33));
    copy_tree(&taian(), &deep);
    let output = report()
        .arg("check")
        .arg(&tree)
        .args(["--message-format", "json"])
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let about = |part: &str, code: &str| {
        lines
            .iter()
            .any(|v| v["code"] == code && v["file"].as_str().is_some_and(|f| f.contains(part)))
    };
    assert!(about("fifo/report.toml", "E0002"), "{stdout}");
    assert!(about("dangling/report.toml", "E0007"), "{stdout}");
    assert!(about("/d/d/d/", "E0002"), "{stdout}");
    assert!(stderr.is_empty(), "{stderr}");
    // The GBK-named unit is built.
    let out = tmp.path().join("out");
    report()
        .arg("build")
        .arg(&tree)
        .arg("--out")
        .arg(&out)
        .args(["--format", "md"])
        .assert()
        .code(1);
    assert!(
        out.join(std::ffi::OsStr::from_bytes(b"\xcc\xab\xb0\xb2"))
            .join("report.md")
            .is_file()
    );
}

/// `check --fix` that cannot write a file says so in the chosen format, naming the file, and
/// goes on with the other folders; `--templates` that is not a folder is a usage failure.
#[test]
fn a_fix_that_cannot_be_written_is_reported_and_the_others_go_on() {
    let tmp = tempfile::tempdir().unwrap();
    let tree = tmp.path().join("tree");
    copy_tree(&taian(), &tree.join("a"));
    // A folder whose data files can be read, but whose temp files (their names are longer)
    // pass the system's limit on a path: writing fails for root too.
    let base = tree.join("b");
    let room = 4090 - base.as_os_str().len() - "/report.toml".len();
    let mut deep = base.clone();
    let mut left = room;
    while left > 0 {
        let part = left.min(200);
        if part < 2 {
            deep = deep.with_file_name(format!(
                "{}{}",
                deep.file_name().unwrap().to_str().unwrap(),
                "x".repeat(part)
            ));
            break;
        }
        deep.push("x".repeat(part - 1));
        left -= part;
    }
    let unit = deep;
    std::process::Command::new("mkdir")
        .arg("-p")
        .arg(&unit)
        .status()
        .unwrap();
    for name in [
        "report.toml",
        "problems.toml",
        "plans.toml",
        "leadership.toml",
        "outreach.toml",
        "study.toml",
        "legal_aid.toml",
    ] {
        fs::copy(taian().join(name), unit.join(name)).unwrap();
    }
    assert_eq!(unit.join("report.toml").as_os_str().len(), 4090);
    for folder in [tree.join("a"), unit.clone()] {
        let path = folder.join("problems.toml");
        let text = fs::read_to_string(&path).unwrap();
        fs::write(&path, text.replacen("近年来", "近年来 2020 年", 1)).unwrap();
    }
    let output = report()
        .args(["check", "--fix", "--message-format", "json"])
        .arg(&tree)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout
            .lines()
            .any(|l| l.contains("\"E0006\"") && l.contains("problems.toml")),
        "{stdout}"
    );
    // The other folder was fixed.
    let fixed = fs::read_to_string(tree.join("a/problems.toml")).unwrap();
    assert!(fixed.contains("近年来2020年"), "{fixed}");

    let missing = tmp.path().join("nope");
    let output = report()
        .args(["check", "--message-format", "json", "--templates"])
        .arg(&missing)
        .arg(tree.join("a"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("\"E0002\"") && stdout.contains("nope"),
        "{stdout}"
    );
}

/// Control characters written as escapes in a text are errors at their place, and `--fix`
/// removes them, leaving a report that builds into a well-formed DOCX.
#[test]
fn control_characters_are_fixed_away() {
    let (tmp, unit) = copy_of(&super::root().join("tests/check/base"));
    copy_tree(
        &super::root().join("tests/check/cases/control-characters"),
        &unit,
    );
    let assert = report().arg("check").arg(&unit).assert().code(1);
    assert!(stderr_of(&assert).contains("E0713"));
    report()
        .args(["check", "--fix"])
        .arg(&unit)
        .assert()
        .success();
    let text = fs::read_to_string(unit.join("report.toml")).unwrap();
    assert!(!text.contains("\\u0001") && !text.contains("\\b"), "{text}");
    report()
        .arg("build")
        .arg(&unit)
        .arg("--out")
        .arg(tmp.path().join("out"))
        .assert()
        .success();
}
