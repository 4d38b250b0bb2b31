#!/bin/bash
# cli_truecase: mntext truecase on the forum notice (headline and first
# paragraph as an editor writes them), auto and all modes, --train and
# --model, model and dictionary errors, invalid UTF-8, several inputs,
# bytes that are not letters, bounded memory. Expected texts are written by
# hand (the Mongolian reasoning is in tests/data/truecase.tsv).
set -u
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
cli_init "$@"

tc() { "$MNTEXT" truecase --no-dict "$@"; }

# ---- the forum notice: line 1 (headline) and line 6 (first paragraph)
sed -n '1p;6p' "$SRC/corpus/forum-notice.txt" >notice
# (after форумыг the notice has a space and a no-break space, C2 A0)
printf '%s\n%s\xc2\xa0%s\n' \
  '“Шинэ сэргэлтийн бодлого-Тогтвортой хөгжлийн зорилго” форум зохион байгуулагдлаа.' \
  'Эдийн засаг, хөгжлийн яамнаас “Шинэ сэргэлтийн бодлого-Тогтвортой хөгжлийн зорилго” форумыг ' \
  'эдийн засгийн өсөлтийн гол төвүүдийн нэг болсон Дархан -Уул аймагт 2022.08.18-19-ний өдрүүдэд зохион байгууллаа.' >notice.want
run tc notice
assert_status "notice: exit status" 0 "$status"
assert_empty "notice: stderr" err
assert_file "notice: headline and first paragraph" notice.want out
# with the dictionary (when installed) the same
if [ -r /usr/share/hunspell/mn_MN.dic ]; then
    run "$MNTEXT" truecase notice
    assert_file "notice with hunspell-mn" notice.want out
else
    skip "notice with hunspell-mn" "/usr/share/hunspell/mn_MN.dic not installed"
fi
# the whole notice: mixed-case paragraphs pass through in auto mode
run tc "$SRC/corpus/forum-notice.txt"
assert_status "whole notice: exit status" 0 "$status"
sed -n '8p;10p;13p' "$SRC/corpus/forum-notice.txt" >mixed.want
sed -n '8p;10p;13p' out >mixed.got
assert_file "whole notice: mixed paragraphs unchanged" mixed.want mixed.got
assert_eq "whole notice: same size" "$(wc -c <"$SRC/corpus/forum-notice.txt")" "$(wc -c <out)"

# ---- modes
printf 'энэ бол УИХ-ын шийдвэр.\n' >lower
run tc lower
assert_bytes "auto: mixed text unchanged" out 'энэ бол УИХ-ын шийдвэр.\n'
run tc --mode=all lower
assert_bytes "--mode=all" out 'Энэ бол УИХ-ын шийдвэр.\n'
run tc -m all lower
assert_bytes "-m all" out 'Энэ бол УИХ-ын шийдвэр.\n'
run tc --mode=loud lower
assert_status "--mode=loud: exit status" 2 "$status"
assert_contains "--mode=loud: message" "expected auto or all" err

# ---- stdin, several files (each a document of its own), -
printf 'ТЭР ИРЛЭЭ\n' >a
printf 'УИХ-ЫН ГИШҮҮН' >b
run_in a tc
assert_bytes "stdin" out 'Тэр ирлээ\n'
run_in b tc a - a
assert_bytes "files and -" out 'Тэр ирлээ\nУИХ-ын гишүүнТэр ирлээ\n'

# ---- only letters change: CRLF, tabs, NUL, no final newline
bytes odd 'ТЭР\tИРЛЭЭ .\r\nБИ\x00 ЯВЛАА'
run tc odd
assert_status "odd bytes: exit status" 0 "$status"
assert_bytes "odd bytes" out 'Тэр\tирлээ .\r\nБи\x00 явлаа'

# ---- invalid UTF-8
bytes bad 'ТЭР ИРЛЭЭ.\nБИ \xff ЯВЛАА'
run tc bad
assert_status "invalid: exit status" 65 "$status"
assert_stderr "invalid: message" "mntext: truecase: bad: invalid UTF-8 at byte 24 (line 2)"
assert_bytes "invalid: output before the bad byte" out 'Тэр ирлээ.\nБи '
# on standard input (a pipe cannot be read again to count lines) the line
# still names the bad byte's own, not the end of what was read ahead
bytes bad2 'ТЭР\nabc\xff\n'
run_in bad2 tc
assert_status "invalid on stdin: exit status" 65 "$status"
assert_stderr "invalid on stdin: line" "mntext: truecase: <stdin>: invalid UTF-8 at byte 10 (line 2)"
run_in bad2 "$MNTEXT" truecase --train
assert_stderr "invalid on stdin, --train: line" "mntext: truecase: <stdin>: invalid UTF-8 at byte 10 (line 2)"
run tc --invalid=replace bad
assert_status "invalid=replace: exit status" 0 "$status"
assert_bytes "invalid=replace" out 'Тэр ирлээ.\nБи \xef\xbf\xbd явлаа'
run tc --invalid=keep bad
assert_bytes "invalid=keep" out 'Тэр ирлээ.\nБи \xff явлаа'

# ---- --train and --model
printf 'Бид Хархорум хотод очлоо. Тэд Хархорум руу явна. Манай хархорум биш.\nТэр ОЁУ-ын гишүүн. Ирсэн ОЁУ хүн.\n' >train.txt
run "$MNTEXT" truecase --train train.txt
assert_status "--train: exit status" 0 "$status"
cp out model
# Хархорум: Title twice, lower once (outside sentence starts); ОЁУ upper twice
assert_contains "--train: Хархорум counts" $'w\tхархорум\t1 2 0 0 0' model
assert_contains "--train: ОЁУ counts" $'w\tоёу\t0 0 2 0 0' model
printf 'ТЭД ХАРХОРУМ ХОТОД ОЁУ-ЫН ХҮНТЭЙ УУЛЗАВ.\n' >q
run "$MNTEXT" truecase --model=model --no-dict q
assert_bytes "--model: learned words" out 'Тэд Хархорум хотод ОЁУ-ын хүнтэй уулзав.\n'
# acronym memory: a tie of Title and UPPER goes to UPPER (UB); a word seen
# in capitals is an acronym before a hyphen suffix (ХАА-н, the agricultural
# sector), though its majority alone is lower case (хаа "where")
printf 'w\tub\t0 1 1 0 0\nw\tхаа\t9 0 3 0 0\n' >memmodel
printf 'ТЭР UB ХОТОД ХАА-Н ҮЙЛДВЭРЛЭЛ ХАА БАЙНА.\n' >q
run "$MNTEXT" truecase --model=memmodel --no-dict q
assert_bytes "--model: acronym memory" out 'Тэр UB хотод ХАА-н үйлдвэрлэл хаа байна.\n'
# deterministic: the same model again
run "$MNTEXT" truecase --train train.txt
assert_file "--train: deterministic" model out
run "$MNTEXT" truecase --train --model=model train.txt
assert_status "--train --model: exit status" 2 "$status"
run "$MNTEXT" truecase --train --mode=all train.txt
assert_status "--train --mode: exit status" 2 "$status"
run "$MNTEXT" truecase --train --dict=nonexistent.dic train.txt
assert_status "--train, missing dictionary: exit status" 1 "$status"
assert_contains "--train, missing dictionary: message" "nonexistent.dic: cannot read the dictionary" err
# the context weights: the bias feature has weights, whatever the text
run "$MNTEXT" truecase --train --no-dict train.txt
assert_status "--train --no-dict: exit status" 0 "$status"
assert_contains "--train --no-dict: weights" $'p\tb:\t' out
printf '# a model\nw\tабв\t1 2 3 0 0\nw\tгэх 1 2\n' >badmodel
run "$MNTEXT" truecase --model=badmodel q
assert_status "bad model: exit status" 2 "$status"
assert_stderr "bad model: message" "mntext: truecase: badmodel:3: not a line of a case model (byte 29)"
run "$MNTEXT" truecase --model=nonexistent q
assert_status "missing model: exit status" 1 "$status"
assert_contains "missing model: message" "nonexistent: No such file or directory" err
run "$MNTEXT" truecase --dict=nonexistent.dic q
assert_status "missing dictionary: exit status" 1 "$status"
assert_contains "missing dictionary: message" "nonexistent.dic: cannot read the dictionary" err
run "$MNTEXT" truecase --dict=x.dic --no-dict q
assert_status "--dict with --no-dict: exit status" 2 "$status"
run tc nonexistent-input
assert_status "missing input: exit status" 1 "$status"

# ---- bounded memory: 40 MB of ALL-CAPS text on one line
if [ "$SANITIZE" = 1 ]; then
    skip "truecase: peak RSS" "sanitizer build"
elif [ ! -x /usr/bin/time ] || ! /usr/bin/time -f %M true >/dev/null 2>&1; then
    skip "truecase: peak RSS" "no GNU time"
else
    for _ in $(seq 8); do cat notice; done | tr '\n' ' ' >unit
    : >big
    while [ "$(wc -c <big)" -lt 40000000 ]; do cat unit unit unit unit unit unit unit unit >>big; done
    /usr/bin/time -f %M -o rss "$MNTEXT" truecase --no-dict big >big.out 2>err
    rss=$(tail -n 1 rss)
    assert_eq "big: same size" "$(wc -c <big)" "$(wc -c <big.out)"
    if [[ $rss =~ ^[0-9]+$ ]] && [ "$rss" -lt 40000 ]; then
        cli_pass "truecase: peak RSS ${rss} KiB < 40000 KiB on a 40 MB line"
    else
        cli_fail "truecase: peak RSS ${rss} KiB on a 40 MB line (limit 40000)"
    fi
fi

cli_finish
