//! Failures that end a command (a usage mistake, a file that cannot be written, git missing),
//! as opposed to problems in the data, which are diagnostics. Commands return them; `cli::main`
//! prints them, once, in the user's language.

use crate::diagnostic::{Lang, Text, io_error_text};

use super::Status;

/// A failure that ends a command. It carries an [`anyhow::Error`] whose layers are [`Text`]s
/// (said in the user's language), I/O errors (said in words for the common kinds) or other
/// errors (said as they put it).
#[derive(Debug)]
pub struct CliError {
    status: Status,
    error: anyhow::Error,
}

/// What a command returns.
pub type CliResult = Result<Status, CliError>;

impl CliError {
    /// A usage or I/O failure (exit status 2).
    pub fn failure(message: Text) -> Self {
        CliError {
            status: Status::Failure,
            error: anyhow::Error::new(message),
        }
    }

    /// A failure because of the data given (exit status 1).
    pub fn data(message: Text) -> Self {
        CliError {
            status: Status::DataErrors,
            error: anyhow::Error::new(message),
        }
    }

    /// An I/O failure, with what was being done.
    pub fn io(doing: Text, e: std::io::Error) -> Self {
        CliError {
            status: Status::Failure,
            error: anyhow::Error::new(e).context(doing),
        }
    }

    /// The exit status.
    pub fn status(&self) -> Status {
        self.status
    }

    /// The failure in one language: each layer, outermost first.
    pub fn said(&self, lang: Lang) -> String {
        // The outermost layer is the error or its context; below it, its causes.
        let outermost = match self.error.downcast_ref::<Text>() {
            Some(text) => text.get(lang).to_string(),
            None => self.error.to_string(),
        };
        let causes = self.error.chain().skip(1).map(|layer| {
            if let Some(text) = layer.downcast_ref::<Text>() {
                text.get(lang).to_string()
            } else if let Some(e) = layer.downcast_ref::<std::io::Error>() {
                io_error_text(e).get(lang).to_string()
            } else {
                layer.to_string()
            }
        });
        let parts: Vec<String> = std::iter::once(outermost).chain(causes).collect();
        let (label, separator) = match lang {
            Lang::En => ("error: ", ": "),
            Lang::Zh => ("错误：", "："),
        };
        format!("{label}{}", parts.join(separator))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_is_said_in_each_language_with_its_cause() {
        let e = CliError::io(
            Text::new("cannot write out/report.md", "无法写入 out/report.md"),
            std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        );
        assert_eq!(e.said(Lang::Zh), "错误：无法写入 out/report.md：权限不足");
        assert!(
            e.said(Lang::En)
                .starts_with("error: cannot write out/report.md: ")
        );
        assert_eq!(e.status(), Status::Failure);
        assert_eq!(
            CliError::data(Text::new("x", "甲")).status(),
            Status::DataErrors
        );
    }
}
