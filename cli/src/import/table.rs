//! The tables of a documentation page. Copied from the HTML reference, a
//! table is one cell per line with blank lines between, so a row is told
//! by its cells, not by its layout: a row starts where a name, a
//! Yes/No, a type and a location follow one another. A description may
//! span several blocks (a note, a list), so it runs up to the next row.

use meeting_api_spec::model::{Bounds, Field, FloatFormat, IntFormat, ParamIn, Shape};

use super::Findings;
use super::page::Block;
use super::shared::{self, EnumKind};

/// A column the importer knows, by the header cell that names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Column {
    /// `Parameter`: the wire name.
    Name,
    /// `Mandatory`: Yes or No.
    Mandatory,
    /// `Type`: String, Integer, `data object`, `Array of X objects`...
    Type,
    /// `Location`: Query, Header, Path or Body.
    Location,
    /// `HTTP Status Code`.
    Status,
    /// `Description`: free text over one or more blocks.
    Description,
}

impl Column {
    fn from_header(text: &str) -> Option<Column> {
        Some(match text.trim().to_ascii_lowercase().as_str() {
            "parameter" | "name" | "field" | "parameter name" => Column::Name,
            "mandatory" | "required" => Column::Mandatory,
            "type" | "data type" => Column::Type,
            "location" | "position" => Column::Location,
            "http status code" | "status code" | "status" => Column::Status,
            "description" | "remarks" => Column::Description,
            _ => return None,
        })
    }

    fn label(self) -> &'static str {
        match self {
            Column::Name => "Parameter",
            Column::Mandatory => "Mandatory",
            Column::Type => "Type",
            Column::Location => "Location",
            Column::Status => "HTTP Status Code",
            Column::Description => "Description",
        }
    }

    /// Whether `text` can be a cell of this column.
    fn fits(self, text: &str) -> bool {
        match self {
            Column::Name => is_wire_name(text),
            Column::Mandatory => mandatory(text).is_some(),
            Column::Type => TypeExpr::parse(text).is_some(),
            Column::Location => location(text).is_some(),
            Column::Status => status(text).is_some(),
            Column::Description => true,
        }
    }
}

fn is_wire_name(text: &str) -> bool {
    !text.is_empty() && text.len() <= 100 && text.chars().all(|c| c.is_ascii_alphanumeric() || "_-.$@".contains(c))
}

/// A Mandatory cell as a bool.
pub(crate) fn mandatory(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "yes" | "true" | "mandatory" | "required" => Some(true),
        "no" | "false" | "optional" | "conditional" => Some(false),
        _ => None,
    }
}

/// A Location cell as where the param travels.
pub(crate) fn location(text: &str) -> Option<ParamIn> {
    match text.trim().to_ascii_lowercase().as_str() {
        "query" => Some(ParamIn::Query),
        "header" => Some(ParamIn::Header),
        "path" | "uri" => Some(ParamIn::Path),
        "body" => Some(ParamIn::Body),
        _ => None,
    }
}

/// An HTTP Status Code cell.
pub(crate) fn status(text: &str) -> Option<u16> {
    let text = text.trim();
    let code: u16 = text.parse().ok().filter(|_| text.len() == 3)?;
    (100..=599).contains(&code).then_some(code)
}

/// A Type cell, read.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum TypeExpr {
    /// `String`.
    String,
    /// `Integer` (int32, as the Huawei SDKs map it) or `Long` (int64).
    Integer(IntFormat),
    /// `Number`, `Double` or `Float`.
    Number(FloatFormat),
    /// `Boolean`.
    Boolean,
    /// `Object`, `data object` or a structure's name; the name finds the
    /// table of its fields.
    Object(Option<String>),
    /// `Array of X`, `List<X>`, `X[]`; `None` for a bare `Array`.
    Array(Option<Box<TypeExpr>>),
}

impl TypeExpr {
    /// Reads a Type cell; `None` when it is no type.
    pub(crate) fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        if text.is_empty() || text.len() > 80 {
            return None;
        }
        let lower = text.to_ascii_lowercase();
        if let Some(primitive) = primitive(&lower) {
            return Some(primitive);
        }
        if lower == "array" || lower == "list" {
            return Some(TypeExpr::Array(None));
        }
        let element = if let Some(rest) = lower.strip_prefix("array of ") {
            Some(&text[text.len() - rest.len()..])
        } else if lower.starts_with("list<") && lower.ends_with('>') {
            Some(&text[5..text.len() - 1])
        } else {
            text.strip_suffix("[]")
        };
        if let Some(element) = element {
            return Some(TypeExpr::Array(Some(Box::new(Self::element(element)?))));
        }
        let name = lower
            .strip_suffix(" object")
            .map_or(text, |_| &text[..text.len() - " object".len()]);
        is_wire_name(name).then(|| TypeExpr::Object(Some(name.to_owned())))
    }

    /// The element of an array: `strings`, `Attendee objects`, `String`.
    fn element(text: &str) -> Option<Self> {
        let text = text.trim();
        let lower = text.to_ascii_lowercase();
        // "strings" is the plural of a type, not a structure named so.
        if let Some(primitive) = lower.strip_suffix('s').and_then(primitive) {
            return Some(primitive);
        }
        match lower.strip_suffix(" objects") {
            Some(name) => Self::parse(&format!("{} object", &text[..name.len()])),
            None => Self::parse(text),
        }
    }
}

fn primitive(lower: &str) -> Option<TypeExpr> {
    Some(match lower {
        "string" | "str" | "char" | "text" => TypeExpr::String,
        "integer" | "int" | "int32" | "short" => TypeExpr::Integer(IntFormat::Int32),
        "long" | "int64" | "bigint" => TypeExpr::Integer(IntFormat::Int64),
        "number" | "double" | "decimal" | "bigdecimal" => TypeExpr::Number(FloatFormat::Double),
        "float" => TypeExpr::Number(FloatFormat::Float),
        "boolean" | "bool" => TypeExpr::Boolean,
        "object" | "map" | "json" | "jsonobject" => TypeExpr::Object(None),
        _ => return None,
    })
}

/// One table: its caption (`Table 5 Data structure of data`) and rows.
#[derive(Debug)]
pub(crate) struct Table<'p> {
    /// The caption block, when the page has one.
    pub caption: Option<&'p Block>,
    /// The rows.
    pub rows: Vec<Row<'p>>,
}

impl Table<'_> {
    /// The line the table starts at, for messages.
    pub(crate) fn line(&self) -> Option<usize> {
        self.caption
            .map(|c| c.line)
            .or_else(|| self.rows.first().map(|r| r.line))
    }

    /// The caption's text, or a stand-in.
    pub(crate) fn title(&self) -> String {
        self.caption
            .map_or_else(|| "a table without caption".to_owned(), |c| format!("\"{}\"", c.text()))
    }
}

/// One row: its one-block cells and its description blocks.
#[derive(Debug)]
pub(crate) struct Row<'p> {
    /// The line of its first cell.
    pub line: usize,
    cells: Vec<(Column, &'p str)>,
    /// The Description cell's blocks.
    pub description: Vec<&'p Block>,
}

impl<'p> Row<'p> {
    /// The text of `column`'s cell.
    pub(crate) fn cell(&self, column: Column) -> Option<&'p str> {
        self.cells.iter().find(|(c, _)| *c == column).map(|(_, text)| *text)
    }

    /// The description's lines.
    pub(crate) fn description_lines(&self) -> impl Iterator<Item = &'p str> + '_ {
        self.description.iter().flat_map(|b| b.lines.iter().map(String::as_str))
    }
}

/// The tables among a section's `blocks`. A caption (`Table 2 ...`) or a
/// header row starts a table; without a header, `assumed` columns are used.
pub(crate) fn tables<'p>(
    blocks: &'p [Block],
    assumed: &[Column],
    section: &str,
    findings: &mut Findings,
) -> Vec<Table<'p>> {
    let mut starts: Vec<usize> = (0..blocks.len()).filter(|&i| starts_table(blocks, i)).collect();
    if starts.first() != Some(&0) && !blocks.is_empty() {
        starts.insert(0, 0);
    }
    let ends = starts.iter().skip(1).copied().chain([blocks.len()]);
    starts
        .iter()
        .zip(ends)
        .map(|(&start, end)| table(&blocks[start..end], assumed, section, findings))
        .collect()
}

fn starts_table(blocks: &[Block], i: usize) -> bool {
    let previous = i.checked_sub(1).map(|p| &blocks[p]);
    let after_header_cell = previous.is_some_and(|p| p.single().and_then(Column::from_header).is_some());
    is_caption(&blocks[i]) || (header_len(&blocks[i..]) >= 2 && !after_header_cell && !previous.is_some_and(is_caption))
}

/// Whether the block is a caption such as `Table 3 Status codes`.
pub(crate) fn is_caption(block: &Block) -> bool {
    block.single().is_some_and(|t| {
        t.strip_prefix("Table ")
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
    })
}

fn header_len(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .take_while(|b| b.single().and_then(Column::from_header).is_some())
        .count()
}

fn table<'p>(blocks: &'p [Block], assumed: &[Column], section: &str, findings: &mut Findings) -> Table<'p> {
    let (caption, rest) = match blocks.split_first() {
        Some((first, rest)) if is_caption(first) => (Some(first), rest),
        _ => (None, blocks),
    };
    let header = header_len(rest);
    let columns: Vec<Column> = match header {
        0 | 1 => {
            if let Some(first) = rest.first() {
                let labels: Vec<&str> = assumed.iter().map(|c| c.label()).collect();
                findings.inferred(
                    format!("line {} ({section})", first.line),
                    format!(
                        "the table has no header row; read with the columns {}",
                        labels.join(", ")
                    ),
                );
            }
            assumed.to_vec()
        }
        _ => rest[..header]
            .iter()
            .filter_map(|b| b.single().and_then(Column::from_header))
            .collect(),
    };
    let body = if header >= 2 { &rest[header..] } else { rest };
    let rows = rows(body, &columns, section, findings);
    Table { caption, rows }
}

/// The rows of a table body. Every cell but a trailing Description is one
/// block that fits its column; a block where no row can start is reported.
fn rows<'p>(blocks: &'p [Block], columns: &[Column], section: &str, findings: &mut Findings) -> Vec<Row<'p>> {
    let free = columns.last() == Some(&Column::Description);
    let fixed = &columns[..columns.len() - usize::from(free)];
    let row_at = |i: usize| -> Option<Vec<(Column, &'p str)>> {
        let cells = fixed.iter().enumerate().map(|(c, column)| {
            let text = blocks.get(i + c)?.single()?;
            column.fits(text).then_some((*column, text))
        });
        cells.collect()
    };
    let mut rows = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let Some(cells) = row_at(i) else {
            findings.dropped(
                format!("line {} ({section})", blocks[i].line),
                format!("{:?} is not a row of the table", shared::shorten(&blocks[i].text())),
            );
            i += 1;
            continue;
        };
        let mut next = i + fixed.len();
        let mut description = Vec::new();
        if free {
            // A table of descriptions only has a row per block.
            let end = match fixed.is_empty() {
                true => (next + 1).min(blocks.len()),
                false => (next..blocks.len())
                    .find(|&j| row_at(j).is_some())
                    .unwrap_or(blocks.len()),
            };
            description.extend(&blocks[next.min(end)..end]);
            next = end;
        }
        rows.push(Row {
            line: blocks[i].line,
            cells,
            description,
        });
        i = next.max(i + 1);
    }
    rows
}

/// The structure tables of a page (those after a section's first table),
/// found by the type names that refer to them.
pub(crate) struct Catalog<'t, 'p> {
    tables: Vec<(&'t Table<'p>, &'static str)>,
    used: Vec<bool>,
}

/// How deep structures may nest; deeper is reported, not followed.
const MAX_DEPTH: usize = 8;

impl<'t, 'p> Catalog<'t, 'p> {
    /// A catalog of `tables`, each with the section it is in.
    pub(crate) fn new(tables: Vec<(&'t Table<'p>, &'static str)>) -> Self {
        let used = vec![false; tables.len()];
        Self { tables, used }
    }

    /// The field a row describes; `None` when the row has no name.
    pub(crate) fn field(&mut self, row: &Row<'_>, section: &str, findings: &mut Findings) -> Option<Field> {
        self.field_in(row, section, &mut Vec::new(), findings)
    }

    fn field_in(
        &mut self,
        row: &Row<'_>,
        section: &str,
        stack: &mut Vec<usize>,
        findings: &mut Findings,
    ) -> Option<Field> {
        let at = format!("line {} ({section})", row.line);
        let name = row.cell(Column::Name)?;
        let expr = match row.cell(Column::Type).and_then(TypeExpr::parse) {
            Some(expr) => expr,
            None => {
                findings.inferred(&at, format!("`{name}` has no Type cell; imported as a string"));
                TypeExpr::String
            }
        };
        let mut shape = self.shape(&expr, name, &at, stack, findings);
        let prose = shared::read_prose(row.description_lines(), EnumKind::of(&shape));
        let values = prose.values.into_iter().map(|(v, d)| (v, Some(d))).collect();
        shared::set_enum(&mut shape, values, &at, findings);
        let mut schema = shared::schema(shape);
        schema.description = prose.description;
        Some(Field {
            name: name.to_owned(),
            required: row.cell(Column::Mandatory).and_then(mandatory).unwrap_or(false),
            schema,
        })
    }

    fn shape(
        &mut self,
        expr: &TypeExpr,
        name: &str,
        at: &str,
        stack: &mut Vec<usize>,
        findings: &mut Findings,
    ) -> Shape {
        match expr {
            TypeExpr::String => Shape::String {
                values: Vec::new(),
                length: Bounds::default(),
            },
            TypeExpr::Integer(format) => Shape::Integer {
                format: *format,
                values: Vec::new(),
                range: Bounds::default(),
            },
            TypeExpr::Number(format) => Shape::Number {
                format: *format,
                range: Bounds::default(),
            },
            TypeExpr::Boolean => Shape::Boolean,
            TypeExpr::Object(type_name) => Shape::Object {
                fields: self.fields_of(type_name.as_deref().unwrap_or(name), at, stack, findings),
            },
            TypeExpr::Array(element) => {
                let element = element.as_deref().cloned().unwrap_or_else(|| {
                    findings.inferred(
                        at,
                        format!("`{name}` is an array of unstated elements; imported as strings"),
                    );
                    TypeExpr::String
                });
                Shape::Array {
                    items: Box::new(shared::schema(self.shape(&element, name, at, stack, findings))),
                    length: Bounds::default(),
                }
            }
        }
    }

    /// The fields of the structure `key`, from the table whose caption names it.
    fn fields_of(&mut self, key: &str, at: &str, stack: &mut Vec<usize>, findings: &mut Findings) -> Vec<Field> {
        let Some(index) = self.find(key) else {
            findings.dropped(
                at,
                format!("no table describes the fields of `{key}`; imported as an object without fields"),
            );
            return Vec::new();
        };
        if stack.contains(&index) || stack.len() >= MAX_DEPTH {
            findings.dropped(
                at,
                format!("`{key}` contains itself, or nests deeper than {MAX_DEPTH}; its fields are not imported"),
            );
            return Vec::new();
        }
        self.used[index] = true;
        let (table, section) = self.tables[index];
        stack.push(index);
        let fields = table
            .rows
            .iter()
            .filter_map(|row| self.field_in(row, section, stack, findings))
            .collect();
        stack.pop();
        fields
    }

    /// The table whose caption has `key` as a word, exactly or else
    /// ignoring case.
    fn find(&self, key: &str) -> Option<usize> {
        let words = |table: &Table<'_>| -> Vec<String> {
            let caption = table.caption.map(Block::text).unwrap_or_default();
            caption
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .map(str::to_owned)
                .collect()
        };
        let position = |exact: bool| {
            self.tables.iter().position(|(table, _)| {
                words(table)
                    .iter()
                    .any(|w| if exact { w == key } else { w.eq_ignore_ascii_case(key) })
            })
        };
        position(true).or_else(|| position(false))
    }

    /// Reports the structure tables no type referred to.
    pub(crate) fn report_unused(&self, findings: &mut Findings) {
        for ((table, section), used) in self.tables.iter().zip(&self.used) {
            if !used {
                findings.dropped(
                    format!("line {} ({section})", table.line().unwrap_or_default()),
                    format!("{} is not the type of any param or field", table.title()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_cells_are_read() {
        use TypeExpr::*;
        assert_eq!(TypeExpr::parse("Integer"), Some(Integer(IntFormat::Int32)));
        assert_eq!(TypeExpr::parse("long"), Some(Integer(IntFormat::Int64)));
        assert_eq!(TypeExpr::parse("data object"), Some(Object(Some("data".into()))));
        assert_eq!(
            TypeExpr::parse("Array of Attendee objects"),
            Some(Array(Some(Box::new(Object(Some("Attendee".into()))))))
        );
        assert_eq!(TypeExpr::parse("Array of strings"), Some(Array(Some(Box::new(String)))));
        assert_eq!(
            TypeExpr::parse("List<Long>"),
            Some(Array(Some(Box::new(Integer(IntFormat::Int64)))))
        );
        assert_eq!(TypeExpr::parse("Meeting control token."), None);
        assert_eq!(TypeExpr::parse("NOTE:"), None);
    }
}
