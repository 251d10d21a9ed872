//! Rules over the tables: sums and identities within each table, and the
//! figures one table shares with another.

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use super::{catalogue, column_name, show, Out};
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

/// The 合计 row of a classified table.
fn total_row(t: &ClassifiedTable) -> Option<&ClassifiedRow> {
    t.rows.iter().find(|r| r.code.is_none())
}

/// A cell of a classified table's row (blank when the row or column is absent).
fn val(r: Option<&ClassifiedRow>, col: &str) -> Amount {
    r.and_then(|r| r.values.get(col).copied().flatten())
}

/// How a row is named in messages.
fn row_name(r: &ClassifiedRow) -> String {
    match &r.code {
        Some(c) => format!("{c} {}", r.name),
        None => "合计".to_string(),
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
    for row in &t.rows {
        let Some(code) = &row.code else { continue };
        if code.len() != 3 && code.len() != 5 {
            continue;
        }
        let children: Vec<&ClassifiedRow> = t
            .rows
            .iter()
            .filter(|c| {
                c.code
                    .as_ref()
                    .is_some_and(|cc| cc.len() == code.len() + 2 && cc.starts_with(code.as_str()))
            })
            .collect();
        if children.is_empty() {
            continue;
        }
        for col in &t.columns {
            let parts: Vec<Amount> = children.iter().map(|c| val(Some(c), col)).collect();
            let what = format!("{name} {} [{}]", row_name(row), column_name(col));
            let label = format!(
                "{}..{}",
                children[0].code.as_deref().unwrap_or(""),
                children[children.len() - 1].code.as_deref().unwrap_or("")
            );
            out.sum(
                "classified.parent_sum",
                &[id],
                &what,
                &label,
                &parts,
                code,
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
    let classes: Vec<&ClassifiedRow> = t
        .rows
        .iter()
        .filter(|r| r.code.as_ref().is_some_and(|c| c.len() == top))
        .collect();
    if let (Some(tot), false) = (total_row(t), classes.is_empty()) {
        for col in &t.columns {
            let parts: Vec<Amount> = classes.iter().map(|c| val(Some(c), col)).collect();
            out.sum(
                "classified.total_sum",
                &[id],
                &format!("{name} 合计 [{}]", column_name(col)),
                "the 类 rows",
                &parts,
                "合计",
                val(Some(tot), col),
            );
        }
    }
}

/// Row identities: 02 total = Σ sources; 03 / 05 / 07 / 08 total = Σ uses;
/// 07 / 08 opening + income − spending = closing.
fn identities(id: &str, t: &ClassifiedTable, out: &mut Out) {
    let name = tname(&t.meta);
    let (rule, balance_rule, label) = match id {
        "income" => ("income.identity", None, "the sources"),
        "expenditure" => ("expenditure.identity", None, "the uses"),
        "general_budget_expenditure" => ("general_budget.identity", None, "基本支出 + 项目支出"),
        "government_fund" => (
            "government_fund.identity",
            Some("government_fund.balance"),
            "基本支出 + 项目支出",
        ),
        _ => (
            "state_capital.identity",
            Some("state_capital.balance"),
            "基本支出 + 项目支出",
        ),
    };
    let balance_cols = ["opening_balance", "income", "closing_balance"];
    let has = |c: &str| t.columns.iter().any(|x| x == c);
    // 02 may print 财政拨款 and, beside it, its three funds: those are its parts, not more sources
    let funds = ["general_budget", "government_fund", "state_capital"];
    let split_fiscal =
        id == "income" && has("fiscal_appropriation") && funds.iter().any(|f| has(f));
    let parts_cols: Vec<&String> = t
        .columns
        .iter()
        .filter(|c| {
            c.as_str() != "total"
                && !balance_cols.contains(&c.as_str())
                && !(split_fiscal && funds.contains(&c.as_str()))
        })
        .collect();
    for row in &t.rows {
        if split_fiscal {
            let parts: Vec<Amount> = funds.iter().map(|f| val(Some(row), f)).collect();
            out.sum(
                rule,
                &[id],
                &format!("{name} {}", row_name(row)),
                "the three funds",
                &parts,
                "财政拨款收入",
                val(Some(row), "fiscal_appropriation"),
            );
        }
        if has("total") && !parts_cols.is_empty() {
            let parts: Vec<Amount> = parts_cols.iter().map(|c| val(Some(row), c)).collect();
            out.sum(
                rule,
                &[id],
                &format!("{name} {}", row_name(row)),
                label,
                &parts,
                "total",
                val(Some(row), "total"),
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
                        "{name} {}: 年初 {} + 收入 {} − 支出 {} = {}, 年末结转和结余 says {}",
                        row_name(row),
                        show(opening),
                        show(income),
                        show(spent),
                        show(Some(expected)),
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
        && l.code().is_none()
        && l.key().is_none()
        && l.value(col).is_some_and(|v| !v.is_zero())
}

/// A side's 合计 line (`key`) or, where the side prints none, the sum of its
/// source lines (income) or class lines (expenditure) before 总计; `None`
/// when that sum cannot be made (a printed line was not recognised).
fn subtotal(side: &[SummaryLine], key: &str, col: &str, income: bool) -> Option<Amount> {
    if line(side, key).is_some() {
        return Some(lv(side, key, col));
    }
    let head = before(side, "grand_total");
    if head.iter().any(|l| unrecognised(l, col)) {
        return None;
    }
    let vals: Vec<Decimal> = head
        .iter()
        .filter(|l| {
            if income {
                l.key().is_some_and(|k| SOURCES.contains(&k))
            } else {
                l.code().is_some()
            }
        })
        .filter_map(|l| l.value(col))
        .collect();
    Some((!vals.is_empty()).then(|| vals.iter().copied().sum()))
}

/// Income source keys of the summary tables.
const SOURCES: &[&str] = &[
    "general_budget",
    "government_fund",
    "state_capital",
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
    // 本年收入合计 = Σ income lines
    let head = before(&s.income, "income_total");
    if let Some(u) = head.iter().find(|l| unrecognised(l, col)) {
        out.warn_once(
            "summary.income_total",
            id,
            &[id],
            format!(
                "{name}: income line {:?} not recognised, 本年收入合计 not checked",
                u.item.as_deref().unwrap_or("")
            ),
        );
    } else if line(&s.income, "income_total").is_some() {
        let parts: Vec<Amount> = head
            .iter()
            .filter(|l| l.key().is_some_and(|k| SOURCES.contains(&k)))
            .map(|l| l.value(col))
            .collect();
        out.sum(
            "summary.income_total",
            &[id],
            &format!("{name} 本年收入合计"),
            "the income lines",
            &parts,
            "本年收入合计",
            lv(&s.income, "income_total", col),
        );
    }
    // 本年支出合计 = Σ class lines
    let head = before(&s.expenditure, "expenditure_total");
    if let Some(u) = head.iter().find(|l| unrecognised(l, col)) {
        out.warn_once(
            "summary.expenditure_total",
            id,
            &[id],
            format!(
                "{name}: expenditure line {:?} not recognised, 本年支出合计 not checked",
                u.item.as_deref().unwrap_or("")
            ),
        );
    } else if line(&s.expenditure, "expenditure_total").is_some() {
        let parts: Vec<Amount> = head
            .iter()
            .filter(|l| l.code().is_some())
            .map(|l| l.value(col))
            .collect();
        out.sum(
            "summary.expenditure_total",
            &[id],
            &format!("{name} 本年支出合计"),
            "the class lines",
            &parts,
            "本年支出合计",
            lv(&s.expenditure, "expenditure_total", col),
        );
    }
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
        out.sum(
            "summary.income_grand_total",
            &[id],
            &format!("{name} 收入总计"),
            "本年收入合计 + 使用非财政拨款结余 + 年初结转和结余",
            &parts,
            "总计",
            lv(&s.income, "grand_total", col),
        );
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
        out.sum(
            "summary.expenditure_grand_total",
            &[id],
            &format!("{name} 支出总计"),
            "本年支出合计 + 结余分配 + 年末结转和结余",
            &parts,
            "总计",
            lv(&s.expenditure, "grand_total", col),
        );
    }
    if line(&s.income, "grand_total").is_some() && line(&s.expenditure, "grand_total").is_some() {
        out.equal(
            "summary.balance",
            &[id],
            &format!("{name} 总计"),
            "income side",
            lv(&s.income, "grand_total", col),
            "expenditure side",
            lv(&s.expenditure, "grand_total", col),
        );
    }
}

/// The fund columns of 04's expenditure side.
const FUNDS: &[(&str, &str)] = &[
    ("general_budget", "一般公共预算"),
    ("government_fund", "政府性基金"),
    ("state_capital", "国有资本经营"),
];

/// 04 财政拨款收入支出决算总表.
fn fiscal(s: &SummaryTable, out: &mut Out) {
    let id = "fiscal_summary";
    let name = tname(&s.meta);
    let inc = "amount";
    // income side
    if line(&s.income, "income_total").is_some() {
        let parts: Vec<Amount> = FUNDS.iter().map(|(k, _)| lv(&s.income, k, inc)).collect();
        out.sum(
            "fiscal.income_total",
            &[id],
            &format!("{name} 本年收入合计"),
            "the three fund lines",
            &parts,
            "本年收入合计",
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
            &format!("{name} 年初财政拨款结转和结余"),
            "the per-fund lines",
            &opening_parts,
            "年初结转和结余",
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
            &format!("{name} 收入总计"),
            "本年收入合计 + 年初结转和结余",
            &parts,
            "总计",
            lv(&s.income, "grand_total", inc),
        );
    }
    // expenditure side, per column
    let cols: Vec<(&str, &str)> = std::iter::once(("total", "合计"))
        .chain(FUNDS.iter().copied())
        .collect();
    let head = before(&s.expenditure, "expenditure_total");
    let unknown = head
        .iter()
        .find(|l| cols.iter().any(|(c, _)| unrecognised(l, c)));
    for (c, cname) in &cols {
        if let Some(u) = unknown {
            out.warn_once(
                "fiscal.expenditure_total",
                id,
                &[id],
                format!(
                    "{name}: expenditure line {:?} not recognised, 本年支出合计 not checked",
                    u.item.as_deref().unwrap_or("")
                ),
            );
        } else if line(&s.expenditure, "expenditure_total").is_some() {
            let parts: Vec<Amount> = head
                .iter()
                .filter(|l| l.code().is_some())
                .map(|l| l.value(c))
                .collect();
            out.sum(
                "fiscal.expenditure_total",
                &[id],
                &format!("{name} 本年支出合计 [{cname}]"),
                "the class lines",
                &parts,
                "本年支出合计",
                lv(&s.expenditure, "expenditure_total", c),
            );
        }
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
                &format!("{name} 年末财政拨款结转和结余 [{cname}]"),
                "the per-fund lines",
                &closing_parts,
                "年末结转和结余",
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
                &format!("{name} 支出总计 [{cname}]"),
                "本年支出合计 + 年末结转和结余",
                &parts,
                "总计",
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
            let parts: Vec<Amount> = FUNDS.iter().map(|(k, _)| l.value(k)).collect();
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
                "合计",
                l.value("total"),
            );
        }
    }
    // 总计 both sides
    if line(&s.income, "grand_total").is_some() && line(&s.expenditure, "grand_total").is_some() {
        out.equal(
            "fiscal.balance",
            &[id],
            &format!("{name} 总计"),
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
            for (k, kname) in FUNDS {
                let parts = [
                    lv(&s.income, k, inc),
                    lv(&s.income, &format!("opening_{k}"), inc),
                ];
                out.sum(
                    "fiscal.fund_balance",
                    &[id],
                    &format!("{name} {kname}"),
                    "income + 年初结转和结余",
                    &parts,
                    "the column's 总计",
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
    let mut codes: BTreeSet<String> = BTreeSet::new();
    codes.extend(
        s.expenditure
            .iter()
            .filter_map(|l| l.code().map(str::to_string)),
    );
    codes.extend(t.rows.iter().filter_map(|r| {
        r.code
            .as_ref()
            .map(|c| c.chars().take(3).collect::<String>())
    }));
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
        let tr = t
            .rows
            .iter()
            .find(|r| r.code.as_deref() == Some(code.as_str()));
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
            if let Some(sub) = subtotal(&s.income, "income_total", "amount", true) {
                out.equal(
                    "cross.summary_income",
                    &ids,
                    "本年收入合计",
                    &tname(&s.meta),
                    sub,
                    &tname(&i.meta),
                    conv(val(tot, "total"), &i.meta, &s.meta),
                );
            }
            if i.columns.iter().any(|c| c == "fiscal_appropriation") {
                let fiscal: Vec<Decimal> = ["general_budget", "government_fund", "state_capital"]
                    .iter()
                    .filter_map(|k| lv(&s.income, k, "amount"))
                    .collect();
                let a = (!fiscal.is_empty()).then(|| fiscal.iter().copied().sum());
                out.equal(
                    "cross.summary_income",
                    &ids,
                    "财政拨款收入",
                    &tname(&s.meta),
                    a,
                    &tname(&i.meta),
                    conv(val(tot, "fiscal_appropriation"), &i.meta, &s.meta),
                );
            }
            for k in [
                "superior_subsidy",
                "business",
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
                    "本年支出合计",
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
            for (k, kname) in FUNDS {
                if line(&f.income, k).is_some() && line(&s.income, k).is_some() {
                    out.equal(
                        "cross.fiscal_income",
                        &["fiscal_summary", "income_expenditure_summary"],
                        &format!("{kname}财政拨款收入"),
                        &tname(&f.meta),
                        lv(&f.income, k, "amount"),
                        &tname(&s.meta),
                        conv(lv(&s.income, k, "amount"), &s.meta, &f.meta),
                    );
                }
            }
        }
        (Some(f), None)
            if FUNDS
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
            if FUNDS
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
                if let Some(sub) = subtotal(&f.expenditure, "expenditure_total", fund, false) {
                    out.equal(
                        rule,
                        &ids,
                        "本年支出合计",
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
                        "本年收入",
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
        (Some(g), Some(b)) => {
            let p = conv(b.personnel_total, &b.meta, &g.meta);
            let q = conv(b.public_total, &b.meta, &g.meta);
            let parts = [p, q];
            out.sum(
                "cross.basic_totals",
                &[
                    "general_budget_expenditure",
                    "general_budget_basic_expenditure",
                ],
                &format!("{} 合计 基本支出", tname(&g.meta)),
                &format!("{} 人员经费合计 + 公用经费合计", tname(&b.meta)),
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
            let Some(item) = b.items.iter().find(|i| i.code == pair.code) else {
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
            let limit = conv(actual, &tp.meta, &b.meta).unwrap_or_default();
            if amount > limit {
                let unit = super::unit_of([&Some(amount), &Some(limit)]);
                let sev = if amount - limit <= unit {
                    Severity::Rounding
                } else {
                    Severity::Error
                };
                let msg = format!(
                    "{} {} {} is {}, above {} 决算数 {} ({})",
                    tname(&b.meta),
                    item.code,
                    item.name,
                    show(Some(amount)),
                    tname(&tp.meta),
                    show(actual),
                    pair.field
                );
                out.push(
                    "cross.basic_three_public",
                    sev,
                    &ids,
                    msg,
                    Some(limit),
                    Some(amount),
                );
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
    let groups: Vec<&crate::model::BasicItem> =
        b.items.iter().filter(|i| i.code.len() == 3).collect();
    // group amount, or the sum of its items where the group line is blank
    let mut group_value: Vec<(&str, Amount)> = Vec::new();
    for g in &groups {
        let children: Vec<&crate::model::BasicItem> = b
            .items
            .iter()
            .filter(|i| i.code.len() == 5 && i.code.starts_with(&g.code))
            .collect();
        let parts: Vec<Amount> = children.iter().map(|c| item_amount(c)).collect();
        let known = format!("basic.sum.{}", g.code);
        let rule = if catalogue().rule.iter().any(|r| r.id == known) {
            known
        } else {
            "basic.sum.other".to_string()
        };
        if !children.is_empty() {
            let label = format!(
                "{}..{}",
                children[0].code,
                children[children.len() - 1].code
            );
            out.sum(
                &rule,
                &[id],
                &format!("{name} {} {}", g.code, g.name),
                &label,
                &parts,
                &g.code,
                item_amount(g),
            );
        }
        let v = item_amount(g).or_else(|| {
            let p: Vec<Decimal> = parts.iter().flatten().copied().collect();
            (!p.is_empty()).then(|| p.iter().copied().sum())
        });
        group_value.push((g.group.as_str(), v));
    }
    if groups.is_empty() {
        return;
    }
    for (grp, rule, label, total) in [
        (
            "personnel",
            "basic.personnel_total",
            "人员经费合计",
            b.personnel_total,
        ),
        (
            "public",
            "basic.public_total",
            "公用经费合计",
            b.public_total,
        ),
    ] {
        let parts: Vec<Amount> = group_value
            .iter()
            .filter(|(g, _)| *g == grp)
            .map(|(_, v)| *v)
            .collect();
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
    let sides: [(&str, Option<&ThreePublic>); 2] =
        [("预算数", t.budget.as_ref()), ("决算数", t.actual.as_ref())];
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
            &format!("{name} {side} 合计"),
            "因公出国(境)费 + 公务用车费 + 公务接待费",
            &[v.overseas_travel, vehicles, v.reception],
            "合计",
            v.total,
        );
        if v.vehicle_total.is_some() {
            out.sum(
                "three_public.vehicles",
                &[id],
                &format!("{name} {side} 公务用车购置及运行维护费"),
                "购置费 + 运行维护费",
                &[v.vehicle_purchase, v.vehicle_operation],
                "小计",
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
            &format!("{name} 政府采购"),
            "货物 + 工程 + 服务",
            &parts,
            "合计",
            s.procurement.get("total").copied().flatten(),
        );
    }
    if s.vehicles.contains_key("total") {
        // "其中…" lines are part of a category, not one more
        let parts: Vec<Option<i64>> = s
            .vehicles
            .iter()
            .filter(|(k, _)| k.as_str() != "total" && !k.starts_with("其中"))
            .map(|(_, v)| *v)
            .collect();
        let total = s.vehicles.get("total").copied().flatten();
        if total.is_some() || parts.iter().any(Option::is_some) {
            let sum: i64 = parts.iter().flatten().sum();
            let printed = total.unwrap_or(0);
            if sum != printed {
                let msg = format!(
                    "{name} 车辆数: the categories add to {sum}, 车辆数合计 says {}",
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
