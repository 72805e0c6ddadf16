// Where a variadic C function's arguments come from: the host call's own
// argument slots (printf, scanf) or a guest va_list (vprintf, vscanf).
#ifndef COMET_HOST_ARGUMENT_READERS_H
#define COMET_HOST_ARGUMENT_READERS_H

#include "comet/memory.h"

#include <cstddef>
#include <cstdint>
#include <span>

namespace comet {

// Where a variadic function's arguments come from, one at a time.
class ArgumentReader {
public:
  virtual ~ArgumentReader() = default;
  // The next integer or pointer argument, as its 64-bit slot.
  virtual uint64_t nextInteger() = 0;
  // The next floating argument (float arguments arrive promoted).
  virtual double nextDouble() = 0;
};

// The arguments of a host call itself (printf, sprintf...): every argument
// is one 64-bit slot, a double as its bits.
class SlotArgumentReader final : public ArgumentReader {
public:
  explicit SlotArgumentReader(std::span<const uint64_t> slots) : slots(slots) {}
  uint64_t nextInteger() override { return next(); }
  double nextDouble() override;

private:
  uint64_t next();
  std::span<const uint64_t> slots;
  size_t position = 0;
};

// A guest va_list (vprintf...): the x86-64 SysV structure
//   { u32 gp_offset; u32 fp_offset; u64 overflow_arg_area;
//     u64 reg_save_area; }
// read from a copy, so the guest's va_list is left as it was.
class VaListReader final : public ArgumentReader {
public:
  VaListReader(AddressSpace &memory, uint64_t vaListAddress);
  uint64_t nextInteger() override;
  double nextDouble() override;

  static constexpr uint32_t GeneralRegisterArea = 6 * 8;      // rdi..r9
  static constexpr uint32_t VectorRegisterArea = 48 + 8 * 16; // xmm0..7

private:
  AddressSpace &memory;
  uint32_t gpOffset;
  uint32_t fpOffset;
  uint64_t overflowArea;
  uint64_t registerSaveArea;
};

} // namespace comet

#endif
