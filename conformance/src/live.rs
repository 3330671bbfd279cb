//! Live mode: the example cases against a real server. The documented
//! values are fake, so the user supplies real ones; calls that change state
//! run only when the user opts in.
//!
//! - `MEETING_API_BASE_URL`: the server; setting it turns live mode on.
//! - `MEETING_API_LIVE_VALUES`: a YAML file of values by wire name; a key
//!   whose value is a mapping holds the values of the spec of that name.
//! - `MEETING_API_VALUE_<NAME>`: one value, overriding the file; `<NAME>` is
//!   the wire name in capitals with `-` as `_`
//!   (`MEETING_API_VALUE_X_CONFERENCE_AUTHORIZATION`).
//! - `MEETING_API_LIVE_WRITES=1`: also run the examples whose method is not GET.

use std::collections::BTreeMap;
use std::path::PathBuf;

use meeting_api_spec::{ExampleRequest, Param, ParamIn, Shape, Spec};
use serde_json::Value;

/// Where live mode sends requests and with what values.
#[derive(Clone, Debug)]
pub struct Live {
    /// The server.
    pub base_url: String,
    /// Values for every spec, by wire name.
    shared: BTreeMap<String, Value>,
    /// Values for one spec, by spec name, then wire name.
    per_spec: BTreeMap<String, BTreeMap<String, Value>>,
    /// Whether calls that change state may run.
    pub writes: bool,
}

/// Why live mode cannot start.
#[derive(Debug, thiserror::Error)]
pub enum LiveError {
    /// The values file cannot be read.
    #[error("cannot read MEETING_API_LIVE_VALUES file {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The values file is not a YAML mapping of values.
    #[error("MEETING_API_LIVE_VALUES file {} is not a mapping of wire names to values: {source}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// What serde_yaml said.
        source: serde_yaml::Error,
    },
}

impl Live {
    /// Live mode as the environment sets it, or `None` without `MEETING_API_BASE_URL`.
    pub fn from_env() -> Result<Option<Self>, LiveError> {
        let Some(base_url) = std::env::var("MEETING_API_BASE_URL").ok().filter(|u| !u.is_empty()) else {
            return Ok(None);
        };
        let mut live = Self {
            base_url,
            shared: BTreeMap::new(),
            per_spec: BTreeMap::new(),
            writes: false,
        };
        if let Some(path) = std::env::var_os("MEETING_API_LIVE_VALUES").map(PathBuf::from) {
            live.read_file(path)?;
        }
        for (key, value) in std::env::vars() {
            if let Some(name) = key.strip_prefix("MEETING_API_VALUE_") {
                live.shared.insert(format!("env:{name}"), Value::String(value));
            }
        }
        live.writes = std::env::var("MEETING_API_LIVE_WRITES").is_ok_and(|v| v == "1" || v == "true");
        Ok(Some(live))
    }

    fn read_file(&mut self, path: PathBuf) -> Result<(), LiveError> {
        let text = std::fs::read_to_string(&path).map_err(|source| LiveError::Read {
            path: path.clone(),
            source,
        })?;
        let values: BTreeMap<String, serde_yaml::Value> =
            serde_yaml::from_str(&text).map_err(|source| LiveError::Parse {
                path: path.clone(),
                source,
            })?;
        for (key, value) in values {
            let json = |v: serde_yaml::Value| serde_yaml::from_value::<Value>(v).unwrap_or(Value::Null);
            match value {
                serde_yaml::Value::Mapping(map) => {
                    let spec = self.per_spec.entry(key).or_default();
                    for (name, value) in map {
                        if let Some(name) = name.as_str() {
                            spec.insert(name.to_owned(), json(value));
                        }
                    }
                }
                other => {
                    self.shared.insert(key, json(other));
                }
            }
        }
        Ok(())
    }

    /// The value the user gave for `param` of `spec`: an environment
    /// variable, else the spec's section of the file, else the file's top level.
    fn value_for(&self, spec: &Spec, param: &Param) -> Option<Value> {
        let name = &param.field.name;
        let env_key = format!("env:{}", name.to_ascii_uppercase().replace('-', "_"));
        self.shared
            .get(&env_key)
            .or_else(|| self.per_spec.get(&spec.name).and_then(|values| values.get(name)))
            .or_else(|| self.shared.get(name))
            .map(|value| typed(value, &param.field.schema.shape))
    }

    /// The example's values with the user's in their place.
    pub fn values(&self, spec: &Spec, documented: &ExampleRequest) -> ExampleRequest {
        let mut values = documented.clone();
        for param in &spec.params {
            let Some(value) = self.value_for(spec, param) else {
                continue;
            };
            let name = param.field.name.clone();
            let slot = match param.location {
                ParamIn::Path => &mut values.path,
                ParamIn::Query => &mut values.query,
                ParamIn::Header => &mut values.headers,
                ParamIn::Form => &mut values.form,
                ParamIn::Body if param.whole_body => {
                    values.body = Some(value);
                    continue;
                }
                ParamIn::Body => {
                    if let Some(Value::Object(body)) = &mut values.body {
                        body.insert(name, value);
                    }
                    continue;
                }
            };
            slot.retain(|(n, _)| !param.location.same_name(&param.field.name, n));
            slot.push((name, value));
        }
        values
    }
}

/// A value from the environment (always text) as its param's JSON type.
fn typed(value: &Value, shape: &Shape) -> Value {
    match value {
        Value::String(text) => meeting_api_spec::from_wire_text(shape, text).unwrap_or_else(|| value.clone()),
        other => other.clone(),
    }
}
