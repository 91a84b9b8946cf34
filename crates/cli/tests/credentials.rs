//! Credentials never leak: after a server profile is saved and used, its password appears in no
//! file under the config and data dirs and in no log output; a wrong password says so without
//! echoing it. Runs the real `rotunda` binary against the test PostgreSQL (DATABASE_URL) with
//! a real Secret Service (scripts/test provides both).
#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use sqlx::ConnectOptions;
use sqlx::postgres::PgConnectOptions;

struct Dirs {
    root: PathBuf,
}

impl Dirs {
    fn new() -> Self {
        let root =
            std::env::temp_dir().join(format!("rotunda-credentials-{}", uuid::Uuid::now_v7()));
        std::fs::create_dir_all(root.join("config")).unwrap();
        std::fs::create_dir_all(root.join("data")).unwrap();
        Dirs { root }
    }

    fn rotunda(&self, args: &[&str], stdin: Option<&str>) -> Output {
        let mut child = Command::new(env!("CARGO_BIN_EXE_rotunda"))
            .args(args)
            .env("ROTUNDA_CONFIG_DIR", self.root.join("config"))
            .env("ROTUNDA_DATA_DIR", self.root.join("data"))
            .env("ROTUNDA_LOG", "debug")
            .env_remove("PGPASSWORD")
            .env_remove("ROTUNDA_DATABASE_URL")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        if let Some(text) = stdin {
            child
                .stdin
                .take()
                .unwrap()
                .write_all(format!("{text}\n").as_bytes())
                .unwrap();
        }
        child.wait_with_output().unwrap()
    }
}

impl Drop for Dirs {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn files_containing(dir: &Path, needle: &str) -> Vec<PathBuf> {
    let mut hits = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if std::fs::read(&path)
                .unwrap()
                .windows(needle.len())
                .any(|w| w == needle.as_bytes())
            {
                hits.push(path);
            }
        }
    }
    hits
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[tokio::test]
async fn a_saved_server_profile_keeps_its_password_out_of_files_and_logs() {
    let url = std::env::var("DATABASE_URL")
        .expect("DATABASE_URL names the test PostgreSQL (scripts/test sets it)");
    let admin: PgConnectOptions = url.parse().unwrap();
    let mut conn = admin.connect().await.unwrap();
    let suffix = uuid::Uuid::now_v7().simple().to_string();
    let role = format!("pwtest_{}", &suffix[20..]);
    let password = format!("Sekr3t-{}", &suffix[..16]);
    // The test server demands a SCRAM password from members of password_users (scripts/pg-throwaway).
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "create role {role} login password '{password}' in role password_users"
    )))
    .execute(&mut conn)
    .await
    .unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "create database {role} owner {role}"
    )))
    .execute(&mut conn)
    .await
    .unwrap();

    let dirs = Dirs::new();
    let port = admin.get_port().to_string();
    let add = |secret: &str| {
        dirs.rotunda(
            &[
                "profile",
                "add",
                "--name",
                "Shared",
                "--host",
                "127.0.0.1",
                "--port",
                &port,
                "--database",
                &role,
                "--user",
                &role,
                "--sslmode",
                "disable",
                "--password-stdin",
            ],
            Some(secret),
        )
    };

    let wrong = add("not-the-password");
    assert_eq!(
        wrong.status.code(),
        Some(6),
        "a refused login is `unavailable`: {}",
        text(&wrong)
    );
    assert!(
        text(&wrong).contains("password authentication failed"),
        "{}",
        text(&wrong)
    );
    assert!(
        !text(&wrong).contains("not-the-password"),
        "the wrong password is not echoed"
    );

    let saved = add(&password);
    assert!(saved.status.success(), "{}", text(&saved));
    let used = dirs.rotunda(
        &[
            "--profile",
            "Shared",
            "program",
            "create",
            "--code",
            "GS",
            "--name",
            "General Surgery",
            "--institution",
            "Hôpital",
        ],
        None,
    );
    assert!(
        used.status.success(),
        "the password comes back from the keyring: {}",
        text(&used)
    );
    let listed = dirs.rotunda(&["program", "list"], None);
    assert!(
        text(&listed).contains("GS"),
        "the last profile is the default: {}",
        text(&listed)
    );

    let profiles = std::fs::read_to_string(dirs.root.join("config/profiles.toml")).unwrap();
    assert!(
        profiles.contains("127.0.0.1") && profiles.contains(&role),
        "{profiles}"
    );
    assert_eq!(
        files_containing(&dirs.root, &password),
        Vec::<PathBuf>::new(),
        "no file holds the password"
    );
    for output in [&saved, &used, &listed] {
        assert!(
            !text(output).contains(&password),
            "no log line holds the password"
        );
    }

    drop(conn);
    let mut conn = admin.connect().await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "drop database {role} with (force)"
    )))
    .execute(&mut conn)
    .await
    .unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("drop role {role}")))
        .execute(&mut conn)
        .await
        .unwrap();
}
