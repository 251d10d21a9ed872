//! A forgiving, allocation-light content-stream tokenizer (PDF 1.7 section 7.2,
//! 7.8.2). It never fails: malformed input yields whatever operators can be
//! recognised, so one bad byte does not lose the rest of a page.

/// An operand of a content-stream operator.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Operand {
    Num(f64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    Array(Vec<Operand>),
    /// Booleans, null, dictionaries: not needed here.
    Other,
}

impl Operand {
    /// The number, or 0 for anything else.
    pub fn num(&self) -> f64 {
        match self {
            Operand::Num(v) => *v,
            _ => 0.0,
        }
    }
}

/// Walks the operators of a content stream.
pub(crate) struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
    /// The keyword [`Lexer::object`] read when it found no operand (it stays
    /// read: the position is after it), or empty at the end of the data.
    last_word: &'a [u8],
}

fn is_white(c: u8) -> bool {
    matches!(c, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | 0)
}

fn is_delim(c: u8) -> bool {
    matches!(
        c,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

const MAX_DEPTH: usize = 32;

impl<'a> Lexer<'a> {
    /// A lexer over decoded content bytes.
    pub fn new(data: &'a [u8]) -> Self {
        Lexer {
            data,
            pos: 0,
            last_word: &[],
        }
    }

    fn skip_space(&mut self) {
        let d = self.data;
        while self.pos < d.len() {
            let c = d[self.pos];
            if is_white(c) {
                self.pos += 1;
            } else if c == b'%' {
                while self.pos < d.len() && d[self.pos] != b'\n' && d[self.pos] != b'\r' {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn word(&mut self) -> &'a [u8] {
        let d = self.data;
        let s = self.pos;
        while self.pos < d.len() && !is_white(d[self.pos]) && !is_delim(d[self.pos]) {
            self.pos += 1;
        }
        &d[s..self.pos]
    }

    fn number(w: &[u8]) -> Option<f64> {
        let mut neg = false;
        let mut i = 0;
        while i < w.len() && (w[i] == b'-' || w[i] == b'+') {
            neg ^= w[i] == b'-';
            i += 1;
        }
        let (mut int, mut frac, mut scale, mut seen_dot, mut digits) = (0f64, 0f64, 1f64, false, 0);
        for &c in &w[i..] {
            match c {
                b'0'..=b'9' => {
                    digits += 1;
                    if seen_dot {
                        scale *= 10.0;
                        frac = frac * 10.0 + (c - b'0') as f64;
                    } else {
                        int = int * 10.0 + (c - b'0') as f64;
                    }
                }
                b'.' if !seen_dot => seen_dot = true,
                _ => return None,
            }
        }
        if digits == 0 && i == 0 && !seen_dot {
            return None;
        }
        let v = int + frac / scale;
        Some(if neg { -v } else { v })
    }

    fn literal(&mut self) -> Vec<u8> {
        // At '('.
        let d = self.data;
        self.pos += 1;
        let mut out = Vec::new();
        let mut depth = 1;
        while self.pos < d.len() {
            let c = d[self.pos];
            self.pos += 1;
            match c {
                b'\\' if self.pos < d.len() => {
                    let e = d[self.pos];
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.pos < d.len() && d[self.pos] == b'\n' {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = (e - b'0') as u32;
                            for _ in 0..2 {
                                if self.pos < d.len() && (b'0'..=b'7').contains(&d[self.pos]) {
                                    v = v * 8 + (d[self.pos] - b'0') as u32;
                                    self.pos += 1;
                                } else {
                                    break;
                                }
                            }
                            out.push(v as u8);
                        }
                        other => out.push(other),
                    }
                }
                b'(' => {
                    depth += 1;
                    out.push(c);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(c);
                }
                _ => out.push(c),
            }
        }
        out
    }

    fn hex(&mut self) -> Vec<u8> {
        // At '<' (not '<<').
        let d = self.data;
        self.pos += 1;
        let mut out = Vec::new();
        let mut hi: Option<u8> = None;
        while self.pos < d.len() {
            let c = d[self.pos];
            self.pos += 1;
            if c == b'>' {
                break;
            }
            let v = match c {
                b'0'..=b'9' => c - b'0',
                b'a'..=b'f' => c - b'a' + 10,
                b'A'..=b'F' => c - b'A' + 10,
                _ => continue,
            };
            match hi.take() {
                None => hi = Some(v),
                Some(h) => out.push((h << 4) | v),
            }
        }
        if let Some(h) = hi {
            out.push(h << 4);
        }
        out
    }

    fn name(&mut self) -> Vec<u8> {
        self.pos += 1;
        let w = self.word();
        if !w.contains(&b'#') {
            return w.to_vec();
        }
        let mut out = Vec::with_capacity(w.len());
        let mut i = 0;
        while i < w.len() {
            if w[i] == b'#' && i + 2 < w.len() {
                if let Ok(v) =
                    u8::from_str_radix(std::str::from_utf8(&w[i + 1..i + 3]).unwrap_or("zz"), 16)
                {
                    out.push(v);
                    i += 3;
                    continue;
                }
            }
            out.push(w[i]);
            i += 1;
        }
        out
    }

    /// Skips a dictionary `<< … >>` (at its first '<').
    fn skip_dict(&mut self, depth: usize) {
        self.pos += 2;
        loop {
            self.skip_space();
            if self.pos >= self.data.len() {
                return;
            }
            if self.data[self.pos..].starts_with(b">>") {
                self.pos += 2;
                return;
            }
            if self.object(depth + 1).is_none() {
                // A keyword inside a dictionary: skip it.
                let w = self.last_word;
                if w.is_empty() {
                    self.pos += 1;
                }
            }
        }
    }

    /// Reads one operand object at the current position, or `None` if the next
    /// token is a keyword: then the keyword has been read and is in `last_word`.
    fn object(&mut self, depth: usize) -> Option<Operand> {
        let d = self.data;
        let Some(&c) = d.get(self.pos) else {
            self.last_word = &[];
            return None;
        };
        match c {
            b'(' => Some(Operand::Str(self.literal())),
            b'<' if d.get(self.pos + 1) == Some(&b'<') => {
                if depth < MAX_DEPTH {
                    self.skip_dict(depth);
                } else {
                    self.pos += 2;
                }
                Some(Operand::Other)
            }
            b'<' => Some(Operand::Str(self.hex())),
            b'/' => Some(Operand::Name(self.name())),
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_space();
                    if self.pos >= d.len() {
                        break;
                    }
                    if d[self.pos] == b']' {
                        self.pos += 1;
                        break;
                    }
                    if depth >= MAX_DEPTH {
                        self.pos += 1;
                        continue;
                    }
                    match self.object(depth + 1) {
                        Some(o) => items.push(o),
                        None => {
                            // Stray keyword or delimiter inside an array: skip it.
                            let w = self.last_word;
                            if w.is_empty() {
                                self.pos += 1;
                            }
                        }
                    }
                }
                Some(Operand::Array(items))
            }
            b']' | b')' | b'>' | b'{' | b'}' => {
                self.pos += 1;
                Some(Operand::Other)
            }
            _ => {
                let w = self.word();
                if w.is_empty() {
                    self.pos += 1;
                    return Some(Operand::Other);
                }
                if let Some(v) = Self::number(w) {
                    return Some(Operand::Num(v));
                }
                match w {
                    b"true" | b"false" | b"null" => Some(Operand::Other),
                    _ => {
                        // an operator or a stray keyword: read once, handed over in last_word
                        self.last_word = w;
                        None
                    }
                }
            }
        }
    }

    /// Skips inline image data after `ID` up to and including `EI`.
    fn skip_inline_image(&mut self) {
        let d = self.data;
        // One white-space byte follows ID.
        self.pos += 1;
        let mut i = self.pos;
        while i + 1 < d.len() {
            if d[i] == b'E'
                && d[i + 1] == b'I'
                && (i == 0 || is_white(d[i - 1]))
                && (i + 2 >= d.len() || is_white(d[i + 2]))
            {
                self.pos = i + 2;
                return;
            }
            i += 1;
        }
        self.pos = d.len();
    }

    /// Reads operands into `operands` (cleared first) and returns the operator
    /// that follows them, or `None` at the end of the stream.
    pub fn next_op(&mut self, operands: &mut Vec<Operand>) -> Option<&'a [u8]> {
        operands.clear();
        loop {
            self.skip_space();
            if self.pos >= self.data.len() {
                return None;
            }
            match self.object(0) {
                Some(o) => {
                    if operands.len() < 64 {
                        operands.push(o);
                    }
                }
                None => {
                    let w = self.last_word;
                    if w == b"BI" {
                        // Inline image: skip its dictionary and data.
                        loop {
                            self.skip_space();
                            if self.pos >= self.data.len() {
                                break;
                            }
                            if self.object(1).is_none() {
                                let k = self.last_word;
                                if k == b"ID" {
                                    self.skip_inline_image();
                                    break;
                                }
                                if k.is_empty() {
                                    self.pos += 1;
                                }
                            }
                        }
                    }
                    return Some(w);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(s: &[u8]) -> Vec<(String, Vec<Operand>)> {
        let mut l = Lexer::new(s);
        let mut ops = Vec::new();
        let mut out = Vec::new();
        while let Some(op) = l.next_op(&mut ops) {
            out.push((String::from_utf8_lossy(op).into_owned(), ops.clone()));
        }
        out
    }

    #[test]
    fn tokens() {
        let r = all(b"q 1 0 0 -1.5 .5 -.25 cm BT /F1 12 Tf [(a\\(b\\)) -250 <4E2D>] TJ (x\\101) Tj ET % c\n<< /MCID 0 >> BDC EMC Q");
        assert_eq!(r[0].0, "q");
        assert_eq!(
            r[1].1,
            vec![
                Operand::Num(1.0),
                Operand::Num(0.0),
                Operand::Num(0.0),
                Operand::Num(-1.5),
                Operand::Num(0.5),
                Operand::Num(-0.25)
            ]
        );
        assert_eq!(
            r[3].1,
            vec![Operand::Name(b"F1".to_vec()), Operand::Num(12.0)]
        );
        assert_eq!(
            r[4].1,
            vec![Operand::Array(vec![
                Operand::Str(b"a(b)".to_vec()),
                Operand::Num(-250.0),
                Operand::Str(vec![0x4E, 0x2D])
            ])]
        );
        assert_eq!(r[5].1, vec![Operand::Str(b"xA".to_vec())]);
        assert_eq!(r[7].0, "BDC");
        assert_eq!(r.last().unwrap().0, "Q");
    }

    #[test]
    fn inline_image_and_garbage() {
        let r = all(b"BI /W 2 /H 1 /BPC 8 /CS /G ID \x00EI\xff EI Q ) ] >> [[[[ 1 2 re");
        assert_eq!(r[0].0, "BI");
        assert_eq!(r[1].0, "Q");
        assert!(r.len() >= 2);
    }
}
