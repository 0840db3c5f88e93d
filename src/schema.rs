//! The JSON Schema of the answers file (`iso20k schema`), so editors can validate and
//! complete answers files as they are written. The tool's own validation is stricter (ids
//! must exist in the catalogue, dates must be real); the schema catches the rest early.

/// The schema, as shipped in `schema/answers.schema.json`.
pub const ANSWERS_SCHEMA: &str = include_str!("../schema/answers.schema.json");
