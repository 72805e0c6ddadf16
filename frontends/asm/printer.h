// Pieces of the printer (printer.cpp prints modules and functions).
#ifndef COMET_ASM_PRINTER_H
#define COMET_ASM_PRINTER_H

#include "comet/module.h"

#include <string>

namespace comet::assembly {

// ".data @name ... .end" for one data object of `module`.
std::string printData(const Module &module, const DataObject &object);

} // namespace comet::assembly

#endif
