//! Rules over the tables: sums and identities within each table, and the
//! figures one table shares with another.

use std::collections::{BTreeSet, HashMap};

use rust_decimal::Decimal;

use super::{catalogue, column_name, label, show, Out};
use crate::model::{
    Amount, ClassifiedRow, ClassifiedTable, Document, Severity, SummaryLine, SummaryTable,
    TableMeta, ThreePublic,
};

/// Runs every table rule.
pub(crate) fn check(doc: &Document, out: &mut Out) {
    let t = &doc.tables;
    let classified: [(&str, Option<&ClassifiedTable>); 5] = [
        ("income", t.income()),
        ("expenditure", t.expenditure()),
        ("general_budget_expenditure", t.general_budget_expenditure()),
        ("government_fund", t.government_fund()),
        ("state_capital", t.state_capital()),
    ];
    for (id, table) in classified {
        if let Some(table) = table {
            classified_sums(id, table, out);
            identities(id, table, out);
        }
    }
    if let Some(s) = t.income_expenditure_summary() {
        summary(s, out);
    }
    if let Some(s) = t.fiscal_summary() {
        fiscal(s, out);
    }
    cross(doc, out);
    basic(doc, out);
    three_public(doc, out);
    stats(doc, out);
}

/// A short name of a table for messages: its printed label, else its title.
fn tname(meta: &TableMeta) -> String {
    meta.label.clone().unwrap_or_else(|| meta.title.clone())
}

/// The 合计 row of a classified table, or, where none is printed, its one
/// top-level row (a table of one budget unit).
fn total_row(t: &ClassifiedTable) -> Option<&ClassifiedRow> {
    t.rows.iter().find(|r| r.level == 0).or_else(|| {
        let mut top = t.rows.iter().filter(|r| r.level == 1 && r.code.is_none());
        match (top.next(), top.next()) {
            // the one unit's row, alone or printed above the classes it spends on
            (Some(r), None)
                if !t.rows.iter().any(|r| r.code.is_some())
                    || t.rows.first().is_some_and(|f| std::ptr::eq(f, r))
                        && class_of(r).is_none() =>
            {
                Some(r)
            }
            _ => None,
        }
    })
}

/// A cell of a classified table's row (blank when the row or column is absent).
fn val(r: Option<&ClassifiedRow>, col: &str) -> Amount {
    r.and_then(|r| r.values.get(col).copied().flatten())
}

/// How a row is named in messages.
fn row_name(r: &ClassifiedRow) -> String {
    match &r.code {
        Some(c) => format!("{c} {}", r.name),
        None if r.level == 0 => label("total").to_string(),
        None => r.name.clone(),
    }
}

/// Coded rows by the code of their parent (the code two digits shorter), so
/// that finding a row's children costs no scan of the whole table per row:
/// the sums stay linear in the number of rows.
fn rows_by_parent(t: &ClassifiedTable) -> HashMap<&str, Vec<usize>> {
    let mut m: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, r) in t.rows.iter().enumerate() {
        if let Some(parent) = r
            .code
            .as_deref()
            .and_then(|c| c.get(..c.len().checked_sub(2)?))
        {
            m.entry(parent).or_default().push(i);
        }
    }
    m
}

/// The rows a row adds up: for a coded row, the rows whose code extends it by
/// two digits (`by_parent` from [`rows_by_parent`]); for a row printed
/// without a code, the rows one level down that follow it, up to the next row
/// at its level or above.
fn children_of<'a>(
    t: &'a ClassifiedTable,
    by_parent: &HashMap<&str, Vec<usize>>,
    i: usize,
) -> Vec<&'a ClassifiedRow> {
    let row = &t.rows[i];
    match &row.code {
        Some(code) => by_parent
            .get(code.as_str())
            .map(|kids| kids.iter().map(|&k| &t.rows[k]).collect())
            .unwrap_or_default(),
        None if row.level >= 1 => t.rows[i + 1..]
            .iter()
            .take_while(|c| c.level > row.level)
            .filter(|c| c.level == row.level + 1)
            .collect(),
        None => Vec::new(),
    }
}

/// Whether a classified table prints anything at all.
fn has_data(t: &ClassifiedTable) -> bool {
    t.rows
        .iter()
        .any(|r| r.values.values().any(|v| v.is_some_and(|d| !d.is_zero())))
}

/// 类 = Σ 款, 款 = Σ 项, 合计 = Σ 类, per column.
fn classified_sums(id: &str, t: &ClassifiedTable, out: &mut Out) {
    let name = tname(&t.meta);
    let by_parent = rows_by_parent(t);
    for (i, row) in t.rows.iter().enumerate() {
        if row.level == 0 || row.level >= 3 {
            continue;
        }
        if row
            .code
            .as_ref()
            .is_some_and(|c| c.len() != 3 && c.len() != 5)
        {
            continue;
        }
        let children = children_of(t, &by_parent, i);
        if children.is_empty() {
            continue;
        }
        for col in &t.columns {
            let parts: Vec<Amount> = children.iter().map(|c| val(Some(c), col)).collect();
            let what = format!("{name} {} [{}]", row_name(row), column_name(col));
            let label = format!(
                "{}..{}",
                children[0].code.as_deref().unwrap_or(&children[0].name),
                children[children.len() - 1]
                    .code
                    .as_deref()
                    .unwrap_or(&children[children.len() - 1].name)
            );
            out.sum(
                "classified.parent_sum",
                &[id],
                &what,
                &label,
                &parts,
                row.code.as_deref().unwrap_or(&row.name),
                val(Some(row), col),
            );
        }
    }
    // the 类 rows, or the top level printed where a table lists no 类
    let top = t
        .rows
        .iter()
        .filter_map(|r| r.code.as_ref().map(String::len))
        .min()
        .unwrap_or(3);
    // where codes are printed, a row without one is a 类 only when its name
    // is a class's (not a budget unit's row standing over the classes)
    let coded = t.rows.iter().any(|r| r.code.is_some());
    let classes: Vec<&ClassifiedRow> = t
        .rows
        .iter()
        .filter(|r| match &r.code {
            Some(c) => c.len() == top,
            None => r.level == 1 && (!coded || class_of(r).is_some()),
        })
        .collect();
    if let (Some(tot), false) = (total_row(t), classes.is_empty()) {
        for col in &t.columns {
            let parts: Vec<Amount> = classes.iter().map(|c| val(Some(c), col)).collect();
            out.sum(
                "classified.total_sum",
                &[id],
                &format!("{name} {} [{}]", label("total"), column_name(col)),
                label("class_rows"),
                &parts,
                label("total"),
                val(Some(tot), col),
            );
        }
    }
}

/// Row identities: on every row, a printed column equals the sum of its
/// printed parts (`parts` in `grammars/tables.toml`: 合计 = 基本支出 + 项目支出,
/// 基本支出 = 人员经费 + 公用经费, 本年收入 = Σ sources, 财政拨款 = Σ funds …);
/// 07 / 08 opening + income − spending = closing.
fn identities(id: &str, t: &ClassifiedTable, out: &mut Out) {
    let name = tname(&t.meta);
    let Some(tg) = crate::grammar::grammar().table(id) else {
        return;
    };
    let (rule, balance_rule) = match id {
        "income" => ("income.identity", None),
        "expenditure" => ("expenditure.identity", None),
        "general_budget_expenditure" => ("general_budget.identity", None),
        "government_fund" => ("government_fund.identity", Some("government_fund.balance")),
        _ => ("state_capital.identity", Some("state_capital.balance")),
    };
    let has = |c: &str| t.columns.iter().any(|x| x == c);
    // each printed column with printed parts, and those parts
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for c in &t.columns {
        if let Some(parent) = tg.parent_of(c, &t.columns) {
            match groups.iter_mut().find(|(p, _)| *p == parent) {
                Some(g) => g.1.push(c.as_str()),
                None => groups.push((parent, vec![c.as_str()])),
            }
        }
    }
    let first_new = out.findings.len();
    for row in &t.rows {
        for (parent, parts_cols) in &groups {
            let parts: Vec<Amount> = parts_cols.iter().map(|c| val(Some(row), c)).collect();
            let label = parts_cols
                .iter()
                .map(|c| column_name(c))
                .collect::<Vec<_>>()
                .join(" + ");
            out.sum(
                rule,
                &[id],
                &format!("{name} {}", row_name(row)),
                &label,
                &parts,
                column_name(parent),
                val(Some(row), parent),
            );
        }
        if let Some(br) = balance_rule {
            if has("total") && has("income") && (has("opening_balance") || has("closing_balance")) {
                let opening = val(Some(row), "opening_balance");
                let income = val(Some(row), "income");
                let spent = val(Some(row), "total");
                let closing = val(Some(row), "closing_balance");
                if [opening, income, spent, closing]
                    .iter()
                    .all(Option::is_none)
                {
                    continue;
                }
                let expected = opening.unwrap_or_default() + income.unwrap_or_default()
                    - spent.unwrap_or_default();
                let parts = [opening, income, spent.map(|s| -s)];
                let n = parts.iter().flatten().count().max(1) as i64;
                let unit = super::unit_of(parts.iter().chain([&closing]));
                if let Some(sev) = super::classify(
                    (expected - closing.unwrap_or_default()).abs(),
                    unit * Decimal::from(n),
                ) {
                    let msg = format!(
                        "{name} {}: {} {} + {} {} − {} {} = {}, {} says {}",
                        row_name(row),
                        label("opening_balance"),
                        show(opening),
                        label("received"),
                        show(income),
                        label("spent"),
                        show(spent),
                        show(Some(expected)),
                        label("closing_balance"),
                        show(closing)
                    );
                    out.push(
                        br,
                        sev,
                        &[id],
                        msg,
                        Some(expected),
                        Some(closing.unwrap_or_default()),
                    );
                }
            }
        }
    }
    // columns juesuan could not name may be parts of these sums: a sum that
    // does not add up is then not an accusation
    if t.extra_columns.iter().any(|c| {
        t.rows.iter().any(|r| {
            r.extra
                .get(c)
                .copied()
                .flatten()
                .is_some_and(|v| !v.is_zero())
        })
    }) {
        out.soften_since(
            first_new,
            &format!(
                "the table also prints columns juesuan could not name ({}), which may be parts of this sum",
                t.extra_columns.join(", ")
            ),
        );
    }
}

/// The first line of a side with `key`.
fn line<'a>(side: &'a [SummaryLine], key: &str) -> Option<&'a SummaryLine> {
    side.iter().find(|l| l.key() == Some(key))
}

/// A keyed line's value in `col` (blank when the line is absent).
fn lv(side: &[SummaryLine], key: &str, col: &str) -> Amount {
    line(side, key).and_then(|l| l.value(col))
}

/// The lines before the first line with `key` (all lines when absent).
fn before<'a>(side: &'a [SummaryLine], key: &str) -> &'a [SummaryLine] {
    let end = side
        .iter()
        .position(|l| l.key() == Some(key))
        .unwrap_or(side.len());
    &side[..end]
}

/// A printed line whose item was not recognised (no key, no code).
fn unrecognised(l: &SummaryLine, col: &str) -> bool {
    l.item.is_some()
        && !of_which(l)
        && l.code().is_none()
        && l.key().is_none()
        && l.value(col).is_some_and(|v| !v.is_zero())
}

/// A `其中…` line: a part of the line above it, not one more line of the side.
fn of_which(l: &SummaryLine) -> bool {
    l.item
        .as_deref()
        .is_some_and(|i| i.trim_start().starts_with(label("of_which")))
}

/// The lines of a side that add up to its 合计: on the income side the source
/// lines (the three funds where printed, else 财政拨款 as one line); on the
/// expenditure side the function class lines, or, where the side lists
/// spending by kind, the kind lines (基本支出, 项目支出 …).
fn part_lines<'a>(side: &'a [SummaryLine], col: &str, income: bool) -> Vec<&'a SummaryLine> {
    let keyed = |ks: &[&str]| -> Vec<&'a SummaryLine> {
        side.iter()
            .filter(|l| l.key().is_some_and(|k| ks.contains(&k)))
            .collect()
    };
    if income {
        // (a fund printed as `其中` under 财政拨款 is a part of it, not its
        // breakdown)
        let funds = keyed(FUND_KEYS);
        let use_funds = funds.iter().any(|l| l.value(col).is_some() && !of_which(l))
            || !side.iter().any(|l| l.key() == Some("fiscal_appropriation"));
        let mut v = keyed(SOURCES);
        v.retain(|l| {
            let k = l.key().unwrap_or("");
            if FUND_KEYS.contains(&k) {
                use_funds && !of_which(l)
            } else if k == "fiscal_appropriation" {
                !use_funds
            } else {
                true
            }
        });
        v
    } else {
        let classes: Vec<&SummaryLine> = side.iter().filter(|l| l.code().is_some()).collect();
        if !classes.is_empty() {
            return classes;
        }
        let has_basic = side.iter().any(|l| l.key() == Some("basic"));
        side.iter()
            .filter(|l| {
                l.key().is_some_and(|k| {
                    KINDS.contains(&k) || (!has_basic && (k == "personnel" || k == "public"))
                })
            })
            .collect()
    }
}

/// True when a side prints a figure on a line juesuan did not recognise
/// (before its 总计): a sum over the recognised lines cannot be trusted then.
fn side_has_unrecognised(side: &[SummaryLine], col: &str) -> bool {
    before(side, "grand_total")
        .iter()
        .any(|l| unrecognised(l, col))
}

/// Where a side prints lines juesuan could not name between its 合计 (`key`)
/// and its 总计 (上年实户资金余额 …), a 总计 check added since `from` is no
/// accusation: those lines may be parts of it.
fn soften_for_unnamed(out: &mut Out, from: usize, side: &[SummaryLine], key: &str, col: &str) {
    let Some(a) = side.iter().position(|l| l.key() == Some(key)) else {
        return;
    };
    let b = side[a..]
        .iter()
        .position(|l| l.key() == Some("grand_total"))
        .map_or(side.len(), |b| a + b);
    if let Some(u) = side[a + 1..b].iter().find(|l| unrecognised(l, col)) {
        let why = format!(
            "the side also prints {:?}, which juesuan could not name",
            u.item.as_deref().unwrap_or_default()
        );
        out.soften_since(from, &why);
    }
}

/// A side's 合计 line (`key`) or, where the side prints none, the sum of its
/// part lines; `None` when that sum cannot be made (a printed line was not
/// recognised).
fn subtotal(side: &[SummaryLine], key: &str, col: &str, income: bool) -> Option<Amount> {
    if line(side, key).is_some() {
        return Some(lv(side, key, col));
    }
    if side_has_unrecognised(side, col) {
        return None;
    }
    let vals: Vec<Decimal> = part_lines(side, col, income)
        .iter()
        .filter_map(|l| l.value(col))
        .collect();
    Some((!vals.is_empty()).then(|| vals.iter().copied().sum()))
}

/// Checks a side's 合计 line against its part lines, wherever they are
/// printed. Where the side also prints lines that were not recognised and the
/// parts do not add up, that is a warning (not checked), never an error.
#[allow(clippy::too_many_arguments)]
fn side_total(
    out: &mut Out,
    rule: &str,
    id: &str,
    what: &str,
    side: &[SummaryLine],
    key: &str,
    col: &str,
    income: bool,
) {
    if line(side, key).is_none() {
        return;
    }
    let lines = part_lines(side, col, income);
    let parts: Vec<Amount> = lines.iter().map(|l| l.value(col)).collect();
    let total = lv(side, key, col);
    let sum: Decimal = parts.iter().flatten().copied().sum();
    if side_has_unrecognised(side, col) && sum != total.unwrap_or_default() {
        let u = before(side, "grand_total")
            .iter()
            .find(|l| unrecognised(l, col))
            .and_then(|l| l.item.clone())
            .unwrap_or_default();
        out.warn_once(
            rule,
            id,
            &[id],
            format!("{what}: line {u:?} not recognised, the total not checked"),
        );
        return;
    }
    let label = if income {
        "the income lines"
    } else if lines.iter().any(|l| l.code().is_some()) {
        "the class lines"
    } else {
        "the spending lines"
    };
    out.sum(rule, &[id], what, label, &parts, key, total);
}

/// The fund lines of an income side.
const FUND_KEYS: &[&str] = &["general_budget", "government_fund", "state_capital"];

/// Spending-by-kind keys of an expenditure side.
const KINDS: &[&str] = &[
    "basic",
    "project",
    "operating",
    "remit_to_superior",
    "subsidy_to_affiliates",
];

/// Income source keys of the summary tables.
const SOURCES: &[&str] = &[
    "general_budget",
    "government_fund",
    "state_capital",
    "fiscal_appropriation",
    "fiscal_special_account",
    "superior_subsidy",
    "business",
    "operating_institution",
    "operating",
    "affiliate_remittance",
    "other",
];

/// 01 收入支出决算总表.
fn summary(s: &SummaryTable, out: &mut Out) {
    let id = "income_expenditure_summary";
    let name = tname(&s.meta);
    let col = "amount";
    // 本年收入合计 = Σ income lines, 本年支出合计 = Σ class lines
    side_total(
        out,
        "summary.income_total",
        id,
        &format!("{name} {}", label("income_total")),
        &s.income,
        "income_total",
        col,
        true,
    );
    side_total(
        out,
        "summary.expenditure_total",
        id,
        &format!("{name} {}", label("expenditure_total")),
        &s.expenditure,
        "expenditure_total",
        col,
        false,
    );
    // 总计 = 合计 + balance lines
    if let (true, Some(sub)) = (
        line(&s.income, "grand_total").is_some(),
        subtotal(&s.income, "income_total", col, true),
    ) {
        let parts = [
            sub,
            lv(&s.income, "non_fiscal_balance_used", col),
            lv(&s.income, "opening_balance", col),
        ];
        let from = out.findings.len();
        out.sum(
            "summary.income_grand_total",
            &[id],
            &format!("{name} {}", label("income_grand_total")),
            &[
                label("income_total"),
                label("non_fiscal_balance_used"),
                label("opening_balance"),
            ]
            .join(" + "),
            &parts,
            label("grand_total"),
            lv(&s.income, "grand_total", col),
        );
        soften_for_unnamed(out, from, &s.income, "income_total", col);
    }
    if let (true, Some(sub)) = (
        line(&s.expenditure, "grand_total").is_some(),
        subtotal(&s.expenditure, "expenditure_total", col, false),
    ) {
        let parts = [
            sub,
            lv(&s.expenditure, "balance_distribution", col),
            lv(&s.expenditure, "closing_balance", col),
        ];
        let from = out.findings.len();
        out.sum(
            "summary.expenditure_grand_total",
            &[id],
            &format!("{name} {}", label("expenditure_grand_total")),
            &[
                label("expenditure_total"),
                label("balance_distribution"),
                label("closing_balance"),
            ]
            .join(" + "),
            &parts,
            label("grand_total"),
            lv(&s.expenditure, "grand_total", col),
        );
        soften_for_unnamed(out, from, &s.expenditure, "expenditure_total", col);
    }
    if line(&s.income, "grand_total").is_some() && line(&s.expenditure, "grand_total").is_some() {
        out.equal(
            "summary.balance",
            &[id],
            &format!("{name} {}", label("grand_total")),
            "income side",
            lv(&s.income, "grand_total", col),
            "expenditure side",
            lv(&s.expenditure, "grand_total", col),
        );
    }
}

/// The fund columns of 04's expenditure side, with how messages name them.
fn funds() -> [(&'static str, &'static str); 3] {
    [
        ("general_budget", label("fund_general_budget")),
        ("government_fund", label("fund_government_fund")),
        ("state_capital", label("fund_state_capital")),
    ]
}

/// 04 财政拨款收入支出决算总表.
fn fiscal(s: &SummaryTable, out: &mut Out) {
    let id = "fiscal_summary";
    let name = tname(&s.meta);
    let inc = "amount";
    // income side
    if line(&s.income, "income_total").is_some() {
        let parts: Vec<Amount> = funds()
            .into_iter()
            .map(|(k, _)| lv(&s.income, k, inc))
            .collect();
        out.sum(
            "fiscal.income_total",
            &[id],
            &format!("{name} {}", label("income_total")),
            "the three fund lines",
            &parts,
            label("income_total"),
            lv(&s.income, "income_total", inc),
        );
    }
    let opening_parts: Vec<Amount> = [
        "opening_general_budget",
        "opening_government_fund",
        "opening_state_capital",
    ]
    .iter()
    .map(|k| lv(&s.income, k, inc))
    .collect();
    if line(&s.income, "opening_balance").is_some() && opening_parts.iter().any(Option::is_some) {
        out.sum(
            "fiscal.opening",
            &[id],
            &format!("{name} {}", label("opening_fiscal_balance")),
            "the per-fund lines",
            &opening_parts,
            label("opening_balance"),
            lv(&s.income, "opening_balance", inc),
        );
    }
    let opening = lv(&s.income, "opening_balance", inc).or_else(|| {
        let p: Vec<Decimal> = opening_parts.iter().flatten().copied().collect();
        (!p.is_empty()).then(|| p.iter().copied().sum())
    });
    if let (true, Some(sub)) = (
        line(&s.income, "grand_total").is_some(),
        subtotal(&s.income, "income_total", inc, true),
    ) {
        let parts = [sub, opening];
        out.sum(
            "fiscal.income_grand_total",
            &[id],
            &format!("{name} {}", label("income_grand_total")),
            &[label("income_total"), label("opening_balance")].join(" + "),
            &parts,
            label("grand_total"),
            lv(&s.income, "grand_total", inc),
        );
    }
    // expenditure side, per column
    let cols: Vec<(&str, &str)> = std::iter::once(("total", label("total")))
        .chain(funds())
        .collect();
    for (c, cname) in &cols {
        side_total(
            out,
            "fiscal.expenditure_total",
            id,
            &format!("{name} {} [{cname}]", label("expenditure_total")),
            &s.expenditure,
            "expenditure_total",
            c,
            false,
        );
        let closing_keys = [
            "closing_general_budget",
            "closing_government_fund",
            "closing_state_capital",
        ];
        let closing_parts: Vec<Amount> = closing_keys
            .iter()
            .map(|k| lv(&s.expenditure, k, c))
            .collect();
        if line(&s.expenditure, "closing_balance").is_some()
            && closing_parts.iter().any(Option::is_some)
        {
            out.sum(
                "fiscal.closing",
                &[id],
                &format!("{name} {} [{cname}]", label("closing_fiscal_balance")),
                "the per-fund lines",
                &closing_parts,
                label("closing_balance"),
                lv(&s.expenditure, "closing_balance", c),
            );
        }
        let closing = lv(&s.expenditure, "closing_balance", c).or_else(|| {
            let p: Vec<Decimal> = closing_parts.iter().flatten().copied().collect();
            (!p.is_empty()).then(|| p.iter().copied().sum())
        });
        if let (true, Some(sub)) = (
            line(&s.expenditure, "grand_total").is_some(),
            subtotal(&s.expenditure, "expenditure_total", c, false),
        ) {
            let parts = [sub, closing];
            out.sum(
                "fiscal.expenditure_grand_total",
                &[id],
                &format!("{name} {} [{cname}]", label("expenditure_grand_total")),
                &[label("expenditure_total"), label("closing_balance")].join(" + "),
                &parts,
                label("grand_total"),
                lv(&s.expenditure, "grand_total", c),
            );
        }
    }
    // row identity: 合计 = Σ funds
    let per_fund = s.expenditure.iter().any(|l| l.values.is_some());
    if per_fund {
        for l in &s.expenditure {
            if l.values.is_none() || l.item.is_none() {
                continue;
            }
            let parts: Vec<Amount> = funds().into_iter().map(|(k, _)| l.value(k)).collect();
            let what = format!(
                "{name} {}",
                l.code().map(|c| format!("{c} ")).unwrap_or_default()
                    + l.item.as_deref().unwrap_or("")
            );
            out.sum(
                "fiscal.row_identity",
                &[id],
                &what,
                "the fund columns",
                &parts,
                label("total"),
                l.value("total"),
            );
        }
    }
    // 总计 both sides
    if line(&s.income, "grand_total").is_some() && line(&s.expenditure, "grand_total").is_some() {
        out.equal(
            "fiscal.balance",
            &[id],
            &format!("{name} {}", label("grand_total")),
            "income side",
            lv(&s.income, "grand_total", inc),
            "expenditure side",
            lv(&s.expenditure, "grand_total", "total"),
        );
        // per fund, only where the 年初 balance is split by fund (or is nil)
        let opening_split = [
            "opening_general_budget",
            "opening_government_fund",
            "opening_state_capital",
        ]
        .iter()
        .any(|k| line(&s.income, k).is_some());
        if per_fund
            && (opening_split || lv(&s.income, "opening_balance", inc).is_none_or(|v| v.is_zero()))
        {
            for (k, kname) in funds() {
                let parts = [
                    lv(&s.income, k, inc),
                    lv(&s.income, &format!("opening_{k}"), inc),
                ];
                out.sum(
                    "fiscal.fund_balance",
                    &[id],
                    &format!("{name} {kname}"),
                    &format!("income + {}", label("opening_balance")),
                    &parts,
                    &format!("the column's {}", label("grand_total")),
                    lv(&s.expenditure, "grand_total", k),
                );
            }
        }
    }
}

/// Factor to bring a value in `from` units into `to` units (万元 ↔ 元).
fn factor(from: Option<&str>, to: Option<&str>) -> Decimal {
    match (from, to) {
        (Some("元"), Some("万元")) => Decimal::new(1, 4),
        (Some("万元"), Some("元")) => Decimal::from(10000),
        _ => Decimal::ONE,
    }
}

/// A second table's value in the first table's unit.
fn conv(a: Amount, from: &TableMeta, to: &TableMeta) -> Amount {
    let f = factor(from.unit.as_deref(), to.unit.as_deref());
    // 元 → 万元 keeps two decimals, as a 万元 table prints them
    a.map(|v| {
        if f < Decimal::ONE {
            (v * f).round_dp(2)
        } else {
            v * f
        }
    })
}

/// Warns once that `rule` needs table `missing` (present side `present`).
fn missing(out: &mut Out, rule: &str, present: &str, missing: &str) {
    out.warn_once(
        rule,
        missing,
        &[present, missing],
        format!("{missing} is missing, so {present} cannot be checked against it"),
    );
}

/// Whether a column of 04's expenditure side prints a non-zero figure.
fn fund_printed(s: &SummaryTable, col: &str) -> bool {
    s.expenditure
        .iter()
        .any(|l| l.values.is_some() && l.value(col).is_some_and(|v| !v.is_zero()))
        || s.income
            .iter()
            .any(|l| l.key() == Some(col) && l.value("amount").is_some_and(|v| !v.is_zero()))
}

/// The function class a row belongs to: its code's first three digits, or,
/// for a 类 row printed without a code, the class its name names.
fn class_of(r: &ClassifiedRow) -> Option<String> {
    match &r.code {
        Some(c) => Some(c.chars().take(3).collect()),
        None if r.level == 1 => crate::grammar::grammar()
            .class_code(&r.name)
            .map(str::to_string),
        None => None,
    }
}

/// Compares class lines of a summary side (`col`) with the 类 rows of a classified table (`tcol`).
#[allow(clippy::too_many_arguments)]
fn classes_vs(
    out: &mut Out,
    rule: &str,
    ids: [&str; 2],
    s: &SummaryTable,
    col: &str,
    t: &ClassifiedTable,
    tcol: &str,
) {
    // a side that lists spending by kind (基本支出, 项目支出) names no class
    if !s.expenditure.iter().any(|l| l.code().is_some()) {
        return;
    }
    // nor does a table of budget units (rows per unit, columns per source)
    if !t.rows.iter().any(|r| class_of(r).is_some()) {
        return;
    }
    let mut codes: BTreeSet<String> = BTreeSet::new();
    codes.extend(
        s.expenditure
            .iter()
            .filter_map(|l| l.code().map(str::to_string)),
    );
    codes.extend(t.rows.iter().filter_map(class_of));
    // where the table prints no 类 rows, a class is the sum of its top-level rows
    let top = t
        .rows
        .iter()
        .filter_map(|r| r.code.as_ref().map(String::len))
        .min()
        .unwrap_or(3);
    for code in codes {
        let sl = s
            .expenditure
            .iter()
            .find(|l| l.code() == Some(code.as_str()));
        let tr = t.rows.iter().find(|r| {
            r.code.as_deref() == Some(code.as_str())
                || (r.code.is_none() && r.level == 1 && class_of(r).as_deref() == Some(&code))
        });
        let a = sl.and_then(|l| l.value(col));
        let tv = if top == 3 {
            val(tr, tcol)
        } else {
            let v: Vec<Decimal> = t
                .rows
                .iter()
                .filter(|r| {
                    r.code
                        .as_ref()
                        .is_some_and(|c| c.len() == top && c.starts_with(code.as_str()))
                })
                .filter_map(|r| val(Some(r), tcol))
                .collect();
            (!v.is_empty()).then(|| v.iter().copied().sum())
        };
        let b = conv(tv, &t.meta, &s.meta);
        let cname = sl
            .and_then(|l| l.item.clone())
            .or_else(|| tr.map(|r| r.name.clone()))
            .unwrap_or_default();
        out.equal(
            rule,
            &ids,
            &format!("class {code} {cname}"),
            &tname(&s.meta),
            a,
            &tname(&t.meta),
            b,
        );
    }
}

/// Figures shared between tables.
fn cross(doc: &Document, out: &mut Out) {
    let t = &doc.tables;
    let s01 = t.income_expenditure_summary();
    let s04 = t.fiscal_summary();
    // 01 ↔ 02
    match (s01, t.income()) {
        (Some(s), Some(i)) => {
            let tot = total_row(i);
            let ids = ["income_expenditure_summary", "income"];
            // 02's figure for this year's income: 本年收入 (小计) where printed
            // beside a 总计 that includes the carried-over balance
            let has_col = |c: &str| i.columns.iter().any(|x| x == c);
            let this_year = if has_col("current_total") {
                val(tot, "current_total")
            } else if has_col("balance_carried") || has_col("non_fiscal_balance_used") {
                val(tot, "total").map(|t| {
                    t - val(tot, "balance_carried").unwrap_or_default()
                        - val(tot, "non_fiscal_balance_used").unwrap_or_default()
                })
            } else {
                val(tot, "total")
            };
            if let Some(sub) = subtotal(&s.income, "income_total", "amount", true) {
                let from = out.findings.len();
                out.equal(
                    "cross.summary_income",
                    &ids,
                    label("income_total"),
                    &tname(&s.meta),
                    sub,
                    &tname(&i.meta),
                    conv(this_year, &i.meta, &s.meta),
                );
                // 02's 合计 may hold columns juesuan could not name (上年实户资金余额)
                let unnamed: Vec<&String> = tot
                    .map(|r| {
                        r.extra
                            .iter()
                            .filter(|(_, v)| v.is_some_and(|v| !v.is_zero()))
                            .map(|(k, _)| k)
                            .collect()
                    })
                    .unwrap_or_default();
                if !has_col("current_total") && !unnamed.is_empty() {
                    let why = format!(
                        "{} also prints figures in columns juesuan could not name ({}), which may be parts of its total",
                        tname(&i.meta),
                        unnamed.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", ")
                    );
                    out.soften_since(from, &why);
                }
            }
            if i.columns.iter().any(|c| c == "fiscal_appropriation")
                && FUND_KEYS
                    .iter()
                    .chain(["fiscal_appropriation"].iter())
                    .any(|k| line(&s.income, k).is_some())
            {
                let fiscal: Vec<Decimal> = FUND_KEYS
                    .iter()
                    .filter_map(|k| lv(&s.income, k, "amount"))
                    .collect();
                // the 财政拨款收入 line where printed (the fund lines under it
                // may be its parts, or only a 其中 of them), else its funds
                let a = lv(&s.income, "fiscal_appropriation", "amount")
                    .or_else(|| (!fiscal.is_empty()).then(|| fiscal.iter().copied().sum()));
                out.equal(
                    "cross.summary_income",
                    &ids,
                    label("fiscal_appropriation"),
                    &tname(&s.meta),
                    a,
                    &tname(&i.meta),
                    conv(val(tot, "fiscal_appropriation"), &i.meta, &s.meta),
                );
            }
            for k in [
                "fiscal_special_account",
                "superior_subsidy",
                "business",
                "operating_institution",
                "operating",
                "affiliate_remittance",
                "other",
            ] {
                if i.columns.iter().any(|c| c == k) && line(&s.income, k).is_some() {
                    let item = line(&s.income, k)
                        .and_then(|l| l.item.clone())
                        .unwrap_or_else(|| k.to_string());
                    out.equal(
                        "cross.summary_income",
                        &ids,
                        &item,
                        &tname(&s.meta),
                        lv(&s.income, k, "amount"),
                        &tname(&i.meta),
                        conv(val(tot, k), &i.meta, &s.meta),
                    );
                }
            }
        }
        (Some(s), None)
            if lv(&s.income, "income_total", "amount").is_some_and(|v| !v.is_zero()) =>
        {
            missing(
                out,
                "cross.summary_income",
                "income_expenditure_summary",
                "income",
            )
        }
        (None, Some(i)) if has_data(i) => missing(
            out,
            "cross.summary_income",
            "income",
            "income_expenditure_summary",
        ),
        _ => {}
    }
    // 01 ↔ 03
    match (s01, t.expenditure()) {
        (Some(s), Some(e)) => {
            let ids = ["income_expenditure_summary", "expenditure"];
            if let Some(sub) = subtotal(&s.expenditure, "expenditure_total", "amount", false) {
                out.equal(
                    "cross.summary_expenditure",
                    &ids,
                    label("expenditure_total"),
                    &tname(&s.meta),
                    sub,
                    &tname(&e.meta),
                    conv(val(total_row(e), "total"), &e.meta, &s.meta),
                );
            }
            classes_vs(out, "cross.summary_classes", ids, s, "amount", e, "total");
        }
        (Some(s), None)
            if lv(&s.expenditure, "expenditure_total", "amount").is_some_and(|v| !v.is_zero()) =>
        {
            missing(
                out,
                "cross.summary_expenditure",
                "income_expenditure_summary",
                "expenditure",
            );
            missing(
                out,
                "cross.summary_classes",
                "income_expenditure_summary",
                "expenditure",
            );
        }
        (None, Some(e)) if has_data(e) => {
            missing(
                out,
                "cross.summary_expenditure",
                "expenditure",
                "income_expenditure_summary",
            );
            missing(
                out,
                "cross.summary_classes",
                "expenditure",
                "income_expenditure_summary",
            );
        }
        _ => {}
    }
    // 04 ↔ 01
    match (s04, s01) {
        (Some(f), Some(s)) => {
            for (k, kname) in funds() {
                if line(&f.income, k).is_some() && line(&s.income, k).is_some() {
                    // where 01 prints no carried-over balance, its fund line may
                    // hold this year's money and last year's together
                    let with_balance = lv(&f.income, &format!("opening_{k}"), "amount")
                        .map(|o| lv(&f.income, k, "amount").unwrap_or_default() + o);
                    let s01 = conv(lv(&s.income, k, "amount"), &s.meta, &f.meta);
                    if line(&s.income, "opening_balance").is_none()
                        && with_balance.is_some()
                        && s01.is_some_and(|v| {
                            (v - with_balance.unwrap_or_default()).abs() <= Decimal::new(2, 2)
                        })
                    {
                        continue;
                    }
                    out.equal(
                        "cross.fiscal_income",
                        &["fiscal_summary", "income_expenditure_summary"],
                        &format!("{kname}{}", label("fiscal_appropriation")),
                        &tname(&f.meta),
                        lv(&f.income, k, "amount"),
                        &tname(&s.meta),
                        conv(lv(&s.income, k, "amount"), &s.meta, &f.meta),
                    );
                }
            }
        }
        (Some(f), None)
            if funds()
                .iter()
                .any(|(k, _)| lv(&f.income, k, "amount").is_some_and(|v| !v.is_zero())) =>
        {
            missing(
                out,
                "cross.fiscal_income",
                "fiscal_summary",
                "income_expenditure_summary",
            )
        }
        (None, Some(s))
            if funds()
                .iter()
                .any(|(k, _)| lv(&s.income, k, "amount").is_some_and(|v| !v.is_zero())) =>
        {
            missing(
                out,
                "cross.fiscal_income",
                "income_expenditure_summary",
                "fiscal_summary",
            )
        }
        _ => {}
    }
    // 04 fund columns ↔ 05 / 07 / 08
    let per_fund: [(&str, &str, &str, Option<&ClassifiedTable>); 3] = [
        (
            "general_budget",
            "cross.fiscal_general_budget",
            "general_budget_expenditure",
            t.general_budget_expenditure(),
        ),
        (
            "government_fund",
            "cross.fiscal_government_fund",
            "government_fund",
            t.government_fund(),
        ),
        (
            "state_capital",
            "cross.fiscal_state_capital",
            "state_capital",
            t.state_capital(),
        ),
    ];
    for (fund, rule, tid, table) in per_fund {
        match (s04, table) {
            (Some(f), Some(c)) => {
                let ids = ["fiscal_summary", tid];
                let tot = total_row(c);
                // 04's column for this fund: printed per fund, or, where 04
                // prints one amount and no other fund has a figure, its total
                let per_fund_cols = f.expenditure.iter().any(|l| l.values.is_some());
                let others_blank = FUND_KEYS
                    .iter()
                    .filter(|k| **k != fund)
                    .all(|k| lv(&f.income, k, "amount").is_none_or(|v| v.is_zero()));
                let fund = if per_fund_cols {
                    fund
                } else if fund == "general_budget" && others_blank {
                    "total"
                } else {
                    continue;
                };
                if let Some(sub) = subtotal(&f.expenditure, "expenditure_total", fund, false) {
                    out.equal(
                        rule,
                        &ids,
                        label("expenditure_total"),
                        &format!("{} [{}]", tname(&f.meta), column_name(fund)),
                        sub,
                        &tname(&c.meta),
                        conv(val(tot, "total"), &c.meta, &f.meta),
                    );
                }
                classes_vs(out, rule, ids, f, fund, c, "total");
                if fund != "general_budget"
                    && c.columns.iter().any(|x| x == "income")
                    && line(&f.income, fund).is_some()
                {
                    out.equal(
                        rule,
                        &ids,
                        label("current_total"),
                        &tname(&f.meta),
                        lv(&f.income, fund, "amount"),
                        &tname(&c.meta),
                        conv(val(tot, "income"), &c.meta, &f.meta),
                    );
                }
            }
            (Some(f), None) if fund_printed(f, fund) => missing(out, rule, "fiscal_summary", tid),
            (None, Some(c)) if has_data(c) => missing(out, rule, tid, "fiscal_summary"),
            _ => {}
        }
    }
    // 05 basic ↔ 06
    match (
        t.general_budget_expenditure(),
        t.general_budget_basic_expenditure(),
    ) {
        // 05 printing no 基本支出 (nor its parts) has nothing to compare
        (Some(g), Some(_))
            if !g
                .columns
                .iter()
                .any(|c| c == "basic" || c == "personnel" || c == "public") => {}
        (Some(g), Some(b)) => {
            // 06's whole: its 人员/公用 totals where printed, else its classes
            let parts: Vec<Amount> = if b.personnel_total.is_some() || b.public_total.is_some() {
                vec![
                    conv(b.personnel_total, &b.meta, &g.meta),
                    conv(b.public_total, &b.meta, &g.meta),
                ]
            } else {
                let g6 = crate::grammar::grammar();
                b.items
                    .iter()
                    .filter(|i| match &i.code {
                        Some(c) => c.len() == 3,
                        None => g6.economic_class(&i.name).is_some(),
                    })
                    .map(|i| conv(item_amount(i), &b.meta, &g.meta))
                    .collect()
            };
            out.sum(
                "cross.basic_totals",
                &[
                    "general_budget_expenditure",
                    "general_budget_basic_expenditure",
                ],
                &format!("{} {} {}", tname(&g.meta), label("total"), label("basic")),
                &format!(
                    "{} {} + {}",
                    tname(&b.meta),
                    label("personnel_total"),
                    label("public_total")
                ),
                &parts,
                &tname(&g.meta),
                val(total_row(g), "basic"),
            );
        }
        (Some(g), None) if val(total_row(g), "basic").is_some_and(|v| !v.is_zero()) => missing(
            out,
            "cross.basic_totals",
            "general_budget_expenditure",
            "general_budget_basic_expenditure",
        ),
        (None, Some(b))
            if b.personnel_total
                .or(b.public_total)
                .is_some_and(|v| !v.is_zero()) =>
        {
            missing(
                out,
                "cross.basic_totals",
                "general_budget_basic_expenditure",
                "general_budget_expenditure",
            )
        }
        _ => {}
    }
    // 06 items ≤ 09 actuals
    if let Some(b) = t.general_budget_basic_expenditure() {
        let ids = ["general_budget_basic_expenditure", "three_public"];
        for pair in &catalogue().basic_vs_three_public {
            // the item as the report names it: a code printed under another
            // name is not the 三公 money
            let Some(item) = b.items.iter().find(|i| {
                i.code.as_deref() == Some(pair.code.as_str())
                    && pair
                        .name_contains
                        .iter()
                        .any(|w| crate::normalise::key(&i.name).contains(w.as_str()))
            }) else {
                continue;
            };
            let Some(amount) = item_amount(item).filter(|v| !v.is_zero()) else {
                continue;
            };
            let Some(tp) = t.three_public() else {
                missing(
                    out,
                    "cross.basic_three_public",
                    "general_budget_basic_expenditure",
                    "three_public",
                );
                continue;
            };
            // 决算数, or 预算数 in a budget report that prints only that side
            let Some(side) = tp.actual.as_ref().or(tp.budget.as_ref()) else {
                continue;
            };
            let actual = side.get(&pair.field).flatten();
            // judged in the coarser of the two units, at its printed precision
            // (7315 元 against 0.73 万元 is rounding)
            let (amount, limit) =
                if factor(b.meta.unit.as_deref(), tp.meta.unit.as_deref()) < Decimal::ONE {
                    (
                        conv(Some(amount), &b.meta, &tp.meta).unwrap_or_default(),
                        actual.unwrap_or_default(),
                    )
                } else {
                    (amount, conv(actual, &tp.meta, &b.meta).unwrap_or_default())
                };
            if amount > limit {
                let unit = super::unit_of([&Some(amount), &Some(limit)]);
                let sev = if amount - limit <= unit {
                    Severity::Rounding
                } else {
                    Severity::Error
                };
                let msg = format!(
                    "{} {} {} is {}, above {} {} {} ({})",
                    tname(&b.meta),
                    pair.code,
                    item.name,
                    show(Some(amount)),
                    tname(&tp.meta),
                    label("actual_side"),
                    show(actual),
                    pair.field
                );
                let from = out.findings.len();
                out.push(
                    "cross.basic_three_public",
                    sev,
                    &ids,
                    msg,
                    Some(limit),
                    Some(amount),
                );
                if actual.is_none() {
                    out.blank_in("three_public", from);
                }
            }
        }
    }
}

/// A 06 item's amount, or its 合计 column where the table prints columns (budget layout).
fn item_amount(i: &crate::model::BasicItem) -> Amount {
    i.amount.or_else(|| {
        i.values
            .as_ref()
            .and_then(|v| v.get("total").copied().flatten())
    })
}

/// 06: group sums and the two 合计.
fn basic(doc: &Document, out: &mut Out) {
    let Some(b) = doc.tables.general_budget_basic_expenditure() else {
        return;
    };
    let id = "general_budget_basic_expenditure";
    let name = tname(&b.meta);
    // classes (3-digit codes, or class names where no codes are printed)
    // and the items under each
    let g = crate::grammar::grammar();
    let is_class = |i: &crate::model::BasicItem| match &i.code {
        Some(c) => c.len() == 3,
        None => g.economic_class(&i.name).is_some(),
    };
    let mut groups: Vec<(&crate::model::BasicItem, Vec<&crate::model::BasicItem>)> = Vec::new();
    for (k, item) in b.items.iter().enumerate() {
        if !is_class(item) {
            continue;
        }
        let children: Vec<&crate::model::BasicItem> = match &item.code {
            Some(code) => b
                .items
                .iter()
                .filter(|i| {
                    i.code
                        .as_ref()
                        .is_some_and(|c| c.len() == 5 && c.starts_with(code.as_str()))
                })
                .collect(),
            None => b.items[k + 1..]
                .iter()
                .take_while(|i| i.code.is_none() && !is_class(i))
                .collect(),
        };
        groups.push((item, children));
    }
    // group amount, or the sum of its items where the group line is blank
    let mut group_value: Vec<(&crate::model::BasicItem, Amount)> = Vec::new();
    for (gi, children) in &groups {
        let parts: Vec<Amount> = children.iter().map(|c| item_amount(c)).collect();
        let code = gi
            .code
            .clone()
            .or_else(|| g.economic_class(&gi.name).map(str::to_string))
            .unwrap_or_default();
        let known = format!("basic.sum.{code}");
        let rule = if catalogue().rule.iter().any(|r| r.id == known) {
            known
        } else {
            "basic.sum.other".to_string()
        };
        if !children.is_empty() {
            let first = &children[0];
            let last = &children[children.len() - 1];
            let label = format!(
                "{}..{}",
                first.code.as_deref().unwrap_or(&first.name),
                last.code.as_deref().unwrap_or(&last.name)
            );
            out.sum(
                &rule,
                &[id],
                &format!("{name} {code} {}", gi.name),
                &label,
                &parts,
                gi.code.as_deref().unwrap_or(&gi.name),
                item_amount(gi),
            );
        }
        let v = item_amount(gi).or_else(|| {
            let p: Vec<Decimal> = parts.iter().flatten().copied().collect();
            (!p.is_empty()).then(|| p.iter().copied().sum())
        });
        group_value.push((gi, v));
    }
    if groups.is_empty() {
        return;
    }
    // 人员经费合计 / 公用经费合计: the classes' 人员经费 and 公用经费 columns
    // where printed (a class can hold both), else the classes of each group;
    // checked only where the table prints those totals
    let columnar = b.items.iter().any(|i| {
        i.values
            .as_ref()
            .is_some_and(|v| v.contains_key("personnel"))
    });
    for (grp, rule, label, total) in [
        (
            "personnel",
            "basic.personnel_total",
            label("personnel_total"),
            b.personnel_total,
        ),
        (
            "public",
            "basic.public_total",
            label("public_total"),
            b.public_total,
        ),
    ] {
        if total.is_none() {
            continue;
        }
        let parts: Vec<Amount> = if columnar {
            groups
                .iter()
                .map(|(gi, _)| {
                    gi.values
                        .as_ref()
                        .and_then(|v| v.get(grp).copied().flatten())
                })
                .collect()
        } else {
            group_value
                .iter()
                .filter(|(gi, _)| gi.group == grp)
                .map(|(_, v)| *v)
                .collect()
        };
        out.sum(
            rule,
            &[id],
            &format!("{name} {label}"),
            "the classes",
            &parts,
            label,
            total,
        );
    }
}

/// 09: totals of each side.
fn three_public(doc: &Document, out: &mut Out) {
    let Some(t) = doc.tables.three_public() else {
        return;
    };
    let id = "three_public";
    let name = tname(&t.meta);
    let sides: [(&str, Option<&ThreePublic>); 2] = [
        (label("budget_side"), t.budget.as_ref()),
        (label("actual_side"), t.actual.as_ref()),
    ];
    for (side, v) in sides {
        let Some(v) = v else { continue };
        // where 小计 is blank its two parts stand for it
        let vehicles =
            v.vehicle_total
                .or_else(|| match (v.vehicle_purchase, v.vehicle_operation) {
                    (None, None) => None,
                    (a, b) => Some(a.unwrap_or_default() + b.unwrap_or_default()),
                });
        out.sum(
            "three_public.total",
            &[id],
            &format!("{name} {side} {}", label("total")),
            label("three_public_parts"),
            &[v.overseas_travel, vehicles, v.reception],
            label("total"),
            v.total,
        );
        if v.vehicle_total.is_some() {
            out.sum(
                "three_public.vehicles",
                &[id],
                &format!("{name} {side} {}", label("vehicle_total")),
                label("vehicle_parts"),
                &[v.vehicle_purchase, v.vehicle_operation],
                label("subtotal"),
                v.vehicle_total,
            );
        }
    }
}

/// 10: procurement and vehicle sums.
fn stats(doc: &Document, out: &mut Out) {
    let Some(s) = doc.tables.disclosure_stats() else {
        return;
    };
    let id = "disclosure_stats";
    let name = tname(&s.meta);
    if s.procurement.contains_key("total") {
        let parts: Vec<Amount> = ["goods", "works", "services"]
            .iter()
            .map(|k| s.procurement.get(*k).copied().flatten())
            .collect();
        out.sum(
            "stats.procurement",
            &[id],
            &format!("{name} {}", label("procurement")),
            label("procurement_parts"),
            &parts,
            label("total"),
            s.procurement.get("total").copied().flatten(),
        );
    }
    if s.vehicles.contains_key("total") {
        // "其中…" lines are part of a category, not one more
        let parts: Vec<Option<i64>> = s
            .vehicles
            .iter()
            .filter(|(k, _)| k.as_str() != "total" && !k.starts_with(label("of_which")))
            .map(|(_, v)| *v)
            .collect();
        let total = s.vehicles.get("total").copied().flatten();
        if total.is_some() || parts.iter().any(Option::is_some) {
            let sum: i64 = parts.iter().flatten().sum();
            let printed = total.unwrap_or(0);
            if sum != printed {
                let msg = format!(
                    "{name} {}: the categories add to {sum}, {} says {}",
                    label("vehicles"),
                    label("vehicles_total"),
                    total
                        .map(|t| t.to_string())
                        .unwrap_or_else(|| "blank".into())
                );
                out.push(
                    "stats.vehicles",
                    Severity::Error,
                    &[id],
                    msg,
                    Some(Decimal::from(sum)),
                    Some(Decimal::from(printed)),
                );
            }
        }
    }
}
