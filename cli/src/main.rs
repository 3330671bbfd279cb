//! The `meeting-api` command; see `meeting-api --help`.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;
use meeting_api_cli::args::{Cli, Command};
use meeting_api_cli::{check, files, generate, import, mock, openapi};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Runs one subcommand; an `Err` is printed as the command's error.
fn run(command: Command) -> Result<ExitCode, String> {
    match command {
        Command::Check { paths } => {
            let checked = check::check(&paths, std::io::stderr().is_terminal()).map_err(|e| e.to_string())?;
            if checked.invalid_files == 0 {
                println!("{}", checked.summary());
                return Ok(ExitCode::SUCCESS);
            }
            eprint!("{}", checked.report);
            eprintln!("{}", checked.summary());
            Ok(ExitCode::FAILURE)
        }
        Command::Generate { spec } => {
            // An invalid spec gets check's rendering rather than the
            // compiler's one-line messages.
            if let files::Loaded {
                source,
                spec: Err(error),
                ..
            } = files::load(&spec).map_err(|e| e.to_string())?
            {
                return Err(check::render(&error, &source));
            }
            let source = generate::source(&spec).map_err(|e| e.to_string())?;
            print!("{source}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Mock {
            paths,
            addr,
            tls_self_signed,
            cert_out,
        } => {
            let specs = files::load_valid(&paths).map_err(|e| e.to_string())?;
            let options = mock::Options {
                addr,
                tls_self_signed,
                cert_out,
            };
            mock::run(specs, options).map_err(|e| e.to_string())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Openapi { paths, output } => {
            let specs = files::load_valid(&paths).map_err(|e| e.to_string())?;
            let document = openapi::to_yaml(&specs).map_err(|e| e.to_string())?;
            write_output(output.as_deref(), &document)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Import { file, output } => {
            let imported = import::import_file(&file).map_err(|e| e.to_string())?;
            for unmapped in &imported.unmapped {
                eprintln!("warning: {unmapped}");
            }
            write_output(output.as_deref(), &imported.yaml)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Writes `text` to `output`, or to stdout when there is none.
fn write_output(output: Option<&Path>, text: &str) -> Result<(), String> {
    match output {
        Some(path) => std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display())),
        None => std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(|e| format!("cannot write to stdout: {e}")),
    }
}
