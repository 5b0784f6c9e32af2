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
//! A case fails on a panic, on a case slower than its bound (5 s in a release build), or on a
//! format that changes a value. Cases are numbered; a failing number replays alone with
//! `FUZZ_FROM=N FUZZ_CASES=1`. `FUZZ_CASES` sets how many run (CI runs a few hundred; see
//! the README for a long run).

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

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
        mutate_bytes(&mut folder[i].1, &mut rng);
    }
    let dir = scratch.join(format!("case{n}"));
    let unit = dir.join("unit");
    fs::create_dir_all(&unit).map_err(|e| e.to_string())?;
    for (name, bytes) in &folder {
        fs::write(unit.join(name), bytes).map_err(|e| e.to_string())?;
    }
    // Now and then a file of the unit is a link out of the tree, or a FIFO.
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
    let started = Instant::now();
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
    // Every part of a DOCX is well-formed XML (the writer is ours: nothing else checks it).
    for (format, bytes) in &analysis.rendered {
        if *format == Format::Docx {
            well_formed_docx(bytes)?;
        }
    }
    // The preview `report serve` shows: the page marked with where values come from, with the
    // problems over it; no mark may be left in it.
    let site = report::serve::Site::new(
        dir.clone(),
        vec![unit.clone()],
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
    // fmt on every data file that reads: it must keep every value.
    for (name, _) in &folder {
        let Ok(bytes) = report::files::read(&unit.join(name), &dir) else {
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
    // The importer on the mutated texts, read as a text file and (zipped as it lies) as DOCX
    // bytes: a report or a reason, never a panic; what it writes is TOML.
    for (name, _) in &folder {
        // Read as the importer reads (a FIFO refused, not waited on).
        let Ok(bytes) = report::files::read(&unit.join(name), &dir) else {
            continue;
        };
        for file_name in ["report.txt", "report.md", "report.docx"] {
            if let Ok(paragraphs) = report::ops::import::paragraphs(file_name, &bytes)
                && let Ok(imported) = report::ops::import::import(paragraphs, None)
                && imported.files[0].1.parse::<toml::Table>().is_err()
            {
                return Err(format!(
                    "import of {name} as {file_name} wrote TOML that does not parse"
                ));
            }
        }
    }
    // --fix on the copy, then check again.
    if analysis.diagnostics.iter().any(|d| d.fix.is_some())
        && report::ops::fix::apply(&analysis.diagnostics).is_ok()
    {
        print_all(&analyse().diagnostics);
    }
    let limit = if cfg!(debug_assertions) { 60 } else { 5 };
    if started.elapsed() > Duration::from_secs(limit) {
        return Err(format!("took {:?}", started.elapsed()));
    }
    let _ = fs::remove_dir_all(&dir);
    Ok(())
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
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
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
