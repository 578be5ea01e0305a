//! The delivery queue's worker (SPEC §12 guarantee 4): after a commit, and every second, it takes
//! the due deliveries (one process each: a lease, and on PostgreSQL `FOR UPDATE SKIP LOCKED`)
//! and sends them. A failed attempt is retried after `BOOKABLE_RETRY_SECONDS`, doubling, until
//! it succeeds or 24 hours pass, across restarts: nothing here is in a request's path.

use std::{sync::Arc, time::Duration};

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::{
    secret,
    service::App,
    store::{self, deliveries::DeliveryRow},
    time::{now_ms, DAY},
};

/// How long a process holds the deliveries it took (longer than one attempt can last).
const LEASE_MS: i64 = 60_000;
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(10);

/// `Bookable-Signature: t=UNIX_SECONDS,v1=HEX`: HMAC-SHA256 with the secret over `"{t}.{body}"`.
pub fn signature(secret: &str, t: i64, body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key");
    mac.update(format!("{t}.{body}").as_bytes());
    format!("t={t},v1={}", secret::hex(&mac.finalize().into_bytes()))
}

pub fn spawn(app: Arc<App>, retry: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let client = match reqwest::Client::builder().timeout(ATTEMPT_TIMEOUT).build() {
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

async fn deliver(app: &App, client: &reqwest::Client, d: DeliveryRow, retry: Duration) {
    let hook = {
        let mut conn = match app.db.pool().acquire().await {
            Ok(c) => c,
            Err(_) => return, // the lease runs out; another round takes it
        };
        store::deliveries::webhook_by_id(&mut conn, &d.target)
            .await
            .ok()
            .flatten()
    };
    let outcome = match hook.filter(|h| h.active) {
        None => Outcome::GiveUp("the webhook was deleted or ended".into()),
        Some(hook) => {
            let t = now_ms() / 1000;
            let sent = client
                .post(&hook.url)
                .header("content-type", "application/json")
                .header("bookable-event-id", &d.event)
                .header("bookable-signature", signature(&hook.secret, t, &d.payload))
                .body(d.payload.clone())
                .send()
                .await;
            match sent {
                Ok(r) if r.status().is_success() => Outcome::Delivered,
                Ok(r) if r.status() == reqwest::StatusCode::GONE => Outcome::Ended,
                Ok(r) => Outcome::Retry(format!("the receiver answered {}", r.status().as_u16())),
                Err(e) => Outcome::Retry(format!(
                    "no answer: {}",
                    if e.is_timeout() {
                        "timed out".to_string()
                    } else {
                        e.without_url().to_string()
                    }
                )),
            }
        }
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

enum Outcome {
    Delivered,
    Ended,
    GiveUp(String),
    Retry(String),
}
