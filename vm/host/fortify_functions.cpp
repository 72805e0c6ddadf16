// The _FORTIFY_SOURCE entry points (__memcpy_chk, __printf_chk...) that
// glibc's headers call instead of the plain functions when a program is
// built with fortification. Each checks its object size as glibc does and
// then runs the plain function with the extra arguments taken out.
#include "call_arguments.h"
#include "host_function_groups.h"
#include "libc.h"

#include <vector>

namespace comet {
namespace {

[[noreturn]] void bufferOverflow() {
  // glibc's __chk_fail message, then abort.
  throw HostTrap{"*** buffer overflow detected ***: terminated", true};
}

// Calls the plain function name with the arguments at keep, followed by
// every argument from variadicFrom on.
uint64_t forward(HostCall &call, std::span<const HostFunctionEntry> group,
                 std::string_view name, std::initializer_list<unsigned> keep,
                 unsigned variadicFrom) {
  std::vector<uint64_t> args;
  for (unsigned index : keep)
    args.push_back(call.arg(index));
  for (unsigned i = variadicFrom; i < call.count; ++i)
    args.push_back(call.args[i]);
  HostCall plain{call.thread, call.memory, call.libc, args.data(),
                 static_cast<uint32_t>(args.size())};
  return findHostFunction(group, name)(plain);
}

// (dst, src|byte, n, dstlen)
template <const char *Name> uint64_t checkedMemory(HostCall &call) {
  if (call.arg(2) > call.arg(3))
    bufferOverflow();
  return forward(call, stringHostFunctions(), Name, {0, 1, 2}, 4);
}
constexpr char Memcpy[] = "memcpy", Memmove[] = "memmove", Memset[] = "memset",
               Mempcpy[] = "mempcpy";

// (dst, src, dstlen): the copy must fit, terminator included.
template <const char *Name, bool Append>
uint64_t checkedString(HostCall &call) {
  uint64_t needed = call.memory.readString(call.arg(1)).size() + 1;
  if (Append)
    needed += call.memory.readString(call.arg(0)).size();
  if (needed > call.arg(2))
    bufferOverflow();
  return forward(call, stringHostFunctions(), Name, {0, 1}, 3);
}
constexpr char Strcpy[] = "strcpy", Stpcpy[] = "stpcpy", Strcat[] = "strcat";

// __printf_chk(flag, fmt, ...), __vprintf_chk(flag, fmt, ap)
template <const char *Name> uint64_t checkedPrint(HostCall &call) {
  return forward(call, stdioHostFunctions(), Name, {1}, 2);
}
// __fprintf_chk(fp, flag, fmt, ...), __vfprintf_chk(fp, flag, fmt, ap)
template <const char *Name> uint64_t checkedFilePrint(HostCall &call) {
  return forward(call, stdioHostFunctions(), Name, {0, 2}, 3);
}
constexpr char Printf[] = "printf", Vprintf[] = "vprintf",
               Fprintf[] = "fprintf", Vfprintf[] = "vfprintf";

// __snprintf_chk(s, maxlen, flag, slen, fmt, ...) and the va_list form.
template <const char *Name> uint64_t checkedSizedPrint(HostCall &call) {
  if (call.arg(1) > call.arg(3))
    bufferOverflow();
  return forward(call, stdioHostFunctions(), Name, {0, 1, 4}, 5);
}
constexpr char Snprintf[] = "snprintf", Vsnprintf[] = "vsnprintf";

// __sprintf_chk(s, flag, slen, fmt, ...): formatted as snprintf into slen
// bytes; not fitting is an overflow.
template <const char *Name> uint64_t checkedBufferPrint(HostCall &call) {
  uint64_t limit = call.arg(2);
  if (limit == 0)
    bufferOverflow();
  std::vector<uint64_t> args{call.arg(0), limit};
  for (unsigned i = 3; i < call.count; ++i)
    args.push_back(call.args[i]);
  HostCall plain{call.thread, call.memory, call.libc, args.data(),
                 static_cast<uint32_t>(args.size())};
  uint64_t result = findHostFunction(stdioHostFunctions(), Name)(plain);
  if (static_cast<int32_t>(result) >= 0 &&
      static_cast<uint64_t>(static_cast<int32_t>(result)) >= limit)
    bufferOverflow();
  return result;
}

constexpr HostFunctionEntry fortifyFunctions[] = {
    {"__memcpy_chk", checkedMemory<Memcpy>},
    {"__memmove_chk", checkedMemory<Memmove>},
    {"__mempcpy_chk", checkedMemory<Mempcpy>},
    {"__memset_chk", checkedMemory<Memset>},
    {"__strcpy_chk", checkedString<Strcpy, false>},
    {"__stpcpy_chk", checkedString<Stpcpy, false>},
    {"__strcat_chk", checkedString<Strcat, true>},
    {"__printf_chk", checkedPrint<Printf>},
    {"__vprintf_chk", checkedPrint<Vprintf>},
    {"__fprintf_chk", checkedFilePrint<Fprintf>},
    {"__vfprintf_chk", checkedFilePrint<Vfprintf>},
    {"__snprintf_chk", checkedSizedPrint<Snprintf>},
    {"__vsnprintf_chk", checkedSizedPrint<Vsnprintf>},
    {"__sprintf_chk", checkedBufferPrint<Snprintf>},
    {"__vsprintf_chk", checkedBufferPrint<Vsnprintf>},
};

} // namespace

std::span<const HostFunctionEntry> fortifyHostFunctions() {
  return fortifyFunctions;
}

} // namespace comet
