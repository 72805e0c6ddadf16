// qsort and bsearch: the comparator is guest code, called back through
// HostCall::callGuest with guest pointers to the two elements.
#include "call_arguments.h"
#include "host_function_groups.h"
#include "libc.h"
#include "sort.h"

#include <algorithm>
#include <vector>

namespace comet {
namespace {

// qsort_r passes its extra argument as the comparator's third.
uint64_t sortGuestArray(HostCall &call, bool withContext) {
  uint64_t base = call.arg(0), count = call.arg(1), size = call.arg(2);
  uint64_t comparator = call.arg(3);
  uint64_t context = withContext ? call.arg(4) : 0;
  if (count <= 1 || size == 0)
    return 0;
  if (count > UINT64_MAX / size)
    throw HostTrap{"qsort: count * size overflows"};
  // The comparator reads the elements where they are, unchanged while the
  // order is worked out; they are moved once at the end.
  std::vector<uint64_t> order = mergeSortOrder(count, [&](uint64_t left,
                                                          uint64_t right) {
    uint64_t leftElement = base + left * size;
    uint64_t rightElement = base + right * size;
    uint64_t result =
        withContext
            ? call.callGuest(comparator, {leftElement, rightElement, context})
            : call.callGuest(comparator, {leftElement, rightElement});
    return static_cast<int32_t>(result);
  });
  std::vector<uint8_t> original(count * size), sorted(count * size);
  call.memory.readOrThrow(base, original.data(), original.size());
  for (uint64_t i = 0; i < count; ++i)
    std::copy_n(original.begin() + order[i] * size, size,
                sorted.begin() + i * size);
  call.memory.writeOrThrow(base, sorted.data(), sorted.size());
  return 0;
}
uint64_t hostQsort(HostCall &call) { return sortGuestArray(call, false); }
uint64_t hostQsortR(HostCall &call) { return sortGuestArray(call, true); }

uint64_t hostBsearch(HostCall &call) {
  uint64_t key = call.arg(0), base = call.arg(1);
  uint64_t count = call.arg(2), size = call.arg(3), comparator = call.arg(4);
  std::optional<uint64_t> found = binarySearch(count, [&](uint64_t index) {
    return static_cast<int32_t>(
        call.callGuest(comparator, {key, base + index * size}));
  });
  return found ? base + *found * size : 0;
}

constexpr HostFunctionEntry sortFunctions[] = {
    {"qsort", hostQsort},
    {"qsort_r", hostQsortR},
    {"bsearch", hostBsearch},
};

} // namespace

std::span<const HostFunctionEntry> sortHostFunctions() { return sortFunctions; }

} // namespace comet
