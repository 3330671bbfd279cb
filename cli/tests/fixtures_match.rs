//! The repository's copies of the user's reference material (`fixtures/`)
//! are the files of `../shared/`, unchanged, whenever that directory is
//! beside the workspace.

use std::path::Path;

const COPIES: [&str; 4] = [
    "captures/documented-curl.sh",
    "captures/python-sdk-hand.http",
    "seed/raising-or-lowering-hands.txt",
    "spec-format.md",
];

#[test]
fn the_fixtures_are_the_shared_files_unchanged() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let shared = root.join("../shared");
    for copy in COPIES {
        let ours = std::fs::read(root.join("fixtures").join(copy)).expect("every copy is in fixtures/");
        if !shared.is_dir() {
            eprintln!("note: {} is absent; the copies cannot be compared", shared.display());
            continue;
        }
        let theirs = std::fs::read(shared.join(copy)).expect("the shared directory has the file");
        assert!(
            ours == theirs,
            "fixtures/{copy} differs from ../shared/{copy}: copy it again"
        );
    }
}
