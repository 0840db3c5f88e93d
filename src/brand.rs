//! The consultancy's brand on a deliverable (`report --brand FILE.toml`).
//!
//! ```toml
//! name = "Northwind Advisory"
//! title = "ISO/IEC 20000-1 readiness assessment"
//! logo = "logo.png"          # PNG or JPEG, relative to this file
//! accent = "#0B5CAD"
//! confidentiality = "Confidential: prepared for Contoso Ltd"
//! ```
//!
//! Read like the policy file: every problem reported in one run at its line, a missing logo
//! or a colour that is not `#RRGGBB` included, so a consultant fixes the file once.

use std::path::Path;

use crate::diag::{Diagnostic, Report};
use crate::source::fields::{check_keys, expect_map, get, text};
use crate::source::{self, Node, Syntax, Value};

const KEYS: [&str; 5] = ["name", "title", "logo", "accent", "confidentiality"];

/// The accent colour when the brand names none: the ink of the unbranded report.
pub const DEFAULT_ACCENT: &str = "1D2733";

/// Logos larger than this are not a logo (and would bloat every deliverable).
const MAX_LOGO_BYTES: usize = 2 * 1024 * 1024;

/// A logo image, embedded in every format as it was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    pub bytes: Vec<u8>,
    /// `png` or `jpeg`.
    pub kind: &'static str,
    /// Pixel size, for the aspect ratio.
    pub width: u32,
    pub height: u32,
}

impl Logo {
    /// The MIME type (`image/png`).
    pub fn mime(&self) -> String {
        format!("image/{}", self.kind)
    }
}

/// What the brand file sets; absent fields fall back to the unbranded report.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Brand {
    /// The consultancy's name, on the cover and in the footer.
    pub name: Option<String>,
    /// The report title, in place of "Gap assessment report".
    pub title: Option<String>,
    pub logo: Option<Logo>,
    /// Six hex digits, upper case, without `#`.
    pub accent: Option<String>,
    /// The line printed on every page ("Confidential: ...").
    pub confidentiality: Option<String>,
}

impl Brand {
    /// The accent colour as six hex digits.
    pub fn accent(&self) -> &str {
        self.accent.as_deref().unwrap_or(DEFAULT_ACCENT)
    }
}

/// Reads and checks the brand file at `path`; the logo is read relative to it.
pub fn load(path: &str) -> Result<Brand, Report> {
    let text = source::read(path)?;
    let dir = Path::new(path).parent().unwrap_or(Path::new(""));
    parse(path, &text, |name| {
        let file = dir.join(name);
        std::fs::read(file).map_err(|e| e.to_string())
    })
}

/// Checks the brand in `text`; `read_logo` fetches the logo's bytes by the name given.
pub fn parse(
    path: &str,
    source_text: &str,
    read_logo: impl Fn(&str) -> Result<Vec<u8>, String>,
) -> Result<Brand, Report> {
    let (root, mut report) = source::parse_settings(path, source_text, Syntax::Toml)?;
    let mut brand = Brand::default();
    if root.value != Value::Null
        && let Some(entries) = expect_map(&root, "a brand file", &mut report)
    {
        check_keys(entries, &KEYS, "the brand file", &mut report);
        let field = |key: &str, report: &mut Report| {
            get(entries, key).and_then(|e| text(&e.value, key, report))
        };
        brand.name = field("name", &mut report);
        brand.title = field("title", &mut report);
        brand.confidentiality = field("confidentiality", &mut report);
        if let Some(e) = get(entries, "accent") {
            brand.accent = accent(&e.value, &mut report);
        }
        if let Some(e) = get(entries, "logo")
            && let Some(name) = text(&e.value, "logo", &mut report)
        {
            brand.logo = logo(&e.value, &name, &read_logo, &mut report);
        }
    }
    report.sort();
    if report.has_errors() {
        Err(report)
    } else {
        Ok(brand)
    }
}

fn accent(node: &Node, report: &mut Report) -> Option<String> {
    let value = text(node, "accent", report)?;
    let hex = value.strip_prefix('#').unwrap_or("");
    let six = match hex.len() {
        3 => hex.chars().flat_map(|c| [c, c]).collect(),
        _ => hex.to_string(),
    };
    if six.len() == 6 && six.chars().all(|c| c.is_ascii_hexdigit()) {
        return Some(six.to_ascii_uppercase());
    }
    report.push(
        Diagnostic::error(node.pos, format!("`{value}` is not a colour"))
            .label("expected #RRGGBB")
            .help("write the accent as six hex digits after `#`, e.g. accent = \"#0B5CAD\""),
    );
    None
}

fn logo(
    node: &Node,
    name: &str,
    read: &impl Fn(&str) -> Result<Vec<u8>, String>,
    report: &mut Report,
) -> Option<Logo> {
    let fail = |report: &mut Report, message: String, help: &str| {
        report.push(
            Diagnostic::error(node.pos, message)
                .label("the logo")
                .help(help.to_string()),
        );
        None
    };
    let bytes = match read(name) {
        Ok(bytes) => bytes,
        Err(e) => {
            return fail(
                report,
                format!("logo file `{name}` cannot be read: {e}"),
                "give a PNG or JPEG path relative to the brand file",
            );
        }
    };
    if bytes.len() > MAX_LOGO_BYTES {
        return fail(
            report,
            format!("logo file `{name}` is {} bytes", bytes.len()),
            "a logo of at most 2 MiB is expected; export a smaller PNG",
        );
    }
    match image_size(&bytes) {
        Some((kind, width, height)) if width > 0 && height > 0 => Some(Logo {
            bytes,
            kind,
            width,
            height,
        }),
        _ => fail(
            report,
            format!("logo file `{name}` is not a PNG or JPEG image"),
            "export the logo as PNG or JPEG",
        ),
    }
}

/// The kind and pixel size of a PNG or JPEG, from its header.
pub fn image_size(bytes: &[u8]) -> Option<(&'static str, u32, u32)> {
    let be32 = |at: usize| -> Option<u32> {
        Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
    };
    let be16 = |at: usize| -> Option<u32> {
        Some(u32::from(u16::from_be_bytes(
            bytes.get(at..at + 2)?.try_into().ok()?,
        )))
    };
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.get(12..16) == Some(b"IHDR") {
        return Some(("png", be32(16)?, be32(20)?));
    }
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    // Walk the JPEG segments to the first start-of-frame, which holds the size.
    let mut at = 2;
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            return None;
        }
        let marker = bytes[at + 1];
        let len = be16(at + 2)? as usize;
        if matches!(marker, 0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF) {
            return Some(("jpeg", be16(at + 7)?, be16(at + 5)?));
        }
        at += 2 + len;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        bytes.extend(width.to_be_bytes());
        bytes.extend(height.to_be_bytes());
        bytes
    }

    #[test]
    fn reads_every_field() {
        let text = "name = \"Northwind\"\nlogo = \"l.png\"\naccent = \"#0b5cad\"\n";
        let brand = parse("b.toml", text, |_| Ok(png(40, 20))).expect("valid");
        assert_eq!(brand.name.as_deref(), Some("Northwind"));
        assert_eq!(brand.accent(), "0B5CAD");
        assert_eq!(brand.logo.map(|l| (l.width, l.height)), Some((40, 20)));
    }

    #[test]
    fn collects_every_problem_with_its_line() {
        let text = "nme = \"x\"\naccent = \"blue\"\nlogo = \"missing.png\"\n";
        let report = parse("b.toml", text, |_| Err("no such file".into())).expect_err("bad");
        let lines: Vec<u32> = report
            .diagnostics
            .iter()
            .filter_map(|d| d.pos.map(|p| p.line))
            .collect();
        assert_eq!(lines, [1, 2, 3]);
        let all = report.render(false);
        assert!(all.contains("did you mean `name`"), "{all}");
        assert!(all.contains("`blue` is not a colour"), "{all}");
        assert!(all.contains("missing.png"), "{all}");
    }
}
