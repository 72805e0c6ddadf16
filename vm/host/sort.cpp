#include "sort.h"

namespace comet {

// Sorts order[first, first + count) with scratch as merge space.
static void mergeSort(std::vector<uint64_t> &order,
                      std::vector<uint64_t> &scratch, uint64_t first,
                      uint64_t count, const IndexComparison &compare) {
  if (count <= 1)
    return;
  uint64_t leftCount = count / 2, rightCount = count - leftCount;
  uint64_t left = first, right = first + leftCount;
  mergeSort(order, scratch, left, leftCount, compare);
  mergeSort(order, scratch, right, rightCount, compare);
  uint64_t out = 0;
  // Ties take the left element first: that keeps the sort stable.
  while (leftCount > 0 && rightCount > 0) {
    if (compare(order[left], order[right]) <= 0) {
      scratch[out++] = order[left++];
      --leftCount;
    } else {
      scratch[out++] = order[right++];
      --rightCount;
    }
  }
  while (leftCount > 0) {
    scratch[out++] = order[left++];
    --leftCount;
  }
  // What remains on the right is already in place.
  for (uint64_t i = 0; i < out; ++i)
    order[first + i] = scratch[i];
}

std::vector<uint64_t> mergeSortOrder(uint64_t count,
                                     const IndexComparison &compare) {
  std::vector<uint64_t> order(count), scratch(count);
  for (uint64_t i = 0; i < count; ++i)
    order[i] = i;
  mergeSort(order, scratch, 0, count, compare);
  return order;
}

std::optional<uint64_t>
binarySearch(uint64_t count,
             const std::function<int(uint64_t index)> &compareWithKey) {
  uint64_t low = 0, high = count;
  while (low < high) {
    uint64_t middle = (low + high) / 2;
    int comparison = compareWithKey(middle);
    if (comparison < 0)
      high = middle;
    else if (comparison > 0)
      low = middle + 1;
    else
      return middle;
  }
  return std::nullopt;
}

} // namespace comet
