//! Tokens and sentences: a hand-written scanner, linear in the text and free of backtracking.

use std::borrow::Cow;
use std::ops::Range;

use super::pos::{Tag, WordInfo};
use super::tables::{is_abbreviation, is_title_abbreviation, SUBJECT_PRONOUNS};

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// Letters (possibly with digits, inner hyphens, apostrophes or abbreviation dots).
    Word,
    /// Digits with inner separators ("3.5", "1,000").
    Number,
    /// One punctuation mark (or "--", "...", "``", "''").
    Punct,
}

/// A token of the text.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    /// Byte offset of the start, on a char boundary (texts are tokenized up to 4 GiB).
    start: u32,
    /// Byte offset of the end, on a char boundary.
    end: u32,
    /// Kind.
    pub kind: TokenKind,
    /// Starts with an uppercase letter (so only a word is capitalized).
    pub capitalized: bool,
    /// A word ending in an abbreviation dot ("U.S.", "Dr.").
    pub abbrev: bool,
    /// Line breaks between this token and the previous one.
    pub newlines_before: u8,
    /// Part of speech (filled by the tagger).
    pub tag: Tag,
    /// What the lexicons know of the word, if anything (filled by the tagger).
    pub info: Option<&'static WordInfo>,
    /// Function-word flags of the word (filled by the tagger; see [`super::tables::flag`]).
    pub flags: u16,
    /// Which punctuation mark a punctuation token is.
    pub sym: Sym,
}

impl Token {
    /// Byte span, on char boundaries.
    #[inline]
    pub(crate) fn span(&self) -> Range<usize> {
        self.start()..self.end()
    }

    /// Byte offset of the start.
    #[inline]
    pub(crate) fn start(&self) -> usize {
        self.start as usize
    }

    /// Byte offset of the end.
    #[inline]
    pub(crate) fn end(&self) -> usize {
        self.end as usize
    }
}

/// A byte offset of a tokenized text (at most `u32::MAX`, see [`tokenize`]).
#[inline]
fn offset(b: usize) -> u32 {
    u32::try_from(b).unwrap_or(u32::MAX)
}

/// A table of 32-bit numbers, one per token, whose memory is kept by the thread for the
/// next table when the table is dropped (see [`Pool`]): a large table is otherwise given
/// back to the system after each document, and its pages faulted in and cleared again.
#[derive(Debug)]
pub(crate) struct U32Table(Vec<u32>);

impl U32Table {
    /// A table of `n` numbers, all `fill`.
    pub(crate) fn new(n: usize, fill: u32) -> U32Table {
        // (A new buffer while the thread is being torn down and its pool is gone.)
        let mut v = U32_POOL.try_with(Pool::take).unwrap_or_default();
        v.clear();
        v.resize(n, fill);
        U32Table(v)
    }
}

impl std::ops::Deref for U32Table {
    type Target = [u32];
    fn deref(&self) -> &[u32] {
        &self.0
    }
}

impl std::ops::DerefMut for U32Table {
    fn deref_mut(&mut self) -> &mut [u32] {
        &mut self.0
    }
}

impl Drop for U32Table {
    fn drop(&mut self) {
        let v = std::mem::take(&mut self.0);
        // (While the thread is being torn down, the pool may be gone: the memory is
        // simply freed.)
        let _ = U32_POOL.try_with(|p| p.give(v));
    }
}

/// Buffers kept by a thread between documents: at most [`POOL_BUFFERS`], each of at most
/// `max_len` elements.
pub(crate) struct Pool<T> {
    free: std::cell::Cell<Vec<Vec<T>>>,
    max_len: usize,
}

impl<T> Pool<T> {
    /// An empty pool of buffers of at most `max_len` elements.
    pub(crate) const fn new(max_len: usize) -> Pool<T> {
        Pool {
            free: std::cell::Cell::new(Vec::new()),
            max_len,
        }
    }

    /// A kept buffer (empty or not), or a new empty one.
    pub(crate) fn take(&self) -> Vec<T> {
        let mut free = self.free.take();
        let v = free.pop().unwrap_or_default();
        self.free.set(free);
        v
    }

    /// Keeps `v` (emptied) for a later [`Pool::take`], unless the pool is full or `v` is
    /// too large to keep.
    pub(crate) fn give(&self, mut v: Vec<T>) {
        if v.capacity() == 0 || v.capacity() > self.max_len {
            return;
        }
        v.clear();
        let mut free = self.free.take();
        if free.len() < POOL_BUFFERS {
            free.push(v);
        }
        self.free.set(free);
    }
}

/// How many buffers a [`Pool`] keeps.
const POOL_BUFFERS: usize = 8;

/// The largest per-token buffer kept between documents, in elements: 4,194,304 tokens, the
/// token list of a text of up to about 16 MB (room is made for a token every 4 bytes).
/// What a thread holds after a call is the working memory of its largest document so far,
/// about 10 bytes per byte of text: some 60 KB after a news article, about 100 MB after a
/// 10 MB text (the tokens, 60 MB; the mentions, 32 MB; the event of each mention and a flag
/// for each token, some 6 MB). The tables by token, mention and sentence that the event
/// stage reads cover one segment of the text (some tens of thousands of tokens: about 1 MB
/// in all). A longer text allocates its larger buffers afresh and does not keep them; the
/// thread's memory is given back when it ends.
pub(crate) const MAX_KEPT_TOKENS: usize = 1 << 22;

std::thread_local! {
    /// The memory of this thread's dropped [`U32Table`]s.
    static U32_POOL: Pool<u32> = const { Pool::new(MAX_KEPT_TOKENS + 1) };
    /// The memory of this thread's last token list.
    pub(crate) static TOKEN_POOL: Pool<Token> = const { Pool::new(MAX_KEPT_TOKENS) };
}

/// An empty buffer in memory this thread kept in `pool` (see [`Pool`]), or a new one.
pub(crate) fn taken<T: 'static>(pool: &'static std::thread::LocalKey<Pool<T>>) -> Vec<T> {
    // (A new buffer while the thread is being torn down and its pool is gone.)
    let mut v = pool.try_with(Pool::take).unwrap_or_default();
    v.clear();
    v
}

/// A buffer of `n` copies of `fill`, in memory this thread kept in `pool` or in new memory.
pub(crate) fn filled<T: Clone + 'static>(
    pool: &'static std::thread::LocalKey<Pool<T>>,
    n: usize,
    fill: T,
) -> Vec<T> {
    let mut v = taken(pool);
    v.resize(n, fill);
    v
}

/// Keeps the memory of `v` in `pool` for this thread's next document (see [`Pool::give`]).
pub(crate) fn keep<T: 'static>(pool: &'static std::thread::LocalKey<Pool<T>>, v: Vec<T>) {
    // (While the thread is being torn down, the memory is simply freed.)
    let _ = pool.try_with(|p| p.give(v));
}

/// An optional index for each token of a window of the text (the tokens `base..base +
/// len`), in 32 bits (`u32::MAX` stands for none): the mention or timex at each token of
/// the segment being read. A token outside the window has none.
#[derive(Debug)]
pub(crate) struct TokIndex {
    base: usize,
    table: U32Table,
}

impl TokIndex {
    /// A table for the tokens `r`, all empty.
    pub(crate) fn over(r: Range<usize>) -> TokIndex {
        TokIndex {
            base: r.start,
            table: U32Table::new(r.len(), u32::MAX),
        }
    }

    /// The index at token `k`.
    #[inline]
    pub(crate) fn at(&self, k: usize) -> Option<u32> {
        // (A token before the window wraps around to an index beyond it.)
        self.table
            .get(k.wrapping_sub(self.base))
            .copied()
            .filter(|&v| v != u32::MAX)
    }

    /// Sets the index at token `k` (nothing for a token outside the window).
    #[inline]
    pub(crate) fn set(&mut self, k: usize, v: Option<u32>) {
        if let Some(slot) = self.table.get_mut(k.wrapping_sub(self.base)) {
            *slot = v.unwrap_or(u32::MAX);
        }
    }

    /// Moves the window to the tokens `r`: the tokens of both windows keep their index,
    /// the others have none.
    pub(crate) fn slide(&mut self, r: Range<usize>) {
        let old = std::mem::replace(self, TokIndex::over(r.clone()));
        let end = old.base + old.table.len();
        for k in r.start.max(old.base)..r.end.min(end) {
            self.set(k, old.at(k));
        }
    }
}

/// The punctuation marks that the stages test for, by their exact text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sym {
    /// ","
    Comma,
    /// ";"
    Semicolon,
    /// ":"
    Colon,
    /// "."
    Period,
    /// "!"
    Bang,
    /// "?"
    Question,
    /// "--"
    DoubleDash,
    /// "—"
    EmDash,
    /// "–"
    EnDash,
    /// "("
    OpenParen,
    /// ")"
    CloseParen,
    /// The straight double quote.
    Quote,
    /// "``"
    OpenQuotes,
    /// "“"
    CurlyOpenQuote,
    /// "_"
    Underscore,
    /// Any other token.
    Other,
}

impl Sym {
    /// The mark whose text is the one ASCII byte `b` ([`Sym::of`] for one-byte texts).
    fn of_byte(b: u8) -> Sym {
        match b {
            b',' => Sym::Comma,
            b';' => Sym::Semicolon,
            b':' => Sym::Colon,
            b'.' => Sym::Period,
            b'!' => Sym::Bang,
            b'?' => Sym::Question,
            b'(' => Sym::OpenParen,
            b')' => Sym::CloseParen,
            b'"' => Sym::Quote,
            b'_' => Sym::Underscore,
            _ => Sym::Other,
        }
    }

    /// The mark whose text is `s`.
    fn of(s: &str) -> Sym {
        match s {
            "," => Sym::Comma,
            ";" => Sym::Semicolon,
            ":" => Sym::Colon,
            "." => Sym::Period,
            "!" => Sym::Bang,
            "?" => Sym::Question,
            "--" => Sym::DoubleDash,
            "—" => Sym::EmDash,
            "–" => Sym::EnDash,
            "(" => Sym::OpenParen,
            ")" => Sym::CloseParen,
            "\"" => Sym::Quote,
            "``" => Sym::OpenQuotes,
            "“" => Sym::CurlyOpenQuote,
            "_" => Sym::Underscore,
            _ => Sym::Other,
        }
    }
}

/// The lowercased text of a token, borrowed whenever possible.
#[inline(always)]
pub(crate) fn lower<'a>(text: &'a str, t: &Token) -> Cow<'a, str> {
    match t.info {
        Some(i) => Cow::Borrowed(i.word),
        None => unknown_lower(text, t),
    }
}

/// [`lower`] for a word the lexicon does not know.
#[inline(never)]
fn unknown_lower<'a>(text: &'a str, t: &Token) -> Cow<'a, str> {
    let w = text.get(t.span()).unwrap_or("");
    if !w.is_ascii() {
        Cow::Owned(w.chars().flat_map(char::to_lowercase).collect())
    } else if w.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(w.to_ascii_lowercase())
    } else {
        Cow::Borrowed(w)
    }
}

/// Calls `f` with the lowercased text of a token, without allocating for known words and
/// short ASCII ones.
#[inline]
pub(crate) fn with_lower<R>(text: &str, t: &Token, f: impl FnOnce(&str) -> R) -> R {
    if let Some(i) = t.info {
        return f(i.word);
    }
    let s = text.get(t.span()).unwrap_or("");
    if !s.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
        return f(s);
    }
    let mut buf = [0u8; 32];
    if let Some(b) = buf.get_mut(..s.len()).filter(|_| s.is_ascii()) {
        b.copy_from_slice(s.as_bytes());
        b.make_ascii_lowercase();
        if let Ok(w) = std::str::from_utf8(b) {
            return f(w);
        }
    }
    f(&lower(text, t))
}

/// Whether the lowercased text of a token is in the word list of `mark`
/// ([`super::tables::mark`]): a bit test for lexicon words.
#[inline]
pub(crate) fn marked(text: &str, t: &Token, mark: u32) -> bool {
    match t.info {
        Some(i) => i.marks & mark != 0,
        // (The lists hold words only: no mark or number is in one.)
        None if t.kind != TokenKind::Word => false,
        None => with_lower(text, t, |w| super::tables::in_marked_list(w, mark)),
    }
}

/// Whether the lowercased text of a token is `w`, without allocating.
#[inline]
pub(crate) fn is(text: &str, t: &Token, w: &str) -> bool {
    with_lower(text, t, |x| x == w)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Bits of [`BYTE_CLASS`].
mod class {
    /// A space, tab or carriage return.
    pub const BLANK: u8 = 1;
    /// A line feed.
    pub const NEWLINE: u8 = 2;
    /// An ASCII letter.
    pub const ALPHA: u8 = 4;
    /// An ASCII byte after which a plain word ends: not "-", "." or an apostrophe.
    pub const ENDS_WORD: u8 = 16;
    /// ASCII punctuation that is a token on its own: not "-", ".", "`" or an apostrophe.
    pub const LONE_MARK: u8 = 32;
    /// An ASCII byte that ends a run of letters as a token: [`ENDS_WORD`], not a digit.
    pub const ENDS_LETTERS: u8 = 64;
    /// An ASCII byte that ends a run of digits as a token: [`ENDS_WORD`], not a letter,
    /// a digit or a comma.
    pub const ENDS_DIGITS: u8 = 128;
}

/// The classes of every byte value ([`class`]).
static BYTE_CLASS: [u8; 256] = byte_classes();

const fn byte_classes() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut b = 0usize;
    while b < 128 {
        // (`b` is below 128: the cast is exact.)
        let x = b as u8;
        let mut c = 0;
        if matches!(x, b' ' | b'\t' | b'\r') {
            c |= class::BLANK;
        }
        if x == b'\n' {
            c |= class::NEWLINE;
        }
        if x.is_ascii_alphabetic() {
            c |= class::ALPHA;
        }
        if !matches!(x, b'-' | b'.' | b'\'') {
            c |= class::ENDS_WORD;
        }
        if x.is_ascii_punctuation() && !matches!(x, b'-' | b'.' | b'`' | b'\'') {
            c |= class::LONE_MARK;
        }
        if c & class::ENDS_WORD != 0 && !x.is_ascii_digit() {
            c |= class::ENDS_LETTERS;
            if !x.is_ascii_alphabetic() && x != b',' {
                c |= class::ENDS_DIGITS;
            }
        }
        t[b] = c;
        b += 1;
    }
    t
}

/// The number of ASCII letters and digits that `bytes` starts with (a loop of its own, out
/// of the tokenizer's many live values), eight bytes at a time: most words end within the
/// first eight, so the loop rarely turns and its exit is well predicted.
#[inline]
fn alnum_run(bytes: &[u8]) -> usize {
    let mut k = 0;
    while let Some(chunk) = bytes.get(k..k + 8) {
        let mut b = [0u8; 8];
        b.copy_from_slice(chunk);
        let stops = non_alnum_bytes(u64::from_le_bytes(b));
        if stops != 0 {
            return k + (stops.trailing_zeros() / 8) as usize;
        }
        k += 8;
    }
    // The tail, zero-padded: a zero byte is no letter or digit, so the run ends within it.
    let rest = bytes.get(k..).unwrap_or_default();
    let x = rest
        .iter()
        .enumerate()
        .fold(0u64, |v, (n, &b)| v | (u64::from(b) << (8 * n)));
    k + ((non_alnum_bytes(x).trailing_zeros() / 8) as usize).min(rest.len())
}

/// The high bit of each byte lane of `x` (eight bytes, little-endian) that is not an ASCII
/// letter or digit.
#[inline]
fn non_alnum_bytes(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x80 * ONES;
    // The low seven bits of each byte: adding at most 0x80 to them never carries into the
    // next byte, so each lane's high bit tells whether the lane reached a bound.
    let low = x & (0x7f * ONES);
    let within = |v: u64, lo: u64, hi: u64| {
        let at_least_lo = v.wrapping_add((0x80 - lo) * ONES);
        let beyond_hi = v.wrapping_add((0x7f - hi) * ONES);
        at_least_lo & !beyond_hi & HIGH
    };
    let digit = within(low, u64::from(b'0'), u64::from(b'9'));
    // (Setting the 0x20 bit maps 'A'..='Z' onto 'a'..='z' and no other byte into it.)
    let letter = within(low | (0x20 * ONES), u64::from(b'a'), u64::from(b'z'));
    // Bytes of 0x80 and above are no ASCII letters or digits.
    !((digit | letter) & !x) & HIGH
}

/// The longest prefix of `text` whose offsets fit in 32 bits.
fn clip(text: &str) -> &str {
    let mut k = text.len().min(u32::MAX as usize);
    while !text.is_char_boundary(k) {
        k -= 1;
    }
    text.get(..k).unwrap_or("")
}

/// Splits `text` into tokens.
///
/// Offsets are kept in 32 bits: a text longer than 4 GiB is tokenized up to its last char
/// boundary within 4 GiB.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut toks = Vec::new();
    tokenize_into(text, &mut toks);
    toks
}

/// [`tokenize`] into `toks` (cleared first), reusing its room.
pub(crate) fn tokenize_into(text: &str, toks: &mut Vec<Token>) {
    let text = clip(text);
    toks.clear();
    // News text has a token for every 4.3 bytes or so: room for all of them at once, so
    // the list does not grow by copying.
    toks.reserve(text.len() / 4 + 16);
    let _ = scan_until(text, 0, 0, text.len(), toks);
}

/// The tokens of a text built alongside another scanner's pass over it (the temporal
/// tagger's), so that the text's bytes are read once for both: the tokens that both
/// scanners cut alike (plain ASCII words, runs of digits and single marks, followed by
/// what ends them) are taken from the other scanner, words with their lexicon entry found
/// from its key; everything else is tokenized here as [`tokenize`] would. The tokens come out as [`tokenize`] gives them, with their
/// words looked up ([`super::pos::look_up`]).
pub(crate) struct Fuser<'t> {
    /// The text, clipped as [`tokenize`] clips it.
    text: &'t str,
    lex: &'static super::pos::Lexicon,
    toks: Vec<Token>,
    /// Where the next token is searched.
    at: usize,
    /// Line breaks since the last token.
    newlines: u8,
}

impl<'t> Fuser<'t> {
    /// Starts on `text`, filling `toks` (cleared first, its room reused).
    pub(crate) fn new(
        text: &'t str,
        lex: &'static super::pos::Lexicon,
        mut toks: Vec<Token>,
    ) -> Fuser<'t> {
        let text = clip(text);
        toks.clear();
        toks.reserve(text.len() / 4 + 16);
        Fuser {
            text,
            lex,
            toks,
            at: 0,
            newlines: 0,
        }
    }

    /// The other scanner found a token at `start..end` (in text order; offsets on char
    /// boundaries); `key` is the lowercase bytes of a word of at most fifteen ASCII letters
    /// that is followed by an ASCII byte, as a little-endian number, else 0.
    ///
    /// Returns the lexicon's number ([`super::pos::WordInfo::id`]) of a word found with
    /// `key`, so that the other scanner can use it for its own lexicon.
    #[inline]
    pub(crate) fn offer(&mut self, start: usize, end: usize, key: u128) -> Option<u32> {
        let at = self.at;
        if start < at {
            // Inside a token already made here ("U.S.", "third-quarter").
            return None;
        }
        let bytes = self.text.as_bytes();
        // Right after the last token, or after ASCII blanks and line breaks (counted as the
        // scanner counts them): where the scanner would start its next token.
        let mut newlines = self.newlines;
        let joined = start == at
            || (start == at + 1 && bytes.get(at) == Some(&b' '))
            || self.blanks(at, start, &mut newlines);
        if let (true, Some(&first)) = (joined, bytes.get(start)) {
            // (The end of the text ends any token.)
            let next = bytes.get(end).copied();
            let ends = next.map_or(u8::MAX, |e| BYTE_CLASS[usize::from(e)]);
            let made = if key != 0 {
                // A word that the scanner's first case takes whole: not "n" (of "n't"), and
                // its letters not followed by a digit (the run would go on), a hyphen, an
                // apostrophe or a full stop (which the scanner reads on; but see below).
                let n = end.wrapping_sub(start);
                // A full stop that no letter follows ("said.") ends the word, unless the
                // word is an abbreviation (whose token keeps the stop, left to the scanner).
                let full_stop = || {
                    next == Some(b'.')
                        && bytes
                            .get(end + 1)
                            .is_none_or(|&a| a < 0x80 && !a.is_ascii_alphabetic())
                        && !(n == 1 && first.is_ascii_uppercase())
                        && !is_abbreviation(self.text.get(start..end).unwrap_or(""))
                };
                let whole = ends & class::ENDS_LETTERS != 0 || full_stop();
                (whole && (n >= 2 || first | 0x20 != b'n')).then(|| {
                    (
                        TokenKind::Word,
                        self.lex.lookup_lowercase(key, n),
                        Sym::Other,
                    )
                })
            } else if first.is_ascii_digit() {
                // ASCII digits that nothing continues (not a letter, nor a separator or a
                // hyphen before more).
                let separator_after = matches!(next, Some(b'.' | b','))
                    && !bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
                (ends & class::ENDS_DIGITS != 0 || separator_after).then_some((
                    TokenKind::Number,
                    None,
                    Sym::Other,
                ))
            } else {
                // One ASCII mark, as the scanner takes it.
                let lone = BYTE_CLASS[usize::from(first)] & class::LONE_MARK != 0
                    || (matches!(first, b'.' | b'-') && next != Some(first));
                (lone && end == start + 1).then(|| (TokenKind::Punct, None, Sym::of_byte(first)))
            };
            if let Some((kind, info, sym)) = made {
                let capitalized = first.is_ascii_uppercase();
                // (What `word_flags_of` gives, read here so that the token is written once.)
                let flags = match info {
                    Some(i) => i.flags,
                    None if kind == TokenKind::Word && !capitalized => {
                        self.unknown_word_flags(start, end)
                    }
                    None => 0,
                };
                self.toks.push(Token {
                    capitalized,
                    start: offset(start),
                    end: offset(end),
                    kind,
                    abbrev: false,
                    newlines_before: newlines,
                    tag: Tag::Other,
                    info,
                    flags,
                    sym,
                });
                self.at = end;
                self.newlines = 0;
                return info.map(|i| i.id);
            }
        }
        self.scan_to(end);
        None
    }

    /// [`word_flags_of`] of a lowercase word at `start..end` that the lexicon does not know.
    #[inline(never)]
    fn unknown_word_flags(&self, start: usize, end: usize) -> u16 {
        let t = Token {
            capitalized: false,
            start: offset(start),
            end: offset(end),
            kind: TokenKind::Word,
            abbrev: false,
            newlines_before: 0,
            tag: Tag::Other,
            info: None,
            flags: 0,
            sym: Sym::Other,
        };
        word_flags_of(self.text, &t)
    }

    /// Whether `at..start` holds only ASCII blanks and line breaks, which are then added to
    /// `newlines` (`newlines` is left alone otherwise).
    fn blanks(&self, at: usize, start: usize, newlines: &mut u8) -> bool {
        let Some(gap) = self.text.as_bytes().get(at..start) else {
            return false;
        };
        let mut breaks = 0usize;
        for &b in gap {
            let c = BYTE_CLASS[usize::from(b)];
            if c & (class::BLANK | class::NEWLINE) == 0 {
                return false;
            }
            breaks += usize::from(c & class::NEWLINE != 0);
        }
        *newlines = newlines.saturating_add(u8::try_from(breaks).unwrap_or(u8::MAX));
        true
    }

    /// Tokenizes here up to `end` (the rare tokens the other scanner cuts otherwise), out
    /// of the other scanner's loop.
    #[inline(never)]
    fn scan_to(&mut self, end: usize) {
        let from = self.toks.len();
        (self.at, self.newlines) =
            scan_until(self.text, self.at, self.newlines, end, &mut self.toks);
        super::pos::look_up(
            self.lex,
            self.text,
            self.toks.get_mut(from..).unwrap_or_default(),
        );
    }

    /// The tokens of the whole text (the other scanner has seen all of it).
    pub(crate) fn finish(mut self) -> Vec<Token> {
        self.scan_to(self.text.len());
        self.toks
    }
}

/// The tokenizer from byte `from` of `text` (clipped to 32-bit offsets), after `newlines`
/// line breaks, until it reaches `until`: the tokens found pushed onto `toks` (the last one
/// may end beyond `until`). Returns where it stopped and the line breaks read since the
/// last token.
#[inline(always)]
fn scan_until(
    text: &str,
    from: usize,
    mut newlines: u8,
    until: usize,
    toks: &mut Vec<Token>,
) -> (usize, u8) {
    let n = text.len();
    // Positions are byte offsets, always on char boundaries.
    let bytes = text.as_bytes();
    let at = |b: usize| match bytes.get(b) {
        Some(&x) if x < 0x80 => Some(char::from(x)),
        Some(_) => text.get(b..).and_then(|s| s.chars().next()),
        None => None,
    };
    let adv = |b: usize| match bytes.get(b) {
        Some(&x) if x < 0x80 => b + 1,
        _ => b + at(b).map_or(1, char::len_utf8),
    };
    let before = |b: usize| text.get(..b).and_then(|s| s.chars().next_back());
    let mut i = from;
    while i < until {
        // ASCII blanks in one sweep.
        let mut b = 0u8;
        while let Some(&x) = bytes.get(i) {
            let class = BYTE_CLASS[usize::from(x)];
            if class & class::BLANK != 0 {
                i += 1;
            } else if class & class::NEWLINE != 0 {
                newlines = newlines.saturating_add(1);
                i += 1;
            } else {
                b = x;
                break;
            }
        }
        let class = BYTE_CLASS[usize::from(b)];
        // The common case in one sweep: an ASCII word of letters and digits that ends at
        // a space or a mark the scanner below would stop at too (not "-", ".", "," or an
        // apostrophe, which may continue it), and that is not the "n" of an "n't".
        if i < n
            && class & class::ALPHA != 0
            && (!matches!(b, b'n' | b'N')
                || bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric))
        {
            let rest = bytes.get(i + 1..).unwrap_or_default();
            let run = alnum_run(rest);
            let j = i + 1 + run;
            let next = rest.get(run).copied();
            // (A comma ends a word: only numbers continue over one.)
            let ends = next.is_none_or(|e| BYTE_CLASS[usize::from(e)] & class::ENDS_WORD != 0);
            // A word before a full stop that no letter follows ("said.", "Dr. Jones", "U.S" is
            // left to the scanner below): the stop is the word's own when it is an
            // abbreviation, as below.
            let before_stop = next == Some(b'.')
                && rest
                    .get(run + 1)
                    .is_none_or(|&a| a < 0x80 && !a.is_ascii_alphabetic());
            if before_stop || ends {
                let abbrev = before_stop
                    && (is_abbreviation(text.get(i..j).unwrap_or(""))
                        || (run == 0 && b.is_ascii_uppercase()));
                let end = if abbrev { j + 1 } else { j };
                toks.push(Token {
                    capitalized: b.is_ascii_uppercase(),
                    start: offset(i),
                    end: offset(end),
                    kind: TokenKind::Word,
                    abbrev,
                    newlines_before: newlines,
                    tag: Tag::Other,
                    info: None,
                    flags: 0,
                    sym: Sym::Other,
                });
                i = end;
                newlines = 0;
                continue;
            }
        }
        // A single ASCII punctuation mark that no rule below extends, or a full stop or
        // hyphen that is not one of a row.
        let lone = class & class::LONE_MARK != 0
            || (matches!(b, b'.' | b'-') && bytes.get(i + 1) != Some(&b));
        if i < n && lone {
            toks.push(Token {
                capitalized: false,
                start: offset(i),
                end: offset(i + 1),
                kind: TokenKind::Punct,
                abbrev: false,
                newlines_before: newlines,
                tag: Tag::Other,
                info: None,
                flags: 0,
                sym: Sym::of_byte(b),
            });
            i += 1;
            newlines = 0;
            continue;
        }
        let Some(c) = at(i) else { break };
        if c.is_whitespace() {
            if c == '\n' {
                newlines = newlines.saturating_add(1);
            }
            i = adv(i);
            continue;
        }
        let start = i;
        let mut kind;
        let mut abbrev = false;
        let i1 = adv(i);
        let i2 = adv(i1);
        let nt_clitic = (c == 'n' || c == 'N')
            && at(i1).is_some_and(is_apostrophe)
            && at(i2).is_some_and(|t| t == 't' || t == 'T')
            && !at(adv(i2)).is_some_and(is_word_char)
            && toks.last().is_some_and(|t: &Token| t.end() == i);
        if nt_clitic {
            kind = TokenKind::Word;
            i = adv(i2);
        } else if is_word_char(c) {
            kind = if c.is_ascii_digit() {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            let mut j = i1;
            loop {
                // Runs of ASCII letters and digits in one sweep.
                while let Some(&b) = bytes.get(j) {
                    if b.is_ascii_alphabetic() {
                        kind = TokenKind::Word;
                    } else if !b.is_ascii_digit() {
                        break;
                    }
                    j += 1;
                }
                let j1 = adv(j);
                match at(j) {
                    Some(ch) if is_word_char(ch) => {
                        if !ch.is_ascii_digit() {
                            kind = TokenKind::Word;
                        }
                        j = j1;
                    }
                    Some('-') if at(j1).is_some_and(is_word_char) => j = adv(j1),
                    Some('.' | ',')
                        if kind == TokenKind::Number
                            && at(j1).is_some_and(|d| d.is_ascii_digit()) =>
                    {
                        j = adv(j1)
                    }
                    Some('.')
                        if kind == TokenKind::Word
                            && at(j1).is_some_and(char::is_alphabetic)
                            && at(adv(j1)) == Some('.') =>
                    {
                        // "U.S.", "p.m.": letter-dot sequences.
                        j = adv(j1);
                    }
                    Some(a) if is_apostrophe(a) && at(j1).is_some_and(char::is_alphabetic) => {
                        // Clitics become their own tokens: "did|n't", "Iraq|'s", "we|'ll".
                        let nt = before(j).is_some_and(|p| p == 'n' || p == 'N')
                            && at(j1).is_some_and(|t| t == 't' || t == 'T')
                            && !at(adv(j1)).is_some_and(is_word_char);
                        if nt {
                            if j - 1 > i {
                                j -= 1;
                            }
                            break;
                        }
                        let mut k = j1;
                        while at(k).is_some_and(is_word_char) {
                            k = adv(k);
                        }
                        let clitic = text.get(j1..k).unwrap_or("");
                        if ["s", "re", "ll", "ve", "d", "m"]
                            .iter()
                            .any(|c| clitic.eq_ignore_ascii_case(c))
                        {
                            break;
                        }
                        j = k;
                    }
                    _ => break,
                }
            }
            // An abbreviation keeps its dot: "Dr.", "Jan.", "U.S.", "Corp.".
            if kind == TokenKind::Word && at(j) == Some('.') {
                let word = text.get(i..j).unwrap_or("");
                let dotted = word.contains('.');
                if dotted
                    || is_abbreviation(word)
                    || (word.chars().count() == 1 && c.is_uppercase())
                {
                    j = adv(j);
                    abbrev = true;
                }
            }
            i = j;
        } else if is_apostrophe(c)
            && at(i1).is_some_and(char::is_alphabetic)
            && toks.last().is_some_and(|t: &Token| t.end() == i)
        {
            // A clitic split off above.
            let mut j = i1;
            while at(j).is_some_and(is_word_char) {
                j = adv(j);
            }
            kind = TokenKind::Word;
            i = j;
        } else {
            kind = TokenKind::Punct;
            let mut j = i1;
            if matches!(c, '-' | '.' | '`' | '\'') {
                while at(j) == Some(c) {
                    j = adv(j);
                }
            }
            i = j;
        }
        let end = i.min(n);
        // Only punctuation tokens can be one of the marks.
        let sym = match kind {
            TokenKind::Punct => Sym::of(text.get(start..end).unwrap_or("")),
            _ => Sym::Other,
        };
        toks.push(Token {
            capitalized: c.is_uppercase(),
            start: offset(start),
            end: offset(end),
            kind,
            abbrev,
            newlines_before: newlines,
            tag: Tag::Other,
            info: None,
            flags: 0,
            sym,
        });
        i = end;
        newlines = 0;
    }
    (i, newlines)
}

fn is_closing(s: &str) -> bool {
    matches!(s, "\"" | "''" | "”" | "’" | "'" | ")" | "]")
}

fn is_terminal(s: &str) -> bool {
    matches!(s, "." | "!" | "?" | "..." | "…") || s.starts_with("..") || is_emoji(s)
}

/// A pictograph ("🎉", "☀"), which ends a sentence in informal writing as a mark does ("Got
/// my first job offer today 🎉 start on Monday").
fn is_emoji(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| matches!(c, '\u{1F300}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}'))
}

/// Words that can start a sentence after an abbreviation ("… in the U.S. The next day …").
fn starts_sentence(word: &str) -> bool {
    const STARTERS: &[&str] = &[
        "the",
        "a",
        "an",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "this",
        "that",
        "these",
        "those",
        "there",
        "but",
        "and",
        "in",
        "on",
        "at",
        "after",
        "before",
        "his",
        "her",
        "its",
        "their",
        "our",
        "as",
        "if",
        "when",
        "while",
        "meanwhile",
        "however",
        "mr.",
        "mrs.",
        "ms.",
    ];
    let lower = word.to_lowercase();
    STARTERS.contains(&lower.as_str())
}

/// Token index ranges of the sentences of a tokenized text.
pub(crate) fn split_sentences(text: &str, toks: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(toks.len() / 16);
    let mut splitter = Splitter::default();
    splitter.run(text, toks, toks.len(), &mut out);
    splitter.finish(toks.len(), &mut out);
    out
}

/// [`split_sentences`] a stretch of tokens at a time: each step reads the part of speech
/// of the tokens before the stretch's end only (other fields of the tokens after it too),
/// so that the tokens may be tagged a stretch at a time, just before.
#[derive(Debug, Default)]
pub(crate) struct Splitter {
    /// The first token of the current sentence.
    start: usize,
    /// The next token to read.
    i: usize,
}

impl Splitter {
    /// Reads on up to token `until` (exclusive), pushing the sentences it closes to `out`.
    pub(crate) fn run(
        &mut self,
        text: &str,
        toks: &[Token],
        until: usize,
        out: &mut Vec<Range<usize>>,
    ) {
        let Splitter { mut start, mut i } = *self;
        let until = until.min(toks.len());
        let word = |k: usize| toks.get(k).and_then(|t| text.get(t.span())).unwrap_or("");
        while i < until {
            let t = &toks[i];
            // Most tokens end nothing: a word or number, not an abbreviation, with the next token
            // on the same line (the last token's sentence is closed after the loop).
            if t.kind != TokenKind::Punct
                && !t.abbrev
                && toks.get(i + 1).is_none_or(|nx| nx.newlines_before == 0)
            {
                i += 1;
                continue;
            }
            let mut end_here = false;
            let mut last = i;
            // (Only the marks with no symbol of their own need their text read.)
            let terminal = t.kind == TokenKind::Punct
                && match t.sym {
                    Sym::Period | Sym::Bang | Sym::Question => true,
                    Sym::Other => is_terminal(word(i)),
                    _ => false,
                };
            if terminal {
                while last + 1 < toks.len()
                    && toks[last + 1].kind == TokenKind::Punct
                    && toks[last + 1].newlines_before == 0
                    && (is_closing(word(last + 1)) || is_terminal(word(last + 1)))
                {
                    last += 1;
                }
                end_here = match toks.get(last + 1) {
                    None => true,
                    Some(nx) => {
                        nx.newlines_before > 0
                        || nx.capitalized
                        || nx.kind == TokenKind::Number
                        || matches!(word(last + 1), "\"" | "``" | "“" | "(" | "'" | "‘")
                        // Informal writing starts sentences in lowercase ("lol. we went"); a
                        // subject pronoun right after the mark (no closing quote between:
                        // "'Why?' he asked" goes on) starts a new one.
                        || (last == i
                            && SUBJECT_PRONOUNS.contains(&word(last + 1)))
                        // So does any lowercase word after a mark that closes a plain
                        // lowercase word ("flight was delayed lol. going to the gym",
                        // "at 6am! my sister"): edited text has no such sequence but after
                        // an abbreviation ("Deseret Bancorp. for stock").
                        || (last == i
                            && nx.kind == TokenKind::Word
                            && !nx.capitalized
                            && i > 0
                            && toks[i - 1].kind == TokenKind::Word
                            && !toks[i - 1].abbrev
                            && !toks[i - 1].capitalized)
                    }
                };
            } else if t.abbrev && !is_title_abbreviation(word(i)) {
                // "… in the U.S. The talks …": an abbreviation ends a sentence when what follows
                // can only start one.
                end_here = match toks.get(i + 1) {
                    None => true,
                    Some(nx) => {
                        nx.newlines_before > 1 || (nx.capitalized && starts_sentence(word(i + 1)))
                    }
                };
            }
            if !end_here {
                if let Some(nx) = toks.get(i + 1) {
                    end_here = nx.newlines_before > 1
                        || (nx.newlines_before == 1 && line_break_ends(text, toks, start, i))
                        || ((start + 3..=start + DATELINE_TOKENS).contains(&i)
                            && t.kind == TokenKind::Punct
                            && is_dateline_end(text, toks, start, i));
                }
            }
            if end_here || last + 1 >= toks.len() {
                out.push(start..last + 1);
                start = last + 1;
                i = last + 1;
            } else {
                i += 1;
            }
        }
        *self = Splitter { start, i };
    }

    /// Closes the last sentence of a text of `n` tokens, once all of them were read.
    pub(crate) fn finish(self, n: usize, out: &mut Vec<Range<usize>>) {
        if self.start < n {
            out.push(self.start..n);
        }
    }
}

/// A single line break ends a sentence after a headline or dateline: the line does not end
/// in a word that needs a continuation, and the next line starts a new capitalised phrase.
fn line_break_ends(text: &str, toks: &[Token], start: usize, i: usize) -> bool {
    let (Some(t), Some(nx)) = (toks.get(i), toks.get(i + 1)) else {
        return false;
    };
    if !(nx.capitalized || nx.kind == TokenKind::Number || nx.kind == TokenKind::Punct) {
        return false;
    }
    if matches!(
        t.tag,
        Tag::Dt | Tag::In | Tag::Cc | Tag::To | Tag::PrpPoss | Tag::Md
    ) || matches!(text.get(t.span()), Some("," | ";"))
    {
        return false;
    }
    // Lines of running text wrapped by the writer are long; headlines and datelines are short.
    let line_start = text
        .get(..t.end())
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |p| p + 1);
    let line_len = t.end().saturating_sub(line_start);
    let sentence_on_line = toks
        .get(start)
        .is_some_and(|s0| s0.start() >= line_start || s0.newlines_before > 0);
    line_len < 60 && sentence_on_line
}

/// The marks that end a dateline.
#[inline]
fn is_dash(sym: Sym) -> bool {
    matches!(
        sym,
        Sym::DoubleDash | Sym::EmDash | Sym::Underscore | Sym::EnDash
    )
}

/// How many tokens a dateline may have before its dash ("SAN FRANCISCO, Nov. 12, 2025
/// (Reuters) -").
const DATELINE_TOKENS: usize = 16;

/// Token `i` is a hyphen standing alone between spaces ("(Reuters) - The Senate").
fn is_spaced_hyphen(text: &str, toks: &[Token], i: usize) -> bool {
    let Some(t) = toks.get(i) else { return false };
    t.kind == TokenKind::Punct
        && text.get(t.span()) == Some("-")
        && text.as_bytes().get(t.start().wrapping_sub(1)) == Some(&b' ')
        && text.as_bytes().get(t.end()) == Some(&b' ')
}

/// "MOSCOW (AP) — Presidents …", "WASHINGTON, Nov. 12 (Reuters) - The Senate …": the
/// dateline ends at the dash after the agency.
fn is_dateline_end(text: &str, toks: &[Token], start: usize, i: usize) -> bool {
    let w = |k: usize| toks.get(k).and_then(|t| text.get(t.span())).unwrap_or("");
    if i < start + 3 || i > start + DATELINE_TOKENS {
        return false;
    }
    // Most marks in a sentence's first tokens do not follow a closing parenthesis.
    if toks.get(i - 1).is_none_or(|t| t.sym != Sym::CloseParen) {
        return false;
    }
    let dash = toks
        .get(i)
        .is_some_and(|t| is_dash(t.sym) || is_spaced_hyphen(text, toks, i));
    // The place opens the line in capitals ("MOSCOW", "SAN FRANCISCO").
    let place = w(start);
    let capitals = place.chars().count() >= 2 && !place.chars().any(char::is_lowercase);
    dash && capitals && w(i - 1) == ")" && {
        let agency = w(i - 2);
        agency.len() >= 2
            && agency.chars().next().is_some_and(char::is_uppercase)
            && agency.chars().all(char::is_alphabetic)
            && w(i - 3) == "("
    }
}

/// The function-word flags of a token, from the lexicon or the word itself (the tagger
/// stores them in the token).
#[inline(always)]
pub(crate) fn word_flags_of(text: &str, t: &Token) -> u16 {
    match t.info {
        Some(i) => i.flags,
        None if t.kind == TokenKind::Word && !t.capitalized => unknown_flags(text, t),
        None => 0,
    }
}

/// [`word_flags_of`] of a word the lexicon does not know.
#[inline(never)]
fn unknown_flags(text: &str, t: &Token) -> u16 {
    match t.info {
        Some(i) => i.flags,
        // Function words are in the lexicon; only curly-apostrophe clitics and the halves of
        // "won't"/"can't" may be missing from it.
        None if t.kind == TokenKind::Word && !t.capitalized => {
            let w = text.get(t.span()).unwrap_or("");
            // (The curly apostrophe's first byte is 0xE2.)
            if w.len() <= 4 || (w.as_bytes().contains(&0xe2) && w.contains('’')) {
                super::tables::word_flags(&lower(text, t))
            } else {
                0
            }
        }
        None => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The allocation-free comparisons agree with lowercasing, for known and unknown words
    /// in any case, ASCII or not, short or long.
    #[test]
    fn with_lower_agrees_with_lower() {
        let text = "The SAID Zzyzxville ÉLAN élan NOT n’T N'T \
                    Supercalifragilisticexpialidocious-Extraordinarily said";
        let mut toks = tokenize(text);
        super::super::pos::tag_sentence(super::super::lexicon(), text, &mut toks);
        for t in &toks {
            let l = lower(text, t).into_owned();
            with_lower(text, t, |w| assert_eq!(w, l));
            assert!(is(text, t, &l));
            assert!(!is(text, t, "said-not"));
        }
        let said: Vec<bool> = toks.iter().map(|t| is(text, t, "said")).collect();
        assert_eq!(said.iter().filter(|&&b| b).count(), 2);
    }

    /// The tokens built alongside the temporal tagger's scanner are the tokens of
    /// [`tokenize`], looked up and tagged alike, whatever the text (clitics, abbreviations,
    /// numbers, marks, blanks and line breaks, non-ASCII text, texts read in segments).
    #[test]
    fn fused_tokens_agree_with_tokenize() {
        let lex = super::super::lexicon();
        let mut texts: Vec<String> = [
            "Dr. Smith didn't go to the U.S. on Jan. 5 at 3.30 p.m.; it cost $1,000.50 (or 3-4%).",
            "n't n N'T won't can’t Iraq's we'll ’s 'tis -- ... -x- a.b.c. X. e.g. etc.",
            "  Two  spaces\n\nnew para\r\n\ttab 2025s 1990-95 7am 10:30 3rd #1 @x `` '' “q” ",
            "Ünïcödé naïve café — “quotes” ’98 Mär. 3 🎉 2024-02-29T25:61 ΑΒΓ ½ Ⅻ",
            "Internationalization abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOP abcdefgh abcdefghi",
            "n",
            "",
            "x.",
            "end with a number 42",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let mut long = String::new();
        while long.len() < 600_000 {
            long.push_str(
                "The talks, which began on March 18, didn't end. U.S. officials said \
                           3.5% of 1,000 people—or more—left at 10 a.m.\n",
            );
        }
        texts.push(long);
        // Short texts of the pieces the scanners treat differently, in every order.
        let pieces = [
            "a",
            "Na",
            "n",
            "N",
            "'",
            "’",
            "t",
            "s",
            ".",
            ",",
            "-",
            "1",
            "9",
            " ",
            "  ",
            "\n",
            "é",
            "—",
            "(",
            "\"",
            "`",
            "U",
            "ll",
            "$",
            "%",
            "said",
            "Abcdefghij",
            "\t",
            ":",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..3000 {
            let mut t = String::new();
            for _ in 0..12 {
                let r = crate::test_support::xorshift(&mut seed);
                t.push_str(pieces[(r % pieces.len() as u64) as usize]);
            }
            texts.push(t);
        }
        let tagger = crate::tagger::Tagger::new();
        for text in &texts {
            let mut expected = tokenize(text);
            super::super::pos::tag_sentence(lex, text, &mut expected);
            let mut fuser = Fuser::new(text, lex, Vec::new());
            let doc = crate::document::Document::new(text.as_str());
            let _ = tagger.tag_with_kind_each(&doc, |s, e, k| {
                fuser.offer(s, e, k);
                None
            });
            let mut got = fuser.finish();
            super::super::pos::tag_looked_up(text, &mut got);
            assert_eq!(got.len(), expected.len(), "{text:.80}");
            for (g, e) in got.iter().zip(&expected) {
                assert_eq!(format!("{g:?}"), format!("{e:?}"), "{text:.80}");
            }
        }
    }

    /// The runs of letters and digits found eight bytes at a time agree with a byte-by-byte
    /// count, for every byte value at every position.
    #[test]
    fn alnum_runs_agree_with_bytes() {
        let bytewise = |b: &[u8]| b.iter().take_while(|x| x.is_ascii_alphanumeric()).count();
        let letters = b"aZ09qQzA1bcdefghijklmnop";
        for x in 0..=255u8 {
            for pos in 0..letters.len() {
                for len in pos + 1..=letters.len() {
                    let mut v = letters.get(..len).unwrap_or_default().to_vec();
                    if let Some(b) = v.get_mut(pos) {
                        *b = x;
                    }
                    assert_eq!(alnum_run(&v), bytewise(&v), "{x} {pos} {len}");
                }
            }
        }
    }

    /// Only words are capitalized, and the tagger gives numbers and punctuation tags of
    /// their own (the stages rely on both to skip other tokens with one test).
    #[test]
    fn only_words_are_capitalized() {
        let text = "Ünïcode ÉLAN 3.5 ٣٤ (Iraq's) \"Quote\" N'T won't — X. U.S. ½ Ⅻ ǅ ΑΒΓ 1st 2Nd";
        let mut toks = tokenize(text);
        super::super::pos::tag_sentence(super::super::lexicon(), text, &mut toks);
        for t in &toks {
            let w = text.get(t.span()).unwrap_or("");
            if t.capitalized {
                assert_eq!(t.kind, TokenKind::Word, "{w}");
            }
            match t.kind {
                TokenKind::Number => assert_eq!(t.tag, Tag::Cd, "{w}"),
                TokenKind::Punct => assert_eq!(t.tag, Tag::Punct, "{w}"),
                TokenKind::Word => assert!(!matches!(t.tag, Tag::Punct), "{w}"),
            }
        }
        assert!(toks.iter().filter(|t| t.capitalized).count() >= 8);
    }

    /// A table made from kept memory is filled as a new one is, whatever the table before
    /// it held; the pool keeps a bounded number of buffers, none too large.
    #[test]
    fn kept_tables_start_filled() {
        for n in [0usize, 1, 5, 1000, 17] {
            let mut t = U32Table::new(n, 7);
            assert!(t.len() == n && t.iter().all(|&v| v == 7));
            for (k, v) in t.iter_mut().enumerate() {
                *v = k as u32;
            }
            drop(t);
            let t = U32Table::new(n + 3, u32::MAX);
            assert!(t.len() == n + 3 && t.iter().all(|&v| v == u32::MAX));
        }
        let pool: Pool<u8> = Pool::new(4);
        pool.give(vec![1, 2, 3]);
        pool.give(vec![0; 5]);
        let kept = pool.take();
        assert!(kept.is_empty() && kept.capacity() >= 3);
        assert_eq!(pool.take().capacity(), 0, "the large buffer was not kept");
        for _ in 0..2 * POOL_BUFFERS {
            pool.give(Vec::with_capacity(2));
        }
        let mut taken = 0;
        while pool.take().capacity() > 0 {
            taken += 1;
        }
        assert_eq!(taken, POOL_BUFFERS);
    }

    /// The one-byte marks agree with the marks of their texts.
    #[test]
    fn byte_marks_agree_with_text_marks() {
        for b in 0u8..0x80 {
            let s = char::from(b).to_string();
            assert_eq!(Sym::of_byte(b), Sym::of(&s), "{s:?}");
        }
    }

    /// Punctuation marks are known by their exact text, and only punctuation tokens are.
    #[test]
    fn marks_and_symbols_agree_with_the_text() {
        use super::super::tables::{mark, signal, DEFINITES, DISTRIBUTIVES};
        let text = "The ONE, another (Zyxwo) -- one; Another: \"That\" — thE ``x'' _ etc. ok! \
                    On Friday, BEFORE noon, throughout Throughoutx prior to since untiL in";
        let mut toks = tokenize(text);
        super::super::pos::tag_sentence(super::super::lexicon(), text, &mut toks);
        for t in &toks {
            let w = text.get(t.span()).unwrap_or("");
            assert_eq!(t.sym, Sym::of(w), "{w}");
            if t.kind != TokenKind::Punct {
                assert_eq!(t.sym, Sym::Other, "{w}");
            }
            let l = lower(text, t).into_owned();
            assert_eq!(
                marked(text, t, mark::DISTRIBUTIVE),
                DISTRIBUTIVES.contains(&l.as_str()),
                "{w}"
            );
            assert_eq!(
                marked(text, t, mark::DEFINITE),
                DEFINITES.contains(&l.as_str()),
                "{w}"
            );
            assert_eq!(
                marked(text, t, mark::SIGNAL),
                signal(&l, false).is_some() || signal(&l, true).is_some(),
                "{w}"
            );
        }
        let syms: Vec<Sym> = toks.iter().map(|t| t.sym).collect();
        for s in [
            Sym::Comma,
            Sym::OpenParen,
            Sym::DoubleDash,
            Sym::EmDash,
            Sym::Quote,
        ] {
            assert!(syms.contains(&s), "{s:?}");
        }
    }
}
