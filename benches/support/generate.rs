//! Synthetic catalogues and answers of any size, for benchmarks and the limits tests.
//!
//! The output is deterministic (no randomness: every choice is derived from the index) and
//! shaped like the real catalogue: four requirements per leaf clause under a three-level
//! clause tree, folded guidance, evidence lists, dependencies on the previous requirement and
//! on clauses, about 850 bytes per requirement; and full answers (every requirement answered,
//! with owners, evidence, review dates, notes, targets and waivers), about 250 bytes each.
//!
//! Shared by `benches/engine.rs`, `benches/support/gen_catalogue.rs` (used by `scripts/bench.sh`)
//! and `tests/robustness.rs` through `#[path]`.

#![allow(dead_code)] // each includer uses a different part

use std::fmt::Write as _;

/// Requirements per leaf clause.
const PER_LEAF: usize = 4;
/// Sub-clauses per clause at each level below the top.
const FAN_OUT: usize = 10;

/// The catalogue id the generated answers refer to.
pub const CATALOGUE_ID: &str = "synthetic:1";

/// The leaf clause (`"<top>.<sub>.<leaf>"`) holding requirement `i`.
fn leaf_of(i: usize) -> (usize, usize, usize) {
    let leaf = i / PER_LEAF;
    let top = leaf / (FAN_OUT * FAN_OUT);
    let sub = (leaf / FAN_OUT) % FAN_OUT;
    (top + 1, sub + 1, leaf % FAN_OUT + 1)
}

fn requirement_id(i: usize) -> String {
    let (t, s, l) = leaf_of(i);
    format!("{t}.{s}.{l}-{}", i % PER_LEAF + 1)
}

/// A YAML catalogue of `n` requirements.
pub fn catalogue_yaml(n: usize) -> String {
    let mut out = String::with_capacity(n * 900 + 4096);
    out.push_str("# A synthetic catalogue generated for benchmarks.\n");
    let _ = writeln!(out, "id: {CATALOGUE_ID}");
    let _ = writeln!(
        out,
        "title: \"Synthetic catalogue of {n} requirements for benchmarks\""
    );
    out.push_str("version: \"1\"\n");
    out.push_str("notice: >-\n  Generated text, not a standard: it only has the shape of one.\n");
    out.push_str("clauses:\n");
    let leaves = n.div_ceil(PER_LEAF);
    let mut last = (0, 0);
    for leaf in 0..leaves {
        let (t, s, l) = leaf_of(leaf * PER_LEAF);
        if last.0 != t {
            let _ = writeln!(out, "  - {{id: \"{t}\", title: \"Top clause {t}\"}}");
        }
        if last != (t, s) {
            let _ = writeln!(
                out,
                "  - {{id: \"{t}.{s}\", title: \"Clause {t}.{s} on the management of things\"}}"
            );
            last = (t, s);
        }
        let _ = writeln!(
            out,
            "  - {{id: \"{t}.{s}.{l}\", title: \"Leaf clause {t}.{s}.{l} with requirements\"}}"
        );
    }
    out.push_str("requirements:\n");
    for i in 0..n {
        let id = requirement_id(i);
        let (t, s, l) = leaf_of(i);
        let _ = writeln!(out, "  - id: {id}");
        let _ = writeln!(out, "    clause: \"{t}.{s}.{l}\"");
        let _ = writeln!(
            out,
            "    text: The organization has defined, documented and agreed requirement number {i} and applies it to every service in scope."
        );
        out.push_str("    guidance: >-\n");
        let _ = writeln!(
            out,
            "      Ask for the procedure behind requirement {i} and check that it is approved, current and"
        );
        out.push_str(
            "      followed in practice: sample records from the last quarter, compare them with the\n",
        );
        out.push_str(
            "      procedure and confirm that exceptions were raised, reviewed and closed on time.\n",
        );
        out.push_str(
            "    evidence:\n      - Approved procedure\n      - Records from the last quarter\n",
        );
        if i % 3 == 0 {
            out.push_str("      - Management review minutes\n");
        }
        let documented = ["maintain", "retain", "none"][i % 3];
        let _ = writeln!(out, "    documented_information: {documented}");
        if i % 17 == 0 {
            out.push_str("    conditional: true\n");
            out.push_str(
                "    condition: Where the organization uses other parties for this work\n",
            );
        }
        if i % 11 == 0 {
            out.push_str("    weight: 2\n");
        }
        let _ = writeln!(
            out,
            "    action: Write, approve and communicate the procedure for requirement {i}, then keep its records."
        );
        let _ = writeln!(out, "    effort_days: {}", 0.5 + (i % 8) as f64 * 0.5);
        match i % PER_LEAF {
            0 if t > 1 && i % 40 == 0 => {
                // An earlier top clause must be in place first.
                let _ = writeln!(out, "    depends_on: [\"{}\"]", t - 1);
            }
            0 => out.push_str("    depends_on: []\n"),
            _ => {
                let _ = writeln!(out, "    depends_on: [\"{}\"]", requirement_id(i - 1));
            }
        }
    }
    out
}

/// A YAML answers file answering every one of the `n` requirements of [`catalogue_yaml`].
pub fn answers_yaml(n: usize) -> String {
    let mut out = String::with_capacity(n * 260 + 1024);
    out.push_str("# Synthetic answers generated for benchmarks: every requirement answered.\n");
    out.push_str("assessment:\n");
    out.push_str("  organization: Synthetic Services Ltd\n");
    out.push_str("  scope: Every service of a synthetic organization, for benchmarks\n");
    out.push_str("  assessor: Benchmark\n");
    out.push_str("  date: 2026-11-20\n");
    let _ = writeln!(out, "  catalogue: {CATALOGUE_ID}");
    out.push_str("answers:\n");
    let statuses = [
        "implemented",
        "partial",
        "not-implemented",
        "implemented",
        "not-applicable",
    ];
    for i in 0..n {
        let _ = writeln!(out, "  \"{}\":", requirement_id(i));
        let _ = writeln!(out, "    status: {}", statuses[i % statuses.len()]);
        let _ = writeln!(out, "    owner: Process Owner {}", i % 23);
        if i % 2 == 0 {
            let _ = writeln!(
                out,
                "    evidence: [SMS/procedure-{i}.docx, SMS/records-{i}.xlsx]"
            );
            let _ = writeln!(out, "    reviewed: 2026-0{}-15", 1 + i % 9);
        }
        if i % 5 == 1 {
            let _ = writeln!(
                out,
                "    notes: Partly in place; records for requirement {i} are incomplete"
            );
            out.push_str("    target: 2027-06-30\n");
        }
        if i % 97 == 2 {
            out.push_str("    waiver: {reason: Accepted until the new tool goes live, approved_by: CIO, expires: 2027-01-31}\n");
        }
    }
    out
}
