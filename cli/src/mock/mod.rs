//! `meeting-api mock`: (being written).

use std::net::SocketAddr;
use std::path::PathBuf;

use meeting_api_spec::Spec;

/// How to serve.
#[derive(Debug)]
pub struct Options {
    /// Where to listen.
    pub addr: SocketAddr,
    /// Serve HTTPS with a certificate made up at start.
    pub tls_self_signed: bool,
    /// Where to write that certificate.
    pub cert_out: Option<PathBuf>,
}

/// Why the server stopped.
#[derive(Debug, thiserror::Error)]
pub enum MockError {
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// What the system said.
        source: std::io::Error,
    },
}

/// Serves `specs` until interrupted.
pub fn run(specs: Vec<Spec>, options: Options) -> Result<(), MockError> {
    let _ = (specs, options);
    unimplemented!()
}
