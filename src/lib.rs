//! iso20k: gap assessments against ISO/IEC 20000-1:2018.
//!
//! The library never prints: commands return what to show and the binary's edge writes it.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod answers;
pub mod app;
pub mod assess;
pub mod brand;
pub mod catalogue;
pub mod collect;
pub mod config;
pub mod diag;
pub mod env;
pub mod evaluation;
pub mod evidence;
pub mod narrative;
pub mod output;
pub mod plan;
pub mod plan_options;
pub mod policy;
pub mod progress;
pub mod questionnaire;
pub mod report;
pub mod schema;
pub mod source;
pub mod view;
