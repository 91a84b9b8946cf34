//! Keeping the analytics views fresh after the app writes assessments, off the path of the write:
//! each write asks for a refresh and returns at once; one background task refreshes (concurrently,
//! so readers are never blocked), and asks made while it works fold into a single next refresh.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use tokio::sync::Notify;

use super::epa_store::refresh_analytics;
use crate::db::PgPool;

/// A handle to the background refresher; cheap to clone.
#[derive(Clone)]
pub struct Refresher {
    inner: Arc<Inner>,
}

struct Inner {
    wake: Notify,
    stopped: AtomicBool,
    /// Refreshes finished, for callers that want to know one has happened since they asked.
    done: AtomicU64,
    finished: Notify,
}

impl Refresher {
    /// Starts the task on the current tokio runtime; it runs until `stop`.
    pub fn spawn(pool: PgPool) -> Self {
        let inner = Arc::new(Inner {
            wake: Notify::new(),
            stopped: AtomicBool::new(false),
            done: AtomicU64::new(0),
            finished: Notify::new(),
        });
        let task = Arc::clone(&inner);
        tokio::spawn(async move {
            loop {
                task.wake.notified().await;
                if task.stopped.load(Ordering::SeqCst) {
                    return;
                }
                if let Err(e) = refresh_analytics(&pool).await {
                    tracing::warn!(error = %e, "refreshing the analytics views failed");
                }
                task.done.fetch_add(1, Ordering::SeqCst);
                task.finished.notify_waiters();
            }
        });
        Refresher { inner }
    }

    /// Asks for a refresh; asks made before the task gets to it count as one.
    pub fn request(&self) {
        self.inner.wake.notify_one();
    }

    /// Ends the task once any refresh under way is done (a closed connection's refresher).
    pub fn stop(&self) {
        self.inner.stopped.store(true, Ordering::SeqCst);
        self.inner.wake.notify_one();
    }

    /// How many refreshes have finished.
    pub fn finished(&self) -> u64 {
        self.inner.done.load(Ordering::SeqCst)
    }

    /// Waits until more than `seen` refreshes have finished.
    pub async fn wait_past(&self, seen: u64) {
        loop {
            let finished = self.inner.finished.notified();
            if self.finished() > seen {
                return;
            }
            finished.await;
        }
    }
}
