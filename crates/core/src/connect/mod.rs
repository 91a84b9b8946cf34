//! Connecting to a database: the managed local cluster by default, or a server profile; the
//! password from the keyring; migrations on connect. Profiles hold no secret.

pub mod cluster;
pub mod keyring;
pub mod paths;
pub mod profiles;
pub mod secret;

use std::time::Duration;

use serde::Serialize;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions, PgSslMode};
use sqlx::{ConnectOptions, PgPool};
use ts_rs::TS;

use crate::db::migrate;
use crate::{Error, Result};
use cluster::ManagedCluster;
use profiles::{
    MANAGED_LOCAL, Profile, ProfileKind, ProfileSummary, ServerProfile, ServerProfileInput, SslMode,
};
pub use secret::Secret;

const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);

/// What the app knows before connecting: saved profiles and whether PostgreSQL can be run here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StartupState {
    pub profiles: Vec<ProfileSummary>,
    pub last_profile: Option<String>,
    /// The folder of PostgreSQL's server programs, when found.
    pub postgres_binaries: Option<String>,
}

/// The connection in use, as the status bar shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionState {
    pub profile: String,
    pub kind: ProfileKind,
    pub label: String,
    pub server_version: String,
}

/// An open, migrated database, and the managed cluster behind it if Rotunda runs one.
pub struct Connection {
    pub pool: PgPool,
    pub state: ConnectionState,
    cluster: Option<ManagedCluster>,
}

impl Connection {
    /// Closes the pool and stops the managed cluster, if any.
    pub async fn close(self) -> Result<()> {
        self.pool.close().await;
        if let Some(cluster) = self.cluster {
            tracing::info!("stopping the managed local database");
            cluster.stop().await?;
            tracing::info!("the managed local database stopped");
        }
        Ok(())
    }
}

pub fn startup_state() -> Result<StartupState> {
    let file = profiles::load(&paths::config_dir()?)?;
    Ok(StartupState {
        profiles: profiles::summaries(&file),
        last_profile: file.last_profile.clone(),
        postgres_binaries: cluster::find_server_binaries().map(|p| p.display().to_string()),
    })
}

async fn pool(options: PgConnectOptions) -> Result<PgPool> {
    let connect = PgPoolOptions::new()
        .max_connections(5)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options);
    tokio::time::timeout(CONNECT_TIMEOUT, connect)
        .await
        .map_err(|_| {
            Error::Unavailable(format!(
                "The database did not answer within {} seconds",
                CONNECT_TIMEOUT.as_secs()
            ))
        })?
        // Failing to connect (refused, wrong password, untrusted certificate) is `unavailable`.
        .map_err(|e| {
            Error::Unavailable(format!(
                "The database cannot be reached: {}",
                describe_connect_error(&e)
            ))
        })
}

async fn server_version(pool: &PgPool) -> Result<String> {
    Ok(
        sqlx::query_scalar!(r#"select current_setting('server_version') as "v!""#)
            .fetch_one(pool)
            .await?,
    )
}

/// Remembers which profile was used last, adding it to the file when new.
fn remember(name: &str, profile: Profile) -> Result<()> {
    let dir = paths::config_dir()?;
    let mut file = profiles::load(&dir)?;
    file.profiles.insert(name.to_string(), profile);
    file.last_profile = Some(name.to_string());
    profiles::save(&dir, &file)
}

/// Who stops the managed cluster when the connection closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClusterOwnership {
    /// The desktop app: the cluster lives exactly as long as the app.
    Owned,
    /// A CLI run: stop the cluster only if this run started it (the app may be using it).
    Borrowed,
}

/// Opens (creating on first use) Rotunda's own local database, and runs migrations.
pub async fn open_managed_local(ownership: ClusterOwnership) -> Result<Connection> {
    let root = paths::data_dir()?.join("cluster");
    let cluster = ManagedCluster::locate(root.clone())?;
    let account = format!("managed-local:{}", root.display());
    let password = if cluster.is_initialised() {
        let lookup = account.clone();
        keyring::blocking(move || keyring::load(&lookup)).await?.ok_or_else(|| {
            Error::Unavailable(format!(
                "The password of Rotunda's local database is missing from the keyring, so the database in {} \
                 cannot be opened. Restore the keyring, or move that folder away to start afresh.",
                root.display()
            ))
        })?
    } else {
        // Into the keyring first: if the keyring refuses, nothing has been created yet.
        let fresh = Secret::random();
        let (store_account, store_secret) = (account.clone(), fresh.clone());
        keyring::blocking(move || keyring::store(&store_account, &store_secret)).await?;
        cluster.init(&fresh).await?;
        fresh
    };
    let was_running = cluster.is_running().await;
    cluster.start().await?;
    cluster.ensure_database(&password).await?;
    let pool = pool(cluster.connect_options(&password, cluster::DATABASE)).await?;
    migrate::migrate(&pool).await?;
    let version = server_version(&pool).await?;
    remember(MANAGED_LOCAL, Profile::ManagedLocal)?;
    tracing::info!(profile = MANAGED_LOCAL, server = %version, "connected to the managed local database");
    Ok(Connection {
        pool,
        state: ConnectionState {
            profile: MANAGED_LOCAL.into(),
            kind: ProfileKind::ManagedLocal,
            label: Profile::ManagedLocal.label(),
            server_version: version,
        },
        cluster: (ownership == ClusterOwnership::Owned || !was_running).then_some(cluster),
    })
}

pub fn server_options(profile: &ServerProfile, password: &Secret) -> PgConnectOptions {
    let mode = match profile.sslmode {
        SslMode::Disable => PgSslMode::Disable,
        SslMode::Prefer => PgSslMode::Prefer,
        SslMode::Require => PgSslMode::Require,
        SslMode::VerifyCa => PgSslMode::VerifyCa,
        SslMode::VerifyFull => PgSslMode::VerifyFull,
    };
    let mut options = PgConnectOptions::new_without_pgpass()
        .host(&profile.host)
        .port(profile.port)
        .database(&profile.database)
        .username(&profile.user)
        .password(password.expose())
        .ssl_mode(mode)
        .application_name("rotunda");
    if let Some(ca) = &profile.ca_file {
        options = options.ssl_root_cert(ca);
    }
    options
}

/// The password of a server profile: the keyring, or `PGPASSWORD` where no keyring answers.
async fn server_password(name: &str) -> Result<Secret> {
    let account = keyring::account_for_profile(name);
    match keyring::blocking(move || keyring::load(&account)).await {
        Ok(Some(secret)) => Ok(secret),
        Ok(None) => std::env::var("PGPASSWORD").map(Secret::new).map_err(|_| {
            Error::Unavailable(format!("No password is stored for the profile {name}; enter it again in the connection settings"))
        }),
        Err(e) => std::env::var("PGPASSWORD").map(Secret::new).map_err(|_| e),
    }
}

fn state_for(name: &str, profile: &ServerProfile, version: String) -> ConnectionState {
    ConnectionState {
        profile: name.to_string(),
        kind: ProfileKind::Server,
        label: Profile::Server(profile.clone()).label(),
        server_version: version,
    }
}

/// Tries a server profile without saving anything.
pub async fn test_server_profile(
    input: &ServerProfileInput,
    password: &Secret,
) -> Result<ConnectionState> {
    let (name, profile) = profiles::parse_server_profile(input)?;
    let options = server_options(&profile, password);
    let connect = options.connect();
    let mut conn = tokio::time::timeout(CONNECT_TIMEOUT, connect)
        .await
        .map_err(|_| {
            Error::Unavailable(format!(
                "{} did not answer within {} seconds",
                profile.host,
                CONNECT_TIMEOUT.as_secs()
            ))
        })?
        .map_err(|e| {
            Error::Unavailable(format!(
                "Cannot connect to {}: {}",
                profile.host,
                describe_connect_error(&e)
            ))
        })?;
    let version: String = sqlx::query_scalar("select current_setting('server_version')")
        .fetch_one(&mut conn)
        .await?;
    Ok(state_for(&name, &profile, version))
}

/// A connection failure in words, without the password (sqlx never echoes it, but be explicit).
fn describe_connect_error(e: &sqlx::Error) -> String {
    let text = match e {
        sqlx::Error::Database(db) => return db.message().to_string(),
        sqlx::Error::Tls(t) => t.to_string(),
        sqlx::Error::Io(io) => io.to_string(),
        other => other.to_string(),
    };
    certificate_advice(&text).map_or(text.clone(), |advice| format!("{advice} ({text})"))
}

/// What to do about the certificate failures people meet, in words.
fn certificate_advice(tls_error: &str) -> Option<&'static str> {
    if tls_error.contains("UnknownIssuer") {
        Some(
            "the server's certificate is not signed by an authority this computer trusts; give the server's CA file",
        )
    } else if tls_error.contains("NotValidForName") {
        Some(
            "the server's certificate is for another host name; connect by the name on its certificate",
        )
    } else if tls_error.contains("Expired") {
        Some("the server's certificate has expired; ask its administrator to renew it")
    } else {
        None
    }
}

/// Tests a server profile, then saves it (the password into the keyring) and connects.
pub async fn save_server_profile(
    input: &ServerProfileInput,
    password: &Secret,
) -> Result<Connection> {
    test_server_profile(input, password).await?;
    let (name, profile) = profiles::parse_server_profile(input)?;
    let (account, secret) = (keyring::account_for_profile(&name), password.clone());
    keyring::blocking(move || keyring::store(&account, &secret)).await?;
    remember(&name, Profile::Server(profile))?;
    open_profile(&name, ClusterOwnership::Owned).await
}

/// Opens a saved profile by name.
pub async fn open_profile(name: &str, ownership: ClusterOwnership) -> Result<Connection> {
    let file = profiles::load(&paths::config_dir()?)?;
    match file.profiles.get(name) {
        Some(Profile::ManagedLocal) => open_managed_local(ownership).await,
        Some(Profile::Server(profile)) => {
            let password = server_password(name).await?;
            let pool = pool(server_options(profile, &password))
                .await
                .map_err(|e| match e {
                    Error::Unavailable(m) => Error::Unavailable(format!("{}: {m}", profile.host)),
                    other => other,
                })?;
            migrate::migrate(&pool).await?;
            let version = server_version(&pool).await?;
            remember(name, Profile::Server(profile.clone()))?;
            tracing::info!(profile = name, host = %profile.host, "connected to a server");
            Ok(Connection {
                state: state_for(name, profile, version),
                pool,
                cluster: None,
            })
        }
        None => Err(Error::not_found(format!("The connection profile {name}"))),
    }
}

/// Opens a database given as a URL (the CLI's `--database-url`), and runs migrations.
pub async fn open_url(url: &str) -> Result<Connection> {
    let options: PgConnectOptions = url
        .parse()
        .map_err(|_| Error::invalid("databaseUrl", "The database URL is not a postgres:// URL"))?;
    let host = options.get_host().to_string();
    let pool = pool(options).await?;
    migrate::migrate(&pool).await?;
    let version = server_version(&pool).await?;
    Ok(Connection {
        state: ConnectionState {
            profile: "url".into(),
            kind: ProfileKind::Server,
            label: host,
            server_version: version,
        },
        pool,
        cluster: None,
    })
}

/// The last profile used, or the managed local database when there is none.
pub async fn open_default(ownership: ClusterOwnership) -> Result<Connection> {
    let file = profiles::load(&paths::config_dir()?)?;
    match file.last_profile {
        Some(name) => open_profile(&name, ownership).await,
        None => open_managed_local(ownership).await,
    }
}
