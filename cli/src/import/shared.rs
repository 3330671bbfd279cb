//! What both importers need: names derived from titles, credentials told by
//! header names, enum values written as prose, example values read as their
//! param's type, and the request target of an example split into path and
//! query values.

use heck::ToSnakeCase;
use meeting_api_spec::model::{EnumValue, IntFormat, Literal, Param, ParamIn, Schema, Shape};
use meeting_api_spec::position::Position;
use serde_json::Value;

use super::Findings;

/// A schema of `shape` with nothing else said about it.
pub(crate) fn schema(shape: Shape) -> Schema {
    Schema {
        shape,
        description: None,
        secret: false,
        default: None,
        rust_name: None,
        shared: None,
        position: Position::default(),
    }
}

/// An enum value without an explicit name: the generator derives the
/// variant's name from its description.
pub(crate) fn enum_value(value: Literal, description: Option<String>) -> EnumValue {
    EnumValue {
        value,
        name: None,
        description,
        position: Position::default(),
    }
}

/// The snake_case spec name for a title or operationId ("Raising or
/// Lowering Hands" → `raising_or_lowering_hands`, "CreateConfToken" →
/// `create_conf_token`), keeping only ASCII words since the name becomes a
/// Rust identifier; `None` when no such word is left.
pub(crate) fn snake_name(text: &str) -> Option<String> {
    let snake = text.to_snake_case();
    let words: Vec<&str> = snake
        .split('_')
        .filter(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
        .collect();
    let name = words.join("_");
    match name.chars().next() {
        None => None,
        Some(first) if first.is_ascii_digit() => Some(format!("op_{name}")),
        Some(_) => Some(name),
    }
}

/// The spec name from the first of `candidates` that yields one, else from
/// the last literal segment of `path`, else `imported`.
pub(crate) fn derive_name<'a>(candidates: impl IntoIterator<Item = &'a str>, path: &'a str) -> String {
    let from_path = path.rsplit('/').find(|s| !s.is_empty() && !s.starts_with('{'));
    candidates
        .into_iter()
        .chain(from_path)
        .find_map(snake_name)
        .unwrap_or_else(|| "imported".to_owned())
}

/// The word that marks a header name as a credential, if any: such values
/// must never be printed, so the spec marks them `secret`.
pub(crate) fn credential_word(name: &str) -> Option<&'static str> {
    const WORDS: [&str; 6] = ["authorization", "token", "password", "secret", "cookie", "key"];
    let lower = name.to_ascii_lowercase();
    WORDS.into_iter().find(|word| lower.contains(word))
}

/// Marks a header param whose name denotes a credential as secret,
/// reporting it, since the source does not say so itself.
pub(crate) fn infer_secret(param: &mut Param, at: &str, findings: &mut Findings) {
    if param.location != ParamIn::Header || param.field.schema.secret {
        return;
    }
    if let Some(word) = credential_word(&param.field.name) {
        param.field.schema.secret = true;
        findings.inferred(
            at,
            format!(
                "header `{}` is marked `secret: true` because its name contains \"{word}\"",
                param.field.name
            ),
        );
    }
}

/// Sets the enum values of an integer or string shape. Values of the wrong
/// type, values an int32 cannot hold and values listed twice would make the
/// spec invalid, so each is left out and reported.
pub(crate) fn set_enum(shape: &mut Shape, values: Vec<(Literal, Option<String>)>, at: &str, findings: &mut Findings) {
    if values.is_empty() {
        return;
    }
    let integer = matches!(shape, Shape::Integer { .. });
    let int32 = matches!(
        shape,
        Shape::Integer {
            format: IntFormat::Int32,
            ..
        }
    );
    let list = match shape {
        Shape::Integer { values, .. } | Shape::String { values, .. } => values,
        other => {
            let type_name = other.type_name();
            return findings.dropped(at, format!("enum values of a {type_name} are not imported"));
        }
    };
    for (value, description) in values {
        let problem = match &value {
            Literal::Integer(_) if !integer => Some("is not a string"),
            Literal::String(_) if integer => Some("is not an integer"),
            Literal::Integer(n) if int32 && i32::try_from(*n).is_err() => Some("does not fit in an int32"),
            _ if list.iter().any(|v| v.value == value) => Some("is listed twice"),
            _ => None,
        };
        match problem {
            Some(problem) => findings.dropped(at, format!("enum value {value} {problem}; left out")),
            None => list.push(enum_value(value, description)),
        }
    }
}

/// The kind of enum values a description may list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EnumKind {
    /// `0: Lower a hand.`, bulleted or not.
    Integer,
    /// `chair: The host.`, only as a list of two or more bullets, so that a
    /// lone "Format: yyyy-MM-dd" stays prose.
    String,
}

impl EnumKind {
    /// The kind for a shape that may carry an enum.
    pub(crate) fn of(shape: &Shape) -> Option<Self> {
        match shape {
            Shape::Integer { .. } => Some(EnumKind::Integer),
            Shape::String { .. } => Some(EnumKind::String),
            _ => None,
        }
    }
}

/// A description split into its prose and the enum values it lists.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Prose {
    /// The text without the enum lines; `None` when nothing is left.
    pub description: Option<String>,
    /// The values listed as `value: meaning` lines, in order.
    pub values: Vec<(Literal, String)>,
}

/// Splits description lines into prose and enum values. Bullets that are
/// not values stay in the prose as `- item`; a short label alone on its
/// line (`NOTE:`) is joined to the line after it.
pub(crate) fn read_prose<'a>(lines: impl IntoIterator<Item = &'a str>, kind: Option<EnumKind>) -> Prose {
    let lines: Vec<&str> = lines.into_iter().map(str::trim).filter(|l| !l.is_empty()).collect();
    let bullets: Vec<&str> = lines.iter().filter_map(|l| bullet(l)).collect();
    let strings_listed = bullets.len() >= 2 && bullets.iter().all(|b| enum_item(b, EnumKind::String).is_some());
    let mut prose = Prose::default();
    let mut text: Vec<String> = Vec::new();
    for line in lines {
        let item = bullet(line);
        let value = match (kind, item) {
            (Some(EnumKind::Integer), _) => enum_item(item.unwrap_or(line), EnumKind::Integer),
            (Some(EnumKind::String), Some(item)) if strings_listed => enum_item(item, EnumKind::String),
            _ => None,
        };
        match (value, item) {
            (Some((literal, meaning)), _) => prose.values.push((literal, meaning.to_owned())),
            (None, Some(item)) => text.push(format!("- {item}")),
            (None, None) => push_line(&mut text, line),
        }
    }
    prose.description = Some(text.join("\n")).filter(|t| !t.is_empty());
    prose
}

/// Appends a prose line; the line after a short label such as `NOTE:` continues it.
fn push_line(text: &mut Vec<String>, line: &str) {
    match text.last_mut() {
        Some(last) if last.ends_with(':') && last.len() <= "Important:".len() => {
            last.push(' ');
            last.push_str(line);
        }
        _ => text.push(line.to_owned()),
    }
}

/// The text of a bulleted line, without its bullet.
fn bullet(line: &str) -> Option<&str> {
    let line = line.trim_start();
    let rest = ['•', '●', '▪', '·', '◦']
        .iter()
        .find_map(|b| line.strip_prefix(*b))
        .or_else(|| ["- ", "* "].iter().find_map(|b| line.strip_prefix(*b)))?;
    Some(rest.trim()).filter(|r| !r.is_empty())
}

/// `value: meaning` as an enum value of `kind`.
fn enum_item(text: &str, kind: EnumKind) -> Option<(Literal, &str)> {
    let (value, meaning) = text.split_once([':', '：'])?;
    let (value, meaning) = (value.trim(), meaning.trim());
    if meaning.is_empty() {
        return None;
    }
    let literal = match kind {
        EnumKind::Integer => Literal::Integer(value.parse().ok()?),
        // A value is one token; "Value range: 1 to 9" is prose.
        EnumKind::String if !value.is_empty() && value.len() <= 64 && !value.contains(char::is_whitespace) => {
            Literal::String(value.to_owned())
        }
        EnumKind::String => return None,
    };
    Some((literal, meaning))
}

/// An example value of a path, query or header param as its type: such
/// values travel as text, so `"1"` is the integer 1 for an integer param.
pub(crate) fn wire_value(schema: &Schema, text: &str) -> Value {
    meeting_api_spec::from_wire_text(&schema.shape, text).unwrap_or_else(|| Value::from(text))
}

/// The values of the `{name}` placeholders of `template` in `path`,
/// decoded, or `None` when the literal parts differ; matched as the mock
/// server matches requests.
pub(crate) fn path_values(template: &str, path: &str) -> Option<Vec<(String, String)>> {
    let template = crate::mock::route::Template::new(template);
    let captures = template.matches(path)?;
    let decode = |raw: &str| {
        percent_encoding::percent_decode_str(raw)
            .decode_utf8_lossy()
            .into_owned()
    };
    Some(
        captures
            .into_iter()
            .map(|c| (c.name.to_owned(), decode(&path[c.range])))
            .collect(),
    )
}

/// The name=value pairs of a query string, decoded.
pub(crate) fn query_pairs(query: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(query.as_bytes()).into_owned().collect()
}

/// A request target (`/path?query`, or a whole URL) split into its server
/// (`https://host`, when given), path and query.
pub(crate) struct Target<'a> {
    /// Scheme and host, for an absolute URL.
    pub server: Option<String>,
    /// The path, from `/`.
    pub path: &'a str,
    /// The query string, without `?`.
    pub query: &'a str,
}

impl<'a> Target<'a> {
    /// Splits `target`.
    pub(crate) fn parse(target: &'a str) -> Self {
        let (server, rest) = match target.split_once("://") {
            Some((scheme, after)) if !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphabetic()) => {
                let host_end = after.find(['/', '?']).unwrap_or(after.len());
                let server = format!("{}://{}", scheme.to_ascii_lowercase(), &after[..host_end]);
                (Some(server), &after[host_end..])
            }
            _ => (None, target),
        };
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        Target { server, path, query }
    }
}

/// A mapping key as text: YAML reads `200:` as a number, JSON as text.
pub(crate) fn key_text(key: &serde_yaml::Value) -> String {
    match key {
        serde_yaml::Value::String(s) => s.clone(),
        serde_yaml::Value::Number(n) => n.to_string(),
        serde_yaml::Value::Bool(b) => b.to_string(),
        other => show(other),
    }
}

/// A short rendering of a JSON value for messages; long text is cut.
pub(crate) fn show(value: &serde_yaml::Value) -> String {
    use serde_yaml::Value as Y;
    match value {
        Y::Null => "null".to_owned(),
        Y::Bool(b) => format!("`{b}`"),
        Y::Number(n) => format!("`{n}`"),
        Y::String(s) => format!("{:?}", shorten(s)),
        Y::Sequence(items) => format!("a list of {}", items.len()),
        Y::Mapping(map) => format!(
            "an object with {} key{}",
            map.len(),
            if map.len() == 1 { "" } else { "s" }
        ),
        Y::Tagged(tagged) => show(&tagged.value),
    }
}

/// `text` cut to 60 characters.
pub(crate) fn shorten(text: &str) -> String {
    let mut chars = text.chars();
    let short: String = chars.by_ref().take(60).collect();
    if chars.next().is_some() {
        format!("{short}…")
    } else {
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_titles_and_operation_ids() {
        assert_eq!(
            snake_name("Raising or Lowering Hands").as_deref(),
            Some("raising_or_lowering_hands")
        );
        assert_eq!(snake_name("CreateConfToken").as_deref(), Some("create_conf_token"));
        assert_eq!(snake_name("举手 Hands").as_deref(), Some("hands"));
        assert_eq!(snake_name("2FA setup").as_deref(), Some("op_2fa_setup"));
        assert_eq!(snake_name("举手"), None);
        assert_eq!(derive_name(["举手"], "/v1/{id}/hands/{x}"), "hands");
        assert_eq!(derive_name(["举手"], "/"), "imported");
    }

    #[test]
    fn integer_lists_become_enum_values() {
        let prose = read_prose(
            ["  • 0: Lower a hand.", "  • 1: Raise a hand."],
            Some(EnumKind::Integer),
        );
        assert_eq!(prose.description, None);
        assert_eq!(
            prose.values,
            vec![
                (Literal::Integer(0), "Lower a hand.".to_owned()),
                (Literal::Integer(1), "Raise a hand.".to_owned())
            ]
        );
    }

    #[test]
    fn string_values_need_a_list_and_other_lines_stay_prose() {
        let lone = read_prose(["Start time.", "• Format: yyyy-MM-dd HH:mm"], Some(EnumKind::String));
        assert_eq!(lone.values, vec![]);
        assert_eq!(
            lone.description.as_deref(),
            Some("Start time.\n- Format: yyyy-MM-dd HH:mm")
        );
        let listed = read_prose(
            ["Role.", "• chair: The host.", "• general: A guest."],
            Some(EnumKind::String),
        );
        assert_eq!(listed.values.len(), 2);
        assert_eq!(listed.description.as_deref(), Some("Role."));
        let note = read_prose(["Meeting ID.", "NOTE:", "Not the VMR ID."], None);
        assert_eq!(note.description.as_deref(), Some("Meeting ID.\nNOTE: Not the VMR ID."));
    }

    #[test]
    fn targets_and_templates_split() {
        let target = Target::parse("https://api.example.com/v1/a/7?x=1%202&y=");
        assert_eq!(target.server.as_deref(), Some("https://api.example.com"));
        assert_eq!((target.path, target.query), ("/v1/a/7", "x=1%202&y="));
        assert_eq!(
            query_pairs(target.query),
            vec![("x".into(), "1 2".into()), ("y".into(), String::new())]
        );
        assert_eq!(
            path_values("/v1/a/{id}", "/v1/a/7"),
            Some(vec![("id".into(), "7".into())])
        );
        assert_eq!(path_values("/v1/a/{id}", "/v1/b/7"), None);
        assert_eq!(
            path_values("/v1/f/{base}.{ext}", "/v1/f/a%20b.pdf"),
            Some(vec![("base".into(), "a b".into()), ("ext".into(), "pdf".into())])
        );
    }

    #[test]
    fn credentials_are_told_by_name() {
        assert_eq!(credential_word("X-Conference-Authorization"), Some("authorization"));
        assert_eq!(credential_word("X-Password"), Some("password"));
        assert_eq!(credential_word("X-Login-Type"), None);
    }
}
