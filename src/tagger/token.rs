//! A single pass over the bytes of a text: words, numbers and punctuation with byte offsets.
//!
//! Tokens never allocate: they keep byte offsets into the text, and word comparisons are
//! ASCII case-insensitive on the original bytes.

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// Letters (ASCII or any alphabetic Unicode character).
    Word,
    /// A run of ASCII digits.
    Num,
    /// One punctuation character (ASCII or not).
    Punct,
}

/// A token with its byte range in the text.
///
/// Sixteen bytes: a 1 MB text makes about 200,000 tokens, read several times over by the
/// grammar, so the size is what the scans pay for in cache traffic.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// For numbers of at most nine digits: the value ([`Token::num`]); 0 otherwise.
    value: u32,
    /// For numbers: how many digits (saturating at 255).
    pub digits: u8,
    /// Word, number or punctuation.
    pub kind: TokKind,
    /// Whitespace separates this token from the previous one.
    pub space_before: bool,
    /// A line break separates this token from the previous one.
    pub newline_before: bool,
}

impl Token {
    /// First byte, as an index.
    #[inline]
    pub fn start(&self) -> usize {
        self.start as usize
    }
    /// One past the last byte, as an index.
    #[inline]
    pub fn end(&self) -> usize {
        self.end as usize
    }
    /// For numbers of at most nine digits: the value.
    #[inline]
    pub fn num(&self) -> Option<u32> {
        (self.kind == TokKind::Num && self.digits <= 9).then_some(self.value)
    }
    /// The token's text.
    #[cfg(test)]
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start()..self.end()).unwrap_or("")
    }
}

/// Splits `text` into tokens. Linear in the length of the text.
///
/// Offsets are 32-bit: text past the first 4 GiB is not tokenized.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize_into(text, &mut out, |_, _| {});
    out
}

/// Splits `text` into tokens appended to `out` (see [`tokenize`]), calling `each` with each
/// token as soon as it is read, while its bytes are in cache: the tagger looks words up in
/// its lexicon in the same pass. With a word of at most fifteen ASCII letters, `each` also
/// gets its lowercase bytes as a little-endian number (what the lexicon keys words by),
/// built from the reads that found the word's end; 0 for every other token.
///
/// `out` grows once to a size fitting ordinary prose; callers reuse it across texts.
pub(crate) fn tokenize_into(text: &str, out: &mut Vec<Token>, mut each: impl FnMut(Token, u128)) {
    let limit = text.len().min(u32::MAX as usize);
    let bytes = text.as_bytes().get(..limit).unwrap_or(&[]);
    // Prose has a token every four to five bytes.
    out.reserve(bytes.len() / 4 + 16);
    let mut i = 0;
    let mut space = true;
    let mut newline = true;
    while i < bytes.len() {
        let b = bytes[i];
        let start = i;
        let kind;
        let mut value = 0;
        let mut digits = 0u8;
        let mut key = 0;
        // Most tokens are ASCII words: tested first.
        if b.is_ascii_alphabetic() {
            (i, key) = ascii_word(text, i);
            kind = TokKind::Word;
        } else if b.is_ascii_whitespace() {
            space = true;
            if b == b'\n' {
                newline = true;
            }
            i += 1;
            continue;
        } else if b.is_ascii_digit() {
            let mut v: u32 = 0;
            let mut n = 0usize;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                // Nine digits always fit in 32 bits; longer numbers keep no value.
                if n < 9 {
                    v = v * 10 + u32::from(bytes[i] - b'0');
                }
                n += 1;
                i += 1;
            }
            if n <= 9 {
                value = v;
            }
            digits = u8::try_from(n).unwrap_or(u8::MAX);
            kind = TokKind::Num;
        } else if b >= 0x80 {
            let ch = text.get(i..).and_then(|s| s.chars().next());
            match ch {
                Some(ch) if ch.is_alphabetic() => {
                    i = word_end(text, i + ch.len_utf8());
                    kind = TokKind::Word;
                }
                Some(ch) => {
                    i += ch.len_utf8();
                    if ch.is_whitespace() {
                        space = true;
                        continue;
                    }
                    kind = TokKind::Punct;
                }
                None => {
                    // Not on a char boundary: cannot happen for a &str walked char by char.
                    i += 1;
                    continue;
                }
            }
        } else {
            i += 1;
            kind = TokKind::Punct;
        }
        let (Ok(start), Ok(end)) = (u32::try_from(start), u32::try_from(i)) else {
            break;
        };
        let t = Token {
            start,
            end,
            value,
            digits,
            kind,
            space_before: space,
            newline_before: newline,
        };
        // Appended as a one-element slice: in this loop it compiles to fewer instructions
        // than `push` (measured).
        out.extend_from_slice(std::slice::from_ref(&t));
        each(t, key);
        // The single space after most tokens is taken at once.
        space = bytes.get(i) == Some(&b' ');
        i += usize::from(space);
        newline = false;
    }
}

/// The high bit of each byte of `x` (little-endian) that is not an ASCII letter.
#[inline]
fn non_letters(x: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Fold case, drop the high bit, then test `a..=z` by carrying into the high bit.
    let t = (x | 0x2020_2020_2020_2020) & 0x7f7f_7f7f_7f7f_7f7f;
    let from_a = t + 0x1f1f_1f1f_1f1f_1f1f;
    let past_z = t + 0x0505_0505_0505_0505;
    let letters = from_a & !past_z & !x & HIGH;
    !letters & HIGH
}

/// The word starting with the ASCII letter at byte `i`: its end, and its lowercase bytes as
/// a little-endian number when it is made of at most fifteen ASCII letters (else 0).
///
/// Eight bytes are read at a time, and the key is built from the same reads. Words going
/// on past sixteen bytes, into non-ASCII letters, or to the last bytes of the text are
/// finished by [`word_end`].
#[inline(always)]
fn ascii_word(text: &str, i: usize) -> (usize, u128) {
    let bytes = text.as_bytes();
    let Some(x) = chunk8(bytes, i) else {
        return (word_end(text, i), 0);
    };
    let stop = non_letters(x);
    if stop != 0 {
        return match letters_end(bytes, i, stop) {
            Some(n) => (i + n, u128::from(lower_first(x, n))),
            None => (word_end(text, i), 0),
        };
    }
    let j = i + 8;
    let Some(y) = chunk8(bytes, j) else {
        return (word_end(text, j), 0);
    };
    let stop = non_letters(y);
    if stop != 0 {
        return match letters_end(bytes, j, stop) {
            Some(n) => (
                j + n,
                u128::from(lower(x)) | (u128::from(lower_first(y, n)) << 64),
            ),
            None => (word_end(text, j), 0),
        };
    }
    (word_end(text, j + 8), 0)
}

/// The eight bytes at `i`, little-endian, when the text goes on that far.
#[inline(always)]
fn chunk8(bytes: &[u8], i: usize) -> Option<u64> {
    bytes
        .get(i..i.wrapping_add(8))
        .and_then(|c| <[u8; 8]>::try_from(c).ok())
        .map(u64::from_le_bytes)
}

/// How many ASCII letters start the eight bytes read at `at`, given their [`non_letters`]
/// mask `stop` (not 0); `None` when the first non-letter is a non-ASCII byte, which may be a
/// letter continuing the word.
#[inline(always)]
fn letters_end(bytes: &[u8], at: usize, stop: u64) -> Option<usize> {
    let n = (stop.trailing_zeros() / 8) as usize;
    match bytes.get(at + n) {
        Some(&b) if b >= 0x80 => None,
        _ => Some(n),
    }
}

/// The eight bytes of `x`, ASCII letters all, in lowercase.
#[inline(always)]
fn lower(x: u64) -> u64 {
    (x | 0x2020_2020_2020_2020) & 0x7f7f_7f7f_7f7f_7f7f
}

/// The first `n` (less than 8, as [`letters_end`] gives) bytes of `x`, ASCII letters all, in
/// lowercase; the others 0.
#[inline(always)]
fn lower_first(x: u64, n: usize) -> u64 {
    lower(x) & 1u64.wrapping_shl(8 * n as u32).wrapping_sub(1)
}

/// ASCII case-insensitive equality of a word with a lowercase literal.
#[inline]
pub(crate) fn eq_lower(word: &[u8], lower: &str) -> bool {
    word.len() == lower.len()
        && word
            .iter()
            .zip(lower.as_bytes())
            .all(|(a, b)| a.to_ascii_lowercase() == *b)
}

/// The end of the word whose letters continue at byte `i`: ASCII letters (eight at a time
/// while they last) and alphabetic non-ASCII characters.
fn word_end(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    while i < bytes.len() {
        // Eight bytes at a time while they are all ASCII letters.
        if let Some(chunk) = bytes
            .get(i..i + 8)
            .and_then(|c| <[u8; 8]>::try_from(c).ok())
        {
            let stop = non_letters(u64::from_le_bytes(chunk));
            if stop == 0 {
                i += 8;
                continue;
            }
            i += (stop.trailing_zeros() / 8) as usize;
        }
        let Some(&c) = bytes.get(i) else { break };
        if (c | 0x20).wrapping_sub(b'a') < 26 {
            i += 1;
        } else if c >= 0x80 {
            match text.get(i..).and_then(|s| s.chars().next()) {
                Some(ch) if ch.is_alphabetic() => i += ch.len_utf8(),
                _ => break,
            }
        } else {
            break;
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn splits_words_numbers_and_punctuation() {
        assert_eq!(
            texts("On Mar. 18th, 2025 at 3:30p.m."),
            ["On", "Mar", ".", "18", "th", ",", "2025", "at", "3", ":", "30", "p", ".", "m", "."]
        );
        assert_eq!(texts("third-quarter"), ["third", "-", "quarter"]);
        assert_eq!(texts("Café — naïve’s"), ["Café", "—", "naïve", "’", "s"]);
    }

    #[test]
    fn letter_scan_agrees_with_bytes() {
        for b in 0..=255u8 {
            let x = u64::from_le_bytes([b'a', b, b'Z', 0x80, b'@', b'[', b'`', b'{']);
            let m = non_letters(x);
            let is_letter = (b | 0x20).wrapping_sub(b'a') < 26;
            assert_eq!(m & 0x8000 == 0, is_letter, "{b:#x}");
            assert_eq!(m & !0x8000, 0x8080_8080_8000_0000);
        }
        assert_eq!(
            texts("Internationalization, alphabetically-sorted naïveté"),
            [
                "Internationalization",
                ",",
                "alphabetically",
                "-",
                "sorted",
                "naïveté"
            ]
        );
    }

    #[test]
    fn word_keys_are_lowercase_bytes() {
        let s = "Hello WORLD Internationalized abcdefgh x naïve Abcdefghijklmnop é";
        let mut got = Vec::new();
        let mut toks = Vec::new();
        tokenize_into(s, &mut toks, |t, k| got.push((t.text(s).to_owned(), k)));
        let le = |w: &str| {
            let mut b = [0u8; 16];
            b[..w.len()].copy_from_slice(w.as_bytes());
            u128::from_le_bytes(b)
        };
        assert_eq!(
            got,
            [
                ("Hello".to_owned(), le("hello")),
                ("WORLD".to_owned(), le("world")),
                ("Internationalized".to_owned(), 0),
                ("abcdefgh".to_owned(), le("abcdefgh")),
                ("x".to_owned(), le("x")),
                ("naïve".to_owned(), 0),
                ("Abcdefghijklmnop".to_owned(), 0),
                ("é".to_owned(), 0),
            ]
        );
        assert_eq!(toks.len(), got.len());
    }

    #[test]
    fn numbers_keep_values_and_guard_length() {
        let s = "1998 12345678901234567890";
        let t = tokenize(s);
        assert_eq!(t[0].num(), Some(1998));
        assert_eq!(t[0].digits, 4);
        assert_eq!(t[1].num(), None);
        assert_eq!(t[1].digits, 20);
    }

    #[test]
    fn records_spacing() {
        let t = tokenize("a\nb c,d");
        assert!(t[1].newline_before && t[1].space_before);
        assert!(t[2].space_before && !t[2].newline_before);
        assert!(!t[3].space_before && !t[4].space_before);
    }
}
