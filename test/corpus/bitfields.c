// RUN: %difftest %s
// bitfields.c — signed and unsigned bitfields of odd widths (1, 3, 5, 17,
// 31), wrap-around on assignment to unsigned fields, sign extension of signed
// fields, fields straddling storage units, bitfield arithmetic and
// increments, and a packed hardware-register style struct.
#include <stdio.h>
#include <string.h>

struct Odd {
  unsigned u3 : 3;
  signed s3 : 3;
  unsigned u17 : 17;
  signed s17 : 17;
  unsigned u31 : 31;
  signed s31 : 31;
  unsigned flag : 1;
  signed s5 : 5;
};

struct Reg {
  unsigned enable : 1;
  unsigned mode : 2;
  unsigned : 3;
  unsigned prescale : 10;
  unsigned count : 16;
};

static unsigned reg_pack(struct Reg r) {
  return r.enable | (r.mode << 1) | (r.prescale << 6) | ((unsigned)r.count << 16);
}

static void show(const char *what, const struct Odd *o) {
  printf("%-8s u3=%u s3=%d u17=%u s17=%d u31=%u s31=%d flag=%u s5=%d\n", what,
         o->u3, o->s3, o->u17, o->s17, o->u31, o->s31, o->flag, o->s5);
}

int main(void) {
  struct Odd o;
  memset(&o, 0, sizeof o);
  show("zero", &o);
  o.u3 = 7; o.s3 = 3; o.u17 = 131071; o.s17 = 65535; o.u31 = 2147483647u; o.s31 = 1073741823;
  o.flag = 1; o.s5 = 15;
  show("max", &o);
  o.s3 = -4; o.s17 = -65536; o.s31 = -1073741824; o.s5 = -16;
  show("min", &o);

  // Unsigned fields wrap modulo 2^width on assignment.
  for (unsigned v = 5; v < 12; v++) {
    o.u3 = v & 7u;
    o.u17 = (v * 40000u) & 0x1ffffu;
    printf("v=%2u u3=%u u17=%u\n", v, o.u3, o.u17);
  }
  // Increment past the top of an unsigned field.
  o.u3 = 0;
  for (int i = 0; i < 10; i++) { printf("%u ", o.u3); o.u3++; }
  putchar('\n');
  // Signed fields: sums computed in int then stored in range.
  o.s5 = 0;
  for (int i = 0; i < 8; i++) {
    int next = o.s5 + 5;
    if (next > 15) next -= 32;
    o.s5 = next;
    printf("%d ", o.s5);
  }
  putchar('\n');
  // Arithmetic on fields promotes to int.
  o.u17 = 100000; o.s17 = -50000; o.u3 = 6; o.s3 = -3;
  long prod = (long)o.u17 * o.s17;
  printf("prod=%ld sum=%d mix=%d cmp=%d\n", prod, o.u3 + o.s3, o.s3 * o.u3, o.s3 < (int)o.u3);
  printf("u31*2=%u\n", o.u31 * 2u);

  struct Reg r = {1, 2, 513, 4660};
  printf("reg packed %08x\n", reg_pack(r));
  for (int i = 0; i < 5; i++) {
    r.mode++;
    r.prescale = (r.prescale * 3u) & 0x3ffu;
    r.count = (r.count + 30000u) & 0xffffu;
    r.enable = !r.enable;
    printf("reg %d: en=%u mode=%u pre=%u count=%u packed=%08x\n", i, r.enable, r.mode,
           r.prescale, r.count, reg_pack(r));
  }
  printf("sizeof Odd=%zu Reg=%zu\n", sizeof(struct Odd), sizeof(struct Reg));

  struct Odd arr[4];
  for (int i = 0; i < 4; i++) {
    arr[i].u3 = (unsigned)i * 3u & 7u;
    arr[i].s3 = (i % 2) ? -i : i;
    arr[i].u17 = (unsigned)i * 50000u & 0x1ffffu;
    arr[i].s17 = -i * 30000;
    arr[i].u31 = 0x7fffffffu - (unsigned)i;
    arr[i].s31 = i * -500000000;
    arr[i].flag = (unsigned)i & 1u;
    arr[i].s5 = (i * 7) % 16 - 8;
  }
  for (int i = 0; i < 4; i++) show("arr", &arr[i]);
  return 0;
}
