//! `rotunda`: the command line door to Rotunda's core, for offices that script and for anyone
//! without a display. Errors print as `{kind, message, field}` (as JSON with `--json`) and set
//! the exit code: 2 invalid, 3 not found, 4 conflict, 5 forbidden, 6 unavailable, 1 internal.

mod accreditation;
mod args;
mod ccc_bench;
mod grid_bench;
mod hours_bench;
mod milestones;
mod notify;
mod output;
mod records;
mod roster;
mod run;
mod schedule;
mod solve;

use clap::Parser;
use rotunda_core::ErrorKind;

fn exit_code(kind: ErrorKind) -> i32 {
    match kind {
        ErrorKind::Invalid => 2,
        ErrorKind::NotFound => 3,
        ErrorKind::Conflict => 4,
        ErrorKind::Forbidden => 5,
        ErrorKind::Unavailable => 6,
        ErrorKind::Internal => 1,
    }
}

fn main() {
    let cli = args::Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("ROTUNDA_LOG")
                .unwrap_or_else(|_| "warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start: {e}");
            std::process::exit(1);
        }
    };
    let json = cli.json;
    if let Err(error) = runtime.block_on(run::run(cli)) {
        let report = error.report();
        output::error(&report, json);
        std::process::exit(exit_code(report.kind));
    }
}
