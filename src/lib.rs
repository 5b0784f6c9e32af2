//! `report`: a year's rule-of-law-government report (法治政府建设年度报告), kept as TOML
//! data and built into the formal document.
//!
//! ```text
//!  source.rs        load.rs               validate/           render/                output.rs
//!  bytes → text  →  spanned TOML →     →  rules on meaning →  view model →        →  atomic
//!  (UTF-8, BOM,     typed model           (diagnostics)       minijinja templates     writes
//!   GB18030)        (diagnostics)                             → Markdown / HTML
//! ```
//!
//! Every stage returns its problems as [`diagnostic::Diagnostic`] values; only `cli` prints.
//! Files are read through [`files`] alone (regular files inside the tree being built), and
//! templates, including text in data, run within the bounds of [`render::limits`].

pub mod cli;
pub mod codes;
pub mod diagnostic;
pub mod discover;
pub mod files;
pub mod html_guard;
pub mod interrupt;
pub mod load;
pub mod manifest;
pub mod model;
pub mod ops;
pub mod output;
pub mod pipeline;
pub mod print;
pub mod render;
pub mod schema;
pub mod serve;
pub mod source;
pub mod suggest;
pub mod text;
pub mod validate;
