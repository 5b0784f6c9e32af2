//! Bounds on what a template may cost, for templates and for text in data alike.
//!
//! Text in data is a template, and a unit's own `templates/` folder is code a supervising
//! office did not write: a loop in either must not run for days or fill the memory. Three
//! bounds, each reported as E0303 at the text or template that crossed it:
//!
//! - [`FUEL`]: minijinja's instruction budget for one render (a whole page, or one text);
//! - [`MAX_TEXT_OUTPUT`]: what one text in data may expand to;
//! - [`MAX_PAGE_OUTPUT`]: what one page (report.md, report.html, a block) may grow to.
//!
//! A real report uses a small share of each (Taian: under 10,000 steps per render, pages of
//! 9–16 KB).

use minijinja::{Error, ErrorKind, Template, Value};

/// Instructions one render may run (a page, a block, or one text in data).
pub const FUEL: u64 = 10_000_000;

/// Bytes one text in data may expand to: no text can honestly be longer than the 4 MiB file
/// it is written in.
pub const MAX_TEXT_OUTPUT: usize = 4 << 20;

/// At most this many items go through a list filter (a report's lists have dozens).
pub const MAX_ITEMS: usize = 10_000;

/// Bytes one rendered page may grow to.
pub const MAX_PAGE_OUTPUT: usize = 32 << 20;

/// The error a writer gives when the output would pass its limit.
#[derive(Debug, thiserror::Error)]
#[error("the output would be longer than {0} bytes")]
pub struct OutputLimit(pub usize);

/// A `String` that refuses to grow past a limit.
struct Limited {
    out: Vec<u8>,
    limit: usize,
}

impl std::io::Write for Limited {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.out.len() + buf.len() > self.limit {
            return Err(std::io::Error::other(OutputLimit(self.limit)));
        }
        self.out.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Renders `template` with `ctx`, its output at most `limit` bytes.
pub fn render(template: &Template<'_, '_>, ctx: Value, limit: usize) -> Result<String, Error> {
    let mut out = Limited {
        out: Vec::new(),
        limit,
    };
    template.render_captured_to(ctx, &mut out)?;
    // The engine writes only whole UTF-8 strings; checked all the same, the fast way (a copy
    // costs less than the standard library's check).
    simdutf8::basic::from_utf8(&out.out)
        .map(str::to_owned)
        .map_err(|_| Error::new(ErrorKind::WriteFailure, "not UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env() -> minijinja::Environment<'static> {
        let mut env = minijinja::Environment::new();
        env.set_fuel(Some(FUEL));
        env
    }

    #[test]
    fn endless_loops_run_out_of_fuel() {
        let env = env();
        let t = env
            .template_from_str(
                "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}",
            )
            .unwrap();
        let err = render(&t, Value::UNDEFINED, MAX_TEXT_OUTPUT).unwrap_err();
        assert!(super::super::problems::crossed(&err).is_some(), "{err}");
    }

    #[test]
    fn output_is_bounded() {
        let env = env();
        let t = env
            .template_from_str(
                r#"{% set s = "x" * 100000 %}{% for i in range(100000) %}{{ s }}{% endfor %}"#,
            )
            .unwrap();
        let err = render(&t, Value::UNDEFINED, MAX_TEXT_OUTPUT).unwrap_err();
        assert!(
            super::super::problems::crossed(&err)
                .unwrap()
                .0
                .contains("4 MiB"),
            "{err}"
        );
        let t = env.template_from_str("{{ 1 + 1 }}").unwrap();
        assert_eq!(render(&t, Value::UNDEFINED, 10).unwrap(), "2");
    }
}
