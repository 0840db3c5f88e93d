//! Ordering the work: grouping tasks into packages, the dependencies between packages, and
//! the order one team takes them in.

use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap, HashMap};

use super::{Draft, Grouping, Package, Phase, PlanError, Priority, Task, package_order};
use crate::assess::Grade;
use crate::catalogue::{Catalogue, clause_contains};

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

/// For each group, the other groups holding work it depends on: through a requirement
/// dependency, or a clause dependency covering their requirements.
pub(super) fn group_dependencies(
    catalogue: &Catalogue,
    drafts: &[Draft],
    groups: &[Group],
) -> Vec<BTreeSet<usize>> {
    let mut group_of_requirement: HashMap<usize, usize> = HashMap::with_capacity(drafts.len());
    for (g, group) in groups.iter().enumerate() {
        for &d in &group.members {
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
            for &d in &group.members {
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

/// Groups in the order the team takes them: ready ones (every dependency done) by priority,
/// then catalogue order.
pub(super) fn group_order(
    drafts: &[Draft],
    groups: &[Group],
    deps: &[BTreeSet<usize>],
) -> Result<Vec<usize>, PlanError> {
    let key = |g: usize| {
        let group = &groups[g];
        let priority = group
            .members
            .iter()
            .map(|&d| drafts[d].priority)
            .min()
            .unwrap_or(Priority::P4);
        let first = group
            .members
            .iter()
            .map(|&d| drafts[d].requirement)
            .min()
            .unwrap_or(0);
        Reverse((priority, first, g))
    };
    let mut waiting: Vec<usize> = deps.iter().map(BTreeSet::len).collect();
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); groups.len()];
    for (g, set) in deps.iter().enumerate() {
        for &d in set {
            dependents[d].push(g);
        }
    }
    let mut ready: BinaryHeap<_> = (0..groups.len())
        .filter(|&g| waiting[g] == 0)
        .map(key)
        .collect();
    let mut order = Vec::with_capacity(groups.len());
    while let Some(Reverse((_, _, g))) = ready.pop() {
        order.push(g);
        for &after in &dependents[g] {
            waiting[after] -= 1;
            if waiting[after] == 0 {
                ready.push(key(after));
            }
        }
    }
    if order.len() < groups.len() {
        // Everything left waits on a cycle; peel off what merely waits downstream of it
        // (nothing left depends on it) so the error names the packages in the cycle.
        let done: BTreeSet<usize> = order.iter().copied().collect();
        let mut stuck: BTreeSet<usize> = (0..groups.len()).filter(|g| !done.contains(g)).collect();
        loop {
            let downstream: Vec<usize> = stuck
                .iter()
                .copied()
                .filter(|&g| !dependents[g].iter().any(|a| stuck.contains(a)))
                .collect();
            if downstream.is_empty() {
                break;
            }
            for g in downstream {
                stuck.remove(&g);
            }
        }
        return Err(PlanError::Cycle(
            stuck.into_iter().map(|g| groups[g].key.clone()).collect(),
        ));
    }
    Ok(order)
}

/// The members of one group in dependency order, then priority, then catalogue order.
pub(super) fn within_group_order(
    catalogue: &Catalogue,
    drafts: &[Draft],
    members: &[usize],
) -> Vec<usize> {
    let mut left: Vec<usize> = members.to_vec();
    left.sort_by_key(|&d| (drafts[d].priority, drafts[d].requirement));
    let mut done: Vec<usize> = Vec::with_capacity(left.len());
    while !left.is_empty() {
        let waits_on = |d: usize, pending: &[usize]| {
            let r = &catalogue.requirements[drafts[d].requirement];
            pending.iter().any(|&o| {
                o != d && {
                    let other = &catalogue.requirements[drafts[o].requirement];
                    r.depends_on
                        .iter()
                        .any(|dep| dep == &other.id || clause_contains(dep, &other.clause))
                }
            })
        };
        // The first member not waiting on another pending one; the catalogue's own checks
        // rule out cycles, and a member that somehow waits anyway goes first rather than hang.
        let pick = (0..left.len())
            .find(|&i| !waits_on(left[i], &left))
            .unwrap_or(0);
        done.push(left.remove(pick));
    }
    done
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
