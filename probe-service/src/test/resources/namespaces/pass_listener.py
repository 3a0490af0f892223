# Passes a listening socket over a Unix socket (SCM_RIGHTS).
#   receive PATH: waits on the Unix socket PATH, prints "ready", then "received" once it holds the socket,
#                 and keeps it until stdin closes.
#   send PATH PORT: listens on 0.0.0.0:PORT (in whatever network namespace it runs), hands the socket to
#                 PATH, prints "ready" and exits: the socket lives on in that namespace, held by the receiver.
import socket
import sys

mode, path = sys.argv[1], sys.argv[2]
if mode == "receive":
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen()
    print("ready", flush=True)
    connection, _ = server.accept()
    _, fds, _, _ = socket.recv_fds(connection, 1, 1)
    print("received", flush=True)
    sys.stdin.read()
else:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("0.0.0.0", int(sys.argv[3])))
    listener.listen()
    unix = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    unix.connect(path)
    socket.send_fds(unix, [b"x"], [listener.fileno()])
    unix.close()
    print("ready", flush=True)
