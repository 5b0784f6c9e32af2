//! The archive a clerk is handed (`scripts/package.sh`): unpacked into an empty folder, with
//! nothing else on the search path, the guide's first steps work from there; and every example
//! of the guide it carries runs in it, in order, as the clerk follows them.

use std::process::{Command, Output};

use super::*;

#[test]
fn the_archive_works_from_an_empty_folder() {
    if cfg!(windows)
        || !super::tools_present(
            "the_archive_works_from_an_empty_folder",
            &["bash", "tar", "sha256sum"],
        )
    {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let archive = make_archive(tmp.path());
    let folder = unpack(&archive, &tmp.path().join("U盘"));
    for part in [
        "report",
        "使用说明.md",
        "使用说明.html",
        "taian-2020-report.txt",
        "examples/township/2023/report.toml",
        "schema/report.schema.json",
    ] {
        assert!(folder.join(part).exists(), "{part} is not in the archive");
    }
    guide_and_schemas_are_chinese(&folder);
    schema_lines_resolve(&folder);
    first_steps_with_nothing_on_the_path(&folder, tmp.path());
    // The whole guide, in a second copy of the archive.
    let fresh = unpack(&archive, &tmp.path().join("U盘2"));
    let ran = super::readme::run_document_in(super::readme::GUIDE, &fresh);
    assert!(ran >= 12, "the guide's examples were found ({ran})");
}

/// The archive `scripts/package.sh` makes for Linux, its checksum checked.
fn make_archive(tmp: &Path) -> PathBuf {
    let dist = tmp.join("dist");
    let made = Command::new("bash")
        .arg(root().join("scripts/package.sh"))
        .arg("x86_64-unknown-linux-gnu")
        .env("REPORT_BIN", env!("CARGO_BIN_EXE_report"))
        .env("DIST", &dist)
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", stderr(&made));
    let name = format!(
        "report-{}-x86_64-unknown-linux-gnu.tar.gz",
        env!("CARGO_PKG_VERSION")
    );
    // The checksum is of the archive, as sha256sum -c reads it.
    let checked = Command::new("sha256sum")
        .args(["-c", &format!("{name}.sha256")])
        .current_dir(&dist)
        .output()
        .unwrap();
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stdout)
    );
    dist.join(name)
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The archive unpacked into the new folder `usb`: the folder it holds.
fn unpack(archive: &Path, usb: &Path) -> PathBuf {
    fs::create_dir(usb).unwrap();
    let unpacked = Command::new("tar")
        .arg("-xzf")
        .arg(archive)
        .current_dir(usb)
        .status()
        .unwrap();
    assert!(unpacked.success());
    let name = archive.file_name().unwrap().to_string_lossy();
    usb.join(name.trim_end_matches(".tar.gz"))
}

/// Every `#:schema` line of the examples finds its schema inside the archive.
fn schema_lines_resolve(folder: &Path) {
    let mut lines = 0;
    let mut stack = vec![folder.join("examples")];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = fs::read_to_string(&path).unwrap_or_default();
            if let Some(schema) = text
                .lines()
                .next()
                .and_then(|l| l.strip_prefix("#:schema "))
            {
                let found = path.parent().unwrap().join(schema);
                assert!(found.is_file(), "{}: {schema}", path.display());
                lines += 1;
            }
        }
    }
    assert!(lines > 20, "{lines} #:schema lines");
}

/// The guide's first steps with the archive's own program and an empty search path: import
/// (the new unit names its schemas, found inside the folder), build, check.
fn first_steps_with_nothing_on_the_path(folder: &Path, tmp: &Path) {
    let empty = tmp.join("empty");
    fs::create_dir(&empty).unwrap();
    let run = |args: &[&str]| {
        Command::new(folder.join("report"))
            .args(["--lang", "zh"])
            .args(args)
            .current_dir(folder)
            .env("PATH", &empty)
            .env("LC_ALL", "zh_CN.UTF-8")
            .output()
            .unwrap()
    };
    let imported = run(&["import", "taian-2020-report.txt", "--out", "练习/2020"]);
    assert!(imported.status.success(), "{}", stderr(&imported));
    assert!(stderr(&imported).contains("推断"));
    let made = fs::read_to_string(folder.join("练习/2020/report.toml")).unwrap();
    let schema = made
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("#:schema "))
        .unwrap();
    assert_eq!(schema, "../../schema/report.schema.json");
    assert!(folder.join("练习/2020").join(schema).is_file());
    let built = run(&["build", "examples/township/2023", "--out", "成稿"]);
    assert!(built.status.success(), "{}", stderr(&built));
    assert!(folder.join("成稿/2023/report.docx").is_file());
    let checked = run(&["check", "练习/2020"]);
    assert!(stderr(&checked).contains("检查了 1 个报告文件夹"));
}

/// The archive's guide is also a page the program wrote, and its schemas explain in Chinese
/// only (the editor's hover on a clerk's machine).
fn guide_and_schemas_are_chinese(folder: &Path) {
    let page = fs::read_to_string(folder.join("使用说明.html")).unwrap();
    assert!(page.contains("<h2>一、安装</h2>"), "{page}");
    let schema = fs::read_to_string(folder.join("schema/report.schema.json")).unwrap();
    assert!(schema.contains("成文日期（date）"), "{schema}");
    assert!(
        !schema.contains("The content of"),
        "English in the archive's schema"
    );
}
