//! The managed local PostgreSQL: a cluster Rotunda creates in its data dir with the server
//! binaries it finds, reachable only through a Unix socket in that dir, protected by a random
//! password that lives in the keyring. When Rotunda runs as root the cluster runs as `postgres`.

use std::path::{Path, PathBuf};
use std::process::Stdio;

use sqlx::postgres::{PgConnectOptions, PgSslMode};
use tokio::io::AsyncWriteExt;
use tokio::process::Command;

use super::secret::Secret;
use crate::{Error, Result};

pub const SUPERUSER: &str = "rotunda";
pub const DATABASE: &str = "rotunda";
const PORT: u16 = 5432;

#[cfg(unix)]
pub fn running_as_root() -> bool {
    // Read from /proc rather than through libc, so the core needs no unsafe code.
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .map(str::to_string)
        })
        .and_then(|l| l.split_whitespace().nth(2).map(|uid| uid == "0"))
        .unwrap_or_else(|| std::env::var("USER").is_ok_and(|u| u == "root"))
}

#[cfg(not(unix))]
pub fn running_as_root() -> bool {
    false
}

/// Finds PostgreSQL's server binaries: `ROTUNDA_PG_BIN`, `pg_config --bindir`, PATH, then the
/// folders installers use.
pub fn find_server_binaries() -> Option<PathBuf> {
    let has_server =
        |dir: &Path| dir.join(exe("initdb")).is_file() && dir.join(exe("pg_ctl")).is_file();
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(dir) = std::env::var_os("ROTUNDA_PG_BIN") {
        candidates.push(PathBuf::from(dir));
    }
    if let Ok(out) = std::process::Command::new("pg_config")
        .arg("--bindir")
        .stderr(Stdio::null())
        .output()
        && out.status.success()
    {
        candidates.push(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()));
    }
    if let Some(path) = std::env::var_os("PATH") {
        candidates.extend(std::env::split_paths(&path));
    }
    for pattern_root in [
        "/usr/lib/postgresql",
        "/opt/homebrew/opt",
        "/usr/local/opt",
        "C:\\Program Files\\PostgreSQL",
    ] {
        if let Ok(entries) = std::fs::read_dir(pattern_root) {
            let mut versions: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
                .collect();
            versions.sort();
            versions.reverse();
            candidates.extend(versions);
        }
    }
    candidates.extend(
        [
            "/usr/local/pgsql/bin",
            "/Applications/Postgres.app/Contents/Versions/latest/bin",
        ]
        .map(PathBuf::from),
    );
    candidates.into_iter().find(|d| has_server(d))
}

fn exe(name: &str) -> String {
    if cfg!(windows) {
        format!("{name}.exe")
    } else {
        name.to_string()
    }
}

pub fn missing_binaries_message() -> String {
    "PostgreSQL's server programs (initdb, pg_ctl) were not found, so Rotunda cannot keep its own local \
     database. Install them (Debian/Ubuntu: apt install postgresql; macOS: brew install postgresql@16; \
     Windows: the EDB installer), set ROTUNDA_PG_BIN to their folder, or connect to a server instead."
        .to_string()
}

#[derive(Debug, Clone)]
pub struct ManagedCluster {
    root: PathBuf,
    bin: PathBuf,
    as_postgres: bool,
}

impl ManagedCluster {
    /// The cluster kept in `root` (created on `init`), run with the binaries found on this computer.
    pub fn locate(root: PathBuf) -> Result<Self> {
        let bin =
            find_server_binaries().ok_or_else(|| Error::Unavailable(missing_binaries_message()))?;
        Ok(ManagedCluster {
            root,
            bin,
            as_postgres: running_as_root(),
        })
    }

    pub fn pgdata(&self) -> PathBuf {
        self.root.join("pgdata")
    }

    pub fn socket_dir(&self) -> PathBuf {
        self.root.join("run")
    }

    pub fn log_file(&self) -> PathBuf {
        self.root.join("postgres.log")
    }

    pub fn is_initialised(&self) -> bool {
        self.pgdata().join("PG_VERSION").is_file()
    }

    fn command(&self, program: &str) -> Command {
        let path = self.bin.join(exe(program));
        let mut cmd = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(path);
            c
        } else {
            Command::new(path)
        };
        cmd.stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        cmd
    }

    async fn run(&self, what: &str, mut cmd: Command) -> Result<()> {
        let out = cmd
            .output()
            .await
            .map_err(|e| Error::io(format!("Running {what}"), e))?;
        if out.status.success() {
            Ok(())
        } else {
            Err(Error::Unavailable(format!(
                "{what} failed: {}",
                String::from_utf8_lossy(&out.stderr)
                    .lines()
                    .last()
                    .unwrap_or("no message")
            )))
        }
    }

    /// Creates the folders owned by whoever runs the cluster.
    fn prepare_dirs(&self) -> Result<()> {
        #[cfg(unix)]
        if self.as_postgres {
            refuse_closed_parents(&self.root)?;
        }
        for dir in [&self.root, &self.socket_dir()] {
            std::fs::create_dir_all(dir)
                .map_err(|e| Error::io(format!("Creating {}", dir.display()), e))?;
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
                    .map_err(|e| Error::io(format!("Protecting {}", dir.display()), e))?;
                if self.as_postgres {
                    let (uid, gid) = postgres_ids()?;
                    std::os::unix::fs::chown(dir, Some(uid), Some(gid)).map_err(|e| {
                        Error::io(format!("Handing {} to the postgres user", dir.display()), e)
                    })?;
                }
            }
        }
        Ok(())
    }

    /// Creates the cluster with `password` for its superuser. The password goes to initdb through
    /// a pipe, never through a file or an argument.
    pub async fn init(&self, password: &Secret) -> Result<()> {
        if !cfg!(unix) {
            return Err(Error::Unavailable(
                "Rotunda's managed local database is not available on this system yet; connect to a server instead".into(),
            ));
        }
        self.prepare_dirs()?;
        let initdb = self.bin.join(exe("initdb"));
        // A process substitution made by the cluster's own user: initdb cannot reopen a pipe owned
        // by another user through /dev/stdin.
        let mut cmd = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args([
                "-u",
                "postgres",
                "--",
                "bash",
                "-c",
                r#"exec "$0" "$@" --pwfile=<(cat)"#,
            ])
            .arg(initdb);
            c
        } else {
            let mut c = Command::new(initdb);
            c.arg("--pwfile=/dev/stdin");
            c
        };
        cmd.arg("-D")
            .arg(self.pgdata())
            .args([
                "-U",
                SUPERUSER,
                "--auth=scram-sha-256",
                "-E",
                "UTF8",
                "--locale=C",
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        let mut child = cmd.spawn().map_err(|e| Error::io("Running initdb", e))?;
        if let Some(mut stdin) = child.stdin.take() {
            stdin
                .write_all(password.expose().as_bytes())
                .await
                .map_err(|e| Error::io("Handing the password to initdb", e))?;
            stdin
                .shutdown()
                .await
                .map_err(|e| Error::io("Handing the password to initdb", e))?;
        }
        let out = child
            .wait_with_output()
            .await
            .map_err(|e| Error::io("Running initdb", e))?;
        if !out.status.success() {
            return Err(Error::Unavailable(format!(
                "Creating the local database failed: {}",
                String::from_utf8_lossy(&out.stderr)
                    .lines()
                    .last()
                    .unwrap_or("initdb gave no message")
            )));
        }
        let settings = format!(
            "\n# Rotunda: reachable only through its own socket folder.\nlisten_addresses = ''\nport = {PORT}\nunix_socket_directories = '{}'\n",
            self.socket_dir().display().to_string().replace('\'', "''")
        );
        let conf = self.pgdata().join("postgresql.conf");
        let mut text =
            std::fs::read_to_string(&conf).map_err(|e| Error::io("Reading postgresql.conf", e))?;
        text.push_str(&settings);
        std::fs::write(&conf, text).map_err(|e| Error::io("Writing postgresql.conf", e))
    }

    pub async fn is_running(&self) -> bool {
        let mut cmd = self.command("pg_ctl");
        cmd.arg("status").arg("-D").arg(self.pgdata());
        // Nobody reads its output: a pipe left unread would kill pg_ctl with SIGPIPE.
        cmd.stdout(Stdio::null()).stderr(Stdio::null());
        cmd.status().await.is_ok_and(|s| s.success())
    }

    /// Starts the cluster unless it already runs (after a crash it may still be up).
    pub async fn start(&self) -> Result<()> {
        if self.is_running().await {
            return Ok(());
        }
        self.prepare_dirs()?;
        let mut cmd = self.command("pg_ctl");
        cmd.arg("start")
            .arg("-D")
            .arg(self.pgdata())
            .arg("-l")
            .arg(self.log_file())
            .args(["-w", "-t", "60"]);
        // pg_ctl's server keeps no pipe of ours open: its output goes to the log file.
        cmd.stdout(Stdio::null());
        self.run("Starting the local database", cmd).await
    }

    pub async fn stop(&self) -> Result<()> {
        if !self.is_running().await {
            return Ok(());
        }
        let mut cmd = self.command("pg_ctl");
        cmd.arg("stop")
            .arg("-D")
            .arg(self.pgdata())
            .args(["-m", "fast", "-w", "-t", "60"]);
        self.run("Stopping the local database", cmd).await
    }

    pub fn connect_options(&self, password: &Secret, database: &str) -> PgConnectOptions {
        PgConnectOptions::new_without_pgpass()
            .socket(self.socket_dir())
            .port(PORT)
            .username(SUPERUSER)
            .password(password.expose())
            .database(database)
            .ssl_mode(PgSslMode::Disable)
            .application_name("rotunda")
    }

    /// Creates Rotunda's database in the cluster when it does not exist yet.
    pub async fn ensure_database(&self, password: &Secret) -> Result<()> {
        use sqlx::ConnectOptions;
        let mut conn = self.connect_options(password, "postgres").connect().await?;
        let exists: bool =
            sqlx::query_scalar("select exists(select 1 from pg_database where datname = $1)")
                .bind(DATABASE)
                .fetch_one(&mut conn)
                .await?;
        if !exists {
            // The name is a constant of ours, not input.
            sqlx::query(sqlx::AssertSqlSafe(format!("create database {DATABASE}")))
                .execute(&mut conn)
                .await?;
        }
        Ok(())
    }
}

/// The `postgres` user must be able to walk down to the cluster's folder.
#[cfg(unix)]
fn refuse_closed_parents(root: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    for dir in root.ancestors().skip(1) {
        if let Ok(meta) = std::fs::metadata(dir)
            && meta.permissions().mode() & 0o001 == 0
        {
            return Err(Error::Unavailable(format!(
                "Rotunda runs as root, so its local database runs as the 'postgres' user, which cannot enter {}. \
                 Choose a data folder the postgres user can reach (ROTUNDA_DATA_DIR), or run Rotunda as a normal user.",
                dir.display()
            )));
        }
    }
    Ok(())
}

#[cfg(unix)]
fn postgres_ids() -> Result<(u32, u32)> {
    let passwd =
        std::fs::read_to_string("/etc/passwd").map_err(|e| Error::io("Reading /etc/passwd", e))?;
    passwd
        .lines()
        .find_map(|line| {
            let f: Vec<&str> = line.split(':').collect();
            (f.first() == Some(&"postgres") && f.len() > 3).then(|| Some((f[2].parse().ok()?, f[3].parse().ok()?)))?
        })
        .ok_or_else(|| {
            Error::Unavailable(
                "Rotunda runs as root, so its local database must run as the 'postgres' user, which does not exist. \
                 Install PostgreSQL's server package or run Rotunda as a normal user."
                    .into(),
            )
        })
}
