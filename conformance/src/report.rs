//! The end of a run: a summary table (spec × case → pass/fail) and a JUnit
//! XML file.

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

/// The result of one case.
#[derive(Clone, Debug)]
pub struct CaseResult {
    /// `<spec>::<case>`.
    pub name: String,
    /// How it ended.
    pub verdict: Verdict,
    /// How long it took.
    pub duration: Duration,
}

/// How a case ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Everything held.
    Pass,
    /// Something differed: what.
    Fail(String),
    /// Not run, by the user's choice: why.
    NotRun(String),
}

impl Verdict {
    fn word(&self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail(_) => "FAIL",
            Verdict::NotRun(_) => "not run",
        }
    }
}

/// Results of a run, in the order they finished.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// The results.
    pub results: Vec<CaseResult>,
}

impl Report {
    /// The summary table, sorted by case name.
    pub fn table(&self) -> String {
        let mut results: Vec<&CaseResult> = self.results.iter().collect();
        results.sort_by(|a, b| a.name.cmp(&b.name));
        let split = |name: &str| {
            name.split_once("::")
                .map_or((name.to_owned(), String::new()), |(s, c)| (s.to_owned(), c.to_owned()))
        };
        let rows: Vec<(String, String, &CaseResult)> = results
            .iter()
            .map(|r| {
                let (s, c) = split(&r.name);
                (s, c, *r)
            })
            .collect();
        let spec_width = rows.iter().map(|(s, ..)| s.len()).max().unwrap_or(0).max(4);
        let case_width = rows.iter().map(|(_, c, _)| c.chars().count()).max().unwrap_or(0).max(4);
        let mut out = format!("{:spec_width$}  {:case_width$}  result   time\n", "spec", "case");
        for (spec, case, result) in &rows {
            let verdict = result.verdict.word();
            let millis = result.duration.as_secs_f64() * 1000.0;
            let _ = writeln!(
                out,
                "{spec:spec_width$}  {case:case_width$}  {verdict:7}  {millis:.1} ms"
            );
        }
        let count = |word: &str| self.results.iter().filter(|r| r.verdict.word() == word).count();
        let _ = write!(
            out,
            "{} cases: {} passed, {} failed",
            self.results.len(),
            count("pass"),
            count("FAIL")
        );
        if count("not run") > 0 {
            let _ = write!(out, ", {} not run", count("not run"));
        }
        out
    }

    /// The results as JUnit XML: one test suite per spec.
    pub fn junit(&self) -> String {
        let mut specs: Vec<&str> = self
            .results
            .iter()
            .map(|r| r.name.split("::").next().unwrap_or_default())
            .collect();
        specs.sort();
        specs.dedup();
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"conformance\">\n");
        for spec in specs {
            let cases: Vec<&CaseResult> = self
                .results
                .iter()
                .filter(|r| r.name.split("::").next() == Some(spec))
                .collect();
            let failures = cases.iter().filter(|r| matches!(r.verdict, Verdict::Fail(_))).count();
            let skipped = cases.iter().filter(|r| matches!(r.verdict, Verdict::NotRun(_))).count();
            let time: f64 = cases.iter().map(|r| r.duration.as_secs_f64()).sum();
            let _ = writeln!(
                out,
                "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" skipped=\"{skipped}\" time=\"{time:.3}\">",
                escape(spec),
                cases.len()
            );
            for case in cases {
                let name = case.name.split_once("::").map_or(case.name.as_str(), |(_, c)| c);
                let _ = write!(
                    out,
                    "    <testcase classname=\"{}\" name=\"{}\" time=\"{:.3}\"",
                    escape(spec),
                    escape(name),
                    case.duration.as_secs_f64()
                );
                match &case.verdict {
                    Verdict::Pass => out.push_str("/>\n"),
                    Verdict::Fail(message) => {
                        let first = message.lines().next().unwrap_or_default();
                        let _ = writeln!(
                            out,
                            ">\n      <failure message=\"{}\">{}</failure>\n    </testcase>",
                            escape(first),
                            escape(message)
                        );
                    }
                    Verdict::NotRun(reason) => {
                        let _ = writeln!(
                            out,
                            ">\n      <skipped message=\"{}\"/>\n    </testcase>",
                            escape(reason)
                        );
                    }
                }
            }
            out.push_str("  </testsuite>\n");
        }
        out.push_str("</testsuites>\n");
        out
    }

    /// Writes the JUnit XML to `path`, creating its directory.
    pub fn write_junit(&self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, self.junit())
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
