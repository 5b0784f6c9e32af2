//! Following saves under the served folder.
//!
//! Editors write a file in several steps, so changes are gathered until the folder is quiet for
//! [`SETTLE`] — but never for longer than [`CEILING`]: a tree where something changes all the
//! time (a log, a sync client) still gets its updates. The changed paths are a set, so a busy
//! tree costs memory for the files it has, not for each change. Links are not followed: what a
//! link inside the folder leads to outside it is never read by a build, so it is not watched
//! either (a link to a large folder cost thousands of watches). When the served folder is
//! removed and made again (a `git checkout`, a restore), the watch is set again on the new one.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::Watcher as _;

use super::Site;

/// How long the folder must be quiet before the changes are built.
pub const SETTLE: Duration = Duration::from_millis(40);

/// The longest changes are gathered before they are built, however busy the folder is.
pub const CEILING: Duration = Duration::from_millis(400);

/// How often the served folder is looked at to see whether it was made again.
const LOOK: Duration = Duration::from_millis(500);

/// Why the watch could not be set.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct WatchError(#[from] pub notify::Error);

/// Watches `site.root` and rebuilds what each settled batch of changes concerns, on a thread of
/// its own, for as long as the process runs.
pub fn start(site: Arc<Site>) -> Result<(), WatchError> {
    let (tx, rx) = std::sync::mpsc::channel();
    let config = notify::Config::default().with_follow_symlinks(false);
    let mut watcher = notify::RecommendedWatcher::new(tx, config)?;
    watcher.watch(&site.root, notify::RecursiveMode::Recursive)?;
    std::thread::spawn(move || follow(&site, &mut watcher, &rx));
    Ok(())
}

type Events = Receiver<notify::Result<notify::Event>>;

fn follow(site: &Site, watcher: &mut notify::RecommendedWatcher, rx: &Events) {
    let mut seen = identity(&site.root);
    loop {
        match rx.recv_timeout(LOOK) {
            Ok(first) => {
                let paths = gather(first, rx);
                if !paths.is_empty() {
                    site.changed(&paths.into_iter().collect::<Vec<_>>());
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        let now = identity(&site.root);
        if now != seen {
            seen = now;
            if seen.is_some() {
                let _ = watcher.unwatch(&site.root);
                if watcher
                    .watch(&site.root, notify::RecursiveMode::Recursive)
                    .is_ok()
                {
                    site.changed_all();
                }
            }
        }
    }
}

/// The changed paths of `first` and of every event until the folder is quiet for [`SETTLE`],
/// or [`CEILING`] has passed.
fn gather(first: notify::Result<notify::Event>, rx: &Events) -> BTreeSet<PathBuf> {
    let began = Instant::now();
    let mut paths = BTreeSet::new();
    let mut take = |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && !matches!(event.kind, notify::EventKind::Access(_))
        {
            paths.extend(event.paths);
        }
    };
    take(first);
    loop {
        let left = CEILING.saturating_sub(began.elapsed());
        if left.is_zero() {
            break;
        }
        match rx.recv_timeout(SETTLE.min(left)) {
            Ok(more) => take(more),
            Err(_) => break,
        }
    }
    paths
}

/// What tells one folder from another made at the same path later: its device and inode on
/// Unix, its creation time elsewhere; `None` while there is no folder.
fn identity(dir: &Path) -> Option<(u64, u64)> {
    let meta = std::fs::metadata(dir).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let made = meta
            .created()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as u64);
        Some((0, made))
    }
}
