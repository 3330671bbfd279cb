//! The command line, as clap reads it.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Parser, Subcommand};

/// Endpoint specs outside Rust code: check them, print the code the
/// `#[meeting_api]` attribute generates, serve a validating mock, export
/// OpenAPI, and import specs from documentation.
#[derive(Debug, Parser)]
#[command(name = "meeting-api", version, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate specs and print every problem with its source line.
    ///
    /// Exits with status 1 if any spec has a problem.
    Check {
        /// Spec files, or directories whose *.yaml and *.yml files are specs.
        #[arg(required = true, value_name = "FILE|DIR")]
        paths: Vec<PathBuf>,
    },
    /// Print the Rust code that `#[meeting_api(spec = "...")]` generates.
    ///
    /// The output is the attribute's expansion for the spec, formatted with
    /// prettyplease: the items that the attribute puts in its module, as if
    /// the spec were named relative to the current directory.
    Generate {
        /// The spec file, or a directory of specs (a catalog: a module per
        /// spec and one of their shared shapes).
        #[arg(value_name = "SPEC")]
        spec: PathBuf,
        /// Print the expansion's tokens exactly as the compiler receives
        /// them, unformatted. (The formatter may add braces and commas.)
        #[arg(long)]
        tokens: bool,
    },
    /// Serve a mock of every given spec that validates each request.
    ///
    /// It answers a request that matches a documented example with that
    /// example's response, any other valid request with a 2xx of the
    /// documented shape, and invalid ones with 400, 401, 404 or 405 and the
    /// service's error body. Logins and the meeting control token answer
    /// with fresh tokens. It logs one line per request to stderr.
    Mock {
        /// Spec files, or directories whose *.yaml and *.yml files are specs.
        #[arg(required = true, value_name = "FILE|DIR")]
        paths: Vec<PathBuf>,
        /// The address to listen on; port 0 picks a free port.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
        /// Serve HTTPS with a certificate made up at start for localhost,
        /// 127.0.0.1 and ::1 (clients must skip verification or trust it).
        #[arg(long)]
        tls_self_signed: bool,
        /// With --tls-self-signed: also write the certificate, as PEM, here.
        #[arg(long, value_name = "FILE", requires = "tls_self_signed")]
        cert_out: Option<PathBuf>,
        /// The most connections served at once; beyond it, clients wait
        /// in the system's listen queue until one closes.
        #[arg(long, value_name = "N", default_value_t = 512, value_parser = clap::value_parser!(u32).range(1..))]
        max_connections: u32,
        /// How long a client may take over a TLS handshake or a request's
        /// headers, an idle kept-alive connection included (`500ms`, `10s`,
        /// `2m`; a bare number is seconds).
        #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = duration)]
        header_timeout: Duration,
        /// How long a client may take over a request's whole body, after its
        /// headers; then the answer is 408 and the connection closes.
        #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = duration)]
        body_timeout: Duration,
        /// Refuse with 401, and the service's error body, a request whose
        /// operation declares `X-Access-Token` or `X-Conference-Authorization`
        /// unless it holds a live token this mock minted (a control token
        /// of the request's `conferenceID`).
        #[arg(long)]
        strict_auth: bool,
        /// How long an access token minted by a login lives (`720m` is
        /// 12 h, as the SDKs keep it; `1s` to test expiry).
        #[arg(long, value_name = "DURATION", default_value = "720m", value_parser = duration)]
        token_lifetime: Duration,
        /// How long a meeting control token lives (30 min, as documented).
        #[arg(long, value_name = "DURATION", default_value = "30m", value_parser = duration)]
        control_token_lifetime: Duration,
    },
    /// Export an OpenAPI 3.1 document with one operation per spec.
    Openapi {
        /// Spec files, or directories whose *.yaml and *.yml files are specs.
        #[arg(required = true, value_name = "FILE|DIR")]
        paths: Vec<PathBuf>,
        /// Write the document here instead of to stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Write a spec from a documentation page or an API Explorer definition.
    ///
    /// Reads a page laid out like the Huawei Cloud Meeting API reference
    /// (Prototype, Request Parameters, Status Codes, Example Request, Example
    /// Response), or a Swagger 2.0 JSON definition from API Explorer. Anything
    /// it cannot map is reported on stderr.
    ///
    /// See cli/docs/import.md for what maps where.
    Import {
        /// The documentation page (text) or Swagger 2.0 JSON file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Write the spec here instead of to stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// The Swagger operation to import, by operationId or as "METHOD /path";
        /// needed when the file holds several.
        #[arg(long, value_name = "OPERATION_ID")]
        operation: Option<String>,
    },
}

/// Why a duration flag was refused.
#[derive(Debug, thiserror::Error)]
pub enum DurationError {
    /// Not a number with an optional unit.
    #[error("`{0}` is not a duration such as 500ms, 10s or 2m")]
    Malformed(String),
    /// Zero, or too long to mean anything.
    #[error("`{0}` is out of range: give between 1ms and 24h")]
    OutOfRange(String),
}

/// A duration flag: a number with a unit of `ms`, `s` or `m`, or a bare
/// number of seconds.
pub fn duration(text: &str) -> Result<Duration, DurationError> {
    let (number, unit) = match text.find(|c: char| !c.is_ascii_digit() && c != '.') {
        Some(at) => text.split_at(at),
        None => (text, "s"),
    };
    let seconds_per_unit = match unit {
        "ms" => 0.001,
        "s" => 1.0,
        "m" => 60.0,
        _ => return Err(DurationError::Malformed(text.to_owned())),
    };
    let number: f64 = number.parse().map_err(|_| DurationError::Malformed(text.to_owned()))?;
    let seconds = number * seconds_per_unit;
    if !(0.001..=86_400.0).contains(&seconds) {
        return Err(DurationError::OutOfRange(text.to_owned()));
    }
    Ok(Duration::from_secs_f64(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_take_a_unit_or_mean_seconds() {
        assert_eq!(duration("500ms").unwrap(), Duration::from_millis(500));
        assert_eq!(duration("10s").unwrap(), Duration::from_secs(10));
        assert_eq!(duration("2m").unwrap(), Duration::from_secs(120));
        assert_eq!(duration("1.5").unwrap(), Duration::from_millis(1500));
        for bad in ["", "s", "10h", "-1s", "1e3", "1..2s"] {
            assert!(matches!(duration(bad), Err(DurationError::Malformed(_))), "{bad}");
        }
        for out in ["0", "0ms", "25h", "1000000m"] {
            assert!(duration(out).is_err(), "{out}");
        }
    }

    #[test]
    fn the_mock_flags_default_to_the_servers_own_limits() {
        let cli = Cli::try_parse_from(["meeting-api", "mock", "spec.yaml"]).expect("parses");
        let Command::Mock {
            max_connections,
            header_timeout,
            body_timeout,
            strict_auth,
            token_lifetime,
            control_token_lifetime,
            ..
        } = cli.command
        else {
            panic!("a mock command");
        };
        let defaults = crate::mock::Limits::default();
        assert_eq!(max_connections as usize, defaults.max_connections);
        assert_eq!(header_timeout, defaults.header_timeout);
        assert_eq!(body_timeout, defaults.body_timeout);
        let auth = crate::mock::auth::AuthOptions::default();
        assert_eq!(strict_auth, auth.strict);
        assert_eq!(token_lifetime, auth.access_lifetime);
        assert_eq!(control_token_lifetime, auth.control_lifetime);
    }
}
