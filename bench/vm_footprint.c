/* vm_footprint MODULE.cob: the heap memory one Comet VM and one loaded
 * address space take (malloc's in-use bytes before and after, through the
 * C API), without guest pages and the register stack: the register stack
 * is one large block malloc takes from mmap, which mallinfo2's in-use count
 * leaves out, and guest pages are materialised only when touched (none is
 * touched here: the module is loaded, not run). Prints
 * "vm_bytes N space_bytes N". */
#include "comet/comet.h"

#include <malloc.h>
#include <stdio.h>

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: vm_footprint MODULE.cob\n");
    return 2;
  }
  size_t start = mallinfo2().uordblks;
  comet_vm *vm = comet_vm_create();
  size_t afterVm = mallinfo2().uordblks;
  comet_space *space = comet_space_create(vm);
  if (!vm || !space || comet_space_load_file(space, argv[1]) != 0) {
    fprintf(stderr, "vm_footprint: %s\n", comet_last_error());
    return 1;
  }
  size_t afterSpace = mallinfo2().uordblks;
  printf("vm_bytes %zu space_bytes %zu\n", afterVm - start,
         afterSpace - afterVm);
  comet_space_destroy(space);
  comet_vm_destroy(vm);
  return 0;
}
