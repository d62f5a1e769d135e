"""A warm Python inside one bubblewrap sandbox that never touches a job's bytes. Written by the
Hookline executor; see the package docs of io.hookline.executor.sandbox for the threat model.

argv: tmp_bytes shm_bytes   (sizes of the per-job /tmp and /dev/shm)

Protocol: one JSON line per job on stdin
  {"code", "data", "env", "timeoutMs", "cap", "limits": [as, nproc, fsize, cpu, nofile], "lib", "socket", "port"}
and one JSON line per result on stdout
  {"exitCode", "stdout", "stderr", "ending", "error", "durationMs"}   (outputs base64)
The executor writes a job only after it has read the previous result.

Three kinds of process, each forked from the one before:
- the zygote: imports and compiles once, then only forks monitors. It never reads stdin, so no job's
  variables, data, code or output ever sit in its heap (and so in the memory of a later fork);
- a monitor, one per job, forked from the clean zygote *before* its job arrives (the namespace set-up is
  off the request's path): its own user, mount, IPC and PID namespaces, a fresh size-limited /tmp and
  /dev/shm; it then reads exactly one job line, tells the zygote it has taken it, and supervises;
- the job: PID 1 of the monitor's new PID namespace, with its own /proc, no capabilities and only its
  output pipes. Killing it empties the namespace; the namespaces and their tmpfs die with the monitor.
"""
import base64
import ctypes
import json
import os
import resource
import select
import signal
import sys
import time
import traceback

# warm the modules datasets use most
import http.client  # noqa: F401
import urllib.request  # noqa: F401
import socket  # noqa: F401
import threading  # noqa: F401

LIB = os.path.dirname(os.path.abspath(__file__))
JOB_DIR = "/tmp/job"
TMP_BYTES, SHM_BYTES = int(sys.argv[1]), int(sys.argv[2])

_libc = ctypes.CDLL(None, use_errno=True)
CLONE_NEWNS, CLONE_NEWIPC, CLONE_NEWUSER, CLONE_NEWPID = 0x20000, 0x08000000, 0x10000000, 0x20000000
MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REC, MS_PRIVATE = 2, 4, 8, 16384, 1 << 18
PR_SET_DUMPABLE = 4


def _check(result, what):
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, "%s: %s" % (what, os.strerror(errno)))


def _mount(source, target, fstype, flags, options):
    _check(_libc.mount(source, target, fstype, flags, options), "mount " + target.decode())


def _dumpable(flag):
    _check(_libc.prctl(PR_SET_DUMPABLE, flag, 0, 0, 0), "prctl(PR_SET_DUMPABLE)")


def _write_all(fd, data):
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


# ---- the monitor: one per job ----------------------------------------------------------------------

def _isolate():
    """New user, mount, IPC and PID namespaces (the PID one for the job we fork), fresh /tmp and /dev/shm."""
    uid, gid = os.getuid(), os.getgid()
    _check(_libc.unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWPID), "unshare")
    _dumpable(1)  # /proc/self/*_map of a non-dumpable process belong to root
    with open("/proc/self/setgroups", "w") as f:
        f.write("deny")
    with open("/proc/self/uid_map", "w") as f:
        f.write("%d %d 1" % (uid, uid))
    with open("/proc/self/gid_map", "w") as f:
        f.write("%d %d 1" % (gid, gid))
    _dumpable(0)
    _mount(None, b"/", None, MS_REC | MS_PRIVATE, None)
    for target, size in ((b"/tmp", TMP_BYTES), (b"/dev/shm", SHM_BYTES)):
        _mount(b"tmpfs", target, b"tmpfs", MS_NOSUID | MS_NODEV, b"size=%d,mode=1777" % size)


def _read_job():
    """Exactly one line from stdin, or None at its end. Nothing after the newline is read."""
    chunks = []
    while True:
        chunk = os.read(0, 1 << 20)
        if not chunk:
            return None
        chunks.append(chunk)
        if chunk.endswith(b"\n"):
            return b"".join(chunks)
        if b"\n" in chunk:
            raise ValueError("the executor wrote more than one job")


def _monitor(status, runner):
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    _isolate()
    os.write(status, b"r")
    line = _read_job()
    if line is None:
        os.write(status, b"e")
        return
    os.write(status, b"t")
    os.close(status)
    devnull = os.open("/dev/null", os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    job = json.loads(line)
    del line
    result = _supervise(job, runner)
    _write_all(1, json.dumps(result).encode("ascii") + b"\n")


def _read(fd, buffers, cap, open_fds):
    """Reads one chunk into the fd's buffer; False when the cap is exceeded."""
    chunk = os.read(fd, 65536)
    if not chunk:
        open_fds.remove(fd)
        return True
    room = cap - len(buffers[fd])
    buffers[fd] += chunk[:max(room, 0)]
    return len(chunk) <= room


def _supervise(job, runner):
    started = time.monotonic()
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(out_r)
            os.close(err_r)
            _job(job, out_w, err_w, runner)
        finally:
            os._exit(70)
    os.close(out_w)
    os.close(err_w)
    pidfd = os.pidfd_open(pid)
    cap = job["cap"]
    deadline = started + job["timeoutMs"] / 1000.0
    buffers = {out_r: bytearray(), err_r: bytearray()}
    open_fds = [out_r, err_r]
    ending = "EXITED"
    exited = False
    while not exited and ending == "EXITED":
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            ending = "TIMED_OUT"
            break
        ready, _, _ = select.select(open_fds + [pidfd], [], [], remaining)
        for fd in ready:
            if fd == pidfd:
                exited = True
            elif not _read(fd, buffers, cap, open_fds):
                ending = "OUTPUT_EXCEEDED"
                break
    if not exited:
        os.kill(pid, signal.SIGKILL)  # PID 1 of the job's namespace: the kernel kills the rest
    _, status = os.waitpid(pid, 0)  # returns once the namespace is empty, daemons included
    os.close(pidfd)
    # what the job wrote before it exited; every writer is gone now, so this ends
    while open_fds and ending == "EXITED":
        for fd in list(open_fds):
            if not _read(fd, buffers, cap, open_fds):
                ending = "OUTPUT_EXCEEDED"
                break
    exit_code = os.waitstatus_to_exitcode(status)
    if exit_code < 0:
        exit_code = 128 - exit_code
    error = None
    try:
        with open(JOB_DIR + "/error", encoding="utf-8", errors="replace") as f:
            error = f.read(4000).strip() or None
    except OSError:
        pass
    return {"exitCode": exit_code, "ending": ending, "error": error,
            "stdout": base64.b64encode(bytes(buffers[out_r])).decode("ascii"),
            "stderr": base64.b64encode(bytes(buffers[err_r])).decode("ascii"),
            "durationMs": int((time.monotonic() - started) * 1000)}


# ---- the job: PID 1 of its own namespace -------------------------------------------------------------

class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def _drop_capabilities():
    # a process that creates a user namespace holds every capability in it; the dataset needs none
    _check(_libc.capset(ctypes.byref(_CapHeader(0x20080522, 0)), (_CapData * 2)()), "capset")


def _job(job, out_w, err_w, runner):
    _mount(b"proc", b"/proc", b"proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, None)
    _drop_capabilities()
    _dumpable(1)  # the job may read its own /proc/self (subprocess, resource reporting)
    os.dup2(out_w, 1)
    os.dup2(err_w, 2)
    os.closerange(3, resource.getrlimit(resource.RLIMIT_NOFILE)[0])
    sys.stdin = open(0, "r", closefd=False)
    sys.stdout = open(1, "w", buffering=1, encoding="utf-8", errors="backslashreplace", closefd=False)
    sys.stderr = open(2, "w", buffering=1, encoding="utf-8", errors="backslashreplace", closefd=False)
    os.makedirs(JOB_DIR, mode=0o700)
    for name, text in (("dataset.py", job["code"]), ("data.json", job["data"]), ("env.json", "{}")):
        with open(os.path.join(JOB_DIR, name), "w", encoding="utf-8") as f:
            f.write(text)
    as_bytes, nproc, fsize, cpu, nofile = job["limits"]
    os.chdir("/tmp")
    os.environ.clear()
    os.environ.update(job["env"])
    sys.argv = [LIB + "/runner.py", JOB_DIR + "/dataset.py", job["lib"], JOB_DIR + "/error", JOB_DIR + "/env.json",
                job["socket"], str(job["port"]), str(as_bytes), str(nproc), str(fsize), str(cpu), str(nofile)]
    del job
    # the runner applies the limits and the seccomp filter, starts the write-back forwarder and runs the dataset
    exec(runner, {"__name__": "__hookline_runner__", "__builtins__": __builtins__})
    os._exit(0)


# ---- the zygote ------------------------------------------------------------------------------------------

def _await(status):
    """What a monitor reported: b"r" (ready), b"t" (took its job), b"e" (stdin ended) or b"" (it died)."""
    try:
        return os.read(status, 1)
    except OSError:
        return b""


def main():
    _dumpable(0)
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # monitors are reaped by the kernel
    with open(LIB + "/runner.py", encoding="utf-8") as f:
        runner = compile(f.read(), LIB + "/runner.py", "exec")
    announced = False
    while True:
        status_r, status_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                os.close(status_r)
                _monitor(status_w, runner)
            except BaseException:
                traceback.print_exc()
                code = 70
            finally:
                os._exit(code)
        os.close(status_w)
        report = _await(status_r)
        if report == b"r" and not announced:
            _write_all(1, b'{"ready": true}\n')
            announced = True
        if report == b"r":
            report = _await(status_r)
        os.close(status_r)
        if report != b"t":
            # stdin ended (the executor is gone) or a monitor could not isolate itself: the executor replaces us
            sys.exit(0 if report == b"e" else 70)


main()
