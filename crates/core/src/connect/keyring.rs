//! Passwords in the OS keyring (Keychain, Windows Credential Manager, Secret Service). Never a
//! plain file: where no keyring answers, the caller says so and asks, or reads `PGPASSWORD`.
//! The keyring calls block, so async callers run them on the blocking pool.

use keyring::{Entry, Error as KeyringError};

use super::secret::Secret;
use crate::{Error, Result};

const SERVICE: &str = "rotunda";

fn unavailable(e: &KeyringError) -> Error {
    let why = match e {
        KeyringError::NoDefaultStore => {
            "no keyring service is running for this session".to_string()
        }
        KeyringError::NoStorageAccess(_) => {
            "the keyring is locked; unlock it and try again".to_string()
        }
        KeyringError::PlatformFailure(p) => format!("the keyring failed ({p})"),
        other => format!("the keyring refused ({other})"),
    };
    Error::Unavailable(format!(
        "Rotunda keeps database passwords in the OS keyring, and {why}. On a computer without a keyring, \
         set PGPASSWORD or use --database-url."
    ))
}

fn entry(account: &str) -> Result<Entry> {
    Entry::new(SERVICE, account).map_err(|e| unavailable(&e))
}

/// The keyring account of a profile.
pub fn account_for_profile(profile: &str) -> String {
    format!("profile:{profile}")
}

pub fn store(account: &str, secret: &Secret) -> Result<()> {
    entry(account)?
        .set_password(secret.expose())
        .map_err(|e| unavailable(&e))
}

/// The stored password, or `None` when there is none for this account.
pub fn load(account: &str) -> Result<Option<Secret>> {
    match entry(account)?.get_password() {
        Ok(p) => Ok(Some(Secret::new(p))),
        Err(KeyringError::NoEntry) => Ok(None),
        Err(e) => Err(unavailable(&e)),
    }
}

pub fn delete(account: &str) -> Result<()> {
    match entry(account)?.delete_credential() {
        Ok(()) | Err(KeyringError::NoEntry) => Ok(()),
        Err(e) => Err(unavailable(&e)),
    }
}

/// Runs a keyring call on the blocking pool.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| Error::Unavailable(format!("The keyring call did not finish ({e})")))?
}
