//! The committed JSON Schemas are the ones the types generate, and every golden
//! output and every sample's output validates against them.

use serde_json::Value;

fn compile(text: &str) -> jsonschema::JSONSchema {
    let schema: Value = serde_json::from_str(text).unwrap();
    jsonschema::JSONSchema::compile(&schema).expect("schema compiles")
}

fn errors(schema: &jsonschema::JSONSchema, doc: &Value) -> Vec<String> {
    match schema.validate(doc) {
        Ok(()) => vec![],
        Err(e) => e.map(|e| format!("{} at {}", e, e.instance_path)).collect(),
    }
}

#[test]
fn committed_schemas_are_current() {
    let committed = std::fs::read_to_string("schema/document.schema.json").unwrap();
    assert_eq!(
        committed.trim(),
        juesuan::emit::schema().trim(),
        "run `cargo run -- schema > schema/document.schema.json`"
    );
    let committed = std::fs::read_to_string("schema/failure.schema.json").unwrap();
    assert_eq!(
        committed.trim(),
        juesuan::emit::failure_schema().trim(),
        "run `cargo run -- schema --failure > schema/failure.schema.json`"
    );
}

fn golden_files() -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from("samples")];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.to_string_lossy().ends_with(".expected.json") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn golden_outputs_validate() {
    let schema = compile(&juesuan::emit::schema());
    let files = golden_files();
    assert!(!files.is_empty());
    for f in files {
        let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        // golden files leave out what depends on the copy (path, hash) and findings
        let obj = doc.as_object_mut().unwrap();
        // golden claims are matched on section, value, unit and cell; their clause text is left out
        if let Some(claims) = obj
            .get_mut("narrative")
            .and_then(|n| n["claims"].as_array_mut())
        {
            for c in claims {
                c.as_object_mut()
                    .unwrap()
                    .entry("text")
                    .or_insert(Value::String(String::new()));
            }
        }
        obj.entry("findings").or_insert(Value::Array(vec![]));
        // goldens of text-heavy extra tables (绩效目标表) give their title,
        // label, unit and pages only: the rest is the program's to fill
        if let Some(extras) = obj.get_mut("extra_tables").and_then(|e| e.as_array_mut()) {
            for e in extras {
                let e = e.as_object_mut().unwrap();
                e.entry("empty").or_insert(Value::Bool(false));
                e.entry("columns").or_insert(Value::Array(vec![]));
                e.entry("rows").or_insert(Value::Array(vec![]));
                if e.get("title").is_some_and(Value::is_null) {
                    e.insert("title".into(), Value::String(String::new()));
                }
            }
        }
        obj.entry("narrative")
            .or_insert(serde_json::json!({"claims": []}));
        obj.entry("performance")
            .or_insert(serde_json::json!({"projects": []}));
        // a golden lists each finding by what it says (rule, severity,
        // figures), not by its wording: the rest as the output has it
        if let Some(Value::Array(fs)) = obj.get_mut("findings") {
            for f in fs.iter_mut().filter_map(Value::as_object_mut) {
                f.entry("tables").or_insert(Value::Array(vec![]));
                f.entry("message").or_insert(Value::String(String::new()));
            }
        }
        let source = obj.get_mut("source").unwrap().as_object_mut().unwrap();
        source.entry("path").or_insert(Value::String("x".into()));
        source
            .entry("sha256")
            .or_insert(Value::String("0".repeat(64)));
        let errs = errors(&schema, &doc);
        assert!(errs.is_empty(), "{}: {}", f.display(), errs.join("\n"));
    }
}

#[test]
fn sample_outputs_validate() {
    let schema = compile(&juesuan::emit::schema());
    for f in golden_files() {
        let input = f.to_string_lossy().replace(".expected.json", "");
        let input = ["md", "txt", "html", "pdf"]
            .iter()
            .map(|e| format!("{input}.{e}"))
            .find(|p| std::path::Path::new(p).exists());
        let Some(input) = input else { continue };
        let bytes = std::fs::read(&input).unwrap();
        let doc = juesuan::extract(&input, &bytes).unwrap();
        let value: Value = serde_json::from_str(&juesuan::emit::compact(&doc)).unwrap();
        let errs = errors(&schema, &value);
        assert!(errs.is_empty(), "{input}: {}", errs.join("\n"));
    }
}

#[test]
fn a_wrong_document_does_not_validate() {
    let schema = compile(&juesuan::emit::schema());
    let bad: Value =
        serde_json::json!({"schema": "juesuan/1", "tables": {"income": {"rows": "x"}}});
    assert!(!errors(&schema, &bad).is_empty());
}
