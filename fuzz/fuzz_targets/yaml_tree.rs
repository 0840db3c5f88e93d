//! The YAML reader on any text: it must not panic, and every scalar it reads must sit at the
//! position it reports (raw text and all, or the alias standing for it), since every
//! diagnostic points there.
#![no_main]

mod common;

use iso20k::source::{Node, Syntax, Value, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = common::text(data);
    let Ok(root) = parse(&text, Syntax::Yaml) else {
        return;
    };
    let lines: Vec<&str> = text.split('\n').collect();
    let mut stack: Vec<&Node> = vec![&root];
    while let Some(node) = stack.pop() {
        match &node.value {
            Value::Seq(items) => stack.extend(items),
            Value::Map(entries) => stack.extend(entries.iter().map(|e| &e.value)),
            _ if !node.raw.is_empty() && !node.raw.contains('\n') => {
                let line = lines[node.pos.line as usize - 1];
                let there: String = line.chars().skip(node.pos.col as usize - 1).collect();
                assert!(
                    there.starts_with(node.raw) || there.starts_with('*'),
                    "{:?} at {:?} finds {there:?}",
                    node.raw,
                    node.pos
                );
            }
            _ => {}
        }
    }
});
