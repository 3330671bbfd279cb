//! Error enums that the operations of a catalog share. Operations that
//! document the same error statuses, with the same meanings and bodies,
//! get one enum in the [`ERRORS_MODULE`](crate::plan::ERRORS_MODULE), and each names it by an alias:
//! the whole Meeting API then compiles one error type, not 201, with one
//! `Display`, `Error` and `From<Failure>` impl.

use crate::docs;
use crate::names::Namespace;
use crate::plan::{ErrorHome, ErrorPlan, StatusVariant, Ty};

/// Points every error that another one matches at a shared enum, and
/// returns those enums, in order of first use. An error whose body is a
/// type of its operation's own module stays there.
pub fn share<'a>(errors: impl IntoIterator<Item = &'a mut ErrorPlan>) -> Vec<ErrorPlan> {
    let mut groups: Vec<(Vec<StatusVariant>, Vec<&'a mut ErrorPlan>)> = Vec::new();
    for error in errors.into_iter().filter(|error| is_shareable(error)) {
        match groups.iter_mut().find(|(statuses, _)| *statuses == error.statuses) {
            Some((_, members)) => members.push(error),
            None => groups.push((error.statuses.clone(), vec![error])),
        }
    }
    let mut names = Namespace::for_types();
    groups
        .into_iter()
        .filter(|(_, members)| members.len() > 1)
        .map(|(statuses, members)| {
            let name = names.claim(&shared_name(&statuses), &[]);
            for member in members {
                member.docs = docs::error_alias(&member.docs, &name);
                member.home = ErrorHome::Shared(name.clone());
            }
            ErrorPlan {
                docs: docs::shared_error(&statuses),
                name,
                statuses,
                home: ErrorHome::Own,
            }
        })
        .collect()
}

/// Named by its statuses, so that the name stays when operations come
/// and go: `Error400_401_403_500`.
fn shared_name(statuses: &[StatusVariant]) -> String {
    match statuses.is_empty() {
        true => "ErrorUndocumented".to_owned(),
        false => {
            let codes: Vec<String> = statuses.iter().map(|s| s.status.to_string()).collect();
            format!("Error{}", codes.join("_"))
        }
    }
}

/// Whether every body the error carries can be named from the
/// errors module: not a type of the operation's own module.
fn is_shareable(error: &ErrorPlan) -> bool {
    error
        .statuses
        .iter()
        .all(|status| status.body.as_ref().is_none_or(names_no_local_type))
}

fn names_no_local_type(ty: &Ty) -> bool {
    match ty {
        Ty::Named(_) => false,
        Ty::Vec(inner) | Ty::Map(inner) | Ty::Secret(inner) => names_no_local_type(inner),
        _ => true,
    }
}
