# Opens the listening sockets given as arguments (transport,family,address,port; port 0 = any), prints
# "ready", and keeps them until stdin closes. Run inside a test's network namespace by NetworkNamespaces.
import socket
import sys

sockets = []
for spec in sys.argv[1:]:
    transport, family, address, port = spec.split(",")
    s = socket.socket(socket.AF_INET if family == "4" else socket.AF_INET6,
                      socket.SOCK_STREAM if transport == "tcp" else socket.SOCK_DGRAM)
    if family == "6":
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
    s.bind((address, int(port)))
    if transport == "tcp":
        s.listen()
    sockets.append(s)
print("ready", flush=True)
sys.stdin.read()
