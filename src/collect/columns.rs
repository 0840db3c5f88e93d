//! The questionnaire's layout, written once for the workbook that goes out and the importer
//! that reads it back: sheet names, the columns of the answers sheet and the labels of the
//! assessment sheet. The importer finds columns by their header, so a client who moves or
//! adds columns still imports cleanly.

/// The sheet with one row per clause and requirement.
pub const ANSWERS_SHEET: &str = "Answers";
/// The sheet with the organization, scope, assessor and date.
pub const ASSESSMENT_SHEET: &str = "Assessment";
/// The sheet that explains how to fill in the others.
pub const INSTRUCTIONS_SHEET: &str = "Instructions";

/// What a column of the answers sheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Id,
    Requirement,
    Guidance,
    TypicalEvidence,
    Status,
    Maturity,
    Owner,
    Evidence,
    Reviewed,
    Notes,
    OperatedBy,
    SupportedBy,
    Target,
    EffortDays,
    WaiverReason,
    WaiverApprovedBy,
    WaiverExpires,
}

/// A column of the answers sheet.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub field: Field,
    /// The header text, which the importer matches.
    pub header: &'static str,
    /// Width in characters: wide enough to read, narrow enough to print landscape.
    pub width: f64,
    /// True for the cells a client fills in; the others are locked.
    pub input: bool,
}

const fn col(field: Field, header: &'static str, width: f64, input: bool) -> Column {
    Column {
        field,
        header,
        width,
        input,
    }
}

/// The answers sheet's columns, left to right.
pub const COLUMNS: [Column; 17] = [
    col(Field::Id, "ID", 9.0, false),
    col(Field::Requirement, "Requirement", 48.0, false),
    col(Field::Guidance, "What an auditor looks at", 36.0, false),
    col(Field::TypicalEvidence, "Typical evidence", 26.0, false),
    col(Field::Status, "Status", 16.0, true),
    col(Field::Maturity, "Maturity (0-5)", 9.0, true),
    col(Field::Owner, "Owner", 16.0, true),
    col(Field::Evidence, "Evidence (one per line)", 28.0, true),
    col(Field::Reviewed, "Evidence reviewed on", 12.0, true),
    col(Field::Notes, "Notes", 28.0, true),
    col(Field::OperatedBy, "Operated by (other party)", 16.0, true),
    col(Field::SupportedBy, "Supported by (other party)", 16.0, true),
    col(Field::Target, "Target date", 12.0, true),
    col(Field::EffortDays, "Effort (days)", 8.0, true),
    col(Field::WaiverReason, "Waiver reason", 22.0, true),
    col(Field::WaiverApprovedBy, "Waiver approved by", 14.0, true),
    col(Field::WaiverExpires, "Waiver expires", 12.0, true),
];

/// The column index of `field` in [`COLUMNS`].
pub fn index(field: Field) -> u16 {
    COLUMNS
        .iter()
        .position(|c| c.field == field)
        .and_then(|i| u16::try_from(i).ok())
        .unwrap_or(0)
}

/// The field whose header is `text`, ignoring case and spacing.
pub fn field_for_header(text: &str) -> Option<Field> {
    let wanted = normalize(text);
    COLUMNS
        .iter()
        .find(|c| normalize(c.header) == wanted)
        .map(|c| c.field)
}

/// Every header, for "expected" messages.
pub fn headers() -> impl Iterator<Item = &'static str> {
    COLUMNS.iter().map(|c| c.header)
}

fn normalize(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The rows of the assessment sheet: label in column A, value in column B.
pub const META_LABELS: [&str; 5] = ["Organization", "Scope", "Assessor", "Date", "Catalogue"];

/// The spreadsheet name of a 0-based column: 0 → A, 26 → AA.
pub fn letter(col: u32) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// A cell as a spreadsheet names it, `Answers!E14`, from 0-based row and column; without a
/// sheet (a CSV file) just `E14`.
pub fn cell_ref(sheet: Option<&str>, row: u32, col: u32) -> String {
    match sheet {
        Some(sheet) => format!("{sheet}!{}{}", letter(col), row + 1),
        None => format!("{}{}", letter(col), row + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_spreadsheets_name_them() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
        assert_eq!(cell_ref(Some("Answers"), 13, 3), "Answers!D14");
        assert_eq!(cell_ref(None, 0, 4), "E1");
    }

    #[test]
    fn headers_match_loosely_and_columns_are_unique() {
        assert_eq!(field_for_header("  status "), Some(Field::Status));
        assert_eq!(field_for_header("maturity  (0-5)"), Some(Field::Maturity));
        assert_eq!(field_for_header("Colour"), None);
        for (i, c) in COLUMNS.iter().enumerate() {
            assert_eq!(usize::from(index(c.field)), i);
        }
    }
}
