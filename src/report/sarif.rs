//! SARIF 2.1.0 for code-scanning views: one result per finding, located on the answers file
//! line that decided it, fingerprinted by requirement and rule so a finding keeps its
//! identity across runs, and waived findings as accepted suppressions.

use std::collections::BTreeMap;

use anyhow::Result;
use serde::Serialize;

use super::{Document, Reporter};
use crate::assess::Grade;

/// The SARIF reporter.
pub struct Sarif;

// The log as typed records borrowing from the evaluation, so a large assessment is written
// without an intermediate JSON tree. Fields are in alphabetical order: the order the format's
// readers have always seen.

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [RunOut<'a>; 1],
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RunOut<'a> {
    artifacts: [Artifact<'a>; 1],
    column_kind: &'static str,
    invocations: [Invocation<'a>; 1],
    results: Vec<ResultOut<'a>>,
    tool: Tool<'a>,
}

#[derive(Serialize)]
struct Artifact<'a> {
    location: Uri<'a>,
}

#[derive(Serialize)]
struct Uri<'a> {
    uri: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation<'a> {
    execution_successful: bool,
    exit_code: u8,
    properties: RunProperties<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RunProperties<'a> {
    as_of: String,
    gates: Vec<GateOut<'a>>,
    score: Option<f64>,
    verdict: &'static str,
}

#[derive(Serialize)]
struct GateOut<'a> {
    detail: &'a str,
    gate: &'static str,
    passed: bool,
    target: &'a str,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
struct Driver<'a> {
    name: &'static str,
    rules: Vec<RuleOut<'a>>,
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleOut<'a> {
    default_configuration: LevelOut,
    full_description: Text<&'static str>,
    help: Text<String>,
    id: String,
    name: &'static str,
    properties: Tags<'a>,
    short_description: Text<String>,
}

#[derive(Serialize)]
struct LevelOut {
    level: &'static str,
}

#[derive(Serialize)]
struct Text<S> {
    text: S,
}

#[derive(Serialize)]
struct Tags<'a> {
    tags: (&'static str, String, &'a str),
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultOut<'a> {
    level: &'static str,
    locations: [Location<'a>; 1],
    message: Text<String>,
    partial_fingerprints: Fingerprints,
    properties: ResultProperties<'a>,
    rule_id: String,
    rule_index: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressions: Option<[Suppression; 1]>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: Physical<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Physical<'a> {
    artifact_location: Uri<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_column: u32,
    start_line: u32,
}

#[derive(Serialize)]
struct Fingerprints {
    #[serde(rename = "requirementRule/v1")]
    requirement_rule: String,
}

#[derive(Serialize)]
struct ResultProperties<'a> {
    clause: &'a str,
    grade: &'static str,
    requirement: &'a str,
}

#[derive(Serialize)]
struct Suppression {
    justification: String,
    kind: &'static str,
    status: &'static str,
}

impl Reporter for Sarif {
    fn render(&self, doc: &Document<'_>) -> Result<Vec<u8>> {
        let run = doc.run();
        let uri = uri_reference(run.answers_uri);
        // one rule per (requirement, finding rule) that occurs, in finding order
        let mut rule_index: BTreeMap<String, usize> = BTreeMap::new();
        let mut rules: Vec<RuleOut<'_>> = Vec::new();
        let mut results: Vec<ResultOut<'_>> = Vec::new();
        for f in &run.assessment.findings {
            let r = &run.catalogue.requirements[f.requirement];
            let rule_id = format!("{}/{}", r.id, f.rule.code());
            let index = *rule_index.entry(rule_id.clone()).or_insert_with(|| {
                rules.push(RuleOut {
                    default_configuration: LevelOut {
                        level: level(f.grade()),
                    },
                    full_description: Text {
                        text: f.rule.description(),
                    },
                    help: Text {
                        text: format!(
                            "{}\nWhat an auditor checks: {}\nAction: {}",
                            r.text, r.guidance, r.action
                        ),
                    },
                    id: rule_id.clone(),
                    name: f.rule.code(),
                    properties: Tags {
                        tags: (
                            "iso20000-1",
                            format!("clause-{}", r.clause),
                            f.grade().as_str(),
                        ),
                    },
                    short_description: Text {
                        text: format!("{} {}", r.id, r.text),
                    },
                });
                rules.len() - 1
            });
            let suppressions = f.waived.then(|| {
                let waiver = run.resolved[f.requirement].waiver.as_ref();
                let justification = waiver.map_or_else(String::new, |w| {
                    format!(
                        "{} (approved by {}, expires {})",
                        w.reason,
                        w.approved_by.as_deref().unwrap_or("unknown"),
                        w.expires.value
                    )
                });
                [Suppression {
                    justification,
                    kind: "external",
                    status: "accepted",
                }]
            });
            results.push(ResultOut {
                level: level(f.grade()),
                locations: [Location {
                    physical_location: Physical {
                        artifact_location: Uri { uri: &uri },
                        region: f.pos.map(|pos| Region {
                            start_column: pos.col.max(1),
                            start_line: pos.line,
                        }),
                    },
                }],
                message: Text {
                    text: format!(
                        "{} {}: {}. Action: {}",
                        r.id,
                        f.rule.code(),
                        f.message,
                        f.action.text
                    ),
                },
                partial_fingerprints: Fingerprints {
                    requirement_rule: format!("{}:{}", r.id, f.rule.code()),
                },
                properties: ResultProperties {
                    clause: &r.clause,
                    grade: f.grade().as_str(),
                    requirement: &r.id,
                },
                rule_id,
                rule_index: index,
                suppressions,
            });
        }
        let passed = run.gates.iter().all(|g| g.passed);
        let log = Log {
            schema: "https://json.schemastore.org/sarif-2.1.0.json",
            runs: [RunOut {
                artifacts: [Artifact {
                    location: Uri { uri: &uri },
                }],
                column_kind: "unicodeCodePoints",
                invocations: [Invocation {
                    execution_successful: true,
                    exit_code: if passed { 0 } else { 1 },
                    properties: RunProperties {
                        as_of: run.assessment.settings.as_of.to_string(),
                        gates: run
                            .gates
                            .iter()
                            .map(|g| GateOut {
                                detail: &g.detail,
                                gate: g.gate,
                                passed: g.passed,
                                target: &g.target,
                            })
                            .collect(),
                        score: run.assessment.score,
                        verdict: run.assessment.verdict.as_str(),
                    },
                }],
                results,
                tool: Tool {
                    driver: Driver {
                        name: "iso20k",
                        rules,
                        version: env!("CARGO_PKG_VERSION"),
                    },
                },
            }],
            version: "2.1.0",
        };
        let mut bytes = crate::view::escape::to_json(&log).into_bytes();
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
