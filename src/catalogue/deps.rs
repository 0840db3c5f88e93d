//! Catalogue dependencies: every one must name a known clause or requirement, and following
//! them must never lead back to where it started.

use std::collections::HashMap;

use super::{Clause, Requirement};
use crate::diag::{Diagnostic, Report, afford_suggestion, did_you_mean};

/// Checks that every dependency names a known clause or requirement and that following them
/// never leads back to where it started. A clause dependency stands for every requirement
/// below the clause, so the graph has a node per requirement and per clause (a clause points
/// at its sub-clauses and requirements) rather than expanding clause dependencies, which keeps
/// it linear in the catalogue's size.
pub(super) fn check_dependencies(
    requirements: &[Requirement],
    clauses: &[Clause],
    clause_index: &HashMap<String, usize>,
    requirement_index: &HashMap<String, usize>,
    report: &mut Report,
) {
    let n = requirements.len();
    let node_of = |id: &str| -> Option<usize> {
        requirement_index
            .get(id)
            .copied()
            .or_else(|| clause_index.get(id).map(|c| n + c))
    };
    // edges[node] = (target, position of the dependency that made the edge, if any)
    let mut edges: Vec<Vec<(usize, Option<crate::diag::Pos>)>> =
        vec![Vec::new(); n + clauses.len()];
    // Every id, sorted once (for suggestions) rather than once per unknown dependency.
    let mut all: Vec<&str> = Vec::new();
    let mut spent = 0;
    for (i, r) in requirements.iter().enumerate() {
        for (dep, pos) in r.depends_on.iter().zip(&r.depends_on_pos) {
            match node_of(dep) {
                Some(target) => edges[i].push((target, Some(*pos))),
                None => {
                    if all.is_empty() {
                        all = requirement_index
                            .keys()
                            .chain(clause_index.keys())
                            .map(String::as_str)
                            .collect();
                        all.sort_unstable();
                    }
                    // each search compares against every id: within a budget
                    let help = if report.is_full() || !afford_suggestion(&mut spent, all.len()) {
                        None
                    } else {
                        did_you_mean(dep, all.iter().copied())
                    };
                    report.push(
                        Diagnostic::error(
                            *pos,
                            format!("`{}` depends on unknown id `{dep}`", r.id),
                        )
                        .label("no such clause or requirement")
                        .maybe_help(help),
                    );
                }
            }
        }
    }
    // A cycle through the known ids is reported beside the unknown ones, so one run shows
    // every problem.
    for (c, clause) in clauses.iter().enumerate() {
        edges[n + c].extend(clause.children.iter().map(|&child| (n + child, None)));
        edges[n + c].extend(clause.requirements.iter().map(|&r| (r, None)));
    }
    if let Some(cycle) = find_cycle(&edges) {
        let name = |node: usize| {
            if node < n {
                requirements[node].id.clone()
            } else {
                format!("clause {}", clauses[node - n].id)
            }
        };
        let path: Vec<String> = cycle.iter().map(|&(node, _)| name(node)).collect();
        let pos = cycle.iter().find_map(|&(_, pos)| pos);
        report.push(
            Diagnostic::error(
                pos,
                format!("dependency cycle: {} -> {}", path.join(" -> "), path[0]),
            )
            .label("one dependency of the cycle")
            .help("remove one of these dependencies; a requirement cannot wait for itself"),
        );
    }
}

/// The first cycle found by an iterative depth-first search, as (node, position of the edge
/// leaving it) pairs; iterative so a long chain in a big catalogue cannot overflow the stack.
fn find_cycle(
    edges: &[Vec<(usize, Option<crate::diag::Pos>)>],
) -> Option<Vec<(usize, Option<crate::diag::Pos>)>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut mark = vec![Mark::New; edges.len()];
    for start in 0..edges.len() {
        if mark[start] != Mark::New {
            continue;
        }
        // stack of (node, next edge to follow)
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        mark[start] = Mark::Open;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&(target, _)) = edges[node].get(*next) {
                *next += 1;
                match mark[target] {
                    Mark::New => {
                        mark[target] = Mark::Open;
                        stack.push((target, 0));
                    }
                    Mark::Open => {
                        let from = stack.iter().position(|&(n, _)| n == target).unwrap_or(0);
                        return Some(
                            stack[from..]
                                .iter()
                                .map(|&(n, next)| (n, edges[n][next - 1].1))
                                .collect(),
                        );
                    }
                    Mark::Done => {}
                }
            } else {
                mark[node] = Mark::Done;
                stack.pop();
            }
        }
    }
    None
}
