// Objects owned by C++ that Scheme refers to by integer handles. Scheme
// never holds a pointer, so nothing dangles and nothing needs protecting
// from TinyScheme's collector: a handle to a removed object is simply not
// found (each slot counts its reuses, and the count is part of the handle).
#ifndef COMET_SCHEME_RUNTIME_HANDLES_H
#define COMET_SCHEME_RUNTIME_HANDLES_H

#include <cstdint>
#include <optional>
#include <vector>

namespace comet::scheme {

template <class T> class HandleTable {
public:
  int64_t add(T value) {
    uint32_t index;
    if (!free_.empty()) {
      index = free_.back();
      free_.pop_back();
    } else {
      index = uint32_t(slots_.size());
      slots_.push_back({});
    }
    slots_[index].value = std::move(value);
    return handleOf(index);
  }

  // The object, or null for a handle never issued or already removed.
  T *find(int64_t handle) {
    if (handle <= 0)
      return nullptr;
    uint64_t index = (uint64_t(handle) & IndexMask) - 1;
    uint64_t generation = uint64_t(handle) >> IndexBits;
    if (index >= slots_.size() || slots_[index].generation != generation ||
        !slots_[index].value)
      return nullptr;
    return &*slots_[index].value;
  }

  void remove(int64_t handle) {
    if (!find(handle))
      return;
    uint32_t index = uint32_t((uint64_t(handle) & IndexMask) - 1);
    slots_[index].value.reset();
    ++slots_[index].generation;
    free_.push_back(index);
  }

  // Handles of every live object, in slot order.
  std::vector<int64_t> handles() const {
    std::vector<int64_t> result;
    for (size_t i = 0; i < slots_.size(); ++i)
      if (slots_[i].value)
        result.push_back(handleOf(uint32_t(i)));
    return result;
  }

private:
  static constexpr unsigned IndexBits = 24;
  static constexpr uint64_t IndexMask = (uint64_t(1) << IndexBits) - 1;

  struct Slot {
    std::optional<T> value;
    uint32_t generation = 0;
  };

  int64_t handleOf(uint32_t index) const {
    return int64_t((uint64_t(slots_[index].generation) << IndexBits) |
                   (index + 1));
  }

  std::vector<Slot> slots_;
  std::vector<uint32_t> free_;
};

} // namespace comet::scheme

#endif
