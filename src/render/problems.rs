//! What rendering can find wrong, in both languages: minijinja's errors translated by kind,
//! and the errors of the report's own filters.

use minijinja::{Error, ErrorKind};

use super::limits::{FUEL, OutputLimit};
use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Text};

/// A template or a text used one of the report's filters wrongly.
#[derive(Debug, thiserror::Error)]
pub enum FilterError {
    /// `cn_num` of something that is not a number ≥ 0.
    #[error("cn_num needs a number ≥ 0")]
    NotACount,
    /// `cn_date` of something that is not a date.
    #[error("cn_date needs a date like 2021-01-10, got {0:?}")]
    NotADate(String),
    /// A list longer than the limit.
    #[error("more than {} items in one list", super::limits::MAX_ITEMS)]
    TooManyItems,
    /// A text longer than the limit.
    #[error("the text is longer than {} MiB", super::limits::MAX_TEXT_OUTPUT >> 20)]
    TooLong,
    /// `split("")`.
    #[error("split needs a separator that is not empty")]
    EmptySeparator,
    /// A table printed whole (`{{ leading_group }}`, `{{ leading_group | string }}`): the
    /// engine's notation of it would reach the report. Holds the names of its parts.
    #[error("a table cannot be printed as it is: name one of its parts ({})", .0.join(", "))]
    TablePrintedWhole(Vec<String>),
    /// A list printed whole (`{{ outreach.campaigns }}`, `~ ''`).
    #[error("a list cannot be printed as it is: join it with a filter (join_cn, titles, quote)")]
    ListPrintedWhole,
    /// A table or a list turned into text before printing (`| string`, `~`, `| items`).
    #[error(
        "a table or a list turned into text would print in the template engine's notation: name one of its parts or join it with a filter (join_cn)"
    )]
    NotationPrinted,
}

impl FilterError {
    fn zh(&self) -> String {
        match self {
            FilterError::NotACount => "cn_num 须用于不小于 0 的数".to_string(),
            FilterError::NotADate(got) => {
                format!("cn_date 须用于日期（如 2021-01-10），实为 {got:?}")
            }
            FilterError::TooManyItems => {
                format!("一个列表超过 {} 项", super::limits::MAX_ITEMS)
            }
            FilterError::TooLong => {
                format!("文字超过 {} MiB", super::limits::MAX_TEXT_OUTPUT >> 20)
            }
            FilterError::EmptySeparator => "split 的分隔符不能为空".to_string(),
            FilterError::TablePrintedWhole(parts) => {
                format!("表不能整个打印：请引用其中一项（{}）", parts.join("、"))
            }
            FilterError::NotationPrinted => {
                "表或列表转换成文字后会以模板引擎的记法印出：请引用其中一项，或用过滤器连接（join_cn）"
                    .to_string()
            }
            FilterError::ListPrintedWhole => {
                "列表不能整个打印：请用过滤器连接（join_cn、titles、quote）".to_string()
            }
        }
    }
}

impl From<FilterError> for Error {
    fn from(e: FilterError) -> Error {
        Error::new(ErrorKind::InvalidOperation, e.to_string()).with_source(e)
    }
}

/// A template error in both languages: its kind, and its detail where it is known.
pub fn template_error_text(err: &Error) -> Text {
    let kind = err.kind();
    let en = match err.detail() {
        Some(detail) => format!("{}: {detail}", kind_en(kind)),
        None => kind_en(kind).to_string(),
    };
    let own = std::error::Error::source(err).and_then(|s| s.downcast_ref::<FilterError>());
    let detail_zh = match own {
        Some(e) => Some(e.zh()),
        None => err.detail().and_then(|d| detail_zh(kind, d)),
    };
    let zh = match detail_zh {
        Some(detail) => format!("{}：{detail}", kind_zh(kind)),
        None => kind_zh(kind).to_string(),
    };
    Text::new(en, zh)
}

fn kind_en(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::UndefinedError => "undefined value",
        ErrorKind::UnknownFilter => "unknown filter",
        ErrorKind::UnknownFunction => "unknown function",
        ErrorKind::UnknownTest => "unknown test",
        ErrorKind::UnknownMethod => "unknown method",
        ErrorKind::SyntaxError => "syntax error",
        ErrorKind::TemplateNotFound => "template not found",
        ErrorKind::TooManyArguments => "too many arguments",
        ErrorKind::MissingArgument => "missing argument",
        ErrorKind::InvalidOperation => "invalid operation",
        ErrorKind::OutOfFuel => "too much work",
        _ => "template error",
    }
}

fn kind_zh(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::UndefinedError => "引用的数据不存在",
        ErrorKind::UnknownFilter => "未知的过滤器",
        ErrorKind::UnknownFunction => "未知的函数",
        ErrorKind::UnknownTest => "未知的检验",
        ErrorKind::UnknownMethod => "未知的方法",
        ErrorKind::SyntaxError => "模板语法错误",
        ErrorKind::TemplateNotFound => "找不到模板",
        ErrorKind::TooManyArguments => "参数过多",
        ErrorKind::MissingArgument => "缺少参数",
        ErrorKind::InvalidOperation => "无效的操作",
        ErrorKind::OutOfFuel => "计算量过大",
        _ => "模板出错",
    }
}

/// The words minijinja's parser uses for what it met and what it expected.
const TOKENS: &[(&str, &str)] = &[
    ("end of input", "文字结尾"),
    ("end of variable block", "`}}`"),
    ("end of block", "`%}`"),
    ("identifier", "名称"),
    ("expression", "表达式"),
    ("keyword", "关键字"),
    ("block keyword", "语句关键字"),
    ("missing keyword", "关键字"),
    ("assignment operator", "`=`"),
    ("comma", "`,`"),
    ("identifier or integer", "名称或整数"),
    ("string", "字符串"),
    ("integer", "整数"),
    ("number", "数字"),
    ("template data", "文字"),
    ("start of variable block", "`{{`"),
    ("start of block", "`{%`"),
];

const SYNTAX: &[(&str, &str)] = &[
    (
        "unexpected character",
        "此处有不能出现在表达式中的字符（如中文、全角标点）",
    ),
    ("unexpected end of comment", "注释未闭合"),
    ("unexpected end of raw block", "raw 块未闭合"),
    ("unexpected end of string", "字符串未闭合"),
    (
        "unexpected input after end of variable block",
        "`}}` 后有多余内容",
    ),
    ("unexpected input after expression", "表达式后有多余内容"),
    ("invalid float", "小数无效"),
    ("invalid integer (too large)", "整数过大"),
    ("expected a filter", "`|` 后应为过滤器名"),
    ("template exceeds maximum recursion limits", "嵌套层数过多"),
];

/// The Chinese of a detail minijinja gives, when its shape is known.
fn detail_zh(kind: ErrorKind, detail: &str) -> Option<String> {
    if let Some(zh) = lookup(SYNTAX, detail) {
        return Some(zh.to_string());
    }
    if let Some(name) = detail.strip_suffix(" is undefined") {
        return Some(format!("{name} 未定义"));
    }
    if kind == ErrorKind::SyntaxError {
        let rest = detail.strip_prefix("unexpected ")?;
        let (met, expected) = match rest.split_once(", expected ") {
            Some((met, expected)) => (met, Some(expected)),
            None => (rest, None),
        };
        let met = token_zh(met)?;
        return Some(match expected.map(token_zh) {
            Some(Some(expected)) => format!("此处不应有{met}，应为{expected}"),
            _ => format!("此处不应有{met}"),
        });
    }
    None
}

fn token_zh(token: &str) -> Option<String> {
    if let Some(zh) = lookup(TOKENS, token) {
        return Some(zh.to_string());
    }
    let literal = token.len() >= 2 && token.starts_with('`') && token.ends_with('`');
    literal.then(|| token.to_string())
}

fn lookup(table: &[(&str, &'static str)], en: &str) -> Option<&'static str> {
    table.iter().find(|(e, _)| *e == en).map(|&(_, zh)| zh)
}

/// Which bound an error is about, if it is one: the words for the message.
pub(crate) fn crossed(err: &Error) -> Option<(String, String)> {
    if err.kind() == ErrorKind::OutOfFuel {
        return Some((
            format!("it runs more than {FUEL} steps (a loop too long or without end)"),
            format!("运行超过 {FUEL} 步（循环过长或无法结束）"),
        ));
    }
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = cause {
        // The limit travels inside the writer's `io::Error`, which does not list its payload
        // as a source: look inside it too.
        let payload = e
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
            .and_then(|p| p.downcast_ref::<OutputLimit>());
        if let Some(OutputLimit(limit)) = e.downcast_ref::<OutputLimit>().or(payload) {
            return Some((
                format!("it would print more than {} MiB", limit >> 20),
                format!("输出将超过 {} MiB", limit >> 20),
            ));
        }
        cause = e.source();
    }
    None
}

/// The diagnostic for a template folder too large to read (E0304): more than
/// `MAX_TEMPLATE_FILES` files or
/// `MAX_TEMPLATE_BYTES` bytes.
pub(crate) fn template_folder_too_large() -> crate::diagnostic::Diagnostic {
    use super::templates::{MAX_TEMPLATE_BYTES, MAX_TEMPLATE_FILES};
    crate::diagnostic::Diagnostic::new(
        crate::codes::Code::E0304,
        crate::diagnostic::Text::new(
            format!(
                "the template folder holds more than {MAX_TEMPLATE_FILES} files or {} MiB: none of it is used",
                MAX_TEMPLATE_BYTES >> 20
            ),
            format!(
                "模板文件夹中的文件超过 {MAX_TEMPLATE_FILES} 个或 {} MiB，整个文件夹均未使用",
                MAX_TEMPLATE_BYTES >> 20
            ),
        ),
    )
    .with_hint(crate::diagnostic::Text::new(
        "keep only the templates in the templates/ folder",
        "templates/ 文件夹中只放模板文件",
    ))
}

/// What to do about a template or text that crossed a bound of [`super::limits`].
pub(crate) fn limit_hint() -> Text {
    Text::new(
        "a report needs no long loops: name the data instead of generating text (see the limits in docs/TRUST.md)",
        "报告不需要长循环：请直接引用数据，而不是用循环生成文字（见 docs/TRUST.md 中的资源上限）",
    )
}

/// The DOCX could not be written: too large (E0304), or its package failed (E0006).
pub(crate) fn docx_problem(e: &super::docx::DocxError) -> Diagnostic {
    use super::docx::{DocxError, MAX_MEGABYTES, MAX_PARAGRAPHS};
    match e {
        DocxError::TooLarge => Diagnostic::new(
            Code::E0304,
            Text::new(
                format!(
                    "the Word document would have more than {MAX_PARAGRAPHS} paragraphs or {MAX_MEGABYTES} MB"
                ),
                format!("Word 文档将超过 {MAX_PARAGRAPHS} 个段落或 {MAX_MEGABYTES} MB"),
            ),
        ),
        DocxError::Pack(e) => Diagnostic::new(
            Code::E0006,
            Text::new(
                format!("cannot write the DOCX: {e}"),
                format!("无法生成 DOCX：{e}"),
            ),
        ),
    }
}

/// A template's error (E0303 past a bound, E0301 otherwise), not yet placed.
pub(crate) fn template_problem(name: &str, err: &Error) -> Diagnostic {
    if let Some((en, zh)) = crossed(err) {
        return Diagnostic::new(
            Code::E0303,
            Text::new(
                format!("template {name}: {en}"),
                format!("模板 {name}：{zh}"),
            ),
        )
        .with_hint(limit_hint());
    }
    let message = template_error_text(err);
    Diagnostic::new(
        Code::E0301,
        Text::new(
            format!("template {name}: {}", message.en),
            format!("模板 {name} 出错：{}", message.zh),
        ),
    )
    .with_hint(Text::new(
        "check the spelling of variables and filters in the template; `report build --help` lists the filters",
        "请检查模板中变量和过滤器的拼写；`report build --help` 列出了可用的过滤器",
    ))
}

/// E0303: with the text at `place`, the report's texts print more than a page may hold.
pub(crate) fn texts_too_long(place: &Text) -> Diagnostic {
    let limit = super::limits::MAX_PAGE_OUTPUT >> 20;
    Diagnostic::new(
        Code::E0303,
        Text::new(
            format!(
                "with {}, the report's texts would print more than {limit} MiB",
                place.en
            ),
            format!("加上{}，报告各段文字的输出将超过 {limit} MiB", place.zh),
        ),
    )
    .with_hint(limit_hint())
}

/// A text in data that crossed a bound (E0303), not yet placed.
pub(crate) fn text_crossed_a_bound(place: &Text, en: &str, zh: &str) -> Diagnostic {
    Diagnostic::new(
        Code::E0303,
        Text::new(format!("{}: {en}", place.en), format!("{}：{zh}", place.zh)),
    )
    .with_hint(limit_hint())
}

/// How a text names data, with an example and the names there are.
pub(crate) fn how_to_name_data(example: &str, names: &Text) -> Text {
    Text::new(
        format!(
            "text may name data in {{{{ }}}}, e.g. {{{{ {example} }}}}; top-level names: {}",
            names.en
        ),
        format!(
            "文字中可用 `{{{{ }}}}` 引用数据，如 `{{{{ {example} }}}}`；可用的名称：{}",
            names.zh
        ),
    )
}

/// E0302: a text in data names data wrongly, not yet placed.
pub(crate) fn text_problem(place: &Text, err: &Error, hint: Text) -> Diagnostic {
    let message = template_error_text(err);
    Diagnostic::new(
        Code::E0302,
        Text::new(
            format!("in {}: {}", place.en, message.en),
            format!("{}中引用数据出错：{}", place.zh, message.zh),
        ),
    )
    .with_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_error(template: &str) -> Error {
        let mut env = minijinja::Environment::new();
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        env.render_str(template, minijinja::context! {})
            .unwrap_err()
    }

    #[test]
    fn minijinjas_errors_are_said_in_chinese_by_kind() {
        let cases = [
            (
                "{{ 法治 }}",
                "模板语法错误：此处有不能出现在表达式中的字符（如中文、全角标点）",
            ),
            ("{{ a }", "模板语法错误：此处不应有`}`，应为`}}`"),
            ("{{ x.y }}", "引用的数据不存在"),
            ("{{ 1 | nosuch }}", "未知的过滤器"),
        ];
        for (template, zh) in cases {
            let text = template_error_text(&render_error(template));
            assert!(text.zh.starts_with(zh), "{template}: {}", text.zh);
            assert!(
                !text
                    .zh
                    .split('`')
                    .step_by(2)
                    .any(|s| s.contains(|c: char| c.is_ascii_alphabetic())),
                "{template}: {}",
                text.zh
            );
        }
    }

    #[test]
    fn the_reports_own_filter_errors_are_said_in_chinese() {
        let err: Error = FilterError::EmptySeparator.into();
        let text = template_error_text(&err);
        assert_eq!(text.zh, "无效的操作：split 的分隔符不能为空");
        assert!(text.en.contains("split needs a separator"), "{}", text.en);
    }
}
