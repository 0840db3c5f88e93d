//! SARIF 2.1.0 for code-scanning views: one result per finding, located on the answers file
//! line that decided it, fingerprinted by requirement and rule so a finding keeps its
//! identity across runs, and waived findings as accepted suppressions.

use std::collections::BTreeMap;

use anyhow::Result;
use serde_json::{Value, json};

use super::{Document, Reporter};
use crate::assess::Grade;

/// The SARIF reporter.
pub struct Sarif;

impl Reporter for Sarif {
    fn render(&self, doc: &Document<'_>) -> Result<Vec<u8>> {
        let run = doc.run();
        let uri = uri_reference(doc.run().answers_uri);
        // one rule per (requirement, finding rule) that occurs, in finding order
        let mut rule_index: BTreeMap<String, usize> = BTreeMap::new();
        let mut rules: Vec<Value> = Vec::new();
        let mut results: Vec<Value> = Vec::new();
        for f in &run.assessment.findings {
            let r = &run.catalogue.requirements[f.requirement];
            let rule_id = format!("{}/{}", r.id, f.rule.code());
            let index = *rule_index.entry(rule_id.clone()).or_insert_with(|| {
                rules.push(json!({
                    "id": rule_id,
                    "name": f.rule.code(),
                    "shortDescription": { "text": format!("{} {}", r.id, r.text) },
                    "fullDescription": { "text": f.rule.description() },
                    "help": {
                        "text": format!("{}\nWhat an auditor checks: {}\nAction: {}", r.text, r.guidance, r.action)
                    },
                    "defaultConfiguration": { "level": level(f.grade()) },
                    "properties": { "tags": ["iso20000-1", format!("clause-{}", r.clause), f.grade().as_str()] }
                }));
                rules.len() - 1
            });
            let mut physical = json!({ "artifactLocation": { "uri": uri } });
            if let Some(pos) = f.pos {
                physical["region"] =
                    json!({ "startLine": pos.line, "startColumn": pos.col.max(1) });
            }
            let mut result = json!({
                "ruleId": rule_id,
                "ruleIndex": index,
                "level": level(f.grade()),
                "message": { "text": format!("{} {}: {}. Action: {}", r.id, f.rule.code(), f.message, f.action.text) },
                "locations": [ { "physicalLocation": physical } ],
                "partialFingerprints": { "requirementRule/v1": format!("{}:{}", r.id, f.rule.code()) },
                "properties": { "grade": f.grade().as_str(), "requirement": r.id, "clause": r.clause }
            });
            if f.waived {
                let waiver = run.resolved[f.requirement].waiver.as_ref();
                let justification = waiver.map_or_else(String::new, |w| {
                    format!(
                        "{} (approved by {}, expires {})",
                        w.reason,
                        w.approved_by.as_deref().unwrap_or("unknown"),
                        w.expires.value
                    )
                });
                result["suppressions"] = json!([{ "kind": "external", "status": "accepted", "justification": justification }]);
            }
            results.push(result);
        }
        let passed = run.gates.iter().all(|g| g.passed);
        let sarif = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": {
                    "name": "iso20k",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules
                } },
                "invocations": [{
                    "executionSuccessful": true,
                    "exitCode": if passed { 0 } else { 1 },
                    "properties": {
                        "score": run.assessment.score,
                        "verdict": run.assessment.verdict.as_str(),
                        "asOf": run.assessment.settings.as_of.to_string(),
                        "gates": run.gates.iter().map(|g| json!({
                            "gate": g.gate, "target": g.target, "passed": g.passed, "detail": g.detail
                        })).collect::<Vec<_>>()
                    }
                }],
                "artifacts": [ { "location": { "uri": uri } } ],
                "columnKind": "unicodeCodePoints",
                "results": results
            }]
        });
        let mut bytes = crate::view::escape::to_json(&sarif).into_bytes();
        bytes.push(b'\n');
        Ok(bytes)
    }
}

fn level(grade: Grade) -> &'static str {
    match grade {
        Grade::Major => "error",
        Grade::Minor => "warning",
        Grade::Observation => "note",
    }
}

/// A relative path as a URI reference: forward slashes, and the characters that would end or
/// change the path percent-encoded.
fn uri_reference(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.replace('\\', "/").chars() {
        match c {
            '%' => out.push_str("%25"),
            ' ' => out.push_str("%20"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}
