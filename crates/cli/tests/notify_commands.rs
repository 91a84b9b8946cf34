//! Notifications through the real `rotunda` binary: `notify run` raises what is due once (the
//! demo raised its own already), says when no webhook is on, and with one on posts the new ones
//! to a server on loopback; a refused import is told to the program's office.
#![allow(clippy::unwrap_used)]

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use common::{Cli, stdout};
use sqlx::PgPool;

/// A webhook on loopback that answers 200 to everything and keeps the keys it was sent.
fn webhook() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let keys = Arc::new(Mutex::new(Vec::new()));
    let seen = keys.clone();
    std::thread::spawn(move || {
        for socket in listener.incoming() {
            let Ok(mut socket) = socket else { return };
            let mut reader = BufReader::new(socket.try_clone().unwrap());
            let (mut length, mut line) = (0usize, String::new());
            while reader.read_line(&mut line).unwrap_or(0) > 0 && line.trim_end() != "" {
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
            let _ = reader.read_exact(&mut body);
            let _ = socket
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
        }
    });
    (url, keys)
}

async fn scalar(pool: &PgPool, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn notify_run_raises_once_and_posts_to_the_webhook(pool: PgPool) {
    let cli = Cli::new(&pool);
    assert!(cli.run(&["demo"]).status.success());
    let before = scalar(&pool, "select count(*) from notifications").await;
    assert!(before > 0, "the demo opens with notifications");

    let run = cli.run(&["notify", "run"]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let said = stdout(&run);
    assert!(said.contains("Raised 0 new notifications."), "{said}");
    assert!(said.contains("No webhook is on"), "{said}");

    // With a webhook on, moving the CCC meeting invites its members again, and they are posted.
    let (url, keys) = webhook();
    sqlx::query("insert into webhook_settings (id, url) values ($1, $2)")
        .bind(uuid::Uuid::now_v7())
        .bind(&url)
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query(
        "update ccc_meetings set meeting_date = meeting_date + 1 where status = 'scheduled'",
    )
    .execute(&pool)
    .await
    .unwrap();
    let members = scalar(
        &pool,
        "select count(distinct f.user_id) from ccc_meetings m join faculty f
           on f.id = m.chair_id or f.id in (select faculty_id from ccc_attendees a where a.meeting_id = m.id)
         where m.status = 'scheduled'",
    )
    .await;
    let run = cli.run_with(
        &["notify", "run"],
        &[("ROTUNDA_WEBHOOK_SECRET", "cli-test")],
    );
    let said = stdout(&run);
    assert!(
        said.contains(&format!("Raised {members} new notifications.")),
        "{said}"
    );
    assert!(
        said.contains(&format!(
            "Posted to the webhook: {members} delivered, 0 to try again later, 0 gave up."
        )),
        "{said}"
    );
    let stored: Vec<String> = sqlx::query_scalar(
        "select idempotency_key::text from notification_deliveries where status = 'delivered' order by 1",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let mut posted = keys.lock().unwrap().clone();
    posted.sort();
    assert_eq!(posted, stored);
}

#[sqlx::test(migrator = "rotunda_core::db::migrate::MIGRATOR")]
async fn a_refused_import_is_told_to_the_office_and_a_dry_run_is_not(pool: PgPool) {
    let cli = Cli::new(&pool);
    assert!(cli.run(&["demo"]).status.success());
    let bad = cli.file(
        "feed-residents.csv",
        "email,first_name,last_name,pgy_level\nnot-an-email,Ana,Ruiz,2\n",
    );
    let dry = cli.run(&[
        "roster",
        "import",
        "residents",
        &bad,
        "--program",
        "GS",
        "--dry-run",
    ]);
    assert_eq!(dry.status.code(), Some(2));
    let told = "select count(*) from notifications where kind = 'import_failed'";
    assert_eq!(scalar(&pool, told).await, 0);

    let run = cli.run(&["roster", "import", "residents", &bad, "--program", "GS"]);
    assert_eq!(run.status.code(), Some(2));
    // The two coordinators and the program director.
    assert_eq!(scalar(&pool, told).await, 3);
    let body: String =
        sqlx::query_scalar("select body from notifications where kind = 'import_failed' limit 1")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(
        body.contains("resident roster import from feed-residents.csv"),
        "{body}"
    );
    assert!(body.contains("line 2"), "{body}");
}
