// TinyScheme's private header, for the few files that touch cells. It
// defines function-like macros with common names (cons, immutable_cons)
// that would break C++ code including it later: they are removed here and
// the interface table (sc->vptr) is used instead.
#ifndef COMET_SCHEME_RUNTIME_TINYSCHEME_H
#define COMET_SCHEME_RUNTIME_TINYSCHEME_H

#include "scheme-private.h"

#undef cons
#undef immutable_cons

#endif
