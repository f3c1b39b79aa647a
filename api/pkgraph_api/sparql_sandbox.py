"""A seccomp filter that leaves a query worker unable to open network connections.

pyoxigraph evaluates ``SERVICE`` by making the HTTP request itself, and Python cannot hook
that (the Rust code calls ``socket``/``connect`` directly). The query guard refuses SERVICE on
the parsed query; this filter makes the refusal hold even if a query ever got past the guard:
after :func:`deny_network`, ``socket()`` for anything but ``AF_UNIX`` and every ``connect()``
fail with ``EACCES`` in this process and in every thread it starts later. The worker's pipe
to the server exists before the filter is installed, so it keeps working.
"""

from __future__ import annotations

import ctypes
import errno
import platform
import sys

_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000 | errno.EACCES
_AF_UNIX = 1
_X32_SYSCALL_BIT = 0x40000000

# BPF opcodes: load a 32-bit word of struct seccomp_data, compare-and-jump, return.
_LOAD = 0x20
_JEQ = 0x15
_JGE = 0x35
_RET = 0x06
_NR, _ARCH, _ARG0 = 0, 4, 16  # offsets in struct seccomp_data

#: machine -> (AUDIT_ARCH_*, socket syscall number, connect syscall number)
_ARCHES = {
    "x86_64": (0xC000003E, 41, 42),
    "aarch64": (0xC00000B7, 198, 203),
}


class _SockFilter(ctypes.Structure):
    _fields_ = (
        ("code", ctypes.c_ushort),
        ("jt", ctypes.c_ubyte),
        ("jf", ctypes.c_ubyte),
        ("k", ctypes.c_uint),
    )


class _SockFprog(ctypes.Structure):
    _fields_ = (("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_SockFilter)))


def _program(arch: int, socket_nr: int, connect_nr: int) -> list[tuple[int, int, int, int]]:
    """Deny other ABIs, x32 calls, connect() and non-AF_UNIX socket(); allow the rest."""
    return [
        (_LOAD, 0, 0, _ARCH),
        (_JEQ, 1, 0, arch),  # same ABI: go on; any other ABI (i386, x32): deny
        (_RET, 0, 0, _RET_ERRNO),
        (_LOAD, 0, 0, _NR),
        (_JGE, 5, 0, _X32_SYSCALL_BIT),  # -> deny
        (_JEQ, 4, 0, connect_nr),  # -> deny
        (_JEQ, 1, 0, socket_nr),  # -> check the address family
        (_RET, 0, 0, _RET_ALLOW),
        (_LOAD, 0, 0, _ARG0),
        (_JEQ, 1, 0, _AF_UNIX),  # -> allow
        (_RET, 0, 0, _RET_ERRNO),
        (_RET, 0, 0, _RET_ALLOW),
    ]


def deny_network() -> str | None:
    """Install the filter in this process; the reason it could not be installed, or None."""
    machine = platform.machine()
    if not sys.platform.startswith("linux") or machine not in _ARCHES:
        return f"no seccomp filter for {sys.platform}/{machine}"
    instructions = _program(*_ARCHES[machine])
    filters = (_SockFilter * len(instructions))(*(_SockFilter(*i) for i in instructions))
    program = _SockFprog(len(instructions), filters)
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return f"prctl(PR_SET_NO_NEW_PRIVS) failed: {errno.errorcode[ctypes.get_errno()]}"
    if libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(program), 0, 0) != 0:
        return f"prctl(PR_SET_SECCOMP) failed: {errno.errorcode[ctypes.get_errno()]}"
    return None
