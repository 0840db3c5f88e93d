//! Bad schedule inputs through the real binary: every problem a clear error with its place,
//! exit 2, and warnings for what is valid but almost certainly a mistake.
#![allow(clippy::unwrap_used)] // a test that cannot run its command should fail loudly

#[path = "support/plan_cli.rs"]
mod plan_cli;
use plan_cli::*;

#[test]
fn bad_schedule_inputs_are_clear_errors() {
    let stderr = |args: &[&str]| {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "iso20k {}", args.join(" "));
        assert!(out.stdout.is_empty());
        String::from_utf8(out.stderr).unwrap()
    };
    let e = stderr(&["plan", MSP, "--start", "2026-01-05"]);
    assert!(e.contains("before the as-of date 2026-11-20"), "{e}");
    let dir = tempfile::tempdir().unwrap();
    let holidays = dir.path().join("h.txt");
    std::fs::write(
        &holidays,
        "2026-12-25\n25/12/2026 Christmas\n2026-12-28\nBoxing Day\n",
    )
    .unwrap();
    let e = stderr(&["plan", MSP, "--holidays", holidays.to_str().unwrap()]);
    assert!(
        e.contains("h.txt:2:1") && e.contains("h.txt:4:1"),
        "every bad line:\n{e}"
    );
    assert!(e.contains("expected YYYY-MM-DD"), "{e}");
    let team = dir.path().join("team.toml");
    std::fs::write(&team, "[owner]\n\"Ops\" = 2\n[owners]\nOps = -1\n").unwrap();
    let e = stderr(&["plan", MSP, "--team", team.to_str().unwrap()]);
    assert!(e.contains("owners"), "suggests the key:\n{e}");
    assert!(e.contains("team.toml:4:7"), "{e}");
    // a misspelt owner is a warning with the nearest name, not a silent default
    std::fs::write(&team, "[owners]\n\"Quality Cordinator\" = 2\n").unwrap();
    let out = run(&["plan", MSP, "--team", team.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let e = String::from_utf8(out.stderr).unwrap();
    assert!(
        e.contains("`Quality Cordinator`, who owns nothing")
            && e.contains("did you mean `Quality Coordinator`"),
        "{e}"
    );
    let e = stderr(&["plan", MSP, "--stage2-audit", "next june"]);
    assert!(
        e.contains("--stage2-audit") && e.contains("YYYY-MM-DD"),
        "{e}"
    );
}

#[test]
fn a_stage_date_years_out_warns_and_names_the_capacity() {
    let out = run(&["plan", MSP, "--capacity", "0.1"]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("warning: stage 2 ready on"), "{stderr}");
    assert!(stderr.contains("more than five years"), "{stderr}");
    assert!(
        stderr.contains("0.1 person-days a week per owner"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the critical path runs through"),
        "{stderr}"
    );
}
