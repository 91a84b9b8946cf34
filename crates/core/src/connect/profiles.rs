//! Connection profiles, kept in `profiles.toml` in the config dir. A profile never holds a
//! secret: passwords live in the OS keyring under the profile's name.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, Result};

pub const MANAGED_LOCAL: &str = "managed-local";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SslMode {
    Disable,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Profile {
    ManagedLocal,
    Server(ServerProfile),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerProfile {
    pub host: String,
    pub port: u16,
    pub database: String,
    pub user: String,
    pub sslmode: SslMode,
    pub ca_file: Option<PathBuf>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfilesFile {
    pub last_profile: Option<String>,
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProfileKind {
    ManagedLocal,
    Server,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProfileSummary {
    pub name: String,
    pub kind: ProfileKind,
    pub label: String,
}

/// A server profile as typed in the first-run screen or settings.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServerProfileInput {
    pub name: String,
    pub host: String,
    pub port: i32,
    pub database: String,
    pub user: String,
    /// When absent: `verify_full` for any host not on loopback, `prefer` on loopback.
    #[serde(default)]
    pub sslmode: Option<SslMode>,
    #[serde(default)]
    pub ca_file: Option<String>,
}

pub fn is_loopback(host: &str) -> bool {
    matches!(host, "localhost" | "::1" | "[::1]")
        || host.starts_with("127.")
        || host.starts_with('/')
}

impl Profile {
    pub fn kind(&self) -> ProfileKind {
        match self {
            Profile::ManagedLocal => ProfileKind::ManagedLocal,
            Profile::Server(_) => ProfileKind::Server,
        }
    }

    pub fn label(&self) -> String {
        match self {
            Profile::ManagedLocal => "Local database (managed by Rotunda)".to_string(),
            Profile::Server(s) => format!("{}@{}:{}/{}", s.user, s.host, s.port, s.database),
        }
    }
}

/// Parses a typed server profile into its name and settings; errors name the field.
pub fn parse_server_profile(input: &ServerProfileInput) -> Result<(String, ServerProfile)> {
    let name = input.name.trim();
    if name.is_empty() {
        return Err(Error::invalid("name", "Profile name is required"));
    }
    if name == MANAGED_LOCAL
        || name.len() > 64
        || !name
            .chars()
            .all(|c| c.is_alphanumeric() || " _.-".contains(c))
    {
        return Err(Error::invalid(
            "name",
            format!("'{name}' cannot name a profile: use letters, digits, spaces, '.', '_' or '-'"),
        ));
    }
    let host = input.host.trim();
    if host.is_empty() || host.chars().any(char::is_whitespace) {
        return Err(Error::invalid(
            "host",
            "Host is required, e.g. db.hospital.org",
        ));
    }
    let port = u16::try_from(input.port)
        .ok()
        .filter(|p| *p > 0)
        .ok_or_else(|| {
            Error::invalid("port", format!("{} is not a port (1 to 65535)", input.port))
        })?;
    let database = crate::input::text("database", "Database", &input.database, 63)?;
    let user = crate::input::text("user", "User", &input.user, 63)?;
    let sslmode = input.sslmode.unwrap_or(if is_loopback(host) {
        SslMode::Prefer
    } else {
        SslMode::VerifyFull
    });
    let ca_file = match input.ca_file.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(path) => {
            let p = PathBuf::from(path);
            if !p.is_file() {
                return Err(Error::invalid(
                    "caFile",
                    format!("The CA file {path} does not exist"),
                ));
            }
            Some(p)
        }
    };
    Ok((
        name.to_string(),
        ServerProfile {
            host: host.to_string(),
            port,
            database,
            user,
            sslmode,
            ca_file,
        },
    ))
}

pub fn profiles_path(config_dir: &Path) -> PathBuf {
    config_dir.join("profiles.toml")
}

pub fn load(config_dir: &Path) -> Result<ProfilesFile> {
    let path = profiles_path(config_dir);
    match std::fs::read_to_string(&path) {
        Ok(text) => toml::from_str(&text).map_err(|e| {
            Error::invalid(
                "profiles",
                format!("{} cannot be read: {}", path.display(), e.message()),
            )
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(ProfilesFile::default()),
        Err(e) => Err(Error::io(format!("Reading {}", path.display()), e)),
    }
}

/// Writes the profiles file atomically (a temporary file renamed over the old one).
pub fn save(config_dir: &Path, file: &ProfilesFile) -> Result<()> {
    std::fs::create_dir_all(config_dir)
        .map_err(|e| Error::io(format!("Creating {}", config_dir.display()), e))?;
    let path = profiles_path(config_dir);
    let text = toml::to_string_pretty(file)
        .map_err(|e| Error::invalid("profiles", format!("The profiles cannot be written: {e}")))?;
    let tmp = path.with_extension("toml.tmp");
    std::fs::write(&tmp, format!("# Rotunda connection profiles. Passwords are kept in the OS keyring, never here.\n{text}"))
        .map_err(|e| Error::io(format!("Writing {}", tmp.display()), e))?;
    std::fs::rename(&tmp, &path).map_err(|e| Error::io(format!("Writing {}", path.display()), e))
}

pub fn summaries(file: &ProfilesFile) -> Vec<ProfileSummary> {
    file.profiles
        .iter()
        .map(|(name, p)| ProfileSummary {
            name: name.clone(),
            kind: p.kind(),
            label: p.label(),
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn input(host: &str) -> ServerProfileInput {
        ServerProfileInput {
            name: "Shared".into(),
            host: host.into(),
            port: 5432,
            database: "rotunda".into(),
            user: "coordinator".into(),
            sslmode: None,
            ca_file: None,
        }
    }

    #[test]
    fn remote_hosts_default_to_verify_full_and_loopback_to_prefer() {
        assert_eq!(
            parse_server_profile(&input("db.hospital.org"))
                .unwrap()
                .1
                .sslmode,
            SslMode::VerifyFull
        );
        assert_eq!(
            parse_server_profile(&input("10.0.0.7")).unwrap().1.sslmode,
            SslMode::VerifyFull
        );
        assert_eq!(
            parse_server_profile(&input("127.0.0.1")).unwrap().1.sslmode,
            SslMode::Prefer
        );
        assert_eq!(
            parse_server_profile(&input("localhost")).unwrap().1.sslmode,
            SslMode::Prefer
        );
    }

    #[test]
    fn bad_fields_are_named() {
        let mut bad_port = input("db");
        bad_port.port = 70000;
        assert!(matches!(
            parse_server_profile(&bad_port),
            Err(Error::Invalid { field: "port", .. })
        ));
        assert!(matches!(
            parse_server_profile(&input(" ")),
            Err(Error::Invalid { field: "host", .. })
        ));
        let mut bad_name = input("db");
        bad_name.name = "managed-local".into();
        assert!(matches!(
            parse_server_profile(&bad_name),
            Err(Error::Invalid { field: "name", .. })
        ));
        let mut missing_ca = input("db");
        missing_ca.ca_file = Some("/nonexistent/ca.pem".into());
        assert!(matches!(
            parse_server_profile(&missing_ca),
            Err(Error::Invalid {
                field: "caFile",
                ..
            })
        ));
    }

    #[test]
    fn profiles_round_trip_through_toml_without_secrets() {
        let dir = std::env::temp_dir().join(format!("rotunda-profiles-{}", uuid::Uuid::now_v7()));
        let (name, server) = parse_server_profile(&input("db.hospital.org")).unwrap();
        let mut file = ProfilesFile::default();
        file.profiles.insert(name.clone(), Profile::Server(server));
        file.profiles
            .insert(MANAGED_LOCAL.into(), Profile::ManagedLocal);
        file.last_profile = Some(name);
        save(&dir, &file).unwrap();
        assert_eq!(load(&dir).unwrap(), file);
        let text = std::fs::read_to_string(profiles_path(&dir)).unwrap();
        assert!(!text.to_lowercase().contains("password ="), "{text}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
