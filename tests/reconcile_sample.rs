//! Reconciliation on the bundled sample: the disagreements a careful reader
//! finds in the report are errors, its 0.01 gaps are rounding, and `check`
//! prints them and exits 1.

use juesuan::model::{Finding, Severity};

const SAMPLE: &str = "samples/huairen-gongxin-2024.md";

fn findings() -> Vec<Finding> {
    let bytes = std::fs::read(SAMPLE).unwrap();
    juesuan::extract(SAMPLE, &bytes)
        .expect("sample extracts")
        .findings
}

#[test]
fn sample_errors_are_the_real_disagreements() {
    let f = findings();
    let opt = |d: Option<rust_decimal::Decimal>| d.map(|d| d.normalize().to_string());
    let errors: Vec<(&str, Option<String>, Option<String>)> = f
        .iter()
        .filter(|x| x.severity == Severity::Error)
        .map(|x| (x.rule.as_str(), opt(x.expected), opt(x.actual)))
        .collect();
    let s = |x: &str| Some(x.to_string());
    let want: Vec<(&str, Option<String>, Option<String>)> = vec![
        // 六、基本支出说明: "绩效工资32.16万元", but 公开06表 30107 绩效工资 prints 32.13.
        ("narrative.claim", s("32.13"), s("32.16")),
        // 九、三公说明 3: "公务用车保有量共2辆", but 公开10表 车辆数合计 is 1 (and 十、(三)
        // says 共有车辆1辆, 九、(一) says 1辆公务用车运行).
        ("narrative.claim", s("1"), s("2")),
        // 附件 四、(二) paragraph 5: "预算指标7万元，实际支出6.992万元，执行率99.99%",
        // but 6.992 / 7 = 99.886%, i.e. 99.89%; the table's 7 / 6.992 agree with the
        // paragraph, so the printed rate is the misstatement (the paragraph repeats it
        // as the indicator's 实际得分9.99, 10 × 99.99%).
        ("annex.rate", s("99.89"), s("99.99")),
        // 附件 paragraph 6 (美裕陶瓷有限公司企业破产职工安置费用): "综合指标得分84.31分，
        // 绩效评价结果等级为“良”", but the project table's row prints 71.75 and 中. The
        // paragraph's own deductions (预算执行 6.86/10, 数量 13.73/20, 质量 6.87/10,
        // 成本 6.86/10, the rest full) come to 84.32, the paragraph's 84.31 within a
        // cent, so the two printings genuinely disagree, in the score and in the
        // grade it earns (84.31 is 良, 71.75 中: each printing matches its own grade).
        ("annex.statement", s("71.75"), s("84.31")),
        ("annex.statement", None, None),
        // 附件 一's summary paragraph, item 7: "工信局专项业务工作经费项目预算指标5万元",
        // where the project table (and the same paragraph's second printing, ⑦,
        // and paragraph 7) say 50.
        ("annex.summary", s("50"), s("5")),
        // the summary of the 联合社's projects, ③: "遗属补助预算指标3.404万元，完成遗属
        // 3人的补助足额发放", where the table's row (单位遗属人员4人, 3.4) counts 4 done,
        // as item 10 of the first summary does ("遗属人员 4 个").
        ("annex.summary", s("4"), s("3")),
    ];
    assert_eq!(errors, want, "{}", juesuan::reconcile::render(&f));
    let e = f.iter().find(|x| x.severity == Severity::Error).unwrap();
    assert_eq!(
        e.tables,
        vec!["general_budget_basic_expenditure", "narrative"]
    );
    assert!(
        e.message.contains("30107") && e.message.contains("绩效工资32.16万元"),
        "{}",
        e.message
    );
    let v = f
        .iter()
        .filter(|x| x.severity == Severity::Error)
        .nth(1)
        .unwrap();
    assert_eq!(v.tables, vec!["disclosure_stats", "narrative"]);
    assert!(v.message.contains("公务用车保有量共2辆"), "{}", v.message);
    let annex: Vec<&Finding> = f
        .iter()
        .filter(|x| x.severity == Severity::Error && x.rule.starts_with("annex."))
        .collect();
    assert!(annex.iter().all(|x| x.tables == ["performance"]));
    assert!(
        annex[0].message.contains("怀仁市建市五周年活动费用项目")
            && annex[0].message.contains("6.992 / 7 gives 99.89%"),
        "{}",
        annex[0].message
    );
    assert!(
        annex[2]
            .message
            .contains("美裕陶瓷有限公司企业破产职工安置费用")
            && annex[2]
                .message
                .contains("the table says “中”, the prose says “良”"),
        "{}",
        annex[2].message
    );
}

/// The annex prose's project paragraphs, read from the report (附件 四、(二)).
#[test]
fn sample_annex_statements() {
    let bytes = std::fs::read(SAMPLE).unwrap();
    let doc = juesuan::extract(SAMPLE, &bytes).unwrap();
    let s = &doc.performance.statements;
    let fig = |d: Option<rust_decimal::Decimal>| d.map(|d| d.to_string());
    // eight numbered paragraphs; "1. 预算收入来源"-style subheadings are not statements
    assert_eq!(s.len(), 8);
    assert_eq!(
        s.iter().map(|x| x.item).collect::<Vec<_>>(),
        (1..=8).collect::<Vec<_>>()
    );
    assert_eq!(s[0].name, "我市扶持陶瓷产业特色专业镇发展专项配套资金项目");
    assert_eq!(
        (fig(s[0].budget), fig(s[0].executed), fig(s[0].rate)),
        (Some("1500".into()), Some("795".into()), Some("53".into()))
    );
    // the concluding score, not the indicators' 实际得分5.3分 before it
    assert_eq!(fig(s[0].score), Some("74.60".into()));
    assert_eq!(s[0].grade.as_deref(), Some("中"));
    assert_eq!(s[2].name, "怀仁市陶瓷专业镇微记录片制作费项目");
    assert_eq!(fig(s[4].executed), Some("6.992".into()));
    assert_eq!(fig(s[4].rate), Some("99.99".into()));
    assert_eq!(s[5].name, "美裕陶瓷有限公司企业破产职工安置费用");
    assert_eq!(
        (fig(s[5].rate), fig(s[5].score), s[5].grade.as_deref()),
        (Some("68.63".into()), Some("84.31".into()), Some("良"))
    );
    assert_eq!(fig(s[6].executed), Some("49.843".into()));
    assert_eq!(s[7].name, "我市多域行业视频智能监管");
    assert!(s.iter().all(|x| x.unit.as_deref() == Some("万元")));
}

#[test]
fn sample_penny_gaps_are_rounding() {
    let f = findings();
    let b301 = f
        .iter()
        .find(|x| x.rule == "basic.sum.301")
        .expect("basic.sum.301 reported");
    assert_eq!(b301.severity, Severity::Rounding);
    assert_eq!(b301.tables, vec!["general_budget_basic_expenditure"]);
    assert_eq!(
        (
            b301.expected.unwrap().to_string(),
            b301.actual.unwrap().to_string()
        ),
        ("321.08".into(), "321.09".into())
    );
    // 302's parts add to 23.56 against 23.57; 21011's two 项 to 12.96 against 12.97;
    // the 类 rows of 02/03/05 and the class lines of 01/04 to 5307.62 against 5307.63
    for rule in [
        "basic.sum.302",
        "classified.parent_sum",
        "classified.total_sum",
        "summary.expenditure_total",
        "fiscal.expenditure_total",
    ] {
        assert!(
            f.iter()
                .any(|x| x.rule == rule && x.severity == Severity::Rounding),
            "{rule}"
        );
        assert!(
            !f.iter()
                .any(|x| x.rule == rule && x.severity != Severity::Rounding),
            "{rule}"
        );
    }
    assert!(
        !f.iter().any(|x| x.severity == Severity::Warning),
        "{}",
        juesuan::reconcile::render(&f)
    );
}

#[test]
fn check_command_prints_by_severity_and_exits_1() {
    let exe = env!("CARGO_BIN_EXE_juesuan");
    let out = std::process::Command::new(exe)
        .args(["check", SAMPLE])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    // the file's name, then its findings by severity
    assert!(
        text.starts_with(&format!("{SAMPLE}\nerrors (7):")),
        "{text}"
    );
    assert!(text.find("errors").unwrap() < text.find("rounding (").unwrap());
    assert!(text.contains("[basic.sum.301] general_budget_basic_expenditure: 公开06表 301 工资福利支出: 30101..30199 add to 321.08, 301 says 321.09 (expected 321.08, actual 321.09)"), "{text}");
    let out = std::process::Command::new(exe)
        .args(["check", "--json", SAMPLE])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["rule"] == "basic.sum.301" && x["severity"] == "rounding"));
    let out = std::process::Command::new(exe)
        .args(["check", "no/such/file.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("juesuan: no/such/file.md: "));
}

#[test]
fn check_exits_0_without_errors() {
    // the sample with its misstatements corrected
    let text = std::fs::read_to_string(SAMPLE)
        .unwrap()
        .replace("绩效工资32.16万元", "绩效工资32.13万元")
        .replace("保有量共2辆", "保有量共1辆")
        .replace(
            "工信局专项业务工作经费项目预算指标5万元",
            "工信局专项业务工作经费项目预算指标50万元",
        )
        .replace("完成遗属 3 人", "完成遗属 4 人")
        .replace(
            "实际支出 6.992 万元，执行率 99.99%",
            "实际支出 6.992 万元，执行率 99.89%",
        )
        .replace(
            "综合指标得分 84.31 分，绩效评价结果等级为“良”",
            "综合指标得分 71.75 分，绩效评价结果等级为“中”",
        );
    let dir = std::env::temp_dir().join(format!("juesuan-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("clean.md");
    std::fs::write(&path, text).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_juesuan"))
        .args(["check", path.to_str().unwrap()])
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
