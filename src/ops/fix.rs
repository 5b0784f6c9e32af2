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
use crate::output::write_through_link;
use crate::source::SourceFile;

/// One fix that was applied.
#[derive(Debug, Clone)]
pub struct Applied {
    /// The diagnostic it fixed.
    pub diagnostic: Diagnostic,
}

/// What was fixed in one file.
pub struct FixedFile {
    /// The file.
    pub path: PathBuf,
    /// The fixes, in the order of the text.
    pub applied: Vec<Applied>,
    /// Whether the file was GB18030 and is now written as UTF-8.
    pub recoded: bool,
}

/// What was fixed, file by file.
pub type Written = Vec<FixedFile>;

/// Applies every fix in `diagnostics`; returns what was applied, file by file, or the file
/// that could not be written (files before it in path order were written).
pub fn apply(diagnostics: &[Diagnostic]) -> Result<Written, (PathBuf, std::io::Error)> {
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
        // One pass from the start: each fix that does not overlap the one before is taken,
        // and the text is built once (replacing in place was quadratic on many fixes).
        let mut text = String::with_capacity(file.text.len());
        let mut copied = 0;
        let mut applied = Vec::new();
        for d in fixes {
            let (Some(span), Some(fix)) =
                (d.location.as_ref().and_then(|l| l.span.clone()), &d.fix)
            else {
                continue;
            };
            if span.start < copied || span.end > file.text.len() {
                continue;
            }
            text.push_str(&file.text[copied..span.start]);
            text.push_str(fix);
            copied = span.end;
            applied.push(Applied {
                diagnostic: d.clone(),
            });
        }
        if applied.is_empty() {
            continue;
        }
        text.push_str(&file.text[copied..]);
        if let Err(e) = write_through_link(&path, &crate::source::encode_like(&text, file.encoding))
        {
            return Err((path, e));
        }
        let recoded = file.encoding == crate::source::Encoding::Gb18030;
        result.push(FixedFile {
            path,
            applied,
            recoded,
        });
    }
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::Code;
    use crate::diagnostic::Text;

    #[test]
    fn fixes_apply_in_one_pass_and_overlaps_wait() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        let text = "x = \"12 场 13 场\"\n";
        std::fs::write(&path, text).unwrap();
        let file = Arc::new(SourceFile::new(&path, text.to_string()));
        let at = |from: usize, to: usize, fix: &str| {
            Diagnostic::new(Code::W0708, Text::new("", ""))
                .at(&file, from..to)
                .with_fix(fix)
        };
        let first = text.find("12 ").unwrap() + 2;
        let second = text.rfind(" 场").unwrap();
        let diags = [
            at(first, first + 1, ""),
            at(first, first + 4, "X"),
            at(second, second + 1, ""),
        ];
        let applied = apply(&diags).unwrap();
        assert_eq!(applied[0].applied.len(), 2);
        assert!(!applied[0].recoded);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "x = \"12场 13场\"\n"
        );
    }
}
