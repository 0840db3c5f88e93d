#![cfg(unix)]
#![allow(clippy::unwrap_used)] // a test that cannot drive the terminal should fail loudly
//! The interview under a pseudo-terminal, as a person at a keyboard runs it: it answers
//! three requirements, quits, resumes where it stopped, goes back, skips and finishes, with
//! the answers file written after every answer. Each expectation waits at most 30 s, a guard
//! against a hang rather than a timing.

use std::path::Path;

use rexpect::session::{PtySession, spawn_command};

fn interview(dir: &Path) -> PtySession {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_iso20k"));
    cmd.current_dir(dir)
        .args(["interview", "answers.toml", "--clause", "8.6.1"])
        .args(["--as-of", "2026-11-20"])
        .env("TERM", "xterm")
        .env("COLUMNS", "80");
    spawn_command(cmd, Some(30_000)).unwrap()
}

/// Presses `key` for the status, then fills in the optional fields (empty for Enter); the
/// review date is asked only when evidence is given.
fn answer(p: &mut PtySession, key: &str, details: &[&str]) {
    p.exp_string("quit > ").unwrap();
    p.send(key).unwrap();
    p.flush().unwrap();
    let prompts = if details.len() == 5 {
        &["Maturity", "Owner", "Evidence", "reviewed on", "Notes"][..]
    } else {
        &["Maturity", "Owner", "Evidence", "Notes"][..]
    };
    for (prompt, text) in prompts.iter().zip(details) {
        p.exp_string(prompt).unwrap();
        p.send_line(text).unwrap();
    }
}

fn press(p: &mut PtySession, key: &str) {
    p.exp_string("quit > ").unwrap();
    p.send(key).unwrap();
    p.flush().unwrap();
}

#[test]
fn an_interview_answers_three_quits_resumes_and_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("answers.toml");

    let mut p = interview(dir.path());
    p.exp_string("organization's name").unwrap();
    p.send_line("Acme Ltd").unwrap();
    p.exp_string("0 of 5 requirements answered; starting at 8.6.1-1")
        .unwrap();
    p.exp_string("[1/5, 0 answered] 8.6.1-1").unwrap();
    answer(
        &mut p,
        "i",
        &[
            "3",
            "Service Desk Manager",
            "Incident procedure; Tool export",
            "2026-10-01",
            "",
        ],
    );
    p.exp_string("[2/5, 1 answered] 8.6.1-2").unwrap();
    answer(&mut p, "p", &["", "", "", "Priorities only"]);
    p.exp_string("[3/5, 2 answered] 8.6.1-3").unwrap();
    // 8.6.1-3 waits on no event: `t` is not offered, and pressing it asks again
    press(&mut p, "t");
    p.exp_string("fits only a requirement that waits on an event; try again")
        .unwrap();
    answer(&mut p, "n", &["", "", "", ""]);
    p.exp_string("[4/5, 3 answered] 8.6.1-4").unwrap();
    press(&mut p, "q");
    p.exp_string("3 of 5 requirements answered; run the interview again to resume")
        .unwrap();
    p.exp_eof().unwrap();

    let text = std::fs::read_to_string(&file).unwrap();
    for written in [
        "organization = \"Acme Ltd\"",
        "[answers.\"8.6.1-1\"]\nstatus = \"implemented\"\nmaturity = 3\nowner = \"Service Desk Manager\"\nevidence = [\"Incident procedure\", \"Tool export\"]\nreviewed = 2026-10-01",
        "[answers.\"8.6.1-2\"]\nstatus = \"partial\"\nnotes = \"Priorities only\"",
        "[answers.\"8.6.1-3\"]\nstatus = \"not-implemented\"",
    ] {
        assert!(text.contains(written), "no `{written}` in:\n{text}");
    }
    assert!(!text.contains("8.6.1-4"), "{text}");
    // someone annotates the file between sessions; the interview keeps the note
    std::fs::write(&file, format!("# checked with the service desk\n{text}")).unwrap();

    let mut p = interview(dir.path());
    p.exp_string("3 of 5 requirements answered; starting at 8.6.1-4")
        .unwrap();
    press(&mut p, "b");
    p.exp_string("[3/5, 3 answered] 8.6.1-3").unwrap();
    p.exp_string("Now: not-implemented").unwrap();
    press(&mut p, "s");
    p.exp_string("[4/5, 3 answered] 8.6.1-4").unwrap();
    p.exp_string("When: a major incident").unwrap();
    p.exp_string("t not-triggered").unwrap();
    answer(&mut p, "t", &["", "", "", ""]);
    p.exp_string("[5/5, 4 answered] 8.6.1-5").unwrap();
    answer(&mut p, "x", &["", "", "", ""]);
    p.exp_string("All 5 requirements are answered.").unwrap();
    p.exp_eof().unwrap();

    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.starts_with("# checked with the service desk\n"),
        "{text}"
    );
    assert!(
        text.contains("[answers.\"8.6.1-4\"]\nstatus = \"not-triggered\""),
        "{text}"
    );
    assert!(
        text.contains("[answers.\"8.6.1-5\"]\nstatus = \"not-assessed\""),
        "{text}"
    );
    let mut validate = assert_cmd::Command::new(env!("CARGO_BIN_EXE_iso20k"));
    validate
        .current_dir(dir.path())
        .args(["validate", "answers.toml"])
        .assert()
        .success();
}
