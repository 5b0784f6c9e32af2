//! Skipping what has not changed: each unit's output folder keeps a manifest of what its
//! outputs were built from, so a second build of 300 units after one unit's fix pays for one.
//!
//! The manifest (`.report-manifest`, written last of the output set) records a hash of the
//! inputs — the program itself (its executable's identity, so any new build of `report`
//! rebuilds everything), the build settings, every file of the report folder, the template
//! folders in effect, and last year's folder the report compares itself with — and a hash of
//! each output.
//!
//! The inputs are hashed as the build used them, never read again after it: the data files'
//! bytes as loaded, the template folders as the build's one reading of them
//! ([`crate::render::TemplateSet`]), last year's folder as loaded. A file saved while a build
//! runs therefore leaves a manifest that does not match the disk, and the next build builds
//! again. Last year's folder is hashed only inside the tree being built. A unit is skipped when the inputs hash the same and every output is still there
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

/// The data files a build read, by name: each one's bytes, or `None` for one it did not find.
pub type UsedFiles<'f, 'a> = &'f dyn Fn(&str) -> Option<std::borrow::Cow<'a, [u8]>>;

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

    /// Adds the data files of the report folder `dir` (every name the loader reads, in its
    /// order), read only inside `within`. `used`, for a build that has run, gives each file's
    /// bytes exactly as that build read them, or `None` for one it did not find: what was on
    /// disk afterwards (a file added or removed while it ran) does not count. Without `used`,
    /// the files are read from disk, to compare with a manifest. Other files of the folder
    /// are not read by a build and are not hashed.
    pub fn data_files(&mut self, dir: &Path, within: &Path, used: Option<UsedFiles<'_, '_>>) {
        self.0.update(dir.as_os_str().as_encoded_bytes());
        self.0.update(b"\0");
        for name in crate::model::data_file_names() {
            let path = dir.join(name);
            match used {
                Some(used) => match used(name) {
                    Some(bytes) => self.bytes(&path, &bytes),
                    None => self.absent(&path),
                },
                None if std::fs::symlink_metadata(&path).is_ok() => self.file(&path, within),
                None => self.absent(&path),
            }
        }
    }

    fn absent(&mut self, path: &Path) {
        self.0.update(path.as_os_str().as_encoded_bytes());
        self.0.update(b"\0absent\0");
    }

    /// Adds the template folders of a build, as the build reads them.
    pub fn templates(&mut self, templates: &crate::render::TemplateSet) {
        self.0.update(b"templates\0");
        templates.hash_into(&mut self.0);
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

/// A fingerprint of the running program, computed once per run: its version and its
/// executable's identity. On Unix that is the file's device, inode, size and times of change
/// and of status change: a rebuilt program — even one given back the same size and time of
/// change — has a status-change time of its own (the system sets it; no user can set it back),
/// and reading 9 MB of executable would double the time of a one-report build. Elsewhere the
/// executable's bytes are hashed.
fn program() -> u64 {
    static HASH: OnceLock<u64> = OnceLock::new();
    *HASH.get_or_init(|| {
        let mut h = Xxh3::new();
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        match std::env::current_exe().and_then(|exe| identity(&exe)) {
            Ok(id) => h.update(&id),
            // No executable to look at: a fingerprint no manifest can hold, so nothing is
            // skipped.
            Err(_) => h.update(&std::process::id().to_le_bytes()),
        }
        h.digest()
    })
}

/// What tells one build of the executable at `exe` from another.
#[cfg(unix)]
fn identity(exe: &Path) -> std::io::Result<Vec<u8>> {
    use std::os::unix::fs::MetadataExt as _;
    let meta = std::fs::metadata(exe)?;
    let parts = [
        meta.dev(),
        meta.ino(),
        meta.size(),
        meta.mtime().cast_unsigned(),
        meta.mtime_nsec().cast_unsigned(),
        meta.ctime().cast_unsigned(),
        meta.ctime_nsec().cast_unsigned(),
    ];
    Ok(parts.iter().flat_map(|p| p.to_le_bytes()).collect())
}

/// What tells one build of the executable at `exe` from another: its bytes.
#[cfg(not(unix))]
fn identity(exe: &Path) -> std::io::Result<Vec<u8>> {
    let bytes = std::fs::read(exe)?;
    Ok(xxhash_rust::xxh3::xxh3_64(&bytes).to_le_bytes().to_vec())
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
        let hash = |used: Option<UsedFiles<'_, 'static>>| {
            let mut i = Inputs::new("md");
            i.data_files(dir.path(), dir.path(), used);
            i.finish()
        };
        let first = hash(None);
        assert_eq!(first, hash(None));
        // Bytes a build read hash as the file read from disk does; a file the build did not
        // find is absent, whatever the disk holds now.
        let read = |name: &str| (name == "report.toml").then(|| b"year = 2020\n".as_slice().into());
        assert_eq!(first, hash(Some(&read)));
        assert_ne!(
            first,
            hash(Some(
                &|name: &str| (name == "report.toml").then(|| b"year = 2019\n".as_slice().into())
            ))
        );
        std::fs::write(dir.path().join("study.toml"), "").unwrap();
        assert_ne!(first, hash(None), "a file added counts");
        assert_eq!(
            first,
            hash(Some(&read)),
            "but not for a build that did not read it"
        );
        std::fs::write(dir.path().join("report.toml"), "year = 2021\n").unwrap();
        assert_ne!(first, hash(None));
    }
}
