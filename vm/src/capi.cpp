// The C API over the C++ classes: handles own their objects, every entry
// point catches, errors are kept per host thread.
#include "comet/binary.h"
#include "comet/comet.h"
#include "comet/vm.h"
#include "interpreter.h"

#include <fstream>
#include <iterator>
#include <memory>
#include <string>

namespace {

thread_local std::string lastError;

struct RegisteredHost {
  comet_host_fn fn;
  void *userData;
};

} // namespace

struct comet_vm {
  comet::VM vm;
  comet_output_fn output = nullptr;
  void *outputData = nullptr;
  std::map<std::string, RegisteredHost> hosts;
};

struct comet_space {
  comet_vm *vm;
  comet::ProgramOptions options;
  std::unique_ptr<comet::Program> program;
  std::vector<std::string> trapStrings; // keeps comet_trap_info's text alive
};

// Host functions registered through the C API all go through this one
// trampoline, which finds the embedder's function by the import's name.
struct comet_host_call {
  comet::HostCall *call;
  comet_space *space;
};

namespace {

thread_local comet_space *currentSpace = nullptr;

int fail(const std::string &message) {
  lastError = message;
  return -1;
}

template <class F> int guarded(F &&body) {
  try {
    return body();
  } catch (const std::exception &e) {
    return fail(e.what());
  }
}

comet_status toStatus(comet::RunStatus status) {
  switch (status) {
  case comet::RunStatus::Returned:
    return COMET_RETURNED;
  case comet::RunStatus::Exited:
    return COMET_EXITED;
  case comet::RunStatus::Trapped:
    return COMET_TRAPPED;
  case comet::RunStatus::Stopped:
    return COMET_STOPPED;
  }
  return COMET_ERROR;
}

bool loaded(comet_space *space) {
  if (space && space->program)
    return true;
  fail("no module is loaded in this space");
  return false;
}

} // namespace

extern "C" {

const char *comet_last_error(void) { return lastError.c_str(); }
const char *comet_version(void) { return "0.1"; }

comet_vm *comet_vm_create(void) {
  try {
    return new comet_vm();
  } catch (const std::exception &e) {
    fail(e.what());
    return nullptr;
  }
}

void comet_vm_destroy(comet_vm *vm) { delete vm; }

int comet_vm_register_host(comet_vm *vm, const char *name, comet_host_fn fn,
                           void *user_data) {
  if (!vm || !name || !fn)
    return fail("comet_vm_register_host: null argument");
  return guarded([&] {
    vm->hosts[name] = RegisteredHost{fn, user_data};
    // The interpreter calls a plain function pointer; this one looks up
    // the embedder's function by the import being called.
    vm->vm.registerHost(name, [](comet::HostCall &call) -> uint64_t {
      comet_space *space = currentSpace;
      const comet::Interpreter &in = call.thread;
      const comet::ActiveFrame &top = in.frames.back();
      const comet::Instruction &insn =
          in.module.functions[top.function]
              .code[top.pc - in.functions[top.function].code.data()];
      // Only direct calls name their callee; CALL is "DcR", TCALL "cR".
      std::string name;
      if (insn.op == comet::Opcode::CALL)
        name = in.module.calleeName(insn.operands[insn.operands[0] + 1]);
      else if (insn.op == comet::Opcode::TCALL)
        name = in.module.calleeName(insn.operands[0]);
      auto it = space->vm->hosts.find(name);
      if (it == space->vm->hosts.end())
        throw comet::HostTrap{"host function '" + name +
                              "' is only callable directly"};
      comet_host_call handle{&call, space};
      return it->second.fn(&handle, call.args, call.count, it->second.userData);
    });
    return 0;
  });
}

void comet_vm_set_output(comet_vm *vm, comet_output_fn fn, void *user_data) {
  if (!vm)
    return;
  vm->output = fn;
  vm->outputData = user_data;
}

comet_space *comet_space_create(comet_vm *vm) {
  if (!vm) {
    fail("comet_space_create: null vm");
    return nullptr;
  }
  auto *space = new comet_space{vm, {}, nullptr, {}};
  if (vm->output) {
    comet_output_fn fn = vm->output;
    void *data = vm->outputData;
    space->options.output = [fn, data](int stream, std::string_view bytes) {
      fn(stream, bytes.data(), bytes.size(), data);
    };
  }
  return space;
}

void comet_space_destroy(comet_space *space) { delete space; }

void comet_space_set_memory_limit(comet_space *space, uint64_t bytes) {
  if (space)
    space->options.limits.maxMemory = bytes;
}

void comet_space_set_step_limit(comet_space *space, uint64_t steps) {
  if (!space)
    return;
  space->options.limits.maxSteps = steps;
  if (space->program)
    space->program->setStepLimit(steps);
}

int comet_space_load(comet_space *space, const void *bytes, size_t size) {
  if (!space || (!bytes && size))
    return fail("comet_space_load: null argument");
  if (space->program)
    return fail("a module is already loaded in this space");
  return guarded([&] {
    auto *begin = static_cast<const uint8_t *>(bytes);
    comet::Module module = comet::decodeModule({begin, size});
    space->program = std::make_unique<comet::Program>(
        space->vm->vm, std::move(module), space->options);
    return 0;
  });
}

int comet_space_load_file(comet_space *space, const char *path) {
  if (!space || !path)
    return fail("comet_space_load_file: null argument");
  std::ifstream file(path, std::ios::binary);
  if (!file)
    return fail(std::string("cannot open '") + path + "'");
  std::vector<char> bytes((std::istreambuf_iterator<char>(file)),
                          std::istreambuf_iterator<char>());
  if (comet_space_load(space, bytes.data(), bytes.size()) != 0)
    return fail(std::string(path) + ": " + lastError);
  return 0;
}

int64_t comet_function_find(comet_space *space, const char *name) {
  if (!loaded(space) || !name)
    return -1;
  auto index = space->program->findFunction(name);
  if (!index)
    fail(std::string("no function '") + name + "'");
  return index ? int64_t(*index) : -1;
}

int comet_start(comet_space *space, uint32_t function, const uint64_t *args,
                size_t count) {
  if (!loaded(space))
    return -1;
  return guarded([&] {
    space->program->start(function, {args, count});
    return 0;
  });
}

comet_status comet_run(comet_space *space, uint64_t max_steps) {
  if (!loaded(space))
    return COMET_ERROR;
  comet_space *outer = currentSpace;
  currentSpace = space;
  comet_status status = COMET_ERROR;
  try {
    status = toStatus(space->program->run(max_steps));
  } catch (const std::exception &e) {
    fail(e.what());
  }
  space->program->flushOutput();
  currentSpace = outer;
  return status;
}

comet_status comet_call(comet_space *space, uint32_t function,
                        const uint64_t *args, size_t count) {
  if (comet_start(space, function, args, count) != 0)
    return COMET_ERROR;
  return comet_run(space, UINT64_MAX);
}

comet_status comet_step(comet_space *space) { return comet_run(space, 1); }

uint64_t comet_result(comet_space *space, size_t index) {
  if (!loaded(space))
    return 0;
  const auto &results = space->program->results();
  return index < results.size() ? results[index] : 0;
}

int comet_exit_code(comet_space *space) {
  return loaded(space) ? space->program->exitCode() : -1;
}

uint64_t comet_steps_executed(comet_space *space) {
  return loaded(space) ? space->program->stepsExecuted() : 0;
}

int comet_trap(comet_space *space, comet_trap_info *info) {
  if (!loaded(space) || !info)
    return -1;
  const comet::TrapInfo &trap = space->program->trap();
  if (trap.kind == comet::TrapKind::None)
    return fail("no trap");
  const auto &functions = space->program->module().functions;
  space->trapStrings = {functions[trap.function].name, trap.message};
  info->kind = comet::trapKindName(trap.kind);
  info->function = space->trapStrings[0].c_str();
  info->pc = trap.pc;
  info->address = trap.address;
  info->message = space->trapStrings[1].c_str();
  info->exit_status = comet::trapExitStatus(trap.kind);
  return 0;
}

int comet_breakpoint_set(comet_space *space, uint32_t function, uint32_t pc) {
  if (!loaded(space))
    return -1;
  return guarded([&] {
    space->program->setBreakpoint(function, pc);
    return 0;
  });
}

int comet_breakpoint_clear(comet_space *space, uint32_t function, uint32_t pc) {
  if (!loaded(space))
    return -1;
  space->program->clearBreakpoint(function, pc);
  return 0;
}

size_t comet_frame_count(comet_space *space) {
  return loaded(space) ? space->program->frames().size() : 0;
}

namespace {
const comet::Frame *frameAt(comet_space *space, size_t frame,
                            std::vector<comet::Frame> &frames) {
  if (!loaded(space))
    return nullptr;
  frames = space->program->frames();
  if (frame >= frames.size()) {
    fail("no frame " + std::to_string(frame));
    return nullptr;
  }
  return &frames[frames.size() - 1 - frame];
}
} // namespace

int comet_frame_location(comet_space *space, size_t frame, uint32_t *function,
                         uint32_t *pc) {
  std::vector<comet::Frame> frames;
  const comet::Frame *f = frameAt(space, frame, frames);
  if (!f)
    return -1;
  if (function)
    *function = f->function;
  if (pc)
    *pc = f->pc;
  return 0;
}

int comet_register_read(comet_space *space, size_t frame, uint32_t reg,
                        uint64_t *value) {
  std::vector<comet::Frame> frames;
  const comet::Frame *f = frameAt(space, frame, frames);
  if (!f || !value)
    return -1;
  if (reg >= space->program->module().functions[f->function].numRegs)
    return fail("no register r" + std::to_string(reg));
  *value = f->registers[reg];
  return 0;
}

int comet_register_write(comet_space *space, size_t frame, uint32_t reg,
                         uint64_t value) {
  std::vector<comet::Frame> frames;
  const comet::Frame *f = frameAt(space, frame, frames);
  if (!f)
    return -1;
  if (reg == 0 ||
      reg >= space->program->module().functions[f->function].numRegs)
    return fail("register r" + std::to_string(reg) + " cannot be written");
  f->registers[reg] = value;
  return 0;
}

int comet_memory_read(comet_space *space, uint64_t address, void *out,
                      size_t size) {
  if (!loaded(space))
    return -1;
  if (!space->program->memory().read(address, out, size))
    return fail("cannot read guest address " + std::to_string(address));
  return 0;
}

int comet_memory_write(comet_space *space, uint64_t address, const void *in,
                       size_t size) {
  if (!loaded(space))
    return -1;
  if (!space->program->memory().write(address, in, size))
    return fail("cannot write guest address " + std::to_string(address));
  return 0;
}

comet_space *comet_host_space(comet_host_call *call) {
  return call ? call->space : nullptr;
}

} // extern "C"
