//! `bookable-server`: a team's booking pages, bookings and inbox availability (SPEC §12), on one
//! SQLite file or on PostgreSQL shared by several processes. The engine (the `bookable` crate) is
//! linked natively; this crate adds HTTP, the database and the clock.
//!
//! Rooms, downhill: `settings` (what to run) → `store` (SQL only: the tables, the constraints
//! that make double booking impossible, transactions and locks) → `service` (pages, bookings,
//! members and the inbox: the engine asked with the stored data) → `http` (routes by resource,
//! one error type mapped to responses) → `serve` (connections: caps, timeouts, shutdown).

mod auth;
mod demo;
mod egress;
mod error;
mod feed;
mod http;
mod ical;
mod mail;
mod outbox;
mod remote;
mod secret;
mod serve;
mod service;
mod settings;
mod store;
mod time;

use std::process::ExitCode;

fn main() -> ExitCode {
    let settings = match settings::Settings::from_args_and_env() {
        Ok(s) => s,
        Err(settings::SettingsError::Clap(e)) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
        Err(e) => {
            eprintln!("bookable-server: {e}");
            return ExitCode::from(2);
        }
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("BOOKABLE_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_target(false)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("bookable-server: cannot start the runtime: {e}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(serve::run(settings)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bookable-server: {e}");
            ExitCode::from(1)
        }
    }
}
