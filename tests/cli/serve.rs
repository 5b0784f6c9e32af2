//! `report serve` in a real browser: headless Chromium driven over the DevTools protocol loads
//! the preview, a data file is saved, and the new number must appear in the open page without
//! a reload; an error must be listed with its place over the last good report; the places
//! values and problems link to must be the lines they come from.

use super::*;
use std::io::{BufRead as _, Read as _, Write as _};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

fn chromium() -> PathBuf {
    std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .map(|d| d.join("chromium"))
        .find(|p| p.is_file())
        .expect("chromium is not installed: run scripts/test.sh, which installs it")
}

/// A request to the server naming `host`: the whole response.
pub(super) fn request(port: u16, method: &str, path: &str, host: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    super::unbroken(&response)
}

/// A request to the server: status line and body.
fn get(port: u16, path: &str, method: &str) -> (String, String) {
    let response = request(port, method, path, "127.0.0.1");
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    (
        head.lines().next().unwrap_or("").to_string(),
        body.to_string(),
    )
}

/// `report serve PATH` started on a free port and answering: the process and the port.
pub(super) fn spawn_serve(
    path: &Path,
    lang: &str,
) -> (Child, u16, std::thread::JoinHandle<String>) {
    spawn_serve_with(path, lang, &[])
}

/// [`spawn_serve`] with more arguments (`--editor …`).
fn spawn_serve_with(
    path: &Path,
    lang: &str,
    more: &[&str],
) -> (Child, u16, std::thread::JoinHandle<String>) {
    // The server takes a free port itself and says which: a port chosen here and handed over
    // could be taken by another test's server in between.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("report"))
        .args(["serve", "--no-open", "--lang", lang])
        .args(more)
        .arg(path)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    // Everything the server says, for the tests that read it once it has stopped.
    let said = std::thread::spawn(move || {
        let mut all = String::new();
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                let port: String = rest.chars().take_while(char::is_ascii_digit).collect();
                let _ = tx.send(port.parse::<u16>().unwrap_or(0));
            }
            all.push_str(&line);
            all.push('\n');
        }
        all
    });
    let port = rx
        .recv_timeout(Duration::from_secs(20))
        .expect("the server did not start");
    (child, port, said)
}

/// `report serve` running on a copy of a unit.
struct Server {
    child: Child,
    port: u16,
    /// What the server says on stderr, once it has stopped.
    said: Option<std::thread::JoinHandle<String>>,
    unit: PathBuf,
    _dir: tempfile::TempDir,
}

impl Server {
    fn start(source: &Path) -> Server {
        Server::start_with(source, &[])
    }

    /// A server of a copy of `source`, started with `more` arguments.
    fn start_with(source: &Path, more: &[&str]) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let unit = dir.path().join("taian/2020");
        copy_tree(source, &unit);
        let (child, port, said) = spawn_serve_with(&unit, "en", more);
        Server {
            child,
            port,
            said: Some(said),
            unit: unit.canonicalize().unwrap(),
            _dir: dir,
        }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// Rewrites a data file as a save from an editor would.
    fn edit(&self, file: &str, from: &str, to: &str) {
        let path = self.unit.join(file);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{from} in {file}");
        fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Headless Chromium with one page open, driven over the DevTools protocol.
struct Browser {
    child: Child,
    socket: tungstenite::WebSocket<tungstenite::stream::MaybeTlsStream<TcpStream>>,
    session: String,
    next: u64,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn open(url: &str) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new(chromium())
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stderr)
                .lines()
                .map_while(Result::ok)
            {
                if let Some(at) = line.find("ws://") {
                    let _ = tx.send(line[at..].trim().to_string());
                }
            }
        });
        let endpoint = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("Chromium printed its DevTools address");
        let (socket, _) = tungstenite::connect(endpoint.as_str()).unwrap();
        let mut browser = Browser {
            child,
            socket,
            session: String::new(),
            next: 0,
            _profile: profile,
        };
        let target = browser.call("Target.createTarget", json!({ "url": url }), false);
        let target = target["targetId"].as_str().unwrap().to_string();
        let attached = browser.call(
            "Target.attachToTarget",
            json!({ "targetId": target, "flatten": true }),
            false,
        );
        browser.session = attached["sessionId"].as_str().unwrap().to_string();
        browser
    }

    fn call(&mut self, method: &str, params: Value, in_page: bool) -> Value {
        match self.try_call(method, params, in_page) {
            Ok(result) => result,
            Err(reply) => panic!("{method}: {reply}"),
        }
    }

    /// A call, with the protocol's error when there is one (a page navigating away).
    fn try_call(&mut self, method: &str, params: Value, in_page: bool) -> Result<Value, Value> {
        self.next += 1;
        let mut message = json!({ "id": self.next, "method": method, "params": params });
        if in_page {
            message["sessionId"] = json!(self.session);
        }
        self.socket
            .send(tungstenite::Message::text(message.to_string()))
            .unwrap();
        loop {
            let reply = self.socket.read().unwrap();
            let Ok(text) = reply.to_text() else { continue };
            let Ok(reply) = serde_json::from_str::<Value>(text) else {
                continue;
            };
            if reply["id"] == json!(self.next) {
                if reply.get("error").is_some() {
                    return Err(reply);
                }
                return Ok(reply["result"].clone());
            }
        }
    }

    /// The value of a JavaScript expression in the page.
    fn eval(&mut self, expression: &str) -> Value {
        let result = self.call(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true }),
            true,
        );
        result["result"]["value"].clone()
    }

    /// Waits until `expression` is true in the page; how long it took.
    fn wait_for(&mut self, expression: &str) -> Duration {
        let began = Instant::now();
        loop {
            // While the page navigates, evaluating fails: that is not yet.
            let now = self.try_call(
                "Runtime.evaluate",
                json!({ "expression": expression, "returnByValue": true }),
                true,
            );
            if now.is_ok_and(|r| r["result"]["value"] == json!(true)) {
                return began.elapsed();
            }
            assert!(
                began.elapsed() < Duration::from_secs(30),
                "waited 30 s for `{expression}`; the page has:\n{}",
                self.eval("document.body ? document.body.innerText : ''")
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn text_has(words: &str) -> String {
    format!("document.body.innerText.includes({})", json!(words))
}

/// A save shows in the open page without a reload; an error is listed with its place while
/// the last good report stays; the saves are timed (median and worst, printed for the README).
#[test]
fn the_preview_follows_every_save_in_a_real_browser() {
    if !super::tools_present(
        "the_preview_follows_every_save_in_a_real_browser",
        &["chromium"],
    ) {
        return;
    }
    let server = Server::start(&taian());
    let mut page = Browser::open(&server.url());
    page.wait_for(&text_has("法律知识咨询活动15场"));
    // A mark on the page's window: a reload would lose it.
    page.eval("window.reportMark = 'kept'");
    let mut times = Vec::new();
    let mut value = 15;
    for _ in 0..9 {
        let next = value + 1;
        server.edit(
            "outreach.toml",
            &format!("value = {value}\n"),
            &format!("value = {next}\n"),
        );
        times.push(page.wait_for(&text_has(&format!("法律知识咨询活动{next}场"))));
        value = next;
    }
    assert_eq!(page.eval("window.reportMark"), json!("kept"), "no reload");
    assert_eq!(
        page.eval("document.documentElement.getAttribute('data-updates')"),
        json!("9")
    );
    times.sort();
    let median = times[times.len() / 2];
    let worst = times[times.len() - 1];
    eprintln!(
        "save → page: median {median:?}, worst {worst:?} over {} saves",
        times.len()
    );

    // An error: listed with its place, over the last good report.
    server.edit("report.toml", "year = 2020", "year = \"2020年\"");
    page.wait_for("!!document.getElementById('report-problems')");
    let problems = page.eval("document.getElementById('report-problems').innerText");
    let problems = problems.as_str().unwrap();
    assert!(
        problems.contains("E0102") && problems.contains("report.toml:"),
        "{problems}"
    );
    assert!(page.eval(&text_has(&format!("法律知识咨询活动{value}场"))) == json!(true));
    let link = page.eval("document.querySelector('#report-problems a.place').href");
    let line = fs::read_to_string(server.unit.join("report.toml"))
        .unwrap()
        .lines()
        .position(|l| l.starts_with("year = "))
        .unwrap()
        + 1;
    let path = server.unit.join("report.toml");
    assert_eq!(
        link,
        json!(format!(
            "vscode://file/{}:{line}:8",
            path.display().to_string().trim_start_matches('/')
        ))
    );
    // Mended: the list goes, the report follows.
    server.edit("report.toml", "year = \"2020年\"", "year = 2020");
    page.wait_for("!document.getElementById('report-problems')");
}

/// Every value drawn from the data carries `data-source="FILE:LINE"`, and the line is where
/// the value is written; a click opens the editor pattern at it.
#[test]
fn values_link_to_the_lines_they_come_from() {
    if !super::tools_present("values_link_to_the_lines_they_come_from", &["chromium"]) {
        return;
    }
    let editor = "about:blank#{path}:{line}:{column}";
    let server = Server::start_with(&taian(), &["--editor", editor]);
    let mut page = Browser::open(&server.url());
    page.wait_for(&text_has("法律知识咨询活动15场"));
    let sources = page.eval(
        "Array.from(document.querySelectorAll('[data-source]')).map(e => [e.getAttribute('data-source'), e.innerText, Array.from(e.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent).join('\\n')])",
    );
    let sources = sources.as_array().unwrap();
    assert!(sources.len() > 40, "{} values marked", sources.len());
    let mut files = std::collections::BTreeSet::new();
    for pair in sources {
        let (source, shown) = (pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
        // Its own words, without the values inside it (which have their own sources).
        let own = pair[2].as_str().unwrap();
        let (file, line) = source.split_once(':').unwrap();
        files.insert(file.to_string());
        let line: usize = line.parse().unwrap();
        let text = fs::read_to_string(server.unit.join(file)).unwrap();
        assert!(line >= 1 && line <= text.lines().count(), "{source}");
        // Words of a text or a title are on its line (or the next, after `"""`); a count
        // or a list points at its table or array.
        let chars: Vec<char> = own.chars().collect();
        let is_han = |c: &char| ('\u{4e00}'..='\u{9fff}').contains(c);
        let needle: String = chars
            .windows(4)
            .find(|w| w.iter().all(is_han))
            .map_or_else(|| own.trim().to_string(), |w| w.iter().collect());
        let near: String = text.lines().skip(line - 1).take(2).collect();
        let table = text
            .lines()
            .nth(line - 1)
            .is_some_and(|l| l.starts_with('[') || l.trim_end().ends_with('['));
        assert!(
            table || near.contains(&needle),
            "{source}: `{shown}` (`{needle}`) is not on its line: {near}"
        );
    }
    for file in [
        "report.toml",
        "outreach.toml",
        "leadership.toml",
        "problems.toml",
    ] {
        assert!(files.contains(file), "values of {file}: {files:?}");
    }
    // The count's source is its table in outreach.toml.
    let source = page.eval(
        "Array.from(document.querySelectorAll('[data-source]')).find(e => e.innerText === '法律知识咨询活动15场').getAttribute('data-source')",
    );
    let (file, line) = source.as_str().unwrap().split_once(':').unwrap();
    let line: usize = line.parse().unwrap();
    let text = fs::read_to_string(server.unit.join(file)).unwrap();
    let block: String = text
        .lines()
        .skip(line - 1)
        .take(4)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(block.contains("value = 15"), "{file}:{line}:\n{block}");
    // A click opens the editor pattern at that line.
    page.eval(
        "Array.from(document.querySelectorAll('[data-source]')).find(e => e.innerText === '法律知识咨询活动15场').click()",
    );
    page.wait_for("location.href.startsWith('about:blank#')");
    let href = page.eval("decodeURIComponent(location.href)");
    assert_eq!(
        href,
        json!(format!(
            "about:blank#{}:{line}:1",
            server.unit.join(file).display()
        ))
    );
}

/// Only the built pages are served, on the loopback address; Ctrl-C stops it cleanly.
#[test]
fn the_server_serves_only_the_report_and_stops_on_ctrl_c() {
    let mut server = Server::start(&taian());
    let (status, body) = get(server.port, "/", "GET");
    assert!(status.contains("200"), "{status}");
    assert!(body.contains("法律知识咨询活动15场"));
    assert!(
        !body.contains(['\u{FDD0}', '\u{FDD1}', '\u{FDD2}']),
        "no marks left in the page"
    );
    for path in [
        "/../../../../etc/passwd",
        "/report.toml",
        "/u/7/",
        "/outreach.toml",
        "/u/../",
    ] {
        let (status, body) = get(server.port, path, "GET");
        assert!(status.contains("404"), "{path}: {status}");
        assert!(!body.contains("root:"), "{path}");
    }
    assert!(get(server.port, "/", "POST").0.contains("405"));
    // A page of another site pointed at 127.0.0.1 by its DNS (rebinding) gets nothing.
    let response = request(server.port, "GET", "/", "attacker.example");
    assert!(response.starts_with("HTTP/1.1 421"), "{response}");
    assert!(!response.contains("法律知识"), "{response}");
    // Not on another address of the machine.
    let elsewhere = std::net::UdpSocket::bind("0.0.0.0:0")
        .and_then(|s| s.connect("192.0.2.1:9").map(|()| s))
        .and_then(|s| s.local_addr());
    if let Ok(addr) = elsewhere
        && !addr.ip().is_loopback()
        && !addr.ip().is_unspecified()
    {
        assert!(
            TcpStream::connect((addr.ip(), server.port)).is_err(),
            "{addr}"
        );
    }
    std::process::Command::new("kill")
        .args(["-INT", &server.child.id().to_string()])
        .status()
        .unwrap();
    let status = server.child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
    let said = server.said.take().unwrap().join().unwrap();
    assert!(
        said.contains("serving http://127.0.0.1:") && said.contains("stopped"),
        "{said}"
    );
}

/// A PATH with several units: an index of them, each with its state, and each page.
#[test]
fn several_units_get_an_index() {
    let (mut child, port, _) = spawn_serve(&root().join("examples"), "zh");
    let (_, index) = get(port, "/", "GET");
    for unit in ["district/2023", "ministry/2023", "township/2023"] {
        assert!(index.contains(unit), "{unit}: {index}");
    }
    assert!(index.contains("无错误"), "{index}");
    let (status, page) = get(port, "/u/0/", "GET");
    assert!(
        status.contains("200") && page.contains("data-source="),
        "{status}"
    );
    let _ = child.kill();
    let _ = child.wait();
}

/// The text of an HTML page: no scripts, styles, preview panel or tags.
fn page_text(html: &str) -> String {
    let mut html = html.to_string();
    for (open, close) in [
        ("<script", "</script>"),
        ("<style", "</style>"),
        ("<aside id=\"report-problems\"", "</aside>"),
    ] {
        while let Some(start) = html.find(open) {
            let end = html[start..]
                .find(close)
                .map_or(html.len(), |e| start + e + close.len());
            html.replace_range(start..end, "");
        }
    }
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag && !c.is_whitespace() => text.push(c),
            _ => {}
        }
    }
    text
}

/// The preview reads exactly as the built report, unit by unit: its marks change no word.
#[test]
fn the_preview_reads_as_the_built_report() {
    let tmp = tempfile::tempdir().unwrap();
    let tree = tmp.path().join("units");
    copy_tree(&root().join("examples"), &tree);
    copy_tree(&taian(), &tree.join("taian/2020"));
    let out = tmp.path().join("out");
    report()
        .arg("build")
        .arg(&tree)
        .args(["--format", "html", "--out"])
        .arg(&out)
        .assert()
        .success();
    let (mut child, port, _) = spawn_serve(&tree, "en");
    let (_, index) = get(port, "/", "GET");
    let mut compared = 0;
    for (n, piece) in index.split("<a href=\"/u/").skip(1).enumerate() {
        let name = piece.split('>').nth(1).unwrap().split('<').next().unwrap();
        let built = fs::read_to_string(out.join(name).join("report.html")).unwrap();
        let (_, page) = get(port, &format!("/u/{n}/"), "GET");
        assert!(page.contains("data-source="), "{name} is marked");
        assert_eq!(page_text(&page), page_text(&built), "{name}");
        compared += 1;
    }
    assert!(compared >= 9, "{compared} units compared");
    let _ = child.kill();
    let _ = child.wait();
}

/// The preview says what a build says after every kind of save: a save in last year's folder
/// changes this year's 较上年 figures too (it rebuilt only the folder that changed).
#[test]
fn the_preview_follows_last_years_folder_as_a_build_does() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("justice");
    copy_tree(&super::fixture("yoy/justice"), &root);
    let (mut child, port, _said) = spawn_serve(&root, "zh");
    let index = request(port, "GET", "/", "127.0.0.1");
    let n = index
        .split("<a href=\"/u/")
        .skip(1)
        .find(|item| item.contains(">2023<"))
        .and_then(|item| item.split('/').next())
        .expect("2023 listed")
        .to_string();
    let page = |words: &str| {
        let began = std::time::Instant::now();
        while began.elapsed() < Duration::from_secs(30) {
            if request(port, "GET", &format!("/u/{n}/"), "127.0.0.1").contains(words) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        false
    };
    assert!(page("举办法治讲座12场（较上年增加3场"));
    // Last year's count changes: this year's comparison follows, as a build gives it.
    let last = root.join("2022/outreach.toml");
    let text = fs::read_to_string(&last).unwrap();
    fs::write(&last, text.replacen("value = 9", "value = 5", 1)).unwrap();
    let followed = page("举办法治讲座12场（较上年增加7场");
    let _ = child.kill();
    let _ = child.wait();
    assert!(followed, "the 2023 page kept last year's old figure");
    let out = tmp.path().join("out");
    report()
        .arg("build")
        .arg(&root)
        .args(["--format", "md", "-q", "--out"])
        .arg(&out)
        .assert()
        .success();
    let md = fs::read_to_string(out.join("2023/report.md")).unwrap();
    assert!(md.contains("举办法治讲座12场（较上年增加7场"), "{md}");
}
