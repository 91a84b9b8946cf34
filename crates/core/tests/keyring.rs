//! The OS keyring for real: a Secret Service on a private session bus (scripts/test runs the
//! tests inside `dbus-run-session` with an unlocked gnome-keyring).
#![allow(clippy::unwrap_used)]

use rotunda_core::connect::{Secret, keyring};

#[test]
fn a_password_is_stored_read_back_and_deleted() {
    let account = format!("test:{}", uuid::Uuid::now_v7());
    let secret = Secret::random();
    keyring::store(&account, &secret).expect("a Secret Service answers (scripts/test starts one)");
    assert_eq!(keyring::load(&account).unwrap(), Some(secret.clone()));

    let replaced = Secret::random();
    keyring::store(&account, &replaced).unwrap();
    assert_eq!(
        keyring::load(&account).unwrap(),
        Some(replaced),
        "storing again replaces the password"
    );

    keyring::delete(&account).unwrap();
    assert_eq!(keyring::load(&account).unwrap(), None, "deleted");
    keyring::delete(&account).unwrap();
}
