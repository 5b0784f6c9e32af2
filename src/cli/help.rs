//! Help in the user's language, each page ending with examples.
//!
//! The English help is clap's, from the doc comments of the argument types. With `--lang zh`
//! (or a Chinese locale) every line of it is replaced from the table below: the about lines,
//! each argument's help and value name, the headings, the usage line and the closing notes.
//! Clap's own words (`Usage:`, `[default: …]`, `Print help`) are switched off or replaced, so
//! no English is left; a unit test walks the whole tree to hold that.

use std::fmt::Write as _;

use clap::{Arg, ArgAction, Command};

use crate::diagnostic::Lang;

/// The help of one subcommand (or of `report` itself, named "").
struct Page {
    name: &'static str,
    /// What the command does, in Chinese.
    about: &'static str,
    /// Each argument by id: its help and, for one that takes a value, the value's name.
    args: &'static [(&'static str, &'static str, Option<&'static str>)],
    /// The closing notes (exit codes and the like), in Chinese.
    after: &'static str,
    /// Examples: the command line, what it does in English and in Chinese.
    examples: &'static [(&'static str, &'static str, &'static str)],
}

/// The `--lang` argument, global to every subcommand.
const LANG: (&str, &str, Option<&str>) = (
    "lang",
    "提示信息的语言：en 或 zh（默认取自 LC_ALL、LANG 或系统设置）",
    Some("语言"),
);

const PAGES: &[Page] = &[
    Page {
        name: "",
        about: "以 TOML 数据维护本单位的法治政府建设年度报告，检查数据并生成正式报告",
        args: &[LANG],
        after: "退出码：0 无错误（可有警告），1 数据有错误，2 用法或读写失败。",
        examples: &[
            (
                "report build",
                "build every report under data/ into out/",
                "生成 data/ 下的全部报告，写入 out/",
            ),
            (
                "report check data/taian/2020",
                "list every problem of one report",
                "列出一份报告的全部问题",
            ),
            (
                "report import 2023.docx --out data/my-town/2023",
                "start from last year's Word report",
                "从去年的 Word 报告开始",
            ),
        ],
    },
    Page {
        name: "build",
        about: "检查数据并生成报告（Markdown、HTML、Word、PDF）",
        args: &[
            (
                "paths",
                "报告文件夹，或其上级文件夹（其下每个含 report.toml 的文件夹都会生成；默认 data）",
                Some("路径"),
            ),
            (
                "out",
                "输出位置；每份报告写入与其在“路径”下位置相同的文件夹（默认 out）",
                Some("目录"),
            ),
            (
                "format",
                "生成的格式：md、html、docx、pdf 或 all，多个用逗号分隔（如 md,html；默认 md,html,docx；all 为这三种，找到浏览器时另加 pdf）",
                Some("格式"),
            ),
            (
                "templates",
                "覆盖内置模板的模板文件夹（report.md.j2、report.html.j2、style.css、blocks/<名称>.md.j2）；数据旁的 templates/ 文件夹也会使用",
                Some("目录"),
            ),
            ("draft", "仍有待补充内容时也生成，每份输出都标为草稿", None),
            (
                "deny_warnings",
                "把警告当作错误：有警告的文件夹不生成",
                None,
            ),
            (
                "jobs",
                "同时生成的报告文件夹数（默认每个处理器核心一个）",
                Some("数量"),
            ),
            (
                "quiet",
                "只显示问题和最后的汇总（不显示进度条和文件列表）",
                None,
            ),
            (
                "force",
                "全部重新生成，包括输出已是最新的文件夹（每个输出文件夹记有生成依据，未变化的文件夹跳过）",
                None,
            ),
            LANG,
        ],
        after: "退出码：0 全部生成（可有警告），1 数据有错误（这些文件夹不写入任何文件，其余照常生成），2 用法或读写失败。",
        examples: &[
            (
                "report build",
                "build every report under data/",
                "生成 data/ 下的全部报告",
            ),
            (
                "report build data/taian/2020 --format docx",
                "one report, Word only",
                "只生成一份报告的 Word 文件",
            ),
            (
                "report build data --draft",
                "build with placeholders left, marked 草稿",
                "有待补充内容时生成草稿",
            ),
        ],
    },
    Page {
        name: "check",
        about: "检查数据并列出全部问题，不生成报告",
        args: &[
            (
                "paths",
                "报告文件夹，或其上级文件夹（默认 data）",
                Some("路径"),
            ),
            (
                "message_format",
                "问题的输出形式：human（给人看，写到标准错误）、json（每行一个对象，写到标准输出）或 github（GitHub Actions 注释；默认 human）",
                Some("形式"),
            ),
            ("deny_warnings", "有警告时也以 1 退出", None),
            (
                "templates",
                "覆盖内置模板的模板文件夹（一并检查）",
                Some("目录"),
            ),
            (
                "fix",
                "就地应用安全的修正（空格、全角标点、“6·26”、《》之间的顿号），保留注释和排版，并列出改动",
                None,
            ),
            (
                "explain",
                "解释一个问题代码（如 E0602）：检查什么、为什么、示例",
                Some("代码"),
            ),
            LANG,
        ],
        after: "JSON 输出：每行一个对象，含 file、line、column、end_line、end_column（从 1 起，列按字符计；针对整个文件时为 null）、severity、code、message、hint、fixable。\n退出码：0 无错误（可有警告），1 有错误，2 用法或读写失败。",
        examples: &[
            (
                "report check data/taian/2020",
                "list every problem, with its place and a hint",
                "列出全部问题，带位置和修改建议",
            ),
            (
                "report check data --fix",
                "mend the safe ones in place",
                "就地修正安全的问题",
            ),
            (
                "report check --explain W0701",
                "what a code means",
                "查看某个代码的含义",
            ),
        ],
    },
    Page {
        name: "diff",
        about: "以报告的措辞显示两个报告文件夹之间的变化",
        args: &[
            ("old", "较早的文件夹（或 版本:路径）", Some("旧")),
            ("new", "较晚的文件夹（或 版本:路径）", Some("新")),
            (
                "format",
                "输出：md（给人看）或 json（一个变化数组；默认 md）",
                Some("形式"),
            ),
            (
                "textconv",
                "按行列出一个数据文件的事实并加标签（用作 git 的 textconv 驱动）",
                Some("文件"),
            ),
            LANG,
        ],
        after: "“旧”和“新”是报告文件夹，或 git 某一版本中的文件夹（如 HEAD~1:data/taian/2020）。\n用作 git 的比较驱动：`git config diff.report.textconv \"report diff --textconv\"`，并在 .gitattributes 中写 `*.toml diff=report`。\n退出码：0 已比较（无论有无变化），2 文件夹无法读取。",
        examples: &[
            (
                "report diff data/justice/2022 data/justice/2023",
                "what changed from one year to the next",
                "比较相邻两年的报告",
            ),
            (
                "report diff HEAD~1:data/taian/2020 data/taian/2020",
                "what the last commit changed",
                "查看最近一次提交的改动",
            ),
        ],
    },
    Page {
        name: "init",
        about: "新建报告文件夹：带注释的空白模板，或结转上一年的报告",
        args: &[
            ("dir", "新的报告文件夹（须不存在或为空）", Some("目录")),
            (
                "from",
                "结转这个较早的报告文件夹：长期不变的内容保留，逐年变化的内容改为待补充，上一年的计划成为本年的落实情况",
                Some("旧目录"),
            ),
            (
                "year",
                "新模板的报告年度（默认：文件夹名为年份时取之，如 data/my-town/2024；否则 10 月起为今年，之前为去年）",
                Some("年度"),
            ),
            (
                "date",
                "成文日期，如 2025-01-15 或 2025年1月15日（默认写作“待补充”，签发时再填）",
                Some("日期"),
            ),
            (
                "kind",
                "单位类别：township（乡镇）、street（街道）、county（县）、district（区）、city（市）、province（省）、department（政府部门）或 state_council_department（国务院部门），也可直接写中文名称（默认写作“待补充”）",
                Some("类别"),
            ),
            LANG,
        ],
        after: "退出码：0 已创建，2 用法或读写失败。",
        examples: &[
            (
                "report init data/my-town/2024",
                "commented skeletons to fill in",
                "新建带注释的空白模板",
            ),
            (
                "report init --from data/my-town/2024 data/my-town/2025",
                "carry last year's report forward",
                "结转上一年的报告",
            ),
        ],
    },
    Page {
        name: "import",
        about: "从去年的报告开始：把 Word（.docx）、文本（.txt）或 Markdown（.md）文件转为报告文件夹，生成后文字不变",
        args: &[
            (
                "file",
                "原报告：.docx（Word、WPS、LibreOffice）、.txt（UTF-8 或 GB18030）或 .md 文件",
                Some("文件"),
            ),
            (
                "out",
                "新的报告文件夹（默认 data/<单位>/<年度>）；须不存在或为空",
                Some("目录"),
            ),
            ("unit", "单位名称（原文没有写明或写法不同时）", Some("名称")),
            (
                "kind",
                "单位类别：township（乡镇）、street（街道）、county（县）、district（区）、city（市）、province（省）、department（政府部门）或 state_council_department（国务院部门），也可直接写中文名称",
                Some("类别"),
            ),
            ("year", "报告年度（标题中没有写明时）", Some("年度")),
            (
                "date",
                "成文日期（原文没有时），如 2025-01-10",
                Some("日期"),
            ),
            LANG,
        ],
        after: "原文没有写明、命令行也没有给出的内容一律写作“待补充”，不会推测填写；推断的值在数据文件中注明。\n之后：`report check 目录` 列出要修改之处（`--fix` 修正安全的部分），`report build 目录` 生成报告，下一年 `report init --from 目录 新目录`。\n退出码：0 已导入，1 文件中没有报告，2 用法或读写失败。",
        examples: &[
            (
                "report import 2023.docx --out data/my-town/2023",
                "last year's Word report as data",
                "把去年的 Word 报告转为数据",
            ),
            (
                "report import report.txt --year 2023",
                "text copied from the website",
                "从网页复制的文本",
            ),
            (
                "report import 报告.docx --unit 青石镇 --kind township --date 2024-01-12",
                "what the text does not say, given",
                "原文没有写明的单位、类别和成文日期，在命令行给出",
            ),
        ],
    },
    Page {
        name: "fmt",
        about: "把数据文件改写为规范格式（键的顺序、空格、#:schema 行），保留全部注释；--check 只报告",
        args: &[
            (
                "paths",
                "报告文件夹，或其上级文件夹（默认 data）",
                Some("路径"),
            ),
            ("check", "不做改动；列出会改动的文件，有则以 1 退出", None),
            LANG,
        ],
        after: "退出码：0 已格式化（或用 --check 时已是规范格式），1 有文件会改动（--check）或无法格式化，2 用法或读写失败。",
        examples: &[
            (
                "report fmt data",
                "rewrite every data file in canonical form",
                "规范全部数据文件",
            ),
            (
                "report fmt --check data",
                "in CI: fail when a file is not canonical",
                "在持续集成中检查格式",
            ),
        ],
    },
    Page {
        name: "summary",
        about: "汇总“路径”下的全部单位：哪些已完成、逾期或有错误，以及合计",
        args: &[
            (
                "paths",
                "报告文件夹的上级文件夹（或报告文件夹；默认 data）",
                Some("路径"),
            ),
            (
                "out",
                "summary.md、summary.html 的写入位置（默认 out）",
                Some("目录"),
            ),
            (
                "format",
                "生成的格式：md、html 或 all（默认 all）",
                Some("格式"),
            ),
            (
                "templates",
                "覆盖 summary.md.j2、summary.html.j2 的模板文件夹",
                Some("目录"),
            ),
            (
                "year",
                "只汇总这一年度的报告（无法读取的单位仍列出）；不指定时每个年度分别汇总，各成一表",
                Some("年度"),
            ),
            LANG,
        ],
        after: "退出码：0 已写出汇总（无论各单位状态如何），2 用法或读写失败。",
        examples: &[
            (
                "report summary data",
                "who is done, late or failing",
                "各单位完成、逾期、出错情况",
            ),
            (
                "report summary data --year 2023 --format md",
                "one year, as Markdown",
                "只汇总一个年度，输出 Markdown",
            ),
        ],
    },
    Page {
        name: "schema",
        about: "写出数据文件的 JSON Schema（供编辑器和校验工具使用）；说明文字在 --lang zh 时为中文，--lang en 时中英对照",
        args: &[
            (
                "out",
                "每个数据文件写一个 名称.schema.json 到这个文件夹（不指定时全部打印为一个 JSON 对象）",
                Some("目录"),
            ),
            LANG,
        ],
        after: "退出码：0 已写出，2 用法或读写失败。",
        examples: &[(
            "report schema --out schema",
            "one schema per data file, for editors",
            "每个数据文件一个 schema，供编辑器使用",
        )],
    },
    Page {
        name: "serve",
        about: "在浏览器中实时预览：保存数据文件或模板后页面自动更新，错误显示在页面上",
        args: &[
            (
                "path",
                "报告文件夹，或其上级文件夹（默认 data）",
                Some("路径"),
            ),
            (
                "port",
                "端口（默认自动选择一个空闲端口并显示）",
                Some("端口"),
            ),
            ("no_open", "不自动打开浏览器", None),
            (
                "editor",
                "点击位置时打开编辑器的链接格式，{path}、{line}、{column} 会被替换（默认 vscode://file/{path}:{line}:{column}）",
                Some("格式"),
            ),
            LANG,
        ],
        after: "只在本机地址 127.0.0.1 上提供，只提供生成的报告；按 Ctrl-C 停止。\n退出码：0 已停止，1 路径下没有报告文件夹，2 用法或读写失败。",
        examples: &[
            (
                "report serve data/taian/2020",
                "preview one report; the page follows every save",
                "预览一份报告，保存后页面随之更新",
            ),
            (
                "report serve data --port 8080 --no-open",
                "every unit, on a fixed port",
                "预览全部单位，使用固定端口",
            ),
        ],
    },
    Page {
        name: "guide",
        about: "打印中文使用说明，或写入文件：文件名以 .html 结尾时写成可打印的网页",
        args: &[
            (
                "out",
                "写入这个文件（以 .html 结尾时为网页，否则为 Markdown）；不指定时打印 Markdown",
                Some("文件"),
            ),
            LANG,
        ],
        after: "退出码：0 已写出，2 用法或读写失败。",
        examples: &[(
            "report guide --out 使用说明.html",
            "the guide as a page to read in the browser or print",
            "把使用说明写成网页，可在浏览器中阅读或打印",
        )],
    },
    Page {
        name: "completions",
        about: "打印命令行补全脚本（bash、zsh、fish、powershell、elvish）",
        args: &[
            (
                "shell",
                "shell 的名称：bash、zsh、fish、powershell 或 elvish",
                Some("shell"),
            ),
            LANG,
        ],
        after: "退出码：0 已打印。",
        examples: &[
            (
                "report completions bash > ~/.local/share/bash-completion/completions/report",
                "bash",
                "bash",
            ),
            (
                "report completions powershell >> $PROFILE",
                "PowerShell on Windows",
                "Windows 的 PowerShell",
            ),
        ],
    },
    Page {
        name: "man",
        about: "打印 man 手册页（roff 格式）",
        args: &[LANG],
        after: "退出码：0 已打印。",
        examples: &[(
            "report man > ~/.local/share/man/man1/report.1",
            "install the man page",
            "安装 man 手册页",
        )],
    },
];

/// The command line's definition in `lang`, with examples on every page.
pub fn command(lang: Lang) -> Command {
    let mut root = <super::Cli as clap::CommandFactory>::command();
    let names: Vec<String> = root
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    root = localise(root, page(""), lang, true);
    for name in names {
        let page = page(&name);
        root = root.mut_subcommand(name, |sub| localise(sub, page, lang, false));
    }
    if lang == Lang::Zh {
        root = root
            .subcommand_value_name("命令")
            .disable_help_subcommand(true)
            .disable_version_flag(true)
            .arg(
                Arg::new("version")
                    .short('V')
                    .long("version")
                    .action(ArgAction::Version)
                    .help("显示版本"),
            );
    }
    root
}

fn page(name: &str) -> &'static Page {
    PAGES
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no help page for `{name}`"))
}

/// The examples of a page, under a heading in `lang`.
fn examples(page: &Page, lang: Lang) -> String {
    let width = page
        .examples
        .iter()
        .map(|e| e.0.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::from(match lang {
        Lang::En => "Examples:",
        Lang::Zh => "示例：",
    });
    for (line, en, zh) in page.examples {
        let said = match lang {
            Lang::En => en,
            Lang::Zh => zh,
        };
        let _ = write!(out, "\n  {line:width$}  # {said}");
    }
    out
}

fn localise(mut cmd: Command, page: &Page, lang: Lang, root: bool) -> Command {
    let english_after = cmd.get_after_help().map(ToString::to_string);
    let after = match lang {
        Lang::En => english_after.unwrap_or_default(),
        Lang::Zh => page.after.to_string(),
    };
    let examples = examples(page, lang);
    let after = if after.is_empty() {
        examples
    } else {
        format!("{examples}\n\n{after}")
    };
    cmd = cmd.after_help(after.clone()).after_long_help(after);
    if lang == Lang::En {
        return cmd;
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let (_, help, value) = page
            .args
            .iter()
            .find(|(name, _, _)| *name == id)
            .unwrap_or_else(|| panic!("no Chinese help for `{} --{id}`", page.name));
        cmd = cmd.mut_arg(id, |arg| {
            let arg = arg.help(*help).long_help(None::<&str>);
            // Clap's `[default: …]` and `[possible values: …]` are English; the Chinese help
            // says them in its own words. Only an argument that takes a value has them.
            if !arg.get_action().takes_values() {
                return arg;
            }
            let arg = arg.hide_default_value(true).hide_possible_values(true);
            match value {
                Some(v) => arg.value_name(*v),
                None => arg,
            }
        });
    }
    let name = if root {
        "report".to_string()
    } else {
        format!("report {}", page.name)
    };
    let usage = usage_zh(&cmd, &name);
    // Clap's headings end in a half-width colon: the sections are laid out here instead.
    let mut template = String::from("{about-with-newline}\n用法：{usage}\n\n");
    if cmd.has_subcommands() {
        template.push_str("命令：\n{subcommands}\n\n");
    }
    if cmd.get_positionals().next().is_some() {
        template.push_str("参数：\n{positionals}\n\n");
    }
    template.push_str("选项：\n{options}{after-help}");
    cmd.about(page.about)
        .long_about(None::<&str>)
        .help_template(template)
        .override_usage(usage)
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("显示帮助"),
        )
}

/// The usage line with Chinese value names: `report build [选项] [路径]...`.
fn usage_zh(cmd: &Command, name: &str) -> String {
    let mut usage = format!("{name} [选项]");
    for arg in cmd.get_positionals() {
        let value = arg
            .get_value_names()
            .and_then(|v| v.first())
            .map_or_else(|| arg.get_id().to_string(), ToString::to_string);
        let many = matches!(arg.get_action(), ArgAction::Append)
            || arg.get_num_args().is_some_and(|n| n.max_values() > 1);
        let dots = if many { "..." } else { "" };
        if arg.is_required_set() {
            let _ = write!(usage, " <{value}>{dots}");
        } else {
            let _ = write!(usage, " [{value}]{dots}");
        }
    }
    if cmd.has_subcommands() {
        usage.push_str(" <命令>");
    }
    usage
}

/// The words clap_mangen writes itself, and what a Chinese manual page says instead.
const MAN_ZH: [(&str, &str); 9] = [
    (".SH NAME", ".SH 名称"),
    (".SH SYNOPSIS", ".SH 用法"),
    (".SH DESCRIPTION", ".SH 说明"),
    (".SH OPTIONS", ".SH 选项"),
    (".SH SUBCOMMANDS", ".SH 子命令"),
    (".SH EXTRA", ".SH 补充"),
    (".SH VERSION", ".SH 版本"),
    ("\\fIPossible values:\\fR", "\\fI可选值：\\fR"),
    ("<\\fIsubcommands\\fR>", "<\\fI子命令\\fR>"),
];

/// The manual page clap_mangen rendered from [`command`] in `lang`, with its own headings in
/// that language too.
pub fn man_in(page: &[u8], lang: Lang) -> String {
    let mut text = String::from_utf8_lossy(page).into_owned();
    if lang == Lang::Zh {
        for (en, zh) in MAN_ZH {
            text = text.replace(en, zh);
        }
    }
    text
}

/// The language asked for on the command line (`--lang zh`, `--lang=zh`), before clap has
/// parsed it: the help and clap's own errors must already speak it.
pub fn lang_of_args(args: &[std::ffi::OsString]) -> Option<Lang> {
    let mut words = args.iter().map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        let value = match word.strip_prefix("--lang") {
            Some("") => words.next().map(|w| w.to_string()),
            Some(rest) => rest.strip_prefix('=').map(ToString::to_string),
            None => None,
        };
        // `ZH`, `cn`, `中文` are typed too; clap reads the value so as well.
        if let Some(lang) = value.as_deref().and_then(super::LangArg::named) {
            return Some(lang);
        }
    }
    None
}

/// Options typed with a Chinese input method's dashes (`——lang`, `－－fix`, `—fix`) as the
/// options they are (`--lang`, `--fix`): a word of ASCII letters after them is an option's
/// name, never a folder.
pub fn options_typed_in_chinese(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    args.into_iter()
        .map(|arg| {
            let Some(text) = arg.to_str() else {
                return arg;
            };
            let name = ["——", "－－", "—"]
                .iter()
                .find_map(|dashes| text.strip_prefix(dashes));
            match name {
                Some(name)
                    if name.split('=').next().is_some_and(|n| {
                        !n.is_empty() && n.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
                    }) =>
                {
                    format!("--{name}").into()
                }
                _ => arg,
            }
        })
        .collect()
}

/// `report [--lang zh] help [COMMAND]` as `report [COMMAND] --help`.
pub fn help_as_flag(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let mut skip_value = false;
    let position = args.iter().skip(1).position(|a| {
        let a = a.to_string_lossy();
        if skip_value {
            skip_value = false;
            return false;
        }
        if a == "--lang" {
            skip_value = true;
            return false;
        }
        !a.starts_with('-')
    });
    match position.map(|p| p + 1) {
        Some(at) if args[at] == "help" => {
            let mut out: Vec<std::ffi::OsString> = args[..at].to_vec();
            out.extend(args[at + 1..].iter().cloned());
            out.push("--help".into());
            out
        }
        _ => args,
    }
}

/// Clap's own error (an unknown option, a missing value) in Chinese.
pub fn error_zh(e: &clap::Error, help: &str) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        _ => String::new(),
    };
    let arg = context(ContextKind::InvalidArg);
    let value = context(ContextKind::InvalidValue);
    let said = match e.kind() {
        ErrorKind::UnknownArgument => format!("未知的参数 {arg}"),
        ErrorKind::InvalidSubcommand => {
            format!("未知的命令 {}", context(ContextKind::InvalidSubcommand))
        }
        ErrorKind::InvalidValue if value.is_empty() => format!("{arg} 后须写一个值"),
        ErrorKind::InvalidValue => {
            let valid = context(ContextKind::ValidValue);
            if valid.is_empty() {
                format!("{arg} 的值“{value}”无效")
            } else {
                format!("{arg} 的值“{value}”无效；可选：{valid}")
            }
        }
        ErrorKind::ValueValidation => {
            // The value parsers say what they expect as `English / 中文`.
            let source = std::error::Error::source(e).map(ToString::to_string);
            match source.as_deref().and_then(|s| s.split_once(" / ")) {
                Some((_, zh)) => format!("{arg} 的值“{value}”无效：{zh}"),
                None => format!("{arg} 的值“{value}”无效"),
            }
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数 {arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "缺少命令".to_string()
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("{arg} 的值过多：{value}")
        }
        ErrorKind::ArgumentConflict => {
            format!("{arg} 不能与 {} 同时使用", context(ContextKind::PriorArg))
        }
        _ => "命令行有误".to_string(),
    };
    let suggested = match e
        .get(ContextKind::SuggestedArg)
        .or(e.get(ContextKind::SuggestedSubcommand))
    {
        Some(ContextValue::String(s)) => format!("\n  提示：是否要用 {s}？"),
        Some(ContextValue::Strings(v)) if !v.is_empty() => {
            format!("\n  提示：是否要用 {}？", v.join("、"))
        }
        _ => String::new(),
    };
    format!("错误：{said}{suggested}\n\n运行 `{help}` 查看用法。")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every page of the Chinese help, rendered.
    fn pages(lang: Lang) -> Vec<(String, String)> {
        let mut root = command(lang);
        root.build();
        let mut out = vec![("report".to_string(), root.render_long_help().to_string())];
        let names: Vec<String> = root
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect();
        for name in names {
            let sub = root.find_subcommand_mut(&name).expect("listed");
            out.push((name, sub.render_long_help().to_string()));
        }
        out
    }

    #[test]
    fn the_chinese_help_has_no_english_left() {
        let pages = pages(Lang::Zh);
        assert!(pages.len() >= 10, "{}", pages.len());
        for (name, help) in pages {
            for english in [
                "Usage",
                "Options",
                "Arguments",
                "Commands",
                "Print",
                "default:",
                "possible",
                "Examples",
                "Exit codes",
            ] {
                assert!(!help.contains(english), "{name}: `{english}` in\n{help}");
            }
            assert!(
                help.contains("用法：") && help.contains("示例："),
                "{name}:\n{help}"
            );
            // What is left in Latin letters is commands, flags, file names and values.
            for word in help.split(|c: char| !c.is_ascii_alphabetic()) {
                assert!(
                    word.len() < 3
                        || !word.chars().next().is_some_and(char::is_uppercase)
                        || [
                            "TOML",
                            "JSON",
                            "Markdown",
                            "HTML",
                            "Word",
                            "WPS",
                            "LibreOffice",
                            "UTF",
                            "GB",
                            "LC",
                            "ALL",
                            "LANG",
                            "HEAD",
                            "GitHub",
                            "Actions",
                            "Schema",
                            "PDF",
                            "Ctrl",
                            "PowerShell",
                            "Windows",
                            "PROFILE"
                        ]
                        .contains(&word),
                    "{name}: `{word}` in\n{help}"
                );
            }
        }
    }

    /// `report --lang zh man`: the page's own headings and the option texts in Chinese.
    #[test]
    fn the_chinese_manual_page_has_no_english_left() {
        let mut page = Vec::new();
        clap_mangen::Man::new(command(Lang::Zh))
            .render(&mut page)
            .unwrap();
        let zh = man_in(&page, Lang::Zh);
        for english in [
            "NAME",
            "SYNOPSIS",
            "DESCRIPTION",
            "OPTIONS",
            "Possible",
            "Print",
        ] {
            assert!(!zh.contains(english), "`{english}` in\n{zh}");
        }
        assert!(zh.contains(".SH 名称") && zh.contains(".SH 选项"), "{zh}");
        // The English page is left as it is.
        assert_eq!(man_in(&page, Lang::En), String::from_utf8(page).unwrap());
    }

    #[test]
    fn every_page_ends_with_examples_in_english_too() {
        for (name, help) in pages(Lang::En).into_iter().filter(|(n, _)| n != "help") {
            assert!(help.contains("Examples:\n  report"), "{name}:\n{help}");
        }
    }

    #[test]
    fn help_as_a_command_is_help_as_a_flag() {
        let args = |v: &[&str]| v.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        assert_eq!(
            help_as_flag(args(&["report", "--lang", "zh", "help", "build"])),
            args(&["report", "--lang", "zh", "build", "--help"])
        );
        assert_eq!(
            help_as_flag(args(&["report", "help"])),
            args(&["report", "--help"])
        );
        assert_eq!(
            help_as_flag(args(&["report", "build", "help"])),
            args(&["report", "build", "help"])
        );
    }

    #[test]
    fn the_language_is_read_before_parsing() {
        let args = |v: &[&str]| v.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        assert_eq!(
            lang_of_args(&args(&["report", "--lang", "zh", "build"])),
            Some(Lang::Zh)
        );
        assert_eq!(
            lang_of_args(&args(&["report", "build", "--lang=en"])),
            Some(Lang::En)
        );
        assert_eq!(lang_of_args(&args(&["report", "build"])), None);
    }
}
