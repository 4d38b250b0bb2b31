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

/* ---------------------------------------------- truecase (issue 6) */

/* ---------------------------------------------- summarize (issue 7) */

/* ---------------------------------------------- translit (issue 8) */

#ifdef __cplusplus
}
#endif

#endif /* MNTEXT_H */
