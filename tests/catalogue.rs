//! The shipped ISO/IEC 20000-1:2018 catalogue: complete, well-formed and self-consistent.

use iso20k::catalogue::{Catalogue, DocumentedInformation};

fn embedded() -> Catalogue {
    Catalogue::embedded().unwrap_or_else(|report| panic!("{}", report.render(false)))
}

/// The catalogue compiled into the binary by build.rs is the one the normal loader reads
/// from the shipped YAML, field for field and position for position.
#[test]
fn the_compiled_catalogue_equals_the_shipped_yaml() {
    let text = include_str!("../requirements/iso20000-1-2018.yaml");
    let (loaded, warnings) = iso20k::catalogue::parse(iso20k::catalogue::EMBEDDED_PATH, text)
        .unwrap_or_else(|report| panic!("{}", report.render(false)));
    assert!(
        warnings.diagnostics.is_empty(),
        "{}",
        warnings.render(false)
    );
    let compiled = embedded();
    assert_eq!(compiled.requirements.len(), loaded.requirements.len());
    for (c, l) in compiled.requirements.iter().zip(&loaded.requirements) {
        assert_eq!(c, l);
    }
    assert_eq!(compiled, loaded);
}

/// Every heading of clauses 4 to 10: number and title, as the standard numbers them.
const HEADINGS: &str = include_str!("fixtures/iso20000-1-2018-clauses.tsv");

#[test]
fn every_heading_of_the_standard_is_present_with_its_title() {
    let catalogue = embedded();
    let expected: Vec<(&str, &str)> = HEADINGS
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split_once('\t').unwrap())
        .collect();
    assert_eq!(expected.len(), 77);
    let actual: Vec<(&str, &str)> = catalogue
        .clauses
        .iter()
        .map(|c| (c.id.as_str(), c.title.as_str()))
        .collect();
    assert_eq!(actual, expected);
    assert_eq!(catalogue.clauses.iter().filter(|c| c.is_leaf()).count(), 57);
}

#[test]
fn every_leaf_clause_has_requirements_unless_a_note_says_why_and_only_leaves_do() {
    let catalogue = embedded();
    for clause in &catalogue.clauses {
        if clause.is_leaf() {
            assert!(
                !clause.requirements.is_empty() || clause.note.is_some(),
                "leaf {} has no requirements and no note saying why",
                clause.id
            );
        } else {
            assert!(
                clause.requirements.is_empty(),
                "{} is not a leaf",
                clause.id
            );
        }
    }
    let n = catalogue.requirements.len();
    assert!((200..=250).contains(&n), "{n} requirements");
}

#[test]
fn every_field_is_filled_in() {
    let catalogue = embedded();
    assert_eq!(catalogue.id, "iso20000-1:2018");
    assert!(catalogue.notice.contains("paraphrase"));
    for r in &catalogue.requirements {
        let ctx = &r.id;
        assert!(r.text.trim().len() > 20, "{ctx}: text");
        assert!(r.guidance.trim().len() > 20, "{ctx}: guidance");
        assert!(
            !r.evidence.is_empty() && r.evidence.iter().all(|e| !e.trim().is_empty()),
            "{ctx}: evidence"
        );
        assert!(r.action.trim().len() > 10, "{ctx}: action");
        assert!(
            r.effort_days > 0.0 && r.effort_days <= 30.0,
            "{ctx}: effort {}",
            r.effort_days
        );
        assert!(r.weight > 0.0, "{ctx}: weight");
        assert_eq!(r.conditional, r.condition.is_some(), "{ctx}: condition");
        let (clause, n) = iso20k::catalogue::split_requirement_id(&r.id).unwrap();
        assert_eq!(clause, r.clause, "{ctx}: id prefix");
        assert!(
            n as usize <= catalogue.clause(clause).unwrap().requirements.len(),
            "{ctx}: numbering has gaps"
        );
    }
}

#[test]
fn documented_information_and_conditions_are_marked_where_the_standard_demands() {
    let catalogue = embedded();
    let maintain_in = |clause: &str| {
        catalogue
            .requirements_under(clause)
            .filter(|r| r.documented_information == DocumentedInformation::Maintain)
            .count()
    };
    // the scope, the policy, the plan, the documented information of 7.5.4 and the catalogue
    for clause in [
        "4.3", "5.2.1", "6.3", "7.5.4", "8.2.4", "8.3.3", "8.5.1.1", "8.7.3.1",
    ] {
        assert!(
            maintain_in(clause) > 0,
            "{clause} has no document to maintain"
        );
    }
    let retain_in = |clause: &str| {
        catalogue
            .requirements_under(clause)
            .filter(|r| r.documented_information == DocumentedInformation::Retain)
            .count()
    };
    for clause in ["9.2", "9.3", "10.1"] {
        assert!(retain_in(clause) > 0, "{clause} has no record to retain");
    }
    assert!(
        catalogue
            .requirements_under("8.3.4.2")
            .all(|r| r.conditional)
    );
    let amended: Vec<&str> = catalogue
        .requirements
        .iter()
        .filter(|r| r.amendment.is_some())
        .map(|r| r.clause.as_str())
        .collect();
    assert!(
        amended.contains(&"4.1"),
        "Amendment 1 (2024) on climate change belongs in 4.1"
    );
}

#[test]
fn operation_depends_on_the_scope_and_the_plan() {
    let catalogue = embedded();
    let depends_transitively = |id: &str, target: &str| {
        let mut stack = vec![id.to_string()];
        let mut seen = std::collections::HashSet::new();
        while let Some(at) = stack.pop() {
            if !seen.insert(at.clone()) {
                continue;
            }
            if iso20k::catalogue::clause_contains(target, &at)
                || at.split('-').next().is_some_and(|c| {
                    iso20k::catalogue::clause_contains(target, c) && at.contains('-')
                })
            {
                return true;
            }
            if let Some(r) = catalogue.requirement(&at) {
                stack.extend(r.depends_on.iter().cloned());
            }
        }
        false
    };
    let leaves_of_8: Vec<&str> = catalogue
        .clauses
        .iter()
        .filter(|c| c.is_leaf() && c.id.starts_with("8.") && !c.requirements.is_empty())
        .map(|c| c.id.as_str())
        .collect();
    for leaf in leaves_of_8 {
        let reqs: Vec<&str> = catalogue
            .requirements_under(leaf)
            .map(|r| r.id.as_str())
            .collect();
        assert!(
            reqs.iter().any(|r| depends_transitively(r, "4.3")),
            "{leaf} does not build on the scope (4.3)"
        );
        assert!(
            reqs.iter().any(|r| depends_transitively(r, "6.3")),
            "{leaf} does not build on the SMS plan (6.3)"
        );
    }
    assert!(
        catalogue
            .requirements_under("9.3")
            .any(|r| depends_transitively(&r.id, "9.2"))
    );
}
