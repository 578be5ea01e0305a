//! The database: SQL only. One schema on SQLite (embedded, one process) or PostgreSQL (several
//! processes), migrations kept in `server/migrations/`, and the write transaction that every
//! change goes through.
//!
//! What guards what (also in ARCHITECTURE.md):
//! - Two bookings of one host closer than their buffers: impossible in the data — `booking_hosts`
//!   holds each host's interval widened by the booking's own buffers, and PostgreSQL's exclusion
//!   constraint (`btree_gist`) or SQLite's triggers refuse an overlap of two active rows.
//! - Limits, round-robin choice, idempotency keys, reschedules: decided by the engine inside the
//!   write transaction, which holds a lock on every member it reads — on PostgreSQL transaction
//!   advisory locks taken in one order (so writers of disjoint hosts run in parallel), on SQLite
//!   the process's one writer (the file belongs to one process).
//! - Capacity of the inbox: a `CHECK (assigned <= capacity_max)` and a conditional update.

pub mod bookings;
pub mod calendars;
pub mod deliveries;
pub mod members;
pub mod pages;
pub mod tokens;

use std::{fs::File, str::FromStr, time::Duration};

use sqlx::{
    any::{AnyConnectOptions, AnyPoolOptions},
    AnyPool, Executor, Transaction,
};
use tokio::sync::{Mutex, MutexGuard};

pub use bookings::{BookingRow, HostBooking};
pub use members::MemberRow;
pub use pages::{PageRow, TeamRow};
pub use tokens::TokenRow;

use crate::settings::DatabaseUrl;

static SQLITE: sqlx::migrate::Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES: sqlx::migrate::Migrator = sqlx::migrate!("migrations/postgres");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Sqlite,
    Postgres,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Sqlite => "sqlite",
            Kind::Postgres => "postgres",
        }
    }
}

pub struct Db {
    pool: AnyPool,
    pub kind: Kind,
    /// SQLite: the process's one writer.
    writer: Mutex<()>,
    /// SQLite: the file's lock, held while the process runs.
    _owner: Option<File>,
}

/// A write transaction: every change goes through one, and each bumps the generation that the
/// cached public answers depend on.
pub struct Write<'a> {
    pub tx: Transaction<'static, sqlx::Any>,
    _writer: Option<MutexGuard<'a, ()>>,
}

impl Write<'_> {
    pub async fn commit(mut self) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE generation SET value = value + 1 WHERE id = 1")
            .execute(&mut *self.tx)
            .await?;
        self.tx.commit().await
    }
}

/// See [`Db::quiet`].
pub struct Quiet<'a> {
    pub conn: sqlx::pool::PoolConnection<sqlx::Any>,
    _writer: Option<MutexGuard<'a, ()>>,
}

/// A lock key for a member, a team or a page (PostgreSQL advisory locks take 64-bit keys).
pub fn lock_key(kind: &str, id: &str) -> i64 {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("{kind}\0{id}").as_bytes());
    i64::from_be_bytes(digest[..8].try_into().expect("8 bytes"))
}

impl Db {
    /// Connects, takes the SQLite file for this process, and creates or migrates the schema.
    pub async fn open(url: &DatabaseUrl) -> Result<Db, String> {
        sqlx::any::install_default_drivers();
        match url {
            DatabaseUrl::Sqlite { path, url } => {
                let options =
                    AnyConnectOptions::from_str(url).map_err(|e| format!("database URL: {e}"))?;
                let pool = AnyPoolOptions::new()
                    .max_connections(8)
                    .acquire_timeout(Duration::from_secs(10))
                    .after_connect(|conn, _| {
                        Box::pin(async move {
                            conn.execute(
                                "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; \
                                 PRAGMA synchronous = FULL;",
                            )
                            .await?;
                            Ok(())
                        })
                    })
                    .connect_with(options)
                    .await
                    .map_err(|e| {
                        format!("cannot open the SQLite database {}: {e}", path.display())
                    })?;
                let owner =
                    File::open(path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
                if owner.try_lock().is_err() {
                    return Err(format!(
                        "another bookable-server process uses the SQLite database {}; a SQLite \
                         database belongs to one process (use PostgreSQL for several)",
                        path.display()
                    ));
                }
                sqlx::query("PRAGMA journal_mode = WAL")
                    .execute(&pool)
                    .await
                    .map_err(|e| format!("SQLite: {e}"))?;
                SQLITE
                    .run(&pool)
                    .await
                    .map_err(|e| format!("cannot migrate the SQLite database: {e}"))?;
                Ok(Db {
                    pool,
                    kind: Kind::Sqlite,
                    writer: Mutex::new(()),
                    _owner: Some(owner),
                })
            }
            DatabaseUrl::Postgres { url } => {
                let options =
                    AnyConnectOptions::from_str(url).map_err(|e| format!("database URL: {e}"))?;
                let pool = AnyPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect_with(options)
                    .await
                    .map_err(|e| format!("cannot reach the PostgreSQL database: {e}"))?;
                // Several processes may start at once: migrations wait for each other (sqlx
                // takes an advisory lock around them).
                POSTGRES
                    .run(&pool)
                    .await
                    .map_err(|e| format!("cannot migrate the PostgreSQL database: {e}"))?;
                // Statistics for the planner at every start (a restored or bulk-loaded database
                // has none until autovacuum runs, and a host's bookings would then be read
                // through the exclusion index, all of them); ANALYZE samples, so it is quick.
                sqlx::query("ANALYZE booking_hosts")
                    .execute(&pool)
                    .await
                    .map_err(|e| format!("PostgreSQL: {e}"))?;
                Ok(Db {
                    pool,
                    kind: Kind::Postgres,
                    writer: Mutex::new(()),
                    _owner: None,
                })
            }
        }
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Begins a write that reads and changes what `locks` name (keys of [`lock_key`]).
    pub async fn write(&self, mut locks: Vec<i64>) -> Result<Write<'_>, sqlx::Error> {
        let writer = match self.kind {
            Kind::Sqlite => Some(self.writer.lock().await),
            Kind::Postgres => None,
        };
        let mut tx = self.pool.begin().await?;
        if self.kind == Kind::Postgres {
            locks.sort_unstable();
            locks.dedup();
            for key in locks {
                sqlx::query("SELECT pg_advisory_xact_lock($1)")
                    .bind(key)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        Ok(Write {
            tx,
            _writer: writer,
        })
    }

    /// The generation: changes with every write.
    pub async fn generation(&self) -> Result<i64, sqlx::Error> {
        sqlx::query_scalar("SELECT value FROM generation WHERE id = 1")
            .fetch_one(&self.pool)
            .await
    }

    pub async fn setting(&self, key: &str) -> Result<Option<String>, sqlx::Error> {
        sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await
    }

    pub async fn set_setting(&self, key: &str, value: &str) -> Result<(), sqlx::Error> {
        let mut w = self.write(vec![lock_key("setting", key)]).await?;
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES ($1, $2) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(key)
        .bind(value)
        .execute(&mut *w.tx)
        .await?;
        w.commit().await
    }

    /// Whether the database has no members and no pages (`--demo` fills only such a one).
    pub async fn is_empty(&self) -> Result<bool, sqlx::Error> {
        let n: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM members) + (SELECT COUNT(*) FROM pages)",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(n == 0)
    }

    /// A connection for small writes that change nothing a page answer depends on (the
    /// delivery queue): on SQLite it holds the one writer; the generation is not bumped.
    pub async fn quiet(&self) -> Result<Quiet<'_>, sqlx::Error> {
        let writer = match self.kind {
            Kind::Sqlite => Some(self.writer.lock().await),
            Kind::Postgres => None,
        };
        Ok(Quiet {
            conn: self.pool.acquire().await?,
            _writer: writer,
        })
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Whether a database error is the refusal of two overlapping bookings of one host (SQLite's
/// trigger, PostgreSQL's exclusion constraint).
pub fn is_overlap(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(d) => {
            d.code().as_deref() == Some("23P01") || d.message().contains("bookable_overlap")
        }
        _ => false,
    }
}

/// Whether a database error is a broken `CHECK` (capacity) or unique key.
pub fn is_constraint(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(d) => {
            matches!(
                d.code().as_deref(),
                Some("23514") | Some("23505") | Some("23503")
            ) || d.message().contains("constraint failed")
        }
        _ => false,
    }
}

/// `$from, $from+1, …` placeholders for an `IN (…)` list.
pub fn placeholders(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}
