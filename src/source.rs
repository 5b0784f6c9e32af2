//! Bytes → text, and byte offsets → human positions.
//!
//! Data files come from clerks' machines: UTF-8 with or without a BOM, CRLF line ends, and
//! now and then GB18030 (GBK) as saved by older Windows editors. This module turns any of
//! those into one `String` and says which encoding it found, so the loader can warn. It never
//! guesses silently: bytes that are neither valid UTF-8 nor valid GB18030 are refused.
//!
//! Positions are kept as byte ranges into the decoded text (what the TOML parser reports) and
//! turned into 1-based line and column numbers here, with columns counted in characters so
//! that a marker under a Chinese line lands under the right character.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// How a file's bytes were decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 that started with a byte-order mark (removed).
    Utf8Bom,
    /// GB18030 / GBK, as written by Notepad or WPS on a Chinese Windows.
    Gb18030,
}

/// Why a file could not be turned into text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The file holds NUL bytes or other control bytes: not a text file.
    #[error("not a text file (it holds binary data)")]
    Binary,
    /// Neither UTF-8 nor GB18030.
    #[error("neither UTF-8 nor GB18030 text")]
    Unknown,
    /// Text in another encoding, named (Big5, Shift_JIS, EUC-KR, UTF-16…): refused rather than
    /// read as GB18030 into garbled characters.
    #[error("{0} text; only UTF-8 and GB18030/GBK are read")]
    Other(&'static str),
}

pub use crate::files::MAX_FILE_BYTES;

/// Decodes a data file's bytes.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), DecodeError> {
    // Notepad's "Unicode" is UTF-16 with a byte-order mark.
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(DecodeError::Other("UTF-16"));
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    }
    // simdutf8 checks Chinese text several times faster than `std::str::from_utf8`.
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return simdutf8::basic::from_utf8(rest)
            .map(|s| (s.to_owned(), Encoding::Utf8Bom))
            .map_err(|_| DecodeError::Unknown);
    }
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return Ok((s.to_owned(), Encoding::Utf8));
    }
    // Big5 and Shift_JIS bytes are often valid GB18030 too: ask chardetng (by the author of
    // encoding_rs) which East Asian encoding the bytes look like, and refuse the others.
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    if [
        encoding_rs::BIG5,
        encoding_rs::SHIFT_JIS,
        encoding_rs::EUC_JP,
        encoding_rs::EUC_KR,
    ]
    .contains(&guess)
    {
        return Err(DecodeError::Other(guess.name()));
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(DecodeError::Unknown);
    }
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(DecodeError::Binary);
    }
    Ok((text.into_owned(), Encoding::Gb18030))
}

/// Text as the bytes to write back into a file read with `encoding`: UTF-8, with the BOM kept
/// when the file had one (GB18030 files are written back as UTF-8).
pub fn encode_like(text: &str, encoding: Encoding) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(text.len() + 3);
    if encoding == Encoding::Utf8Bom {
        bytes.extend_from_slice(b"\xEF\xBB\xBF");
    }
    bytes.extend_from_slice(text.as_bytes());
    bytes
}

/// One loaded text file: its path (as shown to the user), its text and a line index.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user should see it in messages.
    pub path: PathBuf,
    /// The decoded text.
    pub text: String,
    /// How the bytes were decoded.
    pub encoding: Encoding,
    /// Byte offset of the start of every line, made when a position is first asked for
    /// (a clean file never needs it).
    line_starts: OnceLock<Vec<usize>>,
}

/// A 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// Line number, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

impl SourceFile {
    /// Wraps decoded text (read as UTF-8).
    pub fn new(path: impl Into<PathBuf>, text: String) -> Self {
        Self::decoded(path, text, Encoding::Utf8)
    }

    /// Wraps text decoded from the given encoding.
    pub fn decoded(path: impl Into<PathBuf>, text: String, encoding: Encoding) -> Self {
        Self {
            path: path.into(),
            text,
            encoding,
            line_starts: OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// The path as shown to users.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The 1-based position of a byte offset (clamped to the text, snapped to a char boundary).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line_starts = self.line_starts();
        let line = line_starts.partition_point(|&s| s <= offset) - 1;
        let start = line_starts[line];
        let column = self.text[start..offset].chars().count() + 1;
        Position {
            line: line + 1,
            column,
        }
    }

    /// `span` made safe to slice the text with: clamped to the text, its start moved back and
    /// its end moved on to character boundaries (a span from minijinja or a pattern search can
    /// fall inside a Chinese character), and never reversed.
    pub fn snap(&self, span: Range<usize>) -> Range<usize> {
        let len = self.text.len();
        let mut start = span.start.min(len);
        while !self.text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = span.end.clamp(start, len);
        while !self.text.is_char_boundary(end) {
            end += 1;
        }
        start..end
    }

    /// The byte range of a 1-based line, without its line end.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let line_starts = self.line_starts();
        let start = line_starts[line.clamp(1, line_starts.len()) - 1];
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let end = if self.text[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_with_and_without_bom() {
        assert_eq!(
            decode("年".as_bytes()).unwrap(),
            ("年".into(), Encoding::Utf8)
        );
        assert_eq!(
            decode(b"\xEF\xBB\xBFa").unwrap(),
            ("a".into(), Encoding::Utf8Bom)
        );
    }

    #[test]
    fn decodes_gb18030() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("太安镇 = 1");
        assert_eq!(
            decode(&bytes).unwrap(),
            ("太安镇 = 1".into(), Encoding::Gb18030)
        );
    }

    #[test]
    fn writes_back_with_the_bom_it_was_read_with() {
        assert_eq!(encode_like("a", Encoding::Utf8Bom), b"\xEF\xBB\xBFa");
        assert_eq!(encode_like("a", Encoding::Utf8), b"a");
        assert_eq!(encode_like("年", Encoding::Gb18030), "年".as_bytes());
    }

    #[test]
    fn refuses_other_east_asian_encodings_by_name() {
        let text = "[unit]\nname = \"臺北市政府法治建設報告\"\n";
        let (big5, _, _) = encoding_rs::BIG5.encode(text);
        assert_eq!(decode(&big5), Err(DecodeError::Other("Big5")));
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("name = \"法令遵守の報告書です\"\n");
        assert_eq!(decode(&sjis), Err(DecodeError::Other("Shift_JIS")));
        assert_eq!(decode(b"\xFF\xFEa\x00"), Err(DecodeError::Other("UTF-16")));
        // Short GBK text is still GBK.
        let (gbk, _, _) = encoding_rs::GBK.encode("x = \"镇\"\n");
        assert_eq!(decode(&gbk).unwrap().1, Encoding::Gb18030);
    }

    #[test]
    fn refuses_binary() {
        assert_eq!(decode(b"\x00\x01\x02"), Err(DecodeError::Binary));
    }

    #[test]
    fn spans_snap_to_character_boundaries() {
        let file = SourceFile::new("a.toml", "a = \"〔年\"".into());
        let bracket = file.text.find('〔').unwrap();
        assert_eq!(file.snap(bracket + 1..bracket + 4), bracket..bracket + 6);
        assert_eq!(file.snap(bracket + 2..bracket + 1), bracket..bracket + 3);
        assert_eq!(file.snap(100..200), file.text.len()..file.text.len());
    }

    #[test]
    fn columns_count_characters() {
        let file = SourceFile::new("a.toml", "x = 1\r\n名称 = \"太安镇\"\n".into());
        let offset = file.text.find("\"太").unwrap();
        assert_eq!(file.position(offset), Position { line: 2, column: 6 });
        assert_eq!(&file.text[file.line_range(1)], "x = 1");
        assert_eq!(file.position(0), Position { line: 1, column: 1 });
    }
}
