//! What building can find wrong, in both languages: outputs that cannot be written or
//! belong to another unit, a PDF the browser did not print, a `previous` that cannot be used.

use std::path::{Path, PathBuf};

use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Text};
use crate::load;
use crate::model::Report;

/// E0008: the browser did not print the PDF (`why`).
pub(super) fn not_printed(why: Text) -> Diagnostic {
    Diagnostic::new(Code::E0008, why).with_hint(Text::new(
        "check that the browser prints (`chromium --headless --print-to-pdf=x.pdf https://example.org`), or build without pdf",
        "请确认浏览器能够打印，或不生成 pdf 格式",
    ))
}

/// E0006: the set could not be written (none of it replaced the old outputs).
pub(super) fn not_written(out_dir: &Path, e: &std::io::Error) -> Diagnostic {
    let said = crate::diagnostic::io_error_text(e);
    Diagnostic::new(
        Code::E0006,
        Text::new(
            format!("cannot write the reports (none was replaced): {}", said.en),
            format!("无法写入报告（均未替换）：{}", said.zh),
        ),
    )
    .at_path(out_dir)
}

/// E0006: the output folder holds another unit's reports.
pub(super) fn owned_by_another(out_dir: &Path, owner: &Path, dir: &Path) -> Diagnostic {
    Diagnostic::new(
        Code::E0006,
        Text::new(
            format!(
                "{} holds the reports built from {}: not replaced by those of {}",
                out_dir.display(),
                owner.display(),
                dir.display()
            ),
            format!(
                "{} 中是由 {} 生成的报告，不以 {} 的报告替换",
                out_dir.display(),
                owner.display(),
                dir.display()
            ),
        ),
    )
    .at_path(out_dir)
    .with_hint(Text::new(
        "build the two units into different folders (another --out), or build both in one run from the folder above them",
        "请把两个单位生成到不同的文件夹（换一个 --out），或在一次运行中从它们的上级文件夹一起生成",
    ))
}

/// E0007: `previous` names a folder outside the tree being built; it is not read.
pub(super) fn previous_outside(report: &Report, dir: &Path, within: &Path) -> Diagnostic {
    Diagnostic::new(
        Code::E0007,
        Text::new(
            format!(
                "`previous` names {}, outside the folder tree being built ({}): it is not read",
                dir.display(),
                within.display()
            ),
            format!(
                "“上年报告”所指的 {} 在所生成的目录树（{}）之外，不予读取",
                dir.display(),
                within.display()
            ),
        ),
    )
    .at_path(report.dir.join(load::REPORT_FILE))
    .with_hint(Text::new(
        "name last year's folder of this unit inside the tree, or build the folder above both",
        "请让“上年报告”指向目录树内本单位上一年度的文件夹，或对包含两者的上级文件夹运行",
    ))
}

/// W0209: `previous` names a folder of another unit (another name or kind); it is not used.
pub(super) fn previous_of_another(report: &Report, prev: &Report) -> Diagnostic {
    let (this, that) = (&report.report.unit, &prev.report.unit);
    Diagnostic::new(
        Code::W0209,
        Text::new(
            format!(
                "`previous` names the report of {} ({}), not of {} ({}): it is not compared with",
                that.name,
                that.kind.key(),
                this.name,
                this.kind.key()
            ),
            format!(
                "“上年报告”所指的是“{}”（{}）的报告，不是“{}”（{}）的，不予比较",
                that.name,
                that.kind.label(),
                this.name,
                this.kind.label()
            ),
        ),
    )
    .at_path(report.dir.join(load::REPORT_FILE))
    .with_hint(Text::new(
        "name last year's folder of this unit",
        "请让“上年报告”指向本单位上一年度的文件夹",
    ))
}

/// W0210: `previous` names a folder with no report.toml; there is nothing to compare with.
pub(super) fn previous_not_found(report: &Report, dir: &Path) -> Diagnostic {
    Diagnostic::new(
        Code::W0210,
        Text::new(
            format!(
                "`previous` names `{}`, which holds no {}: there is nothing to compare with",
                dir.display(),
                load::REPORT_FILE
            ),
            format!(
                "“上年报告”所指的 `{}` 中没有 {}，无从比较",
                dir.display(),
                load::REPORT_FILE
            ),
        ),
    )
    .at_path(report.dir.join(load::REPORT_FILE))
    .with_hint(Text::new(
        "name the folder of this unit's report of last year, or remove `previous` when there is none",
        "请让“上年报告”指向本单位上一年度报告所在的文件夹；没有上年报告时删去 `previous`",
    ))
}

/// Two report folders that would be written to the same output folder.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.text().en)]
pub struct OutputCollision {
    /// One report folder.
    pub first: PathBuf,
    /// The other.
    pub second: PathBuf,
    /// The output folder both would take.
    pub output: PathBuf,
}

impl OutputCollision {
    /// What it means, in both languages: nothing is built.
    pub fn text(&self) -> Text {
        let (first, second, output) = (
            self.first.display(),
            self.second.display(),
            self.output.display(),
        );
        Text::new(
            format!(
                "{first} and {second} would both be written to {output}; nothing was built. Build them separately, or with different --out folders"
            ),
            format!(
                "{first} 与 {second} 会写入同一个输出文件夹 {output}；未生成任何报告。请分别生成，或用 --out 指定不同的输出文件夹"
            ),
        )
    }
}
