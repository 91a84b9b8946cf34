//! Runs one command against the core: connect, call, print.

use rotunda_core::academic::{
    AcademicYear, BlockPlanInput, GenerateBlocksInput, Leftover, NewYearInput, YearEditInput,
    service,
};
use rotunda_core::academic::{calendar_export, rollover_service};
use rotunda_core::connect::profiles::{ServerProfileInput, SslMode};
use rotunda_core::connect::{self, ClusterOwnership, Connection, Secret};
use rotunda_core::db::Actor;
use rotunda_core::org::{NewProgramInput, Program, service as org};
use rotunda_core::{Error, Result};

use crate::args::{
    AssessmentsCommand, BenchCommand, BlocksCommand, Cli, Command, DatabaseCommand, HoursCommand,
    LeftoverArg, MilestonesCommand, NotifyCommand, ProfileCommand, ProgramCommand,
    ReferenceCommand, ReferenceKindArg, ReportCommand, ScheduleCommand, SslModeArg, YearArg,
    YearCommand,
};
use crate::output;

async fn open(cli: &Cli) -> Result<Connection> {
    match (&cli.database_url, &cli.profile) {
        (Some(url), _) => connect::open_url(url).await,
        (None, Some(name)) => connect::open_profile(name, ClusterOwnership::Borrowed).await,
        (None, None) => connect::open_default(ClusterOwnership::Borrowed).await,
    }
}

pub async fn run(cli: Cli) -> Result<()> {
    match &cli.command {
        // Profiles need no open connection: adding one tests its own.
        Command::Profile(command) => profile(&cli, command).await,
        Command::Schedule(ScheduleCommand::Solve {
            instance,
            out,
            time_limit,
            seed,
        }) => crate::solve::solve(cli.json, instance, out, *time_limit, *seed),
        Command::Bench(BenchCommand::Schedule {
            dir,
            time_limit,
            seed,
        }) => crate::solve::bench(cli.json, dir, *time_limit, *seed),
        Command::Schedule(ScheduleCommand::Export {
            site,
            out,
            program,
            year,
        }) => {
            let connection = open(&cli).await?;
            let result = crate::schedule::export_site(
                cli.json,
                &connection,
                site,
                out,
                program.as_deref(),
                year.as_deref(),
            )
            .await;
            connection.close().await?;
            result
        }
        Command::Bench(BenchCommand::Import { rows }) => {
            let connection = open(&cli).await?;
            let result = crate::roster::bench_import(cli.json, rows, &connection).await;
            connection.close().await?;
            result
        }
        Command::Bench(BenchCommand::Grid { residents }) => {
            let connection = open(&cli).await?;
            let result = crate::grid_bench::bench_grid(cli.json, *residents, &connection).await;
            connection.close().await?;
            result
        }
        Command::Bench(BenchCommand::Accreditation { runs }) => {
            let connection = open(&cli).await?;
            let result = crate::accreditation::bench(cli.json, *runs, &connection).await;
            connection.close().await?;
            result
        }
        Command::Bench(BenchCommand::Hours { residents }) => {
            crate::hours_bench::bench(*residents);
            Ok(())
        }
        Command::Bench(BenchCommand::Ccc {
            residents,
            per_resident,
            progress_rows,
        }) => {
            let connection = open(&cli).await?;
            let result = crate::ccc_bench::bench_ccc(
                cli.json,
                *residents,
                *per_resident,
                *progress_rows,
                &connection,
            )
            .await;
            connection.close().await?;
            result
        }
        Command::Database(command) => {
            let connection = open(&cli).await?;
            let result = dispatch(&cli, command, &connection).await;
            connection.close().await?;
            result
        }
    }
}

async fn profile(cli: &Cli, command: &ProfileCommand) -> Result<()> {
    match command {
        ProfileCommand::Add {
            name,
            host,
            port,
            database,
            user,
            sslmode,
            ca_file,
            password_stdin,
        } => {
            let password = if *password_stdin {
                let mut line = String::new();
                std::io::stdin()
                    .read_line(&mut line)
                    .map_err(|e| Error::io("Reading the password from standard input", e))?;
                line.trim_end_matches(['\r', '\n']).to_string()
            } else {
                std::env::var("PGPASSWORD")
                    .map_err(|_| Error::invalid("password", "Give the password on standard input with --password-stdin, or in PGPASSWORD"))?
            };
            let input = ServerProfileInput {
                name: name.clone(),
                host: host.clone(),
                port: *port,
                database: database.clone(),
                user: user.clone(),
                sslmode: sslmode.map(|m| match m {
                    SslModeArg::Disable => SslMode::Disable,
                    SslModeArg::Prefer => SslMode::Prefer,
                    SslModeArg::Require => SslMode::Require,
                    SslModeArg::VerifyCa => SslMode::VerifyCa,
                    SslModeArg::VerifyFull => SslMode::VerifyFull,
                }),
                ca_file: ca_file.clone(),
            };
            let connection = connect::save_server_profile(&input, &Secret::new(password)).await?;
            let state = connection.state.clone();
            connection.close().await?;
            if cli.json {
                output::json(&state)
            } else {
                println!(
                    "Saved profile {} ({}); its password is in the OS keyring.",
                    state.profile, state.label
                )
            }
        }
        ProfileCommand::List => {
            let startup = connect::startup_state()?;
            if cli.json {
                output::json(&startup.profiles)
            } else {
                for p in startup.profiles {
                    let last = if startup.last_profile.as_deref() == Some(p.name.as_str()) {
                        "  (last used)"
                    } else {
                        ""
                    };
                    println!("{:<20} {}{last}", p.name, p.label);
                }
            }
        }
    }
    Ok(())
}

async fn program(connection: &Connection, code: &str) -> Result<Program> {
    org::program_by_code(&connection.pool, code).await
}

/// The program and the academic year named on the command line.
async fn year(connection: &Connection, arg: &YearArg) -> Result<(Program, AcademicYear)> {
    let program = program(connection, &arg.program).await?;
    let year = service::year_by_name(&connection.pool, program.id, &arg.year).await?;
    Ok((program, year))
}

/// Default dates from a year name such as 2026-2027: July 1 to June 30.
fn default_dates(name: &str) -> Result<(String, String)> {
    let first: i32 = name
        .trim()
        .get(..4)
        .and_then(|y| y.parse().ok())
        .ok_or_else(|| {
            Error::invalid(
                "startDate",
                format!("Give --start and --end: '{name}' does not begin with a year"),
            )
        })?;
    Ok((format!("{first}-07-01"), format!("{}-06-30", first + 1)))
}

async fn dispatch(cli: &Cli, command: &DatabaseCommand, connection: &Connection) -> Result<()> {
    let pool = &connection.pool;
    let actor = Actor::local_user("cli");
    match command {
        DatabaseCommand::Reference(ReferenceCommand::Import {
            kind,
            file,
            program: code,
            specialty,
            set_version,
            name,
            dry_run,
        }) => {
            use rotunda_core::assessment::reference::SetLabel;
            use rotunda_core::assessment::service::{ReferenceImport, SetKind, import_reference};
            let program = match code {
                Some(code) => Some(program(connection, code).await?.id),
                None => None,
            };
            let text = std::fs::read_to_string(file).map_err(|e| {
                Error::invalid("file", format!("{} cannot be read: {e}", file.display()))
            })?;
            let label = match (specialty, set_version, name) {
                (Some(specialty), Some(version), Some(name)) => Some(SetLabel {
                    specialty: specialty.clone(),
                    version: version.clone(),
                    name: name.clone(),
                }),
                _ => None,
            };
            let input = ReferenceImport {
                kind: match kind {
                    ReferenceKindArg::Milestones => SetKind::Milestones,
                    ReferenceKindArg::Epas => SetKind::Epas,
                    ReferenceKindArg::Tags => SetKind::FeedbackTags,
                },
                text,
                label,
            };
            let done = import_reference(pool, &actor, program, &input, *dry_run).await?;
            if cli.json {
                output::json(&done)
            } else {
                println!(
                    "{}{}: {} item{} ({}).",
                    if *dry_run { "Checked " } else { "Imported " },
                    file.display(),
                    done.items,
                    if done.items == 1 { "" } else { "s" },
                    match (*dry_run, done.created) {
                        (true, _) => "nothing written",
                        (false, true) => "a new set",
                        (false, false) => "the existing set corrected where it differed",
                    }
                );
            }
        }
        DatabaseCommand::Roster(command) => {
            return crate::roster::run(cli.json, command, connection).await;
        }
        DatabaseCommand::Assessments(AssessmentsCommand::Import {
            file,
            program,
            dry_run,
        })
        | DatabaseCommand::Hours(HoursCommand::Import {
            file,
            program,
            dry_run,
        }) => {
            let records = if matches!(command, DatabaseCommand::Hours(_)) {
                crate::records::Records::Hours
            } else {
                crate::records::Records::Assessments
            };
            return crate::records::import(
                cli.json,
                connection,
                records,
                file,
                program.as_deref(),
                *dry_run,
            )
            .await;
        }
        DatabaseCommand::Notify(NotifyCommand::Run) => {
            return crate::notify::run(cli.json, connection).await;
        }
        DatabaseCommand::Milestones(MilestonesCommand::Export {
            program,
            period,
            out,
        }) => {
            return crate::milestones::export(cli.json, connection, &program.program, period, out)
                .await;
        }
        DatabaseCommand::Report(ReportCommand::Hours {
            program,
            from,
            to,
            resident,
            out,
        }) => {
            return crate::records::report_hours(
                cli.json,
                connection,
                &program.program,
                (from, to),
                resident.as_deref(),
                out,
            )
            .await;
        }
        DatabaseCommand::Report(ReportCommand::Milestones {
            resident,
            program,
            period,
            out,
        }) => {
            return crate::milestones::report(
                cli.json,
                connection,
                resident.as_deref(),
                program.as_deref(),
                period,
                out,
            )
            .await;
        }
        DatabaseCommand::Demo { seed } => {
            let today = chrono::Local::now().date_naive();
            let demo = rotunda_core::demo::load_demo(pool, &actor, *seed, today).await?;
            if cli.json {
                output::json(&demo)
            } else {
                println!(
                    "Loaded the demo program {} ({}): {} residents, {} faculty, {} sites, academic year {}.",
                    demo.program.code,
                    demo.program.name,
                    demo.residents,
                    demo.faculty,
                    demo.sites,
                    demo.year
                )
            }
        }
        DatabaseCommand::Year(YearCommand::Rollover {
            program: p,
            dry_run,
        }) => {
            let program = program(connection, &p.program).await?;
            let preview = if *dry_run {
                rollover_service::preview_rollover(pool, program.id).await?
            } else {
                rollover_service::apply_rollover(pool, &actor, program.id).await?
            };
            if cli.json {
                output::json(&preview)
            } else {
                output::rollover(&preview, *dry_run)
            }
        }
        DatabaseCommand::Year(YearCommand::UndoRollover { program: p }) => {
            let program = program(connection, &p.program).await?;
            let undone = rollover_service::undo_rollover(pool, &actor, program.id).await?;
            if cli.json {
                output::json(&undone)
            } else {
                println!(
                    "Undone: {} is current again; {} restored{}.",
                    undone.current_year,
                    output::count(undone.residents_restored, "resident", "residents"),
                    undone
                        .removed_year
                        .map(|y| format!(", {y} removed"))
                        .unwrap_or_default()
                )
            }
        }
        DatabaseCommand::Migrate => {
            // Connecting ran the migrations.
            let version = rotunda_core::db::migrate::app_schema_version();
            if cli.json {
                output::json(
                    &serde_json::json!({ "schemaVersion": version, "server": connection.state.label }),
                );
            } else {
                println!(
                    "The database at {} is at schema version {version}.",
                    connection.state.label
                );
            }
        }
        DatabaseCommand::Program(ProgramCommand::Create {
            code,
            name,
            institution,
        }) => {
            let created = org::create_program(
                pool,
                &actor,
                NewProgramInput {
                    code: code.clone(),
                    name: name.clone(),
                    institution: institution.clone(),
                },
            )
            .await?;
            if cli.json {
                output::json(&created)
            } else {
                println!(
                    "Created program {} ({}) at {}.",
                    created.code, created.name, created.sponsoring_institution
                )
            }
        }
        DatabaseCommand::Program(ProgramCommand::List) => {
            let programs = org::list_programs(pool).await?;
            if cli.json {
                output::json(&programs)
            } else {
                for p in programs {
                    println!("{:<8} {} ({})", p.code, p.name, p.sponsoring_institution);
                }
            }
        }
        DatabaseCommand::Year(YearCommand::Create {
            program: p,
            name,
            start,
            end,
            current,
        }) => {
            let program = program(connection, &p.program).await?;
            let (default_start, default_end) = match (start, end) {
                (Some(s), Some(e)) => (s.clone(), e.clone()),
                _ => default_dates(name)?,
            };
            let year = service::create_year(
                pool,
                &actor,
                NewYearInput {
                    program_id: program.id,
                    name: name.clone(),
                    start_date: start.clone().unwrap_or(default_start),
                    end_date: end.clone().unwrap_or(default_end),
                    is_current: *current,
                },
            )
            .await?;
            if cli.json {
                output::json(&year)
            } else {
                println!(
                    "Created academic year {} ({}..{}) for {}.",
                    year.name, year.start_date, year.end_date, program.code
                )
            }
        }
        DatabaseCommand::Year(YearCommand::List { program: p }) => {
            let program = program(connection, &p.program).await?;
            let years = service::list_years(pool, program.id).await?;
            if cli.json {
                output::json(&years)
            } else {
                output::years(&years)
            }
        }
        DatabaseCommand::Year(YearCommand::Update {
            year: which,
            rename,
            start,
            end,
            current,
            allow_gaps,
        }) => {
            let (_, year) = year(connection, which).await?;
            let updated = service::update_year(
                pool,
                &actor,
                YearEditInput {
                    id: year.id,
                    version: year.version,
                    name: rename.clone().unwrap_or_else(|| year.name.clone()),
                    start_date: start.clone().unwrap_or_else(|| year.start_date.to_string()),
                    end_date: end.clone().unwrap_or_else(|| year.end_date.to_string()),
                    is_current: *current || year.is_current,
                    allow_gaps: allow_gaps.unwrap_or(year.allow_gaps),
                },
            )
            .await?;
            if cli.json {
                output::json(&updated)
            } else {
                output::years(std::slice::from_ref(&updated))
            }
        }
        DatabaseCommand::Year(YearCommand::Delete { year: which }) => {
            let (_, year) = year(connection, which).await?;
            service::delete_year(pool, &actor, year.id, year.version).await?;
            if cli.json {
                output::json(&serde_json::json!({ "deleted": year.name }))
            } else {
                println!(
                    "Deleted the academic year {} and its {} blocks.",
                    year.name, year.block_count
                )
            }
        }
        DatabaseCommand::Blocks(BlocksCommand::Generate {
            year: which,
            pattern,
            switch_day,
            leftover,
            split_halves,
            replace,
            dry_run,
        }) => {
            let (program, year) = year(connection, which).await?;
            let plan = BlockPlanInput {
                year_id: year.id,
                pattern: pattern.clone(),
                switch_day: switch_day.clone(),
                leftover: match leftover {
                    LeftoverArg::Last => Leftover::Last,
                    LeftoverArg::First => Leftover::First,
                    LeftoverArg::Extra => Leftover::Extra,
                },
                split_halves: *split_halves,
            };
            if *dry_run {
                let preview = service::preview_blocks(pool, plan).await?;
                if cli.json {
                    output::json(&preview)
                } else {
                    output::planned(&preview.blocks);
                    println!(
                        "{} blocks, {} leftover days; {} existing blocks would be replaced. Nothing was written.",
                        preview.blocks.len(),
                        preview.leftover_days,
                        preview.existing_blocks
                    );
                }
            } else {
                let blocks = service::generate_blocks(
                    pool,
                    &actor,
                    GenerateBlocksInput {
                        plan,
                        replace_existing: *replace,
                    },
                )
                .await?;
                if cli.json {
                    output::json(&blocks)
                } else {
                    output::blocks(&blocks);
                    println!(
                        "Generated {} blocks for {} {}.",
                        blocks.len(),
                        program.code,
                        year.name
                    );
                }
            }
        }
        DatabaseCommand::Blocks(BlocksCommand::List { year: which }) => {
            let (_, year) = year(connection, which).await?;
            let blocks = service::list_blocks(pool, year.id).await?;
            if cli.json {
                output::json(&blocks)
            } else {
                output::blocks(&blocks)
            }
        }
        DatabaseCommand::Report(ReportCommand::Schedule {
            year: which,
            out,
            site,
        }) => {
            return crate::schedule::report_schedule(
                cli.json,
                connection,
                which,
                out,
                site.as_deref(),
            )
            .await;
        }
        DatabaseCommand::Report(ReportCommand::CccPacket {
            program: which,
            period,
            out,
        }) => {
            let program = program(connection, &which.program).await?;
            let period = rotunda_core::assessment::milestone::PeriodName::parse("period", period)?;
            let meeting = rotunda_core::ccc::packet::meeting_of(pool, program.id, &period).await?;
            let file = rotunda_core::ccc::packet::export_packet(pool, meeting, out, |_| {}).await?;
            if cli.json {
                output::json(&file)
            } else {
                println!(
                    "Wrote {} ({} pages, {} bytes).",
                    file.path, file.pages, file.bytes
                )
            }
        }
        DatabaseCommand::Report(ReportCommand::Accreditation { year: which, out }) => {
            let (_, year) = year(connection, which).await?;
            return crate::accreditation::report(cli.json, connection, year.id, out).await;
        }
        DatabaseCommand::Report(ReportCommand::Calendar { year: which, out }) => {
            let (_, year) = year(connection, which).await?;
            let file = calendar_export::export_calendar_pdf(pool, year.id, out, |_| {}).await?;
            if cli.json {
                output::json(&file)
            } else {
                let plural = if file.pages == 1 { "" } else { "s" };
                println!(
                    "Wrote {} ({} page{plural}, {} bytes).",
                    file.path, file.pages, file.bytes
                )
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_name_gives_july_to_june() {
        assert_eq!(
            default_dates("2026-2027").ok(),
            Some(("2026-07-01".to_string(), "2027-06-30".to_string()))
        );
        assert!(default_dates("AY").is_err());
    }
}
