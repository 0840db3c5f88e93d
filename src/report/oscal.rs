//! OSCAL: assessment results for GRC platforms, and the catalogue as an OSCAL catalog.
//!
//! Requirements become controls `req-<id>` grouped by clause; each requirement in scope gets
//! an observation (its status and evidence) and a finding (satisfied or not, with the
//! findings' rules). UUIDs are derived from the inputs (version 5) and timestamps from the
//! as-of date, so the same inputs give the same document.

use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Value, json};
use uuid::Uuid;

use super::{Document, Reporter};
use crate::catalogue::{Catalogue, Clause};

/// The OSCAL version the documents follow.
pub const OSCAL_VERSION: &str = "1.1.2";

/// The OSCAL assessment-results reporter.
pub struct Oscal;

/// A UUID derived from `parts`.
fn uuid(parts: &[&str]) -> String {
    Uuid::new_v5(
        &Uuid::NAMESPACE_OID,
        format!("iso20k\u{1f}{}", parts.join("\u{1f}")).as_bytes(),
    )
    .to_string()
}

fn timestamp(date: NaiveDate) -> String {
    format!("{date}T00:00:00+00:00")
}

/// An OSCAL id for a requirement.
fn control_id(requirement: &str) -> String {
    format!("req-{requirement}")
}

// Assessment results as typed records borrowing from the evaluation, so a large assessment
// is written without an intermediate JSON tree; fields in alphabetical order, as readers have
// always seen them.

#[derive(Serialize)]
struct ResultsDocument<'a> {
    #[serde(rename = "assessment-results")]
    assessment_results: AssessmentResults<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct AssessmentResults<'a> {
    import_ap: Href,
    metadata: Metadata<'a>,
    results: [ResultOut<'a>; 1],
    uuid: String,
}

#[derive(Serialize)]
struct Href {
    href: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Metadata<'a> {
    last_modified: &'a str,
    oscal_version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    parties: Option<[Party<'a>; 1]>,
    remarks: &'a str,
    title: String,
    version: &'a str,
}

#[derive(Serialize)]
struct Party<'a> {
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    uuid: String,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct ResultOut<'a> {
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    findings: Option<Vec<FindingOut>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    observations: Option<Vec<ObservationOut<'a>>>,
    reviewed_controls: ReviewedControls,
    start: &'a str,
    title: String,
    uuid: String,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct ReviewedControls {
    control_selections: [IncludeAll; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct IncludeAll {
    include_all: Empty,
}

#[derive(Serialize)]
struct Empty {}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct ObservationOut<'a> {
    collected: &'a str,
    description: String,
    methods: [&'static str; 2],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    relevant_evidence: Vec<Evidence<'a>>,
    title: String,
    uuid: String,
}

#[derive(Serialize)]
struct Evidence<'a> {
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    remarks: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct FindingOut {
    description: String,
    related_observations: [ObservationRef; 1],
    target: Target,
    title: String,
    uuid: String,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct ObservationRef {
    observation_uuid: String,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Target {
    status: State,
    target_id: String,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct State {
    state: &'static str,
}

impl Reporter for Oscal {
    fn render(&self, doc: &Document<'_>) -> Result<Vec<u8>> {
        let run = doc.run();
        let a = run.assessment;
        let org = &run.file.meta.organization;
        let as_of = a.settings.as_of.to_string();
        let key = |more: &str| uuid(&[&run.catalogue.id, org, &as_of, more]);
        let stamp = timestamp(a.settings.as_of);
        let mut observations = Vec::new();
        let mut findings = Vec::new();
        for res in a.in_scope() {
            let r = &run.catalogue.requirements[res.index];
            let answer = &run.resolved[res.index];
            let observation_uuid = key(&format!("observation {}", r.id));
            let mut description = format!("Status: {}.", res.status.as_str());
            if let Some(owner) = &answer.owner {
                description.push_str(&format!(" Owner: {owner}."));
            }
            if let Some(notes) = &answer.notes {
                description.push_str(&format!(" Notes: {notes}"));
            }
            observations.push(ObservationOut {
                collected: &stamp,
                description,
                methods: ["EXAMINE", "INTERVIEW"],
                relevant_evidence: answer
                    .evidence
                    .iter()
                    .map(|e| Evidence {
                        description: e,
                        remarks: answer
                            .reviewed
                            .as_ref()
                            .map(|reviewed| format!("reviewed {}", reviewed.value)),
                    })
                    .collect(),
                title: format!("{} {}", r.id, res.status.as_str()),
                uuid: observation_uuid.clone(),
            });
            let rules: Vec<String> = a
                .findings_of(res.index)
                .iter()
                .map(|f| format!("{} Action: {}", f.summary(), f.action.text))
                .collect();
            let state = if res.met {
                "satisfied"
            } else {
                "not-satisfied"
            };
            let description = if rules.is_empty() {
                format!("{} Met.", r.text)
            } else {
                format!("{} Findings: {}", r.text, rules.join("; "))
            };
            findings.push(FindingOut {
                description,
                related_observations: [ObservationRef { observation_uuid }],
                target: Target {
                    status: State { state },
                    target_id: control_id(&r.id),
                    kind: "objective-id",
                },
                title: format!("{} {}", r.id, state),
                uuid: key(&format!("finding {}", r.id)),
            });
        }
        let any = !observations.is_empty();
        let result = ResultOut {
            description: format!(
                "Score {}, verdict {}, {}.",
                crate::view::rows::score_text(run),
                a.verdict.as_str(),
                a.finding_counts
            ),
            findings: any.then_some(findings),
            observations: any.then_some(observations),
            reviewed_controls: ReviewedControls {
                control_selections: [IncludeAll {
                    include_all: Empty {},
                }],
            },
            start: &stamp,
            title: format!("Gap assessment of {org} against {}", run.catalogue.id),
            uuid: key("result"),
        };
        let document = ResultsDocument {
            assessment_results: AssessmentResults {
                import_ap: Href {
                    href: "#assessment-plan",
                },
                metadata: Metadata {
                    last_modified: &stamp,
                    oscal_version: OSCAL_VERSION,
                    parties: run.file.meta.assessor.as_deref().map(|assessor| {
                        [Party {
                            name: assessor,
                            kind: "person",
                            uuid: key("assessor"),
                        }]
                    }),
                    remarks: &run.catalogue.notice,
                    title: format!(
                        "{} gap assessment: {org}",
                        crate::view::rows::short_title(&run.catalogue.title)
                    ),
                    version: &as_of,
                },
                results: [result],
                uuid: key("assessment-results"),
            },
        };
        let mut bytes = crate::view::escape::to_json(&document).into_bytes();
        bytes.push(b'\n');
        Ok(bytes)
    }
}

/// The catalogue as an OSCAL catalog: a group per clause, a control per requirement with its
/// statement, guidance, evidence and action as parts.
pub fn catalog(catalogue: &Catalogue, as_of: NaiveDate) -> Result<Vec<u8>> {
    let groups: Vec<Value> = catalogue
        .clauses
        .iter()
        .filter(|c| c.parent.is_none())
        .map(|c| group(catalogue, c))
        .collect();
    let document = json!({
        "catalog": {
            "uuid": uuid(&[&catalogue.id, &catalogue.version, "catalog"]),
            "metadata": {
                "title": catalogue.title,
                "last-modified": timestamp(as_of),
                "version": catalogue.version,
                "oscal-version": OSCAL_VERSION,
                "remarks": catalogue.notice,
            },
            "groups": groups
        }
    });
    let mut bytes = crate::view::escape::to_json(&document).into_bytes();
    bytes.push(b'\n');
    Ok(bytes)
}

fn group(catalogue: &Catalogue, clause: &Clause) -> Value {
    let mut group = json!({
        "id": format!("clause-{}", clause.id),
        "class": "clause",
        "title": clause.title,
        "props": [ { "name": "label", "value": clause.id } ],
    });
    if !clause.children.is_empty() {
        group["groups"] = Value::Array(
            clause
                .children
                .iter()
                .map(|&i| self::group(catalogue, &catalogue.clauses[i]))
                .collect(),
        );
    }
    if !clause.requirements.is_empty() {
        group["controls"] = Value::Array(
            clause
                .requirements
                .iter()
                .map(|&i| {
                    let r = &catalogue.requirements[i];
                    let id = control_id(&r.id);
                    let mut props = vec![
                        json!({ "name": "label", "value": r.id }),
                        json!({ "name": "documented-information", "ns": "urn:iso20k", "value": r.documented_information.as_str() }),
                        json!({ "name": "effort-days", "ns": "urn:iso20k", "value": r.effort_days.to_string() }),
                    ];
                    if let Some(condition) = &r.condition {
                        props.push(json!({ "name": "condition", "ns": "urn:iso20k", "value": condition }));
                    }
                    json!({
                        "id": id,
                        "class": "requirement",
                        "title": format!("{} {}", r.id, clause.title),
                        "props": props,
                        "parts": [
                            { "id": format!("{id}_smt"), "name": "statement", "prose": r.text },
                            { "id": format!("{id}_gdn"), "name": "guidance", "prose": r.guidance },
                            { "id": format!("{id}_obj"), "name": "assessment-objective",
                              "prose": format!("Typical evidence: {}.", r.evidence.join("; ")) },
                            { "id": format!("{id}_act"), "name": "remediation", "ns": "urn:iso20k", "prose": r.action },
                        ]
                    })
                })
                .collect(),
        );
    }
    group
}
