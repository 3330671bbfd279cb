//! The conformance kit: every spec's generated client against its
//! documented examples, on wiremock or a live endpoint.
//!
//! Cases are data ([`Case`]: a spec and a [`Scenario`]); running one
//! ([`run`]) serves the scenario's response, calls the generated client with
//! the scenario's values, and compares what went on the wire and what came
//! back with what the spec documents. The test target `conformance` (a
//! libtest-mimic harness) runs every case and writes the report.

#![warn(missing_docs)]

mod diff;
mod expected;
pub mod fixture;
mod live;
mod report;
mod runner;
mod scenario;

pub use diff::{curl, differences, json_differences};
pub use expected::{Expected, ExpectedPart, wire_values};
pub use live::{Live, LiveError};
pub use report::{CaseResult, Report, Verdict};
pub use runner::{Outcome, SpecEntry};
pub use scenario::{Case, Scenario, cases, run, run_live};

/// What the build script generated from the spec directory: a module of
/// client types per spec, the registry of entries, and the directory.
pub mod generated {
    include!(concat!(env!("OUT_DIR"), "/specs.rs"));
}

pub use generated::{SPEC_DIR, entries};
