//! `report schema`: the JSON Schemas of the data files.

use std::path::PathBuf;

use super::{CliResult, Status, Ui};
use crate::schema;

/// Arguments of `report schema`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write one `NAME.schema.json` per data file into this folder (otherwise print them all,
    /// as one JSON object keyed by file name).
    #[arg(long)]
    out: Option<PathBuf>,
}

/// Runs `report schema`.
pub fn run(args: Args, ui: &Ui) -> CliResult {
    let schemas = schema::schemas()
        .into_iter()
        .map(|(name, s)| (name, schema::in_lang(s, ui.lang)));
    let Some(out) = args.out else {
        let all: serde_json::Map<String, serde_json::Value> = schemas
            .into_iter()
            .map(|(name, s)| (schema::file_name(name), s))
            .collect();
        let text = schema::to_file_text(&serde_json::Value::Object(all));
        return super::print_out(text.as_bytes()).map(|()| Status::Success);
    };
    for (name, s) in schemas {
        let path = out.join(schema::file_name(name));
        ui.write(&path, schema::to_file_text(&s).as_bytes())?;
    }
    Ok(Status::Success)
}
