//! The command line, as clap reads it.

use std::net::SocketAddr;
use std::path::PathBuf;

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
        /// The spec file.
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
    /// service's error body. It logs one line per request to stderr.
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
