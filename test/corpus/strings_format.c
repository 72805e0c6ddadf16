// RUN: %difftest %s
// strings_format.c — sprintf and snprintf: return values, truncation,
// width/precision/flags (%-*s %+d %05d %x %#o %c %%), building strings in
// pieces, snprintf(NULL, 0) for sizing.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
  char buf[128];
  int n = sprintf(buf, "%d-%s-%c-%x-%X-%o", 42, "str", 'Z', 255, 48879, 8);
  printf("[%s] n=%d\n", buf, n);

  n = sprintf(buf, "|%5d|%-5d|%05d|%+d|% d|%+d|", 42, 42, 42, 42, 42, -42);
  printf("%s n=%d\n", buf, n);
  n = sprintf(buf, "|%#x|%#o|%#X|%x|", 255u, 8u, 3054u, 0u);
  printf("%s n=%d\n", buf, n);
  n = sprintf(buf, "|%10s|%-10s|%.3s|%*s|%-*s|", "right", "left", "truncate", 6,
              "w", 6, "w");
  printf("%s n=%d\n", buf, n);
  n = sprintf(buf, "|%ld|%lu|%lld|%llx|%hd|%hhu|", -1234567890123L,
              18446744073709551615UL, -9223372036854775807LL - 1,
              0xdeadbeefcafeULL, (short)-3, (unsigned char)250);
  printf("%s n=%d\n", buf, n);
  n = sprintf(buf, "100%% %c%c%c", 'a', 'b', 'c');
  printf("%s n=%d\n", buf, n);

  char small[10];
  for (size_t cap = 1; cap <= 10; cap += 3) {
    int r = snprintf(small, cap, "abcdefghijklmnop");
    printf("snprintf cap %zu -> %d [%s]\n", cap, r, small);
  }
  int need = snprintf(NULL, 0, "%s=%d;%s=%d", "width", 640, "height", 480);
  char *dyn = malloc((size_t)need + 1);
  snprintf(dyn, (size_t)need + 1, "%s=%d;%s=%d", "width", 640, "height", 480);
  printf("needed %d: %s (%zu)\n", need, dyn, strlen(dyn));
  free(dyn);

  // Build a table piece by piece with a moving cursor.
  char table[512];
  size_t off = 0;
  for (int i = 1; i <= 6; i++) {
    off += (size_t)snprintf(table + off, sizeof table - off,
                            "%2d | %4d | %6d | %08x\n", i, i * i, i * i * i,
                            (unsigned)(i * 0x1234567));
  }
  fputs(table, stdout);
  printf("table length %zu\n", off);

  // Number to string round trip in several bases.
  unsigned vals[] = {0, 1, 7, 255, 4096, 65535, 123456789, 4294967295u};
  for (unsigned i = 0; i < 8; i++) {
    char dec[16], hex[16], oct[16];
    sprintf(dec, "%u", vals[i]);
    sprintf(hex, "%x", vals[i]);
    sprintf(oct, "%o", vals[i]);
    printf("%-10s %-8s %-11s back=%lu\n", dec, hex, oct,
           strtoul(hex, NULL, 16) + strtoul(oct, NULL, 8) - vals[i]);
  }
  printf("%s\n", "");
  printf("%5.2s|%-5.1s|\n", "xyz", "xyz");
  return 0;
}
