//! The managed local cluster for real: created with initdb, stopped, started again with its data
//! intact. When the tests run as root the cluster runs as the `postgres` user, as in the app.
#![allow(clippy::unwrap_used)]

use rotunda_core::connect::Secret;
use rotunda_core::connect::cluster::{self, DATABASE, ManagedCluster};
use sqlx::ConnectOptions;

#[tokio::test]
async fn a_managed_cluster_keeps_its_data_across_a_restart() {
    // Under /tmp: the postgres user must be able to reach the folder when we run as root.
    let root = std::env::temp_dir().join(format!("rotunda-cluster-test-{}", uuid::Uuid::now_v7()));
    let cluster = ManagedCluster::locate(root.clone())
        .expect("PostgreSQL server binaries are installed (scripts/test installs them)");
    let password = Secret::random();

    cluster.init(&password).await.unwrap();
    assert!(cluster.is_initialised());
    assert!(
        !cluster.is_running().await,
        "a new cluster is not running yet"
    );
    cluster.start().await.unwrap();
    assert!(cluster.is_running().await, "running after start");
    cluster.start().await.unwrap();
    cluster.ensure_database(&password).await.unwrap();
    {
        let mut conn = cluster
            .connect_options(&password, DATABASE)
            .connect()
            .await
            .unwrap();
        sqlx::query("create table kept (name text)")
            .execute(&mut conn)
            .await
            .unwrap();
        sqlx::query("insert into kept values ('Zoë Ødegaard')")
            .execute(&mut conn)
            .await
            .unwrap();
    }
    #[cfg(unix)]
    if cluster::running_as_root() {
        use std::os::unix::fs::MetadataExt;
        let owner = std::fs::metadata(cluster.pgdata().join("postmaster.pid"))
            .unwrap()
            .uid();
        assert_ne!(
            owner, 0,
            "as root, the cluster runs as the postgres user, not root"
        );
    }

    cluster.stop().await.unwrap();
    assert!(!cluster.is_running().await, "stopped");
    let refused = cluster.connect_options(&password, DATABASE).connect().await;
    assert!(refused.is_err(), "nothing answers while stopped");

    cluster.start().await.unwrap();
    assert!(cluster.is_running().await, "running again");
    let mut conn = cluster
        .connect_options(&password, DATABASE)
        .connect()
        .await
        .unwrap();
    let kept: String = sqlx::query_scalar("select name from kept")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(kept, "Zoë Ødegaard", "the data survived the restart");

    let wrong = cluster
        .connect_options(&Secret::new("not-the-password"), DATABASE)
        .connect()
        .await;
    assert!(wrong.is_err(), "the cluster demands its password");

    drop(conn);
    cluster.stop().await.unwrap();
    let leaked = grep_dir(&root, password.expose());
    assert!(leaked.is_empty(), "the password appears in {leaked:?}");
    std::fs::remove_dir_all(&root).unwrap();
}

/// Files under `dir` that contain `needle`.
fn grep_dir(dir: &std::path::Path, needle: &str) -> Vec<std::path::PathBuf> {
    let mut hits = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(bytes) = std::fs::read(&path)
                && bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
            {
                hits.push(path);
            }
        }
    }
    hits
}
