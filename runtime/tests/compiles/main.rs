//! Valid specs, however awkward their wire names, generate code that
//! compiles and whose names can be used from user code. One module per
//! spec, each with the spec beside it.
//!
//! These were trybuild pass cases; as an ordinary test target they are
//! compiled once with the rest of the workspace, so that trybuild only
//! checks the compile-fail cases (`cargo check`, in one batch).

mod all_types;
mod clashing_names;
mod colliding_names;
mod get_by_id;
mod multipart;
mod named_params;
mod project_hands;
mod shapes;
mod unknown_values;
mod whole_bodies;
