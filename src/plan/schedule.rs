//! Grouping tasks into work packages and the dependencies between packages (the tasks
//! themselves are scheduled one by one in `parallel`).

use std::collections::{BTreeSet, HashMap};

use super::{Draft, Grouping, Package, Phase, Priority, Task, package_order};
use crate::assess::Grade;
use crate::catalogue::Catalogue;

/// Requirements with work, grouped into a future package.
pub(super) struct Group {
    pub(super) key: String,
    /// Indexes into the drafts, in catalogue order.
    pub(super) members: Vec<usize>,
}

pub(super) fn group(catalogue: &Catalogue, drafts: &[Draft], grouping: Grouping) -> Vec<Group> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut groups: Vec<Group> = Vec::new();
    for (d, draft) in drafts.iter().enumerate() {
        let r = &catalogue.requirements[draft.requirement];
        let key = match grouping {
            Grouping::Clause => r.clause.as_str(),
            Grouping::Requirement => r.id.as_str(),
        };
        let g = *index.entry(key).or_insert_with(|| {
            groups.push(Group {
                key: key.to_string(),
                members: Vec::new(),
            });
            groups.len() - 1
        });
        groups[g].members.push(d);
    }
    groups
}

/// For each group, the other groups holding gaps it depends on: through a requirement
/// dependency, or a clause dependency covering their requirements. Evidence reviews hold
/// nothing back, so groups of observations only are nobody's dependency.
pub(super) fn group_dependencies(
    catalogue: &Catalogue,
    drafts: &[Draft],
    groups: &[Group],
) -> Vec<BTreeSet<usize>> {
    let mut group_of_requirement: HashMap<usize, usize> = HashMap::with_capacity(drafts.len());
    for (g, group) in groups.iter().enumerate() {
        for &d in group.members.iter().filter(|&&d| drafts[d].blocking) {
            group_of_requirement.insert(drafts[d].requirement, g);
        }
    }
    // groups with work below each clause (a requirement counts for its clause and ancestors)
    let mut under: HashMap<usize, BTreeSet<usize>> = HashMap::new();
    for (&requirement, &g) in &group_of_requirement {
        let mut at = catalogue.clause_position(&catalogue.requirements[requirement].clause);
        while let Some(c) = at {
            under.entry(c).or_default().insert(g);
            at = catalogue.clauses[c].parent;
        }
    }
    groups
        .iter()
        .enumerate()
        .map(|(g, group)| {
            let mut deps = BTreeSet::new();
            for &d in group.members.iter().filter(|&&d| drafts[d].blocking) {
                for dep in &catalogue.requirements[drafts[d].requirement].depends_on {
                    if let Some(&other) = catalogue
                        .requirement_position(dep)
                        .and_then(|i| group_of_requirement.get(&i))
                    {
                        deps.insert(other);
                    } else if let Some(set) =
                        catalogue.clause_position(dep).and_then(|c| under.get(&c))
                    {
                        deps.extend(set.iter().copied());
                    }
                }
            }
            deps.remove(&g);
            deps
        })
        .collect()
}

pub(super) fn packages(
    catalogue: &Catalogue,
    tasks: &[Task],
    groups: &[Group],
    deps: &[BTreeSet<usize>],
    members: Vec<Vec<usize>>,
) -> Vec<Package> {
    let mut packages: Vec<Package> = groups
        .iter()
        .zip(members)
        .map(|(group, tasks_of)| {
            let first = &tasks[tasks_of[0]];
            let r = &catalogue.requirements[first.requirement];
            let mut owners: Vec<String> = Vec::new();
            for &t in &tasks_of {
                if !owners.contains(&tasks[t].owner) {
                    owners.push(tasks[t].owner.clone());
                }
            }
            let is_requirement = group.key == r.id;
            Package {
                id: group.key.clone(),
                clause: r.clause.clone(),
                title: if is_requirement {
                    r.action.clone()
                } else {
                    catalogue
                        .clause(&r.clause)
                        .map_or_else(String::new, |c| c.title.clone())
                },
                phase: Phase::of(&r.clause),
                priority: tasks_of
                    .iter()
                    .map(|&t| tasks[t].priority)
                    .min()
                    .unwrap_or(Priority::P4),
                grade: tasks_of
                    .iter()
                    .map(|&t| tasks[t].grade)
                    .max()
                    .unwrap_or(Grade::Observation),
                waived: tasks_of.iter().all(|&t| tasks[t].waived),
                owners,
                effort_days: tasks_of.iter().map(|&t| tasks[t].effort_days).sum(),
                start: tasks_of
                    .iter()
                    .map(|&t| tasks[t].start)
                    .min()
                    .unwrap_or(first.start),
                end: tasks_of
                    .iter()
                    .map(|&t| tasks[t].end)
                    .max()
                    .unwrap_or(first.end),
                critical: tasks_of.iter().any(|&t| tasks[t].critical),
                tasks: tasks_of,
                depends_on: Vec::new(),
            }
        })
        .collect();
    for (package, dep) in packages.iter_mut().zip(deps) {
        let mut ids: Vec<String> = dep.iter().map(|&g| groups[g].key.clone()).collect();
        ids.sort_by_key(|a| package_order(a));
        package.depends_on = ids;
    }
    packages.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then_with(|| package_order(&a.id).cmp(&package_order(&b.id)))
    });
    packages
}
