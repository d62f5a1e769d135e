"""A warm Python inside one bubblewrap sandbox: forks a fresh child per job, so a trivial dataset
costs a fork, not an interpreter start. Written by the Hookline executor; one zygote runs one job
at a time and holds no secrets (each job's variables arrive with the job and live only in its child).

Protocol: one JSON line per job on stdin
  {"code", "data", "env", "timeoutMs", "cap", "limits": [as, nproc, fsize, cpu, nofile], "lib", "socket", "port"}
and one JSON line per result on stdout
  {"exitCode", "stdout", "stderr", "ending", "error", "durationMs"}   (outputs base64)

After each job every other process in the sandbox's PID namespace is killed (detached daemons
included) and /tmp is emptied, so nothing of one job reaches the next.
"""
import base64
import ctypes
import json
import os
import select
import shutil
import signal
import sys
import time

# warm the modules datasets use most
import http.client  # noqa: F401
import urllib.request  # noqa: F401
import socket  # noqa: F401
import threading  # noqa: F401
import traceback  # noqa: F401
import resource  # noqa: F401

JOB_DIR = "/tmp/job"
PROTOCOL_IN = sys.stdin.buffer
PROTOCOL_OUT = os.fdopen(os.dup(1), "wb")


def _no_ptrace():
    # a job runs with our uid: forbid it from attaching to, or reading the memory of, this zygote
    try:
        ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE, 0
    except OSError:
        pass


def _kill_everything_else():
    me = os.getpid()
    for _ in range(50):
        others = [int(p) for p in os.listdir("/proc") if p.isdigit() and int(p) not in (1, me)]
        if not others:
            return
        for pid in others:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        while True:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
        time.sleep(0.001)


def _clean_tmp():
    for name in os.listdir("/tmp"):
        path = os.path.join("/tmp", name)
        try:
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path, ignore_errors=True)
            else:
                os.remove(path)
        except OSError:
            pass


def _child(job, out_w, err_w):
    os.setsid()
    try:
        ctypes.CDLL(None, use_errno=True).prctl(4, 1, 0, 0, 0)  # the job itself may be dumpable (subprocess, /proc/self)
    except OSError:
        pass
    os.dup2(out_w, 1)
    os.dup2(err_w, 2)
    devnull = os.open("/dev/null", os.O_RDONLY)
    os.dup2(devnull, 0)
    os.closerange(3, 1024)
    sys.stdin = open(0, "r", closefd=False)
    sys.stdout = open(1, "w", buffering=1, encoding="utf-8", errors="backslashreplace", closefd=False)
    sys.stderr = open(2, "w", buffering=1, encoding="utf-8", errors="backslashreplace", closefd=False)
    as_bytes, nproc, fsize, cpu, nofile = job["limits"]
    os.chdir("/tmp")
    os.environ.clear()
    os.environ.update(job["env"])
    sys.argv = [job["lib"] + "/runner.py", JOB_DIR + "/dataset.py", job["lib"], JOB_DIR + "/error", JOB_DIR + "/env.json",
                job["socket"], str(job["port"]), str(as_bytes), str(nproc), str(fsize), str(cpu), str(nofile)]
    # the runner applies the limits, starts the write-back forwarder and runs the dataset as __main__
    exec(_runner(job["lib"]), {"__name__": "__hookline_runner__", "__builtins__": __builtins__})
    os._exit(0)


_RUNNERS = {}


def _runner(lib):
    """The runner's code, compiled once in the zygote so that children only execute it."""
    if lib not in _RUNNERS:
        path = lib + "/runner.py"
        with open(path, encoding="utf-8") as f:
            _RUNNERS[lib] = compile(f.read(), path, "exec")
    return _RUNNERS[lib]


def _read(fd, buffers, cap, open_fds):
    """Reads one chunk into the fd's buffer; False when the cap is exceeded."""
    chunk = os.read(fd, 65536)
    if not chunk:
        open_fds.remove(fd)
        return True
    room = cap - len(buffers[fd])
    buffers[fd] += chunk[:max(room, 0)]
    return len(chunk) <= room


def _run(job):
    started = time.monotonic()
    os.makedirs(JOB_DIR, exist_ok=True)
    with open(JOB_DIR + "/dataset.py", "w", encoding="utf-8") as f:
        f.write(job["code"])
    with open(JOB_DIR + "/data.json", "w", encoding="utf-8") as f:
        f.write(job["data"])
    with open(JOB_DIR + "/env.json", "w", encoding="utf-8") as f:
        json.dump({}, f)
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(out_r)
            os.close(err_r)
            _child(job, out_w, err_w)
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
    if exited:
        # drain what the child left, without waiting for daemons that may hold the pipes
        while open_fds and ending == "EXITED":
            ready, _, _ = select.select(open_fds, [], [], 0)
            if not ready:
                break
            for fd in ready:
                if not _read(fd, buffers, cap, open_fds):
                    ending = "OUTPUT_EXCEEDED"
    else:
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    os.close(pidfd)
    exit_code = os.waitstatus_to_exitcode(status)
    if exit_code < 0:
        exit_code = 128 - exit_code
    error = None
    try:
        with open(JOB_DIR + "/error", encoding="utf-8", errors="replace") as f:
            error = f.read(4000).strip() or None
    except OSError:
        pass
    os.close(out_r)
    os.close(err_r)
    _kill_everything_else()
    _clean_tmp()
    return {"exitCode": exit_code, "ending": ending, "error": error,
            "stdout": base64.b64encode(bytes(buffers[out_r])).decode("ascii"),
            "stderr": base64.b64encode(bytes(buffers[err_r])).decode("ascii"),
            "durationMs": int((time.monotonic() - started) * 1000)}


def main():
    _no_ptrace()
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    PROTOCOL_OUT.write(b'{"ready": true}\n')
    PROTOCOL_OUT.flush()
    for line in PROTOCOL_IN:
        job = json.loads(line)
        _runner(job["lib"])
        result = _run(job)
        PROTOCOL_OUT.write(json.dumps(result).encode("ascii") + b"\n")
        PROTOCOL_OUT.flush()


main()
