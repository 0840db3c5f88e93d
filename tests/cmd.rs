//! What a user sees for each input, as case files in `tests/cmd/`: the arguments, the exact
//! standard output and error, and the exit status, each case named after the behaviour it
//! pins. `TRYCMD=overwrite cargo test --test cmd` rewrites the expected files after a
//! deliberate change; review the diff.

#[test]
fn cli_cases() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}
