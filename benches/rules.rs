//! The rule sets' speed targets on the 105,116-case sample: evaluate every case, diff two
//! rule sets, and the incremental update after one relabel. Prints rows of GUIDE.md's
//! performance table.

mod support;

use casebench::domain::{Dimension, Filter};
use casebench::io::sample::{self, SampleConfig};
use casebench::rules::{diff, evaluate, Compare, RuleSet, Totals, BUILTIN};
use support::{header, measure, row, Selection};

fn builtin(prefix: &str) -> RuleSet {
    let (name, text) = BUILTIN
        .iter()
        .find(|(name, _)| name.starts_with(prefix))
        .expect("shipped rule file");
    RuleSet::parse(text, name).expect("valid rule file").0
}

fn main() {
    if Selection::from_args().is_none() {
        return;
    }
    let cases = sample::generate(SampleConfig::default());
    let draft = builtin("draft");
    let final_set = builtin("final");
    header();

    let f = measure(
        20,
        true,
        || (),
        |()| RuleSet::parse(BUILTIN[1].1, BUILTIN[1].0).expect("valid"),
    );
    row(
        "read + check a rule file (9 rules, never-fires analysis)",
        "",
        &f,
    );

    let f = measure(50, true, || (), |()| evaluate(&final_set, &cases));
    row(
        "evaluate 105,116 cases under the final rule set",
        "< 20 ms",
        &f,
    );

    let f = measure(50, true, || (), |()| evaluate(&draft, &cases));
    row(
        "evaluate 105,116 cases under the draft rule set",
        "< 20 ms",
        &f,
    );

    let f = measure(
        30,
        true,
        || (),
        |()| {
            let da = evaluate(&draft, &cases);
            let db = evaluate(&final_set, &cases);
            diff(&draft, &da, &final_set, &db, |_| true)
        },
    );
    row("diff draft → final: both evaluations + diff", "< 50 ms", &f);

    let da = evaluate(&draft, &cases);
    let db = evaluate(&final_set, &cases);
    let f = measure(
        50,
        true,
        || (),
        |()| diff(&draft, &da, &final_set, &db, |_| true),
    );
    row(
        "diff draft → final: the diff alone (decisions kept)",
        "",
        &f,
    );

    let filter = Filter::parse("reporter=small_business changed=yes").expect("filter");
    let compare = Compare::new(&draft, &final_set);
    let f = measure(
        30,
        true,
        || (),
        |()| {
            let selected: Vec<bool> = cases
                .iter()
                .zip(da.iter().zip(&db))
                .map(|(c, (&x, &y))| {
                    filter.matches_with(c, &draft.derived(x, Some(compare.changed(x, y))))
                })
                .collect();
            diff(&draft, &da, &final_set, &db, |i| selected[i])
        },
    );
    row("diff with --where on derived fields (2 clauses)", "", &f);

    let f = measure(
        50,
        true,
        || (),
        |()| Totals::of(&final_set, db.iter().copied()),
    );
    row("totals per outcome over all decisions", "", &f);

    // One relabel: apply it in memory, decide the case again under both sets, move its
    // decisions in the totals, and tell whether it now differs. Cases cycle so that every
    // relabel is real work; each run times 1,000 relabels, reported per relabel (one is too
    // quick for the clock).
    let mut decisions_a = da.clone();
    let mut decisions_b = db.clone();
    let mut totals_a = Totals::of(&draft, decisions_a.iter().copied());
    let mut totals_b = Totals::of(&final_set, decisions_b.iter().copied());
    let mut relabelled = cases.clone();
    let n = relabelled.len();
    let mut i = 0;
    const BATCH: u32 = 1000;
    let f = measure(
        200,
        true,
        || (),
        |()| {
            let mut changed = 0;
            for _ in 0..BATCH {
                i = (i + 7919) % n;
                let case = &mut relabelled[i];
                let kind = case.label(Dimension::Kind).map_or(1, |k| (k + 1) % 6);
                case.set_label(Dimension::Kind, Some(kind));
                let (new_a, new_b) = (draft.decide(case), final_set.decide(case));
                totals_a.remove(decisions_a[i]);
                totals_a.add(new_a);
                totals_b.remove(decisions_b[i]);
                totals_b.add(new_b);
                decisions_a[i] = new_a;
                decisions_b[i] = new_b;
                changed += usize::from(compare.changed(new_a, new_b));
            }
            changed
        },
    );
    let per = |d: std::time::Duration| format!("{} ns", (d / BATCH).as_nanos());
    println!(
        "| re-evaluate after one relabel: decide under 2 sets + totals + compare | < 1 ms | {} | {} | {} | {} |",
        per(f.median),
        per(f.p99),
        per(f.best),
        f.runs * BATCH as usize
    );
    assert_eq!(
        totals_b,
        Totals::of(&final_set, evaluate(&final_set, &relabelled))
    );
}
