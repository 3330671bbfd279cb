//! The `meeting-api` command, as a library so that its parts can be tested
//! without a process: spec discovery, diagnostics rendering, the validating
//! mock server, the OpenAPI exporter and the documentation importers.
//!
//! Every part reads specs with `meeting-api-spec` and generates code with
//! `meeting-api-codegen`: there is no second parser and no second generator.

#![warn(missing_docs)]

pub mod args;
pub mod check;
pub mod files;
pub mod generate;
pub mod import;
pub mod mock;
pub mod openapi;
