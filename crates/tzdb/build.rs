//! Compiles the vendored IANA source `tzdata/tzdata.zi` (release `tzdata/VERSION`) with
//! `bookable-tzdb-gen` into `OUT_DIR/tzdb.bin`. A source the compiler refuses fails the build
//! with the file, the line and the reason.

use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=tzdata/tzdata.zi");
    println!("cargo:rerun-if-changed=tzdata/VERSION");
    let read = |name: &str| {
        fs::read_to_string(Path::new("tzdata").join(name)).unwrap_or_else(|e| {
            panic!("crates/tzdb/tzdata/{name}: {e} (scripts/update-tzdata.sh writes it)")
        })
    };
    let release = read("VERSION");
    let release = release.trim();
    let bytes = bookable_tzdb_gen::compile(&read("tzdata.zi"), release)
        .unwrap_or_else(|e| panic!("crates/tzdb/tzdata/tzdata.zi: {e}"));
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    fs::write(Path::new(&out).join("tzdb.bin"), bytes).expect("write tzdb.bin");
    println!("cargo:rustc-env=BOOKABLE_TZDATA_RELEASE={release}");
}
