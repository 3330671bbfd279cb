//! The state a generated request builder starts in.

/// A required param that a request builder has not been given yet.
///
/// A builder such as `HandsRequestBuilder<S0, S1, …>` has one type
/// parameter per required param: `Unset` until that param's setter is
/// called, then the value's type. The setter exists only while its param is
/// `Unset`, and `build()` only once no param is, so that a request missing
/// a required param, or given one twice, does not compile.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Unset;
