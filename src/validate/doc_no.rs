//! 发文字号 (文号): 代字〔YYYY〕N号, as GB/T 9704-2012 7.2.5 says.

use std::ops::Range;

use super::finding::Finding;
use super::problems;
use crate::text::chars::is_han;

/// Checks one 文号; `signed_year` is the year of the report's 成文日期 (D7).
pub fn check(doc_no: &str, signed_year: u16) -> Vec<Finding> {
    let mut out = spaces(doc_no);
    if let Some(f) = full_width_digits(doc_no) {
        out.push(f);
        return out;
    }
    if let Some(after_year) = year_part(doc_no, signed_year, &mut out) {
        number_part(doc_no, after_year, &mut out);
    }
    out.sort_by_key(|f| (f.range.start, f.code));
    out
}

/// D6: each space (fixable); the rest is checked as if they were gone.
fn spaces(doc_no: &str) -> Vec<Finding> {
    doc_no
        .char_indices()
        .filter(|(_, c)| c.is_whitespace())
        .map(|(i, c)| problems::doc_no_space(i..i + c.len_utf8()))
        .collect()
}

/// N12: full-width digits (the rest is not checked then).
fn full_width_digits(doc_no: &str) -> Option<Finding> {
    let i = doc_no.find(|c: char| ('０'..='９').contains(&c))?;
    Some(problems::doc_no_full_width(i..doc_no.len()))
}

/// The byte offset after `at` and the spaces there.
fn skip_spaces(text: &str, at: usize) -> usize {
    at + text[at..]
        .chars()
        .take_while(|c| c.is_whitespace())
        .map(char::len_utf8)
        .sum::<usize>()
}

/// The issuer's code and the bracketed year: the offset after the closing bracket, or `None`
/// when the 文号 cannot be read further.
fn year_part(doc_no: &str, signed_year: u16, out: &mut Vec<Finding>) -> Option<usize> {
    let Some(open_at) = doc_no.find(['〔', '[', '【', '(', '（', '［', '〖']) else {
        out.push(problems::not_a_doc_no(doc_no));
        return None;
    };
    let code_part = &doc_no[..open_at];
    if !code_part
        .chars()
        .any(|c| is_han(c) || c.is_ascii_alphabetic())
    {
        out.push(problems::no_issuer_code(
            0..open_at.max(1).min(doc_no.len()),
        ));
    }
    let open = doc_no[open_at..].chars().next().unwrap_or('〔');
    let after_open = open_at + open.len_utf8();
    let year_len = doc_no[after_open..]
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b' ')
        .count();
    let close_at = after_open + year_len;
    let year: String = doc_no[after_open..close_at]
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let Some(close) = doc_no[close_at..]
        .chars()
        .next()
        .filter(|c| "〕]】)）］〗".contains(*c))
    else {
        out.push(problems::year_not_closed(open_at..doc_no.len()));
        return None;
    };
    let end = close_at + close.len_utf8();
    if open != '〔' || close != '〕' {
        // The replacement is what the hint says; with a space inside, the space's own fix
        // (W0606) goes first, and this one on the next run.
        let fixable = !doc_no[open_at..close_at].contains(char::is_whitespace);
        let f = problems::doc_no_brackets(open_at..end, (open, close), &year, fixable);
        out.push(f);
    }
    out.extend(year_finding(&year, after_open..close_at, signed_year));
    Some(end)
}

/// E0603 for a year not in four digits, W0607 for one after the report was signed.
fn year_finding(year: &str, range: Range<usize>, signed_year: u16) -> Option<Finding> {
    if year.len() != 4 {
        return Some(problems::doc_no_short_year(range, year));
    }
    let y = year.parse::<u16>().ok().filter(|y| *y > signed_year)?;
    Some(problems::doc_no_after_signing(range, y, signed_year))
}

/// After the year: 字 or 第 (either, both or neither), the digits, 号.
fn number_part(doc_no: &str, after_year: usize, out: &mut Vec<Finding>) {
    let mut rest_at = skip_spaces(doc_no, after_year);
    for word in ['字', '第'] {
        if doc_no[rest_at..].starts_with(word) {
            out.push(problems::doc_no_word(rest_at, word));
            rest_at = skip_spaces(doc_no, rest_at + word.len_utf8());
        }
    }
    let seq_len = doc_no[rest_at..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    let seq = &doc_no[rest_at..rest_at + seq_len];
    let after_seq = skip_spaces(doc_no, rest_at + seq_len);
    if seq_len == 0 || !doc_no[after_seq..].starts_with('号') {
        out.push(problems::doc_no_without_number(rest_at..doc_no.len()));
    } else if seq.len() > 1 && seq.starts_with('0') {
        let trimmed = seq.trim_start_matches('0');
        let trimmed = if trimmed.is_empty() { "0" } else { trimmed };
        let f = problems::doc_no_leading_zero(rest_at..rest_at + seq_len, seq, trimmed);
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::codes::Code;

    #[test]
    fn doc_no_table() {
        let cases: &[(&str, &[Code])] = &[
            ("潼委法〔2020〕2号", &[]),
            ("潼南府办发〔2020〕57号", &[]),
            ("厅字〔2019〕28号", &[]),
            ("潼委法〔2020〕2 号", &[Code::W0606]),
            ("某府发[2021]5号", &[Code::E0602]),
            ("某府发（2020）5号", &[Code::E0602]),
            ("某府发〔21〕5号", &[Code::E0603]),
            ("某府发〔2020〕05号", &[Code::E0604]),
            ("某府发〔2020〕第5号", &[Code::E0605]),
            ("X市财发〔1992〕字第36号", &[Code::E0605, Code::E0605]),
            ("某府发〔2020〕5", &[Code::E0601]),
            ("2020年5号", &[Code::E0601]),
            ("某政发〔２０２０〕６号", &[Code::E0710]),
            ("某府发〔2022〕1号", &[Code::W0607]),
        ];
        for (doc_no, codes) in cases {
            let found: Vec<_> = check(doc_no, 2021).iter().map(|f| f.code).collect();
            assert_eq!(&found, codes, "{doc_no}");
        }
    }
}
