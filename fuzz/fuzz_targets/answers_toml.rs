//! Answers files in TOML against the built-in catalogue: load, then assess, plan and render.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = common::text(data);
    match iso20k::answers::parse("fuzz.toml", &text, &common::EMBEDDED) {
        Ok((file, warnings)) => {
            common::check_warnings(&warnings);
            common::run_engine(&common::EMBEDDED, &file);
        }
        Err(report) => common::check_failure(&report),
    }
});
