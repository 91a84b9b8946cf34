//! The webhook queue against a real HTTP server on loopback, started by each test: delivery with
//! its idempotency key and signature; a 500 then success (retried, delivered once); a server that
//! never answers (timeout, doubling waits, dead letter); and a process that dies mid-pass (on
//! restart nothing is lost, and nothing delivered is sent again). Time is passed to each pass, so
//! the waits are checked as figures, not slept through. And over HTTPS: a relay whose
//! certificate the hospital's own CA signed is trusted only with that CA in the settings.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, SubsecRound, Utc};
use hmac::{Hmac, KeyInit, Mac};
use rotunda_core::connect::secret::Secret;
use rotunda_core::notify::NotificationKind;
use rotunda_core::notify::centre;
use rotunda_core::notify::delivery::{self, PassReport};
use rotunda_core::notify::raise::Raised;
use rotunda_core::notify::webhook::{self, Webhook, WebhookInput};
use sha2::Sha256;
use sqlx::PgPool;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use uuid::Uuid;

/// How the server answers one request.
#[derive(Debug, Clone, Copy)]
enum Answer {
    Status(u16),
    /// Reads the request and never answers.
    Silent,
}

#[derive(Debug, Clone)]
struct Seen {
    key: String,
    attempt: String,
    signature: Option<String>,
    body: Vec<u8>,
}

struct Server {
    url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    /// One message per request received.
    arrivals: mpsc::UnboundedReceiver<usize>,
}

/// A server answering from the script in order, then 200 to everything.
async fn server(script: &[Answer]) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hooks/rotunda", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let script = Arc::new(Mutex::new(script.iter().copied().collect::<VecDeque<_>>()));
    let (tx, arrivals) = mpsc::unbounded_channel();
    let seen_by_server = seen.clone();
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                return;
            };
            let (seen, script, tx) = (seen_by_server.clone(), script.clone(), tx.clone());
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut reader = BufReader::new(read);
                loop {
                    let mut headers = BTreeMap::new();
                    let mut line = String::new();
                    if reader.read_line(&mut line).await.unwrap_or(0) == 0 {
                        return;
                    }
                    loop {
                        line.clear();
                        if reader.read_line(&mut line).await.unwrap_or(0) == 0 {
                            return;
                        }
                        let l = line.trim_end();
                        if l.is_empty() {
                            break;
                        }
                        if let Some((k, v)) = l.split_once(':') {
                            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
                        }
                    }
                    let length: usize = headers
                        .get("content-length")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0);
                    let mut body = vec![0; length];
                    if reader.read_exact(&mut body).await.is_err() {
                        return;
                    }
                    let n = {
                        let mut s = seen.lock().unwrap();
                        s.push(Seen {
                            key: headers.get("idempotency-key").cloned().unwrap_or_default(),
                            attempt: headers
                                .get("x-rotunda-attempt")
                                .cloned()
                                .unwrap_or_default(),
                            signature: headers.get("x-rotunda-signature").cloned(),
                            body,
                        });
                        s.len()
                    };
                    let answer = script
                        .lock()
                        .unwrap()
                        .pop_front()
                        .unwrap_or(Answer::Status(200));
                    let _ = tx.send(n);
                    match answer {
                        Answer::Status(code) => {
                            let reply =
                                format!("HTTP/1.1 {code} Scripted\r\ncontent-length: 0\r\n\r\n");
                            if write.write_all(reply.as_bytes()).await.is_err() {
                                return;
                            }
                        }
                        Answer::Silent => {
                            // Hold the connection until the client gives up on it.
                            let mut rest = Vec::new();
                            let _ = reader.read_to_end(&mut rest).await;
                            return;
                        }
                    }
                }
            });
        }
    });
    Server {
        url,
        seen,
        arrivals,
    }
}

impl Server {
    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

const SECRET: &str = "test-signing-secret";

/// Turns the webhook on at `url` and raises `n` notifications, which queues one delivery each.
async fn queue(pool: &PgPool, url: &str, n: usize) -> Vec<Uuid> {
    webhook::save(
        pool,
        &common::actor(),
        &WebhookInput {
            url: url.to_string(),
            enabled: true,
            max_attempts: 3,
            backoff_seconds: 1,
            timeout_ms: 300,
            ca_pem: None,
            version: None,
            secret: None,
        },
    )
    .await
    .unwrap();
    let raised: Vec<Raised> = (0..n)
        .map(|i| Raised {
            program: None,
            recipient: None,
            kind: NotificationKind::ImportFailed,
            variables: [("what".to_string(), format!("roster {i}"))].into(),
            dedupe_key: format!("test:{i}"),
        })
        .collect();
    let mut conn = pool.acquire().await.unwrap();
    assert_eq!(centre::record(&mut conn, &raised).await.unwrap(), n as u64);
    sqlx::query_scalar(
        "select idempotency_key from notification_deliveries order by created_at, id",
    )
    .fetch_all(pool)
    .await
    .unwrap()
}

/// Now, to the database's microsecond, so stored instants compare equal.
fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

fn hook(url: &str) -> Webhook {
    Webhook {
        url: webhook::check_url(url).unwrap(),
        secret: Some(Secret::new(SECRET)),
        max_attempts: 3,
        backoff: Duration::from_secs(1),
        timeout: Duration::from_millis(300),
        ca: Vec::new(),
    }
}

async fn pass(pool: &PgPool, h: &Webhook, now: DateTime<Utc>) -> PassReport {
    let client = delivery::client(h).unwrap();
    delivery::run_pass(pool, &client, h, now).await.unwrap()
}

async fn states(pool: &PgPool) -> Vec<(String, i32, Option<String>)> {
    sqlx::query_as(
        "select status, attempts, last_error from notification_deliveries order by created_at, id",
    )
    .fetch_all(pool)
    .await
    .unwrap()
}

async fn next_attempt(pool: &PgPool) -> DateTime<Utc> {
    sqlx::query_scalar("select next_attempt_at from notification_deliveries")
        .fetch_one(pool)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn each_notification_is_posted_signed_with_its_key(pool: PgPool) {
    let s = server(&[]).await;
    let keys = queue(&pool, &s.url, 3).await;
    let report = pass(&pool, &hook(&s.url), now()).await;
    assert_eq!(
        report,
        PassReport {
            delivered: 3,
            retrying: 0,
            dead: 0
        }
    );
    let seen = s.seen();
    assert_eq!(
        seen.iter().map(|x| x.key.clone()).collect::<Vec<_>>(),
        keys.iter().map(Uuid::to_string).collect::<Vec<_>>()
    );
    for x in &seen {
        assert_eq!(x.attempt, "1");
        let body: serde_json::Value = serde_json::from_slice(&x.body).unwrap();
        assert_eq!(body["kind"], "import_failed");
        assert!(
            body["title"]
                .as_str()
                .unwrap()
                .starts_with("Import failed: roster ")
        );
        let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
        mac.update(&x.body);
        let expected: String = mac
            .finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            x.signature.as_deref(),
            Some(format!("sha256={expected}").as_str())
        );
    }
    assert!(
        states(&pool)
            .await
            .iter()
            .all(|(s, a, e)| s == "delivered" && *a == 1 && e.is_none())
    );
    // A second pass has nothing to do.
    assert_eq!(
        pass(&pool, &hook(&s.url), now()).await,
        PassReport::default()
    );
    assert_eq!(s.seen().len(), 3);
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn a_server_error_is_retried_after_the_wait_and_delivered_once(pool: PgPool) {
    let s = server(&[Answer::Status(500)]).await;
    let keys = queue(&pool, &s.url, 1).await;
    let h = hook(&s.url);
    let now = now();
    assert_eq!(pass(&pool, &h, now).await.retrying, 1);
    let (status, attempts, error) = states(&pool).await.remove(0);
    assert_eq!((status.as_str(), attempts), ("pending", 1));
    assert!(error.unwrap().contains("500"));
    assert_eq!(
        next_attempt(&pool).await,
        now + chrono::Duration::seconds(1)
    );
    // Not due yet: nothing is sent.
    assert_eq!(pass(&pool, &h, now).await, PassReport::default());
    assert_eq!(s.seen().len(), 1);
    // Due: sent again with the same key, and delivered.
    let report = pass(&pool, &h, now + chrono::Duration::seconds(1)).await;
    assert_eq!(report.delivered, 1);
    let seen = s.seen();
    assert_eq!(seen.len(), 2);
    assert!(seen.iter().all(|x| x.key == keys[0].to_string()));
    assert_eq!(
        (seen[0].attempt.as_str(), seen[1].attempt.as_str()),
        ("1", "2")
    );
    assert_eq!(
        seen[0].body, seen[1].body,
        "a retry carries the same notification"
    );
    assert_eq!(states(&pool).await[0].0, "delivered");
    assert_eq!(
        pass(&pool, &h, now + chrono::Duration::hours(1)).await,
        PassReport::default()
    );
    assert_eq!(s.seen().len(), 2, "delivered once, never again");
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn a_server_that_never_answers_ends_in_the_dead_letter(pool: PgPool) {
    let s = server(&[Answer::Silent, Answer::Silent, Answer::Silent]).await;
    queue(&pool, &s.url, 1).await;
    let h = hook(&s.url);
    let mut now = now();
    // Waits of 1 s, then 2 s: doubling from the base.
    for wait in [1, 2] {
        assert_eq!(pass(&pool, &h, now).await.retrying, 1);
        let (_, _, error) = states(&pool).await.remove(0);
        assert!(error.unwrap().contains("did not answer within 300 ms"));
        assert_eq!(
            next_attempt(&pool).await,
            now + chrono::Duration::seconds(wait)
        );
        now += chrono::Duration::seconds(wait);
    }
    assert_eq!(pass(&pool, &h, now).await.dead, 1);
    let (status, attempts, error) = states(&pool).await.remove(0);
    assert_eq!((status.as_str(), attempts), ("dead", 3));
    assert!(error.unwrap().contains("gave up after 3 tries"));
    // The dead letter is kept and not tried again, until someone asks.
    assert_eq!(
        pass(&pool, &h, now + chrono::Duration::days(1)).await,
        PassReport::default()
    );
    assert_eq!(s.seen().len(), 3);
    let seen = s.seen();
    assert!(seen.iter().all(|x| x.key == seen[0].key));
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn a_pass_that_dies_midway_loses_nothing_and_resends_nothing_delivered(pool: PgPool) {
    let mut s = server(&[Answer::Status(200), Answer::Silent]).await;
    let keys = queue(&pool, &s.url, 3).await;
    // A slow webhook: the process dies while the second post waits for its answer.
    let slow = Webhook {
        timeout: Duration::from_secs(60),
        ..hook(&s.url)
    };
    let now = now();
    let dying = {
        let (pool, slow) = (pool.clone(), slow.clone());
        tokio::spawn(async move { pass(&pool, &slow, now).await })
    };
    assert_eq!(s.arrivals.recv().await, Some(1));
    assert_eq!(s.arrivals.recv().await, Some(2));
    dying.abort();
    assert!(dying.await.unwrap_err().is_cancelled());

    // The first was recorded; the second was claimed and is held by its lease; the third was
    // never claimed.
    let before = states(&pool).await;
    assert_eq!(before[0].0, "delivered");
    assert_eq!((before[1].0.as_str(), before[1].1), ("pending", 1));
    assert_eq!((before[2].0.as_str(), before[2].1), ("pending", 0));

    // A restarted process: a new pool. Before the lease ends it sends the third, not the second.
    let options = (*pool.connect_options()).clone();
    pool.close().await;
    let restarted = PgPool::connect_with(options).await.unwrap();
    assert_eq!(pass(&restarted, &slow, now).await.delivered, 1);
    assert_eq!(states(&restarted).await[1].0, "pending");
    // After it, the second is sent again, with its key, and delivered.
    let later = now + chrono::Duration::seconds(95);
    assert_eq!(pass(&restarted, &slow, later).await.delivered, 1);
    assert!(
        states(&restarted)
            .await
            .iter()
            .all(|(s, _, _)| s == "delivered")
    );

    let seen = s.seen();
    let count = |k: &Uuid| seen.iter().filter(|x| x.key == k.to_string()).count();
    assert_eq!(
        count(&keys[0]),
        1,
        "delivered before the crash: never sent again"
    );
    assert_eq!(
        count(&keys[1]),
        2,
        "in flight at the crash: sent again, with its key"
    );
    assert_eq!(count(&keys[2]), 1, "not yet claimed: sent once");
    let in_flight: Vec<&Seen> = seen
        .iter()
        .filter(|x| x.key == keys[1].to_string())
        .collect();
    assert_eq!(in_flight[0].body, in_flight[1].body);
}

#[test]
fn webhook_addresses_are_https_or_loopback() {
    assert!(webhook::check_url("https://hooks.example.org/x").is_ok());
    assert!(webhook::check_url("http://127.0.0.1:8080/x").is_ok());
    assert!(webhook::check_url("http://localhost/x").is_ok());
    assert!(webhook::check_url("http://[::1]/x").is_ok());
    let err = webhook::check_url("http://hooks.example.org/x").unwrap_err();
    assert_eq!(err.field(), Some("url"));
    assert!(err.to_string().contains("HTTPS"), "{err}");
    assert!(webhook::check_url("ftp://example.org").is_err());
    assert!(webhook::check_url("not a url").is_err());
}

/// An HTTPS server on loopback answering 204, with the test PostgreSQL's throw-away certificate
/// (localhost, 127.0.0.1) signed by the CA that `ROTUNDA_TEST_CA` names.
async fn https_server() -> (String, String, Arc<Mutex<Vec<String>>>) {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let ca = std::env::var("ROTUNDA_TEST_CA")
        .expect("ROTUNDA_TEST_CA names the test CA's certificate (scripts/test sets it)");
    let dir = std::path::Path::new(&ca).parent().unwrap().to_path_buf();
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(dir.join("server.crt"))
        .unwrap()
        .collect::<std::result::Result<_, _>>()
        .unwrap();
    let key = PrivateKeyDer::from_pem_file(dir.join("server.key")).unwrap();
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(certs, key)
    .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!(
        "https://localhost:{}/hook",
        listener.local_addr().unwrap().port()
    );
    let keys = Arc::new(Mutex::new(Vec::new()));
    let seen = keys.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let (acceptor, seen) = (acceptor.clone(), seen.clone());
            tokio::spawn(async move {
                // A client that does not trust the certificate ends the handshake here.
                let Ok(tls) = acceptor.accept(socket).await else {
                    return;
                };
                let (read, mut write) = tokio::io::split(tls);
                let mut reader = BufReader::new(read);
                let (mut line, mut length) = (String::new(), 0usize);
                while reader.read_line(&mut line).await.unwrap_or(0) > 0 && line.trim_end() != "" {
                    let lower = line.to_ascii_lowercase();
                    if let Some(v) = lower.strip_prefix("content-length:") {
                        length = v.trim().parse().unwrap_or(0);
                    }
                    if let Some(v) = lower.strip_prefix("idempotency-key:") {
                        seen.lock().unwrap().push(v.trim().to_string());
                    }
                    line.clear();
                }
                let mut body = vec![0; length];
                let _ = reader.read_exact(&mut body).await;
                let _ = write
                    .write_all(b"HTTP/1.1 204 No Content\r\nconnection: close\r\n\r\n")
                    .await;
                let _ = write.shutdown().await;
            });
        }
    });
    (url, std::fs::read_to_string(&ca).unwrap(), keys)
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn an_https_relay_signed_by_the_hospitals_ca_is_trusted_only_with_that_ca(pool: PgPool) {
    let (url, ca_pem, seen) = https_server().await;
    let keys = queue(&pool, &url, 1).await;
    let untrusting = hook(&url);
    // Without the CA the handshake is refused: a failed try, the address kept out of the reason.
    let report = pass(&pool, &untrusting, now()).await;
    assert_eq!(report.retrying, 1);
    let (_, _, error) = states(&pool).await.remove(0);
    let error = error.unwrap();
    assert!(
        error.starts_with("the request failed") || error.contains("could not be reached"),
        "{error}"
    );
    assert!(!error.contains("localhost"), "{error}");
    assert!(seen.lock().unwrap().is_empty());

    // Saved with the CA, the settings give a webhook that trusts it, and the post is delivered.
    let saved = webhook::settings(&pool).await.unwrap().unwrap();
    webhook::save(
        &pool,
        &common::actor(),
        &WebhookInput {
            url: url.clone(),
            enabled: true,
            max_attempts: 3,
            backoff_seconds: 1,
            timeout_ms: 2000,
            ca_pem: Some(ca_pem.clone()),
            version: Some(saved.version),
            secret: None,
        },
    )
    .await
    .unwrap();
    let trusting = webhook::active(&pool).await.unwrap().unwrap();
    assert_eq!(trusting.ca.len(), 1);
    let later = now() + chrono::Duration::seconds(2);
    assert_eq!(pass(&pool, &trusting, later).await.delivered, 1);
    assert_eq!(*seen.lock().unwrap(), vec![keys[0].to_string()]);

    // Something that is not a certificate is refused beside its field.
    let err = webhook::check_ca(Some(
        "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----",
    ))
    .unwrap_err();
    assert_eq!(err.field(), Some("caPem"));
    assert_eq!(
        webhook::check_ca(Some("hello")).unwrap_err().field(),
        Some("caPem")
    );
    assert!(webhook::check_ca(Some("  ")).unwrap().is_none());
}
