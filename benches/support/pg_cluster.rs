//! The throwaway PostgreSQL cluster of the benchmarks that compare the two databases: the
//! tests' harness (`tests/common/pg.rs`, which each of those benches includes as `pg`) started
//! durable, so that a commit there is as durable as SQLite's `synchronous=FULL`. Not a module of
//! `support` (the other benches have no `pg`): `#[path = "support/pg_cluster.rs"] mod pg_cluster;`.

use crate::pg;

/// The cluster, or `None` after saying loudly that the PostgreSQL figures are skipped.
pub fn cluster() -> Option<&'static pg::Cluster> {
    if pg::find_bin_dir().is_none() {
        let line = format!(
            "SKIPPED: {}: every PostgreSQL figure below is missing",
            pg::NOT_FOUND
        );
        eprintln!("{line}");
        println!("**{line}**\n");
        return None;
    }
    pg::cluster_with_or_skip(pg::Durability::Durable)
}
