// The C++ wrapper around TinyScheme (scheme/runtime): errors as messages,
// output capture, recovery from an exhausted heap, primitives, handles and
// the 64-bit integer operations.
#include <gtest/gtest.h>

#include "runtime/handles.h"
#include "runtime/interpreter.h"

#include <cstdio>
#include <string>

using namespace comet::scheme;

namespace {

class SchemeRuntimeTest : public ::testing::Test {
protected:
  SchemeRuntimeTest()
      : scheme([this](std::string_view text) { output += text; }) {
    defineNumberPrimitives(scheme);
  }

  // Evaluates text that must succeed; its value as `write` shows it.
  std::string eval(const std::string &text) {
    Outcome outcome = scheme.evaluate(text);
    EXPECT_TRUE(outcome.ok) << text << ": " << outcome.error;
    return writeValue(outcome.value);
  }
  // Evaluates text that must fail; the error message.
  std::string error(const std::string &text) {
    Outcome outcome = scheme.evaluate(text);
    EXPECT_FALSE(outcome.ok) << text << " did not fail";
    return outcome.error;
  }

  std::string output;
  Interpreter scheme;
};

TEST_F(SchemeRuntimeTest, EvaluatesAndReturnsTheLastValue) {
  EXPECT_EQ(eval("(define x 20) (+ x 22)"), "42");
  EXPECT_EQ(eval("(list 1 \"two\" 'three #\\a 2.5 #t)"),
            "(1 \"two\" three #\\a 2.5 #t)");
  EXPECT_EQ(eval("(cons 1 2)"), "(1 . 2)");
  // init.scm is loaded (when is one of its macros).
  EXPECT_EQ(eval("(when #t 'yes)"), "yes");
}

TEST_F(SchemeRuntimeTest, ErrorsBecomeMessages) {
  EXPECT_EQ(error("(car '())"), "car: argument 1 must be: pair");
  EXPECT_EQ(error("(undefined-thing 1)"),
            "eval: unbound variable: undefined-thing");
  EXPECT_EQ(error("(error \"bad value:\" 42 'x)"), "bad value: 42 x");
  EXPECT_EQ(error("(throw \"thrown\")"), "thrown");
  EXPECT_NE(error("(+ 1").find("incomplete"), std::string::npos);
  EXPECT_NE(error("\"abc").find("incomplete"), std::string::npos);
  EXPECT_EQ(error("(display 5))"), "syntax error: illegal token");
  // The interpreter is usable after each of them, and definitions made
  // before the error in the same text stay.
  EXPECT_EQ(error("(define kept 1) (car 5) (define lost 2)"),
            "car: argument 1 must be: pair");
  EXPECT_EQ(eval("kept"), "1");
  EXPECT_EQ(eval("(defined? 'lost)"), "#f");
}

TEST_F(SchemeRuntimeTest, CatchStillWorksAndKeepsTheMessage) {
  EXPECT_EQ(eval("(catch 'caught (car '()))"), "caught");
  EXPECT_EQ(eval("(error-message)"), "\"car: argument 1 must be: pair\"");
  EXPECT_EQ(eval("(call-with-error-handler (lambda () (error \"oops\" 1))"
                 " (lambda (message) (string-append \"handled: \" message)))"),
            "\"handled: oops 1\"");
  EXPECT_EQ(eval("(call-with-error-handler (lambda () 5) (lambda (m) 0))"),
            "5");
  // A catch left open by an evaluation that ended inside it does not
  // catch later errors.
  // (Inside catch, `exit` names catch's own continuation.)
  EXPECT_TRUE(scheme.evaluate("(define (leave) (exit 0)) (catch 1 (leave))")
                  .exitRequested);
  EXPECT_EQ(error("(car 1)"), "car: argument 1 must be: pair");
}

TEST_F(SchemeRuntimeTest, OutputIsCapturedWithoutTruncation) {
  eval("(display \"hello\") (write #\\c) (newline)");
  EXPECT_EQ(output, "hello#\\c\n");
  output.clear();
  // Far more than any fixed-size string port would hold.
  eval("(let loop ((i 0)) (if (< i 5000) (begin (display"
       " \"0123456789012345678901234567890123456789\") (loop (+ i 1)))))");
  EXPECT_EQ(output.size(), 200000u);
  output.clear();
  eval("(define p (open-output-string)) (write 'sym p) (display"
       " (get-output-string p))");
  EXPECT_EQ(output, "sym");
}

TEST_F(SchemeRuntimeTest, ExitIsRequestedNotPerformed) {
  Outcome outcome = scheme.evaluate("(display 1) (exit 3) (display 2)");
  EXPECT_TRUE(outcome.exitRequested);
  EXPECT_EQ(outcome.exitCode, 3);
  EXPECT_EQ(output, "1");
  EXPECT_EQ(eval("(+ 1 1)"), "2");
}

TEST_F(SchemeRuntimeTest, ExhaustedHeapIsAnErrorAndRecovers) {
  std::string message =
      error("(define (deep n) (+ 1 (deep (+ n 1)))) (deep 0)");
  EXPECT_NE(message.find("Scheme heap exhausted"), std::string::npos)
      << message;
  // Usable again, and again after a second exhaustion.
  EXPECT_EQ(eval("(+ 1 2)"), "3");
  EXPECT_NE(error("(deep 0)").find("heap exhausted"), std::string::npos);
  EXPECT_EQ(eval("(length (iota 1000))"), "1000");
  // Nothing of the abandoned evaluations is left: the heap has room again.
  EXPECT_EQ(eval("(length (iota 100000))"), "100000");
}

TEST_F(SchemeRuntimeTest, HeapHoldsRealScripts) {
  // Ten times the recursion depth and list length of TinyScheme's default
  // heap.
  EXPECT_EQ(eval("(define (count n) (if (= n 0) 0 (+ 1 (count (- n 1)))))"
                 " (count 50000)"),
            "50000");
  EXPECT_EQ(eval("(length (iota 100000))"), "100000");
}

// Debian's reader buffer (STRBUFFSIZE 256) made any longer string literal
// "Error reading string"; the build raises it (tinyscheme.cmake).
TEST_F(SchemeRuntimeTest, LongStringLiterals) {
  std::string text(3000, 'a');
  EXPECT_EQ(eval("(string-length \"" + text + "\")"), "3000");
}

TEST_F(SchemeRuntimeTest, PrimitivesTakeAndReturnValues) {
  scheme.define("sum-and-name", [](const Arguments &args) {
    args.expectCount(2, 2);
    return Value::list({Value::integerOf(args.integer(0) + 1),
                        Value::string("name:" + args.text(1)),
                        Value::symbol("MixedCase")});
  });
  EXPECT_EQ(eval("(sum-and-name 41 'x)"), "(42 \"name:x\" MixedCase)");
  EXPECT_EQ(eval("(symbol->string (caddr (sum-and-name 1 \"y\")))"),
            "\"MixedCase\"");
  // A primitive returning a large structure: built without the collector
  // freeing parts of it half-way.
  scheme.define("big-list", [](const Arguments &args) {
    std::vector<Value> items;
    for (int64_t i = 0; i < args.integer(0); ++i)
      items.push_back(Value::list({Value::integerOf(i), Value::string("s")}));
    return Value::list(std::move(items));
  });
  EXPECT_EQ(eval("(let loop ((i 0) (total 0)) (if (= i 10) total"
                 " (loop (+ i 1) (+ total (length (big-list 20000))))))"),
            "200000");
  EXPECT_EQ(eval("(void? (void))"), "#t");
}

TEST_F(SchemeRuntimeTest, PrimitiveErrorsCarryTheirMessage) {
  scheme.define("fails", [](const Arguments &args) -> Value {
    args.fail("the reason is " + std::to_string(args.integer(0)));
  });
  EXPECT_EQ(error("(fails 7)"), "fails: the reason is 7");
  EXPECT_EQ(error("(fails 'x)"), "fails: argument 1 must be an integer, got x");
  // Caught like any Scheme error, with the message kept.
  EXPECT_EQ(eval("(catch 'caught (fails 1))"), "caught");
  EXPECT_EQ(eval("(error-message)"), "\"fails: the reason is 1\"");
  EXPECT_EQ(
      eval("(call-with-error-handler (lambda () (fails 2)) (lambda (m) m))"),
      "\"fails: the reason is 2\"");
}

TEST_F(SchemeRuntimeTest, BitwiseOperationsOn64Bits) {
  EXPECT_EQ(eval("(bitwise-and #xff00 #x0ff0)"), "3840");
  EXPECT_EQ(eval("(bitwise-or 1 2 4)"), "7");
  EXPECT_EQ(eval("(bitwise-xor 5 3)"), "6");
  EXPECT_EQ(eval("(bitwise-not 0)"), "-1");
  EXPECT_EQ(eval("(arithmetic-shift 1 63)"), "-9223372036854775808");
  EXPECT_EQ(eval("(arithmetic-shift -16 -2)"), "-4");
  EXPECT_EQ(eval("(shift-right -1 60)"), "15");
  EXPECT_EQ(eval("(shift-left 3 4)"), "48");
  EXPECT_EQ(eval("(sign-extend 255 8)"), "-1");
  EXPECT_EQ(eval("(truncate-bits -1 12)"), "4095");
  EXPECT_EQ(eval("(bit-count -1)"), "64");
  EXPECT_EQ(eval("(unsigned<? 1 -1)"), "#t");
  EXPECT_EQ(eval("(number->hex -1)"), "\"0xffffffffffffffff\"");
  EXPECT_EQ(eval("(number->hex 10 16)"), "\"0x000a\"");
  EXPECT_EQ(eval("(number->unsigned -1)"), "\"18446744073709551615\"");
  EXPECT_EQ(eval("(string->integer \"0xffffffffffffffff\")"), "-1");
  EXPECT_EQ(eval("(string->integer \"-12\")"), "-12");
  EXPECT_EQ(eval("(string->integer \"0b101\")"), "5");
  EXPECT_EQ(eval("(string->integer \"zz\")"), "#f");
  EXPECT_EQ(eval("(bits->double (double->bits 1.5))"), "1.5");
  EXPECT_EQ(eval("(float->bits 1.0)"), "1065353216");
  EXPECT_EQ(error("(sign-extend 1 65)"),
            "sign-extend: bit width must be 1..64, got 65");
}

TEST(SchemeHandles, StaleHandlesAreRejected) {
  HandleTable<std::string> table;
  int64_t a = table.add("a");
  int64_t b = table.add("b");
  EXPECT_NE(a, b);
  ASSERT_NE(table.find(a), nullptr);
  EXPECT_EQ(*table.find(a), "a");
  table.remove(a);
  EXPECT_EQ(table.find(a), nullptr);
  // The slot is reused, but the old handle still does not reach it.
  int64_t c = table.add("c");
  EXPECT_NE(c, a);
  EXPECT_EQ(table.find(a), nullptr);
  EXPECT_EQ(*table.find(c), "c");
  EXPECT_EQ(table.find(0), nullptr);
  EXPECT_EQ(table.find(-5), nullptr);
  EXPECT_EQ(table.find(int64_t(1) << 40), nullptr);
  EXPECT_EQ(*table.find(b), "b");
}

} // namespace
