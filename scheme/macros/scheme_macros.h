// The assembler's macro expander in Scheme (asm/macros.h): every pass over
// a .cas file gets a fresh interpreter with lib/asm-macros.scm loaded, so
// macros see the label addresses of the previous pass and nothing else of
// it.
#ifndef COMET_SCHEME_MACROS_SCHEME_MACROS_H
#define COMET_SCHEME_MACROS_SCHEME_MACROS_H

namespace comet::scheme {

// Makes the assembler expand macros with Scheme (for the whole process).
void installAssemblerMacros();

} // namespace comet::scheme

#endif
