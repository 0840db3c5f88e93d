//! Counts that say what they count, and mean maturity.
//!
//! "7 of 14 met" hides that three of the fourteen were never applicable: a clause where
//! nothing is implemented could read as half met. Counts here keep apart what is applicable,
//! what was set aside (not applicable on a conditional requirement, not triggered) and what is
//! met among the applicable ones, so every view prints the same honest sentence.

use crate::answers::Status;
use crate::catalogue::Requirement;

use super::round1;

/// The requirements below a clause (or in scope), by what they count towards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Every requirement counted.
    pub requirements: usize,
    /// Met in SPEC terms: implemented, not-triggered, or not-applicable where conditional.
    pub met: usize,
    /// Requirements that apply: all but the conditional not-applicable and not-triggered ones.
    pub applicable: usize,
    /// Applicable and met (implemented).
    pub met_applicable: usize,
    /// Not applicable on a conditional requirement: set aside, as the standard allows.
    pub not_applicable: usize,
    /// The event behind the requirement did not happen in the period.
    pub not_triggered: usize,
}

impl Counts {
    /// Counts one requirement with `status`.
    pub fn add(&mut self, status: Status, requirement: &Requirement) {
        self.requirements += 1;
        match status {
            Status::NotTriggered => self.not_triggered += 1,
            Status::NotApplicable if requirement.conditional => self.not_applicable += 1,
            Status::Implemented => {
                self.applicable += 1;
                self.met_applicable += 1;
            }
            _ => self.applicable += 1,
        }
        self.met += usize::from(super::is_met(status, requirement));
    }

    /// "met 12 of 18 applicable (3 not applicable, 1 not triggered)"; the parts in brackets
    /// only when there are any.
    pub fn text(&self) -> String {
        let mut out = format!(
            "met {} of {} applicable",
            self.met_applicable, self.applicable
        );
        if let Some(aside) = self.set_aside() {
            out.push_str(&format!(" ({aside})"));
        }
        out
    }

    /// "3 not applicable, 1 not triggered": what was left out of the applicable ones, if any.
    pub fn set_aside(&self) -> Option<String> {
        let mut aside = Vec::new();
        if self.not_applicable > 0 {
            aside.push(format!("{} not applicable", self.not_applicable));
        }
        if self.not_triggered > 0 {
            aside.push(format!("{} not triggered", self.not_triggered));
        }
        (!aside.is_empty()).then(|| aside.join(", "))
    }

    /// "12/18", the short form for a table column.
    pub fn short(&self) -> String {
        format!("{}/{}", self.met_applicable, self.applicable)
    }
}

/// What a not-triggered requirement shows instead of a status: "no major incident in the
/// period" for the trigger "a major incident".
pub fn not_triggered_note(trigger: &str) -> String {
    let event = trigger.trim();
    let event = event
        .strip_prefix("a ")
        .or_else(|| event.strip_prefix("an "))
        .unwrap_or(event);
    format!("no {event} in the period")
}

/// A running mean of the maturity levels answers give.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct MaturitySum {
    sum: u64,
    count: u64,
}

impl MaturitySum {
    /// Adds a requirement's maturity, when its answer gives one.
    pub fn add(&mut self, maturity: Option<u8>) {
        if let Some(level) = maturity {
            self.sum += u64::from(level);
            self.count += 1;
        }
    }

    /// The mean rounded half away from zero to one decimal; `None` when no answer gives one.
    pub fn mean(&self) -> Option<f64> {
        (self.count > 0).then(|| round1(self.sum as f64 / self.count as f64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(conditional: bool) -> Requirement {
        let c = crate::catalogue::Catalogue::embedded().expect("embedded catalogue");
        let mut r = c.requirements[0].clone();
        r.conditional = conditional;
        r
    }

    #[test]
    fn counts_say_what_they_count() {
        let (plain, conditional) = (req(false), req(true));
        let mut c = Counts::default();
        c.add(Status::Implemented, &plain);
        c.add(Status::NotImplemented, &plain);
        c.add(Status::NotApplicable, &conditional);
        c.add(Status::NotApplicable, &plain);
        c.add(Status::NotTriggered, &plain);
        assert_eq!(
            c.text(),
            "met 1 of 3 applicable (1 not applicable, 1 not triggered)"
        );
        assert_eq!((c.requirements, c.met), (5, 3));
        let mut none = Counts::default();
        none.add(Status::NotApplicable, &conditional);
        none.add(Status::NotImplemented, &plain);
        assert_eq!(none.text(), "met 0 of 1 applicable (1 not applicable)");
    }

    #[test]
    fn a_not_triggered_requirement_says_which_event_did_not_happen() {
        assert_eq!(
            not_triggered_note("a major incident"),
            "no major incident in the period"
        );
        assert_eq!(
            not_triggered_note("an information security incident"),
            "no information security incident in the period"
        );
    }

    #[test]
    fn maturity_mean_skips_unanswered() {
        let mut m = MaturitySum::default();
        assert_eq!(m.mean(), None);
        for level in [Some(1), None, Some(2), Some(2)] {
            m.add(level);
        }
        assert_eq!(m.mean(), Some(1.7));
    }
}
