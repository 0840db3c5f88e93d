//! Text views for people: tables and pages sized to the terminal.
//!
//! Data formats (JSON, CSV, ...) live beside the views that share their inputs; everything
//! here returns strings and never prints.

pub mod catalogue;
pub mod escape;
pub mod style;
