//! What `report` leaves behind when it is stopped (Ctrl-C, SIGTERM, SIGHUP): nothing.
//!
//! Temporary folders (the pages a browser prints, a revision's files for `diff`) and the
//! process groups of the programs `report` starts are known here while they live. When a
//! signal comes, the handler takes the registry's lock and keeps it: it kills every group,
//! removes every folder and ends the process, and no thread can make a folder or start a
//! program in between — both are made under the same lock, so none is made and not yet known.
//! A kill -9 cannot be handled; on Linux a browser then dies with `report` (see
//! [`crate::print`]), and only its folder is left.

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::sync::{Mutex, MutexGuard, OnceLock};

/// The folders and process groups alive now.
#[derive(Default)]
struct Registry {
    folders: Vec<PathBuf>,
    groups: Vec<u32>,
}

static REGISTRY: Mutex<Registry> = Mutex::new(Registry {
    folders: Vec::new(),
    groups: Vec::new(),
});

fn registry() -> MutexGuard<'static, Registry> {
    REGISTRY
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The exit code of a process stopped by Ctrl-C (128 + SIGINT), as shells give it.
pub const STOPPED: i32 = 130;

/// Sets the handler (once per process; `report serve`, which makes neither, sets its own).
fn install() {
    static SET: OnceLock<()> = OnceLock::new();
    SET.get_or_init(|| {
        let _ = ctrlc::set_handler(|| {
            let mut held = registry();
            for group in held.groups.drain(..) {
                kill_group(group);
            }
            for folder in held.folders.drain(..) {
                let _ = std::fs::remove_dir_all(folder);
            }
            // The lock is kept to the end: nothing new is made meanwhile.
            std::process::exit(STOPPED);
        });
    });
}

/// A temporary folder removed when dropped, and when `report` is stopped.
pub struct TempFolder {
    dir: Option<tempfile::TempDir>,
}

/// Makes a temporary folder known to the handler.
pub fn temp_folder() -> std::io::Result<TempFolder> {
    install();
    let mut held = registry();
    let dir = tempfile::tempdir()?;
    held.folders.push(dir.path().to_path_buf());
    Ok(TempFolder { dir: Some(dir) })
}

impl TempFolder {
    /// The folder.
    pub fn path(&self) -> &Path {
        self.dir
            .as_ref()
            .map_or(Path::new(""), tempfile::TempDir::path)
    }
}

impl Drop for TempFolder {
    fn drop(&mut self) {
        if let Some(dir) = self.dir.take() {
            let path = dir.path().to_path_buf();
            let mut held = registry();
            held.folders.retain(|f| *f != path);
            drop(dir);
        }
    }
}

/// A started program's process group, killed whole when dropped and when `report` is stopped.
pub struct Group {
    child: Child,
}

/// Starts `command` in a process group of its own, known to the handler.
pub fn spawn(command: &mut Command) -> std::io::Result<Group> {
    install();
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt as _;
        command.process_group(0);
    }
    let mut held = registry();
    let child = command.spawn()?;
    held.groups.push(child.id());
    Ok(Group { child })
}

impl Group {
    /// The program, to wait on.
    pub fn child(&mut self) -> &mut Child {
        &mut self.child
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        let id = self.child.id();
        // Anything the program left in its group goes too (a wrapper that did not `exec`).
        kill_group(id);
        let _ = self.child.kill();
        let _ = self.child.wait();
        registry().groups.retain(|g| *g != id);
    }
}

fn kill_group(group: u32) {
    #[cfg(unix)]
    if let Ok(group) = libc::pid_t::try_from(group) {
        // SAFETY: kill(2) with a negative pid signals the process group the program leads
        // (made by `process_group(0)` when it started); it touches no memory of ours.
        unsafe {
            libc::kill(-group, libc::SIGKILL);
        }
    }
    #[cfg(not(unix))]
    let _ = group;
}
