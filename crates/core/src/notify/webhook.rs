//! The office's webhook: where notifications are posted, how often a delivery is retried and how
//! long a try may take. Settings live in the database (every desktop delivers to the same place);
//! the signing secret lives in each desktop's OS keyring, under the webhook's address, so a
//! secret never reaches a file and a new address asks for its secret again.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::connect::keyring;
use crate::connect::secret::Secret;
use crate::db::{self, Actor, PgPool};
use crate::{Error, Result};

/// The webhook as the settings screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WebhookSettings {
    pub url: String,
    pub enabled: bool,
    pub max_attempts: i32,
    pub backoff_seconds: i32,
    pub timeout_ms: i32,
    /// The hospital's own CA certificate (PEM), for a relay whose certificate it signed.
    pub ca_pem: Option<String>,
    /// Whether this computer's keyring holds a signing secret for the address.
    pub has_secret: bool,
    pub version: i32,
}

/// What the settings form saves. `secret`: none keeps the stored one, an empty one removes it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WebhookInput {
    pub url: String,
    pub enabled: bool,
    pub max_attempts: i32,
    pub backoff_seconds: i32,
    pub timeout_ms: i32,
    /// The hospital's own CA certificate (PEM); none or empty for a publicly trusted address.
    pub ca_pem: Option<String>,
    /// The version read, none for the first save.
    pub version: Option<i32>,
    pub secret: Option<String>,
}

/// A webhook ready to deliver to.
#[derive(Debug, Clone)]
pub struct Webhook {
    pub url: reqwest::Url,
    pub secret: Option<Secret>,
    pub max_attempts: i32,
    pub backoff: Duration,
    pub timeout: Duration,
    /// Trusted besides the operating system's roots.
    pub ca: Vec<reqwest::Certificate>,
}

/// The keyring account of a webhook's secret.
pub fn secret_account(url: &str) -> String {
    format!("webhook:{url}")
}

/// An address to post to: HTTPS, or plain HTTP only on this computer's loopback (a relay on the
/// same machine, or a test server).
pub fn check_url(url: &str) -> Result<reqwest::Url> {
    let parsed = reqwest::Url::parse(url.trim())
        .map_err(|e| Error::invalid("url", format!("This is not a web address ({e})")))?;
    let host = parsed.host_str().unwrap_or_default();
    if host.is_empty() {
        return Err(Error::invalid("url", "The address names no host"));
    }
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    match parsed.scheme() {
        "https" => Ok(parsed),
        "http" if loopback => Ok(parsed),
        "http" => Err(Error::invalid(
            "url",
            "Notifications carry residents' names, so they go over HTTPS; plain http is only for this computer (localhost)",
        )),
        other => Err(Error::invalid(
            "url",
            format!("A webhook address starts with https://, not {other}://"),
        )),
    }
}

/// The CA certificates as typed (one, or a bundle): none when empty; refused beside its field
/// when it holds no readable certificate.
pub fn check_ca(pem: Option<&str>) -> Result<Option<(String, Vec<reqwest::Certificate>)>> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let Some(pem) = pem.map(str::trim).filter(|p| !p.is_empty()) else {
        return Ok(None);
    };
    let unreadable = |why: String| {
        Error::invalid(
            "caPem",
            format!(
                "Paste the CA's certificate in PEM form (-----BEGIN CERTIFICATE----- …): {why}"
            ),
        )
    };
    let ders: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(pem.as_bytes())
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| unreadable(format!("it cannot be read ({e})")))?;
    if ders.is_empty() {
        return Err(unreadable("no certificate was found in it".into()));
    }
    let certs = ders
        .iter()
        .map(|der| reqwest::Certificate::from_der(der))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| unreadable(format!("it is not a certificate ({})", e.without_url())))?;
    Ok(Some((pem.to_string(), certs)))
}

fn check_input(input: &WebhookInput) -> Result<()> {
    check_url(&input.url)?;
    check_ca(input.ca_pem.as_deref())?;
    if !(1..=50).contains(&input.max_attempts) {
        return Err(Error::invalid("maxAttempts", "Between 1 and 50 tries"));
    }
    if !(1..=86_400).contains(&input.backoff_seconds) {
        return Err(Error::invalid(
            "backoffSeconds",
            "Between 1 second and 86,400 (a day)",
        ));
    }
    if !(100..=120_000).contains(&input.timeout_ms) {
        return Err(Error::invalid(
            "timeoutMs",
            "Between 100 ms and 120,000 ms (two minutes)",
        ));
    }
    Ok(())
}

struct Row {
    url: String,
    enabled: bool,
    max_attempts: i32,
    backoff_seconds: i32,
    timeout_ms: i32,
    ca_pem: Option<String>,
    version: i32,
}

async fn row(pool: &PgPool) -> Result<Option<Row>> {
    Ok(sqlx::query_as!(
        Row,
        "select url, enabled, max_attempts, backoff_seconds, timeout_ms, ca_pem, version from webhook_settings"
    )
    .fetch_optional(pool)
    .await?)
}

async fn stored_secret(url: &str) -> Result<Option<Secret>> {
    let account = secret_account(url);
    keyring::blocking(move || keyring::load(&account)).await
}

/// The webhook's settings; none when no webhook is set up. Where the keyring does not answer,
/// `has_secret` is false rather than an error: the settings are still worth showing.
pub async fn settings(pool: &PgPool) -> Result<Option<WebhookSettings>> {
    let Some(r) = row(pool).await? else {
        return Ok(None);
    };
    let has_secret = matches!(stored_secret(&r.url).await, Ok(Some(_)));
    Ok(Some(WebhookSettings {
        url: r.url,
        enabled: r.enabled,
        max_attempts: r.max_attempts,
        backoff_seconds: r.backoff_seconds,
        timeout_ms: r.timeout_ms,
        ca_pem: r.ca_pem,
        has_secret,
        version: r.version,
    }))
}

/// Saves the settings (and the secret, in the keyring, before the row, so a refused keyring
/// changes nothing).
pub async fn save(pool: &PgPool, actor: &Actor, input: &WebhookInput) -> Result<WebhookSettings> {
    check_input(input)?;
    let url = check_url(&input.url)?.to_string();
    let ca_pem = check_ca(input.ca_pem.as_deref())?.map(|(pem, _)| pem);
    if let Some(secret) = &input.secret {
        let account = secret_account(&url);
        if secret.is_empty() {
            keyring::blocking(move || keyring::delete(&account)).await?;
        } else {
            let secret = Secret::new(secret.clone());
            keyring::blocking(move || keyring::store(&account, &secret)).await?;
        }
    }
    let mut tx = db::begin(pool, actor).await?;
    let saved = match input.version {
        None => sqlx::query_scalar!(
            r#"insert into webhook_settings (id, url, enabled, max_attempts, backoff_seconds, timeout_ms, ca_pem)
               values ($6, $1, $2, $3, $4, $5, $7) on conflict (singleton) do nothing returning version"#,
            url,
            input.enabled,
            input.max_attempts,
            input.backoff_seconds,
            input.timeout_ms,
            uuid::Uuid::now_v7(),
            ca_pem
        )
        .fetch_optional(&mut *tx)
        .await?,
        Some(version) => sqlx::query_scalar!(
            r#"update webhook_settings set url = $1, enabled = $2, max_attempts = $3,
                   backoff_seconds = $4, timeout_ms = $5, ca_pem = $7
               where version = $6 returning version"#,
            url,
            input.enabled,
            input.max_attempts,
            input.backoff_seconds,
            input.timeout_ms,
            version,
            ca_pem
        )
        .fetch_optional(&mut *tx)
        .await?,
    };
    if saved.is_none() {
        return Err(Error::stale("The webhook's settings"));
    }
    tx.commit().await?;
    settings(pool)
        .await?
        .ok_or_else(|| Error::not_found("The webhook's settings"))
}

/// The webhook to deliver to: none when none is set up or it is switched off. The secret comes
/// from `ROTUNDA_WEBHOOK_SECRET` when set (a server without a keyring), else from the keyring.
pub async fn active(pool: &PgPool) -> Result<Option<Webhook>> {
    let Some(r) = row(pool).await? else {
        return Ok(None);
    };
    if !r.enabled {
        return Ok(None);
    }
    let secret = match std::env::var("ROTUNDA_WEBHOOK_SECRET") {
        Ok(s) if !s.is_empty() => Some(Secret::new(s)),
        _ => stored_secret(&r.url).await.unwrap_or(None),
    };
    Ok(Some(Webhook {
        url: check_url(&r.url)?,
        secret,
        max_attempts: r.max_attempts,
        backoff: Duration::from_secs(u64::try_from(r.backoff_seconds).unwrap_or(30)),
        timeout: Duration::from_millis(u64::try_from(r.timeout_ms).unwrap_or(10_000)),
        ca: check_ca(r.ca_pem.as_deref())?
            .map(|(_, certs)| certs)
            .unwrap_or_default(),
    }))
}
