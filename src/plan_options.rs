//! `plan` and `report` options: the schedule flags and the files they name (team, holidays,
//! policy) turned into the clap-free [`PlanSettings`] the planner takes. Flags win over the
//! files: a booked date on the command line overrides the team file's, which overrides the
//! policy's.

use chrono::NaiveDate;

use crate::app::{Error, Result};
use crate::catalogue::Catalogue;
use crate::config::Schedule;
use crate::plan::PlanSettings;
use crate::plan::calendar::Calendar;
use crate::plan::files;

/// The settings of a plan as of `as_of`.
pub fn settings(
    as_of: NaiveDate,
    args: &Schedule,
    policy: Option<&str>,
    catalogue: &Catalogue,
) -> Result<PlanSettings> {
    let start = match args.start {
        Some(start) => {
            if start < as_of {
                return Err(Error::usage(format!(
                    "invalid --start {start}: it is before the as-of date {as_of}, and work cannot start in the past; give a later date, or pass --as-of {start} to assess as of that day"
                )));
            }
            start
        }
        None => as_of,
    };
    let team = match &args.team {
        Some(path) => files::load_team(path)?,
        None => files::TeamFile::default(),
    };
    let (policy_1, policy_2) = match policy {
        Some(path) => {
            let p = crate::policy::load(path, catalogue)?;
            (p.stage_1_audit, p.stage_2_audit)
        }
        None => (None, None),
    };
    let stage_1_audit = args.stage_1_audit.or(team.stage_1_audit).or(policy_1);
    let stage_2_audit = args.stage_2_audit.or(team.stage_2_audit).or(policy_2);
    let calendar = match &args.holidays {
        Some(path) => Calendar::new(files::load_holidays(path)?),
        None => Calendar::default(),
    };
    Ok(PlanSettings {
        start,
        capacity: args.capacity,
        team: team.owners,
        calendar,
        operating_period: args.operating_period,
        group: args.group,
        stage_1_audit,
        stage_2_audit,
    })
}

/// Warnings for team-file owners that own nothing in the answers: a misspelt name would
/// silently leave the real owner at `--capacity`.
pub fn unknown_team_owners(
    settings: &PlanSettings,
    resolved: &[crate::answers::Resolved],
) -> Vec<String> {
    let mut known: Vec<&str> = resolved.iter().filter_map(|r| r.owner.as_deref()).collect();
    known.push(crate::plan::UNASSIGNED);
    known.sort_unstable();
    known.dedup();
    settings
        .team
        .iter()
        .filter(|(name, _)| known.binary_search(&name.as_str()).is_err())
        .map(|(name, _)| {
            let mut text = format!(
                "the team file names `{}`, who owns nothing in the answers",
                crate::view::style::one_line(name)
            );
            match crate::diag::did_you_mean(name, known.iter().copied()) {
                Some(help) => {
                    text.push_str("; ");
                    text.push_str(&help);
                }
                None => text.push_str("; owners are the `owner` values of the answers file"),
            }
            text
        })
        .collect()
}
