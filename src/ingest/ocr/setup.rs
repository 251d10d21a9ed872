//! Where the OCR models and ONNX Runtime are found. Nothing is downloaded
//! here: the files come from, in this order,
//!
//! 1. `--ocr-models DIR` (see [`set_models_dir`]) or the environment variable
//!    `JUESUAN_OCR_MODELS=DIR`;
//! 2. a project-local `.ocr/` folder (what `scripts/ocr_setup.py` fills) in
//!    the current directory or above it, or above the executable (so a
//!    binary under `target/release/` finds its checkout's);
//! 3. the site-packages of a Python where `pip install onnxruntime rapidocr`
//!    was run (`$VIRTUAL_ENV`, `$CONDA_PREFIX`, then whatever `python3` says).
//!
//! A folder may hold the files flat (`PP-OCRv6_det_small.onnx`,
//! `PP-OCRv6_rec_small.onnx`, `libonnxruntime.so*`) or as the wheels lay them
//! out (`rapidocr/models/…`, `onnxruntime/capi/…`). The runtime library may
//! also be named by `ORT_DYLIB_PATH` (as `ort` itself reads it).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Detection model file name.
pub const DET_MODEL: &str = "PP-OCRv6_det_small.onnx";
/// Recognition model file name.
pub const REC_MODEL: &str = "PP-OCRv6_rec_small.onnx";

/// What to tell a user whose machine lacks the files.
pub const INSTALL_HINT: &str = "OCR of scanned pages needs the PP-OCRv6 models and ONNX Runtime: run `pip install onnxruntime rapidocr` (or `python3 scripts/ocr_setup.py` in a juesuan checkout), or give their folder with --ocr-models DIR or JUESUAN_OCR_MODELS=DIR";

/// The three files OCR needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Models {
    /// Text detection model.
    pub det: PathBuf,
    /// Text recognition model (its dictionary is in its metadata).
    pub rec: PathBuf,
    /// The ONNX Runtime shared library.
    pub runtime: PathBuf,
}

static MODELS_DIR: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Sets the folder to take the models (and, if there, the runtime) from, as
/// `--ocr-models` does; it wins over every other place.
pub fn set_models_dir(dir: Option<PathBuf>) {
    if let Ok(mut g) = MODELS_DIR.lock() {
        *g = dir;
    }
}

/// The models and runtime, or a message saying what is missing and how to
/// install it.
pub fn locate() -> Result<Models, String> {
    let explicit = MODELS_DIR
        .lock()
        .ok()
        .and_then(|g| g.clone())
        .or_else(|| std::env::var_os("JUESUAN_OCR_MODELS").map(PathBuf::from));
    let runtime_env = std::env::var_os("ORT_DYLIB_PATH")
        .map(PathBuf::from)
        .filter(|p| p.is_file());
    if let Some(dir) = explicit {
        let models = models_in(&dir).ok_or_else(|| {
            format!(
                "no {DET_MODEL} and {REC_MODEL} in {} (given by --ocr-models or JUESUAN_OCR_MODELS); {INSTALL_HINT}",
                dir.display()
            )
        })?;
        let runtime = runtime_env
            .or_else(|| runtime_in(&dir))
            .or_else(|| candidates().iter().find_map(|d| runtime_in(d)))
            .ok_or_else(|| {
                format!(
                    "the models are in {} but no ONNX Runtime library (libonnxruntime) was found; {INSTALL_HINT}",
                    dir.display()
                )
            })?;
        return Ok(Models {
            det: models.0,
            rec: models.1,
            runtime,
        });
    }
    let dirs = candidates();
    let models = dirs.iter().find_map(|d| models_in(d));
    let runtime = runtime_env.or_else(|| dirs.iter().find_map(|d| runtime_in(d)));
    match (models, runtime) {
        (Some((det, rec)), Some(runtime)) => Ok(Models { det, rec, runtime }),
        (None, _) => Err(format!(
            "the PP-OCRv6 models ({DET_MODEL}, {REC_MODEL}) were not found; {INSTALL_HINT}"
        )),
        (_, None) => Err(format!(
            "the ONNX Runtime library (libonnxruntime) was not found; {INSTALL_HINT}"
        )),
    }
}

/// The detection and recognition models in `dir`, flat or as in the wheel.
fn models_in(dir: &Path) -> Option<(PathBuf, PathBuf)> {
    for d in [
        dir.to_path_buf(),
        dir.join("models"),
        dir.join("rapidocr").join("models"),
    ] {
        let (det, rec) = (d.join(DET_MODEL), d.join(REC_MODEL));
        if det.is_file() && rec.is_file() {
            return Some((det, rec));
        }
    }
    None
}

/// The ONNX Runtime library in `dir`, flat or as in the wheel.
fn runtime_in(dir: &Path) -> Option<PathBuf> {
    for d in [
        dir.to_path_buf(),
        dir.join("capi"),
        dir.join("onnxruntime").join("capi"),
    ] {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        let mut libs: Vec<PathBuf> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(is_runtime_name)
                    && p.is_file()
            })
            .collect();
        libs.sort();
        // the versioned file name (libonnxruntime.so.1.32.0) is the library itself
        if let Some(p) = libs.pop() {
            return Some(p);
        }
    }
    None
}

fn is_runtime_name(n: &str) -> bool {
    (n.starts_with("libonnxruntime.so") && !n.contains("providers"))
        || (n.starts_with("libonnxruntime") && n.ends_with(".dylib") && !n.contains("providers"))
        || n == "onnxruntime.dll"
}

/// Folders to look in, best first.
fn candidates() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = Vec::new();
    let mut up = |start: Option<PathBuf>| {
        let mut cur = start;
        let mut n = 0;
        while let Some(d) = cur {
            out.push(d.join(".ocr"));
            n += 1;
            if n > 8 {
                break;
            }
            cur = d.parent().map(Path::to_path_buf);
        }
    };
    up(std::env::current_dir().ok());
    up(std::env::current_exe()
        .ok()
        .and_then(|e| e.parent().map(Path::to_path_buf)));
    for var in ["VIRTUAL_ENV", "CONDA_PREFIX"] {
        if let Some(p) = std::env::var_os(var) {
            out.extend(site_packages(&PathBuf::from(p)));
        }
    }
    out.extend(python_packages());
    out
}

/// `lib/python3*/site-packages` folders under a Python prefix.
fn site_packages(prefix: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for lib in ["lib", "lib64"] {
        if let Ok(rd) = std::fs::read_dir(prefix.join(lib)) {
            for e in rd.flatten() {
                let p = e.path();
                if p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("python3"))
                {
                    out.push(p.join("site-packages"));
                }
            }
        }
    }
    out
}

/// Where `python3` (then `python`) would import `rapidocr` and `onnxruntime`
/// from: the folders holding those packages. The packages are located
/// without being imported.
fn python_packages() -> Vec<PathBuf> {
    const PROBE: &str = "import importlib.util as u\nfor m in ('rapidocr','onnxruntime'):\n    s=u.find_spec(m)\n    if s and s.submodule_search_locations:\n        for p in s.submodule_search_locations: print(p)\n";
    for py in ["python3", "python"] {
        let out = std::process::Command::new(py)
            .args(["-c", PROBE])
            .stdin(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .output();
        if let Ok(o) = out {
            if o.status.success() {
                return String::from_utf8_lossy(&o.stdout)
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    // the package's parent holds it as the wheel lays it out
                    .filter_map(|l| Path::new(l.trim()).parent().map(Path::to_path_buf))
                    .collect();
            }
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_names() {
        assert!(is_runtime_name("libonnxruntime.so.1.32.0"));
        assert!(is_runtime_name("libonnxruntime.so"));
        assert!(!is_runtime_name("libonnxruntime_providers_shared.so"));
        assert!(!is_runtime_name("onnxruntime_pybind11_state.so"));
    }

    #[test]
    fn finds_files_laid_out_as_in_the_wheels() {
        let d = std::env::temp_dir().join(format!("juesuan-ocr-setup-{}", std::process::id()));
        let models = d.join("rapidocr").join("models");
        let capi = d.join("onnxruntime").join("capi");
        std::fs::create_dir_all(&models).unwrap();
        std::fs::create_dir_all(&capi).unwrap();
        assert_eq!(models_in(&d), None);
        std::fs::write(models.join(DET_MODEL), b"x").unwrap();
        std::fs::write(models.join(REC_MODEL), b"x").unwrap();
        std::fs::write(capi.join("libonnxruntime.so.1.32.0"), b"x").unwrap();
        std::fs::write(capi.join("libonnxruntime_providers_shared.so"), b"x").unwrap();
        assert_eq!(
            models_in(&d),
            Some((models.join(DET_MODEL), models.join(REC_MODEL)))
        );
        assert_eq!(runtime_in(&d), Some(capi.join("libonnxruntime.so.1.32.0")));
        let _ = std::fs::remove_dir_all(&d);
    }
}
