// RUN: %difftest %s
// structs_arrays.c — arrays of structs: initialisation, sorting by hand
// (insertion sort on a key), searching, structs containing arrays and
// pointers to other structs, offsetof-free member walking, sizeof checks.
#include <stdio.h>
#include <string.h>

typedef struct Employee {
  char name[16];
  int age;
  double salary;
  struct Employee *manager;
  unsigned char grades[5];
} Employee;

static double average_grade(const Employee *e) {
  int s = 0;
  for (int i = 0; i < 5; i++) s += e->grades[i];
  return s / 5.0;
}

static void print_emp(const Employee *e) {
  printf("%-8s age %2d salary %9.2f avg %.1f boss %s\n", e->name, e->age,
         e->salary, average_grade(e), e->manager ? e->manager->name : "-");
}

int main(void) {
  Employee staff[8] = {
      {"Ada", 36, 9100.50, NULL, {9, 8, 10, 9, 9}},
      {"Brian", 41, 7200.00, NULL, {6, 7, 7, 8, 5}},
      {"Carol", 29, 6800.25, NULL, {8, 8, 8, 8, 8}},
      {"Dennis", 52, 9900.00, NULL, {10, 10, 9, 10, 10}},
      {"Edsger", 45, 8300.75, NULL, {9, 9, 9, 10, 8}},
      {"Fran", 33, 7700.10, NULL, {7, 9, 8, 6, 9}},
      {"Grace", 60, 9900.00, NULL, {10, 9, 10, 10, 9}},
      {"Hopper", 27, 5100.00, NULL, {5, 6, 4, 7, 6}},
  };
  int n = 8;
  for (int i = 0; i < n; i++)
    if (i != 3 && i != 6) staff[i].manager = &staff[i % 2 ? 3 : 6];
  for (int i = 0; i < n; i++) print_emp(&staff[i]);

  // Insertion sort by salary descending, then name ascending.
  Employee *order[8];
  for (int i = 0; i < n; i++) order[i] = &staff[i];
  for (int i = 1; i < n; i++) {
    Employee *key = order[i];
    int j = i - 1;
    while (j >= 0 && (order[j]->salary < key->salary ||
                      (order[j]->salary == key->salary &&
                       strcmp(order[j]->name, key->name) > 0))) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = key;
  }
  puts("-- by salary --");
  for (int i = 0; i < n; i++) print_emp(order[i]);

  // Aggregate per manager.
  for (int m = 0; m < n; m++) {
    int count = 0;
    double total = 0;
    for (int i = 0; i < n; i++)
      if (staff[i].manager == &staff[m]) { count++; total += staff[i].salary; }
    if (count) printf("%s manages %d, payroll %.2f\n", staff[m].name, count, total);
  }

  // Copy an array of structs and modify the copy.
  Employee copy[8];
  memcpy(copy, staff, sizeof staff);
  for (int i = 0; i < n; i++) { copy[i].age += 10; copy[i].grades[i % 5] = 0; }
  printf("orig ages:");
  for (int i = 0; i < n; i++) printf(" %d", staff[i].age);
  printf("\ncopy ages:");
  for (int i = 0; i < n; i++) printf(" %d", copy[i].age);
  printf("\ncopy avg grades:");
  for (int i = 0; i < n; i++) printf(" %.1f", average_grade(&copy[i]));
  putchar('\n');

  struct Cell { short v; char c; } grid[3][4];
  for (int r = 0; r < 3; r++)
    for (int c = 0; c < 4; c++) grid[r][c] = (struct Cell){(short)(r * 10 + c), (char)('A' + r + c)};
  for (int r = 0; r < 3; r++) {
    for (int c = 0; c < 4; c++) printf("%3d%c ", grid[r][c].v, grid[r][c].c);
    putchar('\n');
  }
  printf("sizeof Employee %zu, Cell %zu, grid %zu\n", sizeof(Employee), sizeof(struct Cell), sizeof grid);
  return 0;
}
