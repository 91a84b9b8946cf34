//! Server profiles over TLS: verify-full (the default off loopback) connects when the server's
//! certificate chains to the given CA and names the host, and refuses otherwise. The test
//! PostgreSQL serves TLS with a throw-away CA (scripts/pg-throwaway; ROTUNDA_TEST_CA names it).
#![allow(clippy::unwrap_used)]

use rotunda_core::ErrorKind;
use rotunda_core::connect::profiles::{ServerProfileInput, SslMode};
use rotunda_core::connect::{Secret, test_server_profile};
use sqlx::postgres::PgConnectOptions;

fn profile(host: &str, ca_file: Option<String>) -> ServerProfileInput {
    let admin: PgConnectOptions = std::env::var("DATABASE_URL")
        .expect("DATABASE_URL names the test PostgreSQL (scripts/test sets it)")
        .parse()
        .unwrap();
    ServerProfileInput {
        name: "Hospital".into(),
        host: host.into(),
        port: i32::from(admin.get_port()),
        database: "postgres".into(),
        user: admin.get_username().into(),
        sslmode: Some(SslMode::VerifyFull),
        ca_file,
    }
}

fn test_ca() -> String {
    std::env::var("ROTUNDA_TEST_CA")
        .expect("ROTUNDA_TEST_CA names the test server's CA certificate (scripts/test sets it)")
}

#[tokio::test]
async fn verify_full_connects_with_the_servers_ca_by_name_and_by_address() {
    let secret = Secret::new("unused-on-a-trusting-test-server");
    for host in ["localhost", "127.0.0.1"] {
        let state = test_server_profile(&profile(host, Some(test_ca())), &secret).await;
        assert!(state.is_ok(), "{host}: {state:?}");
    }
}

#[tokio::test]
async fn verify_full_refuses_a_server_whose_certificate_it_cannot_trust() {
    let secret = Secret::new("unused-on-a-trusting-test-server");
    // Without the CA, the throw-away certificate chains to no trusted root.
    let err = test_server_profile(&profile("localhost", None), &secret)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unavailable);
    assert!(
        err.to_string()
            .contains("not signed by an authority this computer trusts; give the server's CA file"),
        "{err}"
    );
}
