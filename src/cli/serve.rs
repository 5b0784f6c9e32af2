//! `report serve`: a live preview in the browser.

use std::io::Write as _;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use super::{CliError, CliResult, Status, Ui};
use crate::diagnostic::Text;
use crate::serve::Site;

/// Arguments of `report serve`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Answers on 127.0.0.1 only and serves nothing but the built report; Ctrl-C stops it.\nExit codes: 0 stopped, 1 no report folder under PATH, 2 usage or I/O failure."
)]
pub struct Args {
    /// A report folder, or a folder above report folders.
    #[arg(default_value = "data")]
    path: PathBuf,
    /// The port (default: a free one, printed).
    #[arg(long)]
    port: Option<u16>,
    /// Do not open the browser.
    #[arg(long)]
    no_open: bool,
    /// The editor link a click on a value or a problem opens; {path}, {line} and {column} are
    /// replaced.
    #[arg(long, default_value = crate::serve::DEFAULT_EDITOR)]
    editor: String,
}

/// How long a save is given to settle (editors write a file in several steps).
const SETTLE: Duration = Duration::from_millis(40);

/// At most this many pages listen for changes at once.
const MAX_LISTENERS: usize = 64;

/// Runs `report serve`.
pub fn run(args: Args, ui: &Ui) -> CliResult {
    let found = super::discover(std::slice::from_ref(&args.path));
    ui.diagnostics(&found.problems);
    if let Some(status) = found.nothing_found() {
        return Ok(status);
    }
    let root = args.path.canonicalize().map_err(|e| {
        CliError::io(
            Text::new(
                format!("cannot read {}", args.path.display()),
                format!("无法读取 {}", args.path.display()),
            ),
            e,
        )
    })?;
    let dirs: Vec<PathBuf> = found
        .folders
        .iter()
        .map(|(_, dir)| dir.canonicalize().unwrap_or_else(|_| dir.clone()))
        .collect();
    let site = Arc::new(Site::new(root.clone(), dirs, args.editor, ui.lang));
    let server = tiny_http::Server::http(("127.0.0.1", args.port.unwrap_or(0))).map_err(|e| {
        let zh = match e.downcast_ref::<std::io::Error>() {
            Some(io) => crate::diagnostic::io_error_text(io).zh,
            None => "系统错误".to_string(),
        };
        CliError::failure(Text::new(
            format!("cannot listen on 127.0.0.1: {e}"),
            format!("无法在 127.0.0.1 上监听：{zh}"),
        ))
    })?;
    let port = server
        .server_addr()
        .to_ip()
        .map_or(args.port.unwrap_or(0), |a| a.port());
    let url = format!("http://127.0.0.1:{port}/");
    // The watcher: every change under PATH, settled, rebuilds the units it concerns.
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx).map_err(|e| {
        CliError::failure(Text::new(
            format!("cannot watch the files: {e}"),
            format!("无法监视文件的变化：{e}"),
        ))
    })?;
    notify::Watcher::watch(&mut watcher, &root, notify::RecursiveMode::Recursive).map_err(|e| {
        CliError::failure(Text::new(
            format!("cannot watch {}: {e}", root.display()),
            format!("无法监视 {}：{e}", root.display()),
        ))
    })?;
    {
        let site = Arc::clone(&site);
        std::thread::spawn(move || {
            while let Ok(first) = rx.recv() {
                let mut paths = Vec::new();
                let mut take = |event: notify::Result<notify::Event>| {
                    if let Ok(event) = event
                        && !matches!(event.kind, notify::EventKind::Access(_))
                    {
                        paths.extend(event.paths);
                    }
                };
                take(first);
                while let Ok(more) = rx.recv_timeout(SETTLE) {
                    take(more);
                }
                site.changed(&paths);
            }
        });
    }
    ctrlc_stops(ui);
    ui.status(&match ui.lang {
        crate::diagnostic::Lang::Zh => {
            format!("预览地址：{url}（保存数据文件或模板后页面自动更新；按 Ctrl-C 停止）")
        }
        crate::diagnostic::Lang::En => {
            format!("serving {url} (the page follows every save; Ctrl-C stops)")
        }
    });
    if !args.no_open {
        open_browser(&url);
    }
    let listeners = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    for request in server.incoming_requests() {
        let site = Arc::clone(&site);
        let listeners = Arc::clone(&listeners);
        std::thread::spawn(move || answer(request, &site, &listeners));
    }
    drop(watcher);
    Ok(Status::Success)
}

/// Answers one request: a page, the change events, or 404.
fn answer(request: tiny_http::Request, site: &Site, listeners: &std::sync::atomic::AtomicUsize) {
    use std::sync::atomic::Ordering;
    let html = tiny_http::Header::from_bytes("Content-Type", "text/html; charset=utf-8")
        .expect("a valid header");
    let no_store =
        tiny_http::Header::from_bytes("Cache-Control", "no-store").expect("a valid header");
    // Only this machine's own names: a page of another site that a DNS answer points at
    // 127.0.0.1 (DNS rebinding) must not read the draft.
    let host_ok = request
        .headers()
        .iter()
        .filter(|h| h.field.equiv("Host"))
        .all(|h| {
            let host = h.value.as_str();
            let name = host.rsplit_once(':').map_or(host, |(n, _)| n);
            matches!(name, "127.0.0.1" | "localhost" | "[::1]")
        });
    if !host_ok {
        let _ = request.respond(tiny_http::Response::empty(421));
        return;
    }
    if *request.method() != tiny_http::Method::Get {
        let _ = request.respond(tiny_http::Response::empty(405));
        return;
    }
    if request.url() == "/events" {
        if listeners.fetch_add(1, Ordering::SeqCst) >= MAX_LISTENERS {
            listeners.fetch_sub(1, Ordering::SeqCst);
            let _ = request.respond(tiny_http::Response::empty(503));
            return;
        }
        events(request.into_writer(), site);
        listeners.fetch_sub(1, Ordering::SeqCst);
        return;
    }
    let response = match site.page(request.url()) {
        Some(page) => tiny_http::Response::from_string(page)
            .with_header(html)
            .with_header(no_store),
        None => tiny_http::Response::from_string("404").with_status_code(404),
    };
    let _ = request.respond(response);
}

/// Server-sent events: a message each time a unit is rebuilt, a comment now and then so a
/// closed page is noticed.
fn events(mut out: Box<dyn std::io::Write + Send>, site: &Site) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n";
    if out
        .write_all(head.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        return;
    }
    let mut seen = site.version();
    loop {
        let now = site.wait(seen, Duration::from_secs(15));
        let message = if now == seen {
            ": still here\n\n".to_string()
        } else {
            seen = now;
            format!("data: {now}\n\n")
        };
        if out
            .write_all(message.as_bytes())
            .and_then(|()| out.flush())
            .is_err()
        {
            return;
        }
    }
}

/// Ctrl-C stops the server with a word, not a trace.
fn ctrlc_stops(ui: &Ui) {
    let said = ui.text("stopped", "已停止").to_string();
    let _ = ctrlc::set_handler(move || {
        let _ = writeln!(std::io::stderr(), "{said}");
        std::process::exit(0);
    });
}

/// Opens the system's browser at `url`; a machine without one just keeps the printed address.
fn open_browser(url: &str) {
    let mut command = if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    let _ = command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}
