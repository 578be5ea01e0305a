//! Webhook calls (SPEC §12 guarantee 6): `POST url` with the event, its id and its signature.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::Outcome;
use crate::{secret, service::App, store, store::deliveries::DeliveryRow, time::now_ms};

/// `Bookable-Signature: t=UNIX_SECONDS,v1=HEX`: HMAC-SHA256 with the secret over `"{t}.{body}"`.
pub fn signature(secret: &str, t: i64, body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key");
    mac.update(format!("{t}.{body}").as_bytes());
    format!("t={t},v1={}", secret::hex(&mac.finalize().into_bytes()))
}

pub(super) async fn send(app: &App, client: &crate::egress::Http, d: &DeliveryRow) -> Outcome {
    let hook = {
        let mut conn = match app.db.pool().acquire().await {
            Ok(c) => c,
            Err(e) => return Outcome::Retry(format!("the database is not reachable: {e}")),
        };
        store::deliveries::webhook_by_id(&mut conn, &d.target)
            .await
            .ok()
            .flatten()
    };
    let Some(hook) = hook.filter(|h| h.active) else {
        return Outcome::GiveUp("the webhook was deleted or ended".into());
    };
    let t = now_ms() / 1000;
    let request = match client.request(reqwest::Method::POST, &hook.url) {
        Ok(r) => r,
        Err(e) => return Outcome::Retry(e),
    };
    let sent = request
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
        Err(e) => Outcome::Retry(format!("no answer: {}", crate::egress::failure(e))),
    }
}
