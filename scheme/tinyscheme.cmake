# TinyScheme, from Debian's source package `tinyscheme`, which
# utils/setup.sh downloads, unpacks and patches into the build tree
# (<build>/_deps/tinyscheme). Never copied into this repository.
#
# Gives: the static library target `tinyscheme` and the variable
# COMET_TINYSCHEME_INIT (path of its init.scm, copied into the build tree).

set(COMET_TINYSCHEME_SOURCE_DIR "" CACHE PATH
    "Unpacked and patched TinyScheme source (utils/setup.sh sets it)")
if(NOT COMET_TINYSCHEME_SOURCE_DIR
   AND EXISTS ${CMAKE_BINARY_DIR}/_deps/tinyscheme/scheme.c)
  set(COMET_TINYSCHEME_SOURCE_DIR ${CMAKE_BINARY_DIR}/_deps/tinyscheme
      CACHE PATH "Unpacked and patched TinyScheme source" FORCE)
endif()
if(NOT COMET_TINYSCHEME_SOURCE_DIR
   OR NOT EXISTS ${COMET_TINYSCHEME_SOURCE_DIR}/scheme.c)
  message(FATAL_ERROR
    "TinyScheme source not found (COMET_TINYSCHEME_SOURCE_DIR="
    "'${COMET_TINYSCHEME_SOURCE_DIR}'). Run utils/setup.sh, which fetches "
    "Debian's tinyscheme source package, patches it and configures this "
    "build with -DCOMET_TINYSCHEME_SOURCE_DIR=<build>/_deps/tinyscheme.")
endif()

add_library(tinyscheme STATIC ${COMET_TINYSCHEME_SOURCE_DIR}/scheme.c)
set_target_properties(tinyscheme PROPERTIES LINKER_LANGUAGE C
                      POSITION_INDEPENDENT_CODE ON)
# Every file that includes scheme-private.h must see the same defines, or
# struct scheme changes layout under it: hence PUBLIC.
#   STANDALONE=0    keeps scheme_eval/scheme_call/scheme_apply0, drops main()
#   USE_INTERFACE=1 the sc->vptr function table
#   USE_DL=0        no load-extension (dynload.c not built, no -ldl)
#   USE_MATH=1      exp, log, sin, sqrt, expt, floor, round... (needs -lm)
#   USE_PLIST=1, USE_ASCII_NAMES=0  as in Debian's own build of the package
#   The heap (cells of 24 bytes; the Scheme call stack lives there too):
#   segments of 100000 cells, 2 allocated at start (4.8 MB), at most 16
#   (38 MB: ~60000 nested non-tail calls, lists of ~500000 elements).
#   Debian's default of 10 x 5000 cells runs out at ~5000-deep recursion.
#   patches/0003-heap.patch keeps collections linear as the heap grows and
#   fails fast when it is full.
#   STRBUFFSIZE=4096: the reader's buffer, which bounds string literals and
#   symbols (Debian's 256 makes a longer literal "Error reading string").
target_compile_definitions(tinyscheme PUBLIC
  STANDALONE=0 USE_INTERFACE=1 USE_DL=0 USE_MATH=1 USE_PLIST=1
  USE_ASCII_NAMES=0 CELL_SEGSIZE=100000 FIRST_CELLSEGS=2 CELL_NSEGMENT=16
  STRBUFFSIZE=4096)
# SYSTEM: its headers' warnings are not ours to fix, nor its sources'.
target_include_directories(tinyscheme SYSTEM PUBLIC ${COMET_TINYSCHEME_SOURCE_DIR})
target_compile_options(tinyscheme PRIVATE -w)
target_link_libraries(tinyscheme PUBLIC m)

# init.scm (the standard macros and helpers TinyScheme expects to load
# first), next to the rest of the build's Scheme files.
configure_file(${COMET_TINYSCHEME_SOURCE_DIR}/init.scm
               ${CMAKE_BINARY_DIR}/scheme/init.scm COPYONLY)
set(COMET_TINYSCHEME_INIT ${CMAKE_BINARY_DIR}/scheme/init.scm CACHE INTERNAL
    "TinyScheme's init.scm in the build tree")
