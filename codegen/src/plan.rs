//! The Rust shape of an operation: every type, field and variant with its
//! final name. All naming decisions are made here, once, so that the
//! emitters only print.

use meeting_api_spec::position::Position;
use meeting_api_spec::{Body, Field, FloatFormat, IntFormat, Literal, Param, ParamIn, Response, Schema, Shape, Spec};

use crate::docs;
use crate::names::{self, Namespace};

/// Everything the emitters need for one spec.
#[derive(Debug)]
pub struct Plan {
    /// The request struct; its fields carry their wire location and setter.
    pub request: Struct,
    /// The request's builder.
    pub builder: Builder,
    /// The 2xx outcome.
    pub response: ResponsePlan,
    /// The error enum.
    pub error: ErrorPlan,
    /// Named enums and structs used by the above, in order of first use.
    pub types: Vec<TypeDef>,
    /// The documented 2xx statuses.
    pub success_statuses: Vec<u16>,
    /// The struct that `Operation::write` serialises the body params with.
    /// It is declared inside the method, where it would shadow a module
    /// type of the same name, so it is named like one.
    pub body_type: String,
    /// The structs of this module that travel outside the body, as a
    /// path, query or header value (JSON text): only they implement
    /// `ParamValue`, which would otherwise compile a serialiser for every
    /// struct.
    pub param_types: Vec<String>,
    /// The same for the sibling shapes module's types.
    pub shared_param_types: Vec<String>,
    /// How the request pages (its `Paged` impl), when the spec has `paging`.
    pub paging: Option<PagingPlan>,
}

/// What a paged request's `Paged` impl reads and sets.
#[derive(Debug)]
pub struct PagingPlan {
    /// The request field of the offset param.
    pub offset: String,
    /// The offset param's wire name.
    pub offset_wire: String,
    /// The request field of the limit param.
    pub limit: String,
    /// The type of a page's item.
    pub item: Ty,
    /// The fields from the response body to the items.
    pub items: Vec<Step>,
    /// The fields from the response body to the total, and its type
    /// (`i32` or `i64`), when the spec names one.
    pub total: Option<(Vec<Step>, Ty)>,
}

/// One field of a path into a response body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The Rust field.
    pub ident: String,
    /// Whether the field is required (else an `Option` to look into).
    pub required: bool,
}

/// A generated struct.
#[derive(Debug)]
pub struct Struct {
    /// Type name.
    pub name: String,
    /// Doc lines.
    pub docs: Vec<String>,
    /// Fields, in the order of the spec.
    pub fields: Vec<FieldPlan>,
}

/// A field of a generated struct.
#[derive(Debug)]
pub struct FieldPlan {
    /// Rust field name.
    pub ident: String,
    /// Name on the wire.
    pub wire: String,
    /// Where a request field travels; `None` inside JSON objects.
    pub location: Option<ParamIn>,
    /// The Rust type, without the `Option` of an optional field.
    pub ty: Ty,
    /// Whether the field is required (else it is an `Option`).
    pub required: bool,
    /// Whether the value is or holds a secret (a `Secret`, or a list or
    /// object with one): it is redacted whole and sent as a sensitive header.
    pub secret: bool,
    /// Whether the request field is the whole JSON body, serialised as
    /// the body itself rather than as a field of it.
    pub whole_body: bool,
    /// Doc lines.
    pub docs: Vec<String>,
    /// The builder's method that sets a request field; `None` for the
    /// fields of objects.
    pub setter: Option<Setter>,
    /// For a param that a session may fill (`session:`), the session
    /// value's name and whether the wire needs the param; the field itself
    /// is then optional.
    pub session: Option<SessionSlot>,
}

/// A param that a session may fill.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionSlot {
    /// The session value's name: `access_token`.
    pub value: String,
    /// Whether the request must carry the param, set or filled.
    pub required: bool,
}

/// The type-state builder of a request: `XRequest::builder()`, a setter
/// per field, then `build`.
#[derive(Debug)]
pub struct Builder {
    /// Type name.
    pub name: String,
    /// Doc lines.
    pub docs: Vec<String>,
    /// Doc lines of the request's `builder()`.
    pub start_docs: Vec<String>,
    /// The method that makes the request, unique among the builder's methods.
    pub build: Method,
    /// The hidden module with one trait per required param, named like its
    /// setter, that `build` asks of the param's state: the trait carries
    /// the message the compiler gives when the param is not set.
    pub markers: String,
    /// The type parameter of those traits: the param's value type.
    pub value: String,
}

/// A generated method.
#[derive(Debug)]
pub struct Method {
    /// Method name.
    pub ident: String,
    /// Doc lines.
    pub docs: Vec<String>,
}

/// A builder method that sets one field.
#[derive(Debug)]
pub struct Setter {
    /// Method name, unique among the builder's methods.
    pub ident: String,
    /// Doc lines.
    pub docs: Vec<String>,
    /// For a required field, how the builder tracks it.
    pub required: Option<Required>,
}

/// How the builder tracks a required field.
#[derive(Debug)]
pub struct Required {
    /// The builder's type parameter for the field: `meeting_api::Unset`
    /// until its setter is called, then the value's type.
    pub state: String,
    /// What the compiler says when `build` is called without the field.
    pub missing: Missing,
}

/// The texts of `#[diagnostic::on_unimplemented]`, format braces escaped.
#[derive(Debug)]
pub struct Missing {
    /// The error's headline.
    pub message: String,
    /// The label under the `build` call.
    pub label: String,
    /// The note that says how to set the field.
    pub note: String,
}

/// A Rust type for a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ty {
    /// `String`
    String,
    /// `i32`
    I32,
    /// `i64`
    I64,
    /// `f32`
    F32,
    /// `f64`
    F64,
    /// `bool`
    Bool,
    /// A generated enum or struct of this module.
    Named(String),
    /// A shared shape's type in the sibling module of shared shapes,
    /// [`SHAPES_MODULE`], when the operation is generated as part of a
    /// catalog.
    Shared(String),
    /// A list.
    Vec(Box<Ty>),
    /// A map with string keys, in key order (`BTreeMap`), so that a map
    /// serialises the same way each time.
    Map(Box<Ty>),
    /// A value whose `Debug` and `Display` are redacted.
    Secret(Box<Ty>),
    /// The runtime's standard error body.
    ServiceError,
    /// A file part of a multipart body: `meeting_api::FilePart`.
    File,
}

/// A generated named type.
#[derive(Debug)]
pub enum TypeDef {
    /// A JSON object.
    Struct(Struct),
    /// An enum of wire values.
    Enum(EnumPlan),
}

/// A generated enum of allowed wire values.
#[derive(Debug)]
pub struct EnumPlan {
    /// Type name.
    pub name: String,
    /// Doc lines.
    pub docs: Vec<String>,
    /// How values travel.
    pub repr: Repr,
    /// One variant per allowed value.
    pub variants: Vec<VariantPlan>,
    /// When a response uses the enum, its catch-all variant, which holds
    /// a value the spec does not list as received (`Unknown(raw)`); the
    /// enum is then also `#[non_exhaustive]`, so that a value documented
    /// later does not break matches on it. `None` for an enum that only
    /// requests use: it stays exhaustive, as the spec says.
    pub unknown: Option<CatchAll>,
}

/// The variant of a response enum for the values the spec does not list.
#[derive(Debug)]
pub struct CatchAll {
    /// Variant name: [`UNKNOWN_VARIANT`].
    pub ident: String,
    /// Doc lines.
    pub docs: Vec<String>,
}

/// The name of every response enum's catch-all variant. It is claimed
/// before the documented values' names, so that it is the same in every
/// enum and stays so when a value named like it is documented later
/// (that value is numbered: `Unknown2`).
pub const UNKNOWN_VARIANT: &str = "Unknown";

/// The wire type of an enum.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Repr {
    /// JSON integers that fit an `i32`.
    I32,
    /// JSON integers.
    I64,
    /// JSON strings.
    Str,
}

/// One variant of a generated enum.
#[derive(Debug)]
pub struct VariantPlan {
    /// Variant name.
    pub ident: String,
    /// The value on the wire.
    pub value: Literal,
    /// Doc lines.
    pub docs: Vec<String>,
}

/// What a successful call returns.
#[derive(Debug)]
pub enum ResponsePlan {
    /// No 2xx declares a body: a unit struct of this name.
    Unit {
        /// Type name.
        name: String,
        /// Doc lines.
        docs: Vec<String>,
    },
    /// One 2xx status, with a body: this struct.
    Body(Struct),
    /// One 2xx status whose whole body is an array or a map: a type alias
    /// of this name for the Rust type, so that `response.body()` is the
    /// list or map itself.
    Whole {
        /// Type name.
        name: String,
        /// Doc lines.
        docs: Vec<String>,
        /// The aliased type (`Vec<_>` or `BTreeMap<String, _>`).
        ty: Ty,
    },
    /// Several 2xx statuses: an enum with a variant per status.
    ByStatus {
        /// Type name.
        name: String,
        /// Doc lines.
        docs: Vec<String>,
        /// The statuses, each with its variant and body type.
        variants: Vec<StatusVariant>,
    },
}

/// A variant chosen by an HTTP status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusVariant {
    /// The status.
    pub status: u16,
    /// Variant name (`BadRequest`, `Status499`).
    pub ident: String,
    /// The decoded body, if the status has one.
    pub body: Option<Ty>,
    /// The status with its documented meaning, for messages.
    pub description: String,
    /// Doc lines.
    pub docs: Vec<String>,
}

/// The generated error enum.
#[derive(Debug)]
pub struct ErrorPlan {
    /// Type name.
    pub name: String,
    /// Doc lines.
    pub docs: Vec<String>,
    /// One variant per documented error status.
    pub statuses: Vec<StatusVariant>,
    /// Where the enum is declared.
    pub home: ErrorHome,
}

/// Where an operation's error enum is declared.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum ErrorHome {
    /// In the operation's module, as `name`.
    #[default]
    Own,
    /// In a catalog's [`ERRORS_MODULE`] under this name, shared by every
    /// operation that documents the same error statuses; the operation's
    /// `name` is an alias of it.
    Shared(String),
}

/// The module of a catalog's shared error enums, beside the operations'
/// modules.
pub const ERRORS_MODULE: &str = "errors";

/// The error enum's variants that every operation has.
pub const FIXED_ERROR_VARIANTS: [&str; 4] = ["UnexpectedStatus", "Decode", "Transport", "InvalidRequest"];

/// A spec that cannot be generated even though it is valid: two
/// `rust_name` overrides that ask for the same identifier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}:{}: {message}", position.line, position.column)]
pub struct NameClash {
    /// Where the second override's `rust_name` is written.
    pub position: Position,
    /// What clashed.
    pub message: String,
}

/// The module a catalog's shared shapes are generated in, beside the
/// operations' modules.
pub const SHAPES_MODULE: &str = "shapes";

/// Where the types of shared shapes (`shape: Name`) are generated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SharedShapes {
    /// In the operation's own module, one type per shape however often the
    /// spec uses it: a spec generated on its own.
    #[default]
    Local,
    /// In the [`SHAPES_MODULE`] beside the operation's module, which a
    /// catalog's generation fills once for all its operations.
    Sibling,
}

/// Builds the plan, naming everything.
pub fn plan(spec: &Spec) -> Result<Plan, Vec<NameClash>> {
    plan_with(spec, SharedShapes::Local)
}

/// [`plan`], with the types of shared shapes where `shared` says.
pub fn plan_with(spec: &Spec, shared: SharedShapes) -> Result<Plan, Vec<NameClash>> {
    let mut planner = Planner::new(shared);
    let base = names::camel(&spec.name);
    let request_name = planner.types.claim(&format!("{base}Request"), &[]);
    let response_name = planner.types.claim(&format!("{base}Response"), &[]);
    let error_name = planner.types.claim(&format!("{base}Error"), &[]);
    let builder_name = planner.types.claim(&format!("{request_name}Builder"), &[]);
    let mut request = planner.request(spec, request_name, &response_name);
    planner.in_response = true;
    let response = planner.response(spec, &base, response_name);
    let error = planner.error(spec, &base, error_name);
    // Claimed last, so that they rename no type that users see.
    let body_type = planner.types.claim("Body", &[format!("{base}Body")]);
    let paging = spec.paging.as_ref().and_then(|paging| {
        let planned = planner.paging(spec, paging, &request, &response);
        planned.map_err(|clash| planner.clashes.push(clash)).ok()
    });
    let builder = planner.builder(&mut request, builder_name);
    match planner.clashes.is_empty() {
        true => {
            let success_statuses = spec
                .responses
                .iter()
                .filter(|r| r.is_success())
                .map(|r| r.status)
                .collect();
            Ok(Plan {
                param_types: param_types(&request, false),
                shared_param_types: param_types(&request, true),
                request,
                builder,
                response,
                error,
                types: planner.defs,
                success_statuses,
                body_type,
                paging,
            })
        }
        false => Err(planner.clashes),
    }
}

impl Plan {
    /// Whether a value of `ty` can hold an enum's catch-all `Unknown`
    /// variant, which a request refuses: only such a value is watched for
    /// one as it is written (`RequestParts::watch_unknown`). A type of the
    /// shapes module is taken to be able to: its enums all have the variant,
    /// and its structs are not planned here.
    pub fn may_hold_unknown(&self, ty: &Ty) -> bool {
        may_hold_unknown(&self.types, ty, &mut Vec::new())
    }
}

/// [`Plan::may_hold_unknown`] among `defs`; `seen` are the structs already
/// looked into, which a nested use of the same struct adds nothing to.
fn may_hold_unknown<'p>(defs: &'p [TypeDef], ty: &'p Ty, seen: &mut Vec<&'p str>) -> bool {
    match ty {
        Ty::String | Ty::I32 | Ty::I64 | Ty::F32 | Ty::F64 | Ty::Bool | Ty::File | Ty::ServiceError => false,
        Ty::Vec(inner) | Ty::Map(inner) | Ty::Secret(inner) => may_hold_unknown(defs, inner, seen),
        Ty::Shared(_) => true,
        Ty::Named(name) if seen.contains(&name.as_str()) => false,
        Ty::Named(name) => {
            seen.push(name);
            let def = defs.iter().find(|def| match def {
                TypeDef::Struct(object) => object.name == *name,
                TypeDef::Enum(enumeration) => enumeration.name == *name,
            });
            match def {
                Some(TypeDef::Enum(enumeration)) => enumeration.unknown.is_some(),
                Some(TypeDef::Struct(object)) => object.fields.iter().any(|f| may_hold_unknown(defs, &f.ty, seen)),
                // Not planned here: the safe answer.
                None => true,
            }
        }
    }
}

/// The types of a shapes file, for the [`SHAPES_MODULE`] of a catalog:
/// a struct or enum per object or enum shape, named as the shape, and the
/// types nested in them. Shapes of other kinds (a plain string, a list)
/// have no type of their own: each use spells them out.
pub fn plan_shapes(shapes: &meeting_api_spec::Shapes) -> Result<Vec<TypeDef>, Vec<NameClash>> {
    let mut planner = Planner::new(SharedShapes::Local);
    // Claimed first, so that no nested type takes a shape's name.
    for (name, schema) in shapes.iter() {
        if !is_named_kind(schema) {
            continue;
        }
        if !planner.types.claim_exact(name) {
            let message = format!(
                "shape name {name:?} is a name the generated code uses unqualified (a prelude type); rename the shape"
            );
            planner.clashes.push(NameClash {
                position: schema.position,
                message,
            });
        }
        planner.reserved.push(name.to_owned());
    }
    for (name, schema) in shapes.iter() {
        let mut schema = schema.clone();
        schema.shared = Some(name.to_owned());
        planner.ty(&schema, name, name, name);
    }
    match planner.clashes.is_empty() {
        true => Ok(planner.defs),
        false => Err(planner.clashes),
    }
}

/// The named types (of the shapes module when `shared`, else of this one)
/// of the request's fields that travel outside the body, through lists and
/// secrets (whose `ParamValue` asks it of their items).
fn param_types(request: &Struct, shared: bool) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for field in &request.fields {
        if matches!(field.location, Some(ParamIn::Body) | None) {
            continue;
        }
        let mut ty = &field.ty;
        while let Ty::Vec(inner) | Ty::Secret(inner) = ty {
            ty = inner;
        }
        let name = match (ty, shared) {
            (Ty::Named(name), false) | (Ty::Shared(name), true) => name,
            _ => continue,
        };
        if !names.contains(name) {
            names.push(name.clone());
        }
    }
    names
}

/// Whether a schema gets a named type: an object, or an enum.
fn is_named_kind(schema: &Schema) -> bool {
    matches!(schema.shape, Shape::Object { .. }) || !schema.shape.enum_values().is_empty()
}

struct Planner {
    types: Namespace,
    defs: Vec<TypeDef>,
    clashes: Vec<NameClash>,
    /// Whether the types being planned belong to a response.
    in_response: bool,
    shared: SharedShapes,
    /// The shared shapes planned so far, with their types (local mode).
    planned: Vec<(String, Ty)>,
    /// Shape names claimed up front, which their shapes' types take as is.
    reserved: Vec<String>,
}

impl Planner {
    fn new(shared: SharedShapes) -> Self {
        Planner {
            types: Namespace::for_types(),
            defs: Vec::new(),
            clashes: Vec::new(),
            in_response: false,
            shared,
            planned: Vec::new(),
            reserved: Vec::new(),
        }
    }

    /// The request struct. Its fields are also the parameters of the
    /// setters, where a name that is a value in the module's scope would be
    /// read as a pattern: the response type (a unit struct when the spec
    /// declares no body) and the prelude's variants.
    fn request(&mut self, spec: &Spec, name: String, response_name: &str) -> Struct {
        let mut idents = Namespace::reserving(&[response_name, "None", "Some", "Ok", "Err"]);
        let fields: Vec<FieldPlan> = spec
            .params
            .iter()
            .map(|param| self.param(param, &name, &mut idents))
            .collect();
        Struct {
            docs: docs::request(spec),
            name,
            fields,
        }
    }

    /// The builder of `request`, giving each field its setter. The setters
    /// take the fields' names, but for one that would be `build`; the
    /// type parameters and the hidden module share the module's namespace,
    /// so that none shadows a type the builder names.
    fn builder(&mut self, request: &mut Struct, name: String) -> Builder {
        let mut methods = Namespace::reserving(&["build"]);
        let markers = self.types.claim(&names::snake(&name), &[]);
        let mut states = 0;
        for field in &mut request.fields {
            let ident = methods.claim(&field.ident, &[format!("set_{}", field.ident)]);
            let required = field.required.then(|| {
                states += 1;
                Required {
                    state: self
                        .types
                        .claim(&format!("S{}", states - 1), &[format!("State{}", states - 1)]),
                    missing: docs::missing(&request.name, field, &ident),
                }
            });
            field.setter = Some(Setter {
                docs: docs::setter(field),
                ident,
                required,
            });
        }
        // The traits are named like the setters, so their parameter must not be.
        let value = methods.claim("T", &[]);
        Builder {
            docs: docs::builder(request),
            start_docs: docs::builder_start(request, &name),
            build: Method {
                ident: "build".to_owned(),
                docs: docs::build(request),
            },
            name,
            markers,
            value,
        }
    }

    fn param(&mut self, param: &Param, parent: &str, idents: &mut Namespace) -> FieldPlan {
        let natural = match param.location {
            ParamIn::Header => names::header_field(&param.field.name),
            _ => names::snake(&param.field.name),
        };
        let fallback = format!("{natural}_{}", param.location);
        let mut plan = self.field(&param.field, parent, idents, natural, fallback);
        plan.location = Some(param.location);
        plan.whole_body = param.whole_body;
        plan.docs.extend(docs::wire_location(param));
        if let Some(value) = &param.session {
            plan.session = Some(SessionSlot {
                value: value.clone(),
                required: plan.required,
            });
            // The builder does not ask for it: the session supplies it.
            plan.required = false;
        }
        plan
    }

    fn field(
        &mut self,
        field: &Field,
        parent: &str,
        idents: &mut Namespace,
        natural: String,
        fallback: String,
    ) -> FieldPlan {
        let ident = match &field.schema.rust_name {
            Some(exact) => self.exact(idents, &exact.name, exact.position, "field"),
            None => idents.claim(&natural, &[fallback]),
        };
        // Types follow the field's Rust name, so `X-Login-Type` gives `LoginType`.
        let type_base = names::camel(field.schema.rust_name.as_ref().map_or(&natural, |r| &r.name));
        FieldPlan {
            ty: self.ty(&field.schema, parent, &type_base, &field.name),
            ident,
            wire: field.name.clone(),
            location: None,
            required: field.required,
            // A list of secrets, or an object with a secret field, travels
            // as one text: the whole of it is redacted and marked sensitive.
            secret: field.schema.holds_secret(),
            whole_body: false,
            docs: docs::field(field),
            setter: None,
            session: None,
        }
    }

    fn exact(&mut self, namespace: &mut Namespace, name: &str, position: Position, what: &str) -> String {
        if !namespace.claim_exact(name) {
            let message = format!(
                "`rust_name` {name:?} names a {what} that is already taken (by another {what}, or by a name \
                 the generated code uses there); choose another name"
            );
            self.clashes.push(NameClash { position, message });
        }
        name.to_owned()
    }

    /// The Rust type of a schema; enums and objects get a named type,
    /// `base` suggests its name and `parent` disambiguates it.
    fn ty(&mut self, schema: &Schema, parent: &str, base: &str, wire: &str) -> Ty {
        let ty = match &schema.shared {
            Some(name) if is_named_kind(schema) => self.shared(schema, name, wire),
            _ => self.unshared(schema, parent, base, wire),
        };
        match schema.secret {
            true => Ty::Secret(Box::new(ty)),
            false => ty,
        }
    }

    /// The one type of a shared shape: in the sibling module, or planned
    /// here once. Its enums have the catch-all `Unknown` (and are
    /// `#[non_exhaustive]`) wherever it is used, since another operation
    /// may receive it.
    fn shared(&mut self, schema: &Schema, name: &str, wire: &str) -> Ty {
        if self.shared == SharedShapes::Sibling {
            return Ty::Shared(name.to_owned());
        }
        if let Some((_, ty)) = self.planned.iter().find(|(planned, _)| planned == name) {
            return ty.clone();
        }
        let in_response = std::mem::replace(&mut self.in_response, true);
        let ty = self.unshared(schema, "Shared", name, wire);
        self.in_response = in_response;
        self.planned.push((name.to_owned(), ty.clone()));
        ty
    }

    /// A type's name: a reserved shape name as is, once, else claimed.
    fn type_name(&mut self, parent: &str, base: &str) -> String {
        if let Some(index) = self.reserved.iter().position(|name| name == base) {
            return self.reserved.swap_remove(index);
        }
        self.types.claim(base, &[format!("{parent}{base}")])
    }

    /// The type of a schema, ignoring that it may be a shared shape.
    fn unshared(&mut self, schema: &Schema, parent: &str, base: &str, wire: &str) -> Ty {
        match &schema.shape {
            Shape::String { values, .. } if values.is_empty() => Ty::String,
            Shape::Integer {
                format: IntFormat::Int32,
                values,
                ..
            } if values.is_empty() => Ty::I32,
            Shape::Integer { values, .. } if values.is_empty() => Ty::I64,
            Shape::Number {
                format: FloatFormat::Float,
                ..
            } => Ty::F32,
            Shape::Number { .. } => Ty::F64,
            Shape::Boolean => Ty::Bool,
            Shape::String { .. } | Shape::Integer { .. } => Ty::Named(self.enumeration(schema, parent, base, wire)),
            Shape::Object { fields } => Ty::Named(self.object(schema, fields, parent, base, wire)),
            Shape::Array { items, .. } => Ty::Vec(Box::new(self.element(items, parent, base, wire, "Item", "[]"))),
            Shape::Map { values } => Ty::Map(Box::new(self.element(values, parent, base, wire, "Value", "{}"))),
            Shape::File => Ty::File,
        }
    }

    /// The type of an array's elements or a map's values: named by their
    /// `rust_name`, else after the container with `suffix` (`MembersItem`);
    /// `wire_suffix` marks them in docs (`members[]`, `labels{}`).
    fn element(
        &mut self,
        schema: &Schema,
        parent: &str,
        base: &str,
        wire: &str,
        suffix: &str,
        wire_suffix: &str,
    ) -> Ty {
        let element_base = schema
            .rust_name
            .as_ref()
            .map_or_else(|| format!("{base}{suffix}"), |r| names::camel(&r.name));
        self.ty(schema, parent, &element_base, &format!("{wire}{wire_suffix}"))
    }

    fn enumeration(&mut self, schema: &Schema, parent: &str, base: &str, wire: &str) -> String {
        let name = self.type_name(parent, base);
        let repr = match &schema.shape {
            Shape::Integer {
                format: IntFormat::Int32,
                ..
            } => Repr::I32,
            Shape::Integer { .. } => Repr::I64,
            _ => Repr::Str,
        };
        let mut idents = Namespace::default();
        let unknown = self.in_response.then(|| CatchAll {
            ident: idents.claim(UNKNOWN_VARIANT, &[]),
            docs: docs::unknown_variant(),
        });
        let variants = schema
            .shape
            .enum_values()
            .iter()
            .map(|value| {
                let wanted = value
                    .name
                    .as_deref()
                    .map(names::camel)
                    .or_else(|| value.description.as_deref().and_then(names::variant_from_phrase))
                    .unwrap_or_else(|| literal_name(&value.value));
                VariantPlan {
                    ident: idents.claim(&wanted, &[literal_name(&value.value)]),
                    value: value.value.clone(),
                    docs: docs::variant(value),
                }
            })
            .collect();
        let mut docs = docs::schema(schema, wire);
        if self.in_response {
            docs.extend(docs::unknown_values());
            docs.extend(docs::non_exhaustive("a variant for a value"));
        }
        self.defs.push(TypeDef::Enum(EnumPlan {
            docs,
            name: name.clone(),
            repr,
            variants,
            unknown,
        }));
        name
    }

    fn object(&mut self, schema: &Schema, fields: &[Field], parent: &str, base: &str, wire: &str) -> String {
        let name = self.type_name(parent, base);
        let index = self.defs.len();
        // Reserve the slot so that the type comes before the types of its fields.
        self.defs.push(TypeDef::Struct(Struct {
            name: name.clone(),
            docs: Vec::new(),
            fields: Vec::new(),
        }));
        let object = self.object_struct(name.clone(), docs::schema(schema, wire), fields);
        self.defs[index] = TypeDef::Struct(object);
        name
    }

    fn object_struct(&mut self, name: String, docs: Vec<String>, fields: &[Field]) -> Struct {
        let mut idents = Namespace::default();
        let fields = fields
            .iter()
            .map(|field| {
                let natural = names::snake(&field.name);
                let fallback = format!("{natural}_field");
                self.field(field, &name, &mut idents, natural, fallback)
            })
            .collect();
        Struct { name, docs, fields }
    }

    fn response(&mut self, spec: &Spec, base: &str, name: String) -> ResponsePlan {
        let successes: Vec<&Response> = spec.responses.iter().filter(|r| r.is_success()).collect();
        let docs = docs::response(spec);
        match successes.as_slice() {
            [only] => match &only.body {
                Some(Body::Fields(fields)) => ResponsePlan::Body(self.object_struct(name, docs, fields)),
                Some(Body::Whole(schema)) => {
                    let ty = self.ty(schema, &name, &name, "body");
                    ResponsePlan::Whole { name, docs, ty }
                }
                None => ResponsePlan::Unit { name, docs },
            },
            _ if successes.iter().all(|r| r.body.is_none()) => ResponsePlan::Unit { name, docs },
            _ => {
                let variants = self.status_variants(&successes, base, &[]);
                let mut docs = docs;
                docs.extend(docs::non_exhaustive("a variant for a status"));
                ResponsePlan::ByStatus { name, docs, variants }
            }
        }
    }

    fn error(&mut self, spec: &Spec, base: &str, name: String) -> ErrorPlan {
        let failures: Vec<&Response> = spec.responses.iter().filter(|r| !r.is_success()).collect();
        let statuses = self.status_variants(&failures, base, &FIXED_ERROR_VARIANTS);
        ErrorPlan {
            docs: docs::error(spec),
            name,
            statuses,
            home: ErrorHome::Own,
        }
    }

    /// A variant per status, named after its reason phrase; a declared body
    /// gets a struct named after the operation and the variant (`HandsOkBody`).
    fn status_variants(&mut self, responses: &[&Response], base: &str, reserved: &[&str]) -> Vec<StatusVariant> {
        let mut idents = Namespace::default();
        for name in reserved {
            idents.claim_exact(name);
        }
        responses
            .iter()
            .map(|response| {
                let ident = idents.claim(&status_name(response.status), &[format!("Status{}", response.status)]);
                let body = match (&response.body, response.is_success()) {
                    (Some(Body::Fields(fields)), _) => {
                        let body_name = self.types.claim(&format!("{base}{ident}Body"), &[]);
                        let object = self.object_struct(body_name.clone(), docs::status_body(response), fields);
                        self.defs.push(TypeDef::Struct(object));
                        Some(Ty::Named(body_name))
                    }
                    (Some(Body::Whole(schema)), _) => {
                        Some(self.ty(schema, base, &format!("{base}{ident}Body"), "body"))
                    }
                    (None, true) => None,
                    (None, false) => Some(Ty::ServiceError),
                };
                StatusVariant {
                    status: response.status,
                    ident,
                    body,
                    description: format!("{} {}", response.status, response.description),
                    docs: docs::status(response),
                }
            })
            .collect()
    }
}

impl Planner {
    /// The `Paged` impl's fields and types. The spec's checks made sure
    /// that each name exists and has the right type, so a failure here is
    /// a bug, reported at `paging` rather than generating a wrong impl.
    fn paging(
        &self,
        spec: &Spec,
        paging: &meeting_api_spec::Paging,
        request: &Struct,
        response: &ResponsePlan,
    ) -> Result<PagingPlan, NameClash> {
        let bug = |what: &str| NameClash {
            position: paging.position,
            message: format!(
                "cannot generate the paging of `{}`: {what}; this is a bug in meeting-api-codegen",
                spec.name
            ),
        };
        let param = |wire: &str| {
            request
                .fields
                .iter()
                .find(|f| f.location == Some(ParamIn::Query) && f.wire == wire && matches!(f.ty, Ty::I32 | Ty::I64))
                .map(|f| f.ident.clone())
                .ok_or_else(|| bug(&format!("no integer query field `{wire}`")))
        };
        // Only a path that steps into a catalog's shared shape needs the
        // shapes module's plan, which is then made again here.
        let deep = paging.items.len() > 1 || paging.total.as_ref().is_some_and(|t| t.len() > 1);
        let shapes = match (&spec.shapes, self.shared, deep) {
            (Some(shapes), SharedShapes::Sibling, true) => plan_shapes(shapes).unwrap_or_default(),
            _ => Vec::new(),
        };
        let walk = |path: &[String]| walk(response, &self.defs, &shapes, path);
        let (items, list) = walk(&paging.items).ok_or_else(|| bug("the items path"))?;
        let Ty::Vec(item) = list else {
            return Err(bug("the items are no list"));
        };
        let total = match &paging.total {
            Some(path) => match walk(path) {
                Some((steps, ty @ (Ty::I32 | Ty::I64))) => Some((steps, ty)),
                _ => return Err(bug("the total path")),
            },
            None => None,
        };
        Ok(PagingPlan {
            offset: param(&paging.offset)?,
            offset_wire: paging.offset.clone(),
            limit: param(&paging.limit)?,
            item: *item,
            items,
            total,
        })
    }
}

/// The fields along `path` from the response body, and the last one's
/// type; `defs` holds this module's structs, `shapes` the shapes module's
/// (whose types this module names as [`Ty::Shared`]).
fn walk(response: &ResponsePlan, defs: &[TypeDef], shapes: &[TypeDef], path: &[String]) -> Option<(Vec<Step>, Ty)> {
    let ResponsePlan::Body(body) = response else {
        return None;
    };
    let mut fields: &[FieldPlan] = &body.fields;
    let mut in_shapes = false;
    let mut steps = Vec::new();
    let mut last = None;
    for name in path {
        let field = fields.iter().find(|f| f.wire == *name)?;
        steps.push(Step {
            ident: field.ident.clone(),
            required: field.required,
        });
        let ty = if in_shapes {
            from_shapes(&field.ty)
        } else {
            field.ty.clone()
        };
        fields = match &ty {
            Ty::Named(name) => struct_fields(defs, name),
            Ty::Shared(name) => {
                in_shapes = true;
                struct_fields(shapes, name)
            }
            _ => &[],
        };
        last = Some(ty);
    }
    Some((steps, last?))
}

fn struct_fields<'d>(defs: &'d [TypeDef], name: &str) -> &'d [FieldPlan] {
    defs.iter()
        .find_map(|def| match def {
            TypeDef::Struct(object) if object.name == name => Some(object.fields.as_slice()),
            _ => None,
        })
        .unwrap_or_default()
}

/// A type of the shapes module as the operation's module names it.
fn from_shapes(ty: &Ty) -> Ty {
    match ty {
        Ty::Named(name) => Ty::Shared(name.clone()),
        Ty::Vec(inner) => Ty::Vec(Box::new(from_shapes(inner))),
        Ty::Map(inner) => Ty::Map(Box::new(from_shapes(inner))),
        Ty::Secret(inner) => Ty::Secret(Box::new(from_shapes(inner))),
        other => other.clone(),
    }
}

/// A variant name from a status's reason phrase (`400` → `BadRequest`).
fn status_name(status: u16) -> String {
    let reason = match status {
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        412 => "Precondition Failed",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => return format!("Status{status}"),
    };
    names::camel(reason)
}

/// A variant name from the value alone (`0` → `V0`, `-1` → `Minus1`,
/// `"INCREMENT"` → `Increment`).
fn literal_name(value: &Literal) -> String {
    match value {
        Literal::Integer(n) if *n < 0 => format!("Minus{}", n.unsigned_abs()),
        Literal::Integer(n) => format!("V{n}"),
        Literal::String(s) => names::camel(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn planned(spec_file: &str) -> Plan {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../runtime/tests/specs")
            .join(spec_file);
        let spec = meeting_api_spec::load(&path).unwrap_or_else(|error| panic!("{error}"));
        plan(&spec).unwrap_or_else(|clashes| panic!("{clashes:?}"))
    }

    /// Only a type that reaches an enum with `Unknown` is watched: an enum
    /// a response may hold (a shared shape's), directly, in a list, a map,
    /// a secret or a struct; strings and enums only requests use are not.
    #[test]
    fn a_type_may_hold_unknown_when_it_reaches_a_response_enum() {
        let plan = planned("unknown_values.yaml");
        let field = |wire: &str| {
            let field = plan.request.fields.iter().find(|f| f.wire == wire);
            field.unwrap_or_else(|| panic!("{wire}")).ty.clone()
        };
        let (item_id, state, order, item) = (field("itemID"), field("state"), field("order"), field("item"));
        assert!(!plan.may_hold_unknown(&item_id));
        assert!(!plan.may_hold_unknown(&order), "an enum only requests use");
        assert!(plan.may_hold_unknown(&state), "a shared shape's enum");
        assert!(plan.may_hold_unknown(&item), "a struct with one");
        for wrapped in [
            Ty::Vec(Box::new(state.clone())),
            Ty::Map(Box::new(state.clone())),
            Ty::Secret(Box::new(Ty::Vec(Box::new(item)))),
        ] {
            assert!(plan.may_hold_unknown(&wrapped), "{wrapped:?}");
        }
        assert!(!plan.may_hold_unknown(&Ty::Vec(Box::new(order))));
        assert!(
            plan.may_hold_unknown(&Ty::Shared("Item".to_owned())),
            "not planned here"
        );
    }
}
