//! End-to-end tests through the `report` binary, on fixture folders.
//!
//! One integration-test binary (link time); each test copies what it changes into a temp
//! folder so fixtures stay pristine.

// File names compared here are the tool's own (report.html, .tmp, data files), all lower-case.
#![allow(clippy::case_sensitive_file_extension_comparisons)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

mod build;
mod check;
mod corpus;
mod diff;
mod fmt;
mod fuzz;
mod help;
mod hostile;
mod import;
mod import_shapes;
mod init;
mod layers;
mod oracle;
mod package;
mod pages;
mod print;
mod properties;
mod readme;
mod robustness;
mod sentences;
mod serve;
mod summary;
mod zh;

/// Whether the external programs a test needs (a browser, LibreOffice, poppler) are on the
/// search path. When one is missing the test is skipped with a notice — unless
/// `REPORT_REQUIRE_TOOLS=1` (set by `scripts/test.sh` after installing them), when it fails.
fn tools_present(test: &str, names: &[&str]) -> bool {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let missing: Vec<&str> = names
        .iter()
        .copied()
        .filter(|name| !std::env::split_paths(&path).any(|d| d.join(name).is_file()))
        .collect();
    if missing.is_empty() {
        return true;
    }
    assert!(
        std::env::var_os("REPORT_REQUIRE_TOOLS").is_none_or(|v| v != "1"),
        "{test}: {} not installed, and REPORT_REQUIRE_TOOLS=1",
        missing.join(", ")
    );
    eprintln!(
        "skipped {test}: {} not installed (scripts/test.sh installs it)",
        missing.join(", ")
    );
    false
}

/// HTML without the no-break spans the print stylesheet keeps dates and amounts whole with
/// (`<span class="nb">15场</span>`): the text as a reader sees it, for tests that look for
/// words in a page.
fn unbroken(html: &str) -> String {
    const OPEN: &str = "<span class=\"nb\">";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        let inner = &rest[at + OPEN.len()..];
        let end = inner.find("</span>").unwrap_or(inner.len());
        out.push_str(&inner[..end]);
        rest = inner.get(end + "</span>".len()..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn taian() -> PathBuf {
    root().join("data/taian/2020")
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

fn report() -> Command {
    let mut cmd = Command::cargo_bin("report").expect("the binary is built");
    cmd.env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("NO_COLOR", "1");
    cmd
}

/// Copies a folder tree into `dest`.
fn copy_tree(from: &Path, dest: &Path) {
    fs::create_dir_all(dest).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = dest.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A temp copy of a report folder, as `<tmp>/unit`.
fn copy_of(folder: &Path) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let unit = tmp.path().join("unit");
    copy_tree(folder, &unit);
    (tmp, unit)
}

/// Replaces exactly one occurrence of `from` in a file.
fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert_eq!(
        text.matches(from).count(),
        1,
        "{from:?} once in {}",
        path.display()
    );
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// The 1-based number of the first line of a file that matches.
fn line_of(path: &Path, matches: impl Fn(&str) -> bool) -> usize {
    let text = fs::read_to_string(path).unwrap();
    text.lines().position(matches).expect("a matching line") + 1
}

/// Copies of Taian under `data/u0`, `data/u1`, … named 第0镇, 第1镇, …, each with its count
/// of consultations (法律知识咨询活动) set to the given value.
fn units_with_consultations(data: &Path, values: &[&str]) {
    for (i, v) in values.iter().enumerate() {
        let unit = data.join(format!("u{i}"));
        copy_tree(&taian(), &unit);
        edit(
            &unit.join("report.toml"),
            "name = \"太安镇\"",
            &format!("name = \"第{i}镇\""),
        );
        edit(
            &unit.join("outreach.toml"),
            "value = 15",
            &format!("value = {v}"),
        );
    }
}

/// Runs `report summary` on `data` into `out` and returns summary.md.
fn summary_md(data: &Path, out: &Path) -> String {
    report()
        .arg("summary")
        .arg(data)
        .arg("--out")
        .arg(out)
        .assert()
        .success();
    fs::read_to_string(out.join("summary.md")).unwrap()
}

/// The cases of the check corpus (`tests/check/cases/*`), sorted.
fn corpus_cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = fs::read_dir(root().join("tests/check/cases"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    cases
}

/// Makes a FIFO at `path` (a data file that would block a reader that waits on it).
#[cfg(unix)]
fn make_fifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
    let made = unsafe { libc::mkfifo(c.as_ptr(), 0o644) };
    assert_eq!(made, 0, "mkfifo {}", path.display());
}

/// Runs `cmd`, expects exit `code`, and that stderr holds every one of `parts`.
fn expect_stderr(cmd: &mut Command, code: i32, parts: &[&str]) -> String {
    let assert = cmd.assert().code(code);
    let stderr = stderr_of(&assert);
    for part in parts {
        assert!(stderr.contains(part), "{part:?} not in:\n{stderr}");
    }
    stderr
}

/// What a command printed on stderr.
fn stderr_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stderr).to_string()
}

/// Builds `folder` into a temp out dir, expecting it to fail with `code`; returns the out dir
/// guard and stderr.
fn build_failing(folder: &Path, code: i32) -> (tempfile::TempDir, String) {
    let out = tempfile::tempdir().unwrap();
    let assert = report()
        .arg("build")
        .arg(folder)
        .arg("--out")
        .arg(out.path())
        .assert()
        .code(code);
    let stderr = stderr_of(&assert);
    (out, stderr)
}

/// Builds `folder` into a temp out dir; returns (out dir guard, markdown, html).
fn build(folder: &Path) -> (tempfile::TempDir, String, String) {
    let out = tempfile::tempdir().unwrap();
    report()
        .arg("build")
        .arg(folder)
        .arg("--out")
        .arg(out.path())
        .assert()
        .success();
    let name = folder.file_name().unwrap();
    let dir = out.path().join(name);
    let md = fs::read_to_string(dir.join("report.md")).unwrap();
    let html = fs::read_to_string(dir.join("report.html")).unwrap();
    (out, md, html)
}

/// The check corpus's base report with `case` (a folder of `tests/check/cases`) laid over it,
/// in a temp folder.
fn corpus_unit(case: Option<&str>) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let unit = tmp.path().join("unit");
    copy_tree(&root().join("tests/check/base"), &unit);
    if let Some(case) = case {
        copy_tree(&root().join("tests/check/cases").join(case), &unit);
    }
    (tmp, unit)
}

/// `report check --message-format json` on a folder: the exit code and the JSON lines.
fn check_json(folder: &Path) -> (Option<i32>, String) {
    let output = report()
        .arg("check")
        .arg(folder)
        .args(["--message-format", "json"])
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

/// The English words of a message meant to be Chinese: words outside `code spans`, quoted
/// user text (“…”), file names and the names of formats and products.
pub(crate) fn english_words(text: &str) -> Vec<String> {
    const NAMES: &[&str] = &[
        "TOML",
        "UTF",
        "DOCX",
        "GB18030",
        "GBK",
        "HTML",
        "Markdown",
        "Word",
        "MiB",
        "KB",
        "GB",
        "XML",
        "WPS",
        "Unicode",
        "README",
        "docs",
        "TRUST",
        "md",
        "toml",
        "true",
        "false",
        "Big5",
        "Shift_JIS",
        "EUC",
        "JP",
        "KR",
        "UTF-8",
        "UTF-16",
        "GB2312",
        "U",
        "FFFE",
        "FFFF",
    ];
    let outside_code: String = text.split('`').step_by(2).collect::<Vec<_>>().join(" ");
    let mut plain = String::new();
    let mut quoted = false;
    for c in outside_code.chars() {
        match c {
            '“' => quoted = true,
            '”' => quoted = false,
            _ if !quoted => plain.push(c),
            _ => {}
        }
    }
    plain
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-'))
        .map(|w| w.trim_matches(|c: char| c == '.' || c == '-' || c == '_'))
        .filter(|w| w.chars().filter(char::is_ascii_alphabetic).count() > 1)
        .filter(|w| !w.contains('.') && !NAMES.contains(w))
        .map(str::to_string)
        .collect()
}
