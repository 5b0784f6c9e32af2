//! What the commands do, apart from the command line: each module is the work of one command
//! (or of `check --fix`), callable from Rust and tested here; `cli` parses arguments, calls
//! these and prints.

pub mod diff;
pub mod fix;
pub mod fmt;
pub mod import;
pub mod init;
pub mod problems;
pub mod summary;
