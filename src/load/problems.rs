//! What loading can find wrong, said in both languages: unreadable files, encodings, TOML
//! syntax and the model's types (the TOML parser's and serde's messages translated by kind).

use std::path::Path;
use std::sync::Arc;

use super::REPORT_FILE;
use super::slips::{Slip, ValueSlip};
use super::spans::{KeyPath, Segment, SpanIndex, display_path};
use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Text};
use crate::files::{self, ReadError};
use crate::source::{DecodeError, SourceFile};

/// A folder without `report.toml` (the one required file: it makes a folder a report folder).
pub(super) fn no_report_file(dir: &Path) -> Diagnostic {
    Diagnostic::new(
        Code::E0001,
        Text::new(
            format!("no {REPORT_FILE} in {}", dir.display()),
            format!("{} 中没有 {REPORT_FILE}", dir.display()),
        ),
    )
    .at_path(dir)
    .with_hint(Text::new(
        "a report folder needs report.toml; `report init DIR` creates one",
        "报告文件夹须有 report.toml；可用 `report init 文件夹` 新建",
    ))
}

/// The diagnostic for a file that could not be read (not for a missing one).
pub fn read_error(e: &ReadError, within: &Path) -> Diagnostic {
    match e {
        ReadError::Outside(target) => {
            let to = target
                .as_ref()
                .map(|t| t.display().to_string())
                .unwrap_or_default();
            Diagnostic::new(
                Code::E0007,
                Text::new(
                    format!(
                        "a link that leads outside {} ({}); it was not read",
                        within.display(),
                        if to.is_empty() { "to nothing" } else { &to },
                    ),
                    format!(
                        "链接指向 {} 之外（{}），未读取",
                        within.display(),
                        if to.is_empty() { "目标不存在" } else { &to },
                    ),
                ),
            )
            .with_hint(Text::new(
                "copy the file into the folder instead of linking to it, or build from a folder that holds both",
                "请把文件复制到报告文件夹中而不是链接，或从同时包含两者的上级文件夹生成",
            ))
        }
        ReadError::NotRegular => Diagnostic::new(
            Code::E0002,
            Text::new(
                "cannot read: not a regular file (a folder, a pipe or a device)",
                "无法读取：不是普通文件（是文件夹、管道或设备）",
            ),
        ),
        ReadError::TooLarge => Diagnostic::new(
            Code::E0005,
            Text::new(
                format!("file is larger than {} MiB", files::MAX_FILE_BYTES >> 20),
                format!("文件超过 {} MiB", files::MAX_FILE_BYTES >> 20),
            ),
        )
        .with_hint(Text::new(
            "a year's data is a few kilobytes; is this the right file?",
            "一年的数据只有几 KB，请确认文件是否正确",
        )),
        ReadError::Missing => Diagnostic::new(
            Code::E0002,
            Text::new("cannot read: no such file", "无法读取：文件不存在"),
        ),
        ReadError::Io(e) => {
            let said = crate::diagnostic::io_error_text(e);
            Diagnostic::new(
                Code::E0002,
                Text::new(
                    format!("cannot read: {}", said.en),
                    format!("无法读取：{}", said.zh),
                ),
            )
        }
    }
}

/// The diagnostic for bytes that are not text in a known encoding.
pub fn decode_error(e: DecodeError) -> Diagnostic {
    match e {
        DecodeError::Binary => Diagnostic::new(
            Code::E0003,
            Text::new(
                "not a text file (it holds binary data)",
                "不是文本文件（含有二进制数据）",
            ),
        ),
        DecodeError::Unknown => Diagnostic::new(
            Code::E0003,
            Text::new(
                "the file is neither UTF-8 nor GB18030 text",
                "文件既不是 UTF-8 也不是 GB18030 编码的文本",
            ),
        ),
        DecodeError::Other(name) => Diagnostic::new(
            Code::E0003,
            Text::new(
                format!("the file looks like {name} text; only UTF-8 and GB18030/GBK are read"),
                format!("文件似为 {name} 编码；只读取 UTF-8 和 GB18030/GBK 编码"),
            ),
        ),
    }
    .with_hint(Text::new(
        "save the file as UTF-8 text",
        "请将文件另存为 UTF-8 文本",
    ))
}

/// What a slip of the input method is, and what to type instead.
pub(super) fn slip_words(slip: Slip<'_>) -> (Text, Text) {
    match slip {
        Slip::FullWidthEquals { key, space } => (
            Text::new(
                format!(
                    "a full-width ＝{} (typed by a Chinese input method) where `=` belongs",
                    if space { " and a full-width space" } else { "" }
                ),
                format!(
                    "此处是中文输入法打出的全角等号“＝”{}，应为英文等号 `=`",
                    if space { "和全角空格" } else { "" }
                ),
            ),
            Text::new(
                format!("switch the input method to English (Shift) and write `{key} = …`"),
                format!("请切换到英文输入法（按 `Shift` 键），写作 `{key} = …`"),
            ),
        ),
        Slip::FullWidthSpace => (
            Text::new(
                "a full-width space (typed by a Chinese input method) in the line",
                "此行有中文输入法打出的全角空格，TOML 只认英文空格",
            ),
            Text::new(
                "delete the full-width space, or type an ordinary space in English mode",
                "请删去全角空格，或切换到英文输入法后输入空格",
            ),
        ),
        Slip::ChineseQuotes { key, text } => (
            Text::new(
                "the text is in Chinese quotes “…”; TOML takes only straight double quotes \"…\"",
                "文字用了中文引号“…”，TOML 只认英文双引号 \"…\"",
            ),
            Text::new(
                format!("switch the input method to English and write `{key} = \"{text}\"`"),
                format!("请切换到英文输入法，写作 `{key} = \"{text}\"`"),
            ),
        ),
        Slip::ColonForEquals { key, value } => (
            Text::new(
                "a colon where `=` belongs (a key is followed by `=` in TOML)",
                "此处用了冒号，TOML 中键后应为英文等号 `=`",
            ),
            Text::new(
                format!("write `{key} = {value}`"),
                format!("写作 `{key} = {value}`"),
            ),
        ),
        Slip::CommaInList => (
            Text::new(
                "a Chinese comma between the items of a list; TOML takes only the English comma `,`",
                "列表各项之间用了中文逗号或顿号，TOML 只认英文逗号 `,`",
            ),
            Text::new(
                "switch the input method to English and separate the items with `,`: [\"甲\", \"乙\"]",
                "请切换到英文输入法，各项之间用英文逗号分隔：[\"甲\", \"乙\"]",
            ),
        ),
        Slip::Value(value) => value_slip_words(value),
    }
}

/// The words about a value typed as a report prints it (a number with its words, a date, a
/// text without quotes, a mark after it).
fn value_slip_words(slip: ValueSlip<'_>) -> (Text, Text) {
    match slip {
        ValueSlip::NumberWithWords {
            key,
            value,
            number,
            unit,
            qualifier,
        } => number_words(key, value, number, unit, qualifier),
        ValueSlip::ChineseDate {
            key,
            year,
            month,
            day,
        } => {
            let iso = format!("{year}-{month:0>2}-{day:0>2}");
            (
                Text::new(
                    format!("`{key}` is a date: TOML writes it year-month-day"),
                    format!("`{key}` 是日期：TOML 中写作“年-月-日”"),
                ),
                Text::new(
                    format!("write `{key} = {iso}`"),
                    format!("写作 `{key} = {iso}`"),
                ),
            )
        }
        ValueSlip::MarkAfterValue { key, value } => (
            Text::new(
                "a mark after the value: each value stands alone on its line, with nothing after it",
                "值后面多了标点：TOML 每行写一个值，后面不加逗号或句号",
            ),
            Text::new(
                format!("write `{key} = {value}`"),
                format!("写作 `{key} = {value}`"),
            ),
        ),
        ValueSlip::UnquotedText { key, text } => (
            Text::new(
                "a text must be in straight double quotes \"…\"",
                "文字须用英文双引号 \"…\" 括起",
            ),
            Text::new(
                format!("switch the input method to English and write `{key} = \"{text}\"`"),
                format!("请切换到英文输入法，写作 `{key} = \"{text}\"`"),
            ),
        ),
    }
}

/// W0003: a data file saved as GB18030, read all the same.
pub(super) fn saved_as_gb18030(name: &str, source: &Arc<SourceFile>) -> Diagnostic {
    Diagnostic::new(
        Code::W0003,
        Text::new(
            format!("{name} is saved as GB18030/GBK; it was read, but UTF-8 is expected"),
            format!("{name} 以 GB18030/GBK 编码保存；已读取，但应使用 UTF-8"),
        ),
    )
    .in_file(source)
    .with_hint(Text::new(
        "save it as UTF-8 (Notepad: Save As → Encoding: UTF-8; WPS: 另存为 → 编码 UTF-8), or run `iconv -f GB18030 -t UTF-8`",
        "请另存为 UTF-8 编码（记事本：另存为 → 编码选 UTF-8；WPS：另存为 → 编码 UTF-8），或运行 `iconv -f GB18030 -t UTF-8`",
    ))
}

/// E0004: a required data file with nothing in it.
pub(super) fn empty_file(name: &str, source: &Arc<SourceFile>) -> Diagnostic {
    Diagnostic::new(
        Code::E0004,
        Text::new(format!("{name} is empty"), format!("{name} 是空文件")),
    )
    .in_file(source)
    .with_hint(Text::new(
        "was it saved before it was filled in? `report init NEW --from LAST-YEAR` or `report init NEW` writes one to fill in",
        "是否尚未填写就保存了？可用 `report init 新文件夹 --from 上年文件夹` 或 `report init 新文件夹` 生成待填写的文件",
    ))
}

/// A number typed with words around it: the number alone, its qualifier and unit apart.
fn number_words(
    key: &str,
    value: &str,
    number: &str,
    unit: &str,
    qualifier: Option<(&str, &str)>,
) -> (Text, Text) {
    // The digits as TOML reads them: ASCII, without thousands' commas.
    let digits: String = number
        .chars()
        .filter(|c| *c != ',')
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            c => c,
        })
        .collect();
    let mut write = vec![format!("`{key} = {digits}`")];
    if let Some((_, q)) = qualifier {
        write.push(format!("`qualifier = \"{q}\"`"));
    }
    if !unit.is_empty() {
        write.push(format!("`unit = \"{unit}\"`"));
    }
    let words = qualifier.map_or(String::new(), |(w, _)| {
        format!("（“{w}”由 `qualifier` 表示）")
    });
    (
        Text::new(
            format!("`{value}`: a number is written as digits alone"),
            format!("“{value}”不只是数字：数值只写半角数字"),
        ),
        Text::new(
            format!("write {}", write.join(", ")),
            format!("写作 {}{words}", write.join("，")),
        ),
    )
}

pub(super) fn syntax_error(source: &Arc<SourceFile>, err: &toml::de::Error) -> Diagnostic {
    let slip = err.span().and_then(|span| {
        let line = source.position(span.start.min(source.text.len())).line;
        let range = source.line_range(line);
        let (slip, at) = super::slips::slip_on(source.text.get(range.clone())?)?;
        let (message, hint) = slip_words(slip);
        Some((message, hint, range.start + at.start..range.start + at.end))
    });
    if let Some((message, hint, at)) = slip {
        return Diagnostic::new(Code::E0101, message)
            .with_hint(hint)
            .at(source, at);
    }
    let message = first_line(err.message());
    let zh = syntax_zh(&message);
    let hint = if message.contains("duplicate key") {
        Text::new(
            "this key is already set above in the same table: keep one",
            "同一表中前面已有这个键，请只保留一个",
        )
    } else if message.contains("recurs") {
        Text::new(
            "values nested this deep are not report data; is this the right file?",
            "嵌套如此之深的值不是报告数据，请确认文件是否正确",
        )
    } else {
        Text::new(
            "strings need double quotes, keys are written `key = value`, tables `[name]`",
            "字符串须用英文双引号括起，键值写作 `键 = 值`，表写作 `[名称]`",
        )
    };
    let diag = Diagnostic::new(
        Code::E0101,
        Text::new(
            format!("TOML syntax: {message}"),
            format!("TOML 语法错误：{zh}"),
        ),
    )
    .with_hint(hint);
    match err.span() {
        Some(span) => diag.at(source, span),
        None => diag.in_file(source),
    }
}

pub(super) fn type_error(source: &Arc<SourceFile>, err: &toml::de::Error) -> Diagnostic {
    let raw = first_line(err.message());
    let (code, message, hint) = describe_serde_error(&raw);
    let diag = Diagnostic::new(code, message).with_hint(hint);
    match err.span() {
        // A field missing from the top of the file is said where its keys start, not at the
        // `#:schema` line or the comments above them.
        Some(span) if code == Code::E0103 && span.start == 0 => {
            let start = first_key_line(&source.text);
            diag.at(source, start..start.max(span.end.min(start + 1)))
        }
        Some(span) => diag.at(source, span),
        None => diag.in_file(source),
    }
}

/// The byte offset of the first line that is neither blank nor a comment.
fn first_key_line(text: &str) -> usize {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if !(trimmed.is_empty() || trimmed.starts_with('#')) {
            return at + (line.len() - trimmed.len());
        }
        at += line.len();
    }
    0
}

/// Says serde's messages in the report's terms, in both languages.
fn describe_serde_error(raw: &str) -> (Code, Text, Text) {
    if let Some(field) = raw
        .strip_prefix("missing field `")
        .and_then(|r| r.split('`').next())
    {
        return (
            Code::E0103,
            Text::new(
                format!("missing field `{field}`"),
                format!("缺少必填字段 `{field}`"),
            ),
            Text::new(
                format!("add `{field} = …` here; `report check --explain E0103` shows an example"),
                format!("请在此处补上 `{field} = …`；`report check --explain E0103` 有示例"),
            ),
        );
    }
    if let Some(rest) = raw.strip_prefix("unknown variant `") {
        return unknown_variant(rest);
    }
    if let Some(rest) = raw.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        let (en, zh) = expected_words(expected);
        return (
            Code::E0102,
            Text::new(
                format!("wrong type: expected {en}, found {found}"),
                format!("类型不符：应为{zh}，实为{}", found_zh(found)),
            ),
            type_hint(),
        );
    }
    if let Some(rest) = raw.strip_prefix("invalid value: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        let (en, zh) = expected_words(expected);
        return (
            Code::E0102,
            Text::new(
                format!("invalid value {found}: expected {en}"),
                format!("取值无效：{}，应为{zh}", found_zh(found)),
            ),
            if found.contains('-') {
                Text::new("counts are 0 or more", "数量须不小于 0")
            } else {
                type_hint()
            },
        );
    }
    (Code::E0102, custom_message(raw), type_hint())
}

/// serde's "unknown variant `x`, expected one of `a`, `b`": the value and the nearest names.
fn unknown_variant(rest: &str) -> (Code, Text, Text) {
    let mut parts = rest.splitn(2, "`, expected ");
    let found = parts.next().unwrap_or("");
    let expected = parts.next().unwrap_or("");
    let options: Vec<&str> = expected
        .trim_start_matches("one of ")
        .split(", ")
        .map(|o| o.trim_matches('`'))
        .filter(|o| !o.is_empty())
        .collect();
    let hint = choice_hint(found, &options)
        .unwrap_or_else(|| crate::suggest::hint(found, &options, ("one of: ", "可选值：")));
    (
        Code::E0102,
        Text::new(
            format!("`{found}` is not one of the allowed values"),
            format!("`{found}` 不是允许的取值"),
        ),
        hint,
    )
}

/// The hint for a value that is not one of a choice the schema names in words (a unit's
/// kind): the value whose name was written (`乡镇` → `township`), else the nearest value by
/// spelling, else every value with its name (`township`（乡镇）).
fn choice_hint(found: &str, options: &[&str]) -> Option<Text> {
    let names = crate::schema::names_of_choice(options);
    if names.is_empty() {
        return None;
    }
    if let Some((value, name)) = names.iter().find(|(_, name)| name == found) {
        return Some(Text::new(
            format!("write the value, not its name: `{value}` ({name})"),
            format!("请写取值而不是名称：`{value}`（{name}）"),
        ));
    }
    if let Some(close) = crate::suggest::closest(found, options.iter().copied()) {
        return Some(crate::suggest::did_you_mean(close));
    }
    let gloss = |v: &str, n: &str, open: &str, close: &str| {
        if v == n {
            format!("`{v}`")
        } else {
            format!("`{v}`{open}{n}{close}")
        }
    };
    let en: Vec<String> = names.iter().map(|(v, n)| gloss(v, n, " (", ")")).collect();
    let zh: Vec<String> = names.iter().map(|(v, n)| gloss(v, n, "（", "）")).collect();
    Some(Text::new(
        format!("one of: {}", en.join(", ")),
        format!("可选值：{}", zh.join("、")),
    ))
}

/// How each kind of value is written.
fn type_hint() -> Text {
    Text::new(
        "counts are bare integers (15, not \"15\"), dates bare dates (2021-01-10), text in double quotes",
        "数量写整数（15，不加引号），日期写 2021-01-10（不加引号），文字用英文双引号括起",
    )
}

/// serde's "expected …" in words a clerk knows, in both languages.
fn expected_words(expected: &str) -> (String, String) {
    let (en, zh) = match expected {
        "u8" | "u16" | "u32" | "u64" | "usize" => ("a whole number ≥ 0", "不小于 0 的整数"),
        "i8" | "i16" | "i32" | "i64" | "isize" | "an integer" => ("a whole number", "整数"),
        "a boolean" => ("true or false", "true 或 false"),
        "a string" | "a borrowed string" | "a character" => {
            ("text in double quotes", "用英文双引号括起的文字")
        }
        "a sequence" => ("a list [ … ]", "列表 [ … ]"),
        "a TOML datetime" => (
            "a date like 2021-01-10 (without quotes)",
            "日期（如 2021-01-10，不加引号）",
        ),
        other if other.starts_with("a number") => (
            "a number (15 or 98.5, without quotes)",
            "数字（如 15 或 98.5，不加引号）",
        ),
        other if other.starts_with("struct ") || other.contains("map") => {
            ("a table ([name] or { … })", "表（[名称] 或 { … }）")
        }
        other if other.starts_with("enum ") || other.starts_with("variant ") => {
            ("one of the allowed names", "允许的取值之一")
        }
        other => return (other.to_string(), "符合要求的值".to_string()),
    };
    (en.to_string(), zh.to_string())
}

/// serde's `Unexpected` (`string "15"`, `integer `5``, `sequence`, `map` …) in Chinese.
fn found_zh(found: &str) -> String {
    const KINDS: &[(&str, &str)] = &[
        ("string ", "字符串 "),
        ("integer ", "整数 "),
        ("floating point ", "小数 "),
        ("boolean ", "布尔值 "),
        ("char ", "字符 "),
    ];
    const WHOLE: &[(&str, &str)] = &[
        ("sequence", "列表"),
        ("map", "表"),
        ("unit value", "空值"),
        ("option", "可选值"),
    ];
    if let Some((en, zh)) = KINDS.iter().find(|(en, _)| found.starts_with(en)) {
        return format!("{zh}{}", &found[en.len()..]);
    }
    WHOLE
        .iter()
        .find(|(en, _)| found == *en)
        .map_or("其他类型的值", |(_, zh)| zh)
        .to_string()
}

/// The model's own messages (see `model::common`) and serde's remaining ones; a message not
/// known here is said in Chinese without its English words.
fn custom_message(raw: &str) -> Text {
    let zh = if let Some(found) = raw.strip_prefix("expected a date like 2021-01-10, found ") {
        format!("应为日期（如 2021-01-10），实为 {found}")
    } else if let Some(date) = raw.strip_suffix(" is not a day of the calendar") {
        format!("{date} 不是日历上的日期")
    } else if raw == "number too large" {
        "数字过大".to_string()
    } else if raw == "expected a finite number" {
        "应为有限的数字".to_string()
    } else if let Some(rest) = raw.strip_prefix("invalid length ") {
        let n = rest.split(',').next().unwrap_or("");
        format!("元素个数（{n}）不符合要求")
    } else if let Some(field) = raw
        .strip_prefix("duplicate field `")
        .and_then(|r| r.split('`').next())
    {
        format!("字段 `{field}` 写了两次")
    } else {
        "数据不符合要求".to_string()
    };
    Text::new(raw.to_string(), zh)
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or("").trim().to_string()
}

pub(super) fn unknown_key(
    source: &Arc<SourceFile>,
    spans: &SpanIndex,
    schema: &serde_json::Value,
    path: &KeyPath,
) -> Diagnostic {
    let key = match path.last() {
        Some(Segment::Key(k)) => k.to_string(),
        _ => display_path(path),
    };
    let known = known_keys(schema, &path[..path.len().saturating_sub(1)]);
    let hint = if known.is_empty() {
        Text::new("remove this key", "请删除此键")
    } else {
        crate::suggest::hint(&key, &known, ("known keys here: ", "此处可用的键："))
    };
    let diag = Diagnostic::new(
        Code::E0104,
        Text::new(
            format!("unknown key `{}`", display_path(path)),
            format!("未知的键 `{}`", display_path(path)),
        ),
    )
    .with_hint(hint);
    match spans.nearest(path) {
        Some(span) => diag.at(source, span),
        None => diag.in_file(source),
    }
}

/// The keys the schema allows in the table at `path`.
pub fn known_keys(schema: &serde_json::Value, path: &[Segment]) -> Vec<String> {
    let mut node = crate::schema::resolve(schema, schema);
    for seg in path {
        node = match seg {
            Segment::Index(_) => node.get("items").map(|n| crate::schema::resolve(schema, n)),
            Segment::Key(k) => node
                .get("properties")
                .and_then(|p| p.get(&**k))
                .or_else(|| node.get("additionalProperties"))
                .map(|n| crate::schema::resolve(schema, n)),
        }
        .unwrap_or(&serde_json::Value::Null);
    }
    node.get("properties")
        .and_then(|p| p.as_object())
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

/// A path as people say it: `第1章第2节的正文` / `the text of section 1.2`. Sections are
/// counted from 1; a path of another shape is shown as written, as a `code span`.
pub fn path_label(path: &[Segment]) -> Text {
    use super::spans::{Segment, display_path};
    use std::fmt::Write as _;
    let mut numbers: Vec<usize> = Vec::new();
    let mut rest = path;
    while let [Segment::Key(k), Segment::Index(i), tail @ ..] = rest
        && &**k == "sections"
    {
        numbers.push(i + 1);
        rest = tail;
    }
    let field = match rest {
        [] => Some(("", "")),
        [Segment::Key(k)] => match &**k {
            "text" => Some(("text", "正文")),
            "title" => Some(("title", "标题")),
            "intro" => Some(("intro", "导语")),
            "lead" => Some(("lead sentence", "引领句")),
            _ => None,
        },
        _ => None,
    };
    let Some((en, zh)) = field else {
        let written = format!("`{}`", display_path(path));
        return Text::new(written.clone(), written);
    };
    if numbers.is_empty() {
        return Text::new(format!("the {en}"), zh.to_string());
    }
    let dotted: Vec<String> = numbers.iter().map(ToString::to_string).collect();
    let section_en = format!("section {}", dotted.join("."));
    let mut section_zh = String::new();
    for (depth, n) in numbers.iter().enumerate() {
        let unit = match depth {
            0 => "章",
            1 => "节",
            _ => "小节",
        };
        let _ = write!(section_zh, "第{n}{unit}");
    }
    if en.is_empty() {
        Text::new(section_en, section_zh)
    } else {
        Text::new(
            format!("the {en} of {section_en}"),
            format!("{section_zh}的{zh}"),
        )
    }
}

// ---- The TOML parser's messages in Chinese ----------------------------------------------
//
// The TOML parser's messages in Chinese.
//
// `toml` reports a syntax error as `DESCRIPTION, expected A, B, …` (and a bad date as
// `invalid WHAT, expected …`), where each expected item is a `literal` in backticks or a
// short description. The parser has a fixed set of these phrases; each is translated here.
// A phrase this table does not know (a newer parser) gives a general Chinese sentence rather
// than English: with `--lang zh` the user reads no English.

/// The parser's descriptions of what went wrong, and their Chinese.
const DESCRIPTIONS: &[(&str, &str)] = &[
    ("`_` may only go between digits", "`_` 只能写在两个数字之间"),
    (
        "carriage return must be followed by newline",
        "回车符后须紧跟换行符",
    ),
    ("duplicate key", "重复的键"),
    ("recursion limit", "嵌套层数过多"),
    (
        "cannot recurse further; max recursion depth met",
        "嵌套层数过多",
    ),
    ("extra `=`", "多余的 `=`"),
    (
        "extra assignment between key-value pairs",
        "键值对之间多了赋值",
    ),
    ("extra comma in array", "列表中多了逗号"),
    ("extra comma in inline table", "内联表中多了逗号"),
    (
        "integers with a radix cannot be signed",
        "带进制前缀的整数不能有正负号",
    ),
    ("invalid basic string", "字符串无效"),
    ("invalid binary number", "二进制数无效"),
    ("invalid boolean", "布尔值无效（只能写 true 或 false）"),
    ("invalid comment character", "注释中有不允许的字符"),
    ("invalid date-time", "日期时间无效"),
    ("invalid exponent", "指数无效"),
    ("invalid float", "小数无效"),
    ("invalid fraction", "小数部分无效"),
    ("invalid hexadecimal number", "十六进制数无效"),
    ("invalid inline table element", "内联表的元素无效"),
    ("invalid integer number", "整数无效"),
    ("invalid key", "键无效"),
    ("invalid key-value pair", "键值对无效"),
    ("invalid literal string", "单引号字符串无效"),
    ("invalid mantissa", "数字无效"),
    ("invalid multi-line basic string", "多行字符串无效"),
    ("invalid multi-line literal string", "多行单引号字符串无效"),
    ("invalid octal number", "八进制数无效"),
    ("invalid string", "字符串无效"),
    ("invalid table", "表无效"),
    ("invalid unquoted key", "不加引号的键中有不允许的字符"),
    ("invalid value", "值无效"),
    ("key with no value", "键后面没有值"),
    (
        "keys cannot be multi-line basic strings",
        "键不能是多行字符串",
    ),
    (
        "keys cannot be multi-line literal strings",
        "键不能是多行字符串",
    ),
    ("missing array opening", "列表缺少开头的 `[`"),
    (
        "missing assignment between key-value pairs",
        "键和值之间缺少 `=`",
    ),
    (
        "missing comma between array elements",
        "列表元素之间缺少逗号",
    ),
    (
        "missing comma between key-value pairs",
        "键值对之间缺少逗号",
    ),
    ("missing comment start", "注释缺少开头的 `#`"),
    ("missing escaped value", "转义符 `\\` 后缺少内容"),
    ("missing inline table opening", "内联表缺少开头的 `{`"),
    ("missing key for inline table element", "内联表的元素缺少键"),
    ("missing opening quote", "缺少开头的引号"),
    ("missing table open", "表缺少开头的 `[`"),
    ("missing value for key", "键缺少值"),
    ("missing value", "缺少值"),
    ("radix must be lowercase", "进制前缀须小写"),
    ("redundant integer number prefix", "多余的整数前缀"),
    ("redundant numeric sign", "多余的正负号"),
    ("string values must be quoted", "文字须用英文双引号括起"),
    ("too few unicode value digits", "Unicode 转义的位数不够"),
    ("unclosed array table", "表数组的名称未闭合"),
    ("unclosed array", "列表未闭合"),
    ("unclosed inline table", "内联表未闭合"),
    ("unclosed table", "表名未闭合"),
    ("unexpected `=` in array", "列表中出现了 `=`"),
    (
        "unexpected content between comment and newline",
        "注释与换行之间有多余内容",
    ),
    ("unexpected content", "多余的内容"),
    ("unexpected key or value", "此处不应有键或值"),
    ("unexpected leading zero", "数字不能以 0 开头"),
    ("unexpected sign", "此处不应有正负号"),
    ("unquoted keys cannot be empty", "不加引号的键不能为空"),
    // Dates and times (`invalid WHAT`).
    ("invalid date", "日期无效"),
    ("invalid time", "时间无效"),
    ("invalid datetime", "日期时间无效"),
    ("invalid offset", "时区无效"),
    ("invalid year", "年份无效"),
    ("invalid month", "月份无效"),
    ("invalid day", "日无效"),
    ("invalid hour", "小时无效"),
    ("invalid minute", "分钟无效"),
    ("invalid second", "秒无效"),
    ("invalid nanosecond", "秒的小数部分无效"),
];

/// The parser's descriptions of what it expected, and their Chinese.
const EXPECTED: &[(&str, &str)] = &[
    ("nothing", "无内容"),
    ("newline", "换行"),
    ("basic string", "字符串"),
    ("characters", "字符"),
    ("digits", "数字"),
    ("key", "键"),
    ("letters", "字母"),
    ("literal string", "单引号字符串"),
    ("multi-line basic string", "多行字符串"),
    (
        "non-double-quote visible characters",
        "双引号以外的可见字符",
    ),
    ("non-single-quote characters", "单引号以外的字符"),
    (
        "non-single-quote visible characters",
        "单引号以外的可见字符",
    ),
    ("numbers", "数字"),
    ("printable characters", "可打印字符"),
    ("unicode hexadecimal value", "十六进制的 Unicode 码"),
    ("value", "值"),
    ("a four-digit year (YYYY)", "四位数的年份（YYYY）"),
    ("a two-digit month (MM)", "两位数的月份（MM）"),
    ("a two-digit day (DD)", "两位数的日（DD）"),
    ("a two-digit hour (HH)", "两位数的小时（HH）"),
    ("a two-digit minute (MM)", "两位数的分钟（MM）"),
    ("a two-digit second (SS)", "两位数的秒（SS）"),
    ("`-` (MM-DD)", "`-`（MM-DD）"),
    (
        "`-` (YYYY-MM) or `:` (HH:MM)",
        "`-`（YYYY-MM）或 `:`（HH:MM）",
    ),
    ("`:` (HH:MM)", "`:`（HH:MM）"),
    ("`T` between date and time", "日期与时间之间的 `T`"),
    ("`Z`", "`Z`"),
    ("+OFFSET", "+时区"),
    ("-OFFSET", "-时区"),
    ("year or hour", "年份或小时"),
];

/// Units of a date or time, for `day between 01 and 29`.
const UNITS: &[(&str, &str)] = &[
    ("month", "月份"),
    ("day", "日"),
    ("hour", "小时"),
    ("hours", "小时"),
    ("minute", "分钟"),
    ("minutes", "分钟"),
    ("second", "秒"),
];

/// The Chinese of one message of the TOML parser (first line only).
fn syntax_zh(message: &str) -> String {
    let (what, expected) = match message.split_once(", expected ") {
        // The parser expects a 'literal string' there, which only confuses: quotes are asked for.
        Some((what @ "string values must be quoted", _)) => (what, None),
        Some((what, expected)) => (what, Some(expected)),
        None => (message, None),
    };
    let Some(what) = lookup(DESCRIPTIONS, what) else {
        return "此处不符合 TOML 语法".to_string();
    };
    match expected.map(expected_zh) {
        Some(Some(items)) => format!("{what}，此处应为{items}"),
        _ => what.to_string(),
    }
}

/// `newline, `#`` → `换行、`#``; `None` when an item is not known.
fn expected_zh(list: &str) -> Option<String> {
    let items: Option<Vec<String>> = split_items(list).into_iter().map(item_zh).collect();
    Some(items?.join("、"))
}

/// Splits `a, `,`, b` at the commas between items (a comma inside backticks is a literal).
fn split_items(list: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut start, mut in_literal) = (0, false);
    for (i, c) in list.char_indices() {
        match c {
            '`' => in_literal = !in_literal,
            ',' if !in_literal && list[i..].starts_with(", ") => {
                items.push(&list[start..i]);
                start = i + 2;
            }
            _ => {}
        }
    }
    items.push(&list[start..]);
    items
}

fn item_zh(item: &str) -> Option<String> {
    if let Some(zh) = lookup(EXPECTED, item) {
        return Some(zh.to_string());
    }
    // A literal: shown as it is.
    if item.len() >= 2 && item.starts_with('`') && item.ends_with('`') || item == "'`'" {
        return Some(item.to_string());
    }
    // `day between 01 and 29`
    let (unit, range) = item.split_once(" between ")?;
    let (low, high) = range.split_once(" and ")?;
    let unit = lookup(UNITS, unit)?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(low) && digits(high)).then(|| format!("{low}至{high}之间的{unit}"))
}

fn lookup(table: &[(&str, &'static str)], en: &str) -> Option<&'static str> {
    table.iter().find(|(e, _)| *e == en).map(|&(_, zh)| zh)
}

#[cfg(test)]
mod toml_words {
    use super::syntax_zh;

    #[test]
    fn the_parsers_messages_are_said_in_chinese() {
        let cases = [
            (
                "invalid date, expected day between 01 and 29",
                "日期无效，此处应为01至29之间的日",
            ),
            (
                "key with no value, expected `=`",
                "键后面没有值，此处应为`=`",
            ),
            (
                "unexpected key or value, expected newline, `#`",
                "此处不应有键或值，此处应为换行、`#`",
            ),
            ("extra `=`, expected nothing", "多余的 `=`，此处应为无内容"),
            ("unclosed table, expected `]`", "表名未闭合，此处应为`]`"),
            (
                "missing comma between array elements, expected `,`, `]`",
                "列表元素之间缺少逗号，此处应为`,`、`]`",
            ),
            ("duplicate key", "重复的键"),
            ("recursion limit", "嵌套层数过多"),
            (
                "cannot recurse further; max recursion depth met",
                "嵌套层数过多",
            ),
            // Unknown phrases never come through in English.
            ("a phrase of a newer parser", "此处不符合 TOML 语法"),
            ("invalid value, expected something new", "值无效"),
        ];
        for (en, zh) in cases {
            assert_eq!(syntax_zh(en), zh, "{en}");
        }
    }

    /// Every phrase the parser has: none may come out with an English word.
    #[test]
    fn every_known_phrase_is_chinese() {
        for (_, zh) in super::DESCRIPTIONS.iter().chain(super::EXPECTED) {
            let outside_code: String = zh.split('`').step_by(2).collect();
            assert!(
                !outside_code
                    .split(|c: char| !c.is_ascii_alphabetic())
                    .any(|w| w.len() > 1
                        && ![
                            "TOML", "Unicode", "true", "false", "YYYY", "MM", "DD", "HH", "SS"
                        ]
                        .contains(&w)),
                "{zh}"
            );
        }
    }
}
