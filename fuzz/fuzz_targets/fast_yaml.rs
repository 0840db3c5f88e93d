//! The fast YAML reader against serde-saphyr: whenever the fast reader takes a text, saphyr
//! must take it too and give the same tree, positions included. Also loads the text as an
//! answers file, so the whole YAML path is exercised.
#![no_main]

mod common;

use iso20k::source::yaml_readers::{fast, full};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = common::text(data);
    if let Some(fast_tree) = fast(&text) {
        match full(&text) {
            Ok(full_tree) => assert!(
                fast_tree == full_tree,
                "the readers disagree:\nfast: {fast_tree:?}\nfull: {full_tree:?}"
            ),
            Err(e) => panic!("saphyr refuses what the fast reader took: {e:?}"),
        }
    }
});
