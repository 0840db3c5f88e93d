//! Catalogues (YAML, as `--catalogue` and `catalogue check` read them); what loads is then
//! used to assess and plan a questionnaire answering every requirement.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = common::text(data);
    match iso20k::catalogue::parse("fuzz.yaml", &text) {
        Ok((catalogue, warnings)) => {
            common::check_warnings(&warnings);
            let mut answers = String::from("assessment: {organization: Fuzz}\nanswers:\n");
            let words = ["implemented", "partial", "not-implemented", "n/a"];
            for (i, r) in catalogue.requirements.iter().enumerate() {
                let id = r.id.replace('\\', "\\\\").replace('"', "\\\"");
                answers.push_str(&format!("  \"{id}\": {}\n", words[i % words.len()]));
            }
            match iso20k::answers::parse("answers.yaml", &answers, &catalogue) {
                Ok((file, _)) => common::run_engine(&catalogue, &file),
                Err(report) => panic!("a questionnaire for a valid catalogue fails: {report:?}"),
            }
        }
        Err(report) => common::check_failure(&report),
    }
});
