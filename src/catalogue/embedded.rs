//! The built-in catalogue, compiled into the binary by `build.rs` as the YAML parser's events.
//!
//! Replaying the recorded events through the tree builder gives exactly the tree parsing the
//! YAML would give, positions included, without scanning a byte of YAML at run time; the
//! catalogue loader then reads that tree as it reads any catalogue. The tests check the
//! result equals the catalogue loaded from `requirements/iso20000-1-2018.yaml`.

use std::borrow::Cow;

use granit_parser::{Event, Marker, ScalarStyle, Span, StructureStyle};

use crate::diag::Diagnostic;
use crate::source::Node;

/// The kind of a recorded event (the names build.rs writes).
#[derive(Debug, Clone, Copy)]
pub(super) enum Kind {
    DocumentStart,
    Scalar,
    SequenceStart,
    SequenceEnd,
    MappingStart,
    MappingEnd,
    #[allow(
        dead_code,
        reason = "recorded only if the catalogue uses aliases; today it does not"
    )]
    Alias,
}

/// One recorded event: kind, a scalar's text and raw spelling, its style (0 plain, 1 single
/// quoted, 2 double quoted, 3 literal, 4 folded), anchor (or alias target), and the span's
/// start and end as (line, column, character index).
pub(super) type StaticEvent = (
    Kind,
    &'static str,
    &'static str,
    u8,
    usize,
    (usize, usize, usize),
    (usize, usize, usize),
);

include!(concat!(env!("OUT_DIR"), "/catalogue_events.rs"));

/// The tree of the built-in catalogue.
pub(super) fn tree() -> Result<Node<'static>, Diagnostic> {
    let events = EVENTS
        .iter()
        .map(|&(kind, text, raw, style, anchor, s, e)| {
            let span = Span::new(Marker::new(s.2, s.0, s.1), Marker::new(e.2, e.0, e.1));
            let style = match style {
                0 => ScalarStyle::Plain,
                1 => ScalarStyle::SingleQuoted,
                2 => ScalarStyle::DoubleQuoted,
                3 => ScalarStyle::Literal,
                _ => ScalarStyle::Folded,
            };
            let event = match kind {
                Kind::DocumentStart => Event::DocumentStart(false, None),
                Kind::Scalar => Event::Scalar(Cow::Borrowed(text), style, anchor, None),
                Kind::SequenceStart => Event::SequenceStart(StructureStyle::Block, anchor, None),
                Kind::SequenceEnd => Event::SequenceEnd,
                Kind::MappingStart => Event::MappingStart(StructureStyle::Block, anchor, None),
                Kind::MappingEnd => Event::MappingEnd,
                Kind::Alias => Event::Alias(anchor),
            };
            Ok((event, span, raw))
        });
    crate::source::build_from_events(events, SIZE)
}
