#![allow(clippy::unwrap_used)] // a test that cannot set itself up should fail loudly
//! Ids keep their spelling wherever one is read: an unquoted `1.20` in a catalogue's clause
//! list or `depends_on`, a policy's `require` or an answers key is clause 1.20, never 1.2.

use iso20k::catalogue::Catalogue;

/// A catalogue whose clause 1.20 sits beside clause 1.2, every id written unquoted.
const TWENTY: &str = "id: t:1
title: T
version: 1.10
notice: N
clauses:
  - {id: 1, title: One}
  - {id: 1.2, title: One two}
  - {id: 1.20, title: One twenty}
  - {id: 1.3, title: One three}
requirements:
  - {id: 1.2-1, clause: 1.2, text: T, guidance: G, evidence: [E], documented_information: none, action: A, effort_days: 1}
  - {id: 1.20-1, clause: 1.20, text: T, guidance: G, evidence: [E], documented_information: none, action: A, effort_days: 1}
  - {id: 1.3-1, clause: 1.3, text: T, guidance: G, evidence: [E], documented_information: none, action: A, effort_days: 1, depends_on: [1.20, 1.2-1]}
";

fn twenty() -> Catalogue {
    iso20k::catalogue::parse("twenty.yaml", TWENTY)
        .unwrap_or_else(|r| panic!("{}", r.render(false)))
        .0
}

#[test]
fn an_unquoted_clause_list_keeps_1_20() {
    let c = twenty();
    let ids: Vec<&str> = c.clauses.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["1", "1.2", "1.3", "1.20"]);
    assert_eq!(c.version, "1.10");
    assert_eq!(c.requirement("1.20-1").unwrap().clause, "1.20");
}

#[test]
fn an_unquoted_depends_on_keeps_1_20() {
    let c = twenty();
    assert_eq!(
        c.requirement("1.3-1").unwrap().depends_on,
        ["1.20", "1.2-1"]
    );
}

#[test]
fn an_unquoted_policy_require_keeps_1_20() {
    let c = twenty();
    let policy = iso20k::policy::parse("p.yaml", "require: [1.20, 1.2]\n", &c)
        .unwrap_or_else(|r| panic!("{}", r.render(false)));
    assert_eq!(policy.gates.require, ["1.20", "1.2"]);
}

#[test]
fn an_unquoted_answers_key_keeps_1_20() {
    use iso20k::answers::Subject;
    let c = twenty();
    let text = "assessment:\n  organization: A\nanswers:\n  1.20: implemented\n  1.2: partial\n";
    let (file, _) = iso20k::answers::parse("a.yaml", text, &c)
        .unwrap_or_else(|r| panic!("{}", r.render(false)));
    let subjects: Vec<&Subject> = file.entries.iter().map(|e| &e.subject).collect();
    assert_eq!(
        subjects,
        [
            &Subject::Clause("1.20".into()),
            &Subject::Clause("1.2".into())
        ]
    );
}
