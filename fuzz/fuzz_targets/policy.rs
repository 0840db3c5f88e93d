//! Policy files (TOML, or YAML by extension) against the built-in catalogue.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the syntax, so one corpus covers both.
    let (name, rest) = match data.split_first() {
        Some((b, rest)) if b % 2 == 1 => ("fuzz.yaml", rest),
        Some((_, rest)) => ("fuzz.toml", rest),
        None => ("fuzz.toml", data),
    };
    let text = common::text(rest);
    match iso20k::policy::parse(name, &text, &common::EMBEDDED) {
        Ok(policy) => {
            if let Some(f) = policy.gates.fail_under {
                assert!((0.0..=100.0).contains(&f));
            }
        }
        Err(report) => common::check_failure(&report),
    }
});
