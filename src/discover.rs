//! Finding the report folders below a PATH.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::load::REPORT_FILE;

/// What a walk over a tree of report folders found.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Every report folder (one holding `report.toml`), sorted.
    pub reports: Vec<PathBuf>,
    /// Every `templates/` folder met on the way (in the folders walked), so finding a
    /// report's template folders needs no further look at the disk.
    pub template_folders: BTreeSet<PathBuf>,
    /// Folders below the root that could not be searched, with why: reported, and the walk
    /// goes on with the others.
    pub unreadable: Vec<(PathBuf, Unsearched)>,
}

/// Why a folder was not searched.
#[derive(Debug)]
pub enum Unsearched {
    /// It could not be listed (permissions, a path too long …).
    Io(std::io::Error),
    /// It is deeper below the PATH than [`MAX_DEPTH`] folders.
    TooDeep,
}

/// Finds every report folder at or below `root`, sorted, so builds are deterministic.
/// Hidden folders, `templates/` folders and symbolic links to folders are not entered.
/// Subfolders are walked in parallel (a province is thousands of folders).
pub fn discover(root: &Path) -> std::io::Result<Discovered> {
    let meta = fs::metadata(root)?;
    if !meta.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("{} is not a folder", root.display()),
        ));
    }
    let listing = fs::read_dir(root)?;
    let mut found = walk(root, listing, 0);
    found.reports.sort();
    found.unreadable.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(found)
}

/// Folders deeper than this below a PATH are reported, not searched.
pub const MAX_DEPTH: usize = 32;

fn walk(dir: &Path, listing: fs::ReadDir, depth: usize) -> Discovered {
    // One listing of the folder says whether it holds a report.toml, whether it has
    // templates and which subfolders to enter (entry types come with the listing).
    let mut found = Discovered::default();
    let mut children: Vec<PathBuf> = Vec::new();
    for entry in listing.filter_map(Result::ok) {
        let name = entry.file_name();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        // A symbolic link counts for what it leads to, except that linked folders are not
        // entered (they could loop).
        let leads_to = |is: fn(&Path) -> bool| kind.is_symlink() && is(&entry.path());
        if name == REPORT_FILE {
            // Whatever it is (a file, a link, a FIFO, even a folder), the folder is a report
            // folder: reading it then says what is wrong, rather than the unit going missing.
            found.reports.push(dir.to_path_buf());
        } else if name == "templates" {
            if kind.is_dir() || leads_to(Path::is_dir) {
                found.template_folders.insert(entry.path());
            }
        } else if kind.is_dir() && !name.as_encoded_bytes().starts_with(b".") {
            // Names need not be UTF-8 (a GBK name from a zip made on Windows is a folder too).
            if depth < MAX_DEPTH {
                children.push(entry.path());
            } else {
                found.unreadable.push((entry.path(), Unsearched::TooDeep));
            }
        }
    }
    let enter = |child: &PathBuf| match fs::read_dir(child) {
        Ok(listing) => walk(child, listing, depth + 1),
        Err(e) => Discovered {
            unreadable: vec![(child.clone(), Unsearched::Io(e))],
            ..Discovered::default()
        },
    };
    let below: Vec<Discovered> = if children.len() > 1 {
        children.par_iter().map(enter).collect()
    } else {
        children.iter().map(enter).collect()
    };
    for sub in below {
        found.reports.extend(sub.reports);
        found.template_folders.extend(sub.template_folders);
        found.unreadable.extend(sub.unreadable);
    }
    found
}
