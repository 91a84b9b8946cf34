//! The delivery queue: each pass claims the deliveries that are due one by one, posts each
//! notification as JSON to the webhook and records what happened. A claim pushes the delivery
//! forward by a lease first, in its own commit, so a desktop that dies mid-send leaves it due again later; every try
//! carries the same `Idempotency-Key`, so the receiver can tell a repeat from a new notification.
//! Failed tries wait twice as long each time; after the last one the delivery is dead (kept, with
//! its reason, and retried only when someone asks).

use std::time::Duration;

use chrono::{DateTime, Utc};
use hmac::{Hmac, KeyInit, Mac};
use serde::Serialize;
use sha2::Sha256;
use uuid::Uuid;

use super::webhook::Webhook;
use crate::db::PgPool;
use crate::{Error, Result};

/// The longest wait between two tries, however many came before.
const MAX_BACKOFF: Duration = Duration::from_secs(6 * 3600);
/// How long past its timeout a claimed try may still be running before another pass takes it.
const LEASE_MARGIN: Duration = Duration::from_secs(30);

/// The wait before try `attempt + 1` after `attempt` failed tries: the base, doubled each time.
pub fn backoff(base: Duration, attempt: i32) -> Duration {
    let doublings = u32::try_from(attempt.saturating_sub(1))
        .unwrap_or(0)
        .min(20);
    base.saturating_mul(1 << doublings).min(MAX_BACKOFF)
}

/// What one try came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Delivered,
    /// Worth trying again: a timeout, no connection, 408, 429 or a server error.
    Failed(String),
    /// The receiver refused it (another 4xx); trying again would be refused the same way.
    Refused(String),
}

/// How an HTTP status answers a try.
pub fn outcome_of(status: u16, reason: &str) -> Outcome {
    let said = format!("the webhook answered {status} {reason}");
    match status {
        200..=299 => Outcome::Delivered,
        408 | 429 | 500..=599 => Outcome::Failed(said),
        _ => Outcome::Refused(said),
    }
}

/// What the queue does after a try.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    Delivered,
    RetryAt(DateTime<Utc>, String),
    Dead(String),
}

/// The next step for a delivery after its `attempts`-th try came to `outcome`.
pub fn next_step(outcome: Outcome, attempts: i32, hook: &Webhook, now: DateTime<Utc>) -> Next {
    match outcome {
        Outcome::Delivered => Next::Delivered,
        Outcome::Refused(why) => Next::Dead(why),
        Outcome::Failed(why) if attempts >= hook.max_attempts => {
            Next::Dead(format!("{why}; gave up after {attempts} tries"))
        }
        Outcome::Failed(why) => {
            let wait = chrono::Duration::from_std(backoff(hook.backoff, attempts))
                .unwrap_or(chrono::Duration::hours(6));
            Next::RetryAt(now + wait, why)
        }
    }
}

/// What the webhook receives.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Payload {
    pub id: Uuid,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub program: Option<String>,
    pub recipient: Option<Recipient>,
    pub variables: serde_json::Value,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Recipient {
    pub name: String,
    pub email: String,
}

/// What one pass did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PassReport {
    pub delivered: u32,
    pub retrying: u32,
    pub dead: u32,
}

/// An HTTP client for the webhook, on rustls with ring, trusting the operating system's roots
/// and the webhook's own CA when it names one.
pub fn client(hook: &Webhook) -> Result<reqwest::Client> {
    // Several callers may race to install it; any one of them is the same provider.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut builder = reqwest::Client::builder()
        .user_agent(concat!("Rotunda/", env!("CARGO_PKG_VERSION")))
        .redirect(reqwest::redirect::Policy::none());
    for ca in &hook.ca {
        builder = builder.add_root_certificate(ca.clone());
    }
    builder
        .build()
        .map_err(|e| Error::Unavailable(format!("No HTTP client could be made ({e})")))
}

fn signature(secret: &str, body: &[u8]) -> Option<String> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).ok()?;
    mac.update(body);
    let bytes = mac.finalize().into_bytes();
    Some(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Posts one body; never returns the address in an error, as it may carry a token.
pub async fn post(
    client: &reqwest::Client,
    hook: &Webhook,
    key: Uuid,
    attempt: i32,
    body: Vec<u8>,
) -> Outcome {
    let mut request = client
        .post(hook.url.clone())
        .timeout(hook.timeout)
        .header("content-type", "application/json")
        .header("idempotency-key", key.to_string())
        .header("x-rotunda-attempt", attempt.to_string());
    if let Some(sig) = hook
        .secret
        .as_ref()
        .and_then(|s| signature(s.expose(), &body))
    {
        request = request.header("x-rotunda-signature", format!("sha256={sig}"));
    }
    match request.body(body).send().await {
        Ok(response) => {
            let status = response.status();
            outcome_of(status.as_u16(), status.canonical_reason().unwrap_or(""))
        }
        Err(e) if e.is_timeout() => Outcome::Failed(format!(
            "the webhook did not answer within {} ms",
            hook.timeout.as_millis()
        )),
        Err(e) if e.is_connect() => Outcome::Failed("the webhook could not be reached".into()),
        Err(e) => Outcome::Failed(format!("the request failed ({})", e.without_url())),
    }
}

struct Claimed {
    id: Uuid,
    idempotency_key: Uuid,
    attempts: i32,
    payload: Payload,
}

/// Claims the next due delivery, if any, pushing it forward by its lease and counting the try.
/// One at a time, so a lease only has to cover one try; it runs from the later of the pass's
/// `now` and the database's clock, so a long pass never hands out a lease already over.
async fn claim(pool: &PgPool, hook: &Webhook, now: DateTime<Utc>) -> Result<Option<Claimed>> {
    let lease = (hook.timeout + LEASE_MARGIN).as_secs_f64();
    let rows = sqlx::query!(
        r#"with due as (
               select id from notification_deliveries
               where status = 'pending' and next_attempt_at <= $1
               order by next_attempt_at, id limit 1
               for update skip locked),
           claimed as (
               update notification_deliveries d
               set attempts = d.attempts + 1,
                   next_attempt_at = greatest($1, clock_timestamp()) + make_interval(secs => $2),
                   updated_at = clock_timestamp()
               from due where d.id = due.id
               returning d.id, d.idempotency_key, d.attempts, d.notification_id)
           select c.id, c.idempotency_key, c.attempts, n.id as notification_id, n.kind, n.title,
                  n.body, n.variables, n.created_at, p.code as "program?",
                  u.first_name || ' ' || u.last_name as "recipient_name?", u.email::text as "recipient_email?"
           from claimed c
           join notifications n on n.id = c.notification_id
           left join programs p on p.id = n.program_id
           left join users u on u.id = n.recipient_id"#,
        now,
        lease,
    )
    .fetch_optional(pool)
    .await?;
    Ok(rows.map(|r| Claimed {
        id: r.id,
        idempotency_key: r.idempotency_key,
        attempts: r.attempts,
        payload: Payload {
            id: r.notification_id,
            kind: r.kind,
            title: r.title,
            body: r.body,
            program: r.program,
            recipient: r
                .recipient_name
                .zip(r.recipient_email)
                .map(|(name, email)| Recipient { name, email }),
            variables: r.variables,
            created_at: r.created_at,
        },
    }))
}

async fn record(pool: &PgPool, id: Uuid, next: &Next, now: DateTime<Utc>) -> Result<()> {
    match next {
        Next::Delivered => {
            sqlx::query!(
                r#"update notification_deliveries
                   set status = 'delivered', delivered_at = $2, last_error = null, updated_at = clock_timestamp()
                   where id = $1"#,
                id,
                now
            )
            .execute(pool)
            .await?;
        }
        Next::RetryAt(at, why) => {
            sqlx::query!(
                r#"update notification_deliveries
                   set next_attempt_at = $2, last_error = $3, updated_at = clock_timestamp()
                   where id = $1"#,
                id,
                at,
                why
            )
            .execute(pool)
            .await?;
        }
        Next::Dead(why) => {
            sqlx::query!(
                r#"update notification_deliveries
                   set status = 'dead', last_error = $2, updated_at = clock_timestamp()
                   where id = $1"#,
                id,
                why
            )
            .execute(pool)
            .await?;
        }
    }
    Ok(())
}

/// One pass over the queue as of `now`: every delivery due is tried once, oldest first.
pub async fn run_pass(
    pool: &PgPool,
    client: &reqwest::Client,
    hook: &Webhook,
    now: DateTime<Utc>,
) -> Result<PassReport> {
    let mut report = PassReport::default();
    while let Some(c) = claim(pool, hook, now).await? {
        let body = serde_json::to_vec(&c.payload).map_err(|e| {
            Error::Unavailable(format!("A notification could not be encoded ({e})"))
        })?;
        let outcome = post(client, hook, c.idempotency_key, c.attempts, body).await;
        let next = next_step(outcome, c.attempts, hook, now);
        match &next {
            Next::Delivered => report.delivered += 1,
            Next::RetryAt(..) => report.retrying += 1,
            Next::Dead(_) => report.dead += 1,
        }
        record(pool, c.id, &next, now).await?;
    }
    Ok(report)
}

/// Puts dead deliveries back in the queue, due now, with their tries counted afresh.
pub async fn retry_dead(pool: &PgPool, program: crate::ids::ProgramId) -> Result<u64> {
    let done = sqlx::query!(
        r#"update notification_deliveries d
           set status = 'pending', attempts = 0, next_attempt_at = clock_timestamp(), updated_at = clock_timestamp()
           from notifications n
           where n.id = d.notification_id and n.program_id = $1 and d.status = 'dead'"#,
        program.0
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}

/// How the webhook answered a test, for the settings form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct WebhookTest {
    pub delivered: bool,
    pub message: String,
}

impl From<Outcome> for WebhookTest {
    fn from(outcome: Outcome) -> Self {
        match outcome {
            Outcome::Delivered => WebhookTest {
                delivered: true,
                message: "The webhook took the test.".into(),
            },
            Outcome::Failed(why) | Outcome::Refused(why) => WebhookTest {
                delivered: false,
                message: format!("The test was not delivered: {why}."),
            },
        }
    }
}

/// Posts a test notification straight to the webhook (not through the queue) and says how the
/// webhook answered.
pub async fn send_test(client: &reqwest::Client, hook: &Webhook) -> Outcome {
    let payload = Payload {
        id: Uuid::now_v7(),
        kind: "test".to_string(),
        title: "Rotunda test".to_string(),
        body: "A test from Rotunda's webhook settings. Nothing to do.".to_string(),
        program: None,
        recipient: None,
        variables: serde_json::json!({}),
        created_at: Utc::now(),
    };
    match serde_json::to_vec(&payload) {
        Ok(body) => post(client, hook, payload.id, 1, body).await,
        Err(e) => Outcome::Failed(format!("the test could not be encoded ({e})")),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn hook(max_attempts: i32) -> Webhook {
        Webhook {
            url: reqwest::Url::parse("https://hooks.example.org/rotunda").unwrap(),
            secret: None,
            max_attempts,
            backoff: Duration::from_secs(30),
            timeout: Duration::from_secs(10),
            ca: Vec::new(),
        }
    }

    #[test]
    fn backoff_doubles_from_the_base_and_stops_at_six_hours() {
        let base = Duration::from_secs(30);
        assert_eq!(backoff(base, 1), Duration::from_secs(30));
        assert_eq!(backoff(base, 2), Duration::from_secs(60));
        assert_eq!(backoff(base, 5), Duration::from_secs(480));
        assert_eq!(backoff(base, 30), MAX_BACKOFF);
        assert_eq!(backoff(base, 0), base);
    }

    #[test]
    fn statuses_are_delivered_retried_or_refused() {
        assert_eq!(outcome_of(204, "No Content"), Outcome::Delivered);
        assert!(matches!(
            outcome_of(500, "Internal Server Error"),
            Outcome::Failed(_)
        ));
        assert!(matches!(
            outcome_of(429, "Too Many Requests"),
            Outcome::Failed(_)
        ));
        assert!(matches!(outcome_of(404, "Not Found"), Outcome::Refused(m) if m.contains("404")));
    }

    #[test]
    fn a_failure_waits_then_dies_after_the_last_try() {
        let now = Utc::now();
        let h = hook(3);
        assert_eq!(
            next_step(Outcome::Failed("x".into()), 1, &h, now),
            Next::RetryAt(now + chrono::Duration::seconds(30), "x".into())
        );
        assert_eq!(
            next_step(Outcome::Failed("x".into()), 2, &h, now),
            Next::RetryAt(now + chrono::Duration::seconds(60), "x".into())
        );
        assert!(matches!(
            next_step(Outcome::Failed("x".into()), 3, &h, now),
            Next::Dead(m) if m.contains("3 tries")
        ));
        assert_eq!(
            next_step(Outcome::Refused("no".into()), 1, &h, now),
            Next::Dead("no".into())
        );
    }

    #[test]
    fn the_signature_is_hmac_sha256_in_hex() {
        // RFC 4231, test case 2.
        let sig = signature("Jefe", b"what do ya want for nothing?").unwrap();
        assert_eq!(
            sig,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
