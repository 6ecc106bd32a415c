/* Test harness only, never shipped: Wine 8 (Debian 12) has no bcryptprimitives.dll, from which
 * Rust's standard library imports ProcessPrng for its random numbers (Windows 10 and later have
 * it). This stand-in, copied into the Wine prefix's system32, forwards to RtlGenRandom
 * (SystemFunction036 in advapi32), which Wine has. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
