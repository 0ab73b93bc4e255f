//! The foundation's speed targets on the full 105,116-case sample: generate, import, load,
//! count, one durable change, export. Prints a Markdown table for GUIDE.md's performance table.

mod support;

use casebench::domain::{Change, Counts, Filter};
use casebench::io::sample::{self, SampleConfig};
use casebench::io::{export, import, Format};
use casebench::store::{AuditAction, ChangeRequest, CreateOptions, OnExisting, Role, Store};
use support::{bare_read, header, measure, row, Selection};

fn options(action: &str) -> CreateOptions<'_> {
    CreateOptions {
        reviewer: "bench",
        action,
        batch: "bench",
        on_existing: OnExisting::Fail,
        replace: false,
    }
}

fn main() {
    if Selection::from_args().is_none() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let config = SampleConfig::default();
    header();

    let f = measure(5, true, || (), |()| sample::generate(config));
    row("generate 105,116 cases (in memory)", "", &f);

    let cases = sample::generate(config);
    let mut n = 0;
    let f = measure(
        3,
        false,
        || {
            n += 1;
            Store::open(&dir.path().join(format!("gen{n}.db"))).expect("open")
        },
        |mut store| {
            let cases = sample::generate(config);
            store
                .create_cases(&cases, options("sample"), &mut |_| {})
                .expect("insert")
        },
    );
    row("`sample`: generate + store 105,116 cases", "< 3 s", &f);

    let mut jsonl = Vec::new();
    export::write_jsonl(&mut jsonl, &cases, &mut |_| {}).expect("export");
    let f = measure(
        3,
        false,
        || {
            n += 1;
            Store::open(&dir.path().join(format!("imp{n}.db"))).expect("open")
        },
        |mut store| {
            let parsed = import::parse(&jsonl, Format::Jsonl).expect("valid file");
            store
                .create_cases(&parsed.cases, options("import"), &mut |_| {})
                .expect("insert")
        },
    );
    row(
        "`import`: parse + check + store 105,116 from JSONL",
        "< 3 s",
        &f,
    );

    let path = dir.path().join("main.db");
    let mut store = Store::open(&path).expect("open");
    store
        .create_cases(&cases, options("sample"), &mut |_| {})
        .expect("insert");
    // Bulk changes over 100 cases are lead-only.
    store.set_role("bench", Role::Lead, "bench").expect("lead");

    let f = measure(10, true, || (), |()| store.load_all().expect("load"));
    row("load all 105,116 cases into memory", "< 300 ms", &f);

    let f = bare_read(&path, 10);
    row("(reference) bare rusqlite read of the same rows", "", &f);

    let loaded = store.load_all().expect("load");
    let f = measure(50, true, || (), |()| Counts::of(&loaded));
    row("counts over all loaded cases", "< 5 ms", &f);

    let filter = Filter::parse("scope=kakao kind=free_monetary amount_krw>300000").expect("filter");
    let f = measure(
        50,
        true,
        || (),
        |()| loaded.iter().filter(|c| filter.matches(c)).count(),
    );
    row("filter over all loaded cases (3 clauses)", "", &f);

    let mut counts = Counts::of(&loaded);
    let ids: Vec<&str> = loaded.iter().map(|c| c.id.as_str()).step_by(97).collect();
    let mut i = 0;
    let f = measure(
        500,
        true,
        || {
            i += 1;
            (ids[i % ids.len()], i as i64)
        },
        |(id, won)| {
            // A new amount every time, so that every iteration really writes.
            let amount = Change::Amount(Some(won * 1000));
            let applied = store
                .apply_change(&ChangeRequest {
                    case_id: id,
                    expected_version: None,
                    reviewer: "bench",
                    action: AuditAction::Label,
                    batch: None,
                    changes: &[amount],
                })
                .expect("change");
            assert!(applied.changed());
            counts.add(&applied.case);
        },
    );
    row(
        "one durable change (change function, fsync)",
        "< 2 ms median",
        &f,
    );

    // A bulk change of 10,000 cases: the preview over them, then one transaction.
    let ten_thousand: Vec<&casebench::domain::Case> = loaded.iter().take(10_000).collect();
    let mut round = 0;
    let f = measure(
        3,
        false,
        || {
            round += 1;
            round
        },
        |round| {
            let note = Change::Note(Some(format!("bulk round {round}")));
            let preview = casebench::domain::preview::preview(
                ten_thousand.iter().copied(),
                std::slice::from_ref(&note),
            );
            let items: Vec<casebench::store::BulkItem> = ten_thousand
                .iter()
                .map(|c| casebench::store::BulkItem {
                    case_id: c.id.clone(),
                    expected_version: None,
                    changes: vec![note.clone()],
                })
                .collect();
            let outcome = store
                .apply_bulk(
                    &items,
                    "bench",
                    AuditAction::Bulk,
                    &format!("bench-{round}"),
                )
                .expect("bulk");
            assert_eq!(outcome.applied.len(), preview.changing);
            outcome.applied.len()
        },
    );
    row(
        "bulk change of 10,000 cases: preview + one transaction",
        "< 1 s",
        &f,
    );

    for format in [Format::Jsonl, Format::Csv] {
        let f = measure(
            3,
            true,
            || (),
            |()| {
                let all = store.load_all().expect("load");
                let mut out = Vec::with_capacity(64 << 20);
                match format {
                    Format::Jsonl => export::write_jsonl(&mut out, &all, &mut |_| {}),
                    Format::Csv => export::write_csv(&mut out, &all, &mut |_| {}),
                }
                .expect("export");
                out.len()
            },
        );
        row(
            &format!("`export`: load + write 105,116 as {format:?}"),
            "",
            &f,
        );
    }
}
