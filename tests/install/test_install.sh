#!/usr/bin/env bash
# Install the built project into a temporary prefix, then build and run a
# consumer program against it three ways: CMake find_package with the shared
# and the static library, and pkg-config. Also checks the installed files and
# that the shared library exports only mn_* symbols.
# Usage: test_install.sh BUILD_DIR SOURCE_DIR
set -u
build=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
finish() { echo "$pass passed, $fail failed"; [ "$fail" -eq 0 ]; exit $?; }

prefix=$tmp/prefix
if cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" 2>&1; then ok; else
  bad "cmake --install"; cat "$tmp/install.log"; finish; fi

libdir=$(cd "$prefix" && ls -d lib* | head -1)
for f in include/mntext.h include/mntext_export.h include/mntext_version.h bin/mntext \
         share/man/man1/mntext.1 share/man/man3/libmntext.3 \
         "$libdir/libmntext.a" "$libdir/pkgconfig/mntext.pc" "$libdir/cmake/mntext/mntextConfig.cmake"; do
  if [ -e "$prefix/$f" ]; then ok; else bad "not installed: $f"; fi
done
so=$(ls "$prefix/$libdir"/libmntext.so.* 2>/dev/null | head -1)
if [ -n "$so" ]; then ok; else bad "no shared library installed"; fi

# Only mn_* may be exported from the shared library.
if [ -n "$so" ]; then
  others=$(nm -D --defined-only "$so" | awk '{print $3}' | grep -v '^mn_' || true)
  if [ -z "$others" ]; then ok; else bad "exported symbols without mn_ prefix: $others"; fi
fi

# The installed command runs.
if [ "$(printf 'ӨВӨЛ' | "$prefix/bin/mntext" lower)" = "өвөл" ]; then ok; else bad "installed mntext lower"; fi

# CMake consumer, shared and static.
if cmake -S "$src/tests/install/consumer" -B "$tmp/cbuild" -DCMAKE_PREFIX_PATH="$prefix" \
     >"$tmp/c.log" 2>&1 && cmake --build "$tmp/cbuild" >>"$tmp/c.log" 2>&1; then ok; else
  bad "CMake consumer build"; cat "$tmp/c.log"; fi
for exe in consumer_shared consumer_static; do
  if [ -x "$tmp/cbuild/$exe" ] && LD_LIBRARY_PATH="$prefix/$libdir" "$tmp/cbuild/$exe"; then ok; else
    bad "$exe did not run correctly"; fi
done
# The static one must not need the shared library at run time.
if [ -x "$tmp/cbuild/consumer_static" ] && ! ldd "$tmp/cbuild/consumer_static" | grep -q libmntext; then ok; else
  bad "consumer_static links libmntext dynamically"; fi

# pkg-config consumer.
export PKG_CONFIG_PATH="$prefix/$libdir/pkgconfig"
if cc -o "$tmp/pc_consumer" "$src/tests/install/consumer/consumer.c" \
     $(pkg-config --cflags --libs mntext) 2>"$tmp/pc.log"; then ok; else bad "pkg-config build"; cat "$tmp/pc.log"; fi
if [ -x "$tmp/pc_consumer" ] && LD_LIBRARY_PATH="$prefix/$libdir" "$tmp/pc_consumer"; then ok; else
  bad "pkg-config consumer did not run correctly"; fi
if [ "$(pkg-config --modversion mntext)" = "$(sed -n 's/^#define MNTEXT_VERSION_STRING "\(.*\)"/\1/p' "$prefix/include/mntext_version.h")" ]; then ok; else
  bad "pkg-config version differs from the header"; fi
finish
