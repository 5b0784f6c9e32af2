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
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use crate::diagnostic::{Diagnostic, Lang, has_errors};
use crate::pipeline::{self, Session};
use crate::render::{Format, RenderOptions, preview};

pub mod http;
pub mod watch;

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
    /// Last year's folder the last build compared the report with: a save there changes this
    /// unit's figures (较上年) too.
    pub previous: Option<PathBuf>,
    /// The page as served: the report with the live script and the problems over it, made once
    /// per build and shared by every request.
    shown: Arc<str>,
}

/// Everything served, and a counter of changes that the pages listen to.
pub struct Site {
    /// The PATH served (canonical).
    pub root: PathBuf,
    /// The units, in the order found. Held only to read or swap a unit, never while one builds.
    pub units: Mutex<Vec<Unit>>,
    /// The index page of several units.
    index: Mutex<Arc<str>>,
    /// How many times a unit was rebuilt; pages reload when it moves.
    version: Mutex<u64>,
    changed: Condvar,
    /// Rebuilds one at a time (a save and the root's return may come together).
    building: Mutex<()>,
    /// The editor's URL pattern: `{path}`, `{line}` and `{column}` are replaced.
    pub editor: String,
    /// The language of the page's own words and of the problems.
    pub lang: Lang,
    /// The number that lets the preview's own scripts run, and no other.
    nonce: String,
    /// The content-security policy of every answer.
    policy: String,
}

/// The default editor pattern: Visual Studio Code's.
pub const DEFAULT_EDITOR: &str = "vscode://file/{path}:{line}:{column}";

impl Site {
    /// A site for the report folders `dirs` under `root`, each built once.
    pub fn new(root: PathBuf, dirs: Vec<PathBuf>, editor: String, lang: Lang) -> Site {
        let nonce = fresh_nonce();
        let policy = format!(
            "default-src 'none'; script-src 'nonce-{nonce}'; connect-src 'self'; \
             style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; \
             form-action 'none'; frame-ancestors 'none'"
        );
        let site = Site {
            root,
            units: Mutex::new(Vec::new()),
            index: Mutex::new(Arc::from("")),
            version: Mutex::new(0),
            changed: Condvar::new(),
            building: Mutex::new(()),
            editor,
            lang,
            nonce,
            policy,
        };
        let units = dirs
            .into_iter()
            .map(|dir| {
                let name = site.name_of(&dir);
                let built = build(&dir, &site.root);
                site.unit(dir, name, built)
            })
            .collect();
        *lock(&site.units) = units;
        site.refresh_index();
        site
    }

    fn name_of(&self, dir: &Path) -> String {
        dir.strip_prefix(&self.root)
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
            )
    }

    fn unit(&self, dir: PathBuf, name: String, built: Built) -> Unit {
        let mut unit = Unit {
            dir,
            name,
            page: built.page,
            problems: built.problems,
            previous: built.previous,
            shown: Arc::from(""),
        };
        unit.shown = Arc::from(unit_page(&unit, self));
        unit
    }

    /// Rebuilds the units a change to `paths` concerns: the unit a data file is in, every unit
    /// below a `templates/` folder that changed, and every unit whose last year's folder
    /// changed. Each builds outside the lock that pages are served under. Returns how many were
    /// rebuilt.
    pub fn changed(&self, paths: &[PathBuf]) -> usize {
        let _one_at_a_time = lock(&self.building);
        let concerned: Vec<PathBuf> = lock(&self.units)
            .iter()
            .filter(|unit| paths.iter().any(|p| concerns(p, unit)))
            .map(|unit| unit.dir.clone())
            .collect();
        for dir in &concerned {
            let built = build(dir, &self.root);
            let mut units = lock(&self.units);
            if let Some(unit) = units.iter_mut().find(|u| &u.dir == dir) {
                let name = std::mem::take(&mut unit.name);
                // A build with errors keeps the last page that built, under its problems.
                let built = Built {
                    page: built.page.or_else(|| unit.page.take()),
                    ..built
                };
                *unit = self.unit(dir.clone(), name, built);
            }
        }
        if !concerned.is_empty() {
            self.refresh_index();
            *lock(&self.version) += 1;
            self.changed.notify_all();
        }
        concerned.len()
    }

    /// Rebuilds every unit (the served folder came back after it was removed).
    pub fn changed_all(&self) -> usize {
        let dirs: Vec<PathBuf> = lock(&self.units).iter().map(|u| u.dir.clone()).collect();
        self.changed(&dirs)
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
    pub fn page(&self, path: &str) -> Option<Arc<str>> {
        let units = lock(&self.units);
        let path = path.split(['?', '#']).next().unwrap_or("");
        if path == "/" {
            return Some(if units.len() == 1 {
                Arc::clone(&units[0].shown)
            } else {
                Arc::clone(&lock(&self.index))
            });
        }
        let n: usize = path.strip_prefix("/u/")?.strip_suffix('/')?.parse().ok()?;
        units.get(n).map(|u| Arc::clone(&u.shown))
    }

    /// The content-security policy every answer carries: the preview's own scripts (by their
    /// nonce) and requests to this server only; a unit template's scripts never run, so one
    /// unit's page cannot read another's.
    pub fn policy(&self) -> &str {
        &self.policy
    }

    fn refresh_index(&self) {
        let index = self.index(&lock(&self.units));
        *lock(&self.index) = Arc::from(index);
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
             {}</head><body><h1>{title}</h1><ul>\n{body}</ul></body></html>\n",
            self.live_script()
        )
    }

    /// The live script, allowed to run by its nonce.
    fn live_script(&self) -> String {
        LIVE_SCRIPT
            .replacen("<script>", &format!("<script nonce=\"{}\">", self.nonce), 1)
            .replacen("{KEY}", &self.nonce, 1)
    }

    fn words<'a>(&self, en: &'a str, zh: &'a str) -> &'a str {
        match self.lang {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    /// The editor link of a place.
    fn editor_link(&self, path: &Path, line: usize, column: usize) -> String {
        editor_url(&self.editor, &path.to_string_lossy(), line, column)
    }
}

pub(crate) fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The editor link for `path` at `line` and `column`: the pattern's `{path}`, `{line}` and
/// `{column}` replaced in one pass (a `{line}` inside a folder's name stays text), each value
/// percent-encoded (a `#`, `?`, `%2e%2e` or space in a folder's name cannot change where the
/// link leads). The path takes forward slashes, and no second slash after a pattern's own
/// (`vscode://file/{path}` with `/home/…` is `vscode://file/home/…`).
pub fn editor_url(pattern: &str, path: &str, line: usize, column: usize) -> String {
    let path = path.replace('\\', "/");
    let path = match path.strip_prefix('/') {
        Some(rest) if pattern.contains("/{path}") => rest,
        _ => &path,
    };
    let mut out = String::with_capacity(pattern.len() + path.len());
    let mut rest = pattern;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let (value, len) = if tail.starts_with("{path}") {
            (percent_encoded(path), "{path}".len())
        } else if tail.starts_with("{line}") {
            (line.to_string(), "{line}".len())
        } else if tail.starts_with("{column}") {
            (column.to_string(), "{column}".len())
        } else {
            ("{".to_string(), 1)
        };
        out.push_str(&value);
        rest = &tail[len..];
    }
    out.push_str(rest);
    out
}

/// A path with every byte but letters, digits, `-._~`, `/` and `:` percent-encoded (as UTF-8).
fn percent_encoded(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/' | b':') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The `templates/` folder a path is in, if any.
fn template_folder_of(path: &Path) -> Option<&Path> {
    path.ancestors()
        .find(|a| a.file_name().is_some_and(|n| n == "templates"))
}

impl http::Events for Site {
    fn version(&self) -> u64 {
        Site::version(self)
    }

    fn wait(&self, seen: u64, timeout: Duration) -> u64 {
        Site::wait(self, seen, timeout)
    }
}

impl http::Site for Site {
    fn answer(&self, request: &http::Request) -> http::Reply {
        if request.path == "/events" {
            return http::Reply::Events;
        }
        self.page(&request.path)
            .map_or(http::Reply::NotFound, http::Reply::Page)
    }

    fn policy(&self) -> &str {
        Site::policy(self)
    }
}

/// What one build of a unit gives the preview.
struct Built {
    page: Option<String>,
    problems: Vec<Diagnostic>,
    previous: Option<PathBuf>,
}

/// Whether a change to `path` concerns `unit`.
fn concerns(path: &Path, unit: &Unit) -> bool {
    path.starts_with(&unit.dir)
        || unit
            .previous
            .as_deref()
            .is_some_and(|p| path.starts_with(p))
        || template_folder_of(path)
            .is_some_and(|t| t.parent().is_some_and(|above| unit.dir.starts_with(above)))
}

/// Builds one unit in memory: its problems, and its page when it has no errors.
fn build(dir: &Path, root: &Path) -> Built {
    // A fresh session: templates are read again, as they may be what changed.
    let session = Session::new();
    let within = if dir.starts_with(root) { root } else { dir };
    // One run gives the problems and the page marked with where each value comes from (a
    // second only for a report with nothing but placeholders left, shown as its draft).
    let mut options = RenderOptions {
        draft: false,
        preview: true,
    };
    let mut analysis = pipeline::analyse(&session, dir, within, &[], &[Format::Html], options);
    // A report with only placeholders (待补充) left is shown as the draft it is.
    let errors = || analysis.diagnostics.iter().filter(|d| d.is_error());
    if errors().count() > 0 && errors().all(|d| d.code == crate::codes::Code::E0712) {
        options.draft = true;
        analysis = pipeline::analyse(&session, dir, within, &[], &[Format::Html], options);
    }
    let previous = analysis
        .loaded
        .report
        .as_ref()
        .and_then(pipeline::previous_dir)
        .map(|p| p.canonicalize().unwrap_or(p));
    let problems = analysis.diagnostics;
    if has_errors(&problems) {
        return Built {
            page: None,
            problems,
            previous,
        };
    }
    let page = analysis
        .rendered
        .into_iter()
        .find(|(f, _)| *f == Format::Html)
        .map(|(_, bytes)| {
            let html = String::from_utf8_lossy(&bytes);
            // A template's refresh would send the browser elsewhere with what it wrote: taken
            // out before the preview's marks become spans, and again after (a template can
            // write the marks themselves inside a tag).
            let marked = preview::annotate(&crate::html_guard::without_meta_directives(&html));
            crate::html_guard::without_meta_directives(&marked).into_owned()
        });
    Built {
        page,
        problems,
        previous,
    }
}

/// A number no page can guess: the random keys the standard library seeds its hash maps with
/// (from the system's random source), two of them.
fn fresh_nonce() -> String {
    use std::hash::{BuildHasher as _, Hasher as _};
    let part = || {
        std::collections::hash_map::RandomState::new()
            .build_hasher()
            .finish()
    };
    format!("{:016x}{:016x}", part(), part())
}

/// A unit's page: the last good report with the live script, the click-through and the
/// problems over it.
fn unit_page(unit: &Unit, site: &Site) -> String {
    let problems = problems_panel(unit, site);
    // The preview's own head goes first, before any of the unit's markup, so nothing the
    // unit's template wrote can swallow or precede it.
    let head = format!(
        "<!DOCTYPE html>\n<meta charset=\"utf-8\"><style>{PREVIEW_STYLE}</style>{}",
        site.live_script(),
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
    let page = match page.find("<body") {
        Some(at) => {
            let end = page[at..].find('>').map_or(at, |e| at + e + 1);
            let links = source_links(&page[end..], &unit.dir, &site.editor, &site.nonce);
            format!("{}{problems}{links}{}", &page[..end], &page[end..])
        }
        None => format!("{problems}{page}"),
    };
    format!("{head}{page}")
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
      // A refused answer (the server busy) changes nothing on the page.
      .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.text(); })
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
      })
      .catch(function () {});
  }
  // A stream that was ended (the server's slots taken, a restart) may have missed a save: the
  // page fetches itself again each time it reconnects; one the browser gave up on (refused
  // with 503) is opened again after a pause.
  var opened = false;
  function listen() {
    var events = new EventSource("/events");
    events.onmessage = refresh;
    events.onopen = function () {
      if (opened) refresh();
      opened = true;
    };
    events.onerror = function () {
      if (events.readyState === 2) setTimeout(listen, 2000);
    };
  }
  if (window.EventSource) listen();
  document.addEventListener("click", function (e) {
    var el = e.target.closest ? e.target.closest("[data-source]") : null;
    if (!el) return;
    // The links are made by the server (`source_links`), in the page's body, so that they
    // follow each update; a place it did not link opens nothing.
    // Found by the server's key, which no template can know: a unit's page may hold an
    // element of the same id before it.
    var table = document.querySelector('script[data-report-links="{KEY}"]');
    var links = table ? JSON.parse(table.textContent) : {};
    var link = links[el.getAttribute("data-source")];
    if (typeof link === "string") location.href = link;
  });
})();
</script>"#;

/// The editor link a value's `data-source` (`statistics.toml:12`) opens: a file of the unit's
/// own folder at its line. `None` for any other place (a template could write any path there).
pub fn source_link(editor: &str, dir: &Path, source: &str) -> Option<String> {
    let (file, line) = source.split_once(':')?;
    let plain = !file.is_empty()
        && !matches!(file, "." | "..")
        && !file.contains(['/', '\\', '&', '<', '>', '"']);
    let line: usize = line.parse().ok().filter(|l| *l > 0)?;
    plain.then(|| editor_url(editor, &dir.join(file).to_string_lossy(), line, 1))
}

/// The editor link of every place the page's values name (`data-source="…"`), as a JSON table
/// the page's script looks a click up in: each link is made once, here, by [`editor_url`].
fn source_links(body: &str, dir: &Path, editor: &str, key: &str) -> String {
    const MARK: &str = "data-source=\"";
    let places: std::collections::BTreeSet<&str> = body
        .match_indices(MARK)
        .filter_map(|(at, _)| {
            let rest = &body[at + MARK.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect();
    let entries: Vec<String> = places
        .into_iter()
        .filter_map(|place| {
            let link = source_link(editor, dir, place)?;
            Some(format!("{}:{}", json_string(place), json_string(&link)))
        })
        .collect();
    format!(
        "<script type=\"application/json\" data-report-links=\"{key}\">{{{}}}</script>",
        entries.join(",")
    )
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
            )
            .as_deref(),
            Some("vscode://file/w/data/taian/2020/statistics.toml:12:1")
        );
    }

    /// The page's table links the places of the unit's own files, and no other.
    #[test]
    fn source_links_cover_only_the_units_files() {
        let body = r#"<span data-source="statistics.toml:12">a</span><span data-source="../x.toml:1">b</span><span data-source="/etc/passwd:1">c</span><span data-source="report.toml:0">d</span><span data-source="statistics.toml:12">e</span>"#;
        let table = source_links(body, Path::new("/w/u"), DEFAULT_EDITOR, "k1");
        let json = table
            .strip_prefix(r#"<script type="application/json" data-report-links="k1">"#)
            .and_then(|t| t.strip_suffix("</script>"))
            .unwrap();
        let links: std::collections::BTreeMap<String, String> = serde_json::from_str(json).unwrap();
        assert_eq!(
            links.into_iter().collect::<Vec<_>>(),
            [(
                "statistics.toml:12".to_string(),
                "vscode://file/w/u/statistics.toml:12:1".to_string()
            )]
        );
    }

    #[test]
    fn editor_links_encode_what_they_substitute() {
        // A `{line}` in a folder's name stays text; `#`, `%2e%2e` and spaces cannot redirect.
        assert_eq!(
            editor_url(DEFAULT_EDITOR, "/w/a{line}b/x #1/%2e%2e/统计.toml", 7, 2),
            "vscode://file/w/a%7Bline%7Db/x%20%231/%252e%252e/%E7%BB%9F%E8%AE%A1.toml:7:2"
        );
        assert_eq!(
            editor_url("idea://open?file={path}&line={line}", r"C:\u\r.toml", 3, 1),
            "idea://open?file=C:/u/r.toml&line=3"
        );
    }

    #[test]
    fn script_strings_cannot_close_the_script() {
        assert_eq!(json_string("</script>"), "\"\\u003c/script>\"");
    }
}
