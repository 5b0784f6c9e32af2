//! `report diff`: what changed between two report folders, in report terms.

use crate::model::FileId;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use clap::ValueEnum;

use super::{CliError, CliResult, Status, Ui};
use crate::diagnostic::Text;
use crate::ops::diff;

/// Arguments of `report diff`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "OLD and NEW are report folders, or REV:PATH for a folder at a git revision (e.g. HEAD~1:data/taian/2020).\nAs a git diff driver: `git config diff.report.textconv \"report diff --textconv\"` and `*.toml diff=report` in .gitattributes.\nExit codes: 0 compared (changes or not), 2 a folder could not be read."
)]
pub struct Args {
    /// The earlier folder (or REV:PATH).
    #[arg(required_unless_present = "textconv")]
    old: Option<String>,
    /// The later folder (or REV:PATH).
    #[arg(required_unless_present = "textconv")]
    new: Option<String>,
    /// Output: md (for people) or json (one array of changes).
    #[arg(long, value_enum, default_value_t = DiffFormat::Md)]
    format: DiffFormat,
    /// Print one data file's facts, one per line with labels (a git textconv driver).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["old", "new"])]
    textconv: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum DiffFormat {
    Md,
    Json,
}

/// Runs `report diff`.
pub fn run(args: Args, ui: &Ui) -> CliResult {
    if let Some(file) = &args.textconv {
        return Ok(textconv(file, ui));
    }
    let (Some(old), Some(new)) = (&args.old, &args.new) else {
        unreachable!("clap requires OLD and NEW without --textconv");
    };
    let mut temps = Vec::new();
    let mut read = |spec: &str| -> Result<Vec<(&'static str, toml::Value)>, Text> {
        let dir = materialise(spec, &mut temps)?;
        // A revision's files sit in a temporary folder: messages name the spec instead.
        diff::read_folder(&dir).map_err(|t| {
            if Path::new(spec).is_dir() {
                return t;
            }
            let temp = dir.display().to_string();
            Text::new(t.en.replace(&temp, spec), t.zh.replace(&temp, spec))
        })
    };
    let a = read(old).map_err(CliError::failure)?;
    let b = read(new).map_err(CliError::failure)?;
    let changes = diff::diff(&a, &b);
    let text = match args.format {
        // Texts from the data may hold control characters: shown, never sent to a terminal.
        DiffFormat::Md => {
            crate::diagnostic::printable(&diff::to_markdown(&changes, old, new)).into_owned()
        }
        DiffFormat::Json => {
            let mut t = serde_json::to_string_pretty(&changes).unwrap_or_default();
            t.push('\n');
            t
        }
    };
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    Ok(Status::Success)
}

fn textconv(file: &Path, ui: &Ui) -> Status {
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let within = file.parent().unwrap_or(Path::new("."));
    let parsed = crate::load::read_text(file, within)
        .map_err(|problem| problem.message)
        .and_then(|text| {
            text.ok_or_else(|| {
                crate::load::read_error(&crate::files::ReadError::Missing, within).message
            })
        })
        .and_then(|(t, _)| {
            t.parse::<toml::Table>().map_err(|_| {
                Text::new(
                    "not valid TOML; shown as it is",
                    "不是合法的 TOML；按原样显示",
                )
            })
        });
    match parsed {
        Ok(table) => {
            let text = diff::facts(name, &toml::Value::Table(table));
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            Status::Success
        }
        Err(e) => {
            // A file that does not parse is shown as it is, so the diff still works.
            ui.status(diff::at(file, &e).get(ui.lang));
            let raw = crate::files::read(file, within).unwrap_or_default();
            let _ = std::io::stdout().lock().write_all(&raw);
            Status::Success
        }
    }
}

/// What `git show REV:PATH` gave.
enum GitShow {
    /// The file's bytes.
    Found(Vec<u8>),
    /// More than a data file may hold: git was stopped.
    TooLarge,
    /// No such file (what git said, its first lines).
    Missing(String),
}

/// At most this much of what git says on its error output is kept.
const GIT_SAID: u64 = 4096;

/// One file of a revision, read from git's output as it comes and never past
/// [`crate::files::MAX_FILE_BYTES`] (a blob of gigabytes stops git rather than filling memory).
fn git_show(object: &str) -> Result<GitShow, Text> {
    use std::io::Read as _;
    let cannot = |e: std::io::Error| {
        let said = crate::diagnostic::io_error_text(&e);
        Text::new(
            format!("cannot run git: {}", said.en),
            format!("无法运行 git：{}", said.zh),
        )
    };
    let mut child = Command::new("git")
        .args(["show", "--end-of-options", object])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(cannot)?;
    // Read on its own thread, so that git never waits on a full error pipe.
    let stderr = child.stderr.take().map(|err| {
        std::thread::spawn(move || {
            let mut said = Vec::new();
            let mut err = err;
            let _ = (&mut err).take(GIT_SAID).read_to_end(&mut said);
            let _ = std::io::copy(&mut err, &mut std::io::sink());
            said
        })
    });
    let limit = crate::files::MAX_FILE_BYTES;
    let mut bytes = Vec::new();
    if let Some(out) = child.stdout.take() {
        out.take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(cannot)?;
    }
    if bytes.len() as u64 > limit {
        let _ = child.kill();
        let _ = child.wait();
        return Ok(GitShow::TooLarge);
    }
    let status = child.wait().map_err(cannot)?;
    let said = stderr
        .and_then(|t| t.join().ok())
        .map(|s| String::from_utf8_lossy(&s).trim().to_string())
        .unwrap_or_default();
    Ok(if status.success() {
        GitShow::Found(bytes)
    } else {
        GitShow::Missing(said)
    })
}

/// Why `git show` found no report.toml for `spec`: what git said, in the user's words for
/// the cases a clerk meets (no repository here, no such revision), else git's own words.
fn git_refused(spec: &str, rev: &str, said: &str) -> Text {
    let name = FileId::Report.name();
    if said.contains("not a git repository") {
        return Text::new(
            format!("{spec}: the current folder is not in a git repository; give a folder instead"),
            format!("{spec}：当前文件夹不在 git 仓库中；请改为给出文件夹"),
        );
    }
    if said.contains("invalid object name") || said.contains("unknown revision") {
        return Text::new(
            format!("{spec}: git has no revision `{rev}` (see `git log --oneline`)"),
            format!("{spec}：git 中找不到版本“{rev}”（可用 `git log --oneline` 查看）"),
        );
    }
    if said.contains("does not exist in") || said.contains("exists on disk, but not in") {
        return Text::new(
            format!("{spec}: no {name} at that revision"),
            format!("{spec}：该版本中没有 {name}"),
        );
    }
    Text::new(
        format!("{spec}: no {name} at that revision (git: {said})"),
        format!("{spec}：该版本中没有 {name}（git 的说明：{said}）"),
    )
}

/// A folder on disk for a spec: the folder itself, or `REV:PATH` extracted from git.
fn materialise(spec: &str, temps: &mut Vec<crate::interrupt::TempFolder>) -> Result<PathBuf, Text> {
    if Path::new(spec).is_dir() {
        return Ok(PathBuf::from(spec));
    }
    let Some((rev, path)) = spec.split_once(':') else {
        return Err(if Path::new(spec).exists() {
            Text::new(
                format!("{spec} is not a folder (nor REV:PATH)"),
                format!("{spec} 不是文件夹（也不是 REV:PATH）"),
            )
        } else {
            Text::new(
                format!("{spec} does not exist (give a report folder, or REV:PATH)"),
                format!("{spec} 不存在（请给出报告文件夹，或 版本:路径）"),
            )
        });
    };
    // A revision is never an option of git's (`--output=DIR` would make git write files).
    if rev.starts_with('-') {
        return Err(Text::new(
            format!("{spec}: a revision cannot start with `-`"),
            format!("{spec}：版本号不能以 `-` 开头"),
        ));
    }
    let path = if path.starts_with("./") || path.starts_with('/') {
        path.to_string()
    } else {
        format!("./{path}")
    };
    let io = |e: std::io::Error| {
        let said = crate::diagnostic::io_error_text(&e);
        Text::new(
            format!("cannot make a temporary folder: {}", said.en),
            format!("无法创建临时文件夹：{}", said.zh),
        )
    };
    // Known to the handler of Ctrl-C and SIGTERM: removed however `report` ends.
    let temp = crate::interrupt::temp_folder().map_err(io)?;
    for name in crate::model::data_file_names() {
        match git_show(&format!("{rev}:{path}/{name}"))? {
            GitShow::Found(bytes) => std::fs::write(temp.path().join(name), bytes).map_err(io)?,
            GitShow::TooLarge => {
                return Err(Text::new(
                    format!(
                        "{spec}: {name} at that revision is larger than {} MiB; not read",
                        crate::files::MAX_FILE_BYTES >> 20
                    ),
                    format!(
                        "{spec}：该版本中的 {name} 超过 {} MiB，不予读取",
                        crate::files::MAX_FILE_BYTES >> 20
                    ),
                ));
            }
            GitShow::Missing(said) if name == FileId::Report.name() => {
                return Err(git_refused(spec, rev, &said));
            }
            GitShow::Missing(_) => {}
        }
    }
    let dir = temp.path().to_path_buf();
    temps.push(temp);
    Ok(dir)
}
