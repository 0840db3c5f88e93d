//! Text views for people: tables and pages sized to the terminal.
//!
//! Data formats (JSON, CSV, ...) live beside the views that share their inputs; everything
//! here returns strings and never prints.

pub mod assess;
pub mod assess_json;
pub mod catalogue;
pub mod escape;
pub mod plan;
pub mod plan_audits;
pub mod plan_csv;
pub mod plan_ics;
pub mod plan_json;
pub mod plan_mermaid;
pub mod rows;
pub mod style;
pub mod summary;

use crate::answers::{AnswersFile, Resolved};
use crate::assess::Assessment;
use crate::assess::gates::GateResult;
use crate::catalogue::Catalogue;

/// Everything an assessment view shows.
#[derive(Debug, Clone, Copy)]
pub struct Run<'a> {
    pub catalogue: &'a Catalogue,
    pub file: &'a AnswersFile,
    /// One per catalogue requirement.
    pub resolved: &'a [Resolved],
    pub assessment: &'a Assessment,
    pub gates: &'a [GateResult],
    /// Per catalogue requirement, the indexes of the gates its result fails.
    pub failed_gates: &'a [Vec<usize>],
    /// The answers file's path as outputs name it: relative to the working directory, with
    /// forward slashes (`stdin` for standard input).
    pub answers_uri: &'a str,
}
