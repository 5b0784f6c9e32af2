//! A problem found in one text: what the prose, norms, glyph and 文号 rules return, with byte
//! ranges into the text they read.

use std::ops::Range;

use crate::codes::Code;
use crate::diagnostic::Text;

/// One problem found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The code.
    pub code: Code,
    /// Byte range in the linted text.
    pub range: Range<usize>,
    /// What is wrong.
    pub message: Text,
    /// What to do.
    pub hint: Option<Text>,
    /// A safe replacement for the range.
    pub fix: Option<String>,
}

pub(super) fn finding(code: Code, range: Range<usize>, message: Text) -> Finding {
    Finding {
        code,
        range,
        message,
        hint: None,
        fix: None,
    }
}

impl Finding {
    pub(super) fn hint(mut self, en: impl Into<String>, zh: impl Into<String>) -> Self {
        self.hint = Some(Text::new(en, zh));
        self
    }

    pub(super) fn fix(mut self, replacement: impl Into<String>) -> Self {
        self.fix = Some(replacement.into());
        self
    }
}
