//! `cargo test -p conformance`: every case of every spec, with the usual
//! test output, then a summary table and a JUnit XML file at
//! `target/conformance/junit.xml` (or `MEETING_API_JUNIT`). With
//! `MEETING_API_BASE_URL` set, the example cases run against that server
//! instead (see `conformance/README.md`).

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use conformance::{Case, CaseResult, Live, Report, Scenario, SpecEntry, Verdict};
use libtest_mimic::{Arguments, Completion, Failed, Trial};

struct Run {
    runtime: tokio::runtime::Runtime,
    entries: Vec<SpecEntry>,
    live: Option<Live>,
    report: Mutex<Report>,
}

fn main() -> ExitCode {
    let args = Arguments::from_args();
    let live = match Live::from_env() {
        Ok(live) => live,
        Err(error) => {
            eprintln!("conformance: {error}");
            return ExitCode::FAILURE;
        }
    };
    let run = Arc::new(Run {
        runtime: tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime starts"),
        entries: conformance::entries(),
        live,
        report: Mutex::default(),
    });
    let cases = conformance::cases(&run.entries);
    let trials = cases
        .into_iter()
        // Live mode runs the example cases only: the others need a mock.
        .filter(|case| run.live.is_none() || matches!(case.scenario, Scenario::Example(_)))
        .map(|case| {
            let run = run.clone();
            Trial::ignorable_test(case.name.clone(), move || run.case(&case))
        })
        .collect();
    let listing = args.list;
    let conclusion = libtest_mimic::run(&args, trials);
    if !listing {
        run.summarise();
    }
    conclusion.exit_code()
}

impl Run {
    fn case(&self, case: &Case) -> Result<Completion, Failed> {
        let start = Instant::now();
        let verdict = self.verdict(case);
        let result = match &verdict {
            Verdict::Pass => Ok(Completion::Completed),
            Verdict::Fail(message) => Err(Failed::from(message)),
            Verdict::NotRun(reason) => Ok(Completion::ignored_with(reason)),
        };
        let name = case.name.clone();
        let duration = start.elapsed();
        self.report
            .lock()
            .expect("no case panics while holding the report")
            .results
            .push(CaseResult {
                name,
                verdict,
                duration,
            });
        result
    }

    fn verdict(&self, case: &Case) -> Verdict {
        let entry = &self.entries[case.spec];
        let result = match (&self.live, &case.scenario) {
            (None, scenario) => self.runtime.block_on(conformance::run(entry, scenario)),
            (Some(live), _) if entry.spec.method.changes_state() && !live.writes => {
                let reason = format!(
                    "{} changes state; set MEETING_API_LIVE_WRITES=1 to run it",
                    entry.spec.method
                );
                return Verdict::NotRun(reason);
            }
            (Some(live), Scenario::Example(index)) => self.runtime.block_on(conformance::run_live(entry, *index, live)),
            (Some(_), _) => unreachable!("live mode keeps the example cases only"),
        };
        match result {
            Ok(()) => Verdict::Pass,
            Err(message) => Verdict::Fail(message),
        }
    }

    fn summarise(&self) {
        let report = self.report.lock().expect("all cases are done");
        let target = match &self.live {
            Some(live) => format!("live server {}", live.base_url),
            None => "wiremock".to_owned(),
        };
        println!(
            "\nspecs from {}, against {target}\n{}",
            conformance::SPEC_DIR,
            report.table()
        );
        let path = junit_path();
        match report.write_junit(&path) {
            Ok(()) => println!("JUnit report: {}", path.display()),
            Err(error) => eprintln!("cannot write the JUnit report {}: {error}", path.display()),
        }
    }
}

/// `target/conformance/junit.xml`, in the target dir of the test binary.
fn junit_path() -> PathBuf {
    if let Some(path) = std::env::var_os("MEETING_API_JUNIT") {
        return PathBuf::from(path);
    }
    let exe = std::env::current_exe().unwrap_or_default();
    let target = exe
        .ancestors()
        .nth(3)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target"));
    target.join("conformance").join("junit.xml")
}
