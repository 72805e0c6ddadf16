// Unified diffs of IR texts (Myers' O(ND) algorithm on lines).
#include "phases/phases.h"

#include <algorithm>
#include <sstream>

namespace comet::phases {

namespace {

std::vector<std::string> splitLines(const std::string &text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

enum class Edit { Keep, Remove, Add };

// The shortest edit script turning a into b.
std::vector<Edit> shortestEdit(const std::vector<std::string> &a,
                               const std::vector<std::string> &b) {
  long n = long(a.size()), m = long(b.size()), max = n + m;
  std::vector<long> v(2 * max + 2, 0);
  std::vector<std::vector<long>> trace;
  long found = -1;
  for (long d = 0; d <= max && found < 0; ++d) {
    trace.push_back(v);
    for (long k = -d; k <= d; k += 2) {
      long x = (k == -d || (k != d && v[max + k - 1] < v[max + k + 1]))
                   ? v[max + k + 1]
                   : v[max + k - 1] + 1;
      long y = x - k;
      while (x < n && y < m && a[x] == b[y])
        ++x, ++y;
      v[max + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  std::vector<Edit> edits;
  long x = n, y = m;
  for (long d = found; d > 0; --d) {
    const std::vector<long> &before = trace[d];
    long k = x - y;
    long previousK =
        (k == -d || (k != d && before[max + k - 1] < before[max + k + 1]))
            ? k + 1
            : k - 1;
    long previousX = before[max + previousK], previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      edits.push_back(Edit::Keep);
      --x, --y;
    }
    edits.push_back(x == previousX ? Edit::Add : Edit::Remove);
    x = previousX;
    y = previousY;
  }
  while (x > 0 && y > 0) {
    edits.push_back(Edit::Keep);
    --x, --y;
  }
  std::reverse(edits.begin(), edits.end());
  return edits;
}

} // namespace

std::string unifiedDiff(const std::string &before, const std::string &after,
                        const std::string &beforeLabel,
                        const std::string &afterLabel, unsigned context) {
  std::vector<std::string> a = splitLines(before), b = splitLines(after);
  std::vector<Edit> edits = shortestEdit(a, b);
  // Positions in a and b before each edit.
  std::vector<std::pair<size_t, size_t>> at;
  size_t i = 0, j = 0;
  for (Edit edit : edits) {
    at.emplace_back(i, j);
    if (edit != Edit::Add)
      ++i;
    if (edit != Edit::Remove)
      ++j;
  }
  // Runs of changes, merged when fewer than 2 * context lines separate
  // them; each becomes a hunk with `context` lines around it.
  std::vector<std::pair<size_t, size_t>> hunks;
  for (size_t e = 0; e < edits.size();) {
    if (edits[e] == Edit::Keep) {
      ++e;
      continue;
    }
    size_t end = e;
    while (end < edits.size() && edits[end] != Edit::Keep)
      ++end;
    if (!hunks.empty() && e - hunks.back().second <= 2 * context)
      hunks.back().second = end;
    else
      hunks.emplace_back(e, end);
    e = end;
  }
  std::string out = "--- " + beforeLabel + "\n+++ " + afterLabel + "\n";
  for (auto [first, last] : hunks) {
    size_t start = first >= context ? first - context : 0;
    size_t end = std::min(edits.size(), last + context);
    size_t aCount = 0, bCount = 0;
    std::string body;
    for (size_t k = start; k < end; ++k) {
      auto [ai, bi] = at[k];
      switch (edits[k]) {
      case Edit::Keep:
        body += " " + a[ai] + "\n";
        ++aCount, ++bCount;
        break;
      case Edit::Remove:
        body += "-" + a[ai] + "\n";
        ++aCount;
        break;
      case Edit::Add:
        body += "+" + b[bi] + "\n";
        ++bCount;
        break;
      }
    }
    out += "@@ -" + std::to_string(at[start].first + (aCount ? 1 : 0)) + "," +
           std::to_string(aCount) + " +" +
           std::to_string(at[start].second + (bCount ? 1 : 0)) + "," +
           std::to_string(bCount) + " @@\n" + body;
  }
  return out;
}

} // namespace comet::phases
