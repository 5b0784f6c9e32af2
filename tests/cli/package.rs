//! The archive a clerk is handed (`scripts/package.sh`): unpacked into an empty folder, with
//! nothing else on the search path, the guide's first steps work from there.

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
    let dist = tmp.path().join("dist");
    let made = std::process::Command::new("bash")
        .arg(root().join("scripts/package.sh"))
        .arg("x86_64-unknown-linux-gnu")
        .env("REPORT_BIN", env!("CARGO_BIN_EXE_report"))
        .env("DIST", &dist)
        .output()
        .unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let name = format!(
        "report-{}-x86_64-unknown-linux-gnu",
        env!("CARGO_PKG_VERSION")
    );
    let archive = dist.join(format!("{name}.tar.gz"));
    // The checksum is of the archive, as sha256sum -c reads it.
    let checked = std::process::Command::new("sha256sum")
        .args(["-c", &format!("{name}.tar.gz.sha256")])
        .current_dir(&dist)
        .output()
        .unwrap();
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stdout)
    );
    let usb = tmp.path().join("U盘");
    fs::create_dir(&usb).unwrap();
    let unpacked = std::process::Command::new("tar")
        .arg("-xzf")
        .arg(&archive)
        .current_dir(&usb)
        .status()
        .unwrap();
    assert!(unpacked.success());
    let folder = usb.join(&name);
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
    // Every `#:schema` line of the examples finds its schema inside the archive.
    let mut lines = 0;
    let mut stack = vec![folder.join("examples")];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                let text = fs::read_to_string(&path).unwrap();
                if let Some(schema) = text
                    .lines()
                    .next()
                    .and_then(|l| l.strip_prefix("#:schema "))
                {
                    assert!(
                        path.parent().unwrap().join(schema).is_file(),
                        "{path:?}: {schema}"
                    );
                    lines += 1;
                }
            }
        }
    }
    assert!(lines > 20, "{lines} #:schema lines");
    // The guide's first steps, from the unpacked folder, with an empty search path.
    let empty = tmp.path().join("empty");
    fs::create_dir(&empty).unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(folder.join("report"))
            .args(args)
            .current_dir(&folder)
            .env("PATH", &empty)
            .env("LC_ALL", "zh_CN.UTF-8")
            .output()
            .unwrap()
    };
    let imported = run(&[
        "--lang",
        "zh",
        "import",
        "taian-2020-report.txt",
        "--out",
        "练习/2020",
    ]);
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    assert!(String::from_utf8_lossy(&imported.stderr).contains("推断"));
    // The new unit names its schemas, found inside the unpacked folder.
    let made = fs::read_to_string(folder.join("练习/2020/report.toml")).unwrap();
    let schema = made
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("#:schema "))
        .unwrap();
    assert_eq!(schema, "../../schema/report.schema.json");
    assert!(folder.join("练习/2020").join(schema).is_file());
    let built = run(&[
        "--lang",
        "zh",
        "build",
        "examples/township/2023",
        "--out",
        "成稿",
    ]);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    assert!(folder.join("成稿/2023/report.docx").is_file());
    let checked = run(&["--lang", "zh", "check", "练习/2020"]);
    assert!(String::from_utf8_lossy(&checked.stderr).contains("检查了 1 个报告文件夹"));
}

/// The archive's guide is also a page the program wrote, and its schemas explain in Chinese
/// only (the editor's hover on a clerk's machine).
fn guide_and_schemas_are_chinese(folder: &std::path::Path) {
    let page = fs::read_to_string(folder.join("使用说明.html")).unwrap();
    assert!(page.contains("<h2>一、安装</h2>"), "{page}");
    let schema = fs::read_to_string(folder.join("schema/report.schema.json")).unwrap();
    assert!(schema.contains("成文日期（date）"), "{schema}");
    assert!(
        !schema.contains("The content of"),
        "English in the archive's schema"
    );
}
