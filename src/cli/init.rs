//! `report init`: start a report folder, from skeletons or from last year's.

use std::path::PathBuf;

use super::{CliError, CliResult, Status, Ui};
use crate::model::Date;
use crate::ops::init;

/// Arguments of `report init`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The new report folder (must not exist, or be empty).
    dir: PathBuf,
    /// Carry this earlier report folder forward: lasting facts are kept, year-bound ones
    /// become 待补充, last year's plans become this year's follow-ups.
    #[arg(long, value_name = "OLD")]
    from: Option<PathBuf>,
    /// The report year for a new skeleton (default: the folder's name when it is a year, as in
    /// `data/my-town/2024`; else this year from October on, else last year).
    #[arg(long)]
    #[arg(value_parser = super::values::year)]
    year: Option<u16>,
    /// The 成文日期, e.g. 2025-01-15 or 2025年1月15日 (default: "待补充", to fill in when the
    /// report is signed).
    #[arg(long, value_parser = super::values::date, conflicts_with = "from")]
    date: Option<Date>,
    /// The unit's kind: township, street, county, district, city, province, department or
    /// state_council_department, or its Chinese name (default: "待补充", to fill in).
    #[arg(long, value_name = "KIND", value_parser = super::values::kind, conflicts_with = "from")]
    kind: Option<crate::model::UnitKind>,
}

/// Runs `report init`.
pub fn run(args: Args, ui: &Ui) -> CliResult {
    let result = if let Some(old) = &args.from {
        init::carry_forward(old, &args.dir)
    } else {
        let today = today();
        let named = args
            .dir
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| super::values::year(n).ok());
        // In the last quarter the coming report is this year's; before, last year's.
        let year = args.year.or(named).unwrap_or(if today.month >= 10 {
            today.year
        } else {
            today.year - 1
        });
        init::skeleton(&args.dir, year, args.date, args.kind, ui.lang)
    };
    let files = result.map_err(|e| match e {
        init::InitError::Syntax(..) => CliError::data(e.text()),
        _ => CliError::failure(e.text()),
    })?;
    for f in files {
        ui.status(&format!("{} {}", ui.text("created", "已创建"), f.display()));
    }
    let dir = args.dir.display();
    let (check, build) = (
        ui.command(&format!("check {dir}")),
        ui.command(&format!("build {dir}")),
    );
    ui.status(ui.text(
        &format!("fill in every 待补充 (`{check}` lists them), then `{build}`"),
        &format!("请填写所有“待补充”（`{check}` 会逐一列出），然后运行 `{build}`"),
    ));
    Ok(Status::Success)
}

/// Today's date (UTC), from the system clock.
fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days(i64::try_from(secs / 86_400).unwrap_or(0))
}

/// Days since 1970-01-01 → calendar date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
    Date { year, month, day }
}

#[cfg(test)]
mod tests {
    use super::civil_from_days;
    use crate::model::Date;

    #[test]
    fn days_to_dates() {
        assert_eq!(
            civil_from_days(0),
            Date {
                year: 1970,
                month: 1,
                day: 1
            }
        );
        assert_eq!(
            civil_from_days(18_637),
            Date {
                year: 2021,
                month: 1,
                day: 10
            }
        );
        assert_eq!(
            civil_from_days(19_782),
            Date {
                year: 2024,
                month: 2,
                day: 29
            }
        );
    }
}
