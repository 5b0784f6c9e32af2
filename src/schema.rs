//! JSON Schemas (draft-07) for the data files, generated from the model.
//!
//! One schema per kind of data file, `NAME.schema.json` for `NAME.toml`: field doc comments
//! (which start with the Chinese label) become descriptions, unknown keys are rejected. Editors
//! (VS Code Even Better TOML, taplo) read them through the `#:schema` line each data file
//! starts with.

use schemars::JsonSchema;
use schemars::generate::SchemaSettings;

use crate::model;

fn schema_of<T: JsonSchema>() -> serde_json::Value {
    let generator = SchemaSettings::draft07().into_generator();
    serde_json::to_value(generator.into_root_schema_for::<T>()).unwrap_or_default()
}

/// Every data file's schema: (file name without `.toml`, schema).
pub fn schemas() -> Vec<(&'static str, serde_json::Value)> {
    vec![
        ("report", schema_of::<model::ReportFile>()),
        (
            "leadership",
            schema_of::<model::leadership::LeadershipFile>(),
        ),
        ("legal_aid", schema_of::<model::legal_aid::LegalAidFile>()),
        ("outreach", schema_of::<model::outreach::OutreachFile>()),
        ("study", schema_of::<model::study::StudyFile>()),
        (
            "statistics",
            schema_of::<model::statistics::StatisticsFile>(),
        ),
        ("problems", schema_of::<model::problems::ProblemsFile>()),
        ("plans", schema_of::<model::plans::PlansFile>()),
    ]
}

/// The schema of the data file named `file` (`outreach.toml`), if it is one.
pub fn schema_for_file(file: &str) -> Option<serde_json::Value> {
    let stem = file.strip_suffix(".toml")?;
    schemas()
        .into_iter()
        .find(|(n, _)| *n == stem)
        .map(|(_, s)| s)
}

/// A schema as the bytes of its file: pretty JSON with a final newline.
pub fn to_file_text(schema: &serde_json::Value) -> String {
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}

/// The file name of a data file's schema: `report.schema.json` for `report`.
pub fn file_name(stem: &str) -> String {
    format!("{stem}.schema.json")
}
