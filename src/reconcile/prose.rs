//! Rules over the prose (情况说明): stated figures against the tables, stated
//! shares, growth and completion rates recomputed from the amounts they name.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::{column_name, label, show, Out};
use crate::model::{
    Amount, CellRef, Claim, ClassifiedTable, Direction, Document, Relation, Severity, SummaryTable,
};

/// The words the prose rules read a clause by.
fn words() -> &'static crate::grammar::ProseWords {
    &crate::grammar::grammar().narrative.words
}

/// Runs the prose rules.
pub(crate) fn check(doc: &Document, out: &mut Out) {
    claims_vs_tables(doc, out);
    rates(doc, out);
    directions(doc, out);
}

/// The direction from `from` to `to`: level within `tol`.
fn direction_of(from: Decimal, to: Decimal, tol: Decimal) -> Direction {
    if (to - from).abs() <= tol {
        Direction::Flat
    } else if to > from {
        Direction::Increase
    } else {
        Direction::Decrease
    }
}

/// A statement whose direction contradicts its figures (`narrative.direction`),
/// at the places of the clauses involved.
fn contradiction<const N: usize>(
    out: &mut Out,
    msg: String,
    expected: Option<Decimal>,
    actual: Option<Decimal>,
    places: [Option<crate::model::Location>; N],
) {
    out.push(
        "narrative.direction",
        Severity::Error,
        &["narrative"],
        msg,
        expected,
        actual,
    );
    out.at(places);
}

/// A direction for messages.
fn said_direction(d: Direction) -> &'static str {
    match d {
        Direction::Increase => label("up"),
        Direction::Decrease => label("down"),
        Direction::Flat => label("level"),
    }
}

/// Statements whose direction contradicts their figures: a change and its
/// rate stated in opposite directions; "决算数大于/小于/等于预算数" against the
/// budget and outturn stated before it; a change against last year's figure
/// stated in the prose.
fn directions(doc: &Document, out: &mut Out) {
    let claims = &doc.narrative.claims;
    // a change and its rate, one after the other
    for pair in claims.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if a.section != b.section
            || a.relation != Some(Relation::Change)
            || b.relation != Some(Relation::Growth)
            || a.value.is_zero()
            || b.value.is_zero()
        {
            continue;
        }
        if let (Some(x), Some(y)) = (a.direction, b.direction) {
            if x != y && x != Direction::Flat && y != Direction::Flat {
                let msg = format!(
                    "{} and {}: the change and its rate go opposite ways",
                    said(a),
                    b.text
                );
                contradiction(out, msg, None, None, [a.location, b.location]);
            }
        }
    }
    // a comparison with the budget in words, against the figures before it
    for cmp in doc
        .narrative
        .comparisons
        .iter()
        .filter(|c| c.against_budget)
    {
        let before: Vec<&Claim> = preceding(claims, cmp.after_claims, &cmp.section)
            .take(6)
            .collect();
        let Some(bi) = before
            .iter()
            .position(|c| c.relation == Some(Relation::Budget) && c.kind == "amount")
        else {
            continue;
        };
        let budget = before[bi];
        // the outturn: the plain amount nearest the budget figure, after it first
        let outturn = before[..bi]
            .iter()
            .rev()
            .chain(before[bi + 1..].iter().take(1))
            .find(|c| c.kind == "amount" && c.relation.is_none() && c.unit == budget.unit);
        let Some(outturn) = outturn else { continue };
        // "基本持平" (roughly level) states no exact relation
        if cmp.direction == Direction::Flat && cmp.text.contains(words().roughly.as_str()) {
            continue;
        }
        // figures of the comparison's sentence or the one before it
        let near = |c: &Claim| c.sentence + 1 >= cmp.sentence && c.sentence <= cmp.sentence;
        if !near(budget) || !near(outturn) {
            continue;
        }
        let tol = Decimal::new(1, budget.value.scale().min(outturn.value.scale()).max(2));
        let is = direction_of(budget.value, outturn.value, Decimal::ZERO);
        // level in words: equal within the last digit's rounding
        let agrees = is == cmp.direction
            || (cmp.direction == Direction::Flat && (outturn.value - budget.value).abs() <= tol);
        if !agrees {
            let msg = format!(
                "{}: “{}”, but the outturn {} against the budget {} is {}",
                cmp.section,
                cmp.text,
                show(Some(outturn.value)),
                show(Some(budget.value)),
                said_direction(is)
            );
            contradiction(
                out,
                msg,
                Some(budget.value),
                Some(outturn.value),
                [cmp.location, outturn.location, budget.location],
            );
        }
    }
    // a change against last year's figure stated in the prose
    for (i, c) in claims.iter().enumerate() {
        if c.relation != Some(Relation::Change) || c.direction.is_none() {
            continue;
        }
        let earlier: Vec<&Claim> = preceding(claims, i, &c.section).take(3).collect();
        let Some(pi) = earlier
            .iter()
            .position(|p| p.relation == Some(Relation::Previous) && p.unit == c.unit)
        else {
            continue;
        };
        let previous = earlier[pi];
        let Some(current) = earlier
            .iter()
            .find(|p| p.relation.is_none() && p.kind == "amount" && p.unit == c.unit)
        else {
            continue;
        };
        // the three figures of one sentence
        if previous.sentence != c.sentence || current.sentence != c.sentence {
            continue;
        }
        let tol = Decimal::new(2, c.value.scale().max(2));
        let is = direction_of(previous.value, current.value, tol);
        let change = (current.value - previous.value).abs();
        if (is != c.direction.unwrap_or(Direction::Flat) && !c.value.is_zero())
            || (change - c.value).abs() > tol
        {
            let msg = format!(
                "{}: this year {}, last year {}: a change of {} ({}), the prose says {}",
                said(c),
                show(Some(current.value)),
                show(Some(previous.value)),
                show(Some(change)),
                said_direction(is),
                show(Some(c.value))
            );
            contradiction(
                out,
                msg,
                Some(change),
                Some(c.value),
                [c.location, current.location, previous.location],
            );
        }
    }
}

/// What a claim's `refers_to` finds.
enum Cell {
    /// The table is not in the report.
    NoTable,
    /// The table has no such row or column.
    NoRow,
    /// The cell: its value, the table's unit, and how to name it.
    Value(Amount, Option<String>, String),
}

/// A short name of a table for messages.
fn tname(meta: &crate::model::TableMeta) -> String {
    meta.label.clone().unwrap_or_else(|| meta.title.clone())
}

/// The cell a claim names.
fn lookup(doc: &Document, r: &CellRef) -> Cell {
    let t = &doc.tables;
    let row = r.row.as_deref();
    let col = r.column.as_deref();
    let classified = |table: Option<&ClassifiedTable>| -> Cell {
        let Some(table) = table else {
            return Cell::NoTable;
        };
        let Some(col) = col else { return Cell::NoRow };
        // a column the table does not print is no figure of it
        if !table.columns.iter().any(|c| c == col) {
            return Cell::NoRow;
        }
        match table.rows.iter().find(|x| x.code.as_deref() == row) {
            Some(x) => Cell::Value(
                x.values.get(col).copied().flatten(),
                table.meta.unit.clone(),
                format!(
                    "{} {} [{}]",
                    tname(&table.meta),
                    row.map(|c| format!("{c} {}", x.name))
                        .unwrap_or_else(|| label("total").into()),
                    column_name(col)
                ),
            ),
            // an empty table (本表无数据) has no 合计 row: its figures are blank
            None if table.meta.empty || (row.is_none() && table.rows.is_empty()) => Cell::Value(
                None,
                table.meta.unit.clone(),
                format!("{} (no data)", tname(&table.meta)),
            ),
            None => Cell::NoRow,
        }
    };
    let summary = |table: Option<&SummaryTable>| -> Cell {
        let Some(table) = table else {
            return Cell::NoTable;
        };
        let Some(row) = row else { return Cell::NoRow };
        let (sides, key): (Vec<&Vec<crate::model::SummaryLine>>, &str) = match row.split_once('.') {
            Some(("income", k)) => (vec![&table.income], k),
            Some(("expenditure", k)) => (vec![&table.expenditure], k),
            _ => (vec![&table.income, &table.expenditure], row),
        };
        let col = col.unwrap_or("amount");
        for side in sides {
            if let Some(l) = side
                .iter()
                .find(|l| l.key() == Some(key) || l.code() == Some(key))
            {
                return Cell::Value(
                    l.value(col),
                    table.meta.unit.clone(),
                    format!(
                        "{} {} [{}]",
                        tname(&table.meta),
                        l.item.as_deref().unwrap_or(key),
                        column_name(col)
                    ),
                );
            }
        }
        Cell::NoRow
    };
    match r.table.as_str() {
        "income" => classified(t.income()),
        "expenditure" => classified(t.expenditure()),
        "general_budget_expenditure" => classified(t.general_budget_expenditure()),
        "government_fund" => classified(t.government_fund()),
        "state_capital" => classified(t.state_capital()),
        "income_expenditure_summary" => summary(t.income_expenditure_summary()),
        "fiscal_summary" => summary(t.fiscal_summary()),
        "general_budget_basic_expenditure" => {
            let Some(b) = t.general_budget_basic_expenditure() else {
                return Cell::NoTable;
            };
            let unit = b.meta.unit.clone();
            match row {
                // totals the table does not print (one amount column, no
                // 人员经费合计 line) are no figures of it
                Some("personnel_total" | "public_total")
                    if b.personnel_total.is_none() && b.public_total.is_none() =>
                {
                    Cell::NoRow
                }
                Some("personnel_total") => Cell::Value(
                    b.personnel_total,
                    unit,
                    format!("{} {}", tname(&b.meta), label("personnel_total")),
                ),
                Some("public_total") => Cell::Value(
                    b.public_total,
                    unit,
                    format!("{} {}", tname(&b.meta), label("public_total")),
                ),
                Some(code) => match b.items.iter().find(|i| i.code.as_deref() == Some(code)) {
                    Some(i) => Cell::Value(
                        i.amount,
                        unit,
                        format!("{} {code} {}", tname(&b.meta), i.name),
                    ),
                    None => Cell::NoRow,
                },
                None => Cell::NoRow,
            }
        }
        "three_public" => {
            let Some(tp) = t.three_public() else {
                return Cell::NoTable;
            };
            let side = match row {
                Some("budget") => tp.budget.as_ref(),
                Some("actual") => tp.actual.as_ref(),
                _ => return Cell::NoRow,
            };
            let side_name = if row == Some("budget") {
                label("budget_side")
            } else {
                label("actual_side")
            };
            match (side, col) {
                (Some(s), Some(c)) => match s.get(c) {
                    Some(v) => Cell::Value(
                        v,
                        tp.meta.unit.clone(),
                        format!("{} {side_name} [{}]", tname(&tp.meta), column_name(c)),
                    ),
                    None => Cell::NoRow,
                },
                // the table is printed and this side of it is blank
                (None, Some(_)) => Cell::Value(
                    None,
                    tp.meta.unit.clone(),
                    format!("{} (no data)", tname(&tp.meta)),
                ),
                _ => Cell::NoRow,
            }
        }
        "disclosure_stats" => {
            let Some(s) = t.disclosure_stats() else {
                return Cell::NoTable;
            };
            let name = tname(&s.meta);
            match (row, col) {
                (Some("equipment_over_1m"), _) => Cell::Value(
                    s.equipment_over_1m.map(Decimal::from),
                    None,
                    format!("{name} {}", label("equipment_over_1m")),
                ),
                (Some("vehicles"), Some(c)) => match s.vehicles.get(c) {
                    Some(v) => Cell::Value(
                        v.map(Decimal::from),
                        None,
                        format!(
                            "{name} {} [{}]",
                            label("vehicles"),
                            if c == "total" {
                                label("vehicles_total")
                            } else {
                                c
                            }
                        ),
                    ),
                    None => Cell::NoRow,
                },
                (Some("procurement"), Some(c)) => match s.procurement.get(c) {
                    Some(v) => Cell::Value(
                        *v,
                        s.meta.unit.clone(),
                        format!("{name} {} [{}]", label("procurement"), column_name(c)),
                    ),
                    None => Cell::NoRow,
                },
                // the whole 机关运行经费: the parts printed (行政单位 + 参照公务员法管理事业单位)
                (Some("office_operation"), Some("total"))
                    if !s.office_operation.contains_key("total") =>
                {
                    if s.office_operation.is_empty() {
                        return Cell::NoRow;
                    }
                    let parts: Vec<Decimal> =
                        s.office_operation.values().flatten().copied().collect();
                    Cell::Value(
                        (!parts.is_empty()).then(|| parts.iter().copied().sum()),
                        s.meta.unit.clone(),
                        format!("{name} {}", label("office_operation")),
                    )
                }
                (Some("office_operation"), Some(c)) => match s.office_operation.get(c) {
                    Some(v) => Cell::Value(
                        *v,
                        s.meta.unit.clone(),
                        format!("{name} {} [{}]", label("office_operation"), column_name(c)),
                    ),
                    None => Cell::NoRow,
                },
                _ => Cell::NoRow,
            }
        }
        _ => Cell::NoRow,
    }
}

/// Converts a table value into the claim's unit (万元 ↔ 元).
fn to_claim_unit(v: Decimal, table_unit: Option<&str>, claim_unit: &str) -> Decimal {
    match (table_unit, claim_unit) {
        (Some("元"), "万元") => v / Decimal::from(10000),
        (Some("万元"), "元") => v * Decimal::from(10000),
        _ => v,
    }
}

/// Half a unit of a decimal's last printed digit.
fn half(d: Decimal) -> Decimal {
    Decimal::new(5, (d.scale() + 1).min(28))
}

/// How a claim is named in messages.
fn said(c: &Claim) -> String {
    format!("{}: “{}”", c.section, c.text)
}

/// Each claim that names a table figure equals it.
fn claims_vs_tables(doc: &Document, out: &mut Out) {
    // claims whose cell could not be checked, for narrative.repeated
    let mut unchecked: BTreeMap<CellRef, Vec<&Claim>> = BTreeMap::new();
    for c in &doc.narrative.claims {
        let Some(r) = &c.refers_to else { continue };
        match lookup(doc, r) {
            Cell::NoTable => {
                if out.warn_once(
                    "narrative.claim",
                    &r.table,
                    &[&r.table, "narrative"],
                    format!("{} names {}, which the report lacks", said(c), r.table),
                ) {
                    out.at([c.location]);
                }
                unchecked.entry(r.clone()).or_default().push(c);
            }
            Cell::NoRow => {
                let key = format!("{}/{:?}/{:?}", r.table, r.row, r.column);
                if out.warn_once(
                    "narrative.claim",
                    &key,
                    &[&r.table, "narrative"],
                    format!(
                        "{} names {} row {:?} column {:?}, which the table lacks",
                        said(c),
                        r.table,
                        r.row,
                        r.column
                    ),
                ) {
                    out.at([c.location]);
                }
                unchecked.entry(r.clone()).or_default().push(c);
            }
            Cell::Value(v, unit, label) => {
                let mut converted = c.kind == "amount"
                    && matches!(
                        (unit.as_deref(), c.unit.as_str()),
                        (Some("元"), "万元") | (Some("万元"), "元")
                    );
                let mut cell = v.map(|v| {
                    if c.kind == "amount" {
                        to_claim_unit(v, unit.as_deref(), &c.unit)
                    } else {
                        v
                    }
                });
                // a table that prints no unit may be in 元 while the prose speaks 万元
                if let (None, "万元", Some(raw)) = (unit.as_deref(), c.unit.as_str(), v) {
                    let as_wan = raw / Decimal::from(10000);
                    if (c.value - raw).abs() > half(c.value)
                        && (c.value - as_wan).abs() <= half(c.value)
                    {
                        cell = Some(as_wan);
                        converted = true;
                    }
                }
                let x = cell.unwrap_or_default();
                let diff = (c.value - x).abs();
                if diff.is_zero() {
                    continue;
                }
                // the table's own rounding, in the claim's unit (a 万元 cell read in 元 is only good to 50元)
                let table_half = match (v, cell) {
                    (Some(raw), Some(conv)) if !raw.is_zero() => half(raw) * (conv / raw).abs(),
                    (Some(raw), _) => half(raw),
                    _ => Decimal::ZERO,
                };
                // one unit of the coarser printing's last digit (0.01 between
                // 32.16 and 32.15) is 尾差: rounding, never an accusation
                let step = v.map_or(Decimal::ZERO, |raw| {
                    let scale = c.value.scale().min(raw.scale());
                    Decimal::new(1, scale)
                        * if converted {
                            (x / raw).abs()
                        } else {
                            Decimal::ONE
                        }
                });
                let within = (c.value.scale() < x.normalize().scale() && diff <= half(c.value))
                    || (diff <= table_half && half(c.value) < table_half)
                    || (!converted && c.kind == "amount" && diff <= step);
                // a figure converted from 元 to 万元 must be rounded: nothing to say
                if within && converted {
                    continue;
                }
                let sev = if within {
                    Severity::Rounding
                } else {
                    Severity::Error
                };
                let msg = format!(
                    "{} says {}{}, {label} says {}",
                    said(c),
                    show(Some(c.value)),
                    c.unit,
                    show(cell)
                );
                let from = out.findings.len();
                out.push(
                    "narrative.claim",
                    sev,
                    &[&r.table, "narrative"],
                    msg,
                    Some(x),
                    Some(c.value),
                );
                out.at([c.location]);
                if cell.is_none() {
                    out.blank_in(&r.table, from);
                }
            }
        }
    }
    // two clauses naming one figure disagree: an accusation only when they
    // name it in the same words (a count held and a count to be bought are
    // both "设备…台" but not the same figure)
    let wording = |c: &Claim| -> String {
        c.text
            .chars()
            .filter(|ch| !ch.is_ascii_digit() && *ch != '.')
            .collect()
    };
    for (r, cs) in unchecked {
        for (k, c) in cs.iter().enumerate().skip(1) {
            let same_words = cs[..k]
                .iter()
                .find(|p| wording(p) == wording(c) && p.value != c.value);
            let first = same_words.copied().unwrap_or(cs[0]);
            if c.value != first.value {
                let tail = (c.value - first.value).abs()
                    <= Decimal::new(1, c.value.scale().min(first.value.scale()));
                let sev = if same_words.is_some() && tail && c.kind == "amount" {
                    Severity::Rounding
                } else if same_words.is_some() {
                    Severity::Error
                } else {
                    Severity::Warning
                };
                let msg = format!(
                    "{} says {}{}, but {} says {}{}",
                    said(c),
                    show(Some(c.value)),
                    c.unit,
                    said(first),
                    show(Some(first.value)),
                    first.unit
                );
                out.push(
                    "narrative.repeated",
                    sev,
                    &["narrative", &r.table],
                    msg,
                    Some(first.value),
                    Some(c.value),
                );
                out.at([c.location, first.location]);
            }
        }
    }
}

/// A clause stating a change of amount (增加 / 减少 …).
fn is_change(c: &Claim) -> bool {
    c.relation == Some(Relation::Change)
}

/// A plain amount (not a change, not a reason clause).
fn is_plain(c: &Claim) -> bool {
    c.kind == "amount"
        && !is_change(c)
        && !c.text.contains(words().reason.as_str())
        && c.value > Decimal::ZERO
}

/// The tolerance of a recomputed percent `a / b × 100` against a printed
/// percent: half a unit of its last digit plus the rounding of the inputs.
fn tolerance(
    printed: Decimal,
    rate: Decimal,
    a: Decimal,
    ea: Decimal,
    b: Decimal,
    eb: Decimal,
) -> Decimal {
    let rel = |e: Decimal, v: Decimal| {
        if v.is_zero() {
            Decimal::ZERO
        } else {
            e / v.abs()
        }
    };
    half(printed) + rate.abs() * (rel(ea, a) + rel(eb, b))
}

/// One candidate reading of a stated percent: the recomputed rate and its tolerance.
struct Reading {
    rate: Decimal,
    tol: Decimal,
    how: String,
}

/// Judges a printed percent against its candidate readings (the first is the
/// primary one): none when any reading is within tolerance.
fn judge(out: &mut Out, rule: &str, c: &Claim, readings: &[Reading]) {
    judge_as(out, rule, c, readings, true)
}

/// [`judge`], where `stated` says whether the figures the rate is computed from
/// are the ones the sentence names: when they were only guessed from nearby
/// figures, a disagreement is a warning (not checked), never an error.
fn judge_as(out: &mut Out, rule: &str, c: &Claim, readings: &[Reading], stated: bool) {
    let Some(primary) = readings.first() else {
        return;
    };
    if readings.iter().any(|r| (r.rate - c.value).abs() <= r.tol) {
        return;
    }
    let diff = (primary.rate - c.value).abs();
    let unit = Decimal::new(1, c.value.scale().min(28));
    let sev = if diff <= primary.tol + unit {
        Severity::Rounding
    } else if stated {
        Severity::Error
    } else {
        Severity::Warning
    };
    let expected = primary.rate.round_dp(c.value.scale().max(2));
    let msg = format!(
        "{} says {}%, {} gives {}%",
        said(c),
        show(Some(c.value)),
        primary.how,
        show(Some(expected))
    );
    out.push(
        rule,
        sev,
        &["narrative"],
        msg,
        Some(expected),
        Some(c.value),
    );
    out.at([c.location]);
}

/// `a / b × 100` with its tolerance, or none when `b` is not positive.
fn ratio(
    printed: Decimal,
    a: Decimal,
    ea: Decimal,
    b: Decimal,
    eb: Decimal,
    how: String,
) -> Option<Reading> {
    if b <= Decimal::ZERO {
        return None;
    }
    let rate = a / b * Decimal::ONE_HUNDRED;
    Some(Reading {
        rate,
        tol: tolerance(printed, rate, a, ea, b, eb),
        how,
    })
}

/// Whether the last of 预算/决算 in `text` is 预算.
fn names_budget(text: &str) -> bool {
    match (
        text.rfind(words().budget.as_str()),
        text.rfind(words().final_word.as_str()),
    ) {
        (Some(p), Some(q)) => p > q,
        (Some(_), None) => true,
        _ => false,
    }
}

/// Table figures that a share's explicit whole (占X的) may name.
/// The figures come in `unit`, the part's (a table in 元 against a prose
/// figure in 万元 is converted).
fn named_whole(doc: &Document, name: &str, unit: &str) -> Vec<Decimal> {
    let t = &doc.tables;
    let mut v = Vec::new();
    let summary_line = |s: Option<&SummaryTable>, income: bool, key: &str| -> Amount {
        let s = s?;
        let side = if income { &s.income } else { &s.expenditure };
        side.iter()
            .find(|l| l.key() == Some(key))
            .and_then(|l| l.value("amount").or_else(|| l.value("total")))
            .map(|x| to_claim_unit(x, s.meta.unit.as_deref(), unit))
    };
    let total = |c: Option<&ClassifiedTable>, col: &str| -> Amount {
        let c = c?;
        c.rows
            .iter()
            .find(|r| r.code.is_none())
            .and_then(|r| r.values.get(col).copied().flatten())
            .map(|x| to_claim_unit(x, c.meta.unit.as_deref(), unit))
    };
    // a whole of one kind of spending: that column's 合计 (项目支出总额 of the
    // general budget is 05's 合计 项目支出)
    let w = words();
    for (word, col) in [
        (&w.project_spending, "project"),
        (&w.basic_spending, "basic"),
    ] {
        if name.contains(word.as_str()) {
            if name.contains(w.general_budget.as_str()) || name.contains(w.fiscal.as_str()) {
                v.extend(total(t.general_budget_expenditure(), col));
            }
            v.extend(total(t.expenditure(), col));
            return v;
        }
    }
    for (word, income, subtotal, classified) in [
        (
            w.spending.as_str(),
            false,
            "expenditure_total",
            t.expenditure(),
        ),
        (w.receiving.as_str(), true, "income_total", t.income()),
    ] {
        if !name.contains(word) {
            continue;
        }
        v.extend(summary_line(
            t.income_expenditure_summary(),
            income,
            subtotal,
        ));
        v.extend(summary_line(
            t.income_expenditure_summary(),
            income,
            "grand_total",
        ));
        v.extend(total(classified, "total"));
        if name.contains(w.fiscal.as_str()) {
            v.extend(summary_line(t.fiscal_summary(), income, subtotal));
        }
    }
    v
}

/// Shares, growth rates and completion rates, recomputed.
fn rates(doc: &Document, out: &mut Out) {
    let claims = &doc.narrative.claims;
    for (i, c) in claims.iter().enumerate() {
        if c.kind != "percent" || i == 0 {
            continue;
        }
        // earlier claims of the same section, nearest first
        let earlier: Vec<&Claim> = preceding(claims, i, &c.section).collect();
        let Some(prev) = earlier.first() else {
            continue;
        };
        if c.relation == Some(Relation::Share) {
            if !is_plain(prev) {
                continue;
            }
            let part = prev.value;
            let mut readings = Vec::new();
            // an explicit whole: 占本年支出合计的 …
            let explicit = c.whole.clone();
            let mut table_whole_only = false;
            if let Some(w) = &explicit {
                for p in earlier
                    .iter()
                    .skip(1)
                    .filter(|p| is_plain(p) && p.text.contains(w.as_str()))
                {
                    readings.extend(ratio(
                        c.value,
                        part,
                        half(part),
                        p.value,
                        half(p.value),
                        format!("{part} of {}", p.value),
                    ));
                }
                let stated_in_prose = !readings.is_empty();
                // a whole looked up in the tables by its name compares like with
                // like only when the part is itself a table figure (a 绩效
                // section's "涉及资金…占项目支出总额的100%" counts other money)
                table_whole_only = !stated_in_prose && prev.refers_to.is_none();
                for whole in named_whole(doc, w, &prev.unit) {
                    readings.extend(ratio(
                        c.value,
                        part,
                        half(part),
                        whole,
                        half(whole),
                        format!("{part} of {w} {}", whole),
                    ));
                }
            }
            let mut stated = !readings.is_empty() && !table_whole_only;
            // a whole named in general words (占总支出的…) may be the section's
            // own total: the enumeration's whole is a reading too
            let named_matches = readings.iter().any(|r| (r.rate - c.value).abs() <= r.tol);
            if !named_matches {
                // the whole an enumeration started with: walk back over part/share pairs
                // (the reading is as good as stated only when nothing but such
                // pairs stands between the whole and this part)
                let mut primary = None;
                let mut only_pairs = true;
                let mut k = 1;
                while k < earlier.len() {
                    let p = earlier[k];
                    if p.kind == "percent" {
                        k += 1;
                        continue;
                    }
                    // a part followed by its own share is a sibling, not the whole
                    let followed_by_share = earlier[k - 1].kind == "percent"
                        && earlier[k - 1].text.contains(words().share.as_str());
                    if is_plain(p) && !followed_by_share && p.value >= part {
                        primary = Some(p);
                        break;
                    }
                    only_pairs &= followed_by_share;
                    k += 1;
                }
                stated = stated || (primary.is_some() && only_pairs);
                let mut wholes: Vec<&Claim> = primary.into_iter().collect();
                wholes.extend(
                    earlier
                        .iter()
                        .skip(1)
                        .copied()
                        .filter(|p| is_plain(p) && p.value >= part),
                );
                for p in wholes {
                    readings.extend(ratio(
                        c.value,
                        part,
                        half(part),
                        p.value,
                        half(p.value),
                        format!("{part} of {}", p.value),
                    ));
                }
            }
            judge_as(out, "narrative.share", c, &readings, stated);
        } else if c.relation == Some(Relation::Growth) {
            if !is_change(prev) {
                growth_from_previous(out, c, &earlier);
                continue;
            }
            let change = prev.value;
            let down = prev.direction == Some(Direction::Decrease);
            // this year's figure: the nearest earlier amount the change's subject names
            // ("收入总计增加…" → 收入总计; "支出总计较上年减少…" → 支出总计; "较上年决算增加…" → none)
            let subject = {
                let cut = words().change_at(&prev.text).unwrap_or(prev.text.len());
                let head = prev.text[..cut]
                    .split(['较', '比', '与'])
                    .next()
                    .unwrap_or("");
                head.trim_end_matches('同').to_string()
            };
            // "…0万元，比上年减少8.5万元，下降100%": a figure of nil this year
            // right before its change is a fall of 100%
            if let Some(now) = earlier.get(1).filter(|p| {
                p.kind == "amount" && !is_change(p) && p.value.is_zero() && p.unit == prev.unit
            }) {
                if now.value.is_zero() && down && c.value == Decimal::ONE_HUNDRED {
                    continue;
                }
            }
            let bases: Vec<&Claim> = earlier
                .iter()
                .skip(1)
                .copied()
                .filter(|p| is_plain(p))
                .collect();
            // the amounts the subject names, nearest first, else the nearest amount
            let mut ordered: Vec<&Claim> = Vec::new();
            if subject.chars().count() >= 2 {
                ordered.extend(
                    bases
                        .iter()
                        .copied()
                        .filter(|p| p.text.contains(subject.as_str())),
                );
            }
            // the figure the change is of is as good as stated when the
            // subject names it, or when it is the clause right before
            // (only percents between them)
            let stated = !ordered.is_empty()
                || earlier
                    .iter()
                    .skip(1)
                    .find(|p| p.kind != "percent")
                    .is_some_and(|p| bases.first().is_some_and(|b| std::ptr::eq(*p, *b)));
            if ordered.is_empty() {
                ordered.extend(bases.first().copied());
            }
            let mut readings = Vec::new();
            for p in ordered {
                let cur = p.value;
                let last = if down { cur + change } else { cur - change };
                let e_last = half(cur) + half(change);
                readings.extend(ratio(
                    c.value,
                    change,
                    half(change),
                    last,
                    e_last,
                    format!(
                        "{change} over last year's {last} ({cur} {} {change})",
                        if down { "+" } else { "−" }
                    ),
                ));
            }
            // "下降100%" with no figure of this year's stated: nothing is left
            if down && c.value == Decimal::ONE_HUNDRED && !stated {
                continue;
            }
            judge_as(out, "narrative.growth", c, &readings, stated);
        } else if c.relation == Some(Relation::Completion) {
            let window: Vec<&Claim> = earlier.iter().take(3).copied().collect();
            let actual = window
                .iter()
                .take(2)
                .find(|p| is_plain(p) && !names_budget(&p.text));
            let budget = window.iter().find(|p| is_plain(p) && names_budget(&p.text));
            let (Some(a), Some(b)) = (actual, budget) else {
                continue;
            };
            let readings: Vec<Reading> = ratio(
                c.value,
                a.value,
                half(a.value),
                b.value,
                half(b.value),
                format!("{} of {}", a.value, b.value),
            )
            .into_iter()
            .collect();
            judge(out, "narrative.completion", c, &readings);
        }
    }
}

/// A growth rate stated beside this year's figure and last year's, with no
/// change amount between them ("支出120万元，上年100万元，增长20%"): the rate
/// and its direction against the two figures of its sentence.
fn growth_from_previous(out: &mut Out, c: &Claim, earlier: &[&Claim]) {
    let same = |p: &&&Claim| p.sentence == c.sentence && p.kind == "amount";
    let Some(previous) = earlier
        .iter()
        .filter(same)
        .find(|p| p.relation == Some(Relation::Previous))
    else {
        return;
    };
    let Some(current) = earlier
        .iter()
        .filter(same)
        .find(|p| p.relation.is_none() && p.unit == previous.unit && is_plain(p))
    else {
        return;
    };
    if previous.value <= Decimal::ZERO {
        return;
    }
    let change = current.value - previous.value;
    let is = direction_of(previous.value, current.value, Decimal::ZERO);
    if let Some(stated) = c.direction.filter(|d| *d != is && !change.is_zero()) {
        let msg = format!(
            "{}: this year {}, last year {}: {}, the prose says {}",
            said(c),
            show(Some(current.value)),
            show(Some(previous.value)),
            said_direction(is),
            said_direction(stated)
        );
        contradiction(
            out,
            msg,
            None,
            None,
            [c.location, current.location, previous.location],
        );
        return;
    }
    let readings: Vec<Reading> = ratio(
        c.value,
        change.abs(),
        half(current.value) + half(previous.value),
        previous.value,
        half(previous.value),
        format!(
            "{} against last year's {}",
            show(Some(current.value)),
            show(Some(previous.value))
        ),
    )
    .into_iter()
    .collect();
    judge(out, "narrative.growth", c, &readings);
}

/// The claims before index `end` in `section`, nearest first.
fn preceding<'a>(
    claims: &'a [Claim],
    end: usize,
    section: &'a str,
) -> impl Iterator<Item = &'a Claim> + 'a {
    claims[..end.min(claims.len())]
        .iter()
        .rev()
        .take_while(move |c| c.section == section)
}
