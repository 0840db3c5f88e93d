//! Progress over time: what changed between two assessments (`diff`) and an answers file's
//! history in git (`trend`).
//!
//! Both compare [`Snapshot`]s: an assessment reduced to scores, statuses and findings keyed
//! by id, built from the engine's result or read back from `assess --format json`.

pub mod command;
pub mod diff;
pub mod diff_view;
pub mod git;
pub mod snapshot;
pub mod trend;

pub use diff::{Diff, compare};
pub use snapshot::Snapshot;
