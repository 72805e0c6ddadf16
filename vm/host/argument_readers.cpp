#include "argument_readers.h"

#include "comet/host.h"

#include <bit>

namespace comet {

uint64_t SlotArgumentReader::next() {
  if (position >= slots.size())
    throw HostTrap{"the format needs more arguments than were passed"};
  return slots[position++];
}

double SlotArgumentReader::nextDouble() {
  return std::bit_cast<double>(next());
}

VaListReader::VaListReader(AddressSpace &memory, uint64_t vaListAddress)
    : memory(memory), gpOffset(memory.loadOrThrow<uint32_t>(vaListAddress)),
      fpOffset(memory.loadOrThrow<uint32_t>(vaListAddress + 4)),
      overflowArea(memory.loadOrThrow<uint64_t>(vaListAddress + 8)),
      registerSaveArea(memory.loadOrThrow<uint64_t>(vaListAddress + 16)) {}

uint64_t VaListReader::nextInteger() {
  if (gpOffset < GeneralRegisterArea) {
    uint64_t value = memory.loadOrThrow<uint64_t>(registerSaveArea + gpOffset);
    gpOffset += 8;
    return value;
  }
  uint64_t value = memory.loadOrThrow<uint64_t>(overflowArea);
  overflowArea += 8;
  return value;
}

double VaListReader::nextDouble() {
  if (fpOffset < VectorRegisterArea) {
    double value = memory.loadOrThrow<double>(registerSaveArea + fpOffset);
    fpOffset += 16;
    return value;
  }
  double value = memory.loadOrThrow<double>(overflowArea);
  overflowArea += 8;
  return value;
}

} // namespace comet
