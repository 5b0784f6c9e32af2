//! Reading the files a report folder names, and nothing else.
//!
//! A supervising office builds folders it did not write, so a folder's files are read only
//! when they are regular files (a FIFO would block forever, `/dev/zero` would never end),
//! at most [`MAX_FILE_BYTES`] long, and inside the tree being built: a symbolic link is
//! followed only when it resolves inside that tree (the PATH given on the command line).
//!
//! The common case costs nothing extra: the file is opened with `O_NOFOLLOW | O_NONBLOCK`
//! and checked with the `fstat` of the open file. Only when that open meets a link is the
//! link resolved and compared with the tree (the slow path, taken for linked files alone).
//! Folders (a linked `templates/`, `previous = "…"`) are checked with [`inside`].

use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Files larger than this are refused before decoding: a year's data is a few kilobytes.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Initial buffer for a data file: a year's files are a few kilobytes, so almost every file
/// is read in one call (and a second that finds the end), with no call to ask its size.
const READ_BUFFER: usize = 16 * 1024;

/// Why a file's bytes could not be had.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// There is no such file.
    #[error("no such file")]
    Missing,
    /// A symbolic link (the file, or a folder on its way) that leads outside the tree; the
    /// path it resolves to, when it resolves.
    #[error("a link that leads outside the folder tree; not read")]
    Outside(Option<PathBuf>),
    /// Not a regular file: a folder, a FIFO, a device, a socket.
    #[error("not a regular file")]
    NotRegular,
    /// Larger than [`MAX_FILE_BYTES`].
    #[error("larger than {} MiB", MAX_FILE_BYTES >> 20)]
    TooLarge,
    /// The operating system refused (permissions, …).
    #[error("{0}")]
    Io(std::io::Error),
}

/// Reads a regular file of at most [`MAX_FILE_BYTES`] at `path`, which must be inside
/// `within` once every link is resolved.
pub fn read(path: &Path, within: &Path) -> Result<Vec<u8>, ReadError> {
    read_limited(path, within, MAX_FILE_BYTES as usize)
}

/// [`read`] with another bound (a Word file to import is larger than a data file).
pub fn read_limited(path: &Path, within: &Path, limit: usize) -> Result<Vec<u8>, ReadError> {
    let limit = limit as u64;
    let file = match open_no_follow(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(ReadError::Missing),
        Err(e) if is_link_error(&e) => {
            // A link: follow it only into the tree.
            let target = fs::canonicalize(path).map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => ReadError::Outside(None),
                _ => ReadError::Io(e),
            })?;
            if !inside_resolved(&target, within) {
                return Err(ReadError::Outside(Some(target)));
            }
            open_no_follow(&target).map_err(ReadError::Io)?
        }
        Err(e) => return Err(ReadError::Io(e)),
    };
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge);
    }
    if meta.len() > 0 {
        // The size is known: read that much, in one call for a data file, without a second
        // call to find the end (a file that grows meanwhile is read as it was when opened; one
        // that shrinks, as far as it goes).
        let mut bytes = vec![0; meta.len() as usize];
        let mut filled = 0;
        while filled < bytes.len() {
            match (&file).read(&mut bytes[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(ReadError::Io(e)),
            }
        }
        bytes.truncate(filled);
        return Ok(bytes);
    }
    // A size of 0 may be a file whose size the system does not know (/proc): read to its end.
    let mut bytes = Vec::with_capacity(READ_BUFFER);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge);
    }
    Ok(bytes)
}

/// Reads a file that must be inside `within` whatever links lie on its way (the file and
/// every folder between): for template files, whose folder may itself be a link.
pub fn read_strict(path: &Path, within: &Path) -> Result<Vec<u8>, ReadError> {
    match fs::canonicalize(path) {
        Ok(target) if inside_resolved(&target, within) => read(&target, &target),
        Ok(target) => Err(ReadError::Outside(Some(target))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // A dangling link is a link that leads nowhere in the tree; no file is missing.
            if fs::symlink_metadata(path).is_ok() {
                Err(ReadError::Outside(None))
            } else {
                Err(ReadError::Missing)
            }
        }
        Err(e) => Err(ReadError::Io(e)),
    }
}

/// Whether `path`, every link resolved, is `within` or below it (both must exist).
pub fn inside(path: &Path, within: &Path) -> bool {
    fs::canonicalize(path).is_ok_and(|p| inside_resolved(&p, within))
}

fn inside_resolved(resolved: &Path, within: &Path) -> bool {
    fs::canonicalize(within).is_ok_and(|w| resolved.starts_with(w))
}

#[cfg(unix)]
fn open_no_follow(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
}

#[cfg(unix)]
fn is_link_error(e: &std::io::Error) -> bool {
    e.raw_os_error() == Some(libc::ELOOP)
}

#[cfg(not(unix))]
fn open_no_follow(path: &Path) -> std::io::Result<File> {
    if fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Err(std::io::Error::other(LINK));
    }
    File::open(path)
}

#[cfg(not(unix))]
const LINK: &str = "symbolic link";

#[cfg(not(unix))]
fn is_link_error(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::Other && e.to_string() == LINK
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn reads_regular_files_and_links_inside_the_tree() {
        let tree = tempfile::tempdir().unwrap();
        let file = tree.path().join("a.toml");
        fs::write(&file, "x = 1").unwrap();
        symlink(&file, tree.path().join("b.toml")).unwrap();
        assert_eq!(read(&file, tree.path()).unwrap(), b"x = 1");
        assert_eq!(
            read(&tree.path().join("b.toml"), tree.path()).unwrap(),
            b"x = 1"
        );
        assert!(matches!(
            read(&tree.path().join("c.toml"), tree.path()),
            Err(ReadError::Missing)
        ));
    }

    #[test]
    fn refuses_links_out_of_the_tree_fifos_and_devices() {
        let outside = tempfile::tempdir().unwrap();
        let secret = outside.path().join("secret");
        fs::write(&secret, "password").unwrap();
        let tree = tempfile::tempdir().unwrap();
        let link = tree.path().join("report.toml");
        symlink(&secret, &link).unwrap();
        assert!(matches!(
            read(&link, tree.path()),
            Err(ReadError::Outside(Some(_)))
        ));
        let fifo = tree.path().join("fifo.toml");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: mkfifo(3) reads the NUL-terminated path `c` owns, alive for the call.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        assert!(matches!(
            read(&fifo, tree.path()),
            Err(ReadError::NotRegular)
        ));
        assert!(matches!(
            read(Path::new("/dev/zero"), Path::new("/dev")),
            Err(ReadError::NotRegular)
        ));
        assert!(matches!(
            read(tree.path(), tree.path()),
            Err(ReadError::NotRegular)
        ));
    }

    #[test]
    fn strict_reads_refuse_a_linked_folder_that_leads_out() {
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("report.md.j2"), "secret").unwrap();
        let tree = tempfile::tempdir().unwrap();
        symlink(outside.path(), tree.path().join("templates")).unwrap();
        let path = tree.path().join("templates/report.md.j2");
        assert!(
            read(&path, tree.path()).is_ok(),
            "the fast path sees no link"
        );
        assert!(matches!(
            read_strict(&path, tree.path()),
            Err(ReadError::Outside(_))
        ));
        symlink("/nowhere", tree.path().join("dangling")).unwrap();
        assert!(matches!(
            read_strict(&tree.path().join("dangling"), tree.path()),
            Err(ReadError::Outside(None))
        ));
    }
}
