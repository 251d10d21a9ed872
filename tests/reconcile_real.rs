//! Findings on the real published reports: every `error` is a disagreement
//! printed in the document itself, named here with where it is.

fn errors(path: &str) -> Vec<(String, String)> {
    let bytes = std::fs::read(path).unwrap();
    let doc = juesuan::extract(path, &bytes).unwrap();
    doc.findings
        .iter()
        .filter(|f| f.severity == juesuan::model::Severity::Error)
        .map(|f| (f.rule.clone(), f.message.clone()))
        .collect()
}

#[test]
fn finance_bureau_misstates_a_share_and_its_fiscal_total() {
    // 第三部分 四: "财政拨款收入支出总计0.3万元", where 财政拨款收入支出决算总表
    // prints 总计 2,961.68 on both sides.
    // 第三部分 五: "一般公共服务支出(类)2106.66万元，占71.73%" of the 2940.05 total;
    // 2106.66 / 2940.05 is 71.65%. The other shares in that sentence are right.
    let e = errors("samples/pdf/final-2024-putuo-finance-bureau.pdf");
    assert_eq!(e.len(), 2, "{e:?}");
    assert_eq!(e[0].0, "narrative.claim");
    assert!(
        e[0].1.contains("总计0.3万元") && e[0].1.contains("2961.68"),
        "{e:?}"
    );
    assert_eq!(e[1].0, "narrative.share");
    assert!(
        e[1].1.contains("71.73") && e[1].1.contains("71.65"),
        "{e:?}"
    );
}

#[test]
fn social_work_dept_has_no_error() {
    let e = errors("samples/pdf/final-2024-putuo-social-work-dept.pdf");
    assert!(e.is_empty(), "{e:?}");
}

#[test]
fn budget_report_has_no_error() {
    let e = errors("samples/pdf/budget-2025-putuo-commerce-commission.pdf");
    assert!(e.is_empty(), "{e:?}");
}

#[test]
fn rendered_sample_finds_what_the_text_finds() {
    let rules = |path: &str| -> Vec<(String, String)> {
        let doc = juesuan::extract(path, &std::fs::read(path).unwrap()).unwrap();
        doc.findings
            .iter()
            .map(|f| (f.rule.clone(), format!("{:?}", f.severity)))
            .collect()
    };
    assert_eq!(
        rules("samples/pdf/huairen-gongxin-2024.pdf"),
        rules("samples/huairen-gongxin-2024.md")
    );
}

#[test]
fn budget_prose_names_its_cells() {
    // 2025年部门预算编制说明 of the commerce commission, read against its tables
    let path = "samples/pdf/budget-2025-putuo-commerce-commission.pdf";
    let doc = juesuan::extract(path, &std::fs::read(path).unwrap()).unwrap();
    let cell = |text: &str| {
        let c = doc
            .narrative
            .claims
            .iter()
            .find(|c| c.text.contains(text))
            .unwrap_or_else(|| panic!("no claim {text}"));
        let r = c
            .refers_to
            .clone()
            .unwrap_or_else(|| panic!("{text}: no cell"));
        (c.value.to_string(), r.table, r.row, r.column)
    };
    assert_eq!(
        cell("收入预算37151.47"),
        (
            "37151.47".into(),
            "income_expenditure_summary".into(),
            Some("income.grand_total".into()),
            Some("amount".into())
        )
    );
    assert_eq!(
        cell("商贸事务(款)行政运行(项)"),
        (
            "938.99".into(),
            "general_budget_expenditure".into(),
            Some("2011301".into()),
            Some("total".into())
        )
    );
    assert_eq!(
        cell("公务接待费1.00"),
        (
            "1.00".into(),
            "three_public".into(),
            Some("budget".into()),
            Some("reception".into())
        )
    );
    // the table prints 元 and the prose 万元: they agree once converted
    assert!(doc
        .findings
        .iter()
        .all(|f| f.rule != "narrative.claim" || f.severity != juesuan::model::Severity::Error));
}

/// Every real report of every layout family with the `error` findings it must
/// give, each a disagreement printed in the report itself (checked by
/// arithmetic against the page) named by rule and a phrase of its message.
/// Any other `error` would be an accusation from a misreading.
const REAL_ERRORS: &[(&str, &[(&str, &str)])] = &[
    (
        // 表3 and 表5 print 20406 司法's 项目支出 as 64840547 while 2040601 行政运行
        // carries the same 64840547 beside its own total 14348853.34
        "samples/real/budget-2026-putuo-justice-bureau-unit.pdf",
        &[
            ("classified.parent_sum", "20406 司法 [项目支出]"),
            ("classified.parent_sum", "20406 司法 [项目支出]"),
            ("expenditure.identity", "2040601 行政运行"),
            ("general_budget.identity", "2040601 行政运行"),
        ],
    ),
    (
        // 公开04表 prints 一、本年支出 152585.74; its classes, 支出总计 and 公开07表 give 152585.76
        "samples/real/budget-2026-wuxi-hrss.pdf",
        &[
            ("fiscal.expenditure_grand_total", "152585.74"),
            ("cross.fiscal_general_budget", "152585.74"),
        ],
    ),
    (
        // "收、支总计各增加5834.37万元，增长35.74%": 5834.37 / 16232.22 is 35.94%
        "samples/real/final-2024-national-petition-administration.pdf",
        &[("narrative.growth", "35.74")],
    ),
    (
        // "授予小微企业合同金额7295.12万元，占授予中小企业合同金额的60.02%" of 12127.08: 60.16%
        "samples/real/final-2024-southwest-university.pdf",
        &[("narrative.share", "60.02")],
    ),
    (
        // 收入预算表 2050202 prints 9645.51 where its row adds to 9646.01: 20502 is off by 0.50
        "samples/real/budget-2023-southwest-university.pdf",
        &[("classified.parent_sum", "20502 普通教育")],
    ),
    ("samples/real/budget-2025-putuo-district-office.pdf", &[]),
    ("samples/real/budget-2025-putuo-wanli-subdistrict.pdf", &[]),
    ("samples/real/budget-2026-beijing-finance-bureau.pdf", &[]),
    (
        "samples/real/budget-2026-beijing-finance-bureau-narrative.pdf",
        &[],
    ),
    ("samples/real/budget-2026-beijing-hrss-tables.pdf", &[]),
    ("samples/real/budget-2026-changsha-petition-bureau.pdf", &[]),
    (
        "samples/real/budget-2026-chongqing-government-office.pdf",
        &[],
    ),
    ("samples/real/budget-2026-fuzhou-medical-security.pdf", &[]),
    (
        "samples/real/budget-2026-guangzhou-statistics-bureau.pdf",
        &[],
    ),
    ("samples/real/budget-2026-hangzhou-justice-bureau.pdf", &[]),
    ("samples/real/budget-2026-huzhou-finance-bureau.pdf", &[]),
    (
        "samples/real/budget-2026-quanzhou-government-office.pdf",
        &[],
    ),
    (
        "samples/real/budget-2026-shanghai-finance-accounting-center-unit.pdf",
        &[],
    ),
    ("samples/real/budget-2026-shenzhen-finance-bureau.pdf", &[]),
    ("samples/real/budget-2026-suzhou-audit-bureau.pdf", &[]),
    ("samples/real/budget-2026-xian-audit-bureau.pdf", &[]),
    ("samples/real/budget-2026-yantai-audit-bureau.pdf", &[]),
    ("samples/real/budget-2026-zhuhai-commerce-bureau.pdf", &[]),
    ("samples/real/final-2022-xian-health-commission.pdf", &[]),
    (
        // the blank template itself: its department is still 上海市XX局
        // (cover, headings, prose), twelve places reported
        "samples/pdf/final-2024-shanghai-template.pdf",
        &[("text.placeholder", "上海市XX"); 12],
    ),
];

#[test]
fn every_real_report_accuses_only_what_it_prints_wrong() {
    let mut failures = Vec::new();
    for (path, expected) in REAL_ERRORS {
        let got = errors(path);
        let mut left: Vec<&(String, String)> = got.iter().collect();
        for (rule, phrase) in expected.iter() {
            match left
                .iter()
                .position(|(r, m)| r == rule && m.contains(phrase))
            {
                Some(i) => {
                    left.remove(i);
                }
                None => failures.push(format!("{path}: expected {rule} naming {phrase:?}")),
            }
        }
        for (r, m) in left {
            failures.push(format!("{path}: unexpected error [{r}] {m}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_real_report_is_named_here() {
    let named: Vec<&str> = REAL_ERRORS.iter().map(|(p, _)| *p).collect();
    for e in std::fs::read_dir("samples/real").unwrap() {
        let p = e.unwrap().path();
        let p = p.to_string_lossy().to_string();
        if p.ends_with(".pdf") && !p.contains("scan") {
            assert!(
                named.contains(&p.as_str()),
                "{p} is not named in REAL_ERRORS"
            );
        }
    }
}
