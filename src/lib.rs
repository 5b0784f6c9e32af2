//! `report`: a year's rule-of-law-government report (法治政府建设年度报告), kept as TOML
//! data and built into the formal document.
//!
//! ```text
//!  files.rs, source.rs   load/                validate/           render/               output.rs
//!  bytes → text       →  spanned TOML →    →  rules on meaning →  view model →       →  atomic
//!  (UTF-8, BOM,          typed model          (diagnostics)       templates → Markdown,   writes
//!   GB18030)             (diagnostics)                            HTML, DOCX; print.rs PDF
//! ```
//!
//! [`pipeline`] drives one folder through the stages; [`ops`] holds what each command does
//! beyond that (import, init, fmt, diff, summary, fixes), [`serve`] the live preview, and
//! [`cli`] only parses arguments, prints and sets the exit code. Below every stage: [`codes`]
//! and [`diagnostic`] (problems as values), [`model`] (the file format), [`text`] (characters,
//! numerals and shapes of text that checking and rendering both read). Files are read through
//! [`files`] alone (regular files inside the tree being built), and templates, including text
//! in data, run within the bounds of [`render::limits`].

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
