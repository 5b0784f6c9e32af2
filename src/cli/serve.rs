//! `report serve`: a live preview in the browser.

use std::io::Write as _;
use std::path::PathBuf;
use std::sync::Arc;

use super::{CliError, CliResult, Status, Ui};
use crate::diagnostic::Text;
use crate::serve::{Site, http};

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
    let server =
        http::Server::bind(args.port.unwrap_or(0), http::Limits::default()).map_err(|e| {
            let said = crate::diagnostic::io_error_text(&e);
            // A port that is taken: another preview is running, or another program has it.
            let (next_en, next_zh) = if e.kind() == std::io::ErrorKind::AddrInUse {
                (
                    "; give another with --port, or leave --port out for a free one",
                    "；请用 --port 换一个端口，或不写 --port 由程序选择空闲端口",
                )
            } else {
                ("", "")
            };
            CliError::failure(Text::new(
                format!("cannot listen on 127.0.0.1: {}{next_en}", said.en),
                format!("无法在 127.0.0.1 上监听：{}{next_zh}", said.zh),
            ))
        })?;
    let site = Arc::new(Site::new(root.clone(), dirs, args.editor, ui.lang));
    crate::serve::watch::start(Arc::clone(&site)).map_err(|e| {
        CliError::failure(Text::new(
            format!("cannot watch {}: {e}", root.display()),
            format!("无法监视 {} 的变化：{}", root.display(), watch_error_zh(&e)),
        ))
    })?;
    let url = format!("http://127.0.0.1:{}/", server.port());
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
    server.run(site);
    Ok(Status::Success)
}

/// A watch failure in Chinese: the system's words when it gave an error number.
fn watch_error_zh(e: &crate::serve::watch::WatchError) -> String {
    match &e.0.kind {
        notify::ErrorKind::Io(io) => crate::diagnostic::io_error_text(io).zh,
        notify::ErrorKind::MaxFilesWatch => "可监视的文件数已达系统上限".to_string(),
        notify::ErrorKind::PathNotFound => "不存在".to_string(),
        _ => "系统错误".to_string(),
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
