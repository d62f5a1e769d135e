"""Runs one dataset inside the sandbox: applies the resource limits, starts the write-back
forwarder, then executes the dataset's code as __main__. Written by the Hookline executor.

argv: dataset_path lib_dir error_file env_file api_socket api_port as_bytes nproc fsize_bytes cpu_seconds nofile

The environment comes from env_file (then deleted), so that secrets never sit on a command line.
Before anything of the dataset runs (the forwarder's threads included) a seccomp filter denies the
system calls that reach other processes or change namespaces, mounts or the kernel (see hookline_seccomp.py).
"""
import json
import os
import resource
import socket
import sys
import threading
import traceback


def _limit(name, value):
    if value > 0:
        resource.setrlimit(getattr(resource, name), (value, value))


def _pump(src, dst):
    try:
        while True:
            chunk = src.recv(65536)
            if not chunk:
                break
            dst.sendall(chunk)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def _forward(server, api_socket):
    # DEFINITE_API_BASE_URL points at this loopback port; the only way out of the sandbox is the
    # executor's Unix socket, which reaches the gateway and nothing else.
    while True:
        try:
            client, _ = server.accept()
        except OSError:
            return
        upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            upstream.connect(api_socket)
        except OSError:
            client.close()
            upstream.close()
            continue
        threading.Thread(target=_pump, args=(client, upstream), daemon=True).start()
        threading.Thread(target=_pump, args=(upstream, client), daemon=True).start()


def _start_forwarder(api_socket, port):
    if api_socket == "-":
        return
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", port))
    server.listen(16)
    threading.Thread(target=_forward, args=(server, api_socket), daemon=True).start()


def _write_error(error_file, text):
    try:
        with open(error_file, "w", encoding="utf-8") as out:
            out.write(text[:4000])
    except OSError:
        pass


def main():
    dataset, lib_dir, error_file, env_file, api_socket, port = sys.argv[1:7]
    as_bytes, nproc, fsize, cpu, nofile = (int(v) for v in sys.argv[7:12])
    with open(env_file, encoding="utf-8") as f:
        variables = json.load(f)
    os.remove(env_file)
    os.environ.update(variables)
    _limit("RLIMIT_AS", as_bytes)
    _limit("RLIMIT_NPROC", nproc)
    _limit("RLIMIT_FSIZE", fsize)
    _limit("RLIMIT_CPU", cpu)
    _limit("RLIMIT_NOFILE", nofile)
    sys.path.insert(0, lib_dir)
    import hookline_seccomp
    hookline_seccomp.install()
    _start_forwarder(api_socket, int(port))
    with open(dataset, encoding="utf-8") as f:
        source = f.read()
    sys.argv = ["dataset.py"]
    scope = {"__name__": "__main__", "__file__": "dataset.py", "__builtins__": __builtins__}
    try:
        exec(compile(source, "dataset.py", "exec"), scope)
    except SystemExit as e:
        if e.code not in (None, 0):
            _write_error(error_file, "SystemExit: %s" % (e.code,))
            sys.stdout.flush()
            os._exit(e.code if isinstance(e.code, int) else 1)
    except BaseException as e:
        tb = e.__traceback__.tb_next if e.__traceback__ is not None else None
        traceback.print_exception(type(e), e, tb)
        _write_error(error_file, "".join(traceback.format_exception_only(type(e), e)).strip())
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(1)
    sys.stdout.flush()
    sys.stderr.flush()
    # daemon forwarder threads must not keep the process alive
    os._exit(0)


main()
