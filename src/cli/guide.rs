//! `report guide`: the Chinese user guide (使用说明) the program carries, printed as Markdown or
//! written as a printable HTML page, so that a clerk with only the program has the guide too.

use std::io::Write;
use std::path::PathBuf;

use super::{CliResult, Status, Ui};

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
        let _ = std::io::stdout().lock().write_all(GUIDE.as_bytes());
        return Ok(Status::Success);
    };
    let is_html = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    let bytes = if is_html {
        page(GUIDE)
    } else {
        GUIDE.to_string()
    };
    ui.write(&out, bytes.as_bytes())?;
    Ok(Status::Success)
}

/// The guide as one HTML page with its stylesheet inside.
pub fn page(markdown: &str) -> String {
    let parser = pulldown_cmark::Parser::new_ext(markdown, pulldown_cmark::Options::ENABLE_TABLES);
    let mut body = String::new();
    pulldown_cmark::html::push_html(&mut body, parser);
    let title = markdown
        .lines()
        .find_map(|l| l.strip_prefix("# "))
        .unwrap_or("report 使用说明");
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
}
