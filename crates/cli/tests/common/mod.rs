//! The real `rotunda` binary pointed at a test's own database, with its own folders.
#![allow(dead_code, clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::{Command, Output};

use sqlx::PgPool;

pub struct Cli {
    pub dir: PathBuf,
    url: String,
}

impl Cli {
    /// The binary pointed at the test's own database (same server as DATABASE_URL).
    pub fn new(pool: &PgPool) -> Self {
        let server = std::env::var("DATABASE_URL").expect("DATABASE_URL names the test PostgreSQL");
        let (base, query) = server
            .split_once('?')
            .map_or((server.as_str(), None), |(b, q)| (b, Some(q)));
        let base = &base[..base.rfind('/').unwrap()];
        let db = pool.connect_options().get_database().unwrap().to_string();
        let url = match query {
            Some(q) => format!("{base}/{db}?{q}"),
            None => format!("{base}/{db}"),
        };
        let dir = std::env::temp_dir().join(format!("rotunda-cli-test-{}", uuid::Uuid::now_v7()));
        std::fs::create_dir_all(&dir).unwrap();
        Cli { url, dir }
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.run_with(args, &[])
    }

    /// With more environment variables set for the run.
    pub fn run_with(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_rotunda"))
            .arg("--database-url")
            .arg(&self.url)
            .args(args)
            .env("ROTUNDA_CONFIG_DIR", self.dir.join("config"))
            .env("ROTUNDA_DATA_DIR", self.dir.join("data"))
            .envs(env.iter().copied())
            .output()
            .unwrap()
    }

    pub fn file(&self, name: &str, text: &str) -> String {
        let path = self.dir.join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    }
}

impl Drop for Cli {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}
