//! `report serve`: the report as it will print, in the browser, following every save.
//!
//! Each unit is built in memory (HTML only, as a draft, so a 待补充 left does not blank the
//! page) and kept: the last good page stays when the data gets an error, with the errors
//! listed over it. A page holds a small script that listens on `/events` (server-sent events)
//! and, on each change, fetches the page again and swaps its body in place, without a reload.
//! The preview marks where every value comes from (`data-source="FILE:LINE"`); a click opens
//! the editor there. Nothing but the built pages is served: no file is read from a request.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use crate::diagnostic::{Diagnostic, Lang, has_errors};
use crate::pipeline::{self, Session};
use crate::render::{Format, RenderOptions, preview};

/// One unit of the preview.
#[derive(Debug)]
pub struct Unit {
    /// The report folder (canonical).
    pub dir: PathBuf,
    /// Its place under the PATH served, for the index (`taian/2020`).
    pub name: String,
    /// The last page that built, marked with where values come from.
    pub page: Option<String>,
    /// The problems of the last build.
    pub problems: Vec<Diagnostic>,
}

/// Everything served, and a counter of changes that the pages listen to.
pub struct Site {
    /// The PATH served (canonical).
    pub root: PathBuf,
    /// The units, in the order found.
    pub units: Mutex<Vec<Unit>>,
    /// How many times a unit was rebuilt; pages reload when it moves.
    version: Mutex<u64>,
    changed: Condvar,
    /// The editor's URL pattern: `{path}`, `{line}` and `{column}` are replaced.
    pub editor: String,
    /// The language of the page's own words and of the problems.
    pub lang: Lang,
}

/// The default editor pattern: Visual Studio Code's.
pub const DEFAULT_EDITOR: &str = "vscode://file/{path}:{line}:{column}";

impl Site {
    /// A site for the report folders `dirs` under `root`, each built once.
    pub fn new(root: PathBuf, dirs: Vec<PathBuf>, editor: String, lang: Lang) -> Site {
        let units = dirs
            .into_iter()
            .map(|dir| {
                let name = dir
                    .strip_prefix(&root)
                    .ok()
                    .filter(|p| !p.as_os_str().is_empty())
                    .map_or_else(
                        || {
                            dir.file_name()
                                .unwrap_or_default()
                                .to_string_lossy()
                                .into_owned()
                        },
                        |p| p.to_string_lossy().replace('\\', "/"),
                    );
                let mut unit = Unit {
                    dir,
                    name,
                    page: None,
                    problems: Vec::new(),
                };
                rebuild(&mut unit, &root);
                unit
            })
            .collect();
        Site {
            root,
            units: Mutex::new(units),
            version: Mutex::new(0),
            changed: Condvar::new(),
            editor,
            lang,
        }
    }

    /// Rebuilds the units a change to `paths` concerns: the unit a data file is in, and every
    /// unit below a `templates/` folder that changed. Returns how many were rebuilt.
    pub fn changed(&self, paths: &[PathBuf]) -> usize {
        let mut units = lock(&self.units);
        let mut rebuilt = 0;
        for unit in units.iter_mut() {
            let concerned = paths.iter().any(|p| {
                p.starts_with(&unit.dir)
                    || template_folder_of(p).is_some_and(|t| {
                        t.parent().is_some_and(|above| unit.dir.starts_with(above))
                    })
            });
            if concerned {
                rebuild(unit, &self.root);
                rebuilt += 1;
            }
        }
        drop(units);
        if rebuilt > 0 {
            *lock(&self.version) += 1;
            self.changed.notify_all();
        }
        rebuilt
    }

    /// The current version.
    pub fn version(&self) -> u64 {
        *lock(&self.version)
    }

    /// Waits until the version moves past `seen`, or `timeout` passes; returns the version.
    pub fn wait(&self, seen: u64, timeout: Duration) -> u64 {
        let version = lock(&self.version);
        let (version, _) = self
            .changed
            .wait_timeout_while(version, timeout, |v| *v == seen)
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *version
    }

    /// The page at `path` of a request, or `None` (not found).
    pub fn page(&self, path: &str) -> Option<String> {
        let units = lock(&self.units);
        let path = path.split(['?', '#']).next().unwrap_or("");
        if path == "/" {
            return Some(if units.len() == 1 {
                unit_page(&units[0], self)
            } else {
                self.index(&units)
            });
        }
        let n: usize = path.strip_prefix("/u/")?.strip_suffix('/')?.parse().ok()?;
        units.get(n).map(|u| unit_page(u, self))
    }

    fn index(&self, units: &[Unit]) -> String {
        let title = self.words("Reports", "报告");
        let mut body = String::new();
        for (n, unit) in units.iter().enumerate() {
            let errors = unit.problems.iter().filter(|d| d.is_error()).count();
            let state = if errors > 0 {
                match self.lang {
                    Lang::En => format!("{errors} error(s)"),
                    Lang::Zh => format!("{errors} 个错误"),
                }
            } else {
                self.words("ok", "无错误").to_string()
            };
            let _ = writeln!(
                body,
                "<li><a href=\"/u/{n}/\">{}</a> <span class=\"{}\">{state}</span></li>",
                escape(&unit.name),
                if errors > 0 { "bad" } else { "good" }
            );
        }
        format!(
            "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{title}</title>\
             <style>body{{font-family:sans-serif;margin:2em}}li{{margin:.4em 0}}.bad{{color:#b00}}.good{{color:#070}}</style>\
             {LIVE_SCRIPT}</head><body><h1>{title}</h1><ul>\n{body}</ul></body></html>\n"
        )
    }

    fn words<'a>(&self, en: &'a str, zh: &'a str) -> &'a str {
        match self.lang {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    /// The editor link of a place.
    fn editor_link(&self, path: &Path, line: usize, column: usize) -> String {
        self.editor
            .replace(
                "{path}",
                &editor_path(&self.editor, &path.to_string_lossy()),
            )
            .replace("{line}", &line.to_string())
            .replace("{column}", &column.to_string())
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A path as an editor URL takes it: forward slashes, and no second slash after a pattern's
/// own (`vscode://file/{path}` with `/home/…` is `vscode://file/home/…`).
fn editor_path(editor: &str, path: &str) -> String {
    let path = path.replace('\\', "/");
    match path.strip_prefix('/') {
        Some(rest) if editor.contains("/{path}") => rest.to_string(),
        _ => path,
    }
}

/// The `templates/` folder a path is in, if any.
fn template_folder_of(path: &Path) -> Option<&Path> {
    path.ancestors()
        .find(|a| a.file_name().is_some_and(|n| n == "templates"))
}

/// Builds one unit in memory: its problems, and its page when it has no errors.
fn rebuild(unit: &mut Unit, root: &Path) {
    // A fresh session: templates are read again, as they may be what changed.
    let session = Session::new();
    let within = if unit.dir.starts_with(root) {
        root
    } else {
        &unit.dir
    };
    let mut options = RenderOptions {
        draft: false,
        preview: false,
    };
    let mut analysis =
        pipeline::analyse(&session, &unit.dir, within, &[], &[Format::Html], options);
    // A report with only placeholders (待补充) left is shown as the draft it is.
    let errors = || analysis.diagnostics.iter().filter(|d| d.is_error());
    if errors().count() > 0 && errors().all(|d| d.code == crate::codes::Code::E0712) {
        options.draft = true;
        analysis = pipeline::analyse(&session, &unit.dir, within, &[], &[Format::Html], options);
    }
    unit.problems = analysis.diagnostics;
    if has_errors(&unit.problems) {
        return;
    }
    let marked = pipeline::analyse(
        &session,
        &unit.dir,
        within,
        &[],
        &[Format::Html],
        RenderOptions {
            preview: true,
            ..options
        },
    );
    let html = marked
        .rendered
        .into_iter()
        .chain(analysis.rendered)
        .find(|(f, _)| *f == Format::Html)
        .map(|(_, bytes)| String::from_utf8_lossy(&bytes).into_owned());
    if let Some(html) = html {
        unit.page = Some(preview::annotate(&html));
    }
}

/// A unit's page: the last good report with the live script, the click-through and the
/// problems over it.
fn unit_page(unit: &Unit, site: &Site) -> String {
    let problems = problems_panel(unit, site);
    let dir = unit.dir.to_string_lossy().replace('\\', "/");
    let head = format!(
        "<style>{PREVIEW_STYLE}</style>{LIVE_SCRIPT}<script>window.reportEditor={};window.reportDir={};</script>",
        json_string(&site.editor),
        json_string(&dir)
    );
    let page = unit.page.clone().unwrap_or_else(|| {
        format!(
            "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{}</title></head><body><p class=\"report-nothing\">{}</p></body></html>\n",
            escape(&unit.name),
            site.words(
                "Not built yet: mend the errors listed above.",
                "尚未生成：请先修改上面列出的错误。"
            )
        )
    });
    let page = match page.find("</head>") {
        Some(at) => format!("{}{head}{}", &page[..at], &page[at..]),
        None => format!("{head}{page}"),
    };
    match page.find("<body") {
        Some(at) => {
            let end = page[at..].find('>').map_or(at, |e| at + e + 1);
            format!("{}{problems}{}", &page[..end], &page[end..])
        }
        None => format!("{problems}{page}"),
    }
}

/// The problems of a unit as a panel: code, message, place (a link to the editor), hint.
fn problems_panel(unit: &Unit, site: &Site) -> String {
    if unit.problems.is_empty() {
        return String::new();
    }
    let errors = unit.problems.iter().filter(|d| d.is_error()).count();
    let built_before = unit.page.is_some();
    let heading = match site.lang {
        Lang::En if errors > 0 && built_before => {
            format!("{errors} error(s): the page shows the last version that built")
        }
        Lang::En if errors > 0 => format!("{errors} error(s): the report has not built yet"),
        Lang::En => format!("{} warning(s)", unit.problems.len()),
        Lang::Zh if errors > 0 && built_before => {
            format!("{errors} 个错误：页面显示的是上一次成功生成的版本")
        }
        Lang::Zh if errors > 0 => format!("{errors} 个错误：报告尚未生成"),
        Lang::Zh => format!("{} 个警告", unit.problems.len()),
    };
    let mut items = String::new();
    for d in crate::diagnostic::capped(&unit.problems) {
        let place = match (&d.location, d.positions()) {
            (Some(loc), Some((start, _))) => {
                let path = loc.file.path();
                let shown = path.strip_prefix(&unit.dir).unwrap_or(path);
                let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
                format!(
                    "<a class=\"place\" href=\"{}\">{}:{}:{}</a>",
                    escape(&site.editor_link(&absolute, start.line, start.column)),
                    escape(&shown.to_string_lossy()),
                    start.line,
                    start.column
                )
            }
            (Some(loc), None) => format!(
                "<span class=\"place\">{}</span>",
                escape(&loc.file.path().to_string_lossy())
            ),
            _ => d
                .path
                .as_ref()
                .map(|p| {
                    format!(
                        "<span class=\"place\">{}</span>",
                        escape(&p.to_string_lossy())
                    )
                })
                .unwrap_or_default(),
        };
        let hint = d
            .hint
            .as_ref()
            .map(|h| format!("<div class=\"hint\">{}</div>", escape(h.get(site.lang))))
            .unwrap_or_default();
        let _ = writeln!(
            items,
            "<li class=\"{}\"><code>{}</code> {place} {}{hint}</li>",
            if d.is_error() { "error" } else { "warning" },
            d.code.as_str(),
            escape(d.message.get(site.lang)),
        );
    }
    format!(
        "<aside id=\"report-problems\" class=\"{}\"><strong>{}</strong><ul>\n{items}</ul></aside>",
        if errors > 0 { "errors" } else { "warnings" },
        escape(&heading)
    )
}

/// Escapes text for HTML.
fn escape(text: &str) -> String {
    let text = crate::diagnostic::printable(text);
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A JSON string literal, safe inside a `<script>`.
fn json_string(text: &str) -> String {
    serde_json::to_string(text)
        .unwrap_or_else(|_| "\"\"".to_string())
        .replace('<', "\\u003c")
}

/// How the preview shows problems and sources; not part of the printed page.
const PREVIEW_STYLE: &str = "\
#report-problems{position:sticky;top:0;z-index:10;margin:0 0 1em;padding:.6em 1em;\
font:14px/1.5 sans-serif;background:#fff4f4;border:2px solid #c00;max-height:40vh;overflow:auto}\
#report-problems.warnings{background:#fffbe8;border-color:#b80}\
#report-problems ul{margin:.3em 0 0;padding-left:1.2em}#report-problems .hint{color:#555}\
#report-problems .place{font-family:monospace}\
.report-source{cursor:pointer}.report-source:hover{outline:1px dashed #c00;background:#fff3c4}\
@media print{#report-problems{display:none}}";

/// Listens for changes and swaps the page's body in place; opens the editor on a click on a
/// value.
const LIVE_SCRIPT: &str = r#"<script>
(function () {
  function refresh() {
    fetch(location.href, { cache: "no-store" })
      .then(function (r) { return r.text(); })
      .then(function (text) {
        var next = new DOMParser().parseFromString(text, "text/html");
        document.title = next.title;
        var styles = document.querySelectorAll("head style");
        var fresh = next.querySelectorAll("head style");
        for (var i = 0; i < styles.length && i < fresh.length; i++) {
          if (styles[i].textContent !== fresh[i].textContent) styles[i].textContent = fresh[i].textContent;
        }
        document.body.innerHTML = next.body.innerHTML;
        // Counts the updates made in place: a reload would start again from nothing.
        var root = document.documentElement;
        root.setAttribute("data-updates", String(Number(root.getAttribute("data-updates") || 0) + 1));
        document.dispatchEvent(new Event("report-updated"));
      });
  }
  if (window.EventSource) {
    var events = new EventSource("/events");
    events.onmessage = refresh;
  }
  document.addEventListener("click", function (e) {
    var el = e.target.closest ? e.target.closest("[data-source]") : null;
    if (!el || !window.reportEditor) return;
    var at = el.getAttribute("data-source").split(":");
    var path = window.reportDir + "/" + at[0];
    if (window.reportEditor.indexOf("/{path}") >= 0) path = path.replace(/^\//, "");
    location.href = window.reportEditor
      .replace("{path}", path)
      .replace("{line}", at[1] || "1")
      .replace("{column}", "1");
  });
})();
</script>"#;

/// The editor link a value's `data-source` opens (what the page's script does), for tests and
/// for the command's help.
pub fn source_link(editor: &str, dir: &Path, source: &str) -> String {
    let (file, line) = source.split_once(':').unwrap_or((source, "1"));
    let path = format!("{}/{file}", dir.to_string_lossy());
    editor
        .replace("{path}", &editor_path(editor, &path))
        .replace("{line}", line)
        .replace("{column}", "1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_changes_concern_the_units_below_them() {
        assert_eq!(
            template_folder_of(Path::new("/d/units/templates/report.html.j2")),
            Some(Path::new("/d/units/templates"))
        );
        assert_eq!(
            template_folder_of(Path::new("/d/units/a/report.toml")),
            None
        );
    }

    #[test]
    fn editor_links_fill_the_pattern() {
        assert_eq!(
            source_link(
                DEFAULT_EDITOR,
                Path::new("/w/data/taian/2020"),
                "statistics.toml:12"
            ),
            "vscode://file/w/data/taian/2020/statistics.toml:12:1"
        );
    }

    #[test]
    fn script_strings_cannot_close_the_script() {
        assert_eq!(json_string("</script>"), "\"\\u003c/script>\"");
    }
}
