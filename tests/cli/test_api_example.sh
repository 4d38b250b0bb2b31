#!/bin/bash
# cli_api_example: the example programs of docs/API.md (```c blocks with a
# main) and of docs/libmntext.3 (.EX blocks with a main) are the same
# programs; they compile with -Wall -Wextra -pedantic -Werror against the
# built library and behave as the documents say (the output of the tokens
# example is the one API.md shows, and the same tokens as mntext tokens).
# The status messages, token kind names and limits the documents quote are
# the library's.
#
# Needs MNTEXT_CC, MNTEXT_LIB (the shared library) and MNTEXT_BUILD_INCLUDE
# (the generated headers) from CMake; skips without them.
set -u
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
cli_init "$@"

APIMD=$SRC/docs/API.md
MAN3=$SRC/docs/libmntext.3
CC=${MNTEXT_CC:-}
LIB=${MNTEXT_LIB:-}
BINC=${MNTEXT_BUILD_INCLUDE:-}
if [ -z "$CC" ] || [ -z "$LIB" ] || [ -z "$BINC" ] || [ ! -f "$LIB" ]; then
    skip "API examples" "MNTEXT_CC, MNTEXT_LIB or MNTEXT_BUILD_INCLUDE not set (run through ctest)"
    cli_finish
fi
# shellcheck disable=SC2054 # commas inside compiler options
CFLAGS=(-std=c11 -Wall -Wextra -pedantic -Werror -I"$SRC/lib/include" -I"$BINC")
# shellcheck disable=SC2054
[ "$SANITIZE" = 1 ] && CFLAGS+=(-fsanitize=address,undefined -fno-sanitize-recover=all)
# shellcheck disable=SC2054
LDFLAGS=("$LIB" -Wl,-rpath,"$(dirname "$LIB")")

# The examples of API.md, md1.c md2.c ... in order.
awk '
    /^```c$/ { on = 1; buf = ""; next }
    /^```$/ { if (on && buf ~ /int main\(/) { n++; f = "md" n ".c"; printf "%s", buf > f; close(f) } on = 0; next }
    on { buf = buf $0 "\n" }' "$APIMD"
# The examples of libmntext.3, roff escapes undone, man1.c man2.c ...
awk '
    /^\.EX/ { on = 1; buf = ""; next }
    /^\.EE/ { if (on && buf ~ /int main\(/) { n++; f = "man" n ".c"; printf "%s", buf > f; close(f) } on = 0; next }
    on { buf = buf $0 "\n" }' "$MAN3"
for f in man*.c; do
    [ -e "$f" ] || continue
    sed -i -e "s/\\\\(aq/'/g" -e 's/\\(dq/"/g' -e 's/\\-/-/g' -e 's/\\&//g' -e 's/\\e/\\/g' "$f"
done
shopt -s nullglob
md_files=(md*.c)
man_files=(man*.c)
shopt -u nullglob
nmd=${#md_files[@]}
nman=${#man_files[@]}
assert_true "API.md has example programs" "at least 2 \`\`\`c blocks with main()" test "$nmd" -ge 2
assert_eq "libmntext.3 has the same number of example programs as API.md" "$nmd" "$nman"
for ((i = 1; i <= nmd; i++)); do
    [ -e "man$i.c" ] && assert_file "example $i: libmntext.3 = API.md" "md$i.c" "man$i.c"
done

# Compile each; name the binary after the file its first comment names.
for ((i = 1; i <= nmd; i++)); do
    prog=$(sed -n '1s|^/\* \([a-z_]*\)\.c:.*|\1|p' "md$i.c")
    [ -n "$prog" ] || prog=example$i
    if "$CC" "${CFLAGS[@]}" "md$i.c" "${LDFLAGS[@]}" -o "$prog" 2>cc.err; then
        cli_pass "example $i ($prog.c) compiles"
    else
        cli_fail "example $i ($prog.c) compiles"
        sed 's/^/    /' cc.err | head -n 30
    fi
done

# lower: the streaming filter.
if [ -x lower ]; then
    printf 'ӨВӨЛ ҮҮЛ Ёс Йот ΟΔΟΣ\n' >in
    run_in in ./lower
    assert_status "lower: exit status" 0 "$status"
    assert_bytes "lower: output" out \
        '\xd3\xa9\xd0\xb2\xd3\xa9\xd0\xbb \xd2\xaf\xd2\xaf\xd0\xbb \xd1\x91\xd1\x81 \xd0\xb9\xd0\xbe\xd1\x82 \xce\xbf\xce\xb4\xce\xbf\xcf\x82\n'
    run ./lower
    assert_status "lower: empty input: exit status" 0 "$status"
    assert_empty "lower: empty input: output" out
    printf 'AB\n\xffCD' >bad
    run_in bad ./lower
    assert_status "lower: invalid UTF-8: exit status 65" 65 "$status"
    assert_stderr "lower: invalid UTF-8: message" "lower: invalid UTF-8 at byte 3"
    assert_bytes "lower: invalid UTF-8: output before it" out 'ab\n'
    # Same output as mntext lower on real text and on a line longer than
    # the stream buffer, through a pipe.
    run_in "$SRC/corpus/forum-notice.txt" ./lower
    "$MNTEXT" lower "$SRC/corpus/forum-notice.txt" >expected
    assert_file "lower: corpus = mntext lower" expected out
    yes 'ӨВӨЛ ΣΑΣ ß' | head -n 30000 | tr '\n' ' ' >long
    # shellcheck disable=SC2002 # a pipe on purpose: reads of any size
    cat long | ./lower >out 2>err
    assert_eq "lower: long line through a pipe: exit status" 0 "$?"
    "$MNTEXT" lower long >expected
    assert_file "lower: long line = mntext lower" expected out
fi

# caseless: the one-shot calls.
if [ -x caseless ]; then
    run ./caseless 'ӨВӨЛ' 'өвөл'
    assert_status "caseless ӨВӨЛ өвөл: exit status" 0 "$status"
    assert_eq "caseless ӨВӨЛ өвөл: output" "equal: ӨВӨЛ" "$(cat out)"
    run ./caseless 'Straße' 'STRASSE'
    assert_eq "caseless Straße STRASSE: output" "equal: STRASSE" "$(cat out)"
    run ./caseless 'Өвөл' 'Өвс'
    assert_status "caseless Өвөл Өвс: exit status" 1 "$status"
    assert_eq "caseless Өвөл Өвс: output" "different: ӨВӨЛ" "$(cat out)"
    run ./caseless "$(printf 'a\xffb')" b
    assert_status "caseless invalid: exit status" 1 "$status"
    assert_stderr "caseless invalid: message" "caseless: invalid UTF-8 at byte 1"
    run ./caseless "$(printf '%0300d' 0)" x
    assert_eq "caseless long: MN_E_BUFFER reports the size needed" \
        "different (destination buffer too small: 300 bytes needed)" "$(cat out)"
    run ./caseless
    assert_status "caseless without arguments: exit status" 2 "$status"
fi

# tokens: the streaming tokenizer. The expected output is written by hand
# from the tokenizer rules (docs/API.md shows it too).
if [ -x tokens ]; then
    printf '%s\n' 'Л.Оюун-Эрдэнэ УИХ-ын чуулганд 2022.08.18-нд “Шинэ сэргэлт”-ийн тухай ярив.' >in
    run_in in ./tokens
    assert_status "tokens: exit status" 0 "$status"
    assert_empty "tokens: stderr" err
    cat >expected <<'EOF'
0 24 name title Л.Оюун-Эрдэнэ
25 36 word - УИХ-ын base=УИХ
37 53 word lower чуулганд
54 69 date lower 2022.08.18-нд base=2022.08.18
70 73 punct - “
73 81 word title Шинэ
82 96 word lower сэргэлт
96 99 punct - ”
99 106 suffix lower -ийн
107 117 word lower тухай
118 126 word lower ярив
126 127 punct - .
EOF
    assert_file "tokens: output" expected out
    # API.md shows exactly this output, in a ```text block.
    awk '/^```text$/ { on = 1; next } /^```$/ { on = 0 } on' "$APIMD" >shown
    assert_file "tokens: the output API.md shows" expected shown
    # The same tokens as mntext tokens --format=tsv, on text longer than the
    # example's 4096-byte pieces, from a file and through a pipe.
    for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
        cat "$SRC/corpus/forum-notice.txt"
    done >big
    "$MNTEXT" tokens --format=tsv big >expected.tsv
    run_in big ./tokens
    assert_status "tokens: corpus: exit status" 0 "$status"
    awk '{ print $1 "\t" $2 "\t" $3 "\t" $5 }' out >got.tsv
    assert_file "tokens: corpus = mntext tokens --format=tsv" expected.tsv got.tsv
    # shellcheck disable=SC2002 # a pipe on purpose: reads of any size
    cat big | ./tokens | awk '{ print $1 "\t" $2 "\t" $3 "\t" $5 }' >got.tsv
    assert_file "tokens: corpus through a pipe = mntext tokens --format=tsv" expected.tsv got.tsv
    # Invalid UTF-8: the tokens before it, then the message, exit 65.
    printf 'нэг \xff хоёр' >bad
    run_in bad ./tokens
    assert_status "tokens: invalid UTF-8: exit status 65" 65 "$status"
    assert_stderr "tokens: invalid UTF-8: message" "tokens: invalid UTF-8 at byte 7"
    assert_bytes "tokens: invalid UTF-8: tokens before it" out '0 6 word lower \xd0\xbd\xd1\x8d\xd0\xb3\n'
    # A run longer than MN_TOKENIZER_MAX_RUN: MN_E_LIMIT at its start.
    { printf 'x '; head -c 1100000 /dev/zero | tr '\0' a; } >long
    run_in long ./tokens
    assert_status "tokens: over-long run: exit status 65" 65 "$status"
    assert_stderr "tokens: over-long run: message" "tokens: input exceeds a size limit at byte 2"
    assert_bytes "tokens: over-long run: tokens before it" out '0 1 word lower x\n'
    # Empty input: no tokens.
    run ./tokens
    assert_status "tokens: empty input: exit status" 0 "$status"
    assert_empty "tokens: empty input: output" out
fi

# What the documents quote: mn_strerror() messages, the Unicode version,
# mn_stream_buffer_size(), the token kind names, the limits.
cat >probe.c <<'EOF'
#include <stdio.h>
#include <mntext.h>
int main(void) {
    for (int s = 0; s >= -6; s--)
        printf("%s\n", mn_strerror(s));
    printf("%s\n", mn_strerror(1));
    printf("%s\n%zu\n%s\n", mn_unicode_version(), mn_stream_buffer_size(), mn_version());
    printf("%u\n%u\n", (unsigned)MN_TOKENIZER_MAX_RUN, (unsigned)MN_SENTENCE_MAX_TOKENS);
    static const struct { mn_token_kind k; const char *c; } kinds[] = {
        {MN_TOKEN_WORD, "MN_TOKEN_WORD"}, {MN_TOKEN_NUMBER, "MN_TOKEN_NUMBER"},
        {MN_TOKEN_DATE, "MN_TOKEN_DATE"}, {MN_TOKEN_ABBREVIATION, "MN_TOKEN_ABBREVIATION"},
        {MN_TOKEN_NAME, "MN_TOKEN_NAME"}, {MN_TOKEN_INITIAL, "MN_TOKEN_INITIAL"},
        {MN_TOKEN_SUFFIX, "MN_TOKEN_SUFFIX"}, {MN_TOKEN_PUNCT, "MN_TOKEN_PUNCT"},
        {MN_TOKEN_SYMBOL, "MN_TOKEN_SYMBOL"}, {MN_TOKEN_URL, "MN_TOKEN_URL"},
        {MN_TOKEN_EMAIL, "MN_TOKEN_EMAIL"}, {MN_TOKEN_INVALID, "MN_TOKEN_INVALID"}};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        printf("%s %d %s\n", kinds[i].c, (int)kinds[i].k, mn_token_kind_name(kinds[i].k));
    return 0;
}
EOF
if "$CC" "${CFLAGS[@]}" probe.c "${LDFLAGS[@]}" -o probe 2>cc.err && ./probe >probe.out; then
    mapfile -t p <probe.out
    for ((i = 0; i <= 7; i++)); do
        assert_contains "API.md quotes mn_strerror message '${p[i]}'" "\`${p[i]}\`" "$APIMD"
        assert_contains "libmntext.3 quotes mn_strerror message '${p[i]}'" "\\(lq${p[i]}\\(rq" "$MAN3"
    done
    assert_contains "API.md: mn_unicode_version() is \"${p[8]}\"" "\`\"${p[8]}\"\`" "$APIMD"
    assert_contains "libmntext.3: mn_unicode_version() is \"${p[8]}\"" "\\(lq${p[8]}\\(rq in this release" "$MAN3"
    size_commas=$(printf '%s\n' "${p[9]}" | sed -e ':a' -e 's/\B[0-9]\{3\}\>/,&/' -e 'ta')
    assert_contains "API.md: mn_stream_buffer_size() is ${p[9]}" "$size_commas bytes" "$APIMD"
    assert_contains "libmntext.3: mn_stream_buffer_size() is ${p[9]}" "${p[9]} bytes" "$MAN3"
    assert_contains "API.md: mn_version() example" "\`\"${p[10]}\"\`" "$APIMD"
    assert_contains "API.md: MN_TOKENIZER_MAX_RUN is ${p[11]}" "(${p[11]} bytes, 1 MiB)" "$APIMD"
    assert_contains "libmntext.3: MN_TOKENIZER_MAX_RUN is ${p[11]}" "${p[11]} bytes, 1 MiB)" "$MAN3"
    assert_contains "API.md: MN_SENTENCE_MAX_TOKENS is ${p[12]}" "\`MN_SENTENCE_MAX_TOKENS\` (${p[12]})" "$APIMD"
    assert_contains "libmntext.3: MN_SENTENCE_MAX_TOKENS is ${p[12]}" "MN_SENTENCE_MAX_TOKENS \" (${p[12]})\"" "$MAN3"
    for ((i = 13; i < ${#p[@]}; i++)); do
        read -r kconst kval kname <<<"${p[i]}"
        assert_contains "API.md: $kconst is $kval, named '$kname'" \
            "| \`$kconst\` | $kval | \`$kname\` |" "$APIMD"
        assert_contains "libmntext.3: $kconst is $kval, named '$kname'" \
            ".BR $kconst \" ($kval, \\(lq$kname\\(rq)\"" "$MAN3"
    done
else
    cli_fail "probe of the library compiles and runs"
    sed 's/^/    /' cc.err | head -n 20
fi

cli_finish
