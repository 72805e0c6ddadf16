/* libcomet's C API: embed the Comet VM in any program.
 *
 * A comet_vm holds the host functions guests may call (the C library shim
 * is registered by default). A comet_space is one isolated guest address
 * space; loading a module into it makes it runnable. Functions that can
 * fail return 0 on success and -1 on failure; comet_last_error() then says
 * why. Nothing here aborts the host on bad input.
 */
#ifndef COMET_COMET_H
#define COMET_COMET_H

#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define COMET_API __attribute__((visibility("default")))
#else
#define COMET_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef struct comet_vm comet_vm;
typedef struct comet_space comet_space;

typedef enum comet_status {
  COMET_RETURNED = 0, /* the called function returned */
  COMET_EXITED = 1,   /* the guest called exit() */
  COMET_TRAPPED = 2,  /* see comet_trap_info */
  COMET_STOPPED = 3,  /* a breakpoint, or the requested steps ran */
  COMET_ERROR = -1    /* bad use of the API; see comet_last_error */
} comet_status;

typedef struct comet_trap_info {
  const char *kind;     /* "memory fault", "division by zero", ... */
  const char *function; /* where it happened */
  uint32_t pc;          /* instruction index in that function */
  uint64_t address;     /* faulting address, for memory faults */
  const char *message;  /* details, possibly empty */
  int exit_status;      /* what a shell would report: 128 + signal */
} comet_trap_info;

/* A host function: reads its arguments, returns one 64-bit result.
 * `call` is passed back to comet_host_* accessors. */
typedef struct comet_host_call comet_host_call;
typedef uint64_t (*comet_host_fn)(comet_host_call *call, const uint64_t *args,
                                  size_t count, void *user_data);

/* Where guest output goes (stream 1 stdout, 2 stderr); NULL = host's. */
typedef void (*comet_output_fn)(int stream, const char *bytes, size_t size,
                                void *user_data);

COMET_API const char *comet_last_error(void); /* of this host thread */
COMET_API const char *comet_version(void);

COMET_API comet_vm *comet_vm_create(void);
COMET_API void comet_vm_destroy(comet_vm *vm);
COMET_API int comet_vm_register_host(comet_vm *vm, const char *name,
                                     comet_host_fn fn, void *user_data);
COMET_API void comet_vm_set_output(comet_vm *vm, comet_output_fn fn,
                                   void *user_data);

COMET_API comet_space *comet_space_create(comet_vm *vm);
COMET_API void comet_space_destroy(comet_space *space);
/* Limits apply to modules loaded after they are set. */
COMET_API void comet_space_set_memory_limit(comet_space *space, uint64_t bytes);
COMET_API void comet_space_set_step_limit(comet_space *space, uint64_t steps);
/* Load a .cob module (bytes or a file) into the space; once per space. */
COMET_API int comet_space_load(comet_space *space, const void *bytes,
                               size_t size);
COMET_API int comet_space_load_file(comet_space *space, const char *path);

/* Functions: look up by name (-1 if absent), call with arguments. */
COMET_API int64_t comet_function_find(comet_space *space, const char *name);
COMET_API comet_status comet_call(comet_space *space, uint32_t function,
                                  const uint64_t *args, size_t count);
/* Start a call without running it, then run it in pieces. */
COMET_API int comet_start(comet_space *space, uint32_t function,
                          const uint64_t *args, size_t count);
COMET_API comet_status comet_run(comet_space *space, uint64_t max_steps);
COMET_API comet_status comet_step(comet_space *space); /* one instruction */
COMET_API uint64_t comet_result(comet_space *space, size_t index);
COMET_API int comet_exit_code(comet_space *space);
COMET_API uint64_t comet_steps_executed(comet_space *space);
COMET_API int comet_trap(comet_space *space, comet_trap_info *info);

/* Breakpoints by function and instruction index. */
COMET_API int comet_breakpoint_set(comet_space *space, uint32_t function,
                                   uint32_t pc);
COMET_API int comet_breakpoint_clear(comet_space *space, uint32_t function,
                                     uint32_t pc);

/* The paused thread: frame 0 is the innermost. */
COMET_API size_t comet_frame_count(comet_space *space);
COMET_API int comet_frame_location(comet_space *space, size_t frame,
                                   uint32_t *function, uint32_t *pc);
COMET_API int comet_register_read(comet_space *space, size_t frame,
                                  uint32_t reg, uint64_t *value);
COMET_API int comet_register_write(comet_space *space, size_t frame,
                                   uint32_t reg, uint64_t value);

/* Guest memory: fails (without crashing) on unmapped or read-only bytes. */
COMET_API int comet_memory_read(comet_space *space, uint64_t address, void *out,
                                size_t size);
COMET_API int comet_memory_write(comet_space *space, uint64_t address,
                                 const void *in, size_t size);

/* Inside a host function. */
COMET_API comet_space *comet_host_space(comet_host_call *call);

#ifdef __cplusplus
}
#endif

#endif
