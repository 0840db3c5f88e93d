//! Drawing a [`Figure`]: SVG for browsers and Word, and a PNG (shapes and a pixel font) for
//! readers that cannot show SVG (Word's required fallback image).

use std::fmt::Write as _;
use std::io::Write as _;

use super::chart::{FONT, Figure, Item};
use super::chart_font::{ADVANCE, glyph};
use crate::view::escape::html as esc;

/// The figure as an SVG element (also a standalone SVG file).
pub fn svg(fig: &Figure) -> String {
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {:.0} {:.0}\" width=\"{:.0}\" height=\"{:.0}\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"{FONT}\">\n",
        esc(&fig.title),
        fig.width,
        fig.height,
        fig.width,
        fig.height
    );
    for item in &fig.items {
        let _ = match item {
            Item::Rect {
                x,
                y,
                w,
                h,
                fill,
                outline,
            } => writeln!(
                out,
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" fill=\"{fill}\"{} />",
                if *outline {
                    " stroke=\"#1d2733\" stroke-width=\"0.6\""
                } else {
                    ""
                }
            ),
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                stroke,
                dashed,
            } => writeln!(
                out,
                "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" stroke=\"{stroke}\"{} />",
                if *dashed {
                    " stroke-dasharray=\"4 3\""
                } else {
                    ""
                }
            ),
            Item::Text {
                x,
                y,
                text,
                anchor,
                bold,
            } => writeln!(
                out,
                "<text x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"{anchor}\" fill=\"#1d2733\"{}>{}</text>",
                if *bold { " font-weight=\"bold\"" } else { "" },
                esc(text)
            ),
        };
    }
    out.push_str("</svg>\n");
    out
}

/// Pixels per figure unit in the PNG: sharp enough to print.
pub const PNG_SCALE: f64 = 2.0;

/// The figure as a PNG, its text in the pixel font of [`super::chart_font`].
pub fn png(fig: &Figure) -> Vec<u8> {
    let w = (fig.width * PNG_SCALE).ceil() as usize;
    let h = (fig.height * PNG_SCALE).ceil() as usize;
    let mut px = vec![255u8; w * h * 3];
    let mut fill = |x0: f64, y0: f64, x1: f64, y1: f64, rgb: [u8; 3]| {
        let clamp = |v: f64, max: usize| ((v * PNG_SCALE).round().max(0.0) as usize).min(max);
        for y in clamp(y0, h)..clamp(y1, h) {
            for x in clamp(x0, w)..clamp(x1, w) {
                px[(y * w + x) * 3..(y * w + x) * 3 + 3].copy_from_slice(&rgb);
            }
        }
    };
    for item in &fig.items {
        match item {
            Item::Rect {
                x,
                y,
                w,
                h,
                fill: colour,
                outline,
            } => {
                if *outline {
                    fill(*x - 0.5, *y - 0.5, x + w + 0.5, y + h + 0.5, rgb("#1d2733"));
                }
                fill(*x, *y, x + w, y + h, rgb(colour));
            }
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                stroke,
                dashed,
            } => {
                let colour = rgb(stroke);
                let (len, vertical) = if x1 == x2 {
                    (y2 - y1, true)
                } else {
                    (x2 - x1, false)
                };
                let step = if *dashed { 7.0 } else { len.abs().max(1.0) };
                let mut t = 0.0;
                while t < len {
                    let end = if *dashed { (t + 4.0).min(len) } else { len };
                    if vertical {
                        fill(x1 - 0.5, y1 + t, x1 + 0.5, y1 + end, colour);
                    } else {
                        fill(x1 + t, y1 - 0.5, x1 + end, y1 + 0.5, colour);
                    }
                    t += step;
                }
            }
            Item::Text {
                x,
                y,
                text,
                anchor,
                bold,
            } => {
                // Font pixels of one unit: 7 units high on the baseline, like the SVG's
                // capitals at 12 units.
                let width = text.chars().count() as f64 * ADVANCE - 1.0;
                let left = match *anchor {
                    "end" => x - width,
                    "middle" => x - width / 2.0,
                    _ => *x,
                };
                let ink = rgb("#1d2733");
                for (i, c) in text.chars().enumerate() {
                    let Some(rows) = glyph(c) else { continue };
                    let gx = left + i as f64 * ADVANCE;
                    for (r, bits) in rows.iter().enumerate() {
                        for col in 0..5u8 {
                            if bits & (0b10000 >> col) != 0 {
                                let px0 = gx + f64::from(col);
                                let py0 = y - 7.0 + r as f64;
                                let extra = if *bold { 0.5 } else { 0.0 };
                                fill(px0, py0, px0 + 1.0 + extra, py0 + 1.0, ink);
                            }
                        }
                    }
                }
            }
        }
    }
    encode_png(w, h, &px)
}

fn rgb(hex: &str) -> [u8; 3] {
    let v = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0);
    [(v >> 16) as u8, (v >> 8) as u8, v as u8]
}

/// An 8-bit RGB PNG of `px` (rows top to bottom).
fn encode_png(w: usize, h: usize, px: &[u8]) -> Vec<u8> {
    let mut raw = Vec::with_capacity(h * (w * 3 + 1));
    for row in px.chunks(w * 3) {
        raw.push(0);
        raw.extend_from_slice(row);
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    // Writing to a Vec cannot fail.
    let _ = z.write_all(&raw);
    let data = z.finish().unwrap_or_default();
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend((w as u32).to_be_bytes());
    ihdr.extend((h as u32).to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    for (kind, body) in [(b"IHDR", &ihdr), (b"IDAT", &data), (b"IEND", &Vec::new())] {
        out.extend((body.len() as u32).to_be_bytes());
        let mut crc = crc32fast::Hasher::new();
        crc.update(kind);
        crc.update(body);
        out.extend_from_slice(kind);
        out.extend_from_slice(body);
        out.extend(crc.finalize().to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_has_the_figure_size() {
        let fig = Figure {
            title: "t".into(),
            width: 10.0,
            height: 5.0,
            items: vec![Item::Rect {
                x: 1.0,
                y: 1.0,
                w: 3.0,
                h: 2.0,
                fill: "#7f1d1d",
                outline: true,
            }],
        };
        let png = png(&fig);
        assert_eq!(
            crate::brand::image_size(&png),
            Some(("png", 20, 10)),
            "{png:?}"
        );
    }

    #[test]
    fn png_text_is_drawn_in_the_pixel_font_and_unknown_characters_leave_a_gap() {
        let with = |text: &str| {
            let fig = Figure {
                title: "t".into(),
                width: 40.0,
                height: 10.0,
                items: vec![Item::Text {
                    x: 1.0,
                    y: 8.0,
                    text: text.into(),
                    anchor: "start",
                    bold: false,
                }],
            };
            png(&fig)
        };
        assert_ne!(with("P1 50%"), with(""), "text leaves ink");
        assert_eq!(with("\u{2603}"), with(""), "no glyph, no ink");
        assert_eq!(with("ab"), with("AB"), "small letters as capitals");
    }
}
