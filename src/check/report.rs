//! Showing a `check` run: the table and summary for people, one JSON object with `--json`, and
//! JUnit XML with `--junit FILE` (quick-junit), one testcase per case.

use std::path::Path;

use anyhow::{Context as _, Result};
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use super::{Grade, Outcome};
use crate::output::{Out, sanitize};

/// Counts of each grade.
#[derive(Debug, Default, Clone, Copy, serde::Serialize, PartialEq, Eq)]
pub struct Summary {
    pub passed: usize,
    pub warnings: usize,
    pub failed: usize,
    pub skipped: usize,
}

impl Summary {
    pub fn of(outcomes: &[Outcome]) -> Summary {
        let mut s = Summary::default();
        for o in outcomes {
            match o.grade {
                Grade::Pass => s.passed += 1,
                Grade::Warn => s.warnings += 1,
                Grade::Fail => s.failed += 1,
                Grade::Skipped => s.skipped += 1,
            }
        }
        s
    }

    /// `12 passed, 2 warnings, 1 failed, 1 skipped`.
    pub fn line(&self) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        format!(
            "{}, {}, {} failed, {} skipped",
            plural(self.passed, "passed", "passed"),
            plural(self.warnings, "warning", "warnings"),
            self.failed,
            self.skipped
        )
    }
}

/// The `--json` object.
#[derive(Debug, serde::Serialize)]
pub struct JsonReport<'a> {
    pub url: String,
    pub scheme: &'static str,
    pub cases: &'a [Outcome],
    pub summary: Summary,
}

/// The table and the summary line, on stdout.
pub fn print(out: &Out, outcomes: &[Outcome]) -> std::io::Result<()> {
    let paint = out.paint();
    let mut table = out.table(&["CASE", "RESULT", "WHAT HAPPENED", "WHY IT MATTERS"]);
    for o in outcomes {
        let result = match o.grade {
            Grade::Pass => paint.green("✔ pass"),
            Grade::Warn => paint.yellow("! warn"),
            Grade::Fail => paint.red("✗ fail"),
            Grade::Skipped => paint.dim("– skipped"),
        };
        // What happened quotes the receiver's answers: raw in the outcome (JSON escapes it),
        // sanitized for a terminal.
        table.add_row(vec![
            o.case.to_owned(),
            result,
            sanitize(&o.happened).into_owned(),
            sanitize(&o.why).into_owned(),
        ]);
    }
    out.print_table(&table)?;
    out.line(Summary::of(outcomes).line())
}

/// Write the JUnit XML: one suite, one testcase per case; a failure (and, with `strict`, a
/// warning) is a `<failure>`, a skip a `<skipped>`.
pub fn write_junit(path: &Path, url: &str, outcomes: &[Outcome], strict: bool) -> Result<()> {
    let mut report = Report::new("lpwh check");
    let mut suite = TestSuite::new(format!("lpwh check {url}"));
    for o in outcomes {
        // XML cannot carry control characters at all: the receiver's words go in sanitized.
        let message = sanitize(&format!("{}: {}", o.happened, o.why)).into_owned();
        let status = match o.grade {
            Grade::Pass => TestCaseStatus::success(),
            Grade::Warn if !strict => TestCaseStatus::success(),
            Grade::Warn | Grade::Fail => {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                status.set_message(message.clone());
                status.set_type(if o.grade == Grade::Warn {
                    "warning"
                } else {
                    "failure"
                });
                status
            }
            Grade::Skipped => {
                let mut status = TestCaseStatus::skipped();
                status.set_message(sanitize(&o.happened).into_owned());
                status
            }
        };
        let mut case = TestCase::new(o.case, status);
        case.set_classname("lpwh.check");
        if o.grade == Grade::Warn && !strict {
            case.set_system_out(format!("warning: {message}"));
        }
        suite.add_test_case(case);
    }
    report.add_test_suite(suite);
    save(path, &report)
}

/// Write a JUnit report for a run that ended in an error before it could grade: one testcase,
/// `lpwh check`, whose `<error>` is the message. A CI that reads the file sees the run failed;
/// an older file from a passing run is never left looking current.
pub fn write_junit_error(path: &Path, url: &str, error: &str) -> Result<()> {
    let mut report = Report::new("lpwh check");
    let mut suite = TestSuite::new(format!("lpwh check {url}"));
    let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
    status.set_message(sanitize(error).into_owned());
    status.set_type("error");
    let mut case = TestCase::new("lpwh check", status);
    case.set_classname("lpwh.check");
    suite.add_test_case(case);
    report.add_test_suite(suite);
    save(path, &report)
}

/// Replace `path` with the report, atomically and never through a planted link.
fn save(path: &Path, report: &Report) -> Result<()> {
    let xml = report.to_string().context("rendering the JUnit report")?;
    crate::atomic_file::write(path, xml.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_counts_each_grade() {
        let o = |grade| Outcome {
            case: "valid",
            grade,
            happened: String::new(),
            why: String::new(),
            answers: Vec::new(),
        };
        let s = Summary::of(&[
            o(Grade::Pass),
            o(Grade::Pass),
            o(Grade::Warn),
            o(Grade::Fail),
            o(Grade::Skipped),
        ]);
        assert_eq!(s.line(), "2 passed, 1 warning, 1 failed, 1 skipped");
    }
}
