//! A spec with its generated client behind one object-safe call, so that
//! the kit drives every spec with the same code.

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;

use meeting_api::{Client, ErrorOutcome, WireForm, WireValues};
use meeting_api_spec::Spec;
use serde_json::Value;

/// What a call gave back, reduced to what the kit compares.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// A documented 2xx, with the decoded body as JSON (`null` for none).
    Success {
        /// The status.
        status: u16,
        /// The decoded body.
        body: Value,
    },
    /// The operation's error.
    Error {
        /// Its kind, with the decoded body of a documented status.
        outcome: ErrorOutcome,
        /// Its message.
        message: String,
    },
    /// The values do not make a request of this spec.
    BadValues(String),
}

type Call<'a> = Pin<Box<dyn Future<Output = Outcome> + 'a>>;

trait Runner: Send + Sync {
    fn call<'a>(&'a self, client: &'a Client, values: WireValues) -> Call<'a>;
}

struct Typed<O>(PhantomData<fn() -> O>);

impl<O: WireForm + 'static> Runner for Typed<O>
where
    O::Error: std::fmt::Display,
{
    fn call<'a>(&'a self, client: &'a Client, values: WireValues) -> Call<'a> {
        Box::pin(async move {
            let request = match O::from_wire(&values) {
                Ok(request) => request,
                Err(error) => return Outcome::BadValues(error.to_string()),
            };
            match client.send(request).await {
                Ok(response) => Outcome::Success {
                    status: response.status().as_u16(),
                    body: O::response_json(response.body()),
                },
                Err(error) => Outcome::Error {
                    outcome: O::error_outcome(&error),
                    message: error.to_string(),
                },
            }
        })
    }
}

/// One spec file, its model and its generated client.
pub struct SpecEntry {
    /// The spec file.
    pub file: &'static str,
    /// The validated model.
    pub spec: Spec,
    runner: Box<dyn Runner>,
}

impl SpecEntry {
    /// The entry of a spec whose client's request type is `O`; `source` is
    /// the file's text, validated already by the build script. A shapes
    /// file it names is read from disk, beside `file`.
    pub fn new<O: WireForm + 'static>(file: &'static str, source: &str) -> Self
    where
        O::Error: std::fmt::Display,
    {
        let dir = std::path::Path::new(file).parent().unwrap_or(std::path::Path::new(""));
        // One read of a shapes file for all the entries that name it.
        static SHAPES: std::sync::Mutex<Option<meeting_api_spec::ShapesCache>> = std::sync::Mutex::new(None);
        let mut shapes = SHAPES.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let shapes = shapes.get_or_insert_with(Default::default);
        let spec = meeting_api_spec::parse_with(source, file, &mut |name| shapes.get(&dir.join(name)))
            .unwrap_or_else(|error| panic!("the build script accepted {file}, which now fails: {error}"));
        Self {
            file,
            spec,
            runner: Box::new(Typed::<O>(PhantomData)),
        }
    }

    /// Calls the generated client with these values.
    pub async fn call(&self, client: &Client, values: WireValues) -> Outcome {
        self.runner.call(client, values).await
    }
}
