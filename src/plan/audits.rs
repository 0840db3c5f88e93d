//! Booked audit dates: reachable or not, and when not, the capacity that would reach them.
//!
//! The capacity is searched, not estimated: the plan is rebuilt with every owner's capacity
//! multiplied by a factor, doubled until the date is reached, then bisected down to the
//! smallest factor (to a hundredth) whose plan reaches it. List scheduling is not strictly
//! monotone in capacity, so the factor reported is one whose own plan was checked. A second
//! search raises only the owners on the critical path, since that is what a sponsor can fund.

use chrono::NaiveDate;

use super::{Inputs, Plan, PlanError};

/// Past this many times today's capacity the answer is "no capacity reaches it": the
/// operating period and the chain of dependencies take that long whatever the staffing.
const MAX_FACTOR: f64 = 1024.0;

/// Which audit stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    One,
    Two,
}

impl Stage {
    /// `stage-1` or `stage-2`.
    pub fn key(self) -> &'static str {
        match self {
            Stage::One => "stage-1",
            Stage::Two => "stage-2",
        }
    }

    /// "Stage 1", "Stage 2".
    pub fn title(self) -> &'static str {
        match self {
            Stage::One => "Stage 1",
            Stage::Two => "Stage 2",
        }
    }
}

/// The capacity one owner on the critical path would need.
#[derive(Debug, Clone, PartialEq)]
pub struct OwnerNeed {
    pub owner: String,
    /// Person-days a week today.
    pub capacity: f64,
    /// Person-days a week that reach the booked date.
    pub needed: f64,
}

/// A booked audit date, judged.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditCheck {
    pub stage: Stage,
    /// The booked date.
    pub date: NaiveDate,
    /// The date the plan is ready for that stage.
    pub ready: NaiveDate,
    pub reachable: bool,
    /// The factor over today's capacity that reaches the date; `None` when reachable now,
    /// or when no capacity reaches it.
    pub capacity_factor_needed: Option<f64>,
    /// The owners on the critical path of today's plan with the capacity they would need:
    /// raising only them when that is enough (`critical_owners_alone`), else at the factor.
    pub owners: Vec<OwnerNeed>,
    /// Raising only the critical path's owners reaches the date.
    pub critical_owners_alone: bool,
    /// The earliest date any capacity reaches, when the booked date is out of reach.
    pub earliest: Option<NaiveDate>,
}

fn ready(plan: &Plan, stage: Stage) -> NaiveDate {
    match stage {
        Stage::One => plan.milestones.stage_1_ready,
        Stage::Two => plan.milestones.stage_2_ready,
    }
}

/// Judges the booked dates of the plan's settings.
pub(super) fn judge(inputs: &Inputs<'_>, plan: &Plan) -> Result<Vec<AuditCheck>, PlanError> {
    let s = &plan.settings;
    let mut out = Vec::new();
    for (stage, booked) in [(Stage::One, s.stage_1_audit), (Stage::Two, s.stage_2_audit)] {
        let Some(date) = booked else { continue };
        let now = ready(plan, stage);
        let mut check = AuditCheck {
            stage,
            date,
            ready: now,
            reachable: now <= date,
            capacity_factor_needed: None,
            owners: Vec::new(),
            critical_owners_alone: false,
            earliest: None,
        };
        if !check.reachable {
            // The date each scaled plan is ready; a plan off the calendar does not reach.
            let reaches = |owners: Option<&[String]>, factor: f64| {
                Ok(inputs
                    .milestones_at(&s.scaled(owners, factor))?
                    .map(|m| match stage {
                        Stage::One => m.stage_1_ready,
                        Stage::Two => m.stage_2_ready,
                    }))
            };
            match search(&|f| reaches(None, f), date)? {
                Search::Factor(factor) => {
                    check.capacity_factor_needed = Some(factor);
                    // Raising only the owners on today's critical path may be enough, and is
                    // what a sponsor can act on; else everyone needs the factor.
                    let critical = critical_owners(plan);
                    let alone = match search(&|f| reaches(Some(&critical), f), date)? {
                        Search::Factor(g) => Some(g),
                        Search::Never(_) => None,
                    };
                    // The figures shown are rounded up to hundredths, and a schedule is not
                    // monotone in capacity (more time for one owner can reorder another's
                    // work): publish only figures whose own plan reaches the date.
                    let needs = |factor: f64| -> Vec<OwnerNeed> {
                        critical
                            .iter()
                            .map(|owner| {
                                let capacity = s.capacity_of(owner);
                                OwnerNeed {
                                    owner: owner.clone(),
                                    capacity,
                                    needed: (capacity * factor * 100.0).ceil() / 100.0,
                                }
                            })
                            .collect()
                    };
                    let reaches_with = |owners: &[OwnerNeed]| -> Result<bool, PlanError> {
                        let mut raised = s.clone();
                        for need in owners {
                            match raised.team.iter_mut().find(|(name, _)| *name == need.owner) {
                                Some(entry) => entry.1 = need.needed,
                                None => raised.team.push((need.owner.clone(), need.needed)),
                            }
                        }
                        Ok(inputs.milestones_at(&raised)?.is_some_and(|m| {
                            let ready = match stage {
                                Stage::One => m.stage_1_ready,
                                Stage::Two => m.stage_2_ready,
                            };
                            ready <= date
                        }))
                    };
                    let mut verified = None;
                    if let Some(g) = alone {
                        for step in 0..20 {
                            let owners = needs(g + f64::from(step) * 0.01);
                            if reaches_with(&owners)? {
                                verified = Some(owners);
                                break;
                            }
                        }
                    }
                    check.critical_owners_alone = verified.is_some();
                    check.owners = verified.unwrap_or_else(|| needs(factor));
                }
                Search::Never(earliest) => check.earliest = earliest,
            }
        }
        out.push(check);
    }
    Ok(out)
}

enum Search {
    Factor(f64),
    Never(Option<NaiveDate>),
}

fn search(
    reaches: &dyn Fn(f64) -> Result<Option<NaiveDate>, PlanError>,
    date: NaiveDate,
) -> Result<Search, PlanError> {
    let ok = |factor: f64| -> Result<bool, PlanError> {
        Ok(reaches(factor)?.is_some_and(|ready| ready <= date))
    };
    let (mut lo, mut hi) = (1.0_f64, 2.0_f64);
    while !ok(hi)? {
        if hi >= MAX_FACTOR {
            return Ok(Search::Never(reaches(MAX_FACTOR)?));
        }
        lo = hi;
        hi *= 2.0;
    }
    // to a hundredth: at most log2(1024 * 100) ≈ 17 more plans
    while hi - lo > 0.01 {
        let mid = (lo + hi) / 2.0;
        if ok(mid)? {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    let rounded = (hi * 100.0).ceil() / 100.0;
    Ok(Search::Factor(if ok(rounded)? { rounded } else { hi }))
}

/// The owners on the plan's critical path, first seen first.
fn critical_owners(plan: &Plan) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for &t in &plan.critical_path {
        let owner = &plan.tasks[t].owner;
        if !out.contains(owner) {
            out.push(owner.clone());
        }
    }
    out
}
