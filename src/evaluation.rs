//! One run's facts, owned in one place: the catalogue, the answers, the assessment and the
//! gates' outcomes. Every output is laid out from an [`Evaluation`]; none re-derives a grade,
//! a count or a gate rule (a reporter that needs one asks for a field here or in
//! [`Assessment`]).

use std::path::Path;

use crate::answers::{AnswersFile, Resolved};
use crate::assess::Assessment;
use crate::assess::gates::GateResult;
use crate::catalogue::Catalogue;
use crate::view::Run;

/// Everything an assessing command worked out.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub catalogue: Catalogue,
    pub file: AnswersFile,
    /// One per catalogue requirement.
    pub resolved: Vec<Resolved>,
    pub assessment: Assessment,
    pub gates: Vec<GateResult>,
    /// For each catalogue requirement, the gates (indexes into `gates`) that its result fails,
    /// so a per-requirement output (JUnit) fails exactly where a gate does.
    pub failed_gates: Vec<Vec<usize>>,
    /// The answers file's path as outputs name it (see `Run::answers_uri`).
    pub answers_uri: String,
}

impl Evaluation {
    /// Bundles a run's facts, indexing which gates each requirement fails. `cwd` is the
    /// working directory that the answers file's path is shown relative to.
    pub fn new(
        catalogue: Catalogue,
        file: AnswersFile,
        resolved: Vec<Resolved>,
        assessment: Assessment,
        gates: Vec<GateResult>,
        cwd: Option<&Path>,
    ) -> Evaluation {
        let mut failed_gates = vec![Vec::new(); catalogue.requirements.len()];
        for (g, gate) in gates.iter().enumerate() {
            for &index in &gate.failing {
                failed_gates[index].push(g);
            }
        }
        let answers_uri = answers_uri(&file.path, cwd);
        Evaluation {
            answers_uri,
            catalogue,
            file,
            resolved,
            assessment,
            gates,
            failed_gates,
        }
    }

    /// True when no gate failed (or none was set).
    pub fn passed(&self) -> bool {
        self.gates.iter().all(|g| g.passed)
    }

    /// The borrowed view the reporters take.
    pub fn run(&self) -> Run<'_> {
        Run {
            catalogue: &self.catalogue,
            file: &self.file,
            resolved: &self.resolved,
            assessment: &self.assessment,
            gates: &self.gates,
            failed_gates: &self.failed_gates,
            answers_uri: &self.answers_uri,
        }
    }
}

/// The answers file's path as code-scanning tools want it: relative to the working directory,
/// with forward slashes.
pub fn answers_uri(path: &str, cwd: Option<&Path>) -> String {
    if path == "-" {
        return "stdin".into();
    }
    let p = Path::new(path);
    let relative = cwd
        .and_then(|cwd| p.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| p.to_path_buf());
    let text = relative.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").unwrap_or(&text).to_string()
}
