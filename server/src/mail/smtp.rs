//! The SMTP transport (lettre over tokio and rustls): `smtp://` with STARTTLS whenever the
//! server offers it, `smtps://` with TLS from the first byte; credentials from the URL.

use std::time::Duration;

use lettre::{
    message::Mailbox,
    transport::smtp::{
        authentication::Credentials,
        client::{Tls, TlsParameters},
    },
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};
use percent_encoding::percent_decode_str;

/// How long one message may take to be handed over (connect, TLS, the SMTP dialogue).
const TIMEOUT: Duration = Duration::from_secs(10);

pub struct Outgoing {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    pub from: Mailbox,
}

impl Outgoing {
    /// Reads `smtp://[USER:PASSWORD@]HOST:PORT` (or `smtps://`) and the From address; the error
    /// names what is wrong without repeating a password.
    pub fn new(url: &str, from: Option<&str>) -> Result<Outgoing, String> {
        let parsed = reqwest::Url::parse(url).map_err(|_| {
            "BOOKABLE_SMTP_URL: expected smtp://[USER:PASSWORD@]HOST:PORT".to_string()
        })?;
        let host = parsed
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or("BOOKABLE_SMTP_URL: no host")?
            .trim_matches(['[', ']'])
            .to_string();
        let tls = TlsParameters::new(host.clone())
            .map_err(|e| format!("BOOKABLE_SMTP_URL: TLS for {host}: {e}"))?;
        let (tls, default_port) = match parsed.scheme() {
            "smtp" => (Tls::Opportunistic(tls), 25),
            "smtps" => (Tls::Wrapper(tls), 465),
            _ => return Err("BOOKABLE_SMTP_URL: expected smtp:// or smtps://".into()),
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&host)
            .port(parsed.port().unwrap_or(default_port))
            .tls(tls)
            .timeout(Some(TIMEOUT));
        if !parsed.username().is_empty() {
            let decode = |s: &str| percent_decode_str(s).decode_utf8_lossy().into_owned();
            builder = builder.credentials(Credentials::new(
                decode(parsed.username()),
                decode(parsed.password().unwrap_or_default()),
            ));
        }
        let from = from
            .ok_or("BOOKABLE_MAIL_FROM: needed with BOOKABLE_SMTP_URL (e.g. Bookings <bookings@example.com>)")?
            .parse::<Mailbox>()
            .map_err(|e| format!("BOOKABLE_MAIL_FROM: not an address: {e}"))?;
        Ok(Outgoing {
            transport: builder.build(),
            from,
        })
    }

    /// Hands `message` to the SMTP server; the error says why not.
    pub async fn send(&self, message: Message) -> Result<(), String> {
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}
