# A process the differential test of SocketHolders drives through socket churn, one command a line on stdin, one
# answer a line on stdout: "ok VALUE INODE..." (the socket inodes it holds now) or "error WHY".
#   listen PORT          a TCP listener on 127.0.0.1:PORT (SO_REUSEADDR, so closed ports are reused; any port when taken)
#   close INODE          closes it
#   move INODE           the socket under another descriptor, the old one closed (as many descriptors as before)
#   fork                 a child holding copies of every socket, doing nothing else (VALUE: its pid)
#   receive PATH         accepts sockets passed over the Unix socket PATH from now on, and holds them
#   give INODE PATH KEEP passes the socket to the process receiving on PATH (SCM_RIGHTS); KEEP 0 closes it here
#   exec                 runs this program again in the same process (same pid, same start time), sockets kept
# Loopback only; exits when stdin closes.
import os
import signal
import socket
import sys
import threading

held = {}
lock = threading.Lock()


def keep(sock):
    with lock:
        held[os.fstat(sock.fileno()).st_ino] = sock


def receive(path):
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen()

    def serve():
        while True:
            conn, _ = server.accept()
            _, fds, _, _ = socket.recv_fds(conn, 16, 1)
            for fd in fds:
                keep(socket.socket(fileno=fd))
            conn.send(b"k")
            conn.close()

    threading.Thread(target=serve, daemon=True).start()


def run(words):
    command = words[0]
    if command == "listen":
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", int(words[1])))
        except OSError:  # taken meanwhile (by another churner, or anyone on this machine): any port will do
            sock.bind(("127.0.0.1", 0))
        sock.listen()
        keep(sock)
        return sock.getsockname()[1]
    if command == "close":
        with lock:
            held.pop(int(words[1])).close()
        return 0
    if command == "move":
        with lock:
            old = held.pop(int(words[1]))
        moved = socket.socket(fileno=os.dup(old.fileno()))
        old.close()
        keep(moved)
        return moved.fileno()
    if command == "fork":
        pid = os.fork()
        if pid == 0:
            os.close(0)
            while True:
                signal.pause()
        return pid
    if command == "receive":
        receive(words[1])
        return 0
    if command == "give":
        with lock:
            sock = held[int(words[1])]
        link = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        link.connect(words[2])
        socket.send_fds(link, [b"s"], [sock.fileno()])
        link.recv(1)
        link.close()
        if words[3] == "0":
            with lock:
                held.pop(int(words[1])).close()
        return 0
    if command == "exec":
        with lock:
            fds = [str(sock.detach()) for sock in held.values()]
        for fd in fds:
            os.set_inheritable(int(fd), True)
        os.execv(sys.executable, [sys.executable, sys.argv[0], "exec"] + fds)
    raise ValueError("unknown command " + command)


def main():
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # forked children killed by the test are reaped at once
    if len(sys.argv) > 1 and sys.argv[1] == "exec":
        for fd in sys.argv[2:]:
            keep(socket.socket(fileno=int(fd)))
        print("ok 0 " + " ".join(str(inode) for inode in held), flush=True)
    else:
        print("ok 0", flush=True)
    for line in sys.stdin:
        try:
            value = run(line.split())
            with lock:
                inodes = " ".join(str(inode) for inode in held)
            print("ok %d %s" % (value, inodes), flush=True)
        except Exception as e:  # the test reads why
            print("error %s" % str(e).replace("\n", " "), flush=True)


main()
