//! Running it: the database opened and migrated, the owner's token, the demo, and connections —
//! at most `max_connections` at once, each closed when its client is too slow or idle, all
//! finished gracefully on SIGTERM or Ctrl-C.

use std::{net::SocketAddr, sync::Arc, time::Duration};

use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::{
    rt::{TokioIo, TokioTimer},
    server::graceful::GracefulShutdown,
};
use tokio::{net::TcpListener, sync::Semaphore};
use tower::ServiceExt;

use crate::{demo, http, secret, service::App, settings::Settings, store::Db, time::now_ms};

const OWNER_HASH: &str = "owner_token_hash";

type Service = tower_http::cors::Cors<axum::Router>;

pub async fn run(settings: Settings) -> Result<(), String> {
    // Mail is set up first: a bad SMTP URL or From address stops the start.
    if let Some(url) = &settings.later.smtp_url {
        crate::mail::set_up(crate::mail::Outgoing::new(
            url,
            settings.later.mail_from.as_deref(),
        )?);
    }
    let db = Db::open(&settings.database).await?;
    // The owner's token: from the environment, else the one made at the first start (its hash
    // kept), else a new one printed once.
    let owner_hash = match &settings.admin_token {
        Some(token) => {
            let h = secret::hash(token);
            db.set_setting(OWNER_HASH, &h)
                .await
                .map_err(|e| format!("database: {e}"))?;
            h
        }
        None => match db
            .setting(OWNER_HASH)
            .await
            .map_err(|e| format!("database: {e}"))?
        {
            Some(h) => h,
            None => {
                let token = secret::new_token("bk_");
                let h = secret::hash(&token);
                db.set_setting(OWNER_HASH, &h)
                    .await
                    .map_err(|e| format!("database: {e}"))?;
                println!("bookable-server: the owner's token, shown once (only its hash is kept): {token}");
                h
            }
        },
    };
    let listener = TcpListener::bind(settings.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", settings.listen))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    let public_url = settings
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{local}"));
    let app = Arc::new(App::new(db, &settings, public_url.clone(), owner_hash));
    if settings.demo {
        if app
            .db
            .is_empty()
            .await
            .map_err(|e| format!("database: {e}"))?
        {
            demo::fill(&app, now_ms()).await?;
        }
        println!("bookable demo: {public_url}/");
        println!("bookable-server: booking pages at {public_url}/p/single and {public_url}/p/team; the owner API at {public_url}/api/admin/; the team's app at {public_url}/admin/");
    }
    println!(
        "bookable-server: listening on {public_url}/ ({} database)",
        app.db.kind.as_str()
    );
    tracing::info!(address = %local, database = app.db.kind.as_str(), "listening");

    let worker = crate::outbox::spawn(
        app.clone(),
        settings.later.retry,
        settings.later.allow_private,
    );
    let refresher = crate::remote::spawn(
        app.clone(),
        settings.later.calendar_refresh,
        settings.later.allow_private,
    );
    let router = tower::Layer::layer(&http::cors(), http::router(app.clone(), &settings));
    let result = accept(listener, router, &settings).await;
    worker.abort();
    refresher.abort();
    app.db.close().await;
    result
}

async fn accept(listener: TcpListener, router: Service, settings: &Settings) -> Result<(), String> {
    let permits = Arc::new(Semaphore::new(settings.max_connections));
    let graceful = GracefulShutdown::new();
    // HTTP/1.1 (a proxy in front speaks HTTP/2 to browsers): a client that does not send a
    // request's headers within the timeout — also an idle keep-alive client — is closed.
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(settings.client_timeout)
        .keep_alive(true);
    let shutdown = shutdown_signal();
    tokio::pin!(shutdown);
    loop {
        // A connection past the cap waits in the kernel's backlog until one closes.
        let permit = tokio::select! {
            p = permits.clone().acquire_owned() => p.map_err(|e| e.to_string())?,
            _ = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
            req.extensions_mut().insert(ConnectInfo::<SocketAddr>(peer));
            router.clone().oneshot(req)
        });
        let conn = graceful.watch(builder.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            let _ = conn.await;
            drop(permit);
        });
    }
    println!("bookable-server: stopping; finishing the requests in flight");
    tokio::select! {
        _ = graceful.shutdown() => {}
        _ = tokio::time::sleep(Duration::from_secs(30)) => {
            tracing::warn!("requests still running after 30 s; stopping anyway");
        }
    }
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
}
