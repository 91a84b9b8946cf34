//! `rotunda roster ...` and `rotunda bench import`: roster files through the core's import and export.

use std::path::Path;
use std::time::Instant;

use rotunda_core::connect::Connection;
use rotunda_core::db::Actor;
use rotunda_core::org::{NewProgramInput, Program, service as org};
use rotunda_core::people::roster::{
    FileProblem, ImportMode, ImportReport, RosterKind, RowOutcome, RowProblem, export_roster,
    import_roster,
};
use rotunda_core::{Error, Result};

use crate::args::{RosterArg, RosterCommand};
use crate::output;

fn kind(arg: RosterArg) -> RosterKind {
    match arg {
        RosterArg::Residents => RosterKind::Residents,
        RosterArg::Faculty => RosterKind::Faculty,
    }
}

/// The program named, or the only one there is.
pub(crate) async fn program_or_only(
    connection: &Connection,
    code: Option<&str>,
) -> Result<Program> {
    if let Some(code) = code {
        return org::program_by_code(&connection.pool, code).await;
    }
    let mut programs = org::list_programs(&connection.pool).await?;
    match programs.len() {
        1 => Ok(programs.remove(0)),
        0 => Err(Error::not_found("A program (create one first)")),
        _ => Err(Error::invalid(
            "program",
            format!(
                "Name the program with --program: {}",
                programs
                    .iter()
                    .map(|p| p.code.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

pub(crate) fn read_file(path: &Path) -> Result<String> {
    std::fs::read(path)
        .map_err(|e| Error::invalid("file", format!("{} cannot be read: {e}", path.display())))
        // A file that is not UTF-8 is reported by the import, line by line, not refused here.
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
}

/// The columns an import did not read and what is wrong with the file as a whole.
pub(crate) fn print_problems(ignored: &[String], file_problems: &[FileProblem]) {
    if !ignored.is_empty() {
        println!("Columns not read: {}", ignored.join(", "));
    }
    for problem in file_problems {
        println!("  {}", problem.message);
    }
}

/// A row's problems, one line each: its line in the file, the column and the reason.
pub(crate) fn print_row_problems(line: u32, problems: &[RowProblem]) {
    for problem in problems {
        let column = if problem.column.is_empty() {
            String::new()
        } else {
            format!("{}: ", problem.column)
        };
        println!("  line {line:>5}  {column}{}", problem.message);
    }
}

fn print_report(file: &Path, report: &ImportReport) {
    println!(
        "{}: {}: {} new, {} updated, {} unchanged, {} with problems",
        file.display(),
        output::count(report.total_rows, "row", "rows"),
        report.new_rows,
        report.updated_rows,
        report.unchanged_rows,
        report.invalid_rows
    );
    print_problems(&report.ignored_columns, &report.file_problems);
    for row in &report.rows {
        print_row_problems(row.line, &row.problems);
        if row.outcome == RowOutcome::Update {
            println!(
                "  line {:>5}  {} {}",
                row.line,
                row.email,
                row.changes.join("; ")
            );
        }
    }
}

pub async fn run(json: bool, command: &RosterCommand, connection: &Connection) -> Result<()> {
    let pool = &connection.pool;
    match command {
        RosterCommand::Import {
            roster,
            file,
            program,
            dry_run,
        } => {
            let program = program_or_only(connection, program.as_deref()).await?;
            let text = read_file(file)?;
            let mode = if *dry_run {
                ImportMode::Preview
            } else {
                ImportMode::Apply
            };
            let report = import_roster(
                pool,
                &Actor::local_user("cli"),
                program.id,
                kind(*roster),
                &text,
                mode,
                &|_| {},
            )
            .await?;
            if json {
                output::json(&report);
            } else {
                print_report(file, &report);
            }
            if !report.is_valid() {
                if !*dry_run {
                    let what = match roster {
                        RosterArg::Residents => "resident roster",
                        RosterArg::Faculty => "faculty roster",
                    };
                    let actor = Actor::local_user("cli");
                    tell_office(pool, &actor, program.id, what, file, &report).await;
                }
                return Err(Error::invalid(
                    "file",
                    format!(
                        "{} has problems (above); nothing was imported",
                        file.display()
                    ),
                ));
            }
            if !json {
                println!(
                    "{}",
                    if report.applied {
                        format!("Imported into {}.", program.code)
                    } else {
                        "Dry run: nothing was written.".to_string()
                    }
                );
            }
        }
        RosterCommand::Export {
            roster,
            program,
            out,
        } => {
            let program = org::program_by_code(pool, &program.program).await?;
            let exported = export_roster(pool, program.id, kind(*roster), out).await?;
            if json {
                output::json(&exported);
            } else {
                let (one, many) = match roster {
                    RosterArg::Residents => ("resident", "residents"),
                    RosterArg::Faculty => ("faculty member", "faculty members"),
                };
                println!(
                    "Wrote {} to {}.",
                    output::count(exported.rows, one, many),
                    exported.path
                );
            }
        }
    }
    Ok(())
}

/// A generated roster of `rows` residents with accented names, as CSV.
pub(crate) fn generated_roster(rows: u32) -> String {
    let mut text = String::from(
        "email,first_name,last_name,pgy_level,matriculation_date,expected_graduation_date,medical_school\r\n",
    );
    for i in 0..rows {
        let pgy = i % 5 + 1;
        text.push_str(&format!(
            "bench.{i}@example.org,Zoë,Núñez-{i},{pgy},2026-07-01,2031-06-30,\"Universidad {}, Facultad\"\r\n",
            i % 97
        ));
    }
    text
}

/// Imports generated rosters into new programs, timing the preview (reading, parsing, looking
/// people up, deciding) and the apply; the difference is the database writing.
pub async fn bench_import(json: bool, sizes: &[u32], connection: &Connection) -> Result<()> {
    let pool = &connection.pool;
    let actor = Actor::named("bench:import");
    let mut results = Vec::new();
    let tag = std::process::id() % 100_000;
    for (n, &rows) in sizes.iter().enumerate() {
        let program = org::create_program(
            pool,
            &actor,
            NewProgramInput {
                code: format!("BENCH{tag}-{n}"),
                name: format!("Import benchmark, {rows} residents"),
                institution: "Benchmark Institution".into(),
            },
        )
        .await?;
        let text = generated_roster(rows);
        let started = Instant::now();
        let preview = import_roster(
            pool,
            &actor,
            program.id,
            RosterKind::Residents,
            &text,
            ImportMode::Preview,
            &|_| {},
        )
        .await?;
        let preview_secs = started.elapsed().as_secs_f64();
        let started = Instant::now();
        let applied = import_roster(
            pool,
            &actor,
            program.id,
            RosterKind::Residents,
            &text,
            ImportMode::Apply,
            &|_| {},
        )
        .await?;
        let apply_secs = started.elapsed().as_secs_f64();
        if !(preview.is_valid() && applied.applied && applied.new_rows == rows) {
            return Err(Error::conflict(
                "The benchmark roster did not import cleanly",
            ));
        }
        let write_secs = (apply_secs - preview_secs).max(f64::EPSILON);
        let result = serde_json::json!({
            "rows": rows,
            "previewSeconds": preview_secs,
            "applySeconds": apply_secs,
            "writeSeconds": write_secs,
            "rowsPerSecondOverall": f64::from(rows) / apply_secs,
            "rowsPerSecondWriting": f64::from(rows) / write_secs,
        });
        if !json {
            println!(
                "{rows:>7} residents: preview {preview_secs:.2} s, apply {apply_secs:.2} s \
                 ({:.0} rows/s overall; database writing {write_secs:.2} s = {:.0} rows/s)",
                f64::from(rows) / apply_secs,
                f64::from(rows) / write_secs
            );
        }
        results.push(result);
    }
    if json {
        output::json(&results);
    }
    Ok(())
}

/// Tells the program's office that an import was refused. A failure to tell them is printed and
/// does not hide the import's own problems.
pub async fn tell_office(
    pool: &rotunda_core::db::PgPool,
    actor: &Actor,
    program: rotunda_core::ids::ProgramId,
    what: &str,
    file: &Path,
    report: &impl rotunda_core::notify::refused_import::Refused,
) {
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let today = chrono::Local::now().date_naive();
    if let Err(e) = rotunda_core::notify::refused_import::tell_office(
        pool, actor, program, today, what, &name, report,
    )
    .await
    {
        eprintln!("The program's office could not be told of the refused import: {e}");
    }
}
