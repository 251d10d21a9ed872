//! Reconciliation rules, one by one: a small consistent report (every table,
//! a few prose claims, an annex) keeps every rule; each test then breaks one
//! figure and expects the rule that guards it to report an `error` (or
//! `rounding` for a 0.01 gap).

use juesuan::model::{Document, Finding, Severity};
use serde_json::{json, Value};

/// A table's common keys.
fn meta(label: &str, title: &str) -> Value {
    json!({"label": label, "title": title, "unit": "万元", "pages": [], "empty": false})
}

/// Parses a decimal literal into a JSON number with its digits ("" → null).
fn num(s: &str) -> Value {
    if s.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(s).unwrap()
    }
}

/// A classified table from (code or "" for 合计, name, values by column).
fn classified(label: &str, title: &str, columns: &[&str], rows: &[(&str, &str, &[&str])]) -> Value {
    let mut t = meta(label, title);
    t["columns"] = json!(columns);
    let rows: Vec<Value> = rows
        .iter()
        .map(|(code, name, vals)| {
            let mut values = serde_json::Map::new();
            for (c, v) in columns.iter().zip(vals.iter()) {
                values.insert(c.to_string(), num(v));
            }
            let level = match code.len() {
                0 => 0,
                3 => 1,
                5 => 2,
                _ => 3,
            };
            json!({"code": if code.is_empty() { Value::Null } else { json!(code) }, "name": name, "level": level, "values": values})
        })
        .collect();
    t["rows"] = json!(rows);
    t
}

/// A summary line with a key.
fn kline(line: u32, item: &str, key: &str, amount: &str) -> Value {
    json!({"line": line, "item": item, "key": key, "amount": num(amount)})
}

/// A summary class line.
fn cline(line: u32, item: &str, code: &str, amount: &str) -> Value {
    json!({"line": line, "item": item, "code": code, "amount": num(amount)})
}

/// A fiscal-summary expenditure line: (total, general_budget, government_fund, state_capital).
fn fline(line: u32, item: &str, label: (&str, &str), v: [&str; 4]) -> Value {
    let mut l = json!({"line": line, "item": item, "values": {"total": num(v[0]), "general_budget": num(v[1]), "government_fund": num(v[2]), "state_capital": num(v[3])}});
    l[label.0] = json!(label.1);
    l
}

/// A claim.
fn claim(
    section: &str,
    text: &str,
    value: &str,
    unit: &str,
    refers: Option<(&str, Option<&str>, Option<&str>)>,
) -> Value {
    let kind = match unit {
        "%" => "percent",
        "万元" | "元" => "amount",
        _ => "count",
    };
    let mut c =
        json!({"section": section, "text": text, "value": num(value), "unit": unit, "kind": kind});
    if let Some((table, row, column)) = refers {
        c["refers_to"] = json!({"table": table, "row": row, "column": column});
    }
    c
}

/// The consistent report every test starts from.
fn base() -> Value {
    let cls_income = [
        ("", "合计", &["120.00", "120.00"][..]),
        ("201", "一般公共服务支出", &["25.00", "25.00"]),
        ("20101", "人大事务", &["25.00", "25.00"]),
        ("2010101", "行政运行", &["25.00", "25.00"]),
        ("208", "社会保障和就业支出", &["75.00", "75.00"]),
        ("20805", "行政事业单位养老支出", &["75.00", "75.00"]),
        ("2080501", "行政单位离退休", &["50.00", "50.00"]),
        ("2080502", "事业单位离退休", &["25.00", "25.00"]),
        ("212", "城乡社区支出", &["20.00", "20.00"]),
        (
            "21208",
            "国有土地使用权出让收入安排的支出",
            &["20.00", "20.00"],
        ),
        ("2120801", "征地和拆迁补偿支出", &["20.00", "20.00"]),
    ];
    let cls_exp = [
        ("", "合计", &["120.00", "60.00", "60.00"][..]),
        ("201", "一般公共服务支出", &["25.00", "", "25.00"]),
        ("20101", "人大事务", &["25.00", "", "25.00"]),
        ("2010101", "行政运行", &["25.00", "", "25.00"]),
        ("208", "社会保障和就业支出", &["75.00", "60.00", "15.00"]),
        (
            "20805",
            "行政事业单位养老支出",
            &["75.00", "60.00", "15.00"],
        ),
        ("2080501", "行政单位离退休", &["50.00", "50.00", ""]),
        ("2080502", "事业单位离退休", &["25.00", "10.00", "15.00"]),
        ("212", "城乡社区支出", &["20.00", "", "20.00"]),
        (
            "21208",
            "国有土地使用权出让收入安排的支出",
            &["20.00", "", "20.00"],
        ),
        ("2120801", "征地和拆迁补偿支出", &["20.00", "", "20.00"]),
    ];
    let cls_gb = [
        ("", "合计", &["100.00", "60.00", "40.00"][..]),
        ("201", "一般公共服务支出", &["25.00", "", "25.00"]),
        ("20101", "人大事务", &["25.00", "", "25.00"]),
        ("2010101", "行政运行", &["25.00", "", "25.00"]),
        ("208", "社会保障和就业支出", &["75.00", "60.00", "15.00"]),
        (
            "20805",
            "行政事业单位养老支出",
            &["75.00", "60.00", "15.00"],
        ),
        ("2080501", "行政单位离退休", &["50.00", "50.00", ""]),
        ("2080502", "事业单位离退休", &["25.00", "10.00", "15.00"]),
    ];
    let cls_gf = [
        ("", "合计", &["", "20.00", "20.00", "", "20.00", ""][..]),
        (
            "212",
            "城乡社区支出",
            &["", "20.00", "20.00", "", "20.00", ""],
        ),
        (
            "21208",
            "国有土地使用权出让收入安排的支出",
            &["", "20.00", "20.00", "", "20.00", ""],
        ),
        (
            "2120801",
            "征地和拆迁补偿支出",
            &["", "20.00", "20.00", "", "20.00", ""],
        ),
    ];
    let mut sc = classified(
        "公开08表",
        "国有资本经营预算财政拨款支出决算表",
        &["total", "basic", "project"],
        &[],
    );
    sc["empty"] = json!(true);
    let mut s01 = meta("公开01表", "收入支出决算总表");
    s01["income"] = json!([
        kline(1, "一般公共预算财政拨款收入", "general_budget", "100.00"),
        kline(2, "政府性基金预算财政拨款收入", "government_fund", "20.00"),
        kline(3, "国有资本经营预算财政拨款收入", "state_capital", ""),
        kline(8, "其他收入", "other", ""),
        kline(27, "本年收入合计", "income_total", "120.00"),
        kline(28, "使用非财政拨款结余", "non_fiscal_balance_used", ""),
        kline(29, "年初结转和结余", "opening_balance", "10.00"),
        kline(31, "总计", "grand_total", "130.00"),
    ]);
    s01["expenditure"] = json!([
        cline(32, "一般公共服务支出", "201", "25.00"),
        cline(39, "社会保障和就业支出", "208", "75.00"),
        cline(42, "城乡社区支出", "212", "20.00"),
        kline(58, "本年支出合计", "expenditure_total", "120.00"),
        kline(59, "结余分配", "balance_distribution", ""),
        kline(60, "年末结转和结余", "closing_balance", "10.00"),
        kline(62, "总计", "grand_total", "130.00"),
    ]);
    let mut s04 = meta("公开04表", "财政拨款收入支出决算总表");
    s04["income"] = json!([
        kline(1, "一般公共预算财政拨款", "general_budget", "100.00"),
        kline(2, "政府性基金预算财政拨款", "government_fund", "20.00"),
        kline(3, "国有资本经营预算财政拨款", "state_capital", ""),
        kline(27, "本年收入合计", "income_total", "120.00"),
        kline(28, "年初财政拨款结转和结余", "opening_balance", "10.00"),
        kline(
            29,
            "一般公共预算财政拨款",
            "opening_general_budget",
            "10.00"
        ),
        kline(30, "政府性基金预算财政拨款", "opening_government_fund", ""),
        kline(32, "总计", "grand_total", "130.00"),
    ]);
    s04["expenditure"] = json!([
        fline(
            33,
            "一般公共服务支出",
            ("code", "201"),
            ["25.00", "25.00", "", ""]
        ),
        fline(
            40,
            "社会保障和就业支出",
            ("code", "208"),
            ["75.00", "75.00", "", ""]
        ),
        fline(
            43,
            "城乡社区支出",
            ("code", "212"),
            ["20.00", "", "20.00", ""]
        ),
        fline(
            59,
            "本年支出合计",
            ("key", "expenditure_total"),
            ["120.00", "100.00", "20.00", ""]
        ),
        fline(
            60,
            "年末财政拨款结转和结余",
            ("key", "closing_balance"),
            ["10.00", "10.00", "", ""]
        ),
        fline(
            61,
            "一般公共预算财政拨款",
            ("key", "closing_general_budget"),
            ["10.00", "10.00", "", ""]
        ),
        fline(
            64,
            "总计",
            ("key", "grand_total"),
            ["130.00", "110.00", "20.00", ""]
        ),
    ]);
    let mut b06 = meta("公开06表", "一般公共预算财政拨款基本支出决算明细表");
    let item = |code: &str, name: &str, group: &str, amount: &str| json!({"code": code, "name": name, "group": group, "amount": num(amount)});
    b06["items"] = json!([
        item("301", "工资福利支出", "personnel", "40.00"),
        item("30101", "基本工资", "personnel", "25.00"),
        item("30102", "津贴补贴", "personnel", "15.00"),
        item("303", "对个人和家庭的补助", "personnel", "10.00"),
        item("30301", "离休费", "personnel", "10.00"),
        item("302", "商品和服务支出", "public", "10.00"),
        item("30201", "办公费", "public", "2.50"),
        item("30231", "公务用车运行维护费", "public", "7.50"),
        item("307", "债务利息及费用支出", "public", ""),
        item("30701", "国内债务付息", "public", ""),
    ]);
    b06["personnel_total"] = num("50.00");
    b06["public_total"] = num("10.00");
    let side = json!({"total": num("8.00"), "overseas_travel": null, "vehicle_total": num("8.00"), "vehicle_purchase": null, "vehicle_operation": num("8.00"), "reception": null});
    let mut t09 = meta("公开09表", "财政拨款“三公”经费支出决算表");
    t09["budget"] = side.clone();
    t09["actual"] = side;
    let mut t10 = meta("公开10表", "部门决算公开相关信息统计表");
    t10["procurement"] = json!({"total": num("20.00"), "goods": num("5.00"), "works": null, "services": num("15.00")});
    t10["office_operation"] =
        json!({"administrative": num("10.00"), "civil_servant_managed": null});
    t10["vehicles"] = json!({"total": 2, "机要通信用车": 1, "其他用车": 1});
    t10["equipment_over_1m"] = Value::Null;

    let s1 = "一、收入支出决算总体情况说明";
    let s3 = "三、支出决算情况说明";
    let s5 = "五、一般公共预算财政拨款支出决算情况说明";
    let s9 = "九、财政拨款“三公”经费支出决算情况说明";
    let s10 = "十、其他重要事项情况说明";
    let claims = json!([
        claim(
            s1,
            "2024年度收入总计130.00万元",
            "130.00",
            "万元",
            Some((
                "income_expenditure_summary",
                Some("income.grand_total"),
                Some("amount")
            ))
        ),
        claim(s1, "收入总计增加30.00万元", "30.00", "万元", None),
        claim(s1, "增长30.00%", "30.00", "%", None),
        claim(
            s3,
            "2024年度支出合计120.00万元",
            "120.00",
            "万元",
            Some(("expenditure", None, Some("total")))
        ),
        claim(
            s3,
            "基本支出60.00万元",
            "60.00",
            "万元",
            Some(("expenditure", None, Some("basic")))
        ),
        claim(s3, "占比50.00%", "50.00", "%", None),
        claim(
            s3,
            "项目支出60.00万元",
            "60.00",
            "万元",
            Some(("expenditure", None, Some("project")))
        ),
        claim(s3, "占比50.00%", "50.00", "%", None),
        claim(
            s5,
            "2024年一般公共预算财政拨款决算支出100.00万元",
            "100.00",
            "万元",
            Some(("general_budget_expenditure", None, Some("total")))
        ),
        claim(s5, "占本年支出合计的83.33%", "83.33", "%", None),
        claim(
            s5,
            "社会保障和就业支出年初预算80.00万元",
            "80.00",
            "万元",
            None
        ),
        claim(s5, "支出决算75.00万元", "75.00", "万元", None),
        claim(s5, "完成年初预算的93.75%", "93.75", "%", None),
        claim(s5, "较上年决算减少25.00万元", "25.00", "万元", None),
        claim(s5, "下降25%", "25", "%", None),
        claim(
            s9,
            "津贴补贴15万元",
            "15",
            "万元",
            Some((
                "general_budget_basic_expenditure",
                Some("30102"),
                Some("amount")
            ))
        ),
        claim(
            s9,
            "使用财政拨款负担的公务用车保有量共2辆",
            "2",
            "辆",
            Some(("disclosure_stats", Some("vehicles"), Some("total")))
        ),
        claim(
            s10,
            "本部门(单位)共有车辆2辆",
            "2",
            "辆",
            Some(("disclosure_stats", Some("vehicles"), Some("total")))
        ),
        claim(s10, "1个项目自评等级为“优”", "1", "个", None),
        claim(s10, "1个项目自评等级为“良”", "1", "个", None),
    ]);
    let project = |name: &str, budget: &str, executed: &str, score: &str, grade: &str| json!({"name": name, "budget": num(budget), "executed": num(executed), "indicator": null, "expected": null, "achieved": null, "score": num(score), "grade": grade});
    json!({
        "schema": "juesuan/1",
        "source": {"path": "t", "sha256": "0", "format": "text", "pages": null},
        "report": {"kind": "final_accounts", "year": 2024, "department": "测试局", "unit": "万元"},
        "tables": {
            "income_expenditure_summary": s01,
            "income": classified("公开02表", "收入决算表", &["total", "fiscal_appropriation"], &cls_income),
            "expenditure": classified("公开03表", "支出决算表", &["total", "basic", "project"], &cls_exp),
            "fiscal_summary": s04,
            "general_budget_expenditure": classified("公开05表", "一般公共预算财政拨款支出决算表", &["total", "basic", "project"], &cls_gb),
            "general_budget_basic_expenditure": b06,
            "government_fund": classified("公开07表", "政府性基金预算财政拨款收入支出决算表", &["opening_balance", "income", "total", "basic", "project", "closing_balance"], &cls_gf),
            "state_capital": sc,
            "three_public": t09,
            "disclosure_stats": t10
        },
        "narrative": {"claims": claims},
        "performance": {
            "projects": [project("甲项目", "10.00", "9.00", "95", "优"), project("乙项目", "20.00", "20.00", "85", "良")],
            "total": {"budget": num("30.00"), "executed": num("29.00"), "score": num("90"), "grade": "优"},
            "statements": [
                statement(1, "甲项目", ["10", "9", "90", "95"], "优"),
                // a whole-percent rate, and no amounts: those come from the table row
                statement(2, "乙项目", ["", "", "100", "85"], "良")
            ]
        },
        "findings": []
    })
}

/// An annex prose statement: (budget, executed, rate, score) and grade.
fn statement(item: u32, name: &str, figures: [&str; 4], grade: &str) -> Value {
    json!({"item": item, "name": name, "budget": num(figures[0]), "executed": num(figures[1]),
           "unit": "万元", "rate": num(figures[2]), "score": num(figures[3]), "grade": grade,
           "text": format!("{name}预算指标{}万元", figures[0])})
}

/// Runs the rules over a JSON document.
fn run(v: &Value) -> Vec<Finding> {
    let mut doc: Document = serde_json::from_value(v.clone()).expect("test document deserialises");
    // what each clause states, read as the prose parser reads it
    for c in doc.narrative.claims.iter_mut() {
        juesuan::parse::narrative::read_clause(c, doc.report.year);
    }
    juesuan::reconcile::run(&mut doc, &[])
}

/// Sets a classified table's cell.
fn set_cell(v: &mut Value, table: &str, code: Option<&str>, col: &str, value: &str) {
    let rows = v["tables"][table]["rows"].as_array_mut().unwrap();
    let row = rows
        .iter_mut()
        .find(|r| r["code"].as_str() == code)
        .unwrap_or_else(|| panic!("{table} row {code:?}"));
    row["values"][col] = num(value);
}

/// Sets a summary line's amount (`col` = "amount") or value.
fn set_line(v: &mut Value, table: &str, side: &str, label: &str, col: &str, value: &str) {
    let lines = v["tables"][table][side].as_array_mut().unwrap();
    let l = lines
        .iter_mut()
        .find(|l| l["key"].as_str() == Some(label) || l["code"].as_str() == Some(label))
        .unwrap_or_else(|| panic!("{table} {side} {label}"));
    if col == "amount" {
        l["amount"] = num(value);
    } else {
        l["values"][col] = num(value);
    }
}

/// Sets a 06 item's amount.
fn set_item(v: &mut Value, code: &str, value: &str) {
    let items = v["tables"]["general_budget_basic_expenditure"]["items"]
        .as_array_mut()
        .unwrap();
    items.iter_mut().find(|i| i["code"] == code).unwrap()["amount"] = num(value);
}

/// Sets the value of the claim whose text is `text`.
fn set_claim(v: &mut Value, text: &str, value: &str) {
    let claims = v["narrative"]["claims"].as_array_mut().unwrap();
    claims
        .iter_mut()
        .find(|c| c["text"] == text)
        .unwrap_or_else(|| panic!("claim {text}"))["value"] = num(value);
}

/// Asserts `rule` reported with `severity`, and returns the findings.
fn expect(v: &Value, rule: &str, severity: Severity) -> Vec<Finding> {
    let f = run(v);
    assert!(
        f.iter().any(|x| x.rule == rule && x.severity == severity),
        "expected {rule} {severity:?}, got:\n{}",
        juesuan::reconcile::render(&f)
    );
    f
}

#[test]
fn the_consistent_report_keeps_every_rule() {
    let f = run(&base());
    assert!(f.is_empty(), "{}", juesuan::reconcile::render(&f));
}

#[test]
fn classified_parent_sum() {
    let mut v = base();
    set_cell(&mut v, "income", Some("2080502"), "total", "26.00");
    let f = expect(&v, "classified.parent_sum", Severity::Error);
    let x = f
        .iter()
        .find(|x| x.rule == "classified.parent_sum")
        .unwrap();
    assert_eq!(x.tables, vec!["income"]);
    assert!(x.message.contains("20805"), "{}", x.message);
    // a 0.01 gap is rounding
    let mut v = base();
    set_cell(&mut v, "income", Some("2080502"), "total", "25.01");
    set_cell(
        &mut v,
        "income",
        Some("2080502"),
        "fiscal_appropriation",
        "25.01",
    );
    let f = expect(&v, "classified.parent_sum", Severity::Rounding);
    assert!(!f
        .iter()
        .any(|x| x.rule == "classified.parent_sum" && x.severity == Severity::Error));
}

#[test]
fn classified_total_sum() {
    let mut v = base();
    set_cell(&mut v, "expenditure", None, "basic", "61.00");
    set_cell(&mut v, "expenditure", None, "project", "59.00");
    expect(&v, "classified.total_sum", Severity::Error);
}

#[test]
fn income_identity() {
    let mut v = base();
    set_cell(
        &mut v,
        "income",
        Some("2080501"),
        "fiscal_appropriation",
        "49.00",
    );
    expect(&v, "income.identity", Severity::Error);
}

#[test]
fn expenditure_identity() {
    let mut v = base();
    set_cell(&mut v, "expenditure", Some("2080502"), "basic", "11.00");
    expect(&v, "expenditure.identity", Severity::Error);
}

#[test]
fn general_budget_identity() {
    let mut v = base();
    set_cell(
        &mut v,
        "general_budget_expenditure",
        Some("2080502"),
        "project",
        "16.00",
    );
    expect(&v, "general_budget.identity", Severity::Error);
}

#[test]
fn government_fund_identity_and_balance() {
    let mut v = base();
    set_cell(&mut v, "government_fund", Some("2120801"), "basic", "1.00");
    expect(&v, "government_fund.identity", Severity::Error);
    let mut v = base();
    set_cell(
        &mut v,
        "government_fund",
        Some("2120801"),
        "closing_balance",
        "5.00",
    );
    expect(&v, "government_fund.balance", Severity::Error);
}

#[test]
fn state_capital_identity_and_balance() {
    let cols = [
        "opening_balance",
        "income",
        "total",
        "basic",
        "project",
        "closing_balance",
    ];
    let mut v = base();
    v["tables"]["state_capital"] = classified(
        "公开08表",
        "国有资本经营预算财政拨款收入支出决算表",
        &cols,
        &[("", "合计", &["", "5.00", "5.00", "1.00", "3.00", ""])],
    );
    expect(&v, "state_capital.identity", Severity::Error);
    let mut v = base();
    v["tables"]["state_capital"] = classified(
        "公开08表",
        "国有资本经营预算财政拨款收入支出决算表",
        &cols,
        &[("", "合计", &["", "5.00", "4.00", "1.00", "3.00", ""])],
    );
    let f = expect(&v, "state_capital.balance", Severity::Error);
    assert!(!f.iter().any(|x| x.rule == "state_capital.identity"));
}

#[test]
fn summary_rules() {
    let t = "income_expenditure_summary";
    let mut v = base();
    set_line(&mut v, t, "income", "income_total", "amount", "121.00");
    expect(&v, "summary.income_total", Severity::Error);
    let mut v = base();
    set_line(&mut v, t, "expenditure", "201", "amount", "26.00");
    expect(&v, "summary.expenditure_total", Severity::Error);
    let mut v = base();
    set_line(&mut v, t, "income", "grand_total", "amount", "131.00");
    expect(&v, "summary.income_grand_total", Severity::Error);
    let mut v = base();
    set_line(
        &mut v,
        t,
        "expenditure",
        "closing_balance",
        "amount",
        "11.00",
    );
    expect(&v, "summary.expenditure_grand_total", Severity::Error);
    let mut v = base();
    set_line(
        &mut v,
        t,
        "expenditure",
        "closing_balance",
        "amount",
        "11.00",
    );
    set_line(&mut v, t, "expenditure", "grand_total", "amount", "131.00");
    let f = expect(&v, "summary.balance", Severity::Error);
    assert!(!f
        .iter()
        .any(|x| x.rule == "summary.expenditure_grand_total"));
}

/// A fund printed as `其中` under 财政拨款收入 is a part of that line: the
/// side's total and the income table's 财政拨款 are checked against
/// 财政拨款收入, not against the one fund (final-2024-southwest-university).
#[test]
fn an_of_which_fund_is_a_part_of_fiscal_income() {
    let mut v = base();
    let income = v["tables"]["income_expenditure_summary"]["income"]
        .as_array_mut()
        .unwrap();
    income[0] = kline(1, "财政拨款收入", "fiscal_appropriation", "120.00");
    income[1] = kline(2, "其中:政府性基金预算财政拨款", "government_fund", "20.00");
    let f = run(&v);
    let bad: Vec<&Finding> = f
        .iter()
        .filter(|x| x.severity != Severity::Rounding)
        .filter(|x| x.rule == "summary.income_total" || x.rule == "cross.summary_income")
        .collect();
    assert!(bad.is_empty(), "{bad:?}");
    // and the total is still checked against 财政拨款收入
    set_line(
        &mut v,
        "income_expenditure_summary",
        "income",
        "income_total",
        "amount",
        "121.00",
    );
    expect(&v, "summary.income_total", Severity::Error);
}

#[test]
fn fiscal_rules() {
    let t = "fiscal_summary";
    let mut v = base();
    set_line(&mut v, t, "income", "income_total", "amount", "121.00");
    expect(&v, "fiscal.income_total", Severity::Error);
    let mut v = base();
    set_line(&mut v, t, "expenditure", "201", "total", "26.00");
    set_line(&mut v, t, "expenditure", "201", "general_budget", "26.00");
    let f = expect(&v, "fiscal.expenditure_total", Severity::Error);
    assert!(!f.iter().any(|x| x.rule == "fiscal.row_identity"));
    let mut v = base();
    set_line(&mut v, t, "expenditure", "208", "total", "76.00");
    expect(&v, "fiscal.row_identity", Severity::Error);
    let mut v = base();
    set_line(
        &mut v,
        t,
        "income",
        "opening_general_budget",
        "amount",
        "9.00",
    );
    expect(&v, "fiscal.opening", Severity::Error);
    let mut v = base();
    set_line(
        &mut v,
        t,
        "expenditure",
        "closing_general_budget",
        "general_budget",
        "9.00",
    );
    set_line(
        &mut v,
        t,
        "expenditure",
        "closing_general_budget",
        "total",
        "9.00",
    );
    expect(&v, "fiscal.closing", Severity::Error);
    let mut v = base();
    set_line(&mut v, t, "income", "grand_total", "amount", "131.00");
    expect(&v, "fiscal.income_grand_total", Severity::Error);
    let mut v = base();
    for k in ["closing_balance", "closing_general_budget"] {
        set_line(&mut v, t, "expenditure", k, "total", "11.00");
        set_line(&mut v, t, "expenditure", k, "general_budget", "11.00");
    }
    expect(&v, "fiscal.expenditure_grand_total", Severity::Error);
    let mut v = base();
    set_line(&mut v, t, "expenditure", "grand_total", "total", "131.00");
    expect(&v, "fiscal.balance", Severity::Error);
    let mut v = base();
    set_line(&mut v, t, "income", "government_fund", "amount", "21.00");
    expect(&v, "fiscal.fund_balance", Severity::Error);
}

#[test]
fn cross_rules() {
    let mut v = base();
    set_cell(&mut v, "income", None, "total", "121.00");
    set_cell(&mut v, "income", None, "fiscal_appropriation", "121.00");
    expect(&v, "cross.summary_income", Severity::Error);
    let mut v = base();
    set_cell(&mut v, "expenditure", None, "total", "121.00");
    expect(&v, "cross.summary_expenditure", Severity::Error);
    let mut v = base();
    set_line(
        &mut v,
        "income_expenditure_summary",
        "expenditure",
        "208",
        "amount",
        "76.00",
    );
    expect(&v, "cross.summary_classes", Severity::Error);
    let mut v = base();
    set_line(
        &mut v,
        "fiscal_summary",
        "income",
        "general_budget",
        "amount",
        "101.00",
    );
    expect(&v, "cross.fiscal_income", Severity::Error);
    let mut v = base();
    set_cell(
        &mut v,
        "general_budget_expenditure",
        None,
        "total",
        "101.00",
    );
    expect(&v, "cross.fiscal_general_budget", Severity::Error);
    let mut v = base();
    set_cell(&mut v, "government_fund", None, "total", "21.00");
    expect(&v, "cross.fiscal_government_fund", Severity::Error);
    let mut v = base();
    v["tables"]["state_capital"] = classified(
        "公开08表",
        "国有资本经营预算财政拨款支出决算表",
        &["total", "basic", "project"],
        &[("", "合计", &["5.00", "", "5.00"])],
    );
    expect(&v, "cross.fiscal_state_capital", Severity::Error);
    let mut v = base();
    v["tables"]["general_budget_basic_expenditure"]["personnel_total"] = num("51.00");
    expect(&v, "cross.basic_totals", Severity::Error);
    let mut v = base();
    set_item(&mut v, "30231", "9.00");
    set_item(&mut v, "30201", "1.00");
    let f = expect(&v, "cross.basic_three_public", Severity::Error);
    assert!(!f.iter().any(|x| x.rule == "basic.sum.302"));
    // the same code printed under another name is not 公务用车运行维护费: the
    // report's name says what the item is, not the code
    let items = v["tables"]["general_budget_basic_expenditure"]["items"]
        .as_array_mut()
        .unwrap();
    items.iter_mut().find(|i| i["code"] == "30231").unwrap()["name"] = "其他交通费用".into();
    let f = run(&v);
    assert!(
        !f.iter().any(|x| x.rule == "cross.basic_three_public"),
        "{}",
        juesuan::reconcile::render(&f)
    );
}

#[test]
fn a_missing_table_is_one_warning_and_a_legitimately_absent_one_none() {
    let mut v = base();
    v["tables"].as_object_mut().unwrap().remove("income");
    let f = run(&v);
    let w: Vec<&Finding> = f
        .iter()
        .filter(|x| x.rule == "cross.summary_income")
        .collect();
    assert_eq!(w.len(), 1, "{}", juesuan::reconcile::render(&f));
    assert_eq!(w[0].severity, Severity::Warning);
    assert!(!f.iter().any(|x| x.severity == Severity::Error));
    // no 08 at all, and 04's 国有资本经营 column blank: nothing to say
    let mut v = base();
    v["tables"].as_object_mut().unwrap().remove("state_capital");
    assert!(run(&v).is_empty());
}

#[test]
fn basic_group_sums() {
    for code in [
        "301", "302", "303", "307", "309", "310", "311", "312", "313", "399", "398",
    ] {
        let mut v = base();
        let group = if ["301", "303"].contains(&code) {
            "personnel"
        } else {
            "public"
        };
        let items = v["tables"]["general_budget_basic_expenditure"]["items"]
            .as_array_mut()
            .unwrap();
        items.push(json!({"code": code, "name": "组", "group": group, "amount": num("3.00")}));
        items.push(json!({"code": format!("{code}01"), "name": "项", "group": group, "amount": num("2.00")}));
        let rule = if code == "398" {
            "basic.sum.other".to_string()
        } else {
            format!("basic.sum.{code}")
        };
        expect(&v, &rule, Severity::Error);
    }
    // 301's parts 0.01 short: rounding, not error
    let mut v = base();
    set_item(&mut v, "30101", "24.99");
    let f = expect(&v, "basic.sum.301", Severity::Rounding);
    let x = f.iter().find(|x| x.rule == "basic.sum.301").unwrap();
    assert_eq!(
        (
            x.expected.unwrap().to_string(),
            x.actual.unwrap().to_string()
        ),
        ("39.99".into(), "40.00".into())
    );
}

#[test]
fn basic_totals() {
    let mut v = base();
    set_item(&mut v, "303", "11.00");
    set_item(&mut v, "30301", "11.00");
    let f = expect(&v, "basic.personnel_total", Severity::Error);
    assert!(!f.iter().any(|x| x.rule == "basic.sum.303"));
    let mut v = base();
    set_item(&mut v, "302", "11.00");
    set_item(&mut v, "30201", "3.50");
    expect(&v, "basic.public_total", Severity::Error);
}

#[test]
fn three_public_rules() {
    let mut v = base();
    v["tables"]["three_public"]["actual"]["total"] = num("9.00");
    expect(&v, "three_public.total", Severity::Error);
    let mut v = base();
    v["tables"]["three_public"]["budget"]["vehicle_total"] = num("9.00");
    v["tables"]["three_public"]["budget"]["total"] = num("9.00");
    let f = expect(&v, "three_public.vehicles", Severity::Error);
    assert!(!f.iter().any(|x| x.rule == "three_public.total"));
}

#[test]
fn stats_rules() {
    let mut v = base();
    v["tables"]["disclosure_stats"]["procurement"]["goods"] = num("6.00");
    expect(&v, "stats.procurement", Severity::Error);
    let mut v = base();
    v["tables"]["disclosure_stats"]["vehicles"]["其他用车"] = json!(2);
    expect(&v, "stats.vehicles", Severity::Error);
}

#[test]
fn narrative_claim() {
    let mut v = base();
    set_claim(&mut v, "基本支出60.00万元", "61.00");
    let f = expect(&v, "narrative.claim", Severity::Error);
    let x = f.iter().find(|x| x.rule == "narrative.claim").unwrap();
    assert_eq!(x.tables, vec!["expenditure", "narrative"]);
    assert!(x.message.contains("基本支出60.00万元"));
    // fewer decimals within half the last digit: rounding; equal numerically: nothing
    let mut v = base();
    set_item(&mut v, "30102", "15.04");
    set_item(&mut v, "30101", "24.96");
    let f = expect(&v, "narrative.claim", Severity::Rounding);
    assert!(
        !f.iter().any(|x| x.severity == Severity::Error),
        "{}",
        juesuan::reconcile::render(&f)
    );
    // a table in 元 against a claim in 万元
    let mut v = base();
    v["tables"]["general_budget_basic_expenditure"]["unit"] = json!("元");
    set_item(&mut v, "30102", "150000.00");
    let f = run(&v);
    assert!(
        !f.iter().any(|x| x.rule == "narrative.claim"),
        "{}",
        juesuan::reconcile::render(&f)
    );
}

#[test]
fn narrative_rates() {
    let mut v = base();
    let claims = v["narrative"]["claims"].as_array_mut().unwrap();
    claims
        .iter_mut()
        .filter(|c| c["text"] == "占比50.00%")
        .nth(1)
        .unwrap()["value"] = num("52.00");
    expect(&v, "narrative.share", Severity::Error);
    let mut v = base();
    set_claim(&mut v, "占本年支出合计的83.33%", "85.33");
    expect(&v, "narrative.share", Severity::Error);
    let mut v = base();
    set_claim(&mut v, "增长30.00%", "31.00");
    expect(&v, "narrative.growth", Severity::Error);
    let mut v = base();
    set_claim(&mut v, "下降25%", "20");
    expect(&v, "narrative.growth", Severity::Error);
    let mut v = base();
    set_claim(&mut v, "完成年初预算的93.75%", "90.00");
    expect(&v, "narrative.completion", Severity::Error);
}

#[test]
fn narrative_repeated() {
    let mut v = base();
    v["tables"]
        .as_object_mut()
        .unwrap()
        .remove("disclosure_stats");
    let f = run(&v);
    assert!(!f.iter().any(|x| x.rule == "narrative.repeated"));
    assert!(f
        .iter()
        .any(|x| x.rule == "narrative.claim" && x.severity == Severity::Warning));
    // two clauses in other words may name two figures (held, to be bought)
    set_claim(&mut v, "本部门(单位)共有车辆2辆", "3");
    expect(&v, "narrative.repeated", Severity::Warning);
    // the same words twice with two figures: the report contradicts itself
    let claims = v["narrative"]["claims"].as_array_mut().unwrap();
    let mut again = claims
        .iter()
        .find(|c| c["text"] == "本部门(单位)共有车辆2辆")
        .unwrap()
        .clone();
    again["value"] = num("4");
    claims.push(again);
    expect(&v, "narrative.repeated", Severity::Error);
}

#[test]
fn annex_rules() {
    let mut v = base();
    v["performance"]["total"]["budget"] = num("31.00");
    expect(&v, "annex.total", Severity::Error);
    let mut v = base();
    v["performance"]["projects"][1]["score"] = num("79");
    expect(&v, "annex.grade", Severity::Error);
    let mut v = base();
    let mut dup = v["performance"]["projects"][0].clone();
    dup["executed"] = num("8.00");
    v["performance"]["projects"]
        .as_array_mut()
        .unwrap()
        .push(dup);
    expect(&v, "annex.duplicate", Severity::Error);
    let mut v = base();
    set_claim(&mut v, "1个项目自评等级为“优”", "2");
    expect(&v, "annex.grade_count", Severity::Error);
}

#[test]
fn annex_rate() {
    let set = |v: &mut Value, i: usize, k: &str, x: &str| {
        v["performance"]["statements"][i][k] = num(x);
    };
    // 9 / 10 = 90%: printed 90.5 is off by 0.5 against a tolerance of 0.05 plus
    // the amounts' rounding
    let mut v = base();
    set(&mut v, 0, "rate", "90.5");
    let f = expect(&v, "annex.rate", Severity::Error);
    let x = f.iter().find(|x| x.rule == "annex.rate").unwrap();
    assert_eq!(x.expected.unwrap().to_string(), "90.00");
    assert_eq!(x.tables, ["performance"]);
    // whole percents compare to half a percent: 6.992 / 7 = 99.886% is "100%"
    let mut v = base();
    set(&mut v, 0, "budget", "7");
    set(&mut v, 0, "executed", "6.992");
    set(&mut v, 0, "rate", "100");
    v["performance"]["projects"][0]["budget"] = num("7");
    v["performance"]["projects"][0]["executed"] = num("6.992");
    v["performance"]["total"]["budget"] = num("27");
    v["performance"]["total"]["executed"] = num("26.992");
    let f = run(&v);
    assert!(f.is_empty(), "{}", juesuan::reconcile::render(&f));
    // … but printed to 0.01% it must be 99.89
    set(&mut v, 0, "rate", "99.99");
    expect(&v, "annex.rate", Severity::Error);
    set(&mut v, 0, "rate", "99.89");
    assert!(run(&v).is_empty());
    // 700 / 1020 = 68.627%: 68.63 keeps the rule, 68.62 is a rounding slip
    let mut v = base();
    set(&mut v, 0, "budget", "1020");
    set(&mut v, 0, "executed", "700");
    set(&mut v, 0, "rate", "68.63");
    v["performance"]["projects"][0]["budget"] = num("1020");
    v["performance"]["projects"][0]["executed"] = num("700");
    v["performance"]["total"]["budget"] = num("1040");
    v["performance"]["total"]["executed"] = num("720");
    let f = run(&v);
    assert!(f.is_empty(), "{}", juesuan::reconcile::render(&f));
    set(&mut v, 0, "rate", "68.62");
    expect(&v, "annex.rate", Severity::Rounding);
    // a paragraph without amounts takes the table row's: 乙 20 / 20 is not 90%
    let mut v = base();
    set(&mut v, 1, "rate", "90");
    expect(&v, "annex.rate", Severity::Error);
}

#[test]
fn annex_statement() {
    // the prose restates a score the table does not print
    let mut v = base();
    v["performance"]["statements"][0]["score"] = num("84.31");
    v["performance"]["statements"][0]["grade"] = json!("良");
    let f = expect(&v, "annex.statement", Severity::Error);
    let mine: Vec<&Finding> = f.iter().filter(|x| x.rule == "annex.statement").collect();
    assert_eq!(mine.len(), 2, "{}", juesuan::reconcile::render(&f));
    assert_eq!(mine[0].expected.unwrap().to_string(), "95");
    assert_eq!(mine[0].actual.unwrap().to_string(), "84.31");
    assert!(mine[1]
        .message
        .contains("the table says “优”, the prose says “良”"));
    // budget and executed too
    let mut v = base();
    v["performance"]["statements"][0]["executed"] = num("8");
    v["performance"]["statements"][0]["rate"] = num("80");
    expect(&v, "annex.statement", Severity::Error);
    // a long-form grade is the same grade; names match in key form and by containment
    let mut v = base();
    v["performance"]["statements"][0]["grade"] = json!("优秀");
    v["performance"]["statements"][0]["name"] = json!("我局 甲项目");
    let f = run(&v);
    assert!(f.is_empty(), "{}", juesuan::reconcile::render(&f));
    // a paragraph no table row matches is not checked
    v["performance"]["statements"][0]["name"] = json!("丙");
    v["performance"]["statements"][0]["score"] = num("91");
    let f = run(&v);
    assert!(f.is_empty(), "{}", juesuan::reconcile::render(&f));
    // the same project in two paragraphs, with and without a table row
    let mut v = base();
    let mut again = v["performance"]["statements"][0].clone();
    again["item"] = json!(3);
    again["name"] = json!("丙");
    v["performance"]["statements"][0]["name"] = json!("丙");
    v["performance"]["statements"]
        .as_array_mut()
        .unwrap()
        .push(again.clone());
    assert!(run(&v).is_empty());
    v["performance"]["statements"][2]["budget"] = num("12");
    v["performance"]["statements"][2]["rate"] = num("75");
    let f = expect(&v, "annex.statement", Severity::Error);
    assert!(f.iter().any(|x| x.message.contains("stated twice")));
    // the paragraph's grade against its own score (annex.grade)
    let mut v = base();
    v["performance"]["statements"][0]["name"] = json!("丙");
    v["performance"]["statements"][0]["score"] = num("85");
    expect(&v, "annex.grade", Severity::Error);
}

#[test]
fn findings_come_in_catalogue_order() {
    let mut v = base();
    set_claim(&mut v, "基本支出60.00万元", "61.00");
    set_cell(&mut v, "income", Some("2080502"), "total", "26.00");
    let f = run(&v);
    let ids: Vec<&str> = juesuan::reconcile::catalogue()
        .rule
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    let pos: Vec<usize> = f
        .iter()
        .map(|x| ids.iter().position(|i| *i == x.rule).unwrap())
        .collect();
    assert!(pos.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn layouts_without_subtotal_lines_or_split_balances_raise_nothing() {
    // a budget-style 01 with no 本年收入合计 / 本年支出合计 lines: 总计 = Σ lines + balances
    let mut v = base();
    for (side, key) in [
        ("income", "income_total"),
        ("expenditure", "expenditure_total"),
    ] {
        v["tables"]["income_expenditure_summary"][side]
            .as_array_mut()
            .unwrap()
            .retain(|l| l["key"] != key);
    }
    let f = run(&v);
    assert!(
        !f.iter().any(|x| x.severity == Severity::Error),
        "{}",
        juesuan::reconcile::render(&f)
    );
    set_line(
        &mut v,
        "income_expenditure_summary",
        "income",
        "grand_total",
        "amount",
        "131.00",
    );
    expect(&v, "summary.income_grand_total", Severity::Error);
    // 04's 年初 balance printed without its per-fund lines: per-fund balance not checked
    let mut v = base();
    v["tables"]["fiscal_summary"]["income"]
        .as_array_mut()
        .unwrap()
        .retain(|l| {
            !l["key"].as_str().unwrap().starts_with("opening_") || l["key"] == "opening_balance"
        });
    let f = run(&v);
    assert!(f.is_empty(), "{}", juesuan::reconcile::render(&f));
    // a budget 三公 table with only 预算数: 06 is checked against it
    let mut v = base();
    v["tables"]["three_public"]
        .as_object_mut()
        .unwrap()
        .remove("actual");
    assert!(run(&v).is_empty());
    set_item(&mut v, "30231", "9.00");
    set_item(&mut v, "30201", "1.00");
    expect(&v, "cross.basic_three_public", Severity::Error);
}

#[test]
fn claims_against_tables_in_yuan() {
    // the table prints no unit but is in 元; the prose speaks 万元
    let mut v = base();
    v["tables"]["general_budget_basic_expenditure"]["unit"] = Value::Null;
    set_item(&mut v, "30102", "150012.34");
    let f = run(&v);
    assert!(
        !f.iter().any(|x| x.rule == "narrative.claim"),
        "{}",
        juesuan::reconcile::render(&f)
    );
    set_item(&mut v, "30102", "160000.00");
    expect(&v, "narrative.claim", Severity::Error);
}

#[test]
fn long_form_grades() {
    let mut v = base();
    v["performance"]["projects"][0]["grade"] = json!("优秀");
    v["performance"]["projects"][1]["grade"] = json!("良好");
    assert!(run(&v).is_empty());
    v["performance"]["projects"][1]["grade"] = json!("优秀");
    expect(&v, "annex.grade", Severity::Error);
}

#[test]
fn income_with_fiscal_split_into_funds() {
    let cols = [
        "total",
        "fiscal_appropriation",
        "general_budget",
        "government_fund",
    ];
    let mut v = base();
    v["tables"]["income"] = classified(
        "公开02表",
        "收入决算表",
        &cols,
        &[
            ("", "合计", &["120.00", "120.00", "100.00", "20.00"]),
            ("201", "一般公共服务支出", &["25.00", "25.00", "25.00", ""]),
            (
                "208",
                "社会保障和就业支出",
                &["75.00", "75.00", "75.00", ""],
            ),
            ("212", "城乡社区支出", &["20.00", "20.00", "", "20.00"]),
        ],
    );
    let f = run(&v);
    assert!(f.is_empty(), "{}", juesuan::reconcile::render(&f));
    set_cell(&mut v, "income", Some("212"), "government_fund", "21.00");
    expect(&v, "income.identity", Severity::Error);
}

#[test]
fn a_table_without_class_rows_sums_its_top_level() {
    let mut v = base();
    v["tables"]["income"]["rows"]
        .as_array_mut()
        .unwrap()
        .retain(|r| r["code"].as_str().is_none_or(|c| c.len() == 7));
    assert!(run(&v).iter().all(|x| x.rule != "classified.total_sum"));
    // 03 likewise: its 项 rows still add up to 01's class lines
    v["tables"]["expenditure"]["rows"]
        .as_array_mut()
        .unwrap()
        .retain(|r| r["code"].as_str().is_none_or(|c| c.len() == 7));
    let f = run(&v);
    assert!(f.is_empty(), "{}", juesuan::reconcile::render(&f));
    set_cell(&mut v, "income", Some("2120801"), "total", "21.00");
    expect(&v, "classified.total_sum", Severity::Error);
}

#[test]
fn growth_subject_before_a_comparison_phrase() {
    let s = "十、其他重要事项情况说明";
    let mut v = base();
    let claims = v["narrative"]["claims"].as_array_mut().unwrap();
    claims.push(claim(
        s,
        "2024年机关运行经费支出12.00万元",
        "12.00",
        "万元",
        None,
    ));
    claims.push(claim(s, "公用经费10.00万元", "10.00", "万元", None));
    claims.push(claim(
        s,
        "机关运行经费支出较上年降低3.00万元",
        "3.00",
        "万元",
        None,
    ));
    claims.push(claim(s, "降低20.00%", "20.00", "%", None));
    let f = run(&v);
    assert!(f.is_empty(), "{}", juesuan::reconcile::render(&f));
    set_claim(&mut v, "降低20.00%", "23.08");
    expect(&v, "narrative.growth", Severity::Error);
}

#[test]
fn claims_more_precise_than_the_table() {
    // the prose in 元 against a 万元 cell printed to 0.01万元 (100元): a conversion, nothing to say
    let mut v = base();
    v["narrative"]["claims"].as_array_mut().unwrap().push(claim(
        "九、财政拨款“三公”经费支出决算情况说明",
        "公务用车运行维护费支出79,989元",
        "79989",
        "元",
        Some(("three_public", Some("actual"), Some("vehicle_operation"))),
    ));
    let f = run(&v);
    assert!(f.is_empty(), "{}", juesuan::reconcile::render(&f));
    set_claim(&mut v, "公务用车运行维护费支出79,989元", "79000");
    expect(&v, "narrative.claim", Severity::Error);
}

#[test]
fn grade_counts_stated_twice_without_an_annex_table() {
    let mut v = base();
    v["performance"] = json!({"projects": []});
    v["narrative"]["claims"].as_array_mut().unwrap().push(claim(
        "十、其他重要事项情况说明",
        "有1个项目自评结果为“优”",
        "1",
        "个",
        None,
    ));
    assert!(run(&v).is_empty());
    set_claim(&mut v, "有1个项目自评结果为“优”", "2");
    expect(&v, "narrative.repeated", Severity::Error);
}
