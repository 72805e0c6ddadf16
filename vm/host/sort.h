// The orders of qsort and bsearch, apart from guest memory so they can be
// tested with any comparison. Both make exactly glibc's comparisons in
// glibc's order, so a comparator with side effects behaves as natively.
#ifndef COMET_HOST_SORT_H
#define COMET_HOST_SORT_H

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace comet {

// Compares elements by index: negative, zero or positive like strcmp.
using IndexComparison = std::function<int(uint64_t left, uint64_t right)>;

// A stable merge sort of count elements, top-down with the first half the
// smaller, as glibc's msort: returns the element indices in sorted order.
std::vector<uint64_t> mergeSortOrder(uint64_t count,
                                     const IndexComparison &compare);

// glibc's bsearch: the index of an element that compareWithKey (key
// against the element at an index) finds equal, or nothing.
std::optional<uint64_t>
binarySearch(uint64_t count,
             const std::function<int(uint64_t index)> &compareWithKey);

} // namespace comet

#endif
