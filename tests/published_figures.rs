//! First use without --db: the default database is created with the sample data, and its
//! counts are the published figures.

mod common;

use common::{bare_cmd, run};

#[test]
fn the_default_database_holds_the_published_figures() {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = bare_cmd(home.path());
    cmd.env("USER", "reviewer1");
    let first = run(cmd);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let db = home.path().join("data/casebench/casebench.db");
    assert_eq!(
        first.stderr,
        format!(
            "casebench: not a terminal, so printing the stats (the workbench needs one)\n\
             casebench: created {} with 105,116 sample cases (use --db PATH for another database)\n",
            db.display()
        )
    );
    assert!(
        first.stdout.starts_with("105,116 cases\n"),
        "{}",
        first.stdout
    );

    let stats = |filter: &str| -> serde_json::Value {
        let mut cmd = bare_cmd(home.path());
        cmd.args(["stats", "--json", "--where", filter]);
        serde_json::from_str(&run(cmd).ok()).unwrap()
    };
    let all = stats("");
    assert_eq!(all["total"], 105_116);
    assert_eq!(all["by"]["scope"]["kakao"], 87_198);
    assert_eq!(all["by"]["scope"]["affiliate"], 105_116 - 87_198);

    let kakao = stats("scope=kakao");
    let kind = &kakao["by"]["kind"];
    assert_eq!(kind["paid"], 14_918);
    assert_eq!(kind["free_monetary"], 13_198);
    let non_monetary: u64 = ["inquiry", "opinion", "protest", "encouragement"]
        .iter()
        .map(|k| kind[k].as_u64().unwrap())
        .sum();
    assert_eq!(non_monetary, 59_082);
    let reporter = &kakao["by"]["reporter"];
    let share = |code: &str| {
        let n = reporter[code].as_f64().unwrap();
        (n * 1000.0 / 87_198.0).round() / 10.0
    };
    assert_eq!(
        (
            share("individual"),
            share("small_business"),
            share("enterprise")
        ),
        (89.6, 10.2, 0.2)
    );
    assert_eq!(all["by"]["status"]["new"], 105_116);

    // A second start finds the database and does not create it again.
    let second = run(bare_cmd(home.path()));
    assert_eq!(
        second.stderr,
        "casebench: not a terminal, so printing the stats (the workbench needs one)\n"
    );
    assert!(second.stdout.starts_with("105,116 cases\n"));
}
