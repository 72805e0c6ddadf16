/* Embedding Comet: load a module, register a host function, call guest
 * functions, single-step with a breakpoint, and report a trap.
 *   embed fib.cob */
#include <comet/comet.h>

#include <inttypes.h>
#include <stdio.h>

static uint64_t host_report(comet_host_call *call, const uint64_t *args,
                            size_t count, void *user_data) {
  (void)call;
  int *calls = user_data;
  ++*calls;
  printf("host_report: fib(%" PRIu64 ") = %" PRIu64 " (%zu arguments)\n",
         args[0], args[1], count);
  return 42;
}

static int fail(const char *what) {
  fprintf(stderr, "embed: %s: %s\n", what, comet_last_error());
  return 1;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: embed MODULE.cob\n");
    return 2;
  }
  int calls = 0;
  comet_vm *vm = comet_vm_create();
  if (comet_vm_register_host(vm, "host_report", host_report, &calls) != 0)
    return fail("register");
  comet_space *space = comet_space_create(vm);
  comet_space_set_step_limit(space, 10000000);
  if (comet_space_load_file(space, argv[1]) != 0)
    return fail("load");

  int64_t fib = comet_function_find(space, "fib");
  int64_t report = comet_function_find(space, "report");
  int64_t crash = comet_function_find(space, "crash");
  if (fib < 0 || report < 0 || crash < 0)
    return fail("find");

  uint64_t n = 20;
  if (comet_call(space, (uint32_t)fib, &n, 1) != COMET_RETURNED)
    return fail("call fib");
  printf("fib(20) = %" PRIu64 " in %" PRIu64 " steps\n", comet_result(space, 0),
         comet_steps_executed(space));

  n = 10;
  if (comet_call(space, (uint32_t)report, &n, 1) != COMET_RETURNED)
    return fail("call report");
  printf("report returned %" PRIu64 ", host called %d time(s)\n",
         comet_result(space, 0), calls);

  /* Stop at the addition in fib (instruction 9), look at the frame. */
  comet_breakpoint_set(space, (uint32_t)fib, 9);
  n = 3;
  comet_start(space, (uint32_t)fib, &n, 1);
  if (comet_run(space, UINT64_MAX) != COMET_STOPPED)
    return fail("breakpoint");
  uint32_t function, pc;
  uint64_t a, b;
  comet_frame_location(space, 0, &function, &pc);
  comet_register_read(space, 0, 6, &a); /* %a */
  comet_register_read(space, 0, 8, &b); /* %b */
  printf("stopped in function %u at pc %u with %zu frames: a=%" PRIu64
         " b=%" PRIu64 "\n",
         function, pc, comet_frame_count(space), a, b);
  comet_breakpoint_clear(space, (uint32_t)fib, 9);
  comet_step(space);
  comet_frame_location(space, 0, &function, &pc);
  printf("one step later: pc %u\n", pc);
  if (comet_run(space, UINT64_MAX) != COMET_RETURNED)
    return fail("resume");
  printf("fib(3) = %" PRIu64 "\n", comet_result(space, 0));

  if (comet_call(space, (uint32_t)crash, NULL, 0) != COMET_TRAPPED)
    return fail("crash");
  comet_trap_info trap;
  comet_trap(space, &trap);
  printf("trap: %s in %s at pc %u, address 0x%" PRIx64 ", exit status %d\n",
         trap.kind, trap.function, trap.pc, trap.address, trap.exit_status);

  uint8_t byte;
  if (comet_memory_read(space, 0, &byte, 1) != 0)
    printf("reading address 0 fails: %s\n", comet_last_error());

  comet_space_destroy(space);
  comet_vm_destroy(vm);
  return 0;
}
