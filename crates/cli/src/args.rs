//! The command line's shape.

use std::path::PathBuf;

use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "rotunda",
    version,
    about = "Rotunda, the residency program office's tool, from the command line"
)]
pub struct Cli {
    /// Connect to this database instead of a profile (postgres://user@host/db; the password
    /// comes from PGPASSWORD, never from the command line).
    #[arg(
        long,
        global = true,
        env = "ROTUNDA_DATABASE_URL",
        conflicts_with = "profile"
    )]
    pub database_url: Option<String>,
    /// Connect with this saved profile (default: the last one used, or the managed local database).
    #[arg(long, global = true)]
    pub profile: Option<String>,
    /// Print results and errors as JSON.
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Connection profiles (passwords go to the OS keyring, never to a file).
    #[command(subcommand)]
    Profile(ProfileCommand),
    /// The block schedule: solve an instance file, export who comes to a site when.
    #[command(subcommand)]
    Schedule(ScheduleCommand),
    /// Measurements (those on a database write into it: point them at a scratch one).
    #[command(subcommand)]
    Bench(BenchCommand),
    #[command(flatten)]
    Database(DatabaseCommand),
}

/// The commands that work on an open database.
#[derive(Debug, Subcommand)]
pub enum DatabaseCommand {
    /// Bring the database schema up to date.
    Migrate,
    /// Programs.
    #[command(subcommand)]
    Program(ProgramCommand),
    /// Academic years.
    #[command(subcommand)]
    Year(YearCommand),
    /// Blocks of an academic year.
    #[command(subcommand)]
    Blocks(BlocksCommand),
    /// PDF reports.
    #[command(subcommand)]
    Report(ReportCommand),
    /// Resident and faculty rosters as CSV files.
    #[command(subcommand)]
    Roster(RosterCommand),
    /// Milestone levels of a reporting period.
    #[command(subcommand)]
    Milestones(MilestonesCommand),
    /// EPA assessments.
    #[command(subcommand)]
    Assessments(AssessmentsCommand),
    /// Clinical and educational work hours.
    #[command(subcommand)]
    Hours(HoursCommand),
    /// Notifications: the rules that raise them and their delivery to the office's webhook.
    #[command(subcommand)]
    Notify(NotifyCommand),
    /// Milestone sets, EPA sets and feedback tags.
    #[command(subcommand)]
    Reference(ReferenceCommand),
    /// Load the demo program: General Surgery (GS), 40 residents, 25 faculty, 6 sites, the
    /// current academic year in 13 blocks. The same seed gives the same program.
    Demo {
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ReferenceKindArg {
    Milestones,
    Epas,
    Tags,
}

#[derive(Debug, Subcommand)]
pub enum ReferenceCommand {
    /// Import a milestone set, an EPA set (JSON or CSV) or feedback tags (JSON): the whole file is
    /// checked first and written in one transaction, or nothing is. With --program the set is the
    /// program's own and the program assesses against it; an existing set of the same version is
    /// corrected in place.
    Import {
        #[arg(value_enum)]
        kind: ReferenceKindArg,
        file: PathBuf,
        /// The program's code, e.g. GS; without it the set is for every program.
        #[arg(long)]
        program: Option<String>,
        /// For CSV, which names no set: the specialty code, e.g. general_surgery.
        #[arg(long)]
        specialty: Option<String>,
        /// For CSV: the set's version, e.g. 2.0.
        #[arg(long = "set-version")]
        set_version: Option<String>,
        /// For CSV: the set's name.
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RosterArg {
    Residents,
    Faculty,
}

#[derive(Debug, Subcommand)]
pub enum RosterCommand {
    /// Import a roster file: every row is checked first, and nothing is written unless all are good.
    /// People are matched by e-mail, so importing the same file twice changes nothing.
    Import {
        #[arg(value_enum)]
        roster: RosterArg,
        file: PathBuf,
        /// The program's code, e.g. GS (may be left out when the database holds one program).
        #[arg(long)]
        program: Option<String>,
        /// Check every row and say what would change, without writing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Export a roster with the columns import reads.
    Export {
        #[arg(value_enum)]
        roster: RosterArg,
        #[command(flatten)]
        program: ProgramArg,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum AssessmentsCommand {
    /// Import EPA assessments from another system's CSV: residents and assessors by e-mail, EPAs by
    /// number, every row checked by the entry form's rules; nothing is written unless all are
    /// good. An assessment already stored is left alone, so importing a file twice adds nothing.
    Import {
        file: PathBuf,
        /// The program's code, e.g. GS (may be left out when the database holds one program).
        #[arg(long)]
        program: Option<String>,
        /// Check every row and say what would be added, without writing.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum HoursCommand {
    /// Import work-hour entries from a time-keeping system's CSV (resident_email, kind, start,
    /// end, notes; times on the program's clock): every row is checked first and nothing is
    /// written unless all are good. An entry already stored is left alone; one that overlaps
    /// another is a bad row. Imported entries wait for approval.
    Import {
        file: PathBuf,
        /// The program's code, e.g. GS (may be left out when the database holds one program).
        #[arg(long)]
        program: Option<String>,
        /// Check every row and say what would be added, without writing.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum NotifyCommand {
    /// One round: raise what every program's rules say is due today (stored once each), then one
    /// delivery pass over the queue when a webhook is on. The secret signing the posts comes from
    /// ROTUNDA_WEBHOOK_SECRET, else from this computer's keyring. Run it from a scheduler on a
    /// computer where the app is not open.
    Run,
}

#[derive(Debug, Subcommand)]
pub enum MilestonesCommand {
    /// A period's levels as CSV laid out for entering them in ADS: a row per resident (last name,
    /// first name, e-mail, PGY), a column per subcompetency (PC1, MK2, ...); 0 is "has not yet
    /// completed Level 1", NYA "not yet assessable", empty "not rated".
    Export {
        #[command(flatten)]
        program: ProgramArg,
        /// The reporting period: the academic year and the half, e.g. 2025-2026-spring.
        #[arg(long)]
        period: String,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Import generated resident rosters into a new program and print rows per second.
    Import {
        /// Roster sizes to import, one program each.
        #[arg(long, value_delimiter = ',', default_value = "10000,100000")]
        rows: Vec<u32>,
    },
    /// Solve every instance file in DIR with the same rules as verify.py checking each result, and
    /// print time to first feasible schedule and the objective at 1 s and at the time limit
    /// (beside CP-SAT's figures when DIR's parent holds RESULTS.md). Needs no database.
    Schedule {
        dir: PathBuf,
        #[arg(long, default_value_t = 10.0)]
        time_limit: f64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Fill a new program's schedule (13 split blocks = 26 half blocks) and time loading the
    /// grid and editing one cell.
    Grid {
        #[arg(long, default_value_t = 150)]
        residents: u32,
    },
    /// Grow the demo program to N residents with two years of evidence, time the CCC packet from
    /// database to file (and the peak memory), then fill the assessments to a million rows and
    /// time one resident's EPA progress.
    Ccc {
        #[arg(long, default_value_t = 150)]
        residents: u32,
        /// EPA assessments per added resident over the two years (500: about 60,000 in all).
        #[arg(long, default_value_t = 500)]
        per_resident: i32,
        /// Assessments in the table for the progress query.
        #[arg(long, default_value_t = 1_000_000)]
        progress_rows: i64,
    },
    /// Load the demo program and time its accreditation summary from database to file (median
    /// of several runs, pages, the process's peak memory).
    Accreditation {
        #[arg(long, default_value_t = 5)]
        runs: u32,
    },
    /// Time the work-hour rules over a program's year: N residents, a shift or a call most days
    /// for 13 four-week blocks, every rule per block and the daily chart. No database.
    Hours {
        #[arg(long, default_value_t = 40)]
        residents: u32,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SslModeArg {
    Disable,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Save a server profile after testing it; the password is read from standard input
    /// (--password-stdin) or PGPASSWORD and kept in the OS keyring.
    Add {
        #[arg(long)]
        name: String,
        #[arg(long)]
        host: String,
        #[arg(long, default_value_t = 5432)]
        port: i32,
        #[arg(long)]
        database: String,
        #[arg(long)]
        user: String,
        /// Default: verify-full for any host not on loopback, prefer on loopback.
        #[arg(long, value_enum)]
        sslmode: Option<SslModeArg>,
        /// The certificate authority that signed the server's certificate.
        #[arg(long)]
        ca_file: Option<String>,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List saved profiles.
    List,
}

#[derive(Debug, Subcommand)]
pub enum ProgramCommand {
    /// Create a program under its sponsoring institution.
    Create {
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
        /// The sponsoring institution's name (created when new).
        #[arg(long)]
        institution: String,
    },
    /// List programs.
    List,
}

#[derive(Debug, Args)]
pub struct ProgramArg {
    /// The program's code, e.g. GS.
    #[arg(long)]
    pub program: String,
}

#[derive(Debug, Args)]
pub struct YearArg {
    /// The program's code, e.g. GS.
    #[arg(long)]
    pub program: String,
    /// The academic year, by its name, e.g. 2026-2027.
    #[arg(long)]
    pub year: String,
}

#[derive(Debug, Subcommand)]
pub enum YearCommand {
    /// Create an academic year (default July 1 to June 30).
    Create {
        #[command(flatten)]
        program: ProgramArg,
        /// e.g. 2026-2027
        #[arg(long)]
        name: String,
        /// YYYY-MM-DD; default July 1 of the name's first year.
        #[arg(long)]
        start: Option<String>,
        /// YYYY-MM-DD; default June 30 of the following year.
        #[arg(long)]
        end: Option<String>,
        /// Make it the program's current year.
        #[arg(long)]
        current: bool,
    },
    /// List a program's academic years.
    List {
        #[command(flatten)]
        program: ProgramArg,
    },
    /// Change a year's name, dates, current flag or whether its blocks may leave gaps.
    Update {
        #[command(flatten)]
        year: YearArg,
        #[arg(long)]
        rename: Option<String>,
        #[arg(long)]
        start: Option<String>,
        #[arg(long)]
        end: Option<String>,
        /// Make it the program's current year.
        #[arg(long)]
        current: bool,
        /// Whether days may belong to no block.
        #[arg(long)]
        allow_gaps: Option<bool>,
    },
    /// Delete a year and its blocks (refused, saying by what, while anything refers to its blocks).
    Delete {
        #[command(flatten)]
        year: YearArg,
    },
    /// Move the program into its next academic year: the same block pattern, residents promoted,
    /// final-year residents graduated, those off cycle or on leave kept at their level.
    Rollover {
        #[command(flatten)]
        program: ProgramArg,
        /// Show every change without writing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Undo the program's latest rollover (refused when a resident was changed since).
    UndoRollover {
        #[command(flatten)]
        program: ProgramArg,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LeftoverArg {
    Last,
    First,
    Extra,
}

#[derive(Debug, Subcommand)]
pub enum BlocksCommand {
    /// Generate a year's blocks from a pattern: 13x4w, 12m, 26x2w or Nd (e.g. 30d).
    Generate {
        #[command(flatten)]
        year: YearArg,
        #[arg(long)]
        pattern: String,
        /// The day rotations switch, when it differs from the year's first day.
        #[arg(long)]
        switch_day: Option<String>,
        /// Where leftover days go.
        #[arg(long, value_enum, default_value = "last")]
        leftover: LeftoverArg,
        /// Split every block into two halves.
        #[arg(long)]
        split_halves: bool,
        /// Replace the year's existing blocks.
        #[arg(long)]
        replace: bool,
        /// Show the blocks without writing them.
        #[arg(long)]
        dry_run: bool,
    },
    /// List a year's blocks.
    List {
        #[command(flatten)]
        year: YearArg,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Work-hour compliance over the blocks that start between two dates: every resident's hours
    /// a week and violations by rule, then each violation (with --resident, theirs alone).
    Hours {
        #[command(flatten)]
        program: ProgramArg,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        /// The resident's e-mail.
        #[arg(long)]
        resident: Option<String>,
        #[arg(long)]
        out: PathBuf,
    },
    /// The accreditation summary of an academic year: sponsor and DIO, agreements and sites with
    /// their expiry, faculty (core marked), residents by PGY, coverage by rotation, CCC meetings,
    /// and work-hour violations by rule.
    Accreditation {
        #[command(flatten)]
        year: YearArg,
        #[arg(long)]
        out: PathBuf,
    },
    /// The academic calendar: the year's blocks with dates, weeks and split dates.
    Calendar {
        #[command(flatten)]
        year: YearArg,
        #[arg(long)]
        out: PathBuf,
    },
    /// The block schedule: a landscape grid of residents across blocks, a legend, and a page per
    /// affiliate site (or, with --site, that site's page alone).
    Schedule {
        #[command(flatten)]
        year: YearArg,
        #[arg(long)]
        out: PathBuf,
        /// A site's code, e.g. SBCH-GEN.
        #[arg(long)]
        site: Option<String>,
    },
    /// The CCC meeting packet of a period: the meeting, its agenda, then each resident's
    /// rotations, EPA evidence, milestone history, comments, flags and last review.
    CccPacket {
        #[command(flatten)]
        program: ProgramArg,
        /// The reporting period: the academic year and the half, e.g. 2025-2026-spring.
        #[arg(long)]
        period: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Milestones of a period: with --resident, that resident's report (levels, change, the level
    /// reached, trajectories, the committee's final review); with --program alone, the program
    /// summary (how levels spread per subcompetency and PGY).
    #[command(group(ArgGroup::new("whom").required(true).multiple(true).args(["resident", "program"])))]
    Milestones {
        /// The resident's e-mail (any case).
        #[arg(long)]
        resident: Option<String>,
        /// The program's code, e.g. GS; with --resident, needed only when they are in several.
        #[arg(long)]
        program: Option<String>,
        /// The reporting period: the academic year and the half, e.g. 2025-2026-spring.
        #[arg(long)]
        period: String,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum ScheduleCommand {
    /// Solve an instance file (bench/scheduling/FORMAT.md) and write the solution file; prints
    /// the time to the first feasible schedule and the objective as it improves. Needs no database.
    Solve {
        #[arg(long)]
        instance: PathBuf,
        #[arg(long)]
        out: PathBuf,
        /// Seconds; fractions allowed, e.g. 0.05.
        #[arg(long, default_value_t = 10.0)]
        time_limit: f64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Who comes to a site when, as CSV (one row per stay), for the site's onboarding office.
    Export {
        /// The site's code, e.g. SBCH-GEN.
        #[arg(long)]
        site: String,
        #[arg(long)]
        out: PathBuf,
        /// The program's code (may be left out when the database holds one program).
        #[arg(long)]
        program: Option<String>,
        /// The academic year's name (default: the program's current year).
        #[arg(long)]
        year: Option<String>,
    },
}
