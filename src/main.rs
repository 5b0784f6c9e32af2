//! The `report` command: parse arguments, run, exit with the code the run decided.

use std::process::ExitCode;

// A batch allocates many small strings and values; mimalloc is markedly faster at that than
// the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    report::cli::main()
}
