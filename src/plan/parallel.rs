//! Owners working in parallel: each owner takes, among the tasks whose dependencies have
//! ended, the highest priority, then the earliest target, then the first in catalogue order,
//! at their own capacity.
//!
//! The schedule is an event simulation in date order. Every owner has two heaps, tasks
//! released for a later day and tasks ready now, and the owners wait in one heap keyed by the
//! day they next start something; clause dependencies go through one node per clause, so the
//! graph has as many edges as dependencies written, and the whole run costs
//! O((tasks + clauses + dependencies) · log) with no rescans.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use chrono::NaiveDate;

use super::Draft;
use super::calendar::{Calendar, Team};
use crate::catalogue::Catalogue;

/// When a task runs and what decided its start.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Slot {
    pub(super) start: NaiveDate,
    pub(super) end: NaiveDate,
    /// The task whose end held this one back: a dependency, or the owner's previous task.
    pub(super) driver: Option<usize>,
}

/// The schedule: a slot per draft and the order tasks were started in.
pub(super) struct Schedule {
    pub(super) slots: Vec<Slot>,
    pub(super) order: Vec<usize>,
}

/// The ids left waiting on each other when the dependencies hold a cycle.
pub(super) type Stuck = Vec<String>;

/// (priority, target, requirement, draft): smaller is taken first.
type Key = (super::Priority, NaiveDate, usize, usize);

struct Owner {
    team: Team,
    pending: BinaryHeap<Reverse<(NaiveDate, Key)>>,
    ready: BinaryHeap<Reverse<Key>>,
    /// The day this owner waits for in the owners' heap, if any.
    queued: Option<NaiveDate>,
    last: Option<usize>,
}

impl Owner {
    fn next_time(&self, calendar: &Calendar) -> Option<NaiveDate> {
        let base = self.team.next_start(calendar);
        if !self.ready.is_empty() {
            return Some(base);
        }
        self.pending.peek().map(|Reverse((at, _))| base.max(*at))
    }
}

/// The dependency graph over drafts (nodes `0..n`) and clauses (nodes `n..`).
struct Graph {
    dependents: Vec<Vec<usize>>,
    waiting: Vec<usize>,
}

fn graph(catalogue: &Catalogue, drafts: &[Draft]) -> Graph {
    let n = drafts.len();
    let nodes = n + catalogue.clauses.len();
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); nodes];
    let mut waiting = vec![0usize; nodes];
    let mut edge = |from: usize, to: usize| {
        dependents[from].push(to);
        waiting[to] += 1;
    };
    // Evidence reviews never hold real work back: only drafts with a gap block others.
    let mut blocking: Vec<Option<usize>> = vec![None; catalogue.requirements.len()];
    for (d, draft) in drafts.iter().enumerate() {
        if draft.blocking {
            blocking[draft.requirement] = Some(d);
            if let Some(c) =
                catalogue.clause_position(&catalogue.requirements[draft.requirement].clause)
            {
                edge(d, n + c);
            }
        }
    }
    for (c, clause) in catalogue.clauses.iter().enumerate() {
        if let Some(parent) = clause.parent {
            edge(n + c, n + parent);
        }
    }
    for (d, draft) in drafts.iter().enumerate() {
        if !draft.blocking {
            continue;
        }
        for dep in &catalogue.requirements[draft.requirement].depends_on {
            if let Some(r) = catalogue.requirement_position(dep) {
                if let Some(b) = blocking[r].filter(|&b| b != d) {
                    edge(b, d);
                }
            } else if let Some(c) = catalogue.clause_position(dep) {
                edge(n + c, d);
            }
        }
    }
    Graph {
        dependents,
        waiting,
    }
}

/// Schedules every draft from `start` with `capacity(owner)` person-days a week per owner.
pub(super) fn schedule(
    catalogue: &Catalogue,
    drafts: &[Draft],
    owner_capacities: &[f64],
    calendar: &Calendar,
    start: NaiveDate,
) -> Result<Schedule, Stuck> {
    let n = drafts.len();
    let Graph {
        dependents,
        mut waiting,
    } = graph(catalogue, drafts);
    let first_day = calendar.this_or_next_working_day(start);
    let mut owners: Vec<Owner> = owner_capacities
        .iter()
        .map(|&capacity| Owner {
            team: Team::new(calendar, first_day, capacity),
            pending: BinaryHeap::new(),
            ready: BinaryHeap::new(),
            queued: None,
            last: None,
        })
        .collect();
    let mut release: Vec<Option<(NaiveDate, usize)>> = vec![None; waiting.len()];
    let mut ready_at: Vec<NaiveDate> = vec![first_day; n];
    let mut slots: Vec<Option<Slot>> = vec![None; n];
    let mut queue: BinaryHeap<Reverse<(NaiveDate, usize)>> = BinaryHeap::new();
    let mut order = Vec::with_capacity(n);
    // Nodes whose inputs have all ended, to hand on.
    let mut done: Vec<usize> = (0..waiting.len()).filter(|&x| waiting[x] == 0).collect();
    let mut finished: Vec<(usize, Option<(NaiveDate, usize)>)> = Vec::new();
    loop {
        // Hand finished nodes to their dependents; clauses end with their last input.
        while let Some((node, end)) = finished.pop() {
            for &x in &dependents[node] {
                waiting[x] -= 1;
                if end.is_some_and(|e| release[x].is_none_or(|r| e.0 > r.0)) {
                    release[x] = end;
                }
                if waiting[x] == 0 {
                    done.push(x);
                }
            }
        }
        while let Some(x) = done.pop() {
            if x >= n {
                finished.push((x, release[x]));
                continue;
            }
            let draft = &drafts[x];
            let at = release[x].map_or(first_day, |(e, _)| calendar.next_working_day(e));
            ready_at[x] = at;
            let key = (
                draft.priority,
                draft.target.unwrap_or(NaiveDate::MAX),
                draft.requirement,
                x,
            );
            let owner = &mut owners[draft.owner];
            owner.pending.push(Reverse((at, key)));
            requeue(owner, draft.owner, calendar, &mut queue);
        }
        if !finished.is_empty() {
            continue;
        }
        let Some(Reverse((t, o))) = queue.pop() else {
            break;
        };
        let owner = &mut owners[o];
        if owner.queued != Some(t) {
            continue;
        }
        owner.queued = None;
        while let Some(Reverse((at, key))) = owner.pending.peek().copied() {
            if at > t {
                break;
            }
            owner.pending.pop();
            owner.ready.push(Reverse(key));
        }
        if let Some(Reverse((_, _, _, d))) = owner.ready.pop() {
            owner.team.wait_until(t);
            let (begin, end) = owner.team.work(calendar, drafts[d].effort_days);
            let driver = if begin <= ready_at[d] {
                release[d].map(|(_, from)| from)
            } else {
                owner.last
            };
            slots[d] = Some(Slot {
                start: begin,
                end,
                driver,
            });
            owner.last = Some(d);
            order.push(d);
            if drafts[d].blocking {
                finished.push((d, Some((end, d))));
            }
        }
        requeue(owner, o, calendar, &mut queue);
    }
    if order.len() < n {
        return Err(stuck(catalogue, drafts, &dependents, &waiting));
    }
    Ok(Schedule {
        slots: slots.into_iter().flatten().collect(),
        order,
    })
}

fn requeue(
    owner: &mut Owner,
    index: usize,
    calendar: &Calendar,
    queue: &mut BinaryHeap<Reverse<(NaiveDate, usize)>>,
) {
    if let Some(t) = owner.next_time(calendar)
        && owner.queued.is_none_or(|q| t < q)
    {
        owner.queued = Some(t);
        queue.push(Reverse((t, index)));
    }
}

/// The requirements and clauses in a cycle: what still waits, less what merely waits
/// downstream of the cycle (nothing still waiting depends on it).
fn stuck(
    catalogue: &Catalogue,
    drafts: &[Draft],
    dependents: &[Vec<usize>],
    waiting: &[usize],
) -> Stuck {
    let n = drafts.len();
    let mut left: Vec<bool> = waiting.iter().map(|&w| w > 0).collect();
    loop {
        let downstream: Vec<usize> = (0..left.len())
            .filter(|&x| left[x] && !dependents[x].iter().any(|&y| left[y]))
            .collect();
        if downstream.is_empty() {
            break;
        }
        for x in downstream {
            left[x] = false;
        }
    }
    (0..left.len())
        .filter(|&x| left[x])
        .map(|x| {
            if x < n {
                catalogue.requirements[drafts[x].requirement].id.clone()
            } else {
                catalogue.clauses[x - n].id.clone()
            }
        })
        .collect()
}
