//! The interview's terminal: the one part of the library that talks to a person directly,
//! called only from the `interview` command after it has checked that both ends are a
//! terminal. Plain lines that scroll (no full-screen drawing), wrapped to the terminal's
//! width up to 100 columns, so it works over SSH, in tmux and in an 80-column window.
//! Single keys come from console, text fields from dialoguer (line editing included).

use dialoguer::Input;
use dialoguer::console::{Key, Term};

use super::FormAnswer;
use super::interview::{BACK, QUIT, SKIP, Session, StatusKey, status_keys};
use crate::answers::Status;
use crate::app::Result;
use crate::source::fields::parse_date;
use crate::view::style::{sanitize, wrap};

/// Asks about each requirement from the session's position on, calling `save` after every
/// answer. Returns when the person quits or the last requirement is passed.
pub fn run(
    session: &mut Session<'_>,
    save: &mut dyn FnMut(&Session<'_>) -> Result<()>,
) -> Result<()> {
    let term = Term::stdout();
    let width = usize::from(term.size().1).clamp(40, 100) - 2;
    let keys = status_keys();
    let say = |text: &str| term.write_line(text);
    let say_wrapped = |text: &str| term.write_line(wrap(text, width, "").trim_end());
    say_wrapped(&format!(
        "{} of {} requirements answered; starting at {}. Keys: a letter for the status, {SKIP} skip, {BACK} back, {QUIT} quit.",
        session.answered(),
        session.items.len(),
        session.current().map_or("the end", |r| r.id.as_str()),
    ))?;
    let mut last_clause = String::new();
    while let Some(r) = session.current() {
        if r.clause != last_clause {
            last_clause.clone_from(&r.clause);
            let title = session.clause_title(&r.clause).to_string();
            say("")?;
            say(&format!("== {} {} ==", r.clause, sanitize(&title)))?;
        }
        say("")?;
        say(&format!(
            "[{}/{}, {} answered] {}",
            session.at + 1,
            session.items.len(),
            session.answered(),
            r.id
        ))?;
        for line in wrap(&sanitize(&r.text), width, "  ").lines() {
            say(line)?;
        }
        for line in wrap(
            &format!("Auditor looks at: {}", sanitize(&r.guidance)),
            width,
            "  ",
        )
        .lines()
        {
            say(line)?;
        }
        if let Some(trigger) = &r.trigger {
            for line in wrap(
                &format!(
                    "When: {}; `not-triggered` if none happened in the period",
                    sanitize(trigger)
                ),
                width,
                "  ",
            )
            .lines()
            {
                say(line)?;
            }
        }
        // `not-triggered` only where the requirement waits on an event
        let offered: Vec<&StatusKey> = keys
            .iter()
            .filter(|k| k.status != Status::NotTriggered || r.trigger.is_some())
            .collect();
        if let Some(existing) = session.existing(r).filter(|a| !a.is_empty()) {
            say(&format!("  Now: {}", describe(existing)))?;
        } else if let Some((clause, status)) = session.inherited(r) {
            say(&format!(
                "  Now: {} (from the answer for clause {clause})",
                status.as_str()
            ))?;
        }
        for chunk in offered.chunks(2) {
            let line: Vec<String> = chunk
                .iter()
                .map(|k| match k.alias {
                    Some(alias) => format!("{} {} ({alias})", k.key, k.word),
                    None => format!("{} {}", k.key, k.word),
                })
                .collect();
            say(&format!("  {}", line.join("   ")))?;
        }
        term.write_str(&format!("  {SKIP} skip   {BACK} back   {QUIT} quit > "))?;
        term.flush()?;
        // raw: Ctrl-C comes back as a key, a way to quit rather than a signal that kills
        let key = term.read_key_raw()?;
        let pressed = match key {
            Key::Char(c) => c.to_ascii_lowercase(),
            Key::Escape | Key::CtrlC => QUIT,
            Key::Enter => SKIP,
            _ => continue,
        };
        say(&pressed.to_string())?;
        if pressed == QUIT {
            break;
        }
        if pressed == SKIP {
            session.skip();
            continue;
        }
        if pressed == BACK {
            session.back();
            continue;
        }
        let Some(status) = offered.iter().find(|k| k.key == pressed) else {
            let not_here = keys.iter().any(|k| k.key == pressed);
            say(if not_here {
                "  `not-triggered` fits only a requirement that waits on an event; try again."
            } else {
                "  That key is not a status; try again."
            })?;
            continue;
        };
        let mut answer = FormAnswer {
            status: Some(status.status),
            ..FormAnswer::default()
        };
        let existing = session.existing(r).cloned().unwrap_or_default();
        // Ctrl-C in a field ends the program (SIGINT) and loses only the answer being typed
        details(&mut answer, &existing)?;
        session.answer(answer);
        save(session)?;
    }
    say("")?;
    match session.first_unanswered() {
        None => say_wrapped(&format!(
            "All {} requirements are answered.",
            session.items.len()
        ))?,
        Some(_) => say_wrapped(&format!(
            "{} of {} requirements answered; run the interview again to resume.",
            session.answered(),
            session.items.len()
        ))?,
    }
    Ok(())
}

/// Optional fields after the status: Enter keeps what is there.
fn details(answer: &mut FormAnswer, existing: &FormAnswer) -> dialoguer::Result<()> {
    let maturity: String = Input::new()
        .with_prompt("  Maturity 0-5 (Enter to skip)")
        .with_initial_text(existing.maturity.map(|m| m.to_string()).unwrap_or_default())
        .allow_empty(true)
        .validate_with(|v: &String| -> Result<(), &str> {
            match v.trim() {
                "" | "0" | "1" | "2" | "3" | "4" | "5" => Ok(()),
                _ => Err("a whole number from 0 to 5, or nothing"),
            }
        })
        .interact_text()?;
    answer.maturity = maturity.trim().parse().ok();
    let text = |prompt: &str, now: &Option<String>| -> dialoguer::Result<Option<String>> {
        let value: String = Input::new()
            .with_prompt(format!("  {prompt} (Enter to skip)"))
            .with_initial_text(now.clone().unwrap_or_default())
            .allow_empty(true)
            .interact_text()?;
        Ok(Some(value.trim().to_string()).filter(|v| !v.is_empty()))
    };
    answer.owner = text("Owner", &existing.owner)?;
    let evidence = text(
        "Evidence, separated by ;",
        &existing.evidence.as_ref().map(|e| e.join("; ")),
    )?;
    answer.evidence = evidence.map(|e| {
        e.split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    });
    if answer.evidence.is_some() {
        let reviewed: String = Input::new()
            .with_prompt("  Evidence reviewed on, YYYY-MM-DD (Enter to skip)")
            .with_initial_text(existing.reviewed.map(|d| d.to_string()).unwrap_or_default())
            .allow_empty(true)
            .validate_with(|v: &String| -> Result<(), &str> {
                match v.trim() {
                    "" => Ok(()),
                    date if parse_date(date).is_some() => Ok(()),
                    _ => Err("a date as YYYY-MM-DD, or nothing"),
                }
            })
            .interact_text()?;
        answer.reviewed = parse_date(reviewed.trim());
    }
    answer.notes = text("Notes", &existing.notes)?;
    Ok(())
}

fn describe(a: &FormAnswer) -> String {
    let mut parts = Vec::new();
    if let Some(s) = a.status {
        parts.push(s.as_str().to_string());
    }
    if let Some(m) = a.maturity {
        parts.push(format!("maturity {m}"));
    }
    if let Some(o) = &a.owner {
        parts.push(format!("owner {}", sanitize(o)));
    }
    if let Some(e) = &a.evidence {
        parts.push(format!("evidence {}", sanitize(&e.join("; "))));
    }
    parts.join(", ")
}

/// A note for the person at the terminal before the interview starts.
pub fn notice(text: &str) -> Result<()> {
    let term = Term::stdout();
    let width = usize::from(term.size().1).clamp(40, 100) - 2;
    Ok(term.write_line(wrap(text, width, "").trim_end())?)
}

/// The organization's name, for a new answers file.
pub fn ask_organization() -> Result<String> {
    let name: String = Input::new()
        .with_prompt("A new answers file: the organization's name")
        .validate_with(|v: &String| -> Result<(), &str> {
            if v.trim().is_empty() {
                Err("the name is required")
            } else {
                Ok(())
            }
        })
        .interact_text()?;
    Ok(name.trim().to_string())
}
