//! Every diagnostic code, with what it checks, why, and a bad and a good example —
//! the text of `report check --explain CODE` and of the README's rule list.
//!
//! The registry below is the only place a code is spelled: it generates [`Code`], whose
//! variants every stage raises, and each code's [`Entry`].

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Blocks `build`; `check` exits 1.
    Error,
    /// Printed; blocks only with `--deny-warnings`.
    Warning,
    /// Extra information.
    Note,
}

impl Severity {
    /// The lower-case English name used in machine-readable output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// What the registry says about one code.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    /// The code.
    pub code: Code,
    /// A short title, English.
    pub title: &'static str,
    /// A short title, Chinese.
    pub title_zh: &'static str,
    /// What is checked and why, English.
    pub explain: &'static str,
    /// What is checked and why, Chinese.
    pub explain_zh: &'static str,
    /// The norm or rule it comes from, English.
    pub norm: &'static str,
    /// The norm or rule it comes from, Chinese.
    pub norm_zh: &'static str,
    /// A bad example, English.
    pub bad: &'static str,
    /// A bad example, Chinese (the same as `bad` when it is data only).
    pub bad_zh: &'static str,
    /// The same, corrected, English.
    pub good: &'static str,
    /// The same, corrected, Chinese.
    pub good_zh: &'static str,
}

macro_rules! codes {
    ($( $code:ident $sev:ident [$title:literal | $title_zh:literal] $explain:literal | $explain_zh:literal; norm $norm:literal $(| $norm_zh:literal)?; bad $bad:literal $(| $bad_zh:literal)?; good $good:literal $(| $good_zh:literal)?; )*) => {
        /// A diagnostic code: `E…` for errors, `W…` for warnings. Stable across versions and
        /// languages.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(
                #[doc = $title]
                $code,
            )*
        }

        /// The registry, ordered by code.
        pub const CODES: &[Entry] = &[$( Entry {
            code: Code::$code, title: $title, title_zh: $title_zh,
            explain: $explain, explain_zh: $explain_zh,
            norm: $norm, norm_zh: codes!(@zh $norm $($norm_zh)?),
            bad: $bad, bad_zh: codes!(@zh $bad $($bad_zh)?),
            good: $good, good_zh: codes!(@zh $good $($good_zh)?),
        }, )*];

        impl Code {
            /// The code as written, e.g. `"E0101"`.
            pub const fn as_str(self) -> &'static str {
                match self { $( Code::$code => stringify!($code), )* }
            }

            /// How bad a problem of this code is.
            pub const fn severity(self) -> Severity {
                match self { $( Code::$code => codes!(@severity $sev), )* }
            }
        }
    };
    (@severity error) => { Severity::Error };
    (@zh $en:literal) => { $en };
    (@zh $en:literal $zh:literal) => { $zh };
    (@severity warning) => { Severity::Warning };
}

impl Code {
    /// The registry entry: titles, explanation, norm and examples.
    pub fn entry(self) -> &'static Entry {
        CODES
            .iter()
            .find(|e| e.code == self)
            .expect("every code has an entry: both are generated from one list")
    }

    /// The code written as `text` (case-insensitive), if there is one.
    pub fn parse(text: &str) -> Option<Code> {
        CODES
            .iter()
            .map(|e| e.code)
            .find(|c| c.as_str().eq_ignore_ascii_case(text))
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

codes! {
    E0001 error ["no report.toml" | "缺少 report.toml"]
        "A report folder is a folder with a report.toml; a PATH must be one, or hold some below it."
        | "报告文件夹须含 report.toml；所给路径须是报告文件夹，或其下有报告文件夹。";
        norm "report's folder layout" | "report 的文件夹约定";
        bad "data/taian/2020/ (only outreach.toml)" | "data/taian/2020/（只有 outreach.toml）"; good "data/taian/2020/report.toml";
    E0002 error ["cannot read a file" | "无法读取文件"]
        "The file exists but could not be read (permissions, a folder where a file should be)."
        | "文件存在但无法读取（权限不足，或同名的是文件夹）。";
        norm "—"; bad "chmod 000 report.toml"; good "chmod 644 report.toml";
    E0003 error ["not a text file" | "不是文本文件"]
        "Data files are text: UTF-8 (preferred) or GB18030/GBK. Binary data or other encodings are refused rather than read as garbled text."
        | "数据文件须是文本：UTF-8（推荐）或 GB18030/GBK。二进制数据或其他编码一律拒绝，以免生成乱码。";
        norm "—"; bad "a .docx renamed to outreach.toml" | "把 .docx 改名为 outreach.toml"; good "outreach.toml saved as UTF-8 text" | "outreach.toml 以 UTF-8 文本保存";
    W0003 warning ["file saved as GB18030/GBK" | "文件为 GB18030/GBK 编码"]
        "The file was decoded as GB18030 (as Notepad or WPS save it on a Chinese Windows) and read correctly; save it as UTF-8 so every tool reads it the same."
        | "文件按 GB18030 解码（中文 Windows 的记事本、WPS 常用此编码），已正确读取；请另存为 UTF-8，使各种工具读取一致。";
        norm "UTF-8 is the encoding of TOML (TOML 1.0 §Spec)" | "TOML 文件的编码为 UTF-8（TOML 1.0 规范）";
        bad "outreach.toml in GBK" | "GBK 编码的 outreach.toml"; good "iconv -f GB18030 -t UTF-8 outreach.toml > outreach.utf8.toml";
    E0004 error ["empty report.toml" | "report.toml 为空"]
        "report.toml must at least name the unit, the year, the date and the signer."
        | "report.toml 至少须填写单位、年度、成文日期和署名。";
        norm "—"; bad "(an empty file)" | "（空文件）"; good "year = 2020\ndate = 2021-01-10\nsigner = \"太安镇人民政府\"\n[unit]\nname = \"太安镇\"\nkind = \"township\"";
    E0005 error ["file too large" | "文件过大"]
        "A data file over 4 MiB is refused: a year's data is a few kilobytes, so it is the wrong file."
        | "超过 4 MiB 的数据文件不予读取：一年的数据只有几 KB，多半是选错了文件。";
        norm "—"; bad "a 50 MB log named report.toml" | "名为 report.toml 的 50 MB 日志"; good "report.toml of a few KB" | "几 KB 的 report.toml";
    E0006 error ["cannot write an output" | "无法写入输出文件"]
        "An output file could not be written; the previous file, if any, is left as it was."
        | "无法写入输出文件；原有文件保持不变。";
        norm "—"; bad "--out /read-only"; good "--out out";
    E0007 error ["link leading outside the tree" | "链接指向目录树之外"]
        "A data file, a template or a `previous` folder is a symbolic link that resolves outside the folder tree being built (the PATH given), or to nothing. It is not read: a folder written by someone else must not put other files of the machine into a report or its messages."
        | "数据文件、模板或 `previous` 所指文件夹是符号链接，且指向所生成目录树（命令行所给路径）之外，或指向不存在的目标。该文件不予读取：他人编写的文件夹不得把本机的其他文件带入报告或提示信息。";
        norm "—"; bad "report.toml -> /etc/passwd"; good "report.toml -> ../shared/report.toml (inside the PATH built)" | "report.toml -> ../shared/report.toml（在所生成的目录树内）";
    E0008 error ["cannot print the PDF" | "无法打印 PDF"]
        "The browser that prints report.pdf (Chromium, Google Chrome or Microsoft Edge) failed, wrote no PDF, or took too long. Nothing was written for the report: its other outputs are left as they were."
        | "打印 report.pdf 的浏览器（Chromium、Google Chrome 或 Microsoft Edge）运行失败、未写出 PDF 或超时。这份报告的输出均未写入，原有文件保持不变。";
        norm "—"; bad "REPORT_BROWSER=/usr/bin/true" | "REPORT_BROWSER 指向不能打印的程序"; good "REPORT_BROWSER=/usr/bin/chromium";
    E0101 error ["TOML syntax error" | "TOML 语法错误"]
        "The file is not valid TOML. Every syntax error is listed with its position. Common causes: Chinese quotation marks around a string, a missing `=`, an unclosed `\"\"\"`, the same key twice."
        | "文件不是合法的 TOML。每处语法错误都列出位置。常见原因：字符串用了中文引号、漏写 `=`、`\"\"\"` 未闭合、同一个键写了两次。";
        norm "TOML 1.0" | "TOML 1.0 规范";
        bad "name = “太安镇”"; good "name = \"太安镇\"";
    E0102 error ["wrong type or value" | "类型或取值不符"]
        "A value has the wrong type or an impossible value: counts are bare integers ≥ 0, dates bare TOML dates, text in double quotes, names from a fixed list where one is given."
        | "值的类型或取值不符：数量写不加引号的非负整数，日期写不加引号的 TOML 日期，文字用英文双引号，限定取值的字段只能取列出的值。";
        norm "the data model (report schema)" | "数据模型（`report schema`）";
        bad "value = \"15\""; good "value = 15";
    E0103 error ["missing field" | "缺少必填字段"]
        "A required field is missing."
        | "缺少必填字段。";
        norm "the data model (report schema)" | "数据模型（`report schema`）";
        bad "[unit]\nname = \"太安镇\""; good "[unit]\nname = \"太安镇\"\nkind = \"township\"";
    E0104 error ["unknown key" | "未知的键"]
        "A key the model does not know; usually a typo. It would be silently ignored, so it is an error, with the closest known key suggested."
        | "模型中没有这个键，多为拼写错误。若不报错，该数据会被悄悄忽略，故作为错误，并提示最接近的键名。";
        norm "the data model (report schema)" | "数据模型（`report schema`）";
        bad "with_lawyr = 13"; good "with_lawyer = 13";
    E0201 error ["block without data" | "数据块缺少数据"]
        "A section shows a block of typed data (problems, plans, posts …) that its topic file does not have."
        | "章节引用的数据块（问题、计划、站点等）在对应的数据文件中没有数据。";
        norm "—";
        bad "block = \"plans\"  # without plans.toml" | "block = \"plans\"  # 没有 plans.toml"; good "block = \"plans\"  # with [[plans]] in plans.toml" | "block = \"plans\"  # plans.toml 中有 [[plans]]";
    E0203 error ["implausible year" | "年度不合理"]
        "The report year must be between 1949 and 2100."
        | "报告年度须在 1949 至 2100 之间。";
        norm "—"; bad "year = 20"; good "year = 2020";
    E0204 error ["成文日期 before the report year" | "成文日期早于报告年度"]
        "The 成文日期 is a real calendar day after the report year began; a report cannot be signed before the year it reports on."
        | "成文日期须是真实日期，且在报告年度开始之后。";
        norm "GB/T 9704-2012 7.3.5; 厅字〔2019〕28号" | "GB/T 9704-2012 7.3.5；厅字〔2019〕28号";
        bad "year = 2020\ndate = 2019-12-31"; good "year = 2020\ndate = 2021-01-10";
    E0205 error ["empty section title" | "章节标题为空"]
        "Every section has a title (without its number)."
        | "每个章节都须有标题（不含序号）。";
        norm "GB/T 9704-2012 7.3.3"; bad "title = \"\""; good "title = \"强化组织领导\"";
    E0206 error ["`statutory_item` out of range" | "statutory_item 超出范围"]
        "statutory_item names one of the five contents of the regulation: 1 measures and results, 2 shortcomings and causes, 3 the principal leaders' duties, 4 next year's arrangements, 5 other."
        | "statutory_item 对应规定的五项内容：1 主要举措和成效，2 不足和原因，3 第一责任人职责，4 下一年度安排，5 其他。";
        norm "厅字〔2019〕28号 (the article after 第二十四条)" | "厅字〔2019〕28号 第二十五条"; bad "statutory_item = 6"; good "statutory_item = 5";
    E0207 error ["unknown id in only" | "only 中的编号不存在"]
        "`only` lists the counts or posts a block shows; each must be an id of that block's data."
        | "`only` 列出数据块要显示的数量或站点，每一项都须是该数据块中已有的编号。";
        norm "—"; bad "block = \"statistics\"\nonly = [\"reviw\"]"; good "block = \"statistics\"\nonly = [\"reviews\"]";
    W0208 warning ["event outside the report year" | "大事日期不在报告年度内"]
        "An event in `events` is dated outside the year the report is about: the report tells that year's work."
        | "`events` 中的事项日期不在报告年度内：报告所述为该年度的工作。";
        norm "厅字〔2019〕28号 (the year's work)" | "厅字〔2019〕28号（报告年度工作）";
        bad "year = 2023\n[events.plan]\ndate = 2022-03-15" ; good "year = 2023\n[events.plan]\ndate = 2023-03-15";
    W0209 warning ["last year's folder is another unit's" | "上年报告属于其他单位"]
        "`previous` names a folder whose report is of another unit (another name or kind). It is not compared with: a report's 较上年 figures come from its own unit's last report only."
        | "`previous` 所指文件夹中的报告属于其他单位（名称或类别不同），不予比较：报告中“较上年”的数字只能来自本单位上一年度的报告。";
        norm "—"; bad "previous = \"../../other/2019\"" ; good "previous = \"../2019\"";
    W0210 warning ["last year's folder has no report" | "上年报告文件夹中没有报告"]
        "`previous` names a folder that holds no report.toml (a misspelt or moved folder): there is nothing to compare with, and the report's 较上年 figures are left out."
        | "`previous` 所指的文件夹中没有 report.toml（文件夹名写错或已移走）：无从比较，报告中“较上年”的数字不会写出。";
        norm "—"; bad "previous = \"../2091\"" ; good "previous = \"../2019\"";
    W0211 warning ["成文日期 inside the report year" | "成文日期在报告年度之内"]
        "A report tells the whole of its year, so it is signed after the year ends — by the regulation's deadlines, between January and March of the next. A 成文日期 before December of the report year is most often the report year typed where the next belongs."
        | "报告所述为整个年度的工作，应在该年度结束后签发——按规定的时限，在次年1月至3月。成文日期早于报告年度的12月，多半是把次年误写成了报告年度。";
        norm "厅字〔2019〕28号 第二十三、二十四条"; bad "year = 2023\ndate = 2023-01-18"; good "year = 2023\ndate = 2024-01-18";
    E0212 error ["empty 署名" | "署名为空"]
        "`signer` is the body that signs the report (发文机关署名), printed above the 成文日期; a report without one is not a formal document."
        | "`signer` 是报告的发文机关署名，印在成文日期之上；没有署名的报告不是正式公文。";
        norm "GB/T 9704-2012 7.3.5"; bad "signer = \"\""; good "signer = \"太安镇人民政府\"";
    W0213 warning ["folder named for another year" | "文件夹名与报告年度不符"]
        "The report's folder is named by a year (`2024`) that is not its `year`: most often last year's folder copied and `year` left as it was, so the report would tell last year again."
        | "报告文件夹以年份命名（如 `2024`），却与 `year` 不符：多半是复制了上年的文件夹而没有改 `year`，报告会重述上一年。";
        norm "—"; bad "folder 2024/, year = 2023" | "文件夹 2024/，year = 2023"; good "folder 2024/, year = 2024" | "文件夹 2024/，year = 2024";
    E0301 error ["template error" | "模板错误"]
        "A template has a syntax error, an undefined variable, or an unknown filter. Undefined names are errors, never empty text."
        | "模板有语法错误、未定义的变量或未知的过滤器。未定义的名称一律报错，不会输出空白。";
        norm "—"; bad "{{ report.titel }}"; good "{{ report.title }}";
    E0302 error ["bad reference in data text" | "数据文字中的引用有误"]
        "Text in a data file names data in {{ }} that does not exist, or has a template syntax error."
        | "数据文件中的文字用 {{ }} 引用了不存在的数据，或模板语法有误。";
        norm "—"; bad "举办{{ outreach.counts.consultaton }}"; good "举办{{ outreach.counts.consultation }}";
    E0303 error ["template or text too costly" | "模板或文字运算量过大"]
        "A template, or a text in data (which is a template too), ran more than 10,000,000 steps or would print more than its bound (4 MiB for one text, 32 MiB for one page). A report needs no long loops; an endless one would otherwise never finish."
        | "模板或数据中的文字（也是模板）运行超过 10,000,000 步，或输出超过上限（单段文字 4 MiB，整页 32 MiB）。报告不需要长循环；否则无限循环将永不结束。";
        norm "report's resource limits (docs/TRUST.md)" | "report 的资源上限（见 docs/TRUST.md）";
        bad "text = \"{% for i in range(100000) %}{% for j in range(100000) %}…{% endfor %}{% endfor %}\""; good "text = \"举办{{ outreach.counts.lectures }}\"";
    E0304 error ["too large to build" | "规模过大，无法生成"]
        "A report of more than 2,000 sections, a text of more than 10,000 lines, or a Word document of more than 20,000 paragraphs or 64 MB is refused: a real report has a few dozen sections and a few hundred paragraphs, and each one costs memory in every output."
        | "章节超过 2,000 个、单段文字超过 10,000 行，或 Word 文档超过 20,000 个段落或 64 MB 的报告不予生成：真实报告只有几十个章节、几百个段落，而每一个都要占用各种输出的内存。";
        norm "report's resource limits (docs/TRUST.md)" | "report 的资源上限（见 docs/TRUST.md）";
        bad "a Markdown table of 200,000 rows in one text" | "一段文字中有 20 万行的 Markdown 表格"; good "the table's totals as counts in statistics.toml" | "把表格的合计写成 statistics.toml 中的数量";
    E0305 error ["reference typed with the wrong braces" | "引用的花括号有误"]
        "Data is named in a text as `{{ name }}`: two half-width braces on each side. Braces typed by a Chinese input method (｛｛ ｝｝) or one pair alone ({ name }) are not a reference: the report would print the braces and the name, not the value."
        | "文字中引用数据写作 `{{ 名称 }}`：两边各两个半角花括号。中文输入法打出的全角花括号（｛｛ ｝｝）或只有一对花括号（{ 名称 }）都不是引用：报告会印出括号和名称，而不是数值。";
        norm "—"; bad "text = \"全年｛｛ outreach.counts.mediations ｝｝\""; good "text = \"全年{{ outreach.counts.mediations }}\"";
    E0401 error ["statutory content missing" | "缺少法定报告内容"]
        "The report must have material for contents 1–4 of the regulation: measures and results, shortcomings and their causes, the principal leaders' duties, next year's arrangements. Mark sections with statutory_item, or use the problems, duties and plans blocks."
        | "报告须包含规定的第1至4项内容：主要举措和成效、不足和原因、党政主要负责人履行第一责任人职责情况、下一年度主要安排。请用 statutory_item 标明章节，或使用 problems、duties、plans 数据块。";
        norm "厅字〔2019〕28号, 法治政府建设年度报告主要包括下列内容（一）至（五）" | "厅字〔2019〕28号：法治政府建设年度报告主要包括下列内容（一）至（五）";
        bad "# no section has statutory_item = 3\n[[sections]]\ntitle = \"主要举措和成效\"\nstatutory_item = 1" | "# 没有 statutory_item = 3 的章节\n[[sections]]\ntitle = \"主要举措和成效\"\nstatutory_item = 1"; good "[[sections]]\ntitle = \"党政主要负责人履行推进法治建设第一责任人职责情况\"\nstatutory_item = 3";
    W0402 warning ["problem without a cause" | "问题未写原因"]
        "The regulation asks for shortcomings *and their causes*; a problem without `cause` is reported."
        | "规定要求报告“存在的不足和原因”；未填写 `cause` 的问题会被提示。";
        norm "厅字〔2019〕28号 content (二)" | "厅字〔2019〕28号 报告内容第（二）项";
        bad "[[problems]]\ntitle = \"执法队伍亟待加强\""; good "[[problems]]\ntitle = \"执法队伍亟待加强\"\ncause = \"专业人员招录困难\"";
    W0403 warning ["after the deadline" | "晚于时限"]
        "Reports are published before 1 April of the next year; departments submit theirs before 1 March. A 成文日期 after that is late."
        | "年度报告应于次年4月1日前公开；政府部门应于3月1日前报送。成文日期晚于时限即为逾期。";
        norm "厅字〔2019〕28号 第二十四条; provincial guides (3月1日 for departments)" | "厅字〔2019〕28号 第二十四条；各省指引（部门为3月1日前）";
        bad "year = 2020\ndate = 2021-04-11"; good "year = 2020\ndate = 2021-01-10";
    E0501 error ["negative count" | "数量为负"]
        "A count cannot be below zero."
        | "数量不能小于零。";
        norm "—"; bad "value = -3"; good "value = 3";
    E0502 error ["more posts than places" | "站点数多于覆盖数"]
        "Posts cannot exceed the places they cover (one post per village at most)."
        | "站点数不能多于其覆盖的村（社区）数。";
        norm "—"; bad "count = 14\nplaces = 13"; good "count = 13\nplaces = 13";
    E0503 error ["lawyer staffing contradicts the posts" | "律师配备数与站点数矛盾"]
        "More posts with a lawyer than posts, or a text claiming 全部配齐律师 while fewer posts have a lawyer."
        | "配备律师的站点多于站点总数，或文字称“全部配齐律师”而实际配备数少于站点数。";
        norm "—"; bad "count = 13\nwith_lawyer = 12  # the text: 全部配齐律师" | "count = 13\nwith_lawyer = 12  # 正文：全部配齐律师"; good "count = 13\nwith_lawyer = 13";
    E0504 error ["total is not the sum of its parts" | "合计与分项之和不符"]
        "A count with `parts` must equal the sum of those counts."
        | "填写了 `parts` 的数量须等于各分项之和。";
        norm "—"; bad "total 35, parts 30 + 0" | "合计 35，分项 30 + 0"; good "total 35, parts 35 + 0" | "合计 35，分项 35 + 0";
    E0505 error ["unknown part" | "分项不存在"]
        "`parts` names a count id that is not in the same table."
        | "`parts` 中的编号在同一表中不存在。";
        norm "—"; bad "parts = [\"uphold\"]"; good "parts = [\"upheld\"]";
    E0506 error ["list disagrees with its count" | "名单与数量不符"]
        "A count with named `items` must have as many items as its value."
        | "列出 `items` 名单的数量，其数值须等于名单条数。";
        norm "—"; bad "value = 3, two items" | "value = 3，列表两项"; good "value = 2, two items" | "value = 2，列表两项";
    E0507 error ["subset larger than its whole" | "其中项大于总数"]
        "A count listed in `subsets` (其中) is part of the count that lists it, so it cannot be larger."
        | "`subsets`（其中）所列的数量是列出它的数量的一部分，不能大于后者。";
        norm "—"; bad "value = 40\nsubsets = [\"county_level\"]  # county_level = 52" | "value = 40\nsubsets = [\"county_level\"]  # county_level = 52"; good "value = 40\nsubsets = [\"county_level\"]  # county_level = 12";
    E0508 error ["amount without its unit" | "金额缺少单位"]
        "A list item with an `amount` gives its `unit` too (`8` alone prints as （8/年）, which says nothing)."
        | "名单条目填写了 `amount` 时须同时填写 `unit`（只写 `8` 会印成“（8/年）”，含义不明）。";
        norm "GB/T 15835-2011 4.1.1" | "GB/T 15835-2011 4.1.1";
        bad "amount = 8\nper = \"年\"" ; good "amount = 8\nunit = \"万元\"\nper = \"年\"";
    W0509 warning ["余 or 多 after a number that is not round" | "“余”“多”用在非整数之后"]
        "余 and 多 mark a number as a lower bound and follow a round number: 10余件, 300多人, 1000余册. After 3 or 15 they say nothing (3余件); write the exact number or a round one."
        | "“余”“多”表示概数，用在整十、整百等整数之后：10余件、300多人、1000余册。用在3、15之后不成立（3余件），应写确数或取整数。";
        norm "GB/T 15835-2011 4.3 (approximate numbers)" | "GB/T 15835-2011 4.3（概数）";
        bad "value = 3\nqualifier = \"over\"" ; good "value = 3";
    E0601 error ["malformed 文号" | "发文字号格式错误"]
        "A 文号 is 代字〔年份〕序号号: the issuer's code, the four-digit year in 六角括号, the number, then 号."
        | "发文字号由发文机关代字、用六角括号括入的四位年份、发文顺序号和“号”字组成。";
        norm "GB/T 9704-2012 7.2.5"; bad "潼委法2020-2"; good "潼委法〔2020〕2号";
    E0602 error ["文号 year not in 六角括号" | "文号年份未用六角括号"]
        "The year of a 文号 is enclosed in 六角括号 〔〕, not [] 【】 () （）."
        | "文号中的年份用六角括号“〔〕”括入，不用 []、【】、()、（）。";
        norm "GB/T 9704-2012 7.2.5"; bad "某府发[2021]5号"; good "某府发〔2021〕5号";
    E0603 error ["文号 year not in full" | "文号年份未写全"]
        "The year of a 文号 is written in full, four digits."
        | "文号中的年份应标全称（四位）。";
        norm "GB/T 9704-2012 7.2.5"; bad "某府发〔21〕5号"; good "某府发〔2021〕5号";
    E0604 error ["leading zero in a 文号" | "文号序号有虚位"]
        "The number of a 文号 has no leading zero (1 is not written 01)."
        | "发文顺序号不编虚位（即1不编为01）。";
        norm "GB/T 9704-2012 7.2.5"; bad "某府发〔2021〕05号"; good "某府发〔2021〕5号";
    E0605 error ["第 or 字 in a 文号" | "文号中有“第”或“字”"]
        "The number of a 文号 takes no 第, and there is no 字 before it."
        | "发文顺序号不加“第”字，也不加“字”。";
        norm "GB/T 9704-2012 7.2.5"; bad "某府发〔2021〕第5号"; good "某府发〔2021〕5号";
    W0606 warning ["space in a 文号" | "文号中有空格"]
        "A 文号 has no spaces (a Word or PDF copy artefact). `check --fix` removes them."
        | "文号中不应有空格（多为从 Word 或 PDF 复制所致）。`check --fix` 可自动删除。";
        norm "GB/T 9704-2012 7.2.5" | "GB/T 9704-2012 7.2.5"; bad "潼委法〔2020〕2 号"; good "潼委法〔2020〕2号";
    W0607 warning ["文号 year after the report's date" | "文号年份晚于成文日期"]
        "A document implemented during the year cannot be issued after the report was signed."
        | "所贯彻落实的文件，其年份不应晚于本报告的成文日期。";
        norm "—"; bad "date = 2021-01-10, 某府发〔2022〕1号"; good "某府发〔2020〕1号";
    W0701 warning ["half-width punctuation in Chinese text" | "中文中使用了半角标点"]
        "Chinese text takes full-width punctuation ，；：？！（）. `check --fix` converts marks between Han characters."
        | "中文文字使用全角标点“，；：？！（）”。`check --fix` 可将汉字间的半角标点改为全角。";
        norm "GB/T 15834-2011"; bad "法律顾问制度,深入推进"; good "法律顾问制度，深入推进";
    E0702 error ["Arabic numbering with 、" | "阿拉伯数字序号后用了顿号"]
        "After an Arabic numeral used for numbering comes a dot, never a 顿号; numbers are not typed in data anyway."
        | "阿拉伯数字作序次语时后面用下脚点，不用顿号；且数据中不应手写序号。";
        norm "GB/T 15834-2011 附录B.3"; bad "3、强化经费保障"; good "强化经费保障 (the template writes 3.)" | "强化经费保障（编号“3.”由模板生成）";
    E0703 error ["numbering typed into data" | "数据中手写了序号"]
        "The templates number sections from their place (一、 （一） 1. （1））; a number typed into a title or at the start of a paragraph doubles or contradicts it."
        | "序号由模板按章节位置生成（一、（一）1.（1））；在标题或段首手写序号会重复或错乱。";
        norm "GB/T 9704-2012 7.3.3"; bad "title = \"（二）强化法治示范创建工作\""; good "title = \"强化法治示范创建工作\"";
    W0704 warning ["顿号 between titles or quotations" | "书名号或引号之间用了顿号"]
        "No 顿号 between adjacent 《》 titles or “” quotations. `check --fix` removes it."
        | "并列的书名号或引号之间不用顿号。`check --fix` 可自动删除。";
        norm "GB/T 15834-2011 4.5.3.5"; bad "《土地管理法》、《民法典》"; good "《土地管理法》《民法典》";
    W0705 warning ["day name written with a dot" | "节日简称用了圆点"]
        "Day and event names written with month and day take the 间隔号: “6·26”, “12·4”. `check --fix` converts them."
        | "以月日表示的节日、事件简称用间隔号：“6·26”“12·4”。`check --fix` 可自动改正。";
        norm "GB/T 15834-2011 4.14 (间隔号)" | "GB/T 15834-2011 4.14（间隔号）"; bad "“6.26”国际禁毒日"; good "“6·26”国际禁毒日";
    E0706 error ["unbalanced paired marks" | "成对标点不配对"]
        "Paired marks （）〔〕《》〈〉“”‘’【】 open and close in order."
        | "成对标点（）〔〕《》〈〉“”‘’【】须前后配对。";
        norm "GB/T 15834-2011"; bad "（某某发〔2021〕3号"; good "（某某发〔2021〕3号）";
    E0707 error ["angle brackets inside 《》" | "书名号内用了尖括号"]
        "A title inside a title takes 〈〉, not ASCII < >."
        | "书名号内的书名用单书名号〈〉，不用 < >。";
        norm "GB/T 15834-2011 4.15"; bad "《关于<某某办法>的通知》"; good "《关于〈某某办法〉的通知》";
    W0708 warning ["space between digits and Chinese" | "数字与汉字之间有空格"]
        "No space between a number and Chinese text (a Word or PDF copy artefact). `check --fix` removes it."
        | "数字与汉字之间不应有空格（多为从 Word 或 PDF 复制所致）。`check --fix` 可自动删除。";
        norm "GB/T 15835-2011 practice (no space between a number and Chinese)" | "GB/T 15835-2011 惯例（数字与汉字之间不加空格）"; bad "举办法律知识咨询活动 15 场"; good "举办法律知识咨询活动15场";
    E0709 error ["leading zero in a date" | "日期有虚位"]
        "Dates are written without leading zeros: 2021年1月10日."
        | "日期不编虚位：2021年1月10日。";
        norm "GB/T 9704-2012 7.3.5"; bad "2021年01月10日"; good "2021年1月10日";
    E0710 error ["full-width digits" | "全角数字"]
        "Numbers are half-width Arabic digits, never full-width ０–９."
        | "数字用半角阿拉伯数字，不用全角数字０–９。";
        norm "GB/T 15835-2011"; bad "某政发〔２０２０〕６号"; good "某政发〔2020〕6号";
    W0711 warning ["ASCII ellipsis" | "省略号不规范"]
        "The Chinese ellipsis is ……, not ... or 。。。."
        | "中文省略号为“……”，不用“...”或“。。。”。";
        norm "GB/T 15834-2011 4.11"; bad "培训..."; good "培训……";
    E0712 error ["placeholder left in" | "留有占位内容"]
        "Text still holds a placeholder (TODO, 待补充, XXX, ×××): the report is not finished."
        | "文字中仍有占位内容（TODO、待补充、XXX、×××），报告尚未完成。";
        norm "—"; bad "举办法律知识咨询活动×××场"; good "举办法律知识咨询活动15场";
    E0713 error ["control character in text" | "文字中有控制字符"]
        "A text holds a control character (U+0000–U+001F other than tab and line feed) or a noncharacter (U+FDD0–U+FDEF, U+FFFE, U+FFFF), written with an escape such as \\u0001 or \\b. XML, inside every DOCX, cannot hold it, so Word would refuse the report; in HTML it is invisible. `--fix` removes it."
        | "文字中有控制字符（U+0000–U+001F 中除制表符、换行符以外者，或非字符 U+FDD0–U+FDEF、U+FFFE、U+FFFF），多由 \\u0001、\\b 等转义写入。DOCX 内部的 XML 无法容纳，Word 会拒绝打开；在 HTML 中也不可见。`--fix` 会删除。";
        norm "XML 1.0 §2.2 (characters)" | "XML 1.0 §2.2（字符）";
        bad "text = \"依法行政\\u0001\""; good "text = \"依法行政\"";
    W0714 warning ["range written with a hyphen" | "范围用了连字符"]
        "A range of years or dates takes the 一字线 — (`2021—2025年`), a range of values the 浪纹线 ～ (`20～30人`); the hyphen is for codes, telephone numbers and ISO dates. `--fix` puts the right mark in."
        | "年份、日期的范围用一字线“—”（“2021—2025年”），数值范围用浪纹线“～”（“20～30人”）；连字符只用于代码、电话号码和 ISO 日期。`--fix` 会改为正确的符号。";
        norm "GB/T 15834-2011 4.13, 4.15" | "GB/T 15834-2011 4.13、4.15";
        bad "《某某规划（2021-2025年）》"; good "《某某规划（2021—2025年）》";
    W0715 warning ["year range without its dash" | "年份范围缺少连接号"]
        "Eight digits before 年 that read as two years (`20232027年`): the dash between them was lost."
        | "“年”前的八位数字像是两个年份（“20232027年”）：中间的连接号丢失了。";
        norm "GB/T 15834-2011 4.13" | "GB/T 15834-2011 4.13";
        bad "《规划（20232027年）》"; good "《规划（2023—2027年）》";
    W0716 warning ["year shortened or run into the text" | "年份省略或与下文相连"]
        "A year is written in full (`2020年以来`, not `20年以来`), and with its 年 (`2023年，我镇`, not `2023我镇`)."
        | "年份应写全（“2020年以来”，不写“20年以来”），并带“年”字（“2023年，我镇”，不写“2023我镇”）。";
        norm "GB/T 15835-2011" | "GB/T 15835-2011";
        bad "20年以来，我镇……"; good "2020年以来，我镇……";
    W0717 warning ["顿号 inside an approximation" | "概数中用了顿号"]
        "Two adjacent numerals that make an approximation take no 顿号 between them, and are written in Han numerals: `三四次`, `两三个`, not `三、四次` or `2、3个`. `--fix` writes them so."
        | "相邻两个数字连用表示概数，中间不用顿号，并用汉字数字：“三四次”“两三个”，不写“三、四次”“2、3个”。`--fix` 会改正。";
        norm "GB/T 15834-2011 4.5.3.5; GB/T 15835-2011 4.2" | "GB/T 15834-2011 4.5.3.5；GB/T 15835-2011 4.2";
        bad "开展三、四次"; good "开展三四次";
    W0718 warning ["quotation marks nested wrongly" | "引号嵌套不当"]
        "A quotation inside a quotation takes single marks: “学习‘八五’普法”. (Brackets inside brackets are not checked: `村（社区）` inside （ ） is usual in running text.)"
        | "引号内再用引号，内层用单引号：“学习‘八五’普法”。（括号内的括号不作检查：正文中括号内写“村（社区）”很常见。）";
        norm "GB/T 15834-2011 4.8.3.2" | "GB/T 15834-2011 4.8.3.2";
        bad "开展“学习“八五”普法”活动"; good "开展“学习‘八五’普法”活动";
    W0719 warning ["doubled stop" | "标点重复"]
        "Two stops in a row (`，，`, `，。`) or a stop right after an opening mark (`（，`). `--fix` keeps one of two equal stops."
        | "标点连用（“，，”“，。”）或开括号、开引号后紧跟点号（“（，”）。`--fix` 会删去重复的同一标点。";
        norm "GB/T 15834-2011" | "GB/T 15834-2011";
        bad "推进，，落实"; good "推进，落实";
    W0720 warning ["space beside full-width punctuation" | "全角标点旁有空格"]
        "Full-width punctuation carries its own space; a space before or after it (often from Word) is removed by `--fix`."
        | "全角标点本身占一个字的宽度，其前后不应再有空格（多由 Word 带入）。`--fix` 会删去。";
        norm "GB/T 15834-2011" | "GB/T 15834-2011";
        bad "法治 ，建设"; good "法治，建设";
    W0721 warning ["count in Han numerals" | "计数使用了汉字数字"]
        "Counts and measures are written in Arabic numerals: `15场`, not `十五场`. Fixed terms keep their Han numerals (“十四五”, 第十五届, 十余场). `--fix` writes the Arabic number."
        | "计量和计数用阿拉伯数字：“15场”，不写“十五场”。固定用语保留汉字数字（“十四五”、第十五届、十余场）。`--fix` 会改为阿拉伯数字。";
        norm "GB/T 15835-2011 4.1.1" | "GB/T 15835-2011 4.1.1";
        bad "举办法治讲座十五场"; good "举办法治讲座15场";
    W0722 warning ["one kind of count in two forms" | "同类数量写法不一"]
        "In one paragraph, counts of one measure word are written in one form: `3场讲座、15场咨询`, not `三场讲座、15场咨询`. Fixed terms (三项制度, 一是) are left alone."
        | "同一段中同一量词的数量应使用同一种数字：“3场讲座、15场咨询”，不写“三场讲座、15场咨询”。固定用语（三项制度、一是）不受影响。";
        norm "GB/T 15835-2011" | "GB/T 15835-2011";
        bad "举办三场讲座、15场咨询"; good "举办3场讲座、15场咨询";
    W0723 warning ["万, 亿 or % on one end of a range" | "范围只在一端写了万、亿或%"]
        "A range of values in 万, 亿 or % repeats it on both ends: `20万～30万元`, `15%～30%`. `--fix` adds it."
        | "以“万”“亿”“%”表示的数值范围，两端都要写：“20万～30万元”“15%～30%”。`--fix` 会补上。";
        norm "GB/T 15835-2011" | "GB/T 15835-2011";
        bad "投入20～30万元"; good "投入20万～30万元";
    W0724 warning ["stacked approximation" | "概数词叠用"]
        "One number takes one word of approximation: `约300人` or `300余人`, not `约300余人` or `约300人左右`."
        | "一个数字只用一个表示概数的词：“约300人”或“300余人”，不写“约300余人”“约300人左右”。";
        norm "editorial practice" | "编辑规范";
        bad "约300余人"; good "300余人";
    W0725 warning ["文号 cited out of place" | "引用公文时发文字号位置不当"]
        "A document is cited as 《标题》（文号）: the number after the title, in full-width round brackets — not before the title, nor after it without brackets."
        | "引用公文应先引标题，后引发文字号，发文字号用圆括号括入：《标题》（文号）。";
        norm "公文处理 practice" | "公文处理惯例";
        bad "落实某府发〔2021〕5号《实施方案》"; good "落实《实施方案》（某府发〔2021〕5号）";
    W0726 warning ["character the official fonts lack" | "字符超出公文字库"]
        "The official faces (仿宋_GB2312, 楷体_GB2312, 方正小标宋简体) hold the GB 2312 characters; a character outside them (common in names: 喆, 堃, 镕, 珺) prints in a fallback face that looks different. Install a font that has it, or list it in `style.allowed_characters` in report.toml when it must stay."
        | "公文字体（仿宋_GB2312、楷体_GB2312、方正小标宋简体）只含 GB 2312 字符；超出的字（人名常见：喆、堃、镕、珺）会用替代字体打印，字形明显不同。请安装含该字的字体，或在 report.toml 的 `style.allowed_characters` 中列出必须保留的字。";
        norm "GB/T 9704-2012 5.2.2" | "GB/T 9704-2012 5.2.2";
        bad "副镇长王喆"; good "style = { allowed_characters = \"喆\" }";
    W0727 warning ["standalone heading ends with a stop" | "单独成行的标题带句号"]
        "A heading on a line of its own takes no 。 at its end (a run-in heading does, and gets one when it has none). `--fix` removes it."
        | "单独成行的标题末尾不加句号（段首标题才加，且缺少时会自动补上）。`--fix` 会删去。";
        norm "GB/T 9704-2012 7.3.3 practice" | "GB/T 9704-2012 7.3.3 惯例";
        bad "title = \"加强组织领导。\"  # a level-1 or level-2 section" | "title = \"加强组织领导。\"  # 一级或二级标题"; good "title = \"加强组织领导\"";
    W0728 warning ["lead sentences punctuated two ways" | "段首标题标点不一致"]
        "Run-in headings (lead sentences) under one parent end the same way: all with 。 (added when a title has none) or all with ：. A sibling that ends otherwise is reported."
        | "同一上级下的段首标题（引领句）结尾标点应一致：都用句号（未写时自动补上），或都用冒号。与其余不同的会被列出。";
        norm "GB/T 15834-2011 4.1, 4.6 (consistency in one text)" | "GB/T 15834-2011 4.1、4.6（同一文中一致）";
        bad "title = \"规范决策。\"  # beside title = \"严格执法：\"" | "title = \"规范决策。\"  # 同级有 title = \"严格执法：\""; good "title = \"规范决策\"  # beside title = \"严格执法\"" | "title = \"规范决策\"  # 同级有 title = \"严格执法\"";
    W0729 warning ["paragraph without a final stop" | "段落末尾缺少标点"]
        "A paragraph of text ends with a stop (。！？…), or with ： when a list follows; a sentence left without one reads as cut off (an import that lost it, a line broken by hand)."
        | "正文段落应以句末点号（。！？…）结尾，引出列表时用冒号；缺少标点的段落读来像被截断（导入时丢失、手工断行等）。";
        norm "GB/T 15834-2011 4.1" | "GB/T 15834-2011 4.1";
        bad "text = \"全面推行三项制度\"" ; good "text = \"全面推行三项制度。\"";
    W0730 warning ["title too long" | "标题过长"]
        "A report's title names the unit, the year and the report in a few dozen characters; one over 60 holds a sentence of the intro or of the page (an import that took it in, a paste)."
        | "报告标题写明单位、年度和文种，一般几十字；超过60字的标题往往混入了导语或网页中的文字（导入或粘贴所致）。";
        norm "GB/T 9704-2012 7.3.1" | "GB/T 9704-2012 7.3.1";
        bad "title = \"某镇关于2023年法治政府建设工作的报告2023年，我镇坚持以习近平法治思想为指导，……\"" ; good "title = \"某镇关于2023年法治政府建设工作的报告\"";
}

#[cfg(test)]
mod tests {
    use super::{CODES, Code, Severity};

    #[test]
    fn codes_are_unique_and_sorted_and_their_letter_is_their_severity() {
        let number = |c: Code| c.as_str()[1..].parse::<u32>().unwrap();
        for pair in CODES.windows(2) {
            let (a, b) = (pair[0].code, pair[1].code);
            assert!(
                number(a) <= number(b) && a.as_str() != b.as_str(),
                "{a} before {b}"
            );
        }
        for e in CODES {
            let error = e.code.severity() == Severity::Error;
            assert_eq!(error, e.code.as_str().starts_with('E'), "{}", e.code);
            assert!(!e.explain.is_empty() && !e.bad.is_empty() && !e.good.is_empty());
            assert_eq!(Code::parse(&e.code.as_str().to_lowercase()), Some(e.code));
            assert_eq!(e.code.entry().code, e.code);
        }
    }
}
