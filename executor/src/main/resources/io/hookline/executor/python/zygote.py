"""A warm Python inside one bubblewrap sandbox whose heap never holds a byte of any job. Written by the
Hookline executor; see the package docs of io.hookline.executor.sandbox for the threat model.

argv: tmp_bytes shm_bytes   (sizes of each job's /tmp and /dev/shm)

Protocol. In, one JSON line per job on stdin:
  {"code", "data", "env", "timeoutMs", "cap", "limits": [as, nproc, fsize, cpu, nofile], "lib", "socket", "port"}
The executor writes a job only after it has read the previous result. Out, on stdout: {"ready": true}
once, then per job any number of frames "O <n>\\n" / "E <n>\\n" / "X <n>\\n" each followed by n raw bytes
(stdout, stderr, the Python error line) and one closing line "R {"exitCode", "ending", "durationMs"}".

Each job is cloned from the zygote, before its request arrives, straight into new user, mount, IPC and
PID namespaces (os.fork cannot; one clone costs what the fork per job always cost). The job is PID 1 of
its namespace, mounts its own /tmp, /dev/shm and /proc, drops the capabilities the user namespace gave
it and every descriptor but stdin and its pipes, then reads exactly one request line itself, closes
stdin and runs it. The zygote learns only the job's timeout and output cap. It relays the job's output
through one fixed buffer, zeroed after every job, so no job's variables, data, code or output ever
become an object in its heap, and so in the memory of a later clone (what leaked before: the old zygote
parsed every job). Killing the job's PID 1 empties its namespace, daemons included; its files and IPC
objects die with its namespaces.
"""
import ctypes
import json
import os
import resource
import select
import signal
import sys
import threading
import time
import traceback

# warm the modules datasets use most
import http.client  # noqa: F401
import urllib.request  # noqa: F401
import socket  # noqa: F401

LIB = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, LIB)
import hookline_seccomp  # noqa: E402,F401  (the filter is assembled once, here, not in every job)

JOB_DIR = "/tmp/job"
TMP_BYTES, SHM_BYTES = int(sys.argv[1]), int(sys.argv[2])
ERROR_CAP = 16000
CHUNK = 65536

_libc = ctypes.CDLL(None, use_errno=True)
_held_gil = ctypes.PyDLL(None, use_errno=True)  # clone must run with the GIL held, as os.fork does
_held_gil.syscall.restype = ctypes.c_long
_libc.pthread_self.restype = ctypes.c_ulong
_SYS_CLONE = {"x86_64": 56, "aarch64": 220}[os.uname().machine]
CLONE_NEWNS, CLONE_NEWIPC, CLONE_NEWUSER, CLONE_NEWPID, SIGCHLD = 0x20000, 0x08000000, 0x10000000, 0x20000000, 17
MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REC, MS_PRIVATE = 2, 4, 8, 16384, 1 << 18
PR_SET_DUMPABLE = 4

_BUFFER = bytearray(CHUNK)
_VIEW = memoryview(_BUFFER)
_BUFFER_ADDRESS = ctypes.addressof((ctypes.c_char * CHUNK).from_buffer(_BUFFER))


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


def _tid_offset():
    """Where glibc keeps the calling thread's tid in its descriptor: a raw clone leaves the parent's there
    (glibc's own fork sets it), which raise() and pthread_kill() would then signal. Found by looking for
    our tid, and confirmed in a forked child; None (the field is then left alone) if not found once."""
    def candidates():
        ints = (ctypes.c_int * 256).from_address(_libc.pthread_self())
        tid = threading.get_native_id()
        return [i for i in range(256) if ints[i] == tid]
    found = candidates()
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.write(w, json.dumps([i for i in candidates() if i in found]).encode())
        os._exit(0)
    os.close(w)
    confirmed = json.loads(os.read(r, 4096) or b"[]")
    os.close(r)
    os.waitpid(pid, 0)
    return confirmed[0] * 4 if len(confirmed) == 1 else None


# ---- the job: PID 1 of its own namespaces ------------------------------------------------------------

class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def _isolate(uid, gid):
    _dumpable(1)  # /proc/self/*_map of a non-dumpable process belong to root
    for name, text in (("setgroups", "deny"), ("uid_map", "%d %d 1" % (uid, uid)), ("gid_map", "%d %d 1" % (gid, gid))):
        with open("/proc/self/" + name, "w") as f:
            f.write(text)
    _mount(None, b"/", None, MS_REC | MS_PRIVATE, None)
    for target, size in ((b"/tmp", TMP_BYTES), (b"/dev/shm", SHM_BYTES)):
        _mount(b"tmpfs", target, b"tmpfs", MS_NOSUID | MS_NODEV, b"size=%d,mode=1777" % size)
    _mount(b"proc", b"/proc", b"proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, None)
    # the new user namespace gave us every capability in it; the dataset needs none
    _check(_libc.capset(ctypes.byref(_CapHeader(0x20080522, 0)), (_CapData * 2)()), "capset")


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


def _job(uid, gid, pipes, runner):
    out_w, err_w, error_w, control_w = pipes
    _isolate(uid, gid)
    os.dup2(out_w, 1)  # and so let go of the protocol's output
    os.dup2(err_w, 2)
    os.dup2(error_w, 3)
    os.dup2(control_w, 4)
    os.closerange(5, resource.getrlimit(resource.RLIMIT_NOFILE)[0])
    os.write(4, b"r")
    line = _read_job()
    if line is None:
        os.write(4, b"e")
        os._exit(0)
    devnull = os.open("/dev/null", os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    try:
        job = json.loads(line)
        del line
        os.write(4, b"t%d %d\n" % (job["timeoutMs"], job["cap"]))
    except Exception:
        os.write(4, b"f")
        raise
    os.close(4)
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
    sys.argv = [LIB + "/runner.py", JOB_DIR + "/dataset.py", job["lib"], "/proc/self/fd/3", JOB_DIR + "/env.json",
                job["socket"], str(job["port"]), str(as_bytes), str(nproc), str(fsize), str(cpu), str(nofile)]
    del job
    _dumpable(1)  # the job may read its own /proc/self (subprocess, resource reporting)
    # the runner applies the limits and the seccomp filter, starts the write-back forwarder and runs the dataset
    exec(runner, {"__name__": "__hookline_runner__", "__builtins__": __builtins__})
    os._exit(0)


# ---- the zygote --------------------------------------------------------------------------------------------

class _Job:
    """A cloned job as the zygote sees it: its pid and the read ends of its pipes."""

    def __init__(self, runner, tid_offset):
        uid, gid = os.getuid(), os.getgid()
        pipes = [os.pipe() for _ in range(4)]
        ctypes.pythonapi.PyOS_BeforeFork()
        pid = _held_gil.syscall(ctypes.c_long(_SYS_CLONE),
                                ctypes.c_ulong(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWPID | SIGCHLD), 0, 0, 0, 0)
        if pid == 0:
            ctypes.pythonapi.PyOS_AfterFork_Child()
            try:
                if tid_offset is not None:
                    ctypes.c_int.from_address(_libc.pthread_self() + tid_offset).value = 1
                for r, _ in pipes:
                    os.close(r)
                _job(uid, gid, [w for _, w in pipes], runner)
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(70)
        ctypes.pythonapi.PyOS_AfterFork_Parent()
        for _, w in pipes:
            os.close(w)
        if pid < 0:
            raise OSError(ctypes.get_errno(), "clone: " + os.strerror(ctypes.get_errno()))
        self.pid = pid
        self.out, self.err, self.error, self.control = (r for r, _ in pipes)

    def report(self):
        """r (ready), e (stdin ended), f (took its line, could not start it), t<timeout> <cap> (took it), or b"" (died)."""
        first = os.read(self.control, 1)
        if first != b"t":
            return first, None
        rest = b""
        while not rest.endswith(b"\n"):
            chunk = os.read(self.control, 64)
            if not chunk:
                return b"", None
            rest += chunk
        timeout_ms, cap = (int(v) for v in rest.split())
        return first, (timeout_ms, cap)

    def close(self):
        for fd in (self.out, self.err, self.error, self.control):
            try:
                os.close(fd)
            except OSError:
                pass


def _relay(fd, tag, counts, caps, open_fds):
    """One chunk of a job's pipe into a frame on stdout, through the fixed buffer; False when over its cap."""
    n = os.readv(fd, [_VIEW])
    if n == 0:
        open_fds.remove(fd)
        return True
    keep = max(0, min(n, caps[fd] - counts[fd]))
    if keep:
        _write_all(1, b"%s %d\n" % (tag, keep))
        _write_all(1, _VIEW[:keep])
    counts[fd] += n
    return counts[fd] <= caps[fd] or tag == b"X"


def _supervise(job, started, timeout_ms, cap):
    tags = {job.out: b"O", job.err: b"E", job.error: b"X"}
    caps = {job.out: cap, job.err: cap, job.error: ERROR_CAP}
    counts = dict.fromkeys(tags, 0)
    open_fds = list(tags)
    pidfd = os.pidfd_open(job.pid)
    deadline = started + timeout_ms / 1000.0
    ending, exited = "EXITED", False
    while not exited and ending == "EXITED":
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            ending = "TIMED_OUT"
            break
        for fd in select.select(open_fds + [pidfd], [], [], remaining)[0]:
            if fd == pidfd:
                exited = True
            elif not _relay(fd, tags[fd], counts, caps, open_fds):
                ending = "OUTPUT_EXCEEDED"
                break
    if not exited:
        os.kill(job.pid, signal.SIGKILL)  # PID 1 of the job's namespace: the kernel kills the rest
    _, status = os.waitpid(job.pid, 0)  # returns once the namespace is empty, daemons included
    os.close(pidfd)
    # what the job wrote before it exited; every writer is gone now, so this ends
    while open_fds and ending == "EXITED":
        for fd in list(open_fds):
            if not _relay(fd, tags[fd], counts, caps, open_fds):
                ending = "OUTPUT_EXCEEDED"
                break
    job.close()
    ctypes.memset(_BUFFER_ADDRESS, 0, CHUNK)  # the next clone inherits this buffer
    exit_code = os.waitstatus_to_exitcode(status)
    if exit_code < 0:
        exit_code = 128 - exit_code
    return {"exitCode": exit_code, "ending": ending, "durationMs": int((time.monotonic() - started) * 1000)}


def _answer(result):
    _write_all(1, b"R " + json.dumps(result).encode("ascii") + b"\n")


def main():
    _dumpable(0)
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    with open(LIB + "/runner.py", encoding="utf-8") as f:
        runner = compile(f.read(), LIB + "/runner.py", "exec")
    tid_offset = _tid_offset()
    job = _Job(runner, tid_offset)
    announced = False
    while True:
        report, limits = job.report()
        if report == b"r":
            if not announced:
                _write_all(1, b'{"ready": true}\n')
                announced = True
            report, limits = job.report()
        if report == b"e":
            sys.exit(0)  # the executor closed stdin
        if report == b"f":
            os.waitpid(job.pid, 0)
            job.close()
            _answer({"exitCode": None, "ending": "FAILED_TO_START", "durationMs": 0})
            job = _Job(runner, tid_offset)
            continue
        if report != b"t":
            # the job died before it took a whole line, which may still be in the pipe: the executor replaces us
            sys.exit(70)
        started = time.monotonic()
        # clone the next job before any of this one's output passes through the buffer
        current, job = job, _Job(runner, tid_offset)
        _answer(_supervise(current, started, *limits))


main()
