/* test_summarize: keywords, facts, summaries and the background model.
 *
 *   test_summarize FORUM_NOTICE
 *
 * Expectations are written by hand from reading the texts (the forum
 * notice of corpus/, short sentences written for this test) and from
 * Mongolian grammar (which forms of a word must count together), never
 * copied from the program's output. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "mntext.h"

/* The fact of `kind` whose text is `text`, or NULL. */
static const mn_fact *find_fact(const mn_summarizer *sm, mn_fact_kind kind, const char *text) {
    const mn_fact *f;
    const size_t n = mn_summarizer_facts(sm, &f);
    for (size_t i = 0; i < n; i++)
        if (f[i].kind == kind && strcmp(f[i].text, text) == 0)
            return &f[i];
    return NULL;
}

static size_t count_kind(const mn_summarizer *sm, mn_fact_kind kind) {
    const mn_fact *f;
    const size_t n = mn_summarizer_facts(sm, &f);
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += f[i].kind == kind;
    return c;
}

static const mn_keyword *find_keyword(const mn_summarizer *sm, const char *text, size_t max) {
    const mn_keyword *k;
    const size_t n = mn_summarizer_keywords(sm, &k, max);
    for (size_t i = 0; i < n; i++)
        if (strcmp(k[i].text, text) == 0)
            return &k[i];
    return NULL;
}

static int set_str(mn_summarizer *sm, const char *s) {
    return mn_summarizer_set(sm, s, strlen(s));
}

/* The forum notice: what a reader must find. Counted by hand in
 * corpus/forum-notice.txt. */
static void test_forum(mn_summarizer *sm, const char *path) {
    bytes file = {0};
    if (!CHECK(read_file(path, &file) == 0))
        return;
    bytes_add(&file, "", 1); /* a NUL after the text, for strstr */
    const char *doc = (const char *)file.p;
    const size_t len = file.len - 1;
    CHECK_INT(mn_summarizer_set(sm, doc, len), MN_OK);
    /* the cleaned text is the normalized one: the notice's one no-break
     * space (U+00A0, 2 bytes, at byte 496 on line 6: `grep -ob`) becomes a
     * plain space, so it is one byte shorter and keeps the offsets before
     * byte 496; the font-size line and the repeated headline (lines 3 and
     * 4) are blanked */
    size_t cl;
    const char *clean = mn_summarizer_text(sm, &cl);
    CHECK_INT(cl, len - 1);
    CHECK(memcmp(doc + 496, "\xC2\xA0", 2) == 0 && clean[496] == ' ');
    CHECK(strstr(clean, "A- A A+") == NULL);
    const char *second = strstr(doc + 10, "\xE2\x80\x9C\xD0\xA8\xD0\x98\xD0\x9D\xD0\xAD"); /* “ШИНЭ, 2nd time */
    CHECK(second != NULL && clean[second - doc] == ' ');
    /* the title, truecased: “Шинэ сэргэлтийн бодлого-тогтвортой хөгжлийн
     * зорилго” форум зохион байгуулагдлаа. */
    size_t tl;
    const char *title = mn_summarizer_title(sm, &tl);
    CHECK(title != NULL && strstr(title, "\xE2\x80\x9C" "Шинэ сэргэлтийн бодлого") == title);
    CHECK(title != NULL && strstr(title, "форум зохион байгуулагдлаа.") != NULL);
    /* facts: dates, place, organizer and partner, the policy's title */
    const mn_fact *d = find_fact(sm, MN_FACT_DATE, "2022.08.18-19");
    CHECK(d != NULL);
    if (d) /* the mention without -НИЙ */
        CHECK(d->end - d->start == strlen("2022.08.18-19") && memcmp(doc + d->start, "2022.08.18-19", 13) == 0);
    CHECK_INT(count_kind(sm, MN_FACT_DATE), 1);
    const mn_fact *p = find_fact(sm, MN_FACT_PLACE, "Дархан-Уул аймаг");
    CHECK(p != NULL);
    if (p) { /* the first mention is the ALL-CAPS "ДАРХАН -УУЛ АЙМАГТ" at
              * byte 587 of the input (after the no-break space), hyphen
              * mended in the clean text, which is one byte shorter there */
        CHECK_INT(p->start, 587);
        CHECK_INT(p->end - p->start, strlen("ДАРХАН -УУЛ"));
        CHECK(memcmp(doc + p->start, "ДАРХАН -УУЛ", strlen("ДАРХАН -УУЛ")) == 0);
        CHECK(memcmp(clean + p->start - 1, "Дархан-Уул", strlen("Дархан-Уул")) == 0);
    }
    CHECK(find_fact(sm, MN_FACT_ORG, "Эдийн засаг, хөгжлийн яам") != NULL);
    CHECK(find_fact(sm, MN_FACT_ORG, "Боловсрол, шинжлэх ухааны яам") != NULL);
    CHECK(find_fact(sm, MN_FACT_TITLE, "\xE2\x80\x9C" "Шинэ сэргэлтийн бодлого" "\xE2\x80\x9D") != NULL);
    CHECK_INT(count_kind(sm, MN_FACT_PERSON), 0); /* nobody is named */
    /* keywords: ФОРУМ (title), ФОРУМЫГ, форумыг, форумаар: 4 by one stem;
     * the repeated headline does not count */
    const mn_keyword *k = find_keyword(sm, "форум", 10);
    CHECK(k != NULL);
    if (k)
        CHECK_INT(k->count, 4);
    CHECK(find_keyword(sm, "Шинэ сэргэлтийн бодлого", 10) != NULL);
    CHECK(find_keyword(sm, "Дархан-Уул аймаг", 10) != NULL);
    /* stopwords and cruft are never keywords */
    const mn_keyword *all;
    const size_t nk = mn_summarizer_keywords(sm, &all, 1000);
    for (size_t i = 0; i < nk; i++) {
        CHECK_MSG(strcmp(all[i].text, "тус") != 0 && strcmp(all[i].text, "A") != 0 && strcmp(all[i].text, "юм") != 0,
                  "keyword %s", all[i].text);
        if (i > 0)
            CHECK(all[i - 1].score >= all[i].score);
    }
    /* the summary: 3 sentences in text order, not the title; the first
     * names the organizer, the place and the dates */
    mn_summary_sentence s[5];
    const size_t ns = mn_summarizer_sentences(sm, s, 3);
    CHECK_INT(ns, 3);
    for (size_t i = 1; i < ns; i++)
        CHECK(s[i - 1].start < s[i].start);
    CHECK(ns > 0 && strstr(s[0].text, "Эдийн засаг, хөгжлийн яамнаас") == s[0].text);
    CHECK(ns > 0 && strstr(s[0].text, "2022.08.18-19") != NULL && strstr(s[0].text, "Дархан-Уул аймагт") != NULL);
    CHECK(ns > 0 && strchr(s[0].text, '\n') == NULL);
    /* the notice has 10 sentences besides its title: 3 paragraphs, 5
     * bullets, "Үүнд:" (too short to be a candidate) is not one */
    CHECK_INT(mn_summarizer_sentence_count(sm), 8);
    bytes_free(&file);
}

static void test_facts(mn_summarizer *sm) {
    CHECK_INT(set_str(sm, "Ерөнхий сайд Л.Оюун-Эрдэнэ Дархан-Уул аймгийн Хонгор суманд ажиллав."), MN_OK);
    CHECK(find_fact(sm, MN_FACT_PERSON, "Л.Оюун-Эрдэнэ") != NULL);
    CHECK(find_fact(sm, MN_FACT_PLACE, "Дархан-Уул аймаг") != NULL);
    CHECK(find_fact(sm, MN_FACT_PLACE, "Хонгор сум") != NULL);

    CHECK_INT(set_str(sm, "Хурал 2022 оны 8 дугаар сарын 18-нд болно. Төсөв 141 тэрбум төгрөгийн, өсөлт 20 хувиар."),
              MN_OK);
    CHECK(find_fact(sm, MN_FACT_DATE, "2022 оны 8 дугаар сарын 18") != NULL);
    CHECK(find_fact(sm, MN_FACT_MONEY, "141 тэрбум төгрөг") != NULL);
    CHECK(find_fact(sm, MN_FACT_NUMBER, "20 хувь") != NULL);

    CHECK_INT(set_str(sm, "УИХ-ын чуулган өнөөдөр хуралдлаа."), MN_OK);
    const mn_fact *u = find_fact(sm, MN_FACT_ORG, "УИХ");
    CHECK(u != NULL && strcmp(u->detail, "Улсын Их Хурал") == 0);
    CHECK(u != NULL && u->start == 0 && u->end == strlen("УИХ"));

    CHECK_INT(set_str(sm, "Тэд Хятадын хилээр орж, АНУ-д очжээ."), MN_OK);
    CHECK(find_fact(sm, MN_FACT_PLACE, "Хятад") != NULL);
    const mn_fact *a = find_fact(sm, MN_FACT_PLACE, "АНУ");
    CHECK(a != NULL && strcmp(a->detail, "Америкийн Нэгдсэн Улс") == 0);

    /* a person without initials; a common word at the start is none */
    CHECK_INT(set_str(sm, "Тэрээр Дональд Трамптай уулзав. Монголчууд баяр тэмдэглэв."), MN_OK);
    CHECK(count_kind(sm, MN_FACT_PERSON) == 1);
    CHECK_INT(count_kind(sm, MN_FACT_PLACE), 0); /* Монголчууд: a people */

    /* an empty document has nothing */
    CHECK_INT(mn_summarizer_set(sm, "", 0), MN_OK);
    const mn_fact *f;
    CHECK_INT(mn_summarizer_facts(sm, &f), 0);
    mn_summary_sentence s[1];
    CHECK_INT(mn_summarizer_sentences(sm, s, 1), 0);
    size_t tl;
    CHECK(mn_summarizer_title(sm, &tl) == NULL && tl == 0);
}

static const mn_fact *check_span(const mn_summarizer *sm, mn_fact_kind kind, const char *text, size_t start,
                                 size_t end) {
    const mn_fact *f = find_fact(sm, kind, text);
    CHECK_MSG(f != NULL, "no %s fact %s", mn_fact_kind_name(kind), text);
    if (f) {
        CHECK_INT(f->start, start);
        CHECK_INT(f->end, end);
    }
    return f;
}

/* Documents normalization repairs: facts are found in the normalized text
 * and their offsets point at the input's bytes (offsets counted by hand:
 * Cyrillic letters are 2 bytes, Latin y and a 1, U+00AD and U+00A0 2). */
static void test_normalized(mn_summarizer *sm) {
    /* Latin y in Дархан-Уyл, Latin a in Улаанбаатaр */
    const char *doc = "Дархан-Уyл аймагт хурал болов. Улаанбаатaр хотод очив.";
    CHECK_INT(set_str(sm, doc), MN_OK);
    /* Дархан 12 + "-" 1 + У 2 + y 1 + л 2 = 18 bytes */
    const mn_fact *f = check_span(sm, MN_FACT_PLACE, "Дархан-Уул аймаг", 0, 18);
    if (f)
        CHECK(memcmp(doc + f->start, "Дархан-Уyл", f->end - f->start) == 0);
    /* "Дархан-Уyл аймагт хурал болов. " is 18+1+12+1+10+1+10+1+1 = 55
     * bytes; Улаанбаат 18 + a 1 + р 2 = 21 */
    f = check_span(sm, MN_FACT_PLACE, "Улаанбаатар хот", 55, 76);
    if (f)
        CHECK(memcmp(doc + f->start, "Улаанбаатaр", f->end - f->start) == 0);
    mn_summary_sentence ss[2];
    CHECK_INT(mn_summarizer_sentences(sm, ss, 2), 2);
    CHECK_INT(ss[0].start, 0);
    CHECK_INT(ss[0].end, 54);  /* up to and with the full stop */
    CHECK_INT(ss[1].start, 55);
    CHECK_INT(ss[1].end, strlen(doc));
    CHECK(strstr(ss[1].text, "Улаанбаатар") != NULL); /* the text is the repaired one */

    /* the opt-out: the look-alike letters stay, and the names are missed */
    CHECK_INT(mn_summarizer_set_options(sm, MN_SUMMARIZE_NO_NORMALIZE), MN_OK);
    CHECK_INT(set_str(sm, doc), MN_OK);
    CHECK(find_fact(sm, MN_FACT_PLACE, "Дархан-Уул аймаг") == NULL);
    CHECK(find_fact(sm, MN_FACT_PLACE, "Улаанбаатар хот") == NULL);
    size_t tl;
    CHECK(mn_summarizer_text(sm, &tl) != NULL && tl == strlen(doc));
    CHECK_INT(mn_summarizer_set_options(sm, 0), MN_OK);
    CHECK_INT(mn_summarizer_set_options(sm, 2), MN_E_ARGUMENT);
    CHECK_INT(mn_summarizer_set_options(NULL, 0), MN_E_ARGUMENT);

    /* a soft hyphen inside the name, a no-break space after it: "Хурал "
     * 11, Дар 6, U+00AD 2, хан 6, "-" 1, Уул 6 -> the name is [11, 32);
     * U+00A0 [32, 34), аймагт [34, 46), " " 46, the date [47, 57) */
    doc = "Хурал Дар\xC2\xADхан-Уул\xC2\xA0аймагт 2022.08.18-нд болно.";
    CHECK_INT(set_str(sm, doc), MN_OK);
    check_span(sm, MN_FACT_PLACE, "Дархан-Уул аймаг", 11, 32);
    check_span(sm, MN_FACT_DATE, "2022.08.18", 47, 57);
    CHECK_INT(mn_summarizer_sentences(sm, ss, 1), 1);
    CHECK_INT(ss[0].start, 0);
    CHECK_INT(ss[0].end, strlen(doc));
    CHECK(mn_summarizer_text(sm, &tl) != NULL && tl == strlen(doc) - 3); /* U+00AD gone, U+00A0 a space */

    /* a soft hyphen before a name: the name starts after it ("Тэд " 7,
     * U+00AD [7, 9), Улаанбаатар 22 bytes) */
    CHECK_INT(set_str(sm, "Тэд \xC2\xADУлаанбаатар хотод очив."), MN_OK);
    check_span(sm, MN_FACT_PLACE, "Улаанбаатар хот", 9, 31);
}

/* Keywords in their dictionary form when the text has only inflected
 * ones (a hand-made text; the forms by Mongolian grammar): форумд
 * (dative-locative -д) and Форумыг (accusative -ыг) are форум, unknown to
 * hunspell-mn, so the ending goes; пневмококкийн (genitive -ийн) is
 * пневмококк; сүмд (dative, a 4-letter word the light rules do not cut) is
 * сүм, by hunspell-mn's lemma. */
static void test_keyword_forms(mn_summarizer *sm, int have_dictionary) {
    CHECK_INT(set_str(sm, "Улаанбаатарт олон улсын форумд оролцов. Форумыг сайд нээв. Хоёр сүмд зочлов. "
                          "Тэр сүмд залбирал болов. Хүүхдүүд пневмококкийн вакцин хийлгэв. "
                          "Эмч нар пневмококкийн халдварын тухай ярив."),
              MN_OK);
    const mn_keyword *k = find_keyword(sm, "форум", 20);
    CHECK(k != NULL);
    if (k)
        CHECK_INT(k->count, 2);
    k = find_keyword(sm, "пневмококк", 20);
    CHECK(k != NULL);
    if (k)
        CHECK_INT(k->count, 2);
    if (have_dictionary) {
        k = find_keyword(sm, "сүм", 20);
        CHECK(k != NULL);
        if (k)
            CHECK_INT(k->count, 2);
    }
    CHECK(find_keyword(sm, "форумд", 20) == NULL);
    CHECK(find_keyword(sm, "пневмококкийн", 20) == NULL);
    CHECK(find_keyword(sm, "сүмд", 20) == NULL || !have_dictionary);
}

static void test_errors(mn_summarizer *sm) {
    const char bad[] = "Сайн \xD0 байна";
    CHECK_INT(mn_summarizer_set(sm, bad, sizeof bad - 1), MN_E_INVALID_UTF8);
    CHECK_INT(mn_summarizer_error_offset(sm), strlen("Сайн "));
    CHECK_INT(mn_summarizer_set(NULL, "a", 1), MN_E_ARGUMENT);
    CHECK_INT(mn_summarizer_new(NULL, NULL, ""), MN_E_ARGUMENT);
    CHECK(strcmp(mn_fact_kind_name(MN_FACT_ORG), "org") == 0);
    CHECK(strcmp(mn_fact_kind_name((mn_fact_kind)99), "?") == 0);
}

/* The model: one document frequency per stem; inflected forms are one
 * stem (аймаг, аймгийн, аймагт); models add up. */
static void test_idf(void) {
    mn_idf *m;
    CHECK_INT(mn_idf_new(&m), MN_OK);
    CHECK_INT(mn_idf_add_document(m, "аймаг аймгийн аймагт", strlen("аймаг аймгийн аймагт")), MN_OK);
    CHECK_INT(mn_idf_add_document(m, "Форум форумыг форумаар аймаг", strlen("Форум форумыг форумаар аймаг")), MN_OK);
    CHECK_INT(mn_idf_documents(m), 2);
    char *out;
    size_t len;
    CHECK_INT(mn_idf_write_alloc(m, &out, &len), MN_OK);
    /* header, documents, and two keys: the stem of аймаг in 2 documents,
     * that of форум in 1 */
    size_t lines = 0, twos = 0, ones = 0;
    for (char *p = out; *p; p++)
        lines += *p == '\n';
    CHECK_INT(lines, 4);
    CHECK(strncmp(out, "# mntext idf 1\ndocuments\t2\n", 27) == 0);
    for (char *p = strchr(out + 27, '\t'); p; p = strchr(p + 1, '\t')) {
        twos += p[1] == '2';
        ones += p[1] == '1';
    }
    CHECK_INT(twos, 1);
    CHECK_INT(ones, 1);
    /* merging the model into a copy of itself doubles every figure */
    mn_idf *m2;
    CHECK_INT(mn_idf_new(&m2), MN_OK);
    CHECK_INT(mn_idf_load(m2, out, len, NULL), MN_OK);
    CHECK_INT(mn_idf_load(m2, out, len, NULL), MN_OK);
    CHECK_INT(mn_idf_documents(m2), 4);
    char *out2;
    size_t len2;
    CHECK_INT(mn_idf_write_alloc(m2, &out2, &len2), MN_OK);
    CHECK(strstr(out2, "\t4\n") != NULL && strstr(out2, "\t2\n") != NULL && strstr(out2, "\t1\n") == NULL);
    mn_free(out2);
    /* bad lines are reported by number */
    size_t bad;
    const char broken[] = "# mntext idf 1\ndocuments\t2\nkey\tx\n";
    CHECK_INT(mn_idf_load(m2, broken, sizeof broken - 1, &bad), MN_E_ARGUMENT);
    CHECK_INT(bad, 3);
    CHECK_INT(mn_idf_load(m2, "hello\t1\n", 8, &bad), MN_E_ARGUMENT);
    CHECK_INT(bad, 1);
    /* a key "documents" (Latin text) is a key, not the documents line:
     * the model survives a write and a read unchanged */
    mn_idf *l1, *l2;
    CHECK_INT(mn_idf_new(&l1), MN_OK);
    CHECK_INT(mn_idf_new(&l2), MN_OK);
    static const char latin[] = "Two documents. Тэр documents гэв.";
    CHECK_INT(mn_idf_add_document(l1, latin, sizeof latin - 1), MN_OK);
    char *w1 = NULL, *w2 = NULL;
    size_t n1 = 0, n2 = 0;
    CHECK_INT(mn_idf_write_alloc(l1, &w1, &n1), MN_OK);
    size_t doclines = 0;
    for (const char *p = w1; p && (p = strstr(p, "\ndocuments\t1\n")) != NULL; p++)
        doclines++;
    CHECK_INT(doclines, 2); /* the documents line and the key */
    CHECK_INT(mn_idf_load(l2, w1, n1, NULL), MN_OK);
    CHECK_INT(mn_idf_documents(l2), 1);
    CHECK_INT(mn_idf_write_alloc(l2, &w2, &n2), MN_OK);
    CHECK(w1 && w2 && n1 == n2 && memcmp(w1, w2, n1) == 0);
    mn_free(w1);
    mn_free(w2);
    mn_idf_free(l1);
    mn_idf_free(l2);
    /* the built-in model has documents */
    mn_idf *d;
    CHECK_INT(mn_idf_new(&d), MN_OK);
    CHECK_INT(mn_idf_load_default(d), MN_OK);
    CHECK(mn_idf_documents(d) > 10000);
    mn_free(out);
    mn_idf_free(m);
    mn_idf_free(m2);
    mn_idf_free(d);
    mn_idf_free(NULL);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: test_summarize FORUM_NOTICE\n");
        return 2;
    }
    mn_idf *m;
    CHECK_INT(mn_idf_new(&m), MN_OK);
    CHECK_INT(mn_idf_load_default(m), MN_OK);
    mn_summarizer *sm = NULL;
    CHECK_INT(mn_summarizer_new(&sm, m, NULL), MN_OK);
    if (sm == NULL)
        return check_finish();
    test_forum(sm, argv[1]);
    test_facts(sm);
    test_normalized(sm);
    FILE *dic = fopen("/usr/share/hunspell/mn_MN.dic", "rb");
    test_keyword_forms(sm, dic != NULL);
    if (dic)
        fclose(dic);
    test_errors(sm);
    mn_summarizer_free(sm);
    /* without hunspell the facts that need no dictionary stay */
    CHECK_INT(mn_summarizer_new(&sm, NULL, ""), MN_OK);
    CHECK_INT(set_str(sm, "Форумыг 2022.08.18-19-нд Дархан-Уул аймагт хийв."), MN_OK);
    CHECK(find_fact(sm, MN_FACT_DATE, "2022.08.18-19") != NULL);
    CHECK(find_fact(sm, MN_FACT_PLACE, "Дархан-Уул аймагт") != NULL || find_fact(sm, MN_FACT_PLACE, "Дархан-Уул аймаг") != NULL);
    mn_summarizer_free(sm);
    mn_summarizer_free(NULL);
    test_idf();
    mn_idf_free(m);
    return check_finish();
}
