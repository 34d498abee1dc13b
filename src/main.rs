//! The `spanmark` binary: a window with no subcommand, headless otherwise.

use std::process::ExitCode;

use clap::Parser as _;
use spanmark::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    match &args.command {
        Some(command) => {
            let stdout = std::io::stdout();
            match cli::run(command, &mut stdout.lock()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    eprintln!("error: {}", cli::error_line(&err));
                    ExitCode::FAILURE
                }
            }
        }
        None => open_window(args.path),
    }
}

#[cfg(feature = "gui")]
fn open_window(path: Option<std::path::PathBuf>) -> ExitCode {
    match spanmark::app::run_native(path) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {}", cli::error_line(&err));
            ExitCode::FAILURE
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_window(_path: Option<std::path::PathBuf>) -> ExitCode {
    eprintln!(
        "error: this spanmark was built without the window (feature `gui`); use a subcommand, see --help"
    );
    ExitCode::FAILURE
}
