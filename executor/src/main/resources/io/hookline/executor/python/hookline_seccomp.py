"""The sandbox's seccomp filter, hand-assembled classic BPF (no libseccomp: nothing to install, and the
program is small enough to read). Written by the Hookline executor; installed by runner.py on every
thread of the dataset's process before any of its code runs, and inherited by everything it starts.

Denied with EPERM: reaching another process (ptrace, process_vm_*, kcmp, pidfd_getfd, ...), changing
namespaces, mounts or the root (unshare, setns, mount and the new mount API, chroot, pivot_root, clone
with a CLONE_NEW* flag), and kernel facilities a dataset never needs (bpf, perf_event_open,
userfaultfd, keyrings, io_uring, modules, kexec, reboot, swap, I/O ports, a non-default personality).
clone3 gets ENOSYS: its flags sit in memory a filter cannot read, and glibc then falls back to clone.
A system call of another architecture (32-bit or x32 on x86_64) kills the process.
"""
import ctypes
import os
import struct

_DENIED = {
    # name: (x86_64, aarch64); None where the architecture has no such call
    "ptrace": (101, 117), "process_vm_readv": (310, 270), "process_vm_writev": (311, 271),
    "process_madvise": (440, 440), "kcmp": (312, 272), "pidfd_getfd": (438, 438),
    "move_pages": (279, 239), "migrate_pages": (256, 238),
    "perf_event_open": (298, 241), "bpf": (321, 280), "userfaultfd": (323, 282),
    "keyctl": (250, 219), "add_key": (248, 217), "request_key": (249, 218),
    "unshare": (272, 97), "setns": (308, 268), "mount": (165, 40), "umount2": (166, 39),
    "pivot_root": (155, 41), "chroot": (161, 51), "move_mount": (429, 429), "open_tree": (428, 428),
    "fsopen": (430, 430), "fsconfig": (431, 431), "fsmount": (432, 432), "fspick": (433, 433),
    "mount_setattr": (442, 442), "name_to_handle_at": (303, 264), "open_by_handle_at": (304, 265),
    "init_module": (175, 105), "finit_module": (313, 273), "delete_module": (176, 106),
    "kexec_load": (246, 104), "kexec_file_load": (320, 294), "reboot": (169, 142),
    "swapon": (167, 224), "swapoff": (168, 225), "acct": (163, 89), "quotactl": (179, 60),
    "quotactl_fd": (443, 443), "syslog": (103, 116), "vhangup": (153, 58), "lookup_dcookie": (212, 18),
    "nfsservctl": (180, 42), "iopl": (172, None), "ioperm": (173, None), "uselib": (134, None),
    "_sysctl": (156, None), "io_uring_setup": (425, 425), "io_uring_enter": (426, 426),
    "io_uring_register": (427, 427),
}
_CLONE, _CLONE3, _PERSONALITY, _SECCOMP = (56, 220), (435, 435), (135, 92), (317, 277)
_ARCH = {"x86_64": (0, 0xC000003E), "aarch64": (1, 0xC00000B7)}

# CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET
_CLONE_NEW = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000
_X32_BIT = 0x40000000

_LD_W_ABS, _JEQ, _JGE, _JSET, _RET = 0x20, 0x15, 0x35, 0x45, 0x06
_ALLOW, _KILL_PROCESS, _ERRNO = 0x7FFF0000, 0x80000000, 0x00050000
_EPERM, _ENOSYS = 1, 38
_NR, _ARCH_OFFSET, _ARG0 = 0, 4, 16  # offsets in struct seccomp_data (arg 0's low half on little-endian)


def _program(machine):
    """The filter as (code, jt, jf, k) with symbolic jump targets, resolved by _assemble."""
    if machine not in _ARCH:
        raise OSError("no seccomp filter for architecture %s" % machine)
    index, arch = _ARCH[machine]
    insns = [(_LD_W_ABS, 0, 0, _ARCH_OFFSET), (_JEQ, "nr", "kill", arch), ("nr",), (_LD_W_ABS, 0, 0, _NR)]
    if machine == "x86_64":
        insns.append((_JGE, "kill", 0, _X32_BIT))
    for numbers in _DENIED.values():
        if numbers[index] is not None:
            insns.append((_JEQ, "eperm", 0, numbers[index]))
    insns += [
        (_JEQ, "enosys", 0, _CLONE3[index]),
        (_JEQ, "clone", 0, _CLONE[index]),
        (_JEQ, "personality", 0, _PERSONALITY[index]),
        (_RET, 0, 0, _ALLOW),
        ("clone",), (_LD_W_ABS, 0, 0, _ARG0), (_JSET, "eperm", "allow", _CLONE_NEW),
        # personality(PER_LINUX) and the query personality(0xffffffff) only: no ADDR_NO_RANDOMIZE and the like
        ("personality",), (_LD_W_ABS, 0, 0, _ARG0), (_JEQ, "allow", 0, 0), (_JEQ, "allow", "eperm", 0xFFFFFFFF),
        ("allow",), (_RET, 0, 0, _ALLOW),
        ("eperm",), (_RET, 0, 0, _ERRNO | _EPERM),
        ("enosys",), (_RET, 0, 0, _ERRNO | _ENOSYS),
        ("kill",), (_RET, 0, 0, _KILL_PROCESS),
    ]
    return insns


def _assemble(insns):
    labels, code = {}, []
    for insn in insns:
        if len(insn) == 1:
            labels[insn[0]] = len(code)
        else:
            code.append(insn)

    def offset(target, at):
        if isinstance(target, int):
            return target
        jump = labels[target] - at - 1
        if not 0 <= jump <= 255:
            raise ValueError("jump out of range")
        return jump

    return b"".join(struct.pack("HBBI", c, offset(jt, i), offset(jf, i), k) for i, (c, jt, jf, k) in enumerate(code))


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


_MACHINE = os.uname().machine
# assembled once: the warm zygote imports this module, so a job only installs it
_PROGRAM = _assemble(_program(_MACHINE)) if _MACHINE in _ARCH else None


def install():
    """No new privileges, then the filter on every thread of this process (SECCOMP_FILTER_FLAG_TSYNC)."""
    if _PROGRAM is None:
        raise OSError("no seccomp filter for architecture %s" % _MACHINE)
    machine, program = _MACHINE, _PROGRAM
    buffer = ctypes.create_string_buffer(program, len(program))
    fprog = _SockFprog(len(program) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(38, 1, 0, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS)")
    seccomp = _SECCOMP[_ARCH[machine][0]]
    libc.syscall.restype = ctypes.c_long
    # SECCOMP_SET_MODE_FILTER = 1, SECCOMP_FILTER_FLAG_TSYNC = 1
    if libc.syscall(ctypes.c_long(seccomp), ctypes.c_ulong(1), ctypes.c_ulong(1), ctypes.byref(fprog)) != 0:
        raise OSError(ctypes.get_errno(), "seccomp(SECCOMP_SET_MODE_FILTER)")
