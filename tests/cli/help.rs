//! Installing like a tool: completions, the manual page, help with examples, in Chinese too.

use super::*;

#[test]
fn completions_for_five_shells_and_a_man_page() {
    for (shell, mark) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef report"),
        ("fish", "complete -c report"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion"),
    ] {
        let output = report().args(["completions", shell]).output().unwrap();
        assert!(output.status.success(), "{shell}");
        let script = String::from_utf8(output.stdout).unwrap();
        assert!(script.contains(mark), "{shell}: {script}");
        // Every subcommand and its options are in it.
        for word in ["import", "summary", "deny-warnings"] {
            assert!(script.contains(word), "{shell}: {word}");
        }
    }
    let man = report().arg("man").output().unwrap();
    assert!(man.status.success());
    let man = String::from_utf8(man.stdout).unwrap();
    assert!(man.contains(".TH report 1"), "{man}");
    assert!(man.contains("import") && man.contains("Examples:"), "{man}");
}

#[test]
fn help_speaks_chinese_when_asked_or_when_the_locale_is_chinese() {
    let zh = report()
        .args(["--lang", "zh", "build", "--help"])
        .output()
        .unwrap();
    assert!(zh.status.success());
    let zh = String::from_utf8(zh.stdout).unwrap();
    for words in [
        "用法：report build [选项] [路径]...",
        "示例：",
        "退出码：",
        "显示帮助",
    ] {
        assert!(zh.contains(words), "{words}:\n{zh}");
    }
    assert!(!zh.contains("Usage") && !zh.contains("Print help"), "{zh}");
    let locale = report()
        .arg("--help")
        .env("LC_ALL", "zh_CN.UTF-8")
        .output()
        .unwrap();
    let locale = String::from_utf8(locale.stdout).unwrap();
    assert!(
        locale.contains("命令：") && locale.contains("示例："),
        "{locale}"
    );
    let en = report()
        .args(["--lang", "en", "import", "--help"])
        .output()
        .unwrap();
    let en = String::from_utf8(en.stdout).unwrap();
    assert!(en.contains("Examples:\n  report import"), "{en}");
}

#[test]
fn a_mistyped_command_line_is_answered_in_chinese() {
    let output = report().args(["--lang", "zh", "buld"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("未知的命令 buld") && stderr.contains("build"),
        "{stderr}"
    );
    let output = report()
        .args(["--lang=zh", "check", "--formt", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("未知的参数 --formt") && stderr.contains("--format"),
        "{stderr}"
    );
    let output = report()
        .args(["--lang", "zh", "build", "--format", "pfd"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("无效") && !stderr.contains("invalid"),
        "{stderr}"
    );
    // An empty item of a list is named as one, in either language, not taken for a missing
    // value.
    for (lang, said) in [
        ("en", "nothing between two commas"),
        ("zh", "两个逗号之间缺少格式名"),
    ] {
        let output = report()
            .args(["--lang", lang, "build", "data", "--format", "md,,html"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(
            stderr.contains(said) && !stderr.contains("is required"),
            "{stderr}"
        );
    }
    // An option given without its value.
    let output = report()
        .args(["--lang", "zh", "check", "data", "--explain"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("--explain <代码> 后须写一个值"), "{stderr}");
}

/// `report --version` alone (answered before the grammar is built) says what clap says.
#[test]
fn the_short_version_answer_is_claps() {
    let fast = report().arg("--version").output().unwrap();
    let clap = report()
        .args(["--lang", "en", "--version"])
        .output()
        .unwrap();
    assert!(fast.status.success() && clap.status.success());
    assert_eq!(fast.stdout, clap.stdout);
    let expected = format!("report {}\n", env!("CARGO_PKG_VERSION"));
    assert_eq!(String::from_utf8_lossy(&fast.stdout), expected);
}

/// What a command prints is written or the failure said: a full disk is exit 2, not a
/// silent success.
#[cfg(target_os = "linux")]
#[test]
fn a_failed_write_to_standard_output_is_a_failure() {
    let Ok(full) = fs::OpenOptions::new().write(true).open("/dev/full") else {
        return;
    };
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin!("report"))
        .args(["--lang", "en", "guide"])
        .stdout(std::process::Stdio::from(full))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("cannot write the output"), "{said}");
}

/// What a Chinese-speaking clerk types: `--lang cn` or `中文`, an input method's dashes
/// (`——lang`, `——fix`); the command suggested keeps `--lang zh`, which the system's language
/// would not give.
#[test]
fn what_a_chinese_speaking_clerk_types_is_understood() {
    for lang in [
        &["--lang", "cn"][..],
        &["——lang", "中文"],
        &["--lang=ZH-CN"],
    ] {
        let output = report().args(lang).args(["chekc"]).output().unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(
            stderr.contains("未知的命令 chekc")
                && stderr.contains("运行 `report --lang zh --help`"),
            "{lang:?}: {stderr}"
        );
    }
    let tmp = tempfile::tempdir().unwrap();
    let unit = tmp.path().join("2021");
    let output = report()
        .args(["--lang", "zh", "init", "--from"])
        .arg(taian())
        .arg(&unit)
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains(&format!(
            "然后运行 `report --lang zh build {}`",
            unit.display()
        )),
        "{stderr}"
    );
    let fixed = report()
        .args(["--lang", "zh", "check"])
        .arg(&unit)
        .args(["——fix"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(fixed.stderr).unwrap();
    assert!(
        !stderr.contains("——fix") && !stderr.contains("无法读取"),
        "{stderr}"
    );
}

/// A report's text given where a data folder belongs is pointed at `import`; `report.toml`
/// given for its folder, at the folder.
#[test]
fn a_report_text_given_to_build_is_pointed_at_import() {
    let text = root().join("tests/reference/taian-2020-report.txt");
    let output = report()
        .args(["--lang", "zh", "build"])
        .arg(&text)
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains(&format!(
            "可用 `report import {}` 转为数据文件夹",
            text.display()
        )),
        "{stderr}"
    );
    let output = report()
        .arg("check")
        .arg(taian().join("report.toml"))
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("give the report folder") && !stderr.contains("import"),
        "{stderr}"
    );
}
