//! Cell agreement between two readings printed as `juesuan lines` prints
//! them (`=== page N` markers, cells separated by tabs): the scorer the
//! borderless and the scanned twins share.

/// Pages of a `lines` text: page number, lines of cells.
pub fn pages(text: &str) -> Vec<(u32, Vec<Vec<&str>>)> {
    let mut out: Vec<(u32, Vec<Vec<&str>>)> = Vec::new();
    for l in text.lines() {
        if let Some(n) = l.strip_prefix("=== page ") {
            out.push((n.parse().unwrap(), Vec::new()));
        } else if let Some(p) = out.last_mut() {
            p.1.push(l.split('\t').collect());
        }
    }
    out
}

/// Longest common subsequence of two lists of keys: the matched index pairs.
pub fn lcs(a: &[String], b: &[String]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    let mut t = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            t[i][j] = if a[i] == b[j] {
                t[i + 1][j + 1] + 1
            } else {
                t[i + 1][j].max(t[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n && j < m {
        if a[i] == b[j] {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if t[i + 1][j] >= t[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// Filled cells of the expected table rows that `got` gives in the same
/// column: (right, total, the first `show` rows that differ). Rows of a page
/// are matched in order on `key`.
pub fn score(
    expected: &str,
    got: &str,
    key: impl Fn(&[&str]) -> String,
    show: usize,
) -> (usize, usize, Vec<String>) {
    let got_pages = pages(got);
    let (mut right, mut total, mut bad) = (0, 0, Vec::new());
    for (page, want) in pages(expected) {
        let have: &[Vec<&str>] = got_pages
            .iter()
            .find(|p| p.0 == page)
            .map(|p| &p.1[..])
            .unwrap_or(&[]);
        let ka: Vec<String> = want.iter().map(|r| key(r)).collect();
        let kb: Vec<String> = have.iter().map(|r| key(r)).collect();
        let pairs = lcs(&ka, &kb);
        for (i, row) in want.iter().enumerate() {
            if row.len() < 2 {
                continue;
            }
            let filled: Vec<(usize, &str)> = row
                .iter()
                .enumerate()
                .filter(|(_, c)| !c.trim().is_empty())
                .map(|(k, c)| (k, *c))
                .collect();
            total += filled.len();
            let other = pairs.iter().find(|p| p.0 == i).map(|p| &have[p.1]);
            let ok = other.map_or(0, |o| {
                filled
                    .iter()
                    .filter(|(k, c)| o.get(*k).is_some_and(|x| x == c))
                    .count()
            });
            right += ok;
            if ok < filled.len() && bad.len() < show {
                bad.push(format!(
                    "p{page}: want {} got {}",
                    row.join("|"),
                    other.map_or("(no such line)".to_string(), |o| o.join("|"))
                ));
            }
        }
    }
    (right, total, bad)
}
