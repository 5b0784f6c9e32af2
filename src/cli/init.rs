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
    #[arg(value_parser = plausible_year)]
    year: Option<u16>,
    /// The 成文日期, e.g. 2025-01-15 (default: "待补充", to fill in when the report is signed).
    #[arg(long, value_parser = calendar_date, conflicts_with = "from")]
    date: Option<Date>,
}

/// A day of the calendar written as `2025-01-15`.
fn calendar_date(text: &str) -> Result<Date, String> {
    let parts: Vec<&str> = text.trim().split('-').collect();
    let number = |i: usize| parts.get(i).and_then(|p| p.parse::<u16>().ok());
    match (parts.len(), number(0), number(1), number(2)) {
        (3, Some(y), Some(m), Some(d)) => u8::try_from(m)
            .ok()
            .zip(u8::try_from(d).ok())
            .and_then(|(m, d)| Date::new(y, m, d)),
        _ => None,
    }
    .ok_or_else(|| "a day of the calendar such as 2025-01-15 (日期应如 2025-01-15)".to_string())
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
            .and_then(|n| plausible_year(n).ok());
        // In the last quarter the coming report is this year's; before, last year's.
        let year = args.year.or(named).unwrap_or(if today.month >= 10 {
            today.year
        } else {
            today.year - 1
        });
        init::skeleton(&args.dir, year, args.date, ui.lang)
    };
    let files = result.map_err(|e| match e {
        init::InitError::Syntax(..) => CliError::data(e.text()),
        _ => CliError::failure(e.text()),
    })?;
    for f in files {
        ui.status(&format!("{} {}", ui.text("created", "已创建"), f.display()));
    }
    ui.status(ui.text(
        "fill in every 待补充 (`report check` lists them), then `report build`",
        "请填写所有“待补充”（`report check` 会逐一列出），然后运行 `report build`",
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

/// A report year between 1949 and 2100.
fn plausible_year(text: &str) -> Result<u16, String> {
    let range = crate::model::PLAUSIBLE_YEARS;
    text.parse::<u16>()
        .ok()
        .filter(|y| range.contains(y))
        .ok_or_else(|| {
            format!(
                "a report year from {} to {} (报告年度须在 {} 至 {} 之间)",
                range.start(),
                range.end(),
                range.start(),
                range.end()
            )
        })
}

#[cfg(test)]
mod tests {
    use super::{calendar_date, civil_from_days};
    use crate::model::Date;

    #[test]
    fn dates_are_days_of_the_calendar() {
        assert_eq!(
            calendar_date("2025-01-15"),
            Ok(Date::new(2025, 1, 15).unwrap())
        );
        assert!(calendar_date("2025-02-30").is_err());
        assert!(calendar_date("2025-1").is_err());
    }

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
