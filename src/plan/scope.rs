//! A clause's part of the whole plan. `plan --clause 8.6` schedules all the work, since
//! owners are shared and audit readiness is the whole system's, then keeps the tasks below
//! the clause: their dates are the ones the whole programme gives them, and the milestones
//! and booked audits stay the whole system's (as the verdict does for `assess --clause`).

use super::Plan;
use super::summary::owner_loads;
use super::work::round_days;
use crate::catalogue::{Catalogue, clause_contains};

impl Plan {
    /// The tasks, packages, owners and targets of this plan below `clause`; milestones,
    /// booked audits, settings and warnings are kept whole.
    pub fn within(mut self, catalogue: &Catalogue, clause: &str) -> Plan {
        let inside = |requirement: usize| {
            clause_contains(clause, &catalogue.requirements[requirement].clause)
        };
        let mut index = vec![None; self.tasks.len()];
        let mut tasks = Vec::new();
        for (i, task) in std::mem::take(&mut self.tasks).into_iter().enumerate() {
            if inside(task.requirement) {
                index[i] = Some(tasks.len());
                tasks.push(task);
            }
        }
        // a package is one leaf clause (or one requirement): wholly inside or outside
        self.packages.retain_mut(|p| {
            p.tasks = p.tasks.iter().filter_map(|&t| index[t]).collect();
            !p.tasks.is_empty()
        });
        self.critical_path = self
            .critical_path
            .iter()
            .filter_map(|&t| index[t])
            .collect();
        self.owners = owner_loads(&self.settings, &tasks);
        self.targets.retain(|t| inside(t.requirement));
        self.missed_targets.retain(|t| inside(t.requirement));
        self.effort_days = round_days(tasks.iter().map(|t| t.effort_days).sum());
        self.tasks = tasks;
        self
    }
}
