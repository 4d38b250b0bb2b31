#!/bin/bash
# cli_summarize: the verbs keywords, summarize, entities and idf. The forum
# notice's facts (read by hand: the forum's name, organizer, place and
# dates), formats (JSON checked by python3's parser), directories, exit
# codes and messages, and that idf models add up.
set -u
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
cli_init "$@"

NOTICE=$SRC/corpus/forum-notice.txt

# ---- summarize, text: what a reader must find
run "$MNTEXT" summarize -n 5 "$NOTICE"
assert_status "summarize: exit status" 0 "$status"
assert_empty "summarize: nothing on stderr" err
# The headline joins two titles with a hyphen; the notice itself writes the
# second one capitalized (“Тогтвортой хөгжлийн зорилго- Шинэ сэргэлтийн
# бодлого”), so Тогтвортой keeps its capital.
assert_eq "summarize: the title first, truecased" \
    "“Шинэ сэргэлтийн бодлого-Тогтвортой хөгжлийн зорилго” форум зохион байгуулагдлаа." "$(head -n 1 out)"
assert_contains "summarize: the organizer" "Organizations: Эдийн засаг, хөгжлийн яам" out
assert_contains "summarize: the place" "Places: Дархан-Уул аймаг" out
assert_contains "summarize: the dates" "Dates: 2022.08.18-19" out
assert_contains "summarize: the policy" "“Шинэ сэргэлтийн бодлого”" out
assert_eq "summarize: 5 sentences" 5 "$(grep -c '^- ' out)"
assert_contains "summarize: an agreed point" \
    "- Орон нутгийн хөгжлийг “Тогтвортой хөгжлийн зорилго- Шинэ сэргэлтийн бодлого”-той хэрхэн уялдуулан төлөвлөх" out
assert_lacks "summarize: no font-size cruft" "A- A A+" out
assert_lacks "summarize: no ALL-CAPS sentence" "ЭДИЙН ЗАСАГ" out

# --ratio: 8 candidate sentences, 0.25 of them is 2
run "$MNTEXT" summarize --ratio 0.25 "$NOTICE"
assert_eq "summarize --ratio 0.25: 2 sentences" 2 "$(grep -c '^- ' out)"

# ---- jsonl over a directory: one object per file, in path order
mkdir -p docs/sub
cp "$NOTICE" docs/b.txt
printf 'Улаанбаатар хотод 2023 оны 5 дугаар сарын 1-нд Б.Бат 100 сая төгрөгийн тусламж өглөө. Тусламжийг иргэдэд хүргэв. Иргэд талархлаа.\n' >docs/a.txt
printf '' >docs/sub/empty.txt
printf 'hidden\n' >docs/.hidden
run "$MNTEXT" summarize --format jsonl docs
assert_status "summarize jsonl DIR: exit status" 0 "$status"
assert_eq "summarize jsonl DIR: three documents" 3 "$(wc -l <out)"
assert_true "summarize jsonl DIR: valid JSON with the fields, in order" "python3 check" python3 -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert [r["file"] for r in rows] == ["docs/a.txt", "docs/b.txt", "docs/sub/empty.txt"], rows
for r in rows:
    for k in ("file", "title", "date", "places", "organizations", "people", "keywords", "summary"):
        assert k in r, k
a, b = rows[0], rows[1]
assert a["date"] == "2023 оны 5 дугаар сарын 1", a["date"]
assert a["people"] == ["Б.Бат"], a["people"]
assert "Улаанбаатар хот" in a["places"], a["places"]
assert "100 сая төгрөг" in a["numbers"], a["numbers"]
assert b["date"] == "2022.08.18-19" and "Дархан-Уул аймаг" in b["places"]
assert rows[2]["summary"] == [] and rows[2]["title"] is None
' out

run "$MNTEXT" summarize --format json docs/a.txt docs/b.txt
assert_true "summarize json: one array" "a JSON array of 2" python3 -c '
import json, sys
v = json.load(open(sys.argv[1], encoding="utf-8"))
assert isinstance(v, list) and len(v) == 2
' out

# ---- keywords
run "$MNTEXT" keywords -n 3 "$NOTICE"
assert_status "keywords: exit status" 0 "$status"
assert_eq "keywords -n 3: three lines" 3 "$(wc -l <out)"
run "$MNTEXT" keywords --format tsv "$NOTICE"
assert_true "keywords tsv: 6 fields, ranks 1..10, scores descending" "awk check" awk -F'\t' '
NF != 6 { exit 1 } $2 != NR { exit 1 } NR > 1 && $3 > prev { exit 1 } { prev = $3 } END { exit NR != 10 }' out
# ФОРУМ, ФОРУМЫГ, форумыг, форумаар: one stem, 4 times
assert_contains "keywords tsv: форум counted by stem" "$(printf '\t4\tфорум\t')" out
run "$MNTEXT" keywords --format jsonl --no-idf "$NOTICE" docs/a.txt
assert_eq "keywords jsonl: one object per document" 2 "$(wc -l <out)"
printf 'Форум форумыг форумаар хуралдлаа.\n' >one.txt
run "$MNTEXT" keywords one.txt
assert_eq "keywords: the nominative form" "форум" "$(head -n 1 out)"

# ---- entities
printf 'УИХ-ын дарга Г.Занданшатар Хятадад очлоо.\nЭдийн засаг, хөгжлийн яам мэдээлэв.\n' >ent.txt
run "$MNTEXT" entities --lines ent.txt
assert_status "entities: exit status" 0 "$status"
# УИХ = 6 bytes, -ын 5, дарга 10: the name starts at 23 and is 25 bytes;
# Хятадад (the mention keeps its attached ending, as NER_v1.0 does) is 14
printf 'ent.txt\t1\t0\t6\torg\tУИХ\tУлсын Их Хурал\nent.txt\t1\t23\t48\tperson\tГ.Занданшатар\t\nent.txt\t1\t49\t63\tplace\tХятад\t\nent.txt\t2\t0\t46\torg\tЭдийн засаг, хөгжлийн яам\t\n' >expected
assert_file "entities --lines tsv: byte offsets per line" expected out

# ---- idf: models add up (merge of parts == model of the whole)
printf 'аймаг аймгийн\n' >d1.txt
printf 'аймагт форум\n' >d2.txt
"$MNTEXT" idf build d1.txt >m1 && "$MNTEXT" idf build d2.txt >m2 && "$MNTEXT" idf build d1.txt d2.txt >m12
run "$MNTEXT" idf build --merge m1 m2
assert_file "idf build --merge: the sum of the parts" m12 out
assert_eq "idf build: 2 documents" "documents	2" "$(sed -n 2p m12)"
assert_eq "idf build: 2 stems (аймаг in both, форум in one)" "2 1" "$(tail -n +3 m12 | cut -f2 | sort -nr | tr '\n' ' ' | sed 's/ $//')"
run "$MNTEXT" idf build --lines docs/a.txt d1.txt
assert_eq "idf build --lines: each line a document" "documents	2" "$(sed -n 2p out)"
run "$MNTEXT" keywords --idf m12 "$NOTICE"
assert_status "keywords --idf MODEL: exit status" 0 "$status"

# ---- errors
printf 'Сайн\nбайна \xff уу\n' >bad.txt
run "$MNTEXT" summarize bad.txt
assert_status "invalid UTF-8: exit 65" 65 "$status"
assert_stderr "invalid UTF-8: file, byte and line" "mntext: summarize: bad.txt: invalid UTF-8 at byte 20 (line 2)"
run "$MNTEXT" entities --lines bad.txt
assert_stderr "invalid UTF-8 with --lines: offset in the file" "mntext: entities: bad.txt: invalid UTF-8 at byte 20 (line 2)"
run "$MNTEXT" keywords missing.txt "$NOTICE"
assert_status "missing file: exit 1" 1 "$status"
assert_stderr "missing file: named" "mntext: keywords: missing.txt: No such file or directory"
assert_eq "missing file: the others still done (a ==> header and 10)" 11 "$(wc -l <out)"
printf 'not a model\n' >bad.model
run "$MNTEXT" keywords --idf bad.model "$NOTICE"
assert_status "bad model: exit 65" 65 "$status"
assert_stderr "bad model: file and line" "mntext: keywords: bad.model:1: not a line of an mntext idf model"
run "$MNTEXT" summarize -n 2 --ratio 0.5 "$NOTICE"
assert_status "-n with --ratio: exit 2" 2 "$status"
run "$MNTEXT" summarize --ratio 1.5 "$NOTICE"
assert_status "--ratio 1.5: exit 2" 2 "$status"
run "$MNTEXT" keywords -n 0 "$NOTICE"
assert_status "-n 0: exit 2" 2 "$status"
run "$MNTEXT" summarize --format xml "$NOTICE"
assert_status "bad format: exit 2" 2 "$status"
run "$MNTEXT" idf frobnicate
assert_status "idf without build: exit 2" 2 "$status"
run "$MNTEXT" idf build --merge
assert_status "idf --merge without models: exit 2" 2 "$status"
run "$MNTEXT" summarize "$NOTICE"
cp out first
run "$MNTEXT" summarize "$NOTICE"
assert_file "summarize: deterministic" first out

# ---- stopwords: the built-in list (that of freq), --no-stopwords, --stopwords FILE
# тэрээр ("he") is in lib/data/stopwords.txt and not in keyword_stopwords.txt;
# форум is a content word.
printf 'Тэрээр форумд оролцов. Тэрээр форумын дараа илтгэл тавив. Тэрээр хурлыг удирдав. Тэрээр сайд юм.\n' >sw-doc.txt
run "$MNTEXT" keywords --no-idf --format tsv sw-doc.txt
assert_status "keywords stopwords: exit status" 0 "$status"
cut -f6 out >stems # the STEMS column
assert_true "keywords: the built-in stopword list leaves тэрээр (stem тэр) out" "no line тэр" \
    sh -c '! grep -qx тэр stems'
assert_true "keywords: форум (stem key форм) is a keyword" "a line форм" grep -qx форм stems
run "$MNTEXT" keywords --no-idf --format tsv --no-stopwords sw-doc.txt
cut -f6 out >stems
assert_true "keywords --no-stopwords: тэрээр counts" "a line тэр" grep -qx тэр stems
printf '# a list of my own\nфорум\n' >mine.txt
run "$MNTEXT" keywords --no-idf --format tsv --stopwords mine.txt sw-doc.txt
cut -f6 out >stems
assert_true "keywords --stopwords FILE: форум left out" "no line форм" sh -c '! grep -qx форм stems'
assert_true "keywords --stopwords FILE replaces the list: тэрээр counts" "a line тэр" grep -qx тэр stems
run "$MNTEXT" summarize --stopwords mine.txt --no-stopwords sw-doc.txt
assert_status "summarize --stopwords with --no-stopwords: usage" 2 "$status"
assert_stderr "summarize --stopwords with --no-stopwords: message" "mntext: summarize: --stopwords and --no-stopwords exclude each other
Try 'mntext summarize --help'."
run "$MNTEXT" keywords --stopwords no-such-file sw-doc.txt
assert_status "keywords --stopwords missing file: exit status" 1 "$status"
assert_stderr "keywords --stopwords missing file: message" "mntext: keywords: no-such-file: No such file or directory"

# ---- normalization first: names with a Latin look-alike letter (Latin y in
# Дархан-Уyл, Latin a in Улаанбаатaр) and a soft hyphen are found; offsets
# count the input's bytes (by hand: Дархан-Уyл is 12+1+2+1+2 = 18 bytes;
# line 2: "Хурал " 11, Дар 6, U+00AD 2, хан 6, "-" 1, Уул 6 -> [11, 32))
printf 'Дархан-Уyл аймагт хурал болов. Улаанбаатaр хотод очив.\nХурал Дар\302\255хан-Уул аймагт болно.\n' >look.txt
run "$MNTEXT" entities --lines look.txt
printf 'look.txt\t1\t0\t18\tplace\tДархан-Уул аймаг\t\nlook.txt\t1\t55\t76\tplace\tУлаанбаатар хот\t\nlook.txt\t2\t11\t32\tplace\tДархан-Уул аймаг\t\n' >expected
assert_file "entities: look-alike letters and a soft hyphen, input offsets" expected out
assert_eq "entities: the offsets point at the original bytes" "Дархан-Уyл" "$(head -c 18 look.txt)"
run "$MNTEXT" entities --lines --no-normalize look.txt
assert_lacks "entities --no-normalize: Дархан-Уyл is not read as Дархан-Уул" "Дархан-Уул" out
assert_lacks "entities --no-normalize: Улаанбаатaр is no place" "Улаанбаатар" out
run "$MNTEXT" keywords --no-idf look.txt
assert_contains "keywords: the repaired Улаанбаатар" "Улаанбаатар" out
run "$MNTEXT" summarize --no-normalize look.txt
assert_status "summarize --no-normalize: exit status" 0 "$status"
assert_lacks "summarize --no-normalize: no repaired place" "Places: Дархан-Уул аймаг" out

cli_finish
