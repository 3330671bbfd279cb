//! A documentation page laid out like the Huawei Cloud Meeting API
//! reference: a title, then the sections Description, Debugging, Prototype,
//! Request Parameters, Status Codes, Response Parameters, Example Request,
//! Example Response, Error Codes and Example cURL Command, as the text that
//! a browser copies from the HTML page (one table cell per line, blank lines
//! between).

use meeting_api_spec::model::{Body, Field, Method, Param, ParamIn, Response, Spec};
use meeting_api_spec::position::Position;

use super::message::{self, Host};
use super::table::{self, Catalog, Column, Table};
use super::{Findings, ImportError, shared};

/// A run of non-blank lines: a table cell, a paragraph, a message head.
#[derive(Debug)]
pub(crate) struct Block {
    /// The line of its first line, from 1.
    pub line: usize,
    /// Its lines, without trailing blanks.
    pub lines: Vec<String>,
}

impl Block {
    /// The text of a one-line block, trimmed.
    pub(crate) fn single(&self) -> Option<&str> {
        match self.lines.as_slice() {
            [one] => Some(one.trim()),
            _ => None,
        }
    }

    /// All its lines, trimmed and joined by spaces.
    pub(crate) fn text(&self) -> String {
        let lines: Vec<&str> = self.lines.iter().map(|l| l.trim()).collect();
        lines.join(" ")
    }
}

fn blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current: Option<Block> = None;
    for (index, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blocks.extend(current.take());
            continue;
        }
        let block = current.get_or_insert_with(|| Block {
            line: index + 1,
            lines: Vec::new(),
        });
        block.lines.push(line.to_owned());
    }
    blocks.extend(current);
    blocks
}

/// The headings of the layout, in the order the pages use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Heading {
    Description,
    Debugging,
    Prototype,
    RequestParameters,
    StatusCodes,
    ResponseParameters,
    ExampleRequest,
    ExampleResponse,
    ErrorCodes,
    Curl,
}

impl Heading {
    /// Each heading with the ways pages write it, the usual one first.
    const NAMES: [(Heading, &'static [&'static str]); 10] = [
        (Heading::Description, &["Description"]),
        (Heading::Debugging, &["Debugging"]),
        (Heading::Prototype, &["Prototype", "URI"]),
        (Heading::RequestParameters, &["Request Parameters", "Request Parameter"]),
        (Heading::StatusCodes, &["Status Codes", "Status Code"]),
        (
            Heading::ResponseParameters,
            &["Response Parameters", "Response Parameter"],
        ),
        (Heading::ExampleRequest, &["Example Request", "Request Example"]),
        (Heading::ExampleResponse, &["Example Response", "Response Example"]),
        (Heading::ErrorCodes, &["Error Codes", "Error Code"]),
        (
            Heading::Curl,
            &["Example cURL Command", "cURL Command Example", "cURL Example"],
        ),
    ];

    fn of(text: &str) -> Option<Heading> {
        Self::NAMES
            .iter()
            .find(|(_, names)| names.iter().any(|n| n.eq_ignore_ascii_case(text)))
            .map(|(heading, _)| *heading)
    }

    /// The heading as pages usually write it.
    pub(crate) fn title(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(heading, _)| *heading == self)
            .map_or("", |(_, names)| names[0])
    }
}

/// The content under one heading.
pub(crate) struct Section {
    heading: Heading,
    line: usize,
    /// The blocks up to the next heading.
    pub blocks: Vec<Block>,
}

impl Section {
    fn at(&self) -> String {
        format!("line {} ({})", self.line, self.heading.title())
    }

    /// Whether the section says just "None", as Response Parameters does
    /// for an API that answers without a body.
    fn is_none(&self) -> bool {
        self.blocks
            .first()
            .and_then(Block::single)
            .is_some_and(|t| t.eq_ignore_ascii_case("none"))
    }

    fn report(&self, findings: &mut Findings, why: &str) {
        let text: Vec<String> = self.blocks.iter().map(Block::text).collect();
        findings.dropped(
            self.at(),
            format!("{} {:?}: {why}", self.heading.title(), shared::shorten(&text.join(" "))),
        );
    }
}

/// A page cut into its title lines and sections.
struct Page {
    preamble: Vec<Block>,
    sections: Vec<Section>,
}

impl Page {
    fn read(text: &str) -> Self {
        let mut page = Page {
            preamble: Vec::new(),
            sections: Vec::new(),
        };
        for block in blocks(text) {
            match block.single().and_then(Heading::of).filter(|h| page.opens(*h)) {
                Some(heading) => page.sections.push(Section {
                    heading,
                    line: block.line,
                    blocks: Vec::new(),
                }),
                None => match page.sections.last_mut() {
                    Some(section) => section.blocks.push(block),
                    None => page.preamble.push(block),
                },
            }
        }
        page
    }

    /// Whether `heading` starts a section: each heading starts one, and
    /// "Description", also the last column of every table, only before the
    /// tables.
    fn opens(&self, heading: Heading) -> bool {
        let seen = |h: Heading| self.sections.iter().any(|s| s.heading == h);
        !seen(heading)
            && (heading != Heading::Description || self.sections.iter().all(|s| s.heading < Heading::Prototype))
    }

    fn section(&self, heading: Heading) -> Option<&Section> {
        self.sections.iter().find(|s| s.heading == heading)
    }

    fn blocks(&self, heading: Heading) -> Option<&[Block]> {
        self.section(heading).map(|s| s.blocks.as_slice())
    }
}

/// The columns of a parameter table, when its header row is missing.
const PARAM_COLUMNS: [Column; 5] = [
    Column::Name,
    Column::Mandatory,
    Column::Type,
    Column::Location,
    Column::Description,
];
/// The columns of a response or structure table.
const FIELD_COLUMNS: [Column; 3] = [Column::Name, Column::Type, Column::Description];
/// The columns of the status code table.
const STATUS_COLUMNS: [Column; 2] = [Column::Status, Column::Description];

/// Reads the page in `text` into a spec; `origin` names it in errors.
pub(crate) fn import(text: &str, origin: &str, findings: &mut Findings) -> Result<Spec, ImportError> {
    let page = Page::read(text);
    let fail = |(at, message): (String, String)| ImportError::Page {
        origin: origin.to_owned(),
        at,
        message,
    };
    let prototype = prototype(&page, findings).map_err(fail)?;
    let summary = title(&page, findings).map_err(fail)?;
    report_section(
        &page,
        Heading::Debugging,
        "the spec format has no place for it",
        findings,
    );
    let description = page.section(Heading::Description).and_then(|s| {
        let lines = s.blocks.iter().flat_map(|b| b.lines.iter().map(String::as_str));
        shared::read_prose(lines, None).description
    });
    let (params, responses) = params_and_responses(&page, findings).map_err(fail)?;
    let mut spec = Spec {
        name: shared::derive_name([summary.as_str()], &prototype.path),
        summary,
        description,
        method: prototype.method,
        path: prototype.path.clone(),
        server: None,
        params,
        responses,
        examples: Vec::new(),
        shapes: None,
        paging: None,
    };
    let request = page.blocks(Heading::ExampleRequest);
    let documented = message::documented(request, page.blocks(Heading::ExampleResponse), &spec, findings);
    spec.examples.extend(documented.example);
    let error_codes = "the spec lists statuses, not the error codes of the API Error Center";
    report_section(&page, Heading::ErrorCodes, error_codes, findings);
    let mut hosts = prototype.host.into_iter().chain(documented.hosts).collect::<Vec<_>>();
    hosts.extend(page.section(Heading::Curl).and_then(|s| curl(s, &spec, findings)));
    spec.server = server(prototype.protocol.as_deref(), &hosts, findings);
    Ok(spec)
}

/// The params and the responses, from the parameter, status code and
/// response tables; the tables after a section's first describe the
/// structures that `X object` types name.
fn params_and_responses(page: &Page, findings: &mut Findings) -> Result<(Vec<Param>, Vec<Response>), (String, String)> {
    let request_tables = tables(page, Heading::RequestParameters, &PARAM_COLUMNS, findings);
    let response_tables = tables(page, Heading::ResponseParameters, &FIELD_COLUMNS, findings);
    let structures = [
        (&request_tables, "Request Parameters"),
        (&response_tables, "Response Parameters"),
    ]
    .into_iter()
    .flat_map(|(tables, section)| tables.iter().skip(1).map(move |t| (t, section)));
    let mut catalog = Catalog::new(structures.collect());
    let params = params(request_tables.first(), &mut catalog, findings);
    let mut responses = responses(page, findings)?;
    response_body(page, &mut responses, response_tables.first(), &mut catalog, findings);
    catalog.report_unused(findings);
    Ok((params, responses))
}

/// The title: the last line before the first heading. The lines before it
/// (the "Updated on" date, a breadcrumb) are reported.
fn title(page: &Page, findings: &mut Findings) -> Result<String, (String, String)> {
    let lines: Vec<(usize, &str)> = page
        .preamble
        .iter()
        .flat_map(|b| b.lines.iter().enumerate().map(move |(i, l)| (b.line + i, l.trim())))
        .collect();
    let index = lines.iter().rposition(|(_, l)| !l.starts_with("Updated on"));
    for (i, (line, text)) in lines.iter().enumerate() {
        let what = match text.starts_with("Updated on") {
            true => "the page's date is not part of the spec",
            false if Some(i) < index => "text before the title is not part of the spec",
            false => continue,
        };
        findings.dropped(format!("line {line}"), format!("{:?}: {what}", shared::shorten(text)));
    }
    let Some(index) = index else {
        return Err((
            "the top of the page".to_owned(),
            "no title; expected the API's name (\"Raising or Lowering Hands\") before the first heading".to_owned(),
        ));
    };
    Ok(lines[index].1.to_owned())
}

/// What the Prototype table says.
struct Prototype {
    method: Method,
    path: String,
    protocol: Option<String>,
    /// The server, when the Request Address is a whole URL.
    host: Option<Host>,
}

fn prototype(page: &Page, findings: &mut Findings) -> Result<Prototype, (String, String)> {
    let Some(section) = page.section(Heading::Prototype) else {
        return Err((
            "the page".to_owned(),
            "no Prototype section; expected a \"Prototype\" heading followed by Request Method, Request Address and \
             Transport Protocol, as in the Huawei Cloud Meeting API reference"
                .to_owned(),
        ));
    };
    let mut values: [Option<(usize, String)>; 3] = [None, None, None];
    let mut blocks = section.blocks.iter().filter(|b| !table::is_caption(b));
    while let Some(block) = blocks.next() {
        let label = block.single().map(str::to_ascii_lowercase);
        let slot = match label.as_deref() {
            Some("request method" | "method") => 0,
            Some("request address" | "request uri" | "address" | "url") => 1,
            Some("transport protocol" | "protocol") => 2,
            _ => {
                take_uri_line(block, &mut values, findings);
                continue;
            }
        };
        values[slot] = blocks.next().map(|b| (b.line, b.text()));
    }
    let [method, address, protocol] = values;
    let missing = |what: &str| (section.at(), format!("the Prototype has no {what}"));
    let (line, method) = method.ok_or_else(|| missing("Request Method (GET, POST, PUT, DELETE or PATCH)"))?;
    let method = parse_method(&method).ok_or_else(|| {
        let message = format!("Request Method {method:?} is not one of GET, POST, PUT, DELETE and PATCH");
        (format!("line {line} (Prototype)"), message)
    })?;
    let (line, address) = address.ok_or_else(|| missing("Request Address (the path, like /v1/mmc/...)"))?;
    let target = shared::Target::parse(&address);
    if !target.query.is_empty() {
        let message = format!(
            "the query {:?} of the Request Address is not part of the path",
            target.query
        );
        findings.dropped(format!("line {line} (Prototype)"), message);
    }
    let host = target
        .server
        .clone()
        .map(|server| Host::from_url("the Request Address", &server));
    Ok(Prototype {
        method,
        path: target.path.to_owned(),
        protocol: protocol.map(|(_, p)| p),
        host,
    })
}

/// A `GET /v1/...` line, as the URI layout writes the prototype, fills
/// the method and address; any other block is reported.
fn take_uri_line(block: &Block, values: &mut [Option<(usize, String)>; 3], findings: &mut Findings) {
    let text = block.text();
    let words: Vec<&str> = text.split_whitespace().collect();
    match words.as_slice() {
        [method, path] if parse_method(method).is_some() && (path.starts_with('/') || path.contains("://")) => {
            values[0] = Some((block.line, (*method).to_owned()));
            values[1] = Some((block.line, (*path).to_owned()));
        }
        _ => findings.dropped(
            format!("line {} (Prototype)", block.line),
            format!("{:?} is not a row of the Prototype table", shared::shorten(&text)),
        ),
    }
}

fn parse_method(text: &str) -> Option<Method> {
    Some(match text.trim().to_ascii_uppercase().as_str() {
        "GET" => Method::Get,
        "POST" => Method::Post,
        "PUT" => Method::Put,
        "DELETE" => Method::Delete,
        "PATCH" => Method::Patch,
        _ => return None,
    })
}

/// The tables of a section, none for an absent section or one that says "None".
fn tables<'p>(page: &'p Page, heading: Heading, assumed: &[Column], findings: &mut Findings) -> Vec<Table<'p>> {
    match page.section(heading) {
        Some(section) if section.is_none() => {
            if let Some(next) = section.blocks.get(1) {
                let text: Vec<String> = section.blocks[1..].iter().map(Block::text).collect();
                let message = format!("{:?} after \"None\" is not read", shared::shorten(&text.join(" ")));
                findings.dropped(format!("line {} ({})", next.line, heading.title()), message);
            }
            Vec::new()
        }
        Some(section) => table::tables(&section.blocks, assumed, heading.title(), findings),
        None => Vec::new(),
    }
}

/// The params of the Request Parameters table.
fn params(table: Option<&Table<'_>>, catalog: &mut Catalog<'_, '_>, findings: &mut Findings) -> Vec<Param> {
    let section = Heading::RequestParameters.title();
    let mut params = Vec::new();
    for row in table.map_or(&[][..], |t| &t.rows) {
        let at = format!("line {} ({section})", row.line);
        let Some(field) = catalog.field(row, section, findings) else {
            findings.dropped(&at, "the row has no Parameter cell");
            continue;
        };
        let location = row.cell(Column::Location).and_then(table::location).unwrap_or_else(|| {
            findings.inferred(
                &at,
                format!("`{}` has no Location; imported as a body field", field.name),
            );
            ParamIn::Body
        });
        let mut param = Param {
            location,
            field,
            whole_body: false,
            session: None,
        };
        shared::infer_secret(&mut param, &at, findings);
        params.push(param);
    }
    params
}

/// The statuses of the Status Codes table; at least one must be 2xx.
fn responses(page: &Page, findings: &mut Findings) -> Result<Vec<Response>, (String, String)> {
    let Some(section) = page.section(Heading::StatusCodes) else {
        let message = "no Status Codes section; expected a table of HTTP Status Code and Description, one 2xx at least";
        return Err(("the page".to_owned(), message.to_owned()));
    };
    let mut responses: Vec<Response> = Vec::new();
    let tables = table::tables(&section.blocks, &STATUS_COLUMNS, "Status Codes", findings);
    for row in tables.iter().flat_map(|t| &t.rows) {
        let at = format!("line {} (Status Codes)", row.line);
        let Some(status) = row.cell(Column::Status).and_then(table::status) else {
            findings.dropped(&at, "the row has no HTTP Status Code");
            continue;
        };
        if responses.iter().any(|r| r.status == status) {
            findings.dropped(&at, format!("status {status} is listed again"));
            continue;
        }
        let description = shared::read_prose(row.description_lines(), None).description;
        let description = description.unwrap_or_else(|| {
            findings.inferred(
                &at,
                format!("status {status} has no description; imported as \"Status {status}.\""),
            );
            format!("Status {status}.")
        });
        responses.push(Response {
            status,
            description,
            body: None,
            position: Position::default(),
        });
    }
    if !responses.iter().any(Response::is_success) {
        let message = "the Status Codes table lists no 2xx status; a spec needs one";
        return Err((section.at(), message.to_owned()));
    }
    Ok(responses)
}

/// The Response Parameters table as the body of the first 2xx response.
fn response_body(
    page: &Page,
    responses: &mut [Response],
    table: Option<&Table<'_>>,
    catalog: &mut Catalog<'_, '_>,
    findings: &mut Findings,
) {
    if page.section(Heading::ResponseParameters).is_none() {
        let message = "no Response Parameters section; the 2xx response is imported without a body";
        return findings.inferred("the page", message);
    }
    let section = Heading::ResponseParameters.title();
    let rows = table.map_or(&[][..], |t| &t.rows);
    let fields: Vec<Field> = rows
        .iter()
        .filter_map(|row| catalog.field(row, section, findings))
        .collect();
    if let Some(success) = responses.iter_mut().find(|r| r.is_success())
        && !fields.is_empty()
    {
        success.body = Some(Body::Fields(fields));
    }
}

/// The server: the Transport Protocol's scheme and the first host named.
fn server(protocol: Option<&str>, hosts: &[Host], findings: &mut Findings) -> Option<String> {
    let scheme = protocol.map(|p| match p.to_ascii_uppercase().contains("HTTPS") {
        true => "https",
        false => "http",
    });
    let Some(host) = hosts.first() else {
        let message = match protocol {
            Some(p) => {
                format!("Transport Protocol {p:?}: no Host header or URL names the host, so the spec has no server")
            }
            None => "no Transport Protocol, Host header or URL names the server, so the spec has none".to_owned(),
        };
        findings.dropped("the page", message);
        return None;
    };
    let scheme = scheme.or(host.scheme.as_deref()).unwrap_or_else(|| {
        let message = format!(
            "no Transport Protocol; the server of {} is taken to use https",
            host.source
        );
        findings.inferred("the page", message);
        "https"
    });
    Some(format!("{scheme}://{}", host.host))
}

/// The cURL command is not imported, but the host in its URL may give
/// the server.
fn curl(section: &Section, spec: &Spec, findings: &mut Findings) -> Option<Host> {
    let text: Vec<String> = section.blocks.iter().map(Block::text).collect();
    let text = text.join(" ");
    let words: Vec<&str> = text.split_whitespace().map(|w| w.trim_matches(['\'', '"'])).collect();
    let sends_body = words
        .iter()
        .any(|w| *w == "-d" || w.starts_with("--data") || *w == "--json");
    let why = match sends_body || !spec.has_body() {
        true => "it repeats the Example Request",
        false => "it sends no body though the API takes one, so it is not a valid example",
    };
    section.report(findings, why);
    let url = words
        .iter()
        .find(|w| w.starts_with("http://") || w.starts_with("https://"))?;
    let server = shared::Target::parse(url).server?;
    Some(Host::from_url("the cURL command", &server))
}

/// Reports a section of prose that the spec has no place for.
fn report_section(page: &Page, heading: Heading, why: &str, findings: &mut Findings) {
    if let Some(section) = page.section(heading) {
        section.report(findings, why);
    }
}
