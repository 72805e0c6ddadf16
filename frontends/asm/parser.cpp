#include "asm/assembly.h"
