//! A password in memory. It cannot be printed, logged or serialised by accident: no `Display`,
//! no `Serialize`, and `Debug` prints `[redacted]`.

use rand::Rng;
use rand::distr::Alphanumeric;

#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// A fresh random password of 40 letters and digits (about 238 bits).
    pub fn random() -> Self {
        Secret(
            rand::rng()
                .sample_iter(&Alphanumeric)
                .take(40)
                .map(char::from)
                .collect(),
        )
    }

    /// The secret itself, for the one place that must hand it on (a connection, the keyring).
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_never_shows_the_secret() {
        let s = Secret::new("hunter2-very-secret");
        assert_eq!(format!("{s:?}"), "[redacted]");
        assert!(!format!("{:?}", Some(&s)).contains("hunter2"));
    }

    #[test]
    fn random_secrets_are_long_and_different() {
        let (a, b) = (Secret::random(), Secret::random());
        assert_eq!(a.expose().len(), 40);
        assert_ne!(a, b);
    }
}
