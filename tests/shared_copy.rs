//! The repository carries its own copy of the contract (`docs/spec.md`) and of the fixtures
//! (`tests/fixtures/`), so that a clone stands on its own. Where the shared folder sits beside
//! the checkout (`../shared`, as on the developers' machines and in CI), the copies must be
//! byte-identical to it; `scripts/sync-shared.sh` brings them back in step. Without `../shared`
//! there is nothing to compare and the test passes.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

const FIX: &str = "run `bash scripts/sync-shared.sh`, review `git diff` and commit";

/// Every file under `dir`, by its path relative to `dir` (with `/` separators).
fn files(dir: &Path) -> BTreeMap<String, PathBuf> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, PathBuf>) {
        let entries =
            fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap();
                let rel: Vec<_> = rel.iter().map(|c| c.to_string_lossy()).collect();
                out.insert(rel.join("/"), path);
            }
        }
    }
    let mut out = BTreeMap::new();
    if dir.is_dir() {
        walk(dir, dir, &mut out);
    }
    out
}

/// How the copy `ours` differs from `theirs`, one line per file; empty when they are the same.
fn differences(theirs: &Path, ours: &Path) -> Vec<String> {
    let (theirs_files, ours_files) = (files(theirs), files(ours));
    let mut out = Vec::new();
    for (rel, path) in &theirs_files {
        match ours_files.get(rel) {
            None => out.push(format!("{}/{rel}: missing", ours.display())),
            Some(copy) if fs::read(copy).unwrap() != fs::read(path).unwrap() => out.push(format!(
                "{}/{rel}: differs from {}",
                ours.display(),
                path.display()
            )),
            Some(_) => {}
        }
    }
    for rel in ours_files
        .keys()
        .filter(|rel| !theirs_files.contains_key(*rel))
    {
        out.push(format!(
            "{}/{rel}: not in {} (removed upstream?)",
            ours.display(),
            theirs.display()
        ));
    }
    out
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_spec_and_fixtures_are_the_shared_ones_when_shared_is_beside_the_checkout() {
    let shared = root().join("../shared");
    if !shared.join("SPEC.md").is_file() {
        return; // a clone on its own: the repository's copies are the reference
    }
    let mut problems = Vec::new();
    let spec = root().join("docs/spec.md");
    match fs::read(&spec) {
        Err(e) => problems.push(format!("{}: {e}", spec.display())),
        Ok(ours) if ours != fs::read(shared.join("SPEC.md")).unwrap() => problems.push(format!(
            "{}: differs from {}",
            spec.display(),
            shared.join("SPEC.md").display()
        )),
        Ok(_) => {}
    }
    problems.extend(differences(
        &shared.join("fixtures"),
        &root().join("tests/fixtures"),
    ));
    assert!(
        problems.is_empty(),
        "the repository's copy of the contract is out of step with ../shared ({FIX}):\n{}",
        problems.join("\n")
    );
}

/// The comparison itself: a missing, changed or extra file is each reported.
#[test]
fn differences_reports_missing_changed_and_extra_files() {
    let base = std::env::temp_dir().join(format!("bookable-shared-copy-{}", std::process::id()));
    let (theirs, ours) = (base.join("theirs"), base.join("ours"));
    for dir in [theirs.join("slots"), ours.join("slots")] {
        fs::create_dir_all(dir).unwrap();
    }
    fs::write(theirs.join("slots/1.json"), "{}").unwrap();
    fs::write(ours.join("slots/1.json"), "{}").unwrap();
    assert_eq!(differences(&theirs, &ours), Vec::<String>::new());

    fs::write(theirs.join("slots/2.json"), "{}").unwrap();
    fs::write(theirs.join("errors.jsonl"), "a\n").unwrap();
    fs::write(ours.join("errors.jsonl"), "b\n").unwrap();
    fs::write(ours.join("slots/3.json"), "{}").unwrap();
    let found = differences(&theirs, &ours);
    fs::remove_dir_all(&base).unwrap();
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(
        found[0].contains("errors.jsonl: differs from"),
        "{found:#?}"
    );
    assert!(found[1].ends_with("slots/2.json: missing"), "{found:#?}");
    assert!(found[2].contains("slots/3.json: not in"), "{found:#?}");
}
