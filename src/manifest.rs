//! Skipping what has not changed: each unit's output folder keeps a manifest of what its
//! outputs were built from, so a second build of 300 units after one unit's fix pays for one.
//!
//! The manifest (`.report-manifest`, written last of the output set) records a hash of the
//! inputs — the program itself (its version and its executable's size and time of change, so a
//! new build of `report` rebuilds everything), the build settings, every file of the report folder, every file of the template
//! folders in effect, and last year's folder the report compares itself with — and a hash of
//! each output. A unit is skipped when the inputs hash the same and every output is still there
//! as written. Only a clean build (no diagnostic at all) is recorded: a unit with warnings is
//! built again each time, so its warnings are printed each time.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use xxhash_rust::xxh3::Xxh3;

/// The manifest's file name in a unit's output folder.
pub const FILE: &str = ".report-manifest";

/// The first line of every manifest: what it is, and its format.
const HEADER: &str = "# report build manifest v1: what these outputs were built from";

/// At most this many files of a template folder are hashed (a template folder holds a few).
const MAX_TEMPLATE_FILES: usize = 1_000;

/// A hasher of inputs.
pub struct Inputs(Xxh3);

impl Inputs {
    /// Starts with the program itself and the settings (`settings` as text).
    pub fn new(settings: &str) -> Inputs {
        let mut h = Xxh3::new();
        h.update(&program().to_le_bytes());
        h.update(settings.as_bytes());
        h.update(b"\0");
        Inputs(h)
    }

    /// Adds every regular file directly in `dir` (sorted by name), read only inside `within`.
    /// `known` gives the bytes of a file (by name) that were already read, so that it is not
    /// read again: they must be the file's bytes exactly.
    pub fn folder<'a>(
        &mut self,
        dir: &Path,
        within: &Path,
        known: &dyn Fn(&std::ffi::OsStr) -> Option<&'a [u8]>,
    ) {
        self.0.update(dir.as_os_str().as_encoded_bytes());
        self.0.update(b"\0");
        for path in listing(dir, false) {
            match path.file_name().and_then(known) {
                Some(bytes) => self.bytes(&path, bytes),
                None => self.file(&path, within),
            }
        }
    }

    /// Adds every file below a template folder.
    pub fn templates(&mut self, dir: &Path, within: &Path) {
        self.0.update(b"templates\0");
        for path in listing(dir, true).into_iter().take(MAX_TEMPLATE_FILES) {
            self.file(&path, within);
        }
    }

    fn file(&mut self, path: &Path, within: &Path) {
        match crate::files::read(path, within) {
            Ok(bytes) => self.bytes(path, &bytes),
            Err(_) => {
                self.0.update(path.as_os_str().as_encoded_bytes());
                self.0.update(b"\0unreadable\0");
            }
        }
    }

    fn bytes(&mut self, path: &Path, bytes: &[u8]) {
        self.0.update(path.as_os_str().as_encoded_bytes());
        self.0.update(b"\0");
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
    }

    /// Adds a text (a path, a name).
    pub fn text(&mut self, text: &str) {
        self.0.update(text.as_bytes());
        self.0.update(b"\0");
    }

    /// The hash.
    pub fn finish(&self) -> u64 {
        self.0.digest()
    }
}

/// The regular files in `dir` (and below it, when `deep`), sorted; links and anything else
/// are left to the reader, which refuses what leads outside.
fn listing(dir: &Path, deep: bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                if deep && out.len() < MAX_TEMPLATE_FILES {
                    stack.push(entry.path());
                }
            } else {
                out.push(entry.path());
            }
        }
    }
    out.sort();
    out
}

/// A fingerprint of the running program, computed once per run: its version, and its
/// executable's size and time of change (as cargo fingerprints files: reading the whole
/// executable would cost more than the check saves), so a new build of `report` rebuilds all.
fn program() -> u64 {
    static HASH: OnceLock<u64> = OnceLock::new();
    *HASH.get_or_init(|| {
        let mut h = Xxh3::new();
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        if let Some(meta) = std::env::current_exe()
            .ok()
            .and_then(|exe| std::fs::metadata(exe).ok())
        {
            h.update(&meta.len().to_le_bytes());
            let changed = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            h.update(&changed.to_le_bytes());
        }
        h.digest()
    })
}

/// What a manifest records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    /// The hash of the inputs.
    pub inputs: u64,
    /// Last year's folder the report compared itself with (whether or not it was there).
    pub previous: Option<PathBuf>,
    /// Each output file's name and the hash of its bytes.
    pub outputs: Vec<(String, u64)>,
}

impl Manifest {
    /// The manifest of a set of outputs built from `inputs`.
    pub fn new(inputs: u64, previous: Option<PathBuf>, files: &[(String, Vec<u8>)]) -> Manifest {
        Manifest {
            inputs,
            previous,
            outputs: files
                .iter()
                .map(|(name, bytes)| (name.clone(), xxhash_rust::xxh3::xxh3_64(bytes)))
                .collect(),
        }
    }

    /// The manifest as written.
    pub fn to_text(&self) -> String {
        let mut out = format!("{HEADER}\ninputs {:016x}\n", self.inputs);
        if let Some(previous) = &self.previous {
            let _ = writeln!(out, "previous {}", previous.display());
        }
        for (name, hash) in &self.outputs {
            let _ = writeln!(out, "output {hash:016x} {name}");
        }
        out
    }

    /// Reads a manifest; anything unexpected is no manifest.
    pub fn parse(text: &str) -> Option<Manifest> {
        let mut lines = text.lines();
        if lines.next()? != HEADER {
            return None;
        }
        let inputs = u64::from_str_radix(lines.next()?.strip_prefix("inputs ")?, 16).ok()?;
        let mut outputs = Vec::new();
        let mut previous = None;
        for line in lines {
            if let Some(path) = line.strip_prefix("previous ") {
                previous = Some(PathBuf::from(path));
                continue;
            }
            let (hash, name) = line.strip_prefix("output ")?.split_once(' ')?;
            // Output names are the report's own (`report.md`): nothing with a path in it.
            if name.contains(['/', '\\']) || name.starts_with('.') {
                return None;
            }
            outputs.push((name.to_string(), u64::from_str_radix(hash, 16).ok()?));
        }
        Some(Manifest {
            inputs,
            previous,
            outputs,
        })
    }

    /// Whether the outputs in `dir` are still there as written.
    pub fn intact(&self, dir: &Path) -> bool {
        !self.outputs.is_empty()
            && self.outputs.iter().all(|(name, hash)| {
                std::fs::read(dir.join(name))
                    .is_ok_and(|bytes| xxhash_rust::xxh3::xxh3_64(&bytes) == *hash)
            })
    }
}

/// The manifest in `dir`, when there is a readable one.
pub fn read(dir: &Path) -> Option<Manifest> {
    let text = std::fs::read_to_string(dir.join(FILE)).ok()?;
    Manifest::parse(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_reads_back_as_written_and_refuses_anything_else() {
        let m = Manifest::new(
            0xdead_beef,
            Some(PathBuf::from("data/taian/2019")),
            &[
                ("report.md".into(), b"a".to_vec()),
                ("report.html".into(), b"b".to_vec()),
            ],
        );
        assert_eq!(Manifest::parse(&m.to_text()), Some(m.clone()));
        assert_eq!(Manifest::parse(""), None);
        let outside = m.to_text().replace("report.md", "../../etc/passwd");
        assert_eq!(Manifest::parse(&outside), None);
    }

    #[test]
    fn the_same_inputs_hash_the_same_and_a_change_does_not() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("report.toml"), "year = 2020\n").unwrap();
        let hash = |known: &dyn Fn(&std::ffi::OsStr) -> Option<&'static [u8]>| {
            let mut i = Inputs::new("md");
            i.folder(dir.path(), dir.path(), known);
            i.finish()
        };
        let first = hash(&|_| None);
        assert_eq!(first, hash(&|_| None));
        // Bytes already read hash as the file read from disk does.
        assert_eq!(first, hash(&|_| Some(b"year = 2020\n")));
        assert_ne!(first, hash(&|_| Some(b"year = 2019\n")));
        std::fs::write(dir.path().join("report.toml"), "year = 2021\n").unwrap();
        assert_ne!(first, hash(&|_| None));
    }
}
