/*
 * mntext.h: the one public header of libmntext.
 *
 * libmntext normalizes, case-maps and (in later releases) tokenizes and
 * summarizes Mongolian Cyrillic text. Conventions used by every function:
 *
 *  - Names start with mn_. Functions that can fail return an int: MN_OK (0)
 *    on success, a negative mn_status on failure; mn_strerror() names it.
 *  - Text is passed as (const char *s, size_t len): UTF-8 bytes, not
 *    NUL-terminated, may contain NUL bytes.
 *  - Offsets are byte offsets into the input the caller gave.
 *  - Memory: either the caller supplies the buffer, or the function
 *    allocates and the caller releases it with mn_free(). Objects come in
 *    mn_X_new()/mn_X_free() pairs; mn_X_free(NULL) does nothing.
 *  - No global mutable state: separate objects may be used from separate
 *    threads at once. One object must not be used by two threads at once.
 *
 * See docs/API.md (and libmntext(3)) for the full manual.
 */
#ifndef MNTEXT_H
#define MNTEXT_H

#include <stddef.h>
#include <stdint.h>

#include "mntext_export.h"
#include "mntext_version.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- status */

/** Status codes. Every failing call returns one of the negative values. */
typedef enum mn_status {
    MN_OK = 0,
    MN_E_NOMEM = -1,        /**< memory allocation failed */
    MN_E_INVALID_UTF8 = -2, /**< input is not valid UTF-8 (strict mode) */
    MN_E_BUFFER = -3,       /**< destination buffer too small */
    MN_E_ARGUMENT = -4,     /**< an argument is out of range or NULL */
    MN_E_STATE = -5,        /**< object is in an error state; reset it */
    MN_E_LIMIT = -6         /**< input exceeds a documented size limit */
} mn_status;

/** A static English message for a status code (never NULL). */
MN_EXPORT const char *mn_strerror(int status);

/** The library version, "MAJOR.MINOR.PATCH", equal to MNTEXT_VERSION_STRING
 *  of the header the library was built with. */
MN_EXPORT const char *mn_version(void);

/** The Unicode version of the library's character tables, e.g. "15.0". */
MN_EXPORT const char *mn_unicode_version(void);

/** One line naming the library and the versions of what it was built on:
 *  "mntext X.Y.Z (Unicode U; ICU I; PCRE2 P; utf8proc V)". Static string. */
MN_EXPORT const char *mn_version_details(void);

/** Release memory that a libmntext function allocated for the caller.
 *  mn_free(NULL) does nothing. Never pass memory from malloc() elsewhere. */
MN_EXPORT void mn_free(void *p);

/* ----------------------------------------------------------------- UTF-8 */

/** Check that s[0..len) is well-formed UTF-8 (no overlongs, surrogates or
 *  code points above U+10FFFF). Returns MN_OK, or MN_E_INVALID_UTF8 with
 *  *bad_offset (if not NULL) set to the byte offset of the first byte of the
 *  first ill-formed sequence. */
MN_EXPORT int mn_utf8_check(const char *s, size_t len, size_t *bad_offset);

/** Decode the code point at s[0..len), len >= 1. Returns MN_OK with *cp
 *  and *n (its length in bytes) set; or MN_E_INVALID_UTF8 with *n the
 *  length of the maximal ill-formed subpart (1 to 3 bytes: the unit to
 *  replace by one U+FFFD), including a sequence cut short by len. */
MN_EXPORT int mn_utf8_next(const char *s, size_t len, uint32_t *cp, size_t *n);

/* ------------------------------------------------------- stream buffers */

/** Input side of a stream call, as in zstd: the call reads src[pos..size)
 *  and advances pos past what it consumed. */
typedef struct mn_inbuf {
    const void *src;
    size_t size;
    size_t pos;
} mn_inbuf;

/** Output side of a stream call: the call writes to dst[pos..size) and
 *  advances pos past what it wrote. */
typedef struct mn_outbuf {
    void *dst;
    size_t size;
    size_t pos;
} mn_outbuf;

/** How a stream treats ill-formed UTF-8. Pass one of these in `options`. */
enum {
    MN_INVALID_STRICT = 0,  /**< stop with MN_E_INVALID_UTF8 (default) */
    MN_INVALID_REPLACE = 1, /**< write U+FFFD for each maximal ill-formed
                                 subpart (the Unicode/W3C practice) */
    MN_INVALID_KEEP = 2     /**< copy the ill-formed bytes through unchanged */
};

/* ----------------------------------------------------------- case mapping */

/** Which case mapping to apply. All are the full, locale-independent
 *  (root locale) mappings of Unicode: ß upper-cases to SS, final sigma is
 *  handled, nothing is ever decomposed or stripped (й stays й, ё stays ё). */
typedef enum mn_case_mode {
    MN_CASE_LOWER = 0, /**< full lowercase (SpecialCasing incl. Final_Sigma) */
    MN_CASE_UPPER = 1, /**< full uppercase */
    MN_CASE_FOLD = 2   /**< full case folding (CaseFolding.txt C+F) */
} mn_case_mode;

typedef struct mn_casemap mn_casemap;

/** Create a case-mapping stream. `options` is one of MN_INVALID_*.
 *  On success *out owns a new stream; free it with mn_casemap_free(). */
MN_EXPORT int mn_casemap_new(mn_casemap **out, mn_case_mode mode, int options);

/** Free a stream. NULL is fine. */
MN_EXPORT void mn_casemap_free(mn_casemap *cm);

/** Forget all buffered input and any error: the stream starts afresh with
 *  the same mode and options, and byte offsets count from 0 again. */
MN_EXPORT void mn_casemap_reset(mn_casemap *cm);

/** Case-map in->src[in->pos..] into out->dst[out->pos..], advancing both
 *  positions. Memory use is constant: the stream holds at most a few hundred
 *  bytes (a split UTF-8 sequence, a mapping that did not fit, or the text
 *  after a capital sigma until its final/non-final form is known).
 *
 *  end = 0: more input will follow. Returns MN_OK when all of *in that can
 *  be taken now was taken (in->pos == in->size) or the output is full;
 *  call again with more input or output room.
 *  end = 1: this is the last input. Returns the number of bytes still held
 *  back (> 0 means: give more output room and call again with end = 1);
 *  0 means the stream is finished and fully flushed.
 *
 *  Ill-formed UTF-8 in strict mode: the stream delivers the mapping of
 *  everything before the bad sequence (over more calls if the output is
 *  small), then returns MN_E_INVALID_UTF8 once; mn_casemap_error_offset()
 *  gives the sequence's byte offset counted from the first byte ever passed
 *  to the stream. Later calls return MN_E_STATE until mn_casemap_reset(). */
MN_EXPORT int mn_casemap_stream(mn_casemap *cm, mn_outbuf *out, mn_inbuf *in, int end);

/** Byte offset of the ill-formed sequence that stopped a strict stream. */
MN_EXPORT size_t mn_casemap_error_offset(const mn_casemap *cm);

/** A good input/output buffer size for streams (a multiple of the internal
 *  block size; larger is fine, smaller works but is slower). */
MN_EXPORT size_t mn_stream_buffer_size(void);

/** One-shot case mapping into a caller buffer, built on the stream.
 *  Writes at most `cap` bytes to dst (no NUL terminator is added) and sets
 *  *out_len to the mapped length. If cap is too small, returns MN_E_BUFFER
 *  with *out_len set to the size needed. On MN_E_INVALID_UTF8, *bad_offset
 *  (if not NULL) is the offset of the ill-formed sequence. */
MN_EXPORT int mn_case_map(mn_case_mode mode, int options, const char *s, size_t len, char *dst,
                          size_t cap, size_t *out_len, size_t *bad_offset);

/** One-shot case mapping into a new buffer: *out receives a NUL-terminated
 *  string of *out_len bytes (plus the NUL) that the caller frees with
 *  mn_free(). On failure *out is NULL. */
MN_EXPORT int mn_case_map_alloc(mn_case_mode mode, int options, const char *s, size_t len,
                                char **out, size_t *out_len, size_t *bad_offset);


/* ------------------------------------------------------------- tokenizer */

/** What a token is. */
typedef enum mn_token_kind {
    MN_TOKEN_WORD = 1,     /**< letters: Монгол, Дархан-Уул, УИХ-ын, COVID-19 */
    MN_TOKEN_NUMBER,       /**< 12.5 1,234.56 -30 09:00 3-4 8-ны 50%-иар */
    MN_TOKEN_DATE,         /**< 2022.08.18, 2022.08.18-19-нд */
    MN_TOKEN_ABBREVIATION, /**< г.м. т.б ж.нь ам.доллар т/х U.S. */
    MN_TOKEN_NAME,         /**< a name with its initial glued: Л.Оюун-Эрдэнэ */
    MN_TOKEN_INITIAL,      /**< an initial before a spaced name: Л. */
    MN_TOKEN_SUFFIX,       /**< a detached suffix after a quote: ”-ын */
    MN_TOKEN_PUNCT,        /**< one punctuation mark, or an ellipsis */
    MN_TOKEN_SYMBOL,       /**< symbols and emoji (with their modifiers) */
    MN_TOKEN_URL,          /**< https://…, www.…, med.gov.mn */
    MN_TOKEN_EMAIL,        /**< contact@mta.mn */
    MN_TOKEN_INVALID       /**< ill-formed UTF-8 (MN_INVALID_KEEP/REPLACE) */
} mn_token_kind;

/** The kind's name in lower case ("word", "number", ...; "?" if unknown). */
MN_EXPORT const char *mn_token_kind_name(mn_token_kind kind);

/** Token flags. */
enum {
    MN_TOKEN_UPPER = 1 << 0,      /**< has letters, all upper case (УИХ) */
    MN_TOKEN_TITLE = 1 << 1,      /**< first letter upper, the rest lower */
    MN_TOKEN_LOWER = 1 << 2,      /**< has letters, all lower case */
    MN_TOKEN_CYRILLIC = 1 << 3,   /**< has Cyrillic letters */
    MN_TOKEN_LATIN = 1 << 4,      /**< has Latin letters */
    MN_TOKEN_MONGOLIAN = 1 << 5,  /**< has traditional Mongolian script */
    MN_TOKEN_OTHER = 1 << 6,      /**< has letters of other scripts */
    MN_TOKEN_SUFFIXED = 1 << 7,   /**< ends in a hyphen-attached case suffix;
                                       base_len says where it starts */
    MN_TOKEN_SPACE_BEFORE = 1 << 8, /**< white space (or the start) precedes */
    MN_TOKEN_LINE_START = 1 << 9, /**< first token of its line */
    MN_TOKEN_PARA_START = 1 << 10 /**< a blank line precedes it */
};

/** A token: a half-open byte range [start, end) of the input. */
typedef struct mn_token {
    const char *text;    /**< the token's bytes (borrowed, see below) */
    size_t len;          /**< end - start */
    size_t start, end;   /**< byte offsets from the start of the input */
    size_t base_len;     /**< bytes before a hyphen suffix (УИХ of УИХ-ын);
                              len when there is none */
    mn_token_kind kind;
    unsigned flags;      /**< MN_TOKEN_* flags */
} mn_token;

typedef struct mn_tokenizer mn_tokenizer;

/** Create a tokenizer. `options` is one of MN_INVALID_*: strict makes
 *  ill-formed UTF-8 an error; keep and replace make each maximal
 *  ill-formed subpart a MN_TOKEN_INVALID token. */
MN_EXPORT int mn_tokenizer_new(mn_tokenizer **out, int options);
MN_EXPORT void mn_tokenizer_free(mn_tokenizer *t);

/** Tokenize a whole buffer: tokens point into s (which must stay alive and
 *  unchanged while they are used) and offsets count from s. Replaces any
 *  earlier input, and resets a stream (set(t, NULL, 0) to start over). */
MN_EXPORT int mn_tokenizer_set(mn_tokenizer *t, const char *s, size_t len);

/** Streaming: append the next piece of an unbounded input (copied; end = 1
 *  with the last piece, possibly empty). Offsets count from the first byte
 *  ever fed. Token text stays valid until the next call of feed. Tokens are
 *  never cut at a piece's edge: the tokenizer waits for the white space
 *  that ends a run of text, and for the character after that white space
 *  (but not beyond 64 KiB of white space). A run of more than
 *  MN_TOKENIZER_MAX_RUN bytes without white space fails with MN_E_LIMIT. */
MN_EXPORT int mn_tokenizer_feed(mn_tokenizer *t, const char *s, size_t len, int end);

/** Bytes of non-white text the streaming tokenizer holds at most. */
#define MN_TOKENIZER_MAX_RUN (1u << 20)

/** The next token. Returns 1 and fills *tok; 0 when no token is available
 *  (the end of a set buffer, or a stream needs more input: feed it); a
 *  negative status on error (MN_E_INVALID_UTF8 in strict mode, at
 *  mn_tokenizer_error_offset(); MN_E_LIMIT). */
MN_EXPORT int mn_tokenizer_next(mn_tokenizer *t, mn_token *tok);

/** Offset of the ill-formed sequence or over-long run that stopped it. */
MN_EXPORT size_t mn_tokenizer_error_offset(const mn_tokenizer *t);

/** The 1-based line of that offset (line feeds before it, plus one). */
MN_EXPORT size_t mn_tokenizer_error_line(const mn_tokenizer *t);

/* ------------------------------------------------------- sentence splitter */

/** A sentence: the byte range from its first token's start to its last
 *  token's end, and those tokens (borrowed: valid until the next call). */
typedef struct mn_sentence {
    const char *text;
    size_t len;
    size_t start, end;
    const mn_token *tokens;
    size_t ntokens;
    int space_after; /**< 1 if white space (or the end of input) follows */
} mn_sentence;

typedef struct mn_sentencer mn_sentencer;

/** Longest sentence, in tokens: a longer one is cut there (the rest
 *  continues as the next sentence). */
#define MN_SENTENCE_MAX_TOKENS 4096u

/** Option bit for mn_sentencer_new(): hand out sentence spans only
 *  (tokens NULL, ntokens 0). The splitter then skips, untokenized, the
 *  parts of a line that cannot hold a boundary, which makes it several
 *  times faster; the spans are exactly those of the full mode. */
#define MN_SENTENCE_SPANS 0x100

/** Create a sentence splitter (options: MN_INVALID_*, as for tokens, and
 *  optionally MN_SENTENCE_SPANS). */
MN_EXPORT int mn_sentencer_new(mn_sentencer **out, int options);
MN_EXPORT void mn_sentencer_free(mn_sentencer *s);
/** Split a whole buffer (borrowed, as mn_tokenizer_set). */
MN_EXPORT int mn_sentencer_set(mn_sentencer *s, const char *text, size_t len);
/** Streaming, as mn_tokenizer_feed: a sentence's text stays valid until
 *  the next feed. */
MN_EXPORT int mn_sentencer_feed(mn_sentencer *s, const char *text, size_t len, int end);
/** The next sentence: 1 and *out filled; 0 when none is ready (end of a
 *  set buffer, or feed more); a negative status on error. */
MN_EXPORT int mn_sentencer_next(mn_sentencer *s, mn_sentence *out);
MN_EXPORT size_t mn_sentencer_error_offset(const mn_sentencer *s);
/** The 1-based line of the error offset. */
MN_EXPORT size_t mn_sentencer_error_line(const mn_sentencer *s);

/* ---------------------------------------------- normalize (issue 4) */

/** Option bits for mn_normalizer_new(), OR-ed with one of MN_INVALID_*.
 *  0 is the default: NFC, confusable, keyboard and mojibake repair,
 *  invisible and space characters, CRLF kept. */
enum {
    MN_NORM_NFKC = 1 << 8,           /**< NFKC instead of NFC */
    MN_NORM_NO_CONFUSABLES = 1 << 9, /**< leave look-alike letters alone */
    MN_NORM_NO_MOJIBAKE = 1 << 10,   /**< leave Windows-1251-as-Latin-1 alone */
    MN_NORM_NO_INVISIBLES = 1 << 11, /**< keep soft hyphens, ZWSP, BOM, NBSP... */
    MN_NORM_PUNCT = 1 << 12,         /**< quotes to « », " - " to " – ", ... to …
                                          (not with NFKC, which undoes …) */
    MN_NORM_SPACE = 1 << 13,         /**< collapse runs of spaces and tabs */
    MN_NORM_LF = 1 << 14,            /**< CRLF to LF */
    MN_NORM_NO_LEXICON = 1 << 15     /**< never read the hunspell word list */
};

/** One change made (fixed = 1) or one problem found and left alone
 *  (fixed = 0, e.g. rule "mixed-script"), reported while normalizing.
 *  start/end are byte offsets in the input (counted from the first byte
 *  passed to the stream); line and column (code points) are 1-based.
 *  The texts are borrowed: valid only during the callback. */
typedef struct mn_change {
    size_t start, end;
    size_t line, column;
    const char *old_text; /**< the text before this rule, old_len bytes */
    size_t old_len;
    const char *new_text; /**< the replacement, new_len bytes (0: deleted) */
    size_t new_len;
    const char *rule;     /**< "nfc", "nfkc", "invisible", "space", "crlf",
                               "invalid-utf8", "mojibake", "confusable",
                               "keyboard", "punct", "space-run", "mixed-script" */
    int fixed;
} mn_change;

/** Called for every change, in input order within each line. */
typedef void (*mn_change_fn)(void *ctx, const mn_change *change);

typedef struct mn_normalizer mn_normalizer;

/** Create a normalizer: `options` is MN_INVALID_* | MN_NORM_* bits. */
MN_EXPORT int mn_normalizer_new(mn_normalizer **out, int options);
/** Free a normalizer. NULL is fine. */
MN_EXPORT void mn_normalizer_free(mn_normalizer *n);
/** Start afresh: no buffered input, no error, offsets and document
 *  statistics from 0. Options, lexicon and callback stay. */
MN_EXPORT void mn_normalizer_reset(mn_normalizer *n);
/** Where the lexicon is: `path` without ".dic"/".aff" (default
 *  /usr/share/hunspell/mn_MN, read when first needed if it exists);
 *  NULL restores the default. Needs libmntext built with hunspell. */
MN_EXPORT int mn_normalizer_set_lexicon(mn_normalizer *n, const char *path);
/** 1 if the lexicon is in use (loading it now if needed), else 0. */
MN_EXPORT int mn_normalizer_has_lexicon(mn_normalizer *n);
/** Does the lexicon know word[0..len) (UTF-8)? 1 yes, 0 no (also for a
 *  word with a NUL byte or longer than hunspell takes), MN_E_STATE when
 *  there is no lexicon (MN_NORM_NO_LEXICON, not installed, no hunspell),
 *  MN_E_ARGUMENT for NULL. Case as hunspell has it: a capitalised or
 *  all-capital form of a lower-case word is known. */
MN_EXPORT int mn_normalizer_lexicon_has(mn_normalizer *n, const char *word, size_t len);
/** Report every change to fn(ctx, change); NULL stops reporting. */
MN_EXPORT void mn_normalizer_set_report(mn_normalizer *n, mn_change_fn fn, void *ctx);

/** Normalize a stream, with the protocol of mn_casemap_stream(): end = 0
 *  returns MN_OK when the input was taken or the output is full; end = 1
 *  returns the number of bytes still held (> 0: call again with more
 *  output room) or 0 when finished. Memory is bounded: the stream holds
 *  at most one line, or 64 KiB of a longer line (which it cuts after its
 *  last space or tab), and that piece's output. Strict mode stops at
 *  ill-formed UTF-8 with MN_E_INVALID_UTF8 once (mn_normalizer_error_offset
 *  says where) after delivering the text before it; then MN_E_STATE. */
MN_EXPORT int mn_normalize_stream(mn_normalizer *n, mn_outbuf *out, mn_inbuf *in, int end);
/** Offset of the ill-formed sequence that stopped a strict stream. */
MN_EXPORT size_t mn_normalizer_error_offset(const mn_normalizer *n);
/** Normalize a whole buffer with n (reset first; its callback sees the
 *  changes): *out gets a NUL-terminated copy to free with mn_free(), of
 *  *out_len bytes. The same bytes as any way of streaming the input. */
MN_EXPORT int mn_normalize_alloc(mn_normalizer *n, const char *s, size_t len, char **out,
                                 size_t *out_len);
/** The Unicode version of the normalization tables (and of ICU's). */
MN_EXPORT const char *mn_normalize_unicode_version(void);

/* ---------------------------------------------- stem (issue 5) */

/* ---- stemmer */

/** An algorithmic Mongolian Cyrillic stemmer (no dictionary): strips case,
 *  plural, reflexive-possessive, attributive, comitative/privative and
 *  common verb endings iteratively, restores epenthetic vowels and stem
 *  letters where the rules can tell, and leaves short words and the words
 *  of its exception list alone. Rules and exceptions are the compiled-in
 *  data files lib/data/stem_suffixes.txt and lib/data/stem_exceptions.txt. */
typedef struct mn_stemmer mn_stemmer;

/** Create a stemmer; `options` must be 0. The object is immutable after
 *  creation: one stemmer may be used by many threads at once. */
MN_EXPORT int mn_stemmer_new(mn_stemmer **out, int options);

/** Free a stemmer. NULL is fine. */
MN_EXPORT void mn_stemmer_free(mn_stemmer *st);

/** A capacity that always suffices for mn_stem() of a word of `len` bytes:
 *  lowercasing can grow a 2-byte letter to 3 bytes, and restoration adds at
 *  most a few letters. */
#define MN_STEM_MAX(len) ((len) + (len) / 2 + 16)

/** Stem one word (the UTF-8 text of a WORD/NUMBER/DATE/NAME token): write
 *  the stem, lowercased, to out[0..cap) (no NUL) and set *out_len to its
 *  length. A hyphen-attached suffix is cut off (УИХ-ын -> уих, 8-ны -> 8);
 *  in a hyphenated compound only the last part is stemmed (Дархан-Уулд ->
 *  дархан-уул). Words with digits or non-Cyrillic letters are only
 *  lowercased. Returns MN_E_BUFFER if cap is too small (*out_len = the size
 *  needed), MN_E_INVALID_UTF8 on ill-formed input, MN_E_ARGUMENT on NULLs. */
MN_EXPORT int mn_stem(const mn_stemmer *st, const char *word, size_t len, char *out, size_t cap,
                      size_t *out_len);

/* ----- stopwords, frequency tables, lemmatizer (issue 5, part B) */

typedef struct mn_stopwords mn_stopwords;

/** A stopword set holding the built-in Mongolian list (lib/data/stopwords.txt,
 *  see its header for how it was built). Lookups are case-insensitive (full
 *  case folding). Free it with mn_stopwords_free(). */
MN_EXPORT int mn_stopwords_new(mn_stopwords **out);

/** A stopword set read from text in the format of the built-in list: one word
 *  a line; what follows a TAB on the line, blank lines and lines starting
 *  with # are ignored; spaces and a CR around the word are trimmed. An empty
 *  text gives an empty set. MN_E_INVALID_UTF8 with *bad_offset (if not NULL)
 *  set to the ill-formed sequence's offset when the text is not UTF-8. */
MN_EXPORT int mn_stopwords_parse(mn_stopwords **out, const char *text, size_t len,
                                 size_t *bad_offset);

/** mn_stopwords_parse() of the file at `path`. A file that cannot be opened
 *  or read gives MN_E_ARGUMENT (errno says why). */
MN_EXPORT int mn_stopwords_load(mn_stopwords **out, const char *path, size_t *bad_offset);

MN_EXPORT void mn_stopwords_free(mn_stopwords *sw);

/** Add one word (copied) to a set. */
MN_EXPORT int mn_stopwords_add(mn_stopwords *sw, const char *word, size_t len);

/** 1 if the word is in the set (compared case-insensitively), else 0 (also
 *  for a NULL set, and for ill-formed UTF-8). */
MN_EXPORT int mn_stopwords_contains(const mn_stopwords *sw, const char *word, size_t len);

/** The number of distinct (case-folded) words in the set. */
MN_EXPORT size_t mn_stopwords_count(const mn_stopwords *sw);

/** A frequency table: distinct byte strings ("items") with a 64-bit count.
 *  Items are copied into the table; its memory grows with the number of
 *  distinct items, never with the counts. */
typedef struct mn_freq mn_freq;

/** One entry of a table: item[0..len) (also NUL-terminated) and its count.
 *  The item is owned by the table and stays valid until mn_freq_free(). */
typedef struct mn_freq_entry {
    const char *item;
    size_t len;
    uint64_t count;
} mn_freq_entry;

/** Orders for mn_freq_sorted(). */
typedef enum mn_freq_order {
    MN_FREQ_BY_COUNT = 0, /**< count descending; equal counts by item bytes
                               ascending (code point order), so output is
                               deterministic */
    MN_FREQ_BY_ITEM = 1,  /**< item bytes ascending (code point order) */
    MN_FREQ_COLLATE = 2   /**< Mongolian alphabetical order: ICU's collator
                               for the locale "mn" (Ө after О, Ү after У);
                               items it finds equal by their bytes */
} mn_freq_order;

MN_EXPORT int mn_freq_new(mn_freq **out);
MN_EXPORT void mn_freq_free(mn_freq *f);

/** Add `count` to item[0..len) (inserting it with that count when new; the
 *  bytes are copied and not checked). MN_E_LIMIT if the item's count or the
 *  table's total would pass UINT64_MAX (the table is then unchanged). */
MN_EXPORT int mn_freq_add(mn_freq *f, const char *item, size_t len, uint64_t count);

/** Count the text of each of n tokens once: the same as mn_freq_add(f,
 *  tokens[i].text, tokens[i].len, 1) for each, but faster for many (the
 *  table look-ups of a batch overlap). MN_E_LIMIT when the total would pass
 *  UINT64_MAX (nothing added); on MN_E_NOMEM the tokens before the failing
 *  one have been counted. */
MN_EXPORT int mn_freq_add_tokens(mn_freq *f, const mn_token *tokens, size_t n);

/** Add every entry of src to dst (src is unchanged). On an error dst holds
 *  some of src's entries. */
MN_EXPORT int mn_freq_merge(mn_freq *dst, const mn_freq *src);

/** The count of an item (0 if absent). */
MN_EXPORT uint64_t mn_freq_get(const mn_freq *f, const char *item, size_t len);

/** The number of distinct items, and the sum of all counts. */
MN_EXPORT size_t mn_freq_size(const mn_freq *f);
MN_EXPORT uint64_t mn_freq_total(const mn_freq *f);

/** Unordered iteration: start with *pos = 0; each call returns 1 and fills
 *  *e, or 0 at the end. Adding to the table invalidates *pos. */
MN_EXPORT int mn_freq_next(const mn_freq *f, size_t *pos, mn_freq_entry *e);

/** The entries with count >= min_count; of those, the `top` with the highest
 *  counts (ties by item bytes; top = 0: all); put in `order`. *entries
 *  receives an array of *n entries owned by the table: valid until the next
 *  mn_freq_sorted(), mn_freq_add(), mn_freq_merge() or mn_freq_free() on
 *  it. MN_FREQ_COLLATE may fail with MN_E_INVALID_UTF8 for an item that is
 *  not UTF-8. */
MN_EXPORT int mn_freq_sorted(mn_freq *f, mn_freq_order order, uint64_t min_count, size_t top,
                             const mn_freq_entry **entries, size_t *n);

/** Read lines "COUNT TAB ITEM" (the output of `mntext freq`) from
 *  text[0..len) and add them to f. COUNT is decimal digits (no sign), ITEM
 *  is non-empty UTF-8 in which \\ \t \n \r stand for a backslash, tab,
 *  line feed and carriage return (no other backslash escapes); a CR before
 *  the line feed and a missing final line feed are accepted. On a bad line
 *  returns MN_E_ARGUMENT (malformed), MN_E_INVALID_UTF8 or MN_E_LIMIT (a
 *  count past UINT64_MAX), with *bad_offset (if not NULL) the offset of the
 *  offending byte in text; the lines before it have been added. */
MN_EXPORT int mn_freq_parse(mn_freq *f, const char *text, size_t len, size_t *bad_offset);

typedef struct mn_lemmatizer mn_lemmatizer;

/** Where mn_lemmatizer_new() looks for the dictionary when given NULL:
 *  the hunspell-mn files /usr/share/hunspell/mn_MN.aff and .dic. */
#define MN_LEMMA_DEFAULT_DICT "/usr/share/hunspell/mn_MN"

/** Where a lemma came from. */
typedef enum mn_lemma_source {
    MN_LEMMA_DICT = 1, /**< hunspell knows the word: its first stem */
    MN_LEMMA_STEM = 2  /**< unknown to hunspell: mntext's stemmer */
} mn_lemma_source;

/** Open a lemmatizer on the hunspell dictionary dict + ".aff" and + ".dic"
 *  (NULL: MN_LEMMA_DEFAULT_DICT; the files come with the Debian package
 *  hunspell-mn). The dictionary is loaded once; analyses are cached, so the
 *  object's memory grows with the distinct words looked up. MN_E_ARGUMENT if
 *  either file cannot be read or the dictionary is not UTF-8 (SET UTF-8);
 *  options must be 0. */
MN_EXPORT int mn_lemmatizer_new(mn_lemmatizer **out, const char *dict, int options);
MN_EXPORT void mn_lemmatizer_free(mn_lemmatizer *lz);

/** The lemma of word[0..len) (UTF-8): hunspell's first stem when the
 *  dictionary knows the word, else mntext's stem of it; *source (if not
 *  NULL) says which. Copied into out[0..cap) (no NUL added), *out_len set;
 *  MN_E_BUFFER when cap is too small (*out_len is then the size needed).
 *  Not const: the cache is updated. */
MN_EXPORT int mn_lemma(mn_lemmatizer *lz, const char *word, size_t len, char *out, size_t cap,
                       size_t *out_len, int *source);

/* ---------------------------------------------- truecase (issue 6) */

/** A case model: what the truecaser knows about how words are written.
 *  Per word (case-folded) it holds how often the word was seen written
 *  lower case, Title case, UPPER case and in one mixed shape, outside
 *  sentence-initial position; per pair of adjacent words, the counts where
 *  a neighbour changes that (Монгол Улс, Улсын Их Хурал); and, optionally,
 *  the capitalized entries of a hunspell dictionary. docs/TRUECASE.md
 *  describes the file format. A model is read-only once built and may be
 *  shared by any number of truecasers, also across threads. */
typedef struct mn_case_model mn_case_model;

/** The model compiled into the library (lib/data/truecase_model.txt). */
MN_EXPORT int mn_case_model_default(mn_case_model **out);

/** Parse a model file's text s[0..len). On a malformed line, returns
 *  MN_E_ARGUMENT with *bad_offset (if not NULL) set to its byte offset. */
MN_EXPORT int mn_case_model_parse(mn_case_model **out, const char *s, size_t len,
                                  size_t *bad_offset);

/** Add the capitalized entries of a hunspell dictionary (.dic file, such as
 *  /usr/share/hunspell/mn_MN.dic) to a model: proper nouns (Дархан-Уул) and
 *  acronyms (УИХ) that have no lower-case entry of the same spelling. The
 *  model's own counts take precedence. Returns MN_OK, MN_E_ARGUMENT if the
 *  file cannot be read, MN_E_NOMEM. */
MN_EXPORT int mn_case_model_add_dictionary(mn_case_model *m, const char *dic_path);

/** Free a model (NULL is fine). Free it only after its truecasers. */
MN_EXPORT void mn_case_model_free(mn_case_model *m);

/** Build a model from mixed-case text. Feed documents (as a stream each,
 *  end = 1 at the end of each document); then write the model. Sentence-
 *  initial words and ALL-CAPS spans are not counted. Memory grows with the
 *  vocabulary (not with the text). options: MN_INVALID_*. */
typedef struct mn_case_trainer mn_case_trainer;
MN_EXPORT int mn_case_trainer_new(mn_case_trainer **out, int options);
MN_EXPORT void mn_case_trainer_free(mn_case_trainer *tr);
/** Give the trainer hunspell (dic_path: a .dic with its .aff beside it)
 *  before feeding it: its answers become features of the context weights,
 *  learnt with and without them, so the model serves truecasers with a
 *  dictionary (mn_case_model_add_dictionary(), best with the same one) and
 *  without. Returns MN_OK, MN_E_ARGUMENT (unreadable file) or MN_E_NOMEM. */
MN_EXPORT int mn_case_trainer_add_dictionary(mn_case_trainer *tr, const char *dic_path);
/** Feed the next piece of a document (end = 1 with its last piece). Returns
 *  MN_OK, or MN_E_INVALID_UTF8 (strict) at mn_case_trainer_error_offset(),
 *  counted from the start of the document; the next feed starts a new one. */
MN_EXPORT int mn_case_trainer_feed(mn_case_trainer *tr, const char *s, size_t len, int end);
MN_EXPORT size_t mn_case_trainer_error_offset(const mn_case_trainer *tr);
/** The 1-based line of that offset (its document's lines). */
MN_EXPORT size_t mn_case_trainer_error_line(const mn_case_trainer *tr);
/** The model as text, in the file format mn_case_model_parse() reads,
 *  deterministic (sorted); *out is NUL-terminated, free it with mn_free().
 *  Words seen once in lower case only are left out (lower case is what an
 *  unknown word gets). */
MN_EXPORT int mn_case_trainer_write(const mn_case_trainer *tr, char **out, size_t *out_len);

/** Truecasing modes. */
typedef enum mn_truecase_mode {
    MN_TRUECASE_AUTO = 0, /**< re-case only ALL-CAPS spans: a line whose words
                               are all upper case, a run of 3 or more upper-case
                               words (2 of them 4 letters or longer), or a
                               quotation of 2 or more; leave the rest as it is */
    MN_TRUECASE_ALL = 1   /**< re-case every word */
} mn_truecase_mode;

typedef struct mn_truecaser mn_truecaser;

/** Create a truecasing stream. model: NULL for the default model (loaded
 *  once per truecaser), or a model that must outlive the truecaser.
 *  options: one of MN_INVALID_*. */
MN_EXPORT int mn_truecaser_new(mn_truecaser **out, const mn_case_model *model,
                               mn_truecase_mode mode, int options);
MN_EXPORT void mn_truecaser_free(mn_truecaser *tc);
/** Start over: forget buffered input and any error; offsets count from 0. */
MN_EXPORT void mn_truecaser_reset(mn_truecaser *tc);

/** Truecase in->src[in->pos..] into out->dst[out->pos..], with the protocol
 *  of mn_casemap_stream(): end = 0 returns MN_OK when the input was taken
 *  or the output is full; end = 1 returns the number of bytes still held
 *  (call again with more output room) or 0 when finished. Only the case of
 *  letters changes, and only where the upper and lower forms have the same
 *  UTF-8 length, so the output has as many bytes as the input (except
 *  MN_INVALID_REPLACE, which writes U+FFFD for ill-formed bytes). Memory is
 *  bounded: a word waits for at most 256 tokens or 64 KiB of look-ahead,
 *  plus what the tokenizer holds (MN_TOKENIZER_MAX_RUN). Invalid UTF-8 in
 *  strict mode: everything before it is delivered, then MN_E_INVALID_UTF8
 *  is returned once (offset: mn_truecaser_error_offset()); later calls
 *  return MN_E_STATE until reset. */
MN_EXPORT int mn_truecase_stream(mn_truecaser *tc, mn_outbuf *out, mn_inbuf *in, int end);
MN_EXPORT size_t mn_truecaser_error_offset(const mn_truecaser *tc);
/** The 1-based line of that offset, counted like it from the stream's start
 *  (for input that cannot be read again, such as a pipe). */
MN_EXPORT size_t mn_truecaser_error_line(const mn_truecaser *tc);

/** One-shot: truecase s[0..len) into a new NUL-terminated buffer *out of
 *  *out_len bytes (free with mn_free()); model NULL = the default model. */
MN_EXPORT int mn_truecase_alloc(const mn_case_model *model, mn_truecase_mode mode, int options,
                                const char *s, size_t len, char **out, size_t *out_len,
                                size_t *bad_offset);

/* ---------------------------------------------- summarize (issue 7) */

/* Keywords, facts and extractive summaries of one document at a time. The
 * counting unit is a "stem key": the word's mn_stem() stem with the vowels
 * inflection drops or inserts squeezed out (аймаг, аймгийн, аймагт ->
 * аймг), so the inflected forms of a word count together. See
 * docs/SUMMARIZE.md. */

/** A background model: in how many documents each stem key occurs. */
typedef struct mn_idf mn_idf;

/** Create an empty model. */
MN_EXPORT int mn_idf_new(mn_idf **out);
MN_EXPORT void mn_idf_free(mn_idf *m);
/** Count one document (UTF-8, validated: MN_E_INVALID_UTF8 if not). */
MN_EXPORT int mn_idf_add_document(mn_idf *m, const char *s, size_t len);
/** Add a model in its text form (what mn_idf_write_alloc writes) to m:
 *  documents and counts are summed, so models built on parts of a corpus
 *  merge into the model of the whole. On bad data returns MN_E_ARGUMENT
 *  with *bad_line (if not NULL) the 1-based line. */
MN_EXPORT int mn_idf_load(mn_idf *m, const char *s, size_t len, size_t *bad_line);
/** Add the model built into the library (document frequencies from the
 *  news of the project's shared corpus; docs/SUMMARIZE.md). */
MN_EXPORT int mn_idf_load_default(mn_idf *m);
/** The model in its text form, keys sorted (deterministic), NUL-terminated,
 *  freed with mn_free(). */
MN_EXPORT int mn_idf_write_alloc(const mn_idf *m, char **out, size_t *out_len);
/** Documents counted. */
MN_EXPORT uint64_t mn_idf_documents(const mn_idf *m);

/** What kind of fact a mn_fact is. */
typedef enum mn_fact_kind {
    MN_FACT_DATE = 1, /**< 2022.08.18-19, 2022 оны 8 дугаар сарын 18 */
    MN_FACT_PLACE,    /**< Дархан-Уул аймаг, Хятад, Улаанбаатар */
    MN_FACT_ORG,      /**< Эдийн засаг, хөгжлийн яам; УИХ */
    MN_FACT_PERSON,   /**< Л.Оюун-Эрдэнэ */
    MN_FACT_TITLE,    /**< a quoted title: “Шинэ сэргэлтийн бодлого” */
    MN_FACT_NUMBER,   /**< a number with its unit: 20 хувь, 30 км */
    MN_FACT_MONEY     /**< 141 тэрбум төгрөг */
} mn_fact_kind;

/** The kind's name: "date", "place", "org", "person", "title", "number",
 *  "money" ("?" if unknown). */
MN_EXPORT const char *mn_fact_kind_name(mn_fact_kind kind);

/** A fact found in a document. [start, end) is the mention in the input
 *  (for names, the name without a hyphen-attached suffix and without the
 *  cue word: the span of "Дархан-Уул" in "Дархан-Уул аймгийн"); text is
 *  its readable form (truecased, nominative where the rules know it, with
 *  its cue word: "Дархан-Уул аймаг"); detail is an acronym's expansion or
 *  "" . Strings are NUL-terminated and owned by the summarizer. */
typedef struct mn_fact {
    mn_fact_kind kind;
    size_t start, end;
    const char *text;
    size_t len;
    const char *detail;
} mn_fact;

/** A keyword or key phrase: its readable form, its stem keys (space
 *  separated), its score (higher is more important; comparable within one
 *  document), how often it occurs and how many words it has. */
typedef struct mn_keyword {
    const char *text;
    size_t len;
    const char *key;
    double score;
    unsigned count;
    unsigned words;
} mn_keyword;

/** A sentence of the document: its span in the input, its text with line
 *  breaks and list bullets tidied (NUL-terminated, owned by the
 *  summarizer), and its centrality score. */
typedef struct mn_summary_sentence {
    size_t start, end;
    const char *text;
    size_t len;
    double score;
} mn_summary_sentence;

typedef struct mn_summarizer mn_summarizer;

/** Create a summarizer. idf (may be NULL: single-document statistics only)
 *  is borrowed and must outlive the summarizer; one model may be shared by
 *  summarizers in several threads. dictionary: the path of a hunspell
 *  dictionary without .dic/.aff, used to give nominative forms of keywords
 *  and names; NULL means /usr/share/hunspell/mn_MN, "" means none. A
 *  dictionary that cannot be loaded is not an error (forms then come from
 *  the suffix rules alone). */
MN_EXPORT int mn_summarizer_new(mn_summarizer **out, const mn_idf *idf, const char *dictionary);
MN_EXPORT void mn_summarizer_free(mn_summarizer *sm);
/** The stopword set keywords leave out: sw (borrowed: it must outlive its
 *  use by sm), or NULL for none. The default is mn_stopwords_new()'s list.
 *  Page cruft, numerals and time words are never keywords whatever the set
 *  (lib/data/keyword_stopwords.txt). Takes effect from the next
 *  mn_summarizer_set(). */
MN_EXPORT int mn_summarizer_set_stopwords(mn_summarizer *sm, const mn_stopwords *sw);

/** Option bits for mn_summarizer_set_options(); 0 is the default. */
enum {
    MN_SUMMARIZE_NO_NORMALIZE = 1 /**< analyse the text as it is, without
                                       normalizing it first (issue 4) */
};

/** Set options (MN_SUMMARIZE_* bits) from the next mn_summarizer_set().
 *  By default a document is first normalized as mn_normalize_alloc() does
 *  with default options (the summarizer's dictionary as lexicon), so a
 *  name with a Latin look-alike letter or a soft hyphen is found; offsets
 *  still point into the input. */
MN_EXPORT int mn_summarizer_set_options(mn_summarizer *sm, int options);

/** Largest document mn_summarizer_set accepts (MN_E_LIMIT beyond). */
#define MN_SUMMARIZE_MAX_DOCUMENT (64u << 20)

/** Analyse one document (replacing the previous one): clean it (normalize
 *  it unless MN_SUMMARIZE_NO_NORMALIZE; drop page cruft, a repeated
 *  headline and crawler headers; truecase ALL-CAPS lines), find its title,
 *  sentences, keywords and facts. Offsets of facts and sentences are byte
 *  offsets in s (an offset inside a stretch normalization replaced goes to
 *  the stretch's start or end). s must stay unchanged while results are used. Returns MN_OK, MN_E_INVALID_UTF8 (see
 *  mn_summarizer_error_offset), MN_E_LIMIT or MN_E_NOMEM. */
MN_EXPORT int mn_summarizer_set(mn_summarizer *sm, const char *s, size_t len);
/** Byte offset of the ill-formed UTF-8 that made set fail. */
MN_EXPORT size_t mn_summarizer_error_offset(const mn_summarizer *sm);
/** The cleaned document: the normalized input (the input itself with
 *  MN_SUMMARIZE_NO_NORMALIZE) with cruft blanked with spaces and letters
 *  re-cased. As long as the input and with its offsets only if
 *  normalization changed nothing. */
MN_EXPORT const char *mn_summarizer_text(const mn_summarizer *sm, size_t *len);
/** The title (the headline, truecased), or NULL with *len = 0. */
MN_EXPORT const char *mn_summarizer_title(const mn_summarizer *sm, size_t *len);
/** The keywords, best first; returns how many (at most max). */
MN_EXPORT size_t mn_summarizer_keywords(const mn_summarizer *sm, const mn_keyword **out, size_t max);
/** The facts, in the order they occur (every mention). */
MN_EXPORT size_t mn_summarizer_facts(const mn_summarizer *sm, const mn_fact **out);
/** The n most central sentences, in their original order: fills out[0..n)
 *  (the caller's array) and returns how many were written. */
MN_EXPORT size_t mn_summarizer_sentences(const mn_summarizer *sm, mn_summary_sentence *out, size_t n);
/** Number of sentences the document has (candidates for a summary). */
MN_EXPORT size_t mn_summarizer_sentence_count(const mn_summarizer *sm);

/* ---------------------------------------------- translit (issue 8) */

/** Transliteration schemes (see docs/TRANSLIT.md for the tables). */
typedef enum mn_translit_scheme {
    MN_TRANSLIT_MNS = 0,  /**< MNS 5217:2012, the national standard (ICU
                               mn-mn_Latn/MNS): Хаан -> Khaan, Өлзий -> Ölzii */
    MN_TRANSLIT_BGN = 1,  /**< BGN/PCGN as ICU mn-mn_Latn/BGN: Хаан -> Haan */
    MN_TRANSLIT_ISO9 = 2, /**< ISO 9:1995, one letter each, reversible */
    MN_TRANSLIT_ASCII = 3 /**< mns in ASCII only (URLs, identifiers): ө -> o,
                               ү -> u; Өлзий -> Olzii */
} mn_translit_scheme;

/** Directions. */
typedef enum mn_translit_direction {
    MN_TO_LATIN = 0,   /**< Mongolian Cyrillic -> Latin */
    MN_TO_CYRILLIC = 1 /**< Latin (the scheme's, or chat-Latin for mns and
                            ascii) -> Mongolian Cyrillic */
} mn_translit_direction;

/** The scheme's name: "mns", "bgn", "iso9", "ascii" ("?" if unknown). */
MN_EXPORT const char *mn_translit_scheme_name(mn_translit_scheme scheme);

/** Longest word, in bytes, that Latin -> Cyrillic reads as one word (vowel
 *  harmony and the lexicon work on whole words); a longer run of letters
 *  is taken in pieces of at most this size. */
#define MN_TRANSLIT_MAX_WORD 256u

typedef struct mn_translit mn_translit;

/** Create a transliteration stream. `options` is one of MN_INVALID_*.
 *  Only letters of the source script change (Cyrillic letters of the
 *  Mongolian alphabet to Latin; words made only of Latin letters to
 *  Cyrillic); digits, punctuation, white space and other scripts pass
 *  through byte for byte. Free with mn_translit_free(). */
MN_EXPORT int mn_translit_new(mn_translit **out, mn_translit_scheme scheme,
                              mn_translit_direction direction, int options);
MN_EXPORT void mn_translit_free(mn_translit *t);

/** Start afresh (same scheme, direction, options and lexicon). */
MN_EXPORT void mn_translit_reset(mn_translit *t);

/** Latin -> Cyrillic only: load a word list that decides between readings
 *  the rules leave open (о or ө, и or ь, ш or щ, ц or тс, ...): the
 *  candidate that is a word of the list, or that starts with the longest
 *  word of it, wins. The format is hunspell's .dic (a count line, then
 *  WORD or WORD/FLAGS per line; only WORD is used, case-insensitively) or
 *  a plain list of words. path NULL means MN_TRANSLIT_LEXICON, hunspell-mn's
 *  dictionary. Returns MN_OK, MN_E_ARGUMENT if the file cannot be read
 *  (the stream then works without a lexicon), or MN_E_NOMEM. */
MN_EXPORT int mn_translit_load_lexicon(mn_translit *t, const char *path);

/** Where hunspell-mn installs its dictionary on Debian and Ubuntu. */
#define MN_TRANSLIT_LEXICON "/usr/share/hunspell/mn_MN.dic"

/** Transliterate in->src[in->pos..] into out->dst[out->pos..], with the
 *  protocol of mn_casemap_stream(): end = 0 returns MN_OK when the input
 *  was taken or the output is full; end = 1 returns the bytes still held
 *  back (0 when finished). Memory is constant: the stream holds at most
 *  one word (MN_TRANSLIT_MAX_WORD bytes) and its output. Strict mode stops
 *  at ill-formed UTF-8 with MN_E_INVALID_UTF8 (after delivering what came
 *  before), then MN_E_STATE until reset. */
MN_EXPORT int mn_translit_stream(mn_translit *t, mn_outbuf *out, mn_inbuf *in, int end);

/** Byte offset (from the first byte fed) of the ill-formed sequence. */
MN_EXPORT size_t mn_translit_error_offset(const mn_translit *t);

/** One-shot transliteration of s[0..len) with the stream t (reset first
 *  and after): *out receives a NUL-terminated string of *out_len bytes
 *  that the caller frees with mn_free(). On MN_E_INVALID_UTF8, *bad_offset
 *  (if not NULL) is the offset of the ill-formed sequence. */
MN_EXPORT int mn_translit_alloc(mn_translit *t, const char *s, size_t len, char **out,
                                size_t *out_len, size_t *bad_offset);

/* ---------------------------------------------------------------- stats */

/** What mn_stats counts (see mntext(1), stats, for the definitions). */
typedef struct mn_stats_counts {
    uint64_t bytes;       /**< input bytes */
    uint64_t chars;       /**< well-formed code points */
    uint64_t invalid;     /**< ill-formed UTF-8 sequences (maximal subparts) */
    uint64_t lines;       /**< line feeds, plus one for a last line without */
    uint64_t words;       /**< tokens of kind word, name, abbreviation, initial */
    uint64_t tokens;      /**< all tokens (numbers, punctuation, ... too) */
    uint64_t sentences;   /**< sentences of the sentence splitter */
    uint64_t letters;     /**< code points of general category L* */
    uint64_t cyrillic;    /**< letters of the Cyrillic script */
    uint64_t latin;       /**< letters of the Latin script */
    uint64_t other;       /**< letters of any other script */
    uint64_t upper;       /**< uppercase (Lu) and titlecase (Lt) letters */
    uint64_t caps_words;  /**< words of two letters or more, all capitals */
    uint64_t confusables; /**< look-alike letters inside Cyrillic words
                               (Latin o, Cyrillic ѳ for ө, ...: the list is
                               lib/data/confusables.txt) */
    uint64_t script_letters[8]; /**< letters of script_names[i]: the eight
                                     scripts with most letters, most first */
    const char *script_names[8]; /**< Unicode script names ("Cyrillic");
                                      NULL past the last one */
} mn_stats_counts;

typedef struct mn_stats mn_stats;

/** Create a counter. Ill-formed UTF-8 is counted, never an error. */
MN_EXPORT int mn_stats_new(mn_stats **out);
MN_EXPORT void mn_stats_free(mn_stats *st);
/** Zero the counts and start a new input. */
MN_EXPORT void mn_stats_reset(mn_stats *st);
/** Count the next piece of the input (end = 1 with the last, possibly
 *  empty, piece). Constant memory, as the tokenizer's stream. Fails only
 *  with MN_E_LIMIT (a run of more than MN_TOKENIZER_MAX_RUN bytes without
 *  white space, at mn_stats_error_offset()), MN_E_NOMEM or MN_E_STATE. */
MN_EXPORT int mn_stats_feed(mn_stats *st, const char *s, size_t len, int end);
MN_EXPORT size_t mn_stats_error_offset(const mn_stats *st);
/** The counts so far (complete after the end = 1 feed). */
MN_EXPORT void mn_stats_get(const mn_stats *st, mn_stats_counts *out);

#ifdef __cplusplus
}
#endif

#endif /* MNTEXT_H */
