#include <stddef.h>
#include <stdint.h>

// libFuzzer's driver, for an executable whose `main` is SwiftPM's (it links
// executables with main = <Target>_main, so libFuzzer's own main is not used).
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));
