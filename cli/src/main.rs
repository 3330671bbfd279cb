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
        // Rendered diagnostics carry their own `error:` headings.
        Err(Failure::Specs(invalid)) => {
            eprint!("{}", invalid.render(std::io::stderr().is_terminal()));
            ExitCode::FAILURE
        }
        // One heading per message, as the compiler prints them.
        Err(Failure::Generate(generate::GenerateError::Spec(messages))) => {
            for message in messages {
                eprintln!("error: {message}");
            }
            ExitCode::FAILURE
        }
        Err(failure) => {
            eprintln!("error: {failure}");
            ExitCode::FAILURE
        }
    }
}

/// Why a subcommand failed.
#[derive(Debug, thiserror::Error)]
enum Failure {
    #[error(transparent)]
    Files(#[from] files::FilesError),
    /// Invalid specs, each problem drawn under its source line.
    #[error(transparent)]
    Specs(files::InvalidSpecs),
    #[error(transparent)]
    Generate(#[from] generate::GenerateError),
    #[error(transparent)]
    Mock(#[from] mock::MockError),
    #[error(transparent)]
    OpenApi(#[from] openapi::OpenApiError),
    #[error(transparent)]
    Import(#[from] import::ImportError),
    #[error("cannot write {target}: {source}")]
    Write { target: String, source: std::io::Error },
}

impl From<files::LoadFailure> for Failure {
    fn from(failure: files::LoadFailure) -> Self {
        match failure {
            files::LoadFailure::Files(error) => Self::Files(error),
            files::LoadFailure::Invalid(invalid) => Self::Specs(invalid),
        }
    }
}

/// Runs one subcommand.
fn run(command: Command) -> Result<ExitCode, Failure> {
    match command {
        Command::Check { paths } => {
            let checked = check::check(&paths)?;
            if checked.invalid.is_empty() {
                write_output(None, &format!("{}\n", checked.summary()))?;
                return Ok(ExitCode::SUCCESS);
            }
            eprint!("{}", checked.report(std::io::stderr().is_terminal()));
            eprintln!("{}", checked.summary());
            Ok(ExitCode::FAILURE)
        }
        Command::Generate { spec, tokens } => {
            // An invalid spec, or one whose names clash, gets check's
            // rendering rather than the compiler's one-line messages.
            files::load_valid(std::slice::from_ref(&spec))?;
            if tokens {
                write_output(None, &format!("{}\n", generate::items(&spec)?))?;
            } else {
                write_output(None, &generate::source(&spec)?)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Mock {
            paths,
            addr,
            tls_self_signed,
            cert_out,
            max_connections,
            header_timeout,
            body_timeout,
            strict_auth,
            token_lifetime,
            control_token_lifetime,
        } => {
            let specs = files::load_valid(&paths)?;
            let options = mock::Options {
                addr,
                tls_self_signed,
                cert_out,
                limits: mock::Limits {
                    max_connections: max_connections as usize,
                    header_timeout,
                    body_timeout,
                },
                auth: mock::auth::AuthOptions {
                    strict: strict_auth,
                    access_lifetime: token_lifetime,
                    control_lifetime: control_token_lifetime,
                    ..mock::auth::AuthOptions::default()
                },
            };
            mock::run(specs, options)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Openapi { paths, output } => {
            let specs = files::load_valid(&paths)?;
            let document = openapi::to_yaml(&specs)?;
            write_output(output.as_deref(), &document)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Import {
            file,
            output,
            operation,
        } => {
            let options = import::Options { operation };
            let warn = |unmapped: &[import::Unmapped]| {
                for unmapped in unmapped {
                    eprintln!("warning: {unmapped}");
                }
            };
            // The findings made before a failure often explain it.
            let imported = import::import_file_with(&file, &options).map_err(|failure| {
                warn(&failure.unmapped);
                failure.error
            })?;
            warn(&imported.unmapped);
            write_output(output.as_deref(), &imported.yaml)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Writes `text` to `output`, or to stdout when there is none. A reader
/// that stops reading (`meeting-api generate catalog | head`) is no error.
fn write_output(output: Option<&Path>, text: &str) -> Result<(), Failure> {
    let written = match output {
        Some(path) => std::fs::write(path, text),
        None => match std::io::stdout().write_all(text.as_bytes()) {
            Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => other,
        },
    };
    written.map_err(|source| Failure::Write {
        target: output.map_or_else(|| "to stdout".to_owned(), |p| p.display().to_string()),
        source,
    })
}
