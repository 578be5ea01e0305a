//! What the service does, in the terms of SPEC §12: members, pages and teams kept; public page
//! answers made by the engine (§11) and cached until a write changes them; bookings checked by
//! the engine inside the write that records them; the inbox. Routes (`http`) call these; these
//! call the engine and the store (`store`), never HTTP.

pub mod body;
pub mod bookings;
pub mod calendars;
mod change;
pub mod inbox;
mod mail;
pub mod members;
pub mod notify;
mod page;
pub mod pages;
mod request;
pub mod webhooks;

use std::{
    collections::HashMap,
    net::IpAddr,
    num::NonZeroU32,
    sync::{Arc, Mutex},
};

use governor::{clock::DefaultClock, state::keyed::DefaultKeyedStateStore, Quota, RateLimiter};

use crate::{settings::Settings, store::Db};

type Limiter = RateLimiter<IpAddr, DefaultKeyedStateStore<IpAddr>, DefaultClock>;

/// A public page answer's key: the page and `from`.
pub type CacheKey = (String, Option<String>);
/// A public page answer: the generation it was made at, when (ms), and its JSON text.
pub type Cached = (i64, i64, Arc<String>);

/// The service's state, shared by every request.
pub struct App {
    pub db: Db,
    pub public_url: String,
    pub public_cache: Mutex<HashMap<CacheKey, Cached>>,
    pub booking_limiter: Option<Limiter>,
    /// The owner's token hash (from BOOKABLE_ADMIN_TOKEN or made at the first start).
    pub owner_hash: String,
    /// Woken after a commit that queued deliveries.
    pub outbox: tokio::sync::Notify,
    /// Woken when a member's fetched calendars change (a source to read at once).
    pub calendars: tokio::sync::Notify,
}

impl App {
    pub fn new(db: Db, settings: &Settings, public_url: String, owner_hash: String) -> App {
        let booking_limiter = NonZeroU32::new(settings.bookings_per_minute)
            .map(|n| RateLimiter::keyed(Quota::per_minute(n)));
        App {
            db,
            public_url,
            public_cache: Mutex::new(HashMap::new()),
            booking_limiter,
            owner_hash,
            outbox: tokio::sync::Notify::new(),
            calendars: tokio::sync::Notify::new(),
        }
    }
}
