//! `check --fix`: apply the safe fixes diagnostics carry, in place and losslessly.
//!
//! Only the bytes of each fixed span change: comments, key order and layout stay. Fixes that
//! overlap an earlier one in the same file are left for the next run. Files are written
//! atomically, as UTF-8 (a BOM is kept; GB18030 files become UTF-8, which the warning asked
//! for anyway).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::output::write_atomic;
use crate::source::SourceFile;

/// One fix that was applied.
#[derive(Debug, Clone)]
pub struct Applied {
    /// The diagnostic it fixed.
    pub diagnostic: Diagnostic,
}

/// Applies every fix in `diagnostics`; returns what was applied, file by file.
pub fn apply(diagnostics: &[Diagnostic]) -> std::io::Result<Vec<(PathBuf, Vec<Applied>)>> {
    let mut by_file: BTreeMap<PathBuf, (Arc<SourceFile>, Vec<&Diagnostic>)> = BTreeMap::new();
    for d in diagnostics {
        if let (Some(_), Some(loc)) = (&d.fix, &d.location)
            && loc.span.is_some()
        {
            by_file
                .entry(loc.file.path.clone())
                .or_insert_with(|| (Arc::clone(&loc.file), Vec::new()))
                .1
                .push(d);
        }
    }
    let mut result = Vec::new();
    for (path, (file, mut fixes)) in by_file {
        fixes.sort_by_key(|d| {
            d.location
                .as_ref()
                .and_then(|l| l.span.clone())
                .map(|s| s.start)
        });
        let mut text = file.text.clone();
        let mut applied = Vec::new();
        let mut limit = usize::MAX;
        for d in fixes.into_iter().rev() {
            let (Some(span), Some(fix)) =
                (d.location.as_ref().and_then(|l| l.span.clone()), &d.fix)
            else {
                continue;
            };
            if span.end > limit || span.end > text.len() {
                continue;
            }
            text.replace_range(span.clone(), fix);
            limit = span.start;
            applied.push(Applied {
                diagnostic: d.clone(),
            });
        }
        applied.reverse();
        if applied.is_empty() {
            continue;
        }
        write_atomic(&path, &crate::source::encode_like(&text, file.encoding))?;
        result.push((path, applied));
    }
    Ok(result)
}
