//! The characters the official fonts have (GB/T 9704 5.2.2; NORMS F17): 仿宋_GB2312, 楷体_GB2312
//! and 方正小标宋简体 hold GB 2312 — 6,763 Han characters and 682 symbols. A character outside
//! it prints in a fallback face.

use std::sync::OnceLock;

use super::finding::Finding;

/// The characters of GB 2312, as a bitset over the Basic Multilingual Plane (every character
/// of every text is looked up: one bit test each; GB 2312 has nothing beyond U+FFFF).
struct Repertoire {
    bits: Vec<u64>,
}

impl Repertoire {
    fn contains(&self, c: char) -> bool {
        self.has(c as usize)
    }

    fn has(&self, u: usize) -> bool {
        self.bits
            .get(u / 64)
            .is_some_and(|word| word & (1 << (u % 64)) != 0)
    }

    /// Whether some character of `text` other than ASCII and whitespace is missing: one pass
    /// over the bytes, the three-byte characters (every Han character and Chinese mark)
    /// decoded in place; most texts have none, and are left at that.
    fn lacks_any(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                i += 1;
            } else if (0xE0..0xF0).contains(&b) && i + 2 < bytes.len() {
                let u = usize::from(b & 0x0F) << 12
                    | usize::from(bytes[i + 1] & 0x3F) << 6
                    | usize::from(bytes[i + 2] & 0x3F);
                if !self.has(u) && !char::from_u32(u as u32).is_some_and(char::is_whitespace) {
                    return true;
                }
                i += 3;
            } else {
                // Two- and four-byte characters: decoded as they are.
                let Some(c) = text[i..].chars().next() else {
                    return false;
                };
                if !self.contains(c) && !c.is_whitespace() {
                    return true;
                }
                i += c.len_utf8();
            }
        }
        false
    }
}

/// Every character of GB 2312, read from its EUC-CN table (rows A1–F7, cells A1–FE) through the
/// GB 18030 decoder.
fn gb2312() -> &'static Repertoire {
    static SET: OnceLock<Repertoire> = OnceLock::new();
    SET.get_or_init(|| {
        let mut bytes = Vec::with_capacity(2 * 94 * 87);
        for row in 0xA1u8..=0xF7 {
            for cell in 0xA1u8..=0xFE {
                bytes.extend([row, cell]);
            }
        }
        let (text, _, _) = encoding_rs::GB18030.decode(&bytes);
        let mut set = Repertoire {
            bits: vec![0; 0x10000 / 64],
        };
        // Code points GB 2312 leaves unassigned decode to characters of GBK's extensions (or
        // to private-use ones): kept out by taking only rows that GB 2312 fills.
        for (c, pair) in text.chars().zip(bytes.chunks(2)) {
            if !assigned(pair[0], pair[1]) || ('\u{E000}'..='\u{F8FF}').contains(&c) {
                continue;
            }
            let u = c as usize;
            if let Some(word) = set.bits.get_mut(u / 64) {
                *word |= 1 << (u % 64);
            }
        }
        set
    })
}

/// Whether GB 2312 assigns the code point (rows 1–9 symbols, 16–87 Han characters).
fn assigned(row: u8, cell: u8) -> bool {
    let row = row - 0xA0;
    let cell = cell - 0xA0;
    match row {
        1..=9 | 16..=54 | 56..=87 => true,
        55 => cell <= 89,
        _ => false,
    }
}

/// Whether a character prints in the official faces.
#[cfg(test)]
fn in_official_fonts(c: char) -> bool {
    c.is_ascii() || gb2312().contains(c)
}

/// Each character of `text` the official fonts lack (and `allowed` does not list).
pub(super) fn check(text: &str, allowed: &str) -> Vec<Finding> {
    if text.is_ascii() {
        return Vec::new();
    }
    let set = gb2312();
    if !set.lacks_any(text) {
        return Vec::new();
    }
    text.char_indices()
        .filter(|&(_, c)| {
            !c.is_ascii() && !set.contains(c) && !c.is_whitespace() && !allowed.contains(c)
        })
        .map(|(at, c)| super::problems::outside_official_fonts(at, c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gb2312_holds_the_common_characters_and_not_the_rare_ones() {
        let set = gb2312();
        let han = ('\u{4E00}'..='\u{9FFF}')
            .filter(|&c| set.contains(c))
            .count();
        assert_eq!(han, 6763);
        for c in "法治政府建设年度报告，。、；：“”《》（）——……～·".chars()
        {
            assert!(in_official_fonts(c), "{c}");
        }
        for c in "喆堃镕珺昇".chars() {
            assert!(!in_official_fonts(c), "{c}");
        }
        assert_eq!(check("副镇长王喆", "").len(), 1);
        assert!(check("副镇长王喆", "喆").is_empty());
    }
}
