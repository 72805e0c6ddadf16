# The Comet lit suite: what a user sees, checked with FileCheck.
import os

import lit.formats

config.name = "Comet"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".cas", ".test"]
config.excludes = ["unit", "Inputs", "CMakeLists.txt"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.comet_obj_root, "test")

# comet-vm, FileCheck, not, count and split-file on PATH; nothing else of
# the host environment leaks into the tests.
path = os.pathsep.join(
    [config.comet_tools_dir, config.llvm_tools_dir, config.environment["PATH"]]
)
config.environment["PATH"] = path
config.substitutions.append(("%python", config.python))
config.substitutions.append(("%comet-src", config.comet_src_root))
config.substitutions.append(("%comet-build", config.comet_obj_root))
