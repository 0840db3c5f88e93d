//! One run's facts, owned in one place: the catalogue, the answers, the assessment and the
//! gates' outcomes. Every output is laid out from an [`Evaluation`]; none re-derives a grade,
//! a count or a gate rule (a reporter that needs one asks for a field here or in
//! [`Assessment`]).

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
}

impl Evaluation {
    /// Bundles a run's facts, indexing which gates each requirement fails.
    pub fn new(
        catalogue: Catalogue,
        file: AnswersFile,
        resolved: Vec<Resolved>,
        assessment: Assessment,
        gates: Vec<GateResult>,
    ) -> Evaluation {
        let mut failed_gates = vec![Vec::new(); catalogue.requirements.len()];
        for (g, gate) in gates.iter().enumerate() {
            for &index in &gate.failing {
                failed_gates[index].push(g);
            }
        }
        Evaluation {
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
        }
    }
}
