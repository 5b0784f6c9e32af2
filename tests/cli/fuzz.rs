//! The fuzz harness: mutated report folders through the whole path the CLI drives.
//!
//! Each case takes a seed folder (Taian, the examples, every case of the check corpus),
//! mutates it the ways careless and hostile input differ from good data — bytes flipped, Han
//! characters and full-width punctuation typed into `{{ }}` and `{% %}`, lines deleted and
//! duplicated, types swapped, huge numbers, control characters, loops, links out of the tree,
//! FIFOs — and then does what the CLI does with it: load, check and render every format in
//! memory; print every diagnostic for people (both languages, with and without colour), as
//! JSON and as GitHub annotations, capped as the CLI prints them; format every data file (and
//! check that formatting keeps every value); import every data file as a report text; apply
//! the safe fixes and check again.
//!
//! Each case also imports the DOCX it built with its document part mutated (a table, a break,
//! a style, bytes cut or flipped). Two more harnesses cover the other surfaces a stranger
//! reaches: mutated HTTP requests against the preview's server, and builds whose files are
//! saved while they run (after the saves stop, a build that skips must give exactly what a
//! forced build gives).
//!
//! A case fails on a panic, or on a format that changes a value. Cases are numbered; a failing
//! number replays alone with `FUZZ_FROM=N FUZZ_CASES=1`. `FUZZ_CASES` sets how many run (CI
//! runs a few hundred; see the README for a long run).

use std::fs;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rayon::prelude::*;
use report::diagnostic::{Diagnostic, Lang, capped};
use report::pipeline::{self, Session};
use report::render::{Format, RenderOptions};

use super::root;

/// A small, fast, reproducible generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// One report folder's files: (name, bytes).
type Folder = Vec<(String, Vec<u8>)>;

/// Every seed folder: Taian, the examples, the check corpus (base with each case laid over).
fn seeds() -> Vec<Folder> {
    let read = |dir: &Path, into: &mut Folder| {
        let mut names: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().unwrap().is_file())
            .map(|e| e.file_name().into_string().unwrap())
            .filter(|n| n.ends_with(".toml"))
            .collect();
        names.sort();
        for name in names {
            let bytes = fs::read(dir.join(&name)).unwrap();
            into.retain(|(n, _)| *n != name);
            into.push((name, bytes));
        }
    };
    let mut seeds = Vec::new();
    let mut folders = vec![root().join("data/taian/2020")];
    for example in ["county", "street", "justice-bureau", "custom-template"] {
        folders.push(root().join("examples").join(example).join("2023"));
    }
    for dir in folders {
        let mut f = Folder::new();
        read(&dir, &mut f);
        seeds.push(f);
    }
    let corpus = root().join("tests/check");
    for case in super::corpus_cases() {
        let mut f = Folder::new();
        read(&corpus.join("base"), &mut f);
        read(&case, &mut f);
        seeds.push(f);
    }
    seeds
}

const HAN_AND_MARKS: &[&str] = &[
    "年", "职责", "镇", "（", "）", "〔", "〕", "《", "》", "“", "”", "‘", "’", "，", "。", "、",
    "：", "；", "…", "—", "～", "·", "　", "①", "１", "𠀀",
];

const SNIPPETS: &[&str] = &[
    "{{ 年 }}",
    "{%近年来",
    "{{ documents | ci（te }}",
    "{{ 1000000000000 | cn_num }}",
    "{{ heading_number(1, 1000000000000) }}",
    "{{ heading_number(9, 0) }}",
    "{{ -5 | cn_num }}",
    "{{ year }}",
    "{{ unit.name }}",
    "{{ documents | cite }}",
    "{{ outreach.counts.lectures }}",
    "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
    "{% set s = \"x\" * 100000 %}{% for i in range(1000) %}{{ s }}{% endfor %}",
    "{{ \"<b>\" }}",
    "<script>alert(1)</script>",
    "| a | b |\n|---|---|\n| c | d |",
    "\\u0001",
    "\\b",
    "\\u001b[31m",
    "\u{1b}",
    "\u{202E}",
    "\r",
    "{{",
    "}}",
    "{%",
    "%}",
    "{#",
    "\"\"\"",
    "'''",
    "〔2020〕2号",
    "2021-2025年",
    "1e308",
    "9223372036854775807",
    "-9223372036854775808",
    "-0.0",
    "nan",
    "inf",
    "[[sections]]\ntitle = \"节\"\n",
    "[[sections.sections]]\ntitle = \"小节\"\nblock = \"duties\"\n",
];

const VALUES: &[&str] = &[
    "\"15\"",
    "15",
    "-1",
    "9223372036854775807",
    "1000000000000",
    "-0.0",
    "1e308",
    "true",
    "[]",
    "{}",
    "2020-02-30",
    "1979-05-27T07:32:00Z",
    "\"待补充\"",
    "\"\"",
    "nan",
];

/// Byte offsets of `{{`, `{%` and the character boundaries: where a typo lands.
fn interesting_offset(text: &[u8], rng: &mut Rng) -> usize {
    let s = String::from_utf8_lossy(text);
    let opens: Vec<usize> = s
        .match_indices("{{")
        .chain(s.match_indices("{%"))
        .map(|(i, _)| i + 2)
        .collect();
    if !opens.is_empty() && rng.below(2) == 0 && s.len() == text.len() {
        let at = *rng.pick(&opens) + rng.below(6);
        let mut at = at.min(text.len());
        while !s.is_char_boundary(at) {
            at -= 1;
        }
        return at;
    }
    rng.below(text.len() + 1)
}

#[expect(
    clippy::too_many_lines,
    reason = "one match over the kinds of mutation, each arm a few lines"
)]
fn mutate_bytes(bytes: &mut Vec<u8>, rng: &mut Rng) {
    let lines = |b: &[u8]| -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, &c) in b.iter().enumerate() {
            if c == b'\n' {
                out.push((start, i + 1));
                start = i + 1;
            }
        }
        if start < b.len() {
            out.push((start, b.len()));
        }
        out
    };
    match rng.below(11) {
        0 if !bytes.is_empty() => {
            let at = rng.below(bytes.len());
            bytes[at] ^= 1 << rng.below(8);
        }
        1 | 2 => {
            let at = interesting_offset(bytes, rng);
            let what = rng.pick(HAN_AND_MARKS).as_bytes();
            bytes.splice(at..at, what.iter().copied());
        }
        3 => {
            let ls = lines(bytes);
            if !ls.is_empty() {
                let (s, e) = ls[rng.below(ls.len())];
                bytes.drain(s..e);
            }
        }
        4 => {
            let ls = lines(bytes);
            if !ls.is_empty() {
                let (s, e) = ls[rng.below(ls.len())];
                let line = bytes[s..e].to_vec();
                let (_, at) = ls[rng.below(ls.len())];
                bytes.splice(at..at, line);
            }
        }
        5 | 6 => {
            let at = interesting_offset(bytes, rng);
            let what = rng.pick(SNIPPETS).as_bytes();
            bytes.splice(at..at, what.iter().copied());
        }
        7 => {
            // Swap a value's type: `key = X` → `key = Y`.
            let ls = lines(bytes);
            let candidates: Vec<(usize, usize)> = ls
                .into_iter()
                .filter(|&(s, e)| bytes[s..e].windows(3).any(|w| w == b" = "))
                .collect();
            if !candidates.is_empty() {
                let (s, e) = candidates[rng.below(candidates.len())];
                let eq = s + bytes[s..e].windows(3).position(|w| w == b" = ").unwrap() + 3;
                let end = if bytes[e - 1] == b'\n' { e - 1 } else { e };
                bytes.splice(eq..end, rng.pick(VALUES).bytes());
            }
        }
        8 => {
            let at = rng.below(bytes.len() + 1);
            bytes.truncate(at);
        }
        9 => {
            // Huge or odd numbers in place of digits.
            if let Some(at) = bytes.iter().position(u8::is_ascii_digit) {
                let end = at
                    + bytes[at..]
                        .iter()
                        .take_while(|c| c.is_ascii_digit())
                        .count();
                bytes.splice(at..end, rng.pick(VALUES).bytes());
            }
        }
        _ => {
            const RAW: &[&[u8]] = &[
                b"\x1b",
                b"\x00",
                b"\xff\xfe",
                b"\xc3",
                b"\x0c",
                b"\xef\xbb\xbf",
            ];
            // A raw control byte or an invalid UTF-8 sequence.
            let at = rng.below(bytes.len() + 1);
            let what: &[u8] = rng.pick::<&[u8]>(RAW);
            bytes.splice(at..at, what.iter().copied());
        }
    }
}

/// What one case found wrong (a panic is caught around the whole case).
fn run_case(seeds: &[Folder], n: u64, scratch: &Path) -> Result<(), String> {
    let mut rng = Rng::new(n);
    let folder = mutated(seeds, &mut rng);
    let dir = scratch.join(format!("case{n}"));
    let unit = dir.join("unit");
    write_case(&unit, &folder, &mut rng)?;
    let session = Session::new();
    let analyse = || {
        pipeline::analyse(
            &session,
            &unit,
            &dir,
            &[],
            &Format::ALL,
            RenderOptions::default(),
        )
    };
    let analysis = analyse();
    print_all(&analysis.diagnostics);
    for (format, bytes) in &analysis.rendered {
        if *format == Format::Docx {
            docx_holds(bytes, &mut rng)?;
        }
    }
    preview_holds(&dir, &unit)?;
    fmt_keeps_values(&folder, &unit, &dir)?;
    import_holds(&folder, &unit, &dir)?;
    // --fix on the copy, then check again.
    if analysis.diagnostics.iter().any(|d| d.fix.is_some())
        && report::ops::fix::apply(&analysis.diagnostics).is_ok()
    {
        print_all(&analyse().diagnostics);
    }
    let _ = fs::remove_dir_all(&dir);
    Ok(())
}

/// A seed with a few mutations: bytes of its files, or a line moved from one file to another.
fn mutated(seeds: &[Folder], rng: &mut Rng) -> Folder {
    let mut folder = seeds[rng.below(seeds.len())].clone();
    for _ in 0..=rng.below(4) {
        // Sometimes a line moves from one file to another.
        if rng.below(8) == 0 && folder.len() > 1 {
            let from = rng.below(folder.len());
            let to = rng.below(folder.len());
            let line: Vec<u8> = folder[from]
                .1
                .split(|&c| c == b'\n')
                .nth(rng.below(20))
                .unwrap_or_default()
                .to_vec();
            folder[to].1.extend_from_slice(&line);
            folder[to].1.push(b'\n');
            continue;
        }
        let i = rng.below(folder.len());
        mutate_bytes(&mut folder[i].1, rng);
    }
    folder
}

/// Writes the case's files into `unit`; now and then one is a link out of the tree, or a FIFO.
fn write_case(unit: &Path, folder: &Folder, rng: &mut Rng) -> Result<(), String> {
    fs::create_dir_all(unit).map_err(|e| e.to_string())?;
    for (name, bytes) in folder {
        fs::write(unit.join(name), bytes).map_err(|e| e.to_string())?;
    }
    #[cfg(unix)]
    match rng.below(40) {
        0 => {
            let name = &folder[rng.below(folder.len())].0;
            let _ = fs::remove_file(unit.join(name));
            let _ = std::os::unix::fs::symlink("/etc/passwd", unit.join(name));
        }
        1 => {
            let _ = std::os::unix::fs::symlink("/", unit.join("templates"));
        }
        2 => {
            let name = &folder[rng.below(folder.len())].0;
            let path = unit.join(name);
            let _ = fs::remove_file(&path);
            super::make_fifo(&path);
        }
        _ => {}
    }
    Ok(())
}

/// Every part of a DOCX is well-formed XML (the writer is ours: nothing else checks it), and
/// the importer, on it with its document part mutated, writes TOML that parses.
fn docx_holds(bytes: &[u8], rng: &mut Rng) -> Result<(), String> {
    well_formed_docx(bytes)?;
    let mutated = mutate_docx(bytes, rng)?;
    if let Ok(imported) = report::ops::import::import(
        "report.docx",
        &mutated,
        &report::ops::import::Given::default(),
    ) && !all_parse(&imported)
    {
        return Err("import of a mutated DOCX wrote TOML that does not parse".into());
    }
    Ok(())
}

/// The preview `report serve` shows: the page marked with where values come from, with the
/// problems over it; no mark may be left in it.
fn preview_holds(dir: &Path, unit: &Path) -> Result<(), String> {
    let site = report::serve::Site::new(
        dir.to_path_buf(),
        vec![unit.to_path_buf()],
        report::serve::DEFAULT_EDITOR.to_string(),
        report::diagnostic::Lang::Zh,
    );
    let page = site.page("/").unwrap_or_default();
    if page.contains(['\u{FDD0}', '\u{FDD1}', '\u{FDD2}']) {
        return Err("a preview mark was left in the page".to_string());
    }
    if page.matches("<span class=\"report-source\"").count() > page.matches("</span>").count() {
        return Err("a preview span was left open".to_string());
    }
    Ok(())
}

/// fmt on every data file that reads: it must keep every value.
fn fmt_keeps_values(folder: &Folder, unit: &Path, dir: &Path) -> Result<(), String> {
    for (name, _) in folder {
        let Ok(bytes) = report::files::read(&unit.join(name), dir) else {
            continue;
        };
        let Ok((text, _)) = report::source::decode(&bytes) else {
            continue;
        };
        if let Ok(formatted) = report::ops::fmt::format(name, &text, None) {
            let before = text.parse::<toml::Table>();
            let after = formatted.parse::<toml::Table>();
            let kept = match (before, after) {
                (Ok(before), Ok(after)) => report::ops::fmt::same_values(&before, &after),
                (Ok(_), Err(_)) => false,
                (Err(_), _) => true,
            };
            if !kept {
                if std::env::var_os("FUZZ_SHOW").is_some() {
                    eprintln!("BEFORE:\n{text:?}\nAFTER:\n{formatted:?}");
                }
                return Err(format!("fmt changed a value of {name}"));
            }
        }
    }
    Ok(())
}

/// The importer on the mutated texts, read as a text file and (zipped as it lies) as DOCX
/// bytes: a report or a reason, never a panic; what it writes is TOML.
fn import_holds(folder: &Folder, unit: &Path, dir: &Path) -> Result<(), String> {
    for (name, _) in folder {
        // Read as the importer reads (a FIFO refused, not waited on).
        let Ok(bytes) = report::files::read(&unit.join(name), dir) else {
            continue;
        };
        for file_name in ["report.txt", "report.md", "report.docx"] {
            if let Ok(imported) = report::ops::import::import(
                file_name,
                &bytes,
                &report::ops::import::Given::default(),
            ) && !all_parse(&imported)
            {
                return Err(format!(
                    "import of {name} as {file_name} wrote TOML that does not parse"
                ));
            }
        }
    }
    Ok(())
}

/// Shapes a Word document part takes that our own writer does not make.
const DOCX_SNIPPETS: &[&str] = &[
    "<w:p><w:r><w:br/></w:r></w:p>",
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>12场</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
    "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:r><w:t>加强领导，</w:t></w:r></w:p>",
    "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\"> （一） </w:t></w:r><w:r><w:tab/></w:r></w:p>",
    "<w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent>",
    "<!DOCTYPE x [<!ENTITY a \"aaaaaaaa\">]>",
    "&a;&#0;&#xFFFE;",
    "<w:p>",
    "</w:body>",
];

/// A DOCX with its `word/document.xml` mutated: a snippet put in, bytes flipped, or cut.
fn mutate_docx(bytes: &[u8], rng: &mut Rng) -> Result<Vec<u8>, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|e| e.to_string())?;
        let name = part.name().to_string();
        let mut body = Vec::new();
        part.read_to_end(&mut body).map_err(|e| e.to_string())?;
        if name == "word/document.xml" {
            for _ in 0..=rng.below(3) {
                let at = rng.below(body.len() + 1);
                match rng.below(4) {
                    0 | 1 => {
                        let snippet = rng.pick(DOCX_SNIPPETS).as_bytes();
                        body.splice(at..at, snippet.iter().copied());
                    }
                    2 if !body.is_empty() => {
                        let at = at.min(body.len() - 1);
                        body[at] ^= 1 << rng.below(8);
                    }
                    _ => body.truncate(at),
                }
            }
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .map_err(|e| e.to_string())?;
        out.write_all(&body).map_err(|e| e.to_string())?;
    }
    Ok(out.finish().map_err(|e| e.to_string())?.into_inner())
}

/// Every way the CLI prints diagnostics.
fn print_all(diagnostics: &[Diagnostic]) {
    for d in capped(diagnostics) {
        for lang in [Lang::En, Lang::Zh] {
            std::hint::black_box(d.render(lang, false));
            std::hint::black_box(d.render(lang, true));
            std::hint::black_box(d.to_json(lang).to_string());
            std::hint::black_box(d.to_github(lang));
        }
    }
}

#[test]
fn fuzz_the_whole_path() {
    let cases: u64 = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let from: u64 = std::env::var("FUZZ_FROM")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let seeds = seeds();
    let scratch = tempfile::tempdir().unwrap();
    let done = std::sync::atomic::AtomicU64::new(0);
    let failures: Vec<(u64, String)> = (from..from + cases)
        .into_par_iter()
        .filter_map(|n| {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                run_case(&seeds, n, scratch.path())
            }));
            let k = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            if k.is_multiple_of(100_000) {
                eprintln!("fuzz: {k} cases");
            }
            match result {
                Ok(Ok(())) => None,
                Ok(Err(e)) => Some((n, e)),
                Err(panic) => Some((
                    n,
                    panic
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| {
                            panic
                                .downcast_ref::<&str>()
                                .map(std::string::ToString::to_string)
                        })
                        .unwrap_or_else(|| "panic".into()),
                )),
            }
        })
        .collect();
    let peak_mb = peak_rss_mb();
    eprintln!(
        "fuzz: {cases} cases from {from}, {} failed, peak {peak_mb} MB",
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {cases} cases failed (replay one with FUZZ_FROM=N FUZZ_CASES=1):\n{}",
        failures.len(),
        failures
            .iter()
            .take(20)
            .map(|(n, e)| format!("  case {n}: {e}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(peak_mb < 1024, "peak memory {peak_mb} MB");
}

/// The process's peak resident memory, in MB.
fn peak_rss_mb() -> u64 {
    #[cfg(unix)]
    {
        // SAFETY: `rusage` is plain integers, for which all zero bytes is a valid value.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: getrusage(2) writes one `rusage` into the local it is given.
        if unsafe { libc::getrusage(libc::RUSAGE_SELF, &raw mut usage) } == 0 {
            return (usage.ru_maxrss as u64) / 1024;
        }
    }
    0
}

/// Every part of a DOCX package parses as XML.
fn well_formed_docx(bytes: &[u8]) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|e| e.to_string())?;
        let name = part.name().to_string();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut part, &mut xml).map_err(|e| e.to_string())?;
        roxmltree::Document::parse(&xml)
            .map_err(|e| format!("{name} of the DOCX is not well-formed: {e}"))?;
    }
    Ok(())
}

/// A site of one fixed page, for the server's harness.
struct StillSite {
    page: std::sync::Arc<str>,
}

impl report::serve::http::Events for StillSite {
    fn version(&self) -> u64 {
        0
    }
    fn wait(&self, _seen: u64, timeout: Duration) -> u64 {
        std::thread::sleep(timeout.min(Duration::from_millis(50)));
        0
    }
}

impl report::serve::http::Site for StillSite {
    fn answer(&self, request: &report::serve::http::Request) -> report::serve::http::Reply {
        match request.path.as_str() {
            "/" => report::serve::http::Reply::Page(std::sync::Arc::clone(&self.page)),
            "/events" => report::serve::http::Reply::Events,
            _ => report::serve::http::Reply::NotFound,
        }
    }
    fn policy(&self) -> &'static str {
        "default-src 'none'"
    }
}

const HTTP_PARTS: &[&str] = &[
    "GET",
    "POST",
    "HEAD",
    "OPTIONS",
    "get",
    " ",
    "  ",
    "/",
    "/u/0/",
    "/events",
    "/../../etc/passwd",
    "/%2e%2e/",
    "?x=1#y",
    "HTTP/1.1",
    "HTTP/1.0",
    "HTTP/2",
    "\r\n",
    "\n",
    "\r",
    "\0",
    "Host:",
    "Host: 127.0.0.1",
    "Host: evil.example",
    "Host: 127.0.0.1:1",
    "Host: [::1]",
    "Host: localhost:",
    "Content-Length: 5",
    "Content-Length: 0",
    "Content-Length: -1",
    "Transfer-Encoding: chunked",
    "Connection: keep-alive",
    "X: ",
    "年",
    "\u{FEFF}",
    ":",
    "\r\n\r\n",
];

/// One mutated request head.
fn http_request(rng: &mut Rng) -> Vec<u8> {
    let mut bytes = Vec::new();
    if rng.below(3) > 0 {
        bytes.extend_from_slice(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    }
    for _ in 0..rng.below(12) {
        bytes.extend_from_slice(rng.pick(HTTP_PARTS).as_bytes());
    }
    if rng.below(4) == 0 && !bytes.is_empty() {
        let at = rng.below(bytes.len());
        bytes[at] ^= 1 << rng.below(8);
    }
    if rng.below(5) == 0 {
        bytes.extend(std::iter::repeat_n(b'a', rng.below(20_000)));
    }
    if rng.below(4) > 0 {
        bytes.extend_from_slice(b"\r\n\r\n");
    }
    bytes
}

/// Mutated requests against the preview's HTTP layer: every head parses or is refused (no
/// panic), every connection is answered or closed, and the server still answers afterwards.
#[test]
fn fuzz_the_preview_server() {
    use report::serve::http;
    let cases: u64 = std::env::var("FUZZ_HTTP_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(400);
    let server = http::Server::bind(0, http::Limits::default()).unwrap();
    let port = server.port();
    let site = std::sync::Arc::new(StillSite {
        page: "<p>报告</p>".into(),
    });
    std::thread::spawn(move || server.run(site));
    let failures: Vec<String> = (0..cases)
        .into_par_iter()
        .filter_map(|n| {
            let mut rng = Rng::new(n ^ 0x4854_5450);
            let bytes = http_request(&mut rng);
            // The parser alone, on the head as sent.
            let head = bytes.split(|&b| b == 0).next().unwrap_or_default();
            let _ = std::hint::black_box(http::parse_head(head));
            let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
            stream
                .set_read_timeout(Some(Duration::from_secs(20)))
                .ok()?;
            let _ = stream.write_all(&bytes);
            let _ = stream.shutdown(std::net::Shutdown::Write);
            let mut answer = Vec::new();
            let read = stream.take(1 << 20).read_to_end(&mut answer);
            let events = answer.starts_with(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream");
            match read {
                Ok(_) if answer.is_empty() || answer.starts_with(b"HTTP/1.1 ") => None,
                Err(_) if events => None,
                other => Some(format!(
                    "case {n}: {other:?}, answered {:?}",
                    String::from_utf8_lossy(&answer[..answer.len().min(80)])
                )),
            }
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
    assert!(answer.ends_with("<p>报告</p>"));
}

/// Builds `unit` into `out` as md and html in this process: the outcome.
fn build_in_process(unit: &Path, out: &Path, force: bool) -> pipeline::Outcome {
    let settings = pipeline::BuildSettings {
        formats: vec![Format::Markdown, Format::Html],
        templates: Vec::new(),
        render: RenderOptions::default(),
        deny_warnings: false,
        pdf: None,
        force,
    };
    pipeline::build(&Session::new(), unit, unit, out, &settings)
}

/// Builds whose data files and templates are saved while they run: once the saves stop, a
/// build that skips the unit must have outputs exactly as a forced build makes them.
#[test]
fn fuzz_manifests_under_concurrent_saves() {
    let cases: u64 = std::env::var("FUZZ_SAVE_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40);
    let scratch = tempfile::tempdir().unwrap();
    let template = fs::read_to_string(root().join("templates/report.md.j2")).unwrap();
    let failures: Vec<String> = (0..cases)
        .into_par_iter()
        .filter_map(|n| {
            let mut rng = Rng::new(n ^ 0x5341_5645);
            let unit = scratch.path().join(format!("case{n}/unit"));
            super::copy_tree(&root().join("data/taian/2020"), &unit);
            fs::create_dir_all(unit.join("templates")).ok()?;
            let out = scratch.path().join(format!("case{n}/out"));
            let saves: Vec<(PathBuf, Vec<u8>)> = (0..=rng.below(4))
                .map(|k| {
                    let value = 15 + rng.below(50);
                    match rng.below(3) {
                        0 => (
                            unit.join("templates/report.md.j2"),
                            format!("MARK-{n}-{k}\n{template}").into_bytes(),
                        ),
                        1 => {
                            let text = fs::read_to_string(unit.join("outreach.toml")).unwrap();
                            let text = text.replacen("value = 15", &format!("value = {value}"), 1);
                            let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
                            (unit.join("outreach.toml"), bom)
                        }
                        _ => {
                            let text = fs::read_to_string(unit.join("outreach.toml")).unwrap();
                            let text = text.replacen("value = 15", &format!("value = {value}"), 1);
                            let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
                            (unit.join("outreach.toml"), gbk.into_owned())
                        }
                    }
                })
                .collect();
            let pauses: Vec<u64> = saves.iter().map(|_| rng.below(3000) as u64).collect();
            let saver = std::thread::spawn(move || {
                for ((path, bytes), pause) in saves.into_iter().zip(pauses) {
                    std::thread::sleep(Duration::from_micros(pause));
                    let _ = fs::write(path, bytes);
                }
            });
            for _ in 0..3 {
                let _ = build_in_process(&unit, &out, false);
            }
            saver.join().ok()?;
            let skipped = build_in_process(&unit, &out, false);
            let kept: Vec<Vec<u8>> = ["report.md", "report.html"]
                .iter()
                .map(|f| fs::read(out.join(f)).unwrap_or_default())
                .collect();
            let forced = build_in_process(&unit, &out, true);
            let fresh: Vec<Vec<u8>> = ["report.md", "report.html"]
                .iter()
                .map(|f| fs::read(out.join(f)).unwrap_or_default())
                .collect();
            (skipped.skipped && kept != fresh && forced.diagnostics.is_empty())
                .then(|| format!("case {n}: a skipped build kept outputs older than its inputs"))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Whether every file an import wrote is TOML.
fn all_parse(imported: &report::ops::import::Imported) -> bool {
    imported
        .files
        .iter()
        .all(|(_, text)| text.parse::<toml::Table>().is_ok())
}
