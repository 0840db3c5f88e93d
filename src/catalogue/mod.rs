//! The catalogue of the standard's requirements: the clause tree and the atomic requirements
//! under its leaves.
//!
//! The catalogue of ISO/IEC 20000-1:2018 ships inside the binary; `--catalogue FILE` loads
//! another one with the same validation. Queries here are what every command needs: walking
//! clauses in document order, the requirements below a clause, and lookups by id.

mod deps;
mod embedded;
mod load;

use std::collections::HashMap;

pub use load::{EMBEDDED_PATH, load_file, parse};

use crate::diag::Pos;

/// A requirement's fields in a catalogue file, in the order every listing of them uses.
pub const REQUIREMENT_FIELDS: [&str; 14] = [
    "id",
    "clause",
    "text",
    "guidance",
    "evidence",
    "documented_information",
    "conditional",
    "condition",
    "amendment",
    "trigger",
    "weight",
    "action",
    "effort_days",
    "depends_on",
];

/// What the standard asks the organization to keep as documented information.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocumentedInformation {
    /// A document kept up to date (scope, policies, plans, procedures, catalogue, SLAs).
    Maintain,
    /// A record that exists once the system operates (audit results, review outputs).
    Retain,
    /// Nothing documented is demanded.
    None,
}

impl DocumentedInformation {
    /// The catalogue spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentedInformation::Maintain => "maintain",
            DocumentedInformation::Retain => "retain",
            DocumentedInformation::None => "none",
        }
    }

    /// Every accepted spelling, for suggestions.
    pub const NAMES: [&'static str; 3] = ["maintain", "retain", "none"];

    /// Parses the catalogue spelling.
    pub fn parse(s: &str) -> Option<DocumentedInformation> {
        match s {
            "maintain" => Some(DocumentedInformation::Maintain),
            "retain" => Some(DocumentedInformation::Retain),
            "none" => Some(DocumentedInformation::None),
            _ => None,
        }
    }
}

/// A clause or sub-clause heading.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    /// The clause number, e.g. `8.5.1.3`.
    pub id: String,
    pub title: String,
    /// Why the clause is as it is, e.g. a leaf with no obligation of its own.
    pub note: Option<String>,
    /// Index of the parent clause in [`Catalogue::clauses`].
    pub parent: Option<usize>,
    /// Indexes of the direct sub-clauses, in document order.
    pub children: Vec<usize>,
    /// Indexes of the requirements filed directly under this clause (leaves only).
    pub requirements: Vec<usize>,
    /// Nesting depth: 0 for the top clauses 4 to 10.
    pub depth: usize,
}

impl Clause {
    /// A clause with no sub-clauses: requirements live only under leaves.
    pub fn is_leaf(&self) -> bool {
        self.children.is_empty()
    }
}

/// One atomic requirement: one obligation an auditor checks.
#[derive(Debug, Clone, PartialEq)]
pub struct Requirement {
    /// `<clause>-<n>`, e.g. `8.6.1-3`.
    pub id: String,
    /// The leaf clause it belongs to.
    pub clause: String,
    /// What must be true, in one sentence.
    pub text: String,
    /// What an auditor looks at.
    pub guidance: String,
    /// Typical records and documents.
    pub evidence: Vec<String>,
    pub documented_information: DocumentedInformation,
    /// True only where the standard makes the requirement depend on a situation.
    pub conditional: bool,
    /// That situation, in words, when `conditional`.
    pub condition: Option<String>,
    /// The amendment that introduced it, when not the original text.
    pub amendment: Option<String>,
    /// The event that gives rise to the obligation ("a major incident"), when it only
    /// arises once that event happens; `not-triggered` is then a valid answer.
    pub trigger: Option<String>,
    /// Relative weight in scores, from 0.01 to 1000.
    pub weight: f64,
    /// The remediation step, imperative.
    pub action: String,
    /// Typical effort to close it from nothing, in person-days.
    pub effort_days: f64,
    /// Requirement or clause ids that must be in place first.
    pub depends_on: Vec<String>,
    /// Where each of `depends_on` is written, for messages.
    pub depends_on_pos: Vec<Pos>,
    /// Where it is defined in the catalogue file.
    pub pos: Pos,
}

/// A loaded, validated catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalogue {
    pub id: String,
    pub title: String,
    pub version: String,
    pub notice: String,
    /// Every clause in document order.
    pub clauses: Vec<Clause>,
    /// Every requirement in document order (by clause, then by number).
    pub requirements: Vec<Requirement>,
    clause_index: HashMap<String, usize>,
    requirement_index: HashMap<String, usize>,
}

/// A clause or a requirement, as found by [`Catalogue::lookup`].
#[derive(Debug, Clone, Copy)]
pub enum Item<'a> {
    Clause(&'a Clause),
    Requirement(&'a Requirement),
}

impl Catalogue {
    /// The catalogue built into the binary, compiled from its YAML at build time: no YAML
    /// is parsed here.
    pub fn embedded() -> Result<Catalogue, crate::diag::Report> {
        load::from_tree(EMBEDDED_PATH, embedded::tree(), "").map(|(catalogue, _warnings)| catalogue)
    }

    /// The clause with this id.
    pub fn clause(&self, id: &str) -> Option<&Clause> {
        self.clause_index.get(id).map(|&i| &self.clauses[i])
    }

    /// The index of the clause with this id.
    pub fn clause_position(&self, id: &str) -> Option<usize> {
        self.clause_index.get(id).copied()
    }

    /// The requirement with this id.
    pub fn requirement(&self, id: &str) -> Option<&Requirement> {
        self.requirement_index
            .get(id)
            .map(|&i| &self.requirements[i])
    }

    /// The index of the requirement with this id.
    pub fn requirement_position(&self, id: &str) -> Option<usize> {
        self.requirement_index.get(id).copied()
    }

    /// A clause or requirement by id; ids are matched as written, after trimming.
    pub fn lookup(&self, id: &str) -> Option<Item<'_>> {
        let id = id.trim();
        self.clause(id)
            .map(Item::Clause)
            .or_else(|| self.requirement(id).map(Item::Requirement))
    }

    /// Every clause and requirement id, for suggestions.
    pub fn all_ids(&self) -> impl Iterator<Item = &str> {
        self.clauses
            .iter()
            .map(|c| c.id.as_str())
            .chain(self.requirements.iter().map(|r| r.id.as_str()))
    }

    /// The ids nearest to `id`, for "did you mean" messages. Prefers ids that share the
    /// clause prefix, then string similarity.
    pub fn suggest(&self, id: &str) -> Option<String> {
        // A requirement number past the end of a known clause: list what the clause has.
        if let Some((clause, _)) = split_requirement_id(id)
            && let Some(c) = self.clause(clause).filter(|c| c.is_leaf())
        {
            let ids: Vec<String> = c
                .requirements
                .iter()
                .map(|&i| format!("`{}`", self.requirements[i].id))
                .collect();
            let list = match ids.as_slice() {
                [] => String::from("no requirements"),
                [one] => one.clone(),
                [init @ .., last] => format!("{} and {last}", init.join(", ")),
            };
            return Some(format!("clause {clause} has {list}"));
        }
        // A clause number that does not exist: a requirement written with a dot for its dash
        // (`8.6.1.2` for `8.6.1-2`), else the sub-clauses of its parent.
        if is_clause_id(id) {
            if let Some((clause, n)) = id.rsplit_once('.') {
                let dashed = format!("{clause}-{n}");
                if self.requirement(&dashed).is_some() {
                    return Some(format!(
                        "did you mean `{dashed}`? requirement ids end in `-<n>`"
                    ));
                }
            }
            if let Some(parent) = parent_clause(id).and_then(|p| self.clause(p)) {
                let subs: Vec<&str> = parent
                    .children
                    .iter()
                    .map(|&i| self.clauses[i].id.as_str())
                    .collect();
                if !subs.is_empty() {
                    return Some(format!(
                        "clause {} has sub-clauses {}",
                        parent.id,
                        subs.join(", ")
                    ));
                }
            }
            let tops: Vec<&str> = self
                .clauses
                .iter()
                .filter(|c| c.parent.is_none())
                .map(|c| c.id.as_str())
                .collect();
            return crate::diag::did_you_mean(id, self.clauses.iter().map(|c| c.id.as_str()))
                .or_else(|| Some(format!("the top clauses are {}", tops.join(", "))));
        }
        crate::diag::did_you_mean(id, self.all_ids())
    }

    /// The requirements below clause `id` (at any depth), in document order.
    pub fn requirements_under(&self, id: &str) -> impl Iterator<Item = &Requirement> {
        let id = id.to_string();
        self.requirements
            .iter()
            .filter(move |r| clause_contains(&id, &r.clause))
    }

    /// The clauses below and including clause `id`, in document order.
    pub fn clauses_under(&self, id: &str) -> impl Iterator<Item = &Clause> {
        let id = id.to_string();
        self.clauses
            .iter()
            .filter(move |c| clause_contains(&id, &c.id))
    }

    /// The chain of clause ids from the top clause down to `id` (inclusive).
    pub fn ancestry(&self, id: &str) -> Vec<&Clause> {
        let mut chain = Vec::new();
        let mut at = self.clause_position(id);
        while let Some(i) = at {
            chain.push(&self.clauses[i]);
            at = self.clauses[i].parent;
        }
        chain.reverse();
        chain
    }
}

/// True when clause `outer` is `inner` or one of its ancestors (`8.5` contains `8.5.1.2`).
pub fn clause_contains(outer: &str, inner: &str) -> bool {
    inner == outer
        || (inner.len() > outer.len()
            && inner.starts_with(outer)
            && inner.as_bytes()[outer.len()] == b'.')
}

/// The parent clause id of `id` (`8.5.1` for `8.5.1.2`), `None` for a top clause.
pub fn parent_clause(id: &str) -> Option<&str> {
    id.rsplit_once('.').map(|(parent, _)| parent)
}

/// The top clause of `id` (`8` for `8.5.1.2`).
pub fn top_clause(id: &str) -> &str {
    id.split('.').next().unwrap_or(id)
}

/// A sort key that orders clause numbers as the standard does (`8.10` after `8.9`).
pub fn clause_sort_key(id: &str) -> Vec<u32> {
    id.split('.')
        .map(|part| part.parse().unwrap_or(u32::MAX))
        .collect()
}

/// [`clause_sort_key`]'s order, compared without building the keys.
pub fn clause_order(a: &str, b: &str) -> std::cmp::Ordering {
    let key = |id| str::split(id, '.').map(|part: &str| part.parse::<u32>().unwrap_or(u32::MAX));
    key(a).cmp(key(b))
}

/// Splits a requirement id into its clause and number (`8.6.1-3` → `("8.6.1", 3)`).
pub fn split_requirement_id(id: &str) -> Option<(&str, u32)> {
    let (clause, n) = id.rsplit_once('-')?;
    let n: u32 = n.parse().ok()?;
    (is_clause_id(clause) && n > 0).then_some((clause, n))
}

/// True for a well-formed clause number: digits separated by single dots.
pub fn is_clause_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('.').all(|part| {
            !part.is_empty() && part.len() <= 4 && part.bytes().all(|b| b.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clause_containment_respects_segments() {
        assert!(clause_contains("8.5", "8.5.1.2"));
        assert!(clause_contains("8", "8"));
        assert!(!clause_contains("8.1", "8.10"));
        assert!(!clause_contains("8.5.1", "8.5"));
    }

    #[test]
    fn requirement_ids_split() {
        assert_eq!(split_requirement_id("8.6.1-3"), Some(("8.6.1", 3)));
        assert_eq!(split_requirement_id("8.6.1-0"), None);
        assert_eq!(split_requirement_id("x-1"), None);
        assert!(clause_sort_key("8.10") > clause_sort_key("8.9"));
        for (a, b) in [
            ("8.10", "8.9"),
            ("8", "8.1"),
            ("8.1", "8.1"),
            ("x", "9"),
            ("8.x", "8.9"),
        ] {
            assert_eq!(
                clause_order(a, b),
                clause_sort_key(a).cmp(&clause_sort_key(b)),
                "{a} {b}"
            );
        }
    }
}
