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
    let errors: Vec<(&str, String, String)> = f
        .iter()
        .filter(|x| x.severity == Severity::Error)
        .map(|x| {
            (
                x.rule.as_str(),
                x.expected.unwrap().normalize().to_string(),
                x.actual.unwrap().normalize().to_string(),
            )
        })
        .collect();
    let want: Vec<(&str, String, String)> = vec![
        // 六、基本支出说明: "绩效工资32.16万元", but 公开06表 30107 绩效工资 prints 32.13.
        ("narrative.claim", "32.13".into(), "32.16".into()),
        // 九、三公说明 3: "公务用车保有量共2辆", but 公开10表 车辆数合计 is 1 (and 十、(三)
        // says 共有车辆1辆, 九、(一) says 1辆公务用车运行).
        ("narrative.claim", "1".into(), "2".into()),
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
    assert!(text.starts_with("errors (2):"), "{text}");
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
    // the sample with its two misstatements corrected
    let text = std::fs::read_to_string(SAMPLE)
        .unwrap()
        .replace("绩效工资32.16万元", "绩效工资32.13万元")
        .replace("保有量共2辆", "保有量共1辆");
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
