//! The app's notification courier: a background task that runs a round (rules, then one delivery
//! pass) now and then, and soon after it is asked, so no command ever waits on the webhook.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tokio::sync::Notify;

use super::run::round;
use crate::db::{Actor, PgPool};

/// A handle to the courier; cheap to clone.
#[derive(Clone)]
pub struct Courier {
    inner: Arc<Inner>,
}

struct Inner {
    wake: Notify,
    stopped: AtomicBool,
}

impl Courier {
    /// Starts the task on the current tokio runtime: a round at once, then one every `every`
    /// (and whenever asked), until `stop`.
    pub fn spawn(pool: PgPool, actor: Actor, every: Duration) -> Self {
        let inner = Arc::new(Inner {
            wake: Notify::new(),
            stopped: AtomicBool::new(false),
        });
        let task = Arc::clone(&inner);
        tokio::spawn(async move {
            loop {
                if task.stopped.load(Ordering::SeqCst) {
                    return;
                }
                match round(&pool, &actor).await {
                    Ok(r)
                        if r.raised > 0
                            || r.delivery
                                .as_ref()
                                .is_some_and(|d| d.delivered + d.retrying + d.dead > 0) =>
                    {
                        tracing::info!(raised = r.raised, delivery = ?r.delivery, "notification round");
                    }
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %e, "a notification round failed"),
                }
                let _ = tokio::time::timeout(every, task.wake.notified()).await;
            }
        });
        Courier { inner }
    }

    /// Asks for a round soon (after the webhook's settings change, or "Check now").
    pub fn request(&self) {
        self.inner.wake.notify_one();
    }

    /// Ends the task after any round under way.
    pub fn stop(&self) {
        self.inner.stopped.store(true, Ordering::SeqCst);
        self.inner.wake.notify_one();
    }
}
