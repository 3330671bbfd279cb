//! `cargo test -p conformance`: every case of every spec, with the usual
//! test output, then a summary table and a JUnit XML file at
//! `target/conformance/junit.xml` (or `MEETING_API_JUNIT`).

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use conformance::{CaseResult, Report};
use libtest_mimic::{Arguments, Failed, Trial};

fn main() -> ExitCode {
    let args = Arguments::from_args();
    let runtime = Arc::new(
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime starts"),
    );
    let entries = Arc::new(conformance::entries());
    let report = Arc::new(Mutex::new(Report::default()));
    let trials = conformance::cases(&entries)
        .into_iter()
        .map(|case| {
            let (runtime, entries, report) = (runtime.clone(), entries.clone(), report.clone());
            Trial::test(case.name.clone(), move || {
                let start = Instant::now();
                let result = runtime.block_on(conformance::run(&entries[case.spec], &case.scenario));
                let message = result.as_ref().err().cloned();
                let passed = result.is_ok();
                report
                    .lock()
                    .expect("no case panics while holding the report")
                    .results
                    .push(CaseResult {
                        name: case.name.clone(),
                        passed,
                        duration: start.elapsed(),
                        message,
                    });
                result.map_err(Failed::from)
            })
        })
        .collect();
    let listing = args.list;
    let conclusion = libtest_mimic::run(&args, trials);
    if !listing {
        let report = report.lock().expect("all cases are done");
        println!("\nspecs from {}\n{}", conformance::SPEC_DIR, report.table());
        let path = junit_path();
        match report.write_junit(&path) {
            Ok(()) => println!("JUnit report: {}", path.display()),
            Err(error) => eprintln!("cannot write the JUnit report {}: {error}", path.display()),
        }
    }
    conclusion.exit_code()
}

/// `target/conformance/junit.xml`, next to the test binary's target dir.
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
