//! The HTML deliverable printed by headless Chromium, as a consultant prints it to PDF:
//! page count and size (pdfinfo), no heading alone at a page foot and the Gantt chart on a
//! page of its own (pdftotext), nothing wider than the page (Chromium's own layout).
//!
//! CI installs Chromium and poppler-utils (`.ci/run`); elsewhere the test runs where both
//! are on the PATH, and passes with a note where they are not.

#![allow(clippy::unwrap_used, clippy::print_stderr)] // fail loudly; say why a test is skipped

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;

const MSP: &str = "examples/msp-halfway.yaml";

fn on_path(tool: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|dir| Path::new(dir).join(tool))
        .find(|p| p.is_file())
}

/// Chromium and the poppler tools, or `None` (outside CI) when they are missing.
fn tools() -> Option<PathBuf> {
    let chromium = on_path("chromium").or_else(|| on_path("chromium-browser"));
    match (chromium, on_path("pdfinfo"), on_path("pdftotext")) {
        (Some(c), Some(_), Some(_)) => Some(c),
        _ => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must install chromium and poppler-utils"
            );
            eprintln!("skipped: install chromium and poppler-utils to print the report");
            None
        }
    }
}

fn chromium(bin: &Path, args: &[&str], page: &Path) -> std::process::Output {
    let profile = tempfile::tempdir().unwrap();
    // A hang guard, not a speed check: a loaded machine prints in seconds, a hung browser
    // never does.
    let out = Process::new("timeout")
        .arg("120")
        .arg(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(page)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn html(dir: &Path, paper: &str) -> (PathBuf, String) {
    let path = dir.join(format!("report-{paper}.html"));
    Command::cargo_bin("iso20k")
        .unwrap()
        .args(["report", MSP, "--format", "html", "--paper", paper])
        .args(["--brand", "examples/brand/northwind.toml"])
        .args(["--narrative", "examples/brand/narrative.md", "-o"])
        .arg(&path)
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .success();
    let text = std::fs::read_to_string(&path).unwrap();
    (path, text)
}

fn print(bin: &Path, page: &Path) -> PathBuf {
    let pdf = page.with_extension("pdf");
    chromium(
        bin,
        &[
            "--no-pdf-header-footer",
            &format!("--print-to-pdf={}", pdf.display()),
        ],
        page,
    );
    pdf
}

fn pdfinfo(pdf: &Path) -> String {
    String::from_utf8(Process::new("pdfinfo").arg(pdf).output().unwrap().stdout).unwrap()
}

/// The text of each page, one string per page.
fn pages(pdf: &Path) -> Vec<String> {
    let out = Process::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// The headings of the page, without their markup.
fn headings(html: &str) -> Vec<String> {
    ["<h1>", "<h2>", "<h3>"]
        .iter()
        .flat_map(|open| html.split(open).skip(1))
        .map(|s| {
            s.split("</h")
                .next()
                .unwrap()
                .replace("&#39;", "'")
                .replace("&amp;", "&")
        })
        .collect()
}

#[test]
fn the_report_prints_on_a4_in_about_30_pages_with_no_stranded_heading() {
    let Some(bin) = tools() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (page, html) = html(dir.path(), "a4");
    let pdf = print(&bin, &page);
    let info = pdfinfo(&pdf);
    assert!(info.contains("(A4)"), "{info}");
    let pages = pages(&pdf);
    assert!((10..=30).contains(&pages.len()), "{} pages", pages.len());
    let total = pages.len();
    let headings = headings(&html);
    for (i, text) in pages.iter().enumerate() {
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        // The running footer with the page number closes every page but the cover.
        let footer = format!("Page {} of {total}", i + 1);
        if i > 0 {
            assert!(
                lines.last().unwrap().ends_with(&footer),
                "page {}: {lines:?}",
                i + 1
            );
            assert!(
                lines
                    .last()
                    .unwrap()
                    .contains("Northwind Managed Services Ltd")
            );
        }
        let body_end = lines.iter().rev().find(|l| !l.ends_with(&footer)).unwrap();
        assert!(
            !headings.iter().any(|h| h == body_end),
            "page {} ends with the heading {body_end:?}",
            i + 1
        );
    }
    // The Gantt chart's page holds the chart, its legend, and no table.
    let gantt = pages
        .iter()
        .find(|p| p.contains("audit-ready date"))
        .unwrap();
    assert!(gantt.contains("P1 urgent") && gantt.contains("operating period"));
    assert!(
        !gantt.contains("Package") && !gantt.contains("Milestone"),
        "{gantt}"
    );
}

#[test]
fn the_report_prints_on_letter_when_asked() {
    let Some(bin) = tools() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (page, _) = html(dir.path(), "letter");
    let info = pdfinfo(&print(&bin, &page));
    assert!(info.contains("612 x 792 pts (letter)"), "{info}");
}

#[test]
fn nothing_is_wider_than_the_printed_page() {
    let Some(bin) = tools() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (page, html) = html(dir.path(), "a4");
    // A probe, added to a copy only: the report itself holds no script.
    let probe = "<script>window.onload = () => { const w = document.documentElement.clientWidth; \
        const wide = [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > w + 1 \
        || (e.tagName === 'TD' && e.scrollWidth > e.clientWidth + 1)); \
        document.body.setAttribute('data-overflow', wide.length + ' ' + wide.slice(0, 5).map(e => e.tagName + ':' + e.textContent.slice(0, 40)).join(' | ')); };</script>";
    let probed = dir.path().join("probe.html");
    std::fs::write(&probed, html.replace("</body>", &format!("{probe}</body>"))).unwrap();
    // 182 mm, A4's width less the print margins, at 96 dpi.
    let out = chromium(
        &bin,
        &[
            "--window-size=688,1000",
            "--virtual-time-budget=5000",
            "--dump-dom",
        ],
        &probed,
    );
    let dom = String::from_utf8(out.stdout).unwrap();
    let attr = dom.split("data-overflow=\"").nth(1).expect("the probe ran");
    assert!(
        attr.starts_with("0 "),
        "too wide: {}",
        &attr[..attr.len().min(300)]
    );
    let _ = page;
}
