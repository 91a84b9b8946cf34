//! What the window shares between commands: the open connection (none until the first-run screen
//! or a saved profile opens one) and who is acting.

use rotunda_core::assessment::analytics::Refresher;
use rotunda_core::connect::{Connection, ConnectionState};
use rotunda_core::db::Actor;
use rotunda_core::db::PgPool;
use rotunda_core::notify::courier::Courier;
use rotunda_core::{ErrorKind, ErrorReport};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use tokio::sync::RwLock;

pub struct AppState {
    connection: RwLock<Option<Connection>>,
    pub actor: Actor,
    /// Set to stop the schedule proposal being solved; a new proposal clears it.
    pub proposal_cancel: Arc<AtomicBool>,
    /// Refreshes the analytics views after assessment writes, for the open connection.
    analytics: std::sync::Mutex<Option<Refresher>>,
    /// Raises and delivers notifications in the background, for the open connection.
    courier: std::sync::Mutex<Option<Courier>>,
}

/// How often the courier runs a round on its own.
const NOTIFICATION_ROUND: std::time::Duration = std::time::Duration::from_secs(120);

impl AppState {
    pub fn new() -> Self {
        AppState {
            connection: RwLock::new(None),
            actor: Actor::local_user("desktop"),
            proposal_cancel: Arc::new(AtomicBool::new(false)),
            analytics: std::sync::Mutex::new(None),
            courier: std::sync::Mutex::new(None),
        }
    }

    /// Asks the courier for a round soon.
    pub fn notify_soon(&self) {
        if let Some(courier) = self
            .courier
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .as_ref()
        {
            courier.request();
        }
    }

    fn start_courier(&self, pool: PgPool) {
        let next = Courier::spawn(pool, self.actor.clone(), NOTIFICATION_ROUND);
        let previous = self
            .courier
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .replace(next);
        if let Some(previous) = previous {
            previous.stop();
        }
    }

    fn stop_courier(&self) {
        let previous = self
            .courier
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        if let Some(previous) = previous {
            previous.stop();
        }
    }

    /// Asks for the analytics views to be refreshed in the background after a write; the
    /// command returns without waiting.
    pub async fn refresh_analytics_later(&self) {
        let Ok(pool) = self.pool().await else { return };
        let mut slot = self
            .analytics
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        slot.get_or_insert_with(|| Refresher::spawn(pool)).request();
    }

    /// Stops the refresher of a connection being closed.
    fn stop_analytics(&self) {
        let previous = self
            .analytics
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        if let Some(refresher) = previous {
            refresher.stop();
        }
    }

    /// The pool of the open connection. `PgPool` is a shared handle: cloning it is cheap.
    pub async fn pool(&self) -> Result<PgPool, ErrorReport> {
        self.connection
            .read()
            .await
            .as_ref()
            .map(|c| c.pool.clone())
            .ok_or_else(|| ErrorReport {
                kind: ErrorKind::Unavailable,
                message: "Rotunda is not connected to a database yet".into(),
                field: None,
            })
    }

    pub async fn connection_state(&self) -> Option<ConnectionState> {
        self.connection
            .read()
            .await
            .as_ref()
            .map(|c| c.state.clone())
    }

    /// Makes `next` the open connection, closing the previous one (and its managed cluster).
    pub async fn replace(&self, next: Connection) -> ConnectionState {
        let state = next.state.clone();
        self.stop_analytics();
        self.start_courier(next.pool.clone());
        let previous = self.connection.write().await.replace(next);
        if let Some(previous) = previous
            && let Err(e) = previous.close().await
        {
            tracing::warn!(error = %e, "closing the previous connection failed");
        }
        state
    }

    pub async fn disconnect(&self) {
        self.stop_analytics();
        self.stop_courier();
        if let Some(connection) = self.connection.write().await.take()
            && let Err(e) = connection.close().await
        {
            tracing::warn!(error = %e, "stopping the database failed");
        }
    }
}
