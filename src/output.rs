//! Atomic writes: a temp file in the target folder, then a rename; a unit's outputs as a set.
//!
//! A failed or interrupted build never leaves a half-written report, and an existing good
//! report stays in place until the new one is complete: readers see the old file or the new
//! one, never a part. A unit's folder that is not there yet is written whole in a temp folder
//! beside it and renamed into place (one rename for the set, not one a file). The temp file is `.NAME.PID.N.tmp` beside the target (no random name to
//! draw), created exclusively; folders are made only when the first write into them finds
//! them missing. There is no fsync per file: a batch of thousands of reports would wait on the
//! disk for each, and durability across a power cut is the file system's job.

use std::fs::{self, OpenOptions};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically, creating the parent folders.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let (temp, _) = write_temp(path, bytes)?;
    fs::rename(&temp, path).inspect_err(|_| {
        let _ = fs::remove_file(&temp);
    })
}

/// Rewrites a data file atomically; when it is a symbolic link, the file it leads to is
/// rewritten and the link kept (`fmt` and `--fix` read such files only when they lead inside
/// the tree being built).
pub fn write_through_link(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link {
        write_atomic(&fs::canonicalize(path)?, bytes)
    } else {
        write_atomic(path, bytes)
    }
}

/// Writes a unit's output files into `dir` as a set: every file is written to its temp file
/// first, and only when all are complete (and no target is a folder) are they renamed into
/// place; otherwise every temp file is removed and the old outputs stay as they were. Temp
/// files that a killed build left in `dir` (of a process that is no longer running) are
/// removed.
pub fn write_set(dir: &Path, files: &[(String, Vec<u8>)]) -> std::io::Result<Written> {
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::with_capacity(files.len());
    let mut folder_was_there = true;
    let remove_all = |staged: &[(PathBuf, PathBuf)]| {
        for (temp, _) in staged {
            let _ = fs::remove_file(temp);
        }
    };
    for (name, bytes) in files {
        let path = dir.join(name);
        match write_temp(&path, bytes) {
            Ok((temp, made_folder)) => {
                folder_was_there &= !made_folder;
                staged.push((temp, path));
            }
            Err(e) => {
                remove_all(&staged);
                return Err(e);
            }
        }
    }
    // A rename onto a folder fails: find that out before anything is replaced (a folder this
    // write made holds nothing yet).
    if let Some((_, blocked)) = staged
        .iter()
        .filter(|_| folder_was_there)
        .find(|(_, path)| fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()))
    {
        let e = std::io::Error::new(
            ErrorKind::IsADirectory,
            format!("{} is a folder", blocked.display()),
        );
        remove_all(&staged);
        return Err(e);
    }
    for (i, (temp, path)) in staged.iter().enumerate() {
        if let Err(e) = fs::rename(temp, path) {
            remove_all(&staged[i..]);
            return Err(e);
        }
    }
    if folder_was_there {
        remove_stale_temps(dir);
    }
    Ok(Written {
        paths: staged.into_iter().map(|(_, path)| path).collect(),
        new_folder: !folder_was_there,
    })
}

/// Writes a unit's output files as a folder that is not there yet: into a temp folder
/// `.NAME.PID.N.tmp` beside `dir`, renamed to `dir` when every file is complete. Readers see no
/// folder or the whole set; each file is written once under its own name (no rename a file).
/// When the folder appeared meanwhile (another process made it), nothing is written and the
/// error says so. Temp folders a killed build left beside it are removed.
pub fn write_new_folder(
    dir: &Path,
    files: &[(String, Vec<u8>)],
    set_names: &[&str],
) -> std::io::Result<Written> {
    let (parent, name) = parent_and_name(dir);
    let parent_was_there = match fs::create_dir(parent) {
        Ok(()) => false,
        Err(e) if e.kind() == ErrorKind::AlreadyExists => true,
        Err(e) if e.kind() == ErrorKind::NotFound => {
            fs::create_dir_all(parent)?;
            false
        }
        Err(e) => return Err(e),
    };
    let staging = make_temp_folder(parent, &name)?;
    let filled = files
        .iter()
        .try_for_each(|(file, bytes)| write_new(&staging.join(file), bytes));
    let moved = filled.and_then(|()| {
        fs::rename(&staging, dir).map_err(|e| match e.kind() {
            ErrorKind::AlreadyExists | ErrorKind::DirectoryNotEmpty => std::io::Error::new(
                ErrorKind::AlreadyExists,
                "the folder was made by another program meanwhile",
            ),
            _ => e,
        })
    });
    if let Err(e) = moved {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    if parent_was_there {
        sweep_once(parent, set_names);
    }
    Ok(Written {
        paths: files.iter().map(|(file, _)| dir.join(file)).collect(),
        new_folder: true,
    })
}

/// A path's folder (`.` for a bare name) and its name.
fn parent_and_name(path: &Path) -> (&Path, String) {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    (parent, name)
}

/// Makes the folder `.NAME.PID.N.tmp` in `parent`, the first N free.
fn make_temp_folder(parent: &Path, name: &str) -> std::io::Result<PathBuf> {
    let pid = *PID.get_or_init(std::process::id);
    let mut attempt = 0u32;
    loop {
        let temp = parent.join(format!(".{name}.{pid}.{attempt}.tmp"));
        match fs::create_dir(&temp) {
            Ok(()) => return Ok(temp),
            Err(e) if e.kind() == ErrorKind::AlreadyExists && attempt < 1000 => attempt += 1,
            Err(e) => return Err(e),
        }
    }
}

/// Writes a file that must not be there yet.
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?
        .write_all(bytes)
}

/// Removes the temp folders of killed builds from `dir` (the folder that holds units' output
/// folders), once a process for each `dir`: a batch's units share it, and it is listed once,
/// not once a unit. Only a folder that is certainly a set being written is removed: named
/// `.NAME.PID.N.tmp` for a process no longer running, a real folder (not a link), holding
/// nothing but regular files named as a unit's outputs are (`set_names`). Anything else there
/// is the user's, and is left alone.
pub fn sweep_once(dir: &Path, set_names: &[&str]) {
    static SWEPT: std::sync::Mutex<std::collections::BTreeSet<PathBuf>> =
        std::sync::Mutex::new(std::collections::BTreeSet::new());
    let first = SWEPT
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .insert(dir.to_path_buf());
    if !first {
        return;
    }
    let Ok(listing) = fs::read_dir(dir) else {
        return;
    };
    for entry in listing.filter_map(Result::ok) {
        let stale = entry
            .file_name()
            .to_str()
            .and_then(temp_file_pid)
            .is_some_and(|pid| !process_is_running(pid));
        if stale && entry.file_type().is_ok_and(|t| t.is_dir()) {
            remove_staged_set(&entry.path(), set_names);
        }
    }
}

/// Removes a temp folder that holds only a unit's output files, file by file, then the folder.
fn remove_staged_set(folder: &Path, set_names: &[&str]) {
    let Ok(listing) = fs::read_dir(folder) else {
        return;
    };
    let mut files = Vec::new();
    for entry in listing {
        let Ok(entry) = entry else { return };
        let name = entry.file_name();
        let ours = name.to_str().is_some_and(|n| set_names.contains(&n));
        if !ours || !entry.file_type().is_ok_and(|t| t.is_file()) {
            return;
        }
        files.push(entry.path());
    }
    for file in files {
        let _ = fs::remove_file(file);
    }
    let _ = fs::remove_dir(folder);
}

/// What [`write_set`] or [`write_new_folder`] wrote.
#[derive(Debug)]
pub struct Written {
    /// The files, in the order given.
    pub paths: Vec<PathBuf>,
    /// Whether the folder was made for them: nothing else is in it.
    pub new_folder: bool,
}

/// Removes the `.NAME.PID.N.tmp` files of processes that are no longer running (in a unit's
/// own output folder).
fn remove_stale_temps(dir: &Path) {
    let Ok(listing) = fs::read_dir(dir) else {
        return;
    };
    for entry in listing.filter_map(Result::ok) {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temp_file_pid) else {
            continue;
        };
        if !process_is_running(pid) && entry.file_type().is_ok_and(|t| !t.is_dir()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The process id in a temp file's name `.NAME.PID.N.tmp`.
fn temp_file_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let mut parts = rest.rsplitn(3, '.');
    let attempt = parts.next()?;
    let pid = parts.next()?;
    let _target = parts.next().filter(|t| !t.is_empty())?;
    attempt.parse::<u32>().ok()?;
    pid.parse().ok()
}

#[cfg(unix)]
fn process_is_running(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // Signal 0 asks only whether the process exists (EPERM: it does, as another user's).
    // SAFETY: kill(2) with signal 0 sends nothing and touches no memory of ours.
    let alive = unsafe { libc::kill(pid, 0) } == 0;
    let exists = alive || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM);
    // A killed build not yet reaped by its parent (a zombie) still has its id: it runs no more.
    exists && !is_zombie(pid)
}

/// Whether the process `pid` has ended and waits to be reaped (Linux says so in /proc).
#[cfg(unix)]
fn is_zombie(pid: libc::pid_t) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        // `PID (NAME) STATE …`: the name may hold spaces and parentheses; the state follows
        // the last `)`.
        stat.rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z'))
    })
}

#[cfg(not(unix))]
fn process_is_running(pid: u32) -> bool {
    // Without a cheap way to ask, only this process's own files are known to be live… and
    // every other temp file is left alone.
    let _ = pid;
    true
}

/// The process id, asked for once, not once per file.
static PID: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
/// Writes `bytes` to a new temp file beside `path`, creating the parent folders; returns the
/// temp file and whether the folder had to be made.
fn write_temp(path: &Path, bytes: &[u8]) -> std::io::Result<(PathBuf, bool)> {
    let (parent, name) = parent_and_name(path);
    let pid = *PID.get_or_init(std::process::id);
    let mut made_folder = false;
    let mut attempt = 0u32;
    loop {
        let temp = parent.join(format!(".{name}.{pid}.{attempt}.tmp"));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(mut file) => {
                return match file.write_all(bytes) {
                    Ok(()) => Ok((temp, made_folder)),
                    Err(e) => {
                        drop(file);
                        let _ = fs::remove_file(&temp);
                        Err(e)
                    }
                };
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
    fn a_set_is_written_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let set = |md: &str, html: &str| {
            vec![
                ("report.md".to_string(), md.as_bytes().to_vec()),
                ("report.html".to_string(), html.as_bytes().to_vec()),
            ]
        };
        write_set(dir.path(), &set("md 1", "html 1")).unwrap();
        // A folder where report.html should be: nothing is replaced, no temp file is left.
        std::fs::remove_file(dir.path().join("report.html")).unwrap();
        std::fs::create_dir(dir.path().join("report.html")).unwrap();
        assert!(write_set(dir.path(), &set("md 2", "html 2")).is_err());
        assert_eq!(
            std::fs::read(dir.path().join("report.md")).unwrap(),
            b"md 1"
        );
        let mut names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["report.html", "report.md"]);
    }

    #[test]
    fn a_set_says_whether_its_folder_was_made_for_it() {
        let dir = tempfile::tempdir().unwrap();
        let unit = dir.path().join("u/2020");
        let set = [("report.md".to_string(), b"md".to_vec())];
        let first = write_set(&unit, &set).unwrap();
        assert!(first.new_folder);
        assert_eq!(first.paths, [unit.join("report.md")]);
        assert!(!write_set(&unit, &set).unwrap().new_folder);
    }

    #[test]
    fn temp_files_of_killed_builds_are_removed_by_the_next_build() {
        let dir = tempfile::tempdir().unwrap();
        // No process has the largest pid; this process's own temp files are left alone.
        let dead = dir.path().join(".report.md.2147483646.0.tmp");
        let own = dir
            .path()
            .join(format!(".report.html.{}.7.tmp", std::process::id()));
        let other = dir.path().join("notes.tmp");
        for f in [&dead, &own, &other] {
            std::fs::write(f, b"x").unwrap();
        }
        write_set(dir.path(), &[("report.md".to_string(), b"new".to_vec())]).unwrap();
        assert!(!dead.exists());
        assert!(own.exists() && other.exists());
        assert_eq!(temp_file_pid(".report.md.12.0.tmp"), Some(12));
        assert_eq!(temp_file_pid("report.md.12.0.tmp"), None);
        assert_eq!(temp_file_pid(".x.tmp"), None);
    }

    /// The names in a folder, sorted.
    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_new_folder_appears_whole_and_leaves_no_temp_folder() {
        let dir = tempfile::tempdir().unwrap();
        let unit = dir.path().join("u/2020");
        let set = [
            ("report.md".to_string(), b"md".to_vec()),
            ("report.html".to_string(), b"html".to_vec()),
        ];
        let written = write_new_folder(&unit, &set, NAMES).unwrap();
        assert!(written.new_folder);
        assert_eq!(
            written.paths,
            [unit.join("report.md"), unit.join("report.html")]
        );
        assert_eq!(names_in(&unit), ["report.html", "report.md"]);
        assert_eq!(std::fs::read(unit.join("report.html")).unwrap(), b"html");
        assert_eq!(names_in(&dir.path().join("u")), ["2020"]);
    }

    #[test]
    fn a_folder_made_meanwhile_is_left_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let unit = dir.path().join("2020");
        std::fs::create_dir(&unit).unwrap();
        std::fs::write(unit.join("notes.txt"), b"mine").unwrap();
        let set = [("report.md".to_string(), b"md".to_vec())];
        let err = write_new_folder(&unit, &set, NAMES).unwrap_err();
        assert!(err.to_string().contains("meanwhile"), "{err}");
        assert_eq!(names_in(&unit), ["notes.txt"]);
        assert_eq!(names_in(dir.path()), ["2020"]);
    }

    /// The names a unit's set may hold, as the build gives them.
    const NAMES: &[&str] = &["report.md", "report.html", ".report-source"];

    #[test]
    fn temp_folders_of_killed_builds_beside_a_new_folder_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let folder = |name: &str, files: &[&str]| {
            let path = dir.path().join(name);
            std::fs::create_dir(&path).unwrap();
            for file in files {
                std::fs::write(path.join(file), b"x").unwrap();
            }
            path
        };
        let dead = folder(".2020.2147483646.0.tmp", &["report.md"]);
        let own = folder(
            &format!(".2019.{}.3.tmp", std::process::id()),
            &["report.md"],
        );
        // Named like a temp folder of a dead process, but holding what is not a unit's output:
        // the user's, kept whole; and a file so named, kept.
        let photos = folder(".photos.2147483646.1.tmp", &["img.jpg"]);
        let mixed = folder(".2018.2147483646.0.tmp", &["report.md", "notes.txt"]);
        let notes = dir.path().join(".notes.2147483646.03.tmp");
        std::fs::write(&notes, b"keep").unwrap();
        let set = [("report.md".to_string(), b"md".to_vec())];
        write_new_folder(&dir.path().join("2021"), &set, NAMES).unwrap();
        assert!(!dead.exists());
        assert!(own.exists());
        assert!(photos.join("img.jpg").exists() && mixed.join("notes.txt").exists());
        assert!(mixed.join("report.md").exists() && notes.exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_killed_build_not_yet_reaped_runs_no_more() {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        // Ended, not yet waited for: a zombie, whose id still answers kill(2).
        for _ in 0..200 {
            if !process_is_running(child.id()) {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert!(!process_is_running(child.id()));
        assert!(process_is_running(std::process::id()));
        child.wait().unwrap();
    }

    #[test]
    fn a_write_into_a_file_path_fails_cleanly() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("file"), b"x").unwrap();
        assert!(write_atomic(&dir.path().join("file/report.md"), b"y").is_err());
        let set = [("report.md".to_string(), b"y".to_vec())];
        assert!(write_new_folder(&dir.path().join("file/2020"), &set, NAMES).is_err());
        assert_eq!(names_in(dir.path()), ["file"]);
    }
}
