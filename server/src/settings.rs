//! Settings (SPEC §12's table): each from a command-line option or an environment variable,
//! checked before anything starts. A bad one is an error that names it (exit code 2).

use std::{fmt, net::SocketAddr, path::PathBuf, time::Duration};

use clap::Parser;

#[derive(Parser, Debug)]
#[command(
    name = "bookable-server",
    version,
    about = "bookable's booking service: booking pages, bookings and inbox availability (SPEC §12)",
    after_help = "Environment: BOOKABLE_ADMIN_TOKEN (the owner's token; generated and printed once when unset), \
BOOKABLE_LOG (log filter, default info). Every option reads the variable named in its help."
)]
struct Args {
    /// Where to answer HTTP, HOST:PORT (port 0: any free port).
    #[arg(long, env = "BOOKABLE_LISTEN", default_value = "127.0.0.1:8080")]
    listen: String,
    /// `sqlite:PATH` (created when missing) or `postgres://USER:PASSWORD@HOST:PORT/DB`.
    #[arg(
        long,
        env = "BOOKABLE_DATABASE_URL",
        default_value = "sqlite:bookable.sqlite3"
    )]
    database: String,
    /// Fill an empty database with the sample team and its pages.
    #[arg(long)]
    demo: bool,
    /// The base of links in answers, mail and feeds (default: http:// + the listen address).
    #[arg(long, env = "BOOKABLE_PUBLIC_URL")]
    public_url: Option<String>,
    /// smtp://[USER:PASSWORD@]HOST:PORT; without it no mail is sent.
    #[arg(long, env = "BOOKABLE_SMTP_URL", hide_env_values = true)]
    smtp_url: Option<String>,
    /// The From address of mail.
    #[arg(long, env = "BOOKABLE_MAIL_FROM")]
    mail_from: Option<String>,
    /// How old a fetched calendar may be, in seconds.
    #[arg(long, env = "BOOKABLE_CALENDAR_REFRESH_SECONDS", default_value_t = 300)]
    calendar_refresh_seconds: u64,
    /// The first retry delay of deliveries, in seconds (doubling).
    #[arg(long, env = "BOOKABLE_RETRY_SECONDS", default_value_t = 10)]
    retry_seconds: u64,
    /// Let fetched calendars, CalDAV writes and webhooks reach loopback, private and other
    /// non-public addresses (a calendar server on the same machine or network).
    #[arg(
        long,
        env = "BOOKABLE_ALLOW_PRIVATE_ADDRESSES",
        default_value_t = false,
        action = clap::ArgAction::Set
    )]
    allow_private_addresses: bool,
    /// Bookings one client address may create per minute (0: no limit).
    #[arg(long, env = "BOOKABLE_BOOKINGS_PER_MINUTE", default_value_t = 10)]
    bookings_per_minute: u32,
    /// Open connections at most; more wait to be accepted.
    #[arg(long, env = "BOOKABLE_MAX_CONNECTIONS", default_value_t = 1024)]
    max_connections: usize,
    /// Seconds a client may take to send a request's headers, or its body, or to stay idle.
    #[arg(long, env = "BOOKABLE_CLIENT_TIMEOUT_SECONDS", default_value_t = 15)]
    client_timeout_seconds: u64,
    /// The folder of the pages and elements (default: the repository's `www/`).
    #[arg(long, env = "BOOKABLE_WWW_DIR")]
    www_dir: Option<PathBuf>,
    /// The folder of the built package (default: the repository's `pkg/`).
    #[arg(long, env = "BOOKABLE_PKG_DIR")]
    pkg_dir: Option<PathBuf>,
    /// More static folders, `/PREFIX=DIR` (repeatable; the variable takes a comma-separated list),
    /// served like `www/`: a site's own pages beside the booking pages.
    #[arg(long = "mount", env = "BOOKABLE_MOUNTS", value_delimiter = ',')]
    mounts: Vec<String>,
}

#[derive(Debug)]
pub enum SettingsError {
    Clap(clap::Error),
    Bad {
        setting: &'static str,
        message: String,
    },
}

impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SettingsError::Clap(e) => write!(f, "{e}"),
            SettingsError::Bad { setting, message } => {
                write!(f, "bad setting {setting}: {message}")
            }
        }
    }
}

#[derive(Clone, Debug)]
pub enum DatabaseUrl {
    Sqlite { path: PathBuf, url: String },
    Postgres { url: String },
}

#[derive(Clone, Debug)]
pub struct Settings {
    pub listen: SocketAddr,
    pub database: DatabaseUrl,
    pub demo: bool,
    pub public_url: Option<String>,
    pub admin_token: Option<String>,
    pub bookings_per_minute: u32,
    pub max_connections: usize,
    pub client_timeout: Duration,
    pub www_dir: PathBuf,
    pub pkg_dir: PathBuf,
    pub mounts: Vec<(String, PathBuf)>,
    pub later: Later,
}

/// The settings of what leaves the server (mail, calendars, webhooks), checked at start with the
/// others: a bad value is refused then, not when the first booking needs it.
#[derive(Clone, Debug)]
pub struct Later {
    pub smtp_url: Option<String>,
    pub mail_from: Option<String>,
    pub calendar_refresh: Duration,
    pub retry: Duration,
    pub allow_private: bool,
}

fn bad(setting: &'static str, message: impl Into<String>) -> SettingsError {
    SettingsError::Bad {
        setting,
        message: message.into(),
    }
}

impl Settings {
    pub fn from_args_and_env() -> Result<Settings, SettingsError> {
        let args = Args::try_parse().map_err(SettingsError::Clap)?;
        let listen: SocketAddr = args.listen.parse().map_err(|_| {
            bad(
                "--listen (BOOKABLE_LISTEN)",
                format!("{:?} is not HOST:PORT, e.g. 127.0.0.1:8080", args.listen),
            )
        })?;
        let database = parse_database(&args.database)?;
        if let Some(url) = &args.public_url {
            if !(url.starts_with("http://") || url.starts_with("https://")) || url.len() > 2000 {
                return Err(bad(
                    "BOOKABLE_PUBLIC_URL",
                    format!("{url:?} is not an http:// or https:// URL"),
                ));
            }
        }
        if let Some(url) = &args.smtp_url {
            if !(url.starts_with("smtp://") || url.starts_with("smtps://")) {
                return Err(bad(
                    "BOOKABLE_SMTP_URL",
                    "expected smtp://[USER:PASSWORD@]HOST:PORT",
                ));
            }
        }
        if let Some(url) = &args.smtp_url {
            // the transport is made again at start; here only to refuse a bad URL or From
            crate::mail::Outgoing::new(url, args.mail_from.as_deref())
                .map_err(|m| bad("mail", m))?;
        }
        if args.calendar_refresh_seconds == 0 {
            return Err(bad(
                "BOOKABLE_CALENDAR_REFRESH_SECONDS",
                "must be at least 1",
            ));
        }
        if args.retry_seconds == 0 {
            return Err(bad("BOOKABLE_RETRY_SECONDS", "must be at least 1"));
        }
        if args.max_connections == 0 {
            return Err(bad("BOOKABLE_MAX_CONNECTIONS", "must be at least 1"));
        }
        if args.client_timeout_seconds == 0 {
            return Err(bad("BOOKABLE_CLIENT_TIMEOUT_SECONDS", "must be at least 1"));
        }
        let admin_token = match std::env::var("BOOKABLE_ADMIN_TOKEN") {
            Ok(t) if t.is_empty() => None,
            Ok(t) if t.len() < 16 => {
                return Err(bad(
                    "BOOKABLE_ADMIN_TOKEN",
                    "use at least 16 characters (better: 32 random bytes)",
                ))
            }
            Ok(t) => Some(t),
            Err(_) => None,
        };
        let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
        let www_dir = args.www_dir.unwrap_or_else(|| repo.join("www"));
        let pkg_dir = args.pkg_dir.unwrap_or_else(|| {
            let web = repo.join("pkg").join("web");
            if web.is_dir() {
                web
            } else {
                repo.join("pkg")
            }
        });
        let mut mounts = Vec::new();
        for m in &args.mounts {
            let Some((prefix, dir)) = m.split_once('=') else {
                return Err(bad(
                    "--mount (BOOKABLE_MOUNTS)",
                    format!("{m:?} is not /PREFIX=DIR"),
                ));
            };
            let ok = prefix.len() > 1
                && prefix.starts_with('/')
                && !prefix.ends_with('/')
                && !["/api", "/p", "/pkg", "/feeds", "/demo", "/healthz"].contains(&prefix);
            if !ok {
                return Err(bad(
                    "--mount (BOOKABLE_MOUNTS)",
                    format!("{prefix:?}: a prefix like /site, not one of the server's own"),
                ));
            }
            if !PathBuf::from(dir).is_dir() {
                return Err(bad(
                    "--mount (BOOKABLE_MOUNTS)",
                    format!("{dir:?} is not a folder"),
                ));
            }
            mounts.push((prefix.to_string(), PathBuf::from(dir)));
        }
        Ok(Settings {
            listen,
            mounts,
            database,
            demo: args.demo,
            public_url: args.public_url.map(|u| u.trim_end_matches('/').to_string()),
            admin_token,
            bookings_per_minute: args.bookings_per_minute,
            max_connections: args.max_connections,
            client_timeout: Duration::from_secs(args.client_timeout_seconds),
            www_dir,
            pkg_dir,
            later: Later {
                smtp_url: args.smtp_url,
                mail_from: args.mail_from,
                calendar_refresh: Duration::from_secs(args.calendar_refresh_seconds),
                retry: Duration::from_secs(args.retry_seconds),
                allow_private: args.allow_private_addresses,
            },
        })
    }
}

fn parse_database(url: &str) -> Result<DatabaseUrl, SettingsError> {
    const SETTING: &str = "--database (BOOKABLE_DATABASE_URL)";
    if let Some(rest) = url.strip_prefix("sqlite:") {
        let path = rest.strip_prefix("//").unwrap_or(rest);
        let path = path.split('?').next().unwrap_or_default();
        if path.is_empty() || path == ":memory:" {
            return Err(bad(
                SETTING,
                "sqlite: needs a file path, e.g. sqlite:bookable.sqlite3",
            ));
        }
        let path = PathBuf::from(path);
        return Ok(DatabaseUrl::Sqlite {
            url: format!("sqlite://{}?mode=rwc", path.display()),
            path,
        });
    }
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Ok(DatabaseUrl::Postgres {
            url: url.to_string(),
        });
    }
    let shown: String = url
        .split('@')
        .next_back()
        .unwrap_or_default()
        .chars()
        .take(60)
        .collect();
    Err(bad(
        SETTING,
        format!("expected sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DB, not {shown:?}"),
    ))
}
