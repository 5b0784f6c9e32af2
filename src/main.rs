//! The `report` command: parse arguments, run, exit with the code the run decided.

use std::process::ExitCode;

fn main() -> ExitCode {
    report::cli::main()
}
