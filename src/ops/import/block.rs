//! What the readers give the later stages: a paragraph or a table of the source, with what its
//! layout says.

/// Elements nested deeper than this are not read (a real document nests a few levels).
pub(super) const MAX_DEPTH: usize = 48;

/// One paragraph or table of the source.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Block {
    /// The text; a line break inside the paragraph (Word's Shift+Enter) as `\n`.
    pub text: String,
    /// The outline level the layout gives: 0 for a title, 1 for the first level of headings.
    pub outline: Option<u8>,
    /// Every run of its text is bold.
    pub bold: bool,
    /// Centred.
    pub centered: bool,
    /// Aligned right (a sign-off).
    pub right: bool,
    /// A table's rows of cells, in order.
    pub table: Option<Vec<Vec<String>>>,
}

impl Block {
    /// A paragraph of plain text.
    pub fn text(text: impl Into<String>) -> Block {
        Block {
            text: text.into(),
            ..Block::default()
        }
    }
}
