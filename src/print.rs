//! `report.pdf`: the HTML report printed by a Chromium-family browser found on the machine
//! (Chromium, Google Chrome, Microsoft Edge — Edge is on every Windows machine).
//!
//! The browser runs headless with its own throw-away profile, prints A4 as the print stylesheet
//! lays it out (page numbers from its `@page` margin boxes) and without its own header and
//! footer. The PDF is read back whole before anything is written, so a browser that fails or
//! hangs leaves no half-written file. Its two time stamps are set to the 成文日期, so the same
//! input gives the same bytes.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::diagnostic::Text;

/// How long one report may take to print before the browser is stopped, unless
/// [`TIMEOUT_VARIABLE`] says otherwise.
const TIMEOUT: Duration = Duration::from_mins(2);

/// The environment variable that sets the time-out, in seconds (1 to 3600).
pub const TIMEOUT_VARIABLE: &str = "REPORT_PRINT_TIMEOUT";

/// The time-out in force.
fn timeout() -> Duration {
    std::env::var(TIMEOUT_VARIABLE)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|s| (1..=3600).contains(s))
        .map_or(TIMEOUT, Duration::from_secs)
}

/// The environment variable naming the browser to use.
pub const BROWSER_VARIABLE: &str = "REPORT_BROWSER";

/// Names of Chromium-family browsers on the search path, most likely first.
const NAMES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "microsoft-edge",
    "microsoft-edge-stable",
    "msedge",
];

/// Where Windows and macOS install them.
const INSTALLED: &[&str] = &[
    r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
    r"C:\Program Files\Microsoft\Edge\Application\msedge.exe",
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Google\Chrome\Application\chrome.exe",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
];

/// A browser that prints PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Browser {
    path: PathBuf,
}

/// Why a PDF could not be printed.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    /// The browser could not be started, or its temporary files not written.
    #[error("cannot run {0}: {1}")]
    Start(String, std::io::Error),
    /// The browser ran for too long and was stopped.
    #[error("the browser took more than {} s and was stopped", timeout().as_secs())]
    Timeout,
    /// The browser ended (with this exit code) without writing a PDF; the last line it said.
    #[error("the browser wrote no PDF (exit code {}{})", .0.map_or_else(|| "none".to_string(), |c| c.to_string()), .1.as_ref().map(|l| format!(": {l}")).unwrap_or_default())]
    NoPdf(Option<i32>, Option<String>),
}

impl PrintError {
    /// The error in both languages.
    pub fn text(&self) -> Text {
        let zh = match self {
            PrintError::Start(browser, e) => format!(
                "无法运行 {browser}：{}",
                crate::diagnostic::io_error_text(e).zh
            ),
            PrintError::Timeout => format!("浏览器超过 {} 秒未完成，已停止", timeout().as_secs()),
            PrintError::NoPdf(code, _) => format!(
                "浏览器未写出 PDF（退出码 {}）",
                code.map_or_else(|| "无".to_string(), |c| c.to_string())
            ),
        };
        Text::new(self.to_string(), zh)
    }
}

/// What is wrong with the browser `REPORT_BROWSER` names, when it names one that is not a
/// file.
pub fn named_browser_problem() -> Option<Text> {
    let named = std::env::var_os(BROWSER_VARIABLE).filter(|v| !v.is_empty())?;
    let path = PathBuf::from(named);
    (!path.is_file()).then(|| {
        Text::new(
            format!(
                "{BROWSER_VARIABLE} names {}, which is not a file: name the browser's program (chromium, chrome.exe, msedge.exe)",
                path.display()
            ),
            format!(
                "环境变量 {BROWSER_VARIABLE} 所指的 {} 不是文件：请指定浏览器程序（chromium、chrome.exe、msedge.exe）",
                path.display()
            ),
        )
    })
}

/// What to say when no browser is found.
pub fn not_found() -> Text {
    Text::new(
        format!(
            "no Chromium-family browser found to print the PDF: install Chromium, Google Chrome or Microsoft Edge, or name one in {BROWSER_VARIABLE}"
        ),
        format!(
            "未找到可打印 PDF 的浏览器：请安装 Chromium、Google Chrome 或 Microsoft Edge，或在环境变量 {BROWSER_VARIABLE} 中指定浏览器的路径"
        ),
    )
}

impl Browser {
    /// The browser named in `REPORT_BROWSER`, else the first one found on the search path or
    /// where Windows and macOS install them.
    pub fn find() -> Option<Browser> {
        if let Some(named) = std::env::var_os(BROWSER_VARIABLE).filter(|v| !v.is_empty()) {
            let path = PathBuf::from(named);
            return path.is_file().then_some(Browser { path });
        }
        let search: Vec<PathBuf> = std::env::var_os("PATH")
            .map(|p| std::env::split_paths(&p).collect())
            .unwrap_or_default();
        let exe = if cfg!(windows) { ".exe" } else { "" };
        NAMES
            .iter()
            .flat_map(|name| {
                search
                    .iter()
                    .map(move |dir| dir.join(format!("{name}{exe}")))
            })
            .chain(INSTALLED.iter().map(PathBuf::from))
            .find(|p| p.is_file())
            .map(|path| Browser { path })
    }

    /// Prints `html` to PDF. `date` (`YYYYMMDD`) is written as the PDF's creation and change
    /// dates.
    pub fn print(&self, html: &[u8], date: &str) -> Result<Vec<u8>, PrintError> {
        let browser = self.path.display().to_string();
        let start = |e| PrintError::Start(browser.clone(), e);
        let job = Job::new().map_err(start)?;
        let work = job.dir();
        let page = work.join("report.html");
        let pdf = work.join("report.pdf");
        let log = work.join("browser.log");
        std::fs::write(&page, sealed(html)).map_err(start)?;
        let mut command = self.command(work, &pdf, &page);
        // To a file, not a pipe: a talkative browser never blocks on a full pipe.
        command.stderr(std::fs::File::create(&log).map_err(start)?);
        let status = Job::run(&mut command).map_err(start)?;
        let Some(status) = status else {
            return Err(PrintError::Timeout);
        };
        let said = String::from_utf8_lossy(&std::fs::read(&log).unwrap_or_default()).into_owned();
        let bytes = std::fs::read(&pdf).unwrap_or_default();
        if !bytes.starts_with(b"%PDF-") || !bytes.trim_ascii_end().ends_with(b"%%EOF") {
            let last = said.lines().rev().find(|l| !l.trim().is_empty());
            return Err(PrintError::NoPdf(
                status.code(),
                last.map(|l| l.trim().to_string()),
            ));
        }
        Ok(dated(bytes, date))
    }

    /// The browser's command: headless, sealed off (no host name resolves, no proxy reachable,
    /// a fresh profile), in a process group of its own.
    fn command(&self, work: &Path, pdf: &Path, page: &Path) -> Command {
        let mut command = Command::new(&self.path);
        command
            .args([
                "--headless",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-pdf-header-footer",
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--proxy-server=127.0.0.1:9",
                "--proxy-bypass-list=<-loopback>",
            ])
            .arg(format!(
                "--user-data-dir={}",
                work.join("profile").display()
            ))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(file_url(page))
            .stdin(Stdio::null())
            .stdout(Stdio::null());
        // The browser's own temporary files go in the job's folder, and so go with it.
        for variable in ["TMPDIR", "TMP", "TEMP"] {
            command.env(variable, work);
        }
        if running_as_root() {
            // Chromium refuses to start as root with its sandbox; the page runs no script and
            // may load nothing (see `sealed`).
            command.arg("--no-sandbox");
        }
        dies_with_report(&mut command);
        command
    }
}

/// One printing: its temporary folder (the page, the profile, the browser's own temporary
/// files) and, while it runs, the browser's process group — both known to
/// [`crate::interrupt`], so both go when `report` is stopped.
struct Job {
    dir: crate::interrupt::TempFolder,
}

impl Job {
    fn new() -> std::io::Result<Job> {
        Ok(Job {
            dir: crate::interrupt::temp_folder()?,
        })
    }

    fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Starts the browser and waits for it; `None` when it took more than the time-out (its
    /// whole group is killed, as it is in any case when the printing ends).
    fn run(command: &mut Command) -> std::io::Result<Option<std::process::ExitStatus>> {
        let mut group = crate::interrupt::spawn(command)?;
        let began = Instant::now();
        let limit = timeout();
        loop {
            match group.child().try_wait()? {
                Some(status) => return Ok(Some(status)),
                None if began.elapsed() > limit => return Ok(None),
                None => std::thread::sleep(Duration::from_millis(20)),
            }
        }
    }
}

/// On Linux, has the kernel kill the command when the thread that started it ends (so a
/// `report` killed outright takes the browser along).
fn dies_with_report(command: &mut Command) {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::CommandExt as _;
        // SAFETY: the closure runs in the child between fork and exec, where only
        // async-signal-safe calls may be made: it makes one, prctl(2), and allocates nothing.
        unsafe {
            command.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                Ok(())
            });
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = command;
}

/// The policy of the printed page: its own inline styles, images and fonts written into it,
/// nothing else — no frame, no script, no file of the machine (the page is opened from a
/// `file://` URL, and a template is someone else's text).
const POLICY: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'none'; frame-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'\">";

/// The HTML with [`POLICY`] as the document's first element, before anything the page wrote:
/// a `<meta>` before `<html>` opens the head there, so the policy covers all that follows
/// whatever the template put before its own `<head>` (a frame, a script, a `<!--<head>-->`
/// decoy). The page's own doctype, if any, is replaced by the standard one, and its `<meta
/// http-equiv>` directives are taken out (a refresh would send the browser elsewhere).
fn sealed(html: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let rest = text.trim_start_matches('\u{FEFF}').trim_start();
    let rest = match rest.get(..9) {
        Some(start) if start.eq_ignore_ascii_case("<!doctype") => {
            rest.find('>').map_or(rest, |end| &rest[end + 1..])
        }
        _ => rest,
    };
    let rest = crate::html_guard::without_meta_directives(rest);
    format!("<!DOCTYPE html><meta charset=\"utf-8\">{POLICY}{rest}").into_bytes()
}

/// The PDF with its time stamps (`/CreationDate (D:20261128141720…`) set to `date` at
/// midnight: the same length, so the cross-reference offsets stay right.
fn dated(mut pdf: Vec<u8>, date: &str) -> Vec<u8> {
    let stamp = format!("{date:0<8}000000");
    for key in [&b"/CreationDate (D:"[..], b"/ModDate (D:"] {
        let mut from = 0;
        while let Some(at) = find(&pdf[from..], key).map(|i| i + from + key.len()) {
            if pdf.len() >= at + 14 && pdf[at..at + 14].iter().all(u8::is_ascii_digit) {
                pdf[at..at + 14].copy_from_slice(&stamp.as_bytes()[..14]);
            }
            from = at;
        }
    }
    pdf
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A `file://` URL for a path (forward slashes, and a leading slash before a drive letter).
fn file_url(path: &Path) -> String {
    let path = path.display().to_string().replace('\\', "/");
    let path = if path.starts_with('/') {
        path
    } else {
        format!("/{path}")
    };
    let mut url = String::from("file://");
    for c in path.chars() {
        match c {
            ' ' => url.push_str("%20"),
            '#' => url.push_str("%23"),
            '%' => url.push_str("%25"),
            '?' => url.push_str("%3F"),
            c => url.push(c),
        }
    }
    url
}

/// Whether this process runs as root (only Linux and the other Unixes have one).
fn running_as_root() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
    }
    #[cfg(not(unix))]
    {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_time_stamps_become_the_date_and_nothing_else_moves() {
        let pdf = b"%PDF-1.4\n/CreationDate (D:20261128141720+00'00')\n/ModDate (D:20261128141720+00'00')>>\n%%EOF".to_vec();
        let out = dated(pdf.clone(), "20210110");
        assert_eq!(out.len(), pdf.len());
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("/CreationDate (D:20210110000000+00'00')"),
            "{text}"
        );
        assert!(
            text.contains("/ModDate (D:20210110000000+00'00')"),
            "{text}"
        );
    }

    #[test]
    fn the_policy_comes_before_anything_the_page_wrote() {
        let first = format!("<!DOCTYPE html><meta charset=\"utf-8\">{POLICY}");
        for (html, rest) in [
            (
                "<!DOCTYPE html><html lang=\"zh\"><head><title>x</title>",
                "<html lang=\"zh\"><head><title>x</title>",
            ),
            ("<p>bare</p>", "<p>bare</p>"),
            (
                "\u{FEFF} <!doctype HTML><iframe src=\"file:///etc/passwd\"></iframe><head>",
                "<iframe src=\"file:///etc/passwd\"></iframe><head>",
            ),
            (
                "<!--<head>--><script>fetch('x')</script><html><head>",
                "<!--<head>--><script>fetch('x')</script><html><head>",
            ),
        ] {
            let sealed = String::from_utf8(sealed(html.as_bytes())).unwrap();
            assert_eq!(sealed, format!("{first}{rest}"));
        }
    }

    #[test]
    fn file_urls_work_on_windows_paths_too() {
        assert_eq!(
            file_url(Path::new("/tmp/a b/report.html")),
            "file:///tmp/a%20b/report.html"
        );
        assert_eq!(
            file_url(Path::new(r"C:\Users\clerk\report.html")),
            "file:///C:/Users/clerk/report.html"
        );
    }
}
