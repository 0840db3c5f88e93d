//! The fixed parts of a WordprocessingML package: named styles a consultant restyles in one
//! place (Title, Subtitle, Heading 1-3, Report Table, List Bullet), the bullet numbering, the
//! footer with page numbers, and the package's content types and relationships.

use crate::view::escape::html as esc;

pub(super) const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub(super) const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// `[Content_Types].xml`.
pub(super) fn content_types() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Default Extension=\"png\" ContentType=\"image/png\"/><Default Extension=\"jpeg\" ContentType=\"image/jpeg\"/><Default Extension=\"svg\" ContentType=\"image/svg+xml\"/>{}</Types>\n",
        [
            ("/word/document.xml", "wordprocessingml.document.main+xml"),
            ("/word/styles.xml", "wordprocessingml.styles+xml"),
            ("/word/numbering.xml", "wordprocessingml.numbering+xml"),
            ("/word/settings.xml", "wordprocessingml.settings+xml"),
            ("/word/footer1.xml", "wordprocessingml.footer+xml"),
            ("/docProps/core.xml", "package.core-properties+xml"),
        ]
        .iter()
        .map(|(part, kind)| {
            let prefix = if kind.starts_with("package") {
                "application/vnd.openxmlformats-"
            } else {
                "application/vnd.openxmlformats-officedocument."
            };
            format!("<Override PartName=\"{part}\" ContentType=\"{prefix}{kind}\"/>")
        })
        .collect::<String>()
    )
}

/// `_rels/.rels`.
pub(super) fn package_rels() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"{RELS}\"><Relationship Id=\"rId1\" Type=\"{REL}/officeDocument\" Target=\"word/document.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/></Relationships>\n"
    )
}

/// `word/_rels/document.xml.rels`: the fixed parts, then one relationship per image.
pub(super) fn document_rels(images: &[String]) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"{RELS}\"><Relationship Id=\"rIdStyles\" Type=\"{REL}/styles\" Target=\"styles.xml\"/><Relationship Id=\"rIdNumbering\" Type=\"{REL}/numbering\" Target=\"numbering.xml\"/><Relationship Id=\"rIdSettings\" Type=\"{REL}/settings\" Target=\"settings.xml\"/><Relationship Id=\"rIdFooter\" Type=\"{REL}/footer\" Target=\"footer1.xml\"/>"
    );
    for (i, name) in images.iter().enumerate() {
        out.push_str(&format!(
            "<Relationship Id=\"rIdImg{i}\" Type=\"{REL}/image\" Target=\"media/{name}\"/>"
        ));
    }
    out.push_str("</Relationships>\n");
    out
}

/// `docProps/core.xml`: title and author, dated by the as-of date so output is reproducible.
pub(super) fn core(title: &str, creator: &str, date: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{}</dc:title><dc:creator>{}</dc:creator><dcterms:created xsi:type=\"dcterms:W3CDTF\">{date}T00:00:00Z</dcterms:created></cp:coreProperties>\n",
        esc(title),
        esc(creator)
    )
}

/// `word/settings.xml`: Word refreshes the contents field when the file opens. Elements keep
/// the schema's order, which Word enforces.
pub(super) fn settings() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:settings xmlns:w=\"{W}\"><w:defaultTabStop w:val=\"720\"/><w:updateFields w:val=\"true\"/><w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat></w:settings>\n"
    )
}

/// `word/numbering.xml`: one bullet list definition for the List Bullet style.
pub(super) fn numbering() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:numbering xmlns:w=\"{W}\"><w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"singleLevel\"/><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\u{2022}\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"360\" w:hanging=\"360\"/></w:pPr></w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>\n"
    )
}

/// `word/footer1.xml`: the running footer's words, then "Page N of M" from fields.
pub(super) fn footer(text: &str, right_tab: u32) -> String {
    let field = |code: &str| {
        format!(
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> {code} </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        )
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:ftr xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:p><w:pPr><w:pStyle w:val=\"Footer\"/><w:tabs><w:tab w:val=\"right\" w:pos=\"{right_tab}\"/></w:tabs></w:pPr><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r><w:r><w:tab/><w:t xml:space=\"preserve\">Page </w:t></w:r>{}<w:r><w:t xml:space=\"preserve\"> of </w:t></w:r>{}</w:p></w:ftr>\n",
        esc(&crate::view::escape::one_line(text)),
        field("PAGE"),
        field("NUMPAGES")
    )
}

/// `word/styles.xml`, with the brand's accent on the headings and the table header.
pub(super) fn styles(accent: &str) -> String {
    let para = |id: &str, name: &str, ppr: &str, rpr: &str| {
        format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
        )
    };
    let heading = |n: u8, size: u32, colour: &str| {
        para(
            &format!("Heading{n}"),
            &format!("heading {n}"),
            &format!(
                "<w:keepNext/><w:keepLines/><w:spacing w:before=\"{}\" w:after=\"120\"/><w:outlineLvl w:val=\"{}\"/>",
                if n == 1 { 360 } else { 240 },
                n - 1
            ),
            &format!("<w:b/><w:color w:val=\"{colour}\"/><w:sz w:val=\"{size}\"/>"),
        )
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"{W}\"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Calibri\" w:hAnsi=\"Calibri\" w:cs=\"Calibri\"/><w:sz w:val=\"20\"/><w:lang w:val=\"en-GB\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"100\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
{}{}{}{}{}{}{}{}\
<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/></w:style>\
<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:semiHidden/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\
<w:style w:type=\"table\" w:customStyle=\"1\" w:styleId=\"ReportTable\"><w:name w:val=\"Report Table\"/><w:basedOn w:val=\"TableNormal\"/><w:qFormat/><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:rPr><w:sz w:val=\"17\"/></w:rPr><w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"C9D0D9\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"C9D0D9\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"C9D0D9\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"C9D0D9\"/><w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"C9D0D9\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"C9D0D9\"/></w:tblBorders><w:tblCellMar><w:top w:w=\"40\" w:type=\"dxa\"/><w:left w:w=\"80\" w:type=\"dxa\"/><w:bottom w:w=\"40\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblStylePr w:type=\"firstRow\"><w:rPr><w:b/><w:color w:val=\"FFFFFF\"/></w:rPr><w:tcPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{accent}\"/></w:tcPr></w:tblStylePr></w:style>\
</w:styles>\n",
        para(
            "Title",
            "Title",
            "<w:spacing w:before=\"1200\" w:after=\"200\"/>",
            "<w:b/><w:sz w:val=\"52\"/>"
        ),
        para(
            "Subtitle",
            "Subtitle",
            "<w:spacing w:after=\"600\"/>",
            &format!("<w:color w:val=\"{accent}\"/><w:sz w:val=\"34\"/>")
        ),
        heading(1, 32, accent),
        heading(2, 26, accent),
        heading(3, 22, "1D2733"),
        para(
            "ListBullet",
            "List Bullet",
            "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr><w:spacing w:after=\"60\"/>",
            ""
        ),
        para(
            "TOCHeading",
            "TOC Heading",
            "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/>",
            &format!("<w:b/><w:color w:val=\"{accent}\"/><w:sz w:val=\"32\"/>")
        ),
        para(
            "Footer",
            "footer",
            "<w:spacing w:after=\"0\"/>",
            "<w:color w:val=\"5B6776\"/><w:sz w:val=\"16\"/>"
        ),
    )
}
