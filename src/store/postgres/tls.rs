//! TLS for PostgreSQL connections, as the URL's `sslmode` says: `disable` connects in the
//! clear; `prefer` (the default, as in libpq) tries TLS and falls back; `require` insists on
//! it. Like libpq's `require`, the server's certificate encrypts the connection without being
//! checked against a certificate authority. TLS comes from the system's library (OpenSSL on
//! Linux) through `postgres-native-tls`.

use postgres::config::SslMode;
use postgres::{Client, Config, NoTls};
use postgres_native_tls::MakeTlsConnector;

/// Connects with the TLS `config` asks for.
pub fn connect(config: &Config) -> Result<Client, postgres::Error> {
    if config.get_ssl_mode() == SslMode::Disable {
        return config.connect(NoTls);
    }
    match connector() {
        Some(tls) => config.connect(tls),
        // Without a TLS library `prefer` falls back to the clear, and `require` says why it
        // cannot connect.
        None => config.connect(NoTls),
    }
}

fn connector() -> Option<MakeTlsConnector> {
    native_tls::TlsConnector::builder()
        .danger_accept_invalid_certs(true)
        .danger_accept_invalid_hostnames(true)
        .build()
        .ok()
        .map(MakeTlsConnector::new)
}
