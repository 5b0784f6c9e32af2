//! `report guide`: the Chinese user guide (使用说明) the program carries, printed as Markdown or
//! written as a printable HTML page, so that a clerk with only the program has the guide too.

use std::path::{Path, PathBuf};

use super::{CliError, CliResult, Status, Ui};
use crate::diagnostic::Text;

/// The guide, as `docs/使用说明.md` has it.
pub const GUIDE: &str = include_str!("../../docs/使用说明.md");

/// The guide's stylesheet.
const STYLE: &str = include_str!("../../templates/guide.css");

/// Arguments of `report guide`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write the guide to this file: an HTML page to read or print when the name ends in
    /// `.html`, the Markdown otherwise (without it, print the Markdown).
    #[arg(long, short)]
    out: Option<PathBuf>,
}

/// Runs `report guide`.
pub fn run(args: Args, ui: &Ui) -> CliResult {
    let Some(out) = args.out else {
        return super::print_out(GUIDE.as_bytes()).map(|()| Status::Success);
    };
    let is_html = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    if let Some(refused) = not_a_guide(&out) {
        return Err(refused);
    }
    let bytes = if is_html {
        page(GUIDE)
    } else {
        GUIDE.to_string()
    };
    ui.write(&out, bytes.as_bytes())?;
    Ok(Status::Success)
}

/// A file at `out` that is not an earlier copy of the guide (a Word document given by
/// mistake, a link): it is never replaced.
fn not_a_guide(out: &Path) -> Option<CliError> {
    let meta = std::fs::symlink_metadata(out).ok()?;
    let earlier = meta.is_file()
        && std::fs::read(out).is_ok_and(|b| String::from_utf8_lossy(&b).contains(TITLE));
    (!earlier).then(|| {
        let shown = out.display();
        CliError::failure(Text::new(
            format!("{shown} exists and is not the guide: it is left as it is; give another name"),
            format!("{shown} 已存在，且不是使用说明：未覆盖，请换一个文件名"),
        ))
    })
}

/// The guide's title, which every copy of it holds.
const TITLE: &str = "report 使用说明";

/// The guide as one HTML page with its stylesheet inside.
pub fn page(markdown: &str) -> String {
    let parser = pulldown_cmark::Parser::new_ext(markdown, pulldown_cmark::Options::ENABLE_TABLES);
    let mut body = String::new();
    pulldown_cmark::html::push_html(&mut body, parser);
    let title = markdown
        .lines()
        .find_map(|l| l.strip_prefix("# "))
        .unwrap_or(TITLE);
    let mut escaped = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut escaped, title);
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>{escaped}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_holds_the_guide_with_its_title_and_tables() {
        let html = page("# 使用<说明>\n\n| 文件 | 内容 |\n|---|---|\n| report.toml | 基本信息 |\n");
        assert!(html.contains("<title>使用&lt;说明&gt;</title>"), "{html}");
        assert!(html.contains("<h1>使用&lt;说明&gt;</h1>"), "{html}");
        assert!(html.contains("<td>report.toml</td>"), "{html}");
        assert!(html.contains("@page"), "the stylesheet is inside");
    }

    #[test]
    fn only_an_earlier_guide_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let docx = dir.path().join("报告.docx");
        std::fs::write(&docx, b"PK\x03\x04 a Word file").unwrap();
        assert!(not_a_guide(&docx).is_some());
        let earlier = dir.path().join("使用说明.html");
        std::fs::write(&earlier, page(GUIDE)).unwrap();
        assert!(not_a_guide(&earlier).is_none());
        assert!(not_a_guide(&dir.path().join("new.html")).is_none());
    }
}
