//! The case database on a PostgreSQL server: the same tables as the SQLite file
//! ([`schema`]), and the access control the server itself enforces for every role that
//! connects, whatever client it uses ([`access`]).
//!
//! Each person connects as their own LOGIN role, and the reviewer a write is recorded for is
//! that role (`session_user`). The role that owns the tables (it ran the migration) is trusted
//! with everything the store's owner does (import, copying a database, erasing); every other
//! role may write only what a reviewer or a lead may write through casebench.

pub mod access;
pub mod connection;
pub(crate) mod reconnect;
pub mod schema;
mod tls;
