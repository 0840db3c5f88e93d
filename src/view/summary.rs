//! The executive summary's facts, computed once for every deliverable format.
//!
//! A director reads the summary in two minutes: one sentence with the score and verdict, the
//! audit dates, ten priorities, strengths and what holds the verdict back, in sentences. The
//! requirement ids behind those sentences go to an appendix. HTML, Markdown, DOCX and XLSX
//! all read this value, so no format words or ranks a fact on its own.

use chrono::NaiveDate;

use crate::plan::{Plan, Priority};
use crate::view::Run;
use crate::view::rows::{self, score_text};

/// How many priorities the summary names.
pub const PRIORITIES: usize = 10;

/// A clause at or above this score is a strength.
pub const STRENGTH_FLOOR: f64 = 90.0;

/// One of the priorities: a work package of the plan, in the plan's own ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct PriorityItem<'a> {
    /// The package id (`WP-03`).
    pub id: &'a str,
    pub title: &'a str,
    /// Why it matters, in one sentence.
    pub why: String,
    pub owner: String,
    /// When the plan has it done.
    pub by: NaiveDate,
    pub priority: Priority,
}

/// A top clause with one figure: its score (a strength) or its mean maturity.
#[derive(Debug, Clone, PartialEq)]
pub struct ClauseFigure<'a> {
    pub id: &'a str,
    pub title: &'a str,
    /// A percentage for a strength; 0-5 for a maturity.
    pub value: f64,
}

/// One thing that holds the verdict back, as a sentence, with its ids for the appendix.
#[derive(Debug, Clone, PartialEq)]
pub struct Blocker<'a> {
    pub stage: u8,
    pub sentence: String,
    /// The appendix entry that lists `ids` (`A.1`).
    pub appendix: String,
    pub ids: &'a [String],
}

/// Everything the summary shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary<'a> {
    /// "Contoso Ltd scores 61.5% and is not ready: stage 1 is blocked."
    pub sentence: String,
    pub stage_1: NaiveDate,
    pub stage_2: NaiveDate,
    /// A sentence per booked audit: reachable, or what would reach it.
    pub audits: Vec<String>,
    pub priorities: Vec<PriorityItem<'a>>,
    pub strengths: Vec<ClauseFigure<'a>>,
    pub blockers: Vec<Blocker<'a>>,
    /// Per top clause, where any answer gives a maturity; empty when none does.
    pub maturity: Vec<ClauseFigure<'a>>,
}

/// The summary of an assessment and its plan.
pub fn summarize<'a>(run: &Run<'a>, plan: &'a Plan) -> Summary<'a> {
    let a = run.assessment;
    // the assessment's own count: met of the applicable ones, with what was set aside
    let c = &a.counts;
    let sentence = format!(
        "{} scores {}, meeting {} of {} applicable requirements{}, and is {}: {}.",
        run.file.meta.organization,
        score_text(run),
        c.met_applicable,
        c.applicable,
        c.set_aside()
            .map(|aside| format!(" ({aside})"))
            .unwrap_or_default(),
        a.verdict.label().to_lowercase(),
        a.verdict.meaning()
    );
    let strengths = rows::clauses(run, 0)
        .into_iter()
        .filter_map(|c| {
            c.score
                .filter(|&s| s >= STRENGTH_FLOOR)
                .map(|value| ClauseFigure {
                    id: c.id,
                    title: c.title,
                    value,
                })
        })
        .collect();
    let blockers = blockers(run);
    Summary {
        sentence,
        stage_1: plan.milestones.stage_1_ready,
        stage_2: plan.milestones.stage_2_ready,
        audits: plan
            .audits
            .iter()
            .map(super::plan_audits::sentence)
            .collect(),
        priorities: priorities(run, plan),
        strengths,
        blockers,
        maturity: maturity(run),
    }
}

/// What holds the verdict back, one sentence per reason of the verdict, each with the
/// appendix entry that lists its requirement ids. Needs no plan, so `assess` shows it too.
pub fn blockers<'a>(run: &Run<'a>) -> Vec<Blocker<'a>> {
    run.assessment
        .reasons
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let appendix = format!("A.{}", i + 1);
            let n = r.requirements.len();
            Blocker {
                stage: r.stage,
                sentence: format!(
                    "Stage {} is held back because {} ({n} requirement{}, listed in appendix {appendix}).",
                    r.stage,
                    r.message,
                    if n == 1 { "" } else { "s" }
                ),
                appendix,
                ids: &r.requirements,
            }
        })
        .collect()
}

/// The plan's packages by priority, then start: the first ten are what to do first.
fn priorities<'a>(run: &Run<'a>, plan: &'a Plan) -> Vec<PriorityItem<'a>> {
    let mut packages: Vec<&crate::plan::Package> =
        plan.packages.iter().filter(|p| !p.waived).collect();
    packages.sort_by(|x, y| (x.priority, x.start, &x.id).cmp(&(y.priority, y.start, &y.id)));
    packages
        .into_iter()
        .take(PRIORITIES)
        .map(|p| {
            let worst = p
                .tasks
                .iter()
                .map(|&t| &plan.tasks[t])
                .find(|t| t.grade == p.grade);
            let message = worst
                .and_then(|t| {
                    run.assessment
                        .findings_of(t.requirement)
                        .iter()
                        .find(|f| f.grade() == p.grade)
                })
                .map(|f| f.message.as_str())
                .unwrap_or("open requirements");
            let n = p.tasks.len();
            let why = format!(
                "{} finding: {message}{}.",
                capitalize(p.grade.as_str()),
                match n {
                    1 => String::new(),
                    n => format!(" (and {} more requirement{})", n - 1, plural(n - 1)),
                }
            );
            PriorityItem {
                id: &p.id,
                title: &p.title,
                why,
                owner: if p.owners.is_empty() {
                    "unassigned".into()
                } else {
                    p.owners.join(", ")
                },
                by: p.end,
                priority: p.priority,
            }
        })
        .collect()
}

/// Mean maturity per top clause, as the assessment gives it; empty when no answer gives one.
pub fn maturity<'a>(run: &Run<'a>) -> Vec<ClauseFigure<'a>> {
    rows::clauses(run, 0)
        .into_iter()
        .filter_map(|c| {
            Some(ClauseFigure {
                id: c.id,
                title: c.title,
                value: c.maturity?,
            })
        })
        .collect()
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::answers;
    use crate::assess::{Settings, assess};
    use crate::catalogue::Catalogue;
    use crate::evaluation::Evaluation;
    use crate::plan::{Grouping, PlanSettings};

    fn example() -> (Evaluation, Plan) {
        evaluated(include_str!("../../examples/msp-halfway.yaml"), 5.0)
    }

    /// The evaluation of the answers `text` on the built-in catalogue and its plan at
    /// `capacity` person-days a week, grouped by clause: the fixture of the layout tests.
    pub(crate) fn evaluated(text: &str, capacity: f64) -> (Evaluation, Plan) {
        let catalogue = Catalogue::embedded().unwrap_or_else(|r| panic!("{}", r.render(false)));
        let (file, _) = answers::parse("msp.yaml", text, &catalogue)
            .unwrap_or_else(|r| panic!("{}", r.render(false)));
        let resolved = answers::resolve(&catalogue, &file);
        let date = file.meta.date.as_ref().map(|d| d.value).unwrap_or_default();
        let settings = Settings {
            as_of: date,
            evidence_max_age: 365,
            clause: None,
            evidence: None,
        };
        let assessment = assess(&catalogue, &resolved, &settings);
        let plan = crate::plan::plan(
            &catalogue,
            &resolved,
            &assessment,
            &answers::clause_efforts(&file),
            &PlanSettings {
                operating_period: 90,
                group: Grouping::Clause,
                ..PlanSettings::new(date, capacity)
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let eval = Evaluation::new(catalogue, file, resolved, assessment, Vec::new(), None);
        (eval, plan)
    }

    #[test]
    fn the_summary_names_ten_priorities_most_urgent_first_and_says_why() {
        let (eval, plan) = example();
        let s = summarize(&eval.run(), &plan);
        assert_eq!(s.priorities.len(), PRIORITIES);
        assert!(
            s.priorities
                .windows(2)
                .all(|w| w[0].priority <= w[1].priority)
        );
        assert!(
            s.priorities
                .iter()
                .all(|p| p.why.ends_with('.') && !p.owner.is_empty())
        );
        let score = crate::assess::gates::format_pct(eval.assessment.score.unwrap_or_default());
        assert!(
            s.sentence.contains(&format!("{score}%")) && s.sentence.contains("not ready"),
            "{}",
            s.sentence
        );
        assert_eq!(s.stage_1, plan.milestones.stage_1_ready);
        assert!(s.strengths.iter().all(|c| c.value >= STRENGTH_FLOOR));
        assert_eq!(s.blockers.len(), eval.assessment.reasons.len());
        assert!(s.blockers.iter().all(|b| b.sentence.contains(&b.appendix)));
        assert!(!s.maturity.is_empty(), "the example gives maturity levels");
        assert!(s.maturity.iter().all(|m| (0.0..=5.0).contains(&m.value)));
    }
}
