//! What the commands can find wrong or have to say, in both languages: `init`'s and
//! `import`'s errors, what `import` guessed or mended on its way, and `diff`'s problems with a
//! folder. The commands pass data; the words are here.

use std::path::{Path, PathBuf};

use crate::codes::Code;
use crate::diagnostic::Text;
use crate::model::FileId;

/// `PATH: message`, in both languages.
pub fn at(path: &Path, message: &Text) -> Text {
    Text::new(
        format!("{}: {}", path.display(), message.en),
        format!("{}：{}", path.display(), message.zh),
    )
}

/// A folder that is not a report's.
pub fn not_a_report_folder() -> Text {
    let name = FileId::Report.name();
    Text::new(
        format!("not a report folder (no {name})"),
        format!("不是报告文件夹（没有 {name}）"),
    )
}

/// A data file that is not TOML, to `diff`.
pub fn not_toml() -> Text {
    Text::new(
        "not valid TOML; `report check` shows where",
        "不是合法的 TOML；运行 `report check` 查看位置",
    )
}

/// A unit with more than one report on one year, to `summary`.
pub fn repeated_unit(name: &str, year: u16, dirs: &[String]) -> Text {
    let n = dirs.len();
    Text::new(
        format!(
            "{name} has {n} reports on {year} ({}), each added to the totals: keep one",
            dirs.join(", ")
        ),
        format!(
            "{name}{year}年度有{n}份报告（{}），合计中各算了一次：请只留一份",
            dirs.join("、")
        ),
    )
}

// ---- fmt ----------------------------------------------------------------------------

/// Why a file could not be formatted.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.text().en)]
pub enum FormatError {
    /// The file is not valid TOML (the parser's words); `report check` says where.
    Syntax(String),
    /// The formatter would change a value (or produce text that does not read back, as with
    /// TOML 1.1 escapes it does not know): the file is left as it is.
    WouldChange,
}

impl FormatError {
    /// The error in both languages.
    pub fn text(&self) -> Text {
        match self {
            FormatError::Syntax(_) => not_toml(),
            FormatError::WouldChange => Text::new(
                "formatting would change a value (TOML 1.1 escapes such as \\x41 or \\e?); left unchanged",
                "格式化会改变其中的值（是否用了 \\x41、\\e 等 TOML 1.1 转义？）；未作改动",
            ),
        }
    }
}

/// A file `fmt` left as it was, and why.
pub fn not_formatted(path: &Path, why: &Text) -> Text {
    let said = at(path, why);
    Text::new(
        format!("not formatted: {}", said.en),
        format!("未格式化：{}", said.zh),
    )
}

// ---- init ------------------------------------------------------------------------------

/// Why a folder could not be made.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    /// The target exists and is not an empty folder.
    #[error(
        "{0} already exists and is not empty; existing files are never overwritten; choose another folder"
    )]
    NotEmpty(PathBuf),
    /// A file of the old folder is not valid TOML.
    #[error("{0}: not valid TOML ({1}); run `report check` on it first")]
    Syntax(PathBuf, String),
    /// The old folder has no report.toml.
    #[error("{}", at(.0, &not_a_report_folder()).en)]
    NotAReport(PathBuf),
    /// The old report's year is not one whose next year makes sense.
    #[error("{0}: year {1} is not a plausible report year; correct it first")]
    ImplausibleYear(PathBuf, i64),
    /// The folder's path climbs out with `..`: a path made from a file's words, or typed, must
    /// say where the folder is without it.
    #[error("{0}: a new report folder's path may not contain `..`")]
    NotPlain(PathBuf),
    /// A unit's name (or year) that cannot be a folder's name (it has a `/`, is `..`, is empty
    /// or still 待补充), when the folder is to be named after it.
    #[error("the unit's name {0:?} cannot name a folder: give the new folder with --out")]
    UnitName(String),
    /// The unit's folder the new one would go in is a link (to somewhere else).
    #[error("{0} is a link: the new folder is not made through it; give the new folder with --out")]
    Linked(PathBuf),
    /// A file of the old folder could not be read (said as `check` says it).
    #[error("{}", at(.0, .1).en)]
    Unreadable(PathBuf, Text),
    /// Reading or writing failed.
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
}

impl InitError {
    /// The error in both languages.
    pub fn text(&self) -> Text {
        match self {
            InitError::NotEmpty(p) => Text::new(
                self.to_string(),
                format!(
                    "{} 已存在且不是空文件夹；已有的文件从不覆盖，请换一个文件夹",
                    p.display()
                ),
            ),
            InitError::Syntax(p, _) => Text::new(
                self.to_string(),
                format!(
                    "{} 不是合法的 TOML；请先对它运行 `report check`",
                    p.display()
                ),
            ),
            InitError::NotAReport(p) => at(p, &not_a_report_folder()),
            InitError::Unreadable(p, said) => at(p, said),
            InitError::ImplausibleYear(p, y) => Text::new(
                self.to_string(),
                format!("{}：年度 {y} 不是合理的报告年度，请先改正", p.display()),
            ),
            InitError::NotPlain(p) => Text::new(
                self.to_string(),
                format!("{}：新报告文件夹的路径中不能有 `..`", p.display()),
            ),
            InitError::UnitName(name) => Text::new(
                self.to_string(),
                format!("单位名称“{name}”不能用作文件夹名：请用 --out 指定新文件夹"),
            ),
            InitError::Linked(p) => Text::new(
                self.to_string(),
                format!(
                    "{} 是链接：新文件夹不经由链接创建；请用 --out 指定新文件夹",
                    p.display()
                ),
            ),
            InitError::Io(p, e) => at(p, &crate::diagnostic::io_error_text(e)),
        }
    }
}

// ---- import ----------------------------------------------------------------------------

/// Why a file could not be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Not a kind of file the importer reads.
    #[error("not a .docx, .txt or .md file")]
    Kind,
    /// Larger than a report can be.
    #[error("larger than {0} MiB")]
    TooLarge(usize),
    /// A DOCX that is not a readable Word document.
    #[error("not a readable Word document ({0})")]
    Docx(String),
    /// An OLE compound file: a password-protected Word document, or Word 97's .doc.
    #[error(
        "an encrypted Word document or an old .doc: open it in Word and save it as .docx without a password"
    )]
    Protected,
    /// A ZIP package that is not a Word document (a spreadsheet or a presentation).
    #[error("a {0} saved as .docx, not a Word document")]
    NotWord(&'static str),
    /// Text in an encoding the importer does not read.
    #[error("not UTF-8 or GB18030 text")]
    Encoding,
    /// No report in it: no title, or no outline.
    #[error("no report found in it: {0}")]
    NoReport(&'static str),
    /// A file whose name says one kind and whose bytes another: `.docx` text, or a Word
    /// document named `.txt`. Holds the extension it should have.
    #[error("this is a {} file with another name: rename it to .{}", renamed_kind(.0), .0)]
    Renamed(&'static str),
    /// The report's year is nowhere in the text.
    #[error("the text does not say which year the report is for: give it with --year 2024")]
    NoYear,
}

impl ImportError {
    /// The error in both languages.
    pub fn text(&self) -> Text {
        let zh = match self {
            ImportError::Kind => {
                "不是 .docx、.txt 或 .md 文件（Word 97 的 .doc 请先另存为 .docx）".to_string()
            }
            ImportError::TooLarge(mib) => format!("文件超过 {mib} MiB，不像是一份报告"),
            ImportError::Docx(_) => {
                "不是可读取的 Word 文档（是否加密，或其实是表格、图片？）".to_string()
            }
            ImportError::Protected => {
                "是加密的 Word 文档或旧版 .doc：请在 Word 中打开，取消密码后另存为 .docx"
                    .to_string()
            }
            ImportError::NotWord(what) => format!(
                "是另存为 .docx 的{}，不是 Word 文档",
                match *what {
                    "spreadsheet" => "电子表格",
                    "presentation" => "演示文稿",
                    _ => "其他文件",
                }
            ),
            ImportError::Encoding => "文本既不是 UTF-8 也不是 GB18030 编码".to_string(),
            ImportError::NoReport(what) => format!("其中没有找到报告：{}", no_report_zh(what)),
            ImportError::Renamed(extension) => format!(
                "这其实是{}文件，只是扩展名不符：请改名为 .{extension}",
                if *extension == "docx" {
                    " Word "
                } else {
                    "文本"
                }
            ),
            ImportError::NoYear => {
                "原文没有写明报告年度：请用 --year 指定，如 --year 2024".to_string()
            }
        };
        Text::new(self.to_string(), zh)
    }
}

fn no_report_zh(what: &str) -> &'static str {
    match what {
        "empty" => "文件为空",
        "no text" => "文档中没有文字（只有图片？扫描件须先录入文字）",
        "no outline" => "没有“一、”开头的部分",
        _ => "无法识别",
    }
}

/// Where a fact came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// On the command line.
    Given,
    /// The title.
    Title,
    /// The letterhead.
    Letterhead,
    /// The 署名.
    Signer,
    /// The site's 发布机构.
    Publisher,
    /// The intro's first words.
    Intro,
    /// The year before the 成文日期 or the publishing date: a guess.
    DateBefore,
}

impl Source {
    /// Where, in both languages.
    fn words(self) -> (&'static str, &'static str) {
        match self {
            Source::Given => ("as given", "按命令行所给"),
            Source::Title => ("from the title", "据标题"),
            Source::Letterhead => ("from the letterhead", "据版头"),
            Source::Signer => ("from the 署名", "据署名"),
            Source::Publisher => ("from the page's 发布机构", "据网页的发布机构"),
            Source::Intro => ("from the first sentence", "据首段"),
            Source::DateBefore => ("the year before the report's date", "据日期推断为其上一年"),
        }
    }

    /// The comment that marks a guessed value in the TOML.
    pub fn mark(self) -> Option<String> {
        (self != Source::Given).then(|| format!("{}推断，请核对", self.words().1))
    }
}

/// What a renamed file is, by the extension it should have.
fn renamed_kind(extension: &str) -> &'static str {
    if extension == "docx" {
        "Word (.docx)"
    } else {
        "text"
    }
}

/// No title found in the imported text.
pub(crate) fn no_title() -> Text {
    Text::new(
        "no title found: `title` is left to fill in",
        "未找到标题：`title` 写作“待补充”，请填写",
    )
}

/// A sign-off date without its day (`text`).
pub(crate) fn partial_date(text: &str) -> Text {
    Text::new(
        format!("the date {text} has no day: 成文日期 is left to fill in"),
        format!("落款日期“{text}”不完整：成文日期写作“待补充”，请填写"),
    )
}

/// The unit `name`, found where `source` says.
pub(crate) fn unit_found(name: &str, source: Source) -> Text {
    let (en, zh) = source.words();
    Text::new(
        format!("the unit is {name} ({en})"),
        format!("单位为“{name}”（{zh}）"),
    )
}

/// No unit named in the text.
pub(crate) fn unit_unknown() -> Text {
    Text::new(
        "the unit is named nowhere: written as 待补充 (give it with --unit)",
        "原文未写明单位：写作“待补充”（可用 --unit 指定）",
    )
}

/// The unit's kind (`key`, `label`) told by its name.
pub(crate) fn kind_found(key: &str, label: &str) -> Text {
    Text::new(
        format!("its kind is {key} (from its name)"),
        format!("单位类别为“{label}”（据单位名称）"),
    )
}

/// The unit's kind not told by its name.
pub(crate) fn kind_unknown() -> Text {
    Text::new(
        "the unit's kind is not clear from its name: written as 待补充 (give it with --kind)",
        "无法从单位名称判断单位类别：写作“待补充”（可用 --kind 指定）",
    )
}

/// The report's year, found where `source` says.
pub(crate) fn year_found(year: u16, source: Source) -> Text {
    let (en, zh) = source.words();
    Text::new(
        format!("the report is for {year} ({en})"),
        format!("报告年度为{year}年（{zh}）"),
    )
}

/// No 成文日期 in the text.
pub(crate) fn no_date() -> (Code, Text) {
    (
        Code::E0712,
        Text::new(
            "no 成文日期 in the text: written as 待补充 (give it with --date)",
            "原文没有成文日期：写作“待补充”（可用 --date 指定）",
        ),
    )
}

/// No 署名 in the text.
pub(crate) fn no_signer() -> (Code, Text) {
    (
        Code::E0712,
        Text::new(
            "no 署名 in the text: written as 待补充",
            "原文没有署名：写作“待补充”",
        ),
    )
}

/// A heading numbered `3、`, taken as a level-3 heading.
pub(crate) fn arabic_dun_heading(number: &str) -> (Code, Text) {
    (
        Code::E0702,
        Text::new(
            format!(
                "`{number}`: an Arabic number takes a dot (1.), not 、; written as a level-3 heading"
            ),
            format!("“{number}”：阿拉伯数字序号后应用圆点（1.），不用顿号；已作为第三层标题"),
        ),
    )
}

/// A space after a heading's number (the heading starts `head`), taken out.
pub(crate) fn space_after_number(head: &str) -> (Code, Text) {
    (
        Code::W0720,
        Text::new(
            format!("`{head}…`: a space after the number, taken out"),
            format!("“{head}……”：序号后有空格，已删去"),
        ),
    )
}
