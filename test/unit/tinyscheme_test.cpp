// The TinyScheme build: Debian's source with our patches, as a library with
// the C API (STANDALONE=0) and the interface table (USE_INTERFACE=1).
#include <gtest/gtest.h>

#include "scheme-private.h"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

class TinySchemeTest : public ::testing::Test {
protected:
  void SetUp() override {
    sc = scheme_init_new();
    ASSERT_NE(sc, nullptr);
    scheme_set_input_port_file(sc, stdin);
    scheme_set_output_port_string(sc, out, out + sizeof out - 1);
    FILE *init = std::fopen(COMET_TINYSCHEME_INIT, "r");
    ASSERT_NE(init, nullptr) << "cannot open " << COMET_TINYSCHEME_INIT;
    scheme_load_named_file(sc, init, COMET_TINYSCHEME_INIT);
    std::fclose(init);
    ASSERT_EQ(sc->retcode, 0) << "init.scm failed: " << output();
  }
  void TearDown() override {
    if (sc) {
      scheme_deinit(sc);
      std::free(sc);
    }
  }

  // Evaluates Scheme text; the value of its last expression is sc->value.
  pointer load(const char *text) {
    scheme_load_string(sc, text);
    EXPECT_EQ(sc->retcode, 0) << text << ": " << output();
    return sc->value;
  }
  long integer(const char *text) {
    pointer p = load(text);
    EXPECT_TRUE(sc->vptr->is_number(p) && sc->vptr->is_integer(p)) << text;
    return sc->vptr->ivalue(p);
  }
  std::string output() const { return out; }
  // The value a global variable is bound to, fetched with scheme_eval.
  pointer global(const char *name) {
    return scheme_eval(sc, sc->vptr->mk_symbol(sc, name));
  }

  scheme *sc = nullptr;
  char out[4096] = {};
};

TEST_F(TinySchemeTest, Arithmetic) { EXPECT_EQ(integer("(+ 1 2)"), 3); }

TEST_F(TinySchemeTest, InitScmIsLoaded) {
  // `unless` and `when` are macros defined by init.scm, not built in.
  EXPECT_EQ(integer("(when (> 2 1) 42)"), 42);
  EXPECT_EQ(integer("(let loop ((i 0)) (if (< i 10) (loop (+ i 1)) i))"), 10);
}

// Debian's 1.42 rejects every exact index ("index must be exact"); our
// patch scheme/patches/0001-exact-index.patch fixes the inverted test.
TEST_F(TinySchemeTest, ExactIndicesAreAccepted) {
  EXPECT_EQ(integer("(vector-ref (vector 1 2 3) 1)"), 2);

  pointer c = load("(string-ref \"abc\" 2)");
  ASSERT_TRUE(sc->vptr->is_character(c));
  EXPECT_EQ(sc->vptr->charvalue(c), 'c');

  EXPECT_EQ(integer("(define v (vector 1 2 3)) (vector-set! v 0 9)"
                    " (vector-ref v 0)"),
            9);
  pointer v = load("v");
  ASSERT_TRUE(sc->vptr->is_vector(v));
  EXPECT_EQ(sc->vptr->ivalue(sc->vptr->vector_elem(v, 0)), 9);
  EXPECT_EQ(sc->vptr->ivalue(sc->vptr->vector_elem(v, 2)), 3);

  pointer s = load("(define s (string #\\a #\\b)) (string-set! s 1 #\\z) s");
  ASSERT_TRUE(sc->vptr->is_string(s));
  EXPECT_STREQ(sc->vptr->string_value(s), "az");
}

TEST_F(TinySchemeTest, InexactAndOutOfRangeIndicesAreErrors) {
  scheme_load_string(sc, "(vector-ref (vector 1 2 3) 1.0)");
  EXPECT_NE(output().find("index must be exact"), std::string::npos)
      << output();
  scheme_load_string(sc, "(string-ref \"abc\" 3)");
  EXPECT_NE(output().find("out of bounds"), std::string::npos) << output();
}

// scheme/patches/0002-load-leaks.patch: a file that (load ...) opened and an
// error stopped is closed when the top-level load returns (the sanitizer
// build reports the leak otherwise, as it did for init.scm's name).
TEST_F(TinySchemeTest, ErrorInsideNestedLoad) {
  const std::string path = ::testing::TempDir() + "tinyscheme_test_bad.scm";
  FILE *f = std::fopen(path.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs("(define before 1)\n(car '())\n(define after 2)\n", f);
  std::fclose(f);
  const std::string command = "(load \"" + path + "\")";
  scheme_load_string(sc, command.c_str());
  EXPECT_NE(sc->retcode, 0);
  // (TinyScheme's line numbers run one ahead here: it says line 3.)
  EXPECT_NE(output().find("(" + path + " : "), std::string::npos) << output();
  EXPECT_NE(output().find("car: argument 1 must be: pair"), std::string::npos)
      << output();
  EXPECT_EQ(sc->file_i, 0);
  EXPECT_EQ(integer("before"), 1);
  EXPECT_EQ(integer("(if (defined? 'after) 1 0)"), 0);
  std::remove(path.c_str());
}

// scheme_eval and scheme_call exist only when built with STANDALONE=0.
// Values held only in C are not garbage-collection roots, so whatever must
// survive a call that allocates is kept reachable from a global variable.
TEST_F(TinySchemeTest, EvalAndCallFromC) {
  load("(define expr (list '+ 40 2))"
       "(define (square x) (* x x))"
       "(define seven (list 7))"
       "(define lambda-expr '(lambda (x) (- x 1)))");
  pointer sum = scheme_eval(sc, global("expr"));
  ASSERT_TRUE(sc->vptr->is_number(sum));
  EXPECT_EQ(sc->vptr->ivalue(sum), 42);

  pointer square = global("square");
  ASSERT_TRUE(sc->vptr->is_closure(square));
  pointer r = scheme_call(sc, square, global("seven"));
  ASSERT_TRUE(sc->vptr->is_number(r));
  EXPECT_EQ(sc->vptr->ivalue(r), 49);

  // A lambda evaluated from C, defined from C, then called from C.
  pointer name = sc->vptr->mk_symbol(sc, "decrement"); // interned: rooted
  pointer closure = scheme_eval(sc, global("lambda-expr"));
  ASSERT_TRUE(sc->vptr->is_closure(closure));
  scheme_define(sc, sc->global_env, name, closure);
  r = scheme_call(sc, global("decrement"), global("seven"));
  EXPECT_EQ(sc->vptr->ivalue(r), 6);
  EXPECT_EQ(integer("(decrement 10)"), 9);

  // Output goes to the string port set up in SetUp.
  load("(display \"hello\") (write #\\c)");
  EXPECT_EQ(output(), "hello#\\c");
}

} // namespace
