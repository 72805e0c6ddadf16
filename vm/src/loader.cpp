// Loading: place data in the guest address space, link imports against
// the host, and translate every function into its pre-decoded form.
#include "comet/binary.h"
#include "interpreter.h"

#include <algorithm>
#include <numeric>

namespace comet {

namespace {

// The C library's stream variables are host data: an import of one of
// these names resolves to a guest address holding the FILE handle.
constexpr const char *StreamVariables[] = {"stdin", "stdout", "stderr"};

uint64_t alignUp(uint64_t value, uint64_t alignment) {
  return (value + alignment - 1) & ~(alignment - 1);
}

// A call's only result register, or a return's only value register, kept in
// the record itself (see Code) for the return's fast path.
void noteSingleRegister(Code &code, const std::vector<uint32_t> &registers) {
  if (registers.size() == 1) {
    code.c = registers[0];
    code.d = 1;
  }
}

} // namespace

Interpreter::Interpreter(const VM &vm, Module loaded, ProgramOptions opts)
    : module(std::move(loaded)), options(std::move(opts)),
      memory(options.limits.maxMemory) {
  verifyModule(module);
  if (!options.output)
    options.output = [](int stream, std::string_view bytes) {
      std::fwrite(bytes.data(), 1, bytes.size(), stream == 2 ? stderr : stdout);
      if (stream == 2)
        std::fflush(stderr);
    };
  // Host data: the stream variables and the FILE handles they point to.
  memory.map(layout::HostDataBase, layout::PageSize, PermRead | PermWrite,
             "host data");
  for (int fd = 0; fd < 3; ++fd)
    memory.store<uint64_t>(layout::StdStreamVariable(fd),
                           layout::FileHandle(fd));
  memory.protect(layout::HostDataBase, layout::PageSize, PermRead);

  LibcOptions libcOptions;
  libcOptions.deterministicTime = options.deterministicTime;
  libcOptions.input = options.input;
  libc = std::make_unique<Libc>(memory, options.output, libcOptions);

  stackLimit = layout::StackTop - options.limits.stackSize;
  memory.map(stackLimit, options.limits.stackSize, PermRead | PermWrite,
             "stack");
  stackPointer = layout::StackTop;
  stepLimit = options.limits.maxSteps;
  // Not zeroed: untouched pages of a large register stack cost nothing.
  registerStack =
      std::make_unique_for_overwrite<uint64_t[]>(options.limits.registerStack);
  registerStackEnd = registerStack.get() + options.limits.registerStack;

  symbolAddresses.resize(module.functions.size() + module.data.size() +
                         module.imports.size());
  for (size_t i = 0; i < module.functions.size(); ++i)
    symbolAddresses[i] = layout::FunctionBase + i * layout::CodeAddressStride;
  linkImports(vm);
  mapData();
  loadFunctions();
}

void Interpreter::linkImports(const VM &vm) {
  importFunctions.resize(module.imports.size());
  size_t first = module.functions.size() + module.data.size();
  for (size_t i = 0; i < module.imports.size(); ++i) {
    const std::string &name = module.imports[i];
    if (HostFunction host = vm.findHost(name)) {
      importFunctions[i] = host;
      symbolAddresses[first + i] =
          layout::ImportBase + i * layout::CodeAddressStride;
      continue;
    }
    auto stream =
        std::find(std::begin(StreamVariables), std::end(StreamVariables), name);
    if (stream == std::end(StreamVariables))
      throw Error("undefined symbol '" + name +
                  "': no function of the module and no host function has "
                  "this name");
    symbolAddresses[first + i] =
        layout::StdStreamVariable(int(stream - std::begin(StreamVariables)));
  }
}

void Interpreter::mapData() {
  // Writable objects first, then the read-only ones from a page boundary
  // on, so that the read-only pages can lose write permission, as .rodata.
  std::vector<uint64_t> addresses(module.data.size());
  uint64_t end = layout::DataBase;
  uint64_t readOnlyStart = 0;
  for (bool writable : {true, false}) {
    if (!writable)
      readOnlyStart = end = alignUp(end, layout::PageSize);
    for (size_t i = 0; i < module.data.size(); ++i) {
      const DataObject &d = module.data[i];
      if (d.writable != writable)
        continue;
      end = alignUp(end, d.alignment);
      addresses[i] = end;
      end += std::max<uint64_t>(d.size, 1);
    }
  }
  if (readOnlyStart > layout::DataBase)
    memory.map(layout::DataBase, readOnlyStart - layout::DataBase,
               PermRead | PermWrite, "data");
  if (end > readOnlyStart)
    memory.map(readOnlyStart, end - readOnlyStart, PermRead | PermWrite,
               "read-only data");
  for (size_t i = 0; i < module.data.size(); ++i)
    symbolAddresses[module.functions.size() + i] = addresses[i];
  for (size_t i = 0; i < module.data.size(); ++i) {
    const DataObject &d = module.data[i];
    bool ok = memory.write(addresses[i], d.bytes.data(), d.bytes.size());
    for (const Relocation &r : d.relocations) {
      uint64_t value = symbolAddresses[r.symbol] + r.addend -
                       (r.minus ? symbolAddresses[r.minus - 1] : 0);
      ok = ok &&
           (r.size == 8 ? memory.store<uint64_t>(addresses[i] + r.offset, value)
                        : memory.store<uint32_t>(addresses[i] + r.offset,
                                                 uint32_t(value)));
    }
    if (!ok)
      throw Error("data '" + d.name + "' does not fit in the memory limit");
  }
  if (end > readOnlyStart)
    memory.protect(readOnlyStart, end - readOnlyStart, PermRead);
}

void Interpreter::loadFunctions() {
  const void *const *handlers = handlerTable();
  functions.resize(module.functions.size());
  size_t callees = module.functions.size();
  for (size_t f = 0; f < module.functions.size(); ++f) {
    const Function &source = module.functions[f];
    LoadedFunction &loaded = functions[f];
    loaded.index = uint32_t(f);
    loaded.numParams = source.numParams;
    loaded.numRegs = source.numRegs;
    loaded.code.resize(source.code.size());
    std::vector<bool> targets(source.code.size() + 1);
    for (size_t i = 0; i < source.code.size(); ++i) {
      const Instruction &insn = source.code[i];
      Code &code = loaded.code[i];
      code = Code{handlers[unsigned(insn.op)], 0, 0, 0, 0, 0};
      uint32_t *slots[] = {&code.a, &code.b, &code.c, &code.d};
      unsigned slot = 0;
      bool immUsed = false;
      size_t at = 0;
      auto list = [&] {
        std::vector<uint32_t> regs(insn.operands[at]);
        for (uint32_t &r : regs)
          r = uint32_t(insn.operands[++at]);
        ++at;
        return regs;
      };
      CallSite *site = nullptr;
      auto newSite = [&] {
        if (!site) {
          callSites.push_back(std::make_unique<CallSite>());
          site = callSites.back().get();
          code.imm = reinterpret_cast<uint64_t>(site);
          immUsed = true;
        }
        return site;
      };
      for (char kind : opcodeInfo(insn.op).operands) {
        switch (kind) {
        case 'l':
          targets[std::min<size_t>(insn.operands[at], source.code.size())] =
              true;
          [[fallthrough]];
        case 'd':
        case 'r':
        case 'v':
        case 'w':
          *slots[slot++] = uint32_t(insn.operands[at++]);
          break;
        case 'i':
        case 'n':
        case 'x':
        case 'y':
          if (immUsed)
            *slots[slot++] = uint32_t(insn.operands[at++]);
          else
            code.imm = insn.operands[at++];
          immUsed = true;
          break;
        case 's': // an address known now: the instruction becomes li
          code.handler = handlers[unsigned(Opcode::LI)];
          code.imm = symbolAddresses[insn.operands[at++]];
          immUsed = true;
          break;
        case 'c': {
          uint64_t target = insn.operands[at++];
          if (target < callees) {
            newSite()->callee = &functions[target];
            if (insn.op == Opcode::CALL) // slots a and b: the callee
              std::memcpy(&code.a, &site->callee, sizeof site->callee);
          } else
            newSite()->host = importFunctions[target - callees];
          if (target >= callees && !site->host)
            throw Error("function '" + source.name + "' calls '" +
                        module.calleeName(target) +
                        "', which is host data, not a function");
          break;
        }
        case 'D':
          newSite()->results = list();
          noteSingleRegister(code, site->results);
          break;
        case 'R':
          if (insn.op == Opcode::RET) {
            registerLists.push_back(std::make_unique<RegisterList>());
            registerLists.back()->registers = list();
            noteSingleRegister(code, registerLists.back()->registers);
            code.imm = reinterpret_cast<uint64_t>(registerLists.back().get());
          } else {
            newSite()->args = list();
          }
          break;
        case 't': {
          uint64_t n = insn.operands[at++];
          std::vector<std::pair<uint64_t, uint32_t>> cases(n);
          for (auto &[value, target] : cases) {
            value = insn.operands[at++];
            target = uint32_t(insn.operands[at++]);
          }
          // First case wins among duplicates, as in a chain of compares.
          std::stable_sort(cases.begin(), cases.end(),
                           [](auto &x, auto &y) { return x.first < y.first; });
          switchTables.push_back(std::make_unique<SwitchTable>());
          SwitchTable &table = *switchTables.back();
          for (auto &[value, target] : cases) {
            if (!table.values.empty() && table.values.back() == value)
              continue;
            table.values.push_back(value);
            table.targets.push_back(target);
          }
          for (auto &[value, target] : cases)
            targets[std::min<size_t>(target, source.code.size())] = true;
          code.imm = reinterpret_cast<uint64_t>(&table);
          break;
        }
        }
      }
    }
    optimise(loaded, targets);
  }
}

} // namespace comet
