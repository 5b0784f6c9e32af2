//! The file format: one serde type per data file, one file per topic.
//!
//! A report folder holds `report.toml` (the unit, the year, the 成文日期, the signing body, the
//! documents implemented and the outline of sections) and optional topic files beside it:
//!
//! | file              | type                          | what it holds                                  |
//! |-------------------|-------------------------------|------------------------------------------------|
//! | `report.toml`     | [`report::ReportFile`]        | metadata, intro, the section tree              |
//! | `leadership.toml` | [`leadership::LeadershipFile`]| 领导小组 by role, 第一责任人职责              |
//! | `legal_aid.toml`  | [`legal_aid::LegalAidFile`]   | public legal service and legal-aid posts       |
//! | `outreach.toml`   | [`outreach::OutreachFile`]    | 普法 occasions, counts, materials              |
//! | `study.toml`      | [`study::StudyFile`]          | laws and documents studied                     |
//! | `statistics.toml` | [`statistics::StatisticsFile`]| any other counts (cases, reviews, money, %)    |
//! | `problems.toml`   | [`problems::ProblemsFile`]    | shortcomings and their causes                  |
//! | `plans.toml`      | [`plans::PlansFile`]          | next year's arrangements                       |
//! | `lists.toml`      | [`lists::ListsFile`]          | named lists: rules adopted, awards, providers  |
//!
//! Every field has a doc comment that starts with its Chinese label; the comments become the
//! JSON Schema descriptions editors show on hover. These types are the *raw* form: they say
//! what a file may contain. Rules about meaning live in `validate`, and rendering reads the
//! checked [`Report`].

pub mod common;
pub mod leadership;
pub mod legal_aid;
pub mod lists;
pub mod outreach;
pub mod plans;
pub mod problems;
pub mod report;
pub mod statistics;
pub mod study;

pub use common::{Count, Date, PendingDate, Quantity, QuantitySum};
pub use report::{Block, HeadingStyle, PLAUSIBLE_YEARS, ReportFile, Section, Unit, UnitKind};

use std::path::PathBuf;

/// One report folder, loaded: every file's typed content (topic files default to empty).
#[derive(Debug, Clone)]
pub struct Report {
    /// The report folder.
    pub dir: PathBuf,
    /// `report.toml`.
    pub report: ReportFile,
    /// `leadership.toml`.
    pub leadership: leadership::LeadershipFile,
    /// `legal_aid.toml`.
    pub legal_aid: legal_aid::LegalAidFile,
    /// `outreach.toml`.
    pub outreach: outreach::OutreachFile,
    /// `study.toml`.
    pub study: study::StudyFile,
    /// `statistics.toml`.
    pub statistics: statistics::StatisticsFile,
    /// `problems.toml`.
    pub problems: problems::ProblemsFile,
    /// `plans.toml`.
    pub plans: plans::PlansFile,
    /// `lists.toml`.
    pub lists: lists::ListsFile,
    /// Last year's report of the same unit, when found: for year-over-year comparisons.
    pub previous: Option<Box<Report>>,
}

/// A kind of data file, by which every stage names it; [`FileId::name`] is the one place its
/// file name is spelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileId {
    /// `report.toml`: the report's facts and outline (the one required file).
    Report,
    /// `leadership.toml`: the leading group and the principal leaders' duties.
    Leadership,
    /// `legal_aid.toml`: public legal service and legal-aid posts.
    LegalAid,
    /// `outreach.toml`: legal-education outreach.
    Outreach,
    /// `study.toml`: the laws studied.
    Study,
    /// `statistics.toml`: other figures.
    Statistics,
    /// `problems.toml`: shortcomings and their causes.
    Problems,
    /// `plans.toml`: next year's arrangements and last year's carried out.
    Plans,
    /// `lists.toml`: named lists (awards, rules adopted).
    Lists,
}

impl FileId {
    /// The file name, e.g. `outreach.toml`.
    pub const fn name(self) -> &'static str {
        match self {
            FileId::Report => "report.toml",
            FileId::Leadership => "leadership.toml",
            FileId::LegalAid => "legal_aid.toml",
            FileId::Outreach => "outreach.toml",
            FileId::Study => "study.toml",
            FileId::Statistics => "statistics.toml",
            FileId::Problems => "problems.toml",
            FileId::Plans => "plans.toml",
            FileId::Lists => "lists.toml",
        }
    }

    /// The kind of data file named `name`, if it is one.
    pub fn of_name(name: &str) -> Option<FileId> {
        DATA_FILES.iter().find(|f| f.name == name).map(|f| f.id)
    }
}

/// One kind of data file: its id, its name and the JSON Schema of its type.
#[derive(Debug, Clone, Copy)]
pub struct DataFile {
    /// Which file.
    pub id: FileId,
    /// The file name, e.g. `outreach.toml`.
    pub name: &'static str,
    /// The JSON Schema (draft-07) of its type.
    pub schema: fn() -> serde_json::Value,
}

impl DataFile {
    const fn new(id: FileId, schema: fn() -> serde_json::Value) -> DataFile {
        DataFile {
            id,
            name: id.name(),
            schema,
        }
    }

    /// The name without `.toml`, e.g. `outreach`.
    pub fn stem(&self) -> &'static str {
        self.name.trim_end_matches(".toml")
    }
}

/// The JSON Schema (draft-07) of a data file's type.
fn schema_of<T: schemars::JsonSchema>() -> serde_json::Value {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    serde_json::to_value(generator.into_root_schema_for::<T>()).unwrap_or_default()
}

/// Every data file a report folder may hold: `report.toml` first (the one required file), then
/// the topic files in load order. The one list that loading, `fmt`, `diff`, `init` and the
/// schemas iterate.
pub const DATA_FILES: [DataFile; 9] = [
    DataFile::new(FileId::Report, schema_of::<ReportFile>),
    DataFile::new(FileId::Leadership, schema_of::<leadership::LeadershipFile>),
    DataFile::new(FileId::LegalAid, schema_of::<legal_aid::LegalAidFile>),
    DataFile::new(FileId::Outreach, schema_of::<outreach::OutreachFile>),
    DataFile::new(FileId::Study, schema_of::<study::StudyFile>),
    DataFile::new(FileId::Statistics, schema_of::<statistics::StatisticsFile>),
    DataFile::new(FileId::Problems, schema_of::<problems::ProblemsFile>),
    DataFile::new(FileId::Plans, schema_of::<plans::PlansFile>),
    DataFile::new(FileId::Lists, schema_of::<lists::ListsFile>),
];

/// The data file a name of the data context comes from (`outreach.counts.x` → `outreach.toml`).
pub fn file_of_name(name: &str) -> &'static str {
    let id = match name {
        "leading_group" | "duties" | "first_responsible" => FileId::Leadership,
        "posts" => FileId::LegalAid,
        "outreach" => FileId::Outreach,
        "studied" => FileId::Study,
        "counts" => FileId::Statistics,
        "problems" | "causes" | "cause" => FileId::Problems,
        "plans" | "follow_ups" => FileId::Plans,
        "lists" => FileId::Lists,
        _ => FileId::Report,
    };
    id.name()
}

/// The names of every data file, `report.toml` first.
pub fn data_file_names() -> impl Iterator<Item = &'static str> {
    DATA_FILES.iter().map(|f| f.name)
}

/// The names of the topic files (every data file but `report.toml`).
pub fn topic_file_names() -> impl Iterator<Item = &'static str> {
    data_file_names().skip(1)
}
