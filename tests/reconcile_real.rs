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
fn finance_bureau_has_one_misstated_share() {
    // 第三部分 五: "一般公共服务支出(类)2106.66万元，占71.73%" of the 2940.05 total;
    // 2106.66 / 2940.05 is 71.65%. The other shares in that sentence are right.
    let e = errors("samples/pdf/final-2024-putuo-finance-bureau.pdf");
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].0, "narrative.share");
    assert!(
        e[0].1.contains("71.73") && e[0].1.contains("71.65"),
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
