// bench/icu_nfc.cpp: ICU's C++ Normalizer2 NFC on UTF-8 with its quick
// check, a peer of `mntext normalize` in bench/normalize.sh.
//
//   icu_nfc < in       prints the output size; the loop time goes to
//                      $BENCH_TIMES (the file named there gets a line)
//
// Reads all of the input, then, timed, takes pieces of about 64 KiB cut
// after a line feed: Normalizer2::isNormalizedUTF8 (the quick check), and
// only where that says no, normalizeUTF8 into a string. Built by
// bench/normalize.sh with g++ -O2 and pkg-config icu-uc.
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

int main() {
    std::vector<char> buf;
    char tmp[1 << 16];
    size_t got;
    while ((got = fread(tmp, 1, sizeof tmp, stdin)) > 0)
        buf.insert(buf.end(), tmp, tmp + got);
    UErrorCode ec = U_ZERO_ERROR;
    const icu::Normalizer2 *nfc = icu::Normalizer2::getNFCInstance(ec);
    if (U_FAILURE(ec)) {
        fprintf(stderr, "icu_nfc: %s\n", u_errorName(ec));
        return 1;
    }
    const auto t0 = std::chrono::steady_clock::now();
    size_t out = 0, i = 0, len = buf.size(), changed = 0;
    std::string s;
    while (i < len) {
        size_t e = i + 65536 < len ? i + 65536 : len;
        while (e < len && buf[e - 1] != '\n')
            e++;
        icu::StringPiece sp(buf.data() + i, (int32_t)(e - i));
        if (nfc->isNormalizedUTF8(sp, ec)) {
            out += e - i;
        } else {
            s.clear();
            icu::StringByteSink<std::string> sink(&s);
            nfc->normalizeUTF8(0, sp, sink, nullptr, ec);
            out += s.size();
            changed++;
        }
        if (U_FAILURE(ec)) {
            fprintf(stderr, "icu_nfc: %s\n", u_errorName(ec));
            return 1;
        }
        i = e;
    }
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (const char *tf = getenv("BENCH_TIMES")) {
        if (FILE *f = fopen(tf, "a")) {
            fprintf(f, "%.6f\n", secs);
            fclose(f);
        }
    }
    printf("nfc bytes %zu (pieces normalized: %zu)\n", out, changed);
    return 0;
}
