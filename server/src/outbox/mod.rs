//! The delivery queue's worker (SPEC §12 guarantee 4): after a commit, and every second, it takes
//! the due deliveries (one process each: a lease, and on PostgreSQL `FOR UPDATE SKIP LOCKED`)
//! and sends them. A failed attempt is retried after `BOOKABLE_RETRY_SECONDS`, doubling, until
//! it succeeds or 24 hours pass, across restarts: nothing here is in a request's path.

use std::{sync::Arc, time::Duration};

mod calendar;
mod mail;
mod webhook;

use crate::{
    service::App,
    store::{self, deliveries::DeliveryRow},
    time::{now_ms, DAY},
};

/// How long a process holds the deliveries it took (longer than one attempt can last).
const LEASE_MS: i64 = 60_000;
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(10);

pub fn spawn(app: Arc<App>, retry: Duration, allow_private: bool) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let client = match crate::egress::Http::new(ATTEMPT_TIMEOUT, allow_private) {
            Ok(c) => c,
            Err(e) => {
                tracing::error!(error = %e, "no HTTP client: deliveries wait");
                return;
            }
        };
        loop {
            tokio::select! {
                _ = app.outbox.notified() => {}
                _ = tokio::time::sleep(Duration::from_secs(1)) => {}
            }
            loop {
                let now = now_ms();
                let claimed = match app.db.quiet().await {
                    Ok(mut q) => {
                        store::deliveries::claim(&mut q.conn, app.db.kind, now, now + LEASE_MS, 16)
                            .await
                    }
                    Err(e) => Err(e),
                };
                let batch = match claimed {
                    Ok(b) => b,
                    Err(e) => {
                        tracing::warn!(error = %e, "the delivery queue cannot be read");
                        break;
                    }
                };
                if batch.is_empty() {
                    break;
                }
                // All at once: each attempt ends (10 s) well inside the lease (60 s).
                let mut sends = tokio::task::JoinSet::new();
                for d in batch {
                    let (app, client) = (app.clone(), client.clone());
                    sends.spawn(async move { deliver(&app, &client, d, retry).await });
                }
                while sends.join_next().await.is_some() {}
            }
        }
    })
}

async fn deliver(app: &App, client: &crate::egress::Http, d: DeliveryRow, retry: Duration) {
    let outcome = match d.kind.as_str() {
        "webhook" => webhook::send(app, client, &d).await,
        "calendar" => calendar::send(app, client, &d).await,
        "mail" => mail::send(app, &d).await,
        other => Outcome::GiveUp(format!("no sender for deliveries of kind {other}")),
    };
    let now = now_ms();
    let result = async {
        let mut q = app.db.quiet().await?;
        let conn = &mut q.conn;
        match outcome {
            Outcome::Delivered => store::deliveries::delivered(conn, &d.id, now).await,
            Outcome::Ended => {
                tracing::info!(webhook = %d.target, "410 Gone: the subscription ended");
                store::deliveries::end_webhook(conn, &d.target).await?;
                store::deliveries::attempt_failed(conn, &d.id, "410 Gone: the subscription ended", None).await
            }
            Outcome::GiveUp(why) => store::deliveries::attempt_failed(conn, &d.id, &why, None).await,
            Outcome::Retry(why) => {
                let wait = retry.as_millis() as i64 * (1i64 << d.attempts.clamp(0, 20));
                let next = now + wait;
                let next = (next - d.created_at <= DAY).then_some(next);
                tracing::info!(delivery = %d.id, attempts = d.attempts + 1, error = %why, "delivery failed");
                store::deliveries::attempt_failed(conn, &d.id, &why, next).await
            }
        }
    }
    .await;
    if let Err(e) = result {
        tracing::warn!(error = %e, delivery = %d.id, "a delivery's outcome was not recorded; it is sent again after its lease");
    }
}

/// How one attempt ended.
pub(crate) enum Outcome {
    Delivered,
    /// The receiver ended the subscription (a webhook's `410 Gone`).
    Ended,
    /// Never again (the target is gone).
    GiveUp(String),
    /// Again after the doubling delay, while the 24 hours last.
    Retry(String),
}
