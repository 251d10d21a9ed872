//! Finding the inputs of a batch: walking folders, sorting, sharding, and
//! naming the output file of each input.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// File name endings (lower-cased) that a folder walk picks up.
pub const EXTENSIONS: &[&str] = &["pdf", "md", "markdown", "txt", "html", "htm"];

/// One input of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The path as the user gave it (a folder argument joined with the path
    /// found under it), or `-` for standard input. Written into `source.path`.
    pub path: String,
    /// Where the output of this input goes, relative to the output folder:
    /// the path under the folder argument it was found in (or the file name of
    /// a file argument) with `.json` appended.
    pub rel_out: PathBuf,
}

/// Why the inputs could not be gathered.
#[derive(Debug)]
pub struct InputError(pub String);

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// True when `path`'s extension is one a folder walk picks up.
pub fn has_input_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Expands the arguments into inputs: folders are walked recursively (files
/// with one of [`EXTENSIONS`], hidden entries skipped), files are taken as
/// they are whatever their name (a missing one too: its record will say that
/// it cannot be read). The result is sorted by path (byte order of
/// the path string) and free of duplicates, so the order does not depend on
/// the file system.
pub fn gather(args: &[String]) -> Result<Vec<Input>, InputError> {
    let mut found: BTreeMap<String, PathBuf> = BTreeMap::new();
    for arg in args {
        if arg == "-" {
            found.insert("-".to_string(), PathBuf::from("stdin.json"));
            continue;
        }
        // a path that cannot be looked at is taken as a file: its record will
        // say why it could not be read, and the run goes on
        let is_dir = std::fs::metadata(arg).is_ok_and(|m| m.is_dir());
        if is_dir {
            let mut files = Vec::new();
            walk(Path::new(arg), Path::new(""), &mut files)
                .map_err(|e| InputError(format!("{arg}: {e}")))?;
            for rel in files {
                let path = join_as_given(arg, &rel);
                found.entry(path).or_insert_with(|| with_json(&rel));
            }
        } else {
            let name = Path::new(arg)
                .file_name()
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from("input"));
            found.entry(arg.clone()).or_insert_with(|| with_json(&name));
        }
    }
    Ok(found
        .into_iter()
        .map(|(path, rel_out)| Input { path, rel_out })
        .collect())
}

/// Checks that no two inputs write the same output file (two file arguments
/// with the same name in different folders, say).
pub fn check_unique_outputs(inputs: &[Input]) -> Result<(), InputError> {
    let mut seen: BTreeMap<&Path, &str> = BTreeMap::new();
    for input in inputs {
        if let Some(other) = seen.insert(&input.rel_out, &input.path) {
            return Err(InputError(format!(
                "{other} and {} would both write {}; pass the folder that holds them instead",
                input.path,
                input.rel_out.display()
            )));
        }
    }
    Ok(())
}

fn with_json(rel: &Path) -> PathBuf {
    let mut s = rel.as_os_str().to_os_string();
    s.push(".json");
    PathBuf::from(s)
}

/// `dir` as the user typed it, joined with `rel` by `/` (no doubled slash).
fn join_as_given(dir: &str, rel: &Path) -> String {
    let rel = rel.to_string_lossy();
    if dir.ends_with('/') || dir.ends_with(std::path::MAIN_SEPARATOR) {
        format!("{dir}{rel}")
    } else {
        format!("{dir}/{rel}")
    }
}

fn walk(root: &Path, rel: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(root.join(rel))?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let child = rel.join(&name);
        // follow symlinks: a corpus is often a tree of links into an archive
        let meta = match std::fs::metadata(entry.path()) {
            Ok(m) => m,
            Err(_) => continue, // a dangling link is not an input
        };
        if meta.is_dir() {
            walk(root, &child, out)?;
        } else if meta.is_file() && has_input_extension(&child) {
            out.push(child);
        }
    }
    Ok(())
}

/// A shard `K/N`: this run takes the inputs whose path hash falls in share K
/// of N (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which share, 1..=count.
    pub index: u64,
    /// How many shares.
    pub count: u64,
}

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| format!("`{s}`: expected K/N, e.g. 2/8"))?;
        let index: u64 = k
            .trim()
            .parse()
            .map_err(|_| format!("`{s}`: K is not a number"))?;
        let count: u64 = n
            .trim()
            .parse()
            .map_err(|_| format!("`{s}`: N is not a number"))?;
        if count == 0 || index == 0 || index > count {
            return Err(format!("`{s}`: need 1 <= K <= N"));
        }
        Ok(Shard { index, count })
    }
}

impl Shard {
    /// True when `path` belongs to this shard: FNV-1a (64 bit) of the path
    /// string's UTF-8 bytes, modulo N, equals K-1. Stable across machines,
    /// runs and versions.
    pub fn contains(&self, path: &str) -> bool {
        fnv1a(path.as_bytes()) % self.count == self.index - 1
    }
}

/// 64-bit FNV-1a hash.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_parse_and_split() {
        assert!("0/3".parse::<Shard>().is_err());
        assert!("4/3".parse::<Shard>().is_err());
        assert!("x".parse::<Shard>().is_err());
        let shards: Vec<Shard> = (1..=3).map(|k| format!("{k}/3").parse().unwrap()).collect();
        for p in ["a.md", "b/c.pdf", "-", "怀仁.md"] {
            assert_eq!(shards.iter().filter(|s| s.contains(p)).count(), 1);
        }
    }

    #[test]
    fn fnv_known_value() {
        assert_eq!(fnv1a(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a(b"a"), 0xaf63dc4c8601ec8c);
    }

    #[test]
    fn join_keeps_user_form() {
        assert_eq!(
            join_as_given("corpus", Path::new("x/y.md")),
            "corpus/x/y.md"
        );
        assert_eq!(join_as_given("corpus/", Path::new("y.md")), "corpus/y.md");
        assert_eq!(
            with_json(Path::new("x/y.pdf")),
            PathBuf::from("x/y.pdf.json")
        );
    }
}
