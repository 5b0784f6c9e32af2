//! Atomic writes: a temp file in the target folder, then a rename.
//!
//! A failed or interrupted build never leaves a half-written report, and an existing good
//! report stays in place until the new one is complete: readers see the old file or the new
//! one, never a part. The temp file is `.NAME.PID.N.tmp` beside the target (no random name to
//! draw), created exclusively; folders are made only when the first write into them finds
//! them missing. There is no fsync per file: a batch of thousands of reports would wait on the
//! disk for each, and durability across a power cut is the file system's job.

use std::fs::{self, OpenOptions};
use std::io::{ErrorKind, Write};
use std::path::Path;

/// Writes `bytes` to `path` atomically, creating the parent folders.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // The process id is asked for once, not once per file.
    static PID: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    let pid = *PID.get_or_init(std::process::id);
    let mut made_folder = false;
    let mut attempt = 0u32;
    loop {
        let temp = parent.join(format!(".{name}.{pid}.{attempt}.tmp"));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(mut file) => {
                let written = file.write_all(bytes).and_then(|()| {
                    drop(file);
                    fs::rename(&temp, path)
                });
                if written.is_err() {
                    let _ = fs::remove_file(&temp);
                }
                return written;
            }
            Err(e) if e.kind() == ErrorKind::NotFound && !made_folder => {
                fs::create_dir_all(parent)?;
                made_folder = true;
            }
            Err(e) if e.kind() == ErrorKind::AlreadyExists && attempt < 1000 => attempt += 1,
            Err(e) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_files_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a/b/report.md");
        write_atomic(&target, b"one").unwrap();
        write_atomic(&target, b"two").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(target.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec!["report.md"]);
    }

    #[test]
    fn a_stale_temp_file_does_not_block_a_write() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("report.md");
        let stale = dir
            .path()
            .join(format!(".report.md.{}.0.tmp", std::process::id()));
        std::fs::write(&stale, b"stale").unwrap();
        write_atomic(&target, b"new").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        assert_eq!(std::fs::read(&stale).unwrap(), b"stale");
    }

    #[test]
    fn a_write_into_a_file_path_fails_cleanly() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("file"), b"x").unwrap();
        assert!(write_atomic(&dir.path().join("file/report.md"), b"y").is_err());
    }
}
